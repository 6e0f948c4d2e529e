//! Names the tagger stopped short of, made whole before they are read: the words it left
//! off belong to the name, and without them what is left names something else or nothing.
//!
//! - a saint's possessive and what it names: "St Oswald" + "'s Church", "St Mary" + "'s
//!   Hospital" (the tagger stops at the apostrophe, and the head alone, "Church", became
//!   an organisation);
//! - a body of members after their plural's apostrophe: "Brewers" + "' Association"; and
//!   the members' possessive before a body's name: "Woman's " + "Christian Temperance Union";
//! - a number that ends a name: "UAW Local" + " 1927", "County Road" + " 12", "Terminal 5";
//! - a district's word: "the Dunmore City School" + " District";
//! - a ministry's portfolios after its first comma: "Ministry of Agriculture" + ", Fisheries
//!   and Food";
//! - a committee's remit after "on": "House Committee" + " on Un-American Activities";
//! - a place's name cut at its particle: "Punta" + " del Este";
//! - a college's town after a comma when its name says only what it is: "University
//!   College" + ", Galway";
//! - a facility named after a person: "Lenin" + " Shipyard", "Kennedy" + " Airport" (the
//!   person is not who the sentence names), and a place: "Becher" + "'s Brook".
//!
//! The spans a lengthened name takes in are dropped. And one name the tagger made of two is
//! split: "Thames Water and Anglian Water".

use super::spans::TaggedSpan;
use crate::enrich::ner::NerType;

/// `spans` (in text order) with the names they cut short made whole.
pub(super) fn complete(text: &str, spans: Vec<TaggedSpan>) -> Vec<TaggedSpan> {
    let mut out: Vec<TaggedSpan> = Vec::with_capacity(spans.len());
    for mut span in spans {
        if out.last().is_some_and(|prev| span.start < prev.end) {
            continue;
        }
        // "Punta" + " del " + "Este", "Mar" + " del " + "Plata": one place, which the tagger
        // cut at its lowercase particle.
        if let Some(prev) = out.last_mut()
            && prev.kind == NerType::Loc
            && span.kind == NerType::Loc
            && PLACE_PARTICLES.contains(&&text[prev.end..span.start])
        {
            prev.end = span.end;
            continue;
        }
        // "Thames Water and Anglian Water": two names of one kind, read as one.
        if let Some(and) = two_of_a_kind(&text[span.start..span.end]) {
            let second = span.start + and + " and ".len();
            out.push(TaggedSpan {
                end: span.start + and,
                ..span.clone()
            });
            span.start = second;
        }
        // "the Woman's Christian Temperance Union", "the Miners' Welfare Commission": the
        // members' possessive before a body's name.
        if span.kind == NerType::Org
            && let Some(back) = members_possessive_before(&text[..span.start])
            && out.last().is_none_or(|prev| prev.end < span.start - back)
            && body_s_head(&text[span.start..span.end])
        {
            span.start -= back;
            while out.last().is_some_and(|prev| prev.end > span.start) {
                out.pop();
            }
        }
        // "the Low Fold and District Allotment Society": the town before "and District".
        if span.kind != NerType::Per
            && let Some(back) =
                town_and_district_before(&text[..span.start], &text[span.start..span.end])
        {
            span.start -= back;
            while out.last().is_some_and(|prev| prev.end > span.start) {
                out.pop();
            }
        }
        let after = &text[span.end..];
        let name = &text[span.start..span.end];
        if span.kind == NerType::Per {
            // One word before the possessive: "Michael Moore's Bush" is a president.
            let possessed = || possessed_place_after(after).filter(|_| !name.contains(' '));
            if let Some((more, kind)) = facility_after(after).or_else(possessed) {
                span.end += more;
                span.kind = kind;
            }
        } else if let Some(more) = members_body_after(name, after) {
            // "United States" + "Brewers" + "' Association": the country or nationality
            // right before is the body's name too.
            span.end += more;
            span.kind = NerType::Org;
            if let Some(prev) = out.last()
                && matches!(prev.kind, NerType::Loc | NerType::Misc)
                && &text[prev.end..span.start] == " "
            {
                span.start = prev.start;
                out.pop();
            }
        } else {
            span.end += saint_s_possessive(name, after)
                .or_else(|| number_after(name, after))
                .or_else(|| district_word_after(name, after))
                .or_else(|| portfolios_after(name, after))
                .or_else(|| remit_after(name, after))
                .or_else(|| campus_after(name, after))
                .or_else(|| college_s_town_after(name, after))
                .unwrap_or(0);
        }
        out.push(span);
    }
    out
}

/// The length of " at Los Angeles" after "University of California": a university's campus
/// after "at", one to three capitalised words, which the tagger leaves off ("the University
/// of Texas at Austin", "Indiana University at Bloomington"; not "at the", "at Noon").
fn campus_after(name: &str, after: &str) -> Option<usize> {
    if !(name.starts_with("University of ") || name.ends_with(" University")) {
        return None;
    }
    let rest = after.strip_prefix(" at ")?;
    let mut len = 0;
    for (n, word) in rest.split(' ').enumerate().take(3) {
        let letters = word
            .find(|c: char| !(c.is_alphabetic() || c == '-' || c == '.'))
            .unwrap_or(word.len());
        let bare = word[..letters].trim_end_matches('.');
        let capitalised = bare.chars().count() > 1
            && bare.starts_with(char::is_uppercase)
            && bare.chars().any(char::is_lowercase)
            && !super::words::is_stopword(bare);
        if !capitalised {
            break;
        }
        len += usize::from(n > 0) + bare.len();
        if bare.len() < word.len() {
            break;
        }
    }
    (len > 0).then_some(" at ".len() + len)
}

/// What joins the words of a Spanish or Portuguese place's name ("Punta del Este", "Vitoria
/// da Conquista").
const PLACE_PARTICLES: &[&str] = &[" da ", " das ", " de ", " de la ", " del ", " do ", " dos "];

/// The length of ", Galway" after "University College": a college whose name says only what
/// it is ("University College", "Regional Technical College") and the town after a comma
/// that tells which one it is, a town the lists know, followed by a comma or a stop
/// ("President of University College, Galway, said"). "Trinity College, Dublin" keeps its
/// own name.
fn college_s_town_after(name: &str, after: &str) -> Option<usize> {
    const COLLEGE_WORDS: &[&str] = &["Agricultural", "College", "Technical", "Training"];
    let words_say_only_what_it_is = name.ends_with("College")
        && name
            .split(' ')
            .all(|w| COLLEGE_WORDS.contains(&w) || super::fragments::is_generic_word(w));
    if !words_say_only_what_it_is {
        return None;
    }
    let rest = after.strip_prefix(", ")?;
    let town = rest.split([',', '.', ';']).next()?;
    let ends = rest[town.len()..].starts_with([',', '.', ';']);
    let listed = super::fragments::is_city(town) || crate::enrich::ner::is_listed_place(town);
    (ends && listed && !town.is_empty()).then_some(", ".len() + town.len())
}

/// The length of "Woman's " before "Christian Temperance Union": the possessive of the
/// members a body is named for, which the tagger leaves off: a capitalised plural's ("Miners'
/// ", "Teachers' "), or one of the plurals and nouns of people that take "'s" ("Women's ",
/// "Children's "). Not a town's or a person's ("Britain's Labour Party", "Reagan's"), nor an
/// acronym's ("MSPs' Code"); the caller checks that no name the tagger found holds it
/// ("Robbie Williams' Angels", "Novartis' Sandoz").
fn members_possessive_before(before: &str) -> Option<usize> {
    const PEOPLE: &[&str] = &["Children", "Men", "People", "Woman", "Women"];
    let word = before.strip_suffix(' ')?.rsplit(' ').next()?;
    let letters_only = |w: &str| {
        w.len() > 2 && w.chars().all(char::is_alphabetic) && w.chars().any(char::is_lowercase)
    };
    let members = ["s'", "s\u{2019}"].iter().any(|p| {
        word.strip_suffix(p)
            .is_some_and(|w| letters_only(w) && w.starts_with(char::is_uppercase))
    }) || ["'s", "\u{2019}s"]
        .iter()
        .any(|p| word.strip_suffix(p).is_some_and(|w| PEOPLE.contains(&w)));
    members.then_some(word.len() + 1)
}

/// Whether `name` ends in a body's head word, before any "of" ("Temperance Union", "Swimming
/// Association of New York"; not "Identity Document").
fn body_s_head(name: &str) -> bool {
    let core = name.split_once(" of ").map_or(name, |(core, _)| core);
    core.rsplit(' ')
        .next()
        .is_some_and(super::words::is_org_head)
}

/// How far before a name starting "District ..." its town reaches: "Low Fold and " of "Low
/// Fold and District Allotment Society", "Barnsley and " of "Barnsley and District League"
/// (one to three capitalised words before " and ").
fn town_and_district_before(before: &str, name: &str) -> Option<usize> {
    if !name.starts_with("District ") {
        return None;
    }
    let town = before.strip_suffix(" and ")?;
    // "Kent Police and District Council", "the Mayor and District Council": a body or a
    // title before "and" is a name of its own.
    let capitalised = |w: &str| {
        !super::fragments::ends_in_generic_head(w)
            && !super::fragments::is_title(w)
            && w.starts_with(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
    };
    // The town's first word, word by word back from its end.
    let (mut start, mut end) = (None, town.len());
    for word in town.rsplit(' ').take(3) {
        if !capitalised(word) {
            break;
        }
        start = Some(end - word.len());
        end = (end - word.len()).saturating_sub(1);
    }
    start.map(|start| before.len() - start)
}

/// Where " and " splits a name into two of one kind: both sides of two words or more with the
/// same last word ("Thames Water and Anglian Water", "Lloyds Bank and Barclays Bank"); not
/// "Marks and Spencer", "the Department of Housing and Urban Development".
fn two_of_a_kind(name: &str) -> Option<usize> {
    let and = name.find(" and ")?;
    let (first, second) = (&name[..and], &name[and + " and ".len()..]);
    let (Some((_, a)), Some((_, b))) = (first.rsplit_once(' '), second.rsplit_once(' ')) else {
        return None;
    };
    (a == b && !second.contains(" and ")).then_some(and)
}

/// What a saint's possessive names: "St Oswald's Church", "St Mary's Catholic Hospital" (not
/// "St Gallen's Brazilian striker", "St Petersburg's Palace Square": towns').
const SAINT_S_HEADS: &[&str] = &[
    "Abbey",
    "Academy",
    "Cathedral",
    "Chapel",
    "Church",
    "College",
    "Hall",
    "Hospital",
    "Infirmary",
    "Minster",
    "Priory",
    "School",
];

/// The length of "' Association" after "Brewers": a body of members named by their plural
/// and a possessive's apostrophe, where the tagger stops ("the Miners' Federation", "the
/// United States Brewers' Association").
fn members_body_after(name: &str, after: &str) -> Option<usize> {
    const BODIES: &[&str] = &[
        "Alliance",
        "Association",
        "Club",
        "Committee",
        "Congress",
        "Council",
        "Federation",
        "Fund",
        "Guild",
        "Institute",
        "League",
        "Party",
        "Society",
        "Union",
    ];
    let last = name.rsplit(' ').next().unwrap_or(name);
    if !(last.len() > 3 && last.ends_with('s') && last.starts_with(char::is_uppercase)) {
        return None;
    }
    let rest = ["' ", "\u{2019} "]
        .iter()
        .find_map(|p| after.strip_prefix(p))?;
    let head = &rest[..letters(rest)];
    BODIES
        .contains(&head)
        .then_some(after.len() - rest.len() + head.len())
}

/// The length of "'s Church" after a saint's name: up to three capitalised words, the last
/// a [`SAINT_S_HEADS`] word.
fn saint_s_possessive(name: &str, after: &str) -> Option<usize> {
    let saint = ["St ", "St. ", "Saint "]
        .iter()
        .any(|s| name.starts_with(s));
    if !saint {
        return None;
    }
    let rest = ["'s ", "\u{2019}s ", "' ", "\u{2019} "]
        .iter()
        .find_map(|p| after.strip_prefix(p))?;
    // The head, after at most two words that say which church or school ("St Mary's Roman
    // Catholic Church"); not "St. Louis' Washington University", a city's.
    const MODIFIERS: &[&str] = &[
        "Anglican",
        "Catholic",
        "High",
        "Infant",
        "Junior",
        "Methodist",
        "Parish",
        "Primary",
        "Roman",
    ];
    let mut len = 0;
    for (n, word) in rest.split(' ').enumerate().take(3) {
        let letters = letters(word);
        len += usize::from(n > 0) + letters;
        if SAINT_S_HEADS.contains(&&word[..letters]) {
            return Some(after.len() - rest.len() + len);
        }
        if letters < word.len() || !MODIFIERS.contains(&word) {
            return None;
        }
    }
    None
}

/// The length of ", Fisheries and Food" after "Ministry of Agriculture": a department's
/// name listing its portfolios, which the tagger cuts at the first comma (and then reads
/// "Fisheries" and "Food" as organisations of their own) or at "and" ("the California
/// Department of Financial Protection" + " and Innovation"). Up to four more portfolios of
/// [`PORTFOLIO_WORDS`], the last after "and".
fn portfolios_after(name: &str, after: &str) -> Option<usize> {
    const DEPARTMENTS: &[&str] = &["Bureau", "Department", "Ministry", "Office"];
    let words: Vec<&str> = name.split(' ').collect();
    let departmental = words
        .windows(2)
        .any(|w| DEPARTMENTS.contains(&w[0]) && matches!(w[1], "of" | "for"));
    if !departmental {
        return None;
    }
    let mut rest = after;
    // Each turn takes one portfolio: four, then the one after "and".
    for _ in 0..5 {
        if let Some(last) = rest
            .strip_prefix(", and ")
            .or_else(|| rest.strip_prefix(" and "))
        {
            rest = &last[portfolio(last)?..];
            return Some(after.len() - rest.len());
        }
        rest = rest.strip_prefix(", ")?;
        rest = &rest[portfolio(rest)?..];
    }
    None
}

/// The length of " on Improper Activities in the Labor or Management Field" after "Senate
/// Select Committee": a committee's or a commission's remit, which the tagger cuts at "on"
/// (and then reads "Labor" as a place), as it does "the House Committee on Un-American
/// Activities"; so is a conference's or a symposium's subject ("the Fifth International
/// Conference on AIDS"). Capitalised words (a hyphened one too) and the small words between them, up to
/// twelve, ending on a capitalised word; not a day, a month or another word that opens sentences
/// ("the Commission on Monday").
fn remit_after(name: &str, after: &str) -> Option<usize> {
    const BODIES: &[&str] = &[
        "Commission",
        "Committee",
        "Conference",
        "Subcommittee",
        "Symposium",
    ];
    const SMALL: &[&str] = &["and", "for", "in", "of", "on", "or", "the", "to"];
    let body = name.rsplit(' ').next()?;
    if !BODIES.contains(&body) {
        return None;
    }
    // "the World Conference on Disaster Reduction in Kobe": where a meeting is held is no
    // word of its subject.
    let meeting = matches!(body, "Conference" | "Symposium");
    let rest = after.strip_prefix(" on ")?;
    let mut len = 0;
    let mut taken = 0;
    for (n, word) in rest.split(' ').enumerate().take(12) {
        let letters = word
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .unwrap_or(word.len());
        let bare = &word[..letters];
        let capitalised = bare.starts_with(char::is_uppercase);
        if n == 0 && (!capitalised || super::words::is_stopword(bare)) {
            return None;
        }
        if !(capitalised || SMALL.contains(&bare)) || bare.is_empty() || (meeting && bare == "in") {
            break;
        }
        len += usize::from(n > 0) + letters;
        if capitalised {
            taken = len;
        }
        if letters < word.len() {
            break;
        }
    }
    (taken > 0).then_some(" on ".len() + taken)
}

/// Words of ministries' portfolios: "Agriculture, Fisheries and Food", "Digital, Culture,
/// Media and Sport", "Health, Education and Welfare". Only these: "the Department of
/// Justice, FBI and CIA" is a list of three.
const PORTFOLIO_WORDS: &[&str] = &[
    "Affairs",
    "Agriculture",
    "Alcohol",
    "Business",
    "Change",
    "Children",
    "Climate",
    "Communities",
    "Culture",
    "Defence",
    "Development",
    "Digital",
    "Education",
    "Employment",
    "Energy",
    "Enterprise",
    "Environment",
    "Explosives",
    "Families",
    "Firearms",
    "Fisheries",
    "Food",
    "Forestry",
    "Health",
    "Heritage",
    "Housing",
    "Human",
    "Industry",
    "Innovation",
    "Labour",
    "Local",
    "Media",
    "Pensions",
    "Planning",
    "Reform",
    "Regions",
    "Regulatory",
    "Rural",
    "Schools",
    "Science",
    "Services",
    "Skills",
    "Social",
    "Sport",
    "Technology",
    "Tobacco",
    "Tourism",
    "Trade",
    "Transport",
    "Urban",
    "Welfare",
    "Work",
    "Youth",
];

/// The length of one or two [`PORTFOLIO_WORDS`] opening `text` ("Rural Affairs"), `None` if
/// it opens with none.
fn portfolio(text: &str) -> Option<usize> {
    let mut len = 0;
    for (n, word) in text.split(' ').enumerate().take(2) {
        let letters = letters(word);
        if !PORTFOLIO_WORDS.contains(&&word[..letters]) {
            break;
        }
        len += usize::from(n > 0) + letters;
        if letters < word.len() {
            break;
        }
    }
    (len > 0).then_some(len)
}

/// Heads of names that end in a number: a union's local, a road, a gate.
const NUMBERED_HEADS: &[&str] = &[
    "District",
    "Highway",
    "Interstate",
    "Local",
    "Lodge",
    "Pier",
    "Post",
    "Precinct",
    "Road",
    "Route",
    "Terminal",
    "Ward",
];

/// The length of " 1927" (a number of up to five digits, perhaps a capital letter) after a
/// name whose last word is a [`NUMBERED_HEADS`] word or "No.".
fn number_after(name: &str, after: &str) -> Option<usize> {
    let last = name.rsplit(' ').next()?;
    // "Chevrolet Plant No." + " 4", "Lodge No." + " 42".
    if !NUMBERED_HEADS.contains(&last) && !matches!(last, "No." | "No") {
        return None;
    }
    let rest = after.strip_prefix(' ')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 5 {
        return None;
    }
    let letter = usize::from(rest[digits..].starts_with(|c: char| c.is_ascii_uppercase()));
    let end = digits + letter;
    // "Route 66," yes; "Local 12-month", "Road 3.5", "Silk Road 2,000 years ago" and
    // "Montgomery Ward 10 years ago" no: a number with a unit after it is a quantity.
    const UNITS: &[&str] = &[
        "billion", "days", "hours", "miles", "million", "minutes", "months", "people", "per",
        "percent", "thousand", "times", "weeks", "years",
    ];
    let tail = &rest[end..];
    let next = tail.chars().next();
    let decimal =
        |c: char| matches!(c, '.' | ',') && tail[1..].starts_with(|d: char| d.is_ascii_digit());
    let unit = tail
        .strip_prefix(' ')
        .and_then(|t| t.split(|c: char| !c.is_alphabetic()).next())
        .is_some_and(|w| UNITS.contains(&w));
    if next.is_some_and(|c| c.is_alphanumeric() || c == '-' || decimal(c)) || unit {
        return None;
    }
    Some(1 + end)
}

/// Words before "District" that make a district an organisation's name: "the Dunmore City
/// School District", "the Metropolitan Water District".
const DISTRICT_KINDS: &[&str] = &[
    "Conservancy",
    "Drainage",
    "Fire",
    "Health",
    "Hospital",
    "Irrigation",
    "Library",
    "Park",
    "Parks",
    "Sanitary",
    "School",
    "Schools",
    "Sewer",
    "Transit",
    "Utility",
    "Water",
];

/// The length of " District" after a name ending in a [`DISTRICT_KINDS`] word.
fn district_word_after(name: &str, after: &str) -> Option<usize> {
    let last = name.rsplit(' ').next()?;
    let rest = after.strip_prefix(" District")?;
    let whole_word = !rest.starts_with(char::is_alphanumeric);
    (DISTRICT_KINDS.contains(&last) && whole_word).then_some(" District".len())
}

/// The length of the letters that open `word` ("Church" of "Church,").
fn letters(word: &str) -> usize {
    word.find(|c: char| !c.is_alphabetic())
        .unwrap_or(word.len())
}

/// Facilities named after people, and what the whole name is.
const FACILITIES: &[(&str, NerType)] = &[
    ("Airport", NerType::Loc),
    ("Bridge", NerType::Loc),
    ("Center", NerType::Org),
    ("Centre", NerType::Org),
    ("College", NerType::Org),
    ("Dam", NerType::Loc),
    ("Foundation", NerType::Org),
    ("Hospital", NerType::Org),
    ("Institute", NerType::Org),
    ("Library", NerType::Org),
    ("Museum", NerType::Loc),
    ("Shipyard", NerType::Loc),
    ("Shipyards", NerType::Loc),
    ("Square", NerType::Loc),
    ("Stadium", NerType::Loc),
    ("Steelworks", NerType::Loc),
    ("University", NerType::Org),
];

/// Whether `name` ends in a facility's word ("Lenin Shipyard", "Kennedy Airport").
pub(super) fn ends_in_facility(name: &str) -> bool {
    name.rsplit_once(' ')
        .is_some_and(|(_, last)| FACILITIES.iter().any(|(head, _)| *head == last))
}

/// The length of " Shipyard" after a person's name, and the kind of the whole.
fn facility_after(after: &str) -> Option<(usize, NerType)> {
    let rest = after.strip_prefix(' ')?;
    let word = &rest[..letters(rest)];
    let (_, kind) = FACILITIES.iter().find(|(head, _)| *head == word)?;
    Some((1 + word.len(), *kind))
}

/// The length of "'s Brook" after a one-word name ("Becher's Brook", "Shepherd's Bush",
/// "Martha's Vineyard"): a place named after someone, whose name the tagger took alone.
fn possessed_place_after(after: &str) -> Option<(usize, NerType)> {
    const PLACES: &[&str] = &[
        "Bay", "Brook", "Bush", "Corner", "Creek", "Cross", "Ferry", "Gap", "Island", "Landing",
        "Point", "Vineyard", "Wharf", "Wood",
    ];
    let rest = ["'s ", "\u{2019}s "]
        .iter()
        .find_map(|p| after.strip_prefix(p))?;
    let word = &rest[..letters(rest)];
    PLACES
        .contains(&word)
        .then(|| (after.len() - rest.len() + word.len(), NerType::Loc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn completed(text: &str, spans: &[(&str, NerType)]) -> Vec<(String, NerType)> {
        let spans = spans
            .iter()
            .map(|(name, kind)| {
                let start = text.find(name).unwrap();
                TaggedSpan {
                    start,
                    end: start + name.len(),
                    kind: *kind,
                    doubtful: false,
                }
            })
            .collect();
        complete(text, spans)
            .into_iter()
            .map(|s| (text[s.start..s.end].to_string(), s.kind))
            .collect()
    }

    #[test]
    fn cut_names_are_made_whole_and_take_in_the_spans_inside() {
        let text = "Rites at St Oswald's Church and St Mary's Hospital; St Gallen's Brazilian \
                    striker; St. Louis' Washington University; UAW Local 1927, Chevrolet \
                    Plant No. 4, Montgomery Ward 10 years ago, \
                    County Road 12, Route 66-style, the Dunmore City School District and \
                    the Lenin Shipyard. Mr Lenin spoke to the Low Fold and District \
                    Allotment Society.";
        let got = completed(
            text,
            &[
                ("St Oswald", NerType::Loc),
                ("Church", NerType::Org),
                ("St Mary", NerType::Org),
                ("St Gallen", NerType::Org),
                ("St. Louis", NerType::Loc),
                ("UAW Local", NerType::Org),
                ("Chevrolet Plant No.", NerType::Org),
                ("Montgomery Ward", NerType::Org),
                ("County Road", NerType::Loc),
                ("Route", NerType::Loc),
                ("Dunmore City School", NerType::Org),
                ("Lenin", NerType::Per),
                ("Low Fold", NerType::Loc),
                ("District Allotment Society", NerType::Org),
            ],
        );
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "St Oswald's Church",
                "St Mary's Hospital",
                "St Gallen",
                "St. Louis",
                "UAW Local 1927",
                "Chevrolet Plant No. 4",
                "Montgomery Ward",
                "County Road 12",
                "Route",
                "Dunmore City School District",
                "Lenin Shipyard",
                "Low Fold and District Allotment Society",
            ]
        );
        assert_eq!(got[10].1, NerType::Loc);
    }

    #[test]
    fn a_department_s_portfolios_after_its_first_comma_are_its_name() {
        let text = "The Ministry of Agriculture, Fisheries and Food (MAFF) and the \
                    Department for Digital, Culture, Media and Sport met the Department of \
                    Energy, which said so, and the Department of Justice, FBI and CIA, and the \
                    California Department of Financial Protection and Innovation.";
        let got = completed(
            text,
            &[
                ("Ministry of Agriculture", NerType::Org),
                ("Fisheries", NerType::Org),
                ("Food", NerType::Org),
                ("Department for Digital", NerType::Org),
                ("Department of Energy", NerType::Org),
                ("Department of Justice", NerType::Org),
                (
                    "California Department of Financial Protection",
                    NerType::Org,
                ),
            ],
        );
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "Ministry of Agriculture, Fisheries and Food",
                "Department for Digital, Culture, Media and Sport",
                "Department of Energy",
                "Department of Justice",
                "California Department of Financial Protection and Innovation",
            ]
        );
    }

    #[test]
    fn two_names_of_one_kind_joined_by_and_are_two() {
        let text = "Thames Water and Anglian Water merged; Marks and Spencer did not.";
        let got = completed(
            text,
            &[
                ("Thames Water and Anglian Water", NerType::Org),
                ("Marks and Spencer", NerType::Org),
            ],
        );
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            ["Thames Water", "Anglian Water", "Marks and Spencer"]
        );
    }

    #[test]
    fn a_person_before_an_ordinary_word_stays_a_person() {
        let text = "Lenin spoke at the rally. Jones Street was closed.";
        let got = completed(text, &[("Lenin", NerType::Per), ("Jones", NerType::Per)]);
        assert_eq!(got[0], ("Lenin".to_string(), NerType::Per));
        assert_eq!(got[1], ("Jones".to_string(), NerType::Per));
    }

    #[test]
    fn a_place_named_after_someone_is_a_place_and_a_person_s_thing_is_not() {
        let text = "Foinavon cleared Becher's Brook; Mrs Thatcher's Britain; Michael Moore's \
                    Bush film.";
        let spans = [
            ("Becher", NerType::Per),
            ("Thatcher", NerType::Per),
            ("Michael Moore", NerType::Per),
        ];
        let got = completed(text, &spans);
        assert_eq!(got[0], ("Becher's Brook".to_string(), NerType::Loc));
        assert_eq!(got[1], ("Thatcher".to_string(), NerType::Per));
        assert_eq!(got[2], ("Michael Moore".to_string(), NerType::Per));
    }
}
