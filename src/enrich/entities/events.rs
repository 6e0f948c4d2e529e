//! Events as news names them: "the Louvre accord", "the Venice summit", "the Uruguay Round",
//! "the Iran-Iraq war", "the 1987 stock market crash", "the Atlanta Olympics", "the Treaty of
//! Rome", "the war in Chechnya", "the 40th anniversary of the Hungarian uprising".
//!
//! An event word (a *head*: accord, agreement, treaty, pact, summit, conference, round,
//! talks, war, crisis, election, referendum, games, Olympics, crash, earthquake, flood,
//! blizzard, disaster, accident, spill, affair, scandal, strike, riots, siege, bombing,
//! uprising, revolution, massacre, convention, tournament) names a particular event only
//! when proper words stand right before it: capitalised words, places, persons, a year ("the
//! 1987 crash", "the Kyoto conference", "the Three Mile Island accident"). So "a summit",
//! "the war", "peace talks" and "a Kayapo war cry" are no events, nor are "Sunday's
//! election" (a possessive names when, not what) or "the November elections" (months and
//! weekdays never start a name).
//!
//! Every event found here, by the tagger or by the rules gets one canonical name, so that
//! "Louvre Accord", "the Louvre accord" and "Louvre accords" are one event: the proper words
//! as written, the qualifiers that change which event it is ("civil war", "presidential
//! election") and the head in one fixed spelling and number ("Accord", "summit", "election");
//! qualifiers that do not ("peace", "trade", "economic") are left out. A name the gazetteer
//! knows as an event (canonical or alias) takes the gazetteer's canonical name.
//!
//! Gazetteer events are matched in pass 1 and are not touched here; a name inside the event
//! the tagger took for an organisation ("Louvre", "Plaza") is part of the event and goes,
//! places and persons inside stay ("the Venice summit" also mentions Venice).

use std::borrow::Cow;

use super::demonyms::Demonyms;
use super::lexicon::{Lexicon, When, undotted};
use super::mentions::{ArticleState, Mention, normalize_space};
use super::tokens::Token;
use super::words;
use crate::article::EntityKind;
use crate::enrich::gazetteer::name_key;

/// Event words as written in lowercase, with the spelling the canonical name uses; sorted.
#[rustfmt::skip]
const HEADS: &[(&str, &str)] = &[
    ("accident", "accident"), ("accord", "Accord"), ("accords", "Accord"), ("affair", "affair"),
    ("agreement", "Agreement"), ("agreements", "Agreement"),
    ("blizzard", "blizzard"), ("bombing", "bombing"), ("conference", "conference"),
    ("convention", "Convention"),
    ("crash", "crash"), ("crisis", "Crisis"), ("disaster", "disaster"),
    ("earthquake", "earthquake"), ("election", "election"), ("elections", "election"),
    ("embargo", "embargo"), ("flood", "flood"), ("floods", "flood"),
    ("games", "Games"), ("massacre", "massacre"), ("olympics", "Olympics"), ("pact", "Pact"),
    ("referendum", "referendum"), ("revolution", "Revolution"), ("riot", "riots"),
    ("riots", "riots"), ("round", "Round"),
    ("scandal", "scandal"), ("siege", "siege"), ("spill", "spill"), ("strike", "strike"),
    ("summit", "summit"),
    ("talks", "talks"), ("tournament", TOURNAMENT), ("treaty", "Treaty"),
    ("uprising", "Uprising"), ("war", "War"),
];

/// A head that says the proper words before it are an event's whole name: "the Toshiba
/// Classic tennis tournament" is the Toshiba Classic, "the Singer World Series tournament"
/// the Singer World Series. Needs two proper words or more ("the Dubai tournament" is
/// whichever one is held there) and none that names an organisation's kind ("a PGA Tour
/// tournament", "the Big East League tournament").
const TOURNAMENT: &str = "Tournament";

/// Sports between a tournament's name and the word: left out of the name.
#[rustfmt::skip]
const TOURNAMENT_SPORTS: &[&str] = &[
    "athletics", "badminton", "baseball", "basketball", "boxing", "chess", "cricket",
    "croquet", "cycling", "darts", "football", "golf", "hockey", "netball", "polo", "rugby",
    "snooker", "soccer", "squash", "tennis", "volleyball",
];

/// Last words of a body that holds tournaments, not of a tournament's name.
const ORGANISERS: &[&str] = &[
    "Association",
    "Circuit",
    "Club",
    "Conference",
    "Federation",
    "League",
    "Tour",
    "Union",
];

/// Lowercase words between the proper words and the head that say which event it is; kept
/// in the canonical name ("Lebanese civil war", "1987 stock market crash"). Sorted.
#[rustfmt::skip]
const QUALIFIERS: &[&str] = &[
    "banking", "border", "civil", "climate", "coal", "debt", "dock", "financial", "general",
    "gubernatorial", "hostage", "legislative", "local", "market", "mayoral", "missile",
    "municipal", "nuclear", "oil", "parliamentary", "presidential", "primary", "rail",
    "regional", "steel", "stock", "summer", "winter",
];

/// Lowercase words there that every such event has; left out of the canonical name, so "the
/// Dayton peace accord" is "the Dayton accord". Sorted.
#[rustfmt::skip]
const FILLERS: &[&str] = &["arms", "economic", "monetary", "peace", "security", "trade"];

/// What kind of war a war is that is fought with no arms: kept in its name ("the US-China
/// trade war" is the US-China Trade War, not a war), though "trade" is filler in talks.
const WAR_KINDS: &[&str] = &["currency", "price", "tariff", "trade"];

/// Heads after which a lone nationality word does not make a particular event ("a Chinese
/// summit", "Israeli talks", "the German affair"); wars, crises and elections of a nation are
/// ("the Chechen war").
const NEEDS_MORE_THAN_A_NATION: &[&str] = &[
    "Accord",
    "Agreement",
    "affair",
    "bombing",
    "conference",
    "Convention",
    "Games",
    "embargo",
    "Pact",
    "Round",
    "siege",
    "strike",
    "summit",
    "talks",
];

/// Nouns after "conference" that make it a place or a means of meeting, not a meeting: "the
/// ExCeL conference center", "a conference call".
#[rustfmt::skip]
const ROOMS: &[&str] = &[
    "call", "calls", "center", "centers", "centre", "centres", "hall", "halls", "room", "rooms",
    "venue",
];

/// Event words that are one only when capitalised ("the U.S. Open", "the Belgian Grand
/// Prix", "the Boston Marathon"): in lowercase they are common words.
const CAPITAL_HEADS: &[&str] = &["Marathon", "Open", "Prix"];

/// A qualifier or filler in any case ("General" in "the General Election").
fn is_qualifier(w: &str) -> bool {
    let lower = w.to_lowercase();
    QUALIFIERS.binary_search(&lower.as_str()).is_ok()
        || FILLERS.binary_search(&lower.as_str()).is_ok()
}

fn head(word: &str) -> Option<&'static str> {
    if let Some(h) = CAPITAL_HEADS.iter().find(|h| **h == word) {
        return Some(h);
    }
    // Called for every word of every article: compared without a lowercased copy (the heads
    // are ASCII, so a word that is not cannot be one).
    if !word.is_ascii() {
        return None;
    }
    let lower = word.bytes().map(|b| b.to_ascii_lowercase());
    HEADS
        .binary_search_by(|(w, _)| w.bytes().cmp(lower.clone()))
        .ok()
        .map(|i| HEADS[i].1)
}

/// Ordinals that start an anniversary: "10th", "50th", "first" ... "fiftieth".
pub(super) fn is_ordinal(w: &str) -> bool {
    let lower = w.to_lowercase();
    let digits = lower.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    (!digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
        && ["st", "nd", "rd", "th"].contains(&&lower[digits.len()..]))
        || ORDINAL_WORDS.binary_search(&lower.as_str()).is_ok()
}

#[rustfmt::skip]
const ORDINAL_WORDS: &[&str] = &[
    "eighteenth", "eighth", "eightieth", "eleventh", "fifteenth", "fifth", "fiftieth", "first",
    "fortieth", "fourteenth", "fourth", "hundredth", "nineteenth", "ninetieth", "ninth",
    "second", "seventeenth", "seventh", "seventieth", "sixteenth", "sixth", "sixtieth", "tenth",
    "third", "thirteenth", "thirtieth", "twelfth", "twentieth", "twenty-fifth",
];

fn is_year(w: &str) -> bool {
    w.len() == 4
        && w.chars().all(|c| c.is_ascii_digit())
        && (1800..=2099).contains(&w.parse::<u32>().unwrap_or(0))
}

/// A word written in capitals throughout ("SUMMIT"): a headline shouting, read elsewhere.
fn shouted(w: &str) -> bool {
    w.chars().filter(|c| c.is_alphabetic()).count() > 1 && !w.chars().any(char::is_lowercase)
}

/// The gazetteer event whose canonical name `name` is. Aliases are the automaton's business
/// (pass 1, where the gazetteer's case and date rules apply): a pattern that links an alias
/// the text wrote differently ("Paris accord" in a 1987 story) would undo them.
fn known<'a>(lex: &'a Lexicon, name: &str, when: When<'_>) -> Option<&'a str> {
    let canonical = lex.target(lex.entry(EntityKind::Event, name, when)?).1;
    (name_key(canonical) == name_key(name)).then_some(canonical)
}

/// The dated gazetteer event of which `name` is an alias, when the text wrote it otherwise
/// (`written`: "Paris accords" in a 1975 story, "Paris accord" in the list), so that the
/// automaton could not see it; under the same rules of dates.
fn alias_written_otherwise<'a>(
    lex: &'a Lexicon,
    name: &str,
    written: &str,
    when: When<'_>,
) -> Option<&'a str> {
    if name_key(name) == name_key(written) {
        return None;
    }
    // Of an event held again and again, another form is any of them: "a new phenomenon in
    // British elections" is no one UK general election.
    let t = lex
        .entry(EntityKind::Event, name, when)
        .filter(|&t| lex.is_dated(t))?;
    Some(lex.target(t).1)
}

/// The canonical name of an event found by the tagger or the rules, from what the text wrote
/// ("Venice Summit" -> "Venice summit", "the Bosnian Elections" -> "Bosnian election"); the
/// gazetteer's name when it knows the result.
pub(super) fn canonical<'a>(lex: &'a Lexicon, surface: &'a str, when: When<'_>) -> Cow<'a, str> {
    let name = surface
        .strip_prefix("the ")
        .or_else(|| surface.strip_prefix("The "))
        .unwrap_or(surface);
    // "the 21st African Cup", "the third Gulf summit": which edition, not which event (a
    // capitalised ordinal is the name's own: "First Chechen War"; so is a meeting's: "the
    // 20th Party Congress" is not the 17th).
    if let Some((first, rest)) = name.split_once(' ')
        && is_ordinal(first)
        && !first.starts_with(char::is_uppercase)
        && rest.starts_with(char::is_uppercase)
        && !rest.contains(" anniversary")
        && !super::name_shapes::numbered_meeting(name)
    {
        return canonical(lex, rest, when);
    }
    if let Some(c) = known(lex, name, when) {
        return Cow::Borrowed(c);
    }
    // "the L.A. Auto Show" is the LA Auto Show.
    if let Some(plain) = undotted(name) {
        return Cow::Owned(canonical(lex, &plain, when).into_owned());
    }
    // "African Nations' Cup" is the African Nations Cup.
    if name.contains("s' ") || name.contains("s\u{2019} ") {
        let unmarked = name.replace("s' ", "s ").replace("s\u{2019} ", "s ");
        return Cow::Owned(canonical(lex, &unmarked, when).into_owned());
    }
    let Some((rest, last)) = name.rsplit_once(' ') else {
        return normalize_space(name);
    };
    match head(last) {
        Some(h) if !shouted(last) => {
            let folded = national_convention(format!("{} {h}", normalize_space(rest)));
            known(lex, &folded, when)
                .or_else(|| alias_written_otherwise(lex, &folded, name, when))
                .map_or(Cow::Owned(folded), Cow::Borrowed)
        }
        _ => normalize_space(name),
    }
}

/// An event's own name that a dated gazetteer event of another time bears too: "Paris
/// Agreement" in a 1975 story about the 1973 accords is not the 2015 climate agreement, nor
/// the "Paris Accord" of 1987 currency stories. The article's decade is added ("Paris
/// Agreement (1970s)"), so that facets and `--event` keep them apart; names the gazetteer
/// links at this date, and names of undated articles, pass through.
fn apart_from_other_times<'a>(
    lex: &'a Lexicon,
    name: Cow<'a, str>,
    when: When<'_>,
) -> Cow<'a, str> {
    match when.year {
        Some(year) if lex.names_another_time(EntityKind::Event, &name, when) => {
            Cow::Owned(format!("{name} ({}s)", year - year.rem_euclid(10)))
        }
        _ => name,
    }
}

/// "the World Championships", "European Championship": every sport
/// holds one, so the name alone says no more than "the championship"; so with "the National
/// Conference".
fn every_sports(surface: &str) -> bool {
    const SCOPES: &[&str] = &["European", "International", "National", "World"];
    let name = surface.strip_prefix("the ").unwrap_or(surface);
    let Some((scope, last)) = name.rsplit_once(' ') else {
        return false;
    };
    matches!(last, "Championship" | "Championships" | "Conference") && SCOPES.contains(&scope)
}

/// "General Election", "the Presidential Elections": an event word with qualifiers only.
fn only_qualified(surface: &str) -> bool {
    let name = surface.strip_prefix("the ").unwrap_or(surface);
    match name.rsplit_once(' ') {
        Some((rest, last)) => head(last).is_some() && rest.split(' ').all(is_qualifier),
        None => false,
    }
}

/// The tokens of one segment with the mention (if any) each lies in.
struct Segment<'t, 'a> {
    text: &'a str,
    base: usize,
    tokens: &'t [Token],
    /// Per token: the index in `art.mentions` of a mention covering it.
    cover: Vec<Option<usize>>,
}

impl<'a> Segment<'_, 'a> {
    fn word(&self, k: usize) -> &'a str {
        &self.text[self.tokens[k].start..self.tokens[k].end]
    }

    fn is_word(&self, k: usize, w: &str) -> bool {
        self.tokens.get(k).is_some_and(|t| t.word) && self.word(k).eq_ignore_ascii_case(w)
    }

    /// Whether token `k` is a noun's modifier: a lowercase word other than a function word
    /// follows it after one space ("tournament champions", "convention hall").
    fn modifies_a_noun(&self, k: usize) -> bool {
        self.tokens.get(k + 1).is_some_and(|t| t.word)
            && self.text[self.tokens[k].end..self.tokens[k + 1].start] == *" "
            && self.word(k + 1).starts_with(char::is_lowercase)
            && !is_function_word(self.word(k + 1))
    }

    /// Whether a capitalised word (no stop word) follows token `k` after one space, or after
    /// "and" and one ("Convention and Exhibition Centre").
    fn goes_on_capitalised(&self, k: usize) -> bool {
        let capitalised = |t: usize| {
            self.tokens.get(t).is_some_and(|tok| tok.word)
                && self.text[self.tokens[t - 1].end..self.tokens[t].start] == *" "
                && self.word(t).starts_with(char::is_uppercase)
                && !words::is_stopword(self.word(t))
        };
        capitalised(k + 1) || self.is_word(k + 1, "and") && capitalised(k + 2)
    }

    /// True when tokens `a` and `a + 1` touch (a hyphen glued to its words).
    fn glued(&self, a: usize) -> bool {
        self.tokens[a].end == self.tokens[a + 1].start
    }
}

/// Adds the events of one segment and gives the events the tagger or rules found there
/// (mentions from `first` on) their canonical names.
pub(super) fn apply<'a>(
    lex: &'a Lexicon,
    demonyms: &Demonyms,
    text: &'a str,
    base: usize,
    tokens: &[Token],
    first: usize,
    art: &mut ArticleState<'a>,
) {
    // Events the tagger or rules found under their own name (not linked to the gazetteer's).
    let named_in_full = art.named_in_full.clone();
    let when = When {
        year: art.year,
        named_in_full: &named_in_full,
    };
    for m in art.mentions[first..].iter_mut() {
        if m.kind == EntityKind::Event
            && !m.gazetteer
            && !m.markup
            && !m.removed
            && m.canonical == normalize_space(m.surface)
        {
            if every_sports(m.surface) || only_qualified(m.surface) {
                m.removed = true;
            } else {
                m.canonical = apart_from_other_times(lex, canonical(lex, m.surface, when), when);
            }
        }
    }
    let mut cover = vec![None; tokens.len()];
    for (i, m) in art.mentions.iter().enumerate().skip(first) {
        if m.removed {
            continue;
        }
        // Tokens are in text order: only those from the first ending after the mention's
        // start (a scan of every token per mention was quadratic on one-paragraph texts).
        let from = tokens.partition_point(|t| base + t.end <= m.pos);
        for (k, t) in tokens.iter().enumerate().skip(from) {
            if base + t.start >= m.end {
                break;
            }
            if cover[k].is_none() {
                cover[k] = Some(i);
            }
        }
    }
    let seg = Segment {
        text,
        base,
        tokens,
        cover,
    };
    let mut found: Vec<(usize, usize, Cow<'a, str>)> = Vec::new();
    for (k, tok) in tokens.iter().enumerate() {
        if !tok.word || seg.cover[k].is_some() {
            continue;
        }
        let w = seg.word(k);
        if shouted(w) {
            continue;
        }
        if w.eq_ignore_ascii_case("anniversary") {
            found.extend(anniversary(demonyms, &seg, k, art));
        } else if let Some(h) = head(w) {
            // "the Hong Kong Convention and Exhibition Centre", "the Flood Control District":
            // a capitalised event word before another capitalised word heads no event.
            if w.starts_with(char::is_uppercase) && seg.goes_on_capitalised(k) {
                continue;
            }
            // "the Riocentro convention complex", "the Empire State Plaza convention hall",
            // "the ExCeL conference center", "a Kyoto conference call": a place for
            // conventions and conferences, not one ("the Geneva conference ended").
            let room_after = ROOMS.iter().any(|room| seg.is_word(k + 1, room));
            if (h == "Convention" && seg.modifies_a_noun(k)) || (h == "conference" && room_after) {
                continue;
            }
            found.extend(named_before(lex, demonyms, &seg, k, h, art));
            if found.last().is_none_or(|f| f.1 < base + tok.end) {
                found.extend(named_after(lex, &seg, k, h, art));
            }
        } else if words::leads_an_event_name(w) {
            found.extend(named_after(lex, &seg, k, w, art));
        } else if w == "Proposition" {
            found.extend(ballot_measure(&seg, k));
        }
    }
    for (pos, end, canonical) in found {
        if words::names_another_event(&canonical, &text[..pos - base], &text[end - base..]) {
            continue;
        }
        // "3:35 o'clock (Central war time)": a time zone of the war years, no event; "the
        // Thornleigh war memorial": a town's memorial to its dead, no war of the town's (a
        // known war keeps its name: "the Vietnam war memorial"); so is a war's trade.
        let after = text[end - base..].trim_start();
        let followed_by = |w: &str| {
            after
                .get(..w.len())
                .is_some_and(|a| a.eq_ignore_ascii_case(w))
        };
        // "the Australian war correspondent": a nationality and a trade of the war years
        // (a known war keeps its name: "a Vietnam war veteran").
        const WAR_TRADES: &[&str] = &[
            "artist",
            "correspondent",
            "criminal",
            "hero",
            "photographer",
            "poet",
            "reporter",
            "veteran",
            "widow",
        ];
        let trade = || {
            WAR_TRADES.iter().any(|w| {
                followed_by(w) && !after[w.len()..].starts_with(char::is_alphabetic)
                    || followed_by(&format!("{w}s"))
            })
        };
        if canonical.ends_with("War")
            && (followed_by("time")
                || (followed_by("memorial") || trade()) && known(lex, &canonical, when).is_none())
        {
            continue;
        }
        let canonical = apart_from_other_times(lex, canonical, when);
        // A name inside the event that the tagger took for an organisation ("the Louvre
        // accord", "the Plaza agreement") is part of the event's name; so is a listed one
        // in a tournament's ("the Toshiba Classic").
        let tournament = tournament_follows(&text[end - base..]);
        let from = if tournament { 0 } else { first };
        for m in art.mentions[from..].iter_mut() {
            if (m.kind == EntityKind::Org || tournament && m.kind == EntityKind::Event)
                && (!m.gazetteer || tournament)
                && !m.markup
                && pos <= m.pos
                && m.end <= end
            {
                m.removed = true;
            }
        }
        let surface = &text[pos - base..end - base];
        art.mentions.push(Mention::new(
            pos,
            end,
            EntityKind::Event,
            canonical,
            surface,
            surface,
            false,
        ));
    }
}

/// "World Cup" alone, which the gazetteer reads as football's, in a story that writes
/// cricket's or rugby's words twice or more ("wickets", "fly-half") is that sport's cup.
pub(super) fn cup_of_the_story_s_sport(art: &mut ArticleState<'_>, title: &str, body: &str) {
    const SPORTS: &[(&str, &[&str])] = &[
        (
            "Cricket World Cup",
            &[
                "cricket",
                "wickets",
                "batsman",
                "batsmen",
                "bowlers",
                "test match",
            ],
        ),
        (
            "Rugby World Cup",
            &[
                "rugby",
                "fly-half",
                "scrum-half",
                "springboks",
                "wallabies",
                "all blacks",
            ],
        ),
    ];
    let bare = |m: &Mention<'_>| {
        m.kind == EntityKind::Event && m.canonical == "FIFA World Cup" && m.name == "World Cup"
    };
    if !art.mentions.iter().any(bare) {
        return;
    }
    let text = format!("{title}\n{body}").to_lowercase();
    // Whole words ("bowler-hatted" is no bowler), twice at least: one "media scrum" or
    // "long innings" is a figure of speech.
    let word_ends = |c: char| c.is_alphanumeric() || c == '-';
    let times = |cue: &str| {
        text.match_indices(cue)
            .filter(|(at, _)| {
                let end = at + cue.len();
                !text[..*at].ends_with(word_ends) && !text[end..].starts_with(word_ends)
            })
            .count()
    };
    let sports: Vec<&str> = SPORTS
        .iter()
        .filter(|(_, cues)| cues.iter().map(|cue| times(cue)).sum::<usize>() >= 2)
        .map(|(cup, _)| *cup)
        .collect();
    if let [cup] = sports[..] {
        for m in art.mentions.iter_mut().filter(|m| bare(m)) {
            m.canonical = Cow::Borrowed(cup);
        }
    }
}

/// "the Louvre accord", "the Iran-Iraq war", "the 1987 stock market crash": proper words,
/// then qualifiers, then the head at token `k`.
fn named_before<'a>(
    lex: &'a Lexicon,
    demonyms: &Demonyms,
    seg: &Segment<'_, 'a>,
    k: usize,
    head: &'static str,
    art: &ArticleState<'a>,
) -> Option<(usize, usize, Cow<'a, str>)> {
    let toks = seg.tokens;
    let mut j = k;
    // Qualifiers and fillers right before the head.
    let mut qualifiers: Vec<&str> = Vec::new();
    while j > 0 && qualifiers.len() < 3 {
        let w = seg.word(j - 1);
        if !toks[j - 1].word || seg.cover[j - 1].is_some() || toks[j - 1].possessive {
            break;
        }
        if QUALIFIERS.binary_search(&w).is_ok() && head != TOURNAMENT
            || (head == "War" && WAR_KINDS.contains(&w))
        {
            qualifiers.push(w);
        } else if FILLERS.binary_search(&w).is_err()
            && !(head == TOURNAMENT && TOURNAMENT_SPORTS.binary_search(&w).is_ok())
        {
            break;
        }
        j -= 1;
    }
    qualifiers.reverse();
    // Proper words before them: names found by earlier passes, capitalised words, years.
    let proper_end = j;
    let (mut units, mut nations, mut lone_opener) = (0, 0, false);
    // A strike is named by whom it is against, where or when: "the Ford strike", "the
    // Heathrow strike", "the 1972 coal strike" (not "an Aguero strike", a goal).
    let mut firm_place_or_year = false;
    while j > 0 && units < 4 {
        let p = j - 1;
        let w = seg.word(p);
        // "a UK-wide strike", "the UN-backed talks": an adjective made of a name.
        let adjective = w
            .rsplit_once('-')
            .is_some_and(|(_, last)| last.starts_with(char::is_lowercase));
        if adjective {
            break;
        }
        if let Some(i) = seg.cover[p] {
            let m = &art.mentions[i];
            // "the EU summit" is the org's (resolve), "the IMF agreement" names no event.
            // A strike may be named after a listed firm ("the Ford strike"), not after a
            // player (his strikes are goals: "two Aguero strikes"); a tournament after its
            // sponsor ("the Toshiba Classic").
            // A listed event inside a tournament's name is part of it: "World Series" of
            // "the Singer World Series" (cricket's, not baseball's).
            let event_in_a_tournament = m.kind == EntityKind::Event && head == TOURNAMENT;
            if m.kind == EntityKind::Org && m.gazetteer && !matches!(head, "strike" | TOURNAMENT)
                || m.kind == EntityKind::Person && head == "strike"
                || m.kind == EntityKind::Event && !event_in_a_tournament
            {
                return None;
            }
            if toks[p].possessive && units == 0 {
                return None;
            }
            while j > 0 && seg.cover[j - 1] == Some(i) {
                j -= 1;
            }
            firm_place_or_year |= matches!(m.kind, EntityKind::Org | EntityKind::Place);
            // "an internal German affair": the demonym pass's place is still a nationality.
            nations += usize::from(m.kind == EntityKind::Place && demonyms.is_demonyms(m.surface));
            lone_opener = false;
        } else {
            // "the Three Mile Island accident": a number word starts a name before others.
            let number_word = units > 0 && matches!(w, "One" | "Two" | "Three");
            let proper = toks[p].word
                && ((w.starts_with(char::is_uppercase)
                    && (!words::is_stopword(w) || number_word)
                    && !is_qualifier(w))
                    || is_year(w));
            firm_place_or_year |= is_year(w);
            if !proper {
                break;
            }
            if toks[p].possessive {
                return None;
            }
            // "Soviet-American" is one token of two nations.
            nations += usize::from(demonyms.is_demonyms(w));
            lone_opener = toks[p].sent_start && !is_year(w);
            j = p;
        }
        units += 1;
        // "Iran-Iraq" is one token; "U.S.-Soviet" glues names with a dash token.
        if j >= 2 && !toks[j - 1].word && seg.glued(j - 1) && seg.glued(j - 2) {
            let dash = &seg.text[toks[j - 1].start..toks[j - 1].end];
            if matches!(dash, "-" | "–" | "—") {
                j -= 1;
                continue;
            }
        }
        if j > 0 && seg.text[toks[j - 1].end..toks[j].start] != *" " {
            break;
        }
    }
    if units == 0 || (units == 1 && lone_opener) {
        return None;
    }
    // A strike of workers is "the Ford strike", "the 1972 coal strike"; not "a Liverpool
    // strike" (a goal), "the US missile strike on Syria" or "the Nato strike against ..."
    // (attacks).
    if head == "strike" {
        let the = j > 0 && seg.word(j - 1).eq_ignore_ascii_case("the");
        // "on Syria" is a target; "on Monday" a day (weekdays and months are stop words).
        let on_a_name = seg.is_word(k + 1, "on")
            && seg.tokens.get(k + 2).is_some_and(|t| t.word)
            && seg.word(k + 2).starts_with(char::is_uppercase)
            && !words::is_stopword(seg.word(k + 2));
        let attack = qualifiers
            .iter()
            .any(|q| matches!(*q, "missile" | "nuclear"))
            || on_a_name
            || seg.is_word(k + 1, "against");
        if !firm_place_or_year || !the || attack {
            return None;
        }
    }
    if nations == units && NEEDS_MORE_THAN_A_NATION.contains(&head) {
        return None;
    }
    // "a Grand Slam tournament", "a DAB conference", "an international AIDS conference", "a
    // Kayapo war cry": one of a kind, not a name (up to two lowercase words may describe
    // it). A known event is the gazetteer's, matched before ("a Vietnam war veteran").
    let one_of = |t: usize| {
        matches!(
            seg.word(t).to_ascii_lowercase().as_str(),
            "a" | "an" | "another" | "each" | "every"
        )
    };
    let mut before = j;
    while before > 0
        && j - before < 2
        && toks[before - 1].word
        && seg.word(before - 1).starts_with(char::is_lowercase)
        && !is_determiner(seg.word(before - 1))
        && !one_of(before - 1)
    {
        before -= 1;
    }
    let one_of_a_kind = before > 0 && one_of(before - 1);
    // "the National conference", "the Islamist conference": which one? A scope or a creed
    // alone names no conference (as "the National Conference" of a league names no event).
    let scope_or_creed = |w: &str| {
        matches!(
            w,
            "Annual" | "European" | "General" | "International" | "National" | "World"
        ) || (w.ends_with("ist") && w.len() > 4)
    };
    if head == "conference" && (j..proper_end).all(|t| !toks[t].word || scope_or_creed(seg.word(t)))
    {
        return None;
    }
    // A head written in capitals is a name's own ("a rain-lashed Japanese Grand Prix"). "The
    // Arkansas conference of branches", "the Fifth Conference of Heads of State": a body's
    // own, or a meeting whose name goes on after "of" (the tagger's to read whole).
    let lowercase_head = seg.word(k).starts_with(char::is_lowercase);
    if one_of_a_kind && lowercase_head && head != TOURNAMENT
        || head == "conference" && seg.is_word(k + 1, "of")
    {
        return None;
    }
    if head == TOURNAMENT {
        // A year before the name is when, not which: "the 1996 Singer World Series".
        while j < proper_end && toks[j].word && is_year(seg.word(j)) {
            j += 1;
        }
        let words = (j..proper_end).filter(|&t| toks[t].word).count();
        let last = seg.word(proper_end - 1);
        // "the Qatar Open tournament": the head's own rule names it; "the Wimbledon
        // tournament", "the Nelson Mandela tournament": one place's or person's name.
        let one_place_person_or_event = seg.cover[j].is_some_and(|i| {
            let m = &art.mentions[i];
            matches!(
                m.kind,
                EntityKind::Place | EntityKind::Person | EntityKind::Event
            ) && (j..proper_end).all(|t| seg.cover[t] == Some(i))
        });
        // "former Grand Slam tournament champions": the word as a noun's modifier.
        let modifier = seg.modifies_a_noun(k);
        if words < 2
            || modifier
            || one_of_a_kind
            || one_place_person_or_event
            || self::head(last).is_some()
            || ORGANISERS.contains(&last)
        {
            return None;
        }
    }
    // "the 1991 war", "the 1992 election": which one? A year names an event with words
    // saying what happened ("the 1987 stock market crash") or as the Games do.
    let years_only = (j..proper_end).all(|t| !toks[t].word || is_year(seg.word(t)));
    if years_only && qualifiers.is_empty() && !["Games", "Olympics"].contains(&head) {
        return None;
    }
    // "the Atlanta games" but not "NBA games": lowercase games are an event where they are
    // held.
    let written = seg.word(k);
    let held_somewhere = (j..proper_end)
        .any(|t| seg.cover[t].is_some_and(|i| art.mentions[i].kind == EntityKind::Place));
    // "the UK games charts": games as a noun's modifier are video games.
    let modifier_of_noun =
        toks.get(k + 1).is_some_and(|t| t.word) && seg.word(k + 1).starts_with(char::is_lowercase);
    if written == "games" && (!held_somewhere || modifier_of_noun) {
        return None;
    }
    // "the Belgian Grand Prix"; "the Grand Prix" alone is every one of them.
    if head == "Prix" && (units < 2 || seg.word(k - 1) != "Grand") {
        return None;
    }
    let after = |n: usize, w: &str| seg.is_word(k + n, w);
    // "the National Election Commission", "Islamic Conference Organisation": the event word
    // is inside a longer name.
    let next = k + 1;
    if next < toks.len()
        && toks[next].word
        && seg.text[toks[k].end..toks[next].start] == *" "
        && seg.word(next).starts_with(char::is_uppercase)
        && !words::is_stopword(seg.word(next))
    {
        return None;
    }
    // "P.D. Open the door!": the verb, whatever capitalised words come before it.
    if head == "Open" && next < toks.len() && is_determiner(seg.word(next)) {
        return None;
    }
    // "war on drugs", "war against inflation": a campaign, not a war.
    if head == "War" && (after(1, "on") || after(1, "against")) {
        return None;
    }
    // "the second round", "the Wimbledon round": only trade rounds ("Uruguay Round", "the
    // Tokyo round of talks").
    if head == "Round" && !seg.word(k).starts_with('R') && !after(1, "of") {
        return None;
    }
    // A tournament's name is its proper words alone, and so is its mention, unless the word
    // is written as part of it ("the World Indoor Tournament").
    let name_alone = head == TOURNAMENT && seg.word(k) == "tournament";
    let last = if name_alone { proper_end - 1 } else { k };
    let (pos, end) = (seg.base + toks[j].start, seg.base + toks[last].end);
    let names = normalize_space(&seg.text[toks[j].start..toks[proper_end - 1].end])
        .replace(['–', '—'], "-");
    let names = undotted(&names).unwrap_or(names);
    // "the Hague conference": the place's article starts no event's name.
    let names = match names.strip_prefix("the ") {
        Some(rest) => rest.to_string(),
        None => names,
    };
    let capital = head.starts_with(char::is_uppercase);
    let mut canonical = names;
    for q in qualifiers {
        canonical.push(' ');
        if capital {
            let mut cs = q.chars();
            canonical.extend(cs.next().map(|c| c.to_ascii_uppercase()));
            canonical.push_str(cs.as_str());
        } else {
            canonical.push_str(q);
        }
    }
    if !name_alone {
        canonical.push(' ');
        canonical.push_str(head);
    }
    let canonical = national_convention(canonical);
    let surface = &seg.text[toks[j].start..toks[last].end];
    let when = art.when();
    let known = known(lex, &canonical, when)
        .or_else(|| known(lex, surface, when))
        .or_else(|| alias_written_otherwise(lex, &canonical, surface, when));
    Some((pos, end, known.map_or(Cow::Owned(canonical), Cow::Borrowed)))
}

/// "the Democratic convention", "the Republican Convention": what the party calls its
/// National Convention, under that name.
fn national_convention(name: String) -> String {
    match name.as_str() {
        "Democratic Convention" | "Republican Convention" => {
            name.replace(" Convention", " National Convention")
        }
        _ => name,
    }
}

/// A lowercase word of those that start sentences without naming anything ("on", "in",
/// "and"; weekdays and months are capitalised).
fn is_function_word(w: &str) -> bool {
    let mut chars = w.chars();
    let capitalised: String = chars
        .next()
        .map(|c| c.to_ascii_uppercase())
        .into_iter()
        .chain(chars)
        .collect();
    words::is_stopword(&capitalised)
}

/// Whether `after` (the text after a name) starts with the word "tournament", maybe after
/// sports ("tennis tournament").
fn tournament_follows(after: &str) -> bool {
    after
        .split_whitespace()
        .find(|w| TOURNAMENT_SPORTS.binary_search(w).is_err())
        .is_some_and(|w| w.eq_ignore_ascii_case(TOURNAMENT))
}

/// Words that make the one before them a verb with its object ("Open the door").
fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "your" | "my" | "our" | "their" | "his" | "her" | "it" | "up"
    )
}

/// "the blizzard of 1978", "the crash of 1929", "the riots of 1967": an event word after
/// "the" and before "of" and a year is that year's event, named as "the 1978 blizzard" is
/// ("1978 blizzard"), or as the gazetteer names it ("the War of 1812").
fn head_of_a_year<'a>(
    lex: &'a Lexicon,
    seg: &Segment<'_, 'a>,
    k: usize,
    head: &str,
    art: &ArticleState<'a>,
) -> Option<(usize, usize, Cow<'a, str>)> {
    let year_at = k + 2;
    let dated = k > 0
        && head != TOURNAMENT
        && seg.is_word(k - 1, "the")
        && seg.is_word(k + 1, "of")
        && seg.tokens.get(year_at).is_some_and(|t| t.word)
        && seg.cover[year_at].is_none()
        && is_year(seg.word(year_at));
    if !dated {
        return None;
    }
    let toks = seg.tokens;
    let (pos, end) = (seg.base + toks[k].start, seg.base + toks[year_at].end);
    let written = normalize_space(&seg.text[toks[k].start..toks[year_at].end]);
    let mut capitalised = written.to_string();
    capitalised[..1].make_ascii_uppercase();
    let canonical = match known(lex, &capitalised, art.when()) {
        Some(name) => Cow::Borrowed(name),
        None => Cow::Owned(
            canonical(lex, &format!("{} {head}", seg.word(year_at)), art.when()).into_owned(),
        ),
    };
    Some((pos, end, canonical))
}

/// "Proposition 13": a measure put to the voters, which they pass or reject as they do a
/// referendum (a number of three digits at most, as ballots number them).
fn ballot_measure<'a>(seg: &Segment<'_, 'a>, k: usize) -> Option<(usize, usize, Cow<'a, str>)> {
    let number = seg.tokens.get(k + 1).filter(|t| t.word)?;
    let digits = seg.word(k + 1);
    if seg.cover[k + 1].is_some()
        || digits.len() > 3
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || seg.text[seg.tokens[k].end..number.start] != *" "
    {
        return None;
    }
    let (pos, end) = (seg.base + seg.tokens[k].start, seg.base + number.end);
    Some((pos, end, Cow::Owned(format!("Proposition {digits}"))))
}

/// "the Treaty of Rome", "the Battle of the Somme", "the war in Chechnya": the head at token
/// `k` (or a word that leads an event's name: [`words::leads_an_event_name`]), then what it
/// is of.
fn named_after<'a>(
    lex: &'a Lexicon,
    seg: &Segment<'_, 'a>,
    k: usize,
    head: &str,
    art: &ArticleState<'a>,
) -> Option<(usize, usize, Cow<'a, str>)> {
    let w = seg.word(k);
    // "the First Battle of the Newbury bypass", "the Second Siege of ...": a numbered name
    // the rules cannot tell the end of (the gazetteer lists those of history).
    if words::leads_an_event_name(w) && k > 0 && seg.tokens[k - 1].word {
        let before = seg.word(k - 1);
        if is_ordinal(before) && before.starts_with(char::is_uppercase) {
            return None;
        }
    }
    if let Some(dated) = head_of_a_year(lex, seg, k, head, art) {
        return Some(dated);
    }
    let (lead, place_only) = if words::leads_an_event_name(w) && seg.is_word(k + 1, "of") {
        (format!("{w} of"), false)
    } else if head == "War" && seg.is_word(k + 1, "in") && k > 0 && seg.is_word(k - 1, "the") {
        ("War in".to_string(), true)
    } else {
        return None;
    };
    // "the Battle of the Bulge": the article belongs to the name.
    let the = !place_only
        && seg.is_word(k + 2, "the")
        && seg.cover.get(k + 2).copied().flatten().is_none();
    let start = k + 2 + usize::from(the);
    let i = seg.cover.get(start).copied().flatten();
    let end_tok = match i.map(|i| &art.mentions[i]) {
        Some(m) if m.kind == EntityKind::Place || !place_only => {
            let mut e = start;
            while seg.cover.get(e + 1).copied().flatten() == i {
                e += 1;
            }
            (m.kind != EntityKind::Event).then_some(e)?
        }
        None if !place_only => {
            // Capitalised words the tagger left alone: "El Alamein", "Brest-Litovsk".
            let proper = |t: usize| {
                seg.tokens.get(t).is_some_and(|tok| tok.word)
                    && seg.cover.get(t).copied().flatten().is_none()
                    && seg.word(t).starts_with(char::is_uppercase)
                    && !words::is_stopword(seg.word(t))
            };
            let mut e = proper(start).then_some(start)?;
            while proper(e + 1) {
                e += 1;
            }
            e
        }
        _ => return None,
    };
    let toks = seg.tokens;
    let object = match i {
        Some(i) if place_only => art.mentions[i].canonical.clone(),
        _ => normalize_space(&seg.text[toks[k + 2].start..toks[end_tok].end]),
    };
    let canonical = format!("{lead} {object}");
    let (pos, end) = (seg.base + toks[k].start, seg.base + toks[end_tok].end);
    // "the war in Iraq" is the gazetteer's "Iraq War" if it lists one.
    let known = known(lex, &canonical, art.when()).or_else(|| {
        place_only
            .then(|| known(lex, &format!("{object} War"), art.when()))
            .flatten()
    });
    Some((pos, end, known.map_or(Cow::Owned(canonical), Cow::Borrowed)))
}

/// "the 40th anniversary of the Hungarian uprising", "the 50th anniversary of World War II":
/// an ordinal, "anniversary of", and a name (an event found earlier, or proper words with an
/// event word after them).
fn anniversary<'a>(
    demonyms: &Demonyms,
    seg: &Segment<'_, 'a>,
    k: usize,
    art: &ArticleState<'a>,
) -> Option<(usize, usize, Cow<'a, str>)> {
    let toks = seg.tokens;
    if k == 0 || !toks[k - 1].word || !is_ordinal(seg.word(k - 1)) || !seg.is_word(k + 1, "of") {
        return None;
    }
    // "the 3,000th anniversary": the ordinal is "000th" after a comma.
    if k >= 2 && seg.glued(k - 2) {
        return None;
    }
    let ordinal = seg.word(k - 1).to_lowercase();
    let s = k + 2 + usize::from(seg.is_word(k + 2, "the"));
    // The name: proper words and names found earlier, joined by "of", "in", "over", "the"
    // ("Victory in the Great Patriotic War"), then perhaps an event word ("the Hungarian
    // uprising").
    let proper = |e: usize| {
        toks.get(e).is_some_and(|t| t.word)
            && (seg.cover[e].is_some()
                || (seg.word(e).starts_with(char::is_uppercase)
                    && !words::is_stopword(seg.word(e))))
    };
    let place_at = |t: usize| {
        seg.cover
            .get(t)
            .copied()
            .flatten()
            .is_some_and(|i| art.mentions[i].kind == EntityKind::Place)
    };
    let mut e = s;
    let mut names = Vec::new();
    while e < toks.len() {
        if let Some(i) = seg.cover[e] {
            names.push(i);
            while seg.cover.get(e + 1).copied().flatten() == Some(i) {
                e += 1;
            }
            e += 1;
        } else if proper(e)
            || (e > s
                && ["of", "in", "over", "the", "and"].contains(&seg.word(e))
                // "and" joins plain proper words ("Rodgers and Hammerstein"), never a name
                // found earlier to what follows ("... Patriotic War and the SCO summit").
                && (seg.word(e) != "and" || seg.cover[e - 1].is_none())
                // "in" before a place says where the anniversary is marked ("the 40th
                // anniversary of the GDR in East Berlin"); "Victory in the Great Patriotic
                // War" goes on to an event.
                && !(seg.word(e) == "in" && place_at(e + 1 + usize::from(seg.is_word(e + 1, "the"))))
                && (proper(e + 1) || (seg.is_word(e + 1, "the") && proper(e + 2))))
        {
            e += 1;
        } else {
            break;
        }
    }
    // "the 60th anniversary of Owens' ...", "of Japan's surrender": the name goes on past
    // what the pattern reads.
    let possessive = (s..e).any(|t| toks[t].possessive)
        || toks
            .get(e)
            .is_some_and(|t| !t.word && seg.glued(e - 1) && seg.text[t.start..].starts_with('\''));
    if e == s || possessive {
        return None;
    }
    let lowercase_next =
        e < toks.len() && toks[e].word && seg.word(e).starts_with(char::is_lowercase);
    if lowercase_next && head(seg.word(e)).is_some() {
        e += 1;
    } else if lowercase_next && demonyms.is_demonym(seg.word(e - 1)) {
        // "the 80th anniversary of the Soviet victory over ...": a nationality word before
        // a common noun describes what is marked; it names no event.
        return None;
    }
    e -= 1;
    let whole_event = match names.as_slice() {
        [i] => {
            let m = &art.mentions[*i];
            (m.kind == EntityKind::Event
                && m.pos == seg.base + toks[s].start
                && m.end == seg.base + toks[e].end)
                .then(|| m.canonical.to_string())
        }
        _ => None,
    };
    let object =
        whole_event.unwrap_or_else(|| seg.text[toks[k + 2].start..toks[e].end].to_string());
    let canonical = format!("{ordinal} anniversary of {}", normalize_space(&object));
    Some((
        seg.base + toks[k - 1].start,
        seg.base + toks[e].end,
        Cow::Owned(canonical),
    ))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{builtin, names};
    use super::*;

    #[test]
    fn lists_are_sorted_for_binary_search() {
        assert!(HEADS.is_sorted());
        assert!(QUALIFIERS.is_sorted());
        assert!(FILLERS.is_sorted());
        assert!(ORDINAL_WORDS.is_sorted());
    }

    fn events(body: &str) -> Vec<String> {
        let es = builtin().extract("", body);
        names(&es, EntityKind::Event)
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn named_events_fold_case_article_and_number() {
        let got = events(
            "Dealers said the Louvre accord held. Louvre Accord partners met, and the Louvre \
             accords were praised by officials in Paris.",
        );
        assert_eq!(got, ["Louvre Accord"]);
    }

    #[test]
    fn battles_sieges_and_treaties_are_named_by_what_they_were_of() {
        let mut got = events(
            "Veterans of the Battle of the Somme and the Battle of El Alamein met survivors \
             of the Siege of Sarajevo. The Treaty of Ghent was recalled. It was a battle of \
             wills, and the battle of ideas went on. Protesters called it the First Battle of \
             the Newbury bypass.",
        );
        got.sort();
        assert_eq!(
            got,
            [
                "Battle of El Alamein",
                "Battle of the Somme",
                "Siege of Sarajevo",
                "Treaty of Ghent"
            ]
        );
    }

    #[test]
    fn an_edition_number_is_not_part_of_the_name() {
        let lex = &builtin().lexicon;
        let when = When {
            year: Some(1996),
            named_in_full: &[],
        };
        assert_eq!(canonical(lex, "the 21st Harbour Cup", when), "Harbour Cup");
        assert_eq!(canonical(lex, "third Gulf Summit", when), "Gulf summit");
        assert_eq!(
            canonical(lex, "12th Harbour Regatta", when),
            "Harbour Regatta"
        );
        // An ordinal written as part of the name stays.
        assert_eq!(
            canonical(lex, "First Chechen War", when),
            "First Chechen War"
        );
        assert_eq!(
            canonical(lex, "Second Harbour War", when),
            "Second Harbour War"
        );
        // End to end, the edition's event is the gazetteer's under any of its names.
        let got = events(
            "Nigeria won the 21st African Cup. The 1996 African Nations Cup final was in Johannesburg.",
        );
        assert_eq!(got, ["Africa Cup of Nations"]);
    }

    #[test]
    fn an_anniversary_of_something_described_is_no_event() {
        let got = events(
            "Russia marked the 80th anniversary of the Soviet victory over Nazi Germany. \
             Budapest marked the 40th anniversary of the Hungarian uprising.",
        );
        assert_eq!(
            got,
            [
                "40th anniversary of Hungarian Revolution of 1956",
                "Hungarian Revolution of 1956"
            ]
        );
    }

    #[test]
    fn an_anniversary_ends_before_where_it_is_marked() {
        let got = events(
            "The march came two days after the celebration of the 40th anniversary of the \
             GDR in East Berlin, where Mikhail Gorbachev spoke.",
        );
        assert_eq!(got, ["40th anniversary of the GDR"]);
    }

    #[test]
    fn a_plural_possessive_is_the_same_event() {
        let got = events(
            "Fiji beat Samoa in the Pacific Nations' Cup. The Pacific Nations\u{2019} Cup final \
             is in Suva; the Pacific Nations Cup is played every year.",
        );
        assert_eq!(got, ["Pacific Nations Cup"]);
    }

    #[test]
    fn generic_event_words_are_no_events() {
        for body in [
            "Leaders met at a summit on Monday and said the war was over.",
            "He called for peace talks and said the summit would go ahead.",
            "Sunday's election was close. The November elections follow.",
            "Further talks are planned. Elections are due in the second round.",
            "The U.S. war on drugs goes on.",
            "Veterans of the 1991 war voted in the 1992 election.",
            "Jerusalem marked its 3,000th anniversary of King David's reign.",
            "The National Election Commission met. Shops open on Sunday in the Open air.",
            "He missed two NBA games before the National Conference.",
            "It tops the UK games charts before the General Election.",
            "Speaking at a London conference, he said the Islamist conference was banned.",
        ] {
            assert_eq!(events(body), Vec::<String>::new(), "{body}");
        }
    }

    #[test]
    fn qualifiers_stay_and_fillers_go() {
        let got = events(
            "The Ogaden civil war went on. After the 1973 stock market crash and the Kitona \
             peace accord, the Kitona accord held.",
        );
        assert_eq!(
            got,
            [
                "Kitona Accord",
                "1973 stock market crash",
                "Ogaden Civil War"
            ]
        );
    }

    #[test]
    fn anniversaries_and_names_after_the_head() {
        let got = events(
            "Lisbon marked the 30th anniversary of the Carnation revolution. Officials cited \
             the Treaty of Nantes and the war in Angola.",
        );
        assert_eq!(
            got,
            [
                "30th anniversary of the Carnation revolution",
                "Carnation Revolution",
                "Treaty of Nantes",
                "War in Angola"
            ]
        );
    }

    /// Every years column of events.tsv is "1980-1988", "1987", "2015-" or "-1991", start
    /// before end, within recorded history.
    #[test]
    fn event_years_are_well_formed() {
        let text = include_str!("../../../data/gazetteer/events.tsv");
        let mut dated = 0;
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let Some(years) = line.split('\t').nth(3).filter(|y| !y.is_empty()) else {
                continue;
            };
            // History goes back further than the years a text's words are read as.
            let is_year = |y: &str| {
                y.len() == 4 && y.parse::<u32>().is_ok_and(|y| (1000..=2099).contains(&y))
            };
            let year = |y: &str| y.is_empty() || is_year(y);
            let ok = match years.split_once('-') {
                Some((a, b)) => {
                    year(a)
                        && year(b)
                        && !(a.is_empty() && b.is_empty())
                        && (a.is_empty() || b.is_empty() || a <= b)
                }
                None => is_year(years),
            };
            assert!(ok, "events.tsv:{}: years {years:?}", n + 1);
            dated += 1;
        }
        assert!(dated > 100, "{dated}");
    }

    #[test]
    fn championships_of_every_sport_are_no_events() {
        assert!(every_sports("World Championships"));
        assert!(every_sports("the European Championship"));
        assert!(!every_sports("World Cross Country Championships"));
        assert!(!every_sports("European Indoor Championships"));
        assert!(!every_sports("English County Championship"));
        assert!(!every_sports("World Cup"));
    }

    #[test]
    fn capitalised_event_words() {
        let got =
            events("After the Belgian Grand Prix and the Boston Marathon came the Canadian Open.");
        assert_eq!(
            got,
            ["Belgian Grand Prix", "Boston Marathon", "Canadian Open"]
        );
    }

    #[test]
    fn abbreviations_lose_their_dots_in_event_names() {
        assert_eq!(undotted("L.A. Auto Show").as_deref(), Some("LA Auto Show"));
        assert_eq!(
            undotted("U.S.-China talks").as_deref(),
            Some("US-China talks")
        );
        assert_eq!(
            undotted("the U.N. summit").as_deref(),
            Some("the UN summit")
        );
        assert_eq!(
            undotted("Washington D.C.").as_deref(),
            Some("Washington DC")
        );
        for kept in [
            "LA Auto Show",
            "St. Petersburg summit",
            "A. Smith affair",
            "Davis Cup",
        ] {
            assert_eq!(undotted(kept), None, "{kept:?}");
        }
        assert_eq!(
            events("Leaders met at the U.S.-Soviet summit on Monday."),
            ["US-Soviet summit"]
        );
    }

    #[test]
    fn open_before_its_object_is_the_verb() {
        assert!(events("Officers shouted \"Fort Worth P.D. Open the door!\"").is_empty());
        assert_eq!(events("She won the Qatar Open on Sunday."), ["Qatar Open"]);
    }

    /// "Trade" is filler in talks, which are about trade anyway, but names the kind of a war.
    #[test]
    fn a_trade_war_keeps_its_kind() {
        let got = events(
            "Markets fell as the US-China trade war deepened, and the US-China trade talks \
             resumed in Beijing.",
        );
        assert!(got.contains(&"US-China Trade War".to_string()), "{got:?}");
        assert!(!got.contains(&"US-China War".to_string()), "{got:?}");
    }

    /// A name the gazetteer lists as an event's canonical name is that event however the
    /// text writes it; its aliases are matched in pass 1.
    #[test]
    fn gazetteer_names_win() {
        let got = events(
            "Talks stalled after the Uruguay round of trade talks, the Dayton peace accord, \
             the Hungarian uprising and the war in Iraq.",
        );
        assert_eq!(
            got,
            [
                "Dayton Agreement",
                "Hungarian Revolution of 1956",
                "Iraq War",
                "Uruguay Round"
            ]
        );
    }
}
