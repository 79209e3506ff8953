//! The benchmarked operations, runnable three ways: through a host (fresh
//! instance per call), on a live component instance, and natively through
//! the core with any HTTP client. Each run checks its result, so a broken
//! call fails the bench instead of timing an error.

use pinterest_connector::{
    AccessToken, AuthorizationCode, Connector, HttpClient, Request, Response, TransportError,
    authorization_url,
};
use wasmtime::Store;

use pinterest_connector_host::ConnectorHost;
use pinterest_connector_host::PinterestConnector;
use pinterest_connector_host::State;
use pinterest_connector_host::{http, types};

use crate::fixtures::{ACCESS_TOKEN, Answers, CODE, REDIRECT_URI, STATE};
use crate::inputs;

/// Unix time the native calls run at (2026-01-01).
const NOW: u64 = 1_767_225_600;

/// One operation with its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `authorize` (no HTTP).
    Authorize,
    /// `exchange` (token endpoint).
    Exchange,
    /// `list-boards` with a page of this many boards.
    ListBoards(u32),
    /// `create-pin` from an image URL.
    CreatePin,
}

impl Op {
    /// The operation as the table names it.
    pub fn label(self) -> String {
        match self {
            Op::Authorize => "authorize".into(),
            Op::Exchange => "exchange".into(),
            Op::ListBoards(n) => format!("list-boards ({n} boards)"),
            Op::CreatePin => "create-pin".into(),
        }
    }
}

/// Runs `op` through `host` (a fresh instance in a fresh store).
pub fn via_host(host: &ConnectorHost, op: Op, api: Option<&str>) -> Result<(), String> {
    let config = inputs::wit_config(api);
    let outcome = match op {
        Op::Authorize => host
            .authorize(&config, REDIRECT_URI, &[], Some(STATE))
            .map(|r| r.map(drop)),
        Op::Exchange => host
            .exchange(&config, CODE, REDIRECT_URI)
            .map(|r| r.map(drop)),
        Op::ListBoards(n) => host
            .list_boards(&config, ACCESS_TOKEN, &inputs::wit_query(n))
            .map(|r| r.and_then(|page| check_wit_page(&page, n))),
        Op::CreatePin => host
            .create_pin(&config, ACCESS_TOKEN, &inputs::wit_pin())
            .map(|r| r.map(drop)),
    };
    settle(outcome)
}

/// Runs `op` on an instance that lives across calls.
pub fn on_instance(
    connector: &PinterestConnector,
    store: &mut Store<State>,
    op: Op,
    config: &types::Config,
) -> Result<(), String> {
    let c = connector.pinterest_connector_connector();
    let outcome = match op {
        Op::Authorize => c
            .call_authorize(&mut *store, config, REDIRECT_URI, &[], Some(STATE))
            .map(|r| r.map(drop)),
        Op::Exchange => c
            .call_exchange(&mut *store, config, CODE, REDIRECT_URI)
            .map(|r| r.map(drop)),
        Op::ListBoards(n) => c
            .call_list_boards(&mut *store, config, ACCESS_TOKEN, &inputs::wit_query(n))
            .map(|r| r.and_then(|page| check_wit_page(&page, n))),
        Op::CreatePin => c
            .call_create_pin(&mut *store, config, ACCESS_TOKEN, &inputs::wit_pin())
            .map(|r| r.map(drop)),
    };
    settle(outcome)
}

/// Runs `op` natively through the core with `client`.
pub fn native(
    op: Op,
    config: &pinterest_connector::Config,
    client: impl HttpClient,
) -> Result<(), String> {
    let mut connector = Connector {
        config,
        client,
        now: NOW,
    };
    let outcome = match op {
        Op::Authorize => authorization_url(config, REDIRECT_URI, &[], STATE).map(drop),
        Op::Exchange => connector
            .exchange(&AuthorizationCode::new(CODE), REDIRECT_URI)
            .map(drop),
        Op::ListBoards(n) => connector
            .list_boards(&AccessToken::new(ACCESS_TOKEN), &inputs::core_query(n))
            .and_then(|page| {
                if page.items.len() == n as usize {
                    Ok(())
                } else {
                    Err(pinterest_connector::Error::invalid("page", "short"))
                }
            }),
        Op::CreatePin => connector
            .create_pin(&AccessToken::new(ACCESS_TOKEN), &inputs::core_pin())
            .map(drop),
    };
    outcome.map_err(|e| format!("{} failed natively: {e}", op.label()))
}

/// The in-memory HTTP client of the native calls: canned answers, no network.
pub fn canned_client(answers: &Answers) -> impl FnMut(Request) -> Result<Response, TransportError> {
    move |request: Request| {
        let answer = answers.answer(request.method.as_str(), path_and_query(&request.url));
        Ok(Response {
            status: answer.status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: answer.body,
        })
    }
}

/// The in-memory `http` import of the component: the same canned answers.
pub fn canned_transport(
    answers: std::sync::Arc<Answers>,
) -> std::sync::Arc<dyn pinterest_connector_host::Transport> {
    std::sync::Arc::new(move |request: http::Request| {
        let method = match request.method {
            http::Method::Get => "GET",
            http::Method::Post => "POST",
            http::Method::Put => "PUT",
            http::Method::Patch => "PATCH",
            http::Method::Delete => "DELETE",
        };
        let answer = answers.answer(method, path_and_query(&request.url));
        Ok(http::Response {
            status: answer.status,
            headers: vec![http::Header {
                name: "content-type".into(),
                value: "application/json".into(),
            }],
            body: answer.body,
        })
    })
}

/// `/v5/boards?page_size=25` of `https://api.pinterest.com/v5/boards?page_size=25`.
fn path_and_query(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    after_scheme
        .find('/')
        .map_or("/", |slash| &after_scheme[slash..])
}

fn check_wit_page(page: &types::BoardPage, n: u32) -> Result<(), types::Error> {
    if page.items.len() == n as usize {
        Ok(())
    } else {
        Err(types::Error::InvalidInput(types::InvalidInput {
            field: "page".into(),
            reason: format!("{} boards instead of {n}", page.items.len()),
        }))
    }
}

fn settle(outcome: wasmtime::Result<Result<(), types::Error>>) -> Result<(), String> {
    match outcome {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(format!("the component answered an error: {e:?}")),
        Err(e) => Err(format!("the host failed: {e:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_taken_from_absolute_urls() {
        assert_eq!(
            path_and_query("https://api.pinterest.com/v5/boards?page_size=25"),
            "/v5/boards?page_size=25"
        );
        assert_eq!(path_and_query("http://127.0.0.1:9/v5/pins"), "/v5/pins");
        assert_eq!(path_and_query("http://127.0.0.1:9"), "/");
    }

    #[test]
    fn the_core_runs_every_operation_on_canned_answers() {
        let answers = Answers::new();
        let config = inputs::core_config(None);
        for op in [
            Op::Authorize,
            Op::Exchange,
            Op::ListBoards(25),
            Op::ListBoards(250),
            Op::CreatePin,
        ] {
            native(op, &config, canned_client(&answers)).unwrap();
        }
    }
}
