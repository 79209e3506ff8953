//! Catching the OAuth redirect: a one-shot HTTP listener on the loopback
//! redirect URI, which checks `state` and answers the browser with a short
//! page.

use std::time::{Duration, Instant};

use url::Url;

use super::exit::CliError;
use super::hints::Hints;

/// What the redirect brought.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The authorization code.
    pub code: String,
}

/// Listeners on the redirect URI's port.
pub struct Loopback {
    servers: Vec<tiny_http::Server>,
    path: String,
    uri: String,
    hints: Hints,
}

/// Advice for a redirect that never comes or is refused.
fn register_hint(uri: &str) -> String {
    format!(
        "Register {uri} for the app exactly (scheme, host, port, path, trailing slash) in the Pinterest developer portal, or pass --redirect-uri with one that is registered."
    )
}

impl Loopback {
    /// Listens on the host and port of `redirect_uri`, which must be an
    /// `http` URI on `localhost`, `127.0.0.1` or `[::1]`.
    pub fn bind(redirect_uri: &str, hints: &Hints) -> Result<Self, CliError> {
        let not_loopback = || {
            CliError::usage(format!(
                "login listens on the redirect URI itself, so it must be http://localhost:PORT/… (or 127.0.0.1, [::1]); got {redirect_uri}."
            ))
            .with_remedy(format!(
                "Pass --redirect-uri http://localhost:8085/ (registered for the app), or use `authorize` and `exchange` to catch the redirect yourself. {}",
                register_hint("it")
            ))
        };
        let url = Url::parse(redirect_uri).map_err(|_| not_loopback())?;
        if url.scheme() != "http" {
            return Err(not_loopback());
        }
        let port = url.port_or_known_default().ok_or_else(not_loopback)?;
        let addresses: Vec<String> = match url.host_str() {
            Some("localhost") => vec![format!("127.0.0.1:{port}"), format!("[::1]:{port}")],
            Some("127.0.0.1") => vec![format!("127.0.0.1:{port}")],
            Some("[::1]") => vec![format!("[::1]:{port}")],
            _ => return Err(not_loopback()),
        };
        let mut servers = Vec::new();
        for (i, address) in addresses.iter().enumerate() {
            match tiny_http::Server::http(address.as_str()) {
                Ok(server) => servers.push(server),
                // IPv6 loopback is a bonus for `localhost`; IPv4 is required.
                Err(_) if i > 0 => {}
                Err(e) => {
                    return Err(CliError::failure(format!(
                        "Could not listen on {address} for the redirect: {e}."
                    ))
                    .with_remedy(format!(
                        "Another program may be using port {port}: stop it, or pass --redirect-uri with another port (registered for the app)."
                    )));
                }
            }
        }
        Ok(Self {
            servers,
            path: url.path().to_owned(),
            uri: redirect_uri.to_owned(),
            hints: hints.clone(),
        })
    }

    /// Waits up to `timeout` for the redirect with a code and the expected
    /// `state`; other paths are answered 404 and ignored.
    pub fn wait(&self, state: &str, timeout: Duration) -> Result<Redirect, CliError> {
        let deadline = Instant::now() + timeout;
        while Instant::now() < deadline {
            for server in &self.servers {
                let Ok(Some(request)) = server.recv_timeout(Duration::from_millis(50)) else {
                    continue;
                };
                if let Some(outcome) = self.answer(request, state) {
                    return outcome;
                }
            }
        }
        Err(CliError::auth(format!(
            "No redirect reached {} within {} seconds.",
            self.uri,
            timeout.as_secs()
        ))
        .with_remedy(format!(
            "Open the URL above and approve. If Pinterest shows an error about the redirect URI: {}",
            register_hint(&self.uri)
        )))
    }

    /// Handles one browser request; `None` to keep waiting.
    fn answer(
        &self,
        request: tiny_http::Request,
        state: &str,
    ) -> Option<Result<Redirect, CliError>> {
        let target = request.url().to_owned();
        let (path, query) = target.split_once('?').unwrap_or((target.as_str(), ""));
        if path != self.path {
            respond(
                request,
                404,
                "Not the redirect URI",
                "This address is not the redirect URI; nothing to do here.",
            );
            return None;
        }
        let params: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect();
        let param = |name: &str| {
            params
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.clone())
        };
        if let Some(error) = param("error") {
            let description = param("error_description").unwrap_or_default();
            respond(
                request,
                400,
                "Access not granted",
                &format!("Pinterest answered: {error} {description}. Return to the terminal."),
            );
            return Some(Err(CliError::auth(format!(
                "Pinterest did not grant access: {error}{}{description}.",
                if description.is_empty() { "" } else { ": " }
            ))
            .with_remedy(format!(
                "Approve the request on the consent page: {}",
                self.hints.sign_in()
            ))));
        }
        let Some(code) = param("code") else {
            respond(
                request,
                400,
                "No code",
                "The redirect carried no code; return to the terminal.",
            );
            return None;
        };
        if param("state").as_deref() != Some(state) {
            respond(
                request,
                400,
                "State mismatch",
                "The state does not match this sign-in; return to the terminal.",
            );
            return Some(Err(CliError::auth(
                "The redirect's state does not match the one this sign-in sent: it may come from another sign-in attempt or a forged link.",
            )
            .with_remedy(format!(
                "Start {} again and use the URL it prints.",
                self.hints.login("")
            ))));
        }
        respond(
            request,
            200,
            "Signed in",
            "Pinterest granted access. You can close this tab and return to the terminal.",
        );
        Some(Ok(Redirect { code }))
    }
}

/// Answers the browser with a short HTML page.
fn respond(request: tiny_http::Request, status: u16, title: &str, text: &str) {
    let html = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>{title}</title></head><body><h1>{title}</h1><p>{text}</p></body></html>"
    );
    let mut response =
        tiny_http::Response::from_string(html).with_status_code(tiny_http::StatusCode(status));
    if let Ok(header) = tiny_http::Header::from_bytes("content-type", "text/html; charset=utf-8") {
        response.add_header(header);
    }
    // The browser may have gone; the terminal still gets the outcome.
    let _ = request.respond(response);
}
