//! OAuth: the consent page (`GET /oauth/`), which approves at once, and the
//! token endpoint (`POST /v5/oauth/token`) with its checks of the app's
//! Basic credentials, the form body, single-use codes, exact redirect URIs
//! and refresh-token rotation.

use base64::Engine as _;
use serde_json::json;

use super::grants::{CodeProblem, RefreshProblem};
use super::reply::{Incoming, Reply};
use super::state::Shared;

/// Every Pinterest v5 scope.
pub(crate) const SCOPES: [&str; 19] = [
    "ads:read",
    "ads:write",
    "billing:read",
    "billing:write",
    "biz_access:read",
    "biz_access:write",
    "boards:read",
    "boards:read_secret",
    "boards:write",
    "boards:write_secret",
    "catalogs:read",
    "catalogs:write",
    "msot:write",
    "pins:read",
    "pins:read_secret",
    "pins:write",
    "pins:write_secret",
    "user_accounts:read",
    "user_accounts:write",
];

/// `GET /oauth/`: checks the app and the redirect URI (a readable page if
/// either is wrong), then redirects with `code` and `state`, or with
/// `error` for a bad `response_type` or `scope`.
pub(crate) fn authorize(shared: &Shared, request: &Incoming) -> Reply {
    let settings = &shared.settings;
    let client_id = request.query("client_id").unwrap_or_default();
    if client_id != settings.client_id {
        return Reply::page(
            400,
            "Unknown app",
            &[
                format!("The client_id '{client_id}' does not belong to an app here."),
                format!(
                    "This Pinterest stand-in knows the app {}: pass its App ID as client_id.",
                    settings.client_id
                ),
            ],
        );
    }
    let redirect_uri = request.query("redirect_uri").unwrap_or_default();
    if !settings.redirect_uris.iter().any(|r| r == redirect_uri) {
        return Reply::page(
            400,
            "Redirect URI not registered",
            &[
                format!(
                    "The redirect_uri '{redirect_uri}' is not registered for the app {}.",
                    settings.client_id
                ),
                format!("Registered: {}.", settings.redirect_uris.join(", ")),
                "Redirect URIs must match exactly: scheme, host, port, path and trailing slash. Register this one for the app, or use a registered one.".to_owned(),
            ],
        );
    }
    let state = request.query("state");
    let back = |pairs: &[(&str, &str)]| {
        let mut target = url::form_urlencoded::Serializer::new(String::new());
        target.extend_pairs(pairs);
        if let Some(state) = state {
            target.append_pair("state", state);
        }
        let separator = if redirect_uri.contains('?') { '&' } else { '?' };
        Reply::redirect(&format!("{redirect_uri}{separator}{}", target.finish()))
    };
    if request.query("response_type") != Some("code") {
        return back(&[
            ("error", "unsupported_response_type"),
            ("error_description", "response_type must be code"),
        ]);
    }
    let scopes: Vec<String> = request
        .query("scope")
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    if scopes.is_empty() {
        return back(&[
            ("error", "invalid_scope"),
            (
                "error_description",
                "no scope requested (comma-separated v5 scopes)",
            ),
        ]);
    }
    if let Some(bad) = scopes.iter().find(|s| !SCOPES.contains(&s.as_str())) {
        let description = format!("'{bad}' is not a Pinterest v5 scope");
        return back(&[
            ("error", "invalid_scope"),
            ("error_description", &description),
        ]);
    }
    let now = shared.clock.now_seconds();
    let code = shared
        .lock()
        .grants
        .issue_code(client_id, redirect_uri, &scopes, now);
    back(&[("code", &code)])
}

/// `POST /v5/oauth/token`.
pub(crate) fn token(shared: &Shared, request: &Incoming) -> Reply {
    if !basic_credentials_match(shared, request) {
        return Reply::authentication_failed();
    }
    let form_type = request
        .header("content-type")
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase());
    if form_type.as_deref() != Some("application/x-www-form-urlencoded") {
        return Reply::invalid(
            "Invalid request: the body must be form-encoded (Content-Type: application/x-www-form-urlencoded).",
        );
    }
    let form: Vec<(String, String)> = url::form_urlencoded::parse(&request.body)
        .into_owned()
        .collect();
    let field = |name: &str| {
        form.iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    match field("grant_type") {
        None => Reply::invalid("'grant_type' is a required property"),
        Some("authorization_code") => match (field("code"), field("redirect_uri")) {
            (Some(code), Some(redirect_uri)) => exchange(shared, request, code, redirect_uri),
            (None, _) => Reply::invalid("'code' is a required property"),
            (_, None) => Reply::invalid("'redirect_uri' is a required property"),
        },
        Some("refresh_token") => match field("refresh_token") {
            Some(token) => refresh(shared, request, token, field("scope")),
            None => Reply::invalid("'refresh_token' is a required property"),
        },
        Some("client_credentials") => {
            Reply::invalid("grant_type 'client_credentials' is not offered by this stand-in.")
        }
        Some(other) => Reply::invalid(&format!(
            "'grant_type' value '{other}' is not one of ['authorization_code', 'refresh_token', 'client_credentials']"
        )),
    }
}

fn exchange(shared: &Shared, request: &Incoming, code: &str, redirect_uri: &str) -> Reply {
    let now = shared.clock.now_seconds();
    let mut data = shared.lock();
    let redeemed = data
        .grants
        .redeem_code(&shared.settings.client_id, code, redirect_uri, now);
    match redeemed {
        Ok(scopes) => {
            let pair = data.grants.issue_pair(request.environment, &scopes, now);
            Reply::json(
                200,
                &json!({
                    "access_token": pair.access_token,
                    "refresh_token": pair.refresh_token,
                    "response_type": "authorization_code",
                    "token_type": "bearer",
                    "expires_in": pair.expires_in,
                    "refresh_token_expires_in": pair.refresh_token_expires_in,
                    "refresh_token_expires_at": pair.refresh_token_expires_at,
                    "scope": scopes.join(" "),
                }),
            )
        }
        Err(CodeProblem::Unknown) => Reply::invalid(
            "Invalid authorization code: it is unknown or was issued to another app.",
        ),
        Err(CodeProblem::Used) => Reply::invalid(
            "Invalid authorization code: it has already been used (codes are single-use).",
        ),
        Err(CodeProblem::Expired) => Reply::invalid(
            "Invalid authorization code: it has expired (codes are valid for 10 minutes).",
        ),
        Err(CodeProblem::RedirectMismatch) => Reply::invalid(
            "Invalid redirect_uri: it must be identical to the redirect_uri sent to the consent page.",
        ),
    }
}

fn refresh(shared: &Shared, request: &Incoming, token: &str, scope: Option<&str>) -> Reply {
    let narrower = scope.map(|s| {
        s.split([' ', ','])
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect::<Vec<_>>()
    });
    let now = shared.clock.now_seconds();
    let rotated = shared
        .lock()
        .grants
        .rotate(request.environment, token, narrower, now);
    match rotated {
        Ok((pair, scopes)) => Reply::json(
            200,
            &json!({
                "access_token": pair.access_token,
                "refresh_token": pair.refresh_token,
                "response_type": "refresh_token",
                "token_type": "bearer",
                "expires_in": pair.expires_in,
                "refresh_token_expires_in": pair.refresh_token_expires_in,
                "refresh_token_expires_at": pair.refresh_token_expires_at,
                "scope": scopes.join(" "),
            }),
        ),
        Err(RefreshProblem::Unknown) => Reply::invalid("Invalid refresh token."),
        Err(RefreshProblem::Rotated) => Reply::invalid(
            "Invalid refresh token: it has already been used; each refresh returns a new one.",
        ),
        Err(RefreshProblem::Expired) => Reply::invalid("Invalid refresh token: it has expired."),
        Err(RefreshProblem::ScopeNotGranted) => {
            Reply::invalid("Invalid scope: a refresh may only narrow the granted scopes.")
        }
    }
}

/// Whether `authorization` is `Basic base64(client_id:client_secret)`.
fn basic_credentials_match(shared: &Shared, request: &Incoming) -> bool {
    let Some(value) = request.header("authorization") else {
        return false;
    };
    let Some((scheme, encoded)) = value.trim().split_once(' ') else {
        return false;
    };
    if !scheme.eq_ignore_ascii_case("basic") {
        return false;
    }
    let Ok(decoded) = base64::engine::general_purpose::STANDARD.decode(encoded.trim()) else {
        return false;
    };
    let expected = format!(
        "{}:{}",
        shared.settings.client_id, shared.settings.client_secret
    );
    decoded == expected.as_bytes()
}
