//! Where the program keeps its files by default: settings and tokens in the
//! user's config directory, compiled code in the cache directory, and
//! tokens that could not be saved where they belong in the state directory
//! (else a private directory in the temporary directory).

use std::path::PathBuf;

/// The program's directory name inside each base directory.
const NAME: &str = "pinterest-connector";

/// `$XDG_CONFIG_HOME/pinterest-connector`, `~/.config/pinterest-connector`,
/// `%APPDATA%\pinterest-connector`, or the current directory.
pub fn config_dir() -> PathBuf {
    env_dir("XDG_CONFIG_HOME")
        .or_else(|| env_dir("HOME").map(|h| h.join(".config")))
        .or_else(|| env_dir("APPDATA"))
        .unwrap_or_else(|| PathBuf::from("."))
        .join(NAME)
}

/// `$XDG_CACHE_HOME/pinterest-connector`, `~/.cache/pinterest-connector`,
/// `%LOCALAPPDATA%\pinterest-connector`, or one in the temporary directory.
pub fn cache_dir() -> PathBuf {
    env_dir("XDG_CACHE_HOME")
        .or_else(|| env_dir("HOME").map(|h| h.join(".cache")))
        .or_else(|| env_dir("LOCALAPPDATA"))
        .unwrap_or_else(std::env::temp_dir)
        .join(NAME)
}

/// Where tokens that could not be written to their token file are kept,
/// best first: `$XDG_STATE_HOME/pinterest-connector`,
/// `~/.local/state/pinterest-connector`, `%LOCALAPPDATA%\pinterest-connector`,
/// then `pinterest-connector-UID` in the temporary directory.
pub fn state_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = [
        env_dir("XDG_STATE_HOME"),
        env_dir("HOME").map(|h| h.join(".local").join("state")),
        env_dir("LOCALAPPDATA"),
    ]
    .into_iter()
    .flatten()
    .map(|base| base.join(NAME))
    .collect();
    dirs.push(std::env::temp_dir().join(format!("{NAME}-{}", user_id())));
    dirs.dedup();
    dirs
}

/// A directory named by an environment variable, if set and not empty.
fn env_dir(name: &str) -> Option<PathBuf> {
    std::env::var_os(name)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The running user's id (0 where there is none to ask).
#[cfg(unix)]
pub fn user_id() -> u32 {
    // SAFETY: getuid has no preconditions and cannot fail.
    unsafe { libc::getuid() }
}

/// The running user's id (0 where there is none to ask).
#[cfg(not(unix))]
pub fn user_id() -> u32 {
    0
}
