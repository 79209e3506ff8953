//! What an answer that is not a success means: the error for each status
//! (and Pinterest error code), for a body too large to read, and for a
//! request the host could not deliver.

use serde::Deserialize;

use crate::body::{MAX_BODY_BYTES, unexpected, unusable};
use crate::config::Environment;
use crate::error::{Error, Failure, GrantProblem, MAX_MESSAGE_CHARS, RateLimit, TransportProblem};
use crate::excerpt::excerpt;
use crate::http::{Response, TransportError};
use crate::json;
use crate::operation::Operation;
use crate::remedy;
use crate::text::{head_chars, normalize_space, truncate_chars};

/// Characters of an error body's texts that are read for matching.
const MATCHED_CHARS: usize = 2 * MAX_MESSAGE_CHARS;
/// Longest `location` shown in a redirect's summary, in characters (its
/// query and fragment are never shown).
const MAX_LOCATION_CHARS: usize = 200;
/// Longest text of the host's shown in a summary, in characters.
const MAX_HOST_TEXT_CHARS: usize = 300;
/// Values of `x-ratelimit-reset` at or above this are unix times, not seconds.
const EPOCH_THRESHOLD: u64 = 1_000_000_000;

/// The body of a successful (2xx) response, or the error the response means.
pub fn success_body<'r>(
    op: Operation<'_>,
    environment: Environment,
    response: &'r Response,
    now: u64,
) -> Result<&'r [u8], Error> {
    if response.body.len() > MAX_BODY_BYTES {
        return Err(unusable(
            op,
            response,
            format!(
                "Pinterest's answer to {} was {} bytes, over the {MAX_BODY_BYTES}-byte limit.",
                op.label(),
                response.body.len()
            ),
        ));
    }
    if (200..300).contains(&response.status) {
        Ok(&response.body)
    } else {
        Err(classify(op, environment, response, now))
    }
}

/// The error for a request the host could not deliver.
pub fn transport_error(op: Operation<'_>, error: TransportError, timeout_ms: Option<u32>) -> Error {
    // The host's text is its own: shown, but never at any length.
    let shorten = |why: String| truncate_chars(&why, MAX_HOST_TEXT_CHARS);
    let (problem, summary, remedy, retryable) = match error {
        TransportError::Denied(why) => (
            TransportProblem::Denied,
            format!(
                "The host refused to send the request for {}: {}.",
                op.label(),
                shorten(why)
            ),
            match op {
                Operation::UploadVideo { .. } => remedy::UPLOAD_DENIED,
                _ => remedy::TRANSPORT_DENIED,
            }
            .to_owned(),
            false,
        ),
        TransportError::Timeout => (
            TransportProblem::Timeout,
            match timeout_ms {
                Some(ms) => format!("No answer from Pinterest to {} within {ms} ms.", op.label()),
                None => format!("No answer from Pinterest to {} in time.", op.label()),
            },
            remedy::timeout(op),
            true,
        ),
        TransportError::Connection(why) => (
            TransportProblem::Connection,
            format!(
                "Could not reach Pinterest for {}: {}.",
                op.label(),
                shorten(why)
            ),
            remedy::TRANSPORT_CONNECTION.to_owned(),
            true,
        ),
    };
    Error::Transport {
        failure: Failure {
            summary,
            remedy,
            retryable,
            ..Failure::default()
        },
        problem,
    }
}

/// Pinterest's error body (`{code, message}`), or an OAuth-style one
/// (`{error, error_description}`), read leniently and without keeping
/// values of other shapes.
#[derive(Debug, Default, Deserialize)]
struct ErrorBody {
    #[serde(default, deserialize_with = "json::integer")]
    code: Option<i64>,
    #[serde(default, deserialize_with = "json::text")]
    message: Option<String>,
    #[serde(default, deserialize_with = "json::text")]
    error: Option<String>,
    #[serde(default, deserialize_with = "json::text")]
    error_description: Option<String>,
}

/// What an error response said, normalized.
#[derive(Debug, Default)]
struct Said {
    /// Whether the body was a JSON object at all.
    json: bool,
    code: Option<i32>,
    message: Option<String>,
    /// Lower-cased `message`, `error` and `error_description`, for matching.
    text: String,
}

impl Said {
    fn read(body: &[u8]) -> Self {
        let Ok(parsed) = serde_json::from_slice::<ErrorBody>(body) else {
            return Said::default();
        };
        // Only the start of each text is looked at, whatever its length.
        let head = |s: Option<String>| s.map(|s| normalize_space(head_chars(&s, MATCHED_CHARS)));
        let message = head(parsed.message);
        let error = head(parsed.error);
        let description = head(parsed.error_description);
        let text = [&message, &error, &description]
            .into_iter()
            .flatten()
            .map(|s| s.to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        let code = parsed.code.and_then(|c| i32::try_from(c).ok());
        let message = message
            .or(description)
            .or(error)
            .map(|m| truncate_chars(&m, MAX_MESSAGE_CHARS));
        Said {
            json: true,
            code,
            message,
            text,
        }
    }

    /// Pinterest's message for a summary (`: Board not found`), or what
    /// the body was if it had none.
    fn quoted(&self, response: &Response) -> String {
        self.message
            .as_deref()
            .map(|m| format!(": {}", m.trim_end_matches('.')))
            .unwrap_or_else(|| body_note(self, response))
    }
}

/// Maps a non-2xx response to the error it means.
fn classify(op: Operation<'_>, environment: Environment, response: &Response, now: u64) -> Error {
    let status = response.status;
    let said = Said::read(&response.body);
    let failure = |summary: String, remedy: String, retryable: bool| Failure {
        summary,
        remedy,
        status: Some(status),
        code: said.code,
        message: said.message.clone(),
        retryable,
    };
    let quoted = said.quoted(response);

    if (300..400).contains(&status) {
        // Without its query or fragment, where redirects carry tokens.
        let target = response.header("location").map_or_else(
            || "nowhere".to_owned(),
            |l| {
                let bare = l.split(['?', '#']).next().unwrap_or_default();
                truncate_chars(bare, MAX_LOCATION_CHARS)
            },
        );
        return unexpected(
            response,
            format!(
                "Pinterest's answer to {} was a redirect ({status}) to {target}.",
                op.label()
            ),
        )
        .with_remedy(remedy::REDIRECT);
    }
    if status == 429 || said.code == Some(8) {
        return rate_limited(
            op,
            response,
            failure(String::new(), String::new(), true),
            now,
        );
    }
    if (500..600).contains(&status) {
        return Error::UpstreamUnavailable(failure(
            format!("Pinterest failed while {} ({status}){quoted}.", op.label()),
            remedy::upstream(op),
            true,
        ));
    }
    if op.is_token_grant() {
        return grant_error(op, status, &said, response, failure);
    }
    if said.code == Some(3) {
        let required = op.required_scopes();
        let list = required.join(", ");
        let named = if list.is_empty() {
            String::new()
        } else {
            format!(" ({list})")
        };
        return Error::MissingScope {
            failure: failure(
                format!(
                    "The access token lacks a scope needed for {}{named}{quoted}.",
                    op.label()
                ),
                remedy::missing_scope(op, &list),
                false,
            ),
            required,
        };
    }
    if said.code == Some(29) && said.text.contains("trial") {
        return Error::TrialAccess(failure(
            format!(
                "Pinterest refused {}: apps with Trial access may not create pins in production{quoted}.",
                op.label()
            ),
            remedy::TRIAL_ACCESS.to_owned(),
            false,
        ));
    }
    match status {
        401 => Error::Unauthorized(failure(
            format!(
                "Pinterest rejected the access token while {} (401){quoted}.",
                op.label()
            ),
            remedy::unauthorized(environment),
            false,
        )),
        403 => Error::Forbidden(failure(
            format!("Pinterest refused {} (403){quoted}.", op.label()),
            remedy::forbidden(op, environment),
            false,
        )),
        404 if said.json => Error::NotFound(failure(
            not_found_summary(op, &quoted),
            remedy::not_found(op, environment),
            false,
        )),
        404 => unexpected(
            response,
            format!(
                "The API path for {} does not exist at this address (404){quoted}.",
                op.label()
            ),
        )
        .with_remedy(match op {
            Operation::ApiRequest { .. } => remedy::NO_SUCH_API_PATH,
            _ => remedy::NO_SUCH_PATH,
        }),
        400..=499 => Error::BadRequest(failure(
            format!(
                "Pinterest rejected the request for {} ({status}){quoted}.",
                op.label()
            ),
            remedy::bad_request(op),
            false,
        )),
        _ => unexpected(
            response,
            format!("Pinterest answered {} with status {status}.", op.label()),
        ),
    }
}

fn grant_error(
    op: Operation<'_>,
    status: u16,
    said: &Said,
    response: &Response,
    failure: impl Fn(String, String, bool) -> Failure,
) -> Error {
    if !(400..500).contains(&status) || status == 404 {
        return unexpected(
            response,
            format!(
                "The token endpoint answered {} with status {status}.",
                op.label()
            ),
        )
        .with_remedy(remedy::NO_TOKEN_ENDPOINT);
    }
    let text = &said.text;
    let problem = if text.contains("redirect") {
        GrantProblem::RedirectUriMismatch
    } else if text.contains("client")
        || text.contains("authentication failed")
        || text.contains("app id")
    {
        GrantProblem::InvalidClient
    } else if op == Operation::Refresh {
        GrantProblem::InvalidRefreshToken
    } else if status == 401 {
        GrantProblem::InvalidClient
    } else {
        GrantProblem::InvalidCode
    };
    let quoted = said.quoted(response);
    let summary = match problem {
        GrantProblem::RedirectUriMismatch => format!(
            "Pinterest refused {}: the redirect URI does not match ({status}){quoted}.",
            op.label()
        ),
        GrantProblem::InvalidClient => format!(
            "Pinterest refused the app's credentials during {} ({status}){quoted}.",
            op.label()
        ),
        GrantProblem::InvalidRefreshToken => {
            format!("Pinterest refused the refresh token ({status}){quoted}.")
        }
        GrantProblem::InvalidCode | GrantProblem::Other => {
            format!("Pinterest refused the authorization code ({status}){quoted}.")
        }
    };
    Error::GrantRejected {
        failure: failure(summary, remedy::grant_rejected(problem).to_owned(), false),
        problem,
    }
}

fn rate_limited(op: Operation<'_>, response: &Response, mut failure: Failure, now: u64) -> Error {
    let number = |name: &str| response.header(name).and_then(leading_number);
    let limit = number("x-ratelimit-limit");
    let remaining = number("x-ratelimit-remaining");
    let reset_seconds = number("x-ratelimit-reset").map(|reset| {
        if reset >= EPOCH_THRESHOLD {
            reset.saturating_sub(now)
        } else {
            reset
        }
    });
    let retry_after_seconds = number("retry-after");
    let clamp = |v: Option<u64>| v.map(|n| u32::try_from(n).unwrap_or(u32::MAX));
    failure.summary = format!("Pinterest's rate limit was hit while {}.", op.label());
    failure.remedy = remedy::rate_limited(op, retry_after_seconds.or(reset_seconds));
    Error::RateLimited(RateLimit {
        failure,
        limit: clamp(limit),
        remaining: clamp(remaining),
        reset_seconds: clamp(reset_seconds),
        retry_after_seconds: clamp(retry_after_seconds),
    })
}

fn not_found_summary(op: Operation<'_>, quoted: &str) -> String {
    match op {
        Operation::GetBoard { board_id }
        | Operation::UpdateBoard { board_id }
        | Operation::DeleteBoard { board_id }
        | Operation::ListSections { board_id }
        | Operation::CreateSection { board_id }
        | Operation::BoardPins { board_id } => {
            format!("Board {board_id} was not found (404){quoted}.")
        }
        Operation::UpdateSection {
            board_id,
            section_id,
        }
        | Operation::DeleteSection {
            board_id,
            section_id,
        }
        | Operation::SectionPins {
            board_id,
            section_id,
        } => format!("Board {board_id} or its section {section_id} was not found (404){quoted}."),
        Operation::GetPin { pin_id } | Operation::DeletePin { pin_id } => {
            format!("Pin {pin_id} was not found (404){quoted}.")
        }
        Operation::UpdatePin { pin_id } => format!(
            "Pin {pin_id} (or the board or section it moves to) was not found (404){quoted}."
        ),
        Operation::SavePin {
            pin_id,
            board_id,
            section_id: Some(section),
        } => format!(
            "Pin {pin_id}, board {board_id} or its section {section} was not found (404){quoted}."
        ),
        Operation::SavePin {
            pin_id, board_id, ..
        } => format!("Pin {pin_id} or board {board_id} was not found (404){quoted}."),
        Operation::CreatePin {
            board_id,
            section_id: Some(section),
        } => format!("Board {board_id} or its section {section} was not found (404){quoted}."),
        Operation::CreatePin { board_id, .. } => {
            format!("Board {board_id} (or the pin's media) was not found (404){quoted}.")
        }
        Operation::GetMedia { media_id } => {
            format!("Media upload {media_id} was not found (404){quoted}.")
        }
        Operation::ApiRequest { .. } => {
            format!("Pinterest found nothing for {} (404){quoted}.", op.label())
        }
        _ => format!("Pinterest found nothing for {} (404){quoted}.", op.label()),
    }
}

/// A description of a non-JSON (or message-less) error body, for summaries.
fn body_note(said: &Said, response: &Response) -> String {
    if said.json {
        String::new()
    } else if response.body.is_empty() {
        " with an empty body".to_owned()
    } else {
        format!(
            " with a body that is not Pinterest's JSON: «{}»",
            excerpt(&response.body)
        )
    }
}

/// The number a header value starts with (`100`, `100, 100;w=60`).
fn leading_number(value: &str) -> Option<u64> {
    let value = value.trim();
    let digits = value
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(value.len());
    value.get(..digits)?.parse::<u64>().ok().or_else(|| {
        // More digits than a u64 holds: as large as it gets.
        (digits > 0).then_some(u64::MAX)
    })
}
