//! `find-duplicate-pins` through the real component against wiremock: the
//! requests of the scan (pages of 250, the source's path, the bookmark
//! followed), what matched and why, the cap and the report's bookmark,
//! the checks before any request, and every failure class.

mod common;

use common::*;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, ResponseTemplate};

/// The path each source lists, in the order of [`pin_sources`].
const PATHS: [&str; 3] = [
    "/v5/boards/549755885175/pins",
    "/v5/boards/549755885175/sections/4983232016467541134/pins",
    "/v5/pins",
];

fn page(items: Vec<Value>, bookmark: Option<&str>) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"items": items, "bookmark": bookmark}))
}

/// Pin `n`, linking to `https://shop.example/item/{n mod 7}`, titled
/// `Idea {n}`, a carousel every fifth.
fn pin(n: usize) -> Value {
    let id = format!("{}", 813_744_226_420_000_000usize + n);
    let mut pin = pin_json(&id);
    pin["link"] = json!(format!("https://shop.example/item/{}", n % 7));
    pin["title"] = json!(format!("Idea {n}"));
    if n.is_multiple_of(5) {
        pin["media"] = json!({"media_type": "multiple_images", "items": [
            {"images": {"600x": {"url": format!("https://i.pinimg.com/600x/{n}-a.jpg")}}},
            {"images": {"600x": {"url": format!("https://i.pinimg.com/600x/{n}-b.jpg")}}},
        ]});
    }
    pin
}

/// 600 pins at `at` in pages of 250: no bookmark, then `p2`, then `p3`.
fn six_hundred_pins(at: &str) -> Pinterest {
    let p = Pinterest::start();
    let listing = || Mock::given(method("GET")).and(path(at));
    let pins = |r: std::ops::Range<usize>| r.map(pin).collect::<Vec<_>>();
    p.mount(
        listing()
            .and(query_param_is_missing("bookmark"))
            .respond_with(page(pins(0..250), Some("p2"))),
    );
    p.mount(
        listing()
            .and(query_param("bookmark", "p2"))
            .respond_with(page(pins(250..500), Some("p3"))),
    );
    p.mount(
        listing()
            .and(query_param("bookmark", "p3"))
            .respond_with(page(pins(500..600), None)),
    );
    p
}

fn candidate(
    link: Option<&str>,
    image_url: Option<&str>,
    title: Option<&str>,
) -> types::DuplicateCandidate {
    types::DuplicateCandidate {
        link: link.map(Into::into),
        image_url: image_url.map(Into::into),
        title: title.map(Into::into),
    }
}

#[test]
fn each_source_is_scanned_to_the_end_in_pages_of_250() {
    for (source, at) in pin_sources().iter().zip(PATHS) {
        let p = six_hundred_pins(at);
        let config = business(p.config());
        let wanted = candidate(
            Some("HTTPS://SHOP.example:443/item/3"),
            Some("https://i.pinimg.com/600x/415-b.jpg"),
            Some("IDEA 9"),
        );
        let report = host()
            .find_duplicate_pins(&config, ACCESS_TOKEN, source, &wanted, None)
            .unwrap()
            .unwrap();
        assert_eq!((report.scanned, report.complete), (600, true), "{at}");
        assert_eq!(report.bookmark, None);
        let found: Vec<(String, Vec<types::MatchKind>)> = report
            .duplicates
            .iter()
            .map(|d| (d.pin.title.clone().unwrap(), d.matched.clone()))
            .collect();
        let link = types::MatchKind::Link;
        let mut expected: Vec<(String, Vec<types::MatchKind>)> = (0..600)
            .filter(|n| n % 7 == 3 || *n == 9 || *n == 415)
            .map(|n| {
                let mut matched = Vec::new();
                if n % 7 == 3 {
                    matched.push(link);
                }
                if n == 415 {
                    matched.push(types::MatchKind::ImageUrl);
                }
                if n == 9 {
                    matched.push(types::MatchKind::Title);
                }
                (format!("Idea {n}"), matched)
            })
            .collect();
        assert_eq!(found.len(), expected.len());
        assert_eq!(found, std::mem::take(&mut expected), "{at}");
        let first = &report.duplicates[0].pin;
        assert_eq!(
            first.url,
            "https://www.pinterest.com/pin/813744226420000003/"
        );
        assert_eq!(first.created_at.as_deref(), Some("2024-05-01T10:20:30Z"));
        let requests = p.requests();
        let ad = ("ad_account_id", AD_ACCOUNT_ID);
        assert_eq!(requests.len(), 3);
        assert_request(&requests[0], "GET", at, &[("page_size", "250"), ad], None);
        assert_request(
            &requests[1],
            "GET",
            at,
            &[("bookmark", "p2"), ("page_size", "250"), ad],
            None,
        );
        assert_request(
            &requests[2],
            "GET",
            at,
            &[("bookmark", "p3"), ("page_size", "250"), ad],
            None,
        );
        assert_eq!(assert_conforming(&p), 3, "{at}");
    }
}

#[test]
fn the_cap_stops_the_scan_and_hands_back_the_bookmark() {
    let p = six_hundred_pins(PATHS[0]);
    let report = host()
        .find_duplicate_pins(
            &p.config(),
            ACCESS_TOKEN,
            &pin_sources()[0],
            &candidate(None, None, Some("Idea 520")),
            Some(260),
        )
        .unwrap()
        .unwrap();
    // Whole pages are compared: the second page had 250 pins, not 10.
    assert_eq!(report.scanned, 500);
    assert!(!report.complete);
    assert_eq!(report.bookmark.as_deref(), Some("p3"));
    assert!(report.duplicates.is_empty(), "Idea 520 is beyond the cap");
    let queries: Vec<String> = p
        .requests()
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(queries, ["page_size=250", "bookmark=p2&page_size=10"]);
    assert_conforming(&p);
}

/// The check of requests against Pinterest's API description is not
/// vacuous: requests that break it, sent by hand, are each reported.
#[test]
fn requests_that_break_the_description_are_reported() {
    use std::io::{Read, Write};
    let p = Pinterest::start();
    p.mount(Mock::given(method("GET")).respond_with(page(vec![], None)));
    let address = p.config().api_base_url.unwrap();
    let address = address.trim_start_matches("http://").to_owned();
    let send = |target: &str, auth: &str| {
        let mut stream = std::net::TcpStream::connect(&address).unwrap();
        write!(
            stream,
            "GET {target} HTTP/1.1\r\nHost: {address}\r\n{auth}Connection: close\r\n\r\n"
        )
        .unwrap();
        stream.read_to_string(&mut String::new()).unwrap();
    };
    let bearer = format!("Authorization: Bearer {ACCESS_TOKEN}\r\n");
    send("/v5/boards/549755885175/pins?page_size=251", &bearer);
    send(
        "/v5/boards/549755885175/pins?page_size=25&page_size=25",
        &bearer,
    );
    send("/v5/pins?page_size=10&color=red", &bearer);
    send(
        "/v5/boards/549755885175/sections/4983232016467541134/pins?ad_account_id=act_1",
        &bearer,
    );
    send("/v5/pins?pin_type=NEW", &bearer);
    send("/v5/boards/549755885175/pins", "");
    send("/v5/boards/549755885175/pins/all", &bearer);
    send("/v5/boards/549755885175/pins?page_size=25", &bearer);
    let requests = p.requests();
    assert_eq!(requests.len(), 8);
    let reported: Vec<Vec<String>> = requests.iter().map(openapi_problems).collect();
    for (problems, said) in reported.iter().zip([
        "page_size = 251",
        "page_size given 2 times",
        "color is not described",
        "ad_account_id",
        "pin_type",
        "no Bearer token",
        "no such endpoint",
    ]) {
        assert!(
            problems.iter().any(|p| p.contains(said)),
            "{said}: {problems:#?}"
        );
    }
    assert!(reported[7].is_empty(), "{:#?}", reported[7]);
}

#[test]
fn a_bookmark_that_repeats_stops_the_scan() {
    let p = Pinterest::start();
    p.mount(
        Mock::given(method("GET"))
            .and(path("/v5/pins"))
            .respond_with(page(vec![pin(1)], Some("again"))),
    );
    let error = host()
        .find_duplicate_pins(
            &p.config(),
            ACCESS_TOKEN,
            &types::PinSource::Account,
            &link_candidate(),
            None,
        )
        .unwrap()
        .unwrap_err();
    let Error::UnexpectedResponse(u) = &error else {
        panic!("{error:?}")
    };
    assert!(u.failure.summary.contains("same bookmark twice"));
    assert_eq!(p.requests().len(), 2);
}

#[test]
fn the_candidate_the_cap_and_the_source_are_checked_before_any_request() {
    let p = Pinterest::start();
    let refused = |source: &types::PinSource, wanted: types::DuplicateCandidate, cap| {
        host()
            .find_duplicate_pins(&p.config(), ACCESS_TOKEN, source, &wanted, cap)
            .unwrap()
            .unwrap_err()
    };
    let board = &pin_sources()[0];
    let reason = invalid_input(
        refused(board, candidate(None, None, None), None),
        "candidate",
    );
    assert!(reason.contains("link, an image-url or a title"), "{reason}");
    invalid_input(
        refused(
            board,
            candidate(Some("javascript:alert(1)"), None, None),
            None,
        ),
        "candidate.link",
    );
    invalid_input(
        refused(board, candidate(None, Some("/relative.jpg"), None), None),
        "candidate.image-url",
    );
    let long = "t".repeat(101);
    let reason = invalid_input(
        refused(board, candidate(None, None, Some(&long)), None),
        "candidate.title",
    );
    assert_eq!(reason, "is 101 characters; the limit is 100");
    for cap in [0, 10_001] {
        invalid_input(refused(board, link_candidate(), Some(cap)), "max-scanned");
    }
    invalid_input(
        refused(
            &types::PinSource::Board("../1".into()),
            link_candidate(),
            None,
        ),
        "source.board",
    );
    assert!(p.requests().is_empty());
}

#[test]
fn find_duplicate_pins_fails_typed_for_each_source() {
    for (source, at) in pin_sources().into_iter().zip(PATHS) {
        assert_failures(
            || Mock::given(method("GET")).and(path(at)),
            api_failures(),
            |p| {
                host()
                    .find_duplicate_pins(
                        &p.config(),
                        ACCESS_TOKEN,
                        &source,
                        &link_candidate(),
                        None,
                    )
                    .unwrap()
                    .map(drop)
            },
        );
    }
}

#[test]
fn a_failure_after_the_first_page_fails_the_scan() {
    let p = Pinterest::start();
    let listing = || Mock::given(method("GET")).and(path(PATHS[0]));
    p.mount(
        listing()
            .and(query_param_is_missing("bookmark"))
            .respond_with(page(vec![pin(3)], Some("p2"))),
    );
    p.mount(
        listing()
            .and(query_param("bookmark", "p2"))
            .respond_with(ResponseTemplate::new(503)),
    );
    let error = host()
        .find_duplicate_pins(
            &p.config(),
            ACCESS_TOKEN,
            &pin_sources()[0],
            &link_candidate(),
            None,
        )
        .unwrap()
        .unwrap_err();
    assert!(matches!(error, Error::UpstreamUnavailable(_)), "{error:?}");
}
