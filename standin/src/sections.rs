//! Board sections (`BoardSection`): the listing with bookmarks, and
//! creating, renaming and deleting them.

use serde_json::{Map, Value, json};

use super::api::{board_not_found, may_write_board, visible};
use super::fields::{optional_string, within};
use super::model::{Board, Section};
use super::paging;
use super::reply::Reply;
use super::routes::Call;
use super::state::{Data, Shared};

/// Longest section name.
const MAX_NAME: usize = 180;

/// The description's answer for a section the board does not have.
pub(crate) fn section_not_found() -> Reply {
    Reply::error(404, 404, "Board section not found.")
}

fn section_json(section: &Section) -> Value {
    json!({ "id": section.id, "name": section.name })
}

/// The board of the call, if the token can see it.
fn board<'a>(data: &'a Data, call: &Call) -> Result<&'a Board, Reply> {
    data.board(call.param("board_id"))
        .filter(|b| visible(b, call))
        .ok_or_else(board_not_found)
}

/// `GET /v5/boards/{board_id}/sections`: in creation order.
pub(crate) fn list(shared: &Shared, call: &Call) -> Reply {
    let page_size = match paging::page_size(call.request) {
        Ok(size) => size,
        Err(reply) => return reply,
    };
    let listing = format!("sections|{}", call.param("board_id"));
    let after = match paging::read_bookmark(call.request, &listing) {
        Ok(None) => 0,
        Ok(Some(position)) => match position.parse::<u64>() {
            Ok(seq) => seq,
            Err(_) => return Reply::invalid("Invalid bookmark."),
        },
        Err(reply) => return reply,
    };
    let data = shared.lock();
    let board = match board(&data, call) {
        Ok(board) => board,
        Err(reply) => return reply,
    };
    let rest: Vec<&Section> = board.sections.iter().filter(|s| s.seq > after).collect();
    let page = &rest[..page_size.min(rest.len())];
    let bookmark = (rest.len() > page.len())
        .then(|| page.last())
        .flatten()
        .map(|last| paging::write_bookmark(&listing, &last.seq.to_string()));
    let items = page.iter().map(|s| section_json(s)).collect();
    Reply::json(200, &paging::page(items, bookmark))
}

/// `POST /v5/boards/{board_id}/sections`.
pub(crate) fn create(shared: &Shared, call: &Call) -> Reply {
    let name = match name(call) {
        Ok(name) => name,
        Err(reply) => return reply,
    };
    let mut data = shared.lock();
    let board_id = match board(&data, call) {
        Ok(board) => {
            if let Err(reply) = may_write_board(board, call) {
                return reply;
            }
            board.id.clone()
        }
        Err(reply) => return reply,
    };
    let (id, seq) = data.next_section_id();
    let section = Section { id, name, seq };
    let answer = section_json(&section);
    if let Some(board) = data.board_mut(&board_id) {
        board.sections.push(section);
    }
    Reply::json(201, &answer)
}

/// `PATCH /v5/boards/{board_id}/sections/{section_id}`: renames it.
pub(crate) fn update(shared: &Shared, call: &Call) -> Reply {
    let name = match name(call) {
        Ok(name) => name,
        Err(reply) => return reply,
    };
    let mut data = shared.lock();
    let board_id = match writable_section(&data, call) {
        Ok(board) => board,
        Err(reply) => return reply,
    };
    let section_id = call.param("section_id");
    let Some(section) = data
        .board_mut(&board_id)
        .and_then(|b| b.sections.iter_mut().find(|s| s.id == section_id))
    else {
        return section_not_found();
    };
    section.name = name;
    Reply::json(200, &section_json(section))
}

/// `DELETE /v5/boards/{board_id}/sections/{section_id}`: the section goes
/// with the pins in it.
pub(crate) fn delete(shared: &Shared, call: &Call) -> Reply {
    let now = shared.clock.now_seconds();
    let mut data = shared.lock();
    let board_id = match writable_section(&data, call) {
        Ok(board) => board,
        Err(reply) => return reply,
    };
    let section_id = call.param("section_id");
    if let Some(board) = data.board_mut(&board_id) {
        board.sections.retain(|s| s.id != section_id);
    }
    let before = data.pins.len();
    data.pins
        .retain(|p| p.board_section_id.as_deref() != Some(section_id));
    if data.pins.len() != before {
        data.touch_board(&board_id, now);
    }
    Reply::no_content()
}

/// The id of the call's board if the token may change it and it has the
/// call's section.
fn writable_section(data: &Data, call: &Call) -> Result<String, Reply> {
    let board = board(data, call)?;
    if board.section(call.param("section_id")).is_none() {
        return Err(section_not_found());
    }
    may_write_board(board, call)?;
    Ok(board.id.clone())
}

/// The `name` of a `BoardSection` body: 1 to 180 characters.
fn name(call: &Call) -> Result<String, Reply> {
    let body = call.request.json_object("BoardSection")?;
    section_name(&body).map_err(|message| Reply::invalid(&message))
}

fn section_name(body: &Map<String, Value>) -> Result<String, String> {
    let name = optional_string(body, "name", "name")?
        .ok_or_else(|| "'name' is a required property".to_owned())?;
    if name.is_empty() {
        return Err("'name' is too short: 0 characters; minLength is 1".to_owned());
    }
    within("name", &name, MAX_NAME)?;
    Ok(name)
}
