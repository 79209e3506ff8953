//! `create-board`, `update-board` and `delete-board` through the real
//! component: the exact `BoardCreate` and `BoardWithUpdatePrivacyUpdate`
//! bodies, the board that comes back, the checks made before sending, and
//! every failure.

mod common;

use common::*;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

const BOARD_PATH: &str = "/v5/boards/549755885175";

fn create() -> wiremock::MockBuilder {
    Mock::given(method("POST")).and(path("/v5/boards"))
}

fn update() -> wiremock::MockBuilder {
    Mock::given(method("PATCH")).and(path(BOARD_PATH))
}

fn delete() -> wiremock::MockBuilder {
    Mock::given(method("DELETE")).and(path(BOARD_PATH))
}

#[test]
fn creates_a_board_with_every_field_for_the_ad_account() {
    let p = Pinterest::start();
    p.mount(create().respond_with(
        ResponseTemplate::new(201).set_body_json(board_json(BOARD_ID, "Summer recipes")),
    ));
    let board = types::BoardInput {
        name: "Summer recipes".into(),
        description: Some("My favorite summer recipes".into()),
        privacy: Some(types::BoardPrivacy::Secret),
        is_ads_only: Some(false),
    };
    let created = host()
        .create_board(&business(p.config()), ACCESS_TOKEN, &board)
        .unwrap()
        .unwrap();
    assert_eq!(created.id, BOARD_ID);
    assert_eq!(created.name, "Summer recipes");
    assert_eq!(created.owner_username.as_deref(), Some("chef"));
    assert_eq!(created.created_at.as_deref(), Some("2020-01-01T20:10:40Z"));
    assert_request(
        &p.single_request(),
        "POST",
        "/v5/boards",
        &[("ad_account_id", AD_ACCOUNT_ID)],
        Some(json!({
            "name": "Summer recipes",
            "description": "My favorite summer recipes",
            "privacy": "SECRET",
            "is_ads_only": false
        })),
    );
}

#[test]
fn a_board_with_a_name_only_sends_a_name_only() {
    let p = Pinterest::start();
    p.mount(create().respond_with(
        ResponseTemplate::new(201).set_body_json(board_json(BOARD_ID, "Summer recipes")),
    ));
    let mut board = sample_board();
    board.description = Some(String::new());
    host()
        .create_board(&p.config(), ACCESS_TOKEN, &board)
        .unwrap()
        .unwrap();
    assert_request(
        &p.single_request(),
        "POST",
        "/v5/boards",
        &[],
        Some(json!({"name": "Summer recipes"})),
    );
}

#[test]
fn an_ad_only_board_comes_back_protected() {
    let p = Pinterest::start();
    let mut answer = board_json(BOARD_ID, "Ad-only Pins");
    answer["privacy"] = json!("PROTECTED");
    answer["is_ads_only"] = json!(true);
    p.mount(create().respond_with(ResponseTemplate::new(201).set_body_json(answer)));
    let board = types::BoardInput {
        is_ads_only: Some(true),
        ..sample_board()
    };
    let created = host()
        .create_board(&p.config(), ACCESS_TOKEN, &board)
        .unwrap()
        .unwrap();
    assert_eq!(created.privacy, types::BoardPrivacy::Protected);
    assert_eq!(created.name, "Ad-only Pins");
    assert_eq!(created.is_ads_only, Some(true));
    assert_eq!(json(&p.single_request())["is_ads_only"], true);
}

#[test]
fn an_empty_name_is_refused_before_any_request() {
    let p = Pinterest::start();
    for name in ["", "   "] {
        let board = types::BoardInput {
            name: name.into(),
            ..sample_board()
        };
        let error = host()
            .create_board(&p.config(), ACCESS_TOKEN, &board)
            .unwrap()
            .unwrap_err();
        let reason = invalid_input(error, "board.name");
        assert!(reason.contains("a board needs a name"), "{reason}");
        let changes = types::BoardChanges {
            name: Some(name.into()),
            ..renamed_board()
        };
        let error = host()
            .update_board(&p.config(), ACCESS_TOKEN, BOARD_ID, &changes)
            .unwrap()
            .unwrap_err();
        invalid_input(error, "changes.name");
    }
    assert!(p.requests().is_empty());
}

#[test]
fn updates_name_description_and_privacy() {
    let p = Pinterest::start();
    let mut answer = board_json(BOARD_ID, "Winter recipes");
    answer["privacy"] = json!("SECRET");
    p.mount(update().respond_with(ResponseTemplate::new(200).set_body_json(answer)));
    let changes = types::BoardChanges {
        name: Some("Winter recipes".into()),
        description: Some("Soups and stews".into()),
        privacy: Some(types::BoardPrivacy::Secret),
    };
    let board = host()
        .update_board(&business(p.config()), ACCESS_TOKEN, BOARD_ID, &changes)
        .unwrap()
        .unwrap();
    assert_eq!(board.name, "Winter recipes");
    assert_eq!(board.privacy, types::BoardPrivacy::Secret);
    assert_request(
        &p.single_request(),
        "PATCH",
        BOARD_PATH,
        &[("ad_account_id", AD_ACCOUNT_ID)],
        Some(json!({
            "name": "Winter recipes",
            "description": "Soups and stews",
            "privacy": "SECRET"
        })),
    );
}

#[test]
fn an_empty_description_clears_it_and_fields_left_out_are_not_sent() {
    let p = Pinterest::start();
    p.mount(update().respond_with(
        ResponseTemplate::new(200).set_body_json(board_json(BOARD_ID, "Summer recipes")),
    ));
    let changes = types::BoardChanges {
        name: None,
        description: Some(String::new()),
        privacy: None,
    };
    host()
        .update_board(&p.config(), ACCESS_TOKEN, BOARD_ID, &changes)
        .unwrap()
        .unwrap();
    assert_request(
        &p.single_request(),
        "PATCH",
        BOARD_PATH,
        &[],
        Some(json!({"description": null})),
    );
}

#[test]
fn protected_and_empty_changes_are_refused_with_a_reason() {
    let p = Pinterest::start();
    let protect = types::BoardChanges {
        privacy: Some(types::BoardPrivacy::Protected),
        ..renamed_board()
    };
    let error = host()
        .update_board(&p.config(), ACCESS_TOKEN, BOARD_ID, &protect)
        .unwrap()
        .unwrap_err();
    let reason = invalid_input(error, "changes.privacy");
    assert!(
        reason.contains("cannot be protected") && reason.contains("is-ads-only"),
        "{reason}"
    );
    let nothing = types::BoardChanges {
        name: None,
        description: None,
        privacy: None,
    };
    let error = host()
        .update_board(&p.config(), ACCESS_TOKEN, BOARD_ID, &nothing)
        .unwrap()
        .unwrap_err();
    let reason = invalid_input(error, "changes");
    assert!(reason.contains("changes nothing"), "{reason}");
    let error = host()
        .update_board(&p.config(), ACCESS_TOKEN, "summer", &renamed_board())
        .unwrap()
        .unwrap_err();
    invalid_input(error, "board-id");
    assert!(p.requests().is_empty());
}

#[test]
fn deletes_a_board() {
    let p = Pinterest::start();
    p.mount(delete().respond_with(ResponseTemplate::new(204)));
    host()
        .delete_board(&business(p.config()), ACCESS_TOKEN, BOARD_ID)
        .unwrap()
        .unwrap();
    assert_request(
        &p.single_request(),
        "DELETE",
        BOARD_PATH,
        &[("ad_account_id", AD_ACCOUNT_ID)],
        None,
    );
}

#[test]
fn a_delete_answered_200_with_a_body_is_unexpected_and_says_how_to_check() {
    let p = Pinterest::start();
    p.mount(delete().respond_with(ResponseTemplate::new(200).set_body_json(json!({}))));
    let error = host()
        .delete_board(&p.config(), ACCESS_TOKEN, BOARD_ID)
        .unwrap()
        .unwrap_err();
    let Error::UnexpectedResponse(u) = &error else {
        panic!("{error:?}")
    };
    assert!(
        u.failure
            .summary
            .contains("its status is 200 where 204 No Content was expected"),
        "{}",
        u.failure.summary
    );
    assert!(
        u.failure.remedy.starts_with(
            "The board may have been deleted anyway: check with get-board before retrying."
        ),
        "{}",
        u.failure.remedy
    );
}

#[test]
fn a_missing_board_says_to_reselect_it() {
    let p = Pinterest::start();
    let not_found = ResponseTemplate::new(404)
        .set_body_json(json!({"code": 40, "message": "Board not found."}));
    p.mount(update().respond_with(not_found.clone()));
    p.mount(delete().respond_with(not_found));
    let errors = [
        host()
            .update_board(&p.config(), ACCESS_TOKEN, BOARD_ID, &renamed_board())
            .unwrap()
            .unwrap_err(),
        host()
            .delete_board(&p.config(), ACCESS_TOKEN, BOARD_ID)
            .unwrap()
            .unwrap_err(),
    ];
    for error in errors {
        let f = failure(&error);
        assert!(
            f.summary
                .starts_with("Board 549755885175 was not found (404): Board not found"),
            "{}",
            f.summary
        );
        assert!(
            f.remedy.starts_with("Re-select the board from list-boards"),
            "{}",
            f.remedy
        );
    }
}

#[test]
fn a_lost_answer_to_a_create_says_to_check_before_retrying() {
    let p = Pinterest::start();
    p.mount(create().respond_with(ResponseTemplate::new(503)));
    let error = host()
        .create_board(&p.config(), ACCESS_TOKEN, &sample_board())
        .unwrap()
        .unwrap_err();
    let f = failure(&error);
    assert!(f.retryable);
    assert!(
        f.remedy.ends_with(
            "The board may have been created anyway: check list-boards before retrying."
        ),
        "{}",
        f.remedy
    );
}

#[test]
fn create_board_fails_typed() {
    assert_failures(create, api_failures(), |p| {
        host()
            .create_board(&p.config(), ACCESS_TOKEN, &sample_board())
            .unwrap()
            .map(drop)
    });
}

#[test]
fn update_board_fails_typed() {
    assert_failures(update, api_failures(), |p| {
        host()
            .update_board(&p.config(), ACCESS_TOKEN, BOARD_ID, &renamed_board())
            .unwrap()
            .map(drop)
    });
}

#[test]
fn delete_board_fails_typed() {
    assert_failures(delete, api_failures(), |p| {
        host()
            .delete_board(&p.config(), ACCESS_TOKEN, BOARD_ID)
            .unwrap()
    });
}
