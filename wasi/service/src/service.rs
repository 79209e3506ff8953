//! One HTTP request to one reply, as plain data: routing, the operation's
//! input assembled from the body (and the `authorization` header and the
//! environment, below), the call, and the reply's status and JSON.
//!
//! Where credentials come from, in order:
//!
//! - the body: the operation's input in the manifest's JSON form, `config`
//!   and tokens included, as every host of the connector takes them;
//! - `authorization: Bearer …`: the `access-token` of an operation that
//!   takes one, when the body has none (the header HTTP layers already
//!   know to keep out of logs);
//! - the environment: `config` when the body has none, from
//!   `PINTEREST_CLIENT_ID`, `PINTEREST_CLIENT_SECRET`,
//!   `PINTEREST_ENVIRONMENT` (`production`, the default, or `sandbox`),
//!   `PINTEREST_API_BASE_URL` and `PINTEREST_AUTHORIZE_URL`, so that a
//!   deployment for one app keeps its secret in the platform's
//!   configuration and off the wire.
//!
//! Never in the URL: query strings end up in access logs.

use serde_json::{Map, Value, json};

use crate::json::{Fields, InputError, Operation, Outcome};
use crate::status::{retry_after, status};

/// What the service needs of an HTTP request.
pub struct Request<'a> {
    /// `GET`, `POST`, …
    pub method: &'a str,
    /// The path, with the query if any.
    pub path: &'a str,
    /// The `authorization` header, if any.
    pub authorization: Option<&'a str>,
    /// The body.
    pub body: &'a [u8],
}

/// The reply to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// HTTP status.
    pub status: u16,
    /// Headers beyond `content-type: application/json` and
    /// `cache-control: no-store`, which every reply has.
    pub headers: Vec<(&'static str, String)>,
    /// JSON.
    pub body: Vec<u8>,
}

impl Reply {
    fn json(status: u16, value: &Value) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: serde_json::to_vec(value).unwrap_or_default(),
        }
    }

    fn refused(status: u16, error: &InputError) -> Self {
        Self::json(status, &error.to_json())
    }

    /// The reply to a body over `limit` bytes.
    pub fn too_large(limit: usize) -> Self {
        Self::refused(
            413,
            &InputError::new(
                "",
                format!("the body is over the service's limit of {limit} bytes"),
            ),
        )
    }
}

/// Every operation the service serves (the connector's, from its WIT).
pub fn operations() -> &'static [Operation] {
    crate::operations::OPERATIONS
}

const OPERATION_PATH: &str = "/operations/";
const DESCRIBE_PATH: &str = "/describe";

/// Answers `request`; `env` reads the service's environment.
pub fn handle(request: &Request, env: &dyn Fn(&str) -> Option<String>) -> Reply {
    let path = request.path.split('?').next().unwrap_or_default();
    let (operation, allowed) = if path == DESCRIBE_PATH {
        ("describe", "GET")
    } else if let Some(name) = path.strip_prefix(OPERATION_PATH) {
        (name, "POST")
    } else {
        let refusal = InputError::new(
            "path",
            "is not served: the service serves POST /operations/{name} and GET /describe",
        );
        return Reply::refused(404, &refusal);
    };
    if request.method != allowed {
        let mut reply = Reply::refused(
            405,
            &InputError::new("method", format!("must be {allowed} for this path")),
        );
        reply.headers.push(("allow", allowed.to_owned()));
        return reply;
    }
    let Some(operation) = operations().iter().find(|op| op.name == operation) else {
        // The name is not quoted back: it is whatever the caller sent.
        let refusal = InputError::new(
            "operation",
            "is not an operation of this connector (GET /describe lists them)",
        );
        return Reply::refused(404, &refusal);
    };
    if allowed == "GET" {
        return describe(operation);
    }
    let input = match input(operation, request, env) {
        Ok(input) => input,
        Err(refusal) => return Reply::refused(400, &refusal),
    };
    let outcome =
        Fields::new(&input, "", operation.params).and_then(|fields| (operation.call)(&fields));
    match outcome {
        Ok(Outcome::Done(output)) => Reply::json(200, &output),
        Ok(Outcome::Failed(error)) => {
            let mut reply = Reply::json(status(&error), &error);
            if let Some(seconds) = retry_after(&error) {
                reply.headers.push(("retry-after", seconds.to_string()));
            }
            reply
        }
        Err(refusal) => Reply::refused(400, &refusal),
    }
}

/// The manifest as it is (`describe` returns JSON text).
fn describe(operation: &Operation) -> Reply {
    let empty = Value::Object(Map::new());
    let outcome = Fields::new(&empty, "", &[]).and_then(|fields| (operation.call)(&fields));
    match outcome {
        Ok(Outcome::Done(Value::String(manifest))) => Reply {
            status: 200,
            headers: Vec::new(),
            body: manifest.into_bytes(),
        },
        Ok(Outcome::Done(other) | Outcome::Failed(other)) => Reply::json(500, &other),
        Err(refusal) => Reply::refused(500, &refusal),
    }
}

/// The operation's input: the body's object, with `access-token` from the
/// `authorization` header and `config` from the environment where the
/// body has none.
fn input(
    operation: &Operation,
    request: &Request,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Value, InputError> {
    let mut input = if request.body.iter().all(u8::is_ascii_whitespace) {
        Value::Object(Map::new())
    } else {
        serde_json::from_slice(request.body).map_err(|e| {
            InputError::new(
                "",
                format!(
                    "the body is not JSON (line {}, column {})",
                    e.line(),
                    e.column()
                ),
            )
        })?
    };
    let object = input.as_object_mut().ok_or_else(|| {
        InputError::new(
            "",
            "the body must be a JSON object with a property per parameter",
        )
    })?;
    let takes = |param: &str| operation.params.contains(&param);
    if takes("access-token")
        && !object.contains_key("access-token")
        && let Some(token) = bearer(request.authorization)
    {
        object.insert("access-token".into(), Value::from(token));
    }
    if takes("config")
        && !object.contains_key("config")
        && let Some(config) = config_from(env)
    {
        object.insert("config".into(), config);
    }
    Ok(input)
}

/// The token of an `authorization: Bearer …` header.
fn bearer(authorization: Option<&str>) -> Option<&str> {
    let (scheme, token) = authorization?.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// The app's `config` from the environment, when `PINTEREST_CLIENT_ID` is set.
fn config_from(env: &dyn Fn(&str) -> Option<String>) -> Option<Value> {
    let client_id = env("PINTEREST_CLIENT_ID")?;
    Some(json!({
        "client-id": client_id,
        "client-secret": env("PINTEREST_CLIENT_SECRET").unwrap_or_default(),
        "environment": env("PINTEREST_ENVIRONMENT").unwrap_or_else(|| "production".to_owned()),
        "api-base-url": env("PINTEREST_API_BASE_URL"),
        "authorize-url": env("PINTEREST_AUTHORIZE_URL"),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_env(_: &str) -> Option<String> {
        None
    }

    fn post(path: &'static str, body: &'static str) -> Reply {
        let request = Request {
            method: "POST",
            path,
            authorization: None,
            body: body.as_bytes(),
        };
        handle(&request, &no_env)
    }

    fn refusal(reply: &Reply) -> Value {
        serde_json::from_slice::<Value>(&reply.body).unwrap()["val"].clone()
    }

    #[test]
    fn every_operation_of_the_wit_is_served() {
        let names: Vec<&str> = operations().iter().map(|op| op.name).collect();
        for name in [
            "authorize",
            "exchange",
            "get-board",
            "create-pin",
            "describe",
        ] {
            assert!(names.contains(&name), "{names:?}");
        }
        let board = operations()
            .iter()
            .find(|op| op.name == "get-board")
            .unwrap();
        assert_eq!(board.params, ["config", "access-token", "board-id"]);
    }

    #[test]
    fn unknown_paths_methods_and_operations_are_refused_with_the_way_in() {
        let reply = post("/boards", "{}");
        assert_eq!(reply.status, 404);
        assert!(
            refusal(&reply)["reason"]
                .as_str()
                .unwrap()
                .contains("POST /operations/{name}")
        );
        let reply = post("/describe", "");
        assert_eq!(
            (reply.status, reply.headers.clone()),
            (405, vec![("allow", "GET".to_owned())])
        );
        let reply = post("/operations/pina_NOT_AN_OPERATION", "{}");
        assert_eq!(reply.status, 404);
        assert!(!String::from_utf8_lossy(&reply.body).contains("pina_NOT"));
    }

    #[test]
    fn bodies_that_are_not_an_input_object_are_refused_before_any_call() {
        let reply = post("/operations/get-board", "{\"config\": ");
        assert_eq!(reply.status, 400);
        assert!(
            refusal(&reply)["reason"]
                .as_str()
                .unwrap()
                .starts_with("the body is not JSON")
        );
        assert_eq!(refusal(&post("/operations/get-board", "[1]"))["field"], "");
        let reply = post("/operations/get-board", "{\"board\": \"1\"}");
        assert_eq!(refusal(&reply)["field"], "board");
        let reply = post(
            "/operations/get-board",
            "{\"board-id\": 5, \"config\": {}, \"access-token\": \"t\"}",
        );
        assert_eq!(refusal(&reply)["field"], "config.client-id");
    }

    #[test]
    fn the_token_may_come_as_a_bearer_header_and_the_config_from_the_environment() {
        let request = Request {
            method: "POST",
            path: "/operations/get-board",
            authorization: Some("Bearer pina_FROM_HEADER"),
            body: b"{\"board-id\": 5}",
        };
        let env = |name: &str| (name == "PINTEREST_CLIENT_ID").then(|| "1234".to_owned());
        let operation = operations()
            .iter()
            .find(|op| op.name == "get-board")
            .unwrap();
        let input = input(operation, &request, &env).unwrap();
        assert_eq!(input["access-token"], "pina_FROM_HEADER");
        assert_eq!(input["config"]["client-id"], "1234");
        assert_eq!(input["config"]["environment"], "production");
        // The body wins where it says.
        let said = Request {
            body: b"{\"board-id\": 5, \"access-token\": \"pina_FROM_BODY\", \"config\": {}}",
            ..request
        };
        let input = super::input(operation, &said, &env).unwrap();
        assert_eq!(input["access-token"], "pina_FROM_BODY");
        assert_eq!(input["config"], json!({}));
        assert_eq!(bearer(Some("Basic abc")), None);
        assert_eq!(bearer(Some("bearer  t1 ")), Some("t1"));
    }
}
