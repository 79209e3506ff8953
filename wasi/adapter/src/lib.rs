//! The connector's `http` import answered over standard WASI 0.2: each
//! `send` becomes one `wasi:http/outgoing-handler.handle` call, and each
//! `host-content` body part a file read in chunks through `wasi:filesystem`
//! from a preopened directory. Composed into the connector (`./build.sh`
//! does it), the result imports nothing but `wasi:*` interfaces and runs on
//! any WASI 0.2 host with `wasi:http`: wasmtime, wasmtime-py, jco,
//! Spin, wasmCloud.
//!
//! The guarantees of the connector's own hosts hold here too:
//!
//! - the whole exchange is bounded by the request's `timeout-ms` (30 s when
//!   it names none, never more than 60 s), answered `timeout`;
//! - redirects are returned, never followed (wasi:http follows none);
//! - a response body over [`MAX_RESPONSE_BYTES`] (8 MiB) is refused with
//!   `denied` naming the limit, before more than that is read;
//! - only `http` and `https` URLs without credentials are sent;
//! - no error text quotes a header value: what the WASI host reports is
//!   passed on with the request's header values redacted.
//!
//! The pure parts (URL splitting, host-content names, redaction) are plain
//! Rust and tested natively; the WASI calls are built for `wasm32-wasip2`
//! only.

mod content;
mod limits;
mod redact;
mod target;

pub use content::{Located, locate};
pub use limits::{DEFAULT_TIMEOUT_MS, MAX_RESPONSE_BYTES, MAX_TIMEOUT_MS, timeout_ms, too_large};
pub use redact::{REDACTED, Redactor};
pub use target::{Scheme, Target};

#[cfg(target_arch = "wasm32")]
mod component;
