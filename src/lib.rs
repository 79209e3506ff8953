//! Pinterest API v5 connector, built as a WebAssembly component
//! (`wasm32-wasip2`) and usable as a plain Rust library.
//!
//! The core is plain Rust: requests are built and responses read by pure
//! functions, and the operations in [`connector::Connector`] take their HTTP
//! client as a parameter ([`http::HttpClient`]). On `wasm32`, the
//! `component` module adapts the core to the WIT contract in `wit/`, sending
//! every request through the host's `http` import.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::string_slice
    )
)]
#![warn(missing_docs)]

pub mod account;
pub mod boards;
pub mod body;
pub mod classify;
pub mod config;
pub mod connector;
pub mod endpoints;
pub mod error;
pub mod excerpt;
pub mod http;
pub mod json;
pub mod manifest;
pub mod oauth;
pub mod operation;
pub mod paging;
pub mod pins;
pub mod redact;
pub mod remedy;
pub mod request;
pub mod scopes;
pub mod secret;
pub mod text;
pub mod validate;

#[cfg(target_arch = "wasm32")]
mod component;
