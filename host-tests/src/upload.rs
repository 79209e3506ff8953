//! Video uploads in tests: a generated video file, Pinterest's answer to
//! registering media, the multipart request the connector sends to the
//! upload URL, and [`UploadServer`], a local stand-in for Pinterest's
//! upload host that reads that request as S3 would.

use std::hash::Hasher as _;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use pinterest_connector_host::http;

mod server;

pub use server::{Field, FilePart, Multipart, ReceivedUpload, UploadAnswer, UploadServer};

/// A media id as Pinterest returns them.
pub const MEDIA_ID: &str = "5212123920968240771";
/// The boundary of the multipart uploads the tests send.
pub const BOUNDARY: &str = "pinterest-connector-7f3a9c1e5b2d4f60";

/// A digest of a byte stream, the same however the stream is cut: what
/// the generator wrote and what the server read are compared with it.
#[derive(Default)]
pub struct Digest(std::hash::DefaultHasher);

impl Digest {
    /// Adds `bytes`.
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }

    /// The digest of everything added.
    pub fn value(&self) -> u64 {
        self.0.finish()
    }
}

/// A generated video file: `len` bytes of a deterministic pattern without
/// a single CR (so no multipart delimiter can occur in it), written in
/// 1 MiB chunks. Removed when dropped.
pub struct VideoFile {
    /// Where it is.
    pub path: PathBuf,
    /// Its size in bytes.
    pub len: u64,
    /// The [`Digest`] of its bytes.
    pub digest: u64,
}

impl VideoFile {
    /// Writes `len` bytes to `name` in `dir`.
    pub fn create(dir: &Path, name: &str, len: u64) -> io::Result<Self> {
        const CHUNK: usize = 1 << 20;
        std::fs::create_dir_all(dir)?;
        let path = dir.join(name);
        let mut file = io::BufWriter::new(std::fs::File::create(&path)?);
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let pattern: Vec<u8> = (0..CHUNK)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                match state as u8 {
                    b'\r' => b'R',
                    byte => byte,
                }
            })
            .collect();
        let mut chunk = pattern.clone();
        let mut digest = Digest::default();
        let mut written: u64 = 0;
        let mut index: u64 = 0;
        while written < len {
            // Each chunk differs: its index in its first bytes, as hex.
            chunk[..16].copy_from_slice(format!("{index:016x}").as_bytes());
            let n = usize::try_from(len - written).map_or(CHUNK, |left| left.min(CHUNK));
            file.write_all(&chunk[..n])?;
            digest.update(&chunk[..n]);
            written += n as u64;
            index += 1;
        }
        file.flush()?;
        Ok(Self {
            path,
            len,
            digest: digest.value(),
        })
    }
}

impl Drop for VideoFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Upload parameters as Pinterest returns them (the fields of an S3
/// presigned POST), with distinctive values.
pub fn upload_parameters() -> Vec<(String, String)> {
    [
        ("Content-Type", "multipart/form-data"),
        (
            "key",
            "uploads/11/aa/22/3:video:203014033110991560:5212123920968240771",
        ),
        (
            "policy",
            "eyJleHBpcmF0aW9uIjoiMjAyNi0wMS0wMVQwMTowMDowMFoifQ==",
        ),
        ("x-amz-algorithm", "AWS4-HMAC-SHA256"),
        (
            "x-amz-credential",
            "ASIA6QZJ64OPIKV7FRVX/20260101/us-east-1/s3/aws4_request",
        ),
        ("x-amz-date", "20260101T000000Z"),
        ("x-amz-security-token", "IQoJb3JpZ2luX2VjEJr-upload-token=="),
        (
            "x-amz-signature",
            "fcd6309a6aaee213348666a72abed8b44552a43acb6b340e8e1b288d21a5fe92",
        ),
    ]
    .into_iter()
    .map(|(name, value)| (name.to_owned(), value.to_owned()))
    .collect()
}

/// Pinterest's answer to `POST /v5/media` (`MediaUpload`): the media id,
/// the upload URL and the [`upload_parameters`].
pub fn register_answer(media_id: &str, upload_url: &str) -> serde_json::Value {
    let parameters: serde_json::Map<String, serde_json::Value> = upload_parameters()
        .into_iter()
        .map(|(name, value)| (name, value.into()))
        .collect();
    serde_json::json!({
        "media_id": media_id,
        "media_type": "video",
        "upload_url": upload_url,
        "upload_parameters": parameters,
    })
}

/// The `POST {api}/v5/media` that registers a video.
pub fn register_request(api_base_url: &str, access_token: &str) -> http::Request {
    http::Request {
        method: http::Method::Post,
        url: format!("{api_base_url}/v5/media"),
        headers: vec![
            header("authorization", &format!("Bearer {access_token}")),
            header("content-type", "application/json"),
        ],
        body: vec![http::BodyPart::Bytes(br#"{"media_type":"video"}"#.to_vec())],
        timeout_ms: Some(30_000),
    }
}

/// The upload as `upload-video` sends it: a `multipart/form-data` POST of
/// every upload parameter and then the file, in three body parts — the
/// fields and the file part's headers as bytes, the video as
/// `host-content(content)`, the closing boundary as bytes. No time limit:
/// the host's upload cap applies.
pub fn multipart_upload(
    upload_url: &str,
    parameters: &[(String, String)],
    content: &str,
    file_name: &str,
) -> http::Request {
    let (head, tail) = multipart_frame(parameters, file_name);
    http::Request {
        method: http::Method::Post,
        url: upload_url.to_owned(),
        headers: vec![header(
            "content-type",
            &format!("multipart/form-data; boundary={BOUNDARY}"),
        )],
        body: vec![
            http::BodyPart::Bytes(head.into_bytes()),
            http::BodyPart::HostContent(content.to_owned()),
            http::BodyPart::Bytes(tail.into_bytes()),
        ],
        timeout_ms: None,
    }
}

/// The bytes around the file in [`multipart_upload`]: everything before
/// it, and the closing boundary after it.
pub fn multipart_frame(parameters: &[(String, String)], file_name: &str) -> (String, String) {
    let mut head = String::new();
    for (name, value) in parameters {
        head.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    head.push_str(&format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: video/mp4\r\n\r\n"
    ));
    (head, format!("\r\n--{BOUNDARY}--\r\n"))
}

fn header(name: &str, value: &str) -> http::Header {
    http::Header {
        name: name.to_owned(),
        value: value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_does_not_depend_on_how_the_stream_is_cut() {
        let bytes: Vec<u8> = (0..10_000_u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut whole = Digest::default();
        whole.update(&bytes);
        let mut pieces = Digest::default();
        for piece in bytes.chunks(13) {
            pieces.update(piece);
        }
        assert_eq!(whole.value(), pieces.value());
    }
}
