//! The hosting guide's (docs/hosts.md) snippets are the example programs, word for
//! word, and the Rust one runs: it lists every board of the stand-in through
//! the component, and prints the remedy when the token is refused. (The
//! Node and Python examples run in their hosts' tests.)

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use pinterest_standin::{Environment, StandIn, StandInOptions};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `<!-- from PATH -->` in docs/hosts.md with the fenced block after it.
fn snippets() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(workspace().join("docs/hosts.md")).unwrap();
    let mut out = Vec::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        let Some(path) = line
            .strip_prefix("<!-- from ")
            .and_then(|rest| rest.strip_suffix(" -->"))
        else {
            continue;
        };
        let fence = lines.next().unwrap_or_default();
        assert!(
            fence.starts_with("```"),
            "{path}: no code block after the marker"
        );
        let mut body = String::new();
        for line in lines.by_ref() {
            if line == "```" {
                break;
            }
            body.push_str(line);
            body.push('\n');
        }
        out.push((path.to_owned(), body));
    }
    out
}

#[test]
fn the_hosting_guide_shows_each_example_as_it_is() {
    let snippets = snippets();
    let paths: Vec<&str> = snippets.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "hosts/rust/examples/list_boards.rs",
            "hosts/node/examples/list-boards.js",
            "hosts/python/example.py"
        ]
    );
    for (path, shown) in snippets {
        let file = std::fs::read_to_string(workspace().join(&path)).unwrap();
        assert_eq!(
            shown, file,
            "docs/hosts.md's copy of {path} differs from the file"
        );
    }
}

/// The example program cargo built next to this test.
fn example() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().and_then(Path::parent).unwrap();
    dir.join("examples")
        .join(format!("list_boards{}", std::env::consts::EXE_SUFFIX))
}

/// A temporary directory for the example whose compiled-code cache already
/// holds the component: the tests' own (same wasmtime build, same engine
/// settings), so the debug build does not compile it again.
fn warm_tmpdir() -> PathBuf {
    common::host();
    let tests_cache = Path::new(env!("CARGO_TARGET_TMPDIR")).join("component-cache");
    let tmpdir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("readme-example-tmp");
    let cache = tmpdir.join("pinterest-connector");
    std::fs::create_dir_all(&cache).unwrap();
    for entry in std::fs::read_dir(tests_cache).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), cache.join(entry.file_name())).unwrap();
    }
    tmpdir
}

fn run(pinterest: &StandIn, token: &str) -> std::process::Output {
    let example = example();
    assert!(
        example.exists(),
        "{} is missing: `cargo test --workspace` builds it (or `cargo build -p pinterest-connector-host --example list_boards`)",
        example.display()
    );
    Command::new(example)
        .env("TMPDIR", warm_tmpdir())
        .env("PINTEREST_APP_ID", pinterest.client_id())
        .env("PINTEREST_APP_SECRET", pinterest.client_secret())
        .env("PINTEREST_API_BASE_URL", pinterest.sandbox_base_url())
        .env("PINTEREST_ACCESS_TOKEN", token)
        .env("PINTEREST_CONNECTOR_WASM", common::component_path())
        .output()
        .expect("the example runs")
}

#[test]
fn the_rust_example_lists_every_board() {
    let pinterest = StandIn::start(StandInOptions::default()).unwrap();
    let tokens = pinterest.issue_tokens(Environment::Sandbox, &["boards:read"]);
    let done = run(&pinterest, &tokens.access_token);
    let stdout = String::from_utf8_lossy(&done.stdout);
    assert!(
        done.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.len() > 25, "{stdout}");
    assert!(lines[0].starts_with("549755885100  "), "{stdout}");
    assert_eq!(
        pinterest.request_count("GET", "/sandbox/v5/boards"),
        lines.len().div_ceil(25)
    );
}

#[test]
fn the_rust_example_prints_the_remedy_for_a_refused_token() {
    let pinterest = StandIn::start(StandInOptions::default()).unwrap();
    let done = run(&pinterest, "pina_revoked");
    assert_eq!(done.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&done.stderr);
    assert!(stderr.contains("refresh"), "{stderr}");
}
