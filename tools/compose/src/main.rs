//! `compose`: builds the connector's standard-WASI artifacts from its
//! components with `wac-graph` (the library behind `wac plug`), so the
//! build needs no `wac` command line.
//!
//! ```text
//! compose standard CONNECTOR ADAPTER OUTPUT
//!     the connector with the adapter plugged into its `http` (and type-only
//!     `types`) imports: a component that imports only wasi:* interfaces
//! compose service CONNECTOR ADAPTER SERVICE OUTPUT
//!     the HTTP service with that connector plugged into its imports: a
//!     component exporting wasi:http/incoming-handler
//! compose imports COMPONENT
//!     prints the component's imports, one a line
//! ```
//!
//! Every output is validated before it is written, then written to a
//! temporary file and renamed into place (unless the file there already
//! holds the same bytes).

mod graph;

use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let outcome = match args.as_slice() {
        ["standard", connector, adapter, output] => {
            graph::standard(Path::new(connector), Path::new(adapter))
                .and_then(|bytes| write(Path::new(output), &bytes))
        }
        ["service", connector, adapter, service, output] => {
            graph::service(Path::new(connector), Path::new(adapter), Path::new(service))
                .and_then(|bytes| write(Path::new(output), &bytes))
        }
        ["imports", component] => graph::imports(Path::new(component)).map(|names| {
            for name in names {
                println!("{name}");
            }
        }),
        _ => {
            eprintln!(
                "usage: compose standard CONNECTOR ADAPTER OUTPUT\n       compose service CONNECTOR ADAPTER SERVICE OUTPUT\n       compose imports COMPONENT"
            );
            return ExitCode::from(2);
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("compose: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Writes `bytes` to `output` through a temporary file, and says so; leaves
/// an identical file alone (so that what checks its time sees no change).
fn write(output: &Path, bytes: &[u8]) -> Result<(), String> {
    if std::fs::read(output).is_ok_and(|old| old == bytes) {
        println!(
            "compose: {} unchanged ({} bytes)",
            output.display(),
            bytes.len()
        );
        return Ok(());
    }
    let temporary = output.with_extension("wasm.tmp");
    std::fs::write(&temporary, bytes).map_err(|e| format!("{}: {e}", temporary.display()))?;
    std::fs::rename(&temporary, output).map_err(|e| format!("{}: {e}", output.display()))?;
    println!("compose: {} ({} bytes)", output.display(), bytes.len());
    Ok(())
}
