//! Where `./build.sh` writes the standard-WASI artifacts, and what a
//! component imports.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use wasmtime::Engine;
use wasmtime::component::Component;

/// The connector with the wasi:http adapter composed in.
pub const STANDARD: &str = "pinterest_connector_wasi.wasm";
/// The HTTP service composed with that connector.
pub const SERVICE: &str = "pinterest_connector_service.wasm";
/// The adapter alone (it exports `pinterest:connector/http`).
pub const ADAPTER: &str = "pinterest_connector_adapter.wasm";

/// The artifact `name` in the workspace's release directory; panics with
/// what to do when it is missing.
pub fn artifact(name: &str) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/wasm32-wasip2/release")
        .join(name);
    assert!(
        path.exists(),
        "{} is missing: run ./build.sh first",
        path.display()
    );
    path
}

/// `path` compiled for `engine`. Compiling a component in a debug build of
/// wasmtime takes seconds, so the machine code is kept under
/// `target/standard-hosts/`, named by a hash of the component's bytes and
/// the engine's configuration, and loaded from there while both are the
/// same.
pub fn compile(engine: &Engine, path: &Path) -> Component {
    let wasm = std::fs::read(path).expect("the component");
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    wasm.hash(&mut hasher);
    engine.precompile_compatibility_hash().hash(&mut hasher);
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("component");
    let cache = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/standard-hosts")
        .join(format!("{stem}-{:016x}.cwasm", hasher.finish()));
    if cache.exists() {
        // SAFETY: the file was written by `Component::serialize` below for
        // these very bytes and this engine configuration (both are in its
        // name), and nothing else writes there.
        if let Ok(component) = unsafe { Component::deserialize_file(engine, &cache) } {
            return component;
        }
    }
    let component = Component::new(engine, &wasm).expect("a component");
    if let (Ok(bytes), Some(dir)) = (component.serialize(), cache.parent()) {
        let temporary = cache.with_extension(format!("{}.tmp", std::process::id()));
        let _ = std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&temporary, bytes))
            .and_then(|()| std::fs::rename(&temporary, &cache));
    }
    component
}

/// The import names of `component`.
pub fn imports(engine: &Engine, component: &Component) -> Vec<String> {
    component
        .component_type()
        .imports(engine)
        .map(|(name, _)| name.to_owned())
        .collect()
}
