//! The listings besides `boards`: a board's sections and pins.

use clap::{Args, ValueEnum};

/// `sections`.
#[derive(Debug, Args)]
pub struct SectionsArgs {
    /// The board (Board ID from `boards`) [env: PINTEREST_BOARD; config: board].
    #[arg(long, value_name = "ID")]
    pub board: Option<String>,
    /// Follow bookmarks to the last page.
    #[arg(long)]
    pub all: bool,
    /// Sections per page, 1 to 250.
    #[arg(long, value_name = "N")]
    pub page_size: Option<u32>,
    /// Continue from this bookmark (printed after a page).
    #[arg(long)]
    pub bookmark: Option<String>,
    /// With --all: stop after this many sections, 1 to 10000 (a bookmark to continue is printed) [default: 1000].
    #[arg(long, value_name = "N", requires = "all")]
    pub max_sections: Option<u32>,
}

/// `pins list`.
#[derive(Debug, Args)]
pub struct PinsListArgs {
    /// The board whose pins to list; without it, the pins the account created or saved.
    #[arg(long, value_name = "ID")]
    pub board: Option<String>,
    /// Only the pins in this section of the board.
    #[arg(long, value_name = "ID", requires = "board")]
    pub section: Option<String>,
    /// Follow bookmarks to the last page.
    #[arg(long)]
    pub all: bool,
    /// Pins per page, 1 to 250.
    #[arg(long, value_name = "N")]
    pub page_size: Option<u32>,
    /// Continue from this bookmark (printed after a page).
    #[arg(long)]
    pub bookmark: Option<String>,
    /// With --all: stop after this many pins, 1 to 10000 (a bookmark to continue is printed) [default: 1000].
    #[arg(long, value_name = "N", requires = "all")]
    pub max_pins: Option<u32>,
}

/// `pins watch`.
#[derive(Debug, Args)]
pub struct PinsWatchArgs {
    /// The board to watch [env: PINTEREST_BOARD; config: board].
    #[arg(long, value_name = "ID")]
    pub board: Option<String>,
    /// Only the pins of this section of the board.
    #[arg(long, value_name = "ID")]
    pub section: Option<String>,
    /// Seconds between polls, 1 to 3600 (each poll sends at most 4 requests).
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    pub interval: u64,
    /// Also print the newest N pins already there when the watch starts, 0 to 250.
    #[arg(long, value_name = "N")]
    pub backlog: Option<u32>,
    /// Stop after this many polls [default: until Ctrl-C].
    #[arg(long, value_name = "N")]
    pub polls: Option<u32>,
}

/// A field that makes two pins duplicates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DuplicateField {
    /// The destination link, compared as a URL.
    Link,
    /// The image URL (Pinterest reports only its own image URLs, i.pinimg.com).
    ImageUrl,
    /// The title, in any case.
    Title,
}

/// `--skip-duplicates` and what it compares.
#[derive(Debug, Clone, Args)]
pub struct SkipDuplicates {
    /// Skip a pin the board already has (same link, image URL or title, see --duplicates-by), scanning the board's newest 1000 pins first.
    #[arg(long)]
    pub skip_duplicates: bool,
    /// Which fields make a duplicate (repeat or comma-separate) [default: link,image-url,title].
    #[arg(
        long,
        value_enum,
        value_delimiter = ',',
        value_name = "FIELD",
        requires = "skip_duplicates"
    )]
    pub duplicates_by: Vec<DuplicateField>,
}

impl SkipDuplicates {
    /// The fields to compare, or none when duplicates are not skipped.
    pub fn fields(&self) -> Option<Vec<DuplicateField>> {
        if !self.skip_duplicates {
            return None;
        }
        Some(if self.duplicates_by.is_empty() {
            vec![
                DuplicateField::Link,
                DuplicateField::ImageUrl,
                DuplicateField::Title,
            ]
        } else {
            self.duplicates_by.clone()
        })
    }
}
