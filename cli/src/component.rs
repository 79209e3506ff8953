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
/// The version and layer after the magic in a component.
const COMPONENT_LAYER: &[u8] = &[0x0d, 0x00, 0x01, 0x00];
/// The version and layer after the magic in a core module.
const MODULE_LAYER: &[u8] = &[0x01, 0x00, 0x00, 0x00];
/// The longest cause of a load failure shown, in characters.
const MAX_CAUSE_CHARS: usize = 400;

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
        let not = |what: &str| {
            CliError::failure(format!(
                "{} is not a WebAssembly component: {what}.",
                path.display()
            ))
            .with_remedy(remedy())
        };
        if !bytes.starts_with(WASM_MAGIC) {
            return Err(not("it does not start with \\0asm"));
        }
        match bytes.get(4..8) {
            Some(COMPONENT_LAYER) => Ok(Cow::Owned(bytes)),
            Some(MODULE_LAYER) => Err(not(
                "it is a core WebAssembly module (build with --target wasm32-wasip2, as ./build.sh does)",
            )),
            _ => Err(not("its header is neither a component's nor a module's")),
        }
    }

    /// The error for a component that could not be compiled or linked,
    /// saying which one and what to do, in a few lines.
    pub fn load_error(&self, error: &wasmtime::Error) -> CliError {
        let cause = error
            .chain()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(": ");
        let cause = shorten(&cause, MAX_CAUSE_CHARS);
        match self {
            Component::BuiltIn => CliError::failure(format!(
                "The connector component built into this program could not be loaded: {cause}."
            ))
            .with_remedy("Rebuild the program with ./build.sh and cargo build; if it persists, report this message."),
            Component::File(path) => CliError::failure(format!(
                "The connector component {} could not be loaded: {cause}.",
                path.display()
            ))
            .with_remedy(remedy()),
        }
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

/// `text` cut to `max` characters, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

fn remedy() -> String {
    format!(
        "Pass --component with a pinterest_connector.wasm built by ./build.sh, or unset {COMPONENT_ENV} to run the component built into this program."
    )
}
