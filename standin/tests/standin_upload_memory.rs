//! A 256 MiB video streams through the upload listener: the bytes arrive
//! whole (size and SHA-256), and the resident memory of this process —
//! the client generating the file and the stand-in receiving it — grows by
//! far less than the file. Alone in its own test binary, so no other test
//! moves the figure.

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use pinterest_standin::{Environment, StandInOptions};
use serde_json::json;
use sha2::{Digest, Sha256};
use support::{Account, BOUNDARY, agent, answer, form, upload_parameters};

mod support;

/// The file's size.
const FILE_BYTES: u64 = 256 * 1024 * 1024;
/// The most the process may grow while it passes through.
const MAX_GROWTH: u64 = 32 * 1024 * 1024;

/// Pseudo-random bytes, generated as they are read and hashed on the way.
struct GeneratedFile {
    left: u64,
    state: u64,
    hasher: Sha256,
}

impl Read for GeneratedFile {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = usize::try_from(self.left)
            .unwrap_or(usize::MAX)
            .min(buf.len());
        for chunk in buf[..n].chunks_mut(8) {
            self.state ^= self.state << 13;
            self.state ^= self.state >> 7;
            self.state ^= self.state << 17;
            chunk.copy_from_slice(&self.state.to_le_bytes()[..chunk.len()]);
        }
        self.hasher.update(&buf[..n]);
        self.left -= n as u64;
        Ok(n)
    }
}

/// Resident memory of this process, in bytes.
fn resident() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .expect("VmRSS")
        * 1024
}

#[test]
fn a_256_mib_upload_streams_through_in_little_memory() {
    let account = Account::with_scopes(
        StandInOptions::default(),
        Environment::Sandbox,
        &["pins:read", "pins:write"],
    );
    let register = || {
        account
            .post("/v5/media", &json!({"media_type": "video"}))
            .ok(201)
    };
    // A small upload first, so buffers and threads exist before measuring.
    let warm = register();
    let url = warm["upload_url"].as_str().expect("upload_url").to_owned();
    let small = support::upload(
        &url,
        form(&upload_parameters(&warm), Some(("a.mp4", b"warm")), &[]),
    );
    assert_eq!(small.status, 204, "{}", small.body);

    let media = register();
    let full = form(&upload_parameters(&media), Some(("big.mp4", b"")), &[]);
    // Split the form around the (empty) file to put the generated one in.
    let marker = b"Content-Type: video/mp4\r\n\r\n";
    let split = full
        .windows(marker.len())
        .position(|w| w == marker)
        .expect("file part")
        + marker.len();
    let (head, tail) = full.split_at(split);
    let mut file = GeneratedFile {
        left: FILE_BYTES,
        state: 0x9E37_79B9_7F4A_7C15,
        hasher: Sha256::new(),
    };

    let baseline = resident();
    let peak = Arc::new(AtomicU64::new(baseline));
    let done = Arc::new(AtomicBool::new(false));
    let sampler = {
        let (peak, done) = (Arc::clone(&peak), Arc::clone(&done));
        std::thread::spawn(move || {
            while !done.load(Ordering::SeqCst) {
                peak.fetch_max(resident(), Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(2));
            }
        })
    };
    let length = head.len() as u64 + FILE_BYTES + tail.len() as u64;
    let mut body = head.chain(&mut file).chain(tail);
    let sent = answer(
        agent()
            .post(&url)
            .header(
                "content-type",
                &format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .header("content-length", &length.to_string())
            .send(ureq::SendBody::from_reader(&mut body))
            .expect("upload"),
    );
    done.store(true, Ordering::SeqCst);
    sampler.join().expect("sampler");
    assert_eq!(sent.status, 204, "{}", sent.body);

    let expected: String = file
        .hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let received = account.pinterest.uploads().pop().expect("recorded");
    assert_eq!(received.size, FILE_BYTES);
    assert_eq!(received.sha256.as_deref(), Some(expected.as_str()));
    assert_eq!(received.file_name.as_deref(), Some("big.mp4"));
    let growth = peak.load(Ordering::SeqCst).saturating_sub(baseline);
    println!(
        "uploaded {} MiB; resident memory {} MiB before, peak growth {:.1} MiB",
        FILE_BYTES >> 20,
        baseline >> 20,
        growth as f64 / 1_048_576.0
    );
    assert!(
        growth < MAX_GROWTH,
        "the process grew by {growth} bytes while uploading {FILE_BYTES}"
    );
}
