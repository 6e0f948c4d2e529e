//! Datelines: "MOSCOW, Feb. 24, 2025 -" and its few relatives at the start of one of the
//! body's first lines. Only these shapes count, so that a date inside a sentence near the top of
//! a story is never taken for the publication date.

use jiff::civil::Date;

use super::parse::parse_date_text;
use super::words::{is_weekday, month_abbrev, strip_ordinal};

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
        .find_map(|line| dateline_in_line(line, None))
}

/// A dateline that gives the month and day but no year ("YEREVAN, Dec. 8 (Reuters) -",
/// "MOSCOW, Feb. 24 - "), in a story filed under a year (`1988/armenia.txt`): that day of
/// `year`. Only with a place and a dash or an agency after the date, the wire's own shape.
/// Returns the date as written with the year's origin ("Dec. 8, 1988 (year from the path)").
pub fn date_from_dateline_in_year(body: &str, year: i16) -> Option<(String, Date)> {
    body.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .take(DATELINE_LINES)
        .find_map(|line| dateline_in_line(line, Some(year)))
}

/// The dateline shapes of [`date_from_dateline`], matched at the start of `line`; with
/// `year`, those of [`date_from_dateline_in_year`].
fn dateline_in_line(line: &str, year: Option<i16>) -> Option<(String, Date)> {
    // With a place first, then without: "Monday, Feb. 24, 2025" reads either way.
    for with_place in [true, false] {
        if year.is_some() && !with_place {
            continue;
        }
        let mut s = Scan::new(line);
        s.year = year;
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
            s.at_end() && (!with_place || agency_first) && year.is_none()
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
    /// The year a date without one is in (`date_from_dateline_in_year`); `None`: a date
    /// needs its year.
    year: Option<i16>,
}

impl<'a> Scan<'a> {
    fn new(line: &'a str) -> Self {
        Scan {
            line,
            pos: 0,
            year: None,
        }
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
        let day_end = self.pos;
        if let Some(year) = self.year {
            // No year of its own: "Dec. 8 (Reuters) -", "Feb. 24 -".
            let fragment = self.line[start..day_end].trim_end_matches('.');
            let (date, _) = parse_date_text(&format!("{fragment}, {year}")).ok()?;
            return Some((format!("{fragment}, {year} (year from the path)"), date));
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

#[cfg(test)]
mod tests {
    use super::super::tests::FEB24;
    use super::*;

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

    #[test]
    fn datelines_without_a_year_take_the_path_s() {
        let dec8 = jiff::civil::date(1988, 12, 8);
        for (body, raw) in [
            (
                "YEREVAN, Dec. 8 (Reuters) -- Rescuers dug",
                "Dec. 8, 1988 (year from the path)",
            ),
            (
                "MOSCOW, Dec. 8 - Soviet",
                "Dec. 8, 1988 (year from the path)",
            ),
            (
                "SPRINGFIELD, Ill., 8 December -- Text",
                "8 December, 1988 (year from the path)",
            ),
        ] {
            assert_eq!(
                date_from_dateline_in_year(body, 1988),
                Some((raw.to_string(), dec8)),
                "{body}"
            );
        }
        for body in [
            // No place, no dash: a date in a sentence or a fixture line.
            "Dec. 8 - Rescuers dug",
            "On Dec. 8 the rescuers dug.",
            "MOSCOW, Dec. 8 said the minister",
            "YEREVAN, Feb. 30 (Reuters) - No such day",
        ] {
            assert_eq!(date_from_dateline_in_year(body, 1988), None, "{body}");
        }
        // Without a year from the path, a year-less dateline is still no date.
        assert_eq!(
            date_from_dateline("YEREVAN, Dec. 8 (Reuters) -- Text"),
            None
        );
    }
}
