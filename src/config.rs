//! The app's configuration and the URLs it resolves to.

use url::Url;

use crate::endpoints::Endpoint;
use crate::error::Error;
use crate::secret::ClientSecret;
use crate::validate;

/// Production API origin.
pub const PRODUCTION_API: &str = "https://api.pinterest.com";
/// Sandbox API origin (Trial-access apps create pins here).
pub const SANDBOX_API: &str = "https://api-sandbox.pinterest.com";
/// Pinterest's OAuth consent page.
pub const AUTHORIZE_PAGE: &str = "https://www.pinterest.com/oauth/";
/// Longest ad account id, in digits (Pinterest's `ad_account_id`: `^\d+$`,
/// at most 18 characters).
pub const MAX_AD_ACCOUNT_ID_LEN: usize = 18;

/// Which Pinterest API to talk to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Environment {
    /// `https://api.pinterest.com`.
    #[default]
    Production,
    /// `https://api-sandbox.pinterest.com`.
    Sandbox,
}

/// The platform's Pinterest app and where to reach Pinterest. `Debug`
/// hides the client secret.
#[derive(Debug, Clone)]
pub struct Config {
    /// The app's id.
    pub client_id: String,
    /// The app's secret key.
    pub client_secret: ClientSecret,
    /// Production or sandbox.
    pub environment: Environment,
    /// Replaces the API origin (proxies, test servers).
    pub api_base_url: Option<String>,
    /// Replaces the consent page URL (test servers).
    pub authorize_url: Option<String>,
    /// Business Access: the ad account whose owner the calls act for, sent
    /// as `ad_account_id` to every endpoint that takes it. Empty is none.
    pub ad_account_id: Option<String>,
}

impl Config {
    /// The app `client_id` with its secret, on Pinterest's production API.
    pub fn new(client_id: impl Into<String>, client_secret: ClientSecret) -> Self {
        Self {
            client_id: client_id.into(),
            client_secret,
            environment: Environment::Production,
            api_base_url: None,
            authorize_url: None,
            ad_account_id: None,
        }
    }

    /// The URL of `endpoint`, its path parameters (`{board_id}`) filled in
    /// order from `params`, each percent-encoded as one path segment.
    pub fn url(&self, endpoint: &Endpoint, params: &[&str]) -> Result<Url, Error> {
        let mut url = self.api_base()?;
        let mut params = params.iter();
        {
            let mut path = url
                .path_segments_mut()
                .map_err(|()| Error::invalid("config.api-base-url", "cannot hold a path"))?;
            path.pop_if_empty();
            for segment in endpoint.path.split('/').filter(|s| !s.is_empty()) {
                if segment.starts_with('{') {
                    let value = params.next().ok_or_else(|| {
                        Error::invalid(segment, format!("has no value in {}", endpoint.path))
                    })?;
                    path.push(value);
                } else {
                    path.push(segment);
                }
            }
        }
        Ok(url)
    }

    /// The URL of `path` (`/v5/…`, checked by the caller) below the API
    /// origin, after any path prefix of `api-base-url`; the origin is
    /// always the configured one.
    pub fn api_url(&self, path: &str) -> Result<Url, Error> {
        let mut url = self.api_base()?;
        let prefix = url.path().trim_end_matches('/').to_owned();
        url.set_path(&format!("{prefix}{path}"));
        if !url.path().starts_with(&format!("{prefix}/v5/")) {
            return Err(Error::invalid("path", "does not stay below /v5/"));
        }
        Ok(url)
    }

    /// The consent page `authorize` sends users to.
    pub fn authorize_page(&self) -> Result<Url, Error> {
        match &self.authorize_url {
            Some(custom) => parse_override("config.authorize-url", custom),
            None => constant_url(AUTHORIZE_PAGE),
        }
    }

    /// The API origin (with any path prefix of an override, `/v5` removed).
    fn api_base(&self) -> Result<Url, Error> {
        let Some(custom) = &self.api_base_url else {
            let origin = match self.environment {
                Environment::Production => PRODUCTION_API,
                Environment::Sandbox => SANDBOX_API,
            };
            return constant_url(origin);
        };
        let mut url = parse_override("config.api-base-url", custom)?;
        let trimmed = url.path().trim_end_matches('/');
        let trimmed = trimmed.strip_suffix("/v5").unwrap_or(trimmed).to_owned();
        url.set_path(&trimmed);
        Ok(url)
    }

    /// The ad account id to send as `ad_account_id`, checked: none when
    /// unset or empty, else 1 to [`MAX_AD_ACCOUNT_ID_LEN`] decimal digits.
    pub fn ad_account_id(&self) -> Result<Option<&str>, Error> {
        const FIELD: &str = "config.ad-account-id";
        let Some(id) = self.ad_account_id.as_deref().filter(|id| !id.is_empty()) else {
            return Ok(None);
        };
        if !id.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::invalid(
                FIELD,
                "must be an ad account id: decimal digits only",
            ));
        }
        if id.len() > MAX_AD_ACCOUNT_ID_LEN {
            return Err(Error::invalid(
                FIELD,
                format!(
                    "is {} digits; an ad account id has at most {MAX_AD_ACCOUNT_ID_LEN}",
                    id.len()
                ),
            ));
        }
        Ok(Some(id))
    }

    /// Checks the client id and secret before they go into a Basic header.
    pub fn check_credentials(&self) -> Result<(), Error> {
        check_client_id(&self.client_id)?;
        validate::header_safe("config.client-secret", self.client_secret.secret())
    }
}

/// Checks a client id: present, header-safe, and without the `:` that would
/// break Basic credentials.
pub fn check_client_id(client_id: &str) -> Result<(), Error> {
    validate::header_safe("config.client-id", client_id)?;
    if client_id.contains(':') {
        return Err(Error::invalid("config.client-id", "must not contain ':'"));
    }
    Ok(())
}

/// Parses one of the constant URLs above (which always succeeds).
fn constant_url(url: &str) -> Result<Url, Error> {
    Url::parse(url).map_err(|e| Error::invalid("config", format!("built-in URL {url}: {e}")))
}

/// Parses an override URL: absolute, `https` (or `http` on a loopback host),
/// without credentials, query or fragment.
fn parse_override(field: &str, value: &str) -> Result<Url, Error> {
    let url = validate::secure_url(field, value)?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(Error::invalid(field, "must not contain credentials"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::invalid(field, "must not have a query or fragment"));
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::endpoints::{BOARDS_GET, BOARDS_LIST};

    fn config(environment: Environment, api_base_url: Option<&str>) -> Config {
        Config {
            environment,
            api_base_url: api_base_url.map(str::to_owned),
            ..Config::new("1484362", ClientSecret::new("app-secret-5f1d9c0e7b2a48d6"))
        }
    }

    #[test]
    fn environments_resolve_to_pinterest_origins() {
        let boards = |c: Config| c.url(&BOARDS_LIST, &[]).unwrap().to_string();
        assert_eq!(
            boards(config(Environment::Production, None)),
            "https://api.pinterest.com/v5/boards"
        );
        assert_eq!(
            boards(config(Environment::Sandbox, None)),
            "https://api-sandbox.pinterest.com/v5/boards"
        );
    }

    #[test]
    fn override_keeps_its_path_prefix_and_drops_a_trailing_v5() {
        let url = |base: &str| {
            config(Environment::Production, Some(base))
                .url(&BOARDS_GET, &["123"])
                .unwrap()
                .to_string()
        };
        assert_eq!(
            url("http://127.0.0.1:8080"),
            "http://127.0.0.1:8080/v5/boards/123"
        );
        assert_eq!(
            url("http://localhost:9/v5/"),
            "http://localhost:9/v5/boards/123"
        );
        assert_eq!(
            url("https://proxy.example/pinterest/"),
            "https://proxy.example/pinterest/v5/boards/123"
        );
    }

    #[test]
    fn path_segments_are_encoded() {
        let url = config(Environment::Production, None)
            .url(&BOARDS_GET, &["1/../x?y"])
            .unwrap();
        assert_eq!(
            url.as_str(),
            "https://api.pinterest.com/v5/boards/1%2F..%2Fx%3Fy"
        );
    }

    #[test]
    fn override_must_be_https_or_loopback_http() {
        for bad in [
            "http://api.example.com",
            "ftp://127.0.0.1",
            "not a url",
            "https://user:pw@proxy.example",
            "https://proxy.example/?x=1",
        ] {
            let err = config(Environment::Production, Some(bad))
                .url(&BOARDS_LIST, &[])
                .unwrap_err();
            assert!(
                matches!(&err, Error::InvalidInput { field, .. } if field == "config.api-base-url"),
                "{bad}: {err:?}"
            );
        }
        for good in [
            "https://proxy.example",
            "http://[::1]:1",
            "http://localhost",
        ] {
            assert!(
                config(Environment::Production, Some(good))
                    .url(&BOARDS_LIST, &[])
                    .is_ok(),
                "{good}"
            );
        }
    }

    #[test]
    fn ad_account_ids_are_up_to_18_digits_and_empty_is_none() {
        let with = |id: &str| Config {
            ad_account_id: Some(id.to_owned()),
            ..config(Environment::Production, None)
        };
        assert_eq!(
            with("549755885175").ad_account_id().unwrap(),
            Some("549755885175")
        );
        assert_eq!(
            with(&"9".repeat(18)).ad_account_id().unwrap().map(str::len),
            Some(18)
        );
        assert_eq!(with("").ad_account_id().unwrap(), None);
        assert_eq!(
            config(Environment::Production, None)
                .ad_account_id()
                .unwrap(),
            None
        );
        for bad in ["12 34", "-1", "１２", "act_123", &"9".repeat(19)] {
            let err = with(bad).ad_account_id().unwrap_err();
            assert!(
                matches!(&err, Error::InvalidInput { field, .. } if field == "config.ad-account-id"),
                "{bad}: {err:?}"
            );
        }
    }

    #[test]
    fn client_id_must_be_usable_in_basic_credentials() {
        assert!(check_client_id("1234567").is_ok());
        assert!(check_client_id("").is_err());
        assert!(check_client_id("12:34").is_err());
        assert!(check_client_id("12\r\n34").is_err());
    }
}
