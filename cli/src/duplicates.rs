//! `--skip-duplicates`: before a pin is created, the component's
//! `find-duplicate-pins` scans the board's pins (up to its cap) for one
//! with the same link, image URL or title; a match skips the pin, saying
//! which pin and why, and a scan the cap stopped says so.

use serde_json::{Value, json};

use pinterest_connector_host::types;

use super::args::DuplicateField;
use super::errors::{self, Action};
use super::exit::CliError;
use super::session::Session;

/// What the finder found for one pin.
pub struct Finding {
    /// The board scanned.
    pub board: String,
    /// The matching pins: id and the fields they matched.
    pub matches: Vec<(String, Vec<&'static str>)>,
    /// Pins compared.
    pub scanned: u32,
    /// Whether the scan reached the board's oldest pin.
    pub complete: bool,
}

impl Finding {
    /// Whether the pin is a duplicate.
    pub fn duplicate(&self) -> bool {
        !self.matches.is_empty()
    }

    /// `pin 81… (same link and title)`, for each match.
    pub fn matches_text(&self) -> String {
        self.matches
            .iter()
            .map(|(id, fields)| format!("pin {id} (same {})", fields.join(" and ")))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// One line saying what was found, and what the scan covered.
    pub fn summary(&self) -> String {
        if self.duplicate() {
            format!(
                "a duplicate of {} on board {}",
                self.matches_text(),
                self.board
            )
        } else if self.complete {
            format!(
                "no duplicate among the {} pins of board {}",
                self.scanned, self.board
            )
        } else {
            self.capped_note()
        }
    }

    /// What a scan the cap stopped means.
    pub fn capped_note(&self) -> String {
        format!(
            "no duplicate among the newest {} pins of board {}: the scan stopped at its cap, so older pins were not compared",
            self.scanned, self.board
        )
    }

    /// As JSON for `--json` output.
    pub fn to_json(&self) -> Value {
        json!({
            "board_id": self.board,
            "duplicates": self.matches.iter().map(|(id, fields)| json!({"pin_id": id, "matched": fields})).collect::<Vec<_>>(),
            "scanned": self.scanned,
            "complete": self.complete,
        })
    }
}

/// The candidate for `input`: the fields in `by` that the pin has. `None`
/// when it has none of them (nothing to compare).
pub fn candidate(
    input: &types::PinInput,
    by: &[DuplicateField],
) -> Option<types::DuplicateCandidate> {
    let wants = |field: DuplicateField| by.contains(&field);
    let image_url = match &input.media {
        types::MediaSource::ImageUrl(url) => Some(url.clone()),
        types::MediaSource::Video(types::Video {
            cover: types::VideoCover::Url(url),
            ..
        }) => Some(url.clone()),
        _ => None,
    };
    let nonempty = |v: &Option<String>| v.clone().filter(|s| !s.trim().is_empty());
    let candidate = types::DuplicateCandidate {
        link: nonempty(&input.link).filter(|_| wants(DuplicateField::Link)),
        image_url: image_url.filter(|_| wants(DuplicateField::ImageUrl)),
        title: nonempty(&input.title).filter(|_| wants(DuplicateField::Title)),
    };
    (candidate.link.is_some() || candidate.image_url.is_some() || candidate.title.is_some())
        .then_some(candidate)
}

/// Scans the board of `input` for pins like it. `doing` words errors (as
/// flags or as CSV columns).
pub fn find(
    session: &Session<'_>,
    input: &types::PinInput,
    candidate: &types::DuplicateCandidate,
    columns: bool,
) -> Result<Finding, CliError> {
    let board = input.board_id.clone();
    let source = types::PinSource::Board(board.clone());
    let report = session
        .context
        .host()?
        .find_duplicate_pins(
            &session.config(),
            session.access_token(),
            &source,
            candidate,
            None,
        )
        .map_err(|e| errors::from_host(&e))?
        .map_err(|e| {
            let mut doing = session.doing(Action::FindDuplicates { board: &board });
            if columns {
                doing = doing.in_columns();
            }
            errors::explain(session.context, &doing, &e)
        })?;
    Ok(Finding {
        board,
        matches: report
            .duplicates
            .iter()
            .map(|d| {
                (
                    d.pin.id.clone(),
                    d.matched.iter().map(|m| match_name(*m)).collect(),
                )
            })
            .collect(),
        scanned: report.scanned,
        complete: report.complete,
    })
}

/// `link`, `image URL` or `title`.
fn match_name(kind: types::MatchKind) -> &'static str {
    match kind {
        types::MatchKind::Link => "link",
        types::MatchKind::ImageUrl => "image URL",
        types::MatchKind::Title => "title",
    }
}
