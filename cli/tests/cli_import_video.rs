//! `pins import` with video rows (`video_file`, with `cover_image_url` or
//! `key_frame_time`) and sections by name (`board_section`): each video
//! uploaded, waited for and pinned; sections looked up once; rows that
//! cannot work reported by line and column without stopping the batch.

mod cli_support;

use cli_support::{BOARD, Setup};
use pinterest_standin::{Environment, StandInOptions};

fn production(name: &str) -> Setup {
    Setup::with(
        name,
        StandInOptions {
            trial: false,
            media_processing_polls: 1,
            ..StandInOptions::default()
        },
        Environment::Production,
    )
}

fn write_video(setup: &Setup, name: &str) {
    let bytes: Vec<u8> = (0..50_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(setup.dir.join(name), bytes).expect("write a video");
}

#[test]
fn video_rows_and_sections_by_name_are_imported() {
    let setup = production("import-video");
    setup.sign_in();
    write_video(&setup, "tart.mp4");
    let csv = setup.dir.join("pins.csv");
    std::fs::write(
        &csv,
        "title,image_url,video_file,key_frame_time,cover_image_url,board_section\n\
         Tart in motion,,tart.mp4,2,,Salads 1\n\
         Soup,https://example.com/soup.jpg,,,,desserts 2\n\
         Nowhere,https://example.com/x.jpg,,,,Pastries\n\
         Both covers,,tart.mp4,2,https://example.com/c.jpg,\n\
         Lost video,,missing.mp4,,,\n\
         Cover on an image,https://example.com/y.jpg,,4,,\n",
    )
    .expect("write the CSV");
    let run = setup.run(&[
        "pins",
        "import",
        csv.to_str().expect("UTF-8"),
        "--board",
        BOARD,
        "--writes-per-minute",
        "6000",
    ]);
    assert_eq!(run.code, 6, "some rows failed: {}", run.all());
    let pins = setup.pinterest.pins();
    assert_eq!(pins.len(), 2, "{}", run.all());
    let video = pins
        .iter()
        .find(|p| p.media_type == "video")
        .expect("the video pin");
    assert_eq!(video.board_section_id.as_deref(), Some("54975588510001"));
    assert_eq!(
        video.request["media_source"]["cover_image_key_frame_time"],
        2
    );
    let soup = pins
        .iter()
        .find(|p| p.title.as_deref() == Some("Soup"))
        .expect("soup");
    assert_eq!(
        soup.board_section_id.as_deref(),
        Some("54975588510002"),
        "a name in any case"
    );
    assert_eq!(setup.pinterest.uploads().len(), 1);
    for expected in [
        "line 2: uploading the video",
        "line 4: failed: column board_section: board 549755885100 has no section named \"Pastries\"",
        "line 5: failed: fill cover_image_url or key_frame_time, not both",
        "line 6: failed: column video_file: cannot read the video file",
        "line 7: failed: column key_frame_time is for video rows (with video_file)",
    ] {
        assert!(
            run.all().contains(expected),
            "missing {expected:?} in:\n{}",
            run.all()
        );
    }
    assert!(
        run.all()
            .contains("section create --board 549755885100 --name Pastries")
    );
    // The sections were read once, however many rows name one.
    assert_eq!(
        setup
            .pinterest
            .request_count("GET", &format!("/v5/boards/{BOARD}/sections")),
        1
    );
}

#[test]
fn video_rows_in_the_sandbox_fail_without_an_upload() {
    let setup = Setup::new("import-video-sandbox");
    setup.sign_in();
    write_video(&setup, "tart.mp4");
    let csv = setup.dir.join("pins.csv");
    std::fs::write(
        &csv,
        "video_file,image_url\ntart.mp4,\n,https://example.com/a.jpg\n",
    )
    .expect("write the CSV");
    let run = setup.run(&[
        "pins",
        "import",
        csv.to_str().expect("UTF-8"),
        "--board",
        BOARD,
        "--writes-per-minute",
        "6000",
    ]);
    assert_eq!(run.code, 6, "{}", run.all());
    assert!(
        run.all().contains(
            "line 2: failed: column video_file: Pinterest's API sandbox cannot create video pins"
        ),
        "{}",
        run.all()
    );
    assert!(setup.pinterest.media().is_empty());
    assert_eq!(setup.pinterest.pins().len(), 1);
}
