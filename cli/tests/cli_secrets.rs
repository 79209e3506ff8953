//! No line the command-line host prints ever shows the client secret, an
//! access token, a refresh token or an authorization code, nor any of them
//! URL-encoded, whatever Pinterest (or a proxy echoing the request) answers.

mod cli_support;

use host_tests::sweep::{APP_SECRET, Echo, GRANT_CODE, ROTATING, TOKEN, assert_no_secret_forms};
use host_tests::{BOARD_ID, CLIENT_ID, Pinterest};
use wiremock::Mock;
use wiremock::matchers::any;

#[test]
fn the_command_line_never_prints_a_secret() {
    let setup = cli_support::Setup::new("secret-sweep");
    let write_tokens = |expires_at: u64| {
        let file = serde_json::json!({
            "environment": "production",
            "client_id": CLIENT_ID,
            "access_token": TOKEN,
            "token_type": "bearer",
            "scopes": cli_support::SCOPES,
            "expires_at": expires_at,
            "refresh_token": ROTATING,
            "refresh_token_expires_at": cli_support::now() + 5_000_000,
        });
        cli_support::write_private(&setup.token_file(), &file.to_string());
    };
    let commands: [&[&str]; 9] = [
        &["whoami"],
        &["boards"],
        &["boards", "--all"],
        &["board", "check", BOARD_ID],
        &[
            "pin",
            "create",
            "--board",
            BOARD_ID,
            "--image-url",
            "https://cdn.example/a.jpg",
        ],
        &["refresh"],
        &["exchange", "--code", GRANT_CODE],
        &["token", "status"],
        &["--json", "whoami"],
    ];
    let mut runs = 0;
    for (status, shape) in [
        (400, "oauth"),
        (401, "pinterest"),
        (502, "text"),
        (302, "redirect"),
    ] {
        let p = Pinterest::start();
        p.mount(Mock::given(any()).respond_with(Echo(status, shape)));
        for (due, args) in commands
            .iter()
            .map(|a| (false, *a))
            .chain([(true, &["whoami"][..])])
        {
            // Fresh tokens, or tokens due for refresh (refreshed first).
            write_tokens(if due {
                cli_support::now() - 60
            } else {
                cli_support::now() + 2_000_000
            });
            let output = setup
                .command_against(&p.server.uri())
                .env("PINTEREST_APP_ID", CLIENT_ID)
                .env("PINTEREST_APP_SECRET", APP_SECRET)
                .args(args)
                .output()
                .expect("run pinterest-connector");
            let printed = format!(
                "{}\n{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            assert_no_secret_forms(&format!("{args:?} ({status} {shape})"), &printed);
            runs += 1;
        }
        assert!(p.requests().len() >= 8, "the commands did reach the server");
    }
    assert_eq!(runs, 40);
}

/// The paths added since: listings under the paging guard (text and JSON),
/// an import, hints that repeat the options in force (the secret given as
/// a flag is never repeated), settings from a config file and the
/// environment.
#[test]
fn listings_imports_hints_and_settings_never_print_a_secret() {
    let setup = cli_support::Setup::new("secret-sweep-new");
    let csv = setup.dir.join("pins.csv");
    std::fs::write(&csv, "image_url,title\nhttps://cdn.example/a.jpg,One\n").expect("write CSV");
    let profile = setup.dir.join("profile.json");
    std::fs::write(
        &profile,
        serde_json::json!({"clientId": CLIENT_ID, "clientSecret": APP_SECRET}).to_string(),
    )
    .expect("write the profile");
    let csv = csv.display().to_string();
    let profile = profile.display().to_string();
    let commands: [&[&str]; 7] = [
        &["boards", "--all", "--page-size", "5"],
        &["--json", "boards", "--all"],
        &["pins", "import", &csv, "--board", BOARD_ID],
        &["--client-secret", APP_SECRET, "refresh"],
        &["--client-secret", APP_SECRET, "token", "status"],
        &["--config", &profile, "refresh"],
        &["authorize", "--state", "s"],
    ];
    for (status, shape) in [(400, "oauth"), (401, "pinterest"), (200, "tokens")] {
        let p = Pinterest::start();
        p.mount(Mock::given(any()).respond_with(Echo(status, shape)));
        for args in commands {
            let file = serde_json::json!({
                "environment": "production",
                "client_id": CLIENT_ID,
                "access_token": TOKEN,
                "token_type": "bearer",
                "scopes": cli_support::SCOPES,
                "expires_at": cli_support::now() + 60,
                "refresh_token": ROTATING,
                "refresh_token_expires_at": cli_support::now() + 5_000_000,
            });
            cli_support::write_private(&setup.token_file(), &file.to_string());
            let mut command = setup.command_against(&p.server.uri());
            command.env("PINTEREST_APP_ID", CLIENT_ID);
            if !args.contains(&"--client-secret") && !args.contains(&"--config") {
                command.env("PINTEREST_APP_SECRET", APP_SECRET);
            }
            let output = command
                .args(args)
                .output()
                .expect("run pinterest-connector");
            let printed = format!(
                "{}\n{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            assert_no_secret_forms(&format!("{args:?} ({status} {shape})"), &printed);
        }
    }
}

/// The commands for sections, board and pin edits, pin listings, videos,
/// raw API calls, duplicate checks and the watch, against a server that echoes the request back (as
/// an error, as tokens, as a page), with tokens fresh or due for refresh.
#[test]
fn edits_listings_videos_and_raw_calls_never_print_a_secret() {
    let setup = cli_support::Setup::new("secret-sweep-edits");
    let video = setup.dir.join("clip.mp4");
    std::fs::write(&video, vec![7u8; 4096]).expect("write a video");
    let body = setup.dir.join("body.json");
    std::fs::write(&body, r#"{"name": "Secret-free"}"#).expect("write a body");
    let video = video.display().to_string();
    let body = format!("@{}", body.display());
    let section_path = format!("/v5/boards/{BOARD_ID}/sections");
    let csv = setup.dir.join("dups.csv");
    std::fs::write(
        &csv,
        "image_url,title,link\nhttps://cdn.example/a.jpg,One,https://cdn.example/p\n",
    )
    .expect("write CSV");
    let csv = csv.display().to_string();
    let commands: [&[&str]; 20] = [
        &["sections", "--board", BOARD_ID, "--all"],
        &["--json", "sections", "--board", BOARD_ID],
        &["section", "create", "--board", BOARD_ID, "--name", "S"],
        &["section", "delete", "4242", "--board", BOARD_ID, "--yes"],
        &["board", "create", "--name", "B"],
        &["board", "update", BOARD_ID, "--name", "B"],
        &["board", "delete", BOARD_ID, "--yes"],
        &["pins", "list", "--all"],
        &["pins", "list", "--board", BOARD_ID, "--section", "4242"],
        &["pins", "get", "4242"],
        &["pins", "update", "4242", "--title", "T"],
        &["pins", "delete", "4242", "--yes"],
        &["pins", "save", "4242", "--board", BOARD_ID],
        &["api", "GET", &section_path, "--query", "page_size=5"],
        &["--json", "api", "POST", &section_path, "--body", &body],
        &["video", "upload", &video],
        &["pin", "create", "--board", BOARD_ID, "--video", &video],
        &[
            "pin",
            "create",
            "--board",
            BOARD_ID,
            "--image-url",
            "https://cdn.example/a.jpg",
            "--title",
            "T",
            "--skip-duplicates",
        ],
        &[
            "pins",
            "import",
            &csv,
            "--board",
            BOARD_ID,
            "--skip-duplicates",
            "--writes-per-minute",
            "6000",
        ],
        &[
            "pins",
            "watch",
            "--board",
            BOARD_ID,
            "--polls",
            "2",
            "--interval",
            "1",
        ],
    ];
    let mut runs = 0;
    for (status, shape) in [
        (400, "oauth"),
        (401, "pinterest"),
        (200, "tokens"),
        (502, "text"),
    ] {
        let p = Pinterest::start();
        p.mount(Mock::given(any()).respond_with(Echo(status, shape)));
        for (due, args) in commands
            .iter()
            .map(|a| (false, *a))
            .chain([(true, &["pins", "list"][..])])
        {
            let file = serde_json::json!({
                "environment": "production",
                "client_id": CLIENT_ID,
                "access_token": TOKEN,
                "token_type": "bearer",
                "scopes": cli_support::SCOPES,
                "expires_at": if due { cli_support::now() + 60 } else { cli_support::now() + 2_000_000 },
                "refresh_token": ROTATING,
                "refresh_token_expires_at": cli_support::now() + 5_000_000,
            });
            cli_support::write_private(&setup.token_file(), &file.to_string());
            let output = setup
                .command_against(&p.server.uri())
                .env("PINTEREST_APP_ID", CLIENT_ID)
                .env("PINTEREST_APP_SECRET", APP_SECRET)
                .args(args)
                .output()
                .expect("run pinterest-connector");
            let printed = format!(
                "{}\n{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            assert_no_secret_forms(&format!("{args:?} ({status} {shape})"), &printed);
            runs += 1;
        }
        assert!(
            p.requests().len() >= 15,
            "the commands did reach the server"
        );
    }
    assert_eq!(runs, 4 * 21);
}
