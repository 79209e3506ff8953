//! The loopback mock every end-to-end client talks to: an HTTP/1.1 server on
//! `127.0.0.1` answering from [`Answers`], one thread per connection,
//! keeping connections alive, with `TCP_NODELAY` and each response written
//! in one piece (so no client waits on Nagle's algorithm and delayed ACKs,
//! which would add 40 ms to every small answer). It counts requests, so the
//! bench can check that each client sent exactly one per operation.

use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use crate::fixtures::Answers;

/// Largest request head or body the mock reads.
const MAX_REQUEST_BYTES: usize = 1 << 20;

/// A running mock; stops when dropped.
pub struct Mock {
    base_url: String,
    requests: Arc<AtomicU64>,
    stop: Arc<AtomicBool>,
    connections: Arc<Mutex<Vec<TcpStream>>>,
    acceptor: Option<JoinHandle<()>>,
}

impl Mock {
    /// Starts the mock on a free loopback port.
    pub fn start(answers: Arc<Answers>) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let base_url = format!("http://{}", listener.local_addr()?);
        let requests = Arc::new(AtomicU64::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let connections = Arc::new(Mutex::new(Vec::new()));
        let acceptor = {
            let (requests, stop, connections) = (
                Arc::clone(&requests),
                Arc::clone(&stop),
                Arc::clone(&connections),
            );
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    if let (Ok(copy), Ok(mut open)) = (stream.try_clone(), connections.lock()) {
                        open.push(copy);
                    }
                    let (answers, requests) = (Arc::clone(&answers), Arc::clone(&requests));
                    std::thread::spawn(move || {
                        let _ = serve(stream, &answers, &requests);
                    });
                }
            })
        };
        Ok(Self {
            base_url,
            requests,
            stop,
            connections,
            acceptor: Some(acceptor),
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Requests answered so far.
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for Mock {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the acceptor, then end every connection's thread.
        let _ = TcpStream::connect(self.base_url.trim_start_matches("http://"));
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
        if let Ok(open) = self.connections.lock() {
            for stream in open.iter() {
                let _ = stream.shutdown(Shutdown::Both);
            }
        }
    }
}

/// Answers requests on one connection until the client closes it.
fn serve(stream: TcpStream, answers: &Answers, requests: &AtomicU64) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    while let Some(request) = read_request(&mut reader)? {
        let answer = answers.answer(&request.method, &request.target);
        let mut response = format!(
            "HTTP/1.1 {} {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n{}\r\n",
            answer.status,
            if answer.status < 300 {
                "OK"
            } else {
                "Not Found"
            },
            answer.body.len(),
            if request.close {
                "connection: close\r\n"
            } else {
                ""
            },
        )
        .into_bytes();
        response.extend_from_slice(&answer.body);
        requests.fetch_add(1, Ordering::SeqCst);
        writer.write_all(&response)?;
        if request.close {
            break;
        }
    }
    Ok(())
}

/// What the mock reads of a request.
struct Request {
    method: String,
    target: String,
    close: bool,
}

/// Reads one request (head and body); `None` when the client closed.
fn read_request(reader: &mut impl BufRead) -> std::io::Result<Option<Request>> {
    let invalid =
        |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned());
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Ok(None);
    }
    let mut parts = line.split_whitespace();
    let (Some(method), Some(target), Some(version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(invalid("malformed request line"));
    };
    let (method, target) = (method.to_owned(), target.to_owned());
    let mut close = version == "HTTP/1.0";
    let mut length = 0usize;
    let mut chunked = false;
    let mut head = line.len();
    loop {
        line.clear();
        head += reader.read_line(&mut line)?;
        if head > MAX_REQUEST_BYTES {
            return Err(invalid("request head too large"));
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        let Some((name, value)) = header.split_once(':') else {
            return Err(invalid("malformed header"));
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => length = value.parse().map_err(|_| invalid("bad length"))?,
            "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
            "connection" => close = value.eq_ignore_ascii_case("close"),
            _ => {}
        }
    }
    if chunked {
        read_chunked(reader)?;
    } else if length > 0 {
        if length > MAX_REQUEST_BYTES {
            return Err(invalid("request body too large"));
        }
        reader.read_exact(&mut vec![0; length])?;
    }
    Ok(Some(Request {
        method,
        target,
        close,
    }))
}

/// Reads (and drops) a chunked body with its trailer.
fn read_chunked(reader: &mut impl BufRead) -> std::io::Result<()> {
    let invalid = || std::io::Error::new(std::io::ErrorKind::InvalidData, "bad chunk");
    let mut line = String::new();
    let mut total = 0usize;
    loop {
        line.clear();
        reader.read_line(&mut line)?;
        let size_text = line.trim().split(';').next().unwrap_or("");
        let size = usize::from_str_radix(size_text, 16).map_err(|_| invalid())?;
        total += size;
        if total > MAX_REQUEST_BYTES {
            return Err(invalid());
        }
        if size == 0 {
            loop {
                line.clear();
                if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
                    return Ok(());
                }
            }
        }
        reader.read_exact(&mut vec![0; size + 2])?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_requests_with_lengths_and_chunks_back_to_back() {
        let wire = b"POST /v5/pins HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}\
GET /v5/boards?page_size=25 HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nab\r\n0\r\n\r\n\
GET /ping HTTP/1.1\r\nConnection: close\r\n\r\n";
        let mut reader = &wire[..];
        let first = read_request(&mut reader).unwrap().unwrap();
        assert_eq!(
            (first.method.as_str(), first.target.as_str(), first.close),
            ("POST", "/v5/pins", false)
        );
        let second = read_request(&mut reader).unwrap().unwrap();
        assert_eq!(second.target, "/v5/boards?page_size=25");
        let third = read_request(&mut reader).unwrap().unwrap();
        assert!(third.close);
        assert!(read_request(&mut reader).unwrap().is_none());
    }
}
