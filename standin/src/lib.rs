//! A local Pinterest stand-in: an HTTP server on `127.0.0.1` (random port)
//! that behaves like Pinterest API v5 for the operations the connector
//! uses, strictly enough to catch real mistakes. It runs on plain threads
//! (no async runtime), so it can serve a wasmtime host in the same process.
//!
//! Production is served at the root (`/v5/…`), the sandbox under
//! `/sandbox` (`/sandbox/v5/…`), the consent page at `/oauth/`. Tokens are
//! bound to the environment whose token endpoint issued them. Media uploads
//! go to a second listener (another port, so another origin, as Pinterest's
//! S3 upload host is): [`StandIn::upload_url`].
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
mod boards;
pub mod clock;
mod fields;
mod grants;
mod limits;
mod media;
mod model;
mod multipart;
mod oauth;
mod paging;
mod pin_body;
mod pin_edits;
mod pin_json;
mod pin_lists;
mod pins;
mod reply;
mod routes;
mod sections;
mod seed;
mod server;
mod state;
mod upload;
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
/// Pins seeded on board `549755885100` by default.
pub const DEFAULT_SEED_PINS: usize = 60;
/// Sections of board `549755885100` by default.
pub const DEFAULT_SEED_SECTIONS: usize = 60;
/// Status polls that answer `processing` after an upload, by default.
pub const DEFAULT_MEDIA_PROCESSING_POLLS: u32 = 2;
/// An uploaded file that starts with these bytes ends `failed`.
pub const FAILING_VIDEO_PREFIX: &[u8] = b"STANDIN-FAIL";
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

/// A write budget: after `writes` writes (every `org_write` endpoint:
/// creating, changing, deleting and saving) within `window`, further ones
/// answer 429 until the window ends.
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
    /// How long access tokens live ([`ACCESS_TOKEN_SECONDS`] by default, as
    /// Pinterest's): shorter ones let a client meet refresh-due and expired
    /// tokens within minutes.
    pub access_token_lifetime: Duration,
    /// How long refresh tokens live ([`REFRESH_TOKEN_SECONDS`] by default).
    pub refresh_token_lifetime: Duration,
    /// Port on 127.0.0.1; 0 lets the system pick a free one.
    pub port: u16,
    /// Pins seeded on board `549755885100` (besides a few on the first
    /// secret and the first protected board).
    pub seed_pins: usize,
    /// Sections of board `549755885100` (ids: the board's id followed by
    /// `01`, `02`, …).
    pub seed_sections: usize,
    /// How many status polls of an uploaded video answer `processing`
    /// before it is `succeeded` (or `failed`).
    pub media_processing_polls: u32,
    /// Every uploaded video ends `failed` (else only files that start with
    /// [`FAILING_VIDEO_PREFIX`]).
    pub fail_media: bool,
    /// Port of the upload listener on 127.0.0.1; 0 lets the system pick.
    pub upload_port: u16,
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
            access_token_lifetime: Duration::from_secs(ACCESS_TOKEN_SECONDS),
            refresh_token_lifetime: Duration::from_secs(REFRESH_TOKEN_SECONDS),
            port: 0,
            seed_pins: DEFAULT_SEED_PINS,
            seed_sections: DEFAULT_SEED_SECTIONS,
            media_processing_polls: DEFAULT_MEDIA_PROCESSING_POLLS,
            fail_media: false,
            upload_port: 0,
        }
    }
}

/// A pin created through the API (`POST /v5/pins` or a save).
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

/// Which listener answered a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listener {
    /// The API, the token endpoint and the consent page.
    Api,
    /// The media upload URL.
    Upload,
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
    /// Business Access: the `ad_account_id` query parameter, if sent.
    pub ad_account_id: Option<String>,
    /// When it was answered (the stand-in's clock, unix milliseconds).
    pub at_millis: u64,
    /// Which listener answered it.
    pub listener: Listener,
}

/// Where a media upload is (`MediaUploadStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaStatus {
    /// Registered; no upload has arrived.
    Registered,
    /// Uploaded; being processed.
    Processing,
    /// Ready for a video pin.
    Succeeded,
    /// Processing failed.
    Failed,
}

impl MediaStatus {
    /// Pinterest's spelling: `registered`, `processing`, …
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Registered => "registered",
            Self::Processing => "processing",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
        }
    }
}

/// A registered media upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MediaRecord {
    /// `media_id`.
    pub media_id: String,
    /// Where it was registered.
    pub environment: Environment,
    /// Its status now.
    pub status: MediaStatus,
    /// The `upload_parameters` issued, in the order they were listed.
    pub upload_parameters: Vec<(String, String)>,
}

/// One request the upload listener received, accepted or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedUpload {
    /// The upload its form fields named, once they were matched.
    pub media_id: Option<String>,
    /// 204, or the status of the S3 error.
    pub status: u16,
    /// The S3 error code (`AccessDenied`, `InvalidArgument`, …), if refused.
    pub error: Option<String>,
    /// The form's field names in order, up to the file (`file`).
    pub fields: Vec<String>,
    /// The file part's `filename`.
    pub file_name: Option<String>,
    /// The file part's `Content-Type`.
    pub file_content_type: Option<String>,
    /// The file's bytes received.
    pub size: u64,
    /// Hex SHA-256 of the file, when all of it arrived.
    pub sha256: Option<String>,
    /// When it arrived (the stand-in's clock, unix milliseconds).
    pub at_millis: u64,
}

/// A pin as the stand-in holds it now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PinRecord {
    /// Pin id.
    pub id: String,
    /// Where it was created (seeded pins: production).
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
    /// Alternative text.
    pub alt_text: Option<String>,
    /// `image`, `multiple_images` or `video`.
    pub media_type: String,
    /// The upload of a video pin.
    pub media_id: Option<String>,
    /// The pin it was saved from.
    pub parent_pin_id: Option<String>,
    /// Creation time as sent (no zone).
    pub created_at: String,
}

/// How much the account holds now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counters {
    /// Boards.
    pub boards: usize,
    /// Sections on all boards.
    pub sections: usize,
    /// Live pins.
    pub pins: usize,
    /// Media uploads registered.
    pub media: usize,
    /// Requests the upload listener received.
    pub uploads: usize,
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

/// A running stand-in. Dropping it stops the servers.
pub struct StandIn {
    shared: Arc<Shared>,
    server: server::Running,
    uploads: server::Running,
}

impl StandIn {
    /// Starts a stand-in on `127.0.0.1` (on `options.port`, or a port the
    /// system picks), its upload listener on `options.upload_port`.
    pub fn start(options: StandInOptions) -> io::Result<Self> {
        let (port, upload_port) = (options.port, options.upload_port);
        let shared = Arc::new(Shared::new(options));
        let uploads =
            server::Running::start(Arc::clone(&shared), upload_port, "uploads", upload::answer)?;
        shared.lock().upload_url = format!("http://{}/", uploads.address());
        let server = server::Running::start(Arc::clone(&shared), port, "stand-in", server::answer)?;
        Ok(Self {
            shared,
            server,
            uploads,
        })
    }

    /// `http://127.0.0.1:PORT/`: where registered media are uploaded
    /// (the `upload_url` of `POST /v5/media`), on its own port.
    pub fn upload_url(&self) -> String {
        format!("http://{}/", self.uploads.address())
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

    /// Every pin created through the API so far (`POST /v5/pins` and
    /// saves; deleted ones too), oldest first. Seeded pins are not here.
    pub fn pins(&self) -> Vec<CreatedPin> {
        self.shared.lock().created.clone()
    }

    /// Every pin the account has now, seeded ones included, newest first
    /// (as `GET /v5/pins` lists them, ignoring its filters).
    pub fn live_pins(&self) -> Vec<PinRecord> {
        let data = self.shared.lock();
        let mut pins: Vec<&model::StoredPin> = data.pins.iter().collect();
        pins.sort_by_key(|p| std::cmp::Reverse((p.created_unix, p.seq)));
        pins.into_iter().map(pin_record).collect()
    }

    /// The pins on board `board_id` now, newest first (as
    /// `GET /v5/boards/{board_id}/pins` lists them).
    pub fn board_pins(&self, board_id: &str) -> Vec<PinRecord> {
        self.live_pins()
            .into_iter()
            .filter(|p| p.board_id == board_id)
            .collect()
    }

    /// Every media upload registered, oldest first.
    pub fn media(&self) -> Vec<MediaRecord> {
        self.shared
            .lock()
            .media
            .iter()
            .map(|m| MediaRecord {
                media_id: m.media_id.clone(),
                environment: m.environment,
                status: m.status,
                upload_parameters: m.parameters.clone(),
            })
            .collect()
    }

    /// Every request the upload listener received, oldest first.
    pub fn uploads(&self) -> Vec<ReceivedUpload> {
        self.shared.lock().uploads.clone()
    }

    /// How many boards, sections, pins, media and uploads there are now.
    pub fn counters(&self) -> Counters {
        let data = self.shared.lock();
        Counters {
            boards: data.boards.len(),
            sections: data.boards.iter().map(|b| b.sections.len()).sum(),
            pins: data.pins.len(),
            media: data.media.len(),
            uploads: data.uploads.len(),
        }
    }

    /// Every request answered so far, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().requests.clone()
    }

    /// How many `method` requests reached `path` (full path, e.g.
    /// `/sandbox/v5/boards`) of the API listener.
    pub fn request_count(&self, method: &str, path: &str) -> usize {
        self.shared
            .lock()
            .requests
            .iter()
            .filter(|r| r.listener == Listener::Api && r.method == method && r.path == path)
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
            expires_at: pair.expires_at,
            refresh_token_expires_at: pair.refresh_token_expires_at,
        }
    }
}

/// A stored pin as the public record.
fn pin_record(pin: &model::StoredPin) -> PinRecord {
    PinRecord {
        id: pin.id.clone(),
        environment: pin.environment,
        board_id: pin.board_id.clone(),
        board_section_id: pin.board_section_id.clone(),
        title: pin.title.clone(),
        description: pin.description.clone(),
        link: pin.link.clone(),
        alt_text: pin.alt_text.clone(),
        media_type: pin.media.media_type().to_owned(),
        media_id: match &pin.media {
            model::PinMedia::Video { media_id } => Some(media_id.clone()),
            _ => None,
        },
        parent_pin_id: pin.parent_pin_id.clone(),
        created_at: pin.created_at.clone(),
    }
}
