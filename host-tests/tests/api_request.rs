//! `api-request` through the real component against wiremock: the request
//! on the configured origin with the token, the query and the body; the
//! answer as text with the headers that matter; every failure class; and
//! every attempt to leave `/v5/` refused before any request reaches the
//! server.

mod common;

use common::*;
use serde_json::json;
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, ResponseTemplate};

fn param(name: &str, value: &str) -> types::QueryParam {
    types::QueryParam {
        name: name.into(),
        value: value.into(),
    }
}

#[test]
fn a_get_reaches_the_path_with_the_query_encoded_and_returns_the_body_as_text() {
    let p = Pinterest::start();
    let body = json!({"items": [{"id": "549755885175", "name": "Ads"}], "bookmark": null});
    p.mount(
        Mock::given(method("GET"))
            .and(path("/v5/ad_accounts"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(body.clone())
                    .insert_header("x-ratelimit-limit", "1000")
                    .insert_header("x-ratelimit-remaining", "998")
                    .insert_header("x-request-id", "abc"),
            ),
    );
    let answer = host()
        .api_request(
            &p.config(),
            ACCESS_TOKEN,
            types::ApiMethod::Get,
            "/v5/ad_accounts",
            &[param("page_size", "25"), param("bookmark", "a b&c=d/")],
            None,
        )
        .unwrap()
        .unwrap();
    assert_eq!(answer.status, 200);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&answer.body).unwrap(),
        body
    );
    let names: Vec<&str> = answer.headers.iter().map(|h| h.name.as_str()).collect();
    assert!(names.contains(&"content-type"), "{names:?}");
    assert!(names.contains(&"x-ratelimit-limit") && names.contains(&"x-ratelimit-remaining"));
    assert!(!names.contains(&"x-request-id"), "{names:?}");

    let request = p.single_request();
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(
        request.url.query(),
        Some("page_size=25&bookmark=a+b%26c%3Dd%2F")
    );
    assert_eq!(
        header(&request, "authorization"),
        format!("Bearer {ACCESS_TOKEN}")
    );
    assert_eq!(header(&request, "accept"), "application/json");
    assert!(request.body.is_empty());
}

#[test]
fn a_post_sends_the_json_body_as_it_is() {
    let p = Pinterest::start();
    p.mount(
        Mock::given(method("POST"))
            .and(path("/v5/boards/549755885175/sections"))
            .respond_with(
                ResponseTemplate::new(201).set_body_json(json!({"id": "1", "name": "Tips"})),
            ),
    );
    let body = r#"{"name": "Tips", "emoji": "🌿"}"#;
    let answer = host()
        .api_request(
            &p.config(),
            ACCESS_TOKEN,
            types::ApiMethod::Post,
            "/v5/boards/549755885175/sections",
            &[],
            Some(body),
        )
        .unwrap()
        .unwrap();
    assert_eq!(answer.status, 201);
    let request = p.single_request();
    assert_eq!(request.body, body.as_bytes());
    assert_eq!(header(&request, "content-type"), "application/json");
}

#[test]
fn a_delete_answered_204_returns_an_empty_body() {
    let p = Pinterest::start();
    p.mount(
        Mock::given(method("DELETE"))
            .and(path("/v5/pins/1"))
            .respond_with(ResponseTemplate::new(204)),
    );
    let answer = host()
        .api_request(
            &p.config(),
            ACCESS_TOKEN,
            types::ApiMethod::Delete,
            "/v5/pins/1",
            &[],
            None,
        )
        .unwrap()
        .unwrap();
    assert_eq!((answer.status, answer.body.as_str()), (204, ""));
}

/// Every way out of `/v5/` a caller (or an attacker controlling the path)
/// might try, and the rule that refuses it.
const ESCAPES: &[(&str, &str)] = &[
    ("/v5/../v4/boards", ". or .. segments"),
    ("/v5/boards/../../internal/admin", ". or .. segments"),
    ("/v5/./boards", ". or .. segments"),
    ("/v5/%2e%2e/admin", ". or .. segments"),
    ("/v5/%2E%2e/admin", ". or .. segments"),
    ("/v5/boards%2F..%2F..%2Fadmin", "encoded slash"),
    ("/v5/boards%2f1", "encoded slash"),
    ("/v5/boards%5C..%5Cadmin", "encoded backslash"),
    ("/v5/boards\\..\\admin", "backslash"),
    ("//evil.example/v5/boards", "not a full URL"),
    ("https://evil.example/v5/boards", "not a full URL"),
    ("http://169.254.169.254/latest/meta-data", "not a full URL"),
    ("/v5/https://evil.example/", "not a full URL"),
    ("/v5//evil.example", "names no endpoint"),
    ("/v5/boards//pins", "empty segment"),
    ("/v5/boards?access_token=x", "must not contain ?"),
    ("/v5/boards#x", "fragment"),
    ("/v5/boards x", "space or a control character"),
    (
        "/v5/boards\r\nHost: evil.example",
        "space or a control character",
    ),
    (
        "/v5/boards%0d%0aHost:%20evil",
        "encoded space or control character",
    ),
    ("/v5/boards%00", "encoded space or control character"),
    ("/v5/boards%zz", "not followed by two hex digits"),
    ("/v5/boards%", "not followed by two hex digits"),
    ("/v5/oauth/token", "/v5/oauth/"),
    ("/v5/oauth/token/revoke", "/v5/oauth/"),
    ("/v5/OAUTH/token", "/v5/oauth/"),
    ("/v5/%6Fauth/token", "/v5/oauth/"),
    ("/v4/boards", "must start with /v5/"),
    ("/admin", "must start with /v5/"),
    ("v5/boards", "must start with /v5/"),
    ("", "is empty"),
];

#[test]
fn every_attempt_to_leave_v5_is_refused_before_any_request() {
    let p = Pinterest::start();
    p.mount(Mock::given(any()).respond_with(ResponseTemplate::new(200).set_body_json(json!({}))));
    for (attempt, rule) in ESCAPES {
        for method in [types::ApiMethod::Get, types::ApiMethod::Post] {
            let body = (method == types::ApiMethod::Post).then_some("{}");
            let error = host()
                .api_request(&p.config(), ACCESS_TOKEN, method, attempt, &[], body)
                .unwrap()
                .unwrap_err();
            let reason = invalid_input(error, "path");
            assert!(reason.contains(rule), "{attempt:?}: {reason}");
        }
    }
    assert_eq!(p.requests().len(), 0, "a request reached the server");
}

#[test]
fn a_bad_body_or_query_is_refused_before_any_request() {
    let p = Pinterest::start();
    let cases: Vec<(types::ApiMethod, Vec<types::QueryParam>, Option<&str>, &str)> = vec![
        (
            types::ApiMethod::Post,
            vec![],
            Some("{\"a\": "),
            "json-body",
        ),
        (
            types::ApiMethod::Patch,
            vec![],
            Some("not json"),
            "json-body",
        ),
        (types::ApiMethod::Get, vec![], Some("{}"), "json-body"),
        (
            types::ApiMethod::Get,
            vec![param("", "x")],
            None,
            "query[0].name",
        ),
    ];
    for (method, query, body, field) in cases {
        let error = host()
            .api_request(&p.config(), ACCESS_TOKEN, method, "/v5/pins", &query, body)
            .unwrap()
            .unwrap_err();
        invalid_input(error, field);
    }
    assert!(p.requests().is_empty());
}

#[test]
fn the_request_goes_to_the_configured_origin_below_its_path_prefix() {
    let p = Pinterest::start();
    p.mount(
        Mock::given(method("GET"))
            .and(path("/proxy/v5/user_account"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({"username": "chef"}))),
    );
    let config = types::Config {
        api_base_url: Some(format!("{}/proxy/v5", p.server.uri())),
        ..p.config()
    };
    let answer = host()
        .api_request(
            &config,
            ACCESS_TOKEN,
            types::ApiMethod::Get,
            "/v5/user_account",
            &[],
            None,
        )
        .unwrap()
        .unwrap();
    assert_eq!(answer.status, 200);
    assert_eq!(p.single_request().url.path(), "/proxy/v5/user_account");
}

#[test]
fn every_failure_is_typed() {
    let mut cases = api_failures();
    // The connector knows the scopes of its own operations only: for the
    // raw call, the remedy says where to look them up.
    for case in &mut cases {
        if case.name == "401 code 3" {
            case.check = |e| {
                let Error::MissingScope(m) = e else {
                    panic!("{e:?}")
                };
                assert!(m.required.is_empty());
                assert!(
                    m.failure
                        .remedy
                        .contains("scopes GET /v5/ad_accounts needs in Pinterest's API reference"),
                    "{}",
                    m.failure.remedy
                );
            };
        }
    }
    assert_failures(
        || Mock::given(method("GET")).and(path("/v5/ad_accounts")),
        cases,
        |p| {
            host()
                .api_request(
                    &p.config(),
                    ACCESS_TOKEN,
                    types::ApiMethod::Get,
                    "/v5/ad_accounts",
                    &[],
                    None,
                )
                .unwrap()
                .map(drop)
        },
    );
}

#[test]
fn a_body_that_is_not_utf8_is_an_unexpected_response() {
    let p = Pinterest::start();
    p.mount(Mock::given(method("GET")).respond_with(
        ResponseTemplate::new(200).set_body_raw(b"{\"a\": \"\xfe\"}".to_vec(), "application/json"),
    ));
    let error = host()
        .api_request(
            &p.config(),
            ACCESS_TOKEN,
            types::ApiMethod::Get,
            "/v5/pins",
            &[],
            None,
        )
        .unwrap()
        .unwrap_err();
    let Error::UnexpectedResponse(u) = &error else {
        panic!("{error:?}")
    };
    assert!(
        u.failure.summary.contains("not UTF-8"),
        "{}",
        u.failure.summary
    );
}

#[test]
fn an_echo_of_the_token_in_a_successful_answer_is_redacted() {
    let p = Pinterest::start();
    p.mount(
        Mock::given(method("GET")).respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"seen": ACCESS_TOKEN, "secret": CLIENT_SECRET}))
                .insert_header("x-ratelimit-echo", ACCESS_TOKEN),
        ),
    );
    let answer = host()
        .api_request(
            &p.config(),
            ACCESS_TOKEN,
            types::ApiMethod::Get,
            "/v5/pins",
            &[],
            None,
        )
        .unwrap()
        .unwrap();
    let shown = format!("{answer:?}");
    assert_no_secrets(&shown);
    assert!(answer.body.contains("[redacted]"), "{}", answer.body);
}
