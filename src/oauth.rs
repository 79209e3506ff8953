//! OAuth 2.0 with Pinterest: the consent URL, the token requests, reading
//! the token response, and judging stored tokens.

use serde::Deserialize;
use url::Url;

use crate::body;
use crate::config::{Config, check_client_id};
use crate::error::Error;
use crate::http::{Request, Response};
use crate::json;
use crate::operation::Operation;
use crate::request;
use crate::scopes;
use crate::secret::{AccessToken, AuthorizationCode, RefreshToken};
use crate::text::count_of;
use crate::validate;

/// Access tokens due for refresh this close to expiry: 7 days, in seconds.
pub const REFRESH_WINDOW_SECONDS: u64 = 7 * 24 * 60 * 60;
/// Longest `state` accepted, in characters.
const MAX_STATE_CHARS: usize = 1024;

/// Tokens with absolute expiry times (unix seconds). `Debug` hides both
/// tokens.
#[derive(Debug, Clone)]
pub struct TokenSet {
    /// Bearer token for API calls.
    pub access_token: AccessToken,
    /// `bearer`.
    pub token_type: String,
    /// Granted scopes.
    pub scopes: Vec<String>,
    /// Access token expiry.
    pub expires_at: u32,
    /// Token for `refresh`.
    pub refresh_token: Option<RefreshToken>,
    /// Refresh token expiry, if known.
    pub refresh_token_expires_at: Option<u32>,
}

/// What to do with stored tokens now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenStatus {
    /// Use them as they are.
    Fresh,
    /// Refresh now.
    RefreshDue,
    /// Send the user through `authorize` again.
    Reauthorize,
}

/// The consent page URL with `client_id`, `redirect_uri`,
/// `response_type=code`, `scope` (comma-joined; the defaults when `scopes`
/// is empty) and `state`.
pub fn authorization_url(
    config: &Config,
    redirect_uri: &str,
    scopes: &[String],
    state: &str,
) -> Result<Url, Error> {
    check_client_id(&config.client_id)?;
    validate::redirect_uri("redirect-uri", redirect_uri)?;
    check_state(state)?;
    let scopes = if scopes.is_empty() {
        scopes::DEFAULT_SCOPES
            .iter()
            .map(|s| (*s).to_owned())
            .collect()
    } else {
        scopes::check("scopes", scopes)?
    };
    let mut url = config.authorize_page()?;
    url.query_pairs_mut()
        .append_pair("client_id", &config.client_id)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("response_type", "code")
        .append_pair("scope", &scopes.join(","))
        .append_pair("state", state);
    Ok(url)
}

/// A `state` value: 1 to 1024 characters without control characters.
pub fn check_state(state: &str) -> Result<(), Error> {
    if state.is_empty() {
        return Err(Error::invalid(
            "state",
            "is empty; pass none to have one generated",
        ));
    }
    validate::max_chars("state", state, MAX_STATE_CHARS)?;
    if state.chars().any(char::is_control) {
        return Err(Error::invalid("state", "contains control characters"));
    }
    Ok(())
}

/// `POST /v5/oauth/token` exchanging an authorization code.
pub fn exchange_request(
    config: &Config,
    code: &AuthorizationCode,
    redirect_uri: &str,
) -> Result<Request, Error> {
    let code = code.secret();
    validate::header_safe("code", code)?;
    validate::redirect_uri("redirect-uri", redirect_uri)?;
    request::token_post(
        config,
        &[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect_uri),
            ("continuous_refresh", "true"),
        ],
    )
}

/// `POST /v5/oauth/token` refreshing the access token.
pub fn refresh_request(
    config: &Config,
    refresh_token: &RefreshToken,
    scopes: Option<&[String]>,
) -> Result<Request, Error> {
    let refresh_token = refresh_token.secret();
    validate::header_safe("refresh-token", refresh_token)?;
    let scope = match scopes {
        Some(list) if !list.is_empty() => Some(scopes::check("scopes", list)?.join(",")),
        _ => None,
    };
    let mut form = vec![
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token),
    ];
    if let Some(scope) = &scope {
        form.push(("scope", scope));
    }
    request::token_post(config, &form)
}

/// The token endpoint's success body (`OauthAccessTokenResponse` and its
/// variants). The credentials — `access_token`, `expires_in`,
/// `refresh_token` — are read strictly: of the wrong type, the answer is
/// unusable, never read as "no new refresh token". A field that merely
/// describes the tokens is read leniently and never costs the caller a
/// rotated refresh token (see `docs/parsing.md`).
#[derive(Debug, Deserialize)]
struct TokenBody {
    #[serde(default, deserialize_with = "json::strict_string")]
    access_token: Option<String>,
    #[serde(default, deserialize_with = "json::text")]
    token_type: Option<String>,
    #[serde(default, deserialize_with = "json::seconds")]
    expires_in: Option<i64>,
    #[serde(default, deserialize_with = "json::text")]
    scope: Option<String>,
    #[serde(default, deserialize_with = "json::strict_string")]
    refresh_token: Option<String>,
    #[serde(default, deserialize_with = "json::seconds_or_none")]
    refresh_token_expires_in: Option<i64>,
    #[serde(default, deserialize_with = "json::seconds_or_none")]
    refresh_token_expires_at: Option<i64>,
}

/// Reads a token response. `now` turns `*_expires_in` into absolute times.
/// When a refresh response carries no new refresh token, `previous` (the one
/// just used) is kept, its expiry unknown. A refresh token whose expiry is
/// missing, negative or unreadable is kept with its expiry unknown.
pub fn parse_tokens(
    op: Operation<'_>,
    response: &Response,
    body: &[u8],
    now: u64,
    previous_refresh: Option<&RefreshToken>,
) -> Result<TokenSet, Error> {
    let parsed: TokenBody = body::parse_json(op, response, body)?;
    let invalid = |what: &str| body::invalid_body(op, response, what);
    let access_token = parsed
        .access_token
        .filter(|t| !t.is_empty())
        .ok_or_else(|| invalid("it has no access_token"))?;
    usable_token("access_token", &access_token).map_err(|what| invalid(&what))?;
    let expires_in = parsed
        .expires_in
        .ok_or_else(|| invalid("it has no expires_in"))?;
    let expires_in = u64::try_from(expires_in).map_err(|_| invalid("expires_in is negative"))?;
    let new_refresh = parsed.refresh_token.filter(|t| !t.is_empty());
    if let Some(token) = &new_refresh {
        usable_token("refresh_token", token).map_err(|what| invalid(&what))?;
    }
    let refresh_expires_at = match parsed.refresh_token_expires_at {
        Some(at) if at > 0 => Some(unix_u32(u64::try_from(at).unwrap_or_default())),
        _ => parsed
            .refresh_token_expires_in
            .and_then(|secs| u64::try_from(secs).ok())
            .map(|secs| unix_u32(now.saturating_add(secs))),
    };
    let (refresh_token, refresh_token_expires_at) = match new_refresh {
        Some(token) => (Some(RefreshToken::new(token)), refresh_expires_at),
        None => (previous_refresh.cloned(), None),
    };
    Ok(TokenSet {
        access_token: AccessToken::new(access_token),
        token_type: parsed.token_type.filter(|t| !t.is_empty()).map_or_else(
            || "bearer".to_owned(),
            |t| t.chars().take(MAX_TOKEN_TYPE_CHARS).collect(),
        ),
        scopes: parsed
            .scope
            .as_deref()
            .map(scopes::split)
            .unwrap_or_default(),
        expires_at: unix_u32(now.saturating_add(expires_in)),
        refresh_token,
        refresh_token_expires_at,
    })
}

/// Longest `token_type` kept, in characters.
const MAX_TOKEN_TYPE_CHARS: usize = 32;

/// A token from the token endpoint must be sendable later as it is (what
/// [`validate::header_safe`] accepts); the complaint never quotes it.
fn usable_token(field: &str, token: &str) -> Result<(), String> {
    match validate::header_safe(field, token) {
        Ok(()) => Ok(()),
        Err(_) => Err(format!(
            "its {field} of {} is not a token that can be sent back (1 to 4096 visible ASCII characters)",
            count_of(token.len() as u64, "byte", "bytes")
        )),
    }
}

/// Judges stored tokens at `now` (unix seconds).
pub fn token_status(tokens: &TokenSet, now: u64) -> TokenStatus {
    let due = |at: u32| u64::from(at) <= now.saturating_add(REFRESH_WINDOW_SECONDS);
    let access_expired = u64::from(tokens.expires_at) <= now;
    let refresh_expired = match (&tokens.refresh_token, tokens.refresh_token_expires_at) {
        (None, _) => true,
        (Some(_), Some(at)) => u64::from(at) <= now,
        (Some(_), None) => false,
    };
    if refresh_expired {
        // Nothing to refresh with: the access token is all that is left.
        if access_expired || tokens.refresh_token.is_some() || due(tokens.expires_at) {
            return TokenStatus::Reauthorize;
        }
        return TokenStatus::Fresh;
    }
    if access_expired || due(tokens.expires_at) || tokens.refresh_token_expires_at.is_some_and(due)
    {
        TokenStatus::RefreshDue
    } else {
        TokenStatus::Fresh
    }
}

fn unix_u32(seconds: u64) -> u32 {
    u32::try_from(seconds).unwrap_or(u32::MAX)
}
