//! At a terminal (a pseudo-terminal made by util-linux `script`): a
//! deletion asks first and only `y` deletes; `video upload` draws a
//! progress bar for the upload and a spinner while Pinterest processes it.

mod cli_support;

use std::process::{Command, Stdio};

use cli_support::{BOARD, Run, Setup};
use pinterest_standin::{Environment, StandInOptions};

/// Runs `command` on a pseudo-terminal with `input` typed into it.
fn at_terminal(command: &Command, input: &str) -> Run {
    let quote =
        |word: &std::ffi::OsStr| format!("'{}'", word.to_string_lossy().replace('\'', r"'\''"));
    let mut line = quote(command.get_program());
    for arg in command.get_args() {
        line.push(' ');
        line.push_str(&quote(arg));
    }
    let mut script = Command::new("script");
    script.args(["-q", "-f", "-e", "-c", &line, "/dev/null"]);
    for (name, value) in command.get_envs() {
        match value {
            Some(value) => script.env(name, value),
            None => script.env_remove(name),
        };
    }
    let mut child = script
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run util-linux script (a pseudo-terminal)");
    {
        use std::io::Write as _;
        let mut stdin = child.stdin.take().expect("piped stdin");
        stdin.write_all(input.as_bytes()).expect("type the answer");
    }
    Run::from_output(child.wait_with_output().expect("wait for script"))
}

#[test]
fn a_deletion_at_a_terminal_asks_and_only_yes_deletes() {
    let setup = Setup::new("terminal-delete");
    setup.sign_in();
    let created = setup.run(&[
        "section", "create", "--board", BOARD, "--name", "Old", "--json",
    ]);
    let id = created.json()["id"].as_str().expect("an id").to_owned();
    let mut command = setup.command();
    command.args(["section", "delete", &id, "--board", BOARD]);

    let kept = at_terminal(&command, "n\n");
    assert_eq!(kept.code, 1, "{}", kept.all());
    assert!(
        kept.stdout
            .contains(&format!("Delete section {id} of board {BOARD}? the pins in it are deleted with it. Type y to delete:")),
        "{}",
        kept.all()
    );
    assert!(kept.stdout.contains("Not deleted"), "{}", kept.all());
    let listed = setup.run(&["sections", "--board", BOARD, "--all", "--json"]);
    assert!(listed.stdout.contains(&id), "still there: {}", listed.all());

    let deleted = at_terminal(&command, "y\n");
    assert_eq!(deleted.code, 0, "{}", deleted.all());
    assert!(
        deleted.stdout.contains(&format!("Deleted section {id}")),
        "{}",
        deleted.all()
    );
}

#[test]
fn a_video_upload_at_a_terminal_shows_its_progress() {
    let setup = Setup::with(
        "terminal-video",
        StandInOptions {
            trial: false,
            media_processing_polls: 1,
            ..StandInOptions::default()
        },
        Environment::Production,
    );
    setup.sign_in();
    let file = setup.dir.join("clip.mp4");
    std::fs::write(&file, vec![42u8; 3 * 1024 * 1024]).expect("write a video");
    let mut command = setup.command();
    command.args(["video", "upload"]).arg(&file);
    let run = at_terminal(&command, "");
    assert_eq!(run.code, 0, "{}", run.all());
    // The pseudo-terminal carries standard output and error alike.
    assert!(
        run.stdout.contains("uploading "),
        "no upload bar: {}",
        run.all()
    );
    assert!(
        run.stdout.contains("3.00 MiB"),
        "the bar counts bytes: {}",
        run.all()
    );
    assert!(
        run.stdout.contains("Pinterest is processing the video"),
        "no spinner: {}",
        run.all()
    );
    let media = &setup.pinterest.media()[0];
    assert!(
        run.stdout
            .contains(&format!("Media {} is ready.", media.media_id))
    );
}
