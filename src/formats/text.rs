//! Plain text articles.
//!
//! Layout understood:
//! ```text
//! Title: Ukraine talks resume          <- optional header block of `Key: value` lines;
//! Date: 2025-02-24                        only if the first line has a known key
//! By: Jane Doe and John Roe
//!                                      <- a blank line ends the header
//! Body paragraphs...
//! ```
//! Rules callers should know:
//! - Header keys are the metadata field names shared with JSON and front matter
//!   (`article_from_object`: Title, Headline, Date, Published, Source, Publisher, Author(s),
//!   Byline, By, URL, Link, Language, Lang, Tags, Keywords and the other synonyms there), plus
//!   Section and Page, which are recognised but not kept. Text field names (Body, Text,
//!   Description, ...) are not header keys: the body is what follows the header.
//! - The header block is recognised only when its first line uses a known key, so
//!   "Note: this is..." stays part of the story. It ends at the first line that is not
//!   `Key: value` with a known key: "UPDATE: the strike is off" right under the header is the
//!   first body line, not metadata. A key given twice keeps its first value.
//! - Without a title field, the first non-empty line is the title (`first-line`) and is
//!   removed from the body when it reads as a headline (short, not ending like a sentence, set
//!   apart by a blank line or a byline; see `is_headline`). Otherwise the file has no title:
//!   the body keeps every line and the title shown is made from its start (`body`), which is
//!   not searched as a title.
//! - A "By Jane Doe" line right after the title line is the byline: it fills the authors
//!   (if the header named none) and is removed from the body.

use super::{article_from_object, collapse_ws, is_metadata_field, split_authors, strip_by};
use crate::article::{Article, TitleSource};
use crate::skip::Skip;
use serde_json::{Map, Value};

/// Header keys that are recognised, so they continue the header block, but not kept.
const IGNORED_KEYS: &[&str] = &["section", "page"];

/// Parses a decoded plain text file. Never fails on non-empty text; an article with no body
/// is rejected later by `finish`.
pub(super) fn parse(text: &str) -> Result<Article, Skip> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let mut header = Map::new();
    // Section: and Page: may continue a header but not open one.
    let has_header = lines
        .get(start)
        .and_then(|l| key_value(l))
        .is_some_and(|(key, _)| is_metadata_field(&key));
    let mut i = start;
    while has_header && let Some((key, value)) = lines.get(i).and_then(|l| header_line(l)) {
        let value = collapse_ws(value);
        if !value.is_empty() && is_metadata_field(&key) {
            header.entry(key).or_insert(Value::String(value));
        }
        i += 1;
    }
    let mut a = article_from_object(&header);
    let mut body: Vec<&str> = lines[i..].to_vec();
    if a.title.is_empty()
        && let Some(t) = body.iter().position(|l| !l.trim().is_empty())
        && let Some(next) = body[t + 1..].iter().position(|l| !l.trim().is_empty())
        && (is_headline(body[t], body[t + 1 + next], next > 0)
            || byline(body[t + 1 + next]).is_some())
    {
        a.title = collapse_ws(body[t]);
        a.title_source = Some(TitleSource::FirstLine);
        body.drain(..=t);
    }
    // A byline directly under the title (at most one blank line between).
    if let Some(b) = body.iter().take(2).position(|l| !l.trim().is_empty())
        && let Some(names) = byline(body[b])
    {
        if a.authors.is_empty() {
            a.authors = names;
        }
        body.drain(..=b);
    }
    a.body = body.join("\n");
    Ok(a)
}

/// Whether a file's first line reads as a headline rather than the start of the story.
///
/// Archives without titles (wire dumps, OCR, hard-wrapped text) start straight with the story;
/// taking its first line as the title would weigh that sentence as a headline and cut it from
/// the body. A headline is short, does not end like a sentence or mid-sentence, and is set
/// apart by a blank line. Without the blank line it must be shorter still, clearly shorter
/// than the line under it (a hard-wrapped paragraph's lines are all about as long), and must
/// not stop on a word that continues onto the next line ("...to approve the").
fn is_headline(line: &str, next_line: &str, blank_after: bool) -> bool {
    let line = line.trim();
    let words: Vec<&str> = line.split_whitespace().collect();
    // A headline with its decks in Title Case ("Halifax Wrecked by Explosion of Munitions
    // Ship; 2,000 Feared Dead - Blizzard Hampers Rescue - Boston Sends Relief Train", as
    // papers of the 1900s-1930s set them) runs long; prose is never capitalised so.
    let decked = blank_after && super::in_title_case(line, 8);
    let (max_words, max_chars) = match (blank_after, decked) {
        (_, true) => (60, 400),
        (true, false) => (20, 160),
        (false, _) => (12, 160),
    };
    if words.is_empty() || words.len() > max_words || line.chars().count() > max_chars {
        return false;
    }
    // Ellipses and abbreviations ("U.S.") end headlines; a lone full stop ends a sentence.
    let sentence_end = line.ends_with('.') && !line.ends_with("..") && {
        let last = words[words.len() - 1];
        last.matches('.').count() < 2
    };
    if sentence_end || line.ends_with([',', ';', ':', '-', '\u{2013}', '\u{2014}']) {
        return false;
    }
    if blank_after {
        return true;
    }
    let last = words[words.len() - 1].to_lowercase();
    let shorter = line.chars().count() * 4 <= next_line.trim().chars().count() * 3;
    shorter && !CONTINUES.contains(&last.as_str())
}

/// Words a headline does not end on but a wrapped line of prose often does.
const CONTINUES: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or",
    "but", "that", "which", "who", "as", "is", "was", "are", "were", "be", "has", "had", "have",
    "its", "their", "his", "her", "this", "these", "than", "into", "about", "after", "before",
];

/// A header line: `Key: value` whose lowercased key is a known header key.
fn header_line(line: &str) -> Option<(String, &str)> {
    key_value(line)
        .filter(|(key, _)| is_metadata_field(key) || IGNORED_KEYS.contains(&key.as_str()))
}

/// "By Jane Doe and John Roe" → names. Short lines only: "By the time..." is prose.
fn byline(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    let rest = strip_by(line)?;
    let words = rest.split_whitespace().count();
    let capitalised = rest.chars().next().is_some_and(char::is_uppercase);
    (capitalised && words <= 8 && !rest.ends_with('.')).then(|| split_authors(rest))
}

/// `Key: value` with a short key of letters, digits, spaces, '-' or '_'.
fn key_value(line: &str) -> Option<(String, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    let ok = !key.is_empty()
        && key.len() <= 30
        && !line.starts_with(char::is_whitespace)
        && key.split_whitespace().count() <= 3
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'));
    ok.then(|| (key.to_ascii_lowercase(), value.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::DateSource;
    use crate::formats::{Format, parse_file};
    use crate::skip::SkipReason;
    use std::path::Path;

    fn parse_txt(s: &str) -> Article {
        let mut p = parse_file(Format::Text, Path::new("story.txt"), s.as_bytes()).unwrap();
        p.articles.remove(0)
    }

    #[test]
    fn header_block() {
        let a = parse_txt(
            "Title: Talks  resume in Geneva\nDATE: 2025-02-24\nPublished: Feb 24, 2025\n\
             Source: Reuters\nAuthors: Jane Doe, John Roe and Ann Poe\nURL: https://x.test/a\n\
             Lang: en-GB\nTags: diplomacy; europe\nSection: World\n\n\
             GENEVA - Talks resumed on Monday.\n\nSecond paragraph.\n",
        );
        assert_eq!(a.title, "Talks resume in Geneva");
        assert_eq!(
            a.body,
            "GENEVA - Talks resumed on Monday.\n\nSecond paragraph."
        );
        let dates: Vec<_> = a.date_candidates.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(dates, ["2025-02-24", "Feb 24, 2025"]);
        assert!(
            a.date_candidates
                .iter()
                .all(|c| c.source == DateSource::Metadata)
        );
        assert_eq!(a.source.as_deref(), Some("Reuters"));
        assert_eq!(a.authors, ["Jane Doe", "John Roe", "Ann Poe"]);
        assert_eq!(a.url.as_deref(), Some("https://x.test/a"));
        assert_eq!(a.language.as_deref(), Some("en"));
        assert_eq!(a.tags, ["diplomacy", "europe"]);
    }

    #[test]
    fn header_without_title_uses_first_body_line() {
        let a =
            parse_txt("Date: 2025-01-02\n\nHeadline here\nThe body text runs longer than it.\n");
        assert_eq!(a.title, "Headline here");
        assert_eq!(a.body, "The body text runs longer than it.");
        assert_eq!(a.date_candidates.len(), 1);
    }

    #[test]
    fn no_header_and_byline() {
        let a =
            parse_txt("\n\nCity council votes\nBy Jane Doe and John Roe\n\nThe council voted.\n");
        assert_eq!(a.title, "City council votes");
        assert_eq!(a.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(a.body, "The council voted.");
        assert!(a.date_candidates.is_empty());
    }

    #[test]
    fn unknown_first_key_is_story() {
        let a = parse_txt("Note: this is a story about notes.\nDate: it was a dark night.\n");
        // A sentence is not a headline: the story keeps it, the title shown is made from it.
        assert_eq!(a.title, "Note: this is a story about notes.");
        assert_eq!(a.title_source, Some(TitleSource::Body));
        assert_eq!(
            a.body,
            "Note: this is a story about notes.\nDate: it was a dark night."
        );
        assert!(a.date_candidates.is_empty());
    }

    #[test]
    fn prose_starting_with_by_is_not_a_byline() {
        let a = parse_txt("Title\nBy the time the polls closed, turnout had doubled.\n");
        assert!(a.authors.is_empty());
        assert!(a.body.starts_with("By the time"));
    }

    #[test]
    fn single_line_keeps_body_and_header_only_is_no_text() {
        let a = parse_txt("Just one line of news.");
        assert_eq!(
            (a.title.as_str(), a.body.as_str()),
            ("Just one line of news.", "Just one line of news.")
        );
        assert_eq!(a.title_source, Some(TitleSource::Body));
        // A header with a title and no story is a headline-only brief, still an article;
        // without a title either, there is nothing to index.
        let brief = parse_txt("Title: X\nDate: 2025-01-01\n");
        assert_eq!((brief.title.as_str(), brief.body.as_str()), ("X", ""));
        assert_eq!(brief.title_source, Some(TitleSource::Metadata));
        let e = parse_file(Format::Text, Path::new("a.txt"), b"Date: 2025-01-01\n");
        assert_eq!(e.unwrap_err().reason, SkipReason::NoText);
    }

    #[test]
    fn a_first_line_is_a_title_only_when_it_reads_as_a_headline() {
        let titled = |text: &str| {
            let a = parse_txt(text);
            (a.title_source == Some(TitleSource::FirstLine)).then_some(a.title)
        };
        // Set apart by a blank line, short, no full stop: a headline.
        assert_eq!(
            titled("Ferry strike ends\n\nBoats sail again.\n").as_deref(),
            Some("Ferry strike ends")
        );
        assert_eq!(
            titled("Is the strike over?\n\nNo.\n").as_deref(),
            Some("Is the strike over?")
        );
        assert_eq!(
            titled("Talks on U.S.\n\nThey met.\n").as_deref(),
            Some("Talks on U.S.")
        );
        // A headline with its decks, in Title Case, is longer than a plain one may be.
        let decked = "Halifax Wrecked by Explosion of Munitions Ship; 2,000 Feared Dead, Whole \
                      North End in Ruins - Vessel Blew Up After Collision in the Narrows - \
                      Blizzard Hampers Rescue - Boston Sends Relief Train";
        assert_eq!(
            titled(&format!(
                "{decked}\n\nHALIFAX, N. S., Dec. 6 (AP) - Hundreds died.\n"
            ))
            .as_deref(),
            Some(decked)
        );
        // Untitled archives start with the story itself.
        for untitled in [
            "The committee voted on Tuesday to approve the\nnew budget, officials said.\n",
            "Oil prices rose sharply on Monday.\n\nTraders said supply was tight.\n",
            "In a move that surprised nearly every analyst who follows the industry closely, \
             the chairman told reporters on Monday that \"we will close the plant\"\n\n\
             Workers were told later.\n",
            "Officials said,\n\nthe talks failed.\n",
        ] {
            assert_eq!(titled(untitled), None, "{untitled}");
            let a = parse_txt(untitled);
            assert_eq!(a.title_source, Some(TitleSource::Body), "{untitled}");
            let first = untitled.lines().next().unwrap();
            assert!(a.body.starts_with(first.trim()), "{untitled}");
        }
    }

    #[test]
    fn header_ends_at_first_unknown_key() {
        let a = parse_txt(
            "Title: Ferry strike\nDate: 2025-03-01\n\
             UPDATE: The ferry strike has been called off, the union said.\n\
             Boats sail again on Monday.\n",
        );
        assert_eq!(a.title, "Ferry strike");
        assert_eq!(
            a.body,
            "UPDATE: The ferry strike has been called off, the union said.\n\
             Boats sail again on Monday."
        );
        let dates: Vec<_> = a.date_candidates.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(dates, ["2025-03-01"]);
        // A text field name is not a header key either: the body follows the header.
        let a = parse_txt("Title: T\nText: the story starts here.\n");
        assert_eq!(a.body, "Text: the story starts here.");
        // Section and Page continue a header but do not open one.
        let a = parse_txt("Section: World\nTalks resume\nBody.\n");
        assert_eq!(a.title, "Section: World");
    }

    #[test]
    fn header_uses_the_shared_field_names() {
        let a = parse_txt(
            "Title: Budget passes\nPage: 3\nPublication_Date: 2025-02-24\n\
             Site_Name: Gazette\nBy: Ann Poe & Max Roe\nKeywords: budget, tax\n\
             Title: a repeated key keeps its first value\n\nThe budget passed.\n",
        );
        assert_eq!(a.title, "Budget passes");
        assert_eq!(a.date_candidates[0].text, "2025-02-24");
        assert_eq!(a.source.as_deref(), Some("Gazette"));
        assert_eq!(a.authors, ["Ann Poe", "Max Roe"]);
        assert_eq!(a.tags, ["budget", "tax"]);
        assert_eq!(a.body, "The budget passed.");
    }
}
