//! What to do about each failure: the remedy wording of every error, by
//! operation and environment.

use crate::config::Environment;
use crate::datetime;
use crate::error::GrantProblem;
use crate::operation::Operation;
use crate::text::count_of;
use crate::text::truncate_chars;

/// For an answer the connector could not use.
pub const UNEXPECTED: &str = "If config.api-base-url is set, check that it points at the Pinterest API; otherwise retry later, and report the excerpt if it persists.";
/// For a listing a poll cannot follow: pins out of creation order.
pub const OUT_OF_ORDER: &str = "poll-new-pins needs the pins listed newest first, as Pinterest lists them: retry later, and report the excerpt if it persists. Meanwhile list-pins shows the pins as listed.";
/// For a redirect, which is never followed.
pub const REDIRECT: &str = "Check config.api-base-url: it must point at the API itself, not a web page or a proxy that redirects.";
/// For a 404 that is not Pinterest's JSON.
pub const NO_SUCH_PATH: &str = "Check config.api-base-url: it must point at the Pinterest API (or a proxy forwarding /v5/ to it).";
/// For an answer of the token endpoint that is not a refusal.
pub const NO_TOKEN_ENDPOINT: &str = "Check config.api-base-url: it must point at the Pinterest API, whose token endpoint is /v5/oauth/token.";
/// For Pinterest code 29 (a Trial-access app writing to production).
pub const TRIAL_ACCESS: &str = "Set the environment to sandbox (https://api-sandbox.pinterest.com) while the app has Trial access, or apply for Standard access in the Pinterest developer portal.";
/// For a request the host's policy refused.
pub const TRANSPORT_DENIED: &str = "Mend what the host's rule above names: allow the Pinterest API origin in its egress policy (or correct config.api-base-url), or raise the limit it names.";
/// For a connection that failed.
pub const TRANSPORT_CONNECTION: &str =
    "Check the network, DNS and proxy settings of the host, then retry.";
/// For a 404 of `api-request` that is not Pinterest's JSON.
pub const NO_SUCH_API_PATH: &str = "Check the path against Pinterest's API reference (https://developers.pinterest.com/docs/api/v5/); if it is right, check that config.api-base-url points at the Pinterest API.";
/// Where `api-request` callers look up an endpoint's scopes.
const API_REFERENCE: &str = "https://developers.pinterest.com/docs/api/v5/";
/// Longest path of an `api-request` a remedy quotes, in characters.
const MAX_QUOTED_PATH_CHARS: usize = 120;

/// For video content the host could not read.
pub const CONTENT_UNREADABLE: &str = "Check that the host can read the video (the file exists and is readable, the blob is stored), then run upload-video again.";
/// For an upload the host refused to send.
pub const UPLOAD_DENIED: &str = "The host must let the upload go to the upload URL Pinterest returned (a host with an egress policy allows it once per registration) and carry a video of this size; mend what its rule above names, then run upload-video again.";
/// For an upload the upload host refused with 403: its form fields were
/// refused or have expired.
pub const UPLOAD_PARAMETERS_REFUSED: &str = "The upload's form fields were refused or have expired (they hold for a limited time after registering): run upload-video again, which registers the video anew.";
/// For an upload over the upload host's size limit.
pub const UPLOAD_TOO_LARGE: &str = "The video is over Pinterest's upload limit (2 GiB): compress or shorten it, then run upload-video again.";
/// For another refusal of the upload host.
pub const UPLOAD_REFUSED: &str = "Run upload-video again, which registers the video anew; if the upload host refuses it again, report its code and message.";
/// For a failing upload host (5xx).
pub const UPLOAD_HOST_FAILED: &str = "Pinterest's upload host is having trouble: run upload-video again later (it registers the video anew).";
/// For an upload answer that is neither a success nor an error.
pub const UPLOAD_UNEXPECTED: &str = "Run upload-video again (it registers the video anew); if the answer persists, report the excerpt.";
/// For a video Pinterest could not process.
pub const MEDIA_FAILED: &str = "Check that the file is a video Pinterest accepts (MP4, MOV or M4V, 4 seconds to 15 minutes, under 2 GB), then upload it again with upload-video.";
/// For a wait that ran out while Pinterest was processing the video.
pub const MEDIA_STILL_PROCESSING: &str =
    "Call wait-for-media again with the same media id: long videos take longer to process.";
/// For a wait that ran out before the video reached Pinterest.
pub const MEDIA_NEVER_ARRIVED: &str = "Pinterest has not received the video: if upload-video succeeded, call wait-for-media again with the same media id; otherwise run upload-video again.";

/// For a successful answer that could not be used: for a token grant, what
/// became of the code or refresh token that was sent; for a write that is
/// not safe to repeat, how to check whether it happened. None for other
/// operations.
pub fn unusable(op: Operation<'_>) -> Option<String> {
    match op {
        Operation::Refresh => Some(
            "Retry the refresh later with the same refresh token. If Pinterest then refuses it (grant-rejected), this answer used it up: send the user through authorize again.".to_owned(),
        ),
        Operation::Exchange => Some(
            "Codes are single-use: send the user through authorize again and exchange the new code. If config.api-base-url is set, check that it points at the Pinterest API.".to_owned(),
        ),
        Operation::CreatePin { .. } => None,
        _ => may_have_happened(op).map(|(what, check)| {
            format!(
                "{what}: {check} before retrying. If config.api-base-url is set, check that it points at the Pinterest API."
            )
        }),
    }
}

/// For a write that is not safe to repeat: what may have happened though
/// no usable answer came, and how to check it.
fn may_have_happened(op: Operation<'_>) -> Option<(&'static str, &'static str)> {
    Some(match op {
        Operation::CreatePin { .. } => ("The pin may have been created anyway", "check the board"),
        Operation::CreateBoard => (
            "The board may have been created anyway",
            "check list-boards",
        ),
        Operation::CreateSection { .. } => (
            "The section may have been created anyway",
            "check list-sections",
        ),
        Operation::SavePin { .. } => (
            "The pin may have been saved anyway",
            "check the board's pins (list-pins)",
        ),
        Operation::DeleteBoard { .. } => (
            "The board may have been deleted anyway",
            "check with get-board",
        ),
        Operation::DeleteSection { .. } => (
            "The section may have been deleted anyway",
            "check list-sections",
        ),
        Operation::DeletePin { .. } => {
            ("The pin may have been deleted anyway", "check with get-pin")
        }
        Operation::ApiRequest { .. } if op.is_write() => (
            "The request may have been carried out anyway",
            "check its effect",
        ),
        _ => return None,
    })
}

/// `base`, and what may have happened for a write not safe to repeat.
fn with_effect(base: &str, op: Operation<'_>) -> String {
    match may_have_happened(op) {
        Some((what, check)) => format!("{base} {what}: {check} before retrying."),
        None => base.to_owned(),
    }
}

/// For a request that got no answer in time.
pub fn timeout(op: Operation<'_>) -> String {
    let base = "Retry later with backoff.";
    match op {
        Operation::Refresh => format!(
            "{base} Retry with the same refresh token; if Pinterest refuses it (grant-rejected), the lost answer used it up: send the user through authorize again."
        ),
        Operation::UploadVideo { .. } => "The upload did not finish within the host's time limit for uploads: run upload-video again (it registers the video anew), on a faster connection or with a longer upload time limit on the host.".to_owned(),
        _ => with_effect(base, op),
    }
}

/// For a token that lacks `scopes` (comma-separated) of `op`; for an
/// `api-request`, whose scopes are not known here, where to look them up.
pub fn missing_scope(op: Operation<'_>, scopes: &str) -> String {
    match op {
        Operation::ApiRequest { method, path } => format!(
            "Look up the scopes {} {} needs in Pinterest's API reference ({API_REFERENCE}), then send the user through authorize asking for them, exchange the new code, and use the new tokens.",
            method.as_str(),
            truncate_chars(path, MAX_QUOTED_PATH_CHARS)
        ),
        _ => format!(
            "Send the user through authorize asking for {scopes}, exchange the new code, and use the new tokens."
        ),
    }
}

/// For a grant the token endpoint refused.
pub fn grant_rejected(problem: GrantProblem) -> &'static str {
    match problem {
        GrantProblem::RedirectUriMismatch => {
            "Pass exactly the redirect URI used in authorize and registered for the app, character for character, including any trailing slash."
        }
        GrantProblem::InvalidClient => {
            "Check config.client-id and config.client-secret against the App ID and App secret key in the Pinterest developer portal, then retry with the same code or refresh token: Pinterest refused the app, not the grant (a code expires within minutes, so retry it soon)."
        }
        GrantProblem::InvalidRefreshToken => {
            "The refresh token is expired, revoked or was already used once (each refresh returns a new one that must replace it): send the user through authorize again."
        }
        GrantProblem::InvalidCode | GrantProblem::Other => {
            "Codes are single-use and short-lived: send the user through authorize again and exchange the new code once, with the same redirect URI."
        }
    }
}

/// The longest wait a remedy asks for: a day, the longest window of
/// Pinterest's rate limits (Trial access counts requests per day).
pub const MAX_STATED_WAIT_SECONDS: u32 = 86_400;

/// For a refusal of the token endpoint that does not say the code or
/// refresh token is invalid: mend what Pinterest names and retry with the
/// same grant, which is kept.
pub fn token_refused(op: Operation<'_>) -> &'static str {
    match op {
        Operation::Refresh => {
            "Pinterest did not say the refresh token is invalid: keep it. Mend what Pinterest's message names (the app's access and status are in the Pinterest developer portal), then retry the refresh with the same refresh token."
        }
        _ => {
            "Pinterest did not say the code is invalid. Mend what Pinterest's message names (the app's access and status are in the Pinterest developer portal), then retry the exchange with the same code soon: codes expire within minutes."
        }
    }
}

/// For a rate limit that resets in `wait` seconds (as the error's fields
/// hold it), if known; `now` (unix seconds) dates the end of the wait.
pub fn rate_limited(op: Operation<'_>, wait: Option<u32>, now: u64) -> String {
    let mut remedy = match wait {
        Some(0) => "Retry now: the limit has already reset.".to_owned(),
        Some(seconds) if seconds <= MAX_STATED_WAIT_SECONDS => {
            let until = datetime::format_unix(now.saturating_add(u64::from(seconds)))
                .map(|at| format!(" (until {at})"))
                .unwrap_or_default();
            format!(
                "Wait {}{until}, then retry.",
                count_of(u64::from(seconds), "second", "seconds")
            )
        }
        Some(seconds) => format!(
            "Pinterest asked for a wait of {seconds} seconds, longer than any of its rate limits lasts (a day at most): wait a minute, then retry with backoff."
        ),
        None => "Wait a minute, then retry with backoff.".to_owned(),
    };
    if matches!(op, Operation::CreatePin { .. }) {
        remedy.push_str(" Pace pin creation (Pinterest limits writes per user per minute).");
    } else if op.is_write() {
        remedy.push_str(" Pace writes (Pinterest limits writes per user per minute).");
    }
    remedy
}

/// For a 401 outside the token endpoint.
pub fn unauthorized(environment: Environment) -> String {
    let base = "Call refresh and retry with the new access token; if refresh fails, send the user through authorize again.";
    match environment {
        Environment::Sandbox => format!(
            "{base} Tokens from production do not work in the sandbox: use a token issued for the sandbox."
        ),
        Environment::Production => base.to_owned(),
    }
}

/// For a 403.
pub fn forbidden(op: Operation<'_>, environment: Environment) -> String {
    match (op, environment) {
        (Operation::CreatePin { .. }, Environment::Production) => "Check that the board belongs to this account or is a group board it may pin to. Apps with Trial access must create pins in the sandbox environment.".to_owned(),
        (Operation::CreatePin { .. } | Operation::SavePin { .. }, _) => "Check that the board belongs to this account or is a group board it may pin to.".to_owned(),
        (
            Operation::UpdateBoard { .. }
            | Operation::DeleteBoard { .. }
            | Operation::CreateSection { .. }
            | Operation::UpdateSection { .. }
            | Operation::DeleteSection { .. },
            _,
        ) => "Check that the board belongs to this account: only its owner may change it or its sections.".to_owned(),
        (Operation::UpdatePin { .. } | Operation::DeletePin { .. }, _) => {
            "Check that the pin is on a board of this account.".to_owned()
        }
        _ => "Check that this account may access the resource (a business account may be needed), and that the app is approved for this endpoint.".to_owned(),
    }
}

/// For a 404 in Pinterest's JSON.
pub fn not_found(op: Operation<'_>, environment: Environment) -> String {
    let other = match environment {
        Environment::Production => "sandbox",
        Environment::Sandbox => "production",
    };
    match op {
        Operation::GetBoard { .. } | Operation::CreatePin { .. } => format!(
            "Re-select the board (and section) from list-boards: it may have been deleted, or belong to another account or to {other}, whose boards are separate."
        ),
        Operation::UpdateBoard { .. }
        | Operation::DeleteBoard { .. }
        | Operation::ListSections { .. }
        | Operation::CreateSection { .. }
        | Operation::BoardPins { .. } => format!(
            "Re-select the board from list-boards: it may have been deleted, or belong to another account or to {other}, whose boards are separate."
        ),
        Operation::UpdateSection { .. }
        | Operation::DeleteSection { .. }
        | Operation::SectionPins { .. } => format!(
            "Re-select the board from list-boards and the section from list-sections: either may have been deleted, or belong to another account or to {other}, whose boards are separate."
        ),
        Operation::GetPin { .. } | Operation::DeletePin { .. } => format!(
            "Re-select the pin from list-pins: it may have been deleted, or belong to another account or to {other}, whose pins are separate."
        ),
        Operation::UpdatePin { .. } => format!(
            "Re-select the pin from list-pins, and the board and section it moves to from list-boards and list-sections: any of them may have been deleted, or belong to another account or to {other}, whose pins and boards are separate."
        ),
        Operation::SavePin { .. } => format!(
            "Check the pin with get-pin, and re-select the board (and section) from list-boards and list-sections: the pin or the board may have been deleted, or the board belong to another account or to {other}, whose boards are separate."
        ),
        Operation::GetMedia { .. } => format!(
            "Check the media id: use the one upload-video returned, with the same account and environment ({other} uploads are separate)."
        ),
        Operation::ApiRequest { .. } => format!(
            "Check the path and the ids in it against Pinterest's API reference ({API_REFERENCE}): they may belong to another account or to {other}, whose data is separate."
        ),
        _ => "Check that the account still exists and the token belongs to it.".to_owned(),
    }
}

/// For a 400, 409 or 422.
pub fn bad_request(op: Operation<'_>) -> String {
    match op {
        Operation::CreatePin { .. } => "Correct what Pinterest names and retry. Image URLs must be publicly reachable JPEG or PNG files; a video needs a finished media upload (upload-video, then wait-for-media).".to_owned(),
        Operation::ApiRequest { .. } => format!("Correct what Pinterest names and retry; the endpoint's parameters and body are described in Pinterest's API reference ({API_REFERENCE})."),
        _ => "Correct what Pinterest names and retry.".to_owned(),
    }
}

/// For a 5xx.
pub fn upstream(op: Operation<'_>) -> String {
    with_effect(
        "Pinterest is having trouble: retry with backoff (for example after 1, 2, 4 and 8 seconds).",
        op,
    )
}

/// For a "list all" whose bookmarks repeat; `page_operation` fetches one
/// page.
pub fn repeated_bookmark(page_operation: &str) -> String {
    format!(
        "Retry later; if it persists, list pages with {page_operation} and report the bookmark."
    )
}
