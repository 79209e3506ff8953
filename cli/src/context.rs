//! What every command works with: the options, the resolved settings, the
//! hints to print, and the component, loaded once and cached on disk.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use pinterest_connector_host::{ConnectorHost, EgressGuard, EgressPolicy, UreqTransport, types};
use pinterest_connector_host::{PINTEREST_API, PINTEREST_SANDBOX_API};

use super::args::Global;
use super::component::Component;
use super::config::AppConfig;
use super::dirs;
use super::errors;
use super::exit::CliError;
use super::hints::Hints;
use super::output;
use super::settings;

/// The options, resolved, and the component once loaded.
pub struct Context {
    /// The global options as given.
    pub global: Global,
    /// The settings, resolved.
    pub app: AppConfig,
    /// Command lines to suggest.
    pub hints: Hints,
    host: OnceLock<ConnectorHost>,
}

impl Context {
    /// Resolves the settings; the component is loaded on first use.
    pub fn new(global: Global) -> Result<Self, CliError> {
        let app = AppConfig::resolve(&global)?;
        let hints = Hints::new(&global, &app);
        Ok(Self {
            global,
            app,
            hints,
            host: OnceLock::new(),
        })
    }

    /// A context for unit tests: the settings of `global` alone, no
    /// environment variable or config file.
    #[cfg(test)]
    pub fn for_tests(global: Global) -> Self {
        let app = AppConfig::resolve_with(&global, &|_| None).expect("settings");
        let hints = Hints::new(&global, &app);
        Self {
            global,
            app,
            hints,
            host: OnceLock::new(),
        }
    }

    /// Whether `--json` was given.
    pub fn json(&self) -> bool {
        self.global.json
    }

    /// The token file.
    pub fn token_path(&self) -> PathBuf {
        self.app.token_file.clone()
    }

    /// The board: `flag` (a command's `--board`), else `PINTEREST_BOARD`,
    /// else the config file's `board`.
    pub fn board(&self, flag: Option<&str>) -> Result<String, CliError> {
        flag.map(str::trim)
            .filter(|b| !b.is_empty())
            .map(str::to_owned)
            .or_else(|| self.app.board.clone())
            .ok_or_else(|| {
                CliError::usage("Which board? No --board was given, and no default board is set.")
                    .with_remedy(format!(
                        "Pass --board ID, or set {} or \"{}\" in the config file {}; `{}` lists the Board IDs.",
                        settings::BOARD.env,
                        settings::BOARD.file,
                        self.app.config_file_for_messages().display(),
                        self.hints.command("boards --all")
                    ))
            })
    }

    /// The component, loaded (and compiled, or read from the cache) once.
    pub fn host(&self) -> Result<&ConnectorHost, CliError> {
        if let Some(host) = self.host.get() {
            return Ok(host);
        }
        let loaded = load_host(
            &Component::choose(self.global.component.as_deref()),
            self.global.cache_dir.clone(),
            egress_policy(&self.app),
        )?;
        Ok(self.host.get_or_init(|| loaded))
    }
}

/// Where this program lets the component's requests go: the origin of
/// `--api-base-url` when given, else the chosen environment's Pinterest API
/// (`https://api.pinterest.com`, or `https://api-sandbox.pinterest.com` with
/// `--sandbox`), and nowhere else. An override that is no usable URL allows
/// nothing (the component refuses it before any request anyway).
pub fn egress_policy(app: &AppConfig) -> EgressPolicy {
    let base = match (&app.api_base_url, app.environment) {
        (Some(custom), _) => custom.as_str(),
        (None, types::Environment::Production) => PINTEREST_API,
        (None, types::Environment::Sandbox) => PINTEREST_SANDBOX_API,
    };
    EgressPolicy::none()
        .allow(base)
        .unwrap_or_else(|_| EgressPolicy::none())
}

/// Loads `component` with a real HTTP transport limited to `egress`,
/// under the default [`HostLimits`](pinterest_connector_host::HostLimits),
/// caching compiled code in `cache_dir` (or the default). When the cache
/// holds no compiled code for it, compiling takes a few seconds: it says
/// so on standard error first.
pub fn load_host(
    component: &Component,
    cache_dir: Option<PathBuf>,
    egress: EgressPolicy,
) -> Result<ConnectorHost, CliError> {
    let wasm = component.bytes()?;
    let transport = Arc::new(EgressGuard::new(egress, UreqTransport::default()));
    let cache = cache_dir.unwrap_or_else(dirs::cache_dir);
    let engine = ConnectorHost::new_engine().map_err(|e| errors::from_host(&e))?;
    let cached = ConnectorHost::cached_code_path(&engine, &wasm, &cache);
    if !cached.is_file() {
        output::note(&compile_notice(component, &cache));
    }
    let loaded =
        match ConnectorHost::from_bytes_cached_on(&engine, &wasm, &cache, transport.clone()) {
            Ok(host) => Ok(host),
            // An unwritable cache only costs time: compile without it.
            Err(_) => ConnectorHost::from_bytes(&wasm, transport),
        };
    loaded.map_err(|e| component.load_error(&e))
}

/// What the first run says before compiling.
fn compile_notice(component: &Component, cache: &Path) -> String {
    let which = match component {
        Component::BuiltIn => "the connector component".to_owned(),
        Component::File(path) => format!("the connector component {}", path.display()),
    };
    format!(
        "Compiling {which} for this machine (the first run does this once; it takes a few seconds, then it is cached in {}) …",
        cache.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app(environment: types::Environment, api_base_url: Option<&str>) -> AppConfig {
        let mut global =
            <crate::Cli as clap::Parser>::parse_from(["pinterest-connector", "whoami"]).global;
        global.sandbox = environment == types::Environment::Sandbox;
        global.api_base_url = api_base_url.map(str::to_owned);
        AppConfig::resolve_with(&global, &|_| None).expect("settings")
    }

    #[test]
    fn the_component_reaches_only_the_configured_api() {
        let origins = |environment, base| egress_policy(&app(environment, base)).origins();
        assert_eq!(
            origins(types::Environment::Production, None),
            ["https://api.pinterest.com"]
        );
        assert_eq!(
            origins(types::Environment::Sandbox, None),
            ["https://api-sandbox.pinterest.com"]
        );
        assert_eq!(
            origins(
                types::Environment::Sandbox,
                Some("http://127.0.0.1:8080/sandbox")
            ),
            ["http://127.0.0.1:8080"]
        );
        assert!(origins(types::Environment::Production, Some("not a url")).is_empty());
    }
}
