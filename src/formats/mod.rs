//! Format parsers: turn the bytes of one file into zero or more [`Article`]s.
//!
//! [`parse_file`] is the one entry point. It decodes the bytes ([`decode::decode_text`]),
//! hands the text to the parser for the [`Format`], and then [`finish`]es every article the
//! same way (whitespace, title fallback, language code), so each format module only has to
//! find fields. The field-name mapping shared by JSON, NDJSON, Markdown front matter and the
//! header block of plain text files lives here too ([`article_from_object`]): front matter and
//! text headers are converted to `serde_json` values first, so there is one list of accepted
//! field names, not four.

pub mod bundle;
pub mod decode;
mod html;
mod json;
mod markdown;
pub mod records;
mod text;
pub mod warc;
mod xml;

use crate::article::{Article, DateCandidate, DateSource, TitleSource};
use crate::skip::{Skip, SkipReason};
use serde_json::{Map, Value};
use std::path::Path;

/// The file formats morgue reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Format {
    Text,
    Markdown,
    Json,
    JsonLines,
    Html,
    /// `.rss`, `.atom`: feeds (read like `Xml`, by the root element).
    Feed,
    /// `.xml`, `.nitf`: a feed, NITF or NewsML-G2 document, told apart by the root element.
    Xml,
    /// Web archive records (`.warc`, `.warc.gz`), read as a stream (`records`, `warc`).
    Warc,
    /// Bundles of files in any of these formats, walked as folders (`bundle`).
    Zip,
    Tar,
}

impl Format {
    /// The format for a path's extension (case-insensitive), or `None` for files morgue ignores.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        if ext == "gz" {
            // `story.txt.gz` is a txt, `crawl.warc.gz` a WARC, `dump.tar.gz` a tar.
            return Format::from_path(Path::new(path.file_stem()?));
        }
        match ext.as_str() {
            "warc" => Some(Format::Warc),
            "zip" => Some(Format::Zip),
            "tar" | "tgz" => Some(Format::Tar),
            "txt" => Some(Format::Text),
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "rss" | "atom" => Some(Format::Feed),
            "xml" | "nitf" => Some(Format::Xml),
            _ => None,
        }
    }

    /// Short name used in summaries and the index.
    pub fn label(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Markdown => "md",
            Format::Json => "json",
            Format::JsonLines => "ndjson",
            Format::Html => "html",
            Format::Feed => "feed",
            Format::Xml => "xml",
            Format::Warc => "warc",
            Format::Zip => "zip",
            Format::Tar => "tar",
        }
    }

    /// Record-oriented formats, read as a stream of parts with flat memory: `--max-file-size`
    /// limits each record (line, WARC record, bundle member), not the whole file.
    pub fn is_streamed(self) -> bool {
        matches!(
            self,
            Format::JsonLines | Format::Warc | Format::Zip | Format::Tar
        )
    }
}

/// Whether a file is gzip-compressed, by its name (`.gz`, `.tgz`).
pub fn is_gzipped(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("gz") || e.eq_ignore_ascii_case("tgz"))
}

/// What one file yielded.
#[derive(Debug, Default)]
pub struct ParsedFile {
    pub articles: Vec<Article>,
    /// Problems that did not stop the file from being indexed (e.g. decoded as Windows-1252).
    pub warnings: Vec<String>,
    /// Records of a multi-article file (NDJSON line, JSON array element) that were skipped,
    /// with their 1-based line or record number.
    pub bad_records: Vec<(usize, Skip)>,
}

/// Decode and parse one file. `Err` means the whole file is skipped with that reason.
/// Never panics on any bytes.
pub fn parse_file(format: Format, path: &Path, bytes: &[u8]) -> Result<ParsedFile, Skip> {
    if format.is_streamed() && format != Format::JsonLines {
        return Err(bundle::nested(format));
    }
    let decoded = decode::decode_text(bytes)?;
    let mut parsed = match format {
        Format::Text => single(text::parse(&decoded.text)?),
        Format::Markdown => single(markdown::parse(&decoded.text)?),
        Format::Json => json::parse_document(&decoded.text)?,
        Format::JsonLines => json::parse_lines(&decoded.text)?,
        Format::Html => html::parse(&decoded.text)?,
        Format::Feed | Format::Xml => xml::parse(&decoded.text)?,
        // Only reached for a bundle's member: the walker's files of these formats are streamed.
        Format::Warc | Format::Zip | Format::Tar => return Err(bundle::nested(format)),
    };
    if let Some(warning) = decoded.warning {
        parsed.warnings.insert(0, warning);
    }
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let mut articles = Vec::with_capacity(parsed.articles.len());
    for article in parsed.articles {
        let record = article.record;
        match finish(article, stem.as_deref()) {
            Ok(article) => articles.push(article),
            // A one-article file with no text is skipped as a whole; a bad record is counted.
            Err(skip) => match record {
                Some(n) => parsed.bad_records.push((n, skip)),
                None => return Err(skip),
            },
        }
    }
    parsed.articles = articles;
    Ok(parsed)
}

fn single(article: Article) -> ParsedFile {
    ParsedFile {
        articles: vec![article],
        ..ParsedFile::default()
    }
}

/// The last step for every article: tidy whitespace, make sure the title is never empty and
/// the body is not empty, normalise the language code and drop duplicate names and tags.
fn finish(mut a: Article, file_stem: Option<&str>) -> Result<Article, Skip> {
    a.body = normalize_body(&a.body);
    a.title = collapse_ws(&a.title);
    if a.body.is_empty() && a.title.is_empty() {
        return Err(Skip::new(SkipReason::NoText, "no title or body text"));
    }
    if !a.title.is_empty() {
        // A headline-only brief is an article: its title is all the text it has.
        a.title_source.get_or_insert(TitleSource::Metadata);
    } else {
        a.title = title_from_body(&a.body);
        a.title_source = Some(TitleSource::Body);
    }
    if a.title.is_empty() {
        a.title = collapse_ws(file_stem.unwrap_or("untitled"));
        a.title_source = Some(TitleSource::FileName);
    }
    a.source = a.source.map(|s| collapse_ws(&s)).filter(|s| !s.is_empty());
    a.url = a.url.map(|s| collapse_ws(&s)).filter(|s| !s.is_empty());
    a.language = a.language.as_deref().and_then(normalize_lang);
    a.authors = dedup(a.authors);
    a.tags = dedup(a.tags);
    let mut seen = Vec::new();
    a.date_candidates.retain_mut(|c| {
        c.text = collapse_ws(&c.text);
        let new = !c.text.is_empty() && !seen.contains(&(c.source, c.text.clone()));
        seen.push((c.source, c.text.clone()));
        new
    });
    Ok(a)
}

/// Trims each name, drops empty ones and exact duplicates (case-insensitive), keeping order.
fn dedup(items: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let item = collapse_ws(&item);
        if !item.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&item)) {
            out.push(item);
        }
    }
    out
}

/// Whether `text` is set in Title Case: three in four of its words of four letters or more
/// (at least `at_least` of them) start with a capital. Headlines and decks are; prose never
/// is.
pub(crate) fn in_title_case(text: &str, at_least: usize) -> bool {
    let (mut long, mut caps) = (0, 0);
    for w in text.split_whitespace() {
        if w.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            long += 1;
            caps += usize::from(w.starts_with(char::is_uppercase));
        }
    }
    long >= at_least && caps * 4 >= long * 3
}

/// Collapses every run of white space (including newlines) to one space and trims.
pub(crate) fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Paragraphs separated by exactly one blank line; white space inside a line collapsed;
/// single line breaks inside a paragraph kept (lists, addresses, poems).
pub(crate) fn normalize_body(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank_pending = false;
    for line in s.lines() {
        let mut words = line.split_whitespace();
        let Some(first) = words.next() else {
            blank_pending = !out.is_empty();
            continue;
        };
        if !out.is_empty() {
            out.push_str(if blank_pending { "\n\n" } else { "\n" });
        }
        blank_pending = false;
        // Most lines are already collapsed: copied whole. Else straight into `out`, word by
        // word: a collapsed copy of every line cost a tenth of plain ingest.
        if is_collapsed(line) {
            out.push_str(line);
            continue;
        }
        out.push_str(first);
        for word in words {
            out.push(' ');
            out.push_str(word);
        }
    }
    out
}

/// Whether `line` has no white space but single spaces between words: what collapsing it
/// would give. Only the lead bytes of Unicode's white space beyond ASCII (U+0085, U+00A0,
/// U+1680, U+2000-U+205F, U+3000) make it look at characters.
fn is_collapsed(line: &str) -> bool {
    let bytes = line.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut after_space = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b' ' if after_space => return false,
            b' ' => after_space = true,
            b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r' => return false,
            0xC2 | 0xE1 | 0xE2 | 0xE3 => {
                if line[i..].chars().next().is_some_and(char::is_whitespace) {
                    return false;
                }
                after_space = false;
            }
            _ => after_space = false,
        }
    }
    true
}

/// The first line of the body, cut at about 120 characters on a word boundary.
pub(crate) fn title_from_body(body: &str) -> String {
    const MAX: usize = 120;
    let line = collapse_ws(body.lines().find(|l| !l.trim().is_empty()).unwrap_or(""));
    if line.chars().count() <= MAX {
        return line;
    }
    let cut: String = line.chars().take(MAX).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > MAX / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// "en-US", "en_GB", " EN " → "en". Anything that is not 2-3 ASCII letters is dropped.
pub(crate) fn normalize_lang(s: &str) -> Option<String> {
    let primary = s.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    let ok = (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic());
    ok.then_some(primary)
}

/// Splits a byline into names on ",", ";", "&" and " and "; drops a leading "By".
pub(crate) fn split_authors(s: &str) -> Vec<String> {
    let s = collapse_ws(s);
    let s = strip_by(&s).unwrap_or(&s);
    s.replace(" and ", ";")
        .replace(" & ", ";")
        .split([',', ';'])
        .map(without_where)
        .filter(|n| !n.is_empty() && !is_role_or_agency(n))
        .map(str::to_string)
        .collect()
}

/// "Harriet Cole in Rio de Janeiro", "Gareth Lunn at the Etihad Stadium": the name, without
/// where the reporter was.
fn without_where(name: &str) -> &str {
    let name = name.trim();
    [" in ", " at "]
        .iter()
        .filter_map(|sep| name.find(sep))
        .filter(|&at| {
            let rest = &name[at + 4..];
            let rest = rest.strip_prefix("the ").unwrap_or(rest);
            at > 0 && rest.starts_with(char::is_uppercase)
        })
        .min()
        .map_or(name, |at| &name[..at])
}

/// A byline's piece that names no one: a role ("Chief Sports Reporter", "Staff Writer") or
/// the agency or paper ("Continental Press", "Associated Press").
fn is_role_or_agency(piece: &str) -> bool {
    const LAST_WORDS: &[&str] = &[
        "agency",
        "columnist",
        "contributor",
        "correspondent",
        "desk",
        "editor",
        "news",
        "newspapers",
        "photographer",
        "press",
        "producer",
        "reporter",
        "reuters",
        "service",
        "staff",
        "wire",
        "writer",
    ];
    let last = piece.rsplit(' ').next().unwrap_or(piece).to_lowercase();
    LAST_WORDS.contains(&last.as_str())
}

/// The two numbers and the year of a numeric date ("23/05/2019", "05-23-2019 10:00"), with
/// what follows the year; `separators` are the characters allowed between them. `None` for
/// any other text.
pub(crate) fn numeric_date<'t>(
    text: &'t str,
    separators: &[char],
) -> Option<(u32, u32, &'t str, &'t str)> {
    let mut parts = text.trim().splitn(3, separators);
    let (a, b, rest) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|c| c.is_ascii_digit());
    let year_len = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !digits(a) || !digits(b) || year_len != 4 {
        return None;
    }
    Some((a.parse().ok()?, b.parse().ok()?, &rest[..4], &rest[4..]))
}

/// "By Jane Doe" → "Jane Doe" (any case of "by").
pub(crate) fn strip_by(s: &str) -> Option<&str> {
    let head = s.get(..3)?;
    head.eq_ignore_ascii_case("by ")
        .then(|| s[3..].trim())
        .filter(|rest| !rest.is_empty())
}

/// "a number", "an array", ... for wrong-shape messages.
pub(crate) fn value_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Field names accepted by [`article_from_object`], lowercase; earlier names win.
const TITLE: &[&str] = &["title", "headline"];
/// The longest of these is the body.
const BODY: &[&str] = &[
    "body",
    "text",
    "content",
    "maintext",
    "article",
    "articlebody",
];
/// Body only when none of [`BODY`] is present.
const BODY_FALLBACK: &[&str] = &["description"];
const DATE: &[&str] = &[
    "date",
    "published",
    "published_at",
    "date_publish",
    "datepublished",
    "pubdate",
    "publication_date",
    "created_at",
];
const SOURCE: &[&str] = &[
    "source",
    "publisher",
    "source_domain",
    "site_name",
    "outlet",
];
const AUTHORS: &[&str] = &["authors", "author", "byline", "by"];
const URL: &[&str] = &["url", "link"];
const LANGUAGE: &[&str] = &["language", "lang"];
const TAGS: &[&str] = &["tags", "keywords"];

/// Whether `key` (any case) is one of the metadata fields [`article_from_object`] maps: title,
/// date, source, authors, URL, language or tags. Text fields are not metadata.
pub(crate) fn is_metadata_field(key: &str) -> bool {
    [TITLE, DATE, SOURCE, AUTHORS, URL, LANGUAGE, TAGS]
        .iter()
        .any(|names| names.iter().any(|n| n.eq_ignore_ascii_case(key)))
}

/// Names of the text fields, for "no text field" messages.
pub(crate) fn body_field_names() -> String {
    [BODY, BODY_FALLBACK].concat().join(", ")
}

/// Maps an object with common field names (case-insensitive) to an [`Article`]. The body is
/// empty when no text field is present; callers decide whether that is an error.
pub(crate) fn article_from_object(obj: &Map<String, Value>) -> Article {
    let get = |names: &[&str]| -> Vec<&Value> {
        // Case-insensitive lookup, in the order of `names` (so priority is the list's).
        names
            .iter()
            .filter_map(|n| obj.iter().find(|(k, _)| k.eq_ignore_ascii_case(n)))
            .map(|(_, v)| v)
            .collect()
    };
    let first_text = |names: &[&str]| get(names).into_iter().find_map(scalar_text);
    let body = get(BODY)
        .into_iter()
        .filter_map(scalar_text)
        .max_by_key(|t| t.len())
        .or_else(|| first_text(BODY_FALLBACK))
        .unwrap_or_default();
    let date_candidates = get(DATE)
        .into_iter()
        .filter_map(scalar_text)
        .map(|t| DateCandidate::new(DateSource::Metadata, t))
        .collect();
    let authors = get(AUTHORS)
        .into_iter()
        .map(names_of)
        .find(|names| !names.is_empty())
        .unwrap_or_default();
    let tags = get(TAGS)
        .into_iter()
        .map(|v| match v {
            Value::Array(items) => items.iter().filter_map(scalar_text).collect(),
            // "politics, europe": keywords often come as one comma-separated string.
            other => scalar_text(other)
                .map(|t| t.split([',', ';']).map(str::to_string).collect())
                .unwrap_or_default(),
        })
        .find(|t: &Vec<String>| !t.is_empty())
        .unwrap_or_default();
    Article {
        title: first_text(TITLE).unwrap_or_default(),
        body,
        date_candidates,
        source: first_text(SOURCE),
        authors,
        url: first_text(URL),
        language: first_text(LANGUAGE),
        tags,
        ..Article::default()
    }
}

/// The text of a scalar (numbers and booleans as written: YAML and TOML dates may arrive as
/// non-strings), or of an object's "name" (publisher objects). Empty text is `None`.
pub(crate) fn scalar_text(v: &Value) -> Option<String> {
    let text = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Object(o) => return o.get("name").and_then(scalar_text),
        Value::Null | Value::Array(_) => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// Author names from a string ("A and B"), a list of strings, or objects with "name".
pub(crate) fn names_of(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => split_authors(s),
        Value::Array(items) => items.iter().flat_map(names_of).collect(),
        Value::Object(o) => o.get("name").map(names_of).unwrap_or_default(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn bylines_give_names_without_roles_agencies_or_places() {
        assert_eq!(
            split_authors("By Laura Kessler and Mark Dobbins, Continental Press"),
            ["Laura Kessler", "Mark Dobbins"]
        );
        assert_eq!(
            split_authors("Harriet Cole in Rio de Janeiro"),
            ["Harriet Cole"]
        );
        assert_eq!(
            split_authors("Gareth Lunn at the Etihad Stadium; Chief Sports Reporter"),
            ["Gareth Lunn"]
        );
        // Lowercase after "in" is no place: the name stays whole.
        assert_eq!(split_authors("Ann Lee"), ["Ann Lee"]);
    }

    #[test]
    fn format_from_path_and_label() {
        let f = |p: &str| Format::from_path(Path::new(p));
        assert_eq!(f("a/b.TXT"), Some(Format::Text));
        assert_eq!(f("x.Markdown"), Some(Format::Markdown));
        assert_eq!(f("x.md"), Some(Format::Markdown));
        assert_eq!(f("x.json"), Some(Format::Json));
        assert_eq!(f("x.jsonl"), Some(Format::JsonLines));
        assert_eq!(f("x.NDJSON"), Some(Format::JsonLines));
        assert_eq!(f("x.htm"), Some(Format::Html));
        assert_eq!(f("x.xhtml"), Some(Format::Html));
        assert_eq!(f("x.pdf"), None);
        assert_eq!(f("README"), None);
        assert_eq!(Format::JsonLines.label(), "ndjson");
        assert_eq!(Format::Markdown.label(), "md");
    }

    #[test]
    fn object_mapping_picks_longest_body_and_all_fields() {
        let v = json!({
            "Headline": "  Big   news ",
            "text": "short",
            "content": "the longer content field",
            "description": "ignored because a body field exists",
            "datePublished": "2025-02-24",
            "created_at": 1740355200,
            "publisher": {"name": "Reuters"},
            "author": [{"name": "Jane Doe"}, "John Roe and Ann Poe"],
            "link": "https://example.com/a",
            "LANG": "en-US",
            "keywords": "politics, europe"
        });
        let a = article_from_object(v.as_object().unwrap());
        let a = finish(a, None).unwrap();
        assert_eq!(a.title, "Big news");
        assert_eq!(a.body, "the longer content field");
        assert_eq!(
            a.date_candidates,
            vec![
                DateCandidate::new(DateSource::Metadata, "2025-02-24"),
                DateCandidate::new(DateSource::Metadata, "1740355200")
            ]
        );
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        assert_eq!(a.authors, ["Jane Doe", "John Roe", "Ann Poe"]);
        assert_eq!(a.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(a.language.as_deref(), Some("en"));
        assert_eq!(a.tags, ["politics", "europe"]);
    }

    #[test]
    fn description_is_only_a_fallback_body() {
        let v = json!({"title": "T", "description": "Only a summary."});
        let a = article_from_object(v.as_object().unwrap());
        assert_eq!(a.body, "Only a summary.");
    }

    #[test]
    fn title_falls_back_to_body_then_stem() {
        let long = "word ".repeat(60);
        let a = Article {
            body: long,
            ..Article::default()
        };
        let a = finish(a, Some("stem")).unwrap();
        assert!(a.title.chars().count() <= 121 && a.title.ends_with("word…"));
        let a = Article {
            body: "\n\nFirst line here\nsecond".into(),
            ..Article::default()
        };
        assert_eq!(finish(a, None).unwrap().title, "First line here");
        let empty = finish(Article::default(), Some("x"));
        assert_eq!(empty.unwrap_err().reason, SkipReason::NoText);
    }

    #[test]
    fn content_is_checked_not_the_extension() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        let e = parse_file(Format::Html, Path::new("a.html"), png).unwrap_err();
        assert_eq!(
            (e.reason, e.detail.as_str()),
            (SkipReason::Binary, "looks like a PNG image")
        );
        let e = parse_file(Format::Json, Path::new("a.json"), b"Title: not json").unwrap_err();
        assert_eq!(e.reason, SkipReason::Malformed);
        assert!(e.detail.starts_with("line 1, column 1: "), "{}", e.detail);
    }

    #[test]
    fn decode_warning_reaches_the_caller() {
        let p = parse_file(Format::Text, Path::new("a.txt"), b"Caf\xe9 news\nbody").unwrap();
        assert_eq!(p.articles[0].title, "Café news");
        assert_eq!(p.warnings.len(), 1);
    }

    /// No input may panic: random bytes, and random mixes of the characters parsers care about.
    #[test]
    fn never_panics_on_random_bytes() {
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            // LCG (Knuth's MMIX constants); the high bits are the useful ones.
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize
        };
        const PIECES: &[&str] = &[
            "---\n",
            "+++\n",
            "# ",
            "Title: ",
            "Date: ",
            "{",
            "}",
            "[",
            "]",
            "\"",
            ":",
            ",",
            "\n",
            "\r\n",
            "<p>",
            "</p>",
            "<html lang=\"",
            "<meta name=\"date\" content=\"",
            "<script type=\"application/ld+json\">",
            "</script>",
            "<article>",
            "![x](",
            ")",
            "*",
            "_",
            "By ",
            "text",
            "é",
            "\u{feff}",
            " and ",
            "<time datetime=\"",
            "<rss><channel><item><title>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>",
            "<nitf><body><body.content><p>",
            "<newsItem><contentSet><inlineXML>",
            "<person>",
            "</person>",
            "&amp;",
            "&#x",
            "<![CDATA[",
            "]]>",
            "</item>",
            "/>",
        ];
        let formats = [
            Format::Text,
            Format::Markdown,
            Format::Json,
            Format::JsonLines,
            Format::Html,
            Format::Xml,
        ];
        for case in 0..300 {
            let len = next() % 300;
            let bytes: Vec<u8> = if case % 2 == 0 {
                (0..len).map(|_| next() as u8).collect()
            } else {
                (0..len / 4)
                    .flat_map(|_| PIECES[next() % PIECES.len()].bytes())
                    .collect()
            };
            for format in formats {
                if let Ok(p) = parse_file(format, Path::new("fuzz"), &bytes) {
                    assert!(p.articles.iter().all(|a| !a.title.is_empty()
                        && (!a.body.is_empty()
                            || a.title_source.is_some_and(TitleSource::is_given))));
                }
            }
        }
    }

    #[test]
    fn a_line_is_copied_whole_only_when_collapsing_would_not_change_it() {
        let lines = [
            "Plain words, one space apart.",
            "Curly \u{2019}quotes\u{2019} and a dash \u{2014} stay.",
            "two  spaces",
            " leading",
            "trailing ",
            "a\ttab",
            "no\u{a0}break",
            "em\u{2003}space",
            "ideographic\u{3000}space",
            "next\u{85}line",
            "narrow\u{202f}no-break",
            "ogham\u{1680}space",
            "\u{e9}t\u{e9} \u{e0} Z\u{fc}rich",
            "lone\rreturn",
            "",
        ];
        for line in lines {
            assert_eq!(is_collapsed(line), collapse_ws(line) == line, "{line:?}");
            assert_eq!(normalize_body(line), collapse_ws(line), "{line:?}");
        }
    }

    #[test]
    fn helpers() {
        assert_eq!(normalize_body("  a  b \r\n\n\n\nc\nd  \n\n"), "a b\n\nc\nd");
        assert_eq!(normalize_lang("en-US").as_deref(), Some("en"));
        assert_eq!(normalize_lang("english"), None);
        assert_eq!(
            split_authors("By Jane Doe; Max Mustermann"),
            ["Jane Doe", "Max Mustermann"]
        );
        assert_eq!(value_kind(&json!(3)), "a number");
    }
}
