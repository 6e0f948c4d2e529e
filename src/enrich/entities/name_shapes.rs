//! What a name's own words say it is, whatever kind the tagger read: an event ("Consumer
//! Electronics Show"), a contest ("the Hallamshire Senior Cup"), a street or a place ("Avenue
//! of Eternal Peace", "River Alder"), a firm ("Dick Clark Productions"), a city after "in"
//! that the tagger took for a club, a county's or a town's branch of a listed organisation,
//! and a party's leader cut into its name. Read by `tagged.rs`.

use super::fragments;
use super::lexicon::{Lexicon, When};
use super::words;
use crate::article::EntityKind;
use crate::enrich::ner;

/// An organisation's name that ends in what is held rather than who holds it: an event
/// ("Consumer Electronics Show", "Brit Awards", "Venice Film Festival"). Not a conference or
/// a convention, which many bodies are called ("Southern Christian Leadership Conference",
/// "Southern Baptist Convention").
///
/// "Talks" and "Treaty" also end firms' names ("Penn Treaty American Corp", "Penn Treaty"
/// for short), so they make an event of a name of three words or more ("Strategic Arms
/// Limitation Talks") or one written after "the" ("the Maastricht Treaty").
pub(super) fn event_shaped(surface: &str, before: &str) -> bool {
    if !surface.contains(' ') {
        return false;
    }
    let head = event_head(surface);
    let pact = matches!(head, "Talks" | "Treaty");
    (!matches!(head, "Conference" | "Convention")
        && words::is_event_head(head)
        && (!pact || surface.split(' ').count() >= 3 || before.ends_with("the ")))
        || numbered_meeting(surface)
}

/// "the Fifth International Conference on AIDS", "the 20th Party Congress", "the 41st World
/// Health Assembly": a body's meeting counted by its ordinal is an event, though a
/// conference, a congress or an assembly alone may be a body ("the Southern Christian
/// Leadership Conference").
pub(super) fn numbered_meeting(surface: &str) -> bool {
    const MEETINGS: &[&str] = &[
        "Assembly",
        "Conference",
        "Congress",
        "Convention",
        "Session",
        "Symposium",
    ];
    const ORDINALS: &[&str] = &[
        "First",
        "Second",
        "Third",
        "Fourth",
        "Fifth",
        "Sixth",
        "Seventh",
        "Eighth",
        "Ninth",
        "Tenth",
        "Eleventh",
        "Twelfth",
        "Thirteenth",
        "Fourteenth",
        "Fifteenth",
        "Sixteenth",
        "Seventeenth",
        "Eighteenth",
        "Nineteenth",
        "Twentieth",
    ];
    let core = [" on ", " of "]
        .iter()
        .filter_map(|cut| surface.find(cut))
        .min()
        .map_or(surface, |at| &surface[..at]);
    let head = core.rsplit(' ').next().unwrap_or(core);
    let first = surface.split(' ').next().unwrap_or("");
    let numbered = ORDINALS.contains(&first)
        || ["st", "nd", "rd", "th"].iter().any(|end| {
            first
                .strip_suffix(end)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        });
    numbered && MEETINGS.contains(&head)
}

/// The word that says what kind of thing a name of words is: its last, or the last before
/// "of" ("Guardians of the Islamic Revolution", "the Bath Festival of Blues and Progressive
/// Music", "the Summit of the Americas") or before a summit's "on" or "for" ("World Summit
/// on the Information Society", "World Summit for Children").
pub(super) fn event_head(surface: &str) -> &str {
    // Not the "of" of a place's name: "Isle of Wight Festival", "Bay of Pigs Invasion".
    const PLACE_BEFORE_OF: &[&str] = &["Bay", "Gulf", "Isle", "Isles", "Sea", "Strait"];
    let before_of = surface
        .find(" of ")
        .map(|at| &surface[..at])
        .filter(|core| !PLACE_BEFORE_OF.contains(&core.rsplit(' ').next().unwrap_or(core)));
    let summit = [" Summit on ", " Summit for "]
        .iter()
        .filter_map(|cut| surface.find(cut))
        .min()
        .map(|at| &surface[..at + " Summit".len()]);
    let core = [before_of, summit]
        .into_iter()
        .flatten()
        .min_by_key(|core| core.len())
        .unwrap_or(surface);
    core.rsplit(' ').next().unwrap_or(core)
}

/// Whether `words` (before a listed organisation's name) name a place below a country's:
/// "Sayre County", "Dunmore City" (not "U.S.", "British": the listed name is the nation's).
pub(super) fn local_place(words: &str) -> bool {
    const LOCAL: &[&str] = &[
        "Borough", "City", "County", "District", "Parish", "Township",
    ];
    let last = words.rsplit(' ').next().unwrap_or("");
    LOCAL.contains(&last)
        && words
            .split(' ')
            .all(|w| w.starts_with(char::is_uppercase) && w.chars().skip(1).all(char::is_lowercase))
}

/// "Sayre County", "Marin County", "Bloomfield Township", "St. Tammany Parish", "South
/// Cholla Province", "Aichi Prefecture": a county's, township's or province's name, which
/// the tagger, having learnt "Derby County" and "Notts County" as football clubs, reads as an
/// organisation. Two or three capitalised words.
pub(super) fn county_shaped(surface: &str) -> bool {
    const HEADS: &[&str] = &["County", "Parish", "Prefecture", "Province", "Township"];
    let words: Vec<&str> = surface.split(' ').collect();
    (2..=3).contains(&words.len())
        && HEADS.contains(&words[words.len() - 1])
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
}

/// Whether `word` is one capitalised word that no list knows ("Stevenage", "Northfield").
pub(super) fn unknown_name(lex: &Lexicon, word: &str, when: When<'_>) -> bool {
    !word.is_empty()
        && !word.contains(' ')
        && word.starts_with(char::is_uppercase)
        && word.chars().skip(1).all(char::is_lowercase)
        && !lex.lists(word)
        && !lex.knows(EntityKind::Place, word, when)
}

/// Whether `words` (after a listed organisation's name) end in a body's word: "Supporters'
/// Club", "Local Branch", "Pension Trust", "Select Committee" (before its remit: "on Foreign
/// Relations"), and the agencies and programmes of a listed body ("United Nations
/// Environment Programme", "UN Population Fund").
pub(super) fn ends_in_a_body(words: &str) -> bool {
    let words = words.split_once(" on ").map_or(words, |(body, _)| body);
    const BODIES: &[&str] = &[
        "Agency",
        "Association",
        "Branch",
        "Club",
        "Committee",
        "Foundation",
        "Fund",
        "Institute",
        "Program",
        "Programme",
        "Society",
        "Trust",
    ];
    words::last_word_in(words, BODIES)
}

/// "the Hallamshire Senior Cup", "the Sayre County Fair": a name of two words or more ending
/// in a word that only contests and shows end in.
pub(super) fn contest_shaped(surface: &str) -> bool {
    const HEADS: &[&str] = &[
        "Carnival",
        "Championship",
        "Championships",
        "Cup",
        "Festival",
        "Marathon",
        "Olympics",
        "Regatta",
    ];
    surface.contains(' ') && words::last_word_in(surface, HEADS)
}

/// "Miners near Coventry", "an academy in Leeds", "landed near Caen": one word read as an
/// organisation that is a city or a county, right after "in", "near", "outside", "across" or
/// "between ... and"; in a story not `about_sport`, also after "at", "from" or "upon" ("the
/// collieries at Newcastle", "a dealer from Bridgend"). The tagger learnt such names as
/// football clubs; a club plays, beats and is beaten, it is not where things are. Not a name
/// the gazetteer knows as an organisation.
pub(super) fn city_after_locative(
    lex: &Lexicon,
    text: &str,
    at: usize,
    surface: &str,
    when: When<'_>,
    about_sport: impl Fn() -> bool,
) -> bool {
    // In sport, not "from": players come "from Chelsea"; nor "at": one plays "at Chelsea".
    // Never "to": sides lose "to Leeds", singers sign "to Columbia".
    const LOCATIVES: &[&str] = &["across", "in", "near", "outside"];
    const AWAY_FROM_SPORT: &[&str] = &["at", "from", "upon"];
    let before = text[..at].strip_suffix(' ').unwrap_or("");
    let preposition = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let word_before = |p: &str| {
        before[..before.len() - p.len()]
            .trim_end()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
            .to_lowercase()
    };
    // "shares in Evergreen", "a stake in Fiat": a firm's. "A 3-0 win at Roma": a club's,
    // whatever else the story is about.
    if preposition == "in" && OWNING_PART.contains(&word_before("in").as_str())
        || preposition == "at" && RESULTS.contains(&word_before("at").as_str())
    {
        return false;
    }
    let locative =
        |word: &str| LOCATIVES.contains(&word) || AWAY_FROM_SPORT.contains(&word) && !about_sport();
    // "between Kelsford and Bristol": the second of two places; the first is a name, not
    // "between them and Alliance".
    let between = preposition == "and" && {
        let words: Vec<&str> = before[..before.len() - 3].rsplit(' ').take(4).collect();
        words
            .iter()
            .position(|w| *w == "between")
            .is_some_and(|k| k > 0 && words[k - 1].starts_with(char::is_uppercase))
    };
    // "in Lyon, Marseille, Strasbourg and Lille": the last of a list of places after one.
    // Or one inside it, between commas ("Strasbourg"); not after a comma alone: "no offer
    // from a club in Spain, Veracruz will be ...".
    let after = &text[at + surface.len()..];
    let listed = matches!(preposition, "and" | "or")
        || before.ends_with(',') && [", ", " and ", " or "].iter().any(|s| after.starts_with(s));
    // Not a list after "from": "from Nationwide and Halifax" may list bodies.
    let list_after_locative = listed && LOCATIVES.contains(&word_before_a_list(before));
    (locative(preposition) || between || list_after_locative)
        && city_not_club(lex, text, at, surface, when)
}

/// Whether `surface` ends in a minister's portfolio and the words `after` it make a title of
/// it: "West German Finance" + " Minister Gerhard Stoltenberg", "Foreign" + " Secretary".
pub(super) fn portfolio_before_an_office(surface: &str, after: &str) -> bool {
    const PORTFOLIOS: &[&str] = &[
        "Agriculture",
        "Defence",
        "Defense",
        "Economic",
        "Economics",
        "Economy",
        "Education",
        "Energy",
        "Environment",
        "Finance",
        "Foreign",
        "Health",
        "Industry",
        "Interior",
        "Justice",
        "Trade",
        "Transport",
    ];
    let office = after
        .strip_prefix(' ')
        .and_then(|rest| rest.split([' ', ',', '\'']).next())
        .is_some_and(|w| matches!(w, "Minister" | "Ministers" | "Secretary"));
    office && words::last_word_in(surface, PORTFOLIOS)
}

/// Whether `surface` at `at` in `text`, which the tagger read as an organisation, is one word
/// that is a city, a town or a county and no listed body, and not followed by a possessive: "in
/// Metz's 3-1 home victory" is the club's. Towns of any size count ("a dealer from Bridgend"),
/// but not one that is also a listed company or a generic head ("Nokia", "Police").
pub(super) fn city_not_club(
    lex: &Lexicon,
    text: &str,
    at: usize,
    surface: &str,
    when: When<'_>,
) -> bool {
    let after = &text[at + surface.len()..];
    !surface.contains(' ')
        && !after.starts_with("'s")
        && !after.starts_with("\u{2019}s")
        && (fragments::is_city(surface) || is_shire(surface) || small_town(text, surface))
        && !lex.knows(EntityKind::Org, surface, when)
}

/// Whether `word` is a town or county of the tagger's place lists that is no listed company
/// or generic head ("Nokia", "Police") and that the segment `text` does not also write as the
/// first word of a body ("Alliance" of "the Alliance Party").
fn small_town(text: &str, word: &str) -> bool {
    let first_word_of_a_body = || {
        text.match_indices(word).any(|(at, _)| {
            let next = text[at + word.len()..].strip_prefix(' ').unwrap_or("");
            let next = next
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            next.starts_with(char::is_uppercase)
                && (fragments::ends_in_generic_head(next) || ner::is_org_word(next))
        })
    };
    ner::is_listed_place(word)
        && !ner::is_listed_body(word)
        && !fragments::is_generic_word(word)
        && !first_word_of_a_body()
}

/// Words of owning part of a firm ("shares", "a stake", "invested"): the name after "in" is
/// the firm's.
const OWNING_PART: &[&str] = &[
    "equity",
    "holding",
    "holdings",
    "interest",
    "interests",
    "invest",
    "invested",
    "investing",
    "investment",
    "investments",
    "share",
    "shareholding",
    "shares",
    "stake",
    "stakes",
];

/// Results of a match played away: the name after "at" is the home side ("a 3-0 win at
/// Roma").
const RESULTS: &[&str] = &["defeat", "draw", "loss", "victory", "win"];

/// The word before a list of one-word names that `before` ends in ("in" of "in Lyon,
/// Marseille, Strasbourg and"), at most six names back; "" when the list has longer items,
/// a month or a day, or a sentence's end.
fn word_before_a_list(before: &str) -> &str {
    let mut rest = before;
    for _ in 0..6 {
        rest = rest
            .strip_suffix(" and")
            .or_else(|| rest.strip_suffix(" or"))
            .or_else(|| rest.strip_suffix(','))
            .unwrap_or(rest)
            .trim_end_matches(',');
        let Some((head, name)) = rest.rsplit_once(' ') else {
            return "";
        };
        if !name.starts_with(char::is_uppercase) {
            return name;
        }
        // "in November, Orange followed": a month or a day is no place of the list.
        if words::is_stopword(name) || name.ends_with('.') {
            return "";
        }
        rest = head;
    }
    ""
}

/// "through the Ardennes forest", "the Ruhr valley", "the Mekong delta": a name before a
/// lowercase noun of land or water is that place's (the text at `end` is after the name).
pub(super) fn before_a_place_noun(text: &str, end: usize) -> bool {
    const NOUNS: &[&str] = &[
        "coast",
        "delta",
        "desert",
        "forest",
        "forests",
        "hills",
        "massif",
        "mountains",
        "peninsula",
        "plain",
        "plains",
        "plateau",
        "river",
        "valley",
    ];
    // Places before a plural ("the New Lodge districts"), and the first of two: "the Ardoyne
    // and New Lodge districts", "the Tigris and Euphrates rivers".
    const PLURALS: &[&str] = &[
        "districts",
        "estates",
        "neighborhoods",
        "neighbourhoods",
        "rivers",
        "suburbs",
        "townships",
        "valleys",
        "villages",
    ];
    let Some(rest) = text[end..].strip_prefix(' ') else {
        return false;
    };
    // (Not "region": Welsh rugby's teams are "the Celtic Warriors region".)
    if NOUNS.contains(&first_word(rest)) || PLURALS.contains(&first_word(rest)) {
        return true;
    }
    let Some(second) = rest.strip_prefix("and ") else {
        return false;
    };
    // One to three capitalised words of the second name, then the plural.
    let words: Vec<&str> = second.splitn(5, ' ').collect();
    let names = words
        .iter()
        .take(3)
        .take_while(|w| w.starts_with(char::is_uppercase))
        .count();
    names > 0
        && words.get(names).is_some_and(|w| {
            let noun = first_word(w);
            PLURALS.contains(&noun) || noun.ends_with('s') && NOUNS.contains(&noun)
        })
}

/// The first word of `text`: its letters up to the first other character.
fn first_word(text: &str) -> &str {
    text.split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
}

/// "the neighbourhood of La Boca", "the village of Adigrat", "the outskirts of Kontum": a name
/// after a lowercase noun of places and "of" is a place, whatever the tagger read it as.
pub(super) fn after_a_place_noun(text: &str, at: usize) -> bool {
    const NOUNS: &[&str] = &[
        "borough",
        "district",
        "island",
        "neighborhood",
        "neighbourhood",
        "outskirts",
        "parish",
        "province",
        "region",
        "streets",
        "suburb",
        "suburbs",
        "town",
        "township",
        "village",
    ];
    text.get(..at)
        .and_then(|before| before.strip_suffix(" of "))
        .map(|before| before.rsplit(' ').next().unwrap_or(before))
        .is_some_and(|noun| NOUNS.contains(&noun))
}

/// "over Lockerbie, Scotland", "of Irvine, Calif., seized", "of New Concord, Ohio": one to
/// three capitalised words the tagger read as a name of another kind, then a comma and a place the lists know that is no city (a
/// country, state or region, as datelines and news copy locate a town), then the clause goes
/// on. The word is a town, unless a list knows it as an organisation or it says it is one;
/// a possessive after the place ("Toyota, Japan's biggest carmaker") describes instead.
pub(super) fn town_of_a_region(
    lex: &Lexicon,
    text: &str,
    end: usize,
    surface: &str,
    when: When<'_>,
) -> bool {
    // One to three capitalised words: "of New Concord, Ohio".
    let words = surface.split(' ');
    if !surface
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | ' '))
        || words.clone().count() > 3
        || !words.clone().all(|w| w.starts_with(char::is_uppercase))
        || lex.lists(surface)
        || lex.knows(EntityKind::Org, surface, when)
        || org_shaped(surface)
    {
        return false;
    }
    region_after(lex, text, end, when, false)
}

/// Whether a comma and a place the lists know that is no city (a country, state or region:
/// "Scotland", "Calif.") follow `text[..end]`, and then the clause goes on. `closing`: only
/// where a mark closes the place ("in Westminster, Mass., doctors said"; not "with Labour,
/// Britain will", "by Samsung, Rio and Creative", where the place opens a clause or a list).
pub(super) fn region_after(
    lex: &Lexicon,
    text: &str,
    end: usize,
    when: When<'_>,
    closing: bool,
) -> bool {
    let Some(after) = text[end..].strip_prefix(", ") else {
        return false;
    };
    // The region: one to three capitalised words ("Saudi Arabia", "Calif."), the longest the
    // lists know as a place, and then no more of a name.
    let words: Vec<&str> = after.split(' ').take(3).collect();
    (1..=words.len()).rev().any(|n| {
        let written = words[..n].join(" ");
        let written = written.trim_end_matches([',', ';', ':', ')']);
        // "Calif." is the abbreviation, "Scotland." ends a sentence.
        [written, written.trim_end_matches('.')]
            .into_iter()
            .any(|name| {
                let rest = &after[name.len()..];
                // A city is no region: "visit Plymouth, Liverpool travel to Burnley",
                // "Bayern, Barcelona and Real Madrid" are lists of clubs. Nor is a
                // possessive: "the Folketing, Denmark's parliament".
                name.starts_with(char::is_uppercase)
                    && !name.ends_with("'s")
                    && !name.ends_with("\u{2019}s")
                    && (lex.knows(EntityKind::Place, name, when)
                        || ambiguous_state(written).is_some())
                    && !fragments::is_city(name)
                    && (rest.is_empty()
                        || rest.starts_with([',', '.', ';', ':', ')'])
                        || !closing
                            && rest.strip_prefix(' ').is_some_and(|r| {
                                r.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
                            }))
            })
    })
}

/// US states' abbreviations in the wire's style that read as words, titles or names too
/// ("Mass.", "Wash.", "Miss.", "Ill."), so the gazetteer cannot list them: they are states
/// only after a town and a comma ("Redmond, Wash.", "East Aurora, N. Y."). Each with the
/// gazetteer's name of the state.
const AMBIGUOUS_STATE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("Ala.", "Alabama"),
    ("Ark.", "Arkansas"),
    ("Del.", "Delaware"),
    ("Ga.", "Georgia (US state)"),
    ("Ill.", "Illinois"),
    ("Ind.", "Indiana"),
    ("La.", "Louisiana"),
    ("Mass.", "Massachusetts"),
    ("Md.", "Maryland"),
    ("Me.", "Maine"),
    ("Miss.", "Mississippi"),
    ("Mo.", "Missouri"),
    ("N.Y.", "New York State"),
    ("Ore.", "Oregon"),
    ("Pa.", "Pennsylvania"),
    ("Va.", "Virginia"),
    ("Vt.", "Vermont"),
    ("Wash.", "Washington State"),
];

/// The state an abbreviation of [`AMBIGUOUS_STATE_ABBREVIATIONS`] names, written with or
/// without spaces after its inner dots ("N. Y.").
fn ambiguous_state(written: &str) -> Option<&'static str> {
    let joined = if written.contains(". ") {
        std::borrow::Cow::Owned(written.replace(". ", "."))
    } else {
        std::borrow::Cow::Borrowed(written)
    };
    AMBIGUOUS_STATE_ABBREVIATIONS
        .iter()
        .find(|(abbreviation, _)| *abbreviation == joined)
        .map(|(_, state)| *state)
}

/// "Redmond, Wash., said", "of East Aurora, N. Y.": byte ranges of the state abbreviations
/// of [`AMBIGUOUS_STATE_ABBREVIATIONS`] that follow a capitalised word and a comma and end a
/// clause or a sentence, each with the state's name.
pub(super) fn states_after_towns(text: &str) -> Vec<(usize, usize, &'static str)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(comma) = text[from..].find(", ").map(|i| from + i) {
        from = comma + 2;
        let town = text[..comma]
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        if !town.starts_with(char::is_uppercase) || !town.ends_with(char::is_alphabetic) {
            continue;
        }
        let after = &text[comma + 2..];
        let written = &after[..abbreviation_len(after)];
        if written.is_empty() {
            continue;
        }
        let rest = &after[written.len()..];
        // A clause or a sentence ends there: "Redmond, Wash., said", "Peoria, Ill. The"; not
        // "on Sunday, Mass. was said".
        let ends_a_clause = rest.is_empty()
            || rest.starts_with([',', ';', ':', ')', '\n', '"', '\u{201d}'])
            || rest
                .strip_prefix(' ')
                .is_some_and(|next| next.starts_with(|c: char| !c.is_lowercase()));
        if let Some(state) = ambiguous_state(written).filter(|_| ends_a_clause)
            && written.starts_with(char::is_uppercase)
        {
            let start = comma + 2;
            found.push((start, start + written.len(), state));
        }
    }
    found
}

/// The length of the dotted abbreviation `text` starts with: one to four letters and a dot,
/// and a second part of one or two letters after a first of one or two ("N. Y.", "N.Y.").
fn abbreviation_len(text: &str) -> usize {
    let letters = |t: &str| {
        t.find(|c: char| !c.is_ascii_alphabetic())
            .unwrap_or(t.len())
    };
    let first = letters(text);
    if !(1..=4).contains(&first) || !text[first..].starts_with('.') {
        return 0;
    }
    let len = first + 1;
    let rest = text[len..].strip_prefix(' ').unwrap_or(&text[len..]);
    let second = letters(rest);
    if first <= 2 && (1..=2).contains(&second) && rest[second..].starts_with('.') {
        text.len() - rest.len() + second + 1
    } else {
        len
    }
}

/// "Nottinghamshire", "Aberdeenshire": a British county, which CoNLL's cricket results taught
/// the tagger as a club.
pub(super) fn is_shire(word: &str) -> bool {
    word.len() > "shire".len() + 2
        && word.ends_with("shire")
        && word.starts_with(char::is_uppercase)
}

/// Whether `person` ("Jeremy Thorpe": a given name and one more capitalised word) is whose
/// `body` is ("Liberal Party", "Government", "Cabinet"): the leader, not the name's end ("the
/// Government of India", "the Communist Party of America" are one word).
pub(super) fn leader_of_a_body(body: &str, person: &str) -> bool {
    const BODIES: &[&str] = &[
        "Administration",
        "Cabinet",
        "Coalition",
        "Government",
        "Party",
    ];
    let last = body.rsplit(' ').next().unwrap_or("");
    match person.split_once(' ') {
        Some((given, surname)) => {
            BODIES.contains(&last)
                && fragments::is_given_name(given)
                && !surname.contains(' ')
                && surname.starts_with(char::is_uppercase)
        }
        None => false,
    }
}

/// First words of streets, squares, parks, bridges and gates named the French, Italian,
/// Spanish or Portuguese way ("Avenue Kleber", "Piazza Venezia", "Plaza de Mayo", "Rua
/// Augusta", "Puerto Argentino", "Bois de Boulogne", "Ponte Vecchio").
/// (Not "Via": "Via Rail" is a railway.)
const STREET_FIRST_WORDS: &[&str] = &[
    "Avenida",
    "Avenue",
    "Bois",
    "Boulevard",
    "Calle",
    "Campo",
    "Champs",
    "Corso",
    "Esplanada",
    "Jardin",
    "Largo",
    "Parc",
    "Parque",
    "Paseo",
    "Piazza",
    "Place",
    "Plaza",
    "Pont",
    "Ponte",
    "Porta",
    "Praça",
    "Puerto",
    "Quai",
    "Rua",
    "Rue",
    "Terreiro",
];

/// Whether `surface` starts with one of [`STREET_FIRST_WORDS`], or with a word that is a
/// place's only before a particle ("Champ de Mars", "Camp de Thiaroye"; "Champ Clark" and
/// "Camp David" are no such places).
fn street_first_word(surface: &str) -> bool {
    const BEFORE_A_PARTICLE: &[&str] = &["Camp", "Champ", "Château"];
    let mut words = surface.split(' ');
    let first = words.next().unwrap_or("");
    STREET_FIRST_WORDS.contains(&first)
        || (BEFORE_A_PARTICLE.contains(&first)
            && words
                .next()
                .is_some_and(|w| matches!(w, "de" | "des" | "du" | "d'")))
}

/// Streets, squares, gates, rooms, palaces, arenas and grounds, which the tagger may read as
/// organisations ("Avenue of Eternal Peace", "Plaza de Mayo", "Gate of Heavenly Peace", "the
/// Caucus Room", "the Palace of Justice", "the Melbourne Cricket Ground"); not "Street",
/// whose names stand for institutions ("Downing Street", "Wall Street"). Not markets either:
/// "Balogun Market" is a place, but "the Zagreb Money Market" is no street.
pub(super) fn street_shaped(surface: &str) -> bool {
    const STREETS: &[&str] = &[
        "Arena",
        "Avenue",
        "Boulevard",
        "Drive",
        "Ground",
        "Highway",
        "Interstate",
        "Lane",
        "Road",
        "Route",
        "Room",
        "Square",
        "Stadium",
    ];
    // "State Route 66", "County Road 12": the word before the number.
    let mut backwards = surface.rsplit(' ');
    let mut last = backwards.next().unwrap_or("");
    if last.starts_with(|c: char| c.is_ascii_digit()) {
        last = backwards.next().unwrap_or("");
    }
    // "Argyll Street", "East 57th Street"; not a street that names a trade or an office by
    // metonymy ("Wall Street" read as a body is the finance industry), "the Old Lady of
    // Threadneedle Street" (the Bank of England) nor a shop "of Bond Street".
    const METONYMS: &[&str] = &[
        "Bay Street",
        "Dalal Street",
        "Downing Street",
        "Fleet Street",
        "Harley Street",
        "Lombard Street",
        "Threadneedle Street",
        "Wall Street",
    ];
    let street = last == "Street"
        && !surface.contains(" of ")
        && !METONYMS.iter().any(|m| surface.ends_with(m));
    surface.contains(' ')
        && (STREETS.contains(&last)
            || street
            || street_first_word(surface)
            || surface.starts_with("Gate of ")
            || surface.starts_with("Palace of "))
}

/// "Bligh Reef", "the Arctic National Wildlife Refuge", "the Mekong Delta": a name ending in
/// a word for a natural feature or a protected area. (Not "Bay" or "Canyon": "Tampa Bay" is
/// a team, "Torrey Canyon" a tanker.)
pub(super) fn natural_feature_shaped(surface: &str) -> bool {
    const FEATURES: &[&str] = &[
        "Atoll",
        "Basin",
        "Delta",
        "Estuary",
        "Fjord",
        "Gorge",
        "Marsh",
        "Marshes",
        "Plateau",
        "Rainforest",
        "Reef",
        "Refuge",
        "Swamp",
        "Wetlands",
    ];
    surface.contains(' ') && words::last_word_in(surface, FEATURES)
}

/// "Cape Race", "Cape York", "Lake Chad" read as an organisation: a headland or a lake and
/// its name, with no word of a body's after it ("Cape Police", "Lake Forest College").
pub(super) fn cape_or_lake_shaped(surface: &str) -> bool {
    surface.split_once(' ').is_some_and(|(first, rest)| {
        matches!(first, "Cape" | "Lake")
            && rest.split(' ').count() <= 2
            && rest.split(' ').all(|w| {
                w.starts_with(char::is_uppercase)
                    && !words::is_org_head(w)
                    && !crate::enrich::ner::is_org_word(w)
            })
    })
}

/// "the Dasman Palace", "the Government Conference Centre", "the Jakarta Convention Center":
/// a palace, or a centre for conferences, shows, shopping, sport or the arts, is a building
/// (an airport, an auditorium, a pavilion, a bridge or a tunnel is a place too)
/// where things happen; the caller leaves out names a list knows as organisations ("Crystal
/// Palace" the club, "Buckingham Palace" for the household). Research and medical centres
/// are bodies ("Goddard Space Flight Center").
pub(super) fn venue_shaped(surface: &str) -> bool {
    const VENUES: &[&str] = &[
        "Arts",
        "Civic",
        "Community",
        "Conference",
        "Convention",
        "Exhibition",
        "Leisure",
        "Shopping",
        "Sports",
        "Trade",
    ];
    let mut words = surface.rsplit(' ');
    let last = words.next().unwrap_or("");
    let before = words.next();
    match last {
        "Palace" => before.is_some(),
        "Centre" | "Center" => before.is_some_and(|w| VENUES.contains(&w)),
        // "Aviano Air Base", "Ramstein Air Base", "Guantanamo Naval Base": where planes or
        // ships are, which the tagger reads as the force.
        "Base" => before.is_some_and(|w| matches!(w, "Air" | "Naval" | "Military" | "Army")),
        // "Sydney Harbour Bridge", "Kingsford Smith Airport", "Santa Monica Civic
        // Auditorium", "Bratislava Castle", "St Martin's Cathedral": where, not who.
        "Abbey" | "Airport" | "Auditorium" | "Bridge" | "Castle" | "Cathedral" | "Pavilion"
        | "Tunnel" => before.is_some(),
        // "Battersea Power Station", "Paddington Railway Station": a building, not a radio
        // station's company ("Radio Station").
        "Station" => before.is_some_and(|w| {
            matches!(
                w,
                "Bus" | "Fire" | "Generating" | "Police" | "Power" | "Railway"
            )
        }),
        _ => false,
    }
}

/// "River Alder", "Mill Lane", "Mount Kenya": names whose first or last word says they are
/// places, however much the rest looks like a person's name.
pub(super) fn place_shaped(surface: &str) -> bool {
    // Besides streets' first words: "Casa Rosada", "Bahía Blanca", "Mount Kenya".
    const FIRST: &[&str] = &[
        "Bahía",
        "Boulevard",
        "Casa",
        "Cerro",
        "Isla",
        "Lake",
        "Mount",
        "Palacio",
        "Palácio",
        "Port",
        "River",
    ];
    // Venues too ("Jeongdong Theater"), but not heads that are also common surnames ("Hall",
    // "Park": "Ji-sung Park").
    const LAST: &[&str] = &[
        "Abbey",
        "Airport",
        "Arena",
        "Auditorium",
        "Avenue",
        "Boulevard",
        "Bridge",
        "Cathedral",
        "Colliery",
        "County",
        "Gate",
        "Expressway",
        "Freeway",
        "Glacier",
        "Ground",
        "Highway",
        "Hotel",
        "Island",
        "Islands",
        "Lane",
        "Moor",
        "Museum",
        "Pavilion",
        "Peninsula",
        "Road",
        "Sound",
        "Square",
        "Stadium",
        "Station",
        "Strait",
        "Street",
        "Theater",
        "Theatre",
        "Township",
    ];
    let mut words = surface.split(' ');
    let first = words.next().unwrap_or("");
    let Some(last) = words.next_back() else {
        return false;
    };
    street_first_word(surface) || FIRST.contains(&first) || LAST.contains(&last)
}

/// "Wells Fargo", "Goldman Sachs", "Dow Jones": a would-be person of two or more words that
/// the tagger's own lists name as a company, organisation or team is one, unless it opens
/// with a given name ("Ralph Lauren", "Charles Schwab": the man as often as the firm) or the
/// gazetteer knows such a person. One word is left to the tagger: "Fox" is a network in one
/// sentence and "Mr Fox" in the next.
pub(super) fn listed_org(lex: &Lexicon, surface: &str, when: When<'_>) -> bool {
    let Some((first, _)) = surface.split_once(' ') else {
        return false;
    };
    crate::enrich::ner::is_listed_organisation(surface)
        && !fragments::is_given_name(first)
        && !lex.knows(EntityKind::Person, surface, when)
}

/// "Dick Clark Productions", "Warner Music Group", "Smith Barney Inc", "Christian Democrats",
/// "Mukti Bahini", "Janatha Vimukthi Peramuna": a name ending in a word that heads
/// organisations' names (or names a party's members) and never persons' is an organisation,
/// however much the rest looks like a person's name.
pub(super) fn org_shaped(surface: &str) -> bool {
    surface.rsplit_once(' ').is_some_and(|(_, last)| {
        ORG_LAST_WORDS
            .binary_search(&last.trim_end_matches('.'))
            .is_ok()
            || words::is_party_members(last)
    })
}

/// "the High Court", "Bow Street Magistrates' Court", "Santa Clara County Superior Court":
/// a court of law, which the tagger reads as a place as it reads "Earls Court" (one is a
/// body: it rules, sits and hears). A kind of court before the last word says which.
pub(super) fn court_of_law_shaped(surface: &str) -> bool {
    const KINDS: &[&str] = &[
        "Appeal",
        "Appeals",
        "Circuit",
        "Constitutional",
        "County",
        "Criminal",
        "Crown",
        "District",
        "Family",
        "Federal",
        "High",
        "Juvenile",
        "Magistrates",
        "Magistrates'",
        "Military",
        "Municipal",
        "Sheriff",
        "Superior",
        "Supreme",
    ];
    surface
        .strip_suffix(" Court")
        .and_then(|rest| rest.rsplit(' ').next())
        .is_some_and(|kind| KINDS.contains(&kind))
}

#[rustfmt::skip]
pub(super) const ORG_LAST_WORDS: &[&str] = &[
    "AG", "Airlines", "Airways", "Associates", "Association", "Bahini", "Bancorp", "Bros",
    "Brothers", "Co", "Communications", "Company", "Computer", "Computers", "Corp",
    "Corporation", "Corps", "Dal", "Electronics", "Entertainment", "Ferries", "Foundation", "GmbH",
    "Group", "Holdings", "Inc", "Industries", "Institute", "LLC", "Laboratories", "Labs", "Ltd",
    "Media", "Morcha", "Motors", "Networks", "Panchayat", "Parishad", "Partners", "Peramuna",
    "Pictures", "Plc", "Productions", "Records", "Sabha", "Samaj", "Samiti", "Sangh",
    "Securities", "Sena", "Software", "Studios", "Systems", "Technologies", "Telecom",
    "University",
];

#[cfg(test)]
mod tests {
    use super::county_shaped;

    #[test]
    fn org_last_words_are_sorted_for_binary_search() {
        assert!(super::ORG_LAST_WORDS.is_sorted());
    }

    #[test]
    fn state_abbreviations_are_states_only_after_a_town() {
        let text = "of East Aurora, N. Y., and Redmond, Wash. He said Mass. was held. \
                    On Sunday, Mass. was said; Dear Sir, Ill. health kept him away; \
                    Peoria, Ill.";
        let found: Vec<(&str, &str)> = super::states_after_towns(text)
            .into_iter()
            .map(|(start, end, state)| (&text[start..end], state))
            .collect();
        assert_eq!(
            found,
            [
                ("N. Y.", "New York State"),
                ("Wash.", "Washington State"),
                ("Ill.", "Illinois"),
            ]
        );
    }

    #[test]
    fn counties_townships_and_provinces_are_shaped_as_such() {
        for name in [
            "Sayre County",
            "St. Tammany Parish",
            "Bloomfield Township",
            "South Cholla Province",
            "Aichi Prefecture",
        ] {
            assert!(county_shaped(name), "{name}");
        }
        for name in ["County", "Province", "the Province", "Sayre County Fair"] {
            assert!(!county_shaped(name), "{name}");
        }
    }
}
