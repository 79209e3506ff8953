//! Boards natively: the list query, reading pages and boards, and following
//! bookmarks.

mod support;

use pinterest_connector::{BoardPrivacy, Error, ListQuery, Method, PrivacyFilter};
use serde_json::{Value, json};
use support::*;

fn board(id: usize) -> Value {
    json!({"id": id.to_string(), "name": format!("Board {id}")})
}

fn page(ids: std::ops::Range<usize>, bookmark: Option<&str>) -> Value {
    json!({"items": ids.map(board).collect::<Vec<_>>(), "bookmark": bookmark})
}

#[test]
fn first_page_sends_only_what_was_asked() {
    let mut script = Script::new([json(200, page(0..2, None))]);
    let cfg = config();
    connector(&cfg, script.client())
        .list_boards(&access_token(), &ListQuery::default())
        .unwrap();
    let sent = &script.sent[0];
    assert_eq!(sent.method, Method::Get);
    assert_eq!(sent.url, "https://api.pinterest.com/v5/boards");
    assert_eq!(
        sent.header("authorization"),
        Some(format!("Bearer {ACCESS_TOKEN}").as_str())
    );
    assert_eq!(sent.header("accept"), Some("application/json"));
    assert!(sent.body.is_empty());
}

#[test]
fn bookmark_page_size_and_privacy_are_encoded() {
    let mut script = Script::new([json(200, page(0..1, None))]);
    let cfg = config();
    let query = ListQuery {
        bookmark: Some("Pz9Nakl4&page=2+=/".into()),
        page_size: Some(250),
        privacy: Some(PrivacyFilter::PublicAndSecret),
    };
    connector(&cfg, script.client())
        .list_boards(&access_token(), &query)
        .unwrap();
    let url = url::Url::parse(&script.sent[0].url).unwrap();
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    assert_eq!(
        pairs,
        [
            ("bookmark".to_owned(), "Pz9Nakl4&page=2+=/".to_owned()),
            ("page_size".to_owned(), "250".to_owned()),
            ("privacy".to_owned(), "PUBLIC_AND_SECRET".to_owned()),
        ]
    );
}

#[test]
fn boards_are_read_leniently() {
    let body = json!({
        "items": [{
            "id": "549755885175",
            "name": "Summer recipes",
            "description": null,
            "privacy": "SECRET",
            "owner": {"username": "chef"},
            "pin_count": 5,
            "follower_count": -3,
            "collaborator_count": 1.0,
            "is_ads_only": "no",
            "created_at": "2020-01-01T20:10:40-00:00",
            "media": {"image_cover_url": "https://i.pinimg.com/400x300/x.jpg", "pin_thumbnail_urls": []},
            "board_pins_modified_at": "2020-01-01T20:10:40-00:00",
            "brand_new_field": [1, 2]
        }, {"id": 7, "name": "Numeric id", "created_at": "2023-03-21T18:17:39"}],
        "bookmark": ""
    });
    let mut script = Script::new([json(200, body)]);
    let cfg = config();
    let page = connector(&cfg, script.client())
        .list_boards(&access_token(), &ListQuery::default())
        .unwrap();
    assert_eq!(page.bookmark, None);
    let b = &page.items[0];
    assert_eq!(b.id, "549755885175");
    assert_eq!(b.privacy, BoardPrivacy::Secret);
    assert_eq!(b.owner_username.as_deref(), Some("chef"));
    assert_eq!(
        (b.pin_count, b.follower_count, b.collaborator_count),
        (Some(5), None, Some(1))
    );
    assert_eq!(b.is_ads_only, None);
    assert_eq!(
        b.cover_image_url.as_deref(),
        Some("https://i.pinimg.com/400x300/x.jpg")
    );
    assert_eq!(b.created_at.as_deref(), Some("2020-01-01T20:10:40Z"));
    assert_eq!(page.items[1].id, "7");
    assert_eq!(
        page.items[1].created_at.as_deref(),
        Some("2023-03-21T18:17:39Z"),
        "Pinterest's zone-less UTC times get a Z"
    );
    assert_eq!(page.items[1].privacy, BoardPrivacy::Public);
}

#[test]
fn board_times_in_any_zone_come_back_in_utc() {
    let body = json!({"items": [
        {"id": "1", "name": "A", "created_at": "2020-01-01T03:00:00+05:30"},
        {"id": "2", "name": "B", "created_at": "2019-12-31T22:00:00-02:30"},
        {"id": "3", "name": "C", "created_at": "2024-03-01T00:15:00+01:00"},
        {"id": "4", "name": "D", "created_at": "2020-01-01T20:10:40 PST"},
        {"id": "5", "name": "E", "created_at": "2023-02-29T10:00:00Z"},
    ]});
    let mut script = Script::new([json(200, body)]);
    let cfg = config();
    let page = connector(&cfg, script.client())
        .list_boards(&access_token(), &ListQuery::default())
        .unwrap();
    let times: Vec<Option<&str>> = page.items.iter().map(|b| b.created_at.as_deref()).collect();
    assert_eq!(
        times,
        [
            Some("2019-12-31T21:30:00Z"),
            Some("2020-01-01T00:30:00Z"),
            Some("2024-02-29T23:15:00Z"),
            None,
            None,
        ]
    );
}

/// The error of listing boards (one page and all of them) against pages
/// that all say `body`, and the number of requests sent.
fn listing_errors(body: Value) -> Vec<(Error, usize)> {
    let cfg = config();
    let mut one = Script::new([json(200, body.clone())]);
    let page = connector(&cfg, one.client())
        .list_boards(&access_token(), &ListQuery::default())
        .err();
    let mut all = Script::new((0..5).map(|_| json(200, body.clone())));
    let every = connector(&cfg, all.client())
        .list_all_boards(&access_token(), None, None)
        .err();
    [(page, one.sent.len()), (every, all.sent.len())]
        .into_iter()
        .map(|(error, sent)| (error.expect("the listing should fail"), sent))
        .collect()
}

#[test]
fn a_bookmark_of_the_wrong_type_never_ends_a_listing_early() {
    for bookmark in [
        json!(12345),
        json!({"next": "b2"}),
        json!(["b2"]),
        json!(true),
    ] {
        let body = json!({"items": [board(1)], "bookmark": bookmark});
        for (error, sent) in listing_errors(body) {
            let Error::UnexpectedResponse { failure, .. } = &error else {
                panic!("{bookmark}: {error:?}")
            };
            assert!(
                failure.summary.contains("expected a string or null"),
                "{bookmark}: {}",
                failure.summary
            );
            assert_eq!(sent, 1, "{bookmark}");
        }
    }
    // Null (as Pinterest ends a listing) and an empty string are the last page.
    for bookmark in [json!(null), json!("")] {
        let mut script = Script::new([json(
            200,
            json!({"items": [board(1)], "bookmark": bookmark}),
        )]);
        let cfg = config();
        let page = connector(&cfg, script.client())
            .list_all_boards(&access_token(), None, None)
            .unwrap();
        assert_eq!((page.items.len(), page.bookmark), (1, None), "{bookmark}");
    }
}

#[test]
fn a_privacy_of_the_wrong_type_is_unexpected_like_an_unknown_one() {
    for privacy in [
        json!([]),
        json!({"v": "SECRET"}),
        json!(null),
        json!(5),
        json!("HIDDEN"),
    ] {
        let item = json!({"id": "42", "name": "R", "privacy": privacy});
        let mut script = Script::new([json(200, item.clone())]);
        let cfg = config();
        let error = connector(&cfg, script.client())
            .get_board(&access_token(), "42")
            .unwrap_err();
        assert!(
            matches!(error, Error::UnexpectedResponse { .. }),
            "{privacy}: {error:?}"
        );
        for (error, _) in listing_errors(json!({"items": [item]})) {
            assert!(
                matches!(error, Error::UnexpectedResponse { .. }),
                "{privacy}: {error:?}"
            );
        }
    }
    // Left out, it is Pinterest's default; known values in any case.
    for (privacy, expected) in [
        (None, BoardPrivacy::Public),
        (Some("secret"), BoardPrivacy::Secret),
        (Some("Protected"), BoardPrivacy::Protected),
    ] {
        let mut item = json!({"id": "42", "name": "R"});
        if let Some(p) = privacy {
            item["privacy"] = json!(p);
        }
        let mut script = Script::new([json(200, item)]);
        let cfg = config();
        let board = connector(&cfg, script.client())
            .get_board(&access_token(), "42")
            .unwrap();
        assert_eq!(board.privacy, expected, "{privacy:?}");
    }
}

#[test]
fn a_board_name_is_cosmetic_numbers_keep_their_text() {
    for (name, expected) in [
        (json!("Recipes"), "Recipes"),
        (json!(2024), "2024"),
        (json!(null), ""),
        (json!({"text": "x"}), ""),
    ] {
        let mut script = Script::new([json(200, json!({"id": "42", "name": name}))]);
        let cfg = config();
        let board = connector(&cfg, script.client())
            .get_board(&access_token(), "42")
            .unwrap();
        assert_eq!(board.name, expected, "{name}");
    }
}

#[test]
fn a_page_without_items_or_with_a_huge_bookmark_is_unexpected() {
    let huge = "b".repeat(5000);
    for body in [
        json!({"bookmark": "x"}),
        json!({"items": [], "bookmark": huge}),
    ] {
        let mut script = Script::new([json(200, body)]);
        let cfg = config();
        let error = connector(&cfg, script.client())
            .list_boards(&access_token(), &ListQuery::default())
            .unwrap_err();
        assert!(
            matches!(error, Error::UnexpectedResponse { .. }),
            "{error:?}"
        );
    }
}

#[test]
fn list_all_follows_bookmarks_to_the_end() {
    let mut script = Script::new([
        json(200, page(0..250, Some("p2"))),
        json(200, page(250..500, Some("p3"))),
        json(200, page(500..510, None)),
    ]);
    let cfg = config();
    let all = connector(&cfg, script.client())
        .list_all_boards(&access_token(), Some(PrivacyFilter::All), None)
        .unwrap();
    assert_eq!(all.items.len(), 510);
    assert_eq!(all.bookmark, None);
    let urls: Vec<&str> = script.sent.iter().map(|r| r.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            "https://api.pinterest.com/v5/boards?page_size=250&privacy=ALL",
            "https://api.pinterest.com/v5/boards?bookmark=p2&page_size=250&privacy=ALL",
            "https://api.pinterest.com/v5/boards?bookmark=p3&page_size=250&privacy=ALL",
        ]
    );
}

#[test]
fn list_all_stops_at_the_cap_and_hands_back_the_bookmark() {
    let mut script = Script::new([
        json(200, page(0..250, Some("p2"))),
        json(200, page(250..300, Some("p3"))),
    ]);
    let cfg = config();
    let all = connector(&cfg, script.client())
        .list_all_boards(&access_token(), None, Some(300))
        .unwrap();
    assert_eq!(all.items.len(), 300);
    assert_eq!(all.bookmark.as_deref(), Some("p3"));
    assert!(
        script.sent[1].url.ends_with("bookmark=p2&page_size=50"),
        "{}",
        script.sent[1].url
    );
}

#[test]
fn list_all_refuses_a_bookmark_that_repeats() {
    let mut script = Script::new([
        json(200, page(0..1, Some("same"))),
        json(200, page(1..2, Some("same"))),
    ]);
    let cfg = config();
    let error = connector(&cfg, script.client())
        .list_all_boards(&access_token(), None, None)
        .unwrap_err();
    let Error::UnexpectedResponse { failure, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(
        failure.summary.contains("same bookmark"),
        "{}",
        failure.summary
    );
}

#[test]
fn list_all_checks_its_cap() {
    let mut script = Script::new([]);
    let cfg = config();
    for cap in [0, 10_001] {
        let error = connector(&cfg, script.client())
            .list_all_boards(&access_token(), None, Some(cap))
            .unwrap_err();
        assert!(matches!(error, Error::InvalidInput { field, .. } if field == "max-boards"));
    }
}

#[test]
fn get_board_wants_a_decimal_id() {
    let mut script = Script::new([json(200, board(42))]);
    let cfg = config();
    let mut c = connector(&cfg, script.client());
    assert!(matches!(
        c.get_board(&access_token(), "../user_account"),
        Err(Error::InvalidInput { field, .. }) if field == "board-id"
    ));
    assert_eq!(c.get_board(&access_token(), "42").unwrap().name, "Board 42");
    drop(c);
    assert_eq!(script.sent.len(), 1);
    assert_eq!(script.sent[0].url, "https://api.pinterest.com/v5/boards/42");
}

#[test]
fn create_and_update_bodies_say_only_what_was_given() {
    use pinterest_connector::internals::boards;
    use pinterest_connector::{BoardChanges, BoardInput};
    let body = |request: pinterest_connector::Request| -> Value {
        serde_json::from_slice(request.bytes().unwrap()).unwrap()
    };
    let board = BoardInput {
        name: "Recipes".into(),
        description: Some(String::new()),
        privacy: Some(BoardPrivacy::Protected),
        is_ads_only: Some(true),
    };
    let create = boards::create_request(&config(), &access_token(), &board).unwrap();
    assert_eq!(
        (create.method, create.url.as_str()),
        (Method::Post, "https://api.pinterest.com/v5/boards")
    );
    assert_eq!(
        body(create),
        json!({"name": "Recipes", "privacy": "PROTECTED", "is_ads_only": true})
    );
    let changes = BoardChanges {
        name: None,
        description: Some(String::new()),
        privacy: Some(BoardPrivacy::Public),
    };
    let update = boards::update_request(&config(), &access_token(), "42", &changes).unwrap();
    assert_eq!(
        (update.method, update.url.as_str()),
        (Method::Patch, "https://api.pinterest.com/v5/boards/42")
    );
    assert_eq!(
        body(update),
        json!({"description": null, "privacy": "PUBLIC"})
    );
    let delete = boards::delete_request(&config(), &access_token(), "42").unwrap();
    assert_eq!(delete.method, Method::Delete);
    assert!(delete.body.is_empty());
}

#[test]
fn a_board_cannot_be_made_protected_nor_left_unchanged() {
    use pinterest_connector::BoardChanges;
    use pinterest_connector::internals::boards;
    let field = |changes: BoardChanges| match boards::update_request(
        &config(),
        &access_token(),
        "42",
        &changes,
    ) {
        Err(Error::InvalidInput { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        field(BoardChanges {
            privacy: Some(BoardPrivacy::Protected),
            ..BoardChanges::default()
        }),
        "changes.privacy"
    );
    assert_eq!(field(BoardChanges::default()), "changes");
    assert_eq!(
        field(BoardChanges {
            name: Some(" ".into()),
            ..BoardChanges::default()
        }),
        "changes.name"
    );
}

#[test]
fn a_numeric_bookmark_is_unexpected_not_the_last_page() {
    let mut script = Script::new([json(200, json!({"items": [board(1)], "bookmark": 2}))]);
    let cfg = config();
    let error = connector(&cfg, script.client())
        .list_boards(&access_token(), &ListQuery::default())
        .unwrap_err();
    assert!(
        matches!(&error, Error::UnexpectedResponse { failure, .. }
            if failure.summary.contains("expected a string or null, found a number")),
        "{error:?}"
    );
}

#[test]
fn the_ad_account_follows_the_listing_query_and_is_checked() {
    let mut cfg = config();
    cfg.ad_account_id = Some("549755885176".into());
    let query = ListQuery {
        bookmark: None,
        page_size: Some(5),
        privacy: Some(PrivacyFilter::Public),
    };
    let request =
        pinterest_connector::internals::boards::list_request(&cfg, &access_token(), &query)
            .unwrap();
    assert_eq!(
        request.url,
        "https://api.pinterest.com/v5/boards?page_size=5&privacy=PUBLIC&ad_account_id=549755885176"
    );
    cfg.ad_account_id = Some("1e9".into());
    let mut script = Script::new([]);
    let error = connector(&cfg, script.client())
        .get_board(&access_token(), "42")
        .unwrap_err();
    assert!(
        matches!(&error, Error::InvalidInput { field, .. } if field == "config.ad-account-id"),
        "{error:?}"
    );
    assert!(script.sent.is_empty());
}
