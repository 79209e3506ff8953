//! The egress policy: the component's requests reach only Pinterest's API
//! origins or the one the host was configured with; every other origin —
//! another host, port or scheme, a userinfo trick, an IP literal — is
//! refused with `http-error::denied` naming the rule, before anything
//! leaves the machine. Through the real `.wasm`, a config pointing
//! elsewhere ends in the component's `transport` error with problem
//! `denied`.

mod common;

use std::sync::{Arc, Mutex};

use common::*;
use pinterest_connector_host::{
    EgressGuard, EgressPolicy, OutgoingRequest, Transport, UreqTransport, http,
};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

/// A transport that records the URLs it is asked to send and answers 200.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<String>>>);

impl Recorder {
    fn sent(&self) -> Vec<String> {
        self.0.lock().map(|urls| urls.clone()).unwrap_or_default()
    }
}

impl Transport for Recorder {
    fn send(&self, request: OutgoingRequest) -> Result<http::Response, http::HttpError> {
        if let Ok(mut urls) = self.0.lock() {
            urls.push(request.url);
        }
        Ok(http::Response {
            status: 200,
            headers: Vec::new(),
            body: b"{}".to_vec(),
        })
    }
}

fn get(url: &str) -> OutgoingRequest {
    OutgoingRequest::new(http::Method::Get, url)
}

/// Pinterest's origins and a configured test server, over a recorder.
fn guard() -> (EgressGuard<Recorder>, Recorder) {
    let recorder = Recorder::default();
    let policy = EgressPolicy::pinterest()
        .allow("http://127.0.0.1:8080/sandbox")
        .expect("a valid origin");
    (EgressGuard::new(policy, recorder.clone()), recorder)
}

#[test]
fn pinterest_and_the_configured_origin_are_allowed() {
    let (guard, recorder) = guard();
    for url in [
        "https://api.pinterest.com/v5/boards?page_size=25",
        "https://api-sandbox.pinterest.com/v5/pins",
        "https://api.pinterest.com:443/v5/oauth/token",
        "HTTPS://API.Pinterest.COM/v5/user_account",
        "http://127.0.0.1:8080/sandbox/v5/boards",
        "http://127.0.0.1:8080/v5/boards",
    ] {
        assert!(guard.send(get(url)).is_ok(), "{url} was refused");
    }
    // What goes out is the URL as the policy read it.
    assert_eq!(
        recorder.sent(),
        [
            "https://api.pinterest.com/v5/boards?page_size=25",
            "https://api-sandbox.pinterest.com/v5/pins",
            "https://api.pinterest.com/v5/oauth/token",
            "https://api.pinterest.com/v5/user_account",
            "http://127.0.0.1:8080/sandbox/v5/boards",
            "http://127.0.0.1:8080/v5/boards",
        ]
    );
}

#[test]
fn every_other_origin_is_denied_naming_the_rule() {
    let not_allowed = "is not an allowed origin (allowed: https://api.pinterest.com, https://api-sandbox.pinterest.com, http://127.0.0.1:8080)";
    let cases: [(&str, &str); 17] = [
        // Another host.
        ("https://evil.example/v5/boards", not_allowed),
        (
            "https://api.pinterest.com.evil.example/v5/boards",
            not_allowed,
        ),
        ("https://www.pinterest.com/v5/boards", not_allowed),
        ("https://api.pinterest.com./v5/boards", not_allowed),
        // Another port.
        ("https://api.pinterest.com:8443/v5/boards", not_allowed),
        ("http://127.0.0.1:8081/v5/boards", not_allowed),
        // Another scheme.
        ("http://api.pinterest.com/v5/boards", not_allowed),
        ("https://127.0.0.1:8080/v5/boards", not_allowed),
        ("ftp://api.pinterest.com/v5/boards", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        // Userinfo tricks.
        (
            "https://api.pinterest.com@evil.example/v5/boards",
            "credentials",
        ),
        ("https://api.pinterest.com:443@evil.example/", "credentials"),
        (
            "https://user:pass@api.pinterest.com/v5/boards",
            "credentials",
        ),
        // IP literals: cloud metadata, loopback, Pinterest's own addresses.
        ("http://169.254.169.254/latest/meta-data/", not_allowed),
        ("http://[::1]:8080/v5/boards", not_allowed),
        ("https://151.101.0.84/v5/boards", not_allowed),
        // Not a URL at all.
        ("/v5/boards", "does not parse"),
    ];
    let (guard, recorder) = guard();
    for (url, rule) in cases {
        match guard.send(get(url)) {
            Err(http::HttpError::Denied(why)) => {
                assert!(why.starts_with("egress policy: "), "{url}: {why}");
                assert!(why.contains(rule), "{url}: {why}");
                assert!(
                    !why.contains("user:pass") && !why.contains("pinterest.com@"),
                    "{url}: credentials echoed: {why}"
                );
            }
            other => panic!("{url}: expected denied, got {other:?}"),
        }
    }
    assert!(
        recorder.sent().is_empty(),
        "sent despite the policy: {:?}",
        recorder.sent()
    );
}

#[test]
fn a_backslash_cannot_smuggle_another_host_past_the_check() {
    // Read the WHATWG way, `\` ends the host: the request goes to
    // evil.example, and is refused as that.
    let (guard, _) = guard();
    let outcome = guard.send(get("https://evil.example\\@api.pinterest.com/v5/boards"));
    assert!(
        matches!(&outcome, Err(http::HttpError::Denied(why)) if why.contains("https://evil.example is not an allowed origin")),
        "{outcome:?}"
    );
}

#[test]
fn an_allowed_origin_must_be_a_plain_http_origin() {
    assert!(EgressPolicy::none().allow("ftp://files.example").is_err());
    assert!(
        EgressPolicy::none()
            .allow("https://user:pw@proxy.example")
            .is_err()
    );
    assert!(EgressPolicy::none().allow("proxy.example").is_err());
    assert_eq!(
        EgressPolicy::none()
            .allow("https://proxy.example:443/pinterest/")
            .map(|p| p.origins()),
        Ok(vec!["https://proxy.example".to_owned()])
    );
}

// Through the real component.

fn guarded_host(policy: EgressPolicy) -> pinterest_connector_host::ConnectorHost {
    host().with_transport(Arc::new(EgressGuard::new(policy, UreqTransport::default())))
}

#[test]
fn the_component_reaches_the_configured_origin() {
    let p = Pinterest::start();
    p.mount(
        Mock::given(method("GET"))
            .and(path("/v5/boards/549755885175"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(json!({"id": "549755885175", "name": "Allowed"})),
            ),
    );
    let policy = EgressPolicy::pinterest().allow(&p.server.uri()).unwrap();
    let board = guarded_host(policy)
        .get_board(&p.config(), ACCESS_TOKEN, "549755885175")
        .unwrap()
        .unwrap();
    assert_eq!(board.name, "Allowed");
}

#[test]
fn a_config_pointing_elsewhere_ends_in_a_denied_transport_error() {
    let allowed = Pinterest::start();
    let elsewhere = Pinterest::start();
    elsewhere.mount(
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({}))),
    );
    let host = guarded_host(
        EgressPolicy::pinterest()
            .allow(&allowed.server.uri())
            .unwrap(),
    );
    for base in [
        elsewhere.server.uri(),
        "https://169.254.169.254".to_owned(),
        "https://internal-admin.example".to_owned(),
    ] {
        let config = Config {
            api_base_url: Some(base.clone()),
            ..allowed.config()
        };
        let errors = [
            host.get_board(&config, ACCESS_TOKEN, "549755885175")
                .unwrap()
                .map(|_| ())
                .unwrap_err(),
            host.refresh(&config, REFRESH_TOKEN, None)
                .unwrap()
                .map(|_| ())
                .unwrap_err(),
        ];
        for error in errors {
            let Error::Transport(transport) = &error else {
                panic!("{base}: expected a transport error, got {error:?}")
            };
            assert_eq!(transport.problem, types::TransportProblem::Denied, "{base}");
            assert!(
                transport.failure.summary.contains("egress policy: ")
                    && transport
                        .failure
                        .summary
                        .contains("is not an allowed origin"),
                "{base}: {}",
                transport.failure.summary
            );
            assert!(!transport.failure.retryable);
            assert_no_secrets(&all_text(&error));
        }
    }
    assert!(elsewhere.requests().is_empty(), "a request got through");
    assert!(allowed.requests().is_empty());
}
