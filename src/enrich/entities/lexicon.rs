//! Pass 1, and the gazetteer as the later passes consult it: every alias compiled into one
//! Aho-Corasick automaton (leftmost-longest, ASCII case-insensitive), with the case rule each
//! spelling must meet, plus lookups by name that give rule and tagger names the gazetteer's
//! canonical form.
//!
//! A hit counts only if it sits on word boundaries at both ends ("Rome" in "Romeo" does not),
//! starts with a capital or digit (so "china" the porcelain and "us" the pronoun do not) and,
//! for all-caps aliases of up to three letters ("US", "UK", "EU", "WHO"), is written exactly
//! so. Longer all-caps aliases also accept newspaper title case ("Nato", "Opec"). Possessives
//! ("Trump's", "Russia’s") match. A rejected hit does not hide a shorter one: the scan resumes
//! one character later. Events are also scanned inside for places, orgs and persons ("Victory
//! over Japan" mentions Japan).
//!
//! Dated entries (the gazetteer's years column) are linked by the article's year: every
//! lookup takes it, and a spelling whose entry does not fit the year ([`Years::fits`]: a
//! surname or acronym only within the entry's years, a full name unless the article predates
//! the entity, an undated article only full names) is as if the gazetteer did not list it, so
//! the next spelling that fits wins ("Stoltenberg" is Gerhard in 1987, Jens in 2015) or the
//! name stays the article's own. An entry the article names in full anywhere (title or body)
//! fits its partial names too, whatever the date: the article's "European Union" makes its
//! "EU" that union even when the article is undated.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, Input, MatchKind};

use super::mentions::{Mention, normalize_space, the_one};
use super::person_names::FamiliarForms;
use super::rules;
use super::words;
use crate::article::EntityKind;
use crate::enrich::gazetteer::{Gazetteer, NameForm, Years, name_key};

/// What linking knows about the article at hand: its year (`None`: undated) and the dated
/// entries it names in full ([`Lexicon::named_in_full`]).
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct When<'a> {
    pub(super) year: Option<i32>,
    pub(super) named_in_full: &'a [u32],
}

/// A [`Gazetteer`] compiled for matching and lookup; built once, shared by all threads.
pub(super) struct Lexicon {
    automaton: AhoCorasick,
    /// Per automaton pattern (one per distinct ASCII-lowercased name): the spellings that
    /// share it, each with the entity it names.
    patterns: Vec<Vec<Variant>>,
    /// (kind, canonical) of every gazetteer entry, by entry number.
    targets: Vec<(EntityKind, String)>,
    /// The years of every gazetteer entry, by entry number.
    years: Vec<Years>,
    /// Entries that give an entity named by an earlier line other names for some years
    /// only ("Russia" for the Soviet Union, 1922-1989; "the European war" for World War II,
    /// 1939-1945): such a name means the entity only in articles of those years.
    era: Vec<bool>,
    /// Entries below this number are the archive's alias table (`Gazetteer::with_fallback`).
    fallback: u32,
    /// `name_key` -> entry numbers, to canonicalise names the rules find.
    by_key: HashMap<String, Vec<u32>>,
    /// The keys of `by_key` whose every spelling is a short acronym in capitals ("WHO",
    /// "UN"): only a name in capitals is one of them ("The Who" is a band, "Un" French).
    capitals_only: std::collections::HashSet<String>,
    /// `name_key` -> entry numbers of the archive's surnames that are also given names,
    /// which name a person only after a personal title ([`Self::titled_entry`]).
    titled_by_key: HashMap<String, Vec<u32>>,
    /// Surname key -> the listed persons whose full names end in it: "President Ford" is
    /// Gerald Ford in 1975, though "Ford" alone is no alias of his (it is the carmaker's).
    surnames: HashMap<String, Vec<u32>>,
    /// Org entry -> the event entry "<org> summit", when the gazetteer lists one.
    summit_of: HashMap<u32, u32>,
}

struct Variant {
    case: CaseRule,
    /// The spelling as written in the gazetteer; the case rule compares against it.
    alias: String,
    /// Whether the spelling is a full name of its entry or a partial one (surname, acronym).
    form: NameForm,
    target: u32,
}

/// "EC" of "European Community", "IAAF" of "International Association of Athletics
/// Federations", "PSP" of "PlayStation Portable", "ITT" of "International Telephone and
/// Telegraph Corp", "AMC" of "American Motors": 2 to 10 capitals or digits whose letters are
/// the initials of the name's capitalised words (and a "C" for a company's legal form), or all
/// its capitals, a final legal form left out, in a name of two
/// words or more that does not hold the acronym itself ("UKIP" is no acronym of "UKIP MEP").
pub(crate) fn is_acronym_of(alias: &str, canonical: &str) -> bool {
    let letters: String = alias.chars().filter(char::is_ascii_uppercase).collect();
    let words = |name: &str| -> Vec<String> {
        name.split([' ', '-'])
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let all = words(canonical);
    let shape = (2..=10).contains(&alias.len())
        && letters.len() >= 2
        && is_acronym_shaped(alias)
        && all.len() >= 2
        && !all.iter().any(|w| w == alias);
    let reads = |words: &[String]| {
        let initials: String = words
            .iter()
            .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
            .collect();
        let capitals: String = words
            .iter()
            .flat_map(|w| w.chars())
            .filter(|c| c.is_uppercase())
            .collect();
        // "AMC" of "American Motors", whose canonical name goes without its "Corp".
        let company = letters.len() >= 3 && letters.strip_suffix('C') == Some(initials.as_str());
        letters == initials || letters == capitals || company
    };
    // "Northern Gas Company (NGC)" and "ITT" of "... Telegraph Corp": with or without it.
    let without_form = super::fragments::without_legal_form(canonical)
        .map(words)
        .filter(|w| w.len() >= 2);
    shape && (reads(&all) || without_form.is_some_and(|w| reads(&w)))
}

/// "PRI" of "Institutional Revolutionary Party", "FSLN" of "Sandinista National Liberation
/// Front": an acronym of the name in its own language, whose initials are the English
/// name's in another order. Three letters or more, each initial used once.
pub(crate) fn is_translated_acronym_of(alias: &str, canonical: &str) -> bool {
    let mut letters: Vec<char> = alias.chars().collect();
    let mut initials: Vec<char> = canonical
        .split([' ', '-'])
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect();
    letters.sort_unstable();
    initials.sort_unstable();
    letters.len() >= 3
        && is_acronym_shaped(alias)
        && letters.iter().all(char::is_ascii_uppercase)
        && letters == initials
}

/// "A.N.C." -> "ANC": a name that is only capitals with their dots; `None` otherwise.
fn undotted_acronym(name: &str) -> Option<String> {
    undotted(name).filter(|plain| is_acronym_shaped(plain))
}

/// `name` with the dots of its capital-letter abbreviations left out ("L.A. Auto Show" ->
/// "LA Auto Show", "U.S.-China talks" -> "US-China talks"); None when it has none.
pub(super) fn undotted(name: &str) -> Option<String> {
    let bytes = name.as_bytes();
    let letter_dot = |i: usize| bytes[i].is_ascii_uppercase() && bytes.get(i + 1) == Some(&b'.');
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    let mut changed = false;
    while i < bytes.len() {
        let word_start = i == 0 || matches!(bytes[i - 1], b' ' | b'-');
        let mut run = i;
        while run < bytes.len() && letter_dot(run) {
            run += 2;
        }
        let ends_word = run == bytes.len() || matches!(bytes[run], b' ' | b'-' | b'\'');
        if word_start && run - i >= 4 && ends_word {
            out.extend(bytes[i..run].iter().step_by(2).map(|&b| b as char));
            changed = true;
            i = run;
        } else {
            let c = name[i..].chars().next().expect("inside the name");
            out.push(c);
            i += c.len_utf8();
        }
    }
    changed.then_some(out)
}

/// Capitals and digits only ("NGC", "G7"): how an acronym is written.
pub(super) fn is_acronym_shaped(name: &str) -> bool {
    name.chars().any(|c| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum CaseRule {
    /// Short all-caps alias ("US", "EU"): the text must match byte for byte.
    Exact,
    /// Longer all-caps alias ("NATO"): exact, or title case ("Nato").
    CapsOrTitle,
    /// Anything else: every word capitalised in the alias is capitalised in the text.
    Capitalised,
}

impl Lexicon {
    pub(super) fn new(gazetteer: &Gazetteer) -> Lexicon {
        let mut targets = Vec::new();
        let mut years = Vec::new();
        let mut by_key: HashMap<String, Vec<u32>> = HashMap::new();
        let mut titled_by_key: HashMap<String, Vec<u32>> = HashMap::new();
        let mut cased_keys = std::collections::HashSet::new();
        let mut surnames: HashMap<String, Vec<u32>> = HashMap::new();
        let mut pattern_ids: HashMap<String, usize> = HashMap::new();
        let mut pattern_texts: Vec<String> = Vec::new();
        let mut patterns: Vec<Vec<Variant>> = Vec::new();
        let mut era = Vec::new();
        let mut named = std::collections::HashSet::new();
        for (n, entry) in gazetteer.entries().enumerate() {
            let target = n as u32;
            // The archive table's copies of entries (first) are not other lines.
            let own_line = n >= gazetteer.fallback_len();
            let named_before = own_line && !named.insert((entry.kind, entry.canonical.clone()));
            era.push(named_before && !entry.years.is_open());
            targets.push((entry.kind, entry.canonical.clone()));
            years.push(entry.years);
            if entry.kind == EntityKind::Person && n >= gazetteer.fallback_len() {
                for surname in entry.names().filter_map(surname_of) {
                    let ids = surnames.entry(name_key(surname)).or_default();
                    if !ids.contains(&target) {
                        ids.push(target);
                    }
                }
            }
            for name in entry.names() {
                if n < gazetteer.titled_len() {
                    titled_by_key
                        .entry(name_key(name))
                        .or_default()
                        .push(target);
                    continue;
                }
                let key = name_key(name);
                if case_rule(name) != CaseRule::Exact {
                    cased_keys.insert(key.clone());
                }
                let ids = by_key.entry(key).or_default();
                if !ids.contains(&target) {
                    ids.push(target);
                }
                // The archive's surnames ("Bush" -> George W. Bush) only name what the tagger
                // already found to be a person: as patterns they would match any capitalised
                // "Rock" or "Back" opening a sentence. Its acronyms are searched for.
                if target < gazetteer.fallback_len() as u32 && !is_acronym_shaped(name) {
                    continue;
                }
                // News text uses both apostrophes: "People's" and "People’s".
                let curly = name.contains('\'').then(|| name.replace('\'', "’"));
                for spelling in std::iter::once(name).chain(curly.as_deref()) {
                    let lower = spelling.to_ascii_lowercase();
                    let id = *pattern_ids.entry(lower.clone()).or_insert_with(|| {
                        pattern_texts.push(lower);
                        patterns.push(Vec::new());
                        patterns.len() - 1
                    });
                    patterns[id].push(Variant {
                        case: case_rule(spelling),
                        alias: spelling.to_string(),
                        form: name_form(entry.kind, spelling, &entry.canonical),
                        target,
                    });
                }
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .build(&pattern_texts)
            .expect("gazetteer automaton builds");
        let mut summit_of = HashMap::new();
        for (n, entry) in gazetteer.entries().enumerate() {
            if entry.kind != EntityKind::Event {
                continue;
            }
            for name in entry.names() {
                let Some(org) = name
                    .strip_suffix(" summit")
                    .or(name.strip_suffix(" Summit"))
                else {
                    continue;
                };
                for &t in by_key.get(&name_key(org)).into_iter().flatten() {
                    if targets[t as usize].0 == EntityKind::Org {
                        summit_of.insert(t, n as u32);
                    }
                }
            }
        }
        let capitals_only = by_key
            .keys()
            .filter(|key| !cased_keys.contains(*key))
            .cloned()
            .collect();
        Lexicon {
            capitals_only,
            automaton,
            patterns,
            targets,
            years,
            era,
            fallback: gazetteer.fallback_len() as u32,
            by_key,
            titled_by_key,
            surnames,
            summit_of,
        }
    }

    /// Gazetteer hits inside `range` of `text`, appended to `out` in text order, for an
    /// article of `year`. `inside` is the event whose name is being scanned for the names
    /// within it.
    pub(super) fn matches<'a>(
        &'a self,
        text: &'a str,
        range: Range<usize>,
        inside: Option<(usize, usize)>,
        base: usize,
        when: When<'_>,
        out: &mut Vec<Mention<'a>>,
    ) {
        let mut pos = range.start;
        while pos < range.end {
            let Some(mut m) = self.automaton.find(Input::new(text).range(pos..range.end)) else {
                break;
            };
            if inside == Some((m.start(), m.end())) {
                // The event itself: look for a shorter name at the same start ("G20" in
                // "G20 summit"); failing that, move on one character.
                match self
                    .automaton
                    .find(Input::new(text).range(pos..range.end - 1))
                {
                    Some(shorter) if shorter.start() == m.start() => m = shorter,
                    _ => {
                        pos =
                            m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
                        continue;
                    }
                }
            }
            let (s, e) = (m.start(), m.end());
            // "the Black Monday crash of 1987" in a 2020 story is 1987's.
            let when = match words::year_named_after(&text[e..]) {
                Some(year) => When {
                    year: Some(year),
                    ..when
                },
                None => when,
            };
            let target = self.accept(text, s, e, m.pattern().as_usize(), when);
            let skip = target.is_some_and(|t| match &self.targets[t as usize] {
                (EntityKind::Org, canonical) => {
                    words::numbers_a_thing(&text[e..])
                        || words::heads_a_longer_name(&text[s..e], canonical, &text[e..]) > 0
                        || words::inside_a_longer_name(
                            &text[s..e],
                            canonical,
                            &text[..s],
                            &text[e..],
                        )
                }
                (EntityKind::Event, canonical) => {
                    words::names_another_event(canonical, &text[..s], &text[e..])
                }
                // "President Cleveland", "Senator Washington": a surname after a person's
                // title, whatever town has the name (the tagger's span says whose).
                (EntityKind::Place, _) => words::after_personal_title(text, s),
                _ => false,
            });
            if skip {
                pos = e;
                continue;
            }
            match target {
                Some(t) if inside.is_none() || self.targets[t as usize].0 != EntityKind::Event => {
                    let (kind, canonical) = &self.targets[t as usize];
                    let surface_start = if *kind == EntityKind::Person {
                        rules::cue_start(text, s)
                    } else {
                        s
                    };
                    // "the Gulf of Tonkin" is no Gulf (the Persian Gulf's short name): the
                    // feature's whole name is the place.
                    let feature = match kind {
                        EntityKind::Place => words::feature_name_after(&text[s..e], &text[e..]),
                        _ => 0,
                    };
                    let (e, canonical) = match feature {
                        0 => (e, Cow::Borrowed(canonical.as_str())),
                        n => (e + n, normalize_space(&text[s..e + n])),
                    };
                    out.push(Mention {
                        archive: t < self.fallback,
                        gazetteer: feature == 0,
                        ..Mention::new(
                            base + s,
                            base + e,
                            *kind,
                            canonical,
                            &text[surface_start..e],
                            &text[s..e],
                            true,
                        )
                    });
                    if *kind == EntityKind::Event && inside.is_none() {
                        self.matches(text, s..e, Some((s, e)), base, when, out);
                    }
                    pos = e;
                }
                _ => pos = s + text[s..].chars().next().map_or(1, char::len_utf8),
            }
        }
    }

    /// The gazetteer entry a raw automaton hit stands for, if boundaries, case and the
    /// article's year allow it.
    fn accept(
        &self,
        text: &str,
        s: usize,
        e: usize,
        pattern: usize,
        when: When<'_>,
    ) -> Option<u32> {
        // "King Edward" is not "King Edward IV", nor "Pope Pius" "Pope Pius XII": a regnal
        // number after the name makes it another holder's (a listed one is matched whole).
        if !on_word_boundaries(text, s, e) || words::regnal_number_after(&text[e..]) {
            return None;
        }
        let span = &text[s..e];
        // Later variants come from later (user) entries, which win.
        let candidates = self.patterns[pattern]
            .iter()
            .rev()
            .filter(|v| case_ok(v.case, &v.alias, span))
            .map(|v| (v.target, v.form));
        self.choose(candidates, when)
    }

    /// The dated entries that `texts` name by a full name fitting `year` (the first pass of
    /// [`When`]), so that their partial names link in the same article.
    pub(super) fn named_in_full(&self, texts: &[&str], year: Option<i32>) -> Vec<u32> {
        let mut found = Vec::new();
        for text in texts {
            for m in self.automaton.find_iter(*text) {
                let (s, e) = (m.start(), m.end());
                if !on_word_boundaries(text, s, e) {
                    continue;
                }
                let named = self.patterns[m.pattern().as_usize()].iter().filter(|v| {
                    let t = v.target as usize;
                    !self.years[t].is_open()
                        && v.form == NameForm::Full
                        && case_ok(v.case, &v.alias, &text[s..e])
                        && self.fits(t as u32, NameForm::Full, year)
                });
                // A full name two entries share ("George Bush") names neither for sure.
                let mut named = named.map(|v| v.target);
                let Some(first) = named.next() else { continue };
                let kind = self.targets[first as usize].0;
                if named.any(|t| self.other_entity(t, first) && self.targets[t as usize].0 == kind)
                {
                    continue;
                }
                if !found.contains(&first) {
                    found.push(first);
                }
            }
        }
        found
    }

    /// Of the entries a name may stand for (in order of precedence, each with how the name
    /// is written for it), the one an article links it to: one the article names in full;
    /// else, among those it fits ([`Years::fits`]), the first whose years hold the year
    /// itself, else the first. An undated article links only unambiguous names: a full name
    /// that two entries of a kind share, one of them dated ("George Bush"), links to neither.
    fn choose(
        &self,
        candidates: impl Iterator<Item = (u32, NameForm)> + Clone,
        when: When<'_>,
    ) -> Option<u32> {
        // A dated entry the article names in full wins, unless the name also has a reading
        // for all time, and the dated entry's years do not fit the name as written: "Russia"
        // beside "the Soviet Union" in a 2005 story is Russia, not the 1922-1989 alias.
        let timeless = |t: u32| {
            candidates.clone().any(|(o, _)| {
                self.years[o as usize].is_open()
                    && self.other_entity(o, t)
                    && self.targets[o as usize].0 == self.targets[t as usize].0
            })
        };
        if let Some((t, _)) = candidates.clone().find(|&(t, form)| {
            when.named_in_full.contains(&t) && (self.fits(t, form, when.year) || !timeless(t))
        }) {
            return Some(t);
        }
        let fitting = candidates.clone().filter(|&(t, form)| {
            (t < self.fallback && when.year.is_none()) || self.fits(t, form, when.year)
        });
        let Some((first, _)) = fitting.clone().next() else {
            return self.upcoming_event(candidates, when.year?);
        };
        let kind = self.targets[first as usize].0;
        let Some(year) = when.year else {
            let dated = |t: u32| t >= self.fallback && !self.years[t as usize].is_open();
            let ambiguous = fitting.clone().any(|(t, _)| {
                self.other_entity(t, first)
                    && self.targets[t as usize].0 == kind
                    && (dated(t) || dated(first))
            });
            return (!ambiguous).then_some(first);
        };
        let holds = |t: u32| self.years[t as usize].holds(year, 0);
        let same_kind = fitting
            .map(|(t, _)| t)
            .filter(|&t| self.targets[t as usize].0 == kind);
        // A dated entry whose years hold the year is the name's reading of that time, before
        // one for all time ("Russia" in 1956 is the Soviet Union).
        let dated_holder = same_kind
            .clone()
            .find(|&t| holds(t) && !self.years[t as usize].is_open());
        if let Some(t) = dated_holder.or_else(|| same_kind.clone().find(|&t| holds(t))) {
            return Some(t);
        }
        // None going on at the article's date: the latest to have started, when all are
        // dated. News means the last event of a name ("the Wall Street crash" in 1988 is
        // October 1987's, not 1929's; "the Paris accord" of 1988 the Louvre Accord).
        let starts: Option<Vec<(i32, u32)>> = same_kind
            .map(|t| self.years[t as usize].from.map(|from| (from, t)))
            .collect();
        starts
            .and_then(|starts| starts.into_iter().max_by_key(|&(from, _)| from))
            .map(|(_, t)| t)
            .or(Some(first))
    }

    /// An event named in full before it starts, which nothing else of the name fits: "the
    /// Beijing Games" in 2004, "London 2012" in 2005. Games and cups are awarded years
    /// ahead; up to seven years before, the one such event, if it is of a kind that is
    /// planned ([`is_planned_event`]): no one names a strike, a war or a disaster before it
    /// happens ("a General Strike Committee" in 1919 is not the General Strike of 1926).
    fn upcoming_event(
        &self,
        candidates: impl Iterator<Item = (u32, NameForm)>,
        year: i32,
    ) -> Option<u32> {
        const LEAD_YEARS: i32 = 7;
        let upcoming = candidates.filter(|&(t, form)| {
            let (kind, canonical) = &self.targets[t as usize];
            let from = self.years[t as usize].from;
            form == NameForm::Full
                && *kind == EntityKind::Event
                && is_planned_event(canonical)
                && from.is_some_and(|from| from > year && from - year <= LEAD_YEARS)
        });
        the_one(upcoming.map(|(t, _)| t))
    }

    /// Whether two entries name different things: not the same entry, nor an entry and the
    /// archive table's copy of it (same kind and canonical name, see `ingest::archive_aliases`).
    fn other_entity(&self, a: u32, b: u32) -> bool {
        a != b && self.targets[a as usize] != self.targets[b as usize]
    }

    /// Whether gazetteer entry `target` has years (a recurring event has none).
    pub(super) fn is_dated(&self, target: u32) -> bool {
        !self.years[target as usize].is_open()
    }

    /// Whether a name written as `form` may link to entry `target` in an article of `year`
    /// ([`Years::fits`]); an era's other name only inside its years, with the margin.
    fn fits(&self, target: u32, form: NameForm, year: Option<i32>) -> bool {
        let (kind, years) = (self.targets[target as usize].0, self.years[target as usize]);
        // The archive's links are guesses from other articles, however full the name: "Tony
        // Benn" read as Anthony Wedgwood Benn in 1974 stories is someone else in 1995.
        let form = if target < self.fallback {
            NameForm::Partial
        } else {
            form
        };
        if !self.era[target as usize] {
            return years.fits(kind, form, year);
        }
        year.is_some_and(|y| years.holds(y, Years::margin(kind)))
    }

    /// Whether gazetteer entry `target`'s years hold `year` (an entry of no years holds
    /// every year).
    pub(super) fn holds_year(&self, target: u32, year: i32) -> bool {
        self.years[target as usize].holds(year, 0)
    }

    /// Kind and canonical name of gazetteer entry `target`.
    pub(super) fn target(&self, target: u32) -> (EntityKind, &str) {
        let (kind, canonical) = &self.targets[target as usize];
        (*kind, canonical)
    }

    /// The entry that lists `name` as an entity of this kind and fits an article of `year`;
    /// of several, the last (user entries come last, and win).
    pub(super) fn entry(&self, kind: EntityKind, name: &str, when: When<'_>) -> Option<u32> {
        let ids = self.ids(name)?;
        let candidates = ids.iter().rev().filter_map(|&t| {
            let (k, canonical) = &self.targets[t as usize];
            (*k == kind).then(|| (t, name_form(kind, name, canonical)))
        });
        self.choose(candidates, when)
    }

    /// The person the archive's alias table reads a surname that is also a given name as,
    /// for a `name` the article writes after a personal title ("Mr Blair"), with the same
    /// rules of dates as [`Self::entry`].
    ///
    /// First the gazetteer's persons of that surname: in a dated article, the one of them
    /// whose years fit ("President Ford" in 1975), when no other does.
    pub(super) fn titled_entry(&self, name: &str, when: When<'_>) -> Option<u32> {
        let key = name_key(name);
        if let (Some(_), Some(ids)) = (when.year, self.surnames.get(&key)) {
            let mut fitting = ids
                .iter()
                .copied()
                .filter(|&t| self.fits(t, NameForm::Partial, when.year));
            if let Some(first) = fitting.next()
                && fitting.all(|t| !self.other_entity(t, first))
            {
                return Some(first);
            }
        }
        let ids = self.titled_by_key.get(&key)?;
        let candidates = ids.iter().rev().map(|&t| {
            let canonical = &self.targets[t as usize].1;
            (t, name_form(EntityKind::Person, name, canonical))
        });
        self.choose(candidates, when)
    }

    /// True when the gazetteer's own lists (not the archive's alias table) have `name` as an
    /// entity of `kind`, at any date.
    pub(super) fn lists_as(&self, kind: EntityKind, name: &str) -> bool {
        self.ids(name).is_some_and(|ids| {
            ids.iter()
                .any(|&t| t >= self.fallback && self.targets[t as usize].0 == kind)
        })
    }

    /// True when the gazetteer lists `name` as an entity of this kind, but none that fits
    /// the article's date.
    pub(super) fn names_another_time(&self, kind: EntityKind, name: &str, when: When<'_>) -> bool {
        self.lists_as(kind, name) && self.entry(kind, name, when).is_none()
    }

    /// True when the archive's alias table lists `name` itself as an org: a band named like
    /// a person, which some articles of the archive write as a band (`ingest::bands`).
    pub(super) fn archive_org(&self, name: &str) -> bool {
        let key = name_key(name);
        self.by_key.get(&key).is_some_and(|ids| {
            ids.iter().any(|&t| {
                let (kind, canonical) = &self.targets[t as usize];
                t < self.fallback && *kind == EntityKind::Org && name_key(canonical) == key
            })
        })
    }

    /// True when the gazetteer lists `name` as an entity of any kind, at any date.
    pub(super) fn lists(&self, name: &str) -> bool {
        self.ids(name).is_some()
    }

    /// The entries `name` is a spelling of, up to case and punctuation, but an acronym
    /// listed only in capitals is no spelling of a name in lower case ("Who" of "The Who" is
    /// not the WHO).
    fn ids(&self, name: &str) -> Option<&Vec<u32>> {
        let key = name_key(name);
        if self.capitals_only.contains(&key) && case_rule(name) != CaseRule::Exact {
            return None;
        }
        self.by_key.get(&key)
    }

    /// True when the gazetteer lists `name` as an entity of this kind that fits `year`.
    pub(super) fn knows(&self, kind: EntityKind, name: &str, when: When<'_>) -> bool {
        self.entry(kind, name, when).is_some()
    }

    /// Canonical name for a name found by rules or tagger: the gazetteer's, if it knows the
    /// name under this kind at this date; otherwise the name itself with whitespace
    /// normalised (a name that fits no dated entry stays the article's own), and a name in
    /// capitals (a headline, a dateline, a results table: "SAN DIEGO") with its case
    /// restored, so that it is the same entity as the name written normally.
    pub(super) fn canonical_for<'a>(
        &'a self,
        kind: EntityKind,
        name: &'a str,
        when: When<'_>,
    ) -> Cow<'a, str> {
        let listed = |name: &str| {
            self.entry(kind, name, when)
                .map(|t| self.targets[t as usize].1.as_str())
        };
        if let Some(canonical) = listed(name) {
            return Cow::Borrowed(canonical);
        }
        // "International Business Machines Corp." is the listed IBM; "A.N.C." the ANC.
        if kind == EntityKind::Org {
            if let Some(canonical) = super::fragments::without_legal_form(name).and_then(listed) {
                return Cow::Borrowed(canonical);
            }
            if let Some(plain) = undotted_acronym(name) {
                return listed(&plain).map_or(Cow::Owned(plain), Cow::Borrowed);
            }
        }
        // "Thomas P. (Tip) O'Neill Jr.", "Edmund G. \"Pat\" Brown": the person a list knows
        // by the nickname or the given names with the surname, or else the name without the
        // nickname, as other stories write it ("Edmund G. Brown").
        if kind == EntityKind::Person
            && let Some(nicknamed) = super::nicknames::Nicknamed::parse(name)
        {
            let [by_nickname, plain] = nicknamed.plain_forms();
            for form in [&by_nickname, &plain] {
                if let Some(canonical) = listed(form)
                    .or_else(|| without_middle_names(form).and_then(|short| listed(&short)))
                {
                    return Cow::Borrowed(canonical);
                }
            }
            return Cow::Owned(plain);
        }
        // "Mikhail S. Gorbachev", "Gerald Rudolph Ford": the listed person without the
        // middle name or initials.
        if kind == EntityKind::Person
            && let Some(short) = without_middle_names(name)
            && let Some(canonical) = listed(&short)
        {
            return Cow::Borrowed(canonical);
        }
        if kind == EntityKind::Person
            && let Some(canonical) = self.by_formal_given_name(name, when)
        {
            return Cow::Borrowed(canonical);
        }
        let written = match restored_case(&normalize_space(name)) {
            Some(restored) => match listed(&restored) {
                Some(canonical) => return Cow::Borrowed(canonical),
                // "the NZRFU said", "UNITA rebels": one word in capitals that no list knows
                // is an organisation's acronym as written, not a name shouted ("BURNLEY 0
                // SOUTHAMPTON 2" are clubs of a town's name, "LOWE'S" a possessive).
                None if kind == EntityKind::Org
                    && !name.trim().contains([' ', '\'', '\u{2019}'])
                    && !super::fragments::is_city(&restored)
                    && !self.knows(EntityKind::Place, &restored, when) =>
                {
                    normalize_space(name)
                }
                None => Cow::Owned(restored),
            },
            None => normalize_space(name),
        };
        // "American Motors Corp" and "American Motors" are one company, whichever an
        // article writes: its name without the legal form.
        if kind == EntityKind::Org
            && let Some(short) = super::fragments::company_without_legal_form(&written)
        {
            // "the Municipal Assistance Corporation", "the Industrial Reorganisation Corp.",
            // "the Ghana Broadcasting Corporation": a public corporation named for what it
            // does keeps the word, in one spelling. Not a firm's trade ("Digital Equipment",
            // "Westpac Banking", "Continental Insurance": called so without it too).
            let form = written[short.len()..].trim_start_matches([',', ' ']);
            let purpose = short.rsplit(' ').next().is_some_and(|last| {
                last == "Broadcasting"
                    || !matches!(last, "Finance" | "Insurance")
                        && ["ance", "ence", "tion", "sion"]
                            .iter()
                            .any(|end| last.ends_with(end))
            });
            let short = if purpose && matches!(form, "Corporation" | "Corp" | "Corp.") {
                format!("{short} Corporation")
            } else {
                short.to_string()
            };
            return listed(&short).map_or(Cow::Owned(short), Cow::Borrowed);
        }
        written
    }

    /// "William H. Gates" in a 1995 story is the listed "Bill Gates": the one listed person
    /// of the name's surname whose given name is a form of the name's (`given_name_forms.txt`)
    /// and whose years hold the article's (as for a surname: the name is not the listed
    /// one, so a dated article and a dated entry only; "James H. Clark" of 1995 is no
    /// racing driver of the 1960s).
    fn by_formal_given_name(&self, name: &str, when: When<'_>) -> Option<&str> {
        let name = normalize_space(name);
        let ids = self.surnames.get(&name_key(surname_of(&name)?))?;
        let mut fitting = ids.iter().copied().filter(|&t| {
            let listed = &self.targets[t as usize].1;
            self.is_dated(t)
                && self.fits(t, NameForm::Partial, when.year)
                && super::person_names::one_person(&name, listed, FamiliarForms::Agree)
        });
        let first = fitting.next()?;
        fitting
            .all(|t| !self.other_entity(t, first))
            .then(|| self.targets[first as usize].1.as_str())
    }

    /// The gazetteer's "<org> summit" event for an org, by the org's canonical name.
    pub(super) fn summit_event(&self, org: &str) -> Option<&str> {
        let ids = self.by_key.get(&name_key(org))?;
        let event = ids.iter().find_map(|t| self.summit_of.get(t))?;
        Some(self.targets[*event as usize].1.as_str())
    }
}

/// The last word of a person's name of two words or more, if it can be a surname: a
/// capitalised word of three letters or more ("Ford" of "Gerald R. Ford"; not "Jr." nor "Xi").
fn surname_of(name: &str) -> Option<&str> {
    let (rest, last) = name.trim().rsplit_once(' ')?;
    (!rest.trim().is_empty()
        && last.chars().count() >= 3
        && last.starts_with(char::is_uppercase)
        && last
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\''))
    .then_some(last)
}

/// A person's name of three words or more without its middle names and initials
/// ("Mikhail S. Gorbachev" -> "Mikhail Gorbachev"); `None` when there are none to drop, when
/// the first word is an initial ("H. Norman Schwarzkopf" is known by his middle name), or
/// when a lowercase particle ("Perez de Cuellar") or a suffix ("Jr.") makes the last word no
/// plain surname.
fn without_middle_names(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let (first, last) = (words.first()?, words.last()?);
    // Letters only, and a lowercase one: not "Jr.", "III" nor an initial.
    let plain = |w: &str| {
        w.chars().count() > 2
            && w.chars().all(char::is_alphabetic)
            && w.chars().any(char::is_lowercase)
    };
    (words.len() >= 3
        && plain(first)
        && plain(last)
        && words.iter().all(|w| w.starts_with(char::is_uppercase)))
    .then(|| format!("{first} {last}"))
}

/// Whether an event's name says it is planned years ahead: games, cups, leagues, fairs,
/// shows, championships, tournaments, jubilees, festivals, summits, conferences ("COP26"),
/// meetings, elections, referendums, coronations.
fn is_planned_event(canonical: &str) -> bool {
    const PLANNED: &[&str] = &[
        "championship",
        "championships",
        "conference",
        "contest",
        "cop",
        "copa",
        "coronation",
        "cup",
        "election",
        "elections",
        "euro",
        "expo",
        "exposition",
        "fair",
        "festival",
        "forum",
        "games",
        "jubilee",
        "league",
        "meeting",
        "olympiad",
        "olympics",
        "referendum",
        "show",
        "summit",
        "tournament",
    ];
    canonical
        .split(|c: char| !c.is_alphanumeric())
        .map(|word| {
            word.trim_end_matches(|c: char| c.is_ascii_digit())
                .to_lowercase()
        })
        .any(|word| PLANNED.contains(&word.as_str()))
}

/// Whether `name` is a full name of the entry `canonical` of this kind: the canonical name
/// itself (unless a title makes it a surname, see [`names_by_title`]), a person's name of two
/// words or more ("Gerhard Stoltenberg", "J.D. Vance"), or a
/// name of anything else of two words or more not in capitals ("European Economic
/// Community"). Surnames, acronyms and one-word names are partial.
pub(super) fn name_form(kind: EntityKind, name: &str, canonical: &str) -> NameForm {
    // Even as the listed name: "Lord Salisbury" of the 1890s is another man in the 1950s.
    if kind == EntityKind::Person && names_by_title(name) {
        return NameForm::Titled;
    }
    // The canonical name, or it spelt otherwise ("Wal-Mart" for "Walmart").
    let (key, canonical) = (name_key(name), name_key(canonical));
    if key == canonical || key.replace(' ', "") == canonical.replace(' ', "") {
        return NameForm::Full;
    }
    let words = name.split_whitespace().count();
    let full = words >= 2 && (kind == EntityKind::Person || name.chars().any(char::is_lowercase));
    if full {
        NameForm::Full
    } else {
        NameForm::Partial
    }
}

/// Whether a person's name is a title and one word ("Mrs Simpson", "Lord Derby", "President
/// Harrison", "King Alfonso") or a peer's title ("Earl of Derby", "Princess of Wales"): such a
/// name passes from holder to holder, or is a surname with a courtesy, so in a dated article
/// it links as a surname does, only within the listed person's years
/// ([`NameForm::Titled`]).
fn names_by_title(name: &str) -> bool {
    let mut words = name.split_whitespace();
    let (Some(first), Some(_), None) = (words.next(), words.next(), words.next()) else {
        return words::is_peerage(name)
            || name.starts_with("Prince of ")
            || name.starts_with("Princess of ");
    };
    let first = first.trim_end_matches('.');
    // "Sheikh Hasina": in South Asia a part of the name.
    first != "Sheikh"
        && (words::is_title_cue(first) || words::is_noble(first) || words::is_monarch_title(first))
}

/// A name written in capitals as a name is written ("SAN DIEGO" -> "San Diego", "BANK OF
/// ENGLAND" -> "Bank of England"), or `None` when it is not in capitals or reads as an
/// acronym: a name needs a word of five letters or more ("NATO", "BMW AG" stay), and words of up to
/// three letters keep their capitals ("IBM HOLDINGS" -> "IBM Holdings") unless they are the short
/// words of place and company names.
pub(super) fn restored_case(name: &str) -> Option<String> {
    const LOWER: &[&str] = &[
        "and", "de", "del", "der", "des", "di", "du", "for", "of", "the",
    ];
    const TITLED: &[&str] = &[
        "al", "el", "fort", "ft", "la", "las", "le", "los", "mt", "new", "old", "san", "st", "van",
        "von",
    ];
    let shouting = !name.chars().any(char::is_lowercase)
        && name
            .split(' ')
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 5);
    if !shouting {
        return None;
    }
    let restored = name
        .split(' ')
        .enumerate()
        .map(|(i, word)| {
            let lower = word.to_lowercase();
            let letters = word.chars().filter(|c| c.is_alphabetic()).count();
            if i > 0 && LOWER.contains(&lower.as_str()) {
                lower
            } else if letters >= 4 || TITLED.contains(&lower.as_str()) {
                title_case(&lower)
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    Some(restored)
}

/// "san" -> "San"; after a hyphen, and after an apostrophe that follows a first letter, a
/// name starts again ("o'neill" -> "O'Neill", "al-assad" -> "Al-Assad"; "bank's" stays).
pub(super) fn title_case(lower: &str) -> String {
    let mut out = String::with_capacity(lower.len());
    let mut start = true;
    for (i, c) in lower.chars().enumerate() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = c == '-' || (c == '\'' && i == 1);
    }
    out
}

/// A hit counts only on word boundaries ("Rome" in "Romeo" does not); a possessive
/// ("Trump's") is fine, an "O'Neill"-like continuation is not.
fn on_word_boundaries(text: &str, s: usize, e: usize) -> bool {
    let mut before = text[..s].chars().rev();
    match before.next() {
        Some(c) if c.is_alphanumeric() => return false,
        Some('\'' | '’') if before.next().is_some_and(char::is_alphanumeric) => return false,
        _ => {}
    }
    let mut after = text[e..].chars();
    match after.next() {
        Some(c) if c.is_alphanumeric() => false,
        Some('\'' | '’') => {
            let rest = after.as_str();
            let possessive = rest.starts_with('s') && !rest[1..].starts_with(char::is_alphanumeric);
            !rest.starts_with(char::is_alphanumeric) || possessive
        }
        _ => true,
    }
}

fn case_rule(alias: &str) -> CaseRule {
    let letters = alias.chars().filter(|c| c.is_alphabetic());
    let (mut n, mut lower) = (0, false);
    for c in letters {
        n += 1;
        lower |= c.is_lowercase();
    }
    match (lower, n) {
        (false, 1..=3) => CaseRule::Exact,
        (false, _) => CaseRule::CapsOrTitle,
        (true, _) => CaseRule::Capitalised,
    }
}

/// `span` is `alias` up to ASCII case (the automaton guarantees it); is the case acceptable?
fn case_ok(rule: CaseRule, alias: &str, span: &str) -> bool {
    match rule {
        CaseRule::Exact => span == alias,
        CaseRule::CapsOrTitle => {
            let mut letters = span.chars().filter(|c| c.is_alphabetic());
            span == alias
                || (letters.next().is_some_and(char::is_uppercase)
                    && letters.all(char::is_lowercase))
        }
        CaseRule::Capitalised => {
            // "the Hague" for "The Hague": the article is written lowercase mid-sentence.
            let (alias, span) = match (alias.strip_prefix("The "), span.strip_prefix("the ")) {
                (Some(a), Some(s)) => (a, s),
                _ => (alias, span),
            };
            // An alias the gazetteer writes lowercase ("war in Ukraine", "al-Qaeda") is meant
            // to match lowercase text; any other must start with a capital or digit.
            let lower_alias = alias.starts_with(char::is_lowercase);
            if !lower_alias && !span.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
                return false;
            }
            let (a, s) = (alias.as_bytes(), span.as_bytes());
            (0..a.len().min(s.len())).all(|p| {
                let word_start = p == 0 || matches!(a[p - 1], b' ' | b'-');
                !(word_start && a[p].is_ascii_uppercase()) || s[p].is_ascii_uppercase()
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{builtin, find, names};
    use super::{restored_case, surname_of, without_middle_names};
    use crate::article::EntityKind;

    #[test]
    fn names_in_capitals_get_a_names_case_and_acronyms_keep_theirs() {
        let restored = |name| restored_case(name);
        assert_eq!(restored("SAN DIEGO").as_deref(), Some("San Diego"));
        assert_eq!(restored("ST LOUIS").as_deref(), Some("St Louis"));
        assert_eq!(restored("BALTIMORE").as_deref(), Some("Baltimore"));
        assert_eq!(
            restored("BANK OF ENGLAND").as_deref(),
            Some("Bank of England")
        );
        assert_eq!(restored("IBM HOLDINGS").as_deref(), Some("IBM Holdings"));
        assert_eq!(restored("O'NEILL").as_deref(), Some("O'Neill"));
        assert_eq!(restored("AL-ASSAD").as_deref(), Some("Al-Assad"));
        assert_eq!(restored("MOODY'S").as_deref(), Some("Moody's"));
        assert_eq!(restored("MÜNCHEN").as_deref(), Some("München"));
        // Acronyms, and names already in a name's case, are left as they are.
        for name in [
            "NATO",
            "BMW AG",
            "IBM CORP",
            "U.S.",
            "San Diego",
            "McDONALD",
            "EC",
        ] {
            assert_eq!(restored(name), None, "{name}");
        }
    }

    #[test]
    fn a_name_in_capitals_is_the_entity_written_normally() {
        let lex = super::Lexicon::new(&crate::enrich::gazetteer::Gazetteer::builtin());
        let canonical = |kind, name| {
            lex.canonical_for(kind, name, super::When::default())
                .into_owned()
        };
        assert_eq!(canonical(EntityKind::Org, "SAN DIEGO"), "San Diego");
        // The gazetteer's name when it lists the restored one.
        assert_eq!(canonical(EntityKind::Place, "SOUTH KOREA"), "South Korea");
        assert_eq!(canonical(EntityKind::Org, "NATO"), "NATO");
        assert_eq!(canonical(EntityKind::Org, "ACME"), "ACME");
    }

    #[test]
    fn aliases_collapse_to_one_canonical_entity() {
        let es = builtin().extract(
            "US and U.S. talks",
            "The United States said America and the USA would act. U.S.-China ties.",
        );
        let us = find(&es, EntityKind::Place, "United States").unwrap();
        assert_eq!(us.mentions, 6);
        assert_eq!(
            us.aliases,
            ["US", "U.S.", "United States", "America", "USA"]
        );
        assert_eq!(names(&es, EntityKind::Place), ["United States", "China"]);
    }

    #[test]
    fn matches_need_word_boundaries() {
        let es = builtin().extract("", "Romeo read about Putinism in Chinatown and Omani food.");
        assert!(es.is_empty(), "{es:?}");
        let es = builtin().extract("", "A Russia-Ukraine deal, then Ukraine-Russia talks.");
        assert_eq!(names(&es, EntityKind::Place), ["Russia", "Ukraine"]);
    }

    #[test]
    fn case_rules_keep_common_words_out() {
        let es = builtin().extract(
            "",
            "Give us the fine china and the turkey. Let us go, who knows. The eu flag. \
             Us too. Nato and NATO both count, as does the WHO.",
        );
        assert_eq!(names(&es, EntityKind::Place), Vec::<&str>::new());
        let nato = find(&es, EntityKind::Org, "NATO").unwrap();
        assert_eq!(nato.mentions, 2);
        assert!(find(&es, EntityKind::Org, "World Health Organization").is_some());
        assert_eq!(es.len(), 2, "{es:?}");
    }

    /// Two entries share "George Bush" and "Bush"; their years decide, and an undated
    /// article links neither.
    #[test]
    fn a_shared_name_goes_to_the_entry_of_the_article_s_year() {
        let body = "George Bush spoke. Bush said the talks went well.";
        let person = |year: Option<i32>| {
            let es = match year {
                Some(y) => builtin().extract_dated("", body, y),
                None => builtin().extract("", body),
            };
            names(&es, EntityKind::Person).join("|")
        };
        assert_eq!(person(Some(1988)), "George H. W. Bush");
        assert_eq!(person(Some(2004)), "George W. Bush");
        let undated = person(None);
        assert!(
            !undated.contains("H. W.") && !undated.contains("W. Bush"),
            "{undated}"
        );
    }

    #[test]
    fn possessives_match_with_either_apostrophe() {
        let es = builtin().extract_dated(
            "",
            "Trump's plan met Russia’s terms and the Kremlin's.",
            2025,
        );
        assert_eq!(
            find(&es, EntityKind::Person, "Donald Trump")
                .unwrap()
                .aliases,
            ["Trump"]
        );
        assert!(find(&es, EntityKind::Place, "Russia").is_some());
        assert!(find(&es, EntityKind::Org, "Kremlin").is_some());
    }

    #[test]
    fn an_acronym_in_another_language_has_the_initials_in_another_order() {
        use super::is_translated_acronym_of as translated;
        assert!(translated("PRI", "Institutional Revolutionary Party"));
        assert!(translated("FSLN", "Sandinista National Liberation Front"));
        assert!(!translated("PKK", "Kurdistan Workers Party"));
        assert!(!translated("UN", "Nations United"));
        assert!(!translated("PRIX", "Institutional Revolutionary Party"));
    }

    #[test]
    fn dotted_acronyms_lose_their_dots() {
        assert_eq!(super::undotted_acronym("A.N.C.").as_deref(), Some("ANC"));
        assert_eq!(super::undotted_acronym("U.N.").as_deref(), Some("UN"));
        assert_eq!(super::undotted_acronym("J."), None);
        assert_eq!(super::undotted_acronym("A.N.C"), None);
        assert_eq!(super::undotted_acronym("Inc."), None);
        let lex = &builtin().lexicon;
        let when = super::When::default();
        let org = |name| lex.canonical_for(EntityKind::Org, name, when).into_owned();
        assert_eq!(org("A.N.C."), "ANC");
        assert_eq!(org("International Business Machines Corp."), "IBM");
        // A company's canonical name goes without its legal form, but not to one word.
        assert_eq!(org("Widget Makers Inc"), "Widget Makers");
        assert_eq!(org("WIDGET MAKERS CO LTD"), "Widget Makers");
        assert_eq!(org("Lindholm Harbour and Co"), "Lindholm Harbour");
        assert_eq!(org("News Corp"), "News Corp");
        assert_eq!(org("National Bank Ltd"), "National Bank Ltd");
        assert_eq!(
            org("Royal Shakespeare Company"),
            "Royal Shakespeare Company"
        );
        assert!(super::is_acronym_of("AMC", "American Motors"));
        assert!(!super::is_acronym_of("AC", "American Motors"));
    }

    #[test]
    fn middle_names_and_surnames_of_listed_persons() {
        assert_eq!(
            without_middle_names("Mikhail S. Gorbachev").as_deref(),
            Some("Mikhail Gorbachev")
        );
        assert_eq!(
            without_middle_names("Gerald Rudolph Ford").as_deref(),
            Some("Gerald Ford")
        );
        assert_eq!(without_middle_names("Gerald Ford"), None);
        assert_eq!(without_middle_names("H. Norman Schwarzkopf"), None);
        assert_eq!(without_middle_names("James A. Baker III"), None);
        assert_eq!(without_middle_names("Edmund G. Brown Jr."), None);
        assert_eq!(without_middle_names("Javier Perez de Cuellar"), None);
        assert_eq!(surname_of("Gerald R. Ford"), Some("Ford"));
        assert_eq!(surname_of("Xi Jinping"), Some("Jinping"));
        assert_eq!(surname_of("Martin Luther King Jr."), None);
        assert_eq!(surname_of("Madonna"), None);
    }
}
