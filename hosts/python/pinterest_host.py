"""The Pinterest connector component in Python, with wasmtime's component
model: WASI 0.2 from wasmtime, the component's ``http`` import answered with
the standard library's ``http.client``, and ``Connector.call(name, **input)``
running any operation with input and output in the manifest's JSON form
(WIT names, variants as ``{"tag": ..., "val": ...}``)."""

from __future__ import annotations

import http.client
import json
import os
import socket
import urllib.parse
from pathlib import Path
from typing import Any

import wasmtime
from wasmtime import component as wc

CONTRACT = "pinterest:connector@0.3.0"
#: Time limit when a request names none, in seconds.
DEFAULT_TIMEOUT = 30.0
#: Largest response body read; a bigger one is refused as ``denied``.
MAX_RESPONSE_BYTES = 8 * 1024 * 1024


def component_path() -> Path:
    """``$PINTEREST_CONNECTOR_WASM``, or the workspace's release build (``./build.sh``)."""
    default = Path(__file__).resolve().parents[2] / "target/wasm32-wasip2/release/pinterest_connector.wasm"
    return Path(os.environ.get("PINTEREST_CONNECTOR_WASM", default))


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


def _header(name: str, value: str) -> wc.Record:
    record = wc.Record()
    record.name = name
    record.value = value
    return record


#: The refusal of host content: this host holds none.
NO_CONTENT = "this host holds no content to stream"


def content_length(_store: Any, _name: str) -> wc.Variant:
    """The ``http.content-length`` import: this host holds no content for the
    component to stream, so every name is refused."""
    return wc.Variant("denied", NO_CONTENT)


def send(_store: Any, request: wc.Record) -> wc.Record | wc.Variant:
    """The ``http.send`` import: no redirects followed (``http.client`` never
    follows them), every status returned as a response, ``timeout-ms`` applied
    to the connection and each read, bodies capped, non-http(s) URLs denied."""
    url = urllib.parse.urlsplit(request.url)
    if url.scheme not in ("http", "https") or not url.hostname:
        return wc.Variant("denied", f"the host sends only http and https requests, not {url.scheme}:")
    # Body parts come as bytes (component-built) or str (host content).
    if any(isinstance(part, str) for part in request.body):
        return wc.Variant("denied", NO_CONTENT)
    body = b"".join(bytes(part) for part in request.body) or None
    timeout_ms = getattr(request, "timeout-ms")
    timeout = timeout_ms / 1000 if timeout_ms is not None else DEFAULT_TIMEOUT
    connection_class = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(url.hostname, url.port, timeout=timeout)
    target = urllib.parse.urlunsplit(("", "", url.path or "/", url.query, ""))
    try:
        connection.request(
            request.method.upper(),
            target,
            body=body,
            headers={h.name: h.value for h in request.headers},
        )
        answer = connection.getresponse()
        body = answer.read(MAX_RESPONSE_BYTES + 1)
    except (socket.timeout, TimeoutError):
        return wc.Variant("timeout")
    except (OSError, http.client.HTTPException) as error:
        return wc.Variant("transport", f"{type(error).__name__}: {error}")
    finally:
        connection.close()
    if len(body) > MAX_RESPONSE_BYTES:
        return wc.Variant("denied", f"response body exceeds the host's limit of {MAX_RESPONSE_BYTES} bytes")
    response = wc.Record()
    response.status = answer.status
    response.headers = [_header(name, value) for name, value in answer.getheaders()]
    response.body = body
    return response


def _classes(ty: Any) -> set[type]:
    found: set[type] = set()
    ty.add_classes(found)
    return found


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
        # wasmtime-py passes a Variant only where the cases' Python types
        # overlap; otherwise the payload itself stands for its case.
        return wc.Variant(value["tag"], payload) if ty._tagged() else payload
    if isinstance(ty, wc.ListType):
        return [to_wasm(ty.element, item) for item in value]
    return value


def from_wasm(ty: Any, value: Any) -> Any:
    """wasmtime's Python shape → the manifest's JSON form (none left out)."""
    if isinstance(ty, wc.RecordType):
        out = {}
        for name, field in ty.fields:
            inner = getattr(value, name)
            if inner is not None:
                out[name] = from_wasm(field, inner)
        return out
    if isinstance(ty, wc.OptionType):
        return None if value is None else from_wasm(ty.payload, value)
    if isinstance(ty, wc.VariantType):
        if isinstance(value, wc.Variant):
            tag, payload = value.tag, value.payload
        else:
            tag = next(name for name, case in ty.cases if case is not None and isinstance(value, tuple(_classes(case))))
            payload = value
        case = dict(ty.cases)[tag]
        return {"tag": tag} if case is None else {"tag": tag, "val": from_wasm(case, payload)}
    if isinstance(ty, wc.ListType):
        return [from_wasm(ty.element, item) for item in value]
    return value


class Connector:
    """The component compiled once; each call runs in a fresh store."""

    def __init__(self, path: Path | str | None = None):
        self.engine = wasmtime.Engine()
        self.component = wc.Component.from_file(self.engine, str(path or component_path()))
        self.linker = wc.Linker(self.engine)
        self.linker.add_wasip2()
        with self.linker.root() as root:
            with root.add_instance(f"pinterest:connector/http@{CONTRACT.split('@')[1]}") as imports:
                imports.add_func("send", send)
                imports.add_func("content-length", content_length)
        store, describe = self._function("describe")
        self.manifest = json.loads(describe(store))

    def _function(self, name: str) -> tuple[wasmtime.Store, Any]:
        """A fresh store, instance and the exported function ``name``."""
        store = wasmtime.Store(self.engine)
        store.set_wasi(wasmtime.WasiConfig())
        instance = self.linker.instantiate(store, self.component)
        interface = instance.get_export_index(store, CONTRACT.replace(":connector@", ":connector/connector@"))
        index = instance.get_export_index(store, name, interface)
        if index is None:
            raise KeyError(f"the component exports no {name}")
        return store, instance.get_func(store, index)

    def call(self, name: str, **input: Any) -> Any:
        """Runs operation ``name``; keyword names are its parameters with ``_``
        for ``-`` (``access_token``). Raises ConnectorError when it fails."""
        operation = next(op for op in self.manifest["operations"] if op["name"] == name)
        store, func = self._function(name)
        func_type = func.type(store)
        given = {key.replace("_", "-"): value for key, value in input.items()}
        args = [to_wasm(ty, given.get(param)) for param, ty in func_type.params]
        result = func(store, *args)
        if not operation["fails"]:
            return from_wasm(func_type.result, result)
        # result<record, error>: the ok value is a Record, the error (a
        # variant of records) a Variant.
        if isinstance(result, wc.Variant):
            raise ConnectorError(from_wasm(func_type.result.err, result))
        return from_wasm(func_type.result.ok, result)
