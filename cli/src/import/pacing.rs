//! Keeping pin creation under a write budget: one write per interval
//! (60 s / budget), the first at once.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Time as the pacer sees it: real, or a test's.
pub trait Clock {
    /// The current instant.
    fn now(&self) -> Instant;
    /// Waits `duration` (may return early when interrupted).
    fn sleep(&self, duration: Duration);
}

/// Real time; sleeps end early once `stop` is set.
pub struct RealClock<'a> {
    /// Set by Ctrl-C.
    pub stop: &'a AtomicBool,
}

impl Clock for RealClock<'_> {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn sleep(&self, duration: Duration) {
        let end = Instant::now() + duration;
        while !self.stop.load(Ordering::SeqCst) {
            let now = Instant::now();
            if now >= end {
                break;
            }
            std::thread::sleep((end - now).min(Duration::from_millis(100)));
        }
    }
}

/// Spaces writes `interval` apart.
#[derive(Debug, Clone)]
pub struct Pacer {
    interval: Duration,
    next: Option<Instant>,
}

impl Pacer {
    /// At most `writes` a minute (at least one).
    pub fn per_minute(writes: u32) -> Self {
        Self {
            interval: Duration::from_secs(60) / writes.max(1),
            next: None,
        }
    }

    /// The spacing between writes.
    pub fn interval(&self) -> Duration {
        self.interval
    }

    /// Waits for the next slot, books it and returns its instant: slots
    /// are at least an interval apart.
    pub fn wait(&mut self, clock: &impl Clock) -> Instant {
        let now = clock.now();
        let start = match self.next {
            Some(next) if next > now => {
                clock.sleep(next - now);
                next
            }
            _ => now,
        };
        self.next = Some(start + self.interval);
        start
    }

    /// Gives back the last booked slot: that write never reached Pinterest.
    pub fn refund(&mut self) {
        if let Some(next) = self.next {
            self.next = next.checked_sub(self.interval);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;

    /// A clock that moves only when slept on.
    struct TestClock {
        start: Instant,
        elapsed: Cell<Duration>,
    }

    impl Clock for TestClock {
        fn now(&self) -> Instant {
            self.start + self.elapsed.get()
        }
        fn sleep(&self, duration: Duration) {
            self.elapsed.set(self.elapsed.get() + duration);
        }
    }

    #[test]
    fn spaces_writes_by_the_budget() {
        let clock = TestClock {
            start: Instant::now(),
            elapsed: Cell::new(Duration::ZERO),
        };
        let mut pacer = Pacer::per_minute(60);
        for _ in 0..10 {
            pacer.wait(&clock);
        }
        // The first write goes at once, the other nine a second apart.
        assert_eq!(clock.elapsed.get(), Duration::from_secs(9));
    }

    #[test]
    fn refunded_slots_cost_nothing() {
        let clock = TestClock {
            start: Instant::now(),
            elapsed: Cell::new(Duration::ZERO),
        };
        let mut pacer = Pacer::per_minute(30);
        pacer.wait(&clock);
        pacer.wait(&clock);
        pacer.refund();
        pacer.wait(&clock);
        assert_eq!(clock.elapsed.get(), Duration::from_secs(2));
    }
}
