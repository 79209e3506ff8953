//! The command line: global options and every command, as `clap` parses
//! them.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use pinterest_connector_host::types;

mod edits;
mod listings;
mod video;

pub use edits::{
    BoardCreateArgs, BoardUpdateArgs, ConfirmArgs, PinSaveArgs, PinUpdateArgs, SectionCommand,
    SectionCreateArgs, SectionDeleteArgs, SectionUpdateArgs,
};
pub use listings::{DuplicateField, PinsListArgs, PinsWatchArgs, SectionsArgs, SkipDuplicates};
pub use video::{ApiArgs, VideoCommand, VideoUploadArgs};

/// Redirect URI used when none is given.
pub const DEFAULT_REDIRECT_URI: &str = "http://localhost:8085/";

/// Pinterest API v5 from the command line, through the connector component.
///
/// Every Pinterest call goes through the WebAssembly component; this
/// program only hosts it.
#[derive(Debug, Parser)]
#[command(
    name = "pinterest-connector",
    version,
    max_term_width = 100,
    after_help = SETTINGS_HELP
)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: Global,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// How settings are found, for `--help`.
const SETTINGS_HELP: &str = "Settings: each comes from its flag, else its environment variable, else the config file, else the default. The config file is --config FILE, else $PINTEREST_CONFIG, else config.json in ~/.config/pinterest-connector (if it exists): a JSON object with any of clientId, clientSecret, environment, apiBaseUrl, authorizeUrl, tokenFile (relative to the file) and board. Environment variables: PINTEREST_APP_ID, PINTEREST_APP_SECRET, PINTEREST_ENVIRONMENT, PINTEREST_API_BASE_URL, PINTEREST_AUTHORIZE_URL, PINTEREST_TOKEN_FILE, PINTEREST_BOARD. See docs/cli.md.";

/// Production or sandbox, as the flag names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EnvironmentChoice {
    /// https://api.pinterest.com.
    Production,
    /// https://api-sandbox.pinterest.com, where Trial-access apps create pins.
    Sandbox,
}

impl EnvironmentChoice {
    /// `production` or `sandbox`.
    pub fn name(self) -> &'static str {
        match self {
            EnvironmentChoice::Production => "production",
            EnvironmentChoice::Sandbox => "sandbox",
        }
    }

    /// The choice a name (from the environment or the config file) makes.
    pub fn parse(name: &str) -> Option<Self> {
        match name.trim().to_ascii_lowercase().as_str() {
            "production" => Some(EnvironmentChoice::Production),
            "sandbox" => Some(EnvironmentChoice::Sandbox),
            _ => None,
        }
    }

    /// The component's environment.
    pub fn environment(self) -> types::Environment {
        match self {
            EnvironmentChoice::Production => types::Environment::Production,
            EnvironmentChoice::Sandbox => types::Environment::Sandbox,
        }
    }
}

/// Options every command takes (shown under their own heading).
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "Global options")]
pub struct Global {
    /// The app's id (App ID in the developer portal) [env: PINTEREST_APP_ID; config: clientId].
    #[arg(long, global = true, value_name = "ID")]
    pub client_id: Option<String>,
    /// The app's secret key; prefer PINTEREST_APP_SECRET or the config file (command lines are visible to other users) [config: clientSecret].
    #[arg(long, global = true, value_name = "SECRET")]
    pub client_secret: Option<String>,
    /// A JSON file of settings (see below) [env: PINTEREST_CONFIG; default: ~/.config/pinterest-connector/config.json if it exists].
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Which Pinterest API [env: PINTEREST_ENVIRONMENT; config: environment; default: production].
    #[arg(long, global = true, value_enum, value_name = "ENV")]
    pub environment: Option<EnvironmentChoice>,
    /// Short for --environment sandbox: Pinterest's API sandbox, where Trial-access apps create pins.
    #[arg(long, global = true, conflicts_with = "environment")]
    pub sandbox: bool,
    /// Send API calls to this origin instead (a proxy, or the local stand-in) [env: PINTEREST_API_BASE_URL; config: apiBaseUrl].
    #[arg(long, global = true, value_name = "URL")]
    pub api_base_url: Option<String>,
    /// Consent page to send the user to instead of Pinterest's [env: PINTEREST_AUTHORIZE_URL; config: authorizeUrl].
    #[arg(long, global = true, value_name = "URL")]
    pub authorize_url: Option<String>,
    /// Where tokens are kept [env: PINTEREST_TOKEN_FILE; config: tokenFile; default: tokens.json, or tokens-sandbox.json, in ~/.config/pinterest-connector].
    #[arg(long, global = true, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// Run this connector component instead of the one built into this program [env: PINTEREST_CONNECTOR_WASM].
    #[arg(long, global = true, value_name = "FILE")]
    pub component: Option<PathBuf>,
    /// Where compiled component code is cached [default: ~/.cache/pinterest-connector].
    #[arg(long, global = true, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Print JSON for scripts instead of tables.
    #[arg(long, global = true)]
    pub json: bool,
}

impl Global {
    /// The options given, as (argument id, flag).
    pub fn given(&self) -> Vec<(&'static str, &'static str)> {
        [
            (self.client_id.is_some(), "client_id", "--client-id"),
            (
                self.client_secret.is_some(),
                "client_secret",
                "--client-secret",
            ),
            (self.config.is_some(), "config", "--config"),
            (self.environment.is_some(), "environment", "--environment"),
            (self.sandbox, "sandbox", "--sandbox"),
            (
                self.api_base_url.is_some(),
                "api_base_url",
                "--api-base-url",
            ),
            (
                self.authorize_url.is_some(),
                "authorize_url",
                "--authorize-url",
            ),
            (self.token_file.is_some(), "token_file", "--token-file"),
            (self.component.is_some(), "component", "--component"),
            (self.cache_dir.is_some(), "cache_dir", "--cache-dir"),
            (self.json, "json", "--json"),
        ]
        .into_iter()
        .filter(|(given, _, _)| *given)
        .map(|(_, id, flag)| (id, flag))
        .collect()
    }
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign in: open the consent page, catch the redirect on a loopback URI, store the tokens.
    Login(LoginArgs),
    /// Print the consent-page URL (no HTTP call).
    Authorize(AuthorizeArgs),
    /// Exchange an authorization code for tokens and store them.
    Exchange(ExchangeArgs),
    /// Refresh the stored tokens now (Pinterest rotates the refresh token).
    Refresh(RefreshArgs),
    /// Stored tokens.
    Token {
        /// What to do with them.
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// The account the token belongs to.
    Whoami,
    /// List boards.
    Boards(BoardsArgs),
    /// One board: check, create, change or delete it.
    Board {
        /// What to do with it.
        #[command(subcommand)]
        command: BoardCommand,
    },
    /// Create one pin, from images or a video.
    Pin {
        /// What to do.
        #[command(subcommand)]
        command: PinCommand,
    },
    /// Many pins, or one by id: list, get, change, delete, save, import.
    Pins {
        /// What to do.
        #[command(subcommand)]
        command: PinsCommand,
    },
    /// List a board's sections.
    Sections(SectionsArgs),
    /// One section of a board: create, rename or delete it.
    Section {
        /// What to do.
        #[command(subcommand)]
        command: SectionCommand,
    },
    /// Videos for video pins: upload one.
    Video {
        /// What to do.
        #[command(subcommand)]
        command: VideoCommand,
    },
    /// Call any Pinterest API v5 endpoint the other commands do not cover, with the stored token.
    Api(ApiArgs),
    /// Run the whole story against a local Pinterest stand-in (no credentials needed).
    Demo,
    /// Run the local Pinterest stand-in in the foreground, to try this tool or a platform against it.
    StandIn(StandInArgs),
}

/// `stand-in`.
#[derive(Debug, Args)]
pub struct StandInArgs {
    /// Port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// Redirect URIs registered for the app (repeat) [default: http://localhost:8085/].
    #[arg(long = "redirect-uri", value_name = "URI")]
    pub redirect_uris: Vec<String>,
    /// Standard access: production pin creation works (default: Trial access, code 29).
    #[arg(long)]
    pub standard_access: bool,
    /// Report a personal (PINNER) account instead of a business one.
    #[arg(long)]
    pub personal_account: bool,
    /// Answer 429 after this many pin creations a minute.
    #[arg(long, value_name = "N")]
    pub writes_per_minute: Option<u32>,
    /// How long access tokens live, e.g. 90s, 10m, 2h, 30d (under 7 days, every token is due for refresh at once) [default: 30d, as Pinterest's].
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub access_token_lifetime: Option<Duration>,
    /// How long refresh tokens live, e.g. 10m or 60d [default: 60d, as Pinterest's].
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub refresh_token_lifetime: Option<Duration>,
}

/// A duration as `90`, `90s`, `10m`, `2h` or `30d`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("'{text}' is not a duration like 90s, 10m, 2h or 30d"))?;
    let seconds = match unit {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        _ => return Err(format!("'{text}': the unit is s, m, h or d")),
    };
    if number == 0 {
        return Err("a lifetime of 0 would issue dead tokens; give at least 1s".to_owned());
    }
    number
        .checked_mul(seconds)
        .map(Duration::from_secs)
        .ok_or_else(|| format!("'{text}' is too long"))
}

/// `login`.
#[derive(Debug, Args)]
pub struct LoginArgs {
    /// Loopback redirect URI to listen on; must be registered for the app exactly.
    #[arg(long, default_value = DEFAULT_REDIRECT_URI, value_name = "URI")]
    pub redirect_uri: String,
    /// Scopes to ask for (repeat or comma-separate); +SCOPE adds one to the default set, which covers every command here (e.g. +boards:read_secret for secret boards).
    #[arg(long = "scope", value_name = "SCOPE", value_delimiter = ',')]
    pub scopes: Vec<String>,
    /// Print the URL only; do not try to open a browser.
    #[arg(long)]
    pub no_browser: bool,
    /// Give up waiting for the redirect after this many seconds.
    #[arg(long, default_value_t = 300, value_name = "SECONDS")]
    pub timeout: u64,
}

/// `authorize`.
#[derive(Debug, Args)]
pub struct AuthorizeArgs {
    /// Redirect URI registered for the app.
    #[arg(long, default_value = DEFAULT_REDIRECT_URI, value_name = "URI")]
    pub redirect_uri: String,
    /// Scopes to ask for (repeat or comma-separate); +SCOPE adds one to the default set, which covers every command here (e.g. +boards:read_secret for secret boards).
    #[arg(long = "scope", value_name = "SCOPE", value_delimiter = ',')]
    pub scopes: Vec<String>,
    /// The `state` to send (random when omitted).
    #[arg(long)]
    pub state: Option<String>,
}

/// `exchange`.
#[derive(Debug, Args)]
pub struct ExchangeArgs {
    /// The `code` from the redirect.
    #[arg(long)]
    pub code: String,
    /// The redirect URI used in `authorize`.
    #[arg(long, default_value = DEFAULT_REDIRECT_URI, value_name = "URI")]
    pub redirect_uri: String,
}

/// `refresh`.
#[derive(Debug, Args)]
pub struct RefreshArgs {
    /// Narrow the grant to these scopes (repeat or comma-separate).
    #[arg(long = "scope", value_name = "SCOPE", value_delimiter = ',')]
    pub scopes: Vec<String>,
}

/// `token …`.
#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Whether the stored tokens are fresh, due for refresh, or dead.
    Status,
    /// The stored tokens, masked; with --reveal, the access token itself for a script or a host example.
    Show(TokenShowArgs),
}

/// `token show`.
#[derive(Debug, Args)]
pub struct TokenShowArgs {
    /// Print the access token in clear, alone on standard output (refreshed first when due), e.g. `export PINTEREST_ACCESS_TOKEN=$(pinterest-connector token show --reveal)`. Whoever sees it can act as the account until it expires.
    #[arg(long)]
    pub reveal: bool,
}

/// Which boards to list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Privacy {
    /// Every board the token may see.
    All,
    /// Public boards.
    Public,
    /// Protected (ad-only) boards.
    Protected,
    /// Secret boards (needs boards:read_secret).
    Secret,
    /// Public and secret boards.
    PublicAndSecret,
}

/// `boards`.
#[derive(Debug, Args)]
pub struct BoardsArgs {
    /// Follow bookmarks to the last page.
    #[arg(long)]
    pub all: bool,
    /// Which boards.
    #[arg(long, value_enum)]
    pub privacy: Option<Privacy>,
    /// Boards per page, 1 to 250.
    #[arg(long, value_name = "N")]
    pub page_size: Option<u32>,
    /// Continue from this bookmark (printed after a page).
    #[arg(long)]
    pub bookmark: Option<String>,
    /// With --all: stop after this many boards, 1 to 10000 (a bookmark to continue is printed) [default: 1000].
    #[arg(long, value_name = "N", requires = "all")]
    pub max_boards: Option<u32>,
}

/// `board …`.
#[derive(Debug, Subcommand)]
pub enum BoardCommand {
    /// Check that a Board ID exists and this account can see it.
    Check {
        /// The Board ID.
        id: String,
    },
    /// Create a board.
    Create(BoardCreateArgs),
    /// Change a board's name, description or visibility.
    Update(BoardUpdateArgs),
    /// Delete a board with every section and pin on it (asks first; --yes does not).
    Delete(ConfirmArgs),
}

/// `pin …`.
#[derive(Debug, Subcommand)]
pub enum PinCommand {
    /// Create a pin.
    Create(Box<PinCreateArgs>),
}

/// `pin create`.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("media").required(true).args(["image_url", "image_file", "image_urls", "image_files", "video_id", "video"])))]
#[command(group(clap::ArgGroup::new("video_source").args(["video_id", "video"])))]
pub struct PinCreateArgs {
    /// The board (Board ID from `boards`) [env: PINTEREST_BOARD; config: board].
    #[arg(long, value_name = "ID")]
    pub board: Option<String>,
    /// A section of the board.
    #[arg(long, value_name = "ID")]
    pub section: Option<String>,
    /// One image Pinterest fetches from a public URL.
    #[arg(long, value_name = "URL")]
    pub image_url: Option<String>,
    /// One JPEG or PNG file, uploaded as data.
    #[arg(long, value_name = "FILE")]
    pub image_file: Option<PathBuf>,
    /// A multi-image pin from 2 to 5 URLs (repeat or comma-separate).
    #[arg(long, value_name = "URL", value_delimiter = ',')]
    pub image_urls: Vec<String>,
    /// A multi-image pin from 2 to 5 files (repeat).
    #[arg(long, value_name = "FILE")]
    pub image_files: Vec<PathBuf>,
    /// A video file: uploaded (with a progress bar), waited for until Pinterest has processed it, then pinned.
    #[arg(long, value_name = "FILE")]
    pub video: Option<PathBuf>,
    /// A video uploaded beforehand (the media id `video upload` printed).
    #[arg(long, value_name = "MEDIA_ID")]
    pub video_id: Option<String>,
    /// Video cover from a public image URL.
    #[arg(
        long = "cover-image-url",
        visible_alias = "cover-url",
        value_name = "URL",
        requires = "video_source",
        conflicts_with = "key_frame"
    )]
    pub cover_url: Option<String>,
    /// Video cover: the frame this many seconds in [default: 0].
    #[arg(
        long = "key-frame-time",
        visible_alias = "key-frame",
        value_name = "SECONDS",
        requires = "video_source"
    )]
    pub key_frame: Option<u32>,
    /// With --video: wait at most this many seconds for Pinterest to process it, 1 to 900.
    #[arg(long, value_name = "SECONDS", requires = "video", default_value_t = DEFAULT_MEDIA_WAIT_SECONDS, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_MEDIA_WAIT_SECONDS)))]
    pub wait_seconds: u32,
    /// Title (at most 100 characters).
    #[arg(long)]
    pub title: Option<String>,
    /// Description (at most 800 characters).
    #[arg(long)]
    pub description: Option<String>,
    /// Destination link.
    #[arg(long)]
    pub link: Option<String>,
    /// Alternative text (at most 500 characters).
    #[arg(long)]
    pub alt_text: Option<String>,
    /// Dominant color, #RRGGBB.
    #[arg(long, value_name = "COLOR")]
    pub dominant_color: Option<String>,
    /// Duplicate detection.
    #[command(flatten)]
    pub duplicates: SkipDuplicates,
}

/// How long `--video` and `video upload` wait for processing by default,
/// in seconds.
pub const DEFAULT_MEDIA_WAIT_SECONDS: u32 = 300;
/// The longest wait for processing the component's `wait-for-media` takes.
pub const MAX_MEDIA_WAIT_SECONDS: u32 = 900;

/// `pins …`.
#[derive(Debug, Subcommand)]
pub enum PinsCommand {
    /// List the pins of a board, a section, or (without --board) the account.
    List(PinsListArgs),
    /// Show one pin.
    Get {
        /// The Pin ID.
        id: String,
    },
    /// Change a pin's text, link, board or section.
    Update(PinUpdateArgs),
    /// Delete a pin (asks first; --yes does not).
    Delete(ConfirmArgs),
    /// Save an existing pin to one of the account's boards.
    Save(PinSaveArgs),
    /// Print the pins created on a board as they appear, until Ctrl-C.
    Watch(PinsWatchArgs),
    /// Create a pin per CSV row, paced, resumable.
    Import(ImportArgs),
}

/// Default write budget of `pins import`, per minute.
pub const DEFAULT_WRITES_PER_MINUTE: u32 = 60;
/// About how many pins a minute Pinterest lets one user create (its
/// write limit); a budget above it draws a warning.
pub const PINTEREST_WRITES_PER_MINUTE: u32 = 100;

/// `pins import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The CSV: a header row, then one pin per row. Columns: image_url,
    /// image_file or video_file (with cover_image_url or key_frame_time),
    /// and optionally title, description, link, alt_text, board_section_id
    /// or board_section (a section's name), dominant_color.
    pub file: PathBuf,
    /// The board every pin goes to [env: PINTEREST_BOARD; config: board].
    #[arg(long, value_name = "ID")]
    pub board: Option<String>,
    /// Pin creations per minute at most (Pinterest allows about 100).
    #[arg(long, default_value_t = DEFAULT_WRITES_PER_MINUTE, value_name = "N")]
    pub writes_per_minute: u32,
    /// Progress file recording each created row [default: FILE.csv.state.jsonl next to the CSV].
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
    /// Duplicate detection.
    #[command(flatten)]
    pub duplicates: SkipDuplicates,
}
