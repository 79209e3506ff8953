//! Building the requests the operations send: headers, bodies, time limits.

use base64::Engine as _;
use url::Url;

use crate::config::Config;
use crate::error::Error;
use crate::http::{BodyPart, Method, Request};
use crate::validate;

/// `user-agent` of every request.
pub const USER_AGENT: &str = concat!("pinterest-connector/", env!("CARGO_PKG_VERSION"));
/// Time limit for reads and token calls.
pub const API_TIMEOUT_MS: u32 = 30_000;
/// Time limit for creating a pin (Pinterest fetches or decodes the media).
pub const WRITE_TIMEOUT_MS: u32 = 60_000;

/// A `GET` with a bearer token.
pub fn get(url: Url, access_token: &str) -> Result<Request, Error> {
    Ok(Request {
        method: Method::Get,
        url: url.into(),
        headers: vec![bearer(access_token)?, accept_json(), user_agent()],
        body: Vec::new(),
        timeout_ms: Some(API_TIMEOUT_MS),
    })
}

/// A JSON `POST` with a bearer token.
pub fn post_json(url: Url, access_token: &str, body: Vec<u8>) -> Result<Request, Error> {
    Ok(Request {
        method: Method::Post,
        url: url.into(),
        headers: vec![
            bearer(access_token)?,
            ("content-type".to_owned(), "application/json".to_owned()),
            accept_json(),
            user_agent(),
        ],
        body: vec![BodyPart::Bytes(body)],
        timeout_ms: Some(WRITE_TIMEOUT_MS),
    })
}

/// A form `POST` to the token endpoint with the app's Basic credentials.
pub fn token_post(config: &Config, form: &[(&str, &str)]) -> Result<Request, Error> {
    config.check_credentials()?;
    let url = config.endpoint(&["oauth", "token"])?;
    let credentials = format!("{}:{}", config.client_id, config.client_secret.expose());
    let basic = base64::engine::general_purpose::STANDARD.encode(credentials);
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form)
        .finish();
    Ok(Request {
        method: Method::Post,
        url: url.into(),
        headers: vec![
            ("authorization".to_owned(), format!("Basic {basic}")),
            (
                "content-type".to_owned(),
                "application/x-www-form-urlencoded".to_owned(),
            ),
            accept_json(),
            user_agent(),
        ],
        body: vec![BodyPart::Bytes(body.into_bytes())],
        timeout_ms: Some(API_TIMEOUT_MS),
    })
}

fn bearer(access_token: &str) -> Result<(String, String), Error> {
    validate::header_safe("access-token", access_token)?;
    Ok(("authorization".to_owned(), format!("Bearer {access_token}")))
}

fn accept_json() -> (String, String) {
    ("accept".to_owned(), "application/json".to_owned())
}

fn user_agent() -> (String, String) {
    ("user-agent".to_owned(), USER_AGENT.to_owned())
}
