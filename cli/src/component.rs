//! The connector component this program runs: the one built into it, or
//! another given by `--component FILE` or `$PINTEREST_CONNECTOR_WASM`.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::exit::CliError;

/// Environment variable naming a component to run instead of the built-in
/// one.
pub const COMPONENT_ENV: &str = "PINTEREST_CONNECTOR_WASM";

/// The release build of the component, carried inside this program.
static BUILT_IN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/pinterest_connector.wasm"));

/// The first bytes of every WebAssembly binary.
const WASM_MAGIC: &[u8] = b"\0asm";

/// Which component to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Component {
    /// The one built into this program.
    BuiltIn,
    /// A file.
    File(PathBuf),
}

impl Component {
    /// `--component FILE`, else `$PINTEREST_CONNECTOR_WASM`, else the
    /// built-in one.
    pub fn choose(flag: Option<&Path>) -> Self {
        flag.map(Path::to_path_buf)
            .or_else(|| std::env::var_os(COMPONENT_ENV).map(PathBuf::from))
            .map_or(Component::BuiltIn, Component::File)
    }

    /// Its bytes; a file that is missing or no WebAssembly is refused with
    /// what to do.
    pub fn bytes(&self) -> Result<Cow<'static, [u8]>, CliError> {
        let Component::File(path) = self else {
            return Ok(Cow::Borrowed(BUILT_IN));
        };
        let bytes = std::fs::read(path).map_err(|e| {
            CliError::failure(format!(
                "Could not read the connector component {}: {e}.",
                path.display()
            ))
            .with_remedy(remedy())
        })?;
        if !bytes.starts_with(WASM_MAGIC) {
            return Err(CliError::failure(format!(
                "{} is not a WebAssembly component (it does not start with \\0asm).",
                path.display()
            ))
            .with_remedy(remedy()));
        }
        Ok(Cow::Owned(bytes))
    }

    /// How to name it for people: `built in (N bytes)` or the file's path.
    pub fn describe(&self) -> String {
        match self {
            Component::BuiltIn => format!("built in ({} bytes)", BUILT_IN.len()),
            Component::File(path) => std::fs::canonicalize(path)
                .unwrap_or_else(|_| path.clone())
                .display()
                .to_string(),
        }
    }
}

fn remedy() -> String {
    format!(
        "Pass --component with a pinterest_connector.wasm built by ./build.sh, or unset {COMPONENT_ENV} to run the component built into this program."
    )
}
