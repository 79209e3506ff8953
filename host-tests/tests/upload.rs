//! Video uploads, host side: the component's `http` import answered by
//! `ConnectorHttp` holding registered files, driven here the way
//! `upload-video` drives it — `content-length` of the video, `POST
//! /v5/media` to Pinterest (wiremock), then a `multipart/form-data` POST to
//! the upload URL it returned (a local upload host that checks the framing
//! and hashes the file as it streams by) with the video as a
//! `host-content` part. Covered: the upload itself, the egress rule for
//! the upload URL, content-length and unknown names, and the upload time
//! cap. The component-level tests of `upload-video` belong next to these,
//! on the same helpers (`host_tests::upload`).

mod common;

use std::io::Read;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use host_tests::upload::*;
use pinterest_connector_host::http::{self, Host as _};
use pinterest_connector_host::{
    BodyStream, ConnectorHttp, EgressGuard, EgressPolicy, HostContent, HostFiles, HostLimits,
    OutgoingRequest, RequestBody, Transport, UreqTransport,
};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

/// The name the tests give the video, as a platform's caller would.
const VIDEO: &str = "video-42";
/// The video's file name in the upload.
const FILE_NAME: &str = "clip.mp4";

/// A video of `len` bytes in this binary's scratch directory, and the
/// files holding it under [`VIDEO`].
fn video(file: &str, len: u64) -> (VideoFile, HostFiles) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("upload");
    let video = VideoFile::create(&dir, file, len).expect("writing the video");
    let files = HostFiles::new().file(VIDEO, &video.path);
    (video, files)
}

/// Pinterest answering `POST /v5/media` with `upload_url`.
fn pinterest_registering(upload_url: &str) -> Pinterest {
    let p = Pinterest::start();
    p.mount(
        Mock::given(method("POST"))
            .and(path("/v5/media"))
            .respond_with(
                ResponseTemplate::new(201).set_body_json(register_answer(MEDIA_ID, upload_url)),
            ),
    );
    p
}

/// The `http` import as `ConnectorHost` builds it: `UreqTransport` behind
/// an `EgressGuard` that allows Pinterest's API at `api` only, holding
/// `files`, under `limits`.
fn guarded(api: &Pinterest, files: HostFiles, limits: HostLimits) -> ConnectorHttp {
    let policy = EgressPolicy::none().allow(&api.server.uri()).unwrap();
    let guard = EgressGuard::new(policy, UreqTransport::with_limits(&limits));
    ConnectorHttp::new(Arc::new(guard), limits).with_content(Arc::new(files))
}

/// The `http` import over `UreqTransport` alone, holding `files`.
fn unguarded(files: HostFiles, limits: HostLimits) -> ConnectorHttp {
    ConnectorHttp::new(Arc::new(UreqTransport::with_limits(&limits)), limits)
        .with_content(Arc::new(files))
}

/// Registers the video, as the component does first.
fn register(http: &mut ConnectorHttp, api: &Pinterest) -> http::Response {
    let response = http
        .send(register_request(&api.server.uri(), ACCESS_TOKEN))
        .expect("registering is allowed");
    assert_eq!(response.status, 201);
    response
}

/// The upload of [`VIDEO`] to `url`.
fn upload_to(url: &str) -> http::Request {
    multipart_upload(url, &upload_parameters(), VIDEO, FILE_NAME)
}

fn denied(outcome: Result<http::Response, http::HttpError>) -> String {
    match outcome {
        Err(http::HttpError::Denied(why)) => why,
        other => panic!("expected denied, got {:?}", other.map(|r| r.status)),
    }
}

// The upload.

#[test]
fn the_video_reaches_the_upload_url_as_multipart_with_every_parameter() {
    let (video, files) = video("three-mebibytes.mp4", 3 * 1024 * 1024 + 17);
    let upload_host = UploadServer::start();
    let upload_url = upload_host.url("/");
    let api = pinterest_registering(&upload_url);
    let mut http = guarded(&api, files, HostLimits::default());

    assert_eq!(http.content_length(VIDEO.into()).ok(), Some(video.len));
    register(&mut http, &api);
    let response = http
        .send(upload_to(&upload_url))
        .expect("the upload is allowed");
    assert_eq!(response.status, 204);

    let [received] = upload_host.received().try_into().expect("one upload");
    let (head, tail) = multipart_frame(&upload_parameters(), FILE_NAME);
    assert_eq!(received.method, "POST");
    assert_eq!(received.target, "/");
    // One body, its length the sum of the parts; never chunked.
    assert_eq!(
        received.content_length,
        Some(head.len() as u64 + video.len + tail.len() as u64)
    );
    assert_eq!(received.header("transfer-encoding"), None);
    let multipart = received.body.expect("well-framed multipart");
    assert_eq!(multipart.fields, upload_parameters());
    assert_eq!(
        multipart.file,
        FilePart {
            field: "file".into(),
            file_name: FILE_NAME.into(),
            content_type: Some("video/mp4".into()),
            bytes: video.len,
            digest: video.digest,
        }
    );
}

// The egress rule for the upload URL.

#[test]
fn the_upload_url_pinterest_returned_is_allowed_once() {
    let (_video, files) = video("once.mp4", 1000);
    let upload_host = UploadServer::start();
    let upload_url = upload_host.url("/");
    let api = pinterest_registering(&upload_url);
    let mut http = guarded(&api, files, HostLimits::default());

    // Not before Pinterest returned it.
    let before = denied(http.send(upload_to(&upload_url)));
    assert!(
        before.starts_with("egress policy: ") && before.contains("is not an allowed origin"),
        "{before}"
    );
    register(&mut http, &api);
    assert_eq!(http.send(upload_to(&upload_url)).unwrap().status, 204);
    // Spent.
    let again = denied(http.send(upload_to(&upload_url)));
    assert!(again.contains("is not an allowed origin"), "{again}");
    assert_eq!(upload_host.received().len(), 1);

    // Registering again grants one more.
    register(&mut http, &api);
    assert_eq!(http.send(upload_to(&upload_url)).unwrap().status, 204);
    assert_eq!(upload_host.received().len(), 2);
}

#[test]
fn only_that_exact_url_is_allowed_on_the_upload_host() {
    let (_video, files) = video("exact.mp4", 1000);
    let upload_host = UploadServer::start();
    let other_port = UploadServer::start();
    let upload_url = upload_host.url("/bucket?acl=private");
    let api = pinterest_registering(&upload_url);
    let mut http = guarded(&api, files, HostLimits::default());
    register(&mut http, &api);

    let port = upload_host.origin().rsplit(':').next().unwrap().to_owned();
    for url in [
        upload_host.url("/other?acl=private"),
        upload_host.url("/bucket"),
        upload_host.url("/bucket?acl=public"),
        upload_host.url("/bucket/?acl=private"),
        other_port.url("/bucket?acl=private"),
        format!("http://localhost:{port}/bucket?acl=private"),
        format!("https://127.0.0.1:{port}/bucket?acl=private"),
    ] {
        let why = denied(http.send(upload_to(&url)));
        assert!(why.starts_with("egress policy: "), "{url}: {why}");
    }
    assert!(upload_host.received().is_empty());
    assert!(other_port.received().is_empty());
    // The misses spent nothing: the exact URL still goes through.
    assert_eq!(http.send(upload_to(&upload_url)).unwrap().status, 204);
    let [received] = upload_host.received().try_into().expect("one upload");
    assert_eq!(received.target, "/bucket?acl=private");
}

#[test]
fn a_request_without_host_content_to_the_upload_url_is_denied() {
    let (_video, files) = video("no-content.mp4", 1000);
    let upload_host = UploadServer::start();
    let upload_url = upload_host.url("/");
    let api = pinterest_registering(&upload_url);
    let mut http = guarded(&api, files, HostLimits::default());
    register(&mut http, &api);

    // The same multipart with the video's bytes put in by the component.
    let (head, tail) = multipart_frame(&upload_parameters(), FILE_NAME);
    let mut bytes_only = upload_to(&upload_url);
    bytes_only.body = vec![http::BodyPart::Bytes(
        [head.as_bytes(), b"not the video", tail.as_bytes()].concat(),
    )];
    let why = denied(http.send(bytes_only));
    assert!(
        why.contains(&format!("the upload URL Pinterest returned for media \"{MEDIA_ID}\" takes one POST whose body carries host content, not a POST without host content")),
        "{why}"
    );
    let get = http::Request {
        method: http::Method::Get,
        body: Vec::new(),
        ..upload_to(&upload_url)
    };
    let why = denied(http.send(get));
    assert!(why.contains("not a GET without host content"), "{why}");
    assert!(upload_host.received().is_empty());
    // Neither spent the grant.
    assert_eq!(http.send(upload_to(&upload_url)).unwrap().status, 204);
}

#[test]
fn an_upload_url_from_an_answer_the_guard_did_not_check_grants_nothing() {
    let (_video, files) = video("forged.mp4", 1000);
    let upload_host = UploadServer::start();
    let forged_url = upload_host.url("/forged");
    let api = Pinterest::start();
    // An allowed origin, but not a register answer: another path, another
    // method, a failure.
    api.mount(
        Mock::given(method("GET"))
            .and(path("/v5/media/123"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(register_answer("123", &forged_url)),
            ),
    );
    api.mount(
        Mock::given(method("POST"))
            .and(path("/v5/pins"))
            .respond_with(
                ResponseTemplate::new(201).set_body_json(register_answer("124", &forged_url)),
            ),
    );
    api.mount(
        Mock::given(method("POST"))
            .and(path("/v5/media"))
            .respond_with(
                ResponseTemplate::new(403).set_body_json(register_answer("125", &forged_url)),
            ),
    );
    // A register answer from an origin that is not allowed.
    let elsewhere = pinterest_registering(&forged_url);
    let mut http = guarded(&api, files, HostLimits::default());

    let get = http::Request {
        method: http::Method::Get,
        url: format!("{}/v5/media/123", api.server.uri()),
        body: Vec::new(),
        ..register_request(&api.server.uri(), ACCESS_TOKEN)
    };
    assert_eq!(http.send(get).unwrap().status, 200);
    let pin = http::Request {
        url: format!("{}/v5/pins", api.server.uri()),
        ..register_request(&api.server.uri(), ACCESS_TOKEN)
    };
    assert_eq!(http.send(pin).unwrap().status, 201);
    let refused = http
        .send(register_request(&api.server.uri(), ACCESS_TOKEN))
        .unwrap();
    assert_eq!(refused.status, 403);
    let why = denied(http.send(register_request(&elsewhere.server.uri(), ACCESS_TOKEN)));
    assert!(why.contains("is not an allowed origin"), "{why}");

    let why = denied(http.send(upload_to(&forged_url)));
    assert!(why.contains("is not an allowed origin"), "{why}");
    assert!(upload_host.received().is_empty());
    assert!(elsewhere.requests().is_empty());
}

#[test]
fn the_upload_host_cannot_grant_another_upload_url() {
    let (_video, files) = video("relay.mp4", 1000);
    let next_host = UploadServer::start();
    // The upload host answers its upload, at a path ending in /v5/media,
    // with a register answer of its own.
    let upload_host = UploadServer::answering(UploadAnswer {
        status: 201,
        body: register_answer("126", &next_host.url("/"))
            .to_string()
            .into_bytes(),
        ..UploadAnswer::default()
    });
    let upload_url = upload_host.url("/v5/media");
    let api = pinterest_registering(&upload_url);
    let mut http = guarded(&api, files, HostLimits::default());
    register(&mut http, &api);
    assert_eq!(http.send(upload_to(&upload_url)).unwrap().status, 201);

    let why = denied(http.send(upload_to(&next_host.url("/"))));
    assert!(why.contains("is not an allowed origin"), "{why}");
    assert!(next_host.received().is_empty());
}

#[test]
fn an_unused_upload_url_expires() {
    let (_video, files) = video("late.mp4", 1000);
    let upload_host = UploadServer::start();
    let upload_url = upload_host.url("/");
    let api = pinterest_registering(&upload_url);
    let policy = EgressPolicy::none().allow(&api.server.uri()).unwrap();
    let guard =
        EgressGuard::new(policy, UreqTransport::default()).with_upload_window(Duration::ZERO);
    let mut http =
        ConnectorHttp::new(Arc::new(guard), HostLimits::default()).with_content(Arc::new(files));
    register(&mut http, &api);
    let why = denied(http.send(upload_to(&upload_url)));
    assert!(why.contains("is not an allowed origin"), "{why}");
    assert!(upload_host.received().is_empty());
}

// Content-length and names.

#[test]
fn content_length_answers_for_registered_names_only() {
    let (video, files) = video("named.mp4", 12_345);
    let path = video.path.to_str().unwrap().to_owned();
    let mut http = unguarded(files, HostLimits::default());
    assert_eq!(http.content_length(VIDEO.into()).ok(), Some(12_345));
    for name in [path.as_str(), "video-43", "/etc/passwd", "../video-42", ""] {
        let why = match http.content_length(name.into()) {
            Err(http::HttpError::Denied(why)) => why,
            other => panic!("{name:?}: expected denied, got {other:?}"),
        };
        assert!(why.starts_with("host content: no content named"), "{why}");
    }

    // A host that was given no content refuses every name.
    let mut bare = ConnectorHttp::new(Arc::new(UreqTransport::default()), HostLimits::default());
    let why = match bare.content_length(VIDEO.into()) {
        Err(http::HttpError::Denied(why)) => why,
        other => panic!("expected denied, got {other:?}"),
    };
    assert!(why.contains("holds no content"), "{why}");
}

#[test]
fn an_unregistered_name_in_a_body_is_denied_and_nothing_is_sent() {
    let (_video, files) = video("unnamed.mp4", 1000);
    let upload_host = UploadServer::start();
    let mut http = unguarded(files, HostLimits::default());
    for name in ["/etc/passwd", "video-43"] {
        let request = multipart_upload(&upload_host.url("/"), &[], name, FILE_NAME);
        let why = denied(http.send(request));
        assert!(why.starts_with("host content: no content named"), "{why}");
        assert!(!why.contains("root:"), "{why}");
    }
    assert!(upload_host.received().is_empty());
}

#[test]
fn content_over_the_size_cap_is_refused_before_anything_is_sent() {
    let (video, files) = video("big.mp4", 4096);
    let upload_host = UploadServer::start();
    let over = HostLimits {
        max_content_bytes: video.len - 1,
        ..HostLimits::default()
    };
    let mut http = unguarded(files.clone(), over);
    let why = match http.content_length(VIDEO.into()) {
        Err(http::HttpError::Denied(why)) => why,
        other => panic!("expected denied, got {other:?}"),
    };
    assert_eq!(
        why,
        "host content \"video-42\" is 4096 bytes, over the host's limit of 4095 bytes (max_content_bytes)"
    );
    let why = denied(http.send(upload_to(&upload_host.url("/"))));
    assert!(why.contains("max_content_bytes"), "{why}");
    assert!(upload_host.received().is_empty());

    // All the content of one request counts: twice the video is over twice
    // less one byte.
    let twice = HostLimits {
        max_content_bytes: 2 * video.len - 1,
        ..HostLimits::default()
    };
    let mut http = unguarded(files.clone(), twice);
    let mut double = upload_to(&upload_host.url("/"));
    double
        .body
        .insert(1, http::BodyPart::HostContent(VIDEO.into()));
    let why = denied(http.send(double));
    assert!(why.contains("carries 8192 bytes"), "{why}");
    assert!(upload_host.received().is_empty());

    let exact = HostLimits {
        max_content_bytes: video.len,
        ..HostLimits::default()
    };
    let mut http = unguarded(files, exact);
    assert_eq!(http.content_length(VIDEO.into()).ok(), Some(video.len));
    assert_eq!(
        http.send(upload_to(&upload_host.url("/"))).unwrap().status,
        204
    );
}

#[test]
fn a_registered_file_that_is_gone_is_a_transport_error_without_its_path() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("upload-private-dir");
    let files = HostFiles::new().file(VIDEO, dir.join("gone.mp4"));
    let mut http = unguarded(files, HostLimits::default());
    for outcome in [
        http.content_length(VIDEO.into()).map(|_| ()),
        http.send(upload_to("http://127.0.0.1:9/")).map(|_| ()),
    ] {
        let Err(http::HttpError::Transport(why)) = outcome else {
            panic!("expected a transport error, got {outcome:?}")
        };
        assert!(
            why.starts_with("host content \"video-42\" cannot be read"),
            "{why}"
        );
        assert!(!why.contains("upload-private-dir"), "{why}");
    }
}

/// Storage that announces more than it holds: a file cut short while
/// being read.
struct CutShort;

impl HostContent for CutShort {
    fn length(&self, _name: &str) -> Result<u64, http::HttpError> {
        Ok(1024 * 1024)
    }
    fn open(&self, _name: &str) -> Result<Box<dyn Read + Send>, http::HttpError> {
        Ok(Box::new(std::io::repeat(b'v').take(1000)))
    }
}

#[test]
fn content_that_ends_early_fails_the_upload_instead_of_sending_less() {
    let upload_host = UploadServer::start();
    let mut http = ConnectorHttp::new(Arc::new(UreqTransport::default()), HostLimits::default())
        .with_content(Arc::new(CutShort));
    let outcome = http.send(upload_to(&upload_host.url("/")));
    let Err(http::HttpError::Transport(why)) = &outcome else {
        panic!("expected a transport error, got {outcome:?}")
    };
    assert!(
        why.contains("host content \"video-42\" ended after 1000 of its 1048576 bytes"),
        "{why}"
    );
    // Whatever reached the server is not a complete upload.
    for received in upload_host.received() {
        assert!(received.body.is_err(), "{received:?}");
    }
}

#[test]
fn a_transport_closure_never_sees_host_content() {
    let (_video, files) = video("closure.mp4", 1000);
    let called = Arc::new(Mutex::new(0));
    let calls = Arc::clone(&called);
    let closure = move |_: http::Request| {
        *calls.lock().unwrap() += 1;
        Ok(http::Response {
            status: 204,
            headers: Vec::new(),
            body: Vec::new(),
        })
    };
    let mut http =
        ConnectorHttp::new(Arc::new(closure), HostLimits::default()).with_content(Arc::new(files));
    let why = denied(http.send(upload_to("http://127.0.0.1:9/")));
    assert_eq!(
        why,
        "host content: this host's transport sends only bodies the component built, not host content"
    );
    assert_eq!(*called.lock().unwrap(), 0);
    // Bodies the component built still reach it.
    http.send(register_request("http://127.0.0.1:9", ACCESS_TOKEN))
        .unwrap();
    assert_eq!(*called.lock().unwrap(), 1);
}

// The upload time cap.

/// Limits with a short time for ordinary requests and `upload` for uploads.
fn limits(http: Duration, upload: Duration) -> HostLimits {
    HostLimits {
        max_http_timeout: http,
        max_upload_timeout: upload,
        ..HostLimits::default()
    }
}

#[test]
fn an_upload_may_take_longer_than_the_http_time_limit() {
    let (_video, files) = video("slow.mp4", 64 * 1024);
    let upload_host = UploadServer::answering(UploadAnswer {
        delay: Duration::from_millis(1500),
        ..UploadAnswer::default()
    });
    let mut http = unguarded(
        files,
        limits(Duration::from_millis(300), Duration::from_secs(30)),
    );
    assert_eq!(
        http.send(upload_to(&upload_host.url("/"))).unwrap().status,
        204
    );
}

#[test]
fn an_upload_is_cut_at_the_upload_time_limit() {
    let (video, files) = video("cut.mp4", 64 * 1024);
    let upload_host = UploadServer::answering(UploadAnswer {
        delay: Duration::from_secs(5),
        ..UploadAnswer::default()
    });
    let mut http = unguarded(
        files,
        limits(Duration::from_secs(30), Duration::from_millis(300)),
    );
    let outcome = http.send(upload_to(&upload_host.url("/")));
    assert!(
        matches!(outcome, Err(http::HttpError::Timeout)),
        "{outcome:?}"
    );
    // A shorter limit the request names holds too.
    let mut http = unguarded(
        HostFiles::new().file(VIDEO, &video.path),
        HostLimits::default(),
    );
    let request = http::Request {
        timeout_ms: Some(300),
        ..upload_to(&upload_host.url("/"))
    };
    let outcome = http.send(request);
    assert!(
        matches!(outcome, Err(http::HttpError::Timeout)),
        "{outcome:?}"
    );
}

#[test]
fn the_upload_time_limit_does_not_lengthen_other_requests() {
    let slow = Pinterest::start();
    slow.mount(
        Mock::given(method("POST"))
            .and(path("/v5/media"))
            .respond_with(
                ResponseTemplate::new(201)
                    .set_body_json(json!({}))
                    .set_delay(Duration::from_secs(5)),
            ),
    );
    let mut http = unguarded(
        HostFiles::new(),
        limits(Duration::from_millis(300), Duration::from_secs(30)),
    );
    let outcome = http.send(register_request(&slow.server.uri(), ACCESS_TOKEN));
    assert!(
        matches!(outcome, Err(http::HttpError::Timeout)),
        "{outcome:?}"
    );
}

/// A transport that keeps the time limit and body of each request it is
/// handed (reading the stream to its end) and answers 204.
#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<(Duration, bool, u64)>>>);

impl Transport for Recorder {
    fn send(&self, request: OutgoingRequest) -> Result<http::Response, http::HttpError> {
        let streamed = request.body.carries_host_content();
        let length = match request.body {
            RequestBody::Bytes(bytes) => bytes.len() as u64,
            RequestBody::Stream(stream) => read_through(stream),
        };
        self.0
            .lock()
            .unwrap()
            .push((request.timeout, streamed, length));
        Ok(http::Response {
            status: 204,
            headers: Vec::new(),
            body: Vec::new(),
        })
    }
}

fn read_through(stream: BodyStream) -> u64 {
    std::io::copy(&mut { stream }, &mut std::io::sink()).unwrap()
}

#[test]
fn the_host_sets_each_request_s_time_limit_by_its_kind() {
    let (video, files) = video("kinds.mp4", 1000);
    let recorder = Recorder::default();
    let mut http = ConnectorHttp::new(Arc::new(recorder.clone()), HostLimits::default())
        .with_content(Arc::new(files));
    let upload = |timeout_ms| http::Request {
        timeout_ms,
        ..upload_to("https://upload.example/")
    };
    let plain = |timeout_ms| http::Request {
        timeout_ms,
        ..register_request("https://api.example", ACCESS_TOKEN)
    };
    for request in [
        plain(None),
        plain(Some(u32::MAX)),
        upload(None),
        upload(Some(600_000)),
        upload(Some(u32::MAX)),
    ] {
        http.send(request).unwrap();
    }
    let (head, tail) = multipart_frame(&upload_parameters(), FILE_NAME);
    let upload_length = head.len() as u64 + video.len + tail.len() as u64;
    let minutes = |m: u64| Duration::from_secs(60 * m);
    assert_eq!(
        *recorder.0.lock().unwrap(),
        [
            (Duration::from_secs(30), false, 22),
            (Duration::from_secs(60), false, 22),
            (minutes(30), true, upload_length),
            (minutes(10), true, upload_length),
            (minutes(30), true, upload_length),
        ]
    );
}
