//! The polling trigger and the duplicate finder through the real component
//! against the Pinterest stand-in (an independent model of the API): while
//! a thread creates pins through the stand-in's API, in bursts that share
//! a second and in one burst larger than a poll's budget, the polls
//! together return exactly the pins created after the first poll, none
//! twice, each oldest first and within its requests; and the finder finds
//! the seeded pins that repeat a link, an image or a title.

mod common;

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use common::*;
use pinterest_standin::{Environment as StandInEnvironment, StandIn, StandInOptions};

/// The seeded board with 60 pins.
const SEEDED_BOARD: &str = "549755885100";
/// The creator's phases: creating while the polls go on, creating while
/// they pause, done.
const INTERLEAVED: usize = 0;
const BIG_BURST: usize = 1;
const DONE: usize = 2;

fn standard_access() -> (StandIn, Config, String) {
    let pinterest = StandIn::start(StandInOptions {
        trial: false,
        ..StandInOptions::default()
    })
    .unwrap();
    let tokens = pinterest.issue_tokens(
        StandInEnvironment::Production,
        &["boards:read", "boards:write", "pins:read", "pins:write"],
    );
    let config = Config {
        client_id: pinterest.client_id().to_owned(),
        client_secret: pinterest.client_secret().to_owned(),
        environment: Environment::Production,
        api_base_url: Some(pinterest.base_url()),
        authorize_url: None,
        ad_account_id: None,
    };
    (pinterest, config, tokens.access_token)
}

/// Creates a pin on the seeded board with a plain HTTP request (not
/// through the component), returning its id.
fn create_pin(base_url: &str, token: &str, n: usize) -> String {
    let address = base_url.trim_start_matches("http://");
    let body = serde_json::json!({
        "board_id": SEEDED_BOARD,
        "media_source": {"source_type": "image_url", "url": format!("https://cdn.example/{n}.jpg")},
        "title": format!("Made while polling {n}"),
    })
    .to_string();
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "POST /v5/pins HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    let (_, json) = answer.split_once("\r\n\r\n").unwrap();
    let pin: serde_json::Value = serde_json::from_str(json).unwrap();
    pin["id"].as_str().unwrap().to_owned()
}

/// The listing requests the stand-in answered so far.
fn listings(pinterest: &StandIn) -> usize {
    pinterest.request_count("GET", &format!("/v5/boards/{SEEDED_BOARD}/pins"))
}

#[test]
fn polls_under_concurrent_pin_creation_return_each_new_pin_exactly_once() {
    let (pinterest, config, token) = standard_access();
    let source = types::PinSource::Board(SEEDED_BOARD.into());
    let host = host();
    let base = pinterest.base_url();
    // Pins from before the first poll are never returned.
    let before: BTreeSet<String> = (0..5).map(|n| create_pin(&base, &token, n)).collect();
    let first = host
        .poll_new_pins(&config, &token, &source, None, Some(2))
        .unwrap()
        .unwrap();
    assert_eq!(first.pins.len(), 2, "the backlog");
    assert!(first.pins.iter().all(|p| before.contains(&p.id)));
    let mut cursor = first.cursor;

    // The creator: bursts of pins (many in the same second) while the
    // polls go on; then, while they pause, a burst beyond one poll's
    // budget; then more bursts while the polls finish that gap.
    let phase = Arc::new(AtomicUsize::new(INTERLEAVED));
    let creator = {
        let (base, token, phase) = (base.clone(), token.clone(), Arc::clone(&phase));
        thread::spawn(move || {
            let mut made = Vec::new();
            let mut n = 100;
            let mut burst = |size: usize, made: &mut Vec<String>| {
                for _ in 0..size {
                    made.push(create_pin(&base, &token, n));
                    n += 1;
                }
            };
            for round in 0..30 {
                burst(1 + round % 7 * 5, &mut made);
                thread::sleep(Duration::from_millis(20 + (round % 4) as u64 * 40));
            }
            phase.store(BIG_BURST, Ordering::SeqCst);
            burst(900, &mut made);
            phase.store(INTERLEAVED, Ordering::SeqCst);
            for round in 0..20 {
                burst(3 + round % 5, &mut made);
                thread::sleep(Duration::from_millis(30));
            }
            phase.store(DONE, Ordering::SeqCst);
            made
        })
    };

    let mut returned: Vec<String> = Vec::new();
    let mut polls = 0;
    let mut quiet_after_done = 0;
    let mut incomplete = 0;
    while quiet_after_done < 2 {
        let now = phase.load(Ordering::SeqCst);
        if now == BIG_BURST {
            thread::sleep(Duration::from_millis(5));
            continue;
        }
        let finished = now == DONE;
        let sent = listings(&pinterest);
        let found = host
            .poll_new_pins(&config, &token, &source, Some(&cursor), None)
            .unwrap()
            .unwrap();
        polls += 1;
        assert!(
            listings(&pinterest) - sent <= 4,
            "a poll sent more than 4 requests"
        );
        let seconds: Vec<&str> = found
            .pins
            .iter()
            .map(|p| p.created_at.as_deref().unwrap())
            .collect();
        assert!(seconds.is_sorted(), "not oldest first: {seconds:?}");
        returned.extend(found.pins.iter().map(|p| p.id.clone()));
        incomplete += usize::from(!found.complete);
        cursor = found.cursor;
        if finished && found.complete && found.pins.is_empty() {
            quiet_after_done += 1;
        }
        assert!(polls < 2000, "the polls never caught up");
        thread::sleep(Duration::from_millis(15));
    }
    let made = creator.join().unwrap();

    let unique: BTreeSet<String> = returned.iter().cloned().collect();
    assert_eq!(unique.len(), returned.len(), "a pin was returned twice");
    let made: BTreeSet<String> = made.into_iter().collect();
    assert!(made.len() > 1000, "{}", made.len());
    assert!(incomplete > 0, "no poll met a gap beyond its budget");
    let missed: Vec<&String> = made.difference(&unique).collect();
    let extra: Vec<&String> = unique.difference(&made).collect();
    assert!(
        missed.is_empty(),
        "missed {} pins: {missed:?}",
        missed.len()
    );
    assert!(
        extra.is_empty(),
        "returned pins from before the first poll: {extra:?}"
    );
    eprintln!(
        "{} pins created while polling, {polls} polls, {} listing requests",
        made.len(),
        listings(&pinterest)
    );
}

#[test]
fn the_finder_finds_the_seeded_pins_that_repeat_a_link_an_image_or_a_title() {
    let (pinterest, config, token) = standard_access();
    let host = host();
    let source = types::PinSource::Board(SEEDED_BOARD.into());
    let seeded = pinterest.board_pins(SEEDED_BOARD);
    assert_eq!(seeded.len(), 60);
    // Links repeat every 40 pins: "Idea 6" and "Idea 46" share one.
    let link = seeded
        .iter()
        .find(|p| p.title.as_deref() == Some("Idea 6"))
        .and_then(|p| p.link.clone())
        .unwrap();
    let expected: Vec<String> = seeded
        .iter()
        .filter(|p| p.link.as_deref() == Some(link.as_str()))
        .map(|p| p.id.clone())
        .collect();
    assert_eq!(expected.len(), 2);
    let candidate = types::DuplicateCandidate {
        link: Some(link.replace(
            "https://shop.standin.example",
            "HTTPS://Shop.Standin.Example:443",
        )),
        image_url: None,
        title: Some("IDEA 7".into()),
    };
    let report = host
        .find_duplicate_pins(&config, &token, &source, &candidate, None)
        .unwrap()
        .unwrap();
    assert_eq!((report.scanned, report.complete), (60, true));
    let idea_7 = seeded
        .iter()
        .find(|p| p.title.as_deref() == Some("Idea 7"))
        .unwrap();
    // In the listing's order (newest first), with what matched.
    let mut wanted: Vec<(String, Vec<types::MatchKind>)> = seeded
        .iter()
        .filter(|p| expected.contains(&p.id) || p.id == idea_7.id)
        .map(|p| {
            let kind = if p.id == idea_7.id {
                types::MatchKind::Title
            } else {
                types::MatchKind::Link
            };
            (p.id.clone(), vec![kind])
        })
        .collect();
    let found: Vec<(String, Vec<types::MatchKind>)> = report
        .duplicates
        .iter()
        .map(|d| (d.pin.id.clone(), d.matched.clone()))
        .collect();
    assert_eq!(found, std::mem::take(&mut wanted));

    // A pin saved from another has its image renditions: the image of the
    // original finds both.
    let original = &seeded[40];
    let shown = host
        .get_pin(&config, &token, &original.id)
        .unwrap()
        .unwrap();
    let image = shown.image_url.clone().unwrap();
    let saved = host
        .save_pin(&config, &token, &original.id, SEEDED_BOARD, None)
        .unwrap()
        .unwrap();
    let by_image = types::DuplicateCandidate {
        link: None,
        image_url: Some(image),
        title: None,
    };
    let report = host
        .find_duplicate_pins(&config, &token, &source, &by_image, Some(30))
        .unwrap()
        .unwrap();
    let found: BTreeSet<String> = report.duplicates.iter().map(|d| d.pin.id.clone()).collect();
    assert_eq!(found, BTreeSet::from([saved.id.clone()]));
    // The cap stopped the scan before the original (the 41st newest of
    // the seeded, behind the saved one).
    assert_eq!((report.scanned, report.complete), (30, false));
    assert!(report.bookmark.is_some());
    let report = host
        .find_duplicate_pins(&config, &token, &source, &by_image, None)
        .unwrap()
        .unwrap();
    let found: BTreeSet<String> = report.duplicates.iter().map(|d| d.pin.id.clone()).collect();
    assert_eq!(
        found,
        BTreeSet::from([saved.id.clone(), original.id.clone()])
    );
}
