//! `cargo run -p manifest-gen`: writes the connector's manifest,
//! `src/manifest.json`, from the WIT in `wit/` (see the library's docs).

use std::process::ExitCode;

fn main() -> ExitCode {
    let root = manifest_gen::repository();
    let output = root.join(manifest_gen::OUTPUT);
    match manifest_gen::generate(&root.join("wit")) {
        Ok(text) => match std::fs::write(&output, &text) {
            Ok(()) => {
                println!("wrote {} ({} bytes)", manifest_gen::OUTPUT, text.len());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("manifest-gen: {}: {e}", output.display());
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            eprintln!("manifest-gen: {e}");
            ExitCode::FAILURE
        }
    }
}
