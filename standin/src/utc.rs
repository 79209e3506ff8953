//! The stand-in's times as Pinterest writes them.

/// `2022-10-13T01:40:29`: UTC without a zone, the way Pinterest writes
/// `created_at`.
pub fn naive(unix_seconds: u64) -> String {
    i64::try_from(unix_seconds)
        .ok()
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%S").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        assert_eq!(naive(0), "1970-01-01T00:00:00");
        assert_eq!(naive(1_665_625_229), "2022-10-13T01:40:29");
        assert_eq!(naive(951_782_400), "2000-02-29T00:00:00");
    }
}
