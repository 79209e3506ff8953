//! Reading a successful answer's body: JSON of the expected shape, or an
//! `UnexpectedResponse` that says what was wrong with it.

use serde::de::DeserializeOwned;

use crate::error::{Error, Failure};
use crate::excerpt::excerpt;
use crate::http::Response;
use crate::operation::Operation;
use crate::remedy;
use crate::text::truncate_chars;

/// Largest response body the connector reads (board pages of 250 are far
/// smaller); anything bigger is refused unread.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
/// Longest parser complaint shown in a summary, in characters.
const MAX_JSON_ERROR_CHARS: usize = 200;

/// Parses a successful body as `T`; a body of another shape becomes
/// `UnexpectedResponse` with an excerpt.
pub fn parse_json<T: DeserializeOwned>(
    op: Operation<'_>,
    response: &Response,
    body: &[u8],
) -> Result<T, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(unusable(
            op,
            response,
            format!(
                "While {}, Pinterest's answer had an empty body.",
                op.label()
            ),
        ));
    }
    let first = body.iter().find(|b| !b.is_ascii_whitespace()).copied();
    if first != Some(b'{') {
        let detail = match serde_json::from_slice::<serde::de::IgnoredAny>(body) {
            Ok(_) => format!(
                "unexpected JSON shape: {} where an object belongs",
                first.map_or("nothing", json_kind)
            ),
            Err(e) => describe_json_error(&e),
        };
        return Err(unusable(
            op,
            response,
            format!(
                "While {}, Pinterest's answer could not be read ({detail}).",
                op.label()
            ),
        ));
    }
    serde_json::from_slice(body).map_err(|e| {
        unusable(
            op,
            response,
            format!(
                "While {}, Pinterest's answer could not be read ({}).",
                op.label(),
                describe_json_error(&e)
            ),
        )
    })
}

/// Checks that a successful body is JSON of any shape (an object, an
/// array, …); an empty or malformed one becomes `UnexpectedResponse` with
/// an excerpt.
pub fn check_json(op: Operation<'_>, response: &Response, body: &[u8]) -> Result<(), Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(unusable(
            op,
            response,
            format!("Pinterest's answer to {} had an empty body.", op.label()),
        ));
    }
    serde_json::from_slice::<serde::de::IgnoredAny>(body)
        .map(drop)
        .map_err(|e| {
            unusable(
                op,
                response,
                format!(
                    "Pinterest's answer to {} could not be read ({}).",
                    op.label(),
                    describe_json_error(&e)
                ),
            )
        })
}

/// Checks the answer to a delete, which Pinterest gives as `204 No
/// Content`. Another 2xx status is unexpected: its body is read like any
/// answer's, so that an empty, cut or non-JSON one is named as such.
pub fn no_content(op: Operation<'_>, response: &Response) -> Result<(), Error> {
    if response.status == 204 {
        return Ok(());
    }
    parse_json::<serde::de::IgnoredAny>(op, response, &response.body)?;
    Err(invalid_body(
        op,
        response,
        &format!(
            "its status is {} where 204 No Content was expected",
            response.status
        ),
    ))
}

/// The error for a body that parsed but broke a rule (missing field, bad
/// value), with `what` naming the rule.
pub fn invalid_body(op: Operation<'_>, response: &Response, what: &str) -> Error {
    unusable(
        op,
        response,
        format!(
            "While {}, Pinterest's answer was not usable: {what}.",
            op.label()
        ),
    )
}

/// An `UnexpectedResponse` for a successful answer the connector could not
/// use. After a token grant, the remedy says what became of the code or
/// refresh token that was sent.
pub fn unusable(op: Operation<'_>, response: &Response, summary: String) -> Error {
    let error = unexpected(response, summary);
    match remedy::unusable(op) {
        Some(remedy) => error.with_remedy(&remedy),
        None => error,
    }
}

/// An `UnexpectedResponse` for `response` with the given summary.
pub fn unexpected(response: &Response, summary: String) -> Error {
    Error::UnexpectedResponse {
        failure: Failure {
            summary,
            remedy: remedy::UNEXPECTED.to_owned(),
            status: Some(response.status),
            code: None,
            message: None,
            retryable: false,
        },
        excerpt: excerpt(&response.body),
    }
}

/// The kind of a well-formed JSON value, from its first byte.
fn json_kind(byte: u8) -> &'static str {
    match byte {
        b'[' => "an array",
        b'"' => "a string",
        b'n' => "null",
        b't' | b'f' => "a boolean",
        _ => "a number",
    }
}

/// What the parser said, shortened (a complaint about a value quotes it).
fn describe_json_error(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    let said = truncate_chars(&e.to_string(), MAX_JSON_ERROR_CHARS);
    match e.classify() {
        Category::Eof => "the JSON is truncated".to_owned(),
        Category::Syntax => format!("not JSON: {said}"),
        Category::Data => format!("unexpected JSON shape: {said}"),
        Category::Io => said,
    }
}
