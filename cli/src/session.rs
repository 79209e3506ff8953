//! A signed-in session for API commands: the stored tokens, checked
//! against the environment, refreshed first when `token-status` says so,
//! and the rotated tokens written back at once.
//!
//! Pinterest rotates the refresh token: once its answer to a refresh has
//! arrived, the old refresh token is dead and the new one exists only in
//! that answer. The window between the two is kept as small as it can be:
//! nothing else happens between the answer and the write (no output, no
//! other call); Ctrl-C, `SIGTERM` and `SIGHUP` are held off from the
//! request until the file is renamed ([`super::signals`]); the new
//! tokens reach the disk in a flushed temporary file before the rename, and
//! the next run completes a rename a crash interrupted
//! ([`super::tokens`]). Only a hard kill or power cut between the
//! answer's arrival and that flush can still lose the rotation; the access
//! token then keeps working until it expires, and the command says to sign
//! in again.

use std::path::PathBuf;

use pinterest_connector_host::types;

use super::context::Context;
use super::errors::{self, LOGIN_HINT};
use super::exit::CliError;
use super::mask::mask;
use super::output;
use super::pause;
use super::signals;
use super::token_view::{expiry, now};
use super::tokens::{self, StoredTokens};

/// The tokens of the current environment, ready for API calls.
pub struct Session<'a> {
    /// The command's context.
    pub context: &'a Context,
    /// The stored tokens (after any refresh).
    pub tokens: StoredTokens,
    /// Where they are stored.
    pub path: PathBuf,
}

impl<'a> Session<'a> {
    /// Loads the token file and refreshes the tokens if they are due.
    pub fn open(context: &'a Context) -> Result<Self, CliError> {
        let mut session = Self::load(context)?;
        let host = context.host()?;
        let state = host
            .token_status(&session.tokens.to_set())
            .map_err(|e| errors::from_host(&e))?;
        match state {
            types::TokenState::Fresh => {}
            types::TokenState::RefreshDue => match session.refresh(None) {
                Ok((old, new)) => {
                    if !context.json() {
                        output::note(&format!(
                            "Refreshed the access token ({old} → {new}), which was due; saved to {}.",
                            session.path.display()
                        ));
                    }
                }
                // Due is not dead: an access token that still works carries
                // this command, with a warning to act before it expires.
                Err(error) if u64::from(session.tokens.expires_at) > now() => {
                    output::note(&format!(
                        "warning: the tokens were due for refresh, which failed: {}\n  The access token still works until {}; {}",
                        error.message,
                        expiry(u64::from(session.tokens.expires_at), now()),
                        error.remedy.as_deref().unwrap_or(LOGIN_HINT)
                    ));
                }
                Err(error) => return Err(error),
            },
            types::TokenState::Reauthorize => {
                return Err(CliError::auth(format!(
                    "The tokens in {} have expired.",
                    session.path.display()
                ))
                .with_remedy(LOGIN_HINT));
            }
        }
        Ok(session)
    }

    /// Loads the token file without judging the tokens.
    pub fn load(context: &'a Context) -> Result<Self, CliError> {
        let path = context.token_path();
        let tokens = tokens::load(&path)?;
        let expected = context.app.environment_name();
        if tokens.environment != expected {
            let flag = if tokens.environment == "sandbox" {
                "Add --sandbox"
            } else {
                "Drop --sandbox"
            };
            return Err(CliError::auth(format!(
                "The tokens in {} were issued for {}, not {expected}: tokens work only in the environment that issued them.",
                path.display(),
                tokens.environment
            ))
            .with_remedy(format!(
                "{flag} to use them, or sign in for {expected} with `pinterest-connector login` and another --token-file."
            )));
        }
        Ok(Self {
            context,
            tokens,
            path,
        })
    }

    /// The access token for API calls.
    pub fn access_token(&self) -> &str {
        &self.tokens.access_token
    }

    /// The component's config for API calls.
    pub fn config(&self) -> types::Config {
        let mut config = self.context.app.for_api();
        if config.client_id.is_empty() {
            config.client_id = self.tokens.client_id.clone().unwrap_or_default();
        }
        config
    }

    /// Refreshes now (optionally narrowing `scopes`), saves the rotated
    /// tokens, and returns the old and new access tokens, masked.
    pub fn refresh(&mut self, scopes: Option<&[String]>) -> Result<(String, String), CliError> {
        let Some(refresh_token) = self.tokens.refresh_token.clone() else {
            return Err(CliError::auth(format!(
                "The tokens in {} have no refresh token.",
                self.path.display()
            ))
            .with_remedy(LOGIN_HINT));
        };
        let config = self.context.app.with_credentials(true)?;
        let host = self.context.host()?;
        // From the request until the new tokens are saved.
        let deferred = signals::defer();
        let set = host
            .refresh(&config, &refresh_token, scopes)
            .map_err(|e| errors::from_host(&e))?
            .map_err(|e| errors::from_component(&e))?;
        pause::at(pause::REFRESH_RESPONSE);
        let client_id = config.client_id.clone();
        let mut fresh = StoredTokens::from_set(set, self.context.app.environment, Some(client_id));
        if fresh.refresh_token == self.tokens.refresh_token
            && fresh.refresh_token_expires_at.is_none()
        {
            // Not rotated: the old refresh token and its expiry stand.
            fresh.refresh_token_expires_at = self.tokens.refresh_token_expires_at;
        }
        tokens::save(&self.path, &fresh)?;
        drop(deferred);
        let old = mask(&self.tokens.access_token);
        self.tokens = fresh;
        Ok((old, mask(&self.tokens.access_token)))
    }
}
