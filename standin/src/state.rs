//! What the stand-in remembers: its settings, and behind one lock the
//! grants, boards, pins, media uploads, the logs and the write windows.

use std::sync::{Mutex, MutexGuard};

use super::grants::{Grants, Lifetimes};
use super::limits::Limiter;
use super::model::{Board, MediaUpload, StoredPin};
use super::seed;
use super::{
    AccountType, Clock, CreatedPin, ReceivedUpload, RecordedRequest, StandInOptions, WriteLimit,
    utc,
};

/// Settings fixed at start.
#[derive(Debug)]
pub(crate) struct Settings {
    pub client_id: String,
    pub client_secret: String,
    pub redirect_uris: Vec<String>,
    pub trial: bool,
    pub account_type: AccountType,
    pub write_limit: Option<WriteLimit>,
    pub media_processing_polls: u32,
    pub fail_media: bool,
}

/// Everything that changes while the stand-in runs.
#[derive(Debug)]
pub(crate) struct Data {
    pub grants: Grants,
    /// In listing order: seeded ones first, then created ones.
    pub boards: Vec<Board>,
    /// Every live pin, in creation order.
    pub pins: Vec<StoredPin>,
    /// Every pin created through the API, deleted or not.
    pub created: Vec<CreatedPin>,
    /// Media uploads in registration order.
    pub media: Vec<MediaUpload>,
    /// What the upload listener received.
    pub uploads: Vec<ReceivedUpload>,
    pub requests: Vec<RecordedRequest>,
    pub limiter: Limiter,
    /// Where the upload listener is (`http://127.0.0.1:PORT/`).
    pub upload_url: String,
    next_pin: u64,
    next_board: u64,
    next_section: u64,
    next_media: u64,
}

impl Data {
    /// A fresh pin id (decimal, 18 digits like Pinterest's) and its number.
    pub fn next_pin_id(&mut self) -> (String, u64) {
        self.next_pin += 1;
        (self.next_pin.to_string(), self.next_pin)
    }

    /// A fresh board id.
    pub fn next_board_id(&mut self) -> String {
        self.next_board += 1;
        self.next_board.to_string()
    }

    /// A fresh section id and its number (creation order).
    pub fn next_section_id(&mut self) -> (String, u64) {
        self.next_section += 1;
        (self.next_section.to_string(), self.next_section)
    }

    /// A fresh media id and its number.
    pub fn next_media_id(&mut self) -> (String, u64) {
        self.next_media += 1;
        (self.next_media.to_string(), self.next_media)
    }

    /// The board called `id`.
    pub fn board(&self, id: &str) -> Option<&Board> {
        self.boards.iter().find(|b| b.id == id)
    }

    /// The board called `id`, to change.
    pub fn board_mut(&mut self, id: &str) -> Option<&mut Board> {
        self.boards.iter_mut().find(|b| b.id == id)
    }

    /// The live pin called `id`.
    pub fn pin(&self, id: &str) -> Option<&StoredPin> {
        self.pins.iter().find(|p| p.id == id)
    }

    /// How many live pins board `id` holds.
    pub fn pin_count(&self, board_id: &str) -> usize {
        self.pins.iter().filter(|p| p.board_id == board_id).count()
    }

    /// Notes that board `id`'s pins changed at `now` (unix seconds).
    pub fn touch_board(&mut self, board_id: &str, now: u64) {
        if let Some(board) = self.board_mut(board_id) {
            board.pins_modified_at = utc::naive(now);
        }
    }

    /// The media upload called `id`.
    pub fn media_upload(&self, id: &str) -> Option<&MediaUpload> {
        self.media.iter().find(|m| m.media_id == id)
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
    /// State for `options`, with the boards, sections and pins seeded.
    pub fn new(options: StandInOptions) -> Self {
        let boards = seed::boards(options.boards, options.seed_sections);
        let mut next_pin = 813_040_700_000_000_000;
        let pins = seed::pins(
            &boards,
            options.seed_pins,
            options.clock.now_seconds(),
            || {
                next_pin += 1;
                (next_pin.to_string(), next_pin)
            },
        );
        let data = Data {
            grants: Grants::new(
                options.clock.now_millis(),
                Lifetimes {
                    access: options.access_token_lifetime.as_secs().max(1),
                    refresh: options.refresh_token_lifetime.as_secs().max(1),
                },
            ),
            pins,
            created: Vec::new(),
            media: Vec::new(),
            uploads: Vec::new(),
            requests: Vec::new(),
            limiter: Limiter::default(),
            upload_url: String::new(),
            next_pin,
            next_board: seed::FIRST_BOARD_ID
                .saturating_add(u64::try_from(boards.len()).unwrap_or(u64::MAX))
                .saturating_sub(1),
            next_section: 5_497_558_870_000_000,
            next_media: 5_212_123_920_968_240_000,
            boards,
        };
        Self {
            settings: Settings {
                client_id: options.client_id,
                client_secret: options.client_secret,
                redirect_uris: options.redirect_uris,
                trial: options.trial,
                account_type: options.account_type,
                write_limit: options.write_limit,
                media_processing_polls: options.media_processing_polls,
                fail_media: options.fail_media,
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
