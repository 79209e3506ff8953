//! `sections` (a board's sections, one page or all under the paging
//! guard) and `section create/update/delete`.

use serde_json::{Value, json};

use pinterest_connector_host::types;

use super::super::args::{
    SectionCommand, SectionCreateArgs, SectionDeleteArgs, SectionUpdateArgs, SectionsArgs,
};
use super::super::confirm;
use super::super::context::Context;
use super::super::errors::{self, Action};
use super::super::exit::{CliError, Exit};
use super::super::hints::quote;
use super::super::listing::{self, Kind, Request};
use super::super::output;
use super::super::session::Session;

/// How sections are listed.
const SECTIONS: Kind<types::Section> = Kind {
    one: "section",
    noun: "sections",
    cap_flag: "--max-sections",
    header: &["ID", "NAME"],
    row: |s| vec![s.id.clone(), s.name.clone()],
    json: section_json,
};

/// `sections`.
pub fn list(context: &Context, args: &SectionsArgs) -> Result<Exit, CliError> {
    let board = context.board(args.board.as_deref())?;
    let session = Session::open(context)?;
    let host = context.host()?;
    let config = session.config();
    let mut again = format!("sections --board {}", quote(&board));
    if args.all {
        again.push_str(" --all");
    }
    if let Some(size) = args.page_size {
        again.push_str(&format!(" --page-size {size}"));
    }
    if let Some(cap) = args.max_sections {
        again.push_str(&format!(" --max-sections {cap}"));
    }
    let request = Request {
        all: args.all,
        cap: args.max_sections,
        page_size: args.page_size,
        bookmark: args.bookmark.clone(),
        again,
        hints: &context.hints,
        json: context.json(),
    };
    listing::run(&SECTIONS, &request, |bookmark, page_size| {
        let query = types::PageQuery {
            bookmark,
            page_size,
        };
        let page = host
            .list_sections(&config, session.access_token(), &board, &query)
            .map_err(|e| errors::from_host(&e))?
            .map_err(|e| session.explain(Action::ListSections { board: &board }, &e))?;
        Ok((page.items, page.bookmark))
    })
}

/// `section …`.
pub fn run(context: &Context, command: &SectionCommand) -> Result<Exit, CliError> {
    match command {
        SectionCommand::Create(args) => create(context, args),
        SectionCommand::Update(args) => update(context, args),
        SectionCommand::Delete(args) => delete(context, args),
    }
}

fn create(context: &Context, args: &SectionCreateArgs) -> Result<Exit, CliError> {
    let board = context.board(args.board.as_deref())?;
    let session = Session::open(context)?;
    let section = context
        .host()?
        .create_section(
            &session.config(),
            session.access_token(),
            &board,
            &args.name,
        )
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| session.explain(Action::CreateSection { board: &board }, &e))?;
    show(
        context,
        &section,
        &format!(
            "Created section {} \"{}\" on board {board}.",
            section.id, section.name
        ),
    );
    Ok(Exit::Success)
}

fn update(context: &Context, args: &SectionUpdateArgs) -> Result<Exit, CliError> {
    let board = context.board(args.board.as_deref())?;
    let session = Session::open(context)?;
    let section_ref = types::SectionRef {
        board_id: board.clone(),
        section_id: args.id.clone(),
    };
    let section = context
        .host()?
        .update_section(
            &session.config(),
            session.access_token(),
            &section_ref,
            &args.name,
        )
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| {
            let action = Action::UpdateSection {
                board: &board,
                section: &args.id,
            };
            session.explain(action, &e)
        })?;
    show(
        context,
        &section,
        &format!(
            "Renamed section {} of board {board} to \"{}\".",
            section.id, section.name
        ),
    );
    Ok(Exit::Success)
}

fn delete(context: &Context, args: &SectionDeleteArgs) -> Result<Exit, CliError> {
    let board = context.board(args.board.as_deref())?;
    confirm::deletion(
        &format!("section {} of board {board}", args.id),
        "the pins in it are deleted with it",
        args.yes,
    )?;
    let session = Session::open(context)?;
    let section_ref = types::SectionRef {
        board_id: board.clone(),
        section_id: args.id.clone(),
    };
    context
        .host()?
        .delete_section(&session.config(), session.access_token(), &section_ref)
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| {
            let action = Action::DeleteSection {
                board: &board,
                section: &args.id,
            };
            session.explain(action, &e)
        })?;
    if context.json() {
        output::json(&json!({ "deleted": { "board_id": board, "section_id": args.id } }));
    } else {
        println!("Deleted section {} of board {board}.", args.id);
    }
    Ok(Exit::Success)
}

/// A section, as JSON or as `text`.
fn show(context: &Context, section: &types::Section, text: &str) {
    if context.json() {
        output::json(&section_json(section));
    } else {
        println!("{text}");
    }
}

/// A section as JSON.
pub fn section_json(section: &types::Section) -> Value {
    json!({ "id": section.id, "name": section.name })
}
