//! Secret values as types of their own: the app's client secret, the
//! authorization code, and the access and refresh tokens. `Debug` never
//! shows their value; it is reached only through `secret()`.

use std::fmt;

use crate::redact::REDACTED;

/// Declares a secret string type, as oauth2-rs's `new_secret_type!` does:
/// `Debug` shows `Name([redacted])`, and the value is reached only through
/// `secret()`. There is deliberately no `PartialEq` (comparing secrets is
/// rarely what is meant, and is not constant-time) and no `Default` (an
/// empty secret is never right).
macro_rules! secret_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub struct $name(String);

        impl $name {
            /// Wraps a secret value.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The secret value, for the one place that must send it.
            pub fn secret(&self) -> &str {
                &self.0
            }

            /// The secret value, taking it out of its wrapper.
            pub fn into_secret(self) -> String {
                self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({REDACTED})", stringify!($name))
            }
        }
    };
}

secret_type! {
    /// The app's secret key ("App secret key" in the Pinterest developer
    /// portal): sent only as HTTP Basic credentials to the token endpoint.
    ClientSecret
}

secret_type! {
    /// The code Pinterest sends to the redirect URI after consent; single
    /// use.
    AuthorizationCode
}

secret_type! {
    /// A bearer token for API calls (about 30 days).
    AccessToken
}

secret_type! {
    /// A token for refreshing the access token (about 60 days); each
    /// refresh returns a new one that replaces it.
    RefreshToken
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let secret = ClientSecret::new("s3cr3t-value");
        assert_eq!(format!("{secret:?}"), "ClientSecret([redacted])");
        assert_eq!(secret.secret(), "s3cr3t-value");
        let token = AccessToken::new("pina_abc");
        assert_eq!(format!("{token:#?}"), "AccessToken([redacted])");
        assert_eq!(token.into_secret(), "pina_abc");
    }
}
