//! The thin edge: the WIT bindings, and conversions between the WIT types and
//! the core. Requests go out through the host's `http.send`; the wall clock
//! and the random source are WASI's.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;

use crate::secret::{AccessToken, AuthorizationCode, ClientSecret, RefreshToken};
use crate::{account, boards, config, error, http, manifest, oauth, pins, validate};

wit_bindgen::generate!({
    path: "wit",
    world: "pinterest-connector",
    generate_all,
});

use exports::pinterest::connector::connector::Guest;
use pinterest::connector::http as wit_http;
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
        let config = config_from(config);
        let state = state.unwrap_or_else(random_state);
        let url = oauth::authorization_url(&config, &redirect_uri, &scopes, &state)
            .map_err(|e| error_to(e.redacted(&[config.client_secret.secret()])))?;
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
        let config = config_from(config);
        connector(&config)
            .exchange(&AuthorizationCode::new(code), &redirect_uri)
            .map(tokens_to)
            .map_err(error_to)
    }

    fn refresh(
        config: wit::Config,
        refresh_token: String,
        scopes: Option<Vec<String>>,
    ) -> Result<wit::TokenSet, wit::Error> {
        let config = config_from(config);
        connector(&config)
            .refresh(&RefreshToken::new(refresh_token), scopes.as_deref())
            .map(tokens_to)
            .map_err(error_to)
    }

    fn token_status(tokens: wit::TokenSet) -> wit::TokenState {
        match oauth::token_status(&tokens_from(tokens), now()) {
            oauth::TokenStatus::Fresh => wit::TokenState::Fresh,
            oauth::TokenStatus::RefreshDue => wit::TokenState::RefreshDue,
            oauth::TokenStatus::Reauthorize => wit::TokenState::Reauthorize,
        }
    }

    fn get_user_account(
        config: wit::Config,
        access_token: String,
    ) -> Result<wit::UserAccount, wit::Error> {
        let config = config_from(config);
        connector(&config)
            .user_account(&AccessToken::new(access_token))
            .map(account_to)
            .map_err(error_to)
    }

    fn list_boards(
        config: wit::Config,
        access_token: String,
        query: wit::ListBoardsQuery,
    ) -> Result<wit::BoardPage, wit::Error> {
        let config = config_from(config);
        let query = boards::ListQuery {
            bookmark: query.bookmark,
            page_size: query.page_size,
            privacy: query.privacy.map(privacy_filter_from),
        };
        connector(&config)
            .list_boards(&AccessToken::new(access_token), &query)
            .map(page_to)
            .map_err(error_to)
    }

    fn list_all_boards(
        config: wit::Config,
        access_token: String,
        privacy: Option<wit::BoardPrivacyFilter>,
        max_boards: Option<u32>,
    ) -> Result<wit::BoardPage, wit::Error> {
        let config = config_from(config);
        connector(&config)
            .list_all_boards(
                &AccessToken::new(access_token),
                privacy.map(privacy_filter_from),
                max_boards,
            )
            .map(page_to)
            .map_err(error_to)
    }

    fn get_board(
        config: wit::Config,
        access_token: String,
        board_id: String,
    ) -> Result<wit::Board, wit::Error> {
        let config = config_from(config);
        connector(&config)
            .get_board(&AccessToken::new(access_token), &board_id)
            .map(board_to)
            .map_err(error_to)
    }

    fn create_pin(
        config: wit::Config,
        access_token: String,
        pin: wit::PinInput,
    ) -> Result<wit::Pin, wit::Error> {
        let config = config_from(config);
        connector(&config)
            .create_pin(&AccessToken::new(access_token), &pin_input_from(pin))
            .map(pin_to)
            .map_err(error_to)
    }

    fn describe() -> String {
        manifest::manifest_json()
    }
}

/// The host's `http.send` as the core's client.
struct HostHttp;

impl http::HttpClient for HostHttp {
    fn content_length(&mut self, name: &str) -> Result<u64, http::TransportError> {
        wit_http::content_length(name).map_err(transport_error_from)
    }

    fn send(&mut self, request: http::Request) -> Result<http::Response, http::TransportError> {
        let request = wit_http::Request {
            method: match request.method {
                http::Method::Get => wit_http::Method::Get,
                http::Method::Post => wit_http::Method::Post,
                http::Method::Put => wit_http::Method::Put,
                http::Method::Patch => wit_http::Method::Patch,
                http::Method::Delete => wit_http::Method::Delete,
            },
            url: request.url,
            headers: request
                .headers
                .into_iter()
                .map(|(name, value)| wit_http::Header { name, value })
                .collect(),
            body: request
                .body
                .into_iter()
                .map(|part| match part {
                    http::BodyPart::Bytes(bytes) => wit_http::BodyPart::Bytes(bytes),
                    http::BodyPart::HostContent(name) => wit_http::BodyPart::HostContent(name),
                })
                .collect(),
            timeout_ms: request.timeout_ms,
        };
        match wit_http::send(&request) {
            Ok(response) => Ok(http::Response {
                status: response.status,
                headers: response
                    .headers
                    .into_iter()
                    .map(|h| (h.name, h.value))
                    .collect(),
                body: response.body,
            }),
            Err(error) => Err(transport_error_from(error)),
        }
    }
}

fn transport_error_from(error: wit_http::HttpError) -> http::TransportError {
    match error {
        wit_http::HttpError::Denied(why) => http::TransportError::Denied(why),
        wit_http::HttpError::Timeout => http::TransportError::Timeout,
        wit_http::HttpError::Transport(why) => http::TransportError::Connection(why),
    }
}

fn connector(config: &config::Config) -> crate::connector::Connector<'_, HostHttp> {
    crate::connector::Connector {
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

fn config_from(c: wit::Config) -> config::Config {
    config::Config {
        client_id: c.client_id,
        client_secret: ClientSecret::new(c.client_secret),
        environment: match c.environment {
            wit::Environment::Production => config::Environment::Production,
            wit::Environment::Sandbox => config::Environment::Sandbox,
        },
        api_base_url: c.api_base_url,
        authorize_url: c.authorize_url,
    }
}

fn tokens_from(t: wit::TokenSet) -> oauth::TokenSet {
    oauth::TokenSet {
        access_token: AccessToken::new(t.access_token),
        token_type: t.token_type,
        scopes: t.scopes,
        expires_at: t.expires_at,
        refresh_token: t.refresh_token.map(RefreshToken::new),
        refresh_token_expires_at: t.refresh_token_expires_at,
    }
}

fn tokens_to(t: oauth::TokenSet) -> wit::TokenSet {
    wit::TokenSet {
        access_token: t.access_token.into_secret(),
        token_type: t.token_type,
        scopes: t.scopes,
        expires_at: t.expires_at,
        refresh_token: t.refresh_token.map(RefreshToken::into_secret),
        refresh_token_expires_at: t.refresh_token_expires_at,
    }
}

fn account_to(a: account::UserAccount) -> wit::UserAccount {
    wit::UserAccount {
        id: a.id,
        username: a.username,
        account_type: a.account_type.map(|t| match t {
            account::AccountType::Business => wit::AccountType::Business,
            account::AccountType::Pinner => wit::AccountType::Pinner,
        }),
        business_name: a.business_name,
        profile_image: a.profile_image,
        website_url: a.website_url,
        board_count: a.board_count,
        pin_count: a.pin_count,
        follower_count: a.follower_count,
        following_count: a.following_count,
        monthly_views: a.monthly_views,
    }
}

fn privacy_filter_from(p: wit::BoardPrivacyFilter) -> boards::PrivacyFilter {
    match p {
        wit::BoardPrivacyFilter::All => boards::PrivacyFilter::All,
        wit::BoardPrivacyFilter::Public => boards::PrivacyFilter::Public,
        wit::BoardPrivacyFilter::Protected => boards::PrivacyFilter::Protected,
        wit::BoardPrivacyFilter::Secret => boards::PrivacyFilter::Secret,
        wit::BoardPrivacyFilter::PublicAndSecret => boards::PrivacyFilter::PublicAndSecret,
    }
}

fn board_to(b: boards::Board) -> wit::Board {
    wit::Board {
        id: b.id,
        name: b.name,
        description: b.description,
        privacy: match b.privacy {
            boards::BoardPrivacy::Public => wit::BoardPrivacy::Public,
            boards::BoardPrivacy::Protected => wit::BoardPrivacy::Protected,
            boards::BoardPrivacy::Secret => wit::BoardPrivacy::Secret,
        },
        owner_username: b.owner_username,
        pin_count: b.pin_count,
        follower_count: b.follower_count,
        collaborator_count: b.collaborator_count,
        is_ads_only: b.is_ads_only,
        created_at: b.created_at,
        cover_image_url: b.cover_image_url,
    }
}

fn page_to(p: boards::BoardPage) -> wit::BoardPage {
    wit::BoardPage {
        items: p.items.into_iter().map(board_to).collect(),
        bookmark: p.bookmark,
    }
}

fn image_from(i: wit::ImageData) -> pins::ImageData {
    pins::ImageData {
        format: match i.content_type {
            wit::ImageContentType::Jpeg => validate::ImageFormat::Jpeg,
            wit::ImageContentType::Png => validate::ImageFormat::Png,
        },
        data: i.data,
    }
}

fn media_from(m: wit::MediaSource) -> pins::MediaSource {
    match m {
        wit::MediaSource::ImageUrl(url) => pins::MediaSource::ImageUrl(url),
        wit::MediaSource::ImageData(image) => pins::MediaSource::ImageData(image_from(image)),
        wit::MediaSource::ImageUrls(set) => pins::MediaSource::ImageUrls {
            items: set
                .items
                .into_iter()
                .map(|i| pins::ImageUrlItem {
                    url: i.url,
                    title: i.title,
                    description: i.description,
                    link: i.link,
                })
                .collect(),
            index: set.index,
        },
        wit::MediaSource::ImagesData(set) => pins::MediaSource::ImagesData {
            items: set
                .items
                .into_iter()
                .map(|i| pins::ImageDataItem {
                    image: image_from(i.image),
                    title: i.title,
                    description: i.description,
                    link: i.link,
                })
                .collect(),
            index: set.index,
        },
        wit::MediaSource::Video(video) => pins::MediaSource::Video {
            media_id: video.media_id,
            cover: match video.cover {
                wit::VideoCover::Url(url) => pins::VideoCover::Url(url),
                wit::VideoCover::Image(image) => pins::VideoCover::Image(image_from(image)),
                wit::VideoCover::KeyFrameSeconds(s) => pins::VideoCover::KeyFrameSeconds(s),
            },
        },
    }
}

fn pin_input_from(p: wit::PinInput) -> pins::PinInput {
    pins::PinInput {
        board_id: p.board_id,
        board_section_id: p.board_section_id,
        media: media_from(p.media),
        title: p.title,
        description: p.description,
        link: p.link,
        alt_text: p.alt_text,
        dominant_color: p.dominant_color,
        parent_pin_id: p.parent_pin_id,
    }
}

fn pin_to(p: pins::Pin) -> wit::Pin {
    wit::Pin {
        id: p.id,
        url: p.url,
        board_id: p.board_id,
        board_section_id: p.board_section_id,
        board_owner_username: p.board_owner_username,
        title: p.title,
        description: p.description,
        link: p.link,
        alt_text: p.alt_text,
        dominant_color: p.dominant_color,
        parent_pin_id: p.parent_pin_id,
        created_at: p.created_at,
        media_type: p.media_type,
        image_url: p.image_url,
    }
}

fn failure_to(f: error::Failure) -> wit::Failure {
    wit::Failure {
        summary: f.summary,
        remedy: f.remedy,
        status: f.status,
        code: f.code,
        message: f.message,
        retryable: f.retryable,
    }
}

fn error_to(e: error::Error) -> wit::Error {
    use error::Error as E;
    match e {
        E::InvalidInput { field, reason } => {
            wit::Error::InvalidInput(wit::InvalidInput { field, reason })
        }
        E::Unauthorized(f) => wit::Error::Unauthorized(failure_to(f)),
        E::MissingScope { failure, required } => wit::Error::MissingScope(wit::MissingScope {
            failure: failure_to(failure),
            required,
        }),
        E::TrialAccess(f) => wit::Error::TrialAccess(failure_to(f)),
        E::Forbidden(f) => wit::Error::Forbidden(failure_to(f)),
        E::NotFound(f) => wit::Error::NotFound(failure_to(f)),
        E::BadRequest(f) => wit::Error::BadRequest(failure_to(f)),
        E::RateLimited(r) => wit::Error::RateLimited(wit::RateLimit {
            failure: failure_to(r.failure),
            limit: r.limit,
            remaining: r.remaining,
            reset_seconds: r.reset_seconds,
            retry_after_seconds: r.retry_after_seconds,
        }),
        E::GrantRejected { failure, problem } => wit::Error::GrantRejected(wit::GrantRejected {
            failure: failure_to(failure),
            problem: match problem {
                error::GrantProblem::InvalidClient => wit::GrantProblem::InvalidClient,
                error::GrantProblem::InvalidCode => wit::GrantProblem::InvalidCode,
                error::GrantProblem::RedirectUriMismatch => wit::GrantProblem::RedirectUriMismatch,
                error::GrantProblem::InvalidRefreshToken => wit::GrantProblem::InvalidRefreshToken,
                error::GrantProblem::Other => wit::GrantProblem::Other,
            },
        }),
        E::UpstreamUnavailable(f) => wit::Error::UpstreamUnavailable(failure_to(f)),
        E::Transport { failure, problem } => wit::Error::Transport(wit::TransportFailure {
            failure: failure_to(failure),
            problem: match problem {
                error::TransportProblem::Denied => wit::TransportProblem::Denied,
                error::TransportProblem::Timeout => wit::TransportProblem::Timeout,
                error::TransportProblem::Connection => wit::TransportProblem::Connection,
            },
        }),
        E::UnexpectedResponse { failure, excerpt } => {
            wit::Error::UnexpectedResponse(wit::UnexpectedResponse {
                failure: failure_to(failure),
                excerpt,
            })
        }
    }
}
