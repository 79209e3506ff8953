//! The shared table of operations (`wasi/tests/operations.json`): every
//! operation of the connector, in an order where each finds what it needs
//! (the code after the consent page, tokens after `exchange`), with what
//! its output must hold. Every standard host runs it; a new operation is a
//! new step there, and [`uncovered`] fails the hosts until it has one.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

/// The video the table's `upload-video` step sends (the table's
/// `content`), written to a directory.
pub struct Content {
    /// The directory holding the file, to preopen read-only as [`Self::preopen`].
    pub dir: PathBuf,
    /// The guest name of that directory.
    pub preopen: String,
    /// The host-content name `${content}` stands for (`preopen/file`).
    pub name: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

impl Content {
    /// Writes the table's video into `dir` (made if missing).
    pub fn write(dir: &Path) -> Self {
        let content = &table()["content"];
        let text = |field: &str| content[field].as_str().expect(field).to_owned();
        let (preopen, file) = (text("directory"), text("file"));
        std::fs::create_dir_all(dir).expect("a directory");
        let bytes = text("text").into_bytes();
        std::fs::write(dir.join(&file), &bytes).expect("the video");
        Self {
            dir: dir.to_path_buf(),
            name: format!("{preopen}/{file}"),
            preopen,
            bytes,
        }
    }
}

/// The whole table.
fn table() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("operations.json");
    let text = std::fs::read_to_string(&path).expect("the table of operations");
    serde_json::from_str(&text).expect("the table is JSON")
}

/// The table's steps.
pub fn steps() -> Vec<Value> {
    table()["steps"].as_array().expect("steps").clone()
}

/// The operations of `manifest` (with `describe`) that no step runs.
pub fn uncovered(manifest: &Value, ran: &[String]) -> BTreeSet<String> {
    let mut all: BTreeSet<String> = manifest["operations"]
        .as_array()
        .expect("operations")
        .iter()
        .map(|op| op["name"].as_str().expect("a name").to_owned())
        .collect();
    all.insert("describe".to_owned());
    all.retain(|name| !ran.contains(name));
    all
}

/// The part of `value` at the dotted `path` (list indexes as numbers).
pub fn lookup<'a>(value: &'a Value, path: &str) -> &'a Value {
    path.split('.')
        .filter(|part| !part.is_empty())
        .fold(value, |value, part| match part.parse::<usize>() {
            Ok(index) if value.is_array() => &value[index],
            _ => &value[part],
        })
}

/// `template` with every `"${name}"` string replaced from `known`.
pub fn fill(template: &Value, known: &BTreeMap<String, Value>) -> Value {
    match template {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, value)| (key.clone(), fill(value, known)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|v| fill(v, known)).collect()),
        Value::String(text) if text.starts_with("${") && text.ends_with('}') => {
            let name = &text[2..text.len() - 1];
            let (head, path) = name.split_once('.').unwrap_or((name, ""));
            let value = known
                .get(head)
                .unwrap_or_else(|| panic!("{name}: nothing known as {head} yet"));
            lookup(value, path).clone()
        }
        other => other.clone(),
    }
}

/// The code the consent page at `url` redirects with (the redirect is read,
/// not followed).
pub fn consent(url: &str) -> String {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into();
    let answer = agent.get(url).call().expect("the consent page");
    assert_eq!(answer.status(), 302, "the consent page approves at once");
    let location = answer.headers()["location"].to_str().expect("a location");
    let query = location.split_once('?').expect("a query").1;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("code="))
        .expect("a code")
        .to_owned()
}

/// Checks `output` against the step's `expect`.
pub fn check(step: &Value, output: &Value, known: &BTreeMap<String, Value>) {
    let expect = fill(&step["expect"], known);
    let path = expect["path"].as_str().unwrap_or_default();
    let got = lookup(output, path);
    let name = &step["operation"];
    if let Some(equals) = expect.get("equals") {
        assert_eq!(got, equals, "{name} {path:?}");
    }
    if let Some(count) = expect.get("count") {
        let items = got.as_array().map_or(0, Vec::len);
        assert_eq!(json!(items), *count, "{name} {path:?}");
    }
    if let Some(contains) = expect.get("contains").and_then(Value::as_str) {
        let text = got.as_str().unwrap_or_default();
        assert!(
            text.contains(contains),
            "{name} {path:?}: {}",
            &text[..text.len().min(200)]
        );
    }
}

/// Runs every step through `call` (operation name, input → output or the
/// error in JSON form), starting from `known` (`config`, `redirect-uri`,
/// `content`).
/// Returns the operations run.
pub fn run(
    mut call: impl FnMut(&str, &Value) -> Result<Value, Value>,
    mut known: BTreeMap<String, Value>,
) -> Vec<String> {
    let mut ran = Vec::new();
    for step in steps() {
        let name = step["operation"].as_str().expect("an operation").to_owned();
        let input = fill(&step["input"], &known);
        match (call(&name, &input), step.get("fails")) {
            (Err(error), Some(tag)) => assert_eq!(&error["tag"], tag, "{name}: {error}"),
            (Ok(output), None) => {
                check(&step, &output, &known);
                if let Some(field) = step["consent"].as_str() {
                    let url = lookup(&output, field).as_str().expect("a consent URL");
                    known.insert("code".into(), Value::from(consent(url)));
                }
                known.insert(name.clone(), output);
            }
            (Ok(output), Some(tag)) => panic!("{name} succeeded ({output}); expected {tag}"),
            (Err(error), None) => panic!("{name} failed: {error}"),
        }
        ran.push(name);
    }
    ran
}
