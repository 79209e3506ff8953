//! What the stand-in remembers: its settings, and behind one lock the
//! grants, boards, pins, request log and write windows.

use std::sync::{Mutex, MutexGuard};

use super::grants::Grants;
use super::limits::Limiter;
use super::seed::{self, SeedBoard};
use super::{AccountType, Clock, CreatedPin, RecordedRequest, StandInOptions, WriteLimit};

/// Settings fixed at start.
#[derive(Debug)]
pub(crate) struct Settings {
    pub client_id: String,
    pub client_secret: String,
    pub redirect_uris: Vec<String>,
    pub trial: bool,
    pub account_type: AccountType,
    pub write_limit: Option<WriteLimit>,
}

/// Everything that changes while the stand-in runs.
#[derive(Debug)]
pub(crate) struct Data {
    pub grants: Grants,
    pub boards: Vec<SeedBoard>,
    pub pins: Vec<CreatedPin>,
    pub requests: Vec<RecordedRequest>,
    pub limiter: Limiter,
    next_pin: u64,
}

impl Data {
    /// A fresh pin id (decimal, 18 digits like Pinterest's).
    pub fn next_pin_id(&mut self) -> String {
        self.next_pin += 1;
        self.next_pin.to_string()
    }
}

/// Shared by the server threads and the [`super::StandIn`] handle.
#[derive(Debug)]
pub(crate) struct Shared {
    pub settings: Settings,
    pub clock: Clock,
    data: Mutex<Data>,
}

impl Shared {
    /// State for `options`, with the boards seeded.
    pub fn new(options: StandInOptions) -> Self {
        let data = Data {
            grants: Grants::new(options.clock.now_millis()),
            boards: seed::boards(options.boards),
            pins: Vec::new(),
            requests: Vec::new(),
            limiter: Limiter::default(),
            next_pin: 813_040_700_000_000_000,
        };
        Self {
            settings: Settings {
                client_id: options.client_id,
                client_secret: options.client_secret,
                redirect_uris: options.redirect_uris,
                trial: options.trial,
                account_type: options.account_type,
                write_limit: options.write_limit,
            },
            clock: options.clock,
            data: Mutex::new(data),
        }
    }

    /// The data, even if a server thread panicked while holding it.
    pub fn lock(&self) -> MutexGuard<'_, Data> {
        self.data
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
