//! The component's `http` import for a platform's own `Store<T>`: the
//! transport, the host content and the limits live in a [`ConnectorHttp`]
//! inside the platform's state, and [`add_to_linker`] tells the linker
//! where to find it.

use std::sync::Arc;

use wasmtime::component::{HasSelf, Linker};

use crate::bindings::http::{self, BodyPart, HttpError};
use crate::body::{BodyStream, RequestBody};
use crate::content::{HostContent, NoContent, quoted};
use crate::limits::HostLimits;
use crate::transport::{OutgoingRequest, Transport, too_large};

/// What the `http` import needs: where requests go, the content the host
/// holds for the component, and the HTTP limits applied to both whatever
/// the transport does.
#[derive(Clone)]
pub struct ConnectorHttp {
    transport: Arc<dyn Transport>,
    content: Arc<dyn HostContent>,
    limits: HostLimits,
}

impl ConnectorHttp {
    /// Requests go through `transport`, under `limits`; no host content
    /// (every `content-length` and `host-content` part is refused).
    pub fn new(transport: Arc<dyn Transport>, limits: HostLimits) -> Self {
        Self {
            transport,
            content: Arc::new(NoContent),
            limits,
        }
    }

    /// The same, with `content` as what the component may name in
    /// `content-length` and `host-content` parts.
    pub fn with_content(mut self, content: Arc<dyn HostContent>) -> Self {
        self.content = content;
        self
    }

    /// The size of `name`, refused over [`HostLimits::max_content_bytes`].
    fn length_of(&self, name: &str) -> Result<u64, HttpError> {
        let length = self.content.length(name)?;
        let max = self.limits.max_content_bytes;
        if length > max {
            return Err(HttpError::Denied(format!(
                "host content {} is {length} bytes, over the host's limit of {max} bytes (max_content_bytes)",
                quoted(name)
            )));
        }
        Ok(length)
    }

    /// The component's request as the transport gets it: the body put
    /// together — the bytes joined, or, when it names host content, a
    /// stream of the parts with that content opened — and the time limit
    /// capped for its kind.
    fn outgoing(&self, request: http::Request) -> Result<OutgoingRequest, HttpError> {
        let carries_host_content = request.carries_host_content();
        let http::Request {
            method,
            url,
            headers,
            body: parts,
            timeout_ms,
        } = request;
        let (body, timeout) = if carries_host_content {
            let mut stream = BodyStream::new();
            let mut content_bytes: u64 = 0;
            for part in parts {
                match part {
                    BodyPart::Bytes(bytes) => stream.push_bytes(bytes),
                    BodyPart::HostContent(name) => {
                        let length = self.length_of(&name)?;
                        content_bytes = content_bytes.saturating_add(length);
                        let max = self.limits.max_content_bytes;
                        if content_bytes > max {
                            return Err(HttpError::Denied(format!(
                                "host content: the request carries {content_bytes} bytes of it, over the host's limit of {max} bytes (max_content_bytes)"
                            )));
                        }
                        let reader = self.content.open(&name)?;
                        stream.push_content(name, reader, length);
                    }
                }
            }
            (
                RequestBody::Stream(stream),
                self.limits.upload_timeout(timeout_ms),
            )
        } else {
            let mut bytes = Vec::new();
            for part in parts {
                if let BodyPart::Bytes(part) = part {
                    bytes.extend_from_slice(&part);
                }
            }
            (
                RequestBody::Bytes(bytes),
                self.limits.http_timeout(timeout_ms),
            )
        };
        Ok(OutgoingRequest {
            method,
            url,
            headers,
            body,
            timeout,
        })
    }
}

impl http::Host for ConnectorHttp {
    /// The size of the host content called `name`, from the
    /// [`HostContent`] given with [`ConnectorHttp::with_content`]; `denied`
    /// for a name it does not hold, or for content over
    /// [`HostLimits::max_content_bytes`].
    fn content_length(&mut self, name: String) -> Result<u64, HttpError> {
        self.length_of(&name)
    }

    /// Sends through the transport with the time limit capped at
    /// [`HostLimits::max_http_timeout`] — or, for a body that carries host
    /// content, at [`HostLimits::max_upload_timeout`] — and refuses a
    /// response body over [`HostLimits::max_response_bytes`], whatever the
    /// transport. Host content is streamed from its source into the
    /// transport, never held.
    fn send(&mut self, request: http::Request) -> Result<http::Response, HttpError> {
        let response = self.transport.send(self.outgoing(request)?)?;
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
/// use pinterest_connector_host::{ConnectorHttp, HostFiles, HostLimits, UreqTransport, add_to_linker};
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
/// // One store per call, with the files that call's component may send.
/// let files = HostFiles::new().file("video-42", "/var/lib/platform/uploads/42.mp4");
/// let state = MyState {
///     http: ConnectorHttp::new(Arc::new(UreqTransport::default()), HostLimits::default())
///         .with_content(Arc::new(files)),
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
