//! No error from any operation ever carries the client secret, an access
//! token, a refresh token or the Basic credentials, even when the server
//! echoes them back.

mod common;

use common::*;
use wiremock::matchers::any;
use wiremock::{Mock, ResponseTemplate};

/// Text an echoing proxy or API might send back: every secret the call held.
fn echo() -> String {
    let basic = basic_credentials();
    format!(
        "token {ACCESS_TOKEN} refresh {REFRESH_TOKEN} secret {CLIENT_SECRET} header {basic} code pina_{CLIENT_SECRET}"
    )
}

/// Every operation that sends a request, run once against the server.
fn every_operation(p: &Pinterest) -> Vec<(&'static str, Option<Error>)> {
    let host = host();
    let config = p.config();
    let url = types::MediaSource::ImageUrl("https://cdn.example/a.jpg".into());
    let pin = types::PinInput {
        board_id: "42".into(),
        board_section_id: None,
        media: url,
        title: None,
        description: None,
        link: None,
        alt_text: None,
        dominant_color: None,
        parent_pin_id: None,
    };
    let query = types::ListBoardsQuery {
        bookmark: None,
        page_size: None,
        privacy: None,
    };
    vec![
        (
            "exchange",
            host.exchange(&config, "auth-code-1", "https://a.example/")
                .unwrap()
                .err(),
        ),
        (
            "refresh",
            host.refresh(&config, REFRESH_TOKEN, None).unwrap().err(),
        ),
        (
            "get-user-account",
            host.get_user_account(&config, ACCESS_TOKEN).unwrap().err(),
        ),
        (
            "list-boards",
            host.list_boards(&config, ACCESS_TOKEN, &query)
                .unwrap()
                .err(),
        ),
        (
            "list-all-boards",
            host.list_all_boards(&config, ACCESS_TOKEN, None, None)
                .unwrap()
                .err(),
        ),
        (
            "get-board",
            host.get_board(&config, ACCESS_TOKEN, "42").unwrap().err(),
        ),
        (
            "create-pin",
            host.create_pin(&config, ACCESS_TOKEN, &pin).unwrap().err(),
        ),
    ]
}

#[test]
fn no_error_of_any_operation_holds_a_secret() {
    let answers = [
        ResponseTemplate::new(400).set_body_json(serde_json::json!({"code": 1, "message": echo()})),
        ResponseTemplate::new(401).set_body_json(serde_json::json!({"code": 2, "message": echo()})),
        ResponseTemplate::new(403)
            .set_body_json(serde_json::json!({"code": 29, "message": echo()})),
        ResponseTemplate::new(404)
            .set_body_json(serde_json::json!({"code": 40, "message": echo()})),
        ResponseTemplate::new(429)
            .set_body_json(serde_json::json!({"error": "slow down", "error_description": echo()})),
        ResponseTemplate::new(500).set_body_string(echo()),
        ResponseTemplate::new(200).set_body_string(echo()),
        ResponseTemplate::new(302).insert_header(
            "location",
            format!("https://x.example/?t={ACCESS_TOKEN}").as_str(),
        ),
    ];
    let mut checked = 0;
    for answer in answers {
        let p = Pinterest::start();
        p.mount(Mock::given(any()).respond_with(answer));
        for (operation, error) in every_operation(&p) {
            let error = error.unwrap_or_else(|| panic!("{operation} should fail"));
            let text = all_text(&error);
            assert_no_secrets(&text);
            assert!(
                !text.contains(&format!("pina_{CLIENT_SECRET}")),
                "{operation}: {text}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 56);
}

#[test]
fn invalid_input_never_echoes_a_token() {
    let p = Pinterest::start();
    let bad = format!("{ACCESS_TOKEN} \r\n");
    let error = host()
        .get_user_account(&p.config(), &bad)
        .unwrap()
        .unwrap_err();
    assert_no_secrets(&all_text(&error));
    invalid_input(error, "access-token");
}
