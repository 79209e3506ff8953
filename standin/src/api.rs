//! Bearer authentication with scope checks (per the `security` of
//! Pinterest's API description), what secret boards and pins need, and the
//! account.

use serde_json::{Value, json};

use super::grants::AccessGrant;
use super::model::{Board, Privacy};
use super::reply::{Incoming, Reply};
use super::routes::Call;
use super::state::Shared;
use super::{AccountType, USERNAME};

/// Pinterest's message for code 3 (a scope is missing).
pub(crate) const SCOPE_MESSAGE: &str = "Your token does not have sufficient permissions to perform this operation. Please ensure your token is authorized with the correct set of scopes.";

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

/// Whether a board is visible to the call at all: secret boards need
/// `boards:read_secret`.
pub(crate) fn visible(board: &Board, call: &Call) -> bool {
    board.privacy != Privacy::Secret || call.has("boards:read_secret")
}

/// `Ok` if the call may change `board` (its sections, or the board
/// itself): a secret board needs `boards:write_secret`.
pub(crate) fn may_write_board(board: &Board, call: &Call) -> Result<(), Reply> {
    if board.privacy == Privacy::Secret {
        call.require("boards:write_secret")?;
    }
    Ok(())
}

/// `Ok` if the call may add, change or remove pins on `board`: pins on a
/// secret board are secret pins and need `pins:write_secret`.
pub(crate) fn may_write_pins(board: &Board, call: &Call) -> Result<(), Reply> {
    if board.privacy == Privacy::Secret {
        call.require("pins:write_secret")?;
    }
    Ok(())
}

/// `404 code 40 Board not found.`
pub(crate) fn board_not_found() -> Reply {
    Reply::error(404, 40, "Board not found.")
}

/// `GET /v5/user_account`.
pub(crate) fn user_account(shared: &Shared, _call: &Call) -> Reply {
    let data = shared.lock();
    Reply::json(
        200,
        &account_json(
            shared.settings.account_type,
            data.boards.len(),
            data.pins.len(),
        ),
    )
}

/// The account as Pinterest's `Account`.
fn account_json(account_type: AccountType, board_count: usize, pin_count: usize) -> Value {
    let (kind, business_name) = match account_type {
        AccountType::Business => ("BUSINESS", Value::from("Stand-in Studio")),
        AccountType::Pinner => ("PINNER", Value::Null),
    };
    json!({
        "id": "1125899906842624",
        "username": USERNAME,
        "account_type": kind,
        "business_name": business_name,
        "about": "A local stand-in for Pinterest API v5.",
        "profile_image": "https://i.pinimg.com/75x75_RS/standin/profile.jpg",
        "website_url": "https://standin.example",
        "board_count": board_count,
        "pin_count": pin_count,
        "follower_count": 10,
        "following_count": 347,
        "monthly_views": 163,
    })
}
