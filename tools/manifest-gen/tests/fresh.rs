//! The checked-in manifest is what the generator makes of the current WIT,
//! endpoint table and limits; and the generator refuses a WIT its facts no
//! longer fit.

use std::path::{Path, PathBuf};

use manifest_gen::{COMMAND, OUTPUT, generate, repository};

#[test]
fn the_checked_in_manifest_is_current() {
    let root = repository();
    let generated = generate(&root.join("wit")).unwrap_or_else(|e| panic!("{e}"));
    let committed = std::fs::read_to_string(root.join(OUTPUT)).unwrap_or_default();
    if committed != generated {
        let line = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(generated.lines().count()));
        panic!(
            "{OUTPUT} is stale: the WIT, the core's endpoint table or limits, or the \
             generator's facts changed since it was written.\n\
             Regenerate it with `{COMMAND}` and commit the result.\n\
             First difference, line {}:\n  committed: {}\n  generated: {}",
            line + 1,
            committed.lines().nth(line).unwrap_or("(end of file)"),
            generated.lines().nth(line).unwrap_or("(end of file)"),
        );
    }
}

/// A copy of `wit/` with `edit` applied to `types.wit`, in a fresh
/// directory.
fn edited_wit(name: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("manifest-gen-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy(&repository().join("wit"), &dir);
    let types = dir.join("types.wit");
    let text = std::fs::read_to_string(&types).unwrap();
    let edited = edit(&text);
    assert!(edited != text, "the edit changes nothing");
    std::fs::write(&types, edited).unwrap();
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// `wit` with the `///` comment of the field `field` of `record` replaced
/// by `doc` (none: removed).
fn with_doc(wit: &str, record: &str, field: &str, doc: Option<&str>) -> String {
    let lines: Vec<&str> = wit.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.trim() == format!("record {record} {{"))
        .unwrap();
    let at = start
        + lines[start..]
            .iter()
            .position(|l| l.trim().starts_with(&format!("{field}:")))
            .unwrap();
    let mut first = at;
    while lines[first - 1].trim().starts_with("///") {
        first -= 1;
    }
    let mut out: Vec<String> = lines[..first].iter().map(|l| (*l).to_owned()).collect();
    out.extend(doc.map(|d| format!("        /// {d}")));
    out.extend(lines[at..].iter().map(|l| (*l).to_owned()));
    out.join("\n") + "\n"
}

#[test]
fn an_edited_doc_comment_changes_the_manifest() {
    let doc = "The title people see, however it was typed.";
    let wit = edited_wit("doc", |t| with_doc(t, "pin-input", "title", Some(doc)));
    let manifest = generate(&wit).unwrap();
    let _ = std::fs::remove_dir_all(&wit);
    assert!(manifest.contains(&format!("\"{doc}\"")), "{doc}");
}

#[test]
fn a_field_without_a_doc_comment_is_refused() {
    let wit = edited_wit("undocumented", |t| with_doc(t, "board", "name", None));
    let error = generate(&wit).unwrap_err();
    let _ = std::fs::remove_dir_all(&wit);
    assert!(error.contains("board.name has no ///"), "{error}");
}

#[test]
fn a_limit_whose_field_was_renamed_is_refused_as_stale() {
    let wit = edited_wit("renamed", |t| {
        t.replacen(
            "        alt-text: option<string>,",
            "        alternative-text: option<string>,",
            1,
        )
    });
    let error = generate(&wit).unwrap_err();
    let _ = std::fs::remove_dir_all(&wit);
    assert!(error.contains("pin-input.alt-text"), "{error}");
}
