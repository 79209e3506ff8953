//! The HTTP status of each of the connector's error cases. The body always
//! carries the typed error itself; the status lets a platform's HTTP layer
//! tell at a glance what kind of failure it is and whether to retry:
//! 4xx will fail again unchanged, 429 and 5xx may pass later.

use serde_json::Value;

/// Every case of the connector's `error`, with its status. A test checks
/// that every case of the WIT's `error` variant is here.
pub const STATUS: &[(&str, u16)] = &[
    // Bad input, refused before any HTTP call (also the service's own
    // refusals of a body that is not the operation's input).
    ("invalid-input", 400),
    // The access token is invalid or expired: refresh, then re-authorize.
    ("unauthorized", 401),
    // The token lacks a scope, the app has only Trial access, or the
    // account may not do this.
    ("missing-scope", 403),
    ("trial-access", 403),
    ("forbidden", 403),
    ("not-found", 404),
    // Pinterest refused the request's content.
    ("bad-request", 422),
    // The token endpoint refused the code or refresh token, as OAuth 2.0's
    // token endpoint answers `invalid_grant`.
    ("grant-rejected", 400),
    // Retry after `retry-after` seconds (the header is set).
    ("rate-limited", 429),
    // Pinterest failed, could not be reached or answered nonsense.
    ("upstream-unavailable", 502),
    ("transport", 502),
    ("unexpected-response", 502),
];

/// The status for `error` (the connector's error in its JSON form): the
/// case's entry in [`STATUS`], 504 for a transport timeout, 500 for a case
/// this build does not know.
pub fn status(error: &Value) -> u16 {
    let tag = error["tag"].as_str().unwrap_or_default();
    if tag == "transport" && error["val"]["problem"] == "timeout" {
        return 504;
    }
    STATUS
        .iter()
        .find(|(case, _)| *case == tag)
        .map_or(500, |(_, status)| *status)
}

/// Seconds to wait before retrying a rate-limited call, if Pinterest said.
pub fn retry_after(error: &Value) -> Option<u64> {
    let val = &error["val"];
    val["retry-after-seconds"]
        .as_u64()
        .or_else(|| val["reset-seconds"].as_u64())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use serde_json::json;
    use wit_parser::{Resolve, TypeDefKind};

    use super::*;

    #[test]
    fn every_error_case_of_the_wit_has_a_status() {
        let mut resolve = Resolve::default();
        let (package, _) = resolve
            .push_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../wit"))
            .unwrap();
        let types = resolve.packages[package].interfaces["types"];
        let error = resolve.interfaces[types].types["error"];
        let TypeDefKind::Variant(variant) = &resolve.types[error].kind else {
            panic!("error is a variant");
        };
        let cases: BTreeSet<&str> = variant.cases.iter().map(|c| c.name.as_str()).collect();
        let mapped: BTreeSet<&str> = STATUS.iter().map(|(case, _)| *case).collect();
        assert_eq!(cases, mapped);
    }

    #[test]
    fn a_timeout_is_a_gateway_timeout() {
        let timeout = json!({"tag": "transport", "val": {"problem": "timeout"}});
        let refused = json!({"tag": "transport", "val": {"problem": "connection"}});
        assert_eq!((status(&timeout), status(&refused)), (504, 502));
        assert_eq!(status(&json!({"tag": "something-new"})), 500);
    }

    #[test]
    fn retry_after_comes_from_the_rate_limit() {
        let limited = json!({"tag": "rate-limited", "val": {"retry-after-seconds": 7}});
        assert_eq!(retry_after(&limited), Some(7));
        assert_eq!(
            retry_after(&json!({"tag": "rate-limited", "val": {}})),
            None
        );
    }
}
