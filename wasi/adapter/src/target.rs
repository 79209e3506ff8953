//! Where a request goes, split the way `wasi:http` takes it: scheme,
//! authority, path with query.

/// The request's scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// `http`.
    Http,
    /// `https`.
    Https,
}

/// A request URL in `wasi:http`'s parts. The fragment, which never goes on
/// the wire, is left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target<'a> {
    /// `http` or `https`.
    pub scheme: Scheme,
    /// `host[:port]`.
    pub authority: &'a str,
    /// The path (at least `/`) and the query, if any.
    pub path_with_query: String,
}

impl<'a> Target<'a> {
    /// Splits the absolute URL `url`, or says why it cannot be sent; the
    /// reason never quotes the URL beyond its scheme.
    pub fn parse(url: &'a str) -> Result<Self, String> {
        let (scheme, rest) = url
            .split_once("://")
            .ok_or_else(|| "the request URL is not an absolute http or https URL".to_owned())?;
        let scheme = if scheme.eq_ignore_ascii_case("https") {
            Scheme::Https
        } else if scheme.eq_ignore_ascii_case("http") {
            Scheme::Http
        } else if scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        {
            return Err(format!(
                "only http and https requests are sent, not {scheme}:"
            ));
        } else {
            return Err("the request URL is not an absolute http or https URL".to_owned());
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at(end);
        if authority.contains('@') {
            // Never echo them: credentials may be secrets.
            return Err(
                "URLs with credentials (userinfo before the host) are never sent".to_owned(),
            );
        }
        if authority.is_empty()
            || authority
                .chars()
                .any(|c| c.is_whitespace() || c.is_control())
        {
            return Err("the request URL has no valid host".to_owned());
        }
        let tail = tail.split('#').next().unwrap_or_default();
        let path_with_query = if tail.starts_with('/') {
            tail.to_owned()
        } else {
            format!("/{tail}")
        };
        Ok(Self {
            scheme,
            authority,
            path_with_query,
        })
    }

    /// `scheme://authority`, to name where a request went without its path
    /// or query.
    pub fn origin(&self) -> String {
        let scheme = match self.scheme {
            Scheme::Http => "http",
            Scheme::Https => "https",
        };
        format!("{scheme}://{}", self.authority)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_an_api_url() {
        let target = Target::parse("https://api.pinterest.com/v5/boards?page_size=25").unwrap();
        assert_eq!(target.scheme, Scheme::Https);
        assert_eq!(target.authority, "api.pinterest.com");
        assert_eq!(target.path_with_query, "/v5/boards?page_size=25");
        assert_eq!(target.origin(), "https://api.pinterest.com");
    }

    #[test]
    fn a_bare_origin_or_query_gets_a_root_path_and_the_fragment_is_dropped() {
        assert_eq!(
            Target::parse("http://127.0.0.1:8080")
                .unwrap()
                .path_with_query,
            "/"
        );
        assert_eq!(
            Target::parse("HTTP://127.0.0.1:8080?a=1")
                .unwrap()
                .path_with_query,
            "/?a=1"
        );
        assert_eq!(
            Target::parse("http://[::1]:80/x#frag")
                .unwrap()
                .path_with_query,
            "/x"
        );
        assert_eq!(
            Target::parse("http://[::1]:80/x#frag").unwrap().authority,
            "[::1]:80"
        );
    }

    #[test]
    fn other_schemes_and_relative_urls_are_refused() {
        assert_eq!(
            Target::parse("file:///etc/passwd").unwrap_err(),
            "only http and https requests are sent, not file:"
        );
        assert!(
            Target::parse("/v5/boards")
                .unwrap_err()
                .contains("not an absolute")
        );
        assert!(
            Target::parse("https:///v5")
                .unwrap_err()
                .contains("no valid host")
        );
    }

    #[test]
    fn credentials_are_refused_without_being_quoted() {
        let error = Target::parse("https://user:s3cret@api.pinterest.com/v5").unwrap_err();
        assert!(error.contains("credentials"));
        assert!(!error.contains("s3cret") && !error.contains("user:"));
    }
}
