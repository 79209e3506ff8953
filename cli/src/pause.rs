//! A hook for crash tests: with `PINTEREST_CONNECTOR_PAUSE_AT=POINT` in the
//! environment, the program stops at that point of a token refresh or code
//! exchange, after saying `paused at POINT` on standard error, so that a
//! test can kill it exactly there and check what a crash at that moment
//! leaves. It stays stopped for good, or, with
//! `PINTEREST_CONNECTOR_PAUSE_UNTIL=FILE`, until FILE exists (so that a test
//! can change the world, e.g. make the token file's directory unwritable,
//! and let it go on). Only a build with the `test-hooks` feature (which the
//! crash tests turn on) looks at the variables; in any other build, `at`
//! does nothing.
//!
//! The points:
//! - `refresh-response`: Pinterest's answer to a refresh is in hand (the
//!   old refresh token is spent), nothing is written yet;
//! - `exchange-response`: Pinterest's answer to a code exchange is in hand
//!   (the code is spent), nothing is written yet;
//! - `token-rename`: the new tokens are on disk in the temporary file, not
//!   yet renamed over the token file.

/// The environment variable naming the point to stop at (read only by
/// builds with the `test-hooks` feature).
pub const PAUSE_ENV: &str = "PINTEREST_CONNECTOR_PAUSE_AT";
/// The environment variable naming a file whose appearance ends the pause.
pub const PAUSE_UNTIL_ENV: &str = "PINTEREST_CONNECTOR_PAUSE_UNTIL";

/// The refresh answer is in hand; nothing is written yet.
pub const REFRESH_RESPONSE: &str = "refresh-response";
/// The exchange answer is in hand; nothing is written yet.
pub const EXCHANGE_RESPONSE: &str = "exchange-response";
/// The new tokens are in the flushed temporary file; no rename yet.
pub const TOKEN_RENAME: &str = "token-rename";

/// Stops here if `PINTEREST_CONNECTOR_PAUSE_AT` names `point`: for good, or
/// until the file `PINTEREST_CONNECTOR_PAUSE_UNTIL` names exists.
#[cfg(feature = "test-hooks")]
pub fn at(point: &str) {
    if std::env::var(PAUSE_ENV).is_ok_and(|wanted| wanted == point) {
        eprintln!("paused at {point}");
        let _ = std::io::Write::flush(&mut std::io::stderr());
        let until = std::env::var_os(PAUSE_UNTIL_ENV).map(std::path::PathBuf::from);
        loop {
            match &until {
                Some(file) if file.exists() => return,
                Some(_) => std::thread::sleep(std::time::Duration::from_millis(20)),
                None => std::thread::park(),
            }
        }
    }
}

/// Does nothing: this build has no test hooks.
#[cfg(not(feature = "test-hooks"))]
pub fn at(_point: &str) {}
