//! Content the host holds for the component: [`HostContent`], which answers
//! the component's `content-length` and supplies the bytes of a request's
//! `host-content` parts, and [`HostFiles`], files registered by name.
//!
//! The component only ever sees a name — the one the platform's caller
//! gave it — and the host streams the bytes into the request body, so a
//! 2 GiB video never passes through the component's memory. Nothing is
//! readable unless the platform registered it: a name the host does not
//! hold is refused with `http-error::denied`, whatever it looks like (a
//! path, `../`, `/etc/passwd`).

use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::Read;
use std::path::PathBuf;

use crate::bindings::http::HttpError;

/// Content the host can put into a request body by name. Implement it over
/// the platform's own storage (blobs, object store), or register files with
/// [`HostFiles`].
pub trait HostContent: Send + Sync {
    /// The size in bytes of the content called `name`: `denied` when none
    /// is held under that name, `transport` when it cannot be read.
    fn length(&self, name: &str) -> Result<u64, HttpError>;

    /// The content called `name`, from its first byte. The host reads the
    /// number of bytes [`HostContent::length`] gave just before, no more;
    /// a source that ends sooner fails the request.
    fn open(&self, name: &str) -> Result<Box<dyn Read + Send>, HttpError>;
}

/// Files the component may send, each under the name the platform gives
/// the component (e.g. a video's id), mapped to its path. Only registered
/// paths are ever opened; names are compared exactly, never read as paths.
///
/// ```
/// use std::sync::Arc;
/// use pinterest_connector_host::{HostContent, HostFiles};
///
/// # let dir = std::env::temp_dir().join(format!("host-files-doc-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir)?;
/// # let path = dir.join("42.mp4");
/// # std::fs::write(&path, b"0123456789")?;
/// let files = HostFiles::new().file("video-42", &path);
/// assert_eq!(files.length("video-42").ok(), Some(10));
/// assert!(files.length(path.to_str().unwrap()).is_err()); // a path is not a name
/// let content: Arc<dyn HostContent> = Arc::new(files);
/// # let _ = content;
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), std::io::Error>(())
/// ```
#[derive(Clone, Default)]
pub struct HostFiles {
    files: BTreeMap<String, PathBuf>,
}

impl HostFiles {
    /// No files yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// The same files and the one at `path`, under `name`.
    pub fn file(mut self, name: impl Into<String>, path: impl Into<PathBuf>) -> Self {
        self.insert(name, path);
        self
    }

    /// Registers the file at `path` under `name` (replacing any file of
    /// that name).
    pub fn insert(&mut self, name: impl Into<String>, path: impl Into<PathBuf>) {
        self.files.insert(name.into(), path.into());
    }

    /// The registered names.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    fn path(&self, name: &str) -> Result<&PathBuf, HttpError> {
        self.files.get(name).ok_or_else(|| not_held(name))
    }
}

impl HostContent for HostFiles {
    fn length(&self, name: &str) -> Result<u64, HttpError> {
        let metadata = std::fs::metadata(self.path(name)?).map_err(|e| unreadable(name, &e))?;
        if !metadata.is_file() {
            return Err(not_a_file(name));
        }
        Ok(metadata.len())
    }

    fn open(&self, name: &str) -> Result<Box<dyn Read + Send>, HttpError> {
        let file = File::open(self.path(name)?).map_err(|e| unreadable(name, &e))?;
        let metadata = file.metadata().map_err(|e| unreadable(name, &e))?;
        if !metadata.is_file() {
            return Err(not_a_file(name));
        }
        Ok(Box::new(file))
    }
}

/// The names only: where the files live is the platform's business.
impl fmt::Debug for HostFiles {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HostFiles")
            .field("names", &self.files.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// What a host without content answers: every name is refused.
pub(crate) struct NoContent;

impl HostContent for NoContent {
    fn length(&self, _name: &str) -> Result<u64, HttpError> {
        Err(none_held())
    }

    fn open(&self, _name: &str) -> Result<Box<dyn Read + Send>, HttpError> {
        Err(none_held())
    }
}

fn none_held() -> HttpError {
    HttpError::Denied(
        "host content: this host holds no content for the component (none was registered for this call)"
            .to_owned(),
    )
}

/// The refusal of a name nobody registered.
fn not_held(name: &str) -> HttpError {
    HttpError::Denied(format!(
        "host content: no content named {} is held for this call (the component may send only content the host registered by name)",
        quoted(name)
    ))
}

/// A registered file that cannot be read: the name and the system's
/// reason, never the path.
fn unreadable(name: &str, error: &std::io::Error) -> HttpError {
    HttpError::Transport(format!(
        "host content {} cannot be read: {error}",
        quoted(name)
    ))
}

fn not_a_file(name: &str) -> HttpError {
    HttpError::Transport(format!(
        "host content {} is not a regular file",
        quoted(name)
    ))
}

/// Longest part of a name quoted in a message, in characters.
const MAX_QUOTED_CHARS: usize = 100;

/// `name` quoted for a message, cut at [`MAX_QUOTED_CHARS`].
pub(crate) fn quoted(name: &str) -> String {
    match name.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((cut, _)) => format!("{:?}…", &name[..cut]),
        None => format!("{name:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_in_messages() {
        assert_eq!(quoted("video"), "\"video\"");
        let long = "n".repeat(150);
        assert_eq!(quoted(&long), format!("\"{}\"…", "n".repeat(100)));
    }

    #[test]
    fn an_unregistered_name_is_denied_whatever_it_looks_like() {
        let files = HostFiles::new().file("video", "/nonexistent/video.mp4");
        for name in ["/etc/passwd", "../video", "VIDEO", "video ", ""] {
            assert!(
                matches!(files.length(name), Err(HttpError::Denied(why)) if why.contains("no content named")),
                "{name:?}"
            );
            assert!(files.open(name).is_err(), "{name:?}");
        }
    }

    #[test]
    fn a_missing_file_is_a_transport_error_without_its_path() {
        let files = HostFiles::new().file("video", "/nonexistent/secret-dir/video.mp4");
        let Err(HttpError::Transport(why)) = files.length("video") else {
            panic!("expected a transport error")
        };
        assert!(
            why.starts_with("host content \"video\" cannot be read"),
            "{why}"
        );
        assert!(!why.contains("secret-dir"), "{why}");
    }

    #[test]
    fn a_directory_is_not_content() {
        let files = HostFiles::new().file("dir", std::env::temp_dir());
        assert!(
            matches!(files.length("dir"), Err(HttpError::Transport(why)) if why.contains("not a regular file"))
        );
        assert!(files.open("dir").is_err());
    }
}
