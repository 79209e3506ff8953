//! The connector's self-description (`describe`): a JSON document from
//! which a platform builds its UI — name and version, the OAuth 2.0
//! endpoints and default scopes, and per operation its input and output
//! JSON Schemas, the scopes Pinterest requires and its rate-limit category.
//! The format is described in `docs/manifest.md`.

pub mod operations;
pub mod schema;
pub mod types;

use serde::Serialize;

use crate::config::{AUTHORIZE_PAGE, PRODUCTION_API, SANDBOX_API};
use crate::oauth::REFRESH_WINDOW_SECONDS;
use crate::scopes::{DEFAULT_SCOPES, V5_SCOPES};
use operations::{OPERATIONS, Operation};
use schema::Schema;

/// The WIT package this document describes.
pub const CONTRACT: &str = "pinterest:connector@0.3.0";
/// The version of Pinterest's API description the operations follow.
pub const API_DESCRIPTION_VERSION: &str = "5.23.0";

/// The document. Its fields serialize in the order written here.
#[derive(Serialize)]
pub struct Manifest {
    name: &'static str,
    title: &'static str,
    version: &'static str,
    contract: &'static str,
    description: &'static str,
    api: Api,
    auth: Auth,
    operations: &'static [Operation],
    error: Schema<'static>,
}

/// Which Pinterest API the connector talks to.
#[derive(Serialize)]
struct Api {
    version: &'static str,
    #[serde(rename = "description-version")]
    description_version: &'static str,
    production: &'static str,
    sandbox: &'static str,
}

/// How a platform runs the OAuth 2.0 flow.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Auth {
    #[serde(rename = "type")]
    kind: &'static str,
    grant: &'static str,
    authorize_url: &'static str,
    token_url: &'static str,
    sandbox_token_url: &'static str,
    client_authentication: &'static str,
    scope_separator: &'static str,
    default_scopes: &'static [&'static str],
    scopes: &'static [&'static str],
    refresh_token_rotates: bool,
    refresh_due_seconds: u64,
    operations: AuthOperations,
    account_name_field: &'static str,
}

/// Which operation plays which part of the flow.
#[derive(Serialize)]
struct AuthOperations {
    authorize: &'static str,
    exchange: &'static str,
    refresh: &'static str,
    status: &'static str,
    profile: &'static str,
}

/// The document.
pub fn manifest() -> Manifest {
    Manifest {
        name: env!("CARGO_PKG_NAME"),
        title: "Pinterest",
        version: env!("CARGO_PKG_VERSION"),
        contract: CONTRACT,
        description: env!("CARGO_PKG_DESCRIPTION"),
        api: Api {
            version: "v5",
            description_version: API_DESCRIPTION_VERSION,
            production: PRODUCTION_API,
            sandbox: SANDBOX_API,
        },
        auth: Auth {
            kind: "oauth2",
            grant: "authorization_code",
            authorize_url: AUTHORIZE_PAGE,
            token_url: "https://api.pinterest.com/v5/oauth/token",
            sandbox_token_url: "https://api-sandbox.pinterest.com/v5/oauth/token",
            client_authentication: "basic",
            scope_separator: ",",
            default_scopes: &DEFAULT_SCOPES,
            scopes: &V5_SCOPES,
            refresh_token_rotates: true,
            refresh_due_seconds: REFRESH_WINDOW_SECONDS,
            operations: AuthOperations {
                authorize: "authorize",
                exchange: "exchange",
                refresh: "refresh",
                status: "token-status",
                profile: "get-user-account",
            },
            account_name_field: "username",
        },
        operations: &OPERATIONS,
        error: Schema(&types::ERROR),
    }
}

/// The document as compact JSON text, what `describe` returns.
pub fn manifest_json() -> String {
    serde_json::to_string(&manifest()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn manifest() -> Value {
        serde_json::to_value(super::manifest()).unwrap()
    }

    #[test]
    fn names_the_connector_its_contract_and_oauth() {
        let m = manifest();
        assert_eq!(m["name"], "pinterest-connector");
        assert_eq!(m["contract"], "pinterest:connector@0.3.0");
        assert_eq!(m["auth"]["type"], "oauth2");
        assert_eq!(
            m["auth"]["authorizeUrl"],
            "https://www.pinterest.com/oauth/"
        );
        assert_eq!(
            m["auth"]["tokenUrl"],
            "https://api.pinterest.com/v5/oauth/token"
        );
        assert_eq!(
            m["auth"]["defaultScopes"],
            json!([
                "boards:read",
                "boards:write",
                "pins:read",
                "pins:write",
                "user_accounts:read"
            ])
        );
    }

    #[test]
    fn the_text_is_stable_json() {
        let text = manifest_json();
        assert_eq!(text, manifest_json());
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, manifest());
        assert!(
            text.starts_with(r#"{"name":"pinterest-connector","title":"Pinterest","version":"#)
        );
    }

    #[test]
    fn every_operation_has_schemas_scopes_and_a_category() {
        let m = manifest();
        let ops = m["operations"].as_array().unwrap();
        let names: Vec<&str> = ops.iter().map(|o| o["name"].as_str().unwrap()).collect();
        assert_eq!(
            names,
            [
                "authorize",
                "exchange",
                "refresh",
                "token-status",
                "get-user-account",
                "list-boards",
                "list-all-boards",
                "get-board",
                "create-pin"
            ]
        );
        for op in ops {
            assert_eq!(op["input"]["type"], "object", "{}", op["name"]);
            assert!(op["output"].is_object(), "{}", op["name"]);
            assert!(op["scopes"].is_array(), "{}", op["name"]);
        }
        let create = ops.iter().find(|o| o["name"] == "create-pin").unwrap();
        assert_eq!(
            create["scopes"],
            json!(["boards:read", "boards:write", "pins:read", "pins:write"])
        );
        assert_eq!(create["rateLimitCategory"], "org_write");
        assert_eq!(
            create["http"],
            json!({"method": "POST", "path": "/v5/pins"})
        );
        assert_eq!(
            create["input"]["required"],
            json!(["config", "access-token", "pin"])
        );
    }
}
