//! A name each country gives its own institution ("the Treasury"): one entity per country,
//! never one for all of them.
//!
//! The table is data (`data/entities/national_institutions.tsv`: name, country, institution).
//! An organisation the article writes under such a name alone becomes, in this order:
//! - after a nationality word ("the Austrian Red Cross"), that country's row, or the name
//!   the two words make;
//! - the one institution of the name's rows that the article also names in full ("the U.S.
//!   Treasury ... Treasury officials");
//! - the institution of the country the article names most, among the rows' countries
//!   (places named outright or by nationality: "British", "the UK"), or of the body it names
//!   ("the General Assembly" in a story naming the United Nations);
//! - a house of parliament ("the Senate", not "Congress") in a story of a country no row
//!   lists that names no US place: that country's ("Italian Senate");
//! - otherwise it stays as written: which country's it is, the article does not say.
//!
//! [`houses_of_a_state`] then reads "the Senate", "the Assembly" and "the Legislature" of a
//! story of a US state's politics as that state's.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use super::demonyms::Demonyms;
use super::lexicon::Lexicon;
use super::mentions::{ArticleState, Mention, the_one};
use crate::article::EntityKind;
use crate::enrich::gazetteer::name_key;

pub(super) const DATA: &str = include_str!("../../../data/entities/national_institutions.tsv");

/// Name key -> (country, institution) rows.
fn table() -> &'static HashMap<String, Vec<(String, String)>> {
    static TABLE: OnceLock<HashMap<String, Vec<(String, String)>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for line in DATA.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if let [name, country, institution] = cols[..] {
                table
                    .entry(name_key(name))
                    .or_default()
                    .push((country.to_string(), institution.to_string()));
            }
        }
        table
    })
}

const PLACE_COUNTRIES: &str = include_str!("../../../data/entities/place_countries.tsv");

/// The country a city or state (by canonical name) is in (`data/entities/place_countries.tsv`).
fn country_of(place: &str) -> Option<&'static str> {
    static TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            PLACE_COUNTRIES
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split_once('\t'))
                .collect()
        })
        .get(place)
        .copied()
}

/// The houses of parliament of the table, which stories of many countries write bare.
const HOUSES: &[&str] = &[
    "Congress",
    "House of Representatives",
    "Parliament",
    "Senate",
];

/// Mentions of another country (or its cities and states) an article needs to read a name the
/// gazetteer links to one country's institution ("Congress": the US Congress) as that
/// country's.
const MIN_MENTIONS_AGAINST_THE_LIST: usize = 3;

/// "The Treasury said" at a sentence's start: the tagger took the article in.
fn without_the(name: &str) -> &str {
    ["The ", "the "]
        .iter()
        .find_map(|the| name.strip_prefix(the))
        .unwrap_or(name)
}

pub(super) fn apply(
    lex: &Lexicon,
    demonyms: &Demonyms,
    art: &mut ArticleState<'_>,
    title: &str,
    body: &str,
) {
    let table = table();
    // The mentions written under a name of the table: most articles have none.
    let named_so: Vec<(usize, &Vec<(String, String)>)> = art
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.removed && !m.markup && m.kind == EntityKind::Org)
        .filter_map(|(i, m)| {
            if let Some(rows) = table.get(&name_key(without_the(&m.canonical))) {
                return Some((i, rows));
            }
            // "Congress", which the gazetteer links to one country's (the US Congress): the
            // rows decide as for a name it leaves as written.
            let rows = table.get(&name_key(without_the(m.name)))?;
            rows.iter()
                .any(|(_, institution)| *institution == m.canonical)
                .then_some((i, rows))
        })
        .collect();
    if named_so.is_empty() {
        return;
    }
    let home = dateline_country(art, body, title.len() + 1);
    let home = home.as_deref();
    // The story's own country when it names no US place at all (a dateline, else one named
    // three times or more), by its adjective: whose a house no row lists is.
    let house_adjective = (us_mentions(art) == 0)
        .then(|| {
            home.map(str::to_string)
                .or_else(|| most_named_country(art).map(|(country, _)| country))
        })
        .flatten()
        .filter(|country| country != "United States")
        .and_then(|country| lex.entry(EntityKind::Place, &country, art.when()))
        .and_then(|place| demonyms.adjective_of(place));
    let live = |kind: EntityKind| {
        art.mentions
            .iter()
            .filter(move |m| !m.removed && m.kind == kind)
            .map(|m| m.canonical.as_ref())
    };
    let orgs: Vec<&str> = live(EntityKind::Org).collect();
    // The institutions the article names in full (not the bare names being read).
    let bare: Vec<usize> = named_so.iter().map(|(i, _)| *i).collect();
    let in_full: Vec<&str> = art
        .mentions
        .iter()
        .enumerate()
        .filter(|(i, m)| !m.removed && m.kind == EntityKind::Org && !bare.contains(i))
        .map(|(_, m)| m.canonical.as_ref())
        .collect();
    // The countries the article names (and the bodies that have institutions of their own:
    // "the General Assembly" of the United Nations), outright or, counted apart, by their
    // cities and states ("NEW DELHI", "Bombay").
    let mut named: HashMap<&str, usize> = HashMap::new();
    let mut around: HashMap<&str, usize> = HashMap::new();
    for place in live(EntityKind::Place).chain(orgs.iter().copied()) {
        *named.entry(place).or_default() += 1;
        *around.entry(place).or_default() += 1;
        if let Some(country) = country_of(place) {
            *around.entry(country).or_default() += 1;
        }
    }
    let top_row =
        |rows: &'static [(String, String)], counts: &HashMap<&str, usize>, least: usize| {
            let most = rows
                .iter()
                .map(|row| (counts.get(row.0.as_str()).copied().unwrap_or(0), row))
                .filter(|(n, _)| *n >= least);
            let top = most.clone().map(|(n, _)| n).max()?;
            the_one(most.filter(|(n, _)| *n == top).map(|(_, row)| row))
        };
    let mut readings: Vec<(usize, Cow<'static, str>)> = Vec::new();
    let mut unnamed: Vec<usize> = Vec::new();
    for (i, rows) in named_so {
        let in_full_row = the_one(
            rows.iter()
                .filter(|(_, org)| in_full.contains(&org.as_str())),
        );
        let given = rows
            .iter()
            .any(|(_, institution)| *institution == art.mentions[i].canonical);
        let name = without_the(art.mentions[i].name);
        // "the Austrian Red Cross", "the British Treasury": a nationality word right before
        // the name says whose, the row of that country or else the name it makes.
        // Not where the name goes on ("the Canadian Labour Congress": the tagger's cut).
        let (_, text, base) = super::mentions::field_at(art.mentions[i].pos, title, body);
        let goes_on = text[art.mentions[i].end - base..]
            .strip_prefix(' ')
            .is_some_and(|after| after.starts_with(char::is_uppercase));
        // Nor a word of a longer name before it ("the Malaysian Indian Congress").
        let nation = text[..art.mentions[i].pos - base]
            .strip_suffix(' ')
            .filter(|_| !goes_on)
            .and_then(|before| {
                let mut words = before.rsplit(' ');
                let word = words.next()?;
                let earlier = words.next().unwrap_or("");
                (!earlier.starts_with(char::is_uppercase) || earlier == "The").then_some(word)
            })
            .and_then(|word| Some((word, demonyms.place_of(word)?)))
            .map(|(word, place)| (word, lex.target(place).1));
        let reading = if let Some((word, place)) = nation {
            let row = the_one(rows.iter().filter(|(country, _)| country == place));
            Some(match row {
                Some((_, institution)) => Cow::Borrowed(institution.as_str()),
                None => lex
                    .canonical_for(EntityKind::Org, &format!("{word} {name}"), art.when())
                    .into_owned()
                    .into(),
            })
        } else if given || HOUSES.contains(&name) {
            // A house of parliament, however found, is read as strictly as a gazetteer
            // reading: "told Parliament" in a British story that names Kenya once is Britain's.
            // A reading the gazetteer gave ("Congress": the US Congress) yields to the one
            // other org the article names in full ending in that word ("the Canadian Labour
            // Congress ... the Congress"), or to a country, with its cities, named at least
            // three times and more than any other of the rows: a British story that
            // mentions Australia in passing still means its own Labour Party.
            let suffix = format!(" {name}");
            let rows_orgs = |org: &&str| rows.iter().any(|(_, institution)| institution == org);
            let named_so_in_full = the_one(
                in_full
                    .iter()
                    .filter(|org| org.ends_with(&suffix) && !rows_orgs(org)),
            )
            // A one-word head only: "the Labour Party" beside "the Parliamentary Labour
            // Party" is still the party.
            .filter(|_| !name.contains(' '));
            // The dateline's country, when it is one of the rows', says whose it is
            // ("WASHINGTON, June 1 - Congress voted aid to India" is the US Congress; a
            // "CANBERRA, ..." story's Labour is Australia's).
            let home_row =
                home.and_then(|home| the_one(rows.iter().filter(|(country, _)| country == home)));
            home_row
                .map(|(_, org)| Cow::Borrowed(org.as_str()))
                .or_else(|| named_so_in_full.map(|org| Cow::Owned(org.to_string())))
                .or_else(|| in_full_row.map(|(_, org)| Cow::Borrowed(org.as_str())))
                .or_else(|| {
                    top_row(rows, &around, MIN_MENTIONS_AGAINST_THE_LIST)
                        .map(|(_, org)| Cow::Borrowed(org.as_str()))
                })
                // "ROME, May 4 - The Senate voted": a house of a country no row lists, in a
                // story of that country that names no US place, is that country's ("Italian
                // Senate"), not the gazetteer's US one. Not "Congress", which outside the
                // rows' countries is a party or a union's ("the Congress failed to win a
                // seat", "the Malaysian Indian Congress").
                .or_else(|| {
                    let adjective =
                        house_adjective.filter(|_| HOUSES.contains(&name) && name != "Congress")?;
                    let house = format!("{adjective} {name}");
                    Some(
                        lex.canonical_for(EntityKind::Org, &house, art.when())
                            .into_owned()
                            .into(),
                    )
                })
        } else {
            // A name as written: the country the article names most, else the one whose
            // cities and states it names most.
            in_full_row
                .or_else(|| top_row(rows, &named, 1))
                .or_else(|| top_row(rows, &around, 1))
                .map(|(_, org)| Cow::Borrowed(org.as_str()))
        };
        // "the Senate" of an 1891 story of Australia's federation debates is not the
        // Senate of 1901 on, nor the gazetteer's US one: no institution is named before it
        // exists, and the story's is none the lists know.
        let unborn = reading.as_ref().is_some_and(|institution| {
            lex.lists(institution) && !lex.knows(EntityKind::Org, institution, art.when())
        });
        if unborn {
            unnamed.push(i);
        } else if let Some(institution) = reading {
            readings.push((i, institution));
        }
    }
    for (i, institution) in readings {
        let m = &mut art.mentions[i];
        m.canonical = institution;
        m.gazetteer = true;
    }
    for i in unnamed {
        art.mentions[i].removed = true;
    }
}

/// The houses of a US state's legislature, which its news writes bare ("the Senate", "the
/// Assembly") once it has said "the state Senate".
/// Not "House" alone: state news names members of Congress's ("Rep. Murphy's House seat").
const STATE_HOUSES: &[&str] = &[
    "Assembly",
    GENERAL_ASSEMBLY,
    "House of Representatives",
    "Legislature",
    "Senate",
];

/// What the legislatures of [`GENERAL_ASSEMBLY_STATES`] are called.
const GENERAL_ASSEMBLY: &str = "General Assembly";

/// The states whose legislature is a General Assembly.
#[rustfmt::skip]
const GENERAL_ASSEMBLY_STATES: &[&str] = &[
    "Arkansas", "Colorado", "Connecticut", "Delaware", "Georgia", "Illinois", "Indiana",
    "Iowa", "Kentucky", "Maryland", "Missouri", "North Carolina", "Ohio", "Pennsylvania",
    "Rhode Island", "South Carolina", "Tennessee", "Vermont", "Virginia",
];

/// The fifty states by the gazetteer's canonical names.
#[rustfmt::skip]
const US_STATES: &[&str] = &[
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut",
    "Delaware", "Florida", "Georgia (US state)", "Hawaii", "Idaho", "Illinois", "Indiana",
    "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine", "Maryland", "Massachusetts",
    "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada",
    "New Hampshire", "New Jersey", "New Mexico", "New York State", "North Carolina",
    "North Dakota", "Ohio", "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island",
    "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah", "Vermont", "Virginia",
    "Washington State", "West Virginia", "Wisconsin", "Wyoming",
];

/// "the state Senate ... the Senate voted": in a story of a state's politics (it writes "the
/// state Senate", "the Legislature", "Assemblyman", "state Sen."), a house named bare (or
/// "State Senate") is the state's, not Congress's: named after the US state the story names
/// most ("California Senate", "New York State Assembly", "Illinois General Assembly"), and
/// so is a house's committee ("California Senate Finance Committee"). When
/// it names none (or several as often), no entity, rather than the gazetteer's US one or a
/// bare "General Assembly"; another country's stays, and so does the UN's.
pub(super) fn houses_of_a_state(art: &mut ArticleState<'_>, title: &str, body: &str) {
    const STATE_POLITICS: &[&str] = &[
        "Assembly Speaker",
        "Assemblyman",
        "Assemblywoman",
        "State Assembly",
        "State Legislature",
        "State Senate",
        "state Assembly",
        "state House",
        "state Legislature",
        "state Rep.",
        "state Sen.",
        "state Senate",
        "state legislator",
        "state senator",
        "the Legislature",
    ];
    // "WASHINGTON, Feb. 3 (AP) -- ... members of the House and several state officials": a
    // story from the capital is of Congress's houses.
    let house_s_state = state_of_a_house(body);
    let of_a_state = (STATE_POLITICS
        .iter()
        .any(|cue| body.contains(cue) || title.contains(cue))
        || house_s_state.is_some())
        && dateline_place(art, body, title.len() + 1) != Some("Washington");
    // Congress has no General Assembly: one left bare (the UN's is named after it by now)
    // is a state's in any story that names such a state.
    let general_assembly = art
        .mentions
        .iter()
        .any(|m| !m.removed && m.kind == EntityKind::Org && m.canonical == GENERAL_ASSEMBLY);
    if !of_a_state && !general_assembly {
        return;
    }
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in art
        .mentions
        .iter()
        .filter(|m| !m.removed && m.kind == EntityKind::Place)
    {
        if let Some(state) = US_STATES.iter().find(|s| **s == m.canonical) {
            *counts.entry(state).or_default() += 1;
        }
    }
    let top = counts.values().copied().max().unwrap_or(0);
    let state = the_one(counts.iter().filter(|(_, n)| **n == top).map(|(s, _)| *s))
        .map(|state| state.trim_end_matches(" (US state)"))
        // "elected to the Ohio Senate": the state of a house the story names in full.
        .or(house_s_state.map(|state| state.trim_end_matches(" (US state)")));
    // "won the U.S. Senate seat" in a story of a state's politics: that house, there and
    // written bare ("Voinovich heads to Senate"), is Congress's.
    let body_start = title.len() + 1;
    let written_us = |m: &Mention| {
        m.pos
            .checked_sub(body_start)
            .and_then(|at| body.get(..at))
            .is_some_and(|before| {
                US_WORDS
                    .iter()
                    .any(|us| before.ends_with(&format!("{us} ")))
            })
    };
    let congress_s: Vec<&str> = art
        .mentions
        .iter()
        .filter(|m| !m.removed && m.kind == EntityKind::Org && written_us(m))
        .map(|m| without_the(m.name))
        .collect();
    for m in art.mentions.iter_mut() {
        if m.removed || m.kind != EntityKind::Org {
            continue;
        }
        let name = without_the(m.name);
        if congress_s.contains(&name) {
            continue;
        }
        let name = ["State ", "state "]
            .iter()
            .find_map(|state| name.strip_prefix(state))
            .unwrap_or(name);
        if m.canonical == GENERAL_ASSEMBLY && !of_a_state {
            // Outside a story of a state's politics, only where the state the story names
            // calls its legislature so (the Church of Scotland has one too).
            if let Some(state) = state.filter(|s| GENERAL_ASSEMBLY_STATES.contains(s)) {
                m.canonical = Cow::Owned(format!("{state} {GENERAL_ASSEMBLY}"));
                m.gazetteer = true;
            }
            continue;
        }
        // "the Senate Finance Committee": a house's committee is the state's too. (Not a
        // "House" one: "the House Un-American Activities Committee" is Congress's in any
        // story.)
        let committee = ["Senate ", "Assembly "]
            .iter()
            .any(|house| name.starts_with(house))
            && name.ends_with(" Committee");
        // (A headline's "SENATE" too, named as the house is.)
        let house = STATE_HOUSES
            .iter()
            .copied()
            .find(|house| house.eq_ignore_ascii_case(name));
        if !(of_a_state && (house.is_some() || committee)) {
            continue;
        }
        let name = house.unwrap_or(name);
        match state {
            Some(state) => {
                m.canonical = Cow::Owned(format!("{state} {name}"));
                m.gazetteer = true;
            }
            // A bare house ("the General Assembly") of a state story that names no state:
            // which one?
            None => m.removed |= m.canonical.starts_with("US ") || m.canonical == name,
        }
    }
}

/// The state (canonical name) of the first state's house `text` names in full ("The Arizona
/// Senate convicted", "the New York Assembly"): its bare "Senate" is then that state's too.
fn state_of_a_house(text: &str) -> Option<&'static str> {
    STATE_HOUSES.iter().find_map(|house| {
        text.match_indices(house).find_map(|(at, _)| {
            let before = text[..at].strip_suffix(' ')?;
            US_STATES.iter().copied().find(|state| {
                let state = state.trim_end_matches(" (US state)");
                // "New York Senate" as well as "New York State Senate"; not a bare
                // "Washington", the capital.
                let short = state.strip_suffix(" State").filter(|s| *s == "New York");
                [Some(state), short].into_iter().flatten().any(|name| {
                    before
                        .strip_suffix(name)
                        .is_some_and(|rest| !rest.ends_with(char::is_alphanumeric))
                })
            })
        })
    })
}

/// How many places of the United States (the country, its cities and states, or
/// "American") the story names.
fn us_mentions(art: &ArticleState<'_>) -> usize {
    art.mentions
        .iter()
        .filter(|m| !m.removed && m.kind == EntityKind::Place)
        .filter(|m| country_of(&m.canonical).unwrap_or(&m.canonical) == "United States")
        .count()
}

/// Words that name the United States in an event's name (besides "United States").
const US_WORDS: &[&str] = &["US", "U.S.", "American", "America"];

/// "the 1996 presidential election" in a TAIPEI story: the gazetteer lists each year's US
/// election under that bare name too, and a story of another country means its own. A
/// gazetteer election of the United States read from a name that does not say so yields to the
/// story's country (its dateline's, else, in a story that names no US place, one named three
/// times or more, and most, counting its cities and states): the gazetteer's event of that
/// country if it lists one ("1996 Russian presidential election"), else the name with the
/// country's adjective ("1996 Taiwanese presidential election").
pub(super) fn events_of_the_story_s_country(
    lex: &Lexicon,
    demonyms: &Demonyms,
    art: &mut ArticleState<'_>,
    body: &str,
    body_base: usize,
) {
    let says_us = |name: &str| {
        name.contains("United States") || name.split(' ').any(|w| US_WORDS.contains(&w))
    };
    let read_as_us: Vec<usize> = art
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            !m.removed
                && m.gazetteer
                && m.kind == EntityKind::Event
                && m.canonical.split(' ').any(|w| w == "US")
                && m.canonical.ends_with("election")
                && !says_us(m.name)
        })
        .map(|(i, _)| i)
        .collect();
    if read_as_us.is_empty() {
        return;
    }
    // A US story about another country ("withheld US military aid to Ukraine ... the 2020
    // presidential election") names that country more often than its own: without a
    // dateline, only a story that names no US place is another country's.
    let Some(home) = dateline_country(art, body, body_base).or_else(|| {
        most_named_country(art)
            .filter(|(_, us)| *us == 0)
            .map(|(c, _)| c)
    }) else {
        return;
    };
    if home == "United States" {
        return;
    }
    let when = art.when();
    let adjective = lex
        .entry(EntityKind::Place, &home, when)
        .and_then(|place| demonyms.adjective_of(place))
        .unwrap_or(&home)
        .to_string();
    let readings: Vec<(usize, String, bool)> = read_as_us
        .into_iter()
        .map(|i| {
            let canonical = art.mentions[i]
                .canonical
                .split(' ')
                .map(|w| if w == "US" { adjective.as_str() } else { w })
                .collect::<Vec<_>>()
                .join(" ");
            let listed = lex.knows(EntityKind::Event, &canonical, when);
            let canonical = lex
                .canonical_for(EntityKind::Event, &canonical, when)
                .into_owned();
            (i, canonical, listed)
        })
        .collect();
    for (i, canonical, listed) in readings {
        let m = &mut art.mentions[i];
        m.gazetteer = listed;
        m.canonical = Cow::Owned(canonical);
    }
}

/// The country the story was filed from: its wire dateline's place, as the passes before
/// named it ("WASHINGTON" -> Washington), or that place's country.
fn dateline_country(art: &ArticleState<'_>, body: &str, body_base: usize) -> Option<String> {
    let place = dateline_place(art, body, body_base)?;
    Some(country_of(place).unwrap_or(place).to_string())
}

/// The place (canonical name) of the story's dateline.
fn dateline_place<'s>(art: &'s ArticleState<'_>, body: &str, body_base: usize) -> Option<&'s str> {
    let start = super::tagged::dateline(body)
        .and_then(|d| d.place)
        .map(|(start, _)| start)
        .or_else(|| bare_dateline(body))?;
    let place = art
        .mentions
        .iter()
        .find(|m| m.kind == EntityKind::Place && !m.removed && m.pos == body_base + start)?;
    Some(place.canonical.as_ref())
}

/// "TAIPEI - President Lee Teng-hui won...": a dateline of a place in capitals and a dash,
/// with no date or credit (`tagged::dateline` needs one of them). Where the body's first line
/// starts so; the caller takes it only where a place was found there.
fn bare_dateline(body: &str) -> Option<usize> {
    let line = body.lines().find(|l| !l.trim().is_empty())?;
    let start = body.find(line)? + (line.len() - line.trim_start().len());
    let line = line.trim_start();
    let (head, after) = [" - ", " \u{2014} ", " \u{2013} ", " -- "]
        .iter()
        .filter_map(|dash| line.split_once(dash))
        .min_by_key(|(head, _)| head.len())?;
    let capitals = head.len() >= 3
        && head.split(' ').count() <= 4
        && head
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '-' | '\''));
    (capitals && after.starts_with(char::is_uppercase)).then_some(start)
}

/// The country a story names [`MIN_MENTIONS_AGAINST_THE_LIST`] times or more, and more than
/// any other, counting its cities and states; and how often it names the United States so.
fn most_named_country(art: &ArticleState<'_>) -> Option<(String, usize)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for m in art
        .mentions
        .iter()
        .filter(|m| !m.removed && m.kind == EntityKind::Place)
    {
        let country = country_of(&m.canonical).unwrap_or(&m.canonical);
        *counts.entry(country).or_default() += 1;
    }
    let us = counts.get("United States").copied().unwrap_or(0);
    let top = counts.values().copied().max()?;
    let mut at_top = counts.iter().filter(|(_, n)| **n == top);
    let (country, _) = at_top.next()?;
    (top >= MIN_MENTIONS_AGAINST_THE_LIST && at_top.next().is_none())
        .then(|| (country.to_string(), us))
}

#[cfg(test)]
mod tests {
    use super::super::EntityExtractor;
    use super::super::tests::names;
    use crate::article::EntityKind;
    use crate::enrich::gazetteer::Gazetteer;
    use crate::enrich::ner::Tagger;
    use std::sync::OnceLock;

    fn orgs(title: &str, body: &str) -> Vec<String> {
        static TAGGED: OnceLock<EntityExtractor> = OnceLock::new();
        let extractor = TAGGED.get_or_init(|| {
            EntityExtractor::new(&Gazetteer::builtin()).with_tagger(Tagger::builtin_shared())
        });
        let es = extractor.extract(title, body);
        let mut orgs: Vec<String> = names(&es, EntityKind::Org)
            .into_iter()
            .map(str::to_string)
            .collect();
        orgs.sort();
        orgs
    }

    #[test]
    fn a_national_name_is_the_institution_of_the_country_the_article_is_about() {
        let british = orgs(
            "Budget",
            "The Treasury said borrowing in Britain rose. British economists and UK \
             retailers agreed with the Treasury.",
        );
        assert_eq!(british, ["HM Treasury"]);
        let american = orgs(
            "Bonds",
            "Officials at the Treasury said the United States would act. American bankers \
             agreed with the Treasury.",
        );
        assert_eq!(american, ["US Treasury"]);
    }

    #[test]
    fn a_body_s_institution_is_read_where_the_story_names_the_body() {
        let un = orgs(
            "Vote",
            "At the United Nations in New York, the General Assembly voted 107 to 2.",
        );
        assert_eq!(un, ["UN General Assembly", "United Nations"]);
    }

    #[test]
    fn a_house_no_row_lists_is_the_story_s_country_s_unless_it_names_the_us() {
        let rome = orgs(
            "Budget passes",
            "ROME, May 4 (Reuters) - The Senate approved the budget on Thursday after Prime \
             Minister Giulio Andreotti won a confidence vote.",
        );
        assert_eq!(rome, ["Italian Senate", "Reuters"]);
        let paris = orgs(
            "France welcomes vote",
            "PARIS, May 5 (Reuters) - France welcomed the vote in Washington, where the Senate \
             approved the treaty.",
        );
        assert_eq!(paris, ["Reuters", "US Senate"]);
        // "Congress" outside the rows' countries is a party's or a union's.
        let lusaka = orgs(
            "Poll",
            "LUSAKA, Dec. 8 (Reuters) - The Congress lost the vote today.",
        );
        assert!(
            !lusaka.contains(&"Zambian Congress".to_string()),
            "{lusaka:?}"
        );
    }

    #[test]
    fn the_institution_the_article_names_wins_and_no_country_leaves_the_name() {
        let named = orgs(
            "Dollar",
            "Britain's finance minister met the U.S. Treasury. The Treasury said nothing.",
        );
        assert_eq!(named, ["US Treasury"]);
        let unsaid = orgs(
            "Rates",
            "Officials at the Treasury said rates would stay put.",
        );
        assert_eq!(unsaid, ["Treasury"]);
    }
}
