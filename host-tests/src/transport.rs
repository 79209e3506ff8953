//! How the host answers the component's `http.send`: the [`Transport`]
//! trait, and [`UreqTransport`], a real blocking HTTP client.

use std::io::Read as _;
use std::time::Duration;

use crate::bindings::http::{Header, HttpError, Method, Request, Response};
use crate::limits::HostLimits;

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
/// Largest response body read; a bigger one is refused as `denied`.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = HostLimits::DEFAULT_MAX_RESPONSE_BYTES;

/// The refusal of a body over `max` bytes.
pub fn too_large(max: u64) -> HttpError {
    HttpError::Denied(format!(
        "response body exceeds the host's limit of {max} bytes"
    ))
}

/// A [`Transport`] over `ureq`: TLS by rustls, no redirects, every status
/// returned as a response, a time limit on every request and a cap on
/// response size.
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
    /// time limit capped at [`HostLimits::max_http_timeout`], and no more
    /// than [`HostLimits::max_response_bytes`] of any body read.
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
    fn send(&self, request: Request) -> Result<Response, HttpError> {
        let method = match request.method {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        };
        let mut builder = ureq::http::Request::builder()
            .method(method)
            .uri(&request.url);
        for Header { name, value } in &request.headers {
            builder = builder.header(name, value);
        }
        let built = builder
            .body(request.body.unwrap_or_default())
            .map_err(|e| HttpError::Transport(format!("invalid request: {e}")))?;
        let timeout = self.limits.http_timeout(request.timeout_ms);
        let configured = self
            .agent
            .configure_request(built)
            .timeout_global(Some(timeout))
            .build();
        let response = self.agent.run(configured).map_err(transport_error)?;
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
