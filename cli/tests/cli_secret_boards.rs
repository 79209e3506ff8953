//! Secret boards do not disappear without a word: `whoami`'s count, the
//! `boards` listing and `board check` say that tokens without
//! `boards:read_secret` cannot see them and how to sign in for them, and
//! `login --scope +boards:read_secret` adds that scope to the default set
//! (a plain `--scope` list still replaces it).

mod cli_support;

use cli_support::{Setup, Spawned, consent, free_port, get};
use pinterest_standin::{Environment, StandInOptions};

/// A secret board of the stand-in.
const SECRET_BOARD: &str = "549755885107";
/// The hint every note gives.
const SIGN_IN_FOR_SECRET: &str = "pinterest-connector login --scope +boards:read_secret";

#[test]
fn tokens_without_the_scope_say_where_the_secret_boards_went() {
    let setup = Setup::new("secret-notes");
    setup.sign_in();

    let whoami = setup.run(&["whoami"]);
    assert_eq!(whoami.code, 0, "{}", whoami.all());
    assert!(
        whoami.stdout.contains(
            "60 (secret ones included, which `boards` lists only with boards:read_secret)"
        ),
        "{}",
        whoami.all()
    );
    assert!(
        whoami.stderr.contains(SIGN_IN_FOR_SECRET),
        "{}",
        whoami.all()
    );

    let boards = setup.run(&["boards", "--all"]);
    assert_eq!(boards.code, 0, "{}", boards.all());
    assert!(boards.stdout.contains("53 board(s)"), "{}", boards.all());
    assert!(
        boards.stderr.contains("Secret boards are not listed"),
        "{}",
        boards.all()
    );
    assert!(
        boards.stderr.contains(SIGN_IN_FOR_SECRET),
        "{}",
        boards.all()
    );
    let json = setup.run(&["boards", "--all", "--json"]);
    let notes = json.json()["notes"].to_string();
    assert!(notes.contains("boards:read_secret"), "{notes}");
    // Public boards only: nothing is hidden, nothing to say.
    let public = setup.run(&["boards", "--privacy", "public"]);
    assert!(!public.stderr.contains("Secret boards"), "{}", public.all());

    let check = setup.run(&["board", "check", SECRET_BOARD]);
    assert_eq!(check.code, 5, "{}", check.all());
    assert!(
        check.stderr.contains("If it is a secret board"),
        "{}",
        check.all()
    );
    assert!(check.stderr.contains(SIGN_IN_FOR_SECRET), "{}", check.all());
}

/// Runs `login` with `scope` through a scripted browser; returns the
/// consent URL it showed and the run.
fn login(setup: &Setup, redirect: &str, scope: &str) -> (String, cli_support::Run) {
    let mut command = setup.command();
    command.args([
        "login",
        "--no-browser",
        "--timeout",
        "60",
        "--redirect-uri",
        redirect,
        "--scope",
        scope,
    ]);
    let mut running = Spawned::start(command);
    let url = running
        .read_until(|line| line.trim_start().starts_with("http") && line.contains("/oauth/?"))
        .trim()
        .to_owned();
    let (status, page) = get(&consent(&url));
    assert_eq!(status, 200, "{page}");
    (url, running.finish())
}

#[test]
fn login_adds_a_scope_with_a_plus_and_then_sees_secret_boards() {
    let redirect = format!("http://localhost:{}/", free_port());
    let setup = Setup::with(
        "secret-login",
        StandInOptions {
            redirect_uris: vec![redirect.clone()],
            ..StandInOptions::default()
        },
        Environment::Sandbox,
    );

    let (url, run) = login(&setup, &redirect, "+boards:read_secret");
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        url.contains(
            "scope=boards%3Aread%2Cboards%3Awrite%2Cpins%3Aread%2Cpins%3Awrite%2Cuser_accounts%3Aread%2Cboards%3Aread_secret"
        ),
        "{url}"
    );
    let scopes = setup.stored_tokens()["scopes"].to_string();
    assert!(
        scopes.contains("boards:read_secret") && scopes.contains("pins:write"),
        "{scopes}"
    );

    let boards = setup.run(&["boards", "--all"]);
    assert!(boards.stdout.contains("60 board(s)"), "{}", boards.all());
    assert!(!boards.stderr.contains("Secret boards"), "{}", boards.all());
    let check = setup.run(&["board", "check", SECRET_BOARD]);
    assert_eq!(check.code, 0, "{}", check.all());
    let whoami = setup.run(&["whoami"]);
    assert!(
        !whoami.stdout.contains("secret ones included"),
        "{}",
        whoami.all()
    );

    // Without a plus, the list replaces the default.
    let (url, run) = login(&setup, &redirect, "boards:read");
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(url.contains("scope=boards%3Aread&"), "{url}");
}
