//! Waiting for an uploaded video to be ready: the clock the wait runs on
//! (a parameter, as the HTTP client is, so that tests run the whole
//! schedule at once), the schedule of checks, its time limit, and the
//! `media-processing` errors a wait ends with.

use std::time::Duration;

use crate::error::{Error, Failure, MediaStatus};
use crate::remedy;

/// The wait's time limit when none is given, in seconds.
pub const DEFAULT_WAIT_SECONDS: u32 = 300;
/// The longest time limit accepted, in seconds.
pub const MAX_WAIT_SECONDS: u32 = 900;
/// Seconds between the first checks; [`STEADY_INTERVAL_SECONDS`] after
/// them.
pub const FIRST_INTERVALS_SECONDS: [u64; 4] = [1, 2, 4, 8];
/// Seconds between checks once the first intervals are over.
pub const STEADY_INTERVAL_SECONDS: u64 = 10;
/// The most checks one wait makes, whatever the clock does: enough for
/// [`MAX_WAIT_SECONDS`] on the schedule, with room to spare.
pub const MAX_CHECKS: usize = 100;

/// Monotonic time and sleeping, for waits. The component uses WASI's
/// monotonic clock; tests use a clock that only moves when told to sleep.
pub trait Clock {
    /// Time since a fixed point in the past; never goes back.
    fn now(&mut self) -> Duration;
    /// Blocks for `duration`.
    fn sleep(&mut self, duration: Duration);
}

/// The wait before check `n + 1` (0-based): 1, 2, 4 and 8 seconds, then
/// [`STEADY_INTERVAL_SECONDS`].
pub fn interval(n: usize) -> Duration {
    Duration::from_secs(
        FIRST_INTERVALS_SECONDS
            .get(n)
            .copied()
            .unwrap_or(STEADY_INTERVAL_SECONDS),
    )
}

/// The time limit of a wait: `max_seconds`, 1 to [`MAX_WAIT_SECONDS`]
/// ([`DEFAULT_WAIT_SECONDS`] when none is given).
pub fn limit(max_seconds: Option<u32>) -> Result<Duration, Error> {
    let seconds = max_seconds.unwrap_or(DEFAULT_WAIT_SECONDS);
    if !(1..=MAX_WAIT_SECONDS).contains(&seconds) {
        return Err(Error::invalid(
            "max-seconds",
            format!("is {seconds}; it must be between 1 and {MAX_WAIT_SECONDS}"),
        ));
    }
    Ok(Duration::from_secs(u64::from(seconds)))
}

/// The error for an upload Pinterest reports `failed`.
pub fn failed(media_id: &str) -> Error {
    Error::MediaProcessing {
        failure: Failure {
            summary: format!("Pinterest could not process the video of media {media_id}."),
            remedy: remedy::MEDIA_FAILED.to_owned(),
            retryable: false,
            ..Failure::default()
        },
        status: MediaStatus::Failed,
    }
}

/// The error for a wait whose time ran out after `waited`, the upload
/// still at `status`.
pub fn timed_out(media_id: &str, status: MediaStatus, waited: Duration) -> Error {
    let remedy = match status {
        MediaStatus::Registered => remedy::MEDIA_NEVER_ARRIVED,
        _ => remedy::MEDIA_STILL_PROCESSING,
    };
    Error::MediaProcessing {
        failure: Failure {
            summary: format!(
                "Media {media_id} was still {} after {} seconds of waiting.",
                status.as_str(),
                waited.as_secs()
            ),
            remedy: remedy.to_owned(),
            retryable: true,
            ..Failure::default()
        },
        status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schedule_slows_down_to_every_ten_seconds() {
        let waits: Vec<u64> = (0..7).map(|n| interval(n).as_secs()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 10, 10, 10]);
    }

    #[test]
    fn the_longest_wait_fits_in_the_checks_allowed() {
        let mut elapsed = 0;
        let mut checks = 1;
        while elapsed < u64::from(MAX_WAIT_SECONDS) {
            elapsed += interval(checks - 1).as_secs();
            checks += 1;
        }
        assert!(checks < MAX_CHECKS, "{checks} checks");
    }

    #[test]
    fn the_limit_is_checked() {
        assert_eq!(limit(None).unwrap(), Duration::from_secs(300));
        assert_eq!(limit(Some(900)).unwrap(), Duration::from_secs(900));
        for bad in [0, 901] {
            let Err(Error::InvalidInput { field, reason }) = limit(Some(bad)) else {
                panic!("{bad} was accepted")
            };
            assert_eq!(field, "max-seconds");
            assert!(reason.contains("between 1 and 900"), "{reason}");
        }
    }
}
