//! The endpoint table against Pinterest's API description: every entry's
//! method, path, scopes, rate-limit category and `ad_account_id` flag are
//! those of the excerpt of 5.23.0 that the conformance check holds every
//! request against (`host-tests/conformance/pinterest-v5-subset.json`).

use pinterest_connector::endpoints::ENDPOINTS;
use pinterest_connector::limits::MAX_AD_ACCOUNT_ID_LEN;
use serde_json::{Value, json};

fn openapi() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/host-tests/conformance/pinterest-v5-subset.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The method (upper case), full path and description of the endpoint
/// whose `operationId` is `id`.
fn described<'a>(spec: &'a Value, id: &str) -> (String, String, &'a Value) {
    let server = spec["servers"][0]["url"].as_str().unwrap();
    let prefix = url::Url::parse(server).unwrap().path().to_owned();
    spec["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            let operations = item.as_object().into_iter().flatten();
            operations.map(move |(method, operation)| (path, method, operation))
        })
        .find(|(_, _, operation)| operation["operationId"] == id)
        .map(|(path, method, operation)| {
            (method.to_uppercase(), format!("{prefix}{path}"), operation)
        })
        .unwrap_or_else(|| panic!("{id} is not in Pinterest's API description"))
}

#[test]
fn every_endpoint_is_pinterests() {
    let spec = openapi();
    for endpoint in ENDPOINTS {
        let id = endpoint.operation_id;
        let (method, path, operation) = described(&spec, id);
        assert_eq!(endpoint.method.as_str(), method, "{id}");
        assert_eq!(endpoint.path, path, "{id}");
        let scopes = operation["security"]
            .as_array()
            .unwrap()
            .iter()
            .find_map(|s| s.get("pinterest_oauth2"))
            .cloned()
            .unwrap_or(json!([]));
        assert_eq!(json!(endpoint.scopes), scopes, "{id}");
        assert_eq!(
            endpoint.rate_limit_category.as_str(),
            operation["x-ratelimit-category"],
            "{id}"
        );
    }
}

/// The parameters of an operation, each `$ref` resolved.
fn parameters<'a>(spec: &'a Value, operation: &'a Value) -> Vec<&'a Value> {
    operation["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| match p["$ref"].as_str() {
            Some(reference) => {
                let name = reference.rsplit('/').next().unwrap();
                &spec["components"]["parameters"][name]
            }
            None => p,
        })
        .collect()
}

#[test]
fn every_endpoint_takes_ad_account_id_exactly_where_pinterest_does() {
    let spec = openapi();
    for endpoint in ENDPOINTS {
        let id = endpoint.operation_id;
        let (_, _, operation) = described(&spec, id);
        let ad_account = parameters(&spec, operation)
            .into_iter()
            .find(|p| p["name"] == "ad_account_id");
        assert_eq!(endpoint.ad_account_id, ad_account.is_some(), "{id}");
        let Some(parameter) = ad_account else {
            continue;
        };
        assert_eq!(parameter["in"], "query", "{id}");
        assert_eq!(parameter["required"], false, "{id}");
        let schema = &parameter["schema"];
        assert_eq!(schema["type"], "string", "{id}");
        assert_eq!(schema["pattern"], "^\\d+$", "{id}");
        assert_eq!(schema["maxLength"], json!(MAX_AD_ACCOUNT_ID_LEN), "{id}");
    }
}
