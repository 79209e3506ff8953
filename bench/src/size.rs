//! Size rows: the component as shipped against what cargo links with the
//! workspace's release profile and with cargo's default release profile
//! (both built by `./build.sh bench` in the same run).

use std::path::Path;

use crate::table::{Row, Value};

/// The three builds of the component, and the standard-WASI artifacts.
pub struct Builds<'a> {
    /// The release profile, then `wasm-opt` (what `./build.sh` ships).
    pub shipped: &'a Path,
    /// The release profile as cargo links it.
    pub size_profile: &'a Path,
    /// Cargo's default release profile.
    pub default_profile: &'a Path,
    /// The component with the wasi:http adapter composed in, if given.
    pub standard: Option<&'a Path>,
    /// The HTTP service composed with it, if given.
    pub service: Option<&'a Path>,
}

/// The shipped component's row.
pub const SHIPPED: &str = "component as shipped (release profile + wasm-opt)";

/// The size rows; `precompiled` is the shipped component's machine code as
/// `Engine::precompile_component` writes it.
pub fn rows(builds: &Builds<'_>, precompiled: u64) -> Result<Vec<Row>, String> {
    let bytes = |path: &Path| {
        std::fs::metadata(path)
            .map(|m| Value::Bytes(m.len()))
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    let shipped = bytes(builds.shipped)?;
    let against = "shipped component";
    let mut rows = vec![
        Row::new("size", SHIPPED, shipped.clone()),
        Row::new(
            "size",
            "release profile (Cargo.toml: LTO, 1 codegen unit, strip), before wasm-opt",
            bytes(builds.size_profile)?,
        )
        .against(&shipped, against),
        Row::new(
            "size",
            "cargo's default release profile",
            bytes(builds.default_profile)?,
        )
        .against(&shipped, against),
        Row::new(
            "size",
            "precompiled machine code (.cwasm, x86-64)",
            Value::Bytes(precompiled),
        )
        .against(&shipped, against),
    ];
    for (what, path) in [
        (
            "standard-WASI artifact (component + wasi:http adapter, composed)",
            builds.standard,
        ),
        (
            "HTTP service artifact (standard-WASI artifact + service, composed)",
            builds.service,
        ),
    ] {
        if let Some(path) = path {
            rows.push(Row::new("size", what, bytes(path)?).against(&shipped, against));
        }
    }
    Ok(rows)
}
