//! `login` end to end: the CLI listens on a loopback redirect URI, a
//! scripted browser follows the stand-in's consent redirect, the CLI checks
//! `state`, exchanges the code and stores the tokens with mode 0600.

mod cli_support;

use cli_support::{Setup, Spawned, assert_masked, consent, free_port, get, mode};
use pinterest_standin::{Environment, StandInOptions};

fn setup_with_redirect(name: &str) -> (Setup, String) {
    let redirect = format!("http://localhost:{}/", free_port());
    let options = StandInOptions {
        redirect_uris: vec![redirect.clone()],
        ..StandInOptions::default()
    };
    (Setup::with(name, options, Environment::Sandbox), redirect)
}

fn start_login(setup: &Setup, redirect: &str, timeout: &str) -> (Spawned, String) {
    let mut command = setup.command();
    command.args([
        "login",
        "--no-browser",
        "--timeout",
        timeout,
        "--redirect-uri",
        redirect,
    ]);
    let mut login = Spawned::start(command);
    let url = login
        .read_until(|line| line.trim_start().starts_with("http") && line.contains("/oauth/?"))
        .trim()
        .to_owned();
    (login, url)
}

#[test]
fn login_catches_the_redirect_and_stores_private_tokens() {
    let (setup, redirect) = setup_with_redirect("login");
    let (login, url) = start_login(&setup, &redirect, "60");
    assert!(url.contains("client_id=1484362"), "{url}");

    let location = consent(&url);
    assert!(location.starts_with(&redirect), "{location}");
    let (status, page) = get(&location);
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Signed in"), "{page}");

    let run = login.finish();
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("Tokens saved to"), "{}", run.all());
    assert_eq!(mode(&setup.token_file()), 0o600);
    let stored = setup.stored_tokens();
    let access = stored["access_token"].as_str().unwrap_or_default();
    let refresh = stored["refresh_token"].as_str().unwrap_or_default();
    assert!(access.starts_with("pina_"), "{stored}");
    assert_eq!(stored["environment"], "sandbox");
    assert_masked(
        &run.all(),
        &[access, refresh, setup.pinterest.client_secret()],
    );

    // The stored tokens work.
    let whoami = setup.run(&["whoami"]);
    assert_eq!(whoami.code, 0, "{}", whoami.all());
    assert!(whoami.stdout.contains("standin_studio"), "{}", whoami.all());
    assert_eq!(
        setup
            .pinterest
            .request_count("POST", "/sandbox/v5/oauth/token"),
        1
    );
}

#[test]
fn login_refuses_a_redirect_with_another_state() {
    let (setup, redirect) = setup_with_redirect("login-state");
    let (login, url) = start_login(&setup, &redirect, "60");
    let location = consent(&url);
    let forged = location
        .split("&state=")
        .next()
        .map(|head| format!("{head}&state=forged"))
        .unwrap_or_default();
    let (status, _) = get(&forged);
    assert_eq!(status, 400);

    let run = login.finish();
    assert_eq!(run.code, 3, "{}", run.all());
    assert!(run.stderr.contains("state does not match"), "{}", run.all());
    assert!(!setup.token_file().exists());
    assert_eq!(
        setup
            .pinterest
            .request_count("POST", "/sandbox/v5/oauth/token"),
        0,
        "no exchange with a forged state"
    );
}

#[test]
fn unregistered_redirect_uri_is_explained() {
    // The app registered another port than the one login listens on.
    let (setup, _registered) = setup_with_redirect("login-unregistered");
    let listening = format!("http://localhost:{}/", free_port());
    let (login, url) = start_login(&setup, &listening, "1");

    // What the browser shows: the consent page names the problem.
    let (status, page) = get(&url);
    assert_eq!(status, 400);
    assert!(page.contains("Redirect URI not registered"), "{page}");
    assert!(page.contains("must match exactly"), "{page}");

    // What the terminal shows once nothing arrives.
    let run = login.finish();
    assert_eq!(run.code, 3, "{}", run.all());
    assert!(
        run.all().contains("registered for the app exactly"),
        "{}",
        run.all()
    );
}

#[test]
fn exchange_with_another_redirect_uri_says_so() {
    let setup = Setup::new("exchange-mismatch");
    let authorize = setup.run(&["authorize", "--json"]);
    assert_eq!(authorize.code, 0, "{}", authorize.all());
    let url = authorize.json()["url"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let location = consent(&url);
    let code = location
        .split("code=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .unwrap_or_default()
        .to_owned();

    let wrong = setup.run(&[
        "exchange",
        "--code",
        &code,
        "--redirect-uri",
        "http://localhost:8085/callback",
    ]);
    assert_eq!(wrong.code, 3, "{}", wrong.all());
    assert!(wrong.stderr.contains("redirect URI"), "{}", wrong.all());

    // The code is still good with the right URI, once.
    let right = setup.run(&["exchange", "--code", &code]);
    assert_eq!(right.code, 0, "{}", right.all());
    assert_eq!(mode(&setup.token_file()), 0o600);
    let again = setup.run(&["exchange", "--code", &code]);
    assert_eq!(again.code, 3, "{}", again.all());
    assert!(again.stderr.contains("single-use"), "{}", again.all());
}
