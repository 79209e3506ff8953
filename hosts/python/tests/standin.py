"""The workspace's Pinterest stand-in (``pinterest-connector stand-in``, see
docs/stand-in.md) as a child process on a free port: its URLs and app
credentials, read from what it prints."""

from __future__ import annotations

import os
import re
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

WORKSPACE = Path(__file__).resolve().parents[3]
BINARY = Path(os.environ.get("PINTEREST_CONNECTOR_CLI", WORKSPACE / "target/debug/pinterest-connector"))
#: The redirect URI the stand-in registers by default.
REDIRECT_URI = "http://localhost:8085/"

FIELDS = {
    "production API": "api",
    "sandbox API": "sandbox_api",
    "consent page": "consent_page",
    "app id": "client_id",
    "app secret": "client_secret",
}


@dataclass
class StandIn:
    process: subprocess.Popen
    api: str = ""
    sandbox_api: str = ""
    consent_page: str = ""
    client_id: str = ""
    client_secret: str = ""

    def config(self) -> dict:
        """The connector's config for the stand-in's sandbox."""
        return {
            "client-id": self.client_id,
            "client-secret": self.client_secret,
            "environment": "sandbox",
            "api-base-url": self.sandbox_api,
            "authorize-url": self.consent_page,
        }

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def start() -> StandIn:
    """Starts a stand-in and returns once it serves."""
    if not BINARY.exists():
        raise FileNotFoundError(f"{BINARY} is missing: run cargo build -p pinterest-connector-cli first")
    process = subprocess.Popen([str(BINARY), "stand-in", "--port", "0"], stdout=subprocess.PIPE, text=True)
    standin = StandIn(process)
    assert process.stdout is not None
    for line in process.stdout:
        line = line.strip()
        found = re.match(r"^([a-zA-Z ]+):\s+(\S+)", line)
        if found and found.group(1) in FIELDS:
            setattr(standin, FIELDS[found.group(1)], found.group(2))
        if line.startswith("Serving until Ctrl-C"):
            break
    else:
        raise RuntimeError(f"the stand-in exited with {process.wait()}")
    # It prints a line per request: keep reading so that it never blocks.
    threading.Thread(target=process.stdout.read, daemon=True).start()
    return standin
