"""The standard-WASI artifact on wasmtime-py's own WASI and wasi:http (no
import written in Python): it imports nothing but wasi:*, and every
operation runs against the Pinterest stand-in, from the shared table in
wasi/tests/operations.json."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import operations  # noqa: E402
import standin  # noqa: E402
from pinterest_host import Connector, ConnectorError, Host, component_path  # noqa: E402

pytestmark = pytest.mark.skipif(not component_path().exists(), reason="run ./build.sh first")


@pytest.fixture(scope="module")
def pinterest():
    running = standin.start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def video(tmp_path_factory):
    """The table's video: (the directory holding it, its guest name, the
    host-content name)."""
    directory = tmp_path_factory.mktemp("content")
    guest, name = operations.write_content(directory)
    return directory, guest, name


@pytest.fixture(scope="module")
def connector(video):
    directory, guest, _ = video
    return Connector(content_dirs={guest: directory})


def test_the_artifact_imports_only_wasi_interfaces():
    host = Host()
    component = host.load(component_path())
    imports = list(component.type.imports(host.engine))
    assert imports and all(name.startswith("wasi:") for name in imports), imports
    assert "pinterest:connector/connector@0.3.0" in component.type.exports(host.engine)


def test_the_custom_import_component_is_refused_with_the_way_out():
    custom = component_path().with_name("pinterest_connector.wasm")
    with pytest.raises(ValueError, match="pinterest_connector_wasi.wasm"):
        Connector(custom)


def test_every_operation_runs_against_the_stand_in(connector, pinterest, video):
    def call(name, given):
        return connector.call(name, **{key.replace("-", "_"): value for key, value in given.items()})

    known = {"config": pinterest.config(), "redirect-uri": standin.REDIRECT_URI, "content": video[2]}
    done = operations.run(call, ConnectorError, known)
    manifest = {op["name"] for op in connector.manifest["operations"]} | {"describe"}
    assert manifest <= set(done), f"operations without a step in {operations.TABLE}: {manifest - set(done)}"


def test_an_error_names_no_secret(connector, pinterest):
    config = dict(pinterest.config(), **{"client-secret": "py-secret-0f3e9a"})
    with pytest.raises(ConnectorError) as caught:
        connector.call("exchange", config=config, code="no-such-code", redirect_uri=standin.REDIRECT_URI)
    assert caught.value.tag == "grant-rejected"
    assert "py-secret-0f3e9a" not in str(caught.value.error)
