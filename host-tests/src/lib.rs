//! What the integration tests share, here and in the command line's tests:
//! the test app and its secrets, a scripted Pinterest (wiremock), the
//! secret sweep's secrets with every form they could be echoed in, and
//! video uploads ([`upload`]: a generated video, the register answer, a
//! local upload host that checks the multipart framing).

use pinterest_connector_host::types::{Config, Environment};
use wiremock::MockServer;

pub mod upload;

/// App id used by every test.
pub const CLIENT_ID: &str = "1484362";
/// App secret used by every test: distinctive, so leaks are easy to find.
pub const CLIENT_SECRET: &str = "app-secret-5f1d9c0e7b2a48d6";
/// An access token as Pinterest issues them.
pub const ACCESS_TOKEN: &str = "pina_ACCESSTOKENforTESTS.0123456789abcdef";
/// A refresh token as Pinterest issues them.
pub const REFRESH_TOKEN: &str = "pinr_REFRESHTOKENforTESTS.fedcba9876543210";
/// An authorization code as the tests exchange it: distinctive, so leaks
/// are easy to find.
pub const CODE: &str = "auth-code-7d3f9a1c5e";
/// A fixed "now" for tests that depend on the clock: 2026-01-01T00:00:00Z.
pub const NOW: u64 = 1_767_225_600;
/// A board id the tests use.
pub const BOARD_ID: &str = "549755885175";
/// A board section id the tests use.
pub const SECTION_ID: &str = "4983232016467541134";
/// A pin id the tests use.
pub const PIN_ID: &str = "813744226420795884";
/// An ad account id the tests use (Business Access).
pub const AD_ACCOUNT_ID: &str = "549755885176";
/// Longest summary or remedy an error may have, in characters.
pub const MAX_SUMMARY_CHARS: usize = 1024;
/// Longest excerpt, in characters (200 and an ellipsis).
pub const MAX_EXCERPT_CHARS: usize = 201;

/// A wiremock server standing in for Pinterest, with the runtime that drives
/// it. Component calls happen outside the runtime (the sync WASI layer must
/// not run inside one).
pub struct Pinterest {
    pub runtime: tokio::runtime::Runtime,
    pub server: MockServer,
}

impl Pinterest {
    /// Starts a server.
    pub fn start() -> Self {
        let runtime = tokio::runtime::Runtime::new().expect("tokio runtime");
        let server = runtime.block_on(MockServer::start());
        Self { runtime, server }
    }

    /// Mounts a mock.
    pub fn mount(&self, mock: wiremock::Mock) {
        self.runtime.block_on(mock.mount(&self.server));
    }

    /// Every request the server received.
    pub fn requests(&self) -> Vec<wiremock::Request> {
        self.runtime
            .block_on(self.server.received_requests())
            .unwrap_or_default()
    }

    /// The only request the server received.
    pub fn single_request(&self) -> wiremock::Request {
        let mut requests = self.requests();
        assert_eq!(requests.len(), 1, "expected exactly one request");
        requests.remove(0)
    }

    /// A production config whose API is this server.
    pub fn config(&self) -> Config {
        Config {
            client_id: CLIENT_ID.into(),
            client_secret: CLIENT_SECRET.into(),
            environment: Environment::Production,
            api_base_url: Some(self.server.uri()),
            authorize_url: None,
            ad_account_id: None,
        }
    }
}

/// The secret sweep: secrets in every encoding, and a server that echoes
/// the request back.
pub mod sweep {
    use super::*;
    use wiremock::{Respond, ResponseTemplate};

    /// Secrets whose encoded forms differ from them (`+`, `/`, `=`, `~`):
    /// the app secret.
    pub const APP_SECRET: &str = "s3cr3t+/=app~Secret.9f2c";
    /// An access token.
    pub const TOKEN: &str = "acc+tok/en=5b8e1d.Q";
    /// A refresh token.
    pub const ROTATING: &str = "ref+tok/en=7a2c4e.R";
    /// An authorization code.
    pub const GRANT_CODE: &str = "co+de/au=th.3f6b";

    /// A production config with the sweep's secret, calling `api_base_url`.
    pub fn sweep_config(api_base_url: &str) -> Config {
        Config {
            client_id: CLIENT_ID.into(),
            client_secret: APP_SECRET.into(),
            environment: Environment::Production,
            api_base_url: Some(api_base_url.to_owned()),
            authorize_url: None,
            ad_account_id: None,
        }
    }

    /// Every form the secrets of the sweep travel in, or could be echoed in:
    /// as they are, form-encoded, percent-encoded, and the Basic credentials.
    pub fn secret_forms() -> Vec<String> {
        use base64::Engine as _;
        let basic =
            base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{APP_SECRET}"));
        let mut forms = Vec::new();
        for secret in [APP_SECRET, TOKEN, ROTATING, GRANT_CODE, basic.as_str()] {
            let form: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
            forms.push(secret.to_owned());
            forms.push(form.replace('+', "%20"));
            forms.push(form);
        }
        forms
    }

    /// Fails when `text` shows any of [`secret_forms`].
    pub fn assert_no_secret_forms(what: &str, text: &str) {
        for form in secret_forms() {
            assert!(!text.contains(&form), "{what} shows {form}: {text}");
        }
    }

    /// Echoes what the component sent (URL, every header, the body) in an
    /// answer of the given kind (`pinterest`, `oauth`, `tokens`, `s3`,
    /// `redirect`, or plain text), as a debugging proxy or a careless API
    /// (or upload host) would.
    pub struct Echo(pub u16, pub &'static str);

    /// What the component sent, as text.
    pub fn echo_of(request: &wiremock::Request) -> String {
        format!(
            "{} {:?} {}",
            request.url,
            request.headers,
            String::from_utf8_lossy(&request.body)
        )
    }

    impl Respond for Echo {
        fn respond(&self, request: &wiremock::Request) -> ResponseTemplate {
            let echo = echo_of(request);
            let answer = ResponseTemplate::new(self.0);
            match self.1 {
                "pinterest" => {
                    answer.set_body_json(serde_json::json!({"code": 1, "message": echo}))
                }
                "oauth" => answer.set_body_json(
                    serde_json::json!({"error": "invalid_grant", "error_description": echo}),
                ),
                "tokens" => answer.set_body_json(serde_json::json!({
                    "access_token": echo, "refresh_token": echo, "expires_in": -1, "items": echo,
                })),
                "s3" => {
                    let escaped = echo
                        .replace('&', "&amp;")
                        .replace('<', "&lt;")
                        .replace('>', "&gt;");
                    answer.set_body_raw(
                        format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>{escaped}</Message></Error>"),
                        "application/xml",
                    )
                }
                "redirect" => {
                    let encoded: String =
                        url::form_urlencoded::byte_serialize(echo.as_bytes()).collect();
                    let path: String = echo.chars().filter(char::is_ascii_alphanumeric).collect();
                    answer.insert_header(
                        "location",
                        format!("https://proxy.example/{path}?e={encoded}").as_str(),
                    )
                }
                _ => answer.set_body_string(echo),
            }
        }
    }
}
