//! The import's progress file next to the CSV: JSON lines, one per created
//! pin, appended and flushed to disk before the next row, so a rerun skips
//! every row already created.

use std::collections::HashMap;
use std::io::{BufRead as _, Write as _};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::super::exit::CliError;

/// The first line: which import the file belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Header {
    import: ImportKey,
}

/// The board and environment rows were created on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct ImportKey {
    csv: String,
    board_id: String,
    environment: String,
}

/// One created row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done {
    /// The row's line in the CSV.
    pub line: u64,
    /// Fingerprint of the row's content when it was created.
    pub fingerprint: String,
    /// The pin created for it.
    pub pin_id: String,
}

/// The progress file, loaded.
#[derive(Debug)]
pub struct StateFile {
    path: PathBuf,
    done: HashMap<u64, Done>,
    file: std::fs::File,
}

/// `FILE.csv.state.jsonl` next to the CSV.
pub fn default_path(csv: &Path) -> PathBuf {
    let mut name = csv.file_name().unwrap_or_default().to_os_string();
    name.push(".state.jsonl");
    csv.with_file_name(name)
}

impl StateFile {
    /// Opens (or starts) the progress file for an import of `csv` to
    /// `board_id` in `environment`; a file from another board or
    /// environment is refused.
    pub fn open(
        path: &Path,
        csv: &Path,
        board_id: &str,
        environment: &str,
    ) -> Result<Self, CliError> {
        let key = ImportKey {
            csv: csv
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            board_id: board_id.to_owned(),
            environment: environment.to_owned(),
        };
        let fail = |e: std::io::Error| {
            CliError::failure(format!(
                "Could not use the progress file {}: {e}.",
                path.display()
            ))
            .with_remedy("Check the directory's permissions, or pass --state FILE.")
        };
        let mut done = HashMap::new();
        let existing = path.exists();
        if existing {
            let reader = std::io::BufReader::new(std::fs::File::open(path).map_err(fail)?);
            let mut lines = reader.lines();
            let first = lines.next().transpose().map_err(fail)?.unwrap_or_default();
            let header: Option<Header> = serde_json::from_str(&first).ok();
            match header {
                Some(h)
                    if h.import.board_id == key.board_id
                        && h.import.environment == key.environment => {}
                Some(h) => {
                    return Err(CliError::usage(format!(
                        "The progress file {} belongs to an import to board {} ({}), not board {board_id} ({environment}).",
                        path.display(),
                        h.import.board_id,
                        h.import.environment
                    ))
                    .with_remedy("Pass --state with another file for this import, or use the board and environment of the earlier run."));
                }
                None => {
                    return Err(CliError::usage(format!(
                        "{} is not a progress file of this program.",
                        path.display()
                    ))
                    .with_remedy("Pass --state with another file."));
                }
            }
            for line in lines {
                let line = line.map_err(fail)?;
                // A line cut short by a crash is the only one that can fail.
                if let Ok(entry) = serde_json::from_str::<Done>(&line) {
                    done.insert(entry.line, entry);
                }
            }
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(fail)?;
        if !existing {
            let header = serde_json::to_string(&Header { import: key })
                .map_err(|e| fail(std::io::Error::other(e)))?;
            writeln!(file, "{header}").map_err(fail)?;
            file.sync_data().map_err(fail)?;
        }
        Ok(Self {
            path: path.to_owned(),
            done,
            file,
        })
    }

    /// The progress file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What an earlier run created for the row at `line`.
    pub fn done(&self, line: u64) -> Option<&Done> {
        self.done.get(&line)
    }

    /// Records a created row, on disk before returning.
    pub fn record(&mut self, entry: Done) -> Result<(), CliError> {
        let text = serde_json::to_string(&entry)
            .map_err(|e| CliError::failure(format!("encoding progress: {e}")))?;
        let written = writeln!(self.file, "{text}").and_then(|()| self.file.sync_data());
        written.map_err(|e| {
            CliError::failure(format!(
                "Could not record pin {} (line {}) in {}: {e}.",
                entry.pin_id,
                entry.line,
                self.path.display()
            ))
            .with_remedy("Free disk space or fix permissions, then rerun: rows recorded so far are skipped; this one may be created twice.")
        })?;
        self.done.insert(entry.line, entry);
        Ok(())
    }
}
