//! Business Access through the real component: with `config.ad-account-id`
//! set, every request to an endpoint that takes Pinterest's `ad_account_id`
//! carries it (every API call here), the token endpoint never does; an
//! empty id is none; a malformed one is refused before any request.

mod common;

use std::sync::{Arc, Mutex};

use common::*;
use pinterest_connector_host::http;

/// A host whose transport records every URL and refuses to send it.
fn recording() -> (
    pinterest_connector_host::ConnectorHost,
    Arc<Mutex<Vec<String>>>,
) {
    let urls = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&urls);
    let transport = move |request: http::Request| {
        seen.lock().unwrap().push(request.url);
        Err(http::HttpError::Denied("recorded".into()))
    };
    (host().with_transport(Arc::new(transport)), urls)
}

/// The `ad_account_id` values of a URL's query.
fn ad_accounts(url: &str) -> Vec<String> {
    url::Url::parse(url)
        .unwrap()
        .query_pairs()
        .filter(|(k, _)| k == "ad_account_id")
        .map(|(_, v)| v.into_owned())
        .collect()
}

#[test]
fn every_api_request_carries_the_ad_account_and_token_requests_do_not() {
    let (host, urls) = recording();
    let config = business(offline_config());
    let results = every_operation(&host, &config);
    assert_eq!(results.len(), EVERY_OPERATION_CALLS);
    let urls = urls.lock().unwrap().clone();
    assert_eq!(urls.len(), EVERY_OPERATION_CALLS, "one request per call");
    let mut api = 0;
    for url in &urls {
        if url.ends_with("/v5/oauth/token") {
            assert!(ad_accounts(url).is_empty(), "{url}");
        } else {
            assert_eq!(ad_accounts(url), [AD_ACCOUNT_ID], "{url}");
            api += 1;
        }
    }
    assert_eq!(api, EVERY_OPERATION_CALLS - 2);
}

#[test]
fn the_ad_account_comes_after_the_listing_query() {
    let (host, urls) = recording();
    let query = types::PageQuery {
        bookmark: Some("b2".into()),
        page_size: Some(50),
    };
    let config = business(offline_config());
    let _ = host.list_pins(&config, ACCESS_TOKEN, &types::PinSource::Account, &query);
    let _ = host.list_boards(
        &config,
        ACCESS_TOKEN,
        &types::ListBoardsQuery {
            bookmark: None,
            page_size: Some(10),
            privacy: Some(types::BoardPrivacyFilter::Secret),
        },
    );
    let urls = urls.lock().unwrap().clone();
    assert_eq!(
        urls,
        [
            format!(
                "http://127.0.0.1:9/v5/pins?bookmark=b2&page_size=50&ad_account_id={AD_ACCOUNT_ID}"
            ),
            format!(
                "http://127.0.0.1:9/v5/boards?page_size=10&privacy=SECRET&ad_account_id={AD_ACCOUNT_ID}"
            ),
        ]
    );
}

#[test]
fn without_an_ad_account_or_with_an_empty_one_nothing_is_added() {
    for ad_account_id in [None, Some(String::new())] {
        let (host, urls) = recording();
        let config = Config {
            ad_account_id,
            ..offline_config()
        };
        every_operation(&host, &config);
        let urls = urls.lock().unwrap().clone();
        assert_eq!(urls.len(), EVERY_OPERATION_CALLS);
        for url in urls {
            assert!(!url.contains("ad_account_id"), "{url}");
        }
    }
}

#[test]
fn a_malformed_ad_account_is_refused_before_any_request() {
    for (bad, expected) in [
        ("act_549755885176", "decimal digits only"),
        ("549755885176 ", "decimal digits only"),
        (
            "1234567890123456789",
            "is 19 digits; an ad account id has at most 18",
        ),
    ] {
        let (host, urls) = recording();
        let config = Config {
            ad_account_id: Some(bad.into()),
            ..offline_config()
        };
        for (operation, error) in every_operation(&host, &config) {
            let error = error.unwrap_or_else(|| panic!("{operation} succeeded"));
            if matches!(operation, "exchange" | "refresh") {
                // The token endpoint takes no ad account: its calls go out.
                assert!(
                    matches!(error, Error::Transport(_)),
                    "{operation}: {error:?}"
                );
                continue;
            }
            let reason = invalid_input(error, "config.ad-account-id");
            assert!(reason.contains(expected), "{operation}: {reason}");
        }
        let urls = urls.lock().unwrap().clone();
        assert_eq!(urls.len(), 2, "only the token requests: {urls:?}");
    }
}
