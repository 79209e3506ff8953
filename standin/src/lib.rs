//! A local Pinterest stand-in: an HTTP server on `127.0.0.1` (random port)
//! that behaves like Pinterest API v5 for the operations the connector
//! uses, strictly enough to catch real mistakes. It runs on plain threads
//! (no async runtime), so it can serve a wasmtime host in the same process.
//!
//! Production is served at the root (`/v5/…`), the sandbox under
//! `/sandbox` (`/sandbox/v5/…`), the consent page at `/oauth/`. Tokens are
//! bound to the environment whose token endpoint issued them.
//!
//! ```no_run
//! use pinterest_standin::{StandIn, StandInOptions};
//!
//! let pinterest = StandIn::start(StandInOptions::default())?;
//! println!("API: {}  sandbox: {}  consent page: {}",
//!     pinterest.base_url(), pinterest.sandbox_base_url(), pinterest.authorize_url());
//! # Ok::<(), std::io::Error>(())
//! ```

mod api;
pub mod clock;
mod grants;
mod limits;
mod oauth;
mod pin_body;
mod pins;
mod reply;
mod routes;
mod seed;
mod server;
mod state;
mod utc;

use std::io;
use std::sync::Arc;
use std::time::Duration;

pub use clock::Clock;

use state::Shared;

/// App id the stand-in knows by default.
pub const DEFAULT_CLIENT_ID: &str = "1484362";
/// App secret the stand-in knows by default.
pub const DEFAULT_CLIENT_SECRET: &str = "standin-secret-4c1e8f27b9d0a6e3";
/// Redirect URI registered by default (the CLI's `login` default).
pub const DEFAULT_REDIRECT_URI: &str = "http://localhost:8085/";
/// Boards the account has by default.
pub const DEFAULT_BOARDS: usize = 60;
/// Lifetime of an access token, in seconds (30 days, like Pinterest).
pub const ACCESS_TOKEN_SECONDS: u64 = 2_592_000;
/// Lifetime of a refresh token, in seconds (60 days, like Pinterest).
pub const REFRESH_TOKEN_SECONDS: u64 = 5_184_000;
/// Lifetime of an authorization code, in seconds.
pub const CODE_SECONDS: u64 = 600;
/// Username of the stand-in's account.
pub const USERNAME: &str = "standin_studio";
/// Pinterest's answer (code 29) when a Trial app creates a pin in production.
pub const TRIAL_MESSAGE: &str = "Apps with Trial access may not create Pins in production https://api.pinterest.com - use API Sandbox https://api-sandbox.pinterest.com instead.";

/// Which Pinterest API a request went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Environment {
    /// Served at the root: `/v5/…`.
    Production,
    /// Served under `/sandbox`: `/sandbox/v5/…`.
    Sandbox,
}

/// The kind of account `GET /v5/user_account` reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountType {
    /// `BUSINESS`.
    Business,
    /// `PINNER` (a personal account).
    Pinner,
}

/// A write budget: after `writes` pin creations within `window`, further
/// ones answer 429 until the window ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteLimit {
    /// Writes allowed per window.
    pub writes: u32,
    /// Length of the window (Pinterest's is a minute; tests use a second).
    pub window: Duration,
}

/// How the stand-in behaves.
#[derive(Debug, Clone)]
pub struct StandInOptions {
    /// The app id it accepts.
    pub client_id: String,
    /// The app secret it accepts.
    pub client_secret: String,
    /// Redirect URIs registered for the app, compared exactly.
    pub redirect_uris: Vec<String>,
    /// Trial access: production pin creation answers 403 code 29.
    pub trial: bool,
    /// Business or personal account.
    pub account_type: AccountType,
    /// Number of boards (ids are decimal; some are secret or protected).
    pub boards: usize,
    /// Optional 429 after too many writes.
    pub write_limit: Option<WriteLimit>,
    /// Where time comes from (code and token expiry, rate-limit windows,
    /// `created_at`).
    pub clock: Clock,
    /// Port on 127.0.0.1; 0 lets the system pick a free one.
    pub port: u16,
}

impl Default for StandInOptions {
    fn default() -> Self {
        Self {
            client_id: DEFAULT_CLIENT_ID.to_owned(),
            client_secret: DEFAULT_CLIENT_SECRET.to_owned(),
            redirect_uris: vec![DEFAULT_REDIRECT_URI.to_owned()],
            trial: true,
            account_type: AccountType::Business,
            boards: DEFAULT_BOARDS,
            write_limit: None,
            clock: Clock::system(),
            port: 0,
        }
    }
}

/// A pin the stand-in created.
#[derive(Debug, Clone, PartialEq)]
pub struct CreatedPin {
    /// Pin id.
    pub id: String,
    /// Where it was created.
    pub environment: Environment,
    /// Its board.
    pub board_id: String,
    /// Its board section.
    pub board_section_id: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Destination link.
    pub link: Option<String>,
    /// `image`, `multiple_images` or `video`.
    pub media_type: String,
    /// Creation time as sent (`2022-10-13T01:40:29`, no zone).
    pub created_at: String,
    /// The request body as received.
    pub request: serde_json::Value,
}

/// One request the stand-in answered (never with its headers, which may
/// hold secrets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// `GET`, `POST`, …
    pub method: String,
    /// The full path, environment prefix included, without the query.
    pub path: String,
    /// The query string, if any.
    pub query: Option<String>,
    /// The status it was answered with.
    pub status: u16,
}

/// Tokens issued directly by [`StandIn::issue_tokens`], for test setup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedTokens {
    /// Bearer token.
    pub access_token: String,
    /// Refresh token.
    pub refresh_token: String,
    /// Granted scopes.
    pub scopes: Vec<String>,
    /// Access token expiry (unix seconds).
    pub expires_at: u64,
    /// Refresh token expiry (unix seconds).
    pub refresh_token_expires_at: u64,
}

/// A running stand-in. Dropping it stops the server.
pub struct StandIn {
    shared: Arc<Shared>,
    server: server::Running,
}

impl StandIn {
    /// Starts a stand-in on `127.0.0.1` (on `options.port`, or a port the
    /// system picks).
    pub fn start(options: StandInOptions) -> io::Result<Self> {
        let port = options.port;
        let shared = Arc::new(Shared::new(options));
        let server = server::Running::start(Arc::clone(&shared), port)?;
        Ok(Self { shared, server })
    }

    /// `http://127.0.0.1:PORT`: production (`/v5/…` below it).
    pub fn base_url(&self) -> String {
        format!("http://{}", self.server.address())
    }

    /// `http://127.0.0.1:PORT/sandbox`: the sandbox API.
    pub fn sandbox_base_url(&self) -> String {
        format!("{}/sandbox", self.base_url())
    }

    /// The API base of `environment`.
    pub fn api_base_url(&self, environment: Environment) -> String {
        match environment {
            Environment::Production => self.base_url(),
            Environment::Sandbox => self.sandbox_base_url(),
        }
    }

    /// `http://127.0.0.1:PORT/oauth/`: the consent page, which approves at
    /// once and redirects with `code` and `state`.
    pub fn authorize_url(&self) -> String {
        format!("{}/oauth/", self.base_url())
    }

    /// The app id it accepts.
    pub fn client_id(&self) -> &str {
        &self.shared.settings.client_id
    }

    /// The app secret it accepts.
    pub fn client_secret(&self) -> &str {
        &self.shared.settings.client_secret
    }

    /// The clock it runs on (advance a manual one to expire codes and
    /// tokens or end a rate-limit window).
    pub fn clock(&self) -> &Clock {
        &self.shared.clock
    }

    /// Every pin created so far, oldest first.
    pub fn pins(&self) -> Vec<CreatedPin> {
        self.shared.lock().pins.clone()
    }

    /// Every request answered so far, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().requests.clone()
    }

    /// How many `method` requests reached `path` (full path, e.g.
    /// `/sandbox/v5/boards`).
    pub fn request_count(&self, method: &str, path: &str) -> usize {
        self.shared
            .lock()
            .requests
            .iter()
            .filter(|r| r.method == method && r.path == path)
            .count()
    }

    /// Issues tokens for `environment` without the consent page, as if a
    /// code had been exchanged.
    pub fn issue_tokens(&self, environment: Environment, scopes: &[&str]) -> IssuedTokens {
        let now = self.shared.clock.now_seconds();
        let scopes: Vec<String> = scopes.iter().map(|s| (*s).to_owned()).collect();
        let mut data = self.shared.lock();
        let pair = data.grants.issue_pair(environment, &scopes, now);
        IssuedTokens {
            access_token: pair.access_token,
            refresh_token: pair.refresh_token,
            scopes,
            expires_at: now + ACCESS_TOKEN_SECONDS,
            refresh_token_expires_at: now + REFRESH_TOKEN_SECONDS,
        }
    }
}
