//! `video upload FILE` and `pin create --video FILE` against the stand-in
//! in production (an app with Standard access: the sandbox cannot create
//! video pins): the file registered, streamed to the upload listener (a
//! second origin) with every upload parameter, waited for through
//! processing, then pinned; a file Pinterest cannot process, a missing
//! file and the sandbox each worded with what to do.

mod cli_support;

use std::path::PathBuf;

use cli_support::{BOARD, Setup, assert_masked};
use pinterest_standin::{Environment, FAILING_VIDEO_PREFIX, StandInOptions};

fn production(name: &str) -> Setup {
    Setup::with(
        name,
        StandInOptions {
            trial: false,
            // Processing ends at the second status check, a second later.
            media_processing_polls: 1,
            ..StandInOptions::default()
        },
        Environment::Production,
    )
}

/// A small file standing in for a video, in the test's directory.
fn video(setup: &Setup, name: &str, head: &[u8]) -> PathBuf {
    let path = setup.dir.join(name);
    let mut bytes = head.to_vec();
    bytes.extend((0..100_000u32).map(|i| (i % 251) as u8));
    std::fs::write(&path, bytes).expect("write the video");
    path
}

#[test]
fn a_video_is_uploaded_waited_for_and_its_media_id_printed() {
    let setup = production("video-upload");
    let issued = setup.sign_in();
    let file = video(&setup, "clip.mp4", b"\0\0\0\x18ftypmp42");
    let file = file.to_str().expect("a UTF-8 path");
    let run = setup.run(&["video", "upload", file]);
    assert_eq!(run.code, 0, "{}", run.all());
    let media = setup.pinterest.media();
    assert_eq!(media.len(), 1);
    assert_eq!(run.stdout.trim(), media[0].media_id, "{}", run.all());
    assert!(
        run.stderr.contains(&format!(
            "Uploaded {file} (100012 bytes) as media {}.",
            media[0].media_id
        )),
        "{}",
        run.all()
    );
    assert!(
        run.stderr
            .contains("Waiting for Pinterest to process media")
    );
    assert!(
        run.stderr
            .contains(&format!("Media {} is ready.", media[0].media_id))
    );
    assert!(
        run.stderr.contains("pin create --video-id"),
        "{}",
        run.all()
    );
    let uploads = setup.pinterest.uploads();
    assert_eq!(uploads.len(), 1);
    assert_eq!(uploads[0].status, 204, "{uploads:?}");
    assert_eq!(uploads[0].size, 100_012);
    assert_eq!(uploads[0].file_name.as_deref(), Some("clip.mp4"));
    assert_masked(&run.all(), &[&issued.access_token]);

    let json = setup.run(&["video", "upload", file, "--no-wait", "--json"]);
    assert_eq!(json.code, 0, "{}", json.all());
    assert_eq!(json.json()["status"], "registered", "{}", json.all());
}

#[test]
fn pin_create_uploads_the_video_waits_and_creates_the_pin() {
    let setup = production("video-pin");
    setup.sign_in();
    let file = video(&setup, "tart.mov", b"\0\0\0\x14ftypqt  ");
    let run = setup.run(&[
        "pin",
        "create",
        "--board",
        BOARD,
        "--video",
        file.to_str().expect("a UTF-8 path"),
        "--key-frame-time",
        "2",
        "--title",
        "Lemon tart, in motion",
    ]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(run.stdout.contains("Created pin "), "{}", run.all());
    assert!(run.stdout.contains("video"), "{}", run.all());
    let pins = setup.pinterest.pins();
    let pin = pins.last().expect("a pin");
    assert_eq!(pin.media_type, "video");
    let media = &setup.pinterest.media()[0];
    assert_eq!(
        pin.request["media_source"]["media_id"],
        media.media_id.as_str()
    );
    assert_eq!(pin.request["media_source"]["cover_image_key_frame_time"], 2);

    let cover = setup.run(&[
        "pin",
        "create",
        "--board",
        BOARD,
        "--video",
        file.to_str().expect("a UTF-8 path"),
        "--cover-image-url",
        "https://example.com/cover.jpg",
        "--json",
    ]);
    assert_eq!(cover.code, 0, "{}", cover.all());
    assert_eq!(cover.json()["media_type"], "video");
}

#[test]
fn a_pin_create_pinterest_would_refuse_is_refused_before_the_upload() {
    let setup = production("video-checked-first");
    setup.sign_in();
    let file = video(&setup, "tart.mp4", b"\0\0\0\x18ftypmp42");
    let title = "t".repeat(101);
    let before = setup.pinterest.requests().len();
    for duplicates in [&[][..], &["--skip-duplicates"][..]] {
        let mut args = vec![
            "pin",
            "create",
            "--board",
            BOARD,
            "--video",
            file.to_str().expect("a UTF-8 path"),
            "--title",
            &title,
        ];
        args.extend_from_slice(duplicates);
        let run = setup.run(&args);
        assert_eq!(run.code, 2, "{}", run.all());
        assert!(
            run.stderr
                .contains("--title is 101 characters; the limit is 100"),
            "{}",
            run.all()
        );
    }
    // Neither the upload, nor the duplicate scan, nor anything else.
    assert_eq!(
        setup.pinterest.requests().len(),
        before,
        "{:?}",
        setup.pinterest.requests()
    );
    assert!(setup.pinterest.media().is_empty());
    assert!(setup.pinterest.uploads().is_empty());
    assert!(setup.pinterest.pins().is_empty());
}

#[test]
fn a_video_pinterest_cannot_process_says_what_to_check() {
    let setup = production("video-failed");
    setup.sign_in();
    let file = video(&setup, "broken.mp4", FAILING_VIDEO_PREFIX);
    let run = setup.run(&[
        "pin",
        "create",
        "--board",
        BOARD,
        "--video",
        file.to_str().expect("a UTF-8 path"),
    ]);
    assert_eq!(run.code, 5, "{}", run.all());
    assert!(run.stderr.contains("failed"), "{}", run.all());
    assert!(
        run.stderr.contains("MP4, MOV or M4V") && run.stderr.contains("video upload FILE"),
        "{}",
        run.all()
    );
    assert!(setup.pinterest.pins().is_empty(), "no pin was created");
}

#[test]
fn nothing_is_sent_for_a_missing_file_or_a_video_pin_in_the_sandbox() {
    let setup = Setup::new("video-refused");
    setup.sign_in();
    let missing = setup.dir.join("nowhere.mp4");
    let run = setup.run(&["video", "upload", missing.to_str().expect("UTF-8")]);
    assert_eq!(run.code, 2, "{}", run.all());
    assert!(
        run.stderr.contains("cannot read the video file"),
        "{}",
        run.all()
    );

    let file = video(&setup, "clip.mp4", b"");
    let sandbox = setup.run(&[
        "pin",
        "create",
        "--board",
        BOARD,
        "--video",
        file.to_str().expect("UTF-8"),
    ]);
    assert_eq!(sandbox.code, 2, "{}", sandbox.all());
    assert!(
        sandbox.stderr.contains("sandbox cannot create video pins"),
        "{}",
        sandbox.all()
    );
    assert!(
        !sandbox.stderr.contains("--sandbox"),
        "the remedy's command is for production: {}",
        sandbox.all()
    );
    let too_long = setup.run(&[
        "video",
        "upload",
        file.to_str().expect("UTF-8"),
        "--wait-seconds",
        "1000",
    ]);
    assert_eq!(too_long.code, 2, "{}", too_long.all());
    assert!(too_long.stderr.contains("1..=900"), "{}", too_long.all());
    assert!(setup.pinterest.media().is_empty(), "nothing was uploaded");

    let both = setup.run(&[
        "pin",
        "create",
        "--board",
        BOARD,
        "--video-id",
        "1",
        "--video",
        "x.mp4",
    ]);
    assert_eq!(both.code, 2, "{}", both.all());
}

#[test]
fn a_video_uploaded_in_the_sandbox_is_told_where_video_pins_can_be_made() {
    let setup = Setup::new("video-sandbox-hint");
    setup.sign_in();
    let file = video(&setup, "clip.mp4", b"\0\0\0\x18ftypmp42");
    let run = setup.run(&["video", "upload", file.to_str().expect("UTF-8")]);
    assert_eq!(run.code, 0, "{}", run.all());
    assert!(
        run.stderr.contains("sandbox cannot create video pins"),
        "{}",
        run.all()
    );
    assert!(
        !run.stderr.contains("--video-id"),
        "no hint to pin the sandbox's media: {}",
        run.all()
    );
    assert!(
        !run.stderr.contains("--sandbox"),
        "the hint's command is for production: {}",
        run.all()
    );
}
