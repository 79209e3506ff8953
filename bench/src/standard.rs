//! The standard-WASI artifact (`pinterest_connector_wasi.wasm`: the
//! connector with the wasi:http adapter composed in) run the way any
//! standard host runs it: wasmtime's own WASI and wasi:http
//! (`wasmtime-wasi-http`), no import of ours. Each call gets a fresh store
//! with the same limits our host gives the custom-import component, on the
//! same engine, so the two differ only in how HTTP leaves the component.

use std::path::Path;

use pinterest_connector_host::wasmtime::component::{Component, Linker, ResourceTable};
use pinterest_connector_host::wasmtime::{Engine, Store};
use pinterest_connector_host::{HostLimits, PinterestConnectorPre, StoreBudget, types};
use wasmtime_wasi::{WasiCtx, WasiCtxView, WasiView};
use wasmtime_wasi_http::{WasiHttpCtx, WasiHttpCtxView, WasiHttpView};

use crate::fixtures::ACCESS_TOKEN;
use crate::inputs;
use crate::ops::Op;

/// A call's store: WASI, wasi:http, and the per-call memory budget.
struct StandardState {
    wasi: WasiCtx,
    http: WasiHttpCtx,
    table: ResourceTable,
    budget: StoreBudget,
}

impl WasiView for StandardState {
    fn ctx(&mut self) -> WasiCtxView<'_> {
        WasiCtxView {
            ctx: &mut self.wasi,
            table: &mut self.table,
        }
    }
}

impl WasiHttpView for StandardState {
    fn http(&mut self) -> WasiHttpCtxView<'_> {
        WasiHttpCtxView {
            ctx: &mut self.http,
            table: &mut self.table,
            hooks: Default::default(),
        }
    }
}

/// The standard-WASI artifact, compiled and linked to WASI and wasi:http.
pub struct StandardHost {
    engine: Engine,
    pre: PinterestConnectorPre<StandardState>,
    limits: HostLimits,
}

impl StandardHost {
    /// Compiles `path` on `engine` (ours: fuel on) and links it.
    pub fn load(engine: &Engine, path: &Path) -> Result<Self, String> {
        let component = Component::from_file(engine, path)
            .map_err(|e| format!("{}: {e:?} (run ./build.sh first)", path.display()))?;
        let mut linker = Linker::new(engine);
        wasmtime_wasi::p2::add_to_linker_sync(&mut linker).map_err(|e| format!("{e:?}"))?;
        wasmtime_wasi_http::p2::add_only_http_to_linker_sync(&mut linker)
            .map_err(|e| format!("{e:?}"))?;
        let pre = linker
            .instantiate_pre(&component)
            .and_then(PinterestConnectorPre::new)
            .map_err(|e| format!("{e:?}"))?;
        Ok(Self {
            engine: engine.clone(),
            pre,
            limits: HostLimits::default(),
        })
    }

    /// Runs `op` against `api` in a fresh instance.
    pub fn run(&self, op: Op, api: &str) -> Result<(), String> {
        let mut store = Store::new(
            &self.engine,
            StandardState {
                wasi: WasiCtx::builder().build(),
                http: WasiHttpCtx::new(),
                table: ResourceTable::new(),
                budget: StoreBudget::new(&self.limits),
            },
        );
        store.limiter(|state| &mut state.budget);
        store
            .set_fuel(self.limits.fuel_per_call)
            .map_err(|e| format!("{e:?}"))?;
        let connector = self
            .pre
            .instantiate(&mut store)
            .map_err(|e| format!("{e:?}"))?;
        let c = connector.pinterest_connector_connector();
        let config = inputs::wit_config(Some(api));
        let outcome = match op {
            Op::ListBoards(n) => c
                .call_list_boards(&mut store, &config, ACCESS_TOKEN, &inputs::wit_query(n))
                .map(|r| {
                    r.and_then(|page| {
                        if page.items.len() == n as usize {
                            Ok(())
                        } else {
                            Err(short_page(n))
                        }
                    })
                }),
            Op::CreatePin => c
                .call_create_pin(&mut store, &config, ACCESS_TOKEN, &inputs::wit_pin())
                .map(|r| r.map(drop)),
            other => return Err(format!("{} is not run end to end", other.label())),
        };
        match outcome {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(format!("the component answered an error: {e:?}")),
            Err(e) => Err(format!("the host failed: {e:?}")),
        }
    }
}

fn short_page(n: u32) -> types::Error {
    types::Error::InvalidInput(types::InvalidInput {
        field: "page".into(),
        reason: format!("not {n} boards"),
    })
}
