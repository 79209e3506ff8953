//! The app's configuration: credentials from flags, else the environment,
//! else an Appmixer-style JSON file; production or sandbox; URL overrides.

use std::path::Path;

use serde::Deserialize;

use pinterest_connector_host::types;

use super::args::Global;
use super::exit::CliError;

/// Environment variable with the app's id.
pub const APP_ID_ENV: &str = "PINTEREST_APP_ID";
/// Environment variable with the app's secret.
pub const APP_SECRET_ENV: &str = "PINTEREST_APP_SECRET";

/// Where the app's settings came from, resolved.
#[derive(Clone)]
pub struct AppConfig {
    /// App id, if any source had one.
    pub client_id: Option<String>,
    /// App secret, if any source had one. Never printed.
    client_secret: Option<String>,
    /// Production or sandbox.
    pub environment: types::Environment,
    /// API origin override.
    pub api_base_url: Option<String>,
    /// Consent page override.
    pub authorize_url: Option<String>,
}

impl std::fmt::Debug for AppConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppConfig")
            .field("client_id", &self.client_id)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "…"))
            .field("environment", &self.environment)
            .field("api_base_url", &self.api_base_url)
            .field("authorize_url", &self.authorize_url)
            .finish()
    }
}

/// The Appmixer-style configuration file.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ConfigFile {
    client_id: Option<String>,
    client_secret: Option<String>,
}

impl AppConfig {
    /// Resolves the settings from the options, the environment and the file.
    pub fn resolve(global: &Global) -> Result<Self, CliError> {
        let file = match &global.config {
            Some(path) => read_file(path)?,
            None => ConfigFile::default(),
        };
        let pick = |flag: &Option<String>, env: &str, from_file: Option<String>| {
            flag.clone()
                .or_else(|| std::env::var(env).ok())
                .or(from_file)
                .map(|v| v.trim().to_owned())
                .filter(|v| !v.is_empty())
        };
        Ok(Self {
            client_id: pick(&global.client_id, APP_ID_ENV, file.client_id),
            client_secret: pick(&global.client_secret, APP_SECRET_ENV, file.client_secret),
            environment: if global.sandbox {
                types::Environment::Sandbox
            } else {
                types::Environment::Production
            },
            api_base_url: global.api_base_url.clone(),
            authorize_url: global.authorize_url.clone(),
        })
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
            return Err(CliError::usage(format!("This needs {missing}.")).with_remedy(format!(
                "Pass --client-id and --client-secret, or set {APP_ID_ENV} and {APP_SECRET_ENV}, or point --config at a JSON file with \"clientId\" and \"clientSecret\" (App ID and App secret key from the Pinterest developer portal)."
            )));
        }
        Ok(self.for_api())
    }
}

/// `production` or `sandbox`.
pub fn environment_name(environment: types::Environment) -> &'static str {
    match environment {
        types::Environment::Production => "production",
        types::Environment::Sandbox => "sandbox",
    }
}

fn read_file(path: &Path) -> Result<ConfigFile, CliError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        CliError::usage(format!(
            "Could not read the config file {}: {e}.",
            path.display()
        ))
        .with_remedy("Pass the path of a JSON file with \"clientId\" and \"clientSecret\".")
    })?;
    serde_json::from_str(&text).map_err(|e| {
        CliError::usage(format!(
            "The config file {} is not the expected JSON ({e}).",
            path.display()
        ))
        .with_remedy("Write it as {\"clientId\": \"…\", \"clientSecret\": \"…\"}.")
    })
}
