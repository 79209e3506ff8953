//! A 200 MB response through the adapter on wasmtime's own wasi:http is
//! refused at the 8 MiB cap — at once when its length is announced, after
//! 8 MiB when it is chunked — and never held: the process's peak memory is
//! measured (alone in this test binary, so that it is this test's own).

use serde_json::{Value, json};
use standard_hosts::bodies::{MIB, server};
use standard_hosts::{ADAPTER, Standard, artifact, rss};

fn get(adapter: &Standard, url: String) -> Result<Value, Value> {
    let request =
        json!({"method": "get", "url": url, "headers": [], "body": [], "timeout-ms": 30000});
    adapter.call_in(
        "pinterest:connector/http@0.3.0",
        "send",
        &json!({ "request": request }),
        &[],
    )
}

#[test]
fn a_200_mb_response_is_refused_at_the_cap_without_being_held() {
    let adapter = Standard::load(&artifact(ADAPTER));
    let server = server();
    assert!(get(&adapter, format!("{}/small", server.url)).is_ok());

    let before = rss::peak();
    let cap =
        json!({"tag": "denied", "val": "response body exceeds the host's limit of 8388608 bytes"});
    assert_eq!(
        get(&adapter, format!("{}/big", server.url)),
        Err(cap.clone())
    );
    assert_eq!(
        get(&adapter, format!("{}/big-chunked", server.url)),
        Err(cap)
    );
    let growth = rss::peak().saturating_sub(before);
    println!(
        "wasmtime: 200 MB responses refused, peak RSS grew {} MiB",
        growth / MIB
    );
    assert!(growth < 48 * MIB, "peak RSS grew {growth} bytes");
}
