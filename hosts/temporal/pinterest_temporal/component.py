"""The connector component, loaded in this one module: every other module
calls operations through ``call`` and reads errors as ``ConnectorError``.
Today it runs on the Python host of ``hosts/python`` (``pinterest_host``,
the ``http`` import answered in Python); moving to another artifact or host
changes this file alone.

One ``Connector`` per process: the component is compiled once (about half
a second) and each call gets a fresh store, so activity threads share it."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

_PYTHON_HOST = Path(__file__).resolve().parents[2] / "python"
if str(_PYTHON_HOST) not in sys.path:
    sys.path.insert(0, str(_PYTHON_HOST))

from pinterest_host import Connector, ConnectorError, component_path  # noqa: E402

__all__ = ["ConnectorError", "call", "component_path", "manifest", "refresh_due_seconds", "find_created_pin", "NO_FINDER"]

#: The component's operation that looks for pins already on a board (so a
#: retried create can tell whether its first attempt went through). A
#: component without it leaves such an attempt undecided.
DUPLICATE_FINDER = "find-duplicate-pins"
#: What ``find_created_pin`` answers when the component has no finder.
NO_FINDER = object()

_connector: Connector | None = None
_loading = threading.Lock()


def _loaded() -> Connector:
    global _connector
    with _loading:
        if _connector is None:
            path = component_path()
            if not path.exists():
                from .settings import SetupError

                raise SetupError(f"The connector component is not at {path}.", "Build it with ./build.sh, or set PINTEREST_CONNECTOR_WASM.")
            _connector = Connector(path)
        return _connector


def call(name: str, **input: Any) -> Any:
    """Runs operation ``name`` (keyword names with ``_`` for ``-``); raises ConnectorError."""
    return _loaded().call(name, **input)


def manifest() -> dict:
    """The component's ``describe`` document."""
    return _loaded().manifest


def refresh_due_seconds() -> int:
    """How long before expiry the component's ``token-status`` turns ``refresh-due``."""
    return int(manifest()["auth"]["refreshDueSeconds"])


def find_created_pin(config: dict, access_token: str, pin: dict) -> Any:
    """The pin already on ``pin["board-id"]`` that ``pin`` describes, None if
    there is none, or ``NO_FINDER`` when the component cannot tell."""
    operation = next((op for op in manifest()["operations"] if op["name"] == DUPLICATE_FINDER), None)
    if operation is None:
        return NO_FINDER
    offered = {"config": config, "access-token": access_token, "pin": pin, "board-id": pin["board-id"],
               "title": pin.get("title"), "link": pin.get("link"), "media": pin.get("media")}
    found = call(DUPLICATE_FINDER, **{p.replace("-", "_"): offered.get(p) for p in operation["params"]})
    if isinstance(found, dict):
        found = found.get("items", found.get("pins", [found] if "id" in found else []))
    return found[0] if found else None
