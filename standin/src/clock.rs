//! The stand-in's sense of time: the system clock, or a manual clock that
//! tests move forward so that expiry and rate-limit windows never need real
//! waiting.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Where the stand-in reads the time from. `Clone` shares a manual clock.
#[derive(Debug, Clone, Default)]
pub struct Clock {
    /// Unix time in milliseconds for a manual clock; `None` reads the system.
    manual: Option<Arc<AtomicU64>>,
}

impl Clock {
    /// The system's wall clock.
    pub fn system() -> Self {
        Self { manual: None }
    }

    /// A clock stopped at `unix_seconds` that moves only by [`Clock::advance`].
    pub fn manual(unix_seconds: u64) -> Self {
        Self {
            manual: Some(Arc::new(AtomicU64::new(unix_seconds.saturating_mul(1000)))),
        }
    }

    /// Moves a manual clock forward; returns `false` (and does nothing) for
    /// the system clock.
    pub fn advance(&self, by: Duration) -> bool {
        match &self.manual {
            Some(millis) => {
                let step = u64::try_from(by.as_millis()).unwrap_or(u64::MAX);
                millis.fetch_add(step, Ordering::SeqCst);
                true
            }
            None => false,
        }
    }

    /// Unix time in milliseconds.
    pub fn now_millis(&self) -> u64 {
        match &self.manual {
            Some(millis) => millis.load(Ordering::SeqCst),
            None => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
                .unwrap_or_default(),
        }
    }

    /// Unix time in seconds.
    pub fn now_seconds(&self) -> u64 {
        self.now_millis() / 1000
    }
}
