//! `boards` (one page, or all of them following bookmarks) and
//! `board check ID`.

use serde_json::{Value, json};

use pinterest_connector_host::types;

use super::super::args::{BoardsArgs, Privacy};
use super::super::context::Context;
use super::super::errors;
use super::super::exit::{CliError, Exit};
use super::super::output::{self, Table};
use super::super::session::Session;

/// `boards`.
pub fn list(context: &Context, args: &BoardsArgs) -> Result<Exit, CliError> {
    let session = Session::open(context)?;
    let host = context.host()?;
    let config = session.config();
    let token = session.access_token();
    let privacy = args.privacy.map(privacy_filter);
    let secret = matches!(
        args.privacy,
        Some(Privacy::Secret | Privacy::PublicAndSecret)
    );
    let explain = |e: types::Error| {
        let error = errors::from_component(&e);
        match e {
            types::Error::MissingScope(_) if secret => error.with_remedy(
                "Secret boards need the boards:read_secret scope: run `pinterest-connector login --scope boards:read,boards:read_secret,boards:write,pins:read,pins:write,user_accounts:read`.",
            ),
            _ => error,
        }
    };
    let call = |query: types::ListBoardsQuery| {
        host.list_boards(&config, token, &query)
            .map_err(|e| errors::from_host(&e))?
            .map_err(explain)
    };
    let (boards, bookmark, pages) =
        if args.all && args.page_size.is_none() && args.bookmark.is_none() {
            let page = host
                .list_all_boards(&config, token, privacy, None)
                .map_err(|e| errors::from_host(&e))?
                .map_err(explain)?;
            (page.items, page.bookmark, None)
        } else {
            let mut boards = Vec::new();
            let mut bookmark = args.bookmark.clone();
            let mut pages = 0;
            loop {
                let page = call(types::ListBoardsQuery {
                    bookmark: bookmark.clone(),
                    page_size: args.page_size,
                    privacy,
                })?;
                pages += 1;
                boards.extend(page.items);
                bookmark = page.bookmark;
                if !args.all || bookmark.is_none() {
                    break;
                }
            }
            (boards, bookmark, Some(pages))
        };
    if context.json() {
        output::json(&json!({
            "items": boards.iter().map(board_json).collect::<Vec<_>>(),
            "bookmark": bookmark,
        }));
        return Ok(Exit::Success);
    }
    table(&boards).print();
    let pages = pages
        .map(|n| format!(" in {n} page(s)"))
        .unwrap_or_default();
    println!("{} board(s){pages}.", boards.len());
    if let Some(bookmark) = bookmark {
        println!("More boards: add --bookmark {bookmark}");
    }
    Ok(Exit::Success)
}

/// `board check ID`.
pub fn check(context: &Context, id: &str) -> Result<Exit, CliError> {
    let session = Session::open(context)?;
    let board = context
        .host()?
        .get_board(&session.config(), session.access_token(), id)
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| errors::from_component(&e))?;
    if context.json() {
        output::json(&board_json(&board));
    } else {
        println!(
            "Board {} is ready for pins: {} ({}, owner {}).",
            board.id,
            board.name,
            privacy_name(board.privacy),
            board.owner_username.as_deref().unwrap_or("unknown")
        );
    }
    Ok(Exit::Success)
}

/// A table of boards.
pub fn table(boards: &[types::Board]) -> Table {
    let mut table = Table::new(&["ID", "NAME", "PRIVACY", "PINS", "FOLLOWERS"]);
    for board in boards {
        let count = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
        table.row(vec![
            board.id.clone(),
            board.name.clone(),
            privacy_name(board.privacy).to_owned(),
            count(board.pin_count),
            count(board.follower_count),
        ]);
    }
    table
}

/// A board as JSON.
pub fn board_json(board: &types::Board) -> Value {
    json!({
        "id": board.id,
        "name": board.name,
        "description": board.description,
        "privacy": privacy_name(board.privacy),
        "owner_username": board.owner_username,
        "pin_count": board.pin_count,
        "follower_count": board.follower_count,
        "collaborator_count": board.collaborator_count,
        "is_ads_only": board.is_ads_only,
        "created_at": board.created_at,
    })
}

/// `PUBLIC`, `PROTECTED` or `SECRET`.
pub fn privacy_name(privacy: types::BoardPrivacy) -> &'static str {
    match privacy {
        types::BoardPrivacy::Public => "PUBLIC",
        types::BoardPrivacy::Protected => "PROTECTED",
        types::BoardPrivacy::Secret => "SECRET",
    }
}

fn privacy_filter(privacy: Privacy) -> types::BoardPrivacyFilter {
    match privacy {
        Privacy::All => types::BoardPrivacyFilter::All,
        Privacy::Public => types::BoardPrivacyFilter::Public,
        Privacy::Protected => types::BoardPrivacyFilter::Protected,
        Privacy::Secret => types::BoardPrivacyFilter::Secret,
        Privacy::PublicAndSecret => types::BoardPrivacyFilter::PublicAndSecret,
    }
}
