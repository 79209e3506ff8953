//! The connector's manifest (what `describe` returns), generated: the
//! contract in `wit/` gives the operations, their parameters and results,
//! every type, field and case, and their documentation; the core gives its
//! name and version, the endpoint table (method, path, `operationId`,
//! scopes, rate-limit category), the OAuth URLs and scopes, and the limits
//! it checks; [`facts`] holds the little the WIT cannot say. The output is
//! checked in as `src/manifest.json`, and a test fails when it is not what
//! the generator makes of the current WIT. The format is described in
//! `docs/manifest.md`.

#![warn(missing_docs)]

pub mod contract;
pub mod facts;
pub mod schema;

use std::path::{Path, PathBuf};

use pinterest_connector::endpoints::{Endpoint, OAUTH_TOKEN};
use pinterest_connector::limits::REFRESH_WINDOW_SECONDS;
use pinterest_connector::{
    AUTHORIZE_PAGE, DEFAULT_SCOPES, DESCRIPTION, NAME, PRODUCTION_API, SANDBOX_API, V5_SCOPES,
    VERSION,
};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use contract::{Contract, Export};
use schema::{Object, Schema, Ty};

/// Where the manifest is checked in, from the repository's root.
pub const OUTPUT: &str = "src/manifest.json";
/// The command that writes it.
pub const COMMAND: &str = "cargo run -p manifest-gen";

/// The repository's root (this crate lives in `tools/manifest-gen`).
pub fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The manifest of the contract in `wit`, as indented JSON text ending in
/// a line break (the component returns it compact).
pub fn generate(wit: &Path) -> Result<String, String> {
    let contract = Contract::load(wit)?;
    let operations = contract.operations()?;
    let manifest = Manifest::new(&contract, &operations)?;
    let mut text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(text)
}

/// The document, its keys in the order written here.
struct Manifest<'a> {
    contract: &'a str,
    operations: Vec<Operation<'a>>,
    error: &'a Ty,
}

/// One operation: its contract and its facts.
struct Operation<'a> {
    export: &'a Export,
    title: &'static str,
    endpoints: &'static [&'static Endpoint],
    any_api_path: bool,
    uploads_host_content: bool,
}

impl<'a> Manifest<'a> {
    fn new(contract: &'a Contract, exports: &'a [Export]) -> Result<Self, String> {
        let operations = exports
            .iter()
            .map(|export| {
                let facts = facts::OPERATIONS
                    .iter()
                    .find(|o| o.name == export.name)
                    .ok_or_else(|| format!("no entry for {} in facts::OPERATIONS", export.name))?;
                if let [first, rest @ ..] = facts.endpoints
                    && rest
                        .iter()
                        .any(|e| e.rate_limit_category != first.rate_limit_category)
                {
                    return Err(format!(
                        "the endpoints of {} differ in rate-limit category",
                        export.name
                    ));
                }
                Ok(Operation {
                    export,
                    title: facts.title,
                    endpoints: facts.endpoints,
                    any_api_path: facts::ANY_API_PATH.contains(&facts.name),
                    uploads_host_content: facts::UPLOADS_HOST_CONTENT.contains(&facts.name),
                })
            })
            .collect::<Result<Vec<_>, String>>()?;
        if let Some(extra) = facts::OPERATIONS
            .iter()
            .find(|o| !exports.iter().any(|e| e.name == o.name))
        {
            return Err(format!(
                "facts::OPERATIONS has {}, which the WIT does not export",
                extra.name
            ));
        }
        if let Some(extra) = facts::ANY_API_PATH
            .iter()
            .chain(facts::UPLOADS_HOST_CONTENT)
            .find(|name| !exports.iter().any(|e| e.name == **name))
        {
            return Err(format!(
                "facts names {extra} among the operations, which the WIT does not export"
            ));
        }
        for (role, name) in facts::AUTH_ROLES {
            if !exports.iter().any(|e| e.name == *name) {
                return Err(format!("the {role} operation {name} is not in the WIT"));
            }
        }
        let mut errors = exports.iter().filter_map(|e| e.error.as_ref());
        let error = errors.next().ok_or("no operation returns a result")?;
        if errors.any(|other| other != error) {
            return Err("the operations fail with different error types".to_owned());
        }
        Ok(Self {
            contract: &contract.package,
            operations,
            error,
        })
    }
}

impl Serialize for Manifest<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("name", NAME)?;
        map.serialize_entry("title", facts::TITLE)?;
        map.serialize_entry("version", VERSION)?;
        map.serialize_entry("contract", self.contract)?;
        map.serialize_entry("description", DESCRIPTION)?;
        map.serialize_entry("api", &Api)?;
        map.serialize_entry("auth", &Auth)?;
        map.serialize_entry("operations", &self.operations)?;
        map.serialize_entry("error", &Schema(self.error))?;
        map.end()
    }
}

/// Which Pinterest API the connector talks to.
struct Api;

impl Serialize for Api {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("version", facts::API_VERSION)?;
        map.serialize_entry("description-version", facts::API_DESCRIPTION_VERSION)?;
        map.serialize_entry("production", PRODUCTION_API)?;
        map.serialize_entry("sandbox", SANDBOX_API)?;
        map.end()
    }
}

/// How a platform runs the OAuth 2.0 flow.
struct Auth;

impl Serialize for Auth {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("type", "oauth2")?;
        map.serialize_entry("grant", "authorization_code")?;
        map.serialize_entry("authorizeUrl", AUTHORIZE_PAGE)?;
        map.serialize_entry("tokenUrl", &format!("{PRODUCTION_API}{}", OAUTH_TOKEN.path))?;
        map.serialize_entry(
            "sandboxTokenUrl",
            &format!("{SANDBOX_API}{}", OAUTH_TOKEN.path),
        )?;
        map.serialize_entry("clientAuthentication", "basic")?;
        map.serialize_entry("scopeSeparator", ",")?;
        map.serialize_entry("defaultScopes", &DEFAULT_SCOPES)?;
        map.serialize_entry("scopes", &V5_SCOPES)?;
        map.serialize_entry("refreshTokenRotates", &true)?;
        map.serialize_entry("refreshDueSeconds", &REFRESH_WINDOW_SECONDS)?;
        map.serialize_entry("operations", &Roles)?;
        map.serialize_entry("accountNameField", facts::ACCOUNT_NAME_FIELD)?;
        map.end()
    }
}

/// Which operation plays which part of the flow.
struct Roles;

impl Serialize for Roles {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(facts::AUTH_ROLES.len()))?;
        for (role, operation) in facts::AUTH_ROLES {
            map.serialize_entry(role, operation)?;
        }
        map.end()
    }
}

impl Serialize for Operation<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let export = self.export;
        // `http` and `operationId` name the endpoint of an operation that
        // calls one; `endpoints` lists every endpoint it may call.
        let single = match self.endpoints {
            [only] => Some(*only),
            _ => None,
        };
        let http = if self.any_api_path {
            Some(Http::ANY_API_PATH)
        } else {
            single.map(|e| Http(e.method.as_str(), e.path))
        };
        let mut scopes: Vec<&str> = Vec::new();
        for scope in self.endpoints.iter().flat_map(|e| e.scopes) {
            if !scopes.contains(scope) {
                scopes.push(scope);
            }
        }
        let category = self
            .endpoints
            .first()
            .map(|e| e.rate_limit_category.as_str());
        let endpoints: Vec<EndpointEntry> =
            self.endpoints.iter().map(|e| EndpointEntry(e)).collect();
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("name", &export.name)?;
        map.serialize_entry("title", self.title)?;
        map.serialize_entry("description", &export.doc)?;
        map.serialize_entry("http", &http)?;
        map.serialize_entry("operationId", &single.map(|e| e.operation_id))?;
        map.serialize_entry("endpoints", &endpoints)?;
        map.serialize_entry("scopes", &scopes)?;
        map.serialize_entry("rateLimitCategory", &category)?;
        if self.uploads_host_content {
            map.serialize_entry("uploadsHostContent", &true)?;
        }
        let params: Vec<&str> = export.params.iter().map(|p| p.name.as_str()).collect();
        map.serialize_entry("params", &params)?;
        map.serialize_entry("input", &Object(&export.params))?;
        map.serialize_entry("output", &Schema(&export.output))?;
        map.serialize_entry("fails", &export.error.is_some())?;
        map.end()
    }
}

/// One endpoint an operation may call: `{"method", "path", "operationId",
/// "scopes", "rateLimitCategory"}`.
struct EndpointEntry(&'static Endpoint);

impl Serialize for EndpointEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(5))?;
        map.serialize_entry("method", self.0.method.as_str())?;
        map.serialize_entry("path", self.0.path)?;
        map.serialize_entry("operationId", self.0.operation_id)?;
        map.serialize_entry("scopes", self.0.scopes)?;
        map.serialize_entry("rateLimitCategory", self.0.rate_limit_category.as_str())?;
        map.end()
    }
}

/// `{"method": …, "path": …}`.
struct Http(&'static str, &'static str);

impl Http {
    /// Whichever endpoint below `/v5/` the caller names.
    const ANY_API_PATH: Http = Http("any", "/v5/…");
}

impl Serialize for Http {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("method", self.0)?;
        map.serialize_entry("path", self.1)?;
        map.end()
    }
}
