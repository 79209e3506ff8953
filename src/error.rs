//! The connector's error type: one case per thing a caller can act on, each
//! with what happened and what to do. Mirrors `error` in `wit/types.wit`.

use std::fmt;

use crate::redact::redact;
use crate::text::truncate_chars;

/// Length of body excerpts in errors, in characters.
pub const EXCERPT_CHARS: usize = 200;
/// Longest Pinterest error message kept, in characters.
pub const MAX_MESSAGE_CHARS: usize = 500;

/// What every failure that involved Pinterest (or the way there) carries.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Failure {
    /// What went wrong, in one sentence.
    pub summary: String,
    /// What to do about it.
    pub remedy: String,
    /// HTTP status, when a response arrived.
    pub status: Option<u16>,
    /// Pinterest's error `code`, when the body had one.
    pub code: Option<i32>,
    /// Pinterest's error `message`, when the body had one.
    pub message: Option<String>,
    /// Whether the same call may succeed later unchanged.
    pub retryable: bool,
}

/// Rate-limit details from a 429 (or Pinterest code 8) response.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RateLimit {
    /// Details.
    pub failure: Failure,
    /// `x-ratelimit-limit`.
    pub limit: Option<u32>,
    /// `x-ratelimit-remaining`.
    pub remaining: Option<u32>,
    /// Seconds until the limit resets (`x-ratelimit-reset`).
    pub reset_seconds: Option<u32>,
    /// Seconds to wait (`retry-after`).
    pub retry_after_seconds: Option<u32>,
}

/// Why the token endpoint refused a grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GrantProblem {
    /// The app id or secret is wrong.
    InvalidClient,
    /// The authorization code is wrong, expired or already used.
    InvalidCode,
    /// The redirect URI does not match exactly.
    RedirectUriMismatch,
    /// The refresh token is expired, revoked or already rotated.
    InvalidRefreshToken,
    /// Another refusal.
    Other,
}

/// Why the host could not deliver a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportProblem {
    /// The host's policy refused it.
    Denied,
    /// No response in time.
    Timeout,
    /// Connection, DNS, TLS or protocol failure.
    Connection,
}

/// Where Pinterest is with an uploaded video (`MediaUploadStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaStatus {
    /// Registered; the upload has not arrived yet.
    Registered,
    /// Uploaded; being processed.
    Processing,
    /// Ready for a video pin.
    Succeeded,
    /// Pinterest could not process it.
    Failed,
}

impl MediaStatus {
    /// Pinterest's spelling: `registered`, `processing`, …
    pub fn as_str(self) -> &'static str {
        match self {
            MediaStatus::Registered => "registered",
            MediaStatus::Processing => "processing",
            MediaStatus::Succeeded => "succeeded",
            MediaStatus::Failed => "failed",
        }
    }

    /// The status Pinterest calls `name` (in any case), if it is one.
    pub fn from_name(name: &str) -> Option<Self> {
        [
            MediaStatus::Registered,
            MediaStatus::Processing,
            MediaStatus::Succeeded,
            MediaStatus::Failed,
        ]
        .into_iter()
        .find(|status| status.as_str().eq_ignore_ascii_case(name))
    }
}

/// Every way an operation can fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// Bad input, rejected before any HTTP call.
    InvalidInput {
        /// The offending field, e.g. `pin.title`.
        field: String,
        /// Why, naming the limit.
        reason: String,
    },
    /// 401: the access token is invalid or expired.
    Unauthorized(Failure),
    /// Pinterest code 3: the token lacks a scope.
    MissingScope {
        /// Details.
        failure: Failure,
        /// Scopes the operation needs.
        required: Vec<String>,
    },
    /// Pinterest code 29 for a Trial-access app writing to production.
    TrialAccess(Failure),
    /// 403: not permitted.
    Forbidden(Failure),
    /// 404: the resource does not exist.
    NotFound(Failure),
    /// 400/409/422: Pinterest rejected the request's content.
    BadRequest(Failure),
    /// 429 or Pinterest code 8.
    RateLimited(RateLimit),
    /// The token endpoint refused the code or refresh token.
    GrantRejected {
        /// Details.
        failure: Failure,
        /// The specific problem.
        problem: GrantProblem,
    },
    /// 5xx from Pinterest.
    UpstreamUnavailable(Failure),
    /// The host could not deliver the request.
    Transport {
        /// Details.
        failure: Failure,
        /// The specific problem.
        problem: TransportProblem,
    },
    /// A response the connector could not understand.
    UnexpectedResponse {
        /// Details.
        failure: Failure,
        /// The start of the body (secrets redacted).
        excerpt: String,
    },
    /// An uploaded video is not ready: Pinterest failed to process it, or
    /// the wait for it ran out of time (the caller knows the media id; the
    /// summary names it).
    MediaProcessing {
        /// Details; retryable while it is still processing.
        failure: Failure,
        /// Where it stands: `Failed`, or still `Registered` or `Processing`
        /// when the wait ran out of time.
        status: MediaStatus,
    },
}

/// Evaluates `$body` with `$f` bound to the error's `Failure` (by the same
/// reference kind as `$error`), giving `None` for `InvalidInput`.
macro_rules! with_failure {
    ($error:expr, $f:ident => $body:expr) => {
        match $error {
            Error::InvalidInput { .. } => None,
            Error::Unauthorized($f)
            | Error::TrialAccess($f)
            | Error::Forbidden($f)
            | Error::NotFound($f)
            | Error::BadRequest($f)
            | Error::UpstreamUnavailable($f)
            | Error::MissingScope { failure: $f, .. }
            | Error::GrantRejected { failure: $f, .. }
            | Error::Transport { failure: $f, .. }
            | Error::UnexpectedResponse { failure: $f, .. }
            | Error::MediaProcessing { failure: $f, .. }
            | Error::RateLimited(RateLimit { failure: $f, .. }) => Some($body),
        }
    };
}

impl Error {
    /// An `InvalidInput` error.
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// The common details, for every case but `InvalidInput`.
    pub fn failure(&self) -> Option<&Failure> {
        with_failure!(self, f => f)
    }

    fn failure_mut(&mut self) -> Option<&mut Failure> {
        with_failure!(self, f => f)
    }

    /// Returns the error with every occurrence of `secrets` (and every
    /// Pinterest-token-shaped word) removed from all of its text.
    pub fn redacted(mut self, secrets: &[&str]) -> Self {
        if let Error::InvalidInput { field, reason } = &mut self {
            *field = redact(field, secrets);
            *reason = redact(reason, secrets);
        }
        if let Error::UnexpectedResponse { excerpt, .. } = &mut self {
            *excerpt = redact_within(excerpt, secrets, EXCERPT_CHARS);
        }
        if let Some(f) = self.failure_mut() {
            f.summary = redact(&f.summary, secrets);
            f.remedy = redact(&f.remedy, secrets);
            if let Some(message) = &mut f.message {
                *message = redact_within(message, secrets, MAX_MESSAGE_CHARS);
            }
        }
        self
    }

    /// The error with `remedy` in place of its own, when it is an
    /// `UnexpectedResponse`; other errors are returned unchanged.
    pub(crate) fn with_remedy(mut self, remedy: &str) -> Self {
        if let Error::UnexpectedResponse { failure, .. } = &mut self {
            remedy.clone_into(&mut failure.remedy);
        }
        self
    }
}

/// Redacts a text cut to `max` characters (and an ellipsis) and keeps it
/// within that limit. `[redacted]` may be longer than what it replaced, so
/// the text may have to be cut again, and that new cut may fall inside a
/// secret: its start is redacted in turn.
fn redact_within(text: &str, secrets: &[&str], max: usize) -> String {
    let mut text = redact(text, secrets);
    // Each round cuts at the limit; a secret's start at the cut becomes
    // `[redacted]`, which the next round's cut leaves alone.
    for _ in 0..4 {
        if text.chars().count() <= max + 1 {
            return text;
        }
        text = redact(&truncate_chars(&text, max), secrets);
    }
    truncate_chars(&text, max)
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self, self.failure()) {
            (Error::InvalidInput { field, reason }, _) => write!(f, "invalid {field}: {reason}"),
            (_, Some(failure)) => write!(f, "{} {}", failure.summary, failure.remedy),
            (_, None) => Ok(()),
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_says_what_happened_and_what_to_do() {
        let error = Error::NotFound(Failure {
            summary: "Board 1 was not found.".into(),
            remedy: "Re-select the board.".into(),
            ..Failure::default()
        });
        assert_eq!(
            error.to_string(),
            "Board 1 was not found. Re-select the board."
        );
        assert_eq!(
            Error::invalid("pin.title", "is 101 characters; the limit is 100").to_string(),
            "invalid pin.title: is 101 characters; the limit is 100"
        );
    }

    #[test]
    fn an_excerpt_cut_again_after_redaction_hides_the_secret_it_cuts() {
        let secret = "MTQ4NDM2MjpmdXp6LWNsaWVudC1zZWNyZXQ=";
        // Short token shapes grow when redacted, pushing what looks like
        // the start of the secret over the limit, where it is cut.
        let text = format!("{}{} tail…", "pina_0 ".repeat(16), &secret[..30]);
        assert!(text.chars().count() <= EXCERPT_CHARS + 1);
        let error = Error::UnexpectedResponse {
            failure: Failure::default(),
            excerpt: text,
        };
        let Error::UnexpectedResponse { excerpt, .. } = error.redacted(&[secret]) else {
            unreachable!()
        };
        assert!(excerpt.chars().count() <= EXCERPT_CHARS + 1, "{excerpt}");
        assert!(!excerpt.contains("MTQ4NDM2"), "{excerpt}");
        assert!(excerpt.ends_with("[redacted]…"), "{excerpt}");
    }

    #[test]
    fn redaction_reaches_every_text_field() {
        let error = Error::UnexpectedResponse {
            failure: Failure {
                summary: "got SECRET1".into(),
                remedy: "not SECRET1".into(),
                message: Some("SECRET1".into()),
                ..Failure::default()
            },
            excerpt: "{\"token\":\"SECRET1\"}".into(),
        };
        let shown = format!("{:?}", error.redacted(&["SECRET1"]));
        assert!(!shown.contains("SECRET1"), "{shown}");
    }
}
