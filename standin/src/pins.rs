//! `POST /v5/pins`: authentication and scopes, the write budget, Trial
//! access, the body check, the board and section lookups, and the created
//! `Pin` (with a zone-less `created_at`, as Pinterest sends it).

use serde_json::{Value, json};

use super::api::{authenticate, visible};
use super::limits::Verdict;
use super::pin_body::{self, Media, PinCreate};
use super::reply::{Incoming, Reply};
use super::state::Shared;
use super::{CreatedPin, Environment, TRIAL_MESSAGE, USERNAME};
use crate::utc;

/// Scopes `pins/create` needs.
const REQUIRED: [&str; 4] = ["boards:read", "boards:write", "pins:read", "pins:write"];
/// Pinterest's message for code 8.
const RATE_MESSAGE: &str = "This request exceeded a rate limit. This can happen if the client exceeds one of the published rate limits or if multiple write operations are applied to an object within a short time window.";

/// `POST /v5/pins`.
pub(crate) fn create(shared: &Shared, request: &Incoming) -> Reply {
    let grant = match authenticate(shared, request, &REQUIRED) {
        Ok(grant) => grant,
        Err(reply) => return reply,
    };
    let mut budget = Vec::new();
    if let Some(limit) = shared.settings.write_limit {
        let now = shared.clock.now_millis();
        let verdict = shared.lock().limiter.write(limit, request.environment, now);
        match verdict {
            Verdict::Limited {
                limit,
                reset_seconds,
            } => {
                return Reply::error(429, 8, RATE_MESSAGE)
                    .with_header("x-ratelimit-limit", limit.to_string())
                    .with_header("x-ratelimit-remaining", "0")
                    .with_header("x-ratelimit-reset", reset_seconds.to_string())
                    .with_header("retry-after", reset_seconds.to_string());
            }
            Verdict::Allowed {
                limit,
                remaining,
                reset_seconds,
            } => {
                budget = vec![
                    ("x-ratelimit-limit", limit.to_string()),
                    ("x-ratelimit-remaining", remaining.to_string()),
                    ("x-ratelimit-reset", reset_seconds.to_string()),
                ];
            }
        }
    }
    let mut reply = checked_create(shared, request, &grant);
    for (name, value) in budget {
        reply = reply.with_header(name, value);
    }
    reply
}

fn checked_create(
    shared: &Shared,
    request: &Incoming,
    grant: &super::grants::AccessGrant,
) -> Reply {
    if shared.settings.trial && request.environment == Environment::Production {
        return Reply::error(403, 29, TRIAL_MESSAGE);
    }
    let is_json = request
        .header("content-type")
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
    if !is_json {
        return Reply::invalid(
            "Invalid request: the body must be JSON (Content-Type: application/json).",
        );
    }
    let Ok(body) = serde_json::from_slice::<Value>(&request.body) else {
        return Reply::invalid("Invalid request: the body is not valid JSON.");
    };
    let sandbox = request.environment == Environment::Sandbox;
    let pin = match pin_body::check(&body, sandbox) {
        Ok(pin) => pin,
        Err(message) => return Reply::invalid(&message),
    };
    let now = shared.clock.now_seconds();
    let mut data = shared.lock();
    let Some(board) = data
        .boards
        .iter()
        .find(|b| b.id == pin.board_id && visible(b, grant))
    else {
        return Reply::error(404, 40, "Board not found.");
    };
    if let Some(section) = &pin.board_section_id
        && !board.sections.contains(section)
    {
        return Reply::error(404, 2031, "Sorry! We couldn't find this board section.");
    }
    let id = data.next_pin_id();
    let created_at = utc::naive(now);
    let answer = pin_json(&id, &created_at, &pin);
    data.pins.push(CreatedPin {
        id,
        environment: request.environment,
        board_id: pin.board_id.clone(),
        board_section_id: pin.board_section_id.clone(),
        title: pin.title.clone(),
        description: pin.description.clone(),
        link: pin.link.clone(),
        media_type: media_type(&pin.media).to_owned(),
        created_at,
        request: body,
    });
    Reply::json(201, &answer)
}

fn media_type(media: &Media) -> &'static str {
    match media {
        Media::Image => "image",
        Media::Images(_) => "multiple_images",
        Media::Video { .. } => "video",
    }
}

/// Pinterest's `ImageSize` for a pin's image.
fn images(key: &str) -> Value {
    let rendition = |size: &str, width: u32, height: Option<u32>| {
        json!({
            "width": width,
            "height": height.unwrap_or(width),
            "url": format!("https://i.pinimg.com/{size}/standin/{key}.jpg"),
        })
    };
    json!({
        "150x150": rendition("150x150", 150, None),
        "400x300": rendition("400x300", 400, Some(300)),
        "600x": rendition("600x", 600, None),
        "1200x": rendition("1200x", 1200, None),
    })
}

/// The created pin as Pinterest's `Pin`.
fn pin_json(id: &str, created_at: &str, pin: &PinCreate) -> Value {
    let (media, creative_type) = match &pin.media {
        Media::Image => (
            json!({ "media_type": "image", "images": images(id) }),
            "REGULAR",
        ),
        Media::Images(items) => (
            json!({
                "media_type": "multiple_images",
                "items": items.iter().enumerate().map(|(i, item)| json!({
                    "item_type": "image",
                    "images": images(&format!("{id}-{i}")),
                    "title": item.title,
                    "description": item.description,
                    "link": item.link,
                })).collect::<Vec<_>>(),
            }),
            "CAROUSEL",
        ),
        Media::Video { cover_url } => (
            json!({
                "media_type": "video",
                "cover_image_url": cover_url.clone().unwrap_or_else(|| format!("https://i.pinimg.com/videos/thumbnails/standin/{id}.jpg")),
                "video_url": null,
                "duration": null,
                "height": null,
                "width": null,
            }),
            "VIDEO",
        ),
    };
    json!({
        "id": id,
        "created_at": created_at,
        "link": pin.link,
        "title": pin.title,
        "description": pin.description,
        "dominant_color": pin.dominant_color,
        "alt_text": pin.alt_text,
        "creative_type": creative_type,
        "board_id": pin.board_id,
        "board_section_id": pin.board_section_id,
        "board_owner": { "username": USERNAME },
        "is_owner": true,
        "media": media,
        "parent_pin_id": pin.parent_pin_id,
        "is_standard": true,
        "has_been_promoted": false,
        "pin_metrics": null,
    })
}
