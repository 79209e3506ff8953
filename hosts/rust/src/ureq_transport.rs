//! [`UreqTransport`]: the component's requests sent by `ureq`, a blocking
//! HTTP client with TLS by rustls.

use std::io::Read as _;

use crate::bindings::http::{Header, HttpError, Method, Response};
use crate::body::RequestBody;
use crate::limits::HostLimits;
use crate::transport::{OutgoingRequest, Transport, too_large};

/// A [`Transport`] over `ureq`: TLS by rustls, no redirects, every status
/// returned as a response, a time limit on every request and a cap on
/// response size. A body that carries host content is streamed from its
/// source with a `content-length` of the whole (never chunked: S3-style
/// upload hosts refuse chunked uploads), under
/// [`HostLimits::max_upload_timeout`].
pub struct UreqTransport {
    agent: ureq::Agent,
    limits: HostLimits,
}

impl Default for UreqTransport {
    /// The client with [`HostLimits::default`].
    fn default() -> Self {
        Self::with_limits(&HostLimits::default())
    }
}

impl UreqTransport {
    /// A client that reads at most `max_response_bytes` of any body.
    pub fn new(max_response_bytes: u64) -> Self {
        Self::with_limits(&HostLimits {
            max_response_bytes,
            ..HostLimits::default()
        })
    }

    /// A client that applies the HTTP limits of `limits`: each request's
    /// time limit capped at [`HostLimits::max_http_timeout`] (at
    /// [`HostLimits::max_upload_timeout`] when its body carries host
    /// content), and no more than [`HostLimits::max_response_bytes`] of any
    /// body read.
    pub fn with_limits(limits: &HostLimits) -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(limits.http_timeout(None)))
            .build();
        let agent = ureq::Agent::with_parts(
            config,
            ureq::unversioned::transport::DefaultConnector::new(),
            crate::resolver::LiteralFirst::default(),
        );
        Self {
            agent,
            limits: *limits,
        }
    }
}

impl Transport for UreqTransport {
    fn send(&self, request: OutgoingRequest) -> Result<Response, HttpError> {
        let timeout = request
            .timeout
            .min(self.limits.timeout_cap(request.body.carries_host_content()));
        let mut builder = ureq::http::Request::builder()
            .method(request.method.as_str())
            .uri(&request.url);
        // The body's framing is the transport's to state.
        for Header { name, value } in request.headers.iter().filter(|h| !is_framing(&h.name)) {
            builder = builder.header(name, value);
        }
        let response = match request.body {
            // A GET or DELETE without content goes without framing: no
            // `content-length: 0` (RFC 9110 §8.6), no empty chunked body.
            RequestBody::Bytes(bytes)
                if bytes.is_empty() && matches!(request.method, Method::Get | Method::Delete) =>
            {
                self.run(builder.body(()), timeout)?
            }
            RequestBody::Bytes(bytes) => self.run(builder.body(bytes), timeout)?,
            RequestBody::Stream(stream) => {
                let length = stream.len();
                let body = ureq::SendBody::from_owned_reader(stream);
                self.run(builder.header("content-length", length).body(body), timeout)?
            }
        };
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(name, value)| Header {
                name: name.as_str().to_owned(),
                value: String::from_utf8_lossy(value.as_bytes()).into_owned(),
            })
            .collect();
        let max = self.limits.max_response_bytes;
        let mut body = Vec::new();
        response
            .into_body()
            .into_reader()
            .take(max.saturating_add(1))
            .read_to_end(&mut body)
            .map_err(read_error)?;
        if body.len() as u64 > max {
            return Err(too_large(max));
        }
        Ok(Response {
            status,
            headers,
            body,
        })
    }
}

impl UreqTransport {
    /// Sends `built` (when it was built) within `timeout`.
    fn run(
        &self,
        built: Result<ureq::http::Request<impl ureq::AsSendBody>, ureq::http::Error>,
        timeout: std::time::Duration,
    ) -> Result<ureq::http::Response<ureq::Body>, HttpError> {
        let built = built.map_err(|e| HttpError::Transport(format!("invalid request: {e}")))?;
        let configured = self
            .agent
            .configure_request(built)
            .timeout_global(Some(timeout))
            .build();
        self.agent.run(configured).map_err(transport_error)
    }
}

/// Headers that say how the body is framed: set by the transport from the
/// body it sends, never taken from the component.
fn is_framing(name: &str) -> bool {
    name.eq_ignore_ascii_case("content-length") || name.eq_ignore_ascii_case("transfer-encoding")
}

/// A failure while reading the body: the time limit may strike there too.
fn read_error(error: std::io::Error) -> HttpError {
    match error
        .get_ref()
        .and_then(|e| e.downcast_ref::<ureq::Error>())
    {
        Some(ureq::Error::Timeout(_)) => HttpError::Timeout,
        _ if error.kind() == std::io::ErrorKind::TimedOut => HttpError::Timeout,
        _ => HttpError::Transport(format!("reading the response body: {error}")),
    }
}

fn transport_error(error: ureq::Error) -> HttpError {
    match error {
        ureq::Error::Timeout(_) => HttpError::Timeout,
        other => HttpError::Transport(other.to_string()),
    }
}
