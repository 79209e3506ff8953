//! `check-pin` through the real component: the checks `create-pin` makes
//! before sending, with the same errors, and never a request.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::*;
use pinterest_connector_host::ConnectorHost;
use pinterest_connector_host::http::{HttpError, Request};
use wiremock::ResponseTemplate;
use wiremock::matchers::any;

const PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

fn pin(media: types::MediaSource) -> types::PinInput {
    types::PinInput {
        board_id: "549755885175".into(),
        board_section_id: Some("5258814934636085108".into()),
        media,
        title: Some("t".repeat(100)),
        description: Some("d".repeat(800)),
        link: Some("https://shop.example/tart".into()),
        alt_text: Some("a".repeat(500)),
        dominant_color: Some("#6E7874".into()),
        parent_pin_id: None,
    }
}

fn image() -> types::MediaSource {
    types::MediaSource::ImageUrl("https://cdn.example/tart.jpg".into())
}

/// A video pin before its upload: any decimal media id stands in.
fn video(cover: types::VideoCover) -> types::MediaSource {
    types::MediaSource::Video(types::Video {
        media_id: "1".into(),
        cover,
    })
}

/// The host with a transport that counts what would be sent and sends
/// nothing.
fn counting_host() -> (ConnectorHost, Arc<AtomicUsize>) {
    let sent = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&sent);
    let host = host().with_transport(Arc::new(move |_: Request| {
        counter.fetch_add(1, Ordering::SeqCst);
        Err(HttpError::Denied("no request expected".into()))
    }));
    (host, sent)
}

#[test]
fn a_valid_pin_passes_without_a_request() {
    let (host, sent) = counting_host();
    let pins = [
        pin(image()),
        pin(types::MediaSource::ImageData(types::ImageData {
            content_type: types::ImageContentType::Png,
            data: PNG.into(),
        })),
        pin(video(types::VideoCover::Url(
            "https://cdn.example/cover.jpg".into(),
        ))),
        pin(video(types::VideoCover::KeyFrameSeconds(2))),
    ];
    for pin in &pins {
        let checked = host.check_pin(pin).unwrap();
        assert!(checked.is_ok(), "{pin:?}: {checked:?}");
    }
    assert_eq!(sent.load(Ordering::SeqCst), 0);
}

#[test]
fn each_limit_is_refused_naming_the_field_as_create_pin_refuses_it() {
    let p = Pinterest::start();
    p.mount(wiremock::Mock::given(any()).respond_with(ResponseTemplate::new(500)));
    let (counted, sent) = counting_host();
    let cases: Vec<(types::PinInput, &str, &str)> = vec![
        (
            types::PinInput {
                title: Some("t".repeat(101)),
                ..pin(video(types::VideoCover::KeyFrameSeconds(2)))
            },
            "pin.title",
            "is 101 characters; the limit is 100",
        ),
        (
            types::PinInput {
                description: Some("d".repeat(801)),
                ..pin(image())
            },
            "pin.description",
            "the limit is 800",
        ),
        (
            types::PinInput {
                alt_text: Some("a".repeat(501)),
                ..pin(image())
            },
            "pin.alt-text",
            "the limit is 500",
        ),
        (
            types::PinInput {
                link: Some(format!("https://e.example/{}", "l".repeat(2040))),
                ..pin(image())
            },
            "pin.link",
            "the limit is 2048",
        ),
        (
            types::PinInput {
                board_id: "my-board".into(),
                ..pin(image())
            },
            "pin.board-id",
            "decimal id",
        ),
        (
            types::PinInput {
                board_section_id: Some("x".into()),
                ..pin(image())
            },
            "pin.board-section-id",
            "decimal id",
        ),
        (
            types::PinInput {
                dominant_color: Some("red".into()),
                ..pin(image())
            },
            "pin.dominant-color",
            "#6E7874",
        ),
        (
            pin(types::MediaSource::Video(types::Video {
                media_id: "video.mp4".into(),
                cover: types::VideoCover::KeyFrameSeconds(2),
            })),
            "pin.media.media-id",
            "decimal id",
        ),
        (
            pin(video(types::VideoCover::Url("javascript:x".into()))),
            "pin.media.cover.url",
            "http or https",
        ),
        (
            pin(types::MediaSource::ImageUrls(types::ImageUrls {
                items: vec![types::ImageUrlItem {
                    url: "https://e.example/1.jpg".into(),
                    title: None,
                    description: None,
                    link: None,
                }],
                index: None,
            })),
            "pin.media.items",
            "2 to 5",
        ),
    ];
    for (pin, field, reason) in cases {
        let (bad_field, bad_reason) = refusal(field, counted.check_pin(&pin).unwrap());
        assert_eq!(bad_field, field, "{bad_reason}");
        assert!(bad_reason.contains(reason), "{field}: {bad_reason}");
        let created = host()
            .create_pin(&p.config(), ACCESS_TOKEN, &pin)
            .unwrap()
            .map(drop);
        assert_eq!(
            refusal(field, created),
            (bad_field, bad_reason),
            "create-pin refuses {field} the same way"
        );
    }
    assert_eq!(sent.load(Ordering::SeqCst), 0);
    assert!(p.requests().is_empty(), "a request reached Pinterest");
}

/// The field and reason of an `invalid-input` error.
fn refusal(case: &str, result: Result<(), Error>) -> (String, String) {
    match result {
        Err(Error::InvalidInput(bad)) => (bad.field, bad.reason),
        other => panic!("{case}: expected invalid-input, got {other:?}"),
    }
}
