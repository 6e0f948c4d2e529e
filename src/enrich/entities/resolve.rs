//! In-article resolution: what one article says about its own names, which no list can know.
//!
//! - "Shanghai Cooperation Organisation (SCO)" makes "SCO" an alias of that org for this
//!   article, overriding the gazetteer.
//! - A known org followed or preceded by "summit" ("the SCO summit", "summit of the SCO") is
//!   an event, named by the gazetteer's `<org> summit` event if there is one, else
//!   "<org canonical> summit".
//! - A name takes one kind throughout the article.
//! - A leftover single word or name equal to the surname (or full name) of exactly one person
//!   named in full in the article resolves to that person; so does the first word of a name
//!   when it is no given name ("Deng" of "Deng Xiaoping"), the father's family name of a
//!   Spanish or Portuguese name ("Allende" of "Salvador Allende Gossens"), and such a surname
//!   the tagger read as an org or place no list knows, unless an org of the article starts
//!   with it ("Getty" beside "Getty Oil"). Headlines often use the surname
//!   before the body gives the full name, so resolution looks at the whole article, not only
//!   at earlier text.
//! - A lone surname that is also a given name ("Blair", "Howard"), which the archive's alias
//!   table links only after a personal title, links where the article writes "Mr Blair",
//!   and its other lone mentions in the article follow.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use super::fragments;
use super::lexicon::Lexicon;
use super::mentions::{ArticleState, Mention};
use super::person_names;
use super::words;
use crate::article::EntityKind;

/// After an org mention: "(ACR)" or ", known as X" defines an article-local alias, and a
/// following or preceding "summit" makes an event.
pub(super) fn summit_and_acronym<'a>(
    lex: &'a Lexicon,
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
            .rsplit(char::is_whitespace)
            .next()
            .is_some_and(|w| w.starts_with(char::is_uppercase) && !words::is_stopword(w));
        let same_initial =
            text[s..].chars().next().map(|c| c.to_ascii_uppercase()) == acr.chars().next();
        // An acronym of the name in another language ("Kurdistan Workers Party (PKK)",
        // "Revolutionary Armed Forces of Colombia (FARC)") starts otherwise: the brackets
        // after a name of two words or more still define it, unless the gazetteer knows
        // the letters as a name ("Sony Corp (NYSE)" is not an alias of Sony) or they end
        // like the name's initials, which then is a longer or shorter name than the one
        // abbreviated ("Downlink Packet Access (HSDPA)", "the Bank's Monetary Policy
        // Committee (MPC)").
        let foreign = || {
            let name = &text[s..e];
            let initials: String = name
                .split([' ', '-'])
                .filter_map(|w| w.chars().next())
                .filter(|c| c.is_uppercase() || c.is_ascii_digit())
                .collect();
            name.contains(' ')
                && !lex.lists(acr)
                && !initials.ends_with(acr)
                && !acr.ends_with(&initials)
        };
        if (2..=10).contains(&acr.len())
            && acr
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
            && (same_initial || foreign())
            && !preceded_by_name
        {
            let acr_pos = base + e + (rest.len() - trimmed.len()) + 1;
            let m = &art.mentions[i];
            art.acronyms
                .push((acr, m.kind, m.canonical.clone(), acr_pos));
            after = acr_pos - base + len + 1;
        }
    }
    // "a European Atomic Energy Community, known as Euratom": another name, defined as an
    // acronym in brackets is.
    // Not a person's name: "JK, also known as Jason King" is a DJ the tagger took for a firm.
    if after == e
        && let Some((alias, at)) = words::known_as(rest)
        && !(alias.contains(' ') && fragments::is_given_name(alias.split(' ').next().unwrap_or("")))
    {
        let m = &art.mentions[i];
        art.acronyms
            .push((alias, m.kind, m.canonical.clone(), base + e + at));
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
    let canonical = match lex.summit_event(&org.canonical) {
        Some(event) => Cow::Borrowed(event),
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

/// Common Chinese, Korean and Vietnamese family names that Western lists also know as given
/// names or words, written first in full names ("Lee Kuan Yew", "Kim Dae Jung").
const EAST_ASIAN_FAMILY_NAMES: &[&str] = &[
    "Chan", "Chen", "Cho", "Choi", "Goh", "Han", "Ho", "Hu", "Kang", "Kim", "Lai", "Lee", "Li",
    "Lim", "Ma", "Moon", "Ng", "Ong", "Park", "Sun", "Tan", "Teo", "Wong", "Yoon",
];

/// Pass 3: acronyms defined in the article, one kind per name, then surnames.
pub(super) fn resolve<'a>(lex: &'a Lexicon, art: &mut ArticleState<'a>, title: &str, body: &str) {
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
    one_kind_per_name(lex, art);
    acronyms_of_full_names(art);
    members_of_full_names(lex, art);
    person_names::relatives_by_given_name(art, title, body);
    person_names::one_name_per_person(lex, art, title, body);
    // Full names written out in this article, keyed by themselves and by their surname, and
    // by a first word that is no given name: the family name of names written family name
    // first ("Deng" of "Deng Xiaoping", "Zhao" of "Zhao Ziyang").
    let mut names: HashMap<&str, Option<Cow<'a, str>>> = HashMap::new();
    // By family names (written last, the father's before the mother's, or written first:
    // "Deng", "Imran" of Imran Khan, which no given-name list knows): these the tagger reads
    // as orgs or places when alone ("to block Allende", "Imran claims mandate").
    let mut surnames: HashMap<&str, Option<Cow<'a, str>>> = HashMap::new();
    for m in &art.mentions {
        if m.kind == EntityKind::Person && !m.removed && m.name.contains(' ') {
            let full = &m.canonical;
            let surname = person_names::surname_word(m.name);
            let first = m.name.split(' ').next().unwrap_or(m.name);
            let is_family_name = |w: &str| {
                w.chars().count() > 1
                    && w.chars().all(char::is_alphabetic)
                    && w.starts_with(char::is_uppercase)
                    && !fragments::is_given_name(w)
            };
            // "Lee Hsien Loong", "Goh Chok Tong", "Kim Jong Un": an East Asian family name
            // (some are Western given names too), then two short syllables of a given name,
            // neither a Western given name ("Lee Harvey Oswald" is not one).
            let syllables = |w: &&str| {
                (2..=5).contains(&w.chars().count())
                    && w.starts_with(char::is_uppercase)
                    && w.chars().skip(1).all(char::is_lowercase)
                    && !fragments::is_given_name(w)
            };
            // "Chun Doo-hwan", "Lee Teng-hui", "Tung Chee-hwa": a given name of two
            // syllables joined by a hyphen, the second in lower case, is written after the
            // family name ("Jean-Pierre" keeps its capital; "Sung" of "Lee Sung-chol" may be
            // a given name elsewhere).
            let hyphened_given = |w: &&str| {
                w.split_once('-').is_some_and(|(a, b)| {
                    (2..=5).contains(&a.len())
                        && a.starts_with(|c: char| c.is_ascii_uppercase())
                        && a[1..].chars().all(|c| c.is_ascii_lowercase())
                        && (1..=5).contains(&b.len())
                        && b.chars().all(|c| c.is_ascii_lowercase())
                })
            };
            let east_asian = matches!(m.name.split(' ').collect::<Vec<_>>()[..],
                [family, a, b] if EAST_ASIAN_FAMILY_NAMES.contains(&family)
                    && syllables(&a)
                    && syllables(&b))
                || matches!(m.name.split(' ').collect::<Vec<_>>()[..],
                    [family, given] if family.chars().count() <= 6
                        && family.starts_with(char::is_uppercase)
                        && family.chars().skip(1).all(char::is_lowercase)
                        && hyphened_given(&given));
            let family_first = (is_family_name(first) || east_asian).then_some(first);
            // "Salvador Allende Gossens", "Augusto Pinochet Ugarte", "Carlos Salinas de
            // Gortari": a Spanish or Portuguese name's father's family name, the one used
            // alone, comes before the mother's.
            let words: Vec<&str> = m.name.split(' ').collect();
            let paternal = match words[..] {
                // "Carlos Salinas de Gortari": the mother's name with its particle.
                [given, .., paternal, "de" | "del" | "y", _] if fragments::is_given_name(given) => {
                    is_family_name(paternal).then_some(paternal)
                }
                [given, .., paternal, _] if fragments::is_given_name(given) => {
                    is_family_name(paternal).then_some(paternal)
                }
                _ => None,
            };
            for key in [Some(m.name), Some(surname), family_first, paternal]
                .into_iter()
                .flatten()
            {
                keep_if_unique(&mut names, key, full.clone());
            }
            let written_as_a_name = |w: &&str| {
                w.chars().count() > 2
                    && w.starts_with(char::is_uppercase)
                    && w.chars().any(char::is_lowercase)
            };
            for key in [Some(surname), paternal, family_first]
                .into_iter()
                .flatten()
                .filter(written_as_a_name)
            {
                keep_if_unique(&mut surnames, key, full.clone());
            }
        }
    }
    // Org names the article writes, by their first word: "Getty" beside "Getty Oil" is the
    // firm, whoever else of that name the article names.
    let org_first_words: Vec<&str> = art
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Org && !m.removed && m.name.contains(' '))
        .filter_map(|m| m.name.split(' ').next())
        .collect();
    // A full name written in the article wins over the gazetteer's reading of its surname:
    // the article's "Gerhard Stoltenberg" makes its "Stoltenberg" him. A lone surname the
    // tagger read as an organisation or place that no list knows ("to block Allende" in a
    // story naming Salvador Allende Gossens) is him too.
    for m in art.mentions.iter_mut() {
        if m.name.contains(' ') {
            continue;
        }
        if m.kind == EntityKind::Person
            && let Some(Some(full)) = names.get(m.name)
        {
            m.canonical = full.clone();
        }
        // (Under its own name: "French" is France, a demonym, not Dawn French.)
        let misread = matches!(m.kind, EntityKind::Org | EntityKind::Place)
            && !m.gazetteer
            && !m.markup
            && m.canonical == m.name
            && !lex.lists(m.name)
            && !org_first_words.contains(&m.name);
        // "Jordan said he was done" in a story naming Michael Jordan, "said Mr Irish" beside
        // Oliver Irish: a place's name after a person's title or before "said" is the
        // person's surname ("in Jordan", "Syria and Jordan" stay the country).
        let surname_not_place = m.kind == EntityKind::Place && !m.markup && {
            // The name ends the mention ("Mr Jordan" read as a place holds a title first).
            let (_, text, base) = super::mentions::field_at(m.pos, title, body);
            let at = (m.end - base).saturating_sub(m.name.len());
            text.is_char_boundary(at) && words::stands_for_a_person(text, at, m.name.len())
        };
        if (misread || surname_not_place)
            && let Some(Some(full)) = surnames.get(m.name)
        {
            m.kind = EntityKind::Person;
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
    titled_surnames(lex, art, title, body);
    after_a_woman_s_title(art, title, body);
    knights_by_given_name(art, title, body);
    // "Mr. Gandhi" in a story naming Indira, Sonia and Rajiv Gandhi, which nothing above
    // linked: each of them counts already, and a lone "Gandhi" entity would be none of them.
    for m in art.mentions.iter_mut() {
        if m.kind == EntityKind::Person
            && !m.name.contains(' ')
            && m.canonical == m.name
            && matches!(names.get(m.name), Some(None))
        {
            m.removed = true;
        }
    }
}

/// "Sir Alec" in a story that names Sir Alec Douglas-Home is him: a knight or a dame is
/// called by the given name. A given name after "Sir" or "Dame" is the one person the
/// article names in full with that given name; with none (or several), it stays as the
/// title writes it ("Sir Cliff"), a name, not a lone given name.
fn knights_by_given_name<'a>(art: &mut ArticleState<'a>, title: &str, body: &str) {
    let mut by_given_name: HashMap<&'a str, Option<Cow<'a, str>>> = HashMap::new();
    for m in art
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person && !m.removed && m.name.contains(' '))
    {
        // The gazetteer may list the name with the title ("Sir Alec Douglas-Home").
        let mut words = m
            .name
            .split(' ')
            .skip_while(|w| matches!(*w, "Sir" | "Dame"));
        if let Some(first) = words.next() {
            keep_if_unique(&mut by_given_name, first, m.canonical.clone());
        }
    }
    let lone = |m: &Mention<'_>| !m.canonical.contains(' ');
    name_after_title(
        art,
        (title, body),
        &by_given_name,
        lone,
        words::knight_s_title_before,
    );
}

/// A lone person name right after a title that says whose (`title_before`: a woman's, a
/// knight's): for each mention `applies` takes, the person `named` gives for the name, else
/// the name as the title writes it ("Mrs Kennedy", "Sir Cliff").
fn name_after_title<'a>(
    art: &mut ArticleState<'a>,
    (title, body): (&str, &str),
    named: &HashMap<&'a str, Option<Cow<'a, str>>>,
    applies: impl Fn(&Mention<'a>) -> bool,
    title_before: fn(&str, usize) -> Option<&'static str>,
) {
    for m in art.mentions.iter_mut() {
        if m.kind != EntityKind::Person || m.removed || !applies(m) {
            continue;
        }
        let (_, text, base) = super::mentions::field_at(m.pos, title, body);
        let Some(title_word) = title_before(text, m.pos - base) else {
            continue;
        };
        m.canonical = match named.get(m.name) {
            Some(Some(full)) => full.clone(),
            _ => Cow::Owned(format!("{title_word} {}", m.name)),
        };
    }
}

/// "Mrs. Kennedy" in a story that names President John F. Kennedy is his wife, whichever
/// way her surname was linked (the gazetteer's surname, the article's full name, the
/// archive's table): a surname after a woman's title is not a man the article or the lists
/// name in full (a known man's given name: `data/entities/male_given_names.txt`). It is the
/// woman the article names in full with that surname, if one ("Sandra Howard"), else her
/// own entity as written ("Mrs Kennedy"). A lone surname linked to no one is left to the
/// archive's table, which reads it after a personal title.
fn after_a_woman_s_title<'a>(art: &mut ArticleState<'a>, title: &str, body: &str) {
    // Men by their given names, or as the article calls them ("Mr. Bhutto" is Zulfikar Ali
    // Bhutto, whatever the lists know of "Zulfikar").
    let called_mister: HashSet<Cow<'a, str>> = art
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Person && !m.removed)
        .filter(|m| ["Mr ", "Mr. "].iter().any(|mr| m.surface.starts_with(mr)))
        .map(|m| m.canonical.clone())
        .collect();
    let by_a_man = |canonical: &str| {
        canonical.contains(' ')
            && (fragments::is_male_given_name(canonical.split(' ').next().unwrap_or(""))
                || called_mister.contains(canonical))
    };
    let mut women: HashMap<&'a str, Option<Cow<'a, str>>> = HashMap::new();
    for m in art.mentions.iter().filter(|m| {
        m.kind == EntityKind::Person
            && !m.removed
            && m.name.contains(' ')
            && !by_a_man(&m.canonical)
    }) {
        let surname = person_names::surname_word(m.name);
        keep_if_unique(&mut women, surname, m.canonical.clone());
    }
    let a_man_s_surname = |m: &Mention<'_>| !m.name.contains(' ') && by_a_man(&m.canonical);
    name_after_title(
        art,
        (title, body),
        &women,
        a_man_s_surname,
        words::woman_s_title_before,
    );
}

/// Records that `key` stands for `name`, unless it already stands for another name: then
/// for none (`None`), whatever comes later.
fn keep_if_unique<'k, 'a>(
    map: &mut HashMap<&'k str, Option<Cow<'a, str>>>,
    key: &'k str,
    name: Cow<'a, str>,
) {
    match map.get(key) {
        Some(Some(known)) if *known != name => {
            map.insert(key, None);
        }
        Some(_) => {}
        None => {
            map.insert(key, Some(name));
        }
    }
}

/// The organisations an article names with two words or more, each with the words the
/// article wrote ("British Overseas Airways Corporation", listed without its legal form),
/// each pair once (a long article names the same ones thousands of times).
fn orgs_named_in_full<'a>(art: &ArticleState<'a>) -> Vec<(Cow<'a, str>, &'a str)> {
    let mut full: Vec<_> = art
        .mentions
        .iter()
        .filter(|m| m.kind == EntityKind::Org && !m.removed && m.canonical.contains(' '))
        .map(|m| (m.canonical.clone(), m.name))
        .collect();
    full.sort_unstable();
    full.dedup();
    full
}

/// "ITT" in an article that names "International Telephone and Telegraph Corp." but never
/// writes "(ITT)": an acronym of its own (or dotted capitals the tagger read as a place) is
/// the one organisation named in full whose initials it is. A guess, which adds no alias: the archive's table carries only what an article
/// defines ("(ITT)") or a list says, not "RCA" guessed from one article's Royal College of
/// Art to every RCA record.
fn acronyms_of_full_names(art: &mut ArticleState<'_>) {
    // "B.O.A.C." is the initials of the name as written.
    let full = orgs_named_in_full(art);
    for m in art.mentions.iter_mut() {
        // "U.A.W." reads as "UAW" already: an acronym written with dots is one too.
        let as_written = m.canonical == m.name
            || super::lexicon::undotted(m.name).is_some_and(|plain| m.canonical == plain);
        // "chairman of B.O.A.C." read as a place no list knows: dotted capitals are an
        // acronym, whatever the tagger read.
        let dotted_place = m.kind == EntityKind::Place && m.name.matches('.').count() >= 3;
        let acronym = match super::lexicon::undotted(m.name) {
            Some(plain) if dotted_place => Cow::Owned(plain),
            _ => m.canonical.clone(),
        };
        if !(m.kind == EntityKind::Org || dotted_place)
            || m.removed
            || m.gazetteer
            || !(as_written || dotted_place)
            || !super::lexicon::is_acronym_shaped(&acronym)
        {
            continue;
        }
        let mut of = full
            .iter()
            .filter(|(c, written)| {
                super::lexicon::is_acronym_of(&acronym, c)
                    || super::lexicon::is_acronym_of(&acronym, written)
            })
            .map(|(c, _)| c);
        if let Some(first) = of.next()
            && of.all(|c| c == first)
        {
            m.kind = EntityKind::Org;
            m.canonical = first.clone();
            m.guessed = true;
        }
    }
}

/// "The Teamsters" in an article that names the International Brotherhood of Teamsters,
/// "the Steelworkers" beside the United Steelworkers of America: a body called by the word
/// for its members, which the tagger reads as an organisation or a place of its own. A lone
/// plural word that no list knows and that is no generic word ("Workers", "Nationals") is
/// the one organisation the article names in full with that word in its name.
fn members_of_full_names(lex: &Lexicon, art: &mut ArticleState<'_>) {
    let full = orgs_named_in_full(art);
    if full.is_empty() {
        return;
    }
    let members = |name: &str| {
        name.chars().count() >= 5
            && name.ends_with('s')
            && !name.ends_with("'s")
            && name.starts_with(char::is_uppercase)
            && name.chars().skip(1).all(char::is_lowercase)
            && !fragments::is_generic_word(name)
    };
    for m in art.mentions.iter_mut() {
        if !matches!(m.kind, EntityKind::Org | EntityKind::Place)
            || m.removed
            || m.gazetteer
            || m.markup
            || m.canonical != m.name
            || !members(m.name)
            || lex.lists(m.name)
        {
            continue;
        }
        // A word after the name's first (a firm's first word is its short name, which the
        // archive's table handles), and the last when the tagger read a place ("Leeds" of
        // "Leeds General Infirmary", "the Midlands" of "West Midlands Gas Board").
        let place = m.kind == EntityKind::Place;
        let holds = |c: &&Cow<'_, str>| {
            let words: Vec<&str> = c.split(' ').collect();
            match words.split_first() {
                Some((_, rest)) if place => rest.last() == Some(&m.name),
                Some((_, rest)) => rest.contains(&m.name),
                None => false,
            }
        };
        let mut of = full.iter().map(|(c, _)| c).filter(holds);
        if let Some(first) = of.next()
            && of.all(|c| c == first)
        {
            m.kind = EntityKind::Org;
            m.canonical = first.clone();
        }
    }
}

/// "Mr Blair" in an article that names no Blair in full: the archive's alias table reads a
/// surname that is also a given name only after a personal title (a lone "Blair" may be
/// anyone's first name). The article's other lone "Blair"s are the same person.
fn titled_surnames<'a>(lex: &'a Lexicon, art: &mut ArticleState<'a>, title: &str, body: &str) {
    let unlinked = |m: &Mention<'_>| {
        m.kind == EntityKind::Person
            && !m.removed
            && !m.canonical.contains(' ')
            && m.canonical.eq_ignore_ascii_case(m.name)
    };
    let when = art.when();
    let mut linked: HashMap<String, &'a str> = HashMap::new();
    for m in art.mentions.iter().filter(|m| unlinked(m)) {
        let (_, text, base) = super::mentions::field_at(m.pos, title, body);
        if words::after_personal_title(text, m.pos - base)
            && let Some(t) = lex.titled_entry(m.name, when)
        {
            linked
                .entry(m.canonical.to_string())
                .or_insert(lex.target(t).1);
        }
    }
    if linked.is_empty() {
        return;
    }
    for m in art.mentions.iter_mut() {
        if unlinked(m)
            && let Some(full) = linked.get(m.canonical.as_ref())
        {
            m.canonical = Cow::Borrowed(full);
        }
    }
}

/// The tagger reads each sentence on its own, so one article can call "Nokia" an
/// organisation twice and a place once. A name takes one kind throughout the article: the
/// gazetteer's if it matched the name here, else the kind most of its mentions have (ties
/// go to the earliest).
fn one_kind_per_name<'a>(lex: &'a Lexicon, art: &mut ArticleState<'a>) {
    let named_in_full = art.named_in_full.clone();
    let when = super::lexicon::When {
        year: art.year,
        named_in_full: &named_in_full,
    };
    struct Votes {
        counts: [u32; 4],
        /// Position and kind slot of the earliest mention.
        first: (usize, usize),
        gazetteer: Option<EntityKind>,
        /// The kind the source marked the name up as, which wins over everything.
        markup: Option<EntityKind>,
    }
    let slot = |kind: EntityKind| EntityKind::ALL.iter().position(|k| *k == kind);
    let mut votes: HashMap<&str, Votes> = HashMap::new();
    for m in art.mentions.iter().filter(|m| !m.removed) {
        let here = (m.pos, slot(m.kind).unwrap_or(0));
        let v = votes.entry(m.name).or_insert(Votes {
            counts: [0; 4],
            first: here,
            gazetteer: None,
            markup: None,
        });
        v.first = v.first.min(here);
        if m.markup {
            v.markup.get_or_insert(m.kind);
        } else if m.gazetteer {
            v.gazetteer.get_or_insert(m.kind);
        } else if let Some(i) = slot(m.kind) {
            v.counts[i] += 1;
        }
    }
    for m in art.mentions.iter_mut().filter(|m| !m.removed && !m.markup) {
        let Some(v) = votes.get(m.name) else { continue };
        if m.gazetteer && v.markup.is_none() {
            continue;
        }
        let kind = v.markup.or(v.gazetteer).unwrap_or_else(|| {
            let best = (0..4)
                .max_by_key(|&i| (v.counts[i], i == v.first.1))
                .unwrap_or(v.first.1);
            EntityKind::ALL[best]
        });
        if kind != m.kind {
            m.kind = kind;
            m.canonical = lex.canonical_for(kind, m.name, when);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{builtin, find, names};
    use crate::article::EntityKind;

    #[test]
    fn surnames_resolve_only_when_unambiguous() {
        let es = builtin().extract(
            "",
            "Senator Anna Berg and Senator Lars Berg spoke. Mr Berg left. \
             Chancellor Ruth Solberg arrived; Solberg said little.",
        );
        // "Mr Berg" is one of the two, who count already: no third person "Berg".
        let people = names(&es, EntityKind::Person);
        assert!(!people.contains(&"Berg"), "{people:?}");
        for berg in ["Anna Berg", "Lars Berg"] {
            assert_eq!(find(&es, EntityKind::Person, berg).unwrap().mentions, 1);
        }
        assert_eq!(
            find(&es, EntityKind::Person, "Ruth Solberg")
                .unwrap()
                .mentions,
            2
        );
    }

    #[test]
    fn an_east_asian_name_is_its_family_name_first() {
        let es = builtin().extract(
            "",
            "The party chose a successor after 20 years under Mr Lee Hsien Loong. Mr Lee, 72, \
             stays on in the Cabinet. Lee Harvey Oswald was not mentioned.",
        );
        let lee = find(&es, EntityKind::Person, "Lee Hsien Loong").unwrap();
        assert_eq!(lee.mentions, 2, "{es:?}");
        assert!(find(&es, EntityKind::Person, "Lee").is_none(), "{es:?}");
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
    fn brackets_define_an_acronym_of_the_name_in_another_language() {
        let es = builtin().extract(
            "",
            "Troops fought Kurdistan Freedom Party (PAK) guerrillas. The PAK denied it. \
             Shares of Sony Corp (NYSE) rose on the NYSE.",
        );
        let party = find(&es, EntityKind::Org, "Kurdistan Freedom Party").unwrap();
        assert!(party.aliases.iter().any(|a| a == "PAK"), "{es:?}");
        assert!(find(&es, EntityKind::Org, "PAK").is_none());
        assert!(
            es.iter()
                .all(|e| e.canonical != "Sony" || !e.aliases.iter().any(|a| a == "NYSE")),
            "{es:?}"
        );
    }

    #[test]
    fn an_acronym_names_only_the_whole_name_before_it() {
        let es = builtin().extract(
            "",
            "The Grain Traders Union Congress (TUC) met on Monday. The TUC said pay must rise.",
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
}
