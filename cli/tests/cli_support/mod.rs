//! Shared setup for the command-line tests: the `pinterest-connector`
//! binary run as a child process against an in-process Pinterest stand-in,
//! a scratch directory per test, and a token file written as `login` would.

#![allow(dead_code)]

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Output, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use pinterest_standin::{Environment, IssuedTokens, StandIn, StandInOptions};

/// Every scope the connector's default login asks for.
pub const SCOPES: [&str; 5] = [
    "boards:read",
    "boards:write",
    "pins:read",
    "pins:write",
    "user_accounts:read",
];
/// A public board of the stand-in.
pub const BOARD: &str = "549755885100";

/// Unix seconds now.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// Where the compiled component is cached for every CLI run of the tests
/// (the directory the other integration tests cache it in too).
fn cache_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("component-cache")
}

/// Compiles the component into the cache once per test binary, so that
/// parallel tests do not all compile it at once.
fn warm_cache() {
    static WARM: OnceLock<()> = OnceLock::new();
    WARM.get_or_init(|| {
        let output = Command::new(env!("CARGO_BIN_EXE_pinterest-connector"))
            .args(["--client-id", "1", "--cache-dir"])
            .arg(cache_dir())
            .args(["authorize", "--json"])
            .env_remove("PINTEREST_APP_ID")
            .env_remove("PINTEREST_APP_SECRET")
            .output()
            .expect("run pinterest-connector");
        assert!(output.status.success(), "warm-up failed: {output:?}");
    });
}

/// A fresh scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "cli-{name}-{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// A finished run: exit code and both outputs.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The run that produced `output`.
    pub fn from_output(output: Output) -> Self {
        Self {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Both outputs, for assertions and failure messages.
    pub fn all(&self) -> String {
        format!("{}\n{}", self.stdout, self.stderr)
    }

    /// Standard output as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.all()))
    }
}

/// A stand-in and the settings to reach it.
pub struct Setup {
    pub pinterest: StandIn,
    pub dir: PathBuf,
    pub environment: Environment,
}

impl Setup {
    /// A default stand-in, the sandbox, and a scratch directory.
    pub fn new(name: &str) -> Self {
        Self::with(name, StandInOptions::default(), Environment::Sandbox)
    }

    /// A stand-in with `options`, talking to `environment`.
    pub fn with(name: &str, options: StandInOptions, environment: Environment) -> Self {
        warm_cache();
        Self {
            pinterest: StandIn::start(options).expect("start the stand-in"),
            dir: scratch(name),
            environment,
        }
    }

    /// The token file of this test.
    pub fn token_file(&self) -> PathBuf {
        self.dir.join("tokens.json")
    }

    /// The CLI with the app's credentials in the environment and the
    /// stand-in's URLs, sandbox or not, and this test's token file.
    pub fn command(&self) -> Command {
        let mut command = self.bare_command();
        command
            .env("PINTEREST_APP_ID", self.pinterest.client_id())
            .env("PINTEREST_APP_SECRET", self.pinterest.client_secret());
        command
    }

    /// The CLI without credentials.
    pub fn bare_command(&self) -> Command {
        self.bare_command_in(self.environment)
    }

    /// The CLI without credentials, talking to `environment`.
    pub fn bare_command_in(&self, environment: Environment) -> Command {
        self.command_to(&self.pinterest.api_base_url(environment), environment)
    }

    /// The CLI with the app's credentials and this test's token file, its
    /// API calls sent to `api_base_url` instead of the stand-in.
    pub fn command_with_api(&self, api_base_url: &str) -> Command {
        let mut command = self.command_to(api_base_url, self.environment);
        command
            .env("PINTEREST_APP_ID", self.pinterest.client_id())
            .env("PINTEREST_APP_SECRET", self.pinterest.client_secret());
        command
    }

    fn command_to(&self, api_base_url: &str, environment: Environment) -> Command {
        let mut command = self.isolated_command();
        command
            .arg("--cache-dir")
            .arg(cache_dir())
            .arg("--api-base-url")
            .arg(api_base_url)
            .arg("--authorize-url")
            .arg(self.pinterest.authorize_url())
            .arg("--token-file")
            .arg(self.token_file());
        if environment == Environment::Sandbox {
            command.arg("--sandbox");
        }
        command
    }

    /// The CLI with no setting from this process's environment: the
    /// program's variables removed, its config, state and temporary
    /// directories in this test's scratch directory, no option given.
    pub fn isolated_command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_pinterest-connector"));
        for name in pinterest_connector_cli::env_names() {
            command.env_remove(name);
        }
        command
            .env_remove(pinterest_connector_cli::PAUSE_ENV)
            .env_remove(pinterest_connector_cli::PAUSE_UNTIL_ENV)
            .env_remove(pinterest_connector_cli::COMPONENT_ENV)
            .env("XDG_CONFIG_HOME", self.dir.join("config"))
            .env("XDG_STATE_HOME", self.dir.join("state"));
        command
    }

    /// The CLI for the commands that run their own stand-in (`demo`,
    /// `stand-in`): isolated, with the shared compiled-code cache only.
    pub fn local_command(&self) -> Command {
        let mut command = self.isolated_command();
        command.arg("--cache-dir").arg(cache_dir());
        command
    }

    /// The CLI without credentials, talking to `api_base_url` (any server,
    /// not the stand-in) in production, with this test's token file.
    pub fn command_against(&self, api_base_url: &str) -> Command {
        self.command_to(api_base_url, Environment::Production)
    }

    /// Runs the CLI with `args` to the end.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::from_output(
            self.command()
                .args(args)
                .output()
                .expect("run pinterest-connector"),
        )
    }

    /// Issues tokens at the stand-in and stores them as `login` would,
    /// with the access token expiring at `expires_at` (as the file says).
    pub fn sign_in_with_expiry(&self, expires_at: u64) -> IssuedTokens {
        let issued = self.pinterest.issue_tokens(self.environment, &SCOPES);
        let environment = match self.environment {
            Environment::Production => "production",
            Environment::Sandbox => "sandbox",
        };
        let file = serde_json::json!({
            "environment": environment,
            "client_id": self.pinterest.client_id(),
            "access_token": issued.access_token,
            "token_type": "bearer",
            "scopes": SCOPES,
            "expires_at": expires_at,
            "refresh_token": issued.refresh_token,
            "refresh_token_expires_at": issued.refresh_token_expires_at,
        });
        write_private(&self.token_file(), &file.to_string());
        issued
    }

    /// Issues tokens at the stand-in and stores them as `login` would.
    pub fn sign_in(&self) -> IssuedTokens {
        self.sign_in_with_expiry(now() + pinterest_standin::ACCESS_TOKEN_SECONDS)
    }

    /// The token file as JSON.
    pub fn stored_tokens(&self) -> serde_json::Value {
        let text = std::fs::read_to_string(self.token_file()).expect("read the token file");
        serde_json::from_str(&text).expect("token file is JSON")
    }
}

/// Writes `text` to `path` with mode 0600.
pub fn write_private(path: &Path, text: &str) {
    use std::io::Write as _;
    use std::os::unix::fs::OpenOptionsExt as _;
    let _ = std::fs::remove_file(path);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .expect("create a private file");
    file.write_all(text.as_bytes())
        .expect("write a private file");
}

/// The permission bits of `path`.
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path)
        .expect("stat the file")
        .permissions()
        .mode()
        & 0o777
}

/// A running CLI whose standard output is read line by line.
pub struct Spawned {
    pub child: Child,
    pub lines: std::io::Lines<BufReader<ChildStdout>>,
    pub seen: Vec<String>,
}

impl Spawned {
    /// Starts `command` with standard output piped.
    pub fn start(mut command: Command) -> Self {
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn pinterest-connector");
        let stdout = child.stdout.take().expect("piped stdout");
        Self {
            child,
            lines: BufReader::new(stdout).lines(),
            seen: Vec::new(),
        }
    }

    /// Reads lines until one satisfies `wanted`, and returns it.
    pub fn read_until(&mut self, mut wanted: impl FnMut(&str) -> bool) -> String {
        for line in self.lines.by_ref() {
            let line = line.expect("read a line");
            self.seen.push(line.clone());
            if wanted(&line) {
                return line;
            }
        }
        panic!(
            "the output ended before the line; saw:\n{}",
            self.seen.join("\n")
        );
    }

    /// Waits for the end and returns everything.
    pub fn finish(mut self) -> Run {
        let rest: Vec<String> = self.lines.by_ref().map_while(Result::ok).collect();
        self.seen.extend(rest);
        let output = self.child.wait_with_output().expect("wait for the CLI");
        let mut run = Run::from_output(output);
        run.stdout = format!("{}\n{}", self.seen.join("\n"), run.stdout);
        run
    }
}

/// The browser's part of the consent step: open the consent page, take
/// its redirect, and return the redirect target.
pub fn consent(authorize_url: &str) -> String {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let response = agent
        .get(authorize_url)
        .call()
        .expect("open the consent page");
    assert_eq!(
        response.status().as_u16(),
        302,
        "consent page should redirect"
    );
    response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .expect("redirect location")
        .to_owned()
}

/// A plain GET: status and body text.
pub fn get(url: &str) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let mut response = agent.get(url).call().expect("GET");
    let status = response.status().as_u16();
    (
        status,
        response.body_mut().read_to_string().unwrap_or_default(),
    )
}

/// A free port on 127.0.0.1 (for a loopback redirect URI).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Asserts `text` shows no whole token: every `pina_`/`pinr_` is masked.
pub fn assert_masked(text: &str, secrets: &[&str]) {
    for secret in secrets {
        assert!(!text.contains(secret), "secret leaked:\n{text}");
    }
    for prefix in ["pina_", "pinr_"] {
        for (at, _) in text.match_indices(prefix) {
            let rest = &text[at + prefix.len()..];
            assert!(rest.starts_with('…'), "unmasked token in:\n{text}");
        }
    }
}
