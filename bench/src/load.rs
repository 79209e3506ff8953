//! Load rows: compiling the component with Cranelift (`Component::new`)
//! against loading machine code compiled earlier
//! (`Engine::precompile_component`, then `Component::deserialize_file`, as
//! `ConnectorHost::load_cached` does), and linking it into an `InstancePre`.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use pinterest_connector_host::ConnectorHost;
use wasmtime::Engine;
use wasmtime::component::Component;

use crate::fixtures::Answers;
use crate::ops;
use crate::stats::measure;
use crate::table::{Row, Value};

/// Time given to measuring `Component::new`.
const COMPILE_BUDGET: Duration = Duration::from_secs(3);

/// Median seconds `Component::new` takes on `wasm` (a component from
/// before, the cold-load baseline of the goal table).
pub fn compile_time(engine: &Engine, wasm: &[u8]) -> Result<f64, String> {
    Component::new(engine, wasm).map_err(|e| format!("the before component: {e:?}"))?;
    Ok(measure(COMPILE_BUDGET, || {
        Component::new(engine, wasm).expect("the component compiles");
    })
    .median)
}

/// The compiled component and the load rows.
pub struct Loaded {
    /// The engine everything runs on.
    pub engine: Engine,
    /// The compiled component.
    pub component: Component,
    /// Bytes of the precompiled form.
    pub precompiled_bytes: u64,
    /// The rows.
    pub rows: Vec<Row>,
}

/// Compiles `wasm` repeatedly, then precompiles it into `scratch` and loads
/// that repeatedly.
pub fn run(wasm: &[u8], scratch: &Path, answers: &Arc<Answers>) -> Result<Loaded, String> {
    let fail = |e: wasmtime::Error| format!("{e:?}");
    let engine = ConnectorHost::new_engine().map_err(fail)?;

    let compile = Value::Time(measure(COMPILE_BUDGET, || {
        Component::new(&engine, wasm).expect("the component compiles");
    }));

    let precompiled = engine.precompile_component(wasm).map_err(fail)?;
    std::fs::create_dir_all(scratch).map_err(|e| e.to_string())?;
    let cwasm = scratch.join("pinterest-connector.cwasm");
    std::fs::write(&cwasm, &precompiled).map_err(|e| e.to_string())?;
    // SAFETY: the file was just written by `precompile_component` of this
    // engine, and nothing else writes to the scratch directory.
    let load = || unsafe { Component::deserialize_file(&engine, &cwasm) };
    let component = load().map_err(fail)?;
    let deserialize = Value::Time(measure(Duration::from_secs(1), || {
        load().expect("the precompiled component loads");
    }));

    let transport = ops::canned_transport(Arc::clone(answers));
    let link = Value::Time(measure(Duration::from_secs(1), || {
        ConnectorHost::from_component(&engine, &component, Arc::clone(&transport))
            .expect("the component links");
    }));

    let baseline = "load precompiled";
    let rows = vec![
        Row::new("load", "Component::new (compile with Cranelift)", compile)
            .against(&deserialize, baseline),
        Row::new(
            "load",
            "Component::deserialize_file (precompiled, as load_cached does)",
            deserialize.clone(),
        ),
        Row::new(
            "load",
            "link WASI + http into an InstancePre (once per host)",
            link,
        )
        .against(&deserialize, baseline),
    ];
    Ok(Loaded {
        engine,
        component,
        precompiled_bytes: precompiled.len() as u64,
        rows,
    })
}
