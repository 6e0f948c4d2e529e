//! The English words dates are written with: month and weekday names, ordinal suffixes and the
//! zone abbreviations of RFC 2822. The string parser and the dateline scanner both read them.

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
pub(super) fn month_abbrev(word: &str) -> Option<&'static str> {
    let word = word.to_ascii_lowercase();
    MONTHS
        .iter()
        .find(|m| word == **m || word == m[..3] || (word == "sept" && **m == "september"))
        .map(|m| &m[..3])
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

/// Zone names as offsets `%z` can read: the RFC 2822 set plus UTC and Z.
pub(super) fn zone_offset(word: &str) -> Option<&'static str> {
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
