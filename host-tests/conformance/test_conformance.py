"""Every request the connector component sends, held against Pinterest's API description.

The command-line host drives the real `.wasm` through each operation and each media source, in
the sandbox and in production, successes and failures; a validating proxy between it and the
Pinterest stand-in checks each request against the spec, and each JSON answer of the stand-in
too (so the stand-in cannot drift from the real shapes either). The endpoints the command line
does not call yet (board and section writes, pin listings and edits, media) are driven with
plain requests through the same kind of proxy, so the stand-in's answers to them are held to
the spec as well.
"""

import base64
import json
import os
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
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


@pytest.fixture(scope="module")
def pinterest(tmp_path_factory):
    """The stand-in behind a validating proxy; yields (proxy, stand-in origin, credentials)."""
    if not CLI.exists():
        pytest.fail(f"{CLI} is missing: run ./build.sh test (or cargo build -p host-tests) first")
    log = tmp_path_factory.mktemp("stand-in") / "stdout.txt"
    with open(log, "w") as out:
        stand_in = subprocess.Popen([CLI, "stand-in", "--port", "0"], stdout=out, stderr=subprocess.STDOUT)
    try:
        text = ""
        for _ in range(300):
            text = log.read_text()
            if "Serving until" in text:
                break
            time.sleep(0.1)
        origin = re.search(r"production API:\s+(http://\S+)", text).group(1)
        app_id = re.search(r"app id:\s+(\S+)", text).group(1)
        secret = re.search(r"app secret:\s+(\S+)", text).group(1)
        proxy = ValidatingProxy(str(SPEC), origin).start()
        yield proxy, origin, {"PINTEREST_APP_ID": app_id, "PINTEREST_APP_SECRET": secret}
        proxy.stop()
    finally:
        stand_in.terminate()
        stand_in.wait()


@pytest.fixture(scope="module")
def cli(pinterest, tmp_path_factory):
    """Runs the command-line host against the proxy; returns (exit code, stdout+stderr)."""
    proxy, origin, credentials = pinterest
    home = tmp_path_factory.mktemp("cli")
    env = dict(os.environ, **credentials)

    def run(*args, sandbox=True, stdout_only=False):
        base = proxy.base_url + ("/sandbox" if sandbox else "")
        tokens = home / ("tokens-sandbox.json" if sandbox else "tokens.json")
        command = [CLI, "--api-base-url", base, "--authorize-url", origin + "/oauth/",
                   "--token-file", tokens, "--cache-dir", home / "cache"]
        if sandbox:
            command.append("--sandbox")
        done = subprocess.run(command + list(args), env=env, capture_output=True, text=True, timeout=120)
        # Standard error may hold notes (the first run compiles the component).
        return done.returncode, done.stdout if stdout_only else done.stdout + done.stderr

    def sign_in(sandbox):
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

    sign_in(sandbox=True)
    sign_in(sandbox=False)
    run.home = home
    return run


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
    operations = {(method, path) for method, path, _ in proxy.exchanges}
    assert operations == {
        ("POST", "/v5/oauth/token"),
        ("GET", "/v5/user_account"),
        ("GET", "/v5/boards"),
        ("GET", "/v5/boards/{board_id}"),
        ("POST", "/v5/pins"),
    }, operations
    statuses = {status for _, _, status in proxy.exchanges}
    assert {200, 201, 403, 404} <= statuses, statuses


def test_the_proxy_catches_what_the_spec_forbids(pinterest):
    """A control: requests that break the spec are reported, so a clean run means something."""
    proxy, _, _ = pinterest
    before = len(proxy.violations)
    bad = [
        ("GET", "/sandbox/v5/boards?page_size=0", None, {"authorization": "Bearer pina_x"}),
        ("GET", "/sandbox/v5/boards?privacy=private", None, {"authorization": "Bearer pina_x"}),
        ("GET", "/sandbox/v5/user_account", None, {"authorization": "Token pina_x"}),
        ("POST", "/sandbox/v5/pins", json.dumps({"board_id": "1", "title": 5,
                                                "media_source": {"source_type": "image_url"}}).encode(),
         {"authorization": "Bearer pina_x", "content-type": "application/json"}),
        ("POST", "/sandbox/v5/oauth/token", b'{"grant_type": "refresh_token"}',
         {"authorization": "Basic eDp5", "content-type": "application/json"}),
        ("GET", f"/sandbox/v5/boards/{BOARD}/sections?page_size=0", None, {"authorization": "Bearer pina_x"}),
        ("PATCH", "/sandbox/v5/pins/1", json.dumps({"title": "t" * 101}).encode(),
         {"authorization": "Bearer pina_x", "content-type": "application/json"}),
        ("POST", "/sandbox/v5/media", json.dumps({"media_type": "image"}).encode(),
         {"authorization": "Bearer pina_x", "content-type": "application/json"}),
    ]
    for method, path, body, headers in bad:
        request = urllib.request.Request(proxy.base_url + path, data=body, headers=headers, method=method)
        try:
            urllib.request.urlopen(request).read()
        except urllib.error.HTTPError as answer:
            answer.read()
    found = proxy.violations[before:]
    assert len(found) == len(bad), proxy.report()
    del proxy.violations[before:]


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
    if not CLI.exists():
        pytest.fail(f"{CLI} is missing: run ./build.sh test (or cargo build -p host-tests) first")
    log = tmp_path_factory.mktemp("standard") / "stdout.txt"
    with open(log, "w") as out:
        stand_in = subprocess.Popen([CLI, "stand-in", "--port", "0", "--standard-access"],
                                    stdout=out, stderr=subprocess.STDOUT)
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
        yield proxy, origin, credentials
        proxy.stop()
    finally:
        stand_in.terminate()
        stand_in.wait()


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
    operations = {(method, path) for method, path, _ in proxy.exchanges}
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
    statuses = {status for _, _, status in proxy.exchanges}
    assert {200, 201, 204, 400, 401, 404} <= statuses, statuses
