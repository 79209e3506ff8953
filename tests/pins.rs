//! Pins natively: the checks before sending, the exact `PinCreate` bodies
//! for every media source, and reading the created pin.

mod support;

use pinterest_connector::internals::pins;
use pinterest_connector::{
    Error, ImageData, ImageDataItem, ImageFormat, ImageUrlItem, MediaSource, PinInput, VideoCover,
    check_pin,
};
use serde_json::{Value, json};
use support::*;

const PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
const JPEG: &str = "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=";

fn input(media: MediaSource) -> PinInput {
    PinInput {
        board_id: "549755885175".into(),
        board_section_id: None,
        media,
        title: None,
        description: None,
        link: None,
        alt_text: None,
        dominant_color: None,
        parent_pin_id: None,
    }
}

fn png() -> ImageData {
    ImageData {
        format: ImageFormat::Png,
        data: PNG.into(),
    }
}

/// The JSON body `create-pin` sends for `pin`.
fn body(pin: &PinInput) -> Value {
    let request = pins::create_request(&config(), &access_token(), pin).unwrap();
    assert_eq!(request.url, "https://api.pinterest.com/v5/pins");
    assert_eq!(request.header("content-type"), Some("application/json"));
    serde_json::from_slice(request.bytes().unwrap()).unwrap()
}

/// The invalid-input error for `pin`.
fn rejected(pin: &PinInput) -> (String, String) {
    match pins::create_request(&config(), &access_token(), pin) {
        Err(Error::InvalidInput { field, reason }) => (field, reason),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn image_url_pin_with_every_field() {
    let pin = PinInput {
        board_section_id: Some("5258814934636085108".into()),
        title: Some("Lemon tart".into()),
        description: Some("Bright and tangy".into()),
        link: Some("https://shop.example/tart?utm=pin".into()),
        alt_text: Some("A lemon tart on a plate".into()),
        dominant_color: Some("#E8D3DB".into()),
        parent_pin_id: Some("999658448514149467".into()),
        ..input(MediaSource::ImageUrl("https://cdn.example/tart.jpg".into()))
    };
    assert_eq!(
        body(&pin),
        json!({
            "board_id": "549755885175",
            "board_section_id": "5258814934636085108",
            "media_source": {"source_type": "image_url", "url": "https://cdn.example/tart.jpg"},
            "title": "Lemon tart",
            "description": "Bright and tangy",
            "link": "https://shop.example/tart?utm=pin",
            "alt_text": "A lemon tart on a plate",
            "dominant_color": "#E8D3DB",
            "parent_pin_id": "999658448514149467"
        })
    );
}

#[test]
fn empty_optional_fields_are_left_out() {
    let pin = PinInput {
        title: Some(String::new()),
        board_section_id: Some(String::new()),
        ..input(MediaSource::ImageUrl("https://cdn.example/a.png".into()))
    };
    assert_eq!(
        body(&pin),
        json!({
            "board_id": "549755885175",
            "media_source": {"source_type": "image_url", "url": "https://cdn.example/a.png"}
        })
    );
}

#[test]
fn base64_image_pin() {
    assert_eq!(
        body(&input(MediaSource::ImageData(png())))["media_source"],
        json!({"source_type": "image_base64", "content_type": "image/png", "data": PNG})
    );
    let jpeg = ImageData {
        format: ImageFormat::Jpeg,
        data: JPEG.into(),
    };
    assert_eq!(
        body(&input(MediaSource::ImageData(jpeg)))["media_source"]["content_type"],
        "image/jpeg"
    );
}

#[test]
fn multi_image_pins() {
    let urls = MediaSource::ImageUrls {
        items: vec![
            ImageUrlItem {
                url: "https://cdn.example/1.jpg".into(),
                title: Some("One".into()),
                ..Default::default()
            },
            ImageUrlItem {
                url: "https://cdn.example/2.jpg".into(),
                link: Some("https://shop.example/2".into()),
                ..Default::default()
            },
        ],
        index: Some(1),
    };
    assert_eq!(
        body(&input(urls))["media_source"],
        json!({
            "source_type": "multiple_image_urls",
            "items": [
                {"url": "https://cdn.example/1.jpg", "title": "One"},
                {"url": "https://cdn.example/2.jpg", "link": "https://shop.example/2"}
            ],
            "index": 1
        })
    );
    let item = |title: &str| ImageDataItem {
        image: png(),
        title: Some(title.into()),
        description: None,
        link: None,
    };
    let data = MediaSource::ImagesData {
        items: vec![item("a"), item("b"), item("c")],
        index: None,
    };
    assert_eq!(
        body(&input(data))["media_source"],
        json!({
            "source_type": "multiple_image_base64",
            "items": [
                {"content_type": "image/png", "data": PNG, "title": "a"},
                {"content_type": "image/png", "data": PNG, "title": "b"},
                {"content_type": "image/png", "data": PNG, "title": "c"}
            ]
        })
    );
}

#[test]
fn video_pins_with_each_kind_of_cover() {
    let video = |cover| {
        input(MediaSource::Video {
            media_id: "12345".into(),
            cover,
        })
    };
    assert_eq!(
        body(&video(VideoCover::Url(
            "https://cdn.example/cover.jpg".into()
        )))["media_source"],
        json!({"source_type": "video_id", "media_id": "12345", "cover_image_url": "https://cdn.example/cover.jpg"})
    );
    assert_eq!(
        body(&video(VideoCover::Image(png())))["media_source"],
        json!({"source_type": "video_id", "media_id": "12345", "cover_image_content_type": "image/png", "cover_image_data": PNG})
    );
    assert_eq!(
        body(&video(VideoCover::KeyFrameSeconds(3)))["media_source"],
        json!({"source_type": "video_id", "media_id": "12345", "cover_image_key_frame_time": 3})
    );
}

#[test]
fn every_limit_is_checked_before_sending_and_named() {
    let url = || MediaSource::ImageUrl("https://cdn.example/a.jpg".into());
    let cases: Vec<(PinInput, &str, &str)> = vec![
        (
            PinInput {
                board_id: "my-board".into(),
                ..input(url())
            },
            "pin.board-id",
            "decimal id",
        ),
        (
            PinInput {
                board_section_id: Some("x1".into()),
                ..input(url())
            },
            "pin.board-section-id",
            "decimal id",
        ),
        (
            PinInput {
                parent_pin_id: Some("-1".into()),
                ..input(url())
            },
            "pin.parent-pin-id",
            "decimal id",
        ),
        (
            PinInput {
                title: Some("t".repeat(101)),
                ..input(url())
            },
            "pin.title",
            "is 101 characters; the limit is 100",
        ),
        (
            PinInput {
                description: Some("d".repeat(801)),
                ..input(url())
            },
            "pin.description",
            "limit is 800",
        ),
        (
            PinInput {
                alt_text: Some("a".repeat(501)),
                ..input(url())
            },
            "pin.alt-text",
            "limit is 500",
        ),
        (
            PinInput {
                link: Some(format!("https://e.example/{}", "l".repeat(2040))),
                ..input(url())
            },
            "pin.link",
            "limit is 2048",
        ),
        (
            PinInput {
                link: Some("ftp://e.example/a".into()),
                ..input(url())
            },
            "pin.link",
            "http or https",
        ),
        (
            PinInput {
                dominant_color: Some("red".into()),
                ..input(url())
            },
            "pin.dominant-color",
            "#6E7874",
        ),
        (
            input(MediaSource::ImageUrl("/relative.jpg".into())),
            "pin.media.url",
            "absolute URL",
        ),
        (
            input(MediaSource::ImageData(ImageData {
                format: ImageFormat::Png,
                data: "not base64!".into(),
            })),
            "pin.media.data",
            "standard base64",
        ),
        (
            input(MediaSource::ImageData(ImageData {
                format: ImageFormat::Jpeg,
                data: PNG.into(),
            })),
            "pin.media.data",
            "holds an image/png image but content-type says image/jpeg",
        ),
        (
            input(MediaSource::ImageUrls {
                items: vec![ImageUrlItem {
                    url: "https://e.example/1.jpg".into(),
                    ..Default::default()
                }],
                index: None,
            }),
            "pin.media.items",
            "has 1 image; a multi-image pin takes 2 to 5",
        ),
        (
            input(MediaSource::ImageUrls {
                items: vec![
                    ImageUrlItem {
                        url: "https://e.example/1.jpg".into(),
                        ..Default::default()
                    };
                    6
                ],
                index: None,
            }),
            "pin.media.items",
            "has 6 images",
        ),
        (
            input(MediaSource::ImageUrls {
                items: vec![
                    ImageUrlItem {
                        url: "https://e.example/1.jpg".into(),
                        ..Default::default()
                    };
                    2
                ],
                index: Some(2),
            }),
            "pin.media.index",
            "must be 0 to 1",
        ),
        (
            input(MediaSource::ImageUrls {
                items: vec![
                    ImageUrlItem {
                        url: "https://e.example/1.jpg".into(),
                        ..Default::default()
                    },
                    ImageUrlItem {
                        url: "https://e.example/2.jpg".into(),
                        title: Some("t".repeat(101)),
                        ..Default::default()
                    },
                ],
                index: None,
            }),
            "pin.media.items[1].title",
            "limit is 100",
        ),
        (
            input(MediaSource::Video {
                media_id: "abc".into(),
                cover: VideoCover::KeyFrameSeconds(1),
            }),
            "pin.media.media-id",
            "decimal id",
        ),
        (
            input(MediaSource::Video {
                media_id: "1".into(),
                cover: VideoCover::Url("javascript:x".into()),
            }),
            "pin.media.cover.url",
            "http or https",
        ),
    ];
    for (pin, field, reason) in cases {
        let (f, r) = rejected(&pin);
        assert_eq!(f, field, "{r}");
        assert!(r.contains(reason), "{field}: {r}");
        assert_eq!(
            check_pin(&pin),
            Err(Error::InvalidInput {
                field: f,
                reason: r
            }),
            "check-pin refuses {field} as create-pin does"
        );
    }
}

#[test]
fn check_pin_accepts_what_create_pin_sends() {
    let video = |cover| {
        input(MediaSource::Video {
            // Before the upload: any decimal id stands in for the real one.
            media_id: "1".into(),
            cover,
        })
    };
    let pins = [
        PinInput {
            board_section_id: Some("5258814934636085108".into()),
            title: Some("t".repeat(100)),
            description: Some("d".repeat(800)),
            link: Some("https://shop.example/tart".into()),
            alt_text: Some("a".repeat(500)),
            dominant_color: Some("#E8D3DB".into()),
            parent_pin_id: Some("999658448514149467".into()),
            ..input(MediaSource::ImageUrl("https://cdn.example/tart.jpg".into()))
        },
        input(MediaSource::ImageData(png())),
        video(VideoCover::Url("https://cdn.example/cover.jpg".into())),
        video(VideoCover::Image(png())),
        video(VideoCover::KeyFrameSeconds(3)),
    ];
    for pin in pins {
        assert_eq!(check_pin(&pin), Ok(()), "{pin:?}");
        assert!(pins::create_request(&config(), &access_token(), &pin).is_ok());
    }
}

#[test]
fn created_pins_are_read_leniently() {
    let answer = json!({
        "id": "999658448514149467",
        "board_id": "999658517227244888",
        "board_section_id": null,
        "board_owner": {"username": "Pattern_buy"},
        "title": "Design",
        "description": "Details",
        "link": "https://www.patternbuy.com/detail/19993",
        "dominant_color": "#e8d3db",
        "alt_text": null,
        "parent_pin_id": null,
        "created_at": "2022-10-13T01:40:29",
        "media": {
            "media_type": "image",
            "images": {
                "150x150": {"width": 150, "height": 150, "url": "https://i.pinimg.com/150x150/a.jpg"},
                "1200x": {"width": 1200, "height": 1508, "url": "https://i.pinimg.com/1200x/a.jpg"},
                "originals": {"width": 1200, "height": 1508, "url": "https://i.pinimg.com/originals/a.jpg"}
            }
        },
        "pin_metrics": null,
        "some_future_field": {"x": 1}
    });
    let mut script = Script::new([json(201, answer)]);
    let cfg = config();
    let pin = connector(&cfg, script.client())
        .create_pin(
            &access_token(),
            &input(MediaSource::ImageUrl("https://cdn.example/a.jpg".into())),
        )
        .unwrap();
    assert_eq!(pin.id, "999658448514149467");
    assert_eq!(pin.url, "https://www.pinterest.com/pin/999658448514149467/");
    assert_eq!(pin.board_id.as_deref(), Some("999658517227244888"));
    assert_eq!(pin.board_section_id, None);
    assert_eq!(pin.board_owner_username.as_deref(), Some("Pattern_buy"));
    assert_eq!(pin.created_at.as_deref(), Some("2022-10-13T01:40:29Z"));
    assert_eq!(pin.media_type.as_deref(), Some("image"));
    assert_eq!(
        pin.image_url.as_deref(),
        Some("https://i.pinimg.com/originals/a.jpg")
    );
}

#[test]
fn times_are_converted_to_utc() {
    use pinterest_connector::internals::datetime::to_utc;
    for (given, expected) in [
        ("2022-10-13T01:40:29", Some("2022-10-13T01:40:29Z")),
        ("2022-10-13T01:40:29.123", Some("2022-10-13T01:40:29.123Z")),
        ("2022-10-13T01:40:29Z", Some("2022-10-13T01:40:29Z")),
        ("2020-01-01T20:10:40-00:00", Some("2020-01-01T20:10:40Z")),
        ("2020-01-01T20:10:40+05:30", Some("2020-01-01T14:40:40Z")),
        ("2020-01-01", None),
    ] {
        assert_eq!(to_utc(given).as_deref(), expected, "{given}");
    }
}

#[test]
fn a_created_pin_reports_its_time_in_utc() {
    for (given, expected) in [
        (
            json!("2022-10-13T01:40:29+05:30"),
            Some("2022-10-12T20:10:29Z"),
        ),
        (
            json!("2022-12-31T23:30:00.25-01:00"),
            Some("2023-01-01T00:30:00.25Z"),
        ),
        (
            json!("2022-10-13T01:40:29-00:00"),
            Some("2022-10-13T01:40:29Z"),
        ),
        (json!("13/10/2022"), None),
        (json!(1_665_625_229), None),
    ] {
        let mut script = Script::new([json(201, json!({"id": "1", "created_at": given}))]);
        let cfg = config();
        let pin = connector(&cfg, script.client())
            .create_pin(
                &access_token(),
                &input(MediaSource::ImageUrl("https://cdn.example/a.jpg".into())),
            )
            .unwrap();
        assert_eq!(pin.created_at.as_deref(), expected, "{given}");
    }
}

#[test]
fn the_ids_of_a_created_pin_are_strict() {
    let create = |answer: serde_json::Value| {
        let mut script = Script::new([json(201, answer)]);
        let cfg = config();
        connector(&cfg, script.client()).create_pin(
            &access_token(),
            &input(MediaSource::ImageUrl("https://cdn.example/a.jpg".into())),
        )
    };
    for (field, value) in [
        ("board_id", json!({"id": "1"})),
        ("board_section_id", json!(["2"])),
        ("parent_pin_id", json!(-3)),
    ] {
        let mut answer = json!({"id": "1", "board_id": "42"});
        answer[field] = value.clone();
        let error = create(answer).unwrap_err();
        assert!(
            matches!(error, Error::UnexpectedResponse { .. }),
            "{field} {value}: {error:?}"
        );
    }
    // Null or empty where Pinterest leaves a section out.
    for section in [json!(null), json!("")] {
        let pin = create(json!({"id": "1", "board_id": 42, "board_section_id": section})).unwrap();
        assert_eq!(pin.board_id.as_deref(), Some("42"));
        assert_eq!(pin.board_section_id, None, "{section}");
    }
}

#[test]
fn video_and_multi_image_pins_report_an_image() {
    for (media, url) in [
        (
            json!({"media_type": "video", "cover_image_url": "https://i.pinimg.com/v.jpg"}),
            "https://i.pinimg.com/v.jpg",
        ),
        (
            json!({"media_type": "multiple_images", "items": [{"images": {"600x": {"url": "https://i.pinimg.com/m.jpg", "width": 600, "height": 600}}}]}),
            "https://i.pinimg.com/m.jpg",
        ),
    ] {
        let mut script = Script::new([json(201, json!({"id": "1", "media": media}))]);
        let cfg = config();
        let pin = connector(&cfg, script.client())
            .create_pin(
                &access_token(),
                &input(MediaSource::ImageUrl("https://cdn.example/a.jpg".into())),
            )
            .unwrap();
        assert_eq!(pin.image_url.as_deref(), Some(url));
    }
}

#[test]
fn image_data_prints_only_its_length() {
    let shown = format!("{:?}", png());
    assert!(!shown.contains(PNG), "{shown}");
    assert!(shown.contains("data_len"), "{shown}");
}
