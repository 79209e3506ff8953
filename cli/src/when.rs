//! Times and durations as people read them in this program's output.

/// `2026-01-01 00:00 UTC`.
pub fn utc_minute(unix_seconds: u64) -> String {
    i64::try_from(unix_seconds)
        .ok()
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .map_or_else(
            || format!("{unix_seconds} (unix seconds)"),
            |t| t.strftime("%Y-%m-%d %H:%M UTC").to_string(),
        )
}

/// A duration in seconds as `3d 4h`, `5m 10s`, `42s`.
pub fn human_duration(seconds: u64) -> String {
    let (d, h, m, s) = (
        seconds / 86_400,
        seconds % 86_400 / 3600,
        seconds % 3600 / 60,
        seconds % 60,
    );
    match (d, h, m) {
        (0, 0, 0) => format!("{s}s"),
        (0, 0, _) => format!("{m}m {s:02}s"),
        (0, _, _) => format!("{h}h {m:02}m"),
        _ => format!("{d}d {h}h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_read_to_the_minute() {
        assert_eq!(utc_minute(1_767_225_600), "2026-01-01 00:00 UTC");
        assert_eq!(utc_minute(951_782_459), "2000-02-29 00:00 UTC");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(42), "42s");
        assert_eq!(human_duration(310), "5m 10s");
        assert_eq!(human_duration(3 * 3600 + 60), "3h 01m");
        assert_eq!(human_duration(30 * 86_400), "30d 0h");
    }
}
