//! The core's modules form layers, without cycles: each uses only modules
//! of lower layers (read from every `crate::` path in its source), so
//! errors never depend on the response modules that build them, and a new
//! module has a place to go.

use std::collections::BTreeSet;
use std::path::Path;

/// Every module, lowest first. `component` is a folder; `lib.rs` is above
/// them all.
const LAYERS: [&str; 33] = [
    "datetime",
    "text",
    "json",
    "redact",
    "secret",
    "http",
    "error",
    "endpoints",
    "scopes",
    "validate",
    "config",
    "operation",
    "excerpt",
    "remedy",
    "body",
    "classify",
    "request",
    "paging",
    "oauth",
    "account",
    "boards",
    "sections",
    "pins",
    "pin_lists",
    "pin_edits",
    "duplicates",
    "poll",
    "media",
    "upload",
    "wait",
    "raw",
    "connector",
    "component",
];

/// The first segment of every `crate::` path in `source`, braces included
/// (`crate::{a::B, c}` names `a` and `c`).
fn crate_paths(source: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = source;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 1;
            let end = group
                .char_indices()
                .find(|(_, c)| {
                    match c {
                        '{' => depth += 1,
                        '}' => depth -= 1,
                        _ => {}
                    }
                    depth == 0
                })
                .map_or(group.len(), |(i, _)| i);
            for item in split_top_level(&group[..end]) {
                found.insert(segment(item.trim()));
            }
        } else {
            found.insert(segment(rest));
        }
    }
    found
}

/// The items of a `{…}` group, split at its top-level commas.
fn split_top_level(group: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut from) = (0, 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[from..i]);
                from = i + 1;
            }
            _ => {}
        }
    }
    items.push(&group[from..]);
    items
}

/// The identifier `path` starts with.
fn segment(path: &str) -> String {
    path.chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The source of each module: `src/NAME.rs`, or every file of `src/NAME/`.
fn sources() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut modules = Vec::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            let text: String = std::fs::read_dir(&path)
                .unwrap()
                .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
                .collect();
            modules.push((name, text));
        } else if path.extension().is_some_and(|e| e == "rs") && name != "lib" {
            modules.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    modules
}

#[test]
fn every_module_has_a_layer() {
    let mut found: Vec<String> = sources().into_iter().map(|(name, _)| name).collect();
    found.sort();
    let mut listed: Vec<String> = LAYERS.iter().map(|s| (*s).to_owned()).collect();
    listed.sort();
    assert_eq!(found, listed, "add new modules to LAYERS, in their layer");
}

#[test]
fn modules_use_only_lower_layers() {
    let layer = |name: &str| LAYERS.iter().position(|m| *m == name);
    let mut upward = Vec::new();
    for (name, source) in sources() {
        let own = layer(&name).unwrap();
        for used in crate_paths(&source) {
            if layer(&used).is_some_and(|theirs| theirs >= own) && used != name {
                upward.push(format!("{name} uses {used}"));
            }
        }
    }
    assert!(
        upward.is_empty(),
        "uses of the same or a higher layer: {upward:#?}"
    );
}

#[test]
fn paths_are_read_inside_braces_too() {
    let paths = crate_paths("use crate::{a::{B, c}, d};\nlet x = crate::e::f(crate::g);");
    let expected: BTreeSet<String> = ["a", "d", "e", "g"].map(String::from).into();
    assert_eq!(paths, expected);
}
