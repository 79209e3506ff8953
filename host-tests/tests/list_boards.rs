//! `list-boards` and `list-all-boards` through the real component: pages,
//! bookmarks, the privacy filter, and every failure.

mod common;

use common::*;
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, ResponseTemplate};

fn endpoint() -> wiremock::MockBuilder {
    Mock::given(method("GET")).and(path("/v5/boards"))
}

fn boards(ids: std::ops::Range<usize>) -> Vec<Value> {
    ids.map(|i| json!({"id": format!("{}", 1000 + i), "name": format!("Board {i}"), "privacy": "PUBLIC"}))
        .collect()
}

fn query(bookmark: Option<&str>, page_size: Option<u32>) -> types::ListBoardsQuery {
    types::ListBoardsQuery {
        bookmark: bookmark.map(str::to_owned),
        page_size,
        privacy: None,
    }
}

/// A server with 60 boards in pages of 25: no bookmark, then `b2`, then `b3`.
fn sixty_boards() -> Pinterest {
    let p = Pinterest::start();
    p.mount(
        endpoint()
            .and(query_param_is_missing("bookmark"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"items": boards(0..25), "bookmark": "b2"})),
            ),
    );
    p.mount(
        endpoint().and(query_param("bookmark", "b2")).respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"items": boards(25..50), "bookmark": "b3"})),
        ),
    );
    p.mount(
        endpoint().and(query_param("bookmark", "b3")).respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"items": boards(50..60), "bookmark": null})),
        ),
    );
    p
}

#[test]
fn the_caller_follows_bookmarks_page_by_page() {
    let p = sixty_boards();
    let config = p.config();
    let mut bookmark = None;
    let mut seen = Vec::new();
    loop {
        let page = host()
            .list_boards(&config, ACCESS_TOKEN, &query(bookmark.as_deref(), Some(25)))
            .unwrap()
            .unwrap();
        seen.extend(page.items.into_iter().map(|b| b.id));
        bookmark = page.bookmark;
        if bookmark.is_none() {
            break;
        }
    }
    assert_eq!(seen.len(), 60);
    assert_eq!(seen.first().map(String::as_str), Some("1000"));
    assert_eq!(seen.last().map(String::as_str), Some("1059"));
    let queries: Vec<String> = p
        .requests()
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(
        queries,
        [
            "page_size=25",
            "bookmark=b2&page_size=25",
            "bookmark=b3&page_size=25"
        ]
    );
}

#[test]
fn list_all_boards_follows_every_bookmark_itself() {
    let p = sixty_boards();
    let page = host()
        .list_all_boards(&p.config(), ACCESS_TOKEN, None, None)
        .unwrap()
        .unwrap();
    assert_eq!(page.items.len(), 60);
    assert_eq!(page.bookmark, None);
    assert_eq!(p.requests().len(), 3);
    assert!(
        p.requests()[0]
            .url
            .query()
            .unwrap()
            .contains("page_size=250")
    );
}

#[test]
fn list_all_boards_stops_at_its_cap_and_says_where() {
    let p = sixty_boards();
    let page = host()
        .list_all_boards(&p.config(), ACCESS_TOKEN, None, Some(30))
        .unwrap()
        .unwrap();
    assert_eq!(page.items.len(), 50, "whole pages are kept");
    assert_eq!(page.bookmark.as_deref(), Some("b3"));
}

#[test]
fn the_privacy_filter_is_sent_as_pinterest_spells_it() {
    let p = Pinterest::start();
    p.mount(
        endpoint()
            .and(query_param("privacy", "SECRET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"items": [{"id": "7", "name": "Hidden", "privacy": "SECRET"}]}),
            )),
    );
    let q = types::ListBoardsQuery {
        bookmark: None,
        page_size: None,
        privacy: Some(types::BoardPrivacyFilter::Secret),
    };
    let page = host()
        .list_boards(&p.config(), ACCESS_TOKEN, &q)
        .unwrap()
        .unwrap();
    assert_eq!(page.items[0].privacy, types::BoardPrivacy::Secret);
    assert_eq!(page.bookmark, None);
}

#[test]
fn page_size_out_of_range_is_refused_before_any_request() {
    let p = Pinterest::start();
    for size in [0, 251] {
        let error = host()
            .list_boards(&p.config(), ACCESS_TOKEN, &query(None, Some(size)))
            .unwrap()
            .unwrap_err();
        let reason = invalid_input(error, "query.page-size");
        assert!(reason.contains("between 1 and 250"), "{reason}");
    }
    assert!(p.requests().is_empty());
}

#[test]
fn the_sandbox_environment_reaches_the_sandbox_origin() {
    let p = Pinterest::start();
    let mut config = p.config();
    config.environment = Environment::Sandbox;
    config.api_base_url = None;
    // No network here: the denial from the transport proves which URL was used.
    let captured = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let seen = captured.clone();
    let transport = move |request: pinterest_connector_host::http::Request| {
        *seen.lock().unwrap() = request.url;
        Err(pinterest_connector_host::http::HttpError::Denied(
            "test transport".into(),
        ))
    };
    let host = host().with_transport(std::sync::Arc::new(transport));
    let error = host
        .list_boards(&config, ACCESS_TOKEN, &query(None, None))
        .unwrap()
        .unwrap_err();
    assert!(
        matches!(&error, Error::Transport(t) if t.problem == types::TransportProblem::Denied),
        "{error:?}"
    );
    assert_eq!(
        captured.lock().unwrap().as_str(),
        "https://api-sandbox.pinterest.com/v5/boards"
    );
}

#[test]
fn every_failure_is_typed() {
    assert_failures(endpoint, api_failures(), |p| {
        host()
            .list_boards(&p.config(), ACCESS_TOKEN, &query(None, None))
            .unwrap()
            .map(drop)
    });
}

#[test]
fn list_all_boards_fails_typed_too() {
    assert_failures(endpoint, api_failures(), |p| {
        host()
            .list_all_boards(&p.config(), ACCESS_TOKEN, None, None)
            .unwrap()
            .map(drop)
    });
}
