//! Pass 4: fragments and non-entities out, after in-article resolution has had its chance.
//!
//! The tagger reads words, not the world: it calls a lone given name, a title, a currency or a
//! company's legal form a name, and it splits "Securities and Exchange Commission" or
//! "Standard & Poor's" into halves. Whatever resolution did not turn into a full name goes:
//!
//! - a person or org made only of titles, currencies, units or legal forms ("Mr", "Inc",
//!   "N.Z. Dlrs": a name ending in a currency is a sum of money, not a name);
//! - a one-word doctrine ("Thatcherism"), whatever kind the tagger gave it;
//! - a product ("MacBook Pro", "Xbox 360") taken for a person or org;
//! - a person that is a lone given name written without a title ("Oscar", "Bill"; "President
//!   Truman" is a surname), unless the gazetteer knows it (then it is a known single-name
//!   person);
//! - a person the article writes as a film or book ("the film Vera Drake"), and one it
//!   writes as a band is an organisation ("the band Franz Ferdinand");
//! - a person that is one word of another name of the article ("Fargo" beside "Wells Fargo");
//! - a one-word person the article writes as a thing: "the Wild are", "the Wild's win" (a
//!   team named with a common word);
//! - an org, or a place no list knows, that is the first words of a longer org the article
//!   names becomes that org ("Securities and Exchange" -> "Securities and Exchange
//!   Commission", "Salomon" read as a place -> "Salomon Brothers"), and so does the last
//!   half of a name joined by "&" or "and";
//! - a generic head ("the Bank", "Central Bank", "United") becomes the one org of the article
//!   whose name holds that head ("Bank of England"), and is dropped when there is none or more
//!   than one.
//!
//! A short place in capitals ("KENT, Ohio") also takes a name's case here.
//!
//! The word lists are data (`data/entities/*.txt`, plus the tagger's title and given-name
//! lists); `data/entities/README.md` says what each is for.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use super::demonyms::Demonyms;
use super::lexicon;
use super::markup;
use super::mentions::{ArticleState, field_at, the_one};
use crate::article::EntityKind;

struct Lists {
    titles: HashSet<String>,
    given_names: HashSet<String>,
    legal_forms: HashSet<String>,
    /// The legal forms proper, which a company's canonical name goes without.
    company_forms: HashSet<String>,
    money_units: HashSet<String>,
    heads: HashSet<String>,
    /// Heads that only name an org where "of" follows them ("House" of "House of Commons").
    heads_before_of: HashSet<String>,
    modifiers: HashSet<String>,
    products: HashSet<String>,
    product_models: HashSet<String>,
    male_given_names: HashSet<String>,
    trade_words: HashSet<String>,
    cities: HashSet<String>,
}

/// The lists' text, for the ingest fingerprint.
pub(super) const DATA: [&str; 14] = [
    include_str!("../../../data/ner/lists/titles.txt"),
    include_str!("../../../data/ner/lists/first_names.txt"),
    include_str!("../../../data/entities/company_suffixes.txt"),
    include_str!("../../../data/entities/currencies_units.txt"),
    include_str!("../../../data/entities/generic_heads.txt"),
    include_str!("../../../data/entities/generic_modifiers.txt"),
    include_str!("../../../data/entities/products.txt"),
    include_str!("../../../data/entities/product_models.txt"),
    include_str!("../../../data/entities/roles.txt"),
    include_str!("../../../data/entities/male_given_names.txt"),
    include_str!("../../../data/entities/trade_words.txt"),
    include_str!("../../../data/entities/diseases.txt"),
    include_str!("../../../data/entities/cities.txt"),
    include_str!("../../../data/entities/works.txt"),
];

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let set = |text: &str| -> HashSet<String> {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_lowercase)
                .collect()
        };
        let (before_of, heads): (HashSet<String>, HashSet<String>) =
            set(DATA[4]).into_iter().partition(|h| h.ends_with(" of"));
        let heads_before_of: HashSet<String> = before_of
            .iter()
            .map(|h| h.trim_end_matches(" of").to_string())
            .collect();
        Lists {
            // Without their dots: a name's words are read without them ("Lt." is "lt").
            titles: set(DATA[0])
                .union(&set(DATA[8]))
                .map(|t| t.trim_end_matches('.').to_string())
                .collect(),
            given_names: set(DATA[1]),
            legal_forms: set(DATA[2]),
            company_forms: set(DATA[2]
                .split_once(PART_OF_NAMES_MARKER)
                .map_or(DATA[2], |(forms, _)| forms)),
            money_units: set(DATA[3]),
            heads: heads.union(&heads_before_of).cloned().collect(),
            heads_before_of,
            modifiers: set(DATA[5]),
            // Diseases and works (films, games) are things as products are: no entity,
            // alone or with a number.
            products: [DATA[6], DATA[11], DATA[13]]
                .into_iter()
                .flat_map(set)
                .collect(),
            product_models: set(DATA[7]),
            male_given_names: set(DATA[9]),
            trade_words: set(DATA[10]),
            cities: set(DATA[12]),
        }
    })
}

/// Whether `word` is a city of 50,000 people or more (`data/entities/cities.txt`).
pub(super) fn is_city(word: &str) -> bool {
    lists().cities.contains(&word.to_lowercase())
}

/// Whether `word` only qualifies a generic head ("National", "Federal"), in any case.
pub(super) fn is_generic_modifier(word: &str) -> bool {
    lists().modifiers.contains(&word.to_lowercase())
}

/// Whether `word` is a generic head ("Bank", "Commission") or only qualifies one
/// ("National"), in any case, singular or plural.
pub(super) fn is_generic_word(word: &str) -> bool {
    let l = lists();
    let word = word.to_lowercase();
    let singular = word.strip_suffix('s').unwrap_or(&word);
    [word.as_str(), singular]
        .iter()
        .any(|w| l.heads.contains(*w) || l.modifiers.contains(*w))
}

/// Whether `word` is a given name of the tagger's list ("Michael", "Paul"), in any case.
pub(crate) fn is_given_name(word: &str) -> bool {
    lists().given_names.contains(&word.to_lowercase())
}

/// Whether `word` is a man's given name in nearly all uses ("John", "Michael"), in any case.
pub(super) fn is_male_given_name(word: &str) -> bool {
    lists().male_given_names.contains(&word.to_lowercase())
}

/// The line of `company_suffixes.txt` after which come words that end company names as part
/// of the name ("Brothers", "Group").
const PART_OF_NAMES_MARKER: &str = "# Words that end company names as part of the name";

/// Whether `word` (with or without its dot) is a company's legal form ("Inc", "Corp.", "PLC").
pub(super) fn is_legal_form(word: &str) -> bool {
    lists()
        .legal_forms
        .contains(&word.trim_end_matches('.').to_lowercase())
}

/// `name` without its last word when that word (with or without its dot) is in `forms`.
fn without_final<'n>(name: &'n str, forms: &HashSet<String>) -> Option<&'n str> {
    let (rest, last) = name.rsplit_once(' ')?;
    forms
        .contains(&last.trim_end_matches('.').to_lowercase())
        .then_some(rest.trim_end_matches([',', ' ']))
}

/// A company's name without its final legal form, in the widest sense ("International
/// Business Machines Corp." -> "International Business Machines"), to find a listed name;
/// `None` when it ends in none.
pub(super) fn without_legal_form(name: &str) -> Option<&str> {
    without_final(name, &lists().legal_forms)
}

/// A company's canonical name: one of two words or more without its final legal forms
/// proper and the "and" or "&" before them: "American Motors Corp" -> "American Motors",
/// "Smith Barney, Harris Upham and Co" -> "Smith Barney, Harris Upham". Not a name of one
/// word ("News Corp", "Time Inc") nor one that would be a generic head ("National Bank
/// Ltd"); the words of names ("Brothers", "Company") stay.
pub(super) fn company_without_legal_form(name: &str) -> Option<&str> {
    let strip = |name| {
        let rest = without_final(name, &lists().company_forms)?;
        Some(
            rest.strip_suffix(" and")
                .or_else(|| rest.strip_suffix(" &"))
                .unwrap_or(rest)
                .trim_end_matches([',', ' ']),
        )
    };
    // "Mitsubishi Gas Chemical Co Ltd": both forms.
    let rest = strip(name)?;
    let rest = strip(rest).unwrap_or(rest);
    let w = words(rest);
    (w.len() >= 2 && w.iter().any(|x| x != "the") && generic_head(&w).is_none()).then_some(rest)
}

/// Whether `alias` is a firm's short name: its name without the words that say its trade
/// ("Salomon" of "Salomon Brothers", "Ford" of "Ford Motor"; `trade_words.txt`), one
/// capitalised name of three letters or more, no generic head or qualifier alone
/// ("Federal" of "Federal Bank") and no product.
pub(crate) fn is_org_short_name_of(alias: &str, canonical: &str) -> bool {
    alias.chars().count() >= 3
        && alias.starts_with(char::is_uppercase)
        && shortens_firm(&words(alias), &words(canonical))
}

/// [`is_org_short_name_of`] on the names' words.
fn shortens_firm(short: &[String], full: &[String]) -> bool {
    let l = lists();
    short.len() < full.len()
        && full.starts_with(short)
        && full[short.len()..]
            .iter()
            .all(|w| l.trade_words.contains(w))
        && short
            .iter()
            .any(|w| !(l.modifiers.contains(w) || l.heads.contains(w)))
        && !is_product(short)
}

/// A name's words, lowercased, without the dots of abbreviations and a possessive "'s".
fn words(name: &str) -> Vec<String> {
    name.split_whitespace()
        .map(|w| {
            let w = w.trim_end_matches("'s").trim_end_matches("’s");
            w.trim_matches(|c: char| c == '.' || c == ',')
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// A name that names nothing: only titles, legal forms, currencies and units, or a sum of money.
fn is_non_name(words: &[String]) -> bool {
    let l = lists();
    let filler = |w: &String| is_title(w) || l.legal_forms.contains(w) || l.money_units.contains(w);
    // "First Deputy Premiers", "Vice Presidents": titles in the plural, an ordinal before.
    let title_word = |w: &String| {
        let singular = w.strip_suffix('s').unwrap_or(w);
        l.titles.contains(singular) || matches!(w.as_str(), "first" | "vice")
    };
    let plural_titles = words.len() > 1
        && words.last().is_some_and(|w| w.ends_with('s'))
        && words.iter().all(title_word);
    // "Air Commodore", "Field Marshal": a rank of more than one word.
    let rank = words.len() > 1 && l.titles.contains(&words.join(" "));
    // "Army and Navy officers": two bodies, neither named.
    let two_heads = matches!(words, [a, and, b]
        if (and == "and" || and == "&") && l.heads.contains(a) && l.heads.contains(b));
    words.is_empty()
        || words.iter().all(filler)
        || plural_titles
        || rank
        || is_bloc(words)
        || two_heads
        || words.last().is_some_and(|w| l.money_units.contains(w))
}

/// "the Allied Powers", "the Central Powers", "the Allies", "the Axis": a bloc of states, no
/// organisation or place.
fn is_bloc(words: &[String]) -> bool {
    match words {
        [one] => matches!(one.as_str(), "allied" | "allies" | "axis"),
        [_, .., last] => last == "powers",
        [] => false,
    }
}

/// Whether every word of `name` is a title or rank, with or without its dot ("Cmdr.",
/// "Pope"); a possessive is no title ("Lord's").
fn only_titles(name: &str) -> bool {
    // "the Czar", "the Kaiser" read as a place.
    // "the Taoiseach", "the Tanaiste": titles of the tagger's model's cues, not of its list.
    name.split_whitespace().all(|w| {
        let w = w.trim_end_matches(['.', ',']);
        is_title(w) || super::words::is_monarch_title(w) || super::words::is_title_cue(w)
    })
}

/// One word naming a doctrine after a person or place ("Thatcherism", "Gaullism") or its
/// followers ("Blairites", "Wednesdayites": a club's supporters): an idea or a crowd, not a
/// person, org or place.
fn is_doctrine(words: &[String]) -> bool {
    matches!(words, [w] if w.len() > 5 && (w.ends_with("ism") || w.ends_with("ites")))
}

/// A point of the compass alone: "East", "the West", "North".
fn is_compass_point(words: &[String]) -> bool {
    let words = words.strip_prefix(&["the".to_string()]).unwrap_or(words);
    matches!(words, [w] if matches!(w.as_str(), "east" | "west" | "north" | "south"))
}

/// A product line, alone or with model words or numbers after it ("MacBook Pro", "Xbox
/// 360", "AirPods", "Fortran IV"): a thing sold or written in, not a person, org or place.
fn is_product(words: &[String]) -> bool {
    product_line(words, true)
}

/// [`is_product`], with or without a plural "s" dropped.
fn product_line(words: &[String], plural_too: bool) -> bool {
    let l = lists();
    let listed = |w: &str| {
        l.products.contains(w)
            || (plural_too && w.strip_suffix('s').is_some_and(|s| l.products.contains(s)))
    };
    // Up to four words: "Lord of the Rings", "Red Dead Redemption 2".
    (1..=words.len().min(4)).any(|n| {
        listed(&words[..n].join(" "))
            && words[n..]
                .iter()
                .all(|w| l.product_models.contains(w) || w.contains(|c: char| c.is_ascii_digit()))
    })
}

/// Where a product line starts in a name that has its maker or operator before it ("Lockheed
/// TriStar", "Royal Air Force Hercules", "Sony Walkman"): the number of the maker's words.
/// Not a plural ("Belgrave Harriers" is a club).
fn maker_before_a_product(words: &[String]) -> Option<usize> {
    (1..words.len()).find(|&n| product_line(&words[n..], false))
}

/// `text` up to the end of its `n`th word.
fn first_words(text: &str, n: usize) -> &str {
    let mut end = 0;
    for word in text.split_whitespace().take(n) {
        end = word.as_ptr() as usize - text.as_ptr() as usize + word.len();
    }
    &text[..end]
}

/// Whether `word` is a personal title or rank ("Mayor", "Governor"), in any case, or titles
/// joined by a hyphen ("Governor-General", "Lieutenant-Colonel").
pub(super) fn is_title(word: &str) -> bool {
    let titles = &lists().titles;
    // Most callers pass words already in lower case: no copy for them.
    let word = if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    };
    titles.contains(word.as_ref()) || word.split('-').all(|part| titles.contains(part))
}

/// Whether `name`'s last word heads institutions' names ("Central People's Government").
pub(super) fn ends_in_generic_head(name: &str) -> bool {
    name.rsplit(' ')
        .next()
        .is_some_and(|last| lists().heads.contains(&last.to_lowercase()))
}

/// The head of a generic name ("central bank" -> "bank"), if the name is only a head and
/// its modifiers. A legislature's committee named by its house and subject ("Senate Finance
/// Committee", "House Budget Committee") is no generic name: each house has one.
fn generic_head(words: &[String]) -> Option<&str> {
    let l = lists();
    let head = words.last()?;
    let house_committee = words.len() >= 3
        && matches!(words[0].as_str(), "senate" | "house")
        && matches!(head.as_str(), "committee" | "subcommittee");
    (!house_committee
        && l.heads.contains(head)
        && words[..words.len() - 1]
            .iter()
            .all(|w| l.modifiers.contains(w) || l.heads.contains(w)))
    .then_some(head.as_str())
}

/// Words after "the X" that make X a team or a thing the article talks about, not a person:
/// a verb of the plural or of a game ("the Wild are", "the Wild beat"). Sorted.
const AFTER_A_THING: &[&str] = &[
    "are", "beat", "could", "did", "had", "have", "improved", "lost", "play", "played", "scored",
    "still", "were", "will", "won", "would",
];

/// One-word persons (neither from the gazetteer nor resolved to a full name) that the article
/// writes as a thing: "the Wild" in at least half of their mentions, and at least once with a
/// verb, a possessive or punctuation after it ("the Wild's win", "for the Wild."). Persons
/// take no article; "the Bush administration" has a noun after the name.
fn persons_written_as_things<'a>(
    art: &ArticleState<'a>,
    title: &str,
    body: &str,
) -> HashSet<Cow<'a, str>> {
    let mut counts: std::collections::HashMap<&Cow<'a, str>, (usize, usize, bool)> =
        std::collections::HashMap::new();
    for m in art.mentions.iter().filter(|m| {
        !m.removed && !m.gazetteer && m.kind == EntityKind::Person && !m.canonical.contains(' ')
    }) {
        let (_, text, base) = field_at(m.pos, title, body);
        let at = m.pos - base;
        let Some(after) = text.get(at + m.surface.len()..) else {
            continue;
        };
        let before = &text[..at];
        let entry = counts.entry(&m.canonical).or_default();
        entry.0 += 1;
        if before.ends_with("the ") || before.ends_with("The ") {
            entry.1 += 1;
            let next = after.trim_start_matches(' ');
            let word = next
                .split(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("");
            entry.2 |= after.starts_with([
                '.', ',', ';', ':', '!', '?', ')', '"', '\u{201d}', '\'', '\u{2019}',
            ]) || (after.starts_with(' ') && AFTER_A_THING.binary_search(&word).is_ok());
        }
    }
    counts
        .into_iter()
        .filter(|(_, (all, after_the, thing))| *thing && after_the * 2 >= *all)
        .map(|(name, _)| name.clone())
        .collect()
}

/// Words right before a name that make it the title of a work or a band's name ("the film
/// Vera Drake", "rock band Franz Ferdinand"). Sorted.
const WORK_BEFORE: &[&str] = &[
    "album",
    "band",
    "biopic",
    "blockbuster",
    "book",
    "comedy",
    "documentary",
    "drama",
    "film",
    "magazine",
    "movie",
    "musical",
    "newspaper",
    "novel",
    "opera",
    "sitcom",
    "tabloid",
    "thriller",
    "weekly",
];

/// Words right after a name that make it a work or a band whose star, author or singer the
/// sentence goes on to name ("Vera Drake star Imelda Staunton", "Harry Potter author JK
/// Rowling", "Franz Ferdinand singer Alex Kapranos"). Sorted.
const WORK_AFTER: &[&str] = &[
    "actor",
    "actress",
    "author",
    "bassist",
    "creator",
    "drummer",
    "frontman",
    "games",
    "guitarist",
    "sequel",
    "singer",
    "soundtrack",
    "star",
];

/// Words after "the X" that make X a work: "the Harry Potter films" (where "the Mike Leigh
/// film" is a director's), and singular after an ordinal: "the third Harry Potter film". Sorted.
const WORK_AFTER_THE: &[&str] = &["books", "films", "franchise", "movies", "novels", "series"];
const WORK_AFTER_THE_NTH: &[&str] = &["book", "film", "movie", "novel"];

/// Ordinals between "the" and a work's title. Sorted.
const NTH: &[&str] = &[
    "fifth", "first", "fourth", "second", "seventh", "sixth", "third",
];

/// Words around a name that make it an organisation's, of the work cues above: a band's
/// ("the band Franz Ferdinand", "Franz Ferdinand frontman Alex Kapranos") or a publisher's
/// ("the satirical magazine Charlie Hebdo"). Sorted.
const ORG_BEFORE: &[&str] = &["band", "magazine", "newspaper", "tabloid", "weekly"];
const BAND_AFTER: &[&str] = &["bassist", "drummer", "frontman", "guitarist"];

/// Persons (not from the gazetteer) that the article writes as the title of a work, a band's
/// or a publication's name in at least a third of their mentions: after a work noun, before
/// a word for its star, author or singer, or in brackets after an actor's name ("Phil Davis
/// (Vera Drake)"). A person is none of these. Each with whether most of its cues say band or
/// publication ([`ORG_BEFORE`], [`BAND_AFTER`]): those are organisations.
fn persons_named_as_works<'a>(
    art: &ArticleState<'a>,
    title: &str,
    body: &str,
) -> HashMap<Cow<'a, str>, bool> {
    let surnames: HashSet<&str> = art
        .mentions
        .iter()
        .filter(|m| !m.removed && m.kind == EntityKind::Person && m.name.contains(' '))
        .filter_map(|m| m.name.rsplit(' ').next())
        .collect();
    let mut counts: HashMap<&Cow<'a, str>, (usize, usize, usize)> = HashMap::new();
    for m in art
        .mentions
        .iter()
        .filter(|m| !m.removed && !m.gazetteer && !m.markup && m.kind == EntityKind::Person)
    {
        let (_, text, base) = field_at(m.pos, title, body);
        let at = m.pos - base;
        let (Some(before), Some(after)) = (text.get(..at), text.get(at + m.surface.len()..)) else {
            continue;
        };
        let entry = counts.entry(&m.canonical).or_default();
        entry.0 += 1;
        let mut words_before = before.split(char::is_whitespace).rev();
        let last_before = words_before.next().unwrap_or("");
        let word_before = words_before.next().unwrap_or("");
        // In apposition: "a Lebanese magazine, Al Shiraa, reported"; not "the director of
        // the film, Vinod Pande, said", where the noun is another's.
        let word_before = match word_before.strip_suffix(',') {
            Some(noun)
                if after.starts_with(',') && !words_before.clone().take(3).any(|w| w == "of") =>
            {
                noun
            }
            _ => word_before,
        };
        let next = after.strip_prefix(' ').and_then(|a| a.split(' ').next());
        let next = next.map(|w| w.trim_end_matches(|c: char| !c.is_alphabetic()));
        let is_the = |w: &str| w.eq_ignore_ascii_case("the");
        let nth =
            NTH.binary_search(&word_before).is_ok() && words_before.next().is_some_and(is_the);
        let next_in = |list: &[&str]| next.is_some_and(|w| list.binary_search(&w).is_ok());
        // "its former auditor, Arthur Andersen, which was convicted": a name in apposition
        // that "which" goes on about is a thing. Not "led by Mariano Rajoy, which", where
        // "which" is the government's.
        let cue = (before.ends_with(", ") && after.starts_with(", which "))
            || (last_before.is_empty() && WORK_BEFORE.binary_search(&word_before).is_ok())
            || next_in(WORK_AFTER)
            || (last_before.is_empty() && is_the(word_before) && next_in(WORK_AFTER_THE))
            || (last_before.is_empty() && nth && next_in(WORK_AFTER_THE_NTH))
            || (last_before == "(" && after.starts_with(')') && surnames.contains(word_before));
        if cue {
            entry.1 += 1;
            let org_before = ORG_BEFORE.binary_search(&word_before).is_ok();
            if (last_before.is_empty() && org_before) || next_in(BAND_AFTER) {
                entry.2 += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, (all, works, _))| *works > 0 && works * 3 >= *all)
        .map(|(name, (_, works, bands))| (name.clone(), bands * 2 > works))
        .collect()
}

/// "The Olympics" or "the World Cup" in a story that names the Beijing Olympics or the 2018
/// World Cup: the series (a gazetteer event of no years) is the one instance of it the article
/// names (a dated gazetteer event whose name ends in the same word; "Olympics" and "Games"
/// are one word here), or of several, the one going on in the story's year (a Tokyo story of
/// 2021 that looks ahead to "the Paris Games").
fn series_as_its_instance(lex: &lexicon::Lexicon, art: &mut ArticleState<'_>) {
    let head = |name: &str| match name.rsplit(' ').next().unwrap_or(name) {
        "Olympics" => "Games".to_string(),
        last => last.to_string(),
    };
    let when = art.when();
    // (mention, head, canonical, dated, going on in the story's year) of each gazetteer event.
    let events: Vec<(usize, String, String, bool, bool)> = (art.mentions.iter().enumerate())
        .filter(|(_, m)| !m.removed && m.gazetteer && m.kind == EntityKind::Event)
        .filter_map(|(i, m)| {
            let t = lex.entry(EntityKind::Event, &m.canonical, when)?;
            let now = when.year.is_some_and(|y| lex.holds_year(t, y));
            Some((
                i,
                head(&m.canonical),
                m.canonical.to_string(),
                lex.is_dated(t),
                now,
            ))
        })
        .collect();
    let readings: Vec<(usize, String)> = (events.iter())
        .filter(|(_, _, _, dated, _)| !dated)
        .filter_map(|(i, head, _, _, _)| {
            let named = (events.iter()).filter(|(_, h, _, dated, _)| *dated && h == head);
            let going_on = named.clone().filter(|(.., now)| *now);
            the_one(named.map(|(_, _, c, ..)| c))
                .or_else(|| the_one(going_on.map(|(_, _, c, ..)| c)))
                .map(|c| (*i, c.clone()))
        })
        .collect();
    for (i, canonical) in readings {
        art.mentions[i].canonical = Cow::Owned(canonical);
    }
}

/// A place of short words in capitals ("KENT", "SAN JOSE"), which `restored_case` leaves
/// alone as it may be an acronym, in a name's case: when it opens the body as a dateline does
/// ("KENT, Ohio, May 5 -") or the article writes it so elsewhere ("Kent State").
fn cased_short_places(art: &mut ArticleState<'_>, title: &str, body: &str) {
    for m in art
        .mentions
        .iter_mut()
        .filter(|m| !m.removed && !m.gazetteer && m.kind == EntityKind::Place)
    {
        let name: &str = &m.canonical;
        let shouted = |b: u8| b.is_ascii_uppercase() || b == b'-' || b == b' ';
        if name.len() < 3 || !name.bytes().all(shouted) {
            continue;
        }
        let cased = name
            .split(' ')
            .map(|w| lexicon::title_case(&w.to_lowercase()))
            .collect::<Vec<_>>()
            .join(" ");
        let (field, text, base) = field_at(m.pos, title, body);
        let dateline = field == "body"
            && m.pos == base
            && text
                .get(m.surface.len()..)
                .is_some_and(|t| t.starts_with(", "));
        let written = |text| markup::occurrences(text, &cased).next().is_some();
        if dateline || written(title) || written(body) {
            m.canonical = Cow::Owned(cased);
        }
    }
}

/// "The Saar" read as a body beside "the Saar Basin", a place the article names: a natural
/// feature's name shortened ([`name_shapes::natural_feature_shaped`]), not a body of its own.
fn features_shortened(art: &mut ArticleState<'_>) {
    let features: Vec<String> = art
        .mentions
        .iter()
        .filter(|m| {
            !m.removed
                && m.kind == EntityKind::Place
                && super::name_shapes::natural_feature_shaped(&m.canonical)
                && m.canonical.split(' ').count() == 2
        })
        .map(|m| m.canonical.to_string())
        .collect();
    for m in art.mentions.iter_mut().filter(|m| {
        !m.removed && !m.gazetteer && m.kind == EntityKind::Org && !m.canonical.contains(' ')
    }) {
        let full = features
            .iter()
            .filter(|f| f.split(' ').next() == Some(&*m.canonical));
        if let Some(full) = the_one(full).cloned() {
            m.kind = EntityKind::Place;
            m.canonical = Cow::Owned(full);
        }
    }
}

/// "Lockheed TriStar", "Royal Air Force Hercules" read as one body: the maker or operator
/// of a craft, then read as any other name of the article ("Air Force Hercules": a generic
/// head). The mention ends with the maker too, so no alias keeps the product. A craft with
/// its country ("American Apollo", "Soviet Soyuz") or its model number ("L-1011 TriStar")
/// is no body at all. Not a name that runs on ("International Conference on AIDS").
fn makers_of_products(lex: &lexicon::Lexicon, demonyms: &Demonyms, art: &mut ArticleState<'_>) {
    for m in art.mentions.iter_mut() {
        if m.removed || m.gazetteer || m.kind != EntityKind::Org {
            continue;
        }
        let w = words(&m.canonical);
        let Some(n) = maker_before_a_product(&w) else {
            continue;
        };
        if w.len() != m.canonical.split_whitespace().count()
            || m.surface != m.name
            || m.end - m.pos != m.surface.len()
        {
            continue;
        }
        let maker = first_words(m.surface, n);
        let maker_words = || maker.split_whitespace();
        if maker_words().any(|w| w.contains(|c: char| c.is_ascii_digit()))
            || demonyms.is_demonym(maker)
            || lex.lists_as(EntityKind::Place, maker)
        {
            m.removed = true;
        } else if maker_words().all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || ".&'’-".contains(c))
        }) {
            m.end -= m.surface.len() - maker.len();
            (m.surface, m.name) = (maker, maker);
            m.canonical = first_words(&m.canonical, n).to_string().into();
        }
    }
}

pub(super) fn apply<'a>(
    lex: &lexicon::Lexicon,
    demonyms: &Demonyms,
    art: &mut ArticleState<'a>,
    title: &str,
    body: &str,
) {
    let l = lists();
    cased_short_places(art, title, body);
    makers_of_products(lex, demonyms, art);
    features_shortened(art);
    series_as_its_instance(lex, art);
    let things = persons_written_as_things(art, title, body);
    let works = persons_named_as_works(art, title, body);
    // Orgs with names of their own, which generic heads and halves may resolve to.
    // Each (words, name) once: a long article names the same orgs thousands of times.
    let mut named: Vec<(Vec<String>, Cow<'a, str>)> = Vec::new();
    let mut seen: HashSet<(&str, &str, bool)> = HashSet::new();
    for m in art.mentions.iter().filter(|m| !m.removed) {
        if m.kind == EntityKind::Org && seen.insert((&m.canonical, m.name, m.gazetteer)) {
            let w = words(&m.canonical);
            if !is_non_name(&w) && (m.gazetteer || generic_head(&w).is_none()) {
                // Under the name the article wrote, too: "the House" is the "House of
                // Commons" whose canonical name is "UK Parliament".
                let written = words(m.name);
                if m.gazetteer && written != w {
                    named.push((written, m.canonical.clone()));
                }
                named.push((w, m.canonical.clone()));
            }
        }
    }
    named.sort();
    named.dedup();
    // How many first words of each name are a place the gazetteer knows ("New York" of "New
    // York Yankees") or a city ("Nottingham" of "Nottingham Forest"): a team's nickname
    // after them stands for the team.
    let place_words: Vec<usize> = named
        .iter()
        .map(|(_, c)| {
            let words: Vec<&str> = c.split(' ').collect();
            // A city's, not a country's written as letters ("US Treasury", "US Ahold").
            (1..words.len())
                .rev()
                .find(|&k| {
                    let place = words[..k].join(" ");
                    place.chars().any(char::is_lowercase)
                        && (lex.knows(EntityKind::Place, &place, art.when())
                            || (k == 1 && is_city(&place)))
                })
                .unwrap_or(0)
        })
        .collect();
    // The words of the article's other names: a lone word the tagger calls a person that is
    // one of them is that name shortened ("Fargo" of "Wells Fargo", "Hill" of "Capitol Hill
    // Publishing"), not someone the article names.
    let other_names: HashSet<String> = art
        .mentions
        .iter()
        .filter(|m| !m.removed && m.kind != EntityKind::Person)
        .flat_map(|m| words(&m.canonical))
        .collect();
    for m in art.mentions.iter_mut().filter(|m| !m.removed) {
        let w = words(&m.canonical);
        if !m.gazetteer && is_doctrine(&w) {
            m.removed = true;
            continue;
        }
        match m.kind {
            EntityKind::Person => {
                // After a title a given name is a surname: "President Truman", "Mr. Grant".
                let titled = || {
                    let (_, text, base) = field_at(m.pos, title, body);
                    super::words::after_personal_title(text, m.pos - base)
                };
                let lone_given_name = !m.gazetteer
                    && w.len() == 1
                    && m.surface == m.name
                    && l.given_names.contains(&w[0])
                    && !titled();
                let part_of_other_name =
                    !m.gazetteer && w.len() == 1 && other_names.contains(&w[0]);
                // "The band Franz Ferdinand": an organisation.
                if works.get(&m.canonical) == Some(&true) {
                    m.kind = EntityKind::Org;
                    continue;
                }
                // "W. W." of "Gen. W. W. Atterbury" cut short: initials alone are no one.
                let only_initials = w.iter().all(|x| x.chars().count() == 1);
                m.removed = is_non_name(&w)
                    || only_initials
                    || lone_given_name
                    || part_of_other_name
                    || things.contains(&m.canonical)
                    || works.contains_key(&m.canonical)
                    || (!m.gazetteer && is_product(&w));
            }
            // "Fortran" typed as a place: a thing, as for persons and orgs. "East", "the
            // West": a point of the compass alone is a direction or a bloc of its day, no
            // one place ("Middle East", "West Bank", "Midwest" have names of their own).
            // "Cmdr", "Cpl", "Pope": a title the tagger read as a place (not "Lord's",
            // the ground, which `words` would make "lord"); "Allied": a bloc; "Co" of "Co.
            // Tyrone", cut off its county (not "CO", Colorado's code).
            EntityKind::Place
                if !m.gazetteer
                    && (is_product(&w)
                        || is_compass_point(&w)
                        || is_bloc(&w)
                        || only_titles(&m.canonical)
                        || (w.iter().all(|x| l.legal_forms.contains(x))
                            && m.canonical.chars().any(char::is_lowercase))) =>
            {
                m.removed = true
            }
            // "Salomon" read as a place beside "Salomon Brothers Inc": the firm shortened,
            // when no list knows the name as a place; "Forest" beside "Nottingham Forest": a
            // team after its city, as an org's last words are below.
            EntityKind::Place if !m.gazetteer && !lex.lists(&m.canonical) => {
                let longer = named.iter().zip(&place_words).filter(|((n, _), places)| {
                    shortens_firm(&w, n)
                        || (n.len() > w.len() && n.ends_with(&w) && **places == n.len() - w.len())
                });
                if let Some(full) = the_one(longer.map(|((_, c), _)| c)).cloned() {
                    m.kind = EntityKind::Org;
                    m.canonical = full;
                }
            }
            EntityKind::Org if !m.gazetteer => {
                // "the Federal", "the Public": modifiers of a name never written. Not
                // "Labor" or "Labour", which alone name a party.
                let only_modifiers = w
                    .iter()
                    .all(|x| l.modifiers.contains(x) && !matches!(x.as_str(), "labor" | "labour"));
                if is_non_name(&w) || is_product(&w) || only_modifiers {
                    m.removed = true;
                } else if let Some(head) = generic_head(&w) {
                    let holds = |n: &[String]| {
                        n.iter().enumerate().any(|(i, x)| {
                            x == head
                                && (!l.heads_before_of.contains(head)
                                    || n.get(i + 1).is_some_and(|next| next == "of"))
                        })
                    };
                    // "the National Party" is not the article's "Labour Party": a holder
                    // has the generic name's own modifiers too, or none of its own ("the
                    // Central Bank" is the "Bank of Japan", not the "Ministry of Finance").
                    let own: Vec<&String> =
                        w.iter().filter(|x| *x != "the" && *x != head).collect();
                    let fits = |n: &[String]| {
                        own.iter().all(|x| n.contains(x))
                            || (n
                                .first()
                                .is_some_and(|first| first == head || first == "the")
                                && !n.iter().any(|x| {
                                    x != "the" && l.modifiers.contains(x) && !own.contains(&x)
                                }))
                    };
                    let holders = named.iter().filter(|(n, _)| holds(n) && fits(n));
                    match the_one(holders.map(|(_, c)| c)).cloned() {
                        Some(full) => m.canonical = full,
                        None => m.removed = true,
                    }
                } else {
                    // The first words of a longer name the article writes, or its last
                    // words (see below), but not the end of a phrase the tagger took in:
                    // "Advanced Development Programs at Blue Origin", "One Home Depot store"
                    // hold no name of Blue Origin's or Home Depot's.
                    let tail_of = |n: &[String]| {
                        const PHRASE_WORDS: &[&str] = &[
                            "a", "an", "at", "by", "each", "every", "for", "from", "in", "on",
                            "one", "some", "that", "this", "to", "two", "with",
                        ];
                        let before = &n[..n.len() - w.len()];
                        // "Premier League" beside the "Scottish Premier League" is England's:
                        // a nation's adjective before it makes another body.
                        let nation = |x: &String| {
                            ["ish", "ese", "ian", "can", "ean"]
                                .iter()
                                .any(|e| x.ends_with(e))
                        };
                        n.ends_with(&w)
                            && !before
                                .iter()
                                .any(|x| PHRASE_WORDS.contains(&x.as_str()) || nation(x))
                    };
                    // What may stand for the longer name by its last words: the part after
                    // "&" (not "and": "Foo Fighters and Iron Maiden" is two), an institution
                    // ("the Board of Elections"), or a team after its city ("the Yankees",
                    // "the Red Sox" of "New York Yankees", "Boston Red Sox").
                    let institution = w.len() >= 2 && w.iter().any(|x| l.heads.contains(x));
                    let longer = named.iter().zip(&place_words).filter(|((n, _), places)| {
                        n.len() > w.len()
                            && (n.starts_with(&w)
                                || (tail_of(n)
                                    && (institution
                                        || n.iter().any(|x| x == "&")
                                        || **places == n.len() - w.len())))
                    });
                    if let Some(full) = the_one(longer.map(|((_, c), _)| c)).cloned() {
                        m.canonical = full;
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{builtin, find, names};
    use super::*;

    #[test]
    fn word_lists_classify_names() {
        let w = |s: &str| words(s);
        assert!(is_non_name(&w("Inc.")));
        assert!(is_non_name(&w("N.Z. Dlrs")));
        assert!(is_non_name(&w("Mr")));
        assert!(is_non_name(&w("Author")) && is_non_name(&w("Editor")));
        assert!(!is_non_name(&w("Standard & Poor's Corp")));
        // Ranks of two words, two bodies joined, blocs; not a body of heads and modifiers.
        for none in [
            "Air Commodore",
            "Lt.",
            "Army and Navy",
            "Allied",
            "Axis",
            "Central Powers",
            "Governor-General",
        ] {
            assert!(is_non_name(&w(none)), "{none}");
        }
        assert!(!is_non_name(&w("Army Air Forces")) && !is_non_name(&w("Allied Bank")));
        assert_eq!(generic_head(&w("Central Bank")), Some("bank"));
        assert_eq!(generic_head(&w("the Commission")), Some("commission"));
        assert_eq!(generic_head(&w("European Commission")), None);
        assert_eq!(generic_head(&w("Senate Finance Committee")), None);
        assert_eq!(generic_head(&w("Finance Committee")), Some("committee"));
        assert_eq!(generic_head(&w("Bank of England")), None);
        assert!(is_product(&w("MacBook Pro")) && is_product(&w("MacBooks")));
        assert!(is_product(&w("Xbox 360")) && is_product(&w("Apple Watch Series 5")));
        assert!(is_product(&w("Echo Dot")) && is_product(&w("PlayStation")));
        assert!(is_product(&w("Fortran IV")) && is_product(&w("PL/I")));
        assert!(!is_product(&w("Fortran Society")));
        assert!(!is_product(&w("Galaxy Entertainment")) && !is_product(&w("Echo Park")));
        assert!(!is_product(&w("Galaxy")) && is_product(&w("Samsung Galaxy Note")));
        assert!(!is_product(&w("Apple")) && !is_product(&w("Sony")));
        assert!(is_product(&w("Ebola")) && is_product(&w("SARS")) && is_product(&w("Zika virus")));
        assert!(!is_product(&w("Parkinson")) && !is_product(&w("Huntington")));
        assert_eq!(maker_before_a_product(&w("Lockheed TriStar")), Some(1));
        assert_eq!(
            maker_before_a_product(&w("Royal Air Force Hercules C-130")),
            Some(3)
        );
        assert_eq!(maker_before_a_product(&w("TriStar")), None);
        assert_eq!(maker_before_a_product(&w("Belgrave Harriers")), None);
        assert_eq!(maker_before_a_product(&w("Apollo Theater")), None);
        assert!(is_doctrine(&w("Thatcherism")));
        assert!(!is_doctrine(&w("Nordic Realism Institute")));
        // Legal forms proper go from canonical names; words of names only count as forms.
        let l = lists();
        assert!(l.company_forms.contains("corp") && l.company_forms.contains("pty"));
        assert!(!l.company_forms.contains("company") && !l.company_forms.contains("brothers"));
        assert!(l.legal_forms.contains("company") && l.legal_forms.contains("brothers"));
    }

    #[test]
    fn a_firm_s_short_name_is_its_name_without_its_trade() {
        assert!(is_org_short_name_of("Salomon", "Salomon Brothers"));
        assert!(is_org_short_name_of("Ford", "Ford Motor"));
        assert!(is_org_short_name_of(
            "Chase Manhattan",
            "Chase Manhattan Bank"
        ));
        assert!(is_org_short_name_of("Moody's", "Moody's Investors Service"));
        // Not a team, a station or a paper of a town, nor a qualifier alone.
        assert!(!is_org_short_name_of("Leeds", "Leeds Rhinos"));
        assert!(!is_org_short_name_of("Radio", "Radio 1"));
        assert!(!is_org_short_name_of("Hollywood", "Hollywood Reporter"));
        assert!(!is_org_short_name_of("Federal", "Federal Bank"));
        assert!(!is_org_short_name_of("Ford Motor", "Ford Motor"));
        assert!(!is_org_short_name_of("GE", "GE Capital"));
    }

    #[test]
    fn generic_heads_resolve_to_the_one_org_holding_them() {
        let es = builtin().extract(
            "",
            "The Northern Grain Commission met on Monday. The Commission said prices rose.",
        );
        assert!(find(&es, EntityKind::Org, "Commission").is_none(), "{es:?}");
        assert!(names(&es, EntityKind::Org).contains(&"Northern Grain Commission"));
    }
}
