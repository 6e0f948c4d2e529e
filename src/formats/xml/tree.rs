//! A small owned element tree read with quick-xml: what the feed, NITF and NewsML-G2 readers
//! query. Names are matched by local name (the namespace is kept for the few places where it
//! tells formats apart); text keeps its character references resolved.

use crate::skip::{Skip, SkipReason};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::{NsReader, XmlVersion};

/// Deeper nesting than this is refused: no news document needs it, and the readers recurse.
const MAX_DEPTH: usize = 256;

#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Element {
    /// Namespace URI, empty when none is bound.
    pub(crate) ns: String,
    /// Local name (`encoded` for `content:encoded`).
    pub(crate) name: String,
    /// The prefix as written, for messages.
    pub(crate) prefix: String,
    /// Attributes by local name (`xml:lang` is `lang`), values unescaped.
    pub(crate) attrs: Vec<(String, String)>,
    pub(crate) children: Vec<Node>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// `prefix:name` as written.
    pub(crate) fn qualified(&self) -> String {
        if self.prefix.is_empty() {
            self.name.clone()
        } else {
            format!("{}:{}", self.prefix, self.name)
        }
    }

    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    }

    pub(crate) fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Child elements with this local name.
    pub(crate) fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements().filter(move |e| e.name == name)
    }

    /// The first child element with this local name.
    pub(crate) fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The first child element along a path of local names.
    pub(crate) fn path(&self, names: &[&str]) -> Option<&Element> {
        names.iter().try_fold(self, |e, name| e.child(name))
    }

    /// The trimmed text of the first child with this name, if not empty.
    pub(crate) fn child_text(&self, name: &str) -> Option<String> {
        self.elements()
            .filter(|e| e.name == name)
            .find_map(Element::text_nonempty)
    }

    /// Every element below this one (not itself) with this local name, in document order.
    pub(crate) fn descendants<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            }
            e.descendants(name, out);
        }
    }

    /// All text below this element, concatenated as written.
    pub(crate) fn text(&self) -> String {
        let mut out = String::new();
        self.push_text(&mut out);
        out
    }

    pub(crate) fn text_nonempty(&self) -> Option<String> {
        let t = super::super::collapse_ws(&self.text());
        (!t.is_empty()).then_some(t)
    }

    fn push_text(&self, out: &mut String) {
        for node in &self.children {
            match node {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.push_text(out),
            }
        }
    }
}

/// Reads `text` into its root element. Syntax errors say where they are.
pub(crate) fn parse(text: &str) -> Result<Element, Skip> {
    let mut reader = NsReader::from_str(text);
    let mut stack: Vec<Element> = Vec::new();
    let malformed = |detail: String| Skip::new(SkipReason::Malformed, detail);
    loop {
        let (ns, event) = match reader.read_resolved_event() {
            Ok((ns, event)) => (namespace(ns), event),
            Err(e) => {
                let at = position(text, reader.error_position() as usize);
                return Err(malformed(format!("{at}: {e}")));
            }
        };
        match event {
            Event::Start(_) if stack.len() >= MAX_DEPTH => {
                return Err(malformed(format!(
                    "elements nested deeper than {MAX_DEPTH} levels"
                )));
            }
            Event::Start(start) => stack.push(element(ns, &start)),
            Event::Empty(start) => {
                let e = element(ns, &start);
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(e)),
                    None => return Ok(e),
                }
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else { continue };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(Node::Element(done)),
                    None => return Ok(done),
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t),
            Event::GeneralRef(r) => {
                let name = r.to_string();
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => resolve_entity(&name)
                        .map(str::to_string)
                        .unwrap_or_else(|| format!("&{name};")),
                };
                push_text(&mut stack, &resolved);
            }
            Event::Eof => {
                return Err(malformed(match stack.last() {
                    Some(open) => format!("the document ends inside <{}>", open.qualified()),
                    None => "no root element".to_string(),
                }));
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
        }
    }
}

fn namespace(ns: ResolveResult<'_>) -> String {
    match ns {
        ResolveResult::Bound(ns) => ns.as_ref().to_string(),
        ResolveResult::Unbound | ResolveResult::Unknown(_) => String::new(),
    }
}

fn element(ns: String, start: &BytesStart<'_>) -> Element {
    let qname = start.name();
    let name = qname.local_name().as_ref().to_string();
    let prefix = qname
        .prefix()
        .map(|p| p.as_ref().to_string())
        .unwrap_or_default();
    let attrs = start
        .attributes()
        .flatten()
        .map(|a| {
            let key = a.key.local_name().as_ref().to_string();
            let value = a
                .normalized_value_with(XmlVersion::Implicit1_0, 1, resolve_entity)
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| a.value.to_string());
            (key, value)
        })
        .collect();
    Element {
        ns,
        name,
        prefix,
        attrs,
        children: Vec::new(),
    }
}

/// Text outside the root (white space, mostly) is dropped.
fn push_text(stack: &mut [Element], text: &str) {
    let Some(open) = stack.last_mut() else { return };
    match open.children.last_mut() {
        Some(Node::Text(prev)) => prev.push_str(text),
        _ => open.children.push(Node::Text(text.to_string())),
    }
}

/// The XML entities, and the HTML names news DTDs declare most (NITF's DTD includes the
/// HTML entity sets); anything else is left as written.
pub(super) fn resolve_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "apos" => "'",
        "quot" => "\"",
        "nbsp" => "\u{a0}",
        "mdash" => "—",
        "ndash" => "–",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "laquo" => "«",
        "raquo" => "»",
        "bull" => "•",
        "middot" => "·",
        "deg" => "°",
        "copy" => "©",
        "reg" => "®",
        "trade" => "™",
        "euro" => "€",
        "pound" => "£",
        "eacute" => "é",
        "egrave" => "è",
        "aacute" => "á",
        "oacute" => "ó",
        "iacute" => "í",
        "uacute" => "ú",
        "ntilde" => "ñ",
        "uuml" => "ü",
        "ouml" => "ö",
        "auml" => "ä",
        "ccedil" => "ç",
        _ => return None,
    })
}

/// "line 3, column 7" for a byte offset.
fn position(text: &str, offset: usize) -> String {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("line {line}, column {column}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_attributes_and_references() {
        let root = parse(
            "<?xml version=\"1.0\"?><!DOCTYPE nitf SYSTEM \"nitf.dtd\">\
             <a xmlns='urn:x' xmlns:c='urn:c' xml:lang='en'><c:b k=\"1 &amp; 2\">x &amp; y&#233;&nbsp;&mdash;&unknown;\
             <![CDATA[<p>z</p>]]></c:b></a>",
        )
        .unwrap();
        assert_eq!((root.ns.as_str(), root.name.as_str()), ("urn:x", "a"));
        assert_eq!(root.attr("lang"), Some("en"));
        let b = root.child("b").unwrap();
        assert_eq!((b.ns.as_str(), b.qualified()), ("urn:c", "c:b".to_string()));
        assert_eq!(b.attr("k"), Some("1 & 2"));
        assert_eq!(b.text(), "x & yé\u{a0}—&unknown;<p>z</p>");
    }

    #[test]
    fn malformed_documents_say_where() {
        let e = parse("<a>\n<b></c></a>").unwrap_err();
        assert_eq!(e.reason, SkipReason::Malformed);
        assert!(e.detail.starts_with("line 2, column "), "{}", e.detail);
        let e = parse("<a><b>text").unwrap_err();
        assert_eq!(e.detail, "the document ends inside <b>");
        assert_eq!(parse("just text").unwrap_err().detail, "no root element");
        let deep = "<a>".repeat(MAX_DEPTH + 5);
        assert!(parse(&deep).unwrap_err().detail.contains("nested deeper"));
    }

    #[test]
    fn internal_entity_declarations_are_not_expanded() {
        let bomb =
            "<!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><r>&b;</r>";
        assert_eq!(parse(bomb).unwrap().text(), "&b;");
    }
}
