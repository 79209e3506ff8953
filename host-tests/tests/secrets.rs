//! No error from any operation ever carries the client secret, an access
//! token, a refresh token, an authorization code or the Basic credentials,
//! nor any of them URL-encoded, even when the server or the host echoes
//! the request back; nor does any line the command-line host prints.

mod common;

use std::sync::Arc;

use common::*;
use host_tests::sweep::*;
use pinterest_connector_host::http;
use wiremock::matchers::any;
use wiremock::{Mock, Respond, ResponseTemplate};

/// Text an echoing proxy or API might send back: every secret the call held.
fn echo() -> String {
    let basic = basic_credentials();
    format!(
        "token {ACCESS_TOKEN} refresh {REFRESH_TOKEN} secret {CLIENT_SECRET} header {basic} code pina_{CLIENT_SECRET}"
    )
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
        for (operation, error) in every_operation(&host(), &p.config()) {
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
    assert_eq!(checked, 8 * EVERY_OPERATION_CALLS);
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

/// The answers of the sweep: every status class, in every shape.
const ECHOES: [(u16, &str); 14] = [
    (200, "text"),
    (200, "tokens"),
    (201, "pinterest"),
    (302, "redirect"),
    (400, "pinterest"),
    (400, "oauth"),
    (401, "pinterest"),
    (403, "pinterest"),
    (404, "pinterest"),
    (404, "text"),
    (409, "pinterest"),
    (429, "oauth"),
    (500, "pinterest"),
    (502, "text"),
];

/// The code and tokens of the sweep's operations.
const SWEPT: Held<'static> = Held {
    code: GRANT_CODE,
    access_token: TOKEN,
    refresh_token: ROTATING,
};

#[test]
fn a_sweep_of_every_error_path_never_shows_a_secret_in_any_encoding() {
    let mut checked = 0;
    let mut answered_echoes = 0;
    for (status, shape) in ECHOES {
        let p = Pinterest::start();
        p.mount(Mock::given(any()).respond_with(Echo(status, shape)));
        let config = sweep_config(&p.server.uri());
        for (operation, error) in every_operation_holding(&host(), &config, SWEPT) {
            let Some(error) = error else {
                // A 2xx JSON echo is api-request's answer, checked as it
                // came back (see `answered`).
                assert!(
                    operation == "api-request" && (200..300).contains(&status),
                    "{operation} ({status} {shape}) should fail"
                );
                answered_echoes += 1;
                continue;
            };
            assert_no_secret_forms(
                &format!("{operation} ({status} {shape})"),
                &all_text(&error),
            );
            checked += 1;
        }
        // The server did see every secret: the sweep is not vacuous.
        let seen: String = p.requests().iter().map(echo_of).collect();
        for secret in [GRANT_CODE, ROTATING, TOKEN] {
            let form: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
            assert!(
                seen.contains(secret) || seen.contains(&form),
                "{secret} never sent"
            );
        }
    }
    // 200 and 201 JSON echoes are api-request's answers.
    assert_eq!(answered_echoes, 2);
    assert_eq!(
        checked + answered_echoes,
        ECHOES.len() * EVERY_OPERATION_CALLS
    );
}

/// `text` lower-cased, upper-cased or in alternating case (`case` 0, 1, 2),
/// as a server that transforms what it echoes may send it.
fn in_case(text: &str, case: usize) -> String {
    match case {
        0 => text.to_lowercase(),
        1 => text.to_uppercase(),
        _ => text
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if i % 2 == 0 {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect(),
    }
}

/// Echoes what the component sent (its `Bearer` or `Basic` header, the
/// form with the code or refresh token) in another case, in one field of
/// an answer: a value the connector reads and may quote in an error.
struct CaseEcho {
    case: usize,
    field: &'static str,
}

impl Respond for CaseEcho {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        let echo = in_case(&echo_of(request), self.case);
        match self.field {
            "privacy" => ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "id": BOARD_ID, "name": "R", "privacy": echo,
                "items": [{"id": BOARD_ID, "name": "R", "privacy": echo}],
            })),
            "account_type" => ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"account_type": echo, "token_type": echo})),
            "message" => ResponseTemplate::new(400)
                .set_body_json(serde_json::json!({"code": 1, "message": echo})),
            "long message" => ResponseTemplate::new(400).set_body_json(
                serde_json::json!({"code": 1, "message": format!("{}{echo}", "x".repeat(470))}),
            ),
            "error_description" => ResponseTemplate::new(403)
                .set_body_json(serde_json::json!({"error": echo, "error_description": echo})),
            "location" => {
                let path: String = echo.chars().filter(|c| !c.is_whitespace()).collect();
                ResponseTemplate::new(302)
                    .insert_header("location", format!("https://proxy.example/{path}").as_str())
            }
            _ => ResponseTemplate::new(503).set_body_string(echo),
        }
    }
}

#[test]
fn secrets_echoed_in_another_case_in_any_field_never_show() {
    let forms: Vec<String> = secret_forms().iter().map(|f| f.to_lowercase()).collect();
    let mut checked = 0;
    let mut refused_privacy = Vec::new();
    for field in [
        "privacy",
        "account_type",
        "message",
        "long message",
        "error_description",
        "location",
        "text",
    ] {
        for case in 0..3 {
            let p = Pinterest::start();
            p.mount(Mock::given(any()).respond_with(CaseEcho { case, field }));
            let config = sweep_config(&p.server.uri());
            for (operation, error) in every_operation_holding(&host(), &config, SWEPT) {
                let Some(error) = error else { continue };
                let text = all_text(&error).to_lowercase();
                for form in &forms {
                    assert!(
                        !text.contains(form.as_str()),
                        "{operation} ({field}, case {case}) shows {form}: {text}"
                    );
                    for (at, _) in text.match_indices('…') {
                        let cut = (8..form.len()).any(|i| text[..at].ends_with(&form[..i]));
                        assert!(
                            !cut,
                            "{operation} ({field}, case {case}) shows the start of {form}: {text}"
                        );
                    }
                }
                if field == "privacy" {
                    refused_privacy.push(operation);
                } else {
                    checked += 1;
                }
            }
        }
    }
    // Every operation fails on every answer but the board's, which only
    // the operations that read boards refuse (others read it as their own
    // record), and but api-request's on the account's answer (a 2xx of
    // JSON: its result, checked in `answered`).
    assert_eq!(checked, 6 * 3 * EVERY_OPERATION_CALLS - 3);
    for operation in ["get-board", "list-boards", "list-all-boards"] {
        let refused = refused_privacy.iter().filter(|o| **o == operation).count();
        assert_eq!(refused, 3, "{operation}");
    }
}

#[test]
fn host_errors_that_echo_the_request_never_show_a_secret() {
    let echo = |request: &http::Request| {
        format!(
            "{} {:?} {}",
            request.url,
            request.headers,
            String::from_utf8_lossy(&request.body_bytes().unwrap_or_default())
        )
    };
    let transports: [Arc<dyn pinterest_connector_host::Transport>; 3] = [
        Arc::new(move |r: http::Request| Err(http::HttpError::Denied(echo(&r)))),
        Arc::new(move |r: http::Request| Err(http::HttpError::Transport(echo(&r)))),
        Arc::new(|_: http::Request| Err(http::HttpError::Timeout)),
    ];
    for transport in transports {
        let host = host().with_transport(transport);
        for (operation, error) in
            every_operation_holding(&host, &sweep_config("http://127.0.0.1:9"), SWEPT)
        {
            let error = error.unwrap_or_else(|| panic!("{operation} should fail"));
            assert!(
                matches!(error, Error::Transport(_)),
                "{operation}: {error:?}"
            );
            assert_no_secret_forms(operation, &all_text(&error));
        }
    }
}

#[test]
fn invalid_input_holding_secrets_never_shows_them() {
    let host = host();
    let config = sweep_config("http://127.0.0.1:9");
    let mut bad_secret = config.clone();
    bad_secret.client_secret = format!("{APP_SECRET}\n{APP_SECRET}");
    let query = types::ListBoardsQuery {
        bookmark: Some(TOKEN.repeat(300)),
        page_size: None,
        privacy: None,
    };
    let mut pin = sample_pin();
    pin.link = Some(format!("ftp{TOKEN}://x"));
    pin.title = Some(TOKEN.repeat(10));
    let mut ad_account = config.clone();
    ad_account.ad_account_id = Some(TOKEN.to_owned());
    let page = types::PageQuery {
        bookmark: Some(TOKEN.repeat(300)),
        page_size: None,
    };
    let source = types::PinSource::Board(TOKEN.to_owned());
    let changes = types::PinChanges {
        link: Some(format!("ftp{TOKEN}://x")),
        title: Some(TOKEN.repeat(10)),
        ..retitled_pin()
    };
    let candidate = types::DuplicateCandidate {
        link: Some(format!("ftp{TOKEN}://x")),
        image_url: None,
        title: Some(TOKEN.repeat(10)),
    };
    let image = types::DuplicateCandidate {
        link: None,
        image_url: Some(format!("https://{TOKEN}")),
        title: Some(TOKEN.repeat(10)),
    };
    // Base64url of a token: a cursor the connector never made.
    let cursor = {
        use base64::Engine as _;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(format!("poll-new-pins 1\nfor {TOKEN}"))
    };
    let errors = vec![
        (
            "exchange code",
            host.exchange(&config, &format!("{GRANT_CODE} x"), "https://a.example/")
                .unwrap()
                .err(),
        ),
        (
            "exchange secret",
            host.exchange(&bad_secret, GRANT_CODE, "https://a.example/")
                .unwrap()
                .err(),
        ),
        (
            "refresh scopes",
            host.refresh(&config, ROTATING, Some(&[ROTATING.to_owned()]))
                .unwrap()
                .err(),
        ),
        (
            "authorize scopes",
            host.authorize(
                &config,
                "https://a.example/",
                &[APP_SECRET.to_owned()],
                None,
            )
            .unwrap()
            .err(),
        ),
        (
            "access token",
            host.get_user_account(&config, &format!("{TOKEN}\r\n"))
                .unwrap()
                .err(),
        ),
        (
            "bookmark",
            host.list_boards(&config, TOKEN, &query).unwrap().err(),
        ),
        (
            "board id",
            host.get_board(&config, TOKEN, TOKEN).unwrap().err(),
        ),
        ("pin", host.create_pin(&config, TOKEN, &pin).unwrap().err()),
        (
            "ad account",
            host.get_board(&ad_account, TOKEN, BOARD_ID).unwrap().err(),
        ),
        (
            "section name",
            host.create_section(&config, TOKEN, BOARD_ID, &TOKEN.repeat(20))
                .unwrap()
                .err(),
        ),
        (
            "sections bookmark",
            host.list_sections(&config, TOKEN, BOARD_ID, &page)
                .unwrap()
                .err(),
        ),
        (
            "pin source",
            host.list_pins(&config, TOKEN, &source, &first_page())
                .unwrap()
                .err(),
        ),
        (
            "pin changes",
            host.update_pin(&config, TOKEN, PIN_ID, &changes)
                .unwrap()
                .err(),
        ),
        (
            "saved pin id",
            host.save_pin(&config, TOKEN, TOKEN, BOARD_ID, None)
                .unwrap()
                .err(),
        ),
        (
            "duplicate candidate",
            host.find_duplicate_pins(&config, TOKEN, &source, &candidate, None)
                .unwrap()
                .err(),
        ),
        (
            "duplicate candidate image",
            host.find_duplicate_pins(&config, TOKEN, &pin_sources()[0], &image, None)
                .unwrap()
                .err(),
        ),
        (
            "poll cursor",
            host.poll_new_pins(&config, TOKEN, &pin_sources()[0], Some(&cursor), None)
                .unwrap()
                .err(),
        ),
        (
            "poll source",
            host.poll_new_pins(&config, TOKEN, &source, None, None)
                .unwrap()
                .err(),
        ),
        (
            "api-request path",
            host.api_request(
                &config,
                TOKEN,
                types::ApiMethod::Get,
                &format!("/v5/boards/{TOKEN}?{APP_SECRET}"),
                &[],
                None,
            )
            .unwrap()
            .err(),
        ),
        (
            "api-request body",
            host.api_request(
                &config,
                TOKEN,
                types::ApiMethod::Post,
                "/v5/boards",
                &[],
                Some(&format!("{{\"token\": \"{TOKEN}")),
            )
            .unwrap()
            .err(),
        ),
        (
            "upload-video content",
            host.upload_video(
                &config,
                TOKEN,
                &types::VideoUpload {
                    content: format!("/videos/{TOKEN}/{APP_SECRET}.mp4"),
                    file_name: None,
                },
            )
            .unwrap()
            .err(),
        ),
        (
            "media id",
            host.get_media(&config, TOKEN, TOKEN).unwrap().err(),
        ),
    ];
    for (what, error) in errors {
        let error = error.unwrap_or_else(|| panic!("{what} should be refused"));
        assert!(matches!(error, Error::InvalidInput(_)), "{what}: {error:?}");
        assert_no_secret_forms(what, &all_text(&error));
    }
}

/// The answers of the upload host's sweep: every refusal, in every shape.
const UPLOAD_ECHOES: [(u16, &str); 8] = [
    (302, "redirect"),
    (400, "s3"),
    (403, "s3"),
    (403, "text"),
    (404, "pinterest"),
    (411, "s3"),
    (500, "text"),
    (503, "s3"),
];

#[test]
fn the_upload_host_never_gets_the_token_and_its_echoes_never_show_a_secret() {
    use host_tests::upload::{MEDIA_ID, register_answer, upload_parameters};
    use pinterest_connector_host::{EgressGuard, EgressPolicy, UreqTransport};
    use wiremock::matchers::{method, path};

    for (status, shape) in UPLOAD_ECHOES {
        let upload_host = Pinterest::start();
        upload_host.mount(Mock::given(any()).respond_with(Echo(status, shape)));
        let api = Pinterest::start();
        api.mount(
            Mock::given(method("POST"))
                .and(path("/v5/media"))
                .respond_with(ResponseTemplate::new(201).set_body_json(register_answer(
                    MEDIA_ID,
                    &format!("{}/", upload_host.server.uri()),
                ))),
        );
        let policy = EgressPolicy::none().allow(&api.server.uri()).unwrap();
        let host = host()
            .with_transport(Arc::new(EgressGuard::new(policy, UreqTransport::default())))
            .with_content(sweep_video());
        let config = sweep_config(&api.server.uri());
        let error = host
            .upload_video(&config, TOKEN, &sweep_upload())
            .unwrap()
            .expect_err("the upload host refused");
        let what = format!("upload-video ({status} {shape})");
        let text = all_text(&error);
        assert_no_secret_forms(&what, &text);
        for (name, value) in upload_parameters() {
            if value.len() >= 16 {
                assert!(
                    !text.contains(&value),
                    "{what} shows the upload's {name}: {text}"
                );
            }
        }
        // The upload reached the upload host, with its fields and never
        // the token.
        let [upload] = upload_host.requests().try_into().expect("one upload");
        let seen = echo_of(&upload);
        assert!(seen.contains("x-amz-signature"), "{seen}");
        assert!(upload.headers.get("authorization").is_none(), "{seen}");
        for form in secret_forms() {
            assert!(!seen.contains(&form), "the upload host got {form}: {seen}");
        }
    }
}
