//! `POST /v5/pins`: Trial access, the body check, the board, section and
//! video lookups, and the created `Pin`.

use serde_json::Value;

use super::api::{board_not_found, may_write_pins, visible};
use super::model::{PinMedia, StoredPin};
use super::pin_body;
use super::pin_json::pin_json;
use super::reply::Reply;
use super::routes::Call;
use super::state::Shared;
use super::{CreatedPin, Environment, MediaStatus, TRIAL_MESSAGE, utc};

/// Pinterest's message for code 2031 (an unknown section where a pin goes).
pub(crate) const SECTION_NOT_FOUND: &str = "Sorry! We couldn't find this board section.";

/// `POST /v5/pins`.
pub(crate) fn create(shared: &Shared, call: &Call) -> Reply {
    let request = call.request;
    if shared.settings.trial && request.environment == Environment::Production {
        return Reply::error(403, 29, TRIAL_MESSAGE);
    }
    let body = match request.json_object("PinCreate") {
        Ok(object) => Value::Object(object),
        Err(reply) => return reply,
    };
    let sandbox = request.environment == Environment::Sandbox;
    let pin = match pin_body::check(&body, sandbox) {
        Ok(pin) => pin,
        Err(message) => return Reply::invalid(&message),
    };
    let now = shared.clock.now_seconds();
    let mut data = shared.lock();
    let Some(board) = data
        .board(&pin.board_id)
        .filter(|b| visible(b, call))
        .cloned()
    else {
        return board_not_found();
    };
    if let Err(reply) = may_write_pins(&board, call) {
        return reply;
    }
    if let Some(section) = &pin.board_section_id
        && board.section(section).is_none()
    {
        return Reply::error(404, 2031, SECTION_NOT_FOUND);
    }
    if let PinMedia::Video { media_id } = &pin.media {
        match data.media_upload(media_id).map(|m| m.status) {
            None => return media_not_found(media_id),
            Some(MediaStatus::Succeeded) => {}
            Some(status) => {
                return Reply::invalid(&format!(
                    "Invalid request: media upload {media_id} is {}; a video Pin needs one that GET /v5/media/{media_id} reports as succeeded.",
                    status.as_str()
                ));
            }
        }
    }
    let (id, seq) = data.next_pin_id();
    let stored = StoredPin {
        image_key: id.clone(),
        id: id.clone(),
        seq,
        environment: request.environment,
        created_unix: now,
        created_at: utc::naive(now),
        board_id: pin.board_id.clone(),
        board_section_id: pin.board_section_id.clone(),
        title: pin.title.clone(),
        description: pin.description.clone(),
        link: pin.link.clone(),
        alt_text: pin.alt_text.clone(),
        dominant_color: pin.dominant_color.clone(),
        parent_pin_id: pin.parent_pin_id.clone(),
        media: pin.media.clone(),
    };
    let answer = pin_json(&stored, false);
    data.created.push(created(&stored, body));
    data.pins.push(stored);
    data.touch_board(&pin.board_id, now);
    Reply::json(201, &answer)
}

/// The record of a created pin, for [`super::StandIn::pins`].
pub(crate) fn created(pin: &StoredPin, request: Value) -> CreatedPin {
    CreatedPin {
        id: pin.id.clone(),
        environment: pin.environment,
        board_id: pin.board_id.clone(),
        board_section_id: pin.board_section_id.clone(),
        title: pin.title.clone(),
        description: pin.description.clone(),
        link: pin.link.clone(),
        media_type: pin.media.media_type().to_owned(),
        created_at: pin.created_at.clone(),
        request,
    }
}

/// 404 for a `media_id` the account never registered.
pub(crate) fn media_not_found(media_id: &str) -> Reply {
    Reply::error(404, 404, &format!("Media upload {media_id} not found."))
}
