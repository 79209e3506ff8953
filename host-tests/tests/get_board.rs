//! `get-board` through the real component: the Board ID check a platform
//! runs before sending pins to it.

mod common;

use common::*;
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, ResponseTemplate};

#[test]
fn reads_the_board_with_the_bearer_token() {
    let p = Pinterest::start();
    p.mount(
        Mock::given(method("GET"))
            .and(path("/v5/boards/549755885175"))
            .and(header("authorization", format!("Bearer {ACCESS_TOKEN}").as_str()))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "id": "549755885175",
                "name": "Summer recipes",
                "description": "My favorite summer recipes",
                "privacy": "PROTECTED",
                "owner": {"username": "chef"},
                "pin_count": 5,
                "follower_count": 13,
                "collaborator_count": 17,
                "is_ads_only": true,
                "created_at": "2020-01-01T20:10:40-00:00",
                "media": {"image_cover_url": "https://i.pinimg.com/400x300/fd/cd/d5/x.jpg", "pin_thumbnail_urls": []}
            }))),
    );
    let board = host()
        .get_board(&p.config(), ACCESS_TOKEN, "549755885175")
        .unwrap()
        .unwrap();
    assert_eq!(board.id, "549755885175");
    assert_eq!(board.name, "Summer recipes");
    assert_eq!(board.privacy, types::BoardPrivacy::Protected);
    assert_eq!(board.owner_username.as_deref(), Some("chef"));
    assert_eq!(
        (
            board.pin_count,
            board.follower_count,
            board.collaborator_count
        ),
        (Some(5), Some(13), Some(17))
    );
    assert_eq!(board.is_ads_only, Some(true));
    assert_eq!(board.created_at.as_deref(), Some("2020-01-01T20:10:40Z"));
    let request = p.single_request();
    assert_eq!(request.url.query(), None);
    assert_eq!(header_of(&request, "accept"), "application/json");
    assert!(header_of(&request, "user-agent").starts_with("pinterest-connector/"));
}

#[test]
fn times_in_any_zone_come_back_in_utc() {
    for (sent, expected) in [
        (
            json!("2020-01-01T03:00:00+05:30"),
            Some("2019-12-31T21:30:00Z"),
        ),
        (
            json!("2024-02-29T23:00:00-01:00"),
            Some("2024-03-01T00:00:00Z"),
        ),
        (
            json!("2020-01-01T20:10:40.5-00:00"),
            Some("2020-01-01T20:10:40.5Z"),
        ),
        (json!("2020-01-01T20:10:40 +0530"), None),
        (json!("2020-02-30T00:00:00Z"), None),
        (json!([2020, 1, 1]), None),
    ] {
        let p = Pinterest::start();
        p.mount(
            Mock::given(method("GET"))
                .and(path("/v5/boards/549755885175"))
                .respond_with(
                    ResponseTemplate::new(200).set_body_json(
                        json!({"id": "549755885175", "name": "R", "created_at": sent}),
                    ),
                ),
        );
        let board = host()
            .get_board(&p.config(), ACCESS_TOKEN, "549755885175")
            .unwrap()
            .unwrap();
        assert_eq!(board.created_at.as_deref(), expected, "{sent}");
    }
}

fn header_of(request: &wiremock::Request, name: &str) -> String {
    common::header(request, name)
}

#[test]
fn a_board_name_instead_of_an_id_is_refused_before_any_request() {
    let p = Pinterest::start();
    let error = host()
        .get_board(&p.config(), ACCESS_TOKEN, "summer-recipes")
        .unwrap()
        .unwrap_err();
    let reason = invalid_input(error, "board-id");
    assert!(reason.contains("decimal id"), "{reason}");
    assert!(p.requests().is_empty());
}

#[test]
fn a_missing_board_says_to_reselect_it() {
    let p = Pinterest::start();
    p.mount(
        Mock::given(method("GET"))
            .and(path("/v5/boards/1"))
            .respond_with(
                ResponseTemplate::new(404)
                    .set_body_json(json!({"code": 40, "message": "Board not found."})),
            ),
    );
    let error = host()
        .get_board(&p.config(), ACCESS_TOKEN, "1")
        .unwrap()
        .unwrap_err();
    let f = failure(&error);
    assert!(
        f.summary.starts_with("Board 1 was not found"),
        "{}",
        f.summary
    );
    assert!(f.remedy.contains("Re-select the board"), "{}", f.remedy);
}

#[test]
fn every_failure_is_typed() {
    assert_failures(
        || Mock::given(method("GET")).and(path("/v5/boards/42")),
        api_failures(),
        |p| {
            host()
                .get_board(&p.config(), ACCESS_TOKEN, "42")
                .unwrap()
                .map(drop)
        },
    );
}
