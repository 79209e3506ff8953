//! One existing pin: reading it, changing it (`PinUpdate`), deleting it,
//! and saving it to a board. The answers are `Pin`s, read by
//! [`pins::parse_pin`](crate::pins::parse_pin).

use serde::Serialize;

use crate::config::Config;
use crate::endpoints;
use crate::error::Error;
use crate::http::Request;
use crate::pins::{MAX_ALT_TEXT, MAX_DESCRIPTION, MAX_LINK, MAX_TITLE};
use crate::request;
use crate::secret::AccessToken;
use crate::validate;

/// Changes to a pin; fields left none stay as they are, and an empty
/// string clears a field (takes the pin out of its section).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PinChanges {
    /// Move to this board.
    pub board_id: Option<String>,
    /// Move to this section; empty takes the pin out of its section.
    pub board_section_id: Option<String>,
    /// New title; empty clears it.
    pub title: Option<String>,
    /// New description; empty clears it.
    pub description: Option<String>,
    /// New destination link; empty clears it.
    pub link: Option<String>,
    /// New alternative text; empty clears it.
    pub alt_text: Option<String>,
}

/// `GET /v5/pins/{pin_id}`.
pub fn get_request(
    config: &Config,
    access_token: &AccessToken,
    pin_id: &str,
) -> Result<Request, Error> {
    validate::numeric_id("pin-id", pin_id)?;
    request::api(
        config,
        &endpoints::PINS_GET,
        &[pin_id],
        &[],
        access_token,
        None,
    )
}

/// Pinterest's `PinUpdate`: absent fields stay; `null` clears a nullable
/// one. `board_id` is not nullable.
#[derive(Debug, Serialize)]
struct PinUpdateBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    board_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    board_section_id: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<Option<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    alt_text: Option<Option<&'a str>>,
}

impl<'a> PinUpdateBody<'a> {
    fn checked(changes: &'a PinChanges) -> Result<Self, Error> {
        if let Some(board_id) = &changes.board_id {
            validate::numeric_id("changes.board-id", board_id)?;
        }
        let board_section_id = clearable(&changes.board_section_id);
        if let Some(Some(section)) = board_section_id {
            validate::numeric_id("changes.board-section-id", section)?;
        }
        let title = clearable(&changes.title);
        if let Some(Some(title)) = title {
            validate::max_chars("changes.title", title, MAX_TITLE)?;
        }
        let description = clearable(&changes.description);
        if let Some(Some(description)) = description {
            validate::max_chars("changes.description", description, MAX_DESCRIPTION)?;
        }
        let link = clearable(&changes.link);
        if let Some(Some(link)) = link {
            validate::http_url("changes.link", link, MAX_LINK)?;
        }
        let alt_text = clearable(&changes.alt_text);
        if let Some(Some(alt)) = alt_text {
            validate::max_chars("changes.alt-text", alt, MAX_ALT_TEXT)?;
        }
        let body = PinUpdateBody {
            board_id: changes.board_id.as_deref(),
            board_section_id,
            title,
            description,
            link,
            alt_text,
        };
        let nothing = body.board_id.is_none()
            && [
                body.board_section_id,
                body.title,
                body.description,
                body.link,
                body.alt_text,
            ]
            .iter()
            .all(Option::is_none);
        if nothing {
            return Err(Error::invalid(
                "changes",
                "changes nothing: give at least one field",
            ));
        }
        Ok(body)
    }
}

/// A change to a nullable field: none keeps it, an empty string clears it
/// (`Some(None)`, sent as `null`), text sets it.
fn clearable(value: &Option<String>) -> Option<Option<&str>> {
    value.as_deref().map(|v| Some(v).filter(|v| !v.is_empty()))
}

/// `PATCH /v5/pins/{pin_id}` for checked changes.
pub fn update_request(
    config: &Config,
    access_token: &AccessToken,
    pin_id: &str,
    changes: &PinChanges,
) -> Result<Request, Error> {
    validate::numeric_id("pin-id", pin_id)?;
    let body = PinUpdateBody::checked(changes)?;
    request::api(
        config,
        &endpoints::PINS_UPDATE,
        &[pin_id],
        &[],
        access_token,
        Some(request::json_body("changes", &body)?),
    )
}

/// `DELETE /v5/pins/{pin_id}`.
pub fn delete_request(
    config: &Config,
    access_token: &AccessToken,
    pin_id: &str,
) -> Result<Request, Error> {
    validate::numeric_id("pin-id", pin_id)?;
    request::api(
        config,
        &endpoints::PINS_DELETE,
        &[pin_id],
        &[],
        access_token,
        None,
    )
}

/// The body of saving a pin: where it goes.
#[derive(Debug, Serialize)]
struct SaveBody<'a> {
    board_id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    board_section_id: Option<&'a str>,
}

/// `POST /v5/pins/{pin_id}/save` to a board, and a section of it when
/// `board_section_id` is given (an empty one is none).
pub fn save_request(
    config: &Config,
    access_token: &AccessToken,
    pin_id: &str,
    board_id: &str,
    board_section_id: Option<&str>,
) -> Result<Request, Error> {
    validate::numeric_id("pin-id", pin_id)?;
    validate::numeric_id("board-id", board_id)?;
    let board_section_id = board_section_id.filter(|s| !s.is_empty());
    if let Some(section) = board_section_id {
        validate::numeric_id("board-section-id", section)?;
    }
    let body = SaveBody {
        board_id,
        board_section_id,
    };
    request::api(
        config,
        &endpoints::PINS_SAVE,
        &[pin_id],
        &[],
        access_token,
        Some(request::json_body("board-id", &body)?),
    )
}
