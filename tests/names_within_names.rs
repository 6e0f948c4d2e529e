//! End to end: names inside longer names, and names the tagger cut from them. A party's
//! short name inside a board's or an office's name is not the party; a country's body cut
//! after the country's name is one name, whose acronym stays in capitals; a name in a
//! language whose word for "force" or "front" ends it is an organisation; a committee's remit
//! after "on" is part of its name; a listed surname inside a longer person's or firm's name
//! ("Roosevelt" of "Jack Roosevelt Robinson", "Montgomery" of "Montgomery Ward & Co.") is
//! that name's; so are a university's campus after "at" ("University of California at Los
//! Angeles") and a campaign's aim after "to" ("AIDS Coalition to Unleash Power"). A body
//! named with a nationality, or with its own body's word, around other bodies' short names
//! ("the Canadian Labour Congress": not the Labour Party and the US Congress) is a body of
//! its own; a listed full name after a nationality stays the listed body ("the British
//! Labour Party"), and a firm's fuller name stays the firm ("Wal-Mart Stores Inc"). A
//! federation's acronym before a member union's name ("the CIO United Auto Workers") is
//! two bodies. A college named only by what it is takes the town after its comma
//! ("University College, Galway"), and a place cut at its particle is one ("Punta del
//! Este"), and a nationality inside a listed firm's name ("Royal Dutch/Shell Group") is
//! no place; a body named by its members' plural and an apostrophe is whole ("the United
//! States Brewers' Association", "the Women's Temperance Association").

mod common;

use common::{Scratch, entities_of, has};

#[test]
fn a_party_s_short_name_inside_a_board_or_an_office_is_not_the_party() {
    let s = Scratch::with_files(&[
        (
            "1974-03-02-dockers.txt",
            "Dockers stop work\n\nKARACHI, March 2 - The strike began after talks with the \
             Karachi Dock Labour Board broke down. The Minister of Labour will meet the union, \
             and the Labour Department has sent officials to the port.\n",
        ),
        (
            "1974-03-04-vote.txt",
            "By-election\n\nLONDON, March 4 - Labour held the seat comfortably, and the Labour \
             Party's chairman thanked the voters.\n",
        ),
    ]);
    s.index();
    let dockers = entities_of(&s, "dockers", "org");
    assert!(!has(&dockers, "Labour Party"), "{dockers:?}");
    assert!(has(&entities_of(&s, "seat", "org"), "Labour Party"));
}

#[test]
fn a_country_s_body_cut_after_the_country_is_one_name_and_its_acronym_keeps_its_capitals() {
    let s = Scratch::with_files(&[
        (
            "1981-07-26-protest.txt",
            "Match called off\n\nHAMILTON, July 26 - The chairman of the New Zealand Rugby \
             Football Union, Mr Ces Blazey, said the NZRFU regretted the cancellation.\n",
        ),
        (
            "1981-07-28-tour.txt",
            "Tour goes on\n\nWELLINGTON, July 28 - The NZRFU said the remaining matches \
             would be played under guard.\n",
        ),
    ]);
    s.index();
    let protest = entities_of(&s, "cancellation", "org");
    assert!(
        has(&protest, "New Zealand Rugby Football Union"),
        "{protest:?}"
    );
    assert!(!has(&protest, "Rugby Football Union"), "{protest:?}");
    // The acronym as written, not "Nzrfu".
    let tour = entities_of(&s, "guard", "org");
    assert!(has(&tour, "NZRFU"), "{tour:?}");
}

#[test]
fn a_name_ending_in_another_language_s_word_for_a_force_or_a_front_is_an_organisation() {
    let s = Scratch::with_files(&[(
        "1971-04-10-insurgents.txt",
        "Insurgents attack\n\nCOLOMBO, April 10 - Police said the Janatha Vimukthi Peramuna \
         had attacked forty stations, while in the east the Mukti Bahini claimed new gains.\n",
    )]);
    s.index();
    let orgs = entities_of(&s, "stations", "org");
    let persons = entities_of(&s, "stations", "person");
    for name in ["Janatha Vimukthi Peramuna", "Mukti Bahini"] {
        assert!(has(&orgs, name), "{name}: {orgs:?} {persons:?}");
        assert!(!has(&persons, name), "{name}: {persons:?}");
    }
}

#[test]
fn a_town_s_name_after_a_person_s_title_is_a_surname() {
    let s = Scratch::with_files(&[(
        "1925-07-07-police.txt",
        "Police ordered out\n\nJERSEY CITY, July 7 - Mayor Cleveland ordered the police into the \
         yards today. Mr. Cleveland said the trains would be moved.\n",
    )]);
    s.index();
    let places = entities_of(&s, "yards", "place");
    let persons = entities_of(&s, "yards", "person");
    assert!(!has(&places, "Cleveland"), "{places:?}");
    assert!(has(&persons, "Cleveland"), "{persons:?}");
}

#[test]
fn a_state_or_province_the_tagger_reads_as_its_government_is_a_place() {
    let s = Scratch::with_files(&[(
        "1891-03-04-federation.txt",
        "Federation debate\n\nSYDNEY, March 4 - Victoria, which is protectionist, and New South \
         Wales, which adheres to free trade, must settle the tariff. South Australia and \
         Western Australia sent delegates, and Ontario's premier cabled his good wishes.\n",
    )]);
    s.index();
    let places = entities_of(&s, "tariff", "place");
    let orgs = entities_of(&s, "tariff", "org");
    for name in [
        "New South Wales",
        "South Australia",
        "Western Australia",
        "Ontario",
    ] {
        assert!(has(&places, name), "{name}: {places:?} {orgs:?}");
        assert!(!has(&orgs, name), "{name}: {orgs:?}");
    }
}

#[test]
fn a_name_ending_a_title_in_quotes_is_a_word_of_the_title_but_not_in_quoted_speech() {
    let s = Scratch::with_files(&[
        (
            "1967-12-11-redding.txt",
            "Singer killed\n\nMADISON, Wis., Dec. 11 - His hits included \"These Arms of Mine,\" \
             \"I've Been Loving You Too Long\" and \"It's All Over Now, Baby Blue.\"\n",
        ),
        (
            "1999-01-04-draw.txt",
            "Cup draw\n\nLUDLOW, Jan. 4 - The players are hoping for Liverpool at Anfield. \"Or \
             Manchester United at Old Trafford,\" said Probert.\n",
        ),
    ]);
    s.index();
    let songs = entities_of(&s, "hits", "org");
    let song_places = entities_of(&s, "hits", "place");
    for title in ["Arms of Mine", "Been Loving You Too Long", "Baby Blue"] {
        assert!(!has(&songs, title), "{title}: {songs:?}");
        assert!(!has(&song_places, title), "{title}: {song_places:?}");
    }
    assert!(has(&entities_of(&s, "Probert", "place"), "Old Trafford"));
}

#[test]
fn a_committee_s_remit_after_on_is_part_of_its_name() {
    let s = Scratch::with_files(&[(
        "1973-05-18-hearings.txt",
        "Hearings open\n\nWASHINGTON, May 18 - The Senate Select Committee on Presidential \
         Campaign Activities opened its hearings, and the Royal Commission on Criminal Justice \
         was cited by a witness. The House Committee on Un-American Activities was long gone. \
         The Commission on Monday said nothing.\n",
    )]);
    s.index();
    let orgs = entities_of(&s, "hearings", "org");
    for name in [
        "Senate Select Committee on Presidential Campaign Activities",
        "Royal Commission on Criminal Justice",
        "House Committee on Un-American Activities",
    ] {
        assert!(has(&orgs, name), "{name}: {orgs:?}");
    }
    let places = entities_of(&s, "hearings", "place");
    for cut in ["Criminal Justice", "Presidential Campaign Activities"] {
        assert!(
            !has(&orgs, cut) && !has(&places, cut),
            "{cut}: {orgs:?} {places:?}"
        );
    }
    assert!(!orgs.iter().any(|o| o.contains("Monday")), "{orgs:?}");
}

#[test]
fn a_listed_surname_inside_a_longer_name_is_that_name_s() {
    let s = Scratch::with_files(&[(
        "1947-04-15-debut.txt",
        "Robinson plays first game\n\nBROOKLYN, April 15 (AP) -- Jack Roosevelt Robinson \
         played first base for the Dodgers today. Robinson went hitless. Soldiers once \
         carried an executive out of Montgomery Ward & Co., and President Roosevelt backed \
         them.\n",
    )]);
    s.index();
    let persons = entities_of(&s, "hitless", "person");
    assert!(has(&persons, "Jack Roosevelt Robinson"), "{persons:?}");
    let orgs = entities_of(&s, "hitless", "org");
    assert!(has(&orgs, "Montgomery Ward"), "{orgs:?}");
    assert!(!has(&persons, "Montgomery Ward"), "{persons:?}");
}

#[test]
fn a_public_corporation_named_for_what_it_does_keeps_the_word() {
    let s = Scratch::with_files(&[(
        "1975-06-10-mac.txt",
        "Legislature creates agency\n\nALBANY, June 10 (AP) -- The Municipal Assistance \
         Corporation will sell bonds for the city. Felix G. Rohatyn of Lazard Freres said \
         Municipal Assistance Corp. paper would sell. American Motors Corp. shares rose.\n",
    )]);
    s.index();
    let orgs = entities_of(&s, "bonds", "org");
    assert!(has(&orgs, "Municipal Assistance Corporation"), "{orgs:?}");
    assert!(!has(&orgs, "Municipal Assistance"), "{orgs:?}");
    assert!(has(&orgs, "American Motors"), "{orgs:?}");
}

#[test]
fn a_campus_after_at_and_a_campaign_s_aim_after_to_are_words_of_the_name() {
    let s = Scratch::with_files(&[
        (
            "1989-06-04-protest.txt",
            "Protest at conference\n\nMONTREAL, June 4 (AP) - Members of the AIDS Coalition to \
             Unleash Power stormed the stage today. Dr. Michael S. Gottlieb of the University \
             of California at Los Angeles and a researcher from the University of Texas at \
             Austin said they supported the protest.\n",
        ),
        (
            "1969-11-15-march.txt",
            "March on Washington\n\nWASHINGTON, Nov. 15 (AP) - Organizers from the National \
             Mobilization Committee to End the War in Vietnam said 250,000 people marched \
             today.\n",
        ),
    ]);
    s.index();
    let protest = entities_of(&s, "stormed", "org");
    for name in [
        "AIDS Coalition to Unleash Power",
        "University of California at Los Angeles",
        "University of Texas at Austin",
    ] {
        assert!(has(&protest, name), "{name}: {protest:?}");
    }
    for cut in [
        "AIDS Coalition",
        "Unleash Power",
        "University of California",
    ] {
        assert!(!has(&protest, cut), "{cut}: {protest:?}");
    }
    let march = entities_of(&s, "marched", "org");
    assert!(
        has(
            &march,
            "National Mobilization Committee to End the War in Vietnam"
        ),
        "{march:?}"
    );
    assert!(!has(&entities_of(&s, "marched", "place"), "End"));
}

#[test]
fn a_national_body_around_other_bodies_short_names_is_its_own() {
    let s = Scratch::with_files(&[
        (
            "1956-04-23-merger.txt",
            "Unions merge\n\nTORONTO, April 23 (CP) - The Trades and Labour Congress of Canada \
             and the Canadian Congress of Labour merged today to form the Canadian Labour \
             Congress.\n",
        ),
        (
            "1966-05-10-theatre.txt",
            "Theatre saved\n\nLONDON, May 10 - Westminster City Council agreed today to buy the \
             theatre. The British Labour Party welcomed the decision.\n",
        ),
        (
            "1992-03-03-store.txt",
            "Store opens\n\nBENTONVILLE, Ark., March 3 (AP) - Wal-Mart Stores Inc opened its \
             2,000th store today. Wal-Mart said sales rose.\n",
        ),
    ]);
    s.index();
    let merger = entities_of(&s, "merged", "org");
    for name in [
        "Trades and Labour Congress of Canada",
        "Canadian Congress of Labour",
        "Canadian Labour Congress",
    ] {
        assert!(has(&merger, name), "{name}: {merger:?}");
    }
    for other in ["Labour Party", "US Congress", "Congress of Labour"] {
        assert!(!has(&merger, other), "{other}: {merger:?}");
    }
    let theatre = entities_of(&s, "theatre", "org");
    assert!(
        has(&theatre, "Westminster City Council") && has(&theatre, "Labour Party"),
        "{theatre:?}"
    );
    assert!(!has(&theatre, "UK Parliament"), "{theatre:?}");
    let store = entities_of(&s, "store", "org");
    assert!(has(&store, "Walmart"), "{store:?}");
    assert!(
        !store.iter().any(|o| o.starts_with("Wal-Mart")),
        "{store:?}"
    );
}

#[test]
fn a_federation_s_acronym_before_a_member_union_is_two_bodies() {
    let s = Scratch::with_files(&[(
        "1950-05-23-contract.txt",
        "Five-year contract\n\nDETROIT, May 23 (AP) - General Motors Corporation and the CIO \
         United Auto Workers agreed early today on a five-year contract. Walter P. Reuther, UAW \
         president, called it historic. Dave Beck of the AFL Teamsters sent congratulations; \
         the TUC General Council did not comment.\n",
    )]);
    s.index();
    let orgs = entities_of(&s, "contract", "org");
    for name in [
        "Congress of Industrial Organizations",
        "United Auto Workers",
        "American Federation of Labor",
        "Teamsters",
    ] {
        assert!(has(&orgs, name), "{name}: {orgs:?}");
    }
    // "UAW" is the union the story names in full, no body of its own.
    assert!(!has(&orgs, "UAW"), "{orgs:?}");
    assert!(!orgs.iter().any(|o| o == "General Council"), "{orgs:?}");
}

#[test]
fn a_college_named_only_by_what_it_is_takes_its_town_after_the_comma() {
    let s = Scratch::with_files(&[(
        "1984-05-02-forum.txt",
        "Forum report\n\nDUBLIN, May 2 - The Forum's chairman, Dr. Colm O hEocha, President \
         of University College, Galway, said the report was the work of a year. An economist \
         at University College, Cork, disagreed. A lecturer at Trinity College, Dublin, \
         also spoke.\n",
    )]);
    s.index();
    let orgs = entities_of(&s, "chairman", "org");
    for name in ["University College, Galway", "University College, Cork"] {
        assert!(has(&orgs, name), "{name}: {orgs:?}");
    }
    assert!(!has(&orgs, "University College"), "{orgs:?}");
    assert!(!has(&orgs, "Galway"), "{orgs:?}");
}

#[test]
fn a_place_cut_at_its_particle_is_one_place() {
    let s = Scratch::with_files(&[(
        "1986-09-20-round.txt",
        "Trade talks\n\nGENEVA, Sept 20 - The Uruguay Round, launched in Punta del Este this \
         week, is due to be completed in four years.\n",
    )]);
    s.index();
    let places = entities_of(&s, "launched", "place");
    assert!(has(&places, "Punta del Este"), "{places:?}");
    for fragment in ["Punta", "Este"] {
        assert!(!has(&places, fragment), "{fragment}: {places:?}");
    }
}

#[test]
fn a_nationality_inside_a_firm_s_name_is_no_place() {
    let s = Scratch::with_files(&[(
        "1986-03-03-majors.txt",
        "Oil majors cut spending\n\nLONDON, March 3 - Royal Dutch/Shell Group said it expected \
         to lower prices, and Shell Oil Co said it agreed.\n",
    )]);
    s.index();
    let orgs = entities_of(&s, "majors", "org");
    assert_eq!(orgs, ["Shell"], "{orgs:?}");
    let places = entities_of(&s, "majors", "place");
    assert!(!has(&places, "Netherlands"), "{places:?}");
}

#[test]
fn a_body_named_by_its_members_plural_and_an_apostrophe_is_whole() {
    // (benches/decades/news1910s's story, where the tagger cut the name at the apostrophe.)
    let s = Scratch::with_files(&[(
        "1919-01-16-dry.txt",
        "Nebraska Completes Ratification; Nation Will Be Dry in a Year - 36th State Votes for \
         Prohibition Amendment - Anti-Saloon League Celebrates\n\nLINCOLN, Neb., Jan. 16 - \
         The Nebraska Legislature this morning ratified the prohibition amendment to the \
         Federal Constitution, and Nebraska became the thirty-sixth State to do so, the \
         three-fourths required. Under its terms the manufacture, sale and transportation of \
         intoxicating liquors will become unlawful throughout the United States one year from \
         to-day. Missouri and Wyoming ratified within a few hours of the vote here.\n\nAt the \
         headquarters of the Anti-Saloon League in Westerville, Ohio, Mr. Ernest H. \
         Cherrington said that the league's work was now to secure enforcement. Mr. Wayne B. \
         Wheeler, its general counsel, said in Washington that the liquor traffic \"is as \
         dead as slavery.\" Miss Anna A. Gordon, president of the National Woman's Christian \
         Temperance Union, called on the churches to ring their bells.\n\nActing Secretary of \
         State Frank L. Polk will proclaim the ratification when the certified copies reach \
         his office. Mississippi was the first State to ratify, a year ago. W. J. Bryan, who \
         has campaigned for the amendment for years, said at Miami that \"the saloon is gone, \
         never to return.\" The United States Brewers' Association would say only that it \
         would test the amendment in the courts. The Soviet Writers' Union was not asked. \
         Mrs. Ellen Foster, of the Women's Temperance Association, sent greetings.\n",
    )]);
    s.index();
    let orgs = entities_of(&s, "saloon", "org");
    // And the members' possessive the tagger left before a body's name.
    for name in [
        "United States Brewers' Association",
        "Soviet Writers' Union",
        "Women's Temperance Association",
    ] {
        assert!(has(&orgs, name), "{name}: {orgs:?}");
    }
    for fragment in [
        "Brewers",
        "Writers",
        "Association",
        "Temperance Association",
    ] {
        assert!(!has(&orgs, fragment), "{fragment}: {orgs:?}");
    }
}
