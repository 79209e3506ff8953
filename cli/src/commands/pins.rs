//! `pins list` (a board's, a section's or the account's pins, one page or
//! all under the paging guard), `pins get`, `pins update`, `pins delete`
//! and `pins save`.

use serde_json::json;

use pinterest_connector_host::types;

use super::super::args::{ConfirmArgs, PinSaveArgs, PinUpdateArgs, PinsListArgs};
use super::super::confirm;
use super::super::context::Context;
use super::super::errors::{self, Action};
use super::super::exit::{CliError, Exit};
use super::super::hints::quote;
use super::super::listing::{self, Kind, Request};
use super::super::output;
use super::super::session::Session;
use super::pin::{pin_json, pin_rows};

/// How pins are listed.
const PINS: Kind<types::Pin> = Kind {
    one: "pin",
    noun: "pins",
    cap_flag: "--max-pins",
    header: &["ID", "TITLE", "BOARD", "SECTION", "MEDIA", "CREATED"],
    row,
    json: pin_json,
};

/// A pin as a table row.
fn row(pin: &types::Pin) -> Vec<String> {
    let text = |v: &Option<String>| v.clone().unwrap_or_default();
    vec![
        pin.id.clone(),
        text(&pin.title),
        text(&pin.board_id),
        text(&pin.board_section_id),
        text(&pin.media_type),
        text(&pin.created_at),
    ]
}

/// `pins list`.
pub fn list(context: &Context, args: &PinsListArgs) -> Result<Exit, CliError> {
    let board = args
        .board
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty());
    let source = match (board, &args.section) {
        (Some(board), Some(section)) => types::PinSource::Section(types::SectionRef {
            board_id: board.to_owned(),
            section_id: section.clone(),
        }),
        (Some(board), None) => types::PinSource::Board(board.to_owned()),
        (None, _) => types::PinSource::Account,
    };
    let session = Session::open(context)?;
    let host = context.host()?;
    let config = session.config();
    let mut again = String::from("pins list");
    if let Some(board) = board {
        again.push_str(&format!(" --board {}", quote(board)));
    }
    if let Some(section) = &args.section {
        again.push_str(&format!(" --section {}", quote(section)));
    }
    if args.all {
        again.push_str(" --all");
    }
    if let Some(size) = args.page_size {
        again.push_str(&format!(" --page-size {size}"));
    }
    if let Some(cap) = args.max_pins {
        again.push_str(&format!(" --max-pins {cap}"));
    }
    let request = Request {
        all: args.all,
        cap: args.max_pins,
        page_size: args.page_size,
        bookmark: args.bookmark.clone(),
        again,
        hints: &context.hints,
        json: context.json(),
    };
    let action = Action::ListPins {
        board,
        section: args.section.as_deref(),
    };
    listing::run(&PINS, &request, |bookmark, page_size| {
        let query = types::PageQuery {
            bookmark,
            page_size,
        };
        let page = host
            .list_pins(&config, session.access_token(), &source, &query)
            .map_err(|e| errors::from_host(&e))?
            .map_err(|e| session.explain(action, &e))?;
        Ok((page.items, page.bookmark))
    })
}

/// `pins get ID`.
pub fn get(context: &Context, id: &str) -> Result<Exit, CliError> {
    let session = Session::open(context)?;
    let pin = context
        .host()?
        .get_pin(&session.config(), session.access_token(), id)
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| session.explain(Action::GetPin { pin: id }, &e))?;
    show(context, &pin, "Pin");
    Ok(Exit::Success)
}

/// `pins update ID`.
pub fn update(context: &Context, args: &PinUpdateArgs) -> Result<Exit, CliError> {
    let changes = types::PinChanges {
        board_id: args.board.clone(),
        board_section_id: if args.no_section {
            Some(String::new())
        } else {
            args.section.clone()
        },
        title: args.title.clone(),
        description: args.description.clone(),
        link: args.link.clone(),
        alt_text: args.alt_text.clone(),
    };
    let session = Session::open(context)?;
    let pin = context
        .host()?
        .update_pin(
            &session.config(),
            session.access_token(),
            &args.id,
            &changes,
        )
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| session.explain(Action::UpdatePin { pin: &args.id }, &e))?;
    show(context, &pin, "Changed pin");
    Ok(Exit::Success)
}

/// `pins delete ID`.
pub fn delete(context: &Context, args: &ConfirmArgs) -> Result<Exit, CliError> {
    confirm::deletion(
        &format!("pin {}", args.id),
        "Pinterest cannot bring it back",
        args.yes,
    )?;
    let session = Session::open(context)?;
    context
        .host()?
        .delete_pin(&session.config(), session.access_token(), &args.id)
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| session.explain(Action::DeletePin { pin: &args.id }, &e))?;
    if context.json() {
        output::json(&json!({ "deleted": { "pin_id": args.id } }));
    } else {
        println!("Deleted pin {}.", args.id);
    }
    Ok(Exit::Success)
}

/// `pins save ID --board B`.
pub fn save(context: &Context, args: &PinSaveArgs) -> Result<Exit, CliError> {
    let board = context.board(args.board.as_deref())?;
    let session = Session::open(context)?;
    let pin = context
        .host()?
        .save_pin(
            &session.config(),
            session.access_token(),
            &args.id,
            &board,
            args.section.as_deref(),
        )
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| {
            let action = Action::SavePin {
                pin: &args.id,
                board: &board,
            };
            session.explain(action, &e)
        })?;
    show(
        context,
        &pin,
        &format!("Saved pin {} to board {board} as", args.id),
    );
    Ok(Exit::Success)
}

/// A pin, as JSON or as `label ID: URL` and its fields.
fn show(context: &Context, pin: &types::Pin, label: &str) {
    if context.json() {
        output::json(&pin_json(pin));
    } else {
        println!("{label} {}: {}", pin.id, pin.url);
        let mut rows = pin_rows(pin);
        rows.insert(
            1,
            (
                "section",
                pin.board_section_id
                    .clone()
                    .unwrap_or_else(|| "-".to_owned()),
            ),
        );
        rows.push(("link", pin.link.clone().unwrap_or_else(|| "-".to_owned())));
        output::print_pairs(&rows, "  ");
    }
}
