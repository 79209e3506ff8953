//! What the real component makes of answers no honest Pinterest sends: an
//! HTML gateway page, empty or `null` bodies, cut or misshapen JSON, bytes
//! that are not UTF-8, bodies of 20 MB, numbers out of range, rate limits,
//! redirects, a token answer without a token. Every operation the case
//! applies to must end in a typed error with a short excerpt and no secret,
//! never a trap, and within bounded memory (a store of 64 MiB, the cap a
//! platform sets, is never outgrown).
//!
//! The generic failures of each operation (401, 403, 404, …) are in the
//! operation's own test file, through `common::api_failures`.

mod common;

use std::cell::Cell;
use std::sync::Arc;

use common::*;
use pinterest_connector_host::PinterestConnector;
use pinterest_connector_host::State;
use pinterest_connector_host::http;
use pinterest_connector_host::{ConnectorHost, HostLimits};
use serde_json::json;
use wasmtime::{ResourceLimiter, Store};
use wiremock::ResponseTemplate;
use wiremock::matchers::any;

/// The memory cap of the store: the host's default, as a platform running
/// tenants keeps it.
const STORE_CAP: usize = HostLimits::DEFAULT_MAX_MEMORY_BYTES;

thread_local! {
    /// The largest linear memory the guest asked for in this thread's call.
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

/// A limiter that refuses to grow memory beyond [`STORE_CAP`] and records
/// the largest size asked for. It holds nothing, so a fresh one is free.
struct Cap;

impl ResourceLimiter for Cap {
    fn memory_growing(
        &mut self,
        _current: usize,
        desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        PEAK.with(|peak| peak.set(peak.get().max(desired)));
        Ok(desired <= STORE_CAP)
    }

    fn table_growing(
        &mut self,
        _current: usize,
        _desired: usize,
        _maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        Ok(true)
    }
}

/// Runs `call` in a store capped at 64 MiB; returns its result and the
/// largest linear memory the guest grew to (0 if it never grew). Panics if
/// the component traps.
fn capped<R>(
    host: &ConnectorHost,
    call: impl FnOnce(&PinterestConnector, &mut Store<State>) -> wasmtime::Result<R>,
) -> (R, usize) {
    PEAK.with(|peak| peak.set(0));
    let result = host
        .call(|connector, store| {
            store.limiter(|_| Box::leak(Box::new(Cap)));
            call(connector, store)
        })
        .unwrap_or_else(|e| panic!("the component trapped: {e:?}"));
    (result, PEAK.with(Cell::get))
}

/// A host whose transport answers every request with `status`, `headers`
/// and `body`, handed straight to the guest.
fn answering(status: u16, headers: &[(&str, &str)], body: Vec<u8>) -> ConnectorHost {
    let headers: Vec<http::Header> = headers
        .iter()
        .map(|(name, value)| http::Header {
            name: (*name).to_owned(),
            value: (*value).to_owned(),
        })
        .collect();
    host().with_transport(Arc::new(move |_request: http::Request| {
        Ok(http::Response {
            status,
            headers: headers.clone(),
            body: body.clone(),
        })
    }))
}

/// Every operation against a server giving `answer` to any request: each
/// operation's name and error, checked sound (see [`assert_sound`]).
fn every_operation_given(answer: ResponseTemplate) -> Vec<(&'static str, Error)> {
    let p = Pinterest::start();
    p.mount(wiremock::Mock::given(any()).respond_with(answer));
    collect(every_operation(&host().with_fixed_time(NOW), &p.config()))
}

/// [`every_operation_given`] but `api-request`, which returns any 2xx JSON
/// answer as it is: for answers that are JSON of the wrong shape.
fn every_reading_operation_given(answer: ResponseTemplate) -> Vec<(&'static str, Error)> {
    let p = Pinterest::start();
    p.mount(wiremock::Mock::given(any()).respond_with(answer));
    let results = every_operation(&host().with_fixed_time(NOW), &p.config());
    collect(
        results
            .into_iter()
            .filter(|(operation, _)| *operation != "api-request")
            .collect(),
    )
}

fn collect(results: Vec<(&'static str, Option<Error>)>) -> Vec<(&'static str, Error)> {
    results
        .into_iter()
        .map(|(operation, error)| {
            let error = error.unwrap_or_else(|| panic!("{operation} should fail"));
            assert_sound(operation, &error);
            eprintln!("{operation}: {error:?}");
            (operation, error)
        })
        .collect()
}

/// The parts of an `unexpected-response`.
fn unexpected(operation: &str, error: &Error) -> (String, String) {
    match error {
        Error::UnexpectedResponse(u) => (u.failure.summary.clone(), u.excerpt.clone()),
        other => panic!("{operation}: expected unexpected-response, got {other:?}"),
    }
}

fn is_token_grant(operation: &str) -> bool {
    matches!(operation, "exchange" | "refresh")
}

#[test]
fn an_html_502_page_is_upstream_unavailable_quoting_the_page() {
    let page = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";
    for (operation, error) in
        every_operation_given(ResponseTemplate::new(502).set_body_raw(page, "text/html"))
    {
        let Error::UpstreamUnavailable(f) = &error else {
            panic!("{operation}: {error:?}")
        };
        assert!(f.retryable, "{operation}");
        assert_eq!(f.status, Some(502));
        assert!(f.summary.contains("502 Bad Gateway"), "{}", f.summary);
        if operation == "create-pin" {
            assert!(f.remedy.contains("check the board"), "{}", f.remedy);
        }
    }
}

#[test]
fn an_empty_200_is_unexpected() {
    for (operation, error) in every_operation_given(ResponseTemplate::new(200)) {
        let (summary, excerpt) = unexpected(operation, &error);
        assert!(summary.contains("empty body"), "{summary}");
        assert_eq!(excerpt, "");
    }
}

#[test]
fn a_null_200_is_unexpected() {
    let answer = ResponseTemplate::new(200).set_body_raw("null", "application/json");
    for (operation, error) in every_reading_operation_given(answer) {
        let (summary, excerpt) = unexpected(operation, &error);
        assert!(
            summary.contains("null where an object belongs"),
            "{summary}"
        );
        assert_eq!(excerpt, "null");
    }
}

#[test]
fn truncated_json_is_unexpected_and_its_excerpt_hides_the_tokens_in_it() {
    let body = r#"{"access_token": "tok-3c9e1f7a2b4d6e8f", "id": "549755885175", "na"#;
    let answer = ResponseTemplate::new(200).set_body_raw(body, "application/json");
    for (operation, error) in every_operation_given(answer) {
        let (summary, excerpt) = unexpected(operation, &error);
        assert!(summary.contains("truncated"), "{summary}");
        assert_eq!(
            excerpt,
            r#"{"access_token": "[redacted]", "id": "549755885175", "na"#
        );
    }
}

#[test]
fn json_of_the_wrong_shape_is_unexpected() {
    let array = ResponseTemplate::new(200).set_body_json(json!([{"id": BOARD_ID}]));
    for (operation, error) in every_reading_operation_given(array) {
        let (summary, _) = unexpected(operation, &error);
        assert!(
            summary.contains("an array where an object belongs"),
            "{summary}"
        );
    }
    let object = ResponseTemplate::new(200).set_body_json(json!({
        "id": {"nested": true},
        "items": "none",
        "access_token": 5,
        "expires_in": "soon",
    }));
    for (operation, error) in every_reading_operation_given(object) {
        let (summary, _) = unexpected(operation, &error);
        // A credential or an id of the wrong type is named as such, never
        // read as absent (`docs/parsing.md`).
        let expected = match operation {
            "exchange" | "refresh" => "expected a string, found a number",
            "list-boards"
            | "list-all-boards"
            | "list-sections"
            | "list-all-sections"
            | "list-pins"
            | "list-all-pins"
            | "list-media"
            | "find-duplicate-pins"
            | "poll-new-pins" => "expected a list of at most 250 items",
            "delete-board" | "delete-section" | "delete-pin" => {
                "its status is 200 where 204 No Content was expected"
            }
            "upload-video" | "get-media" | "wait-for-media" => "missing field `media_id`",
            _ => "expected an id string, found an object",
        };
        assert!(summary.contains(expected), "{operation}: {summary}");
    }
}

#[test]
fn bytes_that_are_not_utf8_are_unexpected() {
    let before = ResponseTemplate::new(200).set_body_raw(&b"\xff\xfe{\"id\": 1}"[..], "text/plain");
    for (operation, error) in every_operation_given(before) {
        let (summary, excerpt) = unexpected(operation, &error);
        assert!(summary.contains("not JSON"), "{summary}");
        assert!(excerpt.starts_with('\u{FFFD}'), "{excerpt}");
    }
    // In the one field each operation cannot do without.
    let inside = ResponseTemplate::new(200).set_body_raw(
        &b"{\"id\": \"5497\xe9\", \"items\": \"\xff\", \"access_token\": \"\xff\", \"media_id\": \"\xff\"}"[..],
        "application/json",
    );
    for (operation, error) in every_operation_given(inside) {
        let (summary, excerpt) = unexpected(operation, &error);
        if operation.starts_with("delete-") {
            // A delete reads no field: any 2xx but 204 is refused as such.
            assert!(summary.contains("where 204 No Content"), "{summary}");
            continue;
        }
        // api-request checks the text as a whole, the others each string.
        let expected = match operation {
            "api-request" => "not UTF-8",
            _ => "invalid unicode code point",
        };
        assert!(summary.contains(expected), "{operation}: {summary}");
        assert!(excerpt.contains("5497\u{FFFD}"), "{excerpt}");
    }
}

#[test]
fn a_20_mb_body_handed_to_the_guest_is_refused_within_a_64_mib_store() {
    // A host whose own response cap (8 MiB by default) would not stop it.
    let host = answering(200, &[], vec![b'{'; 20 * 1024 * 1024]).with_limits(HostLimits {
        max_response_bytes: 32 * 1024 * 1024,
        ..HostLimits::default()
    });
    let config = offline_config();
    let (result, peak) = capped(&host, |c, s| {
        c.pinterest_connector_connector()
            .call_get_board(s, &config, ACCESS_TOKEN, BOARD_ID)
    });
    let error = result.unwrap_err();
    assert_sound("get-board", &error);
    let (summary, excerpt) = unexpected("get-board", &error);
    assert!(summary.contains("over the 4194304-byte limit"), "{summary}");
    assert!(
        excerpt.starts_with("{{{{") && excerpt.ends_with('…'),
        "{excerpt}"
    );
    eprintln!("peak linear memory: {peak} bytes");
    assert!(peak < STORE_CAP / 2, "the guest grew to {peak} bytes");
    // Every other operation too.
    for (operation, error) in collect(every_operation(&host, &config)) {
        let (summary, _) = unexpected(operation, &error);
        assert!(summary.contains("over the 4194304-byte limit"), "{summary}");
    }
}

#[test]
fn a_20_mb_body_through_ureq_is_denied_by_its_8_mb_cap() {
    let body = vec![b' '; 20 * 1024 * 1024];
    for (operation, error) in
        every_operation_given(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
    {
        let Error::Transport(t) = &error else {
            panic!("{operation}: {error:?}")
        };
        assert_eq!(t.problem, types::TransportProblem::Denied, "{operation}");
        assert!(
            t.failure.summary.contains("limit of 8388608 bytes"),
            "{}",
            t.failure.summary
        );
    }
}

#[test]
fn a_negative_expires_in_is_unexpected_and_hides_the_tokens() {
    let answer = ResponseTemplate::new(200).set_body_json(json!({
        "access_token": "tok-0a1b2c3d4e5f6a7b",
        "refresh_token": "ref-8c9d0e1f2a3b4c5d",
        "token_type": "bearer",
        "expires_in": -2_592_000,
        "scope": "boards:read",
    }));
    for (operation, error) in every_reading_operation_given(answer) {
        if !is_token_grant(operation) {
            continue;
        }
        let (summary, excerpt) = unexpected(operation, &error);
        assert!(summary.contains("expires_in is negative"), "{summary}");
        let text = all_text(&error);
        for token in ["tok-0a1b2c3d4e5f6a7b", "ref-8c9d0e1f2a3b4c5d"] {
            assert!(!text.contains(token), "{operation} shows {token}: {text}");
        }
        assert!(
            excerpt.contains(r#""access_token":"[redacted]""#),
            "{excerpt}"
        );
        assert!(excerpt.contains(r#""token_type":"bearer""#), "{excerpt}");
    }
}

#[test]
fn odd_numbers_in_a_token_answer_keep_the_rotated_refresh_token() {
    let p = Pinterest::start();
    p.mount(
        wiremock::Mock::given(any()).respond_with(ResponseTemplate::new(200).set_body_json(
            json!({
                "access_token": "pina_NEW",
                "refresh_token": "pinr_ROTATED",
                "expires_in": "2592000",
                "refresh_token_expires_in": -1,
                "refresh_token_expires_at": "never",
                "scope": ["boards:read"],
                "token_type": {"kind": "bearer"},
            }),
        )),
    );
    let tokens = host()
        .with_fixed_time(NOW)
        .refresh(&p.config(), REFRESH_TOKEN, None)
        .unwrap()
        .unwrap();
    assert_eq!(tokens.refresh_token.as_deref(), Some("pinr_ROTATED"));
    assert_eq!(tokens.refresh_token_expires_at, None);
    assert_eq!(u64::from(tokens.expires_at), NOW + 2_592_000);
    assert_eq!(tokens.token_type, "bearer");
    assert!(tokens.scopes.is_empty());
}

#[test]
fn a_bookmark_of_the_wrong_type_never_ends_a_listing_early() {
    for bookmark in [json!(12345), json!({"next": "b2"})] {
        let answer = ResponseTemplate::new(200)
            .set_body_json(json!({"items": [{"id": BOARD_ID, "name": "R"}], "bookmark": bookmark}));
        let p = Pinterest::start();
        p.mount(wiremock::Mock::given(any()).respond_with(answer));
        let config = p.config();
        let query = types::ListBoardsQuery {
            bookmark: None,
            page_size: None,
            privacy: None,
        };
        let results = vec![
            (
                "list-boards",
                failed(
                    "list-boards",
                    host().list_boards(&config, ACCESS_TOKEN, &query),
                ),
            ),
            (
                "list-all-boards",
                failed(
                    "list-all-boards",
                    host().list_all_boards(&config, ACCESS_TOKEN, None, None),
                ),
            ),
        ];
        for (operation, error) in collect(results) {
            let (summary, _) = unexpected(operation, &error);
            assert!(
                summary.contains("expected a string or null"),
                "{operation}: {summary}"
            );
        }
        assert_eq!(p.requests().len(), 2, "{bookmark}");
    }
}

#[test]
fn a_privacy_of_the_wrong_type_is_unexpected_never_public() {
    for privacy in [json!(["SECRET"]), json!({"value": "SECRET"}), json!(null)] {
        let board = json!({"id": BOARD_ID, "name": "R", "privacy": privacy});
        let answer = ResponseTemplate::new(200).set_body_json(
            json!({"id": BOARD_ID, "name": "R", "privacy": privacy, "items": [board]}),
        );
        let p = Pinterest::start();
        p.mount(wiremock::Mock::given(any()).respond_with(answer));
        let config = p.config();
        let query = types::ListBoardsQuery {
            bookmark: None,
            page_size: None,
            privacy: None,
        };
        let results = vec![
            (
                "get-board",
                failed(
                    "get-board",
                    host().get_board(&config, ACCESS_TOKEN, BOARD_ID),
                ),
            ),
            (
                "list-boards",
                failed(
                    "list-boards",
                    host().list_boards(&config, ACCESS_TOKEN, &query),
                ),
            ),
        ];
        for (operation, error) in collect(results) {
            let (summary, _) = unexpected(operation, &error);
            assert!(
                summary.contains("expected a string"),
                "{operation}: {summary}"
            );
        }
    }
}

#[test]
fn a_refresh_token_of_the_wrong_type_is_unusable_never_silently_kept() {
    let answer = ResponseTemplate::new(200).set_body_json(json!({
        "access_token": "pina_NEW",
        "refresh_token": 12345,
        "expires_in": 2_592_000,
    }));
    for (operation, error) in every_reading_operation_given(answer) {
        if !is_token_grant(operation) {
            continue;
        }
        let (summary, _) = unexpected(operation, &error);
        assert!(
            summary.contains("expected a string, found a number"),
            "{summary}"
        );
        if operation == "refresh" {
            assert!(
                failure(&error)
                    .remedy
                    .starts_with("Retry the refresh later with the same refresh token"),
                "{}",
                failure(&error).remedy
            );
        }
    }
}

#[test]
fn a_board_name_of_another_type_is_cosmetic() {
    for (name, expected) in [
        (json!(2024), "2024"),
        (json!(null), ""),
        (json!({"x": 1}), ""),
    ] {
        let p = Pinterest::start();
        p.mount(wiremock::Mock::given(any()).respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"id": BOARD_ID, "name": name})),
        ));
        let board = host()
            .get_board(&p.config(), ACCESS_TOKEN, BOARD_ID)
            .unwrap()
            .unwrap();
        assert_eq!(board.name, expected, "{name}");
    }
}

#[test]
fn a_megabyte_bookmark_is_unexpected_and_never_sent_back() {
    let bookmark = "b".repeat(1024 * 1024);
    let answer = ResponseTemplate::new(200)
        .set_body_json(json!({"items": [{"id": BOARD_ID, "name": "R"}], "bookmark": bookmark}));
    let p = Pinterest::start();
    p.mount(wiremock::Mock::given(any()).respond_with(answer));
    let config = p.config();
    let query = types::ListBoardsQuery {
        bookmark: None,
        page_size: None,
        privacy: None,
    };
    let results = vec![
        (
            "list-boards",
            host()
                .list_boards(&config, ACCESS_TOKEN, &query)
                .unwrap()
                .err(),
        ),
        (
            "list-all-boards",
            host()
                .list_all_boards(&config, ACCESS_TOKEN, None, None)
                .unwrap()
                .err(),
        ),
    ];
    for (operation, error) in collect(results) {
        let (summary, excerpt) = unexpected(operation, &error);
        assert!(
            summary.contains("its bookmark is 1048576 bytes, over the 4096-byte limit"),
            "{summary}"
        );
        assert!(excerpt.ends_with('…'), "{excerpt}");
    }
    // One request each: the bookmark was never followed.
    assert_eq!(p.requests().len(), 2);
}

#[test]
fn out_of_range_counts_read_as_absent_or_saturate() {
    let p = Pinterest::start();
    p.mount(
        wiremock::Mock::given(any()).respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"id": BOARD_ID, "name": "R", "pin_count": -5, "follower_count": 1e30,
                   "collaborator_count": 99_999_999_999u64}),
        )),
    );
    let board = host()
        .get_board(&p.config(), ACCESS_TOKEN, BOARD_ID)
        .unwrap()
        .unwrap();
    assert_eq!(board.pin_count, None);
    assert_eq!(board.follower_count, Some(u32::MAX));
    assert_eq!(board.collaborator_count, Some(u32::MAX));
}

#[test]
fn a_429_with_rate_limit_headers_says_how_long_to_wait() {
    let answer = ResponseTemplate::new(429)
        .set_body_json(json!({"code": 8, "message": "This request exceeded a rate limit."}))
        .insert_header("x-ratelimit-limit", "100, 100;w=60")
        .insert_header("x-ratelimit-remaining", "0")
        .insert_header("x-ratelimit-reset", "42");
    for (operation, error) in every_operation_given(answer) {
        let Error::RateLimited(r) = &error else {
            panic!("{operation}: {error:?}")
        };
        assert_eq!(
            (r.limit, r.remaining, r.reset_seconds),
            (Some(100), Some(0), Some(42))
        );
        assert!(r.failure.retryable);
        assert!(
            r.failure.remedy.contains("Wait 42 seconds"),
            "{}",
            r.failure.remedy
        );
    }
}

#[test]
fn a_429_without_headers_says_to_back_off() {
    let answer = ResponseTemplate::new(429).set_body_raw("Too Many Requests", "text/plain");
    for (operation, error) in every_operation_given(answer) {
        let Error::RateLimited(r) = &error else {
            panic!("{operation}: {error:?}")
        };
        assert_eq!(
            (r.limit, r.remaining, r.reset_seconds, r.retry_after_seconds),
            (None, None, None, None)
        );
        assert!(
            r.failure.remedy.contains("Wait a minute"),
            "{}",
            r.failure.remedy
        );
    }
}

#[test]
fn a_429_whose_reset_has_passed_says_to_retry_now() {
    let past = (NOW - 30).to_string();
    let answer = ResponseTemplate::new(429)
        .insert_header("x-ratelimit-reset", past.as_str())
        .insert_header("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT");
    for (operation, error) in every_operation_given(answer) {
        let Error::RateLimited(r) = &error else {
            panic!("{operation}: {error:?}")
        };
        // A Retry-After date that has passed is a wait of 0 (RFC 9110).
        assert_eq!((r.reset_seconds, r.retry_after_seconds), (Some(0), Some(0)));
        assert!(
            r.failure.remedy.starts_with("Retry now"),
            "{}",
            r.failure.remedy
        );
    }
}

/// The rate limit of every operation given a 429 with `headers`.
fn rate_limits_given(headers: &[(&str, &str)]) -> Vec<(&'static str, types::RateLimit)> {
    let mut answer = ResponseTemplate::new(429);
    for (name, value) in headers {
        answer = answer.insert_header(*name, *value);
    }
    every_operation_given(answer)
        .into_iter()
        .map(|(operation, error)| match error {
            Error::RateLimited(r) => (operation, r),
            other => panic!("{operation}: {other:?}"),
        })
        .collect()
}

#[test]
fn a_429_with_retry_after_as_an_http_date_says_how_long_to_wait() {
    // NOW is Thursday 2026-01-01T00:00:00Z: two minutes later, in each of
    // RFC 9110's three forms.
    for date in [
        "Thu, 01 Jan 2026 00:02:00 GMT",
        "Thursday, 01-Jan-26 00:02:00 GMT",
        "Thu Jan  1 00:02:00 2026",
    ] {
        for (operation, r) in rate_limits_given(&[("retry-after", date)]) {
            assert_eq!(r.retry_after_seconds, Some(120), "{operation}: {date}");
            assert!(
                r.failure
                    .remedy
                    .starts_with("Wait 120 seconds (until 2026-01-01T00:02:00Z)"),
                "{operation}: {}",
                r.failure.remedy
            );
        }
    }
}

#[test]
fn a_429_with_rate_limit_values_that_are_not_whole_numbers_reads_them_as_absent() {
    for value in ["1e99", "-5", "1.5"] {
        let headers = [
            ("retry-after", value),
            ("x-ratelimit-reset", value),
            ("x-ratelimit-limit", value),
        ];
        for (operation, r) in rate_limits_given(&headers) {
            assert_eq!(
                (r.limit, r.reset_seconds, r.retry_after_seconds),
                (None, None, None),
                "{operation}: {value}"
            );
            assert!(
                r.failure.remedy.starts_with("Wait a minute"),
                "{operation}: {}",
                r.failure.remedy
            );
        }
    }
}

#[test]
fn a_429_with_a_huge_reset_states_the_clamped_wait_its_field_holds() {
    for (operation, r) in rate_limits_given(&[("x-ratelimit-reset", "99999999999999")]) {
        assert_eq!(r.reset_seconds, Some(u32::MAX), "{operation}");
        let remedy = &r.failure.remedy;
        assert!(
            remedy.contains(&format!("a wait of {} seconds", u32::MAX)),
            "{operation}: {remedy}"
        );
        assert!(!remedy.contains("99998"), "{operation}: {remedy}");
    }
}

#[test]
fn redirects_are_unexpected_and_name_a_shortened_target() {
    let far = format!("https://login.example/{}", "x".repeat(10_000));
    for (status, location) in [
        (301, "https://www.pinterest.com/"),
        (302, "https://proxy.example/login?next=/v5/boards"),
        (307, far.as_str()),
    ] {
        let answer = ResponseTemplate::new(status).insert_header("location", location);
        for (operation, error) in every_operation_given(answer) {
            let (summary, _) = unexpected(operation, &error);
            assert!(
                summary.contains(&format!("redirect ({status}) to https://")),
                "{summary}"
            );
            assert!(!summary.contains("next="), "{summary}");
            assert!(summary.chars().count() < 400, "{summary}");
            assert!(
                failure(&error).remedy.contains("api-base-url"),
                "{operation}"
            );
        }
    }
}

#[test]
fn a_token_answer_without_an_access_token_is_unexpected() {
    let answer = ResponseTemplate::new(200).set_body_json(json!({
        "token_type": "bearer",
        "expires_in": 2_592_000,
        "refresh_token": "ref-5e4d3c2b1a0f9e8d",
        "scope": "boards:read",
    }));
    for (operation, error) in every_reading_operation_given(answer) {
        if !is_token_grant(operation) {
            continue;
        }
        let (summary, excerpt) = unexpected(operation, &error);
        assert!(summary.contains("it has no access_token"), "{summary}");
        assert!(!excerpt.contains("ref-5e4d3c2b1a0f9e8d"), "{excerpt}");
        let remedy = &failure(&error).remedy;
        let expected = if operation == "refresh" {
            "Retry the refresh later with the same refresh token"
        } else {
            "Codes are single-use"
        };
        assert!(remedy.starts_with(expected), "{remedy}");
    }
}

/// A body of just under 4 MB (the most the connector reads): `head`, then
/// `item` repeated as a JSON list, then `tail`.
fn four_megabytes_of(head: &str, item: &str, tail: &str) -> Vec<u8> {
    let count = (4 * 1024 * 1024 - head.len() - tail.len() - 2) / (item.len() + 1);
    let mut body = format!("{head}[").into_bytes();
    for i in 0..count {
        if i > 0 {
            body.push(b',');
        }
        body.extend_from_slice(item.as_bytes());
    }
    body.push(b']');
    body.extend_from_slice(tail.as_bytes());
    body
}

#[test]
fn a_4_mb_page_of_tiny_boards_is_refused_within_bounded_memory() {
    let body = four_megabytes_of(r#"{"items": "#, r#"{"id":"1"}"#, "}");
    let host = answering(200, &[], body);
    let config = offline_config();
    let query = types::ListBoardsQuery {
        bookmark: None,
        page_size: None,
        privacy: None,
    };
    let (result, peak) = capped(&host, |c, s| {
        c.pinterest_connector_connector()
            .call_list_boards(s, &config, ACCESS_TOKEN, &query)
    });
    let error = result.unwrap_err();
    assert_sound("list-boards", &error);
    let (summary, _) = unexpected("list-boards", &error);
    assert!(
        summary.contains("a list of more than 250 items"),
        "{summary}"
    );
    eprintln!("peak linear memory: {peak} bytes");
    assert!(peak < STORE_CAP / 4, "the guest grew to {peak} bytes");
}

#[test]
fn a_pin_whose_media_is_4_mb_of_tiny_objects_reads_within_bounded_memory() {
    let head = format!(r#"{{"id": "{BOARD_ID}", "media": {{"media_type": "image", "images": "#);
    let body = four_megabytes_of(&head, r#"{"a":0}"#, "}}");
    let host = answering(201, &[], body);
    let config = offline_config();
    let (result, peak) = capped(&host, |c, s| {
        c.pinterest_connector_connector()
            .call_create_pin(s, &config, ACCESS_TOKEN, &sample_pin())
    });
    let pin = result.unwrap();
    assert_eq!(pin.id, BOARD_ID);
    assert_eq!(pin.media_type.as_deref(), Some("image"));
    assert_eq!(pin.image_url, None);
    eprintln!("peak linear memory: {peak} bytes");
    assert!(peak < STORE_CAP / 4, "the guest grew to {peak} bytes");
}

#[test]
fn endless_pages_of_4_mb_stop_listing_all_boards_early_with_the_bookmark() {
    // Every page: 250 boards with long descriptions, and the next bookmark.
    let host = host().with_transport(Arc::new(|request: http::Request| {
        let page = url::Url::parse(&request.url)
            .unwrap()
            .query_pairs()
            .find(|(k, _)| k == "bookmark")
            .map_or(0, |(_, v)| v.trim_start_matches('p').parse::<u32>().unwrap() + 1);
        let description = "d".repeat(16_000);
        let items: Vec<_> = (0..250)
            .map(|i| json!({"id": format!("{}", page * 1000 + i), "name": "R", "description": description}))
            .collect();
        Ok(http::Response {
            status: 200,
            headers: vec![],
            body: json!({"items": items, "bookmark": format!("p{page}")})
                .to_string()
                .into_bytes(),
        })
    }));
    let config = offline_config();
    let (result, peak) = capped(&host, |c, s| {
        c.pinterest_connector_connector().call_list_all_boards(
            s,
            &config,
            ACCESS_TOKEN,
            None,
            Some(10_000),
        )
    });
    let page = result.unwrap();
    eprintln!(
        "{} boards, bookmark {:?}, peak linear memory: {peak} bytes",
        page.items.len(),
        page.bookmark
    );
    assert!(page.items.len() < 10_000 && page.items.len() % 250 == 0);
    assert_eq!(
        page.bookmark,
        Some(format!("p{}", page.items.len() / 250 - 1))
    );
    assert!(peak < STORE_CAP * 3 / 4, "the guest grew to {peak} bytes");
}

/// A transport answering every listing with 250 pins of 16 KB created in
/// the same second (ids higher at every request: new ones) and the next
/// bookmark, counting the requests.
fn endless_pins(sent: Arc<std::sync::atomic::AtomicUsize>) -> ConnectorHost {
    let served = Arc::new(std::sync::atomic::AtomicU64::new(0));
    host().with_transport(Arc::new(move |request: http::Request| {
        sent.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let fresh = served.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let page = url::Url::parse(&request.url)
            .unwrap()
            .query_pairs()
            .find(|(k, _)| k == "bookmark")
            .map_or(0, |(_, v)| {
                v.trim_start_matches('p').parse::<u64>().unwrap() + 1
            });
        let description = "d".repeat(16_000);
        let items: Vec<_> = (0..250)
            .map(|i| {
                json!({"id": format!("{}", 1_000_000 + fresh * 1000 - i), "title": "Same",
                       "created_at": "2024-05-01T10:20:30", "description": description})
            })
            .collect();
        Ok(http::Response {
            status: 200,
            headers: vec![],
            body: json!({"items": items, "bookmark": format!("p{page}")})
                .to_string()
                .into_bytes(),
        })
    }))
}

#[test]
fn endless_pages_of_matches_stop_the_duplicate_finder_early_with_the_bookmark() {
    let sent = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let host = endless_pins(Arc::clone(&sent));
    let config = offline_config();
    let candidate = types::DuplicateCandidate {
        link: None,
        image_url: None,
        title: Some("same".into()),
    };
    let (result, peak) = capped(&host, |c, s| {
        c.pinterest_connector_connector().call_find_duplicate_pins(
            s,
            &config,
            ACCESS_TOKEN,
            &types::PinSource::Account,
            &candidate,
            Some(10_000),
        )
    });
    let report = result.unwrap();
    eprintln!(
        "{} pins compared, {} matched, peak linear memory: {peak} bytes",
        report.scanned,
        report.duplicates.len()
    );
    assert!(report.scanned < 10_000 && !report.complete);
    assert_eq!(report.duplicates.len() as u32, report.scanned);
    let pages = sent.load(std::sync::atomic::Ordering::SeqCst);
    assert_eq!(report.bookmark, Some(format!("p{}", pages - 1)));
    assert!(peak < STORE_CAP * 3 / 4, "the guest grew to {peak} bytes");
}

#[test]
fn endless_pages_of_new_pins_end_a_poll_within_its_budget() {
    let sent = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let host = endless_pins(Arc::clone(&sent));
    let config = offline_config();
    let source = types::PinSource::Account;
    let first = host
        .poll_new_pins(&config, ACCESS_TOKEN, &source, None, Some(250))
        .unwrap()
        .unwrap();
    assert_eq!(first.pins.len(), 250);
    assert!(first.complete);
    sent.store(0, std::sync::atomic::Ordering::SeqCst);
    // Every page holds new pins of the first poll's second.
    let (result, peak) = capped(&host, |c, s| {
        c.pinterest_connector_connector().call_poll_new_pins(
            s,
            &config,
            ACCESS_TOKEN,
            &source,
            Some(&first.cursor),
            None,
        )
    });
    let next = result.unwrap();
    assert!(!next.complete);
    assert!(sent.load(std::sync::atomic::Ordering::SeqCst) <= 4);
    assert!(next.cursor.len() <= 10_240);
    eprintln!("peak linear memory: {peak} bytes");
    assert!(peak < STORE_CAP * 3 / 4, "the guest grew to {peak} bytes");
}

#[test]
fn a_pin_with_4_mb_of_renditions_is_compared_within_bounded_memory() {
    let mut body = format!(
        r#"{{"items": [{{"id": "{PIN_ID}", "media": {{"media_type": "image", "images": {{"#
    )
    .into_bytes();
    let mut i = 0;
    while body.len() < 4 * 1024 * 1024 - 100 {
        if i > 0 {
            body.push(b',');
        }
        body.extend_from_slice(format!(r#""{i}x":{{"url":"u{i}"}}"#).as_bytes());
        i += 1;
    }
    body.extend_from_slice(b"}}}], \"bookmark\": null}");
    let host = answering(200, &[], body);
    let config = offline_config();
    let candidate = types::DuplicateCandidate {
        link: None,
        image_url: Some("https://i.pinimg.com/600x/x.jpg".into()),
        title: None,
    };
    let (result, peak) = capped(&host, |c, s| {
        c.pinterest_connector_connector().call_find_duplicate_pins(
            s,
            &config,
            ACCESS_TOKEN,
            &types::PinSource::Account,
            &candidate,
            None,
        )
    });
    let report = result.unwrap();
    assert_eq!((report.scanned, report.duplicates.len()), (1, 0));
    eprintln!("peak linear memory: {peak} bytes");
    assert!(peak < STORE_CAP / 4, "the guest grew to {peak} bytes");
}
