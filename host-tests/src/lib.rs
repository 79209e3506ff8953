//! A wasmtime embedding of the Pinterest connector component, as a platform
//! would write it, and the integration tests that run the real `.wasm`
//! through it. Every call runs under [`HostLimits`] (memory, compute, HTTP
//! time and size); [`EgressGuard`] keeps the component's requests to
//! Pinterest's API origins or the one configured.
//!
//! ```no_run
//! use std::sync::Arc;
//! use host_tests::{ConnectorHost, UreqTransport, types};
//!
//! let host = ConnectorHost::load(host_tests::component_path(), Arc::new(UreqTransport::default()))?;
//! let config = types::Config {
//!     client_id: "1234567".into(),
//!     client_secret: "app-secret".into(),
//!     environment: types::Environment::Sandbox,
//!     api_base_url: None,
//!     authorize_url: None,
//! };
//! let page = host.list_boards(&config, "pina_…", &types::ListBoardsQuery {
//!     bookmark: None,
//!     page_size: Some(25),
//!     privacy: None,
//! })??;
//! for board in page.items {
//!     println!("{} {}", board.id, board.name);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod bindings;
pub mod cli;
pub mod egress;
pub mod host;
pub mod limits;
pub mod pool;
pub mod resolver;
pub mod standin;
pub mod transport;
pub mod utc;

use std::path::PathBuf;

pub use bindings::{http, types};
pub use egress::{EgressGuard, EgressPolicy};
pub use host::ConnectorHost;
pub use limits::{HostLimits, LimitExceeded};
pub use transport::{Transport, UreqTransport};

/// Environment variable naming the component to load instead of the
/// workspace's release build.
pub const COMPONENT_ENV: &str = "PINTEREST_CONNECTOR_WASM";

/// Where the component is: `$PINTEREST_CONNECTOR_WASM`, or the workspace's
/// `target/wasm32-wasip2/release/pinterest_connector.wasm` (made by
/// `./build.sh`).
pub fn component_path() -> PathBuf {
    std::env::var_os(COMPONENT_ENV)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../target/wasm32-wasip2/release/pinterest_connector.wasm")
        })
}
