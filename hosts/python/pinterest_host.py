"""The Pinterest connector component in Python, on wasmtime's own WASI 0.2
and ``wasi:http``: it runs the standard-WASI artifact (the connector with
its wasi:http adapter composed in, ``./build.sh`` makes it), so this module
holds no HTTP code. ``Connector.call(name, **input)`` runs any operation
with input and output in the manifest's JSON form (WIT names, variants as
``{"tag": ..., "val": ...}``).

What the adapter inside the artifact guarantees, whatever the host: no
redirects followed, every request bounded by its ``timeout-ms`` (30 s when
it names none, at most 60 s), a response body over 8 MiB refused with
``denied`` before more than that is read, no header value in any error.

Host content (``body-part::host-content``, e.g. a video to upload) is read
by the adapter through ``wasi:filesystem`` from the directories given as
``content_dirs``: ``Connector(content_dirs={"uploads": "/srv/media"})``
preopens ``/srv/media`` read-only as ``uploads``, and the name
``uploads/clip.mp4`` names ``/srv/media/clip.mp4``. The file streams into
the request in 64 KiB chunks; it is never read whole."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import wasmtime
from wasmtime import component as wc

CONTRACT = "pinterest:connector@0.3.0"
#: The largest response body the adapter hands to the connector; a bigger
#: one is refused as ``denied`` naming this limit.
MAX_RESPONSE_BYTES = 8 * 1024 * 1024
#: What ``./build.sh`` writes: the connector with the wasi:http adapter composed in.
ARTIFACT = "target/wasm32-wasip2/release/pinterest_connector_wasi.wasm"
#: The import only the custom-import component has.
CUSTOM_IMPORT = "pinterest:connector/http"


def component_path() -> Path:
    """``$PINTEREST_CONNECTOR_WASI_WASM``, or the workspace's standard-WASI
    build (``./build.sh``)."""
    default = Path(__file__).resolve().parents[2] / ARTIFACT
    return Path(os.environ.get("PINTEREST_CONNECTOR_WASI_WASM", default))


class ConnectorError(Exception):
    """A failed operation: ``error`` is the connector's error value."""

    def __init__(self, error: dict[str, Any]):
        self.error = error
        self.tag = error["tag"]
        val = error["val"]
        if self.tag == "invalid-input":
            self.remedy = val["reason"]
            self.retryable = False
            message = f"Invalid input: {val['field']} {val['reason']}"
        else:
            failure = val.get("failure", val)
            self.remedy = failure["remedy"]
            self.retryable = failure["retryable"]
            message = f"{failure['summary']} {failure['remedy']}"
        super().__init__(message)


def _classes(ty: Any) -> set[type]:
    found: set[type] = set()
    ty.add_classes(found)
    return found


def cases(ty: wc.VariantType | wc.ResultType) -> list[tuple[str, Any]]:
    """The cases of a variant, or ``ok`` and ``err`` of a result."""
    if isinstance(ty, wc.ResultType):
        return [("ok", ty.ok), ("err", ty.err)]
    return ty.cases


def tagged(ty: wc.VariantType | wc.ResultType) -> bool:
    """Whether wasmtime-py wraps values of ``ty`` in ``Variant``: when the
    Python types of two of its cases overlap, a bare payload could not say
    which case it is (a case without payload counts as ``object``)."""
    seen: set[type] = set()
    for _, case in cases(ty):
        classes = {object} if case is None else _classes(case)
        if classes & seen:
            return True
        seen |= classes
    return False


def to_wasm(ty: Any, value: Any) -> Any:
    """A value in the manifest's JSON form → wasmtime's Python shape for ``ty``."""
    if isinstance(ty, wc.RecordType):
        record = wc.Record()
        for name, field in ty.fields:
            given = value.get(name)
            setattr(record, name, None if given is None else to_wasm(field, given))
        unknown = set(value) - {name for name, _ in ty.fields}
        if unknown:
            raise ValueError(f"not fields here: {sorted(unknown)}")
        return record
    if isinstance(ty, wc.OptionType):
        return None if value is None else to_wasm(ty.payload, value)
    if isinstance(ty, wc.VariantType):
        payload_type = dict(ty.cases)[value["tag"]]
        payload = None if payload_type is None else to_wasm(payload_type, value["val"])
        return wc.Variant(value["tag"], payload) if tagged(ty) else payload
    if isinstance(ty, wc.ListType):
        return [to_wasm(ty.element, item) for item in value]
    return value


def from_wasm(ty: Any, value: Any) -> Any:
    """wasmtime's Python shape → the manifest's JSON form (none left out;
    a result as ``{"tag": "ok" | "err", "val": ...}``)."""
    if isinstance(ty, wc.RecordType):
        out = {}
        for name, field in ty.fields:
            inner = getattr(value, name)
            if inner is not None:
                out[name] = from_wasm(field, inner)
        return out
    if isinstance(ty, wc.OptionType):
        return None if value is None else from_wasm(ty.payload, value)
    if isinstance(ty, (wc.VariantType, wc.ResultType)):
        if tagged(ty):
            tag, payload = value.tag, value.payload
        else:
            tag = next(
                name for name, case in cases(ty)
                if (value is None if case is None else isinstance(value, tuple(_classes(case))))
            )
            payload = value
        case = dict(cases(ty))[tag]
        return {"tag": tag} if case is None else {"tag": tag, "val": from_wasm(case, payload)}
    if isinstance(ty, wc.ListType):
        return [from_wasm(ty.element, item) for item in value]
    return value


class Host:
    """wasmtime with its own WASI 0.2 and ``wasi:http`` (no import written
    here), and the directories host content is read from. Each ``store()``
    is fresh: no state is carried from one call to the next."""

    def __init__(self, content_dirs: Mapping[str, str | os.PathLike] | None = None):
        self.content_dirs = {guest: Path(host) for guest, host in (content_dirs or {}).items()}
        for guest, host in self.content_dirs.items():
            if not host.is_dir():
                raise ValueError(f"content directory {guest!r} is not a directory: {host}")
        self.engine = wasmtime.Engine()
        self.linker = wc.Linker(self.engine)
        self.linker.add_wasip2()
        self.linker.add_wasi_http()

    def load(self, path: Path | str) -> wc.Component:
        """The component at ``path``, compiled for this host."""
        component = wc.Component.from_file(self.engine, str(path))
        custom = [name for name in component.type.imports(self.engine) if name.startswith(CUSTOM_IMPORT)]
        if custom:
            raise ValueError(
                f"{path} imports {custom[0]}: it is the custom-import component. This host runs the "
                f"standard-WASI one ({Path(ARTIFACT).name}, which ./build.sh writes beside it)."
            )
        return component

    def store(self) -> wasmtime.Store:
        """A fresh store with WASI (the content directories preopened
        read-only) and wasi:http."""
        store = wasmtime.Store(self.engine)
        wasi = wasmtime.WasiConfig()
        for guest, host in self.content_dirs.items():
            wasi.preopen_dir(str(host), guest, fs_mutable=False)
        store.set_wasi(wasi)
        store.set_wasi_http()
        return store


class Connector:
    """The component compiled once; each call runs in a fresh store.

    ``content_dirs`` maps names to directories whose files the connector may
    stream into request bodies (see the module's documentation)."""

    def __init__(self, path: Path | str | None = None, content_dirs: Mapping[str, str | os.PathLike] | None = None):
        self.host = Host(content_dirs)
        self.component = self.host.load(path or component_path())
        store, describe = self._function("describe")
        self.manifest = json.loads(describe(store))

    def _function(self, name: str) -> tuple[wasmtime.Store, Any]:
        """A fresh store, instance and the exported function ``name``."""
        store = self.host.store()
        instance = self.host.linker.instantiate(store, self.component)
        interface = instance.get_export_index(store, CONTRACT.replace(":connector@", ":connector/connector@"))
        index = instance.get_export_index(store, name, interface)
        if index is None:
            raise KeyError(f"the component exports no {name}")
        return store, instance.get_func(store, index)

    def call(self, name: str, /, **input: Any) -> Any:
        """Runs operation ``name``; keyword names are its parameters with ``_``
        for ``-`` (``access_token``; ``name`` too, for ``create-section``).
        Raises ConnectorError when it fails."""
        store, func = self._function(name)
        func_type = func.type(store)
        given = {key.replace("_", "-"): value for key, value in input.items()}
        args = [to_wasm(ty, given.get(param)) for param, ty in func_type.params]
        output = from_wasm(func_type.result, func(store, *args))
        if not isinstance(func_type.result, wc.ResultType):
            return output
        if output["tag"] == "err":
            raise ConnectorError(output["val"])
        return output.get("val")
