"""The real parts the tests run against, each started and stopped here:
Temporal's development server, a throwaway PostgreSQL cluster, the
Pinterest stand-in (the command line host's ``stand-in``, its log read with
a timestamp per line) and worker processes of this package. Every test
that takes ``deployment`` runs once on each vault backend."""

from __future__ import annotations

import base64
import glob
import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
PACKAGE_DIR = HERE.parent
REPO = PACKAGE_DIR.parents[1]
sys.path.insert(0, str(PACKAGE_DIR))

from pinterest_temporal import component, devserver  # noqa: E402
from pinterest_temporal.sealing import Sealer, new_key  # noqa: E402
from pinterest_temporal.vault import Vault  # noqa: E402

#: The command line host that serves the stand-in (built by `cargo build` / `cargo test`).
CLI_BINARY = Path(os.environ.get("PINTEREST_CLI", REPO / "target/debug/pinterest-connector")).resolve()
REDIRECT_URI = "http://localhost:8085/"
BOARD = "549755885100"
PIN_CREATED = "POST /sandbox/v5/pins → 201"
TOKEN_REQUEST = "POST /sandbox/v5/oauth/token"

#: Figures the tests measured, printed at the end of the run.
FIGURES: dict[str, str] = {}


def pytest_terminal_summary(terminalreporter):
    if FIGURES:
        terminalreporter.section("measured")
        for name, value in FIGURES.items():
            terminalreporter.write_line(f"{name}: {value}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, timeout: float, what: str, every: float = 0.05):
    """Polls ``condition`` until it returns something true; fails after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


# Temporal.


@pytest.fixture(scope="session")
def temporal_address(tmp_path_factory):
    if not component.component_path().exists():
        pytest.fail(f"no component at {component.component_path()}: run ./build.sh first")
    port = free_port()
    server = devserver.start(port, None, headless=True, log_file=tmp_path_factory.mktemp("temporal") / "server.log")
    yield f"127.0.0.1:{port}"
    server.terminate()
    server.wait(30)


# PostgreSQL.


def _postgres_bin() -> Path:
    found = shutil.which("initdb")
    candidates = [Path(found).resolve().parent] if found else []
    candidates += [Path(p).parent for p in sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)]
    if not candidates:
        pytest.fail("PostgreSQL's initdb is not installed: ./build.sh test installs Debian's postgresql when run as root")
    return candidates[0]


class Postgres:
    """A throwaway cluster in a temporary directory, run by an unprivileged
    user when the tests run as root (PostgreSQL refuses root)."""

    def __init__(self) -> None:
        self.bin = _postgres_bin()
        self.dir = Path(tempfile.mkdtemp(prefix="pinterest-vault-pg-"))
        self.port = free_port()
        self.as_user = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []
        if self.as_user:
            shutil.chown(self.dir, "nobody")
        data = self.dir / "data"
        self._run(str(self.bin / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "--no-sync")
        self._run(str(self.bin / "pg_ctl"), "-D", str(data), "-l", str(self.dir / "log"), "-w", "start", "-o",
                  f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200")
        self.data = data

    def _run(self, *command: str) -> None:
        subprocess.run(self.as_user + list(command), check=True, capture_output=True, cwd=self.dir)

    def url(self, database: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        import psycopg

        name = "vault_" + uuid.uuid4().hex[:10]
        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def dump(self, url: str) -> bytes:
        return subprocess.run([str(self.bin / "pg_dump"), url], check=True, capture_output=True).stdout

    def stop(self) -> None:
        subprocess.run(self.as_user + [str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"],
                       capture_output=True, cwd=self.dir)
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres():
    cluster = Postgres()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def vault_location(request, tmp_path):
    """A fresh, empty vault on each backend."""
    if request.param == "sqlite":
        return str(tmp_path / "vault.sqlite3")
    return request.getfixturevalue("postgres").create_database()


# The stand-in.


class StandIn:
    """``pinterest-connector stand-in`` with every request line it prints,
    stamped when read (it prints them every 200 ms: stamps are late by up to
    that much, never early)."""

    POLL_SECONDS = 0.2

    def __init__(self, *options: str) -> None:
        if not CLI_BINARY.exists():
            pytest.fail(f"no stand-in at {CLI_BINARY}: build it with `cargo build -p pinterest-connector-cli`")
        self.process = subprocess.Popen([str(CLI_BINARY), "stand-in", "--port", "0", *options], stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, bufsize=1)
        info = {}
        for line in self.process.stdout:
            if ":" in line and line.startswith("  ") and "→" not in line:
                key, _, value = line.strip().partition(":")
                info[key] = value.strip()
            if line.startswith("Serving until"):
                break
        self.production, self.sandbox, self.consent = info["production API"], info["sandbox API"], info["consent page"]
        self.client_id, self.client_secret = info["app id"], info["app secret"].split()[0]
        self.lines: list[tuple[float, str]] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append((time.time(), line.strip()))

    def settle(self) -> None:
        """Waits until every request answered so far is in the log."""
        time.sleep(self.POLL_SECONDS + 0.15)

    def count(self, prefix: str) -> int:
        return sum(1 for _, line in list(self.lines) if line.startswith(prefix))

    def times(self, prefix: str) -> list[float]:
        return [at for at, line in list(self.lines) if line.startswith(prefix)]

    def config(self, environment: str = "sandbox") -> dict:
        return {"client-id": self.client_id, "client-secret": self.client_secret, "environment": environment,
                "api-base-url": self.sandbox if environment == "sandbox" else self.production, "authorize-url": self.consent}

    def code(self, scopes: list[str] | None = None, environment: str = "sandbox") -> str:
        """An authorization code, as a user's browser would bring it back from the consent page."""
        consent = component.call("authorize", config=self.config(environment), redirect_uri=REDIRECT_URI, scopes=scopes or [], state=None)
        url = urllib.parse.urlsplit(consent["url"])
        connection = http.client.HTTPConnection(url.hostname, url.port)
        connection.request("GET", f"{url.path}?{url.query}")
        location = connection.getresponse().getheader("location")
        return urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)["code"][0]

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def standin():
    pinterest = StandIn()
    yield pinterest
    pinterest.stop()


# Workers, commands and what they leave behind.


def encodings(secret: str) -> set[bytes]:
    """The secret as it could appear in a file: raw, hex, and base64 at any
    of the three alignments (standard and URL-safe), inside longer text."""
    raw = secret.encode()
    found = {raw, raw.hex().encode(), raw.hex().upper().encode()}
    for pad in range(3):
        encoded = base64.b64encode(b"\0" * pad + raw)
        core = encoded[-(-8 * pad // 6): (8 * (pad + len(raw))) // 6]
        found |= {core, core.replace(b"+", b"-").replace(b"/", b"_")}
    return found


class Worker:
    """A worker process of this package, its output in a log file."""

    def __init__(self, name: str, env: dict, log: Path, args: list[str]):
        self.name, self.log = name, log
        self.process = subprocess.Popen([sys.executable, "-m", "pinterest_temporal", "worker", *args], env=env, cwd=PACKAGE_DIR,
                                        stdout=open(log, "ab"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        wait_until(lambda: "worker ready" in self.text() or self.process.poll() is not None, 60, f"worker {name} to start")
        assert self.process.poll() is None, f"worker {name} exited:\n{self.text()}"
        self.pid = self.process.pid

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def kill9(self) -> None:
        os.kill(self.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


class Deployment:
    """One vault, one stand-in, one task queue on the shared Temporal
    server; workers and commands run as separate processes with the same
    environment a platform would give them."""

    def __init__(self, temporal_address: str, vault_location: str, standin: StandIn, tmp_path: Path, postgres: Postgres | None):
        self.temporal_address, self.vault_location, self.standin = temporal_address, vault_location, standin
        self.tmp, self.postgres = tmp_path, postgres
        self.backend = "postgres" if vault_location.startswith("postgresql") else "sqlite"
        self.key = new_key()
        self.task_queue = f"test-{uuid.uuid4().hex[:8]}"
        self.vault = Vault(vault_location, Sealer(self.key))
        self.workers: list[Worker] = []
        self.outputs: list[str] = []
        self.secrets: set[str] = {standin.client_secret, self.key}

    def env(self, **extra: str) -> dict:
        return {
            **os.environ,
            "PYTHONPATH": str(PACKAGE_DIR),
            "PYTHONDONTWRITEBYTECODE": "1",
            "PINTEREST_VAULT": self.vault_location,
            "PINTEREST_VAULT_KEY": self.key,
            "PINTEREST_APP_ID": self.standin.client_id,
            "PINTEREST_APP_SECRET": self.standin.client_secret,
            "PINTEREST_API_BASE_URL": self.standin.sandbox,
            "PINTEREST_AUTHORIZE_URL": self.standin.consent,
            "PINTEREST_TEMPORAL_ADDRESS": self.temporal_address,
            "PINTEREST_TEMPORAL_TASK_QUEUE": self.task_queue,
            **extra,
        }

    def start_worker(self, name: str, *args: str, **env: str) -> Worker:
        worker = Worker(name, self.env(**env), self.tmp / f"worker-{name}.log", list(args))
        self.workers.append(worker)
        return worker

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-m", "pinterest_temporal", *args], env=self.env(), cwd=PACKAGE_DIR,
                              capture_output=True, text=True, timeout=300)
        self.outputs += [done.stdout, done.stderr]
        if check:
            assert done.returncode == 0, f"{args} exited {done.returncode}:\n{done.stdout}\n{done.stderr}"
        return done

    def cli_background(self, *args: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "pinterest_temporal", *args], env=self.env(), cwd=PACKAGE_DIR,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def finish(self, process: subprocess.Popen, timeout: float) -> tuple[int, str, str]:
        out, err = process.communicate(timeout=timeout)
        self.outputs += [out, err]
        return process.returncode, out, err

    def exchange(self) -> dict:
        """A token set for the stand-in's account, through a real consent and exchange."""
        tokens = component.call("exchange", config=self.standin.config(), code=self.standin.code(), redirect_uri=REDIRECT_URI)
        self.remember(tokens)
        return tokens

    def remember(self, tokens: dict) -> None:
        self.secrets |= {tokens["access-token"], tokens["refresh-token"]}

    def token_file(self, tokens: dict, name: str) -> Path:
        """The command line host's token file (docs/cli.md) holding ``tokens``."""
        path = self.tmp / name
        path.write_text(json.dumps({
            "environment": "sandbox", "client_id": self.standin.client_id, "access_token": tokens["access-token"],
            "token_type": tokens["token-type"], "scopes": tokens["scopes"], "expires_at": tokens["expires-at"],
            "refresh_token": tokens["refresh-token"], "refresh_token_expires_at": tokens["refresh-token-expires-at"],
        }))
        return path

    def pins_csv(self, count: int, name: str = "pins.csv") -> Path:
        path = self.tmp / name
        rows = ["image_url,title,link"] + [f"https://example.com/pins/{i}.jpg,Pin {i},https://example.com/{i}" for i in range(count)]
        path.write_text("\n".join(rows) + "\n")
        return path

    def probe(self, what: str, name: str):
        """Asks Temporal through the SDK, in a process of its own (see temporal_probe.py)."""
        done = subprocess.run([sys.executable, str(HERE / "temporal_probe.py"), self.temporal_address, what, name],
                              capture_output=True, text=True, timeout=120, check=True)
        return json.loads(done.stdout)

    def histories(self) -> list[dict]:
        """Every workflow history of this deployment's task queue: its JSON and its raw events."""
        return self.probe("histories", self.task_queue)

    def activity_results(self, workflow_id: str) -> list[dict]:
        """The results of a workflow's completed activities, read from its history."""
        return self.probe("results", workflow_id)

    def workflow_status(self, workflow_id: str) -> str:
        """RUNNING, COMPLETED, …"""
        return self.probe("status", workflow_id)

    def vault_dump(self) -> bytes:
        if self.backend == "postgres":
            return self.postgres.dump(self.vault_location)
        return b"".join(Path(p).read_bytes() for p in glob.glob(self.vault_location + "*"))

    def assert_no_secrets(self) -> None:
        """No token, app secret or vault key in the vault's dump, any worker
        log, any command's output or any workflow history, in any encoding."""
        for account in self.vault.accounts():
            self.remember(account.tokens)
        places = {"the vault dump": self.vault_dump(),
                  "the command outputs": "\n".join(self.outputs).encode()}
        for worker in self.workers:
            places[f"worker {worker.name}'s log"] = worker.log.read_bytes()
        histories = self.histories()
        assert histories, "no workflow history to search"
        places["the workflow histories"] = b"".join(base64.b64decode(h["raw"]) for h in histories)
        places["the workflow histories as JSON"] = "".join(h["json"] for h in histories).encode()
        secrets = {s for s in self.secrets if s}
        assert len(secrets) >= 4
        for place, content in places.items():
            for secret in secrets:
                for form in encodings(secret):
                    assert form not in content, f"a secret ({secret[:5]}…) is in {place}"

    def stop(self) -> None:
        for worker in self.workers:
            worker.stop()


@pytest.fixture
def deployment(temporal_address, vault_location, standin, tmp_path, request):
    postgres = request.getfixturevalue("postgres") if vault_location.startswith("postgresql") else None
    setup = Deployment(temporal_address, vault_location, standin, tmp_path, postgres)
    yield setup
    setup.stop()
