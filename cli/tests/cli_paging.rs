//! Every listing stops: `boards --all` (with or without `--page-size` and
//! `--bookmark`) against a real HTTP server that never ends its listing,
//! or that hands back a bookmark it gave before, ends at the cap (stated
//! in the output, with the command to continue) or at the repeat (an
//! error, after the boards read so far), within a bounded number of
//! requests.

mod cli_support;

use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use cli_support::{Run, Setup};
use host_tests::{CLIENT_ID, CLIENT_SECRET, Pinterest};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, Request, Respond, ResponseTemplate};

/// Answers every page of boards with as many boards as asked for (25
/// without `page_size`) and a bookmark: a new one each time, or the same
/// one from the second page on.
struct Boards {
    served: Arc<AtomicUsize>,
    repeat: bool,
}

impl Respond for Boards {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let page = self.served.fetch_add(1, Ordering::SeqCst);
        let size: usize = request
            .url
            .query_pairs()
            .find(|(name, _)| name == "page_size")
            .and_then(|(_, value)| value.parse().ok())
            .unwrap_or(25);
        let items: Vec<_> = (0..size)
            .map(|i| {
                json!({
                    "id": format!("{}", 100_000 + page * 1000 + i),
                    "name": format!("Board {page}-{i}"),
                    "privacy": "PUBLIC",
                })
            })
            .collect();
        let bookmark = if self.repeat && page >= 1 {
            "the-same-bookmark".to_owned()
        } else {
            format!("page-{}", page + 1)
        };
        ResponseTemplate::new(200).set_body_json(json!({ "items": items, "bookmark": bookmark }))
    }
}

/// A server whose board listing never ends (or repeats a bookmark), and a
/// setup whose tokens talk to it.
struct Endless {
    setup: Setup,
    server: Pinterest,
    served: Arc<AtomicUsize>,
}

impl Endless {
    fn start(name: &str, repeat: bool) -> Self {
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
                .and(path("/v5/boards"))
                .respond_with(Boards {
                    served: Arc::clone(&served),
                    repeat,
                }),
        );
        Self {
            setup,
            server,
            served,
        }
    }

    /// Runs `boards` with `args`, killing it (and failing) if it has not
    /// ended within a minute.
    fn boards(&self, args: &[&str]) -> Run {
        let mut command: Command = self.setup.command_against(&self.server.server.uri());
        command
            .env("PINTEREST_APP_ID", CLIENT_ID)
            .env("PINTEREST_APP_SECRET", CLIENT_SECRET)
            .arg("boards")
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let child = command.spawn().expect("run pinterest-connector");
        let pid = child.id();
        let deadline = Instant::now() + Duration::from_secs(60);
        let watchdog = std::thread::spawn(move || {
            while Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(100));
                // SAFETY: signal 0 only asks whether our child still runs.
                if unsafe { libc::kill(pid as libc::pid_t, 0) } != 0 {
                    return false;
                }
            }
            // SAFETY: kills the child this test started, which ran away.
            unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
            true
        });
        let output = child.wait_with_output().expect("wait for the CLI");
        let killed = watchdog.join().unwrap_or(false);
        let run = Run::from_output(output);
        assert!(
            !killed,
            "boards {args:?} was still running after a minute and {} requests",
            self.requests()
        );
        run
    }

    fn requests(&self) -> usize {
        self.served.load(Ordering::SeqCst)
    }
}

#[test]
fn a_listing_that_never_ends_stops_at_the_stated_cap() {
    let endless = Endless::start("paging-endless", false);

    // The loop with a page size of the user's.
    let run = endless.boards(&["--all", "--page-size", "5"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout.contains("1000 board(s) in 200 page(s)."),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("Stopped at the cap of 1000 boards (--max-boards raises it, up to 10000)."),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("More boards: pinterest-connector boards --all --page-size 5 --bookmark page-200 --api-base-url"),
        "{}",
        run.stdout
    );
    assert_eq!(endless.requests(), 200);

    // From a bookmark, with a cap of the user's: the last page asks only
    // for what the cap leaves.
    let run = endless.boards(&[
        "--all",
        "--bookmark",
        "page-7",
        "--max-boards",
        "30",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    let page = run.json();
    assert_eq!(page["items"].as_array().map(Vec::len), Some(30));
    assert_eq!(page["stopped"], "cap");
    assert_eq!(page["cap"], 30);
    assert!(
        page["more"]
            .as_str()
            .unwrap_or_default()
            .contains("--bookmark")
    );
    assert_eq!(endless.requests(), 200 + 1);

    // Pages of 250 without a page size.
    let run = endless.boards(&["--all"]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout.contains("Stopped at the cap of 1000 boards"),
        "{}",
        run.stdout
    );
    assert_eq!(endless.requests(), 201 + 4);

    let run = endless.boards(&["--all", "--max-boards", "10001"]);
    assert_eq!(run.code, 2, "{}", run.all());
}

#[test]
fn a_repeated_bookmark_ends_the_listing_with_an_error() {
    let endless = Endless::start("paging-repeat", true);

    let run = endless.boards(&["--all", "--page-size", "5"]);
    assert_eq!(run.code, 5, "{}", run.all());
    // The boards read before the repeat are listed.
    assert!(
        run.stdout.contains("15 board(s) in 3 page(s)."),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr
            .contains("Pinterest sent the bookmark of an earlier page again after page 3"),
        "{}",
        run.stderr
    );
    assert_eq!(endless.requests(), 3);

    // As JSON: one document, its error inside. (The server now repeats
    // its bookmark from the first page on.)
    let run = endless.boards(&["--all", "--json"]);
    assert_eq!(run.code, 5, "{}", run.all());
    let page = run.json();
    assert_eq!(page["stopped"], "repeated-bookmark");
    assert_eq!(page["error"]["kind"], "api");
    assert_eq!(page["items"].as_array().map(Vec::len), Some(500));
    assert_eq!(page["pages"], 2);
}
