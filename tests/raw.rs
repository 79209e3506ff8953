//! `api-request` natively: the path rules (every way out of `/v5/`
//! refused before any request), the URL on the configured origin, the
//! query's encoding, the JSON body's checks, and reading the answer.

mod support;

use pinterest_connector::internals::raw::check_path;
use pinterest_connector::limits::MAX_JSON_BODY_BYTES;
use pinterest_connector::{Config, Error, Method, QueryParam, Response, TransportError};
use serde_json::json;
use support::*;

/// Every path the rules refuse, with the words of the rule it breaks.
pub const REFUSED: &[(&str, &str)] = &[
    ("", "is empty"),
    ("v5/boards", "must start with /v5/"),
    ("/v4/boards", "must start with /v5/"),
    ("/V5/boards", "must start with /v5/"),
    ("/v5", "must start with /v5/"),
    ("/v5/", "names no endpoint"),
    ("/v5//boards", "names no endpoint"),
    ("/v5/boards//pins", "empty segment"),
    ("/v5/boards/", "empty segment"),
    ("/v5/../v4/boards", ". or .. segments"),
    ("/v5/boards/../../admin", ". or .. segments"),
    ("/v5/./boards", ". or .. segments"),
    ("/v5/%2e%2e/admin", ". or .. segments"),
    ("/v5/%2E./admin", ". or .. segments"),
    ("/v5/boards/%2e", ". or .. segments"),
    ("/v5/boards%2F..%2F..%2Fadmin", "encoded slash"),
    ("/v5/boards%2f1", "encoded slash"),
    ("/v5/boards%5C..", "encoded backslash"),
    ("/v5/boards%5c1", "encoded backslash"),
    ("/v5/boards\\..\\admin", "backslash"),
    ("/v5/boards?page_size=1", "must not contain ?"),
    ("/v5/boards#top", "fragment"),
    ("https://evil.example/v5/boards", "not a full URL"),
    ("//evil.example/v5/boards", "not a full URL"),
    ("/v5/https://evil.example", "not a full URL"),
    ("/v5/boards 1", "space or a control character"),
    ("/v5/boards\t1", "space or a control character"),
    ("/v5/boards\r\nHost: evil", "space or a control character"),
    ("/v5/boards\u{0}", "space or a control character"),
    (
        "/v5/boards%0d%0aHost:%20evil",
        "encoded space or control character",
    ),
    ("/v5/boards%00", "encoded space or control character"),
    ("/v5/boards%20x", "encoded space or control character"),
    ("/v5/boards%C2%85x", "encoded space or control character"),
    ("/v5/boards%", "not followed by two hex digits"),
    ("/v5/boards%2", "not followed by two hex digits"),
    ("/v5/boards%zz", "not followed by two hex digits"),
    ("/v5/oauth/token", "/v5/oauth/"),
    ("/v5/oauth", "/v5/oauth/"),
    ("/v5/OAuth/token/revoke", "/v5/oauth/"),
    ("/v5/%6fauth/token", "/v5/oauth/"),
    ("/v5/oauth/conversion_token", "/v5/oauth/"),
];

#[test]
fn every_way_out_of_v5_is_refused_naming_the_rule() {
    for (path, rule) in REFUSED {
        match check_path(path) {
            Err(Error::InvalidInput { field, reason }) => {
                assert_eq!(field, "path", "{path:?}");
                assert!(reason.contains(rule), "{path:?}: {reason}");
            }
            Ok(()) => panic!("{path:?} was accepted"),
            Err(other) => panic!("{path:?}: {other:?}"),
        }
    }
    let long = format!("/v5/{}", "a".repeat(2045));
    assert!(
        matches!(check_path(&long), Err(Error::InvalidInput { reason, .. }) if reason.contains("limit is 2048"))
    );
}

#[test]
fn paths_below_v5_are_accepted() {
    for path in [
        "/v5/ad_accounts",
        "/v5/boards/549755885175/sections",
        "/v5/pins/1/analytics",
        "/v5/user_account/analytics/top_video_pins",
        "/v5/catalogs/feeds/123%3A456",
        "/v5/oauthx",
        "/v5/resources/targeting/interests",
        "/v5/boards/a.b/c..d/...",
        "/v5/boards/%252F",
    ] {
        assert_eq!(check_path(path), Ok(()), "{path}");
    }
}

fn call(
    config: &Config,
    method: Method,
    path: &str,
    query: &[(&str, &str)],
    body: Option<&str>,
    answer: Result<Response, TransportError>,
) -> (
    Result<pinterest_connector::ApiResponse, Error>,
    Vec<pinterest_connector::Request>,
) {
    let mut script = Script::new([answer]);
    let query: Vec<QueryParam> = query
        .iter()
        .map(|(n, v)| QueryParam {
            name: (*n).into(),
            value: (*v).into(),
        })
        .collect();
    let result = connector(config, script.client()).api_request(
        &access_token(),
        method,
        path,
        &query,
        body.map(str::to_owned),
    );
    (result, script.sent)
}

#[test]
fn the_request_goes_to_the_configured_origin_with_the_query_encoded_in_order() {
    let mut cfg = config();
    cfg.api_base_url = Some("https://proxy.example/pinterest/v5/".into());
    let (result, sent) = call(
        &cfg,
        Method::Get,
        "/v5/ad_accounts/549755885175/campaigns",
        &[
            ("entity_statuses", "ACTIVE"),
            ("entity_statuses", "PAUSED"),
            ("bookmark", "a&b=c d/é"),
            ("x", ""),
        ],
        None,
        json(200, json!({"items": []})),
    );
    result.unwrap();
    let [request] = &sent[..] else { panic!() };
    assert_eq!(request.method, Method::Get);
    assert_eq!(
        request.url,
        "https://proxy.example/pinterest/v5/ad_accounts/549755885175/campaigns?entity_statuses=ACTIVE&entity_statuses=PAUSED&bookmark=a%26b%3Dc+d%2F%C3%A9&x="
    );
    assert_eq!(
        request.header("authorization"),
        Some(format!("Bearer {ACCESS_TOKEN}").as_str())
    );
    assert_eq!(request.header("content-type"), None);
    assert!(request.body.is_empty());
    assert_eq!(request.timeout_ms, Some(30_000));
}

#[test]
fn a_json_body_is_checked_and_sent_as_it_is() {
    let body = r#"[{"ad_group_id": "1", "status": "PAUSED"}]"#;
    let (result, sent) = call(
        &config(),
        Method::Patch,
        "/v5/ad_accounts/1/ads",
        &[],
        Some(body),
        json(200, json!({"items": []})),
    );
    result.unwrap();
    assert_eq!(sent[0].method, Method::Patch);
    assert_eq!(sent[0].bytes(), Some(body.as_bytes()));
    assert_eq!(sent[0].header("content-type"), Some("application/json"));
    assert_eq!(sent[0].timeout_ms, Some(60_000));

    let huge = format!("\"{}\"", "a".repeat(MAX_JSON_BODY_BYTES));
    for (method, body, reason) in [
        (Method::Post, "{\"a\": ", "is not JSON"),
        (Method::Post, "", "is not JSON"),
        (Method::Post, "{} {}", "is not JSON"),
        (Method::Post, huge.as_str(), "the limit is 29360128"),
        (Method::Get, "{}", "must be none for GET"),
    ] {
        let (result, sent) = call(
            &config(),
            method,
            "/v5/pins",
            &[],
            Some(body),
            json(200, json!({})),
        );
        match result {
            Err(Error::InvalidInput { field, reason: r }) => {
                assert_eq!(field, "json-body");
                assert!(r.contains(reason), "{r}");
            }
            other => panic!("{other:?}"),
        }
        assert!(sent.is_empty());
    }
}

#[test]
fn bad_paths_and_queries_are_refused_before_any_request() {
    for (path, _) in REFUSED {
        let (result, sent) = call(
            &config(),
            Method::Get,
            path,
            &[],
            None,
            json(200, json!({})),
        );
        assert!(
            matches!(result, Err(Error::InvalidInput { .. })),
            "{path:?}"
        );
        assert!(sent.is_empty(), "{path:?}");
    }
    let many: Vec<(&str, &str)> = (0..101).map(|_| ("a", "b")).collect();
    let long = "v".repeat(17_000);
    for (query, field) in [
        (vec![("", "x")], "query[0].name"),
        (many, "query"),
        (vec![("q", long.as_str())], "query"),
    ] {
        let (result, sent) = call(
            &config(),
            Method::Get,
            "/v5/pins",
            &query,
            None,
            json(200, json!({})),
        );
        let Err(Error::InvalidInput { field: f, .. }) = result else {
            panic!("{result:?}")
        };
        assert_eq!(f, field);
        assert!(sent.is_empty());
    }
}

#[test]
fn the_answer_comes_back_as_text_with_the_headers_that_matter() {
    let answer = Ok(Response {
        status: 201,
        headers: vec![
            (
                "Content-Type".into(),
                "application/json; charset=utf-8".into(),
            ),
            ("X-RateLimit-Limit".into(), "1000".into()),
            ("x-ratelimit-remaining".into(), "999".into()),
            ("Retry-After".into(), "3".into()),
            ("set-cookie".into(), "session=secret".into()),
            ("x-pinterest-rid".into(), "1234".into()),
            ("x-ratelimit-huge".into(), "9".repeat(2000)),
        ],
        body: format!(
            r#"{{"id": "1", "echo": "{ACCESS_TOKEN}", "secret": "{CLIENT_SECRET}", "loud": "{}", "pin": "pina_colada"}}"#,
            ACCESS_TOKEN.to_uppercase()
        )
        .into_bytes(),
    });
    let (result, _) = call(
        &config(),
        Method::Post,
        "/v5/boards",
        &[],
        Some("{}"),
        answer,
    );
    let answer = result.unwrap();
    assert_eq!(answer.status, 201);
    assert_eq!(
        answer.headers,
        [
            ("content-type", "application/json; charset=utf-8"),
            ("x-ratelimit-limit", "1000"),
            ("x-ratelimit-remaining", "999"),
            ("retry-after", "3"),
        ]
        .map(|(n, v)| (n.to_owned(), v.to_owned()))
    );
    assert_eq!(
        answer.body,
        r#"{"id": "1", "echo": "[redacted]", "secret": "[redacted]", "loud": "[redacted]", "pin": "pina_colada"}"#
    );

    let (result, _) = call(
        &config(),
        Method::Delete,
        "/v5/pins/1",
        &[],
        None,
        raw(204, b""),
    );
    let answer = result.unwrap();
    assert_eq!((answer.status, answer.body.as_str()), (204, ""));

    let (result, _) = call(
        &config(),
        Method::Get,
        "/v5/pins",
        &[],
        None,
        raw(200, b"{\"a\": \"\xff\"}"),
    );
    let Err(Error::UnexpectedResponse { failure, .. }) = result else {
        panic!("{result:?}")
    };
    assert!(failure.summary.contains("not UTF-8"), "{}", failure.summary);
}

#[test]
fn failures_are_typed_with_remedies_for_the_endpoint_called() {
    let (result, _) = call(
        &config(),
        Method::Get,
        "/v5/ad_accounts",
        &[],
        None,
        json(401, json!({"code": 3, "message": "Missing scope ads:read"})),
    );
    let Err(Error::MissingScope { failure, required }) = result else {
        panic!("{result:?}")
    };
    assert!(required.is_empty());
    assert!(
        failure.summary.contains("calling GET /v5/ad_accounts"),
        "{}",
        failure.summary
    );
    assert!(
        failure
            .remedy
            .contains("scopes GET /v5/ad_accounts needs in Pinterest's API reference"),
        "{}",
        failure.remedy
    );

    let (result, _) = call(
        &config(),
        Method::Get,
        "/v5/nothing",
        &[],
        None,
        raw(404, b"<html>no</html>"),
    );
    let Err(Error::UnexpectedResponse { failure, .. }) = result else {
        panic!()
    };
    assert!(
        failure.remedy.contains("Check the path"),
        "{}",
        failure.remedy
    );

    let (result, _) = call(
        &config(),
        Method::Delete,
        "/v5/boards/1",
        &[],
        None,
        Err(TransportError::Timeout),
    );
    let Err(Error::Transport { failure, .. }) = result else {
        panic!()
    };
    assert!(
        failure.remedy.contains("carried out anyway"),
        "{}",
        failure.remedy
    );

    let (result, _) = call(
        &config(),
        Method::Get,
        "/v5/boards/1",
        &[],
        None,
        json(404, json!({"code": 40, "message": "Board not found."})),
    );
    let Err(Error::NotFound(failure)) = result else {
        panic!()
    };
    assert!(
        failure.summary.contains("calling GET /v5/boards/1 (404)"),
        "{}",
        failure.summary
    );
}
