//! Publication dates: parse the date strings that format parsers collected, and fall back to
//! the file's path and to a dateline at the start of the body.
//!
//! Format parsers put every date they see in the file's own metadata into
//! `Article::date_candidates`; [`resolve`] then fills `Article::date` from, in order:
//!
//! 1. the candidates, in the order the parser trusts them ([`parse_date_text`]);
//! 2. a date in the relative path, `2025/02/24/` or `2025-02-24-story.txt` ([`date_from_path`]);
//! 3. a dateline in the first lines of the body, "MOSCOW, Feb. 24, 2025 -" ([`date_from_dateline`]).
//!
//! Every date must also fall within [`DateBounds`]. A date is never invented: when no source
//! gives one, the article stays undated (no "today", no file modification time), because a
//! wrong date in a news archive is worse than a missing one.
//!
//! The date kept is the calendar date *as written*, in the text's own time zone: an article
//! stamped "2025-02-24T23:30:00-05:00" was published on the 24th for its readers, even though
//! the instant (kept separately) falls on the 25th in UTC.

use std::fmt;
use std::path::Path;

use jiff::civil::Date;
use jiff::fmt::{rfc2822, strtime::BrokenDownTime, temporal::Pieces};
use jiff::tz::Offset;
use jiff::{Timestamp, ToSpan};

use crate::article::{Article, ArticleDate, DateSource};

/// The range of dates that are believable as publication dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateBounds {
    pub earliest: Date,
    pub latest: Date,
}

impl DateBounds {
    /// 1800-01-01 up to two days after `today`: archives hold old papers, and a time zone ahead
    /// of ours or a pre-dated morning edition can legitimately be a day or two in the future.
    pub fn news_default(today: Date) -> DateBounds {
        DateBounds {
            earliest: jiff::civil::date(1800, 1, 1),
            latest: today.saturating_add(2.days()),
        }
    }

    pub fn contains(&self, d: Date) -> bool {
        (self.earliest..=self.latest).contains(&d)
    }
}

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
    if let Ok(pieces) = Pieces::parse(text) {
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
const TIME_FORMATS: [&str; 3] = ["", " %H:%M", " %H:%M:%S%.f"];
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

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// The three-letter abbreviation strtime's `%b` wants, for a full or abbreviated English
/// month name in any case ("Sept" included).
fn month_abbrev(word: &str) -> Option<&'static str> {
    let word = word.to_ascii_lowercase();
    MONTHS
        .iter()
        .find(|m| word == **m || word == m[..3] || (word == "sept" && **m == "september"))
        .map(|m| &m[..3])
}

fn is_weekday(word: &str) -> bool {
    let word = word.to_ascii_lowercase();
    WEEKDAYS.iter().any(|d| word == *d || word == d[..3])
}

/// "3rd" -> "3"; None unless the word is one or two digits with an English ordinal suffix.
fn strip_ordinal(word: &str) -> Option<&str> {
    let lower = word.to_ascii_lowercase();
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix))?;
    let ok = (1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| &word[..digits.len()])
}

/// Zone names as offsets `%z` can read: the RFC 2822 set plus UTC and Z.
fn zone_offset(word: &str) -> Option<&'static str> {
    Some(match word.to_ascii_uppercase().as_str() {
        "UT" | "UTC" | "GMT" | "Z" => "+0000",
        "EST" => "-0500",
        "EDT" => "-0400",
        "CST" => "-0600",
        "CDT" => "-0500",
        "MST" => "-0700",
        "MDT" => "-0600",
        "PST" => "-0800",
        "PDT" => "-0700",
        _ => return None,
    })
}

/// Rewrites the human forms into the few layouts of [`DATE_FORMATS`]: commas and weekdays go,
/// "Sept." / "February" become "Sep" / "Feb", "3rd" becomes "3", zone names become offsets.
fn normalise(text: &str) -> String {
    let mut words = Vec::new();
    for word in text.split(|c: char| c == ',' || c.is_whitespace()) {
        let word = word.trim_end_matches('.');
        if word.is_empty() || is_weekday(word) {
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

/// A date in a path: directories `2025/02/24/` (`2025/02/` is not enough: it needs a day), or a
/// `2025-02-24` / `2025_02_24` / `20250224` token in a directory or file name that is not part
/// of a longer digit run. Returns the matched text and the date; the first match wins.
pub fn date_from_path(relative_path: &Path) -> Option<(String, Date)> {
    let parts: Vec<_> = relative_path
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    let digits = |s: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    for window in parts.windows(3) {
        let [y, m, d] = [&*window[0], &*window[1], &*window[2]];
        if digits(y, 4..=4)
            && digits(m, 1..=2)
            && digits(d, 1..=2)
            && let Some(date) = ymd(y, m, d)
        {
            return Some((format!("{y}/{m}/{d}"), date));
        }
    }
    parts.iter().find_map(|part| date_token(part))
}

/// The first `YYYY-MM-DD`, `YYYY_MM_DD` or `YYYYMMDD` token in a file or directory name.
fn date_token(name: &str) -> Option<(String, Date)> {
    const SHAPES: [&str; 3] = ["dddd-dd-dd", "dddd_dd_dd", "dddddddd"]; // d: any digit
    let digit_at = |i: usize| name.as_bytes().get(i).is_some_and(u8::is_ascii_digit);
    // A token must neither start nor end inside a longer digit run ("id-12025022412").
    let mut starts = (0..name.len()).filter(|&i| i == 0 || !digit_at(i - 1));
    starts.find_map(|i| {
        SHAPES.iter().find_map(|shape| {
            let token = name.get(i..i + shape.len())?;
            let fits = token.bytes().zip(shape.bytes()).all(|(b, s)| match s {
                b'd' => b.is_ascii_digit(),
                _ => b == s,
            });
            if !fits || digit_at(i + shape.len()) {
                return None;
            }
            let digits: String = token.chars().filter(char::is_ascii_digit).collect();
            let date = ymd(&digits[..4], &digits[4..6], &digits[6..])?;
            Some((token.to_string(), date))
        })
    })
}

/// A real calendar date from digit strings (year up to 4 digits, month and day up to 2).
fn ymd(year: &str, month: &str, day: &str) -> Option<Date> {
    Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?).ok()
}

/// How far into the body a dateline may be: wire copy puts it in the first line, but a
/// headline, a byline or a photo credit can come before it.
const DATELINE_LINES: usize = 3;

/// A dateline at the start of one of the first 3 non-empty lines of the body. Only these
/// shapes count, each from the very start of the line (lines are never joined):
///
/// - `PLACE, DATE -` with an optional agency before or after the date:
///   "MOSCOW, Feb. 24, 2025 - ...", "New Delhi, 24 February 2025 — ...",
///   "MOSCOW, Feb 24 2025 (Reuters) - ...";
/// - the agency form `PLACE (AGENCY) - DATE`, ending the line or followed by a dash:
///   "WASHINGTON (AP) — Feb. 24, 2025", "LONDON (Reuters) - Feb 24 2025 - ...";
/// - a line that is only a date, optionally after a weekday and before a dash:
///   "Monday 24 February 2025", "February 24, 2025 — ...".
///
/// A place is one or two comma-separated runs of capitalised (or all-caps) words. The date is
/// "Feb. 24, 2025", "Feb 24 2025", "24 February 2025" or "March 3rd, 2024"; only full dates
/// with a year count. A date inside a sentence is never a dateline. Returns the date fragment
/// as written and the date.
pub fn date_from_dateline(body: &str) -> Option<(String, Date)> {
    body.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .take(DATELINE_LINES)
        .find_map(dateline_in_line)
}

/// The dateline shapes of [`date_from_dateline`], matched at the start of `line`.
fn dateline_in_line(line: &str) -> Option<(String, Date)> {
    // With a place first, then without: "Monday, Feb. 24, 2025" reads either way.
    for with_place in [true, false] {
        let mut s = Scan::new(line);
        if with_place && !s.place() {
            continue;
        }
        let comma = with_place && s.eat(',');
        let agency_first = s.agency();
        if agency_first {
            s.dash();
        }
        if with_place && !comma && !agency_first {
            continue;
        }
        let Some(found) = s.date() else {
            continue;
        };
        let ends = if s.dash() {
            true
        } else if s.agency() {
            s.dash() || s.at_end()
        } else {
            // "MOSCOW, Feb. 24, 2025" alone is not one of the shapes; a bare date or the
            // agency form may end the line.
            s.at_end() && (!with_place || agency_first)
        };
        if ends {
            return Some(found);
        }
    }
    None
}

/// Lowercase words allowed inside a place name ("Rio de Janeiro", "Newcastle upon Tyne").
const PLACE_PARTICLES: [&str; 18] = [
    "de", "da", "del", "della", "di", "do", "dos", "du", "des", "la", "le", "les", "el", "al",
    "of", "upon", "am", "sur",
];
/// Most words in one comma-separated part of a place, and most parts ("SPRINGFIELD, Ill.,").
const PLACE_WORDS: usize = 5;
const PLACE_PARTS: usize = 2;
/// Longest agency name between parentheses.
const AGENCY_CHARS: usize = 40;

/// A cursor over one line for [`dateline_in_line`]; every step skips leading whitespace and
/// leaves the cursor where it was when it does not match.
struct Scan<'a> {
    line: &'a str,
    pos: usize,
}

impl<'a> Scan<'a> {
    fn new(line: &'a str) -> Self {
        Scan { line, pos: 0 }
    }

    fn rest(&self) -> &'a str {
        &self.line[self.pos..]
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_ws();
        let hit = self.rest().starts_with(c);
        if hit {
            self.pos += c.len_utf8();
        }
        hit
    }

    /// The next word: a run of letters and digits, joined through `-`, `'`, `’` or `.` when a
    /// letter or digit follows ("Port-au-Prince", "D.C"), plus trailing periods ("Feb.").
    /// Returns its start and the word.
    fn word(&mut self) -> Option<(usize, &'a str)> {
        self.skip_ws();
        let start = self.pos;
        let rest = self.rest();
        let mut end = 0;
        let mut chars = rest.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let joins = matches!(c, '-' | '\'' | '’' | '.')
                && end > 0
                && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
            if c.is_alphanumeric() || joins {
                end = i + c.len_utf8();
            } else {
                break;
            }
        }
        if end == 0 {
            return None;
        }
        end += rest[end..].len() - rest[end..].trim_start_matches('.').len();
        self.pos = start + end;
        Some((start, &rest[..end]))
    }

    /// One or more dashes: `-`, `–`, `—` (so "--" too).
    fn dash(&mut self) -> bool {
        self.skip_ws();
        let rest = self.rest();
        let after = rest.trim_start_matches(['-', '–', '—']);
        self.pos += rest.len() - after.len();
        after.len() < rest.len()
    }

    /// "(AP)", "(Reuters)", "(Harbour City Times)": a short name starting with a capital.
    fn agency(&mut self) -> bool {
        let save = self.pos;
        if self.eat('(')
            && let Some(close) = self.rest().find(')')
        {
            let name = self.rest()[..close].trim();
            let capital = name.chars().next().is_some_and(char::is_uppercase);
            if capital && name.chars().count() <= AGENCY_CHARS {
                self.pos += close + 1;
                return true;
            }
        }
        self.pos = save;
        false
    }

    /// Nothing left on the line but a closing period or colon.
    fn at_end(&mut self) -> bool {
        self.rest().trim().trim_start_matches(['.', ':']).is_empty()
    }

    /// A place: up to [`PLACE_PARTS`] comma-separated parts of capitalised words; a later part
    /// is only taken when a comma or an agency follows it.
    fn place(&mut self) -> bool {
        if !self.place_part() {
            return false;
        }
        for _ in 1..PLACE_PARTS {
            let save = self.pos;
            if self.eat(',') && self.place_part() && {
                self.skip_ws();
                self.rest().starts_with([',', '('])
            } {
                continue;
            }
            self.pos = save;
            break;
        }
        true
    }

    fn place_part(&mut self) -> bool {
        let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        let start = self.pos;
        // Where the last capitalised word ends: a particle cannot end a place.
        let mut end = None;
        for words in 0..PLACE_WORDS {
            match self.word() {
                Some((_, w)) if capitalised(w) => end = Some(self.pos),
                Some((_, w)) if words > 0 && PLACE_PARTICLES.contains(&w) => {}
                _ => break,
            }
        }
        match end {
            Some(end) => {
                self.pos = end;
                true
            }
            None => {
                self.pos = start;
                false
            }
        }
    }

    /// A full date with a year, after an optional weekday: "Feb. 24, 2025", "Feb 24 2025",
    /// "24 February 2025", "March 3rd, 2024". Returns the text from the month or day to the
    /// year, and the date; an impossible day is no date.
    fn date(&mut self) -> Option<(String, Date)> {
        let save = self.pos;
        let found = self.date_inner();
        if found.is_none() {
            self.pos = save;
        }
        found
    }

    fn date_inner(&mut self) -> Option<(String, Date)> {
        let is_day = |w: &str| {
            let w = w.trim_end_matches('.');
            let w = strip_ordinal(w).unwrap_or(w);
            (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit())
        };
        let is_month = |w: &str| month_abbrev(w.trim_end_matches('.')).is_some();
        let save = self.pos;
        match self.word() {
            Some((_, w)) if is_weekday(w.trim_end_matches('.')) => {
                self.eat(',');
            }
            _ => self.pos = save,
        }
        let (start, first) = self.word()?;
        let (_, second) = self.word()?;
        let in_order = (is_month(first) && is_day(second)) || (is_day(first) && is_month(second));
        if !in_order {
            return None;
        }
        self.eat(',');
        let (year_start, year) = self.word()?;
        let year = year.trim_end_matches('.');
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let fragment = &self.line[start..year_start + year.len()];
        let (date, _) = parse_date_text(fragment).ok()?;
        Some((fragment.to_string(), date))
    }
}

/// Fill `article.date` from, in order: each of `article.date_candidates` (the first that parses
/// and is within bounds wins), then the path, then the dateline. Any previous `article.date` is
/// replaced; if nothing is found it becomes `None` (the article is undated). Returns one
/// human-readable warning per date that was found but rejected.
pub fn resolve(article: &mut Article, relative_path: &Path, bounds: &DateBounds) -> Vec<String> {
    let metadata = article.date_candidates.iter().map(|candidate| {
        let parsed = parse_date_text(&candidate.text);
        (candidate.source, candidate.text.clone(), parsed)
    });
    // `once_with` keeps the fallbacks lazy: the body is not scanned when the path has a date.
    let fallback = |source, found: Option<(String, Date)>| {
        found.map(|(raw, date)| (source, raw, Ok((date, None))))
    };
    let body = &article.body;
    let path = std::iter::once_with(|| fallback(DateSource::Path, date_from_path(relative_path)));
    let dateline =
        std::iter::once_with(|| fallback(DateSource::Dateline, date_from_dateline(body)));

    let mut warnings = Vec::new();
    let date = metadata
        .chain(path.flatten())
        .chain(dateline.flatten())
        .find_map(|(source, raw, parsed)| {
            let why = match parsed {
                Ok((date, instant)) if bounds.contains(date) => {
                    return Some(ArticleDate {
                        date,
                        instant,
                        source,
                        raw,
                    });
                }
                Ok(_) => format!("is outside {}..{}; ignored", bounds.earliest, bounds.latest),
                Err(DateError::DoesNotExist) => "does not exist".to_string(),
                Err(DateError::Unrecognised) => "is not a recognised date".to_string(),
            };
            warnings.push(format!(
                "date {:?} from {} {why}",
                clip(&raw),
                source.label()
            ));
            None
        });
    article.date = date;
    warnings
}

/// Keeps warnings readable when a metadata field holds a paragraph instead of a date.
fn clip(text: &str) -> String {
    const MAX: usize = 60;
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::DateCandidate;
    use jiff::civil::date;

    /// Each `(text, date as written, instant in UTC when the text pins one down)`.
    fn assert_parses(cases: &[(&str, Date, Option<&str>)]) {
        for &(text, day, instant) in cases {
            let got = parse_date_text(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
            let got = (got.0, got.1.map(|t| t.to_string()));
            assert_eq!(got, (day, instant.map(String::from)), "{text:?}");
        }
    }

    const FEB24: Date = date(2025, 2, 24);

    #[test]
    fn iso_8601_and_rfc_3339() {
        let utc = Some("2025-02-24T10:32:00Z");
        assert_parses(&[
            (
                "2025-02-24T10:32:00+03:00",
                FEB24,
                Some("2025-02-24T07:32:00Z"),
            ),
            // The date as written, not the UTC date of the instant.
            (
                "2025-02-24T23:32:00-05:00",
                FEB24,
                Some("2025-02-25T04:32:00Z"),
            ),
            ("2025-02-24T10:32:00Z", FEB24, utc),
            (
                "2025-02-24T10:32:00.123Z",
                FEB24,
                Some("2025-02-24T10:32:00.123Z"),
            ),
            ("2025-02-24 10:32:00 UTC", FEB24, utc),
            // A time without a zone is not an instant.
            ("2025-02-24T10:32:00", FEB24, None),
            ("2025-02-24 10:32", FEB24, None),
            ("2025-02-24", FEB24, None),
            (" 2025-02-24. ", FEB24, None),
        ]);
    }

    #[test]
    fn numeric_dates() {
        assert_parses(&[
            ("2025/02/24", FEB24, None),
            ("20250224", FEB24, None),
            ("02/24/2025", FEB24, None),
            ("24/02/2025", FEB24, None),
            ("24.02.2025", FEB24, None),
            // Both numbers could be the month: US order wins.
            ("03/04/2025", date(2025, 3, 4), None),
        ]);
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
    fn rfc_2822() {
        let utc = Some("2025-02-24T10:32:00Z");
        assert_parses(&[
            ("Mon, 24 Feb 2025 10:32:00 +0000", FEB24, utc),
            ("Mon, 24 Feb 2025 10:32:00 GMT", FEB24, utc),
            ("Mon, 24 Feb 2025 10:32:00 UT", FEB24, utc),
            (
                "Mon, 24 Feb 2025 22:32:00 EST",
                FEB24,
                Some("2025-02-25T03:32:00Z"),
            ),
            ("24 Feb 2025 10:32:00 +0000", FEB24, utc),
            // A wrong weekday is ignored rather than costing us the date.
            ("Sun, 24 Feb 2025 10:32:00 +0000", FEB24, utc),
        ]);
    }

    #[test]
    fn month_names() {
        assert_parses(&[
            ("Feb. 24, 2025", FEB24, None),
            ("Feb 24, 2025", FEB24, None),
            ("February 24, 2025", FEB24, None),
            ("FEBRUARY 24, 2025", FEB24, None),
            ("24 February 2025", FEB24, None),
            ("24 feb 2025", FEB24, None),
            (
                "24 February 2025 10:32 GMT",
                FEB24,
                Some("2025-02-24T10:32:00Z"),
            ),
            ("February 24, 2025 10:32", FEB24, None),
            ("Monday, February 24, 2025", FEB24, None),
            ("Monday 24 February 2025", FEB24, None),
            ("Sept. 3, 2024", date(2024, 9, 3), None),
            ("3rd March 2024", date(2024, 3, 3), None),
            ("March 3rd, 2024.", date(2024, 3, 3), None),
        ]);
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

    #[test]
    fn hostile_input_does_not_panic() {
        let long = "2025-02-24 ".repeat(10_000);
        let digits = "9".repeat(5000);
        for text in [
            &long,
            &digits,
            "Ω 24 ﬀ 2025 ✓",
            "24 février 2025",
            "-2025-02-24",
            "\0",
            "31st",
        ] {
            let _ = parse_date_text(text);
            let _ = date_from_dateline(text);
            let _ = date_from_path(Path::new(text));
        }
    }

    #[test]
    fn path_dates() {
        for (path, raw) in [
            ("news/2025/02/24/story.html", "2025/02/24"),
            ("2025/2/24/story.html", "2025/2/24"),
            ("archive/2025-02-24-putin.txt", "2025-02-24"),
            ("archive/2025_02_24/putin.txt", "2025_02_24"),
            ("reuters-20250224.json", "20250224"),
        ] {
            let got = date_from_path(Path::new(path));
            assert_eq!(got, Some((raw.to_string(), FEB24)), "{path}");
        }
        for path in [
            "news/2025/02/story.html",
            "2025/02/",
            "id-12025022412.txt",
            "120250224.txt",
            "2025-02-241.txt",
            "2025-02_24.txt",
            "20251399.txt",
            "2025/13/24/story.txt",
        ] {
            assert_eq!(date_from_path(Path::new(path)), None, "{path}");
        }
    }

    #[test]
    fn datelines() {
        for (body, raw) in [
            ("MOSCOW, Feb. 24, 2025 - Russian forces", "Feb. 24, 2025"),
            ("MOSCOW, Feb 24 2025 (Reuters) - Russian", "Feb 24 2025"),
            ("LONDON, 24 February 2025 — The", "24 February 2025"),
            ("WASHINGTON (AP) — Feb. 24, 2025\nText.", "Feb. 24, 2025"),
            ("Monday 24 February 2025\n\nText", "24 February 2025"),
            ("February 24, 2025 — The talks", "February 24, 2025"),
            ("By Jane Doe\n\nKYIV, Feb. 24, 2025 - Text", "Feb. 24, 2025"),
            ("New Delhi, 24 February 2025 – Text", "24 February 2025"),
            ("LONDON (Reuters) - Feb 24 2025 - Text", "Feb 24 2025"),
            ("LONDON (Reuters) -- Feb 24 2025", "Feb 24 2025"),
            ("SPRINGFIELD, Ill., Feb. 24, 2025 - Text", "Feb. 24, 2025"),
            ("RIO DE JANEIRO, Feb. 24, 2025 - Text", "Feb. 24, 2025"),
            ("Rio de Janeiro, Feb. 24, 2025 - Text", "Feb. 24, 2025"),
            ("PORT-AU-PRINCE, Feb. 24, 2025 - Text", "Feb. 24, 2025"),
            ("MOSCOW, (Reuters) Feb. 24, 2025 - Text", "Feb. 24, 2025"),
            ("MOSCOW, Monday, Feb. 24, 2025 - Text", "Feb. 24, 2025"),
            ("Monday, February 24, 2025", "February 24, 2025"),
            ("February 24th, 2025.", "February 24th, 2025"),
            (
                "Harbour floods\n\nHARBOUR CITY, Feb. 24, 2025 (City Times) — Text",
                "Feb. 24, 2025",
            ),
        ] {
            let got = date_from_dateline(body);
            assert_eq!(got, Some((raw.to_string(), FEB24)), "{body}");
        }
        let late = "One.\n\nTwo.\n\nThree.\n\nFour.\n\nOn Feb. 24, 2025 it ended.";
        let far = format!("{} Feb. 24, 2025", "word ".repeat(80));
        for body in [
            late,
            &far,
            "MOSCOW, Feb. 24 - Russian forces",
            "Monday - Russian forces",
            "MOSCOW, Feb. 30, 2025 - Nothing",
            "In February 2025, 24 people died.",
            // Dates inside sentences near the top of a story (the BBC corpus has no
            // datelines, but these shapes gave it false ones).
            "Obituary: a thriller writer\nThe novelist, who has died aged 90, wrote thrillers.\n\
             Born in Leeds, Yorkshire, on 7 June 1931, she was the youngest of five.",
            "Born in Leeds, Yorkshire, on 7 June 1931, she was the youngest of five.",
            // A fixture: never join "Wednesday, 2 March" to the kick-off time below it.
            "Arsenal v Chelsea\nEmirates Stadium\nWednesday, 2 March\n1945 GMT",
            "Phones turn 20\nMobile phones are 20 this weekend.\n\
             The first call was made on 1 January 1985 by a comedian.",
            "Firms get more time\nRegulators have extended a deadline.\n\
             The watchdog moved the deadline to 15 July 2006. Firms had complained.",
            "Rights chief speaks out\nRights groups have failed, their leader says.\n\
             In a speech, she said freedoms had been eroded since 11 September, 2001.",
            // Shape near misses.
            "Talks resumed Feb. 24, 2025 - officials said",
            "MOSCOW Feb. 24, 2025 - no comma or agency after the place",
            "MOSCOW, Feb. 24, 2025 said the minister",
            "MOSCOW, Feb. 24, 2025 (Reuters) said the minister",
            "February 24, 2025 was a Monday.",
            "Moscow, in Russia, Feb. 24, 2025 - Text",
        ] {
            assert_eq!(date_from_dateline(body), None, "{body}");
        }
    }

    fn bounds() -> DateBounds {
        DateBounds::news_default(date(2026, 11, 27))
    }

    #[test]
    fn default_bounds() {
        let b = bounds();
        assert_eq!(
            (b.earliest, b.latest),
            (date(1800, 1, 1), date(2026, 11, 29))
        );
        assert!(b.contains(date(1800, 1, 1)) && b.contains(date(2026, 11, 29)));
        assert!(!b.contains(date(1799, 12, 31)) && !b.contains(date(2026, 11, 30)));
    }

    fn article(candidates: &[&str], body: &str) -> Article {
        let candidate = |t: &&str| DateCandidate::new(DateSource::Metadata, *t);
        Article {
            date_candidates: candidates.iter().map(candidate).collect(),
            body: body.to_string(),
            ..Article::default()
        }
    }

    fn resolved(a: &Article) -> (Date, DateSource, &str) {
        let d = a.date.as_ref().expect("a date");
        (d.date, d.source, d.raw.as_str())
    }

    #[test]
    fn metadata_beats_path_beats_dateline() {
        let (body, path) = (
            "MOSCOW, March 3, 2024 - Text",
            Path::new("2023/01/02/a.txt"),
        );
        let mut a = article(&["Feb. 24, 2025", "2022-01-01"], body);
        assert!(resolve(&mut a, path, &bounds()).is_empty());
        assert_eq!(resolved(&a), (FEB24, DateSource::Metadata, "Feb. 24, 2025"));

        a.date_candidates.clear();
        resolve(&mut a, path, &bounds());
        assert_eq!(
            resolved(&a),
            (date(2023, 1, 2), DateSource::Path, "2023/01/02")
        );

        resolve(&mut a, Path::new("a.txt"), &bounds());
        let dateline = (date(2024, 3, 3), DateSource::Dateline, "March 3, 2024");
        assert_eq!(resolved(&a), dateline);
    }

    #[test]
    fn rejected_dates_fall_through_with_warnings() {
        let mut a = article(&["2025-02-30", "n/a", "3000-01-01", "1066-10-14"], "");
        a.date_candidates
            .push(DateCandidate::new(DateSource::JsonLd, "2025-02-24T10:32Z"));
        let warnings = resolve(&mut a, Path::new("story.txt"), &bounds());
        assert_eq!(
            warnings,
            [
                "date \"2025-02-30\" from metadata does not exist",
                "date \"n/a\" from metadata is not a recognised date",
                "date \"3000-01-01\" from metadata is outside 1800-01-01..2026-11-29; ignored",
                "date \"1066-10-14\" from metadata is outside 1800-01-01..2026-11-29; ignored",
            ]
        );
        assert_eq!(
            resolved(&a),
            (FEB24, DateSource::JsonLd, "2025-02-24T10:32Z")
        );
        assert!(a.date.unwrap().instant.is_some());

        let mut a = article(&[], "PARIS, 24 Feb 2025 - Text");
        let warnings = resolve(&mut a, Path::new("1066/10/14/x.txt"), &bounds());
        assert_eq!(warnings.len(), 1);
        assert!(warnings[0].starts_with("date \"1066/10/14\" from path is outside"));
        assert_eq!(resolved(&a), (FEB24, DateSource::Dateline, "24 Feb 2025"));
    }

    #[test]
    fn epoch_metadata_gives_date_and_instant() {
        let mut a = article(&["1740393120"], "");
        assert!(resolve(&mut a, Path::new("post.json"), &bounds()).is_empty());
        assert_eq!(resolved(&a), (FEB24, DateSource::Metadata, "1740393120"));
        let instant = a.date.unwrap().instant.map(|t| t.to_string());
        assert_eq!(instant.as_deref(), Some("2025-02-24T10:32:00Z"));
    }

    #[test]
    fn nothing_found_leaves_article_undated() {
        let mut a = article(&[&"x".repeat(500)], "No date here.");
        a.date = Some(ArticleDate {
            date: FEB24,
            instant: None,
            source: DateSource::Path,
            raw: "stale".into(),
        });
        let warnings = resolve(&mut a, Path::new("notes/story.txt"), &bounds());
        assert_eq!(a.date, None);
        // Long junk is clipped so warnings stay readable.
        assert!(
            warnings.len() == 1 && warnings[0].len() < 120,
            "{warnings:?}"
        );
    }
}
