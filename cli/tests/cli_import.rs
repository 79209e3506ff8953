//! `pins import`: 120 rows with bad ones reported by line, resuming after
//! an interruption without duplicates, waiting out 429s, and pacing under
//! the write budget. Budgets and rate-limit windows are tiny, so nothing
//! waits more than a second or two.

mod cli_support;

use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Duration;

use cli_support::{BOARD, Setup, Spawned};
use pinterest_standin::{Environment, StandInOptions, WriteLimit};

/// A CSV of `rows` pins and, per row, its line and whether it is bad.
struct Csv {
    path: PathBuf,
    /// (line, title, bad) for each data row.
    rows: Vec<(u64, String, bool)>,
}

impl Csv {
    /// Rows 1..=`count`; some are bad: no image (every 20th from 3), a
    /// 101-character title (every 20th from 11), a relative link (57), a
    /// color that is not #RRGGBB (90), an image file that does not exist
    /// (99). Row 40's description spans two lines.
    fn write(setup: &Setup, count: usize, with_bad: bool) -> Self {
        let mut text = String::from("image_url,image_file,title,description,link,dominant_color\n");
        let mut line = 2;
        let mut rows = Vec::new();
        for i in 1..=count {
            let title = format!("Pin number {i}");
            let mut url = format!("https://example.com/images/{i}.jpg");
            let mut file = String::new();
            let mut shown_title = title.clone();
            let mut description = format!("Row {i}");
            let mut link = format!("https://example.com/p/{i}");
            let mut color = String::new();
            let mut bad = false;
            if with_bad {
                match (i % 20, i) {
                    (3, _) => {
                        url.clear();
                        bad = true;
                    }
                    (11, _) => {
                        shown_title = "t".repeat(101);
                        bad = true;
                    }
                    (_, 57) => {
                        link = "/relative/link".into();
                        bad = true;
                    }
                    (_, 90) => {
                        color = "blue".into();
                        bad = true;
                    }
                    (_, 99) => {
                        url.clear();
                        file = "missing.png".into();
                        bad = true;
                    }
                    _ => {}
                }
            }
            if i == 40 {
                description = "Two\nlines".into();
            }
            text.push_str(&format!(
                "{url},{file},{shown_title},\"{description}\",{link},{color}\n"
            ));
            rows.push((line, title, bad));
            line += 1 + description.matches('\n').count() as u64;
        }
        let path = setup.dir.join("pins.csv");
        std::fs::write(&path, text).expect("write the CSV");
        Self { path, rows }
    }

    fn good(&self) -> usize {
        self.rows.iter().filter(|r| !r.2).count()
    }

    fn bad_lines(&self) -> Vec<u64> {
        self.rows.iter().filter(|r| r.2).map(|r| r.0).collect()
    }

    fn arg(&self) -> &str {
        self.path.to_str().expect("UTF-8 path")
    }
}

/// Asserts the stand-in holds exactly one pin per good row.
fn assert_one_pin_per_good_row(setup: &Setup, csv: &Csv) {
    let pins = setup.pinterest.pins();
    let titles: HashSet<String> = pins.iter().filter_map(|p| p.title.clone()).collect();
    assert_eq!(titles.len(), pins.len(), "duplicate pins");
    assert_eq!(pins.len(), csv.good());
    assert!(pins.iter().all(|p| p.board_id == BOARD));
}

#[test]
fn imports_120_rows_and_reports_bad_ones_by_line() {
    let setup = Setup::new("import-120");
    setup.sign_in();
    let csv = Csv::write(&setup, 120, true);
    assert_eq!(csv.good(), 105);

    let run = setup.run(&[
        "pins",
        "import",
        csv.arg(),
        "--board",
        BOARD,
        "--writes-per-minute",
        "100000",
    ]);
    assert_eq!(run.code, 6, "{}", run.all());
    assert!(
        run.stdout
            .contains("Summary: 105 created, 0 already done earlier, 15 failed, of 120 rows"),
        "{}",
        run.all()
    );
    for line in csv.bad_lines() {
        assert!(
            run.stdout.contains(&format!("  line {line}: ")),
            "line {line} not reported:\n{}",
            run.stdout
        );
    }
    assert!(
        run.stdout
            .contains("no image or video: fill image_url, image_file or video_file")
    );
    assert!(run.stdout.contains("the limit is 100"));
    assert!(run.stdout.contains("missing.png"));
    // The row after the two-line description keeps its real line number.
    assert!(
        run.stdout.contains("line 43: created pin"),
        "{}",
        run.stdout
    );
    assert_one_pin_per_good_row(&setup, &csv);

    // A rerun creates nothing twice and lists the same failures.
    let again = setup.run(&[
        "pins",
        "import",
        csv.arg(),
        "--board",
        BOARD,
        "--writes-per-minute",
        "100000",
        "--json",
    ]);
    assert_eq!(again.code, 6, "{}", again.all());
    let summary = again.json();
    assert_eq!(summary["created"], 0);
    assert_eq!(summary["already_done"], 105);
    let failed: Vec<u64> = summary["failed"]
        .as_array()
        .map(|a| a.iter().filter_map(|f| f["line"].as_u64()).collect())
        .unwrap_or_default();
    assert_eq!(failed, csv.bad_lines());
    assert_one_pin_per_good_row(&setup, &csv);

    let progress = std::fs::read_to_string(setup.dir.join("pins.csv.state.jsonl"))
        .expect("progress file next to the CSV");
    assert_eq!(progress.lines().count(), 1 + 105);
}

#[test]
fn an_interrupted_import_resumes_without_duplicates() {
    let setup = Setup::new("import-resume");
    setup.sign_in();
    let csv = Csv::write(&setup, 120, true);

    let mut command = setup.command();
    command.args([
        "pins",
        "import",
        csv.arg(),
        "--board",
        BOARD,
        "--writes-per-minute",
        "1200",
    ]);
    let mut first = Spawned::start(command);
    let mut created = 0;
    first.read_until(|line| {
        if line.contains("created pin") {
            created += 1;
        }
        created == 10
    });
    let pid = i32::try_from(first.child.id()).expect("a pid");
    // SAFETY: sends SIGINT (Ctrl-C) to the child this test started.
    let sent = unsafe { libc::kill(pid, libc::SIGINT) };
    assert_eq!(sent, 0, "send SIGINT");
    let run = first.finish();
    assert_eq!(run.code, 130, "{}", run.all());
    assert!(run.stdout.contains("Interrupted"), "{}", run.all());
    let done = setup.pinterest.pins().len();
    assert!(
        done >= 10 && done < csv.good(),
        "{done} pins after the interruption"
    );

    let resumed = setup.run(&[
        "pins",
        "import",
        csv.arg(),
        "--board",
        BOARD,
        "--writes-per-minute",
        "100000",
        "--json",
    ]);
    assert_eq!(resumed.code, 6, "{}", resumed.all());
    let summary = resumed.json();
    assert_eq!(summary["already_done"], done);
    assert_eq!(summary["created"], csv.good() - done);
    assert_one_pin_per_good_row(&setup, &csv);
}

#[test]
fn a_429_is_waited_out_and_the_row_retried() {
    let setup = Setup::with(
        "import-429",
        StandInOptions {
            write_limit: Some(WriteLimit {
                writes: 10,
                window: Duration::from_secs(1),
            }),
            ..StandInOptions::default()
        },
        Environment::Sandbox,
    );
    setup.sign_in();
    let csv = Csv::write(&setup, 24, false);
    // A budget far above the limit, so Pinterest's 429 does the pacing.
    let run = setup.run(&[
        "pins",
        "import",
        csv.arg(),
        "--board",
        BOARD,
        "--writes-per-minute",
        "100000",
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout
            .contains("rate limited by Pinterest (limit 10); waiting 1 s for the reset"),
        "{}",
        run.all()
    );
    assert!(run.stdout.contains("Summary: 24 created"), "{}", run.all());
    let limited = setup
        .pinterest
        .requests()
        .iter()
        .filter(|r| r.status == 429)
        .count();
    assert!(limited >= 1);
    assert_one_pin_per_good_row(&setup, &csv);
}

#[test]
fn the_write_budget_keeps_the_import_under_the_limit() {
    // 2 writes per half second at Pinterest; the budget allows one per
    // 0.4 s, which leaves room for uneven delays on the way.
    let setup = Setup::with(
        "import-pacing",
        StandInOptions {
            write_limit: Some(WriteLimit {
                writes: 2,
                window: Duration::from_millis(500),
            }),
            ..StandInOptions::default()
        },
        Environment::Sandbox,
    );
    setup.sign_in();
    let csv = Csv::write(&setup, 5, false);
    let run = setup.run(&[
        "pins",
        "import",
        csv.arg(),
        "--board",
        BOARD,
        "--writes-per-minute",
        "150",
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(!run.stdout.contains("rate limited"), "{}", run.all());
    assert!(setup.pinterest.requests().iter().all(|r| r.status != 429));
    assert_one_pin_per_good_row(&setup, &csv);
}

#[test]
fn an_import_stops_early_when_no_row_can_succeed() {
    let setup = Setup::with(
        "import-trial",
        StandInOptions::default(),
        Environment::Production,
    );
    setup.sign_in();
    let csv = Csv::write(&setup, 5, false);
    let run = setup.run(&["pins", "import", csv.arg(), "--board", BOARD]);
    assert_eq!(run.code, 5, "{}", run.all());
    assert!(run.stdout.contains("Stopped early"), "{}", run.all());
    assert!(run.stderr.contains("sandbox"), "{}", run.all());
    assert!(setup.pinterest.pins().is_empty());

    let missing_board = setup.run(&["pins", "import", csv.arg(), "--board", "1"]);
    assert_eq!(missing_board.code, 5, "{}", missing_board.all());
    assert!(
        missing_board.stderr.contains("Board 1 was not found"),
        "{}",
        missing_board.all()
    );
}

/// The pace in a text summary: `(pace 59.8 pins/min; …`, or `None` for
/// `(pace -; …`.
fn summary_pace(stdout: &str) -> Option<f64> {
    let summary = stdout.lines().find(|l| l.starts_with("Summary:"))?;
    let figures = summary.rsplit('(').next()?;
    let figures = figures.strip_prefix("pace ").unwrap_or(figures);
    figures.split(" pins/min").next()?.parse().ok()
}

#[test]
fn the_pace_reported_never_exceeds_the_budget() {
    let setup = Setup::new("import-pace");
    setup.sign_in();
    let csv = Csv::write(&setup, 6, false);
    let run = setup.run(&[
        "pins",
        "import",
        csv.arg(),
        "--board",
        BOARD,
        "--writes-per-minute",
        "120",
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    let pace = summary_pace(&run.stdout).expect("a pace in the summary");
    // Six pins half a second apart: 120 a minute at most, never more.
    assert!(pace > 60.0 && pace <= 120.0, "{pace}: {}", run.stdout);
    assert!(run.stdout.contains("; budget 120/min)"), "{}", run.stdout);
    // The progress lines count created pins only, at the same pace.
    let line = run
        .stderr
        .lines()
        .find(|l| l.starts_with("progress: 6/6 rows (100%)"))
        .unwrap_or_else(|| panic!("no final progress line:\n{}", run.stderr));
    let live: f64 = line
        .split(", ")
        .nth(1)
        .and_then(|f| f.split(" pins/min").next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no pace in {line}"));
    assert!(live <= 120.0, "{line}");
    assert!(line.ends_with("0s left"), "{line}");

    // A rerun skips every row: nothing to pace, no figure made up.
    let again = setup.run(&["pins", "import", csv.arg(), "--board", BOARD, "--json"]);
    assert_eq!(again.code, 0, "{}", again.all());
    assert_eq!(again.json()["pins_per_minute"], serde_json::Value::Null);
}

#[test]
fn one_pin_has_no_pace_and_a_budget_over_pinterests_limit_is_warned_about() {
    let setup = Setup::new("import-one");
    setup.sign_in();
    let csv = Csv::write(&setup, 1, false);
    let run = setup.run(&[
        "pins",
        "import",
        csv.arg(),
        "--board",
        BOARD,
        "--writes-per-minute",
        "100000",
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout.contains("(pace -; budget 100000/min)"),
        "{}",
        run.stdout
    );
    assert!(
        run.stderr.contains(
            "warning: --writes-per-minute 100000 is above Pinterest's limit of about 100 pin creations a minute per user"
        ),
        "{}",
        run.all()
    );
    let within = setup.run(&["pins", "import", csv.arg(), "--board", BOARD]);
    assert!(
        !within.stderr.contains("above Pinterest's limit"),
        "{}",
        within.all()
    );
}
