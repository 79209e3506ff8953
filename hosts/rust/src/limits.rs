//! What one call of the component may use — memory, compute, HTTP time,
//! response size and the host content it may send — and the error a call ends with when the component tries
//! to use more.
//!
//! A platform runs the connector next to other tenants: whatever the
//! component does (a loop that never ends, an allocation that never stops,
//! a request that asks to wait for days), the host stays up, the call ends
//! with a clear error, and the next call runs normally.

use std::fmt;
use std::time::Duration;

use wasmtime::{ResourceLimiter, StoreLimits, StoreLimitsBuilder, Trap};

/// The limits every call of the component runs under. Pick them per
/// platform; [`HostLimits::default`] suits the connector's heaviest
/// legitimate calls with a wide margin (see each field).
///
/// ```
/// use std::time::Duration;
/// use pinterest_connector_host::HostLimits;
///
/// let limits = HostLimits {
///     max_memory_bytes: 128 << 20, // big base64 images
///     ..HostLimits::default()
/// };
/// assert_eq!(limits.max_http_timeout, Duration::from_secs(60));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostLimits {
    /// Linear memory one call's store may hold, all the component's
    /// memories together. Default 64 MiB: the biggest page of boards the
    /// component accepts (4 MiB of JSON) is read and parsed within 16 MiB,
    /// and a pin given as base64 image data takes about 2.7 bytes of memory
    /// per image byte, so images up to
    /// [`HostLimits::DEFAULT_MAX_IMAGE_BYTES`] (20 MiB, what the command-line
    /// host accepts) fit; raise it for bigger ones (or send image URLs). Growing past it stops the call
    /// with [`LimitExceeded::Memory`].
    pub max_memory_bytes: usize,
    /// Guest compute one call may use, in wasmtime fuel (about one unit per
    /// WebAssembly instruction). Only instructions the component executes
    /// burn fuel: time spent waiting in the host — `list-all-boards` may
    /// make up to 100 HTTP calls of up to 30 s each — costs nothing.
    /// Default 20 000 000 000. Measured: a 10 000-board `list-all-boards`
    /// uses 0.31 billion, a pin with a 20 MiB base64 image 2.9 billion
    /// (about 140 per image byte: the heaviest call that fits the default
    /// memory), so the default leaves 7 to 60 times headroom; a runaway
    /// loop burns it in about 3 s on a 2-core machine and stops with
    /// [`LimitExceeded::Fuel`]. Raise it with `max_memory_bytes` if pins
    /// carry bigger images.
    pub fuel_per_call: u64,
    /// The longest any one HTTP call without host content may take. The
    /// component asks for 30 s on reads and 60 s on pin creation
    /// (`timeout-ms`); a longer request is shortened to this, and a request
    /// naming none gets 30 s (or this, if shorter). Default 60 s. Uploads
    /// have their own cap, [`HostLimits::max_upload_timeout`].
    pub max_http_timeout: Duration,
    /// The longest any one HTTP call whose body carries host content (a
    /// video upload) may take: such a request is shortened to this, and one
    /// naming no time limit gets exactly this, since only the host knows
    /// its bandwidth. Default 30 minutes: 2 GiB at 1.2 MB/s (10 Mbit/s);
    /// raise it on a slower uplink. Every other request stays under
    /// [`HostLimits::max_http_timeout`], so a register or status call never
    /// waits minutes.
    pub max_upload_timeout: Duration,
    /// The most host content one request may carry, all its `host-content`
    /// parts together, and the largest size `content-length` reports:
    /// bigger content is refused with `http-error::denied` naming this
    /// limit, before anything is sent. Default 2 GiB, Pinterest's limit for
    /// a video. The content is streamed, never held: the host's memory does
    /// not grow with it.
    pub max_content_bytes: u64,
    /// The largest response body handed to the component; a bigger one is
    /// refused with `http-error::denied`. Default 8 MiB: the component
    /// itself refuses answers over 4 MiB, and Pinterest's biggest answers
    /// here (250 boards a page) are a few hundred kilobytes.
    pub max_response_bytes: u64,
}

impl HostLimits {
    /// Default of [`HostLimits::max_memory_bytes`]: 64 MiB.
    pub const DEFAULT_MAX_MEMORY_BYTES: usize = 64 * 1024 * 1024;
    /// Default of [`HostLimits::fuel_per_call`].
    pub const DEFAULT_FUEL_PER_CALL: u64 = 20_000_000_000;
    /// Default of [`HostLimits::max_http_timeout`]: 60 s.
    pub const DEFAULT_MAX_HTTP_TIMEOUT: Duration = Duration::from_secs(60);
    /// Default of [`HostLimits::max_response_bytes`]: 8 MiB.
    pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 8 * 1024 * 1024;
    /// Default of [`HostLimits::max_upload_timeout`]: 30 minutes.
    pub const DEFAULT_MAX_UPLOAD_TIMEOUT: Duration = Duration::from_secs(30 * 60);
    /// Default of [`HostLimits::max_content_bytes`]: 2 GiB.
    pub const DEFAULT_MAX_CONTENT_BYTES: u64 = 2 * 1024 * 1024 * 1024;
    /// The largest image (in bytes, before base64) a pin may carry as data
    /// under the default memory limit, with room to spare: 20 MiB, the
    /// largest image Pinterest takes (measured: 22 MiB fits, 24 MiB does
    /// not).
    pub const DEFAULT_MAX_IMAGE_BYTES: usize = 20 * 1024 * 1024;

    /// The time limit for `requested` milliseconds (none: 30 s), capped at
    /// [`HostLimits::max_http_timeout`].
    pub fn http_timeout(&self, requested_ms: Option<u32>) -> Duration {
        let requested = requested_ms
            .map(|ms| Duration::from_millis(u64::from(ms)))
            .unwrap_or(crate::transport::DEFAULT_TIMEOUT);
        requested.min(self.max_http_timeout)
    }

    /// The time limit of a request whose body carries host content, for
    /// `requested` milliseconds (none: the cap), capped at
    /// [`HostLimits::max_upload_timeout`].
    pub fn upload_timeout(&self, requested_ms: Option<u32>) -> Duration {
        requested_ms
            .map(|ms| Duration::from_millis(u64::from(ms)))
            .unwrap_or(self.max_upload_timeout)
            .min(self.max_upload_timeout)
    }

    /// The longest a request may take: [`HostLimits::max_upload_timeout`]
    /// when its body carries host content, [`HostLimits::max_http_timeout`]
    /// otherwise.
    pub fn timeout_cap(&self, carries_host_content: bool) -> Duration {
        if carries_host_content {
            self.max_upload_timeout
        } else {
            self.max_http_timeout
        }
    }
}

impl Default for HostLimits {
    fn default() -> Self {
        Self {
            max_memory_bytes: Self::DEFAULT_MAX_MEMORY_BYTES,
            fuel_per_call: Self::DEFAULT_FUEL_PER_CALL,
            max_http_timeout: Self::DEFAULT_MAX_HTTP_TIMEOUT,
            max_response_bytes: Self::DEFAULT_MAX_RESPONSE_BYTES,
            max_upload_timeout: Self::DEFAULT_MAX_UPLOAD_TIMEOUT,
            max_content_bytes: Self::DEFAULT_MAX_CONTENT_BYTES,
        }
    }
}

/// Why the host stopped a call: the component tried to use more than its
/// [`HostLimits`] allow. Found in the call's error with
/// [`LimitExceeded::of`]; its text names the limit and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LimitExceeded {
    /// The component tried to grow its memory past
    /// [`HostLimits::max_memory_bytes`].
    Memory {
        /// The limit, in bytes.
        limit: usize,
        /// What the component's memories would have held, in bytes.
        requested: usize,
    },
    /// The component used up [`HostLimits::fuel_per_call`] without
    /// finishing.
    Fuel {
        /// The budget, in fuel units.
        budget: u64,
    },
}

impl LimitExceeded {
    /// The limit a failed call ran into, if that is why it failed.
    pub fn of(error: &wasmtime::Error) -> Option<&LimitExceeded> {
        error.downcast_ref::<LimitExceeded>()
    }
}

impl fmt::Display for LimitExceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LimitExceeded::Memory { limit, requested } => write!(
                f,
                "the connector component tried to grow its memory to {requested} bytes, past the host's limit of {limit} bytes (max_memory_bytes); the call was stopped"
            ),
            LimitExceeded::Fuel { budget } => write!(
                f,
                "the connector component used up its compute budget of {budget} fuel (fuel_per_call) without finishing; the call was stopped"
            ),
        }
    }
}

impl std::error::Error for LimitExceeded {}

/// The limiter's refusal of a memory growth: the trap that stops the
/// component. [`ConnectorHost::call`](crate::ConnectorHost::call) names it
/// as [`LimitExceeded::Memory`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MemoryRefused {
    /// The limit, in bytes.
    pub(crate) limit: usize,
    /// What the component's memories would have held, in bytes.
    pub(crate) requested: usize,
}

impl fmt::Display for MemoryRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "memory growth to {} bytes refused", self.requested)
    }
}

impl std::error::Error for MemoryRefused {}

/// `error` with the reason the call stopped on top, when the component hit
/// a limit or trapped, so that its first line says what happened.
pub(crate) fn explain(error: wasmtime::Error, limits: &HostLimits) -> wasmtime::Error {
    if let Some(refused) = error.downcast_ref::<MemoryRefused>() {
        let limit = LimitExceeded::Memory {
            limit: refused.limit,
            requested: refused.requested,
        };
        return error.context(limit);
    }
    match error.downcast_ref::<Trap>() {
        Some(Trap::OutOfFuel) => error.context(LimitExceeded::Fuel {
            budget: limits.fuel_per_call,
        }),
        Some(_) => error.context(
            "the connector component crashed (a WebAssembly trap: a panic, a stack overflow or another bug in the component); the call was stopped",
        ),
        None => error,
    }
}

/// Most elements a table may hold (the connector's function table has a
/// few hundred). Each element takes a pointer of host memory.
const MAX_TABLE_ELEMENTS: usize = 100_000;
/// Most core instances, tables and memories one store may create (the
/// connector has a handful of each).
const MAX_INSTANCES: usize = 100;

/// A store's resource limiter (`store.limiter(…)`): [`HostLimits::max_memory_bytes`] over all
/// of the component's memories together (wasmtime's [`StoreLimits`] counts
/// each memory alone), and [`StoreLimits`] for tables and counts.
pub struct StoreBudget {
    limits: StoreLimits,
    max_memory_bytes: usize,
    memory_bytes: usize,
    last_growth: usize,
}

impl StoreBudget {
    /// A fresh budget for one store.
    pub fn new(limits: &HostLimits) -> Self {
        Self {
            limits: StoreLimitsBuilder::new()
                .memory_size(limits.max_memory_bytes)
                .table_elements(MAX_TABLE_ELEMENTS)
                .instances(MAX_INSTANCES)
                .tables(MAX_INSTANCES)
                .memories(MAX_INSTANCES)
                .build(),
            max_memory_bytes: limits.max_memory_bytes,
            memory_bytes: 0,
            last_growth: 0,
        }
    }
}

impl ResourceLimiter for StoreBudget {
    fn memory_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        let growth = desired.saturating_sub(current);
        let total = self.memory_bytes.saturating_add(growth);
        if total > self.max_memory_bytes {
            // A trap with the reason, rather than a failed `memory.grow`
            // that a Rust guest turns into an anonymous abort.
            return Err(MemoryRefused {
                limit: self.max_memory_bytes,
                requested: total,
            }
            .into());
        }
        let allowed = self.limits.memory_growing(current, desired, maximum)?;
        if allowed {
            self.memory_bytes = total;
            self.last_growth = growth;
        }
        Ok(allowed)
    }

    fn memory_grow_failed(&mut self, _error: wasmtime::Error) -> wasmtime::Result<()> {
        self.memory_bytes = self.memory_bytes.saturating_sub(self.last_growth);
        self.last_growth = 0;
        Ok(())
    }

    fn table_growing(
        &mut self,
        current: usize,
        desired: usize,
        maximum: Option<usize>,
    ) -> wasmtime::Result<bool> {
        self.limits.table_growing(current, desired, maximum)
    }

    fn instances(&self) -> usize {
        self.limits.instances()
    }

    fn tables(&self) -> usize {
        self.limits.tables()
    }

    fn memories(&self) -> usize {
        self.limits.memories()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn budget(max: usize) -> StoreBudget {
        StoreBudget::new(&HostLimits {
            max_memory_bytes: max,
            ..HostLimits::default()
        })
    }

    #[test]
    fn memory_is_counted_over_all_memories() {
        let mut budget = budget(100 << 16);
        assert!(budget.memory_growing(0, 60 << 16, None).unwrap());
        // A second memory may not take what the first already holds.
        let error = budget.memory_growing(0, 50 << 16, None).unwrap_err();
        assert_eq!(
            error.downcast_ref::<MemoryRefused>(),
            Some(&MemoryRefused {
                limit: 100 << 16,
                requested: 110 << 16
            })
        );
        assert!(budget.memory_growing(0, 40 << 16, None).unwrap());
    }

    #[test]
    fn a_failed_growth_is_given_back() {
        let mut budget = budget(100 << 16);
        assert!(budget.memory_growing(0, 90 << 16, None).unwrap());
        budget
            .memory_grow_failed(wasmtime::Error::msg("no memory"))
            .unwrap();
        assert!(budget.memory_growing(0, 100 << 16, None).unwrap());
    }

    #[test]
    fn requests_may_shorten_the_http_timeout_but_not_lengthen_it() {
        let limits = HostLimits::default();
        assert_eq!(limits.http_timeout(Some(5_000)), Duration::from_secs(5));
        assert_eq!(limits.http_timeout(Some(60_000)), Duration::from_secs(60));
        assert_eq!(limits.http_timeout(Some(u32::MAX)), Duration::from_secs(60));
        assert_eq!(limits.http_timeout(None), Duration::from_secs(30));
        let short = HostLimits {
            max_http_timeout: Duration::from_secs(2),
            ..limits
        };
        assert_eq!(short.http_timeout(None), Duration::from_secs(2));
    }

    #[test]
    fn uploads_have_their_own_time_cap() {
        let limits = HostLimits::default();
        assert_eq!(limits.upload_timeout(None), Duration::from_secs(30 * 60));
        assert_eq!(
            limits.upload_timeout(Some(600_000)),
            Duration::from_secs(600)
        );
        assert_eq!(
            limits.upload_timeout(Some(u32::MAX)),
            Duration::from_secs(30 * 60)
        );
        assert_eq!(limits.timeout_cap(true), Duration::from_secs(30 * 60));
        assert_eq!(limits.timeout_cap(false), Duration::from_secs(60));
        let short = HostLimits {
            max_upload_timeout: Duration::from_secs(5),
            ..limits
        };
        assert_eq!(short.upload_timeout(None), Duration::from_secs(5));
        assert_eq!(short.http_timeout(None), Duration::from_secs(30));
    }
}
