//! Video on the stand-in: registering an upload, sending the file to the
//! upload listener as `multipart/form-data` (every S3 refusal it makes),
//! the status from `registered` to `succeeded` or `failed`, the uploads
//! listed with bookmarks, and video pins from a finished upload only.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use pinterest_standin::{
    Clock, Environment, FAILING_VIDEO_PREFIX, Listener, MediaStatus, StandInOptions,
};
use serde_json::{Value, json};
use support::{ALL_SCOPES, Account, BOARD, BOUNDARY, form, sha256, upload, upload_parameters};

mod support;

/// A production account of a Standard-access app (video pins are refused
/// in the sandbox, and Trial apps create no pins in production).
fn production(options: StandInOptions) -> Account {
    Account::with_scopes(
        StandInOptions {
            trial: false,
            ..options
        },
        Environment::Production,
        &ALL_SCOPES,
    )
}

fn register(account: &Account) -> Value {
    account
        .post("/v5/media", &json!({"media_type": "video"}))
        .ok(201)
}

fn status(account: &Account, media_id: &str) -> String {
    account.get(&format!("/v5/media/{media_id}")).ok(200)["status"]
        .as_str()
        .expect("status")
        .to_owned()
}

fn video_pin(account: &Account, media_id: &str) -> support::Answer {
    account.post(
        "/v5/pins",
        &json!({"board_id": BOARD, "title": "Clip",
                "media_source": {"source_type": "video_id", "media_id": media_id,
                                 "cover_image_url": "https://cdn.example/cover.jpg"}}),
    )
}

/// The file sent in these tests.
fn clip() -> Vec<u8> {
    (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect()
}

#[test]
fn registering_answers_an_upload_url_on_another_origin_and_s3_fields() {
    let account = production(StandInOptions::default());
    let media = register(&account);
    assert_eq!(media["media_type"], "video");
    let id = media["media_id"].as_str().expect("media_id");
    assert!(id.bytes().all(|b| b.is_ascii_digit()));
    assert_eq!(media["upload_url"], account.pinterest.upload_url().as_str());
    assert_ne!(
        account.pinterest.upload_url(),
        format!("{}/", account.pinterest.base_url()),
        "another port: another origin"
    );
    let mut names: Vec<String> = upload_parameters(&media)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "Content-Type",
            "key",
            "policy",
            "x-amz-algorithm",
            "x-amz-credential",
            "x-amz-date",
            "x-amz-security-token",
            "x-amz-signature"
        ]
    );
    assert_eq!(
        media["upload_parameters"]["Content-Type"],
        "multipart/form-data"
    );
    assert_eq!(
        media["upload_parameters"]["x-amz-algorithm"],
        "AWS4-HMAC-SHA256"
    );
    assert_eq!(status(&account, id), "registered");

    for (body, message) in [
        (json!({}), "'media_type' is a required property"),
        (json!({"media_type": "image"}), "is not one of ['video']"),
    ] {
        assert!(
            account
                .post("/v5/media", &body)
                .error(400, 1)
                .contains(message)
        );
    }
    let reader = account.token_with(&["pins:read"]);
    account
        .call_as(
            &reader,
            "POST",
            "/v5/media",
            Some(&json!({"media_type": "video"})),
        )
        .error(401, 3);
    let boards_only = account.token_with(&["boards:read"]);
    account
        .call_as(&boards_only, "GET", &format!("/v5/media/{id}"), None)
        .error(401, 3);
    account.get("/v5/media/5212123920968249999").error(404, 404);
    account.get("/v5/media/video-1").error(400, 1);
}

#[test]
fn an_upload_takes_media_through_processing_to_a_video_pin() {
    let account = production(StandInOptions::default());
    let media = register(&account);
    let id = media["media_id"].as_str().expect("media_id");
    let refused = video_pin(&account, id).error(400, 1);
    assert!(refused.contains("is registered"), "{refused}");
    video_pin(&account, "5212123920968249999").error(404, 404);

    let file = clip();
    let sent = upload(
        media["upload_url"].as_str().expect("upload_url"),
        form(&upload_parameters(&media), Some(("clip.mp4", &file)), &[]),
    );
    assert_eq!(sent.status, 204, "{}", sent.body);
    assert!(sent.body.is_empty());
    let location = sent.header("location").expect("location");
    assert!(
        location.starts_with(&account.pinterest.upload_url()),
        "{location}"
    );
    let received = &account.pinterest.uploads()[0];
    assert_eq!(received.media_id.as_deref(), Some(id));
    assert_eq!(received.size, 200_000);
    assert_eq!(received.sha256.as_deref(), Some(sha256(&file).as_str()));
    assert_eq!(received.file_name.as_deref(), Some("clip.mp4"));
    assert_eq!(received.file_content_type.as_deref(), Some("video/mp4"));
    assert_eq!(received.fields.last().map(String::as_str), Some("file"));
    assert_eq!(received.fields.len(), 9);

    assert!(
        video_pin(&account, id)
            .error(400, 1)
            .contains("is processing")
    );
    assert_eq!(status(&account, id), "processing");
    assert_eq!(status(&account, id), "processing");
    assert_eq!(status(&account, id), "succeeded");
    assert_eq!(status(&account, id), "succeeded");
    assert_eq!(account.pinterest.media()[0].status, MediaStatus::Succeeded);

    let pin = video_pin(&account, id).ok(201);
    assert_eq!(pin["media"]["media_type"], "video");
    assert_eq!(pin["creative_type"], "VIDEO");
    let cover = pin["media"]["cover_image_url"].as_str().expect("cover");
    assert!(cover.starts_with("https://i.pinimg.com/"), "{cover}");
    assert!(pin["media"]["images"]["1200x"]["url"].is_string());
    assert_eq!(
        account.pinterest.board_pins(BOARD)[0].media_id.as_deref(),
        Some(id)
    );

    let log = account.pinterest.requests();
    let uploads: Vec<_> = log
        .iter()
        .filter(|r| r.listener == Listener::Upload)
        .collect();
    assert_eq!(uploads.len(), 1);
    assert_eq!(
        (
            uploads[0].method.as_str(),
            uploads[0].path.as_str(),
            uploads[0].status
        ),
        ("POST", "/", 204)
    );
}

#[test]
fn processing_fails_on_demand() {
    let account = production(StandInOptions {
        media_processing_polls: 0,
        ..StandInOptions::default()
    });
    let media = register(&account);
    let id = media["media_id"].as_str().expect("media_id");
    let mut file = FAILING_VIDEO_PREFIX.to_vec();
    file.extend_from_slice(&clip());
    let url = media["upload_url"].as_str().expect("upload_url");
    assert_eq!(
        upload(
            url,
            form(&upload_parameters(&media), Some(("bad.mp4", &file)), &[])
        )
        .status,
        204
    );
    assert_eq!(status(&account, id), "failed");
    assert!(video_pin(&account, id).error(400, 1).contains("is failed"));

    let failing = production(StandInOptions {
        fail_media: true,
        media_processing_polls: 1,
        ..StandInOptions::default()
    });
    let media = register(&failing);
    let id = media["media_id"].as_str().expect("media_id");
    let url = media["upload_url"].as_str().expect("upload_url");
    assert_eq!(
        upload(
            url,
            form(&upload_parameters(&media), Some(("ok.mp4", &clip())), &[])
        )
        .status,
        204
    );
    assert_eq!(status(&failing, id), "processing");
    assert_eq!(status(&failing, id), "failed");
}

#[test]
fn uploads_are_listed_newest_first_with_bookmarks() {
    let account = production(StandInOptions::default());
    let ids: Vec<String> = (0..5)
        .map(|_| {
            register(&account)["media_id"]
                .as_str()
                .expect("id")
                .to_owned()
        })
        .collect();
    let (items, pages) = account.all_pages("/v5/media", 2);
    assert_eq!(pages, 3);
    let listed: Vec<&str> = items
        .iter()
        .map(|m| m["media_id"].as_str().expect("id"))
        .collect();
    let newest_first: Vec<&str> = ids.iter().rev().map(String::as_str).collect();
    assert_eq!(listed, newest_first);
    assert_eq!(
        items[0],
        json!({"media_id": ids[4], "media_type": "video", "status": "registered"})
    );
    for bad in ["page_size=0", "page_size=251", "bookmark=bogus"] {
        account.get(&format!("/v5/media?{bad}")).error(400, 1);
    }
    assert_eq!(account.pinterest.counters().media, 5);
}

/// Sends `form` to the upload URL; asserts S3's error `code` with `status`.
fn refused(url: &str, body: Vec<u8>, status: u16, code: &str) -> String {
    let answer = upload(url, body);
    assert_eq!(answer.status, status, "{}", answer.body);
    assert_eq!(answer.header("content-type"), Some("application/xml"));
    assert!(answer.body.starts_with("<?xml"), "{}", answer.body);
    assert!(
        answer.body.contains(&format!("<Code>{code}</Code>")),
        "{}",
        answer.body
    );
    answer.body
}

#[test]
fn the_upload_listener_refuses_what_s3_refuses() {
    let clock = Clock::manual(1_767_225_600);
    let account = production(StandInOptions {
        clock: clock.clone(),
        ..StandInOptions::default()
    });
    let media = register(&account);
    let id = media["media_id"].as_str().expect("media_id");
    let url = media["upload_url"].as_str().expect("upload_url").to_owned();
    let fields = upload_parameters(&media);
    let file = clip();
    // The issued fields with `name` set to `value` (`None`: left out).
    let with = |name: &str, value: Option<&str>| -> Vec<(String, String)> {
        fields
            .iter()
            .filter_map(|(n, v)| match (n == name, value) {
                (false, _) => Some((n.clone(), v.clone())),
                (true, Some(value)) => Some((n.clone(), value.to_owned())),
                (true, None) => None,
            })
            .collect()
    };
    let send = |fields: &[(String, String)]| form(fields, Some(("a.mp4", &file)), &[]);

    let missing = refused(
        &url,
        send(&with("x-amz-date", None)),
        400,
        "InvalidArgument",
    );
    assert!(
        missing.contains("must contain a field named 'x-amz-date'"),
        "{missing}"
    );
    let signature = with("x-amz-signature", Some("0123abcd"));
    refused(&url, send(&signature), 403, "SignatureDoesNotMatch");
    let content_type = refused(
        &url,
        send(&with("Content-Type", Some("video/mp4"))),
        403,
        "AccessDenied",
    );
    assert!(
        content_type.contains("Policy Condition failed"),
        "{content_type}"
    );
    let mut extra = fields.clone();
    extra.push(("acl".into(), "public-read".into()));
    let extra = refused(&url, send(&extra), 403, "AccessDenied");
    assert!(extra.contains("Extra input fields: acl"), "{extra}");
    let mut unknown = with("key", Some("uploads/elsewhere"));
    unknown.retain(|(n, _)| n != "policy");
    unknown.push(("policy".into(), "e30=".into()));
    refused(&url, send(&unknown), 403, "AccessDenied");
    let mut twice = fields.clone();
    twice.push(("key".into(), "again".into()));
    refused(&url, send(&twice), 400, "InvalidArgument");
    // The file first: S3 ignores the fields after it, so they are missing.
    refused(
        &url,
        form(&[], Some(("a.mp4", &file)), &[("key", "k")]),
        400,
        "InvalidArgument",
    );
    let after = refused(
        &url,
        form(&fields, Some(("a.mp4", &file)), &[("acl", "private")]),
        400,
        "InvalidArgument",
    );
    assert!(after.contains("last field"), "{after}");
    let none = refused(&url, form(&fields, None, &[]), 400, "InvalidArgument");
    assert!(none.contains("exactly one file"), "{none}");
    refused(
        &url,
        form(&fields, Some(("empty.mp4", b"")), &[]),
        400,
        "EntityTooSmall",
    );

    let leaked = support::answer(
        support::agent()
            .post(&url)
            .header(
                "content-type",
                &format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .header("authorization", "Bearer pina_not-for-s3")
            .send(form(&fields, Some(("a.mp4", &file)), &[]))
            .expect("upload"),
    );
    assert_eq!(
        leaked.status, 400,
        "an upload must not carry the Pinterest token"
    );
    assert!(leaked.body.contains("Only one auth mechanism allowed"));
    assert!(!leaked.body.contains("pina_not-for-s3"));
    let json_body = support::answer(
        support::agent()
            .post(&url)
            .header("content-type", "application/json")
            .send("{}")
            .expect("upload"),
    );
    assert_eq!(json_body.status, 400);
    assert!(json_body.body.contains("<Code>MalformedPOSTRequest</Code>"));
    assert_eq!(support::get(&url, None).status, 405);
    let elsewhere = support::answer(
        support::agent()
            .post(&format!("{url}other"))
            .send("x")
            .expect("POST"),
    );
    assert_eq!(elsewhere.status, 404);

    // Without a Content-Length (chunked), and a body cut short.
    assert_eq!(
        raw(
            &url,
            "Transfer-Encoding: chunked\r\n",
            b"5\r\nhello\r\n0\r\n\r\n"
        ),
        411
    );
    let whole = form(&fields, Some(("a.mp4", &file)), &[]);
    for (sent, length) in [
        (whole.len() / 2, whole.len()),
        (whole.len(), whole.len() + 100),
    ] {
        let header = format!("Content-Length: {length}\r\n");
        assert_eq!(raw(&url, &header, &whole[..sent]), 400);
        let last = account
            .pinterest
            .uploads()
            .last()
            .cloned()
            .expect("recorded");
        assert_eq!(last.error.as_deref(), Some("IncompleteBody"));
    }

    clock.advance(Duration::from_secs(3601));
    let late = refused(
        &url,
        form(&fields, Some(("a.mp4", &file)), &[]),
        403,
        "AccessDenied",
    );
    assert!(late.contains("Policy expired"), "{late}");
    assert_eq!(status(&account, id), "registered", "nothing was accepted");
    assert!(account.pinterest.uploads().iter().all(|u| u.status != 204));
}

/// Sends a POST with `headers` and `body` over a plain socket, half-closes
/// it, and returns the status.
fn raw(url: &str, headers: &str, body: &[u8]) -> u16 {
    let address = url.trim_start_matches("http://").trim_end_matches('/');
    let mut socket = TcpStream::connect(address).expect("connect");
    socket
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let head = format!(
        "POST / HTTP/1.1\r\nHost: {address}\r\nContent-Type: multipart/form-data; boundary={BOUNDARY}\r\n{headers}Connection: close\r\n\r\n"
    );
    // The listener may answer (and close) before all of it is sent.
    let _ = socket
        .write_all(head.as_bytes())
        .and_then(|()| socket.write_all(body))
        .and_then(|()| socket.shutdown(std::net::Shutdown::Write));
    let mut answer = String::new();
    let _ = socket.read_to_string(&mut answer);
    answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {answer:?}"))
}
