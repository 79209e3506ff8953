//! A request as the handlers see it, and the replies they build:
//! Pinterest's JSON error shape `{code, message}`, JSON bodies, readable
//! HTML pages and redirects.

use serde_json::{Value, json};

use super::Environment;

/// A request, its environment prefix already removed from `path`.
#[derive(Debug)]
pub(crate) struct Incoming {
    pub method: String,
    pub environment: Environment,
    /// Path below the environment prefix, e.g. `/v5/boards`.
    pub path: String,
    pub query: Vec<(String, String)>,
    /// Header names lower-cased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Incoming {
    /// The first header called `name` (lower-case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first query parameter called `name`.
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every value of query parameter `name` (arrays come repeated:
    /// `creative_types=REGULAR&creative_types=VIDEO`).
    pub fn query_all(&self, name: &str) -> Vec<&str> {
        self.query
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The body as a JSON object, or the 400 code 1 that says why not.
    pub fn json_object(&self, schema: &str) -> Result<serde_json::Map<String, Value>, Reply> {
        let is_json = self
            .header("content-type")
            .and_then(|v| v.split(';').next())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"));
        if !is_json {
            return Err(Reply::invalid(
                "Invalid request: the body must be JSON (Content-Type: application/json).",
            ));
        }
        match serde_json::from_slice::<Value>(&self.body) {
            Ok(Value::Object(object)) => Ok(object),
            Ok(_) => Err(Reply::invalid(&format!(
                "Invalid request: the body must be a JSON object ({schema})."
            ))),
            Err(_) => Err(Reply::invalid(
                "Invalid request: the body is not valid JSON.",
            )),
        }
    }
}

/// What to answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    /// A JSON body.
    pub fn json(status: u16, value: &Value) -> Self {
        Self {
            status,
            headers: vec![("content-type".into(), "application/json".into())],
            body: value.to_string().into_bytes(),
        }
    }

    /// Pinterest's error body: `{"code": …, "message": …}`.
    pub fn error(status: u16, code: i64, message: &str) -> Self {
        Self::json(status, &json!({ "code": code, "message": message }))
    }

    /// 204 with no body (a deletion).
    pub fn no_content() -> Self {
        Self {
            status: 204,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// 400 code 1, Pinterest's answer to invalid parameters.
    pub fn invalid(message: &str) -> Self {
        Self::error(400, 1, message)
    }

    /// 401 code 2: no valid bearer token.
    pub fn authentication_failed() -> Self {
        Self::error(401, 2, "Authentication failed.")
    }

    /// A small HTML page for people (the consent page's answers).
    pub fn page(status: u16, title: &str, paragraphs: &[String]) -> Self {
        let body: String = paragraphs
            .iter()
            .map(|p| format!("<p>{}</p>\n", escape(p)))
            .collect();
        let html = format!(
            "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{t}</title></head>\n<body><h1>{t}</h1>\n{body}</body></html>\n",
            t = escape(title)
        );
        Self {
            status,
            headers: vec![("content-type".into(), "text/html; charset=utf-8".into())],
            body: html.into_bytes(),
        }
    }

    /// Plain text, e.g. for paths that do not exist.
    pub fn text(status: u16, text: &str) -> Self {
        Self {
            status,
            headers: vec![("content-type".into(), "text/plain; charset=utf-8".into())],
            body: text.as_bytes().to_vec(),
        }
    }

    /// A 302 redirect to `location`.
    pub fn redirect(location: &str) -> Self {
        Self {
            status: 302,
            headers: vec![("location".into(), location.to_owned())],
            body: Vec::new(),
        }
    }

    /// The same reply with one more header.
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }
}

/// Text made safe for HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
