//! The program's settings, resolved: each from its flag, else its
//! environment variable, else the config file's profile, else a default
//! (see [`super::settings`] for the names).

use std::path::PathBuf;

use pinterest_connector_host::types;

use super::args::{EnvironmentChoice, Global};
use super::dirs;
use super::exit::CliError;
use super::profile::Profile;
use super::settings::{self, CONFIG_ENV, Key};

/// The name of the config file read by default, in the config directory.
pub const DEFAULT_CONFIG_NAME: &str = "config.json";

/// Where a setting's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Its flag.
    Flag,
    /// Its environment variable.
    Env,
    /// The config file.
    File(PathBuf),
    /// Nowhere: the default.
    Default,
}

/// The settings, resolved.
#[derive(Clone)]
pub struct AppConfig {
    /// App id, if any source had one.
    pub client_id: Option<String>,
    /// App secret, if any source had one. Never printed.
    client_secret: Option<String>,
    /// Production or sandbox.
    pub environment: types::Environment,
    /// The environment the environment variable, the config file or the
    /// default would choose without the flags.
    pub environment_without_flags: types::Environment,
    /// API origin override.
    pub api_base_url: Option<String>,
    /// Consent page override.
    pub authorize_url: Option<String>,
    /// The token file.
    pub token_file: PathBuf,
    /// The board of `pin create` and `pins import` without `--board`.
    pub board: Option<String>,
    /// The config file read, if any.
    pub config_file: Option<PathBuf>,
    /// Where each setting came from, by its config-file key.
    sources: Vec<(&'static str, Source)>,
}

impl std::fmt::Debug for AppConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppConfig")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "…"))
            .field("environment", &self.environment)
            .field("api_base_url", &self.api_base_url)
            .field("authorize_url", &self.authorize_url)
            .field("token_file", &self.token_file)
            .field("board", &self.board)
            .field("config_file", &self.config_file)
            .finish()
    }
}

/// Reads the value of an environment variable.
pub type EnvLookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process's environment (an empty variable counts as unset).
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

impl AppConfig {
    /// Resolves the settings from the flags, the process's environment and
    /// the config file.
    pub fn resolve(global: &Global) -> Result<Self, CliError> {
        Self::resolve_with(global, &process_env)
    }

    /// Resolves the settings with `env` as the environment.
    pub fn resolve_with(global: &Global, env: EnvLookup<'_>) -> Result<Self, CliError> {
        let env = |name: &str| {
            env(name)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        let profile = match config_file(global, &env) {
            Some(path) => Profile::read(&path)?,
            None => Profile::default(),
        };
        let mut sources = Vec::new();
        let mut pick = |key: &'static Key, flag: Option<&str>| {
            let flag = flag.map(str::trim).filter(|v| !v.is_empty());
            let (value, source) = if let Some(value) = flag {
                (Some(value.to_owned()), Source::Flag)
            } else if let Some(value) = env(key.env) {
                (Some(value), Source::Env)
            } else if let Some(value) = profile.get(key) {
                (
                    Some(value.to_owned()),
                    Source::File(profile.path.clone().unwrap_or_default()),
                )
            } else {
                (None, Source::Default)
            };
            sources.push((key.file, source));
            value
        };
        let client_id = pick(&settings::CLIENT_ID, global.client_id.as_deref());
        let client_secret = pick(&settings::CLIENT_SECRET, global.client_secret.as_deref());
        let flag_environment = if global.sandbox {
            Some(EnvironmentChoice::Sandbox)
        } else {
            global.environment
        };
        let environment = pick(
            &settings::ENVIRONMENT,
            flag_environment.map(EnvironmentChoice::name),
        );
        let api_base_url = pick(&settings::API_BASE_URL, global.api_base_url.as_deref());
        let authorize_url = pick(&settings::AUTHORIZE_URL, global.authorize_url.as_deref());
        let board = pick(&settings::BOARD, None);
        let token_flag = global.token_file.as_ref().map(|p| p.display().to_string());
        let token_text = pick(&settings::TOKEN_FILE, token_flag.as_deref());
        let mut config = Self {
            client_id,
            client_secret,
            environment: types::Environment::Production,
            environment_without_flags: types::Environment::Production,
            api_base_url,
            authorize_url,
            token_file: PathBuf::new(),
            board,
            config_file: profile.path.clone(),
            sources,
        };
        config.environment = match environment.as_deref() {
            None => types::Environment::Production,
            Some(name) => EnvironmentChoice::parse(name)
                .map(EnvironmentChoice::environment)
                .ok_or_else(|| {
                    CliError::usage(format!(
                        "The environment \"{name}\" ({}) is neither production nor sandbox.",
                        config.origin(&settings::ENVIRONMENT)
                    ))
                    .with_remedy("Use production or sandbox.")
                })?,
        };
        config.environment_without_flags = env(settings::ENVIRONMENT.env)
            .or_else(|| profile.get(&settings::ENVIRONMENT).map(str::to_owned))
            .and_then(|name| EnvironmentChoice::parse(&name))
            .map_or(
                types::Environment::Production,
                EnvironmentChoice::environment,
            );
        config.token_file = match (config.source(&settings::TOKEN_FILE), token_text) {
            (Source::File(_), Some(_)) => profile
                .path_value(&settings::TOKEN_FILE)
                .unwrap_or_default(),
            (Source::Flag, _) => global.token_file.clone().unwrap_or_default(),
            (_, Some(text)) => PathBuf::from(text),
            (_, None) => default_token_file(config.environment),
        };
        Ok(config)
    }

    /// Where the setting `key` came from.
    pub fn source(&self, key: &Key) -> Source {
        self.sources
            .iter()
            .find(|(name, _)| *name == key.file)
            .map(|(_, source)| source.clone())
            .unwrap_or(Source::Default)
    }

    /// Where the setting `key` came from, for messages: `--api-base-url`,
    /// `PINTEREST_API_BASE_URL`, `"apiBaseUrl" in FILE`, or `the default`.
    pub fn origin(&self, key: &Key) -> String {
        match self.source(key) {
            Source::Flag => key.flag.to_owned(),
            Source::Env => key.env.to_owned(),
            Source::File(path) => format!("\"{}\" in {}", key.file, path.display()),
            Source::Default => "the default".to_owned(),
        }
    }

    /// `production` or `sandbox`.
    pub fn environment_name(&self) -> &'static str {
        environment_name(self.environment)
    }

    /// The component's config for calls that need no credentials (API
    /// calls with a token); missing credentials are passed empty.
    pub fn for_api(&self) -> types::Config {
        types::Config {
            client_id: self.client_id.clone().unwrap_or_default(),
            client_secret: self.client_secret.clone().unwrap_or_default(),
            environment: self.environment,
            api_base_url: self.api_base_url.clone(),
            authorize_url: self.authorize_url.clone(),
            ad_account_id: None,
        }
    }

    /// The component's config for calls that need the app id (and, with
    /// `secret`, the secret): an error saying where to put them otherwise.
    pub fn with_credentials(&self, secret: bool) -> Result<types::Config, CliError> {
        if self.client_id.is_none() || (secret && self.client_secret.is_none()) {
            let missing = if self.client_id.is_none() {
                "the app's id"
            } else {
                "the app's secret"
            };
            return Err(
                CliError::usage(format!("This needs {missing}.")).with_remedy(format!(
                    "Pass --client-id and --client-secret, or set {} and {}, or put \"clientId\" and \"clientSecret\" in the config file {} (or one named by --config): the App ID and App secret key from the Pinterest developer portal.",
                    settings::CLIENT_ID.env,
                    settings::CLIENT_SECRET.env,
                    self.config_file_for_messages().display()
                )),
            );
        }
        Ok(self.for_api())
    }

    /// Where the app's credentials came from, for advice about wrong ones.
    pub fn credentials_origin(&self) -> String {
        format!(
            "{} and {}",
            self.origin(&settings::CLIENT_ID),
            self.origin(&settings::CLIENT_SECRET)
        )
    }

    /// The config file read, else the one that would be read by default.
    pub fn config_file_for_messages(&self) -> PathBuf {
        self.config_file
            .clone()
            .unwrap_or_else(|| dirs::config_dir().join(DEFAULT_CONFIG_NAME))
    }
}

/// The config file to read: `--config`, else `$PINTEREST_CONFIG`, else
/// `config.json` in the config directory if it exists.
fn config_file(global: &Global, env: &dyn Fn(&str) -> Option<String>) -> Option<PathBuf> {
    global
        .config
        .clone()
        .or_else(|| env(CONFIG_ENV).map(PathBuf::from))
        .or_else(|| {
            let default = dirs::config_dir().join(DEFAULT_CONFIG_NAME);
            default.is_file().then_some(default)
        })
}

/// The default token file for `environment`: `tokens.json` or
/// `tokens-sandbox.json` in the user's config directory.
pub fn default_token_file(environment: types::Environment) -> PathBuf {
    let name = match environment {
        types::Environment::Production => "tokens.json",
        types::Environment::Sandbox => "tokens-sandbox.json",
    };
    dirs::config_dir().join(name)
}

/// `production` or `sandbox`.
pub fn environment_name(environment: types::Environment) -> &'static str {
    match environment {
        types::Environment::Production => "production",
        types::Environment::Sandbox => "sandbox",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn global(args: &[&str]) -> Global {
        let mut all = vec!["pinterest-connector"];
        all.extend_from_slice(args);
        all.push("whoami");
        <crate::Cli as clap::Parser>::parse_from(all).global
    }

    fn resolve(args: &[&str], env: &[(&str, &str)]) -> Result<AppConfig, CliError> {
        let env: Vec<(String, String)> = env
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        AppConfig::resolve_with(&global(args), &move |name| {
            env.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
        })
    }

    fn profile(text: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("config-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("scratch dir");
        let path = dir.join(format!(
            "{:x}.json",
            text.len() * 31 + text.bytes().map(usize::from).sum::<usize>()
        ));
        std::fs::write(&path, text).expect("write profile");
        path
    }

    #[test]
    fn flags_beat_the_environment_which_beats_the_profile() {
        let file = profile(
            r#"{"environment": "sandbox", "apiBaseUrl": "http://127.0.0.1:3", "board": "3", "tokenFile": "t.json"}"#,
        );
        let file_arg = file.to_str().expect("UTF-8 path");
        let from_file = resolve(&["--config", file_arg], &[]).expect("settings");
        assert_eq!(from_file.environment, types::Environment::Sandbox);
        assert_eq!(
            from_file.api_base_url.as_deref(),
            Some("http://127.0.0.1:3")
        );
        assert_eq!(from_file.board.as_deref(), Some("3"));
        assert_eq!(from_file.token_file, file.with_file_name("t.json"));
        assert!(
            from_file
                .origin(&settings::BOARD)
                .starts_with("\"board\" in ")
        );

        let env = [
            ("PINTEREST_ENVIRONMENT", "production"),
            ("PINTEREST_API_BASE_URL", "http://127.0.0.1:2"),
            ("PINTEREST_BOARD", "2"),
            ("PINTEREST_TOKEN_FILE", "/env/tokens.json"),
        ];
        let from_env = resolve(&["--config", file_arg], &env).expect("settings");
        assert_eq!(from_env.environment, types::Environment::Production);
        assert_eq!(from_env.api_base_url.as_deref(), Some("http://127.0.0.1:2"));
        assert_eq!(from_env.board.as_deref(), Some("2"));
        assert_eq!(from_env.token_file, PathBuf::from("/env/tokens.json"));
        assert_eq!(from_env.origin(&settings::BOARD), "PINTEREST_BOARD");

        let from_flags = resolve(
            &[
                "--config",
                file_arg,
                "--sandbox",
                "--api-base-url",
                "http://127.0.0.1:1",
                "--token-file",
                "/flag/tokens.json",
            ],
            &env,
        )
        .expect("settings");
        assert_eq!(from_flags.environment, types::Environment::Sandbox);
        assert_eq!(
            from_flags.api_base_url.as_deref(),
            Some("http://127.0.0.1:1")
        );
        assert_eq!(from_flags.token_file, PathBuf::from("/flag/tokens.json"));
        assert_eq!(from_flags.origin(&settings::API_BASE_URL), "--api-base-url");
    }

    #[test]
    fn the_config_file_can_come_from_the_environment() {
        let file = profile(r#"{"clientId": "77", "clientSecret": "s"}"#);
        let config =
            resolve(&[], &[("PINTEREST_CONFIG", file.to_str().expect("UTF-8"))]).expect("settings");
        assert_eq!(config.client_id.as_deref(), Some("77"));
        assert!(config.with_credentials(true).is_ok());
    }

    #[test]
    fn a_bad_environment_name_says_where_it_came_from() {
        let error = resolve(&[], &[("PINTEREST_ENVIRONMENT", "staging")]).expect_err("refused");
        assert!(error.message.contains("PINTEREST_ENVIRONMENT"), "{error}");
        assert!(resolve(&["--environment", "sandbox"], &[]).is_ok());
    }

    #[test]
    fn the_default_token_file_follows_the_environment() {
        let production = resolve(&[], &[]).expect("settings");
        let sandbox = resolve(&["--sandbox"], &[]).expect("settings");
        assert!(production.token_file.ends_with("tokens.json"));
        assert!(sandbox.token_file.ends_with("tokens-sandbox.json"));
    }
}
