//! Creating, changing and deleting boards, sections and pins.

use clap::{Args, Subcommand, ValueEnum};

use pinterest_connector_host::types;

/// Who can see a board, as the flag names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Visibility {
    /// Everyone.
    Public,
    /// Only the owner (ad-only boards).
    Protected,
    /// The owner and collaborators (needs boards:write_secret).
    Secret,
}

impl Visibility {
    /// The component's privacy.
    pub fn privacy(self) -> types::BoardPrivacy {
        match self {
            Visibility::Public => types::BoardPrivacy::Public,
            Visibility::Protected => types::BoardPrivacy::Protected,
            Visibility::Secret => types::BoardPrivacy::Secret,
        }
    }
}

/// `board create`.
#[derive(Debug, Args)]
pub struct BoardCreateArgs {
    /// The board's name.
    #[arg(long)]
    pub name: String,
    /// Its description.
    #[arg(long)]
    pub description: Option<String>,
    /// Who can see it [default: public].
    #[arg(long, value_enum)]
    pub privacy: Option<Visibility>,
    /// A board for ad-only pins (Pinterest names it "Ad-only Pins" and makes it protected).
    #[arg(long)]
    pub ads_only: bool,
}

/// `board update`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("change").required(true).multiple(true).args(["name", "description", "privacy"])))]
pub struct BoardUpdateArgs {
    /// The Board ID.
    pub id: String,
    /// New name.
    #[arg(long)]
    pub name: Option<String>,
    /// New description ("" clears it).
    #[arg(long)]
    pub description: Option<String>,
    /// New visibility: public or secret.
    #[arg(long, value_enum)]
    pub privacy: Option<Visibility>,
}

/// A deletion by id, confirmed.
#[derive(Debug, Args)]
pub struct ConfirmArgs {
    /// The ID.
    pub id: String,
    /// Do not ask for confirmation (needed when not run at a terminal).
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// `section …`.
#[derive(Debug, Subcommand)]
pub enum SectionCommand {
    /// Create a section on a board.
    Create(SectionCreateArgs),
    /// Rename a section.
    Update(SectionUpdateArgs),
    /// Delete a section with the pins in it (asks first; --yes does not).
    Delete(SectionDeleteArgs),
}

/// `section create`.
#[derive(Debug, Args)]
pub struct SectionCreateArgs {
    /// The board [env: PINTEREST_BOARD; config: board].
    #[arg(long, value_name = "ID")]
    pub board: Option<String>,
    /// The section's name, 1 to 180 characters.
    #[arg(long)]
    pub name: String,
}

/// `section update`.
#[derive(Debug, Args)]
pub struct SectionUpdateArgs {
    /// The Section ID (from `sections`).
    pub id: String,
    /// Its board [env: PINTEREST_BOARD; config: board].
    #[arg(long, value_name = "ID")]
    pub board: Option<String>,
    /// The new name, 1 to 180 characters.
    #[arg(long)]
    pub name: String,
}

/// `section delete`.
#[derive(Debug, Args)]
pub struct SectionDeleteArgs {
    /// The Section ID (from `sections`).
    pub id: String,
    /// Its board [env: PINTEREST_BOARD; config: board].
    #[arg(long, value_name = "ID")]
    pub board: Option<String>,
    /// Do not ask for confirmation (needed when not run at a terminal).
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// `pins update`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("change").required(true).multiple(true).args(["board", "section", "no_section", "title", "description", "link", "alt_text"])))]
pub struct PinUpdateArgs {
    /// The Pin ID.
    pub id: String,
    /// Move it to this board.
    #[arg(long, value_name = "ID")]
    pub board: Option<String>,
    /// Move it to this section (of its board, or of --board).
    #[arg(long, value_name = "ID", conflicts_with = "no_section")]
    pub section: Option<String>,
    /// Take it out of its section.
    #[arg(long)]
    pub no_section: bool,
    /// New title ("" clears it; at most 100 characters).
    #[arg(long)]
    pub title: Option<String>,
    /// New description ("" clears it; at most 800 characters).
    #[arg(long)]
    pub description: Option<String>,
    /// New destination link ("" clears it).
    #[arg(long)]
    pub link: Option<String>,
    /// New alternative text ("" clears it; at most 500 characters).
    #[arg(long)]
    pub alt_text: Option<String>,
}

/// `pins save`.
#[derive(Debug, Args)]
pub struct PinSaveArgs {
    /// The Pin ID (any public pin).
    pub id: String,
    /// The account's board to save it to [env: PINTEREST_BOARD; config: board].
    #[arg(long, value_name = "ID")]
    pub board: Option<String>,
    /// A section of that board.
    #[arg(long, value_name = "ID")]
    pub section: Option<String>,
}
