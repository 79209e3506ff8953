//! No spent grant is lost to a token file that cannot be written. The CLI
//! runs as the unprivileged user `nobody` (root ignores permission bits,
//! so a test as root would prove nothing) against a token file in a
//! directory `nobody` cannot write:
//!
//! - before anything is spent, `refresh`, the refresh inside an API
//!   command, `exchange` and `login` see that the file cannot be written
//!   and send nothing: the refresh token or code still works afterwards;
//! - when the directory turns unwritable after the check (the pause hook
//!   holds the CLI with Pinterest's answer in hand while the test takes
//!   the write permission away), the new tokens are kept in the state
//!   directory (or, failing that, the temporary directory), the message
//!   says where, and the next run uses them and moves them into place by
//!   itself once it can.

mod cli_support;

use std::io::{BufRead as _, BufReader, Read as _};
use std::os::unix::fs::PermissionsExt as _;
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use cli_support::{Run, Setup, consent, now};
use pinterest_connector_cli::{EXCHANGE_RESPONSE, PAUSE_ENV, PAUSE_UNTIL_ENV, REFRESH_RESPONSE};

/// The token endpoint of the sandbox stand-in.
const TOKEN_ENDPOINT: &str = "/sandbox/v5/oauth/token";

/// The user the CLI runs as.
#[derive(Clone, Copy)]
struct Nobody {
    uid: u32,
    gid: u32,
}

/// `nobody`, when this test runs as root (as CI does); otherwise `None`,
/// with a message saying the test is skipped and why.
fn nobody(test: &str) -> Option<Nobody> {
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!(
            "SKIPPED {test}: it runs the CLI as the user nobody to get a directory that really cannot be written, which needs root (CI runs as root)."
        );
        return None;
    }
    // SAFETY: a NUL-terminated name; the result is read at once.
    let entry = unsafe { libc::getpwnam(c"nobody".as_ptr()) };
    assert!(!entry.is_null(), "no user nobody on this machine");
    // SAFETY: getpwnam returned a valid entry.
    let (uid, gid) = unsafe { ((*entry).pw_uid, (*entry).pw_gid) };
    Some(Nobody { uid, gid })
}

impl Nobody {
    /// `command`, run as this user.
    fn run(self, mut command: Command) -> Run {
        command.uid(self.uid).gid(self.gid);
        Run::from_output(command.output().expect("run pinterest-connector as nobody"))
    }

    /// Gives `path` to this user.
    fn own(self, path: &Path) {
        std::os::unix::fs::chown(path, Some(self.uid), Some(self.gid)).expect("chown");
    }
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("read the token file")
}

/// A scratch setup whose token file (due for refresh unless `fresh`)
/// belongs to `nobody`, in a directory of root's that `nobody` cannot
/// write; the state directory is `nobody`'s.
fn locked_setup(name: &str, user: Nobody, expires_at: u64) -> Setup {
    let setup = Setup::new(name);
    setup.sign_in_with_expiry(expires_at);
    user.own(&setup.token_file());
    let state = setup.dir.join("state");
    std::fs::create_dir_all(&state).expect("state dir");
    user.own(&state);
    setup
}

/// A CLI held by the pause hook with Pinterest's answer in hand, until the
/// test lets it go on.
struct Held {
    child: std::process::Child,
    stderr: std::io::Lines<BufReader<std::process::ChildStderr>>,
    go: PathBuf,
}

impl Held {
    /// Starts `command` as `user`, paused at `point`, and waits until it is.
    fn at(mut command: Command, user: Nobody, point: &str, go: PathBuf) -> Self {
        let _ = std::fs::remove_file(&go);
        let mut child = command
            .uid(user.uid)
            .gid(user.gid)
            .env(PAUSE_ENV, point)
            .env(PAUSE_UNTIL_ENV, &go)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn pinterest-connector");
        let stderr = child.stderr.take().expect("piped stderr");
        let mut lines = BufReader::new(stderr).lines();
        let mut seen = Vec::new();
        loop {
            match lines.next() {
                Some(Ok(line)) if line.contains(&format!("paused at {point}")) => break,
                Some(Ok(line)) => seen.push(line),
                _ => panic!("the CLI ended before pausing:\n{}", seen.join("\n")),
            }
        }
        Self {
            child,
            stderr: lines,
            go,
        }
    }

    /// Lets it go on and waits for the end.
    fn resume(mut self) -> Run {
        std::fs::write(&self.go, "").expect("create the resume file");
        let mut stdout = String::new();
        if let Some(mut out) = self.child.stdout.take() {
            out.read_to_string(&mut stdout).expect("read stdout");
        }
        let stderr: Vec<String> = self.stderr.by_ref().map_while(Result::ok).collect();
        let status = self.child.wait().expect("wait for the CLI");
        Run {
            code: status.code().unwrap_or(-1),
            stdout,
            stderr: stderr.join("\n"),
        }
    }
}

/// The kept copies in `dir` (`tokens-….json`).
fn kept_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("tokens-") && n.ends_with(".json"))
        })
        .collect()
}

#[test]
fn nothing_is_spent_while_the_token_file_cannot_be_written() {
    let Some(user) = nobody("nothing_is_spent_while_the_token_file_cannot_be_written") else {
        return;
    };
    let setup = locked_setup("unwritable-before", user, now() + 3600);
    let before = read(&setup.token_file());

    // `refresh`: refused before the request, saying why and what to do.
    let mut command = setup.command();
    command.arg("refresh");
    let run = user.run(command);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stderr.contains("cannot be written"), "{}", run.all());
    assert!(
        run.stderr.contains("so the refresh was not sent"),
        "{}",
        run.all()
    );
    assert!(run.stderr.contains("Permission denied"), "{}", run.all());

    // An API command with tokens due: the access token carries it, with a
    // warning; nothing is spent.
    let mut command = setup.command();
    command.arg("whoami");
    let run = user.run(command);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stderr
            .contains("warning: the tokens were due for refresh, which failed"),
        "{}",
        run.all()
    );
    assert!(run.stderr.contains("cannot be written"), "{}", run.all());

    // An expired access token: the command stops, still spending nothing.
    setup.sign_in_with_expiry(now() - 60);
    user.own(&setup.token_file());
    let expired = read(&setup.token_file());
    let mut command = setup.command();
    command.arg("boards");
    let run = user.run(command);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stderr.contains("cannot be written"), "{}", run.all());

    assert_eq!(setup.pinterest.request_count("POST", TOKEN_ENDPOINT), 0);
    assert_eq!(read(&setup.token_file()), expired);

    // The refresh tokens were never spent: root, who can write, refreshes.
    std::fs::write(setup.token_file(), &before).expect("restore the first tokens");
    let run = setup.run(&["refresh"]);
    assert_eq!(run.code, 0, "{}", run.all());
}

#[test]
fn a_code_is_not_exchanged_while_the_token_file_cannot_be_written() {
    let Some(user) = nobody("a_code_is_not_exchanged_while_the_token_file_cannot_be_written")
    else {
        return;
    };
    let setup = Setup::new("unwritable-exchange");
    let authorize = setup.run(&["authorize", "--json"]);
    assert_eq!(authorize.code, 0, "{}", authorize.all());
    let location = consent(authorize.json()["url"].as_str().unwrap_or_default());
    let code = location
        .split("code=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .unwrap_or_default()
        .to_owned();

    let mut command = setup.command();
    command.args(["exchange", "--code", &code]);
    let run = user.run(command);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stderr.contains("so the code was not sent"),
        "{}",
        run.all()
    );
    assert_eq!(setup.pinterest.request_count("POST", TOKEN_ENDPOINT), 0);

    // `login` says so before the consent page, where the user would spend
    // a code.
    let mut command = setup.command();
    command.args(["login", "--no-browser", "--timeout", "1"]);
    let run = user.run(command);
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(
        run.stderr.contains("so the consent request was not sent"),
        "{}",
        run.all()
    );
    assert!(!run.stdout.contains("/oauth/?"), "{}", run.all());

    // The code is unspent: exchanged by root, it works.
    let run = setup.run(&["exchange", "--code", &code]);
    assert_eq!(run.code, 0, "{}", run.all());
}

#[test]
fn new_tokens_that_cannot_be_saved_are_kept_and_found_by_the_next_run() {
    let Some(user) = nobody("new_tokens_that_cannot_be_saved_are_kept_and_found_by_the_next_run")
    else {
        return;
    };
    let setup = locked_setup("unwritable-after", user, now() + 3600);
    // The check before the request passes: nobody owns the directory.
    user.own(&setup.dir);
    chmod(&setup.dir, 0o700);
    let state = setup.dir.join("state").join("pinterest-connector");

    // Pinterest rotates the refresh token; then the directory turns
    // read-only before the CLI writes.
    let mut command = setup.command();
    command.arg("refresh");
    let held = Held::at(command, user, REFRESH_RESPONSE, setup.dir.join("go"));
    chmod(&setup.dir, 0o500);
    let run = held.resume();
    assert_eq!(run.code, 1, "{}", run.all());
    assert_eq!(setup.pinterest.request_count("POST", TOKEN_ENDPOINT), 1);
    let kept = kept_in(&state);
    assert_eq!(kept.len(), 1, "{}", run.all());
    let message = run.all();
    assert!(
        message.contains("Could not write the token file"),
        "{message}"
    );
    assert!(
        message.contains(&format!("kept in {}", kept[0].display())),
        "{message}"
    );
    assert!(
        message.contains("finds them and uses them by itself"),
        "{message}"
    );
    assert_eq!(cli_support::mode(&kept[0]), 0o600);
    let rotated: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&kept[0]).expect("read the kept copy"))
            .expect("JSON");
    let secret = |field: &str| {
        rotated["tokens"][field]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    };
    cli_support::assert_masked(
        &message,
        &[
            &secret("access_token"),
            &secret("refresh_token"),
            setup.pinterest.client_secret(),
        ],
    );

    // The next run, the directory still read-only: it uses the kept tokens.
    let mut command = setup.command();
    command.arg("whoami");
    let run = user.run(command);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stderr.contains("using the tokens kept in"),
        "{}",
        run.all()
    );
    assert!(!run.stderr.contains("Refreshed"), "{}", run.all());

    // Once it can write, the next run moves them into place.
    chmod(&setup.dir, 0o700);
    let mut command = setup.command();
    command.args(["token", "status"]);
    let run = user.run(command);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stderr.contains("Moved the tokens kept in"),
        "{}",
        run.all()
    );
    assert!(kept_in(&state).is_empty());
    assert_eq!(setup.stored_tokens(), rotated["tokens"]);

    // And the kept refresh token is the live one.
    let mut command = setup.command();
    command.arg("refresh");
    let run = user.run(command);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(setup.pinterest.request_count("POST", TOKEN_ENDPOINT), 2);
}

#[test]
fn a_refresh_inside_a_command_keeps_its_tokens_even_in_the_temporary_directory() {
    let Some(user) =
        nobody("a_refresh_inside_a_command_keeps_its_tokens_even_in_the_temporary_directory")
    else {
        return;
    };
    let setup = locked_setup("unwritable-auto", user, now() + 3600);
    user.own(&setup.dir);
    chmod(&setup.dir, 0o700);
    // The state directory cannot be written either: the temporary
    // directory takes the tokens.
    chmod(&setup.dir.join("state"), 0o500);
    let temp = setup.dir.join("temp");
    std::fs::create_dir_all(&temp).expect("temp dir");
    user.own(&temp);

    let mut command = setup.command();
    // No writable home either.
    command
        .env("TMPDIR", &temp)
        .env("HOME", setup.dir.join("state"))
        .arg("whoami");
    let held = Held::at(command, user, REFRESH_RESPONSE, setup.dir.join("go"));
    chmod(&setup.dir, 0o500);
    let run = held.resume();
    // The new access token carries the command.
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("standin_studio"), "{}", run.all());
    let kept = kept_in(&temp.join(format!("pinterest-connector-{}", user.uid)));
    assert_eq!(kept.len(), 1, "{}", run.all());
    assert!(
        run.stderr
            .contains(&format!("kept in {}", kept[0].display())),
        "{}",
        run.all()
    );

    chmod(&setup.dir, 0o700);
    let mut command = setup.command();
    command
        .env("TMPDIR", &temp)
        .env("HOME", setup.dir.join("state"))
        .arg("refresh");
    let run = user.run(command);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stderr.contains("Moved the tokens kept in"),
        "{}",
        run.all()
    );
}

#[test]
fn an_exchanged_code_whose_tokens_cannot_be_saved_is_not_wasted() {
    let Some(user) = nobody("an_exchanged_code_whose_tokens_cannot_be_saved_is_not_wasted") else {
        return;
    };
    let setup = Setup::new("unwritable-exchange-after");
    let state = setup.dir.join("state");
    std::fs::create_dir_all(&state).expect("state dir");
    user.own(&state);
    user.own(&setup.dir);
    let authorize = setup.run(&["authorize", "--json"]);
    let location = consent(authorize.json()["url"].as_str().unwrap_or_default());
    let code = location
        .split("code=")
        .nth(1)
        .and_then(|rest| rest.split('&').next())
        .unwrap_or_default()
        .to_owned();

    let mut command = setup.command();
    command.args(["exchange", "--code", &code]);
    let held = Held::at(command, user, EXCHANGE_RESPONSE, setup.dir.join("go"));
    chmod(&setup.dir, 0o500);
    let run = held.resume();
    assert_eq!(run.code, 1, "{}", run.all());
    assert!(run.stderr.contains("kept in"), "{}", run.all());
    assert!(!setup.token_file().exists());

    // The next run signs in with the kept tokens.
    let mut command = setup.command();
    command.arg("whoami");
    let run = user.run(command);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("standin_studio"), "{}", run.all());
    chmod(&setup.dir, 0o700);
    let mut command = setup.command();
    command.args(["token", "status"]);
    let run = user.run(command);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(setup.token_file().exists());
    assert_eq!(setup.pinterest.request_count("POST", TOKEN_ENDPOINT), 1);
}
