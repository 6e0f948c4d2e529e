//! The grammar the entity passes read: title words, head nouns, cue verbs, name particles and
//! sentence openers. Every list here is grammar, not names; names live in the gazetteer data.
//!
//! The lists are searched with `binary_search`, so each must stay sorted (a test checks).

pub(super) fn is_abbrev(w: &str) -> bool {
    (w.len() == 1 && w.starts_with(|c: char| c.is_ascii_uppercase()))
        || matches!(
            w,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "St"
                | "Sen"
                | "Gov"
                | "Rep"
                | "Gen"
                | "Jr"
                | "Sr"
                | "Lt"
                | "Col"
                | "Capt"
                | "Prof"
                | "Rev"
                | "Mt"
                | "Ft"
                | "Sgt"
                | "Adm"
        )
}

/// Whether the text right after an organisation's name makes it the name of a numbered thing
/// rather than the organisation: "S&P 500", "Standard and Poor's 500", "FTSE 100" (indexes),
/// "Airbus 320" (a model). A number of two to four digits that is no year ("NATO 2019
/// summit" is NATO's), standing alone ("S&P 500's", not "Apple 10.5" or "BBC 2s").
pub(super) fn numbers_a_thing(after: &str) -> bool {
    // The tagger may leave the possessive out of the name: "Standard and Poor" + "'s 500".
    let after = ["'s", "\u{2019}s"]
        .iter()
        .find_map(|s| after.strip_prefix(s))
        .unwrap_or(after);
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let number: u32 = rest[..digits].parse().unwrap_or(0);
    let tail = &rest[digits..];
    let is_year = digits == 4 && (1800..2100).contains(&number);
    let more_of_the_word = tail.starts_with(|c: char| c.is_alphanumeric())
        || (tail.starts_with(['.', ',']) && tail[1..].starts_with(|c: char| c.is_ascii_digit()));
    (2..=4).contains(&digits) && !is_year && !more_of_the_word
}

/// Whether an event's name between `before` and `after` names some other, new event, as
/// after an indefinite article: "calls for a Brexit referendum.", "another Gulf war", "a
/// second Cold War". Only for events that happen once (`canonical` ends in "War",
/// "referendum", "Crisis", ...): "a G20 summit" or "a World Cup" is one of the series. Not
/// when the name describes a noun after it ("a Gulf War veteran", "a Cold War relic"): then
/// the article is the noun's and the event is the named one.
pub(super) fn names_another_event(canonical: &str, before: &str, after: &str) -> bool {
    const ONCE: &[&str] = &[
        "accord",
        "affair",
        "agreement",
        "crash",
        "crisis",
        "disaster",
        "earthquake",
        "massacre",
        "pact",
        "referendum",
        "revolution",
        "scandal",
        "treaty",
        "uprising",
        "war",
    ];
    let head = canonical.rsplit(' ').next().unwrap_or("").to_lowercase();
    if !ONCE.contains(&head.as_str()) {
        return false;
    }
    const NEW: &[&str] = &["fresh", "fourth", "new", "second", "third"];
    const ENDS_A_PHRASE: &[&str] = &[
        "and", "are", "as", "at", "before", "but", "by", "could", "for", "if", "in", "is", "of",
        "on", "or", "that", "to", "was", "were", "which", "will", "with", "would",
    ];
    let mut words = before.split_whitespace().rev();
    let mut word = words.next().unwrap_or("");
    if NEW.contains(&word.to_lowercase().as_str()) {
        word = words.next().unwrap_or("");
    }
    let indefinite = matches!(word.to_lowercase().as_str(), "a" | "an" | "another");
    let next = after
        .strip_prefix(' ')
        .map(|a| a.split(|c: char| !c.is_alphanumeric()).next().unwrap_or(""));
    let before_a_noun =
        next.is_some_and(|w| w.starts_with(char::is_lowercase) && !ENDS_A_PHRASE.contains(&w));
    indefinite && !before_a_noun
}

pub(super) fn is_connector(w: &str) -> bool {
    matches!(w, "of" | "for" | "the") || is_particle(w)
}

/// Lowercase words inside a person's name: "Ludwig van Beethoven", "Jan van den Berg",
/// "Osama bin Laden", "Karl-Theodor zu Guttenberg". The rules let a run of capitalised words
/// go on through them, the tagger's person spans may contain them, and the tagger scores them
/// where a name could begin; one list serves all three, so they agree on where such a name
/// ends.
pub(super) fn is_particle(w: &str) -> bool {
    crate::enrich::ner::is_name_particle(w)
}

/// Capitalised words that never make a run into a name on their own: sentence openers,
/// pronouns, days, months.
pub(super) fn is_stopword(w: &str) -> bool {
    STOPWORDS.binary_search(&w).is_ok()
}

#[rustfmt::skip]
const STOPWORDS: &[&str] = &[
    "A", "About", "According", "Additionally", "After", "All", "Also", "Although", "Among",
    "An", "And", "Another", "April", "Are", "As", "Asked", "At", "August", "Because", "Before",
    "Between", "Both", "But", "By", "Can", "Could", "December", "Despite", "Did", "Do", "Does",
    "During", "Each", "Earlier", "Even", "Every", "February", "Few", "Finally", "First",
    "Following", "For", "Friday", "From", "Further", "Furthermore", "Had", "Has", "Have", "He",
    "Her", "Here", "His", "How", "However", "I", "If", "In", "Indeed", "Instead", "Into", "Is",
    "It", "Its", "January", "July", "June", "Just", "Last", "Later", "Less", "Let", "Like",
    "Many", "March", "May", "Meanwhile", "Might", "Mon", "Monday", "More", "Moreover", "Most",
    "Must", "My", "Next", "No", "Not", "Notably", "November", "Now", "October", "Of", "On",
    "Once", "One", "Only", "Or", "Other", "Our", "Over", "Overall", "Saturday", "Second",
    "September", "Several", "She", "Should", "Since", "So", "Some", "Speaking", "Still",
    "Stressing", "Such", "Sunday", "That", "The", "Their", "Then", "There", "These", "They",
    "Third", "This", "Those", "Though", "Three", "Through", "Thursday", "To", "Today",
    "Tomorrow", "Tuesday", "Two", "Under", "Unless", "Unlike", "Until", "Was", "We",
    "Wednesday", "Were", "What", "When", "Where", "Whether", "Which", "While", "Who", "Why",
    "Will", "With", "Without", "Would", "Yesterday", "Yet", "You", "Your",
];

/// Capitalised titles before a name. "Prime", "Foreign" etc. are only modifiers: they
/// extend a cue ("Prime Minister") but do not make one.
pub(super) fn is_title_cue(w: &str) -> bool {
    TITLE_CUES.binary_search(&w).is_ok()
}

#[rustfmt::skip]
const TITLE_CUES: &[&str] = &[
    "Admiral", "Ambassador", "Archbishop", "Cardinal", "Chairman", "Chairperson", "Chairwoman",
    "Chancellor", "Commissioner", "Congressman", "Congresswoman", "Councillor", "Dame", "Dr",
    "Emir", "Emperor", "Envoy", "Gen", "General", "Gov", "Governor", "Judge", "King", "Lady",
    "Lord", "Mayor", "Minister", "Miss", "Mr", "Mrs", "Ms", "Pope", "Premier", "President",
    "Prince", "Princess", "Prof", "Professor", "Queen", "Rep", "Secretary", "Sen", "Senator",
    "Sheikh", "Sir", "Speaker", "Spokesman", "Spokesperson", "Spokeswoman", "Sultan",
];

pub(super) fn is_noble(w: &str) -> bool {
    NOBLES.binary_search(&w).is_ok()
}

#[rustfmt::skip]
const NOBLES: &[&str] = &[
    "Emir", "Emperor", "King", "Lady", "Lord", "Pope", "Prince", "Princess", "Queen", "Sheikh",
    "Sultan",
];

pub(super) fn is_cue_modifier(w: &str) -> bool {
    CUE_MODIFIERS.binary_search(&w).is_ok()
}

#[rustfmt::skip]
const CUE_MODIFIERS: &[&str] = &[
    "Acting", "Attorney", "Chief", "Crown", "Defence", "Defense", "Deputy", "Economy",
    "Energy", "Executive", "Finance", "Foreign", "Former", "Health", "Home", "Interior",
    "Justice", "Prime", "State", "Trade", "Vice",
];

/// Lowercase words that introduce a full name: "his counterpart Vladimir Putin".
pub(super) fn is_lower_cue(w: &str) -> bool {
    LOWER_CUES.binary_search(&w).is_ok()
}

#[rustfmt::skip]
const LOWER_CUES: &[&str] = &[
    "MEP", "MP", "ambassador", "candidate", "chairman", "chairwoman", "chancellor",
    "chancellor-elect", "chief", "commissioner", "counterpart", "director", "envoy",
    "executive", "governor", "lawmaker", "leader", "mayor", "minister", "premier", "president",
    "president-elect", "secretary", "senator", "spokesman", "spokesperson", "spokeswoman",
];

pub(super) fn is_said(w: &str) -> bool {
    SAIDS.binary_search(&w).is_ok()
}

#[rustfmt::skip]
const SAIDS: &[&str] = &[
    "added", "announced", "argued", "claimed", "explained", "insisted", "replied", "said",
    "says", "stated", "told", "warned", "wrote",
];

pub(super) fn is_org_head(w: &str) -> bool {
    ORG_HEADS.binary_search(&w).is_ok()
}

#[rustfmt::skip]
const ORG_HEADS: &[&str] = &[
    "Academy", "Agency", "Airlines", "Airways", "Alliance", "Army", "Assembly", "Association",
    "Authority", "Bank", "Board", "Brigade", "Brigades", "Broadcasting", "Bureau", "Capital",
    "Center", "Centre", "Chamber", "Church", "Club", "Coalition", "College", "Commission",
    "Committee", "Company", "Congress", "Corp", "Corporation", "Council", "Court",
    "Department", "Duma", "Embassy", "Federation", "Forces", "Foundation", "Front", "Fund",
    "Gazette", "Group", "Guard", "Herald", "Holdings", "Hospital", "Inc", "Industries",
    "Institute", "Journal", "LLC", "League", "Ltd", "Ministry", "Motors", "Movement", "Navy",
    "Network", "News", "Office", "Organisation", "Organization", "PLC", "Parliament",
    "Partners", "Party", "Plc", "Police", "Post", "Press", "School", "Secretariat", "Senate",
    "Services", "Society", "Systems", "Technologies", "Telegraph", "Times", "Tribunal",
    "Tribune", "Trust", "Union", "University",
];

/// Head nouns that make an org when followed by "of": "Bank of England".
pub(super) fn is_of_head(w: &str) -> bool {
    OF_HEADS.binary_search(&w).is_ok()
}

#[rustfmt::skip]
const OF_HEADS: &[&str] = &[
    "Academy", "Agency", "Bank", "Board", "Chamber", "Church", "Commission", "Committee",
    "Council", "Court", "Department", "Embassy", "Federation", "Institute", "League",
    "Ministry", "Office", "Organisation", "Organization", "Party", "Secretariat", "Union",
    "University",
];

pub(super) fn is_event_head(w: &str) -> bool {
    EVENT_HEADS.binary_search(&w).is_ok()
}

#[rustfmt::skip]
const EVENT_HEADS: &[&str] = &[
    "Awards", "Championship", "Championships", "Conference", "Crisis", "Cup", "Election",
    "Elections", "Expo", "Festival", "Games", "Massacre", "Olympics", "Pandemic", "Referendum",
    "Revolution", "Show", "Summit", "Uprising", "War",
];

/// Last words of street and building names, which "said" must not turn into persons
/// ("Downing Street said").
pub(super) fn is_place_head(w: &str) -> bool {
    PLACE_HEADS.binary_search(&w).is_ok()
}

#[rustfmt::skip]
const PLACE_HEADS: &[&str] = &[
    "Airport", "Avenue", "Building", "Hall", "Hill", "House", "Palace", "Road", "Square",
    "Station", "Street",
];

#[cfg(test)]
mod tests {
    #[test]
    fn an_event_after_an_indefinite_article_is_another_one() {
        let another = |before, after| super::names_another_event("Gulf War", before, after);
        assert!(another("calls for a", "."));
        assert!(another("which side he would take in a", " on leaving"));
        assert!(another("warned of another", ", he said"));
        assert!(another("fears of a new", " in Europe"));
        assert!(!another("he is a", " veteran"));
        assert!(!another("the", "."));
        assert!(!another("since the", " ended"));
        // One of a series is the series.
        assert!(!super::names_another_event("G20 summit", "ahead of a", "."));
    }

    #[test]
    fn a_name_before_a_number_of_its_own_names_a_numbered_thing() {
        for after in [
            " 500",
            " 500 index",
            " 500's gains",
            " 100.",
            " 320",
            "'s 500",
        ] {
            assert!(super::numbers_a_thing(after), "{after:?}");
        }
        for after in [
            " 2019 summit",
            " 1987",
            " 5 percent",
            " 10.5 billion",
            " 500m",
            "500",
            " 12345",
        ] {
            assert!(!super::numbers_a_thing(after), "{after:?}");
        }
    }

    use super::*;

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [
            STOPWORDS,
            TITLE_CUES,
            NOBLES,
            CUE_MODIFIERS,
            LOWER_CUES,
            SAIDS,
            ORG_HEADS,
            OF_HEADS,
            EVENT_HEADS,
            PLACE_HEADS,
        ] {
            assert!(list.is_sorted(), "{list:?}");
        }
    }
}
