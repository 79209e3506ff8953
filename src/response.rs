//! Turning Pinterest's responses into results: the success body, or an
//! [`Error`] that says what happened and what to do.

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::config::Environment;
use crate::error::{Error, Failure, GrantProblem, RateLimit, TransportProblem};
use crate::http::{Response, TransportError};
use crate::{json, secret};

/// Largest response body the connector reads (board pages of 250 are far
/// smaller); anything bigger is refused unread.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;
/// Length of body excerpts in errors, in characters.
pub const EXCERPT_CHARS: usize = 200;
/// Longest Pinterest error message kept, in characters.
pub const MAX_MESSAGE_CHARS: usize = 500;
/// Characters of an error body's texts that are read for matching.
const MATCHED_CHARS: usize = 2 * MAX_MESSAGE_CHARS;
/// Longest `location` shown in a redirect's summary, in characters (its
/// query and fragment are never shown).
const MAX_LOCATION_CHARS: usize = 200;
/// Longest text of the host's shown in a summary, in characters.
const MAX_HOST_TEXT_CHARS: usize = 300;
/// Longest parser complaint shown in a summary, in characters.
const MAX_JSON_ERROR_CHARS: usize = 200;
/// Values of `x-ratelimit-reset` at or above this are unix times, not seconds.
const EPOCH_THRESHOLD: u64 = 1_000_000_000;

/// The operation a response answers: shapes the wording of its errors and
/// knows which scopes it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation<'a> {
    /// `POST /v5/oauth/token`, authorization code.
    Exchange,
    /// `POST /v5/oauth/token`, refresh token.
    Refresh,
    /// `GET /v5/user_account`.
    UserAccount,
    /// `GET /v5/boards`.
    ListBoards {
        /// Whether secret boards were asked for (they need
        /// `boards:read_secret`).
        secret: bool,
    },
    /// `GET /v5/boards/{board_id}`.
    GetBoard {
        /// The board asked for.
        board_id: &'a str,
    },
    /// `POST /v5/pins`.
    CreatePin {
        /// The target board.
        board_id: &'a str,
        /// The target section, if any.
        section_id: Option<&'a str>,
    },
}

impl Operation<'_> {
    /// Scopes the operation needs, per the `security` of Pinterest's API
    /// description.
    pub fn required_scopes(&self) -> &'static [&'static str] {
        match self {
            Operation::Exchange | Operation::Refresh => &[],
            Operation::UserAccount => &["user_accounts:read"],
            Operation::ListBoards { secret: true } => &["boards:read", "boards:read_secret"],
            Operation::ListBoards { secret: false } | Operation::GetBoard { .. } => {
                &["boards:read"]
            }
            Operation::CreatePin { .. } => {
                &["boards:read", "boards:write", "pins:read", "pins:write"]
            }
        }
    }

    fn is_token_grant(&self) -> bool {
        matches!(self, Operation::Exchange | Operation::Refresh)
    }

    fn label(&self) -> &'static str {
        match self {
            Operation::Exchange => "the code exchange",
            Operation::Refresh => "the token refresh",
            Operation::UserAccount => "reading the user account",
            Operation::ListBoards { .. } => "listing boards",
            Operation::GetBoard { .. } => "reading the board",
            Operation::CreatePin { .. } => "creating the pin",
        }
    }
}

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
            format!("Pinterest's answer to {} had an empty body.", op.label()),
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
                "Pinterest's answer to {} could not be read ({detail}).",
                op.label()
            ),
        ));
    }
    serde_json::from_slice(body).map_err(|e| {
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

/// The error for a body that parsed but broke a rule (missing field, bad
/// value), with `what` naming the rule.
pub fn invalid_body(op: Operation<'_>, response: &Response, what: &str) -> Error {
    unusable(
        op,
        response,
        format!(
            "Pinterest's answer to {} was not usable: {what}.",
            op.label()
        ),
    )
}

/// An `UnexpectedResponse` for a successful answer the connector could not
/// use. After a token grant, the remedy says what became of the code or
/// refresh token that was sent.
fn unusable(op: Operation<'_>, response: &Response, summary: String) -> Error {
    let error = unexpected(response, summary);
    match op {
        Operation::Refresh => error.with_remedy(
            "Retry the refresh later with the same refresh token. If Pinterest then refuses it (grant-rejected), this answer used it up: send the user through authorize again.",
        ),
        Operation::Exchange => error.with_remedy(
            "Codes are single-use: send the user through authorize again and exchange the new code. If config.api-base-url is set, check that it points at the Pinterest API.",
        ),
        _ => error,
    }
}

/// The error for a request the host could not deliver.
pub fn transport_error(op: Operation<'_>, error: TransportError, timeout_ms: Option<u32>) -> Error {
    // The host's text is its own: shown, but never at any length.
    let shorten = |why: String| truncate_chars(&why, MAX_HOST_TEXT_CHARS);
    let (problem, summary, remedy, retryable) = match error {
        TransportError::Denied(why) => (
            TransportProblem::Denied,
            format!("The host refused to send the request for {}: {}.", op.label(), shorten(why)),
            "Mend what the host's rule above names: allow the Pinterest API origin in its egress policy (or correct config.api-base-url), or raise the limit it names.".to_owned(),
            false,
        ),
        TransportError::Timeout => (
            TransportProblem::Timeout,
            match timeout_ms {
                Some(ms) => format!("No answer from Pinterest to {} within {ms} ms.", op.label()),
                None => format!("No answer from Pinterest to {} in time.", op.label()),
            },
            timeout_remedy(op),
            true,
        ),
        TransportError::Connection(why) => (
            TransportProblem::Connection,
            format!("Could not reach Pinterest for {}: {}.", op.label(), shorten(why)),
            "Check the network, DNS and proxy settings of the host, then retry.".to_owned(),
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

fn timeout_remedy(op: Operation<'_>) -> String {
    let base = "Retry later with backoff.";
    match op {
        Operation::CreatePin { .. } => {
            format!("{base} The pin may have been created anyway: check the board before retrying.")
        }
        Operation::Refresh => format!(
            "{base} Retry with the same refresh token; if Pinterest refuses it (grant-rejected), the lost answer used it up: send the user through authorize again."
        ),
        _ => base.to_owned(),
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
    let quoted = said
        .message
        .as_deref()
        .map(|m| format!(": {}", m.trim_end_matches('.')))
        .unwrap_or_else(|| body_note(&said, response));

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
            format!("Pinterest's answer to {} was a redirect ({status}) to {target}.", op.label()),
        )
        .with_remedy(
            "Check config.api-base-url: it must point at the API itself, not a web page or a proxy that redirects.",
        );
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
            upstream_remedy(op),
            true,
        ));
    }
    if op.is_token_grant() {
        return grant_error(op, status, &said, response, failure);
    }
    if said.code == Some(3) {
        let required: Vec<String> = op
            .required_scopes()
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let list = required.join(", ");
        return Error::MissingScope {
            failure: failure(
                format!(
                    "The access token lacks a scope needed for {} ({list}){quoted}.",
                    op.label()
                ),
                format!(
                    "Send the user through authorize asking for {list}, exchange the new code, and use the new tokens."
                ),
                false,
            ),
            required,
        };
    }
    if said.code == Some(29) && said.text.contains("trial") {
        return Error::TrialAccess(failure(
            format!("Pinterest refused {}: apps with Trial access may not create pins in production{quoted}.", op.label()),
            "Set the environment to sandbox (https://api-sandbox.pinterest.com) while the app has Trial access, or apply for Standard access in the Pinterest developer portal.".to_owned(),
            false,
        ));
    }
    match status {
        401 => Error::Unauthorized(failure(
            format!("Pinterest rejected the access token while {} (401){quoted}.", op.label()),
            unauthorized_remedy(environment),
            false,
        )),
        403 => Error::Forbidden(failure(
            format!("Pinterest refused {} (403){quoted}.", op.label()),
            forbidden_remedy(op, environment),
            false,
        )),
        404 if said.json => Error::NotFound(failure(
            not_found_summary(op, &quoted),
            not_found_remedy(op, environment),
            false,
        )),
        404 => unexpected(
            response,
            format!("The API path for {} does not exist at this address (404){quoted}.", op.label()),
        )
        .with_remedy("Check config.api-base-url: it must point at the Pinterest API (or a proxy forwarding /v5/ to it)."),
        400..=499 => Error::BadRequest(failure(
            format!("Pinterest rejected the request for {} ({status}){quoted}.", op.label()),
            bad_request_remedy(op),
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
            format!("The token endpoint answered {} with status {status}.", op.label()),
        )
        .with_remedy("Check config.api-base-url: it must point at the Pinterest API, whose token endpoint is /v5/oauth/token.");
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
    let quoted = said
        .message
        .as_deref()
        .map(|m| format!(": {}", m.trim_end_matches('.')))
        .unwrap_or_else(|| body_note(said, response));
    let (summary, remedy) = match problem {
        GrantProblem::RedirectUriMismatch => (
            format!(
                "Pinterest refused {}: the redirect URI does not match ({status}){quoted}.",
                op.label()
            ),
            "Pass exactly the redirect URI used in authorize and registered for the app, character for character, including any trailing slash.",
        ),
        GrantProblem::InvalidClient => (
            format!(
                "Pinterest refused the app's credentials during {} ({status}){quoted}.",
                op.label()
            ),
            "Check config.client-id and config.client-secret against the App ID and App secret key in the Pinterest developer portal. If they are right, the code or refresh token is no longer valid: send the user through authorize again.",
        ),
        GrantProblem::InvalidRefreshToken => (
            format!("Pinterest refused the refresh token ({status}){quoted}.",),
            "The refresh token is expired, revoked or was already used once (each refresh returns a new one that must replace it): send the user through authorize again.",
        ),
        GrantProblem::InvalidCode | GrantProblem::Other => (
            format!("Pinterest refused the authorization code ({status}){quoted}.",),
            "Codes are single-use and short-lived: send the user through authorize again and exchange the new code once, with the same redirect URI.",
        ),
    };
    Error::GrantRejected {
        failure: failure(summary, remedy.to_owned(), false),
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
    let wait = retry_after_seconds.or(reset_seconds);
    failure.summary = format!("Pinterest's rate limit was hit while {}.", op.label());
    failure.remedy = match wait {
        Some(0) => "Retry now: the limit has already reset.".to_owned(),
        Some(seconds) => format!("Wait {seconds} seconds, then retry."),
        None => "Wait a minute, then retry with backoff.".to_owned(),
    };
    if matches!(op, Operation::CreatePin { .. }) {
        failure
            .remedy
            .push_str(" Pace pin creation (Pinterest limits writes per user per minute).");
    }
    Error::RateLimited(RateLimit {
        failure,
        limit: clamp(limit),
        remaining: clamp(remaining),
        reset_seconds: clamp(reset_seconds),
        retry_after_seconds: clamp(retry_after_seconds),
    })
}

fn unauthorized_remedy(environment: Environment) -> String {
    let base = "Call refresh and retry with the new access token; if refresh fails, send the user through authorize again.";
    match environment {
        Environment::Sandbox => format!(
            "{base} Tokens from production do not work in the sandbox: use a token issued for the sandbox."
        ),
        Environment::Production => base.to_owned(),
    }
}

fn forbidden_remedy(op: Operation<'_>, environment: Environment) -> String {
    match (op, environment) {
        (Operation::CreatePin { .. }, Environment::Production) => "Check that the board belongs to this account or is a group board it may pin to. Apps with Trial access must create pins in the sandbox environment.".to_owned(),
        (Operation::CreatePin { .. }, Environment::Sandbox) => "Check that the board belongs to this account or is a group board it may pin to.".to_owned(),
        _ => "Check that this account may access the resource (a business account may be needed), and that the app is approved for this endpoint.".to_owned(),
    }
}

fn not_found_summary(op: Operation<'_>, quoted: &str) -> String {
    match op {
        Operation::GetBoard { board_id } => {
            format!("Board {board_id} was not found (404){quoted}.")
        }
        Operation::CreatePin {
            board_id,
            section_id: Some(section),
        } => format!("Board {board_id} or its section {section} was not found (404){quoted}."),
        Operation::CreatePin { board_id, .. } => {
            format!("Board {board_id} (or the pin's media) was not found (404){quoted}.")
        }
        _ => format!("Pinterest found nothing for {} (404){quoted}.", op.label()),
    }
}

fn not_found_remedy(op: Operation<'_>, environment: Environment) -> String {
    let other = match environment {
        Environment::Production => "sandbox",
        Environment::Sandbox => "production",
    };
    match op {
        Operation::GetBoard { .. } | Operation::CreatePin { .. } => format!(
            "Re-select the board (and section) from list-boards: it may have been deleted, or belong to another account or to {other}, whose boards are separate."
        ),
        _ => "Check that the account still exists and the token belongs to it.".to_owned(),
    }
}

fn bad_request_remedy(op: Operation<'_>) -> String {
    match op {
        Operation::CreatePin { .. } => "Correct what Pinterest names and retry. Image URLs must be publicly reachable JPEG or PNG files; a video needs a finished media upload.".to_owned(),
        _ => "Correct what Pinterest names and retry.".to_owned(),
    }
}

fn upstream_remedy(op: Operation<'_>) -> String {
    let base = "Pinterest is having trouble: retry with backoff (for example after 1, 2, 4 and 8 seconds).";
    match op {
        Operation::CreatePin { .. } => {
            format!("{base} The pin may have been created anyway: check the board before retrying.")
        }
        _ => base.to_owned(),
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

/// An `UnexpectedResponse` for `response` with the given summary.
fn unexpected(response: &Response, summary: String) -> Error {
    Error::UnexpectedResponse {
        failure: Failure {
            summary,
            remedy: "If config.api-base-url is set, check that it points at the Pinterest API; otherwise retry later, and report the excerpt if it persists.".to_owned(),
            status: Some(response.status),
            code: None,
            message: None,
            retryable: false,
        },
        excerpt: excerpt(&response.body),
    }
}

impl Error {
    fn with_remedy(mut self, remedy: &str) -> Self {
        if let Error::UnexpectedResponse { failure, .. } = &mut self {
            remedy.clone_into(&mut failure.remedy);
        }
        self
    }
}

/// The first characters of a body, invalid UTF-8 replaced, whitespace
/// collapsed, and the values of token and secret fields masked (see
/// [`secret::mask_json_secrets`]).
pub fn excerpt(body: &[u8]) -> String {
    let head = body.get(..EXCERPT_CHARS * 4).unwrap_or(body);
    let text = secret::mask_json_secrets(&String::from_utf8_lossy(head));
    let mut shown = truncate_chars(&normalize_space(&text), EXCERPT_CHARS);
    if head.len() < body.len() && !shown.ends_with('…') {
        // Cut short all the same: say so, so the redaction of a secret cut
        // in two knows where to look.
        shown.push('…');
    }
    shown
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

fn normalize_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` cut to `max` characters, an ellipsis marking the cut.
pub fn truncate_chars(text: &str, max: usize) -> String {
    let head = head_chars(text, max);
    if head.len() < text.len() {
        format!("{head}…")
    } else {
        text.to_owned()
    }
}

/// The first `max` characters of `text`, without a mark.
fn head_chars(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((cut, _)) => text.get(..cut).unwrap_or_default(),
        None => text,
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
