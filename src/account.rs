//! The user account a token belongs to.

use serde::Deserialize;

use crate::body;
use crate::config::Config;
use crate::endpoints;
use crate::error::Error;
use crate::http::{Request, Response};
use crate::json;
use crate::operation::Operation;
use crate::request;
use crate::secret::AccessToken;

/// Business or personal account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccountType {
    /// `BUSINESS`.
    Business,
    /// `PINNER`.
    Pinner,
}

/// The account a token belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserAccount {
    /// Account id.
    pub id: Option<String>,
    /// Username.
    pub username: Option<String>,
    /// Account type, when Pinterest reports a known one.
    pub account_type: Option<AccountType>,
    /// Business name.
    pub business_name: Option<String>,
    /// Profile picture URL.
    pub profile_image: Option<String>,
    /// Website.
    pub website_url: Option<String>,
    /// Boards.
    pub board_count: Option<u32>,
    /// Pins.
    pub pin_count: Option<u32>,
    /// Followers.
    pub follower_count: Option<u32>,
    /// Accounts followed.
    pub following_count: Option<u32>,
    /// Monthly views.
    pub monthly_views: Option<u32>,
}

/// `GET /v5/user_account`.
pub fn request(config: &Config, access_token: &AccessToken) -> Result<Request, Error> {
    request::api(
        config,
        &endpoints::USER_ACCOUNT_GET,
        &[],
        &[],
        access_token,
        None,
    )
}

/// Pinterest's `Account`: the fields that say whose account it is (id,
/// username) read strictly, the rest leniently (see `docs/parsing.md`).
#[derive(Debug, Deserialize)]
struct AccountBody {
    #[serde(default, deserialize_with = "json::optional_id")]
    id: Option<String>,
    #[serde(default, deserialize_with = "json::strict_text")]
    username: Option<String>,
    #[serde(default, deserialize_with = "json::text")]
    account_type: Option<String>,
    #[serde(default, deserialize_with = "json::text")]
    business_name: Option<String>,
    #[serde(default, deserialize_with = "json::text")]
    profile_image: Option<String>,
    #[serde(default, deserialize_with = "json::text")]
    website_url: Option<String>,
    #[serde(default, deserialize_with = "json::count")]
    board_count: Option<u32>,
    #[serde(default, deserialize_with = "json::count")]
    pin_count: Option<u32>,
    #[serde(default, deserialize_with = "json::count")]
    follower_count: Option<u32>,
    #[serde(default, deserialize_with = "json::count")]
    following_count: Option<u32>,
    #[serde(default, deserialize_with = "json::count")]
    monthly_views: Option<u32>,
}

/// Reads the account.
pub fn parse(response: &Response, body: &[u8]) -> Result<UserAccount, Error> {
    let op = Operation::UserAccount;
    let parsed: AccountBody = body::parse_json(op, response, body)?;
    if parsed.id.is_none() && parsed.username.is_none() {
        return Err(body::invalid_body(
            op,
            response,
            "it has neither id nor username",
        ));
    }
    let account_type = match parsed.account_type.as_deref() {
        Some(t) if t.eq_ignore_ascii_case("BUSINESS") => Some(AccountType::Business),
        Some(t) if t.eq_ignore_ascii_case("PINNER") => Some(AccountType::Pinner),
        _ => None,
    };
    Ok(UserAccount {
        id: parsed.id,
        username: parsed.username,
        account_type,
        business_name: parsed.business_name,
        profile_image: parsed.profile_image,
        website_url: parsed.website_url,
        board_count: parsed.board_count,
        pin_count: parsed.pin_count,
        follower_count: parsed.follower_count,
        following_count: parsed.following_count,
        monthly_views: parsed.monthly_views,
    })
}
