//! `board create`, `board update`, `board delete` against the stand-in.

mod cli_support;

use cli_support::Setup;

#[test]
fn a_board_is_created_changed_and_deleted() {
    let setup = Setup::new("board-edit");
    setup.sign_in();
    let created = setup.run(&[
        "board",
        "create",
        "--name",
        "Weeknight dinners",
        "--description",
        "Fast ones",
        "--json",
    ]);
    assert_eq!(created.code, 0, "{}", created.all());
    let board = created.json();
    let id = board["id"].as_str().expect("an id").to_owned();
    assert_eq!(board["name"], "Weeknight dinners");
    assert_eq!(board["privacy"], "PUBLIC");

    let changed = setup.run(&[
        "board",
        "update",
        &id,
        "--name",
        "Dinners",
        "--description",
        "",
    ]);
    assert_eq!(changed.code, 0, "{}", changed.all());
    assert!(
        changed
            .stdout
            .contains(&format!("Changed board {id} \"Dinners\" (PUBLIC).")),
        "{}",
        changed.all()
    );
    let checked = setup.run(&["board", "check", &id, "--json"]);
    assert_eq!(checked.json()["name"], "Dinners");

    let nothing = setup.run(&["board", "update", &id]);
    assert_eq!(nothing.code, 2, "{}", nothing.all());

    let refused = setup.run(&["board", "delete", &id]);
    assert_eq!(refused.code, 2, "{}", refused.all());
    assert!(
        refused.stderr.contains("every section and pin on it"),
        "{}",
        refused.all()
    );

    let deleted = setup.run(&["board", "delete", &id, "--yes"]);
    assert_eq!(deleted.code, 0, "{}", deleted.all());
    assert!(deleted.stdout.contains(&format!("Deleted board {id}")));
    let gone = setup.run(&["board", "update", &id, "--name", "Back"]);
    assert_eq!(gone.code, 5, "{}", gone.all());
    assert!(
        gone.stderr
            .contains(&format!("Board {id} was not found in sandbox")),
        "{}",
        gone.all()
    );
    assert!(gone.stderr.contains("boards --all"), "{}", gone.all());
}

#[test]
fn a_secret_board_needs_its_scope_and_says_how_to_get_it() {
    let setup = Setup::new("board-secret");
    setup.sign_in();
    let run = setup.run(&[
        "board",
        "create",
        "--name",
        "Surprise",
        "--privacy",
        "secret",
    ]);
    assert_eq!(run.code, 3, "{}", run.all());
    assert!(
        run.stderr.contains("a secret board's scope"),
        "{}",
        run.all()
    );
    assert!(
        run.stderr
            .contains("login --scope +boards:read_secret,+boards:write_secret"),
        "{}",
        run.all()
    );
    let blank = setup.run(&["board", "create", "--name", "  "]);
    assert_eq!(blank.code, 2, "{}", blank.all());
    assert!(blank.stderr.contains("--name"), "{}", blank.all());
}
