"""Every request the connector component sends, held against Pinterest's API description.

The command-line host drives the real `.wasm` through each operation and each media source, in
the sandbox and in production, successes and failures; a validating proxy between it and the
Pinterest stand-in checks each request against the spec, and each JSON answer of the stand-in
too (so the stand-in cannot drift from the real shapes either).
"""

import base64
import json
import os
import re
import subprocess
import time
import urllib.error
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

    def run(*args, sandbox=True):
        base = proxy.base_url + ("/sandbox" if sandbox else "")
        tokens = home / ("tokens-sandbox.json" if sandbox else "tokens.json")
        command = [CLI, "--api-base-url", base, "--authorize-url", origin + "/oauth/",
                   "--token-file", tokens, "--cache-dir", home / "cache"]
        if sandbox:
            command.append("--sandbox")
        done = subprocess.run(command + list(args), env=env, capture_output=True, text=True, timeout=120)
        return done.returncode, done.stdout + done.stderr

    def sign_in(sandbox):
        code, out = run("--json", "authorize", "--redirect-uri", REDIRECT_URI, sandbox=sandbox)
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
