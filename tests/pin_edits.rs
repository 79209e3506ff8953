//! One pin natively: reading it, the exact `PinUpdate` bodies (`null`
//! clears, absent keeps), deleting it, and the save body.

mod support;

use pinterest_connector::internals::pins;
use pinterest_connector::{Error, Method, PinChanges};
use serde_json::{Value, json};
use support::*;

const PIN: &str = "813744226420795884";

fn update_body(changes: &PinChanges) -> Value {
    let request = pins::update_request(&config(), &access_token(), PIN, changes).unwrap();
    assert_eq!(request.method, Method::Patch);
    assert_eq!(
        request.url,
        "https://api.pinterest.com/v5/pins/813744226420795884"
    );
    serde_json::from_slice(request.bytes().unwrap()).unwrap()
}

fn refused(changes: &PinChanges) -> (String, String) {
    match pins::update_request(&config(), &access_token(), PIN, changes) {
        Err(Error::InvalidInput { field, reason }) => (field, reason),
        other => panic!("{other:?}"),
    }
}

#[test]
fn absent_fields_stay_empty_ones_clear_and_text_sets() {
    let changes = PinChanges {
        title: Some("Lemon tart".into()),
        description: Some(String::new()),
        board_section_id: Some(String::new()),
        ..PinChanges::default()
    };
    assert_eq!(
        update_body(&changes),
        json!({"title": "Lemon tart", "description": null, "board_section_id": null})
    );
    let moved = PinChanges {
        board_id: Some("549755885176".into()),
        board_section_id: Some("4983232016467541134".into()),
        ..PinChanges::default()
    };
    assert_eq!(
        update_body(&moved),
        json!({"board_id": "549755885176", "board_section_id": "4983232016467541134"})
    );
}

#[test]
fn changes_keep_the_limits_of_a_new_pin() {
    let field = |changes: PinChanges| refused(&changes).0;
    assert_eq!(field(PinChanges::default()), "changes");
    assert_eq!(
        field(PinChanges {
            board_id: Some(String::new()),
            ..PinChanges::default()
        }),
        "changes.board-id"
    );
    let (f, reason) = refused(&PinChanges {
        title: Some("é".repeat(101)),
        ..PinChanges::default()
    });
    assert_eq!(
        (f.as_str(), reason.as_str()),
        ("changes.title", "is 101 characters; the limit is 100")
    );
    assert_eq!(
        field(PinChanges {
            link: Some("javascript:alert(1)".into()),
            ..PinChanges::default()
        }),
        "changes.link"
    );
    assert!(
        pins::update_request(
            &config(),
            &access_token(),
            PIN,
            &PinChanges {
                title: Some("é".repeat(100)),
                alt_text: Some("a".repeat(500)),
                description: Some("d".repeat(800)),
                ..PinChanges::default()
            }
        )
        .is_ok()
    );
}

#[test]
fn get_delete_and_save_requests() {
    let token = access_token();
    let get = pins::get_request(&config(), &token, PIN).unwrap();
    assert_eq!((get.method, get.body.is_empty()), (Method::Get, true));
    let delete = pins::delete_request(&config(), &token, PIN).unwrap();
    assert_eq!(delete.method, Method::Delete);
    assert_eq!(
        delete.url,
        "https://api.pinterest.com/v5/pins/813744226420795884"
    );
    let save = pins::save_request(&config(), &token, PIN, "549755885175", Some("")).unwrap();
    assert_eq!(save.method, Method::Post);
    assert_eq!(
        save.url,
        "https://api.pinterest.com/v5/pins/813744226420795884/save"
    );
    assert_eq!(
        serde_json::from_slice::<Value>(save.bytes().unwrap()).unwrap(),
        json!({"board_id": "549755885175"})
    );
    assert!(matches!(
        pins::get_request(&config(), &token, "https://www.pinterest.com/pin/1/"),
        Err(Error::InvalidInput { field, .. }) if field == "pin-id"
    ));
}

#[test]
fn a_saved_pin_is_read_with_its_parent() {
    let body = json!({"id": "9", "parent_pin_id": PIN, "board_id": "549755885175"});
    let mut script = Script::new([json(201, body)]);
    let cfg = config();
    let pin = connector(&cfg, script.client())
        .save_pin(&access_token(), PIN, "549755885175", None)
        .unwrap();
    assert_eq!(pin.parent_pin_id.as_deref(), Some(PIN));
    assert_eq!(script.sent.len(), 1);
}
