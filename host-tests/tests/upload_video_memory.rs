//! A 256 MiB video goes through `upload-video` of the real component —
//! `content-length`, the register call to Pinterest (wiremock), then the
//! multipart upload through the `EgressGuard` and `UreqTransport` — to a
//! local upload host that checks the framing and hashes every byte, while
//! the process's memory grows by less than 32 MiB: the video's bytes never
//! pass through the component, and the host streams them. Alone in its
//! test binary, so that no other test's memory shows in the peak.

mod common;

use std::sync::Arc;

use common::*;
use host_tests::upload::*;
use pinterest_connector_host::{EgressGuard, EgressPolicy, HostFiles, HostLimits, UreqTransport};
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
fn a_256_mib_video_is_uploaded_by_the_component_within_32_mib_of_memory() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("upload-video-memory");
    let video = VideoFile::create(&dir, "256-mib.mp4", 256 * MIB).expect("writing the video");
    let upload_host = UploadServer::start();
    let api = Pinterest::start();
    api.mount(
        Mock::given(method("POST"))
            .and(path("/v5/media"))
            .respond_with(
                ResponseTemplate::new(201)
                    .set_body_json(register_answer(MEDIA_ID, &upload_host.url("/"))),
            ),
    );
    let limits = HostLimits::default();
    let policy = EgressPolicy::pinterest().allow(&api.server.uri()).unwrap();
    let guard = EgressGuard::new(policy, UreqTransport::with_limits(&limits));
    let files = HostFiles::new().file("video", &video.path);
    let host = host()
        .with_transport(Arc::new(guard))
        .with_content(Arc::new(files))
        .with_limits(limits);
    let config = api.config();
    let video_upload = types::VideoUpload {
        content: "video".into(),
        file_name: Some("256-mib.mp4".into()),
    };
    // A first call, so that the engine, the compiled component and the
    // first store are in place before the measurement (as on a platform
    // that has served calls before).
    host.describe().unwrap();

    // From here on, the peak counts from what the process holds now
    // (writing 5 to clear_refs resets the peak; where that is refused, the
    // peak so far counts against the upload, which only overstates it).
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let before = status_bytes("VmRSS");

    let media = host
        .upload_video(&config, ACCESS_TOKEN, &video_upload)
        .expect("the call ran")
        .expect("the upload");

    let peak = status_bytes("VmHWM");
    let growth = peak.saturating_sub(before);
    eprintln!(
        "256 MiB upload-video through the component: resident {:.1} MiB before, peak {:.1} MiB, growth {:.1} MiB",
        before as f64 / MIB as f64,
        peak as f64 / MIB as f64,
        growth as f64 / MIB as f64
    );

    assert_eq!(media.media_id, MEDIA_ID);
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
