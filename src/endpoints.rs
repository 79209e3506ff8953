//! Every Pinterest API v5 endpoint the connector calls, as Pinterest's API
//! description (5.23.0) gives it: method, path, `operationId`, the scopes of
//! its `pinterest_oauth2` security and its `x-ratelimit-category`. Request
//! URLs and methods, the scopes a missing-scope error names and the
//! manifest all read this one table; adding an endpoint is one entry.

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
}

/// Declares each endpoint as a constant and lists them all in
/// [`ENDPOINTS`].
macro_rules! endpoints {
    ($(
        $(#[$doc:meta])*
        $name:ident: $method:ident $path:literal, $id:literal, [$($scope:literal),*], $category:ident;
    )*) => {
        $(
            $(#[$doc])*
            pub const $name: Endpoint = Endpoint {
                method: Method::$method,
                path: $path,
                operation_id: $id,
                scopes: &[$($scope),*],
                rate_limit_category: RateLimitCategory::$category,
            };
        )*

        /// Every endpoint the connector calls, in the order above.
        pub const ENDPOINTS: &[Endpoint] = &[$($name),*];
    };
}

endpoints! {
    /// Exchanges an authorization code or a refresh token for tokens.
    OAUTH_TOKEN: Post "/v5/oauth/token", "oauth/token", [], OrgRead;
    /// The account a token belongs to.
    USER_ACCOUNT_GET: Get "/v5/user_account", "user_account/get", ["user_accounts:read"], OrgRead;
    /// One page of the account's boards.
    BOARDS_LIST: Get "/v5/boards", "boards/list", ["boards:read"], OrgRead;
    /// One board.
    BOARDS_GET: Get "/v5/boards/{board_id}", "boards/get", ["boards:read"], OrgRead;
    /// Creates a pin.
    PINS_CREATE: Post "/v5/pins", "pins/create", ["boards:read", "boards:write", "pins:read", "pins:write"], OrgWrite;
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
