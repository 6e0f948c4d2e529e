//! What the passes record about one article (mentions, article-local acronyms, runs no rule
//! claimed) and how the mentions fold into one [`Entity`] per canonical name.

use std::borrow::Cow;
use std::collections::HashMap;

use super::lexicon::When;
use crate::article::{Entity, EntityKind, Provenance};

/// One hit, gazetteer or rule, with positions unique across title and body.
pub(super) struct Mention<'a> {
    pub(super) pos: usize,
    pub(super) end: usize,
    pub(super) kind: EntityKind,
    pub(super) canonical: Cow<'a, str>,
    /// What the article wrote, title cue included ("President Putin").
    pub(super) surface: &'a str,
    /// The name without cue ("Putin"); a person's surname resolution looks at this.
    pub(super) name: &'a str,
    /// From the gazetteer, whose reading of a bare surname is trusted over the article's.
    pub(super) gazetteer: bool,
    /// From the archive's alias table, which yields to the tagger's longer names too.
    pub(super) archive: bool,
    /// Linked by a guess from the article's other names ("ITT" of a company it names in
    /// full): counted, but no alias, so the archive's alias table never carries a guess.
    pub(super) guessed: bool,
    /// False for the "(SCO)" right after "Shanghai Cooperation Organisation".
    pub(super) counted: bool,
    /// Swallowed by a longer rule name ("Bank of Japan" takes Japan).
    pub(super) removed: bool,
    /// Marked up by the source (`markup`): its kind and name are not second-guessed.
    pub(super) markup: bool,
}

impl<'a> Mention<'a> {
    pub(super) fn new(
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
            archive: false,
            guessed: false,
            counted: true,
            removed: false,
            markup: false,
        }
    }
}

/// A run of capitalised words no rule claimed; pass 3 may still resolve it.
pub(super) struct Leftover<'a> {
    pub(super) pos: usize,
    pub(super) text: &'a str,
}

/// Acronym, the entity it was defined for, and where the defining "(ACR)" stands.
pub(super) type Acronym<'a> = (&'a str, EntityKind, Cow<'a, str>, usize);

#[derive(Default)]
pub(super) struct ArticleState<'a> {
    pub(super) mentions: Vec<Mention<'a>>,
    pub(super) acronyms: Vec<Acronym<'a>>,
    pub(super) leftover: Vec<Leftover<'a>>,
    /// Where each pass's mentions start in `mentions` (passes only ever append), so a
    /// mention's provenance is the last pass that started at or before it.
    pub(super) passes: Vec<(usize, FoundBy)>,
    /// The article's year, which dated gazetteer entries must fit; `None` when undated.
    pub(super) year: Option<i32>,
    /// The dated gazetteer entries the article names in full (`Lexicon::named_in_full`).
    pub(super) named_in_full: Vec<u32>,
    /// The article's title and body, for the questions asked of the whole story.
    pub(super) title: &'a str,
    pub(super) body: &'a str,
    /// Whether the story is about sport (`words::is_about_sport`), where towns name clubs:
    /// asked only of stories with a town the tagger read as a club, once.
    pub(super) sport: std::cell::OnceCell<bool>,
}

impl ArticleState<'_> {
    /// Whether the story is about sport (`words::is_about_sport`).
    pub(super) fn about_sport(&self) -> bool {
        *self
            .sport
            .get_or_init(|| super::words::is_about_sport(self.title, self.body))
    }

    /// What linking needs to know about this article's date.
    pub(super) fn when(&self) -> When<'_> {
        When {
            year: self.year,
            named_in_full: &self.named_in_full,
        }
    }

    /// Marks the mentions pushed from now on as found by `pass`.
    pub(super) fn start_pass(&mut self, pass: FoundBy) {
        self.passes.push((self.mentions.len(), pass));
    }

    /// The pass that found mention `i`.
    pub(super) fn found_by(&self, i: usize) -> FoundBy {
        self.passes
            .iter()
            .rev()
            .find(|(start, _)| *start <= i)
            .map_or(FoundBy::Gazetteer, |(_, pass)| *pass)
    }
}

/// Which pass found a mention: what `morgue show` gives as its provenance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FoundBy {
    /// An alias of the gazetteer (built-in or the user's alias file).
    Gazetteer,
    /// A span of the trained tagger.
    Tagger,
    /// Capitalisation and cue-word rules (no tagger).
    Rules,
    /// A nationality word standing for its place ("Russian" -> Russia).
    Demonym,
    /// A name the source marked up (NITF's `<person>`, a NewsML-G2 subject).
    Markup,
    /// In-article resolution: an acronym the article defines, an org's summit, a surname of
    /// a person named in full.
    Resolution,
}

impl FoundBy {
    /// The name `--json` gives it.
    pub fn label(self) -> &'static str {
        match self {
            FoundBy::Gazetteer => "gazetteer",
            FoundBy::Tagger => "tagger",
            FoundBy::Rules => "rules",
            FoundBy::Demonym => "demonym",
            FoundBy::Markup => "markup",
            FoundBy::Resolution => "resolution",
        }
    }
}

/// Folds mentions into one `Entity` per (kind, canonical), aliases in order of appearance.
pub(super) fn aggregate(mut mentions: Vec<Mention<'_>>) -> Vec<Entity> {
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
                provenance: Provenance::Extracted,
            });
            out.len() - 1
        });
        let e = &mut out[i];
        e.mentions += u32::from(m.counted);
        if m.markup {
            e.provenance = Provenance::Markup;
        }
        let surface = normalize_space(m.surface);
        if m.guessed || shouted(&surface, &e.canonical) {
            continue;
        }
        if !e.aliases.iter().any(|a| *a == surface) {
            e.aliases.push(surface.into_owned());
        }
    }
    out.retain(|e| e.mentions > 0);
    for e in &mut out {
        drop_shouted_twins(&mut e.aliases);
    }
    out.sort_by(|a, b| {
        (a.kind, std::cmp::Reverse(a.mentions), &a.canonical).cmp(&(
            b.kind,
            std::cmp::Reverse(b.mentions),
            &b.canonical,
        ))
    });
    out
}

/// A headline in capitals writing words of the canonical name ("STOLTENBERG" for "Jens
/// Stoltenberg"): the mention counts, but it adds no alias, since case restored it is the
/// name already listed. Acronyms ("EU" for "European Union") are not words of the name.
fn shouted(surface: &str, canonical: &str) -> bool {
    let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2
        || surface.chars().any(char::is_lowercase)
        || !canonical.chars().any(char::is_lowercase)
    {
        return false;
    }
    let (surface, canonical) = (surface.to_lowercase(), canonical.to_lowercase());
    let words: Vec<&str> = canonical.split_whitespace().collect();
    let said: Vec<&str> = surface.split_whitespace().collect();
    words
        .windows(said.len().max(1))
        .any(|w| w == said.as_slice())
}

/// A headline in capitals that writes what the article writes elsewhere in a name's case
/// ("TEXACO INC" beside "Texaco Inc", "IRAQI" beside "Iraqi") adds no alias of its own.
/// Acronyms stay: nothing writes "EC" in lowercase.
fn drop_shouted_twins(aliases: &mut Vec<String>) {
    let cased = |a: &str| a.chars().any(char::is_lowercase);
    let written: Vec<String> = aliases
        .iter()
        .filter(|a| cased(a))
        .map(|a| a.to_lowercase())
        .collect();
    aliases.retain(|a| cased(a) || !written.contains(&a.to_lowercase()));
}

/// Which field a mention position lies in, the field's text, and where that text starts:
/// passes scan the title from 0 and the body from `title.len() + 1`.
pub(super) fn field_at<'t>(
    pos: usize,
    title: &'t str,
    body: &'t str,
) -> (&'static str, &'t str, usize) {
    let body_base = title.len() + 1;
    if pos < body_base {
        ("title", title, 0)
    } else {
        ("body", body, body_base)
    }
}

/// Runs of whitespace (a name broken across a line) become one space.
pub(super) fn normalize_space(s: &str) -> Cow<'_, str> {
    if s.contains(|c: char| c.is_whitespace() && c != ' ') || s.contains("  ") {
        Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
    } else {
        Cow::Borrowed(s)
    }
}

/// The one value `items` hold, however many times over; `None` when there is none or they
/// differ ("the Bank" resolves only to the one bank an article names).
pub(super) fn the_one<T: PartialEq>(mut items: impl Iterator<Item = T>) -> Option<T> {
    let first = items.next()?;
    items.all(|item| item == first).then_some(first)
}
