//! Dates in an article's relative path: `2025/02/24/story.html`, `2025-02-24-story.txt`.

use std::path::Path;

use jiff::civil::Date;

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

/// The year of the folder nearest the file that is a year alone (`1988/armenia.txt`,
/// `archive/1953/floods/story.txt`), 1800-2099: when the stories of a year sit together.
pub fn year_of_path(relative_path: &Path) -> Option<i16> {
    let folders = relative_path.parent()?.components();
    folders.rev().find_map(|c| {
        let name = c.as_os_str().to_str()?;
        let year: i16 = (name.len() == 4 && name.bytes().all(|b| b.is_ascii_digit()))
            .then(|| name.parse().ok())??;
        (1800..=2099).contains(&year).then_some(year)
    })
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

#[cfg(test)]
mod tests {
    use super::super::tests::FEB24;
    use super::*;

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
    fn the_year_of_the_nearest_year_folder() {
        for (path, year) in [
            ("1988/armenia.txt", Some(1988)),
            ("archive/1953/floods/story.txt", Some(1953)),
            ("1950s/1953/story.txt", Some(1953)),
            ("2005/06/story.txt", Some(2005)),
            ("1988.txt", None),
            ("story-1988/a.txt", None),
            ("0042/a.txt", None),
            ("a.txt", None),
        ] {
            assert_eq!(year_of_path(Path::new(path)), year, "{path}");
        }
    }
}
