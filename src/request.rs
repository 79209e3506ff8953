//! Building the requests the operations send: the endpoint's method and
//! URL, headers, bodies, time limits.

use base64::Engine as _;
use url::Url;

use crate::config::Config;
use crate::endpoints::{self, Endpoint};
use crate::error::Error;
use crate::http::{BodyPart, Method, Request};
use crate::secret::AccessToken;
use crate::validate;

/// `user-agent` of every request.
pub const USER_AGENT: &str = concat!("pinterest-connector/", env!("CARGO_PKG_VERSION"));
/// The query parameter of Business Access.
pub const AD_ACCOUNT_PARAM: &str = "ad_account_id";
/// Time limit for reads and token calls.
pub const API_TIMEOUT_MS: u32 = 30_000;
/// Time limit for writes, such as creating a pin (Pinterest fetches or
/// decodes the media).
pub const WRITE_TIMEOUT_MS: u32 = 60_000;

/// A request to `endpoint` with a bearer token: its path parameters filled
/// from `params`, the `query` pairs appended, then `ad_account_id` when the
/// endpoint takes it and `config` sets it, and a JSON body when one is given.
pub fn api(
    config: &Config,
    endpoint: &Endpoint,
    params: &[&str],
    query: &[(&str, String)],
    access_token: &AccessToken,
    json: Option<Vec<u8>>,
) -> Result<Request, Error> {
    let mut url = config.url(endpoint, params)?;
    let ad_account = if endpoint.ad_account_id {
        config.ad_account_id()?
    } else {
        None
    };
    if !query.is_empty() || ad_account.is_some() {
        let mut pairs = url.query_pairs_mut();
        pairs.extend_pairs(query);
        if let Some(id) = ad_account {
            pairs.append_pair(AD_ACCOUNT_PARAM, id);
        }
    }
    api_at(url, endpoint.method, access_token, json)
}

/// A request of `method` to `url` (on the API origin) with a bearer token,
/// and a JSON body when one is given.
pub fn api_at(
    url: Url,
    method: Method,
    access_token: &AccessToken,
    json: Option<Vec<u8>>,
) -> Result<Request, Error> {
    let mut headers = vec![bearer(access_token)?];
    if json.is_some() {
        headers.push(("content-type".to_owned(), "application/json".to_owned()));
    }
    headers.extend([accept_json(), user_agent()]);
    Ok(Request {
        method,
        url: url.into(),
        headers,
        body: json.map(BodyPart::Bytes).into_iter().collect(),
        timeout_ms: Some(match method {
            Method::Get => API_TIMEOUT_MS,
            _ => WRITE_TIMEOUT_MS,
        }),
    })
}

/// A request body as JSON; `field` names the input in the (unlikely) error.
pub fn json_body(field: &str, body: &impl serde::Serialize) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(body)
        .map_err(|e| Error::invalid(field, format!("could not be encoded as JSON: {e}")))
}

/// A form `POST` to the token endpoint with the app's Basic credentials.
pub fn token_post(config: &Config, form: &[(&str, &str)]) -> Result<Request, Error> {
    config.check_credentials()?;
    let endpoint = &endpoints::OAUTH_TOKEN;
    let url = config.url(endpoint, &[])?;
    let credentials = format!("{}:{}", config.client_id, config.client_secret.secret());
    let basic = base64::engine::general_purpose::STANDARD.encode(credentials);
    let body = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(form)
        .finish();
    Ok(Request {
        method: endpoint.method,
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

fn bearer(access_token: &AccessToken) -> Result<(String, String), Error> {
    let token = access_token.secret();
    validate::header_safe("access-token", token)?;
    Ok(("authorization".to_owned(), format!("Bearer {token}")))
}

fn accept_json() -> (String, String) {
    ("accept".to_owned(), "application/json".to_owned())
}

fn user_agent() -> (String, String) {
    ("user-agent".to_owned(), USER_AGENT.to_owned())
}
