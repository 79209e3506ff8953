//! Boards and sections on the stand-in: creating, changing and deleting
//! boards (`BoardCreate`, `BoardWithUpdatePrivacyUpdate`), sections with
//! bookmarks, the scopes secret boards need, Business Access, and the
//! write budget over every write.

use std::time::Duration;

use pinterest_standin::{Clock, Environment, Listener, StandInOptions, WriteLimit};
use serde_json::{Value, json};
use support::{Account, BOARD, PROTECTED_BOARD, SECRET_BOARD, SECTION};

mod support;

fn sandbox() -> Account {
    Account::sandbox(StandInOptions::default())
}

#[test]
fn boards_are_created_with_pinterests_rules() {
    let account = sandbox();
    let created = account
        .post(
            "/v5/boards",
            &json!({"name": "Lemon ideas", "description": "Tart and bright"}),
        )
        .ok(201);
    assert_eq!(created["privacy"], "PUBLIC");
    assert_eq!(created["pin_count"], 0);
    assert_eq!(created["owner"]["username"], "standin_studio");
    let id = created["id"].as_str().expect("id");
    assert!(id.bytes().all(|b| b.is_ascii_digit()));
    let read = account.get(&format!("/v5/boards/{id}")).ok(200);
    assert_eq!(read["name"], "Lemon ideas");
    assert_eq!(read["description"], "Tart and bright");
    let (boards, _) = account.all_pages("/v5/boards", 250);
    assert_eq!(boards.last().expect("boards")["id"], id);

    let ads = account
        .post(
            "/v5/boards",
            &json!({"name": "Anything", "is_ads_only": true}),
        )
        .ok(201);
    assert_eq!(ads["name"], "Ad-only Pins");
    assert_eq!(ads["privacy"], "PROTECTED");

    let secret = json!({"name": "Surprise", "privacy": "SECRET"});
    let public_writer = account.token_with(&["boards:read", "boards:write"]);
    account
        .call_as(&public_writer, "POST", "/v5/boards", Some(&secret))
        .error(401, 3);
    assert_eq!(
        account.post("/v5/boards", &secret).ok(201)["privacy"],
        "SECRET"
    );

    let reader = account.token_with(&["boards:read"]);
    account
        .call_as(&reader, "POST", "/v5/boards", Some(&json!({"name": "x"})))
        .error(401, 3);
    let refusals = [
        (
            json!({"description": "no name"}),
            "'name' is a required property",
        ),
        (json!({"name": "  "}), "'name' must not be empty"),
        (json!({"name": 7}), "'name' value 7 is not of type 'string'"),
        (
            json!({"name": "x", "privacy": "FRIENDS"}),
            "'privacy' value \"FRIENDS\" is not one of",
        ),
        (
            json!({"name": "x", "is_ads_only": "yes"}),
            "'is_ads_only' value \"yes\" is not of type 'boolean'",
        ),
        (json!(["name"]), "must be a JSON object (BoardCreate)"),
    ];
    for (body, message) in refusals {
        let refused = account.post("/v5/boards", &body).error(400, 1);
        assert!(refused.contains(message), "{refused}");
    }
    let text = support::send(
        "POST",
        &format!("{}/v5/boards", account.base),
        Some(&account.token),
        None,
    );
    text.error(400, 1);
    assert_eq!(account.pinterest.counters().boards, 63);
}

#[test]
fn boards_are_updated_and_deleted_with_their_pins_and_sections() {
    let account = sandbox();
    let path = format!("/v5/boards/{BOARD}");
    let changed = account
        .patch(
            &path,
            &json!({"name": "Renamed", "description": null, "privacy": "PUBLIC"}),
        )
        .ok(200);
    assert_eq!(changed["name"], "Renamed");
    assert!(changed["description"].is_null());
    assert_eq!(changed["pin_count"], 60);
    let refusals = [
        (
            json!({"privacy": "PROTECTED"}),
            "is not one of ['PUBLIC', 'SECRET']",
        ),
        (json!({"name": ""}), "'name' must not be empty"),
        (
            json!({"name": null}),
            "'name' value null is not of type 'string'",
        ),
    ];
    for (body, message) in refusals {
        assert!(account.patch(&path, &body).error(400, 1).contains(message));
    }
    let public_writer = account.token_with(&["boards:read", "boards:write"]);
    account
        .call_as(
            &public_writer,
            "PATCH",
            &path,
            Some(&json!({"privacy": "SECRET"})),
        )
        .error(401, 3);
    assert_eq!(
        account.patch(&path, &json!({"privacy": "SECRET"})).ok(200)["privacy"],
        "SECRET"
    );
    account
        .patch(
            &format!("/v5/boards/{PROTECTED_BOARD}"),
            &json!({"name": "x"}),
        )
        .error(400, 1);
    assert_eq!(
        account
            .patch("/v5/boards/549755885999", &json!({"name": "x"}))
            .error(404, 40),
        "Board not found."
    );
    account
        .patch("/v5/boards/abc", &json!({"name": "x"}))
        .error(400, 1);

    let secret = format!("/v5/boards/{SECRET_BOARD}");
    let sees_secrets = account.token_with(&["boards:read", "boards:read_secret", "boards:write"]);
    account
        .call_as(&sees_secrets, "DELETE", &secret, None)
        .error(401, 3);
    account
        .call_as(&public_writer, "DELETE", &secret, None)
        .error(404, 40);
    let deleted = account.delete(&path);
    assert_eq!(deleted.status, 204);
    assert!(deleted.body.is_empty());
    account.get(&path).error(404, 40);
    account.get(&format!("{path}/sections")).error(404, 40);
    account.delete(&path).error(404, 40);
    assert!(account.pinterest.board_pins(BOARD).is_empty());
    let counters = account.pinterest.counters();
    assert_eq!((counters.boards, counters.sections), (59, 0));
    assert_eq!(counters.pins, 5, "the pins on other boards stay");
}

#[test]
fn sections_page_with_bookmarks_in_creation_order() {
    let account = sandbox();
    let path = format!("/v5/boards/{BOARD}/sections");
    let mut sizes = Vec::new();
    let mut ids = Vec::new();
    let mut bookmark = String::new();
    loop {
        let page = account
            .get(&format!("{path}?page_size=25&bookmark={bookmark}"))
            .ok(200);
        let items = page["items"].as_array().expect("items");
        sizes.push(items.len());
        ids.extend(
            items
                .iter()
                .map(|s| s["id"].as_str().expect("id").to_owned()),
        );
        match page["bookmark"].as_str() {
            Some(next) => bookmark = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(sizes, [25, 25, 10]);
    assert_eq!(ids.first().map(String::as_str), Some(SECTION));
    assert_eq!(ids.last().map(String::as_str), Some("54975588510060"));
    assert_eq!(
        account.get(&format!("{path}?page_size=1")).ok(200)["items"][0],
        json!({"id": SECTION, "name": "Salads 1"})
    );
    for bad in [
        "page_size=0",
        "page_size=251",
        "page_size=x",
        "bookmark=bogus",
    ] {
        account.get(&format!("{path}?{bad}")).error(400, 1);
    }
    let other_board = account
        .get("/v5/boards/549755885101/sections?page_size=1")
        .ok(200);
    assert_eq!(other_board, json!({"items": [], "bookmark": null}));
    let first = account.get(&format!("{path}?page_size=1")).ok(200);
    let foreign = first["bookmark"].as_str().expect("bookmark");
    account
        .get(&format!(
            "/v5/boards/549755885101/sections?bookmark={foreign}"
        ))
        .error(400, 1);
    account
        .get("/v5/boards/549755885999/sections")
        .error(404, 40);
    let no_secret = account.token_with(&["boards:read"]);
    account
        .call_as(
            &no_secret,
            "GET",
            &format!("/v5/boards/{SECRET_BOARD}/sections"),
            None,
        )
        .error(404, 40);
}

#[test]
fn sections_are_created_renamed_and_deleted_with_their_pins() {
    let account = sandbox();
    let path = format!("/v5/boards/{BOARD}/sections");
    let created = account.post(&path, &json!({"name": "Pies"})).ok(201);
    let id = created["id"].as_str().expect("id").to_owned();
    assert_eq!(created["name"], "Pies");
    let (all, _) = account.all_pages(&path, 250);
    assert_eq!(all.last().expect("sections")["id"], id.as_str());
    // The description has no rule against two sections of one name.
    account.post(&path, &json!({"name": "Pies"})).ok(201);
    assert_eq!(
        account
            .post(&path, &json!({"name": "x".repeat(180)}))
            .ok(201)["name"]
            .as_str()
            .map(str::len),
        Some(180)
    );
    let refusals = [
        (json!({}), "'name' is a required property"),
        (json!({"name": ""}), "minLength is 1"),
        (json!({"name": "x".repeat(181)}), "maxLength is 180"),
        (json!({"name": 3}), "is not of type 'string'"),
    ];
    for (body, message) in refusals {
        assert!(account.post(&path, &body).error(400, 1).contains(message));
        assert!(
            account
                .patch(&format!("{path}/{id}"), &body)
                .error(400, 1)
                .contains(message)
        );
    }
    let renamed = account
        .patch(&format!("{path}/{id}"), &json!({"name": "Tarts"}))
        .ok(200);
    assert_eq!(renamed, json!({"id": id, "name": "Tarts"}));
    assert_eq!(
        account
            .patch(&format!("{path}/123"), &json!({"name": "x"}))
            .error(404, 404),
        "Board section not found."
    );
    account
        .patch(
            &format!("/v5/boards/549755885101/sections/{SECTION}"),
            &json!({"name": "x"}),
        )
        .error(404, 404);
    account
        .patch(&format!("{path}/x1"), &json!({"name": "x"}))
        .error(400, 1);
    account
        .post("/v5/boards/549755885999/sections", &json!({"name": "x"}))
        .error(404, 40);
    let reader = account.token_with(&["boards:read"]);
    account
        .call_as(&reader, "POST", &path, Some(&json!({"name": "x"})))
        .error(401, 3);
    let public_writer = account.token_with(&["boards:read", "boards:read_secret", "boards:write"]);
    account
        .call_as(
            &public_writer,
            "POST",
            &format!("/v5/boards/{SECRET_BOARD}/sections"),
            Some(&json!({"name": "x"})),
        )
        .error(401, 3);

    let before = account.pinterest.board_pins(BOARD).len();
    let deleted = account.delete(&format!("{path}/{SECTION}"));
    assert_eq!(deleted.status, 204);
    assert_eq!(account.pinterest.board_pins(BOARD).len(), before - 15);
    account
        .get(&format!("{path}/{SECTION}/pins"))
        .error(404, 404);
    assert_eq!(
        account.delete(&format!("{path}/{SECTION}")).error(404, 404),
        "Board section not found."
    );
}

#[test]
fn business_access_takes_an_ad_account_id_where_pinterest_does() {
    let account = sandbox();
    account.get("/v5/boards?ad_account_id=549755885175").ok(200);
    account
        .post(
            &format!("/v5/boards/{BOARD}/sections?ad_account_id=42"),
            &json!({"name": "Via Business Access"}),
        )
        .ok(201);
    let arrived: Vec<Option<String>> = account
        .pinterest
        .requests()
        .into_iter()
        .map(|r| r.ad_account_id)
        .collect();
    assert_eq!(arrived, [Some("549755885175".into()), Some("42".into())]);
    let too_long = account
        .get("/v5/user_account?ad_account_id=1234567890123456789")
        .error(400, 1);
    assert!(too_long.contains("maxLength is 18"), "{too_long}");
    assert!(
        account
            .get("/v5/pins?ad_account_id=12a")
            .error(400, 1)
            .contains("^\\d+$")
    );
    assert!(
        account
            .get("/v5/media?ad_account_id=42")
            .error(400, 1)
            .contains("not a parameter of GET /v5/media")
    );
}

#[test]
fn every_write_counts_against_the_write_budget() {
    let clock = Clock::manual(1_767_225_600);
    let account = Account::sandbox(StandInOptions {
        clock: clock.clone(),
        write_limit: Some(WriteLimit {
            writes: 4,
            window: Duration::from_secs(60),
        }),
        ..StandInOptions::default()
    });
    let board = account.post("/v5/boards", &json!({"name": "Budget"}));
    assert_eq!(board.header("x-ratelimit-remaining"), Some("3"));
    let board = board.ok(201)["id"].as_str().expect("id").to_owned();
    account
        .post(
            &format!("/v5/boards/{board}/sections"),
            &json!({"name": "A"}),
        )
        .ok(201);
    account
        .post("/v5/media", &json!({"media_type": "video"}))
        .ok(201);
    assert_eq!(account.delete(&format!("/v5/boards/{board}")).status, 204);
    let limited = account.patch(&format!("/v5/boards/{BOARD}"), &json!({"name": "x"}));
    limited.error(429, 8);
    assert_eq!(limited.header("retry-after"), Some("60"));
    // Reads are another category.
    account.get(&format!("/v5/boards/{BOARD}")).ok(200);
    clock.advance(Duration::from_secs(60));
    account
        .patch(&format!("/v5/boards/{BOARD}"), &json!({"name": "x"}))
        .ok(200);
}

#[test]
fn unknown_paths_and_methods_answer_like_a_wrong_url() {
    let account = sandbox();
    assert_eq!(
        account
            .call("PUT", &format!("/v5/boards/{BOARD}"), None)
            .error(405, 1),
        "Method PUT is not allowed here."
    );
    assert_eq!(account.call("DELETE", "/v5/media", None).status, 405);
    assert_eq!(
        account.get(&format!("/v5/boards/{BOARD}/nothing")).status,
        404
    );
    assert_eq!(account.get("/v5/boards//sections").status, 404);
    let log = account.pinterest.requests();
    assert!(log.iter().all(|r| r.listener == Listener::Api));
    assert!(log.windows(2).all(|w| w[0].at_millis <= w[1].at_millis));
    let production = account
        .pinterest
        .issue_tokens(Environment::Production, &["boards:read"]);
    let elsewhere = support::get(
        &format!(
            "{}/v5/boards/{BOARD}/sections",
            account.pinterest.base_url()
        ),
        Some(&account.token),
    );
    elsewhere.error(401, 2);
    let _: Value = support::get(
        &format!(
            "{}/v5/boards/{BOARD}/sections",
            account.pinterest.base_url()
        ),
        Some(&production.access_token),
    )
    .ok(200);
}

#[test]
fn board_bookmarks_hold_their_place_when_boards_come_and_go() {
    let account = sandbox();
    let first = account.get("/v5/boards?page_size=25").ok(200);
    let mut seen: Vec<String> = first["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|b| b["id"].as_str().expect("id").to_owned())
        .collect();
    assert_eq!(
        account.delete(&format!("/v5/boards/{}", seen[2])).status,
        204
    );
    let created = account.post("/v5/boards", &json!({"name": "New"})).ok(201);
    let mut bookmark = first["bookmark"].as_str().expect("bookmark").to_owned();
    loop {
        let page = account
            .get(&format!("/v5/boards?page_size=25&bookmark={bookmark}"))
            .ok(200);
        seen.extend(
            page["items"]
                .as_array()
                .expect("items")
                .iter()
                .map(|b| b["id"].as_str().expect("id").to_owned()),
        );
        match page["bookmark"].as_str() {
            Some(next) => bookmark = next.to_owned(),
            None => break,
        }
    }
    assert_eq!(seen.len(), 61, "the 60 seeded and the new one, each once");
    assert_eq!(
        seen.last(),
        created["id"].as_str().map(str::to_owned).as_ref()
    );
}
