//! `pins list/get/update/delete/save` against the stand-in: a board's, a
//! section's and the account's pins to the end, the cap stated, and
//! failures worded with the commands to use.

mod cli_support;

use cli_support::{BOARD, Setup, assert_masked};

/// The first section of board …100, holding a quarter of its pins.
const SECTION: &str = "54975588510001";
/// The first seeded pin.
const PIN: &str = "813040700000000001";
/// Another public board.
const OTHER_BOARD: &str = "549755885101";

#[test]
fn pins_of_a_board_a_section_and_the_account_page_to_the_end() {
    let setup = Setup::new("pins-list");
    let issued = setup.sign_in();

    let page = setup.run(&[
        "pins",
        "list",
        "--board",
        BOARD,
        "--page-size",
        "10",
        "--json",
    ]);
    assert_eq!(page.code, 0, "{}", page.all());
    let json = page.json();
    assert_eq!(json["items"].as_array().map(Vec::len), Some(10));
    assert!(json["bookmark"].is_string(), "{json}");
    // Newest first.
    assert_eq!(json["items"][0]["id"], "813040700000000060");

    let board = setup.run(&[
        "pins",
        "list",
        "--board",
        BOARD,
        "--all",
        "--page-size",
        "25",
    ]);
    assert_eq!(board.code, 0, "{}", board.all());
    assert!(
        board.stdout.contains("60 pins in 3 page(s)."),
        "{}",
        board.all()
    );
    assert!(board.stdout.contains(PIN), "{}", board.all());

    let section = setup.run(&[
        "pins",
        "list",
        "--board",
        BOARD,
        "--section",
        SECTION,
        "--all",
        "--json",
    ]);
    assert_eq!(section.code, 0, "{}", section.all());
    let items = section.json()["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(items.len(), 15, "{}", section.all());
    assert!(items.iter().all(|p| p["board_section_id"] == SECTION));

    let account = setup.run(&["pins", "list", "--all", "--json"]);
    assert_eq!(account.code, 0, "{}", account.all());
    assert_eq!(account.json()["count"], 60, "{}", account.all());

    let capped = setup.run(&[
        "pins",
        "list",
        "--board",
        BOARD,
        "--all",
        "--max-pins",
        "40",
    ]);
    assert_eq!(capped.code, 0, "{}", capped.all());
    assert!(capped.stdout.contains("\n40 pins.\n"), "{}", capped.all());
    assert!(
        capped
            .stdout
            .contains("Stopped at the cap of 40 pins (--max-pins raises it, up to 10000)."),
        "{}",
        capped.all()
    );
    let more = capped
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("More pins: "))
        .expect("the command that continues")
        .to_owned();
    assert!(more.contains("pins list --board 549755885100 --all --max-pins 40 --bookmark"));
    assert_masked(
        &format!("{}{}{}", board.all(), section.all(), capped.all()),
        &[&issued.access_token],
    );

    let missing = setup.run(&[
        "pins",
        "list",
        "--board",
        BOARD,
        "--section",
        "54975588519999",
    ]);
    assert_eq!(missing.code, 5, "{}", missing.all());
    assert!(
        missing
            .stderr
            .contains("Board 549755885100 or its section 54975588519999 was not found"),
        "{}",
        missing.all()
    );
    assert!(missing.stderr.contains("sections --board 549755885100"));
    let orphan = setup.run(&["pins", "list", "--section", SECTION]);
    assert_eq!(orphan.code, 2, "--section needs --board: {}", orphan.all());
}

#[test]
fn a_pin_is_read_changed_saved_and_deleted() {
    let setup = Setup::new("pins-edit");
    setup.sign_in();
    let got = setup.run(&["pins", "get", PIN]);
    assert_eq!(got.code, 0, "{}", got.all());
    assert!(
        got.stdout
            .contains(&format!("Pin {PIN}: https://www.pinterest.com/pin/{PIN}/"))
    );
    assert!(got.stdout.contains("Idea 1"), "{}", got.all());

    let changed = setup.run(&[
        "pins",
        "update",
        PIN,
        "--title",
        "Lemon tart",
        "--board",
        OTHER_BOARD,
        "--json",
    ]);
    assert_eq!(changed.code, 0, "{}", changed.all());
    assert_eq!(changed.json()["title"], "Lemon tart");
    assert_eq!(changed.json()["board_id"], OTHER_BOARD);

    let saved = setup.run(&[
        "pins",
        "save",
        PIN,
        "--board",
        BOARD,
        "--section",
        SECTION,
        "--json",
    ]);
    assert_eq!(saved.code, 0, "{}", saved.all());
    let copy = saved.json()["id"].as_str().expect("the new pin").to_owned();
    assert_ne!(copy, PIN);
    assert_eq!(saved.json()["board_section_id"], SECTION);

    let refused = setup.run(&["pins", "delete", &copy]);
    assert_eq!(refused.code, 2, "{}", refused.all());
    assert!(refused.stderr.contains("Add --yes"), "{}", refused.all());
    let deleted = setup.run(&["pins", "delete", &copy, "--yes"]);
    assert_eq!(deleted.code, 0, "{}", deleted.all());
    assert!(deleted.stdout.contains(&format!("Deleted pin {copy}.")));

    let gone = setup.run(&["pins", "get", &copy]);
    assert_eq!(gone.code, 5, "{}", gone.all());
    assert!(
        gone.stderr
            .contains(&format!("Pin {copy} was not found in sandbox")),
        "{}",
        gone.all()
    );
    assert!(
        gone.stderr.contains("pins list --board ID"),
        "{}",
        gone.all()
    );

    let nothing = setup.run(&["pins", "update", PIN]);
    assert_eq!(nothing.code, 2, "{}", nothing.all());
    let long = "t".repeat(101);
    let too_long = setup.run(&["pins", "update", PIN, "--title", &long]);
    assert_eq!(too_long.code, 2, "{}", too_long.all());
    assert!(too_long.stderr.contains("--title"), "{}", too_long.all());
    assert!(too_long.stderr.contains("100"), "{}", too_long.all());
}
