//! Names the source marks up itself (NITF `<person>`, `<org>`, `<location>`, `<event>`):
//! mentions with provenance "markup", canonicalised through the alias lists like any other.
//!
//! The source knows its own names better than the tagger does: every place the marked name
//! appears in title or body becomes a markup mention, replacing whatever the gazetteer or the
//! tagger read there, and its kind holds for the whole article (`resolve`). A marked name the
//! text does not contain as written (markup in `identified-content`, a name broken across
//! lines) still counts once, so it is never lost.

use super::lexicon::Lexicon;
use super::mentions::{ArticleState, Mention};
use crate::article::MarkedName;

/// Adds the markup mentions; call after passes 1 and 2 and before resolution.
pub(super) fn apply<'a>(
    lex: &'a Lexicon,
    title: &'a str,
    body: &'a str,
    markup: &'a [MarkedName],
    art: &mut ArticleState<'a>,
) {
    // Beyond every position in title and body, so placeless mentions stay unique.
    let mut placeless = title.len() + body.len() + 2;
    for (i, marked) in markup.iter().enumerate() {
        let name = marked.name.as_str();
        if name.is_empty()
            || markup[..i]
                .iter()
                .any(|m| m.kind == marked.kind && m.name == name)
        {
            continue;
        }
        // The gazetteer's name for it, else the name as marked (a dateline's capitals,
        // "MILLBROOK", read as a name's: "Millbrook").
        let canonical = lex.canonical_for(marked.kind, name, art.when());
        let gazetteer = lex.knows(marked.kind, name, art.when());
        let mut found = false;
        for (text, base) in [(title, 0), (body, title.len() + 1)] {
            for s in occurrences(text, name) {
                let (pos, end) = (base + s, base + s + name.len());
                let overlaps = |m: &Mention<'_>| !m.removed && m.pos < end && pos < m.end;
                if art.mentions.iter().any(|m| m.markup && overlaps(m)) {
                    continue;
                }
                for m in art.mentions.iter_mut().filter(|m| overlaps(m)) {
                    m.removed = true;
                }
                let surface = &text[s..s + name.len()];
                art.mentions.push(Mention {
                    markup: true,
                    ..Mention::new(
                        pos,
                        end,
                        marked.kind,
                        canonical.clone(),
                        surface,
                        surface,
                        gazetteer,
                    )
                });
                found = true;
            }
        }
        if !found {
            art.mentions.push(Mention {
                markup: true,
                ..Mention::new(
                    placeless,
                    placeless + 1,
                    marked.kind,
                    canonical,
                    name,
                    name,
                    gazetteer,
                )
            });
            placeless += 2;
        }
    }
}

/// Byte offsets where `name` stands in `text` as whole words.
pub(super) fn occurrences<'t>(text: &'t str, name: &'t str) -> impl Iterator<Item = usize> + 't {
    text.match_indices(name).map(|(s, _)| s).filter(move |&s| {
        let before = text[..s].chars().next_back();
        let after = text[s + name.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::super::tests::{builtin, find};
    use crate::article::{EntityKind, MarkedName, Provenance};

    fn marked(kind: EntityKind, name: &str) -> MarkedName {
        MarkedName {
            kind,
            name: name.to_string(),
        }
    }

    #[test]
    fn markup_merges_with_extraction_under_the_canonical_name() {
        let body = "President Putin met Tomas Quill of the Riverland Water Board. \
                    Putin left; Quill stayed. MILLBROOK was quiet.";
        let markup = [
            marked(EntityKind::Person, "Putin"),
            marked(EntityKind::Person, "Tomas Quill"),
            marked(EntityKind::Org, "Riverland Water Board"),
            marked(EntityKind::Place, "MILLBROOK"),
            marked(EntityKind::Event, "Harvest Games"),
        ];
        let (es, _) = builtin().extract_tagged("", body, &markup, Some(2025));
        let putin = find(&es, EntityKind::Person, "Vladimir Putin").unwrap();
        assert_eq!((putin.mentions, putin.provenance), (2, Provenance::Markup));
        let quill = find(&es, EntityKind::Person, "Tomas Quill").unwrap();
        assert_eq!((quill.mentions, quill.provenance), (2, Provenance::Markup));
        assert_eq!(
            es.iter().filter(|e| e.canonical.contains("Quill")).count(),
            1
        );
        assert!(find(&es, EntityKind::Org, "Riverland Water Board").is_some());
        // Found under its canonical name; a name in capitals adds no alias (issue 16).
        let place = find(&es, EntityKind::Place, "Millbrook").unwrap();
        assert!(place.aliases.is_empty(), "{:?}", place.aliases);
        // Not in the text at all: still kept, once.
        let games = find(&es, EntityKind::Event, "Harvest Games").unwrap();
        assert_eq!(games.mentions, 1);
        assert!(
            es.iter()
                .filter(|e| e.canonical != "Vladimir Putin" && e.kind == EntityKind::Person)
                .all(|e| e.provenance == Provenance::Markup),
            "{es:?}"
        );
    }

    #[test]
    fn markup_overrides_the_kind_the_text_suggests() {
        let body = "Alder Street said prices rose. Alder Street is a company.";
        let markup = [marked(EntityKind::Org, "Alder Street")];
        let (es, _) = builtin().extract_tagged("", body, &markup, None);
        let org = find(&es, EntityKind::Org, "Alder Street").unwrap();
        assert_eq!(org.mentions, 2);
        assert!(find(&es, EntityKind::Place, "Alder Street").is_none());
    }

    #[test]
    fn without_markup_entities_are_extracted() {
        let (es, _) = builtin().extract_tagged("", "Putin spoke in Moscow.", &[], None);
        assert!(es.iter().all(|e| e.provenance == Provenance::Extracted));
    }
}
