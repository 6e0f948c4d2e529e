//! End to end: a city the tagger reads as a club in a list of places is a place ("between
//! Adelaide, Sydney, Brisbane and Perth"), while clubs listed with clubs, two alternatives
//! ("Hartlepool or Boston") and a firm beside a firm stay bodies; a place named after someone
//! ("Becher's Brook") is a place, a team's nickname after its city ("Forest" of "Nottingham
//! Forest") is the team, and a street or a power station read as a body is a place; a town
//! after "at" or "from" is a place in a story not about sport, a club in a match report; a
//! town named after a state ("Colorado Springs", "Texas City") is the town, and so is a
//! listed body's one-word name before a state ("Westminster, Mass."); a town of any size
//! after "in", "near" or "from" is a place ("a dealer from Bridgend"), but not after "shares
//! in" (a firm) nor "a win at" (a club); a castle or a cathedral read as a body is a place,
//! and so are names before a plural place noun ("the Ardoyne and New Lodge districts") and
//! streets and squares named the French or Portuguese way ("Boulevard des Italiens",
//! "Terreiro do Paco").

mod common;

use common::{Scratch, entities_of, has};

#[test]
fn a_city_read_as_a_club_among_places_is_a_place() {
    let s = Scratch::with_files(&[
        (
            "1989-12-29-shuttle.txt",
            "Airlines add flights\n\nThe airline will run a shuttle between the damaged city \
             and Adelaide, Sydney, Brisbane and Perth from Monday. Coal from the pits of \
             Chester and Wigan went south. Civil servants will move to Birmingham and \
             Newcastle next year.\n",
        ),
        (
            "2005-01-10-draw.txt",
            "Cup draw\n\nUnited face a home tie with either Hartlepool or Boston in the next \
             round. Chelsea and Arsenal lead the table after Newcastle and Leeds both lost. \
             Surveys from Nationwide and Halifax show prices rising.\n",
        ),
    ]);
    s.index();
    let places = entities_of(&s, "shuttle", "place");
    for name in ["Brisbane", "Wigan", "Newcastle", "Perth", "Birmingham"] {
        assert!(has(&places, name), "{name}: {places:?}");
    }
    let orgs = entities_of(&s, "shuttle", "org");
    for name in ["Brisbane", "Wigan", "Newcastle"] {
        assert!(!has(&orgs, name), "{name}: {orgs:?}");
    }
    // Clubs beside clubs, a draw's two sides and a bank beside a building society.
    let orgs = entities_of(&s, "draw", "org");
    for name in ["Hartlepool", "Newcastle", "Leeds", "Halifax"] {
        assert!(has(&orgs, name), "{name}: {orgs:?}");
    }
}

#[test]
fn a_town_after_at_or_from_is_a_place_unless_the_story_is_about_sport() {
    let s = Scratch::with_files(&[
        (
            "1894-07-02-strike.txt",
            "The coal strike\n\nSYDNEY, July 2 - Wool was piling up at Darling Harbour and \
             the collieries at Newcastle were idle for want of ships. Mr. Ben Pickard, who was \
             at Barnsley, telegraphed the Home Secretary. A carpet dealer from Bridgend gave \
             evidence.\n",
        ),
        (
            "1976-09-01-transfer.txt",
            "Taylor joins Forest\n\nPeter Taylor rejoined Clough at the City Ground from \
             Brighton. Forest won the match with a goal before half-time.\n",
        ),
    ]);
    s.index();
    let places = entities_of(&s, "collieries", "place");
    for name in ["Newcastle", "Barnsley", "Bridgend"] {
        assert!(has(&places, name), "{name}: {places:?}");
    }
    let orgs = entities_of(&s, "collieries", "org");
    assert!(orgs.is_empty(), "{orgs:?}");
    let orgs = entities_of(&s, "rejoined", "org");
    assert!(has(&orgs, "Brighton"), "{orgs:?}");
}

#[test]
fn a_small_town_after_a_locative_is_a_place_but_a_firm_s_shares_and_an_away_win_are_not() {
    let s = Scratch::with_files(&[
        (
            "1966-05-03-trial.txt",
            "Trial opens\n\nThe court heard from a clerk from Ashton-under-Lyne and from a \
             dealer from Bridgend. The car was later found near Dumbarton.\n",
        ),
        (
            "2021-03-30-shipping.txt",
            "Canal reopens\n\nThe ship is operated by Evergreen Marine of Taiwan.\n\nShares \
             in Evergreen rose in Taipei on Tuesday.\n",
        ),
        (
            "2004-12-09-relief.txt",
            "Relief as Real go through\n\nDavid Beckham expressed his relief at Real \
             Madrid's passage to the Champions League knockout phase.\n\nAfter Real's 3-0 \
             win at Roma, the England skipper admitted another season of under-achievement \
             would not be tolerated at the Bernabeu stadium. Beckham said the club had to \
             win.\n",
        ),
    ]);
    s.index();
    let places = entities_of(&s, "clerk", "place");
    for name in ["Ashton-under-Lyne", "Bridgend", "Dumbarton"] {
        assert!(has(&places, name), "{name}: {places:?}");
    }
    let orgs = entities_of(&s, "clerk", "org");
    assert!(orgs.is_empty(), "{orgs:?}");
    // A firm's shares and a side's home ground are theirs, not towns.
    let places = entities_of(&s, "Taipei", "place");
    assert!(!has(&places, "Evergreen"), "{places:?}");
    let places = entities_of(&s, "skipper", "place");
    assert!(!has(&places, "Roma"), "{places:?}");
}

#[test]
fn a_sound_or_a_highway_named_after_someone_is_a_place_and_a_scale_no_one() {
    let s = Scratch::with_files(&[(
        "1989-03-25-spill.txt",
        "Oil spreads\n\nVALDEZ, Alaska, March 25 (AP) -- Oil from the tanker spread across \
         Prince William Sound today. In Darwin, the Stuart Highway was cut by floods, and a \
         tremor measured 5.1 on the Richter scale.\n",
    )]);
    s.index();
    let places = entities_of(&s, "tanker", "place");
    for name in ["Prince William Sound", "Stuart Highway"] {
        assert!(has(&places, name), "{name}: {places:?}");
    }
    let persons = entities_of(&s, "tanker", "person");
    assert!(persons.is_empty(), "{persons:?}");
}

#[test]
fn a_place_named_after_someone_is_a_place_not_the_person() {
    let s = Scratch::with_files(&[(
        "1967-04-08-national.txt",
        "Foinavon wins the National\n\nLIVERPOOL, April 8 - A pile-up at the fence after \
         Becher's Brook left Foinavon alone in front, and the crowd at Aintree roared.\n",
    )]);
    s.index();
    let places = entities_of(&s, "Foinavon", "place");
    assert!(has(&places, "Becher's Brook"), "{places:?}");
    let persons = entities_of(&s, "Foinavon", "person");
    assert!(!has(&persons, "Becher"), "{persons:?}");
}

#[test]
fn a_team_s_nickname_after_its_city_is_the_team_not_a_place() {
    let s = Scratch::with_files(&[(
        "1972-03-04-leeds.txt",
        "Leeds win\n\nLeeds United beat Derby County 2-0 at Elland Road on Saturday. Leeds \
         scored twice before half-time and Derby never recovered. Nottingham Forest lost, and \
         Forest now trail by three points.\n",
    )]);
    s.index();
    let places = entities_of(&s, "Elland", "place");
    assert!(!has(&places, "Forest"), "{places:?}");
    let orgs = entities_of(&s, "Elland", "org");
    for club in ["Nottingham Forest", "Leeds United", "Derby County"] {
        assert!(has(&orgs, club), "{club}: {orgs:?}");
    }
    assert!(!has(&orgs, "Forest") && !has(&orgs, "Leeds"), "{orgs:?}");
}

#[test]
fn a_street_or_a_power_station_read_as_a_body_is_a_place_and_a_lord_s_office_no_entity() {
    let s = Scratch::with_files(&[(
        "1968-06-01-hair.txt",
        "Hair waits for London\n\nLONDON, June 1 - The producer said he would take the show \
         to London \"the moment the Lord Chamberlain's blue pencil goes.\" Lord Cobbold, the \
         present Lord Chamberlain, is said to have read the script. The group's appearance \
         on \"Sunday Night at the London Palladium\" brought crowds into Argyll Street and \
         led the Daily Mirror to announce an epidemic. The show went on late, with a \
         programme for small children, after a fire at Battersea Power Station blacked out \
         much of West London on its opening night.\n",
    )]);
    s.index();
    let places = entities_of(&s, "Cobbold", "place");
    for place in ["Argyll Street", "Battersea Power Station"] {
        assert!(has(&places, place), "{place}: {places:?}");
    }
    let orgs = entities_of(&s, "Cobbold", "org");
    let persons = entities_of(&s, "Cobbold", "person");
    for list in [&places, &orgs, &persons] {
        assert!(!has(list, "Lord Chamberlain"), "{list:?}");
    }
    assert!(!has(&orgs, "Argyll Street"), "{orgs:?}");
}

#[test]
fn a_town_named_after_a_state_is_the_town_and_a_city_s_club_is_no_town() {
    let s = Scratch::with_files(&[
        (
            "1977-06-02-tour.txt",
            "Governor on tour\n\nMIAMI BEACH, Fla., June 2 (AP) - The governor toured Colorado Springs, \
             then flew to Virginia Beach and to the Teamsters convention in Miami Beach before \
             a rally in Washington Heights and a stop in Texas City.\n",
        ),
        (
            "1977-09-03-football.txt",
            "Late winner\n\nBirmingham City beat Leicester City 2-1 at St Andrew's on Saturday \
             with a goal in the last minute.\n",
        ),
    ]);
    s.index();
    let places = entities_of(&s, "governor", "place");
    for town in [
        "Colorado Springs",
        "Virginia Beach",
        "Miami Beach",
        "Washington Heights",
        "Texas City",
    ] {
        assert!(has(&places, town), "{town}: {places:?}");
    }
    for state in ["Colorado", "Virginia", "Miami", "Texas"] {
        assert!(!has(&places, state), "{state}: {places:?}");
    }
    let places = entities_of(&s, "winner", "place");
    assert!(!has(&places, "Birmingham City"), "{places:?}");
}

#[test]
fn a_listed_body_s_one_word_name_before_a_state_is_a_town() {
    let s = Scratch::with_files(&[
        (
            "1981-12-29-baby.txt",
            "Test-tube baby born\n\nNORFOLK, Va., Dec. 29 (AP) - The first American test-tube \
             baby was born today to a couple who live in Westminster, Mass., doctors said. No \
             case of polio has been found in the Americas for three years.\n",
        ),
        (
            "2005-02-14-pledge.txt",
            "Pledge\n\nLONDON, Feb. 14 - He said: \"With Labour, Britain will never return to \
             boom and bust.\" Players made by Samsung, Rio and Creative can be used.\n",
        ),
        (
            "1982-01-12-debate.txt",
            "Debate on embryos\n\nLONDON, Jan. 12 (Reuters) - Members of Parliament at \
             Westminster debated research on human embryos today.\n",
        ),
    ]);
    s.index();
    let places = entities_of(&s, "baby", "place");
    assert!(
        has(&places, "Westminster") && has(&places, "Americas"),
        "{places:?}"
    );
    assert!(!has(&entities_of(&s, "baby", "org"), "UK Parliament"));
    assert!(has(&entities_of(&s, "embryos", "org"), "UK Parliament"));
    // A listed body before a country that opens a clause or a list stays the body.
    let pledge = entities_of(&s, "pledge", "place");
    assert!(
        !pledge.iter().any(|p| p == "Labour" || p == "Samsung"),
        "{pledge:?}"
    );
}

#[test]
fn a_town_of_several_words_before_a_region_is_a_place_and_a_person_before_a_country_stays_one() {
    let s = Scratch::with_files(&[
        (
            "1962-02-23-parade.txt",
            "Parade for Glenn\n\nNEW YORK, Feb. 23 (AP) - His parents, John H. Glenn Sr. and Clara \
             Glenn, of New Concord, Ohio, followed in a second car.\n",
        ),
        (
            "2005-01-20-squad.txt",
            "Squad named\n\nDUBLIN, Jan. 20 - In Brian O'Driscoll and Paul O'Connell, Ireland \
             have two leaders for the Six Nations.\n",
        ),
    ]);
    s.index();
    assert!(has(&entities_of(&s, "parents", "place"), "New Concord"));
    assert!(!has(&entities_of(&s, "parents", "org"), "New Concord"));
    let squad = entities_of(&s, "leaders", "person");
    assert!(has(&squad, "Paul O'Connell"), "{squad:?}");
    assert!(!has(&entities_of(&s, "leaders", "place"), "Paul O'Connell"));
}

#[test]
fn a_castle_or_a_cathedral_read_as_a_body_is_a_place() {
    let s = Scratch::with_files(&[(
        "1993-01-01-flag.txt",
        "A new state\n\nBRATISLAVA, Jan 1 - Slovakia became independent at midnight, and Prime \
         Minister Vladimir Meciar said the chance would not be wasted. The new Slovak flag was \
         raised over Bratislava Castle as the bells of St Martin's Cathedral rang.\n",
    )]);
    s.index();
    let places = entities_of(&s, "midnight", "place");
    for name in ["Bratislava Castle", "St Martin's Cathedral"] {
        assert!(has(&places, name), "{name}: {places:?}");
    }
    let orgs = entities_of(&s, "midnight", "org");
    assert!(orgs.is_empty(), "{orgs:?}");
}

#[test]
fn places_before_a_plural_place_noun_are_places() {
    let s = Scratch::with_files(&[(
        "1971-08-09-internment.txt",
        "Internment\n\nBELFAST, Aug 9 - Crowds gathered in the Ardoyne and New Lodge \
         districts of Belfast. Homes in the Beacon Hill, Abasand and Waterways \
         neighbourhoods were searched.\n",
    )]);
    s.index();
    let places = entities_of(&s, "Crowds", "place");
    for name in ["Ardoyne", "New Lodge", "Abasand", "Waterways"] {
        assert!(has(&places, name), "{name}: {places:?}");
    }
    let orgs = entities_of(&s, "Crowds", "org");
    assert!(orgs.is_empty(), "{orgs:?}");
}

#[test]
fn a_boulevard_or_a_square_named_the_french_or_portuguese_way_is_a_place() {
    let s = Scratch::with_files(&[
        (
            "1918-11-11-armistice.txt",
            "Paris hears of the armistice\n\nPARIS, Nov 11 - The crowds before the newspaper \
             offices on the Boulevard des Italiens heard the news in silence. In Lisbon, crowds \
             filled the Terreiro do Paco and the Largo do Carmo.\n",
        ),
        (
            "1889-05-06-exhibition.txt",
            "The exhibition opens\n\nPARIS, May 6 - The President drove from the Elysee to \
             the Champ de Mars with an escort of cuirassiers. The tower of M. Eiffel rises \
             above the Champ de Mars, and a meeting of protest is called for Sunday next in \
             the Bois de Boulogne. In Washington, Champ Clark called the tower a folly.\n",
        ),
    ]);
    s.index();
    let places = [
        entities_of(&s, "armistice", "place"),
        entities_of(&s, "exhibition", "place"),
    ]
    .concat();
    for name in [
        "Boulevard des Italiens",
        "Terreiro do Paco",
        "Largo do Carmo",
        "Champ de Mars",
        "Bois de Boulogne",
    ] {
        assert!(has(&places, name), "{name}: {places:?}");
    }
    assert!(!has(&places, "Champ Clark"), "{places:?}");
    let orgs = [
        entities_of(&s, "armistice", "org"),
        entities_of(&s, "exhibition", "org"),
    ]
    .concat();
    for name in [
        "Boulevard des Italiens",
        "Champ de Mars",
        "Bois de Boulogne",
    ] {
        assert!(!has(&orgs, name), "{name}: {orgs:?}");
    }
}

#[test]
fn reefs_refuges_and_deltas_read_as_bodies_are_places() {
    let s = Scratch::with_files(&[
        (
            "1990-03-22-hazelwood.txt",
            "Hazelwood cleared of drunkenness\n\nANCHORAGE, Alaska, March 22 (AP) - A jury \
             today cleared Joseph Hazelwood of operating a vessel while drunk. Jurors said the \
             prosecution had not proved that he was drunk when the tanker struck the reef \
             almost a year ago. Oil companies want to drill in the Arctic National Wildlife \
             Refuge.\n",
        ),
        // The feature's first word alone is the feature, shortened ("the Saar will pass").
        (
            "1935-01-15-saar.txt",
            include_str!("../benches/decades/news1930s/1935-01-15-saar-votes-for-reich.txt"),
        ),
    ]);
    s.index();
    let places = entities_of(&s, "Hazelwood", "place");
    assert!(
        has(&places, "Arctic National Wildlife Refuge"),
        "{places:?}"
    );
    let orgs = entities_of(&s, "Hazelwood", "org");
    assert!(!has(&orgs, "Arctic National Wildlife Refuge"), "{orgs:?}");
    let saar = entities_of(&s, "sovereignty", "org");
    assert!(!saar.iter().any(|o| o.starts_with("Saar")), "{saar:?}");
    let saar = entities_of(&s, "sovereignty", "place");
    assert!(has(&saar, "Saar Basin"), "{saar:?}");
}
