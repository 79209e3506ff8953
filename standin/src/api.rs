//! Bearer authentication with scope checks (per the `security` of
//! Pinterest's API description), the account, and boards with bookmark
//! paging and the privacy filter.

use base64::Engine as _;
use serde_json::{Value, json};

use super::grants::AccessGrant;
use super::reply::{Incoming, Reply};
use super::seed::{self, SeedBoard};
use super::state::Shared;

/// Pinterest's message for code 3 (a scope is missing).
pub(crate) const SCOPE_MESSAGE: &str = "Your token does not have sufficient permissions to perform this operation. Please ensure your token is authorized with the correct set of scopes.";
/// Largest `page_size`.
const MAX_PAGE_SIZE: usize = 250;
/// `page_size` when none is given.
const DEFAULT_PAGE_SIZE: usize = 25;
/// Values of the `privacy` filter.
const PRIVACY_FILTERS: [&str; 5] = ["ALL", "PUBLIC", "PROTECTED", "SECRET", "PUBLIC_AND_SECRET"];

/// The grant behind the request's bearer token, if it is live, belongs to
/// this environment and has every scope in `required`.
pub(crate) fn authenticate(
    shared: &Shared,
    request: &Incoming,
    required: &[&str],
) -> Result<AccessGrant, Reply> {
    let token = request
        .header("authorization")
        .and_then(|v| v.trim().split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim())
        .ok_or_else(Reply::authentication_failed)?;
    let now = shared.clock.now_seconds();
    let grant = shared
        .lock()
        .grants
        .access(request.environment, token, now)
        .cloned()
        .ok_or_else(Reply::authentication_failed)?;
    if required
        .iter()
        .any(|s| !grant.scopes.iter().any(|g| g == s))
    {
        return Err(Reply::error(401, 3, SCOPE_MESSAGE));
    }
    Ok(grant)
}

/// Whether a board is visible to a grant at all: secret boards need
/// `boards:read_secret`.
pub(crate) fn visible(board: &SeedBoard, grant: &AccessGrant) -> bool {
    board.privacy != "SECRET" || grant.scopes.iter().any(|s| s == "boards:read_secret")
}

/// `GET /v5/user_account`.
pub(crate) fn user_account(shared: &Shared, request: &Incoming) -> Reply {
    if let Err(reply) = authenticate(shared, request, &["user_accounts:read"]) {
        return reply;
    }
    let boards = shared.lock().boards.len();
    Reply::json(
        200,
        &seed::account_json(shared.settings.account_type, boards),
    )
}

/// `GET /v5/boards`.
pub(crate) fn list_boards(shared: &Shared, request: &Incoming) -> Reply {
    let grant = match authenticate(shared, request, &["boards:read"]) {
        Ok(grant) => grant,
        Err(reply) => return reply,
    };
    let filter = request.query("privacy").unwrap_or("ALL");
    if !PRIVACY_FILTERS.contains(&filter) {
        return Reply::invalid(&format!(
            "'privacy' value '{filter}' is not one of ['ALL', 'PUBLIC', 'PROTECTED', 'SECRET', 'PUBLIC_AND_SECRET']"
        ));
    }
    let wants_secret = matches!(filter, "SECRET" | "PUBLIC_AND_SECRET");
    if wants_secret && !grant.scopes.iter().any(|s| s == "boards:read_secret") {
        return Reply::error(401, 3, SCOPE_MESSAGE);
    }
    let page_size = match page_size(request.query("page_size")) {
        Ok(size) => size,
        Err(reply) => return reply,
    };
    let offset = match request.query("bookmark").filter(|b| !b.is_empty()) {
        None => 0,
        Some(bookmark) => match read_bookmark(bookmark, filter) {
            Some(offset) => offset,
            None => {
                return Reply::invalid(
                    "Invalid bookmark: pass the bookmark of the previous page unchanged, with the same privacy filter.",
                );
            }
        },
    };
    let data = shared.lock();
    let matching: Vec<&SeedBoard> = data
        .boards
        .iter()
        .filter(|b| visible(b, &grant) && passes(b, filter))
        .collect();
    let items: Vec<Value> = matching
        .iter()
        .skip(offset)
        .take(page_size)
        .map(|b| seed::board_json(b))
        .collect();
    let next = offset + items.len();
    let bookmark = (next < matching.len()).then(|| write_bookmark(next, filter));
    Reply::json(200, &json!({ "items": items, "bookmark": bookmark }))
}

/// `GET /v5/boards/{board_id}`.
pub(crate) fn get_board(shared: &Shared, request: &Incoming, board_id: &str) -> Reply {
    let grant = match authenticate(shared, request, &["boards:read"]) {
        Ok(grant) => grant,
        Err(reply) => return reply,
    };
    if board_id.is_empty() || !board_id.bytes().all(|b| b.is_ascii_digit()) {
        return Reply::invalid(&format!(
            "'board_id' value '{board_id}' must match the pattern: ^\\d+$"
        ));
    }
    let data = shared.lock();
    match data
        .boards
        .iter()
        .find(|b| b.id == board_id && visible(b, &grant))
    {
        Some(board) => Reply::json(200, &seed::board_json(board)),
        None => Reply::error(404, 40, "Board not found."),
    }
}

fn passes(board: &SeedBoard, filter: &str) -> bool {
    match filter {
        "PUBLIC" | "PROTECTED" | "SECRET" => board.privacy == filter,
        "PUBLIC_AND_SECRET" => board.privacy != "PROTECTED",
        _ => true,
    }
}

fn page_size(value: Option<&str>) -> Result<usize, Reply> {
    let Some(value) = value else {
        return Ok(DEFAULT_PAGE_SIZE);
    };
    let Ok(size) = value.parse::<i64>() else {
        return Err(Reply::invalid(&format!(
            "'page_size' value '{value}' is not of type 'integer'"
        )));
    };
    if size < 1 {
        return Err(Reply::invalid(&format!(
            "'page_size' value {size} is less than the minimum of 1"
        )));
    }
    match usize::try_from(size) {
        Ok(size) if size <= MAX_PAGE_SIZE => Ok(size),
        _ => Err(Reply::invalid(&format!(
            "'page_size' value {size} is greater than the maximum of {MAX_PAGE_SIZE}"
        ))),
    }
}

/// An opaque cursor: where the next page starts, for which filter.
fn write_bookmark(offset: usize, filter: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("boards|{filter}|{offset}"))
}

fn read_bookmark(bookmark: &str, filter: &str) -> Option<usize> {
    let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(bookmark)
        .ok()?;
    let text = String::from_utf8(raw).ok()?;
    let mut parts = text.split('|');
    if parts.next()? != "boards" || parts.next()? != filter {
        return None;
    }
    parts.next()?.parse().ok()
}
