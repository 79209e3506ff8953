//! Shared setup for the integration tests: the component compiled once per
//! test binary, a wiremock server standing in for Pinterest, and helpers to
//! read what the component sent.

#![allow(dead_code)]

use std::sync::{Arc, OnceLock};

use std::path::PathBuf;

use pinterest_connector_host::{ConnectorHost, UreqTransport};

pub use host_tests::*;
pub use pinterest_connector_host::types::{self, Config, Environment, Error};

/// The component under test: `$PINTEREST_CONNECTOR_WASM`, or the
/// workspace's release build (made by `./build.sh`).
pub fn component_path() -> PathBuf {
    std::env::var_os("PINTEREST_CONNECTOR_WASM")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../target/wasm32-wasip2/release/pinterest_connector.wasm")
        })
}

/// The host, with the component compiled once for the whole test binary.
pub fn host() -> ConnectorHost {
    static HOST: OnceLock<ConnectorHost> = OnceLock::new();
    HOST.get_or_init(|| {
        let path = component_path();
        assert!(
            path.exists(),
            "the component {} is missing: run ./build.sh (or cargo build --release --target wasm32-wasip2 -p pinterest-connector) first",
            path.display()
        );
        let cache = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("component-cache");
        ConnectorHost::load_cached(&path, cache, Arc::new(UreqTransport::default()))
            .unwrap_or_else(|e| panic!("loading {}: {e:?}", path.display()))
    })
    .clone()
}

/// A config with no API override (no request may be sent with it in tests).
pub fn offline_config() -> Config {
    Config {
        client_id: CLIENT_ID.into(),
        client_secret: CLIENT_SECRET.into(),
        environment: Environment::Production,
        api_base_url: Some("http://127.0.0.1:9".into()),
        authorize_url: None,
        ad_account_id: None,
    }
}

/// The body as form pairs.
pub fn form(request: &wiremock::Request) -> Vec<(String, String)> {
    url::form_urlencoded::parse(&request.body)
        .into_owned()
        .collect()
}

/// The body as JSON.
pub fn json(request: &wiremock::Request) -> serde_json::Value {
    serde_json::from_slice(&request.body).expect("request body is JSON")
}

/// A header of a received request.
pub fn header(request: &wiremock::Request, name: &str) -> String {
    request
        .headers
        .get(name)
        .map(|v| v.to_str().unwrap_or_default().to_owned())
        .unwrap_or_default()
}

/// `Basic base64(client_id:client_secret)` for the test app.
pub fn basic_credentials() -> String {
    use base64::Engine as _;
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"))
    )
}

/// `config` acting for the ad account [`AD_ACCOUNT_ID`] (Business Access).
pub fn business(config: Config) -> Config {
    Config {
        ad_account_id: Some(AD_ACCOUNT_ID.into()),
        ..config
    }
}

/// Asserts what the component sent: the method, the path, the query pairs
/// in order, the JSON body (none: no body and no `content-type`), and the
/// headers of every API call (the bearer token, `accept`, `user-agent`).
pub fn assert_request(
    request: &wiremock::Request,
    method: &str,
    path: &str,
    query: &[(&str, &str)],
    body: Option<serde_json::Value>,
) {
    let what = format!("{method} {path}");
    assert_eq!(request.method.as_str(), method, "{what}");
    assert_eq!(request.url.path(), path, "{what}");
    let pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    let expected: Vec<(String, String)> = query
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    assert_eq!(pairs, expected, "the query of {what}");
    assert_eq!(
        header(request, "authorization"),
        format!("Bearer {ACCESS_TOKEN}"),
        "{what}"
    );
    assert_eq!(header(request, "accept"), "application/json", "{what}");
    assert!(
        header(request, "user-agent").starts_with("pinterest-connector/"),
        "{what}"
    );
    match body {
        Some(expected) => {
            assert_eq!(
                header(request, "content-type"),
                "application/json",
                "{what}"
            );
            assert_eq!(json(request), expected, "the body of {what}");
        }
        None => {
            assert!(request.body.is_empty(), "{what} has a body");
            assert_eq!(header(request, "content-type"), "", "{what}");
        }
    }
}

/// A `Pin` as Pinterest answers it, with id `id`, on [`BOARD_ID`].
pub fn pin_json(id: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "created_at": "2024-05-01T10:20:30",
        "link": "https://shop.example/tart",
        "title": format!("Pin {id}"),
        "description": "Bright and tangy",
        "dominant_color": "#6E7874",
        "alt_text": "A lemon tart",
        "board_id": BOARD_ID,
        "board_section_id": null,
        "board_owner": {"username": "lemonshop"},
        "media": {"media_type": "image", "images": {"600x": {"width": 600, "height": 900, "url": format!("https://i.pinimg.com/600x/{id}.jpg")}}},
        "parent_pin_id": null,
        "is_standard": true,
        "has_been_promoted": false
    })
}

/// A `Board` as Pinterest answers it.
pub fn board_json(id: &str, name: &str) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "name": name,
        "description": "My favorite summer recipes",
        "privacy": "PUBLIC",
        "owner": {"username": "chef"},
        "pin_count": 0,
        "follower_count": 0,
        "collaborator_count": 0,
        "is_ads_only": false,
        "created_at": "2020-01-01T20:10:40",
        "board_pins_modified_at": "2020-01-01T20:10:40"
    })
}

/// The `failure` of an error (panics for invalid input).
pub fn failure(error: &Error) -> &types::Failure {
    match error {
        Error::InvalidInput(_) => panic!("invalid input has no failure: {error:?}"),
        Error::Unauthorized(f)
        | Error::TrialAccess(f)
        | Error::Forbidden(f)
        | Error::NotFound(f)
        | Error::BadRequest(f)
        | Error::UpstreamUnavailable(f) => f,
        Error::MissingScope(m) => &m.failure,
        Error::RateLimited(r) => &r.failure,
        Error::GrantRejected(g) => &g.failure,
        Error::Transport(t) => &t.failure,
        Error::UnexpectedResponse(u) => &u.failure,
        Error::MediaProcessing(m) => &m.failure,
    }
}

/// Every piece of text an error carries, joined, for leak checks.
pub fn all_text(error: &Error) -> String {
    let mut text = format!("{error:?}");
    if let Error::InvalidInput(i) = error {
        text.push_str(&i.field);
        text.push_str(&i.reason);
    }
    text
}

/// Asserts the error is `InvalidInput` for `field` and returns its reason.
pub fn invalid_input(error: Error, field: &str) -> String {
    match error {
        Error::InvalidInput(i) => {
            assert_eq!(i.field, field, "reason: {}", i.reason);
            i.reason
        }
        other => panic!("expected invalid input for {field}, got {other:?}"),
    }
}

/// Asserts no secret of the test app or its tokens appears in `text`.
pub fn assert_no_secrets(text: &str) {
    for secret in [CLIENT_SECRET, ACCESS_TOKEN, REFRESH_TOKEN, CODE] {
        assert!(!text.contains(secret), "secret leaked: {text}");
    }
    let basic = basic_credentials();
    let encoded = basic.trim_start_matches("Basic ");
    assert!(!text.contains(encoded), "Basic credentials leaked: {text}");
}

/// One failing answer and what the component must make of it.
pub struct FailureCase {
    /// What the case is, for assertion messages.
    pub name: &'static str,
    /// The answer the mock gives.
    pub answer: wiremock::ResponseTemplate,
    /// Checks the error the component returned.
    pub check: fn(&Error),
}

fn pinterest_error(status: u16, code: i32, message: &str) -> wiremock::ResponseTemplate {
    wiremock::ResponseTemplate::new(status)
        .set_body_json(serde_json::json!({"code": code, "message": message}))
}

fn raw_answer(status: u16, body: &[u8], content_type: &str) -> wiremock::ResponseTemplate {
    wiremock::ResponseTemplate::new(status).set_body_raw(body.to_vec(), content_type)
}

const TRIAL_MESSAGE: &str = "Apps with Trial access may not create Pins in production https://api.pinterest.com - use API Sandbox https://api-sandbox.pinterest.com instead.";
const HTML_502: &[u8] = b"<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>";

/// The answers every API operation (not the token endpoint) must turn into
/// a typed error: 401, missing scope, 403 code 29, 404, 429, 5xx, HTML,
/// empty and truncated bodies.
pub fn api_failures() -> Vec<FailureCase> {
    vec![
        FailureCase {
            name: "401 code 2",
            answer: pinterest_error(401, 2, "Authentication failed."),
            check: |e| {
                let Error::Unauthorized(f) = e else {
                    panic!("{e:?}")
                };
                assert_eq!((f.status, f.code), (Some(401), Some(2)));
                assert_eq!(f.message.as_deref(), Some("Authentication failed."));
                assert!(f.remedy.contains("refresh"), "{}", f.remedy);
                assert!(!f.retryable);
            },
        },
        FailureCase {
            name: "401 code 3",
            answer: pinterest_error(
                401,
                3,
                "Your token does not have sufficient permissions to perform this operation. Please ensure your token is authorized with the correct set of scopes.",
            ),
            check: |e| {
                let Error::MissingScope(m) = e else {
                    panic!("{e:?}")
                };
                assert!(!m.required.is_empty());
                for scope in &m.required {
                    assert!(
                        m.failure.remedy.contains(scope.as_str()),
                        "{}",
                        m.failure.remedy
                    );
                }
            },
        },
        FailureCase {
            name: "403 code 29 (Trial access)",
            answer: pinterest_error(403, 29, TRIAL_MESSAGE),
            check: |e| {
                let Error::TrialAccess(f) = e else {
                    panic!("{e:?}")
                };
                assert_eq!((f.status, f.code), (Some(403), Some(29)));
                assert_eq!(f.message.as_deref(), Some(TRIAL_MESSAGE));
                assert!(f.remedy.contains("sandbox"), "{}", f.remedy);
            },
        },
        FailureCase {
            name: "403 code 7",
            answer: pinterest_error(403, 7, "Not authorized to access board or Pin."),
            check: |e| {
                let Error::Forbidden(f) = e else {
                    panic!("{e:?}")
                };
                assert_eq!(f.code, Some(7));
            },
        },
        FailureCase {
            name: "404 code 40",
            answer: pinterest_error(404, 40, "Board not found."),
            check: |e| {
                let Error::NotFound(f) = e else {
                    panic!("{e:?}")
                };
                assert_eq!((f.status, f.code), (Some(404), Some(40)));
            },
        },
        FailureCase {
            name: "429 with rate-limit headers",
            answer: pinterest_error(429, 8, "This request exceeded a rate limit.")
                .insert_header("x-ratelimit-limit", "100")
                .insert_header("x-ratelimit-remaining", "0")
                .insert_header("x-ratelimit-reset", "42"),
            check: |e| {
                let Error::RateLimited(r) = e else {
                    panic!("{e:?}")
                };
                assert_eq!(
                    (r.limit, r.remaining, r.reset_seconds),
                    (Some(100), Some(0), Some(42))
                );
                assert!(r.failure.retryable);
                assert!(
                    r.failure.remedy.contains("42 seconds"),
                    "{}",
                    r.failure.remedy
                );
            },
        },
        FailureCase {
            name: "429 without headers",
            answer: wiremock::ResponseTemplate::new(429),
            check: |e| {
                let Error::RateLimited(r) = e else {
                    panic!("{e:?}")
                };
                assert_eq!((r.limit, r.retry_after_seconds), (None, None));
            },
        },
        FailureCase {
            name: "500",
            answer: pinterest_error(500, 0, "Internal error"),
            check: |e| {
                let Error::UpstreamUnavailable(f) = e else {
                    panic!("{e:?}")
                };
                assert_eq!(f.status, Some(500));
                assert!(f.retryable);
            },
        },
        FailureCase {
            name: "502 HTML page",
            answer: raw_answer(502, HTML_502, "text/html"),
            check: |e| {
                let Error::UpstreamUnavailable(f) = e else {
                    panic!("{e:?}")
                };
                assert!(f.summary.contains("502 Bad Gateway"), "{}", f.summary);
            },
        },
        FailureCase {
            name: "200 HTML page",
            answer: raw_answer(
                200,
                b"<!doctype html><h1>Service maintenance</h1>",
                "text/html",
            ),
            check: |e| {
                let Error::UnexpectedResponse(u) = e else {
                    panic!("{e:?}")
                };
                assert!(u.excerpt.contains("Service maintenance"), "{}", u.excerpt);
            },
        },
        FailureCase {
            name: "200 empty body",
            answer: wiremock::ResponseTemplate::new(200),
            check: |e| {
                let Error::UnexpectedResponse(u) = e else {
                    panic!("{e:?}")
                };
                assert!(
                    u.failure.summary.contains("empty body"),
                    "{}",
                    u.failure.summary
                );
            },
        },
        FailureCase {
            name: "200 truncated JSON",
            answer: raw_answer(200, b"{\"id\": \"549755885175\", \"na", "application/json"),
            check: |e| {
                let Error::UnexpectedResponse(u) = e else {
                    panic!("{e:?}")
                };
                assert!(
                    u.failure.summary.contains("truncated"),
                    "{}",
                    u.failure.summary
                );
                assert_eq!(u.excerpt, "{\"id\": \"549755885175\", \"na");
            },
        },
    ]
}

/// Runs every case of `cases` against a fresh mock answering `matcher`,
/// calling the operation with `call`; also checks no error leaks a secret.
pub fn assert_failures(
    matcher: impl Fn() -> wiremock::MockBuilder,
    cases: Vec<FailureCase>,
    call: impl Fn(&Pinterest) -> Result<(), Error>,
) {
    for case in cases {
        let p = Pinterest::start();
        p.mount(matcher().respond_with(case.answer));
        let error = match call(&p) {
            Ok(()) => panic!("{}: expected an error", case.name),
            Err(error) => error,
        };
        assert_no_secrets(&all_text(&error));
        eprintln!("{}: {error:?}", case.name);
        (case.check)(&error);
    }
}

/// A pin by image URL on [`BOARD_ID`].
pub fn sample_pin() -> types::PinInput {
    types::PinInput {
        board_id: BOARD_ID.into(),
        board_section_id: None,
        media: types::MediaSource::ImageUrl("https://cdn.example/a.jpg".into()),
        title: None,
        description: None,
        link: None,
        alt_text: None,
        dominant_color: None,
        parent_pin_id: None,
    }
}

/// A board to create, with a name only.
pub fn sample_board() -> types::BoardInput {
    types::BoardInput {
        name: "Summer recipes".into(),
        description: None,
        privacy: None,
        is_ads_only: None,
    }
}

/// Board changes that rename it.
pub fn renamed_board() -> types::BoardChanges {
    types::BoardChanges {
        name: Some("Winter recipes".into()),
        description: None,
        privacy: None,
    }
}

/// [`SECTION_ID`] of [`BOARD_ID`].
pub fn section_ref() -> types::SectionRef {
    types::SectionRef {
        board_id: BOARD_ID.into(),
        section_id: SECTION_ID.into(),
    }
}

/// The first page, of Pinterest's default size.
pub fn first_page() -> types::PageQuery {
    types::PageQuery {
        bookmark: None,
        page_size: None,
    }
}

/// Pin changes that set the title.
pub fn retitled_pin() -> types::PinChanges {
    types::PinChanges {
        board_id: None,
        board_section_id: None,
        title: Some("Lemon tart".into()),
        description: None,
        link: None,
        alt_text: None,
    }
}

/// The three sources of pins: [`BOARD_ID`], its section [`SECTION_ID`],
/// and the account.
pub fn pin_sources() -> [types::PinSource; 3] {
    [
        types::PinSource::Board(BOARD_ID.into()),
        types::PinSource::Section(section_ref()),
        types::PinSource::Account,
    ]
}

/// A candidate for `find-duplicate-pins`: a pin's link.
pub fn link_candidate() -> types::DuplicateCandidate {
    types::DuplicateCandidate {
        link: Some("https://shop.example/tart".into()),
        image_url: None,
        title: None,
    }
}

/// The secrets [`every_operation_holding`] hands the operations.
#[derive(Clone, Copy)]
pub struct Held<'a> {
    /// The authorization code `exchange` sends.
    pub code: &'a str,
    /// The access token of the API calls.
    pub access_token: &'a str,
    /// The refresh token `refresh` sends.
    pub refresh_token: &'a str,
}

/// Every operation that sends a request, run once through `host` with
/// `config` (the code [`CODE`], the tokens [`ACCESS_TOKEN`] and
/// [`REFRESH_TOKEN`]; `list-pins` once for each source): each operation's
/// name and its error, if it failed. Panics if the component traps.
pub fn every_operation(
    host: &ConnectorHost,
    config: &Config,
) -> Vec<(&'static str, Option<Error>)> {
    let held = Held {
        code: CODE,
        access_token: ACCESS_TOKEN,
        refresh_token: REFRESH_TOKEN,
    };
    every_operation_holding(host, config, held)
}

/// [`every_operation`] with the code and tokens of `held`.
pub fn every_operation_holding(
    host: &ConnectorHost,
    config: &Config,
    held: Held<'_>,
) -> Vec<(&'static str, Option<Error>)> {
    let Held {
        code,
        access_token: token,
        refresh_token,
    } = held;
    let query = types::ListBoardsQuery {
        bookmark: None,
        page_size: None,
        privacy: None,
    };
    let sources = pin_sources();
    vec![
        (
            "exchange",
            failed(
                "exchange",
                host.exchange(config, code, "https://a.example/"),
            ),
        ),
        (
            "refresh",
            failed("refresh", host.refresh(config, refresh_token, None)),
        ),
        (
            "get-user-account",
            failed("get-user-account", host.get_user_account(config, token)),
        ),
        (
            "list-boards",
            failed("list-boards", host.list_boards(config, token, &query)),
        ),
        (
            "list-all-boards",
            failed(
                "list-all-boards",
                host.list_all_boards(config, token, None, None),
            ),
        ),
        (
            "get-board",
            failed("get-board", host.get_board(config, token, BOARD_ID)),
        ),
        (
            "create-pin",
            failed("create-pin", host.create_pin(config, token, &sample_pin())),
        ),
        (
            "create-board",
            failed(
                "create-board",
                host.create_board(config, token, &sample_board()),
            ),
        ),
        (
            "update-board",
            failed(
                "update-board",
                host.update_board(config, token, BOARD_ID, &renamed_board()),
            ),
        ),
        (
            "delete-board",
            failed("delete-board", host.delete_board(config, token, BOARD_ID)),
        ),
        (
            "list-sections",
            failed(
                "list-sections",
                host.list_sections(config, token, BOARD_ID, &first_page()),
            ),
        ),
        (
            "list-all-sections",
            failed(
                "list-all-sections",
                host.list_all_sections(config, token, BOARD_ID, None),
            ),
        ),
        (
            "create-section",
            failed(
                "create-section",
                host.create_section(config, token, BOARD_ID, "Salads"),
            ),
        ),
        (
            "update-section",
            failed(
                "update-section",
                host.update_section(config, token, &section_ref(), "Soups"),
            ),
        ),
        (
            "delete-section",
            failed(
                "delete-section",
                host.delete_section(config, token, &section_ref()),
            ),
        ),
        (
            "get-pin",
            failed("get-pin", host.get_pin(config, token, PIN_ID)),
        ),
        (
            "list-pins",
            failed(
                "list-pins",
                host.list_pins(config, token, &sources[0], &first_page()),
            ),
        ),
        (
            "list-pins",
            failed(
                "list-pins",
                host.list_pins(config, token, &sources[1], &first_page()),
            ),
        ),
        (
            "list-pins",
            failed(
                "list-pins",
                host.list_pins(config, token, &sources[2], &first_page()),
            ),
        ),
        (
            "list-all-pins",
            failed(
                "list-all-pins",
                host.list_all_pins(config, token, &sources[0], None),
            ),
        ),
        (
            "update-pin",
            failed(
                "update-pin",
                host.update_pin(config, token, PIN_ID, &retitled_pin()),
            ),
        ),
        (
            "delete-pin",
            failed("delete-pin", host.delete_pin(config, token, PIN_ID)),
        ),
        (
            "save-pin",
            failed(
                "save-pin",
                host.save_pin(config, token, PIN_ID, BOARD_ID, Some(SECTION_ID)),
            ),
        ),
        (
            "find-duplicate-pins",
            failed(
                "find-duplicate-pins",
                host.find_duplicate_pins(config, token, &sources[1], &link_candidate(), None),
            ),
        ),
        (
            "poll-new-pins",
            failed(
                "poll-new-pins",
                host.poll_new_pins(config, token, &sources[0], None, Some(5)),
            ),
        ),
        (
            "api-request",
            answered(
                "api-request",
                host.api_request(
                    config,
                    token,
                    types::ApiMethod::Post,
                    "/v5/media",
                    &[types::QueryParam {
                        name: "sweep".into(),
                        value: "1".into(),
                    }],
                    Some(r#"{"media_type": "video"}"#),
                ),
            ),
        ),
        (
            "upload-video",
            failed(
                "upload-video",
                host.clone().with_content(sweep_video()).upload_video(
                    config,
                    token,
                    &sweep_upload(),
                ),
            ),
        ),
        (
            "get-media",
            failed("get-media", host.get_media(config, token, SWEEP_MEDIA_ID)),
        ),
        (
            "list-media",
            failed(
                "list-media",
                host.list_media(
                    config,
                    token,
                    &types::PageQuery {
                        bookmark: Some("b".into()),
                        page_size: None,
                    },
                ),
            ),
        ),
        (
            "wait-for-media",
            failed(
                "wait-for-media",
                host.wait_for_media(config, token, SWEEP_MEDIA_ID, Some(1)),
            ),
        ),
    ]
}

/// How many calls [`every_operation`] makes.
pub const EVERY_OPERATION_CALLS: usize = 30;

/// The media id the sweep's media operations ask about.
pub const SWEEP_MEDIA_ID: &str = "5212123920968240771";
/// The name the sweep's video is held under.
pub const SWEEP_VIDEO: &str = "sweep-video";

/// The host content of the sweep's `upload-video`: a small file, so that
/// the call gets as far as Pinterest.
pub fn sweep_video() -> std::sync::Arc<pinterest_connector_host::HostFiles> {
    // Written once per test binary: tests running at once share it.
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    let path = PATH.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("sweep");
        std::fs::create_dir_all(&dir).expect("the sweep's directory");
        let path = dir.join(format!("sweep-{}.mp4", std::process::id()));
        std::fs::write(&path, b"sweep video bytes").expect("the sweep's video");
        path
    });
    std::sync::Arc::new(pinterest_connector_host::HostFiles::new().file(SWEEP_VIDEO, path))
}

/// The sweep's video upload.
pub fn sweep_upload() -> types::VideoUpload {
    types::VideoUpload {
        content: SWEEP_VIDEO.into(),
        file_name: Some("sweep.mp4".into()),
    }
}

/// The error of an `api-request`, which succeeds on any 2xx JSON answer,
/// even one that echoes the request: then the answer it returns must show
/// no secret (the token and the client secret are redacted from it).
pub fn answered(
    operation: &str,
    result: wasmtime::Result<Result<types::ApiResponse, Error>>,
) -> Option<Error> {
    match result.unwrap_or_else(|trap| panic!("{operation}: the component trapped: {trap:?}")) {
        Ok(answer) => {
            // In any case: a server may change the case of what it echoes.
            let shown = format!("{answer:?}").to_lowercase();
            let plain = [CLIENT_SECRET, ACCESS_TOKEN, REFRESH_TOKEN, CODE].map(str::to_owned);
            for secret in plain.into_iter().chain(sweep::secret_forms()) {
                assert!(
                    !shown.contains(&secret.to_lowercase()),
                    "{operation}'s answer shows {secret}: {shown}"
                );
            }
            None
        }
        Err(error) => Some(error),
    }
}

/// The error of a call, if it failed; panics if the component trapped.
pub fn failed<T>(operation: &str, result: wasmtime::Result<Result<T, Error>>) -> Option<Error> {
    result
        .unwrap_or_else(|trap| panic!("{operation}: the component trapped: {trap:?}"))
        .err()
}

/// Asserts what every error of a failed call must be: typed (not invalid
/// input, which no answer can cause), with a summary and a remedy of
/// bounded length, a short excerpt, and no secret anywhere.
pub fn assert_sound(operation: &str, error: &Error) {
    let text = all_text(error);
    assert_no_secrets(&text);
    let f = failure(error);
    assert!(
        !f.summary.is_empty() && !f.remedy.is_empty(),
        "{operation}: {error:?}"
    );
    for part in [&f.summary, &f.remedy] {
        assert!(
            part.chars().count() <= MAX_SUMMARY_CHARS,
            "{operation}: {} characters: {part}",
            part.chars().count()
        );
    }
    if let Error::UnexpectedResponse(u) = error {
        assert!(
            u.excerpt.chars().count() <= MAX_EXCERPT_CHARS,
            "{operation}: excerpt of {} characters",
            u.excerpt.chars().count()
        );
    }
}

/// Pinterest's API description: the excerpt of 5.23.0 the conformance
/// check holds every request against
/// (`host-tests/conformance/pinterest-v5-subset.json`).
pub fn pinterest_openapi() -> &'static serde_json::Value {
    static SPEC: OnceLock<serde_json::Value> = OnceLock::new();
    SPEC.get_or_init(|| {
        serde_json::from_str(include_str!("../../conformance/pinterest-v5-subset.json"))
            .expect("the API description")
    })
}

/// What in `request` breaks Pinterest's API description: a path or method
/// it does not describe, a path parameter, query parameter or value its
/// schema refuses (ranges, enums, patterns), one given twice that is not
/// an array, a required one missing, a body on a `GET`, an `Authorization`
/// that is not a `Bearer` token. Empty when the request conforms.
pub fn openapi_problems(request: &wiremock::Request) -> Vec<String> {
    use serde_json::{Value, json};
    let spec = pinterest_openapi();
    let method = request.method.as_str().to_lowercase();
    let what = format!("{} {}", request.method, request.url);
    let mut problems = Vec::new();
    let server = spec["servers"][0]["url"].as_str().unwrap();
    let prefix = url::Url::parse(server).unwrap().path().to_owned();
    let Some(below) = request.url.path().strip_prefix(&prefix) else {
        return vec![format!("{what}: not below {prefix}")];
    };
    let segments: Vec<&str> = below.split('/').collect();
    let found = spec["paths"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(template, item)| {
            let parts: Vec<&str> = template.split('/').collect();
            parts.len() == segments.len()
                && parts
                    .iter()
                    .zip(&segments)
                    .all(|(p, s)| p.starts_with('{') || p == s)
                && item.get(&method).is_some()
        });
    let Some((template, item)) = found else {
        return vec![format!("{what}: no such endpoint in the description")];
    };
    let resolve = |p: &Value| -> Value {
        match p["$ref"].as_str() {
            Some(r) => spec["components"]["parameters"][r.rsplit('/').next().unwrap()].clone(),
            None => p.clone(),
        }
    };
    let parameters: Vec<Value> = [&item["parameters"], &item[&method]["parameters"]]
        .into_iter()
        .filter_map(Value::as_array)
        .flatten()
        .map(resolve)
        .collect();
    let check = |name: &str, value: Value, schema: &Value, problems: &mut Vec<String>| {
        let mut schema = schema.clone();
        schema["components"] = spec["components"].clone();
        let validator = jsonschema::validator_for(&schema).expect("a parameter schema");
        if let Err(e) = validator.validate(&value) {
            problems.push(format!("{what}: {name} = {value}: {e}"));
        }
    };
    for (part, segment) in template.split('/').zip(&segments) {
        if let Some(name) = part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            match parameters
                .iter()
                .find(|p| p["in"] == "path" && p["name"] == name)
            {
                Some(p) => check(name, json!(segment), &p["schema"], &mut problems),
                None => problems.push(format!("{what}: path parameter {name} undescribed")),
            }
        }
    }
    let mut query: Vec<(String, Vec<String>)> = Vec::new();
    for (k, v) in request.url.query_pairs().into_owned() {
        match query.iter_mut().find(|(name, _)| *name == k) {
            Some((_, values)) => values.push(v),
            None => query.push((k, vec![v])),
        }
    }
    for (name, values) in &query {
        let Some(p) = parameters
            .iter()
            .find(|p| p["in"] == "query" && p["name"] == *name)
        else {
            problems.push(format!("{what}: query parameter {name} is not described"));
            continue;
        };
        let schema = &p["schema"];
        let typed = |v: &str, ty: &Value| match ty.as_str() {
            Some("integer") => v.parse::<i64>().map_or(json!(v), |n| json!(n)),
            Some("number") => v.parse::<f64>().map_or(json!(v), |n| json!(n)),
            Some("boolean") => v.parse::<bool>().map_or(json!(v), |b| json!(b)),
            _ => json!(v),
        };
        if schema["type"] == "array" {
            let items: Vec<Value> = values
                .iter()
                .map(|v| typed(v, &schema["items"]["type"]))
                .collect();
            check(name, json!(items), schema, &mut problems);
        } else if values.len() > 1 {
            problems.push(format!(
                "{what}: query parameter {name} given {} times",
                values.len()
            ));
        } else {
            check(
                name,
                typed(&values[0], &schema["type"]),
                schema,
                &mut problems,
            );
        }
    }
    for p in &parameters {
        let name = p["name"].as_str().unwrap_or_default();
        if p["required"] == true && p["in"] == "query" && !query.iter().any(|(n, _)| n == name) {
            problems.push(format!("{what}: required query parameter {name} missing"));
        }
    }
    if method == "get" && !request.body.is_empty() {
        problems.push(format!("{what}: a body on a GET"));
    }
    let bearer = request
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.strip_prefix("Bearer ").is_some_and(|t| !t.is_empty()));
    let oauth = item[&method]["security"]
        .as_array()
        .is_some_and(|s| s.iter().any(|s| s.get("pinterest_oauth2").is_some()));
    if oauth && !bearer {
        problems.push(format!("{what}: no Bearer token"));
    }
    problems
}

/// Every request `p` received conforms to Pinterest's API description
/// (see [`openapi_problems`]); returns how many were checked.
pub fn assert_conforming(p: &Pinterest) -> usize {
    let requests = p.requests();
    let problems: Vec<String> = requests.iter().flat_map(openapi_problems).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    requests.len()
}
