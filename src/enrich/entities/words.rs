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
                | "Ald"
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

/// How many bytes of `after` make a one-word short name of an organisation (`alias`, not
/// its `canonical` name) the head of a longer name, which goes on with "of" and a name:
/// "Congress" of "the Congress of Racial Equality", "the Congress of Vienna", "the
/// All-Russian Congress of Soviets" is not the US Congress, nor "Senate" of "the Senate of
/// Canada" the US Senate. 0 when it heads none.
pub(super) fn heads_a_longer_name(alias: &str, canonical: &str, after: &str) -> usize {
    if alias.contains(' ') || alias.eq_ignore_ascii_case(canonical) {
        return 0;
    }
    // "defected to Labour of Robert Jackson", "the Democrats of President Berisha": "of" a
    // person is whose, not a name's end.
    let next = after
        .strip_prefix(" of ")
        .and_then(|rest| rest.split([' ', ',', '.']).next())
        .unwrap_or("");
    if is_title_cue(next.trim_end_matches('.')) || super::fragments::is_given_name(next) {
        return 0;
    }
    of_and_name(after)
}

/// Whether a one-word short name of an organisation (`alias`, not its `canonical` name) is
/// a word of some other body's name or of an office's: "Labour" of "the Karachi Dock Labour
/// Board" (a capitalised word before it and a body's head after it), of "the Minister of
/// Labour" or "the Department of Labor" (after an office's "of"), or a party's short name
/// before a body's head ("the Labour Department").
pub(super) fn inside_a_longer_name(
    alias: &str,
    canonical: &str,
    before: &str,
    after: &str,
) -> bool {
    if alias.contains(' ') || alias.eq_ignore_ascii_case(canonical) {
        return false;
    }
    let next = after
        .strip_prefix(' ')
        .and_then(|rest| rest.split([' ', ',', '.', ';', ':']).next())
        .unwrap_or("");
    // "The US Disney Corporation" is Disney: a legal form or a firm's word ends its own name.
    let heads_a_body = is_org_head(next)
        && !super::fragments::is_legal_form(next)
        && !matches!(
            next,
            "Company" | "Group" | "Holdings" | "Industries" | "Motors" | "Systems" | "Technologies"
        );
    let previous = before.strip_suffix(' ').and_then(|b| b.rsplit(' ').next());
    let capitalised_before = previous
        .is_some_and(|w| w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic));
    let office_of = before
        .strip_suffix(" of ")
        .and_then(|b| b.rsplit(' ').next())
        .is_some_and(|w| {
            matches!(
                w,
                "Department"
                    | "Minister"
                    | "Ministry"
                    | "Secretary"
                    | "Board"
                    | "Bureau"
                    | "Directorate"
                    | "Commissioner"
                    | "Office"
            )
        });
    // "the Labour Department" is a ministry; "the Labour Assembly Government" the party's.
    let a_party_s_word_for_an_office = canonical.ends_with(" Party")
        && matches!(
            next,
            "Board"
                | "Bureau"
                | "Commission"
                | "Court"
                | "Department"
                | "Ministry"
                | "Office"
                | "Tribunal"
        );
    office_of || a_party_s_word_for_an_office || (heads_a_body && capitalised_before)
}

/// Whether the text right after an organisation's name makes it the name of a numbered thing
/// rather than the organisation: "S&P 500", "Standard and Poor's 500", "FTSE 100" (indexes),
/// "Airbus 320", "IBM-360", "Airbus A320", "CDC 1604A" (models). A number of two to four
/// digits that is no year ("NATO 2019 summit" is NATO's), after a space or hyphen, with a
/// letter or two before it (after a space) or after it, standing alone ("S&P 500's", not
/// "Apple 10.5", "BBC 2s" or a share: "Sony 10%").
pub(super) fn numbers_a_thing(after: &str) -> bool {
    // The tagger may leave the possessive out of the name: "Standard and Poor" + "'s 500".
    let after = ["'s", "\u{2019}s"]
        .iter()
        .find_map(|s| after.strip_prefix(s))
        .unwrap_or(after);
    // "CDC 6600", "IBM-360" (older copy joins maker and model with a hyphen).
    let Some(rest) = after.strip_prefix([' ', '-']) else {
        return false;
    };
    let hyphen = after.starts_with('-');
    // A model may open with a letter or two and close with one: "Airbus A320", "CDC
    // 1604A", "CDC G21".
    let letters = rest.bytes().take_while(u8::is_ascii_uppercase).count();
    let digits = rest[letters..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    let number: u32 = rest[letters..letters + digits].parse().unwrap_or(0);
    let suffix = rest[letters + digits..]
        .bytes()
        .take_while(u8::is_ascii_uppercase)
        .count();
    let tail = &rest[letters + digits + suffix..];
    let is_year = letters == 0 && digits == 4 && (1800..2100).contains(&number);
    let more_of_the_word = tail.starts_with(|c: char| c.is_alphanumeric())
        || (tail.starts_with(['.', ',']) && tail[1..].starts_with(|c: char| c.is_ascii_digit()));
    // A share of something, not a thing: "Sony 10%", "BP 12 percent".
    let amount = tail.starts_with('%')
        || [" percent", " per cent", " pct", " points"]
            .iter()
            .any(|unit| tail.starts_with(unit));
    let shape = match letters {
        0 => (2..=4).contains(&digits) && !is_year,
        // "Airbus A320", but not a word after a hyphen ("NATO-EU") nor a group ("G7").
        1 | 2 => (2..=4).contains(&digits) && !hyphen,
        _ => false,
    };
    shape && suffix <= 2 && !more_of_the_word && !amount
}

/// How many bytes at the end of `before` are the ordinal of a military formation whose name
/// follows (`name`): "21st " of "21st Army Group", "82nd " of "82nd Airborne Division". The
/// tagger leaves the ordinal out, and without it "Army Group" names none. 0 when there is
/// none or the name is no formation's.
pub(super) fn formation_ordinal_before(before: &str, name: &str) -> usize {
    const FORMATIONS: &[&str] = &[
        "Airborne",
        "Armored",
        "Armoured",
        "Army",
        "Battalion",
        "Brigade",
        "Cavalry",
        "Corps",
        "Division",
        "Fleet",
        "Flotilla",
        "Group",
        "Infantry",
        "Marines",
        "Regiment",
        "Squadron",
    ];
    if !name.split(' ').any(|w| FORMATIONS.contains(&w)) {
        return 0;
    }
    let Some(rest) = before.strip_suffix(' ') else {
        return 0;
    };
    let word = rest.rsplit([' ', '(', '\n']).next().unwrap_or(rest);
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let ordinal =
        (1..=3).contains(&digits) && matches!(&word[digits..], "st" | "nd" | "rd" | "th" | "d");
    if ordinal { word.len() + 1 } else { 0 }
}

/// How many bytes at the end of `before` name the office or court whose district follows:
/// "the U.S. Attorney's Office for the " (then "Western District of New York"), "the U.S.
/// Court of Appeals for the ". Capitalised words, "of" between them; 0 when none.
pub(super) fn office_before(before: &str) -> usize {
    let Some(rest) = before.strip_suffix(" for the ") else {
        return 0;
    };
    let mut start = rest.len();
    let mut words = 0;
    let mut last_capitalised = rest.len();
    for word in rest.rsplit(' ') {
        let capitalised = word.starts_with(|c: char| c.is_uppercase())
            && !word.ends_with([',', ';', ':', '"', '\u{201d}']);
        if !(capitalised || (word == "of" && words > 0)) || words >= 6 {
            break;
        }
        start -= word.len() + usize::from(start < rest.len());
        if capitalised {
            last_capitalised = start;
        }
        words += 1;
    }
    // A name of at least two words ("District Court", "Attorney's Office").
    if words < 2 || last_capitalised == rest.len() {
        return 0;
    }
    before.len() - last_capitalised
}

/// Whether the words around a name say it is a drug's or a product's: a word for one right
/// before it ("the AIDS drug AZT", "the painkiller Tylenol", "the brand name Retrovir"), one
/// after a comma and an article ("Retrovir, the AIDS drug,", "Zantac, an ulcer treatment"),
/// or a lowercase word for a packaged
/// product right after it ("Aquafresh toothpaste", "Tylenol capsules").
pub(super) fn names_a_product(before: &str, after: &str) -> bool {
    const BEFORE: &[&str] = &[
        "antibiotic",
        "drug",
        "medicine",
        "painkiller",
        "pill",
        "sedative",
        "tranquilizer",
        "tranquillizer",
        "vaccine",
    ];
    const AFTER: &[&str] = &[
        "capsule",
        "capsules",
        "cigarettes",
        "pills",
        "shampoo",
        "tablets",
        "toothpaste",
    ];
    let mut back = before.trim_end().rsplit(' ');
    let last = back.next().unwrap_or("");
    let cued_before = BEFORE.contains(&last)
        || (last == "name" && matches!(back.next(), Some("brand" | "trade")));
    // Not "Syntex, the drug maker": a word for a firm after it.
    let apposition = [", the ", ", a ", ", an "]
        .iter()
        .find_map(|article| after.strip_prefix(article))
        .is_some_and(|rest| {
            let words: Vec<&str> = rest.split(' ').take(4).collect();
            words.iter().enumerate().take(3).any(|(i, w)| {
                let bare = w.trim_end_matches([',', '.', ';']);
                matches!(
                    bare,
                    "drug" | "medicine" | "painkiller" | "treatment" | "vaccine"
                ) && (bare.len() < w.len()
                    || words.get(i + 1).is_some_and(|next| {
                        !matches!(
                            next.trim_end_matches([',', '.', ';']),
                            "company"
                                | "concern"
                                | "firm"
                                | "giant"
                                | "group"
                                | "maker"
                                | "makers"
                                | "manufacturer"
                                | "producer"
                        )
                    }))
            })
        });
    let word_after = after
        .strip_prefix(' ')
        .and_then(|rest| rest.split([' ', ',', '.', ';']).next())
        .is_some_and(|w| AFTER.contains(&w));
    cued_before || apposition || word_after || names_a_craft(after)
}

/// Whether the words after a name make it an aircraft's or a spacecraft's (a model, a
/// programme's craft): a word for a spacecraft ("their Apollo spacecraft"), or one for any
/// craft after a number or a lowercase word or both ("Comet 4 airliners", "the Concorde
/// supersonic airliner"), or a craft's number and its crew ("the Apollo 13 astronauts"). Not
/// a word for an airliner right after the name: "an Air France airliner" is the airline's.
pub(super) fn names_a_craft(after: &str) -> bool {
    const CRAFT: &[&str] = &[
        "airbus",
        "airliner",
        "airliners",
        "jetliner",
        "jetliners",
        "spacecraft",
        "spaceship",
    ];
    let words: Vec<&str> = after
        .strip_prefix(' ')
        .unwrap_or("")
        .split(' ')
        .take(3)
        .map(|w| w.trim_end_matches([',', '.', ';', ':']))
        .collect();
    let number = |w: &str| !w.is_empty() && w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit());
    let lower = |w: &str| w.starts_with(char::is_lowercase);
    match words.as_slice() {
        [w, ..] if matches!(*w, "spacecraft" | "spaceship") => true,
        [a, w, ..] if (number(a) || lower(a)) && CRAFT.contains(w) => true,
        [a, b, w, ..] if number(a) && lower(b) && CRAFT.contains(w) => true,
        [a, w, ..] if number(a) && matches!(*w, "astronauts" | "cosmonauts") => true,
        _ => false,
    }
}

/// Words before a vessel's name or a code name (see [`vessel_or_code_name_before`]). Sorted.
const VESSEL_WORDS: &[&str] = &[
    "airliner",
    "airship",
    "battleship",
    "bomber",
    "code-named",
    "codenamed",
    "cruiser",
    "destroyer",
    "ferry",
    "freighter",
    "frigate",
    "jetliner",
    "liner",
    "probe",
    "shuttle",
    "spacecraft",
    "spaceship",
    "submarine",
    "tanker",
    "trawler",
    "warship",
    "yacht",
];

/// Titles whose holder's portfolio follows "for" (see [`portfolio_before`]). Sorted.
const OFFICE_HOLDERS: &[&str] = &[
    "Ambassador",
    "Commander",
    "Commissar",
    "Commissioner",
    "Coordinator",
    "Envoy",
    "Minister",
    "Secretary",
    "Spokesman",
    "Spokeswoman",
    "State",
    "Undersecretary",
];

/// Whether `before` ends in a word that makes the name after it a vessel's or a code name:
/// "the space shuttle Challenger", "the cruiser General Belgrano", "the tanker Exxon Valdez",
/// "the spaceship Vostok", "the airship Hindenburg", "the probe Voyager", "an operation code-named Blue Star", "a programme codenamed Prism".
/// A thing, not the person, firm or place it is named after. Not "carrier", which is as often
/// an airline ("the carrier British Airways") as a ship, unless an aircraft carrier. And what
/// people travel "aboard" ("aboard the Akatsuki Maru").
pub(super) fn vessel_or_code_name_before(before: &str) -> bool {
    let Some(rest) = before.strip_suffix(' ') else {
        return false;
    };
    let mut words = rest.rsplit(' ');
    let word = words.next().unwrap_or("");
    VESSEL_WORDS.binary_search(&word).is_ok()
        || (word == "carrier" && words.next() == Some("aircraft"))
        || (word == "name" && words.next() == Some("code"))
        || (word == "the"
            && words
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case("aboard")))
}

/// Whether `name` is a Japanese merchant ship's ("Akatsuki Maru", "Daigo Fukuryu Maru").
pub(super) fn is_maru_ship(name: &str) -> bool {
    name.ends_with(" Maru")
}

/// Whether a name the tagger read as an organisation, with the text `before` it, names an
/// office rather than a body: a portfolio after its title ([`portfolio_before`]), the title
/// with its portfolio ([`is_title_and_portfolio`]), or a place and an office before the
/// holder's name ("Alberta Premier", "Kenya President", "First Sea Lord", "British Consul";
/// not "P&O Princess"), an office of a place ("Bishop of London"), an official's title and
/// what it oversees ("Commissioner of Food and Drugs"), or a staff after its chief ("Chief
/// of the Army Staff").
pub(super) fn names_an_office(before: &str, name: &str) -> bool {
    const OFFICES: &[&str] = &[
        "Ambassador",
        "Attorney",
        "Attorney-General",
        "Chancellor",
        "Commissioner",
        "Consul",
        "Consul-General",
        "Coroner",
        "Envoy",
        "Governor",
        "Governor-General",
        "Judge",
        "Lord",
        "Magistrate",
        "Mayor",
        "Minister",
        "Premier",
        "President",
        "Prosecutor",
        "Secretary",
        "Senator",
        "Sheriff",
        "Solicitor-General",
        "Viceroy",
    ];
    // "Federal District Judge", "Assistant Attorney General" too.
    let place_and_office = !name.contains('&')
        && name
            .rsplit_once(' ')
            .is_some_and(|(_, last)| OFFICES.contains(&last))
        || ["Attorney General", "Solicitor General"]
            .iter()
            .any(|office| name.ends_with(office) && name.len() > office.len());
    // "the Bishop of London", "the Viceroy of Chihli", "the Mayor of Lyons": an office of a
    // place, whose holder the story names or not; not "the Governor of the Bank of England",
    // whose body is a name of its own.
    const OFFICES_OF: &[&str] = &[
        "Archbishop",
        "Bishop",
        "Consul",
        "Consul-General",
        "Governor",
        "Governor-General",
        "Lieutenant-Governor",
        "Mayor",
        "Prefect",
        "Viceroy",
    ];
    let office_of_a_place = name.split_once(" of ").is_some_and(|(title, place)| {
        let title = title.strip_prefix("Lord ").unwrap_or(title);
        OFFICES_OF.contains(&title)
            && place.starts_with(char::is_uppercase)
            && !place.starts_with("The ")
    });
    // "the Commissioner of Food and Drugs", "the Director of Public Prosecutions": an
    // official's title with what the office oversees (not "the Commissioners of Irish
    // Lights", a board; nor "the Comptroller of the Currency", the name US bank regulation
    // goes by).
    const OFFICIALS_OF: &[&str] = &[
        "Administrator",
        "Commissioner",
        "Director",
        "Registrar",
        "Superintendent",
        "Surveyor",
    ];
    let official_of = name.split_once(" of ").is_some_and(|(title, rest)| {
        let mut words = title.rsplit(' ');
        words.next().is_some_and(|t| OFFICIALS_OF.contains(&t))
            && words.all(|w| matches!(w, "Assistant" | "Deputy" | "Acting" | "Chief"))
            && rest
                .strip_prefix("the ")
                .unwrap_or(rest)
                .starts_with(char::is_uppercase)
    });
    // "Chief of the Army Staff", "Chief of the Defence Staff": a staff after its chief.
    let chief_of_staff = name.ends_with("Staff")
        && ["Chief of ", "Chief of the ", "Chiefs of ", "Chiefs of the "]
            .iter()
            .any(|chief| before.ends_with(chief));
    portfolio_before(before)
        || is_title_and_portfolio(name)
        || place_and_office
        || office_of_a_place
        || official_of
        || chief_of_staff
}

/// "Secretary of Labor Lewis B. Schwellenbach", "Minister of Finance Paul Martin" read as one
/// body or place: a portfolio after an office's "of" or "for", then its holder's name (a
/// given name or an initial first, two words or more, all capitalised). The length of the
/// portfolio and the space after it, which are no words of the holder's name.
pub(super) fn portfolio_before_its_holder(before: &str, name: &str) -> Option<usize> {
    const PORTFOLIOS: &[&str] = &[
        "Agriculture",
        "Commerce",
        "Defence",
        "Defense",
        "Education",
        "Employment",
        "Energy",
        "Finance",
        "Health",
        "Housing",
        "Industry",
        "Interior",
        "Justice",
        "Labor",
        "Labour",
        "Navy",
        "State",
        "Trade",
        "Transport",
        "Transportation",
        "Treasury",
        "War",
    ];
    let office = before.trim_end();
    let office = office.strip_suffix(" the").unwrap_or(office);
    let title = office
        .strip_suffix(" of")
        .or_else(|| office.strip_suffix(" for"))?
        .rsplit(|c: char| c.is_whitespace() || c == '-')
        .next()?;
    if !matches!(title, "Secretary" | "Minister" | "Commissioner") {
        return None;
    }
    let (portfolio, holder) = name.split_once(' ')?;
    let words: Vec<&str> = holder.split(' ').collect();
    (PORTFOLIOS.contains(&portfolio) && is_holder_s_name(&words)).then_some(portfolio.len() + 1)
}

/// Whether `words` read as an office holder's name: two or more, all capitalised, a given
/// name or an initial first.
fn is_holder_s_name(words: &[&str]) -> bool {
    let Some(first) = words.first() else {
        return false;
    };
    words.len() >= 2
        && (super::fragments::is_given_name(first.trim_end_matches('.'))
            || super::person_names::is_initial(first))
        && words.iter().all(|w| w.starts_with(char::is_uppercase))
}

/// "Assembly Speaker Stanley Steingut", "Ontario Premier Kathleen Wynne", "Federal District
/// Judge Willis W. Ritter" read as one body or place: where the office's words end in a
/// person's title, then the holder's name (a given name or an initial first, two words or
/// more, all capitalised). The length of what comes before the holder's name.
pub(super) fn office_before_its_holder(name: &str) -> Option<usize> {
    let words: Vec<&str> = name.split(' ').collect();
    let at = (1..words.len()).find(|&i| {
        let title = words[i].trim_end_matches('.');
        // Not "General" ("Transport and General Workers' Union"), nor a king's or a lord's.
        is_title_cue(title)
            && !matches!(
                title,
                "General" | "Gen" | "King" | "Queen" | "Lord" | "Lady" | "Prince"
            )
            && is_holder_s_name(&words[i + 1..])
    })?;
    Some(words[..=at].iter().map(|w| w.len() + 1).sum())
}

/// Whether `before` ends in an office holder's title and "for" (a minister's and "of"):
/// "Secretary of State for ", "the Minister for ", "Supreme Commander for the ", "the
/// Minister of ". The name after it is the office's portfolio ("External Affairs", "the
/// Allied Powers"), no organisation of its own.
fn portfolio_before(before: &str) -> bool {
    holder_and_for(before.strip_suffix(" the ").unwrap_or(before).trim_end())
}

/// Whether `name` is an office holder's title and "for" with its portfolio, read as an
/// organisation: "Commissar for Foreign Affairs", "Minister for Europe".
fn is_title_and_portfolio(name: &str) -> bool {
    name.split_once(" for ")
        .is_some_and(|(title, _)| holder_and_for(&format!("{title} for")))
}

/// Whether `text` ends in an office holder's title and "for", or a minister's and "of".
fn holder_and_for(text: &str) -> bool {
    // "the Minister of Technology": a minister's "of" says the same.
    let Some((rest, of)) = (text.strip_suffix(" for").map(|rest| (rest, false)))
        .or_else(|| text.strip_suffix(" of").map(|rest| (rest, true)))
    else {
        return false;
    };
    let title = rest.trim_end().rsplit([' ', '-']).next().unwrap_or("");
    // Not "Secretary of": "General Secretary of the Fire Brigades Union" names the union.
    if of {
        matches!(title, "Minister" | "Commissar")
    } else {
        OFFICE_HOLDERS.binary_search(&title).is_ok()
    }
}

/// Words that end the first half of an organisation's name that goes on with "for" ("the
/// National Association for the Advancement of Colored People", "the Organisation for
/// Economic Co-operation and Development", "the Committee for the Re-election of the
/// President"). Sorted.
const HEADS_BEFORE_FOR: &[&str] = &[
    "Alliance",
    "Association",
    "Board",
    "Bureau",
    "Campaign",
    "Center",
    "Centre",
    "Coalition",
    "Commission",
    "Committee",
    "Council",
    "Federation",
    "Forum",
    "Foundation",
    "Fund",
    "Institute",
    "League",
    "Movement",
    "Organisation",
    "Organization",
    "Society",
    "Trust",
    "Union",
];

/// Words that end the first half of a campaigning body's name that goes on with "to" ("the
/// AIDS Coalition to Unleash Power", "the Committee to Re-elect the President"). Sorted.
const CAMPAIGNERS: &[&str] = &[
    "Campaign",
    "Coalition",
    "Committee",
    "Foundation",
    "League",
    "Movement",
    "Society",
];

/// Whether `name` holds a campaigning body's word and "to" ("Coalition to Unleash Power").
pub(super) fn campaign_s_aim(name: &str) -> bool {
    name.split_once(" to ").is_some_and(|(body, _)| {
        CAMPAIGNERS
            .binary_search(&body.rsplit(' ').next().unwrap_or(body))
            .is_ok()
    })
}

/// How many bytes at the end of `before` are the first half of an organisation's name cut at
/// "for": capitalised words (with "of" between them) ending in an institution's word, then
/// " for " or " for the " ("the National Association for the "); or at "to", after a
/// campaigning body's word ("the AIDS Coalition to "). 0 when none.
pub(super) fn name_before_for(before: &str) -> usize {
    let (rest, heads) = match before
        .strip_suffix(" for the ")
        .or_else(|| before.strip_suffix(" for "))
    {
        Some(rest) => (rest, HEADS_BEFORE_FOR),
        // "the AIDS Coalition to " + "Unleash Power": a campaign's aim.
        None => match before.strip_suffix(" to ") {
            Some(rest) => (rest, CAMPAIGNERS),
            None => return 0,
        },
    };
    let head = rest.rsplit(' ').next().unwrap_or("");
    if heads.binary_search(&head).is_err() {
        return 0;
    }
    let mut start = rest.len();
    for (n, word) in rest.rsplit(' ').enumerate() {
        // Not across a possessive: "the Institute of Education's Centre for the ..." is
        // the Centre's name.
        let capitalised = word.starts_with(char::is_uppercase)
            && !word.ends_with([',', ';', ':', '"', '\u{201d}', ')'])
            && !word.ends_with("'s")
            && !word.ends_with("\u{2019}s");
        if !(capitalised || (word == "of" && n > 0)) || n >= 6 {
            break;
        }
        start -= word.len() + usize::from(start < rest.len());
    }
    // Not "of" first: "the Secretary of the Association for ..." starts at a capital.
    while let Some(after_of) = rest[start..].strip_prefix("of ") {
        start = rest.len() - after_of.len();
    }
    before.len() - start
}

/// How many bytes of `after` finish an organisation's name cut at "for" (`name` ends in an
/// institution's word): " for the Advancement of Colored People", " for Economic
/// Co-operation and Development", " for the Prevention of Cruelty to Children". Capitalised
/// words, with "of", "and", "the", "to", "in" or "on" between them, up to eight words, ending
/// at a capitalised word. 0 when none.
pub(super) fn name_after_for(name: &str, after: &str) -> usize {
    let head = name.rsplit(' ').next().unwrap_or("");
    if HEADS_BEFORE_FOR.binary_search(&head).is_err() {
        return 0;
    }
    name_after(
        after,
        &[" for the ", " for "],
        &["and", "in", "of", "on", "the", "to"],
        8,
    )
}

/// How many bytes of `after` finish a campaigning body's name cut at "to" (`name` ends in
/// such a body's word): " to Unleash Power" of "the AIDS Coalition to Unleash Power", " to
/// Re-elect the President", " to Protect Rural England". Two capitalised words or more, with
/// "the", "of" or "in" between them, up to six (not "and": "the Coalition to Unleash Power
/// and the Yippies" are two). 0 when none.
pub(super) fn name_after_to(name: &str, after: &str) -> usize {
    const JOINS: &[&str] = &["in", "of", "the"];
    let head = name.rsplit(' ').next().unwrap_or("");
    if CAMPAIGNERS.binary_search(&head).is_err() {
        // "the National Mobilization Committee to End" + " the War in Vietnam": the aim the
        // tagger cut short.
        return if campaign_s_aim(name) {
            name_after(after, &[" the ", " "], JOINS, 5)
        } else {
            0
        };
    }
    let len = name_after(after, &[" to "], JOINS, 6);
    let words = after[..len]
        .split(' ')
        .filter(|w| w.starts_with(char::is_uppercase));
    if words.count() < 2 { 0 } else { len }
}

/// How many bytes of `after` finish a union's name cut at "and" (`name` is a body "of" its
/// members, ending in their plural): " and Firemen" of "the Associated Society of Locomotive
/// Engineers and Firemen", " and Aerospace Workers" of "the International Association of
/// Machinists and Aerospace Workers". One or two capitalised words, the last a plural, and
/// then no more of a name. 0 when none.
pub(super) fn members_after_and(name: &str, after: &str) -> usize {
    let plural = |w: &str| {
        w.len() > 3
            && (w.ends_with('s') && !w.ends_with("ss") || w.ends_with("men"))
            && w.starts_with(char::is_uppercase)
            && w.chars().skip(1).all(char::is_lowercase)
    };
    let last = name.rsplit(' ').next().unwrap_or("");
    if !name.contains(" of ") || !plural(last) {
        return 0;
    }
    let Some(rest) = after.strip_prefix(" and ") else {
        return 0;
    };
    let words: Vec<&str> = rest
        .split(' ')
        .take(3)
        .map(|w| w.trim_end_matches([',', '.', ';', ':', ')']))
        .collect();
    let capitalised = |w: &&str| w.starts_with(char::is_uppercase);
    let taken = match words.as_slice() {
        [a, b, c, ..] if capitalised(a) && plural(b) && !capitalised(c) => 2,
        [a, b, ..] if plural(a) && !capitalised(b) => 1,
        [a] if plural(a) => 1,
        [a, b] if capitalised(a) && plural(b) => 2,
        _ => 0,
    };
    if taken == 0 {
        return 0;
    }
    let len: usize = words[..taken].iter().map(|w| w.len()).sum::<usize>() + taken - 1;
    " and ".len() + len
}

/// How many bytes of `after` finish a summit's name cut at "on" or "for" (`name` ends in
/// "Summit"): " on the Information Society", " on Sustainable Development", " for Children".
/// 0 when none.
pub(super) fn summit_name_after(name: &str, after: &str) -> usize {
    if !name.ends_with("Summit") {
        return 0;
    }
    name_after(
        after,
        &[" on the ", " on ", " for the ", " for "],
        &["and", "of", "the"],
        6,
    )
}

/// How many bytes of `after` finish a name the tagger cut at "People's" (`name` ends in
/// "People"): "'s Government", "'s Liberation Army", "'s Republic of China" (capitalised
/// words, "of" between them, up to five). 0 when none.
pub(super) fn name_after_people_s(name: &str, after: &str) -> usize {
    if !name.ends_with("People") {
        return 0;
    }
    name_after(after, &["'s ", "\u{2019}s "], &["of"], 5)
}

/// How many bytes of `after` are the first of `openers` it starts with and a name's words
/// after it ([`capitalised_run`]). 0 when it starts with none or no name follows.
fn name_after(after: &str, openers: &[&str], joins: &[&str], most: usize) -> usize {
    let Some(rest) = openers.iter().find_map(|o| after.strip_prefix(o)) else {
        return 0;
    };
    match capitalised_run(rest, joins, most) {
        0 => 0,
        end => after.len() - rest.len() + end,
    }
}

/// How many bytes at the start of `rest` are a name's words: capitalised words, with the
/// lowercase `joins` between them, up to `most` words, ending at a capitalised word and
/// before any character that is no letter, digit, hyphen or apostrophe. 0 when none.
fn capitalised_run(rest: &str, joins: &[&str], most: usize) -> usize {
    let (mut end, mut at) = (0, 0);
    for (n, word) in rest.split(' ').enumerate() {
        let bare = &word[..word
            .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '\''))
            .unwrap_or(word.len())];
        let capitalised = bare.starts_with(char::is_uppercase);
        if n >= most || !(capitalised || (n > 0 && joins.contains(&bare))) {
            break;
        }
        if capitalised {
            end = at + bare.len();
        }
        if bare.len() < word.len() {
            break;
        }
        at += word.len() + 1;
    }
    end
}

/// The name right after an organisation's name that says it is also known so (", known as
/// Euratom", " (also known as Daesh)"), with its byte offset in `after`: capitalised words, up
/// to four, ending before punctuation. `None` when `after` goes on otherwise.
pub(super) fn known_as(after: &str) -> Option<(&str, usize)> {
    let rest = after.trim_start_matches([',', ' ', '(']);
    let rest = ["also known as ", "better known as ", "known as "]
        .iter()
        .find_map(|p| rest.strip_prefix(p))?;
    let at = after.len() - rest.len();
    let end = capitalised_run(rest, &[], 4);
    (end > 0).then(|| (&rest[..end], at))
}

/// Whether `piece` can be a partner's name in a firm's name of the form "Kuhn, Loeb & Co.",
/// "Merrill Lynch, Pierce, Fenner & Beane": one or two capitalised words of letters.
pub(super) fn is_partner_name(piece: &str) -> bool {
    let words: Vec<&str> = piece.split(' ').collect();
    words.len() <= 2
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        })
}

/// Labels that open a wire story's credit line: "(Reporting by Jane Doe in Cairo; Editing by
/// John Roe)". Lowercase.
const CREDIT_LABELS: &[&str] = &[
    "additional reporting by",
    "compiled by",
    "editing by",
    "reporting by",
    "writing by",
];

/// Byte ranges of `text` that are wire credit lines: from "(Reporting by", "(Editing by", ...
/// to the closing bracket, or a line that starts with such a label. The reporters, editors
/// and their desks are not what the story is about.
pub(super) fn wire_credits(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        // Every label ends in "by ": most lines need no closer look.
        if !line.contains("by ") {
            line_start += line.len();
            continue;
        }
        let lower = line.to_ascii_lowercase();
        let labelled = |at: usize| CREDIT_LABELS.iter().any(|l| lower[at..].starts_with(l));
        let lead = line.len() - line.trim_start().len();
        if lower.is_char_boundary(lead) && labelled(lead) {
            out.push((line_start + lead, line_start + line.trim_end().len()));
        } else {
            let mut from = 0;
            while let Some(open) = lower[from..].find('(').map(|i| from + i) {
                if labelled(open + 1) {
                    let close = lower[open..].find(')').map_or(line.len(), |i| open + i + 1);
                    out.push((line_start + open, line_start + close));
                    from = close;
                } else {
                    from = open + 1;
                }
            }
        }
        line_start += line.len();
    }
    out
}

/// Whether `name`, written between `before` and `after`, is a share's ticker symbol:
/// "Ascom registered shares (ASCN)", "(NYSE: IBM)", "(Nasdaq:AAPL)". The company is named
/// beside it; the symbol is no name of its own.
pub(super) fn is_ticker(before: &str, name: &str, after: &str) -> bool {
    let symbol = !name.is_empty()
        && name.len() <= 6
        && name.bytes().all(|b| b.is_ascii_uppercase() || b == b'.');
    if !symbol || !after.starts_with([')', ',', ';']) {
        return false;
    }
    let before = before.trim_end();
    if let Some(open) = before.strip_suffix('(') {
        // "registered shares (ASCN)", "its stock (XYZ)".
        let word = open.trim_end().rsplit(' ').next().unwrap_or("");
        return matches!(
            word.to_lowercase().as_str(),
            "share" | "shares" | "stock" | "stocks" | "ticker" | "symbol"
        );
    }
    // "(NYSE: IBM)": an exchange's name, one word, right after the parenthesis.
    before
        .strip_suffix(':')
        .and_then(|open| open.rsplit_once('('))
        .is_some_and(|(_, exchange)| {
            !exchange.is_empty() && exchange.chars().all(char::is_alphabetic)
        })
}

/// How many bytes of the text right after an office's or court's name give its district,
/// which is part of its name: " for the Western District of New York", " for the Ninth
/// Circuit", " for the District of Columbia" (there are 94 U.S. Attorney's Offices; the name
/// cut before its district names none of them). 0 when no district follows.
pub(super) fn district_after(after: &str) -> usize {
    let Some(rest) = after.strip_prefix(" for the ") else {
        return 0;
    };
    let start = after.len() - rest.len();
    // Capitalised words up to "District" or "Circuit", then "of" and up to three more.
    let mut end = None;
    let mut at = 0;
    let (mut head_seen, mut after_of) = (false, false);
    for (words_seen, word) in rest.split(' ').enumerate() {
        let bare = word.trim_end_matches(['.', ',', ';', ':', ')']);
        let capitalised = bare.starts_with(|c: char| c.is_uppercase());
        if bare == "of" && head_seen && !after_of {
            after_of = true;
        } else if !capitalised || words_seen >= 6 {
            break;
        } else if after_of {
            end = Some(at + bare.len());
        } else if matches!(bare, "District" | "Circuit") {
            head_seen = true;
            // "the District" alone is Washington's nickname: a qualifier or "of" must come.
            if words_seen > 0 {
                end = Some(at + bare.len());
            }
        }
        if bare.len() < word.len() {
            break;
        }
        at += word.len() + 1;
    }
    end.map_or(0, |e| start + e)
}

/// The woman's title right before byte `at` of `text`, without its dot ("Mrs" of "Mrs.
/// Kennedy", "Ms", "Miss", "Mme", "Madame", "Lady", "Dame"), if any.
pub(super) fn woman_s_title_before(text: &str, at: usize) -> Option<&'static str> {
    const TITLES: &[&str] = &[
        "Dame", "Frau", "Lady", "Madame", "Miss", "Mlle", "Mme", "Mrs", "Ms", "Senora", "Señora",
        "Signora",
    ];
    title_before(text, at, TITLES)
}

/// "Sir" or "Dame" right before byte `at` of `text`: a knight's or dame's title, after
/// which a given name alone names the person ("Sir Alec", "Dame Judi").
pub(super) fn knight_s_title_before(text: &str, at: usize) -> Option<&'static str> {
    title_before(text, at, &["Dame", "Sir"])
}

/// The one of `titles` that is the word right before byte `at` of `text`, without its dot.
fn title_before(text: &str, at: usize, titles: &[&'static str]) -> Option<&'static str> {
    let before = text.get(..at)?.trim_end();
    let word = before.rsplit(char::is_whitespace).next()?;
    let bare = word.strip_suffix('.').unwrap_or(word);
    titles.iter().find(|t| **t == bare).copied()
}

/// How many bytes of the text right after a geographic feature's word ("Gulf", "Bay",
/// "Sea", ...) name which one: " of Tonkin", " of Mexico", " of Wight" (capitalised words,
/// up to three). 0 when `feature` is no such word or no name follows.
pub(super) fn feature_name_after(feature: &str, after: &str) -> usize {
    const FEATURES: &[&str] = &[
        "Bay", "Cape", "Gulf", "Isle", "Isles", "Lake", "Sea", "Strait", "Straits",
    ];
    if FEATURES.contains(&feature) {
        of_and_name(after)
    } else {
        0
    }
}

/// How many bytes of `after` are " of " and a name: capitalised words, up to three, up to the
/// first character that is no letter, digit or hyphen (" of Tonkin", " of the People"). 0 when
/// `after` goes on otherwise.
fn of_and_name(after: &str) -> usize {
    let Some(rest) = after.strip_prefix(" of ") else {
        return 0;
    };
    let rest = match rest.strip_prefix("the ") {
        Some(named) if named.starts_with(char::is_uppercase) => named,
        _ => rest,
    };
    let (mut end, mut at) = (0, after.len() - rest.len());
    for word in rest.split(' ').take(3) {
        let bare = &word[..word
            .find(|c: char| !(c.is_alphanumeric() || c == '-'))
            .unwrap_or(word.len())];
        if !bare.starts_with(char::is_uppercase) {
            break;
        }
        end = at + bare.len();
        if bare.len() < word.len() {
            break;
        }
        at += word.len() + 1;
    }
    end
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
        // "a Marshall Plan for Africa" is a new plan named after the 1948 one.
        "plan",
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

/// Whether a name that is also a place's, at `at` in `text`, stands for a person: after a
/// person's title ("Mr Irish"), or before a verb of saying ("Jordan said he was done").
/// Countries and cities say things too ("Jordan said it would close the border"): this is
/// read only where the article names a person of that surname in full.
pub(super) fn stands_for_a_person(text: &str, at: usize, len: usize) -> bool {
    let next = text
        .get(at + len..)
        .and_then(|after| after.split_whitespace().next())
        .unwrap_or("");
    after_personal_title(text, at) || is_said(next.trim_end_matches([',', '.']))
}

/// Whether the last word of `name` is one of `words` ("Supporters' Club" in bodies).
pub(super) fn last_word_in(name: &str, words: &[&str]) -> bool {
    name.rsplit(' ')
        .next()
        .is_some_and(|last| words.contains(&last))
}

/// Capitalised titles before a name. "Prime", "Foreign" etc. are only modifiers: they
/// extend a cue ("Prime Minister") but do not make one.
pub(super) fn is_title_cue(w: &str) -> bool {
    TITLE_CUES.binary_search(&w).is_ok()
}

#[rustfmt::skip]
const TITLE_CUES: &[&str] = &[
    "Admiral", "Ald", "Alderman", "Alderwoman", "Alhaja", "Alhaji", "Ambassador", "Archbishop",
    "Assemblyman", "Assemblywoman", "Begum", "Brigadier", "Captain", "Cardinal", "Chairman",
    "Chairperson", "Chairwoman", "Chancellor", "Cllr", "Coach", "Colonel", "Commander",
    "Commissioner", "Congressman", "Congresswoman", "Constable", "Councillor", "Councilman", "Councilor",
    "Councilwoman", "Dame", "Datin", "Dato", "Datuk", "Defender", "Defenseman", "Det",
    "Detective", "Dr", "Emir", "Emperor", "Envoy", "Frau", "Gen", "General", "Generalissimo",
    "Goalie", "Goalkeeper", "Gov", "Governor", "Headmaster", "Headmistress", "Headteacher",
    "Herr", "Hon", "Imam", "Insp", "Inspector", "Judge", "Justice", "King", "Lady",
    "Lieutenant", "Lord", "Magistrate", "Marshal", "Maulana", "Mayor", "Messrs", "Midfielder",
    "Minister", "Miss", "Mlle", "Mme", "Monsieur", "Mr", "Mrs", "Ms", "Pandit", "Pastor",
    "Pitcher", "Pope", "Premier", "President", "Prince", "Princess", "Prof", "Professor",
    "Quarterback", "Queen", "Rabbi", "Rep", "Secretary", "Sen", "Senator", "Senhor", "Senor",
    "Senora", "Sergeant", "Señor", "Señora", "Sgt", "Sheikh", "Sheriff", "Shri", "Shrimati",
    "Signor", "Signora", "Sir", "Smt", "Speaker", "Spokesman", "Spokesperson", "Spokeswoman",
    "Striker", "Sultan", "Supt", "Tanaiste", "Taoiseach", "Tun", "Tánaiste", "Winger",
];

/// Whether the word right before `at` in `text` is a title only a person bears ("Mr.",
/// "President", "Marshal"): after one, a lone word is a surname, whatever else it could be
/// ("President Truman", "Marshal Stalin"). Military commands ("Commander Atlantic") and
/// titles with "of" ("Archbishop of Canterbury") are not.
pub(super) fn after_personal_title(text: &str, at: usize) -> bool {
    let Some(before) = text.get(..at).and_then(|t| t.strip_suffix(' ')) else {
        return false;
    };
    // A title opening a paragraph follows a line break, not a space.
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    // "Mr.", "Gov.", "Prof.": an abbreviation's point; after a whole word ("... General
    // Secretary. NUJ officials") the point ends a sentence.
    let (word, pointed) = match word.strip_suffix('.') {
        Some(bare) => (bare, true),
        None => (word, false),
    };
    (!pointed || word.len() <= 4) && PERSONAL_TITLES.binary_search(&word).is_ok()
}

/// Whether the word before `at` (a comma between allowed: "their singer, Bono,") is an
/// occupation news writes before a person's name ("the coach Bela Karolyi").
pub(super) fn after_role_noun(text: &str, at: usize) -> bool {
    #[rustfmt::skip]
    const ROLES: &[&str] = &[
        "actor", "actress", "author", "batsman", "bowler", "boxer", "chairman", "chairwoman",
        "coach", "comedian", "composer", "conductor", "defender", "drummer", "footballer",
        "goalkeeper", "golfer", "guitarist", "jockey", "midfielder", "novelist", "pianist",
        "playwright", "poet", "presenter", "rapper", "singer", "skipper", "sprinter",
        "striker", "trainer", "winger",
    ];
    let Some(before) = text.get(..at).and_then(|t| t.strip_suffix(' ')) else {
        return false;
    };
    let before = before.strip_suffix(',').unwrap_or(before);
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    ROLES.binary_search(&word).is_ok()
}

/// Whether the name at `start..end` of `text` stands where a club does: after "the" (or
/// "a", "an", "former") and before a player's or a club official's role ("the Al Nassr
/// winger", "a Real Betis defender", "the Hajduk Split coach"). No one's name is used so.
pub(super) fn club_before_a_role(text: &str, start: usize, end: usize) -> bool {
    #[rustfmt::skip]
    const ROLES: &[&str] = &[
        "batsman", "bowler", "captain", "centre-back", "chairman", "coach", "defender",
        "flanker", "fly-half", "forward", "full-back", "goalkeeper", "keeper", "manager",
        "midfielder", "pitcher", "playmaker", "quarterback", "scrum-half", "skipper", "striker",
        "wicketkeeper", "winger",
    ];
    before_a_role(text, start, end, ROLES)
}

/// Whether the one word at `start..end` of `text` stands where a party does: after "the"
/// (or "a", "an", "former") and before a politician's role ("the Green MEP", "the Green
/// candidate"): a party's name as an adjective, no one's.
pub(super) fn party_before_a_role(text: &str, start: usize, end: usize) -> bool {
    #[rustfmt::skip]
    const ROLES: &[&str] = &[
        "MEP", "MEPs", "MP", "MPs", "candidate", "candidates", "councillor", "councillors",
        "deputy", "leader", "nominee", "senator",
    ];
    !text[start..end].contains(' ') && before_a_role(text, start, end, ROLES)
}

/// Whether the name at `start..end` of `text` comes after "the" (or "a", "an", "former")
/// and before one of `roles` (sorted).
fn before_a_role(text: &str, start: usize, end: usize, roles: &[&str]) -> bool {
    let Some(before) = text.get(..start).and_then(|t| t.strip_suffix(' ')) else {
        return false;
    };
    let determiner = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let Some(after) = text.get(end..).and_then(|t| t.strip_prefix(' ')) else {
        return false;
    };
    let role = after
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .next()
        .unwrap_or("");
    matches!(
        determiner,
        "the" | "The" | "a" | "A" | "an" | "An" | "former"
    ) && roles.binary_search(&role).is_ok()
}

/// Whether `before` ends in a word for a firm that the name after it is in apposition to:
/// "the pharmaceutical group Hoffmann-La Roche", "another Basel company, Hoffmann-La Roche,",
/// "the carmaker Ferrari". A firm named after people, not the people.
pub(super) fn firm_word_before(before: &str) -> bool {
    const FIRMS: &[&str] = &[
        "bank",
        "carmaker",
        "company",
        "concern",
        "conglomerate",
        "firm",
        "group",
        "maker",
        "multinational",
        "retailer",
    ];
    // After a comma only a firm just introduced: "a spokeswoman for the company, Kathy
    // Bartlett," names someone of the firm.
    let (rest, comma) = match before.strip_suffix(", ") {
        Some(rest) => (rest, true),
        None => (before.strip_suffix(' ').unwrap_or(""), false),
    };
    let mut words = rest.rsplit(' ').peekable();
    let firm = words.next().is_some_and(|w| FIRMS.contains(&w));
    // "the documentary maker D. A. Pennebaker", "the film maker Theo van Gogh": a person.
    let maker_of_films = rest.ends_with(" maker")
        && words
            .peek()
            .is_some_and(|w| matches!(*w, "documentary" | "film" | "movie" | "programme"));
    // An article within the three words before ("the Swiss drug company").
    firm && !maker_of_films
        && words.take(3).any(|w| match w {
            "the" | "The" => !comma,
            "a" | "A" | "an" | "An" | "another" | "Another" => true,
            _ => false,
        })
}

/// Whether the name at `start..end` of `text` is a firm's, named after its founder: "Arthur
/// Andersen, which audited the books" (people are "who"). Only where the name is the
/// clause's whole subject or an apposition ("its auditor, Arthur Andersen, which"): "the
/// government of Bishop Abel Muzorewa, which" and "the film Vera Drake, which" are about
/// another noun.
pub(super) fn firm_before_which(text: &str, start: usize, end: usize) -> bool {
    if !text[end..].starts_with(", which ") {
        return false;
    }
    let before = text[..start].trim_end();
    // A sentence's end, not a title's dot ("led by Mr. Harry Nkumbula").
    let title = before
        .rsplit(char::is_whitespace)
        .next()
        .map(|w| w.trim_end_matches('.'))
        .is_some_and(|w| is_title_cue(w) || is_abbrev(w));
    before.is_empty()
        || before.ends_with(['.', ',', '\n', '"', '\u{201c}']) && !title
        || before.ends_with(" the")
        || before.ends_with("The")
}

/// Whether the name at `start..end` of `text` is a title in quotes ("'Ben-Hur' in 1960",
/// a film; not "Ben-Hur's") or a nickname in brackets inside a person's name ("Earvin
/// (Magic) Johnson"): no entity of its own.
pub(super) fn quoted_title_or_nickname(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    // "the film \"The Beach\"": an article inside the marks, left out of the name.
    let open = ["The ", "A ", "An "]
        .iter()
        .find(|article| text[..start].ends_with(*article))
        .map_or(start, |article| start - article.len());
    // Speech is no title, however its words are cased: "\"Or Manchester United at Old
    // Trafford,\" said Probert".
    let speech = text[end..]
        .trim_start_matches([',', '.', '"', '\'', '\u{201d}', '\u{2019}', ' '])
        .split(' ')
        .next()
        .is_some_and(|w| matches!(w, "added" | "asked" | "replied" | "said" | "says"));
    let open = match title_words_before(&text[..open]) {
        Some(words) if !speech => open - words,
        _ => open,
    };
    let before_quote = text[..open].chars().next_back();
    let mut after = text[end..].chars();
    let mut close = after.next();
    // "known as \"Big Minh,\" said": American copy closes the quote after the comma.
    if matches!(close, Some(',' | '.'))
        && matches!(
            after.clone().next(),
            Some('"' | '\u{201d}' | '\'' | '\u{2019}')
        )
    {
        close = after.next();
    }
    let next = after.next();
    // "the newspaper \"Pravda\"", "the band 'Oasis'": a body named in quotes.
    const BODIES: &[&str] = &[
        "agency",
        "band",
        "company",
        "daily",
        "firm",
        "group",
        "journal",
        "magazine",
        "movement",
        "newspaper",
        "organisation",
        "organization",
        "paper",
        "party",
        "union",
        "weekly",
    ];
    // Before the opening mark, whatever its width ("\u{201c}" is three bytes).
    let before_mark = &text[..open - before_quote.map_or(0, char::len_utf8)];
    let body_before = before_mark
        .trim_end()
        .rsplit(' ')
        .next()
        .is_some_and(|w| BODIES.contains(&w));
    let quoted = !body_before
        && matches!(
            (before_quote, close),
            (Some('\'' | '\u{2018}'), Some('\'' | '\u{2019}'))
                | (Some('"' | '\u{201c}'), Some('"' | '\u{201d}'))
        )
        && !next.is_some_and(char::is_alphanumeric);
    let name = &text[start..end];
    let bracketed = before == Some('(')
        && close == Some(')')
        && !name.contains(' ')
        && name.chars().any(char::is_lowercase)
        && text[..start - 1]
            .strip_suffix(' ')
            .and_then(|t| t.rsplit(' ').next())
            .is_some_and(|w| {
                w.starts_with(char::is_uppercase) && w.chars().all(char::is_alphabetic)
            })
        // The surname after it ends the name: "(Magic) Johnson, playing", not a squad
        // list's "Shilton (Southampton) Chris Woods (Norwich)".
        && text[end + 1..].strip_prefix(' ').is_some_and(|rest| {
            let mut words = rest.split(' ');
            words.next().is_some_and(|w| w.starts_with(char::is_uppercase))
                && !words.next().is_some_and(|w| w.starts_with(char::is_uppercase))
        });
    quoted || bracketed
}

/// The length of the words of a title in quotes that `before` ends in, after the opening
/// mark: "These " of "\"These Arms of Mine\"", "It's All Over Now, " of "\"It's All Over Now,
/// Baby Blue\"". At most six words, each capitalised or a title's small word, on one line;
/// `None` when `before` ends in no such words (a quoted sentence has lowercase words: "\"We
/// love you, John\"").
fn title_words_before(before: &str) -> Option<usize> {
    const SMALL: &[&str] = &[
        "a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with",
    ];
    // Six words are within the last 160 bytes: the scan back stays short however long the
    // line (a 1.5 MB paragraph has 30,000 names).
    let mut from = before.len().saturating_sub(160);
    while !before.is_char_boundary(from) {
        from += 1;
    }
    let tail = &before[from..];
    let line = &tail[tail.rfind('\n').map_or(0, |at| at + 1)..];
    // The nearest opening mark: a double one, or a single one after a space (not the
    // apostrophe of "It's").
    let mark = line.char_indices().rev().find(|&(at, c)| {
        matches!(c, '"' | '\u{201c}')
            || (matches!(c, '\'' | '\u{2018}') && (at == 0 || line[..at].ends_with([' ', '('])))
    })?;
    let words = &line[mark.0 + mark.1.len_utf8()..];
    let count = words.split_whitespace().count();
    let title_cased = words.split_whitespace().all(|w| {
        let w = w.trim_end_matches([',', ':']);
        w.starts_with(char::is_uppercase) || SMALL.contains(&w)
    });
    // An opening mark runs into its first word; a closing one is followed by a space.
    (words.ends_with(' ')
        && !words.starts_with(' ')
        && (1..=6).contains(&count)
        && title_cased
        && !words.contains(['"', '\u{201c}', '\u{201d}']))
    .then_some(words.len())
}

/// Whether `name` is a military or naval rank and one capitalised word ("Admiral Ito",
/// "Colonel Dreyfus", "General Gordon"): the shape of a person's name whatever the tagger
/// read, unless the word is a body's ("Admiral Insurance"; which listed firms such as
/// "General Motors" also are, the caller asks the lists). "General" opens other names too
/// ("General Electric"): after it the word must be a surname.
pub(super) fn is_rank_and_name(name: &str) -> bool {
    // Ranks that open a person's name (`TITLE_CUES`, which trimming takes off it); not
    // "Commodore" ("Commodore Amiga") nor "Major" ("John Major", "Major League").
    const RANKS: &[&str] = &[
        "Admiral",
        "Brigadier",
        "Captain",
        "Colonel",
        "Commander",
        "Gen",
        "General",
        "Lieutenant",
        "Sergeant",
        "Sgt",
    ];
    let Some((rank, word)) = name.split_once(' ') else {
        return false;
    };
    let rank = rank.strip_suffix('.').unwrap_or(rank);
    let shaped = RANKS.contains(&rank)
        && !word.contains(' ')
        && word.starts_with(char::is_uppercase)
        && word.chars().skip(1).any(char::is_lowercase)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'');
    shaped
        && !is_org_head(word)
        && !crate::enrich::ner::is_org_word(word)
        && (!matches!(rank, "Gen" | "General") || crate::enrich::ner::is_listed_surname(word))
}

/// Whether `name` is "Honorific Surname" ("Frau Schmidt", "Signor Mussolini", "Mr. Grant"):
/// a person, whatever kind the tagger read.
pub(super) fn is_honorific_and_name(name: &str) -> bool {
    name.split_once(' ').is_some_and(|(first, rest)| {
        is_honorific(first) && !rest.contains(' ') && rest.starts_with(char::is_uppercase)
    })
}

/// Whether `word` is a courtesy before a surname ("Mr.", "Frau", "Signor").
pub(super) fn is_honorific(word: &str) -> bool {
    const HONORIFICS: &[&str] = &[
        "Frau", "Herr", "Miss", "Mlle", "Mme", "Monsieur", "Mr", "Mrs", "Ms", "Senhor", "Senor",
        "Senora", "Señor", "Señora", "Signor", "Signora",
    ];
    HONORIFICS.contains(&word.strip_suffix('.').unwrap_or(word))
}

/// Whether `name` is a peer's title ("Earl of Home", "Duke of Edinburgh") or a lord's, a
/// lady's or a knight's and one name ("Lord Longford", "Sir Elwyn"): a person, not the place
/// the title names ("Lord Howe Island" is three words; "Lord Mayor" a title).
pub(super) fn is_peerage(name: &str) -> bool {
    // "Lord Justice Taylor", "Mr. Justice Lawton": a judge by his title and surname.
    let judge = [
        "Lord Justice ",
        "Lady Justice ",
        "Mr Justice ",
        "Mr. Justice ",
        "Mrs Justice ",
    ]
    .iter()
    .find_map(|title| name.strip_prefix(title))
    .is_some_and(|rest| !rest.contains(' ') && rest.starts_with(char::is_uppercase));
    let titled = name.split_once(' ').is_some_and(|(title, rest)| {
        matches!(title, "Lord" | "Lady" | "Sir")
            && !rest.contains(' ')
            && rest.starts_with(char::is_uppercase)
            && !is_title_cue(rest)
            && PERSONAL_TITLES.binary_search(&rest).is_err()
            && !is_lords_office(name)
    });
    judge || titled || of_a_peerage(name)
}

/// Whether `name` is an office whose title starts with "Lord" ("Lord Chamberlain", "Lord
/// Mayor", "Lord Chancellor"): no person, and no place either.
pub(super) fn is_lords_office(name: &str) -> bool {
    name.strip_prefix("Lord ").is_some_and(|office| {
        matches!(
            office,
            "Advocate"
                | "Chamberlain"
                | "Chancellor"
                | "Chief"
                | "Justice"
                | "Lieutenant"
                | "Mayor"
                | "President"
                | "Protector"
                | "Provost"
                | "Speaker"
                | "Steward"
                | "Warden"
        )
    })
}

fn of_a_peerage(name: &str) -> bool {
    const RANKS: &[&str] = &[
        "Baron",
        "Baroness",
        "Countess",
        "Duchess",
        "Duke",
        "Earl",
        "Marchioness",
        "Marquess",
        "Marquis",
        "Viscount",
        "Viscountess",
    ];
    name.split_once(" of ")
        .is_some_and(|(rank, place)| RANKS.contains(&rank) && place.starts_with(char::is_uppercase))
}

#[rustfmt::skip]
const PERSONAL_TITLES: &[&str] = &[
    "Ald", "Alderman", "Alderwoman", "Alhaja", "Alhaji", "Assemblyman", "Assemblywoman", "Begum",
    "Chancellor", "Cllr", "Congressman", "Congresswoman", "Councilman", "Councilor",
    "Councilwoman", "Dame", "Datin", "Dato", "Datuk", "Det", "Dr", "Frau", "Generalissimo",
    "Gov", "Governor", "Headmaster", "Headmistress", "Headteacher", "Herr", "Imam", "Insp",
    "Inspector", "Judge", "Magistrate", "Marshal", "Maulana", "Mayor", "Miss", "Mlle", "Mme",
    "Monsieur", "Mr", "Mrs", "Ms", "Pandit", "Pastor", "Premier", "President", "Prof",
    "Professor", "Rabbi", "Rep", "Secretary", "Sen", "Senator", "Senhor", "Senor", "Senora",
    "Señor", "Señora", "Sgt", "Sheriff", "Shri", "Shrimati", "Signor", "Signora", "Sir", "Smt",
    "Supt", "Tanaiste", "Taoiseach", "Tun", "Tánaiste",
];

/// Whether `w` (any case) is a monarch's title that the tagger's title list (a feature of
/// its model) lacks: "the Czar", "the Kaiser", "the Mikado".
pub(super) fn is_monarch_title(w: &str) -> bool {
    ["czar", "czarina", "kaiser", "mikado", "tsar", "tsarina"]
        .iter()
        .any(|t| w.eq_ignore_ascii_case(t))
}

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
    "Acting", "Attorney", "Chief", "Crown", "Defence", "Defense", "Deputy",
    "Economy", "Energy", "Executive", "Field", "Finance", "Foreign", "Former", "Health", "Home",
    "Interior", "Justice", "Prime", "State", "Trade", "Vice",
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

/// "Christian Democrats", "Social Democrats", "Majority Socialists": a word before a party's
/// members' plural that makes the name of another party than the one a list calls by that
/// plural alone ("Democrats": the US Democratic Party).
pub(super) fn names_another_party(before: &str, plural: &str) -> bool {
    const QUALIFIERS: &[&str] = &[
        "Christian",
        "Civic",
        "Democratic",
        "English",
        "Free",
        "Independent",
        "Majority",
        "National",
        "Popular",
        "Progressive",
        "Radical",
        "Revolutionary",
        "Social",
        "Swiss",
        "Young",
    ];
    is_party_members(plural)
        && before
            .strip_suffix(' ')
            .and_then(|b| b.rsplit(char::is_whitespace).next())
            .is_some_and(|word| QUALIFIERS.contains(&word))
}

/// Whether `word` is the plural a party's members go by ("Democrats", "Socialists"): it
/// ends no one's name.
pub(super) fn is_party_members(word: &str) -> bool {
    PARTY_MEMBERS.binary_search(&word).is_ok()
}

#[rustfmt::skip]
const PARTY_MEMBERS: &[&str] = &[
    "Communists", "Conservatives", "Democrats", "Greens", "Liberals", "Nationalists",
    "Progressives", "Radicals", "Republicans", "Socialists", "Unionists",
];

/// "the Minister of War", "the Liberal War Minister", "the War Office": a name with a head of
/// events ("War") that is an office's or a department's, either after the office's title and
/// "of" or before the title.
pub(super) fn event_word_of_an_office(name: &str, after: &str) -> bool {
    const OFFICES: &[&str] = &[
        "Board",
        "Cabinet",
        "Council",
        "Department",
        "Minister",
        "Ministry",
        "Office",
        "Secretary",
        "Undersecretary",
    ];
    let title_of = name
        .split_once(" of ")
        .is_some_and(|(title, _)| OFFICES.contains(&title));
    let title_after = after
        .strip_prefix(' ')
        .and_then(|a| a.split(|c: char| !c.is_alphabetic()).next())
        .is_some_and(|word| OFFICES.contains(&word));
    title_of || title_after
}

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

/// Whether `after` (the text after a name) opens with a regnal number: " IV", " XII.",
/// " II's" (up to six of I, V, X, then no letter or digit); a lone "I" before a lowercase
/// word is the pronoun ("Putin I think").
pub(super) fn regnal_number_after(after: &str) -> bool {
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    let numeral = rest.bytes().take_while(|b| b"IVX".contains(b)).count();
    if numeral == 0 || numeral > 6 {
        return false;
    }
    let tail = &rest[numeral..];
    let pronoun = numeral == 1
        && rest.starts_with('I')
        && tail
            .strip_prefix(' ')
            .is_some_and(|next| next.starts_with(char::is_lowercase));
    !tail.starts_with(char::is_alphanumeric) && !pronoun
}

/// Words that start an event's name when "of" follows them: "the Treaty of Rome", "the
/// Battle of Britain", "the Siege of Sarajevo" (capitalised: "a battle of wills" is none).
pub(super) fn leads_an_event_name(w: &str) -> bool {
    matches!(w, "Treaty" | "Battle" | "Siege")
}

/// Whether an organisation's name would go on a country's name as a body of that country's
/// does ("[New Zealand] Rugby Football Union", "[Pakistan] Cricket Board"): two words or
/// more, ending in a word of associations, unions, boards and clubs, and no government's
/// office ("Foreign Ministry" of "Iraq Foreign Ministry" is the table of `national.rs`).
pub(super) fn names_a_national_body(name: &str) -> bool {
    let Some((rest, last)) = name.rsplit_once(' ') else {
        return false;
    };
    let first = rest.split(' ').next().unwrap_or(rest);
    matches!(
        last,
        "Association"
            | "Board"
            | "Club"
            | "Confederation"
            | "Federation"
            | "League"
            | "Society"
            | "Union"
    ) && !is_cue_modifier(first)
        && first.starts_with(char::is_uppercase)
}

/// Whether a listed full name goes on, in `rest`, with one more surname, its last word
/// being a middle name: " Lawson" after "John Howard" ("Howard" is also a given name), not
/// " Ugarte" after "Augusto Pinochet", nor " Jr." or " III".
pub(super) fn goes_on_with_a_surname(listed: &str, rest: &str) -> bool {
    let middle = listed
        .rsplit(' ')
        .next()
        .is_some_and(super::fragments::is_given_name);
    middle
        && rest.strip_prefix(' ').is_some_and(|word| {
            word.len() > 2
                && word.starts_with(char::is_uppercase)
                && word
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
                && !super::person_names::SUFFIXES.contains(&word)
        })
}

/// Whether `name` is a day named for what happened on it: "Black Monday", "Bloody Sunday",
/// "Super Tuesday" (a capitalised word and a weekday).
pub(super) fn names_a_day(name: &str) -> bool {
    name.split_once(' ').is_some_and(|(first, day)| {
        first.starts_with(char::is_uppercase)
            && first.chars().skip(1).all(char::is_lowercase)
            // "Sheffield Wednesday" is a club, "Mike Friday" a man.
            && !super::fragments::is_city(first)
            && !super::fragments::is_given_name(first)
            && crate::enrich::dates::is_weekday_name(day)
    })
}

/// The year the text right after a name gives it: " of 1987" or " in 1929", perhaps after a
/// word of what it was (" crash of 1987"), as "the Black Monday crash of 1987" says which
/// Black Monday, whenever the article was written.
pub(super) fn year_named_after(after: &str) -> Option<i32> {
    let after = after
        .strip_prefix(' ')
        .and_then(|rest| {
            let word = rest.split(' ').next()?;
            word.chars()
                .all(|c| c.is_ascii_lowercase())
                .then(|| &rest[word.len()..])
                .filter(|_| !matches!(word, "of" | "in"))
        })
        .unwrap_or(after);
    let digits = after
        .strip_prefix(" of ")
        .or_else(|| after.strip_prefix(" in "))?;
    // " in October 1987".
    let digits = match digits.split_once(' ') {
        Some((month, rest)) if crate::enrich::dates::is_month_name(month) => rest,
        _ => digits,
    };
    let year = digits.get(..4)?;
    let ends = digits[4..]
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric());
    (year.bytes().all(|b| b.is_ascii_digit()) && ends)
        .then(|| year.parse().ok())
        .flatten()
}

/// Whether `name` is a named military or police operation: "Operation Blue Star",
/// "Operation Desert Storm" ("Operations Director" is no name).
pub(super) fn names_an_operation(name: &str) -> bool {
    name.strip_prefix("Operation ")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_uppercase()))
}

/// How many bytes before `at` in `text` the word of a named storm takes ("Hurricane ",
/// "Typhoon ", "Tropical Storm "): "Hurricane Camille", "Cyclone Tracy" are storms, whatever
/// the tagger read their names as. 0 when none.
pub(super) fn storm_before(text: &str, at: usize) -> usize {
    const STORMS: &[&str] = &[
        "Cyclone ",
        "Hurricane ",
        "Superstorm ",
        "Tropical Storm ",
        "Typhoon ",
    ];
    STORMS
        .iter()
        .find(|storm| text[..at].ends_with(*storm))
        .map_or(0, |storm| storm.len())
}

/// Whether `name` is a storm's word and one name: "Hurricane Camille", "Typhoon Haiyan"; not
/// a firm of that name ("Hurricane Electric", "Cyclone Industries").
pub(super) fn names_a_storm(name: &str) -> bool {
    name.rsplit_once(' ').is_some_and(|(_, last)| {
        let at = name.len() - last.len();
        storm_before(name, at) == at
            && last.starts_with(char::is_uppercase)
            && !super::fragments::is_legal_form(last)
            && !is_org_head(last)
            && !crate::enrich::ner::is_listed_organisation(name)
    })
}

/// Whether a name is made as [`leads_an_event_name`] says ("Battle of Britain").
pub(super) fn is_led_event_name(name: &str) -> bool {
    name.split_once(" of ")
        .is_some_and(|(lead, object)| leads_an_event_name(lead) && !object.is_empty())
}

#[rustfmt::skip]
const EVENT_HEADS: &[&str] = &[
    "Accident", "Affair", "Agreement", "Airlift", "Assassination", "Awards", "Blizzard",
    "Blockade", "Bombing",
    "Bombings", "Carnival", "Championship", "Championships", "Conference", "Convention",
    "Crisis", "Cup", "Disaster", "Earthquake", "Election", "Elections", "Expo", "Fair",
    "Famine", "Festival", "Flood", "Floods", "Games", "Hijacking", "Kidnapping", "Marathon",
    "Massacre", "Murders", "Mutiny", "Olympics", "Pandemic", "Raid", "Rebellion", "Referendum",
    "Regatta", "Revolution", "Riot", "Riots", "Robbery", "Show", "Siege", "Strike", "Summit",
    "Talks", "Treaty", "Trial", "Uprising", "War",
];

/// Whether `word` is letters a name is followed by for an office, an honour or a degree
/// ("Q.C.", "MP", "V.C.", "OBE", "TD"), with or without dots; "Q.C." after counsel's name
/// read as a place, as "D.C." of "Washington, D.C." is one.
pub(super) fn is_post_nominal(word: &str) -> bool {
    let letters = word.trim_end_matches(',');
    if letters == "Bart." {
        return true;
    }
    // Four letters at most, dotted or not ("G.C.M.G."): most words go here, before any copy.
    if letters.len() > 8 || !letters.starts_with(|c: char| c.is_ascii_uppercase()) {
        return false;
    }
    let bare: String = letters.chars().filter(|&c| c != '.').collect();
    // Dotted, each letter its own dot ("Q.C."), or undotted.
    let dotted = letters.contains('.');
    (!dotted || letters.len() == 2 * bare.len())
        && POST_NOMINALS.binary_search(&bare.as_str()).is_ok()
}

#[rustfmt::skip]
const POST_NOMINALS: &[&str] = &[
    "AFC", "Bt", "CBE", "CH", "CMG", "CVO", "DBE", "DFC", "DSC", "DSO", "FRS", "GBE",
    "GC", "GCB", "GCMG", "GCVO", "JP", "KBE", "KC", "KCB", "KCMG", "KCVO", "LVO", "MBE", "MC",
    "MEP", "MHR", "MLA", "MLC", "MP", "MSP", "MVO", "OBE", "OM", "QC", "QPM", "SC", "TD", "VC",
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

/// Whether a story is about sport: two or more of sport's own lowercase words ("match",
/// "goals", "innings", "league"). A town the tagger read as a body is a club only in such a
/// story: it learnt towns as clubs from results pages, and elsewhere they are where things
/// happen ("the collieries at Newcastle", "a dealer from Bridgend").
pub(super) fn is_about_sport(title: &str, body: &str) -> bool {
    let mut hits = 0;
    for text in [title, body] {
        // Bytes, not chars: a word of the list is ASCII, and this reads every byte.
        let words = text
            .as_bytes()
            .split(|&b| !(b.is_ascii_lowercase() || b == b'-'))
            .filter(|w| w.len() >= 4);
        for word in words {
            if SPORT_WORDS
                .binary_search_by(|w| w.as_bytes().cmp(word))
                .is_ok()
            {
                hits += 1;
                if hits >= 2 {
                    return true;
                }
            }
        }
    }
    false
}

/// Words of sport that other news seldom writes (not "final", "season", "team", "coach" nor
/// "penalty"), sorted.
const SPORT_WORDS: &[&str] = &[
    "athletics",
    "baseball",
    "batsman",
    "batsmen",
    "bowler",
    "bowlers",
    "boxing",
    "championship",
    "cricket",
    "cup-tie",
    "defender",
    "derby",
    "fixture",
    "fixtures",
    "football",
    "footballer",
    "footballers",
    "goal",
    "goalkeeper",
    "goals",
    "half-time",
    "hockey",
    "inning",
    "innings",
    "jockey",
    "kick-off",
    "league",
    "match",
    "matches",
    "midfield",
    "midfielder",
    "pennant",
    "pitcher",
    "playoff",
    "playoffs",
    "quarter-final",
    "quarterback",
    "racecourse",
    "referee",
    "relegation",
    "rugby",
    "scored",
    "semi-final",
    "soccer",
    "stadium",
    "striker",
    "touchdown",
    "wicket",
    "wickets",
];

#[cfg(test)]
mod tests {
    #[test]
    fn a_union_s_name_goes_on_past_its_and() {
        fn after<'t>(name: &str, text: &'t str) -> &'t str {
            &text[..super::members_after_and(name, text)]
        }
        let society = "Associated Society of Locomotive Engineers";
        assert_eq!(after(society, " and Firemen has called"), " and Firemen");
        assert_eq!(
            after(
                "International Association of Machinists",
                " and Aerospace Workers said"
            ),
            " and Aerospace Workers"
        );
        // Another body, or no plural of members: the name ends where the tagger cut it.
        assert_eq!(after(society, " and Railtrack said"), "");
        assert_eq!(after(society, " and the Post Office"), "");
        assert_eq!(
            after("National Union of Mineworkers", " and Arthur Scargill"),
            ""
        );
        assert_eq!(after("Ford Motor Co", " and Workers"), "");
    }

    #[test]
    fn a_party_as_an_adjective_before_a_politician_s_role() {
        let at = |text: &str, name: &str| {
            let start = text.find(name).unwrap();
            super::party_before_a_role(text, start, start + name.len())
        };
        assert!(at("5.3 per cent, the Green candidate Noel Mamere", "Green"));
        assert!(at("The Green MEP Ms Patricia McKenna said", "Green"));
        assert!(!at("Mrs Green, the candidate, said", "Green"));
        assert!(!at("the Pauline Green candidate", "Pauline Green"));
        assert!(!at("the Green Party candidate", "Green Party"));
    }

    #[test]
    fn quoted_titles_and_bracketed_nicknames_at_any_width_of_mark() {
        let at = |text: &str, name: &str| {
            let start = text.find(name).unwrap();
            super::quoted_title_or_nickname(text, start, start + name.len())
        };
        assert!(at("equalling 'Ben-Hur' in 1960", "Ben-Hur"));
        assert!(at("the film \u{201c}Titanic\u{201d} won", "Titanic"));
        assert!(at("costs \u{a3}5 \u{2013}\u{201c}Jaws\u{201d} too", "Jaws"));
        assert!(!at("the newspaper \"Pravda\" said", "Pravda"));
        assert!(at("where the film \"The Beach\" was made", "Beach"));
        assert!(at("known to all as \"Big Minh,\" said", "Big Minh"));
        assert!(!at("the newspaper \"The Times\" said", "Times"));
        assert!(!at("Ben-Hur's chariot", "Ben-Hur"));
        assert!(at("Earvin (Magic) Johnson, playing", "Magic"));
        assert!(!at(
            "Shilton (Southampton) Chris Woods (Norwich)",
            "Southampton"
        ));
        assert!(!at("the Organisation (NATO) said", "NATO"));
    }

    #[test]
    fn the_words_of_a_quoted_title_before_a_name_are_found() {
        fn found(before: &str) -> Option<&str> {
            super::title_words_before(before).map(|n| &before[before.len() - n..])
        }
        assert_eq!(found("hits included \"These "), Some("These "));
        assert_eq!(
            found("sang \"It's All Over Now, "),
            Some("It's All Over Now, ")
        );
        assert_eq!(found("the song 'Help Me, "), Some("Help Me, "));
        // A quoted sentence, no mark, a mark closed before, too many words.
        assert_eq!(found("\"We love you, "), None);
        assert_eq!(found("said on Monday that "), None);
        assert_eq!(found("\"Yes\" and "), None);
        assert_eq!(found("\"One Two Three Four Five Six Seven "), None);
    }

    #[test]
    fn a_rank_and_one_name_is_a_person_s_shape() {
        for name in [
            "Admiral Ito",
            "Colonel Picquart",
            "Gen. Gordon",
            "Captain O'Brien",
        ] {
            assert!(is_rank_and_name(name), "{name}");
        }
        // Bodies' words, a surname-less "General", a rank that is also a brand, two words.
        for name in [
            "Admiral Insurance",
            "General Electric",
            "Commodore Amiga",
            "Captain Jack Sparrow",
            "Colonel NATO",
        ] {
            assert!(!is_rank_and_name(name), "{name}");
        }
    }

    #[test]
    fn honorifics_and_peers_name_persons() {
        for name in [
            "Frau Schmidt",
            "Signor Mussolini",
            "Mr. Grant",
            "Señor Azana",
        ] {
            assert!(is_honorific_and_name(name), "{name}");
        }
        for name in ["Mr", "Herr Doktor Schmidt", "Mr. smith", "Doctor Who"] {
            assert!(!is_honorific_and_name(name), "{name}");
        }
        assert!(is_peerage("Earl of Home") && is_peerage("Duke of Edinburgh"));
        assert!(!is_peerage("Bank of England") && !is_peerage("Duke of the"));
    }

    #[test]
    fn regnal_numbers_after_a_name_are_told_from_the_pronoun() {
        for after in [" IV", " XII.", " II's reign", " I, who", " VIII"] {
            assert!(regnal_number_after(after), "{after}");
        }
        for after in [" I think", " Inc", "", ", IV", " Island", " XXXXXXX"] {
            assert!(!regnal_number_after(after), "{after}");
        }
    }

    #[test]
    fn a_woman_s_title_is_read_with_or_without_its_dot() {
        use super::woman_s_title_before as title;
        let text = "Mrs. Kennedy and Ms Lee met Mr. Brown and Mrs";
        assert_eq!(title(text, 5), Some("Mrs"));
        assert_eq!(title(text, 20), Some("Ms"));
        assert_eq!(title(text, 32), None);
        assert_eq!(title(text, 0), None);
        assert_eq!(title("Emrs Kennedy", 5), None);
    }

    #[test]
    fn known_as_gives_the_other_name_up_to_punctuation() {
        assert_eq!(
            known_as(", known as Euratom. It will"),
            Some(("Euratom", 11))
        );
        assert_eq!(
            known_as(" (also known as Islamic State) said"),
            Some(("Islamic State", 16))
        );
        assert_eq!(known_as(", known as the best"), None);
        assert_eq!(known_as(" said on Monday"), None);
    }

    #[test]
    fn wire_credits_run_from_their_label_to_the_bracket_or_the_line_s_end() {
        let text = "He spoke (Reuters).\n(Reporting by Jane Doe in Cairo; Editing by Tom Roe)\n\
                    Writing by Ann Lee\nThe end (and more).";
        let credits: Vec<&str> = wire_credits(text)
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect();
        assert_eq!(
            credits,
            [
                "(Reporting by Jane Doe in Cairo; Editing by Tom Roe)",
                "Writing by Ann Lee"
            ]
        );
    }

    #[test]
    fn a_day_is_named_by_a_word_and_a_weekday_s_full_name() {
        use super::names_a_day as day;
        assert!(day("Black Monday") && day("Bloody Sunday") && day("Super Tuesday"));
        assert!(!day("Rising Sun") && !day("Sheffield Wednesday") && !day("Mike Friday"));
    }

    #[test]
    fn a_year_after_a_name_says_which_of_its_years() {
        use super::year_named_after as year;
        assert_eq!(year(" crash of 1987, triggering"), Some(1987));
        assert_eq!(year(" in 1929."), Some(1929));
        assert_eq!(year(" in October 1987, though"), Some(1987));
        assert_eq!(year(" of 1987"), Some(1987));
        assert_eq!(year(" of 19870 shares"), None);
        assert_eq!(year(" crash on Monday"), None);
        assert_eq!(year(" of the 1920s"), None);
    }

    #[test]
    fn a_short_name_inside_a_body_s_or_an_office_s_name_is_not_the_body() {
        use super::inside_a_longer_name as inside;
        let party = "Labour Party";
        assert!(inside(
            "Labour",
            party,
            "talks with the Karachi Dock ",
            " Board on"
        ));
        assert!(inside("Labour", party, "The Minister of ", " is expected"));
        assert!(inside(
            "Labor",
            "Australian Labor Party",
            "the Department of ",
            ","
        ));
        assert!(inside(
            "Labour",
            party,
            "planters at the ",
            " Department in"
        ));
        assert!(!inside("Labour", party, "a vote for ", " on Thursday"));
        assert!(!inside("Labour", party, "the New ", " government"));
        assert!(!inside(
            "Labour",
            party,
            "as the ",
            " Assembly Government claims"
        ));
        assert!(!inside(
            "Treasury",
            "US Treasury",
            "the ",
            " Department said"
        ));
        assert!(!inside(
            "Labour Party",
            party,
            "the Karachi Dock ",
            " Board"
        ));
    }

    #[test]
    fn a_short_name_before_of_and_a_name_heads_a_longer_name() {
        use super::heads_a_longer_name as heads;
        let after = " of Racial Equality said";
        assert_eq!(
            heads("Congress", "US Congress", after),
            " of Racial Equality".len()
        );
        let after = " of the People met";
        assert_eq!(
            heads("Congress", "US Congress", after),
            " of the People".len()
        );
        assert_eq!(heads("Congress", "US Congress", " of course passed it"), 0);
        assert_eq!(heads("Congress", "US Congress", " said on Monday"), 0);
        assert_eq!(heads("Labour", "Labour Party", " of Robert Jackson"), 0);
        assert_eq!(
            heads("Democrats", "Democratic Party", " of President Berisha"),
            0
        );
        // A full name ends where the list says.
        assert_eq!(heads("Nato", "NATO", " of Europe"), 0);
        assert_eq!(heads("Bank of England", "Bank of England", " of London"), 0);
    }

    #[test]
    fn a_personal_title_opening_a_paragraph_is_a_title() {
        use super::after_personal_title as titled;
        let text = "in Geneva.\n\nPresident Ford met Mr. Brezhnev. Said Ford";
        assert!(titled(text, text.find("Ford").unwrap()));
        assert!(titled(text, text.find("Brezhnev").unwrap()));
        assert!(!titled(text, text.rfind("Ford").unwrap()));
        // A whole word's point ends a sentence: "... General Secretary. Ford".
        assert!(!titled("the Secretary. Ford", 15));
    }

    #[test]
    fn a_feature_s_name_follows_its_of() {
        use super::feature_name_after as after;
        assert_eq!(
            after("Gulf", " of Tonkin.\n\nSecretary"),
            " of Tonkin".len()
        );
        assert_eq!(
            after("Gulf", " of Saint Lawrence, where"),
            " of Saint Lawrence".len()
        );
        assert_eq!(after("Gulf", " of oil states"), 0);
        assert_eq!(after("Paris", " of France"), 0);
    }

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
            "-360, GE-635",
            " 1604A.",
            " G21 computer",
            " A320 jets",
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
            " 10% higher",
            " 12 percent",
            "-EU talks",
            " G7 summit",
            "-2019",
            " 2s",
        ] {
            assert!(!super::numbers_a_thing(after), "{after:?}");
        }
    }

    #[test]
    fn an_office_before_a_district_is_found_back_to_its_first_word() {
        fn office(before: &str) -> &str {
            &before[before.len() - super::office_before(before)..]
        }
        assert_eq!(
            office("guilty, the U.S. Attorney's Office for the "),
            "U.S. Attorney's Office for the "
        );
        assert_eq!(
            office("ruled the U.S. Court of Appeals for the "),
            "U.S. Court of Appeals for the "
        );
        for none in [
            "voted for the ",
            "the Office for the ",
            "Office, for the ",
            "for the ",
        ] {
            assert_eq!(office(none), "", "{none:?}");
        }
    }

    #[test]
    fn ticker_symbols_beside_a_company_are_no_names() {
        assert!(is_ticker(
            "Ascom registered shares (",
            "ASCN",
            ") are listed"
        ));
        assert!(is_ticker("Apple Inc. (NASDAQ: ", "AAPL", ") rose"));
        assert!(is_ticker("IBM (NYSE:", "IBM", "), the"));
        for (before, name, after) in [
            ("the Shanghai Cooperation Organisation (", "SCO", ") summit"),
            ("shares of ", "ASCN", " rose"),
            ("Note: ", "NATO", " said"),
            ("registered shares (", "Ascom", ")"),
        ] {
            assert!(!is_ticker(before, name, after), "{name:?}");
        }
    }

    #[test]
    fn a_district_after_an_office_is_part_of_its_name() {
        fn name(after: &str) -> &str {
            &after[..super::district_after(after)]
        }
        assert_eq!(
            name(" for the Western District of New York announced Monday."),
            " for the Western District of New York"
        );
        assert_eq!(
            name(" for the Ninth Circuit, which"),
            " for the Ninth Circuit"
        );
        assert_eq!(
            name(" for the District of Columbia said"),
            " for the District of Columbia"
        );
        assert_eq!(
            name(" for the Southern District."),
            " for the Southern District"
        );
        for none in [
            " for the first time",
            " for the Olympic Games",
            " for the New York Times",
            " said",
            " for the District",
        ] {
            assert_eq!(name(none), "", "{none:?}");
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
            VESSEL_WORDS,
            OFFICE_HOLDERS,
            PARTY_MEMBERS,
            POST_NOMINALS,
        ] {
            assert!(list.is_sorted(), "{list:?}");
        }
    }

    #[test]
    fn letters_after_a_name_are_read_dotted_or_not() {
        for letters in ["Q.C.", "QC", "M.P.,", "MSP", "O.B.E.", "Bart.", "TD"] {
            assert!(is_post_nominal(letters), "{letters}");
        }
        // Not letters run together with dots ("Q.CC."), a word ("Bart"), nor others' letters.
        for word in ["Q.CC.", "Bart", "D.C.", "Lord", "qc", "U.S."] {
            assert!(!is_post_nominal(word), "{word}");
        }
    }

    #[test]
    fn vessels_code_names_and_portfolios_are_seen_before_the_name() {
        assert!(vessel_or_code_name_before("lost the space shuttle "));
        assert!(vessel_or_code_name_before("an operation code-named "));
        assert!(vessel_or_code_name_before("the aircraft carrier "));
        assert!(!vessel_or_code_name_before("the carrier "));
        assert!(!vessel_or_code_name_before("shares of "));
        assert!(vessel_or_code_name_before("plutonium aboard the "));
        assert!(firm_word_before(
            "a subsidiary of the pharmaceutical group "
        ));
        assert!(firm_word_before("Another Basel company, "));
        assert!(!firm_word_before("said the group leader "));
        assert!(!firm_word_before("company "));
        assert!(!firm_word_before("a spokeswoman for the company, "));
        assert!(!firm_word_before("the American documentary maker "));
        assert!(firm_word_before("has run the scooter maker "));
        assert!(!vessel_or_code_name_before("the "));
        assert!(names_a_product("began taking the AIDS drug ", " in May"));
        assert!(names_a_product("sold under the brand name ", " by"));
        assert!(names_a_product("best known for ", ", the AIDS drug also"));
        assert!(names_a_product("such as ", " toothpaste and"));
        assert!(!names_a_product("the drug company ", " said"));
        assert!(!names_a_product("shares of ", ", the drug maker,"));
        assert!(names_a_craft(" 4 airliners of the"));
        assert!(names_a_craft(" supersonic airliner made"));
        assert!(names_a_craft(" 13 astronauts splashed"));
        assert!(!names_a_craft(" astronauts said"));
        assert!(!names_a_craft(" 3, Chelsea 1"));
        assert!(!names_a_craft(" airliner was hijacked"));
        assert!(portfolio_before("the Canadian Secretary of State for "));
        assert!(portfolio_before("Supreme Commander for the "));
        assert!(!portfolio_before("the Association for the "));
        assert!(is_title_and_portfolio("Commissar for Foreign Affairs"));
        assert!(!is_title_and_portfolio("Commission for Racial Equality"));
    }
}
