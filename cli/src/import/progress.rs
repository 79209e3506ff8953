//! Progress of an import: a bar on a terminal, plain periodic lines
//! otherwise, and per-row messages either way. The figures count pins
//! created, not rows skipped: the pace is measured between the writes that
//! created pins over the last minute (never above the budget the pacer
//! keeps), the time left
//! is the rows still to create at that pace (at least the budget's
//! spacing), and a wait for Pinterest's rate limit is shown as a wait.

use std::collections::VecDeque;
use std::io::IsTerminal as _;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use crate::when::human_duration;

/// Rows between plain progress lines.
const PLAIN_EVERY: u64 = 10;
/// The span the live pace is measured over.
const PACE_WINDOW: Duration = Duration::from_secs(60);

/// Pins per minute from creation times, `None` below two pins: the
/// creations after the first, over the time since the first.
pub fn pace_per_minute(first: Instant, last: Instant, created: u64) -> Option<f64> {
    let span = last.saturating_duration_since(first).as_secs_f64();
    (created >= 2 && span > 0.0).then(|| (created - 1) as f64 * 60.0 / span)
}

/// `59.8 pins/min`, or `-` when there is no pace yet.
pub fn pace_text(pace: Option<f64>) -> String {
    pace.map_or_else(|| "-".to_owned(), |p| format!("{p:.1} pins/min"))
}

/// Progress display for `total` rows, `to_create` of them not done by an
/// earlier run, pins spaced at least `spacing` apart.
pub struct Progress {
    bar: Option<ProgressBar>,
    total: u64,
    handled: u64,
    left: u64,
    spacing: Duration,
    recent: VecDeque<Instant>,
    waiting_until: Option<Instant>,
    quiet: bool,
}

impl Progress {
    /// A bar when standard error is a terminal, plain lines otherwise;
    /// `quiet` (for `--json`) prints no row messages.
    pub fn new(total: u64, to_create: u64, spacing: Duration, quiet: bool) -> Self {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let style = ProgressStyle::with_template("{bar:30} {pos}/{len} rows · {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            ProgressBar::new(total).with_style(style)
        });
        let progress = Self {
            bar,
            total,
            handled: 0,
            left: to_create,
            spacing,
            recent: VecDeque::new(),
            waiting_until: None,
            quiet,
        };
        progress.refresh();
        progress
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

    /// A row an earlier run created: skipped, and not counted.
    pub fn skipped(&mut self) {
        self.step();
    }

    /// A row that failed without creating a pin.
    pub fn failed(&mut self) {
        self.left = self.left.saturating_sub(1);
        self.step();
    }

    /// A row whose pin was created by the write started at `at` (the
    /// pacer's slot: the pace is measured between slots, so that answers
    /// arriving unevenly do not make it look faster than the budget).
    pub fn created(&mut self, at: Instant) {
        self.left = self.left.saturating_sub(1);
        self.recent.push_back(at);
        while self
            .recent
            .front()
            .is_some_and(|t| at.saturating_duration_since(*t) > PACE_WINDOW)
            && self.recent.len() > 2
        {
            self.recent.pop_front();
        }
        self.step();
        if self.bar.is_none()
            && !self.quiet
            && (self.handled.is_multiple_of(PLAIN_EVERY) || self.handled == self.total)
        {
            eprintln!("{}", self.line());
        }
    }

    /// Waiting until `until` for Pinterest's rate limit (`None`: no more).
    pub fn waiting(&mut self, until: Option<Instant>) {
        self.waiting_until = until;
        self.refresh();
    }

    /// Redraws the figures (during a wait, the time left moves).
    pub fn tick(&self) {
        self.refresh();
    }

    /// Pins a minute over the last minute of creations, if two or more.
    pub fn pace(&self) -> Option<f64> {
        let (first, last) = (self.recent.front()?, self.recent.back()?);
        pace_per_minute(*first, *last, self.recent.len() as u64)
    }

    /// The time the rows left will take: the wait in progress, then each
    /// row at the measured pace, or the budget's spacing if slower.
    pub fn time_left(&self) -> Duration {
        let wait = self
            .waiting_until
            .map(|until| until.saturating_duration_since(Instant::now()))
            .unwrap_or_default();
        let measured = self
            .pace()
            .map(|p| Duration::from_secs_f64(60.0 / p))
            .unwrap_or_default();
        let per_row = measured.max(self.spacing);
        wait + per_row.saturating_mul(u32::try_from(self.left).unwrap_or(u32::MAX))
    }

    /// `59.8 pins/min · 1m 20s left`, or `waiting 37s for Pinterest's rate
    /// limit · 2m 10s left`.
    fn figures(&self) -> String {
        let left = human_duration(self.time_left().as_secs());
        match self.waiting_until {
            Some(until) => format!(
                "waiting {} for Pinterest's rate limit · {left} left",
                human_duration(
                    until
                        .saturating_duration_since(Instant::now())
                        .as_secs()
                        .max(1)
                )
            ),
            None => format!("{} · {left} left", pace_text(self.pace())),
        }
    }

    /// `progress: 40/120 rows (33%), 59.8 pins/min · 1m 20s left`.
    fn line(&self) -> String {
        format!(
            "progress: {}/{} rows ({}%), {}",
            self.handled,
            self.total,
            self.handled * 100 / self.total.max(1),
            self.figures()
        )
    }

    fn step(&mut self) {
        self.handled += 1;
        if let Some(bar) = &self.bar {
            bar.set_position(self.handled);
        }
        self.refresh();
    }

    fn refresh(&self) {
        if let Some(bar) = &self.bar {
            bar.set_message(self.figures());
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pace_counts_the_spaces_between_pins() {
        let start = Instant::now();
        // 61 pins a second apart: 60 per minute, not 61.
        let pace = pace_per_minute(start, start + Duration::from_secs(60), 61);
        assert_eq!(pace.map(|p| (p * 10.0).round()), Some(600.0));
        // One pin has no pace (not 15431.7 pins/min).
        assert_eq!(pace_per_minute(start, start, 1), None);
        assert_eq!(pace_text(None), "-");
    }

    #[test]
    fn the_time_left_counts_rows_to_create_at_the_budget_and_the_wait() {
        let mut progress = Progress::new(100, 20, Duration::from_secs(1), true);
        // Rows done earlier do not shorten the estimate.
        for _ in 0..80 {
            progress.skipped();
        }
        assert_eq!(progress.time_left().as_secs(), 20);
        progress.waiting(Some(Instant::now() + Duration::from_secs(30)));
        let left = progress.time_left().as_secs();
        assert!((49..=50).contains(&left), "{left}");
        assert!(
            progress.figures().starts_with("waiting"),
            "{}",
            progress.figures()
        );
        progress.waiting(None);
        progress.failed();
        assert_eq!(progress.time_left().as_secs(), 19);
    }
}
