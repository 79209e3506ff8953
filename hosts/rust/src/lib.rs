//! Embeds the Pinterest connector component (`pinterest_connector.wasm`) in
//! wasmtime, the way a platform would: one engine, the component compiled
//! and linked once, a fresh store per call, every call under
//! [`HostLimits`] (memory, compute, HTTP time and size, host content), and
//! every request the component makes held to an [`EgressPolicy`] before it
//! leaves.
//!
//! ```no_run
//! use std::sync::Arc;
//! use pinterest_connector_host::{ConnectorHost, EgressGuard, EgressPolicy, UreqTransport, types};
//!
//! // Only Pinterest's API origins are reachable; everything else is refused.
//! let transport = EgressGuard::new(EgressPolicy::pinterest(), UreqTransport::default());
//! let host = ConnectorHost::load("pinterest_connector.wasm", Arc::new(transport))?;
//! let config = types::Config {
//!     client_id: "1234567".into(),
//!     client_secret: "app-secret".into(),
//!     environment: types::Environment::Sandbox,
//!     api_base_url: None,
//!     authorize_url: None,
//!     ad_account_id: None,
//! };
//! let query = types::ListBoardsQuery { bookmark: None, page_size: Some(25), privacy: None };
//! match host.list_boards(&config, "pina_…", &query)? {
//!     Ok(page) => page.items.iter().for_each(|board| println!("{} {}", board.id, board.name)),
//!     // What went wrong, then what to do.
//!     Err(error) => eprintln!("{}\n{}", error.summary(), error.remedy()),
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A video the platform holds goes to the host by name: the component gets
//! the name, the host streams the file into the upload, so the video's
//! bytes never pass through the component (nor sit whole in the host's
//! memory). Only registered files are readable, only under their names.
//!
//! ```no_run
//! use std::sync::Arc;
//! use pinterest_connector_host::{ConnectorHost, EgressGuard, EgressPolicy, HostFiles, UreqTransport};
//!
//! let transport = EgressGuard::new(EgressPolicy::pinterest(), UreqTransport::default());
//! let host = ConnectorHost::load("pinterest_connector.wasm", Arc::new(transport))?;
//! // For this call only: the file at this path, known to the component as "video-42".
//! let files = HostFiles::new().file("video-42", "/var/lib/platform/uploads/42.mp4");
//! let call = host.clone().with_content(Arc::new(files));
//! // The component asks `content-length("video-42")` to check the size
//! // (at most `HostLimits::max_content_bytes`, 2 GiB), registers the media
//! // with Pinterest, and sends a `host-content("video-42")` body part to
//! // the upload URL Pinterest returned: the `EgressGuard` lets exactly that
//! // one upload through, and `UreqTransport` streams the file into it under
//! // `HostLimits::max_upload_timeout` (30 minutes).
//! # let _ = call;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! A platform with its own `Store<T>` links the component's `http` import
//! with [`add_to_linker`] instead (and WASI with
//! `wasmtime_wasi::p2::add_to_linker_sync`).
//!
//! Features: `ureq` (default) brings [`UreqTransport`], a blocking HTTP
//! client; without it, implement [`Transport`] over your own client (it
//! gets an [`OutgoingRequest`], whose [`RequestBody`] is bytes or, for an
//! upload, a [`BodyStream`] of known length to stream).

mod bindings;
mod body;
mod content;
mod egress;
mod errors;
mod host;
mod limits;
mod linker;
mod pool;
#[cfg(feature = "ureq")]
mod resolver;
mod transport;
mod upload_grant;
#[cfg(feature = "ureq")]
mod ureq_transport;

pub use bindings::{PinterestConnector, PinterestConnectorPre, http, types};
pub use body::{BodyStream, RequestBody};
pub use content::{HostContent, HostFiles};
pub use egress::{EgressGuard, EgressPolicy, PINTEREST_API, PINTEREST_SANDBOX_API};
pub use host::{ConnectorHost, State};
pub use limits::{HostLimits, LimitExceeded, StoreBudget};
pub use linker::{ConnectorHttp, add_to_linker};
pub use pool::pooled_engine;
pub use transport::{DEFAULT_TIMEOUT, OutgoingRequest, Transport, too_large};
#[cfg(feature = "ureq")]
pub use ureq_transport::UreqTransport;
/// The wasmtime this library is built on, for platforms that link the
/// component themselves.
pub use wasmtime;
