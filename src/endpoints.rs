//! Every Pinterest API v5 endpoint the connector calls, as Pinterest's API
//! description (5.23.0) gives it: method, path, `operationId`, the scopes of
//! its `pinterest_oauth2` security, its `x-ratelimit-category`, and whether
//! it takes the `ad_account_id` query parameter (Business Access). Request
//! URLs, methods and that parameter, the scopes a missing-scope error names
//! and the manifest all read this one table; adding an endpoint is one
//! entry.

use crate::http::Method;

/// Pinterest's rate-limit categories (`x-ratelimit-category`): the bucket
/// whose limit a call counts against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateLimitCategory {
    /// `org_read`: reads, and the token endpoint.
    OrgRead,
    /// `org_write`: writes.
    OrgWrite,
}

impl RateLimitCategory {
    /// The name in Pinterest's API description and headers.
    pub fn as_str(self) -> &'static str {
        match self {
            RateLimitCategory::OrgRead => "org_read",
            RateLimitCategory::OrgWrite => "org_write",
        }
    }
}

/// One endpoint of Pinterest's API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    /// The request method.
    pub method: Method,
    /// The path below the API origin, with `{name}` for each path
    /// parameter: `/v5/boards/{board_id}`.
    pub path: &'static str,
    /// Pinterest's `operationId`, e.g. `boards/get`.
    pub operation_id: &'static str,
    /// The scopes of its `pinterest_oauth2` security; none for the token
    /// endpoint, which takes the app's Basic credentials instead.
    pub scopes: &'static [&'static str],
    /// Its `x-ratelimit-category`.
    pub rate_limit_category: RateLimitCategory,
    /// Whether it takes Pinterest's `ad_account_id` query parameter, which
    /// every request to it carries when `config.ad-account-id` is set.
    pub ad_account_id: bool,
}

/// Declares each endpoint as a constant and lists them all in
/// [`ENDPOINTS`]. An entry ends with `ad_account_id` when the endpoint takes
/// that query parameter.
macro_rules! endpoints {
    ($(
        $(#[$doc:meta])*
        $name:ident: $method:ident $path:literal, $id:literal, [$($scope:literal),*], $category:ident $(, $ad:ident)?;
    )*) => {
        $(
            $(#[$doc])*
            pub const $name: Endpoint = Endpoint {
                method: Method::$method,
                path: $path,
                operation_id: $id,
                scopes: &[$($scope),*],
                rate_limit_category: RateLimitCategory::$category,
                ad_account_id: takes_ad_account!($($ad)?),
            };
        )*

        /// Every endpoint the connector calls, in the order above.
        pub const ENDPOINTS: &[Endpoint] = &[$($name),*];
    };
}

/// Whether an entry of `endpoints!` is marked `ad_account_id` (any other
/// mark does not compile).
macro_rules! takes_ad_account {
    () => {
        false
    };
    (ad_account_id) => {
        true
    };
}

endpoints! {
    /// Exchanges an authorization code or a refresh token for tokens.
    OAUTH_TOKEN: Post "/v5/oauth/token", "oauth/token", [], OrgRead;
    /// The account a token belongs to.
    USER_ACCOUNT_GET: Get "/v5/user_account", "user_account/get", ["user_accounts:read"], OrgRead, ad_account_id;
    /// One page of the account's boards.
    BOARDS_LIST: Get "/v5/boards", "boards/list", ["boards:read"], OrgRead, ad_account_id;
    /// One board.
    BOARDS_GET: Get "/v5/boards/{board_id}", "boards/get", ["boards:read"], OrgRead, ad_account_id;
    /// Creates a pin.
    PINS_CREATE: Post "/v5/pins", "pins/create", ["boards:read", "boards:write", "pins:read", "pins:write"], OrgWrite, ad_account_id;
    /// Creates a board.
    BOARDS_CREATE: Post "/v5/boards", "boards/create", ["boards:read", "boards:write"], OrgWrite, ad_account_id;
    /// Changes a board.
    BOARDS_UPDATE: Patch "/v5/boards/{board_id}", "boards/update", ["boards:read", "boards:write"], OrgWrite, ad_account_id;
    /// Deletes a board.
    BOARDS_DELETE: Delete "/v5/boards/{board_id}", "boards/delete", ["boards:read", "boards:write"], OrgWrite, ad_account_id;
    /// One page of a board's sections.
    BOARD_SECTIONS_LIST: Get "/v5/boards/{board_id}/sections", "board_sections/list", ["boards:read"], OrgRead, ad_account_id;
    /// Creates a section.
    BOARD_SECTIONS_CREATE: Post "/v5/boards/{board_id}/sections", "board_sections/create", ["boards:read", "boards:write"], OrgWrite, ad_account_id;
    /// Renames a section.
    BOARD_SECTIONS_UPDATE: Patch "/v5/boards/{board_id}/sections/{section_id}", "board_sections/update", ["boards:read", "boards:write"], OrgWrite, ad_account_id;
    /// Deletes a section.
    BOARD_SECTIONS_DELETE: Delete "/v5/boards/{board_id}/sections/{section_id}", "board_sections/delete", ["boards:read", "boards:write"], OrgWrite, ad_account_id;
    /// One page of a board's pins.
    BOARDS_LIST_PINS: Get "/v5/boards/{board_id}/pins", "boards/list_pins", ["boards:read", "pins:read"], OrgRead, ad_account_id;
    /// One page of a section's pins.
    BOARD_SECTIONS_LIST_PINS: Get "/v5/boards/{board_id}/sections/{section_id}/pins", "board_sections/list_pins", ["boards:read", "pins:read"], OrgRead, ad_account_id;
    /// One page of the account's pins.
    PINS_LIST: Get "/v5/pins", "pins/list", ["boards:read", "pins:read"], OrgRead, ad_account_id;
    /// One pin.
    PINS_GET: Get "/v5/pins/{pin_id}", "pins/get", ["boards:read", "pins:read"], OrgRead, ad_account_id;
    /// Changes a pin.
    PINS_UPDATE: Patch "/v5/pins/{pin_id}", "pins/update", ["boards:read", "boards:write", "pins:read", "pins:write"], OrgWrite, ad_account_id;
    /// Deletes a pin.
    PINS_DELETE: Delete "/v5/pins/{pin_id}", "pins/delete", ["boards:read", "boards:write", "pins:read", "pins:write"], OrgWrite, ad_account_id;
    /// Saves a pin to a board.
    PINS_SAVE: Post "/v5/pins/{pin_id}/save", "pins/save", ["boards:read", "boards:write", "pins:read", "pins:write"], OrgWrite, ad_account_id;
    /// Registers a media upload: answers with the upload URL and its form
    /// fields.
    MEDIA_CREATE: Post "/v5/media", "media/create", ["pins:read", "pins:write"], OrgWrite;
    /// One media upload and its status.
    MEDIA_GET: Get "/v5/media/{media_id}", "media/get", ["pins:read"], OrgRead;
    /// One page of the account's media uploads.
    MEDIA_LIST: Get "/v5/media", "media/list", ["pins:read"], OrgRead;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_endpoint_is_below_v5_once() {
        for (i, endpoint) in ENDPOINTS.iter().enumerate() {
            assert!(endpoint.path.starts_with("/v5/"), "{}", endpoint.path);
            let later = ENDPOINTS.get(i + 1..).unwrap_or_default();
            assert!(
                later
                    .iter()
                    .all(|e| e.operation_id != endpoint.operation_id),
                "{} twice",
                endpoint.operation_id
            );
        }
    }
}
