//! The thin edge: the WIT bindings, each export calling the core, and the
//! host's `http` import as the core's HTTP client. WIT and core types are
//! converted by the `From` impls of the modules below; the wall clock and
//! the random source are WASI's.

mod account;
mod boards;
mod duplicates;
mod error;
mod host_http;
mod media;
mod oauth;
mod pins;
mod poll;
mod raw;
mod sections;

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use base64::Engine as _;

use crate::{
    AccessToken, AuthorizationCode, BOUNDARY_RANDOM_BYTES, Boundary, Clock, Config, Connector,
    Error, QueryParam, RefreshToken, authorization_url, token_status,
};
use host_http::HostHttp;

wit_bindgen::generate!({
    path: "wit",
    world: "pinterest-connector",
    generate_all,
});

use exports::pinterest::connector::connector::Guest;
use pinterest::connector::types as wit;

/// Bytes of randomness in a generated `state`.
const STATE_BYTES: u64 = 16;

struct Component;

export!(Component);

impl Guest for Component {
    fn authorize(
        config: wit::Config,
        redirect_uri: String,
        scopes: Vec<String>,
        state: Option<String>,
    ) -> Result<wit::Authorization, wit::Error> {
        let config = Config::from(config);
        let state = state.unwrap_or_else(random_state);
        let url = authorization_url(&config, &redirect_uri, &scopes, &state)
            .map_err(|e| e.redacted(&[config.client_secret.secret()]))?;
        Ok(wit::Authorization {
            url: url.into(),
            state,
        })
    }

    fn exchange(
        config: wit::Config,
        code: String,
        redirect_uri: String,
    ) -> Result<wit::TokenSet, wit::Error> {
        let config = config.into();
        let code = AuthorizationCode::new(code);
        reply(connector(&config).exchange(&code, &redirect_uri))
    }

    fn refresh(
        config: wit::Config,
        refresh_token: String,
        scopes: Option<Vec<String>>,
    ) -> Result<wit::TokenSet, wit::Error> {
        let config = config.into();
        let token = RefreshToken::new(refresh_token);
        reply(connector(&config).refresh(&token, scopes.as_deref()))
    }

    fn token_status(tokens: wit::TokenSet) -> wit::TokenState {
        token_status(&tokens.into(), now()).into()
    }

    fn get_user_account(
        config: wit::Config,
        access_token: String,
    ) -> Result<wit::UserAccount, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        reply(connector(&config).user_account(&token))
    }

    fn list_boards(
        config: wit::Config,
        access_token: String,
        query: wit::ListBoardsQuery,
    ) -> Result<wit::BoardPage, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        reply(connector(&config).list_boards(&token, &query.into()))
    }

    fn list_all_boards(
        config: wit::Config,
        access_token: String,
        privacy: Option<wit::BoardPrivacyFilter>,
        max_boards: Option<u32>,
    ) -> Result<wit::BoardPage, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        let privacy = privacy.map(Into::into);
        reply(connector(&config).list_all_boards(&token, privacy, max_boards))
    }

    fn get_board(
        config: wit::Config,
        access_token: String,
        board_id: String,
    ) -> Result<wit::Board, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        reply(connector(&config).get_board(&token, &board_id))
    }

    fn create_pin(
        config: wit::Config,
        access_token: String,
        pin: wit::PinInput,
    ) -> Result<wit::Pin, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        reply(connector(&config).create_pin(&token, &pin.into()))
    }

    fn create_board(
        config: wit::Config,
        access_token: String,
        board: wit::BoardInput,
    ) -> Result<wit::Board, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        reply(connector(&config).create_board(&token, &board.into()))
    }

    fn update_board(
        config: wit::Config,
        access_token: String,
        board_id: String,
        changes: wit::BoardChanges,
    ) -> Result<wit::Board, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        reply(connector(&config).update_board(&token, &board_id, &changes.into()))
    }

    fn delete_board(
        config: wit::Config,
        access_token: String,
        board_id: String,
    ) -> Result<(), wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        reply(connector(&config).delete_board(&token, &board_id))
    }

    fn list_sections(
        config: wit::Config,
        access_token: String,
        board_id: String,
        query: wit::PageQuery,
    ) -> Result<wit::SectionPage, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        reply(connector(&config).list_sections(&token, &board_id, &query.into()))
    }

    fn list_all_sections(
        config: wit::Config,
        access_token: String,
        board_id: String,
        max_items: Option<u32>,
    ) -> Result<wit::SectionPage, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        reply(connector(&config).list_all_sections(&token, &board_id, max_items))
    }

    fn create_section(
        config: wit::Config,
        access_token: String,
        board_id: String,
        name: String,
    ) -> Result<wit::Section, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        reply(connector(&config).create_section(&token, &board_id, &name))
    }

    fn update_section(
        config: wit::Config,
        access_token: String,
        section: wit::SectionRef,
        name: String,
    ) -> Result<wit::Section, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        reply(connector(&config).update_section(&token, &section.into(), &name))
    }

    fn delete_section(
        config: wit::Config,
        access_token: String,
        section: wit::SectionRef,
    ) -> Result<(), wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        reply(connector(&config).delete_section(&token, &section.into()))
    }

    fn get_pin(
        config: wit::Config,
        access_token: String,
        pin_id: String,
    ) -> Result<wit::Pin, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        reply(connector(&config).get_pin(&token, &pin_id))
    }

    fn list_pins(
        config: wit::Config,
        access_token: String,
        source: wit::PinSource,
        query: wit::PageQuery,
    ) -> Result<wit::PinPage, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        reply(connector(&config).list_pins(&token, &source.into(), &query.into()))
    }

    fn list_all_pins(
        config: wit::Config,
        access_token: String,
        source: wit::PinSource,
        max_items: Option<u32>,
    ) -> Result<wit::PinPage, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        reply(connector(&config).list_all_pins(&token, &source.into(), max_items))
    }

    fn update_pin(
        config: wit::Config,
        access_token: String,
        pin_id: String,
        changes: wit::PinChanges,
    ) -> Result<wit::Pin, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        reply(connector(&config).update_pin(&token, &pin_id, &changes.into()))
    }

    fn delete_pin(
        config: wit::Config,
        access_token: String,
        pin_id: String,
    ) -> Result<(), wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        reply(connector(&config).delete_pin(&token, &pin_id))
    }

    fn save_pin(
        config: wit::Config,
        access_token: String,
        pin_id: String,
        board_id: String,
        board_section_id: Option<String>,
    ) -> Result<wit::Pin, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        let section = board_section_id.as_deref();
        reply(connector(&config).save_pin(&token, &pin_id, &board_id, section))
    }

    fn find_duplicate_pins(
        config: wit::Config,
        access_token: String,
        source: wit::PinSource,
        candidate: wit::DuplicateCandidate,
        max_scanned: Option<u32>,
    ) -> Result<wit::DuplicateReport, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        let (source, candidate) = (source.into(), candidate.into());
        reply(connector(&config).find_duplicate_pins(&token, &source, &candidate, max_scanned))
    }

    fn poll_new_pins(
        config: wit::Config,
        access_token: String,
        source: wit::PinSource,
        cursor: Option<String>,
        backlog: Option<u32>,
    ) -> Result<wit::NewPins, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        let source = source.into();
        reply(connector(&config).poll_new_pins(&token, &source, cursor.as_deref(), backlog))
    }

    fn api_request(
        config: wit::Config,
        access_token: String,
        method: wit::ApiMethod,
        path: String,
        query: Vec<wit::QueryParam>,
        json_body: Option<String>,
    ) -> Result<wit::ApiResponse, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        let query: Vec<QueryParam> = query.into_iter().map(Into::into).collect();
        reply(connector(&config).api_request(&token, method.into(), &path, &query, json_body))
    }

    fn upload_video(
        config: wit::Config,
        access_token: String,
        video: wit::VideoUpload,
    ) -> Result<wit::Media, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        let boundary = random_boundary();
        reply(connector(&config).upload_video(&token, &video.into(), &boundary))
    }

    fn get_media(
        config: wit::Config,
        access_token: String,
        media_id: String,
    ) -> Result<wit::Media, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        reply(connector(&config).get_media(&token, &media_id))
    }

    fn list_media(
        config: wit::Config,
        access_token: String,
        query: wit::PageQuery,
    ) -> Result<wit::MediaPage, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        reply(connector(&config).list_media(&token, &query.into()))
    }

    fn wait_for_media(
        config: wit::Config,
        access_token: String,
        media_id: String,
        max_seconds: Option<u32>,
    ) -> Result<wit::Media, wit::Error> {
        let config = config.into();
        let token = AccessToken::new(access_token);
        reply(connector(&config).wait_for_media(&token, &media_id, max_seconds, &mut WasiClock))
    }

    fn describe() -> String {
        manifest()
    }
}

/// WASI's monotonic clock (`Instant`), and sleeping on it (a
/// `subscribe-duration` pollable, which `std::thread::sleep` blocks on).
struct WasiClock;

impl Clock for WasiClock {
    fn now(&mut self) -> Duration {
        static START: std::sync::OnceLock<Instant> = std::sync::OnceLock::new();
        START.get_or_init(Instant::now).elapsed()
    }

    fn sleep(&mut self, duration: Duration) {
        std::thread::sleep(duration);
    }
}

/// A multipart boundary from WASI's secure random source.
fn random_boundary() -> Boundary {
    let bytes = wasi::random::random::get_random_bytes(BOUNDARY_RANDOM_BYTES as u64);
    let mut random = [0u8; BOUNDARY_RANDOM_BYTES];
    for (slot, byte) in random.iter_mut().zip(bytes) {
        *slot = byte;
    }
    Boundary::new(random)
}

/// The manifest, `src/manifest.json` as compact JSON (packed by
/// `build.rs`).
fn manifest() -> String {
    let packed = include_bytes!(concat!(env!("OUT_DIR"), "/manifest.json.lz4"));
    lz4_flex::block::decompress_size_prepended(packed)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_default()
}

/// A core result in WIT types.
fn reply<T, W: From<T>>(result: Result<T, Error>) -> Result<W, wit::Error> {
    result.map(W::from).map_err(wit::Error::from)
}

/// The core's operations, sending through the host's `http` import.
fn connector(config: &Config) -> Connector<'_, HostHttp> {
    Connector {
        config,
        client: HostHttp,
        now: now(),
    }
}

/// Unix seconds from WASI's wall clock.
fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// A `state` of 128 random bits from WASI's secure random source.
fn random_state() -> String {
    let bytes = wasi::random::random::get_random_bytes(STATE_BYTES);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}
