//! Turning the component's typed errors into [`CliError`]s with this
//! program's exit codes, in this program's words. The component speaks to
//! the platform calling it ("check config.api-base-url", "send the user
//! through authorize"); a person at a terminal needs flags, commands and
//! files. So every remedy is written here from the error's kind, problem
//! and status and what the command was doing; the component's remedies are
//! never shown. Facts come from the error: Pinterest's status, code and
//! message, the invalid field (named here as its flag or CSV column) and
//! the component's reason.

use pinterest_connector_host::LimitExceeded;
use pinterest_connector_host::types::{self, Error, GrantProblem, TransportProblem};

use super::config::{Source, environment_name};
use super::context::Context;
use super::exit::{CliError, Exit};
use super::settings;

/// What the command was doing when the component failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action<'a> {
    /// Building the consent URL.
    Authorize,
    /// Exchanging a code, with this redirect URI.
    Exchange {
        /// The redirect URI of the consent step.
        redirect_uri: &'a str,
    },
    /// Refreshing the tokens.
    Refresh,
    /// Reading the account.
    Account,
    /// Listing boards (secret ones asked for or not).
    ListBoards {
        /// Whether the privacy filter asks for secret boards.
        secret: bool,
    },
    /// Reading one board.
    GetBoard {
        /// Its id.
        board: &'a str,
    },
    /// Creating a pin.
    CreatePin {
        /// The board.
        board: &'a str,
        /// The section, if any.
        section: Option<&'a str>,
    },
    /// Creating a board.
    CreateBoard,
    /// Changing a board.
    UpdateBoard {
        /// Its id.
        board: &'a str,
    },
    /// Deleting a board.
    DeleteBoard {
        /// Its id.
        board: &'a str,
    },
    /// Listing a board's sections.
    ListSections {
        /// The board.
        board: &'a str,
    },
    /// Creating a section.
    CreateSection {
        /// The board.
        board: &'a str,
    },
    /// Renaming a section.
    UpdateSection {
        /// The board.
        board: &'a str,
        /// The section.
        section: &'a str,
    },
    /// Deleting a section.
    DeleteSection {
        /// The board.
        board: &'a str,
        /// The section.
        section: &'a str,
    },
    /// Listing pins: of a board, of one of its sections, or (neither) of
    /// the account.
    ListPins {
        /// The board, if any.
        board: Option<&'a str>,
        /// The section, if any.
        section: Option<&'a str>,
    },
    /// Reading one pin.
    GetPin {
        /// Its id.
        pin: &'a str,
    },
    /// Changing a pin.
    UpdatePin {
        /// Its id.
        pin: &'a str,
    },
    /// Deleting a pin.
    DeletePin {
        /// Its id.
        pin: &'a str,
    },
    /// Saving a pin to a board.
    SavePin {
        /// The pin.
        pin: &'a str,
        /// The board.
        board: &'a str,
    },
    /// Uploading a video file.
    UploadVideo {
        /// The file, as given.
        file: &'a str,
    },
    /// Waiting for an uploaded video to be processed.
    WaitForVideo {
        /// Its media id.
        media: &'a str,
    },
    /// Looking for duplicates of a pin on a board.
    FindDuplicates {
        /// The board.
        board: &'a str,
    },
    /// A raw API call.
    ApiRequest {
        /// `GET`, `POST`, …
        method: &'a str,
        /// The path.
        path: &'a str,
    },
}

/// How the user gave the pin's fields: flags of `pin create`, or columns
/// of the import CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Inputs {
    /// Command-line flags.
    Flags,
    /// Columns of a CSV row.
    Columns,
}

/// What the command was doing, and what it knows that helps the advice.
#[derive(Debug, Clone, Copy)]
pub struct Doing<'a> {
    /// The call.
    pub action: Action<'a>,
    /// How fields were given.
    pub inputs: Inputs,
    /// The scopes of the stored tokens, when the call used them.
    pub scopes: Option<&'a [String]>,
}

impl<'a> Doing<'a> {
    /// `action`, its fields given as flags, no tokens.
    pub fn new(action: Action<'a>) -> Self {
        Self {
            action,
            inputs: Inputs::Flags,
            scopes: None,
        }
    }

    /// The same, with the stored tokens' `scopes`.
    pub fn with_scopes(mut self, scopes: &'a [String]) -> Self {
        self.scopes = Some(scopes);
        self
    }

    /// The same, its fields given as CSV columns.
    pub fn in_columns(mut self) -> Self {
        self.inputs = Inputs::Columns;
        self
    }

    /// `listing boards`, `reading board 42`, … for sentences.
    fn label(&self) -> String {
        match self.action {
            Action::Authorize => "building the consent URL".to_owned(),
            Action::Exchange { .. } => "exchanging the authorization code".to_owned(),
            Action::Refresh => "refreshing the tokens".to_owned(),
            Action::Account => "reading the account".to_owned(),
            Action::ListBoards { .. } => "listing boards".to_owned(),
            Action::GetBoard { board } => format!("reading board {board}"),
            Action::CreatePin { board, .. } => format!("creating a pin on board {board}"),
            Action::CreateBoard => "creating a board".to_owned(),
            Action::UpdateBoard { board } => format!("changing board {board}"),
            Action::DeleteBoard { board } => format!("deleting board {board}"),
            Action::ListSections { board } => format!("listing the sections of board {board}"),
            Action::CreateSection { board } => format!("creating a section on board {board}"),
            Action::UpdateSection { board, section } => {
                format!("renaming section {section} of board {board}")
            }
            Action::DeleteSection { board, section } => {
                format!("deleting section {section} of board {board}")
            }
            Action::ListPins {
                board: Some(board),
                section: Some(section),
            } => format!("listing the pins of section {section} of board {board}"),
            Action::ListPins {
                board: Some(board),
                section: None,
            } => format!("listing the pins of board {board}"),
            Action::ListPins { board: None, .. } => "listing the account's pins".to_owned(),
            Action::GetPin { pin } => format!("reading pin {pin}"),
            Action::UpdatePin { pin } => format!("changing pin {pin}"),
            Action::DeletePin { pin } => format!("deleting pin {pin}"),
            Action::SavePin { pin, board } => format!("saving pin {pin} to board {board}"),
            Action::UploadVideo { file } => format!("uploading the video {file}"),
            Action::WaitForVideo { media } => format!("waiting for video {media}"),
            Action::ApiRequest { method, path } => format!("calling {method} {path}"),
            Action::FindDuplicates { board } => {
                format!("looking for duplicates on board {board}")
            }
        }
    }

    /// Whether the stored tokens are known to lack `scope`.
    fn lacks(&self, scope: &str) -> bool {
        self.scopes.is_some_and(|s| !s.iter().any(|g| g == scope))
    }
}

/// The scope that shows secret boards.
pub const SECRET_BOARDS_SCOPE: &str = "boards:read_secret";

/// The `failure` of an error, if it has one.
pub fn failure(error: &Error) -> Option<&types::Failure> {
    match error {
        Error::InvalidInput(_) => None,
        Error::Unauthorized(f)
        | Error::TrialAccess(f)
        | Error::Forbidden(f)
        | Error::NotFound(f)
        | Error::BadRequest(f)
        | Error::UpstreamUnavailable(f) => Some(f),
        Error::MissingScope(m) => Some(&m.failure),
        Error::RateLimited(r) => Some(&r.failure),
        Error::GrantRejected(g) => Some(&g.failure),
        Error::Transport(t) => Some(&t.failure),
        Error::UnexpectedResponse(u) => Some(&u.failure),
        Error::MediaProcessing(m) => Some(&m.failure),
    }
}

/// The exit code an error of the component means.
pub fn exit_for(error: &Error) -> Exit {
    match error {
        Error::InvalidInput(_) => Exit::Usage,
        Error::Unauthorized(_) | Error::MissingScope(_) | Error::GrantRejected(_) => Exit::Auth,
        Error::RateLimited(_) => Exit::RateLimited,
        Error::TrialAccess(_)
        | Error::Forbidden(_)
        | Error::NotFound(_)
        | Error::BadRequest(_)
        | Error::UpstreamUnavailable(_)
        | Error::Transport(_)
        | Error::UnexpectedResponse(_)
        | Error::MediaProcessing(_) => Exit::Api,
    }
}

/// One line for an error, as the component words it (the demo shows the
/// component's own words).
pub fn summary(error: &Error) -> String {
    match (error, failure(error)) {
        (Error::InvalidInput(i), _) => format!("invalid {}: {}", i.field, i.reason),
        (_, Some(f)) => f.summary.clone(),
        (_, None) => "the connector failed".to_owned(),
    }
}

/// The component's error as a [`CliError`] in this program's words.
pub fn explain(context: &Context, doing: &Doing<'_>, error: &Error) -> CliError {
    let mut cli = CliError::new(exit_for(error), what_happened(context, doing, error));
    cli.remedy = Some(what_to_do(context, doing, error));
    if let Some(f) = failure(error) {
        cli.status = f.status;
        cli.code = f.code;
    }
    cli
}

/// A sentence saying what happened.
pub fn what_happened(context: &Context, doing: &Doing<'_>, error: &Error) -> String {
    let doing_label = doing.label();
    let said = |f: &types::Failure| {
        f.message
            .as_deref()
            .map(|m| format!(": {}", m.trim().trim_end_matches('.')))
            .unwrap_or_default()
    };
    let status = |f: &types::Failure| match (f.status, f.code) {
        (Some(s), Some(c)) => format!("{s}, code {c}"),
        (Some(s), None) => s.to_string(),
        (None, Some(c)) => format!("code {c}"),
        (None, None) => "no status".to_owned(),
    };
    let environment = context.app.environment_name();
    let sentence = match error {
        Error::InvalidInput(i) => input_problem(context, doing, &i.field, &i.reason),
        Error::Unauthorized(f) => format!(
            "Pinterest did not accept the access token from {} while {doing_label} ({})",
            context.token_path().display(),
            status(f)
        ),
        Error::MissingScope(m) if !secret_scopes(doing, &m.required).is_empty() => format!(
            "The access token lacks a scope needed for {doing_label}: it holds {}, which public boards need, so Pinterest wants a secret board's scope ({})",
            m.required.join(", "),
            status(&m.failure)
        ),
        Error::MissingScope(m) => format!(
            "The access token lacks a scope needed for {doing_label}: it needs {} ({})",
            m.required.join(", "),
            status(&m.failure)
        ),
        Error::TrialAccess(f) => format!(
            "Pinterest refused {doing_label} in production: apps with Trial access may create pins only in the sandbox ({})",
            status(f)
        ),
        Error::Forbidden(f) => {
            format!("Pinterest refused {doing_label} ({}){}", status(f), said(f))
        }
        Error::NotFound(f) => match doing.action {
            Action::GetBoard { board }
            | Action::CreatePin {
                board,
                section: None,
            } => format!(
                "Board {board} was not found in {environment} ({})",
                status(f)
            ),
            Action::CreatePin {
                board,
                section: Some(section),
            }
            | Action::UpdateSection { board, section }
            | Action::DeleteSection { board, section }
            | Action::ListPins {
                board: Some(board),
                section: Some(section),
            } => format!(
                "Board {board} or its section {section} was not found in {environment} ({})",
                status(f)
            ),
            Action::UpdateBoard { board }
            | Action::DeleteBoard { board }
            | Action::ListSections { board }
            | Action::CreateSection { board }
            | Action::FindDuplicates { board }
            | Action::ListPins {
                board: Some(board),
                section: None,
            } => format!(
                "Board {board} was not found in {environment} ({})",
                status(f)
            ),
            Action::GetPin { pin } | Action::DeletePin { pin } => {
                format!("Pin {pin} was not found in {environment} ({})", status(f))
            }
            Action::UpdatePin { pin } => format!(
                "Pin {pin}, or the board or section it was to move to, was not found in {environment} ({}){}",
                status(f),
                said(f)
            ),
            Action::SavePin { pin, board } => format!(
                "Pin {pin}, board {board} or the section was not found in {environment} ({}){}",
                status(f),
                said(f)
            ),
            Action::WaitForVideo { media } => format!(
                "Video {media} was not found in {environment} ({}){}",
                status(f),
                said(f)
            ),
            _ => format!(
                "Pinterest found nothing while {doing_label} ({}){}",
                status(f),
                said(f)
            ),
        },
        Error::BadRequest(f) => format!(
            "Pinterest rejected the request while {doing_label} ({}){}",
            status(f),
            said(f)
        ),
        Error::RateLimited(r) => format!(
            "Pinterest's rate limit was hit while {doing_label} ({}{})",
            status(&r.failure),
            r.limit.map(|n| format!("; limit {n}")).unwrap_or_default()
        ),
        Error::GrantRejected(g) => {
            let f = &g.failure;
            match g.problem {
                GrantProblem::InvalidClient => format!(
                    "Pinterest refused the app's id or secret while {doing_label} ({}){}",
                    status(f),
                    said(f)
                ),
                GrantProblem::InvalidCode => format!(
                    "Pinterest refused the authorization code ({}){}",
                    status(f),
                    said(f)
                ),
                GrantProblem::RedirectUriMismatch => format!(
                    "Pinterest refused the code exchange: the redirect URI does not match the consent step's ({}){}",
                    status(f),
                    said(f)
                ),
                GrantProblem::InvalidRefreshToken => format!(
                    "Pinterest refused the refresh token ({}){}",
                    status(f),
                    said(f)
                ),
                GrantProblem::Other => {
                    format!("Pinterest refused {doing_label} ({}){}", status(f), said(f))
                }
            }
        }
        Error::UpstreamUnavailable(f) => format!(
            "Pinterest failed while {doing_label} ({}){}",
            status(f),
            said(f)
        ),
        // The component's account of these is factual and specific (the
        // host's refusal, the redirect target, what was unreadable).
        Error::Transport(t) => t.failure.summary.trim_end_matches('.').to_owned(),
        Error::UnexpectedResponse(u) => {
            let mut text = u.failure.summary.trim_end_matches('.').to_owned();
            if !u.excerpt.is_empty() {
                text.push_str(&format!(". Body: «{}»", u.excerpt));
            }
            text
        }
        Error::MediaProcessing(m) => m.failure.summary.trim_end_matches('.').to_owned(),
    };
    sentence_end(&sentence)
}

/// A sentence saying what to do, in this program's terms.
pub fn what_to_do(context: &Context, doing: &Doing<'_>, error: &Error) -> String {
    let hints = &context.hints;
    let sign_in = hints.sign_in();
    let token_file = context.token_path();
    let api = api_origin(context);
    match error {
        Error::InvalidInput(i) => input_remedy(context, doing, &i.field),
        Error::Unauthorized(_) => {
            let mut text = format!(
                "Run `{}` and try again; if that fails, sign in again with {}.",
                hints.command("refresh"),
                hints.login("")
            );
            if context.app.environment == types::Environment::Sandbox {
                text.push_str(
                    " Tokens issued by production do not work in the sandbox (nor the reverse).",
                );
            }
            text
        }
        Error::MissingScope(m) => {
            let missing: Vec<&str> = m
                .required
                .iter()
                .map(String::as_str)
                .filter(|s| doing.scopes.is_none() || doing.lacks(s))
                .collect();
            let secret = secret_scopes(doing, &m.required);
            let wanted = if !missing.is_empty() {
                missing
            } else if !secret.is_empty() {
                secret.iter().map(String::as_str).collect()
            } else {
                m.required.iter().map(String::as_str).collect()
            };
            let added: Vec<String> = wanted.iter().map(|s| format!("+{s}")).collect();
            format!(
                "Sign in again asking for {}: {}.",
                wanted.join(", "),
                hints.login(&format!("--scope {}", added.join(",")))
            )
        }
        Error::TrialAccess(_) => {
            let sandbox = hints.in_environment(types::Environment::Sandbox);
            let base = if context.app.api_base_url.is_some() {
                format!(" (and point {api} at the sandbox API)")
            } else {
                String::new()
            };
            format!(
                "While the app has Trial access, create pins in the sandbox: sign in there with {}{base} and add --sandbox to this command (or set {}=sandbox, or \"{}\": \"sandbox\" in the config file). Or apply for Standard access in the Pinterest developer portal.",
                sandbox.login(""),
                settings::ENVIRONMENT.env,
                settings::ENVIRONMENT.file
            )
        }
        Error::Forbidden(_) => match doing.action {
            Action::CreatePin { board, .. }
            | Action::SavePin { board, .. }
            | Action::CreateSection { board }
            | Action::UpdateSection { board, .. }
            | Action::DeleteSection { board, .. }
            | Action::UpdateBoard { board }
            | Action::DeleteBoard { board } => format!(
                "Check that board {board} belongs to this account, or is a group board it may change: `{}` lists the boards it can use.",
                hints.command("boards --all")
            ),
            Action::UpdatePin { pin } | Action::DeletePin { pin } => format!(
                "Check that pin {pin} is on one of this account's boards: `{}` lists the account's pins.",
                hints.command("pins list --all")
            ),
            Action::Refresh | Action::Exchange { .. } => format!(
                "Pinterest refused the app or the grant itself: check the app's status and access in the Pinterest developer portal, then {}",
                hints.sign_in_again()
            ),
            _ => "This account may not do this: Pinterest may require a business account (convert one for free at https://www.pinterest.com/business/convert/) or approval of the app for this endpoint.".to_owned(),
        },
        Error::NotFound(_) => match doing.action {
            Action::UpdateSection { board, .. }
            | Action::DeleteSection { board, .. }
            | Action::ListPins {
                board: Some(board),
                section: Some(_),
            } => format!(
                "Pick a Section ID from `{}`, and check the Board ID with `{}`.",
                hints.command(&format!("sections --board {board} --all")),
                hints.command("boards --all")
            ),
            Action::GetPin { .. } | Action::UpdatePin { .. } | Action::DeletePin { .. } => {
                let mut text = format!(
                    "Pick a Pin ID from `{}` (or `{}`): the pin may have been deleted, or belong to another account or environment.",
                    hints.command("pins list --board ID"),
                    hints.command("pins list")
                );
                if matches!(doing.action, Action::UpdatePin { .. }) {
                    text.push_str(&format!(
                        " A board to move it to comes from `{}`, a section from `{}`.",
                        hints.command("boards --all"),
                        hints.command("sections --board ID")
                    ));
                }
                text
            }
            Action::SavePin { .. } => format!(
                "Check the Pin ID, the Board ID (`{}`) and the section (`{}`).",
                hints.command("boards --all"),
                hints.command("sections --board ID")
            ),
            Action::WaitForVideo { .. } | Action::UploadVideo { .. } => format!(
                "Upload the video again with `{}`: media ids are separate in production and the sandbox.",
                hints.command("video upload FILE")
            ),
            Action::ApiRequest { .. } => {
                "Check the path and its ids against Pinterest's API reference (https://developers.pinterest.com/docs/api/v5/).".to_owned()
            }
            Action::GetBoard { .. }
            | Action::CreatePin { .. }
            | Action::UpdateBoard { .. }
            | Action::DeleteBoard { .. }
            | Action::ListSections { .. }
            | Action::CreateSection { .. }
            | Action::FindDuplicates { .. }
            | Action::ListPins { .. } => {
                let other = match context.app.environment {
                    types::Environment::Production => "the sandbox",
                    types::Environment::Sandbox => "production",
                };
                let mut text = format!(
                    "Pick a Board ID from `{}`: the board may have been deleted, or belong to another account or to {other}, whose boards are separate.",
                    hints.command("boards --all")
                );
                if let Action::CreatePin {
                    section: Some(_),
                    board,
                } = doing.action
                {
                    text.push_str(&format!(
                        " Check the section ID too: `{}` lists them.",
                        hints.command(&format!("sections --board {board}"))
                    ));
                }
                if doing.lacks(SECRET_BOARDS_SCOPE) {
                    text.push_str(&format!(
                        " If it is a secret board: these tokens cannot see secret boards; sign in with {} to use them.",
                        hints.login(&format!("--scope +{SECRET_BOARDS_SCOPE}"))
                    ));
                }
                text
            }
            _ => format!(
                "Check that the account still exists and that the tokens in {} belong to it. {sign_in}",
                token_file.display()
            ),
        },
        Error::BadRequest(_) => match doing.action {
            Action::Refresh => format!(
                "Nothing in the command caused this: run `{}` again later; if Pinterest keeps refusing, {}",
                hints.command("refresh"),
                hints.sign_in_again()
            ),
            Action::Exchange { .. } => format!(
                "Codes are single-use: {}",
                hints.sign_in_again()
            ),
            Action::CreatePin { .. } => "Correct what Pinterest names and run the command again. Image URLs must be publicly reachable JPEG or PNG files; a video must be uploaded completely first.".to_owned(),
            _ => "Correct what Pinterest names and run the command again.".to_owned(),
        },
        Error::RateLimited(r) => {
            let wait = r
                .retry_after_seconds
                .or(r.reset_seconds)
                .map_or_else(
                    || "a minute".to_owned(),
                    |s| format!("{s} second{}", if s == 1 { "" } else { "s" }),
                );
            let mut text = format!("Wait {wait}, then run the command again.");
            if let Action::CreatePin { .. } = doing.action {
                text.push_str(" Pinterest limits pin creation per user per minute; `pins import` paces itself (--writes-per-minute) and waits these out.");
            }
            text
        }
        Error::GrantRejected(g) => match g.problem {
            GrantProblem::InvalidClient => {
                let mut text = format!(
                    "Check the app's id and secret ({}) against the App ID and App secret key in the Pinterest developer portal.",
                    context.app.credentials_origin()
                );
                match doing.action {
                    Action::Refresh => text.push_str(&format!(
                        " If they are right, the refresh token in {} is no longer valid: {}",
                        token_file.display(),
                        hints.sign_in_again()
                    )),
                    Action::Exchange { .. } => text.push_str(&format!(
                        " If they are right, the code is no longer valid: {}",
                        hints.sign_in_again()
                    )),
                    _ => {}
                }
                text
            }
            GrantProblem::InvalidCode => format!(
                "Codes are single-use and expire after a few minutes: sign in again with {} (or run `{}` and exchange the new code once).",
                hints.login(""),
                hints.command("authorize")
            ),
            GrantProblem::RedirectUriMismatch => {
                let uri = match doing.action {
                    Action::Exchange { redirect_uri } => redirect_uri,
                    _ => "the one of the consent step",
                };
                format!(
                    "Pass --redirect-uri with exactly the redirect URI of the consent step ({uri}), registered for the app character for character (scheme, host, port, path, trailing slash)."
                )
            }
            GrantProblem::InvalidRefreshToken => format!(
                "The refresh token in {} is expired, revoked or was already used: {}",
                token_file.display(),
                hints.sign_in_again()
            ),
            GrantProblem::Other => format!(
                "Pinterest did not accept the grant (see its message above): {}",
                hints.sign_in_again()
            ),
        },
        Error::UpstreamUnavailable(_) => {
            let mut text = "Pinterest is having trouble: run the command again in a minute.".to_owned();
            text.push_str(&lost_answer(context, doing));
            text
        }
        Error::Transport(t) => {
            let mut text = match t.problem {
                TransportProblem::Denied => format!(
                    "Check {api}: this program sends requests only to the Pinterest API it is set to."
                ),
                TransportProblem::Timeout | TransportProblem::Connection => format!(
                    "Check the network and any proxy, and {api}, then run the command again."
                ),
            };
            if t.problem != TransportProblem::Denied {
                text.push_str(&lost_answer(context, doing));
            }
            text
        }
        Error::UnexpectedResponse(_) => {
            let mut text = if context.app.api_base_url.is_some() {
                format!(
                    "Check {api}: it must point at the Pinterest API itself (or a proxy forwarding /v5/ to it), not a web page."
                )
            } else {
                "Run the command again later; if it persists, report this message.".to_owned()
            };
            text.push_str(&lost_answer(context, doing));
            text
        }
        Error::MediaProcessing(m) => match (m.status, doing.action) {
            (types::MediaStatus::Failed, _) => format!(
                "Check that the file is a video Pinterest takes (MP4, MOV or M4V, at least 4 seconds), then upload it again with `{}`.",
                hints.command("video upload FILE")
            ),
            (_, Action::WaitForVideo { media }) => format!(
                "Pinterest is still processing it: wait longer (--wait-seconds, up to 900), or create the pin later with `{}`.",
                hints.command(&format!("pin create --video-id {media}"))
            ),
            _ => format!(
                "Pinterest is still processing the video: create the pin later with `{}` and the media id `video upload` printed.",
                hints.command("pin create --video-id ID")
            ),
        },
    }
}

/// When the stored tokens hold every scope in `required`, Pinterest wants
/// more than its description lists: the scopes for secret boards and their
/// pins (`boards:write` → `boards:write_secret`), those the tokens lack.
/// Empty when the scopes are unknown or one of `required` is missing.
fn secret_scopes(doing: &Doing<'_>, required: &[String]) -> Vec<String> {
    let Some(held) = doing.scopes else {
        return Vec::new();
    };
    if required.is_empty() || required.iter().any(|s| doing.lacks(s)) {
        return Vec::new();
    }
    required
        .iter()
        .filter(|s| s.starts_with("boards:") || s.starts_with("pins:"))
        .map(|s| format!("{s}_secret"))
        .filter(|s| !held.contains(s))
        .collect()
}

/// What may have become of the request when its answer was lost or
/// unreadable: the pin may exist, the refresh token or code may be spent.
fn lost_answer(context: &Context, doing: &Doing<'_>) -> String {
    let hints = &context.hints;
    match doing.action {
        Action::CreatePin { board, .. } => format!(
            " The pin may have been created anyway: check board {board} before creating it again."
        ),
        Action::CreateSection { board } => format!(
            " The section may have been created anyway: check `{}` before creating it again.",
            hints.command(&format!("sections --board {board}"))
        ),
        Action::CreateBoard => format!(
            " The board may have been created anyway: check `{}` before creating it again.",
            hints.command("boards --all")
        ),
        Action::SavePin { board, .. } => format!(
            " The pin may have been saved anyway: check board {board} before saving it again."
        ),
        Action::Refresh => format!(
            " The refresh token in {} is unchanged: run `{}` again later; if Pinterest then refuses it, the lost answer used it up: {}",
            context.token_path().display(),
            hints.command("refresh"),
            hints.sign_in_again()
        ),
        Action::Exchange { .. } => format!(
            " The code may be spent: if exchanging it again is refused, sign in again with {}.",
            hints.login("")
        ),
        _ => String::new(),
    }
}

/// `--api-base-url (now URL, from PINTEREST_API_BASE_URL)` or, without an
/// override, the flag that sets one.
fn api_origin(context: &Context) -> String {
    match &context.app.api_base_url {
        Some(url) => match context.app.source(&settings::API_BASE_URL) {
            Source::Flag => format!("--api-base-url (now {url})"),
            _ => format!(
                "the API base URL {url} (from {})",
                context.app.origin(&settings::API_BASE_URL)
            ),
        },
        None => format!(
            "the network's access to the Pinterest API ({})",
            environment_name(context.app.environment)
        ),
    }
}

/// `--title is 101 characters; the limit is 100`, or with
/// `Inputs::Columns`, `column title is …`.
fn input_problem(context: &Context, doing: &Doing<'_>, field: &str, reason: &str) -> String {
    format!(
        "{} {}",
        field_words(context, doing, field),
        reason_words(reason)
    )
}

/// The reason without words meant for the component's caller.
fn reason_words(reason: &str) -> String {
    /// Asides that name the component's operations.
    const CALLER_ASIDES: [&str; 1] = [" (as shown by list-boards)"];
    CALLER_ASIDES
        .iter()
        .fold(reason.trim().to_owned(), |text, aside| {
            text.replace(aside, "")
        })
}

/// The user's name for a field the component checked: its flag, its CSV
/// column, or the setting or file it came from.
pub fn field_words(context: &Context, doing: &Doing<'_>, field: &str) -> String {
    let column = doing.inputs == Inputs::Columns;
    let pick = |flag: &str, csv: &str| {
        if column {
            format!("column {csv}")
        } else {
            flag.to_owned()
        }
    };
    if let Some(rest) = field.strip_prefix("pin.media.items[") {
        let (index, tail) = rest.split_once(']').unwrap_or((rest, ""));
        let n = index.parse::<usize>().map_or(0, |i| i + 1);
        return match tail {
            ".url" => format!("URL {n} of --image-urls"),
            ".data" => format!("file {n} of --image-files"),
            other => format!("image {n}'s {}", other.trim_start_matches('.')),
        };
    }
    if let Some(rest) = field.strip_prefix("scopes[") {
        let n = rest
            .trim_end_matches(']')
            .parse::<usize>()
            .map_or(0, |i| i + 1);
        return format!("--scope (value {n})");
    }
    let origin = |key: &settings::Key| context.app.origin(key);
    match field {
        "pin.board-id" => pick("--board", "--board"),
        "board-id" => match doing.action {
            Action::GetBoard { .. } if doing.inputs == Inputs::Columns => "--board".to_owned(),
            _ => "The Board ID".to_owned(),
        },
        "pin.board-section-id" => pick("--section", "board_section_id"),
        "pin.parent-pin-id" => "The parent pin ID".to_owned(),
        "pin.title" => pick("--title", "title"),
        "pin.description" => pick("--description", "description"),
        "pin.link" => pick("--link", "link"),
        "pin.alt-text" => pick("--alt-text", "alt_text"),
        "pin.dominant-color" => pick("--dominant-color", "dominant_color"),
        "pin.media.url" => pick("--image-url", "image_url"),
        "pin.media.data" => pick("--image-file", "image_file"),
        "pin.media.items" => "--image-urls (or --image-files)".to_owned(),
        "pin.media.index" => "The cover image's index".to_owned(),
        "pin.media.media-id" | "media-id" => "--video-id".to_owned(),
        "video.content" => pick("The video file", "video_file"),
        "video.file-name" => "The video's file name".to_owned(),
        "max-seconds" => "--wait-seconds".to_owned(),
        "max-items" => match doing.action {
            Action::ListSections { .. } => "--max-sections".to_owned(),
            _ => "--max-pins".to_owned(),
        },
        "name" | "board.name" | "changes.name" => "--name".to_owned(),
        "board.description" | "changes.description" => "--description".to_owned(),
        "board.privacy" | "changes.privacy" => "--privacy".to_owned(),
        "changes.board-id" => "--board".to_owned(),
        "changes.board-section-id" | "board-section-id" => "--section".to_owned(),
        "changes.title" => "--title".to_owned(),
        "changes.link" => "--link".to_owned(),
        "changes.alt-text" => "--alt-text".to_owned(),
        "pin-id" => "The Pin ID".to_owned(),
        "section" | "section.section-id" | "source.section.section-id" => {
            "The Section ID".to_owned()
        }
        "section.board-id" | "source.board" | "source.section.board-id" => "--board".to_owned(),
        "path" => "The path".to_owned(),
        "query" => "--query".to_owned(),
        "json-body" => "--body".to_owned(),
        "method" => "The method".to_owned(),
        "candidate.link" => pick("--link", "link"),
        "candidate.title" => pick("--title", "title"),
        "candidate.image-url" => pick("--image-url", "image_url"),
        "max-scanned" => "The scan's cap".to_owned(),
        "pin.media.cover.url" => pick("--cover-image-url", "cover_image_url"),
        "pin.media.cover.data" => "The cover image".to_owned(),
        "pin" => "The pin".to_owned(),
        "query.page-size" => "--page-size".to_owned(),
        "query.bookmark" => "--bookmark".to_owned(),
        "max-boards" => "--max-boards".to_owned(),
        "redirect-uri" => "--redirect-uri".to_owned(),
        "scopes" => "--scope".to_owned(),
        "state" => "--state".to_owned(),
        "code" => "--code".to_owned(),
        "config.api-base-url" => format!(
            "The API base URL (from {})",
            origin(&settings::API_BASE_URL)
        ),
        "config.authorize-url" => format!(
            "The consent page URL (from {})",
            origin(&settings::AUTHORIZE_URL)
        ),
        "config.client-id" => format!("The app's id (from {})", origin(&settings::CLIENT_ID)),
        "config.client-secret" => format!(
            "The app's secret (from {})",
            origin(&settings::CLIENT_SECRET)
        ),
        "access-token" => format!("The access token in {}", context.token_path().display()),
        "refresh-token" => format!("The refresh token in {}", context.token_path().display()),
        other => {
            let bare = ["pin.", "config.", "query."]
                .iter()
                .fold(other, |f, prefix| f.strip_prefix(prefix).unwrap_or(f));
            if column {
                format!("column {}", bare.replace('-', "_"))
            } else {
                format!("--{bare}")
            }
        }
    }
}

/// What to do about a field the component refused.
fn input_remedy(context: &Context, doing: &Doing<'_>, field: &str) -> String {
    let hints = &context.hints;
    match field {
        "pin.board-id" | "board-id" => format!(
            "Use a Board ID: the digits in the ID column of `{}`.",
            hints.command("boards --all")
        ),
        "redirect-uri" => "Pass --redirect-uri with the redirect URI registered for the app, exactly (https, or http on localhost).".to_owned(),
        "config.api-base-url" | "config.authorize-url" | "config.client-id" | "config.client-secret" => {
            "Correct that setting: URLs are https (or http on a loopback host) without credentials, query or fragment.".to_owned()
        }
        "access-token" | "refresh-token" => format!(
            "The token file {} is damaged. {}",
            context.token_path().display(),
            hints.sign_in()
        ),
        _ if field == "scopes" || field.starts_with("scopes[") => {
            "Use Pinterest v5 scopes such as boards:read or +boards:read_secret (comma-separated).".to_owned()
        }
        _ if doing.inputs == Inputs::Columns => {
            "Fix that cell of the CSV and run the same command again.".to_owned()
        }
        _ => "Correct it and run the command again.".to_owned(),
    }
}

/// Ends `text` with a full stop unless it ends with one already.
fn sentence_end(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '!', '?']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// A failure of the component itself (a limit it ran into, a trap, a link
/// error) as a [`CliError`].
pub fn from_host(error: &wasmtime::Error) -> CliError {
    const REPORT: &str = "This is a bug in the connector component, which this program stopped: rebuild it with ./build.sh; if it persists, report this message with the command that caused it.";
    if let Some(limit) = LimitExceeded::of(error) {
        return CliError::failure(format!("{limit}.")).with_remedy(REPORT);
    }
    if let Some(trap) = error.downcast_ref::<wasmtime::Trap>() {
        return CliError::failure(format!("{error} ({trap}).")).with_remedy(REPORT);
    }
    CliError::failure(format!("The connector component failed: {error:#}."))
        .with_remedy("Rebuild the component with ./build.sh; if it persists, report this message.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context() -> Context {
        let global = <crate::Cli as clap::Parser>::parse_from([
            "pinterest-connector",
            "--sandbox",
            "whoami",
        ])
        .global;
        Context::for_tests(global)
    }

    fn failure(summary: &str) -> types::Failure {
        types::Failure {
            summary: summary.to_owned(),
            remedy: "the component's remedy".to_owned(),
            status: Some(400),
            code: Some(1),
            message: Some("Something else.".to_owned()),
            retryable: false,
        }
    }

    fn rate_limited(seconds: u32) -> Error {
        Error::RateLimited(types::RateLimit {
            failure: failure("Rate limited."),
            limit: Some(100),
            remaining: Some(0),
            reset_seconds: None,
            retry_after_seconds: Some(seconds),
        })
    }

    #[test]
    fn a_wait_of_one_second_is_singular() {
        let context = context();
        let doing = Doing::new(Action::Account);
        assert!(
            what_to_do(&context, &doing, &rate_limited(1)).starts_with("Wait 1 second, then"),
            "{}",
            what_to_do(&context, &doing, &rate_limited(1))
        );
        assert!(what_to_do(&context, &doing, &rate_limited(7)).starts_with("Wait 7 seconds, then"));
    }

    #[test]
    fn another_grant_refusal_says_to_sign_in_again() {
        let context = context();
        let error = Error::GrantRejected(types::GrantRejected {
            failure: failure("Pinterest refused the grant."),
            problem: GrantProblem::Other,
        });
        for action in [
            Action::Refresh,
            Action::Exchange {
                redirect_uri: "http://localhost:8085/",
            },
        ] {
            let text = what_to_do(&context, &Doing::new(action), &error);
            assert!(
                text.contains("sign in again with `pinterest-connector login --sandbox`"),
                "{text}"
            );
            assert!(!text.to_lowercase().contains("board"), "{text}");
        }
    }
}
