"""Bodies far bigger than the connector should ever hold, through the Python
host in a child process whose peak memory is measured: a 200 MB response is
refused at the 8 MiB cap before it reaches the connector (at once when its
length is announced), and a 256 MiB file from a content directory streams
into a multipart upload that the server checks byte for byte, the process
growing by far less than the file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import bodies  # noqa: E402
from pinterest_host import component_path  # noqa: E402

pytestmark = pytest.mark.skipif(not component_path().exists(), reason="run ./build.sh first")


@pytest.fixture(scope="module")
def server():
    url, running = bodies.start()
    yield url
    running.shutdown()


def measure(job: dict) -> tuple[list, int]:
    done = subprocess.run([sys.executable, str(HERE / "rss_probe.py"), json.dumps(job)],
                          capture_output=True, text=True, check=True)
    report = json.loads(done.stdout)
    return report["results"], report["after"] - report["before"]


def test_a_200_mb_response_is_refused_at_the_cap_and_never_held(server):
    results, growth = measure({"mode": "download", "api": server})
    for error in results:
        assert error["tag"] == "transport", error
        assert error["val"]["problem"] == "denied"
        assert "8388608 bytes" in json.dumps(error), error
    print(f"python host: 200 MB responses refused, peak RSS grew {growth // bodies.MIB} MiB")
    assert growth < 64 * bodies.MIB, f"peak RSS grew {growth} bytes"


def test_a_256_mib_file_streams_from_a_content_directory(server, tmp_path):
    bodies.write_upload(tmp_path / "clip.mp4")
    job = {"mode": "upload", "url": server, "dir": str(tmp_path), "boundary": bodies.BOUNDARY,
           "head": bodies.HEAD.decode(), "tail": bodies.TAIL.decode()}
    results, growth = measure(job)
    assert results[0]["status"] == 200, results
    assert json.loads(results[0]["body"]) == bodies.upload_as_sent()
    print(f"python host: 256 MiB upload streamed, peak RSS grew {growth // bodies.MIB} MiB")
    assert growth < 64 * bodies.MIB, f"peak RSS grew {growth} bytes"
