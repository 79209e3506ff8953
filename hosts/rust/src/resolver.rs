//! Name resolution for [`UreqTransport`](crate::UreqTransport): a URL whose
//! host is an IP address (a local egress proxy, a test server) is connected
//! to as written; host names go to ureq's own resolver.
//!
//! ureq resolves before it looks for a pooled connection, and once a time
//! limit is set its resolver runs every lookup on a new thread, even for
//! `127.0.0.1` — about 0.1 ms added to each request (see `./build.sh bench`).

use std::net::{IpAddr, SocketAddr};

use ureq::config::{Config, IpFamily};
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// IP literals as they are, everything else through [`DefaultResolver`].
#[derive(Debug, Default)]
pub struct LiteralFirst(DefaultResolver);

impl Resolver for LiteralFirst {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        match literal_address(uri) {
            Some(address) if config.ip_family() == IpFamily::Any => {
                let mut addresses = self.0.empty();
                addresses.push(address);
                Ok(addresses)
            }
            _ => self.0.resolve(uri, config, timeout),
        }
    }
}

/// The socket address of a URL whose host is an IP address.
fn literal_address(uri: &Uri) -> Option<SocketAddr> {
    let host = uri.host()?;
    let ip: IpAddr = host
        .strip_prefix('[')
        .and_then(|h| h.strip_suffix(']'))
        .unwrap_or(host)
        .parse()
        .ok()?;
    let port = uri.port_u16().or(match uri.scheme_str()? {
        "http" => Some(80),
        "https" => Some(443),
        _ => None,
    })?;
    Some(SocketAddr::new(ip, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(url: &str) -> Option<String> {
        literal_address(&url.parse().unwrap()).map(|a| a.to_string())
    }

    #[test]
    fn ip_literals_are_used_as_written() {
        assert_eq!(
            address("http://127.0.0.1:8080/v5/boards").as_deref(),
            Some("127.0.0.1:8080")
        );
        assert_eq!(address("https://[::1]/v5").as_deref(), Some("[::1]:443"));
        assert_eq!(address("http://10.0.0.2/").as_deref(), Some("10.0.0.2:80"));
    }

    #[test]
    fn host_names_are_left_to_the_resolver() {
        assert_eq!(address("https://api.pinterest.com/v5/boards"), None);
        assert_eq!(address("http://localhost:8080/"), None);
    }
}
