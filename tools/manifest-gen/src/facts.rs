//! What the manifest says that the WIT cannot: a title and the endpoints of
//! each operation, what each parameter holds, the limits the connector
//! checks, and how a platform runs OAuth. Everything else (types, fields,
//! cases, their documentation, the operations and their order) comes from
//! the WIT; paths, scopes and rate-limit categories from the core's
//! endpoint table; the numbers from the core's limits.

use pinterest_connector::endpoints::{
    BOARD_SECTIONS_CREATE, BOARD_SECTIONS_DELETE, BOARD_SECTIONS_LIST, BOARD_SECTIONS_LIST_PINS,
    BOARD_SECTIONS_UPDATE, BOARDS_CREATE, BOARDS_DELETE, BOARDS_GET, BOARDS_LIST, BOARDS_LIST_PINS,
    BOARDS_UPDATE, Endpoint, MEDIA_CREATE, MEDIA_GET, MEDIA_LIST, OAUTH_TOKEN, PINS_CREATE,
    PINS_DELETE, PINS_GET, PINS_LIST, PINS_SAVE, PINS_UPDATE, USER_ACCOUNT_GET,
};
use pinterest_connector::limits::{
    DEFAULT_LIST_ALL_CAP, DEFAULT_MAX_BOARDS, DEFAULT_WAIT_SECONDS, MAX_AD_ACCOUNT_ID_LEN,
    MAX_ALT_TEXT, MAX_BACKLOG, MAX_BOARDS, MAX_CURSOR_CHARS, MAX_DESCRIPTION, MAX_FILE_NAME_CHARS,
    MAX_ID_LEN, MAX_ITEMS, MAX_LINK, MAX_LIST_ALL_CAP, MAX_MEDIA_URL, MAX_PAGE_SIZE,
    MAX_SECTION_NAME, MAX_TITLE, MAX_URL_LEN, MAX_WAIT_SECONDS, MIN_ITEMS,
};

/// The platform-facing name of the connector.
pub const TITLE: &str = "Pinterest";
/// The Pinterest API version.
pub const API_VERSION: &str = "v5";
/// The version of Pinterest's API description the endpoint table follows.
pub const API_DESCRIPTION_VERSION: &str = "5.23.0";
/// Exported functions that are not operations: `describe` returns the
/// manifest itself.
pub const NOT_OPERATIONS: &[&str] = &["describe"];

/// An operation beyond its WIT: a label for a UI, and the endpoints it may
/// call (none for those that make no request, and for `api-request`, which
/// calls the one its caller names: see [`ANY_API_PATH`]; several for one
/// that calls one of them by its input, such as the pins of a board, a
/// section or the account).
#[derive(Debug)]
pub struct Operation {
    /// The WIT function.
    pub name: &'static str,
    /// A label for a UI.
    pub title: &'static str,
    /// The endpoints it may call.
    pub endpoints: &'static [&'static Endpoint],
}

/// Operations that call whichever endpoint below `/v5/` their caller names:
/// their `http` is `{"method": "any", "path": "/v5/…"}`.
pub const ANY_API_PATH: &[&str] = &["api-request"];
/// Operations that, besides their endpoints, send content the host holds
/// (a video) to the upload URL Pinterest returns (`uploadsHostContent`).
pub const UPLOADS_HOST_CONTENT: &[&str] = &["upload-video"];

/// The endpoints of listing pins, by source: a board, a section, the
/// account.
const PIN_LISTINGS: &[&Endpoint] = &[&BOARDS_LIST_PINS, &BOARD_SECTIONS_LIST_PINS, &PINS_LIST];

/// Every operation, one entry each.
pub const OPERATIONS: &[Operation] = &[
    Operation {
        name: "authorize",
        title: "Authorize",
        endpoints: &[],
    },
    Operation {
        name: "exchange",
        title: "Exchange the code",
        endpoints: &[&OAUTH_TOKEN],
    },
    Operation {
        name: "refresh",
        title: "Refresh the tokens",
        endpoints: &[&OAUTH_TOKEN],
    },
    Operation {
        name: "token-status",
        title: "Token status",
        endpoints: &[],
    },
    Operation {
        name: "get-user-account",
        title: "Get the user account",
        endpoints: &[&USER_ACCOUNT_GET],
    },
    Operation {
        name: "list-boards",
        title: "List boards",
        endpoints: &[&BOARDS_LIST],
    },
    Operation {
        name: "list-all-boards",
        title: "List all boards",
        endpoints: &[&BOARDS_LIST],
    },
    Operation {
        name: "get-board",
        title: "Get a board",
        endpoints: &[&BOARDS_GET],
    },
    Operation {
        name: "create-pin",
        title: "Create a pin",
        endpoints: &[&PINS_CREATE],
    },
    Operation {
        name: "create-board",
        title: "Create a board",
        endpoints: &[&BOARDS_CREATE],
    },
    Operation {
        name: "update-board",
        title: "Update a board",
        endpoints: &[&BOARDS_UPDATE],
    },
    Operation {
        name: "delete-board",
        title: "Delete a board",
        endpoints: &[&BOARDS_DELETE],
    },
    Operation {
        name: "list-sections",
        title: "List sections",
        endpoints: &[&BOARD_SECTIONS_LIST],
    },
    Operation {
        name: "list-all-sections",
        title: "List all sections",
        endpoints: &[&BOARD_SECTIONS_LIST],
    },
    Operation {
        name: "create-section",
        title: "Create a section",
        endpoints: &[&BOARD_SECTIONS_CREATE],
    },
    Operation {
        name: "update-section",
        title: "Rename a section",
        endpoints: &[&BOARD_SECTIONS_UPDATE],
    },
    Operation {
        name: "delete-section",
        title: "Delete a section",
        endpoints: &[&BOARD_SECTIONS_DELETE],
    },
    Operation {
        name: "get-pin",
        title: "Get a pin",
        endpoints: &[&PINS_GET],
    },
    Operation {
        name: "list-pins",
        title: "List pins",
        endpoints: PIN_LISTINGS,
    },
    Operation {
        name: "list-all-pins",
        title: "List all pins",
        endpoints: PIN_LISTINGS,
    },
    Operation {
        name: "update-pin",
        title: "Update a pin",
        endpoints: &[&PINS_UPDATE],
    },
    Operation {
        name: "delete-pin",
        title: "Delete a pin",
        endpoints: &[&PINS_DELETE],
    },
    Operation {
        name: "save-pin",
        title: "Save a pin",
        endpoints: &[&PINS_SAVE],
    },
    Operation {
        name: "find-duplicate-pins",
        title: "Find duplicate pins",
        endpoints: PIN_LISTINGS,
    },
    Operation {
        name: "poll-new-pins",
        title: "New pins (polling trigger)",
        endpoints: PIN_LISTINGS,
    },
    Operation {
        name: "api-request",
        title: "Call the API",
        endpoints: &[],
    },
    Operation {
        name: "upload-video",
        title: "Upload a video",
        endpoints: &[&MEDIA_CREATE],
    },
    Operation {
        name: "get-media",
        title: "Get a media upload",
        endpoints: &[&MEDIA_GET],
    },
    Operation {
        name: "list-media",
        title: "List media uploads",
        endpoints: &[&MEDIA_LIST],
    },
    Operation {
        name: "wait-for-media",
        title: "Wait for a media upload",
        endpoints: &[&MEDIA_GET],
    },
];

/// Which operation plays which part of the OAuth flow, in the manifest's
/// `auth.operations`.
pub const AUTH_ROLES: &[(&str, &str)] = &[
    ("authorize", "authorize"),
    ("exchange", "exchange"),
    ("refresh", "refresh"),
    ("status", "token-status"),
    ("profile", "get-user-account"),
];
/// The field of the `profile` operation's output that names an account.
pub const ACCOUNT_NAME_FIELD: &str = "username";

/// What each parameter holds (the WIT documents functions, not their
/// parameters), by place: `function(parameter)`, or `(parameter)` for every
/// function with a parameter of that name.
pub fn params() -> Vec<(&'static str, String)> {
    [
        ("(config)", "The app's credentials and the API to reach."),
        ("(access-token)", "The user's access token."),
        (
            "(redirect-uri)",
            "The redirect URI registered for the app, exactly (trailing slash included).",
        ),
        (
            "authorize(scopes)",
            "Pinterest v5 scopes; empty asks for the default scopes.",
        ),
        (
            "authorize(state)",
            "The OAuth state; without it, 128 random bits are generated.",
        ),
        (
            "exchange(code)",
            "The code Pinterest sent to the redirect URI.",
        ),
        ("refresh(refresh-token)", "The current refresh token."),
        ("refresh(scopes)", "Narrows the grant; absent keeps it."),
        ("token-status(tokens)", "The stored token set."),
        ("list-boards(query)", "Which page, how many, which boards."),
        ("(query)", "Which page, and how many items on it."),
        (
            "list-all-boards(privacy)",
            "Which boards to list; absent lists all.",
        ),
        ("(board-id)", "The board (decimal id)."),
        ("create-pin(pin)", "The pin to create."),
        ("create-board(board)", "The board to create."),
        (
            "update-board(changes)",
            "What to change; fields left out stay as they are.",
        ),
        ("(section)", "The section, by its board."),
        ("(pin-id)", "The pin (decimal id)."),
        (
            "(source)",
            "Whose pins: a board's, a board section's or the account's.",
        ),
        (
            "update-pin(changes)",
            "What to change; fields left out stay as they are, empty ones are cleared.",
        ),
        (
            "save-pin(board-id)",
            "The board to save the pin to (decimal id).",
        ),
        (
            "save-pin(board-section-id)",
            "A section of that board (decimal id); absent saves it to the board itself.",
        ),
        (
            "find-duplicate-pins(candidate)",
            "What to compare the pins with: a link, an image URL, a title (at least one).",
        ),
        (
            "poll-new-pins(cursor)",
            "The cursor of the previous poll, unchanged; absent (or empty) for the first poll.",
        ),
        ("api-request(method)", "The HTTP method."),
        (
            "api-request(path)",
            "The endpoint's path below /v5/, its ids filled in (e.g. /v5/ad_accounts); no query, fragment, or /v5/oauth/.",
        ),
        (
            "api-request(query)",
            "Query parameters, each a name and an unencoded value, in order.",
        ),
        (
            "api-request(json-body)",
            "The request body as JSON text (not for GET); absent for none.",
        ),
        (
            "upload-video(video)",
            "The video the host holds, and the file name to send with it.",
        ),
        (
            "(media-id)",
            "The media upload (decimal id, as upload-video returned it).",
        ),
    ]
    .into_iter()
    .map(|(place, doc)| (place, doc.to_owned()))
    .chain([
        (
            "list-all-boards(max-boards)",
            format!("Most boards to return, 1 to {MAX_BOARDS} (default {DEFAULT_MAX_BOARDS})."),
        ),
        (
            "(max-items)",
            format!(
                "Most items to return, 1 to {MAX_LIST_ALL_CAP} (default {DEFAULT_LIST_ALL_CAP})."
            ),
        ),
        (
            "(name)",
            format!("The section's name, 1 to {MAX_SECTION_NAME} characters."),
        ),
        (
            "find-duplicate-pins(max-scanned)",
            format!(
                "Most pins to compare, 1 to {MAX_LIST_ALL_CAP} (default {DEFAULT_LIST_ALL_CAP})."
            ),
        ),
        (
            "poll-new-pins(backlog)",
            format!(
                "On the first poll, how many of the newest pins to return, 0 to {MAX_BACKLOG}; later polls ignore it."
            ),
        ),
        (
            "wait-for-media(max-seconds)",
            format!(
                "Longest wait in seconds, 1 to {MAX_WAIT_SECONDS} (default {DEFAULT_WAIT_SECONDS})."
            ),
        ),
    ])
    .collect()
}

/// A limit the connector checks on a value (or, for output, a promise about
/// its form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Limit {
    /// A credential: masked in a UI, never logged.
    Secret,
    /// A Pinterest id: decimal digits.
    Id,
    /// An absolute URL.
    Uri,
    /// An absolute URL of at most this many characters.
    UriOf(usize),
    /// Text of at most this many characters.
    Chars(usize),
    /// Text of this many characters, at least and at most.
    CharsBetween(usize, usize),
    /// Text of at least one character.
    NotEmpty,
    /// 1 to this many decimal digits, or empty (which means none).
    DigitsOrEmpty(usize),
    /// Text matching a regular expression.
    Pattern(&'static str),
    /// An RFC 3339 date-time.
    DateTime,
    /// An integer in this range.
    Range(i64, i64),
    /// A list of this many elements.
    Items(usize, usize),
}

/// A color as `#RRGGBB`.
const COLOR: &str = "^#[0-9A-Fa-f]{6}$";
/// Standard base64 with padding.
const BASE64: &str = "^[A-Za-z0-9+/]+={0,2}$";
/// An `api-request` path: below `/v5/`, without query, fragment,
/// backslash, spaces or empty segments (the connector checks the rest).
const API_PATH: &str = "^/v5/[^/?#\\\\\\s]+(/[^/?#\\\\\\s]+)*$";

/// The limits, by place: `type.field` (a record field, or the payload of a
/// variant case), `function(parameter)`, or `(parameter)` for every function
/// with a parameter of that name. An `option`'s limit applies to its value.
pub fn limits() -> Vec<(&'static str, Limit)> {
    use Limit::*;
    vec![
        ("config.client-secret", Secret),
        ("config.api-base-url", UriOf(MAX_URL_LEN)),
        ("config.authorize-url", UriOf(MAX_URL_LEN)),
        ("config.ad-account-id", DigitsOrEmpty(MAX_AD_ACCOUNT_ID_LEN)),
        ("authorization.url", Uri),
        ("token-set.access-token", Secret),
        ("token-set.refresh-token", Secret),
        ("board.id", Id),
        ("board.created-at", DateTime),
        (
            "list-boards-query.page-size",
            Range(1, MAX_PAGE_SIZE.into()),
        ),
        ("image-data.data", Pattern(BASE64)),
        ("image-url-item.url", UriOf(MAX_MEDIA_URL)),
        ("image-url-item.title", Chars(MAX_TITLE)),
        ("image-url-item.description", Chars(MAX_DESCRIPTION)),
        ("image-url-item.link", UriOf(MAX_LINK)),
        ("image-data-item.title", Chars(MAX_TITLE)),
        ("image-data-item.description", Chars(MAX_DESCRIPTION)),
        ("image-data-item.link", UriOf(MAX_LINK)),
        ("image-urls.items", Items(MIN_ITEMS, MAX_ITEMS)),
        ("images-data.items", Items(MIN_ITEMS, MAX_ITEMS)),
        ("video-cover.url", UriOf(MAX_MEDIA_URL)),
        ("video.media-id", Id),
        ("media-source.image-url", UriOf(MAX_MEDIA_URL)),
        ("pin-input.board-id", Id),
        ("pin-input.board-section-id", Id),
        ("pin-input.title", Chars(MAX_TITLE)),
        ("pin-input.description", Chars(MAX_DESCRIPTION)),
        ("pin-input.link", UriOf(MAX_LINK)),
        ("pin-input.alt-text", Chars(MAX_ALT_TEXT)),
        ("pin-input.dominant-color", Pattern(COLOR)),
        ("pin-input.parent-pin-id", Id),
        ("pin.id", Id),
        ("pin.url", Uri),
        ("pin.created-at", DateTime),
        ("pin.image-url", Uri),
        ("board-input.name", NotEmpty),
        ("board-changes.name", NotEmpty),
        ("section.id", Id),
        ("page-query.page-size", Range(1, MAX_PAGE_SIZE.into())),
        ("section-ref.board-id", Id),
        ("section-ref.section-id", Id),
        ("pin-source.board", Id),
        ("pin-changes.board-id", Id),
        ("pin-changes.board-section-id", DigitsOrEmpty(MAX_ID_LEN)),
        ("pin-changes.title", Chars(MAX_TITLE)),
        ("pin-changes.description", Chars(MAX_DESCRIPTION)),
        ("pin-changes.link", Chars(MAX_LINK)),
        ("pin-changes.alt-text", Chars(MAX_ALT_TEXT)),
        ("(access-token)", Secret),
        ("(redirect-uri)", UriOf(MAX_URL_LEN)),
        ("exchange(code)", Secret),
        ("refresh(refresh-token)", Secret),
        ("(board-id)", Id),
        ("(pin-id)", Id),
        ("save-pin(board-section-id)", DigitsOrEmpty(MAX_ID_LEN)),
        ("(name)", CharsBetween(1, MAX_SECTION_NAME)),
        ("list-all-boards(max-boards)", Range(1, MAX_BOARDS.into())),
        ("(max-items)", Range(1, MAX_LIST_ALL_CAP.into())),
        ("duplicate-candidate.link", UriOf(MAX_LINK)),
        ("duplicate-candidate.image-url", UriOf(MAX_MEDIA_URL)),
        ("duplicate-candidate.title", CharsBetween(1, MAX_TITLE)),
        (
            "find-duplicate-pins(max-scanned)",
            Range(1, MAX_LIST_ALL_CAP.into()),
        ),
        ("poll-new-pins(cursor)", Chars(MAX_CURSOR_CHARS)),
        ("poll-new-pins(backlog)", Range(0, MAX_BACKLOG.into())),
        ("new-pins.cursor", CharsBetween(1, MAX_CURSOR_CHARS)),
        ("video-upload.content", NotEmpty),
        ("video-upload.file-name", Chars(MAX_FILE_NAME_CHARS)),
        ("media.media-id", Id),
        ("(media-id)", Id),
        (
            "wait-for-media(max-seconds)",
            Range(1, MAX_WAIT_SECONDS.into()),
        ),
        ("api-request(path)", Pattern(API_PATH)),
    ]
}

/// The pattern of a Pinterest id.
pub fn id_pattern() -> String {
    format!("^[0-9]{{1,{MAX_ID_LEN}}}$")
}
