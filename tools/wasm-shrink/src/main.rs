//! `wasm-shrink INPUT OUTPUT [WASM_OPT [LEVEL]]`: writes to OUTPUT the
//! component INPUT with its core module run through Binaryen's `wasm-opt -Oz`
//! (or the LEVEL given, e.g. `-O3`, for the bench's frontier) and its
//! `component-name` section (debug names of the component layer) left out.
//! Everything else — imports, exports, types, the small adapter modules — is
//! copied byte for byte, so the component keeps its contract.
//!
//! `wasm-opt` is found on `PATH` unless WASM_OPT names it. The output is
//! written to a temporary file and renamed into place.

mod sections;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// The WebAssembly features rustc enables for `wasm32-wasip2`; `wasm-opt`
/// must accept them and may use no others.
const FEATURES: [&str; 7] = [
    "--enable-bulk-memory",
    "--enable-extended-const",
    "--enable-multivalue",
    "--enable-mutable-globals",
    "--enable-nontrapping-float-to-int",
    "--enable-reference-types",
    "--enable-sign-ext",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (input, output, wasm_opt, level) = match args.as_slice() {
        [i, o] => (i, o, "wasm-opt", "-Oz"),
        [i, o, w] => (i, o, w.as_str(), "-Oz"),
        [i, o, w, l] if l.starts_with("-O") => (i, o, w.as_str(), l.as_str()),
        _ => {
            eprintln!("usage: wasm-shrink INPUT.wasm OUTPUT.wasm [WASM_OPT [-Oz|-Os|-O2|-O3]]");
            return ExitCode::from(2);
        }
    };
    match shrink(Path::new(input), Path::new(output), wasm_opt, level) {
        Ok((before, after)) => {
            println!("wasm-shrink: {before} -> {after} bytes");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("wasm-shrink: {e}");
            ExitCode::FAILURE
        }
    }
}

fn shrink(
    input: &Path,
    output: &Path,
    wasm_opt: &str,
    level: &str,
) -> Result<(usize, usize), String> {
    let component = std::fs::read(input).map_err(|e| format!("{}: {e}", input.display()))?;
    let parsed = sections::Component::parse(&component)?;
    let core = parsed.largest_core_module()?;

    let work = temporary(output, "core.wasm");
    let optimized = temporary(output, "core.opt.wasm");
    std::fs::write(&work, core).map_err(|e| format!("{}: {e}", work.display()))?;
    let status = Command::new(wasm_opt)
        .arg(level)
        .args(FEATURES)
        .arg(&work)
        .arg("-o")
        .arg(&optimized)
        .status()
        .map_err(|e| format!("running {wasm_opt}: {e}"))?;
    if !status.success() {
        return Err(format!("{wasm_opt} failed ({status})"));
    }
    let new_core =
        std::fs::read(&optimized).map_err(|e| format!("{}: {e}", optimized.display()))?;
    let _ = std::fs::remove_file(&work);
    let _ = std::fs::remove_file(&optimized);

    let shrunk = parsed.rebuild(&new_core, &["component-name"]);
    let staged = temporary(output, "tmp");
    std::fs::write(&staged, &shrunk).map_err(|e| format!("{}: {e}", staged.display()))?;
    std::fs::rename(&staged, output).map_err(|e| format!("{}: {e}", output.display()))?;
    Ok((component.len(), shrunk.len()))
}

/// A scratch file next to `output`, named after it.
fn temporary(output: &Path, suffix: &str) -> PathBuf {
    let mut name = output.as_os_str().to_owned();
    name.push(format!(".{}.{suffix}", std::process::id()));
    PathBuf::from(name)
}
