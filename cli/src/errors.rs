//! Turning the component's errors into [`CliError`]s with this program's
//! exit codes, and its advice phrased for this program.

use pinterest_connector_host::LimitExceeded;
use pinterest_connector_host::types::{self, Error};

use super::exit::{CliError, Exit};

/// What to run when tokens are missing, dead or lack a scope.
pub const LOGIN_HINT: &str =
    "Run `pinterest-connector login` (with the same --sandbox choice) to sign in.";

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

/// One line for an error: `invalid title: …` or the failure's summary.
pub fn summary(error: &Error) -> String {
    match (error, failure(error)) {
        (Error::InvalidInput(i), _) => format!("invalid {}: {}", i.field, i.reason),
        (_, Some(f)) => f.summary.clone(),
        (_, None) => "the connector failed".to_owned(),
    }
}

/// The component's error as a [`CliError`].
pub fn from_component(error: &Error) -> CliError {
    let exit = exit_for(error);
    let mut cli = CliError::new(exit, summary(error));
    if let Some(f) = failure(error) {
        cli.status = f.status;
        cli.code = f.code;
        let mut remedy = f.remedy.clone();
        if exit == Exit::Auth {
            remedy.push(' ');
            remedy.push_str(LOGIN_HINT);
        }
        cli.remedy = Some(remedy);
    }
    if let Error::UnexpectedResponse(u) = error
        && !u.excerpt.is_empty()
    {
        cli.message.push_str(&format!(" Body: «{}»", u.excerpt));
    }
    cli
}

/// A failure of the component itself (a limit it ran into, a trap, a link
/// error) as a [`CliError`].
pub fn from_host(error: &wasmtime::Error) -> CliError {
    const REPORT: &str = "This is a bug in the connector component, which the host stopped: rebuild it with ./build.sh; if it persists, report this message with the command that caused it.";
    if let Some(limit) = LimitExceeded::of(error) {
        return CliError::failure(format!("{limit}.")).with_remedy(REPORT);
    }
    if let Some(trap) = error.downcast_ref::<wasmtime::Trap>() {
        return CliError::failure(format!("{error} ({trap}).")).with_remedy(REPORT);
    }
    CliError::failure(format!("the connector component failed: {error:#}"))
        .with_remedy("Rebuild the component with ./build.sh; if it persists, report this message.")
}
