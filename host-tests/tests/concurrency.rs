//! One pre-instantiated `ConnectorHost` shared by many threads: 200
//! operations from 8 threads, each with its own access token and board,
//! against one server that echoes what it received. Every answer comes
//! back to the call that asked, built from that call's own token and
//! board: no store sees another's data.

mod common;

use std::time::Duration;

use common::*;
use serde_json::json;
use wiremock::{Mock, Respond, ResponseTemplate};

const OPERATIONS: usize = 200;
const THREADS: usize = 8;

/// Operation `n`'s access token.
fn token(n: usize) -> String {
    format!("pina_CONCURRENT{n:04}.{:016x}", n * 7919)
}

/// Operation `n`'s board.
fn board_id(n: usize) -> String {
    format!("{}", 549_755_885_000_u64 + n as u64)
}

/// The operation number a token belongs to.
fn operation_of(token: &str) -> Option<usize> {
    token
        .strip_prefix("pina_CONCURRENT")?
        .get(..4)?
        .parse()
        .ok()
}

/// Answers from what the request carried: the board id of its path, query
/// or body, and the operation its bearer token belongs to. Answers are
/// delayed by a few milliseconds so that calls overlap.
struct Echo;

impl Respond for Echo {
    fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
        let token = header(request, "authorization");
        let Some(n) = token.strip_prefix("Bearer ").and_then(operation_of) else {
            return ResponseTemplate::new(401)
                .set_body_json(json!({"code": 2, "message": "Authentication failed."}));
        };
        let delay = Duration::from_millis((n % 7) as u64);
        let path = request.url.path();
        let body = if let Some(board) = path.strip_prefix("/v5/boards/") {
            json!({"id": board, "name": format!("Board {board} for operation {n}")})
        } else if path == "/v5/boards" {
            let bookmark = request
                .url
                .query_pairs()
                .find(|(k, _)| k == "bookmark")
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default();
            json!({
                "items": [{"id": bookmark.trim_start_matches("after-"), "name": format!("Listed for operation {n}")}],
                "bookmark": format!("{bookmark}-next")
            })
        } else if path == "/v5/pins" {
            let pin: serde_json::Value = serde_json::from_slice(&request.body).unwrap_or_default();
            json!({
                "id": format!("{}", 900_000 + n),
                "board_id": pin["board_id"],
                "title": pin["title"],
                "media": {"media_type": "image"}
            })
        } else {
            return ResponseTemplate::new(404)
                .set_body_json(json!({"code": 40, "message": "Not found."}));
        };
        ResponseTemplate::new(if path == "/v5/pins" { 201 } else { 200 })
            .set_body_json(body)
            .set_delay(delay)
    }
}

/// Runs operation `n` and checks its answer is its own.
fn run_and_check(host: &pinterest_connector_host::ConnectorHost, config: &Config, n: usize) {
    let (token, board) = (token(n), board_id(n));
    match n % 3 {
        0 => {
            let got = host.get_board(config, &token, &board).unwrap().unwrap();
            assert_eq!(got.id, board, "operation {n}");
            assert_eq!(got.name, format!("Board {board} for operation {n}"));
        }
        1 => {
            let query = types::ListBoardsQuery {
                bookmark: Some(format!("after-{board}")),
                page_size: Some(1),
                privacy: None,
            };
            let page = host.list_boards(config, &token, &query).unwrap().unwrap();
            assert_eq!(page.items.len(), 1, "operation {n}");
            assert_eq!(page.items[0].id, board, "operation {n}");
            assert_eq!(page.items[0].name, format!("Listed for operation {n}"));
            assert_eq!(page.bookmark, Some(format!("after-{board}-next")));
        }
        _ => {
            let pin = types::PinInput {
                board_id: board.clone(),
                board_section_id: None,
                media: types::MediaSource::ImageUrl(format!("https://cdn.example/{n}.jpg")),
                title: Some(format!("Pin of operation {n}")),
                description: None,
                link: None,
                alt_text: None,
                dominant_color: None,
                parent_pin_id: None,
            };
            let created = host.create_pin(config, &token, &pin).unwrap().unwrap();
            assert_eq!(created.id, format!("{}", 900_000 + n), "operation {n}");
            assert_eq!(created.board_id.as_deref(), Some(board.as_str()));
            assert_eq!(
                created.title.as_deref(),
                Some(format!("Pin of operation {n}").as_str())
            );
        }
    }
}

#[test]
fn two_hundred_operations_from_eight_threads_each_get_their_own_answer() {
    let p = Pinterest::start();
    p.mount(Mock::given(wiremock::matchers::any()).respond_with(Echo));
    let host = host();
    let config = p.config();
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..THREADS)
            .map(|t| {
                let (host, config) = (&host, &config);
                scope.spawn(move || {
                    for n in (t..OPERATIONS).step_by(THREADS) {
                        run_and_check(host, config, n);
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.join().expect("a worker failed");
        }
    });

    // Each operation sent exactly one request, with its own token.
    let requests = p.requests();
    assert_eq!(requests.len(), OPERATIONS);
    let mut seen: Vec<usize> = requests
        .iter()
        .filter_map(|r| {
            header(r, "authorization")
                .strip_prefix("Bearer ")
                .and_then(operation_of)
        })
        .collect();
    seen.sort_unstable();
    assert_eq!(seen, (0..OPERATIONS).collect::<Vec<_>>());
}
