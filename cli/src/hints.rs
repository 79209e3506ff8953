//! Command lines the program suggests ("run: …"), carrying the options in
//! force after the command: every setting given as a flag is repeated, so
//! that following a hint talks to the same API with the same token file.
//! Settings from the environment or the config file apply by themselves
//! and are not repeated. The app's secret is never printed: where it was given as a
//! flag, the hint says `--client-secret SECRET`.

use std::path::Path;

use pinterest_connector_host::types;

use super::args::Global;
use super::config::{AppConfig, Source};
use super::settings;

/// The program's name as typed.
pub const PROGRAM: &str = "pinterest-connector";

/// Builds the command lines of hints.
#[derive(Debug, Clone)]
pub struct Hints {
    /// Options before the environment's (shell-quoted words).
    leading: Vec<String>,
    /// The environment option from the flags, if any.
    environment_flag: Option<types::Environment>,
    /// The environment without the flags (environment variable, config
    /// file or default).
    environment_otherwise: types::Environment,
    /// Options after the environment's.
    trailing: Vec<String>,
}

impl Hints {
    /// Hints for the flags in `global`, resolved as `app`.
    pub fn new(global: &Global, app: &AppConfig) -> Self {
        let mut leading = Vec::new();
        let push = |words: &mut Vec<String>, flag: &str, value: Option<String>| {
            if let Some(value) = value {
                words.push(flag.to_owned());
                words.push(quote(&value));
            }
        };
        let path = |p: &Option<std::path::PathBuf>| p.as_deref().map(display);
        push(&mut leading, "--config", path(&global.config));
        push(
            &mut leading,
            settings::CLIENT_ID.flag,
            global.client_id.clone(),
        );
        if global.client_secret.is_some() {
            leading.push(settings::CLIENT_SECRET.flag.to_owned());
            leading.push("SECRET".to_owned());
        }
        let environment_flag = match app.source(&settings::ENVIRONMENT) {
            Source::Flag => Some(app.environment),
            _ => None,
        };
        let environment_otherwise = app.environment_without_flags;
        let mut trailing = Vec::new();
        push(
            &mut trailing,
            settings::API_BASE_URL.flag,
            global.api_base_url.clone(),
        );
        push(
            &mut trailing,
            settings::AUTHORIZE_URL.flag,
            global.authorize_url.clone(),
        );
        push(
            &mut trailing,
            settings::TOKEN_FILE.flag,
            path(&global.token_file),
        );
        push(&mut trailing, "--component", path(&global.component));
        push(&mut trailing, "--cache-dir", path(&global.cache_dir));
        Self {
            leading,
            environment_flag,
            environment_otherwise,
            trailing,
        }
    }

    /// The same hints for `environment` instead of the one in force.
    pub fn in_environment(&self, environment: types::Environment) -> Self {
        Self {
            environment_flag: (environment != self.environment_otherwise).then_some(environment),
            ..self.clone()
        }
    }

    /// `pinterest-connector rest OPTIONS`: the command line to run `rest`
    /// (a command and its own arguments) with the options in force, which
    /// follow it (global options may come before or after the command).
    pub fn command(&self, rest: &str) -> String {
        let mut words = vec![PROGRAM.to_owned(), rest.to_owned()];
        words.extend(self.leading.iter().cloned());
        match self.environment_flag {
            Some(types::Environment::Sandbox) => words.push("--sandbox".to_owned()),
            Some(types::Environment::Production) => {
                words.push("--environment".to_owned());
                words.push("production".to_owned());
            }
            None => {}
        }
        words.extend(self.trailing.iter().cloned());
        words.join(" ")
    }

    /// `` `pinterest-connector … login` `` (with `extra` arguments).
    pub fn login(&self, extra: &str) -> String {
        let rest = if extra.is_empty() {
            "login".to_owned()
        } else {
            format!("login {extra}")
        };
        format!("`{}`", self.command(&rest))
    }

    /// The advice to sign in again, as a sentence.
    pub fn sign_in(&self) -> String {
        format!("Sign in with {}.", self.login(""))
    }

    /// The advice to sign in again, to follow a colon.
    pub fn sign_in_again(&self) -> String {
        format!("sign in again with {}.", self.login(""))
    }
}

/// A path as typed.
fn display(path: &Path) -> String {
    path.display().to_string()
}

/// A word for a POSIX shell: as is when safe, else in single quotes.
pub fn quote(word: &str) -> String {
    let safe = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_./:=@%+,-#".contains(c));
    if safe {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hints(args: &[&str]) -> Hints {
        let mut all = vec!["pinterest-connector"];
        all.extend_from_slice(args);
        all.push("whoami");
        let global = <crate::Cli as clap::Parser>::parse_from(all).global;
        let app = AppConfig::resolve_with(&global, &|_| None).expect("settings");
        Hints::new(&global, &app)
    }

    #[test]
    fn hints_repeat_the_flags_in_force() {
        let h = hints(&[
            "--sandbox",
            "--api-base-url",
            "http://127.0.0.1:9/sandbox",
            "--token-file",
            "/tmp/my tokens.json",
            "--client-secret",
            "s3cr3t",
        ]);
        let line = h.command("refresh");
        assert_eq!(
            line,
            "pinterest-connector refresh --client-secret SECRET --sandbox --api-base-url http://127.0.0.1:9/sandbox --token-file '/tmp/my tokens.json'"
        );
        assert!(!line.contains("s3cr3t"));
        assert_eq!(hints(&[]).command("login"), "pinterest-connector login");
    }

    #[test]
    fn another_environment_changes_only_that_flag() {
        let h = hints(&["--api-base-url", "http://127.0.0.1:9"]);
        assert_eq!(
            h.in_environment(types::Environment::Sandbox)
                .command("login"),
            "pinterest-connector login --sandbox --api-base-url http://127.0.0.1:9"
        );
        let sandbox = hints(&["--sandbox"]);
        assert_eq!(
            sandbox
                .in_environment(types::Environment::Production)
                .command("login"),
            "pinterest-connector login"
        );
    }

    #[test]
    fn quoting_keeps_words_whole() {
        assert_eq!(quote("it's"), r"'it'\''s'");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("+boards:read_secret"), "+boards:read_secret");
    }
}
