//! What an answer that is not a success means: the error for each status
//! (and Pinterest error code), for a body too large to read, and for a
//! request the host could not deliver.

use serde::Deserialize;

use crate::body::{MAX_BODY_BYTES, unexpected, unusable};
use crate::config::Environment;
use crate::datetime;
use crate::error::{Error, Failure, GrantProblem, MAX_MESSAGE_CHARS, RateLimit, TransportProblem};
use crate::excerpt::excerpt;
use crate::http::{Response, TransportError};
use crate::json;
use crate::operation::Operation;
use crate::remedy;
use crate::text::{normalize_space, truncate_chars};

/// Characters of an error body's texts that are read for matching.
const MATCHED_CHARS: usize = 2 * MAX_MESSAGE_CHARS;
/// Longest `location` shown in a redirect's summary, in characters (its
/// query and fragment are never shown).
const MAX_LOCATION_CHARS: usize = 200;
/// Longest text of the host's shown in a summary, in characters.
const MAX_HOST_TEXT_CHARS: usize = 300;
/// Values of `x-ratelimit-reset` at or above this are unix times, not
/// seconds (Pinterest documents no unit; a billion seconds is 31 years,
/// while unix times passed it in 2001).
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
                "While {}, Pinterest's answer was {} bytes, over the {MAX_BODY_BYTES}-byte limit.",
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
                Some(ms) => format!(
                    "No answer from Pinterest within {ms} ms while {}.",
                    op.label()
                ),
                None => format!("No answer from Pinterest in time while {}.", op.label()),
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
    /// The OAuth `error` code (`invalid_grant`), lower-cased.
    oauth_error: Option<String>,
    /// Lower-cased `message`, `error` and `error_description`, for matching.
    text: String,
}

impl Said {
    fn read(body: &[u8]) -> Self {
        let Ok(parsed) = serde_json::from_slice::<ErrorBody>(body) else {
            return Said::default();
        };
        // Only the start of each text is looked at, whatever its length; a
        // cut is marked, so that redaction sees a secret cut in two.
        let head =
            |s: Option<String>| s.map(|s| normalize_space(&truncate_chars(&s, MATCHED_CHARS)));
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
        let oauth_error = error.as_deref().map(|e| e.trim().to_ascii_lowercase());
        let message = message
            .or(description)
            .or(error)
            .map(|m| truncate_chars(&m, MAX_MESSAGE_CHARS));
        Said {
            json: true,
            code,
            message,
            oauth_error,
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
                "Pinterest answered with a redirect ({status}) to {target} while {}.",
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
                "Pinterest did not allow {}: apps with Trial access may not create pins in production{quoted}.",
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
            format!("Pinterest did not allow {} (403){quoted}.", op.label()),
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
            format!(
                "Pinterest answered with status {status} while {}.",
                op.label()
            ),
        ),
    }
}

/// The error for a 4xx of the token endpoint. Only what Pinterest said —
/// its `code`, its message, an OAuth `error` — makes it a refused grant; a
/// status alone never claims the code or refresh token is dead.
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
                "The token endpoint answered with status {status} while {}.",
                op.label()
            ),
        )
        .with_remedy(remedy::NO_TOKEN_ENDPOINT);
    }
    let quoted = said.quoted(response);
    let Some(problem) = grant_problem(op, status, said) else {
        // Pinterest's code and message, and a remedy that keeps the grant.
        let code = said.code.map(|c| format!(", code {c}")).unwrap_or_default();
        let refused = failure(
            format!(
                "Pinterest refused the request for {} ({status}{code}){quoted}.",
                op.label()
            ),
            remedy::token_refused(op).to_owned(),
            false,
        );
        return if status == 403 {
            Error::Forbidden(refused)
        } else {
            Error::BadRequest(refused)
        };
    };
    let summary = match problem {
        GrantProblem::RedirectUriMismatch => format!(
            "Pinterest refused the redirect URI while {}: it does not match ({status}){quoted}.",
            op.label()
        ),
        GrantProblem::InvalidClient => format!(
            "Pinterest refused the app's credentials while {} ({status}){quoted}.",
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

/// What Pinterest said is wrong with a token request, when it said: the
/// redirect URI (of a code exchange), the code or refresh token (Pinterest
/// code 283, OAuth `invalid_grant`, or a message calling it invalid,
/// expired, revoked or used), or the app's credentials (code 2, OAuth
/// `invalid_client`, "authentication failed", or a 401, which RFC 6749
/// gives to a failed client authentication). Anything else is none.
fn grant_problem(op: Operation<'_>, status: u16, said: &Said) -> Option<GrantProblem> {
    let text = &said.text;
    let says = |phrases: &[&str]| phrases.iter().any(|p| text.contains(p));
    if op == Operation::Exchange && says(&["redirect"]) {
        return Some(GrantProblem::RedirectUriMismatch);
    }
    let names_grant = says(&["authorization grant", "invalid grant", "invalid_grant"])
        || match op {
            Operation::Refresh => says(&["refresh token", "refresh_token"]),
            _ => says(&["code"]),
        };
    let calls_it_dead = says(&[
        "invalid",
        "not valid",
        "expired",
        "revoked",
        "already used",
        "been used",
        "not found",
        "unknown",
    ]);
    if said.code == Some(283)
        || said.oauth_error.as_deref() == Some("invalid_grant")
        || (names_grant && calls_it_dead)
    {
        return Some(match op {
            Operation::Refresh => GrantProblem::InvalidRefreshToken,
            _ => GrantProblem::InvalidCode,
        });
    }
    let names_client = said.code == Some(2)
        || said.oauth_error.as_deref() == Some("invalid_client")
        || says(&[
            "authentication failed",
            "invalid client",
            "client id",
            "client_id",
            "client secret",
            "client credentials",
            "app id",
            "application id",
        ]);
    (names_client || status == 401).then_some(GrantProblem::InvalidClient)
}

fn rate_limited(op: Operation<'_>, response: &Response, mut failure: Failure, now: u64) -> Error {
    let header = |name: &str| response.header(name);
    let limit = header("x-ratelimit-limit").and_then(leading_count);
    let remaining = header("x-ratelimit-remaining").and_then(leading_count);
    let reset_seconds = header("x-ratelimit-reset")
        .and_then(leading_count)
        .map(|reset| {
            if reset >= EPOCH_THRESHOLD {
                reset.saturating_sub(now)
            } else {
                reset
            }
        });
    let retry_after_seconds = header("retry-after").and_then(|value| retry_after(value, now));
    // Clamped once, here: the remedy states the wait the caller's fields hold.
    let clamp = |v: Option<u64>| v.map(|n| u32::try_from(n).unwrap_or(u32::MAX));
    let (reset_seconds, retry_after_seconds) = (clamp(reset_seconds), clamp(retry_after_seconds));
    failure.summary = format!("Pinterest's rate limit was hit while {}.", op.label());
    failure.remedy = remedy::rate_limited(op, retry_after_seconds.or(reset_seconds), now);
    Error::RateLimited(RateLimit {
        failure,
        limit: clamp(limit),
        remaining: clamp(remaining),
        reset_seconds,
        retry_after_seconds,
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

/// The count a rate-limit header gives: the digits of its first list member
/// (`100` of `100, 100;w=60`), or none when that member is anything else
/// (`1e99`, `-5`, `1.5`). More digits than a `u64` holds are as large as it
/// gets.
fn leading_count(value: &str) -> Option<u64> {
    digits(value.split([',', ';']).next()?.trim())
}

/// `text` as a whole number when it is only ASCII digits (at least one).
fn digits(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(text.parse::<u64>().unwrap_or(u64::MAX))
}

/// `Retry-After` (RFC 9110 §10.2.3) in seconds from `now`: delay-seconds
/// (digits only), or an HTTP-date in any of its three forms (0 once it has
/// passed). Anything else is none, never a guess.
fn retry_after(value: &str, now: u64) -> Option<u64> {
    let value = value.trim();
    digits(value).or_else(|| {
        let at = datetime::http_date(value, now)?;
        let wait = at.saturating_sub(i64::try_from(now).ok()?);
        Some(u64::try_from(wait).unwrap_or(0))
    })
}
