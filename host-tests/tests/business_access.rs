//! Business Access through the real component: with `config.ad-account-id`
//! set, every request to an endpoint that takes Pinterest's `ad_account_id`
//! carries it (every API call here but the media ones), the token and media
//! endpoints never do (nor `api-request`, whose caller gives its query); an
//! empty id is none; a malformed one is refused before any request.

mod common;

use std::sync::{Arc, Mutex};

use common::*;
use pinterest_connector_host::http;
use serde_json::Value;

/// The calls of [`every_operation`] to endpoints that take no ad account:
/// the two token requests, the four media operations' and api-request's.
const NO_AD_ACCOUNT_CALLS: usize = 7;

/// The method and URL of every request a host was asked to send.
type Sent = Arc<Mutex<Vec<(String, String)>>>;

/// A host whose transport records every request and refuses to send it.
fn recording() -> (pinterest_connector_host::ConnectorHost, Sent) {
    let sent = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&sent);
    let transport = move |request: http::Request| {
        let method = match request.method {
            http::Method::Get => "GET",
            http::Method::Post => "POST",
            http::Method::Put => "PUT",
            http::Method::Patch => "PATCH",
            http::Method::Delete => "DELETE",
        };
        seen.lock().unwrap().push((method.to_owned(), request.url));
        Err(http::HttpError::Denied("recorded".into()))
    };
    (host().with_transport(Arc::new(transport)), sent)
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

/// Whether Pinterest's API description (the excerpt the conformance check
/// uses) gives the endpoint `method` `url` reaches an `ad_account_id`
/// parameter; none for a URL outside the API.
fn takes_ad_account(spec: &Value, method: &str, url: &str) -> Option<bool> {
    let path = url::Url::parse(url).unwrap().path().to_owned();
    let below = path.strip_prefix("/v5")?;
    let segments: Vec<&str> = below.split('/').collect();
    let (_, item) = spec["paths"].as_object()?.iter().find(|(template, item)| {
        let parts: Vec<&str> = template.split('/').collect();
        parts.len() == segments.len()
            && parts
                .iter()
                .zip(&segments)
                .all(|(p, s)| p.starts_with('{') || p == s)
            && item.get(method.to_lowercase()).is_some()
    })?;
    let parameters = item[method.to_lowercase()]["parameters"].as_array();
    Some(parameters.into_iter().flatten().any(|p| {
        let name = p["$ref"].as_str().map_or_else(
            || p["name"].as_str().unwrap_or_default().to_owned(),
            |r| {
                let key = r.rsplit('/').next().unwrap_or_default();
                spec["components"]["parameters"][key]["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            },
        );
        name == "ad_account_id"
    }))
}

#[test]
fn every_request_carries_the_ad_account_exactly_where_pinterest_takes_it() {
    let spec: Value =
        serde_json::from_str(include_str!("../conformance/pinterest-v5-subset.json")).unwrap();
    let (host, sent) = recording();
    let config = business(offline_config());
    let results = every_operation(&host, &config);
    assert_eq!(results.len(), EVERY_OPERATION_CALLS);
    let sent = sent.lock().unwrap().clone();
    assert_eq!(sent.len(), EVERY_OPERATION_CALLS, "one request per call");
    let mut carried = 0;
    for (method, url) in &sent {
        let takes = takes_ad_account(&spec, method, url)
            .unwrap_or_else(|| panic!("{method} {url} is not in the description"));
        if takes {
            assert_eq!(ad_accounts(url), [AD_ACCOUNT_ID], "{method} {url}");
            carried += 1;
        } else {
            assert!(ad_accounts(url).is_empty(), "{method} {url}");
        }
    }
    // All but the two token requests, the media operations' four and
    // api-request's (to /v5/media).
    assert_eq!(carried, EVERY_OPERATION_CALLS - NO_AD_ACCOUNT_CALLS);
    assert!(sent.iter().any(|(_, url)| url.ends_with("/v5/oauth/token")));
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
    let urls: Vec<String> = urls
        .lock()
        .unwrap()
        .iter()
        .map(|(_, u)| u.clone())
        .collect();
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
        for (_, url) in urls {
            assert!(!url.contains("ad_account_id"), "{url}");
        }
    }
}

#[test]
fn a_malformed_ad_account_is_refused_before_any_request() {
    let spec: Value =
        serde_json::from_str(include_str!("../conformance/pinterest-v5-subset.json")).unwrap();
    for (bad, expected) in [
        ("act_549755885176", "decimal digits only"),
        ("549755885176 ", "decimal digits only"),
        (
            "1234567890123456789",
            "is 19 digits; an ad account id has at most 18",
        ),
    ] {
        let (host, sent) = recording();
        let config = Config {
            ad_account_id: Some(bad.into()),
            ..offline_config()
        };
        let mut refused = 0;
        for (operation, error) in every_operation(&host, &config) {
            match error.unwrap_or_else(|| panic!("{operation} succeeded")) {
                Error::InvalidInput(i) => {
                    assert_eq!(i.field, "config.ad-account-id", "{operation}");
                    assert!(i.reason.contains(expected), "{operation}: {}", i.reason);
                    refused += 1;
                }
                // The calls of endpoints that take no ad account go out.
                Error::Transport(_) => {}
                other => panic!("{operation}: {other:?}"),
            }
        }
        assert_eq!(refused, EVERY_OPERATION_CALLS - NO_AD_ACCOUNT_CALLS);
        let sent = sent.lock().unwrap().clone();
        assert!(sent.len() >= 2, "the token requests go out: {sent:?}");
        for (method, url) in &sent {
            assert_eq!(
                takes_ad_account(&spec, method, url),
                Some(false),
                "{method} {url} was sent with a malformed ad account"
            );
        }
    }
}
