//! [`UploadServer`]: a local stand-in for Pinterest's upload host, reading
//! each request as S3 reads a presigned POST — `content-length` required,
//! `multipart/form-data` framing checked part by part, the file counted and
//! hashed as it streams by through a 64 KiB buffer, never held.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use super::Digest;

/// What the [`UploadServer`] answers, after reading the whole request.
#[derive(Clone)]
pub struct UploadAnswer {
    /// The status (S3 answers a presigned POST with 204).
    pub status: u16,
    /// The body, as `application/json` when not empty.
    pub body: Vec<u8>,
    /// How long to wait before answering.
    pub delay: Duration,
}

impl Default for UploadAnswer {
    fn default() -> Self {
        Self {
            status: 204,
            body: Vec::new(),
            delay: Duration::ZERO,
        }
    }
}

/// One part of a multipart body that is not a file.
pub type Field = (String, String);

/// The file part of a multipart body, as it streamed by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePart {
    /// Its form field name.
    pub field: String,
    /// Its `filename`.
    pub file_name: String,
    /// Its `Content-Type`, if it had one.
    pub content_type: Option<String>,
    /// How many bytes it had.
    pub bytes: u64,
    /// Their [`Digest`].
    pub digest: u64,
}

/// A multipart body read to its closing boundary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Multipart {
    /// The fields before the file, in order.
    pub fields: Vec<Field>,
    /// The file: the last part.
    pub file: FilePart,
}

/// One request the [`UploadServer`] received.
#[derive(Debug, Clone)]
pub struct ReceivedUpload {
    /// The method.
    pub method: String,
    /// The path and query.
    pub target: String,
    /// The headers, names lower-cased.
    pub headers: Vec<(String, String)>,
    /// The `content-length` it announced.
    pub content_length: Option<u64>,
    /// The multipart body, or what was wrong with the request.
    pub body: Result<Multipart, String>,
}

impl ReceivedUpload {
    /// A header's value, if it was sent.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A local upload host: takes `multipart/form-data` POSTs, checks their
/// framing as it reads, and keeps what it read (not the file's bytes: their
/// count and digest). Stops when dropped.
pub struct UploadServer {
    address: SocketAddr,
    received: Arc<Mutex<Vec<ReceivedUpload>>>,
    stop: Arc<AtomicBool>,
}

impl UploadServer {
    /// A server answering 204 at once.
    pub fn start() -> Self {
        Self::answering(UploadAnswer::default())
    }

    /// A server giving `answer` to every request.
    pub fn answering(answer: UploadAnswer) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
        let address = listener.local_addr().expect("the local address");
        let received = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (shared, stopping) = (Arc::clone(&received), Arc::clone(&stop));
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (shared, answer) = (Arc::clone(&shared), answer.clone());
                std::thread::spawn(move || serve(stream, &shared, &answer));
            }
        });
        Self {
            address,
            received,
            stop,
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn origin(&self) -> String {
        format!("http://{}", self.address)
    }

    /// The URL of `path_and_query` on this server.
    pub fn url(&self, path_and_query: &str) -> String {
        format!("{}{path_and_query}", self.origin())
    }

    /// Every request received so far, in the order they were read.
    pub fn received(&self) -> Vec<ReceivedUpload> {
        self.received
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Drop for UploadServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accepting thread so that it sees the flag.
        let _ = TcpStream::connect(self.address);
    }
}

/// Reads one request, records it and answers it.
fn serve(stream: TcpStream, received: &Mutex<Vec<ReceivedUpload>>, answer: &UploadAnswer) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(60)));
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut scanner = Scanner::new(stream);
    let Ok(upload) = read_request(&mut scanner) else {
        return;
    };
    let status = match &upload.body {
        Ok(_) => answer.status,
        Err(_) if upload.content_length.is_none() => 411,
        Err(_) => 400,
    };
    received
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(upload);
    std::thread::sleep(answer.delay);
    let body: &[u8] = if status == answer.status {
        &answer.body
    } else {
        b""
    };
    let mut head = format!(
        "HTTP/1.1 {status} Upload\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    if !body.is_empty() {
        head.push_str("content-type: application/json\r\n");
    }
    head.push_str("\r\n");
    let _ = writer.write_all(head.as_bytes());
    let _ = writer.write_all(body);
    let _ = writer.flush();
}

/// The request line, the headers and the body read as multipart.
fn read_request(scanner: &mut Scanner<TcpStream>) -> io::Result<ReceivedUpload> {
    let line = scanner.line()?;
    let mut words = line.split(' ');
    let method = words.next().unwrap_or_default().to_owned();
    let target = words.next().unwrap_or_default().to_owned();
    let mut headers = Vec::new();
    loop {
        let line = scanner.line()?;
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    let value = |name: &str| {
        headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let content_length = value("content-length").and_then(|v| v.parse::<u64>().ok());
    let body = match (content_length, value("transfer-encoding")) {
        (_, Some(encoding)) => Err(format!(
            "transfer-encoding {encoding}: an upload must state its content-length"
        )),
        (None, None) => Err("no content-length".to_owned()),
        (Some(length), None) => {
            scanner.limit_body(length);
            let boundary = value("content-type").and_then(|t| boundary_of(&t));
            let read = match boundary {
                None => Err("content-type is not multipart/form-data with a boundary".to_owned()),
                Some(boundary) => read_multipart(scanner, &boundary),
            };
            // Whatever was wrong, read the rest so that the client can finish.
            scanner.drain();
            read
        }
    };
    Ok(ReceivedUpload {
        method,
        target,
        headers,
        content_length,
        body,
    })
}

/// The boundary of a `multipart/form-data` content type.
fn boundary_of(content_type: &str) -> Option<String> {
    let mut parts = content_type.split(';').map(str::trim);
    if !parts.next()?.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    parts
        .filter_map(|p| p.strip_prefix("boundary="))
        .map(|b| b.trim_matches('"').to_owned())
        .find(|b| !b.is_empty())
}

/// Reads a multipart body as RFC 7578 frames it: `--B` CRLF, parts
/// separated by CRLF `--B` CRLF, closed by CRLF `--B--` (CRLF), nothing
/// after; the file (the part with a `filename`) last.
fn read_multipart(scanner: &mut Scanner<TcpStream>, boundary: &str) -> Result<Multipart, String> {
    let failed = |e: io::Error| format!("reading the body: {e}");
    let opening = format!("--{boundary}\r\n");
    let start = scanner.take(opening.len()).map_err(failed)?;
    if start != opening.as_bytes() {
        return Err(format!(
            "the body does not start with {opening:?}: {:?}",
            String::from_utf8_lossy(&start)
        ));
    }
    let delimiter = format!("\r\n--{boundary}");
    let mut fields = Vec::new();
    loop {
        let mut disposition = None;
        let mut content_type = None;
        loop {
            let line = scanner.line().map_err(failed)?;
            if line.is_empty() {
                break;
            }
            let Some((name, value)) = line.split_once(':') else {
                return Err(format!("a part header without a colon: {line:?}"));
            };
            match name.trim().to_ascii_lowercase().as_str() {
                "content-disposition" => disposition = Some(value.trim().to_owned()),
                "content-type" => content_type = Some(value.trim().to_owned()),
                other => return Err(format!("an unexpected part header {other:?}")),
            }
        }
        let disposition = disposition.ok_or("a part without content-disposition")?;
        let (field, file_name) = form_data(&disposition)?;
        let file = match file_name {
            None => {
                let mut value = Vec::new();
                scanner
                    .until(delimiter.as_bytes(), |bytes| {
                        value.extend_from_slice(bytes);
                    })
                    .map_err(failed)?;
                let value = String::from_utf8(value).map_err(|_| "a field that is not UTF-8")?;
                fields.push((field, value));
                None
            }
            Some(file_name) => {
                let (mut bytes, mut digest) = (0_u64, Digest::default());
                scanner
                    .until(delimiter.as_bytes(), |chunk| {
                        bytes += chunk.len() as u64;
                        digest.update(chunk);
                    })
                    .map_err(failed)?;
                Some(FilePart {
                    field,
                    file_name,
                    content_type: content_type.clone(),
                    bytes,
                    digest: digest.value(),
                })
            }
        };
        let after = scanner.take(2).map_err(failed)?;
        match (after.as_slice(), file) {
            (b"\r\n", None) => continue,
            (b"--", Some(file)) => {
                let rest = scanner.rest().map_err(failed)?;
                if !rest.is_empty() && rest != b"\r\n" {
                    return Err(format!("{} bytes after the closing boundary", rest.len()));
                }
                return Ok(Multipart { fields, file });
            }
            (b"--", None) => return Err("no file part before the closing boundary".to_owned()),
            (b"\r\n", Some(_)) => return Err("a part after the file part".to_owned()),
            (other, _) => {
                return Err(format!(
                    "{:?} after a boundary",
                    String::from_utf8_lossy(other)
                ));
            }
        }
    }
}

/// The field name and file name of `form-data; name="…"; filename="…"`.
fn form_data(disposition: &str) -> Result<(String, Option<String>), String> {
    let mut parts = disposition.split(';').map(str::trim);
    if parts.next() != Some("form-data") {
        return Err(format!("a part that is not form-data: {disposition:?}"));
    }
    let (mut name, mut file_name) = (None, None);
    for part in parts {
        let quoted = |value: &str| value.trim_matches('"').to_owned();
        if let Some(value) = part.strip_prefix("name=") {
            name = Some(quoted(value));
        } else if let Some(value) = part.strip_prefix("filename=") {
            file_name = Some(quoted(value));
        }
    }
    Ok((name.ok_or("a part without a name")?, file_name))
}

/// A reader with a buffer of its own: lines, exact byte counts, and
/// streaming up to a delimiter, within the body's `content-length` once
/// the headers are read.
struct Scanner<R> {
    reader: R,
    buffer: Vec<u8>,
    start: usize,
    end: usize,
    /// Bytes of the body not yet read from `reader`.
    left: u64,
}

/// The scanner's buffer: all it holds of a body at once.
const BUFFER: usize = 64 * 1024;
/// The longest header line read.
const MAX_LINE: usize = 8 * 1024;

impl<R: Read> Scanner<R> {
    fn new(reader: R) -> Self {
        Self {
            reader,
            buffer: vec![0; BUFFER],
            start: 0,
            end: 0,
            left: u64::MAX,
        }
    }

    /// From now on, read at most `length` bytes, counting those buffered.
    fn limit_body(&mut self, length: u64) {
        self.left = length.saturating_sub((self.end - self.start) as u64);
    }

    /// Reads more into the buffer; false at the end of the input.
    fn fill(&mut self) -> io::Result<bool> {
        if self.start > 0 {
            self.buffer.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        let room = (BUFFER - self.end).min(usize::try_from(self.left).unwrap_or(usize::MAX));
        if room == 0 {
            return Ok(false);
        }
        let n = self
            .reader
            .read(&mut self.buffer[self.end..self.end + room])?;
        self.end += n;
        self.left -= n as u64;
        Ok(n > 0)
    }

    fn buffered(&self) -> &[u8] {
        &self.buffer[self.start..self.end]
    }

    /// A line without its CRLF.
    fn line(&mut self) -> io::Result<String> {
        loop {
            if let Some(at) = find(self.buffered(), b"\r\n") {
                let line = String::from_utf8_lossy(&self.buffered()[..at]).into_owned();
                self.start += at + 2;
                return Ok(line);
            }
            if self.end - self.start > MAX_LINE || !self.fill()? {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "a line without its CRLF",
                ));
            }
        }
    }

    /// Exactly `n` bytes (fewer at the end of the input).
    fn take(&mut self, n: usize) -> io::Result<Vec<u8>> {
        while self.end - self.start < n && self.fill()? {}
        let n = n.min(self.end - self.start);
        let bytes = self.buffered()[..n].to_vec();
        self.start += n;
        Ok(bytes)
    }

    /// Hands everything before `delimiter` to `sink`, and consumes the
    /// delimiter; fails at the end of the input without it.
    fn until(&mut self, delimiter: &[u8], mut sink: impl FnMut(&[u8])) -> io::Result<()> {
        loop {
            if let Some(at) = find(self.buffered(), delimiter) {
                sink(&self.buffered()[..at]);
                self.start += at + delimiter.len();
                return Ok(());
            }
            // Keep what could be the start of the delimiter.
            let keep = (delimiter.len() - 1).min(self.end - self.start);
            let emit = self.end - self.start - keep;
            sink(&self.buffered()[..emit]);
            self.start += emit;
            if !self.fill()? {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    format!(
                        "the body ended before {:?}",
                        String::from_utf8_lossy(delimiter)
                    ),
                ));
            }
        }
    }

    /// Whatever is left of the input, up to [`BUFFER`] bytes.
    fn rest(&mut self) -> io::Result<Vec<u8>> {
        while self.end < BUFFER && self.fill()? {}
        let rest = self.buffered().to_vec();
        self.start = self.end;
        Ok(rest)
    }

    /// Reads and drops what is left of the body, until it ends or fails.
    fn drain(&mut self) {
        self.start = self.end;
        while let Ok(true) = self.fill() {
            self.start = self.end;
        }
    }
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    let first = *needle.first()?;
    let mut from = 0;
    while let Some(at) = haystack[from..].iter().position(|&b| b == first) {
        let at = from + at;
        if haystack[at..].starts_with(needle) {
            return Some(at);
        }
        if haystack.len() - at < needle.len() {
            return None;
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_found_across_buffer_refills() {
        let mut body = vec![b'x'; BUFFER - 3];
        body.extend_from_slice(b"\r\n--b");
        body.extend_from_slice(b"tail");
        let mut scanner = Scanner::new(&body[..]);
        let mut seen = 0;
        scanner
            .until(b"\r\n--b", |chunk| seen += chunk.len())
            .unwrap();
        assert_eq!(seen, BUFFER - 3);
        assert_eq!(scanner.rest().unwrap(), b"tail");
    }

    #[test]
    fn find_finds_the_first_occurrence() {
        assert_eq!(find(b"a\r\r\n--b", b"\r\n--b"), Some(2));
        assert_eq!(find(b"a\r\n-", b"\r\n--b"), None);
        assert_eq!(find(b"", b"\r\n"), None);
    }
}
