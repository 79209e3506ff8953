//! Listing pins: one page of the pins of a board, a board section or the
//! account (a [`PinSource`]), and listing them all. Every reader of pins
//! page by page builds its requests with [`list_request`] and reads them
//! with [`parse_page`].

use crate::config::Config;
use crate::endpoints;
use crate::error::Error;
use crate::http::{Request, Response};
use crate::operation::Operation;
use crate::paging::{
    self, DEFAULT_LIST_ALL_CAP, ListAll, MAX_LIST_ALL_CAP, MAX_PAGE_SIZE, Page, PageQuery,
};
use crate::pins::{self, Pin, PinBody, Renditions};
use crate::request;
use crate::secret::AccessToken;
use crate::sections::SectionRef;
use crate::validate;

/// Listing every pin of a source (`list-all-pins`).
pub const LIST_ALL: ListAll = ListAll {
    items: "pins",
    page_operation: "list-pins",
    cap_field: "max-items",
    default_cap: DEFAULT_LIST_ALL_CAP,
    max_cap: MAX_LIST_ALL_CAP,
    max_page_size: MAX_PAGE_SIZE,
};

/// One page of pins.
pub type PinPage = Page<Pin>;

/// Whose pins to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinSource {
    /// A board's pins, newest first (`GET /v5/boards/{board_id}/pins`).
    Board(String),
    /// A board section's pins
    /// (`GET /v5/boards/{board_id}/sections/{section_id}/pins`).
    Section(SectionRef),
    /// The pins the account created or saved (`GET /v5/pins`).
    Account,
}

impl PinSource {
    /// Checks the source's ids, named `source.board`,
    /// `source.section.board-id` and `source.section.section-id`.
    pub fn check(&self) -> Result<(), Error> {
        match self {
            PinSource::Board(board_id) => validate::numeric_id("source.board", board_id),
            PinSource::Section(section) => section.check("source.section"),
            PinSource::Account => Ok(()),
        }
    }

    /// The operation listing this source's pins, for its errors.
    pub fn operation(&self) -> Operation<'_> {
        match self {
            PinSource::Board(board_id) => Operation::BoardPins { board_id },
            PinSource::Section(section) => Operation::SectionPins {
                board_id: &section.board_id,
                section_id: &section.section_id,
            },
            PinSource::Account => Operation::AccountPins,
        }
    }
}

/// One page of `source`'s pins: the source's ids checked (see
/// [`PinSource::check`]), then the query.
pub fn list_request(
    config: &Config,
    access_token: &AccessToken,
    source: &PinSource,
    query: &PageQuery,
) -> Result<Request, Error> {
    source.check()?;
    let (endpoint, params) = match source {
        PinSource::Board(board_id) => (&endpoints::BOARDS_LIST_PINS, vec![board_id.as_str()]),
        PinSource::Section(section) => (
            &endpoints::BOARD_SECTIONS_LIST_PINS,
            vec![section.board_id.as_str(), section.section_id.as_str()],
        ),
        PinSource::Account => (&endpoints::PINS_LIST, Vec::new()),
    };
    request::api(
        config,
        endpoint,
        &params,
        &query.pairs()?,
        access_token,
        None,
    )
}

/// Reads one page of pins: each item is a `Pin`, read as every pin
/// operation reads it.
pub fn parse_page(op: Operation<'_>, response: &Response, body: &[u8]) -> Result<PinPage, Error> {
    paging::parse_page(op, response, body, |item: PinBody| {
        pins::pin(op, response, item)
    })
}

/// Reads one page of pins with every image URL each reports (see
/// [`Renditions`]), for the duplicate finder.
pub fn parse_page_with_renditions(
    op: Operation<'_>,
    response: &Response,
    body: &[u8],
) -> Result<Page<(Pin, Renditions)>, Error> {
    paging::parse_page(op, response, body, |item: PinBody| {
        pins::pin_and_renditions(op, response, item)
    })
}
