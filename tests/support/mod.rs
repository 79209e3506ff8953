//! A scripted HTTP client for driving the core natively: it records every
//! request and answers from a queue.

#![allow(dead_code)]

use std::collections::VecDeque;

use pinterest_connector::{
    AccessToken, AuthorizationCode, ClientSecret, Config, Connector, Environment, RefreshToken,
    Request, Response, TransportError,
};

pub const CLIENT_ID: &str = "1484362";
pub const CLIENT_SECRET: &str = "app-secret-5f1d9c0e7b2a48d6";
pub const ACCESS_TOKEN: &str = "pina_ACCESSTOKENforTESTS.0123456789abcdef";
pub const REFRESH_TOKEN: &str = "pinr_REFRESHTOKENforTESTS.fedcba9876543210";
/// 2026-01-01T00:00:00Z.
pub const NOW: u64 = 1_767_225_600;

/// Answers requests from a queue and keeps what was sent.
#[derive(Default)]
pub struct Script {
    pub answers: VecDeque<Result<Response, TransportError>>,
    pub sent: Vec<Request>,
}

impl Script {
    pub fn new(answers: impl IntoIterator<Item = Result<Response, TransportError>>) -> Self {
        Self {
            answers: answers.into_iter().collect(),
            sent: Vec::new(),
        }
    }

    /// The client to hand to a `Connector`.
    pub fn client(&mut self) -> impl FnMut(Request) -> Result<Response, TransportError> + '_ {
        |request| {
            self.sent.push(request);
            self.answers.pop_front().unwrap_or_else(|| {
                Err(TransportError::Connection("no scripted answer left".into()))
            })
        }
    }
}

pub fn config() -> Config {
    Config {
        client_id: CLIENT_ID.into(),
        client_secret: ClientSecret::new(CLIENT_SECRET),
        environment: Environment::Production,
        api_base_url: None,
        authorize_url: None,
        ad_account_id: None,
    }
}

/// The test user's access token.
pub fn access_token() -> AccessToken {
    AccessToken::new(ACCESS_TOKEN)
}

/// The test user's refresh token.
pub fn refresh_token() -> RefreshToken {
    RefreshToken::new(REFRESH_TOKEN)
}

/// An authorization code.
pub fn code(code: &str) -> AuthorizationCode {
    AuthorizationCode::new(code)
}

pub fn connector<'a, C>(config: &'a Config, client: C) -> Connector<'a, C> {
    Connector {
        config,
        client,
        now: NOW,
    }
}

/// A response with a JSON body.
pub fn json(status: u16, body: serde_json::Value) -> Result<Response, TransportError> {
    Ok(Response {
        status,
        headers: vec![("content-type".into(), "application/json".into())],
        body: body.to_string().into_bytes(),
    })
}

/// A response with a raw body.
pub fn raw(status: u16, body: &[u8]) -> Result<Response, TransportError> {
    Ok(Response {
        status,
        headers: vec![],
        body: body.to_vec(),
    })
}

/// A response with headers and a JSON body.
pub fn with_headers(
    status: u16,
    headers: &[(&str, &str)],
    body: serde_json::Value,
) -> Result<Response, TransportError> {
    Ok(Response {
        status,
        headers: headers
            .iter()
            .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
            .collect(),
        body: body.to_string().into_bytes(),
    })
}

/// The form fields of a request body.
pub fn form(request: &Request) -> Vec<(String, String)> {
    url::form_urlencoded::parse(request.bytes().unwrap_or_default())
        .into_owned()
        .collect()
}
