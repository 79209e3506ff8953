//! A request body as a transport sends it: the bytes the component built,
//! or a stream of known length that carries host content between them.

use std::collections::VecDeque;
use std::fmt;
use std::io::{self, Read};

use crate::bindings::http::HttpError;
use crate::content::quoted;

/// The body of an [`OutgoingRequest`](crate::OutgoingRequest).
pub enum RequestBody {
    /// The whole body, built by the component (empty for a request without
    /// one).
    Bytes(Vec<u8>),
    /// A body that carries host content: read it once, to its end; its
    /// length is known before the first byte is read.
    Stream(BodyStream),
}

impl RequestBody {
    /// The length in bytes: what `content-length` says.
    pub fn len(&self) -> u64 {
        match self {
            RequestBody::Bytes(bytes) => bytes.len() as u64,
            RequestBody::Stream(stream) => stream.len(),
        }
    }

    /// Whether the body has no bytes at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether host content is part of the body.
    pub fn carries_host_content(&self) -> bool {
        matches!(self, RequestBody::Stream(_))
    }

    /// The whole body in memory, for a transport that sends only bytes: a
    /// stream is read to its end when it has at most `max` bytes, and
    /// refused with `http-error::denied` otherwise (before anything is
    /// read).
    pub fn collect(self, max: u64) -> Result<Vec<u8>, HttpError> {
        match self {
            RequestBody::Bytes(bytes) => Ok(bytes),
            RequestBody::Stream(stream) if stream.len() > max => Err(HttpError::Denied(format!(
                "host content: a body of {} bytes is more than this transport holds in memory ({max} bytes)",
                stream.len()
            ))),
            RequestBody::Stream(mut stream) => {
                let mut bytes = Vec::with_capacity(usize::try_from(stream.len()).unwrap_or(0));
                stream
                    .read_to_end(&mut bytes)
                    .map_err(|e| HttpError::Transport(e.to_string()))?;
                Ok(bytes)
            }
        }
    }
}

/// The length only: a body may hold secrets (a token form, a client
/// secret).
impl fmt::Debug for RequestBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestBody::Bytes(bytes) => write!(f, "Bytes({} bytes)", bytes.len()),
            RequestBody::Stream(stream) => stream.fmt(f),
        }
    }
}

/// One piece of a [`BodyStream`].
enum Segment {
    Bytes(io::Cursor<Vec<u8>>),
    Content {
        name: String,
        reader: Box<dyn Read + Send>,
        length: u64,
        left: u64,
    },
}

/// A body made of bytes and host content, read in order as one stream of
/// [`BodyStream::len`] bytes. Nothing is held but the component's bytes and
/// the open readers: the content goes from its reader into the transport's
/// buffer.
///
/// Exactly the announced length comes out: each piece of host content
/// gives the length it was announced with (the rest of a longer source is
/// not read), and a source that ends early fails the read
/// (`UnexpectedEof`) rather than sending a body shorter than its
/// `content-length`.
///
/// ```
/// use std::io::Read as _;
/// use pinterest_connector_host::BodyStream;
///
/// let mut body = BodyStream::new();
/// body.push_bytes(b"--b\r\n\r\n".to_vec());
/// body.push_content("video", Box::new(&b"0123456789"[..]), 10);
/// body.push_bytes(b"\r\n--b--\r\n".to_vec());
/// assert_eq!(body.len(), 7 + 10 + 9);
/// let mut sent = String::new();
/// body.read_to_string(&mut sent)?;
/// assert_eq!(sent, "--b\r\n\r\n0123456789\r\n--b--\r\n");
/// # Ok::<(), std::io::Error>(())
/// ```
pub struct BodyStream {
    segments: VecDeque<Segment>,
    len: u64,
}

impl BodyStream {
    /// An empty body.
    pub fn new() -> Self {
        Self {
            segments: VecDeque::new(),
            len: 0,
        }
    }

    /// Appends bytes.
    pub fn push_bytes(&mut self, bytes: Vec<u8>) {
        self.len = self.len.saturating_add(bytes.len() as u64);
        self.segments
            .push_back(Segment::Bytes(io::Cursor::new(bytes)));
    }

    /// Appends `length` bytes of the host content called `name`, read from
    /// `reader`.
    pub fn push_content(
        &mut self,
        name: impl Into<String>,
        reader: Box<dyn Read + Send>,
        length: u64,
    ) {
        self.len = self.len.saturating_add(length);
        self.segments.push_back(Segment::Content {
            name: name.into(),
            reader,
            length,
            left: length,
        });
    }

    /// The whole body's length in bytes, read or not.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether the body has no bytes at all.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The names of the host content in the body, in order.
    pub fn content_names(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|segment| match segment {
            Segment::Content { name, .. } => Some(name.as_str()),
            Segment::Bytes(_) => None,
        })
    }
}

impl Default for BodyStream {
    fn default() -> Self {
        Self::new()
    }
}

impl Read for BodyStream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        while let Some(segment) = self.segments.front_mut() {
            match segment {
                Segment::Bytes(bytes) => {
                    let n = bytes.read(buf)?;
                    if n > 0 {
                        return Ok(n);
                    }
                }
                Segment::Content {
                    name,
                    reader,
                    length,
                    left,
                } if *left > 0 => {
                    let most = usize::try_from(*left).map_or(buf.len(), |left| left.min(buf.len()));
                    let n = reader.read(&mut buf[..most])?;
                    if n == 0 {
                        return Err(io::Error::new(
                            io::ErrorKind::UnexpectedEof,
                            format!(
                                "host content {} ended after {} of its {length} bytes",
                                quoted(name),
                                *length - *left
                            ),
                        ));
                    }
                    *left -= n as u64;
                    return Ok(n);
                }
                Segment::Content { .. } => {}
            }
            self.segments.pop_front();
        }
        Ok(0)
    }
}

/// The length and the names of the host content, never the bytes.
impl fmt::Debug for BodyStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BodyStream")
            .field("len", &self.len)
            .field("host_content", &self.content_names().collect::<Vec<_>>())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_longer_than_announced_is_cut_at_its_length() {
        let mut body = BodyStream::new();
        body.push_content("a", Box::new(&b"abcdef"[..]), 3);
        body.push_bytes(b"!".to_vec());
        let mut sent = Vec::new();
        body.read_to_end(&mut sent).unwrap();
        assert_eq!(sent, b"abc!");
    }

    #[test]
    fn content_shorter_than_announced_fails_the_read() {
        let mut body = BodyStream::new();
        body.push_content("clip.mp4", Box::new(&b"ab"[..]), 5);
        let error = body.read_to_end(&mut Vec::new()).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::UnexpectedEof);
        assert_eq!(
            error.to_string(),
            "host content \"clip.mp4\" ended after 2 of its 5 bytes"
        );
    }

    #[test]
    fn a_small_stream_is_collected_and_a_big_one_refused() {
        let stream = || {
            let mut body = BodyStream::new();
            body.push_bytes(b"x=".to_vec());
            body.push_content("v", Box::new(&b"123"[..]), 3);
            RequestBody::Stream(body)
        };
        assert_eq!(stream().collect(5).unwrap(), b"x=123");
        assert!(
            matches!(stream().collect(4), Err(HttpError::Denied(why)) if why.contains("5 bytes"))
        );
    }

    #[test]
    fn debug_shows_lengths_and_names_only() {
        let mut body = BodyStream::new();
        body.push_bytes(b"client_secret=s3cr3t".to_vec());
        body.push_content("video", Box::new(&b"v"[..]), 1);
        assert_eq!(
            format!("{body:?}"),
            "BodyStream { len: 21, host_content: [\"video\"] }"
        );
        assert_eq!(
            format!("{:?}", RequestBody::Bytes(b"s3cr3t".to_vec())),
            "Bytes(6 bytes)"
        );
    }
}
