//! `poll-new-pins` natively, against a model of a Pinterest listing: pins
//! newest first by `created_at` (whole seconds), ties in a chosen order,
//! bookmarks that keep their place (or count positions), and pins created
//! between polls and during them. Whatever happens, the polls together
//! return each pin created after the first poll exactly once, within the
//! request budget, and tampered cursors are refused before any request.

mod support;

use std::collections::BTreeSet;

use pinterest_connector::limits::{
    MAX_BACKLOG, MAX_CURSOR_CHARS, MAX_POLL_REQUESTS, MAX_SECOND_IDS, POLL_FIRST_PAGE_SIZE,
};
use pinterest_connector::{
    Config, Environment, Error, NewPins, PinSource, Request, Response, SectionRef, TransportError,
};
use proptest::prelude::*;
use serde_json::{Value, json};
use support::*;

const BOARD: &str = "549755885175";
/// 2024-05-01T00:00:00Z.
const START: i64 = 1_714_521_600;
const FIRST_ID: u64 = 813_040_700_000_000_000;

/// How pins of the same second are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ties {
    /// Higher id first (the model: later created, higher id).
    HigherIdFirst,
    /// Lower id first.
    LowerIdFirst,
}

/// What bookmarks hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bookmarks {
    /// The last pin of the page: pins created in between change nothing.
    KeepPlace,
    /// The position of the next page: pins created in between shift it.
    CountPositions,
}

/// A pin's creation second and id.
type Key = (i64, u64);

/// A board's listing, answering `GET /v5/boards/{id}/pins`.
struct Listing {
    pins: Vec<Key>,
    ties: Ties,
    bookmarks: Bookmarks,
    clock: i64,
    next_id: u64,
    /// Pins to create before answering the request of this number (counted
    /// over the listing's life), at the clock then.
    during: Vec<(usize, usize)>,
    /// Bookmarks carry it: those of an earlier one have expired (400).
    generation: u32,
    /// Every request's bookmark and page size.
    requests: Vec<(Option<String>, u32)>,
}

impl Listing {
    fn new(ties: Ties, bookmarks: Bookmarks) -> Self {
        Self {
            pins: Vec::new(),
            ties,
            bookmarks,
            clock: START,
            next_id: FIRST_ID,
            during: Vec::new(),
            generation: 0,
            requests: Vec::new(),
        }
    }

    /// Creates `n` pins now, returning their ids.
    fn create(&mut self, n: usize) -> Vec<u64> {
        (0..n)
            .map(|_| {
                let id = self.next_id;
                self.next_id += 1;
                self.pins.push((self.clock, id));
                id
            })
            .collect()
    }

    /// Creates `n` pins a second apart.
    fn create_spread(&mut self, n: usize) -> Vec<u64> {
        (0..n)
            .flat_map(|_| {
                self.tick(1);
                self.create(1)
            })
            .collect()
    }

    /// Makes every bookmark handed out so far expire.
    fn expire(&mut self) {
        self.generation += 1;
    }

    fn tick(&mut self, seconds: i64) {
        self.clock += seconds;
    }

    /// The pins newest first.
    fn listed(&self) -> Vec<Key> {
        let mut pins = self.pins.clone();
        pins.sort_by(|a, b| {
            b.0.cmp(&a.0).then(match self.ties {
                Ties::HigherIdFirst => b.1.cmp(&a.1),
                Ties::LowerIdFirst => a.1.cmp(&b.1),
            })
        });
        pins
    }

    fn answer(&mut self, request: Request) -> Result<Response, TransportError> {
        let url = url::Url::parse(&request.url).unwrap();
        assert_eq!(url.path(), format!("/v5/boards/{BOARD}/pins"));
        let query: Vec<(String, String)> = url.query_pairs().into_owned().collect();
        let get = |name: &str| {
            query
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        };
        let bookmark = get("bookmark");
        let size: u32 = get("page_size").unwrap().parse().unwrap();
        assert!((1..=250).contains(&size));
        self.requests.push((bookmark.clone(), size));
        let number = self.requests.len();
        let due: usize = (self.during.iter())
            .filter(|(at, _)| *at == number)
            .map(|(_, n)| n)
            .sum();
        self.create(due);
        let invalid = || json(400, json!({"code": 1, "message": "Invalid bookmark."}));
        let current = format!("g{}:", self.generation);
        let bookmark = match &bookmark {
            None => None,
            Some(b) => match b.strip_prefix(&current) {
                Some(b) => Some(b.to_owned()),
                None => return invalid(),
            },
        };
        let listed = self.listed();
        let start = match (self.bookmarks, &bookmark) {
            (_, None) => 0,
            (Bookmarks::CountPositions, Some(b)) => {
                match b.strip_prefix("at-").and_then(|at| at.parse().ok()) {
                    Some(at) => at,
                    None => return invalid(),
                }
            }
            (Bookmarks::KeepPlace, Some(b)) => {
                let key = b.strip_prefix("after-").and_then(|k| k.split_once('-'));
                let key: Option<Key> =
                    key.and_then(|(t, id)| Some((t.parse().ok()?, id.parse().ok()?)));
                match key.and_then(|key| listed.iter().position(|k| *k == key)) {
                    Some(at) => at + 1,
                    None => return invalid(),
                }
            }
        };
        let end = (start + size as usize).min(listed.len());
        let page = &listed[start.min(end)..end];
        let next = (end < listed.len()).then(|| match self.bookmarks {
            Bookmarks::CountPositions => format!("{current}at-{end}"),
            Bookmarks::KeepPlace => {
                let (t, id) = page.last().unwrap();
                format!("{current}after-{t}-{id}")
            }
        });
        let items: Vec<Value> = page.iter().map(|k| pin(*k)).collect();
        json(200, json!({"items": items, "bookmark": next}))
    }
}

/// A `Pin` as Pinterest lists it.
fn pin((second, id): Key) -> Value {
    json!({
        "id": id.to_string(),
        "created_at": naive_time(second),
        "title": format!("Pin {id}"),
        "board_id": BOARD,
        "media": {"media_type": "image"},
    })
}

/// `YYYY-MM-DDTHH:MM:SS` (no zone, as Pinterest sends it).
fn naive_time(second: i64) -> String {
    let days = second.div_euclid(86_400);
    let clock = second.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (proleptic Gregorian).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        clock / 3600,
        clock / 60 % 60,
        clock % 60
    )
}

fn board() -> PinSource {
    PinSource::Board(BOARD.into())
}

/// One poll of the board, through the listing.
fn poll(
    listing: &mut Listing,
    cursor: Option<&str>,
    backlog: Option<u32>,
) -> Result<NewPins, Error> {
    let config = config();
    let mut c = connector(&config, |r| listing.answer(r));
    c.poll_new_pins(&access_token(), &board(), cursor, backlog)
}

fn ids(found: &NewPins) -> Vec<u64> {
    found.pins.iter().map(|p| p.id.parse().unwrap()).collect()
}

/// Polls until a poll is complete (at most `polls` times), checking each
/// poll's requests and order; returns every pin returned, in order.
fn drain(listing: &mut Listing, cursor: &mut String, polls: usize) -> Vec<u64> {
    let mut all = Vec::new();
    for _ in 0..polls {
        let before = listing.requests.len();
        let found = poll(listing, Some(cursor), None).unwrap();
        assert!(listing.requests.len() - before <= MAX_POLL_REQUESTS);
        assert_oldest_first(listing, &found);
        all.extend(ids(&found));
        *cursor = found.cursor;
        if found.complete {
            return all;
        }
    }
    panic!("not complete after {polls} polls");
}

/// The pins of a poll are oldest first (by second; ties in either order).
fn assert_oldest_first(listing: &Listing, found: &NewPins) {
    let seconds: Vec<i64> = ids(found)
        .iter()
        .map(|id| listing.pins.iter().find(|(_, i)| i == id).unwrap().0)
        .collect();
    assert!(seconds.is_sorted(), "not oldest first: {seconds:?}");
}

fn assert_exactly_once(returned: &[u64], expected: &[u64]) {
    let unique: BTreeSet<u64> = returned.iter().copied().collect();
    assert_eq!(unique.len(), returned.len(), "a pin was returned twice");
    let expected: BTreeSet<u64> = expected.iter().copied().collect();
    let missed: Vec<u64> = expected
        .difference(&unique)
        .map(|id| id - FIRST_ID)
        .collect();
    let extra: Vec<u64> = unique
        .difference(&expected)
        .map(|id| id - FIRST_ID)
        .collect();
    assert!(
        missed.is_empty() && extra.is_empty(),
        "missed {} (from the {}th), extra {} (from the {}th)",
        missed.len(),
        missed.first().copied().unwrap_or_default(),
        extra.len(),
        extra.first().copied().unwrap_or_default()
    );
}

#[test]
fn the_first_poll_returns_a_cursor_and_asks_for_one_small_page() {
    let mut listing = Listing::new(Ties::HigherIdFirst, Bookmarks::KeepPlace);
    listing.create_spread(40);
    let found = poll(&mut listing, None, None).unwrap();
    assert!(found.pins.is_empty());
    assert!(found.complete);
    assert_eq!(listing.requests, [(None, POLL_FIRST_PAGE_SIZE)]);
    assert!(found.cursor.len() < 200, "{}", found.cursor);
    assert!(
        found
            .cursor
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    );
}

#[test]
fn the_first_poll_returns_the_newest_backlog_oldest_first() {
    let mut listing = Listing::new(Ties::HigherIdFirst, Bookmarks::KeepPlace);
    for _ in 0..10 {
        listing.create(1);
        listing.tick(60);
    }
    let found = poll(&mut listing, None, Some(3)).unwrap();
    let newest: Vec<u64> = (FIRST_ID + 7..FIRST_ID + 10).collect();
    assert_eq!(ids(&found), newest);
    assert_eq!(
        found.pins[2].created_at.as_deref(),
        Some("2024-05-01T00:09:00Z")
    );
    let found = poll(&mut listing, None, Some(MAX_BACKLOG)).unwrap();
    assert_eq!(ids(&found).len(), 10);
    assert_eq!(listing.requests[1], (None, MAX_BACKLOG));
    let error = poll(&mut listing, None, Some(MAX_BACKLOG + 1)).unwrap_err();
    assert_eq!(
        error,
        Error::invalid("backlog", "is 251; it must be at most 250")
    );
    assert_eq!(listing.requests.len(), 2, "refused before any request");
}

#[test]
fn a_cursor_round_trips_returning_new_pins_once_oldest_first() {
    let mut listing = Listing::new(Ties::HigherIdFirst, Bookmarks::KeepPlace);
    listing.create_spread(30);
    let mut cursor = poll(&mut listing, None, None).unwrap().cursor;
    let quiet = poll(&mut listing, Some(&cursor), None).unwrap();
    assert!(quiet.pins.is_empty() && quiet.complete);
    assert_eq!(listing.requests.len(), 2, "one request when nothing is new");
    for round in 0..5 {
        listing.tick(7);
        let new = listing.create(round);
        let found = poll(&mut listing, Some(&cursor), None).unwrap();
        assert_eq!(ids(&found), new, "round {round}");
        assert!(found.complete);
        cursor = found.cursor;
    }
    // An empty cursor is none: a first poll.
    let first = poll(&mut listing, Some(""), None).unwrap();
    assert!(first.pins.is_empty());
}

#[test]
fn pins_of_the_cursors_newest_second_are_neither_missed_nor_repeated() {
    for ties in [Ties::HigherIdFirst, Ties::LowerIdFirst] {
        let mut listing = Listing::new(ties, Bookmarks::KeepPlace);
        listing.create(5);
        listing.tick(1);
        // The newest second holds pins before the first poll and after it.
        listing.create(3);
        let mut cursor = poll(&mut listing, None, None).unwrap().cursor;
        let mut expected = listing.create(2);
        let found = poll(&mut listing, Some(&cursor), None).unwrap();
        let mut returned = ids(&found);
        assert_eq!(returned.len(), 2, "{ties:?}");
        cursor = found.cursor;
        expected.extend(listing.create(4));
        listing.tick(1);
        expected.extend(listing.create(1));
        returned.extend(drain(&mut listing, &mut cursor, 1));
        returned.extend(drain(&mut listing, &mut cursor, 1));
        assert_exactly_once(&returned, &expected);
    }
}

#[test]
fn pins_created_during_a_poll_come_with_the_next() {
    for bookmarks in [Bookmarks::KeepPlace, Bookmarks::CountPositions] {
        let mut listing = Listing::new(Ties::HigherIdFirst, bookmarks);
        listing.create(100);
        let mut cursor = poll(&mut listing, None, None).unwrap().cursor;
        let from = listing.next_id;
        listing.tick(1);
        listing.create(60);
        // Created in the second of the poll's newest pins while it reads
        // its second page, and while the next poll reads its first.
        let at = listing.requests.len();
        listing.during = vec![(at + 2, 3), (at + 3, 2)];
        let found = poll(&mut listing, Some(&cursor), None).unwrap();
        assert!(found.complete, "{bookmarks:?}");
        assert_eq!(listing.requests.len(), at + 2);
        let mut returned = ids(&found);
        assert_eq!(returned.len(), 60, "{bookmarks:?}");
        cursor = found.cursor;
        returned.extend(drain(&mut listing, &mut cursor, 1));
        assert_eq!(returned.len(), 65, "{bookmarks:?}");
        assert_exactly_once(&returned, &(from..listing.next_id).collect::<Vec<_>>());
    }
}

#[test]
fn a_gap_larger_than_the_budget_is_finished_by_the_next_polls() {
    for (ties, bookmarks) in [
        (Ties::HigherIdFirst, Bookmarks::KeepPlace),
        (Ties::LowerIdFirst, Bookmarks::CountPositions),
    ] {
        let mut listing = Listing::new(ties, bookmarks);
        listing.create_spread(50);
        let mut cursor = poll(&mut listing, None, None).unwrap().cursor;
        let mut expected = Vec::new();
        for _ in 0..2600 {
            listing.tick(1);
            expected.extend(listing.create(1));
        }
        let found = poll(&mut listing, Some(&cursor), None).unwrap();
        assert!(!found.complete);
        assert_eq!(listing.requests.len(), 1 + MAX_POLL_REQUESTS);
        assert_eq!(
            listing.requests[1..]
                .iter()
                .map(|(_, size)| *size)
                .collect::<Vec<_>>(),
            [25, 250, 250, 250]
        );
        let mut returned = ids(&found);
        cursor = found.cursor;
        // More pins arrive while the gap is being finished.
        expected.extend(listing.create_spread(40));
        returned.extend(drain(&mut listing, &mut cursor, 10));
        assert_exactly_once(&returned, &expected);
        // Then the trigger is quiet again: one request.
        let before = listing.requests.len();
        let quiet = poll(&mut listing, Some(&cursor), None).unwrap();
        assert!(quiet.pins.is_empty() && quiet.complete);
        assert_eq!(listing.requests.len(), before + 1);
    }
}

#[test]
fn a_refused_bookmark_is_walked_around_from_the_top() {
    let mut listing = Listing::new(Ties::HigherIdFirst, Bookmarks::KeepPlace);
    listing.create(10);
    let mut cursor = poll(&mut listing, None, None).unwrap().cursor;
    let mut expected = Vec::new();
    for _ in 0..150 {
        listing.tick(1);
        expected.extend(listing.create(10));
    }
    let found = poll(&mut listing, Some(&cursor), None).unwrap();
    assert!(!found.complete);
    let mut returned = ids(&found);
    cursor = found.cursor;
    // Every bookmark handed out so far expires.
    listing.expire();
    let before = listing.requests.len();
    let found = poll(&mut listing, Some(&cursor), None).unwrap();
    assert_eq!(
        listing.requests[before]
            .0
            .as_deref()
            .map(|b| b.starts_with("g0:after-")),
        Some(true)
    );
    assert_eq!(listing.requests[before + 1].0, None, "walked from the top");
    returned.extend(ids(&found));
    cursor = found.cursor;
    returned.extend(drain(&mut listing, &mut cursor, 10));
    assert_exactly_once(&returned, &expected);
}

#[test]
fn many_pins_of_one_second_are_told_apart_by_the_model_tie_break() {
    let mut listing = Listing::new(Ties::HigherIdFirst, Bookmarks::KeepPlace);
    listing.create(3 * MAX_SECOND_IDS);
    let mut cursor = poll(&mut listing, None, None).unwrap().cursor;
    let mut expected = listing.create(2 * MAX_SECOND_IDS);
    let mut returned = drain(&mut listing, &mut cursor, 1);
    expected.extend(listing.create(5));
    returned.extend(drain(&mut listing, &mut cursor, 1));
    assert_exactly_once(&returned, &expected);
    assert!(
        cursor.len() < 1200,
        "{} characters: {}",
        cursor.len(),
        decoded(&cursor)
    );
}

#[test]
fn a_first_poll_of_an_empty_board_returns_every_later_pin() {
    let mut listing = Listing::new(Ties::HigherIdFirst, Bookmarks::KeepPlace);
    let mut cursor = poll(&mut listing, None, Some(10)).unwrap().cursor;
    let expected = listing.create(3);
    let returned = drain(&mut listing, &mut cursor, 1);
    assert_exactly_once(&returned, &expected);
}

/// A schedule step: pins created between polls (`between`), and while the
/// poll reads (`during`, before its request of that number).
#[derive(Debug, Clone)]
struct Step {
    ticks: i64,
    between: usize,
    during: Vec<(usize, usize)>,
}

fn steps() -> impl Strategy<Value = Vec<Step>> {
    // Now and then more than a poll can take, in one second.
    let between = prop_oneof![4 => 0usize..400, 1 => 400usize..1200];
    let step = (
        0i64..3,
        between,
        proptest::collection::vec((1usize..5, 0usize..40), 0..3),
    )
        .prop_map(|(ticks, between, during)| Step {
            ticks,
            between,
            during,
        });
    proptest::collection::vec(step, 1..12)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whatever is created, between polls and during them, in the same
    /// second or not: the union of every poll is exactly the pins created
    /// after the first, none twice, each poll within its budget.
    #[test]
    fn every_pin_created_after_the_first_poll_comes_exactly_once(
        seeded in 0usize..300,
        schedule in steps(),
        lower_first in any::<bool>(),
        positions in any::<bool>(),
        expiring in any::<bool>(),
    ) {
        let ties = if lower_first { Ties::LowerIdFirst } else { Ties::HigherIdFirst };
        let bookmarks = if positions { Bookmarks::CountPositions } else { Bookmarks::KeepPlace };
        let mut listing = Listing::new(ties, bookmarks);
        listing.create(seeded);
        let mut cursor = poll(&mut listing, None, None).unwrap().cursor;
        let mut returned = Vec::new();
        for step in schedule {
            listing.tick(step.ticks);
            listing.create(step.between);
            let at = listing.requests.len();
            listing.during = step.during.iter().map(|(n, k)| (at + n, *k)).collect();
            if expiring {
                listing.expire();
            }
            let found = poll(&mut listing, Some(&cursor), None).unwrap();
            prop_assert!(listing.requests.len() - at <= MAX_POLL_REQUESTS);
            assert_oldest_first(&listing, &found);
            returned.extend(ids(&found));
            cursor = found.cursor;
            prop_assert!(cursor.len() <= MAX_CURSOR_CHARS);
        }
        listing.during.clear();
        listing.tick(1);
        returned.extend(drain(&mut listing, &mut cursor, 40));
        let expected: Vec<u64> = (FIRST_ID + seeded as u64..listing.next_id).collect();
        // Lower-first ties break the model's tie-break, which a cursor
        // relies on only beyond the ids it names one by one.
        if ties == Ties::HigherIdFirst || few_per_second(&listing) {
            assert_exactly_once(&returned, &expected);
        } else {
            let unique: BTreeSet<u64> = returned.iter().copied().collect();
            prop_assert_eq!(unique.len(), returned.len(), "a pin was returned twice");
        }
    }
}

/// Whether no second holds more pins than a cursor names one by one.
fn few_per_second(listing: &Listing) -> bool {
    let mut counts = std::collections::BTreeMap::new();
    for (t, _) in &listing.pins {
        *counts.entry(*t).or_insert(0usize) += 1;
    }
    counts.values().all(|n| *n <= MAX_SECOND_IDS)
}

#[test]
fn a_pin_without_a_readable_time_or_id_spoils_the_page() {
    let answer = |items: Value| {
        let config = config();
        let mut c = connector(&config, move |_| {
            json(200, json!({"items": items.clone(), "bookmark": null}))
        });
        c.poll_new_pins(&access_token(), &board(), None, None)
            .unwrap_err()
    };
    for (items, said) in [
        (json!([{"id": "1"}]), "pin 1 has no readable created_at"),
        (
            json!([{"id": "1", "created_at": "yesterday"}]),
            "pin 1 has no readable created_at",
        ),
        (
            json!([{"id": "pin-1", "created_at": "2024-05-01T10:20:30"}]),
            "a pin's id is not 1 to 32 decimal digits",
        ),
    ] {
        let Error::UnexpectedResponse { failure, .. } = answer(items) else {
            panic!("accepted")
        };
        assert!(failure.summary.contains(said), "{}", failure.summary);
    }
    let Error::UnexpectedResponse { failure, excerpt } = answer(json!([
        {"id": "1", "created_at": "2024-05-01T10:20:30"},
        {"id": "2", "created_at": "2024-05-01T10:20:31"},
    ])) else {
        panic!("accepted")
    };
    assert!(
        failure
            .summary
            .contains("listed pin 2 (created 2024-05-01T10:20:31Z) after a pin 1 seconds older"),
        "{}",
        failure.summary
    );
    assert!(
        failure.remedy.contains("newest first"),
        "{}",
        failure.remedy
    );
    assert_eq!(excerpt, "2024-05-01T10:20:31Z");
}

#[test]
fn a_bookmark_that_repeats_within_a_poll_is_an_error() {
    let config = config();
    let mut sent = 0;
    let mut c = connector(&config, |_| {
        sent += 1;
        let items: Vec<Value> = (0..25).map(|i| pin((START, FIRST_ID + i))).collect();
        json(200, json!({"items": items, "bookmark": "same"}))
    });
    let Err(Error::UnexpectedResponse { failure, .. }) =
        c.poll_new_pins(&access_token(), &board(), None, None)
    else {
        panic!("followed")
    };
    assert!(
        failure.summary.contains("same bookmark twice"),
        "{}",
        failure.summary
    );
    assert_eq!(sent, 2);
}

/// A cursor of the board from a few polls with a gap open.
fn cursor_with_a_gap() -> String {
    let mut listing = Listing::new(Ties::HigherIdFirst, Bookmarks::KeepPlace);
    listing.create(10);
    let cursor = poll(&mut listing, None, None).unwrap().cursor;
    listing.tick(1);
    listing.create(1000);
    let found = poll(&mut listing, Some(&cursor), None).unwrap();
    assert!(!found.complete);
    found.cursor
}

fn refused(config: &Config, source: &PinSource, cursor: &str) -> String {
    let mut sent = 0;
    let mut c = connector(config, |_| {
        sent += 1;
        Err(TransportError::Connection("no request may be sent".into()))
    });
    let result = c.poll_new_pins(&access_token(), source, Some(cursor), None);
    assert_eq!(sent, 0, "a request was sent for {cursor:?}");
    match result {
        Err(Error::InvalidInput { field, reason }) => {
            assert_eq!(field, "cursor");
            assert!(
                cursor.len() < 8 || !reason.contains(cursor),
                "the reason echoes the cursor"
            );
            reason
        }
        other => panic!("{cursor:?} was accepted: {other:?}"),
    }
}

/// A cursor of `text` (its lines before the check), with its check, as
/// the connector writes them: what a careful forger would make.
fn encoded(text: &str) -> String {
    use base64::Engine as _;
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{text}\ncheck {hash:016x}"))
}

/// The text of a cursor, without its check.
fn decoded(cursor: &str) -> String {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(cursor)
        .unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let (text, _) = text.rsplit_once("\ncheck ").unwrap();
    text.to_owned()
}

fn unchecked(text: &str) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(text)
}

/// Whether a poll of a one-pin board takes `cursor`.
fn taken(cursor: &str) -> bool {
    let mut listing = Listing::new(Ties::HigherIdFirst, Bookmarks::KeepPlace);
    listing.create(1);
    poll(&mut listing, Some(cursor), None).is_ok()
}

#[test]
fn tampered_or_foreign_cursors_are_refused_before_any_request() {
    let cursor = cursor_with_a_gap();
    let text = decoded(&cursor);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "poll-new-pins 1");
    assert_eq!(lines[1], format!("for production|board/{BOARD}|"));
    assert_eq!(
        lines[2..]
            .iter()
            .map(|l| l.split(' ').next().unwrap())
            .collect::<Vec<_>>(),
        ["floor", "lo", "hi", "bookmark"]
    );
    assert_eq!(encoded(&text), cursor, "the cursor as written");
    assert!(taken(&cursor));
    let config = config();
    let mut reasons = BTreeSet::new();
    let mut tampered = |line: usize, with: &str| {
        let mut changed: Vec<&str> = lines.clone();
        if line < changed.len() {
            changed[line] = with;
        } else {
            changed.push(with);
        }
        let changed = changed.join("\n");
        reasons.insert(refused(&config, &board(), &encoded(&changed)));
    };
    let floor_t = lines[2].split(' ').nth(1).unwrap();
    let many: Vec<String> = (1..=33).map(|i| i.to_string()).collect();
    let many = format!("floor {floor_t} {} -", many.join(","));
    let long_bookmark = format!("bookmark {}", "b".repeat(4097));
    for (line, with) in [
        (0, "poll-new-pins 2"),
        (0, "poll-new-pins 1 "),
        (0, ""),
        (1, "for production|board/1|"),
        (1, "production|board/549755885175|"),
        (2, "floor -1 - -"),
        (2, "floor 01714521600 - -"),
        (2, "floor 253402300800 - -"),
        (2, "floor 99999999999999999999 - -"),
        (2, "floor 1714521600 12a -"),
        (2, "floor 1714521600 1,1 -"),
        (2, "floor 1714521600 , -"),
        (2, &many),
        (2, &format!("floor 1714521600 {} -", "1".repeat(33))),
        (2, "floor 1714521600 - 9..1"),
        (2, "floor 1714521600 - 1..2..3"),
        (2, "floor 1714521600 - 1-2"),
        (2, "floor 1714521600 -"),
        (2, "floor 1714521600 - - -"),
        (2, "floor  1714521600 - -"),
        (2, "ground 1714521600 - -"),
        (3, "lo 0 - -"),
        (4, "hi 0 - -"),
        (4, "bookmark x"),
        (5, "bookmark "),
        (5, "bookmark a b"),
        (5, &long_bookmark),
        (5, "bookmark é"),
        (6, "floor 1 - -"),
        (6, ""),
    ] {
        tampered(line, with);
    }
    assert!(reasons.len() >= 8, "{reasons:#?}");
    for garbage in [
        "x".to_owned(),
        "!!!!".to_owned(),
        format!("{cursor}="),
        cursor[..cursor.len() - 3].to_owned(),
        cursor.replace(|c: char| c.is_ascii_lowercase(), "A"),
        encoded("[1, 2]"),
        encoded(""),
        encoded("poll-new-pins 1"),
        unchecked(&text),
        unchecked(&format!("{text}\ncheck 0000000000000000")),
        encoded(&text).replace('A', "B"),
        "A".repeat(MAX_CURSOR_CHARS + 1),
    ] {
        refused(&config, &board(), &garbage);
    }
    // Every single-character change is refused: the check tells.
    let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for at in (0..cursor.len()).step_by(5) {
        let mut changed = cursor.clone().into_bytes();
        changed[at] = alphabet.as_bytes()[(at * 31) % 64];
        let changed = String::from_utf8(changed).unwrap();
        if changed != cursor {
            refused(&config, &board(), &changed);
        }
    }
    // The cursor is for its source, environment and ad account only.
    let section = PinSource::Section(SectionRef {
        board_id: BOARD.into(),
        section_id: "4983232016467541134".into(),
    });
    let sandbox = Config {
        environment: Environment::Sandbox,
        ..config.clone()
    };
    let ad_account = Config {
        ad_account_id: Some("549755885176".into()),
        ..config.clone()
    };
    for (config, source) in [
        (&config, &section),
        (&config, &PinSource::Account),
        (&sandbox, &board()),
        (&ad_account, &board()),
    ] {
        let reason = refused(config, source, &cursor);
        assert!(reason.contains("another source"), "{reason}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A cursor with a character of its text changed: refused as invalid
    /// input, or taken; never a panic, and never more than the budget of
    /// requests.
    #[test]
    fn an_edited_cursor_is_refused_or_polled_within_budget(
        at in any::<proptest::sample::Index>(),
        with in proptest::sample::select(vec!['0', '9', ' ', ',', '.', '-', '\n', 'x', '|', '/']),
    ) {
        let mut text: Vec<char> = decoded(&cursor_with_a_gap()).chars().collect();
        let at = at.index(text.len());
        text[at] = with;
        let text: String = text.into_iter().collect();
        let mut listing = Listing::new(Ties::HigherIdFirst, Bookmarks::KeepPlace);
        listing.create(3);
        match poll(&mut listing, Some(&encoded(&text)), None) {
            Ok(_) => prop_assert!(listing.requests.len() <= MAX_POLL_REQUESTS),
            Err(Error::InvalidInput { field, .. }) => prop_assert_eq!(field, "cursor"),
            Err(other) => prop_assert!(false, "{:?}", other),
        }
    }

    /// Any text as a cursor: refused as invalid input, or taken; never a
    /// panic, and never more than the budget of requests.
    #[test]
    fn any_cursor_text_is_refused_or_polled_within_budget(text in "\\PC{0,300}") {
        let mut listing = Listing::new(Ties::HigherIdFirst, Bookmarks::KeepPlace);
        listing.create(3);
        match poll(&mut listing, Some(&text), None) {
            Ok(_) => prop_assert!(listing.requests.len() <= MAX_POLL_REQUESTS),
            Err(Error::InvalidInput { field, .. }) => prop_assert_eq!(field, "cursor"),
            Err(other) => prop_assert!(false, "{:?}", other),
        }
    }
}

#[test]
fn the_fuzzers_seed_cursors_are_read_as_a_poll_writes_them() {
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/poll_cursor");
    for (name, taken_as_written) in [
        ("hand-empty.txt", true),
        ("hand-floor.txt", true),
        ("hand-gap.txt", true),
        ("hand-other-source.txt", false),
        ("hand-other-version.txt", false),
        ("hand-not-base64.txt", false),
    ] {
        let cursor = std::fs::read_to_string(seeds.join(name)).unwrap();
        assert_eq!(taken(&cursor), taken_as_written, "{name}");
    }
}
