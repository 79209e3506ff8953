//! `create-pin` through the real component: the exact JSON Pinterest
//! receives, the pin that comes back, the checks made before sending, and
//! every failure.

mod common;

use common::*;
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, ResponseTemplate};

const PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

fn endpoint() -> wiremock::MockBuilder {
    Mock::given(method("POST")).and(path("/v5/pins"))
}

fn pin(media: types::MediaSource) -> types::PinInput {
    types::PinInput {
        board_id: "549755885175".into(),
        board_section_id: None,
        media,
        title: Some("Lemon tart".into()),
        description: Some("Bright and tangy".into()),
        link: Some("https://shop.example/tart".into()),
        alt_text: Some("A lemon tart".into()),
        dominant_color: Some("#6E7874".into()),
        parent_pin_id: None,
    }
}

fn created() -> ResponseTemplate {
    ResponseTemplate::new(201).set_body_json(json!({
        "id": "813744226420795884",
        "created_at": "2024-05-01T10:20:30",
        "link": "https://shop.example/tart",
        "title": "Lemon tart",
        "description": "Bright and tangy",
        "dominant_color": "#6E7874",
        "alt_text": "A lemon tart",
        "board_id": "549755885175",
        "board_section_id": null,
        "board_owner": {"username": "lemonshop"},
        "media": {"media_type": "image", "images": {"600x": {"width": 600, "height": 900, "url": "https://i.pinimg.com/600x/a.jpg"}}},
        "parent_pin_id": null,
        "is_standard": true,
        "has_been_promoted": false
    }))
}

#[test]
fn creates_an_image_url_pin() {
    let p = Pinterest::start();
    p.mount(
        endpoint()
            .and(header(
                "authorization",
                format!("Bearer {ACCESS_TOKEN}").as_str(),
            ))
            .and(header("content-type", "application/json"))
            .respond_with(created()),
    );
    let created = host()
        .create_pin(
            &p.config(),
            ACCESS_TOKEN,
            &pin(types::MediaSource::ImageUrl(
                "https://cdn.example/tart.jpg".into(),
            )),
        )
        .unwrap()
        .unwrap();
    assert_eq!(created.id, "813744226420795884");
    assert_eq!(
        created.url,
        "https://www.pinterest.com/pin/813744226420795884/"
    );
    assert_eq!(created.board_id.as_deref(), Some("549755885175"));
    assert_eq!(created.created_at.as_deref(), Some("2024-05-01T10:20:30Z"));
    assert_eq!(
        created.image_url.as_deref(),
        Some("https://i.pinimg.com/600x/a.jpg")
    );
    assert_eq!(created.board_owner_username.as_deref(), Some("lemonshop"));
    assert_eq!(
        json(&p.single_request()),
        json!({
            "board_id": "549755885175",
            "media_source": {"source_type": "image_url", "url": "https://cdn.example/tart.jpg"},
            "title": "Lemon tart",
            "description": "Bright and tangy",
            "link": "https://shop.example/tart",
            "alt_text": "A lemon tart",
            "dominant_color": "#6E7874"
        })
    );
}

#[test]
fn the_created_pin_reports_its_time_in_utc() {
    let p = Pinterest::start();
    p.mount(
        endpoint().respond_with(ResponseTemplate::new(201).set_body_json(
            json!({"id": "813744226420795884", "created_at": "2024-12-31T23:30:00-01:00"}),
        )),
    );
    let created = host()
        .create_pin(
            &p.config(),
            ACCESS_TOKEN,
            &pin(types::MediaSource::ImageUrl(
                "https://cdn.example/tart.jpg".into(),
            )),
        )
        .unwrap()
        .unwrap();
    assert_eq!(created.created_at.as_deref(), Some("2025-01-01T00:30:00Z"));
}

#[test]
fn sends_every_media_source_as_the_spec_names_it() {
    let image = || types::ImageData {
        content_type: types::ImageContentType::Png,
        data: PNG.into(),
    };
    let url_item = |n: u32| types::ImageUrlItem {
        url: format!("https://cdn.example/{n}.jpg"),
        title: None,
        description: Some(format!("Step {n}")),
        link: None,
    };
    let data_item = || types::ImageDataItem {
        image: image(),
        title: None,
        description: None,
        link: None,
    };
    let cases = [
        (
            types::MediaSource::ImageData(image()),
            json!({"source_type": "image_base64", "content_type": "image/png", "data": PNG}),
        ),
        (
            types::MediaSource::ImageUrls(types::ImageUrls {
                items: vec![url_item(1), url_item(2)],
                index: Some(0),
            }),
            json!({"source_type": "multiple_image_urls", "index": 0, "items": [
                {"url": "https://cdn.example/1.jpg", "description": "Step 1"},
                {"url": "https://cdn.example/2.jpg", "description": "Step 2"}
            ]}),
        ),
        (
            types::MediaSource::ImagesData(types::ImagesData {
                items: vec![data_item(), data_item()],
                index: None,
            }),
            json!({"source_type": "multiple_image_base64", "items": [
                {"content_type": "image/png", "data": PNG},
                {"content_type": "image/png", "data": PNG}
            ]}),
        ),
        (
            types::MediaSource::Video(types::Video {
                media_id: "4200".into(),
                cover: types::VideoCover::KeyFrameSeconds(2),
            }),
            json!({"source_type": "video_id", "media_id": "4200", "cover_image_key_frame_time": 2}),
        ),
    ];
    for (media, expected) in cases {
        let p = Pinterest::start();
        p.mount(endpoint().respond_with(created()));
        host()
            .create_pin(&p.config(), ACCESS_TOKEN, &pin(media))
            .unwrap()
            .unwrap();
        assert_eq!(json(&p.single_request())["media_source"], expected);
    }
}

#[test]
fn bad_input_is_refused_before_any_request_with_field_and_limit() {
    let p = Pinterest::start();
    let url = || types::MediaSource::ImageUrl("https://cdn.example/a.jpg".into());
    let cases = [
        (
            types::PinInput {
                title: Some("x".repeat(101)),
                ..pin(url())
            },
            "pin.title",
            "limit is 100",
        ),
        (
            types::PinInput {
                description: Some("x".repeat(801)),
                ..pin(url())
            },
            "pin.description",
            "limit is 800",
        ),
        (
            types::PinInput {
                alt_text: Some("x".repeat(501)),
                ..pin(url())
            },
            "pin.alt-text",
            "limit is 500",
        ),
        (
            types::PinInput {
                link: Some("shop.example/tart".into()),
                ..pin(url())
            },
            "pin.link",
            "absolute URL",
        ),
        (
            types::PinInput {
                board_id: "https://pinterest.com/me/board".into(),
                ..pin(url())
            },
            "pin.board-id",
            "decimal id",
        ),
        (
            pin(types::MediaSource::ImageData(types::ImageData {
                content_type: types::ImageContentType::Jpeg,
                data: PNG.into(),
            })),
            "pin.media.data",
            "content-type says image/jpeg",
        ),
        (
            pin(types::MediaSource::ImageUrls(types::ImageUrls {
                items: vec![],
                index: None,
            })),
            "pin.media.items",
            "2 to 5",
        ),
    ];
    for (input, field, limit) in cases {
        let error = host()
            .create_pin(&p.config(), ACCESS_TOKEN, &input)
            .unwrap()
            .unwrap_err();
        let reason = invalid_input(error, field);
        assert!(reason.contains(limit), "{field}: {reason}");
    }
    assert!(p.requests().is_empty());
}

#[test]
fn a_trial_app_in_production_is_told_to_use_the_sandbox() {
    let p = Pinterest::start();
    p.mount(endpoint().respond_with(ResponseTemplate::new(403).set_body_json(json!({
        "code": 29,
        "message": "Apps with Trial access may not create Pins in production https://api.pinterest.com - use API Sandbox https://api-sandbox.pinterest.com instead."
    }))));
    let error = host()
        .create_pin(
            &p.config(),
            ACCESS_TOKEN,
            &pin(types::MediaSource::ImageUrl(
                "https://cdn.example/a.jpg".into(),
            )),
        )
        .unwrap()
        .unwrap_err();
    let Error::TrialAccess(f) = &error else {
        panic!("{error:?}")
    };
    assert!(
        f.remedy.contains("Set the environment to sandbox"),
        "{}",
        f.remedy
    );
}

#[test]
fn a_server_error_warns_that_the_pin_may_exist() {
    let p = Pinterest::start();
    p.mount(endpoint().respond_with(ResponseTemplate::new(503)));
    let error = host()
        .create_pin(
            &p.config(),
            ACCESS_TOKEN,
            &pin(types::MediaSource::ImageUrl(
                "https://cdn.example/a.jpg".into(),
            )),
        )
        .unwrap()
        .unwrap_err();
    assert!(
        failure(&error)
            .remedy
            .contains("check the board before retrying"),
        "{error:?}"
    );
}

#[test]
fn every_failure_is_typed() {
    assert_failures(endpoint, api_failures(), |p| {
        host()
            .create_pin(
                &p.config(),
                ACCESS_TOKEN,
                &pin(types::MediaSource::ImageUrl(
                    "https://cdn.example/a.jpg".into(),
                )),
            )
            .unwrap()
            .map(drop)
    });
}
