//! Plain HTTP against the stand-in: a client that reports every status,
//! answers read as JSON, and a signed-in account to call the API with.

#![allow(dead_code)]

use pinterest_standin::{Environment, StandIn, StandInOptions};
use serde_json::Value;

/// Every scope the stand-in's endpoints check, secret ones included.
pub const ALL_SCOPES: [&str; 9] = [
    "boards:read",
    "boards:read_secret",
    "boards:write",
    "boards:write_secret",
    "pins:read",
    "pins:read_secret",
    "pins:write",
    "pins:write_secret",
    "user_accounts:read",
];
/// The first seeded board: 60 sections, 60 pins.
pub const BOARD: &str = "549755885100";
/// Its first section (15 seeded pins).
pub const SECTION: &str = "54975588510001";
/// The first secret board (3 seeded pins).
pub const SECRET_BOARD: &str = "549755885107";
/// The first protected, ad-only board (2 seeded pins).
pub const PROTECTED_BOARD: &str = "549755885114";

/// A client that never turns a status into an error and never redirects.
pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into()
}

/// Status, headers and the body of an answer.
pub struct Answer {
    pub status: u16,
    pub location: Option<String>,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Answer {
    /// The body as JSON.
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Asserts Pinterest's error shape with `status` and `code`; the message.
    pub fn error(&self, status: u16, code: i64) -> String {
        assert_eq!(self.status, status, "{}", self.body);
        let body = self.json();
        assert_eq!(body["code"], code, "{body}");
        body["message"].as_str().unwrap_or_default().to_owned()
    }

    /// Asserts `status` and returns the body as JSON.
    pub fn ok(&self, status: u16) -> Value {
        assert_eq!(self.status, status, "{}", self.body);
        self.json()
    }

    /// The ids of the `items` of a page.
    pub fn ids(&self) -> Vec<String> {
        self.ok(200)["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| {
                i["id"]
                    .as_str()
                    .or(i["media_id"].as_str())
                    .expect("id")
                    .to_owned()
            })
            .collect()
    }
}

/// Reads a response.
pub fn answer(mut response: ureq::http::Response<ureq::Body>) -> Answer {
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| {
            (
                n.as_str().to_owned(),
                v.to_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    Answer {
        status: response.status().as_u16(),
        location: response
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
        headers,
        body: response.body_mut().read_to_string().unwrap_or_default(),
    }
}

/// Sends `method` to `url` with an optional bearer token and JSON body.
pub fn send(method: &str, url: &str, token: Option<&str>, body: Option<&Value>) -> Answer {
    let mut request = ureq::http::Request::builder().method(method).uri(url);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    let request = match body {
        Some(body) => request
            .header("content-type", "application/json")
            .body(body.to_string())
            .expect("request"),
        None => request.body(String::new()).expect("request"),
    };
    answer(agent().run(request).expect(method))
}

/// `GET url`.
pub fn get(url: &str, token: Option<&str>) -> Answer {
    send("GET", url, token, None)
}

/// `POST url` with a JSON body.
pub fn post_json(url: &str, token: &str, body: &Value) -> Answer {
    send("POST", url, Some(token), Some(body))
}

/// Starts a stand-in.
pub fn start(options: StandInOptions) -> StandIn {
    StandIn::start(options).expect("start the stand-in")
}

/// A stand-in with a token of `scopes` for one environment's API.
pub struct Account {
    pub pinterest: StandIn,
    pub base: String,
    pub token: String,
}

impl Account {
    /// The sandbox of a stand-in started with `options`, with every scope.
    pub fn sandbox(options: StandInOptions) -> Self {
        Self::with_scopes(options, Environment::Sandbox, &ALL_SCOPES)
    }

    /// `environment` of a stand-in started with `options`, with `scopes`.
    pub fn with_scopes(options: StandInOptions, environment: Environment, scopes: &[&str]) -> Self {
        let pinterest = start(options);
        let token = pinterest.issue_tokens(environment, scopes).access_token;
        let base = pinterest.api_base_url(environment);
        Self {
            pinterest,
            base,
            token,
        }
    }

    /// Another token of this environment, with `scopes`.
    pub fn token_with(&self, scopes: &[&str]) -> String {
        let environment = if self.base.ends_with("/sandbox") {
            Environment::Sandbox
        } else {
            Environment::Production
        };
        self.pinterest
            .issue_tokens(environment, scopes)
            .access_token
    }

    /// `method path` (below the API base, e.g. `/v5/boards`).
    pub fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Answer {
        send(
            method,
            &format!("{}{path}", self.base),
            Some(&self.token),
            body,
        )
    }

    /// `method path` with another token.
    pub fn call_as(&self, token: &str, method: &str, path: &str, body: Option<&Value>) -> Answer {
        send(method, &format!("{}{path}", self.base), Some(token), body)
    }

    /// `GET path`.
    pub fn get(&self, path: &str) -> Answer {
        self.call("GET", path, None)
    }

    /// `POST path` with `body`.
    pub fn post(&self, path: &str, body: &Value) -> Answer {
        self.call("POST", path, Some(body))
    }

    /// `PATCH path` with `body`.
    pub fn patch(&self, path: &str, body: &Value) -> Answer {
        self.call("PATCH", path, Some(body))
    }

    /// `DELETE path`.
    pub fn delete(&self, path: &str) -> Answer {
        self.call("DELETE", path, None)
    }

    /// Every item of a listing at `path` (a query may follow), page by
    /// page with `page_size`; also the number of pages.
    pub fn all_pages(&self, path: &str, page_size: usize) -> (Vec<Value>, usize) {
        let separator = if path.contains('?') { '&' } else { '?' };
        let mut items = Vec::new();
        let mut pages = 0;
        let mut bookmark: Option<String> = None;
        loop {
            let mut url = format!("{path}{separator}page_size={page_size}");
            if let Some(b) = &bookmark {
                url.push_str(&format!("&bookmark={b}"));
            }
            let page = self.get(&url).ok(200);
            pages += 1;
            assert!(pages < 1000, "the bookmarks never end");
            items.extend(page["items"].as_array().expect("items").iter().cloned());
            match page["bookmark"].as_str() {
                Some(next) => bookmark = Some(next.to_owned()),
                None => {
                    assert!(page["bookmark"].is_null());
                    return (items, pages);
                }
            }
        }
    }
}

/// The boundary of the forms built here.
pub const BOUNDARY: &str = "----standin-test-7d3f";

/// A `multipart/form-data` body: `fields` in order, then the file (if any)
/// as `file`, then any `after` fields.
pub fn form(
    fields: &[(String, String)],
    file: Option<(&str, &[u8])>,
    after: &[(&str, &str)],
) -> Vec<u8> {
    let mut body = Vec::new();
    let mut field = |name: &str, value: &[u8], filename: Option<&str>| {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match filename {
            Some(filename) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: video/mp4\r\n\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
            ),
        }
        body.extend_from_slice(value);
        body.extend_from_slice(b"\r\n");
    };
    for (name, value) in fields {
        field(name, value.as_bytes(), None);
    }
    if let Some((filename, bytes)) = file {
        field("file", bytes, Some(filename));
    }
    for (name, value) in after {
        field(name, value.as_bytes(), None);
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// POSTs `body` as `multipart/form-data` to `url` (with a Content-Length).
pub fn upload(url: &str, body: Vec<u8>) -> Answer {
    answer(
        agent()
            .post(url)
            .header(
                "content-type",
                &format!("multipart/form-data; boundary={BOUNDARY}"),
            )
            .send(body)
            .expect("upload"),
    )
}

/// The `upload_parameters` of a `POST /v5/media` answer, in order of the
/// object's keys.
pub fn upload_parameters(media: &Value) -> Vec<(String, String)> {
    media["upload_parameters"]
        .as_object()
        .expect("upload_parameters")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().expect("string").to_owned()))
        .collect()
}

/// Hex SHA-256.
pub fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
