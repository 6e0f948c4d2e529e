//! End to end: a US state's politics as its papers write it. "The Senate" of a story that
//! says "the state Senate" is the state's, named after the state the story names ("California
//! Senate"), not the US Senate, unless the story comes from Washington; "the Legislature"
//! alone names no body, nor does "City Hall" (which city's?); "Ald." is a title, not a name;
//! "the General Assembly" of a story naming a state that has one is that state's.
//! A house's committee ("the Senate Finance Committee") is Congress's, or in a state story
//! the state's, and no generic head either way. A story that names a state's house in full
//! ("the Arizona Senate") reads its bare house as the state's, unless it writes that house as
//! Congress's ("won the U.S. Senate seat").

mod common;

use common::{Scratch, entities_of, has};

#[test]
fn a_state_s_senate_is_the_state_s_and_congress_s_stays_congress_s() {
    let s = Scratch::with_files(&[
        (
            "1978-06-20-budget.txt",
            "Budget passes\n\nSACRAMENTO, June 20 (AP) -- The state Senate approved the \
             California budget today, 27 to 9. The Senate then adjourned, and Assemblyman \
             Willie L. Brown Jr. said the Assembly would vote on Thursday.\n",
        ),
        (
            "1980-02-03-sting.txt",
            "Sting snares lawmakers\n\nWASHINGTON, Feb. 3 (AP) -- A senator and seven \
             members of the House were named today, along with several state officials in New \
             Jersey. The Senate ethics committee will meet in March.\n",
        ),
        (
            "1983-04-13-council.txt",
            "Council fight goes on\n\nCHICAGO, April 13 (UPI) -- Ald. Edward M. Burke kept \
             the chairmanship of the Finance Committee, and the Legislature in Springfield was \
             asked to settle the dispute. She said a cabal of evil men ran City Hall under \
             Bilandic.\n",
        ),
    ]);
    s.index();
    let orgs = entities_of(&s, "adjourned", "org");
    assert!(has(&orgs, "California Senate"), "{orgs:?}");
    assert!(has(&orgs, "California Assembly"), "{orgs:?}");
    assert!(!has(&orgs, "US Senate"), "{orgs:?}");
    let orgs = entities_of(&s, "ethics", "org");
    assert!(has(&orgs, "US Senate"), "{orgs:?}");
    let orgs = entities_of(&s, "chairmanship", "org");
    assert!(
        !orgs
            .iter()
            .any(|o| o == "Legislature" || o == "Ald" || o == "City Hall"),
        "{orgs:?}"
    );
    let persons = entities_of(&s, "chairmanship", "person");
    assert!(has(&persons, "Edward M. Burke"), "{persons:?}");
    assert!(!has(&persons, "Ald"), "{persons:?}");
}

#[test]
fn a_general_assembly_is_the_state_s_that_has_one_and_the_un_s_stays_the_un_s() {
    let s = Scratch::with_files(&[
        (
            "1983-06-10-teachers.txt",
            "Teachers must take test\n\nLITTLE ROCK, Ark., June 10 (AP) - Gov. Bill Clinton \
             signed a bill today requiring every teacher in Arkansas to pass a test. The \
             General Assembly passed it after a long fight with the teachers' union.\n",
        ),
        (
            "1983-10-12-vote.txt",
            "Vote on sanctions\n\nNEW YORK, Oct. 12 (AP) - The United Nations General \
             Assembly voted today on sanctions. Delegates from Texas businesses watched as the \
             General Assembly adjourned.\n",
        ),
    ]);
    s.index();
    let orgs = entities_of(&s, "teacher", "org");
    assert!(has(&orgs, "Arkansas General Assembly"), "{orgs:?}");
    assert!(!has(&orgs, "General Assembly"), "{orgs:?}");
    let orgs = entities_of(&s, "sanctions", "org");
    assert!(has(&orgs, "UN General Assembly"), "{orgs:?}");
    assert!(!orgs.iter().any(|o| o.starts_with("Texas")), "{orgs:?}");
}

#[test]
fn a_house_s_committee_is_congress_s_or_the_state_s_never_a_generic_head() {
    let s = Scratch::with_files(&[
        (
            "1987-05-03-trade-bill.txt",
            "Trade bill\n\nWASHINGTON, May 3 - The Senate is expected to take up its own trade \
             bill in June. Senator Lloyd Bentsen, chairman of the Senate Finance Committee, \
             said the committee would hold hearings.\n",
        ),
        (
            "1978-06-20-surplus.txt",
            "Surplus\n\nSACRAMENTO, June 20 - State Sen. Albert S. Rodda, chairman of the \
             Senate Finance Committee, said the California surplus would be nearly exhausted \
             by the state Senate's budget.\n",
        ),
    ]);
    s.index();
    let orgs = entities_of(&s, "Bentsen", "org");
    assert!(has(&orgs, "Senate Finance Committee"), "{orgs:?}");
    let orgs = entities_of(&s, "Rodda", "org");
    assert!(
        has(&orgs, "California Senate Finance Committee"),
        "{orgs:?}"
    );
    assert!(!has(&orgs, "Senate Finance Committee"), "{orgs:?}");
}

#[test]
fn a_story_naming_a_state_s_house_in_full_reads_its_bare_house_as_the_state_s() {
    let s = Scratch::with_files(&[
        (
            "1988-04-05-mecham.txt",
            "ARIZONA SENATE REMOVES MECHAM\n\nPHOENIX, Ariz. (AP) -- The Arizona Senate \
             convicted Gov. Evan Mecham yesterday of obstructing justice. The Senate found \
             that Mecham had tried to block an investigation.\n",
        ),
        (
            "1998-11-04-taft.txt",
            "Taft wins governor's race; Voinovich heads to Senate\n\nGeorge Voinovich, barred \
             by term limits from seeking a third term, won the U.S. Senate seat being given up \
             by John Glenn. Jane Doyle was re-elected; it will be her last term in the Ohio \
             House of Representatives under the state's term limits law.\n",
        ),
    ]);
    s.index();
    let orgs = entities_of(&s, "obstructing", "org");
    assert!(has(&orgs, "Arizona Senate"), "{orgs:?}");
    assert!(!has(&orgs, "US Senate"), "{orgs:?}");
    // A house the story writes as Congress's stays Congress's, bare in the headline too.
    let orgs = entities_of(&s, "Voinovich", "org");
    assert!(has(&orgs, "US Senate"), "{orgs:?}");
    assert!(has(&orgs, "Ohio House of Representatives"), "{orgs:?}");
    assert!(!has(&orgs, "Ohio Senate"), "{orgs:?}");
}
