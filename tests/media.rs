//! Video uploads natively: registering, the multipart upload to the upload
//! URL (host content streamed by the client, never read by the core), the
//! upload host's answers, reading and listing media, and the wait for one
//! to be ready on a clock that runs the whole schedule at once.

mod support;

use std::time::Duration;

use pinterest_connector::internals::upload::UploadRefusal;
use pinterest_connector::limits::{MAX_CHECKS, MAX_VIDEO_BYTES};
use pinterest_connector::{
    BodyPart, Boundary, Clock, Error, HttpClient, MediaStatus, Method, PageQuery, Request,
    Response, TransportError, VideoUpload,
};
use serde_json::{Value, json};
use support::*;

const MEDIA_ID: &str = "5212123920968240771";
const UPLOAD_URL: &str = "https://pinterest-media-upload.s3-accelerate.amazonaws.com/";
const SIGNATURE: &str = "fcd6309a6aaee213348666a72abed8b44552a43acb6b340e8e1b288d21a5fe92";
const SESSION_TOKEN: &str = "IQoJb3JpZ2luX2VjEJr-upload-token==";

/// The upload parameters Pinterest returns, in its order (not sorted).
fn parameters() -> Vec<(&'static str, &'static str)> {
    vec![
        ("x-amz-date", "20260101T000000Z"),
        (
            "key",
            "uploads/11/aa/22/3:video:203014033110991560:5212123920968240771",
        ),
        ("Content-Type", "multipart/form-data"),
        (
            "policy",
            "eyJleHBpcmF0aW9uIjoiMjAyNi0wMS0wMVQwMTowMDowMFoifQ==",
        ),
        ("x-amz-security-token", SESSION_TOKEN),
        ("x-amz-signature", SIGNATURE),
    ]
}

/// `MediaUpload` as JSON text, its parameters in the order above (a
/// `serde_json::Value` would sort them).
fn registered_text(media_id: &str, upload_url: &str) -> String {
    let fields: Vec<String> = parameters()
        .iter()
        .map(|(n, v)| format!("{}: {}", json!(n), json!(v)))
        .collect();
    format!(
        r#"{{"media_id": {}, "media_type": "video", "upload_url": {}, "upload_parameters": {{{}}}}}"#,
        json!(media_id),
        json!(upload_url),
        fields.join(", ")
    )
}

fn registered() -> Result<Response, TransportError> {
    raw(201, registered_text(MEDIA_ID, UPLOAD_URL).as_bytes())
}

fn boundary() -> Boundary {
    Boundary::new([0xab; 24])
}

fn video(content: &str) -> VideoUpload {
    VideoUpload {
        content: content.into(),
        file_name: None,
    }
}

/// A client holding host content of a given size (or refusing it), that
/// answers requests from a script and keeps them.
struct Host {
    script: Script,
    content: Result<u64, TransportError>,
    asked: Vec<String>,
}

impl Host {
    fn new(
        content: Result<u64, TransportError>,
        answers: impl IntoIterator<Item = Result<Response, TransportError>>,
    ) -> Self {
        Self {
            script: Script::new(answers),
            content,
            asked: Vec::new(),
        }
    }
}

impl HttpClient for &mut Host {
    fn send(&mut self, request: Request) -> Result<Response, TransportError> {
        self.script.sent.push(request);
        self.script
            .answers
            .pop_front()
            .unwrap_or_else(|| Err(TransportError::Connection("no answer left".into())))
    }

    fn content_length(&mut self, name: &str) -> Result<u64, TransportError> {
        self.asked.push(name.to_owned());
        self.content.clone()
    }
}

fn upload(host: &mut Host, video: &VideoUpload) -> Result<pinterest_connector::Media, Error> {
    let cfg = config();
    connector(&cfg, host).upload_video(&access_token(), video, &boundary())
}

fn s3_error(status: u16, code: &str, message: &str) -> Result<Response, TransportError> {
    raw(
        status,
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{code}</Code><Message>{message}</Message><RequestId>1</RequestId></Error>"
        )
        .as_bytes(),
    )
}

#[test]
fn a_video_is_registered_then_posted_as_multipart_with_every_parameter_in_order() {
    let mut host = Host::new(Ok(3_000_000), [registered(), raw(204, b"")]);
    let media = upload(&mut host, &video("/uploads/42/Clip One.MP4")).unwrap();
    assert_eq!(media.media_id, MEDIA_ID);
    assert_eq!(media.media_type, "video");
    assert_eq!(media.status, Some(MediaStatus::Registered));
    assert_eq!(host.asked, ["/uploads/42/Clip One.MP4"]);

    let [register, post] = &host.script.sent[..] else {
        panic!("{:?}", host.script.sent)
    };
    assert_eq!(register.method, Method::Post);
    assert_eq!(register.url, "https://api.pinterest.com/v5/media");
    assert_eq!(register.bytes(), Some(&br#"{"media_type":"video"}"#[..]));
    assert_eq!(
        register.header("authorization"),
        Some(format!("Bearer {ACCESS_TOKEN}").as_str())
    );

    let boundary = boundary();
    let b = boundary.as_str();
    assert_eq!(b.len(), 68);
    assert_eq!(post.method, Method::Post);
    assert_eq!(post.url, UPLOAD_URL);
    assert_eq!(
        post.header("authorization"),
        None,
        "the token went to the upload host"
    );
    assert_eq!(post.header("content-length"), None);
    assert_eq!(post.timeout_ms, None);
    assert_eq!(
        post.header("content-type"),
        Some(format!("multipart/form-data; boundary={b}").as_str())
    );
    let [
        BodyPart::Bytes(head),
        BodyPart::HostContent(name),
        BodyPart::Bytes(tail),
    ] = &post.body[..]
    else {
        panic!("{:?}", post.body)
    };
    assert_eq!(name, "/uploads/42/Clip One.MP4");
    let mut expected = String::new();
    for (field, value) in parameters() {
        expected.push_str(&format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"{field}\"\r\n\r\n{value}\r\n"
        ));
    }
    expected.push_str(&format!(
        "--{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"Clip One.MP4\"\r\nContent-Type: video/mp4\r\n\r\n"
    ));
    assert_eq!(String::from_utf8_lossy(head), expected);
    assert_eq!(tail, format!("\r\n--{b}--\r\n").as_bytes());
    // What the transport prints never shows the upload's credentials.
    let shown = format!("{post:?}");
    assert!(!shown.contains(SIGNATURE), "{shown}");
}

#[test]
fn the_file_name_and_its_content_type_come_from_the_caller_or_the_content_name() {
    use pinterest_connector::internals::upload::{content_type, file_name};
    let named = |content: &str, name: Option<&str>| {
        file_name(&VideoUpload {
            content: content.into(),
            file_name: name.map(str::to_owned),
        })
    };
    assert_eq!(named("C:\\videos\\clip.mov", None), "clip.mov");
    assert_eq!(named("blob:7f3a", None), "blob:7f3a");
    assert_eq!(named("dir/", None), "video");
    assert_eq!(
        named("dir/x.mp4", Some("summer \"sale\".m4v")),
        "summer \"sale\".m4v"
    );
    assert_eq!(content_type("a.MP4"), "video/mp4");
    assert_eq!(content_type("a.m4v"), "video/mp4");
    assert_eq!(content_type("a.mov"), "video/quicktime");
    assert_eq!(content_type("a.webm"), "application/octet-stream");
    assert_eq!(content_type("mp4"), "application/octet-stream");

    // A quote in the file name is percent-encoded, as browsers do.
    let mut host = Host::new(Ok(10), [registered(), raw(204, b"")]);
    let quoted = VideoUpload {
        content: "v".into(),
        file_name: Some("summer \"sale\".m4v".into()),
    };
    upload(&mut host, &quoted).unwrap();
    let BodyPart::Bytes(head) = &host.script.sent[1].body[0] else {
        panic!()
    };
    let head = String::from_utf8_lossy(head);
    assert!(
        head.contains("filename=\"summer %22sale%22.m4v\"\r\nContent-Type: video/mp4"),
        "{head}"
    );
}

#[test]
fn bad_names_and_sizes_are_refused_before_any_request() {
    let cases: Vec<(VideoUpload, Result<u64, TransportError>, &str, &str)> = vec![
        (video(""), Ok(1), "video.content", "is empty"),
        (
            video(&"v".repeat(4097)),
            Ok(1),
            "video.content",
            "limit is 4096",
        ),
        (video("a\nb"), Ok(1), "video.content", "control"),
        (video("clip.mp4"), Ok(0), "video.content", "0 bytes"),
        (
            video("clip.mp4"),
            Ok(MAX_VIDEO_BYTES + 1),
            "video.content",
            "the limit is 2147483648 (2 GiB",
        ),
        (
            video("clip.mp4"),
            Err(TransportError::Denied("no content called that".into())),
            "video.content",
            "the host holds no video \"clip.mp4\" that it may send: no content called that",
        ),
        (
            VideoUpload {
                content: "clip.mp4".into(),
                file_name: Some("a/b.mp4".into()),
            },
            Ok(1),
            "video.file-name",
            "path separator",
        ),
        (
            VideoUpload {
                content: "clip.mp4".into(),
                file_name: Some(String::new()),
            },
            Ok(1),
            "video.file-name",
            "must be 1 to 255",
        ),
    ];
    for (video, content, field, reason) in cases {
        let mut host = Host::new(content, []);
        match upload(&mut host, &video) {
            Err(Error::InvalidInput {
                field: f,
                reason: r,
            }) => {
                assert_eq!(f, field, "{r}");
                assert!(r.contains(reason), "{r}");
            }
            other => panic!("{video:?}: {other:?}"),
        }
        assert!(host.script.sent.is_empty(), "{video:?}");
    }
    // Exactly 2 GiB is allowed.
    let mut host = Host::new(Ok(MAX_VIDEO_BYTES), [registered(), raw(204, b"")]);
    assert!(upload(&mut host, &video("big.mp4")).is_ok());
}

#[test]
fn content_the_host_cannot_read_is_a_retryable_transport_error() {
    let mut host = Host::new(Err(TransportError::Connection("EIO".into())), []);
    let Err(Error::Transport { failure, .. }) = upload(&mut host, &video("clip.mp4")) else {
        panic!()
    };
    assert!(
        failure
            .summary
            .contains("could not read the video \"clip.mp4\": EIO")
    );
    assert!(failure.retryable);
    assert!(host.script.sent.is_empty());
}

#[test]
fn the_register_answer_is_read_strictly() {
    let text = |body: &str| raw(201, body.as_bytes());
    let good = registered_text(MEDIA_ID, UPLOAD_URL);
    let cases = [
        text(&good.replace(MEDIA_ID, "abc")),
        text(&good.replace(&format!("\"{MEDIA_ID}\""), "true")),
        text(&registered_text(MEDIA_ID, "ftp://upload.example/")),
        text(&registered_text(MEDIA_ID, "http://upload.example/")),
        text(&registered_text(MEDIA_ID, "https://u:p@upload.example/")),
        text(&registered_text(MEDIA_ID, "/relative")),
        text(&good.replace("\"upload_url\"", "\"upload_urls\"")),
        text(&good.replace("\"upload_parameters\"", "\"parameters\"")),
        text(&good.replace(&format!("\"{SIGNATURE}\""), "12")),
        text(&good.replace("\"x-amz-date\"", "\"file\"")),
        text(&good.replace("\"x-amz-date\"", "\"KEY\"")),
        text(&good.replace("\"x-amz-date\"", "\"a\\\"b\"")),
        text(&good.replace("\"x-amz-date\"", "\"\"")),
        text(&good.replace("\"media_type\": \"video\"", "\"status\": \"uploading\"")),
        text(&good.replace("\"media_type\": \"video\"", "\"status\": 3")),
        json(
            201,
            json!({"media_id": MEDIA_ID, "upload_url": UPLOAD_URL, "upload_parameters": []}),
        ),
        json(
            201,
            json!({"media_id": MEDIA_ID, "upload_url": UPLOAD_URL,
            "upload_parameters": (0..65).map(|i| (format!("f{i}"), Value::from("v"))).collect::<serde_json::Map<_, _>>()}),
        ),
    ];
    for answer in cases {
        let shown = String::from_utf8_lossy(&answer.as_ref().unwrap().body).into_owned();
        let mut host = Host::new(Ok(10), [answer]);
        match upload(&mut host, &video("clip.mp4")) {
            Err(Error::UnexpectedResponse { failure, .. }) => {
                assert!(
                    failure.summary.contains("registering the video upload"),
                    "{}",
                    failure.summary
                );
            }
            other => panic!("{shown}: {other:?}"),
        }
        assert_eq!(host.script.sent.len(), 1, "{shown}: the upload was sent");
    }
    // A status in the answer, an http upload URL on a loopback host, a
    // numeric id and no parameters at all are fine.
    let mut host = Host::new(
        Ok(10),
        [
            json(
                200,
                json!({"media_id": 77, "status": "processing", "upload_url": "http://127.0.0.1:9/up#x", "upload_parameters": {}}),
            ),
            raw(201, b""),
        ],
    );
    let media = upload(&mut host, &video("clip.mp4")).unwrap();
    assert_eq!(
        (media.media_id.as_str(), media.status),
        ("77", Some(MediaStatus::Processing))
    );
    assert_eq!(host.script.sent[1].url, "http://127.0.0.1:9/up");
}

#[test]
fn the_upload_hosts_refusals_say_what_to_do_and_never_show_the_upload_credentials() {
    let echo = format!("policy was {SIGNATURE} with {SESSION_TOKEN} and {ACCESS_TOKEN}");
    type Case = (
        Result<Response, TransportError>,
        fn(&Error) -> bool,
        &'static str,
    );
    let cases: Vec<Case> = vec![
        (
            s3_error(
                403,
                "AccessDenied",
                "Invalid according to Policy: Policy expired.",
            ),
            |e| matches!(e, Error::Forbidden(f) if f.retryable),
            "registers the video anew",
        ),
        (
            s3_error(403, "SignatureDoesNotMatch", &echo),
            |e| matches!(e, Error::Forbidden(_)),
            "registers the video anew",
        ),
        (
            s3_error(
                400,
                "EntityTooLarge",
                "Your proposed upload exceeds the maximum allowed size",
            ),
            |e| matches!(e, Error::BadRequest(f) if !f.retryable),
            "2 GiB",
        ),
        (
            s3_error(400, "MalformedPOSTRequest", &echo),
            |e| matches!(e, Error::BadRequest(_)),
            "report its code and message",
        ),
        (
            s3_error(404, "NoSuchBucket", "The specified bucket does not exist."),
            |e| matches!(e, Error::NotFound(_)),
            "upload-video again",
        ),
        (
            s3_error(503, "SlowDown", "Please reduce your request rate."),
            |e| matches!(e, Error::UpstreamUnavailable(f) if f.retryable),
            "later",
        ),
        (
            raw(500, echo.as_bytes()),
            |e| matches!(e, Error::UpstreamUnavailable(_)),
            "later",
        ),
        (
            raw(302, b""),
            |e| matches!(e, Error::UnexpectedResponse { .. }),
            "upload-video again",
        ),
        (
            Err(TransportError::Denied(format!("egress policy: {echo}"))),
            |e| matches!(e, Error::Transport { .. }),
            "upload URL Pinterest returned",
        ),
        (
            Err(TransportError::Timeout),
            |e| matches!(e, Error::Transport { failure, .. } if failure.retryable),
            "time limit for uploads",
        ),
    ];
    for (answer, kind, remedy) in cases {
        let mut host = Host::new(Ok(10), [registered(), answer]);
        let error = upload(&mut host, &video("clip.mp4")).unwrap_err();
        assert!(kind(&error), "{error:?}");
        let failure = error.failure().unwrap();
        assert!(failure.remedy.contains(remedy), "{error:?}");
        let shown = format!("{error:?} {error}");
        for secret in [SIGNATURE, SESSION_TOKEN, ACCESS_TOKEN] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }
    let refusal = UploadRefusal::read(
        b"<Error><Code>AccessDenied</Code><Message>a &amp; b &lt;c&gt;</Message></Error>",
    );
    assert_eq!(refusal.code.as_deref(), Some("AccessDenied"));
    assert_eq!(refusal.message.as_deref(), Some("a & b <c>"));
    assert_eq!(UploadRefusal::read(b"not xml"), UploadRefusal::default());
}

#[test]
fn a_failed_register_call_is_typed_and_nothing_is_uploaded() {
    let mut host = Host::new(
        Ok(10),
        [json(401, json!({"code": 3, "message": "Missing scope"}))],
    );
    let Err(Error::MissingScope { required, .. }) = upload(&mut host, &video("clip.mp4")) else {
        panic!()
    };
    assert_eq!(required, ["pins:read", "pins:write"]);
    assert_eq!(host.script.sent.len(), 1);
}

fn media(status: Option<&str>) -> Result<Response, TransportError> {
    let mut body = json!({"media_id": MEDIA_ID, "media_type": "video"});
    if let Some(status) = status {
        body["status"] = status.into();
    }
    json(200, body)
}

#[test]
fn get_media_reads_the_status_strictly() {
    let cfg = config();
    let mut script = Script::new([media(Some("processing"))]);
    let got = connector(&cfg, script.client())
        .get_media(&access_token(), MEDIA_ID)
        .unwrap();
    assert_eq!(got.status, Some(MediaStatus::Processing));
    assert_eq!(
        script.sent[0].url,
        format!("https://api.pinterest.com/v5/media/{MEDIA_ID}")
    );
    for (body, why) in [
        (
            json!({"media_id": MEDIA_ID, "status": "uploading"}),
            "unknown status 'uploading'",
        ),
        (
            json!({"media_id": MEDIA_ID, "status": 2}),
            "expected a string, found a number",
        ),
        (
            json!({"media_id": MEDIA_ID, "status": null}),
            "expected a string, found null",
        ),
        (
            json!({"media_id": "12a", "status": "failed"}),
            "not a decimal id",
        ),
        (json!({"status": "failed"}), "media_id"),
    ] {
        let mut script = Script::new([json(200, body.clone())]);
        let Err(Error::UnexpectedResponse { failure, .. }) =
            connector(&cfg, script.client()).get_media(&access_token(), MEDIA_ID)
        else {
            panic!("{body}")
        };
        assert!(failure.summary.contains(why), "{}", failure.summary);
    }
    // No status reads as none; an odd media type is cosmetic; a status in
    // another case is the status.
    for (body, status) in [
        (json!({"media_id": MEDIA_ID}), None),
        (
            json!({"media_id": MEDIA_ID, "media_type": 5, "status": "SUCCEEDED"}),
            Some(MediaStatus::Succeeded),
        ),
    ] {
        let mut script = Script::new([json(200, body)]);
        let got = connector(&cfg, script.client())
            .get_media(&access_token(), MEDIA_ID)
            .unwrap();
        assert_eq!((got.status, got.media_type.as_str()), (status, "video"));
    }
    let mut script = Script::new([]);
    let Err(Error::InvalidInput { field, .. }) =
        connector(&cfg, script.client()).get_media(&access_token(), "../pins")
    else {
        panic!()
    };
    assert_eq!(field, "media-id");
    assert!(script.sent.is_empty());
}

#[test]
fn list_media_pages_with_a_strict_bookmark() {
    let cfg = config();
    let page = json!({"items": [
        {"media_id": "1", "media_type": "video", "status": "succeeded"},
        {"media_id": "2", "media_type": "video", "status": "failed"},
    ], "bookmark": "Yjo1"});
    let mut script = Script::new([json(200, page)]);
    let query = PageQuery {
        bookmark: Some("b&c=d".into()),
        page_size: Some(250),
    };
    let got = connector(&cfg, script.client())
        .list_media(&access_token(), &query)
        .unwrap();
    assert_eq!(got.items.len(), 2);
    assert_eq!(got.items[1].status, Some(MediaStatus::Failed));
    assert_eq!(got.bookmark.as_deref(), Some("Yjo1"));
    assert_eq!(
        script.sent[0].url,
        "https://api.pinterest.com/v5/media?bookmark=b%26c%3Dd&page_size=250"
    );
    for body in [
        json!({"items": [], "bookmark": 12}),
        json!({"bookmark": null}),
        json!({"items": [{"media_id": "1", "status": "gone"}]}),
        json!({"items": (0..251).map(|i| json!({"media_id": i.to_string()})).collect::<Vec<_>>()}),
    ] {
        let mut script = Script::new([json(200, body.clone())]);
        let result =
            connector(&cfg, script.client()).list_media(&access_token(), &PageQuery::default());
        assert!(
            matches!(result, Err(Error::UnexpectedResponse { .. })),
            "{body}: {result:?}"
        );
    }
    for (query, field) in [
        (
            PageQuery {
                bookmark: None,
                page_size: Some(0),
            },
            "query.page-size",
        ),
        (
            PageQuery {
                bookmark: Some("b".repeat(4097)),
                page_size: None,
            },
            "query.bookmark",
        ),
    ] {
        let mut script = Script::new([]);
        let Err(Error::InvalidInput { field: f, .. }) =
            connector(&cfg, script.client()).list_media(&access_token(), &query)
        else {
            panic!()
        };
        assert_eq!(f, field);
        assert!(script.sent.is_empty());
    }
}

/// A clock that moves only when slept on, and keeps every sleep.
#[derive(Default)]
struct TestClock {
    now: Duration,
    slept: Vec<Duration>,
    /// Time each check takes (added when the client answers).
    stuck: bool,
}

impl Clock for TestClock {
    fn now(&mut self) -> Duration {
        self.now
    }

    fn sleep(&mut self, duration: Duration) {
        self.slept.push(duration);
        if !self.stuck {
            self.now += duration;
        }
    }
}

fn wait(
    answers: Vec<Result<Response, TransportError>>,
    max_seconds: Option<u32>,
    clock: &mut TestClock,
) -> (Result<pinterest_connector::Media, Error>, usize) {
    let cfg = config();
    let mut script = Script::new(answers);
    let result = connector(&cfg, script.client()).wait_for_media(
        &access_token(),
        MEDIA_ID,
        max_seconds,
        clock,
    );
    (result, script.sent.len())
}

fn secs(list: &[Duration]) -> Vec<u64> {
    list.iter().map(Duration::as_secs).collect()
}

#[test]
fn the_wait_checks_at_once_then_after_1_2_4_8_and_every_10_seconds() {
    let mut answers: Vec<_> = (0..7).map(|_| media(Some("processing"))).collect();
    answers.push(media(Some("succeeded")));
    let mut clock = TestClock::default();
    let (result, checks) = wait(answers, None, &mut clock);
    assert_eq!(result.unwrap().status, Some(MediaStatus::Succeeded));
    assert_eq!(checks, 8);
    assert_eq!(secs(&clock.slept), [1, 2, 4, 8, 10, 10, 10]);
}

#[test]
fn the_wait_stops_at_its_time_limit_with_a_retryable_error() {
    let answers: Vec<_> = (0..100).map(|_| media(Some("processing"))).collect();
    let mut clock = TestClock::default();
    let (result, checks) = wait(answers, Some(30), &mut clock);
    // Checks at 0, 1, 3, 7, 15, 25 and 30: the last wait is cut to fit.
    assert_eq!(secs(&clock.slept), [1, 2, 4, 8, 10, 5]);
    assert_eq!(checks, 7);
    let Err(Error::MediaProcessing { failure, status }) = result else {
        panic!("{result:?}")
    };
    assert_eq!(status, MediaStatus::Processing);
    assert!(failure.retryable);
    assert!(
        failure
            .summary
            .contains("still processing after 30 seconds"),
        "{}",
        failure.summary
    );
    assert!(
        failure
            .remedy
            .contains("wait-for-media again with the same media id")
    );

    // The default limit, 300 s, on the whole schedule.
    let answers: Vec<_> = (0..100).map(|_| media(Some("registered"))).collect();
    let mut clock = TestClock::default();
    let (result, checks) = wait(answers, None, &mut clock);
    assert_eq!(clock.now, Duration::from_secs(300));
    assert_eq!(checks, 34);
    let Err(Error::MediaProcessing { failure, status }) = result else {
        panic!()
    };
    assert_eq!(status, MediaStatus::Registered);
    assert!(
        failure.remedy.contains("run upload-video again"),
        "{}",
        failure.remedy
    );
}

#[test]
fn a_failed_video_ends_the_wait_at_once_and_is_not_retryable() {
    let mut clock = TestClock::default();
    let (result, checks) = wait(
        vec![media(Some("processing")), media(Some("failed"))],
        None,
        &mut clock,
    );
    assert_eq!(checks, 2);
    let Err(Error::MediaProcessing { failure, status }) = result else {
        panic!("{result:?}")
    };
    assert_eq!(status, MediaStatus::Failed);
    assert!(!failure.retryable);
    assert!(
        failure.remedy.contains("upload it again"),
        "{}",
        failure.remedy
    );
}

#[test]
fn the_wait_ends_on_other_errors_and_on_an_answer_without_status() {
    let mut clock = TestClock::default();
    let (result, checks) = wait(
        vec![
            media(Some("processing")),
            json(404, json!({"code": 404, "message": "Media not found"})),
        ],
        None,
        &mut clock,
    );
    assert_eq!(checks, 2);
    let Err(Error::NotFound(f)) = result else {
        panic!("{result:?}")
    };
    assert!(
        f.summary
            .contains(&format!("Media upload {MEDIA_ID} was not found"))
    );
    assert!(f.remedy.contains("media id"), "{}", f.remedy);

    let (result, _) = wait(vec![media(None)], None, &mut TestClock::default());
    let Err(Error::UnexpectedResponse { failure, .. }) = result else {
        panic!("{result:?}")
    };
    assert!(failure.summary.contains("no status"), "{}", failure.summary);
}

#[test]
fn a_clock_that_never_moves_cannot_make_the_wait_endless() {
    let answers: Vec<_> = (0..200).map(|_| media(Some("processing"))).collect();
    let mut clock = TestClock {
        stuck: true,
        ..TestClock::default()
    };
    let (result, checks) = wait(answers, None, &mut clock);
    assert_eq!(checks, MAX_CHECKS);
    assert!(matches!(result, Err(Error::MediaProcessing { .. })));
}

#[test]
fn the_wait_limit_and_the_id_are_checked_before_any_request() {
    for (max, id, field) in [
        (Some(0), MEDIA_ID, "max-seconds"),
        (Some(901), MEDIA_ID, "max-seconds"),
        (None, "12 34", "media-id"),
    ] {
        let cfg = config();
        let mut script = Script::new([]);
        let result = connector(&cfg, script.client()).wait_for_media(
            &access_token(),
            id,
            max,
            &mut TestClock::default(),
        );
        let Err(Error::InvalidInput { field: f, .. }) = result else {
            panic!("{result:?}")
        };
        assert_eq!(f, field);
        assert!(script.sent.is_empty());
    }
}
