//! A small HTTP/1.1 server on 127.0.0.1 for the edge cases of the adapter:
//! each connection on its own thread, one request each, answered by a
//! handler that reads the body itself (so that bodies of any size stream
//! through in bounded memory).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;

/// A request's head.
#[derive(Debug, Clone)]
pub struct Head {
    /// `GET`, `POST`, …
    pub method: String,
    /// The path with its query.
    pub path: String,
    /// Header names (lower-case) and values.
    pub headers: Vec<(String, String)>,
}

impl Head {
    /// The first header called `name` (lower-case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The `content-length`, 0 when absent.
    pub fn content_length(&self) -> u64 {
        self.header("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    }
}

/// Answers one request: reads its body from `body` and writes a whole
/// response to `out`.
pub type Handler = dyn Fn(&Head, &mut dyn Read, &mut TcpStream) + Send + Sync;

/// A running server; it stops with the test process.
pub struct LocalServer {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
}

impl LocalServer {
    /// Serves `handler` on a free port.
    pub fn start(
        handler: impl Fn(&Head, &mut dyn Read, &mut TcpStream) + Send + Sync + 'static,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
        let url = format!("http://{}", listener.local_addr().expect("an address"));
        let handler: Arc<Handler> = Arc::new(handler);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let handler = handler.clone();
                std::thread::spawn(move || serve(stream, &*handler));
            }
        });
        Self { url }
    }
}

fn serve(stream: TcpStream, handler: &Handler) {
    let Ok(mut out) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let mut parts = line.split_whitespace();
    let (method, path) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );
    let mut head = Head {
        method: method.to_owned(),
        path: path.to_owned(),
        headers: Vec::new(),
    };
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            head.headers
                .push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    let mut body = reader.take(head.content_length());
    handler(&head, &mut body, &mut out);
    let _ = out.flush();
}

/// Writes a response with `status`, `headers` and `body` (content-length
/// set, connection closed).
pub fn respond(out: &mut TcpStream, status: u16, headers: &[(&str, &str)], body: &[u8]) {
    let mut text = format!(
        "HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    let _ = out.write_all(text.as_bytes());
    let _ = out.write_all(body);
}
