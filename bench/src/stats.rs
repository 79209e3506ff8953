//! Timing with repetition: a warm-up, then batches of runs; each batch gives
//! one time per operation, and a measurement reports the median and the
//! fastest of those. Ratios are taken between medians of the same run.

use std::time::{Duration, Instant};

/// Batches per measurement.
const BATCHES: usize = 15;
/// Warm-up runs before timing (or fewer, if they take too long).
const WARMUP_RUNS: usize = 20;
/// Most time spent warming up.
const WARMUP_TIME: Duration = Duration::from_millis(150);

/// One measurement: seconds per operation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sample {
    /// Median over the batches.
    pub median: f64,
    /// Fastest batch.
    pub min: f64,
}

impl Sample {
    /// A sample from per-operation times of several batches.
    pub fn from_batches(mut per_op: Vec<f64>) -> Self {
        per_op.sort_by(f64::total_cmp);
        let median = match per_op.len() {
            0 => f64::NAN,
            n if n % 2 == 1 => per_op[n / 2],
            n => (per_op[n / 2 - 1] + per_op[n / 2]) / 2.0,
        };
        Self {
            median,
            min: per_op.first().copied().unwrap_or(f64::NAN),
        }
    }
}

/// Times `op` within about `budget`: warm-up, then [`BATCHES`] batches sized
/// so that all of them together take the budget (at least one run each).
pub fn measure(budget: Duration, mut op: impl FnMut()) -> Sample {
    let warmup = Instant::now();
    let mut runs = 0u32;
    while runs < WARMUP_RUNS as u32 && (runs == 0 || warmup.elapsed() < WARMUP_TIME) {
        op();
        runs += 1;
    }
    let estimate = warmup.elapsed().as_secs_f64() / f64::from(runs);
    let per_batch = (budget.as_secs_f64() / BATCHES as f64 / estimate).clamp(1.0, 1e6) as u32;
    let per_op = (0..BATCHES)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per_batch {
                op();
            }
            start.elapsed().as_secs_f64() / f64::from(per_batch)
        })
        .collect();
    Sample::from_batches(per_op)
}

/// Batches and runs per batch for a client timed out of process within
/// `budget`, given one operation's rough cost.
pub fn plan(budget: Duration, estimate: Duration) -> (usize, u32) {
    let per_batch = (budget.as_secs_f64() / BATCHES as f64 / estimate.as_secs_f64().max(1e-6))
        .clamp(1.0, 1e6) as u32;
    (BATCHES, per_batch)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_and_min_of_batches() {
        let s = Sample::from_batches(vec![3.0, 1.0, 2.0]);
        assert_eq!((s.median, s.min), (2.0, 1.0));
        let s = Sample::from_batches(vec![4.0, 1.0, 2.0, 3.0]);
        assert_eq!((s.median, s.min), (2.5, 1.0));
    }

    #[test]
    fn measures_every_batch() {
        let mut calls = 0;
        measure(Duration::from_millis(1), || calls += 1);
        assert!(calls >= BATCHES);
    }
}
