"""The Python host (the standard-WASI artifact on wasmtime-py's own WASI and
wasi:http): the manifest, listing boards page by page against a local mock
of Pinterest, failures with their remedies, and the hosting guide's example run as a
user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from pinterest_host import Connector, ConnectorError, component_path  # noqa: E402

TOKEN = "pina_PYTHONTEST0123456789"
BOARDS = [{"id": str(549755885100 + i), "name": f"Board {i}", "privacy": "PUBLIC"} for i in range(60)]

pytestmark = pytest.mark.skipif(not component_path().exists(), reason="run ./build.sh first")


class Pinterest(BaseHTTPRequestHandler):
    """GET /v5/boards in pages of page_size, bookmarks "b25", "b50"; 401 for any other token."""

    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        Pinterest.requests.append(self.path)
        url = urllib.parse.urlsplit(self.path)
        if self.headers.get("authorization") != f"Bearer {TOKEN}":
            return self.answer(401, {"code": 2, "message": "Authentication failed."})
        if url.path != "/v5/boards":
            return self.answer(404, {"code": 404, "message": "Not found."})
        query = dict(urllib.parse.parse_qsl(url.query))
        start = int(query.get("bookmark", "b0")[1:])
        size = int(query.get("page_size", "25"))
        end = min(start + size, len(BOARDS))
        bookmark = f"b{end}" if end < len(BOARDS) else None
        self.answer(200, {"items": BOARDS[start:end], "bookmark": bookmark})

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def pinterest():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pinterest)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def connector():
    return Connector()


def config(base_url):
    return {"client-id": "1484362", "client-secret": "py-secret-7d1e", "environment": "sandbox", "api-base-url": base_url}


def test_the_manifest_comes_from_the_component(connector):
    assert connector.manifest["contract"] == "pinterest:connector@0.3.0"
    assert connector.manifest["auth"]["type"] == "oauth2"
    names = [op["name"] for op in connector.manifest["operations"]]
    assert "list-boards" in names and "create-pin" in names


def test_lists_every_board_following_bookmarks(connector, pinterest):
    Pinterest.requests.clear()
    seen, bookmark = [], None
    while True:
        page = connector.call("list-boards", config=config(pinterest), access_token=TOKEN,
                              query={"bookmark": bookmark, "page-size": 25})
        seen += [board["id"] for board in page["items"]]
        bookmark = page.get("bookmark")
        if bookmark is None:
            break
    assert seen == [board["id"] for board in BOARDS]
    assert Pinterest.requests == [
        "/v5/boards?page_size=25",
        "/v5/boards?bookmark=b25&page_size=25",
        "/v5/boards?bookmark=b50&page_size=25",
    ]
    assert page["items"][-1] == {"id": "549755885159", "name": "Board 59", "privacy": "public"}


def test_list_all_boards_pages_inside_the_component(connector, pinterest):
    page = connector.call("list-all-boards", config=config(pinterest), access_token=TOKEN, privacy="all")
    assert len(page["items"]) == 60


def test_a_refused_token_fails_with_the_remedy(connector, pinterest):
    with pytest.raises(ConnectorError) as caught:
        connector.call("list-boards", config=config(pinterest), access_token="pina_revoked", query={})
    error = caught.value
    assert error.tag == "unauthorized"
    assert error.error["val"]["status"] == 401 and error.error["val"]["code"] == 2
    assert "refresh" in error.remedy
    assert "pina_revoked" not in str(error)


def test_bad_input_is_refused_before_any_request(connector, pinterest):
    Pinterest.requests.clear()
    with pytest.raises(ConnectorError) as caught:
        connector.call("list-boards", config=config(pinterest), access_token=TOKEN, query={"page-size": 500})
    assert caught.value.tag == "invalid-input"
    assert caught.value.error["val"]["field"] == "query.page-size"
    assert Pinterest.requests == []


def test_variants_go_in_as_the_manifest_writes_them(connector):
    with pytest.raises(ConnectorError) as caught:
        connector.call("create-pin", config=config("http://127.0.0.1:9"), access_token=TOKEN,
                       pin={"board-id": "549755885100", "title": "t" * 101,
                            "media": {"tag": "video", "val": {"media-id": "12345", "cover": {"tag": "key-frame-seconds", "val": 2}}}})
    assert caught.value.error["val"]["field"] == "pin.title"


def test_an_unreachable_api_is_a_transport_failure(connector):
    with pytest.raises(ConnectorError) as caught:
        connector.call("get-user-account", config=config("http://127.0.0.1:9"), access_token=TOKEN)
    assert caught.value.tag == "transport"
    assert caught.value.error["val"]["problem"] == "connection"
    assert caught.value.retryable


def test_the_hosting_guide_example_lists_the_boards(pinterest):
    env = dict(os.environ, PINTEREST_APP_ID="1484362", PINTEREST_APP_SECRET="py-secret-7d1e",
               PINTEREST_API_BASE_URL=pinterest, PINTEREST_ACCESS_TOKEN=TOKEN)
    done = subprocess.run([sys.executable, str(HERE.parent / "example.py")], env=env,
                          capture_output=True, text=True, check=True, cwd=HERE.parent)
    lines = done.stdout.splitlines()
    assert len(lines) == 60 and lines[0] == "549755885100 Board 0"
