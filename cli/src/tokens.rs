//! The token file: reading it, and writing it atomically with mode 0600
//! (see [`super::durable`]), so that a crash never leaves a torn file and
//! other users cannot read it. Before a code or refresh token is spent,
//! the file is checked to be writable; new tokens that still cannot be
//! written are kept elsewhere (see [`super::rescue`]). Reading it first
//! settles what a killed writer left (a complete newer token set still in
//! its temporary file is moved into place, as its rename would have;
//! anything else is removed) and moves a kept copy into place.

use std::path::Path;

use serde::{Deserialize, Serialize};

use pinterest_connector_host::types;

use super::config::environment_name;
use super::durable;
use super::exit::CliError;
use super::hints::Hints;
use super::pause;
use super::rescue;

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

/// Reads the token file (after settling any leftover of a killed writer,
/// and moving into place a copy kept when the file could not be written);
/// a missing one is an authentication problem that says to sign in.
pub fn load(path: &Path, hints: &Hints) -> Result<StoredTokens, CliError> {
    settle_leftovers(path);
    if let Some(kept) = adopt_kept(path) {
        return Ok(kept);
    }
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(CliError::auth(format!("No tokens at {}.", path.display()))
                .with_remedy(hints.sign_in()));
        }
        Err(e) => {
            return Err(CliError::failure(format!(
                "Could not read the token file {}: {e}.",
                path.display()
            ))
            .with_remedy("Make it readable for this user, or pass --token-file."));
        }
    };
    warn_if_readable_by_others(path);
    serde_json::from_str(&text).map_err(|e| {
        CliError::auth(format!(
            "The token file {} is not readable as tokens ({e}).",
            path.display()
        ))
        .with_remedy(hints.sign_in())
    })
}

/// Checks that `path` can be written before anything is spent for new
/// tokens (a code, a refresh token): `spending` says what would not be
/// sent, e.g. `the refresh`.
pub fn check_writable(path: &Path, spending: &str) -> Result<(), CliError> {
    durable::check_writable(path).map_err(|e| {
        CliError::failure(format!(
            "The token file {} cannot be written ({e}), so {spending} was not sent: Pinterest would have issued new tokens with no place to keep them.",
            path.display()
        ))
        .with_remedy(format!(
            "Make {} writable for this user, or pass --token-file with a file in a writable directory; then run the command again.",
            durable::directory_of(path).display()
        ))
    })
}

/// Where new tokens ended up.
#[derive(Debug)]
pub enum Kept {
    /// In the token file.
    InPlace,
    /// Not in the token file, whose write failed: in a copy the next run
    /// moves into place. The error says so.
    Elsewhere(CliError),
    /// Nowhere: neither the token file nor a copy could be written.
    Lost(CliError),
}

/// Saves `tokens` to `path`; if that fails, keeps them where the next run
/// finds them (see [`super::rescue`]).
pub fn keep(path: &Path, tokens: &StoredTokens, hints: &Hints) -> Kept {
    let Err(error) = save(path, tokens) else {
        return Kept::InPlace;
    };
    let fix = format!(
        "make {} writable for this user (or move the tokens with --token-file)",
        durable::directory_of(path).display()
    );
    match rescue::keep(path, tokens) {
        Ok(place) => Kept::Elsewhere(
            CliError::failure(format!(
                "{} The new tokens are kept in {} (mode 0600) instead; the next run of this program finds them and uses them by itself.",
                error.message,
                place.display()
            ))
            .with_remedy(format!(
                "To store them in {} again, {fix}: the next run then moves them there.",
                path.display()
            )),
        ),
        Err(reasons) => Kept::Lost(
            CliError::failure(format!(
                "{} Nor could the new tokens be kept elsewhere ({reasons}): they are lost when this run ends.",
                error.message
            ))
            .with_remedy(format!("{} Then {}", capitalized(&fix), hints.sign_in())),
        ),
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A kept copy for `path` that is newer than the file: moved into place
/// (and `None` returned, the file now holding it), or, while the file
/// still cannot be written, returned to be used from where it is. Copies
/// the file has since superseded are removed.
fn adopt_kept(path: &Path) -> Option<StoredTokens> {
    for found in rescue::find(path) {
        let current = read_tokens(path);
        if !is_newer(&found.tokens, current.as_ref()) {
            if current
                .as_ref()
                .is_some_and(|c| c.environment == found.tokens.environment)
            {
                rescue::remove(&found);
            }
            continue;
        }
        match save(path, &found.tokens) {
            Ok(()) => {
                rescue::remove(&found);
                super::output::note(&format!(
                    "Moved the tokens kept in {} (the token file could not be written when they were issued) into {}.",
                    found.path.display(),
                    path.display()
                ));
            }
            Err(error) => {
                super::output::note(&format!(
                    "warning: using the tokens kept in {}, because they still cannot be saved: {} Make {} writable for this user (or pass --token-file); the next run then moves them there.",
                    found.path.display(),
                    error.message,
                    durable::directory_of(path).display()
                ));
                return Some(found.tokens);
            }
        }
    }
    None
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
