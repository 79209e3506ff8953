//! The operations of the `connector` interface as the manifest lists them:
//! parameters and result as schema data, and what Pinterest's API
//! description (5.23.0) says of the endpoint each one calls — its
//! `operationId`, `security` scopes and `x-ratelimit-category`.

use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use super::schema::{Field, Object, STRING, Schema, Ty};
use super::types::{
    AUTHORIZATION, BOARD, BOARD_PAGE, CONFIG, ID, LIST_BOARDS_QUERY, MAX_BOARDS_TY,
    OPT_BOARD_PRIVACY_FILTER, PIN, PIN_INPUT, SECRET, SECURE_URI, STRINGS, TOKEN_SET, TOKEN_STATE,
    USER_ACCOUNT,
};

/// The endpoint an operation calls.
#[derive(Debug)]
pub struct Endpoint {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// The path, e.g. `/v5/boards/{board_id}`.
    pub path: &'static str,
    /// Pinterest's `operationId`.
    pub operation_id: &'static str,
    /// The scopes of its `security` (none for the token endpoint, which
    /// takes the app's Basic credentials).
    pub scopes: &'static [&'static str],
    /// Its `x-ratelimit-category`.
    pub rate_limit_category: &'static str,
}

/// One exported function.
#[derive(Debug)]
pub struct Operation {
    /// The WIT name.
    pub name: &'static str,
    /// A label for a UI.
    pub title: &'static str,
    /// What it does.
    pub description: &'static str,
    /// The parameters, in order.
    pub params: &'static [Field],
    /// The value returned on success.
    pub output: &'static Ty,
    /// Whether it returns `result<_, error>`.
    pub fails: bool,
    /// The endpoint it calls; none for the operations that make no request.
    pub endpoint: Option<Endpoint>,
}

const CONFIG_PARAM: Field = Field {
    name: "config",
    doc: "The app's credentials and the API to reach.",
    ty: &CONFIG,
};
const ACCESS_TOKEN: Field = Field {
    name: "access-token",
    doc: "The user's access token.",
    ty: &SECRET,
};
const REDIRECT_URI: Field = Field {
    name: "redirect-uri",
    doc: "The redirect URI registered for the app, exactly (trailing slash included).",
    ty: &SECURE_URI,
};

static OPT_SCOPE_LIST: Ty = Ty::Option(&STRINGS);
static OPT_STATE: Ty = Ty::Option(&STRING);
static OPT_MAX_BOARDS: Ty = Ty::Option(&MAX_BOARDS_TY);

/// The token endpoint, which `exchange` and `refresh` both call.
const TOKEN_ENDPOINT: Endpoint = Endpoint {
    method: "POST",
    path: "/v5/oauth/token",
    operation_id: "oauth/token",
    scopes: &[],
    rate_limit_category: "org_read",
};
/// A page of boards, which `list-boards` and `list-all-boards` both fetch.
const LIST_BOARDS_ENDPOINT: Endpoint = Endpoint {
    method: "GET",
    path: "/v5/boards",
    operation_id: "boards/list",
    scopes: READ_BOARDS,
    rate_limit_category: "org_read",
};
const READ_BOARDS: &[&str] = &["boards:read"];

/// Every operation, in the WIT's order (`describe` itself excepted).
pub static OPERATIONS: [Operation; 9] = [
    Operation {
        name: "authorize",
        title: "Authorize",
        description: "Builds the consent-page URL to send the user to. No HTTP call.",
        params: &[
            CONFIG_PARAM,
            REDIRECT_URI,
            Field {
                name: "scopes",
                doc: "Pinterest v5 scopes; empty asks for the default scopes.",
                ty: &STRINGS,
            },
            Field {
                name: "state",
                doc: "The OAuth state; without it, 128 random bits are generated.",
                ty: &OPT_STATE,
            },
        ],
        output: &AUTHORIZATION,
        fails: true,
        endpoint: None,
    },
    Operation {
        name: "exchange",
        title: "Exchange the code",
        description: "Exchanges the code from the redirect for tokens. Codes are single-use.",
        params: &[
            CONFIG_PARAM,
            Field {
                name: "code",
                doc: "The code Pinterest sent to the redirect URI.",
                ty: &SECRET,
            },
            REDIRECT_URI,
        ],
        output: &TOKEN_SET,
        fails: true,
        endpoint: Some(TOKEN_ENDPOINT),
    },
    Operation {
        name: "refresh",
        title: "Refresh the tokens",
        description: "Gets a new access token. Store the returned set in place of the old one: the refresh token rotates.",
        params: &[
            CONFIG_PARAM,
            Field {
                name: "refresh-token",
                doc: "The current refresh token.",
                ty: &SECRET,
            },
            Field {
                name: "scopes",
                doc: "Narrows the grant; absent keeps it.",
                ty: &OPT_SCOPE_LIST,
            },
        ],
        output: &TOKEN_SET,
        fails: true,
        endpoint: Some(TOKEN_ENDPOINT),
    },
    Operation {
        name: "token-status",
        title: "Token status",
        description: "Whether stored tokens are fresh, due for refresh (7 days ahead) or dead. No HTTP call.",
        params: &[Field {
            name: "tokens",
            doc: "The stored token set.",
            ty: &TOKEN_SET,
        }],
        output: &TOKEN_STATE,
        fails: false,
        endpoint: None,
    },
    Operation {
        name: "get-user-account",
        title: "Get the user account",
        description: "The account the token belongs to: what a Test credentials button calls.",
        params: &[CONFIG_PARAM, ACCESS_TOKEN],
        output: &USER_ACCOUNT,
        fails: true,
        endpoint: Some(Endpoint {
            method: "GET",
            path: "/v5/user_account",
            operation_id: "user_account/get",
            scopes: &["user_accounts:read"],
            rate_limit_category: "org_read",
        }),
    },
    Operation {
        name: "list-boards",
        title: "List boards",
        description: "One page of the account's boards; follow bookmark for the next. Secret boards also need boards:read_secret.",
        params: &[
            CONFIG_PARAM,
            ACCESS_TOKEN,
            Field {
                name: "query",
                doc: "Which page, how many, which boards.",
                ty: &LIST_BOARDS_QUERY,
            },
        ],
        output: &BOARD_PAGE,
        fails: true,
        endpoint: Some(LIST_BOARDS_ENDPOINT),
    },
    Operation {
        name: "list-all-boards",
        title: "List all boards",
        description: "Every board, following bookmarks in pages of 250, up to max-boards (default 1000).",
        params: &[
            CONFIG_PARAM,
            ACCESS_TOKEN,
            Field {
                name: "privacy",
                doc: "Which boards to list; absent lists all.",
                ty: &OPT_BOARD_PRIVACY_FILTER,
            },
            Field {
                name: "max-boards",
                doc: "Most boards to return, 1 to 10000 (default 1000).",
                ty: &OPT_MAX_BOARDS,
            },
        ],
        output: &BOARD_PAGE,
        fails: true,
        endpoint: Some(LIST_BOARDS_ENDPOINT),
    },
    Operation {
        name: "get-board",
        title: "Get a board",
        description: "One board by id: checks a Board ID before pins are sent to it.",
        params: &[
            CONFIG_PARAM,
            ACCESS_TOKEN,
            Field {
                name: "board-id",
                doc: "The board (decimal id).",
                ty: &ID,
            },
        ],
        output: &BOARD,
        fails: true,
        endpoint: Some(Endpoint {
            method: "GET",
            path: "/v5/boards/{board_id}",
            operation_id: "boards/get",
            scopes: READ_BOARDS,
            rate_limit_category: "org_read",
        }),
    },
    Operation {
        name: "create-pin",
        title: "Create a pin",
        description: "Creates a pin on a board. Trial-access apps must use the sandbox environment.",
        params: &[
            CONFIG_PARAM,
            ACCESS_TOKEN,
            Field {
                name: "pin",
                doc: "The pin to create.",
                ty: &PIN_INPUT,
            },
        ],
        output: &PIN,
        fails: true,
        endpoint: Some(Endpoint {
            method: "POST",
            path: "/v5/pins",
            operation_id: "pins/create",
            scopes: &["boards:read", "boards:write", "pins:read", "pins:write"],
            rate_limit_category: "org_write",
        }),
    },
];

impl Serialize for Operation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("name", self.name)?;
        map.serialize_entry("title", self.title)?;
        map.serialize_entry("description", self.description)?;
        let endpoint = self.endpoint.as_ref();
        map.serialize_entry("http", &endpoint.map(|e| Http(e.method, e.path)))?;
        map.serialize_entry("operationId", &endpoint.map(|e| e.operation_id))?;
        map.serialize_entry("scopes", endpoint.map_or(&[][..], |e| e.scopes))?;
        map.serialize_entry(
            "rateLimitCategory",
            &endpoint.map(|e| e.rate_limit_category),
        )?;
        map.serialize_entry("params", &Params(self.params))?;
        map.serialize_entry("input", &Object(self.params))?;
        map.serialize_entry("output", &Schema(self.output))?;
        map.serialize_entry("fails", &self.fails)?;
        map.end()
    }
}

/// `{"method": …, "path": …}`.
struct Http(&'static str, &'static str);

impl Serialize for Http {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("method", self.0)?;
        map.serialize_entry("path", self.1)?;
        map.end()
    }
}

/// The parameter names, in order.
struct Params(&'static [Field]);

impl Serialize for Params {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|f| f.name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_without_a_request_have_no_category() {
        for op in &OPERATIONS {
            let described = serde_json::to_value(op).unwrap();
            assert_eq!(
                described["http"].is_null(),
                described["rateLimitCategory"].is_null(),
                "{}",
                op.name
            );
        }
    }
}
