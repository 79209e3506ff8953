//! The app's configuration and the tokens, between WIT and the core.

use super::wit;
use crate::{AccessToken, ClientSecret, Config, Environment, RefreshToken, TokenSet, TokenStatus};

impl From<wit::Environment> for Environment {
    fn from(environment: wit::Environment) -> Self {
        match environment {
            wit::Environment::Production => Self::Production,
            wit::Environment::Sandbox => Self::Sandbox,
        }
    }
}

impl From<wit::Config> for Config {
    fn from(c: wit::Config) -> Self {
        Self {
            client_id: c.client_id,
            client_secret: ClientSecret::new(c.client_secret),
            environment: c.environment.into(),
            api_base_url: c.api_base_url,
            authorize_url: c.authorize_url,
            ad_account_id: c.ad_account_id,
        }
    }
}

impl From<wit::TokenSet> for TokenSet {
    fn from(t: wit::TokenSet) -> Self {
        Self {
            access_token: AccessToken::new(t.access_token),
            token_type: t.token_type,
            scopes: t.scopes,
            expires_at: t.expires_at,
            refresh_token: t.refresh_token.map(RefreshToken::new),
            refresh_token_expires_at: t.refresh_token_expires_at,
        }
    }
}

impl From<TokenSet> for wit::TokenSet {
    fn from(t: TokenSet) -> Self {
        Self {
            access_token: t.access_token.into_secret(),
            token_type: t.token_type,
            scopes: t.scopes,
            expires_at: t.expires_at,
            refresh_token: t.refresh_token.map(RefreshToken::into_secret),
            refresh_token_expires_at: t.refresh_token_expires_at,
        }
    }
}

impl From<TokenStatus> for wit::TokenState {
    fn from(status: TokenStatus) -> Self {
        match status {
            TokenStatus::Fresh => Self::Fresh,
            TokenStatus::RefreshDue => Self::RefreshDue,
            TokenStatus::Reauthorize => Self::Reauthorize,
        }
    }
}
