//! What an import did: counts, failed rows with reasons, pace, and how it
//! ended, for people and for scripts.

use std::time::Duration;

use serde_json::{Value, json};

use crate::when::human_duration;

use super::progress::pace_text;

use super::super::exit::{CliError, Exit};

/// The outcome of one run.
#[derive(Debug, Default)]
pub struct Summary {
    /// Data rows in the CSV.
    pub rows: usize,
    /// Pins created by this run.
    pub created: usize,
    /// Rows skipped because an earlier run created them.
    pub already_done: usize,
    /// Rows skipped as duplicates of pins on the board: line and which.
    pub duplicates: Vec<(u64, String)>,
    /// Rows that failed: line and reason.
    pub failed: Vec<(u64, String)>,
    /// Rows created earlier whose content has changed since: line and pin.
    pub changed: Vec<(u64, String)>,
    /// Time taken.
    pub elapsed: Duration,
    /// Pins per minute between the first and the last one created (none
    /// below two pins).
    pub pace_per_minute: Option<f64>,
    /// The budget.
    pub budget_per_minute: u32,
    /// Whether Ctrl-C ended it.
    pub interrupted: bool,
    /// The error that stopped it early, if any.
    pub stopped: Option<CliError>,
}

impl Summary {
    /// The exit code this outcome means.
    pub fn exit(&self) -> Exit {
        if let Some(error) = &self.stopped {
            error.exit
        } else if self.interrupted {
            Exit::Interrupted
        } else if !self.failed.is_empty() {
            Exit::PartialImport
        } else {
            Exit::Success
        }
    }

    /// The summary for people.
    pub fn print(&self) {
        let duplicates = if self.duplicates.is_empty() {
            String::new()
        } else {
            format!(", {} skipped as duplicates", self.duplicates.len())
        };
        println!(
            "Summary: {} created, {} already done earlier{duplicates}, {} failed, of {} rows, in {} (pace {}; budget {}/min).",
            self.created,
            self.already_done,
            self.failed.len(),
            self.rows,
            human_duration(self.elapsed.as_secs()),
            pace_text(self.pace_per_minute),
            self.budget_per_minute
        );
        if !self.duplicates.is_empty() {
            println!("Skipped as duplicates (the board already has them):");
            for (line, pins) in &self.duplicates {
                println!("  line {line}: {pins}");
            }
        }
        if !self.failed.is_empty() {
            println!("Failed rows:");
            for (line, reason) in &self.failed {
                println!("  line {line}: {reason}");
            }
            println!(
                "Fix these rows and run the same command again: rows already created are skipped."
            );
        }
        for (line, pin) in &self.changed {
            println!(
                "Note: line {line} changed since it was created as pin {pin}; it was not created again (remove its entry from the progress file to do so)."
            );
        }
        if self.interrupted {
            println!("Interrupted: run the same command again to resume.");
        }
        if let Some(error) = &self.stopped {
            println!("Stopped early: run the same command again to resume after fixing this.");
            eprintln!("{error}");
        }
    }

    /// The summary for scripts.
    pub fn to_json(&self, file: &str, board: &str, environment: &str, progress: &str) -> Value {
        json!({
            "file": file,
            "board_id": board,
            "environment": environment,
            "progress_file": progress,
            "rows": self.rows,
            "created": self.created,
            "already_done": self.already_done,
            "skipped_duplicates": self.duplicates.iter().map(|(line, pins)| json!({"line": line, "duplicate_of": pins})).collect::<Vec<_>>(),
            "failed": self.failed.iter().map(|(line, reason)| json!({"line": line, "reason": reason})).collect::<Vec<_>>(),
            "changed": self.changed.iter().map(|(line, pin)| json!({"line": line, "pin_id": pin})).collect::<Vec<_>>(),
            "elapsed_seconds": self.elapsed.as_secs_f64(),
            "pins_per_minute": self.pace_per_minute,
            "budget_per_minute": self.budget_per_minute,
            "interrupted": self.interrupted,
            "stopped": self.stopped.as_ref().map(CliError::to_json),
            "exit_code": self.exit().code(),
        })
    }
}
