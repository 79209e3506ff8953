//! Pinterest API v5 connector, built as a WebAssembly component
//! (`wasm32-wasip2`) and usable as a plain Rust library.
//!
//! The core is plain Rust: requests are built and responses read by pure
//! functions, and the operations of [`Connector`] take their HTTP client as
//! a parameter ([`HttpClient`]). Secrets travel as types of their own
//! ([`ClientSecret`], [`AuthorizationCode`], [`AccessToken`],
//! [`RefreshToken`]) that never print their value. On `wasm32`, the
//! `component` module adapts the core to the WIT contract in `wit/`, sending
//! every request through the host's `http` import.
//!
//! ```no_run
//! use pinterest_connector::{AccessToken, ClientSecret, Config, Connector, ListQuery};
//! # fn send(_: pinterest_connector::Request)
//! #     -> Result<pinterest_connector::Response, pinterest_connector::TransportError> { todo!() }
//! let config = Config::new("1484362", ClientSecret::new("app secret"));
//! let mut connector = Connector { config: &config, client: send, now: 1_767_225_600 };
//! let page = connector.list_boards(&AccessToken::new("pina_…"), &ListQuery::default())?;
//! # Ok::<(), pinterest_connector::Error>(())
//! ```
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::string_slice
    )
)]
#![warn(missing_docs)]

// Each module uses only modules of lower layers: `tests/layers.rs` holds
// the order and checks it.
mod account;
mod boards;
mod body;
mod classify;
mod config;
mod connector;
mod datetime;
mod duplicates;
pub mod endpoints;
mod error;
mod excerpt;
mod http;
mod json;
mod media;
mod oauth;
mod operation;
mod paging;
mod pin_edits;
mod pin_lists;
mod pins;
mod poll;
mod raw;
mod redact;
mod remedy;
mod request;
mod scopes;
mod secret;
mod sections;
mod text;
mod upload;
mod validate;
mod wait;

#[cfg(target_arch = "wasm32")]
mod component;

pub use account::{AccountType, UserAccount};
pub use boards::{
    Board, BoardChanges, BoardInput, BoardPage, BoardPrivacy, ListQuery, PrivacyFilter,
};
pub use config::{AUTHORIZE_PAGE, Config, Environment, PRODUCTION_API, SANDBOX_API};
pub use connector::Connector;
pub use duplicates::{Duplicate, DuplicateCandidate, DuplicateReport, MatchKind};
pub use error::{Error, Failure, GrantProblem, MediaStatus, RateLimit, TransportProblem};
pub use http::{BodyPart, HttpClient, Method, Request, Response, TransportError};
pub use media::{Media, MediaPage};
pub use oauth::{TokenSet, TokenStatus, authorization_url, token_status};
pub use paging::{Page, PageQuery};
pub use pin_edits::PinChanges;
pub use pin_lists::{PinPage, PinSource};
pub use pins::{
    ImageData, ImageDataItem, ImageUrlItem, MediaSource, Pin, PinInput, VideoCover, check_pin,
};
pub use poll::NewPins;
pub use raw::{ApiResponse, QueryParam};
pub use scopes::{DEFAULT_SCOPES, V5_SCOPES};
pub use secret::{AccessToken, AuthorizationCode, ClientSecret, RefreshToken};
pub use sections::{Section, SectionPage, SectionRef};
pub use upload::{BOUNDARY_RANDOM_BYTES, Boundary, VideoUpload};
pub use validate::ImageFormat;
pub use wait::Clock;

/// The crate's name, as `describe` reports it.
pub const NAME: &str = env!("CARGO_PKG_NAME");
/// The crate's version, as `describe` and the `user-agent` report it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// What the crate is, as `describe` reports it.
pub const DESCRIPTION: &str = env!("CARGO_PKG_DESCRIPTION");

/// The limits the connector checks before sending anything, and those it
/// holds Pinterest's answers to.
pub mod limits {
    pub use crate::boards::{DEFAULT_MAX_BOARDS, MAX_BOARDS};
    pub use crate::body::MAX_BODY_BYTES;
    pub use crate::config::MAX_AD_ACCOUNT_ID_LEN;
    pub use crate::error::{EXCERPT_CHARS, MAX_MESSAGE_CHARS};
    pub use crate::oauth::REFRESH_WINDOW_SECONDS;
    pub use crate::paging::{
        DEFAULT_LIST_ALL_CAP, MAX_BOOKMARK_BYTES, MAX_LIST_ALL_BYTES, MAX_LIST_ALL_CAP,
        MAX_PAGE_SIZE, MAX_PAGES,
    };
    pub use crate::pins::{
        MAX_ALT_TEXT, MAX_DESCRIPTION, MAX_ITEMS, MAX_LINK, MAX_MEDIA_URL, MAX_TITLE, MIN_ITEMS,
    };
    pub use crate::poll::{
        FIRST_PAGE_SIZE as POLL_FIRST_PAGE_SIZE, MAX_BACKLOG, MAX_CURSOR_CHARS,
        MAX_REQUESTS as MAX_POLL_REQUESTS, MAX_SECOND_IDS,
    };
    pub use crate::raw::{
        MAX_HEADER_VALUE_BYTES, MAX_JSON_BODY_BYTES, MAX_PATH_CHARS, MAX_QUERY_PARAMS,
        MAX_RESPONSE_HEADERS, MAX_URL_BYTES,
    };
    pub use crate::sections::MAX_SECTION_NAME;
    pub use crate::upload::{MAX_CONTENT_NAME_BYTES, MAX_FILE_NAME_CHARS, MAX_VIDEO_BYTES};
    pub use crate::validate::{MAX_ID_LEN, MAX_URL_LEN};
    pub use crate::wait::{
        DEFAULT_WAIT_SECONDS, FIRST_INTERVALS_SECONDS, MAX_CHECKS, MAX_WAIT_SECONDS,
        STEADY_INTERVAL_SECONDS,
    };
}

/// The request builders and response readers under the operations, for the
/// fuzz targets (`fuzz/`) and the native tests: not a stable API.
#[cfg(feature = "internals")]
#[doc(hidden)]
pub mod internals {
    pub use crate::classify::success_body;
    pub use crate::operation::Operation;

    /// Reading and writing times: RFC 3339 to UTC, HTTP-dates.
    pub mod datetime {
        pub use crate::datetime::{MAX_FRACTION_DIGITS, format_unix, http_date, to_utc};
    }

    /// Building the token requests and the consent URL.
    pub mod oauth {
        pub use crate::oauth::{
            authorization_url, exchange_request, refresh_request, token_status,
        };
    }

    /// Building the board requests and reading pages of boards.
    pub mod boards {
        pub use crate::boards::{
            create_request, delete_request, get_request, list_request, parse_page, update_request,
        };
    }

    /// Building the section requests.
    pub mod sections {
        pub use crate::sections::{create_request, delete_request, list_request, update_request};
    }

    /// Building the pin requests.
    pub mod pins {
        pub use crate::pin_edits::{delete_request, get_request, save_request, update_request};
        pub use crate::pin_lists::list_request;
        pub use crate::pins::create_request;
    }

    /// Building the media requests and reading Pinterest's answers about
    /// uploads.
    pub mod media {
        pub use crate::media::{
            UploadTarget, get_request, list_request, parse_media, parse_page, parse_registered,
            register_request,
        };
    }

    /// The video upload: its checks, its multipart request and reading the
    /// upload host's answer.
    pub mod upload {
        pub use crate::upload::{
            UploadRefusal, check_size, check_video, content_type, file_name, read_answer,
            upload_request,
        };
    }

    /// `api-request`: the path's checks, the request, the answer.
    pub mod raw {
        pub use crate::raw::{check_path, read_response, request, response_headers};
    }

    /// Building API requests.
    pub mod request {
        pub use crate::request::api;
    }

    /// Reading a poll's pages and the times in them.
    pub mod poll {
        pub use crate::poll::{parse_page, unix_seconds};
    }
}
