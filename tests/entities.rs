//! End to end: entity extraction as `morgue index` does it (gazetteer plus the built-in
//! tagger), seen through `search --place` and the hits' entity lists, on small archives
//! written by these tests.

mod common;

use common::{Scratch, entities_of, titles, total};
use serde_json::Value;

fn places_of(s: &Scratch, query: &str) -> Vec<String> {
    let r = s.search(&[query]);
    let hits = r["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{query}: {r:#}");
    hits[0]["entities"]["place"]
        .as_array()
        .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn nationality_words_make_their_country_a_place_of_the_article() {
    let s = Scratch::new();
    s.write(
        "wire/drones.txt",
        "Ukrainian drones strike fuel depot\n\nRussian officials said on Tuesday that \
         Ukrainian drones had hit a fuel depot overnight. Chinese-made parts were found in \
         the wreckage, the Russians said.\n",
    );
    s.write(
        "sport/football.txt",
        "Season opens\n\nFans of American football and Chinese food filled the stadium \
         on Sunday as the season opened.\n",
    );
    s.index();
    let places = places_of(&s, "drones");
    for p in ["Ukraine", "Russia", "China"] {
        assert!(places.contains(&p.to_string()), "{p} in {places:?}");
    }
    assert_eq!(
        titles(&s.search(&["--place", "Russia"])),
        ["Ukrainian drones strike fuel depot"]
    );
    // "American football" and "Chinese food" are about no country.
    let places = places_of(&s, "stadium");
    assert!(places.is_empty(), "{places:?}");
    assert_eq!(total(&s.search(&["--place", "United States"])), 0);
}

#[test]
fn a_dateline_credit_is_not_a_place() {
    let s = Scratch::new();
    s.write(
        "wire/call.txt",
        "Leaders speak by phone\n\nBEIJING, Feb 24 (Continental Wire) - Chinese President \
         Xi Jinping spoke with Vladimir Putin on Monday.\n",
    );
    s.index();
    let places = places_of(&s, "phone");
    assert!(places.contains(&"Beijing".to_string()), "{places:?}");
    assert!(!places.iter().any(|p| p.contains("Wire")), "{places:?}");
    assert_eq!(total(&s.search(&["--place", "Wire"])), 0);
    let r = s.search(&["phone"]);
    let orgs = &r["hits"][0]["entities"]["org"];
    assert!(
        orgs.is_null()
            || orgs
                .as_array()
                .is_some_and(|a| !a.contains(&Value::from("Feb"))),
        "{orgs}"
    );
}

/// `morgue entities --json` for every kind.
fn entity_listing(s: &Scratch, index: &std::path::Path) -> Value {
    let out = s
        .morgue()
        .args(["entities", "--json", "--top", "1000", "--index"])
        .arg(index)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).expect("entities --json prints JSON")
}

#[test]
fn a_changed_alias_file_re_resolves_entities_from_the_index_without_reading_files() {
    let s = Scratch::new();
    let articles = [
        (
            "2024/market.txt",
            "Market opens\n\nMayor Ottilie Brandvold opened the winter market in Lindholm \
             on Friday, her office said.\n",
        ),
        (
            "2024/harbour.txt",
            "Harbour plan\n\nTilly Brandvold said on Monday that the harbour plan would go \
             ahead despite the storm.\n",
        ),
        (
            "feeds/wire.jsonl",
            "{\"title\": \"Ferry strike\", \"body\": \"Ferry crews walked out on Tuesday, \
             Tilly Brandvold told reporters in Lindholm.\"}\n{\"title\": \"Budget vote\", \
             \"body\": \"The council passed the budget, Mayor Ottilie Brandvold said.\"}\n",
        ),
    ];
    for (path, text) in articles {
        s.write(path, text);
        s.write(&format!("pristine/{path}"), text);
    }
    // The pristine copy is for a from-scratch index to compare with; keep it out of `archive`.
    let pristine = s.archive().join("pristine");
    let moved = s.dir.path().join("pristine");
    std::fs::rename(&pristine, &moved).unwrap();

    let first = s.index();
    assert_eq!(first["indexed_new"], 3, "{first:#}");
    assert_eq!(total(&s.search(&["--person", "Ottilie Brandvold"])), 2);

    // Rewrite one file behind the manifest's back: same size, same modification time. Only
    // a run that reads the file again can see "kitten".
    let market = s.archive().join("2024/market.txt");
    let mtime = std::fs::metadata(&market).unwrap().modified().unwrap();
    let rewritten = articles[0].1.replace("market", "kitten");
    std::fs::write(&market, rewritten).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&market)
        .unwrap()
        .set_modified(mtime)
        .unwrap();

    let aliases = s.dir.path().join("aliases.tsv");
    std::fs::write(
        &aliases,
        "person\tOttilie Brandvold\tTilly Brandvold|Mayor Brandvold\n",
    )
    .unwrap();
    let gazetteer = aliases.to_str().unwrap();
    let refreshed = s.index_with(&["--gazetteer", gazetteer]);
    common::assert_counts_add_up(&refreshed);
    assert_eq!(refreshed["unchanged"], 3, "{refreshed:#}");
    assert_eq!(refreshed["entities_refreshed"], 3, "{refreshed:#}");
    assert_eq!(refreshed["indexed_updated"], 0, "{refreshed:#}");
    assert_eq!(refreshed["articles_written"], 4, "{refreshed:#}");
    assert_eq!(total(&s.search(&["kitten"])), 0, "the file was read again");
    assert_eq!(total(&s.search(&["market"])), 1);
    // "Tilly Brandvold" is now the same person.
    assert_eq!(total(&s.search(&["--person", "Ottilie Brandvold"])), 4);
    assert_eq!(total(&s.search(&["--person", "Tilly Brandvold"])), 4);
    s.morgue().arg("check").assert().success();

    // Exactly what indexing the same text from scratch with the alias file gives.
    let scratch_index = s.dir.path().join("from-scratch");
    s.morgue()
        .args(["index", "--json", "--gazetteer", gazetteer, "--index"])
        .arg(&scratch_index)
        .arg(&moved)
        .assert()
        .success();
    assert_eq!(
        entity_listing(&s, &s.index_dir()),
        entity_listing(&s, &scratch_index)
    );

    // Nothing changed since: nothing is refreshed again.
    let again = s.index();
    assert_eq!(again["unchanged"], 3, "{again:#}");
    assert_eq!(again["entities_refreshed"], 0, "{again:#}");
}

/// `(kind, name)` of every entity `morgue entities` lists for a scratch archive, with aliases.
fn listed(s: &Scratch) -> Vec<(String, String, Vec<String>)> {
    let listing = entity_listing(s, &s.index_dir());
    listing
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let aliases = e["aliases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["value"].as_str().unwrap().to_string())
                .collect();
            (
                e["kind"].as_str().unwrap().to_string(),
                e["name"].as_str().unwrap().to_string(),
                aliases,
            )
        })
        .collect()
}

fn has(list: &[(String, String, Vec<String>)], kind: &str, name: &str) -> bool {
    list.iter().any(|(k, n, _)| k == kind && n == name)
}

#[test]
fn a_lone_given_name_is_no_person() {
    let s = Scratch::new();
    s.write(
        "film/award.txt",
        "Film wins top award\n\nThe drama won the Oscar for best picture on Sunday. Oscar \
         voters also praised its lead actress, and Bill said the night had been long.\n",
    );
    s.index();
    let list = listed(&s);
    for name in ["Oscar", "Bill"] {
        assert!(!has(&list, "person", name), "{name}: {list:?}");
    }
}

#[test]
fn an_abbreviated_rank_is_no_entity_and_the_oval_office_is_a_room() {
    let s = Scratch::new();
    s.write(
        "1985-03-02-ranks.txt",
        "Officers meet\n\nBUENOS AIRES, March 2 (AP) - Lieut. Gen. Leopoldo Galtieri met Lt. \
         Col. Oliver North and Capt. John Hadley on Friday. Brig. Gen. Ann Dunwoody, Cpl. Tom \
         Reyes and Cmdr. Peter Lund joined them. Later Lieut. Astiz left. The Pope and the \
         president spoke in the Oval Office on Sunday, and England played at Lord's. The \
         Chief of the Army Staff, Gen. Sam Manekshaw, was away.\n",
    );
    s.index();
    let list = listed(&s);
    for name in [
        "Leopoldo Galtieri",
        "Oliver North",
        "Ann Dunwoody",
        "Peter Lund",
    ] {
        assert!(has(&list, "person", name), "{name}: {list:?}");
    }
    for name in [
        "Lieut",
        "Lieut.",
        "Cmdr",
        "Cpl",
        "Brig",
        "Capt",
        "Pope",
        "Army Staff",
    ] {
        assert!(!list.iter().any(|(_, n, _)| n == name), "{name}: {list:?}");
    }
    assert!(has(&list, "place", "Oval Office"), "{list:?}");
    assert!(!has(&list, "org", "Oval Office"), "{list:?}");
}

#[test]
fn a_body_named_like_another_country_s_congress_is_its_own_and_a_formation_keeps_its_number() {
    let s = Scratch::new();
    s.write(
        "1990-02-11-freed.txt",
        "Mandela freed\n\nCAPE TOWN, Feb. 11 (Reuters) - Nelson Mandela walked free today. \
         Leaders of the African National Congress and the Congress of South African Trade \
         Unions cheered, and ANC flags flew.\n",
    );
    s.write(
        "1977-03-02-strike.txt",
        "Estate strike\n\nCOLOMBO, March 2 (Reuters) - The Ceylon Workers' Congress, which \
         represents Tamil estate workers, called a strike today.\n",
    );
    s.write(
        "2021-06-14-brady.txt",
        "Delay backed\n\nLONDON, June 14 (Reuters) - The move followed a meeting with Graham \
         Brady, chairman of the 1922 Committee of Conservative lawmakers, who later said he \
         agreed.\n",
    );
    s.write(
        "1945-03-03-armies.txt",
        "Armies meet\n\nLONDON, March 3 (AP) - Gen. Sir Bernard L. Montgomery, commanding the \
         21st Army Group, met Air Commodore John Sims. Army and Navy officers cheered the \
         Allied commander.\n",
    );
    s.index();
    let list = listed(&s);
    for name in [
        "African National Congress",
        "Congress of South African Trade Unions",
        "Ceylon Workers' Congress",
        "21st Army Group",
        "1922 Committee",
    ] {
        assert!(has(&list, "org", name), "{name}: {list:?}");
    }
    let anc = list
        .iter()
        .find(|(k, n, _)| k == "org" && n == "African National Congress")
        .unwrap();
    assert!(anc.2.contains(&"ANC".to_string()), "{anc:?}");
    for name in [
        "US Congress",
        "1922 Committee of Conservative",
        "ANC",
        "Army Group",
        "Air Commodore",
        "Army and Navy",
        "Allied",
    ] {
        assert!(!list.iter().any(|(_, n, _)| n == name), "{name}: {list:?}");
    }
}

#[test]
fn places_named_after_places_or_after_a_noun_of_places_and_states_of_their_years_are_places() {
    let s = Scratch::new();
    s.write(
        "1968-07-05-lakes.txt",
        "Lakes\n\nNAIROBI, July 5 (Reuters) - Fishermen on Lake Tanganyika caught less this \
         year, climbers on Mount Kenya reported snow, and marchers walked down Michigan \
         Avenue. Biafra appealed for food; the United Arab Republic sent none, and ships \
         left Port Elizabeth. In Buenos Aires, police detained fans in the narrow streets \
         of La Boca.\n",
    );
    s.index();
    let list = listed(&s);
    for name in [
        "Lake Tanganyika",
        "Mount Kenya",
        "Michigan Avenue",
        "Biafra",
        "United Arab Republic",
        "Port Elizabeth",
        "La Boca",
    ] {
        assert!(has(&list, "place", name), "{name}: {list:?}");
        assert!(!has(&list, "org", name), "{name}: {list:?}");
    }
    for name in ["Tanganyika", "Kenya", "Michigan"] {
        assert!(!has(&list, "place", name), "{name}: {list:?}");
    }
}

#[test]
fn a_deck_in_title_case_under_the_headline_adds_no_names() {
    let s = Scratch::new();
    s.write(
        "1934-07-01-purge.txt",
        "Hitler Crushes Revolt of Storm Troop Leaders\n\nRoehm Shot in Munich Cell \u{2014} \
         Schleicher and Wife Slain in Berlin\n\nBERLIN, July 1 (AP) \u{2014} Chancellor Adolf \
         Hitler crushed a revolt of Storm Troop leaders today. Captain Ernst Roehm was shot in \
         his cell in Munich.\n",
    );
    s.index();
    let list = listed(&s);
    assert!(has(&list, "person", "Ernst Roehm"), "{list:?}");
    assert!(has(&list, "place", "Munich"), "{list:?}");
    for name in ["Roehm Shot", "Wife Slain", "Munich Cell"] {
        assert!(!list.iter().any(|(_, n, _)| n == name), "{name}: {list:?}");
    }
}

#[test]
fn movements_and_parties_named_in_their_own_language_or_by_acronym_are_the_listed_bodies() {
    let s = Scratch::new();
    s.write(
        "1990-05-12-lima.txt",
        "Guerrillas strike\n\nLIMA, May 12 (Reuters) - Sendero Luminoso guerrillas blew up \
         two pylons, and in Mexico City the PRI named its candidate.\n",
    );
    s.write(
        "1992-05-12-manila.txt",
        "Count goes on\n\nMANILA, May 12 (Reuters) - Comelec officials said the count would \
         take two weeks.\n",
    );
    s.index();
    let list = listed(&s);
    for name in [
        "Shining Path",
        "Institutional Revolutionary Party",
        "Commission on Elections",
    ] {
        assert!(has(&list, "org", name), "{name}: {list:?}");
    }
    for name in ["Sendero Luminoso", "PRI", "Comelec"] {
        assert!(!list.iter().any(|(_, n, _)| n == name), "{name}: {list:?}");
    }
}

#[test]
fn palaces_and_conference_centres_are_buildings_and_a_club_named_so_is_a_club() {
    let s = Scratch::new();
    s.write(
        "1990-08-02-kuwait.txt",
        "Iraq invades\n\nKUWAIT, Aug. 2 (Reuters) - Iraqi troops stormed the Dasman Palace \
         before dawn. Delegates had met at the Government Conference Centre last week.\n",
    );
    s.write(
        "1996-08-24-palace.txt",
        "Palace win\n\nLONDON, Aug. 24 (Reuters) - Crystal Palace beat Leeds 2-1 on \
         Saturday.\n",
    );
    s.index();
    let list = listed(&s);
    for name in ["Dasman Palace", "Government Conference Centre"] {
        assert!(has(&list, "place", name), "{name}: {list:?}");
        assert!(!has(&list, "org", name), "{name}: {list:?}");
    }
    assert!(has(&list, "org", "Crystal Palace"), "{list:?}");
}

#[test]
fn a_place_named_with_a_particle_is_a_place_and_a_person_s_particle_stays_his() {
    let s = Scratch::new();
    s.write(
        "1986-06-23-paris.txt",
        "AIDS conference opens\n\nPARIS, June 23 (AP) - The health minister opened the \
         meeting at the Palais des Congrès today, and delegates later walked to the Place \
         de la Concorde. General de Gaulle had opened the hall's first congress, and Charles \
         de Gaulle's widow sent a message.\n",
    );
    s.index();
    let list = listed(&s);
    assert!(has(&list, "place", "Palais des Congrès"), "{list:?}");
    assert!(
        !list
            .iter()
            .any(|(k, n, _)| k == "person" && (n.starts_with("des ") || n.starts_with("de la"))),
        "{list:?}"
    );
    assert!(
        list.iter()
            .any(|(k, n, _)| k == "person" && n.ends_with("de Gaulle")),
        "{list:?}"
    );
}

#[test]
fn corporate_names_stay_whole_and_their_halves_and_suffixes_are_no_orgs() {
    let s = Scratch::new();
    s.write(
        "wire/ratings.txt",
        "Ratings agency cuts outlook\n\nStandard & Poor's Corp cut its outlook on the carmaker \
         on Tuesday. Moody's Investors Service Inc kept its rating. Shares of Acme Motors Inc \
         fell 3 pct to 12.50 dlrs.\n",
    );
    s.write(
        "wire/downgrade.txt",
        "Carmaker downgraded\n\nMoody's cut the carmaker's rating on Wednesday, and \
         Smith Barney said the shares would fall.\n",
    );
    s.write(
        "wire/inquiry.txt",
        "Regulator opens inquiry\n\nThe Securities and Exchange Commission opened an inquiry \
         into Halvor Textiles on Monday. A Securities and Exchange spokesman declined to \
         comment.\n",
    );
    s.index();
    let list = listed(&s);
    for name in [
        "Standard & Poor's",
        "Moody's",
        "Acme Motors",
        "Securities and Exchange Commission",
        "Smith Barney",
    ] {
        assert!(has(&list, "org", name), "{name}: {list:?}");
    }
    // One rating agency under its short and its full name (the gazetteer knows both).
    let aliases = |name: &str| {
        let org = list.iter().find(|(k, n, _)| k == "org" && n == name);
        org.map(|o| o.2.clone()).unwrap_or_default()
    };
    assert!(aliases("Moody's").contains(&"Moody's Investors Service Inc".to_string()));
    assert!(aliases("Standard & Poor's").contains(&"Standard & Poor's Corp".to_string()));
    // A company the gazetteer does not know goes without its legal form, kept as an alias.
    assert!(aliases("Acme Motors").contains(&"Acme Motors Inc".to_string()));
    assert!(!has(&list, "person", "Smith Barney"), "{list:?}");
    for name in [
        "Securities and Exchange",
        "Inc",
        "Corp",
        "Standard",
        "Poor's",
        "Moody's Investors Service Inc",
        "Standard & Poor's Corp",
    ] {
        assert!(!has(&list, "org", name), "{name}: {list:?}");
    }
    let sec = list
        .iter()
        .find(|(k, n, _)| k == "org" && n == "Securities and Exchange Commission")
        .unwrap();
    assert!(
        sec.2.contains(&"Securities and Exchange".to_string()),
        "{sec:?}"
    );
}

#[test]
fn compass_points_rooms_and_an_office_s_portfolio_are_no_places_or_orgs() {
    let s = Scratch::new();
    s.write(
        "1956/11/07/ceasefire.txt",
        "Cease-fire at Suez\n\nTalks between East and West resumed in New York, said Lester \
         B. Pearson, the Canadian Secretary of State for External Affairs. Senators met in \
         the Caucus Room of the Senate Office Building on Tuesday.\n",
    );
    s.index();
    let list = listed(&s);
    for name in ["East", "West"] {
        assert!(!has(&list, "place", name), "{name}: {list:?}");
    }
    assert!(!has(&list, "org", "External Affairs"), "{list:?}");
    assert!(!has(&list, "org", "Caucus Room"), "{list:?}");
    assert!(has(&list, "person", "Lester B. Pearson"), "{list:?}");
    assert!(has(&list, "place", "New York City"), "{list:?}");
}

#[test]
fn vessels_code_names_diseases_and_a_named_magazine_are_what_they_are() {
    let s = Scratch::new();
    s.write(
        "1986/11/affair.txt",
        "Arms deal revealed\n\nThe crisis began when a Lebanese magazine, Al Shiraa, reported \
         the trip. The space shuttle Challenger was lost in January, and the destroyer \
         Sheffield sank in 1982. Troops stormed the temple in an operation code-named Blue \
         Star. Doctors in Kinshasa said Ebola had spread, and SARS was contained.\n",
    );
    s.write(
        "1976/07/seveso.txt",
        "Dioxin cloud\n\nMILAN, July 20 (Reuters) - The plant at Seveso is owned by \
         Givaudan, a Swiss subsidiary of the pharmaceutical group Hoffmann-La Roche of \
         Basel. A spokeswoman for the company, Kathy Bartlett, said the leak was under \
         control.\n",
    );
    s.write(
        "1995/01/plutonium.txt",
        "Plutonium ship\n\nTOKYO, Jan 4 (Reuters) - Anti-nuclear groups recalled the \
         shipments of plutonium from France to Japan aboard the Akatsuki Maru three years \
         ago. Scientists still study the crew of the Daigo Fukuryu Maru.\n",
    );
    s.write(
        "2002/07/audit.txt",
        "Auditor fined\n\nInvestors sued its former auditor, Arthur Andersen, which was \
         convicted last month. The Belgian-Dutch group Fortis said Spain's government, led \
         by Prime Minister Jose Maria Aznar, which faces a vote, had approved the deal.\n",
    );
    s.index();
    let list = listed(&s);
    // "which" goes on about a thing named in apposition, and about the government after
    // "led by": the firm is no person, the prime minister is one.
    assert!(!has(&list, "person", "Arthur Andersen"), "{list:?}");
    // So is a name in apposition to a word for a firm; not someone speaking for it.
    assert!(has(&list, "org", "Hoffmann-La Roche"), "{list:?}");
    assert!(has(&list, "person", "Kathy Bartlett"), "{list:?}");
    assert!(
        list.iter()
            .any(|(k, n, _)| k == "person" && n.ends_with("Aznar")),
        "{list:?}"
    );
    assert!(
        !list.iter().any(|(_, n, _)| n == "Belgian-Dutch"),
        "{list:?}"
    );
    assert!(has(&list, "org", "Al Shiraa"), "{list:?}");
    assert!(!has(&list, "person", "Al Shiraa"), "{list:?}");
    for name in ["Challenger", "Sheffield", "Blue Star", "Ebola", "SARS"] {
        assert!(!list.iter().any(|(_, n, _)| n == name), "{name}: {list:?}");
    }
    assert!(!list.iter().any(|(_, n, _)| n.contains("Maru")), "{list:?}");
    assert!(has(&list, "place", "Kinshasa"), "{list:?}");
}

#[test]
fn drugs_and_products_are_no_bodies_and_their_makers_are() {
    let s = Scratch::new();
    s.write(
        "1989/08/glaxo.txt",
        "Drug makers merge\n\nLONDON, Aug. 3 (Reuters) - Glaxo Holdings, best known for \
         Zantac, an ulcer treatment, and Retrovir, the AIDS drug also known as AZT, agreed to \
         buy Beecham, known for products such as Aquafresh toothpaste. Beecham, the drug maker, \
         said it was not interested. Patients began taking the painkiller Tylenol in May.\n",
    );
    s.index();
    let list = listed(&s);
    for product in ["Retrovir", "AZT", "Zantac", "Aquafresh", "Tylenol"] {
        assert!(
            !list.iter().any(|(_, n, _)| n == product),
            "{product}: {list:?}"
        );
    }
    for maker in ["Glaxo Holdings", "Beecham"] {
        assert!(has(&list, "org", maker), "{maker}: {list:?}");
    }
}

#[test]
fn aircraft_and_spacecraft_are_no_bodies_and_their_makers_and_operators_are() {
    let s = Scratch::new();
    s.write(
        "1958/10/comet.txt",
        "Jet service begins\n\nLONDON, Oct. 4 (AP) - Two Comet 4 airliners of the British \
         Overseas Airways Corporation crossed the Atlantic today. B.O.A.C. said the de \
         Havilland Aircraft Company would build more. An Air France airliner left Paris an \
         hour later. Chester Wilmot, the Australian war correspondent, had flown on the first \
         Comet.\n",
    );
    s.write(
        "1962/02/glenn.txt",
        "Glenn orbits earth\n\nCAPE CANAVERAL, Fla., Feb. 20 (AP) - Lt. Col. John H. Glenn Jr. \
         of the Marine Corps rode a Mercury capsule three times around the earth today. A \
         Soviet pilot had flown the spaceship Vostok 2 in August, and the Anglo-French \
         Concorde supersonic airliner was still on the drawing board.\n",
    );
    // Craft named alone, or with their maker, operator or model number before them.
    s.write(
        "1972/04/tristar.txt",
        "Eastern takes first TriStar\n\nMIAMI, April 26 (AP) - Eastern Air Lines took \
         delivery of its first Lockheed TriStar today, and the company said the TriStar would \
         enter service on the New York run next month. Rolls-Royce, whose RB211 engines power \
         the TriStar, said deliveries were on time. Delta Air Lines flies an L-1011 TriStar \
         from Atlanta; a rising dollar increased the cost of repaying loans on his McDonnell \
         Douglas DC-10 aircraft. In Lagos, two Royal Air Force Hercules landed with food, and \
         a third Hercules was expected from Cyprus. In Moscow, Tass said the Voskhod had \
         landed safely with its crew.\n",
    );
    s.index();
    let list = listed(&s);
    for craft in [
        "Comet", "Vostok", "Concorde", "TriStar", "Hercules", "Voskhod",
    ] {
        assert!(
            !list.iter().any(|(_, n, _)| n.contains(craft)),
            "{craft}: {list:?}"
        );
    }
    assert!(
        !list
            .iter()
            .any(|(_, n, _)| n.contains("L-1011") || n.contains("DC-10")),
        "{list:?}"
    );
    for body in [
        "Air France",
        "de Havilland Aircraft Company",
        "Marine Corps",
        "Lockheed",
        "Royal Air Force",
        "Rolls-Royce",
    ] {
        assert!(has(&list, "org", body), "{body}: {list:?}");
    }
    assert!(!has(&list, "person", "Marine Corps"), "{list:?}");
    // Dotted capitals read as a place are the body the story names in full.
    assert!(
        !list
            .iter()
            .any(|(k, n, _)| k == "place" && n.contains("B.O.A.C")),
        "{list:?}"
    );
    assert!(
        !list.iter().any(|(k, _, _)| k == "event"),
        "a war correspondent names no war: {list:?}"
    );
}

#[test]
fn towns_gates_ferry_firms_and_cities_the_tagger_took_for_clubs_are_what_they_are() {
    let s = Scratch::new();
    s.write(
        "2021/08/town.txt",
        "Ferry service approved\n\nThe Port Alder Town Council voted to approve a terminal, \
         and a regional operator, Bayline Ferries, will run it. Crowds gathered at Abbey \
         Gate and under the Gate of Heavenly Peace. Parents were told not to call their GP. The King and the Queen Consort \
         stayed at Balmoral. A history teacher at an academy in Leeds said the essays were \
         fake, and paratroops came down near Caen. Trains between Kelsford and Bristol \
         were suspended. Alberta Premier Rachel Notley spoke at the Aviva Stadium. Flying \
         pickets closed collieries in Nottinghamshire and the Midlands. Miners in \
         Nottinghamshire, who largely worked through the strike, voted again.\n",
    );
    s.write(
        "2021/09/eelgrass.txt",
        "Eelgrass returns\n\nEelgrass meadows off the southern shore of Port Alder have \
         doubled in five years, researchers said.\n",
    );
    s.index();
    let list = listed(&s);
    for (kind, name) in [
        ("place", "Port Alder"),
        ("org", "Bayline Ferries"),
        ("place", "Abbey Gate"),
        ("place", "Leeds"),
        ("place", "Caen"),
        ("place", "Bristol"),
        ("place", "Aviva Stadium"),
        ("place", "Nottinghamshire"),
        ("place", "Gate of Heavenly Peace"),
    ] {
        assert!(has(&list, kind, name), "{kind} {name}: {list:?}");
    }
    for (kind, name) in [
        ("person", "Port Alder"),
        ("person", "Bayline Ferries"),
        ("org", "GP"),
        ("person", "Consort"),
        ("org", "Leeds"),
        ("org", "Caen"),
        ("org", "Alberta Premier"),
        ("org", "Aviva Stadium"),
        ("org", "Nottinghamshire"),
        ("org", "Gate of Heavenly Peace"),
    ] {
        assert!(!has(&list, kind, name), "{kind} {name}: {list:?}");
    }
}

#[test]
fn generic_heads_name_the_article_s_own_org_or_nothing() {
    let s = Scratch::new();
    s.write(
        "wire/grain.txt",
        "Regulator opens inquiry\n\nThe Securities and Exchange Commission opened an inquiry \
         on Monday. The Commission said it would report in June.\n",
    );
    s.write(
        "wire/bank.txt",
        "Rates unchanged\n\nIn Frankfurt, officials said the Central Bank would not comment; \
         the Bank gave no reason. The Cabinet met on Monday.\n",
    );
    s.write(
        "wire/border.txt",
        "Army on alert\n\nDUBLIN, Aug 14 - The Irish Army was setting up field hospitals \
         along the Border, at Dundalk and near Letterkenny, and the Garda Siochana mounted \
         patrols along the Border from Dundalk to Lifford.\n",
    );
    s.write(
        "1887/colonies.txt",
        "Delegates assemble\n\nLONDON, April 4 - The Colonial Conference was opened this \
         afternoon at the Foreign Office. The agents-general of Victoria and Queensland are \
         members of the Conference, which will sit for several weeks. Sir Redvers Buller \
         will sail from Southampton on Saturday, and the Army Corps is being mobilised.\n",
    );
    // A name made of two heads can still be one body's own.
    s.write(
        "2004/confidence.txt",
        "Shoppers cheer up\n\nNEW YORK, Dec 28 - The Conference Board survey of 5,000 \
         households showed confidence rising for the first time since July.\n",
    );
    s.index();
    let list = listed(&s);
    for name in [
        "Commission",
        "Central Bank",
        "Bank",
        "Cabinet",
        "Border",
        "Conference",
        "Army Corps",
    ] {
        assert!(!has(&list, "org", name), "{name}: {list:?}");
    }
    assert!(has(&list, "org", "Conference Board"), "{list:?}");
    let colonial = list
        .iter()
        .find(|(k, n, _)| k == "org" && n == "Colonial Conference")
        .unwrap_or_else(|| panic!("{list:?}"));
    assert!(
        colonial.2.contains(&"Conference".to_string()),
        "{colonial:?}"
    );
    let sec = list
        .iter()
        .find(|(k, n, _)| k == "org" && n == "Securities and Exchange Commission")
        .unwrap();
    assert!(sec.2.contains(&"Commission".to_string()), "{sec:?}");
}

#[test]
fn a_headline_in_capitals_adds_no_alias() {
    let s = Scratch::new();
    s.write(
        "wire/budget.txt",
        "PUTIN SAYS BUDGET ON TRACK\n\nPresident Vladimir Putin said on Friday that the \
         budget was on track. Putin told reporters in Moscow that spending would fall.\n",
    );
    s.index();
    let list = listed(&s);
    let person = list
        .iter()
        .find(|(k, n, _)| k == "person" && n == "Vladimir Putin")
        .unwrap_or_else(|| panic!("{list:?}"));
    assert!(person.2.iter().all(|a| a != "PUTIN"), "{person:?}");
    assert!(!has(&list, "person", "PUTIN"), "{list:?}");
}

#[test]
fn titles_of_irish_indian_malaysian_and_nigerian_copy_are_no_part_of_a_name() {
    let s = Scratch::new();
    s.write(
        "2019/03/leaders.txt",
        "Leaders meet\n\nTaoiseach Aoife Brennan met Tanaiste Ciaran Dolan on Monday. Smt \
         Kavita Rao and Shri Anil Mehta spoke later, as did Alhaji Musa Bello and Datuk Seri \
         Ahmad Zaki. Shrimati Leela Kapur, Begum Nasreen Haq and Pandit Ravi Joshi sent \
         messages. Their commander, Lieutenant-Colonel Kwame Mensah, was summoned.\n",
    );
    // Older copy's styles, and the letters after a name, are no entities alone.
    s.write(
        "1891/federation.txt",
        "Federation debate\n\nSYDNEY, March 4 - The Hon. Edmund Tolley, M.P., moved the \
         resolution, seconded by the Hon. George Pryor. Messrs. Tolley and Pryor were \
         cheered, and the Hon. member for Bathurst spoke last.\n",
    );
    s.index();
    let list = listed(&s);
    for name in [
        "Aoife Brennan",
        "Ciaran Dolan",
        "Kavita Rao",
        "Anil Mehta",
        "Musa Bello",
        "Ahmad Zaki",
        "Leela Kapur",
        "Nasreen Haq",
        "Ravi Joshi",
        "Edmund Tolley",
        "George Pryor",
        "Kwame Mensah",
    ] {
        assert!(has(&list, "person", name), "{name}: {list:?}");
    }
    for title in [
        "Taoiseach",
        "Tanaiste",
        "Smt",
        "Shri",
        "Alhaji",
        "Datuk",
        "Seri",
        "Shrimati",
        "Begum",
        "Pandit",
        "Hon",
        "Hon.",
        "M.P.",
        "Messrs",
        "Lieutenant-Colonel",
    ] {
        assert!(
            !list
                .iter()
                .any(|(_, n, _)| n.split(' ').any(|w| w == title)),
            "{title}: {list:?}"
        );
    }
}

#[test]
fn local_copy_s_names_are_read_whole_and_for_what_they_name() {
    let s = Scratch::new();
    s.write(
        "1998/07/fair.txt",
        "County fair opens\n\nThe Sayre County Fair opened on Monday off County Road 12, and \
         the Harlowe Strawberry Festival follows. Eddie Marchetti, president of UAW Local \
         1927, said the union would march. The Ministry of Agriculture, Fisheries and Food \
         (MAFF) closed footpaths, and Wednesdayites cheered. Cllr Ann Briggs and Sheriff Dale Hoffman laid \
         wreaths at the Thornleigh war memorial; services were held at St Oswald's Church. \
         The Dunmore City School District approved its levy. Miners at Hollin Moor voted. \
         The club won the Sheffield and Hallamshire Senior Cup. Crews worked on State \
         Route 66.\n",
    );
    s.write(
        "1976/03/yard.txt",
        "Minister visits yard\n\nSir Keith Joseph, the Secretary of State for Industry, and \
         the Minister of Technology visited the Lenin Shipyard in Gdansk.\n",
    );
    s.index();
    let list = listed(&s);
    for (kind, name) in [
        ("event", "Sayre County Fair"),
        ("place", "County Road 12"),
        ("place", "State Route 66"),
        ("org", "UAW Local 1927"),
        ("person", "Ann Briggs"),
        ("person", "Dale Hoffman"),
        ("org", "Dunmore City School District"),
        ("place", "Hollin Moor"),
        ("place", "Gdansk"),
        ("org", "Ministry of Agriculture, Fisheries and Food"),
    ] {
        assert!(has(&list, kind, name), "{kind} {name}: {list:?}");
    }
    assert!(
        list.iter().any(|(_, n, _)| n == "St Oswald's Church"),
        "{list:?}"
    );
    for (kind, name) in [
        ("person", "Cllr Ann Briggs"),
        ("person", "Sheriff Dale Hoffman"),
        ("org", "UAW Local"),
        ("place", "County Road"),
        ("event", "Thornleigh War"),
        ("person", "Hallamshire Senior Cup"),
        ("person", "Hollin Moor"),
        ("place", "Industry"),
        ("place", "Technology"),
        ("person", "Vladimir Lenin"),
    ] {
        assert!(!has(&list, kind, name), "{kind} {name}: {list:?}");
    }
    for fragment in [
        "St Oswald",
        "Church",
        "Fisheries",
        "Food",
        "MAFF",
        "Wednesdayites",
    ] {
        assert!(
            !list.iter().any(|(_, n, _)| n == fragment),
            "{fragment}: {list:?}"
        );
    }
}

#[test]
fn the_last_words_of_an_org_the_article_names_are_that_org() {
    let s = Scratch::new();
    s.write(
        "1998/11/count.txt",
        "Count delayed\n\nDUNMORE, Ohio, Nov. 4, 1998 - The Sayre County Board of Elections \
         said the count would be late. The Board of Elections blamed a printer. The Thornleigh \
         Metropolitan Borough Council met; the Borough Council will act. Advanced Development \
         Programs at Blue Origin were cut, Blue Origin said. The New York Yankees beat the \
         Boston Red Sox; the Yankees lead the Red Sox by two games.\n",
    );
    s.index();
    let list = listed(&s);
    for name in [
        "Sayre County Board of Elections",
        "Thornleigh Metropolitan Borough Council",
        "Blue Origin",
    ] {
        assert!(has(&list, "org", name), "{name}: {list:?}");
    }
    for name in [
        "Board of Elections",
        "Borough Council",
        "Yankees",
        "Red Sox",
    ] {
        assert!(!has(&list, "org", name), "{name}: {list:?}");
    }
    for name in ["New York Yankees", "Boston Red Sox"] {
        assert!(has(&list, "org", name), "{name}: {list:?}");
    }
}

#[test]
fn a_local_branch_or_a_committee_of_a_listed_org_is_an_org_of_its_own() {
    let s = Scratch::new();
    s.write(
        "1998/11/party.txt",
        "Party picks\n\nDUNMORE, Ohio, Nov. 4, 1998 - \"A good night,\" said Sayre County \
         Republican Party chairman Bill Kessler. The Senate Judiciary Committee met, the \
         U.S. Federal Reserve held rates and the Stevenage Labour Party chose a candidate. The \
         Republican Party won.\n",
    );
    // A listed body's agencies and funds; a campaign group the tagger cuts to its place.
    s.write(
        "1994/09/cairo.txt",
        "Population talks\n\nCAIRO, Sept. 5 (Reuters) - Nafis Sadik, executive director of \
         the New York-based United Nations Population Fund, opened the conference. Mostafa \
         Tolba, executive director of the UN Environment Programme, spoke later. Greenpeace \
         and Friends of the Earth called for a boycott of Shell.\n",
    );
    s.index();
    let list = listed(&s);
    for name in [
        "Sayre County Republican Party",
        "Senate Judiciary Committee",
        "Stevenage Labour Party",
        "Republican Party",
        "Federal Reserve",
        "United Nations Population Fund",
        "United Nations Environment Programme",
        "Friends of the Earth",
    ] {
        assert!(has(&list, "org", name), "{name}: {list:?}");
    }
    assert!(!has(&list, "org", "U.S. Federal Reserve"), "{list:?}");
    assert!(!list.iter().any(|(_, n, _)| n == "Earth"), "{list:?}");
    assert!(!has(&list, "org", "United Nations"), "{list:?}");
}

#[test]
fn two_firms_joined_by_and_a_judge_s_title_and_an_abbey_are_read_apart() {
    let s = Scratch::new();
    s.write(
        "2011/05/court.txt",
        "Court blocks merger\n\nLONDON, May 2, 2011 - The High Court blocked the merger of \
         Thames Water and Anglian Water. Mr Justice Briggs said the regulator must look \
         again. The Archbishop led prayers at Westminster Abbey, and the Ministry of Justice \
         said nothing.\n",
    );
    s.index();
    let list = listed(&s);
    for (kind, name) in [
        ("org", "Thames Water"),
        ("org", "Anglian Water"),
        ("place", "Westminster Abbey"),
    ] {
        assert!(has(&list, kind, name), "{kind} {name}: {list:?}");
    }
    for name in [
        "Thames Water and Anglian Water",
        "Justice Briggs",
        "UK Parliament",
    ] {
        assert!(!list.iter().any(|(_, n, _)| n == name), "{name}: {list:?}");
    }
    assert!(
        list.iter()
            .any(|(_, n, _)| n.contains("Ministry of Justice") || n == "Justice Ministry"),
        "{list:?}"
    );
}

#[test]
fn a_listed_firm_opening_a_sentence_is_a_name_and_a_lawmaker_s_party_and_state_no_one() {
    let s = Scratch::new();
    s.write(
        "2020/03/vaccine.txt",
        "Vaccine trials\n\nWASHINGTON, March 15, 2020 - The companies met on Monday.\n\nPfizer and \
         its partner said they would test a vaccine. Sen. Rob Portman, R-Ohio, welcomed it. \
         Recruit the right staff first, one adviser said.\n",
    );
    s.index();
    let list = listed(&s);
    assert!(has(&list, "org", "Pfizer"), "{list:?}");
    assert!(has(&list, "person", "Rob Portman"), "{list:?}");
    for name in ["R-Ohio", "Recruit"] {
        assert!(!list.iter().any(|(_, n, _)| n == name), "{name}: {list:?}");
    }
}

#[test]
fn titles_in_quotes_nicknames_in_brackets_and_names_after_an_occupation_are_read_for_what_they_are()
{
    let s = Scratch::with_files(&[
        (
            "1998-03-24-oscars.txt",
            "Oscars night\n\nLOS ANGELES - The film won 11 Oscars, equalling 'Ben-Hur' in 1960. \
             Earvin (Magic) Johnson presented an award.\n",
        ),
        (
            "1976-07-19-gymnast.txt",
            "Perfect ten\n\nMONTREAL - She was picked out at the age of six by the coach Bela \
             Karolyi, who was watching children doing cartwheels. Later their singer, Bono, \
             climbed into the crowd, and the coach Marta Karolyi wept.\n",
        ),
        (
            "1951-02-02-peking.txt",
            "Peiping decrees\n\nHONG KONG, Feb. 2 - The \"Central People's Government\" issued \
             new decrees in Peiping today.\n",
        ),
        (
            "1969-08-10-bath.txt",
            "Blues weekend\n\nThousands went to the Bath Festival of Blues and Progressive \
             Music on Saturday.\n",
        ),
    ]);
    s.index();
    let oscars = &s.search(&["equalling"])["hits"][0]["entities"];
    let orgs_and_persons: Vec<Value> = ["org", "person"]
        .iter()
        .flat_map(|k| oscars[*k].as_array().cloned().unwrap_or_default())
        .collect();
    assert!(
        !orgs_and_persons
            .iter()
            .any(|n| n == "Ben-Hur" || n == "Magic"),
        "{oscars:#}"
    );
    let gym = &s.search(&["picked"])["hits"][0]["entities"];
    let persons = gym["person"].to_string();
    assert!(
        persons.contains("Marta Karolyi")
            && persons.contains("Bela Karolyi")
            && persons.contains("Bono"),
        "{gym:#}"
    );
    assert!(
        gym["org"].as_array().is_none_or(|a| a.is_empty()),
        "{gym:#}"
    );
    let peking = s.search(&["decrees"])["hits"][0]["entities"]["org"].to_string();
    assert!(peking.contains("Central People's Government"), "{peking}");
    let bath = &s.search(&["weekend"])["hits"][0]["entities"];
    assert!(
        bath["event"].to_string().contains("Bath Festival of Blues"),
        "{bath:#}"
    );
}

#[test]
fn a_bare_world_cup_is_the_cup_of_the_story_s_sport() {
    let s = Scratch::with_files(&[
        (
            "1996-03-17-lahore.txt",
            "Sri Lanka triumph\n\nLAHORE - Sri Lanka won the World Cup tonight, beating \
             Australia by seven wickets. Aravinda de Silva's innings settled it, and the \
             batsmen were cheered.\n",
        ),
        (
            "1995-06-24-ellis-park.txt",
            "Springboks crowned\n\nJOHANNESBURG - South Africa won the World Cup after a \
             drop goal by their fly-half in extra time; the rugby world watched.\n",
        ),
        (
            "1990-07-08-rome.txt",
            "West Germany champions\n\nROME - West Germany won the World Cup with a late \
             penalty against Argentina.\n",
        ),
    ]);
    s.index();
    let events = |q: &str| s.search(&[q])["hits"][0]["entities"]["event"].to_string();
    assert!(
        events("wickets").contains("Cricket World Cup"),
        "{}",
        events("wickets")
    );
    assert!(
        events("drop").contains("Rugby World Cup"),
        "{}",
        events("drop")
    );
    assert!(
        events("penalty").contains("FIFA World Cup"),
        "{}",
        events("penalty")
    );
}

#[test]
fn a_tournament_is_named_by_the_words_before_it_and_a_kind_of_tournament_is_not() {
    let s = Scratch::with_files(&[
        (
            "1996-08-21-carlsbad.txt",
            "Tennis results\n\nCARLSBAD, Calif. - Results from the $450,000 Toshiba Classic \
             tennis tournament on Wednesday: Conchita Martinez beat Lindsay Davenport.\n",
        ),
        (
            "1996-08-27-colombo.txt",
            "Australia win\n\nCOLOMBO - Australia beat Zimbabwe in the first day-night match \
             of the Singer World Series tournament on Monday.\n",
        ),
        (
            "1996-08-28-doha.txt",
            "Doha draw\n\nDOHA - The Qatar Open tournament drew a strong field, and the \
             Dubai tournament was recalled by two former Grand Slam tournament champions \
             who will also play a PGA Tour tournament in Texas, after the World Indoor \
             Tournament in Rotterdam.\n",
        ),
    ]);
    s.index();
    let carlsbad = entities_of(&s, "Carlsbad", "event");
    assert_eq!(carlsbad, ["Toshiba Classic"], "{carlsbad:?}");
    // The sponsor's name is the tournament's, not an organisation in the story.
    let orgs = entities_of(&s, "Carlsbad", "org");
    assert!(!orgs.iter().any(|o| o == "Toshiba"), "{orgs:?}");
    // A listed event inside the name is part of it: cricket's, not baseball's.
    let colombo = entities_of(&s, "Colombo", "event");
    assert_eq!(colombo, ["Singer World Series"], "{colombo:?}");
    // One event for the Qatar Open, none for a place's or a kind of tournament; a
    // tournament that writes the word in its name keeps it.
    let mut doha = entities_of(&s, "Doha", "event");
    doha.sort();
    assert_eq!(doha, ["Qatar Open", "World Indoor Tournament"], "{doha:?}");
}

#[test]
fn a_town_then_its_country_or_state_is_a_place_and_a_list_of_clubs_is_not() {
    let s = Scratch::with_files(&[
        (
            "1989-01-04-lockerbie.txt",
            "Inquiry opens\n\nInvestigators said the airline was hurt badly by the bombing \
             of Pan Am Flight 103 over Lockerbie, Scotland, in December.\n",
        ),
        (
            "1991-06-02-ohio.txt",
            "Factory closes\n\nWorkers at the plant in Wapakoneta, Ohio, said on Friday \
             that the owners of Quillbrook, Ohio, had given no notice.\n",
        ),
        (
            "2005-01-03-fixtures.txt",
            "Cup draw\n\nThird-placed Everton visit Plymouth, Liverpool travel to Burnley and \
             Arsenal host Wolves.\n",
        ),
    ]);
    s.index();
    let lockerbie = entities_of(&s, "investigators", "place");
    assert!(lockerbie.iter().any(|p| p == "Lockerbie"), "{lockerbie:?}");
    let orgs = entities_of(&s, "investigators", "org");
    assert!(!orgs.iter().any(|o| o == "Lockerbie"), "{orgs:?}");
    let ohio = entities_of(&s, "factory", "place");
    assert!(ohio.iter().any(|p| p == "Quillbrook"), "{ohio:?}");
    let people = entities_of(&s, "factory", "person");
    assert!(!people.iter().any(|p| p == "Quillbrook"), "{people:?}");
    // A city after the comma is the next item of a list: the club stays a club.
    let places = entities_of(&s, "Everton", "place");
    assert!(!places.iter().any(|p| p == "Plymouth"), "{places:?}");
}

#[test]
fn spanish_and_portuguese_streets_squares_and_palaces_are_places() {
    let s = Scratch::with_files(&[(
        "1982-06-15-stanley.txt",
        "Surrender\n\nBUENOS AIRES, June 15 - Crowds gathered outside the Casa Rosada and \
         in the Plaza de Mayo as word came that the garrison at Puerto Argentino had \
         surrendered; in Lisbon, marchers filled the Rua Augusta. The report drew applause \
         in the courtroom in the Palace of Justice on Talcahuano Street, and crowds poured \
         onto the Avenida 9 de Julio.\n",
    )]);
    s.index();
    let places = entities_of(&s, "garrison", "place");
    for place in [
        "Casa Rosada",
        "Plaza de Mayo",
        "Puerto Argentino",
        "Rua Augusta",
        "Palace of Justice",
    ] {
        assert!(places.iter().any(|p| p == place), "{place}: {places:?}");
    }
    let others: Vec<String> = ["person", "org"]
        .iter()
        .flat_map(|kind| entities_of(&s, "garrison", kind))
        .collect();
    assert!(
        !others
            .iter()
            .any(|o| ["Casa", "Puerto", "Rua", "Palace", "de "]
                .iter()
                .any(|w| o.starts_with(w))),
        "{others:?}"
    );
}

#[test]
fn a_name_between_the_and_a_player_s_role_is_a_club() {
    let s = Scratch::with_files(&[(
        "2019-07-17-bronze.txt",
        "Nigeria take bronze\n\nNigeria beat Tunisia 1-0 in Cairo on Wednesday after the Al \
         Nassr winger scored early, and coach Gernot Rohr praised his side.\n",
    )]);
    s.index();
    let orgs = entities_of(&s, "Tunisia", "org");
    assert!(orgs.iter().any(|o| o == "Al Nassr"), "{orgs:?}");
    let people = entities_of(&s, "Tunisia", "person");
    assert!(!people.iter().any(|p| p == "Al Nassr"), "{people:?}");
    assert!(people.iter().any(|p| p == "Gernot Rohr"), "{people:?}");
}

#[test]
fn bands_the_lists_know_are_organisations_wherever_the_story_names_them() {
    let s = Scratch::with_files(&[(
        "2005-06-27-concert.txt",
        "Concert review\n\nDUBLIN - U2 played to 80,000 people on Sunday and closed with a \
         song the Beatles recorded in 1965.\n",
    )]);
    s.index();
    let hit = &s.search(&["concert"])["hits"][0]["entities"];
    let orgs = hit["org"].to_string();
    assert!(
        orgs.contains("\"U2\"") && orgs.contains("The Beatles"),
        "{hit:#}"
    );
    assert!(!hit["place"].to_string().contains("Beatles"), "{hit:#}");
}

#[test]
fn a_state_s_abbreviation_after_a_town_is_the_state_and_another_party_s_democrats_are_not_the_us_one()
 {
    let s = Scratch::new();
    s.write(
        "1997-08-06-keynote.txt",
        "Keynote\n\nBOSTON, Aug. 6 (Reuters) - The speech was beamed from Redmond, Wash., \
         to the hall. Analysts in Cambridge, Mass., called it a truce, and a designer from \
         East Aurora, N. Y., cheered.\n",
    );
    s.write(
        "1998-09-28-bonn.txt",
        "Bonn vote\n\nBONN, Sept. 28 (Reuters) - Helmut Kohl's Christian Democrats lost to the \
         Social Democrats on Sunday, and the Free Democrats held their seats.\n",
    );
    s.index();
    let list = listed(&s);
    for name in ["Washington State", "Massachusetts", "New York State"] {
        assert!(has(&list, "place", name), "{name}: {list:?}");
    }
    for name in ["Wash", "Mass", "N. Y.", "N.Y."] {
        assert!(!list.iter().any(|(_, n, _)| n == name), "{name}: {list:?}");
    }
    assert!(!has(&list, "org", "Democratic Party"), "{list:?}");
    assert!(!has(&list, "person", "Christian Democrats"), "{list:?}");
}

#[test]
fn a_firm_named_like_a_person_an_office_named_after_war_and_bare_initials_are_no_such_entity() {
    let s = Scratch::new();
    s.write(
        "2002-06-27-audit.txt",
        "Auditor\n\nNEW YORK, June 27 (Reuters) - The company fired its controller. Arthur \
         Andersen, which audited the books until May, declined to comment. Shares of Acorn \
         Computers fell.\n",
    );
    s.write(
        "1915-05-26-cabinet.txt",
        "Cabinet\n\nLONDON, May 26 (AP) - Lord Haldane, the former Liberal War Minister, \
         becomes Lord Chancellor. M. Millerand, the Minister of War, replied for France. \
         Gen. W. W. Atterbury refused to deal with the men.\n",
    );
    s.index();
    let list = listed(&s);
    for name in ["Arthur Andersen", "Acorn Computers"] {
        assert!(has(&list, "org", name), "{name}: {list:?}");
        assert!(!has(&list, "person", name), "{name}: {list:?}");
    }
    for name in ["Liberal War", "Minister of War", "War"] {
        assert!(!has(&list, "event", name), "{name}: {list:?}");
    }
    assert!(!has(&list, "person", "W. W."), "{list:?}");
}

#[test]
fn an_operating_system_or_a_browser_is_no_entity_and_its_maker_stays() {
    let s = Scratch::new();
    s.write(
        "1998-05-18-suit.txt",
        "Suit filed\n\nWASHINGTON, May 18 (Reuters) - The government said Microsoft Corp. \
         forced PC makers to carry Internet Explorer as a condition of licensing Windows 98. \
         Windows users would see the change, and the World Wide Web would be open.\n",
    );
    s.index();
    let list = listed(&s);
    for name in [
        "Windows",
        "Windows 98",
        "Internet Explorer",
        "World Wide Web",
    ] {
        assert!(!list.iter().any(|(_, n, _)| n == name), "{name}: {list:?}");
    }
    assert!(has(&list, "org", "Microsoft"), "{list:?}");
}

#[test]
fn the_last_of_a_list_of_towns_an_air_base_a_forest_are_places_and_the_czar_is_none() {
    let s = Scratch::new();
    s.write(
        "2002-04-23-protests.txt",
        "Protests\n\nPARIS, April 23 (Reuters) - Protests were reported in Lyon, Marseille, \
         Strasbourg and Lille on Tuesday. Bombers flew from bases in Italy, including Aviano \
         Air Base, and from the carrier.\n",
    );
    s.write(
        "1917-03-16-abdication.txt",
        "Abdication\n\nPETROGRAD, March 16 (AP) - The act was signed in the imperial train at \
         Pskov, where the Czar had been halted on his way back to the capital.\n",
    );
    s.write(
        "1945-01-17-bastogne.txt",
        "Bastogne\n\nPARIS, Jan. 17 (AP) - The offensive was launched Dec. 16 through the \
         Ardennes forest of Belgium and Luxembourg.\n",
    );
    s.index();
    let list = listed(&s);
    for name in ["Lille", "Strasbourg", "Aviano Air Base", "Ardennes"] {
        assert!(has(&list, "place", name), "{name}: {list:?}");
        assert!(!has(&list, "org", name), "{name}: {list:?}");
    }
    assert!(!list.iter().any(|(_, n, _)| n == "Czar"), "{list:?}");
}
