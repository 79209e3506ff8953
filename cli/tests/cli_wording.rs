//! The command line speaks to a person at a terminal, not to a platform
//! calling the component: every command is run into every class of error
//! (Pinterest's error answers, unreadable answers, an unreachable API,
//! grant refusals, input refused before any request) and no output may
//! carry the component's words for its caller (`config.…`, operation names
//! such as `list-boards`, "send the user through authorize", `pin.media.…`
//! field paths). Every command line it suggests repeats the options in
//! force; Pinterest's Trial-access sentence is not repeated after ours;
//! input errors name the flag, and a CSV row's the column and the line.

mod cli_support;

use std::path::Path;

use cli_support::{BOARD, Run, Setup};
use host_tests::{CLIENT_ID, CLIENT_SECRET, Pinterest};
use pinterest_standin::{Environment, StandInOptions, TRIAL_MESSAGE};
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, ResponseTemplate};

/// Words of the component's advice to its caller that a CLI user must
/// never meet (compared without case). Those ending in `.` are field paths
/// (`config.api-base-url`, `pin.media.url`): they count when a name
/// follows.
const CALLER_WORDS: [&str; 18] = [
    "config.",
    "pin.",
    "query.",
    "list-boards",
    "list-all-boards",
    "get-board",
    "create-pin",
    "get-user-account",
    "token-status",
    "re-select",
    "as shown by",
    "environment to sandbox",
    "authorize again",
    "through authorize",
    "send the user",
    "call refresh",
    "backoff",
    "http.send",
];

/// Asserts `text` (what `what` printed) has none of [`CALLER_WORDS`], and
/// every command line it suggests carries `--api-base-url`.
fn assert_cli_words(what: &str, text: &str) {
    let lower = text.to_lowercase();
    for word in CALLER_WORDS {
        for (at, _) in lower.match_indices(word) {
            let after = &lower[at + word.len()..];
            let path = word.ends_with('.');
            let names_a_field =
                after.starts_with(|c: char| c.is_ascii_lowercase()) && !after.starts_with("json");
            assert!(
                path && !names_a_field,
                "{what}: component-caller wording {word:?} in:\n{text}"
            );
        }
    }
    for (at, _) in text.match_indices("pinterest-connector ") {
        let hint: String = text[at..]
            .chars()
            .take_while(|c| *c != '`' && *c != '\n')
            .collect();
        assert!(
            hint.contains("--api-base-url"),
            "{what}: a suggested command drops the options in force: {hint}\n{text}"
        );
    }
}

/// The answers that make each class of error, for every request.
fn answers() -> Vec<(&'static str, ResponseTemplate)> {
    let pinterest = |status: u16, code: i64, message: &str| {
        ResponseTemplate::new(status).set_body_json(json!({"code": code, "message": message}))
    };
    vec![
        ("401 code 2", pinterest(401, 2, "Authentication failed.")),
        (
            "401 code 3",
            pinterest(401, 3, "Your token does not have sufficient permissions."),
        ),
        ("403 code 29", pinterest(403, 29, TRIAL_MESSAGE)),
        ("403", pinterest(403, 0, "Forbidden.")),
        ("404 code 40", pinterest(404, 40, "Board not found.")),
        (
            "404 text",
            ResponseTemplate::new(404).set_body_string("Not Found"),
        ),
        ("400 code 1", pinterest(400, 1, "Invalid parameters.")),
        (
            "400 invalid_grant",
            ResponseTemplate::new(400).set_body_json(
                json!({"code": 1, "message": "Invalid refresh token", "error": "invalid_grant"}),
            ),
        ),
        (
            "400 redirect",
            pinterest(400, 1, "Invalid redirect_uri: it must be identical."),
        ),
        (
            "429",
            pinterest(429, 8, "Rate limit exceeded.")
                .insert_header("retry-after", "7")
                .insert_header("x-ratelimit-limit", "100"),
        ),
        ("500", pinterest(500, 0, "Internal error.")),
        (
            "302",
            ResponseTemplate::new(302)
                .insert_header("location", "https://www.pinterest.com/login/"),
        ),
        (
            "200 HTML",
            ResponseTemplate::new(200).set_body_raw("<html>maintenance</html>", "text/html"),
        ),
    ]
}

/// Writes tokens for the wiremock API: fresh, or due for refresh.
fn write_tokens(setup: &Setup, due: bool) {
    let expires_at = if due {
        cli_support::now() + 60
    } else {
        cli_support::now() + 2_000_000
    };
    let file = json!({
        "environment": "production",
        "client_id": CLIENT_ID,
        "access_token": host_tests::ACCESS_TOKEN,
        "token_type": "bearer",
        "scopes": cli_support::SCOPES,
        "expires_at": expires_at,
        "refresh_token": host_tests::REFRESH_TOKEN,
        "refresh_token_expires_at": cli_support::now() + 5_000_000,
    });
    cli_support::write_private(&setup.token_file(), &file.to_string());
}

/// Every command that reaches Pinterest, as run against each class.
fn commands(csv: &Path) -> Vec<(bool, Vec<String>)> {
    let csv = csv.display().to_string();
    let fresh: [&[&str]; 9] = [
        &["whoami"],
        &["boards"],
        &["boards", "--all", "--page-size", "5"],
        &["board", "check", BOARD],
        &[
            "pin",
            "create",
            "--board",
            BOARD,
            "--image-url",
            "https://cdn.example/a.jpg",
        ],
        &[
            "pin",
            "create",
            "--board",
            BOARD,
            "--section",
            "42",
            "--image-url",
            "https://cdn.example/a.jpg",
        ],
        &[
            "pins",
            "import",
            &csv,
            "--board",
            BOARD,
            "--writes-per-minute",
            "6000",
        ],
        &["refresh"],
        &["exchange", "--code", "a-code"],
    ];
    let video = csv.replace("pins.csv", "clip.mp4");
    let newer: [&[&str]; 14] = [
        &["sections", "--board", BOARD, "--all"],
        &["section", "create", "--board", BOARD, "--name", "S"],
        &["section", "delete", "42", "--board", BOARD, "--yes"],
        &["board", "create", "--name", "B"],
        &["board", "delete", BOARD, "--yes"],
        &["pins", "list", "--board", BOARD, "--all"],
        &["pins", "get", "42"],
        &["pins", "update", "42", "--title", "T"],
        &["pins", "delete", "42", "--yes"],
        &["pins", "save", "42", "--board", BOARD],
        &["api", "GET", "/v5/boards"],
        &["video", "upload", &video],
        &["pin", "create", "--board", BOARD, "--video", &video],
        &[
            "pin",
            "create",
            "--board",
            BOARD,
            "--image-url",
            "https://cdn.example/a.jpg",
            "--link",
            "https://cdn.example/p",
            "--skip-duplicates",
        ],
    ];
    let mut all: Vec<(bool, Vec<String>)> = fresh
        .iter()
        .chain(newer.iter())
        .map(|args| (false, args.iter().map(|a| (*a).to_owned()).collect()))
        .collect();
    // Refreshed first, inside the command.
    all.push((true, vec!["whoami".to_owned()]));
    all.push((true, vec!["--json".to_owned(), "boards".to_owned()]));
    all
}

#[test]
fn every_command_in_every_error_class_speaks_in_cli_terms() {
    let setup = Setup::new("wording");
    let csv = setup.dir.join("pins.csv");
    std::fs::write(&csv, "image_url,title\nhttps://cdn.example/a.jpg,One\n").expect("write CSV");
    std::fs::write(setup.dir.join("clip.mp4"), vec![7u8; 2048]).expect("write a video");
    let mut runs = 0;
    let run_all = |uri: &str, class: &str, runs: &mut usize| {
        for (due, args) in commands(&csv) {
            write_tokens(&setup, due);
            let output = setup
                .command_against(uri)
                .env("PINTEREST_APP_ID", CLIENT_ID)
                .env("PINTEREST_APP_SECRET", CLIENT_SECRET)
                .args(&args)
                .output()
                .expect("run pinterest-connector");
            let run = Run::from_output(output);
            let what = format!("{args:?} against {class}");
            assert_ne!(run.code, 0, "{what}: {}", run.all());
            assert!(
                run.stderr.contains("what to do:") || run.stdout.contains("Fix these rows"),
                "{what}: no advice:\n{}",
                run.all()
            );
            assert_cli_words(&what, &run.all());
            // Pinterest's sentence after ours, where ours says it already.
            if class == "403 code 29" && args.iter().any(|a| a.starts_with("pin")) {
                assert!(
                    !run.all().contains("use API Sandbox"),
                    "{what}: {}",
                    run.all()
                );
            }
            *runs += 1;
        }
    };
    for (class, answer) in answers() {
        let server = Pinterest::start();
        server.mount(Mock::given(any()).respond_with(answer));
        run_all(&server.server.uri(), class, &mut runs);
        assert!(
            !server.requests().is_empty(),
            "{class}: nothing reached the server"
        );
    }
    // Nothing listens at the API's address.
    let unreachable = format!("http://127.0.0.1:{}", cli_support::free_port());
    run_all(&unreachable, "an unreachable API", &mut runs);
    assert_eq!(runs, 14 * 25);
}

#[test]
fn input_refused_before_any_request_names_the_flag() {
    let setup = Setup::new("wording-input");
    setup.sign_in();
    let long_title = "t".repeat(101);
    let pin = |extra: &[&str]| {
        let mut args = vec!["pin", "create", "--board", BOARD];
        args.extend_from_slice(extra);
        args.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>()
    };
    let image = ["--image-url", "https://cdn.example/a.jpg"];
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            pin(&[&image[..], &["--title", &long_title]].concat()),
            "--title is 101 characters; the limit is 100",
        ),
        (pin(&["--image-url", "/relative.jpg"]), "--image-url "),
        (
            pin(&[&image[..], &["--link", "www.example.com"]].concat()),
            "--link ",
        ),
        (
            pin(&[&image[..], &["--dominant-color", "blue"]].concat()),
            "--dominant-color must be a hex color",
        ),
        (
            pin(&[&image[..], &["--section", "my-section"]].concat()),
            "--section must be a decimal id",
        ),
        (
            pin(&["--video-id", "my-video", "--key-frame", "1"]),
            "--video-id must be a decimal id",
        ),
        (
            pin(&["--image-urls", "https://cdn.example/1.jpg,/2.jpg"]),
            "URL 2 of --image-urls",
        ),
        (
            pin(&["--image-urls", "https://cdn.example/1.jpg"]),
            "--image-urls makes a pin of 2 to 5 images; it got one",
        ),
        (
            vec![
                "pin".into(),
                "create".into(),
                "--board".into(),
                "my-board".into(),
                image[0].into(),
                image[1].into(),
            ],
            "--board must be a decimal id",
        ),
        (
            vec!["board".into(), "check".into(), "abc".into()],
            "The Board ID must be a decimal id",
        ),
        (
            vec!["boards".into(), "--page-size".into(), "0".into()],
            "--page-size is 0",
        ),
        (
            vec!["authorize".into(), "--scope".into(), "read_public".into()],
            "--scope (value 1)",
        ),
        (
            vec![
                "authorize".into(),
                "--redirect-uri".into(),
                "ftp://example.com/".into(),
            ],
            "--redirect-uri ",
        ),
        (
            vec![
                "refresh".into(),
                "--scope".into(),
                "+boards:read_secret".into(),
            ],
            "can only narrow",
        ),
    ];
    for (args, expected) in cases {
        let run = setup.run(&args.iter().map(String::as_str).collect::<Vec<_>>());
        let what = format!("{args:?}");
        assert_eq!(run.code, 2, "{what}: {}", run.all());
        assert!(
            run.stderr.contains(expected),
            "{what}: expected {expected:?} in:\n{}",
            run.all()
        );
        assert_cli_words(&what, &run.all());
    }
    // A setting refused by the component names where it came from.
    let run = Run::from_output(
        setup
            .command_with_api("ftp://proxy.example")
            .arg("whoami")
            .output()
            .expect("run"),
    );
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr
            .contains("The API base URL (from --api-base-url)"),
        "{}",
        run.all()
    );
    assert!(setup.pinterest.pins().is_empty());
}

#[test]
fn csv_row_errors_name_the_column_and_the_line() {
    let setup = Setup::new("wording-csv");
    setup.sign_in();
    let csv = setup.dir.join("pins.csv");
    std::fs::write(
        &csv,
        format!(
            "image_url,image_file,title,link,dominant_color,board_section_id\n\
             https://cdn.example/1.jpg,,{},,,\n\
             /relative.jpg,,Two,,,\n\
             https://cdn.example/3.jpg,,Three,www.example.com,,\n\
             https://cdn.example/4.jpg,,Four,,blue,\n\
             https://cdn.example/5.jpg,,Five,,,my-section\n\
             ,missing.png,Six,,,\n",
            "t".repeat(101)
        ),
    )
    .expect("write CSV");
    let run = setup.run(&[
        "pins",
        "import",
        csv.to_str().expect("UTF-8 path"),
        "--board",
        BOARD,
        "--writes-per-minute",
        "6000",
    ]);
    assert_eq!(run.code, 6, "{}", run.all());
    for (line, column) in [
        (2, "column title is 101 characters; the limit is 100"),
        (3, "column image_url "),
        (4, "column link "),
        (5, "column dominant_color must be a hex color"),
        (6, "column board_section_id must be a decimal id"),
        (7, "column image_file: cannot read image file"),
    ] {
        let expected = format!("line {line}: failed: {column}");
        assert!(
            run.stdout.contains(&expected),
            "{expected:?} in:\n{}",
            run.stdout
        );
    }
    assert_cli_words("pins import", &run.all());
}

#[test]
fn the_trial_access_error_is_said_once_in_cli_terms() {
    let setup = Setup::with(
        "wording-trial",
        StandInOptions::default(),
        Environment::Production,
    );
    setup.sign_in();
    let run = setup.run(&[
        "pin",
        "create",
        "--board",
        BOARD,
        "--image-url",
        "https://example.com/a.jpg",
        "--json",
    ]);
    assert_eq!(run.code, 5, "{}", run.all());
    let error: Value = run.json()["error"].clone();
    let message = error["message"].as_str().unwrap_or_default();
    assert_eq!(message.matches("Trial access").count(), 1, "{message}");
    assert!(!message.contains("use API Sandbox"), "{message}");
    let remedy = error["remedy"].as_str().unwrap_or_default();
    assert!(
        remedy.contains("pinterest-connector login --sandbox --api-base-url"),
        "{remedy}"
    );
    assert!(remedy.contains("add --sandbox"), "{remedy}");
    assert_cli_words("trial", &run.all());
}

/// A refusal of the token endpoint that names no grant problem (a 403, or
/// a 400 about something else) speaks of the app and the grant, never of
/// boards; each says to sign in again with `login`.
#[test]
fn token_endpoint_refusals_speak_of_the_grant_not_of_boards() {
    let setup = Setup::new("wording-token");
    let pinterest = |status: u16, code: i64, message: &str| {
        ResponseTemplate::new(status).set_body_json(json!({"code": code, "message": message}))
    };
    for (class, answer) in [
        ("403", pinterest(403, 0, "Forbidden.")),
        ("400", pinterest(400, 1, "Invalid parameters.")),
    ] {
        let server = Pinterest::start();
        server.mount(Mock::given(any()).respond_with(answer));
        for (due, args) in [
            (false, vec!["refresh"]),
            (false, vec!["exchange", "--code", "a-code"]),
            (true, vec!["whoami"]),
        ] {
            write_tokens(&setup, due);
            let run = Run::from_output(
                setup
                    .command_against(&server.server.uri())
                    .env("PINTEREST_APP_ID", CLIENT_ID)
                    .env("PINTEREST_APP_SECRET", CLIENT_SECRET)
                    .args(&args)
                    .output()
                    .expect("run pinterest-connector"),
            );
            let what = format!("{args:?} against {class}");
            assert!(
                run.stderr
                    .contains("sign in again with `pinterest-connector login"),
                "{what}: does not say to sign in again:\n{}",
                run.all()
            );
            assert!(
                !run.all().to_lowercase().contains("board"),
                "{what}: speaks of boards:\n{}",
                run.all()
            );
            assert_cli_words(&what, &run.all());
        }
    }
}
