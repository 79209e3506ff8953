//! The component's error, read the way a caller needs it: the failure it
//! carries, one line of what happened, and what to do.

use crate::bindings::types::{Error, Failure};

impl Error {
    /// The failure's details; none for `invalid-input`, which has a field
    /// and a reason instead.
    pub fn failure(&self) -> Option<&Failure> {
        match self {
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

    /// One line of what happened: `invalid title: …`, or the summary.
    pub fn summary(&self) -> String {
        match (self, self.failure()) {
            (Error::InvalidInput(i), _) => format!("invalid {}: {}", i.field, i.reason),
            (_, Some(f)) => f.summary.clone(),
            (_, None) => "the connector failed".to_owned(),
        }
    }

    /// What to do about it; for `invalid-input`, the reason names the limit.
    pub fn remedy(&self) -> &str {
        match (self, self.failure()) {
            (Error::InvalidInput(i), _) => &i.reason,
            (_, Some(f)) => &f.remedy,
            (_, None) => "",
        }
    }
}
