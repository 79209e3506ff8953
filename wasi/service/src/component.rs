//! The service as a component: `wasi:http/incoming-handler` exported (the
//! `wasi` crate's proxy world), each request read, answered by
//! [`crate::handle`] and written back.

use wasi::exports::http::incoming_handler::Guest;
use wasi::http::types::{
    Fields, IncomingRequest, Method, OutgoingBody, OutgoingResponse, ResponseOutparam,
};
use wasi::io::streams::StreamError;

use crate::service::{Reply, Request, handle};

/// The largest request body read: 32 MiB, room for a pin with a 20 MiB
/// image as base64 (about 27 MiB).
const MAX_REQUEST_BYTES: usize = 32 * 1024 * 1024;

struct Service;

impl Guest for Service {
    fn handle(request: IncomingRequest, response_out: ResponseOutparam) {
        let method = match request.method() {
            Method::Get => "GET".to_owned(),
            Method::Post => "POST".to_owned(),
            Method::Put => "PUT".to_owned(),
            Method::Patch => "PATCH".to_owned(),
            Method::Delete => "DELETE".to_owned(),
            Method::Head => "HEAD".to_owned(),
            Method::Options => "OPTIONS".to_owned(),
            Method::Connect => "CONNECT".to_owned(),
            Method::Trace => "TRACE".to_owned(),
            Method::Other(other) => other,
        };
        let path = request.path_with_query().unwrap_or_default();
        let headers = request.headers();
        let authorization = headers
            .get("authorization")
            .into_iter()
            .next()
            .map(|value| String::from_utf8_lossy(&value).into_owned());
        drop(headers);
        let reply = match read_body(&request) {
            Some(body) => handle(
                &Request {
                    method: &method,
                    path: &path,
                    authorization: authorization.as_deref(),
                    body: &body,
                },
                &|name| std::env::var(name).ok(),
            ),
            None => Reply::too_large(MAX_REQUEST_BYTES),
        };
        respond(response_out, reply);
    }
}

/// The request body; none when it is over [`MAX_REQUEST_BYTES`].
fn read_body(request: &IncomingRequest) -> Option<Vec<u8>> {
    let Ok(incoming) = request.consume() else {
        return Some(Vec::new());
    };
    let Ok(stream) = incoming.stream() else {
        return Some(Vec::new());
    };
    let mut body = Vec::new();
    loop {
        match stream.blocking_read(64 * 1024) {
            Ok(chunk) => {
                if body.len() + chunk.len() > MAX_REQUEST_BYTES {
                    return None;
                }
                body.extend_from_slice(&chunk);
            }
            Err(StreamError::Closed) => return Some(body),
            // A broken request body is answered as what arrived: the JSON
            // parser names where it ends.
            Err(StreamError::LastOperationFailed(_)) => return Some(body),
        }
    }
}

/// Sends `reply`.
fn respond(response_out: ResponseOutparam, reply: Reply) {
    let headers = Fields::new();
    let mut all = vec![
        ("content-type", "application/json".to_owned()),
        ("cache-control", "no-store".to_owned()),
        ("content-length", reply.body.len().to_string()),
    ];
    all.extend(reply.headers);
    for (name, value) in &all {
        let _ = headers.append(name, value.as_bytes());
    }
    let response = OutgoingResponse::new(headers);
    let _ = response.set_status_code(reply.status);
    let Ok(body) = response.body() else { return };
    ResponseOutparam::set(response_out, Ok(response));
    if let Ok(out) = body.write() {
        for chunk in reply.body.chunks(4096) {
            if out.blocking_write_and_flush(chunk).is_err() {
                return;
            }
        }
        drop(out);
    }
    let _ = OutgoingBody::finish(body, None);
}

wasi::http::proxy::export!(Service);
