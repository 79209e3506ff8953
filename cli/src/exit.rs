//! Exit codes, and the error every command returns: what happened, what to
//! do, and which exit code it means.

use std::fmt;
use std::process::ExitCode;

/// How the program ends. The numbers are part of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: done.
    Success,
    /// 1: a local failure (files, the component itself).
    Failure,
    /// 2: wrong usage or input (flags, configuration, invalid pin fields).
    Usage,
    /// 3: an authentication problem: no tokens, expired, refused, missing scope.
    Auth,
    /// 4: Pinterest's rate limit.
    RateLimited,
    /// 5: another Pinterest API error (not found, refused, unavailable).
    Api,
    /// 6: `pins import` finished, but some rows failed.
    PartialImport,
    /// 130: interrupted (Ctrl-C); a rerun resumes.
    Interrupted,
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Failure => 1,
            Exit::Usage => 2,
            Exit::Auth => 3,
            Exit::RateLimited => 4,
            Exit::Api => 5,
            Exit::PartialImport => 6,
            Exit::Interrupted => 130,
        }
    }

    /// A short name for JSON output.
    pub fn kind(self) -> &'static str {
        match self {
            Exit::Success => "ok",
            Exit::Failure => "failure",
            Exit::Usage => "usage",
            Exit::Auth => "auth",
            Exit::RateLimited => "rate-limited",
            Exit::Api => "api",
            Exit::PartialImport => "partial-import",
            Exit::Interrupted => "interrupted",
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit.code())
    }
}

/// A failed command: a sentence saying what happened, one saying what to
/// do, and the exit code. Never holds a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError {
    /// Exit code.
    pub exit: Exit,
    /// What happened.
    pub message: String,
    /// What to do about it.
    pub remedy: Option<String>,
    /// Pinterest's HTTP status and error code, when there was an answer.
    pub status: Option<u16>,
    /// Pinterest's error `code`.
    pub code: Option<i32>,
    /// Whether the command already printed it in its `--json` output.
    pub in_json_output: bool,
}

impl CliError {
    /// An error with `exit` and `message`.
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Self {
            exit,
            message: message.into(),
            remedy: None,
            status: None,
            code: None,
            in_json_output: false,
        }
    }

    /// A usage error.
    pub fn usage(message: impl Into<String>) -> Self {
        Self::new(Exit::Usage, message)
    }

    /// An authentication problem.
    pub fn auth(message: impl Into<String>) -> Self {
        Self::new(Exit::Auth, message)
    }

    /// A local failure.
    pub fn failure(message: impl Into<String>) -> Self {
        Self::new(Exit::Failure, message)
    }

    /// The same error with what to do.
    pub fn with_remedy(mut self, remedy: impl Into<String>) -> Self {
        self.remedy = Some(remedy.into());
        self
    }

    /// As JSON for `--json`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "error": {
                "kind": self.exit.kind(),
                "exit_code": self.exit.code(),
                "message": self.message,
                "remedy": self.remedy,
                "status": self.status,
                "code": self.code,
            }
        })
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error: {}", self.message)?;
        if let Some(remedy) = &self.remedy {
            write!(f, "\n  what to do: {remedy}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CliError {}
