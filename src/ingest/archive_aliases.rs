//! The archive's alias table: what some articles say a short name stands for, carried to
//! the articles that use the short name alone.
//!
//! - **Acronyms** one article defines ("Northern Grain Council (NGC)") or the gazetteer gives
//!   ("EC" for the European Community): "the NGC said" in another file is the same org.
//! - **Surnames** of people the archive names in full: when the articles that write "Bush"
//!   beside a full name mostly mean George W. Bush, an article (or a headline) that only
//!   says "Bush" means him too, instead of listing a second person "Bush". A surname that is
//!   also a given name ("Blair", "Howard") links only where an article writes it after a
//!   personal title ("Mr Blair"), since alone it may be anyone's first name.
//! - **Bands named like people** ("Franz Ferdinand"), which some articles write as a band
//!   ("the band Franz Ferdinand"): the name is an organisation in every article (`bands`).
//! - **Firms' short names**: when the articles that write "Salomon" beside "Salomon Brothers
//!   Inc" read it as the firm, an article that only writes "Salomon" (found as an
//!   organisation) means it too. Only a name without the words of its trade
//!   (`data/entities/trade_words.txt`): "Leeds" of "Leeds Rhinos" is no short name.
//!
//! Built at the end of each index run from what the index already holds, never from the
//! files: every `<kind>_alias` pair (canonical name, alias) whose alias is an acronym of the
//! canonical name (2 to 10 capitals or digits, the same first letter, a name of two words or
//! more), every person pair whose alias is the last word of the full name, and every org
//! pair whose alias is a firm's short name (not a name the lists know only as a place or
//! person), counted in articles. An acronym read two ways goes to the reading of at least
//! twice as many articles as any other; a surname or a short name, which many share, to a
//! reading of at least two articles and twice as many as all other readings together. Without such a majority a name is left
//! out, and the table says so in a comment. The table is kept with the index
//! (`archive-aliases.tsv`, gazetteer format) and read by every run and search
//! ([`Gazetteer::with_fallback`]): it links a name only where neither the article (its own
//! definition, or a person it names in full) nor a fitting gazetteer entry does, and in
//! dated articles only within the years of the gazetteer entry of that name, if any, or else,
//! for a surname, within the years of the dated articles that write the person's given name
//! beside it (the table's fourth column; two years' margin, as for listed persons): "Kennedy"
//! read from 1968 stories about Robert F. Kennedy is not him in a 1962 story.
//!
//! When a run changes the table, the articles it may change are re-resolved from their
//! stored text and tagger spans (`read::refresh_file`, `read::refresh_articles`), without
//! reading the files again: [`files_to_refresh`] finds them with a term query or two per
//! changed name.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use tantivy::collector::{Collector, Count, DocSetCollector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{
    DateTime, DocId, Score, Searcher, SegmentOrdinal, SegmentReader, TantivyDocument, Term,
};

use crate::article::EntityKind;
use crate::enrich::entities::{is_acronym_of, is_org_short_name_of, is_translated_acronym_of};
use crate::enrich::gazetteer::{Gazetteer, GazetteerEntry, Years, name_key};
use crate::error::MorgueError;
use crate::index::MorgueIndex;
use crate::index::schema::ALIAS_SEPARATOR;

/// The table's file in the index folder.
pub const FILE: &str = "archive-aliases.tsv";

/// Where indexes made before surnames joined the table kept it (read when [`FILE`] is absent).
const OLD_FILE: &str = "acronyms.tsv";

/// Articles a surname's reading needs, at least, to enter the table.
const MIN_SURNAME_ARTICLES: u64 = 2;

/// The line of the table's file after which its surnames link only after a personal title.
const TITLED_MARKER: &str =
    "# Surnames that are also given names: they link only after a personal title (Mr Blair).";

/// The entity a short name stands for in this archive.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Link {
    kind: EntityKind,
    canonical: String,
    /// For a surname: the years of the dated articles that name the person in full beside
    /// it, so that "Kennedy" read as Robert F. Kennedy from 1968 stories is not him in 1962
    /// (see [`Table::entries`]). Open for acronyms and where no such article is dated.
    years: Years,
}

/// Acronym, surname or short name -> the entity it stands for in this archive, and in how many articles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    links: BTreeMap<String, Link>,
    /// Surnames that are also given names, linked only after a personal title.
    titled: BTreeMap<String, Link>,
    /// Names read two ways without a clear majority: each reading with its count.
    ambiguous: BTreeMap<String, Vec<(EntityKind, String, u64)>>,
    counts: BTreeMap<String, u64>,
}

impl Table {
    /// The table kept with the index at `dir`; empty when there is none.
    pub fn load(dir: &Path) -> Result<Table, MorgueError> {
        let Some(path) = [FILE, OLD_FILE]
            .into_iter()
            .map(|name| dir.join(name))
            .find(|path| path.exists())
        else {
            return Ok(Table::default());
        };
        let text = std::fs::read_to_string(&path).map_err(|e| MorgueError::io(&path, e))?;
        let (plain, titled) = match text.split_once(TITLED_MARKER) {
            Some((plain, titled)) => (plain, titled),
            None => (text.as_str(), ""),
        };
        let mut table = Table::default();
        for (part, links) in [(plain, &mut table.links), (titled, &mut table.titled)] {
            let entries = Gazetteer::parse_tsv(part, &path.display().to_string())
                .map_err(|e| MorgueError::Usage(format!("archive alias table {e}")))?;
            for e in entries {
                // A band's line names it twice ("org<TAB>Bloc Party<TAB>Bloc Party"), and the
                // gazetteer's parser drops an alias equal to the canonical name.
                let names = if e.aliases.is_empty() {
                    vec![e.canonical.clone()]
                } else {
                    e.aliases
                };
                for name in names {
                    let link = Link {
                        kind: e.kind,
                        canonical: e.canonical.clone(),
                        years: e.years,
                    };
                    links.insert(name, link);
                }
            }
        }
        Ok(table)
    }

    /// Counts the acronym, surname and short-name pairs of the index's alias fields, in live
    /// articles (read through `searcher`, over the index's last commit), and finds the
    /// archive's bands named like people ([`super::bands`], reading text through `reopen`'s
    /// searchers). Pairs that `lists` already link everywhere (an undated entry with that
    /// alias: "UN", "BBC") are left out: the table would change nothing for them.
    pub fn build(
        index: &MorgueIndex,
        searcher: &Searcher,
        reopen: &dyn Fn() -> Option<Searcher>,
        lists: &Gazetteer,
    ) -> Result<Table, MorgueError> {
        let tantivy_err = |e| MorgueError::tantivy(&index.dir, e);
        let mut readings: BTreeMap<String, Vec<(EntityKind, String, u64)>> = BTreeMap::new();
        for kind in EntityKind::ALL {
            let field = index.fields.entity_alias(kind);
            for pair in short_name_pairs(searcher, field, kind).map_err(tantivy_err)? {
                let term = Term::from_field_text(field, &pair);
                let query = TermQuery::new(term, IndexRecordOption::Basic);
                let n = searcher.search(&query, &Count).map_err(tantivy_err)? as u64;
                if let Some((canonical, name)) = pair.split_once(ALIAS_SEPARATOR)
                    && n > 0
                    && !linked_everywhere(lists, kind, canonical, name)
                    && !an_org_listed_as_another_kind(lists, kind, name)
                {
                    readings.entry(name.to_string()).or_default().push((
                        kind,
                        canonical.to_string(),
                        n,
                    ));
                }
            }
        }
        let mut table = Table::default();
        // Bands named like people: their full name, an org, read wherever the tagger says
        // person (`Lexicon::archive_org`).
        for (name, cued) in super::bands::bands(index, searcher, reopen)? {
            table.counts.insert(name.clone(), cued);
            let link = Link {
                kind: EntityKind::Org,
                canonical: name.clone(),
                years: Years::default(),
            };
            table.links.insert(name, link);
        }
        for (name, mut found) in readings {
            found.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
            let best = found[0].2;
            // An acronym read two ways needs twice the articles of the runner-up; a surname
            // or an org's short name, which many share, twice those of all other readings
            // together.
            let clear = if is_acronym_of(&name, &found[0].1) {
                best >= 2 * found.get(1).map_or(0, |r| r.2)
            } else {
                best >= MIN_SURNAME_ARTICLES
                    && best >= 2 * found[1..].iter().map(|r| r.2).sum::<u64>()
            };
            if clear {
                let (kind, canonical, n) = found.swap_remove(0);
                table.counts.insert(name.clone(), n);
                let links = if kind == EntityKind::Person
                    && crate::enrich::entities::is_given_name(&name)
                {
                    &mut table.titled
                } else {
                    &mut table.links
                };
                let years = match kind {
                    EntityKind::Person => {
                        surname_years(index, searcher, &canonical, &name).map_err(tantivy_err)?
                    }
                    _ => Years::default(),
                };
                let link = Link {
                    kind,
                    canonical,
                    years,
                };
                links.insert(name, link);
            } else {
                table.ambiguous.insert(name, found);
            }
        }
        // One person's shorter full names ("Tony Benn" of "Anthony Wedgwood Benn"), within
        // the years of the articles that name the fuller one.
        for variant in
            super::name_variants::variants(index, searcher, lists).map_err(tantivy_err)?
        {
            if table.link(&variant.name).is_some() {
                continue;
            }
            let years = person_years(index, searcher, &variant.canonical, &variant.name)
                .map_err(tantivy_err)?;
            table.counts.insert(variant.name.clone(), variant.articles);
            let link = Link {
                kind: EntityKind::Person,
                canonical: variant.canonical,
                years,
            };
            table.links.insert(variant.name, link);
        }
        Ok(table)
    }

    /// Writes the table into the index folder (atomically: a temporary file renamed).
    pub fn save(&self, dir: &Path) -> Result<(), MorgueError> {
        let mut text = String::from(
            "# Acronyms, surnames and firms' short names of this archive, rebuilt by every\n\
             # `morgue index` run from the index (see src/ingest/archive_aliases.rs):\n\
             # kind<TAB>full name<TAB>short name; counts are articles. Edit the gazetteer,\n\
             # not this file.\n",
        );
        let write_links = |text: &mut String, links: &BTreeMap<String, Link>| {
            for (name, link) in links {
                let n = self.counts.get(name).copied().unwrap_or(0);
                let years = if link.years.is_open() {
                    String::new()
                } else {
                    format!("\t{}", link.years)
                };
                text.push_str(&format!(
                    "# {name}: {n}\n{}\t{}\t{name}{years}\n",
                    link.kind.field_name(),
                    link.canonical
                ));
            }
        };
        write_links(&mut text, &self.links);
        for (name, found) in &self.ambiguous {
            let readings: Vec<String> = found
                .iter()
                .map(|(k, c, n)| format!("{} {c} ({n})", k.field_name()))
                .collect();
            text.push_str(&format!(
                "# {name}: left out, no clear majority: {}\n",
                readings.join(", ")
            ));
        }
        text.push_str(TITLED_MARKER);
        text.push('\n');
        write_links(&mut text, &self.titled);
        let old = dir.join(OLD_FILE);
        if old.exists() {
            std::fs::remove_file(&old).map_err(|e| MorgueError::io(&old, e))?;
        }
        let path = dir.join(FILE);
        let tmp = dir.join(format!("{FILE}.tmp"));
        std::fs::write(&tmp, text).map_err(|e| MorgueError::io(&tmp, e))?;
        std::fs::rename(&tmp, &path).map_err(|e| MorgueError::io(&path, e))
    }

    /// Whether both tables link the same names to the same entities.
    pub fn same_links(&self, other: &Table) -> bool {
        self.links == other.links && self.titled == other.titled
    }

    /// Names linked differently (or only) in one of the two tables.
    pub fn changed(&self, other: &Table) -> Vec<String> {
        let mut out = Vec::new();
        for (mine, theirs) in [(&self.links, &other.links), (&self.titled, &other.titled)] {
            out.extend(
                mine.iter()
                    .filter(|(a, l)| theirs.get(*a) != Some(l))
                    .map(|(a, _)| a.clone()),
            );
            out.extend(theirs.keys().filter(|a| !mine.contains_key(*a)).cloned());
        }
        out.sort();
        out.dedup();
        out
    }

    /// The link of `name` in either part of the table.
    fn link(&self, name: &str) -> Option<&Link> {
        self.links.get(name).or_else(|| self.titled.get(name))
    }

    /// `lists` (the built-in and the user's) with this table under them as fallback entries.
    pub fn under(&self, lists: Gazetteer) -> Gazetteer {
        let titled = self.entries(&self.titled, &lists);
        let plain = self.entries(&self.links, &lists);
        lists.with_fallback(titled, plain)
    }

    /// `links` as gazetteer entries, each with the years of the `gazetteer` entry of the
    /// same kind and name (so a dated article links "EC" to the European Community only
    /// while it existed, and "Bush" to George W. Bush only in his years), or else the years
    /// of the articles that gave a surname its reading.
    fn entries(
        &self,
        links: &BTreeMap<String, Link>,
        gazetteer: &Gazetteer,
    ) -> Vec<GazetteerEntry> {
        let listed_years = |kind: EntityKind, canonical: &str| -> Option<Years> {
            let key = name_key(canonical);
            gazetteer
                .entries()
                .find(|e| e.kind == kind && name_key(&e.canonical) == key)
                .map(|e| e.years)
                .filter(|years| !years.is_open())
        };
        links
            .iter()
            .map(|(name, link)| GazetteerEntry {
                kind: link.kind,
                canonical: link.canonical.clone(),
                aliases: vec![name.clone()],
                years: listed_years(link.kind, &link.canonical).unwrap_or(link.years),
            })
            .collect()
    }
}

/// Whether `lists` link `name` (an acronym or surname) to this entity in every article: an entry
/// without years lists it, and no other entry of the kind claims it.
fn linked_everywhere(lists: &Gazetteer, kind: EntityKind, canonical: &str, name: &str) -> bool {
    let mut claims = lists.claiming(name).filter(|e| e.kind == kind);
    let Some(first) = claims.next() else {
        return false;
    };
    first.years.is_open()
        && name_key(&first.canonical) == name_key(canonical)
        && claims.next().is_none()
}

/// The pairs of one `<kind>_alias` field whose alias is an acronym of the canonical name or,
/// for persons, its surname.
fn short_name_pairs(
    searcher: &Searcher,
    field: tantivy::schema::Field,
    kind: EntityKind,
) -> tantivy::Result<Vec<String>> {
    let mut pairs = HashSet::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted.terms().stream()?;
        while stream.advance() {
            let Ok(pair) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if let Some((canonical, alias)) = pair.split_once(ALIAS_SEPARATOR)
                && is_short_name(kind, alias, canonical)
            {
                pairs.insert(pair.to_string());
            }
        }
    }
    let mut pairs: Vec<String> = pairs.into_iter().collect();
    pairs.sort();
    Ok(pairs)
}

/// Whether the table may carry `alias` as a short name of `canonical`: an acronym (of the
/// name or, for an org, of its name in its own language: "PRI" of "Institutional
/// Revolutionary Party", which an article wrote together), a person's surname, or an
/// organisation's first words ("Salomon" of "Salomon Brothers").
fn is_short_name(kind: EntityKind, alias: &str, canonical: &str) -> bool {
    is_acronym_of(alias, canonical)
        || match kind {
            EntityKind::Person => is_surname_of(alias, canonical),
            EntityKind::Org => {
                is_org_short_name_of(alias, canonical) || is_translated_acronym_of(alias, canonical)
            }
            _ => false,
        }
}

/// Whether `name`, read as an org's short name, is what `lists` know only as an entity of
/// another kind: "New York" of "New York Times" is a city first, whatever one article's
/// tagger read. (A surname names only what the tagger found to be a person.)
fn an_org_listed_as_another_kind(lists: &Gazetteer, kind: EntityKind, name: &str) -> bool {
    let mut claims = lists.claiming(name).peekable();
    kind == EntityKind::Org && claims.peek().is_some() && claims.all(|e| e.kind != kind)
}

/// "Bush" of "George W. Bush", "Stoltenberg" of "Gerhard Stoltenberg": one capitalised word
/// of three letters or more that is the last word of a name of two words or more.
pub fn is_surname_of(alias: &str, canonical: &str) -> bool {
    let mut words = canonical.split(' ').filter(|w| !w.is_empty());
    let last = words.next_back();
    alias.chars().count() >= 3
        && alias.starts_with(char::is_uppercase)
        && !alias.contains(' ')
        && words.next().is_some()
        && last == Some(alias)
}

/// The years of the articles that give a person's surname its reading: those with the
/// (canonical, surname) pair that also write one of the person's given names ("Walter" of
/// "Walter Brannock"; initials do not count). Articles that have the pair only because the
/// table linked their lone surname are no evidence, so the years do not widen run after run.
/// Open when no such article is dated.
fn surname_years(
    index: &MorgueIndex,
    searcher: &Searcher,
    canonical: &str,
    surname: &str,
) -> tantivy::Result<Years> {
    let words: Vec<&str> = canonical.split(' ').collect();
    let given: Vec<Box<dyn Query>> = words[..words.len().saturating_sub(1)]
        .iter()
        .filter(|w| !w.ends_with('.') && w.chars().count() > 1)
        .map(|w| {
            let stem = crate::index::analysis::english_stem(&w.to_lowercase());
            term_query(index.fields.body, &stem)
        })
        .collect();
    if given.is_empty() {
        return Ok(Years::default());
    }
    let pair = format!("{canonical}{ALIAS_SEPARATOR}{surname}");
    let field = index.fields.entity_alias(EntityKind::Person);
    let query = BooleanQuery::new(vec![
        (Occur::Must, term_query(field, &pair)),
        (Occur::Must, Box::new(BooleanQuery::union(given))),
    ]);
    Ok(years_of(searcher.search(&query, &DateSpan)?))
}

/// The years of the dated articles that name `canonical` as a person without `variant`
/// among its aliases: those the table linked are no evidence of the years, or every run
/// would widen them by the margin.
fn person_years(
    index: &MorgueIndex,
    searcher: &Searcher,
    canonical: &str,
    variant: &str,
) -> tantivy::Result<Years> {
    let kind = EntityKind::Person;
    let pair = format!("{canonical}{ALIAS_SEPARATOR}{variant}");
    let query = BooleanQuery::new(vec![
        (
            Occur::Must,
            term_query(index.fields.entity_name(kind), canonical),
        ),
        (
            Occur::MustNot,
            term_query(index.fields.entity_alias(kind), &pair),
        ),
    ]);
    Ok(years_of(searcher.search(&query, &DateSpan)?))
}

/// A query for the articles holding `text` as a whole term of `field`.
pub(super) fn term_query(field: tantivy::schema::Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::Basic,
    ))
}

/// The years a span of dates covers.
fn years_of(span: Option<(DateTime, DateTime)>) -> Years {
    let year = |date: Option<DateTime>| {
        date.and_then(crate::index::document::date_from_tantivy)
            .map(|d| i32::from(d.year()))
    };
    let (first, last) = span.unzip();
    Years {
        from: year(first),
        to: year(last),
    }
}

/// The first and last date of the dated articles a query matches.
struct DateSpan;

impl Collector for DateSpan {
    type Fruit = Option<(DateTime, DateTime)>;
    type Child = SegmentDateSpan;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentDateSpan> {
        Ok(SegmentDateSpan {
            dates: reader.fast_fields().date("date")?,
            span: None,
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(
        &self,
        segments: Vec<Option<(DateTime, DateTime)>>,
    ) -> tantivy::Result<Self::Fruit> {
        Ok(segments.into_iter().flatten().reduce(widest))
    }
}

/// The span covering both.
fn widest(a: (DateTime, DateTime), b: (DateTime, DateTime)) -> (DateTime, DateTime) {
    (a.0.min(b.0), a.1.max(b.1))
}

struct SegmentDateSpan {
    dates: Column<DateTime>,
    span: Option<(DateTime, DateTime)>,
}

impl SegmentCollector for SegmentDateSpan {
    type Fruit = Option<(DateTime, DateTime)>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(date) = self.dates.first(doc) {
            self.span = Some(self.span.map_or((date, date), |s| widest(s, (date, date))));
        }
    }

    fn harvest(self) -> Self::Fruit {
        self.span
    }
}

/// The files (manifest keys) of the articles whose entities may change when the table `old`
/// becomes `new`, looked up with `searcher` (over the index's last commit). For an acronym:
/// every article that writes it. For a surname or a firm's short name, only the articles
/// that list it alone as a person or org (which the new reading may name) or under the
/// entity the old table linked it to: an article naming the person in full already resolves
/// the surname itself, and in a dated article the gazetteer's own entry decides, so a table
/// that only confirms what the gazetteer says re-reads nothing.
pub fn files_to_refresh(
    index: &MorgueIndex,
    searcher: &tantivy::Searcher,
    reopen: &dyn Fn() -> Option<tantivy::Searcher>,
    old: &Table,
    new: &Table,
) -> Result<Stale, MorgueError> {
    let tantivy_err = |e| MorgueError::tantivy(&index.dir, e);
    let fields = &index.fields;
    let mut terms = Vec::new();
    for name in old.changed(new) {
        let link = old.link(&name).or_else(|| new.link(&name));
        match link {
            Some(link) if !is_acronym_of(&name, &link.canonical) => {
                terms.push(Term::from_field_text(fields.entity_name(link.kind), &name));
                // A band (`bands`): the articles that list it as a person.
                if link.kind == EntityKind::Org && link.canonical == name {
                    let field = fields.entity_name(EntityKind::Person);
                    terms.push(Term::from_field_text(field, &name));
                }
                if let Some(link) = old.link(&name) {
                    let pair = format!("{}{ALIAS_SEPARATOR}{name}", link.canonical);
                    terms.push(Term::from_field_text(fields.entity_alias(link.kind), &pair));
                }
            }
            // A word that is its own stem is not in `words` (`analysis::WORDS`): its stem
            // term in `body` finds every article writing it (and some writing another form).
            _ => {
                let word = name.to_lowercase();
                let field = if crate::index::analysis::is_own_stem(&word) {
                    fields.body
                } else {
                    fields.words
                };
                terms.push(Term::from_field_text(field, &word));
            }
        }
    }
    let mut addresses = std::collections::BTreeSet::new();
    for term in terms {
        let query = TermQuery::new(term, IndexRecordOption::Basic);
        addresses.extend(
            searcher
                .search(&query, &DocSetCollector)
                .map_err(tantivy_err)?,
        );
    }
    // Each article's file and id are in its stored document: read a thousand at a time
    // through a searcher of their own (`reopen`), whose maps of the store go with it.
    let addresses: Vec<_> = addresses.into_iter().collect();
    let mut stale = Stale::default();
    for chunk in addresses.chunks(1_000) {
        let fresh = reopen();
        let reader = fresh.as_ref().unwrap_or(searcher);
        for &address in chunk {
            let doc: TantivyDocument = reader.doc(address).map_err(tantivy_err)?;
            let value = |field| doc.get_first(field).and_then(|v| v.as_str());
            if let (Some(file), Some(id)) = (value(fields.file), value(fields.id)) {
                let ids = stale.by_file.entry(file.to_string()).or_default();
                ids.insert(id.to_string());
            }
        }
    }
    Ok(stale)
}

/// The articles a changed table may change, by file (manifest key) and article id.
#[derive(Debug, Default)]
pub struct Stale {
    by_file: std::collections::HashMap<String, HashSet<String>>,
}

impl Stale {
    pub fn is_empty(&self) -> bool {
        self.by_file.is_empty()
    }

    /// Whether the file at `path` (manifest key) holds a stale article.
    pub fn contains(&self, path: &str) -> bool {
        self.by_file.contains_key(path)
    }

    /// The ids of the file's stale articles.
    pub fn articles(&self, path: &str) -> Option<&HashSet<String>> {
        self.by_file.get(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_are_capitals_that_start_like_the_name() {
        assert!(is_acronym_of("EC", "European Community"));
        assert!(is_acronym_of("NGC", "Northern Grain Council"));
        assert!(!is_acronym_of("G7", "Group of Seven"));
        assert!(!is_acronym_of("Nato", "North Atlantic Treaty Organization"));
        assert!(!is_acronym_of("EU", "Europe"));
        assert!(!is_acronym_of("UK", "Britain"));
        assert!(!is_acronym_of("STOLTENBERG", "Jens Stoltenberg"));
        assert!(is_acronym_of(
            "IAAF",
            "International Association of Athletics Federations"
        ));
        assert!(is_acronym_of(
            "OSCE",
            "Organization for Security and Co-operation in Europe"
        ));
        assert!(is_acronym_of("PSP", "PlayStation Portable"));
        assert!(!is_acronym_of("UKIP", "UKIP MEP"));
        assert!(!is_acronym_of("EEC", "European Community"));
        assert!(is_acronym_of(
            "ITT",
            "International Telephone and Telegraph Corp"
        ));
        assert!(is_acronym_of("GM", "General Motors Corp"));
        assert!(is_acronym_of("NGC", "Norwegian Gas Company"));
    }

    #[test]
    fn surnames_are_the_last_word_of_a_full_name() {
        assert!(is_surname_of("Bush", "George W. Bush"));
        assert!(is_surname_of("Stoltenberg", "Gerhard Stoltenberg"));
        assert!(!is_surname_of("Bush", "Bush"));
        assert!(!is_surname_of("George", "George W. Bush"));
        assert!(!is_surname_of("Xi", "Xi Jinping"));
        assert!(!is_surname_of("Li", "Wen Li"));
        assert!(!is_surname_of("bush", "George W. bush"));
        assert!(is_surname_of("Blair", "Tony Blair"));
    }
}
