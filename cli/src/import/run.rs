//! `pins import`: one pin per CSV row through the component, paced under
//! the write budget, waiting out 429s, recording each created row before
//! the next, reporting bad rows by line without stopping.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use pinterest_connector_host::types::{self, Error};

use super::super::args::ImportArgs;
use super::super::context::Context;
use super::super::errors;
use super::super::exit::{CliError, Exit};
use super::super::output;
use super::super::session::Session;
use super::pacing::{Clock as _, Pacer, RealClock};
use super::progress::Progress;
use super::rows;
use super::state::{self, Done, StateFile};
use super::summary::Summary;

/// Set by Ctrl-C: finish the current row, record it, stop.
static STOP: AtomicBool = AtomicBool::new(false);
/// 429s in a row for one row before the import stops.
const MAX_RATE_LIMITED: u32 = 5;
/// Wait after a 429 that names no reset time, in seconds.
const DEFAULT_RATE_WAIT: u32 = 60;

/// What became of one row.
enum Outcome {
    /// The new pin's id.
    Created(String),
    Failed(String),
    Stop(CliError),
    Interrupted,
}

/// `pins import`.
pub fn run(context: &Context, args: &ImportArgs) -> Result<Exit, CliError> {
    if args.writes_per_minute == 0 {
        return Err(CliError::usage("--writes-per-minute must be at least 1."));
    }
    let sheet = rows::read(&args.file)?;
    let mut session = Session::open(context)?;
    let host = context.host()?;
    let board = host
        .get_board(&session.config(), session.access_token(), &args.board)
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| errors::from_component(&e))?;
    let environment = context.app.environment_name();
    let state_path = args
        .state
        .clone()
        .unwrap_or_else(|| state::default_path(&args.file));
    let mut progress_file = StateFile::open(&state_path, &args.file, &args.board, environment)?;
    // A second handler cannot be set; the first one does the same job.
    let _ = ctrlc::set_handler(|| STOP.store(true, Ordering::SeqCst));
    let json = context.json();
    if !json {
        println!(
            "Importing {} rows from {} to board {} \"{}\" ({environment}), at most {} pins/min; progress is recorded in {}.",
            sheet.rows.len(),
            args.file.display(),
            board.id,
            board.name,
            args.writes_per_minute,
            progress_file.path().display()
        );
        if !sheet.unknown_columns.is_empty() {
            output::note(&format!(
                "warning: ignoring columns {} (known: {}).",
                sheet.unknown_columns.join(", "),
                rows::COLUMNS.join(", ")
            ));
        }
    }
    let base_dir = args.file.parent().unwrap_or(Path::new("."));
    let mut progress = Progress::new(sheet.rows.len() as u64, json);
    let clock = RealClock { stop: &STOP };
    let mut pacer = Pacer::per_minute(args.writes_per_minute);
    let mut summary = Summary {
        rows: sheet.rows.len(),
        budget_per_minute: args.writes_per_minute,
        ..Summary::default()
    };
    let mut refreshed = false;
    for entry in &sheet.rows {
        if STOP.load(Ordering::SeqCst) {
            summary.interrupted = true;
            break;
        }
        let row = match entry {
            Ok(row) => row,
            Err(unreadable) => {
                progress.message(&format!(
                    "line {}: failed: {}",
                    unreadable.line, unreadable.reason
                ));
                summary
                    .failed
                    .push((unreadable.line, unreadable.reason.clone()));
                progress.advance(false);
                continue;
            }
        };
        if let Some(done) = progress_file.done(row.line) {
            if done.fingerprint == row.fingerprint {
                summary.already_done += 1;
            } else {
                summary.changed.push((row.line, done.pin_id.clone()));
            }
            progress.advance(false);
            continue;
        }
        let input = match row.to_pin(&args.board, base_dir) {
            Ok(input) => input,
            Err(reason) => {
                progress.message(&format!("line {}: failed: {reason}", row.line));
                summary.failed.push((row.line, reason));
                progress.advance(false);
                continue;
            }
        };
        let mut attempt = Attempt {
            session: &mut session,
            pacer: &mut pacer,
            clock: &clock,
            progress: &progress,
            refreshed: &mut refreshed,
            line: row.line,
        };
        match attempt.create(&input) {
            Outcome::Created(pin_id) => {
                progress.message(&format!("line {}: created pin {pin_id}", row.line));
                let recorded = progress_file.record(Done {
                    line: row.line,
                    fingerprint: row.fingerprint.clone(),
                    pin_id,
                });
                summary.created += 1;
                if let Err(error) = recorded {
                    summary.stopped = Some(error);
                    break;
                }
            }
            Outcome::Failed(reason) => {
                progress.message(&format!("line {}: failed: {reason}", row.line));
                summary.failed.push((row.line, reason));
            }
            Outcome::Stop(error) => {
                summary.stopped = Some(error);
                break;
            }
            Outcome::Interrupted => {
                summary.interrupted = true;
                break;
            }
        }
        progress.advance(true);
    }
    progress.finish();
    summary.elapsed = progress.elapsed();
    let minutes = summary.elapsed.as_secs_f64() / 60.0;
    summary.pace_per_minute = if minutes > 0.0 {
        summary.created as f64 / minutes
    } else {
        0.0
    };
    if json {
        output::json(&summary.to_json(
            &args.file.display().to_string(),
            &args.board,
            environment,
            &progress_file.path().display().to_string(),
        ));
        if let Some(error) = &summary.stopped {
            eprintln!("{error}");
        }
    } else {
        summary.print();
    }
    Ok(summary.exit())
}

/// Creating one row's pin, with what retries need.
struct Attempt<'s, 'c, 'a> {
    session: &'s mut Session<'c>,
    pacer: &'a mut Pacer,
    clock: &'a RealClock<'a>,
    progress: &'a Progress,
    refreshed: &'a mut bool,
    line: u64,
}

impl Attempt<'_, '_, '_> {
    /// Creates the pin: paced, waiting out 429s, refreshing once on 401.
    fn create(&mut self, input: &types::PinInput) -> Outcome {
        let mut rate_limited = 0;
        loop {
            self.pacer.wait(self.clock);
            if STOP.load(Ordering::SeqCst) {
                return Outcome::Interrupted;
            }
            let host = match self.session.context.host() {
                Ok(host) => host,
                Err(error) => return Outcome::Stop(error),
            };
            let result =
                host.create_pin(&self.session.config(), self.session.access_token(), input);
            let error = match result {
                Err(e) => return Outcome::Stop(errors::from_host(&e)),
                Ok(Ok(pin)) => return Outcome::Created(pin.id),
                Ok(Err(error)) => error,
            };
            match &error {
                Error::InvalidInput(i) => {
                    // Refused before any HTTP call: no write was spent.
                    self.pacer.refund();
                    return Outcome::Failed(format!("invalid {}: {}", i.field, i.reason));
                }
                Error::RateLimited(limit) => {
                    rate_limited += 1;
                    if rate_limited > MAX_RATE_LIMITED {
                        return Outcome::Stop(errors::from_component(&error));
                    }
                    let wait = limit
                        .retry_after_seconds
                        .or(limit.reset_seconds)
                        .unwrap_or(DEFAULT_RATE_WAIT)
                        .max(1);
                    let cap = limit
                        .limit
                        .map(|n| format!(" (limit {n})"))
                        .unwrap_or_default();
                    self.progress.message(&format!(
                        "line {}: rate limited by Pinterest{cap}; waiting {wait} s for the reset, then retrying this row",
                        self.line
                    ));
                    self.clock.sleep(Duration::from_secs(u64::from(wait)));
                }
                Error::Unauthorized(_) if !*self.refreshed => {
                    *self.refreshed = true;
                    if let Err(stop) = self.session.refresh(None) {
                        return Outcome::Stop(stop);
                    }
                }
                Error::Unauthorized(_)
                | Error::MissingScope(_)
                | Error::GrantRejected(_)
                | Error::TrialAccess(_)
                | Error::Forbidden(_) => return Outcome::Stop(errors::from_component(&error)),
                Error::NotFound(_) | Error::BadRequest(_) => {
                    return Outcome::Failed(errors::summary(&error));
                }
                Error::UpstreamUnavailable(_)
                | Error::Transport(_)
                | Error::UnexpectedResponse(_)
                | Error::MediaProcessing(_) => {
                    return Outcome::Failed(format!(
                        "{} It may have been created anyway: check the board before running the import again.",
                        errors::summary(&error)
                    ));
                }
            }
        }
    }
}
