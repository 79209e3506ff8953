//! Following a printed hint does what it says: the commands the program
//! suggests ("then run: …", "More boards: …") carry the options in force
//! (`--sandbox`, `--api-base-url`, `--authorize-url`, `--token-file`), so
//! that running them as printed talks to the same API and saves to the same
//! token file.

mod cli_support;

use std::process::Command;

use cli_support::{Run, Setup, consent};

/// Runs a suggested command line as printed (its words split on spaces;
/// the test's values need no quoting), with the app's credentials in the
/// environment.
fn follow(setup: &Setup, line: &str) -> Run {
    let mut words = line.split_whitespace();
    assert_eq!(words.next(), Some("pinterest-connector"), "{line}");
    let mut command: Command = setup.isolated_command();
    command
        .env("PINTEREST_APP_ID", setup.pinterest.client_id())
        .env("PINTEREST_APP_SECRET", setup.pinterest.client_secret())
        .args(words);
    Run::from_output(command.output().expect("run the suggested command"))
}

#[test]
fn the_exchange_authorize_suggests_saves_tokens_for_the_sandbox_session() {
    let setup = Setup::new("hint-exchange");
    let run = setup.run(&["authorize"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let url = run
        .stdout
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("http"))
        .expect("the consent URL")
        .to_owned();
    let next = run
        .stdout
        .lines()
        .skip_while(|l| !l.contains("then run:"))
        .nth(1)
        .expect("the next step")
        .trim()
        .to_owned();
    for option in [
        "--sandbox",
        "--api-base-url",
        "--authorize-url",
        "--token-file",
    ] {
        assert!(next.contains(option), "{option} missing from: {next}");
    }

    let location = consent(&url);
    let code = location
        .split("code=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .expect("a code");
    let exchanged = follow(&setup, &next.replace("CODE", code));
    assert_eq!(exchanged.code, 0, "{}", exchanged.all());
    assert_eq!(setup.stored_tokens()["environment"], "sandbox");
    assert_eq!(
        setup
            .pinterest
            .request_count("POST", "/sandbox/v5/oauth/token"),
        1
    );
}

#[test]
fn the_next_page_hint_lists_the_next_page() {
    let setup = Setup::new("hint-boards");
    setup.sign_in();
    let run = setup.run(&["boards", "--page-size", "10"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let more = run
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("More boards: "))
        .expect("a hint for the next page")
        .to_owned();
    let next = follow(&setup, &format!("{more} --json"));
    assert_eq!(next.code, 0, "{}", next.all());
    // Board …107 is secret, so the first page ended at …110.
    assert_eq!(next.json()["items"][0]["id"], "549755885111");
}

#[test]
fn the_refresh_hint_of_token_status_refreshes_these_tokens() {
    let setup = Setup::new("hint-refresh");
    setup.sign_in_with_expiry(cli_support::now() + 3600);
    let run = setup.run(&["token", "status"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let hint = run
        .stdout
        .split('`')
        .nth(1)
        .expect("a suggested command")
        .to_owned();
    let refreshed = follow(&setup, &hint);
    assert_eq!(refreshed.code, 0, "{}", refreshed.all());
    assert!(
        refreshed.stdout.contains("refresh token rotated"),
        "{}",
        refreshed.all()
    );
}
