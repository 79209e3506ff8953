//! Replacing a small private file so that a crash at any moment leaves the
//! old content or the new, never a mix, and finding the temporary files a
//! killed process left behind.
//!
//! A replacement writes a new file `.NAME.PID.tmp` (mode 0600) in the same
//! directory, flushes it to disk, renames it over `NAME` (atomic within a
//! file system) and flushes the directory, so that the rename itself
//! survives a power cut. A process killed before the rename leaves its
//! temporary file; [`leftovers`] finds those whose writer is gone.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// A temporary file a writer left next to its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leftover {
    /// The temporary file.
    pub path: PathBuf,
    /// The process that wrote it.
    pub pid: u32,
}

/// The temporary file process `pid` writes before replacing `path`.
pub fn temporary_for(path: &Path, pid: u32) -> PathBuf {
    directory_of(path).join(format!(".{}.{pid}.tmp", file_name(path)))
}

/// Replaces `path` with `bytes` (mode 0600, created with its directory
/// 0700 if missing). `before_rename` runs once the new content is on disk
/// in the temporary file, just before it takes the place of `path`.
pub fn replace(path: &Path, bytes: &[u8], before_rename: impl FnOnce()) -> std::io::Result<()> {
    let dir = directory_of(path);
    if !dir.exists() {
        create_private_dir(&dir)?;
    }
    let temporary = temporary_for(path, std::process::id());
    let written = (|| {
        let mut file = create_private_file(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        before_rename();
        std::fs::rename(&temporary, path)
    })();
    if let Err(e) = written {
        // Leave no stray copy behind.
        let _ = std::fs::remove_file(&temporary);
        return Err(e);
    }
    sync_dir(&dir)
}

/// Whether [`replace`] could write `path` now: creates its directory if
/// missing, then creates and removes the temporary file `replace` would
/// write. Nothing else is touched; a probe left by a kill is a leftover
/// like any other (see [`leftovers`]).
pub fn check_writable(path: &Path) -> std::io::Result<()> {
    let dir = directory_of(path);
    if !dir.exists() {
        create_private_dir(&dir)?;
    }
    let probe = temporary_for(path, std::process::id());
    let file = create_private_file(&probe)?;
    drop(file);
    std::fs::remove_file(&probe)
}

/// The temporary files next to `path` whose writer no longer runs: left by
/// a process killed before its rename. Files of running writers are not
/// listed (they are about to be renamed).
pub fn leftovers(path: &Path) -> Vec<Leftover> {
    let prefix = format!(".{}.", file_name(path));
    let Ok(entries) = std::fs::read_dir(directory_of(path)) else {
        return Vec::new();
    };
    let mut found: Vec<Leftover> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let pid = name
                .strip_prefix(&prefix)?
                .strip_suffix(".tmp")?
                .parse::<u32>()
                .ok()?;
            Some(Leftover {
                path: entry.path(),
                pid,
            })
        })
        .filter(|leftover| !is_running(leftover.pid))
        .collect();
    found.sort_by(|a, b| a.path.cmp(&b.path));
    found
}

/// Moves a leftover into place as `path` (its content is complete: it was
/// flushed before the rename that never came).
pub fn adopt(leftover: &Leftover, path: &Path) -> std::io::Result<()> {
    std::fs::rename(&leftover.path, path)?;
    sync_dir(&directory_of(path))
}

/// The directory `path` is in (`.` for a bare file name).
pub fn directory_of(path: &Path) -> PathBuf {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "tokens.json".to_owned())
}

/// Whether process `pid` exists (this one always does).
#[cfg(unix)]
fn is_running(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 sends nothing; it only asks whether `pid` exists.
    let answer = unsafe { libc::kill(pid, 0) };
    answer == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// Without a way to ask, every writer counts as running: nothing is
/// touched.
#[cfg(not(unix))]
fn is_running(_pid: u32) -> bool {
    true
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt as _;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

/// Creates `dir` and its missing parents, mode 0700.
#[cfg(unix)]
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt as _;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// Creates `dir` and its missing parents.
#[cfg(not(unix))]
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("durable-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        dir
    }

    #[test]
    fn replaces_the_file_and_leaves_nothing_behind() {
        let dir = scratch("replace");
        let path = dir.join("tokens.json");
        std::fs::write(&path, "old").unwrap();
        let mut seen = None;
        replace(&path, b"new", || {
            // The new content is on disk in the temporary file; the old
            // file is still in place.
            let temporary = temporary_for(&path, std::process::id());
            seen = Some((
                std::fs::read_to_string(&temporary).unwrap(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        })
        .unwrap();
        assert_eq!(seen, Some(("new".to_owned(), "old".to_owned())));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["tokens.json"]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_writability_check_leaves_nothing_behind() {
        let dir = scratch("check");
        let path = dir.join("sub").join("tokens.json");
        check_writable(&path).unwrap();
        assert!(dir.join("sub").is_dir());
        assert_eq!(std::fs::read_dir(dir.join("sub")).unwrap().count(), 0);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn lists_only_leftovers_of_writers_that_are_gone() {
        let dir = scratch("leftovers");
        let path = dir.join("tokens.json");
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let gone = child.id();
        child.wait().unwrap();
        std::fs::write(temporary_for(&path, gone), "x").unwrap();
        std::fs::write(temporary_for(&path, std::process::id()), "x").unwrap();
        std::fs::write(dir.join(".other.json.1.tmp"), "x").unwrap();
        assert_eq!(
            leftovers(&path),
            [Leftover {
                path: temporary_for(&path, gone),
                pid: gone
            }]
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
