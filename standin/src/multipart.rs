//! A streaming `multipart/form-data` reader (RFC 7578 framing): parts come
//! one at a time, and a part's content comes in chunks of at most
//! [`BUFFER`] bytes, so a file of any size passes through a fixed buffer.

use std::io::{self, Read};

use memchr::memmem::Finder;

/// Bytes read from the body at a time.
pub(crate) const BUFFER: usize = 64 * 1024;
/// Longest header block of one part.
const MAX_HEADERS: usize = 16 * 1024;

/// Why a body could not be read as `multipart/form-data`.
#[derive(Debug)]
pub(crate) enum MultipartError {
    /// The body ended before the closing delimiter.
    Truncated,
    /// The framing or a part's headers are not well formed.
    Malformed(&'static str),
    /// Reading the body failed.
    Io(io::Error),
}

impl From<io::Error> for MultipartError {
    fn from(error: io::Error) -> Self {
        Self::Io(error)
    }
}

/// What a part's headers say.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct PartHeaders {
    /// `name` of its `Content-Disposition: form-data`.
    pub name: Option<String>,
    /// `filename`, for a file.
    pub filename: Option<String>,
    /// Its `Content-Type`.
    pub content_type: Option<String>,
}

/// Where the reader is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// In the preamble or a part's content.
    Content,
    /// Just after a delimiter.
    Delimiter,
    /// After the closing delimiter.
    Done,
}

/// Reads the parts of a `multipart/form-data` body from `R`.
pub(crate) struct Multipart<R> {
    reader: R,
    finder: Finder<'static>,
    delimiter_len: usize,
    buf: Vec<u8>,
    pos: usize,
    len: usize,
    state: State,
}

/// The `boundary` of a `multipart/form-data` content type.
pub(crate) fn boundary(content_type: &str) -> Option<String> {
    let mut params = content_type.split(';');
    let kind = params.next()?.trim();
    if !kind.eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    params
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("boundary"))
        .map(|(_, v)| v.trim().trim_matches('"').to_owned())
        .filter(|b| (1..=70).contains(&b.len()))
}

impl<R: Read> Multipart<R> {
    /// A reader of `reader`'s parts, delimited by `boundary`.
    pub fn new(reader: R, boundary: &str) -> Self {
        let delimiter = format!("\r\n--{boundary}").into_bytes();
        let delimiter_len = delimiter.len();
        let mut buf = vec![0; BUFFER + delimiter_len + MAX_HEADERS];
        // The first delimiter may open the body: read it as if a line
        // break came before it.
        buf[..2].copy_from_slice(b"\r\n");
        Self {
            reader,
            finder: Finder::new(&delimiter).into_owned(),
            delimiter_len,
            buf,
            pos: 0,
            len: 2,
            state: State::Content,
        }
    }

    /// Reads more of the body; `false` at its end.
    fn fill(&mut self) -> Result<bool, MultipartError> {
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.len, 0);
            self.len -= self.pos;
            self.pos = 0;
        }
        if self.len == self.buf.len() {
            return Err(MultipartError::Malformed("a part's headers are too long"));
        }
        loop {
            match self.reader.read(&mut self.buf[self.len..]) {
                Ok(0) => return Ok(false),
                Ok(n) => {
                    self.len += n;
                    return Ok(true);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// The next chunk of the current part's content (or of the preamble),
    /// `None` once its delimiter is reached.
    pub fn chunk(&mut self) -> Result<Option<&[u8]>, MultipartError> {
        if self.state != State::Content {
            return Ok(None);
        }
        loop {
            let available = &self.buf[self.pos..self.len];
            let (start, end) = match self.finder.find(available) {
                Some(0) => {
                    self.pos += self.delimiter_len;
                    self.state = State::Delimiter;
                    return Ok(None);
                }
                Some(at) => (self.pos, self.pos + at),
                None => {
                    // The last bytes may start a delimiter: keep them.
                    let safe = available.len().saturating_sub(self.delimiter_len - 1);
                    (self.pos, self.pos + safe.min(BUFFER))
                }
            };
            if end > start {
                self.pos = end;
                return Ok(Some(&self.buf[start..end]));
            }
            if !self.fill()? {
                return Err(MultipartError::Truncated);
            }
        }
    }

    /// Skips what is left of the current part and reads the next part's
    /// headers; `None` after the closing delimiter.
    pub fn next_part(&mut self) -> Result<Option<PartHeaders>, MultipartError> {
        while self.chunk()?.is_some() {}
        if self.state == State::Done {
            return Ok(None);
        }
        while self.len - self.pos < 2 {
            if !self.fill()? {
                return Err(MultipartError::Truncated);
            }
        }
        if &self.buf[self.pos..self.pos + 2] == b"--" {
            self.pos += 2;
            self.state = State::Done;
            return Ok(None);
        }
        let headers = self.header_block()?;
        self.state = State::Content;
        parse_headers(&headers).map(Some)
    }

    /// The text from after the delimiter to the blank line that ends the
    /// part's headers (transport padding and line break removed).
    fn header_block(&mut self) -> Result<String, MultipartError> {
        let end = loop {
            let available = &self.buf[self.pos..self.len];
            if let Some(at) = memchr::memmem::find(available, b"\r\n\r\n") {
                break at;
            }
            if available.len() > MAX_HEADERS {
                return Err(MultipartError::Malformed("a part's headers are too long"));
            }
            if !self.fill()? {
                return Err(MultipartError::Truncated);
            }
        };
        let block = &self.buf[self.pos..self.pos + end];
        self.pos += end + 4;
        let text = std::str::from_utf8(block)
            .map_err(|_| MultipartError::Malformed("a part's headers are not UTF-8"))?;
        let text = text.trim_start_matches([' ', '\t']);
        match text.strip_prefix("\r\n") {
            Some(headers) => Ok(headers.to_owned()),
            // A part with no headers at all.
            None if text.is_empty() => Ok(String::new()),
            None => Err(MultipartError::Malformed(
                "a delimiter is not followed by a line break",
            )),
        }
    }

    /// Reads the rest of the body (the epilogue), up to `limit` bytes.
    pub fn finish(&mut self, limit: u64) -> Result<(), MultipartError> {
        let mut rest = (&mut self.reader).take(limit);
        io::copy(&mut rest, &mut io::sink())?;
        Ok(())
    }
}

fn parse_headers(block: &str) -> Result<PartHeaders, MultipartError> {
    let mut headers = PartHeaders::default();
    for line in block.split("\r\n").filter(|l| !l.is_empty()) {
        let (name, value) = line
            .split_once(':')
            .ok_or(MultipartError::Malformed("a part header has no colon"))?;
        let value = value.trim();
        if name.trim().eq_ignore_ascii_case("content-disposition") {
            let (kind, params) = value.split_once(';').unwrap_or((value, ""));
            if !kind.trim().eq_ignore_ascii_case("form-data") {
                return Err(MultipartError::Malformed(
                    "a part's Content-Disposition is not form-data",
                ));
            }
            for (key, value) in disposition_params(params)? {
                match key.to_ascii_lowercase().as_str() {
                    "name" => headers.name = Some(value),
                    "filename" => headers.filename = Some(value),
                    _ => {}
                }
            }
        } else if name.trim().eq_ignore_ascii_case("content-type") {
            headers.content_type = Some(value.to_owned());
        }
    }
    Ok(headers)
}

/// `; name="a"; filename="b.mp4"` as pairs, quoted strings unescaped.
fn disposition_params(text: &str) -> Result<Vec<(String, String)>, MultipartError> {
    let mut params = Vec::new();
    let mut rest = text.trim_start_matches([';', ' ', '\t']);
    while !rest.is_empty() {
        let (key, after) = rest.split_once('=').ok_or(MultipartError::Malformed(
            "a Content-Disposition parameter has no value",
        ))?;
        let after = after.trim_start();
        let (value, remainder) = if let Some(quoted) = after.strip_prefix('"') {
            let mut value = String::new();
            let mut chars = quoted.char_indices();
            let end = loop {
                match chars.next() {
                    Some((_, '\\')) => {
                        if let Some((_, c)) = chars.next() {
                            value.push(c);
                        }
                    }
                    Some((i, '"')) => break i + 1,
                    Some((_, c)) => value.push(c),
                    None => {
                        return Err(MultipartError::Malformed(
                            "a Content-Disposition value lacks its closing quote",
                        ));
                    }
                }
            };
            (value, &quoted[end..])
        } else {
            let end = after.find(';').unwrap_or(after.len());
            (after[..end].trim().to_owned(), &after[end..])
        };
        params.push((key.trim().to_owned(), value));
        rest = remainder.trim_start_matches([';', ' ', '\t']);
    }
    Ok(params)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads every part of `body`: (headers, content).
    fn parts(body: &[u8], boundary: &str) -> Result<Vec<(PartHeaders, Vec<u8>)>, MultipartError> {
        let mut reader = Multipart::new(body, boundary);
        let mut parts = Vec::new();
        while let Some(headers) = reader.next_part()? {
            let mut content = Vec::new();
            while let Some(chunk) = reader.chunk()? {
                content.extend_from_slice(chunk);
            }
            parts.push((headers, content));
        }
        Ok(parts)
    }

    #[test]
    fn reads_fields_and_a_file_split_anywhere() {
        let file: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        let mut body = b"--XyZ\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nuploads/a\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"clip \\\"1\\\".mp4\"\r\nContent-Type: video/mp4\r\n\r\n".to_vec();
        body.extend_from_slice(&file);
        body.extend_from_slice(b"\r\n--XyZ--\r\n");
        let parts = parts(&body, "XyZ").unwrap();
        assert_eq!(parts.len(), 2);
        assert_eq!(parts[0].0.name.as_deref(), Some("key"));
        assert_eq!(parts[0].1, b"uploads/a");
        assert_eq!(parts[1].0.filename.as_deref(), Some("clip \"1\".mp4"));
        assert_eq!(parts[1].0.content_type.as_deref(), Some("video/mp4"));
        assert_eq!(parts[1].1, file);
    }

    #[test]
    fn a_file_that_contains_near_delimiters_is_kept_whole() {
        let file = b"\r\n--Xy\r\n-\r\n--XyZ-not-quite".repeat(5000);
        // Every `\r\n--XyZ…` in the file falls short of the delimiter.
        let mut body =
            b"preamble\r\n--XyZW\r\nContent-Disposition: form-data; name=file\r\n\r\n".to_vec();
        body.extend_from_slice(&file);
        body.extend_from_slice(b"\r\n--XyZW--");
        let parts = parts(&body, "XyZW").unwrap();
        assert_eq!(parts[0].1, file);
    }

    #[test]
    fn refuses_broken_framing() {
        assert!(matches!(
            parts(
                b"--b\r\nContent-Disposition: form-data; name=a\r\n\r\nvalue",
                "b"
            ),
            Err(MultipartError::Truncated)
        ));
        assert!(matches!(
            parts(
                b"--b\r\nContent-Disposition: attachment\r\n\r\nx\r\n--b--",
                "b"
            ),
            Err(MultipartError::Malformed(_))
        ));
        assert!(matches!(
            parts(b"--bjunk\r\n\r\nx\r\n--b--", "b"),
            Err(MultipartError::Malformed(_))
        ));
        assert!(parts(b"no parts at all", "b").is_err());
    }

    #[test]
    fn boundary_comes_from_the_content_type() {
        assert_eq!(
            boundary("multipart/form-data; boundary=\"a b\"").as_deref(),
            Some("a b")
        );
        assert_eq!(
            boundary("Multipart/Form-Data;boundary=xyz").as_deref(),
            Some("xyz")
        );
        assert_eq!(boundary("application/json"), None);
        assert_eq!(boundary("multipart/form-data"), None);
    }
}
