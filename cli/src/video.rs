//! Video files for video pins: checked, uploaded through the component
//! (which registers the media and has the host stream the file to the
//! upload URL Pinterest returns, so the bytes never pass through the
//! component), with a progress bar for the upload and a spinner while
//! Pinterest processes it.

use std::io::{IsTerminal as _, Read};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressStyle};

use pinterest_connector_host::http::HttpError;
use pinterest_connector_host::{HostContent, HostFiles, types};

use super::errors::{self, Action};
use super::exit::CliError;
use super::output;
use super::session::Session;

/// Largest video Pinterest takes (and the host streams): 2 GiB.
pub const MAX_VIDEO_BYTES: u64 = 2 * 1024 * 1024 * 1024;

/// How an upload is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// A bar and a spinner on a terminal, a line after each stage
    /// otherwise.
    Progress,
    /// Nothing (for `--json`, and inside `pins import`).
    Quiet,
}

/// Checks `path` before anything is sent: a readable, non-empty file of at
/// most 2 GiB. The error names `what` (`--video`, `column video_file`).
pub fn check_file(path: &Path, what: &str) -> Result<u64, String> {
    let meta = std::fs::metadata(path)
        .map_err(|e| format!("{what}: cannot read the video file {}: {e}", path.display()))?;
    if !meta.is_file() {
        return Err(format!("{what}: {} is not a file", path.display()));
    }
    if meta.len() == 0 {
        return Err(format!(
            "{what}: the video file {} is empty",
            path.display()
        ));
    }
    if meta.len() > MAX_VIDEO_BYTES {
        return Err(format!(
            "{what}: the video file {} is {} bytes; Pinterest's limit is {MAX_VIDEO_BYTES} (2 GiB)",
            path.display(),
            meta.len()
        ));
    }
    Ok(meta.len())
}

/// Uploads the video at `path` (given as `what`: `--video`, `column
/// video_file`) and, unless `wait` is `None`, waits up to that many seconds
/// for Pinterest to process it. Returns the media (its `media_id` is what a
/// video pin takes).
pub fn upload(
    session: &Session<'_>,
    path: &Path,
    what: &str,
    wait: Option<u32>,
    show: Show,
) -> Result<types::Media, CliError> {
    let shown = path.display().to_string();
    let size = check_file(path, what).map_err(CliError::usage)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "video.mp4".to_owned());
    let terminal = show == Show::Progress && std::io::stderr().is_terminal();
    let bar = terminal.then(|| {
        let style = ProgressStyle::with_template(
            "uploading {bar:30} {bytes}/{total_bytes} · {bytes_per_sec} · {eta} left",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        ProgressBar::new(size).with_style(style)
    });
    let content = Counted {
        files: HostFiles::new().file(file_name.clone(), path),
        bar: bar.clone(),
    };
    let host = session
        .context
        .host()?
        .clone()
        .with_content(Arc::new(content));
    let config = session.config();
    let token = session.access_token();
    let video = types::VideoUpload {
        content: file_name.clone(),
        file_name: Some(file_name),
    };
    let uploaded = host
        .upload_video(&config, token, &video)
        .map_err(|e| errors::from_host(&e));
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let media = uploaded?.map_err(|e| session.explain(Action::UploadVideo { file: &shown }, &e))?;
    if show == Show::Progress {
        output::note(&format!(
            "Uploaded {shown} ({size} bytes) as media {}.",
            media.media_id
        ));
    }
    let Some(seconds) = wait else {
        return Ok(media);
    };
    if media.status == Some(types::MediaStatus::Succeeded) {
        return Ok(media);
    }
    let spinner = terminal.then(|| {
        let style = ProgressStyle::with_template(
            "{spinner} Pinterest is processing the video · {elapsed} (at most {msg})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let spinner = ProgressBar::new_spinner()
            .with_style(style)
            .with_message(format!("{seconds}s"));
        spinner.enable_steady_tick(Duration::from_millis(120));
        spinner
    });
    if show == Show::Progress && spinner.is_none() {
        output::note(&format!(
            "Waiting for Pinterest to process media {} (at most {seconds}s) …",
            media.media_id
        ));
    }
    let waited = host
        .wait_for_media(&config, token, &media.media_id, Some(seconds))
        .map_err(|e| errors::from_host(&e));
    if let Some(spinner) = &spinner {
        spinner.finish_and_clear();
    }
    let ready = waited?.map_err(|e| {
        session.explain(
            Action::WaitForVideo {
                media: &media.media_id,
            },
            &e,
        )
    })?;
    if show == Show::Progress {
        output::note(&format!("Media {} is ready.", ready.media_id));
    }
    Ok(ready)
}

/// The video file, its reads counted on the upload's progress bar.
struct Counted {
    files: HostFiles,
    bar: Option<ProgressBar>,
}

impl HostContent for Counted {
    fn length(&self, name: &str) -> Result<u64, HttpError> {
        self.files.length(name)
    }

    fn open(&self, name: &str) -> Result<Box<dyn Read + Send>, HttpError> {
        let inner = self.files.open(name)?;
        Ok(match &self.bar {
            Some(bar) => Box::new(bar.wrap_read(inner)),
            None => inner,
        })
    }
}

/// `registered`, `processing`, `succeeded` or `failed`.
pub fn status_name(status: types::MediaStatus) -> &'static str {
    match status {
        types::MediaStatus::Registered => "registered",
        types::MediaStatus::Processing => "processing",
        types::MediaStatus::Succeeded => "succeeded",
        types::MediaStatus::Failed => "failed",
    }
}
