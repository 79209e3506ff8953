//! `list-pins` and `list-all-pins` through the real component, for each
//! source (a board, a board section, the account): pages, bookmarks, the
//! cap and the guard against a bookmark that repeats, pins read as every
//! pin operation reads them, and every failure.

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

fn pins(ids: std::ops::Range<usize>) -> Vec<Value> {
    ids.map(|i| pin_json(&format!("{}", 813_744_226_420_000_000usize + i)))
        .collect()
}

fn page(items: Vec<Value>, bookmark: Option<&str>) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"items": items, "bookmark": bookmark}))
}

/// 60 pins at `at` in pages of 25: no bookmark, then `p2`, then `p3`.
fn sixty_pins(at: &str) -> Pinterest {
    let p = Pinterest::start();
    let listing = || Mock::given(method("GET")).and(path(at));
    p.mount(
        listing()
            .and(query_param_is_missing("bookmark"))
            .respond_with(page(pins(0..25), Some("p2"))),
    );
    p.mount(
        listing()
            .and(query_param("bookmark", "p2"))
            .respond_with(page(pins(25..50), Some("p3"))),
    );
    p.mount(
        listing()
            .and(query_param("bookmark", "p3"))
            .respond_with(page(pins(50..60), None)),
    );
    p
}

#[test]
fn each_source_is_paged_to_the_end_by_the_caller() {
    for (source, at) in pin_sources().iter().zip(PATHS) {
        let p = sixty_pins(at);
        let config = business(p.config());
        let mut query = types::PageQuery {
            bookmark: None,
            page_size: Some(25),
        };
        let mut seen = Vec::new();
        loop {
            let page = host()
                .list_pins(&config, ACCESS_TOKEN, source, &query)
                .unwrap()
                .unwrap();
            seen.extend(page.items);
            query.bookmark = page.bookmark;
            if query.bookmark.is_none() {
                break;
            }
        }
        assert_eq!(seen.len(), 60, "{at}");
        let first = &seen[0];
        assert_eq!(first.id, "813744226420000000");
        assert_eq!(
            first.url,
            "https://www.pinterest.com/pin/813744226420000000/"
        );
        assert_eq!(first.title.as_deref(), Some("Pin 813744226420000000"));
        assert_eq!(first.board_id.as_deref(), Some(BOARD_ID));
        assert_eq!(first.created_at.as_deref(), Some("2024-05-01T10:20:30Z"));
        assert_eq!(
            first.image_url.as_deref(),
            Some("https://i.pinimg.com/600x/813744226420000000.jpg")
        );
        let requests = p.requests();
        let ad = ("ad_account_id", AD_ACCOUNT_ID);
        assert_request(&requests[0], "GET", at, &[("page_size", "25"), ad], None);
        assert_request(
            &requests[2],
            "GET",
            at,
            &[("bookmark", "p3"), ("page_size", "25"), ad],
            None,
        );
    }
}

#[test]
fn list_all_pins_follows_every_bookmark_of_each_source() {
    for (source, at) in pin_sources().iter().zip(PATHS) {
        let p = sixty_pins(at);
        let all = host()
            .list_all_pins(&p.config(), ACCESS_TOKEN, source, None)
            .unwrap()
            .unwrap();
        assert_eq!(all.items.len(), 60, "{at}");
        assert_eq!(all.bookmark, None);
        let queries: Vec<String> = p
            .requests()
            .iter()
            .map(|r| r.url.query().unwrap_or_default().to_owned())
            .collect();
        assert_eq!(
            queries,
            [
                "page_size=250",
                "bookmark=p2&page_size=250",
                "bookmark=p3&page_size=250"
            ],
            "{at}"
        );
    }
}

#[test]
fn list_all_pins_stops_at_its_cap_and_hands_back_the_bookmark() {
    let p = sixty_pins(PATHS[0]);
    let board = &pin_sources()[0];
    let all = host()
        .list_all_pins(&p.config(), ACCESS_TOKEN, board, Some(26))
        .unwrap()
        .unwrap();
    assert_eq!(all.items.len(), 50, "whole pages are kept");
    assert_eq!(all.bookmark.as_deref(), Some("p3"));
    let queries: Vec<String> = p
        .requests()
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(queries, ["page_size=26", "bookmark=p2&page_size=1"]);
}

#[test]
fn list_all_pins_refuses_a_bookmark_that_repeats() {
    let p = Pinterest::start();
    p.mount(
        Mock::given(method("GET"))
            .and(path("/v5/pins"))
            .respond_with(page(pins(0..3), Some("again"))),
    );
    let error = host()
        .list_all_pins(&p.config(), ACCESS_TOKEN, &types::PinSource::Account, None)
        .unwrap()
        .unwrap_err();
    let Error::UnexpectedResponse(u) = &error else {
        panic!("{error:?}")
    };
    assert!(
        u.failure
            .summary
            .contains("same bookmark twice while listing pins"),
        "{}",
        u.failure.summary
    );
    assert!(
        u.failure.remedy.contains("list-pins"),
        "{}",
        u.failure.remedy
    );
    assert_eq!(u.excerpt, "again");
    assert_eq!(p.requests().len(), 2);
}

#[test]
fn sources_and_caps_are_checked_before_any_request() {
    let p = Pinterest::start();
    let refused = |source: types::PinSource| {
        host()
            .list_pins(&p.config(), ACCESS_TOKEN, &source, &first_page())
            .unwrap()
            .unwrap_err()
    };
    invalid_input(
        refused(types::PinSource::Board("my-board".into())),
        "source.board",
    );
    let section = |board_id: &str, section_id: &str| {
        types::PinSource::Section(types::SectionRef {
            board_id: board_id.into(),
            section_id: section_id.into(),
        })
    };
    invalid_input(refused(section("", SECTION_ID)), "source.section.board-id");
    invalid_input(refused(section(BOARD_ID, "x")), "source.section.section-id");
    for cap in [0, 10_001] {
        let error = host()
            .list_all_pins(
                &p.config(),
                ACCESS_TOKEN,
                &types::PinSource::Account,
                Some(cap),
            )
            .unwrap()
            .unwrap_err();
        invalid_input(error, "max-items");
    }
    assert!(p.requests().is_empty());
}

#[test]
fn a_pin_without_an_id_spoils_its_page() {
    let p = Pinterest::start();
    let mut odd = pin_json(PIN_ID);
    odd["id"] = json!(17.5);
    p.mount(
        Mock::given(method("GET"))
            .and(path(PATHS[0]))
            .respond_with(page(vec![pin_json("1"), odd], None)),
    );
    let error = host()
        .list_pins(&p.config(), ACCESS_TOKEN, &pin_sources()[0], &first_page())
        .unwrap()
        .unwrap_err();
    let Error::UnexpectedResponse(u) = &error else {
        panic!("{error:?}")
    };
    assert!(
        u.failure.summary.contains("expected an id string"),
        "{}",
        u.failure.summary
    );
}

#[test]
fn a_missing_board_or_section_names_them() {
    let expected = [
        (
            "Board 549755885175 was not found (404)",
            "Re-select the board from list-boards",
        ),
        (
            "Board 549755885175 or its section 4983232016467541134 was not found (404)",
            "and the section from list-sections",
        ),
        (
            "Pinterest found nothing for listing the account's pins (404)",
            "Check that the account still exists",
        ),
    ];
    for ((source, at), (summary, remedy)) in pin_sources().iter().zip(PATHS).zip(expected) {
        let p = Pinterest::start();
        p.mount(
            Mock::given(method("GET")).and(path(at)).respond_with(
                ResponseTemplate::new(404)
                    .set_body_json(json!({"code": 404, "message": "Board not found."})),
            ),
        );
        let error = host()
            .list_pins(&p.config(), ACCESS_TOKEN, source, &first_page())
            .unwrap()
            .unwrap_err();
        let f = failure(&error);
        assert!(f.summary.starts_with(summary), "{}", f.summary);
        assert!(f.remedy.contains(remedy), "{}", f.remedy);
    }
}

#[test]
fn list_pins_fails_typed_for_each_source() {
    for (source, at) in pin_sources().into_iter().zip(PATHS) {
        assert_failures(
            || Mock::given(method("GET")).and(path(at)),
            api_failures(),
            |p| {
                host()
                    .list_pins(&p.config(), ACCESS_TOKEN, &source, &first_page())
                    .unwrap()
                    .map(drop)
            },
        );
    }
}

#[test]
fn list_all_pins_fails_typed() {
    assert_failures(
        || Mock::given(method("GET")).and(path(PATHS[1])),
        api_failures(),
        |p| {
            host()
                .list_all_pins(&p.config(), ACCESS_TOKEN, &pin_sources()[1], None)
                .unwrap()
                .map(drop)
        },
    );
}
