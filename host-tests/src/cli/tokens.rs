//! The token file: where it lives, reading it, and writing it atomically
//! (temporary file, then rename) with mode 0600, so that a crash never
//! loses the rotated refresh token and other users cannot read it.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::types;

use super::config::environment_name;
use super::errors::LOGIN_HINT;
use super::exit::CliError;

/// The stored token set, with the environment and app it belongs to.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredTokens {
    /// `production` or `sandbox`: tokens work only where they were issued.
    pub environment: String,
    /// The app the tokens were issued to.
    #[serde(default)]
    pub client_id: Option<String>,
    /// Bearer token.
    pub access_token: String,
    /// `bearer`.
    pub token_type: String,
    /// Granted scopes.
    pub scopes: Vec<String>,
    /// Access token expiry (unix seconds).
    pub expires_at: u32,
    /// Refresh token.
    #[serde(default)]
    pub refresh_token: Option<String>,
    /// Refresh token expiry (unix seconds).
    #[serde(default)]
    pub refresh_token_expires_at: Option<u32>,
}

impl std::fmt::Debug for StoredTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredTokens")
            .field("environment", &self.environment)
            .field("scopes", &self.scopes)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

impl StoredTokens {
    /// The component's token set, stored for `environment` and `client_id`.
    pub fn from_set(
        set: types::TokenSet,
        environment: types::Environment,
        client_id: Option<String>,
    ) -> Self {
        Self {
            environment: environment_name(environment).to_owned(),
            client_id,
            access_token: set.access_token,
            token_type: set.token_type,
            scopes: set.scopes,
            expires_at: set.expires_at,
            refresh_token: set.refresh_token,
            refresh_token_expires_at: set.refresh_token_expires_at,
        }
    }

    /// As the component's token set.
    pub fn to_set(&self) -> types::TokenSet {
        types::TokenSet {
            access_token: self.access_token.clone(),
            token_type: self.token_type.clone(),
            scopes: self.scopes.clone(),
            expires_at: self.expires_at,
            refresh_token: self.refresh_token.clone(),
            refresh_token_expires_at: self.refresh_token_expires_at,
        }
    }
}

/// The default token file for `environment`: `tokens.json` or
/// `tokens-sandbox.json` in the user's config directory.
pub fn default_path(environment: types::Environment) -> PathBuf {
    let name = match environment {
        types::Environment::Production => "tokens.json",
        types::Environment::Sandbox => "tokens-sandbox.json",
    };
    config_dir().join(name)
}

/// `$XDG_CONFIG_HOME/pinterest-connector`, `~/.config/pinterest-connector`,
/// `%APPDATA%\pinterest-connector`, or the current directory.
fn config_dir() -> PathBuf {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .or_else(|| std::env::var_os("APPDATA").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("."));
    base.join("pinterest-connector")
}

/// Reads the token file; a missing one is an authentication problem that
/// says to log in.
pub fn load(path: &Path) -> Result<StoredTokens, CliError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(
                CliError::auth(format!("No tokens at {}.", path.display())).with_remedy(LOGIN_HINT)
            );
        }
        Err(e) => {
            return Err(CliError::failure(format!(
                "Could not read the token file {}: {e}.",
                path.display()
            )));
        }
    };
    warn_if_readable_by_others(path);
    serde_json::from_str(&text).map_err(|e| {
        CliError::auth(format!(
            "The token file {} is not readable as tokens ({e}).",
            path.display()
        ))
        .with_remedy(LOGIN_HINT)
    })
}

/// Writes the token file atomically with mode 0600 (its directory 0700 if
/// created).
pub fn save(path: &Path, tokens: &StoredTokens) -> Result<(), CliError> {
    let fail = |what: &str, e: std::io::Error| {
        CliError::failure(format!(
            "Could not {what} the token file {}: {e}.",
            path.display()
        ))
        .with_remedy("Check the directory's permissions, or pass --token-file.")
    };
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.exists() {
        create_private_dir(dir).map_err(|e| fail("create the directory of", e))?;
    }
    let json =
        serde_json::to_vec_pretty(tokens).map_err(|e| fail("encode", std::io::Error::other(e)))?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "tokens.json".to_owned());
    let temporary = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = create_private_file(&temporary)?;
        file.write_all(&json)?;
        file.write_all(b"\n")?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if let Err(e) = written {
        // Leave no stray copy of the tokens behind.
        let _ = std::fs::remove_file(&temporary);
        return Err(fail("write", e));
    }
    Ok(())
}

#[cfg(unix)]
fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

#[cfg(unix)]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt as _;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

#[cfg(not(unix))]
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[cfg(unix)]
fn warn_if_readable_by_others(path: &Path) {
    use std::os::unix::fs::PermissionsExt as _;
    if let Ok(meta) = std::fs::metadata(path)
        && meta.permissions().mode() & 0o077 != 0
    {
        super::output::note(&format!(
            "warning: {} can be read by other users; run `chmod 600 {}`.",
            path.display(),
            path.display()
        ));
    }
}

#[cfg(not(unix))]
fn warn_if_readable_by_others(_path: &Path) {}
