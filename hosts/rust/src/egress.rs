//! Where the component's HTTP may go. [`EgressPolicy`] is a list of
//! allowed origins (scheme, host, port); [`EgressGuard`] wraps any
//! [`Transport`] and sends only requests to those origins, answering every
//! other with `http-error::denied` naming the rule. With it, a component —
//! or a config whose `api-base-url` a tenant controls — cannot be used to
//! reach internal addresses (cloud metadata, admin ports, other services).
//!
//! ```
//! use std::sync::Arc;
//! use pinterest_connector_host::{EgressGuard, EgressPolicy, UreqTransport};
//!
//! // Pinterest's production and sandbox APIs, and nothing else.
//! let transport = EgressGuard::new(EgressPolicy::pinterest(), UreqTransport::default());
//! // A platform that sends through its own proxy allows that origin.
//! let policy = EgressPolicy::none().allow("https://pinterest-proxy.internal.example:8443")?;
//! # let _ = (Arc::new(transport), policy);
//! # Ok::<(), String>(())
//! ```
//!
//! The rules, in order: the URL must parse as an absolute URL; its scheme
//! must be `http` or `https`; it must carry no credentials (`user@` or
//! `user:password@`); its origin must be one of the allowed ones, compared
//! after normalisation (lower-case host, default port filled in), so
//! `https://API.Pinterest.com:443` is `https://api.pinterest.com` while
//! `https://api.pinterest.com.evil.example`, `https://api.pinterest.com@evil.example`
//! and `https://54.1.2.3` are not. The request then goes out with the URL
//! as the policy read it (re-serialised), so the HTTP client cannot read a
//! different host from it than the one checked.
//!
//! One exception, for video uploads: the answer to registering media
//! (`POST …/v5/media` to an allowed origin) names an upload URL on another
//! host, and the guard then lets exactly one `POST` whose body carries host
//! content go to exactly that URL, within 15 minutes (see
//! [`EgressGuard::with_upload_window`]). Nothing else reaches that host.

use std::fmt;
use std::time::Duration;

use url::{Host, Url};

use crate::bindings::http::{HttpError, Response};
use crate::transport::{OutgoingRequest, Transport};
use crate::upload_grant::{DEFAULT_WINDOW, UploadGrants};

/// Pinterest's production API origin.
pub const PINTEREST_API: &str = "https://api.pinterest.com";
/// Pinterest's sandbox API origin.
pub const PINTEREST_SANDBOX_API: &str = "https://api-sandbox.pinterest.com";

/// One allowed origin: scheme, host and port.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Origin {
    scheme: String,
    host: Host<String>,
    port: u16,
}

impl Origin {
    /// The origin of `url` (which has a host: `http`/`https` URLs always do).
    fn of(url: &Url) -> Option<Self> {
        Some(Self {
            scheme: url.scheme().to_owned(),
            host: url.host()?.to_owned(),
            port: url.port_or_known_default()?,
        })
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}", self.scheme, self.host)?;
        let default = match self.scheme.as_str() {
            "https" => 443,
            _ => 80,
        };
        if self.port != default {
            write!(f, ":{}", self.port)?;
        }
        Ok(())
    }
}

/// The origins the component's requests may go to. Start from
/// [`EgressPolicy::pinterest`] (Pinterest's production and sandbox APIs) or
/// [`EgressPolicy::none`], and [`allow`](EgressPolicy::allow) more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EgressPolicy {
    allowed: Vec<Origin>,
}

impl EgressPolicy {
    /// Allows nothing yet.
    pub fn none() -> Self {
        Self {
            allowed: Vec::new(),
        }
    }

    /// Allows `https://api.pinterest.com` and
    /// `https://api-sandbox.pinterest.com`.
    pub fn pinterest() -> Self {
        Self {
            allowed: [PINTEREST_API, PINTEREST_SANDBOX_API]
                .iter()
                .filter_map(|origin| Url::parse(origin).ok())
                .filter_map(|url| Origin::of(&url))
                .collect(),
        }
    }

    /// Also allows the origin of `base_url` (an `http` or `https` URL; its
    /// path is ignored), e.g. the `api-base-url` the host configures for a
    /// proxy or a test server. Refuses a URL that does not parse, has
    /// another scheme or carries credentials.
    pub fn allow(mut self, base_url: &str) -> Result<Self, String> {
        let url = Url::parse(base_url).map_err(|e| format!("{base_url:?} is not a URL: {e}"))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(format!(
                "{base_url:?} is not an http or https URL, so it cannot be an API origin"
            ));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err("an allowed origin may not carry credentials (userinfo)".to_owned());
        }
        let origin =
            Origin::of(&url).ok_or_else(|| format!("{base_url:?} has no host and port"))?;
        if !self.allowed.contains(&origin) {
            self.allowed.push(origin);
        }
        Ok(self)
    }

    /// The allowed origins, as `scheme://host[:port]`.
    pub fn origins(&self) -> Vec<String> {
        self.allowed.iter().map(Origin::to_string).collect()
    }

    /// Checks `url` against the policy: the URL as read (to send instead of
    /// the text), or why it is refused, naming the rule.
    pub fn check(&self, url: &str) -> Result<Url, String> {
        let parsed = Url::parse(url)
            .map_err(|e| format!("egress policy: the request URL does not parse ({e})"))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(format!(
                "egress policy: only http and https requests are sent, not {}:",
                parsed.scheme()
            ));
        }
        // Never echo credentials back: they may be secrets.
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err(
                "egress policy: URLs with credentials (userinfo before the host) are never sent"
                    .to_owned(),
            );
        }
        let origin = Origin::of(&parsed)
            .ok_or_else(|| "egress policy: the request URL has no host".to_owned())?;
        if self.allowed.contains(&origin) {
            return Ok(parsed);
        }
        let allowed = match self.origins().as_slice() {
            [] => "none".to_owned(),
            origins => origins.join(", "),
        };
        Err(format!(
            "egress policy: {origin} is not an allowed origin (allowed: {allowed})"
        ))
    }
}

/// A [`Transport`] that sends through `inner` only what its
/// [`EgressPolicy`] allows, with the URL as the policy read it, and answers
/// anything else with `http-error::denied` naming the rule.
///
/// One exception, for video uploads: a 2xx JSON answer with `media_id` and
/// `upload_url` to a `POST …/v5/media` sent to an allowed origin grants
/// exactly one `POST` whose body carries host content to exactly that
/// `upload_url` (scheme, host, port, path and query), within 15 minutes of
/// the answer ([`EgressGuard::with_upload_window`]). The grant is spent by
/// that request, whatever its outcome; any other request to the upload
/// host — another path, query or port, a second POST, a POST without host
/// content — is refused. No other answer is read (not the upload host's,
/// not one over 64 KiB), and no body is logged or held.
pub struct EgressGuard<T> {
    policy: EgressPolicy,
    inner: T,
    uploads: UploadGrants,
}

impl<T: Transport> EgressGuard<T> {
    /// `inner`, limited to the origins of `policy` and to the upload URLs
    /// registering media returns.
    pub fn new(policy: EgressPolicy, inner: T) -> Self {
        Self {
            policy,
            inner,
            uploads: UploadGrants::new(DEFAULT_WINDOW),
        }
    }

    /// The same guard with the upload URL of a register answer usable for
    /// `window` after the answer arrived (default 15 minutes). The window
    /// bounds when the upload may start, not how long it runs.
    pub fn with_upload_window(mut self, window: Duration) -> Self {
        self.uploads = self.uploads.with_window(window);
        self
    }

    /// The policy in force.
    pub fn policy(&self) -> &EgressPolicy {
        &self.policy
    }
}

impl<T: Transport> Transport for EgressGuard<T> {
    fn send(&self, mut request: OutgoingRequest) -> Result<Response, HttpError> {
        match self.policy.check(&request.url) {
            Ok(url) => {
                let registers = UploadGrants::registers(request.method, &url);
                request.url = url.into();
                let response = self.inner.send(request)?;
                if registers {
                    self.uploads.grant_from(&response);
                }
                Ok(response)
            }
            Err(refusal) => {
                let url = self
                    .uploads
                    .claim(&request, refusal)
                    .map_err(HttpError::Denied)?;
                request.url = url.into();
                self.inner.send(request)
            }
        }
    }
}
