//! A hook for crash tests: with `PINTEREST_CONNECTOR_PAUSE_AT=POINT` in the
//! environment, the program stops for good at that point of a token
//! refresh, after saying `paused at POINT` on standard error, so that a
//! test can kill it exactly there and check what a crash at that moment
//! leaves. Only a build with the `test-hooks` feature (which the crash
//! tests turn on) looks at the variable; in any other build, `at` does
//! nothing.
//!
//! The points:
//! - `refresh-response`: Pinterest's answer to a refresh is in hand (the
//!   old refresh token is spent), nothing is written yet;
//! - `token-rename`: the new tokens are on disk in the temporary file, not
//!   yet renamed over the token file.

/// The environment variable naming the point to stop at (read only by
/// builds with the `test-hooks` feature).
pub const PAUSE_ENV: &str = "PINTEREST_CONNECTOR_PAUSE_AT";

/// The refresh answer is in hand; nothing is written yet.
pub const REFRESH_RESPONSE: &str = "refresh-response";
/// The new tokens are in the flushed temporary file; no rename yet.
pub const TOKEN_RENAME: &str = "token-rename";

/// Stops here forever if `PINTEREST_CONNECTOR_PAUSE_AT` names `point`.
#[cfg(feature = "test-hooks")]
pub fn at(point: &str) {
    if std::env::var(PAUSE_ENV).is_ok_and(|wanted| wanted == point) {
        eprintln!("paused at {point}");
        let _ = std::io::Write::flush(&mut std::io::stderr());
        loop {
            std::thread::park();
        }
    }
}

/// Does nothing: this build has no test hooks.
#[cfg(not(feature = "test-hooks"))]
pub fn at(_point: &str) {}
