//! The operation a request belongs to: the endpoint it calls, what its
//! errors call it, and which scopes it needs.

use std::borrow::Cow;

use crate::endpoints::{self, Endpoint, RateLimitCategory};
use crate::http::Method;
use crate::text::truncate_chars;

/// The scope secret boards need besides those of listing boards.
const READ_SECRET_BOARDS: &str = "boards:read_secret";
/// Longest path of an `api-request` that its errors quote, in characters.
const MAX_QUOTED_PATH_CHARS: usize = 120;

/// The operation a response answers: shapes the wording of its errors and
/// knows which scopes it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation<'a> {
    /// `POST /v5/oauth/token`, authorization code.
    Exchange,
    /// `POST /v5/oauth/token`, refresh token.
    Refresh,
    /// `GET /v5/user_account`.
    UserAccount,
    /// `GET /v5/boards`.
    ListBoards {
        /// Whether secret boards were asked for (they need
        /// `boards:read_secret`).
        secret: bool,
    },
    /// `GET /v5/boards/{board_id}`.
    GetBoard {
        /// The board asked for.
        board_id: &'a str,
    },
    /// `POST /v5/pins`.
    CreatePin {
        /// The target board.
        board_id: &'a str,
        /// The target section, if any.
        section_id: Option<&'a str>,
    },
    /// `POST /v5/boards`.
    CreateBoard,
    /// `PATCH /v5/boards/{board_id}`.
    UpdateBoard {
        /// The board.
        board_id: &'a str,
    },
    /// `DELETE /v5/boards/{board_id}`.
    DeleteBoard {
        /// The board.
        board_id: &'a str,
    },
    /// `GET /v5/boards/{board_id}/sections`.
    ListSections {
        /// The board.
        board_id: &'a str,
    },
    /// `POST /v5/boards/{board_id}/sections`.
    CreateSection {
        /// The board.
        board_id: &'a str,
    },
    /// `PATCH /v5/boards/{board_id}/sections/{section_id}`.
    UpdateSection {
        /// The board.
        board_id: &'a str,
        /// The section.
        section_id: &'a str,
    },
    /// `DELETE /v5/boards/{board_id}/sections/{section_id}`.
    DeleteSection {
        /// The board.
        board_id: &'a str,
        /// The section.
        section_id: &'a str,
    },
    /// `GET /v5/boards/{board_id}/pins`.
    BoardPins {
        /// The board.
        board_id: &'a str,
    },
    /// `GET /v5/boards/{board_id}/sections/{section_id}/pins`.
    SectionPins {
        /// The board.
        board_id: &'a str,
        /// The section.
        section_id: &'a str,
    },
    /// `GET /v5/pins`.
    AccountPins,
    /// `GET /v5/pins/{pin_id}`.
    GetPin {
        /// The pin.
        pin_id: &'a str,
    },
    /// `PATCH /v5/pins/{pin_id}`.
    UpdatePin {
        /// The pin.
        pin_id: &'a str,
    },
    /// `DELETE /v5/pins/{pin_id}`.
    DeletePin {
        /// The pin.
        pin_id: &'a str,
    },
    /// `POST /v5/pins/{pin_id}/save`.
    SavePin {
        /// The pin saved.
        pin_id: &'a str,
        /// The board it is saved to.
        board_id: &'a str,
        /// The section it is saved to, if any.
        section_id: Option<&'a str>,
    },
    /// `POST /v5/media`: registering a video upload.
    RegisterMedia,
    /// The `multipart/form-data` POST of a video to the upload URL
    /// Pinterest returned (its upload host, not the API).
    UploadVideo {
        /// The registered upload.
        media_id: &'a str,
    },
    /// `GET /v5/media/{media_id}`, also each check of `wait-for-media`.
    GetMedia {
        /// The upload asked for.
        media_id: &'a str,
    },
    /// `GET /v5/media`.
    ListMedia,
    /// `api-request`: any endpoint below `/v5/` the caller names.
    ApiRequest {
        /// Its method.
        method: Method,
        /// Its path, as checked (`/v5/…`).
        path: &'a str,
    },
}

impl Operation<'_> {
    /// The endpoint of Pinterest's API it calls; none for the upload to
    /// the upload host and for `api-request`, whose endpoint the caller
    /// names.
    pub fn endpoint(&self) -> Option<&'static Endpoint> {
        Some(match self {
            Operation::Exchange | Operation::Refresh => &endpoints::OAUTH_TOKEN,
            Operation::UserAccount => &endpoints::USER_ACCOUNT_GET,
            Operation::ListBoards { .. } => &endpoints::BOARDS_LIST,
            Operation::GetBoard { .. } => &endpoints::BOARDS_GET,
            Operation::CreatePin { .. } => &endpoints::PINS_CREATE,
            Operation::CreateBoard => &endpoints::BOARDS_CREATE,
            Operation::UpdateBoard { .. } => &endpoints::BOARDS_UPDATE,
            Operation::DeleteBoard { .. } => &endpoints::BOARDS_DELETE,
            Operation::ListSections { .. } => &endpoints::BOARD_SECTIONS_LIST,
            Operation::CreateSection { .. } => &endpoints::BOARD_SECTIONS_CREATE,
            Operation::UpdateSection { .. } => &endpoints::BOARD_SECTIONS_UPDATE,
            Operation::DeleteSection { .. } => &endpoints::BOARD_SECTIONS_DELETE,
            Operation::BoardPins { .. } => &endpoints::BOARDS_LIST_PINS,
            Operation::SectionPins { .. } => &endpoints::BOARD_SECTIONS_LIST_PINS,
            Operation::AccountPins => &endpoints::PINS_LIST,
            Operation::GetPin { .. } => &endpoints::PINS_GET,
            Operation::UpdatePin { .. } => &endpoints::PINS_UPDATE,
            Operation::DeletePin { .. } => &endpoints::PINS_DELETE,
            Operation::SavePin { .. } => &endpoints::PINS_SAVE,
            Operation::RegisterMedia => &endpoints::MEDIA_CREATE,
            Operation::GetMedia { .. } => &endpoints::MEDIA_GET,
            Operation::ListMedia => &endpoints::MEDIA_LIST,
            Operation::UploadVideo { .. } | Operation::ApiRequest { .. } => return None,
        })
    }

    /// Whether it writes: its endpoint counts against `org_write`, or, for
    /// `api-request`, its method is not `GET`; the upload of a video writes.
    pub fn is_write(&self) -> bool {
        match self {
            Operation::ApiRequest { method, .. } => *method != Method::Get,
            Operation::UploadVideo { .. } => true,
            _ => self
                .endpoint()
                .is_some_and(|e| e.rate_limit_category == RateLimitCategory::OrgWrite),
        }
    }

    /// Scopes the operation needs: its endpoint's (per the `security` of
    /// Pinterest's API description), and `boards:read_secret` to list
    /// secret boards. None are known for `api-request`.
    pub fn required_scopes(&self) -> Vec<String> {
        let mut scopes: Vec<String> = self
            .endpoint()
            .map(|e| e.scopes)
            .unwrap_or_default()
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        if let Operation::ListBoards { secret: true } = self {
            scopes.push(READ_SECRET_BOARDS.to_owned());
        }
        scopes
    }

    /// Whether it is a call of the token endpoint.
    pub fn is_token_grant(&self) -> bool {
        matches!(self, Operation::Exchange | Operation::Refresh)
    }

    /// What it is, as error summaries name it: a phrase that starts with a
    /// verb's `-ing` form (`listing boards`, `calling GET /v5/ad_accounts`),
    /// as they use it after "while" and "for".
    pub fn label(&self) -> Cow<'static, str> {
        Cow::Borrowed(match self {
            Operation::Exchange => "exchanging the code",
            Operation::Refresh => "refreshing the access token",
            Operation::UserAccount => "reading the user account",
            Operation::ListBoards { .. } => "listing boards",
            Operation::GetBoard { .. } => "reading the board",
            Operation::CreatePin { .. } => "creating the pin",
            Operation::CreateBoard => "creating the board",
            Operation::UpdateBoard { .. } => "updating the board",
            Operation::DeleteBoard { .. } => "deleting the board",
            Operation::ListSections { .. } => "listing sections",
            Operation::CreateSection { .. } => "creating the section",
            Operation::UpdateSection { .. } => "renaming the section",
            Operation::DeleteSection { .. } => "deleting the section",
            Operation::BoardPins { .. } => "listing the board's pins",
            Operation::SectionPins { .. } => "listing the section's pins",
            Operation::AccountPins => "listing the account's pins",
            Operation::GetPin { .. } => "reading the pin",
            Operation::UpdatePin { .. } => "updating the pin",
            Operation::DeletePin { .. } => "deleting the pin",
            Operation::SavePin { .. } => "saving the pin",
            Operation::RegisterMedia => "registering the video upload",
            Operation::UploadVideo { .. } => "uploading the video",
            Operation::GetMedia { .. } => "reading the media upload",
            Operation::ListMedia => "listing media uploads",
            Operation::ApiRequest { method, path } => {
                return Cow::Owned(format!(
                    "calling {} {}",
                    method.as_str(),
                    truncate_chars(path, MAX_QUOTED_PATH_CHARS)
                ));
            }
        })
    }
}
