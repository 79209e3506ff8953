//! Secret values and the redaction that keeps them out of every string the
//! connector produces.

use std::fmt;

/// Text shown in place of a secret.
pub const REDACTED: &str = "[redacted]";

/// Prefixes of Pinterest token formats (access, refresh, client tokens).
const TOKEN_PREFIXES: [&str; 3] = ["pina_", "pinr_", "pinc_"];

/// Shortest secret value that is searched for and replaced; shorter values
/// would mangle ordinary words while protecting nothing real.
const MIN_REDACTED_LEN: usize = 4;

/// A string that must never be printed. `Debug` shows `[redacted]`; the value
/// is reachable only through [`Secret::expose`].
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret value, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({REDACTED})")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

/// Returns `text` with every occurrence of each secret, and every
/// Pinterest-token-shaped word (`pina_…`, `pinr_…`, `pinc_…`), replaced by
/// `[redacted]`.
pub fn redact(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_owned();
    for secret in secrets {
        if secret.len() >= MIN_REDACTED_LEN && out.contains(secret) {
            out = out.replace(secret, REDACTED);
        }
    }
    redact_token_shapes(&out)
}

/// Replaces words that look like Pinterest tokens.
fn redact_token_shapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((start, prefix)) = TOKEN_PREFIXES
        .iter()
        .filter_map(|p| rest.find(p).map(|i| (i, *p)))
        .min_by_key(|(i, _)| *i)
    {
        let Some((before, from_prefix)) = rest.split_at_checked(start) else {
            break;
        };
        out.push_str(before);
        let after = from_prefix.strip_prefix(prefix).unwrap_or(from_prefix);
        let token_len = after
            .find(|c: char| !is_token_char(c))
            .unwrap_or(after.len());
        let (token, tail) = after.split_at_checked(token_len).unwrap_or((after, ""));
        out.push_str(if token.is_empty() { prefix } else { REDACTED });
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// Characters Pinterest tokens are made of.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '=' | '+' | '/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let secret = Secret::new("s3cr3t-value");
        assert_eq!(format!("{secret:?}"), "Secret([redacted])");
        assert_eq!(secret.expose(), "s3cr3t-value");
    }

    #[test]
    fn replaces_every_occurrence_of_each_secret() {
        let text = "token abcd1234 then abcd1234 and key zz99zz";
        assert_eq!(
            redact(text, &["abcd1234", "zz99zz"]),
            "token [redacted] then [redacted] and key [redacted]"
        );
    }

    #[test]
    fn ignores_secrets_too_short_to_matter() {
        assert_eq!(redact("a cat", &["a", ""]), "a cat");
    }

    #[test]
    fn replaces_pinterest_token_shapes_without_knowing_them() {
        let text = "bad token pina_AbC.d-e=, retry with pinr_XYZ; pina_ alone";
        assert_eq!(
            redact(text, &[]),
            "bad token [redacted], retry with [redacted]; pina_ alone"
        );
    }
}
