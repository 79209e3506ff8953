//! Bodies far bigger than the connector should ever hold, for the memory
//! tests: a 200 MB response (with or without its length announced) and a
//! 256 MiB upload checked byte for byte as it arrives.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::OnceLock;

use serde_json::{Value, json};

use crate::local::{Head, LocalServer, respond};

/// A mebibyte.
pub const MIB: u64 = 1024 * 1024;
/// The response body offered: 200 MB.
pub const BIG_RESPONSE: u64 = 200_000_000;
/// The size of a block of the upload.
pub const BLOCK: usize = 64 * 1024;
/// The upload's blocks: 256 MiB.
pub const BLOCKS: usize = 4096;
/// The multipart boundary of the upload.
pub const BOUNDARY: &str = "----standard-hosts-7d1e";

/// Block `index` of the upload: its index (8 bytes, little-endian), then
/// the rest of a fixed pseudo-random block.
pub fn block(index: usize) -> Vec<u8> {
    static TEMPLATE: OnceLock<Vec<u8>> = OnceLock::new();
    let template = TEMPLATE.get_or_init(|| {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        (0..BLOCK)
            .map(|_| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1);
                (state >> 56) as u8
            })
            .collect()
    });
    let mut block = template.clone();
    block[..8].copy_from_slice(&(index as u64).to_le_bytes());
    block
}

/// Writes the 256 MiB file to `path`.
pub fn write_upload(path: &Path) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).expect("the file"));
    for i in 0..BLOCKS {
        file.write_all(&block(i)).expect("written");
    }
}

/// The multipart part's head, before the file.
pub fn head() -> String {
    format!(
        "--{BOUNDARY}\r\ncontent-disposition: form-data; name=\"file\"; filename=\"clip.mp4\"\r\ncontent-type: video/mp4\r\n\r\n"
    )
}

/// The closing boundary, after the file.
pub fn tail() -> String {
    format!("\r\n--{BOUNDARY}--\r\n")
}

/// The whole upload's length.
pub fn upload_length() -> usize {
    head().len() + BLOCK * BLOCKS + tail().len()
}

/// Exactly `n` bytes of `body` (fewer at its end).
fn take(body: &mut dyn Read, n: usize) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(n);
    let _ = body.take(n as u64).read_to_end(&mut bytes);
    bytes
}

/// Checks an upload as it arrives — the multipart head, every block in
/// order, the closing boundary, nothing more — and what its headers said.
pub fn check_upload(head_of: &Head, body: &mut dyn Read) -> Value {
    let head_ok = take(body, head().len()) == head().as_bytes();
    let blocks_ok = (0..BLOCKS).all(|i| take(body, BLOCK) == block(i));
    let tail_ok = take(body, tail().len()) == tail().as_bytes();
    let extra = take(body, 1).len();
    json!({
        "head": head_ok, "blocks": blocks_ok, "tail": tail_ok, "extra": extra,
        "content-length": head_of.content_length(),
        "chunked": head_of.header("transfer-encoding"),
    })
}

/// What [`check_upload`] answers for the upload as it should be.
pub fn upload_as_sent() -> Value {
    json!({
        "head": true, "blocks": true, "tail": true, "extra": 0,
        "content-length": upload_length(), "chunked": null,
    })
}

/// Writes the 200 MB response, its length announced or chunked, until the
/// client stops reading.
fn big_response(out: &mut TcpStream, announced: bool) {
    let length = if announced {
        format!("content-length: {BIG_RESPONSE}")
    } else {
        "transfer-encoding: chunked".to_owned()
    };
    let _ = write!(
        out,
        "HTTP/1.1 200 OK\r\n{length}\r\nconnection: close\r\n\r\n"
    );
    let chunk = vec![b'x'; MIB as usize];
    let mut sent = 0;
    while sent < BIG_RESPONSE {
        let written = if announced {
            out.write_all(&chunk)
        } else {
            write!(out, "{:x}\r\n", chunk.len())
                .and_then(|()| out.write_all(&chunk))
                .and_then(|()| out.write_all(b"\r\n"))
        };
        if written.is_err() {
            return;
        }
        sent += MIB;
    }
}

/// `/upload` (checked, answered with the verdict as JSON), `/big` and
/// `/big-chunked` (200 MB), anything else a small answer.
pub fn server() -> LocalServer {
    LocalServer::start(|head, body, out| match head.path.as_str() {
        "/upload" => {
            let verdict = check_upload(head, body);
            respond(out, 200, &[], verdict.to_string().as_bytes());
        }
        "/big" => big_response(out, true),
        "/big-chunked" => big_response(out, false),
        _ => respond(out, 200, &[], b"small"),
    })
}
