//! Text with its paragraphs from markup: HTML carried as escaped text (RSS `description`,
//! `content:encoded`, Atom `type="html"`) and element trees (NITF `body.content`, XHTML,
//! Atom `type="xhtml"`).
//!
//! Feed content is a fragment, not a page: there is no chrome to remove, so the page extractor
//! (`formats/html.rs`, which wants a whole page and gives up on a two-line summary) is the
//! wrong tool. Block elements become paragraph breaks, `<br>` a line break, white space inside
//! a paragraph collapses as a browser would, scripts and styles are dropped.

use super::tree::{Element, Node};

/// Elements that start a new paragraph (HTML and NITF names).
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hl1",
    "hl2",
    "blockquote",
    "bq",
    "block",
    "pre",
    "table",
    "tr",
    "section",
    "article",
    "figure",
    "figcaption",
    "header",
    "footer",
    "aside",
    "hr",
    "note",
    "fn",
    "media",
    "media-caption",
    "tagline",
    "nitf-table",
];

/// Elements whose content is not text.
const SKIPPED: &[&str] = &["script", "style", "head", "media-reference", "media-object"];

/// Collects text as paragraphs, collapsing white space inside each.
#[derive(Default)]
pub(super) struct Paragraphs {
    out: String,
    /// A space is owed before the next word.
    space: bool,
    /// A break is owed before the next word: 1 line break, 2 paragraph break.
    breaks: u8,
}

impl Paragraphs {
    pub(super) fn text(&mut self, text: &str) {
        let starts_ws = text.starts_with(char::is_whitespace);
        let mut first = true;
        for word in text.split_whitespace() {
            if !self.out.is_empty() {
                if self.breaks > 0 {
                    self.out
                        .push_str(if self.breaks > 1 { "\n\n" } else { "\n" });
                } else if self.space || !first || starts_ws {
                    self.out.push(' ');
                }
            }
            self.breaks = 0;
            self.space = false;
            first = false;
            self.out.push_str(word);
        }
        if text.ends_with(char::is_whitespace) && !self.out.is_empty() {
            self.space = true;
        }
    }

    pub(super) fn paragraph(&mut self) {
        self.breaks = 2;
    }

    fn line(&mut self) {
        self.breaks = self.breaks.max(1);
    }

    pub(super) fn finish(self) -> String {
        self.out
    }
}

/// The text of an element tree, a paragraph per block element.
pub(super) fn tree_text(e: &Element) -> String {
    let mut p = Paragraphs::default();
    push_tree(e, &mut p);
    p.finish()
}

pub(super) fn push_tree(e: &Element, p: &mut Paragraphs) {
    for node in &e.children {
        match node {
            Node::Text(t) => p.text(t),
            Node::Element(child) => push_element(child, p),
        }
    }
}

fn push_element(e: &Element, p: &mut Paragraphs) {
    let name = e.name.to_ascii_lowercase();
    if SKIPPED.contains(&name.as_str()) {
        return;
    }
    if name == "br" {
        p.line();
        return;
    }
    let block = BLOCKS.contains(&name.as_str());
    if block {
        p.paragraph();
    }
    push_tree(e, p);
    if block {
        p.paragraph();
    }
}

/// The text of an HTML fragment given as a string. Never fails: what does not look like a
/// tag is text.
pub(super) fn html_text(html: &str) -> String {
    let mut p = Paragraphs::default();
    let mut rest = html;
    while let Some(i) = rest.find(['<', '&']) {
        p.text(&rest[..i]);
        rest = &rest[i..];
        if rest.starts_with('&') {
            let (text, len) = entity(rest);
            p.text(text.as_deref().unwrap_or("&"));
            rest = &rest[len..];
            continue;
        }
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |j| &after[j + 3..]);
            continue;
        }
        let Some(end) = rest.find('>') else {
            p.text(rest);
            rest = "";
            break;
        };
        let tag = &rest[1..end];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':')
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            // "a < b": not a tag.
            p.text("<");
            rest = &rest[1..];
            continue;
        }
        rest = &rest[end + 1..];
        if !closing && SKIPPED.contains(&name.as_str()) && !tag.ends_with('/') {
            let close = format!("</{name}");
            rest = find_ci(rest, &close).map_or("", |j| {
                let after = &rest[j..];
                after.find('>').map_or("", |k| &after[k + 1..])
            });
        } else if name == "br" {
            p.line();
        } else if BLOCKS.contains(&name.as_str()) {
            p.paragraph();
        }
    }
    p.text(rest);
    p.finish()
}

/// Case-insensitive ASCII find.
fn find_ci(haystack: &str, needle: &str) -> Option<usize> {
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// The text of an entity reference at the start of `s` and its length; `None` text (and
/// length 1) when it is not one, so the `&` stays.
fn entity(s: &str) -> (Option<String>, usize) {
    let Some(end) = s.get(1..).and_then(|t| t.find(';')).filter(|&e| e <= 32) else {
        return (None, 1);
    };
    let name = &s[1..end + 1];
    let text = if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse().ok(),
        };
        code.and_then(char::from_u32)
            .filter(|&c| c != '\0')
            .map(String::from)
    } else {
        super::tree::resolve_entity(name).map(str::to_string)
    };
    match text {
        Some(t) => (Some(t), end + 2),
        None => (None, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_fragments_keep_paragraphs_and_decode_entities() {
        let html = "<p>First  para\n with <b>bold</b> text.</p><p>Second &amp; last&#8217;s\
                    <br/>line</p><script>var x = '<p>';</script><!-- note --><div>Third &nope; 3 < 4</div>";
        assert_eq!(
            html_text(html),
            "First para with bold text.\n\nSecond & last’s\nline\n\nThird &nope; 3 < 4"
        );
        assert_eq!(html_text("plain text only"), "plain text only");
        assert_eq!(html_text("<p>unclosed <a href='x'"), "unclosed <a href='x'");
        assert_eq!(html_text("x&#0;y &#xD800; &amp"), "x&#0;y &#xD800; &amp");
    }

    #[test]
    fn element_trees_keep_paragraphs() {
        let root = super::super::tree::parse(
            "<body.content><p>One <person>Jane  Doe</person> said.</p>\n<p>Two</p>\
             <media><media-reference source='x.jpg'/><media-caption>Cap</media-caption></media></body.content>",
        )
        .unwrap();
        assert_eq!(tree_text(&root), "One Jane Doe said.\n\nTwo\n\nCap");
    }
}
