//! Nationality words as places: "Russian troops", "the Ukrainians", "Chinese-made drones"
//! are news about Russia, Ukraine and China, so the place joins the article's place entities
//! under its canonical name, counted like a place named outright.
//!
//! The table is data (`data/gazetteer/demonyms.tsv`, `place<TAB>canonical<TAB>demonym|...`);
//! a row counts only if the gazetteer knows its canonical name as a place. Cheap guards keep
//! out what is about no place:
//! - a demonym inside a longer name is that name's business ("Russian Orthodox Church",
//!   "Indian Ocean", a tagger MISC such as "Chinese New Year");
//! - a language use: "spoke in Russian", "translated into French" (a language word right
//!   after "in"/"speak"/... with no noun after it);
//! - fixed phrases about a thing, not a country: "American football", "Chinese food",
//!   "French fries" (the word after the demonym is in [`NOT_ABOUT_PLACE`]).

use std::borrow::Cow;
use std::collections::HashMap;

use super::lexicon::Lexicon;
use super::mentions::{ArticleState, Mention};
use super::tokens::Token;
use crate::article::EntityKind;

pub(super) const BUILTIN: &str = include_str!("../../../data/gazetteer/demonyms.tsv");

/// Demonym as written ("Russian", "North Korean") -> gazetteer entry number of the place.
#[derive(Debug, Default)]
pub(super) struct Demonyms {
    forms: HashMap<String, u32>,
    /// Place entry -> its adjective, the table's first form ("Russian", "British").
    adjectives: HashMap<u32, String>,
}

impl Demonyms {
    /// The built-in table, resolved against the extractor's gazetteer.
    pub(super) fn builtin(lex: &Lexicon) -> Demonyms {
        Demonyms::parse(BUILTIN, lex)
    }

    fn parse(text: &str, lex: &Lexicon) -> Demonyms {
        let mut forms = HashMap::new();
        let mut adjectives = HashMap::new();
        for line in text.lines() {
            let line = line.trim_end_matches('\r');
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(_kind), Some(canonical), Some(words)) =
                (cols.next(), cols.next(), cols.next())
            else {
                continue;
            };
            // The last place entry of that name wins, as user entries come last.
            let Some(target) = lex.entry(EntityKind::Place, canonical, Default::default()) else {
                continue;
            };
            for (n, w) in words
                .split('|')
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .enumerate()
            {
                forms.insert(w.to_string(), target);
                if n == 0 {
                    adjectives.insert(target, w.to_string());
                }
            }
        }
        Demonyms { forms, adjectives }
    }

    /// The adjective of a place (by its gazetteer entry): "Russian" of Russia.
    pub(super) fn adjective_of(&self, place: u32) -> Option<&str> {
        self.adjectives.get(&place).map(String::as_str)
    }

    /// True when `word` is a nationality word ("Lebanese", "Chechen").
    pub(super) fn is_demonym(&self, word: &str) -> bool {
        self.lookup(word).is_some()
    }

    /// The place (gazetteer entry) a nationality word is of: Austria of "Austrian".
    pub(super) fn place_of(&self, word: &str) -> Option<u32> {
        self.lookup(word)
    }

    /// A demonym, or demonyms joined by hyphens: "Soviet-American", "Belgian-Dutch".
    pub(super) fn is_demonyms(&self, word: &str) -> bool {
        word.split(['-', '\u{2013}']).all(|w| self.is_demonym(w))
    }

    /// The place a word or two-word phrase names, accepting a plural "s" and ALL CAPS.
    fn lookup(&self, phrase: &str) -> Option<u32> {
        let caps = phrase.len() > 3 && !phrase.chars().any(char::is_lowercase);
        let phrase: Cow<str> = if caps {
            // "NORTH KOREAN" -> "North Korean"
            Cow::Owned(
                phrase
                    .split(' ')
                    .map(|w| {
                        let mut cs = w.chars();
                        cs.next().map_or(String::new(), |c| {
                            c.to_uppercase()
                                .chain(cs.flat_map(char::to_lowercase))
                                .collect()
                        })
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        } else {
            Cow::Borrowed(phrase)
        };
        self.forms.get(phrase.as_ref()).copied().or_else(|| {
            phrase
                .strip_suffix('s')
                .and_then(|stem| self.forms.get(stem).copied())
        })
    }

    /// Adds a place mention for every demonym in `toks` (one segment) that no mention covers
    /// and no guard rejects. `inside_names` are byte ranges (segment-relative) of longer
    /// names found by the tagger that are not entities here (multi-word MISC).
    pub(super) fn apply<'a>(
        &self,
        lex: &'a Lexicon,
        text: &'a str,
        base: usize,
        toks: &[Token],
        inside_names: &[(usize, usize)],
        art: &mut ArticleState<'a>,
    ) {
        if self.forms.is_empty() {
            return;
        }
        let word = |k: usize| &text[toks[k].start..toks[k].end];
        // An event's name does not hide the place its nationality word names: "the Spanish
        // Super Cup" is in Spain, "the First Chechen War" in Chechnya.
        let covered = |art: &ArticleState, s: usize, e: usize| {
            art.mentions.iter().any(|m| {
                !m.removed && m.kind != EntityKind::Event && m.pos < base + e && base + s < m.end
            }) || inside_names
                .iter()
                .any(|&(ns, ne)| ns < e && s < ne && (ns < s || ne > e))
        };
        let mut k = 0;
        while k < toks.len() {
            if !toks[k].word || !word(k).starts_with(char::is_uppercase) {
                k += 1;
                continue;
            }
            // Two-word demonyms first ("North Korean", "South African").
            let two = (k + 1 < toks.len()
                && toks[k + 1].word
                && !toks[k].possessive
                && text[toks[k].end..toks[k + 1].start] == *" ")
                .then(|| &text[toks[k].start..toks[k + 1].end])
                .and_then(|p| self.lookup(p).map(|t| (t, k + 1)));
            // "Russian-backed": the demonym before a hyphen and a lowercase word.
            let hyphened = || {
                let w = word(k);
                let (head, rest) = w.split_once('-')?;
                if !rest.starts_with(char::is_lowercase) {
                    return None;
                }
                self.lookup(head).map(|t| (t, head.len()))
            };
            let (target, last, end) = if let Some((t, last)) = two {
                (t, last, toks[last].end)
            } else if let Some(t) = self.lookup(word(k)) {
                (t, k, toks[k].end)
            } else if let Some((t, len)) = hyphened() {
                (t, k, toks[k].start + len)
            } else {
                k += 1;
                continue;
            };
            let start = toks[k].start;
            let next = toks
                .get(last + 1)
                .filter(|n| n.word && end == toks[last].end && !toks[last].possessive)
                .map(|n| &text[n.start..n.end]);
            let prev = k
                .checked_sub(1)
                .filter(|&p| toks[p].word)
                .map(|p| word(p).to_lowercase());
            let not_about_place = next.is_some_and(|n| NOT_ABOUT_PLACE.contains(&n));
            let language = prev.as_deref().is_some_and(|p| LANGUAGE_CUES.contains(&p))
                && next.is_none_or(|n| n.starts_with(char::is_uppercase) || n == "and");
            if !not_about_place && !language && !covered(art, start, end) {
                // The place of the article's years: "Russian" in a 1956 story is Soviet.
                let (kind, name) = lex.target(target);
                let target = lex.entry(kind, name, art.when()).unwrap_or(target);
                let (kind, canonical) = lex.target(target);
                let surface = &text[start..end];
                art.mentions.push(Mention::new(
                    base + start,
                    base + end,
                    kind,
                    Cow::Borrowed(canonical),
                    surface,
                    surface,
                    false,
                ));
            }
            k = last + 1;
        }
    }
}

/// Words that, right after a demonym, make a phrase about a thing rather than the place.
const NOT_ABOUT_PLACE: &[&str] = &[
    "bulldog",
    "cheese",
    "cuisine",
    "delight",
    "dressing",
    "food",
    "football",
    "fries",
    "horn",
    "kiss",
    "measles",
    "pastry",
    "restaurant",
    "restaurants",
    "roulette",
    "shepherd",
    "summer",
    "takeaway",
    "toast",
];

/// Words before a language name: "in Russian", "speaks French".
const LANGUAGE_CUES: &[&str] = &[
    "fluent", "in", "into", "speak", "speaking", "speaks", "spoke", "spoken",
];

#[cfg(test)]
mod tests {
    use super::super::tests::{builtin, find, names};
    use super::*;

    #[test]
    fn every_demonym_row_names_a_known_place() {
        let ex = builtin();
        let rows = BUILTIN
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count();
        let places: std::collections::HashSet<u32> = ex.demonyms.forms.values().copied().collect();
        assert_eq!(places.len(), rows, "a demonym row names no gazetteer place");
    }

    #[test]
    fn nationality_words_add_their_place() {
        let es = builtin().extract(
            "Ukrainian drones hit depot",
            "Russian troops advanced, and the Russians said Chinese-made parts were found. \
             North Korean officers watched. The Russian side denied it.",
        );
        let places = names(&es, EntityKind::Place);
        for p in ["Ukraine", "Russia", "China", "North Korea"] {
            assert!(places.contains(&p), "{p} in {places:?}");
        }
        assert!(!places.contains(&"Korea"));
        let russia = find(&es, EntityKind::Place, "Russia").unwrap();
        assert_eq!(russia.mentions, 3);
        assert_eq!(russia.aliases, ["Russian", "Russians"]);
    }

    #[test]
    fn demonyms_that_are_about_no_place_are_skipped() {
        let es = builtin().extract(
            "",
            "He loves American football and Chinese food. She spoke in Russian. The \
             Russian Orthodox Church met on the Indian Ocean coast.",
        );
        let places = names(&es, EntityKind::Place);
        for p in ["United States", "China", "Russia", "India"] {
            assert!(!places.contains(&p), "{p} in {places:?}");
        }
    }

    #[test]
    fn all_caps_headlines_count() {
        let es = builtin().extract("GERMAN MINISTER VISITS", "");
        assert_eq!(names(&es, EntityKind::Place), ["Germany"]);
    }
}
