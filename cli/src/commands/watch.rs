//! `pins watch --board ID`: prints the pins created on a board (or one of
//! its sections) as they appear, polling with the component's
//! `poll-new-pins` and its cursor, so that no pin is missed or printed
//! twice. Ctrl-C stops it between polls (exit 0).

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use pinterest_connector_host::types::{self, Error};

use super::super::args::PinsWatchArgs;
use super::super::context::Context;
use super::super::errors::{self, Action};
use super::super::exit::{CliError, Exit};
use super::super::output;
use super::super::session::Session;
use super::pin::pin_json;

/// Set by Ctrl-C: stop at the next chance.
static STOP: AtomicBool = AtomicBool::new(false);
/// Failed polls in a row before the watch gives up.
const MAX_FAILURES: u32 = 5;

/// `pins watch`.
pub fn run(context: &Context, args: &PinsWatchArgs) -> Result<Exit, CliError> {
    if !(1..=3600).contains(&args.interval) {
        return Err(CliError::usage(format!(
            "--interval {}: it must be between 1 and 3600 seconds.",
            args.interval
        )));
    }
    let board = context.board(args.board.as_deref())?;
    let source = match &args.section {
        Some(section) => types::PinSource::Section(types::SectionRef {
            board_id: board.clone(),
            section_id: section.clone(),
        }),
        None => types::PinSource::Board(board.clone()),
    };
    let mut session = Session::open(context)?;
    // A second handler cannot be set; the first one does the same job.
    let _ = ctrlc::set_handler(|| STOP.store(true, Ordering::SeqCst));
    let json = context.json();
    let place = match &args.section {
        Some(section) => format!("section {section} of board {board}"),
        None => format!("board {board}"),
    };
    output::note(&format!(
        "Watching {place} for new pins every {}s (Ctrl-C stops){} …",
        args.interval,
        args.polls
            .map(|n| format!(", {n} polls"))
            .unwrap_or_default()
    ));
    let action = Action::ListPins {
        board: Some(&board),
        section: args.section.as_deref(),
    };
    let mut cursor: Option<String> = None;
    let mut polls = 0u32;
    let mut seen = 0u64;
    let mut failures = 0u32;
    let mut refreshed = false;
    while !STOP.load(Ordering::SeqCst) && args.polls.is_none_or(|max| polls < max) {
        let backlog = if cursor.is_none() { args.backlog } else { None };
        let result = context
            .host()?
            .poll_new_pins(
                &session.config(),
                session.access_token(),
                &source,
                cursor.as_deref(),
                backlog,
            )
            .map_err(|e| errors::from_host(&e))?;
        polls += 1;
        let mut wait = Duration::from_secs(args.interval);
        match result {
            Ok(found) => {
                failures = 0;
                for pin in &found.pins {
                    seen += 1;
                    if json {
                        println!("{}", pin_json(pin));
                    } else {
                        println!(
                            "{}  pin {}  {}  {}",
                            pin.created_at.as_deref().unwrap_or("-"),
                            pin.id,
                            pin.title
                                .as_deref()
                                .map_or_else(|| "-".to_owned(), |t| format!("\"{t}\"")),
                            pin.url
                        );
                    }
                }
                if !found.complete {
                    // More new pins than one poll reads: go on at once.
                    wait = Duration::ZERO;
                }
                cursor = Some(found.cursor);
            }
            Err(Error::Unauthorized(_)) if !refreshed => {
                refreshed = true;
                if let Some(warning) = session.refresh(None)?.not_saved {
                    output::note(&format!("warning: {warning}"));
                }
                continue;
            }
            Err(
                error @ (Error::RateLimited(_)
                | Error::UpstreamUnavailable(_)
                | Error::Transport(_)
                | Error::UnexpectedResponse(_)),
            ) => {
                failures += 1;
                let explained = session.explain(action, &error);
                if failures > MAX_FAILURES {
                    return Err(explained);
                }
                if let Error::RateLimited(limit) = &error {
                    let seconds = limit
                        .retry_after_seconds
                        .or(limit.reset_seconds)
                        .unwrap_or(60);
                    wait = wait.max(Duration::from_secs(u64::from(seconds)));
                }
                output::note(&format!(
                    "warning: poll {polls} failed ({failures} in a row; the watch stops after {MAX_FAILURES}): {}; trying again in {}s.",
                    explained.message,
                    wait.as_secs()
                ));
            }
            Err(error) => return Err(session.explain(action, &error)),
        }
        if args.polls.is_none_or(|max| polls < max) {
            sleep(wait);
        }
    }
    output::note(&format!(
        "Stopped watching {place} after {polls} poll(s): {seen} new pin(s)."
    ));
    Ok(Exit::Success)
}

/// Sleeps `wait`, waking early for Ctrl-C.
fn sleep(wait: Duration) {
    let until = Instant::now() + wait;
    while !STOP.load(Ordering::SeqCst) {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        std::thread::sleep(left.min(Duration::from_millis(100)));
    }
}
