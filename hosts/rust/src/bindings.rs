//! Rust types and traits generated from `wit/` for the host side.
//!
//! Kept in its own module: the WIT has a record named `config`, which would
//! otherwise collide with `wasmtime::Config`.

wasmtime::component::bindgen!({
    path: "../../wit",
    world: "pinterest-connector",
});

pub use pinterest::connector::http;
pub use pinterest::connector::types;
