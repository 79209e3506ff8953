//! Keeping header values out of error texts. What a WASI host reports
//! (an internal error, a rejected header) is passed on to the connector,
//! which may show it to a user; the request's header values — the
//! `authorization` header among them — are cut out of it first.

/// What stands in for a redacted value.
pub const REDACTED: &str = "[redacted]";

/// Values shorter than this are left alone: they carry no secret, and
/// cutting every `0` or `gzip` out of a message would garble it.
const SHORTEST: usize = 6;

/// The secrets of one request: its header values, and the credential of an
/// `authorization`-style value (`Bearer pina_…` → `pina_…` too).
#[derive(Debug, Default)]
pub struct Redactor {
    secrets: Vec<String>,
}

impl Redactor {
    /// Secrets from `values`, the request's header values.
    pub fn new<'a>(values: impl IntoIterator<Item = &'a str>) -> Self {
        let mut secrets = Vec::new();
        for value in values {
            secrets.push(value.to_owned());
            if let Some((_, credential)) = value.split_once(' ') {
                secrets.push(credential.trim().to_owned());
            }
        }
        secrets.retain(|secret| secret.len() >= SHORTEST);
        // Longest first, so that a value is cut whole before its tail.
        secrets.sort_by_key(|secret| std::cmp::Reverse(secret.len()));
        Self { secrets }
    }

    /// `text` with every secret replaced by [`REDACTED`].
    pub fn redact(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for secret in &self.secrets {
            if text.contains(secret.as_str()) {
                text = text.replace(secret.as_str(), REDACTED);
            }
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values_and_their_credentials_are_cut_out() {
        let redactor = Redactor::new(["Bearer pina_SECRET123", "application/json"]);
        assert_eq!(
            redactor.redact("header authorization: Bearer pina_SECRET123 rejected"),
            "header authorization: [redacted] rejected"
        );
        assert_eq!(
            redactor.redact("token pina_SECRET123 seen"),
            "token [redacted] seen"
        );
    }

    #[test]
    fn short_values_are_left_alone() {
        let redactor = Redactor::new(["0", "gzip"]);
        assert_eq!(redactor.redact("content-length 0"), "content-length 0");
    }
}
