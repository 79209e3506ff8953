//! The program itself as a new user meets it: its version, its help, the
//! demo for scripts, a component file that is no component, the note that
//! the first run compiles, and the stand-in's short token lifetimes for
//! trying expiry from the shell.

mod cli_support;

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use cli_support::{Run, Setup, consent};
use host_tests::Pinterest;
use pinterest_standin::DEFAULT_CLIENT_SECRET;
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, ResponseTemplate};

/// The workspace's version, from its Cargo.toml.
fn workspace_version() -> String {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../Cargo.toml"))
        .expect("read the workspace's Cargo.toml");
    manifest
        .split("[workspace.package]")
        .nth(1)
        .and_then(|section| {
            section
                .lines()
                .find_map(|line| line.trim().strip_prefix("version = "))
        })
        .map(|v| v.trim_matches('"').to_owned())
        .expect("a workspace version")
}

fn run(mut command: Command) -> Run {
    Run::from_output(command.output().expect("run pinterest-connector"))
}

#[test]
fn the_version_is_the_workspaces() {
    let setup = Setup::new("version");
    let mut command = setup.isolated_command();
    command.arg("--version");
    let run = run(command);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(
        run.stdout.trim(),
        format!("pinterest-connector {}", workspace_version())
    );
}

#[test]
fn help_shows_each_command_only_the_options_it_takes() {
    let setup = Setup::new("help");
    let help = |args: &[&str]| {
        let mut command = setup.isolated_command();
        command.args(args).arg("--help");
        let run = run(command);
        assert_eq!(run.code, 0, "{}", run.all());
        run.stdout
    };
    let stand_in = help(&["stand-in"]);
    for global in [
        "--client-id",
        "--sandbox",
        "--api-base-url",
        "--token-file",
        "--json",
        "--component",
    ] {
        assert!(
            !stand_in.contains(global),
            "stand-in --help lists {global}:\n{stand_in}"
        );
    }
    assert!(stand_in.contains("--access-token-lifetime"), "{stand_in}");

    let demo = help(&["demo"]);
    assert!(!demo.contains("--sandbox"), "{demo}");
    assert!(demo.contains("--json"), "{demo}");

    // A command's own options first, then the global ones under their own
    // heading.
    let pin = help(&["pin", "create"]);
    let (own, global) = pin
        .split_once("Global options:")
        .unwrap_or_else(|| panic!("no Global options heading:\n{pin}"));
    assert!(
        own.contains("--title") && !own.contains("--client-id"),
        "{pin}"
    );
    assert!(
        global.contains("--client-id") && !global.contains("--title"),
        "{pin}"
    );

    // The settings' sources are explained.
    let top = help(&[]);
    assert!(top.contains("PINTEREST_API_BASE_URL"), "{top}");
    assert!(top.contains("else the config file"), "{top}");

    // Options a local command does not take are refused, not ignored.
    let mut command = setup.isolated_command();
    command.args(["stand-in", "--sandbox"]);
    let refused = run(command);
    assert_eq!(refused.code, 2, "{}", refused.all());
    assert!(
        refused.stderr.contains("does not take --sandbox"),
        "{}",
        refused.all()
    );
}

#[test]
fn the_demo_prints_json_for_scripts() {
    let setup = Setup::new("demo-json");
    let mut command = setup.local_command();
    command.args(["demo", "--json"]);
    let run = run(command);
    assert_eq!(run.code, 0, "{}", run.all());
    let document = run.json();
    let steps: Vec<u64> = document["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s["step"].as_u64())
        .collect();
    assert_eq!(steps, (1..=13).collect::<Vec<_>>());
    assert_eq!(document["steps"][5]["data"]["boards"], 53);
    assert_eq!(document["steps"][10]["data"]["sections_on_board"], 61);
    assert_eq!(document["steps"][11]["data"]["created"], false);
    assert_eq!(document["steps"][12]["data"]["media_type"], "video");
    assert!(document["requests"].as_u64().unwrap_or_default() > 0);
    cli_support::assert_masked(&run.all(), &[DEFAULT_CLIENT_SECRET]);
}

#[test]
fn a_component_file_that_is_no_component_is_named_shortly() {
    let setup = Setup::new("bad-component");
    let cases: [(&str, &[u8], &str); 3] = [
        (
            "notes.txt",
            b"hello, world\n",
            "it does not start with \\0asm",
        ),
        (
            "module.wasm",
            b"\0asm\x01\0\0\0",
            "it is a core WebAssembly module",
        ),
        (
            "broken.wasm",
            &[
                0, 97, 115, 109, 13, 0, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
            ],
            "could not be loaded",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = setup.dir.join(name);
        std::fs::write(&path, bytes).expect("write the file");
        let mut command = setup.command();
        command.arg("--component").arg(&path).arg("authorize");
        let run = run(command);
        assert_eq!(run.code, 1, "{name}: {}", run.all());
        assert!(run.stderr.contains(expected), "{name}: {}", run.all());
        assert!(run.stderr.contains("--component"), "{name}: {}", run.all());
        assert!(
            run.stderr.len() < 1200,
            "{name}: {} bytes:\n{}",
            run.stderr.len(),
            run.stderr
        );
        assert!(
            !run.stderr.contains("[0, "),
            "{name}: a byte dump:\n{}",
            run.stderr
        );
    }
}

#[test]
fn the_first_run_says_it_compiles() {
    let setup = Setup::new("first-run");
    let cache = setup.dir.join("empty-cache");
    let authorize = || {
        let mut command = setup.isolated_command();
        command
            .env("PINTEREST_APP_ID", "1")
            .arg("--cache-dir")
            .arg(&cache)
            .args(["authorize", "--json"]);
        run(command)
    };
    let first = authorize();
    assert_eq!(first.code, 0, "{}", first.all());
    assert!(
        first
            .stderr
            .contains("Compiling the connector component for this machine (the first run does this once; it takes a few seconds"),
        "{}",
        first.all()
    );
    let second = authorize();
    assert_eq!(second.code, 0, "{}", second.all());
    assert!(!second.stderr.contains("Compiling"), "{}", second.all());
}

#[test]
fn failures_of_the_code_exchange_read_as_sentences() {
    let setup = Setup::new("grammar");
    let server = Pinterest::start();
    server.mount(Mock::given(any()).respond_with(
        ResponseTemplate::new(502).set_body_json(json!({"code": 0, "message": "Bad gateway"})),
    ));
    let mut command = setup.command_against(&server.server.uri());
    command
        .env("PINTEREST_APP_ID", host_tests::CLIENT_ID)
        .env("PINTEREST_APP_SECRET", host_tests::CLIENT_SECRET)
        .args(["exchange", "--code", "a-code"]);
    let run = run(command);
    assert_eq!(run.code, 5, "{}", run.all());
    assert!(
        run.stderr
            .contains("Pinterest failed while exchanging the authorization code (502"),
        "{}",
        run.all()
    );
    assert!(
        !run.stderr.contains("while the code exchange"),
        "{}",
        run.all()
    );
}

/// A `stand-in` process and the settings it printed.
struct StandInProcess {
    child: Child,
    sandbox_api: String,
    consent_page: String,
    lifetimes: String,
}

impl StandInProcess {
    fn start(setup: &Setup, args: &[&str]) -> Self {
        let mut command = setup.isolated_command();
        let mut child = command
            .args(["stand-in", "--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the stand-in");
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, settings) = std::sync::mpsc::channel();
        // Reads on for as long as the stand-in prints its requests.
        std::thread::spawn(move || {
            let mut ready = false;
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if !ready {
                    ready = line.starts_with("Serving until Ctrl-C");
                    let _ = sender.send(line);
                }
            }
        });
        let field = |line: &str, name: &str| {
            line.trim()
                .strip_prefix(name)
                .map(|rest| rest.trim().to_owned())
        };
        let (mut sandbox_api, mut consent_page, mut lifetimes) =
            (String::new(), String::new(), String::new());
        for line in settings.iter() {
            if let Some(v) = field(&line, "sandbox API:") {
                sandbox_api = v;
            }
            if let Some(v) = field(&line, "consent page:") {
                consent_page = v;
            }
            if let Some(v) = field(&line, "token lifetimes:") {
                lifetimes = v;
            }
            if line.starts_with("Serving until Ctrl-C") {
                break;
            }
        }
        Self {
            child,
            sandbox_api,
            consent_page,
            lifetimes,
        }
    }
}

impl Drop for StandInProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_stand_in_can_issue_short_lived_tokens_from_the_shell() {
    let setup = Setup::new("stand-in-lifetimes");
    let pinterest = StandInProcess::start(
        &setup,
        &[
            "--access-token-lifetime",
            "2s",
            "--refresh-token-lifetime",
            "1h",
        ],
    );
    assert_eq!(pinterest.lifetimes, "access 2s, refresh 1h 00m");
    let cli = |args: &[&str]| {
        let mut command = setup.local_command();
        command
            .env("PINTEREST_APP_ID", pinterest_standin::DEFAULT_CLIENT_ID)
            .env("PINTEREST_APP_SECRET", DEFAULT_CLIENT_SECRET)
            .env("PINTEREST_ENVIRONMENT", "sandbox")
            .env("PINTEREST_API_BASE_URL", &pinterest.sandbox_api)
            .env("PINTEREST_AUTHORIZE_URL", &pinterest.consent_page)
            .env("PINTEREST_TOKEN_FILE", setup.token_file())
            .args(args);
        run(command)
    };
    let authorize = cli(&["authorize", "--json"]);
    let location = consent(authorize.json()["url"].as_str().unwrap_or_default());
    let code = location
        .split("code=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .unwrap_or_default()
        .to_owned();
    assert_eq!(cli(&["exchange", "--code", &code]).code, 0);
    let status = cli(&["token", "status", "--json"]);
    assert_eq!(status.json()["state"], "refresh-due");

    // Once the access token has expired, a command refreshes first.
    std::thread::sleep(Duration::from_secs(3));
    let whoami = cli(&["whoami"]);
    assert_eq!(whoami.code, 0, "{}", whoami.all());
    assert!(
        whoami.stderr.contains("Refreshed the access token"),
        "{}",
        whoami.all()
    );

    let mut command = setup.isolated_command();
    command.args(["stand-in", "--access-token-lifetime", "0"]);
    let refused = run(command);
    assert_eq!(refused.code, 2, "{}", refused.all());
}
