"""Bodies far bigger than the connector should ever hold, for the memory
tests: a server (in the test's process) answering GETs of paths ending in
``/2`` and ``/3`` with 200 MB (its length announced, chunked) and checking a
POSTed 256 MiB multipart upload byte for byte as it arrives; and the file to
upload."""

from __future__ import annotations

import json
import random
import struct
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MIB = 1024 * 1024
BIG_RESPONSE = 200_000_000
BLOCK = 64 * 1024
BLOCKS = 4096
BOUNDARY = "----python-host-7d1e"
HEAD = (f"--{BOUNDARY}\r\ncontent-disposition: form-data; name=\"file\"; filename=\"clip.mp4\"\r\n"
        "content-type: video/mp4\r\n\r\n").encode()
TAIL = f"\r\n--{BOUNDARY}--\r\n".encode()
TEMPLATE = random.Random(7).randbytes(BLOCK)


def block(index: int) -> bytes:
    """Block ``index`` of the upload: its index (8 bytes), then the template's rest."""
    return struct.pack("<Q", index) + TEMPLATE[8:]


def write_upload(path: Path) -> None:
    with path.open("wb") as file:
        for index in range(BLOCKS):
            file.write(block(index))


def upload_as_sent() -> dict:
    return {"head": True, "blocks": True, "tail": True, "extra": 0,
            "content-length": str(len(HEAD) + BLOCK * BLOCKS + len(TAIL)), "chunked": None}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def read_exactly(self, left: list[int], n: int) -> bytes:
        data = self.rfile.read(min(n, left[0]))
        left[0] -= len(data)
        return data

    def do_POST(self):  # noqa: N802 (http.server's name)
        left = [int(self.headers.get("content-length", "0"))]
        verdict = {
            "head": self.read_exactly(left, len(HEAD)) == HEAD,
            "blocks": all(self.read_exactly(left, BLOCK) == block(i) for i in range(BLOCKS)),
            "tail": self.read_exactly(left, len(TAIL)) == TAIL,
        }
        verdict["extra"] = left[0]
        verdict["content-length"] = self.headers.get("content-length")
        verdict["chunked"] = self.headers.get("transfer-encoding")
        self.rfile.read(left[0])
        self.answer(200, json.dumps(verdict).encode())

    def do_GET(self):  # noqa: N802
        """``…/2``: 200 MB with its length announced; ``…/3``: chunked; else small."""
        if not self.path.endswith(("/2", "/3")):
            return self.answer(200, b'{"id": "1", "name": "small"}')
        chunked = self.path.endswith("/3")
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("transfer-encoding" if chunked else "content-length", "chunked" if chunked else str(BIG_RESPONSE))
        self.end_headers()
        chunk = b"x" * MIB
        try:
            for _ in range(BIG_RESPONSE // MIB):
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n" if chunked else chunk)
        except OSError:
            pass  # the client stopped reading
        self.close_connection = True

    def answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def start() -> tuple[str, ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server
