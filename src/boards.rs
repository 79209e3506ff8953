//! Boards: listing them page by page and reading one.

use serde::Deserialize;

use crate::body;
use crate::config::Config;
use crate::endpoints;
use crate::error::Error;
use crate::http::{Request, Response};
use crate::json;
use crate::operation::Operation;
use crate::paging::{HeapSize, ListAll, MAX_BOOKMARK_BYTES, MAX_PAGE_SIZE, Page};
use crate::request;
use crate::secret::AccessToken;
use crate::validate;

/// Boards `list_all_boards` returns when no cap is given.
pub const DEFAULT_MAX_BOARDS: u32 = 1000;
/// The highest cap `list_all_boards` accepts.
pub const MAX_BOARDS: u32 = 10_000;

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
    /// Creation time, RFC 3339 (`Z` added when Pinterest sends no zone).
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
    let mut pairs: Vec<(&str, &str)> = Vec::with_capacity(3);
    if let Some(bookmark) = query.bookmark.as_deref().filter(|b| !b.is_empty()) {
        if bookmark.len() > MAX_BOOKMARK_BYTES {
            return Err(Error::invalid(
                "query.bookmark",
                format!(
                    "is {} bytes; the limit is {MAX_BOOKMARK_BYTES}",
                    bookmark.len()
                ),
            ));
        }
        pairs.push(("bookmark", bookmark));
    }
    let size;
    if let Some(page_size) = query.page_size {
        if !(1..=MAX_PAGE_SIZE).contains(&page_size) {
            return Err(Error::invalid(
                "query.page-size",
                format!("is {page_size}; it must be between 1 and {MAX_PAGE_SIZE}"),
            ));
        }
        size = page_size.to_string();
        pairs.push(("page_size", &size));
    }
    if let Some(privacy) = query.privacy {
        pairs.push(("privacy", privacy.as_query()));
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

/// Pinterest's `Board`, read leniently.
#[derive(Debug, Deserialize)]
struct BoardBody {
    #[serde(deserialize_with = "json::id")]
    id: String,
    #[serde(default, deserialize_with = "json::text")]
    name: Option<String>,
    #[serde(default, deserialize_with = "json::text")]
    description: Option<String>,
    #[serde(default, deserialize_with = "json::text")]
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
    #[serde(default, deserialize_with = "json::text")]
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

/// The `GET /v5/boards` body.
#[derive(Debug, Deserialize)]
struct PageBody {
    #[serde(default, deserialize_with = "page_items")]
    items: Option<Vec<BoardBody>>,
    #[serde(default, deserialize_with = "json::text")]
    bookmark: Option<String>,
}

/// A page's `items`: at most [`MAX_PAGE_SIZE`] boards, the most Pinterest
/// serves. A longer list is refused as it is read, so a hostile page of
/// hundreds of thousands of tiny boards never fills memory.
fn page_items<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<Vec<BoardBody>>, D::Error> {
    json::bounded_list(deserializer, MAX_PAGE_SIZE as usize)
}

/// Reads one page of boards.
pub fn parse_page(op: Operation<'_>, response: &Response, body: &[u8]) -> Result<BoardPage, Error> {
    let page: PageBody = body::parse_json(op, response, body)?;
    let items = page
        .items
        .ok_or_else(|| body::invalid_body(op, response, "it has no items list"))?;
    let bookmark = page.bookmark.filter(|b| !b.is_empty());
    if let Some(b) = bookmark.as_ref().filter(|b| b.len() > MAX_BOOKMARK_BYTES) {
        return Err(body::invalid_body(
            op,
            response,
            &format!(
                "its bookmark is {} bytes, over the {MAX_BOOKMARK_BYTES}-byte limit",
                b.len()
            ),
        ));
    }
    let items = items
        .into_iter()
        .map(|b| board(op, response, b))
        .collect::<Result<_, _>>()?;
    Ok(BoardPage { items, bookmark })
}

/// Reads one board.
pub fn parse_board(op: Operation<'_>, response: &Response, body: &[u8]) -> Result<Board, Error> {
    let parsed: BoardBody = body::parse_json(op, response, body)?;
    board(op, response, parsed)
}

fn board(op: Operation<'_>, response: &Response, body: BoardBody) -> Result<Board, Error> {
    let privacy = match body
        .privacy
        .as_deref()
        .map(str::to_ascii_uppercase)
        .as_deref()
    {
        None | Some("PUBLIC") => BoardPrivacy::Public,
        Some("PROTECTED") => BoardPrivacy::Protected,
        Some("SECRET") => BoardPrivacy::Secret,
        Some(other) => {
            let shown: String = other.chars().take(40).collect();
            return Err(body::invalid_body(
                op,
                response,
                &format!("board {} has unknown privacy '{shown}'", body.id),
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
        created_at: body.created_at.map(|t| json::utc_time(&t)),
        cover_image_url: body.media.and_then(|m| m.image_cover_url),
        id: body.id,
    })
}
