//! Which handler answers which method and path.

use super::reply::{Incoming, Reply};
use super::state::Shared;
use super::{Environment, api, oauth, pins};

/// Paths the stand-in serves (below the environment prefix), for 405s.
const KNOWN: [&str; 5] = [
    "/oauth/",
    "/v5/oauth/token",
    "/v5/user_account",
    "/v5/boards",
    "/v5/pins",
];

/// Answers one request.
pub(crate) fn route(shared: &Shared, request: &Incoming) -> Reply {
    let method = request.method.as_str();
    let path = request.path.as_str();
    let production = request.environment == Environment::Production;
    match (method, path) {
        ("GET", "/oauth/" | "/oauth") if production => oauth::authorize(shared, request),
        ("POST", "/v5/oauth/token") => oauth::token(shared, request),
        ("GET", "/v5/user_account") => api::user_account(shared, request),
        ("GET", "/v5/boards") => api::list_boards(shared, request),
        ("POST", "/v5/pins") => pins::create(shared, request),
        ("GET", _) if board_id(path).is_some() => {
            api::get_board(shared, request, board_id(path).unwrap_or_default())
        }
        _ if KNOWN.contains(&path) || board_id(path).is_some() => {
            Reply::error(405, 1, &format!("Method {method} is not allowed here."))
        }
        _ => Reply::text(404, "Not Found"),
    }
}

/// The id in `/v5/boards/{board_id}`.
fn board_id(path: &str) -> Option<&str> {
    path.strip_prefix("/v5/boards/")
        .filter(|rest| !rest.is_empty() && !rest.contains('/'))
}
