//! Board sections: listing a board's sections page by page, creating,
//! renaming and deleting one.

use serde::{Deserialize, Serialize};

use crate::body;
use crate::config::Config;
use crate::endpoints;
use crate::error::Error;
use crate::http::{Request, Response};
use crate::json;
use crate::operation::Operation;
use crate::paging::{
    self, DEFAULT_LIST_ALL_CAP, HeapSize, ListAll, MAX_LIST_ALL_CAP, MAX_PAGE_SIZE, Page, PageQuery,
};
use crate::request;
use crate::secret::AccessToken;
use crate::validate;

/// Longest section name, in characters (`BoardSection.name`).
pub const MAX_SECTION_NAME: usize = 180;

/// Listing every section of a board (`list-all-sections`).
pub const LIST_ALL: ListAll = ListAll {
    items: "sections",
    page_operation: "list-sections",
    cap_field: "max-items",
    default_cap: DEFAULT_LIST_ALL_CAP,
    max_cap: MAX_LIST_ALL_CAP,
    max_page_size: MAX_PAGE_SIZE,
};

/// A section of a board.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    /// Section id.
    pub id: String,
    /// Name.
    pub name: String,
}

impl HeapSize for Section {
    fn heap_bytes(&self) -> usize {
        std::mem::size_of::<Section>() + self.id.len() + self.name.len()
    }
}

/// One page of sections.
pub type SectionPage = Page<Section>;

/// A section, by its board.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SectionRef {
    /// The board.
    pub board_id: String,
    /// The section of that board.
    pub section_id: String,
}

impl SectionRef {
    /// Checks both ids, naming them under `field` (`section`,
    /// `source.section`).
    pub fn check(&self, field: &str) -> Result<(), Error> {
        validate::numeric_id(&format!("{field}.board-id"), &self.board_id)?;
        validate::numeric_id(&format!("{field}.section-id"), &self.section_id)
    }
}

/// `GET /v5/boards/{board_id}/sections` for one page.
pub fn list_request(
    config: &Config,
    access_token: &AccessToken,
    board_id: &str,
    query: &PageQuery,
) -> Result<Request, Error> {
    validate::numeric_id("board-id", board_id)?;
    request::api(
        config,
        &endpoints::BOARD_SECTIONS_LIST,
        &[board_id],
        &query.pairs()?,
        access_token,
        None,
    )
}

/// The body of creating and renaming a section (`BoardSection`).
#[derive(Debug, Serialize)]
struct SectionBody<'a> {
    name: &'a str,
}

/// A checked section name as a request body.
fn name_body(name: &str) -> Result<Vec<u8>, Error> {
    if name.is_empty() {
        return Err(Error::invalid(
            "name",
            format!("is empty; a section name is 1 to {MAX_SECTION_NAME} characters"),
        ));
    }
    validate::max_chars("name", name, MAX_SECTION_NAME)?;
    request::json_body("name", &SectionBody { name })
}

/// `POST /v5/boards/{board_id}/sections`.
pub fn create_request(
    config: &Config,
    access_token: &AccessToken,
    board_id: &str,
    name: &str,
) -> Result<Request, Error> {
    validate::numeric_id("board-id", board_id)?;
    let body = name_body(name)?;
    request::api(
        config,
        &endpoints::BOARD_SECTIONS_CREATE,
        &[board_id],
        &[],
        access_token,
        Some(body),
    )
}

/// `PATCH /v5/boards/{board_id}/sections/{section_id}`.
pub fn update_request(
    config: &Config,
    access_token: &AccessToken,
    section: &SectionRef,
    name: &str,
) -> Result<Request, Error> {
    section.check("section")?;
    let body = name_body(name)?;
    request::api(
        config,
        &endpoints::BOARD_SECTIONS_UPDATE,
        &[&section.board_id, &section.section_id],
        &[],
        access_token,
        Some(body),
    )
}

/// `DELETE /v5/boards/{board_id}/sections/{section_id}`.
pub fn delete_request(
    config: &Config,
    access_token: &AccessToken,
    section: &SectionRef,
) -> Result<Request, Error> {
    section.check("section")?;
    request::api(
        config,
        &endpoints::BOARD_SECTIONS_DELETE,
        &[&section.board_id, &section.section_id],
        &[],
        access_token,
        None,
    )
}

/// Pinterest's `BoardSection`: the id is required and strict (it is what
/// callers pass on), the name cosmetic (see `docs/parsing.md`).
#[derive(Debug, Deserialize)]
struct SectionRead {
    #[serde(deserialize_with = "json::id")]
    id: String,
    #[serde(default, deserialize_with = "json::text_or_number")]
    name: Option<String>,
}

impl From<SectionRead> for Section {
    fn from(read: SectionRead) -> Self {
        Section {
            id: read.id,
            name: read.name.unwrap_or_default(),
        }
    }
}

/// Reads one section.
pub fn parse_section(
    op: Operation<'_>,
    response: &Response,
    body: &[u8],
) -> Result<Section, Error> {
    let read: SectionRead = body::parse_json(op, response, body)?;
    Ok(read.into())
}

/// Reads one page of sections.
pub fn parse_page(
    op: Operation<'_>,
    response: &Response,
    body: &[u8],
) -> Result<SectionPage, Error> {
    paging::parse_page(op, response, body, |read: SectionRead| Ok(read.into()))
}
