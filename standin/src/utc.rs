//! The stand-in's times as Pinterest writes them.

/// `2022-10-13T01:40:29`: UTC without a zone, the way Pinterest writes
/// `created_at`.
pub fn naive(unix_seconds: u64) -> String {
    format(unix_seconds, "%Y-%m-%dT%H:%M:%S")
}

/// `20220127T185143Z`: the form of S3's `x-amz-date`.
pub fn amz(unix_seconds: u64) -> String {
    format(unix_seconds, "%Y%m%dT%H%M%SZ")
}

/// `2022-01-27T18:51:43Z`: RFC 3339 in UTC (an S3 policy's expiration).
pub fn rfc3339(unix_seconds: u64) -> String {
    format(unix_seconds, "%Y-%m-%dT%H:%M:%SZ")
}

fn format(unix_seconds: u64, pattern: &str) -> String {
    i64::try_from(unix_seconds)
        .ok()
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map(|t| t.strftime(pattern).to_string())
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
        assert_eq!(amz(1_665_625_229), "20221013T014029Z");
        assert_eq!(rfc3339(1_665_625_229), "2022-10-13T01:40:29Z");
    }
}
