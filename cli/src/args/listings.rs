//! The listings besides `boards`: a board's sections and pins.

use clap::Args;

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
