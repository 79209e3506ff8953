//! `get-media`, `list-media` and `wait-for-media` through the real
//! component against wiremock: the requests, the answers read strictly,
//! paging to the end by bookmark, and every failure class.

mod common;

use common::*;
use serde_json::json;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

const MEDIA_ID: &str = "5212123920968240771";

fn page_query(bookmark: Option<&str>, page_size: Option<u32>) -> types::PageQuery {
    types::PageQuery {
        bookmark: bookmark.map(str::to_owned),
        page_size,
    }
}

#[test]
fn get_media_reads_where_an_upload_stands() {
    let p = Pinterest::start();
    p.mount(
        Mock::given(method("GET"))
            .and(path(format!("/v5/media/{MEDIA_ID}")))
            .and(header(
                "authorization",
                format!("Bearer {ACCESS_TOKEN}").as_str(),
            ))
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"media_id": MEDIA_ID, "media_type": "video", "status": "processing"}),
            )),
    );
    let media = host()
        .get_media(&p.config(), ACCESS_TOKEN, MEDIA_ID)
        .unwrap()
        .unwrap();
    assert_eq!(media.media_id, MEDIA_ID);
    assert_eq!(media.media_type, "video");
    assert_eq!(media.status, Some(types::MediaStatus::Processing));
    let request = p.single_request();
    assert_eq!(request.url.query(), None);
    assert_eq!(common::header(&request, "accept"), "application/json");
    assert!(request.body.is_empty());
}

#[test]
fn an_unknown_status_is_an_unexpected_response_not_a_default() {
    let p = Pinterest::start();
    p.mount(
        Mock::given(method("GET")).respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"media_id": MEDIA_ID, "status": "transcoding"})),
        ),
    );
    let error = host()
        .get_media(&p.config(), ACCESS_TOKEN, MEDIA_ID)
        .unwrap()
        .unwrap_err();
    let Error::UnexpectedResponse(u) = &error else {
        panic!("{error:?}")
    };
    assert!(
        u.failure.summary.contains("unknown status 'transcoding'"),
        "{}",
        u.failure.summary
    );
    assert!(u.excerpt.contains("transcoding"));
}

#[test]
fn a_media_id_that_is_not_decimal_is_refused_before_any_request() {
    let p = Pinterest::start();
    for call in [
        host().get_media(&p.config(), ACCESS_TOKEN, "../boards"),
        host().wait_for_media(&p.config(), ACCESS_TOKEN, "12 34", None),
    ] {
        let error = call.unwrap().unwrap_err();
        let reason = invalid_input(error, "media-id");
        assert!(reason.contains("decimal id"), "{reason}");
    }
    let error = host()
        .wait_for_media(&p.config(), ACCESS_TOKEN, MEDIA_ID, Some(901))
        .unwrap()
        .unwrap_err();
    assert!(invalid_input(error, "max-seconds").contains("between 1 and 900"));
    assert!(p.requests().is_empty());
}

#[test]
fn list_media_follows_bookmarks_to_the_last_page() {
    let p = Pinterest::start();
    p.mount(
        Mock::given(method("GET"))
            .and(path("/v5/media"))
            .and(query_param("bookmark", "page-2"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "items": [{"media_id": "3", "media_type": "video", "status": "failed"}],
                "bookmark": null,
            }))),
    );
    p.mount(
        Mock::given(method("GET"))
            .and(path("/v5/media"))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "items": [
                    {"media_id": "1", "media_type": "video", "status": "succeeded"},
                    {"media_id": "2", "media_type": "video", "status": "registered"},
                ],
                "bookmark": "page-2",
            }))),
    );
    let mut all = Vec::new();
    let mut bookmark = None;
    for _ in 0..5 {
        let page = host()
            .list_media(
                &p.config(),
                ACCESS_TOKEN,
                &page_query(bookmark.as_deref(), Some(2)),
            )
            .unwrap()
            .unwrap();
        all.extend(page.items);
        bookmark = page.bookmark;
        if bookmark.is_none() {
            break;
        }
    }
    let ids: Vec<&str> = all.iter().map(|m| m.media_id.as_str()).collect();
    assert_eq!(ids, ["1", "2", "3"]);
    assert_eq!(all[2].status, Some(types::MediaStatus::Failed));
    let queries: Vec<String> = p
        .requests()
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(queries, ["page_size=2", "bookmark=page-2&page_size=2"]);
}

#[test]
fn list_media_refuses_a_bad_page_query_and_a_wrong_typed_bookmark() {
    let p = Pinterest::start();
    let error = host()
        .list_media(&p.config(), ACCESS_TOKEN, &page_query(None, Some(251)))
        .unwrap()
        .unwrap_err();
    assert!(invalid_input(error, "query.page-size").contains("between 1 and 250"));
    assert!(p.requests().is_empty());
    p.mount(
        Mock::given(method("GET"))
            .and(path("/v5/media"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"items": [], "bookmark": 7})),
            ),
    );
    let error = host()
        .list_media(&p.config(), ACCESS_TOKEN, &page_query(None, None))
        .unwrap()
        .unwrap_err();
    assert!(matches!(error, Error::UnexpectedResponse(_)), "{error:?}");
}

#[test]
fn wait_for_media_returns_at_once_when_the_upload_is_ready() {
    let p = Pinterest::start();
    p.mount(
        Mock::given(method("GET"))
            .and(path(format!("/v5/media/{MEDIA_ID}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(
                json!({"media_id": MEDIA_ID, "media_type": "video", "status": "succeeded"}),
            )),
    );
    let media = host()
        .wait_for_media(&p.config(), ACCESS_TOKEN, MEDIA_ID, None)
        .unwrap()
        .unwrap();
    assert_eq!(media.status, Some(types::MediaStatus::Succeeded));
    assert_eq!(p.requests().len(), 1);
}

#[test]
fn every_failure_of_get_media_is_typed() {
    assert_failures(
        || Mock::given(method("GET")).and(path(format!("/v5/media/{MEDIA_ID}"))),
        api_failures(),
        |p| {
            host()
                .get_media(&p.config(), ACCESS_TOKEN, MEDIA_ID)
                .unwrap()
                .map(drop)
        },
    );
}

#[test]
fn every_failure_of_list_media_is_typed() {
    assert_failures(
        || Mock::given(method("GET")).and(path("/v5/media")),
        api_failures(),
        |p| {
            host()
                .list_media(&p.config(), ACCESS_TOKEN, &page_query(None, None))
                .unwrap()
                .map(drop)
        },
    );
}

#[test]
fn every_failure_of_a_check_ends_the_wait_typed() {
    assert_failures(
        || Mock::given(method("GET")).and(path(format!("/v5/media/{MEDIA_ID}"))),
        api_failures(),
        |p| {
            host()
                .wait_for_media(&p.config(), ACCESS_TOKEN, MEDIA_ID, Some(5))
                .unwrap()
                .map(drop)
        },
    );
}

#[test]
fn a_missing_upload_says_to_check_the_media_id() {
    let p = Pinterest::start();
    p.mount(
        Mock::given(method("GET")).respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"code": 404, "message": "Media not found."})),
        ),
    );
    let error = host()
        .get_media(&p.config(), ACCESS_TOKEN, MEDIA_ID)
        .unwrap()
        .unwrap_err();
    let f = failure(&error);
    assert!(
        f.summary
            .starts_with(&format!("Media upload {MEDIA_ID} was not found")),
        "{}",
        f.summary
    );
    assert!(f.remedy.contains("media id"), "{}", f.remedy);
}
