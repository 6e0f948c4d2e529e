//! Pass 2 with the trained tagger ([`crate::enrich::ner`]): names the gazetteer does not know,
//! found by a model instead of capitalisation rules.
//!
//! The spans (see `spans`) only fill gaps: a gazetteer hit always wins where they overlap,
//! because the gazetteer also knows the canonical name. Persons, organisations and places map
//! straight to entity kinds; of the tagger's MISC spans only events are kept (a known event,
//! or a name ending in an event word such as "War" or "Summit"): nationalities and works are
//! not things users filter by.

use std::borrow::Cow;

use super::demonyms::Demonyms;
use super::fragments;
use super::lexicon::{Lexicon, When};
use super::mentions::{ArticleState, Mention};
use super::name_shapes::{
    after_a_place_noun, before_a_place_noun, cape_or_lake_shaped, city_after_locative,
    city_not_club, contest_shaped, county_shaped, court_of_law_shaped, ends_in_a_body, event_head,
    event_shaped, leader_of_a_body, listed_org, local_place, natural_feature_shaped, org_shaped,
    place_shaped, portfolio_before_an_office, street_shaped, town_of_a_region, unknown_name,
    venue_shaped,
};
use super::nicknames;
use super::person_names;
use super::spans::TaggedSpan;
use super::whole_names;
use super::words;
use crate::article::EntityKind;
use crate::enrich::ner::NerType;

/// Adds the spans of one segment that no gazetteer mention already covers. The segment's
/// mentions start at `art.mentions[first]`.
pub(super) fn apply<'a>(
    lex: &'a Lexicon,
    demonyms: &Demonyms,
    text: &'a str,
    base: usize,
    spans: &[TaggedSpan],
    first: usize,
    art: &mut ArticleState<'a>,
) {
    let mut segment = SegmentMentions::new(&art.mentions, first);
    let dateline = dateline(text);
    let tail = dateline.map(|d| d.credit);
    let spans = nicknames::join(lex, text, spans.to_vec(), art.when());
    let spans = nationality_and_body(lex, demonyms, text, spans, art.when());
    let mut joined = whole_names::complete(text, join_cut_names(lex, text, &spans, art.when()));
    if let Some(place) = dateline.and_then(|d| d.place) {
        place_of_dateline(&mut joined, place);
    }
    // "under Admiral Ito", "Colonel Picquart's evidence" read as a body or a place: a rank
    // and a name are a person (the rank then trimmed as any title), unless a list knows the
    // whole as a body ("General Motors") or the name as a place ("Commander Atlantic").
    for span in joined.iter_mut().filter(|s| s.kind != NerType::Per) {
        let name = &text[span.start..span.end];
        if words::is_rank_and_name(name)
            && !crate::enrich::ner::is_listed_organisation(name)
            && !lex.knows(EntityKind::Org, name, art.when())
            && !name
                .split_once(' ')
                .is_some_and(|(_, word)| lex.knows(EntityKind::Place, word, art.when()))
        {
            span.kind = NerType::Per;
        }
    }
    // "Secretary of Labor Lewis B. Schwellenbach", "Assembly Speaker Stanley Steingut" read
    // as one body: the holder is a person.
    for span in joined.iter_mut().filter(|s| s.kind != NerType::Per) {
        let name = &text[span.start..span.end];
        if let Some(cut) = words::portfolio_before_its_holder(&text[..span.start], name)
            .or_else(|| words::office_before_its_holder(name))
        {
            span.start += cut;
            span.kind = NerType::Per;
        }
    }
    let spans = joined.as_slice();
    let among_orgs = persons_listed_among_orgs(text, spans);
    let among_places = orgs_listed_among_places(lex, text, spans, art.when());
    // Whether the segment opens names with initials, so that its "M." is one too (once per
    // segment: a long one may hold thousands of names).
    let initials = text.contains("M. ") && writes_initials(text);
    // Whether a person the tagger found ends in `word` ("Gingrich" of "Newt Gingrich").
    let a_person_s_surname = |word: &str| {
        spans.iter().any(|s| {
            s.kind == NerType::Per && text[s.start..s.end].rsplit(' ').next() == Some(word)
        })
    };
    for (n, span) in spans.iter().enumerate().filter(|(_, s)| !s.doubtful) {
        if tail.is_some_and(|(s, e)| s <= span.start && span.end <= e) {
            continue;
        }
        let (mut start, end) = trim(text, span, initials);
        if span.kind == NerType::Org {
            start += affiliation_before_a_union(lex, &text[start..end], art.when());
        }
        if start >= end {
            continue;
        }
        // Letters after a person's name ("Q.C."), and "the Lord Chamberlain" whatever the
        // tagger read (an office): no entity.
        if letters_after_a_person(text, &spans[..n], start, end)
            || words::is_lords_office(&text[start..end])
        {
            continue;
        }
        let (pos, end) = (base + start, base + end);
        let surface = &text[pos - base..end - base];
        // A name never runs across a semicolon ("... Colored People; Whitney M. Young").
        // The lowercase "party" that `trim` added is no word of the tagger's name.
        let named = surface.strip_suffix(" party").unwrap_or(surface);
        // "since 5:45 A.M. German forces": a clock's "A.M.", no initials.
        let clock = ["A.M. ", "P.M. ", "a.m. ", "p.m. "]
            .iter()
            .any(|c| surface.starts_with(c));
        // "Sen. Rob Portman, R-Ohio": a party and a state after a lawmaker's name.
        let party_and_state = ["R-", "D-", "I-"].iter().any(|p| {
            named
                .strip_prefix(p)
                .is_some_and(|st| st.starts_with(char::is_uppercase))
        });
        // "the Avenida 9 de Julio", "25 de Mayo": a date in Spanish or Portuguese (a street's,
        // a town's, a day's name), no one's.
        let date_named = ["de ", "do ", "da "]
            .iter()
            .any(|de| surface.starts_with(de))
            && text[..pos - base]
                .strip_suffix(' ')
                .is_some_and(|before| before.ends_with(|c: char| c.is_ascii_digit()));
        if is_common_word(named)
            || clock
            || party_and_state
            || date_named
            || surface.contains(';')
            || is_law(surface)
            || !lowercase_words_fit(named, span.kind)
            || !characters_fit(named, span.kind)
        {
            continue;
        }
        // The segment's mentions this span overlaps, which the questions below look at.
        let overlapping: Vec<usize> = segment
            .near(pos, end)
            .filter(|&i| {
                let m = &art.mentions[i];
                !m.removed && m.pos < end && pos < m.end
            })
            .collect();
        let overlapped = || overlapping.iter().map(|&i| &art.mentions[i]);
        // The gazetteer's surname at the end of a longer person name the tagger found
        // ("Stoltenberg" of "Ivar Stoltenberg"), or at its start as a given name ("Sir
        // Humphrey Gibbs" is not Hubert Humphrey), or a listed full name ending in what is
        // also a given name that goes on with a surname ("John Howard Lawson" is not John
        // Howard; "Augusto Pinochet Ugarte" is Pinochet), or one word of it in the middle
        // ("Roosevelt" of "Jack Roosevelt Robinson"): the full name the article writes wins.
        let full_name_over_surname = span.kind == NerType::Per
            && surface.contains(' ')
            && overlapped().all(|m| {
                m.gazetteer
                    && m.kind == EntityKind::Person
                    && ((m.end == end && m.pos > pos)
                        || (m.pos > pos && m.end < end && !m.name.contains(' '))
                        || (m.pos == pos
                            && m.end < end
                            && (!m.name.contains(' ')
                                || words::goes_on_with_a_surname(
                                    m.name,
                                    &text[m.end - base..end - base],
                                ))))
            });
        // A longer name the tagger found around a gazetteer place ("AC Milan", "Inter
        // Milan", "Milan Kundera", "Jordan Henderson"): the place is a word of that name,
        // not where the story is; so is an event in an organisation's name.
        // So is a longer place "of" another ("Sea of Japan", "Community of Madrid") or named
        // after it as lakes, mountains and rivers are ("Lake Tanganyika", "Mount Kenya").
        // And a town named after a state or a city with a word of its own ("Colorado
        // Springs", "Virginia Beach", "Texas City", "Washington Heights"): not the state.
        let longer_place = span.kind == NerType::Loc
            && (surface.contains(" of ")
                || place_shaped(surface)
                || ends_in_a_town_s_word(surface));
        let name_around_place = (matches!(span.kind, NerType::Per | NerType::Org) || longer_place)
            && {
                let places: Vec<(usize, usize)> = overlapped()
                    .map(|m| {
                        // An organisation named after an event: "Guardians of the Islamic
                        // Revolution", "Veterans of Foreign Wars", and a campaign's aim:
                        // "the National Mobilization Committee to End the War in Vietnam".
                        let of_event = m.kind == EntityKind::Event
                            && span.kind == NerType::Org
                            && pos < m.pos
                            && (text[..m.pos - base].ends_with(" of the ")
                                || text[pos - base..m.pos - base].contains(" to "));
                        let inside = m.gazetteer
                            && (m.kind == EntityKind::Place || of_event)
                            && pos <= m.pos
                            && m.end <= end
                            && m.end - m.pos < end - pos;
                        inside.then_some((m.pos - base, m.end - base))
                    })
                    .collect::<Option<_>>()
                    .unwrap_or_default();
                !places.is_empty() && extends_places(text, (pos - base, end - base), &places)
            };
        // "FA Cup" around the archive table's "FA": the table yields to the tagger's
        // longer names as to every list.
        let name_around_table_alias = !overlapping.is_empty()
            && overlapped()
                .all(|m| m.archive && pos <= m.pos && m.end <= end && m.end - m.pos < end - pos);
        // Every overlapped mention a gazetteer name of `kind` strictly inside this span.
        let all_listed_inside = |kind: EntityKind| {
            !overlapping.is_empty()
                && overlapped().all(|m| {
                    m.gazetteer
                        && m.kind == kind
                        && pos <= m.pos
                        && m.end <= end
                        && m.end - m.pos < end - pos
                })
        };
        // "the Sayre County Republican Party", "the Barnsley FC Supporters' Club": a local
        // branch or a body of a listed organisation is an organisation of its own.
        let org_around_listed_org =
            span.kind == NerType::Org && all_listed_inside(EntityKind::Org) && {
                let first = overlapped().map(|m| m.pos).min().unwrap_or(pos);
                let last = overlapped().map(|m| m.end).max().unwrap_or(end);
                let before = text[pos - base..first - base].trim_end();
                let after = text[last - base..end - base].trim_start();
                // "the Stevenage Labour Party": a town's party.
                let town_s_party = surface.ends_with(" Party")
                    && !demonyms.is_demonyms(before)
                    && unknown_name(lex, before, art.when());
                // "the Canadian Labour Congress": two listed names side by side ("Labour",
                // "Congress") name neither.
                let mut listed: Vec<(usize, usize)> =
                    overlapped().map(|m| (m.pos - base, m.end - base)).collect();
                listed.sort_unstable();
                let side_by_side =
                    listed.len() >= 2 && listed.windows(2).all(|w| &text[w[0].1..w[1].0] == " ");
                // "the Senate Select Committee on Improper Activities in the Labor or
                // Management Field": a committee's remit may name other bodies.
                let remit = surface.contains(" on ") && ends_in_a_body(surface);
                local_place(before)
                    || town_s_party
                    || ends_in_a_body(after)
                    || side_by_side
                    || remit
            };
        // "the African National Congress", "the Ceylon Workers' Congress", "the Kenya
        // Federation of Labour": a name ending in a one-word head that the gazetteer reads as
        // one body ("Congress": the US Congress), or in such a name after a head and "of"
        // ("Labour": the Labour Party), with words of its own before it, is another
        // organisation ([`words_of_its_own`]).
        let org_around_listed_alias = span.kind == NerType::Org
            && overlapped().filter(|m| m.kind == EntityKind::Org).count() == 1
            && overlapped().all(|m| {
                m.gazetteer
                    && pos <= m.pos
                    && m.end <= end
                    && m.end - m.pos < end - pos
                    && match m.kind {
                        EntityKind::Org => {
                            m.end == end
                                && !m.name.contains(' ')
                                && m.canonical != m.name
                                && (words::is_org_head(m.name)
                                    || text[pos - base..m.pos - base]
                                        .strip_suffix(" of ")
                                        .and_then(|head| head.rsplit(' ').next())
                                        .is_some_and(words::is_of_head))
                        }
                        kind => kind == EntityKind::Place,
                    }
            })
            && {
                let listed: Vec<(usize, usize)> =
                    overlapped().map(|m| (m.pos - pos, m.end - pos)).collect();
                let person = |word: &str| {
                    lex.knows(EntityKind::Person, word, art.when()) || a_person_s_surname(word)
                };
                words_of_its_own(surface, &listed, person)
            };
        // "the Canadian Congress of Labour", "the Trades and Labour Congress of Canada",
        // "Westminster City Council": a body's name of three words or more whose listed
        // words are only one-word short names of other bodies ("Labour": the Labour Party;
        // "Congress": the US Congress; "Westminster": Parliament), after a nationality or
        // with a body's word of its own (and maybe "of" and a place), is a body of its own.
        // Not the short name as the head ("Congress of the United States"), nor a listed
        // full name ("the British Labour Party").
        let body_around_short_names = span.kind == NerType::Org
            && surface.split(' ').count() >= 3
            && !overlapping.is_empty()
            && {
                let short_name = |m: &Mention<'_>| {
                    m.gazetteer
                        && m.kind == EntityKind::Org
                        && !m.name.contains(' ')
                        && m.canonical != m.name
                        && pos <= m.pos
                        && m.end <= end
                };
                let first = overlapped().map(|m| m.pos).min().unwrap_or(pos);
                let led_by_nationality = first > pos
                    && demonyms.is_demonyms(text[pos - base..first - base].trim_end())
                    && overlapped().all(short_name);
                let head = surface
                    .split_once(" of ")
                    .map_or(surface, |(core, _)| core)
                    .rsplit(' ')
                    .next()
                    .unwrap_or("");
                let of_a_place = |m: &Mention<'_>| {
                    m.gazetteer
                        && m.kind == EntityKind::Place
                        && m.end == end
                        && pos < m.pos
                        && text[pos - base..m.pos - base].ends_with(" of ")
                };
                // Not a firm's fuller name ("Wal-Mart Stores Inc" is Walmart).
                let other_word = |m: &Mention<'_>| {
                    short_name(m)
                        && m.name != head
                        && !crate::enrich::entities::is_org_short_name_of(m.name, surface)
                };
                let headed_of_a_place = words::is_org_head(head)
                    && !fragments::is_legal_form(head)
                    && overlapped().any(other_word)
                    && overlapped().all(|m| other_word(m) || of_a_place(m));
                led_by_nationality || headed_of_a_place
            };
        // Named after it: the listed name ends before the span's own last word.
        let named_after = || overlapped().all(|m| m.end < end);
        // "Westminster Abbey", "Kremlin Square", "Admiralty House": a place named after what
        // the gazetteer knows as an organisation.
        let place_around_listed_org = span.kind == NerType::Loc
            && (place_shaped(surface)
                || surface.rsplit(' ').next().is_some_and(words::is_place_head))
            && all_listed_inside(EntityKind::Org)
            && named_after();
        // "Montgomery Ward & Co.", "Marks and Spencer Ltd": a firm named after a person, its
        // legal form says so.
        let firm_around_person = span.kind == NerType::Org
            && all_listed_inside(EntityKind::Person)
            && surface
                .rsplit(' ')
                .next()
                .is_some_and(fragments::is_legal_form);
        // "Prince William Sound", "King George Island": a place named after a person.
        let place_around_person = span.kind == NerType::Loc
            && place_shaped(surface)
            && all_listed_inside(EntityKind::Person)
            && named_after();
        // "the Lenin Shipyard", "Kennedy Airport": a facility named after a person.
        let facility_around_person = matches!(span.kind, NerType::Loc | NerType::Org)
            && whole_names::ends_in_facility(surface)
            && all_listed_inside(EntityKind::Person)
            && named_after();
        // "the Benson and Hedges World Series Cup", "World Series Cricket": another
        // competition named after a listed event (baseball's World Series), which the longer
        // name the tagger found wins over. Not a stage or an edition of the listed one ("World
        // Cup Final", "Super Bowl XX"): only a competition's own last word counts.
        let competition_around_listed_event = matches!(span.kind, NerType::Misc | NerType::Org)
            && all_listed_inside(EntityKind::Event)
            && overlapped().all(|m| m.pos == pos)
            && surface.rsplit(' ').next().is_some_and(|last| {
                matches!(
                    last,
                    "Cup" | "Trophy" | "Shield" | "Cricket" | "League" | "Series" | "Tournament"
                )
            });
        if full_name_over_surname
            || competition_around_listed_event
            || name_around_place
            || name_around_table_alias
            || facility_around_person
            || firm_around_person
            || place_around_person
            || org_around_listed_org
            || org_around_listed_alias
            || body_around_short_names
            || place_around_listed_org
        {
            for &i in &overlapping {
                art.mentions[i].removed = true;
            }
        } else if !overlapping.is_empty() {
            continue;
        }
        // "East Germans", "the Yugoslavs", "Belgian-Dutch" read as an organisation or a
        // place: a nationality, whose place the demonym pass adds (with its guards: "spoke
        // in Russian").
        if span.kind != NerType::Misc
            && (demonyms.is_demonyms(named) || people_of_a_place(lex, named, art.when()))
        {
            continue;
        }
        // An office, not an organisation: a portfolio after its title ("Secretary of State
        // for External Affairs"), the title with it ("Commissar for Foreign Affairs"), a
        // place and the title before its holder ("Alberta Premier Rachel Notley"); a listed
        // organisation still is one. So is a portfolio read as a place ("the Secretary of
        // State for Industry"), which a listed place is not ("Secretary of State for Wales").
        let office = match span.kind {
            NerType::Org => !lex.knows(EntityKind::Org, surface, art.when()),
            NerType::Loc => !lex.knows(EntityKind::Place, surface, art.when()),
            _ => false,
        };
        if office && words::names_an_office(&text[..pos - base], surface) {
            continue;
        }
        // "the space shuttle Challenger", "code-named Blue Star", "aboard the Akatsuki
        // Maru": a vessel or an operation's code name, whatever the tagger read.
        if words::vessel_or_code_name_before(&text[..pos - base]) || words::is_maru_ship(surface) {
            continue;
        }
        // "the AIDS drug AZT", "Retrovir, the AIDS drug", "Aquafresh toothpaste": a drug or
        // a product, not its maker, unless a list knows a body of that name.
        if span.kind != NerType::Per
            && words::names_a_product(&text[..pos - base], &text[end - base..])
            && !lex.knows(EntityKind::Org, surface, art.when())
        {
            continue;
        }
        // "'Ben-Hur' in 1960", "Earvin (Magic) Johnson": a work's title in quotes, a
        // nickname in brackets, unless a list knows the name or it heads an institution's
        // (the 1950s' "Central People's Government" in quotes).
        if span.kind != NerType::Per
            && words::quoted_title_or_nickname(text, pos - base, end - base)
            && !lex.lists(surface)
            && !fragments::ends_in_generic_head(surface)
            && !org_shaped(surface)
        {
            continue;
        }
        // "Marshal Stalin", "Mr. Washington": one word after a person's title is a person,
        // whatever the tagger read.
        let titled_word = !surface.contains(' ') && words::after_personal_title(text, pos - base);
        // The length of "Hurricane " right before the span, if a storm's word is there.
        let storm = words::storm_before(text, pos - base);
        let kind = match span.kind {
            // "the Battle of Britain", "the Treaty of Versailles", however the tagger read it.
            _ if words::is_led_event_name(surface) => EntityKind::Event,
            // "Hurricane Camille", "Cyclone Tracy": a storm's name, whatever the tagger read,
            // with the storm's word before it or inside the span.
            _ if storm > 0 && !surface.contains(' ') || words::names_a_storm(surface) => {
                EntityKind::Event
            }
            // "Black Monday", "Bloody Sunday", which the tagger reads as a place or a body.
            _ if words::names_a_day(surface) => EntityKind::Event,
            // "Operation Blue Star", unless a list knows a body of that name ("Operation
            // PUSH", "Operation Rescue").
            _ if words::names_an_operation(surface)
                && !lex.knows(EntityKind::Org, surface, art.when()) =>
            {
                EntityKind::Event
            }
            // "Frau Schmidt" read as a place: the honorific, now trimmed, said who; "the Earl
            // of Home" read as an organisation is a peer.
            NerType::Loc | NerType::Org | NerType::Misc
                if words::is_honorific_and_name(&text[span.start..span.end])
                    || words::is_peerage(surface) =>
            {
                EntityKind::Person
            }
            NerType::Loc | NerType::Org if titled_word => EntityKind::Person,
            // "West German Finance" of "West German Finance Minister Gerhard Stoltenberg": a
            // portfolio in a title, not a body.
            NerType::Org
                if portfolio_before_an_office(surface, &text[end - base..])
                    && !lex.knows(EntityKind::Org, surface, art.when()) =>
            {
                continue;
            }
            // "Albert W. Harris Jr." read as a body: a son's name.
            NerType::Loc | NerType::Org if person_names::with_a_generation(surface) => {
                EntityKind::Person
            }
            // "the coach Bela Karolyi", "their singer, Bono": a name after an occupation,
            // unless the name says or a list knows it is something else.
            NerType::Loc | NerType::Org
                if words::after_role_noun(text, pos - base)
                    && surface.split(' ').count() <= 3
                    // "The striker Stoke City signed": a club, not a name (nor a name the
                    // tagger's lists know as one, or with a club's, a body's, an event's or
                    // an award's word: "winners Academy Award").
                    && surface.split_once(' ').is_none_or(|(first, rest)| {
                        fragments::is_given_name(first)
                            || !(crate::enrich::ner::is_listed_organisation(surface)
                                || rest.split(' ').any(|w| {
                                    words::is_org_head(w)
                                        || words::is_event_head(w)
                                        || matches!(
                                            w,
                                            "Albion" | "Athletic" | "Award" | "City" | "FC"
                                                | "Medal" | "Prize" | "Rovers" | "Town"
                                                | "Trophy" | "United" | "Wanderers"
                                        )
                                }))
                    })
                    && !org_shaped(surface)
                    && !lex.lists(surface) =>
            {
                EntityKind::Person
            }
            // "the Richter scale", "the Mercalli scale": a measure named after its maker.
            NerType::Per if text[end - base..].starts_with(" scale") => continue,
            // Local streets and rivers the tagger has never seen look like "Joan Pritchett".
            NerType::Per if place_shaped(surface) => EntityKind::Place,
            // "the neighbourhood of La Boca", "the village of Sandy Hook".
            NerType::Per | NerType::Org
                if (after_a_place_noun(text, pos - base)
                    || before_a_place_noun(text, end - base))
                    && !lex.lists(surface) =>
            {
                EntityKind::Place
            }
            // "the Sheffield and Hallamshire Senior Cup": no one's name ends in such a word
            // (a horse's may end in "Games").
            NerType::Per if contest_shaped(surface) => EntityKind::Event,
            NerType::Per if org_shaped(surface) => EntityKind::Org,
            NerType::Per if listed_org(lex, surface, art.when()) => EntityKind::Org,
            NerType::Per if among_orgs[n] => EntityKind::Org,
            // "Franz Ferdinand won two awards": a band, as other articles of the archive say.
            NerType::Per if lex.archive_org(surface) => EntityKind::Org,
            // "the Green MEP", "the Green candidate": a party, as an adjective.
            NerType::Per if words::party_before_a_role(text, pos - base, end - base) => continue,
            // "the Al Nassr winger": a club, before a player's role.
            NerType::Per if words::club_before_a_role(text, pos - base, end - base) => {
                EntityKind::Org
            }
            // "over Lockerbie, Scotland": a town the tagger has never seen.
            // (One word: "Kate Winslet, England" in a cast list is the actress.)
            NerType::Per
                if !surface.contains(' ')
                    && town_of_a_region(lex, text, end - base, surface, art.when()) =>
            {
                EntityKind::Place
            }
            // "Arthur Andersen, which audited the books", "the pharmaceutical group
            // Hoffmann-La Roche": a firm named after its founder.
            NerType::Per
                if (words::firm_before_which(text, pos - base, end - base)
                    || words::firm_word_before(&text[..pos - base]))
                    && !lex.knows(EntityKind::Person, surface, art.when()) =>
            {
                EntityKind::Org
            }
            NerType::Per => EntityKind::Person,
            // "the Consumer Electronics Show", "the Brit Awards": what is held, not who.
            NerType::Org if event_shaped(surface, &text[..pos - base]) => EntityKind::Event,
            // "Avenue of Eternal Peace", "Tiananmen Square": a street or square.
            NerType::Org if street_shaped(surface) => EntityKind::Place,
            // "from Cape York to Cape Leeuwin", "aground on Bligh Reef".
            NerType::Org
                if (cape_or_lake_shaped(surface) || natural_feature_shaped(surface))
                    && !crate::enrich::ner::is_listed_organisation(surface)
                    && !lex.knows(EntityKind::Org, surface, art.when()) =>
            {
                EntityKind::Place
            }
            // "the Dasman Palace", "the Jakarta Convention Center": a building.
            NerType::Org
                if venue_shaped(surface)
                    && !crate::enrich::ner::is_listed_organisation(surface)
                    && !lex.knows(EntityKind::Org, surface, art.when()) =>
            {
                EntityKind::Place
            }
            // "Sayre County commissioners": a county, unless a list knows a club or firm of
            // that name ("Notts County").
            NerType::Org
                if county_shaped(surface)
                    && !crate::enrich::ner::is_listed_organisation(surface)
                    && !lex.knows(EntityKind::Org, surface, art.when()) =>
            {
                EntityKind::Place
            }
            NerType::Org
                if city_after_locative(lex, text, pos - base, surface, art.when(), || {
                    art.about_sport()
                }) =>
            {
                EntityKind::Place
            }
            NerType::Org
                if among_places[n] && city_not_club(lex, text, pos - base, surface, art.when()) =>
            {
                EntityKind::Place
            }
            NerType::Org if town_of_a_region(lex, text, end - base, surface, art.when()) => {
                EntityKind::Place
            }
            NerType::Org => EntityKind::Org,
            // "Columbia Records", "Columbia University" read as a place: the last word says a
            // body.
            NerType::Loc
                if org_shaped(surface) && !lex.knows(EntityKind::Place, surface, art.when()) =>
            {
                EntityKind::Org
            }
            NerType::Loc if court_of_law_shaped(surface) => EntityKind::Org,
            // "the Politburo", "the Cabinet" read as a place: an institution's head, which
            // the national pass reads as the story's country's.
            NerType::Loc if !surface.contains(' ') && fragments::ends_in_generic_head(surface) => {
                EntityKind::Org
            }
            NerType::Loc => EntityKind::Place,
            NerType::Misc => {
                // "the Games", "the Cup": a head word alone names no particular event.
                let last = event_head(surface);
                // "the European Convention on Human Rights": a treaty the tagger cut at its
                // subject, whose first half names nothing.
                let cut_at_subject = surface.ends_with("Convention")
                    && [" on ", " for "]
                        .iter()
                        .any(|on| text[end - base..].starts_with(on));
                let headed = last.len() < surface.len()
                    && words::is_event_head(last)
                    && !cut_at_subject
                    && !words::event_word_of_an_office(surface, &text[end - base..]);
                if lex.knows(EntityKind::Event, surface, art.when()) || headed {
                    EntityKind::Event
                } else {
                    continue;
                }
            }
        };
        // "the S&P 500", "the FTSE 100": an index or a model named after its maker; "shares
        // (ASCN)": a ticker.
        if kind == EntityKind::Org
            && (words::numbers_a_thing(&text[end - base..])
                || words::is_ticker(&text[..pos - base], surface, &text[end - base..]))
        {
            continue;
        }
        let pos = match kind {
            EntityKind::Event if storm > 0 => pos - storm,
            EntityKind::Event => base + nation_before(demonyms, text, base, pos - base, art),
            _ => pos,
        };
        let surface = &text[pos - base..end - base];
        let canonical = match surface.strip_suffix(" party") {
            Some(name) if kind == EntityKind::Org => Cow::Owned(
                lex.canonical_for(kind, &format!("{name} Party"), art.when())
                    .into_owned(),
            ),
            _ => lex.canonical_for(kind, surface, art.when()),
        };
        // "Congress" of "the Congress of Vienna": a listed short name the tagger cut off
        // before "of" heads a longer name, which takes the words after it (a place in them
        // is a word of the name).
        let longer = match kind {
            EntityKind::Org => words::heads_a_longer_name(surface, &canonical, &text[end - base..]),
            _ => 0,
        };
        let (end, surface, canonical) = if longer > 0 {
            let end = end + longer;
            for i in segment.near(pos, end).collect::<Vec<_>>() {
                let m = &mut art.mentions[i];
                if pos <= m.pos && m.end <= end && m.gazetteer {
                    m.removed = true;
                }
            }
            let surface = &text[pos - base..end - base];
            (end, surface, lex.canonical_for(kind, surface, art.when()))
        } else {
            (end, surface, canonical)
        };
        art.mentions.push(Mention::new(
            pos, end, kind, canonical, surface, surface, false,
        ));
        segment.add(&art.mentions, art.mentions.len() - 1);
    }
}

/// Whether the capitalised words of `name` before the last of its `listed` names (byte ranges
/// within `name`) make it a name of its own: one no list matched ("National" of "African
/// National Congress"), not all of them words that only qualify ("the National Congress",
/// "the Eightieth Congress": whose, the national pass reads), none of them a `person`'s ("the
/// Gingrich Congress"). "the British Labour Party" has no unlisted word: it is the party.
fn words_of_its_own(name: &str, listed: &[(usize, usize)], person: impl Fn(&str) -> bool) -> bool {
    let head = listed
        .iter()
        .map(|&(start, _)| start)
        .max()
        .unwrap_or(name.len());
    let before: Vec<(&str, bool)> = word_spans(name)
        .filter(|&(_, to)| to <= head)
        .map(|(from, to)| {
            let unlisted = !listed.iter().any(|&(s, e)| s <= from && to <= e);
            (&name[from..to], unlisted)
        })
        .filter(|(word, _)| word.starts_with(char::is_uppercase) && *word != "The")
        .collect();
    before.iter().any(|&(_, unlisted)| unlisted)
        && !before.iter().all(|&(word, _)| {
            fragments::is_generic_modifier(word) || super::events::is_ordinal(word)
        })
        && !before.iter().any(|&(word, _)| person(word))
}

/// The byte ranges of `name`'s words (split at spaces).
fn word_spans(name: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    name.split(' ').scan(0, |at, word| {
        let start = *at;
        *at += word.len() + 1;
        Some((start, start + word.len()))
    })
}

/// The mentions of one segment by position, so that finding those a span overlaps costs a
/// binary search, not a pass over the article's mentions (a long article names thousands).
struct SegmentMentions {
    /// (start, index into the article's mentions), sorted by start.
    by_start: Vec<(usize, usize)>,
    /// The longest mention's length: none starting before `pos - longest` reaches `pos`.
    longest: usize,
}

impl SegmentMentions {
    fn new(mentions: &[Mention<'_>], first: usize) -> Self {
        let mut segment = SegmentMentions {
            by_start: Vec::with_capacity(mentions.len().saturating_sub(first)),
            longest: 0,
        };
        for i in first..mentions.len() {
            segment.add(mentions, i);
        }
        segment
    }

    fn add(&mut self, mentions: &[Mention<'_>], i: usize) {
        let m = &mentions[i];
        self.longest = self.longest.max(m.end - m.pos);
        let at = self.by_start.partition_point(|&(start, _)| start <= m.pos);
        self.by_start.insert(at, (m.pos, i));
    }

    /// Indices of the mentions that may overlap `pos..end` (a superset: callers test).
    fn near(&self, pos: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
        let from = self
            .by_start
            .partition_point(|&(start, _)| start + self.longest <= pos);
        let to = self.by_start.partition_point(|&(start, _)| start < end);
        self.by_start[from..to].iter().map(|&(_, i)| i)
    }
}

/// Whether `name` is the people of a place the gazetteer knows, read as an organisation or
/// a place: "Berliners", "Londoners", "New Yorkers", "Parisians" (the place and "ers",
/// "ians" or "ites"). A city's people are no entity of their own.
fn people_of_a_place(lex: &Lexicon, name: &str, when: When<'_>) -> bool {
    ["ers", "ians", "ites"].iter().any(|suffix| {
        name.strip_suffix(suffix)
            .is_some_and(|place| place.len() > 2 && lex.knows(EntityKind::Place, place, when))
    })
}

/// The spans with an organisation's name the tagger cut made whole again:
/// - a company's name cut at its "and": "International Telephone" + "and" + "Telegraph
///   Corp." is one name. Two organisation spans joined by "and" or "&", the second one
///   capitalised word and a legal form, the first of two words or more with no legal form, no
///   organisation the gazetteer knows and not the last of a list ("IBM and Apple Inc.",
///   "Paramount, Universal and Warner Bros." stay apart);
/// - a name cut at "for": "the National Association for the" + "Advancement of Colored
///   People" (see [`words::name_before_for`]);
/// - a country's body cut after the country: "New Zealand" + "Rugby Football Union" (see
///   [`words::names_a_national_body`]);
/// - a firm of partners cut at its commas: "Kuhn" + ", " + "Loeb & Co.", "Merrill Lynch" +
///   "Pierce" + "Fenner & Beane" (see [`partners_before`]).
fn join_cut_names(
    lex: &Lexicon,
    text: &str,
    spans: &[TaggedSpan],
    when: When<'_>,
) -> Vec<TaggedSpan> {
    let mut out: Vec<TaggedSpan> = Vec::with_capacity(spans.len());
    for span in spans {
        // "the Palais" + "des Congrès", "the Champ" + "de Mars": a particle the tagger read
        // as a surname's, after a word no person's name starts with, is a place's.
        if span.kind == NerType::Per
            && let Some(back) = place_word_before_particle(text, span)
        {
            while out.last().is_some_and(|p| p.end > span.start - back) {
                out.pop();
            }
            out.push(TaggedSpan {
                start: span.start - back,
                kind: NerType::Loc,
                ..span.clone()
            });
            continue;
        }
        if span.kind == NerType::Org {
            let mut start = span.start - words::name_before_for(&text[..span.start]);
            if start == span.start {
                start = partners_before(lex, text, &out, span, when).unwrap_or(start);
            }
            if start < span.start {
                // The spans the longer name takes in.
                while let Some(prev) = out.last().filter(|p| p.end > start) {
                    start = start.min(prev.start);
                    out.pop();
                }
                out.push(TaggedSpan {
                    start,
                    ..span.clone()
                });
                continue;
            }
        }
        // "New Zealand" + "Rugby Football Union": a country's body the tagger cut after the
        // country's name.
        if let Some(prev) = out.last_mut()
            && prev.kind == NerType::Loc
            && span.kind == NerType::Org
            && text.get(prev.end..span.start) == Some(" ")
            && text
                .get(span.start..span.end)
                .is_some_and(words::names_a_national_body)
            && text
                .get(prev.start..prev.end)
                .is_some_and(|place| lex.knows(EntityKind::Place, place, when))
        {
            prev.end = span.end;
            prev.kind = NerType::Org;
            continue;
        }
        if let Some(prev) = out.last_mut()
            && prev.kind == NerType::Org
            && span.kind == NerType::Org
            && matches!(text.get(prev.end..span.start), Some(" and " | " & "))
            && let (Some(first), Some(second)) = (
                text.get(prev.start..prev.end),
                text.get(span.start..span.end),
            )
            && let Some((word, form)) = second.split_once(' ')
            && word.starts_with(char::is_uppercase)
            && fragments::is_legal_form(form)
            && !first
                .split(' ')
                .any(|w| fragments::is_legal_form(w.trim_end_matches(',')))
            && first.contains(' ')
            && !text[..prev.start].ends_with(", ")
            && !lex.knows(EntityKind::Org, first, when)
        {
            prev.end = span.end;
            continue;
        }
        out.push(span.clone());
    }
    out
}

/// The length of "CIO " in "the CIO United Auto Workers", "the AFL Teamsters": a listed
/// federation's acronym before a member union's name, which the tagger reads as one body
/// and the federation's listed acronym then takes whole. The union is named by capitalised
/// words ending in a plural ("Workers", "Teamsters") or "Union"; the acronym keeps its own
/// mention. 0 when `name` is no such pair ("TUC General Council" is the TUC's council).
fn affiliation_before_a_union(lex: &Lexicon, name: &str, when: When<'_>) -> usize {
    let Some((acronym, union)) = name.split_once(' ') else {
        return 0;
    };
    let federation = acronym.len() >= 2
        && acronym
            .chars()
            .all(|c| c.is_ascii_uppercase() || c == '-' || c == '.')
        && lex.knows(EntityKind::Org, acronym, when)
        && {
            let canonical = lex.canonical_for(EntityKind::Org, acronym, when);
            ["Federation", "Confederation", "Congress"]
                .iter()
                .any(|word| canonical.contains(word))
        };
    let last = union.rsplit(' ').next().unwrap_or(union);
    let members = (last.len() >= 5 && last.ends_with('s') && !last.ends_with("'s"))
        || matches!(last, "Union" | "Brotherhood");
    let capitalised = union.split(' ').all(|w| w.starts_with(char::is_uppercase));
    if federation && members && capitalised {
        acronym.len() + 1
    } else {
        0
    }
}

/// The length of "Palais " before a person's span "des Congrès" that starts with a lowercase
/// name particle: one capitalised word of letters, no given name, title, honorific or
/// sentence opener ("Charles de Gaulle", "General de Gaulle", "Mr. de Klerk" are persons).
fn place_word_before_particle(text: &str, span: &TaggedSpan) -> Option<usize> {
    let name = &text[span.start..span.end];
    let (particle, _) = name.split_once(' ')?;
    if !particle.starts_with(char::is_lowercase) || !words::is_particle(particle) {
        return None;
    }
    let before = text[..span.start].strip_suffix(' ')?;
    let word = before.rsplit([' ', '\n']).next()?;
    let place_word = word.chars().count() > 2
        && word.starts_with(char::is_uppercase)
        && word.chars().skip(1).all(char::is_lowercase)
        && !fragments::is_given_name(word)
        && !fragments::is_title(word)
        && !words::is_honorific(word)
        && !words::is_stopword(word)
        && before[..before.len() - word.len()]
            .trim_end()
            .ends_with(|c: char| c.is_alphabetic() || c == ',');
    place_word.then_some(word.len() + 1)
}

/// `spans` with a nationality the tagger read apart from the body's name after it made one
/// body's span: "Canadian" + "Labour" + "Congress", "Canadian" + "Congress" + " of " +
/// "Labour". Only for a name of three words or more whose body's part no list knows: "the
/// British Labour Party" is the listed party, "the Canadian Parliament" the national pass's.
fn nationality_and_body(
    lex: &Lexicon,
    demonyms: &Demonyms,
    text: &str,
    spans: Vec<TaggedSpan>,
    when: When<'_>,
) -> Vec<TaggedSpan> {
    let mut out = Vec::with_capacity(spans.len());
    let mut i = 0;
    while i < spans.len() {
        let span = &spans[i];
        let nationality = span.kind == NerType::Misc
            && !text[span.start..span.end].contains(' ')
            && demonyms.is_demonyms(&text[span.start..span.end]);
        let mut last = i;
        while nationality
            && let Some(next) = spans.get(last + 1)
            && next.kind == NerType::Org
            && matches!(text.get(spans[last].end..next.start), Some(" " | " of "))
            && (last > i || text.get(spans[last].end..next.start) == Some(" "))
        {
            last += 1;
        }
        // (Nor a body's name that has its nationality already: "British British Casino
        // Association", a slip of the text.)
        if last > i
            && text[span.start..spans[last].end].split(' ').count() >= 3
            && !lex.knows(
                EntityKind::Org,
                &text[spans[i + 1].start..spans[last].end],
                when,
            )
            && !text[spans[i + 1].start..]
                .split(' ')
                .next()
                .is_some_and(|word| demonyms.is_demonyms(word))
        {
            out.push(TaggedSpan {
                start: span.start,
                end: spans[last].end,
                kind: NerType::Org,
                doubtful: false,
            });
            i = last + 1;
        } else {
            out.push(span.clone());
            i += 1;
        }
    }
    out
}

/// Where a firm of partners' name starts that the tagger cut at its commas, when `span` is
/// its last part ("Loeb & Co.", "Fenner & Beane": one word, "&", a word): the spans before
/// it, each one or two capitalised words ([`words::is_partner_name`]) joined by ", ", of
/// any kind but MISC (the tagger reads a partner as a person, a firm or a place), none an
/// organisation or place the gazetteer knows ("Unilever, Procter & Gamble" is a list). A name of
/// two partners must end in a legal form ("Kuhn, Loeb & Co."); "Gallup, Roper and Crossley"
/// has no "&" and stays apart.
fn partners_before(
    lex: &Lexicon,
    text: &str,
    out: &[TaggedSpan],
    span: &TaggedSpan,
    when: When<'_>,
) -> Option<usize> {
    let last = &text[span.start..span.end];
    let (partner, rest) = last.split_once(" & ")?;
    if partner.contains(' ') || rest.split(' ').count() > 1 {
        return None;
    }
    let mut start = span.start;
    let mut pieces = 0;
    for prev in out.iter().rev() {
        let piece = &text[prev.start..prev.end];
        if text.get(prev.end..start) != Some(", ")
            || prev.kind == NerType::Misc
            || !words::is_partner_name(piece)
        {
            break;
        }
        if [EntityKind::Org, EntityKind::Place]
            .into_iter()
            .any(|kind| lex.knows(kind, piece, when))
        {
            // "Merrill Lynch, Pierce, Fenner & Beane": the listed firm's longer name, which
            // its own mention then takes.
            if pieces > 0 && prev.kind == NerType::Org {
                return Some(prev.start);
            }
            break;
        }
        start = prev.start;
        pieces += 1;
    }
    let legal_form = fragments::is_legal_form(rest);
    (pieces >= 2 || (pieces == 1 && legal_form)).then_some(start)
}

/// Whether `text[start..end]` is only letters for an office or an honour after a person's
/// name ("Mr. Sebag Shaw, Q.C.", "Captain Ross, V.C., M.C."), which the tagger reads as a
/// place as it reads "D.C." of "Washington, D.C.". The person is a span of `before` (the
/// spans ahead of this one) that the tagger read as one or that opens with a title; "Columbia,
/// S.C." is a place.
fn letters_after_a_person(text: &str, before: &[TaggedSpan], start: usize, end: usize) -> bool {
    if !text[start..end].split(' ').all(words::is_post_nominal) {
        return false;
    }
    let mut rest = &text[..start];
    loop {
        let trimmed = rest.trim_end_matches([' ', ',']);
        match trimmed.rsplit_once(' ') {
            Some((head, word)) if words::is_post_nominal(word) => rest = head,
            _ => {
                rest = trimmed;
                break;
            }
        }
    }
    before.iter().rev().take(3).any(|s| {
        s.end == rest.len()
            && (s.kind == NerType::Per
                || words::is_honorific_and_name(&text[s.start..s.end])
                || words::is_peerage(&text[s.start..s.end]))
    })
}

/// Per span: a one-word person the tagger found in a list of three or more names whose
/// other names are all organisations ("Astrobotic, Deep Space Systems, Draper, Firefly
/// Aerospace": a company).
fn persons_listed_among_orgs(text: &str, spans: &[TaggedSpan]) -> Vec<bool> {
    let mut out = vec![false; spans.len()];
    for (first, list) in name_lists(text, spans) {
        let persons = list.iter().filter(|s| s.kind == NerType::Per).count();
        if list.len() >= 3
            && list
                .iter()
                .all(|s| matches!(s.kind, NerType::Per | NerType::Org))
            && persons == 1
        {
            for (k, span) in list.iter().enumerate() {
                let one_word = !text[span.start..span.end].contains(' ');
                out[first + k] = span.kind == NerType::Per && one_word;
            }
        }
    }
    out
}

/// Per span: a one-word organisation the tagger found in a list of names that are otherwise
/// places a list knows, no fewer of them than of organisations ("between Sydney, Melbourne,
/// Brisbane, Adelaide and Perth", "the working men of Brisbane and Melbourne": the tagger read
/// one city as a 1996 football club). A list has an "and" (or "&"), and is not two names
/// joined by "or": "a home tie with either Hartlepool or Boston" is a draw's two clubs. The
/// caller checks that the word is a city.
fn orgs_listed_among_places(
    lex: &Lexicon,
    text: &str,
    spans: &[TaggedSpan],
    when: When<'_>,
) -> Vec<bool> {
    let known_place = |s: &TaggedSpan| {
        let name = &text[s.start..s.end];
        fragments::is_city(name) || lex.knows(EntityKind::Place, name, when)
    };
    let mut out = vec![false; spans.len()];
    for (first, list) in name_lists(text, spans) {
        let places = list.iter().filter(|s| s.kind == NerType::Loc).count();
        let orgs = list.iter().filter(|s| s.kind == NerType::Org).count();
        // "in Spain, Veracruz will be": a comma alone ends a clause as often as it lists.
        let between = |w: &[TaggedSpan]| &text[w[0].end..w[1].start];
        let and = list
            .windows(2)
            .any(|w| between(w).contains("and") || between(w).contains('&'));
        let alternatives = list.len() == 2 && between(list).contains("or");
        if list.len() >= 2
            && places + orgs == list.len()
            && places >= orgs.max(1)
            && and
            && !alternatives
            && list
                .iter()
                .all(|s| s.kind != NerType::Loc || known_place(s))
        {
            for (k, span) in list.iter().enumerate() {
                let one_word = !text[span.start..span.end].contains(' ');
                out[first + k] = span.kind == NerType::Org && one_word;
            }
        }
    }
    out
}

/// The lists among `spans`: runs of names joined by ", ", " and ", ", and ", "&" or "or",
/// each with the index of its first span.
fn name_lists<'s>(
    text: &str,
    spans: &'s [TaggedSpan],
) -> impl Iterator<Item = (usize, &'s [TaggedSpan])> {
    let joined = |a: &TaggedSpan, b: &TaggedSpan| {
        a.end <= b.start
            && matches!(
                text.get(a.end..b.start),
                Some(", " | " and " | ", and " | " & " | ", & " | " or " | ", or ")
            )
    };
    let mut first = 0;
    std::iter::from_fn(move || {
        if first >= spans.len() {
            return None;
        }
        let mut last = first;
        while last + 1 < spans.len() && joined(&spans[last], &spans[last + 1]) {
            last += 1;
        }
        let list = (first, &spans[first..=last]);
        first = last + 1;
        Some(list)
    })
}

/// Whether a place's name ends in a word that makes a town or district of another place's
/// name ("Colorado Springs", "Miami Beach", "Niagara Falls", "Jersey City", "Golan
/// Heights", "Beverly Hills", "Grand Rapids"). Only for what the tagger read as a place:
/// "Michael Bay" and "Adam Beach" are persons. "City" after a state's or an island's name
/// ("Texas City", "Jersey City"), not after a city's: "Birmingham City" and "Karachi City"
/// are a club and the city itself.
fn ends_in_a_town_s_word(surface: &str) -> bool {
    const TOWN_WORDS: &[&str] = &[
        "Bay", "Beach", "Creek", "Falls", "Gardens", "Harbor", "Harbour", "Heights", "Hills",
        "Junction", "Park", "Rapids", "Springs", "Valley",
    ];
    surface.rsplit_once(' ').is_some_and(|(before, last)| {
        // In capitals too: a dateline's "MIAMI BEACH, Fla.".
        let is = |word: &str| last.eq_ignore_ascii_case(word);
        TOWN_WORDS.iter().any(|w| is(w)) || (is("City") && !fragments::is_city(before))
    })
}

/// Whether the span `(start, end)` of `text` makes a name of its own out of the places inside
/// it: some word outside them ("AC Milan", "Milan Kundera", "Sierra Nevada Corporation"), and
/// not a place followed only by common words ("US TV", "London Newsroom") or places joined
/// by a hyphen ("US-China").
fn extends_places(text: &str, (start, end): (usize, usize), places: &[(usize, usize)]) -> bool {
    let mut rest = Vec::new();
    let mut offset = start;
    for word in text[start..end].split([' ', '-']) {
        let inside = places
            .iter()
            .any(|&(s, e)| s <= offset && offset + word.len() <= e);
        if !inside && word.contains(char::is_alphanumeric) {
            rest.push(word);
        }
        offset += word.len() + 1;
    }
    let place_then_common_words =
        places.iter().any(|&(s, _)| s == start) && rest.iter().all(|w| is_common_word(w));
    !rest.is_empty() && !place_then_common_words
}

/// Where an event's name starts when the nationality word right before the tagger's span
/// belongs to it: "the Spanish Super Cup", "the Italian National Championship" (every country
/// holds one; the tagger often leaves the nationality out, as a name of its own). Not before
/// a name of its own: "the Australian Davis Cup team" plays in the Davis Cup.
fn nation_before(
    demonyms: &Demonyms,
    text: &str,
    base: usize,
    start: usize,
    art: &ArticleState<'_>,
) -> usize {
    const GENERIC_FIRST: &[&str] = &["Grand", "Indoor", "League", "National", "Premier", "Super"];
    let first = text[start..].split(' ').next().unwrap_or("");
    let Some(before) = text[..start]
        .strip_suffix(' ')
        .filter(|_| GENERIC_FIRST.contains(&first))
    else {
        return start;
    };
    let word_start = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let word = &before[word_start..];
    let covered = art
        .mentions
        .iter()
        .any(|m| !m.removed && m.pos < base + start && base + word_start < m.end);
    if word.starts_with(char::is_uppercase) && demonyms.is_demonym(word) && !covered {
        word_start
    } else {
        start
    }
}

/// Whether the lowercase words inside a span are ones names have: particles in persons
/// ("Ludwig van Beethoven"), connecting words in the rest ("Bank of England", "Council on
/// Foreign Relations"). The tagger sometimes stretches a span over a clause when it cannot
/// close it ("the Bill passes through the two Houses" as one person).
fn lowercase_words_fit(surface: &str, kind: NerType) -> bool {
    let allowed = |w: &str| match kind {
        NerType::Per => words::is_particle(w),
        // "the AIDS Coalition to Unleash Power": a campaign's aim after its body's word.
        NerType::Org if w == "to" => words::campaign_s_aim(surface),
        _ => NAME_CONNECTORS.binary_search(&w).is_ok(),
    };
    surface
        .split(' ')
        .filter(|w| w.starts_with(char::is_lowercase))
        // "al-Assad", "el-Sisi", "d'Estaing": the particle is what comes before the hyphen
        // or the apostrophe of its elision.
        .map(|w| w.split(['-', '\'', '\u{2019}']).next().unwrap_or(w))
        .all(allowed)
}

/// "The First Amendment", "the Patriot Act", "the Federal Bankruptcy Code": a law is none of
/// the four kinds, whatever the tagger calls it (a treaty or an accord, which parties sign,
/// is an event).
fn is_law(surface: &str) -> bool {
    // "the Civil Rights Act of 1964": its year after it.
    let name = match surface.rsplit_once(" of ") {
        Some((name, year)) if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => surface,
    };
    name.rsplit_once(' ').is_some_and(|(_, last)| {
        matches!(last, "Act" | "Acts" | "Amendment" | "Amendments" | "Code")
    })
}

/// Whether a span's characters can make a name of its kind. No name holds markup or
/// handles ("Art Director_Park Dong Woo", "Review [Video", "@trevorjd14"); a person's name
/// holds no digits ("MacBook 256GB", "64GB Wi-Fi": product listings in shopping pages) and
/// no capital inside a word unless after a name prefix ("McCain", "DeSantis", "LeBron",
/// not "PlayStation" or "HomeKit"). Organisations keep digits and inner capitals ("3M",
/// "YouTube").
fn characters_fit(surface: &str, kind: NerType) -> bool {
    const MARKUP: [char; 12] = ['_', '[', ']', '{', '}', '<', '>', '@', '#', '|', '=', '\\'];
    // Masked ("An** Fe*****"), sums and symbols: in no one's name.
    const NOT_IN_PERSONS: [char; 8] = ['*', '/', '+', '%', '$', '\u{20AC}', '\u{A3}', '&'];
    if surface.contains(MARKUP) {
        return false;
    }
    kind != NerType::Per
        || (!surface.contains(|c: char| c.is_ascii_digit() || NOT_IN_PERSONS.contains(&c))
            && surface.split([' ', '-']).all(inner_capital_fits))
}

/// A capital after a lowercase letter inside a word is a name's second part only after a
/// surname or given-name prefix: "Mc", "Mac", "Fitz", a name particle ("De", "Di", "Van"),
/// or the "La", "Ja", "Ke" of given names like LaToya, JaVale, KeShawn.
fn inner_capital_fits(word: &str) -> bool {
    const PREFIXES: [&str; 9] = ["fitz", "ja", "ka", "ke", "mac", "mc", "ru", "sha", "ty"];
    let mut previous_lower = false;
    for (i, c) in word.char_indices() {
        if c.is_uppercase() && previous_lower {
            let prefix = word[..i].to_lowercase();
            return crate::enrich::ner::is_name_particle(&prefix)
                || PREFIXES.contains(&prefix.as_str());
        }
        previous_lower = c.is_lowercase();
    }
    true
}

#[rustfmt::skip]
const NAME_CONNECTORS: &[&str] = &[
    "al", "and", "at", "bin", "da", "das", "de", "del", "der", "des", "di", "do", "dos", "du",
    "el", "for", "in", "la", "le", "of", "on", "the", "upon", "van", "von", "y",
];

/// Capitalised words that name no person, organisation or place on their own, though the
/// tagger sometimes takes them for one: abbreviations of common nouns ("the MP said", "on
/// DVD", "an SUV", "over Bluetooth"), which look like acronyms, and holidays and shopping
/// days ("sales before Christmas", "Black Friday deals").
fn is_common_word(surface: &str) -> bool {
    COMMON_WORDS.binary_search(&surface).is_ok() || is_clock_time(surface)
}

/// "AM EST", "P.M.", "GMT", "Central Standard Time": times of day and zones, each word one
/// of them, or a zone's name.
fn is_clock_time(surface: &str) -> bool {
    if ["Standard Time", "Daylight Time", "Summer Time"]
        .iter()
        .any(|zone| surface.ends_with(zone))
    {
        return true;
    }
    const CLOCK: &[&str] = &[
        "AM", "BST", "CDT", "CEST", "CET", "CST", "EDT", "EST", "ET", "GMT", "IST", "JST", "MDT",
        "MST", "PDT", "PM", "PST", "PT", "UTC",
    ];
    surface
        .split(' ')
        .all(|w| CLOCK.binary_search(&w.replace('.', "").as_str()).is_ok())
}

#[rustfmt::skip]
const COMMON_WORDS: &[&str] = &[
    "3G", "4G", "5G", "AC", "AI", "AM", "API", "APIs", "ATM", "ATMs", "Black Friday", "Bluetooth",
    "Boxing Day", "CD", "CDs", "CEO", "CEOs", "CFO", "COO", "CPU", "CPUs", "CTO", "Christmas",
    "Cyber Monday", "DNA", "DVD", "DVDs", "Diwali", "ETF", "ETFs", "EV", "EVs", "Easter", "Eid",
    "FM", "GDP", "GMT", "GPS", "GPU", "GPUs", "Good Friday", "HD", "HDMI", "HDR", "HIV", "HQ",
    "Halloween", "Hanukkah", "ID", "IPO", "IPOs", "IT", "LCD", "LED", "LTE", "Labor Day", "MEP",
    "MEPs", "MP", "MP3", "MPs", "Memorial Day", "NFT", "NFTs", "Newsroom", "OLED", "OS", "PC",
    "PCs", "PDF", "PIN", "PM", "Prime Day", "RAM", "Ramadan", "SIM", "SMS", "SSD", "SSDs", "SUV",
    "SUVs", "TV", "Thanksgiving", "UFO", "URL", "USB", "USB-C", "VAT", "VPN", "VR",
    "Valentine's Day", "Wi-Fi",
];

/// A wire dateline's place and its date and credit: "BEIJING" and ", Feb 24 (Continental
/// Wire)" in "BEIJING, Feb 24 (Continental Wire) - ...". The tagger reads such a line as a
/// sentence and finds names in it ("Wire" a place, "Feb" an organisation), but the date is no
/// name and the credit is where the copy came from, not what it is about; the place before
/// the comma is a place (see `place_of_dateline`). Gazetteer hits are unaffected ("(Reuters)"
/// is still Reuters). Looks at the first three non-empty lines, like the dateline dates
/// (`enrich::dates`), and needs a dash after the credit, a capitalised place of at most five
/// words first, and a digit or a parenthesis after the place.
pub(super) fn dateline(text: &str) -> Option<Dateline> {
    let mut offset = 0;
    let mut seen = 0;
    for line in text.split('\n') {
        let start = offset + (line.len() - line.trim_start().len());
        offset += line.len() + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        seen += 1;
        if seen > 3 {
            break;
        }
        let Some(dash) = [
            " - ",
            " -- ",
            " \u{2014} ",
            " \u{2013} ",
            " \u{2014}",
            " \u{2013}",
        ]
        .iter()
        .filter_map(|d| line.find(d))
        .min()
        .filter(|&d| d <= 100) else {
            continue;
        };
        let head = &line[..dash];
        let Some(place_end) = head.find([',', '(']) else {
            continue;
        };
        let place = head[..place_end].trim();
        let tail = &head[place_end..];
        let place_ok = !place.is_empty()
            && place.split_whitespace().count() <= 5
            && place
                .split_whitespace()
                .all(|w| w.starts_with(char::is_uppercase));
        let tail_ok =
            tail.len() <= 70 && (tail.contains(|c: char| c.is_ascii_digit()) || tail.contains('('));
        if place_ok && tail_ok {
            // A place only where the line is surely a dateline: the place in capitals, a
            // month or a credit after it ("Unadjusted, the figures rose 206,900 to 4.6
            // million - ..." is a sentence).
            let sure = !place.chars().any(char::is_lowercase)
                || tail.contains('(')
                || tail
                    .split([' ', ',', '.'])
                    .any(crate::enrich::dates::is_month_name);
            return Some(Dateline {
                place: sure.then_some((start, start + head[..place_end].trim_end().len())),
                credit: (start + place_end, start + dash),
            });
        }
    }
    None
}

/// Where a wire dateline's parts are, as byte ranges of the segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Dateline {
    /// The place before the first comma ("PUNTA DEL ESTE"), when the line is surely a
    /// dateline.
    pub(super) place: Option<(usize, usize)>,
    /// The date and credit after it, up to the dash (", Sept 20 (Reuters)").
    pub(super) credit: (usize, usize),
}

/// The dateline's place is a place, whole, whatever the tagger made of its capitals ("PUNTA
/// DEL ESTE" came out as a person "DEL ESTE"): the spans inside it become one place span, or
/// one is added where the tagger found nothing (a gazetteer hit there still wins).
fn place_of_dateline(spans: &mut Vec<TaggedSpan>, (start, end): (usize, usize)) {
    let inside = |s: &TaggedSpan| s.start < end && start < s.end;
    let at = spans.iter().position(inside).unwrap_or_else(|| {
        spans
            .iter()
            .position(|s| s.start >= end)
            .unwrap_or(spans.len())
    });
    spans.retain(|s| !inside(s));
    spans.insert(
        at,
        TaggedSpan {
            start,
            end,
            kind: NerType::Loc,
            doubtful: false,
        },
    );
}

/// Byte ranges of the multi-word MISC spans ("Chinese New Year"): names that are no entity
/// here but whose words are not entities of their own either.
pub(super) fn multiword_misc(text: &str, spans: &[TaggedSpan]) -> Vec<(usize, usize)> {
    spans
        .iter()
        .filter(|s| s.kind == NerType::Misc && text[s.start..s.end].contains(' '))
        .map(|s| (s.start, s.end))
        .collect()
}

/// Whether `word` (after `previous`) opens a person's span without being part of the name:
/// a title ("Mayor Denise Okafor"; nobles keep theirs, "King Charles III"), the second word
/// of Malaysia's "Datuk Seri", or a description opening a sentence with its later parts in
/// lower case ("Cricketer-turned-politician Imran Khan", "Co-founder Ann Lee"; not
/// "Douglas-Home", nor Korean given names of one lowercase part, "Se-ri Pak").
fn leads_off_a_name(previous: &str, word: &str) -> bool {
    let second_of_title = matches!(previous, "Datuk" | "Dato") && word == "Seri";
    let description = word.split_once('-').is_some_and(|(first, rest)| {
        let lowercase = rest
            .split('-')
            .all(|p| !p.is_empty() && p.chars().all(char::is_lowercase));
        lowercase && (rest.contains('-') || matches!(first, "Co" | "Ex" | "Vice"))
    });
    // "Lieutenant-Colonel", "Major-General", "Captain-General": ranks joined by a hyphen.
    let joined_ranks = word.split_once('-').is_some_and(|(first, rest)| {
        words::is_title_cue(first)
            && rest
                .split('-')
                .all(|p| words::is_title_cue(p) || p == "Major")
    });
    second_of_title
        || description
        || joined_ranks
        || (words::is_title_cue(word) && !words::is_noble(word))
}

/// Whether `text` opens a name with an initial other than "M." ("N. Hussain", "J. Edgar
/// Hoover"; not the middle initial of "Frank B. Kellogg"): then its "M." is an initial too.
fn writes_initials(text: &str) -> bool {
    text.match_indices(". ").any(|(at, _)| {
        let Some(letter) = text[..at].chars().next_back() else {
            return false;
        };
        let before = &text[..at - letter.len_utf8()];
        let opens_a_name = before.is_empty()
            || before.ends_with('(')
            || before.strip_suffix(' ').is_some_and(|b| {
                !b.rsplit([' ', '\n'])
                    .next()
                    .is_some_and(|w| w.starts_with(char::is_uppercase))
            });
        letter.is_ascii_uppercase()
            && letter != 'M'
            && opens_a_name
            && text[at + 2..].starts_with(char::is_uppercase)
    })
}

/// The span without a leading title ("Mayor Denise Okafor" is Denise Okafor; nobles keep
/// theirs, as "King Charles III" is the name) or a sentence's full stop caught at its end;
/// `initials`: whether the text opens names with initials ([`writes_initials`]).
fn trim(text: &str, span: &TaggedSpan, initials: bool) -> (usize, usize) {
    let (mut start, mut end) = (span.start, span.end);
    // "Jones, Q.C. Mr. Tom Driberg": the last word of a sentence naming counsel ran into the
    // next one's title and name (not the initials of "Carnegie, J.P. Morgan and"); "John
    // Mortimer QC", "Sir Geoffrey Howe QC MP": letters after a person's name are no words of
    // it (but "K.C." may be a Nepali surname).
    while let Some((first, rest)) = text[start..end].split_once(' ')
        && text[..start].ends_with(", ")
        && first.contains('.')
        && words::is_post_nominal(first)
        && rest
            .split(' ')
            .next()
            .is_some_and(|word| words::is_honorific(word) || word == "Sir")
    {
        start += first.len() + 1;
    }
    if span.kind == NerType::Per {
        while let Some((rest, last)) = text[start..end].rsplit_once(' ')
            && !last.contains('.')
            && words::is_post_nominal(last)
        {
            end = start + rest.trim_end_matches(',').len();
        }
    }
    if span.kind == NerType::Per || words::is_honorific_and_name(&text[start..end]) {
        let mut previous = "";
        while let Some(space) = text[start..end].find(' ') {
            let written = &text[start..start + space];
            let word = written.trim_end_matches('.');
            // "M. Chirac", "M. Alain Juppé": British and European copy's "Monsieur", not an
            // initial, unless another initial follows ("M. G. Ramachandran") or the text
            // writes others' initials ("M. Atherton, N. Hussain": a scorecard's).
            let monsieur = written == "M."
                && previous.is_empty()
                && !person_names::is_initial(
                    text[start + space + 1..].split(' ').next().unwrap_or(""),
                )
                && !initials;
            if !(monsieur || leads_off_a_name(previous, word)) {
                break;
            }
            previous = word;
            start += space + 1;
        }
        // "Valery Giscard d'Estaing": the tagger stops before the particle's elision.
        if let Some(rest) = text[end..]
            .strip_prefix(" d'")
            .or_else(|| text[end..].strip_prefix(" d\u{2019}"))
            && rest.starts_with(char::is_uppercase)
        {
            let word = rest
                .find(|c: char| !(c.is_alphabetic() || c == '-'))
                .unwrap_or(rest.len());
            end = text.len() - rest.len() + word;
        }
    }
    // "the U.S. Attorney's Office for the Western District of New York" is one name, whether
    // the tagger found the office or the district.
    if span.kind == NerType::Org {
        // "the de Havilland Aircraft Co.": a founder's particle the tagger left out (not
        // "the rue de Lille").
        if let Some(before) = ["de ", "van ", "von "]
            .into_iter()
            .find_map(|p| text[..start].strip_suffix(p)?.strip_suffix(' '))
            && before
                .rsplit(' ')
                .next()
                .is_some_and(|w| matches!(w, "the" | "The" | "a" | "an"))
        {
            start = before.len() + 1;
        }
        start -= words::formation_ordinal_before(&text[..start], &text[start..end]);
        end += words::district_after(&text[end..]);
        let district = text[start..end]
            .split(' ')
            .any(|w| matches!(w, "District" | "Circuit"));
        if district {
            start -= words::office_before(&text[..start]);
        }
        end += words::name_after_for(&text[start..end], &text[end..]);
        end += words::name_after_to(&text[start..end], &text[end..]);
        end += words::name_after_people_s(&text[start..end], &text[end..]);
        end += words::members_after_and(&text[start..end], &text[end..]);
    }
    if matches!(span.kind, NerType::Org | NerType::Misc) {
        end += words::summit_name_after(&text[start..end], &text[end..]);
    }
    // "the Cabinet of Prince Konoye": the tagger stopped at the title of the person whose
    // cabinet it is, which is no word of the name; "the Liberal Party of Jeremy Thorpe" took
    // the leader's name in. ("the Ministry of Justice" names no judge.)
    if span.kind == NerType::Org
        && let Some(of) = text[start..end].rfind(" of ")
        && let after_of = text[start + of + 4..end].trim_end_matches('.')
        && ((words::is_title_cue(after_of) && after_of != "Justice")
            || words::is_noble(after_of)
            || after_of == "Baron"
            || leader_of_a_body(&text[start..start + of], after_of))
    {
        end = start + of;
    }
    // "the Central Committee of the": the tagger ran on into the next name's article.
    for tail in [" of the", " of", " and", " the"] {
        if text[start..end].ends_with(tail) && end - tail.len() > start {
            end -= tail.len();
        }
    }
    // "the American Independent party": the tagger stops before a lowercase "party" that
    // is part of a name made of adjectives (an organisation's only: "the Soviet party" is no
    // name; "the Likud party" is the Likud).
    const ADJECTIVE_ENDINGS: &[&str] = &["al", "an", "ary", "ent", "ic", "ist", "ive"];
    if span.kind == NerType::Org
        && ADJECTIVE_ENDINGS
            .iter()
            .any(|ending| text[start..end].ends_with(ending))
        && let Some(rest) = text[end..].strip_prefix(" party")
        && !rest.starts_with(char::is_alphanumeric)
    {
        end += " party".len();
    }
    // "the 1922 Committee of Conservative lawmakers": the tagger ran on into the adjective of
    // the lowercase noun after the name ("Bank of America shares" ends in no adjective).
    if span.kind == NerType::Org
        && let Some(of) = text[start..end].rfind(" of ")
        && let adjective = &text[start + of + 4..end]
        && !adjective.contains(' ')
        && adjective.starts_with(char::is_uppercase)
        && ["ative", "atic", "ese", "ian", "ican", "ish", "ist"]
            .iter()
            .any(|e| adjective.ends_with(e))
        && text[end..]
            .strip_prefix(' ')
            .is_some_and(|next| next.starts_with(char::is_lowercase))
    {
        end = start + of;
    }
    let last_word = text[start..end].rsplit(' ').next().unwrap_or("");
    // "U.S." keeps its dots; "batteries." does not, and neither does a legal form, so that
    // "GenCorp Inc." (before "said" or at a sentence's end) is the same name as "GenCorp Inc".
    if let Some(bare) = last_word.strip_suffix('.')
        && !bare.contains('.')
        && (bare.len() > 4 || fragments::is_legal_form(bare))
    {
        end -= 1;
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::super::EntityExtractor;
    use super::super::spans::TaggedSpans;
    use super::super::tests::{find, names};
    use super::*;
    use crate::enrich::entities::name_shapes::ORG_LAST_WORDS;
    use crate::enrich::gazetteer::Gazetteer;
    use crate::enrich::ner::Tagger;

    fn tagged() -> EntityExtractor {
        EntityExtractor::new(&Gazetteer::builtin()).with_tagger(Tagger::builtin_shared())
    }

    /// Regression: "Wire" of the credit came out as a place and "Feb" as an organisation.
    #[test]
    fn dateline_credit_and_date_are_not_entities() {
        let es = tagged().extract(
            "Leaders talk",
            "BEIJING, Feb 24 (Continental Wire) - Chinese President Xi Jinping spoke with \
             Vladimir Putin on Monday.",
        );
        let places = names(&es, EntityKind::Place);
        assert!(places.contains(&"Beijing"), "{places:?}");
        assert!(!places.contains(&"Wire"), "{places:?}");
        assert!(names(&es, EntityKind::Org).is_empty(), "{es:?}");
        assert!(names(&es, EntityKind::Person).contains(&"Xi Jinping"));
        // A known agency in the credit is still the gazetteer's.
        let es = tagged().extract("", "LONDON, Feb 24 (Reuters) - Markets fell.");
        assert_eq!(names(&es, EntityKind::Org), ["Reuters"]);
    }

    #[test]
    fn a_person_s_name_has_no_digits_markup_or_inner_capitals_but_after_a_prefix() {
        for name in [
            "Donald McCain",
            "Ron DeSantis",
            "LeBron James",
            "Leonardo DiCaprio",
            "Douglas MacArthur",
            "Conor O'Brien",
            "Jean-Marie Le Pen",
            "Zhu Rongji",
        ] {
            assert!(characters_fit(name, NerType::Per), "{name}");
        }
        for name in [
            "MacBook 256GB",
            "64GB Wi-Fi",
            "Sony PlayStation",
            "Apple HomeKit",
            "Art Director_Park Dong Woo",
            "Nanopresso Review [Video",
        ] {
            assert!(!characters_fit(name, NerType::Per), "{name}");
        }
        assert!(ORG_LAST_WORDS.is_sorted());
        assert!(is_law("First Amendment") && is_law("Clean Air Act") && !is_law("Act"));
        assert!(org_shaped("Dick Clark Productions") && org_shaped("Smith Barney Inc."));
        assert!(!org_shaped("Dick Clark") && !org_shaped("Productions"));
        // Organisations keep digits and inner capitals, not markup.
        assert!(characters_fit("3M", NerType::Org) && characters_fit("YouTube", NerType::Org));
        assert!(!characters_fit("@trevorjd14", NerType::Org));
        // End to end, in a shopping page's listing.
        let es = tagged().extract(
            "Deals",
            "Amazon offers the Apple iPad Pro 12.9-inch 64GB Wi-Fi for $799. The Sony \
             PlayStation bundle is $299, said Trevor Daugherty.",
        );
        let persons = names(&es, EntityKind::Person);
        assert!(
            persons
                .iter()
                .all(|p| !p.contains("64GB") && !p.contains("PlayStation"))
        );
        assert!(persons.contains(&"Trevor Daugherty"), "{persons:?}");
    }

    #[test]
    fn lone_event_heads_and_common_abbreviations_are_no_entities() {
        assert!(COMMON_WORDS.is_sorted());
        let es = tagged().extract(
            "Final set",
            "The Games will open in July. Fans watched the Cup final on TV and bought the DVD, \
             the MP said. The Davis Cup tie starts on Friday, before Christmas.",
        );
        assert_eq!(names(&es, EntityKind::Event), ["Davis Cup"], "{es:?}");
        for kind in [EntityKind::Org, EntityKind::Person, EntityKind::Place] {
            let found = names(&es, kind);
            for word in ["MP", "DVD", "TV", "Games", "Cup", "Christmas"] {
                assert!(!found.contains(&word), "{word} as {kind:?}: {es:?}");
            }
        }
    }

    #[test]
    fn a_listed_firm_the_tagger_calls_a_person_is_an_organisation_and_a_lone_word_of_another_name_no_person()
     {
        let ex = tagged();
        let body = "Wells Fargo analyst Zachary Fadem cut his target. Mr Fox said the bank \
                    would wait. Ralph Lauren spoke at Capitol Hill Publishing, and Hill \
                    declined to comment. An** Fe***** wrote in at 6:00 AM EST.";
        let spans = last_occurrences(
            body,
            &[
                ("Wells Fargo", NerType::Per),
                ("Zachary Fadem", NerType::Per),
                ("Fox", NerType::Per),
                ("Ralph Lauren", NerType::Per),
                ("Capitol Hill Publishing", NerType::Org),
                ("Hill", NerType::Per),
                ("An** Fe*****", NerType::Per),
                ("AM EST", NerType::Org),
            ],
        );
        let es = ex.extract_with_spans("", body, &spans, None);
        let (persons, orgs) = (names(&es, EntityKind::Person), names(&es, EntityKind::Org));
        // The tagger's company list says Wells Fargo is a firm; a one-word listed name
        // ("Fox", a network and a surname) and one opening with a given name stay persons.
        assert!(
            orgs.contains(&"Wells Fargo") && !persons.contains(&"Wells Fargo"),
            "{es:?}"
        );
        for person in ["Zachary Fadem", "Fox", "Ralph Lauren"] {
            assert!(persons.contains(&person), "{person}: {es:?}");
        }
        // "Hill" is the word of the publisher's name; masks and clock times are no names.
        assert!(!persons.contains(&"Hill"), "{es:?}");
        assert!(persons.iter().all(|p| !p.contains('*')), "{es:?}");
        assert!(!orgs.contains(&"AM EST"), "{es:?}");
    }

    #[test]
    fn a_longer_name_around_a_known_place_is_that_name_not_the_place() {
        let ex = tagged();
        let body = "AC Milan beat Inter Milan after Milan Baros scored. US TV ratings fell. \
                    Fans in Milan cheered.";
        let spans = last_occurrences(
            body,
            &[
                ("AC Milan", NerType::Org),
                ("Inter Milan", NerType::Org),
                ("Milan Baros", NerType::Per),
                ("US TV", NerType::Org),
            ],
        );
        let es = ex.extract_with_spans("", body, &spans, None);
        let orgs = names(&es, EntityKind::Org);
        assert!(
            orgs.contains(&"AC Milan") && orgs.contains(&"Inter Milan"),
            "{es:?}"
        );
        assert!(
            names(&es, EntityKind::Person).contains(&"Milan Baros"),
            "{es:?}"
        );
        // The city itself is named once; "US TV" is the country's television, no org.
        assert_eq!(
            find(&es, EntityKind::Place, "Milan").unwrap().mentions,
            1,
            "{es:?}"
        );
        assert!(!orgs.contains(&"US TV"), "{es:?}");
        assert!(
            find(&es, EntityKind::Place, "United States").is_some(),
            "{es:?}"
        );
        assert!(extends_places(
            "Sierra Nevada Corporation",
            (0, 25),
            &[(0, 13)]
        ));
        assert!(!extends_places("US-China", (0, 8), &[(0, 2), (3, 8)]));
    }

    /// Hand-made tagger spans over the last occurrence of each name in `body`, of its kind.
    fn last_occurrences(body: &str, names: &[(&str, NerType)]) -> TaggedSpans {
        let mut spans = TaggedSpans::default();
        for &(name, kind) in names {
            let start = body.rfind(name).unwrap();
            spans.body.push(TaggedSpan {
                start,
                end: start + name.len(),
                kind,
                doubtful: false,
            });
        }
        spans.body.sort_by_key(|s| s.start);
        spans
    }

    /// Hand-made tagger spans over every occurrence of `word` in `body`, with these kinds.
    fn spans_of(body: &str, word: &str, kinds: &[NerType]) -> TaggedSpans {
        let body_spans = body
            .match_indices(word)
            .zip(kinds)
            .map(|((start, w), &kind)| TaggedSpan {
                start,
                end: start + w.len(),
                kind,
                doubtful: false,
            })
            .collect();
        TaggedSpans {
            title: Vec::new(),
            body: body_spans,
            markup: Vec::new(),
        }
    }

    #[test]
    fn a_name_takes_one_kind_throughout_an_article() {
        let ex = tagged();
        let body = "Veltrana said on Monday that sales rose. Analysts in Veltrana expect more. \
                    Veltrana shares closed higher.";
        let spans = spans_of(
            body,
            "Veltrana",
            &[NerType::Org, NerType::Loc, NerType::Org],
        );
        let es = ex.extract_with_spans("", body, &spans, None);
        assert_eq!(names(&es, EntityKind::Org), ["Veltrana"], "{es:?}");
        assert!(names(&es, EntityKind::Place).is_empty(), "{es:?}");
        assert_eq!(find(&es, EntityKind::Org, "Veltrana").unwrap().mentions, 3);
        // A tie goes to the earliest mention's kind.
        let spans = spans_of(body, "Veltrana", &[NerType::Loc, NerType::Org]);
        let es = ex.extract_with_spans("", body, &spans, None);
        assert_eq!(names(&es, EntityKind::Place), ["Veltrana"], "{es:?}");
        assert!(names(&es, EntityKind::Org).is_empty(), "{es:?}");
    }

    #[test]
    fn a_surname_read_as_an_org_or_place_is_the_person_named_in_full() {
        let ex = tagged();
        let body = "Boro manager Steve Ravelle praised his side. Under Ravelle the club is \
                    fifth, and Ravelle Motors sponsors it. Ana Pereda Loyola spoke; Pereda left.";
        let mut spans = last_occurrences(
            body,
            &[
                ("Steve Ravelle", NerType::Per),
                ("Ana Pereda Loyola", NerType::Per),
                ("Pereda", NerType::Loc),
            ],
        );
        spans.body.push(TaggedSpan {
            start: body.find("Ravelle the").unwrap(),
            end: body.find("Ravelle the").unwrap() + "Ravelle".len(),
            kind: NerType::Org,
            doubtful: false,
        });
        spans.body.sort_by_key(|s| s.start);
        let es = ex.extract_with_spans("", body, &spans, None);
        // The father's family name of a Spanish name is its surname.
        assert!(names(&es, EntityKind::Place).is_empty(), "{es:?}");
        assert_eq!(
            find(&es, EntityKind::Person, "Ana Pereda Loyola")
                .unwrap()
                .mentions,
            2
        );
        assert!(names(&es, EntityKind::Org).is_empty(), "{es:?}");
        assert_eq!(
            find(&es, EntityKind::Person, "Steve Ravelle")
                .unwrap()
                .mentions,
            2
        );
        // Beside a firm of that name, the org stays the firm's.
        let body = "Steve Ravelle sold shares. Ravelle Motors fell, and Ravelle said so.";
        let spans = last_occurrences(
            body,
            &[
                ("Steve Ravelle", NerType::Per),
                ("Ravelle Motors", NerType::Org),
                ("Ravelle", NerType::Org),
            ],
        );
        let es = ex.extract_with_spans("", body, &spans, None);
        assert_eq!(
            find(&es, EntityKind::Person, "Steve Ravelle")
                .unwrap()
                .mentions,
            1
        );
        assert!(
            find(&es, EntityKind::Org, "Ravelle Motors").is_some(),
            "{es:?}"
        );
    }

    #[test]
    fn a_company_name_cut_at_its_and_is_one_name_but_a_list_stays_apart() {
        let ex = tagged();
        let body = "Suits against International Telephone and Telegraph Corp. were settled. \
                    Studios Paramount, Universal and Warner Bros. backed it.";
        let spans = last_occurrences(
            body,
            &[
                ("International Telephone", NerType::Org),
                ("Telegraph Corp.", NerType::Org),
                ("Paramount", NerType::Org),
                ("Universal", NerType::Org),
                ("Warner Bros.", NerType::Org),
            ],
        );
        let es = ex.extract_with_spans("", body, &spans, Some(1972));
        let orgs = names(&es, EntityKind::Org);
        assert!(
            orgs.contains(&"International Telephone and Telegraph"),
            "{es:?}"
        );
        assert!(!orgs.contains(&"Telegraph Corp"), "{es:?}");
        assert!(orgs.contains(&"Universal"), "{es:?}");
    }

    #[test]
    fn a_one_word_person_in_a_list_of_companies_is_a_company() {
        let ex = tagged();
        let body = "The bidders are Astrobotic, Deep Space Systems, Draper and Firefly \
                    Aerospace. Smith, Jones and Brown met them.";
        let spans = last_occurrences(
            body,
            &[
                ("Astrobotic", NerType::Org),
                ("Deep Space Systems", NerType::Org),
                ("Draper", NerType::Per),
                ("Firefly Aerospace", NerType::Org),
                ("Smith", NerType::Per),
                ("Jones", NerType::Per),
                ("Brown", NerType::Per),
            ],
        );
        let flags = persons_listed_among_orgs(body, &spans.body);
        assert_eq!(flags, [false, false, true, false, false, false, false]);
        let es = ex.extract_with_spans("", body, &spans, None);
        assert!(names(&es, EntityKind::Org).contains(&"Draper"), "{es:?}");
        assert!(names(&es, EntityKind::Person).contains(&"Smith"), "{es:?}");
    }

    #[test]
    fn streets_and_rivers_tagged_as_persons_are_places() {
        let ex = tagged();
        let body = "Residents of Mill Lane met Joan Pritchett by the River Alder. Mount \
                    Brannock was clear. Lane sang at the Jeongdong Theater.";
        let tagged_names = [
            "Mill Lane",
            "Joan Pritchett",
            "River Alder",
            "Mount Brannock",
            "Lane",
            "Jeongdong Theater",
        ];
        let persons: Vec<_> = tagged_names.iter().map(|&n| (n, NerType::Per)).collect();
        let spans = last_occurrences(body, &persons);
        let es = ex.extract_with_spans("", body, &spans, None);
        let places = names(&es, EntityKind::Place);
        for place in [
            "Mill Lane",
            "River Alder",
            "Mount Brannock",
            "Jeongdong Theater",
        ] {
            assert!(places.contains(&place), "{place}: {es:?}");
        }
        // One word is no evidence: "Lane" alone is no place (and, a lone given name
        // written without a title, no person either: see `fragments`).
        assert!(!places.contains(&"Lane"), "{es:?}");
        assert_eq!(names(&es, EntityKind::Person), ["Joan Pritchett"], "{es:?}");
        assert!(place_shaped("Bridge Street"));
        assert!(street_shaped("Melbourne Cricket Ground") && street_shaped("O2 Arena"));
        assert!(!street_shaped("Wall Street") && !street_shaped("Arena"));
    }

    #[test]
    fn spans_stretched_over_a_clause_are_dropped() {
        assert!(NAME_CONNECTORS.is_sorted());
        assert!(!lowercase_words_fit(
            "Bill passes through the two Houses",
            NerType::Per
        ));
        assert!(lowercase_words_fit("Ludwig van Beethoven", NerType::Per));
        assert!(lowercase_words_fit("Bashar al-Assad", NerType::Per));
        assert!(!lowercase_words_fit("Bill would have", NerType::Per));
        assert!(!lowercase_words_fit("Bank of England", NerType::Per));
        assert!(lowercase_words_fit("Bank of England", NerType::Org));
        assert!(lowercase_words_fit(
            "Council on Foreign Relations",
            NerType::Org
        ));
        let body = "Symbolically, a higher penalty, perhaps as the Bill passes through the two \
                    Houses, might be appropriate.";
        let stretched = "Bill passes through the two Houses";
        let spans = spans_of(body, stretched, &[NerType::Per]);
        assert_eq!(spans.body.len(), 1);
        let es = tagged().extract_with_spans("Betting", body, &spans, None);
        assert!(names(&es, EntityKind::Person).is_empty(), "{es:?}");
    }

    /// The rules and the tagger read name particles from one list: before, "den" was only the
    /// rules' and "zu" only the tagger's, so each path cut one of these names short.
    #[test]
    fn particle_names_come_out_the_same_on_both_paths() {
        let body = "Mayor Jan van den Berg said the dykes would hold. Minister Karl-Theodor zu \
                    Guttenberg said so too.";
        let expected = ["Jan van den Berg", "Karl-Theodor zu Guttenberg"];
        let by_rules = EntityExtractor::new(&Gazetteer::builtin()).extract("", body);
        assert_eq!(
            names(&by_rules, EntityKind::Person),
            expected,
            "{by_rules:?}"
        );
        let mut spans = TaggedSpans::default();
        for name in expected {
            let start = body.find(name).unwrap();
            spans.body.push(TaggedSpan {
                start,
                end: start + name.len(),
                kind: NerType::Per,
                doubtful: false,
            });
        }
        let by_tagger = tagged().extract_with_spans("", body, &spans, None);
        assert_eq!(
            names(&by_tagger, EntityKind::Person),
            expected,
            "{by_tagger:?}"
        );
    }

    #[test]
    fn a_dateline_needs_the_dateline_shape() {
        let text = "BEIJING, Feb 24 (Continental Wire) - Talks.";
        let d = dateline(text).unwrap();
        assert_eq!(&text[d.credit.0..d.credit.1], ", Feb 24 (Continental Wire)");
        let (s, e) = d.place.unwrap();
        assert_eq!(&text[s..e], "BEIJING");
        let text = "Unadjusted, the figures rose 206,900 to 4.64 million - with many more.";
        assert_eq!(dateline(text).unwrap().place, None);
        let text = "Headline here\n\nGENEVA, March 3, 2025 (Continental Wire) \u{2014} Talks.";
        let d = dateline(text).unwrap();
        let (s, e) = d.credit;
        assert_eq!(&text[s..e], ", March 3, 2025 (Continental Wire)");
        // An ordinary sentence with a comma and a dash is no dateline.
        assert_eq!(dateline("Officials said, after a pause - nothing."), None);
        assert_eq!(dateline("Talks in Geneva - Russia, 3 (US) officials"), None);
    }
}
