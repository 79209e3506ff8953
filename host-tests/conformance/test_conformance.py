"""Every request the connector component sends, held against Pinterest's API description.

The command-line host drives the real `.wasm` through every operation, in the sandbox and in
production, successes and failures; a validating proxy between it and the Pinterest stand-in
checks each request against the spec (each write's body against its request-body schema, with
no field the schema does not declare), and each JSON answer of the stand-in too (so the
stand-in cannot drift from the real shapes either). The first check covers the five seed
operations and every media source; the second the whole publishing workflow (boards,
sections, pin listings and edits, duplicate detection, the polling trigger, video upload and
media status, the raw API call), against a stand-in of a Standard-access app, and asserts that
every endpoint was reached. A third drives every endpoint with plain requests, holding the
stand-in's answers to the spec beyond what the component asks for; a control sends requests
that break the spec and expects each to be reported.
"""

import base64
import http.client
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from validating_proxy import ValidatingProxy

pytestmark = pytest.mark.filterwarnings("ignore:Unsupported scheme type")

HERE = Path(__file__).resolve().parent
WORKSPACE = HERE.parent.parent
SPEC = HERE / "pinterest-v5-subset.json"
CLI = Path(os.environ.get("PINTEREST_CLI", WORKSPACE / "target/debug/pinterest-connector"))
REDIRECT_URI = "http://localhost:8085/"
BOARD = "549755885100"
SECTION = "54975588510001"
# A 1×1 PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@contextmanager
def stand_in_behind_proxy(directory, *flags):
    """Runs the CLI's stand-in (with `flags`) and a validating proxy in front of it; yields
    (proxy, stand-in origin, credentials)."""
    if not CLI.exists():
        pytest.fail(f"{CLI} is missing: run ./build.sh test "
                    "(or ./build.sh, then cargo build -p pinterest-connector-cli) first")
    log = directory / "stdout.txt"
    with open(log, "w") as out:
        stand_in = subprocess.Popen([CLI, "stand-in", "--port", "0", *flags], stdout=out,
                                    stderr=subprocess.STDOUT)
    try:
        text = ""
        for _ in range(300):
            text = log.read_text()
            if "Serving until" in text:
                break
            time.sleep(0.1)
        origin = re.search(r"production API:\s+(http://\S+)", text).group(1)
        credentials = {"PINTEREST_APP_ID": re.search(r"app id:\s+(\S+)", text).group(1),
                       "PINTEREST_APP_SECRET": re.search(r"app secret:\s+(\S+)", text).group(1)}
        proxy = ValidatingProxy(str(SPEC), origin).start()
        try:
            yield proxy, origin, credentials
        finally:
            proxy.stop()
    finally:
        stand_in.terminate()
        stand_in.wait()


@pytest.fixture(scope="module")
def pinterest(tmp_path_factory):
    """The stand-in behind a validating proxy; yields (proxy, stand-in origin, credentials)."""
    with stand_in_behind_proxy(tmp_path_factory.mktemp("stand-in")) as started:
        yield started


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    """The compiled-component cache every run of the command line shares (compiled once)."""
    return tmp_path_factory.mktemp("cache")


def command_line(stand_in, home, cache, environments):
    """Runs the command-line host against the proxy of `stand_in`, signed in (through the
    consent page and the proxied token endpoint) in each of `environments` (True: the sandbox);
    `run(*args, sandbox=…)` returns (exit code, stdout+stderr)."""
    proxy, origin, credentials = stand_in
    env = dict(os.environ, **credentials)

    def run(*args, sandbox=True, stdout_only=False):
        base = proxy.base_url + ("/sandbox" if sandbox else "")
        tokens = home / ("tokens-sandbox.json" if sandbox else "tokens.json")
        command = [CLI, "--api-base-url", base, "--authorize-url", origin + "/oauth/",
                   "--token-file", tokens, "--cache-dir", cache]
        if sandbox:
            command.append("--sandbox")
        done = subprocess.run(command + list(args), env=env, capture_output=True, text=True, timeout=120)
        # Standard error may hold notes (the first run compiles the component).
        return done.returncode, done.stdout if stdout_only else done.stdout + done.stderr

    for sandbox in environments:
        code, out = run("--json", "authorize", "--redirect-uri", REDIRECT_URI, sandbox=sandbox,
                        stdout_only=True)
        assert code == 0, out
        consent = json.loads(out)["url"]
        opener = urllib.request.build_opener(NoRedirect)
        try:
            opener.open(consent)
            pytest.fail("the consent page did not redirect")
        except urllib.error.HTTPError as redirect:
            location = redirect.headers["location"]
        grant = re.search(r"[?&]code=([^&]+)", location).group(1)
        code, out = run("exchange", "--code", grant, "--redirect-uri", REDIRECT_URI, sandbox=sandbox)
        assert code == 0, out
    run.home = home
    return run


@pytest.fixture(scope="module")
def cli(pinterest, cache, tmp_path_factory):
    """The command line against the first stand-in (a Trial-access app), signed in to both."""
    return command_line(pinterest, tmp_path_factory.mktemp("cli"), cache, (True, False))


def test_every_operation_and_media_source_matches_the_spec(pinterest, cli):
    proxy, _, _ = pinterest
    png = cli.home / "tart.png"
    png.write_bytes(PNG)
    text = ["--title", "Lemon tart", "--description", "Bright and tangy",
            "--link", "https://shop.example/tart", "--alt-text", "A lemon tart",
            "--dominant-color", "#6E7874"]
    commands = [
        (0, ["refresh"]),
        (0, ["whoami"]),
        (0, ["boards", "--all"]),
        (0, ["boards", "--page-size", "7", "--privacy", "public"]),
        (None, ["boards", "--privacy", "secret"]),  # lacks boards:read_secret: Pinterest's code 3
        (0, ["board", "check", BOARD]),
        (None, ["board", "check", "549755885999"]),  # not found
        (0, ["pin", "create", "--board", BOARD, "--section", SECTION,
             "--image-url", "https://cdn.example/tart.jpg", *text]),
        (0, ["pin", "create", "--board", BOARD, "--image-file", str(png)]),
        (0, ["pin", "create", "--board", BOARD,
             "--image-urls", "https://cdn.example/1.jpg,https://cdn.example/2.jpg"]),
        (0, ["pin", "create", "--board", BOARD, "--image-files", str(png), "--image-files", str(png)]),
        (None, ["pin", "create", "--board", BOARD, "--video-id", "4200",
                "--cover-url", "https://cdn.example/cover.jpg"]),
        (None, ["pin", "create", "--board", BOARD, "--video-id", "4200", "--key-frame", "3"]),
    ]
    for expected, args in commands:
        code, out = cli(*args)
        if expected is not None:
            assert code == expected, f"{args}: {out}"
    # A Trial-access app writing to production: Pinterest's code 29.
    code, out = cli("pin", "create", "--board", BOARD, "--image-url", "https://cdn.example/tart.jpg",
                    sandbox=False)
    assert code != 0 and "sandbox" in out, out

    assert proxy.violations == [], proxy.report()
    operations = set(proxy.seen())
    assert operations == {
        ("POST", "/v5/oauth/token"),
        ("GET", "/v5/user_account"),
        ("GET", "/v5/boards"),
        ("GET", "/v5/boards/{board_id}"),
        ("POST", "/v5/pins"),
    }, operations
    statuses = {exchange.status for exchange in proxy.exchanges}
    assert {200, 201, 403, 404} <= statuses, statuses


#: Every endpoint and method the operations of the whole publishing workflow use, each with the
#: request-body schema a write's body must have been held to (None: the request has no body).
NEW_OPERATIONS = {
    ("POST", "/v5/boards"): "BoardCreate",
    ("PATCH", "/v5/boards/{board_id}"): "BoardWithUpdatePrivacyUpdate",
    ("DELETE", "/v5/boards/{board_id}"): None,
    ("GET", "/v5/boards/{board_id}/sections"): None,
    ("POST", "/v5/boards/{board_id}/sections"): "BoardSection",
    ("PATCH", "/v5/boards/{board_id}/sections/{section_id}"): "BoardSection",
    ("DELETE", "/v5/boards/{board_id}/sections/{section_id}"): None,
    ("GET", "/v5/boards/{board_id}/pins"): None,
    ("GET", "/v5/boards/{board_id}/sections/{section_id}/pins"): None,
    ("GET", "/v5/pins"): None,
    ("GET", "/v5/pins/{pin_id}"): None,
    ("PATCH", "/v5/pins/{pin_id}"): "PinUpdate",
    ("DELETE", "/v5/pins/{pin_id}"): None,
    ("POST", "/v5/pins/{pin_id}/save"): "inline",
    ("POST", "/v5/media"): "MediaUploadCreate",
    ("GET", "/v5/media/{media_id}"): None,
    ("GET", "/v5/media"): None,
    # Not new, but now also with a video (`video_id`) and after a duplicate check.
    ("POST", "/v5/pins"): "PinCreate",
}


@pytest.fixture(scope="module")
def standard_cli(tmp_path_factory, cache):
    """The command line against its own stand-in of a Standard-access app (which may create
    video pins in production), signed in to production."""
    with stand_in_behind_proxy(tmp_path_factory.mktemp("standard-cli"), "--standard-access") as started:
        run = command_line(started, tmp_path_factory.mktemp("cli"), cache, (False,))
        run.credentials = started[2]
        yield started[0], run


def test_every_new_operation_of_the_component_matches_the_spec(standard_cli):
    """The operations of the whole publishing workflow, each driven through the command line, so
    that the real component's requests pass through the proxy: boards and sections created,
    changed, listed (one page and every page) and deleted; pins read, listed (board, section,
    account; one page and every page), changed, moved, saved and deleted; duplicates looked for
    before a pin is created; new pins polled for; a video registered, uploaded (to the upload
    URL, another origin, outside the proxy) and waited for, then pinned; raw API calls. Each
    request is held to the spec, each write's body to its request-body schema, and every new
    endpoint must have been reached (a skipped command cannot pass unnoticed)."""
    proxy, run = standard_cli
    start = len(proxy.exchanges)
    failures = []

    def cli(*args, expect=0, stdout_only=False):
        code, out = run(*args, sandbox=False, stdout_only=stdout_only)
        if expect is not None and code != expect:
            failures.append(f"{' '.join(args)} → exit {code} (expected {expect}):\n{out}")
        return out

    def created(*args):
        """What a `--json` command printed (the created board, section, pin or media)."""
        out = cli("--json", *args, stdout_only=True)
        try:
            return json.loads(out)
        except ValueError:
            failures.append(f"{' '.join(args)}: no JSON in {out!r}")
            return {}

    # Boards: create (with and without the optional fields), change, and at the end delete.
    board = created("board", "create", "--name", "Conformance", "--description", "Made here",
                    "--privacy", "public").get("id", "0")
    ads = created("board", "create", "--name", "Ads", "--ads-only").get("id", "0")
    cli("board", "update", board, "--name", "Renamed", "--description", "", "--privacy", "public")
    # An ad-only board is always PROTECTED: the stand-in refuses changes to it (400).
    cli("board", "update", ads, "--description", "Ad-only pins", expect=None)

    # Sections: one page, every page, create, rename.
    cli("sections", "--board", BOARD)
    cli("sections", "--board", BOARD, "--all", "--page-size", "25")
    section = created("section", "create", "--board", board, "--name", "Tarts").get("id", "0")
    cli("section", "update", section, "--board", board, "--name", "Pies")

    # Duplicates looked for before each pin (a board's pins, a section's pins); the second
    # identical pin is skipped.
    tart = ["--image-url", "https://cdn.example/tart.jpg", "--title", "Lemon tart",
            "--link", "https://shop.example/tart"]
    pin = created("pin", "create", "--board", board, *tart, "--skip-duplicates").get("id", "0")
    out = cli("pin", "create", "--board", board, *tart, "--skip-duplicates")
    assert "duplicate" in out.lower(), out
    cli("pin", "create", "--board", board, "--section", section, "--image-url",
        "https://cdn.example/pie.jpg", "--title", "Pie", "--skip-duplicates",
        "--duplicates-by", "title")

    # Pins: read, list (board, section, account; one page and every page).
    cli("pins", "get", pin)
    cli("pins", "list", "--board", BOARD)
    cli("pins", "list", "--board", BOARD, "--all", "--page-size", "25")
    cli("pins", "list", "--board", BOARD, "--section", SECTION, "--page-size", "4")
    cli("pins", "list", "--board", BOARD, "--section", SECTION, "--all", "--page-size", "4")
    cli("pins", "list")
    cli("pins", "list", "--all", "--page-size", "50")

    # Pins: change, move between boards and sections, save, poll for new ones.
    cli("pins", "update", pin, "--title", "Lime tart", "--alt-text", "A tart",
        "--link", "https://shop.example/lime")
    cli("pins", "update", pin, "--board", BOARD, "--section", SECTION)
    cli("pins", "update", pin, "--board", board, "--no-section", "--description", "")
    saved = created("pins", "save", pin, "--board", board, "--section", section).get("id", "0")
    cli("pins", "save", pin, "--board", BOARD)
    cli("pins", "watch", "--board", board, "--interval", "1", "--polls", "2", "--backlog", "2")
    cli("pins", "watch", "--board", board, "--section", section, "--interval", "1", "--polls", "1")

    # A video: registered, uploaded to the upload URL, waited for, pinned (two ways).
    clip = run.home / "clip.mp4"
    clip.write_bytes(bytes(range(256)) * 64)
    media = created("video", "upload", str(clip), "--wait-seconds", "60").get("media_id", "0")
    cli("pin", "create", "--board", board, "--video-id", media, "--key-frame-time", "1",
        "--title", "Clip")
    cli("pin", "create", "--board", board, "--video", str(clip), "--cover-image-url",
        "https://cdn.example/cover.jpg", "--wait-seconds", "60", "--skip-duplicates")

    # Raw calls: the account's media (list-media has no command of its own), a listing with
    # filters, a write with a body.
    cli("api", "GET", "/v5/media", "--query", "page_size=10")
    cli("api", "GET", f"/v5/boards/{BOARD}/pins", "--query", "page_size=5",
        "--query", "creative_types=VIDEO", "--query", "ad_account_id=42")
    cli("api", "PATCH", f"/v5/boards/{board}/sections/{section}", "--body", '{"name": "Tarts"}')
    cli("api", "GET", f"/v5/media/{media}")

    # Refusals: unknown ids.
    cli("pins", "get", "813040700000009999", expect=None)
    cli("sections", "--board", "549755885999", expect=None)
    cli("section", "update", "1", "--board", BOARD, "--name", "x", expect=None)
    cli("pins", "save", "813040700000009999", "--board", BOARD, expect=None)
    cli("board", "delete", "549755885999", "--yes", expect=None)
    cli("api", "GET", "/v5/pins/813040700000009999", expect=None)

    # Deletions.
    cli("pins", "delete", saved, "--yes")
    cli("section", "delete", section, "--board", board, "--yes")
    cli("board", "delete", board, "--yes")
    cli("board", "delete", ads, "--yes")

    assert failures == [], "\n\n".join(failures)
    assert proxy.violations == [], proxy.report()
    seen = proxy.seen(start)
    missing = [operation for operation in NEW_OPERATIONS if operation not in seen]
    assert missing == [], f"no request reached {missing}; seen: {seen}"
    bodies = proxy.bodies_checked(start)
    for operation, schema in NEW_OPERATIONS.items():
        if schema:
            assert bodies.get(operation) == schema, (operation, bodies)
    statuses = {exchange.status for exchange in proxy.exchanges[start:]}
    assert {200, 201, 204, 400, 404} <= statuses, statuses
    print("validated requests per operation:", json.dumps(
        {f"{method} {path}": count for (method, path), count in sorted(seen.items(), key=lambda x: x[0][1])},
        indent=1))


#: The endpoints of the new operations that take Pinterest's `ad_account_id` (Business Access).
AD_ACCOUNT_OPERATIONS = {operation for operation in NEW_OPERATIONS if "/media" not in operation[1]}


def test_business_access_and_list_media_match_the_spec(standard_cli):
    """What the command line cannot send: it has no ad-account setting and no command for
    list-media. The Python host runs the same component (its standard-WASI build) with the
    config's `ad-account-id`, through every new operation that reaches an endpoint taking
    Pinterest's `ad_account_id` (which must carry it) and through the media listing and status
    (which take none: the proxy refuses a query parameter the spec does not declare)."""
    proxy, run = standard_cli
    sys.path.insert(0, str(WORKSPACE / "hosts/python"))
    try:
        from pinterest_host import Connector, ConnectorError, component_path
    except ImportError as error:
        pytest.fail(f"the Python host cannot be loaded ({error}): build.sh's venv has its packages")
    if not component_path().exists():
        pytest.fail(f"{component_path()} is missing: run ./build.sh first")
    token = json.loads((run.home / "tokens.json").read_text())["access_token"]
    config = {"client-id": run.credentials["PINTEREST_APP_ID"],
              "client-secret": run.credentials["PINTEREST_APP_SECRET"],
              "environment": "production", "api-base-url": proxy.base_url, "ad-account-id": "42"}
    connector = Connector()
    start = len(proxy.exchanges)

    def call(operation, /, **input):
        return connector.call(operation, config=config, access_token=token, **input)

    board = call("create-board", board={"name": "Business", "description": "For the ad account",
                                        "privacy": "public"})["id"]
    call("update-board", board_id=board, changes={"name": "Business 2"})
    call("list-sections", board_id=BOARD, query={"page-size": 5})
    call("list-all-sections", board_id=BOARD, max_items=30)
    section = call("create-section", board_id=board, name="Ads")["id"]
    where = {"board-id": board, "section-id": section}
    call("update-section", section=where, name="Ads 2")
    pin = call("create-pin", pin={"board-id": board, "board-section-id": section, "title": "Ad",
                                  "media": {"tag": "image-url", "val": "https://cdn.example/ad.jpg"}})["id"]
    call("get-pin", pin_id=pin)
    for source in ({"tag": "board", "val": BOARD},
                   {"tag": "section", "val": {"board-id": BOARD, "section-id": SECTION}},
                   {"tag": "account"}):
        call("list-pins", source=source, query={"page-size": 3})
        call("list-all-pins", source=source, max_items=40)
    call("update-pin", pin_id=pin, changes={"title": "Ad 2", "board-section-id": ""})
    call("save-pin", pin_id=pin, board_id=BOARD, board_section_id=SECTION)
    call("find-duplicate-pins", source={"tag": "board", "val": board},
         candidate={"title": "ad 2"}, max_scanned=100)
    cursor = call("poll-new-pins", source={"tag": "board", "val": board})["cursor"]
    call("poll-new-pins", source={"tag": "section", "val": where}, cursor=None, backlog=5)
    call("poll-new-pins", source={"tag": "board", "val": board}, cursor=cursor)
    raw = len(proxy.exchanges)
    call("api-request", method="get", path=f"/v5/boards/{BOARD}/pins",
         query=[{"name": "page_size", "value": "2"}], json_body=None)
    raw = proxy.exchanges[raw]
    media = call("list-media", query={"page-size": 2})
    try:  # a media id of the account's, or one Pinterest does not know (404)
        call("get-media", media_id=next((item["media-id"] for item in media.get("items", [])),
                                        "5212123920968249999"))
    except ConnectorError:
        pass
    call("delete-pin", pin_id=pin)
    call("delete-section", section=where)
    call("delete-board", board_id=board)

    assert proxy.violations == [], proxy.report()
    seen = proxy.seen(start)
    assert {("GET", "/v5/media"), ("GET", "/v5/media/{media_id}")} <= set(seen), seen
    missing = [operation for operation in AD_ACCOUNT_OPERATIONS if operation not in seen]
    assert missing == [], f"no request reached {missing}; seen: {seen}"
    # Every request of a typed operation to an endpoint that takes it carried the ad account.
    without = [(e.method, e.operation, e.query) for e in proxy.exchanges[start:]
               if "/media" not in e.operation and e is not raw and e.query.get("ad_account_id") != "42"]
    assert without == [], without
    print("validated requests per operation (Python host):", json.dumps(
        {f"{method} {path}": count for (method, path), count in sorted(seen.items(), key=lambda x: x[0][1])},
        indent=1))


def test_the_proxy_catches_what_the_spec_forbids(pinterest):
    """A control: requests that break the spec are reported, each of them, so a clean run means
    something; among them a bad body for every write the component sends, and bodies with a
    field their schema does not declare (which only the proxy's own field check can see)."""
    proxy, _, _ = pinterest
    bearer = {"authorization": "Bearer pina_x"}
    bad = [
        ("GET", "/sandbox/v5/boards?page_size=0", None, bearer),
        ("GET", "/sandbox/v5/boards?privacy=private", None, bearer),
        ("GET", "/sandbox/v5/user_account", None, {"authorization": "Token pina_x"}),
        ("POST", "/sandbox/v5/pins", {"board_id": "1", "title": 5,
                                      "media_source": {"source_type": "image_url"}}, bearer),
        ("POST", "/sandbox/v5/oauth/token", {"grant_type": "refresh_token"}, {"authorization": "Basic eDp5"}),
        # The token request's variant, which its discriminator names (validators check only the
        # base type): a field it requires missing, a field it does not declare.
        ("POST", "/sandbox/v5/oauth/token", "grant_type=authorization_code&code=abc",
         {"authorization": "Basic eDp5"}),
        ("POST", "/sandbox/v5/oauth/token", "grant_type=refresh_token&refresh_token=pinr_x&client_id=1",
         {"authorization": "Basic eDp5"}),
        ("GET", f"/sandbox/v5/boards/{BOARD}/sections?page_size=0", None, bearer),
        ("GET", f"/sandbox/v5/boards/{BOARD}/pins?creative_types=GIF", None, bearer),
        ("GET", "/sandbox/v5/pins?pin_filter=everything", None, bearer),
        ("DELETE", "/sandbox/v5/pins/1", None, {"authorization": "Token pina_x"}),
        # Query parameters the operation does not declare (only the proxy's own check sees them).
        ("GET", "/sandbox/v5/media?ad_account_id=42", None, bearer),
        ("GET", f"/sandbox/v5/boards/{BOARD}/sections?sort=name", None, bearer),
        # A bad body for each write.
        ("PATCH", "/sandbox/v5/pins/1", {"title": "t" * 101}, bearer),
        ("POST", "/sandbox/v5/media", {"media_type": "image"}, bearer),
        ("POST", "/sandbox/v5/boards", {"name": "x", "privacy": "PRIVATE"}, bearer),
        ("PATCH", "/sandbox/v5/boards/1", {"privacy": "PROTECTED"}, bearer),
        ("POST", "/sandbox/v5/boards/1/sections", {"name": ""}, bearer),
        ("PATCH", "/sandbox/v5/boards/1/sections/2", {"name": "s" * 181}, bearer),
        ("POST", "/sandbox/v5/pins/1/save", {"board_id": "my-board"}, bearer),
        # Fields the schemas do not declare (open schemas: only the field check sees them).
        ("POST", "/sandbox/v5/boards", {"name": "x", "secret": True}, bearer),
        ("PATCH", "/sandbox/v5/pins/1", {"section_id": "1"}, bearer),
        ("POST", "/sandbox/v5/pins/1/save", {"board": "1"}, bearer),
        ("POST", "/sandbox/v5/pins", {"board_id": "1", "media_source": {
            "source_type": "image_url", "url": "https://cdn.example/a.jpg",
            "cover_image_url": "https://cdn.example/b.jpg"}}, bearer),
        ("PATCH", "/sandbox/v5/boards/1/sections/2", {"name": "x", "id": "2"}, bearer),  # read-only
    ]
    unnoticed = []
    for method, path, body, headers in bad:
        before = len(proxy.violations)
        data = None
        headers = dict(headers)
        if isinstance(body, str):
            data = body.encode()
            headers["content-type"] = "application/x-www-form-urlencoded"
        elif body is not None:  # JSON (at the token endpoint: where the spec takes a form)
            data = json.dumps(body).encode()
            headers["content-type"] = "application/json"
        request = urllib.request.Request(proxy.base_url + path, data=data, headers=headers, method=method)
        try:
            urllib.request.urlopen(request).read()
        except urllib.error.HTTPError as answer:
            answer.read()
        found = proxy.violations[before:]
        if not found or any(v["side"] != "request" for v in found):
            unnoticed.append((method, path, body, found))
        del proxy.violations[before:]
    assert unnoticed == [], unnoticed
    # And the requests the component sends, the same operations with good bodies, pass (the code
    # exchange with `continuous_refresh`, which only the endpoint's prose names).
    before = len(proxy.violations)
    request = urllib.request.Request(
        proxy.base_url + "/sandbox/v5/oauth/token", method="POST",
        data=b"grant_type=authorization_code&code=abc&redirect_uri=http%3A%2F%2Flocalhost%3A8085%2F"
             b"&continuous_refresh=true",
        headers={"authorization": "Basic eDp5", "content-type": "application/x-www-form-urlencoded"})
    try:
        urllib.request.urlopen(request).read()
    except urllib.error.HTTPError as answer:
        answer.read()
    assert proxy.violations[before:] == [], proxy.report()
    for method, path, body in [
        ("POST", "/sandbox/v5/boards", {"name": "x", "description": None, "privacy": "SECRET"}),
        ("PATCH", "/sandbox/v5/pins/1", {"board_section_id": None, "alt_text": "a"}),
        ("POST", "/sandbox/v5/pins/1/save", {"board_id": "1", "board_section_id": "2"}),
        ("POST", "/sandbox/v5/pins", {"board_id": "1", "media_source": {
            "source_type": "video_id", "media_id": "3", "cover_image_key_frame_time": 0}}),
    ]:
        before = len(proxy.violations)
        request = urllib.request.Request(proxy.base_url + path, data=json.dumps(body).encode(), method=method,
                                         headers={**bearer, "content-type": "application/json"})
        try:
            urllib.request.urlopen(request).read()
        except urllib.error.HTTPError as answer:
            answer.read()
        assert proxy.violations[before:] == [], proxy.report()
    # A good body sent in chunks (as a wasi:http host sends a body of unknown length) is read
    # whole, not taken for a missing one.
    before = len(proxy.violations)
    connection = http.client.HTTPConnection(*proxy.server.server_address, timeout=30)
    connection.request("PATCH", f"/sandbox/v5/boards/{BOARD}/sections/{SECTION}",
                       body=iter([b'{"name":', b' "Chunked"}']), encode_chunked=True,
                       headers={**bearer, "content-type": "application/json"})
    connection.getresponse().read()
    connection.close()
    assert proxy.violations[before:] == [], proxy.report()


# Every scope the endpoints below need, secret ones included.
ALL_SCOPES = ("boards:read,boards:read_secret,boards:write,boards:write_secret,"
              "pins:read,pins:read_secret,pins:write,pins:write_secret,user_accounts:read")
SECRET_BOARD = "549755885107"


class Api:
    """Plain requests through the proxy with a bearer token; each answer is (status, JSON)."""

    def __init__(self, base, token):
        self.base = base
        self.token = token

    def call(self, method, path, body=None, token=None):
        headers = {"authorization": f"Bearer {token or self.token}"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["content-type"] = "application/json"
        request = urllib.request.Request(self.base + path, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(request) as answer:
                status, raw = answer.status, answer.read()
        except urllib.error.HTTPError as answer:
            status, raw = answer.code, answer.read()
        return status, (json.loads(raw) if raw else None)

    def ok(self, method, path, body=None, status=200):
        got, answer = self.call(method, path, body)
        assert got == status, (method, path, got, answer)
        return answer

    def every_page(self, path, page_size):
        """Every item of a listing, following bookmarks to the end."""
        items, bookmark = [], None
        separator = "&" if "?" in path else "?"
        for _ in range(100):
            url = f"{path}{separator}page_size={page_size}"
            if bookmark:
                url += f"&bookmark={urllib.parse.quote(bookmark)}"
            page = self.ok("GET", url)
            items += page["items"]
            bookmark = page["bookmark"]
            if bookmark is None:
                return items
        pytest.fail(f"{path}: the bookmarks never end")


def signed_in(proxy, origin, credentials, sandbox):
    """A token for every scope, through the consent page and the proxied token endpoint."""
    query = urllib.parse.urlencode({"client_id": credentials["PINTEREST_APP_ID"],
                                    "redirect_uri": REDIRECT_URI, "response_type": "code",
                                    "scope": ALL_SCOPES, "state": "s"})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        opener.open(f"{origin}/oauth/?{query}")
        pytest.fail("the consent page did not redirect")
    except urllib.error.HTTPError as redirect:
        code = re.search(r"[?&]code=([^&]+)", redirect.headers["location"]).group(1)
    base = proxy.base_url + ("/sandbox" if sandbox else "")
    secret = f"{credentials['PINTEREST_APP_ID']}:{credentials['PINTEREST_APP_SECRET']}"
    request = urllib.request.Request(
        base + "/v5/oauth/token",
        data=urllib.parse.urlencode({"grant_type": "authorization_code", "code": code,
                                     "redirect_uri": REDIRECT_URI}).encode(),
        headers={"authorization": "Basic " + base64.b64encode(secret.encode()).decode(),
                 "content-type": "application/x-www-form-urlencoded"},
        method="POST")
    with urllib.request.urlopen(request) as answer:
        return Api(base, json.loads(answer.read())["access_token"])


def multipart(fields, filename, content):
    """A multipart/form-data body: the fields in order, then the file as `file`."""
    boundary = "----conformance-7d3f"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
                 f"Content-Type: video/mp4\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.fixture(scope="module")
def standard_access(tmp_path_factory):
    """A stand-in of a Standard-access app (video pins in production) behind its own proxy."""
    with stand_in_behind_proxy(tmp_path_factory.mktemp("standard"), "--standard-access") as started:
        yield started


def test_boards_sections_pins_and_media_answer_as_the_spec_says(standard_access):
    """Every endpoint beyond the first five, driven with plain requests (successes, pages to the
    end, refusals), each request and answer held against the spec by the proxy."""
    proxy, origin, credentials = standard_access
    api = signed_in(proxy, origin, credentials, sandbox=False)
    sandbox = signed_in(proxy, origin, credentials, sandbox=True)

    # Listings, to the end.
    assert len(api.every_page(f"/v5/boards/{BOARD}/pins", 25)) == 60
    api.every_page(f"/v5/boards/{BOARD}/pins?creative_types=VIDEO&creative_types=CAROUSEL"
                   "&pin_metrics=true&ad_account_id=42", 5)
    assert len(api.every_page(f"/v5/boards/{BOARD}/sections", 25)) == 60
    assert len(api.every_page(f"/v5/boards/{BOARD}/sections/{SECTION}/pins?ad_account_id=42", 4)) == 15
    api.every_page("/v5/pins?include_protected_pins=true&pin_metrics=true", 25)
    api.every_page("/v5/pins?pin_filter=exclude_repins&pin_type=PRIVATE&creative_types=REGULAR", 2)
    sandbox.every_page(f"/v5/boards/{SECRET_BOARD}/pins", 2)

    # Boards and sections: create, change, delete.
    board = api.ok("POST", "/v5/boards?ad_account_id=42",
                   {"name": "Conformance", "description": "Made here", "privacy": "SECRET"}, 201)
    api.ok("POST", "/v5/boards", {"name": "Ads", "is_ads_only": True}, 201)
    api.ok("PATCH", f"/v5/boards/{board['id']}",
           {"name": "Renamed", "description": None, "privacy": "PUBLIC"})
    section = api.ok("POST", f"/v5/boards/{board['id']}/sections", {"name": "Tarts"}, 201)
    api.ok("PATCH", f"/v5/boards/{board['id']}/sections/{section['id']}", {"name": "Pies"})

    # Pins: create, read, change and move, save, list.
    pin = sandbox.ok("POST", "/v5/pins", {"board_id": board["id"], "board_section_id": section["id"],
                                          "title": "Lemon tart",
                                          "media_source": {"source_type": "image_url",
                                                           "url": "https://cdn.example/tart.jpg"}}, 201)
    sandbox.ok("GET", f"/v5/pins/{pin['id']}?pin_metrics=true")
    sandbox.ok("PATCH", f"/v5/pins/{pin['id']}?ad_account_id=42",
               {"title": "Lime tart", "alt_text": "A tart", "board_id": BOARD, "board_section_id": SECTION})
    sandbox.ok("PATCH", f"/v5/pins/{pin['id']}", {"description": None, "board_section_id": None})
    saved = sandbox.ok("POST", f"/v5/pins/{pin['id']}/save", {"board_id": board["id"]}, 201)
    assert saved["parent_pin_id"] == pin["id"]
    sandbox.ok("POST", f"/v5/pins/{pin['id']}/save", {"board_section_id": SECTION}, 201)
    api.every_page("/v5/pins?pin_filter=exclude_native", 250)

    # A video: register, upload to the upload URL (not through the proxy), wait, pin.
    media = api.ok("POST", "/v5/media", {"media_type": "video"}, 201)
    body, content_type = multipart(media["upload_parameters"], "clip.mp4", bytes(range(256)) * 64)
    upload = urllib.request.Request(media["upload_url"], data=body, method="POST",
                                    headers={"content-type": content_type})
    with urllib.request.urlopen(upload) as answer:
        assert answer.status == 204
    video = {"board_id": BOARD, "title": "Clip",
             "media_source": {"source_type": "video_id", "media_id": media["media_id"],
                              "cover_image_key_frame_time": 1}}
    assert api.call("POST", "/v5/pins", video)[0] == 400  # still processing
    statuses = [api.ok("GET", f"/v5/media/{media['media_id']}")["status"] for _ in range(3)]
    assert statuses == ["processing", "processing", "succeeded"]
    assert api.ok("POST", "/v5/pins", video, 201)["media"]["media_type"] == "video"
    api.ok("POST", "/v5/media", {"media_type": "video"}, 201)
    assert len(api.every_page("/v5/media", 1)) == 2

    # Refusals the spec documents.
    assert api.call("GET", "/v5/pins/813040700000009999")[0] == 404
    assert api.call("GET", "/v5/media/5212123920968249999")[0] == 404
    assert api.call("GET", "/v5/boards/549755885999/sections")[0] == 404
    assert api.call("GET", "/v5/boards/549755885999/pins")[0] == 404
    assert api.call("GET", f"/v5/boards/{BOARD}/sections/1/pins")[0] == 404
    assert api.call("PATCH", f"/v5/boards/{BOARD}/sections/1", {"name": "x"})[0] == 404
    assert api.call("DELETE", f"/v5/boards/{BOARD}/sections/1")[0] == 404
    assert api.call("POST", "/v5/pins/813040700000009999/save", {"board_id": BOARD})[0] == 404
    assert sandbox.call("PATCH", f"/v5/pins/{pin['id']}", {"board_section_id": "1"})[0] == 404
    assert api.call("DELETE", "/v5/boards/549755885999")[0] == 404
    assert api.call("POST", "/v5/boards", {"name": "  "})[0] == 400
    assert api.call("POST", "/v5/media", {"media_type": "video"}, token="pina_unknown")[0] == 401

    # Deletions: 204 with no body.
    sandbox.ok("DELETE", f"/v5/pins/{saved['id']}", status=204)
    api.ok("DELETE", f"/v5/boards/{board['id']}/sections/{section['id']}", status=204)
    api.ok("DELETE", f"/v5/boards/{board['id']}", status=204)

    assert proxy.violations == [], proxy.report()
    operations = set(proxy.seen())
    assert operations == {
        ("POST", "/v5/oauth/token"),
        ("GET", "/v5/boards/{board_id}/pins"),
        ("GET", "/v5/boards/{board_id}/sections"),
        ("GET", "/v5/boards/{board_id}/sections/{section_id}/pins"),
        ("GET", "/v5/pins"),
        ("POST", "/v5/boards"),
        ("PATCH", "/v5/boards/{board_id}"),
        ("DELETE", "/v5/boards/{board_id}"),
        ("POST", "/v5/boards/{board_id}/sections"),
        ("PATCH", "/v5/boards/{board_id}/sections/{section_id}"),
        ("DELETE", "/v5/boards/{board_id}/sections/{section_id}"),
        ("POST", "/v5/pins"),
        ("GET", "/v5/pins/{pin_id}"),
        ("PATCH", "/v5/pins/{pin_id}"),
        ("DELETE", "/v5/pins/{pin_id}"),
        ("POST", "/v5/pins/{pin_id}/save"),
        ("POST", "/v5/media"),
        ("GET", "/v5/media"),
        ("GET", "/v5/media/{media_id}"),
    }, operations
    statuses = {exchange.status for exchange in proxy.exchanges}
    assert {200, 201, 204, 400, 401, 404} <= statuses, statuses
