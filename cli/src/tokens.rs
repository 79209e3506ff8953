//! The token file: where it lives, reading it, and writing it atomically
//! with mode 0600 (see [`super::durable`]), so that a crash never
//! leaves a torn file and other users cannot read it. Reading it first
//! settles what a killed writer left: a complete newer token set still in
//! its temporary file is moved into place (its rename was all that was
//! missing), anything else is removed.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use pinterest_connector_host::types;

use super::config::environment_name;
use super::durable;
use super::errors::LOGIN_HINT;
use super::exit::CliError;
use super::pause;

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

/// Reads the token file (after settling any leftover of a killed writer);
/// a missing one is an authentication problem that says to log in.
pub fn load(path: &Path) -> Result<StoredTokens, CliError> {
    settle_leftovers(path);
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
/// created): the old file stays whole until the new one is on disk.
pub fn save(path: &Path, tokens: &StoredTokens) -> Result<(), CliError> {
    let fail = |what: &str, e: std::io::Error| {
        CliError::failure(format!(
            "Could not {what} the token file {}: {e}.",
            path.display()
        ))
        .with_remedy("Check the directory's permissions, or pass --token-file.")
    };
    let mut json =
        serde_json::to_vec_pretty(tokens).map_err(|e| fail("encode", std::io::Error::other(e)))?;
    json.push(b'\n');
    durable::replace(path, &json, || pause::at(pause::TOKEN_RENAME)).map_err(|e| fail("write", e))
}

/// Deals with the temporary files of writers killed before their rename:
/// one holding a complete token set newer than the file's (for the same
/// environment and app) takes the file's place, as the rename would have;
/// the others are removed.
fn settle_leftovers(path: &Path) {
    let leftovers = durable::leftovers(path);
    if leftovers.is_empty() {
        // The usual case: `load` reads the file itself.
        return;
    }
    let mut current = read_tokens(path);
    for leftover in leftovers {
        match read_tokens(&leftover.path) {
            Some(found)
                if is_newer(&found, current.as_ref())
                    && durable::adopt(&leftover, path).is_ok() =>
            {
                super::output::note(&format!(
                    "Recovered the tokens of an interrupted save into {}.",
                    path.display()
                ));
                current = Some(found);
            }
            _ => {
                let _ = std::fs::remove_file(&leftover.path);
            }
        }
    }
}

/// The token set in `path`, if it holds a complete one.
fn read_tokens(path: &Path) -> Option<StoredTokens> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_json::from_str(&text).ok()
}

/// Whether `found` replaces `current`: same environment and app, issued
/// later (or there is no usable current set).
fn is_newer(found: &StoredTokens, current: Option<&StoredTokens>) -> bool {
    current.is_none_or(|current| {
        found.environment == current.environment
            && found.client_id == current.client_id
            && found.expires_at > current.expires_at
    })
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
