//! The error, from the core to WIT.

use super::wit;
use crate::{Error, Failure, GrantProblem, TransportProblem};

impl From<Failure> for wit::Failure {
    fn from(f: Failure) -> Self {
        Self {
            summary: f.summary,
            remedy: f.remedy,
            status: f.status,
            code: f.code,
            message: f.message,
            retryable: f.retryable,
        }
    }
}

impl From<GrantProblem> for wit::GrantProblem {
    fn from(problem: GrantProblem) -> Self {
        match problem {
            GrantProblem::InvalidClient => Self::InvalidClient,
            GrantProblem::InvalidCode => Self::InvalidCode,
            GrantProblem::RedirectUriMismatch => Self::RedirectUriMismatch,
            GrantProblem::InvalidRefreshToken => Self::InvalidRefreshToken,
            GrantProblem::Other => Self::Other,
        }
    }
}

impl From<TransportProblem> for wit::TransportProblem {
    fn from(problem: TransportProblem) -> Self {
        match problem {
            TransportProblem::Denied => Self::Denied,
            TransportProblem::Timeout => Self::Timeout,
            TransportProblem::Connection => Self::Connection,
        }
    }
}

impl From<Error> for wit::Error {
    fn from(e: Error) -> Self {
        match e {
            Error::InvalidInput { field, reason } => {
                Self::InvalidInput(wit::InvalidInput { field, reason })
            }
            Error::Unauthorized(f) => Self::Unauthorized(f.into()),
            Error::MissingScope { failure, required } => Self::MissingScope(wit::MissingScope {
                failure: failure.into(),
                required,
            }),
            Error::TrialAccess(f) => Self::TrialAccess(f.into()),
            Error::Forbidden(f) => Self::Forbidden(f.into()),
            Error::NotFound(f) => Self::NotFound(f.into()),
            Error::BadRequest(f) => Self::BadRequest(f.into()),
            Error::RateLimited(r) => Self::RateLimited(wit::RateLimit {
                failure: r.failure.into(),
                limit: r.limit,
                remaining: r.remaining,
                reset_seconds: r.reset_seconds,
                retry_after_seconds: r.retry_after_seconds,
            }),
            Error::GrantRejected { failure, problem } => Self::GrantRejected(wit::GrantRejected {
                failure: failure.into(),
                problem: problem.into(),
            }),
            Error::UpstreamUnavailable(f) => Self::UpstreamUnavailable(f.into()),
            Error::Transport { failure, problem } => Self::Transport(wit::TransportFailure {
                failure: failure.into(),
                problem: problem.into(),
            }),
            Error::UnexpectedResponse { failure, excerpt } => {
                Self::UnexpectedResponse(wit::UnexpectedResponse {
                    failure: failure.into(),
                    excerpt,
                })
            }
            Error::MediaProcessing { failure, status } => {
                Self::MediaProcessing(wit::MediaProblem {
                    failure: failure.into(),
                    status: status.into(),
                })
            }
        }
    }
}
