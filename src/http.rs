//! The HTTP exchange as plain data, and the client trait the operations are
//! given. The component's client is the host's `http.send` import; tests
//! pass closures.

use std::fmt;

/// HTTP request method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PUT`.
    Put,
    /// `PATCH`.
    Patch,
    /// `DELETE`.
    Delete,
}

impl Method {
    /// The method as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

/// One piece of a request body; the pieces are sent in order as one body.
#[derive(Clone, PartialEq, Eq)]
pub enum BodyPart {
    /// Bytes the connector built.
    Bytes(Vec<u8>),
    /// Content the host holds, by its name; the host streams it in.
    HostContent(String),
}

/// A request ready to send. `Debug` hides header values that carry
/// credentials and shows only the body's length.
#[derive(Clone, PartialEq, Eq)]
pub struct Request {
    /// Request method.
    pub method: Method,
    /// Absolute, percent-encoded URL.
    pub url: String,
    /// Header names (lower-case) and values.
    pub headers: Vec<(String, String)>,
    /// The body in parts; empty for none.
    pub body: Vec<BodyPart>,
    /// Time limit for the whole exchange, in milliseconds.
    pub timeout_ms: Option<u32>,
}

impl Request {
    /// The value of the first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }

    /// The body when it is one piece of bytes the connector built (JSON, a
    /// form); none for no body, or one with host content in it.
    pub fn bytes(&self) -> Option<&[u8]> {
        match self.body.as_slice() {
            [BodyPart::Bytes(bytes)] => Some(bytes),
            _ => None,
        }
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(name, value)| {
                let shown = if name.eq_ignore_ascii_case("authorization") {
                    crate::redact::REDACTED
                } else {
                    value.as_str()
                };
                (name.as_str(), shown)
            })
            .collect();
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body)
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

impl fmt::Debug for BodyPart {
    /// The length of bytes, the name of host content: never the bytes,
    /// which may hold secrets (a token request's form).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BodyPart::Bytes(bytes) => write!(f, "Bytes(len {})", bytes.len()),
            BodyPart::HostContent(name) => f.debug_tuple("HostContent").field(name).finish(),
        }
    }
}

/// A response as received.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Response {
    /// HTTP status code.
    pub status: u16,
    /// Header names (any case) and values.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Response {
    /// The value of the first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        find_header(&self.headers, name)
    }
}

/// Why the client could not deliver a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// The host's policy refused it; the text names the rule.
    Denied(String),
    /// No response within the request's time limit.
    Timeout,
    /// Connection, DNS, TLS or protocol failure.
    Connection(String),
}

/// Sends requests. Implemented by the component's host import and, in tests,
/// by closures.
pub trait HttpClient {
    /// Sends `request` and returns the response, whatever its status.
    fn send(&mut self, request: Request) -> Result<Response, TransportError>;

    /// The size of the host content called `name`. A client that holds no
    /// content (a closure, by default) refuses every name.
    fn content_length(&mut self, name: &str) -> Result<u64, TransportError> {
        let _ = name;
        Err(TransportError::Denied(
            "this HTTP client holds no content to stream".to_owned(),
        ))
    }
}

impl<F> HttpClient for F
where
    F: FnMut(Request) -> Result<Response, TransportError>,
{
    fn send(&mut self, request: Request) -> Result<Response, TransportError> {
        self(request)
    }
}

fn find_header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_credentials_and_body() {
        let request = Request {
            method: Method::Post,
            url: "https://api.pinterest.com/v5/oauth/token".into(),
            headers: vec![
                ("authorization".into(), "Basic c2VjcmV0".into()),
                ("accept".into(), "application/json".into()),
            ],
            body: vec![BodyPart::Bytes(b"refresh_token=pinr_secret".to_vec())],
            timeout_ms: Some(1000),
        };
        let shown = format!("{request:?}");
        assert!(!shown.contains("c2VjcmV0"), "{shown}");
        assert!(!shown.contains("pinr_secret"), "{shown}");
        assert!(shown.contains("application/json"), "{shown}");
        assert!(shown.contains("Bytes(len 25)"), "{shown}");
    }

    #[test]
    fn headers_are_found_case_insensitively() {
        let response = Response {
            status: 429,
            headers: vec![("X-RateLimit-Remaining".into(), "0".into())],
            body: vec![],
        };
        assert_eq!(response.header("x-ratelimit-remaining"), Some("0"));
        assert_eq!(response.header("retry-after"), None);
    }
}
