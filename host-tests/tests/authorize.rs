//! `authorize` through the real component: the consent URL, the generated
//! state, and input checks. No HTTP call is made.

mod common;

use common::*;
use url::Url;

fn params(url: &str) -> Vec<(String, String)> {
    Url::parse(url)
        .unwrap()
        .query_pairs()
        .into_owned()
        .collect()
}

fn param(url: &str, name: &str) -> String {
    params(url)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
        .unwrap_or_default()
}

#[test]
fn builds_the_consent_url_with_every_parameter() {
    let scopes = ["boards:read".to_owned(), "pins:write".to_owned()];
    let auth = host()
        .authorize(
            &offline_config(),
            "https://app.example/oauth/callback/",
            &scopes,
            Some("xyz-123"),
        )
        .unwrap()
        .unwrap();
    assert!(
        auth.url.starts_with("https://www.pinterest.com/oauth/?"),
        "{}",
        auth.url
    );
    assert_eq!(
        params(&auth.url),
        [
            ("client_id", CLIENT_ID),
            ("redirect_uri", "https://app.example/oauth/callback/"),
            ("response_type", "code"),
            ("scope", "boards:read,pins:write"),
            ("state", "xyz-123"),
        ]
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
    );
    assert_eq!(auth.state, "xyz-123");
}

#[test]
fn generates_a_fresh_128_bit_state_when_none_is_given() {
    let first = host()
        .authorize(&offline_config(), "http://localhost:8085/", &[], None)
        .unwrap()
        .unwrap();
    let second = host()
        .authorize(&offline_config(), "http://localhost:8085/", &[], None)
        .unwrap()
        .unwrap();
    assert_eq!(
        first.state.len(),
        22,
        "16 random bytes, base64url: {}",
        first.state
    );
    assert_ne!(first.state, second.state);
    assert_eq!(param(&first.url, "state"), first.state);
}

#[test]
fn defaults_to_the_scopes_every_operation_needs() {
    let auth = host()
        .authorize(&offline_config(), "https://app.example/cb", &[], Some("s"))
        .unwrap()
        .unwrap();
    assert_eq!(
        param(&auth.url, "scope"),
        "boards:read,boards:write,pins:read,pins:write,user_accounts:read"
    );
}

#[test]
fn legacy_v3_scopes_are_refused_with_their_v5_names() {
    let error = host()
        .authorize(
            &offline_config(),
            "https://app.example/cb",
            &["read_public".to_owned()],
            None,
        )
        .unwrap()
        .unwrap_err();
    let reason = invalid_input(error, "scopes[0]");
    assert!(reason.contains("boards:read, pins:read"), "{reason}");
}

#[test]
fn redirect_uris_must_be_https_except_on_loopback() {
    for (uri, ok) in [
        ("https://app.example/cb", true),
        ("http://localhost:8085/", true),
        ("http://127.0.0.1:8085/callback", true),
        ("http://app.example/cb", false),
        ("app.example/cb", false),
    ] {
        let result = host().authorize(&offline_config(), uri, &[], None).unwrap();
        match (result, ok) {
            (Ok(_), true) => {}
            (Err(e), false) => {
                invalid_input(e, "redirect-uri");
            }
            (other, _) => panic!("{uri}: {other:?}"),
        }
    }
}

#[test]
fn the_consent_page_can_be_overridden_for_test_servers() {
    let mut config = offline_config();
    config.authorize_url = Some("http://127.0.0.1:7000/oauth/".into());
    let auth = host()
        .authorize(&config, "http://localhost:8085/", &[], Some("s"))
        .unwrap()
        .unwrap();
    assert!(
        auth.url
            .starts_with("http://127.0.0.1:7000/oauth/?client_id="),
        "{}",
        auth.url
    );
    config.authorize_url = Some("http://evil.example/oauth/".into());
    let error = host()
        .authorize(&config, "http://localhost:8085/", &[], Some("s"))
        .unwrap()
        .unwrap_err();
    invalid_input(error, "config.authorize-url");
}
