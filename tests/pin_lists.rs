//! Pin listings natively: the request of each source, reading pages of
//! `Pin`s as every pin operation reads a pin, and listing them all.

mod support;

use pinterest_connector::internals::pins;
use pinterest_connector::{Error, PageQuery, PinSource, SectionRef};
use serde_json::{Value, json};
use support::*;

fn sources() -> [PinSource; 3] {
    [
        PinSource::Board("549755885175".into()),
        PinSource::Section(SectionRef {
            board_id: "549755885175".into(),
            section_id: "4983232016467541134".into(),
        }),
        PinSource::Account,
    ]
}

fn page(ids: std::ops::Range<u64>, bookmark: Option<&str>) -> Value {
    let items: Vec<Value> = ids.map(|i| json!({"id": i.to_string()})).collect();
    json!({"items": items, "bookmark": bookmark})
}

#[test]
fn each_source_lists_its_own_path() {
    let query = PageQuery {
        bookmark: Some("p2".into()),
        page_size: Some(100),
    };
    let urls: Vec<String> = sources()
        .iter()
        .map(|s| {
            pins::list_request(&config(), &access_token(), s, &query)
                .unwrap()
                .url
        })
        .collect();
    assert_eq!(
        urls,
        [
            "https://api.pinterest.com/v5/boards/549755885175/pins?bookmark=p2&page_size=100",
            "https://api.pinterest.com/v5/boards/549755885175/sections/4983232016467541134/pins?bookmark=p2&page_size=100",
            "https://api.pinterest.com/v5/pins?bookmark=p2&page_size=100",
        ]
    );
}

#[test]
fn source_ids_are_checked_under_their_names() {
    let field = |source: PinSource| match pins::list_request(
        &config(),
        &access_token(),
        &source,
        &PageQuery::default(),
    ) {
        Err(Error::InvalidInput { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    assert_eq!(field(PinSource::Board("../1".into())), "source.board");
    let section = |board: &str, section: &str| {
        PinSource::Section(SectionRef {
            board_id: board.into(),
            section_id: section.into(),
        })
    };
    assert_eq!(field(section("x", "1")), "source.section.board-id");
    assert_eq!(field(section("1", "")), "source.section.section-id");
}

#[test]
fn pins_in_a_page_are_read_like_a_created_pin() {
    let body = json!({"items": [{
        "id": 813744226420795884u64,
        "title": "Lemon tart",
        "board_id": "549755885175",
        "board_section_id": 4983232016467541134u64,
        "created_at": "2024-05-01T10:20:30",
        "media": {"media_type": "multiple_images", "items": [{"images": {"150x150": {"url": "https://i.pinimg.com/150x150/a.jpg"}}}]},
        "unknown": {"deep": [[]]}
    }], "bookmark": ""});
    let mut script = Script::new([json(200, body)]);
    let cfg = config();
    let page = connector(&cfg, script.client())
        .list_pins(&access_token(), &PinSource::Account, &PageQuery::default())
        .unwrap();
    assert_eq!(page.bookmark, None);
    let pin = &page.items[0];
    assert_eq!(pin.id, "813744226420795884");
    assert_eq!(pin.url, "https://www.pinterest.com/pin/813744226420795884/");
    assert_eq!(pin.board_section_id.as_deref(), Some("4983232016467541134"));
    assert_eq!(pin.created_at.as_deref(), Some("2024-05-01T10:20:30Z"));
    assert_eq!(pin.media_type.as_deref(), Some("multiple_images"));
    assert_eq!(
        pin.image_url.as_deref(),
        Some("https://i.pinimg.com/150x150/a.jpg")
    );
}

#[test]
fn a_page_of_more_than_250_pins_or_a_numeric_bookmark_is_unexpected() {
    for body in [page(0..251, None), json!({"items": [], "bookmark": 42})] {
        let mut script = Script::new([json(200, body)]);
        let cfg = config();
        let error = connector(&cfg, script.client())
            .list_pins(&access_token(), &sources()[0], &PageQuery::default())
            .unwrap_err();
        let Error::UnexpectedResponse { failure, .. } = &error else {
            panic!("{error:?}")
        };
        assert!(
            failure.summary.starts_with(
                "While listing the board's pins, Pinterest's answer could not be read"
            ),
            "{}",
            failure.summary
        );
    }
}

#[test]
fn list_all_pages_each_source_with_its_cap() {
    let cfg = config();
    for source in sources() {
        let mut script = Script::new([
            json(200, page(0..250, Some("p2"))),
            json(200, page(250..500, Some("p3"))),
        ]);
        let all = connector(&cfg, script.client())
            .list_all_pins(&access_token(), &source, Some(300))
            .unwrap();
        assert_eq!(all.items.len(), 500);
        assert_eq!(all.bookmark.as_deref(), Some("p3"));
        assert!(script.sent[0].url.ends_with("?page_size=250"));
        assert!(script.sent[1].url.ends_with("?bookmark=p2&page_size=50"));
    }
    let mut script = Script::new([]);
    let error = connector(&cfg, script.client())
        .list_all_pins(&access_token(), &PinSource::Account, Some(10_001))
        .unwrap_err();
    assert!(matches!(error, Error::InvalidInput { field, .. } if field == "max-items"));
    assert!(script.sent.is_empty());
}
