//! `boards` (one page, or all of them following bookmarks under the
//! paging guard) and `board check ID`.

use serde_json::{Value, json};

use pinterest_connector_host::types;

use clap::ValueEnum as _;

use super::super::args::{BoardsArgs, Privacy};
use super::super::context::Context;
use super::super::errors::{self, Action, SECRET_BOARDS_SCOPE};
use super::super::exit::{CliError, Exit};
use super::super::hints::quote;
use super::super::output::{self, JsonItems, StreamTable, Table};
use super::super::paging::{self, End, Pager};
use super::super::session::Session;

/// `boards`: one page, or with `--all` every page up to the cap, printed
/// page by page as they arrive.
pub fn list(context: &Context, args: &BoardsArgs) -> Result<Exit, CliError> {
    let cap = args.max_boards.unwrap_or(paging::DEFAULT_MAX_ITEMS);
    if !(1..=paging::MAX_ITEMS).contains(&cap) {
        return Err(CliError::usage(format!(
            "--max-boards {cap}: it must be between 1 and {}.",
            paging::MAX_ITEMS
        )));
    }
    let session = Session::open(context)?;
    let host = context.host()?;
    let config = session.config();
    let token = session.access_token();
    let privacy = args.privacy.map(privacy_filter);
    let secret = matches!(
        args.privacy,
        Some(Privacy::Secret | Privacy::PublicAndSecret)
    );
    let mut pager = Pager::new(args.all, cap, args.page_size, args.bookmark.clone());
    let mut out = Listing::new(context.json());
    let mut failure = None;
    while let Some((bookmark, page_size)) = pager.next_request() {
        let query = types::ListBoardsQuery {
            bookmark,
            page_size,
            privacy,
        };
        match host.list_boards(&config, token, &query) {
            Ok(Ok(page)) => {
                out.page(&page.items);
                pager.record(page.items.len(), page.bookmark);
            }
            Ok(Err(error)) => {
                failure = Some(session.explain(Action::ListBoards { secret }, &error));
                break;
            }
            Err(error) => {
                failure = Some(errors::from_host(&error));
                break;
            }
        }
    }
    let mut failure = failure.or_else(|| match pager.end() {
        Some(End::Repeated { pages, .. }) => Some(
            CliError::new(
                Exit::Api,
                format!(
                    "Pinterest sent the bookmark of an earlier page again after page {pages}: following it would list the same boards over and over, so the listing stopped after {} board(s).",
                    pager.items()
                ),
            )
            .with_remedy("Run the command again later; if it persists, report this message."),
        ),
        _ => None,
    });
    if failure.is_some() && !out.started() {
        // Nothing printed yet: the error alone says it all.
        return Err(failure
            .take()
            .unwrap_or_else(|| CliError::failure("no error")));
    }
    let notes = secret_note(context, &session, args);
    let more = more_command(context, args, pager.end());
    out.finish(&pager, &more, &notes, failure.as_ref());
    match failure {
        Some(mut error) => {
            error.in_json_output = context.json();
            Err(error)
        }
        None => Ok(Exit::Success),
    }
}

/// Where the boards go: a table, or a JSON object, page by page.
enum Listing {
    Table(StreamTable),
    Json(JsonItems),
}

impl Listing {
    fn new(json: bool) -> Self {
        if json {
            Listing::Json(JsonItems::default())
        } else {
            Listing::Table(StreamTable::new(&HEADER))
        }
    }

    fn page(&mut self, boards: &[types::Board]) {
        match self {
            Listing::Table(table) => table.print(&boards.iter().map(row).collect::<Vec<_>>()),
            Listing::Json(items) => {
                items.print(&boards.iter().map(board_json).collect::<Vec<_>>());
            }
        }
    }

    fn started(&self) -> bool {
        match self {
            Listing::Table(table) => table.started(),
            Listing::Json(items) => items.started(),
        }
    }

    /// The count, how it ended and what to run for more.
    fn finish(
        self,
        pager: &Pager,
        more: &Option<String>,
        notes: &[String],
        failure: Option<&CliError>,
    ) {
        let cap = pager.capped_at();
        match self {
            Listing::Json(items) => {
                let mut fields = pager.summary(failure.is_some());
                if let Some(more) = more {
                    fields.insert("more".into(), json!(more));
                }
                if !notes.is_empty() {
                    fields.insert("notes".into(), json!(notes));
                }
                if let Some(error) = failure {
                    fields.insert("error".into(), error.to_json()["error"].clone());
                }
                items.finish(&fields);
            }
            Listing::Table(mut table) => {
                table.print(&[]);
                let pages = if pager.pages() > 1 || matches!(pager.end(), Some(End::Complete)) {
                    format!(" in {} page(s)", pager.pages())
                } else {
                    String::new()
                };
                println!("{} board(s){pages}.", pager.items());
                if let Some(cap) = cap {
                    println!(
                        "Stopped at the cap of {cap} boards (--max-boards raises it, up to {}).",
                        paging::MAX_ITEMS
                    );
                }
                if let Some(more) = more {
                    println!("More boards: {more}");
                }
                for note in notes {
                    output::note(note);
                }
            }
        }
    }
}

/// The command that lists the next boards, with the options in force.
fn more_command(context: &Context, args: &BoardsArgs, end: Option<&End>) -> Option<String> {
    let bookmark = match end? {
        End::OnePage { bookmark } => bookmark.as_deref()?,
        End::Capped { bookmark, .. } => bookmark.as_str(),
        End::Complete | End::Repeated { .. } => return None,
    };
    let mut rest = String::from("boards");
    if args.all {
        rest.push_str(" --all");
    }
    if let Some(privacy) = args.privacy.and_then(|p| p.to_possible_value()) {
        rest.push_str(&format!(" --privacy {}", privacy.get_name()));
    }
    if let Some(size) = args.page_size {
        rest.push_str(&format!(" --page-size {size}"));
    }
    if let Some(cap) = args.max_boards {
        rest.push_str(&format!(" --max-boards {cap}"));
    }
    rest.push_str(&format!(" --bookmark {}", quote(bookmark)));
    Some(context.hints.command(&rest))
}

/// The note that secret boards are missing, when the tokens cannot see
/// them and the listing would include them.
fn secret_note(context: &Context, session: &Session<'_>, args: &BoardsArgs) -> Vec<String> {
    let would_include = matches!(args.privacy, None | Some(Privacy::All));
    let blind = !session
        .tokens
        .scopes
        .iter()
        .any(|s| s == SECRET_BOARDS_SCOPE);
    if would_include && blind {
        vec![secret_boards_hidden(context)]
    } else {
        Vec::new()
    }
}

/// Why secret boards are missing and how to see them.
pub fn secret_boards_hidden(context: &Context) -> String {
    format!(
        "Secret boards are not listed: these tokens lack the {SECRET_BOARDS_SCOPE} scope. To see them, sign in with {}.",
        context
            .hints
            .login(&format!("--scope +{SECRET_BOARDS_SCOPE}"))
    )
}

/// `board check ID`.
pub fn check(context: &Context, id: &str) -> Result<Exit, CliError> {
    let session = Session::open(context)?;
    let board = context
        .host()?
        .get_board(&session.config(), session.access_token(), id)
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| session.explain(Action::GetBoard { board: id }, &e))?;
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

/// The columns of a board table.
const HEADER: [&str; 5] = ["ID", "NAME", "PRIVACY", "PINS", "FOLLOWERS"];

/// A board as a table row.
fn row(board: &types::Board) -> Vec<String> {
    let count = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
    vec![
        board.id.clone(),
        board.name.clone(),
        privacy_name(board.privacy).to_owned(),
        count(board.pin_count),
        count(board.follower_count),
    ]
}

/// A table of boards.
pub fn table(boards: &[types::Board]) -> Table {
    let mut table = Table::new(&HEADER);
    for board in boards {
        table.row(row(board));
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
