//! Parsing the date strings found in metadata: ISO 8601 / RFC 3339, RFC 2822, Unix epochs,
//! and the human forms ("Feb. 24, 2025", "3rd March 2024", "02/24/2025").

use std::fmt;

use jiff::Timestamp;
use jiff::civil::Date;
use jiff::fmt::{rfc2822, strtime::BrokenDownTime, temporal::Pieces};
use jiff::tz::Offset;

use super::words::{is_weekday, month_abbrev, strip_ordinal, zone_offset};

/// Why a date string was not accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not in any form we know.
    Unrecognised,
    /// A recognised form naming a day the calendar does not have ("2025-02-30").
    DoesNotExist,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Unrecognised => f.write_str("not a recognised date"),
            DateError::DoesNotExist => f.write_str("no such day in the calendar"),
        }
    }
}

impl std::error::Error for DateError {}

/// Anything longer is prose, not a date; the cap also keeps hostile input cheap.
const MAX_DATE_TEXT: usize = 200;

/// Parse a free-form date string as found in metadata. Returns the calendar date as written
/// (in the string's own zone, NOT converted to UTC) and the exact instant when a time and
/// zone/offset were given.
///
/// Accepted: ISO 8601 / RFC 3339 (with or without time, offset or `Z`), RFC 2822, `2025/02/24`,
/// `20250224`, English month names in either order ("Feb. 24, 2025", "3rd March 2024") with
/// an optional weekday and time, and numeric `02/24/2025`. For numeric slashed dates the first
/// number is the month unless it is above 12 (US style wins when ambiguous: "03/04/2025" is
/// 4 March). A weekday is ignored, never checked against the date. A time without a zone gives
/// a date but no instant. Zone names: UT, UTC, GMT, Z and the US ones of RFC 2822 (EST, EDT,
/// CST, CDT, MST, MDT, PST, PDT). A run of exactly 10 digits is Unix seconds and of exactly 13
/// digits Unix milliseconds ("1740355200"): the instant, and its date in UTC.
pub fn parse_date_text(text: &str) -> Result<(Date, Option<Timestamp>), DateError> {
    let text = text.trim().trim_end_matches('.').trim_end();
    if text.is_empty() || text.len() > MAX_DATE_TEXT {
        return Err(DateError::Unrecognised);
    }
    if let Some(instant) = epoch_timestamp(text) {
        return Ok((Offset::UTC.to_datetime(instant).date(), Some(instant)));
    }
    let iso = colon_in_offset(text);
    if let Ok(pieces) = Pieces::parse(iso.as_deref().unwrap_or(text)) {
        let date = pieces.date();
        let instant = match (pieces.time(), pieces.to_numeric_offset()) {
            (Some(time), Some(offset)) => offset.to_timestamp(date.to_datetime(time)).ok(),
            _ => None,
        };
        return Ok((date, instant));
    }
    // The weekday in RFC 2822 is redundant; we ignore it everywhere rather than reject a date
    // because a feed got the weekday wrong.
    let rfc2822 = rfc2822::DateTimeParser::new().relaxed_weekday(true);
    if let Ok(zoned) = rfc2822.parse_zoned_datetime(text) {
        return Ok((zoned.date(), Some(zoned.timestamp())));
    }
    parse_with_strtime(&normalise(text))
}

/// "2019-11-19T13:16+0000" -> "2019-11-19T13:16+00:00": ISO 8601's basic offset after an
/// extended date and time, which many pages write and RFC 3339 parsers refuse. `None` when the
/// text does not end in `[+-]HHMM` after a time.
fn colon_in_offset(text: &str) -> Option<String> {
    let cut = text.len().checked_sub(5)?;
    let (stamp, offset) = (text.get(..cut)?, text.get(cut..)?);
    let is_offset =
        offset.starts_with(['+', '-']) && offset[1..].bytes().all(|b| b.is_ascii_digit());
    let after_time = stamp.contains(['T', ' ']) && stamp.ends_with(|c: char| c.is_ascii_digit());
    (is_offset && after_time && stamp.contains(':'))
        .then(|| format!("{stamp}{}:{}", &offset[..3], &offset[3..]))
}

/// Unix time as JSON dumps give it (Reddit's `created_utc`): exactly 10 digits are seconds,
/// exactly 13 are milliseconds. Other digit runs are not epochs ("20250224" is a date).
fn epoch_timestamp(text: &str) -> Option<Timestamp> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = text.parse().ok()?;
    match text.len() {
        10 => Timestamp::from_second(n).ok(),
        13 => Timestamp::from_millisecond(n).ok(),
        _ => None,
    }
}

/// Date layouts after [`normalise`]; month-first before day-first implements the US rule.
const DATE_FORMATS: [&str; 7] = [
    "%Y-%m-%d", "%Y/%m/%d", "%b %d %Y", "%d %b %Y", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y",
];
const TIME_FORMATS: [&str; 5] = ["", " %H:%M", " %H:%M:%S%.f", " %I:%M %p", " %I:%M:%S %p"];
const ZONE_FORMATS: [&str; 3] = ["", " %z", " %:z"];

fn parse_with_strtime(text: &str) -> Result<(Date, Option<Timestamp>), DateError> {
    let mut error = DateError::Unrecognised;
    for date_format in DATE_FORMATS {
        for time_format in TIME_FORMATS {
            // A zone only makes sense after a time.
            let zones = if time_format.is_empty() {
                &ZONE_FORMATS[..1]
            } else {
                &ZONE_FORMATS
            };
            for zone_format in zones {
                let format = format!("{date_format}{time_format}{zone_format}");
                let Ok(parsed) = BrokenDownTime::parse(&format, text) else {
                    continue;
                };
                // `%Y` also takes "25" as the year 25: refuse two-digit years rather than guess.
                if parsed.year().is_none_or(|year| year < 1000) {
                    continue;
                }
                // The fields were each in range, so the layout fits; only the day can be wrong.
                match parsed.to_date() {
                    Ok(date) => return Ok((date, parsed.to_timestamp().ok())),
                    Err(_) => error = DateError::DoesNotExist,
                }
            }
        }
    }
    // ISO forms the temporal parser refused ("2025-02-30T10:00:00Z", "20250230") land here.
    for format in ["%Y-%m-%d", "%Y%m%d"] {
        if let Ok((parsed, _)) = BrokenDownTime::parse_prefix(format, text)
            && parsed.to_date().is_err()
        {
            error = DateError::DoesNotExist;
        }
    }
    Err(error)
}

/// Rewrites the human forms into the few layouts of [`DATE_FORMATS`]: commas, weekdays and the
/// "de" of "5 de octubre de 2018" go, "Sept." / "February" / "Juli" become "Sep" / "Feb" /
/// "Jul", "3rd" becomes "3", "8:19pm" and "8:19 p.m." become "8:19 pm", zone names become
/// offsets, and a remark in parentheses ends the date ("GMT+0000 (Coordinated Universal Time)").
fn normalise(text: &str) -> String {
    let mut words = Vec::new();
    for word in text.split(|c: char| c == ',' || c.is_whitespace()) {
        if word.starts_with('(') {
            break;
        }
        let word = word.trim_end_matches('.');
        if word.is_empty() || is_weekday(word) || matches!(word, "de" | "del") {
            continue;
        }
        // "8:19pm" or a lone "PM" after "8:19"; not the end of "Amsterdam".
        let lower = word.to_ascii_lowercase();
        let half_day = ["am", "pm", "a.m", "p.m"].into_iter().find_map(|half| {
            lower.strip_suffix(half)?;
            let time = &word[..word.len() - half.len()];
            (time.is_empty() || time.ends_with(|c: char| c.is_ascii_digit()))
                .then_some((time, half))
        });
        if let Some((time, half)) = half_day {
            if !time.is_empty() {
                words.push(time);
            }
            words.push(if half.starts_with('a') { "am" } else { "pm" });
            continue;
        }
        let word = month_abbrev(word)
            .or_else(|| strip_ordinal(word))
            .or_else(|| zone_offset(word))
            .unwrap_or(word);
        words.push(word);
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::super::tests::FEB24;
    use super::*;
    use jiff::civil::date;

    /// Each `(text, date as written, instant in UTC when the text pins one down)`.
    fn assert_parses(cases: &[(&str, Date, Option<&str>)]) {
        for &(text, day, instant) in cases {
            let got = parse_date_text(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            let got = (got.0, got.1.map(|t| t.to_string()));
            assert_eq!(got, (day, instant.map(String::from)), "{text:?}");
        }
    }

    const UTC: Option<&str> = Some("2025-02-24T10:32:00Z");

    /// One test per group of accepted forms; a row is what `assert_parses` takes.
    macro_rules! accepted {
        ($($name:ident { $($row:tt)* })*) => {
            $(
                #[test]
                fn $name() {
                    assert_parses(&[$($row)*]);
                }
            )*
        };
    }

    accepted! {
        iso_8601_and_rfc_3339 {
            ("2025-02-24T10:32:00+03:00", FEB24, Some("2025-02-24T07:32:00Z")),
            // The date as written, not the UTC date of the instant.
            ("2025-02-24T23:32:00-05:00", FEB24, Some("2025-02-25T04:32:00Z")),
            ("2025-02-24T10:32:00Z", FEB24, UTC),
            ("2025-02-24T10:32:00.123Z", FEB24, Some("2025-02-24T10:32:00.123Z")),
            ("2025-02-24 10:32:00 UTC", FEB24, UTC),
            // A time without a zone is not an instant.
            ("2025-02-24T10:32:00", FEB24, None),
            ("2025-02-24 10:32", FEB24, None),
            ("2025-02-24", FEB24, None),
            (" 2025-02-24. ", FEB24, None),
        }
        numeric_dates {
            ("2025/02/24", FEB24, None),
            ("20250224", FEB24, None),
            ("02/24/2025", FEB24, None),
            ("24/02/2025", FEB24, None),
            ("24.02.2025", FEB24, None),
            // Both numbers could be the month: US order wins.
            ("03/04/2025", date(2025, 3, 4), None),
        }
        rfc_2822 {
            ("Mon, 24 Feb 2025 10:32:00 +0000", FEB24, UTC),
            ("Mon, 24 Feb 2025 10:32:00 GMT", FEB24, UTC),
            ("Mon, 24 Feb 2025 10:32:00 UT", FEB24, UTC),
            ("Mon, 24 Feb 2025 22:32:00 EST", FEB24, Some("2025-02-25T03:32:00Z")),
            ("24 Feb 2025 10:32:00 +0000", FEB24, UTC),
            // A wrong weekday is ignored rather than costing us the date.
            ("Sun, 24 Feb 2025 10:32:00 +0000", FEB24, UTC),
        }
        month_names {
            ("Feb. 24, 2025", FEB24, None),
            ("Feb 24, 2025", FEB24, None),
            ("February 24, 2025", FEB24, None),
            ("FEBRUARY 24, 2025", FEB24, None),
            ("24 February 2025", FEB24, None),
            ("24 feb 2025", FEB24, None),
            ("24 February 2025 10:32 GMT", FEB24, Some("2025-02-24T10:32:00Z")),
            ("February 24, 2025 10:32", FEB24, None),
            ("Monday, February 24, 2025", FEB24, None),
            ("Monday 24 February 2025", FEB24, None),
            ("Sept. 3, 2024", date(2024, 9, 3), None),
            ("3rd March 2024", date(2024, 3, 3), None),
            ("March 3rd, 2024.", date(2024, 3, 3), None),
        }
        basic_offsets {
            // ISO 8601's basic offset after an extended time, as many pages write it.
            ("2025-02-24T10:32+0000", FEB24, UTC),
            ("2025-02-24T05:32:00-0500", FEB24, UTC),
            ("2025-02-24 23:32:00-0500", FEB24, Some("2025-02-25T04:32:00Z")),
        }
        twelve_hour_clock {
            ("Monday, February 24, 2025, 08:32 PM", FEB24, None),
            ("February 24, 2025 8:32pm", FEB24, None),
            ("Feb. 24, 2025 10:32 a.m. GMT", FEB24, UTC),
            ("24 February 2025 12:32 am", FEB24, None),
        }
        javascript_date_strings {
            // `Date.toString()`, pasted into structured data by client-side templates.
            ("Mon Feb 24 2025 10:32:00 GMT+0000", FEB24, UTC),
            ("Mon Feb 24 2025 05:32:00 GMT-0500 (Eastern Standard Time)", FEB24, UTC),
        }
        month_names_of_other_languages {
            ("24. Februar 2025", FEB24, None),
            ("30. Juli 2018", date(2018, 7, 30), None),
            ("24 février 2025", FEB24, None),
            ("24 de febrero de 2025", FEB24, None),
            ("24 de fevereiro de 2025", FEB24, None),
            ("Oktober 27, 2015", date(2015, 10, 27), None),
            ("3 März 2025", date(2025, 3, 3), None),
        }
    }

    #[test]
    fn unix_epochs() {
        assert_parses(&[
            ("1740355200", FEB24, Some("2025-02-24T00:00:00Z")),
            ("1740393120", FEB24, Some("2025-02-24T10:32:00Z")),
            ("1740393120000", FEB24, Some("2025-02-24T10:32:00Z")),
            ("1740393120123", FEB24, Some("2025-02-24T10:32:00.123Z")),
            (" 1740393120 ", FEB24, Some("2025-02-24T10:32:00Z")),
            // The UTC date of the instant: 23:59:59 UTC, one second before the 25th.
            ("1740441599", FEB24, Some("2025-02-24T23:59:59Z")),
            (
                "1740441600",
                date(2025, 2, 25),
                Some("2025-02-25T00:00:00Z"),
            ),
            // Eight digits stay a calendar date.
            ("20250224", FEB24, None),
        ]);
        for text in [
            "174035520",
            "17403552000",
            "174035520000",
            "17403552000000",
            "1740355200.5",
            "1740355200s",
            "-1740355200",
        ] {
            assert_eq!(
                parse_date_text(text),
                Err(DateError::Unrecognised),
                "{text:?}"
            );
        }
    }

    #[test]
    fn impossible_days_do_not_exist() {
        for text in [
            "2025-02-30",
            "2025-02-30T10:00:00Z",
            "20250230",
            "February 30, 2025",
            "31 April 2025",
            "02/30/2025",
            "Sun, 30 Feb 2025 10:32:00 +0000",
        ] {
            assert_eq!(
                parse_date_text(text),
                Err(DateError::DoesNotExist),
                "{text}"
            );
        }
        assert_eq!(parse_date_text("2024-02-29").unwrap().0, date(2024, 2, 29));
    }

    #[test]
    fn garbage_is_unrecognised() {
        for text in [
            "yesterday",
            "Monday",
            "",
            "  ",
            "n/a",
            "Feb. 24",
            "2025/02",
            "2025",
            "2/24/25",
            "2025124",
            "9999999-99-99",
        ] {
            assert_eq!(
                parse_date_text(text),
                Err(DateError::Unrecognised),
                "{text:?}"
            );
        }
    }
}
