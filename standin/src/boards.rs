//! Boards: the listing with bookmarks and the privacy filter, one board,
//! and creating (`BoardCreate`), changing (`BoardWithUpdatePrivacyUpdate`)
//! and deleting them.

use serde_json::{Map, Value, json};

use super::api::{SCOPE_MESSAGE, board_not_found, may_write_board, visible};
use super::fields::{change, optional_bool, optional_string};
use super::model::{Board, Privacy};
use super::paging;
use super::reply::Reply;
use super::routes::Call;
use super::state::Shared;
use super::{USERNAME, utc};

/// Values of the `privacy` filter.
const PRIVACY_FILTERS: [&str; 5] = ["ALL", "PUBLIC", "PROTECTED", "SECRET", "PUBLIC_AND_SECRET"];
/// What Pinterest names every ad-only board.
const AD_ONLY_NAME: &str = "Ad-only Pins";

/// A board as Pinterest's `Board`, holding `pin_count` pins.
pub(crate) fn board_json(board: &Board, pin_count: usize) -> Value {
    json!({
        "id": board.id,
        "name": board.name,
        "description": board.description,
        "privacy": board.privacy.as_str(),
        "owner": { "username": USERNAME },
        "collaborator_count": board.collaborator_count,
        "follower_count": board.follower_count,
        "pin_count": pin_count,
        "created_at": board.created_at,
        "board_pins_modified_at": board.pins_modified_at,
        "is_ads_only": board.is_ads_only,
        "media": {
            "image_cover_url": format!("https://i.pinimg.com/400x300/standin/{}.jpg", board.id),
            "pin_thumbnail_urls": [format!("https://i.pinimg.com/150x150/standin/{}.jpg", board.id)],
        },
    })
}

/// `GET /v5/boards`.
pub(crate) fn list(shared: &Shared, call: &Call) -> Reply {
    let request = call.request;
    let filter = request.query("privacy").unwrap_or("ALL");
    if !PRIVACY_FILTERS.contains(&filter) {
        return Reply::invalid(&format!(
            "'privacy' value '{filter}' is not one of ['ALL', 'PUBLIC', 'PROTECTED', 'SECRET', 'PUBLIC_AND_SECRET']"
        ));
    }
    let wants_secret = matches!(filter, "SECRET" | "PUBLIC_AND_SECRET");
    if wants_secret && !call.has("boards:read_secret") {
        return Reply::error(401, 3, SCOPE_MESSAGE);
    }
    let page_size = match paging::page_size(request) {
        Ok(size) => size,
        Err(reply) => return reply,
    };
    let listing = format!("boards|{filter}");
    let after = match paging::read_bookmark(request, &listing) {
        Ok(None) => 0,
        Ok(Some(position)) => match position.parse::<u64>() {
            Ok(id) => id,
            Err(_) => return Reply::invalid("Invalid bookmark."),
        },
        Err(reply) => return reply,
    };
    let data = shared.lock();
    // Board ids grow with creation, and boards are kept in that order: a
    // bookmark names the last board of its page.
    let rest: Vec<&Board> = data
        .boards
        .iter()
        .filter(|b| visible(b, call) && passes(b, filter))
        .filter(|b| b.id.parse::<u64>().is_ok_and(|id| id > after))
        .collect();
    let page = &rest[..page_size.min(rest.len())];
    let bookmark = (rest.len() > page.len())
        .then(|| page.last())
        .flatten()
        .map(|last| paging::write_bookmark(&listing, &last.id));
    let items = page
        .iter()
        .map(|b| board_json(b, data.pin_count(&b.id)))
        .collect();
    Reply::json(200, &paging::page(items, bookmark))
}

fn passes(board: &Board, filter: &str) -> bool {
    match filter {
        "PUBLIC" | "PROTECTED" | "SECRET" => board.privacy.as_str() == filter,
        "PUBLIC_AND_SECRET" => board.privacy != Privacy::Protected,
        _ => true,
    }
}

/// `GET /v5/boards/{board_id}`.
pub(crate) fn get(shared: &Shared, call: &Call) -> Reply {
    let data = shared.lock();
    match data
        .board(call.param("board_id"))
        .filter(|b| visible(b, call))
    {
        Some(board) => Reply::json(200, &board_json(board, data.pin_count(&board.id))),
        None => board_not_found(),
    }
}

/// `POST /v5/boards`: `name` required (not blank); `privacy` `PUBLIC`
/// (default), `PROTECTED` or `SECRET` (which needs `boards:write_secret`);
/// an ad-only board is named "Ad-only Pins" and is `PROTECTED`.
pub(crate) fn create(shared: &Shared, call: &Call) -> Reply {
    let body = match call.request.json_object("BoardCreate") {
        Ok(body) => body,
        Err(reply) => return reply,
    };
    let checked = (|| {
        let name = optional_string(&body, "name", "name")?
            .ok_or_else(|| "'name' is a required property".to_owned())?;
        not_blank(&name)?;
        let description = optional_string(&body, "description", "description")?;
        let is_ads_only = optional_bool(&body, "is_ads_only", false)?.unwrap_or(false);
        let privacy = match body.get("privacy") {
            None => Privacy::Public,
            Some(value) => privacy(value, &["PUBLIC", "PROTECTED", "SECRET"])?,
        };
        Ok::<_, String>((name, description, is_ads_only, privacy))
    })();
    let (name, description, is_ads_only, privacy) = match checked {
        Ok(fields) => fields,
        Err(message) => return Reply::invalid(&message),
    };
    let (name, privacy) = if is_ads_only {
        (AD_ONLY_NAME.to_owned(), Privacy::Protected)
    } else {
        (name, privacy)
    };
    if privacy == Privacy::Secret
        && let Err(reply) = call.require("boards:write_secret")
    {
        return reply;
    }
    let now = utc::naive(shared.clock.now_seconds());
    let mut data = shared.lock();
    let board = Board {
        id: data.next_board_id(),
        name,
        description,
        privacy,
        collaborator_count: 0,
        follower_count: 0,
        created_at: now.clone(),
        pins_modified_at: now,
        is_ads_only,
        sections: Vec::new(),
    };
    let answer = board_json(&board, 0);
    data.boards.push(board);
    Reply::json(201, &answer)
}

/// `PATCH /v5/boards/{board_id}`: `name` (not blank), `description`
/// (`null` clears it), `privacy` `PUBLIC` or `SECRET`. Making a board
/// secret, or changing a secret one, needs `boards:write_secret`.
/// Ad-only boards are refused: the answer's schema
/// (`BoardWithUpdatePrivacy`) has no `PROTECTED`.
pub(crate) fn update(shared: &Shared, call: &Call) -> Reply {
    let body = match call.request.json_object("BoardWithUpdatePrivacyUpdate") {
        Ok(body) => body,
        Err(reply) => return reply,
    };
    let changes = match board_changes(&body) {
        Ok(changes) => changes,
        Err(message) => return Reply::invalid(&message),
    };
    let mut data = shared.lock();
    let Some(board) = data
        .board(call.param("board_id"))
        .filter(|b| visible(b, call))
    else {
        return board_not_found();
    };
    if let Err(reply) = may_write_board(board, call) {
        return reply;
    }
    if changes.privacy == Some(Privacy::Secret)
        && let Err(reply) = call.require("boards:write_secret")
    {
        return reply;
    }
    if board.privacy == Privacy::Protected {
        return Reply::invalid(
            "Invalid request: ad-only boards are always PROTECTED and cannot be updated here.",
        );
    }
    let id = board.id.clone();
    let Some(board) = data.board_mut(&id) else {
        return board_not_found();
    };
    if let Some(name) = changes.name {
        board.name = name;
    }
    if let Some(description) = changes.description {
        board.description = description;
    }
    if let Some(privacy) = changes.privacy {
        board.privacy = privacy;
    }
    let board = board.clone();
    Reply::json(200, &board_json(&board, data.pin_count(&board.id)))
}

/// What a `BoardWithUpdatePrivacyUpdate` body asks to change.
struct BoardChanges {
    name: Option<String>,
    description: Option<Option<String>>,
    privacy: Option<Privacy>,
}

fn board_changes(body: &Map<String, Value>) -> Result<BoardChanges, String> {
    let name = change(body, "name", false)?.flatten();
    if let Some(name) = &name {
        not_blank(name)?;
    }
    Ok(BoardChanges {
        name,
        description: change(body, "description", true)?,
        privacy: body
            .get("privacy")
            .map(|value| privacy(value, &["PUBLIC", "SECRET"]))
            .transpose()?,
    })
}

/// `DELETE /v5/boards/{board_id}`: the board goes with its sections and
/// every pin on it.
pub(crate) fn delete(shared: &Shared, call: &Call) -> Reply {
    let mut data = shared.lock();
    let Some(board) = data
        .board(call.param("board_id"))
        .filter(|b| visible(b, call))
    else {
        return board_not_found();
    };
    if let Err(reply) = may_write_board(board, call) {
        return reply;
    }
    let id = board.id.clone();
    data.boards.retain(|b| b.id != id);
    data.pins.retain(|p| p.board_id != id);
    Reply::no_content()
}

fn not_blank(name: &str) -> Result<(), String> {
    if name.trim().is_empty() {
        Err("'name' must not be empty".to_owned())
    } else {
        Ok(())
    }
}

/// A privacy value among `allowed`.
fn privacy(value: &Value, allowed: &[&str]) -> Result<Privacy, String> {
    value
        .as_str()
        .filter(|v| allowed.contains(v))
        .and_then(Privacy::parse)
        .ok_or_else(|| {
            let quoted: Vec<String> = allowed.iter().map(|a| format!("'{a}'")).collect();
            format!(
                "'privacy' value {value} is not one of [{}]",
                quoted.join(", ")
            )
        })
}
