//! `find-duplicate-pins` natively: what makes a pin match a candidate (a
//! link compared as a URL, an image URL compared with every rendition,
//! a title but for case), the checks on the candidate and the cap before
//! any request, and the scan through pages of 250 with its cap.

mod support;

use pinterest_connector::{
    DuplicateCandidate, DuplicateReport, Error, MatchKind, PinSource, Request,
};
use serde_json::{Value, json};
use support::*;

const BOARD: &str = "549755885175";

fn board() -> PinSource {
    PinSource::Board(BOARD.into())
}

fn link(link: &str) -> DuplicateCandidate {
    DuplicateCandidate {
        link: Some(link.into()),
        ..DuplicateCandidate::default()
    }
}

fn image(url: &str) -> DuplicateCandidate {
    DuplicateCandidate {
        image_url: Some(url.into()),
        ..DuplicateCandidate::default()
    }
}

fn title(title: &str) -> DuplicateCandidate {
    DuplicateCandidate {
        title: Some(title.into()),
        ..DuplicateCandidate::default()
    }
}

/// An image pin: `id`, a title, a link and three renditions.
fn pin(id: u64) -> Value {
    json!({
        "id": id.to_string(),
        "title": format!("Lemon tart {id}"),
        "link": format!("https://shop.example/tart/{id}"),
        "created_at": "2024-05-01T10:20:30",
        "media": {"media_type": "image", "images": {
            "150x150": {"width": 150, "height": 150, "url": format!("https://i.pinimg.com/150x150/{id}.jpg")},
            "600x": {"width": 600, "height": 900, "url": format!("https://i.pinimg.com/600x/{id}.jpg")},
            "1200x": {"width": 1200, "height": 1800, "url": format!("https://i.pinimg.com/1200x/{id}.jpg")},
        }},
    })
}

fn page(items: Vec<Value>, bookmark: Option<&str>) -> Value {
    json!({"items": items, "bookmark": bookmark})
}

/// Scans one page holding `items` for `candidate`.
fn scan(items: Vec<Value>, candidate: &DuplicateCandidate) -> DuplicateReport {
    let mut script = Script::new([json(200, page(items, None))]);
    let config = config();
    connector(&config, script.client())
        .find_duplicate_pins(&access_token(), &board(), candidate, None)
        .unwrap()
}

fn matched_ids(report: &DuplicateReport) -> Vec<&str> {
    report
        .duplicates
        .iter()
        .map(|d| d.pin.id.as_str())
        .collect()
}

#[test]
fn links_match_as_urls() {
    let mut odd = pin(5);
    odd["link"] = json!("not a url at all");
    let mut ported = pin(6);
    ported["link"] = json!("HTTPS://Shop.Example:443/tart/1");
    let items = vec![pin(1), pin(2), odd, ported];
    for (candidate, expected) in [
        ("https://shop.example/tart/1", vec!["1", "6"]),
        ("https://SHOP.example:443/tart/1", vec!["1", "6"]),
        ("HTTPS://shop.example/tart/2", vec!["2"]),
        ("https://shop.example/tart/2?x=1", vec![]),
        ("https://shop.example/TART/2", vec![]),
        ("http://shop.example/tart/2", vec![]),
    ] {
        let report = scan(items.clone(), &link(candidate));
        assert_eq!(matched_ids(&report), expected, "{candidate}");
        assert!(
            report
                .duplicates
                .iter()
                .all(|d| d.matched == [MatchKind::Link])
        );
    }
    // A link that does not parse is compared as given: a host name the
    // component does not decode, here.
    let mut international = pin(7);
    international["link"] = json!("https://bücher.example/ä");
    let report = scan(vec![international], &link("https://bücher.example/ä"));
    assert_eq!(matched_ids(&report), ["7"]);
}

#[test]
fn image_urls_match_any_rendition_a_carousel_item_or_a_video_cover() {
    let carousel = json!({
        "id": "20",
        "media": {"media_type": "multiple_images", "items": [
            {"item_type": "image", "images": {"600x": {"url": "https://i.pinimg.com/600x/a.jpg"}}},
            {"item_type": "image", "images": {"600x": {"url": "https://i.pinimg.com/600x/b.jpg"}, "originals": {"url": "https://i.pinimg.com/originals/b.jpg"}}},
        ]},
    });
    let video = json!({
        "id": "30",
        "media": {"media_type": "video", "cover_image_url": "https://i.pinimg.com/videos/thumbnails/c.jpg",
                  "images": {"400x300": {"url": "https://i.pinimg.com/400x300/c.jpg"}}},
    });
    let mixed = json!({
        "id": "40",
        "media": {"media_type": "multiple_mixed", "items": [
            {"item_type": "video", "cover_image_url": "https://i.pinimg.com/videos/thumbnails/d.jpg"},
        ]},
    });
    let items = vec![pin(1), carousel, video, mixed];
    for (candidate, expected) in [
        ("https://i.pinimg.com/150x150/1.jpg", "1"),
        ("https://I.PINIMG.COM/1200x/1.jpg", "1"),
        ("https://i.pinimg.com/600x/b.jpg", "20"),
        ("https://i.pinimg.com/originals/b.jpg", "20"),
        ("https://i.pinimg.com/videos/thumbnails/c.jpg", "30"),
        ("https://i.pinimg.com/400x300/c.jpg", "30"),
        ("https://i.pinimg.com/videos/thumbnails/d.jpg", "40"),
    ] {
        let report = scan(items.clone(), &image(candidate));
        assert_eq!(matched_ids(&report), [expected], "{candidate}");
        assert_eq!(report.duplicates[0].matched, [MatchKind::ImageUrl]);
    }
    let report = scan(items, &image("https://cdn.example/original.jpg"));
    assert!(report.duplicates.is_empty());
    assert_eq!(report.scanned, 4);
}

#[test]
fn the_pin_is_returned_as_every_operation_reads_it() {
    let report = scan(vec![pin(1)], &image("https://i.pinimg.com/150x150/1.jpg"));
    let found = &report.duplicates[0].pin;
    assert_eq!(
        found.image_url.as_deref(),
        Some("https://i.pinimg.com/1200x/1.jpg"),
        "the largest rendition"
    );
    assert_eq!(found.url, "https://www.pinterest.com/pin/1/");
    assert_eq!(found.created_at.as_deref(), Some("2024-05-01T10:20:30Z"));
}

#[test]
fn titles_match_but_for_case() {
    let mut accented = pin(2);
    accented["title"] = json!("CRÈME BRÛLÉE À L'ORANGE");
    let mut greek = pin(3);
    greek["title"] = json!("ΟΔΥΣΣΕΑΣ");
    let mut spaced = pin(4);
    spaced["title"] = json!(" crème brûlée à l'orange");
    let mut untitled = pin(5);
    untitled["title"] = Value::Null;
    let items = vec![pin(1), accented, greek, spaced, untitled];
    let report = scan(items.clone(), &title("Crème Brûlée à l'Orange"));
    assert_eq!(matched_ids(&report), ["2"]);
    assert_eq!(report.duplicates[0].matched, [MatchKind::Title]);
    let report = scan(items.clone(), &title("Οδυσσεας"));
    assert_eq!(matched_ids(&report), ["3"]);
    let report = scan(items, &title("lemon TART 1"));
    assert_eq!(matched_ids(&report), ["1"]);
}

#[test]
fn a_pin_matching_several_fields_says_which_in_order() {
    let candidate = DuplicateCandidate {
        link: Some("https://shop.example/tart/2".into()),
        image_url: Some("https://i.pinimg.com/600x/1.jpg".into()),
        title: Some("LEMON TART 1".into()),
    };
    let report = scan(vec![pin(1), pin(2), pin(3)], &candidate);
    let found: Vec<(&str, &[MatchKind])> = report
        .duplicates
        .iter()
        .map(|d| (d.pin.id.as_str(), d.matched.as_slice()))
        .collect();
    assert_eq!(
        found,
        [
            ("1", &[MatchKind::ImageUrl, MatchKind::Title][..]),
            ("2", &[MatchKind::Link][..]),
        ]
    );
    assert_eq!((report.scanned, report.complete), (3, true));
    assert_eq!(report.bookmark, None);
}

#[test]
fn the_scan_follows_bookmarks_in_pages_of_250_up_to_its_cap() {
    let ids = |from: u64, n: u64| (from..from + n).map(pin).collect::<Vec<_>>();
    let mut script = Script::new([
        json(200, page(ids(0, 250), Some("b2"))),
        json(200, page(ids(250, 250), Some("b3"))),
        json(200, page(ids(500, 100), Some("b4"))),
    ]);
    let config = config();
    let report = connector(&config, script.client())
        .find_duplicate_pins(
            &access_token(),
            &board(),
            &title("Lemon tart 420"),
            Some(600),
        )
        .unwrap();
    assert_eq!(matched_ids(&report), ["420"]);
    assert_eq!(report.scanned, 600);
    assert!(!report.complete, "the cap stopped it");
    assert_eq!(report.bookmark.as_deref(), Some("b4"));
    let queries: Vec<String> = script
        .sent
        .iter()
        .map(|r: &Request| r.url.split_once('?').unwrap().1.to_owned())
        .collect();
    assert_eq!(
        queries,
        [
            "page_size=250",
            "bookmark=b2&page_size=250",
            "bookmark=b3&page_size=100"
        ]
    );
    // The default cap: 1000 pins.
    let mut script =
        Script::new((0..5).map(|i| json(200, page(ids(i * 250, 250), Some(&format!("b{i}"))))));
    let report = connector(&config, script.client())
        .find_duplicate_pins(&access_token(), &board(), &title("x"), None)
        .unwrap();
    assert_eq!((report.scanned, report.complete), (1000, false));
    assert_eq!(script.sent.len(), 4);
}

#[test]
fn a_bookmark_that_repeats_stops_the_scan() {
    let mut script = Script::new((0..3).map(|_| json(200, page(vec![pin(1)], Some("again")))));
    let config = config();
    let error = connector(&config, script.client())
        .find_duplicate_pins(&access_token(), &board(), &title("x"), None)
        .unwrap_err();
    let Error::UnexpectedResponse { failure, excerpt } = error else {
        panic!("{error:?}")
    };
    assert!(
        failure
            .summary
            .contains("same bookmark twice while listing pins")
    );
    assert!(failure.remedy.contains("list-pins"), "{}", failure.remedy);
    assert_eq!(excerpt, "again");
    assert_eq!(script.sent.len(), 2);
}

#[test]
fn the_candidate_and_the_cap_are_checked_before_any_request() {
    let refused = |candidate: DuplicateCandidate, cap: Option<u32>, source: PinSource| {
        let mut script = Script::default();
        let config = config();
        let error = connector(&config, script.client())
            .find_duplicate_pins(&access_token(), &source, &candidate, cap)
            .unwrap_err();
        assert!(script.sent.is_empty());
        match error {
            Error::InvalidInput { field, reason } => (field, reason),
            other => panic!("{other:?}"),
        }
    };
    let cases = [
        (
            DuplicateCandidate::default(),
            "candidate",
            "has no field to compare",
        ),
        (link(""), "candidate.link", "is empty"),
        (link("shop.example/tart"), "candidate.link", "absolute URL"),
        (
            link("ftp://shop.example/tart"),
            "candidate.link",
            "http or https",
        ),
        (
            link(&format!("https://shop.example/{}", "a".repeat(2040))),
            "candidate.link",
            "limit is 2048",
        ),
        (
            image("data:image/png;base64,AAAA"),
            "candidate.image-url",
            "http or https",
        ),
        (
            image(&format!("https://cdn.example/{}", "a".repeat(8180))),
            "candidate.image-url",
            "limit is 8192",
        ),
        (title(""), "candidate.title", "is empty"),
        (
            title(&"é".repeat(101)),
            "candidate.title",
            "101 characters; the limit is 100",
        ),
    ];
    for (candidate, field, said) in cases {
        let (f, reason) = refused(candidate, None, board());
        assert_eq!(f, field);
        assert!(reason.contains(said), "{field}: {reason}");
    }
    for cap in [0, 10_001] {
        let (field, reason) = refused(title("x"), Some(cap), board());
        assert_eq!(field, "max-scanned");
        assert!(reason.contains("between 1 and 10000"), "{reason}");
    }
    let (field, _) = refused(title("x"), None, PinSource::Board("my board".into()));
    assert_eq!(field, "source.board");
    // Exactly 100 characters and the longest link are fine.
    let mut script = Script::new([json(200, page(vec![], None))]);
    let config = config();
    let candidate = DuplicateCandidate {
        link: Some(format!("https://shop.example/{}", "a".repeat(2027))),
        image_url: None,
        title: Some("é".repeat(100)),
    };
    let report = connector(&config, script.client())
        .find_duplicate_pins(&access_token(), &board(), &candidate, Some(10_000))
        .unwrap();
    assert_eq!((report.scanned, report.complete), (0, true));
}
