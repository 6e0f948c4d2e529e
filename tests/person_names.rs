//! End to end: one person under several full names ("Jimmy Hoffa", "James R. Hoffa", "J.
//! Hoffa"), in one article and across the archive, and the names that stay apart (another
//! middle initial, another given name, another decade, a familiar form no article ties); a
//! name written without its accents is the accented one; the "M." of "M. Chirac" is
//! Monsieur, not an initial, unless the story writes initials; a nickname between given
//! names and surname ("W. A. (Tony) Boyle", "Earvin \"Magic\" Johnson") keeps the name
//! whole, and the name by the nickname is the same person; a full name ending in "Jr." is
//! a person even where the tagger read a body; "Miss Bhutto" is not the man the story calls
//! "Mr. Bhutto"; a close relative named by a given name takes the family's surname ("Mr.
//! Bhutto's daughter, Benazir").

mod common;

use common::{Scratch, archive_aliases, entities_of, has, total};

#[test]
fn an_article_s_forms_of_one_name_are_one_person_and_its_namesakes_stay_apart() {
    let s = Scratch::with_files(&[
        (
            "1971-12-23-commuted.txt",
            "Sentence commuted\n\nWASHINGTON, Dec 23 - President Nixon commuted the sentence \
             of James R. Hoffa, the former Teamsters president. Jimmy Hoffa left prison in \
             the afternoon, and Hoffa said he had no plans.\n",
        ),
        (
            "1975-07-31-missing.txt",
            "Search widens\n\nDETROIT, July 31 - Police searched for James R. Hoffa. His son, \
             James P. Hoffa, a lawyer, said the family was worried.\n",
        ),
        (
            "1981-02-02-mills.txt",
            "Mills reopen\n\nLOWELL, Feb 2 - Robert Mulcahy reopened two mills. Bob Mulcahy \
             told workers that Roberta Mulcahy, his sister, would run the second.\n",
        ),
    ]);
    s.index();
    let commuted = entities_of(&s, "commuted", "person");
    assert!(has(&commuted, "James R. Hoffa"), "{commuted:?}");
    assert!(
        !commuted.iter().any(|p| p == "Jimmy Hoffa" || p == "Hoffa"),
        "{commuted:?}"
    );
    // Father and son differ by their middle initials.
    let missing = entities_of(&s, "worried", "person");
    assert!(
        has(&missing, "James R. Hoffa") && has(&missing, "James P. Hoffa"),
        "{missing:?}"
    );
    let mills = entities_of(&s, "mills", "person");
    assert!(
        has(&mills, "Robert Mulcahy") && has(&mills, "Roberta Mulcahy"),
        "{mills:?}"
    );
    assert!(!has(&mills, "Bob Mulcahy"), "{mills:?}");
    // The familiar form is an alias: searching by it finds the person.
    assert_eq!(total(&s.search(&["--person", "Jimmy Hoffa"])), 2);
}

#[test]
fn particles_and_an_arabic_family_name_with_its_article_are_the_full_name_s() {
    let s = Scratch::with_files(&[
        (
            "1978-08-22-kenyatta.txt",
            "Kenyatta dies\n\nNAIROBI, Aug. 22 (Reuters) - The Vice-President, Mr. Daniel arap \
             Moi, cut short a tour of the Rift Valley. Mr. Moi appealed for calm.\n",
        ),
        (
            "1994-01-03-chiapas.txt",
            "Uprising\n\nMEXICO CITY, Jan. 3 (Reuters) - President Carlos Salinas de Gortari sent \
             troops to Chiapas. The Zapatista uprising embarrasses Mr. Salinas.\n",
        ),
        (
            "2011-06-20-order.txt",
            "Airline orders jets\n\nDOHA, June 20 (Reuters) - Qatar Airways chief executive Akbar \
             Al Baker ordered 80 jets on Monday. \"We are growing,\" Mr. Al Baker said.\n",
        ),
    ]);
    s.index();
    let kenya = entities_of(&s, "Rift", "person");
    assert!(has(&kenya, "Daniel arap Moi"), "{kenya:?}");
    assert!(!has(&kenya, "Moi"), "{kenya:?}");
    let mexico = entities_of(&s, "Zapatista", "person");
    assert!(has(&mexico, "Carlos Salinas de Gortari"), "{mexico:?}");
    assert!(!has(&mexico, "Salinas"), "{mexico:?}");
    let doha = entities_of(&s, "jets", "person");
    assert!(has(&doha, "Akbar Al Baker"), "{doha:?}");
    assert!(!has(&doha, "Al Baker"), "{doha:?}");
}

#[test]
fn across_the_archive_a_shorter_form_is_the_one_fuller_name_of_its_years() {
    let s = Scratch::with_files(&[
        (
            "1996-02-03-match.txt",
            "Wasps win\n\nJamie Noon scored twice as Wasps beat Bath. Noon said the pack won it.\n",
        ),
        (
            "1996-02-10-match.txt",
            "Wasps lose\n\nJamie Noon was injured in the first half against Leicester.\n",
        ),
        (
            "1996-02-17-teams.txt",
            "Teams for Saturday\n\nWasps: J Noon, P Greening, L Dallaglio. Bath: M Catt, \
             J Guscott.\n",
        ),
        // Two fuller names an initial may stand for: it stands for neither.
        (
            "1996-03-01-bath.txt",
            "Bath sign two\n\nMatthew Catt, a centre, joined Bath on Friday. Catt said he was \
             delighted.\n",
        ),
        (
            "1996-03-02-bath.txt",
            "Catt's brother\n\nMike Catt welcomed his brother to the club.\n",
        ),
        // A familiar form no article ties to the formal one: two people.
        (
            "1996-04-01-congress.txt",
            "Energy bill\n\nRepresentative Joe Barton of Texas introduced an energy bill.\n",
        ),
        (
            "1996-04-02-football.txt",
            "Midfielder fined\n\nJoey Barton was fined two weeks' wages by his club.\n",
        ),
        // Decades later an initial is someone else.
        (
            "2019-05-05-teams.txt",
            "Village side\n\nOtley: J Noon, K Hartley.\n",
        ),
    ]);
    s.index();
    let table = archive_aliases(&s);
    assert!(
        table.contains("person\tJamie Noon\tJ Noon\t1996"),
        "{table}"
    );
    assert!(!table.contains("\tM Catt"), "{table}");
    assert!(!table.contains("Barton"), "{table}");
    let teams = entities_of(&s, "saturday", "person");
    assert!(has(&teams, "Jamie Noon"), "{teams:?}");
    assert!(has(&teams, "M Catt"), "{teams:?}");
    let village = entities_of(&s, "otley", "person");
    assert!(!has(&village, "Jamie Noon"), "{village:?}");
    assert_eq!(total(&s.search(&["--person", "Jamie Noon"])), 3);
    assert_eq!(total(&s.search(&["--person", "Joey Barton"])), 1);
    // A second run reads the same table: the links it made are still seen.
    let links = |table: &str| -> Vec<String> {
        table
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(str::to_string)
            .collect()
    };
    let summary = s.index();
    assert_eq!(links(&archive_aliases(&s)), links(&table));
    assert_eq!(summary["indexed_updated"], 0, "{summary:#}");
}

#[test]
fn a_name_of_more_initials_than_given_names_and_a_surname_several_share_stay_apart() {
    let s = Scratch::with_files(&[
        (
            "1976-08-17-summit.txt",
            "Summit opens\n\nCOLOMBO, Aug 17 - The Prime Minister, Mrs. Sirimavo Bandaranaike, \
             took the chair in a hall named after her late husband, the former Prime Minister \
             S. W. R. D. Bandaranaike. Mrs. Bandaranaike called for a zone of peace.\n",
        ),
        (
            "1984-11-01-funeral.txt",
            "Cremation today\n\nNEW DELHI, Nov 1 - Rajiv Kapoor was sworn in as Prime \
             Minister hours after his mother, Meera Kapoor, was shot. His wife, Anjali \
             Kapoor, stood beside him. Mr. Kapoor, 40, appealed for calm.\n",
        ),
    ]);
    s.index();
    let summit = entities_of(&s, "zone", "person");
    assert!(
        has(&summit, "Sirimavo Bandaranaike") && has(&summit, "S. W. R. D. Bandaranaike"),
        "{summit:?}"
    );
    // "Mr. Kapoor" is one of three Kapoors the story names: no fourth person "Kapoor".
    let funeral = entities_of(&s, "cremation", "person");
    for name in ["Rajiv Kapoor", "Meera Kapoor", "Anjali Kapoor"] {
        assert!(has(&funeral, name), "{name}: {funeral:?}");
    }
    assert!(!has(&funeral, "Kapoor"), "{funeral:?}");
}

#[test]
fn a_title_and_a_name_is_the_holder_of_the_article_s_time() {
    let s = Scratch::with_files(&[
        (
            "1910-05-09-mourning.txt",
            "Court in mourning\n\nLONDON, May 9 - The Princess of Wales received the \
             ambassadors at Marlborough House.\n",
        ),
        (
            "1915-10-16-recruiting.txt",
            "Recruiting scheme\n\nLONDON, Oct 16 - Lord Derby launched his scheme for \
             voluntary enlistment today.\n",
        ),
        (
            "royal-visit.txt",
            "Hospital wing opened\n\nPrince Charles opened the new children's wing and \
             spoke to nurses.\n",
        ),
    ]);
    s.index();
    let mourning = entities_of(&s, "ambassadors", "person");
    assert!(!has(&mourning, "Diana, Princess of Wales"), "{mourning:?}");
    let recruiting = entities_of(&s, "enlistment", "person");
    assert!(
        !recruiting.iter().any(|p| p.contains("14th Earl")),
        "{recruiting:?}"
    );
    // Undated, the title and name are taken as written: the one listed person.
    assert!(has(
        &entities_of(&s, "nurses", "person"),
        "King Charles III"
    ));
}

#[test]
fn a_name_written_without_its_accents_is_the_accented_one_across_the_archive() {
    let s = Scratch::with_files(&[
        (
            "1986-03-10-lisbon.txt",
            "New president\n\nLISBON, March 9 - Mário Soares was sworn in as President today. \
             Aníbal Cavaco Silva, the Prime Minister, attended.\n",
        ),
        (
            "1986-06-02-brussels.txt",
            "Portugal joins\n\nBRUSSELS, June 2 - Mario Soares told the Community that Portugal \
             was ready, and Anibal Cavaco Silva met the commissioners.\n",
        ),
    ]);
    s.index();
    for (word, name) in [
        ("ready", "Mário Soares"),
        ("ready", "Aníbal Cavaco Silva"),
        ("sworn", "Mário Soares"),
    ] {
        let persons = entities_of(&s, word, "person");
        assert!(has(&persons, name), "{name}: {persons:?}");
    }
    let brussels = entities_of(&s, "ready", "person");
    assert!(!has(&brussels, "Mario Soares"), "{brussels:?}");
}

#[test]
fn monsieur_s_m_is_no_initial_unless_the_story_writes_initials() {
    let s = Scratch::with_files(&[
        (
            "1995-05-03-paris.txt",
            "Paris talks\n\nPARIS, May 3 - M. Chirac met the German Chancellor today. M. Alain \
             Juppe, the Prime Minister, said the talks went well.\n",
        ),
        (
            "1996-08-22-cricket.txt",
            "England win\n\nLONDON, Aug. 22 - England reached 226-5, M. Atherton 65 and N. \
             Hussain 42 not out.\n",
        ),
    ]);
    s.index();
    let paris = entities_of(&s, "talks", "person");
    for name in ["Jacques Chirac", "Alain Juppe"] {
        assert!(has(&paris, name), "{name}: {paris:?}");
    }
    assert!(!paris.iter().any(|p| p.starts_with("M. ")), "{paris:?}");
    let cricket = entities_of(&s, "Hussain", "person");
    assert!(has(&cricket, "M. Atherton"), "{cricket:?}");
}

#[test]
fn a_nickname_between_given_names_and_surname_keeps_the_name_whole() {
    let s = Scratch::with_files(&[
        (
            "1977-03-02-talks.txt",
            "Speaker meets union chiefs\n\nWASHINGTON, March 2 (AP) - House Speaker Thomas P. \
             (Tip) O'Neill Jr. met today with W. A. (Tony) Boyle and with Edmund G. (Pat) Brown, \
             the former governor of California, to discuss the coal strike. At the controls \
             of the jet was Alvin M. (Tex) Johnston, the company's chief test pilot.\n\nMr. \
             O'Neill said the talks were useful. Mr. Boyle did not comment.\n",
        ),
        (
            "1991-11-08-retires.txt",
            "Magic Johnson retires\n\nLOS ANGELES, Nov. 8 (AP) - Earvin \"Magic\" Johnson, \
             the Lakers guard, said today he had the AIDS virus. A biographer of Charles \
             (Lucky) Luciano's called it a sad day.\n",
        ),
        (
            "2005-02-01-squad.txt",
            "Squad named\n\nEDINBURGH, Feb. 1 - Backs: Hugo Southwell (Edinburgh Rugby), Simon \
             Webster (Edinburgh Rugby) Forwards: Ross Beattie (Newcastle). The film had an \
             Americanised \"Jimmy\" Bond.\n",
        ),
        (
            "1992-02-10-all-star.txt",
            "All-Star return\n\nORLANDO, Feb. 10 (AP) - Magic Johnson scored 25 points in the \
             All-Star game, three months after he retired.\n",
        ),
    ]);
    s.index();
    let talks = entities_of(&s, "coal", "person");
    // A nickname that is also a place written short ("Tex") after a middle initial.
    for name in [
        "Thomas P. O'Neill Jr.",
        "W. A. Boyle",
        "Edmund G. Brown",
        "Alvin M. Johnston",
    ] {
        assert!(has(&talks, name), "{name}: {talks:?}");
    }
    // No piece of a name is a person of its own, nor the nickname a place.
    for piece in [
        "Thomas P.",
        "Edmund G.",
        "Alvin M.",
        "O'Neill",
        "Boyle",
        "Tony) Boyle",
    ] {
        assert!(!has(&talks, piece), "{piece}: {talks:?}");
    }
    assert!(!has(&entities_of(&s, "coal", "place"), "Tip"));
    let retires = entities_of(&s, "virus", "person");
    assert!(
        has(&retires, "Earvin Johnson") && has(&retires, "Charles Luciano"),
        "{retires:?}"
    );
    // The headline's name by the nickname is the same person.
    assert!(!has(&retires, "Magic Johnson"), "{retires:?}");
    assert!(!has(&entities_of(&s, "virus", "org"), "Luciano"));
    // Across the archive: a story that only writes "Magic Johnson" names him too.
    assert_eq!(total(&s.search(&["--person", "Earvin Johnson"])), 2);
    // The name as written is an alias.
    assert_eq!(total(&s.search(&["--person", "W. A. (Tony) Boyle"])), 1);
    // A club in brackets is no nickname, nor a word after an article a given name.
    let squad = entities_of(&s, "Forwards", "person");
    assert!(
        !squad
            .iter()
            .any(|p| p.contains("Forwards") || p.contains("Bond")),
        "{squad:?}"
    );
}

#[test]
fn a_russian_given_name_in_another_romanisation_is_the_same_person() {
    let s = Scratch::with_files(&[
        (
            "1965-03-18-spacewalk.txt",
            "Walk in space\n\nMOSCOW, March 18 (AP) - Lt. Col. Aleksei A. Leonov left his \
             spaceship today and floated in space for ten minutes, Tass said.\n",
        ),
        (
            "1966-01-10-leonov.txt",
            "Cosmonaut speaks\n\nMOSCOW, Jan. 10 (Reuters) - Lt. Col. Alexei A. Leonov told \
             reporters that he would fly again.\n",
        ),
    ]);
    s.index();
    let listing = common::all_entities(&s);
    let leonovs = listing
        .iter()
        .filter(|(kind, name)| kind == "person" && name.ends_with("Leonov"))
        .count();
    assert_eq!(leonovs, 1, "{listing:?}");
    assert_eq!(total(&s.search(&["--person", "Alexei A. Leonov"])), 2);
}

#[test]
fn a_full_name_ending_in_junior_is_a_person_whatever_the_tagger_read() {
    let s = Scratch::with_files(&[(
        "1972-06-05-verdict.txt",
        "Verdict\n\nThe prosecution, led by Albert W. Harris Jr., an assistant state attorney \
         general, contended that Miss Davis had bought the guns.\n\nHe is said to have agreed \
         only after Berry Gordy Jr., the president of Motown Records, guaranteed the house \
         against loss.\n",
    )]);
    s.index();
    let persons = entities_of(&s, "prosecution", "person");
    for name in ["Albert W. Harris Jr.", "Berry Gordy Jr."] {
        assert!(has(&persons, name), "{name}: {persons:?}");
    }
    let orgs = entities_of(&s, "prosecution", "org");
    assert_eq!(orgs, ["Motown Records"], "{orgs:?}");
}

#[test]
fn a_woman_s_title_and_a_surname_is_not_the_man_the_story_calls_mister() {
    let s = Scratch::with_files(&[(
        "1979-04-04-hanged.txt",
        "Bhutto hanged\n\nRAWALPINDI, April 4 - Zulfikar Ali Bhutto, the former Prime Minister, \
         was hanged at dawn today. Mr. Bhutto's wife and his daughter were taken to the jail \
         yesterday for a final meeting. Miss Bhutto, 25, was reported to have been told of \
         the execution by a jail official.\n",
    )]);
    s.index();
    let persons = entities_of(&s, "hanged", "person");
    assert!(has(&persons, "Zulfikar Ali Bhutto"), "{persons:?}");
    assert!(has(&persons, "Miss Bhutto"), "{persons:?}");
}

#[test]
fn a_close_relative_named_by_a_given_name_takes_the_family_s_surname() {
    let s = Scratch::with_files(&[
        (
            "1972-06-28-simla.txt",
            "Bhutto flies to Simla\n\nRAWALPINDI, June 28 - President Zulfikar Ali Bhutto left \
             for Simla today. Mr. Bhutto's 19-year-old daughter, Benazir, a student at Harvard, \
             accompanied him.\n",
        ),
        (
            "1990-04-08-white.txt",
            "Ryan White dies\n\nINDIANAPOLIS, April 8 - Ryan White died today. His mother, \
             Jeanne White, and his sister, Andrea, were at his bedside.\n",
        ),
        (
            "1956-03-02-haskell.txt",
            "Train stranded\n\nMrs. Dorothy Haskell was traveling from Kansas City with her \
             two-year-old son, Danny. She telephoned the grocery owned by Stanley Wisniewski \
             to reach her brother Edward. Al Pacino played the part, as his son Michael.\n",
        ),
    ]);
    s.index();
    let persons = entities_of(&s, "Simla", "person");
    assert!(has(&persons, "Benazir Bhutto"), "{persons:?}");
    assert!(!has(&persons, "Benazir"), "{persons:?}");
    let persons = entities_of(&s, "bedside", "person");
    assert!(has(&persons, "Andrea White"), "{persons:?}");
    // Whose relative "her brother" is, is not the man named just before; a part played is
    // no relative.
    let persons = entities_of(&s, "grocery", "person");
    assert!(has(&persons, "Danny Haskell"), "{persons:?}");
    for wrong in ["Edward Wisniewski", "Michael Pacino"] {
        assert!(!has(&persons, wrong), "{wrong}: {persons:?}");
    }
}
