//! Markdown articles with optional YAML (`---`) or TOML (`+++`) front matter.
//!
//! Front matter is converted to a `serde_json::Value` and mapped by the same code as JSON
//! articles (`article_from_object`), so the accepted field names are the same everywhere.
//! The body is the Markdown after the front matter with the syntax stripped lightly (heading
//! marks, emphasis, link and image syntax, list and quote markers, code fences) so search and
//! snippets see prose. Without a front-matter title, the first `# Heading` is the title and is
//! removed from the body; without either, `finish` uses the first line.

use super::{article_from_object, value_kind};
use crate::article::{Article, TitleSource};
use crate::skip::{Skip, SkipReason};
use serde_json::{Map, Value};

pub(super) fn parse(text: &str) -> Result<Article, Skip> {
    let (front, body) = split_front_matter(text)?;
    let mut a = match front {
        Some(obj) => article_from_object(&obj),
        None => Article::default(),
    };
    let mut lines: Vec<&str> = body.lines().collect();
    if a.title.is_empty()
        && let Some(i) = lines.iter().position(|l| heading1(l).is_some())
    {
        a.title = heading1(lines[i]).unwrap_or_default().to_string();
        a.title_source = Some(TitleSource::Heading);
        lines.remove(i);
    }
    // Front matter "description" must not replace the Markdown body.
    a.body = strip_markdown(&lines.join("\n"));
    Ok(a)
}

/// `# Title` (level 1 only) → "Title", closing #s removed.
fn heading1(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("# ")?;
    Some(rest.trim().trim_end_matches('#').trim()).filter(|t| !t.is_empty())
}

type FrontMatter = Option<Map<String, Value>>;

/// Splits off front matter. The opening fence must be the very first line.
fn split_front_matter(text: &str) -> Result<(FrontMatter, &str), Skip> {
    let first = text.lines().next().unwrap_or("").trim_end();
    let fence = match first {
        "---" => "---",
        "+++" => "+++",
        _ => return Ok((None, text)),
    };
    let after_open = &text[text.find('\n').map_or(text.len(), |i| i + 1)..];
    // YAML may also close with "..." (end-of-document marker).
    let mut offset = 0;
    let mut close = None;
    for line in after_open.split_inclusive('\n') {
        let t = line.trim_end();
        if t == fence || (fence == "---" && t == "...") {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((end, rest)) = close else {
        return Err(malformed(format!(
            "no closing `{fence}` for the block opened at line 1"
        )));
    };
    let src = &after_open[..end];
    let value = if fence == "---" {
        parse_yaml(src)?
    } else {
        parse_toml(src)?
    };
    let obj = match value {
        Value::Object(o) => Some(o),
        Value::Null => None, // empty front matter is fine
        other => {
            return Err(malformed(format!(
                "expected `key: value` pairs, found {}",
                value_kind(&other)
            )));
        }
    };
    Ok((obj, &after_open[rest..]))
}

fn malformed(msg: String) -> Skip {
    Skip::new(SkipReason::Malformed, format!("front matter: {msg}"))
}

/// Line numbers in messages count from the start of the file (front matter starts on line 2).
fn parse_yaml(src: &str) -> Result<Value, Skip> {
    if src.trim().is_empty() {
        return Ok(Value::Null);
    }
    // Hand-written front matter repeats keys now and then; that is no reason to skip a file.
    let options = serde_saphyr::options! {
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::FirstWins,
    };
    serde_saphyr::from_str_with_options::<Value>(src, options).map_err(|e| {
        let plain = e.without_snippet().to_string();
        let first = plain.lines().next().unwrap_or("invalid YAML").trim();
        // The parser's own " at line L, column C" counts inside the block; ours is replaced.
        let msg = first
            .rsplit_once(" at line ")
            .map_or(first, |(m, _)| m)
            .to_string();
        match e.location() {
            Some(loc) if loc.line() > 0 => malformed(format!("line {}: {msg}", loc.line() + 1)),
            _ => malformed(msg),
        }
    })
}

fn parse_toml(src: &str) -> Result<Value, Skip> {
    let table = toml::from_str::<toml::Table>(src).map_err(|e| {
        let msg = e.message().trim().to_string();
        match e.span() {
            Some(span) => {
                let line = src[..span.start.min(src.len())].matches('\n').count() + 2;
                malformed(format!("line {line}: {msg}"))
            }
            None => malformed(msg),
        }
    })?;
    Ok(toml_to_json(toml::Value::Table(table)))
}

/// TOML dates become their text (`2025-02-24T10:00:00Z`), not serde's private datetime map.
fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// Light Markdown → prose. Not a Markdown parser: it removes the syntax that would pollute
/// search terms and snippets and keeps every word of the text.
fn strip_markdown(md: &str) -> String {
    let mut out = Vec::new();
    let mut in_fence = false;
    for line in md.lines() {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            out.push(line.to_string());
            continue;
        }
        // Rules, setext underlines and link reference definitions carry no prose.
        let rule = t.len() >= 3
            && ['-', '=', '*', '_']
                .iter()
                .any(|&c| t.chars().all(|ch| ch == c || ch == ' '));
        if rule || (t.starts_with('[') && t.contains("]:")) {
            out.push(String::new());
            continue;
        }
        let mut s = t.trim_start_matches('>').trim_start();
        s = s.trim_start_matches('#').trim_start();
        if s.len() < t.len() && t.starts_with('#') {
            s = s.trim_end_matches('#').trim_end();
        }
        for marker in ["- ", "* ", "+ "] {
            if let Some(rest) = s.strip_prefix(marker) {
                s = rest;
            }
        }
        out.push(strip_inline(s));
    }
    out.join("\n")
}

/// Images removed, `[text](url)` and `[text][ref]` → text, `<url>` → url, emphasis and code
/// markers dropped (underscores only at word edges, so snake_case survives).
///
/// Linear in the length of `s`: closing brackets are found with [`NextOf`] cursors, so a line
/// of a million `[` or `<` with no (or one distant) closer is not searched once per bracket.
fn strip_inline(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut find = Closers::default();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let is_image = c == '!' && chars.get(i + 1) == Some(&'[');
        if c == '[' || is_image {
            let open = if is_image { i + 1 } else { i };
            if let Some((text, next)) = link_at(&chars, open, &mut find) {
                if !is_image {
                    out.push_str(&strip_inline(&text));
                }
                i = next;
                continue;
            }
        }
        if c == '<'
            && let Some(close) = find.angle.find(&chars, i + 1)
        {
            let inner = &chars[i + 1..close];
            let is_url = inner.starts_with(&['h', 't', 't', 'p'])
                || find.at.find(&chars, i + 1).is_some_and(|at| at < close);
            if is_url {
                out.extend(inner);
                i = close + 1;
                continue;
            }
        }
        let prev_word = i > 0 && chars[i - 1].is_alphanumeric();
        let next_word = chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
        let drop = match c {
            '*' | '`' => true,
            '_' => !(prev_word && next_word),
            _ => false,
        };
        if !drop {
            out.push(c);
        }
        i += 1;
    }
    out
}

/// The cursors `strip_inline` uses on one line. Each is asked from positions that never go
/// back: link openers and `<` are met left to right, and the `]` closing a link text can only
/// move right as its opener does.
struct Closers {
    /// The `]` ending a link text.
    text: NextOf,
    /// The `)` ending `(url)`.
    url: NextOf,
    /// The `]` ending `[ref]`.
    reference: NextOf,
    /// The `>` ending `<url>`.
    angle: NextOf,
    /// An `@` inside `<...>` (a mail address).
    at: NextOf,
}

impl Default for Closers {
    fn default() -> Self {
        Closers {
            text: NextOf::new(']'),
            url: NextOf::new(')'),
            reference: NextOf::new(']'),
            angle: NextOf::new('>'),
            at: NextOf::new('@'),
        }
    }
}

/// Finds the first `target` at or after a position. Positions asked must not decrease; then
/// the answer is reused while it lies ahead, and each stretch of the line is read at most once
/// however many times the cursor is asked.
struct NextOf {
    target: char,
    /// First index ≥ the last position asked holding `target`, or the line's length if none;
    /// `None` before the first question.
    found: Option<usize>,
    last_from: usize,
}

impl NextOf {
    fn new(target: char) -> Self {
        NextOf {
            target,
            found: None,
            last_from: 0,
        }
    }

    fn find(&mut self, chars: &[char], from: usize) -> Option<usize> {
        debug_assert!(from >= self.last_from, "NextOf asked to go back");
        self.last_from = from;
        let found = match self.found {
            Some(found) if found >= from => found,
            _ => chars
                .get(from..)
                .and_then(|rest| rest.iter().position(|&c| c == self.target))
                .map_or(chars.len(), |p| from + p),
        };
        self.found = Some(found);
        (found < chars.len()).then_some(found)
    }
}

/// At `[`: the bracketed text and the index after `(url)` or `[ref]`, if this is a link.
fn link_at(chars: &[char], open: usize, find: &mut Closers) -> Option<(String, usize)> {
    let close = find.text.find(chars, open)?;
    let closer = match chars.get(close + 1)? {
        '(' => &mut find.url,
        '[' => &mut find.reference,
        _ => return None,
    };
    let end = closer.find(chars, close + 1)?;
    Some((chars[open + 1..close].iter().collect(), end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::DateSource;
    use crate::formats::{Format, parse_file};
    use std::path::Path;

    fn md(s: &str) -> Result<Article, Skip> {
        parse_file(Format::Markdown, Path::new("post.md"), s.as_bytes())
            .map(|mut p| p.articles.remove(0))
    }

    #[test]
    fn yaml_front_matter() {
        let a = md(
            "---\ntitle: \"Kyiv: a day\"\ndate: 2025-02-24\npubDate: 2025-02-25 10:00\n\
             authors:\n  - Jane Doe\n  - John Roe\nsource: Example Times\nlink: https://x.test/k\n\
             lang: uk\nkeywords: [war, diplomacy]\ndescription: not the body\n---\n\
             # Not the title\n\nSome **bold** and _em_ text with a [link](https://x.test) and \
             ![img](a.png) snake_case.\n\n- item one\n> quoted\n",
        )
        .unwrap();
        assert_eq!(a.title, "Kyiv: a day");
        let dates: Vec<_> = a.date_candidates.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(dates, ["2025-02-24", "2025-02-25 10:00"]);
        assert_eq!(a.date_candidates[0].source, DateSource::Metadata);
        assert_eq!(a.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(a.source.as_deref(), Some("Example Times"));
        assert_eq!(a.url.as_deref(), Some("https://x.test/k"));
        assert_eq!(a.language.as_deref(), Some("uk"));
        assert_eq!(a.tags, ["war", "diplomacy"]);
        assert_eq!(
            a.body,
            "Not the title\n\nSome bold and em text with a link and snake_case.\n\nitem one\nquoted"
        );
    }

    #[test]
    fn yaml_non_string_date_and_author_string() {
        let a = md("---\ndate: 20250224\nauthor: Jane Doe and John Roe\n---\nText.\n").unwrap();
        assert_eq!(a.date_candidates[0].text, "20250224");
        assert_eq!(a.authors, ["Jane Doe", "John Roe"]);
        assert_eq!(a.title, "Text.");
    }

    #[test]
    fn toml_front_matter() {
        let a = md(
            "+++\ntitle = \"Budget passes\"\ndate = 2025-02-24T10:00:00Z\n\
             authors = [\"Ann Poe\"]\npublisher = \"Gazette\"\ntags = [\"budget\"]\n+++\n\
             The budget passed.\n",
        )
        .unwrap();
        assert_eq!(a.title, "Budget passes");
        assert_eq!(a.date_candidates[0].text, "2025-02-24T10:00:00Z");
        assert_eq!(a.authors, ["Ann Poe"]);
        assert_eq!(a.source.as_deref(), Some("Gazette"));
        assert_eq!(a.tags, ["budget"]);
        assert_eq!(a.body, "The budget passed.");
    }

    #[test]
    fn heading_title_without_front_matter() {
        let a = md("Intro line\n\n# The Headline #\n\nBody with `code`.\n\n```\nlet x = 1;\n```\n")
            .unwrap();
        assert_eq!(a.title, "The Headline");
        assert_eq!(a.body, "Intro line\n\nBody with code.\n\nlet x = 1;");
        let a = md("Plain first line\nmore").unwrap();
        assert_eq!(a.title, "Plain first line");
    }

    #[test]
    fn broken_front_matter() {
        let e = md("---\ntitle: x\nno end\n").unwrap_err();
        assert_eq!(e.reason, SkipReason::Malformed);
        assert_eq!(
            e.detail,
            "front matter: no closing `---` for the block opened at line 1"
        );
        let e = md("---\ntitle: [unclosed\ndate: x\n---\nbody\n").unwrap_err();
        assert_eq!(e.reason, SkipReason::Malformed);
        assert!(e.detail.starts_with("front matter: line "), "{}", e.detail);
        let e = md("---\ntitle: a\n  bad: indent\n---\nbody\n").unwrap_err();
        assert_eq!(
            e.detail,
            "front matter: line 3: mapping values are not allowed in this context"
        );
        let dup = md("---\ntitle: First\ntitle: Second\n---\nbody\n").unwrap();
        assert_eq!(dup.title, "First");
        let e = md("+++\ntitle = \n+++\nbody\n").unwrap_err();
        assert!(
            e.detail.starts_with("front matter: line 2: "),
            "{}",
            e.detail
        );
        let e = md("---\n- a\n- b\n---\nbody\n").unwrap_err();
        assert_eq!(
            e.detail,
            "front matter: expected `key: value` pairs, found an array"
        );
        // A headline-only brief is an article; front matter with neither title nor text is not.
        let brief = md("---\ntitle: Only\n---\n\n").unwrap();
        assert_eq!((brief.title.as_str(), brief.body.as_str()), ("Only", ""));
        let e = md("---\ndate: 2025-01-01\n---\n\n").unwrap_err();
        assert_eq!(e.reason, SkipReason::NoText);
    }

    #[test]
    fn links_and_autolinks() {
        let strip = strip_inline;
        assert_eq!(
            strip("see [the report](https://x.test/r) now"),
            "see the report now"
        );
        assert_eq!(
            strip("see [the report][1] and [a [b](c) d"),
            "see the report and a [b d"
        );
        assert_eq!(strip("![chart](c.png)[x] [y](z"), "[x] [y](z");
        assert_eq!(
            strip("mail <ed@x.test> or <https://x.test> not <b>"),
            "mail ed@x.test or https://x.test not <b>"
        );
        assert_eq!(strip("[[a](b)](c) <<http://x>"), "[a](c) <http://x");
        assert_eq!(strip("a < b and [c] > d"), "a < b and [c] > d");
    }

    /// Markup stripping is linear: a long line of unclosed (or once-closed) brackets used to
    /// take seconds per 200 KB.
    #[test]
    fn bracket_floods_are_linear() {
        // Linear, not quadratic: four times the input may cost about four times the work, never
        // sixteen. A ratio of two sizes in one run (best of three each), not a wall-clock bound,
        // so a loaded machine slows both sides alike.
        let shapes: [fn(usize) -> String; 6] = [
            |n| "[".repeat(n),
            |n| "<".repeat(n),
            |n| format!("{}]", "[".repeat(n)),
            |n| format!("{}>", "<".repeat(n)),
            |n| format!("{}](", "[".repeat(n)),
            |n| "[a](".repeat(n / 4),
        ];
        let best_of_three = |line: &str| {
            (0..3)
                .map(|_| {
                    let started = std::time::Instant::now();
                    let a = md(&format!("Title\n\n{line}\n")).unwrap();
                    assert!(a.body.len() >= line.len() / 2, "{}", a.body.len());
                    started.elapsed()
                })
                .min()
                .unwrap()
        };
        let small = 1 << 16;
        for shape in shapes {
            let (short, long) = (shape(small), shape(4 * small));
            let ratio =
                best_of_three(&long).as_secs_f64() / best_of_three(&short).as_secs_f64().max(1e-6);
            assert!(
                ratio < 10.0,
                "x{ratio:.1} for 4x a line starting {:?}",
                &short[..4]
            );
        }
    }
}
