//! `api METHOD /v5/…`: any Pinterest endpoint the other commands do not
//! cover, through the component's `api-request` (the stored token, the
//! configured API only, the path kept below `/v5/`, errors explained).

use serde_json::{Value, json};

use pinterest_connector_host::types;

use super::super::args::ApiArgs;
use super::super::context::Context;
use super::super::errors::{self, Action};
use super::super::exit::{CliError, Exit};
use super::super::output;
use super::super::session::Session;

/// Largest body file read for `--body @FILE` (the component's own limit
/// for a request body is 28 MiB).
const MAX_BODY_BYTES: u64 = 28 * 1024 * 1024;

/// `api`.
pub fn run(context: &Context, args: &ApiArgs) -> Result<Exit, CliError> {
    let query = args
        .query
        .iter()
        .map(|pair| parse_query(pair))
        .collect::<Result<Vec<_>, _>>()?;
    let body = args.body.as_deref().map(read_body).transpose()?;
    if let Some(Err(e)) = body
        .as_deref()
        .map(serde_json::from_str::<serde::de::IgnoredAny>)
    {
        return Err(CliError::usage(format!("--body is not JSON: {e}.")).with_remedy(
            "Give a JSON document, e.g. --body '{\"name\": \"Recipes\"}', or @FILE to read one from a file.",
        ));
    }
    let session = Session::open(context)?;
    let method = args.method.name();
    let answer = context
        .host()?
        .api_request(
            &session.config(),
            session.access_token(),
            args.method.method(),
            &args.path,
            &query,
            body.as_deref(),
        )
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| {
            let action = Action::ApiRequest {
                method,
                path: &args.path,
            };
            session.explain(action, &e)
        })?;
    let parsed: Option<Value> = serde_json::from_str(&answer.body).ok();
    if context.json() {
        output::json(&json!({
            "status": answer.status,
            "headers": answer
                .headers
                .iter()
                .map(|h| (h.name.clone(), Value::from(h.value.clone())))
                .collect::<serde_json::Map<_, _>>(),
            "body": parsed.clone().unwrap_or_else(|| Value::from(answer.body.clone())),
        }));
        return Ok(Exit::Success);
    }
    let limits: Vec<String> = answer
        .headers
        .iter()
        .filter(|h| h.name.starts_with("x-ratelimit") || h.name == "retry-after")
        .map(|h| format!("{}: {}", h.name, h.value))
        .collect();
    let mut status = format!("{method} {} → {}", args.path, answer.status);
    if !limits.is_empty() {
        status.push_str(&format!(" ({})", limits.join(", ")));
    }
    output::note(&status);
    match parsed {
        Some(value) => output::json(&value),
        None if answer.body.is_empty() => {}
        None => println!("{}", answer.body),
    }
    Ok(Exit::Success)
}

/// `NAME=VALUE` as a query parameter.
fn parse_query(pair: &str) -> Result<types::QueryParam, CliError> {
    match pair.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => Ok(types::QueryParam {
            name: name.trim().to_owned(),
            value: value.to_owned(),
        }),
        _ => Err(CliError::usage(format!(
            "--query {pair}: expected NAME=VALUE, e.g. --query page_size=50."
        ))),
    }
}

/// The body as given, or the file after `@`.
fn read_body(given: &str) -> Result<String, CliError> {
    let Some(path) = given.strip_prefix('@') else {
        return Ok(given.to_owned());
    };
    let unreadable =
        |e: std::io::Error| CliError::usage(format!("--body @{path}: cannot read the file: {e}."));
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > MAX_BODY_BYTES {
        return Err(CliError::usage(format!(
            "--body @{path}: the file is {size} bytes; the limit is {MAX_BODY_BYTES}."
        )));
    }
    std::fs::read_to_string(path).map_err(unreadable)
}
