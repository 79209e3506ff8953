//! The listings besides `boards` (a board's sections, pins): one page, or
//! with `--all` every page under the paging guard, printed page by page as
//! they arrive, as a table or a JSON object, ending with the count, how it
//! ended (the cap stated) and the command that lists the next ones.

use serde_json::{Value, json};

use super::exit::{CliError, Exit};
use super::hints::{Hints, quote};
use super::output::{JsonItems, StreamTable};
use super::paging::{self, End, Pager};

/// What is listed, and how it is shown.
pub struct Kind<T> {
    /// The noun for one: `section`, `pin`.
    pub one: &'static str,
    /// The plural noun: `sections`, `pins`.
    pub noun: &'static str,
    /// The flag that sets the cap: `--max-sections`.
    pub cap_flag: &'static str,
    /// The table's columns.
    pub header: &'static [&'static str],
    /// An item as a table row.
    pub row: fn(&T) -> Vec<String>,
    /// An item as JSON.
    pub json: fn(&T) -> Value,
}

/// How the listing was asked for.
pub struct Request<'a> {
    /// Every page (up to the cap), or one.
    pub all: bool,
    /// The cap on items with `all`.
    pub cap: Option<u32>,
    /// The user's page size.
    pub page_size: Option<u32>,
    /// Where to start.
    pub bookmark: Option<String>,
    /// The command and its arguments that repeat this listing (without
    /// `--bookmark`), to which the next bookmark is added.
    pub again: String,
    /// The hints, which add the options in force.
    pub hints: &'a Hints,
    /// Whether to print JSON.
    pub json: bool,
}

/// Runs a listing, fetching each page with `fetch(bookmark, page_size)`.
/// An error before anything was printed is returned alone; one after is
/// printed in the listing's end and returned too.
pub fn run<T>(
    kind: &Kind<T>,
    request: &Request<'_>,
    mut fetch: impl FnMut(Option<String>, Option<u32>) -> Result<(Vec<T>, Option<String>), CliError>,
) -> Result<Exit, CliError> {
    let cap = request.cap.unwrap_or(paging::DEFAULT_MAX_ITEMS);
    if !(1..=paging::MAX_ITEMS).contains(&cap) {
        return Err(CliError::usage(format!(
            "{} {cap}: it must be between 1 and {}.",
            kind.cap_flag,
            paging::MAX_ITEMS
        )));
    }
    let mut pager = Pager::new(
        request.all,
        cap,
        request.page_size,
        request.bookmark.clone(),
    );
    let mut out = if request.json {
        Out::Json(JsonItems::default())
    } else {
        Out::Table(StreamTable::new(kind.header))
    };
    let mut failure = None;
    while let Some((bookmark, page_size)) = pager.next_request() {
        match fetch(bookmark, page_size) {
            Ok((items, next)) => {
                match &mut out {
                    Out::Table(table) => {
                        table.print(&items.iter().map(kind.row).collect::<Vec<_>>());
                    }
                    Out::Json(json) => json.print(&items.iter().map(kind.json).collect::<Vec<_>>()),
                }
                pager.record(items.len(), next);
            }
            Err(error) => {
                failure = Some(error);
                break;
            }
        }
    }
    let mut failure = failure.or_else(|| match pager.end() {
        Some(End::Repeated { pages, .. }) => Some(
            CliError::new(
                Exit::Api,
                format!(
                    "Pinterest sent the bookmark of an earlier page again after page {pages}: following it would list the same {} over and over, so the listing stopped after {} of them.",
                    kind.noun,
                    pager.items()
                ),
            )
            .with_remedy("Run the command again later; if it persists, report this message."),
        ),
        _ => None,
    });
    let started = match &out {
        Out::Table(table) => table.started(),
        Out::Json(json) => json.started(),
    };
    if !started && let Some(error) = failure.take() {
        // Nothing printed yet: the error alone says it all.
        return Err(error);
    }
    let more = next_bookmark(pager.end()).map(|bookmark| {
        request
            .hints
            .command(&format!("{} --bookmark {}", request.again, quote(bookmark)))
    });
    finish(kind, out, &pager, more.as_deref(), failure.as_ref());
    match failure {
        Some(mut error) => {
            error.in_json_output = request.json;
            Err(error)
        }
        None => Ok(Exit::Success),
    }
}

/// Where the items go.
enum Out {
    Table(StreamTable),
    Json(JsonItems),
}

/// The bookmark that continues the listing, if it can be continued.
fn next_bookmark(end: Option<&End>) -> Option<&str> {
    match end? {
        End::OnePage { bookmark } => bookmark.as_deref(),
        End::Capped { bookmark, .. } => Some(bookmark.as_str()),
        End::Complete | End::Repeated { .. } => None,
    }
}

/// The count, how the listing ended and what to run for more.
fn finish<T>(
    kind: &Kind<T>,
    out: Out,
    pager: &Pager,
    more: Option<&str>,
    failure: Option<&CliError>,
) {
    let cap = pager.capped_at();
    match out {
        Out::Json(items) => {
            let mut fields = pager.summary(failure.is_some());
            if let Some(more) = more {
                fields.insert("more".into(), json!(more));
            }
            if let Some(error) = failure {
                fields.insert("error".into(), error.to_json()["error"].clone());
            }
            items.finish(&fields);
        }
        Out::Table(mut table) => {
            table.print(&[]);
            let pages = if pager.pages() > 1 || matches!(pager.end(), Some(End::Complete)) {
                format!(" in {} page(s)", pager.pages())
            } else {
                String::new()
            };
            let noun = if pager.items() == 1 {
                kind.one
            } else {
                kind.noun
            };
            println!("{} {noun}{pages}.", pager.items());
            if let Some(cap) = cap {
                println!(
                    "Stopped at the cap of {cap} {} ({} raises it, up to {}).",
                    kind.noun,
                    kind.cap_flag,
                    paging::MAX_ITEMS
                );
            }
            if let Some(more) = more {
                println!("More {}: {more}", kind.noun);
            }
        }
    }
}
