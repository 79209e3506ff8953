//! `--skip-duplicates` on `pin create` and `pins import`, through the
//! component's `find-duplicate-pins`, against the stand-in (whose seeded
//! pins link to `https://shop.standin.example/item/{N mod 40}`): a
//! duplicate is skipped saying which pin and why, a new pin is created, and
//! a scan the finder's cap stopped says so.

mod cli_support;

use cli_support::{BOARD, Setup};
use pinterest_standin::{Environment, StandInOptions};

/// A link two seeded pins of board …100 share (pins 6 and 46).
const SEEDED_LINK: &str = "https://shop.standin.example/item/5";

#[test]
fn pin_create_skips_a_duplicate_and_says_why() {
    let setup = Setup::new("dup-create");
    setup.sign_in();
    let before = setup.pinterest.pins().len();
    let run = setup.run(&[
        "pin",
        "create",
        "--board",
        BOARD,
        "--image-url",
        "https://example.com/tart.jpg",
        "--link",
        SEEDED_LINK,
        "--title",
        "Something new",
        "--skip-duplicates",
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout
            .contains("Skipped: a duplicate of pin 813040700000000046 (same link)"),
        "{}",
        run.all()
    );
    assert!(
        run.stdout.contains("pin 813040700000000006 (same link)"),
        "{}",
        run.all()
    );
    assert!(run.stdout.contains("Nothing was created."), "{}", run.all());
    assert_eq!(setup.pinterest.pins().len(), before, "nothing was created");

    let by_title = setup.run(&[
        "pin",
        "create",
        "--board",
        BOARD,
        "--image-url",
        "https://example.com/tart.jpg",
        "--title",
        "idea 7",
        "--skip-duplicates",
        "--duplicates-by",
        "title",
        "--json",
    ]);
    assert_eq!(by_title.code, 0, "{}", by_title.all());
    let json = by_title.json();
    assert_eq!(json["skipped"], true, "{json}");
    assert_eq!(
        json["duplicates"]["duplicates"][0]["pin_id"],
        "813040700000000007"
    );
    assert_eq!(json["duplicates"]["duplicates"][0]["matched"][0], "title");
    assert_eq!(json["duplicates"]["complete"], true);

    let fresh = setup.run(&[
        "pin",
        "create",
        "--board",
        BOARD,
        "--image-url",
        "https://example.com/tart.jpg",
        "--link",
        "https://example.com/recipes/lemon-tart",
        "--title",
        "Lemon tart",
        "--skip-duplicates",
    ]);
    assert_eq!(fresh.code, 0, "{}", fresh.all());
    assert!(fresh.stdout.contains("Created pin "), "{}", fresh.all());
    assert!(
        fresh
            .stderr
            .contains("No duplicate among the 60 pins of board 549755885100"),
        "{}",
        fresh.all()
    );
    assert_eq!(setup.pinterest.pins().len(), before + 1);

    let again = setup.run(&[
        "pin",
        "create",
        "--board",
        BOARD,
        "--image-url",
        "https://example.com/tart.jpg",
        "--link",
        "https://example.com/recipes/lemon-tart",
        "--skip-duplicates",
    ]);
    assert!(
        again.stdout.contains("Skipped: a duplicate of pin"),
        "{}",
        again.all()
    );
    assert_eq!(setup.pinterest.pins().len(), before + 1);
}

#[test]
fn a_scan_the_cap_stopped_says_older_pins_were_not_compared() {
    let setup = Setup::with(
        "dup-cap",
        StandInOptions {
            seed_pins: 1100,
            ..StandInOptions::default()
        },
        Environment::Sandbox,
    );
    setup.sign_in();
    let run = setup.run(&[
        "pin",
        "create",
        "--board",
        BOARD,
        "--image-url",
        "https://example.com/new.jpg",
        "--link",
        "https://example.com/brand-new",
        "--skip-duplicates",
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stderr.contains("no duplicate among the newest 1000 pins of board 549755885100: the scan stopped at its cap, so older pins were not compared"),
        "{}",
        run.all()
    );
    assert!(run.stdout.contains("Created pin "), "{}", run.all());
}

#[test]
fn pins_import_skips_duplicates_by_row() {
    let setup = Setup::new("dup-import");
    setup.sign_in();
    let csv = setup.dir.join("pins.csv");
    std::fs::write(
        &csv,
        format!(
            "image_url,title,link\n\
             https://example.com/a.jpg,Fresh one,https://example.com/fresh\n\
             https://example.com/b.jpg,Fresh one again,https://example.com/fresh\n\
             https://example.com/c.jpg,Seeded,{SEEDED_LINK}\n"
        ),
    )
    .expect("write the CSV");
    let before = setup.pinterest.pins().len();
    let run = setup.run(&[
        "pins",
        "import",
        csv.to_str().expect("UTF-8"),
        "--board",
        BOARD,
        "--writes-per-minute",
        "6000",
        "--skip-duplicates",
        "--duplicates-by",
        "link",
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert_eq!(setup.pinterest.pins().len(), before + 1);
    assert!(run.all().contains("line 2: created pin"), "{}", run.all());
    assert!(
        run.all().contains("line 3: skipped: a duplicate of pin"),
        "{}",
        run.all()
    );
    assert!(
        run.all()
            .contains("line 4: skipped: a duplicate of pin 813040700000000046 (same link)"),
        "{}",
        run.all()
    );
    assert!(
        run.stdout.contains("2 skipped as duplicates"),
        "{}",
        run.all()
    );
}

#[test]
fn a_duplicate_video_pin_is_skipped_before_the_upload() {
    let setup = Setup::with(
        "dup-video",
        StandInOptions {
            trial: false,
            ..StandInOptions::default()
        },
        Environment::Production,
    );
    setup.sign_in();
    let video = setup.dir.join("clip.mp4");
    std::fs::write(&video, vec![1u8; 4096]).expect("write a video");
    let run = setup.run(&[
        "pin",
        "create",
        "--board",
        BOARD,
        "--video",
        video.to_str().expect("UTF-8"),
        "--link",
        SEEDED_LINK,
        "--skip-duplicates",
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stdout.contains("Skipped: a duplicate of pin"),
        "{}",
        run.all()
    );
    assert!(setup.pinterest.media().is_empty(), "nothing was uploaded");
    assert!(setup.pinterest.uploads().is_empty());
}
