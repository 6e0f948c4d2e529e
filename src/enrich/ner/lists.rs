//! Name lists used as gazetteer features: the built-in gazetteer (`data/gazetteer`, with the
//! nationality words of its `demonyms.tsv`) plus the lists in `data/ner/lists` (GeoNames
//! cities, ISO countries/regions/languages, US Census first and last names, and hand-written
//! title and organisation words; sources and licences in `data/ner/README.md`); and the Brown
//! clusters of `data/ner/lists/brown_clusters.tsv`. Training compiles them into token-sequence hashes that are stored
//! in the model, so tagging never reads the lists and the model does not change when they do.

use super::hashing::{IdMap, hash_form, hash_word, seq_hash};
use super::tokenize;
use crate::article::EntityKind;
use crate::enrich::gazetteer::Gazetteer;

/// Number of list kinds; a token's gazetteer bits are `kind * 4 + BILOU position`.
pub(crate) const KINDS: usize = 15;

/// Set on a gazetteer key that is a proper prefix of a longer name, so matching can stop as
/// soon as a token run is no prefix of anything.
pub(crate) const PREFIX: u16 = 1 << 15;

/// Longest name (in tokens) that is matched.
const MAX_LEN: usize = 6;

/// `data/ner/lists` files and their kinds (kinds 0..4 are the built-in gazetteer's, 12 its
/// demonyms).
const LISTS: [(&str, u16); 12] = [
    (include_str!("../../../data/ner/lists/countries.txt"), 4),
    (include_str!("../../../data/ner/lists/regions.txt"), REGIONS),
    (include_str!("../../../data/ner/lists/cities.txt"), CITIES),
    (include_str!("../../../data/ner/lists/languages.txt"), 7),
    (include_str!("../../../data/ner/lists/first_names.txt"), 8),
    (LAST_NAMES, 9),
    (include_str!("../../../data/ner/lists/titles.txt"), 10),
    (ORG_WORDS, 11),
    (
        include_str!("../../../data/ner/lists/organisations.txt"),
        ORGANISATIONS,
    ),
    (
        include_str!("../../../data/ner/lists/companies.txt"),
        ORGANISATIONS,
    ),
    (
        include_str!("../../../data/ner/lists/sports_teams.txt"),
        TEAMS,
    ),
    (include_str!("../../../data/ner/lists/competitions.txt"), 3),
];

/// `data/ner/lists/last_names.txt` and `org_words.txt`, which the entity passes also ask.
const LAST_NAMES: &str = include_str!("../../../data/ner/lists/last_names.txt");
const ORG_WORDS: &str = include_str!("../../../data/ner/lists/org_words.txt");

/// Kinds of the first-level regions and of the towns of `LISTS`.
const REGIONS: u16 = 5;
const CITIES: u16 = 6;

/// Kind of the nationality words of `data/gazetteer/demonyms.tsv` ("Russian", "Russians").
const DEMONYMS: u16 = 12;
/// Kinds of the organisations and companies, and of the sports teams, of `LISTS`.
const ORGANISATIONS: u16 = 13;
const TEAMS: u16 = 14;

/// Compiled names: token-sequence hash -> bit set of kinds (plus [`PREFIX`]), and the
/// longest name in tokens (`features::Resources::gazetteer` and `gaz_max_len`).
#[derive(Default)]
pub(crate) struct Compiled {
    pub keys: IdMap<u16>,
    pub max_len: usize,
}

/// Compiles the built-in gazetteer and, with `lists`, the `data/ner/lists` files (matched by
/// `features::mark_gazetteer`).
pub(crate) fn compile(lists: bool) -> Compiled {
    let mut out = Compiled::default();
    for entry in Gazetteer::builtin().entries() {
        let kind = match entry.kind {
            EntityKind::Person => 0,
            EntityKind::Org => 1,
            EntityKind::Place => 2,
            EntityKind::Event => 3,
        };
        for name in entry.names() {
            add(&mut out, name, kind);
        }
    }
    if lists {
        for (text, kind) in LISTS {
            for name in text.lines() {
                add(&mut out, name, kind);
            }
        }
        let demonyms = include_str!("../../../data/gazetteer/demonyms.tsv");
        for line in demonyms.lines().filter(|l| !l.starts_with('#')) {
            for form in line.split('\t').nth(2).unwrap_or("").split('|') {
                if !form.is_empty() {
                    add(&mut out, form, DEMONYMS);
                    add(&mut out, &format!("{form}s"), DEMONYMS);
                }
            }
        }
    }
    out
}

fn add(res: &mut Compiled, name: &str, kind: u16) {
    let tokens: Vec<_> = tokenize::tokenize(name).into_iter().flatten().collect();
    if tokens.is_empty() || tokens.len() > MAX_LEN {
        return;
    }
    let mut h = 0u64;
    for (k, t) in tokens.iter().enumerate() {
        h = seq_hash(h, hash_word(t.text, true));
        if k + 1 < tokens.len() {
            *res.keys.entry(h).or_insert(0) |= PREFIX;
        }
    }
    *res.keys.entry(h).or_insert(0) |= 1 << kind;
    res.max_len = res.max_len.max(tokens.len());
}

/// Whether `name` (case aside) is an organisation, company or sports team of the lists
/// (`organisations.txt`, `companies.txt`, `sports_teams.txt`). The tagger reads these only as
/// features, so it can still call "Wells Fargo" a person; the entity passes ask here.
pub(crate) fn is_listed_organisation(name: &str) -> bool {
    static ORGS: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    lowercase_set(&ORGS, organisation_lists()).contains(&name.to_lowercase())
}

/// Whether `word` is one of the surnames of `last_names.txt` (US Census; any case).
pub(crate) fn is_listed_surname(word: &str) -> bool {
    static SURNAMES: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    lowercase_set(&SURNAMES, [LAST_NAMES]).contains(&word.to_lowercase())
}

/// Whether `name` (as written) is a town or region of `cities.txt` or `regions.txt`
/// (GeoNames: towns of any size, first-level regions and counties; a region's alternative
/// names in brackets are not read).
pub(crate) fn is_listed_place(name: &str) -> bool {
    static PLACES: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    PLACES
        .get_or_init(|| {
            place_lists()
                .flat_map(str::lines)
                .map(|line| line.split(" [").next().unwrap_or(line))
                .collect()
        })
        .contains(name)
}

/// Whether `name` (case aside) is an organisation or company of the lists
/// (`organisations.txt`, `companies.txt`), sports teams aside: "Nokia", "Toyota" and "Orange"
/// are also towns.
pub(crate) fn is_listed_body(name: &str) -> bool {
    static BODIES: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    lowercase_set(&BODIES, lists_of(&[ORGANISATIONS])).contains(&name.to_lowercase())
}

/// The texts of the lists [`is_listed_place`] reads (for the ingest fingerprint).
pub(crate) fn place_lists() -> impl Iterator<Item = &'static str> {
    lists_of(&[REGIONS, CITIES])
}

/// Whether `word` is one of the words of `org_words.txt` that end bodies' names ("Motors",
/// "Insurance"; any case).
pub(crate) fn is_org_word(word: &str) -> bool {
    static ORG_WORD_SET: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    lowercase_set(&ORG_WORD_SET, [ORG_WORDS]).contains(&word.to_lowercase())
}

/// The lines of `lists` in lower case, read once into `cell`.
fn lowercase_set(
    cell: &'static std::sync::OnceLock<std::collections::HashSet<String>>,
    lists: impl IntoIterator<Item = &'static str>,
) -> &'static std::collections::HashSet<String> {
    cell.get_or_init(|| {
        lists
            .into_iter()
            .flat_map(str::lines)
            .map(str::to_lowercase)
            .collect()
    })
}

/// The texts of the lists [`is_listed_organisation`] reads (for the ingest fingerprint).
pub(crate) fn organisation_lists() -> impl Iterator<Item = &'static str> {
    lists_of(&[ORGANISATIONS, TEAMS])
}

/// The texts of `LISTS` of these kinds.
fn lists_of(kinds: &'static [u16]) -> impl Iterator<Item = &'static str> {
    LISTS
        .iter()
        .filter(|(_, kind)| kinds.contains(kind))
        .map(|(text, _)| *text)
}

/// `data/ner/lists/brown_clusters.tsv`: `word<TAB>bit path` (source in `data/ner/README.md`).
const BROWN: &str = include_str!("../../../data/ner/lists/brown_clusters.tsv");

/// The Brown clusters (`features::Resources::brown`), keyed by the word as written.
pub(crate) fn compile_brown() -> IdMap<u32> {
    let mut brown = IdMap::default();
    for line in BROWN.lines() {
        if let Some((w, c)) = line.split_once('\t')
            && let Ok(c) = c.parse::<u32>()
            && c != 0
        {
            brown.insert(hash_form(w, 0), c);
        }
    }
    brown
}
