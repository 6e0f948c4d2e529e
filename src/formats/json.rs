//! JSON documents (one article, an array of articles, or `{"articles": [...]}`) and NDJSON
//! (one article object per line). Field names are mapped by `article_from_object`.
//!
//! Multi-article files number their records from 1 (`Article.record`): the array index + 1
//! for JSON arrays, the line number for NDJSON. A bad record goes to `bad_records` and the
//! others are still indexed; a file with no good record is skipped as a whole.

use super::{ParsedFile, article_from_object, body_field_names, numeric_date, value_kind};
use crate::article::Article;
use crate::skip::{Skip, SkipReason};
use serde_json::Value;

/// Keys of a wrapper object holding an array of articles.
const WRAPPERS: &[&str] = &["articles", "items", "data"];

pub(super) fn parse_document(text: &str) -> Result<ParsedFile, Skip> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| Skip::new(SkipReason::Malformed, json_error(&e, true)))?;
    if let Value::Object(obj) = &value
        && !has_text(&value)
        && let Some(Value::Array(items)) = WRAPPERS
            .iter()
            .find_map(|w| obj.iter().find(|(k, _)| k.eq_ignore_ascii_case(w)))
            .map(|(_, v)| v)
    {
        return parse_array(items);
    }
    match &value {
        Value::Array(items) => parse_array(items),
        _ => {
            let article = article(&value)?;
            Ok(ParsedFile {
                articles: vec![article],
                ..ParsedFile::default()
            })
        }
    }
}

fn parse_array(items: &[Value]) -> Result<ParsedFile, Skip> {
    if items.is_empty() {
        return Err(wrong_shape("an empty array"));
    }
    if !items.iter().any(Value::is_object) {
        return Err(wrong_shape(&format!(
            "an array of {}",
            plural(value_kind(&items[0]))
        )));
    }
    let records = items
        .iter()
        .enumerate()
        .map(|(i, item)| (i + 1, article(item)));
    collect_records(records, "record")
}

pub(super) fn parse_lines(text: &str) -> Result<ParsedFile, Skip> {
    let records = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| (i + 1, parse_line(line)));
    collect_records(records, "line")
}

/// One NDJSON line as an article, or why it is not one.
pub(super) fn parse_line(line: &str) -> Result<Article, Skip> {
    serde_json::from_str::<Value>(line)
        .map_err(|e| Skip::new(SkipReason::Malformed, json_error(&e, false)))
        .and_then(|v| article(&v))
}

/// Why a multi-record file with no good record is skipped as a whole: the reason of its
/// first bad one ("no valid line; first error at line 2: ..."), `unit` naming what the
/// numbers count.
pub fn no_valid_record(unit: &str, first_bad: Option<&(usize, Skip)>) -> Skip {
    match first_bad {
        Some((n, first)) => Skip::new(
            first.reason,
            format!(
                "no valid {unit}; first error at {unit} {n}: {}",
                first.detail
            ),
        ),
        None => Skip::new(SkipReason::NoText, format!("no {unit} to read")),
    }
}

/// Gathers the numbered records of a multi-article file: good ones become articles (with
/// their number in `record`), bad ones go to `bad_records`. A file without one good record is
/// skipped as a whole, with the reason of the first bad one ("no valid line; first error at
/// line 2: ..."); `unit` names what the numbers count ("record", "line").
fn collect_records(
    records: impl Iterator<Item = (usize, Result<Article, Skip>)>,
    unit: &str,
) -> Result<ParsedFile, Skip> {
    let mut parsed = ParsedFile::default();
    for (n, result) in records {
        match result {
            Ok(mut a) => {
                a.record = Some(n);
                parsed.articles.push(a);
            }
            Err(skip) => parsed.bad_records.push((n, skip)),
        }
    }
    if !parsed.articles.is_empty() {
        read_numeric_dates_as_the_file_writes_them(&mut parsed);
        return Ok(parsed);
    }
    // Callers never pass zero records (empty arrays and blank files are rejected earlier);
    // should one, the file is still skipped rather than indexed with nothing in it.
    Err(no_valid_record(unit, parsed.bad_records.first()))
}

/// Numeric dates of a multi-record file as the file writes them: when one record's date can
/// only be day first ("23/05/2019") and none can only be month first, the file's ambiguous
/// ones ("12/11/2013") are day first too, rewritten as ISO dates, and the file says so in a
/// warning. Left alone, they are read month first (the date parser's US default).
fn read_numeric_dates_as_the_file_writes_them(parsed: &mut ParsedFile) {
    let dates: Vec<(u32, u32)> = (parsed.articles.iter())
        .flat_map(|a| &a.date_candidates)
        .filter(|c| c.source == crate::article::DateSource::Metadata)
        .filter_map(|c| numeric_date(&c.text, &['/', '-']).map(|(d, m, _, _)| (d, m)))
        .collect();
    let day_first_only = dates.iter().find(|(a, b)| *a > 12 && *b <= 12);
    let month_first_only = dates.iter().any(|(a, b)| *a <= 12 && *b > 12);
    let Some(&(day, month)) = day_first_only.filter(|_| !month_first_only) else {
        return;
    };
    let mut rewritten = 0;
    for a in &mut parsed.articles {
        for c in &mut a.date_candidates {
            if c.source != crate::article::DateSource::Metadata {
                continue;
            }
            if let Some((d, m, year, rest)) = numeric_date(&c.text, &['/', '-'])
                && d <= 12
                && d != m
            {
                c.text = format!("{year}-{m:02}-{d:02}{rest}");
                rewritten += 1;
            }
        }
    }
    if rewritten > 0 {
        parsed.warnings.push(format!(
            "numeric dates read day first, as the file writes {day:02}/{month:02}: \
             {rewritten} ambiguous ones (such as 05/06) taken as day/month"
        ));
    }
}

/// One article from one JSON value, or why it is not one.
fn article(v: &Value) -> Result<Article, Skip> {
    let Value::Object(obj) = v else {
        return Err(wrong_shape(value_kind(v)));
    };
    let a = article_from_object(obj);
    // A headline-only brief is an article; an object with neither is not one.
    if a.body.trim().is_empty() && a.title.trim().is_empty() {
        return Err(Skip::new(
            SkipReason::WrongShape,
            format!(
                "expected an article object with a title or text field, found an object without \
                 either (looked for title, headline, {})",
                body_field_names()
            ),
        ));
    }
    Ok(a)
}

fn has_text(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|o| !article_from_object(o).body.trim().is_empty())
}

fn wrong_shape(found: &str) -> Skip {
    Skip::new(
        SkipReason::WrongShape,
        format!("expected an article object with a text field, found {found}"),
    )
}

/// "a number" → "numbers", for "an array of numbers".
fn plural(kind: &str) -> String {
    let noun = kind
        .trim_start_matches("an ")
        .trim_start_matches("a ")
        .to_string();
    if noun == "null" { noun } else { noun + "s" }
}

/// "line L, column C: msg" (serde_json puts the position at the end; we put it first).
/// NDJSON records are one line, whose number is reported with the record: column only.
fn json_error(e: &serde_json::Error, with_line: bool) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let msg = full.strip_suffix(&suffix).unwrap_or(&full);
    if with_line {
        format!("line {}, column {}: {msg}", e.line(), e.column())
    } else {
        format!("column {}: {msg}", e.column())
    }
}

#[cfg(test)]
mod tests {
    use crate::formats::{Format, ParsedFile, parse_file};
    use crate::skip::{Skip, SkipReason};
    use std::path::Path;

    fn json(s: &str) -> Result<ParsedFile, Skip> {
        parse_file(Format::Json, Path::new("a.json"), s.as_bytes())
    }

    fn ndjson(s: &str) -> Result<ParsedFile, Skip> {
        parse_file(Format::JsonLines, Path::new("a.ndjson"), s.as_bytes())
    }

    #[test]
    fn single_object() {
        let p = json(
            r#"{"title": "T", "maintext": "Body.", "source_domain": "bbc.co.uk",
            "byline": "By Jane Doe", "date_publish": "2025-02-24 10:00:00"}"#,
        )
        .unwrap();
        let a = &p.articles[0];
        assert_eq!((a.title.as_str(), a.body.as_str()), ("T", "Body."));
        assert_eq!(a.source.as_deref(), Some("bbc.co.uk"));
        assert_eq!(a.authors, ["Jane Doe"]);
        assert_eq!(a.date_candidates[0].text, "2025-02-24 10:00:00");
        assert_eq!(a.record, None);
    }

    #[test]
    fn arrays_and_wrappers() {
        let p = json(r#"[{"text": "one"}, 5, {"body": "three"}]"#).unwrap();
        let records: Vec<_> = p.articles.iter().map(|a| a.record).collect();
        assert_eq!(records, [Some(1), Some(3)]);
        assert_eq!(p.bad_records[0].0, 2);
        assert_eq!(p.bad_records[0].1.reason, SkipReason::WrongShape);
        let p = json(r#"{"status": "ok", "Items": [{"content": "a"}, {"content": "b"}]}"#).unwrap();
        assert_eq!(p.articles.len(), 2);
        assert_eq!(p.articles[1].title, "b");
    }

    #[test]
    fn wrong_shapes() {
        let detail = |s: &str| {
            let e = json(s).unwrap_err();
            assert_eq!(e.reason, SkipReason::WrongShape, "{s}");
            e.detail
        };
        assert_eq!(
            detail("42"),
            "expected an article object with a text field, found a number"
        );
        assert_eq!(
            detail(r#""hi""#),
            "expected an article object with a text field, found a string"
        );
        assert_eq!(
            detail(r#"["a", "b"]"#),
            "expected an article object with a text field, found an array of strings"
        );
        assert_eq!(
            detail("[]"),
            "expected an article object with a text field, found an empty array"
        );
        assert!(
            detail(r#"{"date": "2025-01-01"}"#)
                .contains("found an object without either (looked for title, headline, body,")
        );
        assert!(
            detail(r#"[{"date": "x"}]"#).starts_with("no valid record; first error at record 1:")
        );
    }

    #[test]
    fn malformed_with_position() {
        let e = json("{\n  \"title\": \"x\",\n  \"body\" \"y\"\n}").unwrap_err();
        assert_eq!(e.reason, SkipReason::Malformed);
        assert_eq!(e.detail, "line 3, column 10: expected `:`");
    }

    #[test]
    fn ndjson_with_two_bad_lines_of_five() {
        let text = "{\"title\":\"A\",\"text\":\"a\"}\n\
                    {\"title\":\"B\",\"text\":\n\
                    \n\
                    {\"title\":\"C\",\"text\":\"c\"}\n\
                    [1,2]\n\
                    {\"title\":\"D\",\"text\":\"d\"}\r\n";
        let p = ndjson(text).unwrap();
        let got: Vec<_> = p
            .articles
            .iter()
            .map(|a| (a.title.as_str(), a.record))
            .collect();
        assert_eq!(got, [("A", Some(1)), ("C", Some(4)), ("D", Some(6))]);
        let bad: Vec<_> = p.bad_records.iter().map(|(n, s)| (*n, s.reason)).collect();
        assert_eq!(
            bad,
            [(2, SkipReason::Malformed), (5, SkipReason::WrongShape)]
        );
        assert!(p.bad_records[0].1.detail.starts_with("column "));
    }

    #[test]
    fn ndjson_all_bad() {
        let e = ndjson("not json\n{also not}\n").unwrap_err();
        assert_eq!(e.reason, SkipReason::Malformed);
        assert!(
            e.detail
                .starts_with("no valid line; first error at line 1: column 2:"),
            "{}",
            e.detail
        );
    }
}
