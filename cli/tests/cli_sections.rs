//! `sections` and `section create/update/delete` against the stand-in:
//! one page, every page to the end, the cap stated with the command that
//! continues, and failures worded with the flags and commands to use.

mod cli_support;

use cli_support::{BOARD, Setup, assert_masked};

#[test]
fn sections_page_to_the_end_and_state_the_cap() {
    let setup = Setup::new("sections");
    let issued = setup.sign_in();

    let page = setup.run(&["sections", "--board", BOARD, "--page-size", "10", "--json"]);
    assert_eq!(page.code, 0, "{}", page.all());
    let json = page.json();
    assert_eq!(json["items"].as_array().map(Vec::len), Some(10));
    assert_eq!(json["items"][0]["id"], "54975588510001");
    assert_eq!(json["items"][0]["name"], "Salads 1");
    let bookmark = json["bookmark"].as_str().expect("a bookmark").to_owned();
    assert!(
        json["more"]
            .as_str()
            .unwrap_or_default()
            .contains("--bookmark"),
        "{json}"
    );
    let next = setup.run(&[
        "sections",
        "--board",
        BOARD,
        "--page-size",
        "10",
        "--bookmark",
        &bookmark,
        "--json",
    ]);
    assert_eq!(next.json()["items"][0]["id"], "54975588510011");

    let all = setup.run(&["sections", "--board", BOARD, "--all", "--page-size", "25"]);
    assert_eq!(all.code, 0, "{}", all.all());
    assert!(
        all.stdout.contains("60 sections in 3 page(s)."),
        "{}",
        all.all()
    );
    assert!(
        all.stdout.contains("54975588510060  Sides 60"),
        "{}",
        all.all()
    );

    let capped = setup.run(&[
        "sections",
        "--board",
        BOARD,
        "--all",
        "--max-sections",
        "30",
    ]);
    assert_eq!(capped.code, 0, "{}", capped.all());
    assert!(
        capped
            .stdout
            .contains("Stopped at the cap of 30 sections (--max-sections raises it, up to 10000)."),
        "{}",
        capped.all()
    );
    assert!(
        capped.stdout.contains("More sections: pinterest-connector sections --board 549755885100 --all --max-sections 30"),
        "{}",
        capped.all()
    );
    assert_masked(
        &format!("{}{}", all.all(), capped.all()),
        &[&issued.access_token],
    );

    let too_many = setup.run(&[
        "sections",
        "--board",
        BOARD,
        "--all",
        "--max-sections",
        "20000",
    ]);
    assert_eq!(too_many.code, 2, "{}", too_many.all());
    assert!(
        too_many
            .stderr
            .contains("--max-sections 20000: it must be between 1 and 10000")
    );
}

#[test]
fn sections_of_a_missing_board_say_where_board_ids_come_from() {
    let setup = Setup::new("sections-missing");
    setup.sign_in();
    let run = setup.run(&["sections", "--board", "549755889999"]);
    assert_eq!(run.code, 5, "{}", run.all());
    assert!(
        run.stderr
            .contains("Board 549755889999 was not found in sandbox (404"),
        "{}",
        run.all()
    );
    assert!(run.stderr.contains("boards --all"), "{}", run.all());
    let no_board = setup.run(&["sections"]);
    assert_eq!(no_board.code, 2, "{}", no_board.all());
    assert!(
        no_board.stderr.contains("Pass --board ID"),
        "{}",
        no_board.all()
    );
}

#[test]
fn a_section_is_created_renamed_and_deleted() {
    let setup = Setup::new("section-edit");
    setup.sign_in();
    let created = setup.run(&[
        "section", "create", "--board", BOARD, "--name", "Desserts", "--json",
    ]);
    assert_eq!(created.code, 0, "{}", created.all());
    let id = created.json()["id"].as_str().expect("an id").to_owned();
    assert_eq!(created.json()["name"], "Desserts");

    let renamed = setup.run(&[
        "section", "update", &id, "--board", BOARD, "--name", "Tarts",
    ]);
    assert_eq!(renamed.code, 0, "{}", renamed.all());
    assert!(
        renamed.stdout.contains(&format!(
            "Renamed section {id} of board {BOARD} to \"Tarts\"."
        )),
        "{}",
        renamed.all()
    );
    let listed = setup.run(&["sections", "--board", BOARD, "--all", "--json"]);
    assert!(listed.stdout.contains("\"Tarts\""), "{}", listed.all());

    // Not at a terminal, nothing is deleted without --yes.
    let refused = setup.run(&["section", "delete", &id, "--board", BOARD]);
    assert_eq!(refused.code, 2, "{}", refused.all());
    assert!(refused.stderr.contains("Add --yes"), "{}", refused.all());
    assert!(
        refused
            .stderr
            .contains("the pins in it are deleted with it")
    );

    let deleted = setup.run(&["section", "delete", &id, "--board", BOARD, "--yes"]);
    assert_eq!(deleted.code, 0, "{}", deleted.all());
    assert!(deleted.stdout.contains(&format!("Deleted section {id}")));

    let again = setup.run(&["section", "delete", &id, "--board", BOARD, "--yes"]);
    assert_eq!(again.code, 5, "{}", again.all());
    assert!(
        again
            .stderr
            .contains(&format!("Board {BOARD} or its section {id} was not found")),
        "{}",
        again.all()
    );
    assert!(
        again.stderr.contains("sections --board 549755885100 --all"),
        "{}",
        again.all()
    );
}

#[test]
fn a_bad_section_name_names_the_flag_before_any_request() {
    let setup = Setup::new("section-name");
    setup.sign_in();
    let long = "x".repeat(181);
    let before = setup.pinterest.requests().len();
    let run = setup.run(&["section", "create", "--board", BOARD, "--name", &long]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(run.stderr.contains("--name"), "{}", run.all());
    assert!(run.stderr.contains("180"), "{}", run.all());
    assert_eq!(setup.pinterest.requests().len(), before, "nothing was sent");
}
