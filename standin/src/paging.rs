//! Bookmark paging, shared by every listing: `page_size` 1 to 250 (default
//! 25), and opaque bookmarks tied to the listing they came from, so a
//! bookmark of another listing or filter is refused.

use base64::Engine as _;
use serde_json::{Value, json};

use super::reply::{Incoming, Reply};

/// Largest `page_size`.
const MAX_PAGE_SIZE: usize = 250;
/// `page_size` when none is given.
const DEFAULT_PAGE_SIZE: usize = 25;

/// The request's `page_size`, checked.
pub(crate) fn page_size(request: &Incoming) -> Result<usize, Reply> {
    let Some(value) = request.query("page_size") else {
        return Ok(DEFAULT_PAGE_SIZE);
    };
    let Ok(size) = value.parse::<i64>() else {
        return Err(Reply::invalid(&format!(
            "'page_size' value '{value}' is not of type 'integer'"
        )));
    };
    if size < 1 {
        return Err(Reply::invalid(&format!(
            "'page_size' value {size} is less than the minimum of 1"
        )));
    }
    match usize::try_from(size) {
        Ok(size) if size <= MAX_PAGE_SIZE => Ok(size),
        _ => Err(Reply::invalid(&format!(
            "'page_size' value {size} is greater than the maximum of {MAX_PAGE_SIZE}"
        ))),
    }
}

/// A bookmark for `listing` (what was listed, with its filters) that
/// resumes after `position`.
pub(crate) fn write_bookmark(listing: &str, position: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{listing}|{position}"))
}

/// The position in the request's bookmark: `None` for the first page, or
/// the 400 code 1 for a bookmark that is not one of `listing`'s.
pub(crate) fn read_bookmark(request: &Incoming, listing: &str) -> Result<Option<String>, Reply> {
    let Some(bookmark) = request.query("bookmark").filter(|b| !b.is_empty()) else {
        return Ok(None);
    };
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(bookmark)
        .ok()
        .and_then(|raw| String::from_utf8(raw).ok())
        .and_then(|text| {
            text.strip_prefix(listing)
                .and_then(|rest| rest.strip_prefix('|'))
                .map(str::to_owned)
        })
        .map(Some)
        .ok_or_else(|| {
            Reply::invalid(
                "Invalid bookmark: pass the bookmark of the previous page unchanged, to the same listing with the same filters.",
            )
        })
}

/// `{"items": …, "bookmark": …}`, `bookmark` null on the last page.
pub(crate) fn page(items: Vec<Value>, bookmark: Option<String>) -> Value {
    json!({ "items": items, "bookmark": bookmark })
}

/// A boolean query parameter (`true` or `false`), `default` when absent.
pub(crate) fn flag(request: &Incoming, name: &str, default: bool) -> Result<bool, Reply> {
    match request.query(name) {
        None => Ok(default),
        Some("true") => Ok(true),
        Some("false") => Ok(false),
        Some(other) => Err(Reply::invalid(&format!(
            "'{name}' value '{other}' is not of type 'boolean'"
        ))),
    }
}
