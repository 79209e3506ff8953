//! `pins watch --board`: new pins printed as they appear (through the
//! component's `poll-new-pins` and its cursor), none twice; Ctrl-C stops
//! it cleanly between polls.

mod cli_support;

use std::time::{Duration, Instant};

use cli_support::{BOARD, Setup, Spawned};

fn create(setup: &Setup, title: &str) -> String {
    let run = setup.run(&[
        "pin",
        "create",
        "--board",
        BOARD,
        "--image-url",
        "https://example.com/w.jpg",
        "--title",
        title,
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    run.json()["id"].as_str().expect("an id").to_owned()
}

/// Waits until the watch has polled `n` times.
fn polled(setup: &Setup, n: usize) {
    let path = format!("/sandbox/v5/boards/{BOARD}/pins");
    let deadline = Instant::now() + Duration::from_secs(60);
    while setup.pinterest.request_count("GET", &path) < n {
        assert!(Instant::now() < deadline, "the watch never polled");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn new_pins_are_printed_as_they_appear_and_ctrl_c_stops_cleanly() {
    let setup = Setup::new("watch");
    setup.sign_in();
    let mut command = setup.command();
    command.args(["pins", "watch", "--board", BOARD, "--interval", "1"]);
    let mut watch = Spawned::start(command);
    polled(&setup, 1);
    let first = create(&setup, "Watched one");
    let second = create(&setup, "Watched two");
    let line = watch.read_until(|l| l.contains(&second));
    assert!(line.contains("\"Watched two\""), "{line}");
    assert!(
        watch.seen.iter().any(|l| l.contains(&first)),
        "{:?}",
        watch.seen
    );
    let third = create(&setup, "Watched three");
    watch.read_until(|l| l.contains(&third));
    // SAFETY: signals the child this test started.
    unsafe {
        libc::kill(watch.child.id() as i32, libc::SIGINT);
    }
    let run = watch.finish();
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stderr.contains("Stopped watching board 549755885100"),
        "{}",
        run.all()
    );
    for id in [&first, &second, &third] {
        let lines = run
            .stdout
            .lines()
            .filter(|l| l.contains(id.as_str()))
            .count();
        assert_eq!(lines, 1, "{id} once: {}", run.all());
    }
    // The seeded pins were there before the watch: none is printed.
    assert!(!run.stdout.contains("813040700000000060"), "{}", run.all());
}

#[test]
fn a_backlog_and_a_number_of_polls_end_the_watch_by_itself() {
    let setup = Setup::new("watch-polls");
    setup.sign_in();
    let run = setup.run(&[
        "pins",
        "watch",
        "--board",
        BOARD,
        "--interval",
        "1",
        "--backlog",
        "2",
        "--polls",
        "2",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    let ids: Vec<String> = run
        .stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["id"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(
        ids,
        ["813040700000000059", "813040700000000060"],
        "oldest first: {}",
        run.all()
    );
    assert!(
        run.stderr.contains("after 2 poll(s): 2 new pin(s)"),
        "{}",
        run.all()
    );
}

#[test]
fn watching_a_missing_board_says_where_board_ids_come_from() {
    let setup = Setup::new("watch-missing");
    setup.sign_in();
    let run = setup.run(&[
        "pins",
        "watch",
        "--board",
        "549755889999",
        "--interval",
        "1",
    ]);
    assert_eq!(run.code, 5, "{}", run.all());
    assert!(
        run.stderr
            .contains("Board 549755889999 was not found in sandbox"),
        "{}",
        run.all()
    );
    assert!(run.stderr.contains("boards --all"), "{}", run.all());
    let too_fast = setup.run(&["pins", "watch", "--board", BOARD, "--interval", "0"]);
    assert_eq!(too_fast.code, 2, "{}", too_fast.all());
    assert!(
        too_fast.stderr.contains("--interval 0"),
        "{}",
        too_fast.all()
    );
}
