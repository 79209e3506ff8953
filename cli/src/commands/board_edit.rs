//! `board create`, `board update ID`, `board delete ID`.

use serde_json::json;

use pinterest_connector_host::types;

use super::super::args::{BoardCreateArgs, BoardUpdateArgs, ConfirmArgs};
use super::super::confirm;
use super::super::context::Context;
use super::super::errors::{self, Action};
use super::super::exit::{CliError, Exit};
use super::super::output;
use super::super::session::Session;
use super::boards::{board_json, privacy_name};

/// `board create`.
pub fn create(context: &Context, args: &BoardCreateArgs) -> Result<Exit, CliError> {
    let input = types::BoardInput {
        name: args.name.clone(),
        description: args.description.clone(),
        privacy: args.privacy.map(|p| p.privacy()),
        is_ads_only: args.ads_only.then_some(true),
    };
    let session = Session::open(context)?;
    let board = context
        .host()?
        .create_board(&session.config(), session.access_token(), &input)
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| session.explain(Action::CreateBoard, &e))?;
    show(context, &board, "Created board");
    Ok(Exit::Success)
}

/// `board update ID`.
pub fn update(context: &Context, args: &BoardUpdateArgs) -> Result<Exit, CliError> {
    let changes = types::BoardChanges {
        name: args.name.clone(),
        description: args.description.clone(),
        privacy: args.privacy.map(|p| p.privacy()),
    };
    let session = Session::open(context)?;
    let board = context
        .host()?
        .update_board(
            &session.config(),
            session.access_token(),
            &args.id,
            &changes,
        )
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| session.explain(Action::UpdateBoard { board: &args.id }, &e))?;
    show(context, &board, "Changed board");
    Ok(Exit::Success)
}

/// `board delete ID`.
pub fn delete(context: &Context, args: &ConfirmArgs) -> Result<Exit, CliError> {
    confirm::deletion(
        &format!("board {}", args.id),
        "every section and pin on it is deleted with it",
        args.yes,
    )?;
    let session = Session::open(context)?;
    context
        .host()?
        .delete_board(&session.config(), session.access_token(), &args.id)
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| session.explain(Action::DeleteBoard { board: &args.id }, &e))?;
    if context.json() {
        output::json(&json!({ "deleted": { "board_id": args.id } }));
    } else {
        println!("Deleted board {} with its sections and pins.", args.id);
    }
    Ok(Exit::Success)
}

/// A board, as JSON or as a line after `verb`.
fn show(context: &Context, board: &types::Board, verb: &str) {
    if context.json() {
        output::json(&board_json(board));
    } else {
        println!(
            "{verb} {} \"{}\" ({}).",
            board.id,
            board.name,
            privacy_name(board.privacy)
        );
    }
}
