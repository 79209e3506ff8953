//! Reading the import CSV: a header row naming the columns, then one pin
//! per row, each with its line number and a fingerprint of its content.

use std::path::{Path, PathBuf};

use pinterest_connector_host::types;

use super::super::exit::CliError;
use super::super::media;

/// Columns the import understands.
pub const COLUMNS: [&str; 12] = [
    "image_url",
    "image_file",
    "video_file",
    "cover_image_url",
    "key_frame_time",
    "title",
    "description",
    "link",
    "alt_text",
    "board_section_id",
    "board_section",
    "dominant_color",
];

/// The columns that say what a pin shows; a CSV needs one of them.
pub const MEDIA_COLUMNS: [&str; 3] = ["image_url", "image_file", "video_file"];

/// A row's pin, and the video file to upload for it first, if any.
#[derive(Debug, Clone)]
pub struct Planned {
    /// The pin; for a video row its media id is filled in after the upload.
    pub input: types::PinInput,
    /// The video file of a video row.
    pub video: Option<PathBuf>,
}

/// One data row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Line of the CSV where the row starts (the header is line 1).
    pub line: u64,
    /// Column name and value, for known columns with a value.
    pub fields: Vec<(String, String)>,
    /// A stable hash of the row's content, to notice edits between runs.
    pub fingerprint: String,
}

/// A row the CSV reader could not read, with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// Line of the CSV.
    pub line: u64,
    /// Why.
    pub reason: String,
}

/// The whole file.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// Every row, readable or not, in file order.
    pub rows: Vec<Result<Row, Unreadable>>,
    /// Header names the import ignores.
    pub unknown_columns: Vec<String>,
}

/// Reads the CSV at `path`.
pub fn read(path: &Path) -> Result<Sheet, CliError> {
    let bytes = std::fs::read(path)
        .map_err(|e| CliError::usage(format!("Could not open the CSV {}: {e}.", path.display())))?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| {
            CliError::usage(format!(
                "Could not read the header row of {}: {e}.",
                path.display()
            ))
        })?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    if !header.iter().any(|h| MEDIA_COLUMNS.contains(&h.as_str())) {
        return Err(CliError::usage(format!(
            "The CSV {} has no image_url, image_file or video_file column.",
            path.display()
        ))
        .with_remedy(format!(
            "Start it with a header row naming its columns: {}.",
            COLUMNS.join(", ")
        )));
    }
    let unknown_columns = header
        .iter()
        .filter(|h| !COLUMNS.contains(&h.as_str()))
        .cloned()
        .collect();
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let start = reader.position().byte();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = line_at(&bytes, record.position().map_or(start, csv::Position::byte));
                if record.iter().all(str::is_empty) {
                    continue;
                }
                let fields: Vec<(String, String)> = header
                    .iter()
                    .zip(record.iter())
                    .filter(|(name, value)| COLUMNS.contains(&name.as_str()) && !value.is_empty())
                    .map(|(name, value)| (name.clone(), value.to_owned()))
                    .collect();
                let fingerprint = fingerprint(&fields);
                rows.push(Ok(Row {
                    line,
                    fields,
                    fingerprint,
                }));
            }
            Err(e) => {
                let line = line_at(&bytes, e.position().map_or(start, csv::Position::byte));
                rows.push(Err(Unreadable {
                    line,
                    reason: format!("unreadable row: {e}"),
                }));
                if !matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    break;
                }
            }
        }
    }
    Ok(Sheet {
        rows,
        unknown_columns,
    })
}

impl Row {
    /// The value of `column`, if the row has one.
    pub fn get(&self, column: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(name, _)| name == column)
            .map(|(_, value)| value.as_str())
    }

    /// The pin this row asks for on `board_id`; image and video files are
    /// read relative to `base_dir`, and a `board_section` name is looked up
    /// with `section`. The error says what the row lacks, by column.
    pub fn to_pin(
        &self,
        board_id: &str,
        base_dir: &Path,
        section: impl Fn(&str) -> Result<String, String>,
    ) -> Result<Planned, String> {
        let given: Vec<&str> = MEDIA_COLUMNS
            .iter()
            .copied()
            .filter(|column| self.get(column).is_some())
            .collect();
        if given.len() > 1 {
            return Err(format!("fill one of {}, not both", given.join(" and ")));
        }
        let mut video = None;
        let media = match (
            self.get("image_url"),
            self.get("image_file"),
            self.get("video_file"),
        ) {
            (Some(url), _, _) => types::MediaSource::ImageUrl(url.to_owned()),
            (_, Some(file), _) => types::MediaSource::ImageData(
                media::image_file(&base_dir.join(file))
                    .map_err(|e| format!("column image_file: {e}"))?,
            ),
            (_, _, Some(file)) => {
                video = Some(base_dir.join(file));
                types::MediaSource::Video(types::Video {
                    media_id: String::new(),
                    cover: self.cover()?,
                })
            }
            (None, None, None) => {
                return Err(
                    "no image or video: fill image_url, image_file or video_file".to_owned(),
                );
            }
        };
        if video.is_none() {
            for column in ["cover_image_url", "key_frame_time"] {
                if self.get(column).is_some() {
                    return Err(format!(
                        "column {column} is for video rows (with video_file)"
                    ));
                }
            }
        }
        let board_section_id = match (self.get("board_section_id"), self.get("board_section")) {
            (Some(_), Some(_)) => {
                return Err("fill board_section_id or board_section, not both".to_owned());
            }
            (Some(id), None) => Some(id.to_owned()),
            (None, Some(name)) => {
                Some(section(name).map_err(|e| format!("column board_section: {e}"))?)
            }
            (None, None) => None,
        };
        let text = |column: &str| self.get(column).map(str::to_owned);
        Ok(Planned {
            input: types::PinInput {
                board_id: board_id.to_owned(),
                board_section_id,
                media,
                title: text("title"),
                description: text("description"),
                link: text("link"),
                alt_text: text("alt_text"),
                dominant_color: text("dominant_color"),
                parent_pin_id: None,
            },
            video,
        })
    }

    /// A video row's cover: `cover_image_url`, or the frame `key_frame_time`
    /// seconds in (the first frame when neither is given).
    fn cover(&self) -> Result<types::VideoCover, String> {
        match (self.get("cover_image_url"), self.get("key_frame_time")) {
            (Some(_), Some(_)) => {
                Err("fill cover_image_url or key_frame_time, not both".to_owned())
            }
            (Some(url), None) => Ok(types::VideoCover::Url(url.to_owned())),
            (None, Some(seconds)) => seconds
                .parse::<u32>()
                .map(types::VideoCover::KeyFrameSeconds)
                .map_err(|_| {
                    format!("column key_frame_time is {seconds:?}; expected whole seconds, e.g. 3")
                }),
            (None, None) => Ok(types::VideoCover::KeyFrameSeconds(0)),
        }
    }
}

/// The line (from 1) of the first character at or after byte `offset`
/// that is not a line break: where a record starts. Counted here because
/// the CSV reader's own count is off after blank lines and CR LF endings.
fn line_at(bytes: &[u8], offset: u64) -> u64 {
    let mut at = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(bytes.len());
    while bytes.get(at).is_some_and(|b| *b == b'\r' || *b == b'\n') {
        at += 1;
    }
    let breaks = bytes
        .get(..at)
        .unwrap_or(bytes)
        .iter()
        .filter(|b| **b == b'\n')
        .count();
    u64::try_from(breaks).unwrap_or(u64::MAX) + 1
}

/// FNV-1a over the fields: stable across runs and Rust versions.
fn fingerprint(fields: &[(String, String)]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (name, value) in fields {
        for byte in name.bytes().chain([0]).chain(value.bytes()).chain([0]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Sheet {
        let path = std::env::temp_dir().join(format!(
            "rows-test-{}-{}.csv",
            std::process::id(),
            fingerprint(&[(String::new(), text.to_owned())])
        ));
        std::fs::write(&path, text).expect("write test CSV");
        let sheet = read(&path).expect("read test CSV");
        let _ = std::fs::remove_file(&path);
        sheet
    }

    #[test]
    fn rows_carry_their_line_numbers() {
        let sheet = parse(
            "image_url,title\nhttps://e.com/1.jpg,One\n\n\"https://e.com/2.jpg\",\"Two\nlines\"\nhttps://e.com/3.jpg,Three\n",
        );
        let lines: Vec<u64> = sheet
            .rows
            .iter()
            .map(|r| r.as_ref().map(|r| r.line).unwrap_or(0))
            .collect();
        assert_eq!(lines, vec![2, 4, 6]);
        let crlf =
            parse("image_url,title\r\nhttps://e.com/1.jpg,One\r\n\r\nhttps://e.com/2.jpg,Two\r\n");
        let lines: Vec<u64> = crlf
            .rows
            .iter()
            .map(|r| r.as_ref().map(|r| r.line).unwrap_or(0))
            .collect();
        assert_eq!(lines, vec![2, 4]);
    }
}
