//! Pin listings: a board's, a section's and the account's, newest first
//! (by `created_at`, then by id), with bookmarks that hold their place:
//! a bookmark names the last pin of its page, so pins created or deleted
//! between pages neither repeat nor go missing.

use serde_json::Value;

use super::api::{SCOPE_MESSAGE, visible};
use super::model::{Privacy, StoredPin};
use super::paging;
use super::pin_json::pin_json;
use super::reply::{Incoming, Reply};
use super::routes::Call;
use super::state::{Data, Shared};

/// Values of `CreativeType`.
const CREATIVE_TYPES: [&str; 13] = [
    "REGULAR",
    "VIDEO",
    "SHOPPING",
    "CAROUSEL",
    "MAX_VIDEO",
    "SHOP_THE_PIN",
    "COLLECTION",
    "IDEA",
    "SHOWCASE",
    "QUIZ",
    "COLLAGE",
    "MAX_WIDTH_REGULAR_COLLECTION",
    "MAX_WIDTH_VIDEO_COLLECTION",
];
/// Values of `pin_filter`.
const PIN_FILTERS: [&str; 3] = ["exclude_native", "exclude_repins", "has_been_promoted"];

/// `GET /v5/boards/{board_id}/pins`: `creative_types`, `pin_metrics`.
pub(crate) fn board(shared: &Shared, call: &Call) -> Reply {
    let board_id = call.param("board_id");
    let options = match (creative_types(call.request), metrics(call.request)) {
        (Ok(types), Ok(metrics)) => (types, metrics),
        (Err(reply), _) | (_, Err(reply)) => return reply,
    };
    let (types, with_metrics) = options;
    {
        let data = shared.lock();
        let Some(board) = data.board(board_id).filter(|b| visible(b, call)) else {
            return Reply::error(404, 404, "Board not found.");
        };
        if board.privacy == Privacy::Secret && !call.has("pins:read_secret") {
            return Reply::error(401, 3, SCOPE_MESSAGE);
        }
    }
    let listing = format!("pins|board:{board_id}|{}", types.join(","));
    page(shared, call, &listing, with_metrics, |pin, _| {
        pin.board_id == board_id && wanted_type(pin, &types)
    })
}

/// `GET /v5/boards/{board_id}/sections/{section_id}/pins`.
pub(crate) fn section(shared: &Shared, call: &Call) -> Reply {
    let board_id = call.param("board_id");
    let section_id = call.param("section_id");
    {
        let data = shared.lock();
        let Some(board) = data
            .board(board_id)
            .filter(|b| visible(b, call) && b.section(section_id).is_some())
        else {
            return Reply::error(404, 404, "Board or section not found.");
        };
        if board.privacy == Privacy::Secret && !call.has("pins:read_secret") {
            return Reply::error(401, 3, SCOPE_MESSAGE);
        }
    }
    let listing = format!("pins|section:{board_id}:{section_id}");
    page(shared, call, &listing, false, |pin, _| {
        pin.board_id == board_id && pin.board_section_id.as_deref() == Some(section_id)
    })
}

/// `GET /v5/pins`: every pin of the account, wherever it is. Secret pins
/// need `pins:read_secret` (and come alone with `pin_type=PRIVATE`); pins
/// on protected boards come only with `include_protected_pins=true`;
/// `pin_filter` drops the account's own pins (`exclude_native`), saved ones
/// (`exclude_repins`) or keeps promoted ones (`has_been_promoted`: none).
pub(crate) fn account(shared: &Shared, call: &Call) -> Reply {
    let request = call.request;
    let types = match creative_types(request) {
        Ok(types) => types,
        Err(reply) => return reply,
    };
    let with_metrics = match metrics(request) {
        Ok(metrics) => metrics,
        Err(reply) => return reply,
    };
    let protected = match paging::flag(request, "include_protected_pins", false) {
        Ok(flag) => flag,
        Err(reply) => return reply,
    };
    let filter = request.query("pin_filter");
    if let Some(filter) = filter
        && !PIN_FILTERS.contains(&filter)
    {
        return Reply::invalid(&format!(
            "'pin_filter' value '{filter}' is not one of ['exclude_native', 'exclude_repins', 'has_been_promoted']"
        ));
    }
    let private = match request.query("pin_type") {
        None => false,
        Some("PRIVATE") => true,
        Some(other) => {
            return Reply::invalid(&format!(
                "'pin_type' value '{other}' is not one of ['PRIVATE']"
            ));
        }
    };
    let secret_pins = call.has("pins:read_secret");
    if private && !secret_pins {
        return Reply::error(401, 3, SCOPE_MESSAGE);
    }
    let listing = format!(
        "pins|account|{}|{}|{protected}|{private}",
        types.join(","),
        filter.unwrap_or_default()
    );
    page(shared, call, &listing, with_metrics, |pin, data| {
        let privacy = data.board(&pin.board_id).map(|b| b.privacy);
        let secret = privacy == Some(Privacy::Secret);
        let kept_by_filter = match filter {
            Some("exclude_native") => pin.parent_pin_id.is_some(),
            Some("exclude_repins") => pin.parent_pin_id.is_none(),
            Some(_) => false,
            None => true,
        };
        (secret_pins || !secret)
            && (!private || secret)
            && (protected || privacy != Some(Privacy::Protected))
            && kept_by_filter
            && wanted_type(pin, &types)
    })
}

/// One page of the pins that `keep` keeps, newest first.
fn page(
    shared: &Shared,
    call: &Call,
    listing: &str,
    with_metrics: bool,
    keep: impl Fn(&StoredPin, &Data) -> bool,
) -> Reply {
    let page_size = match paging::page_size(call.request) {
        Ok(size) => size,
        Err(reply) => return reply,
    };
    let after = match paging::read_bookmark(call.request, listing) {
        Ok(None) => None,
        Ok(Some(position)) => match read_position(&position) {
            Some(key) => Some(key),
            None => return Reply::invalid("Invalid bookmark."),
        },
        Err(reply) => return reply,
    };
    let data = shared.lock();
    let mut pins: Vec<&StoredPin> = data
        .pins
        .iter()
        .filter(|p| keep(p, &data))
        .filter(|p| after.is_none_or(|key| order_key(p) < key))
        .collect();
    pins.sort_by_key(|p| std::cmp::Reverse(order_key(p)));
    let more = pins.len() > page_size;
    pins.truncate(page_size);
    let bookmark = more.then(|| pins.last()).flatten().map(|last| {
        let (created, seq) = order_key(last);
        paging::write_bookmark(listing, &format!("{created}:{seq}"))
    });
    let items: Vec<Value> = pins.iter().map(|p| pin_json(p, with_metrics)).collect();
    Reply::json(200, &paging::page(items, bookmark))
}

/// Where a pin stands in a listing: newer `created_at` first, then the
/// later-created of two that share a second.
fn order_key(pin: &StoredPin) -> (u64, u64) {
    (pin.created_unix, pin.seq)
}

fn read_position(position: &str) -> Option<(u64, u64)> {
    let (created, seq) = position.split_once(':')?;
    Some((created.parse().ok()?, seq.parse().ok()?))
}

/// The checked `creative_types` (repeated parameter), sorted.
fn creative_types(request: &Incoming) -> Result<Vec<String>, Reply> {
    let mut types = Vec::new();
    for value in request.query_all("creative_types") {
        if !CREATIVE_TYPES.contains(&value) {
            return Err(Reply::invalid(&format!(
                "'creative_types' value '{value}' is not one of the CreativeType values (REGULAR, VIDEO, CAROUSEL, …); repeat the parameter for several"
            )));
        }
        types.push(value.to_owned());
    }
    types.sort();
    types.dedup();
    Ok(types)
}

fn wanted_type(pin: &StoredPin, types: &[String]) -> bool {
    types.is_empty() || types.iter().any(|t| t == pin.media.creative_type())
}

fn metrics(request: &Incoming) -> Result<bool, Reply> {
    paging::flag(request, "pin_metrics", false)
}
