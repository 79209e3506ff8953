//! Progress of an import: a bar with rate and ETA on a terminal, plain
//! periodic lines otherwise, and per-row messages either way.

use std::io::IsTerminal as _;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressState, ProgressStyle};

use crate::when::human_duration;

/// Rows between plain progress lines.
const PLAIN_EVERY: u64 = 10;

/// Progress display for `total` rows.
pub struct Progress {
    bar: Option<ProgressBar>,
    total: u64,
    done: u64,
    worked: u64,
    started: Instant,
    quiet: bool,
}

impl Progress {
    /// A bar when standard error is a terminal, plain lines otherwise;
    /// `quiet` (for `--json`) prints no row messages.
    pub fn new(total: u64, quiet: bool) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let style =
                ProgressStyle::with_template("{bar:30} {pos}/{len} rows · {per_min} · ETA {eta}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .with_key(
                        "per_min",
                        |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                            let _ = write!(w, "{:.1} rows/min", state.per_sec() * 60.0);
                        },
                    );
            ProgressBar::new(total).with_style(style)
        });
        Self {
            bar,
            total,
            done: 0,
            worked: 0,
            started: Instant::now(),
            quiet,
        }
    }

    /// A message about one row, above the bar.
    pub fn message(&self, text: &str) {
        if self.quiet {
            return;
        }
        match &self.bar {
            Some(bar) => bar.println(text),
            None => println!("{text}"),
        }
    }

    /// One more row handled; `worked` when it cost a call (not a row
    /// skipped as already done), which is what the rate counts.
    pub fn advance(&mut self, worked: bool) {
        self.done += 1;
        if worked {
            self.worked += 1;
        }
        if let Some(bar) = &self.bar {
            bar.inc(1);
            return;
        }
        if !self.quiet
            && worked
            && (self.done.is_multiple_of(PLAIN_EVERY) || self.done == self.total)
        {
            eprintln!("{}", self.line());
        }
    }

    /// Rows per minute so far, over the rows that cost a call.
    pub fn rate_per_minute(&self) -> f64 {
        let minutes = self.started.elapsed().as_secs_f64() / 60.0;
        if minutes > 0.0 {
            self.worked as f64 / minutes
        } else {
            0.0
        }
    }

    /// Time since the import started.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// `progress: 40/120 rows (33%), 59.8 rows/min, ETA 1m 20s`.
    fn line(&self) -> String {
        let rate = self.rate_per_minute();
        let left = self.total.saturating_sub(self.done);
        let eta = if rate > 0.0 {
            human_duration((left as f64 / rate * 60.0).round() as u64)
        } else {
            "-".to_owned()
        };
        format!(
            "progress: {}/{} rows ({}%), {rate:.1} rows/min, ETA {eta}",
            self.done,
            self.total,
            self.done * 100 / self.total.max(1)
        )
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
