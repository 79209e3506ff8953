//! Stored tokens shown to people (masked) and to scripts (JSON, masked).

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use crate::when::{human_duration, utc_minute};
use pinterest_connector_host::types;

use super::mask::mask;
use super::tokens::StoredTokens;

/// Unix seconds now.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default()
}

/// `2026-01-31 10:00 UTC (in 30d 0h)` or `… (expired 2h 05m ago)`.
pub fn expiry(at: u64, now: u64) -> String {
    let when = utc_minute(at);
    if at > now {
        format!("{when} (in {})", human_duration(at - now))
    } else {
        format!("{when} (expired {} ago)", human_duration(now - at))
    }
}

/// `fresh`, `refresh-due` or `reauthorize`.
pub fn state_name(state: types::TokenState) -> &'static str {
    match state {
        types::TokenState::Fresh => "fresh",
        types::TokenState::RefreshDue => "refresh-due",
        types::TokenState::Reauthorize => "reauthorize",
    }
}

/// Label/value rows describing `tokens`, secrets masked.
pub fn rows(tokens: &StoredTokens) -> Vec<(&'static str, String)> {
    let now = now();
    let mut rows = vec![
        ("environment", tokens.environment.clone()),
        ("access token", mask(&tokens.access_token)),
        ("expires", expiry(u64::from(tokens.expires_at), now)),
    ];
    match &tokens.refresh_token {
        Some(refresh) => {
            rows.push(("refresh token", mask(refresh)));
            rows.push((
                "refresh expires",
                tokens
                    .refresh_token_expires_at
                    .map(|at| expiry(u64::from(at), now))
                    .unwrap_or_else(|| "unknown".to_owned()),
            ));
        }
        None => rows.push(("refresh token", "none".to_owned())),
    }
    rows.push(("scopes", tokens.scopes.join(" ")));
    rows
}

/// `tokens` as JSON, secrets masked.
pub fn json(tokens: &StoredTokens) -> Value {
    json!({
        "environment": tokens.environment,
        "access_token": mask(&tokens.access_token),
        "token_type": tokens.token_type,
        "expires_at": tokens.expires_at,
        "refresh_token": tokens.refresh_token.as_deref().map(mask),
        "refresh_token_expires_at": tokens.refresh_token_expires_at,
        "scopes": tokens.scopes,
    })
}
