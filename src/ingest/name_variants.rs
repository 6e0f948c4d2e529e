//! One person under two full names across the archive: "Tony Benn" in some stories and
//! "Anthony Wedgwood Benn" in others, "J Noon" in rugby line-ups and "Jamie Noon" in match
//! reports. Within an article the entity extractor already makes such names one
//! (`enrich::entities::person_names`); here the archive's alias table carries the same
//! reading to the articles that write only the shorter form.
//!
//! Found from the index alone, like the rest of the table: the person names the index holds
//! (canonical names, and full names among their aliases, so that a link the table made is
//! still seen next run) are grouped by surname. A name the gazetteer does not list links to
//! the one name it can be (`person_names::one_person`) that the gazetteer lists, or else that
//! says more (more given names spelt out, then more initials; of as many, the one more
//! articles write: "Vince Cable" over "Vincent Cable"), when there is exactly one such in the archive: "J. Smith"
//! beside "John Smith" and "James Smith" links to neither. Across articles a familiar form is
//! no evidence by itself ("Joe Barton" the congressman, "Joey Barton" the footballer): it
//! counts only where some article wrote both forms of the name for one person. The link
//! holds within the years of the articles that name the fuller form (two years' margin, as
//! for surnames), so a name of 1975 does not become a namesake of 2005; and never where an
//! article names both as two people ("John Smith and his son John Michael Smith"). A name
//! written without its accents is the accented one ("Andre Malraux", "André Malraux").

use std::collections::{BTreeMap, HashMap, HashSet};

use tantivy::collector::Count;
use tantivy::postings::TermInfo;
use tantivy::query::{BooleanQuery, Occur};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, InvertedIndexReader, Searcher, SegmentReader, TERMINATED};

use super::archive_aliases::term_query;

use crate::article::EntityKind;
use crate::enrich::entities::{
    FamiliarForms, nickname_forms, one_person, person_name_fullness, the_one_better_name,
};
use crate::enrich::gazetteer::Gazetteer;
use crate::index::MorgueIndex;
use crate::index::schema::ALIAS_SEPARATOR;

/// Distinct full names of one surname in the archive above which none of them is linked.
const MAX_NAMES_PER_SURNAME: usize = 40;

/// What the gazetteer says a full name is.
#[derive(Debug, PartialEq, Eq)]
enum Listed {
    No,
    /// One listed person, under this canonical name.
    As(String),
    /// Several listed persons ("George Bush"): the name is no one's to link.
    Ambiguous,
}

/// A shorter form of a person's name and the name it stands for in this archive.
pub(super) struct Variant {
    pub(super) name: String,
    pub(super) canonical: String,
    /// Articles naming it, as their canonical name or an alias.
    pub(super) articles: u64,
}

/// The archive's person names that stand for another name (see the module's comment).
pub(super) fn variants(
    index: &MorgueIndex,
    searcher: &Searcher,
    lists: &Gazetteer,
) -> tantivy::Result<Vec<Variant>> {
    // Full names with the articles that name them.
    let mut names: BTreeMap<String, u64> = BTreeMap::new();
    // Canonical name -> its aliases that are another full name some article wrote for the
    // same person.
    let mut written_together: HashMap<String, HashSet<String>> = HashMap::new();
    let kind = EntityKind::Person;
    for (field, is_pair) in [
        (index.fields.entity_name(kind), false),
        (index.fields.entity_alias(kind), true),
    ] {
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                let Ok(term) = std::str::from_utf8(stream.key()) else {
                    continue;
                };
                let name = match term.split_once(ALIAS_SEPARATOR) {
                    // "Earvin (Magic) Johnson" written for "Earvin Johnson": "Magic
                    // Johnson", where the archive names him so, is the same person.
                    Some((canonical, alias)) if is_pair && nickname_forms(alias).is_some() => {
                        if let Some([by_nickname, plain]) = nickname_forms(alias)
                            && one_person(&plain, canonical, FamiliarForms::Agree)
                        {
                            written_together
                                .entry(canonical.to_string())
                                .or_default()
                                .insert(by_nickname);
                        }
                        continue;
                    }
                    Some((canonical, alias))
                        if is_pair && one_person(alias, canonical, FamiliarForms::Agree) =>
                    {
                        written_together
                            .entry(canonical.to_string())
                            .or_default()
                            .insert(alias.to_string());
                        alias
                    }
                    None if !is_pair => term,
                    _ => continue,
                };
                if name.contains(' ') {
                    *names.entry(name.to_string()).or_default() +=
                        live_articles(segment, &inverted, stream.value())?;
                }
            }
        }
    }
    // What the gazetteer says a name is.
    let listed = |name: &str| -> Listed {
        let mut persons = lists.claiming(name).filter(|e| e.kind == kind);
        match (persons.next(), persons.next()) {
            (None, _) => Listed::No,
            (Some(one), None) => Listed::As(one.canonical.clone()),
            (Some(_), Some(_)) => Listed::Ambiguous,
        }
    };
    // By surname without its accents: "André Malraux" and "Andre Malraux" are one group.
    let mut folding =
        tantivy::tokenizer::TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default())
            .filter(tantivy::tokenizer::AsciiFoldingFilter)
            .build();
    let folded: HashMap<&str, String> = names
        .keys()
        .map(|n| (n.as_str(), fold(&mut folding, n)))
        .collect();
    let mut by_surname: HashMap<&str, Vec<&str>> = HashMap::new();
    for (name, plain) in &folded {
        if let Some(surname) = plain.rsplit(' ').next() {
            by_surname.entry(surname).or_default().push(name);
        }
    }
    for group in by_surname.values_mut() {
        group.sort_unstable();
    }
    // The same name with and without its accents: the accented spelling is the name.
    let accented_twin = |d: &str, c: &str| folded[d] == folded[c] && !d.is_ascii() && c.is_ascii();
    let mut out = Vec::new();
    // A surname so common that the archive holds many full names of it ("Smith") is left
    // alone: which "J. Smith" is which is a guess, and comparing them all costs the square.
    let groups = by_surname
        .values()
        .filter(|g| g.len() > 1 && g.len() <= MAX_NAMES_PER_SURNAME);
    for group in groups {
        let listed_as: HashMap<&str, Listed> =
            group.iter().map(|name| (*name, listed(name))).collect();
        let together = |a: &str, b: &str| written_together.get(a).is_some_and(|s| s.contains(b));
        let one = |c: &str, d: &str| {
            one_person(c, d, FamiliarForms::Differ)
                || together(c, d)
                || together(d, c)
                || accented_twin(d, c)
        };
        let measure = |name: &str| {
            let (spelt_out, given, letters) = person_name_fullness(name);
            (spelt_out, given, names[name], letters)
        };
        // Whether `d` is the better name of one person named `c` and `d`: a listed one, or
        // one that spells out more given names, or as many with more initials in at least
        // as many articles ("John A. Smith" of one story is not the "John Smith" of twenty).
        let above = |d: &str, c: &str| {
            d != c
                && match (&listed_as[d], &listed_as[c]) {
                    (Listed::As(_), Listed::No) => true,
                    (Listed::No, Listed::No) => {
                        let (md, mc) = (measure(d), measure(c));
                        (md > mc && (md.0 > mc.0 || md.2 >= mc.2)) || accented_twin(d, c)
                    }
                    _ => false,
                }
                && one(c, d)
        };
        for &c in group.iter().filter(|c| listed_as[**c] == Listed::No) {
            if let Some(one) = the_one_better_name(c, group, above)
                && !named_apart(index, searcher, c, one)?
            {
                out.push(Variant {
                    name: c.to_string(),
                    canonical: match &listed_as[one] {
                        Listed::As(canonical) => canonical.clone(),
                        _ => one.to_string(),
                    },
                    articles: names[c],
                });
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// `name` with its letters' accents taken off ("André" -> "Andre", "Wałęsa" -> "Walesa").
/// (`folding`: a raw tokenizer with tantivy's ASCII folding).
fn fold(folding: &mut tantivy::tokenizer::TextAnalyzer, name: &str) -> String {
    let mut stream = folding.token_stream(name);
    let mut out = String::with_capacity(name.len());
    while let Some(token) = stream.next() {
        out.push_str(&token.text);
    }
    out
}

/// The live articles of a segment holding a term: its document frequency, which also counts
/// the articles deleted since the segment was written (each re-resolved article leaves its old
/// version behind until a merge), less those.
fn live_articles(
    segment: &SegmentReader,
    inverted: &InvertedIndexReader,
    info: &TermInfo,
) -> tantivy::Result<u64> {
    let Some(alive) = segment.alive_bitset() else {
        return Ok(u64::from(info.doc_freq));
    };
    let mut postings = inverted.read_postings_from_terminfo(info, IndexRecordOption::Basic)?;
    let mut live = 0;
    while postings.doc() != TERMINATED {
        live += u64::from(alive.is_alive(postings.doc()));
        postings.advance();
    }
    Ok(live)
}

/// Whether some article names both as two persons ("John Smith and his son John Michael
/// Smith"): then they are two people, wherever else either is named.
fn named_apart(
    index: &MorgueIndex,
    searcher: &Searcher,
    a: &str,
    b: &str,
) -> tantivy::Result<bool> {
    let field = index.fields.entity_name(EntityKind::Person);
    let both = BooleanQuery::new(vec![
        (Occur::Must, term_query(field, a)),
        (Occur::Must, term_query(field, b)),
    ]);
    Ok(searcher.search(&both, &Count)? > 0)
}
