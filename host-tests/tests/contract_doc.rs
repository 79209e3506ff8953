//! docs/contract.md's "At a glance" table names every function of the
//! contract, so the page a newcomer reads first never misses an operation.

use wit_parser::Resolve;

fn glance() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let page = std::fs::read_to_string(root.join("docs/contract.md")).expect("docs/contract.md");
    let start = page.find("## At a glance").expect("an At a glance section");
    let rest = &page[start + 2..];
    let end = rest.find("\n## ").map_or(rest.len(), |i| i + 1);
    rest[..end].to_string()
}

#[test]
fn at_a_glance_lists_every_function_of_the_connector() {
    let mut resolve = Resolve::default();
    let wit = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../wit");
    let (package, _) = resolve.push_dir(&wit).expect("wit/ parses");
    let connector = resolve.packages[package].interfaces["connector"];
    let glance = glance();
    let missing: Vec<&str> = resolve.interfaces[connector]
        .functions
        .keys()
        .map(String::as_str)
        .filter(|name| !glance.contains(&format!("`{name}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/contract.md's At a glance does not list {missing:?}"
    );
}
