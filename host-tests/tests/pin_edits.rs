//! `get-pin`, `update-pin`, `delete-pin` and `save-pin` through the real
//! component: the requests Pinterest receives (the `PinUpdate` body with
//! `null` for what is cleared, the save body), the pins that come back, the
//! checks made before sending, and every failure.

mod common;

use common::*;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

const PIN_PATH: &str = "/v5/pins/813744226420795884";
const SAVE_PATH: &str = "/v5/pins/813744226420795884/save";

fn get() -> wiremock::MockBuilder {
    Mock::given(method("GET")).and(path(PIN_PATH))
}

fn update() -> wiremock::MockBuilder {
    Mock::given(method("PATCH")).and(path(PIN_PATH))
}

fn delete() -> wiremock::MockBuilder {
    Mock::given(method("DELETE")).and(path(PIN_PATH))
}

fn save() -> wiremock::MockBuilder {
    Mock::given(method("POST")).and(path(SAVE_PATH))
}

fn no_changes() -> types::PinChanges {
    types::PinChanges {
        board_id: None,
        board_section_id: None,
        title: None,
        description: None,
        link: None,
        alt_text: None,
    }
}

#[test]
fn reads_a_pin_as_create_pin_does() {
    let p = Pinterest::start();
    let mut answer = pin_json(PIN_ID);
    answer["board_section_id"] = json!(SECTION_ID);
    answer["media"] = json!({"media_type": "video", "cover_image_url": "https://i.pinimg.com/videos/thumbnails/originals/a.jpg", "duration": 12.5});
    p.mount(get().respond_with(ResponseTemplate::new(200).set_body_json(answer)));
    let pin = host()
        .get_pin(&business(p.config()), ACCESS_TOKEN, PIN_ID)
        .unwrap()
        .unwrap();
    assert_eq!(pin.id, PIN_ID);
    assert_eq!(pin.url, "https://www.pinterest.com/pin/813744226420795884/");
    assert_eq!(pin.board_section_id.as_deref(), Some(SECTION_ID));
    assert_eq!(pin.board_owner_username.as_deref(), Some("lemonshop"));
    assert_eq!(pin.media_type.as_deref(), Some("video"));
    assert_eq!(
        pin.image_url.as_deref(),
        Some("https://i.pinimg.com/videos/thumbnails/originals/a.jpg")
    );
    assert_request(
        &p.single_request(),
        "GET",
        PIN_PATH,
        &[("ad_account_id", AD_ACCOUNT_ID)],
        None,
    );
}

#[test]
fn updates_every_field_of_a_pin() {
    let p = Pinterest::start();
    p.mount(update().respond_with(ResponseTemplate::new(200).set_body_json(pin_json(PIN_ID))));
    let changes = types::PinChanges {
        board_id: Some("549755885176".into()),
        board_section_id: Some(SECTION_ID.into()),
        title: Some("Lemon tart".into()),
        description: Some("Bright and tangy".into()),
        link: Some("https://shop.example/tart".into()),
        alt_text: Some("A lemon tart".into()),
    };
    let pin = host()
        .update_pin(&business(p.config()), ACCESS_TOKEN, PIN_ID, &changes)
        .unwrap()
        .unwrap();
    assert_eq!(pin.id, PIN_ID);
    assert_request(
        &p.single_request(),
        "PATCH",
        PIN_PATH,
        &[("ad_account_id", AD_ACCOUNT_ID)],
        Some(json!({
            "board_id": "549755885176",
            "board_section_id": SECTION_ID,
            "title": "Lemon tart",
            "description": "Bright and tangy",
            "link": "https://shop.example/tart",
            "alt_text": "A lemon tart"
        })),
    );
}

#[test]
fn empty_strings_clear_fields_with_null_and_fields_left_out_stay() {
    let p = Pinterest::start();
    p.mount(update().respond_with(ResponseTemplate::new(200).set_body_json(pin_json(PIN_ID))));
    let changes = types::PinChanges {
        board_section_id: Some(String::new()),
        title: Some(String::new()),
        link: Some(String::new()),
        ..no_changes()
    };
    host()
        .update_pin(&p.config(), ACCESS_TOKEN, PIN_ID, &changes)
        .unwrap()
        .unwrap();
    assert_request(
        &p.single_request(),
        "PATCH",
        PIN_PATH,
        &[],
        Some(json!({"board_section_id": null, "title": null, "link": null})),
    );
}

#[test]
fn changes_are_checked_before_any_request() {
    let p = Pinterest::start();
    let refused = |changes: types::PinChanges| {
        host()
            .update_pin(&p.config(), ACCESS_TOKEN, PIN_ID, &changes)
            .unwrap()
            .unwrap_err()
    };
    let reason = invalid_input(refused(no_changes()), "changes");
    assert!(reason.contains("changes nothing"), "{reason}");
    let cases = [
        (
            types::PinChanges {
                board_id: Some(String::new()),
                ..no_changes()
            },
            "changes.board-id",
            "is empty",
        ),
        (
            types::PinChanges {
                board_section_id: Some("salads".into()),
                ..no_changes()
            },
            "changes.board-section-id",
            "decimal id",
        ),
        (
            types::PinChanges {
                title: Some("t".repeat(101)),
                ..no_changes()
            },
            "changes.title",
            "is 101 characters; the limit is 100",
        ),
        (
            types::PinChanges {
                description: Some("d".repeat(801)),
                ..no_changes()
            },
            "changes.description",
            "the limit is 800",
        ),
        (
            types::PinChanges {
                link: Some("ftp://shop.example/tart".into()),
                ..no_changes()
            },
            "changes.link",
            "http or https",
        ),
        (
            types::PinChanges {
                alt_text: Some("a".repeat(501)),
                ..no_changes()
            },
            "changes.alt-text",
            "the limit is 500",
        ),
    ];
    for (changes, field, expected) in cases {
        let reason = invalid_input(refused(changes), field);
        assert!(reason.contains(expected), "{field}: {reason}");
    }
    let error = host()
        .update_pin(&p.config(), ACCESS_TOKEN, "pin-1", &retitled_pin())
        .unwrap()
        .unwrap_err();
    invalid_input(error, "pin-id");
    assert!(p.requests().is_empty());
}

#[test]
fn deletes_a_pin() {
    let p = Pinterest::start();
    p.mount(delete().respond_with(ResponseTemplate::new(204)));
    host()
        .delete_pin(&business(p.config()), ACCESS_TOKEN, PIN_ID)
        .unwrap()
        .unwrap();
    assert_request(
        &p.single_request(),
        "DELETE",
        PIN_PATH,
        &[("ad_account_id", AD_ACCOUNT_ID)],
        None,
    );
}

#[test]
fn saves_a_pin_to_a_board_and_section() {
    let p = Pinterest::start();
    let mut saved = pin_json("813744226420795999");
    saved["parent_pin_id"] = json!(PIN_ID);
    saved["board_section_id"] = json!(SECTION_ID);
    p.mount(save().respond_with(ResponseTemplate::new(201).set_body_json(saved)));
    let pin = host()
        .save_pin(
            &business(p.config()),
            ACCESS_TOKEN,
            PIN_ID,
            BOARD_ID,
            Some(SECTION_ID),
        )
        .unwrap()
        .unwrap();
    assert_eq!(pin.id, "813744226420795999");
    assert_eq!(pin.parent_pin_id.as_deref(), Some(PIN_ID));
    assert_eq!(pin.board_section_id.as_deref(), Some(SECTION_ID));
    assert_request(
        &p.single_request(),
        "POST",
        SAVE_PATH,
        &[("ad_account_id", AD_ACCOUNT_ID)],
        Some(json!({"board_id": BOARD_ID, "board_section_id": SECTION_ID})),
    );
}

#[test]
fn saves_a_pin_to_a_board_without_a_section() {
    let p = Pinterest::start();
    p.mount(save().respond_with(ResponseTemplate::new(201).set_body_json(pin_json("9"))));
    for section in [None, Some("")] {
        host()
            .save_pin(&p.config(), ACCESS_TOKEN, PIN_ID, BOARD_ID, section)
            .unwrap()
            .unwrap();
    }
    for request in p.requests() {
        assert_request(
            &request,
            "POST",
            SAVE_PATH,
            &[],
            Some(json!({"board_id": BOARD_ID})),
        );
    }
}

#[test]
fn save_checks_every_id_before_any_request() {
    let p = Pinterest::start();
    let refused = |pin: &str, board: &str, section: Option<&str>| {
        host()
            .save_pin(&p.config(), ACCESS_TOKEN, pin, board, section)
            .unwrap()
            .unwrap_err()
    };
    invalid_input(refused("x", BOARD_ID, None), "pin-id");
    invalid_input(refused(PIN_ID, "", None), "board-id");
    invalid_input(refused(PIN_ID, BOARD_ID, Some("s")), "board-section-id");
    assert!(p.requests().is_empty());
}

#[test]
fn missing_pins_and_boards_say_what_to_recheck() {
    let p = Pinterest::start();
    let pin_not_found =
        ResponseTemplate::new(404).set_body_json(json!({"code": 50, "message": "Pin not found."}));
    p.mount(get().respond_with(pin_not_found.clone()));
    p.mount(delete().respond_with(pin_not_found.clone()));
    p.mount(update().respond_with(pin_not_found));
    p.mount(
        save().respond_with(ResponseTemplate::new(404).set_body_json(
            json!({"code": 2031, "message": "Sorry! We couldn't find this board section."}),
        )),
    );
    let config = p.config();
    let get = host()
        .get_pin(&config, ACCESS_TOKEN, PIN_ID)
        .unwrap()
        .unwrap_err();
    let f = failure(&get);
    assert_eq!(
        f.summary,
        "Pin 813744226420795884 was not found (404): Pin not found."
    );
    assert!(
        f.remedy.starts_with("Re-select the pin from list-pins"),
        "{}",
        f.remedy
    );
    let delete = host()
        .delete_pin(&config, ACCESS_TOKEN, PIN_ID)
        .unwrap()
        .unwrap_err();
    assert_eq!(failure(&delete).summary, f.summary);
    let update = host()
        .update_pin(&config, ACCESS_TOKEN, PIN_ID, &retitled_pin())
        .unwrap()
        .unwrap_err();
    assert!(
        failure(&update)
            .summary
            .starts_with("Pin 813744226420795884 (or the board or section it moves to)"),
        "{}",
        failure(&update).summary
    );
    let save = host()
        .save_pin(&config, ACCESS_TOKEN, PIN_ID, BOARD_ID, Some(SECTION_ID))
        .unwrap()
        .unwrap_err();
    let f = failure(&save);
    assert!(
        f.summary.starts_with(
            "Pin 813744226420795884, board 549755885175 or its section 4983232016467541134 was not found (404)"
        ),
        "{}",
        f.summary
    );
    assert_eq!(f.code, Some(2031));
    assert!(
        f.remedy.starts_with("Check the pin with get-pin"),
        "{}",
        f.remedy
    );
}

#[test]
fn a_timed_out_save_says_to_check_before_saving_again() {
    let p = Pinterest::start();
    let transport = std::sync::Arc::new(|_: pinterest_connector_host::http::Request| {
        Err(pinterest_connector_host::http::HttpError::Timeout)
    });
    let error = host()
        .with_transport(transport)
        .save_pin(&p.config(), ACCESS_TOKEN, PIN_ID, BOARD_ID, None)
        .unwrap()
        .unwrap_err();
    let f = failure(&error);
    assert!(
        f.summary.contains("within 60000 ms while saving the pin"),
        "{}",
        f.summary
    );
    assert!(
        f.remedy.ends_with(
            "The pin may have been saved anyway: check the board's pins (list-pins) before retrying."
        ),
        "{}",
        f.remedy
    );
}

#[test]
fn get_pin_fails_typed() {
    assert_failures(get, api_failures(), |p| {
        host()
            .get_pin(&p.config(), ACCESS_TOKEN, PIN_ID)
            .unwrap()
            .map(drop)
    });
}

#[test]
fn update_pin_fails_typed() {
    assert_failures(update, api_failures(), |p| {
        host()
            .update_pin(&p.config(), ACCESS_TOKEN, PIN_ID, &retitled_pin())
            .unwrap()
            .map(drop)
    });
}

#[test]
fn delete_pin_fails_typed() {
    assert_failures(delete, api_failures(), |p| {
        host()
            .delete_pin(&p.config(), ACCESS_TOKEN, PIN_ID)
            .unwrap()
    });
}

#[test]
fn save_pin_fails_typed() {
    assert_failures(save, api_failures(), |p| {
        host()
            .save_pin(
                &p.config(),
                ACCESS_TOKEN,
                PIN_ID,
                BOARD_ID,
                Some(SECTION_ID),
            )
            .unwrap()
            .map(drop)
    });
}
