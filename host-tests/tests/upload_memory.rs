//! A 256 MiB video goes through the host side of the component's `http`
//! import — `content-length`, the register call, then the multipart upload
//! through the `EgressGuard` and `UreqTransport` — to a local upload host
//! that checks the framing and hashes every byte, while the process's
//! memory grows by less than 32 MiB: the host streams the file, it never
//! holds it. Alone in its test binary, so that no other test's memory
//! shows in the peak.

mod common;

use std::sync::Arc;

use common::*;
use host_tests::upload::*;
use pinterest_connector_host::http::Host as _;
use pinterest_connector_host::{
    ConnectorHttp, EgressGuard, EgressPolicy, HostFiles, HostLimits, UreqTransport,
};
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

const MIB: u64 = 1024 * 1024;

/// A field of `/proc/self/status`, in bytes.
fn status_bytes(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let kib: u64 = status
        .lines()
        .find_map(|line| line.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|value| value.trim().trim_end_matches(" kB").parse().ok())
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status"));
    kib * 1024
}

#[test]
fn a_256_mib_video_is_streamed_within_32_mib_of_memory() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("upload");
    let video = VideoFile::create(&dir, "256-mib.mp4", 256 * MIB).expect("writing the video");
    let upload_host = UploadServer::start();
    let upload_url = upload_host.url("/");
    let api = Pinterest::start();
    api.mount(
        Mock::given(method("POST"))
            .and(path("/v5/media"))
            .respond_with(
                ResponseTemplate::new(201).set_body_json(register_answer(MEDIA_ID, &upload_url)),
            ),
    );
    let limits = HostLimits::default();
    let policy = EgressPolicy::pinterest().allow(&api.server.uri()).unwrap();
    let guard = EgressGuard::new(policy, UreqTransport::with_limits(&limits));
    let files = HostFiles::new().file("video", &video.path);
    let mut http = ConnectorHttp::new(Arc::new(guard), limits).with_content(Arc::new(files));

    // From here on, the peak counts from what the process holds now
    // (writing 5 to clear_refs resets the peak; where that is refused, the
    // peak so far counts against the upload, which only overstates it).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = status_bytes("VmRSS");

    assert_eq!(http.content_length("video".into()).ok(), Some(256 * MIB));
    let registered = http
        .send(register_request(&api.server.uri(), ACCESS_TOKEN))
        .unwrap();
    assert_eq!(registered.status, 201);
    let response = http
        .send(multipart_upload(
            &upload_url,
            &upload_parameters(),
            "video",
            "256-mib.mp4",
        ))
        .expect("the upload");
    assert_eq!(response.status, 204);

    let peak = status_bytes("VmHWM");
    let growth = peak.saturating_sub(before);
    eprintln!(
        "256 MiB upload: resident {:.1} MiB before, peak {:.1} MiB, growth {:.1} MiB",
        before as f64 / MIB as f64,
        peak as f64 / MIB as f64,
        growth as f64 / MIB as f64
    );

    let [received] = upload_host.received().try_into().expect("one upload");
    let multipart = received.body.expect("well-framed multipart");
    assert_eq!(multipart.fields, upload_parameters());
    assert_eq!(multipart.file.bytes, 256 * MIB);
    assert_eq!(multipart.file.digest, video.digest);
    assert!(
        growth < 32 * MIB,
        "memory grew by {growth} bytes during a 256 MiB upload"
    );
}
