//! The machine line printed above the table: cores, CPU model, rustc,
//! wasmtime and Python versions.

use std::path::Path;
use std::process::Command;

/// One line describing the machine and toolchain.
pub fn describe(repo: &Path, python: Option<&Path>) -> String {
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines().find_map(|l| {
                l.strip_prefix("model name")?
                    .split_once(':')
                    .map(|(_, m)| m.trim().to_owned())
            })
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let rustc = version(Command::new("rustc").arg("--version"));
    let wasmtime = locked_version(repo, "wasmtime").unwrap_or_else(|| "?".into());
    let python = python
        .map(|p| version(Command::new(p).arg("--version")))
        .unwrap_or_else(|| "no Python".into());
    format!("{cores} cores ({cpu}), {rustc}, wasmtime {wasmtime}, {python}")
}

fn version(command: &mut Command) -> String {
    command
        .output()
        .ok()
        .map(|o| {
            let text = if o.stdout.is_empty() {
                o.stderr
            } else {
                o.stdout
            };
            String::from_utf8_lossy(&text).trim().to_owned()
        })
        .unwrap_or_else(|| "?".into())
}

/// The version of `package` in the workspace's `Cargo.lock`.
fn locked_version(repo: &Path, package: &str) -> Option<String> {
    let lock = std::fs::read_to_string(repo.join("Cargo.lock")).ok()?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{package}\"") {
            let version = lines.next()?.strip_prefix("version = \"")?;
            return Some(version.trim_end_matches('"').to_owned());
        }
    }
    None
}
