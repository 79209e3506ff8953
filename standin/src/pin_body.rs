//! Checking a `POST /v5/pins` body against Pinterest's `PinCreate`: field
//! types, patterns and length limits, and every `media_source` variant.
//! Each problem is one message for a 400 code 1 answer.

use base64::Engine as _;
use serde_json::{Map, Value};

use super::fields::{limited, numeric, optional_string, required_string, web_url};
use super::model::{ItemText, PinMedia};

/// A `PinCreate` body that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PinCreate {
    pub board_id: String,
    pub board_section_id: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub link: Option<String>,
    pub alt_text: Option<String>,
    pub dominant_color: Option<String>,
    pub parent_pin_id: Option<String>,
    pub media: PinMedia,
}

/// Checks `body`; `sandbox` refuses video pins, which the sandbox cannot
/// create.
pub(crate) fn check(body: &Value, sandbox: bool) -> Result<PinCreate, String> {
    let Some(object) = body.as_object() else {
        return Err("Invalid request: the body must be a JSON object (PinCreate).".to_owned());
    };
    let board_id = required_string(object, "board_id", "board_id")?;
    numeric("board_id", &board_id)?;
    let board_section_id = optional_string(object, "board_section_id", "board_section_id")?;
    if let Some(section) = &board_section_id {
        numeric("board_section_id", section)?;
    }
    let parent_pin_id = optional_string(object, "parent_pin_id", "parent_pin_id")?;
    if let Some(parent) = &parent_pin_id {
        numeric("parent_pin_id", parent)?;
    }
    let title = limited(object, "title", "title", 100)?;
    let description = limited(object, "description", "description", 800)?;
    let alt_text = limited(object, "alt_text", "alt_text", 500)?;
    let link = limited(object, "link", "link", 2048)?;
    if let Some(link) = &link {
        web_url(link)?;
    }
    let dominant_color = optional_string(object, "dominant_color", "dominant_color")?;
    if let Some(color) = &dominant_color {
        let hex = color.strip_prefix('#').unwrap_or_default();
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(format!(
                "'dominant_color' value '{color}' is not a hex color like #6E7874"
            ));
        }
    }
    let media = match object.get("media_source") {
        None | Some(Value::Null) => return Err("'media_source' is a required property".to_owned()),
        Some(Value::Object(source)) => media(source, sandbox)?,
        Some(other) => {
            return Err(format!(
                "'media_source' value {other} is not of type 'object'"
            ));
        }
    };
    Ok(PinCreate {
        board_id,
        board_section_id,
        title,
        description,
        link,
        alt_text,
        dominant_color,
        parent_pin_id,
        media,
    })
}

fn media(source: &Map<String, Value>, sandbox: bool) -> Result<PinMedia, String> {
    let source_type = required_string(source, "source_type", "media_source.source_type")?;
    match source_type.as_str() {
        "image_url" => {
            web_url(&required_string(source, "url", "media_source.url")?)?;
            Ok(PinMedia::Image)
        }
        "image_base64" => {
            image_data(source, "media_source")?;
            Ok(PinMedia::Image)
        }
        "multiple_image_urls" | "multiple_image_base64" => {
            let by_url = source_type == "multiple_image_urls";
            let items = match source.get("items") {
                Some(Value::Array(items)) => items,
                None | Some(Value::Null) => {
                    return Err("'media_source.items' is a required property".to_owned());
                }
                Some(other) => {
                    return Err(format!(
                        "'media_source.items' value {other} is not of type 'array'"
                    ));
                }
            };
            if items.len() < 2 {
                return Err(format!(
                    "'media_source.items' has {} items; minItems is 2",
                    items.len()
                ));
            }
            if items.len() > 5 {
                return Err(format!(
                    "'media_source.items' has {} items; maxItems is 5",
                    items.len()
                ));
            }
            if let Some(index) = source.get("index").filter(|v| !v.is_null()) {
                let position = index.as_i64().ok_or_else(|| {
                    format!("'media_source.index' value {index} is not of type 'integer'")
                })?;
                if position < 0 {
                    return Err(format!(
                        "'media_source.index' value {position} is less than the minimum of 0"
                    ));
                }
                if usize::try_from(position).map_or(true, |p| p >= items.len()) {
                    return Err(format!(
                        "'media_source.index' value {position} points past the {} items",
                        items.len()
                    ));
                }
            }
            let mut texts = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let path = format!("media_source.items[{i}]");
                let Some(item) = item.as_object() else {
                    return Err(format!("'{path}' value {item} is not of type 'object'"));
                };
                if by_url {
                    web_url(&required_string(item, "url", &format!("{path}.url"))?)?;
                } else {
                    image_data(item, &path)?;
                }
                let link = optional_string(item, "link", &format!("{path}.link"))?;
                if let Some(link) = &link {
                    web_url(link)?;
                }
                texts.push(ItemText {
                    title: optional_string(item, "title", &format!("{path}.title"))?,
                    description: optional_string(
                        item,
                        "description",
                        &format!("{path}.description"),
                    )?,
                    link,
                });
            }
            Ok(PinMedia::Images(texts))
        }
        "video_id" => {
            let media_id = required_string(source, "media_id", "media_source.media_id")?;
            numeric("media_source.media_id", &media_id)?;
            if sandbox {
                return Err("Video Pins cannot be created in the API Sandbox.".to_owned());
            }
            if let Some(url) =
                optional_string(source, "cover_image_url", "media_source.cover_image_url")?
            {
                web_url(&url)?;
            }
            let content_type = optional_string(
                source,
                "cover_image_content_type",
                "media_source.cover_image_content_type",
            )?;
            let data =
                optional_string(source, "cover_image_data", "media_source.cover_image_data")?;
            match (content_type, data) {
                (Some(content_type), Some(data)) => {
                    decode_image("media_source.cover_image_data", &content_type, &data)?;
                }
                (None, None) => {}
                (Some(_), None) => {
                    return Err(
                        "'media_source.cover_image_data' is required with cover_image_content_type"
                            .to_owned(),
                    );
                }
                (None, Some(_)) => {
                    return Err(
                        "'media_source.cover_image_content_type' is required with cover_image_data"
                            .to_owned(),
                    );
                }
            }
            if let Some(frame) = source
                .get("cover_image_key_frame_time")
                .filter(|v| !v.is_null())
                && frame.as_u64().is_none()
            {
                return Err(format!(
                    "'media_source.cover_image_key_frame_time' value {frame} is not an integer of at least 0"
                ));
            }
            Ok(PinMedia::Video { media_id })
        }
        "pin_url" => Err(
            "'media_source.source_type' value 'pin_url' is not offered by this stand-in."
                .to_owned(),
        ),
        other => Err(format!(
            "'media_source.source_type' value '{other}' is not one of ['image_base64', 'image_url', 'video_id', 'multiple_image_base64', 'multiple_image_urls', 'pin_url']"
        )),
    }
}

/// `content_type` and `data` of an image given as base64.
fn image_data(object: &Map<String, Value>, path: &str) -> Result<(), String> {
    let content_type = required_string(object, "content_type", &format!("{path}.content_type"))?;
    let data = required_string(object, "data", &format!("{path}.data"))?;
    decode_image(&format!("{path}.data"), &content_type, &data)
}

/// Checks the content type, the base64 pattern, and that the bytes are an
/// image of that type.
fn decode_image(field: &str, content_type: &str, data: &str) -> Result<(), String> {
    let magic: &[u8] = match content_type {
        "image/jpeg" => &[0xFF, 0xD8, 0xFF],
        "image/png" => b"\x89PNG\r\n\x1a\n",
        other => {
            return Err(format!(
                "'{field}' content type '{other}' is not one of ['image/jpeg', 'image/png']"
            ));
        }
    };
    if data.is_empty()
        || !data
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
    {
        return Err(format!(
            "'{field}' value must match the pattern: ^[a-zA-Z0-9+/=]+$"
        ));
    }
    let engine = &base64::engine::general_purpose::STANDARD;
    let bytes = engine
        .decode(data)
        .or_else(|_| base64::engine::general_purpose::STANDARD_NO_PAD.decode(data))
        .map_err(|_| format!("'{field}' is not valid base64"))?;
    if !bytes.starts_with(magic) {
        return Err(format!(
            "Invalid image: '{field}' is not a {content_type} image."
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    const PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    fn pin(media_source: Value) -> Value {
        json!({ "board_id": "549755885100", "media_source": media_source })
    }

    #[test]
    fn accepts_every_media_variant() {
        let variants = [
            json!({"source_type": "image_url", "url": "https://example.com/a.jpg"}),
            json!({"source_type": "image_base64", "content_type": "image/png", "data": PNG}),
            json!({"source_type": "multiple_image_urls", "index": 1, "items": [
                {"url": "https://example.com/a.jpg", "title": "A"},
                {"url": "https://example.com/b.jpg", "link": "https://example.com/b"}]}),
            json!({"source_type": "multiple_image_base64", "items": [
                {"content_type": "image/png", "data": PNG},
                {"content_type": "image/png", "data": PNG}]}),
            json!({"source_type": "video_id", "media_id": "12345", "cover_image_key_frame_time": 3}),
        ];
        for variant in variants {
            assert!(check(&pin(variant.clone()), false).is_ok(), "{variant}");
        }
    }

    #[test]
    fn names_what_is_wrong() {
        let cases = [
            (
                json!({"media_source": {"source_type": "image_url", "url": "https://e.com/a.jpg"}}),
                "'board_id' is a required property",
            ),
            (
                json!({"board_id": "12a", "media_source": {}}),
                "must match the pattern: ^\\d+$",
            ),
            (
                pin(json!({"source_type": "image_url", "url": "ftp://e.com/a"})),
                "Whoops!",
            ),
            (
                pin(
                    json!({"source_type": "image_base64", "content_type": "image/gif", "data": PNG}),
                ),
                "is not one of ['image/jpeg', 'image/png']",
            ),
            (
                pin(
                    json!({"source_type": "image_base64", "content_type": "image/png", "data": "a b"}),
                ),
                "^[a-zA-Z0-9+/=]+$",
            ),
            (
                pin(
                    json!({"source_type": "image_base64", "content_type": "image/jpeg", "data": PNG}),
                ),
                "is not a image/jpeg image",
            ),
            (
                pin(
                    json!({"source_type": "multiple_image_urls", "items": [{"url": "https://e.com/a.jpg"}]}),
                ),
                "minItems is 2",
            ),
            (
                pin(json!({"source_type": "video_id", "media_id": "x1"})),
                "'media_source.media_id' value 'x1'",
            ),
            (
                pin(json!({"source_type": "carousel"})),
                "is not one of ['image_base64'",
            ),
        ];
        for (body, expected) in cases {
            let error = check(&body, false).expect_err("must be refused");
            assert!(error.contains(expected), "{error} / {expected}");
        }
        let mut long = pin(json!({"source_type": "image_url", "url": "https://e.com/a.jpg"}));
        long["title"] = Value::from("t".repeat(101));
        assert_eq!(
            check(&long, false).expect_err("too long"),
            "'title' is too long: 101 characters; maxLength is 100"
        );
        let video = pin(json!({"source_type": "video_id", "media_id": "1"}));
        assert!(
            check(&video, true)
                .expect_err("sandbox")
                .contains("Sandbox")
        );
    }
}
