//! The Pinterest stand-in on its own, over plain HTTP: the consent page,
//! the token endpoint's checks (Basic credentials, form body, single-use
//! expiring codes, exact redirect URIs, refresh rotation), bearer and scope
//! checks, boards with bookmarks, pin creation with Pinterest's error
//! shapes, Trial access and the write limit. A manual clock stands in for
//! waiting.

use std::time::Duration;

use base64::Engine as _;
use pinterest_standin::{
    CODE_SECONDS, Clock, Environment, StandIn, StandInOptions, TRIAL_MESSAGE, WriteLimit,
};
use serde_json::json;
use support::{Answer, agent, answer, get, post_json, start};

mod support;

const REDIRECT: &str = "http://localhost:8085/";
const SCOPES: [&str; 5] = [
    "boards:read",
    "boards:write",
    "pins:read",
    "pins:write",
    "user_accounts:read",
];
const PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

fn basic(pinterest: &StandIn) -> String {
    let pair = format!("{}:{}", pinterest.client_id(), pinterest.client_secret());
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    )
}

fn token_request(pinterest: &StandIn, base: &str, form: &[(&str, &str)]) -> Answer {
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form)
        .finish();
    answer(
        agent()
            .post(&format!("{base}/v5/oauth/token"))
            .header("authorization", &basic(pinterest))
            .header("content-type", "application/x-www-form-urlencoded")
            .send(body)
            .expect("POST token"),
    )
}

fn consent_url(pinterest: &StandIn, redirect: &str, scope: &str) -> String {
    let query = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("client_id", pinterest.client_id())
        .append_pair("redirect_uri", redirect)
        .append_pair("response_type", "code")
        .append_pair("scope", scope)
        .append_pair("state", "xyz")
        .finish();
    format!("{}?{query}", pinterest.authorize_url())
}

/// A code from the consent page.
fn code(pinterest: &StandIn) -> String {
    let page = get(&consent_url(pinterest, REDIRECT, &SCOPES.join(",")), None);
    assert_eq!(page.status, 302, "{}", page.body);
    let location = url::Url::parse(&page.location.expect("location")).expect("URL");
    assert_eq!(
        location
            .query_pairs()
            .find(|(n, _)| n == "state")
            .map(|(_, v)| v.into_owned()),
        Some("xyz".into())
    );
    location
        .query_pairs()
        .find(|(n, _)| n == "code")
        .map(|(_, v)| v.into_owned())
        .expect("code")
}

#[test]
fn consent_page_checks_the_app_and_the_redirect_uri() {
    let pinterest = start(StandInOptions::default());
    let mut unknown = consent_url(&pinterest, REDIRECT, "boards:read");
    unknown = unknown.replace("client_id=1484362", "client_id=42");
    let page = get(&unknown, None);
    assert_eq!(page.status, 400);
    assert!(page.body.contains("Unknown app"), "{}", page.body);

    let page = get(
        &consent_url(&pinterest, "http://localhost:8085", "boards:read"),
        None,
    );
    assert_eq!(page.status, 400);
    assert!(page.body.contains("not registered"), "{}", page.body);
    assert!(page.body.contains("trailing slash"), "{}", page.body);

    let page = get(&consent_url(&pinterest, REDIRECT, "read_public"), None);
    assert_eq!(page.status, 302);
    assert!(
        page.location
            .unwrap_or_default()
            .contains("error=invalid_scope"),
        "legacy scopes are refused"
    );
}

#[test]
fn codes_are_single_use_expire_and_need_the_same_redirect_uri() {
    let clock = Clock::manual(1_767_225_600);
    let pinterest = start(StandInOptions {
        clock: clock.clone(),
        ..StandInOptions::default()
    });
    let base = pinterest.base_url();
    let first = code(&pinterest);
    let wrong = token_request(
        &pinterest,
        &base,
        &[
            ("grant_type", "authorization_code"),
            ("code", &first),
            ("redirect_uri", "http://localhost:8085"),
        ],
    );
    assert!(wrong.error(400, 1).contains("redirect_uri"));

    let exchange = [
        ("grant_type", "authorization_code"),
        ("code", first.as_str()),
        ("redirect_uri", REDIRECT),
        ("continuous_refresh", "true"),
    ];
    let tokens = token_request(&pinterest, &base, &exchange);
    assert_eq!(tokens.status, 200, "{}", tokens.body);
    let body = tokens.json();
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["response_type"], "authorization_code");
    assert_eq!(body["expires_in"], 2_592_000);
    assert_eq!(body["refresh_token_expires_in"], 5_184_000);
    assert_eq!(
        body["refresh_token_expires_at"],
        1_767_225_600u64 + 5_184_000
    );
    assert_eq!(body["scope"], SCOPES.join(" "));

    let reused = token_request(&pinterest, &base, &exchange);
    assert!(reused.error(400, 1).contains("already been used"));

    let late = code(&pinterest);
    clock.advance(Duration::from_secs(CODE_SECONDS));
    let expired = token_request(
        &pinterest,
        &base,
        &[
            ("grant_type", "authorization_code"),
            ("code", &late),
            ("redirect_uri", REDIRECT),
        ],
    );
    assert!(expired.error(400, 1).contains("expired"));
}

#[test]
fn token_endpoint_checks_credentials_and_form() {
    let pinterest = start(StandInOptions::default());
    let url = format!("{}/v5/oauth/token", pinterest.base_url());
    let no_auth = answer(
        agent()
            .post(&url)
            .header("content-type", "application/x-www-form-urlencoded")
            .send("grant_type=refresh_token&refresh_token=x")
            .expect("POST"),
    );
    assert_eq!(no_auth.error(401, 2), "Authentication failed.");

    let as_json = answer(
        agent()
            .post(&url)
            .header("authorization", &basic(&pinterest))
            .header("content-type", "application/json")
            .send(r#"{"grant_type":"refresh_token","refresh_token":"x"}"#)
            .expect("POST"),
    );
    assert!(as_json.error(400, 1).contains("x-www-form-urlencoded"));

    let unknown = token_request(
        &pinterest,
        &pinterest.base_url(),
        &[("grant_type", "password")],
    );
    assert!(
        unknown
            .error(400, 1)
            .contains("'grant_type' value 'password'")
    );
}

#[test]
fn refresh_rotates_the_refresh_token() {
    let pinterest = start(StandInOptions::default());
    let base = pinterest.sandbox_base_url();
    let issued = pinterest.issue_tokens(Environment::Sandbox, &SCOPES);
    let refresh = [
        ("grant_type", "refresh_token"),
        ("refresh_token", issued.refresh_token.as_str()),
    ];
    let first = token_request(&pinterest, &base, &refresh);
    assert_eq!(first.status, 200, "{}", first.body);
    let body = first.json();
    assert_eq!(body["response_type"], "refresh_token");
    for field in [
        "refresh_token",
        "refresh_token_expires_in",
        "refresh_token_expires_at",
    ] {
        assert!(!body[field].is_null(), "{field} missing: {body}");
    }
    assert_ne!(body["refresh_token"], issued.refresh_token.as_str());
    let again = token_request(&pinterest, &base, &refresh);
    assert!(again.error(400, 1).contains("already been used"));

    // Tokens belong to the environment that issued them.
    let elsewhere = token_request(
        &pinterest,
        &pinterest.base_url(),
        &[
            ("grant_type", "refresh_token"),
            (
                "refresh_token",
                body["refresh_token"].as_str().unwrap_or_default(),
            ),
        ],
    );
    assert_eq!(elsewhere.status, 400);
    let production = get(
        &format!("{}/v5/user_account", pinterest.base_url()),
        body["access_token"].as_str(),
    );
    production.error(401, 2);
}

#[test]
fn api_calls_need_a_bearer_token_with_the_right_scopes() {
    let pinterest = start(StandInOptions::default());
    let base = pinterest.sandbox_base_url();
    get(&format!("{base}/v5/user_account"), None).error(401, 2);
    get(&format!("{base}/v5/user_account"), Some("pina_nope")).error(401, 2);

    let boards_only = pinterest.issue_tokens(Environment::Sandbox, &["boards:read"]);
    let account = get(
        &format!("{base}/v5/user_account"),
        Some(&boards_only.access_token),
    );
    assert!(
        account
            .error(401, 3)
            .starts_with("Your token does not have sufficient permissions")
    );
    let pin = post_json(
        &format!("{base}/v5/pins"),
        &boards_only.access_token,
        &json!({"board_id": "549755885100", "media_source": {"source_type": "image_url", "url": "https://e.com/a.jpg"}}),
    );
    pin.error(401, 3);

    let all = pinterest.issue_tokens(Environment::Sandbox, &SCOPES);
    let account = get(&format!("{base}/v5/user_account"), Some(&all.access_token));
    assert_eq!(account.status, 200);
    assert_eq!(account.json()["account_type"], "BUSINESS");
    assert_eq!(
        get(&format!("{base}/v5/nothing"), Some(&all.access_token)).status,
        404
    );
}

#[test]
fn boards_page_with_bookmarks_and_filters() {
    let pinterest = start(StandInOptions::default());
    let base = pinterest.sandbox_base_url();
    let token = pinterest
        .issue_tokens(Environment::Sandbox, &["boards:read", "boards:read_secret"])
        .access_token;
    let mut sizes = Vec::new();
    let mut bookmark: Option<String> = None;
    loop {
        let mut url = format!("{base}/v5/boards?page_size=25");
        if let Some(b) = &bookmark {
            url.push_str(&format!("&bookmark={b}"));
        }
        let page = get(&url, Some(&token));
        assert_eq!(page.status, 200, "{}", page.body);
        let body = page.json();
        sizes.push(body["items"].as_array().map(Vec::len).unwrap_or_default());
        bookmark = body["bookmark"].as_str().map(str::to_owned);
        if bookmark.is_none() {
            assert!(body["bookmark"].is_null());
            break;
        }
    }
    assert_eq!(sizes, vec![25, 25, 10]);
    assert_eq!(pinterest.request_count("GET", "/sandbox/v5/boards"), 3);

    for bad in ["0", "251", "x"] {
        get(&format!("{base}/v5/boards?page_size={bad}"), Some(&token)).error(400, 1);
    }
    get(&format!("{base}/v5/boards?privacy=FRIENDS"), Some(&token)).error(400, 1);
    get(&format!("{base}/v5/boards?bookmark=bogus"), Some(&token)).error(400, 1);
    let secret = get(
        &format!("{base}/v5/boards?privacy=SECRET&page_size=250"),
        Some(&token),
    );
    let items = secret.json()["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(items.len(), 7);
    assert!(items.iter().all(|b| b["privacy"] == "SECRET"));

    let board = get(&format!("{base}/v5/boards/549755885100"), Some(&token));
    assert_eq!(board.json()["owner"]["username"], "standin_studio");
    assert_eq!(
        get(&format!("{base}/v5/boards/1"), Some(&token)).error(404, 40),
        "Board not found."
    );
}

#[test]
fn pins_are_checked_like_pin_create_and_answered_like_pinterest() {
    let clock = Clock::manual(1_665_625_229);
    let pinterest = start(StandInOptions {
        clock,
        ..StandInOptions::default()
    });
    let token = pinterest
        .issue_tokens(Environment::Sandbox, &SCOPES)
        .access_token;
    let url = format!("{}/v5/pins", pinterest.sandbox_base_url());
    let created = post_json(
        &url,
        &token,
        &json!({
            "board_id": "549755885100",
            "title": "Lemon tart",
            "media_source": {"source_type": "image_base64", "content_type": "image/png", "data": PNG},
        }),
    );
    assert_eq!(created.status, 201, "{}", created.body);
    let pin = created.json();
    assert_eq!(pin["created_at"], "2022-10-13T01:40:29");
    assert_eq!(pin["media"]["media_type"], "image");
    assert!(pin["media"]["images"]["1200x"]["url"].is_string());
    assert_eq!(pinterest.pins().len(), 1);

    let section = post_json(
        &url,
        &token,
        &json!({"board_id": "549755885100", "board_section_id": "7",
                "media_source": {"source_type": "image_url", "url": "https://e.com/a.jpg"}}),
    );
    section.error(404, 2031);
    let bad_url = post_json(
        &url,
        &token,
        &json!({"board_id": "549755885100", "media_source": {"source_type": "image_url", "url": "e.com/a.jpg"}}),
    );
    assert!(bad_url.error(400, 1).starts_with("Whoops!"));
    let too_many = post_json(
        &url,
        &token,
        &json!({"board_id": "549755885100", "media_source": {"source_type": "multiple_image_urls",
                "items": (0..6).map(|i| json!({"url": format!("https://e.com/{i}.jpg")})).collect::<Vec<_>>()}}),
    );
    assert!(too_many.error(400, 1).contains("maxItems is 5"));
    let text = answer(
        agent()
            .post(&url)
            .header("authorization", &format!("Bearer {token}"))
            .header("content-type", "text/plain")
            .send("board_id=1")
            .expect("POST"),
    );
    text.error(400, 1);
    assert_eq!(pinterest.pins().len(), 1);
}

#[test]
fn trial_access_keeps_pins_in_the_sandbox() {
    let pinterest = start(StandInOptions::default());
    let token = pinterest
        .issue_tokens(Environment::Production, &SCOPES)
        .access_token;
    let body = json!({"board_id": "549755885100",
                      "media_source": {"source_type": "image_url", "url": "https://e.com/a.jpg"}});
    let refused = post_json(&format!("{}/v5/pins", pinterest.base_url()), &token, &body);
    assert_eq!(refused.error(403, 29), TRIAL_MESSAGE);

    let standard = start(StandInOptions {
        trial: false,
        ..StandInOptions::default()
    });
    let token = standard
        .issue_tokens(Environment::Production, &SCOPES)
        .access_token;
    let created = post_json(&format!("{}/v5/pins", standard.base_url()), &token, &body);
    assert_eq!(created.status, 201, "{}", created.body);
}

#[test]
fn the_write_limit_answers_429_until_the_window_ends() {
    let clock = Clock::manual(1_767_225_600);
    let pinterest = start(StandInOptions {
        clock: clock.clone(),
        write_limit: Some(WriteLimit {
            writes: 2,
            window: Duration::from_secs(60),
        }),
        ..StandInOptions::default()
    });
    let token = pinterest
        .issue_tokens(Environment::Sandbox, &SCOPES)
        .access_token;
    let url = format!("{}/v5/pins", pinterest.sandbox_base_url());
    let body = json!({"board_id": "549755885100",
                      "media_source": {"source_type": "image_url", "url": "https://e.com/a.jpg"}});
    let first = post_json(&url, &token, &body);
    assert_eq!(first.status, 201);
    assert_eq!(first.header("x-ratelimit-remaining"), Some("1"));
    assert_eq!(post_json(&url, &token, &body).status, 201);
    clock.advance(Duration::from_secs(20));
    let limited = post_json(&url, &token, &body);
    limited.error(429, 8);
    assert_eq!(limited.header("x-ratelimit-limit"), Some("2"));
    assert_eq!(limited.header("x-ratelimit-remaining"), Some("0"));
    assert_eq!(limited.header("x-ratelimit-reset"), Some("40"));
    assert_eq!(limited.header("retry-after"), Some("40"));
    clock.advance(Duration::from_secs(40));
    assert_eq!(post_json(&url, &token, &body).status, 201);
    assert_eq!(pinterest.pins().len(), 3);
}

#[test]
fn token_lifetimes_can_be_short_to_try_expiry_and_refresh() {
    let clock = Clock::manual(1_767_225_600);
    let pinterest = start(StandInOptions {
        clock: clock.clone(),
        access_token_lifetime: Duration::from_secs(90),
        refresh_token_lifetime: Duration::from_secs(600),
        ..StandInOptions::default()
    });
    let base = pinterest.sandbox_base_url();
    let code = code(&pinterest);
    let exchanged = token_request(
        &pinterest,
        &base,
        &[
            ("grant_type", "authorization_code"),
            ("code", &code),
            ("redirect_uri", REDIRECT),
        ],
    );
    assert_eq!(exchanged.status, 200, "{}", exchanged.body);
    let tokens = exchanged.json();
    assert_eq!(tokens["expires_in"], 90);
    assert_eq!(tokens["refresh_token_expires_in"], 600);
    assert_eq!(tokens["refresh_token_expires_at"], 1_767_225_600 + 600);
    let access = tokens["access_token"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let account = format!("{base}/v5/user_account");
    assert_eq!(get(&account, Some(&access)).status, 200);

    // Past 90 s the access token is dead; the refresh token still works.
    clock.advance(Duration::from_secs(91));
    get(&account, Some(&access)).error(401, 2);
    let refresh = tokens["refresh_token"].as_str().unwrap_or_default();
    let refreshed = token_request(
        &pinterest,
        &base,
        &[("grant_type", "refresh_token"), ("refresh_token", refresh)],
    );
    assert_eq!(refreshed.status, 200, "{}", refreshed.body);
    assert_eq!(refreshed.json()["expires_in"], 90);

    // Past 600 s the refresh token is dead too.
    clock.advance(Duration::from_secs(601));
    let later = token_request(
        &pinterest,
        &base,
        &[
            ("grant_type", "refresh_token"),
            (
                "refresh_token",
                refreshed.json()["refresh_token"]
                    .as_str()
                    .unwrap_or_default(),
            ),
        ],
    );
    assert!(later.error(400, 1).contains("expired"));

    // Tokens issued for tests follow the same lifetimes.
    let issued = pinterest.issue_tokens(Environment::Sandbox, &SCOPES);
    assert_eq!(issued.expires_at, clock.now_seconds() + 90);
    assert_eq!(issued.refresh_token_expires_at, clock.now_seconds() + 600);
}
