//! Packs the manifest for the component. `src/manifest.json` is checked in
//! indented (written by `cargo run -p manifest-gen`); `describe` returns it
//! compact. The compact text is stored LZ4-compressed, a fifth of its size,
//! and unpacked by `describe`.

use std::error::Error;
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo:rerun-if-changed=src/manifest.json");
    // The bindings macro reads the contract; a change to it alone must
    // rebuild the component.
    println!("cargo:rerun-if-changed=wit");
    let text = std::fs::read_to_string("src/manifest.json")?;
    let packed = lz4_flex::block::compress_prepend_size(compact(&text).as_bytes());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR is not set")?);
    std::fs::write(out.join("manifest.json.lz4"), packed)?;
    Ok(())
}

/// JSON text without the whitespace between its tokens.
fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c.is_ascii_whitespace() {
            continue;
        }
        out.push(c);
    }
    out
}
