//! How the host answers the component's `http.send`: the [`Transport`]
//! trait, and [`UreqTransport`], a real blocking HTTP client.

use std::io::Read as _;
use std::time::Duration;

use crate::bindings::http::{Header, HttpError, Method, Request, Response};

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
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 8 * 1024 * 1024;

/// A [`Transport`] over `ureq`: TLS by rustls, no redirects, every status
/// returned as a response, a time limit on every request and a cap on
/// response size.
pub struct UreqTransport {
    agent: ureq::Agent,
    max_response_bytes: u64,
}

impl Default for UreqTransport {
    fn default() -> Self {
        Self::new(DEFAULT_MAX_RESPONSE_BYTES)
    }
}

impl UreqTransport {
    /// A client that reads at most `max_response_bytes` of any body.
    pub fn new(max_response_bytes: u64) -> Self {
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(DEFAULT_TIMEOUT))
            .build()
            .into();
        Self {
            agent,
            max_response_bytes,
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
        let timeout = request
            .timeout_ms
            .map(|ms| Duration::from_millis(u64::from(ms)))
            .unwrap_or(DEFAULT_TIMEOUT);
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
        let mut body = Vec::new();
        response
            .into_body()
            .into_reader()
            .take(self.max_response_bytes + 1)
            .read_to_end(&mut body)
            .map_err(|e| HttpError::Transport(format!("reading the response body: {e}")))?;
        if body.len() as u64 > self.max_response_bytes {
            return Err(HttpError::Denied(format!(
                "response body exceeds the host's limit of {} bytes",
                self.max_response_bytes
            )));
        }
        Ok(Response {
            status,
            headers,
            body,
        })
    }
}

fn transport_error(error: ureq::Error) -> HttpError {
    match error {
        ureq::Error::Timeout(_) => HttpError::Timeout,
        other => HttpError::Transport(other.to_string()),
    }
}
