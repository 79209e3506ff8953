//! Which handler answers which method and path, and what every API call
//! goes through first: the bearer token and the scopes of the endpoint's
//! `security`, Business Access (`ad_account_id`), the path parameters'
//! patterns and, for `org_write` endpoints, the write budget.

use super::grants::AccessGrant;
use super::reply::{Incoming, Reply};
use super::state::Shared;
use super::{Environment, api, boards, limits, media, oauth, pin_edits, pin_lists, pins, sections};

/// Pinterest's rate-limit category of an endpoint (`x-ratelimit-category`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Category {
    OrgRead,
    OrgWrite,
}

/// A request that passed the common checks, with its path parameters.
pub(crate) struct Call<'a> {
    pub request: &'a Incoming,
    pub grant: AccessGrant,
    params: Vec<(&'static str, &'a str)>,
}

impl Call<'_> {
    /// The path parameter `name` (e.g. `board_id`).
    pub fn param(&self, name: &str) -> &str {
        self.params
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| *v)
            .unwrap_or_default()
    }

    /// Whether the token has `scope`.
    pub fn has(&self, scope: &str) -> bool {
        self.grant.scopes.iter().any(|s| s == scope)
    }

    /// `Ok` if the token has `scope`, else Pinterest's code 3.
    pub fn require(&self, scope: &str) -> Result<(), Reply> {
        if self.has(scope) {
            Ok(())
        } else {
            Err(Reply::error(401, 3, api::SCOPE_MESSAGE))
        }
    }
}

type Handler = fn(&Shared, &Call) -> Reply;

/// One endpoint, as Pinterest's API description (5.23.0) has it.
struct Endpoint {
    method: &'static str,
    /// Below the environment prefix; `{name}` matches one path segment.
    path: &'static str,
    /// The `pinterest_oauth2` scopes of its `security`.
    scopes: &'static [&'static str],
    category: Category,
    /// Whether it takes Business Access's `ad_account_id`.
    ad_account: bool,
    handler: Handler,
}

const BOARDS_READ: &[&str] = &["boards:read"];
const BOARDS_WRITE: &[&str] = &["boards:read", "boards:write"];
const PINS_READ: &[&str] = &["boards:read", "pins:read"];
const PINS_WRITE: &[&str] = &["boards:read", "boards:write", "pins:read", "pins:write"];

/// Every API endpoint the stand-in serves.
#[rustfmt::skip]
const ENDPOINTS: &[Endpoint] = &[
    endpoint("GET", "/v5/user_account", &["user_accounts:read"], Category::OrgRead, true, api::user_account),
    endpoint("GET", "/v5/boards", BOARDS_READ, Category::OrgRead, true, boards::list),
    endpoint("POST", "/v5/boards", BOARDS_WRITE, Category::OrgWrite, true, boards::create),
    endpoint("GET", "/v5/boards/{board_id}", BOARDS_READ, Category::OrgRead, true, boards::get),
    endpoint("PATCH", "/v5/boards/{board_id}", BOARDS_WRITE, Category::OrgWrite, true, boards::update),
    endpoint("DELETE", "/v5/boards/{board_id}", BOARDS_WRITE, Category::OrgWrite, true, boards::delete),
    endpoint("GET", "/v5/boards/{board_id}/pins", PINS_READ, Category::OrgRead, true, pin_lists::board),
    endpoint("GET", "/v5/boards/{board_id}/sections", BOARDS_READ, Category::OrgRead, true, sections::list),
    endpoint("POST", "/v5/boards/{board_id}/sections", BOARDS_WRITE, Category::OrgWrite, true, sections::create),
    endpoint("PATCH", "/v5/boards/{board_id}/sections/{section_id}", BOARDS_WRITE, Category::OrgWrite, true, sections::update),
    endpoint("DELETE", "/v5/boards/{board_id}/sections/{section_id}", BOARDS_WRITE, Category::OrgWrite, true, sections::delete),
    endpoint("GET", "/v5/boards/{board_id}/sections/{section_id}/pins", PINS_READ, Category::OrgRead, true, pin_lists::section),
    endpoint("GET", "/v5/pins", PINS_READ, Category::OrgRead, true, pin_lists::account),
    endpoint("POST", "/v5/pins", PINS_WRITE, Category::OrgWrite, true, pins::create),
    endpoint("GET", "/v5/pins/{pin_id}", PINS_READ, Category::OrgRead, true, pin_edits::get),
    endpoint("PATCH", "/v5/pins/{pin_id}", PINS_WRITE, Category::OrgWrite, true, pin_edits::update),
    endpoint("DELETE", "/v5/pins/{pin_id}", PINS_WRITE, Category::OrgWrite, true, pin_edits::delete),
    endpoint("POST", "/v5/pins/{pin_id}/save", PINS_WRITE, Category::OrgWrite, true, pin_edits::save),
    endpoint("GET", "/v5/media", &["pins:read"], Category::OrgRead, false, media::list),
    endpoint("POST", "/v5/media", &["pins:read", "pins:write"], Category::OrgWrite, false, media::create),
    endpoint("GET", "/v5/media/{media_id}", &["pins:read"], Category::OrgRead, false, media::get),
];

const fn endpoint(
    method: &'static str,
    path: &'static str,
    scopes: &'static [&'static str],
    category: Category,
    ad_account: bool,
    handler: Handler,
) -> Endpoint {
    Endpoint {
        method,
        path,
        scopes,
        category,
        ad_account,
        handler,
    }
}

/// Path parameters whose schema has the pattern `^\d+$` (the `pin_id` of
/// `pins/save` has none: a non-numeric one is simply not found).
const NUMERIC_PARAMS: [&str; 4] = ["board_id", "section_id", "pin_id", "media_id"];

/// Answers one request.
pub(crate) fn route(shared: &Shared, request: &Incoming) -> Reply {
    let method = request.method.as_str();
    let path = request.path.as_str();
    let production = request.environment == Environment::Production;
    match (method, path) {
        ("GET", "/oauth/" | "/oauth") if production => return oauth::authorize(shared, request),
        ("POST", "/v5/oauth/token") => return oauth::token(shared, request),
        (_, "/oauth/" | "/oauth" | "/v5/oauth/token") => return not_allowed(method),
        _ => {}
    }
    let matching: Vec<(&Endpoint, Vec<(&'static str, &str)>)> = ENDPOINTS
        .iter()
        .filter_map(|e| matches(e.path, path).map(|params| (e, params)))
        .collect();
    let Some((endpoint, params)) = matching.iter().find(|(e, _)| e.method == method) else {
        return if matching.is_empty() {
            Reply::text(404, "Not Found")
        } else {
            not_allowed(method)
        };
    };
    let grant = match api::authenticate(shared, request, endpoint.scopes) {
        Ok(grant) => grant,
        Err(reply) => return reply,
    };
    if let Err(reply) = check_ad_account(request, endpoint) {
        return reply;
    }
    for (name, value) in params {
        let numeric = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
        let patterned = NUMERIC_PARAMS.contains(name) && endpoint.path != "/v5/pins/{pin_id}/save";
        if patterned && !numeric {
            return Reply::invalid(&format!(
                "'{name}' value '{value}' must match the pattern: ^\\d+$"
            ));
        }
    }
    let budget = if endpoint.category == Category::OrgWrite {
        match limits::admit(shared, request.environment) {
            Ok(headers) => headers,
            Err(reply) => return reply,
        }
    } else {
        Vec::new()
    };
    let call = Call {
        request,
        grant,
        params: params.clone(),
    };
    let mut reply = (endpoint.handler)(shared, &call);
    for (name, value) in budget {
        reply = reply.with_header(name, value);
    }
    reply
}

fn not_allowed(method: &str) -> Reply {
    Reply::error(405, 1, &format!("Method {method} is not allowed here."))
}

/// The path parameters if `path` fits `template`.
fn matches<'a>(template: &'static str, path: &'a str) -> Option<Vec<(&'static str, &'a str)>> {
    let mut wanted = template.split('/');
    let mut given = path.split('/');
    let mut params = Vec::new();
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => return Some(params),
            (Some(w), Some(g)) if w.starts_with('{') => {
                if g.is_empty() {
                    return None;
                }
                params.push((w.trim_start_matches('{').trim_end_matches('}'), g));
            }
            (Some(w), Some(g)) if w == g => {}
            _ => return None,
        }
    }
}

/// Business Access: `ad_account_id` (`^\d+$`, at most 18 characters) on
/// the endpoints that take it, and nowhere else.
fn check_ad_account(request: &Incoming, endpoint: &Endpoint) -> Result<(), Reply> {
    let Some(value) = request.query("ad_account_id") else {
        return Ok(());
    };
    if !endpoint.ad_account {
        return Err(Reply::invalid(&format!(
            "'ad_account_id' is not a parameter of {} {}: Business Access does not apply here.",
            endpoint.method, endpoint.path
        )));
    }
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Reply::invalid(&format!(
            "'ad_account_id' value '{value}' must match the pattern: ^\\d+$"
        )));
    }
    if value.chars().count() > 18 {
        return Err(Reply::invalid(&format!(
            "'ad_account_id' value '{value}' is too long: {} characters; maxLength is 18",
            value.chars().count()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_whole_segments() {
        assert_eq!(
            matches(
                "/v5/boards/{board_id}/sections/{section_id}",
                "/v5/boards/1/sections/2"
            ),
            Some(vec![("board_id", "1"), ("section_id", "2")])
        );
        assert_eq!(matches("/v5/boards/{board_id}", "/v5/boards/"), None);
        assert_eq!(matches("/v5/boards/{board_id}", "/v5/boards/1/pins"), None);
        assert_eq!(matches("/v5/boards", "/v5/boards"), Some(vec![]));
    }

    #[test]
    fn every_write_is_org_write_and_every_path_is_unique_per_method() {
        for (i, e) in ENDPOINTS.iter().enumerate() {
            assert_eq!(
                e.category == Category::OrgWrite,
                e.method != "GET",
                "{} {}",
                e.method,
                e.path
            );
            assert!(
                ENDPOINTS[i + 1..]
                    .iter()
                    .all(|o| (o.method, o.path) != (e.method, e.path))
            );
        }
    }
}
