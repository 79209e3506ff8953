//! The API commands against the stand-in: `whoami`, `boards`,
//! `board check`, `pin create`, as tables and as JSON, with their exit
//! codes for each kind of failure.

mod cli_support;

use cli_support::{BOARD, Setup, assert_masked};
use pinterest_standin::{AccountType, Environment, StandInOptions};

#[test]
fn whoami_shows_the_account_and_warns_about_personal_ones() {
    let setup = Setup::new("whoami");
    let issued = setup.sign_in();
    let run = setup.run(&["whoami"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("BUSINESS"), "{}", run.all());
    assert!(!run.stderr.contains("warning"), "{}", run.all());
    assert_masked(&run.all(), &[&issued.access_token]);

    let personal = Setup::with(
        "whoami-pinner",
        StandInOptions {
            account_type: AccountType::Pinner,
            ..StandInOptions::default()
        },
        Environment::Sandbox,
    );
    personal.sign_in();
    let run = personal.run(&["whoami", "--json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(run.json()["account_type"], "PINNER");
    assert!(
        run.stderr.contains("personal (PINNER) account"),
        "{}",
        run.all()
    );
}

#[test]
fn boards_follow_bookmarks_to_the_last_page() {
    let setup = Setup::new("boards");
    setup.sign_in();

    let first = setup.run(&["boards", "--page-size", "10", "--json"]);
    assert_eq!(first.code, 0, "{}", first.all());
    let page = first.json();
    assert_eq!(page["items"].as_array().map(Vec::len), Some(10));
    let bookmark = page["bookmark"].as_str().unwrap_or_default().to_owned();
    assert!(!bookmark.is_empty());

    let next = setup.run(&[
        "boards",
        "--page-size",
        "10",
        "--bookmark",
        &bookmark,
        "--json",
    ]);
    assert_eq!(next.code, 0, "{}", next.all());
    // Board …107 is secret, so the first page ended at …110.
    assert_eq!(next.json()["items"][0]["id"], "549755885111");

    let all = setup.run(&["boards", "--all", "--page-size", "7"]);
    assert_eq!(all.code, 0, "{}", all.all());
    // 60 boards, 7 of them secret (not visible without boards:read_secret).
    assert!(
        all.stdout.contains("53 board(s) in 8 page(s)."),
        "{}",
        all.all()
    );
    assert!(!all.stdout.contains("SECRET"), "{}", all.all());
    assert!(all.stdout.contains("PROTECTED"), "{}", all.all());

    let everything = setup.run(&["boards", "--all", "--json"]);
    assert_eq!(
        everything.json()["items"].as_array().map(Vec::len),
        Some(53)
    );

    let public = setup.run(&["boards", "--all", "--privacy", "public", "--json"]);
    let items = public.json()["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(items.iter().all(|b| b["privacy"] == "PUBLIC"));
    assert_eq!(items.len(), 49);

    let secret = setup.run(&["boards", "--privacy", "secret"]);
    assert_eq!(secret.code, 3, "{}", secret.all());
    assert!(
        secret.stderr.contains("boards:read_secret"),
        "{}",
        secret.all()
    );

    let too_big = setup.run(&["boards", "--page-size", "251"]);
    assert_eq!(too_big.code, 2, "{}", too_big.all());
    assert!(
        too_big.stderr.contains("between 1 and 250"),
        "{}",
        too_big.all()
    );
}

#[test]
fn board_check_tells_good_ids_from_bad_ones() {
    let setup = Setup::new("board-check");
    setup.sign_in();
    let good = setup.run(&["board", "check", BOARD]);
    assert_eq!(good.code, 0, "{}", good.all());
    assert!(good.stdout.contains("ready for pins"), "{}", good.all());

    let missing = setup.run(&["board", "check", "1"]);
    assert_eq!(missing.code, 5, "{}", missing.all());
    assert!(
        missing.stderr.contains("Board 1 was not found"),
        "{}",
        missing.all()
    );
    assert!(missing.stderr.contains("what to do:"), "{}", missing.all());

    let bad = setup.run(&["board", "check", "abc", "--json"]);
    assert_eq!(bad.code, 2, "{}", bad.all());
    assert_eq!(bad.json()["error"]["kind"], "usage");
}

#[test]
fn pin_create_from_a_url_a_file_or_several_urls() {
    let setup = Setup::new("pin-create");
    setup.sign_in();
    let run = setup.run(&[
        "pin",
        "create",
        "--board",
        BOARD,
        "--image-url",
        "https://example.com/a.jpg",
        "--title",
        "Lemon tart",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    let pin = run.json();
    assert_eq!(pin["board_id"], BOARD);
    assert!(
        pin["created_at"]
            .as_str()
            .unwrap_or_default()
            .ends_with('Z'),
        "{pin}"
    );

    let png = setup.dir.join("tiny.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write png");
    let file = setup
        .command()
        .args(["pin", "create", "--board", BOARD, "--image-file"])
        .arg(&png)
        .output()
        .expect("run the CLI");
    assert_eq!(
        file.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&file.stderr)
    );

    let several = setup.run(&[
        "pin",
        "create",
        "--board",
        BOARD,
        "--image-urls",
        "https://example.com/1.jpg,https://example.com/2.jpg",
    ]);
    assert_eq!(several.code, 0, "{}", several.all());
    let pins = setup.pinterest.pins();
    assert_eq!(pins.len(), 3);
    assert_eq!(pins[2].media_type, "multiple_images");
    assert_eq!(pins[1].request["media_source"]["content_type"], "image/png");
}

#[test]
fn pin_create_failures_have_distinct_exit_codes() {
    let setup = Setup::new("pin-failures");
    setup.sign_in();
    let long_title = "t".repeat(101);
    let invalid = setup.run(&[
        "pin",
        "create",
        "--board",
        BOARD,
        "--image-url",
        "https://example.com/a.jpg",
        "--title",
        &long_title,
    ]);
    assert_eq!(invalid.code, 2, "{}", invalid.all());
    assert!(
        invalid.stderr.contains("the limit is 100"),
        "{}",
        invalid.all()
    );

    let not_an_image = setup.dir.join("notes.txt");
    std::fs::write(&not_an_image, "hello").expect("write file");
    let bad_file = setup
        .command()
        .args(["pin", "create", "--board", BOARD, "--image-file"])
        .arg(&not_an_image)
        .output()
        .expect("run the CLI");
    assert_eq!(bad_file.status.code(), Some(2));

    let no_board = setup.run(&[
        "pin",
        "create",
        "--board",
        "1",
        "--image-url",
        "https://example.com/a.jpg",
    ]);
    assert_eq!(no_board.code, 5, "{}", no_board.all());

    let usage = setup.run(&["pin", "create", "--board", BOARD]);
    assert_eq!(usage.code, 2, "{}", usage.all());
    assert!(setup.pinterest.pins().is_empty());
}

#[test]
fn trial_apps_are_told_to_use_the_sandbox() {
    let setup = Setup::with("trial", StandInOptions::default(), Environment::Production);
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
    let error = run.json();
    assert_eq!(error["error"]["code"], 29);
    assert_eq!(error["error"]["status"], 403);
    assert!(
        error["error"]["remedy"]
            .as_str()
            .unwrap_or_default()
            .contains("sandbox"),
        "{error}"
    );
    // Reading production is fine with Trial access.
    assert_eq!(setup.run(&["board", "check", BOARD]).code, 0);
}
