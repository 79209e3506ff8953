//! The paging guard holds for the listings of sections and pins too:
//! against a real HTTP server whose listing never ends, `--all` stops at
//! the cap (stated, with the command to continue); against one that hands
//! back an earlier bookmark, it stops there with an error after the items
//! read so far. Either way within a bounded number of requests.

mod cli_support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use cli_support::{Run, Setup};
use host_tests::{CLIENT_ID, CLIENT_SECRET, Pinterest};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, Request, Respond, ResponseTemplate};

/// Pages of as many items as asked for, made by `item(page, i)`, each with
/// a new bookmark, or the same one from the second page on.
struct Endless {
    served: Arc<AtomicUsize>,
    repeat: bool,
    item: fn(usize, usize) -> Value,
}

impl Respond for Endless {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let page = self.served.fetch_add(1, Ordering::SeqCst);
        let size: usize = request
            .url
            .query_pairs()
            .find(|(name, _)| name == "page_size")
            .and_then(|(_, value)| value.parse().ok())
            .unwrap_or(25);
        let items: Vec<Value> = (0..size).map(|i| (self.item)(page, i)).collect();
        let bookmark = if self.repeat && page >= 1 {
            "the-same-bookmark".to_owned()
        } else {
            format!("page-{}", page + 1)
        };
        ResponseTemplate::new(200).set_body_json(json!({ "items": items, "bookmark": bookmark }))
    }
}

fn section(page: usize, i: usize) -> Value {
    json!({ "id": format!("{}", 5_000_000 + page * 1000 + i), "name": format!("Section {page}-{i}") })
}

fn pin(page: usize, i: usize) -> Value {
    json!({ "id": format!("{}", 9_000_000 + page * 1000 + i), "title": format!("Pin {page}-{i}") })
}

/// Runs `args` against a server whose `listing` never ends (or repeats a
/// bookmark); returns the run and the pages served.
fn run_against(
    name: &str,
    listing: &str,
    item: fn(usize, usize) -> Value,
    repeat: bool,
    args: &[&str],
) -> (Run, usize) {
    let setup = Setup::new(name);
    let file = json!({
        "environment": "production",
        "client_id": CLIENT_ID,
        "access_token": host_tests::ACCESS_TOKEN,
        "token_type": "bearer",
        "scopes": cli_support::SCOPES,
        "expires_at": cli_support::now() + 2_000_000,
        "refresh_token": host_tests::REFRESH_TOKEN,
        "refresh_token_expires_at": cli_support::now() + 5_000_000,
    });
    cli_support::write_private(&setup.token_file(), &file.to_string());
    let server = Pinterest::start();
    let served = Arc::new(AtomicUsize::new(0));
    server.mount(
        Mock::given(method("GET"))
            .and(path(listing))
            .respond_with(Endless {
                served: Arc::clone(&served),
                repeat,
                item,
            }),
    );
    let run = Run::from_output(
        setup
            .command_against(&server.server.uri())
            .env("PINTEREST_APP_ID", CLIENT_ID)
            .env("PINTEREST_APP_SECRET", CLIENT_SECRET)
            .args(args)
            .output()
            .expect("run pinterest-connector"),
    );
    (run, served.load(Ordering::SeqCst))
}

#[test]
fn endless_sections_stop_at_the_cap() {
    let (run, pages) = run_against(
        "guard-sections",
        "/v5/boards/42/sections",
        section,
        false,
        &["sections", "--board", "42", "--all", "--page-size", "100"],
    );
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(pages, 10, "1000 sections in pages of 100");
    assert!(
        run.stdout.contains("1000 sections in 10 page(s)."),
        "{}",
        run.all()
    );
    assert!(
        run.stdout.contains(
            "Stopped at the cap of 1000 sections (--max-sections raises it, up to 10000)."
        ),
        "{}",
        run.all()
    );
    assert!(run.stdout.contains("--bookmark page-10"), "{}", run.all());
}

#[test]
fn a_repeated_bookmark_stops_a_pin_listing_with_an_error() {
    let (run, pages) = run_against(
        "guard-pins",
        "/v5/pins",
        pin,
        true,
        &["pins", "list", "--all", "--json"],
    );
    assert_eq!(run.code, 5, "{}", run.all());
    assert_eq!(pages, 3, "stopped at the first repeat");
    let json = run.json();
    assert_eq!(json["stopped"], "repeated-bookmark", "{json}");
    assert_eq!(json["count"], 750, "the pins read so far are printed");
    assert!(
        run.stderr
            .contains("Pinterest sent the bookmark of an earlier page again after page 3"),
        "{}",
        run.all()
    );
}
