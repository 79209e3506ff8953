//! Board sections through the real component: `list-sections` page by
//! page, `list-all-sections` to the end (and to its cap, and refusing a
//! bookmark that repeats), `create-section`, `update-section` and
//! `delete-section`, the checks made before sending, and every failure.

mod common;

use common::*;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, ResponseTemplate};

const SECTIONS_PATH: &str = "/v5/boards/549755885175/sections";
const SECTION_PATH: &str = "/v5/boards/549755885175/sections/4983232016467541134";

fn list() -> wiremock::MockBuilder {
    Mock::given(method("GET")).and(path(SECTIONS_PATH))
}

fn create() -> wiremock::MockBuilder {
    Mock::given(method("POST")).and(path(SECTIONS_PATH))
}

fn update() -> wiremock::MockBuilder {
    Mock::given(method("PATCH")).and(path(SECTION_PATH))
}

fn delete() -> wiremock::MockBuilder {
    Mock::given(method("DELETE")).and(path(SECTION_PATH))
}

fn sections(ids: std::ops::Range<usize>) -> Vec<Value> {
    ids.map(|i| json!({"id": format!("{}", 5_000 + i), "name": format!("Section {i}")}))
        .collect()
}

fn page(items: Vec<Value>, bookmark: Option<&str>) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"items": items, "bookmark": bookmark}))
}

/// A board with 60 sections in pages of 25: no bookmark, then `s2`, `s3`.
fn sixty_sections() -> Pinterest {
    let p = Pinterest::start();
    p.mount(
        list()
            .and(query_param_is_missing("bookmark"))
            .respond_with(page(sections(0..25), Some("s2"))),
    );
    p.mount(
        list()
            .and(query_param("bookmark", "s2"))
            .respond_with(page(sections(25..50), Some("s3"))),
    );
    p.mount(
        list()
            .and(query_param("bookmark", "s3"))
            .respond_with(page(sections(50..60), None)),
    );
    p
}

#[test]
fn the_caller_follows_bookmarks_page_by_page() {
    let p = sixty_sections();
    let config = business(p.config());
    let mut query = types::PageQuery {
        bookmark: None,
        page_size: Some(25),
    };
    let mut seen = Vec::new();
    loop {
        let page = host()
            .list_sections(&config, ACCESS_TOKEN, BOARD_ID, &query)
            .unwrap()
            .unwrap();
        seen.extend(page.items.into_iter().map(|s| (s.id, s.name)));
        query.bookmark = page.bookmark;
        if query.bookmark.is_none() {
            break;
        }
    }
    assert_eq!(seen.len(), 60);
    assert_eq!(seen[0], ("5000".to_owned(), "Section 0".to_owned()));
    assert_eq!(seen[59].0, "5059");
    let requests = p.requests();
    let ad = ("ad_account_id", AD_ACCOUNT_ID);
    assert_request(
        &requests[0],
        "GET",
        SECTIONS_PATH,
        &[("page_size", "25"), ad],
        None,
    );
    assert_request(
        &requests[1],
        "GET",
        SECTIONS_PATH,
        &[("bookmark", "s2"), ("page_size", "25"), ad],
        None,
    );
    assert_request(
        &requests[2],
        "GET",
        SECTIONS_PATH,
        &[("bookmark", "s3"), ("page_size", "25"), ad],
        None,
    );
}

#[test]
fn list_all_sections_follows_every_bookmark_itself() {
    let p = sixty_sections();
    let all = host()
        .list_all_sections(&p.config(), ACCESS_TOKEN, BOARD_ID, None)
        .unwrap()
        .unwrap();
    assert_eq!(all.items.len(), 60);
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
            "bookmark=s2&page_size=250",
            "bookmark=s3&page_size=250"
        ]
    );
}

#[test]
fn list_all_sections_stops_at_its_cap_and_hands_back_the_bookmark() {
    let p = sixty_sections();
    let all = host()
        .list_all_sections(&p.config(), ACCESS_TOKEN, BOARD_ID, Some(30))
        .unwrap()
        .unwrap();
    assert_eq!(all.items.len(), 50, "whole pages are kept");
    assert_eq!(all.bookmark.as_deref(), Some("s3"));
    let second = &p.requests()[1];
    assert_eq!(second.url.query(), Some("bookmark=s2&page_size=5"));
}

#[test]
fn list_all_sections_refuses_a_bookmark_that_repeats() {
    let p = Pinterest::start();
    p.mount(list().respond_with(page(sections(0..2), Some("same"))));
    let error = host()
        .list_all_sections(&p.config(), ACCESS_TOKEN, BOARD_ID, None)
        .unwrap()
        .unwrap_err();
    let Error::UnexpectedResponse(u) = &error else {
        panic!("{error:?}")
    };
    assert!(
        u.failure
            .summary
            .contains("same bookmark twice while listing sections"),
        "{}",
        u.failure.summary
    );
    assert!(
        u.failure.remedy.contains("list-sections"),
        "{}",
        u.failure.remedy
    );
    assert_eq!(p.requests().len(), 2);
}

#[test]
fn list_all_sections_checks_its_cap() {
    let p = Pinterest::start();
    for cap in [0, 10_001] {
        let error = host()
            .list_all_sections(&p.config(), ACCESS_TOKEN, BOARD_ID, Some(cap))
            .unwrap()
            .unwrap_err();
        let reason = invalid_input(error, "max-items");
        assert!(reason.contains("between 1 and 10000"), "{reason}");
    }
    assert!(p.requests().is_empty());
}

#[test]
fn a_page_with_a_wrong_typed_bookmark_is_unexpected() {
    let p = Pinterest::start();
    p.mount(list().respond_with(
        ResponseTemplate::new(200).set_body_json(json!({"items": sections(0..1), "bookmark": 7})),
    ));
    let error = host()
        .list_sections(&p.config(), ACCESS_TOKEN, BOARD_ID, &first_page())
        .unwrap()
        .unwrap_err();
    let Error::UnexpectedResponse(u) = &error else {
        panic!("{error:?}")
    };
    assert!(
        u.failure
            .summary
            .contains("expected a string or null, found a number"),
        "{}",
        u.failure.summary
    );
}

#[test]
fn bad_queries_and_ids_are_refused_before_any_request() {
    let p = Pinterest::start();
    let refused = |query: types::PageQuery, board_id: &str| {
        host()
            .list_sections(&p.config(), ACCESS_TOKEN, board_id, &query)
            .unwrap()
            .unwrap_err()
    };
    let sized = |page_size| types::PageQuery {
        bookmark: None,
        page_size: Some(page_size),
    };
    assert!(invalid_input(refused(sized(0), BOARD_ID), "query.page-size").contains("1 and 250"));
    invalid_input(refused(sized(251), BOARD_ID), "query.page-size");
    let long = types::PageQuery {
        bookmark: Some("b".repeat(4097)),
        page_size: None,
    };
    assert!(invalid_input(refused(long, BOARD_ID), "query.bookmark").contains("limit is 4096"));
    invalid_input(refused(first_page(), "salads"), "board-id");
    let mut business = business(p.config());
    business.ad_account_id = Some("act_549755885176".into());
    let error = host()
        .list_sections(&business, ACCESS_TOKEN, BOARD_ID, &first_page())
        .unwrap()
        .unwrap_err();
    invalid_input(error, "config.ad-account-id");
    assert!(p.requests().is_empty());
}

#[test]
fn creates_a_section() {
    let p = Pinterest::start();
    p.mount(create().respond_with(
        ResponseTemplate::new(201).set_body_json(json!({"id": SECTION_ID, "name": "Salads"})),
    ));
    let section = host()
        .create_section(&business(p.config()), ACCESS_TOKEN, BOARD_ID, "Salads")
        .unwrap()
        .unwrap();
    assert_eq!(section.id, SECTION_ID);
    assert_eq!(section.name, "Salads");
    assert_request(
        &p.single_request(),
        "POST",
        SECTIONS_PATH,
        &[("ad_account_id", AD_ACCOUNT_ID)],
        Some(json!({"name": "Salads"})),
    );
}

#[test]
fn renames_a_section() {
    let p = Pinterest::start();
    p.mount(update().respond_with(
        ResponseTemplate::new(200).set_body_json(json!({"id": SECTION_ID, "name": "Soups"})),
    ));
    let section = host()
        .update_section(&p.config(), ACCESS_TOKEN, &section_ref(), "Soups")
        .unwrap()
        .unwrap();
    assert_eq!(section.name, "Soups");
    assert_request(
        &p.single_request(),
        "PATCH",
        SECTION_PATH,
        &[],
        Some(json!({"name": "Soups"})),
    );
}

#[test]
fn deletes_a_section() {
    let p = Pinterest::start();
    p.mount(delete().respond_with(ResponseTemplate::new(204)));
    host()
        .delete_section(&business(p.config()), ACCESS_TOKEN, &section_ref())
        .unwrap()
        .unwrap();
    assert_request(
        &p.single_request(),
        "DELETE",
        SECTION_PATH,
        &[("ad_account_id", AD_ACCOUNT_ID)],
        None,
    );
}

#[test]
fn names_of_1_to_180_characters_and_decimal_ids_are_checked_before_any_request() {
    let p = Pinterest::start();
    let create = |name: &str| {
        host()
            .create_section(&p.config(), ACCESS_TOKEN, BOARD_ID, name)
            .unwrap()
            .unwrap_err()
    };
    assert!(invalid_input(create(""), "name").contains("1 to 180 characters"));
    assert!(
        invalid_input(create(&"é".repeat(181)), "name")
            .contains("is 181 characters; the limit is 180")
    );
    let section = |board_id: &str, section_id: &str| types::SectionRef {
        board_id: board_id.into(),
        section_id: section_id.into(),
    };
    let error = host()
        .update_section(
            &p.config(),
            ACCESS_TOKEN,
            &section("x", SECTION_ID),
            "Soups",
        )
        .unwrap()
        .unwrap_err();
    invalid_input(error, "section.board-id");
    let error = host()
        .delete_section(&p.config(), ACCESS_TOKEN, &section(BOARD_ID, "../1"))
        .unwrap()
        .unwrap_err();
    invalid_input(error, "section.section-id");
    assert!(p.requests().is_empty());
    // 180 characters are fine.
    p.mount(create_mock_ok());
    host()
        .create_section(&p.config(), ACCESS_TOKEN, BOARD_ID, &"é".repeat(180))
        .unwrap()
        .unwrap();
}

fn create_mock_ok() -> Mock {
    create().respond_with(
        ResponseTemplate::new(201).set_body_json(json!({"id": SECTION_ID, "name": "long"})),
    )
}

#[test]
fn a_missing_section_says_to_reselect_board_and_section() {
    let p = Pinterest::start();
    let not_found = ResponseTemplate::new(404)
        .set_body_json(json!({"code": 404, "message": "Board section not found."}));
    p.mount(update().respond_with(not_found.clone()));
    p.mount(delete().respond_with(not_found));
    let errors = [
        host()
            .update_section(&p.config(), ACCESS_TOKEN, &section_ref(), "Soups")
            .unwrap()
            .unwrap_err(),
        host()
            .delete_section(&p.config(), ACCESS_TOKEN, &section_ref())
            .unwrap()
            .unwrap_err(),
    ];
    for error in errors {
        let f = failure(&error);
        assert!(
            f.summary.starts_with(
                "Board 549755885175 or its section 4983232016467541134 was not found (404)"
            ),
            "{}",
            f.summary
        );
        assert!(f.remedy.contains("from list-sections"), "{}", f.remedy);
    }
}

#[test]
fn list_sections_fails_typed() {
    assert_failures(list, api_failures(), |p| {
        host()
            .list_sections(&p.config(), ACCESS_TOKEN, BOARD_ID, &first_page())
            .unwrap()
            .map(drop)
    });
}

#[test]
fn list_all_sections_fails_typed() {
    assert_failures(list, api_failures(), |p| {
        host()
            .list_all_sections(&p.config(), ACCESS_TOKEN, BOARD_ID, None)
            .unwrap()
            .map(drop)
    });
}

#[test]
fn create_section_fails_typed() {
    assert_failures(create, api_failures(), |p| {
        host()
            .create_section(&p.config(), ACCESS_TOKEN, BOARD_ID, "Salads")
            .unwrap()
            .map(drop)
    });
}

#[test]
fn update_section_fails_typed() {
    assert_failures(update, api_failures(), |p| {
        host()
            .update_section(&p.config(), ACCESS_TOKEN, &section_ref(), "Soups")
            .unwrap()
            .map(drop)
    });
}

#[test]
fn delete_section_fails_typed() {
    assert_failures(delete, api_failures(), |p| {
        host()
            .delete_section(&p.config(), ACCESS_TOKEN, &section_ref())
            .unwrap()
    });
}
