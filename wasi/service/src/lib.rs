//! The Pinterest connector as an HTTP service: a component that exports
//! `wasi:http/incoming-handler` (the shape `wasmtime serve`, Spin, wasmCloud
//! and `jco serve` run) and serves the operations of the connector it
//! imports as JSON:
//!
//! - `POST /operations/{name}`: the operation's input in the manifest's
//!   JSON form in (one object, a property per parameter), its output out
//!   (200), or its typed error with a fitting status ([`status`]);
//! - `GET /describe`: the manifest.
//!
//! `./build.sh` composes it with the connector and the wasi:http adapter
//! into `pinterest_connector_service.wasm`, which imports only `wasi:*`.
//!
//! Which operations exist and how their values look as JSON is generated
//! from the WIT at build time (`build.rs`): a new operation is served
//! without a line of code here. The service writes no log line and never
//! quotes a value it was sent in an error.

mod json;
mod service;
mod status;

pub use json::{Fields, InputError, Json, Operation, Outcome};
pub use service::{Reply, Request, handle, operations};
pub use status::{STATUS, status};

mod bindings {
    wit_bindgen::generate!({
        path: ["../../wit", "../wit"],
        world: "pinterest:standard/service",
        generate_all,
    });
}

/// The generated dispatch: `impl Json` for the WIT's types, one `call_…`
/// per operation and the `OPERATIONS` table.
mod operations {
    use serde_json::{Map, Value};

    use crate::json::{
        Fields, InputError, Json, Operation, Outcome, payload, put, tagged, variant,
    };

    include!(concat!(env!("OUT_DIR"), "/operations.rs"));
}

#[cfg(target_arch = "wasm32")]
mod component;
