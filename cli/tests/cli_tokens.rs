//! The token file: refreshed before an API command when `token-status`
//! says so (rotated tokens written atomically with mode 0600), expired
//! tokens sending the user to `login`, environments kept apart, and the
//! ways to pass the app's credentials.

mod cli_support;

use cli_support::{SCOPES, Setup, assert_masked, mode, now, write_private};
use pinterest_standin::{Environment, StandInOptions};

#[test]
fn api_commands_refresh_tokens_near_expiry_first() {
    let setup = Setup::new("auto-refresh");
    // Valid at Pinterest, but the file says it expires within the hour.
    let issued = setup.sign_in_with_expiry(now() + 3600);

    let status = setup.run(&["token", "status"]);
    assert_eq!(status.code, 0, "{}", status.all());
    assert!(status.stdout.contains("refresh-due"), "{}", status.all());

    let run = setup.run(&["whoami"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stderr.contains("Refreshed the access token"),
        "{}",
        run.all()
    );
    assert_masked(
        &run.all(),
        &[
            &issued.access_token,
            &issued.refresh_token,
            setup.pinterest.client_secret(),
        ],
    );

    let stored = setup.stored_tokens();
    assert_ne!(stored["access_token"], issued.access_token.as_str());
    assert_ne!(stored["refresh_token"], issued.refresh_token.as_str());
    assert!(stored["expires_at"].as_u64().unwrap_or_default() > now() + 29 * 86_400);
    assert_eq!(mode(&setup.token_file()), 0o600);
    let leftovers: Vec<_> = std::fs::read_dir(&setup.dir)
        .expect("list the scratch dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    assert_eq!(
        setup
            .pinterest
            .request_count("POST", "/sandbox/v5/oauth/token"),
        1
    );

    // Fresh now: the next command does not refresh again.
    let again = setup.run(&["whoami"]);
    assert_eq!(again.code, 0, "{}", again.all());
    assert!(!again.stderr.contains("Refreshed"), "{}", again.all());
    assert_eq!(
        setup
            .pinterest
            .request_count("POST", "/sandbox/v5/oauth/token"),
        1
    );
}

#[test]
fn refresh_rotates_and_the_old_refresh_token_stops_working() {
    let setup = Setup::new("refresh");
    let issued = setup.sign_in();
    let before = std::fs::read_to_string(setup.token_file()).expect("read tokens");

    let run = setup.run(&["refresh"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout.contains("refresh token rotated"),
        "{}",
        run.all()
    );
    assert_masked(&run.all(), &[&issued.access_token, &issued.refresh_token]);
    assert_eq!(mode(&setup.token_file()), 0o600);

    // Put the old file back: its refresh token was spent by the rotation.
    write_private(&setup.token_file(), &before);
    let stale = setup.run(&["refresh"]);
    assert_eq!(stale.code, 3, "{}", stale.all());
    assert!(
        stale.stderr.contains("pinterest-connector login"),
        "{}",
        stale.all()
    );
}

#[test]
fn dead_tokens_send_the_user_to_login() {
    let setup = Setup::new("dead");
    let issued = setup.pinterest.issue_tokens(Environment::Sandbox, &SCOPES);
    let file = serde_json::json!({
        "environment": "sandbox",
        "access_token": issued.access_token,
        "token_type": "bearer",
        "scopes": SCOPES,
        "expires_at": now() - 60,
        "refresh_token": issued.refresh_token,
        "refresh_token_expires_at": now() - 60,
    });
    write_private(&setup.token_file(), &file.to_string());

    let status = setup.run(&["token", "status", "--json"]);
    assert_eq!(status.code, 3, "{}", status.all());
    assert_eq!(status.json()["state"], "reauthorize");

    let run = setup.run(&["boards"]);
    assert_eq!(run.code, 3, "{}", run.all());
    assert!(run.stderr.contains("have expired"), "{}", run.all());
    assert!(
        run.stderr.contains("pinterest-connector login"),
        "{}",
        run.all()
    );

    let missing = Setup::new("missing");
    let none = missing.run(&["whoami"]);
    assert_eq!(none.code, 3, "{}", none.all());
    assert!(none.stderr.contains("No tokens at"), "{}", none.all());
}

#[test]
fn tokens_stay_in_their_environment() {
    let setup = Setup::new("environment");
    setup.sign_in();
    let mut command = setup.bare_command_in(Environment::Production);
    command.arg("whoami");
    let output = command.output().expect("run the CLI");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("were issued for sandbox"), "{stderr}");
    assert!(stderr.contains("Add --sandbox"), "{stderr}");
}

#[test]
fn credentials_come_from_flags_environment_or_config_file() {
    let setup = Setup::new("credentials");
    setup.sign_in_with_expiry(now() + 60);

    // None at all: a usage error naming every way to pass them.
    let none = {
        let mut command = setup.bare_command();
        command.arg("refresh");
        command.output().expect("run the CLI")
    };
    let stderr = String::from_utf8_lossy(&none.stderr);
    assert_eq!(none.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("PINTEREST_APP_ID"), "{stderr}");
    assert!(stderr.contains("--config"), "{stderr}");

    // An Appmixer-style file.
    let config = setup.dir.join("pinterest.json");
    std::fs::write(
        &config,
        serde_json::json!({
            "clientId": setup.pinterest.client_id(),
            "clientSecret": setup.pinterest.client_secret(),
        })
        .to_string(),
    )
    .expect("write the config file");
    let from_file = {
        let mut command = setup.bare_command();
        command.arg("--config").arg(&config).arg("refresh");
        command.output().expect("run the CLI")
    };
    assert_eq!(
        from_file.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&from_file.stderr)
    );

    // Flags win over a wrong environment.
    let flags = {
        let mut command = setup.bare_command();
        command
            .env("PINTEREST_APP_ID", "999")
            .env("PINTEREST_APP_SECRET", "wrong")
            .args(["--client-id", setup.pinterest.client_id()])
            .args(["--client-secret", setup.pinterest.client_secret()])
            .arg("refresh");
        command.output().expect("run the CLI")
    };
    let out = String::from_utf8_lossy(&flags.stdout);
    assert_eq!(flags.status.code(), Some(0), "{out}");
    assert!(!out.contains(setup.pinterest.client_secret()), "{out}");

    // A wrong secret is an authentication problem.
    let wrong = {
        let mut command = setup.bare_command();
        command
            .args(["--client-id", setup.pinterest.client_id()])
            .args(["--client-secret", "not-the-secret"])
            .arg("refresh");
        command.output().expect("run the CLI")
    };
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert_eq!(wrong.status.code(), Some(3), "{stderr}");
    assert!(!stderr.contains("not-the-secret"), "{stderr}");
}

#[test]
fn production_setup_works_too() {
    let setup = Setup::with(
        "production",
        StandInOptions::default(),
        Environment::Production,
    );
    setup.sign_in();
    let run = setup.run(&["token", "status", "--json"]);
    assert_eq!(run.code, 0, "{}", run.all());
    let status = run.json();
    assert_eq!(status["state"], "fresh");
    assert_eq!(status["environment"], "production");
    assert!(
        status["access_token"]
            .as_str()
            .unwrap_or_default()
            .starts_with("pina_…")
    );
}

#[test]
fn token_show_prints_the_access_token_only_when_asked_to_reveal_it() {
    let setup = Setup::new("token-show");
    let issued = setup.sign_in();

    let masked = setup.run(&["token", "show"]);
    assert_eq!(masked.code, 0, "{}", masked.all());
    assert!(masked.stdout.contains("fresh"), "{}", masked.all());
    assert_masked(
        &masked.all(),
        &[&issued.access_token, &issued.refresh_token],
    );

    let revealed = setup.run(&["token", "show", "--reveal"]);
    assert_eq!(revealed.code, 0, "{}", revealed.all());
    assert_eq!(revealed.stdout, format!("{}\n", issued.access_token));
    assert!(
        !revealed.all().contains(&issued.refresh_token),
        "{}",
        revealed.all()
    );

    let json = setup.run(&["--json", "token", "show", "--reveal"]);
    assert_eq!(json.code, 0, "{}", json.all());
    assert_eq!(json.json()["access_token"], issued.access_token.as_str());
}

#[test]
fn token_show_reveals_a_refreshed_token_when_the_stored_one_is_due() {
    let setup = Setup::new("token-show-due");
    let issued = setup.sign_in_with_expiry(now() + 3600);
    let revealed = setup.run(&["token", "show", "--reveal"]);
    assert_eq!(revealed.code, 0, "{}", revealed.all());
    let shown = revealed.stdout.trim();
    assert_ne!(shown, issued.access_token);
    assert_eq!(setup.stored_tokens()["access_token"], shown);
}
