//! The adapter's guarantees on wasmtime's own wasi:http, calling its
//! exported `pinterest:connector/http` directly: what goes out is what the
//! connector built, every status comes back, redirects are not followed,
//! the deadline holds, and refusals name the rule but never a header value.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use serde_json::{Value, json};
use standard_hosts::local::{LocalServer, respond};
use standard_hosts::{ADAPTER, Standard, artifact};

const HTTP: &str = "pinterest:connector/http@0.3.0";
const SECRET: &str = "pina_ADAPTER_TEST_SECRET_81f3";

fn adapter() -> &'static Standard {
    static ADAPTER_HOST: OnceLock<Standard> = OnceLock::new();
    ADAPTER_HOST.get_or_init(|| Standard::load(&artifact(ADAPTER)))
}

/// `/status/N`, `/redirect`, `/slow` (3 s), and anything else echoed as
/// JSON: method, headers, body.
fn server() -> &'static LocalServer {
    static SERVER: OnceLock<LocalServer> = OnceLock::new();
    SERVER.get_or_init(|| {
        LocalServer::start(|head, body, out| {
            let mut received = Vec::new();
            let _ = body.read_to_end(&mut received);
            if let Some(status) = head.path.strip_prefix("/status/") {
                let status = status.parse().unwrap_or(500);
                respond(
                    out,
                    status,
                    &[("content-type", "application/json")],
                    b"{\"code\": 1}",
                );
            } else if head.path == "/redirect" {
                respond(out, 302, &[("location", "/elsewhere")], b"");
            } else if head.path == "/slow" {
                std::thread::sleep(Duration::from_secs(3));
                respond(out, 200, &[], b"late");
            } else {
                let echo = json!({
                    "method": head.method,
                    "headers": head.headers,
                    "body": String::from_utf8_lossy(&received),
                });
                respond(
                    out,
                    200,
                    &[("x-seen", "1"), ("x-seen", "2")],
                    echo.to_string().as_bytes(),
                );
            }
        })
    })
}

fn send(request: Value, preopens: &[(&Path, &str)]) -> Result<Value, Value> {
    adapter().call_in(HTTP, "send", &json!({ "request": request }), preopens)
}

fn get(path: &str) -> Result<Value, Value> {
    send(
        json!({"method": "get", "url": format!("{}{path}", server().url), "headers": [], "body": []}),
        &[],
    )
}

fn body_text(response: &Value) -> String {
    let bytes: Vec<u8> = response["body"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b.as_u64().unwrap() as u8)
        .collect();
    String::from_utf8(bytes).unwrap()
}

fn bytes(text: &str) -> Value {
    json!({"tag": "bytes", "val": text.as_bytes()})
}

#[test]
fn every_status_comes_back_as_a_response_and_redirects_are_not_followed() {
    for status in [400, 401, 404, 429, 500, 503] {
        let response = get(&format!("/status/{status}")).unwrap();
        assert_eq!(response["status"], status);
        assert_eq!(body_text(&response), "{\"code\": 1}");
    }
    let redirect = get("/redirect").unwrap();
    assert_eq!(redirect["status"], 302);
    assert!(
        redirect["headers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["name"] == "location" && h["value"] == "/elsewhere")
    );
}

#[test]
fn method_headers_and_body_parts_go_out_as_given_with_their_length() {
    let response = send(
        json!({
            "method": "post",
            "url": format!("{}/echo?x=1", server().url),
            "headers": [{"name": "content-type", "value": "text/plain"}, {"name": "authorization", "value": format!("Bearer {SECRET}")}],
            "body": [bytes("part one, "), bytes("part two")],
            "timeout-ms": 5000,
        }),
        &[],
    )
    .unwrap();
    let echo: Value = serde_json::from_str(&body_text(&response)).unwrap();
    assert_eq!(echo["method"], "POST");
    assert_eq!(echo["body"], "part one, part two");
    let headers = echo["headers"].as_array().unwrap();
    assert!(
        headers.contains(&json!(["content-length", "18"])),
        "{headers:?}"
    );
    assert!(headers.contains(&json!(["content-type", "text/plain"])));
    let seen: Vec<&Value> = response["headers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h["name"] == "x-seen")
        .collect();
    assert_eq!(seen.len(), 2, "repeated response headers are kept apart");
}

#[test]
fn an_answer_later_than_the_timeout_is_a_timeout() {
    adapter();
    let started = std::time::Instant::now();
    let outcome = send(
        json!({"method": "get", "url": format!("{}/slow", server().url), "headers": [], "body": [], "timeout-ms": 300}),
        &[],
    );
    assert_eq!(outcome, Err(json!({"tag": "timeout"})));
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[test]
fn failures_name_the_rule_and_never_a_header_value() {
    let secret_header = json!([{"name": "authorization", "value": format!("Bearer {SECRET}")}]);
    let refused = send(json!({"method": "get", "url": "http://127.0.0.1:9/v5", "headers": secret_header, "body": []}), &[]).unwrap_err();
    assert_eq!(
        refused,
        json!({"tag": "transport", "val": "connection refused"})
    );
    let file = send(
        json!({"method": "get", "url": "file:///etc/passwd", "headers": [], "body": []}),
        &[],
    )
    .unwrap_err();
    assert_eq!(
        file,
        json!({"tag": "denied", "val": "only http and https requests are sent, not file:"})
    );
    let userinfo = send(json!({"method": "get", "url": format!("http://user:{SECRET}@127.0.0.1:9/"), "headers": [], "body": []}), &[]).unwrap_err();
    assert_eq!(userinfo["tag"], "denied");
    let broken = send(
        json!({"method": "get", "url": format!("{}/echo", server().url), "headers": [{"name": "x-token", "value": format!("{SECRET}\r\nx-injected: 1")}], "body": []}),
        &[],
    )
    .unwrap_err();
    assert_eq!(broken["tag"], "denied");
    assert!(broken["val"].as_str().unwrap().contains("\"x-token\""));
    for outcome in [&refused, &file, &userinfo, &broken] {
        assert!(!outcome.to_string().contains(SECRET), "{outcome}");
    }
}

/// A directory of its own under the system's temporary directory.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("standard-hosts-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn host_content_streams_from_a_preopened_directory_and_nothing_else_does() {
    let dir = scratch("content");
    let uploads = dir.join("uploads");
    std::fs::create_dir_all(uploads.join("sub")).unwrap();
    std::fs::write(uploads.join("clip.mp4"), "VIDEO BYTES").unwrap();
    std::fs::write(dir.join("outside.txt"), "not yours").unwrap();
    std::os::unix::fs::symlink(dir.join("outside.txt"), uploads.join("link.txt")).unwrap();
    let preopens = [(uploads.as_path(), "uploads")];
    let length = adapter().call_in(
        HTTP,
        "content-length",
        &json!({"name": "uploads/clip.mp4"}),
        &preopens,
    );
    assert_eq!(length, Ok(json!(11)));

    let response = send(
        json!({
            "method": "post",
            "url": format!("{}/echo", server().url),
            "headers": [],
            "body": [bytes("--b\r\n\r\n"), {"tag": "host-content", "val": "uploads/clip.mp4"}, bytes("\r\n--b--\r\n")],
        }),
        &preopens,
    )
    .unwrap();
    let echo: Value = serde_json::from_str(&body_text(&response)).unwrap();
    assert_eq!(echo["body"], "--b\r\n\r\nVIDEO BYTES\r\n--b--\r\n");

    for (name, says) in [
        ("uploads/../outside.txt", "`..`"),
        ("/etc/passwd", "no preopened directory holds"),
        ("uploads/missing.mp4", "no such file"),
        ("uploads/link.txt", "symbolic link"),
        ("uploads/sub", "not a regular file"),
    ] {
        let refused = adapter()
            .call_in(HTTP, "content-length", &json!({"name": name}), &preopens)
            .unwrap_err();
        assert_eq!(refused["tag"], "denied", "{name}: {refused}");
        assert!(
            refused["val"].as_str().unwrap().contains(says),
            "{name}: {refused}"
        );
        let body = json!([{"tag": "host-content", "val": name}]);
        let sent = send(
            json!({"method": "post", "url": format!("{}/echo", server().url), "headers": [], "body": body}),
            &preopens,
        );
        assert_eq!(sent.unwrap_err()["tag"], "denied", "{name}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}
