//! Settings are given once: a profile in the config file (environment, API
//! base URL, consent URL, token file, default board, credentials) read from
//! the default place, `$PINTEREST_CONFIG` or `--config`; each overridden by
//! its environment variable, and that by its flag. A key the program does
//! not know is refused by name, with the right spelling where it is one of
//! its keys spelled otherwise.

mod cli_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use cli_support::{Run, Setup, consent};
use serde_json::json;

/// Another public board of the stand-in.
const OTHER_BOARD: &str = "549755885101";
/// A third one.
const THIRD_BOARD: &str = "549755885103";

/// The profile for the stand-in's sandbox, written to `path`.
fn write_profile(setup: &Setup, path: &Path) {
    std::fs::create_dir_all(path.parent().expect("a directory")).expect("config dir");
    let profile = json!({
        "clientId": setup.pinterest.client_id(),
        "clientSecret": setup.pinterest.client_secret(),
        "environment": "sandbox",
        "apiBaseUrl": setup.pinterest.sandbox_base_url(),
        "authorizeUrl": setup.pinterest.authorize_url(),
        "tokenFile": "my-tokens.json",
        "board": cli_support::BOARD,
    });
    std::fs::write(path, profile.to_string()).expect("write the profile");
}

/// The CLI with no flag but `args`.
fn run(setup: &Setup, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut command: Command = setup.local_command();
    command.envs(env.iter().copied()).args(args);
    Run::from_output(command.output().expect("run pinterest-connector"))
}

/// Signs in with the settings in force (no flag), through `authorize`, the
/// consent page and `exchange`.
fn sign_in(setup: &Setup, env: &[(&str, &str)]) {
    let authorize = run(setup, &["authorize", "--json"], env);
    assert_eq!(authorize.code, 0, "{}", authorize.all());
    let location = consent(authorize.json()["url"].as_str().unwrap_or_default());
    let code = location
        .split("code=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .unwrap_or_default()
        .to_owned();
    let exchange = run(setup, &["exchange", "--code", &code], env);
    assert_eq!(exchange.code, 0, "{}", exchange.all());
}

fn default_profile(setup: &Setup) -> PathBuf {
    setup
        .dir
        .join("config")
        .join("pinterest-connector")
        .join("config.json")
}

#[test]
fn a_profile_in_the_default_config_file_replaces_every_flag() {
    let setup = Setup::new("settings-profile");
    let profile = default_profile(&setup);
    write_profile(&setup, &profile);

    sign_in(&setup, &[]);
    // The token file is the profile's, relative to the profile.
    let tokens = profile.with_file_name("my-tokens.json");
    let stored: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&tokens).expect("the profile's token file"))
            .expect("JSON");
    assert_eq!(stored["environment"], "sandbox");
    assert_eq!(
        setup
            .pinterest
            .request_count("POST", "/sandbox/v5/oauth/token"),
        1
    );

    let whoami = run(&setup, &["whoami"], &[]);
    assert_eq!(whoami.code, 0, "{}", whoami.all());
    assert!(whoami.stdout.contains("sandbox"), "{}", whoami.all());

    // The default board, then the environment's, then the flag's.
    let image = ["pin", "create", "--image-url", "https://example.com/a.jpg"];
    assert_eq!(run(&setup, &image, &[]).code, 0);
    assert_eq!(
        run(&setup, &image, &[("PINTEREST_BOARD", OTHER_BOARD)]).code,
        0
    );
    let mut flagged = image.to_vec();
    flagged.extend(["--board", THIRD_BOARD]);
    assert_eq!(
        run(&setup, &flagged, &[("PINTEREST_BOARD", OTHER_BOARD)]).code,
        0
    );
    let boards: Vec<String> = setup
        .pinterest
        .pins()
        .into_iter()
        .map(|p| p.board_id)
        .collect();
    assert_eq!(boards, [cli_support::BOARD, OTHER_BOARD, THIRD_BOARD]);

    // The environment variable beats the profile, the flag beats both.
    let production = run(
        &setup,
        &["whoami"],
        &[("PINTEREST_ENVIRONMENT", "production")],
    );
    assert_eq!(production.code, 3, "{}", production.all());
    assert!(
        production.stderr.contains("were issued for sandbox"),
        "{}",
        production.all()
    );
    let back = run(
        &setup,
        &["whoami", "--sandbox"],
        &[("PINTEREST_ENVIRONMENT", "production")],
    );
    assert_eq!(back.code, 0, "{}", back.all());
}

#[test]
fn the_config_file_can_be_named_by_the_environment_or_a_flag() {
    let setup = Setup::new("settings-named");
    let elsewhere = setup.dir.join("elsewhere").join("pinterest.json");
    write_profile(&setup, &elsewhere);
    let named = elsewhere.to_str().expect("UTF-8 path");
    sign_in(&setup, &[("PINTEREST_CONFIG", named)]);
    assert!(elsewhere.with_file_name("my-tokens.json").is_file());
    let whoami = run(&setup, &["whoami", "--config", named], &[]);
    assert_eq!(whoami.code, 0, "{}", whoami.all());
    // Without it, nothing is set: no credentials, no tokens.
    let none = run(&setup, &["whoami"], &[]);
    assert_eq!(none.code, 3, "{}", none.all());
}

#[test]
fn unknown_keys_are_refused_by_name() {
    let setup = Setup::new("settings-keys");
    let profile = default_profile(&setup);
    std::fs::create_dir_all(profile.parent().expect("dir")).expect("config dir");
    let refused = |text: &str, expected: &[&str]| {
        std::fs::write(&profile, text).expect("write the profile");
        let run = run(&setup, &["whoami"], &[]);
        assert_eq!(run.code, 2, "{text}: {}", run.all());
        for part in expected {
            assert!(
                run.stderr.contains(part),
                "{text}: {part:?} in {}",
                run.all()
            );
        }
    };
    refused(
        r#"{"client_id": "1484362", "client_secret": "s"}"#,
        &["unknown key \"client_id\"", "Spell it \"clientId\""],
    );
    refused(
        r#"{"clientId": "1484362", "api_base_url": "http://127.0.0.1:1"}"#,
        &["\"api_base_url\"", "\"apiBaseUrl\""],
    );
    refused(
        r#"{"clientId": "1484362", "sandbox": true}"#,
        &["unknown key \"sandbox\"", "environment"],
    );
    refused(
        r#"{"environment": "staging"}"#,
        &["\"environment\" in", "production or sandbox"],
    );
}
