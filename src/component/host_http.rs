//! The host's `http` import as the core's [`HttpClient`], and the
//! conversions between the core's HTTP types and the import's.

use super::pinterest::connector::http as wit_http;
use crate::{BodyPart, HttpClient, Method, Request, Response, TransportError};

/// The host's `http.send`, as the client the core sends through.
pub struct HostHttp;

impl HttpClient for HostHttp {
    fn content_length(&mut self, name: &str) -> Result<u64, TransportError> {
        wit_http::content_length(name).map_err(Into::into)
    }

    fn send(&mut self, request: Request) -> Result<Response, TransportError> {
        wit_http::send(&request.into())
            .map(Into::into)
            .map_err(Into::into)
    }
}

impl From<Method> for wit_http::Method {
    fn from(method: Method) -> Self {
        match method {
            Method::Get => Self::Get,
            Method::Post => Self::Post,
            Method::Put => Self::Put,
            Method::Patch => Self::Patch,
            Method::Delete => Self::Delete,
        }
    }
}

impl From<BodyPart> for wit_http::BodyPart {
    fn from(part: BodyPart) -> Self {
        match part {
            BodyPart::Bytes(bytes) => Self::Bytes(bytes),
            BodyPart::HostContent(name) => Self::HostContent(name),
        }
    }
}

impl From<Request> for wit_http::Request {
    fn from(request: Request) -> Self {
        Self {
            method: request.method.into(),
            url: request.url,
            headers: request
                .headers
                .into_iter()
                .map(|(name, value)| wit_http::Header { name, value })
                .collect(),
            body: request.body.into_iter().map(Into::into).collect(),
            timeout_ms: request.timeout_ms,
        }
    }
}

impl From<wit_http::Response> for Response {
    fn from(response: wit_http::Response) -> Self {
        Self {
            status: response.status,
            headers: response
                .headers
                .into_iter()
                .map(|h| (h.name, h.value))
                .collect(),
            body: response.body,
        }
    }
}

impl From<wit_http::HttpError> for TransportError {
    fn from(error: wit_http::HttpError) -> Self {
        match error {
            wit_http::HttpError::Denied(why) => Self::Denied(why),
            wit_http::HttpError::Timeout => Self::Timeout,
            wit_http::HttpError::Transport(why) => Self::Connection(why),
        }
    }
}
