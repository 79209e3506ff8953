//! `describe` through the real component: the manifest is JSON, its schemas
//! match the WIT in `wit/` exactly (parsed with `wit-parser`, not a list kept
//! by hand), its scopes and rate-limit categories are those of Pinterest's
//! API description, and sample inputs pass or fail its schemas as the
//! connector's own checks would.

mod common;

use std::sync::OnceLock;

use common::*;
use serde_json::{Value, json};
use wit_parser::{Function, InterfaceId, Resolve, Type, TypeDefKind};

/// The manifest, read once through the component.
fn manifest() -> &'static Value {
    static MANIFEST: OnceLock<Value> = OnceLock::new();
    MANIFEST.get_or_init(|| {
        let text = host().describe().expect("describe runs");
        serde_json::from_str(&text).expect("describe returns JSON")
    })
}

fn operation(name: &str) -> &'static Value {
    manifest()["operations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|op| op["name"] == name)
        .unwrap_or_else(|| panic!("no operation {name}"))
}

/// The contract, parsed from `wit/`.
struct Contract {
    resolve: Resolve,
    connector: InterfaceId,
}

impl Contract {
    fn load() -> Self {
        let mut resolve = Resolve::default();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../wit");
        let (package, _) = resolve.push_dir(&dir).expect("wit/ parses");
        let connector = resolve.packages[package].interfaces["connector"];
        Self { resolve, connector }
    }

    fn functions(&self) -> impl Iterator<Item = &Function> {
        self.resolve.interfaces[self.connector].functions.values()
    }

    /// Every way `schema` differs from the WIT type `ty`, by JSON path.
    fn differences(&self, ty: &Type, schema: &Value, at: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.compare(ty, schema, at, &mut out);
        out
    }

    fn compare(&self, ty: &Type, schema: &Value, at: &str, out: &mut Vec<String>) {
        let mut expect = |ok: bool, what: &str| {
            if !ok {
                out.push(format!("{at}: {what} (schema {schema})"));
            }
        };
        let range = |min: i64, max: i64| {
            schema["type"] == "integer"
                && schema["minimum"].as_i64().is_some_and(|m| m >= min)
                && schema["maximum"].as_i64().is_some_and(|m| m <= max)
        };
        match ty {
            Type::Bool => expect(schema["type"] == "boolean", "a bool is a boolean"),
            Type::String => expect(schema["type"] == "string", "a string is a string"),
            Type::U16 => expect(
                range(0, u16::MAX.into()),
                "a u16 is an integer in its range",
            ),
            Type::U32 => expect(
                range(0, u32::MAX.into()),
                "a u32 is an integer in its range",
            ),
            Type::S32 => expect(
                range(i32::MIN.into(), i32::MAX.into()),
                "an s32 is an integer in its range",
            ),
            Type::Id(id) => match &self.resolve.types[*id].kind {
                TypeDefKind::Type(inner) => self.compare(inner, schema, at, out),
                TypeDefKind::Record(record) => {
                    let fields: Vec<(&str, &Type)> = record
                        .fields
                        .iter()
                        .map(|f| (f.name.as_str(), &f.ty))
                        .collect();
                    self.compare_object(&fields, schema, at, out);
                }
                TypeDefKind::Enum(e) => {
                    let cases: Vec<&str> = e.cases.iter().map(|c| c.name.as_str()).collect();
                    expect(
                        schema["type"] == "string" && schema["enum"] == json!(cases),
                        &format!("an enum lists its cases {cases:?}"),
                    );
                }
                TypeDefKind::Variant(v) => {
                    let alternatives = schema["oneOf"].as_array().cloned().unwrap_or_default();
                    expect(
                        alternatives.len() == v.cases.len(),
                        &format!("a variant has one alternative per case ({})", v.cases.len()),
                    );
                    for (case, alt) in v.cases.iter().zip(&alternatives) {
                        let here = format!("{at}<{}>", case.name);
                        if alt["properties"]["tag"] != json!({"const": case.name}) {
                            out.push(format!("{here}: tag is not {:?}", case.name));
                        }
                        match &case.ty {
                            Some(payload) => {
                                if alt["required"] != json!(["tag", "val"]) {
                                    out.push(format!("{here}: tag and val are required"));
                                }
                                self.compare(payload, &alt["properties"]["val"], &here, out);
                            }
                            None => {
                                if alt["required"] != json!(["tag"])
                                    || !alt["properties"]["val"].is_null()
                                {
                                    out.push(format!(
                                        "{here}: a case without payload has only a tag"
                                    ));
                                }
                            }
                        }
                    }
                }
                TypeDefKind::List(item) => {
                    expect(schema["type"] == "array", "a list is an array");
                    self.compare(item, &schema["items"], &format!("{at}[]"), out);
                }
                other => out.push(format!(
                    "{at}: {other:?} appears only as a record field or parameter here"
                )),
            },
            other => out.push(format!("{at}: the contract uses no {other:?}")),
        }
    }

    /// An object of `fields` (a record or a parameter list): every field
    /// named with a description, every non-option field required, nothing
    /// else allowed.
    fn compare_object(
        &self,
        fields: &[(&str, &Type)],
        schema: &Value,
        at: &str,
        out: &mut Vec<String>,
    ) {
        if schema["type"] != "object" || schema["additionalProperties"] != json!(false) {
            out.push(format!("{at}: a record is a closed object"));
        }
        let names: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
        let properties: Vec<&str> = schema["properties"]
            .as_object()
            .map(|p| p.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let mut sorted_names = names.clone();
        sorted_names.sort_unstable();
        let mut sorted_properties = properties.clone();
        sorted_properties.sort_unstable();
        if sorted_names != sorted_properties {
            out.push(format!(
                "{at}: fields {names:?}, schema properties {properties:?}"
            ));
        }
        let required: Vec<&str> = fields
            .iter()
            .filter(|(_, ty)| self.option_inner(ty).is_none())
            .map(|(n, _)| *n)
            .collect();
        if schema["required"] != json!(required) {
            out.push(format!(
                "{at}: required should be {required:?}, is {}",
                schema["required"]
            ));
        }
        for (name, ty) in fields {
            let property = &schema["properties"][*name];
            let here = format!("{at}.{name}");
            if property["description"].as_str().is_none_or(str::is_empty) {
                out.push(format!("{here}: no description"));
            }
            let ty = self.option_inner(ty).unwrap_or(ty);
            self.compare(ty, property, &here, out);
        }
    }

    fn option_inner<'a>(&'a self, ty: &'a Type) -> Option<&'a Type> {
        match ty {
            Type::Id(id) => match &self.resolve.types[*id].kind {
                TypeDefKind::Option(inner) => Some(inner),
                TypeDefKind::Type(alias) => self.option_inner(alias),
                _ => None,
            },
            _ => None,
        }
    }

    /// `(ok, err)` when `ty` is a `result`.
    fn result_parts<'a>(&'a self, ty: &'a Type) -> Option<(Option<&'a Type>, Option<&'a Type>)> {
        match ty {
            Type::Id(id) => match &self.resolve.types[*id].kind {
                TypeDefKind::Result(r) => Some((r.ok.as_ref(), r.err.as_ref())),
                _ => None,
            },
            _ => None,
        }
    }
}

#[test]
fn the_manifest_names_the_connector_its_contract_and_oauth() {
    let m = manifest();
    assert_eq!(m["name"], "pinterest-connector");
    assert_eq!(m["version"], "0.3.0");
    assert_eq!(m["contract"], "pinterest:connector@0.3.0");
    let auth = &m["auth"];
    assert_eq!(auth["type"], "oauth2");
    assert_eq!(
        auth["defaultScopes"],
        json!([
            "boards:read",
            "boards:write",
            "pins:read",
            "pins:write",
            "user_accounts:read"
        ])
    );
    for role in ["authorize", "exchange", "refresh", "status", "profile"] {
        let name = auth["operations"][role].as_str().unwrap();
        operation(name);
    }
}

#[test]
fn the_contract_version_is_the_wit_package_version() {
    let contract = Contract::load();
    let interface = &contract.resolve.interfaces[contract.connector];
    let package = &contract.resolve.packages[interface.package.unwrap()];
    assert_eq!(manifest()["contract"], package.name.to_string());
}

#[test]
fn every_exported_function_but_describe_is_an_operation_in_wit_order() {
    let contract = Contract::load();
    let functions: Vec<&str> = contract
        .functions()
        .map(|f| f.name.as_str())
        .filter(|name| *name != "describe")
        .collect();
    let operations: Vec<&str> = manifest()["operations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|op| op["name"].as_str().unwrap())
        .collect();
    assert_eq!(operations, functions);
}

#[test]
fn the_schemas_match_the_wit_field_by_field() {
    let contract = Contract::load();
    let mut differences = Vec::new();
    for function in contract.functions().filter(|f| f.name != "describe") {
        let op = operation(&function.name);
        let params: Vec<(&str, &Type)> = function
            .params
            .iter()
            .map(|p| (p.name.as_str(), &p.ty))
            .collect();
        let names: Vec<&str> = params.iter().map(|(name, _)| *name).collect();
        if op["params"] != json!(names) {
            differences.push(format!("{}: params should be {names:?}", function.name));
        }
        let mut out = Vec::new();
        contract.compare_object(
            &params,
            &op["input"],
            &format!("{}(input)", function.name),
            &mut out,
        );
        differences.extend(out);
        let result = function
            .result
            .as_ref()
            .expect("every operation returns a value");
        match contract.result_parts(result) {
            Some((ok, err)) => {
                assert_eq!(op["fails"], true, "{} returns a result", function.name);
                match ok {
                    Some(ok) => differences.extend(contract.differences(
                        ok,
                        &op["output"],
                        &format!("{}(output)", function.name),
                    )),
                    None if op["output"] == json!({"type": "null"}) => {}
                    None => differences.push(format!(
                        "{}(output): nothing is null, not {}",
                        function.name, op["output"]
                    )),
                }
                let err = err.expect("a result with an error type");
                differences.extend(contract.differences(err, &manifest()["error"], "error"));
            }
            None => {
                assert_eq!(op["fails"], false, "{} cannot fail", function.name);
                differences.extend(contract.differences(
                    result,
                    &op["output"],
                    &format!("{}(output)", function.name),
                ));
            }
        }
    }
    assert!(
        differences.is_empty(),
        "the manifest differs from the WIT:\n{}",
        differences.join("\n")
    );
}

#[test]
fn a_changed_schema_would_be_caught() {
    // The comparison itself finds what it is there to find.
    let contract = Contract::load();
    let function = contract
        .functions()
        .find(|f| f.name == "create-pin")
        .unwrap();
    let params: Vec<(&str, &Type)> = function
        .params
        .iter()
        .map(|p| (p.name.as_str(), &p.ty))
        .collect();
    let mut input = operation("create-pin")["input"].clone();
    let pin = &mut input["properties"]["pin"];
    pin["required"] = json!(["media"]);
    pin["properties"]
        .as_object_mut()
        .unwrap()
        .remove("alt-text");
    let mut out = Vec::new();
    contract.compare_object(&params, &input, "create-pin(input)", &mut out);
    assert!(
        out.iter()
            .any(|d| d.contains("required should be [\"board-id\", \"media\"]")),
        "{out:#?}"
    );
    assert!(out.iter().any(|d| d.contains("fields [")), "{out:#?}");
}

/// Pinterest's API description of the endpoints the connector calls: the
/// excerpt of 5.23.0 the conformance check holds every request against
/// (`host-tests/conformance/pinterest-v5-subset.json`).
fn openapi() -> Value {
    serde_json::from_str(include_str!("../conformance/pinterest-v5-subset.json")).unwrap()
}

/// The endpoint of `spec` whose `operationId` is `id`: its method (upper
/// case), its path under the server's (`/v5/boards`) and its description.
fn endpoint<'a>(spec: &'a Value, id: &str) -> (String, String, &'a Value) {
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
fn api_request_calls_any_v5_path_and_upload_video_sends_host_content() {
    let raw = operation("api-request");
    assert_eq!(raw["http"], json!({"method": "any", "path": "/v5/…"}));
    assert_eq!(raw["endpoints"], json!([]));
    let upload = operation("upload-video");
    assert_eq!(upload["uploadsHostContent"], json!(true));
    assert_eq!(upload["operationId"], "media/create");
}

#[test]
fn scopes_and_rate_limit_categories_are_pinterests() {
    let spec = openapi();
    for op in manifest()["operations"].as_array().unwrap() {
        let name = &op["name"];
        let endpoints = op["endpoints"].as_array().unwrap();
        if endpoints.is_empty() {
            assert_eq!(op["scopes"], json!([]), "{name}");
            assert!(op["rateLimitCategory"].is_null(), "{name}");
            // api-request calls whichever path its caller names.
            let any_path = op["http"] == json!({"method": "any", "path": "/v5/…"});
            assert!(
                (op["http"].is_null() || any_path) && op["operationId"].is_null(),
                "{name}"
            );
            continue;
        }
        let mut union: Vec<Value> = Vec::new();
        for entry in endpoints {
            let id = entry["operationId"].as_str().unwrap();
            let (method, path, endpoint) = endpoint(&spec, id);
            let scopes = endpoint["security"]
                .as_array()
                .unwrap()
                .iter()
                .find_map(|s| s.get("pinterest_oauth2"))
                .cloned()
                .unwrap_or(json!([]));
            assert_eq!(entry["scopes"], scopes, "{name} {id}");
            for scope in scopes.as_array().unwrap() {
                if !union.contains(scope) {
                    union.push(scope.clone());
                }
            }
            assert_eq!(
                entry["rateLimitCategory"], endpoint["x-ratelimit-category"],
                "{name} {id}"
            );
            assert_eq!(
                op["rateLimitCategory"], endpoint["x-ratelimit-category"],
                "{name}"
            );
            assert_eq!(entry["method"], method, "{name} {id}");
            assert_eq!(entry["path"], path, "{name} {id}");
        }
        assert_eq!(
            op["scopes"],
            json!(union),
            "{name}: every endpoint's scopes"
        );
        if let [only] = endpoints.as_slice() {
            assert_eq!(op["operationId"], only["operationId"], "{name}");
            assert_eq!(op["http"]["method"], only["method"], "{name}");
            assert_eq!(op["http"]["path"], only["path"], "{name}");
        } else {
            // api-request calls whichever path its caller names.
            let any_path = op["http"] == json!({"method": "any", "path": "/v5/…"});
            assert!(
                (op["http"].is_null() || any_path) && op["operationId"].is_null(),
                "{name}"
            );
        }
    }
    let pins = operation("list-pins")["endpoints"].as_array().unwrap();
    let ids: Vec<&str> = pins
        .iter()
        .map(|e| e["operationId"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        ["boards/list_pins", "board_sections/list_pins", "pins/list"]
    );
}

#[test]
fn oauth_urls_and_scopes_are_pinterests_and_the_defaults_cover_every_operation() {
    let spec = openapi();
    let flow =
        &spec["components"]["securitySchemes"]["pinterest_oauth2"]["flows"]["authorizationCode"];
    let auth = &manifest()["auth"];
    assert_eq!(auth["authorizeUrl"], flow["authorizationUrl"]);
    assert_eq!(auth["tokenUrl"], flow["tokenUrl"]);
    let mut scopes: Vec<&str> = auth["scopes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    scopes.sort_unstable();
    let mut pinterests: Vec<&str> = flow["scopes"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    pinterests.sort_unstable();
    assert_eq!(scopes, pinterests);
    let defaults = auth["defaultScopes"].as_array().unwrap();
    for op in manifest()["operations"].as_array().unwrap() {
        for scope in op["scopes"].as_array().unwrap() {
            assert!(defaults.contains(scope), "{} needs {scope}", op["name"]);
        }
    }
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::validator_for(schema).expect("a valid JSON Schema")
}

fn sandbox_config() -> Value {
    json!({"client-id": CLIENT_ID, "client-secret": CLIENT_SECRET, "environment": "sandbox"})
}

#[test]
fn sample_inputs_pass_or_fail_as_the_connector_would_check_them() {
    let list = validator(&operation("list-boards")["input"]);
    let good = json!({"config": sandbox_config(), "access-token": ACCESS_TOKEN, "query": {"page-size": 25}});
    assert!(list.is_valid(&good));
    assert!(list.is_valid(&json!({"config": sandbox_config(), "access-token": ACCESS_TOKEN, "query": {"bookmark": "b2", "privacy": "public-and-secret"}})));
    for bad in [
        json!({"config": sandbox_config(), "access-token": ACCESS_TOKEN, "query": {"page-size": 251}}),
        json!({"config": sandbox_config(), "access-token": ACCESS_TOKEN, "query": {"page-size": 0}}),
        json!({"config": sandbox_config(), "access-token": ACCESS_TOKEN}),
        json!({"config": sandbox_config(), "access-token": ACCESS_TOKEN, "query": {"pageSize": 25}}),
        json!({"config": {"client-id": CLIENT_ID, "environment": "staging"}, "access-token": ACCESS_TOKEN, "query": {}}),
    ] {
        assert!(!list.is_valid(&bad), "accepted {bad}");
    }

    let create = validator(&operation("create-pin")["input"]);
    let pin =
        |pin: Value| json!({"config": sandbox_config(), "access-token": ACCESS_TOKEN, "pin": pin});
    for good in [
        json!({"board-id": "549755885175", "media": {"tag": "image-url", "val": "https://example.com/tart.jpg"}, "title": "Lemon tart"}),
        json!({"board-id": "549755885175", "media": {"tag": "image-urls", "val": {"items": [{"url": "https://example.com/a.jpg"}, {"url": "https://example.com/b.jpg", "title": "B"}], "index": 1}}}),
        json!({"board-id": "549755885175", "media": {"tag": "image-data", "val": {"content-type": "png", "data": "iVBORw0KGgo="}}}),
        json!({"board-id": "549755885175", "media": {"tag": "video", "val": {"media-id": "12345", "cover": {"tag": "key-frame-seconds", "val": 3}}}, "dominant-color": "#6E7874"}),
        json!({"board-id": "549755885175", "media": {"tag": "image-url", "val": "https://example.com/t.jpg"}, "title": "t".repeat(100), "alt-text": "a".repeat(500), "description": "d".repeat(800)}),
    ] {
        let input = pin(good);
        assert!(
            create.is_valid(&input),
            "refused {input}: {:?}",
            create
                .iter_errors(&input)
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
        );
    }
    for bad in [
        json!({"media": {"tag": "image-url", "val": "https://example.com/t.jpg"}}),
        json!({"board-id": "549755885175"}),
        json!({"board-id": "my recipes", "media": {"tag": "image-url", "val": "https://example.com/t.jpg"}}),
        json!({"board-id": "549755885175", "media": {"tag": "image-url", "val": "https://example.com/t.jpg"}, "title": "t".repeat(101)}),
        json!({"board-id": "549755885175", "media": {"tag": "image-url", "val": "https://example.com/t.jpg"}, "alt-text": "a".repeat(501)}),
        json!({"board-id": "549755885175", "media": {"tag": "image-url", "val": "https://example.com/t.jpg"}, "dominant-color": "grey"}),
        json!({"board-id": "549755885175", "media": {"tag": "pin-url", "val": "https://example.com/t.jpg"}}),
        json!({"board-id": "549755885175", "media": {"tag": "image-urls", "val": {"items": [{"url": "https://example.com/a.jpg"}]}}}),
        json!({"board-id": "549755885175", "media": {"tag": "image-data", "val": {"content-type": "gif", "data": "R0lGOD=="}}}),
        json!({"board_id": "549755885175", "media": {"tag": "image-url", "val": "https://example.com/t.jpg"}}),
    ] {
        assert!(!create.is_valid(&pin(bad.clone())), "accepted {bad}");
    }

    let authorize = validator(&operation("authorize")["input"]);
    assert!(authorize.is_valid(
        &json!({"config": sandbox_config(), "redirect-uri": "http://localhost:8085/", "scopes": []})
    ));
    assert!(
        !authorize.is_valid(
            &json!({"config": sandbox_config(), "redirect-uri": "http://localhost:8085/"})
        )
    );

    let with_ad_account = |id: &str| {
        let mut config = sandbox_config();
        config["ad-account-id"] = json!(id);
        json!({"config": config, "access-token": ACCESS_TOKEN, "query": {}})
    };
    for good in ["549755885176", "", "123456789012345678"] {
        assert!(list.is_valid(&with_ad_account(good)), "refused {good:?}");
    }
    for bad in ["act_1", "1234567890123456789", " 1"] {
        assert!(!list.is_valid(&with_ad_account(bad)), "accepted {bad:?}");
    }

    let section = validator(&operation("create-section")["input"]);
    let named = |name: String| json!({"config": sandbox_config(), "access-token": ACCESS_TOKEN, "board-id": "549755885175", "name": name});
    assert!(section.is_valid(&named("é".repeat(180))));
    assert!(!section.is_valid(&named(String::new())));
    assert!(!section.is_valid(&named("s".repeat(181))));

    let pins = validator(&operation("list-all-pins")["input"]);
    let from = |source: Value, max: u32| json!({"config": sandbox_config(), "access-token": ACCESS_TOKEN, "source": source, "max-items": max});
    for good in [
        from(json!({"tag": "board", "val": "549755885175"}), 10_000),
        from(
            json!({"tag": "section", "val": {"board-id": "1", "section-id": "2"}}),
            1,
        ),
        from(json!({"tag": "account"}), 1000),
    ] {
        assert!(pins.is_valid(&good), "refused {good}");
    }
    for bad in [
        from(json!({"tag": "board", "val": "my-board"}), 1000),
        from(json!({"tag": "section", "val": {"board-id": "1"}}), 1000),
        from(json!({"tag": "account"}), 10_001),
        from(json!({"tag": "account"}), 0),
    ] {
        assert!(!pins.is_valid(&bad), "accepted {bad}");
    }

    let update = validator(&operation("update-pin")["input"]);
    let changes = |changes: Value| json!({"config": sandbox_config(), "access-token": ACCESS_TOKEN, "pin-id": "813744226420795884", "changes": changes});
    assert!(update.is_valid(&changes(
        json!({"board-section-id": "", "title": "", "link": "", "alt-text": "a".repeat(500)})
    )));
    for bad in [
        json!({"board-id": ""}),
        json!({"board-section-id": "salads"}),
        json!({"title": "t".repeat(101)}),
        json!({"alt_text": "a"}),
    ] {
        assert!(!update.is_valid(&changes(bad.clone())), "accepted {bad}");
    }

    let board = validator(&operation("create-board")["input"]);
    let create_board = |board: Value| json!({"config": sandbox_config(), "access-token": ACCESS_TOKEN, "board": board});
    assert!(board.is_valid(&create_board(
        json!({"name": "Recipes", "privacy": "secret", "is-ads-only": false})
    )));
    assert!(!board.is_valid(&create_board(json!({"name": ""}))));
    assert!(!board.is_valid(&create_board(
        json!({"name": "Recipes", "privacy": "private"})
    )));

    let finder = validator(&operation("find-duplicate-pins")["input"]);
    // An option left out is absent (never null).
    let absent_if_null = |mut input: Value| {
        input.as_object_mut().unwrap().retain(|_, v| !v.is_null());
        input
    };
    let find = |candidate: Value, max: Value| {
        absent_if_null(
            json!({"config": sandbox_config(), "access-token": ACCESS_TOKEN, "source": {"tag": "account"}, "candidate": candidate, "max-scanned": max}),
        )
    };
    for good in [
        find(json!({"link": "https://shop.example/tart"}), json!(10_000)),
        find(
            json!({"image-url": "https://i.pinimg.com/600x/a.jpg", "title": "t".repeat(100)}),
            json!(null),
        ),
    ] {
        assert!(finder.is_valid(&good), "refused {good}");
    }
    for bad in [
        find(json!({"title": ""}), json!(1)),
        find(json!({"title": "t".repeat(101)}), json!(1)),
        find(json!({"link": "https://shop.example/tart"}), json!(0)),
        find(json!({"image_url": "https://i.pinimg.com/a.jpg"}), json!(1)),
    ] {
        assert!(!finder.is_valid(&bad), "accepted {bad}");
    }

    let poll = validator(&operation("poll-new-pins")["input"]);
    let polled = |cursor: Value, backlog: Value| {
        absent_if_null(
            json!({"config": sandbox_config(), "access-token": ACCESS_TOKEN, "source": {"tag": "board", "val": "549755885175"}, "cursor": cursor, "backlog": backlog}),
        )
    };
    for good in [
        polled(json!(null), json!(250)),
        polled(json!("cG9sbC1uZXctcGlucyAx"), json!(null)),
        polled(json!(""), json!(0)),
    ] {
        assert!(poll.is_valid(&good), "refused {good}");
    }
    for bad in [
        polled(json!(null), json!(251)),
        polled(json!("c".repeat(10_241)), json!(null)),
    ] {
        assert!(!poll.is_valid(&bad), "accepted {bad}");
    }

    let status = validator(&operation("token-status")["input"]);
    assert!(status.is_valid(&json!({"tokens": {"access-token": ACCESS_TOKEN, "token-type": "bearer", "scopes": ["boards:read"], "expires-at": NOW}})));
    assert!(!status.is_valid(&json!({"tokens": {"access-token": ACCESS_TOKEN, "token-type": "bearer", "scopes": [], "expires-at": -1}})));
}

#[test]
fn sample_inputs_of_the_media_operations_and_the_raw_call_pass_or_fail_as_checked() {
    let base = |rest: Value| {
        let mut input = json!({"config": sandbox_config(), "access-token": ACCESS_TOKEN});
        input
            .as_object_mut()
            .unwrap()
            .extend(rest.as_object().unwrap().clone());
        input
    };
    let raw = validator(&operation("api-request")["input"]);
    for good in [
        json!({"method": "get", "path": "/v5/ad_accounts", "query": [{"name": "page_size", "value": "25"}]}),
        json!({"method": "post", "path": "/v5/boards/1/sections", "query": [], "json-body": "{\"name\": \"x\"}"}),
    ] {
        assert!(raw.is_valid(&base(good.clone())), "refused {good}");
    }
    for bad in [
        json!({"method": "get", "path": "/v4/boards", "query": []}),
        json!({"method": "get", "path": "/v5/boards?x=1", "query": []}),
        json!({"method": "get", "path": "/v5//boards", "query": []}),
        json!({"method": "get", "path": "/v5/boards 1", "query": []}),
        json!({"method": "head", "path": "/v5/boards", "query": []}),
        json!({"method": "get", "path": "/v5/boards"}),
    ] {
        assert!(!raw.is_valid(&base(bad.clone())), "accepted {bad}");
    }
    let wait = validator(&operation("wait-for-media")["input"]);
    assert!(wait.is_valid(&base(json!({"media-id": "12345", "max-seconds": 900}))));
    for bad in [
        json!({"media-id": "12345", "max-seconds": 901}),
        json!({"media-id": "12345", "max-seconds": 0}),
        json!({"media-id": "media-1"}),
    ] {
        assert!(!wait.is_valid(&base(bad.clone())), "accepted {bad}");
    }
    let list = validator(&operation("list-media")["input"]);
    assert!(list.is_valid(&base(json!({"query": {"page-size": 250}}))));
    assert!(!list.is_valid(&base(json!({"query": {"page-size": 251}}))));
    let upload = validator(&operation("upload-video")["input"]);
    assert!(upload.is_valid(&base(json!({"video": {"content": "/uploads/42.mp4"}}))));
    assert!(!upload.is_valid(&base(
        json!({"video": {"content": "x", "file-name": "f".repeat(256)}})
    )));
    assert!(!upload.is_valid(&base(json!({"video": {}}))));
}

#[test]
fn secrets_are_marked_for_masking() {
    let secret = |schema: &Value| schema["x-secret"] == true;
    assert!(secret(
        &operation("exchange")["input"]["properties"]["config"]["properties"]["client-secret"]
    ));
    assert!(secret(
        &operation("list-boards")["input"]["properties"]["access-token"]
    ));
    assert!(secret(
        &operation("refresh")["input"]["properties"]["refresh-token"]
    ));
    let tokens = &operation("exchange")["output"]["properties"];
    assert!(secret(&tokens["access-token"]) && secret(&tokens["refresh-token"]));
    assert!(!secret(
        &operation("create-pin")["input"]["properties"]["pin"]["properties"]["board-id"]
    ));
}

#[test]
fn describe_makes_no_request_and_says_the_same_every_time() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    let sent = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&sent);
    let host = host().with_transport(Arc::new(
        move |_: pinterest_connector_host::http::Request| {
            counter.fetch_add(1, Ordering::SeqCst);
            Err(pinterest_connector_host::http::HttpError::Denied(
                "no request expected".into(),
            ))
        },
    ));
    let first = host.describe().unwrap();
    assert_eq!(host.describe().unwrap(), first);
    assert_eq!(sent.load(Ordering::SeqCst), 0);
}
