//! Every operation of the composed connector on wasmtime 48 with
//! wasmtime-wasi-http's linker and no custom import, against the Pinterest
//! stand-in, from the shared table (`wasi/tests/operations.json`).

use std::collections::BTreeMap;
use std::path::Path;

use pinterest_standin::{DEFAULT_REDIRECT_URI, StandIn, StandInOptions};
use serde_json::{Value, json};
use standard_hosts::{STANDARD, Standard, artifact, table};

fn sandbox_config(pinterest: &StandIn) -> Value {
    json!({
        "client-id": pinterest_standin::DEFAULT_CLIENT_ID,
        "client-secret": pinterest_standin::DEFAULT_CLIENT_SECRET,
        "environment": "sandbox",
        "api-base-url": pinterest.sandbox_base_url(),
        "authorize-url": pinterest.authorize_url(),
    })
}

#[test]
fn every_operation_runs_against_the_stand_in() {
    let pinterest = StandIn::start(StandInOptions::default()).expect("the stand-in");
    let connector = Standard::load(&artifact(STANDARD));
    let manifest: Value = serde_json::from_str(
        connector
            .call("describe", &json!({}))
            .unwrap()
            .as_str()
            .unwrap(),
    )
    .unwrap();
    let video =
        table::Content::write(&Path::new(env!("CARGO_TARGET_TMPDIR")).join("operations-content"));
    let known = BTreeMap::from([
        ("config".to_owned(), sandbox_config(&pinterest)),
        ("redirect-uri".to_owned(), Value::from(DEFAULT_REDIRECT_URI)),
        ("content".to_owned(), Value::from(video.name.as_str())),
    ]);
    let preopens = [(video.dir.as_path(), video.preopen.as_str())];
    let ran = table::run(
        |name, input| connector.call_with(name, input, &preopens),
        known,
    );
    std::fs::remove_dir_all(&video.dir).unwrap();
    let uncovered = table::uncovered(&manifest, &ran);
    assert!(
        uncovered.is_empty(),
        "operations with no step in operations.json: {uncovered:?}"
    );
    assert!(
        !pinterest.pins().is_empty(),
        "the pins reached the stand-in"
    );
    let uploads = pinterest.uploads();
    assert_eq!(uploads.len(), 1, "{uploads:?}");
    assert_eq!(uploads[0].status, 204, "{uploads:?}");
    assert_eq!(
        uploads[0].size,
        video.bytes.len() as u64,
        "the whole video, read from the preopened directory"
    );
}

#[test]
fn an_unreachable_api_is_a_connection_failure() {
    let connector = Standard::load(&artifact(STANDARD));
    let input = json!({
        "config": {"client-id": "1", "client-secret": "s", "environment": "sandbox", "api-base-url": "http://127.0.0.1:9"},
        "access-token": "pina_UNREACHABLE_TOKEN",
    });
    let error = connector.call("get-user-account", &input).unwrap_err();
    assert_eq!(error["tag"], "transport", "{error}");
    assert_eq!(error["val"]["problem"], "connection");
    assert!(!error.to_string().contains("pina_UNREACHABLE_TOKEN"));
}
