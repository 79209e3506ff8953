//! One request over `wasi:http/outgoing-handler`: the request built, the
//! body streamed in (host content read chunk by chunk), the response
//! awaited and its body read under the size cap, all before one deadline.

use wasi::clocks::monotonic_clock;
use wasi::http::outgoing_handler;
use wasi::http::types::{
    self as wasi_http, Fields, FutureIncomingResponse, HeaderError, IncomingBody, IncomingResponse,
    OutgoingBody, OutgoingRequest, RequestOptions,
};
use wasi::io::poll::Pollable;
use wasi::io::streams::StreamError;

use super::bindings::exports::pinterest::connector::http::{
    BodyPart, Header, HttpError, Method, Request, Response,
};
use super::errors::http_error;
use super::files::{CHUNK, HostFile};
use super::streams::{self, WriteStop};
use crate::{MAX_RESPONSE_BYTES, Redactor, Scheme, Target, timeout_ms, too_large};

/// One piece of the body, ready to send.
enum Part {
    Bytes(Vec<u8>),
    File(HostFile),
}

/// Sends `request` and returns the response, whatever its status.
pub fn send(request: Request) -> Result<Response, HttpError> {
    let redactor = Redactor::new(request.headers.iter().map(|h| h.value.as_str()));
    let target = Target::parse(&request.url).map_err(HttpError::Denied)?;
    let timeout_ns = u64::from(timeout_ms(request.timeout_ms)) * 1_000_000;
    let deadline = monotonic_clock::subscribe_duration(timeout_ns);

    // Host content is opened first: a refusal goes back before anything
    // is sent.
    let mut parts = Vec::with_capacity(request.body.len());
    for part in request.body {
        parts.push(match part {
            BodyPart::Bytes(bytes) => Part::Bytes(bytes),
            BodyPart::HostContent(name) => Part::File(HostFile::open(&name)?),
        });
    }
    let length = (!parts.is_empty()).then(|| parts.iter().map(Part::len).sum::<u64>());

    let outgoing = OutgoingRequest::new(fields(&request.headers, length)?);
    outgoing
        .set_method(&method(request.method))
        .map_err(|()| refused("method"))?;
    let scheme = match target.scheme {
        Scheme::Http => wasi_http::Scheme::Http,
        Scheme::Https => wasi_http::Scheme::Https,
    };
    outgoing
        .set_scheme(Some(&scheme))
        .map_err(|()| refused("scheme"))?;
    outgoing
        .set_authority(Some(target.authority))
        .map_err(|()| {
            HttpError::Denied(format!(
                "the WASI host refused the authority of {}",
                target.origin()
            ))
        })?;
    outgoing
        .set_path_with_query(Some(&target.path_with_query))
        .map_err(|()| refused("path and query"))?;
    let body = outgoing
        .body()
        .map_err(|()| HttpError::Transport("the WASI host gave no request body".to_owned()))?;

    let future = outgoing_handler::handle(outgoing, Some(options(timeout_ns)))
        .map_err(|code| http_error(code, &redactor))?;
    let uploaded = upload(body, &parts, &deadline);
    // A server may answer before it took the whole body: its response
    // counts. Without one, the request's own error says what happened,
    // unless the deadline passed or host content failed during the upload.
    let response = await_response(&future, &deadline, &redactor);
    drop(future);
    let response = match (response, uploaded) {
        (_, Err(WriteStop::Timeout)) => return Err(HttpError::Timeout),
        (_, Err(WriteStop::Failed(error))) => return Err(error),
        (Ok(response), _) => response,
        (Err(error), _) => return Err(error),
    };
    read(response, &deadline, &redactor)
}

impl Part {
    fn len(&self) -> u64 {
        match self {
            Part::Bytes(bytes) => bytes.len() as u64,
            Part::File(file) => file.size,
        }
    }
}

/// The request's headers as wasi:http fields, with `content-length` added
/// when the body's length is known and the connector named none.
fn fields(headers: &[Header], length: Option<u64>) -> Result<Fields, HttpError> {
    let fields = Fields::new();
    for Header { name, value } in headers {
        fields
            .append(name, value.as_bytes())
            .map_err(|error| header_refused(name, error))?;
    }
    let named = headers
        .iter()
        .any(|h| h.name.eq_ignore_ascii_case("content-length"));
    if let (Some(length), false) = (length, named) {
        fields
            .append("content-length", length.to_string().as_bytes())
            .map_err(|error| header_refused("content-length", error))?;
    }
    Ok(fields)
}

/// Why a header could not be set, naming it but never its value.
fn header_refused(name: &str, error: HeaderError) -> HttpError {
    match error {
        HeaderError::Forbidden => {
            HttpError::Denied(format!("the WASI host forbids sending the header {name:?}"))
        }
        HeaderError::InvalidSyntax => HttpError::Denied(format!(
            "the header {name:?} is not a valid HTTP header (its value is not shown)"
        )),
        HeaderError::Immutable => {
            HttpError::Transport("the WASI host made the request headers immutable".to_owned())
        }
    }
}

fn refused(what: &str) -> HttpError {
    HttpError::Denied(format!("the WASI host refused the request's {what}"))
}

fn method(method: Method) -> wasi_http::Method {
    match method {
        Method::Get => wasi_http::Method::Get,
        Method::Post => wasi_http::Method::Post,
        Method::Put => wasi_http::Method::Put,
        Method::Patch => wasi_http::Method::Patch,
        Method::Delete => wasi_http::Method::Delete,
    }
}

/// The host's own time limits, set to the request's (a host that supports
/// none keeps its default; the deadline here bounds the whole exchange
/// anyway).
fn options(timeout_ns: u64) -> RequestOptions {
    let options = RequestOptions::new();
    let _ = options.set_connect_timeout(Some(timeout_ns));
    let _ = options.set_first_byte_timeout(Some(timeout_ns));
    let _ = options.set_between_bytes_timeout(Some(timeout_ns));
    options
}

/// Streams the body's parts into `body` and finishes it.
fn upload(body: OutgoingBody, parts: &[Part], deadline: &Pollable) -> Result<(), WriteStop> {
    let out = body.write().map_err(|()| WriteStop::Closed)?;
    let written = write_parts(&out, parts, deadline);
    drop(out);
    written?;
    OutgoingBody::finish(body, None).map_err(|_| WriteStop::Closed)
}

fn write_parts(
    out: &wasi::io::streams::OutputStream,
    parts: &[Part],
    deadline: &Pollable,
) -> Result<(), WriteStop> {
    for part in parts {
        match part {
            Part::Bytes(bytes) => streams::write_all(out, bytes, deadline)?,
            Part::File(file) => {
                let mut offset = 0;
                while offset < file.size {
                    let chunk = file.read(offset).map_err(WriteStop::Failed)?;
                    if chunk.is_empty() {
                        break;
                    }
                    offset += chunk.len() as u64;
                    streams::write_all(out, &chunk, deadline)?;
                }
                if offset != file.size {
                    return Err(WriteStop::Failed(HttpError::Transport(format!(
                        "host content {:?} changed size while it was sent",
                        file.name
                    ))));
                }
            }
        }
    }
    streams::flush(out, deadline)
}

/// Waits for the response head.
fn await_response(
    future: &FutureIncomingResponse,
    deadline: &Pollable,
    redactor: &Redactor,
) -> Result<IncomingResponse, HttpError> {
    loop {
        match future.get() {
            Some(Ok(Ok(response))) => return Ok(response),
            Some(Ok(Err(code))) => return Err(http_error(code, redactor)),
            Some(Err(())) => {
                return Err(HttpError::Transport(
                    "the response was already taken".to_owned(),
                ));
            }
            None => streams::wait(&future.subscribe(), deadline)?,
        }
    }
}

/// The response with its body, read in chunks up to the size cap.
fn read(
    response: IncomingResponse,
    deadline: &Pollable,
    redactor: &Redactor,
) -> Result<Response, HttpError> {
    let status = response.status();
    let fields = response.headers();
    let entries = fields.entries();
    drop(fields);
    let headers: Vec<Header> = entries
        .into_iter()
        .map(|(name, value)| Header {
            name,
            value: String::from_utf8_lossy(&value).into_owned(),
        })
        .collect();
    let announced = headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-length"))
        .and_then(|h| h.value.trim().parse::<u64>().ok());
    if announced.is_some_and(|length| length > MAX_RESPONSE_BYTES) {
        return Err(HttpError::Denied(too_large(MAX_RESPONSE_BYTES)));
    }
    let incoming = response
        .consume()
        .map_err(|()| HttpError::Transport("the response body was already taken".to_owned()))?;
    let body = read_body(&incoming, deadline, redactor);
    drop(IncomingBody::finish(incoming));
    Ok(Response {
        status,
        headers,
        body: body?,
    })
}

fn read_body(
    incoming: &IncomingBody,
    deadline: &Pollable,
    redactor: &Redactor,
) -> Result<Vec<u8>, HttpError> {
    let stream = incoming.stream().map_err(|()| {
        HttpError::Transport("the response body stream was already taken".to_owned())
    })?;
    let mut body = Vec::new();
    loop {
        // One byte past the cap tells a body at the cap from a bigger one.
        let room = MAX_RESPONSE_BYTES + 1 - body.len() as u64;
        match stream.read(room.min(CHUNK)) {
            Ok(chunk) if chunk.is_empty() => streams::wait(&stream.subscribe(), deadline)?,
            Ok(chunk) => {
                if (body.len() + chunk.len()) as u64 > MAX_RESPONSE_BYTES {
                    return Err(HttpError::Denied(too_large(MAX_RESPONSE_BYTES)));
                }
                body.extend_from_slice(&chunk);
            }
            Err(StreamError::Closed) => return Ok(body),
            Err(StreamError::LastOperationFailed(error)) => {
                return Err(match wasi_http::http_error_code(&error) {
                    Some(code) => http_error(code, redactor),
                    None => HttpError::Transport(redactor.redact(&format!(
                        "reading the response body: {}",
                        error.to_debug_string()
                    ))),
                });
            }
        }
    }
}
