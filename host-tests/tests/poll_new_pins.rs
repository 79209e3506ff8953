//! `poll-new-pins` through the real component against wiremock: a board
//! listing its pins newest first with bookmarks that keep their place,
//! pins created between polls (in the cursor's second too), a gap larger
//! than a poll's budget finished by the next polls, the requests of each
//! poll asserted, every failure class, and cursors and backlogs refused
//! before any request.

mod common;

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};

use common::*;
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, Request, Respond, ResponseTemplate};

const AT: &str = "/v5/boards/549755885175/pins";
/// 2024-05-01T00:00:00Z.
const START: u64 = 1_714_521_600;
const FIRST_ID: u64 = 813_744_226_420_000_000;

/// A board's pins (creation second, id), listed newest first, higher id
/// first within a second; a bookmark names the last pin of its page.
#[derive(Clone, Default)]
struct Board(Arc<Mutex<Vec<(u64, u64)>>>);

impl Board {
    /// Creates `n` pins at `second`, returning their ids.
    fn create(&self, second: u64, n: usize) -> Vec<String> {
        let mut pins = self.0.lock().unwrap();
        (0..n)
            .map(|_| {
                let id = FIRST_ID + pins.len() as u64;
                pins.push((second, id));
                id.to_string()
            })
            .collect()
    }
}

impl Respond for Board {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut pins = self.0.lock().unwrap().clone();
        pins.sort_by(|a, b| b.cmp(a));
        let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
        let get = |name: &str| {
            query
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        let size: usize = get("page_size").unwrap().parse().unwrap();
        let start = match get("bookmark") {
            None => 0,
            Some(b) => {
                let id: u64 = b.strip_prefix("after-").unwrap().parse().unwrap();
                pins.iter().position(|(_, i)| *i == id).unwrap() + 1
            }
        };
        let end = (start + size).min(pins.len());
        let page = &pins[start..end];
        let bookmark = (end < pins.len()).then(|| format!("after-{}", page.last().unwrap().1));
        let items: Vec<Value> = page
            .iter()
            .map(|(second, id)| {
                let mut pin = pin_json(&id.to_string());
                pin["created_at"] = json!(naive(*second));
                pin
            })
            .collect();
        ResponseTemplate::new(200).set_body_json(json!({"items": items, "bookmark": bookmark}))
    }
}

/// `2024-05-01THH:MM:SS` for a second of that day.
fn naive(second: u64) -> String {
    let s = second - START;
    format!(
        "2024-05-01T{:02}:{:02}:{:02}",
        s / 3600,
        s / 60 % 60,
        s % 60
    )
}

fn serving(board: &Board) -> Pinterest {
    let p = Pinterest::start();
    p.mount(
        Mock::given(method("GET"))
            .and(path(AT))
            .respond_with(board.clone()),
    );
    p
}

fn poll(
    p: &Pinterest,
    cursor: Option<&str>,
    backlog: Option<u32>,
) -> Result<types::NewPins, Error> {
    host()
        .poll_new_pins(
            &p.config(),
            ACCESS_TOKEN,
            &pin_sources()[0],
            cursor,
            backlog,
        )
        .unwrap()
}

fn ids(found: &types::NewPins) -> Vec<String> {
    found.pins.iter().map(|p| p.id.clone()).collect()
}

/// The query of each request since the `from`th.
fn queries(p: &Pinterest, from: usize) -> Vec<String> {
    p.requests()[from..]
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn the_first_poll_sends_one_small_request_and_returns_a_cursor() {
    let board = Board::default();
    for n in 0..40 {
        board.create(START + n, 1);
    }
    let p = serving(&board);
    let config = business(p.config());
    let first = host()
        .poll_new_pins(&config, ACCESS_TOKEN, &pin_sources()[0], None, None)
        .unwrap()
        .unwrap();
    assert!(first.pins.is_empty() && first.complete);
    assert!(!first.cursor.is_empty() && first.cursor.len() < 200);
    let request = p.single_request();
    assert_request(
        &request,
        "GET",
        AT,
        &[("page_size", "25"), ("ad_account_id", AD_ACCOUNT_ID)],
        None,
    );
    // With a backlog: the newest pins, oldest first.
    let with_backlog = poll(&p, None, Some(3)).unwrap();
    let newest: Vec<String> = (37..40).map(|n| (FIRST_ID + n).to_string()).collect();
    assert_eq!(ids(&with_backlog), newest);
    assert_eq!(
        with_backlog.pins[0].created_at.as_deref(),
        Some("2024-05-01T00:00:37Z")
    );
    assert_eq!(
        with_backlog.pins[0].url,
        format!("https://www.pinterest.com/pin/{}/", FIRST_ID + 37)
    );
    assert_conforming(&p);
}

#[test]
fn new_pins_come_once_oldest_first_those_of_the_cursors_second_too() {
    let board = Board::default();
    board.create(START, 10);
    board.create(START + 1, 2);
    let p = serving(&board);
    let mut cursor = poll(&p, None, None).unwrap().cursor;
    let quiet = poll(&p, Some(&cursor), None).unwrap();
    assert!(quiet.pins.is_empty() && quiet.complete);
    cursor = quiet.cursor;
    // The cursor's newest second gets two more, and a later one three.
    let mut expected = board.create(START + 1, 2);
    expected.extend(board.create(START + 5, 3));
    let from = p.requests().len();
    let found = poll(&p, Some(&cursor), None).unwrap();
    assert_eq!(ids(&found), expected);
    assert!(found.complete);
    assert_eq!(queries(&p, from), ["page_size=25"]);
    let again = poll(&p, Some(&found.cursor), None).unwrap();
    assert!(again.pins.is_empty(), "nothing twice");
}

#[test]
fn a_gap_beyond_the_budget_is_finished_by_the_next_polls() {
    let board = Board::default();
    board.create(START, 5);
    let p = serving(&board);
    let mut cursor = poll(&p, None, None).unwrap().cursor;
    let mut expected = BTreeSet::new();
    for n in 1..=2000 {
        expected.extend(board.create(START + n, 1));
    }
    let from = p.requests().len();
    let found = poll(&p, Some(&cursor), None).unwrap();
    assert!(!found.complete);
    assert_eq!(found.pins.len(), 775);
    let sent = queries(&p, from);
    assert_eq!(sent.len(), 4);
    assert_eq!(sent[0], "page_size=25");
    assert!(
        sent[1..].iter().all(|q| q.ends_with("page_size=250")),
        "{sent:?}"
    );
    let mut returned: Vec<String> = ids(&found);
    cursor = found.cursor;
    // The next poll goes on below what the first returned.
    let from = p.requests().len();
    let next = poll(&p, Some(&cursor), None).unwrap();
    let resumed = &p.requests()[from];
    let bookmark = resumed.url.query_pairs().find(|(k, _)| k == "bookmark");
    assert_eq!(
        bookmark.map(|(_, v)| v.into_owned()),
        Some(format!("after-{}", FIRST_ID + 2000 - 775 + 5))
    );
    returned.extend(ids(&next));
    cursor = next.cursor;
    let mut complete = next.complete;
    for _ in 0..5 {
        if complete {
            break;
        }
        let from = p.requests().len();
        let found = poll(&p, Some(&cursor), None).unwrap();
        assert!(p.requests().len() - from <= 4);
        returned.extend(ids(&found));
        cursor = found.cursor;
        complete = found.complete;
    }
    assert!(complete);
    assert!(assert_conforming(&p) > 8);
    let unique: BTreeSet<String> = returned.iter().cloned().collect();
    assert_eq!(unique.len(), returned.len(), "a pin came twice");
    assert_eq!(unique, expected);
}

#[test]
fn the_cursor_and_the_backlog_are_checked_before_any_request() {
    let board = Board::default();
    board.create(START, 5);
    let p = serving(&board);
    let cursor = poll(&p, None, None).unwrap().cursor;
    let sent = p.requests().len();
    for bad in [
        "not a cursor".to_owned(),
        cursor[1..].to_owned(),
        format!("{cursor}A"),
        "A".repeat(20_000),
    ] {
        let error = poll(&p, Some(&bad), None).unwrap_err();
        let reason = invalid_input(error, "cursor");
        assert!(reason.contains("pass the cursor of this source's previous poll"));
    }
    // Another source's cursor.
    let error = host()
        .poll_new_pins(
            &p.config(),
            ACCESS_TOKEN,
            &types::PinSource::Account,
            Some(&cursor),
            None,
        )
        .unwrap()
        .unwrap_err();
    let reason = invalid_input(error, "cursor");
    assert!(reason.contains("another source"), "{reason}");
    let error = poll(&p, None, Some(251)).unwrap_err();
    assert_eq!(
        invalid_input(error, "backlog"),
        "is 251; it must be at most 250"
    );
    let error = host()
        .poll_new_pins(
            &p.config(),
            ACCESS_TOKEN,
            &types::PinSource::Board("board".into()),
            None,
            None,
        )
        .unwrap()
        .unwrap_err();
    invalid_input(error, "source.board");
    assert_eq!(p.requests().len(), sent);
}

#[test]
fn a_pin_without_a_creation_time_is_unexpected() {
    let p = Pinterest::start();
    let mut pin = pin_json(PIN_ID);
    pin["created_at"] = Value::Null;
    p.mount(Mock::given(method("GET")).and(path(AT)).respond_with(
        ResponseTemplate::new(200).set_body_json(json!({"items": [pin], "bookmark": null})),
    ));
    let error = poll(&p, None, None).unwrap_err();
    let Error::UnexpectedResponse(u) = &error else {
        panic!("{error:?}")
    };
    assert!(
        u.failure.summary.contains("has no readable created_at"),
        "{}",
        u.failure.summary
    );
}

#[test]
fn poll_new_pins_fails_typed_on_the_first_poll_and_later_ones() {
    let board = Board::default();
    board.create(START, 5);
    let cursor = poll(&serving(&board), None, None).unwrap().cursor;
    for cursor in [None, Some(cursor.as_str())] {
        assert_failures(
            || Mock::given(method("GET")).and(path(AT)),
            api_failures(),
            |p| poll(p, cursor, None).map(drop),
        );
    }
}
