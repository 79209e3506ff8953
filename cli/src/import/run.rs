//! `pins import`: one pin per CSV row through the component, paced under
//! the write budget, waiting out 429s, recording each created row before
//! the next, reporting bad rows by line and column without stopping.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use pinterest_connector_host::types::{self, Error};

use super::super::args::{DEFAULT_MEDIA_WAIT_SECONDS, ImportArgs, PINTEREST_WRITES_PER_MINUTE};
use super::super::context::Context;
use super::super::duplicates;
use super::super::errors::{self, Action};
use super::super::exit::{CliError, Exit};
use super::super::hints::quote;
use super::super::output;
use super::super::paging;
use super::super::session::Session;
use super::super::video::{self, Show};
use super::pacing::{Clock as _, Pacer, RealClock};
use super::progress::{Progress, pace_per_minute};
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
    /// The new pin's id, and when the write that created it started.
    Created(String, Instant),
    Failed(String),
    Stop(CliError),
    Interrupted,
}

/// `pins import`.
pub fn run(context: &Context, args: &ImportArgs) -> Result<Exit, CliError> {
    if args.writes_per_minute == 0 {
        return Err(CliError::usage("--writes-per-minute must be at least 1."));
    }
    let board_id = context.board(args.board.as_deref())?;
    let sheet = rows::read(&args.file)?;
    let mut session = Session::open(context)?;
    let host = context.host()?;
    let board = host
        .get_board(&session.config(), session.access_token(), &board_id)
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| {
            let doing = session
                .doing(Action::GetBoard { board: &board_id })
                .in_columns();
            errors::explain(context, &doing, &e)
        })?;
    let sections = if sheet
        .rows
        .iter()
        .any(|row| row.as_ref().is_ok_and(|r| r.get("board_section").is_some()))
    {
        Some(SectionNames::read(&session, &board_id)?)
    } else {
        None
    };
    let environment = context.app.environment_name();
    let state_path = args
        .state
        .clone()
        .unwrap_or_else(|| state::default_path(&args.file));
    let mut progress_file = StateFile::open(&state_path, &args.file, &board_id, environment)?;
    // A second handler cannot be set; the first one does the same job.
    let _ = ctrlc::set_handler(|| STOP.store(true, Ordering::SeqCst));
    let json = context.json();
    if args.writes_per_minute > PINTEREST_WRITES_PER_MINUTE {
        output::note(&format!(
            "warning: --writes-per-minute {} is above Pinterest's limit of about {PINTEREST_WRITES_PER_MINUTE} pin creations a minute per user: expect Pinterest to answer 429, which the import waits out (so it will not go faster than the limit).",
            args.writes_per_minute
        ));
    }
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
    let clock = RealClock { stop: &STOP };
    let mut pacer = Pacer::per_minute(args.writes_per_minute);
    let to_create = sheet
        .rows
        .iter()
        .filter(|entry| match entry {
            Ok(row) => progress_file.done(row.line).is_none(),
            Err(_) => true,
        })
        .count() as u64;
    let mut progress = Progress::new(sheet.rows.len() as u64, to_create, pacer.interval(), json);
    let mut summary = Summary {
        rows: sheet.rows.len(),
        budget_per_minute: args.writes_per_minute,
        ..Summary::default()
    };
    let duplicate_fields = args.duplicates.fields();
    let mut capped_noted = false;
    let started = Instant::now();
    let mut first_created: Option<Instant> = None;
    let mut last_created: Option<Instant> = None;
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
                progress.failed();
                continue;
            }
        };
        if let Some(done) = progress_file.done(row.line) {
            if done.fingerprint == row.fingerprint {
                summary.already_done += 1;
            } else {
                summary.changed.push((row.line, done.pin_id.clone()));
            }
            progress.skipped();
            continue;
        }
        let section = |name: &str| match &sections {
            Some(sections) => sections.find(context, &board_id, name),
            None => Err("the board's sections were not read".to_owned()),
        };
        let planned = match row.to_pin(&board_id, base_dir, section) {
            Ok(planned) => planned,
            Err(reason) => {
                progress.message(&format!("line {}: failed: {reason}", row.line));
                summary.failed.push((row.line, reason));
                progress.failed();
                continue;
            }
        };
        let mut input = planned.input;
        if let Some(fields) = &duplicate_fields
            && let Some(candidate) = duplicates::candidate(&input, fields)
        {
            match duplicates::find(&session, &input, &candidate, true) {
                Ok(finding) if finding.duplicate() => {
                    progress.message(&format!(
                        "line {}: skipped: {}",
                        row.line,
                        finding.summary()
                    ));
                    summary.duplicates.push((row.line, finding.matches_text()));
                    progress.skipped();
                    continue;
                }
                Ok(finding) => {
                    if !finding.complete && !capped_noted {
                        capped_noted = true;
                        progress.message(&format!(
                            "note (line {}): {}.",
                            row.line,
                            finding.capped_note()
                        ));
                    }
                }
                Err(error)
                    if matches!(error.exit, Exit::Auth | Exit::RateLimited | Exit::Failure) =>
                {
                    summary.stopped = Some(error);
                    break;
                }
                Err(error) => {
                    progress.message(&format!("line {}: failed: {}", row.line, error.message));
                    summary.failed.push((row.line, error.message));
                    progress.failed();
                    continue;
                }
            }
        }
        if let Some(path) = &planned.video {
            match upload_video(context, &session, path, &mut progress, row.line) {
                Ok(media_id) => {
                    if let types::MediaSource::Video(video) = &mut input.media {
                        video.media_id = media_id;
                    }
                }
                Err(Outcome::Failed(reason)) => {
                    progress.message(&format!("line {}: failed: {reason}", row.line));
                    summary.failed.push((row.line, reason));
                    progress.failed();
                    continue;
                }
                Err(Outcome::Stop(error)) => {
                    summary.stopped = Some(error);
                    break;
                }
                Err(Outcome::Interrupted | Outcome::Created(..)) => {
                    summary.interrupted = true;
                    break;
                }
            }
        }
        let mut attempt = Attempt {
            session: &mut session,
            pacer: &mut pacer,
            clock: &clock,
            progress: &mut progress,
            refreshed: &mut refreshed,
            line: row.line,
        };
        match attempt.create(&input) {
            Outcome::Created(pin_id, started) => {
                first_created.get_or_insert(started);
                last_created = Some(started);
                progress.message(&format!("line {}: created pin {pin_id}", row.line));
                let recorded = progress_file.record(Done {
                    line: row.line,
                    fingerprint: row.fingerprint.clone(),
                    pin_id,
                });
                summary.created += 1;
                progress.created(started);
                if let Err(error) = recorded {
                    summary.stopped = Some(error);
                    break;
                }
            }
            Outcome::Failed(reason) => {
                progress.message(&format!("line {}: failed: {reason}", row.line));
                summary.failed.push((row.line, reason));
                progress.failed();
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
    }
    progress.finish();
    summary.elapsed = started.elapsed();
    summary.pace_per_minute = first_created
        .zip(last_created)
        .and_then(|(first, last)| pace_per_minute(first, last, summary.created as u64));
    if json {
        output::json(&summary.to_json(
            &args.file.display().to_string(),
            &board_id,
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

/// Uploads a video row's file and waits for Pinterest to process it;
/// returns the media id, or what becomes of the row.
fn upload_video(
    context: &Context,
    session: &Session<'_>,
    path: &Path,
    progress: &mut Progress,
    line: u64,
) -> Result<String, Outcome> {
    if context.app.environment == types::Environment::Sandbox {
        return Err(Outcome::Failed(
            "column video_file: Pinterest's API sandbox cannot create video pins (import video rows in production)".to_owned(),
        ));
    }
    if STOP.load(Ordering::SeqCst) {
        return Err(Outcome::Interrupted);
    }
    progress.message(&format!(
        "line {line}: uploading the video {} and waiting for Pinterest to process it",
        path.display()
    ));
    match video::upload(
        session,
        path,
        "column video_file",
        Some(DEFAULT_MEDIA_WAIT_SECONDS),
        Show::Quiet,
    ) {
        Ok(media) => Ok(media.media_id),
        // No row could succeed: tokens, scopes, the rate limit, the
        // component itself.
        Err(error) if matches!(error.exit, Exit::Auth | Exit::RateLimited | Exit::Failure) => {
            Err(Outcome::Stop(error))
        }
        Err(error) => Err(Outcome::Failed(error.message)),
    }
}

/// The board's sections, read once for the `board_section` column.
struct SectionNames {
    sections: Vec<types::Section>,
    /// Set when the listing stopped at its cap before the last section.
    capped: bool,
}

impl SectionNames {
    /// Every section of `board_id` (up to the listing's largest cap).
    fn read(session: &Session<'_>, board_id: &str) -> Result<Self, CliError> {
        let page = session
            .context
            .host()?
            .list_all_sections(
                &session.config(),
                session.access_token(),
                board_id,
                Some(paging::MAX_ITEMS),
            )
            .map_err(|e| errors::from_host(&e))?
            .map_err(|e| {
                let doing = session
                    .doing(Action::ListSections { board: board_id })
                    .in_columns();
                errors::explain(session.context, &doing, &e)
            })?;
        Ok(Self {
            capped: page.bookmark.is_some(),
            sections: page.items,
        })
    }

    /// The id of the section called `name` (exactly, else in any case).
    fn find(&self, context: &Context, board_id: &str, name: &str) -> Result<String, String> {
        let exact: Vec<&types::Section> = self.sections.iter().filter(|s| s.name == name).collect();
        let matches = if exact.is_empty() {
            self.sections
                .iter()
                .filter(|s| s.name.to_lowercase() == name.to_lowercase())
                .collect()
        } else {
            exact
        };
        match matches.as_slice() {
            [one] => Ok(one.id.clone()),
            [] => Err(format!(
                "board {board_id} has no section named \"{name}\"{}; `{}` lists them (or create it with `{}`)",
                if self.capped {
                    format!(" among its first {}", self.sections.len())
                } else {
                    String::new()
                },
                context
                    .hints
                    .command(&format!("sections --board {board_id} --all")),
                context.hints.command(&format!(
                    "section create --board {board_id} --name {}",
                    quote(name)
                ))
            )),
            several => Err(format!(
                "board {board_id} has {} sections named \"{name}\" ({}): use column board_section_id to say which",
                several.len(),
                several
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
}

/// Creating one row's pin, with what retries need.
struct Attempt<'s, 'c, 'a> {
    session: &'s mut Session<'c>,
    pacer: &'a mut Pacer,
    clock: &'a RealClock<'a>,
    progress: &'a mut Progress,
    refreshed: &'a mut bool,
    line: u64,
}

impl Attempt<'_, '_, '_> {
    /// Creates the pin: paced, waiting out 429s, refreshing once on 401.
    fn create(&mut self, input: &types::PinInput) -> Outcome {
        let mut rate_limited = 0;
        loop {
            let started = self.pacer.wait(self.clock);
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
                Ok(Ok(pin)) => return Outcome::Created(pin.id, started),
                Ok(Err(error)) => error,
            };
            let action = Action::CreatePin {
                board: &input.board_id,
                section: input.board_section_id.as_deref(),
            };
            let doing = self.session.doing(action).in_columns();
            let context = self.session.context;
            match &error {
                Error::InvalidInput(_) => {
                    // Refused before any HTTP call: no write was spent.
                    self.pacer.refund();
                    return Outcome::Failed(errors::what_happened(context, &doing, &error));
                }
                Error::RateLimited(limit) => {
                    rate_limited += 1;
                    if rate_limited > MAX_RATE_LIMITED {
                        return Outcome::Stop(errors::explain(context, &doing, &error));
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
                    self.wait_out(Duration::from_secs(u64::from(wait)));
                }
                Error::Unauthorized(_) if !*self.refreshed => {
                    *self.refreshed = true;
                    match self.session.refresh(None) {
                        Ok(refreshed) => {
                            if let Some(warning) = refreshed.not_saved {
                                output::note(&format!("warning: {warning}"));
                            }
                        }
                        Err(stop) => return Outcome::Stop(stop),
                    }
                }
                Error::Unauthorized(_)
                | Error::MissingScope(_)
                | Error::GrantRejected(_)
                | Error::TrialAccess(_)
                | Error::Forbidden(_) => {
                    return Outcome::Stop(errors::explain(context, &doing, &error));
                }
                Error::NotFound(_) | Error::BadRequest(_) => {
                    return Outcome::Failed(errors::what_happened(context, &doing, &error));
                }
                Error::UpstreamUnavailable(_)
                | Error::Transport(_)
                | Error::UnexpectedResponse(_)
                | Error::MediaProcessing(_) => {
                    return Outcome::Failed(format!(
                        "{} It may have been created anyway: check the board before running the import again.",
                        errors::what_happened(context, &doing, &error)
                    ));
                }
            }
        }
    }

    /// Waits `wait` for Pinterest's rate limit, showing it as a wait.
    fn wait_out(&mut self, wait: Duration) {
        let until = Instant::now() + wait;
        self.progress.waiting(Some(until));
        while !STOP.load(Ordering::SeqCst) {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            self.clock.sleep(left.min(Duration::from_secs(1)));
            self.progress.tick();
        }
        self.progress.waiting(None);
    }
}
