//! `exchange` through the real component: the token request as Pinterest
//! expects it, the token set it yields, and every refusal.

mod common;

use common::*;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

const REDIRECT: &str = "https://app.example/oauth/callback/";

fn token_endpoint() -> wiremock::MockBuilder {
    Mock::given(method("POST")).and(path("/v5/oauth/token"))
}

fn exchange(p: &Pinterest) -> Result<types::TokenSet, Error> {
    host()
        .with_fixed_time(NOW)
        .exchange(&p.config(), "auth-code-1", REDIRECT)
        .unwrap()
}

#[test]
fn posts_the_code_and_returns_absolute_expiries() {
    let p = Pinterest::start();
    p.mount(
        token_endpoint().respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "access_token": ACCESS_TOKEN,
            "refresh_token": REFRESH_TOKEN,
            "response_type": "authorization_code",
            "token_type": "bearer",
            "expires_in": 2_592_000,
            "refresh_token_expires_in": 5_184_000,
            "scope": "boards:read boards:write pins:read pins:write user_accounts:read"
        }))),
    );
    let tokens = exchange(&p).unwrap();
    assert_eq!(tokens.access_token, ACCESS_TOKEN);
    assert_eq!(tokens.refresh_token.as_deref(), Some(REFRESH_TOKEN));
    assert_eq!(tokens.token_type, "bearer");
    assert_eq!(u64::from(tokens.expires_at), NOW + 2_592_000);
    assert_eq!(
        tokens.refresh_token_expires_at.map(u64::from),
        Some(NOW + 5_184_000)
    );
    assert_eq!(tokens.scopes.len(), 5);

    let request = p.single_request();
    assert_eq!(header(&request, "authorization"), basic_credentials());
    assert_eq!(
        header(&request, "content-type"),
        "application/x-www-form-urlencoded"
    );
    assert_eq!(
        form(&request),
        [
            ("grant_type", "authorization_code"),
            ("code", "auth-code-1"),
            ("redirect_uri", REDIRECT),
            ("continuous_refresh", "true"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
}

#[test]
fn a_reused_code_asks_to_authorize_again() {
    let p = Pinterest::start();
    p.mount(
        token_endpoint().respond_with(
            ResponseTemplate::new(400)
                .set_body_json(json!({"code": 1, "message": "Invalid authorization code."})),
        ),
    );
    let Err(Error::GrantRejected(g)) = exchange(&p) else {
        panic!()
    };
    assert_eq!(g.problem, types::GrantProblem::InvalidCode);
    assert!(
        g.failure.remedy.contains("authorize again"),
        "{}",
        g.failure.remedy
    );
}

#[test]
fn a_redirect_mismatch_mentions_the_trailing_slash() {
    let p = Pinterest::start();
    p.mount(
        token_endpoint().respond_with(
            ResponseTemplate::new(400)
                .set_body_json(json!({"code": 1, "message": "Redirect uri mismatch"})),
        ),
    );
    let Err(Error::GrantRejected(g)) = exchange(&p) else {
        panic!()
    };
    assert_eq!(g.problem, types::GrantProblem::RedirectUriMismatch);
    assert!(
        g.failure.remedy.contains("trailing slash"),
        "{}",
        g.failure.remedy
    );
}

#[test]
fn wrong_app_credentials_say_which_settings_to_check() {
    let p = Pinterest::start();
    p.mount(
        token_endpoint().respond_with(
            ResponseTemplate::new(401)
                .set_body_json(json!({"code": 2, "message": "Authentication failed."})),
        ),
    );
    let Err(Error::GrantRejected(g)) = exchange(&p) else {
        panic!()
    };
    assert_eq!(g.problem, types::GrantProblem::InvalidClient);
    assert!(
        g.failure.remedy.contains("client-secret"),
        "{}",
        g.failure.remedy
    );
}

#[test]
fn a_403_from_the_token_endpoint_never_claims_the_code_is_dead() {
    let p = Pinterest::start();
    p.mount(
        token_endpoint().respond_with(ResponseTemplate::new(403).set_body_json(
            json!({"code": 29, "message": "You are not permitted to access that resource."}),
        )),
    );
    let error = exchange(&p).unwrap_err();
    let Error::Forbidden(f) = &error else {
        panic!("{error:?}")
    };
    assert_eq!((f.status, f.code), (Some(403), Some(29)));
    assert!(f.summary.contains("(403, code 29)"), "{}", f.summary);
    assert!(!f.remedy.contains("authorize"), "{}", f.remedy);
}

#[test]
fn pinterests_code_283_says_the_code_is_dead_even_with_a_401() {
    let p = Pinterest::start();
    p.mount(
        token_endpoint().respond_with(
            ResponseTemplate::new(401).set_body_json(
                json!({"code": 283, "message": "The authorization grant is invalid"}),
            ),
        ),
    );
    let Err(Error::GrantRejected(g)) = exchange(&p) else {
        panic!()
    };
    assert_eq!(g.problem, types::GrantProblem::InvalidCode);
}

#[test]
fn a_success_without_an_access_token_is_unexpected() {
    let p = Pinterest::start();
    p.mount(token_endpoint().respond_with(
        ResponseTemplate::new(200).set_body_json(json!({"token_type": "bearer", "expires_in": 10})),
    ));
    let Err(Error::UnexpectedResponse(u)) = exchange(&p) else {
        panic!()
    };
    assert!(
        u.failure.summary.contains("no access_token"),
        "{}",
        u.failure.summary
    );
}

#[test]
fn an_empty_code_is_refused_before_any_request() {
    let p = Pinterest::start();
    let error = host()
        .exchange(&p.config(), "", REDIRECT)
        .unwrap()
        .unwrap_err();
    invalid_input(error, "code");
    assert!(p.requests().is_empty());
}

#[test]
fn every_other_failure_is_typed() {
    let cases = api_failures()
        .into_iter()
        .filter(|c| {
            [
                "429 with rate-limit headers",
                "429 without headers",
                "500",
                "502 HTML page",
                "200 HTML page",
                "200 empty body",
                "200 truncated JSON",
            ]
            .contains(&c.name)
        })
        .collect();
    assert_failures(token_endpoint, cases, |p| exchange(p).map(drop));
}
