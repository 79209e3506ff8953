//! `whoami`: the account behind the token, with a warning for personal
//! accounts.

use serde_json::json;

use pinterest_connector_host::types;

use super::super::context::Context;
use super::super::errors::{self, Action, SECRET_BOARDS_SCOPE};
use super::super::exit::{CliError, Exit};
use super::super::output;
use super::super::session::Session;

/// Warning for a personal account.
pub const PINNER_WARNING: &str = "This is a personal (PINNER) account. Pinterest's publishing and analytics features expect a business account: convert it for free at https://www.pinterest.com/business/convert/ and sign in again.";

/// `whoami`.
pub fn whoami(context: &Context) -> Result<Exit, CliError> {
    let session = Session::open(context)?;
    let account = context
        .host()?
        .get_user_account(&session.config(), session.access_token())
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| session.explain(Action::Account, &e))?;
    let kind = account_type(&account);
    let warning =
        (account.account_type == Some(types::AccountType::Pinner)).then_some(PINNER_WARNING);
    // The count includes secret boards, which these tokens may not see.
    let blind = !session
        .tokens
        .scopes
        .iter()
        .any(|s| s == SECRET_BOARDS_SCOPE);
    let secret_note = (blind && account.board_count.is_some_and(|n| n > 0)).then(|| {
        format!(
            "The board count includes secret boards, which these tokens cannot see: `boards` does not list them and `board check` does not find them. To use them, sign in with {}.",
            context
                .hints
                .login(&format!("--scope +{SECRET_BOARDS_SCOPE}"))
        )
    });
    if context.json() {
        output::json(&json!({
            "id": account.id,
            "username": account.username,
            "account_type": kind,
            "business_name": account.business_name,
            "website_url": account.website_url,
            "board_count": account.board_count,
            "pin_count": account.pin_count,
            "follower_count": account.follower_count,
            "following_count": account.following_count,
            "monthly_views": account.monthly_views,
            "environment": context.app.environment_name(),
            "warning": warning,
            "notes": secret_note.iter().collect::<Vec<_>>(),
        }));
    } else {
        let text = |v: &Option<String>| v.clone().unwrap_or_else(|| "-".to_owned());
        let count = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_else(|| "-".to_owned());
        output::print_pairs(
            &[
                ("username", text(&account.username)),
                ("account type", kind.to_owned()),
                ("business name", text(&account.business_name)),
                ("id", text(&account.id)),
                (
                    "boards",
                    match &secret_note {
                        Some(_) => format!(
                            "{} (secret ones included, which `boards` lists only with {SECRET_BOARDS_SCOPE})",
                            count(account.board_count)
                        ),
                        None => count(account.board_count),
                    },
                ),
                ("pins", count(account.pin_count)),
                ("followers", count(account.follower_count)),
                ("website", text(&account.website_url)),
                ("environment", context.app.environment_name().to_owned()),
            ],
            "",
        );
    }
    if let Some(warning) = warning {
        output::note(&format!("warning: {warning}"));
    }
    if let (Some(note), false) = (&secret_note, context.json()) {
        output::note(note);
    }
    Ok(Exit::Success)
}

/// `BUSINESS`, `PINNER` or `unknown`.
pub fn account_type(account: &types::UserAccount) -> &'static str {
    match account.account_type {
        Some(types::AccountType::Business) => "BUSINESS",
        Some(types::AccountType::Pinner) => "PINNER",
        None => "unknown",
    }
}
