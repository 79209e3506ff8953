//! How the host answers the component's `http.send`: the [`Transport`]
//! trait, which a platform implements over its own HTTP client (or takes
//! [`UreqTransport`](crate::UreqTransport), with the `ureq` feature), and
//! the [`OutgoingRequest`] it is handed.

use std::fmt;
use std::time::Duration;

use crate::bindings::http::{BodyPart, Header, HttpError, Method, Request, Response};
use crate::body::RequestBody;

/// Answers the component's HTTP requests. Implement it to route the
/// connector's traffic through your own client, proxy or test double.
///
/// A closure `Fn(http::Request) -> Result<http::Response, http::HttpError>`
/// is a transport too: it sees the request as the component's import types
/// it (the body as one `bytes` part, `timeout-ms` set), and never sees host
/// content — a request that carries some is refused with `denied` before
/// the closure runs. A transport that uploads host content implements
/// [`Transport::send`] and streams [`RequestBody::Stream`].
pub trait Transport: Send + Sync {
    /// Sends `request`; a 4xx or 5xx is an `Ok` response. Must not follow
    /// redirects, must give up after `request.timeout`, and must send a
    /// [`RequestBody::Stream`] with a `content-length` of its
    /// [`len`](crate::BodyStream::len), reading it as it goes rather than
    /// holding it.
    fn send(&self, request: OutgoingRequest) -> Result<Response, HttpError>;
}

impl<F> Transport for F
where
    F: Fn(Request) -> Result<Response, HttpError> + Send + Sync,
{
    fn send(&self, request: OutgoingRequest) -> Result<Response, HttpError> {
        self(request.into_component_request()?)
    }
}

/// A request as the host sends it: the component's request with its body
/// put together (its `bytes` parts joined, its host content opened) and its
/// time limit set by the host's [`HostLimits`](crate::HostLimits).
pub struct OutgoingRequest {
    /// The request method.
    pub method: Method,
    /// Absolute URL, query string included and already percent-encoded.
    pub url: String,
    /// Headers to send, in order, as the component gave them.
    pub headers: Vec<Header>,
    /// The body: bytes, or a stream that carries host content.
    pub body: RequestBody,
    /// How long the whole exchange may take: what the component asked for,
    /// capped by the host's limits.
    pub timeout: Duration,
}

impl OutgoingRequest {
    /// A request without headers or body, with the [`DEFAULT_TIMEOUT`].
    pub fn new(method: Method, url: impl Into<String>) -> Self {
        Self {
            method,
            url: url.into(),
            headers: Vec::new(),
            body: RequestBody::Bytes(Vec::new()),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// The request as the component's `http` import types it: the body as
    /// one `bytes` part (none when empty), `timeout-ms` set. A body that
    /// carries host content is refused with `denied`: it exists only as a
    /// stream.
    pub fn into_component_request(self) -> Result<Request, HttpError> {
        let body = match self.body {
            RequestBody::Bytes(bytes) if bytes.is_empty() => Vec::new(),
            RequestBody::Bytes(bytes) => vec![BodyPart::Bytes(bytes)],
            RequestBody::Stream(_) => {
                return Err(HttpError::Denied(
                    "host content: this host's transport sends only bodies the component built, not host content"
                        .to_owned(),
                ));
            }
        };
        Ok(Request {
            method: self.method,
            url: self.url,
            headers: self.headers,
            body,
            timeout_ms: Some(u32::try_from(self.timeout.as_millis()).unwrap_or(u32::MAX)),
        })
    }
}

/// Method, URL, header names, the body's length and the time limit: header
/// values and bodies may hold secrets.
impl fmt::Debug for OutgoingRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.headers.iter().map(|h| h.name.as_str()).collect();
        f.debug_struct("OutgoingRequest")
            .field("method", &self.method.as_str())
            .field("url", &self.url)
            .field("header_names", &names)
            .field("body", &self.body)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// Time limit used when a request names none.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// The refusal of a body over `max` bytes.
pub fn too_large(max: u64) -> HttpError {
    HttpError::Denied(format!(
        "response body exceeds the host's limit of {max} bytes"
    ))
}

impl Method {
    /// The method as it goes on the request line: `GET`, `POST`, …
    pub fn as_str(&self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

impl Request {
    /// The whole body as bytes, when it is made only of bytes the component
    /// built; none when it names host content, which only a streaming
    /// transport can send.
    pub fn body_bytes(&self) -> Option<Vec<u8>> {
        let mut body = Vec::new();
        for part in &self.body {
            match part {
                BodyPart::Bytes(bytes) => body.extend_from_slice(bytes),
                BodyPart::HostContent(_) => return None,
            }
        }
        Some(body)
    }

    /// Whether a part of the body is host content.
    pub fn carries_host_content(&self) -> bool {
        self.body
            .iter()
            .any(|part| matches!(part, BodyPart::HostContent(_)))
    }
}
