//! The HTTP service (`pinterest_connector_service.wasm`) served the way
//! `wasmtime serve` serves it (wasmtime-wasi-http's incoming handler, a
//! store per request), answering real HTTP requests: every operation from
//! the shared table, typed errors with their statuses, credentials from the
//! `authorization` header and the environment, and none echoed back.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

use pinterest_standin::{
    DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_REDIRECT_URI, StandIn, StandInOptions,
};
use serde_json::{Value, json};
use standard_hosts::serve::{Served, serve};
use standard_hosts::{SERVICE, artifact, table};

fn pinterest() -> &'static StandIn {
    static PINTEREST: OnceLock<StandIn> = OnceLock::new();
    PINTEREST.get_or_init(|| StandIn::start(StandInOptions::default()).expect("the stand-in"))
}

fn config() -> Value {
    json!({
        "client-id": DEFAULT_CLIENT_ID,
        "client-secret": DEFAULT_CLIENT_SECRET,
        "environment": "sandbox",
        "api-base-url": pinterest().sandbox_base_url(),
        "authorize-url": pinterest().authorize_url(),
    })
}

/// The table's video, written once for this test binary (into the same
/// directory every run).
fn video() -> &'static table::Content {
    static VIDEO: OnceLock<table::Content> = OnceLock::new();
    VIDEO.get_or_init(|| {
        table::Content::write(&Path::new(env!("CARGO_TARGET_TMPDIR")).join("service-content"))
    })
}

/// The service with no environment, the table's video preopened.
fn service() -> &'static Served {
    static SERVED: OnceLock<Served> = OnceLock::new();
    SERVED.get_or_init(|| {
        serve(
            &artifact(SERVICE),
            &[],
            &[(video().dir.as_path(), video().preopen.as_str())],
        )
    })
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn request(method: &str, url: &str, authorization: Option<&str>, body: &str) -> Reply {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut builder = ureq::http::Request::builder()
        .method(method)
        .uri(url)
        .header("content-type", "application/json");
    if let Some(value) = authorization {
        builder = builder.header("authorization", value);
    }
    let mut response = agent
        .run(builder.body(body.to_owned()).unwrap())
        .expect("an answer");
    Reply {
        status: response.status().as_u16(),
        headers: response
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_owned(),
                    v.to_str().unwrap_or_default().to_owned(),
                )
            })
            .collect(),
        body: response.body_mut().read_to_string().unwrap(),
    }
}

fn post(served: &Served, operation: &str, input: &Value, authorization: Option<&str>) -> Reply {
    request(
        "POST",
        &format!("{}/operations/{operation}", served.url),
        authorization,
        &input.to_string(),
    )
}

#[test]
fn every_operation_is_served_from_the_shared_table() {
    let describe = request("GET", &format!("{}/describe", service().url), None, "");
    assert_eq!(describe.status, 200);
    let manifest = describe.json();
    assert_eq!(manifest["contract"], "pinterest:connector@0.3.0");
    let known = BTreeMap::from([
        ("config".to_owned(), config()),
        ("redirect-uri".to_owned(), Value::from(DEFAULT_REDIRECT_URI)),
        ("content".to_owned(), Value::from(video().name.as_str())),
    ]);
    let mut statuses = Vec::new();
    let ran = table::run(
        |name, input| {
            let reply = post(service(), name, input, None);
            assert_eq!(reply.header("content-type"), Some("application/json"));
            assert_eq!(reply.header("cache-control"), Some("no-store"));
            statuses.push((name.to_owned(), reply.status));
            if reply.status == 200 {
                Ok(reply.json())
            } else {
                Err(reply.json())
            }
        },
        known,
    );
    assert!(table::uncovered(&manifest, &ran).is_empty());
    // The failing steps answer with their error's status.
    let status_of = |tag: &str| match tag {
        "not-found" => 404,
        "invalid-input" => 400,
        other => panic!("no status expected here for {other}"),
    };
    let expected: Vec<(String, u16)> = table::steps()
        .iter()
        .filter_map(|step| {
            let tag = step.get("fails")?.as_str()?;
            Some((step["operation"].as_str()?.to_owned(), status_of(tag)))
        })
        .collect();
    let failed: Vec<(String, u16)> = statuses
        .into_iter()
        .filter(|(_, status)| *status != 200)
        .collect();
    assert_eq!(failed, expected);
    let uploads = pinterest().uploads();
    assert!(
        uploads
            .iter()
            .any(|u| u.status == 204 && u.size == video().bytes.len() as u64),
        "the whole video, read from the preopened directory: {uploads:?}"
    );
}

#[test]
fn errors_are_typed_with_a_fitting_status_and_echo_no_credential() {
    let secret_token = "pina_SERVICE_TEST_DEAD_TOKEN_4f1";
    let reply = post(
        service(),
        "get-user-account",
        &json!({"config": config(), "access-token": secret_token}),
        None,
    );
    assert_eq!(reply.status, 401);
    assert_eq!(reply.json()["tag"], "unauthorized");
    assert!(!reply.body.contains(secret_token));

    let misplaced = post(
        service(),
        "list-all-boards",
        &json!({"config": config(), "access-token": "t", "max-boards": secret_token}),
        None,
    );
    assert_eq!(misplaced.status, 400);
    assert_eq!(misplaced.json()["val"]["field"], "max-boards");
    assert!(!misplaced.body.contains(secret_token));

    let code = post(
        service(),
        "exchange",
        &json!({"config": config(), "code": "spent-code", "redirect-uri": DEFAULT_REDIRECT_URI}),
        None,
    );
    assert_eq!(
        (code.status, code.json()["tag"].clone()),
        (400, json!("grant-rejected"))
    );
    assert!(!code.body.contains(DEFAULT_CLIENT_SECRET));

    let nowhere = post(
        service(),
        "get-board",
        &json!({"config": {"client-id": "1", "client-secret": "s", "environment": "sandbox", "api-base-url": "http://127.0.0.1:9"}, "access-token": secret_token, "board-id": "1"}),
        None,
    );
    assert_eq!(
        (nowhere.status, nowhere.json()["val"]["problem"].clone()),
        (502, json!("connection"))
    );
    assert!(!nowhere.body.contains(secret_token));

    let unknown = request("GET", &format!("{}/boards", service().url), None, "");
    assert_eq!(unknown.status, 404);
    let wrong_method = request(
        "GET",
        &format!("{}/operations/get-board", service().url),
        None,
        "",
    );
    assert_eq!(
        (wrong_method.status, wrong_method.header("allow")),
        (405, Some("POST"))
    );
}

#[test]
fn the_token_may_come_in_the_authorization_header_and_the_app_from_the_environment() {
    let tokens = pinterest().issue_tokens(
        pinterest_standin::Environment::Sandbox,
        &["user_accounts:read", "boards:read"],
    );
    let bearer = format!("Bearer {}", tokens.access_token);
    let reply = post(
        service(),
        "get-user-account",
        &json!({"config": config()}),
        Some(&bearer),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);

    let sandbox = pinterest().sandbox_base_url();
    let for_one_app = serve(
        &artifact(SERVICE),
        &[
            ("PINTEREST_CLIENT_ID", DEFAULT_CLIENT_ID),
            ("PINTEREST_CLIENT_SECRET", DEFAULT_CLIENT_SECRET),
            ("PINTEREST_ENVIRONMENT", "sandbox"),
            ("PINTEREST_API_BASE_URL", &sandbox),
        ],
        &[],
    );
    let reply = post(
        &for_one_app,
        "get-board",
        &json!({"board-id": "549755885101"}),
        Some(&bearer),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json()["id"], "549755885101");
}
