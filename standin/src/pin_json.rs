//! A pin as Pinterest's `Pin`: `created_at` without a zone, `board_owner`,
//! and `media` with image renditions on Pinterest's image host. Pinterest
//! does not report the URL an image was fetched from, so neither does this.

use serde_json::{Value, json};

use super::USERNAME;
use super::model::{PinMedia, StoredPin};

/// Pinterest's `ImageSize` for the image named `key`.
pub(crate) fn images(key: &str) -> Value {
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

/// The pin's `media` (`PinMedia`).
fn media(pin: &StoredPin) -> Value {
    let key = &pin.image_key;
    match &pin.media {
        PinMedia::Image => json!({ "media_type": "image", "images": images(key) }),
        PinMedia::Images(items) => json!({
            "media_type": "multiple_images",
            "items": items.iter().enumerate().map(|(i, item)| json!({
                "item_type": "image",
                "images": images(&format!("{key}-{i}")),
                "title": item.title,
                "description": item.description,
                "link": item.link,
            })).collect::<Vec<_>>(),
        }),
        PinMedia::Video { .. } => json!({
            "media_type": "video",
            "cover_image_url": format!("https://i.pinimg.com/videos/thumbnails/originals/standin/{key}.0000000.jpg"),
            "images": images(key),
            "video_url": null,
            "duration": null,
            "height": null,
            "width": null,
        }),
    }
}

/// Placeholder metrics, for `pin_metrics=true`.
fn metrics() -> Value {
    json!({
        "90d": { "pin_click": 0, "impression": 0, "clickthrough": 0 },
        "lifetime_metrics": { "pin_click": 0, "impression": 0, "clickthrough": 0, "reaction": 0, "comment": 0 },
    })
}

/// `pin` as Pinterest's `Pin`; `with_metrics` fills `pin_metrics`.
pub(crate) fn pin_json(pin: &StoredPin, with_metrics: bool) -> Value {
    json!({
        "id": pin.id,
        "created_at": pin.created_at,
        "link": pin.link,
        "title": pin.title,
        "description": pin.description,
        "dominant_color": pin.dominant_color,
        "alt_text": pin.alt_text,
        "creative_type": pin.media.creative_type(),
        "board_id": pin.board_id,
        "board_section_id": pin.board_section_id,
        "board_owner": { "username": USERNAME },
        "is_owner": true,
        "media": media(pin),
        "parent_pin_id": pin.parent_pin_id,
        "is_standard": true,
        "has_been_promoted": false,
        "pin_metrics": if with_metrics { metrics() } else { Value::Null },
    })
}
