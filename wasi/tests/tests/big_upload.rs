//! A 256 MiB file streams from a preopened directory through the adapter on
//! wasmtime's own wasi:http into a multipart upload that the server checks
//! byte for byte, and the process's peak memory grows by far less than the
//! file (alone in this test binary, so that the memory is this test's own).

use serde_json::json;
use standard_hosts::bodies::{BOUNDARY, MIB, head, server, tail, upload_as_sent, write_upload};
use standard_hosts::{ADAPTER, Standard, artifact, rss};

#[test]
fn a_256_mib_file_streams_into_the_request_body() {
    let adapter = Standard::load(&artifact(ADAPTER));
    let server = server();
    let dir = std::env::temp_dir().join(format!("standard-hosts-upload-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    write_upload(&dir.join("clip.mp4"));
    let request = json!({
        "method": "post",
        "url": format!("{}/upload", server.url),
        "headers": [{"name": "content-type", "value": format!("multipart/form-data; boundary={BOUNDARY}")}],
        "body": [
            {"tag": "bytes", "val": head().as_bytes()},
            {"tag": "host-content", "val": "media/clip.mp4"},
            {"tag": "bytes", "val": tail().as_bytes()},
        ],
        "timeout-ms": 60000,
    });
    let send = json!({ "request": request });
    let preopens = [(dir.as_path(), "media")];
    // Warm up: the same call on a small file.
    let small = adapter.call_in(
        "pinterest:connector/http@0.3.0",
        "content-length",
        &json!({"name": "media/clip.mp4"}),
        &preopens,
    );
    assert_eq!(small, Ok(json!(256 * MIB)));

    let before = rss::peak();
    let response = adapter.call_in("pinterest:connector/http@0.3.0", "send", &send, &preopens);
    let growth = rss::peak().saturating_sub(before);
    std::fs::remove_dir_all(&dir).unwrap();
    let body: Vec<u8> = response.expect("answered")["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_u64().unwrap() as u8)
        .collect();
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&body).unwrap(),
        upload_as_sent()
    );
    println!(
        "wasmtime: 256 MiB upload streamed, peak RSS grew {} MiB",
        growth / MIB
    );
    assert!(growth < 48 * MIB, "peak RSS grew {growth} bytes");
}
