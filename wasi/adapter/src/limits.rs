//! The adapter's limits: the same numbers as the connector's own hosts.

/// The largest response body handed to the connector: 8 MiB, the Rust,
/// Node and Python hosts' default. The connector itself refuses answers
/// over 4 MiB; a bigger body is refused with `http-error::denied` after at
/// most this many bytes were read.
pub const MAX_RESPONSE_BYTES: u64 = 8 * 1024 * 1024;

/// Time limit for a request that names none: 30 s.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;

/// The longest a request may ask for: 60 s (the connector asks for 30 s on
/// reads and 60 s on pin creation).
pub const MAX_TIMEOUT_MS: u32 = 60_000;

/// The time limit of a request that asked for `requested` milliseconds.
pub fn timeout_ms(requested: Option<u32>) -> u32 {
    requested.unwrap_or(DEFAULT_TIMEOUT_MS).min(MAX_TIMEOUT_MS)
}

/// The refusal of a body over `max` bytes, in the words of every host.
pub fn too_large(max: u64) -> String {
    format!("response body exceeds the host's limit of {max} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_may_shorten_the_timeout_but_not_lengthen_it() {
        assert_eq!(timeout_ms(Some(5_000)), 5_000);
        assert_eq!(timeout_ms(None), 30_000);
        assert_eq!(timeout_ms(Some(u32::MAX)), 60_000);
    }

    #[test]
    fn the_refusal_names_the_limit() {
        assert_eq!(
            too_large(MAX_RESPONSE_BYTES),
            "response body exceeds the host's limit of 8388608 bytes"
        );
    }
}
