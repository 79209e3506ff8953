//! How the host answers the component's `http.send`: the [`Transport`]
//! trait, which a platform implements over its own HTTP client (or takes
//! [`UreqTransport`](crate::UreqTransport), with the `ureq` feature).

use std::time::Duration;

use crate::bindings::http::{BodyPart, HttpError, Request, Response};

/// Answers the component's HTTP requests. Implement it to route the
/// connector's traffic through your own client, proxy or test double.
pub trait Transport: Send + Sync {
    /// Sends `request`; a 4xx or 5xx is an `Ok` response. Must not follow
    /// redirects, and should honour `request.timeout_ms`.
    fn send(&self, request: Request) -> Result<Response, HttpError>;
}

impl<F> Transport for F
where
    F: Fn(Request) -> Result<Response, HttpError> + Send + Sync,
{
    fn send(&self, request: Request) -> Result<Response, HttpError> {
        self(request)
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
}
