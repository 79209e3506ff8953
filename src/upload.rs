//! Sending a video to the upload URL Pinterest returned: the checks on the
//! video's name and size, the `multipart/form-data` request (every upload
//! parameter as a form field, then the video as `file`, its bytes streamed
//! by the host as `host-content`), and the upload host's S3-style answer.

use crate::body::{MAX_BODY_BYTES, unexpected};
use crate::error::{Error, Failure, MAX_MESSAGE_CHARS, TransportProblem};
use crate::excerpt::excerpt;
use crate::http::{BodyPart, Method, Request, Response, TransportError};
use crate::media::UploadTarget;
use crate::operation::Operation;
use crate::remedy;
use crate::request::USER_AGENT;
use crate::text::{normalize_space, truncate_chars};

/// The largest video uploaded: 2 GiB, Pinterest's limit for a video file
/// (its API description states it for catalog and ad videos, "File size
/// cannot exceed 2GB"; the media endpoints do not repeat it).
pub const MAX_VIDEO_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// Longest name of host content accepted, in bytes.
pub const MAX_CONTENT_NAME_BYTES: usize = 4096;
/// Longest file name sent with an upload, in characters.
pub const MAX_FILE_NAME_CHARS: usize = 255;
/// Random bytes in a multipart boundary.
pub const BOUNDARY_RANDOM_BYTES: usize = 24;
/// What every boundary starts with; 48 hex digits follow (68 characters in
/// all; RFC 2046 allows 70).
const BOUNDARY_PREFIX: &str = "pinterest-connector-";
/// The file name of a video whose content name gives none.
const DEFAULT_FILE_NAME: &str = "video";
/// Longest text of the host's shown in an error, in characters.
const MAX_HOST_TEXT_CHARS: usize = 300;
/// Longest S3 error code shown, in characters.
const MAX_CODE_CHARS: usize = 64;

/// A video the host holds, to upload.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VideoUpload {
    /// The name the host knows the video's content by.
    pub content: String,
    /// The file name sent with it; by default the last part of `content`.
    pub file_name: Option<String>,
}

/// The boundary of a multipart upload: a fixed prefix and
/// [`BOUNDARY_RANDOM_BYTES`] random bytes in hex, so that it occurs in no
/// video (one chance in 2^192 per position).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Boundary(String);

impl Boundary {
    /// The boundary made of `random` (from a secure random source).
    pub fn new(random: [u8; BOUNDARY_RANDOM_BYTES]) -> Self {
        let hex: String = random.iter().map(|b| format!("{b:02x}")).collect();
        Self(format!("{BOUNDARY_PREFIX}{hex}"))
    }

    /// The boundary as it goes into the content type and the body.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Checks the names of `video` before anything is asked of the host: the
/// content name 1 to [`MAX_CONTENT_NAME_BYTES`] bytes without control
/// characters; a given file name 1 to [`MAX_FILE_NAME_CHARS`] characters,
/// without control characters or path separators.
pub fn check_video(video: &VideoUpload) -> Result<(), Error> {
    let content = &video.content;
    if content.is_empty() {
        return Err(Error::invalid("video.content", "is empty"));
    }
    if content.len() > MAX_CONTENT_NAME_BYTES {
        return Err(Error::invalid(
            "video.content",
            format!(
                "is {} bytes; the limit is {MAX_CONTENT_NAME_BYTES}",
                content.len()
            ),
        ));
    }
    if content.chars().any(char::is_control) {
        return Err(Error::invalid(
            "video.content",
            "contains control characters",
        ));
    }
    if let Some(name) = &video.file_name {
        let count = name.chars().count();
        if count == 0 || count > MAX_FILE_NAME_CHARS {
            return Err(Error::invalid(
                "video.file-name",
                format!("is {count} characters; it must be 1 to {MAX_FILE_NAME_CHARS}"),
            ));
        }
        if name
            .chars()
            .any(|c| c.is_control() || c == '/' || c == '\\')
        {
            return Err(Error::invalid(
                "video.file-name",
                "contains a control character or a path separator (/ or \\)",
            ));
        }
    }
    Ok(())
}

/// The error for a `content-length` the host could not answer.
pub fn content_error(content: &str, error: TransportError) -> Error {
    let name = truncate_chars(content, MAX_HOST_TEXT_CHARS);
    match error {
        TransportError::Denied(why) => Error::invalid(
            "video.content",
            format!(
                "the host holds no video {name:?} that it may send: {}",
                truncate_chars(&why, MAX_HOST_TEXT_CHARS)
            ),
        ),
        TransportError::Timeout => unreadable(&name, "no answer in time".to_owned()),
        TransportError::Connection(why) => {
            unreadable(&name, truncate_chars(&why, MAX_HOST_TEXT_CHARS))
        }
    }
}

fn unreadable(name: &str, why: String) -> Error {
    Error::Transport {
        failure: Failure {
            summary: format!("The host could not read the video {name:?}: {why}."),
            remedy: remedy::CONTENT_UNREADABLE.to_owned(),
            retryable: true,
            ..Failure::default()
        },
        problem: TransportProblem::Connection,
    }
}

/// Checks the size the host gave for the video: 1 byte to
/// [`MAX_VIDEO_BYTES`].
pub fn check_size(bytes: u64) -> Result<(), Error> {
    if bytes == 0 {
        return Err(Error::invalid(
            "video.content",
            "is empty (0 bytes); a video is 1 byte to 2 GiB",
        ));
    }
    if bytes > MAX_VIDEO_BYTES {
        return Err(Error::invalid(
            "video.content",
            format!(
                "is {bytes} bytes; the limit is {MAX_VIDEO_BYTES} (2 GiB, Pinterest's limit for a video)"
            ),
        ));
    }
    Ok(())
}

/// The file name sent with `video`: its `file_name`, or the last part of
/// its content name (control characters replaced, cut to
/// [`MAX_FILE_NAME_CHARS`]; `video` when nothing is left).
pub fn file_name(video: &VideoUpload) -> String {
    if let Some(name) = &video.file_name {
        return name.clone();
    }
    let last = video.content.rsplit(['/', '\\']).next().unwrap_or_default();
    let name: String = last
        .chars()
        .map(|c| if c.is_control() { '_' } else { c })
        .take(MAX_FILE_NAME_CHARS)
        .collect();
    if name.is_empty() {
        DEFAULT_FILE_NAME.to_owned()
    } else {
        name
    }
}

/// The content type of a video file, by its extension: `video/mp4` for
/// `.mp4` and `.m4v`, `video/quicktime` for `.mov`, and
/// `application/octet-stream` for anything else (Pinterest reads the
/// format from the bytes).
pub fn content_type(file_name: &str) -> &'static str {
    let extension = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("mp4" | "m4v") => "video/mp4",
        Some("mov") => "video/quicktime",
        _ => "application/octet-stream",
    }
}

/// A value of a `Content-Disposition` parameter as browsers write it in
/// `multipart/form-data`: `"`, CR and LF percent-encoded.
fn disposition_value(value: &str) -> String {
    value
        .replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The `multipart/form-data` POST of `video` to `target`'s upload URL:
/// every upload parameter as a form field in the order given, then the
/// video as `file`, in three body parts — the fields and the file part's
/// headers, the video as host content, the closing boundary. No
/// `authorization` header (the upload host is not Pinterest's API, and
/// the access token never goes there), no `content-length` (the host sets
/// it), no time limit (the host's limit for uploads applies).
pub fn upload_request(target: &UploadTarget, video: &VideoUpload, boundary: &Boundary) -> Request {
    let boundary = boundary.as_str();
    let mut head = String::new();
    for (name, value) in &target.parameters {
        head.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    let file_name = file_name(video);
    head.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
        disposition_value(&file_name),
        content_type(&file_name)
    ));
    Request {
        method: Method::Post,
        url: target.url.as_str().to_owned(),
        headers: vec![
            (
                "content-type".to_owned(),
                format!("multipart/form-data; boundary={boundary}"),
            ),
            ("user-agent".to_owned(), USER_AGENT.to_owned()),
        ],
        body: vec![
            BodyPart::Bytes(head.into_bytes()),
            BodyPart::HostContent(video.content.clone()),
            BodyPart::Bytes(format!("\r\n--{boundary}--\r\n").into_bytes()),
        ],
        timeout_ms: None,
    }
}

/// What an S3-style error body said: `<Code>` and `<Message>`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct UploadRefusal {
    /// The error code, e.g. `AccessDenied`.
    pub code: Option<String>,
    /// The message.
    pub message: Option<String>,
}

impl UploadRefusal {
    /// Reads `<Error><Code>…</Code><Message>…</Message>…</Error>` from the
    /// start of `body`; what is not there stays none.
    pub fn read(body: &[u8]) -> Self {
        let head = body.get(..64 * 1024).unwrap_or(body);
        let text = String::from_utf8_lossy(head);
        let element = |name: &str| {
            let open = format!("<{name}>");
            let start = text.find(&open)? + open.len();
            let end = text.get(start..)?.find(&format!("</{name}>"))? + start;
            let value = normalize_space(&unescape(text.get(start..end)?));
            (!value.is_empty()).then_some(value)
        };
        Self {
            code: element("Code").map(|c| truncate_chars(&c, MAX_CODE_CHARS)),
            message: element("Message").map(|m| truncate_chars(&m, MAX_MESSAGE_CHARS)),
        }
    }
}

/// XML's five predefined entities, decoded.
fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Reads the upload host's answer: a 2xx is success (S3 answers 204); an
/// error becomes the error it means, with S3's code and message.
pub fn read_answer(op: Operation<'_>, response: &Response) -> Result<(), Error> {
    let status = response.status;
    if response.body.len() > MAX_BODY_BYTES {
        return Err(unexpected(
            response,
            format!(
                "The upload host's answer to {} was {} bytes, over the {MAX_BODY_BYTES}-byte limit.",
                op.label(),
                response.body.len()
            ),
        )
        .with_remedy(remedy::UPLOAD_UNEXPECTED));
    }
    if (200..300).contains(&status) {
        return Ok(());
    }
    let said = UploadRefusal::read(&response.body);
    let what = match (&said.code, &said.message) {
        (Some(code), Some(message)) => {
            format!(" ({status} {code}): {}", message.trim_end_matches('.'))
        }
        (Some(code), None) => format!(" ({status} {code})"),
        (None, Some(message)) => format!(" ({status}): {}", message.trim_end_matches('.')),
        (None, None) if response.body.is_empty() => format!(" ({status}) with an empty body"),
        (None, None) => format!(" ({status}) with «{}»", excerpt(&response.body)),
    };
    let media = match op {
        Operation::UploadVideo { media_id } => format!(" for media {media_id}"),
        _ => String::new(),
    };
    let failure = |summary: String, remedy: &str, retryable: bool| Failure {
        summary,
        remedy: remedy.to_owned(),
        status: Some(status),
        code: None,
        message: said.message.clone(),
        retryable,
    };
    let refused = format!("The upload host refused the video{media}{what}.");
    Err(match status {
        403 => Error::Forbidden(failure(refused, remedy::UPLOAD_PARAMETERS_REFUSED, true)),
        404 => Error::NotFound(failure(
            format!("The upload URL Pinterest returned{media} does not exist{what}."),
            remedy::UPLOAD_REFUSED,
            false,
        )),
        429 | 500..=599 => Error::UpstreamUnavailable(failure(
            format!("The upload host failed to take the video{media}{what}."),
            remedy::UPLOAD_HOST_FAILED,
            true,
        )),
        400..=499 => {
            let too_large = status == 413 || said.code.as_deref() == Some("EntityTooLarge");
            let remedy = if too_large {
                remedy::UPLOAD_TOO_LARGE
            } else {
                remedy::UPLOAD_REFUSED
            };
            Error::BadRequest(failure(refused, remedy, false))
        }
        _ => unexpected(
            response,
            format!(
                "The upload host answered the upload of the video{media} with status {status}."
            ),
        )
        .with_remedy(remedy::UPLOAD_UNEXPECTED),
    })
}
