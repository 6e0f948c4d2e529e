//! Bands named like people: "Franz Ferdinand", "Jethro Tull". The tagger reads such a name
//! as a person wherever the story gives no cue, and most stories give none ("Franz Ferdinand
//! won two awards"); a few write "the band Franz Ferdinand" or "Franz Ferdinand frontman Alex
//! Kapranos". What a few stories of an archive say holds for the rest: a name that at least
//! [`MIN_CUED_ARTICLES`] articles, and one in [`MAX_ARTICLES_PER_CUE`] of those writing it,
//! write as a band goes into the archive's alias table as an organisation
//! (`archive_aliases`), and every article's "person" of that name is the band.
//!
//! Found from the index alone, like the rest of the table: the stored text of the articles
//! holding a cue word is read for the names (two capitalised words or more) around it, and a
//! phrase query over `body` counts the articles writing each name. Only cues no person takes: "band X", "X frontman", "X
//! guitarist", "X drummer", "X bassist" ("the new Robbie Williams album" names its singer;
//! "Bill and Hillary Clinton are" a couple). An archive that never writes a cue word costs a
//! term lookup.

use std::collections::{BTreeMap, HashMap, HashSet};

use tantivy::collector::{Count, DocSetCollector};
use tantivy::query::BooleanQuery;
use tantivy::schema::Value;
use tantivy::{Searcher, TantivyDocument};

use crate::error::MorgueError;
use crate::index::MorgueIndex;
use crate::search::query::phrase;

/// Articles that must write a name as a band, at least.
const MIN_CUED_ARTICLES: u64 = 2;

/// And at least one in this many of the articles writing it.
const MAX_ARTICLES_PER_CUE: u64 = 20;

/// The word before a band's name.
const BEFORE: &str = "band";

/// Words after a band's name: its members.
const AFTER: [&str; 4] = ["bassist", "drummer", "frontman", "guitarist"];

/// Words of a name, at most.
const MAX_WORDS: usize = 4;

/// The archive's bands named like people, each with the articles that write it as one.
///
/// The articles' text is read a thousand at a time through a searcher of their own
/// (`reopen`), whose maps of the store go with it, so a large archive's music pages do not
/// stay mapped at the run's end.
pub fn bands(
    index: &MorgueIndex,
    searcher: &Searcher,
    reopen: &dyn Fn() -> Option<Searcher>,
) -> Result<BTreeMap<String, u64>, MorgueError> {
    let tantivy_err = |e| MorgueError::tantivy(&index.dir, e);
    let body = index.fields.body;
    let mut cue_words = Vec::new();
    for word in std::iter::once(BEFORE).chain(AFTER) {
        cue_words.extend(phrase(&index.index, body, word)?);
    }
    let holding: Vec<_> = searcher
        .search(&BooleanQuery::union(cue_words), &DocSetCollector)
        .map_err(tantivy_err)?
        .into_iter()
        .collect();
    // Name -> the articles writing it as a band.
    let mut cued: HashMap<String, u64> = HashMap::new();
    for chunk in holding.chunks(1_000) {
        let fresh = reopen();
        let reader = fresh.as_ref().unwrap_or(searcher);
        for &address in chunk {
            let doc: TantivyDocument = reader.doc(address).map_err(tantivy_err)?;
            let Some(text) = doc.get_first(body).and_then(|v| v.as_str()) else {
                continue;
            };
            for name in named_as_bands(text) {
                *cued.entry(name).or_default() += 1;
            }
        }
    }
    let mut found = BTreeMap::new();
    for (name, cued) in cued {
        if cued < MIN_CUED_ARTICLES {
            continue;
        }
        let Some(written) = phrase(&index.index, body, &name)? else {
            continue;
        };
        let writing = searcher.search(&written, &Count).map_err(tantivy_err)? as u64;
        if cued * MAX_ARTICLES_PER_CUE >= writing {
            found.insert(name, cued);
        }
    }
    Ok(found)
}

/// The names `text` writes as a band's, each once: two to [`MAX_WORDS`] capitalised words
/// after "band" or before a member's word.
fn named_as_bands(text: &str) -> HashSet<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let capitalised = |w: &str| w.starts_with(char::is_uppercase);
    // Whether the word ends a clause: a name stops there.
    let ends = |w: &str| bare(w).len() < w.len();
    let mut found = HashSet::new();
    for (i, word) in words.iter().enumerate() {
        if word.eq_ignore_ascii_case(BEFORE) {
            let mut name = Vec::new();
            for w in words[i + 1..].iter().take(MAX_WORDS) {
                if !capitalised(w) {
                    break;
                }
                name.push(bare(w));
                if ends(w) {
                    break;
                }
            }
            found.extend(a_name(&name));
        } else if AFTER.contains(&bare(word).to_lowercase().as_str()) {
            let mut name = Vec::new();
            for (n, w) in words[..i].iter().rev().take(MAX_WORDS).enumerate() {
                // "Franz Ferdinand's frontman"; a possessive further back ends the name.
                let w = match w.strip_suffix("'s").or_else(|| w.strip_suffix("\u{2019}s")) {
                    Some(owner) if n == 0 => owner,
                    Some(_) => break,
                    None => w,
                };
                if !capitalised(w) || ends(w) {
                    break;
                }
                name.push(w);
            }
            name.reverse();
            // "The Franz Ferdinand frontman", "Then Franz Ferdinand frontman": the name is
            // the words the tagger could read as a person's, without an opening "The".
            let from = usize::from(
                name.first()
                    .is_some_and(|w| matches!(*w, "The" | "A" | "An")),
            );
            found.extend(a_name(&name[from..]));
        }
    }
    found
}

/// A word without the punctuation after it.
fn bare(word: &str) -> &str {
    word.trim_end_matches([',', '.', ';', ':', '"', '\'', ')', '\u{2019}'])
}

/// The name the words make, when it may look like a person's: two words or more. (Only a
/// name the tagger reads as a person's changes: the others are organisations anyway.)
fn a_name(words: &[&str]) -> Option<String> {
    (words.len() >= 2).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_around_band_words_are_read_whole() {
        let names = |text: &str| {
            let mut n: Vec<String> = named_as_bands(text).into_iter().collect();
            n.sort();
            n
        };
        assert_eq!(
            names("The band Franz Ferdinand played. Franz Ferdinand frontman Alex Kapranos"),
            ["Franz Ferdinand"]
        );
        assert_eq!(
            names("the Scottish band Franz Ferdinand, who won"),
            ["Franz Ferdinand"]
        );
        assert_eq!(
            names("The Martin Kestrel guitarist left. A band Bloc Party"),
            ["Bloc Party", "Martin Kestrel"]
        );
        // Not one word, nor a name across a clause, nor a husband.
        assert!(names("the band Oasis played; husband Marc Anthony").is_empty());
        assert!(names("said Franz. Ferdinand drummer").is_empty());
        assert_eq!(names("Franz Ferdinand's frontman"), ["Franz Ferdinand"]);
        assert!(names("Metallica's Lars drummer").is_empty());
    }
}
