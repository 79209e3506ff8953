//! `refresh` through the real component: the rotated refresh token is what
//! comes back, and a dead one says to re-authorize.

mod common;

use common::*;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

fn token_endpoint() -> wiremock::MockBuilder {
    Mock::given(method("POST")).and(path("/v5/oauth/token"))
}

#[test]
fn returns_the_rotated_refresh_token_and_its_expiry() {
    let p = Pinterest::start();
    p.mount(
        token_endpoint().respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "pina_NEWACCESS",
            "refresh_token": "pinr_ROTATED",
            "response_type": "refresh_token",
            "token_type": "bearer",
            "expires_in": 2_592_000,
            "refresh_token_expires_in": 5_184_000,
            "refresh_token_expires_at": NOW + 5_184_000,
            "scope": "boards:read,pins:read"
        }))),
    );
    let tokens = host()
        .with_fixed_time(NOW)
        .refresh(&p.config(), REFRESH_TOKEN, None)
        .unwrap()
        .unwrap();
    assert_eq!(tokens.access_token, "pina_NEWACCESS");
    assert_eq!(tokens.refresh_token.as_deref(), Some("pinr_ROTATED"));
    assert_eq!(
        tokens.refresh_token_expires_at.map(u64::from),
        Some(NOW + 5_184_000)
    );
    assert_eq!(tokens.scopes, ["boards:read", "pins:read"]);

    let request = p.single_request();
    assert_eq!(header(&request, "authorization"), basic_credentials());
    assert_eq!(
        form(&request),
        [
            ("grant_type", "refresh_token"),
            ("refresh_token", REFRESH_TOKEN)
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
}

#[test]
fn narrowing_scopes_are_sent_comma_joined() {
    let p = Pinterest::start();
    p.mount(
        token_endpoint().respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": "pina_A", "token_type": "bearer", "expires_in": 60, "scope": "pins:read"
        }))),
    );
    let scopes = ["pins:read".to_owned(), "boards:read".to_owned()];
    host()
        .refresh(&p.config(), REFRESH_TOKEN, Some(&scopes))
        .unwrap()
        .unwrap();
    let sent = form(&p.single_request());
    assert!(
        sent.contains(&("scope".to_owned(), "pins:read,boards:read".to_owned())),
        "{sent:?}"
    );
}

#[test]
fn a_dead_refresh_token_says_to_authorize_again() {
    let p = Pinterest::start();
    p.mount(
        token_endpoint().respond_with(
            ResponseTemplate::new(400)
                .set_body_json(json!({"code": 1, "message": "Invalid refresh token."})),
        ),
    );
    let error = host()
        .refresh(&p.config(), REFRESH_TOKEN, None)
        .unwrap()
        .unwrap_err();
    assert_no_secrets(&all_text(&error));
    let Error::GrantRejected(g) = error else {
        panic!("{error:?}")
    };
    assert_eq!(g.problem, types::GrantProblem::InvalidRefreshToken);
    assert!(
        g.failure.remedy.contains("authorize again"),
        "{}",
        g.failure.remedy
    );
}

#[test]
fn a_403_from_the_token_endpoint_keeps_the_refresh_token() {
    let p = Pinterest::start();
    p.mount(
        token_endpoint().respond_with(ResponseTemplate::new(403).set_body_json(
            json!({"code": 29, "message": "You are not permitted to access that resource."}),
        )),
    );
    let error = host()
        .refresh(&p.config(), REFRESH_TOKEN, None)
        .unwrap()
        .unwrap_err();
    assert_no_secrets(&all_text(&error));
    let Error::Forbidden(f) = &error else {
        panic!("{error:?}")
    };
    assert_eq!((f.status, f.code), (Some(403), Some(29)));
    assert_eq!(
        f.message.as_deref(),
        Some("You are not permitted to access that resource.")
    );
    assert!(
        f.summary
            .contains("(403, code 29): You are not permitted to access that resource"),
        "{}",
        f.summary
    );
    assert!(!f.remedy.contains("authorize"), "{}", f.remedy);
    assert!(f.remedy.contains("same refresh token"), "{}", f.remedy);
}

#[test]
fn pinterests_code_283_says_the_refresh_token_is_dead() {
    let p = Pinterest::start();
    p.mount(
        token_endpoint().respond_with(
            ResponseTemplate::new(401).set_body_json(
                json!({"code": 283, "message": "The authorization grant is invalid"}),
            ),
        ),
    );
    let error = host()
        .refresh(&p.config(), REFRESH_TOKEN, None)
        .unwrap()
        .unwrap_err();
    let Error::GrantRejected(g) = error else {
        panic!("{error:?}")
    };
    assert_eq!(g.problem, types::GrantProblem::InvalidRefreshToken);
    assert!(
        g.failure.remedy.contains("authorize again"),
        "{}",
        g.failure.remedy
    );
}

#[test]
fn legacy_scopes_are_refused_before_any_request() {
    let p = Pinterest::start();
    let error = host()
        .refresh(
            &p.config(),
            REFRESH_TOKEN,
            Some(&["write_public".to_owned()]),
        )
        .unwrap()
        .unwrap_err();
    let reason = invalid_input(error, "scopes[0]");
    assert!(reason.contains("boards:write, pins:write"), "{reason}");
    assert!(p.requests().is_empty());
}

#[test]
fn every_other_failure_is_typed() {
    let cases = api_failures()
        .into_iter()
        .filter(|c| {
            [
                "429 with rate-limit headers",
                "500",
                "502 HTML page",
                "200 empty body",
                "200 truncated JSON",
            ]
            .contains(&c.name)
        })
        .collect();
    assert_failures(token_endpoint, cases, |p| {
        host()
            .refresh(&p.config(), REFRESH_TOKEN, None)
            .unwrap()
            .map(drop)
    });
}
