//! OAuth natively: the consent URL, the token requests, reading token
//! responses, and judging stored tokens.

mod support;

use pinterest_connector::internals::oauth;
use pinterest_connector::{
    AccessToken, ClientSecret, Error, GrantProblem, Method, RefreshToken, TokenSet, TokenStatus,
};
use serde_json::json;
use support::*;
use url::Url;

const DAY: u64 = 24 * 60 * 60;

fn query(url: &Url) -> Vec<(String, String)> {
    url.query_pairs().into_owned().collect()
}

fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
    items
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn authorization_url_carries_every_parameter_encoded() {
    let scopes = vec!["boards:read".to_owned(), "pins:write".to_owned()];
    let url = oauth::authorization_url(
        &config(),
        "https://app.example/cb?x=1&y=2",
        &scopes,
        "st&ate=1",
    )
    .unwrap();
    assert_eq!(
        url.origin().ascii_serialization(),
        "https://www.pinterest.com"
    );
    assert_eq!(url.path(), "/oauth/");
    assert_eq!(
        query(&url),
        pairs(&[
            ("client_id", CLIENT_ID),
            ("redirect_uri", "https://app.example/cb?x=1&y=2"),
            ("response_type", "code"),
            ("scope", "boards:read,pins:write"),
            ("state", "st&ate=1"),
        ])
    );
}

#[test]
fn no_scopes_asks_for_everything_the_connector_uses() {
    let url = oauth::authorization_url(&config(), "http://localhost:8085/", &[], "s").unwrap();
    let scope = query(&url)
        .into_iter()
        .find(|(k, _)| k == "scope")
        .unwrap()
        .1;
    assert_eq!(
        scope,
        "boards:read,boards:write,pins:read,pins:write,user_accounts:read"
    );
}

#[test]
fn authorize_rejects_bad_redirects_states_and_client_ids() {
    let bad_redirect = oauth::authorization_url(&config(), "http://app.example/cb", &[], "s");
    assert!(
        matches!(bad_redirect, Err(Error::InvalidInput { field, .. }) if field == "redirect-uri")
    );
    let empty_state = oauth::authorization_url(&config(), "https://a.example/", &[], "");
    assert!(matches!(empty_state, Err(Error::InvalidInput { field, .. }) if field == "state"));
    let mut cfg = config();
    cfg.client_id = "12 34".into();
    let bad_id = oauth::authorization_url(&cfg, "https://a.example/", &[], "s");
    assert!(
        matches!(bad_id, Err(Error::InvalidInput { field, .. }) if field == "config.client-id")
    );
}

#[test]
fn authorize_url_follows_the_override() {
    let mut cfg = config();
    cfg.authorize_url = Some("http://127.0.0.1:4000/oauth/".into());
    let url = oauth::authorization_url(&cfg, "https://a.example/", &[], "s").unwrap();
    assert!(
        url.as_str()
            .starts_with("http://127.0.0.1:4000/oauth/?client_id=")
    );
}

#[test]
fn exchange_posts_the_code_with_basic_credentials() {
    let request =
        oauth::exchange_request(&config(), &code("code-123"), "https://app.example/cb/").unwrap();
    assert_eq!(request.method, Method::Post);
    assert_eq!(request.url, "https://api.pinterest.com/v5/oauth/token");
    assert_eq!(
        request.header("authorization"),
        Some("Basic MTQ4NDM2MjphcHAtc2VjcmV0LTVmMWQ5YzBlN2IyYTQ4ZDY=")
    );
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        form(&request),
        pairs(&[
            ("grant_type", "authorization_code"),
            ("code", "code-123"),
            ("redirect_uri", "https://app.example/cb/"),
            ("continuous_refresh", "true"),
        ])
    );
}

#[test]
fn refresh_posts_the_refresh_token_and_optional_scopes() {
    let request = oauth::refresh_request(&config(), &refresh_token(), None).unwrap();
    assert_eq!(
        form(&request),
        pairs(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", REFRESH_TOKEN)
        ])
    );
    let scopes = vec!["pins:read".to_owned(), "boards:read".to_owned()];
    let narrowed = oauth::refresh_request(&config(), &refresh_token(), Some(&scopes)).unwrap();
    assert_eq!(
        form(&narrowed).last().cloned(),
        Some(("scope".to_owned(), "pins:read,boards:read".to_owned()))
    );
}

#[test]
fn token_requests_refuse_credentials_that_would_break_the_header() {
    let mut cfg = config();
    cfg.client_id = "14:84".into();
    assert!(matches!(
        oauth::exchange_request(&cfg, &code("c"), "https://a.example/"),
        Err(Error::InvalidInput { field, .. }) if field == "config.client-id"
    ));
    let mut cfg = config();
    cfg.client_secret = ClientSecret::new("");
    assert!(matches!(
        oauth::refresh_request(&cfg, &refresh_token(), None),
        Err(Error::InvalidInput { field, .. }) if field == "config.client-secret"
    ));
    assert!(matches!(
        oauth::refresh_request(&config(), &RefreshToken::new("pinr_a\r\nx: y"), None),
        Err(Error::InvalidInput { field, .. }) if field == "refresh-token"
    ));
}

#[test]
fn exchange_turns_relative_expiries_into_absolute_times() {
    let mut script = Script::new([json(
        200,
        json!({
            "access_token": ACCESS_TOKEN,
            "refresh_token": REFRESH_TOKEN,
            "response_type": "authorization_code",
            "token_type": "bearer",
            "expires_in": 2_592_000,
            "refresh_token_expires_in": 5_184_000,
            "scope": "boards:read pins:read,pins:write",
            "unknown_field": {"ignored": true}
        }),
    )]);
    let cfg = config();
    let tokens = connector(&cfg, script.client())
        .exchange(&code("code"), "https://a.example/")
        .unwrap();
    assert_eq!(tokens.access_token.secret(), ACCESS_TOKEN);
    assert_eq!(tokens.token_type, "bearer");
    assert_eq!(tokens.scopes, ["boards:read", "pins:read", "pins:write"]);
    assert_eq!(u64::from(tokens.expires_at), NOW + 2_592_000);
    assert_eq!(
        tokens.refresh_token.as_ref().unwrap().secret(),
        REFRESH_TOKEN
    );
    assert_eq!(
        tokens.refresh_token_expires_at.map(u64::from),
        Some(NOW + 5_184_000)
    );
}

#[test]
fn refresh_keeps_the_rotated_token_and_its_absolute_expiry() {
    let mut script = Script::new([json(
        200,
        json!({
            "access_token": "pina_new",
            "refresh_token": "pinr_rotated",
            "response_type": "refresh_token",
            "token_type": "bearer",
            "expires_in": 2_592_000,
            "refresh_token_expires_in": 5_184_000,
            "refresh_token_expires_at": 1_772_409_600,
            "scope": "boards:read"
        }),
    )]);
    let cfg = config();
    let tokens = connector(&cfg, script.client())
        .refresh(&refresh_token(), None)
        .unwrap();
    assert_eq!(tokens.refresh_token.unwrap().secret(), "pinr_rotated");
    assert_eq!(tokens.refresh_token_expires_at, Some(1_772_409_600));
}

#[test]
fn refresh_without_a_new_refresh_token_keeps_the_old_one() {
    let mut script = Script::new([json(
        200,
        json!({"access_token": "pina_new", "token_type": "bearer", "expires_in": 60, "scope": ""}),
    )]);
    let cfg = config();
    let tokens = connector(&cfg, script.client())
        .refresh(&refresh_token(), None)
        .unwrap();
    assert_eq!(tokens.refresh_token.unwrap().secret(), REFRESH_TOKEN);
    assert_eq!(tokens.refresh_token_expires_at, None);
}

#[test]
fn token_responses_without_a_usable_access_token_are_unexpected() {
    for body in [
        json!({"token_type": "bearer", "expires_in": 60}),
        json!({"access_token": "", "expires_in": 60}),
        json!({"access_token": "pina_x", "expires_in": -5}),
        json!({"access_token": "pina_x"}),
    ] {
        let mut script = Script::new([json(200, body.clone())]);
        let cfg = config();
        let error = connector(&cfg, script.client())
            .exchange(&code("code"), "https://a.example/")
            .unwrap_err();
        assert!(
            matches!(error, Error::UnexpectedResponse { .. }),
            "{body}: {error:?}"
        );
    }
}

#[test]
fn a_refresh_token_of_the_wrong_type_is_unusable_never_silently_kept() {
    for refresh in [
        json!(12345),
        json!({"token": "pinr_x"}),
        json!(["pinr_x"]),
        json!(null),
    ] {
        let body = json!({"access_token": "pina_new", "expires_in": 60, "refresh_token": refresh});
        let cfg = config();
        let mut script = Script::new([json(200, body.clone())]);
        let error = connector(&cfg, script.client())
            .refresh(&refresh_token(), None)
            .unwrap_err();
        let Error::UnexpectedResponse { failure, .. } = &error else {
            panic!("{refresh}: {error:?}")
        };
        assert!(
            failure.summary.contains("expected a string"),
            "{}",
            failure.summary
        );
        assert!(
            failure
                .remedy
                .starts_with("Retry the refresh later with the same refresh token"),
            "{}",
            failure.remedy
        );
        let mut script = Script::new([json(200, body)]);
        let error = connector(&cfg, script.client())
            .exchange(&code("code"), "https://a.example/")
            .unwrap_err();
        assert!(
            matches!(error, Error::UnexpectedResponse { .. }),
            "{refresh}: {error:?}"
        );
    }
}

#[test]
fn an_access_token_of_the_wrong_type_is_named_as_such() {
    let body = json!({"access_token": 5, "expires_in": 60});
    let mut script = Script::new([json(200, body)]);
    let cfg = config();
    let error = connector(&cfg, script.client())
        .exchange(&code("code"), "https://a.example/")
        .unwrap_err();
    let Error::UnexpectedResponse { failure, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(
        failure
            .summary
            .contains("expected a string, found a number"),
        "{}",
        failure.summary
    );
}

#[test]
fn grant_refusals_name_the_problem() {
    let cases = [
        (
            400,
            json!({"code": 1, "message": "Invalid redirect_uri"}),
            GrantProblem::RedirectUriMismatch,
        ),
        (
            401,
            json!({"code": 2, "message": "Authentication failed."}),
            GrantProblem::InvalidClient,
        ),
        (
            400,
            json!({"error": "invalid_client"}),
            GrantProblem::InvalidClient,
        ),
        (
            400,
            json!({"code": 1, "message": "Invalid code"}),
            GrantProblem::InvalidCode,
        ),
    ];
    for (status, body, problem) in cases {
        let mut script = Script::new([json(status, body.clone())]);
        let cfg = config();
        match connector(&cfg, script.client()).exchange(&code("code"), "https://a.example/") {
            Err(Error::GrantRejected {
                problem: p,
                failure,
            }) => {
                assert_eq!(p, problem, "{body}");
                assert_eq!(failure.status, Some(status));
                assert!(!failure.remedy.is_empty());
            }
            other => panic!("{body}: {other:?}"),
        }
    }
    let mut script = Script::new([json(
        400,
        json!({"code": 1, "message": "Invalid refresh token"}),
    )]);
    let cfg = config();
    match connector(&cfg, script.client()).refresh(&refresh_token(), None) {
        Err(Error::GrantRejected { problem, failure }) => {
            assert_eq!(problem, GrantProblem::InvalidRefreshToken);
            assert!(
                failure.remedy.contains("authorize again"),
                "{}",
                failure.remedy
            );
        }
        other => panic!("{other:?}"),
    }
}

/// The errors of a code exchange and of a refresh answered by `status` and
/// `body`.
fn token_errors(status: u16, body: serde_json::Value) -> [(&'static str, Error); 2] {
    let cfg = config();
    let mut exchange = Script::new([json(status, body.clone())]);
    let mut refresh = Script::new([json(status, body)]);
    [
        (
            "exchange",
            connector(&cfg, exchange.client())
                .exchange(&code("ac-7d3f9a1c5e"), "https://a.example/")
                .unwrap_err(),
        ),
        (
            "refresh",
            connector(&cfg, refresh.client())
                .refresh(&refresh_token(), None)
                .unwrap_err(),
        ),
    ]
}

#[test]
fn a_refusal_that_does_not_say_the_grant_is_invalid_keeps_it() {
    for (status, body) in [
        (
            403,
            json!({"code": 29, "message": "You are not permitted to access that resource."}),
        ),
        (403, json!({"message": "Forbidden"})),
        (400, json!({"code": 1, "message": "Invalid parameters."})),
        (
            400,
            json!({"code": 1, "message": "Invalid scope: a refresh may only narrow the granted scopes."}),
        ),
        (409, json!({"code": 4, "message": "Conflict."})),
        (422, json!({"error": "unsupported_grant_type"})),
    ] {
        for (operation, error) in token_errors(status, body.clone()) {
            let f = match (&error, status) {
                (Error::Forbidden(f), 403) => f,
                (Error::BadRequest(f), 400..=499) if status != 403 => f,
                _ => panic!("{operation} {status} {body}: {error:?}"),
            };
            assert_eq!(f.status, Some(status));
            assert_eq!(f.code, body["code"].as_i64().map(|c| c as i32));
            // Pinterest's code and message, quoted.
            if let Some(code) = f.code {
                assert!(
                    f.summary.contains(&format!("({status}, code {code})")),
                    "{}",
                    f.summary
                );
            }
            if let Some(message) = body["message"].as_str() {
                assert!(
                    f.summary.contains(message.trim_end_matches('.')),
                    "{}",
                    f.summary
                );
            }
            assert!(!f.remedy.contains("authorize"), "{operation}: {}", f.remedy);
            let keeps = if operation == "refresh" {
                "same refresh token"
            } else {
                "same code"
            };
            assert!(f.remedy.contains(keeps), "{operation}: {}", f.remedy);
        }
    }
}

#[test]
fn pinterests_code_283_and_invalid_grant_say_the_grant_is_dead_whatever_the_status() {
    for (status, body) in [
        (
            401,
            json!({"code": 283, "message": "The authorization grant is invalid"}),
        ),
        (
            400,
            json!({"code": 283, "message": "The authorization grant is invalid"}),
        ),
        (
            403,
            json!({"code": 283, "message": "The authorization grant is invalid"}),
        ),
        (
            400,
            json!({"error": "invalid_grant", "error_description": "expired"}),
        ),
    ] {
        for (operation, error) in token_errors(status, body.clone()) {
            let Error::GrantRejected { problem, failure } = &error else {
                panic!("{operation} {status} {body}: {error:?}")
            };
            let expected = if operation == "refresh" {
                GrantProblem::InvalidRefreshToken
            } else {
                GrantProblem::InvalidCode
            };
            assert_eq!(*problem, expected, "{operation} {body}");
            assert!(
                failure.remedy.contains("authorize again"),
                "{}",
                failure.remedy
            );
        }
    }
}

#[test]
fn refused_app_credentials_keep_the_grant() {
    for (status, body) in [
        (401, json!({"code": 2, "message": "Authentication failed."})),
        (403, json!({"code": 2, "message": "Authentication failed."})),
        (401, json!({})),
    ] {
        for (operation, error) in token_errors(status, body.clone()) {
            let Error::GrantRejected { problem, failure } = &error else {
                panic!("{operation} {status} {body}: {error:?}")
            };
            assert_eq!(*problem, GrantProblem::InvalidClient, "{operation} {body}");
            assert!(
                failure.remedy.contains("client-secret"),
                "{}",
                failure.remedy
            );
            assert!(!failure.remedy.contains("authorize"), "{}", failure.remedy);
        }
    }
}

fn tokens(expires_in: i64, refresh_expires_in: Option<i64>, has_refresh: bool) -> TokenSet {
    let at = |d: i64| u32::try_from(NOW as i64 + d).unwrap();
    TokenSet {
        access_token: AccessToken::new("pina_x"),
        token_type: "bearer".into(),
        scopes: vec![],
        expires_at: at(expires_in),
        refresh_token: has_refresh.then(|| RefreshToken::new("pinr_x")),
        refresh_token_expires_at: refresh_expires_in.map(at),
    }
}

#[test]
fn token_status_follows_the_seven_day_policy() {
    let d = DAY as i64;
    let cases = [
        (tokens(30 * d, Some(60 * d), true), TokenStatus::Fresh),
        (tokens(8 * d, Some(60 * d), true), TokenStatus::Fresh),
        (tokens(7 * d, Some(60 * d), true), TokenStatus::RefreshDue),
        (tokens(-d, Some(60 * d), true), TokenStatus::RefreshDue),
        (tokens(30 * d, Some(6 * d), true), TokenStatus::RefreshDue),
        (tokens(30 * d, None, true), TokenStatus::Fresh),
        (tokens(30 * d, Some(-1), true), TokenStatus::Reauthorize),
        (tokens(-d, Some(-1), true), TokenStatus::Reauthorize),
        (tokens(30 * d, None, false), TokenStatus::Fresh),
        (tokens(3 * d, None, false), TokenStatus::Reauthorize),
        (tokens(-1, None, false), TokenStatus::Reauthorize),
    ];
    for (i, (set, expected)) in cases.into_iter().enumerate() {
        assert_eq!(
            oauth::token_status(&set, NOW),
            expected,
            "case {i}: {set:?}"
        );
    }
}

#[test]
fn token_sets_print_without_their_tokens() {
    let shown = format!("{:?}", tokens(60, Some(60), true));
    assert!(
        !shown.contains("pina_x") && !shown.contains("pinr_x"),
        "{shown}"
    );
}

#[test]
fn token_sets_and_configs_print_redacted() {
    let tokens = TokenSet {
        access_token: access_token(),
        token_type: "bearer".into(),
        scopes: vec!["boards:read".into()],
        expires_at: 1,
        refresh_token: Some(refresh_token()),
        refresh_token_expires_at: Some(2),
    };
    let shown = format!("{tokens:?} {:?} {:#?}", config(), tokens);
    for secret in [ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET] {
        assert!(!shown.contains(secret), "{shown}");
    }
    for redacted in [
        "AccessToken([redacted])",
        "RefreshToken([redacted])",
        "ClientSecret([redacted])",
    ] {
        assert!(shown.contains(redacted), "{shown}");
    }
    assert!(shown.contains("boards:read"), "{shown}");
}
