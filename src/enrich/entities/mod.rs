//! Named-entity extraction: gazetteer matches plus a few capitalisation rules, resolved to one
//! canonical name per real-world thing within an article.
//!
//! Three passes over the title and the body:
//!
//! 1. **Gazetteer.** One Aho-Corasick automaton (leftmost-longest, ASCII case-insensitive)
//!    over every name in the [`Gazetteer`]. A hit counts only if it sits on word boundaries at
//!    both ends ("Rome" in "Romeo" does not), starts with a capital or digit (so "china" the
//!    porcelain and "us" the pronoun do not) and, for all-caps aliases of up to three letters
//!    ("US", "UK", "EU", "WHO"), is written exactly so. Longer all-caps aliases also accept
//!    newspaper title case ("Nato", "Opec"). Possessives ("Trump's", "Russia’s") match. A
//!    rejected hit does not hide a shorter one: the scan resumes one character later. Events
//!    are also scanned inside for places, orgs and persons ("Victory over Japan" mentions Japan).
//! 2. **Rules** (see the `rules` module) over runs of capitalised words the gazetteer did not
//!    claim: a title cue makes a person ("President Amara Okonkwo"), an organisation head word
//!    an org ("... Ministry", "Bank of ..."), an event head word an event ("... War",
//!    "... Summit"), and two or three capitalised words before "said"/"told" a person. A known
//!    org followed or preceded by "summit" ("the SCO summit", "summit of the SCO") is an event,
//!    named by the gazetteer's `<org> summit` event if there is one, else "<org canonical>
//!    summit". A single capitalised word is never an entity by rule alone, which is what keeps
//!    "Stressing", "Notably" or "According" out.
//! 3. **In-article resolution.** "Shanghai Cooperation Organisation (SCO)" makes "SCO" an alias
//!    of that org for this article (overriding the gazetteer); a leftover single word or name
//!    equal to the surname (or full name) of exactly one person named in full in the article
//!    resolves to that person. Headlines often use the surname before the body gives the full
//!    name, so resolution looks at the whole article, not only at earlier text.

use std::borrow::Cow;
use std::collections::HashMap;

use aho_corasick::{AhoCorasick, Input, MatchKind};

use crate::article::{Entity, EntityKind};
use crate::enrich::gazetteer::{Gazetteer, name_key};

mod demonyms;

/// Bump when the extraction rules change what comes out of the same text, so the next index
/// run re-extracts every file (the ingest fingerprint includes it).
pub const EXTRACTION_VERSION: u32 = 6;

/// The built-in data the rules read besides the gazetteer (the demonym table), for the
/// ingest fingerprint.
pub fn rules_data() -> &'static str {
    demonyms::BUILTIN
}
mod rules;
mod tagged;

pub use tagged::TaggedSpans;

use crate::enrich::ner::Tagger;

/// What finds the names the gazetteer does not know, in one segment.
enum SecondPass<'s> {
    Off,
    /// Capitalisation and cue-word rules (no model).
    Rules,
    /// Spans from the trained tagger.
    Tagged(&'s [tagged::TaggedSpan]),
}

/// Compiled once from a [`Gazetteer`]; `extract` takes `&self` and allocates only per article.
pub struct EntityExtractor {
    automaton: AhoCorasick,
    /// Per automaton pattern (one per distinct ASCII-lowercased name): the spellings that
    /// share it, each with the entity it names.
    patterns: Vec<Vec<Variant>>,
    /// (kind, canonical) of every gazetteer entry, by entry number.
    targets: Vec<(EntityKind, String)>,
    /// `name_key` -> entry numbers, to canonicalise names the rules find.
    by_key: HashMap<String, Vec<u32>>,
    /// Org entry -> the event entry "<org> summit", when the gazetteer lists one.
    summit_of: HashMap<u32, u32>,
    /// The trained tagger for pass 2; `None` uses the rules instead.
    tagger: Option<&'static Tagger>,
    /// Nationality words that add their place ("Russian" -> Russia).
    demonyms: demonyms::Demonyms,
}

struct Variant {
    case: CaseRule,
    /// The spelling as written in the gazetteer; the case rule compares against it.
    alias: String,
    target: u32,
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

impl EntityExtractor {
    pub fn new(gazetteer: &Gazetteer) -> EntityExtractor {
        let mut targets = Vec::new();
        let mut by_key: HashMap<String, Vec<u32>> = HashMap::new();
        let mut pattern_ids: HashMap<String, usize> = HashMap::new();
        let mut pattern_texts: Vec<String> = Vec::new();
        let mut patterns: Vec<Vec<Variant>> = Vec::new();
        for (n, entry) in gazetteer.entries().enumerate() {
            let target = n as u32;
            targets.push((entry.kind, entry.canonical.clone()));
            for name in entry.names() {
                let ids = by_key.entry(name_key(name)).or_default();
                if !ids.contains(&target) {
                    ids.push(target);
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
        let demonyms = demonyms::Demonyms::builtin(&by_key, &targets);
        EntityExtractor {
            automaton,
            patterns,
            targets,
            by_key,
            summit_of,
            tagger: None,
            demonyms,
        }
    }

    /// Uses the trained tagger instead of the capitalisation rules for names the gazetteer
    /// does not know.
    pub fn with_tagger(mut self, tagger: &'static Tagger) -> EntityExtractor {
        self.tagger = Some(tagger);
        self
    }

    /// All entities of one article, title and body both counted, sorted by kind, then by
    /// mentions (most first), then by name.
    pub fn extract(&self, title: &str, body: &str) -> Vec<Entity> {
        self.extract_tagged(title, body).0
    }

    /// Like [`Self::extract`], and also returns the tagger's spans (when there is a tagger),
    /// for [`Self::extract_with_spans`] to reuse.
    pub fn extract_tagged(&self, title: &str, body: &str) -> (Vec<Entity>, Option<TaggedSpans>) {
        let tagged = self.tagger.map(|t| tagged::tag(t, title, body));
        let entities = self.extract_from(title, body, tagged.as_ref());
        (entities, tagged)
    }

    /// The entities of an article whose tagger spans are already known: gazetteer, rules and
    /// resolution run again (they follow the alias lists), the tagger does not.
    pub fn extract_with_spans(&self, title: &str, body: &str, spans: &TaggedSpans) -> Vec<Entity> {
        self.extract_from(title, body, Some(spans))
    }

    fn extract_from(&self, title: &str, body: &str, tagged: Option<&TaggedSpans>) -> Vec<Entity> {
        let mut art = ArticleState::default();
        let (title_pass, body_pass) = match tagged {
            Some(spans) => (
                SecondPass::Tagged(&spans.title),
                SecondPass::Tagged(&spans.body),
            ),
            None => (SecondPass::Rules, SecondPass::Rules),
        };
        // Headlines In Title Case defeat both rules and tagger: gazetteer matches only.
        let title_pass = if looks_title_case(title) {
            SecondPass::Off
        } else {
            title_pass
        };
        self.scan_segment(title, 0, title_pass, &mut art);
        self.scan_segment(body, title.len() + 1, body_pass, &mut art);
        self.resolve(&mut art);
        aggregate(art.mentions)
    }

    /// Passes 1 and 2 over one segment; `base` makes positions unique across segments.
    fn scan_segment<'a>(
        &'a self,
        text: &'a str,
        base: usize,
        second: SecondPass<'_>,
        art: &mut ArticleState<'a>,
    ) {
        let mut tokens = tokenize(text);
        let first = art.mentions.len();
        self.gazetteer_matches(text, 0..text.len(), None, base, &mut art.mentions);
        // Mark the tokens each gazetteer hit covers, so rules only see what is left.
        let mut m = first;
        for (t, tok) in tokens.iter_mut().enumerate() {
            let pos = base + tok.start;
            while m < art.mentions.len() && art.mentions[m].end <= pos {
                m += 1;
            }
            if m < art.mentions.len() && art.mentions[m].pos <= pos {
                tok.covered = m as u32;
                let _ = t;
            }
        }
        let mut inside_names = Vec::new();
        match second {
            SecondPass::Off => {}
            SecondPass::Rules => rules::apply(self, text, base, &tokens, art),
            SecondPass::Tagged(spans) => {
                tagged::apply(self, text, base, spans, art);
                inside_names = tagged::multiword_misc(text, spans);
            }
        }
        self.demonyms
            .apply(self, text, base, &tokens, &inside_names, art);
        // "the SCO summit", "summit of the Shanghai Cooperation Organisation"
        let orgs: Vec<usize> = (first..art.mentions.len())
            .filter(|&i| art.mentions[i].kind == EntityKind::Org && !art.mentions[i].removed)
            .collect();
        for i in orgs {
            self.summit_and_acronym(text, base, i, art);
        }
    }

    /// Gazetteer hits inside `range` of `text`, appended to `out` in text order.
    fn gazetteer_matches<'a>(
        &'a self,
        text: &'a str,
        range: std::ops::Range<usize>,
        inside: Option<(usize, usize)>,
        base: usize,
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
            let target = self.accept(text, s, e, m.pattern().as_usize());
            match target {
                Some(t) if inside.is_none() || self.targets[t as usize].0 != EntityKind::Event => {
                    let (kind, canonical) = &self.targets[t as usize];
                    let surface_start = if *kind == EntityKind::Person {
                        rules::cue_start(text, s)
                    } else {
                        s
                    };
                    out.push(Mention::new(
                        base + s,
                        base + e,
                        *kind,
                        Cow::Borrowed(canonical),
                        &text[surface_start..e],
                        &text[s..e],
                        true,
                    ));
                    if *kind == EntityKind::Event && inside.is_none() {
                        self.gazetteer_matches(text, s..e, Some((s, e)), base, out);
                    }
                    pos = e;
                }
                _ => pos = s + text[s..].chars().next().map_or(1, char::len_utf8),
            }
        }
    }

    /// The gazetteer entry a raw automaton hit stands for, if boundaries and case allow it.
    fn accept(&self, text: &str, s: usize, e: usize, pattern: usize) -> Option<u32> {
        let mut before = text[..s].chars().rev();
        match before.next() {
            Some(c) if c.is_alphanumeric() => return None,
            Some('\'' | '’') if before.next().is_some_and(char::is_alphanumeric) => return None,
            _ => {}
        }
        let mut after = text[e..].chars();
        match after.next() {
            Some(c) if c.is_alphanumeric() => return None,
            Some('\'' | '’') => {
                // Possessive "Trump's" is fine; "O'Neill"-like continuations are not.
                let rest = after.as_str();
                let possessive =
                    rest.starts_with('s') && !rest[1..].starts_with(char::is_alphanumeric);
                if rest.starts_with(char::is_alphanumeric) && !possessive {
                    return None;
                }
            }
            _ => {}
        }
        let span = &text[s..e];
        // Later variants come from later (user) entries, which win.
        self.patterns[pattern]
            .iter()
            .rev()
            .find(|v| case_ok(v.case, &v.alias, span))
            .map(|v| v.target)
    }

    /// After an org mention: "(ACR)" defines an article-local acronym, and a following or
    /// preceding "summit" makes an event.
    fn summit_and_acronym<'a>(
        &'a self,
        text: &'a str,
        base: usize,
        i: usize,
        art: &mut ArticleState<'a>,
    ) {
        let (s, e) = (art.mentions[i].pos - base, art.mentions[i].end - base);
        let mut after = e;
        let rest = &text[e..];
        let trimmed = rest.trim_start_matches(' ');
        if let Some(inner) = trimmed.strip_prefix('(') {
            let len = inner.find(')').unwrap_or(usize::MAX);
            let acr = inner.get(..len).unwrap_or("");
            // Only when the match is the whole name in front of the brackets, and the
            // acronym starts like it: "Trades Union Congress (TUC)" must not make TUC an
            // alias of the "Congress" the gazetteer matched inside it.
            let preceded_by_name = text[..s]
                .trim_end_matches(' ')
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.starts_with(char::is_uppercase) && !rules::is_stopword(w));
            let same_initial =
                text[s..].chars().next().map(|c| c.to_ascii_uppercase()) == acr.chars().next();
            if (2..=10).contains(&acr.len())
                && acr
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && same_initial
                && !preceded_by_name
            {
                let acr_pos = base + e + (rest.len() - trimmed.len()) + 1;
                let m = &art.mentions[i];
                art.acronyms
                    .push((acr, m.kind, m.canonical.clone(), acr_pos));
                after = acr_pos - base + len + 1;
            }
        }
        let tail = text[after..].trim_start_matches(' ');
        let summit_end = ["summit", "Summit"].iter().find_map(|w| {
            let rest = tail.strip_prefix(w)?;
            (!rest.starts_with(char::is_alphanumeric)).then(|| text.len() - rest.len())
        });
        let head = &text[..s];
        let summit_start = [
            "summit of the ",
            "Summit of the ",
            "summit of ",
            "Summit of ",
        ]
        .iter()
        .find_map(|p| head.strip_suffix(p).map(str::len));
        let span = match (summit_start, summit_end) {
            (_, Some(end)) => s..end,
            (Some(start), None) => start..e,
            (None, None) => return,
        };
        let org = &art.mentions[i];
        let canonical = match self
            .by_key
            .get(&name_key(&org.canonical))
            .and_then(|ids| ids.iter().find_map(|t| self.summit_of.get(t)))
        {
            Some(&ev) => Cow::Borrowed(self.targets[ev as usize].1.as_str()),
            None => Cow::Owned(format!("{} summit", org.canonical)),
        };
        let surface = &text[span.clone()];
        art.mentions.push(Mention::new(
            base + span.start,
            base + span.end,
            EntityKind::Event,
            canonical,
            surface,
            surface,
            false,
        ));
    }

    /// Pass 3: acronyms defined in the article, then surnames.
    fn resolve<'a>(&'a self, art: &mut ArticleState<'a>) {
        for (acr, kind, canonical, pos) in art.acronyms.clone() {
            for m in art.mentions.iter_mut() {
                if m.name == acr && !m.removed {
                    m.kind = kind;
                    m.canonical = canonical.clone();
                    m.counted = m.pos != pos;
                }
            }
            for run in art.leftover.iter_mut().filter(|r| r.text == acr) {
                art.mentions.push(Mention {
                    counted: run.pos != pos,
                    ..Mention::new(
                        run.pos,
                        run.pos + acr.len(),
                        kind,
                        canonical.clone(),
                        acr,
                        acr,
                        false,
                    )
                });
                run.text = "";
            }
        }
        self.one_kind_per_name(art);
        // Full names written out in this article, keyed by themselves and by their surname.
        let mut names: HashMap<&str, Option<Cow<'a, str>>> = HashMap::new();
        for m in &art.mentions {
            if m.kind == EntityKind::Person && !m.removed && m.name.contains(' ') {
                let full = &m.canonical;
                let surname = m.name.rsplit(' ').next().unwrap_or(m.name);
                for key in [m.name, surname] {
                    match names.get(key) {
                        Some(Some(c)) if c != full => {
                            names.insert(key, None);
                        }
                        Some(_) => {}
                        None => {
                            names.insert(key, Some(full.clone()));
                        }
                    }
                }
            }
        }
        for m in art.mentions.iter_mut() {
            if m.kind == EntityKind::Person
                && !m.gazetteer
                && !m.name.contains(' ')
                && let Some(Some(full)) = names.get(m.name)
            {
                m.canonical = full.clone();
            }
        }
        for run in &art.leftover {
            if let Some(Some(full)) = names.get(run.text) {
                art.mentions.push(Mention::new(
                    run.pos,
                    run.pos + run.text.len(),
                    EntityKind::Person,
                    full.clone(),
                    run.text,
                    run.text,
                    false,
                ));
            }
        }
    }
}

impl EntityExtractor {
    /// The tagger reads each sentence on its own, so one article can call "Nokia" an
    /// organisation twice and a place once. A name takes one kind throughout the article: the
    /// gazetteer's if it matched the name here, else the kind most of its mentions have (ties
    /// go to the earliest).
    fn one_kind_per_name<'a>(&'a self, art: &mut ArticleState<'a>) {
        struct Votes {
            counts: [u32; 4],
            /// Position and kind slot of the earliest mention.
            first: (usize, usize),
            gazetteer: Option<EntityKind>,
        }
        let slot = |kind: EntityKind| EntityKind::ALL.iter().position(|k| *k == kind);
        let mut votes: HashMap<&str, Votes> = HashMap::new();
        for m in art.mentions.iter().filter(|m| !m.removed) {
            let here = (m.pos, slot(m.kind).unwrap_or(0));
            let v = votes.entry(m.name).or_insert(Votes {
                counts: [0; 4],
                first: here,
                gazetteer: None,
            });
            v.first = v.first.min(here);
            if m.gazetteer {
                v.gazetteer.get_or_insert(m.kind);
            } else if let Some(i) = slot(m.kind) {
                v.counts[i] += 1;
            }
        }
        for m in art
            .mentions
            .iter_mut()
            .filter(|m| !m.removed && !m.gazetteer)
        {
            let Some(v) = votes.get(m.name) else { continue };
            let kind = v.gazetteer.unwrap_or_else(|| {
                let best = (0..4)
                    .max_by_key(|&i| (v.counts[i], i == v.first.1))
                    .unwrap_or(v.first.1);
                EntityKind::ALL[best]
            });
            if kind != m.kind {
                m.kind = kind;
                m.canonical = self.canonical_for(kind, m.name);
            }
        }
    }
}

/// One hit, gazetteer or rule, with positions unique across title and body.
struct Mention<'a> {
    pos: usize,
    end: usize,
    kind: EntityKind,
    canonical: Cow<'a, str>,
    /// What the article wrote, title cue included ("President Putin").
    surface: &'a str,
    /// The name without cue ("Putin"); a person's surname resolution looks at this.
    name: &'a str,
    /// From the gazetteer, whose reading of a bare surname is trusted over the article's.
    gazetteer: bool,
    /// False for the "(SCO)" right after "Shanghai Cooperation Organisation".
    counted: bool,
    /// Swallowed by a longer rule name ("Bank of Japan" takes Japan).
    removed: bool,
}

impl<'a> Mention<'a> {
    fn new(
        pos: usize,
        end: usize,
        kind: EntityKind,
        canonical: Cow<'a, str>,
        surface: &'a str,
        name: &'a str,
        gazetteer: bool,
    ) -> Mention<'a> {
        Mention {
            pos,
            end,
            kind,
            canonical,
            surface,
            name,
            gazetteer,
            counted: true,
            removed: false,
        }
    }
}

/// A run of capitalised words no rule claimed; pass 3 may still resolve it.
struct Leftover<'a> {
    pos: usize,
    text: &'a str,
}

/// Acronym, the entity it was defined for, and where the defining "(ACR)" stands.
type Acronym<'a> = (&'a str, EntityKind, Cow<'a, str>, usize);

#[derive(Default)]
struct ArticleState<'a> {
    mentions: Vec<Mention<'a>>,
    acronyms: Vec<Acronym<'a>>,
    leftover: Vec<Leftover<'a>>,
}

/// Folds mentions into one `Entity` per (kind, canonical), aliases in order of appearance.
fn aggregate(mut mentions: Vec<Mention<'_>>) -> Vec<Entity> {
    mentions.sort_by_key(|m| m.pos);
    let mut out: Vec<Entity> = Vec::new();
    let mut index: HashMap<(EntityKind, &str), usize> = HashMap::new();
    for m in mentions.iter().filter(|m| !m.removed) {
        let i = *index.entry((m.kind, &m.canonical)).or_insert_with(|| {
            out.push(Entity {
                kind: m.kind,
                canonical: m.canonical.to_string(),
                mentions: 0,
                aliases: Vec::new(),
            });
            out.len() - 1
        });
        let e = &mut out[i];
        e.mentions += u32::from(m.counted);
        let surface = normalize_space(m.surface);
        if !e.aliases.iter().any(|a| *a == surface) {
            e.aliases.push(surface.into_owned());
        }
    }
    out.retain(|e| e.mentions > 0);
    out.sort_by(|a, b| {
        (a.kind, std::cmp::Reverse(a.mentions), &a.canonical).cmp(&(
            b.kind,
            std::cmp::Reverse(b.mentions),
            &b.canonical,
        ))
    });
    out
}

/// Runs of whitespace (a name broken across a line) become one space.
fn normalize_space(s: &str) -> Cow<'_, str> {
    if s.contains(|c: char| c.is_whitespace() && c != ' ') || s.contains("  ") {
        Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
    } else {
        Cow::Borrowed(s)
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

/// Headlines In Title Case capitalise every word, which would feed the rules garbage; such
/// titles get gazetteer matching only.
fn looks_title_case(title: &str) -> bool {
    let (mut long, mut caps) = (0, 0);
    for w in title.split_whitespace() {
        if w.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
            long += 1;
            caps += usize::from(w.starts_with(char::is_uppercase));
        }
    }
    long >= 3 && caps * 4 >= long * 3
}

const NONE: u32 = u32::MAX;

/// A word or a single punctuation character. Words keep inner hyphens and apostrophes
/// ("al-Assad", "O'Neill") but not a possessive "'s", which is recorded instead.
#[derive(Clone, Copy, Debug)]
struct Token {
    start: usize,
    end: usize,
    word: bool,
    sent_start: bool,
    possessive: bool,
    newline_before: bool,
    /// Index of the gazetteer mention covering this token, or `NONE`.
    covered: u32,
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let (mut sent, mut newlines) = (true, 0);
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let start = i;
        i += c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' {
                newlines += 1;
                // A blank line ends a paragraph, hence a sentence.
                sent |= newlines >= 2;
            }
            continue;
        }
        let newline_before = newlines > 0;
        newlines = 0;
        let mut tok = Token {
            start,
            end: i,
            word: c.is_alphanumeric(),
            sent_start: sent,
            possessive: false,
            newline_before,
            covered: NONE,
        };
        if tok.word {
            loop {
                let mut cs = text[i..].chars();
                match cs.next() {
                    Some(d) if d.is_alphanumeric() => i += d.len_utf8(),
                    Some(d @ ('-' | '\'' | '’')) => {
                        let after = cs.as_str();
                        if d != '-'
                            && after.starts_with(['s', 'S'])
                            && !after[1..].starts_with(char::is_alphanumeric)
                        {
                            tok.possessive = true;
                            tok.end = i;
                            i += d.len_utf8() + 1;
                            break;
                        }
                        if !after.starts_with(char::is_alphanumeric) {
                            break;
                        }
                        i += d.len_utf8();
                    }
                    _ => break,
                }
            }
            if !tok.possessive {
                tok.end = i;
            }
            sent = false;
        } else {
            match c {
                '.' => {
                    // "Mr. Putin", "U.S. officials": no new sentence after an abbreviation.
                    let abbrev = out.last().is_some_and(|p| {
                        p.word && p.end == start && rules::is_abbrev(&text[p.start..p.end])
                    });
                    sent = !abbrev;
                }
                '!' | '?' | ':' => sent = true,
                '"' | '“' | '”' | '‘' | '’' | '\'' | '(' | '[' | '—' | '–' | '-' => {}
                _ => sent = false,
            }
        }
        out.push(tok);
    }
    out
}

impl EntityExtractor {
    /// Canonical name for a rule-found name: the gazetteer's, if it knows the name under this
    /// kind; otherwise the name itself with whitespace normalised.
    /// True when the gazetteer lists `name` as an entity of this kind.
    fn knows(&self, kind: EntityKind, name: &str) -> bool {
        self.by_key
            .get(&name_key(name))
            .is_some_and(|ids| ids.iter().any(|&t| self.targets[t as usize].0 == kind))
    }

    fn canonical_for<'a>(&'a self, kind: EntityKind, name: &'a str) -> Cow<'a, str> {
        let known = self.by_key.get(&name_key(name)).and_then(|ids| {
            ids.iter()
                .rev()
                .map(|&t| &self.targets[t as usize])
                .find(|(k, _)| *k == kind)
        });
        match known {
            Some((_, c)) => Cow::Borrowed(c.as_str()),
            None => normalize_space(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    pub(super) fn builtin() -> &'static EntityExtractor {
        static EX: OnceLock<EntityExtractor> = OnceLock::new();
        EX.get_or_init(|| EntityExtractor::new(&Gazetteer::builtin()))
    }

    pub(super) fn find<'e>(es: &'e [Entity], kind: EntityKind, name: &str) -> Option<&'e Entity> {
        es.iter().find(|e| e.kind == kind && e.canonical == name)
    }

    pub(super) fn names(es: &[Entity], kind: EntityKind) -> Vec<&str> {
        es.iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.canonical.as_str())
            .collect()
    }

    #[test]
    fn extractor_is_send_and_sync() {
        fn check<T: Send + Sync>() {}
        check::<EntityExtractor>();
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

    #[test]
    fn possessives_match_with_either_apostrophe() {
        let es = builtin().extract("", "Trump's plan met Russia’s terms and the Kremlin's.");
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
    fn surnames_resolve_only_when_unambiguous() {
        let es = builtin().extract(
            "",
            "Senator Anna Berg and Senator Lars Berg spoke. Mr Berg left. \
             Chancellor Ruth Solberg arrived; Solberg said little.",
        );
        let people = names(&es, EntityKind::Person);
        assert!(people.contains(&"Berg"), "{people:?}");
        assert_eq!(
            find(&es, EntityKind::Person, "Ruth Solberg")
                .unwrap()
                .mentions,
            2
        );
    }

    #[test]
    fn acronym_in_parentheses_becomes_a_local_alias() {
        let es = builtin().extract(
            "NGC warns",
            "The Northern Grain Council (NGC) met. The NGC said prices rose; the NGC's chief \
             agreed. The African Union (AU) sent observers to the AU summit.",
        );
        let ngc = find(&es, EntityKind::Org, "Northern Grain Council").unwrap();
        assert_eq!(ngc.mentions, 4);
        assert_eq!(ngc.aliases, ["NGC", "Northern Grain Council"]);
        let au = find(&es, EntityKind::Org, "African Union").unwrap();
        assert_eq!(au.mentions, 2);
        assert!(find(&es, EntityKind::Event, "African Union summit").is_some());
    }

    #[test]
    fn an_acronym_names_only_the_whole_name_before_it() {
        let es = builtin().extract(
            "",
            "The Trades Union Congress (TUC) met on Monday. The TUC said pay must rise.",
        );
        for e in &es {
            assert!(
                e.canonical == "TUC" || !e.aliases.iter().any(|a| a == "TUC"),
                "TUC became an alias of {}",
                e.canonical
            );
        }
    }

    #[test]
    fn summits_of_known_orgs_are_events_with_the_gazetteer_name() {
        let es = builtin().extract(
            "",
            "Leaders prepared the Shanghai Cooperation Organisation (SCO) summit, the upcoming \
             summit of the Shanghai Cooperation Organisation, and a G20 summit. The SCO met.",
        );
        let sco = find(&es, EntityKind::Event, "SCO summit").unwrap();
        assert_eq!(sco.mentions, 2);
        assert!(find(&es, EntityKind::Event, "G20 summit").is_some());
        let org = find(&es, EntityKind::Org, "Shanghai Cooperation Organisation").unwrap();
        assert_eq!(org.mentions, 3);
        // The org inside "G20 summit" counts too.
        assert!(find(&es, EntityKind::Org, "G20").is_some());
    }

    #[test]
    fn user_entries_change_extraction() {
        let user = "place\tGreat Britain\tBritain\nperson\tAmara Okonkwo\tOkonkwo|Dr O\n";
        let entries = Gazetteer::parse_tsv(user, "user.tsv").unwrap();
        let ex = EntityExtractor::new(&Gazetteer::builtin().with_entries(entries));
        let es = ex.extract("", "Britain and the UK differ. Okonkwo spoke.");
        assert_eq!(
            names(&es, EntityKind::Place),
            ["Great Britain", "United Kingdom"]
        );
        assert_eq!(names(&es, EntityKind::Person), ["Amara Okonkwo"]);
    }

    #[test]
    fn title_case_headlines_get_gazetteer_matches_only() {
        let es = builtin().extract("Putin Hails Grand Harvest Games In Moscow", "");
        assert_eq!(names(&es, EntityKind::Person), ["Vladimir Putin"]);
        assert_eq!(names(&es, EntityKind::Place), ["Moscow"]);
        assert!(names(&es, EntityKind::Event).is_empty());
    }

    /// A paragraph written for this test in the style of a wire story about a leaders' call.
    #[test]
    fn wire_story_paragraph() {
        let title = "Xi and Putin discuss Ukraine in video call";
        let body = "Underlining that Beijing and Moscow remain close partners, President Xi \
            Jinping told his Russian counterpart Vladimir Putin on Tuesday that ties were \
            strong, Xinhua reported.\n\nNotably, it was the first call since Washington’s \
            overture to the Kremlin and Trump's peace push for Ukraine. The Ministry of \
            Foreign Affairs of Russia said both looked ahead to the 80th anniversary of \
            Victory in the Great Patriotic War, to the Shanghai Cooperation Organisation \
            (SCO) summit, and to events marking the end of World War II and of WWII-era \
            rationing. According to the statement, Putin briefed Xi on Russia-US contacts \
            with the United States, and China backed them. In Japan, officials watched.";
        let es = builtin().extract(title, body);
        let got = |k| names(&es, k);
        assert_eq!(
            got(EntityKind::Person),
            ["Vladimir Putin", "Xi Jinping", "Donald Trump"]
        );
        assert_eq!(
            got(EntityKind::Org),
            [
                "Kremlin",
                "Russian Foreign Ministry",
                "Shanghai Cooperation Organisation",
                "Xinhua"
            ]
        );
        for p in [
            "China",
            "Russia",
            "Ukraine",
            "Moscow",
            "Beijing",
            "Washington",
            "Japan",
        ] {
            assert!(got(EntityKind::Place).contains(&p), "{p}");
        }
        assert_eq!(
            find(&es, EntityKind::Place, "United States")
                .unwrap()
                .mentions,
            2
        );
        assert_eq!(
            got(EntityKind::Event),
            ["World War II", "Great Patriotic War", "SCO summit"]
        );
        for junk in ["Underlining", "Notably", "According", "The", "In"] {
            assert!(es.iter().all(|e| e.canonical != junk), "{junk}");
        }
        // Sorted by kind, then mentions (most first), then name.
        let keys: Vec<_> = es
            .iter()
            .map(|e| (e.kind, std::cmp::Reverse(e.mentions)))
            .collect();
        assert!(keys.is_sorted(), "{keys:?}");
    }
}
