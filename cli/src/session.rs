//! A signed-in session for API commands: the stored tokens, checked
//! against the environment, refreshed first when `token-status` says so,
//! and the rotated tokens written back at once.
//!
//! Pinterest rotates the refresh token: once its answer to a refresh has
//! arrived, the old refresh token is dead and the new one exists only in
//! that answer. So nothing is spent that could not be kept: the token file
//! is checked to be writable before the request, and new tokens it still
//! cannot take are kept elsewhere for the next run ([`super::tokens::keep`]).
//! The window between the answer and the write is kept as small as it can
//! be: nothing else happens between them (no output, no other call);
//! Ctrl-C, `SIGTERM` and `SIGHUP` are held off from the request until the
//! tokens are saved ([`super::signals`]); the new tokens reach the disk in a
//! flushed temporary file before the rename, and the next run completes a
//! rename a crash interrupted. Only a hard kill or power cut between the
//! answer's arrival and that flush can still lose the rotation; the access
//! token then keeps working until it expires, and the command says to sign
//! in again.

use std::path::PathBuf;

use pinterest_connector_host::types;

use super::context::Context;
use super::errors::{self, Action, Doing};
use super::exit::CliError;
use super::mask::mask;
use super::output;
use super::pause;
use super::signals;
use super::token_view::{expiry, now};
use super::tokens::{self, Kept, StoredTokens};

/// The tokens of the current environment, ready for API calls.
pub struct Session<'a> {
    /// The command's context.
    pub context: &'a Context,
    /// The stored tokens (after any refresh).
    pub tokens: StoredTokens,
    /// Where they are stored.
    pub path: PathBuf,
}

/// What a refresh did.
pub struct Refreshed {
    /// The old access token, masked.
    pub old: String,
    /// The new access token, masked.
    pub new: String,
    /// Set when the new tokens could not be written to the token file: where
    /// they are instead, or that they are lost after this run.
    pub not_saved: Option<CliError>,
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
                Ok(refreshed) => match refreshed.not_saved {
                    None if !context.json() => output::note(&format!(
                        "Refreshed the access token ({} → {}), which was due; saved to {}.",
                        refreshed.old,
                        refreshed.new,
                        session.path.display()
                    )),
                    None => {}
                    // The new access token carries this command.
                    Some(error) => output::note(&format!(
                        "warning: refreshed the access token, which was due, but: {error}"
                    )),
                },
                // Due is not dead: an access token that still works carries
                // this command, with a warning to act before it expires.
                Err(error) if u64::from(session.tokens.expires_at) > now() => {
                    output::note(&format!(
                        "warning: the tokens were due for refresh, which failed: {}\n  The access token still works until {}. {}",
                        error.message,
                        expiry(u64::from(session.tokens.expires_at), now()),
                        error
                            .remedy
                            .clone()
                            .unwrap_or_else(|| context.hints.sign_in())
                    ));
                }
                Err(error) => return Err(error),
            },
            types::TokenState::Reauthorize => {
                return Err(CliError::auth(format!(
                    "The tokens in {} have expired.",
                    session.path.display()
                ))
                .with_remedy(context.hints.sign_in()));
            }
        }
        Ok(session)
    }

    /// Loads the token file without judging the tokens.
    pub fn load(context: &'a Context) -> Result<Self, CliError> {
        let path = context.token_path();
        let tokens = tokens::load(&path, &context.hints)?;
        let expected = context.app.environment_name();
        if tokens.environment != expected {
            let issued_in = if tokens.environment == "sandbox" {
                types::Environment::Sandbox
            } else {
                types::Environment::Production
            };
            return Err(CliError::auth(format!(
                "The tokens in {} were issued for {}, not {expected}: tokens work only in the environment that issued them.",
                path.display(),
                tokens.environment
            ))
            .with_remedy(format!(
                "{} to use them; or, to sign in for {expected} too, keep its tokens in another file: {} with another --token-file.",
                if issued_in == types::Environment::Sandbox {
                    "Add --sandbox"
                } else {
                    "Add --environment production"
                },
                context.hints.login("")
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

    /// What the program is doing with these tokens, for error advice.
    pub fn doing(&self, action: Action<'a>) -> Doing<'_> {
        Doing::new(action).with_scopes(&self.tokens.scopes)
    }

    /// The component's error while doing `action`, in this program's words.
    pub fn explain(&self, action: Action<'_>, error: &types::Error) -> CliError {
        errors::explain(
            self.context,
            &Doing::new(action).with_scopes(&self.tokens.scopes),
            error,
        )
    }

    /// Refreshes now (optionally narrowing `scopes`) and saves the rotated
    /// tokens. Nothing is sent unless the token file can be written.
    pub fn refresh(&mut self, scopes: Option<&[String]>) -> Result<Refreshed, CliError> {
        let hints = &self.context.hints;
        let Some(refresh_token) = self.tokens.refresh_token.clone() else {
            return Err(CliError::auth(format!(
                "The tokens in {} have no refresh token.",
                self.path.display()
            ))
            .with_remedy(hints.sign_in()));
        };
        let config = self.context.app.with_credentials(true)?;
        tokens::check_writable(&self.path, "the refresh")?;
        let host = self.context.host()?;
        // From the request until the new tokens are saved.
        let deferred = signals::defer();
        let set = host
            .refresh(&config, &refresh_token, scopes)
            .map_err(|e| errors::from_host(&e))?
            .map_err(|e| self.explain(Action::Refresh, &e))?;
        pause::at(pause::REFRESH_RESPONSE);
        let client_id = config.client_id.clone();
        let mut fresh = StoredTokens::from_set(set, self.context.app.environment, Some(client_id));
        if fresh.refresh_token == self.tokens.refresh_token
            && fresh.refresh_token_expires_at.is_none()
        {
            // Not rotated: the old refresh token and its expiry stand.
            fresh.refresh_token_expires_at = self.tokens.refresh_token_expires_at;
        }
        let kept = tokens::keep(&self.path, &fresh, hints);
        drop(deferred);
        let old = mask(&self.tokens.access_token);
        self.tokens = fresh;
        Ok(Refreshed {
            old,
            new: mask(&self.tokens.access_token),
            not_saved: match kept {
                Kept::InPlace => None,
                Kept::Elsewhere(error) | Kept::Lost(error) => Some(error),
            },
        })
    }
}
