//! The standard-WASI artifacts need nothing but WASI: every import is a
//! `wasi:*` interface (what `wasm-tools component wit` would list), and
//! they export what a host calls.

use standard_hosts::{ADAPTER, SERVICE, STANDARD, artifact, compile, imports};
use wasmtime::Engine;
use wasmtime::component::Component;

fn component(name: &str) -> (Engine, Component) {
    let engine = Engine::default();
    let component = compile(&engine, &artifact(name));
    (engine, component)
}

fn exports(engine: &Engine, component: &Component) -> Vec<String> {
    component
        .component_type()
        .exports(engine)
        .map(|(name, _)| name.to_owned())
        .collect()
}

#[test]
fn the_composed_connector_imports_only_wasi_and_exports_the_connector() {
    let (engine, component) = component(STANDARD);
    let imports = imports(&engine, &component);
    assert!(
        imports.iter().all(|name| name.starts_with("wasi:")),
        "{imports:#?}"
    );
    assert!(
        imports
            .iter()
            .any(|name| name.starts_with("wasi:http/outgoing-handler@0.2."))
    );
    assert!(
        exports(&engine, &component).contains(&"pinterest:connector/connector@0.3.0".to_owned())
    );
}

#[test]
fn the_service_imports_only_wasi_and_exports_the_incoming_handler() {
    let (engine, component) = component(SERVICE);
    let imports = imports(&engine, &component);
    assert!(
        imports.iter().all(|name| name.starts_with("wasi:")),
        "{imports:#?}"
    );
    let exports = exports(&engine, &component);
    assert!(
        exports
            .iter()
            .any(|name| name.starts_with("wasi:http/incoming-handler@0.2.")),
        "{exports:#?}"
    );
}

#[test]
fn the_adapter_exports_the_connectors_http_interface_over_wasi_http() {
    let (engine, component) = component(ADAPTER);
    let imports = imports(&engine, &component);
    assert!(
        imports.iter().all(|name| name.starts_with("wasi:")),
        "{imports:#?}"
    );
    assert!(
        imports
            .iter()
            .any(|name| name.starts_with("wasi:filesystem/preopens@0.2."))
    );
    assert!(exports(&engine, &component).contains(&"pinterest:connector/http@0.3.0".to_owned()));
}
