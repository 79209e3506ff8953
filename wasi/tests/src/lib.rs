//! The connector's standard-WASI artifacts in wasmtime 48 with nothing but
//! its own WASI (`wasmtime_wasi::p2`) and wasi:http (`wasmtime_wasi_http`):
//! no custom import, as any standard host would run them.
//!
//! - [`Standard`]: the composed connector, called with values in the
//!   manifest's JSON form converted by the component's own types (no list
//!   of operations here);
//! - [`table`]: the shared table of operations (`wasi/tests/operations.json`),
//!   run by every standard host of the workspace;
//! - [`serve`]: the HTTP service served the way `wasmtime serve` serves it;
//! - [`local`]: a small HTTP server for the adapter's edge cases, and
//!   [`bodies`]: the big bodies of the memory tests;
//! - [`rss`]: the process's memory, for the body-size tests.

mod artifacts;
pub mod bodies;
mod host;
pub mod local;
pub mod rss;
pub mod serve;
pub mod table;
mod values;

pub use artifacts::{ADAPTER, SERVICE, STANDARD, artifact, compile, imports};
pub use host::{Standard, State};
pub use values::{from_val, to_val};
