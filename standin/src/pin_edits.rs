//! One pin: reading it, changing it (`PinUpdate`, moving it to another
//! board or section included), deleting it, and saving it to a board.

use serde_json::{Map, Value};

use super::api::{board_not_found, may_write_pins, visible};
use super::fields::{change, numeric, web_url, within};
use super::model::{Board, Privacy, StoredPin};
use super::paging;
use super::pin_json::pin_json;
use super::pins::{SECTION_NOT_FOUND, created};
use super::reply::Reply;
use super::routes::Call;
use super::state::{Data, Shared};
use super::utc;

/// `404 code 50 Pin not found.`
fn pin_not_found() -> Reply {
    Reply::error(404, 50, "Pin not found.")
}

/// The call's pin and its board, if the token can see them: pins on a
/// secret board need `boards:read_secret` and `pins:read_secret`.
fn visible_pin<'a>(data: &'a Data, call: &Call) -> Result<(&'a StoredPin, &'a Board), Reply> {
    let pin = data.pin(call.param("pin_id")).ok_or_else(pin_not_found)?;
    let board = data
        .board(&pin.board_id)
        .filter(|b| visible(b, call))
        .filter(|b| b.privacy != Privacy::Secret || call.has("pins:read_secret"))
        .ok_or_else(pin_not_found)?;
    Ok((pin, board))
}

/// `GET /v5/pins/{pin_id}`: `pin_metrics` fills `pin_metrics`.
pub(crate) fn get(shared: &Shared, call: &Call) -> Reply {
    let with_metrics = match paging::flag(call.request, "pin_metrics", false) {
        Ok(flag) => flag,
        Err(reply) => return reply,
    };
    let data = shared.lock();
    match visible_pin(&data, call) {
        Ok((pin, _)) => Reply::json(200, &pin_json(pin, with_metrics)),
        Err(reply) => reply,
    }
}

/// What a `PinUpdate` body asks to change: absent fields stay, `null`
/// clears a nullable one.
struct PinChanges {
    board_id: Option<String>,
    board_section_id: Option<Option<String>>,
    title: Option<Option<String>>,
    description: Option<Option<String>>,
    link: Option<Option<String>>,
    alt_text: Option<Option<String>>,
}

fn pin_changes(body: &Map<String, Value>) -> Result<PinChanges, String> {
    if body.get("carousel_slots").is_some_and(|v| !v.is_null()) {
        return Err("'carousel_slots' is not offered by this stand-in.".to_owned());
    }
    let board_id = change(body, "board_id", false)?.flatten();
    if let Some(id) = &board_id {
        numeric("board_id", id)?;
    }
    let board_section_id = change(body, "board_section_id", true)?;
    if let Some(Some(id)) = &board_section_id {
        numeric("board_section_id", id)?;
    }
    let limited = |key: &str, max: usize| -> Result<Option<Option<String>>, String> {
        let value = change(body, key, true)?;
        if let Some(Some(text)) = &value {
            within(key, text, max)?;
        }
        Ok(value)
    };
    let link = limited("link", 2048)?;
    if let Some(Some(link)) = &link {
        web_url(link)?;
    }
    Ok(PinChanges {
        board_id,
        board_section_id,
        title: limited("title", 100)?,
        description: limited("description", 800)?,
        link,
        alt_text: limited("alt_text", 500)?,
    })
}

/// `PATCH /v5/pins/{pin_id}`. Moving to another board takes the pin out of
/// its section unless `board_section_id` names one of the new board's.
pub(crate) fn update(shared: &Shared, call: &Call) -> Reply {
    let body = match call.request.json_object("PinUpdate") {
        Ok(body) => body,
        Err(reply) => return reply,
    };
    let changes = match pin_changes(&body) {
        Ok(changes) => changes,
        Err(message) => return Reply::invalid(&message),
    };
    let now = shared.clock.now_seconds();
    let mut data = shared.lock();
    let (pin, board) = match visible_pin(&data, call) {
        Ok(found) => found,
        Err(reply) => return reply,
    };
    if let Err(reply) = may_write_pins(board, call) {
        return reply;
    }
    let (pin_id, from) = (pin.id.clone(), board.id.clone());
    let to = changes.board_id.clone().unwrap_or_else(|| from.clone());
    let target = match data.board(&to).filter(|b| visible(b, call)) {
        Some(target) => target,
        None => return board_not_found(),
    };
    if let Err(reply) = may_write_pins(target, call) {
        return reply;
    }
    let section = match &changes.board_section_id {
        Some(Some(id)) if target.section(id).is_none() => {
            return Reply::error(404, 2031, SECTION_NOT_FOUND);
        }
        Some(section) => Some(section.clone()),
        None if to != from => Some(None),
        None => None,
    };
    let Some(pin) = data.pins.iter_mut().find(|p| p.id == pin_id) else {
        return pin_not_found();
    };
    pin.board_id.clone_from(&to);
    if let Some(section) = section {
        pin.board_section_id = section;
    }
    for (field, value) in [
        (&mut pin.title, changes.title),
        (&mut pin.description, changes.description),
        (&mut pin.link, changes.link),
        (&mut pin.alt_text, changes.alt_text),
    ] {
        if let Some(value) = value {
            *field = value;
        }
    }
    let answer = pin_json(pin, false);
    data.touch_board(&from, now);
    data.touch_board(&to, now);
    Reply::json(200, &answer)
}

/// `DELETE /v5/pins/{pin_id}`.
pub(crate) fn delete(shared: &Shared, call: &Call) -> Reply {
    let now = shared.clock.now_seconds();
    let mut data = shared.lock();
    let (pin, board) = match visible_pin(&data, call) {
        Ok(found) => found,
        Err(reply) => return reply,
    };
    if let Err(reply) = may_write_pins(board, call) {
        return reply;
    }
    let (pin_id, board_id) = (pin.id.clone(), board.id.clone());
    data.pins.retain(|p| p.id != pin_id);
    data.touch_board(&board_id, now);
    Reply::no_content()
}

/// `POST /v5/pins/{pin_id}/save`: a new pin with the same content on the
/// board (`board_id`) or section (`board_section_id`, whose board is
/// implied when `board_id` is absent), its `parent_pin_id` the original.
pub(crate) fn save(shared: &Shared, call: &Call) -> Reply {
    let body = match call.request.json_object("a Pin save request") {
        Ok(body) => body,
        Err(reply) => return reply,
    };
    let place = (|| {
        let board_id = change(&body, "board_id", true)?.flatten();
        let section_id = change(&body, "board_section_id", true)?.flatten();
        for (key, value) in [("board_id", &board_id), ("board_section_id", &section_id)] {
            if let Some(value) = value {
                numeric(key, value)?;
            }
        }
        if board_id.is_none() && section_id.is_none() {
            return Err(
                "Invalid request: give 'board_id' or 'board_section_id' (where to save the Pin)."
                    .to_owned(),
            );
        }
        Ok((board_id, section_id))
    })();
    let (board_id, section_id) = match place {
        Ok(place) => place,
        Err(message) => return Reply::invalid(&message),
    };
    let now = shared.clock.now_seconds();
    let mut data = shared.lock();
    let original = match visible_pin(&data, call) {
        Ok((pin, _)) => pin.clone(),
        Err(reply) => return reply,
    };
    let target = match (&board_id, &section_id) {
        (Some(id), _) => data.board(id),
        (None, Some(section)) => data.boards.iter().find(|b| b.section(section).is_some()),
        (None, None) => None,
    };
    let target = match target.filter(|b| visible(b, call)) {
        Some(board) => board,
        None if board_id.is_none() => return Reply::error(404, 2031, SECTION_NOT_FOUND),
        None => return board_not_found(),
    };
    if let Err(reply) = may_write_pins(target, call) {
        return reply;
    }
    if let Some(section) = &section_id
        && target.section(section).is_none()
    {
        return Reply::error(404, 2031, SECTION_NOT_FOUND);
    }
    let target_id = target.id.clone();
    let (id, seq) = data.next_pin_id();
    let saved = StoredPin {
        id,
        seq,
        environment: call.request.environment,
        created_unix: now,
        created_at: utc::naive(now),
        board_id: target_id.clone(),
        board_section_id: section_id,
        parent_pin_id: Some(original.id.clone()),
        ..original
    };
    let answer = pin_json(&saved, false);
    data.created
        .push(created(&saved, Value::Object(body.clone())));
    data.pins.push(saved);
    data.touch_board(&target_id, now);
    Reply::json(201, &answer)
}
