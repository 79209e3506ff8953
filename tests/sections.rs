//! Sections natively: the requests, reading sections and their pages, and
//! listing them all.

mod support;

use pinterest_connector::internals::sections;
use pinterest_connector::{Config, Error, Method, PageQuery, SectionRef};
use serde_json::{Value, json};
use support::*;

fn section_ref() -> SectionRef {
    SectionRef {
        board_id: "549755885175".into(),
        section_id: "4983232016467541134".into(),
    }
}

fn page(ids: std::ops::Range<usize>, bookmark: Option<&str>) -> Value {
    let items: Vec<Value> = ids
        .map(|i| json!({"id": i.to_string(), "name": format!("Section {i}")}))
        .collect();
    json!({"items": items, "bookmark": bookmark})
}

fn business() -> Config {
    Config {
        ad_account_id: Some("549755885176".into()),
        ..config()
    }
}

#[test]
fn requests_name_the_board_and_section_in_the_path() {
    let token = access_token();
    let query = PageQuery {
        bookmark: Some("b/2+=".into()),
        page_size: Some(250),
    };
    let list = sections::list_request(&business(), &token, "549755885175", &query).unwrap();
    assert_eq!(list.method, Method::Get);
    assert_eq!(
        list.url,
        "https://api.pinterest.com/v5/boards/549755885175/sections?bookmark=b%2F2%2B%3D&page_size=250&ad_account_id=549755885176"
    );
    let create = sections::create_request(&config(), &token, "549755885175", "Salads").unwrap();
    assert_eq!(create.method, Method::Post);
    assert_eq!(
        create.url,
        "https://api.pinterest.com/v5/boards/549755885175/sections"
    );
    assert_eq!(create.bytes(), Some(&br#"{"name":"Salads"}"#[..]));
    let update = sections::update_request(&config(), &token, &section_ref(), "Soups").unwrap();
    assert_eq!(update.method, Method::Patch);
    assert_eq!(
        update.url,
        "https://api.pinterest.com/v5/boards/549755885175/sections/4983232016467541134"
    );
    assert_eq!(update.header("content-type"), Some("application/json"));
    let delete = sections::delete_request(&config(), &token, &section_ref()).unwrap();
    assert_eq!(delete.method, Method::Delete);
    assert!(delete.body.is_empty() && delete.header("content-type").is_none());
}

#[test]
fn names_are_1_to_180_characters() {
    let token = access_token();
    let reason = |name: &str| match sections::create_request(&config(), &token, "1", name) {
        Err(Error::InvalidInput { field, reason }) => {
            assert_eq!(field, "name");
            reason
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(
        reason(""),
        "is empty; a section name is 1 to 180 characters"
    );
    assert_eq!(
        reason(&"ß".repeat(181)),
        "is 181 characters; the limit is 180"
    );
    assert!(sections::create_request(&config(), &token, "1", &"ß".repeat(180)).is_ok());
}

#[test]
fn sections_are_read_leniently_but_need_an_id() {
    let body = json!({"items": [
        {"id": "1", "name": "Salads", "extra": [1]},
        {"id": 2},
        {"id": "3", "name": 17}
    ], "bookmark": null});
    let mut script = Script::new([json(200, body)]);
    let cfg = config();
    let page = connector(&cfg, script.client())
        .list_sections(&access_token(), "549755885175", &PageQuery::default())
        .unwrap();
    let read: Vec<(&str, &str)> = page
        .items
        .iter()
        .map(|s| (s.id.as_str(), s.name.as_str()))
        .collect();
    assert_eq!(read, [("1", "Salads"), ("2", ""), ("3", "17")]);
    assert_eq!(page.bookmark, None);
    for bad in [
        json!({"items": [{"name": "No id"}]}),
        json!({"items": [{"id": ""}]}),
        json!({"items": [], "bookmark": ["b"]}),
        json!({"bookmark": "b"}),
    ] {
        let mut script = Script::new([json(200, bad.clone())]);
        let error = connector(&cfg, script.client())
            .list_sections(&access_token(), "549755885175", &PageQuery::default())
            .unwrap_err();
        assert!(
            matches!(error, Error::UnexpectedResponse { .. }),
            "{bad}: {error:?}"
        );
    }
}

#[test]
fn list_all_follows_bookmarks_to_the_end() {
    let mut script = Script::new([
        json(200, page(0..250, Some("s2"))),
        json(200, page(250..260, None)),
    ]);
    let cfg = config();
    let all = connector(&cfg, script.client())
        .list_all_sections(&access_token(), "549755885175", None)
        .unwrap();
    assert_eq!(all.items.len(), 260);
    assert_eq!(all.bookmark, None);
    assert!(script.sent[1].url.ends_with("?bookmark=s2&page_size=250"));
}

#[test]
fn list_all_stops_at_the_cap_and_refuses_a_repeated_bookmark() {
    let mut script = Script::new([
        json(200, page(0..3, Some("s2"))),
        json(200, page(3..6, Some("s3"))),
    ]);
    let cfg = config();
    let all = connector(&cfg, script.client())
        .list_all_sections(&access_token(), "549755885175", Some(5))
        .unwrap();
    assert_eq!((all.items.len(), all.bookmark.as_deref()), (6, Some("s3")));
    assert!(script.sent[1].url.ends_with("?bookmark=s2&page_size=2"));

    let mut script = Script::new([
        json(200, page(0..1, Some("s2"))),
        json(200, page(1..2, Some("s2"))),
    ]);
    let error = connector(&cfg, script.client())
        .list_all_sections(&access_token(), "549755885175", None)
        .unwrap_err();
    let Error::UnexpectedResponse { failure, .. } = error else {
        panic!("{error:?}")
    };
    assert!(failure.summary.contains("while listing sections"));
    assert!(failure.remedy.contains("list-sections"));
}

#[test]
fn a_delete_needs_204() {
    let cfg = config();
    let mut script = Script::new([raw(204, b"")]);
    connector(&cfg, script.client())
        .delete_section(&access_token(), &section_ref())
        .unwrap();
    let mut script = Script::new([json(200, json!({}))]);
    let error = connector(&cfg, script.client())
        .delete_section(&access_token(), &section_ref())
        .unwrap_err();
    let Error::UnexpectedResponse { failure, .. } = error else {
        panic!("{error:?}")
    };
    assert_eq!(
        failure.summary,
        "While deleting the section, Pinterest's answer was not usable: its status is 200 where 204 No Content was expected."
    );
    assert!(failure.remedy.starts_with(
        "The section may have been deleted anyway: check list-sections before retrying."
    ));
}
