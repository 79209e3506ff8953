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

__all__ = ["ConnectorError", "call", "component_path", "manifest", "refresh_due_seconds", "find_created_pin", "findable", "NO_FINDER"]

#: The component's operation that looks for pins already on a board (so a
#: retried create can tell whether its first attempt went through).
DUPLICATE_FINDER = "find-duplicate-pins"
#: What ``find_created_pin`` answers when it cannot tell: the pin has
#: neither a title nor a link to know it by.
NO_FINDER = object()
#: Pins the finder compares at most: a pin created moments ago is among the
#: newest of its board (listed newest first), and this is four pages of 250.
FINDER_MAX_SCANNED = 1000

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


def findable(pin: dict) -> bool:
    """Whether ``find_created_pin`` can look for ``pin``: it has a title or a link."""
    return any(pin.get(field) for field in ("title", "link"))


def find_created_pin(config: dict, access_token: str, pin: dict) -> Any:
    """The pin already on ``pin["board-id"]`` (or its section) that ``pin``
    describes: one whose title (letter case aside) and link both match those
    ``pin`` gives, newest first. None if the newest ``FINDER_MAX_SCANNED``
    pins hold none, or ``NO_FINDER`` when ``pin`` has neither a title nor a
    link. The image URL is not compared: Pinterest reports the pin's own
    image renditions, not the URL it fetched the image from."""
    if not findable(pin):
        return NO_FINDER
    candidate = {field: pin[field] for field in ("title", "link") if pin.get(field)}
    section = pin.get("board-section-id")
    source = ({"tag": "section", "val": {"board-id": pin["board-id"], "section-id": section}} if section
              else {"tag": "board", "val": pin["board-id"]})
    report = call(DUPLICATE_FINDER, config=config, access_token=access_token, source=source,
                  candidate=candidate, max_scanned=FINDER_MAX_SCANNED)
    wanted = set(candidate)
    for duplicate in report["duplicates"]:
        if wanted <= set(duplicate["matched"]):
            return duplicate["pin"]
    return None
