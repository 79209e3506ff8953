//! `upload-video` through the real component and the Rust host: the
//! component asks the host for the video's size, registers it with
//! Pinterest (wiremock), and sends a `multipart/form-data` POST to the
//! upload URL Pinterest returned — every upload parameter in order, then
//! the video, streamed by the host from its file — through the
//! `EgressGuard`, which lets exactly that one upload through. The upload
//! host (`UploadServer`) checks the framing and hashes the file as it
//! streams by. Then the whole story against the stand-in: upload, wait,
//! video pin.

mod common;

use std::sync::Arc;

use common::*;
use host_tests::upload::*;
use pinterest_connector_host::http::{self, HttpError};
use pinterest_connector_host::{
    ConnectorHost, EgressGuard, EgressPolicy, HostFiles, HostLimits, OutgoingRequest, Transport,
    UreqTransport,
};
use pinterest_standin::{Environment as StandInEnvironment, StandIn, StandInOptions};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, ResponseTemplate};

/// The name the tests give the video, as a platform's caller would.
const VIDEO: &str = "video-42";

/// A video of `len` bytes in this binary's scratch directory, held as
/// `name`.
fn video_file(file: &str, name: &str, len: u64) -> (VideoFile, HostFiles) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("upload-video");
    let video = VideoFile::create(&dir, file, len).expect("writing the video");
    let files = HostFiles::new().file(name, &video.path);
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

/// The component's host as a platform runs it: `UreqTransport` behind an
/// `EgressGuard` that allows the API at `api_base_url` only, holding
/// `files` for this call.
fn guarded_host(api_base_url: &str, files: HostFiles) -> ConnectorHost {
    let policy = EgressPolicy::none().allow(api_base_url).unwrap();
    let guard = EgressGuard::new(policy, UreqTransport::default());
    host()
        .with_transport(Arc::new(guard))
        .with_content(Arc::new(files))
}

fn upload(name: &str, file_name: Option<&str>) -> types::VideoUpload {
    types::VideoUpload {
        content: name.into(),
        file_name: file_name.map(str::to_owned),
    }
}

/// The boundary of a received upload's content type.
fn boundary_of(received: &ReceivedUpload) -> String {
    let content_type = received.header("content-type").unwrap_or_default();
    content_type
        .strip_prefix("multipart/form-data; boundary=")
        .unwrap_or_else(|| panic!("{content_type}"))
        .to_owned()
}

#[test]
fn the_video_is_registered_then_streamed_to_the_upload_url_with_every_parameter() {
    let (video, files) = video_file("three-mebibytes.bin", VIDEO, 3 * 1024 * 1024 + 17);
    let upload_host = UploadServer::start();
    let api = pinterest_registering(&upload_host.url("/"));
    let host = guarded_host(&api.server.uri(), files);

    let media = host
        .upload_video(
            &api.config(),
            ACCESS_TOKEN,
            &upload(VIDEO, Some("clip.mp4")),
        )
        .unwrap()
        .unwrap();
    assert_eq!(media.media_id, MEDIA_ID);
    assert_eq!(media.media_type, "video");
    assert_eq!(media.status, Some(types::MediaStatus::Registered));

    let register = api.single_request();
    assert_eq!(register.method.as_str(), "POST");
    assert_eq!(register.url.path(), "/v5/media");
    assert_eq!(json(&register), json!({"media_type": "video"}));
    assert_eq!(
        header(&register, "authorization"),
        format!("Bearer {ACCESS_TOKEN}")
    );
    assert_eq!(header(&register, "content-type"), "application/json");

    let [received] = upload_host.received().try_into().expect("one upload");
    assert_eq!(
        (received.method.as_str(), received.target.as_str()),
        ("POST", "/")
    );
    let boundary = boundary_of(&received);
    assert!(boundary.len() >= 60, "{boundary}");
    // The access token never goes to the upload host.
    assert_eq!(received.header("authorization"), None);
    for (name, value) in &received.headers {
        assert!(!value.contains(ACCESS_TOKEN), "{name}: {value}");
    }
    assert_eq!(received.header("transfer-encoding"), None);
    let multipart = received.body.expect("well-framed multipart");
    assert_eq!(multipart.fields, upload_parameters());
    assert_eq!(
        multipart.file,
        FilePart {
            field: "file".into(),
            file_name: "clip.mp4".into(),
            content_type: Some("video/mp4".into()),
            bytes: video.len,
            digest: video.digest,
        }
    );
    // One body, its length the sum of its parts.
    let fields: usize = upload_parameters()
        .iter()
        .map(|(n, v)| {
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{n}\"\r\n\r\n{v}\r\n")
                .len()
        })
        .sum();
    let file_head = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"clip.mp4\"\r\nContent-Type: video/mp4\r\n\r\n"
    );
    let tail = format!("\r\n--{boundary}--\r\n");
    assert_eq!(
        received.content_length,
        Some((fields + file_head.len() + tail.len()) as u64 + video.len)
    );
}

#[test]
fn each_upload_has_its_own_boundary_and_the_file_name_comes_from_the_content_name() {
    let name = "uploads/2026/Summer Clip.MOV";
    let (_video, files) = video_file("summer.bin", name, 4096);
    let upload_host = UploadServer::start();
    let api = pinterest_registering(&upload_host.url("/"));
    let host = guarded_host(&api.server.uri(), files);
    for _ in 0..2 {
        host.upload_video(&api.config(), ACCESS_TOKEN, &upload(name, None))
            .unwrap()
            .unwrap();
    }
    let received = upload_host.received();
    assert_eq!(received.len(), 2);
    assert_ne!(boundary_of(&received[0]), boundary_of(&received[1]));
    let file = &received[0].body.as_ref().expect("multipart").file;
    assert_eq!(file.file_name, "Summer Clip.MOV");
    assert_eq!(file.content_type.as_deref(), Some("video/quicktime"));
}

#[test]
fn every_failure_of_the_register_call_is_typed_and_nothing_is_uploaded() {
    let (_video, files) = video_file("register-fails.mp4", VIDEO, 1000);
    let upload_host = UploadServer::start();
    assert_failures(
        || Mock::given(method("POST")).and(path("/v5/media")),
        api_failures(),
        |p| {
            guarded_host(&p.server.uri(), files.clone())
                .upload_video(&p.config(), ACCESS_TOKEN, &upload(VIDEO, None))
                .unwrap()
                .map(drop)
        },
    );
    assert!(upload_host.received().is_empty());
}

/// An S3 error body.
fn s3_error(code: &str, message: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>"
    )
    .into_bytes()
}

#[test]
fn the_upload_hosts_refusals_are_typed_errors_that_say_what_to_do() {
    let (_video, files) = video_file("refused.mp4", VIDEO, 1000);
    /// A status and body of the upload host, the kind of error they
    /// make, and words of its remedy.
    type Case = (u16, Vec<u8>, fn(&Error) -> bool, &'static str);
    let cases: [Case; 5] = [
        (
            403,
            s3_error(
                "AccessDenied",
                "Invalid according to Policy: Policy expired.",
            ),
            |e| matches!(e, Error::Forbidden(f) if f.retryable),
            "registers the video anew",
        ),
        (
            400,
            s3_error(
                "EntityTooLarge",
                "Your proposed upload exceeds the maximum allowed size",
            ),
            |e| matches!(e, Error::BadRequest(_)),
            "2 GiB",
        ),
        (
            400,
            s3_error(
                "InvalidArgument",
                "Bucket POST must contain a field named 'key'.",
            ),
            |e| matches!(e, Error::BadRequest(_)),
            "report its code and message",
        ),
        (
            503,
            s3_error("SlowDown", "Please reduce your request rate."),
            |e| matches!(e, Error::UpstreamUnavailable(f) if f.retryable),
            "later",
        ),
        (
            500,
            b"<html><body>Internal error</body></html>".to_vec(),
            |e| matches!(e, Error::UpstreamUnavailable(_)),
            "later",
        ),
    ];
    for (status, body, kind, remedy) in cases {
        let upload_host = UploadServer::answering(UploadAnswer {
            status,
            body,
            ..UploadAnswer::default()
        });
        let api = pinterest_registering(&upload_host.url("/"));
        let error = guarded_host(&api.server.uri(), files.clone())
            .upload_video(&api.config(), ACCESS_TOKEN, &upload(VIDEO, None))
            .unwrap()
            .unwrap_err();
        assert!(kind(&error), "{status}: {error:?}");
        assert_sound("upload-video", &error);
        let f = failure(&error);
        assert_eq!(f.status, Some(status));
        assert!(f.summary.contains(MEDIA_ID), "{}", f.summary);
        assert!(f.remedy.contains(remedy), "{}", f.remedy);
        assert_eq!(upload_host.received().len(), 1);
    }
}

#[test]
fn a_video_the_host_does_not_hold_or_may_not_send_is_refused_before_any_request() {
    let (_big, big_files) = video_file("too-big.mp4", "big", 2 * 1024 * 1024);
    let (_empty, empty_files) = video_file("empty.mp4", "empty", 0);
    let small_limits = HostLimits {
        max_content_bytes: 1024 * 1024,
        ..HostLimits::default()
    };
    let api = Pinterest::start();
    let plain = guarded_host(&api.server.uri(), HostFiles::new());
    let cases = [
        (
            plain.clone(),
            upload("nobody-has-this", None),
            "nobody-has-this",
        ),
        (
            plain
                .clone()
                .with_content(Arc::new(big_files))
                .with_limits(small_limits),
            upload("big", None),
            "max_content_bytes",
        ),
        (
            plain.clone().with_content(Arc::new(empty_files)),
            upload("empty", None),
            "0 bytes",
        ),
        (plain.clone(), upload("", None), "is empty"),
        (plain.clone(), upload("a\u{7}b", None), "control"),
        (plain, upload("x", Some("../x.mp4")), "path separator"),
    ];
    for (host, video, reason) in cases {
        let error = host
            .upload_video(&api.config(), ACCESS_TOKEN, &video)
            .unwrap()
            .unwrap_err();
        let Error::InvalidInput(invalid) = &error else {
            panic!("{video:?}: {error:?}")
        };
        assert!(invalid.field.starts_with("video."), "{invalid:?}");
        assert!(invalid.reason.contains(reason), "{invalid:?}");
        assert_no_secrets(&all_text(&error));
    }
    assert!(api.requests().is_empty());
}

#[test]
fn a_host_that_does_not_allow_the_upload_url_gets_a_remedy_naming_it() {
    let (_video, files) = video_file("no-grant.mp4", VIDEO, 1000);
    let upload_host = UploadServer::start();
    let api = pinterest_registering(&upload_host.url("/"));
    // A transport that sends to the API origin only and knows nothing of
    // the upload URLs registering returns.
    let api_origin = api.server.uri();
    let inner = UreqTransport::default();
    let only_api = OnlyApi(Box::new(move |request: OutgoingRequest| {
        if request.url.starts_with(&api_origin) {
            inner.send(request)
        } else {
            Err(HttpError::Denied(format!(
                "egress policy: {} is not an allowed origin",
                origin_of(&request.url)
            )))
        }
    }));
    let host = host()
        .with_transport(Arc::new(only_api))
        .with_content(Arc::new(files));
    let error = host
        .upload_video(&api.config(), ACCESS_TOKEN, &upload(VIDEO, None))
        .unwrap()
        .unwrap_err();
    let Error::Transport(t) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(t.problem, types::TransportProblem::Denied);
    assert!(
        t.failure.summary.contains("is not an allowed origin"),
        "{}",
        t.failure.summary
    );
    assert!(
        t.failure.remedy.contains("upload URL Pinterest returned"),
        "{}",
        t.failure.remedy
    );
    assert!(upload_host.received().is_empty());
}

/// A transport made of a function of the [`OutgoingRequest`].
type SendFn =
    dyn Fn(OutgoingRequest) -> Result<http::Response, HttpError> + std::marker::Send + Sync;

/// A [`Transport`] that is a function.
struct OnlyApi(Box<SendFn>);

impl Transport for OnlyApi {
    fn send(&self, request: OutgoingRequest) -> Result<http::Response, HttpError> {
        (self.0)(request)
    }
}

/// `scheme://host:port` of a URL.
fn origin_of(url: &str) -> String {
    url::Url::parse(url).unwrap().origin().ascii_serialization()
}

/// A production account of a Standard-access app on the stand-in, and the
/// config and token to reach it.
fn standin(options: StandInOptions) -> (StandIn, Config, String) {
    let pinterest = StandIn::start(StandInOptions {
        trial: false,
        ..options
    })
    .unwrap();
    let tokens = pinterest.issue_tokens(
        StandInEnvironment::Production,
        &["boards:read", "boards:write", "pins:read", "pins:write"],
    );
    let config = Config {
        client_id: pinterest.client_id().into(),
        client_secret: pinterest.client_secret().into(),
        environment: Environment::Production,
        api_base_url: Some(pinterest.base_url()),
        authorize_url: None,
        ad_account_id: None,
    };
    (pinterest, config, tokens.access_token)
}

#[test]
fn upload_wait_and_pin_a_video_on_the_standin() {
    let (pinterest, config, token) = standin(StandInOptions::default());
    let (video, files) = video_file("standin.mp4", VIDEO, 2 * 1024 * 1024 + 3);
    let host = guarded_host(&pinterest.base_url(), files);

    let media = host
        .upload_video(&config, &token, &upload(VIDEO, Some("launch.mp4")))
        .unwrap()
        .unwrap();
    assert_eq!(media.status, Some(types::MediaStatus::Registered));
    let [received] = pinterest.uploads().try_into().expect("one upload");
    assert_eq!(received.status, 204, "{received:?}");
    assert_eq!(received.media_id.as_deref(), Some(media.media_id.as_str()));
    assert_eq!(received.size, video.len);
    assert_eq!(received.file_name.as_deref(), Some("launch.mp4"));
    assert_eq!(received.file_content_type.as_deref(), Some("video/mp4"));
    // Every parameter issued, then the file (the order of the answer's
    // JSON is checked against wiremock above).
    let mut issued: Vec<String> = pinterest.media()[0]
        .upload_parameters
        .iter()
        .map(|(n, _)| n.clone())
        .collect();
    let mut sent = received.fields.clone();
    assert_eq!(sent.pop().as_deref(), Some("file"));
    issued.sort();
    sent.sort();
    assert_eq!(sent, issued);

    // Processing takes two polls on the stand-in: checks at 0, 1 and 3 s.
    let ready = host
        .wait_for_media(&config, &token, &media.media_id, Some(60))
        .unwrap()
        .unwrap();
    assert_eq!(ready.status, Some(types::MediaStatus::Succeeded));
    assert_eq!(
        pinterest.request_count("GET", &format!("/v5/media/{}", media.media_id)),
        3
    );

    let pin = host
        .create_pin(
            &config,
            &token,
            &types::PinInput {
                media: types::MediaSource::Video(types::Video {
                    media_id: media.media_id.clone(),
                    cover: types::VideoCover::KeyFrameSeconds(2),
                }),
                title: Some("Launch".into()),
                ..sample_pin_on("549755885100")
            },
        )
        .unwrap()
        .unwrap();
    let created = pinterest.live_pins();
    let stored = created.iter().find(|p| p.id == pin.id).expect("the pin");
    assert_eq!(stored.media_type, "video");
    assert_eq!(stored.media_id.as_deref(), Some(media.media_id.as_str()));

    let listed = host
        .list_media(
            &config,
            &token,
            &types::PageQuery {
                bookmark: None,
                page_size: Some(10),
            },
        )
        .unwrap()
        .unwrap();
    assert_eq!(listed.items.len(), 1);
    assert_eq!(listed.items[0].status, Some(types::MediaStatus::Succeeded));
}

fn sample_pin_on(board_id: &str) -> types::PinInput {
    types::PinInput {
        board_id: board_id.into(),
        ..sample_pin()
    }
}

#[test]
fn a_video_pinterest_cannot_process_ends_the_wait_with_media_processing() {
    let (pinterest, config, token) = standin(StandInOptions {
        fail_media: true,
        media_processing_polls: 0,
        ..StandInOptions::default()
    });
    let (_video, files) = video_file("failing.mp4", VIDEO, 5000);
    let host = guarded_host(&pinterest.base_url(), files);
    let media = host
        .upload_video(&config, &token, &upload(VIDEO, None))
        .unwrap()
        .unwrap();
    let error = host
        .wait_for_media(&config, &token, &media.media_id, None)
        .unwrap()
        .unwrap_err();
    let Error::MediaProcessing(problem) = &error else {
        panic!("{error:?}")
    };
    assert!(
        problem.failure.summary.contains(&media.media_id),
        "{}",
        problem.failure.summary
    );
    assert_eq!(problem.status, types::MediaStatus::Failed);
    assert!(!problem.failure.retryable);
    assert!(
        problem.failure.remedy.contains("upload it again"),
        "{}",
        problem.failure.remedy
    );
    assert_sound("wait-for-media", &error);
}

#[test]
fn a_wait_that_runs_out_of_time_is_retryable_with_the_same_media_id() {
    let (pinterest, config, token) = standin(StandInOptions {
        media_processing_polls: 100,
        ..StandInOptions::default()
    });
    let (_video, files) = video_file("slow.mp4", VIDEO, 5000);
    let host = guarded_host(&pinterest.base_url(), files);
    let media = host
        .upload_video(&config, &token, &upload(VIDEO, None))
        .unwrap()
        .unwrap();
    let error = host
        .wait_for_media(&config, &token, &media.media_id, Some(1))
        .unwrap()
        .unwrap_err();
    let Error::MediaProcessing(problem) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(problem.status, types::MediaStatus::Processing);
    assert!(problem.failure.retryable);
    assert!(
        problem
            .failure
            .remedy
            .contains("wait-for-media again with the same media id"),
        "{}",
        problem.failure.remedy
    );
    // Checks at 0 and 1 s.
    assert_eq!(
        pinterest.request_count("GET", &format!("/v5/media/{}", media.media_id)),
        2
    );
}
