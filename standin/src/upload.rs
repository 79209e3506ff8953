//! The upload listener: what Pinterest's S3 upload URL does with a video.
//! It reads the `multipart/form-data` body as it streams in (a fixed
//! buffer, whatever the file's size), checks the form against the
//! `upload_parameters` issued for the upload, counts and hashes the file's
//! bytes, and answers like S3: 204, or an XML error with 400, 403 or 411.

use std::io::Read;

use sha2::{Digest, Sha256};

use super::media::MAX_UPLOAD_BYTES;
use super::multipart::{self, Multipart, MultipartError};
use super::state::Shared;
use super::{FAILING_VIDEO_PREFIX, Listener, MediaStatus, ReceivedUpload, RecordedRequest};

/// S3's limit on the form fields before the file.
const MAX_FIELD_BYTES: usize = 20 * 1024;

/// An S3 error answer.
#[derive(Debug)]
struct S3Error {
    status: u16,
    code: &'static str,
    message: String,
    argument: Option<(String, String)>,
}

impl S3Error {
    fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            argument: None,
        }
    }

    fn argument(mut self, name: &str, value: &str) -> Self {
        self.argument = Some((name.to_owned(), value.to_owned()));
        self
    }

    fn malformed(detail: &str) -> Self {
        Self::new(
            400,
            "MalformedPOSTRequest",
            format!(
                "The body of your POST request is not well-formed multipart/form-data ({detail})."
            ),
        )
    }

    fn policy(detail: &str) -> Self {
        Self::new(
            403,
            "AccessDenied",
            format!("Invalid according to Policy: {detail}"),
        )
    }

    fn missing_field(name: &str) -> Self {
        Self::new(
            400,
            "InvalidArgument",
            format!(
                "Bucket POST must contain a field named '{name}'.  If it is specified, please check the order of the fields."
            ),
        )
        .argument(name, "")
    }

    /// The XML body S3 sends.
    fn xml(&self, request_id: &str) -> String {
        let argument = self
            .argument
            .as_ref()
            .map(|(n, v)| {
                format!(
                    "<ArgumentName>{}</ArgumentName><ArgumentValue>{}</ArgumentValue>",
                    escape(n),
                    escape(v)
                )
            })
            .unwrap_or_default();
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{}</Code><Message>{}</Message>{argument}<RequestId>{request_id}</RequestId><HostId>pinterest-stand-in</HostId></Error>",
            self.code,
            escape(&self.message)
        )
    }
}

impl From<MultipartError> for S3Error {
    fn from(error: MultipartError) -> Self {
        match error {
            MultipartError::Truncated => Self::new(
                400,
                "IncompleteBody",
                "You did not provide the number of bytes specified by the Content-Length HTTP header.",
            ),
            MultipartError::Io(error) => Self::new(
                400,
                "IncompleteBody",
                format!("The body could not be read to the end: {error}."),
            ),
            MultipartError::Malformed(detail) => Self::malformed(detail),
        }
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Answers one request to the upload listener and records it.
pub(crate) fn answer(shared: &Shared, mut request: tiny_http::Request) {
    let method = request.method().as_str().to_ascii_uppercase();
    let target = request.url().to_owned();
    let (path, query) = match target.split_once('?') {
        Some((path, query)) => (path.to_owned(), Some(query.to_owned())),
        None => (target.clone(), None),
    };
    let at_millis = shared.clock.now_millis();
    let mut received = ReceivedUpload {
        media_id: None,
        status: 204,
        error: None,
        fields: Vec::new(),
        file_name: None,
        file_content_type: None,
        size: 0,
        sha256: None,
        at_millis,
    };
    let outcome = if method != "POST" {
        Err(S3Error::new(
            405,
            "MethodNotAllowed",
            "The specified method is not allowed against this resource.",
        ))
    } else if path != "/" {
        Err(S3Error::new(
            404,
            "NoSuchBucket",
            "The specified bucket does not exist.",
        ))
    } else {
        receive(shared, &mut request, &mut received)
    };
    let (status, body, location) = match &outcome {
        Ok(key) => {
            let base = shared.lock().upload_url.clone();
            let location = format!(
                "{base}{}",
                url::form_urlencoded::byte_serialize(key.as_bytes()).collect::<String>()
            );
            (204, String::new(), Some(location))
        }
        Err(error) => {
            let id = format!("{at_millis:016X}");
            (error.status, error.xml(&id), None)
        }
    };
    received.status = status;
    received.error = outcome.err().map(|e| e.code.to_owned());
    {
        let mut data = shared.lock();
        data.requests.push(RecordedRequest {
            method,
            path,
            query,
            status,
            ad_account_id: None,
            at_millis,
            listener: Listener::Upload,
        });
        data.uploads.push(received);
    }
    let mut response =
        tiny_http::Response::from_string(body).with_status_code(tiny_http::StatusCode(status));
    if status != 204
        && let Ok(header) = tiny_http::Header::from_bytes("content-type", "application/xml")
    {
        response.add_header(header);
    }
    if let Some(location) = location
        && let Ok(header) = tiny_http::Header::from_bytes("location", location.as_bytes())
    {
        response.add_header(header);
    }
    // The client may have gone away; there is no one left to tell.
    let _ = request.respond(response);
}

/// Reads and checks one upload; the object key on success.
fn receive(
    shared: &Shared,
    request: &mut tiny_http::Request,
    received: &mut ReceivedUpload,
) -> Result<String, S3Error> {
    let header = |name: &'static str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_owned())
    };
    if header("authorization").is_some() {
        return Err(S3Error::new(
            400,
            "InvalidArgument",
            "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified",
        )
        .argument("Authorization", "(not shown)"));
    }
    let Some(length) = request.body_length() else {
        return Err(S3Error::new(
            411,
            "MissingContentLength",
            "You must provide the Content-Length HTTP header.",
        ));
    };
    if u64::try_from(length).unwrap_or(u64::MAX) > MAX_UPLOAD_BYTES + 1024 * 1024 {
        return Err(S3Error::new(
            400,
            "EntityTooLarge",
            "Your proposed upload exceeds the maximum allowed size",
        ));
    }
    let content_type = header("content-type").unwrap_or_default();
    let Some(boundary) = multipart::boundary(&content_type) else {
        return Err(S3Error::malformed(
            "the Content-Type is not multipart/form-data with a boundary",
        ));
    };
    let mut body = Counted {
        inner: request.as_reader(),
        count: 0,
    };
    let mut form = Multipart::new(&mut body, &boundary);
    let fields = read_fields(&mut form, received)?;
    let key = check_fields(shared, &fields, received)?;
    let (size, sha256, head) = read_file(&mut form, received)?;
    if form.next_part()?.is_some() {
        return Err(S3Error::new(
            400,
            "InvalidArgument",
            "The file must be the last field of the form: S3 ignores every field after it.",
        )
        .argument("file", ""));
    }
    form.finish(64 * 1024)?;
    drop(form);
    if body.count < u64::try_from(length).unwrap_or(u64::MAX) {
        return Err(MultipartError::Truncated.into());
    }
    if size == 0 {
        return Err(S3Error::new(
            400,
            "EntityTooSmall",
            "Your proposed upload is smaller than the minimum allowed size",
        ));
    }
    received.sha256 = Some(sha256);
    let mut data = shared.lock();
    if let Some(media) = data
        .media
        .iter_mut()
        .find(|m| Some(&m.media_id) == received.media_id.as_ref())
    {
        media.status = MediaStatus::Processing;
        media.polls_left = shared.settings.media_processing_polls;
        media.fails = shared.settings.fail_media || head.starts_with(FAILING_VIDEO_PREFIX);
    }
    Ok(key)
}

/// The fields before the file part, in order; stops at the file part.
fn read_fields<R: Read>(
    form: &mut Multipart<R>,
    received: &mut ReceivedUpload,
) -> Result<Vec<(String, String)>, S3Error> {
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut total = 0;
    loop {
        let Some(part) = form.next_part()? else {
            return Err(S3Error::new(
                400,
                "InvalidArgument",
                "POST requires exactly one file upload per request.",
            )
            .argument("file", "0"));
        };
        let Some(name) = part.name else {
            return Err(S3Error::malformed("a part has no name"));
        };
        received.fields.push(name.clone());
        if name == "file" {
            received.file_name = part.filename;
            received.file_content_type = part.content_type;
            return Ok(fields);
        }
        if fields.iter().any(|(n, _)| n.eq_ignore_ascii_case(&name)) {
            return Err(S3Error::new(
                400,
                "InvalidArgument",
                format!("The form field '{name}' appears more than once."),
            )
            .argument(&name, ""));
        }
        let mut value = Vec::new();
        while let Some(chunk) = form.chunk()? {
            total += chunk.len();
            if total > MAX_FIELD_BYTES {
                return Err(S3Error::new(
                    400,
                    "MaxPostPreDataLengthExceeded",
                    "Your POST request fields preceding the upload file were too large.",
                ));
            }
            value.extend_from_slice(chunk);
        }
        let value = String::from_utf8(value)
            .map_err(|_| S3Error::malformed("a form field is not UTF-8"))?;
        fields.push((name, value));
    }
}

/// A reader that counts the bytes read through it.
struct Counted<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count += u64::try_from(n).unwrap_or(u64::MAX);
        Ok(n)
    }
}

/// Matches the fields to a registered upload: every issued parameter with
/// its issued value, nothing else, and the policy not expired. Returns the
/// object key.
fn check_fields(
    shared: &Shared,
    fields: &[(String, String)],
    received: &mut ReceivedUpload,
) -> Result<String, S3Error> {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let (key, policy) = match (field("key"), field("policy")) {
        (None, _) => return Err(S3Error::missing_field("key")),
        (_, None) => return Err(S3Error::missing_field("policy")),
        (Some(key), Some(policy)) => (key, policy),
    };
    let now = shared.clock.now_seconds();
    let upload = shared
        .lock()
        .media
        .iter()
        .find(|m| m.parameter("policy") == Some(policy) || m.parameter("key") == Some(key))
        .cloned()
        .ok_or_else(|| S3Error::policy("the key and policy match no registered upload."))?;
    received.media_id = Some(upload.media_id.clone());
    for (name, issued) in &upload.parameters {
        match field(name) {
            None => return Err(S3Error::missing_field(name)),
            Some(value) if value == issued => {}
            Some(_) if name == "x-amz-signature" => {
                return Err(S3Error::new(
                    403,
                    "SignatureDoesNotMatch",
                    "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
                ));
            }
            Some(_) => {
                return Err(S3Error::policy(&format!(
                    "Policy Condition failed: [\"eq\", \"${name}\", \"{issued}\"]"
                )));
            }
        }
    }
    let extra: Vec<&str> = fields
        .iter()
        .map(|(n, _)| n.as_str())
        .filter(|n| {
            !upload
                .parameters
                .iter()
                .any(|(p, _)| p.eq_ignore_ascii_case(n))
        })
        .collect();
    if !extra.is_empty() {
        return Err(S3Error::policy(&format!(
            "Extra input fields: {}",
            extra.join(", ")
        )));
    }
    if now > upload.expires_unix {
        return Err(S3Error::policy("Policy expired."));
    }
    Ok(key.to_owned())
}

/// Streams the file part: its size, hex SHA-256 and first bytes.
fn read_file<R: Read>(
    form: &mut Multipart<R>,
    received: &mut ReceivedUpload,
) -> Result<(u64, String, Vec<u8>), S3Error> {
    let mut hasher = Sha256::new();
    let mut head = Vec::with_capacity(FAILING_VIDEO_PREFIX.len());
    while let Some(chunk) = form.chunk()? {
        hasher.update(chunk);
        let wanted = FAILING_VIDEO_PREFIX.len().saturating_sub(head.len());
        head.extend_from_slice(&chunk[..wanted.min(chunk.len())]);
        received.size += u64::try_from(chunk.len()).unwrap_or(u64::MAX);
        if received.size > MAX_UPLOAD_BYTES {
            return Err(S3Error::new(
                400,
                "EntityTooLarge",
                "Your proposed upload exceeds the maximum allowed size",
            ));
        }
    }
    let sha256 = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok((received.size, sha256, head))
}
