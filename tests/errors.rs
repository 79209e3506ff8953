//! How every kind of answer becomes a typed error that says what to do,
//! natively through the core.

mod support;

use pinterest_connector::internals::{Operation, success_body};
use pinterest_connector::limits::MAX_BODY_BYTES;
use pinterest_connector::{
    AccessToken, AuthorizationCode, ClientSecret, Environment, Error, ListQuery, MediaSource,
    PinInput, RefreshToken, Request, Response, TransportError, TransportProblem,
};
use serde_json::json;
use support::*;

/// Runs `get_board` for board 42 against one scripted answer.
fn board_error(answer: Result<Response, TransportError>) -> Error {
    let mut script = Script::new([answer]);
    let cfg = config();
    connector(&cfg, script.client())
        .get_board(&access_token(), "42")
        .unwrap_err()
}

#[test]
fn unauthorized_says_refresh_then_reauthorize() {
    let error = board_error(json(
        401,
        json!({"code": 2, "message": "Authentication failed."}),
    ));
    let Error::Unauthorized(f) = &error else {
        panic!("{error:?}")
    };
    assert_eq!((f.status, f.code), (Some(401), Some(2)));
    assert_eq!(f.message.as_deref(), Some("Authentication failed."));
    assert!(
        f.remedy.contains("refresh") && f.remedy.contains("authorize"),
        "{}",
        f.remedy
    );
}

#[test]
fn sandbox_unauthorized_mentions_sandbox_tokens() {
    let mut script = Script::new([json(
        401,
        json!({"code": 2, "message": "Authentication failed."}),
    )]);
    let mut cfg = config();
    cfg.environment = Environment::Sandbox;
    let error = connector(&cfg, script.client())
        .get_board(&access_token(), "42")
        .unwrap_err();
    assert_eq!(
        script.sent[0].url,
        "https://api-sandbox.pinterest.com/v5/boards/42"
    );
    assert!(error.to_string().contains("sandbox"), "{error}");
}

#[test]
fn missing_scope_names_the_scopes_the_operation_needs() {
    let mut script = Script::new([json(
        401,
        json!({"code": 3, "message": "Your token does not have sufficient permissions to perform this operation."}),
    )]);
    let cfg = config();
    let input = PinInput {
        board_id: "42".into(),
        board_section_id: None,
        media: MediaSource::ImageUrl("https://i.example/a.jpg".into()),
        title: None,
        description: None,
        link: None,
        alt_text: None,
        dominant_color: None,
        parent_pin_id: None,
    };
    let error = connector(&cfg, script.client())
        .create_pin(&access_token(), &input)
        .unwrap_err();
    let Error::MissingScope { failure, required } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        required,
        &["boards:read", "boards:write", "pins:read", "pins:write"]
    );
    assert!(
        failure.remedy.contains("boards:write"),
        "{}",
        failure.remedy
    );
}

#[test]
fn trial_access_points_to_the_sandbox() {
    let error = board_error(json(
        403,
        json!({"code": 29, "message": "Apps with Trial access may not create Pins in production https://api.pinterest.com - use API Sandbox https://api-sandbox.pinterest.com instead."}),
    ));
    let Error::TrialAccess(f) = &error else {
        panic!("{error:?}")
    };
    assert_eq!((f.status, f.code), (Some(403), Some(29)));
    assert!(
        f.remedy.contains("sandbox") && f.remedy.contains("Standard access"),
        "{}",
        f.remedy
    );
}

#[test]
fn other_code_29_refusals_are_forbidden() {
    let error = board_error(json(
        403,
        json!({"code": 29, "message": "You are not permitted to access that resource."}),
    ));
    assert!(matches!(error, Error::Forbidden(_)), "{error:?}");
}

#[test]
fn not_found_tells_to_reselect_the_board() {
    let error = board_error(json(
        404,
        json!({"code": 40, "message": "Board not found."}),
    ));
    let Error::NotFound(f) = &error else {
        panic!("{error:?}")
    };
    assert!(f.summary.contains("Board 42"), "{}", f.summary);
    assert!(f.remedy.contains("Re-select the board"), "{}", f.remedy);
}

#[test]
fn a_404_that_is_not_pinterest_json_points_at_the_base_url() {
    let error = board_error(raw(404, b"<html>Not Found</html>"));
    let Error::UnexpectedResponse { failure, excerpt } = &error else {
        panic!("{error:?}")
    };
    assert!(
        failure.remedy.contains("api-base-url"),
        "{}",
        failure.remedy
    );
    assert_eq!(excerpt, "<html>Not Found</html>");
}

#[test]
fn rate_limits_carry_the_headers() {
    let error = board_error(with_headers(
        429,
        &[
            ("X-RateLimit-Limit", "100, 100;w=60"),
            ("X-RateLimit-Remaining", "0"),
            ("X-RateLimit-Reset", "17"),
            ("Retry-After", "20"),
        ],
        json!({"code": 8, "message": "This request exceeded a rate limit."}),
    ));
    let Error::RateLimited(r) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(
        (r.limit, r.remaining, r.reset_seconds, r.retry_after_seconds),
        (Some(100), Some(0), Some(17), Some(20))
    );
    assert!(r.failure.retryable);
    assert!(
        r.failure.remedy.contains("Wait 20 seconds"),
        "{}",
        r.failure.remedy
    );
}

#[test]
fn rate_limit_resets_given_as_unix_times_become_seconds() {
    let reset = (NOW + 30).to_string();
    let past = (NOW - 30).to_string();
    for (value, expected) in [(reset.as_str(), Some(30)), (past.as_str(), Some(0))] {
        let error = board_error(with_headers(
            429,
            &[("x-ratelimit-reset", value)],
            json!({}),
        ));
        let Error::RateLimited(r) = &error else {
            panic!("{error:?}")
        };
        assert_eq!(r.reset_seconds, expected);
    }
}

/// The rate limit of a 429 to `get_board` with `headers`.
fn rate_limit(headers: &[(&str, &str)]) -> pinterest_connector::RateLimit {
    match board_error(with_headers(429, headers, json!({}))) {
        Error::RateLimited(r) => r,
        other => panic!("{other:?}"),
    }
}

#[test]
fn retry_after_as_an_http_date_in_any_form_becomes_seconds() {
    // NOW is Thursday 2026-01-01T00:00:00Z; each says two minutes later.
    for date in [
        "Thu, 01 Jan 2026 00:02:00 GMT",
        "Thursday, 01-Jan-26 00:02:00 GMT",
        "Thu Jan  1 00:02:00 2026",
    ] {
        let r = rate_limit(&[("retry-after", date)]);
        assert_eq!(r.retry_after_seconds, Some(120), "{date}");
        assert_eq!(
            r.failure.remedy, "Wait 120 seconds (until 2026-01-01T00:02:00Z), then retry.",
            "{date}"
        );
    }
    // A date that has passed: retry now.
    let r = rate_limit(&[("retry-after", "Wed, 31 Dec 2025 23:59:00 GMT")]);
    assert_eq!(r.retry_after_seconds, Some(0));
    assert!(
        r.failure.remedy.starts_with("Retry now"),
        "{}",
        r.failure.remedy
    );
}

#[test]
fn rate_limit_values_that_are_not_whole_numbers_are_absent_not_guessed() {
    for value in ["1e99", "-5", "1.5", "soon", "", "5 seconds", "0x10"] {
        let r = rate_limit(&[
            ("retry-after", value),
            ("x-ratelimit-reset", value),
            ("x-ratelimit-limit", value),
            ("x-ratelimit-remaining", value),
        ]);
        assert_eq!(
            (r.limit, r.remaining, r.reset_seconds, r.retry_after_seconds),
            (None, None, None, None),
            "{value}"
        );
        assert_eq!(
            r.failure.remedy, "Wait a minute, then retry with backoff.",
            "{value}"
        );
    }
}

#[test]
fn huge_waits_are_clamped_once_and_the_remedy_states_the_clamped_wait() {
    // A unix time far ahead, and more seconds than 32 bits hold.
    for headers in [
        [("x-ratelimit-reset", "99999999999999")],
        [("retry-after", "99999999999999999999999")],
    ] {
        let r = rate_limit(&headers);
        let wait = r.retry_after_seconds.or(r.reset_seconds);
        assert_eq!(wait, Some(u32::MAX), "{headers:?}");
        let remedy = &r.failure.remedy;
        assert!(
            remedy.contains(&format!("a wait of {} seconds", u32::MAX)),
            "{remedy}"
        );
        assert!(!remedy.contains("99999"), "{remedy}");
        assert!(!remedy.starts_with("Wait 4294967295"), "{remedy}");
    }
    // Up to a day, the wait is stated with the time it ends.
    let r = rate_limit(&[("x-ratelimit-reset", &(NOW + 86_400).to_string())]);
    assert_eq!(r.reset_seconds, Some(86_400));
    assert_eq!(
        r.failure.remedy,
        "Wait 86400 seconds (until 2026-01-02T00:00:00Z), then retry."
    );
    let r = rate_limit(&[("retry-after", "1")]);
    assert_eq!(
        r.failure.remedy,
        "Wait 1 second (until 2026-01-01T00:00:01Z), then retry."
    );
}

#[test]
fn code_8_is_a_rate_limit_whatever_the_status_and_headers_are_optional() {
    let error = board_error(json(400, json!({"code": 8, "message": "rate limit"})));
    let Error::RateLimited(r) = &error else {
        panic!("{error:?}")
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

#[test]
fn server_errors_are_retryable_and_quote_html_bodies() {
    let error = board_error(raw(
        502,
        b"<html><body><h1>502 Bad Gateway</h1></body></html>",
    ));
    let Error::UpstreamUnavailable(f) = &error else {
        panic!("{error:?}")
    };
    assert!(f.retryable);
    assert!(f.summary.contains("502 Bad Gateway"), "{}", f.summary);
}

#[test]
fn bad_requests_quote_pinterests_message() {
    let error = board_error(json(
        400,
        json!({"code": 1, "message": "Invalid parameters."}),
    ));
    let Error::BadRequest(f) = &error else {
        panic!("{error:?}")
    };
    assert!(f.summary.contains("Invalid parameters."), "{}", f.summary);
}

#[test]
fn redirects_are_not_followed_and_explained() {
    let mut answer = raw(302, b"").unwrap();
    answer
        .headers
        .push(("Location".into(), "https://www.pinterest.com/login/".into()));
    let error = board_error(Ok(answer));
    let Error::UnexpectedResponse { failure, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(
        failure.summary.contains("redirect (302)"),
        "{}",
        failure.summary
    );
}

#[test]
fn successful_answers_of_the_wrong_shape_are_unexpected_with_an_excerpt() {
    let cases: [(&[u8], &str); 6] = [
        (b"", "empty body"),
        (b"null", "unexpected JSON shape"),
        (b"{\"id\": \"42\", \"name\": \"Rec", "truncated"),
        (b"[1, 2, 3]", "unexpected JSON shape"),
        (b"<!doctype html><p>maintenance</p>", "not JSON"),
        (b"\xff\xfe{\"id\":1}", "not JSON"),
    ];
    for (body, detail) in cases {
        let error = board_error(raw(200, body));
        let Error::UnexpectedResponse { failure, excerpt } = &error else {
            panic!("{error:?}")
        };
        assert!(
            failure.summary.contains(detail),
            "{detail}: {}",
            failure.summary
        );
        assert!(excerpt.chars().count() <= 201, "{excerpt}");
    }
}

#[test]
fn oversized_bodies_are_refused_unread() {
    let big = vec![b' '; MAX_BODY_BYTES + 1];
    let error = board_error(raw(200, &big));
    let Error::UnexpectedResponse { failure, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(failure.summary.contains("over the"), "{}", failure.summary);
}

#[test]
fn transport_failures_keep_their_kind() {
    let cases = [
        (
            TransportError::Denied("origin not allowed".into()),
            TransportProblem::Denied,
            false,
        ),
        (TransportError::Timeout, TransportProblem::Timeout, true),
        (
            TransportError::Connection("connection refused".into()),
            TransportProblem::Connection,
            true,
        ),
    ];
    for (sent, kind, retryable) in cases {
        match board_error(Err(sent)) {
            Error::Transport { failure, problem } => {
                assert_eq!(problem, kind);
                assert_eq!(failure.retryable, retryable);
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn no_error_text_ever_holds_a_secret() {
    let echo = format!(
        "token {ACCESS_TOKEN} secret {CLIENT_SECRET} refresh {REFRESH_TOKEN} basic MTQ4NDM2MjphcHAtc2VjcmV0LTVmMWQ5YzBlN2IyYTQ4ZDY="
    );
    let cfg = config();
    for status in [200, 400, 401, 403, 404, 429, 500] {
        for body in [
            json!({"code": 1, "message": echo}).to_string(),
            echo.clone(),
        ] {
            let mut script =
                Script::new([raw(status, body.as_bytes()), raw(status, body.as_bytes())]);
            let mut c = connector(&cfg, script.client());
            let results = [
                c.get_board(&access_token(), "42").err(),
                c.refresh(&refresh_token(), None).err(),
            ];
            for error in results.into_iter().flatten() {
                let text = format!("{error:?} {error}");
                for secret in [
                    ACCESS_TOKEN,
                    CLIENT_SECRET,
                    REFRESH_TOKEN,
                    "MTQ4NDM2MjphcHAtc2VjcmV0LTVmMWQ5YzBlN2IyYTQ4ZDY=",
                ] {
                    assert!(!text.contains(secret), "{status}: {text}");
                }
            }
        }
    }
}

#[test]
fn list_boards_rejects_bad_queries_before_sending() {
    let mut script = Script::new([]);
    let cfg = config();
    let mut c = connector(&cfg, script.client());
    for (query, field) in [
        (
            ListQuery {
                page_size: Some(0),
                ..ListQuery::default()
            },
            "query.page-size",
        ),
        (
            ListQuery {
                page_size: Some(251),
                ..ListQuery::default()
            },
            "query.page-size",
        ),
        (
            ListQuery {
                bookmark: Some("b".repeat(5000)),
                ..ListQuery::default()
            },
            "query.bookmark",
        ),
    ] {
        match c.list_boards(&access_token(), &query) {
            Err(Error::InvalidInput { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{other:?}"),
        }
    }
    match c.list_boards(&AccessToken::new("pina bad"), &ListQuery::default()) {
        Err(Error::InvalidInput { field, .. }) => assert_eq!(field, "access-token"),
        other => panic!("{other:?}"),
    }
    drop(c);
    assert!(script.sent.is_empty());
}

#[test]
fn echoed_requests_are_redacted_in_every_encoding() {
    use base64::Engine as _;
    let secret = "s3cr3t+/=app~Secret.9f2c";
    let code = "co+de/au=th.3f6b";
    let refresh = "ref+tok/en=7a2c4e.R";
    let mut cfg = config();
    cfg.client_secret = ClientSecret::new(secret);
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{secret}"));
    // Answers with everything it was sent, as a debugging proxy might.
    let echo = |request: Request| {
        let body = String::from_utf8_lossy(request.bytes().unwrap_or_default()).into_owned();
        let text = format!("{} {:?} {body}", request.url, request.headers);
        Ok(Response {
            status: 400,
            headers: vec![],
            body: json!({"code": 1, "message": text}).to_string().into_bytes(),
        })
    };
    let mut c = connector(&cfg, echo);
    let errors = [
        c.exchange(&AuthorizationCode::new(code), "https://a.example/")
            .unwrap_err(),
        c.refresh(&RefreshToken::new(refresh), None).unwrap_err(),
    ];
    for error in errors {
        let shown = format!("{error:?} {error}");
        assert!(shown.contains("grant_type="), "the echo is there: {shown}");
        for plain in [secret, code, refresh, basic.as_str()] {
            let encoded: String = url::form_urlencoded::byte_serialize(plain.as_bytes()).collect();
            assert!(!shown.contains(plain), "{shown}");
            assert!(!shown.contains(&encoded), "{shown}");
        }
    }
}

/// `text` as a JSON encoder may write it inside a string: every `/` as
/// `\/`, and with `all`, every other character but letters and digits as
/// `\uXXXX` (upper-case hex, as .NET writes it).
fn json_escaped(text: &str, all: bool) -> String {
    text.chars()
        .map(|c| match c {
            '/' if !all => "\\/".to_owned(),
            c if all && !c.is_ascii_alphanumeric() => format!("\\u{:04X}", u32::from(c)),
            c => c.to_string(),
        })
        .collect()
}

#[test]
fn secrets_echoed_json_escaped_are_redacted_in_excerpts() {
    use base64::Engine as _;
    let secret = "s3cr3t/app+Secret=9f2c";
    let token = "acc/ess+tok=en.5e8a";
    let mut cfg = config();
    cfg.client_secret = ClientSecret::new(secret);
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{secret}"));
    for plain in [secret, token, basic.as_str()] {
        for all in [false, true] {
            let echoed = json_escaped(plain, all);
            // A body of the wrong shape, quoted in the excerpt as it came,
            // and an HTML page quoted in the summary of a 502.
            let answers = [
                raw(
                    200,
                    format!(r#"{{"id": [], "echo": "{echoed}"}}"#).as_bytes(),
                ),
                raw(502, format!("<pre>echo {echoed}</pre>").as_bytes()),
            ];
            for answer in answers {
                let mut script = Script::new([answer]);
                let error = connector(&cfg, script.client())
                    .get_board(&AccessToken::new(token), "42")
                    .unwrap_err();
                let shown = format!("{error:?} {error}");
                assert!(!shown.contains(&echoed), "{echoed}: {shown}");
                assert!(shown.contains("[redacted]"), "{echoed}: {shown}");
            }
        }
    }
}

#[test]
fn a_json_escaped_secret_cut_by_the_excerpt_is_redacted() {
    let secret = "s3cr3t/app+Secret=9f2c";
    let mut cfg = config();
    cfg.client_secret = ClientSecret::new(secret);
    let echoed = json_escaped(secret, true);
    // 183 characters before the secret: the excerpt's 200 end 17
    // characters into its escaped form, inside the escape of `+`.
    let padding = "x".repeat(167);
    let body = format!(r#"{{"id": [], "{padding}": "{echoed}"}}"#);
    let mut script = Script::new([raw(200, body.as_bytes())]);
    let error = connector(&cfg, script.client())
        .get_board(&access_token(), "42")
        .unwrap_err();
    let Error::UnexpectedResponse { excerpt, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(excerpt.ends_with("[redacted]…"), "{excerpt}");
    assert!(!excerpt.contains("s3cr3t"), "{excerpt}");
}

/// `text` lower-cased, upper-cased and in alternating case, as a server
/// that transforms what it echoes may send it.
fn every_case(text: &str) -> [String; 3] {
    let mixed = text
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i % 2 == 0 {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    [text.to_lowercase(), text.to_uppercase(), mixed]
}

#[test]
fn secrets_echoed_in_any_case_in_any_field_are_redacted() {
    use base64::Engine as _;
    let secret = "s3cr3t+/=app~Secret.9f2c";
    let token = "acc+tok/en=5b8e1d.Q";
    let refresh = "ref+tok/en=7a2c4e.R";
    let code_value = "co+de/au=th.3f6b";
    let mut cfg = config();
    cfg.client_secret = ClientSecret::new(secret);
    let basic = base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{secret}"));
    let form = |s: &str| -> String { url::form_urlencoded::byte_serialize(s.as_bytes()).collect() };
    // Every form of the app's secrets and of `held`.
    let forms = |held: &str| -> Vec<String> {
        let plain = [secret, basic.as_str(), held];
        let mut forms: Vec<String> = plain.iter().map(|s| (*s).to_lowercase()).collect();
        forms.extend(plain.iter().map(|s| form(s).to_lowercase()));
        forms.extend(
            plain
                .iter()
                .map(|s| form(s).replace('+', "%20").to_lowercase()),
        );
        forms
    };
    let echo = format!(
        "Bearer {token} Basic {basic} secret {secret} refresh {refresh} code {code_value} form {} {}",
        form(secret),
        form(token)
    );
    for echoed in every_case(&echo) {
        // Every field whose text can reach an error, each in the answer of
        // the operations that read it.
        let board = json!({"id": "42", "name": "R", "privacy": echoed});
        let answers: Vec<Result<Response, TransportError>> = vec![
            json(200, board.clone()),
            json(200, json!({"items": [board]})),
            json(200, json!({"account_type": echoed, "username": {}})),
            json(200, json!({"token_type": echoed, "scope": echoed})),
            json(400, json!({"code": 1, "message": echoed})),
            json(403, json!({"error": echoed, "error_description": echoed})),
            json(
                400,
                json!({"code": 1, "message": format!("{}{echoed}", " ".repeat(985))}),
            ),
            json(
                400,
                json!({"code": 1, "message": format!("{}{echoed}", "x".repeat(490))}),
            ),
            raw(502, echoed.as_bytes()),
            raw(200, format!("{}{echoed}", "y".repeat(180)).as_bytes()),
            Ok(Response {
                status: 302,
                headers: vec![("location".into(), format!("https://x.example/{echoed}"))],
                body: vec![],
            }),
        ];
        for answer in answers {
            let errors = {
                let one = || Script::new([answer.clone()]);
                let (mut a, mut b, mut c, mut d, mut e, mut f) =
                    (one(), one(), one(), one(), one(), one());
                let pin = PinInput {
                    board_id: "42".into(),
                    board_section_id: None,
                    media: MediaSource::ImageUrl("https://i.example/a.jpg".into()),
                    title: None,
                    description: None,
                    link: None,
                    alt_text: None,
                    dominant_color: None,
                    parent_pin_id: None,
                };
                let access = AccessToken::new(token);
                [
                    (
                        code_value,
                        connector(&cfg, a.client())
                            .exchange(&AuthorizationCode::new(code_value), "https://a.example/")
                            .err(),
                    ),
                    (
                        refresh,
                        connector(&cfg, b.client())
                            .refresh(&RefreshToken::new(refresh), None)
                            .err(),
                    ),
                    (
                        token,
                        connector(&cfg, c.client()).user_account(&access).err(),
                    ),
                    (
                        token,
                        connector(&cfg, d.client())
                            .list_boards(&access, &ListQuery::default())
                            .err(),
                    ),
                    (
                        token,
                        connector(&cfg, e.client()).get_board(&access, "42").err(),
                    ),
                    (
                        token,
                        connector(&cfg, f.client()).create_pin(&access, &pin).err(),
                    ),
                ]
            };
            for (held, error) in errors {
                let Some(error) = error else { continue };
                let shown = format!("{error:?} {error}").to_lowercase();
                for form in forms(held) {
                    assert!(!shown.contains(&form), "{form}: {shown}");
                    // Nor its start where a text was cut.
                    for (at, _) in shown.match_indices('…') {
                        let cut = (8..form.len()).any(|i| shown[..at].ends_with(&form[..i]));
                        assert!(!cut, "the start of {form}: {shown}");
                    }
                }
            }
        }
    }
}

#[test]
fn every_summary_names_the_operation_in_a_phrase_that_fits_its_sentence() {
    let operations = [
        Operation::Exchange,
        Operation::Refresh,
        Operation::UserAccount,
        Operation::ListBoards { secret: true },
        Operation::GetBoard { board_id: "42" },
        Operation::CreatePin {
            board_id: "42",
            section_id: None,
        },
        Operation::CreateBoard,
        Operation::UpdateBoard { board_id: "42" },
        Operation::DeleteBoard { board_id: "42" },
        Operation::ListSections { board_id: "42" },
        Operation::CreateSection { board_id: "42" },
        Operation::UpdateSection {
            board_id: "42",
            section_id: "7",
        },
        Operation::DeleteSection {
            board_id: "42",
            section_id: "7",
        },
        Operation::BoardPins { board_id: "42" },
        Operation::SectionPins {
            board_id: "42",
            section_id: "7",
        },
        Operation::AccountPins,
        Operation::GetPin { pin_id: "9" },
        Operation::UpdatePin { pin_id: "9" },
        Operation::DeletePin { pin_id: "9" },
        Operation::SavePin {
            pin_id: "9",
            board_id: "42",
            section_id: None,
        },
    ];
    let bodies: [&[u8]; 4] = [
        br#"{"code": 1, "message": "Invalid parameters."}"#,
        br#"{"code": 29, "message": "Apps with Trial access may not create Pins in production."}"#,
        br#"{"error": "invalid_request"}"#,
        b"<html>Bad Gateway</html>",
    ];
    for op in operations {
        let label = op.label();
        let verb = label.split(' ').next().unwrap_or_default();
        assert!(verb.ends_with("ing"), "{label}");
        for status in [302, 400, 401, 403, 404, 409, 429, 500, 999] {
            for body in bodies {
                let response = Response {
                    status,
                    headers: vec![("location".into(), "https://x.example/".into())],
                    body: body.to_vec(),
                };
                let Err(error) = success_body(op, Environment::Production, &response, NOW) else {
                    panic!("{status} succeeded")
                };
                let summary = &error.failure().unwrap().summary;
                // "while" and "for" are followed by the operation's verb,
                // never by a noun ("while the code exchange").
                for (at, _) in summary.match_indices("while ") {
                    let next = summary[at + 6..].split(' ').next().unwrap_or_default();
                    assert!(next.ends_with("ing"), "{summary}");
                }
                assert!(!summary.contains("during "), "{summary}");
            }
        }
    }
}
