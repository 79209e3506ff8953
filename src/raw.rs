//! `api-request`: a call of any endpoint below `/v5/` that the typed
//! operations do not cover. The path is checked so that it cannot leave
//! `/v5/` (nor reach the token endpoint), the query is encoded by `url`,
//! the body must be JSON, and the URL is built on the configured API origin
//! only; the answer comes back as text with the headers that matter.

use serde::de::IgnoredAny;

use crate::body;
use crate::config::Config;
use crate::error::Error;
use crate::http::{Method, Request, Response};
use crate::operation::Operation;
use crate::request;
use crate::secret::AccessToken;
use crate::text::truncate_chars;

/// Longest path accepted, in characters.
pub const MAX_PATH_CHARS: usize = 2048;
/// Most query parameters accepted.
pub const MAX_QUERY_PARAMS: usize = 100;
/// Longest request URL, query included, in bytes.
pub const MAX_URL_BYTES: usize = 16 * 1024;
/// Largest JSON body accepted: room for the largest pin body, an image of
/// 20 MiB as base64 (26.7 MiB) with its text.
pub const MAX_JSON_BODY_BYTES: usize = 28 * 1024 * 1024;
/// Most response headers returned.
pub const MAX_RESPONSE_HEADERS: usize = 32;
/// Longest response header value returned, in bytes; longer ones are left
/// out.
pub const MAX_HEADER_VALUE_BYTES: usize = 1024;
/// What every path starts with.
const PREFIX: &str = "/v5/";
/// Longest JSON parser complaint shown, in characters.
const MAX_JSON_ERROR_CHARS: usize = 200;

/// A query parameter of an `api-request`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryParam {
    /// Name, e.g. `page_size`.
    pub name: String,
    /// Value, unencoded.
    pub value: String,
}

/// Pinterest's successful answer to an `api-request`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiResponse {
    /// The HTTP status (2xx).
    pub status: u16,
    /// `content-type`, `x-ratelimit-*` and `retry-after`, names lower-case,
    /// in the order received.
    pub headers: Vec<(String, String)>,
    /// The body as text.
    pub body: String,
}

/// Checks an `api-request` path: it starts with `/v5/` and names something
/// below it, and nothing in it can lead elsewhere once a server decodes
/// and normalizes it — no `.` or `..` segment (also percent-encoded), no
/// empty segment (`//`), no backslash nor encoded slash or backslash, no
/// query or fragment, no scheme or host, no spaces or control characters
/// (also percent-encoded), only well-formed percent-encoding. The token
/// endpoint `/v5/oauth/…` is refused: `exchange` and `refresh` call it.
/// Errors name `path` and the rule.
pub fn check_path(path: &str) -> Result<(), Error> {
    let refuse = |reason: &str| Err(Error::invalid("path", reason));
    if path.is_empty() {
        return refuse("is empty; it must start with /v5/");
    }
    let count = path.chars().count();
    if count > MAX_PATH_CHARS {
        return Err(Error::invalid(
            "path",
            format!("is {count} characters; the limit is {MAX_PATH_CHARS}"),
        ));
    }
    if path.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return refuse("contains a space or a control character");
    }
    if path.starts_with("//") || path.contains("://") {
        return refuse(
            "must be a path below /v5/, not a full URL: the origin is config.api-base-url's",
        );
    }
    let Some(below) = path.strip_prefix(PREFIX) else {
        return refuse("must start with /v5/");
    };
    if path.contains('?') {
        return refuse("must not contain ? (give the query in query)");
    }
    if path.contains('#') {
        return refuse("must not contain a # fragment");
    }
    if path.contains('\\') {
        return refuse("must not contain a backslash");
    }
    let decoded = percent_decoded(path)?;
    if contains_encoded(path, b'/') {
        return refuse("must not contain an encoded slash (%2F)");
    }
    if contains_encoded(path, b'\\') {
        return refuse("must not contain an encoded backslash (%5C)");
    }
    if String::from_utf8_lossy(&decoded)
        .chars()
        .any(|c| c.is_control() || c.is_whitespace())
    {
        return refuse("must not contain an encoded space or control character");
    }
    let mut segments = below.split('/').peekable();
    if segments.peek().is_some_and(|first| first.is_empty()) {
        return refuse("names no endpoint below /v5/");
    }
    for (i, segment) in segments.enumerate() {
        if segment.is_empty() {
            return refuse("must not contain an empty segment (// or a trailing /)");
        }
        let plain = percent_decoded(segment)?;
        if plain == b"." || plain == b".." {
            return refuse("must not contain . or .. segments (also not percent-encoded)");
        }
        if i == 0 && plain.eq_ignore_ascii_case(b"oauth") {
            return refuse(
                "must not be below /v5/oauth/: the token endpoint is called by exchange and refresh only",
            );
        }
    }
    Ok(())
}

/// Whether `text` spells `byte` percent-encoded.
fn contains_encoded(text: &str, byte: u8) -> bool {
    let hex = format!("%{byte:02x}");
    text.to_ascii_lowercase().contains(&hex)
}

/// `text` with its percent-encoding decoded, as bytes; a `%` not followed
/// by two hex digits is refused.
fn percent_decoded(text: &str) -> Result<Vec<u8>, Error> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b != b'%' {
            out.push(b);
            i += 1;
            continue;
        }
        let digit = |at: usize| bytes.get(at).and_then(|d| (*d as char).to_digit(16));
        match (digit(i + 1), digit(i + 2)) {
            (Some(high), Some(low)) => {
                // Two hex digits make at most 255.
                out.push(u8::try_from(high * 16 + low).unwrap_or(u8::MAX));
                i += 3;
            }
            _ => {
                return Err(Error::invalid(
                    "path",
                    "has a % that is not followed by two hex digits (write % itself as %25)",
                ));
            }
        }
    }
    Ok(out)
}

/// The request of an `api-request`: `method` to `path` (checked with
/// [`check_path`]) on the configured API origin, the `query` parameters
/// appended form-encoded in order, the bearer token, and `json_body` (JSON,
/// at most [`MAX_JSON_BODY_BYTES`]; not with `GET`) as the body.
pub fn request(
    config: &Config,
    access_token: &AccessToken,
    method: Method,
    path: &str,
    query: &[QueryParam],
    json_body: Option<String>,
) -> Result<Request, Error> {
    check_path(path)?;
    if query.len() > MAX_QUERY_PARAMS {
        return Err(Error::invalid(
            "query",
            format!(
                "has {} parameters; the limit is {MAX_QUERY_PARAMS}",
                query.len()
            ),
        ));
    }
    if let Some(i) = query.iter().position(|p| p.name.is_empty()) {
        return Err(Error::invalid(format!("query[{i}].name"), "is empty"));
    }
    let body = match json_body {
        None => None,
        Some(_) if method == Method::Get => {
            return Err(Error::invalid(
                "json-body",
                "must be none for GET (give GET's parameters in query)",
            ));
        }
        Some(json) => {
            check_json(&json)?;
            Some(json.into_bytes())
        }
    };
    let mut url = config.api_url(path)?;
    if !query.is_empty() {
        url.query_pairs_mut()
            .extend_pairs(query.iter().map(|p| (p.name.as_str(), p.value.as_str())));
    }
    if url.as_str().len() > MAX_URL_BYTES {
        return Err(Error::invalid(
            "query",
            format!(
                "makes the URL {} bytes long; the limit is {MAX_URL_BYTES}",
                url.as_str().len()
            ),
        ));
    }
    request::api_at(url, method, access_token, body)
}

/// Checks a JSON body: at most [`MAX_JSON_BODY_BYTES`], well-formed JSON.
fn check_json(json: &str) -> Result<(), Error> {
    if json.len() > MAX_JSON_BODY_BYTES {
        return Err(Error::invalid(
            "json-body",
            format!(
                "is {} bytes; the limit is {MAX_JSON_BODY_BYTES}",
                json.len()
            ),
        ));
    }
    serde_json::from_str::<IgnoredAny>(json).map_err(|e| {
        Error::invalid(
            "json-body",
            format!(
                "is not JSON: {}",
                truncate_chars(&e.to_string(), MAX_JSON_ERROR_CHARS)
            ),
        )
    })?;
    Ok(())
}

/// Whether a response header matters to a caller: `content-type`, the rate
/// limit's `x-ratelimit-*` and `retry-after`.
fn kept(name: &str) -> bool {
    name.eq_ignore_ascii_case("content-type")
        || name.eq_ignore_ascii_case("retry-after")
        || name
            .get(..12)
            .is_some_and(|start| start.eq_ignore_ascii_case("x-ratelimit-"))
}

/// The headers of `response` that matter to a caller (see [`kept`]),
/// names lower-case, in the order received: at most
/// [`MAX_RESPONSE_HEADERS`], none with a value over
/// [`MAX_HEADER_VALUE_BYTES`].
pub fn response_headers(response: &Response) -> Vec<(String, String)> {
    response
        .headers
        .iter()
        .filter(|(name, value)| kept(name) && value.len() <= MAX_HEADER_VALUE_BYTES)
        .take(MAX_RESPONSE_HEADERS)
        .map(|(name, value)| (name.to_ascii_lowercase(), value.clone()))
        .collect()
}

/// Reads a successful answer (the status already checked to be 2xx and the
/// body within [`MAX_BODY_BYTES`](crate::limits::MAX_BODY_BYTES)): the
/// status, the headers that matter and the body as text. The body must be
/// JSON (and so UTF-8), as Pinterest's answers are, but for an empty `204
/// No Content`; a body that is not (an HTML page, a cut answer, bytes
/// that are not UTF-8) is unexpected.
pub fn read_response(op: Operation<'_>, response: &Response) -> Result<ApiResponse, Error> {
    if !(response.status == 204 && response.body.is_empty()) {
        body::check_json(op, response, &response.body)?;
    }
    // The JSON check skips the inside of strings, where bytes that are
    // not UTF-8 may hide.
    let text = std::str::from_utf8(&response.body).map_err(|e| {
        body::unusable(
            op,
            response,
            format!(
                "Pinterest's answer to {} is not UTF-8 text (a bad byte at offset {}).",
                op.label(),
                e.valid_up_to()
            ),
        )
    })?;
    Ok(ApiResponse {
        status: response.status,
        headers: response_headers(response),
        body: text.to_owned(),
    })
}
