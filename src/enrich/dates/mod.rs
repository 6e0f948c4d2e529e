//! Publication dates: parse the date strings that format parsers collected, and fall back to
//! the file's path and to a dateline at the start of the body.
//!
//! Format parsers put every date they see in the file's own metadata into
//! `Article::date_candidates`; [`resolve`] then fills `Article::date` from, in order:
//!
//! 1. the candidates, in the order the parser trusts them ([`parse_date_text`]);
//! 2. a date in the relative path, `2025/02/24/` or `2025-02-24-story.txt` ([`date_from_path`]);
//! 3. a dateline in the first lines of the body, "MOSCOW, Feb. 24, 2025 -" ([`date_from_dateline`]);
//! 4. a dateline without its year, "YEREVAN, Dec. 8 (Reuters) -", in a file under a folder
//!    named for a year, `1988/armenia.txt` ([`date_from_dateline_in_year`], [`year_of_path`]).
//!
//! Each source is a file (`parse`, `path`, `dateline`; the month and weekday names the parser
//! and the dateline scanner share are in `words`); this one holds the bounds and the choice.
//!
//! Every date must also fall within [`DateBounds`]. A date is never invented: when no source
//! gives one, the article stays undated (no "today", no file modification time), because a
//! wrong date in a news archive is worse than a missing one.
//!
//! The date kept is the calendar date *as written*, in the text's own time zone: an article
//! stamped "2025-02-24T23:30:00-05:00" was published on the 24th for its readers, even though
//! the instant (kept separately) falls on the 25th in UTC.

use std::path::Path;

use jiff::ToSpan;
use jiff::civil::Date;

use crate::article::{Article, ArticleDate, DateSource};

mod dateline;
mod parse;
mod path;
mod words;

pub use dateline::{date_from_dateline, date_from_dateline_in_year};
pub use parse::{DateError, parse_date_text};
pub use path::{date_from_path, year_of_path};

/// Whether `word` is an English month name or its abbreviation, capitalised ("Sept", "March";
/// not "may").
pub fn is_month_name(word: &str) -> bool {
    word.starts_with(char::is_uppercase) && words::month_abbrev(word).is_some()
}

/// Whether `word` is an English weekday's full name, capitalised ("Monday"; not "Sun", a
/// newspaper as often as a day).
pub fn is_weekday_name(word: &str) -> bool {
    word.starts_with(char::is_uppercase) && words::is_full_weekday(word)
}

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

/// Fill `article.date` from, in order: each of `article.date_candidates` (the first that parses
/// and is within bounds wins), then the path, then the dateline. Any previous `article.date` is
/// replaced; if nothing is found it becomes `None` (the article is undated). Returns one
/// human-readable warning per date that was found but rejected.
pub fn resolve(article: &mut Article, relative_path: &Path, bounds: &DateBounds) -> Vec<String> {
    let candidates = |last_resort: bool| {
        article
            .date_candidates
            .iter()
            .filter(move |c| c.source.is_last_resort() == last_resort)
            .map(|candidate| {
                let parsed = parse_date_text(&candidate.text);
                (candidate.source, candidate.text.clone(), parsed)
            })
    };
    let (metadata, last_resort) = (candidates(false), candidates(true));
    // `once_with` keeps the fallbacks lazy: the body is not scanned when the path has a date.
    let fallback = |source, found: Option<(String, Date)>| {
        found.map(|(raw, date)| (source, raw, Ok((date, None))))
    };
    let body = &article.body;
    let path = std::iter::once_with(|| fallback(DateSource::Path, date_from_path(relative_path)));
    let dateline =
        std::iter::once_with(|| fallback(DateSource::Dateline, date_from_dateline(body)));
    let dateline_in_year = std::iter::once_with(|| {
        let found = year_of_path(relative_path).and_then(|y| date_from_dateline_in_year(body, y));
        fallback(DateSource::DatelineInPathYear, found)
    });

    let mut warnings = Vec::new();
    let date = metadata
        .chain(path.flatten())
        .chain(dateline.flatten())
        .chain(dateline_in_year.flatten())
        .chain(last_resort)
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

    pub(super) const FEB24: Date = date(2025, 2, 24);

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
