//! The token file survives crashes and failures. The CLI is killed with
//! `SIGKILL` at the two moments that matter during a refresh — Pinterest's
//! answer in hand but nothing written, and the new tokens flushed to the
//! temporary file but not yet renamed — using the documented crash-test
//! hook `PINTEREST_CONNECTOR_PAUSE_AT`, which parks the process at that
//! point. The old file is always whole; the next run completes an
//! interrupted rename, removes torn leftovers, and keeps working on the
//! access token when the rotation was lost. A refresh that fails never
//! touches the file.

mod cli_support;

use std::io::{BufRead as _, BufReader};
use std::os::unix::process::ExitStatusExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStderr, Command, Stdio};

use cli_support::{Setup, assert_masked, free_port, mode, now, write_private};
use pinterest_connector_cli::{PAUSE_ENV, REFRESH_RESPONSE, TOKEN_RENAME};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

/// The token endpoint of the sandbox stand-in.
const TOKEN_ENDPOINT: &str = "/sandbox/v5/oauth/token";

/// A CLI parked by the pause hook.
struct Paused {
    child: Child,
    stderr: std::io::Lines<BufReader<ChildStderr>>,
}

impl Paused {
    /// Runs `command` with the pause hook at `point` and waits until it
    /// says it is parked there.
    fn at(mut command: Command, point: &str) -> Self {
        let mut child = command
            .env(PAUSE_ENV, point)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn pinterest-connector");
        let stderr = child.stderr.take().expect("piped stderr");
        let mut paused = Self {
            child,
            stderr: BufReader::new(stderr).lines(),
        };
        paused.read_until(&format!("paused at {point}"));
        paused
    }

    /// Reads standard error until a line containing `text`.
    fn read_until(&mut self, text: &str) {
        let mut seen = Vec::new();
        for line in self.stderr.by_ref() {
            let line = line.expect("read stderr");
            if line.contains(text) {
                return;
            }
            seen.push(line);
        }
        panic!(
            "the CLI ended ({:?}) before saying {text:?}:\n{}",
            self.child.wait(),
            seen.join("\n")
        );
    }

    /// Kills it with `SIGKILL`.
    fn kill(mut self) {
        self.child.kill().expect("SIGKILL");
        let status = self.child.wait().expect("wait");
        assert_eq!(status.signal(), Some(libc::SIGKILL), "{status:?}");
    }
}

/// Runs `command` with the pause hook at `point`, waits until it is parked
/// there, and kills it with `SIGKILL`.
fn kill_when_paused(command: Command, point: &str) {
    Paused::at(command, point).kill();
}

/// The temporary files next to the token file.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("list the scratch dir")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "tmp"))
        .collect();
    found.sort();
    found
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("read the token file")
}

/// The pid of a process that has exited.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().expect("spawn true");
    let pid = child.id();
    child.wait().expect("wait for true");
    pid
}

#[test]
fn killed_once_the_refresh_answer_arrived_the_old_file_is_whole() {
    let setup = Setup::new("kill-after-answer");
    // Due for refresh: the access token expires within the hour.
    let issued = setup.sign_in_with_expiry(now() + 3600);
    let before = read(&setup.token_file());

    let mut command = setup.command();
    command.arg("whoami");
    kill_when_paused(command, REFRESH_RESPONSE);

    // Pinterest rotated; the file is exactly what it was.
    assert_eq!(setup.pinterest.request_count("POST", TOKEN_ENDPOINT), 1);
    assert_eq!(read(&setup.token_file()), before);
    assert_eq!(mode(&setup.token_file()), 0o600);
    assert!(temporaries(&setup.dir).is_empty());

    // The next run: the file's refresh token was spent, but its access
    // token still works, so the command does its job and says what to do.
    let next = setup.run(&["whoami"]);
    assert_eq!(next.code, 0, "{}", next.all());
    assert!(
        next.stderr
            .contains("warning: the tokens were due for refresh, which failed"),
        "{}",
        next.all()
    );
    assert!(
        next.stderr.contains("pinterest-connector login"),
        "{}",
        next.all()
    );
    assert_masked(&next.all(), &[&issued.access_token, &issued.refresh_token]);
    // The refused refresh left the file alone.
    assert_eq!(read(&setup.token_file()), before);
}

#[test]
fn killed_before_the_rename_the_next_run_completes_it() {
    let setup = Setup::new("kill-before-rename");
    let issued = setup.sign_in_with_expiry(now() + 3600);
    let before = read(&setup.token_file());

    let mut command = setup.command();
    command.arg("whoami");
    kill_when_paused(command, TOKEN_RENAME);

    // The old file is whole; the new tokens are flushed beside it.
    assert_eq!(read(&setup.token_file()), before);
    let left = temporaries(&setup.dir);
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(mode(&left[0]), 0o600);
    let rotated: Value = serde_json::from_str(&read(&left[0])).expect("complete JSON");
    assert_ne!(rotated["refresh_token"], issued.refresh_token.as_str());

    // The next run finishes the replacement before anything else.
    let status = setup.run(&["token", "status", "--json"]);
    assert_eq!(status.code, 0, "{}", status.all());
    assert_eq!(status.json()["state"], "fresh");
    assert!(
        status
            .stderr
            .contains("Recovered the tokens of an interrupted save"),
        "{}",
        status.all()
    );
    assert!(temporaries(&setup.dir).is_empty());
    assert_eq!(setup.stored_tokens(), rotated);
    assert_eq!(mode(&setup.token_file()), 0o600);

    // The recovered refresh token is the live one.
    let refresh = setup.run(&["refresh"]);
    assert_eq!(refresh.code, 0, "{}", refresh.all());
    assert_eq!(setup.pinterest.request_count("POST", TOKEN_ENDPOINT), 2);
}

#[test]
fn ctrl_c_during_a_refresh_waits_for_the_tokens() {
    let setup = Setup::new("ctrl-c");
    setup.sign_in_with_expiry(now() + 3600);
    let mut command = setup.command();
    command.arg("whoami");
    let mut paused = Paused::at(command, REFRESH_RESPONSE);
    // SAFETY: signals a child process this test started and still owns.
    let sent = unsafe { libc::kill(paused.child.id() as libc::pid_t, libc::SIGINT) };
    assert_eq!(sent, 0);
    // Held off, not obeyed: the process says why it carries on.
    paused.read_until("Saving the new tokens before stopping");
    assert!(paused.child.try_wait().expect("poll").is_none());
    paused.kill();
}

#[test]
fn leftovers_of_dead_writers_are_removed_unless_newer_and_live_ones_kept() {
    let setup = Setup::new("leftovers");
    setup.sign_in();
    let before = read(&setup.token_file());
    let stored = setup.stored_tokens();
    let name = |pid: u32| setup.dir.join(format!(".tokens.json.{pid}.tmp"));

    // Torn mid-write by a kill.
    let torn = name(dead_pid());
    write_private(&torn, r#"{"environment": "sandbox", "access_tok"#);
    // Complete, but older than the file: a stale copy.
    let mut older = stored.clone();
    older["expires_at"] = json!(stored["expires_at"].as_u64().unwrap_or_default() - 1000);
    older["access_token"] = json!("pina_OLDER");
    let stale = name(dead_pid());
    write_private(&stale, &older.to_string());
    // A writer still running (this test): not ours to touch.
    let live = name(std::process::id());
    write_private(&live, &stored.to_string());

    let run = setup.run(&["token", "status"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(!run.stderr.contains("Recovered"), "{}", run.all());
    assert!(!torn.exists() && !stale.exists());
    assert!(live.exists());
    assert_eq!(read(&setup.token_file()), before);
}

/// Every way a refresh can fail leaves the token file byte for byte as it
/// was, with no temporary file behind.
#[test]
fn a_refresh_that_fails_never_overwrites_good_tokens() {
    let setup = Setup::new("failed-refresh");
    setup.sign_in();
    let before = read(&setup.token_file());
    let assert_untouched = |what: &str, run: &cli_support::Run, code: i32| {
        assert_eq!(run.code, code, "{what}: {}", run.all());
        assert_eq!(read(&setup.token_file()), before, "{what}");
        assert!(temporaries(&setup.dir).is_empty(), "{what}");
    };

    // Pinterest refuses the app's credentials.
    let mut command = setup.bare_command();
    command
        .args(["--client-id", setup.pinterest.client_id()])
        .args(["--client-secret", "not-the-secret", "refresh"]);
    let run = cli_support::Run::from_output(command.output().expect("run"));
    assert_untouched("wrong secret", &run, 3);

    // Nothing listens at the API address.
    let unreachable = format!("http://127.0.0.1:{}", free_port());
    let mut command = setup.command_with_api(&unreachable);
    command.arg("refresh");
    let run = cli_support::Run::from_output(command.output().expect("run"));
    assert_untouched("unreachable", &run, 5);

    // Answers that are no token set.
    let answers = [
        (
            "500",
            ResponseTemplate::new(500)
                .set_body_json(json!({"code": 0, "message": "Internal error"})),
            5,
        ),
        (
            "truncated JSON",
            ResponseTemplate::new(200)
                .set_body_raw(r#"{"access_token": "pina_NEW", "expi"#, "application/json"),
            5,
        ),
        (
            "HTML",
            ResponseTemplate::new(200).set_body_raw("<html>maintenance</html>", "text/html"),
            5,
        ),
        (
            "invalid_grant",
            ResponseTemplate::new(400).set_body_json(
                json!({"code": 1, "message": "Invalid refresh token", "error": "invalid_grant"}),
            ),
            3,
        ),
    ];
    for (what, answer, code) in answers {
        let pinterest = host_tests::Pinterest::start();
        pinterest.mount(
            Mock::given(method("POST"))
                .and(path("/v5/oauth/token"))
                .respond_with(answer),
        );
        let mut command = setup.command_with_api(&pinterest.server.uri());
        command.arg("refresh");
        let run = cli_support::Run::from_output(command.output().expect("run"));
        assert_untouched(what, &run, code);
        assert_eq!(pinterest.requests().len(), 1, "{what}");
    }
}

#[test]
fn a_refresh_without_a_new_refresh_token_keeps_the_old_one() {
    let setup = Setup::new("no-rotation");
    let issued = setup.sign_in();
    let pinterest = host_tests::Pinterest::start();
    pinterest.mount(
        Mock::given(method("POST"))
            .and(path("/v5/oauth/token"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "access_token": "pina_NEWACCESSTOKENwithoutRotation",
                "token_type": "bearer",
                "expires_in": 2_592_000,
                "scope": "boards:read,boards:write,pins:read,pins:write,user_accounts:read"
            }))),
    );
    let mut command = setup.command_with_api(&pinterest.server.uri());
    command.arg("refresh");
    let run = cli_support::Run::from_output(command.output().expect("run"));
    assert_eq!(run.code, 0, "{}", run.all());
    let stored = setup.stored_tokens();
    assert_eq!(stored["access_token"], "pina_NEWACCESSTOKENwithoutRotation");
    assert_eq!(stored["refresh_token"], issued.refresh_token.as_str());
    assert_eq!(
        stored["refresh_token_expires_at"],
        issued.refresh_token_expires_at
    );
}
