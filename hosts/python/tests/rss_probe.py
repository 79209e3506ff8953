"""Runs calls through the Python host in a process of its own and prints what
came back with the process's peak memory before and after (``ru_maxrss``),
so that a test can tell how much was held.

- ``download``: ``get-board`` against the given API (its answers are 200 MB);
- ``upload``: the wasi:http adapter's ``send`` (the artifact's http import)
  with a file from a content directory as host content.

Usage: python rss_probe.py '{"mode": ..., ...}'"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pinterest_host import Connector, ConnectorError, Host  # noqa: E402
from wasmtime import component as wc  # noqa: E402

ADAPTER = Path(__file__).resolve().parents[3] / "target/wasm32-wasip2/release/pinterest_connector_adapter.wasm"


def peak() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def download(job: dict) -> list:
    connector = Connector()
    config = {"client-id": "1", "client-secret": "py-secret", "environment": "sandbox", "api-base-url": job["api"]}

    def get(board_id: str):
        try:
            return connector.call("get-board", config=config, access_token="pina_PY", board_id=board_id)
        except ConnectorError as error:
            return error.error

    get("1")  # warm up: a small answer
    before = peak()
    results = [get("2"), get("3")]
    return [results, before, peak()]


def upload(job: dict) -> list:
    host = Host(content_dirs={"media": job["dir"]})
    adapter = host.load(ADAPTER)

    def send(request: wc.Record):
        store = host.store()
        instance = host.linker.instantiate(store, adapter)
        interface = instance.get_export_index(store, "pinterest:connector/http@0.3.0")
        func = instance.get_func(store, instance.get_export_index(store, "send", interface))
        result = func(store, request)
        if isinstance(result, wc.Record):
            return {"status": result.status, "body": bytes(result.body).decode()}
        return {"error": result.tag, "val": result.payload}

    def request(url: str, body: list, headers: list) -> wc.Record:
        record = wc.Record()
        record.method = "post"
        record.url = url
        record.headers = []
        for name, value in headers:
            header = wc.Record()
            header.name, header.value = name, value
            record.headers.append(header)
        record.body = body
        setattr(record, "timeout-ms", 60000)
        return record

    send(request(job["url"] + "/small", [], []))  # warm up
    before = peak()
    multipart = [("content-type", f"multipart/form-data; boundary={job['boundary']}")]
    body = [job["head"].encode(), "media/clip.mp4", job["tail"].encode()]
    results = [send(request(job["url"] + "/upload", body, multipart))]
    return [results, before, peak()]


if __name__ == "__main__":
    job = json.loads(sys.argv[1])
    results, before, after = (download if job["mode"] == "download" else upload)(job)
    print(json.dumps({"results": results, "before": before, "after": after}))
