//! Boards: listing them page by page, reading one, creating, changing and
//! deleting them.

use serde::{Deserialize, Serialize};

use crate::body;
use crate::config::Config;
use crate::endpoints;
use crate::error::Error;
use crate::http::{Request, Response};
use crate::json;
use crate::operation::Operation;
use crate::paging::{self, HeapSize, ListAll, MAX_PAGE_SIZE, Page};
use crate::request;
use crate::secret::AccessToken;
use crate::text::truncate_chars;
use crate::validate;

/// Boards `list_all_boards` returns when no cap is given.
pub const DEFAULT_MAX_BOARDS: u32 = 1000;
/// The highest cap `list_all_boards` accepts.
pub const MAX_BOARDS: u32 = 10_000;
/// Longest value of Pinterest's quoted in an error, in characters.
const MAX_QUOTED_CHARS: usize = 40;

/// Listing every board (`list-all-boards`).
pub const LIST_ALL: ListAll = ListAll {
    items: "boards",
    page_operation: "list-boards",
    cap_field: "max-boards",
    default_cap: DEFAULT_MAX_BOARDS,
    max_cap: MAX_BOARDS,
    max_page_size: MAX_PAGE_SIZE,
};

/// Who can see a board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BoardPrivacy {
    /// Everyone (Pinterest's default).
    #[default]
    Public,
    /// Only the owner; ad-only boards.
    Protected,
    /// The owner and collaborators.
    Secret,
}

impl BoardPrivacy {
    /// The value Pinterest's `BoardPrivacy` spells it with.
    pub fn as_api(self) -> &'static str {
        match self {
            BoardPrivacy::Public => "PUBLIC",
            BoardPrivacy::Protected => "PROTECTED",
            BoardPrivacy::Secret => "SECRET",
        }
    }
}

/// Which boards to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrivacyFilter {
    /// All boards the token may see.
    All,
    /// Public boards.
    Public,
    /// Protected boards.
    Protected,
    /// Secret boards.
    Secret,
    /// Public and secret boards.
    PublicAndSecret,
}

impl PrivacyFilter {
    /// The `privacy` query value.
    pub fn as_query(self) -> &'static str {
        match self {
            PrivacyFilter::All => "ALL",
            PrivacyFilter::Public => "PUBLIC",
            PrivacyFilter::Protected => "PROTECTED",
            PrivacyFilter::Secret => "SECRET",
            PrivacyFilter::PublicAndSecret => "PUBLIC_AND_SECRET",
        }
    }
}

/// A board.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Board {
    /// Board id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Privacy.
    pub privacy: BoardPrivacy,
    /// Owner's username.
    pub owner_username: Option<String>,
    /// Pins on the board.
    pub pin_count: Option<u32>,
    /// Followers.
    pub follower_count: Option<u32>,
    /// Collaborators.
    pub collaborator_count: Option<u32>,
    /// Ad-only board.
    pub is_ads_only: Option<bool>,
    /// Creation time, RFC 3339 in UTC (converted from any zone; `Z` added
    /// when Pinterest sends none); absent when it is not a time.
    pub created_at: Option<String>,
    /// Cover image URL.
    pub cover_image_url: Option<String>,
}

impl HeapSize for Board {
    fn heap_bytes(&self) -> usize {
        let text = |s: &Option<String>| s.as_ref().map_or(0, String::len);
        std::mem::size_of::<Board>()
            + self.id.len()
            + self.name.len()
            + text(&self.description)
            + text(&self.owner_username)
            + text(&self.created_at)
            + text(&self.cover_image_url)
    }
}

/// One page of boards.
pub type BoardPage = Page<Board>;

/// Which page to fetch.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListQuery {
    /// Cursor from the previous page.
    pub bookmark: Option<String>,
    /// Boards per page, 1 to 250.
    pub page_size: Option<u32>,
    /// Privacy filter.
    pub privacy: Option<PrivacyFilter>,
}

/// `GET /v5/boards` for one page.
pub fn list_request(
    config: &Config,
    access_token: &AccessToken,
    query: &ListQuery,
) -> Result<Request, Error> {
    let mut pairs = paging::page_pairs(query.bookmark.as_deref(), query.page_size)?;
    if let Some(privacy) = query.privacy {
        pairs.push(("privacy", privacy.as_query().to_owned()));
    }
    request::api(
        config,
        &endpoints::BOARDS_LIST,
        &[],
        &pairs,
        access_token,
        None,
    )
}

/// `GET /v5/boards/{board_id}`.
pub fn get_request(
    config: &Config,
    access_token: &AccessToken,
    board_id: &str,
) -> Result<Request, Error> {
    validate::numeric_id("board-id", board_id)?;
    request::api(
        config,
        &endpoints::BOARDS_GET,
        &[board_id],
        &[],
        access_token,
        None,
    )
}

/// A board to create.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BoardInput {
    /// Name; not empty.
    pub name: String,
    /// Description; empty is none.
    pub description: Option<String>,
    /// Privacy; public when none.
    pub privacy: Option<BoardPrivacy>,
    /// Ad-only board.
    pub is_ads_only: Option<bool>,
}

/// Changes to a board; fields left none stay as they are.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BoardChanges {
    /// New name; not empty.
    pub name: Option<String>,
    /// New description; empty clears it.
    pub description: Option<String>,
    /// New privacy: public or secret.
    pub privacy: Option<BoardPrivacy>,
}

/// Pinterest's `BoardCreate`, built from checked input.
#[derive(Debug, Serialize)]
struct BoardCreateBody<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    privacy: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_ads_only: Option<bool>,
}

/// Pinterest's `BoardWithUpdatePrivacyUpdate`: absent fields stay, a
/// `null` description clears it.
#[derive(Debug, Serialize)]
struct BoardUpdateBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    privacy: Option<&'static str>,
}

/// `POST /v5/boards` for a checked board.
pub fn create_request(
    config: &Config,
    access_token: &AccessToken,
    board: &BoardInput,
) -> Result<Request, Error> {
    check_name("board.name", &board.name)?;
    let body = BoardCreateBody {
        name: &board.name,
        description: board.description.as_deref().filter(|d| !d.is_empty()),
        privacy: board.privacy.map(BoardPrivacy::as_api),
        is_ads_only: board.is_ads_only,
    };
    request::api(
        config,
        &endpoints::BOARDS_CREATE,
        &[],
        &[],
        access_token,
        Some(request::json_body("board", &body)?),
    )
}

/// `PATCH /v5/boards/{board_id}` for checked changes.
pub fn update_request(
    config: &Config,
    access_token: &AccessToken,
    board_id: &str,
    changes: &BoardChanges,
) -> Result<Request, Error> {
    validate::numeric_id("board-id", board_id)?;
    if let Some(name) = &changes.name {
        check_name("changes.name", name)?;
    }
    if changes.privacy == Some(BoardPrivacy::Protected) {
        return Err(Error::invalid(
            "changes.privacy",
            "cannot be protected: Pinterest makes a board protected only when it is created ad-only (create-board with is-ads-only); use public or secret",
        ));
    }
    let body = BoardUpdateBody {
        name: changes.name.as_deref(),
        description: changes
            .description
            .as_deref()
            .map(|d| Some(d).filter(|d| !d.is_empty())),
        privacy: changes.privacy.map(BoardPrivacy::as_api),
    };
    if body.name.is_none() && body.description.is_none() && body.privacy.is_none() {
        return Err(Error::invalid(
            "changes",
            "changes nothing: give a name, a description or a privacy",
        ));
    }
    request::api(
        config,
        &endpoints::BOARDS_UPDATE,
        &[board_id],
        &[],
        access_token,
        Some(request::json_body("changes", &body)?),
    )
}

/// `DELETE /v5/boards/{board_id}`.
pub fn delete_request(
    config: &Config,
    access_token: &AccessToken,
    board_id: &str,
) -> Result<Request, Error> {
    validate::numeric_id("board-id", board_id)?;
    request::api(
        config,
        &endpoints::BOARDS_DELETE,
        &[board_id],
        &[],
        access_token,
        None,
    )
}

/// A board's name: not empty nor only spaces.
fn check_name(field: &str, name: &str) -> Result<(), Error> {
    if name.trim().is_empty() {
        return Err(Error::invalid(field, "is empty; a board needs a name"));
    }
    Ok(())
}

/// Pinterest's `Board`: its id and privacy read strictly, the rest
/// leniently (see `docs/parsing.md`).
#[derive(Debug, Deserialize)]
struct BoardBody {
    #[serde(deserialize_with = "json::id")]
    id: String,
    #[serde(default, deserialize_with = "json::text_or_number")]
    name: Option<String>,
    #[serde(default, deserialize_with = "json::text")]
    description: Option<String>,
    #[serde(default, deserialize_with = "json::strict_string")]
    privacy: Option<String>,
    #[serde(default, deserialize_with = "json::lenient")]
    owner: Option<OwnerBody>,
    #[serde(default, deserialize_with = "json::count")]
    pin_count: Option<u32>,
    #[serde(default, deserialize_with = "json::count")]
    follower_count: Option<u32>,
    #[serde(default, deserialize_with = "json::count")]
    collaborator_count: Option<u32>,
    #[serde(default, deserialize_with = "json::flag")]
    is_ads_only: Option<bool>,
    #[serde(default, deserialize_with = "json::time")]
    created_at: Option<String>,
    #[serde(default, deserialize_with = "json::lenient")]
    media: Option<MediaBody>,
}

/// `BoardOwner`: a board's owner, and a pin's `board_owner`.
#[derive(Debug, Deserialize)]
pub(crate) struct OwnerBody {
    #[serde(default, deserialize_with = "json::text")]
    pub(crate) username: Option<String>,
}

#[derive(Debug, Deserialize)]
struct MediaBody {
    #[serde(default, deserialize_with = "json::text")]
    image_cover_url: Option<String>,
}

/// Reads one page of boards.
pub fn parse_page(op: Operation<'_>, response: &Response, body: &[u8]) -> Result<BoardPage, Error> {
    paging::parse_page(op, response, body, |b| board(op, response, b))
}

/// Reads one board.
pub fn parse_board(op: Operation<'_>, response: &Response, body: &[u8]) -> Result<Board, Error> {
    let parsed: BoardBody = body::parse_json(op, response, body)?;
    board(op, response, parsed)
}

fn board(op: Operation<'_>, response: &Response, body: BoardBody) -> Result<Board, Error> {
    // Absent, it is Pinterest's default; otherwise a known value, matched in
    // any case. An unknown value is quoted as it came (never a case-changed
    // copy), cut with an ellipsis so that redaction sees where.
    let privacy = match body.privacy.as_deref() {
        None => BoardPrivacy::Public,
        Some(p) if p.eq_ignore_ascii_case("PUBLIC") => BoardPrivacy::Public,
        Some(p) if p.eq_ignore_ascii_case("PROTECTED") => BoardPrivacy::Protected,
        Some(p) if p.eq_ignore_ascii_case("SECRET") => BoardPrivacy::Secret,
        Some(other) => {
            return Err(body::invalid_body(
                op,
                response,
                &format!(
                    "board {} has unknown privacy '{}'",
                    body.id,
                    truncate_chars(other, MAX_QUOTED_CHARS)
                ),
            ));
        }
    };
    Ok(Board {
        name: body.name.unwrap_or_default(),
        description: body.description,
        privacy,
        owner_username: body.owner.and_then(|o| o.username),
        pin_count: body.pin_count,
        follower_count: body.follower_count,
        collaborator_count: body.collaborator_count,
        is_ads_only: body.is_ads_only,
        created_at: body.created_at,
        cover_image_url: body.media.and_then(|m| m.image_cover_url),
        id: body.id,
    })
}
