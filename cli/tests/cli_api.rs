//! `api METHOD /v5/…` against the stand-in: status and JSON body printed,
//! query and body passed on, Pinterest's refusals explained, and paths
//! that would leave `/v5/` refused before any request.

mod cli_support;

use cli_support::{BOARD, Setup, assert_masked};

#[test]
fn a_get_prints_the_status_and_the_json_body() {
    let setup = Setup::new("api-get");
    let issued = setup.sign_in();
    let run = setup.run(&[
        "api",
        "GET",
        &format!("/v5/boards/{BOARD}/sections"),
        "--query",
        "page_size=2",
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stderr
            .contains(&format!("GET /v5/boards/{BOARD}/sections → 200")),
        "{}",
        run.all()
    );
    let body: serde_json::Value = serde_json::from_str(&run.stdout).expect("the body is JSON");
    assert_eq!(body["items"].as_array().map(Vec::len), Some(2));
    assert_eq!(body["items"][0]["name"], "Salads 1");
    assert_masked(&run.all(), &[&issued.access_token]);

    let json = setup.run(&["api", "get", "/v5/user_account", "--json"]);
    assert_eq!(json.code, 0, "{}", json.all());
    assert_eq!(json.json()["status"], 200);
    assert_eq!(json.json()["body"]["username"], "standin_studio");
}

#[test]
fn a_post_sends_the_json_body() {
    let setup = Setup::new("api-post");
    setup.sign_in();
    let body_file = setup.dir.join("section.json");
    std::fs::write(&body_file, r#"{"name": "From a file"}"#).expect("write the body");
    let run = setup.run(&[
        "api",
        "POST",
        &format!("/v5/boards/{BOARD}/sections"),
        "--body",
        &format!("@{}", body_file.display()),
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stderr.contains("→ 201"), "{}", run.all());
    assert!(run.stdout.contains("From a file"), "{}", run.all());

    let not_json = setup.run(&["api", "POST", "/v5/boards", "--body", "{name:"]);
    assert_eq!(not_json.code, 2, "{}", not_json.all());
    assert!(
        not_json.stderr.contains("--body is not JSON"),
        "{}",
        not_json.all()
    );
}

#[test]
fn refusals_are_explained_and_escapes_refused_before_any_request() {
    let setup = Setup::new("api-refused");
    setup.sign_in();
    let missing = setup.run(&["api", "GET", "/v5/pins/999999999"]);
    assert_eq!(missing.code, 5, "{}", missing.all());
    assert!(
        missing
            .stderr
            .contains("while calling GET /v5/pins/999999999"),
        "{}",
        missing.all()
    );
    assert!(
        missing.stderr.contains("API reference"),
        "{}",
        missing.all()
    );

    let before = setup.pinterest.requests().len();
    for path in [
        "/v5/../oauth/token",
        "/v5/boards/%2e%2e/x",
        "//evil.example/v5/boards",
        "https://evil.example/v5/boards",
        "/v5/oauth/token",
    ] {
        let run = setup.run(&["api", "GET", path]);
        assert_eq!(run.code, 2, "{path}: {}", run.all());
        assert!(run.stderr.contains("The path"), "{path}: {}", run.all());
    }
    assert_eq!(setup.pinterest.requests().len(), before, "nothing was sent");

    let query = setup.run(&["api", "GET", "/v5/boards", "--query", "page_size"]);
    assert_eq!(query.code, 2, "{}", query.all());
    assert!(query.stderr.contains("NAME=VALUE"), "{}", query.all());
}
