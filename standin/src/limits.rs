//! The optional write budget of the `org_write` category: fixed windows per
//! environment, answering 429 with Pinterest's rate-limit headers once a
//! window's writes are spent.

use std::collections::HashMap;

use super::reply::Reply;
use super::state::Shared;
use super::{Environment, WriteLimit};

/// Pinterest's message for code 8.
const RATE_MESSAGE: &str = "This request exceeded a rate limit. This can happen if the client exceeds one of the published rate limits or if multiple write operations are applied to an object within a short time window.";

/// Counts one `org_write` request against the write budget, if one is
/// configured: the rate-limit headers to answer with, or the 429.
pub(crate) fn admit(
    shared: &Shared,
    environment: Environment,
) -> Result<Vec<(&'static str, String)>, Reply> {
    let Some(limit) = shared.settings.write_limit else {
        return Ok(Vec::new());
    };
    let now = shared.clock.now_millis();
    let verdict = shared.lock().limiter.write(limit, environment, now);
    match verdict {
        Verdict::Limited {
            limit,
            reset_seconds,
        } => Err(Reply::error(429, 8, RATE_MESSAGE)
            .with_header("x-ratelimit-limit", limit.to_string())
            .with_header("x-ratelimit-remaining", "0")
            .with_header("x-ratelimit-reset", reset_seconds.to_string())
            .with_header("retry-after", reset_seconds.to_string())),
        Verdict::Allowed {
            limit,
            remaining,
            reset_seconds,
        } => Ok(vec![
            ("x-ratelimit-limit", limit.to_string()),
            ("x-ratelimit-remaining", remaining.to_string()),
            ("x-ratelimit-reset", reset_seconds.to_string()),
        ]),
    }
}

/// The verdict on one write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Go ahead; `remaining` writes are left in the window.
    Allowed {
        limit: u32,
        remaining: u32,
        reset_seconds: u64,
    },
    /// Refused until the window ends.
    Limited { limit: u32, reset_seconds: u64 },
}

/// One window: when it started and how many writes it has seen.
#[derive(Debug, Clone, Copy)]
struct Window {
    start_millis: u64,
    writes: u32,
}

/// Write windows per environment.
#[derive(Debug, Default)]
pub(crate) struct Limiter {
    windows: HashMap<Environment, Window>,
}

impl Limiter {
    /// Counts a write at `now_millis` against `limit`.
    pub fn write(
        &mut self,
        limit: WriteLimit,
        environment: Environment,
        now_millis: u64,
    ) -> Verdict {
        let length = u64::try_from(limit.window.as_millis())
            .unwrap_or(u64::MAX)
            .max(1);
        let window = self.windows.entry(environment).or_insert(Window {
            start_millis: now_millis,
            writes: 0,
        });
        if now_millis >= window.start_millis.saturating_add(length) {
            *window = Window {
                start_millis: now_millis,
                writes: 0,
            };
        }
        let left_millis = window
            .start_millis
            .saturating_add(length)
            .saturating_sub(now_millis);
        // Whole seconds, rounded up: waiting this long always ends the window.
        let reset_seconds = left_millis.div_ceil(1000).max(1);
        if window.writes >= limit.writes {
            return Verdict::Limited {
                limit: limit.writes,
                reset_seconds,
            };
        }
        window.writes += 1;
        Verdict::Allowed {
            limit: limit.writes,
            remaining: limit.writes - window.writes,
            reset_seconds,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn refuses_after_the_budget_until_the_window_ends() {
        let limit = WriteLimit {
            writes: 2,
            window: Duration::from_secs(60),
        };
        let mut limiter = Limiter::default();
        let env = Environment::Sandbox;
        assert!(matches!(
            limiter.write(limit, env, 1_000),
            Verdict::Allowed { remaining: 1, .. }
        ));
        assert!(matches!(
            limiter.write(limit, env, 2_000),
            Verdict::Allowed { remaining: 0, .. }
        ));
        assert_eq!(
            limiter.write(limit, env, 31_000),
            Verdict::Limited {
                limit: 2,
                reset_seconds: 30
            }
        );
        assert!(matches!(
            limiter.write(limit, Environment::Production, 31_000),
            Verdict::Allowed { .. }
        ));
        assert!(matches!(
            limiter.write(limit, env, 61_000),
            Verdict::Allowed { remaining: 1, .. }
        ));
    }
}
