//! The component's `http` import for a platform's own `Store<T>`: the
//! transport and limits live in a [`ConnectorHttp`] inside the platform's
//! state, and [`add_to_linker`] tells the linker where to find it.

use std::sync::Arc;

use wasmtime::component::{HasSelf, Linker};

use crate::bindings::http;
use crate::limits::HostLimits;
use crate::transport::{Transport, too_large};

/// What the `http` import needs: where requests go, and the HTTP limits
/// applied to them whatever the transport does.
#[derive(Clone)]
pub struct ConnectorHttp {
    transport: Arc<dyn Transport>,
    limits: HostLimits,
}

impl ConnectorHttp {
    /// Requests go through `transport`, under `limits`.
    pub fn new(transport: Arc<dyn Transport>, limits: HostLimits) -> Self {
        Self { transport, limits }
    }
}

impl http::Host for ConnectorHttp {
    /// This host holds no content for the component to stream: every name
    /// is refused.
    fn content_length(&mut self, _name: String) -> Result<u64, http::HttpError> {
        Err(http::HttpError::Denied(
            "this host holds no content to stream".to_owned(),
        ))
    }

    /// Sends through the transport with the time limit capped at
    /// [`HostLimits::max_http_timeout`], and refuses a body over
    /// [`HostLimits::max_response_bytes`], whatever the transport.
    fn send(&mut self, mut request: http::Request) -> Result<http::Response, http::HttpError> {
        let timeout = self.limits.http_timeout(request.timeout_ms);
        request.timeout_ms = Some(u32::try_from(timeout.as_millis()).unwrap_or(u32::MAX));
        let response = self.transport.send(request)?;
        let max = self.limits.max_response_bytes;
        if response.body.len() as u64 > max {
            return Err(too_large(max));
        }
        Ok(response)
    }
}

/// Adds the component's `pinterest:connector/http` import to `linker`,
/// answered by the [`ConnectorHttp`] that `get` finds in the store's data.
///
/// ```no_run
/// use std::sync::Arc;
/// use pinterest_connector_host::{ConnectorHttp, HostLimits, UreqTransport, add_to_linker};
/// use pinterest_connector_host::wasmtime::{Engine, component::Linker};
///
/// struct MyState {
///     http: ConnectorHttp,
///     // … the platform's own state, WASI among it
/// }
///
/// let engine = Engine::default();
/// let mut linker = Linker::<MyState>::new(&engine);
/// add_to_linker(&mut linker, |state| &mut state.http)?;
/// let state = MyState {
///     http: ConnectorHttp::new(Arc::new(UreqTransport::default()), HostLimits::default()),
/// };
/// # let _ = state;
/// # Ok::<(), pinterest_connector_host::wasmtime::Error>(())
/// ```
pub fn add_to_linker<T: 'static>(
    linker: &mut Linker<T>,
    get: fn(&mut T) -> &mut ConnectorHttp,
) -> wasmtime::Result<()> {
    http::add_to_linker::<T, HasSelf<ConnectorHttp>>(linker, get)
}
