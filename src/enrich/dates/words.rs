//! The words dates are written with: month names (English, and the full names of the other
//! languages news pages in Latin script most often use), English weekday names, ordinal
//! suffixes and the zone abbreviations of RFC 2822. The string parser and the dateline scanner
//! both read them.

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
/// Full month names in German, French, Spanish, Portuguese, Italian, Dutch and Indonesian,
/// each with its month number; lowercase ("publiziert am 30. Juli 2018", "5 de octubre de
/// 2018"). English names are [`MONTHS`]; a name shared with English is listed there only.
const OTHER_MONTHS: &[(&str, usize)] = &[
    ("januar", 1),
    ("janvier", 1),
    ("enero", 1),
    ("janeiro", 1),
    ("gennaio", 1),
    ("januari", 1),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("febrero", 2),
    ("fevereiro", 2),
    ("febbraio", 2),
    ("februari", 2),
    ("märz", 3),
    ("mars", 3),
    ("marzo", 3),
    ("março", 3),
    ("maart", 3),
    ("maret", 3),
    ("avril", 4),
    ("abril", 4),
    ("aprile", 4),
    ("mai", 5),
    ("mayo", 5),
    ("maio", 5),
    ("maggio", 5),
    ("mei", 5),
    ("juni", 6),
    ("juin", 6),
    ("junio", 6),
    ("junho", 6),
    ("giugno", 6),
    ("juli", 7),
    ("juillet", 7),
    ("julio", 7),
    ("julho", 7),
    ("luglio", 7),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("augustus", 8),
    ("agustus", 8),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("setembro", 9),
    ("settembre", 9),
    ("oktober", 10),
    ("octobre", 10),
    ("octubre", 10),
    ("outubro", 10),
    ("ottobre", 10),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("dezember", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("diciembre", 12),
    ("dezembro", 12),
    ("dicembre", 12),
    ("desember", 12),
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
/// month name in any case ("Sept" included), or a full month name of [`OTHER_MONTHS`].
pub(super) fn month_abbrev(word: &str) -> Option<&'static str> {
    let word = word.to_lowercase();
    MONTHS
        .iter()
        .find(|m| word == **m || word == m[..3] || (word == "sept" && **m == "september"))
        .or_else(|| {
            let (_, month) = OTHER_MONTHS.iter().find(|(name, _)| word == *name)?;
            Some(&MONTHS[month - 1])
        })
        .map(|m| &m[..3])
}

/// A weekday's full name, in any case ("Monday"; not "Sun").
pub(super) fn is_full_weekday(word: &str) -> bool {
    WEEKDAYS.iter().any(|d| word.eq_ignore_ascii_case(d))
}

pub(super) fn is_weekday(word: &str) -> bool {
    let word = word.to_ascii_lowercase();
    WEEKDAYS.iter().any(|d| word == *d || word == d[..3])
}

/// "3rd" -> "3"; None unless the word is one or two digits with an English ordinal suffix.
pub(super) fn strip_ordinal(word: &str) -> Option<&str> {
    let lower = word.to_ascii_lowercase();
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(suffix))?;
    let ok = (1..=2).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| &word[..digits.len()])
}

/// Zone names as offsets `%z` can read: the RFC 2822 set plus UTC and Z, and the offset of
/// JavaScript's `Date.toString()` ("GMT+0000", "GMT-0500").
pub(super) fn zone_offset(word: &str) -> Option<&str> {
    let upper = word.to_ascii_uppercase();
    if let Some(offset) = upper
        .strip_prefix("GMT")
        .or_else(|| upper.strip_prefix("UTC"))
        && offset.len() == 5
        && offset.starts_with(['+', '-'])
        && offset[1..].bytes().all(|b| b.is_ascii_digit())
    {
        return Some(&word[3..]);
    }
    Some(match upper.as_str() {
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
