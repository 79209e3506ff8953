"""Everything read from the environment, in one place, with what to do when
something is missing. Secrets (the vault key, the app secret) come only
from here and are passed to nothing that logs or leaves the process."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: The AES-256 key that seals the tokens in the vault (base64 of 32 bytes).
VAULT_KEY_VARIABLE = "PINTEREST_VAULT_KEY"
#: Where the vault is: a SQLite file path, or a ``postgresql://`` URL.
VAULT_VARIABLE = "PINTEREST_VAULT"
#: The Temporal frontend, ``host:port``.
TEMPORAL_ADDRESS_VARIABLE = "PINTEREST_TEMPORAL_ADDRESS"
#: The Temporal namespace.
TEMPORAL_NAMESPACE_VARIABLE = "PINTEREST_TEMPORAL_NAMESPACE"
#: The task queue the workers poll and the commands start workflows on.
TASK_QUEUE_VARIABLE = "PINTEREST_TEMPORAL_TASK_QUEUE"

DEFAULT_TEMPORAL_ADDRESS = "localhost:7233"
DEFAULT_NAMESPACE = "default"
DEFAULT_TASK_QUEUE = "pinterest-connector"

MAKE_KEY_REMEDY = (
    f"Make one with `python -m pinterest_temporal key`, keep it in your secret store, and export it as "
    f"{VAULT_KEY_VARIABLE} for every worker and command (all of them need the same key)."
)


class SetupError(Exception):
    """Something the operator must set up: what is wrong, and what to do."""

    def __init__(self, message: str, remedy: str):
        super().__init__(message)
        self.remedy = remedy


def state_dir() -> Path:
    """``$XDG_STATE_HOME/pinterest-connector``, else ``~/.local/state/pinterest-connector``."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "pinterest-connector"


def vault_location() -> str:
    """``$PINTEREST_VAULT``, else ``vault.sqlite3`` in the state directory."""
    return os.environ.get(VAULT_VARIABLE) or str(state_dir() / "vault.sqlite3")


def vault_key_text() -> str:
    """The vault key as given; refuses to go on without one."""
    key = os.environ.get(VAULT_KEY_VARIABLE, "").strip()
    if not key:
        raise SetupError(f"{VAULT_KEY_VARIABLE} is not set: the vault's tokens cannot be sealed or read.", MAKE_KEY_REMEDY)
    return key


@dataclass(frozen=True)
class App:
    """The platform's Pinterest app and where to reach Pinterest."""

    client_id: str
    client_secret: str
    api_base_url: str | None
    authorize_url: str | None

    def config(self, environment: str) -> dict:
        """The component's ``config`` record for ``environment``."""
        return {
            "client-id": self.client_id,
            "client-secret": self.client_secret,
            "environment": environment,
            "api-base-url": self.api_base_url,
            "authorize-url": self.authorize_url,
        }

    def __repr__(self) -> str:
        return f"App(client_id={self.client_id!r})"


def app() -> App:
    """``PINTEREST_APP_ID`` and ``PINTEREST_APP_SECRET`` (as the command line
    host reads them), with ``PINTEREST_API_BASE_URL`` and
    ``PINTEREST_AUTHORIZE_URL`` for a proxy or the local stand-in."""
    client_id = os.environ.get("PINTEREST_APP_ID", "").strip()
    client_secret = os.environ.get("PINTEREST_APP_SECRET", "").strip()
    if not client_id or not client_secret:
        raise SetupError(
            "PINTEREST_APP_ID and PINTEREST_APP_SECRET must both be set.",
            "Export the App ID and App secret key from the Pinterest developer portal.",
        )
    return App(
        client_id=client_id,
        client_secret=client_secret,
        api_base_url=os.environ.get("PINTEREST_API_BASE_URL") or None,
        authorize_url=os.environ.get("PINTEREST_AUTHORIZE_URL") or None,
    )


@dataclass(frozen=True)
class Temporal:
    """Where the Temporal service is and which queue this deployment uses."""

    address: str
    namespace: str
    task_queue: str


def temporal() -> Temporal:
    """The Temporal frontend, namespace and task queue from the environment."""
    return Temporal(
        address=os.environ.get(TEMPORAL_ADDRESS_VARIABLE) or DEFAULT_TEMPORAL_ADDRESS,
        namespace=os.environ.get(TEMPORAL_NAMESPACE_VARIABLE) or DEFAULT_NAMESPACE,
        task_queue=os.environ.get(TASK_QUEUE_VARIABLE) or DEFAULT_TASK_QUEUE,
    )
