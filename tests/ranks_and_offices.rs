//! End to end: ranks, offices, landmarks and venues the tagger reads as bodies or persons. A
//! rank and one name is a person; an office of a place, a place's consul or a title alone is
//! no entity (nor are "Co" of "Co. Tyrone" and "the Taoiseach" places); a headland, an
//! airport, a bridge, an auditorium or a pavilion is a place; a festival named after an isle
//! is an event; a record label read as a place is a body, and so is an institution's head
//! ("the Politburo"), which is then the story's country's.
//! Letters after a name ("Q.C.", "MP") are no place nor words of the name, a lord and one
//! name is a person, and a robbery named in capitals is an event; a judge by his title ("Lord
//! Justice Taylor") is no body, and "the Chief Constable" no one; "Secretary of Labor Lewis
//! B. Schwellenbach" or "Assembly Speaker Stanley Steingut" read as one body is the holder;
//! an official's title and what the office oversees ("the Commissioner of Food and Drugs")
//! is no body, nor is a portfolio before a minister's title ("West German Finance
//! Minister Gerhard Stoltenberg").

mod common;

use common::{Scratch, entities_of, has};

#[test]
fn a_rank_and_a_name_read_as_a_body_is_a_person() {
    let s = Scratch::with_files(&[(
        "1894-09-20-yalu.txt",
        "Battle off the Yalu\n\nSHANGHAI, Sept. 19. - A great naval battle was fought on \
         Monday off the mouth of the Yalu between the Peiyang Squadron of China under Admiral \
         Ting and the Japanese fleet under Admiral Ito. The engagement lasted about five hours, \
         and Admiral Ting is reported to be wounded.\n",
    )]);
    s.index();
    let persons = entities_of(&s, "engagement", "person");
    let orgs = entities_of(&s, "engagement", "org");
    for name in ["Ting", "Ito"] {
        assert!(has(&persons, name), "{name}: {persons:?} {orgs:?}");
    }
    assert!(
        !orgs.iter().any(|o| o.contains("Admiral") || o == "Ting"),
        "{orgs:?}"
    );
}

#[test]
fn an_office_of_a_place_or_a_consul_is_no_body_and_a_title_alone_no_place() {
    let s = Scratch::with_files(&[
        (
            "1889-09-16-dock-strike.txt",
            "The Dock Strike at an End\n\nLONDON, Sept. 16. - The terms were agreed at the \
             Mansion House after Cardinal Manning and the Bishop of London had met the \
             directors. The British Consul at Hamburg reported that no blacklegs would sail.\n",
        ),
        (
            "1987-09-26-suva.txt",
            "Coup leader's terms\n\nSUVA, Sept. 26 (AAP) - Colonel Rabuka, speaking to \
             reporters outside Government Buildings, said he respected the Governor-General but \
             that Fiji would be declared a republic if the Governor-General, Ratu Sir Penaia \
             Ganilau, did not accept the terms.\n",
        ),
    ]);
    s.index();
    let orgs = entities_of(&s, "blacklegs", "org");
    for office in ["Bishop of London", "British Consul"] {
        assert!(!has(&orgs, office), "{office}: {orgs:?}");
    }
    let places = entities_of(&s, "republic", "place");
    assert!(!has(&places, "Governor-General"), "{places:?}");
}

#[test]
fn a_headland_an_airport_and_a_bridge_are_places() {
    let s = Scratch::with_files(&[
        (
            "1891-03-03-convention.txt",
            "The Federation Convention Opens\n\nSYDNEY, March 2. - Sir Henry Parkes spoke of \
             the day when there should be one people, one destiny, from Cape York to Cape \
             Leeuwin.\n",
        ),
        (
            "1988-01-27-harbour.txt",
            "The harbour crowds\n\nSYDNEY, Jan. 26 (AAP) - Tall ships sailed beneath the Sydney \
             Harbour Bridge, and Qantas said extra flights would land at Kingsford Smith \
             Airport tonight.\n",
        ),
    ]);
    s.index();
    let cape = entities_of(&s, "destiny", "place");
    assert!(has(&cape, "Cape York"), "{cape:?}");
    let harbour = entities_of(&s, "flights", "place");
    let orgs = entities_of(&s, "flights", "org");
    for name in ["Sydney Harbour Bridge", "Kingsford Smith Airport"] {
        assert!(has(&harbour, name), "{name}: {harbour:?} {orgs:?}");
    }
}

#[test]
fn venues_are_places_a_festival_after_an_isle_an_event_and_a_label_a_body() {
    let s = Scratch::with_files(&[
        (
            "1970-08-31-festival.txt",
            "Island festival ends\n\nRYDE, Aug. 31 - More than 200,000 people came to the Isle \
             of Wight Festival, where Jimi Hendrix played on the last night. Organisers said the \
             Isle of Wight Festival would not be held again.\n",
        ),
        (
            "1969-04-15-oscars.txt",
            "Oscars night\n\nLOS ANGELES, April 15 - The awards were presented at the Dorothy \
             Chandler Pavilion last night. Earlier the Doors played the Santa Monica Civic \
             Auditorium, and the singer signed with Columbia Records.\n",
        ),
    ]);
    s.index();
    let festival = entities_of(&s, "Organisers", "event");
    assert!(has(&festival, "Isle of Wight Festival"), "{festival:?}");
    let places = entities_of(&s, "awards", "place");
    let orgs = entities_of(&s, "awards", "org");
    let persons = entities_of(&s, "awards", "person");
    for venue in ["Dorothy Chandler Pavilion", "Santa Monica Civic Auditorium"] {
        assert!(
            has(&places, venue),
            "{venue}: {places:?} {orgs:?} {persons:?}"
        );
    }
    assert!(has(&orgs, "Columbia Records"), "{orgs:?} {places:?}");
}

#[test]
fn a_county_s_abbreviation_and_an_irish_title_are_no_places() {
    let s = Scratch::with_files(&[(
        "1998-08-16-omagh.txt",
        "Omagh bomb\n\nOMAGH, Co. Tyrone, Aug. 15 - A car bomb exploded in the main shopping \
         street of Omagh, Co. Tyrone, this afternoon, and the bombers would be hunted down. \
         In Dublin, the Taoiseach, Mr. Charles Haughey, said that the Irish Government would \
         act. Mr. Haughey is expected to be elected Taoiseach by the Dail on Tuesday.\n",
    )]);
    s.index();
    let places = entities_of(&s, "bombers", "place");
    for none in ["Co", "Taoiseach"] {
        assert!(!has(&places, none), "{none}: {places:?}");
    }
    assert!(has(&places, "Omagh"), "{places:?}");
}

#[test]
fn an_institution_s_head_read_as_a_place_is_the_story_s_country_s_body() {
    let s = Scratch::with_files(&[(
        "1985-03-12-kremlin.txt",
        "New leader\n\nMOSCOW, March 11 - The Soviet Union named Mikhail Gorbachev its \
         leader today. The Politburo met for less than four hours, the Soviet news agency \
         said, and the Politburo then proposed him to the Central Committee.\n",
    )]);
    s.index();
    let places = entities_of(&s, "agency", "place");
    assert!(!has(&places, "Politburo"), "{places:?}");
    let orgs = entities_of(&s, "agency", "org");
    assert!(
        has(
            &orgs,
            "Politburo of the Communist Party of the Soviet Union"
        ),
        "{orgs:?} {places:?}"
    );
}

#[test]
fn letters_after_counsel_s_name_are_no_place_and_a_lord_is_a_person() {
    let s = Scratch::with_files(&[
        (
            "1966-05-06-moors.txt",
            "Moors trial ends\n\nCHESTER, May 6. - The prosecution was led by the \
             Attorney-General, Sir Elwyn Jones, Q.C. Mr. Emlyn Hooson, Q.C., defended Brady, \
             and Captain Ross, V.C., M.C., gave evidence. Mr. Tom Driberg, M.P., and \
             Lord Longford watched from the gallery. Outside, Sir Geoffrey Howe QC MP said the \
             case would be remembered with the Great Train Robbery.\n",
        ),
        (
            "1901-02-02-bankers.txt",
            "Bankers meet\n\nNEW YORK, Feb. 2. - Andrew Carnegie, J.P. Morgan and their \
             lawyers met at the bank to-day.\n",
        ),
    ]);
    s.index();
    let places = entities_of(&s, "gallery", "place");
    for letters in ["Q.C.", "V.C.", "M.C.", "M.P.", "Lord Longford"] {
        assert!(!has(&places, letters), "{letters}: {places:?}");
    }
    let persons = entities_of(&s, "gallery", "person");
    for name in [
        "Elwyn Jones",
        "Emlyn Hooson",
        "Tom Driberg",
        "Lord Longford",
        "Geoffrey Howe",
    ] {
        assert!(has(&persons, name), "{name}: {persons:?}");
    }
    assert!(
        !persons
            .iter()
            .any(|p| p.contains("QC") || p.contains("Q.C.")),
        "{persons:?}"
    );
    let events = entities_of(&s, "gallery", "event");
    assert!(has(&events, "Great Train Robbery"), "{events:?}");
    // Initials are not the letters of an honour.
    let persons = entities_of(&s, "bankers", "person");
    assert!(has(&persons, "J.P. Morgan"), "{persons:?}");
}

#[test]
fn a_judge_s_or_a_coroner_s_office_is_no_body() {
    let s = Scratch::with_files(&[(
        "1958-06-21-little-rock.txt",
        "Integration delayed\n\nLITTLE ROCK, June 21 - The Court heard three hours of \
         argument and reversed a decision by Federal District Judge Harry J. Lemley on \
         integration at Central High School. Warren Olney, the Assistant Attorney General, \
         said the government was pleased, and the testimony of the Cuyahoga County Coroner, \
         Dr. Samuel R. Gerber, was read.\n",
    )]);
    s.index();
    let orgs = entities_of(&s, "integration", "org");
    for office in [
        "Federal District Judge",
        "Assistant Attorney General",
        "Cuyahoga County Coroner",
    ] {
        assert!(!has(&orgs, office), "{office}: {orgs:?}");
    }
    let persons = entities_of(&s, "integration", "person");
    for name in ["Harry J. Lemley", "Warren Olney", "Samuel R. Gerber"] {
        assert!(has(&persons, name), "{name}: {persons:?}");
    }
}

#[test]
fn a_court_of_law_read_as_a_place_is_a_body_and_earls_court_stays_a_place() {
    let s = Scratch::with_files(&[(
        "1965-03-02-remand.txt",
        "Brothers remanded\n\nLONDON, March 2 - \"We are not guilty of it.\" They will \
         appear at Bow Street Magistrates' Court on 21 December, a police spokesman said, and \
         were remanded in custody. The council's leader told the radio: \"We are going to \
         the High Court because we want a judge to rule.\" An exhibition opens at Earls \
         Court.\n",
    )]);
    s.index();
    let places = entities_of(&s, "remanded", "place");
    for court in ["Bow Street Magistrates' Court", "High Court"] {
        assert!(!has(&places, court), "{court}: {places:?}");
    }
    assert!(has(&places, "Earls Court"), "{places:?}");
    let orgs = entities_of(&s, "remanded", "org");
    assert!(has(&orgs, "Bow Street Magistrates' Court"), "{orgs:?}");
}

#[test]
fn a_judge_by_his_title_is_no_body_and_a_chief_constable_s_office_is_no_one() {
    let s = Scratch::with_files(&[(
        "1989-04-17-inquiry.txt",
        "Inquiry named\n\nSHEFFIELD, April 17 - The Home Secretary said the inquiry by Lord \
         Justice Taylor would report by August. The Chief Constable, Mr Peter Wright, said his \
         officers would help.\n",
    )]);
    s.index();
    let persons = entities_of(&s, "inquiry", "person");
    assert!(has(&persons, "Peter Wright"), "{persons:?}");
    assert!(
        !persons.iter().any(|p| p.contains("Constable")),
        "{persons:?}"
    );
    let orgs = entities_of(&s, "inquiry", "org");
    assert!(!has(&orgs, "Lord Justice Taylor"), "{orgs:?}");
}

#[test]
fn a_secretary_of_a_portfolio_is_the_holder_named_after_it() {
    let s = Scratch::with_files(&[
        (
            "1946-05-21-coal.txt",
            "Truman seizes the mines\n\nWASHINGTON, May 21 (AP) - President Truman seized the \
             soft coal mines today.\n\nSecretary of Labor Lewis B. Schwellenbach said talks \
             would go on, and Secretary of the Interior Julius A. Krug took charge of the \
             pits.\n",
        ),
        (
            "1975-06-30-budget.txt",
            "Budget passes\n\nALBANY, June 30 (AP) - The Legislature passed the budget after a \
             long day of bargaining in which Senate Majority Leader Warren M. Anderson \
             (R-Binghamton) won more school aid for the suburbs, and Assembly Speaker Stanley \
             Steingut (D-Brooklyn) held off amendments that city members said would hurt.\n",
        ),
    ]);
    s.index();
    let persons = entities_of(&s, "budget", "person");
    assert!(has(&persons, "Stanley Steingut"), "{persons:?}");
    let orgs = entities_of(&s, "budget", "org");
    assert!(!orgs.iter().any(|n| n.contains("Steingut")), "{orgs:?}");
    let persons = entities_of(&s, "mines", "person");
    for holder in ["Lewis B. Schwellenbach", "Julius A. Krug"] {
        assert!(has(&persons, holder), "{holder}: {persons:?}");
    }
    for kind in ["org", "place"] {
        let names = entities_of(&s, "mines", kind);
        assert!(
            !names
                .iter()
                .any(|n| n.contains("Schwellenbach") || n.contains("Krug")),
            "{kind}: {names:?}"
        );
    }
}

#[test]
fn an_official_s_title_and_what_the_office_oversees_is_no_body() {
    let s = Scratch::with_files(&[(
        "1992-04-16-implants.txt",
        "Implants restricted\n\nWASHINGTON, April 16 (AP) - The Commissioner of Food and Drugs, \
         Dr. David A. Kessler, said today that silicone implants would be restricted. In \
         London, the Director of Public Prosecutions, Sir Allan Green, and the Registrar of \
         Companies were not consulted. The Food and Drug Administration said more tests were \
         needed.\n",
    )]);
    s.index();
    let orgs = entities_of(&s, "implants", "org");
    let persons = entities_of(&s, "implants", "person");
    assert!(has(&persons, "David A. Kessler"), "{persons:?}");
    assert!(has(&orgs, "Food and Drug Administration"), "{orgs:?}");
    assert!(
        !orgs.iter().any(|o| o.starts_with("Commissioner")
            || o.starts_with("Director")
            || o.starts_with("Registrar")),
        "{orgs:?}"
    );
}

#[test]
fn a_portfolio_before_a_minister_s_title_is_no_body() {
    let s = Scratch::with_files(&[(
        "1985-09-22-plaza.txt",
        "Group of Five nations agree to push dollar lower\n\nNEW YORK, Sept 22 - The finance \
         ministers of five nations agreed today to act together to push the dollar lower.\n\n\
         The meeting brought together U.S. Treasury Secretary James Baker, Japanese Finance \
         Minister Noboru Takeshita, West German Finance Minister Gerhard Stoltenberg, French \
         Finance Minister Pierre Beregovoy and British Chancellor Nigel Lawson, as well as Fed \
         Chairman Paul Volcker.\n\nWest German Finance Minister Gerhard Stoltenberg said Bonn \
         would cut taxes.\n",
    )]);
    s.index();
    let orgs = entities_of(&s, "Takeshita", "org");
    assert!(!orgs.iter().any(|o| o.ends_with("Finance")), "{orgs:?}");
    let persons = entities_of(&s, "Takeshita", "person");
    assert!(has(&persons, "Gerhard Stoltenberg"), "{persons:?}");
}
