//! Pins on the stand-in: the listings of a board, a section and the account
//! (newest first, bookmarks to the end that hold their place), the filters
//! of `GET /v5/pins`, one pin read, changed (`PinUpdate`), moved, deleted
//! and saved, and what secret pins need.

use std::time::Duration;

use pinterest_standin::{Clock, StandInOptions};
use serde_json::{Value, json};
use support::{Account, BOARD, PROTECTED_BOARD, SECRET_BOARD, SECTION};

mod support;

const START: u64 = 1_767_225_600;

/// A sandbox account on a manual clock.
fn account() -> (Account, Clock) {
    let clock = Clock::manual(START);
    let account = Account::sandbox(StandInOptions {
        clock: clock.clone(),
        ..StandInOptions::default()
    });
    (account, clock)
}

/// Creates an image pin on `board` titled `title`; its id.
fn create(account: &Account, board: &str, title: &str) -> String {
    account
        .post(
            "/v5/pins",
            &json!({"board_id": board, "title": title, "link": "https://shop.example/tart",
                    "media_source": {"source_type": "image_url", "url": "https://cdn.example/tart.jpg"}}),
        )
        .ok(201)["id"]
        .as_str()
        .expect("id")
        .to_owned()
}

/// `(created_at, id as a number)` of each pin, to check the order.
fn order(pins: &[Value]) -> Vec<(String, u64)> {
    pins.iter()
        .map(|p| {
            (
                p["created_at"].as_str().expect("created_at").to_owned(),
                p["id"].as_str().expect("id").parse().expect("numeric id"),
            )
        })
        .collect()
}

fn newest_first(pins: &[Value]) -> bool {
    order(pins).windows(2).all(|w| w[0] > w[1])
}

#[test]
fn a_boards_pins_come_newest_first_and_page_to_the_end() {
    let (account, clock) = account();
    let path = format!("/v5/boards/{BOARD}/pins");
    let (pins, pages) = account.all_pages(&path, 25);
    assert_eq!((pins.len(), pages), (60, 3));
    assert!(newest_first(&pins));
    let seconds: Vec<String> = order(&pins).into_iter().map(|(c, _)| c).collect();
    assert!(
        seconds.windows(2).any(|w| w[0] == w[1]),
        "some share a second"
    );
    assert!(pins.iter().all(|p| p["board_id"] == BOARD));

    clock.advance(Duration::from_secs(1));
    let first = create(&account, BOARD, "First");
    let second = create(&account, BOARD, "Second (same second)");
    let top = account.get(&format!("{path}?page_size=2")).ids();
    assert_eq!(top, [second.clone(), first.clone()]);
    let board = account.get(&format!("/v5/boards/{BOARD}")).ok(200);
    assert_eq!(board["pin_count"], 62);
    assert_eq!(board["board_pins_modified_at"], "2026-01-01T00:00:01");
    let records = account.pinterest.board_pins(BOARD);
    assert_eq!(records.len(), 62);
    assert_eq!(records[0].id, second);

    for bad in [
        "page_size=0",
        "page_size=251",
        "bookmark=bogus",
        "creative_types=NOPE",
        "pin_metrics=yes",
    ] {
        account.get(&format!("{path}?{bad}")).error(400, 1);
    }
    assert_eq!(
        account.get("/v5/boards/549755885999/pins").error(404, 404),
        "Board not found."
    );
    let carousels = account
        .all_pages(&format!("{path}?creative_types=CAROUSEL"), 250)
        .0;
    assert_eq!(carousels.len(), 8);
    assert!(
        carousels
            .iter()
            .all(|p| p["media"]["media_type"] == "multiple_images")
    );
    let two_kinds = account
        .all_pages(
            &format!("{path}?creative_types=CAROUSEL&creative_types=VIDEO"),
            250,
        )
        .0;
    assert_eq!(two_kinds.len(), 12);
    let with_metrics = account
        .get(&format!("{path}?page_size=1&pin_metrics=true"))
        .ok(200);
    assert!(with_metrics["items"][0]["pin_metrics"]["90d"].is_object());
}

#[test]
fn bookmarks_hold_their_place_when_pins_come_and_go_between_pages() {
    let (account, clock) = account();
    let path = format!("/v5/boards/{BOARD}/pins?page_size=10");
    let first = account.get(&path).ok(200);
    let mut seen: Vec<Value> = first["items"].as_array().expect("items").clone();
    let mut bookmark = first["bookmark"].as_str().expect("bookmark").to_owned();
    clock.advance(Duration::from_secs(5));
    create(&account, BOARD, "Made between pages");
    let gone = seen[3]["id"].as_str().expect("id").to_owned();
    assert_eq!(account.delete(&format!("/v5/pins/{gone}")).status, 204);
    loop {
        let page = account.get(&format!("{path}&bookmark={bookmark}")).ok(200);
        seen.extend(page["items"].as_array().expect("items").iter().cloned());
        match page["bookmark"].as_str() {
            Some(next) => bookmark = next.to_owned(),
            None => break,
        }
    }
    let mut ids: Vec<&str> = seen.iter().map(|p| p["id"].as_str().expect("id")).collect();
    assert_eq!(ids.len(), 60, "every seeded pin once, none twice");
    assert!(seen.iter().all(|p| p["title"] != "Made between pages"));
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 60);
    assert!(newest_first(&seen));
}

#[test]
fn a_sections_pins_page_to_the_end() {
    let (account, _) = account();
    let path = format!("/v5/boards/{BOARD}/sections/{SECTION}/pins");
    let (pins, pages) = account.all_pages(&path, 4);
    assert_eq!((pins.len(), pages), (15, 4));
    assert!(newest_first(&pins));
    assert!(pins.iter().all(|p| p["board_section_id"] == SECTION));
    let empty = account
        .get(&format!("/v5/boards/{BOARD}/sections/54975588510009/pins"))
        .ok(200);
    assert_eq!(empty, json!({"items": [], "bookmark": null}));
    assert_eq!(
        account
            .get(&format!("/v5/boards/549755885101/sections/{SECTION}/pins"))
            .error(404, 404),
        "Board or section not found."
    );
    account
        .get(&format!("/v5/boards/{BOARD}/sections/7/pins"))
        .error(404, 404);
    account
        .get(&format!("/v5/boards/{BOARD}/sections/x/pins"))
        .error(400, 1);
    let boards_only = account.token_with(&["boards:read"]);
    account
        .call_as(&boards_only, "GET", &path, None)
        .error(401, 3);
}

#[test]
fn the_accounts_pins_filter_like_pinterest() {
    let (account, _) = account();
    let every = |query: &str| account.all_pages(&format!("/v5/pins?{query}"), 250).0;
    let default = every("");
    assert_eq!(
        default.len(),
        63,
        "public and secret pins, not protected ones"
    );
    assert!(newest_first(&default));
    assert_eq!(every("include_protected_pins=true").len(), 65);
    let private = every("pin_type=PRIVATE");
    assert_eq!(private.len(), 3);
    assert!(private.iter().all(|p| p["board_id"] == SECRET_BOARD));
    assert!(every("pin_filter=has_been_promoted").is_empty());
    let original = default[0]["id"].as_str().expect("id").to_owned();
    account
        .post(
            &format!("/v5/pins/{original}/save"),
            &json!({"board_id": "549755885101"}),
        )
        .ok(201);
    assert_eq!(every("pin_filter=exclude_native").len(), 1);
    assert_eq!(every("pin_filter=exclude_repins").len(), 63);
    assert_eq!(every("creative_types=VIDEO").len(), 4);
    let (_, pages) = account.all_pages("/v5/pins", 25);
    assert_eq!(pages, 3);

    let public = account.token_with(&["boards:read", "pins:read"]);
    let visible = account
        .call_as(&public, "GET", "/v5/pins?page_size=250", None)
        .ok(200);
    assert_eq!(visible["items"].as_array().map(Vec::len), Some(61));
    account
        .call_as(&public, "GET", "/v5/pins?pin_type=PRIVATE", None)
        .error(401, 3);
    for bad in [
        "pin_filter=mine",
        "pin_type=PUBLIC",
        "include_protected_pins=1",
        "creative_types=regular",
        "page_size=251",
    ] {
        account.get(&format!("/v5/pins?{bad}")).error(400, 1);
    }
    let protected = account
        .get(&format!("/v5/boards/{PROTECTED_BOARD}/pins"))
        .ids();
    assert_eq!(protected.len(), 2, "a protected board lists its pins");
}

#[test]
fn secret_pins_need_the_secret_scopes() {
    let (account, _) = account();
    let path = format!("/v5/boards/{SECRET_BOARD}/pins");
    assert_eq!(account.get(&path).ids().len(), 3);
    let boards_secret = account.token_with(&["boards:read", "boards:read_secret", "pins:read"]);
    account
        .call_as(&boards_secret, "GET", &path, None)
        .error(401, 3);
    let public = account.token_with(&["boards:read", "pins:read"]);
    account.call_as(&public, "GET", &path, None).error(404, 404);
    let secret_pin = account.get(&path).ids()[0].clone();
    account
        .call_as(&public, "GET", &format!("/v5/pins/{secret_pin}"), None)
        .error(404, 50);
    let public_writer = account.token_with(&[
        "boards:read",
        "boards:read_secret",
        "boards:write",
        "pins:read",
        "pins:read_secret",
        "pins:write",
    ]);
    account
        .call_as(
            &public_writer,
            "PATCH",
            &format!("/v5/pins/{secret_pin}"),
            Some(&json!({"title": "x"})),
        )
        .error(401, 3);
    account
        .call_as(
            &public_writer,
            "POST",
            "/v5/pins",
            Some(&json!({"board_id": SECRET_BOARD,
                         "media_source": {"source_type": "image_url", "url": "https://e.com/a.jpg"}})),
        )
        .error(401, 3);
    assert_eq!(
        account
            .patch(
                &format!("/v5/pins/{secret_pin}"),
                &json!({"title": "Still secret"})
            )
            .ok(200)["title"],
        "Still secret"
    );
}

#[test]
fn a_pin_is_read_changed_moved_and_deleted() {
    let (account, _) = account();
    let id = create(&account, BOARD, "Lemon tart");
    let path = format!("/v5/pins/{id}");
    let pin = account.get(&path).ok(200);
    assert_eq!(pin["title"], "Lemon tart");
    assert_eq!(pin["created_at"], "2026-01-01T00:00:00");
    assert_eq!(pin["board_owner"]["username"], "standin_studio");
    assert_eq!(pin["media"]["media_type"], "image");
    let rendition = pin["media"]["images"]["600x"]["url"].as_str().expect("url");
    assert!(
        rendition.starts_with("https://i.pinimg.com/600x/"),
        "{rendition}"
    );
    assert!(
        !pin.to_string().contains("cdn.example"),
        "the source URL is not reported"
    );
    assert!(pin["pin_metrics"].is_null());
    assert_eq!(
        account.get("/v5/pins/813040700000009999").error(404, 50),
        "Pin not found."
    );
    account.get("/v5/pins/abc").error(400, 1);

    let changed = account
        .patch(
            &path,
            &json!({"title": "Lime tart", "description": "Greener", "alt_text": "A tart",
                    "link": "https://shop.example/lime", "board_section_id": SECTION}),
        )
        .ok(200);
    assert_eq!(changed["title"], "Lime tart");
    assert_eq!(changed["alt_text"], "A tart");
    assert_eq!(changed["board_section_id"], SECTION);
    assert_eq!(changed["id"], id.as_str());
    let cleared = account
        .patch(
            &path,
            &json!({"description": null, "board_section_id": null}),
        )
        .ok(200);
    assert!(cleared["description"].is_null());
    assert!(cleared["board_section_id"].is_null());
    assert_eq!(cleared["title"], "Lime tart", "absent fields stay");

    account
        .patch(&path, &json!({"board_section_id": SECTION}))
        .ok(200);
    let moved = account
        .patch(&path, &json!({"board_id": "549755885101"}))
        .ok(200);
    assert_eq!(moved["board_id"], "549755885101");
    assert!(
        moved["board_section_id"].is_null(),
        "a move leaves the old board's section"
    );
    assert_eq!(
        account.get("/v5/boards/549755885101/pins").ids(),
        std::slice::from_ref(&id)
    );
    let back = account
        .patch(
            &path,
            &json!({"board_id": BOARD, "board_section_id": SECTION}),
        )
        .ok(200);
    assert_eq!(back["board_section_id"], SECTION);

    let refusals = [
        (
            json!({"title": "t".repeat(101)}),
            "'title' is too long: 101 characters; maxLength is 100",
        ),
        (json!({"description": "d".repeat(801)}), "maxLength is 800"),
        (json!({"alt_text": "a".repeat(501)}), "maxLength is 500"),
        (
            json!({"link": format!("https://e.com/{}", "l".repeat(2040))}),
            "maxLength is 2048",
        ),
        (json!({"link": "shop.example"}), "Whoops!"),
        (
            json!({"board_id": null}),
            "'board_id' value null is not of type 'string'",
        ),
        (json!({"board_id": "12a"}), "must match the pattern"),
        (json!({"board_section_id": "x"}), "must match the pattern"),
        (json!({"carousel_slots": []}), "not offered"),
    ];
    for (body, message) in refusals {
        let refused = account.patch(&path, &body).error(400, 1);
        assert!(refused.contains(message), "{refused}");
    }
    account
        .patch(&path, &json!({"board_section_id": "54975588510099"}))
        .error(404, 2031);
    account
        .patch(&path, &json!({"board_id": "549755885999"}))
        .error(404, 40);
    let reader = account.token_with(&["boards:read", "pins:read"]);
    account
        .call_as(&reader, "PATCH", &path, Some(&json!({"title": "x"})))
        .error(401, 3);
    account
        .call_as(&reader, "DELETE", &path, None)
        .error(401, 3);

    let deleted = account.delete(&path);
    assert_eq!(deleted.status, 204);
    account.get(&path).error(404, 50);
    account.delete(&path).error(404, 50);
    account.patch(&path, &json!({"title": "x"})).error(404, 50);
    assert_eq!(
        account.pinterest.pins().len(),
        1,
        "the creation log keeps it"
    );
}

#[test]
fn a_pin_is_saved_to_a_board_or_a_section() {
    let (account, _) = account();
    let original = create(&account, BOARD, "Lemon tart");
    let save = |body: &Value| account.post(&format!("/v5/pins/{original}/save"), body);
    let saved = save(&json!({"board_id": "549755885101"})).ok(201);
    assert_ne!(saved["id"], original.as_str());
    assert_eq!(saved["parent_pin_id"], original.as_str());
    assert_eq!(saved["board_id"], "549755885101");
    assert_eq!(saved["title"], "Lemon tart");
    let first = account.get(&format!("/v5/pins/{original}")).ok(200);
    assert_eq!(saved["media"], first["media"], "the same image");
    let into_section = save(&json!({"board_section_id": SECTION})).ok(201);
    assert_eq!(into_section["board_id"], BOARD, "the section's board");
    assert_eq!(into_section["board_section_id"], SECTION);
    let both = save(&json!({"board_id": BOARD, "board_section_id": SECTION})).ok(201);
    assert_eq!(both["board_section_id"], SECTION);

    assert!(
        save(&json!({}))
            .error(400, 1)
            .contains("'board_id' or 'board_section_id'")
    );
    save(&json!({"board_id": "x"})).error(400, 1);
    save(&json!({"board_id": "549755885999"})).error(404, 40);
    save(&json!({"board_id": "549755885101", "board_section_id": SECTION})).error(404, 2031);
    save(&json!({"board_section_id": "7"})).error(404, 2031);
    let text = support::send(
        "POST",
        &format!("{}/v5/pins/{original}/save", account.base),
        Some(&account.token),
        None,
    );
    text.error(400, 1);
    // `pins/save` gives its pin_id no pattern: anything unknown is not found.
    account
        .post("/v5/pins/not-a-pin/save", &json!({"board_id": BOARD}))
        .error(404, 50);
    account
        .post(
            "/v5/pins/813040700000009999/save",
            &json!({"board_id": BOARD}),
        )
        .error(404, 50);
    assert_eq!(account.pinterest.pins().len(), 4);
    assert_eq!(
        account.pinterest.pins()[1].request,
        json!({"board_id": "549755885101"})
    );
}
