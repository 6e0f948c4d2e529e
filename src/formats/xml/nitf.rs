//! NITF 3.x: one article per document (also when inline in a NewsML-G2 item).
//!
//! | field | from |
//! | --- | --- |
//! | title | `hedline/hl1`, else `head/title` |
//! | authors | `byline` (its `person`s, else its text without `byttl`) |
//! | body | `dateline` as the first line, then `body.content` paragraphs (else `abstract`) |
//! | date | `docdata/date.issue@norm`, `date.release@norm`, `pubdata@date.publication`, `story.date@norm` |
//! | source | `distributor`, else `doc.copyright@holder`, else `pubdata@name` |
//! | tags | `tobject.subject` (detail, else matter, else type), `key-list/keyword@key` |
//! | markup entities | `person`, `org`, `location`, `event` in the body and in `identified-content` |
//!
//! NITF dates are ISO 8601 basic ("20250224T103000+0000"), which [`norm_date`] rewrites in
//! the extended form the date parser reads.

use super::ParsedFile;
use super::html_text::{Paragraphs, push_tree};
use super::tree::Element;
use crate::article::{Article, DateCandidate, DateSource, EntityKind, MarkedName};
use crate::formats::{collapse_ws, split_authors};
use crate::skip::Skip;

pub(super) fn parse(root: &Element) -> Result<ParsedFile, Skip> {
    Ok(ParsedFile {
        articles: vec![article(root)],
        ..ParsedFile::default()
    })
}

/// The article of an `<nitf>` element.
pub(super) fn article(nitf: &Element) -> Article {
    let head = nitf.child("head");
    let body = nitf.child("body");
    let body_head = body.and_then(|b| b.child("body.head"));
    let docdata = head.and_then(|h| h.child("docdata"));
    let title = body_head
        .and_then(|h| h.path(&["hedline", "hl1"]))
        .and_then(Element::text_nonempty)
        .or_else(|| head.and_then(|h| h.child_text("title")))
        .unwrap_or_default();
    let byline = body_head.and_then(|h| h.child("byline"));
    let authors = byline.map(byline_authors).unwrap_or_default();
    let dateline = body_head
        .and_then(|h| h.child("dateline"))
        .and_then(Element::text_nonempty);
    let mut text = body
        .and_then(|b| b.child("body.content"))
        .map(body_text)
        .unwrap_or_default();
    if text.is_empty() {
        text = body_head
            .and_then(|h| h.child("abstract"))
            .map(body_text)
            .unwrap_or_default();
    }
    if let Some(dateline) = &dateline {
        text = format!("{dateline}\n\n{text}");
    }
    let mut dates = Vec::new();
    let mut date = |value: Option<&str>| {
        if let Some(v) = value {
            dates.push(DateCandidate::new(DateSource::Metadata, norm_date(v)));
        }
    };
    if let Some(d) = docdata {
        date(d.child("date.issue").and_then(|e| e.attr("norm")));
        date(d.child("date.release").and_then(|e| e.attr("norm")));
    }
    let pubdata = head.and_then(|h| h.child("pubdata"));
    date(pubdata.and_then(|p| p.attr("date.publication")));
    let mut story_dates = Vec::new();
    if let Some(b) = body {
        b.descendants("story.date", &mut story_dates);
    }
    date(story_dates.first().and_then(|e| e.attr("norm")));
    let source = body_head
        .and_then(|h| h.child_text("distributor"))
        .or_else(|| {
            docdata
                .and_then(|d| d.child("doc.copyright"))
                .and_then(|c| c.attr("holder"))
                .map(str::to_string)
        })
        .or_else(|| pubdata.and_then(|p| p.attr("name")).map(str::to_string));
    let mut tags = Vec::new();
    if let Some(h) = head {
        let mut subjects = Vec::new();
        h.descendants("tobject.subject", &mut subjects);
        tags.extend(subjects.iter().filter_map(|s| {
            [
                "tobject.subject.detail",
                "tobject.subject.matter",
                "tobject.subject.type",
            ]
            .iter()
            .find_map(|a| s.attr(a))
            .map(str::to_string)
        }));
    }
    if let Some(keys) = docdata.and_then(|d| d.child("key-list")) {
        tags.extend(
            keys.all("keyword")
                .filter_map(|k| k.attr("key").map(str::to_string)),
        );
    }
    let mut markup = Vec::new();
    if let Some(ids) = docdata.and_then(|d| d.child("identified-content")) {
        marked_names(ids, &mut markup);
    }
    if let Some(b) = body {
        marked_names(b, &mut markup);
    }
    Article {
        title,
        body: text,
        date_candidates: dates,
        source,
        authors,
        language: nitf.attr("lang").map(str::to_string),
        tags,
        markup,
        ..Article::default()
    }
}

/// The paragraphs of `body.content` (or any NITF block).
pub(super) fn body_text(e: &Element) -> String {
    let mut p = Paragraphs::default();
    push_tree(e, &mut p);
    p.finish()
}

/// "By <person>Jane Doe</person> and <person>Li Wei</person>, <byttl>Staff</byttl>": the
/// marked persons, else the text without the title line, split into names.
fn byline_authors(byline: &Element) -> Vec<String> {
    let people: Vec<String> = byline
        .all("person")
        .filter_map(Element::text_nonempty)
        .collect();
    if !people.is_empty() {
        return people;
    }
    let text: String = byline
        .children
        .iter()
        .filter_map(|n| match n {
            super::tree::Node::Text(t) => Some(t.clone()),
            super::tree::Node::Element(e) if e.name != "byttl" => Some(e.text()),
            super::tree::Node::Element(_) => None,
        })
        .collect();
    split_authors(&text)
}

/// The names the document marks up, in order. A byline's `person` is the reporter and a
/// distributor's `org` the agency (author and source, not what the story is about), so both
/// are left out. A `location` made of
/// parts (`city`, `region`, `country`) names each part.
fn marked_names(e: &Element, out: &mut Vec<MarkedName>) {
    for child in e.elements() {
        let kind = match child.name.as_str() {
            "person" => Some(EntityKind::Person),
            "org" => Some(EntityKind::Org),
            "location" => Some(EntityKind::Place),
            "event" => Some(EntityKind::Event),
            // The reporter and the distributing agency: authors and source, not subjects.
            "byline" | "distributor" => continue,
            _ => None,
        };
        let parts: Vec<&Element> = child
            .elements()
            .filter(|p| matches!(p.name.as_str(), "city" | "state" | "region" | "country"))
            .collect();
        match kind {
            Some(EntityKind::Place) if !parts.is_empty() => {
                for part in parts {
                    push_name(EntityKind::Place, part, out);
                }
            }
            Some(kind) => push_name(kind, child, out),
            None => marked_names(child, out),
        }
    }
}

fn push_name(kind: EntityKind, e: &Element, out: &mut Vec<MarkedName>) {
    // `value` holds a normalised name when the text is a variant ("the Fed").
    let name = e
        .text_nonempty()
        .map(|t| collapse_ws(t.trim_matches([',', ';', '.', ' '])))
        .filter(|t| !t.is_empty());
    if let Some(name) = name {
        out.push(MarkedName { kind, name });
    }
}

/// ISO 8601 basic ("20250224", "20250224T1030", "20250224T103000+0000", "...Z") to the
/// extended form ("2025-02-24T10:30:00+00:00"); anything else is returned as written.
pub(super) fn norm_date(norm: &str) -> String {
    let s = norm.trim();
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let (day, rest) = s.split_at(s.len().min(8));
    if day.len() != 8 || !digits(day) {
        return s.to_string();
    }
    let date = format!("{}-{}-{}", &day[..4], &day[4..6], &day[6..8]);
    let Some(rest) = rest.strip_prefix('T') else {
        return if rest.is_empty() { date } else { s.to_string() };
    };
    let zone_at = rest.find(['+', '-', 'Z']).unwrap_or(rest.len());
    let (time, zone) = rest.split_at(zone_at);
    if !(time.len() == 4 || time.len() == 6) || !digits(time) {
        return s.to_string();
    }
    let seconds = time.get(4..6).unwrap_or("00");
    let zone = match zone {
        "" | "Z" => zone.to_string(),
        z if z.len() == 5 && digits(&z[1..]) => format!("{}:{}", &z[..3], &z[3..]),
        z if z.len() == 6 && &z[3..4] == ":" => z.to_string(),
        _ => return s.to_string(),
    };
    format!("{date}T{}:{}:{seconds}{zone}", &time[..2], &time[2..4])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_dates_become_extended_iso() {
        assert_eq!(norm_date("20250224"), "2025-02-24");
        assert_eq!(norm_date("20250224T1030"), "2025-02-24T10:30:00");
        assert_eq!(
            norm_date("20250224T103000+0100"),
            "2025-02-24T10:30:00+01:00"
        );
        assert_eq!(norm_date("20250224T103000Z"), "2025-02-24T10:30:00Z");
        assert_eq!(norm_date("2025-02-24"), "2025-02-24");
        assert_eq!(norm_date("20250224Tnoon"), "20250224Tnoon");
        assert_eq!(norm_date("2025"), "2025");
    }

    #[test]
    fn fields_and_markup() {
        let root = super::super::tree::parse(
            "<nitf xml:lang='en'><head><title>Head title</title>\
             <tobject><tobject.subject tobject.subject.type='Weather' tobject.subject.matter='Floods'/></tobject>\
             <docdata><doc-id id-string='CW-1'/><date.issue norm='20250408T0600-0400'/>\
             <key-list><keyword key='River Alder'/></key-list>\
             <identified-content><org>Riverland Water Board</org></identified-content></docdata></head>\
             <body><body.head><hedline><hl1>River Alder rises</hl1></hedline>\
             <byline>By <person>Mara Ellis</person>, <byttl>Staff</byttl></byline>\
             <distributor><org>Continental Wire</org></distributor>\
             <dateline><location><city>MILLBROOK</city>, <country>Riverland</country></location></dateline></body.head>\
             <body.content><p>Mayor <person>Tomas Quill</person> spoke.</p><p>Two.</p></body.content></body></nitf>",
        )
        .unwrap();
        let a = article(&root);
        assert_eq!(a.title, "River Alder rises");
        assert_eq!(a.authors, ["Mara Ellis"]);
        assert_eq!(
            a.body,
            "MILLBROOK, Riverland\n\nMayor Tomas Quill spoke.\n\nTwo."
        );
        assert_eq!(a.date_candidates[0].text, "2025-04-08T06:00:00-04:00");
        assert_eq!(a.source.as_deref(), Some("Continental Wire"));
        assert_eq!(a.tags, ["Floods", "River Alder"]);
        assert_eq!(a.language.as_deref(), Some("en"));
        let names: Vec<_> = a.markup.iter().map(|m| (m.kind, m.name.as_str())).collect();
        assert_eq!(
            names,
            [
                (EntityKind::Org, "Riverland Water Board"),
                (EntityKind::Place, "MILLBROOK"),
                (EntityKind::Place, "Riverland"),
                (EntityKind::Person, "Tomas Quill"),
            ]
        );
    }
}
