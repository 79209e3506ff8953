//! The contract's types (`wit/types.wit`) as schema data, with the limits
//! the connector checks before sending anything. A test in `host-tests`
//! compares every type here with the WIT itself.

use super::schema::{Case, Field, Int, IntKind, S32, STRING, Text, Ty, U16, U32, VariantCase};
use crate::boards::MAX_BOARDS;
use crate::boards::MAX_PAGE_SIZE;
use crate::pins::MIN_ITEMS;
use crate::pins::{MAX_ALT_TEXT, MAX_DESCRIPTION, MAX_ITEMS, MAX_LINK, MAX_MEDIA_URL, MAX_TITLE};
use crate::validate::MAX_URL_LEN;

const fn text(max_chars: usize) -> Text {
    Text {
        max_chars: Some(max_chars as u64),
        ..Text::ANY
    }
}

/// A Pinterest id: 1 to 32 decimal digits.
pub static ID: Ty = Ty::Str(Text {
    pattern: Some("^[0-9]{1,32}$"),
    ..Text::ANY
});
/// A credential: masked in a UI, never logged.
pub static SECRET: Ty = Ty::Str(Text {
    secret: true,
    ..Text::ANY
});
/// An absolute URL.
pub static URI: Ty = Ty::Str(Text {
    format: Some("uri"),
    ..Text::ANY
});
/// An absolute URL for an override or a redirect URI (at most 2048).
pub static SECURE_URI: Ty = Ty::Str(Text {
    format: Some("uri"),
    ..text(MAX_URL_LEN)
});
/// A media URL Pinterest fetches.
static MEDIA_URI: Ty = Ty::Str(Text {
    format: Some("uri"),
    ..text(MAX_MEDIA_URL)
});
/// A pin's destination link.
static LINK: Ty = Ty::Str(Text {
    format: Some("uri"),
    ..text(MAX_LINK)
});
static TITLE: Ty = Ty::Str(text(MAX_TITLE));
static DESCRIPTION: Ty = Ty::Str(text(MAX_DESCRIPTION));
static ALT_TEXT: Ty = Ty::Str(text(MAX_ALT_TEXT));
static COLOR: Ty = Ty::Str(Text {
    pattern: Some("^#[0-9A-Fa-f]{6}$"),
    ..Text::ANY
});
static BASE64: Ty = Ty::Str(Text {
    pattern: Some("^[A-Za-z0-9+/]+={0,2}$"),
    ..Text::ANY
});
static DATE_TIME: Ty = Ty::Str(Text {
    format: Some("date-time"),
    ..Text::ANY
});
/// Unix seconds.
static TIME: Ty = U32;
/// A list of strings (scopes).
pub static STRINGS: Ty = Ty::List {
    item: &STRING,
    min: None,
    max: None,
};
/// Boards per page, 1 to 250.
pub static PAGE_SIZE: Ty = Ty::Int(Int {
    kind: IntKind::U32,
    min: 1,
    max: MAX_PAGE_SIZE as i64,
});
/// The cap of `list-all-boards`, 1 to 10000.
pub static MAX_BOARDS_TY: Ty = Ty::Int(Int {
    kind: IntKind::U32,
    min: 1,
    max: MAX_BOARDS as i64,
});

const fn opt(ty: &'static Ty) -> Ty {
    Ty::Option(ty)
}

static OPT_STRING: Ty = opt(&STRING);
static OPT_ID: Ty = opt(&ID);
static OPT_U32: Ty = opt(&U32);
static OPT_U16: Ty = opt(&U16);
static OPT_S32: Ty = opt(&S32);
static OPT_BOOL: Ty = opt(&Ty::Bool);
static OPT_URI: Ty = opt(&URI);
static OPT_SECURE_URI: Ty = opt(&SECURE_URI);
static OPT_SECRET: Ty = opt(&SECRET);
static OPT_TIME: Ty = opt(&TIME);
static OPT_TITLE: Ty = opt(&TITLE);
static OPT_DESCRIPTION: Ty = opt(&DESCRIPTION);
static OPT_LINK: Ty = opt(&LINK);
static OPT_DATE_TIME: Ty = opt(&DATE_TIME);

/// `environment`.
pub static ENVIRONMENT: Ty = Ty::Enum(&[
    Case {
        name: "production",
        doc: "https://api.pinterest.com: real boards and pins.",
    },
    Case {
        name: "sandbox",
        doc: "https://api-sandbox.pinterest.com: where Trial-access apps create pins.",
    },
]);

/// `config`.
pub static CONFIG: Ty = Ty::Record(&[
    Field {
        name: "client-id",
        doc: "The app's id (App ID in the Pinterest developer portal).",
        ty: &STRING,
    },
    Field {
        name: "client-secret",
        doc: "The app's secret key; sent only to the token endpoint.",
        ty: &SECRET,
    },
    Field {
        name: "environment",
        doc: "Production or sandbox.",
        ty: &ENVIRONMENT,
    },
    Field {
        name: "api-base-url",
        doc: "Replaces the API origin (proxies, test servers): https, or http on a loopback host.",
        ty: &OPT_SECURE_URI,
    },
    Field {
        name: "authorize-url",
        doc: "Replaces the consent page https://www.pinterest.com/oauth/ (test servers).",
        ty: &OPT_SECURE_URI,
    },
]);

/// `authorization`.
pub static AUTHORIZATION: Ty = Ty::Record(&[
    Field {
        name: "url",
        doc: "The consent page to send the user to.",
        ty: &URI,
    },
    Field {
        name: "state",
        doc: "The state in the URL: compare it with the one the redirect brings back.",
        ty: &STRING,
    },
]);

/// `token-set`.
pub static TOKEN_SET: Ty = Ty::Record(&[
    Field {
        name: "access-token",
        doc: "Bearer token for API calls (about 30 days).",
        ty: &SECRET,
    },
    Field {
        name: "token-type",
        doc: "Always bearer.",
        ty: &STRING,
    },
    Field {
        name: "scopes",
        doc: "Scopes Pinterest granted.",
        ty: &STRINGS,
    },
    Field {
        name: "expires-at",
        doc: "When the access token expires (unix seconds).",
        ty: &TIME,
    },
    Field {
        name: "refresh-token",
        doc: "Token for refresh (about 60 days; each refresh returns a new one).",
        ty: &OPT_SECRET,
    },
    Field {
        name: "refresh-token-expires-at",
        doc: "When the refresh token expires (unix seconds).",
        ty: &OPT_TIME,
    },
]);

/// `token-state`.
pub static TOKEN_STATE: Ty = Ty::Enum(&[
    Case {
        name: "fresh",
        doc: "Use the access token as it is.",
    },
    Case {
        name: "refresh-due",
        doc: "Call refresh now.",
    },
    Case {
        name: "reauthorize",
        doc: "Send the user through authorize again.",
    },
]);

static ACCOUNT_TYPE: Ty = Ty::Enum(&[
    Case {
        name: "business",
        doc: "A business account.",
    },
    Case {
        name: "pinner",
        doc: "A personal account.",
    },
]);
static OPT_ACCOUNT_TYPE: Ty = opt(&ACCOUNT_TYPE);

/// `user-account`.
pub static USER_ACCOUNT: Ty = Ty::Record(&[
    Field {
        name: "id",
        doc: "Account id.",
        ty: &OPT_STRING,
    },
    Field {
        name: "username",
        doc: "Username.",
        ty: &OPT_STRING,
    },
    Field {
        name: "account-type",
        doc: "Business or personal.",
        ty: &OPT_ACCOUNT_TYPE,
    },
    Field {
        name: "business-name",
        doc: "Business name.",
        ty: &OPT_STRING,
    },
    Field {
        name: "profile-image",
        doc: "Profile picture URL.",
        ty: &OPT_STRING,
    },
    Field {
        name: "website-url",
        doc: "Website shown on the profile.",
        ty: &OPT_STRING,
    },
    Field {
        name: "board-count",
        doc: "Number of boards.",
        ty: &OPT_U32,
    },
    Field {
        name: "pin-count",
        doc: "Number of pins.",
        ty: &OPT_U32,
    },
    Field {
        name: "follower-count",
        doc: "Number of followers.",
        ty: &OPT_U32,
    },
    Field {
        name: "following-count",
        doc: "Number of accounts followed.",
        ty: &OPT_U32,
    },
    Field {
        name: "monthly-views",
        doc: "Monthly views.",
        ty: &OPT_U32,
    },
]);

static BOARD_PRIVACY: Ty = Ty::Enum(&[
    Case {
        name: "public",
        doc: "Everyone.",
    },
    Case {
        name: "protected",
        doc: "Only the owner (ad-only boards).",
    },
    Case {
        name: "secret",
        doc: "The owner and collaborators.",
    },
]);

/// `board-privacy-filter`.
pub static BOARD_PRIVACY_FILTER: Ty = Ty::Enum(&[
    Case {
        name: "all",
        doc: "All boards the token may see.",
    },
    Case {
        name: "public",
        doc: "Public boards only.",
    },
    Case {
        name: "protected",
        doc: "Protected boards only.",
    },
    Case {
        name: "secret",
        doc: "Secret boards only (needs boards:read_secret).",
    },
    Case {
        name: "public-and-secret",
        doc: "Public and secret boards (needs boards:read_secret).",
    },
]);
/// `option<board-privacy-filter>`.
pub static OPT_BOARD_PRIVACY_FILTER: Ty = opt(&BOARD_PRIVACY_FILTER);

/// `board`.
pub static BOARD: Ty = Ty::Record(&[
    Field {
        name: "id",
        doc: "Board id: what create-pin takes as board-id.",
        ty: &ID,
    },
    Field {
        name: "name",
        doc: "Board name.",
        ty: &STRING,
    },
    Field {
        name: "description",
        doc: "Board description.",
        ty: &OPT_STRING,
    },
    Field {
        name: "privacy",
        doc: "Who can see the board.",
        ty: &BOARD_PRIVACY,
    },
    Field {
        name: "owner-username",
        doc: "Username of the board's owner.",
        ty: &OPT_STRING,
    },
    Field {
        name: "pin-count",
        doc: "Number of pins.",
        ty: &OPT_U32,
    },
    Field {
        name: "follower-count",
        doc: "Number of followers.",
        ty: &OPT_U32,
    },
    Field {
        name: "collaborator-count",
        doc: "Number of collaborators (group boards have more than zero).",
        ty: &OPT_U32,
    },
    Field {
        name: "is-ads-only",
        doc: "Whether the board holds only ad-only pins.",
        ty: &OPT_BOOL,
    },
    Field {
        name: "created-at",
        doc: "Creation time, RFC 3339 in UTC.",
        ty: &OPT_DATE_TIME,
    },
    Field {
        name: "cover-image-url",
        doc: "Cover image URL.",
        ty: &OPT_STRING,
    },
]);

static BOARDS: Ty = Ty::List {
    item: &BOARD,
    min: None,
    max: None,
};

/// `board-page`.
pub static BOARD_PAGE: Ty = Ty::Record(&[
    Field {
        name: "items",
        doc: "The boards on this page.",
        ty: &BOARDS,
    },
    Field {
        name: "bookmark",
        doc: "Pass it as bookmark for the next page; absent on the last one.",
        ty: &OPT_STRING,
    },
]);

static OPT_PAGE_SIZE: Ty = opt(&PAGE_SIZE);

/// `list-boards-query`.
pub static LIST_BOARDS_QUERY: Ty = Ty::Record(&[
    Field {
        name: "bookmark",
        doc: "The bookmark of the previous page; absent for the first page.",
        ty: &OPT_STRING,
    },
    Field {
        name: "page-size",
        doc: "Boards per page, 1 to 250 (Pinterest's default is 25).",
        ty: &OPT_PAGE_SIZE,
    },
    Field {
        name: "privacy",
        doc: "Which boards to list; absent lists all.",
        ty: &OPT_BOARD_PRIVACY_FILTER,
    },
]);

static IMAGE_CONTENT_TYPE: Ty = Ty::Enum(&[
    Case {
        name: "jpeg",
        doc: "image/jpeg.",
    },
    Case {
        name: "png",
        doc: "image/png.",
    },
]);

static IMAGE_DATA: Ty = Ty::Record(&[
    Field {
        name: "content-type",
        doc: "JPEG or PNG.",
        ty: &IMAGE_CONTENT_TYPE,
    },
    Field {
        name: "data",
        doc: "The image bytes in standard base64 (no line breaks, no data: prefix).",
        ty: &BASE64,
    },
]);

const ITEM_TITLE: Field = Field {
    name: "title",
    doc: "Title of this image.",
    ty: &OPT_TITLE,
};
const ITEM_DESCRIPTION: Field = Field {
    name: "description",
    doc: "Description of this image.",
    ty: &OPT_DESCRIPTION,
};
const ITEM_LINK: Field = Field {
    name: "link",
    doc: "Destination link of this image.",
    ty: &OPT_LINK,
};

static IMAGE_URL_ITEM: Ty = Ty::Record(&[
    Field {
        name: "url",
        doc: "Public URL Pinterest fetches the image from.",
        ty: &MEDIA_URI,
    },
    ITEM_TITLE,
    ITEM_DESCRIPTION,
    ITEM_LINK,
]);

static IMAGE_DATA_ITEM: Ty = Ty::Record(&[
    Field {
        name: "image",
        doc: "The image.",
        ty: &IMAGE_DATA,
    },
    ITEM_TITLE,
    ITEM_DESCRIPTION,
    ITEM_LINK,
]);

const ITEM_INDEX: Field = Field {
    name: "index",
    doc: "Which image is shown first (0-based).",
    ty: &OPT_U32,
};

static IMAGE_URL_ITEMS: Ty = Ty::List {
    item: &IMAGE_URL_ITEM,
    min: Some(MIN_ITEMS as u64),
    max: Some(MAX_ITEMS as u64),
};
static IMAGE_DATA_ITEMS: Ty = Ty::List {
    item: &IMAGE_DATA_ITEM,
    min: Some(MIN_ITEMS as u64),
    max: Some(MAX_ITEMS as u64),
};

static IMAGE_URLS: Ty = Ty::Record(&[
    Field {
        name: "items",
        doc: "The images, 2 to 5.",
        ty: &IMAGE_URL_ITEMS,
    },
    ITEM_INDEX,
]);

static IMAGES_DATA: Ty = Ty::Record(&[
    Field {
        name: "items",
        doc: "The images, 2 to 5.",
        ty: &IMAGE_DATA_ITEMS,
    },
    ITEM_INDEX,
]);

static VIDEO_COVER: Ty = Ty::Variant(&[
    VariantCase {
        name: "url",
        doc: "A public image URL.",
        payload: Some(&MEDIA_URI),
    },
    VariantCase {
        name: "image",
        doc: "Image data.",
        payload: Some(&IMAGE_DATA),
    },
    VariantCase {
        name: "key-frame-seconds",
        doc: "A frame of the video, this many seconds in.",
        payload: Some(&U32),
    },
]);

static VIDEO: Ty = Ty::Record(&[
    Field {
        name: "media-id",
        doc: "The media_id of a video uploaded beforehand.",
        ty: &ID,
    },
    Field {
        name: "cover",
        doc: "The cover image.",
        ty: &VIDEO_COVER,
    },
]);

static MEDIA_SOURCE: Ty = Ty::Variant(&[
    VariantCase {
        name: "image-url",
        doc: "One image Pinterest fetches from a public URL.",
        payload: Some(&MEDIA_URI),
    },
    VariantCase {
        name: "image-data",
        doc: "One image given as data.",
        payload: Some(&IMAGE_DATA),
    },
    VariantCase {
        name: "image-urls",
        doc: "A multi-image pin from 2 to 5 URLs.",
        payload: Some(&IMAGE_URLS),
    },
    VariantCase {
        name: "images-data",
        doc: "A multi-image pin from 2 to 5 images given as data.",
        payload: Some(&IMAGES_DATA),
    },
    VariantCase {
        name: "video",
        doc: "A video pin.",
        payload: Some(&VIDEO),
    },
]);

/// `pin-input`.
pub static PIN_INPUT: Ty = Ty::Record(&[
    Field {
        name: "board-id",
        doc: "The board (decimal id, from list-boards).",
        ty: &ID,
    },
    Field {
        name: "board-section-id",
        doc: "A section of that board (decimal id).",
        ty: &OPT_ID,
    },
    Field {
        name: "media",
        doc: "The image(s) or video.",
        ty: &MEDIA_SOURCE,
    },
    Field {
        name: "title",
        doc: "Title, at most 100 characters.",
        ty: &OPT_TITLE,
    },
    Field {
        name: "description",
        doc: "Description, at most 800 characters.",
        ty: &OPT_DESCRIPTION,
    },
    Field {
        name: "link",
        doc: "Destination link: an http(s) URL of at most 2048 characters.",
        ty: &OPT_LINK,
    },
    Field {
        name: "alt-text",
        doc: "Alternative text for screen readers, at most 500 characters.",
        ty: &opt(&ALT_TEXT),
    },
    Field {
        name: "dominant-color",
        doc: "Dominant color as #RRGGBB.",
        ty: &opt(&COLOR),
    },
    Field {
        name: "parent-pin-id",
        doc: "The pin this one was saved from (decimal id).",
        ty: &OPT_ID,
    },
]);

/// `pin`.
pub static PIN: Ty = Ty::Record(&[
    Field {
        name: "id",
        doc: "Pin id.",
        ty: &ID,
    },
    Field {
        name: "url",
        doc: "The pin's page.",
        ty: &URI,
    },
    Field {
        name: "board-id",
        doc: "The board the pin is on.",
        ty: &OPT_STRING,
    },
    Field {
        name: "board-section-id",
        doc: "The board section, if any.",
        ty: &OPT_STRING,
    },
    Field {
        name: "board-owner-username",
        doc: "Username of the board's owner.",
        ty: &OPT_STRING,
    },
    Field {
        name: "title",
        doc: "Title.",
        ty: &OPT_STRING,
    },
    Field {
        name: "description",
        doc: "Description.",
        ty: &OPT_STRING,
    },
    Field {
        name: "link",
        doc: "Destination link.",
        ty: &OPT_STRING,
    },
    Field {
        name: "alt-text",
        doc: "Alternative text.",
        ty: &OPT_STRING,
    },
    Field {
        name: "dominant-color",
        doc: "Dominant color.",
        ty: &OPT_STRING,
    },
    Field {
        name: "parent-pin-id",
        doc: "The pin this one was saved from.",
        ty: &OPT_STRING,
    },
    Field {
        name: "created-at",
        doc: "Creation time, RFC 3339 in UTC.",
        ty: &OPT_DATE_TIME,
    },
    Field {
        name: "media-type",
        doc: "image, video, multiple_images, … as Pinterest reported it.",
        ty: &OPT_STRING,
    },
    Field {
        name: "image-url",
        doc: "URL of the largest image rendition.",
        ty: &OPT_URI,
    },
]);

static FAILURE: Ty = Ty::Record(&[
    Field {
        name: "summary",
        doc: "What went wrong, in one sentence.",
        ty: &STRING,
    },
    Field {
        name: "remedy",
        doc: "What to do about it.",
        ty: &STRING,
    },
    Field {
        name: "status",
        doc: "The HTTP status, when a response arrived.",
        ty: &OPT_U16,
    },
    Field {
        name: "code",
        doc: "Pinterest's error code, when the body had one.",
        ty: &OPT_S32,
    },
    Field {
        name: "message",
        doc: "Pinterest's error message, when the body had one.",
        ty: &OPT_STRING,
    },
    Field {
        name: "retryable",
        doc: "Whether the same call may succeed if retried later unchanged.",
        ty: &Ty::Bool,
    },
]);

const FAILURE_FIELD: Field = Field {
    name: "failure",
    doc: "Details.",
    ty: &FAILURE,
};

static INVALID_INPUT: Ty = Ty::Record(&[
    Field {
        name: "field",
        doc: "The offending field, e.g. pin.title.",
        ty: &STRING,
    },
    Field {
        name: "reason",
        doc: "Why, naming the limit.",
        ty: &STRING,
    },
]);

static MISSING_SCOPE: Ty = Ty::Record(&[
    FAILURE_FIELD,
    Field {
        name: "required",
        doc: "Scopes the operation needs.",
        ty: &STRINGS,
    },
]);

static RATE_LIMIT: Ty = Ty::Record(&[
    FAILURE_FIELD,
    Field {
        name: "limit",
        doc: "x-ratelimit-limit, when present.",
        ty: &OPT_U32,
    },
    Field {
        name: "remaining",
        doc: "x-ratelimit-remaining, when present.",
        ty: &OPT_U32,
    },
    Field {
        name: "reset-seconds",
        doc: "Seconds until the limit resets, when present.",
        ty: &OPT_U32,
    },
    Field {
        name: "retry-after-seconds",
        doc: "Seconds to wait before retrying, when present.",
        ty: &OPT_U32,
    },
]);

static GRANT_PROBLEM: Ty = Ty::Enum(&[
    Case {
        name: "invalid-client",
        doc: "The app id or secret is wrong.",
    },
    Case {
        name: "invalid-code",
        doc: "The code is wrong, expired or already used.",
    },
    Case {
        name: "redirect-uri-mismatch",
        doc: "The redirect URI differs from the one used or registered.",
    },
    Case {
        name: "invalid-refresh-token",
        doc: "The refresh token is expired, revoked or already rotated.",
    },
    Case {
        name: "other",
        doc: "Another refusal; see the message.",
    },
]);

static GRANT_REJECTED: Ty = Ty::Record(&[
    FAILURE_FIELD,
    Field {
        name: "problem",
        doc: "The specific problem.",
        ty: &GRANT_PROBLEM,
    },
]);

static TRANSPORT_PROBLEM: Ty = Ty::Enum(&[
    Case {
        name: "denied",
        doc: "The host's policy refused the request.",
    },
    Case {
        name: "timeout",
        doc: "No response in time.",
    },
    Case {
        name: "connection",
        doc: "Connection, DNS, TLS or protocol failure.",
    },
]);

static TRANSPORT_FAILURE: Ty = Ty::Record(&[
    FAILURE_FIELD,
    Field {
        name: "problem",
        doc: "The specific problem.",
        ty: &TRANSPORT_PROBLEM,
    },
]);

static UNEXPECTED_RESPONSE: Ty = Ty::Record(&[
    FAILURE_FIELD,
    Field {
        name: "excerpt",
        doc: "The start of the body (at most 200 characters, secrets redacted).",
        ty: &STRING,
    },
]);

/// `error`.
pub static ERROR: Ty = Ty::Variant(&[
    VariantCase {
        name: "invalid-input",
        doc: "Bad input, rejected before any HTTP call.",
        payload: Some(&INVALID_INPUT),
    },
    VariantCase {
        name: "unauthorized",
        doc: "The access token is invalid or expired: refresh, then re-authorize.",
        payload: Some(&FAILURE),
    },
    VariantCase {
        name: "missing-scope",
        doc: "The token lacks a scope.",
        payload: Some(&MISSING_SCOPE),
    },
    VariantCase {
        name: "trial-access",
        doc: "A Trial-access app writing to production: use the sandbox.",
        payload: Some(&FAILURE),
    },
    VariantCase {
        name: "forbidden",
        doc: "The account may not do this.",
        payload: Some(&FAILURE),
    },
    VariantCase {
        name: "not-found",
        doc: "The board, section, pin or media does not exist.",
        payload: Some(&FAILURE),
    },
    VariantCase {
        name: "bad-request",
        doc: "Pinterest rejected the request's content.",
        payload: Some(&FAILURE),
    },
    VariantCase {
        name: "rate-limited",
        doc: "Too many requests; retry later.",
        payload: Some(&RATE_LIMIT),
    },
    VariantCase {
        name: "grant-rejected",
        doc: "The token endpoint refused the code or refresh token.",
        payload: Some(&GRANT_REJECTED),
    },
    VariantCase {
        name: "upstream-unavailable",
        doc: "Pinterest is having trouble; retry with backoff.",
        payload: Some(&FAILURE),
    },
    VariantCase {
        name: "transport",
        doc: "The host's http.send failed.",
        payload: Some(&TRANSPORT_FAILURE),
    },
    VariantCase {
        name: "unexpected-response",
        doc: "A response of an unexpected shape.",
        payload: Some(&UNEXPECTED_RESPONSE),
    },
]);
