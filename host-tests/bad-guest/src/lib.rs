//! A component of the connector's WIT world that misbehaves on request, so
//! that the host's tests can show it contains a bad guest: `get-board`
//! with board id
//!
//! - `spin` loops forever (stopped by the fuel budget),
//! - `grow` allocates memory without end (stopped by the memory limit),
//! - `panic` panics (a trap),
//! - `recurse` recurses without end (a stack overflow trap),
//! - `fetch:URL` sends `GET URL` asking the host to wait up to 49 days,
//!   and names the outcome in the board's name,
//!
//! and any other id returns a board named `fine` at once. Every other
//! operation answers `invalid-input`.
//!
//! Built for `wasm32-wasip2` only (`./build.sh` does it); on other targets
//! the crate is empty.

#[cfg(target_arch = "wasm32")]
mod guest;
