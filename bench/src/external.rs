//! Clients timed in another process: Pinterest's Python SDK
//! (`bench/python/sdk_e2e.py` in the bench's virtualenv) and, when the
//! repository has one, the Node host (`hosts/node`, through its `bench:e2e`
//! npm script). Both take `BASE_URL OPERATION BOARDS BATCHES PER_BATCH` and
//! print `{"per_op_seconds": [...]}`, one time per batch.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Deserialize;

use crate::stats::Sample;

/// Warm-up runs both scripts make before timing (see `WARMUP` there).
pub const WARMUP: u64 = 20;

/// A client in another process.
pub enum External {
    /// `python bench/python/sdk_e2e.py`.
    PythonSdk {
        /// The virtualenv's interpreter.
        python: PathBuf,
        /// The script.
        script: PathBuf,
    },
    /// `npm --prefix hosts/node run --silent bench:e2e --`.
    NodeHost {
        /// `hosts/node`.
        dir: PathBuf,
        /// The component it should load.
        component: PathBuf,
    },
}

#[derive(Deserialize)]
struct Output {
    per_op_seconds: Vec<f64>,
}

impl External {
    /// Runs `operation` in batches and reads the per-operation times.
    pub fn run(
        &self,
        base_url: &str,
        operation: &str,
        boards: u32,
        (batches, per_batch): (usize, u32),
    ) -> Result<Sample, String> {
        let args = [
            base_url.to_owned(),
            operation.to_owned(),
            boards.to_string(),
            batches.to_string(),
            per_batch.to_string(),
        ];
        let mut command = match self {
            External::PythonSdk { python, script } => {
                let mut c = Command::new(python);
                c.arg(script);
                c
            }
            External::NodeHost { dir, component } => {
                let mut c = Command::new("npm");
                c.arg("--prefix")
                    .arg(dir)
                    .args(["run", "--silent", "bench:e2e", "--"])
                    .env("PINTEREST_CONNECTOR_WASM", component);
                c
            }
        };
        let output = command
            .args(&args)
            .output()
            .map_err(|e| format!("could not start: {e}"))?;
        if !output.status.success() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let last = stderr.lines().last().unwrap_or("").trim();
            return Err(format!("exited with {} ({last})", output.status));
        }
        let parsed: Output = serde_json::from_slice(&output.stdout).map_err(|e| {
            format!(
                "printed no timings ({e}): {}",
                String::from_utf8_lossy(&output.stdout)
            )
        })?;
        Ok(Sample::from_batches(parsed.per_op_seconds))
    }
}

/// The Node host step, when `repo/hosts/node` has a `package.json`; or why
/// it is skipped.
pub fn node_host(repo: &Path, component: &Path) -> Result<External, String> {
    let dir = repo.join("hosts/node");
    let manifest = dir.join("package.json");
    let text = std::fs::read_to_string(&manifest)
        .map_err(|_| "hosts/node not in this checkout".to_owned())?;
    let has_script = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("scripts")?.get("bench:e2e").cloned())
        .is_some();
    if !has_script {
        return Err("hosts/node has no bench:e2e npm script".into());
    }
    if !dir.join("node_modules").exists() {
        let status = Command::new("npm")
            .arg("--prefix")
            .arg(&dir)
            .args(["ci", "--silent"])
            .status()
            .map_err(|e| format!("npm ci could not start: {e}"))?;
        if !status.success() {
            return Err(format!("npm ci in hosts/node failed ({status})"));
        }
    }
    // npm runs the script in hosts/node: the path must not be relative.
    let component =
        std::fs::canonicalize(component).map_err(|e| format!("{}: {e}", component.display()))?;
    Ok(External::NodeHost { dir, component })
}
