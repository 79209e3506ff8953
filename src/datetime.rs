//! Calendar arithmetic for the times the connector reads and writes: RFC
//! 3339 date-times converted to UTC, HTTP-dates (RFC 9110 §5.6.7) read as
//! unix seconds, and unix seconds written as RFC 3339 UTC.
//!
//! Dates are proleptic Gregorian, years 0000 to 9999. Days are counted from
//! 1970-01-01 with the days-from-civil algorithm (Howard Hinnant,
//! "chrono-Compatible Low-Level Date Algorithms"), in whole integers.

/// Seconds in a day.
const DAY_SECONDS: i64 = 86_400;
/// Digits of a fraction of a second kept (nanoseconds); more are dropped.
pub const MAX_FRACTION_DIGITS: usize = 9;

/// Whether `year` is a leap year.
fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The days of `month` (1 to 12) in `year`.
fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to `year-month-day` (negative before it).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let shifted_month = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date `days` after 1970-01-01: year, month (1 to 12), day.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    // Both fit: month is 1 to 12, day 1 to 31.
    (
        year,
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

/// A date and a time of day, as written (a leap second keeps its `60`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
}

impl Civil {
    /// A date-time whose fields are in range (seconds up to 60, for a leap
    /// second), or none.
    fn checked(
        year: i64,
        month: u32,
        day: u32,
        hour: u32,
        minute: u32,
        second: u32,
    ) -> Option<Self> {
        let valid = (0..=9999).contains(&year)
            && (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day)
            && hour <= 23
            && minute <= 59
            && second <= 60;
        valid.then_some(Civil {
            year,
            month,
            day,
            hour,
            minute,
            second,
        })
    }

    /// Minutes since 1970-01-01T00:00 (negative before it).
    fn minutes(self) -> i64 {
        days_from_civil(self.year, self.month, self.day) * 1440
            + i64::from(self.hour) * 60
            + i64::from(self.minute)
    }

    /// Seconds since 1970-01-01T00:00:00Z (negative before it); a leap
    /// second counts as the first second of the next minute.
    fn unix(self) -> i64 {
        self.minutes() * 60 + i64::from(self.second)
    }

    /// This date-time moved by `minutes` (the seconds stay as they are:
    /// zone offsets are whole minutes), if the year stays within 0000 to
    /// 9999.
    fn plus_minutes(self, minutes: i64) -> Option<Self> {
        let total = self.minutes() + minutes;
        let (year, month, day) = civil_from_days(total.div_euclid(1440));
        let minute_of_day = total.rem_euclid(1440);
        let hour = u32::try_from(minute_of_day / 60).ok()?;
        let minute = u32::try_from(minute_of_day % 60).ok()?;
        Civil::checked(year, month, day, hour, minute, self.second)
    }

    /// RFC 3339 in UTC, with `fraction` (digits, possibly none) after the
    /// seconds.
    ///
    /// Written digit by digit into a string of the right size: every board
    /// and pin carries a time, and `format!` took a tenth of reading a page.
    fn rfc3339(self, fraction: &str) -> String {
        let mut out = String::with_capacity(RFC3339_CHARS + 1 + fraction.len());
        // `checked` keeps the year within 0..=9999.
        push_digits(&mut out, u32::try_from(self.year).unwrap_or(0), 4);
        for (separator, value) in [
            ('-', self.month),
            ('-', self.day),
            ('T', self.hour),
            (':', self.minute),
            (':', self.second),
        ] {
            out.push(separator);
            push_digits(&mut out, value, 2);
        }
        if !fraction.is_empty() {
            out.push('.');
            out.push_str(fraction);
        }
        out.push('Z');
        out
    }
}

/// Characters of `YYYY-MM-DDTHH:MM:SSZ`.
const RFC3339_CHARS: usize = 20;

/// The last `width` decimal digits of `value`, zero-padded.
fn push_digits(out: &mut String, value: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = value / 10u32.pow(place) % 10;
        out.push(char::from_digit(digit, 10).unwrap_or('0'));
    }
}

/// Reads fixed-width fields off the front of a text.
struct Cursor<'a> {
    rest: &'a [u8],
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str) -> Self {
        Cursor {
            rest: text.as_bytes(),
        }
    }

    /// Exactly `n` ASCII digits, as a number.
    fn digits(&mut self, n: usize) -> Option<u32> {
        let (head, rest) = self.rest.split_at_checked(n)?;
        if !head.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.rest = rest;
        Some(
            head.iter()
                .fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0')),
        )
    }

    /// `literal`, exactly.
    fn tag(&mut self, literal: &str) -> Option<()> {
        self.rest = self.rest.strip_prefix(literal.as_bytes())?;
        Some(())
    }

    /// One byte of `allowed`, which it returns.
    fn one_of(&mut self, allowed: &[u8]) -> Option<u8> {
        let (&first, rest) = self.rest.split_first()?;
        allowed.contains(&first).then(|| {
            self.rest = rest;
            first
        })
    }

    /// The position in `names` of the name the text starts with.
    fn name(&mut self, names: &[&str]) -> Option<usize> {
        let found = names
            .iter()
            .position(|name| self.rest.starts_with(name.as_bytes()))?;
        self.tag(names.get(found)?)?;
        Some(found)
    }

    /// Leading ASCII digits (any number, perhaps none), as text.
    fn digit_run(&mut self) -> &'a str {
        let n = self.rest.iter().take_while(|b| b.is_ascii_digit()).count();
        let (run, rest) = self.rest.split_at(n);
        self.rest = rest;
        std::str::from_utf8(run).unwrap_or_default()
    }

    fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }
}

/// An RFC 3339 date-time converted to UTC: `YYYY-MM-DDTHH:MM:SS[.frac]Z`.
///
/// The zone may be `Z` or `z`, `+hh:mm` or `-hh:mm` (`-00:00`, "offset
/// unknown", is UTC), or missing: Pinterest writes its UTC times without a
/// zone (`2022-10-13T01:40:29`). The date and time may be separated by
/// `T`, `t` or a space. A fraction of a second is kept, cut to
/// [`MAX_FRACTION_DIGITS`] digits (zone offsets are whole minutes, so it
/// never changes); a leap second (`:60`) stays one. Anything else — a date
/// alone, a field out of range (February 30th, hour 24), a result outside
/// the years 0000 to 9999 — is none.
pub fn to_utc(text: &str) -> Option<String> {
    let (civil, fraction) = read_utc(text)?;
    Some(civil.rfc3339(fraction))
}

/// Seconds since 1970-01-01T00:00:00Z of a date-time [`to_utc`] reads (a
/// fraction of a second dropped, a leap second counted as the last second
/// of its minute, so that a listing's order by time is kept).
pub fn unix_seconds(text: &str) -> Option<i64> {
    let (civil, _) = read_utc(text)?;
    Some(civil.unix() - i64::from(civil.second == 60))
}

/// A date-time as [`to_utc`] reads it, in UTC, and its fraction digits.
fn read_utc(text: &str) -> Option<(Civil, &str)> {
    let mut c = Cursor::new(text);
    let year = c.digits(4)?;
    c.tag("-")?;
    let month = c.digits(2)?;
    c.tag("-")?;
    let day = c.digits(2)?;
    c.one_of(b"Tt ")?;
    let hour = c.digits(2)?;
    c.tag(":")?;
    let minute = c.digits(2)?;
    c.tag(":")?;
    let second = c.digits(2)?;
    let civil = Civil::checked(i64::from(year), month, day, hour, minute, second)?;
    let fraction = match c.one_of(b".") {
        Some(_) => {
            let digits = c.digit_run();
            if digits.is_empty() {
                return None;
            }
            digits.get(..MAX_FRACTION_DIGITS).unwrap_or(digits)
        }
        None => "",
    };
    let offset_minutes = match c.one_of(b"Zz+-") {
        None | Some(b'Z' | b'z') => 0,
        Some(sign) => {
            let hours = c.digits(2)?;
            c.tag(":")?;
            let minutes = c.digits(2)?;
            if hours > 23 || minutes > 59 {
                return None;
            }
            let offset = i64::from(hours * 60 + minutes);
            if sign == b'+' { offset } else { -offset }
        }
    };
    if !c.is_empty() {
        return None;
    }
    // Local time minus its offset is UTC (already, for most of Pinterest's).
    let utc = if offset_minutes == 0 {
        civil
    } else {
        civil.plus_minutes(-offset_minutes)?
    };
    Some((utc, fraction))
}

/// Unix seconds as RFC 3339 UTC (`2026-01-01T00:00:00Z`), or none past the
/// year 9999.
pub fn format_unix(seconds: u64) -> Option<String> {
    let seconds = i64::try_from(seconds).ok()?;
    let (year, month, day) = civil_from_days(seconds.div_euclid(DAY_SECONDS));
    let second_of_day = seconds.rem_euclid(DAY_SECONDS);
    let civil = Civil::checked(
        year,
        month,
        day,
        u32::try_from(second_of_day / 3600).ok()?,
        u32::try_from(second_of_day / 60 % 60).ok()?,
        u32::try_from(second_of_day % 60).ok()?,
    )?;
    Some(civil.rfc3339(""))
}

/// Day names of IMF-fixdate and asctime dates.
const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
/// Day names of RFC 850 dates.
const LONG_DAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
/// Month names of HTTP-dates.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// An HTTP-date (RFC 9110 §5.6.7) as unix seconds (negative before 1970),
/// in any of its three forms:
///
/// - IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`
/// - RFC 850 (obsolete): `Sunday, 06-Nov-94 08:49:37 GMT`
/// - asctime (obsolete): `Sun Nov  6 08:49:37 1994`
///
/// Names are case-sensitive, as the grammar has them; the day name is not
/// checked against the date (it is redundant). An RFC 850 two-digit year is
/// the one of this century unless that is more than 50 years after `now`
/// (unix seconds), in which case it is the century before, as RFC 9110
/// requires.
pub fn http_date(text: &str, now: u64) -> Option<i64> {
    imf_fixdate(text)
        .or_else(|| rfc850_date(text, now))
        .or_else(|| asctime_date(text))
        .map(Civil::unix)
}

/// `hour ":" minute ":" second`.
fn time_of_day(c: &mut Cursor<'_>) -> Option<(u32, u32, u32)> {
    let hour = c.digits(2)?;
    c.tag(":")?;
    let minute = c.digits(2)?;
    c.tag(":")?;
    let second = c.digits(2)?;
    Some((hour, minute, second))
}

/// The month name the text starts with, as 1 to 12.
fn month(c: &mut Cursor<'_>) -> Option<u32> {
    c.name(&MONTHS).and_then(|i| u32::try_from(i + 1).ok())
}

fn imf_fixdate(text: &str) -> Option<Civil> {
    let mut c = Cursor::new(text);
    c.name(&DAY_NAMES)?;
    c.tag(", ")?;
    let day = c.digits(2)?;
    c.tag(" ")?;
    let month = month(&mut c)?;
    c.tag(" ")?;
    let year = c.digits(4)?;
    c.tag(" ")?;
    let (hour, minute, second) = time_of_day(&mut c)?;
    c.tag(" GMT")?;
    c.is_empty().then_some(())?;
    Civil::checked(i64::from(year), month, day, hour, minute, second)
}

fn rfc850_date(text: &str, now: u64) -> Option<Civil> {
    let mut c = Cursor::new(text);
    c.name(&LONG_DAY_NAMES)?;
    c.tag(", ")?;
    let day = c.digits(2)?;
    c.tag("-")?;
    let month = month(&mut c)?;
    c.tag("-")?;
    let two_digits = i64::from(c.digits(2)?);
    c.tag(" ")?;
    let (hour, minute, second) = time_of_day(&mut c)?;
    c.tag(" GMT")?;
    c.is_empty().then_some(())?;
    let this_year = civil_from_days(i64::try_from(now).ok()?.div_euclid(DAY_SECONDS)).0;
    let mut year = this_year - this_year.rem_euclid(100) + two_digits;
    if year > this_year + 50 {
        year -= 100;
    }
    Civil::checked(year, month, day, hour, minute, second)
}

fn asctime_date(text: &str) -> Option<Civil> {
    let mut c = Cursor::new(text);
    c.name(&DAY_NAMES)?;
    c.tag(" ")?;
    let month = month(&mut c)?;
    c.tag(" ")?;
    // The day: two digits, or a space and one digit.
    let day = match c.one_of(b" ") {
        Some(_) => c.digits(1)?,
        None => c.digits(2)?,
    };
    c.tag(" ")?;
    let (hour, minute, second) = time_of_day(&mut c)?;
    c.tag(" ")?;
    let year = c.digits(4)?;
    c.is_empty().then_some(())?;
    Civil::checked(i64::from(year), month, day, hour, minute, second)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-01-01T00:00:00Z.
    const NOW: u64 = 1_767_225_600;

    #[test]
    fn days_are_counted_from_the_epoch_both_ways() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        assert_eq!(days_from_civil(0, 1, 1), -719_528);
        assert_eq!(days_from_civil(9999, 12, 31), 2_932_896);
        for days in (-719_528..=2_932_896).step_by(97) {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
        }
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(is_leap(2024) && is_leap(2000) && is_leap(0));
        assert!(!is_leap(1900) && !is_leap(2023) && !is_leap(2100));
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
    }

    #[test]
    fn offsets_are_converted_to_utc() {
        for (given, expected) in [
            ("2022-10-13T01:40:29", "2022-10-13T01:40:29Z"),
            ("2022-10-13T01:40:29Z", "2022-10-13T01:40:29Z"),
            ("2022-10-13t01:40:29z", "2022-10-13T01:40:29Z"),
            ("2022-10-13 01:40:29", "2022-10-13T01:40:29Z"),
            ("2020-01-01T20:10:40-00:00", "2020-01-01T20:10:40Z"),
            ("2020-01-01T20:10:40+00:00", "2020-01-01T20:10:40Z"),
            ("2020-01-01T20:10:40+05:30", "2020-01-01T14:40:40Z"),
            ("2020-01-01T20:10:40-08:00", "2020-01-02T04:10:40Z"),
            // Across a day, a month, a year.
            ("2020-01-01T03:00:00+05:30", "2019-12-31T21:30:00Z"),
            ("2019-12-31T22:00:00-02:30", "2020-01-01T00:30:00Z"),
            ("2021-03-01T01:00:00+02:00", "2021-02-28T23:00:00Z"),
            // Into and out of a leap day.
            ("2024-03-01T00:15:00+01:00", "2024-02-29T23:15:00Z"),
            ("2024-02-29T23:00:00-01:00", "2024-03-01T00:00:00Z"),
            ("2100-03-01T00:00:00+00:01", "2100-02-28T23:59:00Z"),
            // Extreme offsets.
            ("2020-06-15T12:00:00+23:59", "2020-06-14T12:01:00Z"),
            ("2020-06-15T12:00:00-23:59", "2020-06-16T11:59:00Z"),
            // Fractions kept (cut to nanoseconds), leap seconds kept.
            ("2022-10-13T01:40:29.123", "2022-10-13T01:40:29.123Z"),
            ("2022-10-13T01:40:29.5+01:00", "2022-10-13T00:40:29.5Z"),
            (
                "2022-10-13T01:40:29.1234567891234Z",
                "2022-10-13T01:40:29.123456789Z",
            ),
            ("1998-12-31T18:59:60-05:00", "1998-12-31T23:59:60Z"),
            ("0000-01-01T00:00:00Z", "0000-01-01T00:00:00Z"),
            ("9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"),
        ] {
            assert_eq!(to_utc(given).as_deref(), Some(expected), "{given}");
        }
    }

    #[test]
    fn anything_else_is_not_a_time() {
        for given in [
            "",
            "2020-01-01",
            "2020-01-01T",
            "2020-01-01T20:10",
            "2020-1-01T20:10:40Z",
            "2020-02-30T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2020-13-01T00:00:00Z",
            "2020-00-01T00:00:00Z",
            "2020-01-00T00:00:00Z",
            "2020-01-01T24:00:00Z",
            "2020-01-01T23:60:00Z",
            "2020-01-01T23:59:61Z",
            "2020-01-01T20:10:40+5:30",
            "2020-01-01T20:10:40+0530",
            "2020-01-01T20:10:40+24:00",
            "2020-01-01T20:10:40+05:60",
            "2020-01-01T20:10:40.Z",
            "2020-01-01T20:10:40ZZ",
            "2020-01-01T20:10:40Z ",
            " 2020-01-01T20:10:40Z",
            "2020-01-01T20:10:40 UTC",
            "２０２０-01-01T20:10:40Z",
            "0000-01-01T00:00:00+00:01",
            "9999-12-31T23:59:59-00:01",
            "yesterday",
        ] {
            assert_eq!(to_utc(given), None, "{given:?}");
        }
    }

    #[test]
    fn unix_seconds_are_written_as_utc() {
        assert_eq!(format_unix(0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(format_unix(NOW).as_deref(), Some("2026-01-01T00:00:00Z"));
        assert_eq!(
            format_unix(NOW + 86_399).as_deref(),
            Some("2026-01-01T23:59:59Z")
        );
        assert_eq!(
            format_unix(u64::from(u32::MAX)).as_deref(),
            Some("2106-02-07T06:28:15Z")
        );
        assert_eq!(
            format_unix(253_402_300_799).as_deref(),
            Some("9999-12-31T23:59:59Z")
        );
        assert_eq!(format_unix(253_402_300_800), None);
        assert_eq!(format_unix(u64::MAX), None);
    }

    #[test]
    fn http_dates_come_in_three_forms() {
        // RFC 9110's own example, in each form.
        let expected = Some(784_111_777);
        assert_eq!(http_date("Sun, 06 Nov 1994 08:49:37 GMT", NOW), expected);
        assert_eq!(http_date("Sunday, 06-Nov-94 08:49:37 GMT", NOW), expected);
        assert_eq!(http_date("Sun Nov  6 08:49:37 1994", NOW), expected);
        assert_eq!(
            http_date("Thu, 01 Jan 2026 00:02:00 GMT", NOW),
            Some(1_767_225_720)
        );
        assert_eq!(
            http_date("Thu Jan 01 00:02:00 2026", NOW),
            Some(1_767_225_720)
        );
        // Before 1970, and a leap second.
        assert_eq!(http_date("Wed, 31 Dec 1969 23:59:59 GMT", NOW), Some(-1));
        assert_eq!(
            http_date("Thu, 31 Dec 1998 23:59:60 GMT", NOW),
            Some(915_148_800)
        );
    }

    #[test]
    fn rfc_850_years_are_at_most_50_years_ahead() {
        let year = |text: &str| {
            http_date(text, NOW)
                .and_then(|t| format_unix(u64::try_from(t).ok()?))
                .map(|t| t[..4].to_owned())
        };
        assert_eq!(
            year("Thursday, 01-Jan-26 00:00:00 GMT").as_deref(),
            Some("2026")
        );
        assert_eq!(
            year("Friday, 01-Jan-76 00:00:00 GMT").as_deref(),
            Some("2076")
        );
        assert_eq!(
            year("Saturday, 01-Jan-77 00:00:00 GMT").as_deref(),
            Some("1977")
        );
        assert_eq!(
            year("Sunday, 01-Jan-99 00:00:00 GMT").as_deref(),
            Some("1999")
        );
        assert_eq!(
            year("Monday, 01-Jan-00 00:00:00 GMT").as_deref(),
            Some("2000")
        );
    }

    #[test]
    fn malformed_http_dates_are_none() {
        for text in [
            "",
            "120",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "sun, 06 nov 1994 08:49:37 gmt",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 94 08:49:37 GMT",
            "Sun, 31 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT trailing",
            "Sun,06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-1994 08:49:37 GMT",
            "Sun Nov 6 08:49:37 1994",
            "Sun Nov  6 08:49:37 94",
            "Funday, 06-Nov-94 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT\u{0}",
        ] {
            assert_eq!(http_date(text, NOW), None, "{text:?}");
        }
    }
}
