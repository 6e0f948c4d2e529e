//! Name lists used as gazetteer features: the built-in gazetteer (`data/gazetteer`) plus the
//! lists in `data/ner/lists` (GeoNames cities, ISO countries/regions/languages, US Census
//! first and last names, and hand-written title and organisation words; sources and licences
//! in `data/ner/README.md`). Training compiles them into token-sequence hashes that are stored
//! in the model, so tagging never reads the lists and the model does not change when they do.

use super::features::{Resources, hash_word, seq_hash};
use super::tokenize;
use crate::article::EntityKind;
use crate::enrich::gazetteer::Gazetteer;

/// Number of list kinds; a token's gazetteer bits are `kind * 4 + BILOU position`.
pub(crate) const KINDS: usize = 12;

/// Set on a gazetteer key that is a proper prefix of a longer name, so matching can stop as
/// soon as a token run is no prefix of anything.
pub(crate) const PREFIX: u16 = 1 << 15;

/// Longest name (in tokens) that is matched.
const MAX_LEN: usize = 6;

/// `data/ner/lists` files and their kinds (kinds 0..4 are the built-in gazetteer's).
const LISTS: [(&str, u16); 8] = [
    (include_str!("../../../data/ner/lists/countries.txt"), 4),
    (include_str!("../../../data/ner/lists/regions.txt"), 5),
    (include_str!("../../../data/ner/lists/cities.txt"), 6),
    (include_str!("../../../data/ner/lists/languages.txt"), 7),
    (include_str!("../../../data/ner/lists/first_names.txt"), 8),
    (include_str!("../../../data/ner/lists/last_names.txt"), 9),
    (include_str!("../../../data/ner/lists/titles.txt"), 10),
    (include_str!("../../../data/ner/lists/org_words.txt"), 11),
];

/// Compiles the built-in gazetteer and, with `lists`, the `data/ner/lists` files into
/// `res.gazetteer` (see `features::mark_gazetteer`).
pub(crate) fn compile(res: &mut Resources, lists: bool) {
    for entry in Gazetteer::builtin().entries() {
        let kind = match entry.kind {
            EntityKind::Person => 0,
            EntityKind::Org => 1,
            EntityKind::Place => 2,
            EntityKind::Event => 3,
        };
        for name in entry.names() {
            add(res, name, kind);
        }
    }
    if lists {
        for (text, kind) in LISTS {
            for name in text.lines() {
                add(res, name, kind);
            }
        }
    }
}

fn add(res: &mut Resources, name: &str, kind: u16) {
    let tokens: Vec<_> = tokenize::tokenize(name).into_iter().flatten().collect();
    if tokens.is_empty() || tokens.len() > MAX_LEN {
        return;
    }
    let mut h = 0u64;
    for (k, t) in tokens.iter().enumerate() {
        h = seq_hash(h, hash_word(t.text, true));
        if k + 1 < tokens.len() {
            *res.gazetteer.entry(h).or_insert(0) |= PREFIX;
        }
    }
    *res.gazetteer.entry(h).or_insert(0) |= 1 << kind;
    res.gaz_max_len = res.gaz_max_len.max(tokens.len());
}
