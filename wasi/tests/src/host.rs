//! The composed connector in wasmtime with its own WASI and wasi:http.

use std::path::Path;

use serde_json::Value;
use wasmtime::component::{Component, Instance, Linker, ResourceTable, Val};
use wasmtime::{Engine, Store};
use wasmtime_wasi::{FsPerms, WasiCtx, WasiCtxView, WasiView};
use wasmtime_wasi_http::{WasiHttpCtx, WasiHttpCtxView, WasiHttpView};

use crate::values::{from_val, to_val};

/// A store's state: WASI, wasi:http and their resources. Nothing of the
/// connector's own.
pub struct State {
    wasi: WasiCtx,
    http: WasiHttpCtx,
    table: ResourceTable,
}

impl State {
    /// WASI with `preopens` (host directory, guest name) read-only.
    pub fn new(preopens: &[(&Path, &str)]) -> Self {
        let mut wasi = WasiCtx::builder();
        for (host, guest) in preopens {
            wasi.preopened_dir(host, guest, FsPerms::ReadOnly)
                .expect("a preopened directory");
        }
        Self {
            wasi: wasi.build(),
            http: WasiHttpCtx::new(),
            table: ResourceTable::new(),
        }
    }
}

impl WasiView for State {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

impl WasiHttpView for State {
    fn http(&mut self) -> WasiHttpCtxView<'_> {
        WasiHttpCtxView {
            ctx: &mut self.http,
            table: &mut self.table,
            hooks: Default::default(),
        }
    }
}

/// A component on wasmtime's synchronous WASI and wasi:http.
pub struct Standard {
    /// The engine.
    pub engine: Engine,
    /// WASI and wasi:http, nothing else.
    pub linker: Linker<State>,
    /// The component, compiled.
    pub component: Component,
}

/// The connector's interface, as the composed artifact exports it.
const CONNECTOR: &str = "pinterest:connector/connector@0.3.0";

impl Standard {
    /// Compiles the component at `path` and links WASI and wasi:http.
    pub fn load(path: &Path) -> Self {
        let engine = Engine::default();
        let component = crate::compile(&engine, path);
        let mut linker = Linker::new(&engine);
        wasmtime_wasi::p2::add_to_linker_sync(&mut linker).expect("WASI");
        wasmtime_wasi_http::p2::add_only_http_to_linker_sync(&mut linker).expect("wasi:http");
        Self {
            engine,
            linker,
            component,
        }
    }

    /// A fresh instance in a fresh store.
    pub fn instantiate(&self, preopens: &[(&Path, &str)]) -> (Store<State>, Instance) {
        let mut store = Store::new(&self.engine, State::new(preopens));
        let instance = self
            .linker
            .instantiate(&mut store, &self.component)
            .expect("the component instantiates with WASI and wasi:http alone");
        (store, instance)
    }

    /// Runs function `name` of `interface` with `input` (an object, a
    /// property per parameter, in the manifest's JSON form): its output, or
    /// the error of a failed `result`.
    pub fn call_in(
        &self,
        interface: &str,
        name: &str,
        input: &Value,
        preopens: &[(&Path, &str)],
    ) -> Result<Value, Value> {
        let (mut store, instance) = self.instantiate(preopens);
        let exported = instance
            .get_export_index(&mut store, None, interface)
            .unwrap_or_else(|| panic!("the component exports no {interface}"));
        let index = instance
            .get_export_index(&mut store, Some(&exported), name)
            .unwrap_or_else(|| panic!("{interface} has no {name}"));
        let func = instance.get_func(&mut store, index).expect("a function");
        let ty = func.ty(&store);
        let params: Vec<Val> = ty
            .params()
            .map(|(param, ty)| {
                to_val(&ty, input.get(param).unwrap_or(&Value::Null))
                    .unwrap_or_else(|e| panic!("{name}: {param}: {e}"))
            })
            .collect();
        let mut results = vec![Val::Bool(false); ty.results().len()];
        func.call(&mut store, &params, &mut results)
            .unwrap_or_else(|trap| panic!("{name} trapped: {trap:?}"));
        match results.pop() {
            Some(Val::Result(Ok(value))) => Ok(value.map_or(Value::Null, |v| from_val(&v))),
            Some(Val::Result(Err(error))) => Err(error.map_or(Value::Null, |v| from_val(&v))),
            Some(value) => Ok(from_val(&value)),
            None => Ok(Value::Null),
        }
    }

    /// Runs operation `name` of the connector.
    pub fn call(&self, name: &str, input: &Value) -> Result<Value, Value> {
        self.call_in(CONNECTOR, name, input, &[])
    }

    /// Runs operation `name` of the connector with `preopens` (host
    /// directory, guest name) read-only.
    pub fn call_with(
        &self,
        name: &str,
        input: &Value,
        preopens: &[(&Path, &str)],
    ) -> Result<Value, Value> {
        self.call_in(CONNECTOR, name, input, preopens)
    }
}
