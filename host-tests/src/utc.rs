//! Unix seconds as UTC calendar text, without a date-time dependency.

/// The UTC calendar date and time of `unix_seconds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    /// Year, e.g. 2026.
    pub year: i64,
    /// Month, 1 to 12.
    pub month: u32,
    /// Day of the month, 1 to 31.
    pub day: u32,
    /// Hour, 0 to 23.
    pub hour: u32,
    /// Minute, 0 to 59.
    pub minute: u32,
    /// Second, 0 to 59.
    pub second: u32,
}

impl DateTime {
    /// Splits `unix_seconds` into a UTC date and time.
    pub fn from_unix(unix_seconds: u64) -> Self {
        let days = i64::try_from(unix_seconds / 86_400).unwrap_or(i64::MAX / 2);
        let rest = unix_seconds % 86_400;
        let (year, month, day) = civil_from_days(days);
        // `rest` is below 86 400, so every part fits in a u32.
        let part = |v: u64| u32::try_from(v).unwrap_or_default();
        Self {
            year,
            month,
            day,
            hour: part(rest / 3600),
            minute: part(rest % 3600 / 60),
            second: part(rest % 60),
        }
    }

    /// `2022-10-13T01:40:29`: no zone, the way Pinterest writes `created_at`.
    pub fn naive(&self) -> String {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            self.year, self.month, self.day, self.hour, self.minute, self.second
        )
    }

    /// `2022-10-13T01:40:29Z` (RFC 3339, UTC).
    pub fn rfc3339(&self) -> String {
        format!("{}Z", self.naive())
    }

    /// `2022-10-13 01:40 UTC`, for people.
    pub fn short(&self) -> String {
        format!(
            "{:04}-{:02}-{:02} {:02}:{:02} UTC",
            self.year, self.month, self.day, self.hour, self.minute
        )
    }
}

/// Year, month and day of a count of days since 1970-01-01 (Howard
/// Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let small = |v: i64| u32::try_from(v).unwrap_or_default();
    (year, small(month), small(day))
}

/// A duration in seconds as `3d 4h`, `5m 10s`, `42s`, for people.
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
    fn known_instants() {
        assert_eq!(DateTime::from_unix(0).rfc3339(), "1970-01-01T00:00:00Z");
        assert_eq!(
            DateTime::from_unix(1_665_625_229).naive(),
            "2022-10-13T01:40:29"
        );
        assert_eq!(
            DateTime::from_unix(1_767_225_600).short(),
            "2026-01-01 00:00 UTC"
        );
        assert_eq!(
            DateTime::from_unix(951_782_400).naive(),
            "2000-02-29T00:00:00"
        );
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(human_duration(42), "42s");
        assert_eq!(human_duration(310), "5m 10s");
        assert_eq!(human_duration(3 * 3600 + 60), "3h 01m");
        assert_eq!(human_duration(30 * 86_400), "30d 0h");
    }
}
