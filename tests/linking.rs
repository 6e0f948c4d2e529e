//! End to end: linking names to gazetteer entries by the article's date (the years column),
//! full names over gazetteer guesses, undated articles, and the archive's acronym table, on
//! small dated archives written by these tests (dates come from the file names).

mod common;

use common::{Scratch, archive_aliases, entities_of, has, total};

#[test]
fn a_surname_or_acronym_links_to_the_entry_of_the_article_s_time() {
    let s = Scratch::with_files(&[
        (
            "1987-03-02-bonds.txt",
            "Bonds rally\n\nFinance Minister Stoltenberg said on Monday that the bond market \
             would calm. EC ministers meet in Brussels next week, and Abe will attend.\n",
        ),
        (
            "2015-06-01-alliance.txt",
            "Alliance talks\n\nSecretary-General Stoltenberg said on Monday that the alliance \
             would meet. EU ministers meet in Brussels next week, and Abe will attend.\n",
        ),
    ]);
    s.index();
    let old = entities_of(&s, "bond", "person");
    assert!(has(&old, "Gerhard Stoltenberg"), "{old:?}");
    assert!(has(&old, "Shintaro Abe"), "{old:?}");
    assert!(
        !has(&old, "Jens Stoltenberg") && !has(&old, "Shinzo Abe"),
        "{old:?}"
    );
    assert!(has(&entities_of(&s, "bond", "org"), "European Community"));
    let new = entities_of(&s, "alliance", "person");
    assert!(has(&new, "Jens Stoltenberg"), "{new:?}");
    assert!(has(&new, "Shinzo Abe"), "{new:?}");
    let orgs = entities_of(&s, "alliance", "org");
    assert!(
        has(&orgs, "European Union") && !has(&orgs, "European Community"),
        "{orgs:?}"
    );
    assert_eq!(total(&s.search(&["--person", "Jens Stoltenberg"])), 1);
}

#[test]
fn a_renamed_entity_is_linked_under_the_name_of_the_article_s_time() {
    let s = Scratch::with_files(&[
        (
            "1985-05-02-leningrad.txt",
            "Port strike\n\nDockers in Leningrad and Bombay stopped work on Thursday, and \
             traders in Rangoon said rice shipments from Burma would wait.\n",
        ),
        (
            "2019-11-18-platforms.txt",
            "Platforms fined\n\nRegulators fined Twitter and Facebook on Monday over \
             advertising rules, officials in Mumbai said.\n",
        ),
        (
            "2024-03-05-platforms.txt",
            "Rules tightened\n\nMeta and X Corp were told on Tuesday to publish their \
             moderation figures.\n",
        ),
    ]);
    s.index();
    let places = entities_of(&s, "dockers", "place");
    for name in ["Leningrad", "Bombay", "Rangoon", "Burma"] {
        assert!(has(&places, name), "{name}: {places:?}");
    }
    for name in ["St Petersburg", "Mumbai", "Yangon", "Myanmar"] {
        assert!(!has(&places, name), "{name}: {places:?}");
    }
    let orgs = entities_of(&s, "regulators", "org");
    assert!(has(&orgs, "Twitter") && has(&orgs, "Facebook"), "{orgs:?}");
    assert!(!has(&orgs, "X Corp") && !has(&orgs, "Meta"), "{orgs:?}");
    assert!(has(&entities_of(&s, "regulators", "place"), "Mumbai"));
    let later = entities_of(&s, "moderation", "org");
    assert!(has(&later, "X Corp") && has(&later, "Meta"), "{later:?}");
}

#[test]
fn a_full_name_in_the_article_wins_over_the_gazetteer_s_guess() {
    let s = Scratch::with_files(&[
        (
            "2015-03-02-farm.txt",
            "Farm prices\n\nIvar Stoltenberg, a dairy farmer near Tromso, said milk prices \
             fell. Stoltenberg said he would sell the herd.\n",
        ),
        (
            "2016-03-02-memoir.txt",
            "Memoir published\n\nFormer finance minister Gerhard Stoltenberg was remembered \
             on Monday. Stoltenberg led the ministry in the 1980s.\n",
        ),
    ]);
    s.index();
    let farm = entities_of(&s, "milk", "person");
    assert_eq!(farm, ["Ivar Stoltenberg"], "{farm:?}");
    let memoir = entities_of(&s, "memoir", "person");
    assert_eq!(memoir, ["Gerhard Stoltenberg"], "{memoir:?}");
    assert_eq!(total(&s.search(&["--person", "Jens Stoltenberg"])), 0);
}

#[test]
fn a_surname_or_family_name_read_as_a_place_or_firm_is_the_person_the_article_names() {
    let s = Scratch::with_files(&[
        (
            "1999-01-13-retires.txt",
            "Jordan leaves the court\n\nMichael Jordan retired on Wednesday in Chicago. Jordan \
             said he was done, and Houston, his coach, agreed. Houston said the team would miss him. Kevin \
             Houston thanked fans in Jordan and Syria.\n",
        ),
        (
            "2018-07-26-mandate.txt",
            "Imran claims mandate\n\nCricketer-turned-politician Imran Khan said on Thursday his \
             party had won the election in Pakistan.\n",
        ),
    ]);
    s.index();
    let court = entities_of(&s, "retired", "person");
    assert!(has(&court, "Michael Jordan"), "{court:?}");
    assert!(has(&court, "Kevin Houston"), "{court:?}");
    // "in Jordan and Syria": the country, beside its neighbour.
    let places = entities_of(&s, "retired", "place");
    assert!(has(&places, "Jordan"), "{places:?}");
    let mandate = entities_of(&s, "mandate", "person");
    assert_eq!(mandate, ["Imran Khan"], "{mandate:?}");
    for kind in ["org", "place"] {
        assert!(!has(&entities_of(&s, "mandate", kind), "Imran"), "{kind}");
    }
    let list: serde_json::Value =
        serde_json::from_str(&s.stdout(&["entities", "--json", "--type", "person"])).unwrap();
    let houston = list
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Kevin Houston")
        .expect("Kevin Houston listed");
    assert!(
        houston["aliases"].to_string().contains("Houston"),
        "{houston}"
    );
}

#[test]
fn undated_articles_link_only_full_names_and_a_name_fitting_no_entry_stays_its_own() {
    let s = Scratch::with_files(&[
        (
            "undated/talks.txt",
            "Talks\n\nPresident Ronald Reagan met reporters. Reagan said the talks went \
             well, and Minister Stoltenberg agreed.\n",
        ),
        (
            "1987-05-05-oil.txt",
            "Oil output\n\nExxon Corp said on Tuesday that output rose. Exxon shares \
             climbed.\n",
        ),
    ]);
    s.index();
    let people = entities_of(&s, "reporters", "person");
    assert!(has(&people, "Ronald Reagan"), "{people:?}");
    assert!(!has(&people, "Reagan"), "{people:?}");
    assert!(
        !has(&people, "Jens Stoltenberg") && !has(&people, "Gerhard Stoltenberg"),
        "{people:?}"
    );
    // ExxonMobil was formed in 1999: a 1987 "Exxon" is not it.
    let orgs = entities_of(&s, "output", "org");
    assert!(!has(&orgs, "ExxonMobil"), "{orgs:?}");
    assert!(orgs.iter().any(|o| o.starts_with("Exxon")), "{orgs:?}");
}

#[test]
fn a_surname_alone_is_the_person_the_archive_names_in_full_when_one_clearly_has_it() {
    let s = Scratch::with_files(&[
        (
            "desk/one.txt",
            "Budget vote\n\nFinance Minister Gerhard Kessler met bankers on Monday. Kessler \
             said the budget was fair.\n",
        ),
        (
            "desk/two.txt",
            "Tax plan\n\nGerhard Kessler spoke to farmers on Tuesday. Kessler said taxes \
             would fall.\n",
        ),
        (
            "desk/three.txt",
            "Cuts stay\n\nThe cuts will stay, Kessler told parliament on Wednesday, and \
             Kessler said the banks agreed.\n",
        ),
        // Two people share the surname Brandt about equally: no reading wins.
        (
            "desk/four.txt",
            "Port deal\n\nHarbour chief Ulrich Brandt signed the deal. Brandt said ships \
             would come.\n",
        ),
        (
            "desk/five.txt",
            "Choir tour\n\nConductor Ilse Brandt led the choir. Brandt said the tour sold \
             out.\n",
        ),
        (
            "desk/six.txt",
            "Harbour fees\n\nBrandt announced higher harbour fees on Friday.\n",
        ),
        // A surname that is also a given name carries only after a personal title: "Ms
        // Michael" is the singer, a lone "Michael" anyone called Michael.
        (
            "desk/seven.txt",
            "Singer returns\n\nSinger Anna Michael sang in Bonn. Michael said she was back.\n",
        ),
        (
            "desk/eight.txt",
            "Singer tours\n\nAnna Michael toured Austria. Michael said it went well.\n",
        ),
        (
            "desk/nine.txt",
            "Encore in Linz\n\nTickets for the concert by Ms. Michael sold out in an hour. \
             Michael thanked her fans.\n",
        ),
        (
            "desk/ten.txt",
            "Spelling bee\n\nMichael, a boy of ten from Graz, won the spelling contest.\n",
        ),
        (
            "desk/eleven.txt",
            "Band returns\n\nMichael Stipe sang in Vienna on Sunday.\n",
        ),
    ]);
    s.index();
    let table = archive_aliases(&s);
    assert!(
        table.contains("person\tGerhard Kessler\tKessler"),
        "{table}"
    );
    let (plain, titled) = table.split_once("after a personal title").unwrap();
    assert!(
        !plain.contains("\tBrandt\n") && !plain.contains("\tMichael\n"),
        "{table}"
    );
    assert!(
        titled.contains("person\tAnna Michael\tMichael\n"),
        "{table}"
    );
    assert_eq!(entities_of(&s, "tickets", "person"), ["Anna Michael"]);
    let bee = entities_of(&s, "spelling", "person");
    assert!(!has(&bee, "Anna Michael"), "{bee:?}");
    // `--person Michael` is still every Michael, not the one the table reads after "Ms".
    assert_eq!(total(&s.search(&["--person", "Michael"])), 4);
    let cuts = entities_of(&s, "parliament", "person");
    assert_eq!(cuts, ["Gerhard Kessler"], "{cuts:?}");
    assert_eq!(total(&s.search(&["--person", "Gerhard Kessler"])), 3);
    let fees = entities_of(&s, "fees", "person");
    assert!(!fees.iter().any(|p| p.contains(' ')), "{fees:?}");
}

#[test]
fn a_surname_s_reading_holds_only_near_the_years_of_the_articles_naming_the_person() {
    let s = Scratch::with_files(&[
        (
            "1962-03-01-farm.txt",
            "Farm bill\n\nSenator Walter Brannock backed the farm bill. Brannock said prices \
             would hold.\n",
        ),
        (
            "1963-05-02-dam.txt",
            "Dam opens\n\nSenator Walter Brannock opened the dam. Brannock praised the \
             engineers.\n",
        ),
        (
            "1964-06-03-roads.txt",
            "Roads plan\n\nThe roads plan passed, Brannock told reporters on Wednesday.\n",
        ),
        (
            "1991-07-04-parade.txt",
            "Parade held\n\nThe parade was a success, Brannock told reporters on Thursday.\n",
        ),
    ]);
    s.index();
    let table = archive_aliases(&s);
    assert!(
        table.contains("person\tWalter Brannock\tBrannock\t1962-1963"),
        "{table}"
    );
    // Within two years of those articles the lone surname is him; decades later it is not.
    assert_eq!(entities_of(&s, "roads", "person"), ["Walter Brannock"]);
    let parade = entities_of(&s, "parade", "person");
    assert!(!has(&parade, "Walter Brannock"), "{parade:?}");
    // A second run keeps the years: the articles the table linked are no evidence of them.
    let links = |table: &str| -> Vec<String> {
        table
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(str::to_string)
            .collect()
    };
    s.index();
    assert_eq!(links(&archive_aliases(&s)), links(&table));
}

#[test]
fn a_surname_after_a_woman_s_title_is_not_the_man_of_that_name() {
    let s = Scratch::with_files(&[
        (
            "1963-11-22-dallas.txt",
            "President shot\n\nPresident John F. Kennedy was shot in Dallas on Friday. Mrs. \
             Kennedy was unhurt. Kennedy died an hour later.\n",
        ),
        (
            "2005-04-20-campaign.txt",
            "On the trail\n\nMichael Howard toured Kent with his wife Sandra Howard. Mrs \
             Howard said voters were friendly.\n",
        ),
        (
            "1979-05-04-victory.txt",
            "Tories win\n\nMargaret Thatcher became prime minister on Friday. Mrs. Thatcher \
             said she would bring harmony.\n",
        ),
    ]);
    s.index();
    let dallas = entities_of(&s, "Dallas", "person");
    assert!(has(&dallas, "John F. Kennedy"), "{dallas:?}");
    assert!(has(&dallas, "Mrs Kennedy"), "{dallas:?}");
    assert_eq!(
        total(&s.search(&["--person", "John F. Kennedy", "unhurt"])),
        1,
        "the article still names him"
    );
    let trail = entities_of(&s, "voters", "person");
    assert!(has(&trail, "Sandra Howard"), "{trail:?}");
    let listing = s.stdout(&["entities", "--type", "person"]);
    let michael = listing
        .lines()
        .find(|l| l.trim_start().starts_with("Michael Howard"))
        .unwrap_or_else(|| panic!("{listing}"));
    assert!(!michael.contains("Mrs"), "{michael}");
    // A woman the lists name is still herself.
    assert_eq!(entities_of(&s, "harmony", "person"), ["Margaret Thatcher"]);
}

/// A file that defines an acronym.
const NGC_DEFINED: (&str, &str) = (
    "2024-01-05-grain.txt",
    "Grain board meets\n\nThe Northern Grain Council (NGC) met on Monday in Tromso. The NGC \
     said prices would rise.\n",
);

/// Two files that write a name like a person's as a band's.
const BAND_CUED: [(&str, &str); 2] = [
    (
        "2005-01-10-tour.txt",
        "Tour dates\n\nThe band Martin Kestrel will tour Britain in March, its label said on \
         Monday. Martin Kestrel sold out two nights in Glasgow last year.\n",
    ),
    (
        "2005-01-17-album.txt",
        "New album\n\nMartin Kestrel frontman Joe Wilder said the new album was finished. \
         Martin Kestrel recorded it in Berlin.\n",
    ),
];

#[test]
fn an_acronym_defined_in_one_file_carries_to_another_and_follows_a_changed_table() {
    let s = Scratch::with_files(&[
        NGC_DEFINED,
        (
            "2024-01-20-quota.txt",
            "Grain quotas\n\nThe Northern Grain Council (NGC) set quotas on Friday. The NGC \
             said farmers agreed.\n",
        ),
        (
            "2024-02-07-harvest.txt",
            "Harvest forecast\n\nThe NGC expects a poor harvest, its chairman said on \
             Tuesday.\n",
        ),
    ]);
    let first = s.index();
    assert!(
        archive_aliases(&s).contains("org\tNorthern Grain Council\tNGC"),
        "{}",
        archive_aliases(&s)
    );
    assert!(
        first["entities_refreshed"].as_u64().unwrap() >= 1,
        "{first:#}"
    );
    let harvest = entities_of(&s, "harvest", "org");
    assert_eq!(harvest, ["Northern Grain Council"], "{harvest:?}");
    assert_eq!(total(&s.search(&["--org", "Northern Grain Council"])), 3);

    // Two more files define NGC otherwise: no reading has a clear majority any more, so the
    // table leaves NGC out and the article that never defines it is re-resolved from the
    // index (not read: it is unchanged) to the name it writes. (The table is rebuilt until
    // it stays as it is: the harvest article, once it reads "NGC" alone, is no longer
    // counted for the Northern Grain Council, and two definitions each are still no
    // majority.)
    s.write(
        "2024-03-01-gas.txt",
        "Gas field\n\nThe Norwegian Gas Company (NGC) opened a field. The NGC said so.\n",
    );
    s.write(
        "2024-03-02-gas.txt",
        "Gas prices\n\nThe Norwegian Gas Company (NGC) raised prices. The NGC said so.\n",
    );
    let second = s.index();
    assert_eq!(second["indexed_new"], 2, "{second:#}");
    assert_eq!(second["unchanged"], 3, "{second:#}");
    assert!(
        second["entities_refreshed"].as_u64().unwrap() >= 1,
        "{second:#}"
    );
    let table = archive_aliases(&s);
    assert!(table.contains("# NGC: left out"), "{table}");
    let harvest = entities_of(&s, "harvest", "org");
    assert_eq!(harvest, ["NGC"], "{harvest:?}");
    // Where an article defines it, the article's own reading stands.
    assert_eq!(total(&s.search(&["--org", "Northern Grain Council"])), 2);
    assert_eq!(total(&s.search(&["--org", "Norwegian Gas Company"])), 2);
    // And a run over the unchanged archive finds the table as it left it.
    let third = s.index();
    assert_eq!(third["entities_refreshed"], 0, "{third:#}");
}

#[test]
fn an_acronym_of_the_name_in_its_own_language_carries_too() {
    let s = Scratch::with_files(&[
        (
            "1988-07-07-mexico.txt",
            "Vote count\n\nMEXICO CITY, July 7 - The National Action Party (PAN) claimed \
             victory on Thursday. The PAN has won in the north.\n",
        ),
        (
            "1988-07-10-salinas.txt",
            "Salinas declared\n\nMEXICO CITY, July 10 - Officials of the National Action \
             Party (PAN) said the count was unfair.\n",
        ),
        (
            "1988-07-12-protest.txt",
            "Protest\n\nMEXICO CITY, July 12 - Thousands marched with the PAN in the \
             Zocalo on Tuesday.\n",
        ),
    ]);
    s.index();
    let table = archive_aliases(&s);
    assert!(table.contains("org\tNational Action Party\tPAN"), "{table}");
    let protest = entities_of(&s, "marched", "org");
    assert_eq!(protest, ["National Action Party"], "{protest:?}");
}

#[test]
fn a_firm_s_short_name_carries_to_articles_that_write_it_alone() {
    let s = Scratch::with_files(&[
        (
            "1987-03-02-profit.txt",
            "Salomon profit rises\n\nNEW YORK, March 2, 1987 - Salomon Brothers Inc said on \
             Monday its first-quarter profit rose 20 percent. Salomon said trading in bonds led \
             the gain.\n",
        ),
        (
            "1987-03-16-staff.txt",
            "Bond houses cut staff\n\nNEW YORK, March 16, 1987 - Salomon and First Boston \
             Corp cut staff on Monday, bankers said. Salomon will also close an office in \
             Dallas.\n",
        ),
    ]);
    s.index();
    // One article that shortens the name is too few for the table.
    let staff = entities_of(&s, "Dallas", "org");
    assert!(has(&staff, "Salomon"), "{staff:?}");
    // The tagger reads this "Salomon" as a place; beside the full name it is the firm.
    let profit = entities_of(&s, "profit", "org");
    assert_eq!(profit, ["Salomon Brothers"], "{profit:?}");
    let places = entities_of(&s, "profit", "place");
    assert!(!has(&places, "Salomon"), "{places:?}");

    s.write(
        "1987-03-09-traders.txt",
        "Salomon hires traders\n\nNEW YORK, March 9, 1987 - Salomon Brothers Inc hired ten \
         bond traders from rivals on Monday. Salomon said more would follow.\n",
    );
    let second = s.index();
    assert_eq!(second["unchanged"], 2, "{second:#}");
    let table = archive_aliases(&s);
    assert!(table.contains("org\tSalomon Brothers\tSalomon"), "{table}");
    // The unchanged article that writes "Salomon" alone is re-resolved from the index.
    let staff = entities_of(&s, "Dallas", "org");
    assert!(
        has(&staff, "Salomon Brothers") && !has(&staff, "Salomon"),
        "{staff:?}"
    );
    assert_eq!(total(&s.search(&["--org", "Salomon Brothers"])), 3);
}

#[test]
fn a_band_named_like_a_person_is_a_band_in_every_article_once_some_say_so() {
    let s = Scratch::with_files(&[
        BAND_CUED[0],
        BAND_CUED[1],
        (
            "2005-02-15-awards.txt",
            "Awards night\n\nMartin Kestrel won two awards on Tuesday night in London, ahead of \
             Keane.\n",
        ),
    ]);
    s.index();
    let table = archive_aliases(&s);
    assert!(
        table.contains("org\tMartin Kestrel\tMartin Kestrel"),
        "{table}"
    );
    // The article that gives no cue is read as the others say.
    let orgs = entities_of(&s, "awards", "org");
    assert!(has(&orgs, "Martin Kestrel"), "{orgs:?}");
    let persons = entities_of(&s, "awards", "person");
    assert!(!has(&persons, "Martin Kestrel"), "{persons:?}");
    assert_eq!(total(&s.search(&["--org", "Martin Kestrel"])), 3);
    assert_eq!(total(&s.search(&["--person", "Martin Kestrel"])), 0);
}

#[test]
fn a_year_s_presidential_election_is_the_one_of_the_story_s_country() {
    let s = Scratch::with_files(&[
        (
            "1996-03-23-taipei.txt",
            "Lee wins\n\nTAIPEI, March 23 (Reuters) - President Lee Teng-hui won the 1996 \
             presidential election by a landslide on Saturday.\n",
        ),
        (
            "1996-03-24-vote.txt",
            "Vote count\n\nLee Teng-hui won the 1996 presidential election, officials in \
             Taipei said; voters in Kaohsiung and across Taiwan turned out in force.\n",
        ),
        (
            "1996-03-25-analysis.txt",
            "Analysis\n\nTAIPEI - The 1996 presidential election was watched closely in \
             Washington, where officials praised the turnout.\n",
        ),
        (
            "1996-06-01-moscow.txt",
            "Yeltsin campaign\n\nMOSCOW, June 1 - Boris Yeltsin opened the last week of \
             campaigning for the 1996 presidential election.\n",
        ),
        (
            "1996-06-02-dole.txt",
            "Dole campaign\n\nWASHINGTON, June 2 - Bob Dole opened his campaign for the 1996 \
             presidential election in Kansas.\n",
        ),
        (
            "2019-11-20-aid.txt",
            "Aid inquiry\n\nDemocrats said the President withheld military aid to Ukraine before \
             the 2020 presidential election. Ukraine needed it, officials in Kyiv said, and \
             Ukraine had asked twice; lawmakers in Washington disagreed.\n",
        ),
    ]);
    s.index();
    let events = |q: &str| entities_of(&s, q, "event");
    assert_eq!(
        events("landslide"),
        ["1996 Taiwanese presidential election"]
    );
    assert_eq!(
        events("Kaohsiung"),
        ["1996 Taiwanese presidential election"]
    );
    // A dateline of the place and a dash alone is the story's country, though it names a US
    // place too.
    assert_eq!(events("turnout"), ["1996 Taiwanese presidential election"]);
    // The gazetteer lists Russia's, under another name.
    assert_eq!(events("Yeltsin"), ["1996 Russian presidential election"]);
    assert_eq!(events("Dole"), ["1996 US presidential election"]);
    // A US story that names Ukraine most is still about the US election.
    assert_eq!(events("Democrats"), ["2020 US presidential election"]);
}

#[test]
fn one_run_leaves_the_alias_table_the_next_run_would_build() {
    // Every kind of entry the table holds: an acronym an article defines, a firm's short
    // name, a band named like a person, a surname, and a player's initial of a line-up.
    let s = Scratch::with_files(&[
        NGC_DEFINED,
        (
            "2005-02-07-harvest.txt",
            "Harvest forecast\n\nThe NGC expects a poor harvest, its chairman said.\n",
        ),
        BAND_CUED[0],
        BAND_CUED[1],
        (
            "2005-02-15-awards.txt",
            "Awards night\n\nMartin Kestrel won two awards on Tuesday night in London.\n",
        ),
        (
            "2005-03-02-profit.txt",
            "Salomon profit rises\n\nSalomon Brothers Inc said on Monday its profit rose. \
             Salomon said trading in bonds led the gain.\n",
        ),
        (
            "2005-03-09-traders.txt",
            "Salomon hires traders\n\nSalomon Brothers Inc hired ten bond traders on Monday. \
             Salomon said more would follow.\n",
        ),
        (
            "2005-03-12-match.txt",
            "Ireland beat Wales\n\nSimon Easterby scored twice as Ireland beat Wales 30-10 in \
             Dublin on Saturday. Easterby was named man of the match.\n",
        ),
        (
            "2005-03-13-teams.txt",
            "Line-ups\n\nIreland: G Murphy, S Horgan, B O'Driscoll; S Easterby, D \
             O'Callaghan, P O'Connell.\n",
        ),
        (
            "2005-03-20-report.txt",
            "Ireland win again\n\nSimon Easterby led the pack as Ireland won in Rome on \
             Saturday. Easterby said the side was improving.\n",
        ),
    ]);
    let first = s.index();
    assert!(
        first["entities_refreshed"].as_u64().unwrap() >= 1,
        "{first:#}"
    );
    let table = archive_aliases(&s);
    assert!(
        table.contains("org\tMartin Kestrel\tMartin Kestrel"),
        "{table}"
    );
    assert!(
        table.contains("org\tNorthern Grain Council\tNGC"),
        "{table}"
    );
    let again = s.index();
    assert_eq!(again["unchanged"], 10, "{again:#}");
    assert_eq!(again["entities_refreshed"], 0, "{again:#}");
    assert_eq!(archive_aliases(&s), table);
}

#[test]
fn a_gazetteer_with_a_years_column_is_read_and_a_bad_one_named() {
    let s = Scratch::with_files(&[(
        "1990-01-01-mayor.txt",
        "Mayor speaks\n\nMayor Quillfeather opened the bridge on Monday.\n",
    )]);
    let aliases = s.dir.path().join("aliases.tsv");
    std::fs::write(
        &aliases,
        "person\tAda Quillfeather\tQuillfeather\t1985-1995\n",
    )
    .unwrap();
    s.index_with(&["--gazetteer", aliases.to_str().unwrap()]);
    assert_eq!(entities_of(&s, "bridge", "person"), ["Ada Quillfeather"]);
    std::fs::write(
        &aliases,
        "person\tAda Quillfeather\tQuillfeather\t1995-1985\n",
    )
    .unwrap();
    let out = s
        .morgue()
        .args(["index", "--gazetteer", aliases.to_str().unwrap()])
        .arg(s.archive())
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&out);
    assert!(err.contains("aliases.tsv:1: years"), "{err}");
}

#[test]
fn events_link_by_the_article_s_date_and_are_looked_back_on_later() {
    let s = Scratch::with_files(&[
        (
            "1987-09-14-tankers.txt",
            "Tanker hit\n\nA tanker was hit in the Gulf war on Monday, shipping agents said. \
             Finance ministers recalled the Paris accord of February.\n",
        ),
        (
            "1991-02-25-ground.txt",
            "Ground offensive\n\nAllied troops advanced on Monday as the Gulf war entered \
             its ground phase.\n",
        ),
        (
            "2005-05-09-parade.txt",
            "Parade held\n\nVeterans of WWII marched in Moscow on Monday.\n",
        ),
        (
            "1975-04-22-thieu.txt",
            "Thieu resigns\n\nPresident Nguyen Van Thieu resigned on Monday, saying allies had \
             betrayed the Paris peace agreement.\n",
        ),
        (
            "2016-11-04-climate.txt",
            "Climate pact\n\nThe Paris Agreement entered into force on Friday.\n",
        ),
        (
            "1962-03-01-treaty.txt",
            "Treaty recalled\n\nMinisters recalled the Paris agreement of last year.\n",
        ),
        (
            "1988-10-19-brokers.txt",
            "Brokers look back\n\nBrokers recalled the Wall Street crash a year ago.\n",
        ),
    ]);
    s.index();
    let tankers = entities_of(&s, "tanker", "event");
    assert!(has(&tankers, "Iran-Iraq War"), "{tankers:?}");
    assert!(
        !has(&tankers, "Gulf War") && !has(&tankers, "Paris Agreement"),
        "{tankers:?}"
    );
    // A name that several dated events bear goes to the one going on at the article's
    // date ("the Paris accord" of 1987 is the Louvre Accord, not the 1973 Paris peace
    // accords nor the 2015 Paris Agreement), else to the latest to have started.
    assert!(has(&tankers, "Louvre Accord"), "{tankers:?}");
    let brokers = entities_of(&s, "brokers", "event");
    assert_eq!(brokers, ["1987 stock market crash"]);
    // One that only events of another time bear is kept apart by the article's decade: no
    // facet or filter mixes a 1960s Paris pact with 2015's.
    let treaty = entities_of(&s, "treaty", "event");
    assert_eq!(treaty, ["Paris Agreement (1960s)"]);
    let thieu = entities_of(&s, "resigned", "event");
    assert_eq!(thieu, ["Paris Peace Accords"]);
    assert_eq!(total(&s.search(&["--event", "Paris Agreement"])), 1);
    assert!(has(&entities_of(&s, "offensive", "event"), "Gulf War"));
    // An event's short name still links after it ended.
    let parade = entities_of(&s, "parade", "event");
    assert!(has(&parade, "World War II"), "{parade:?}");
}

#[test]
fn names_in_capitals_are_the_entities_written_normally() {
    // Results tables and headlines write names in capitals ("home team in CAPS"): case
    // restored, they are the names the other stories write, not entities of their own.
    // Towns no built-in list knows, so the restored case is the tagger's name's.
    let s = Scratch::with_files(&[
        (
            "1996-08-22-results.txt",
            "Baseball results\n\nResults of minor league games played on Wednesday (home \
             team in CAPS): Durham 5 GREENVILLE 3, Mobile 2 CHATTANOOGA 1, Norfolk 4 \
             SCRANTON 2.\n",
        ),
        (
            "1996-08-23-harbour.txt",
            "Harbour plan\n\nThe mayors of Greenville and Chattanooga met in Scranton on \
             Thursday to compare plans for their rivers.\n",
        ),
    ]);
    s.index();
    let listing = s.stdout(&["entities", "--top", "100"]);
    for (shouted, written) in [
        ("GREENVILLE", "Greenville"),
        ("CHATTANOOGA", "Chattanooga"),
        ("SCRANTON", "Scranton"),
    ] {
        assert!(!listing.contains(shouted), "{shouted}:\n{listing}");
        assert!(listing.contains(written), "{written}:\n{listing}");
    }
}

#[test]
fn names_that_hold_another_name_are_counted_as_what_they_name() {
    let s = Scratch::with_files(&[
        (
            "1987-03-02-grain.txt",
            "Grain credits\n\nThe Agriculture Department said on Monday it would extend \
             credit guarantees. The Standard and Poor's 500 index rose 2 points, and \
             analysts warned of a new Gulf war. Veterans of the Gulf war met in Basra.\n",
        ),
        (
            "2019-11-18-vote.txt",
            "Vote call\n\nThe minister would not say which side he would take in a Brexit \
             referendum. Voters in Kent were unsure.\n",
        ),
        (
            "2005-04-10-football.txt",
            "Milan derby\n\nAC Milan beat Inter Milan 2-0 in the Champions League on \
             Sunday, and Milan Baros watched from the stands. Fans in Milan celebrated \
             late into the night.\n",
        ),
    ]);
    s.index();
    // A US department named the way US wire copy names it is the gazetteer's entry.
    let orgs = entities_of(&s, "credit", "org");
    assert!(has(&orgs, "US Department of Agriculture"), "{orgs:?}");
    // The index named after the agency is not the agency.
    assert!(!has(&orgs, "Standard & Poor's"), "{orgs:?}");
    // "the Gulf war" of 1987 is Iran-Iraq's; "a Brexit referendum" in 2019 is a new one,
    // not the vote of 2016.
    assert_eq!(entities_of(&s, "credit", "event"), ["Iran-Iraq War"]);
    let vote = entities_of(&s, "minister", "event");
    assert!(!has(&vote, "Brexit referendum"), "{vote:?}");
    // Clubs and a player whose names hold the city are theirs; the city is named once.
    let football = entities_of(&s, "derby", "org");
    assert!(
        has(&football, "AC Milan") && has(&football, "Inter Milan"),
        "{football:?}"
    );
    assert!(has(&entities_of(&s, "derby", "person"), "Milan Baros"));
    assert!(has(&entities_of(&s, "derby", "place"), "Milan"));
}

#[test]
fn heads_teams_verbs_districts_and_tickers_are_read_for_what_they_name() {
    let s = Scratch::with_files(&[
        (
            "2019-11-20-impeach.txt",
            "Impeachment poll\n\nA White House spokesman said on Monday that most Americans \
             want the House to impeach the president. House Democrats agreed.\n",
        ),
        (
            "2019-11-21-threat.txt",
            "Threat charge\n\nA man who threatened a congresswoman pleaded guilty, the U.S. \
             Attorney's Office for the Western District of New York announced Monday.\n",
        ),
        (
            "2019-11-22-ascom.txt",
            "Ascom results\n\nAscom is a global solutions provider focused on healthcare ICT \
             and mobile workflow solutions. The company has subsidiaries in 18 countries and \
             employs around 1,300 people worldwide. Ascom registered shares (ASCN) are listed \
             on the SIX Swiss Exchange in Zurich.\n",
        ),
        (
            "2019-11-23-rescue.txt",
            "Rescue video\n\nOfficers ran up the stairs and banged on the door. \"Fort Worth \
             P.D. Open the door! We're coming in!\" an officer shouts.\n",
        ),
        (
            "2019-11-24-cars.txt",
            "Car show\n\nNew SUVs and electric vehicles highlight the L.A. Auto Show, which \
             opens to the public on Friday.\n",
        ),
        (
            "2019-11-25-cars.txt",
            "Another car show\n\nCarmakers unveiled three concept cars at the LA Auto Show \
             this week.\n",
        ),
        (
            "2019-11-26-plague.txt",
            "Plague cases\n\nTwo people were diagnosed with pneumonic plague. The disease is \
             associated with the Black Death pandemic that killed millions in Europe in the \
             14th century, and the worst slump since the Great Depression followed.\n",
        ),
        (
            "2019-11-27-hockey.txt",
            "Parise scores twice\n\nBUFFALO, N.Y. - Zach Parise scored twice and the Wild beat \
             the Sabres 4-1 on Tuesday. Wild coach Bruce Boudreau said his players were \
             confident. \"The Wild are a good team,\" he said before the Wild's win. The Wild \
             still rank near the bottom of the Central Division. Defenseman Jonas Brodin also \
             scored for the Wild.\n",
        ),
    ]);
    s.index();
    // A team named with a common word, written "the Wild are", is no person; a player's
    // position is no part of his name.
    let persons = entities_of(&s, "Sabres", "person");
    assert!(!has(&persons, "Wild"), "{persons:?}");
    assert!(has(&persons, "Jonas Brodin"), "{persons:?}");
    // "the House" beside the White House names neither: no "House" org of its own.
    let orgs = entities_of(&s, "impeach", "org");
    assert!(has(&orgs, "White House"), "{orgs:?}");
    assert!(!has(&orgs, "House"), "{orgs:?}");
    // The office is named with its district, not cut before it.
    let orgs = entities_of(&s, "congresswoman", "org");
    assert!(
        has(
            &orgs,
            "U.S. Attorney's Office for the Western District of New York"
        ),
        "{orgs:?}"
    );
    // A ticker beside the company is no organisation of its own.
    let orgs = entities_of(&s, "worldwide", "org");
    assert!(!has(&orgs, "ASCN"), "{orgs:?}");
    // "Open the door!" is the verb: no tournament.
    assert!(entities_of(&s, "stairs", "event").is_empty());
    // "L.A." and "LA" write one show.
    assert_eq!(entities_of(&s, "SUVs", "event"), ["LA Auto Show"]);
    assert_eq!(entities_of(&s, "carmakers", "event"), ["LA Auto Show"]);
    // History the tagger calls an organisation is the event the gazetteer knows.
    let events = entities_of(&s, "pneumonic", "event");
    assert!(
        has(&events, "Black Death") && has(&events, "Great Depression"),
        "{events:?}"
    );
    assert!(entities_of(&s, "pneumonic", "org").is_empty());
}

#[test]
fn films_books_and_bands_named_like_people_are_not_persons() {
    let s = Scratch::with_files(&[
        (
            "2005-02-12-baftas.txt",
            "Drama wins awards\n\nImelda Staunton won best actress for her role in the film \
             Vera Drake on Saturday. Vera Drake star Imelda Staunton thanked director Mike \
             Leigh, who said he was delighted. The third Harry Potter film came second, and \
             Harry Potter author JK Rowling was in the audience. Phil Davis (Vera Drake) lost \
             to Clive Owen.\n",
        ),
        (
            "2005-02-14-rugby.txt",
            "Wales side named\n\nWales coach Mike Ruddock named his side on Monday. \"Mike \
             (Ruddock) asked me to carry on for another season,\" the captain said. Pierce \
             Brosnan stars as a hit man in a comedy that opens on Friday.\n",
        ),
        (
            "2019-11-05-games.txt",
            "Game sales\n\nSales of Red Dead Redemption 2 and Star Wars games rose, Ubisoft \
             said, and Coronation Street drew eight million viewers.\n",
        ),
    ]);
    s.index();
    let persons = entities_of(&s, "Staunton", "person");
    for work in ["Vera Drake", "Harry Potter"] {
        assert!(!has(&persons, work), "{work}: {persons:?}");
    }
    // The people beside them stay people.
    for person in ["Imelda Staunton", "Mike Leigh", "JK Rowling", "Phil Davis"] {
        assert!(has(&persons, person), "{person}: {persons:?}");
    }
    // A verb ("stars as") or a first name before brackets is no work's cue.
    let persons = entities_of(&s, "captain", "person");
    for person in ["Mike Ruddock", "Pierce Brosnan"] {
        assert!(has(&persons, person), "{person}: {persons:?}");
    }
    // Games, films and programmes by their titles (`data/entities/works.txt`).
    for kind in ["person", "org", "place"] {
        let names = entities_of(&s, "viewers", kind);
        for work in ["Red Dead Redemption", "Star Wars", "Coronation Street"] {
            assert!(
                !names.iter().any(|n| n.starts_with(work)),
                "{kind} {work}: {names:?}"
            );
        }
    }
}

#[test]
fn russia_is_the_soviet_union_in_stories_of_the_soviet_years_only() {
    let s = Scratch::with_files(&[
        (
            "1956-11-05-hungary.txt",
            "Tanks in Budapest\n\nRussia sent tanks into Budapest on Sunday, and Russian \
             troops held the bridges over the Danube.\n",
        ),
        (
            "1991-08-22-coup.txt",
            "Coup collapses\n\nBoris N. Yeltsin, the President of Russia, said the coup \
             against the Soviet Union's leader had failed.\n",
        ),
        (
            "notes/gas.txt",
            "Gas deal\n\nUkraine was part of the Soviet Union until 1991. Many fear \
             renationalisation in Russia, an analyst said.\n",
        ),
    ]);
    s.index();
    let fifties = entities_of(&s, "tanks", "place");
    assert!(has(&fifties, "Soviet Union"), "{fifties:?}");
    assert!(!has(&fifties, "Russia"), "{fifties:?}");
    // The Russian republic of 1991, beside the Soviet Union it named in full.
    let coup = entities_of(&s, "coup", "place");
    assert!(
        has(&coup, "Russia") && has(&coup, "Soviet Union"),
        "{coup:?}"
    );
    // An undated story links no dated alias, whatever it names in full.
    let undated = entities_of(&s, "renationalisation", "place");
    assert!(has(&undated, "Russia"), "{undated:?}");
}

#[test]
fn names_cut_at_for_or_at_a_firm_s_commas_are_one_name_and_known_as_is_another_name() {
    let s = Scratch::with_files(&[(
        "1957-09-25-rights.txt",
        "Rights case\n\nMrs. Daisy Bates, president of the state conference of the \
         National Association for the Advancement of Colored People, spoke on Tuesday. The \
         issue was underwritten by Kuhn, Loeb & Co. and sold quickly. The six also set up a \
         European Atomic Energy Community, known as Euratom. Euratom will pool research.\n",
    )]);
    s.index();
    let orgs = entities_of(&s, "rights", "org");
    assert!(
        has(
            &orgs,
            "National Association for the Advancement of Colored People"
        ),
        "{orgs:?}"
    );
    assert!(has(&orgs, "Kuhn, Loeb"), "{orgs:?}");
    // Another name given with "known as" is the same organisation.
    assert!(has(&orgs, "European Atomic Energy Community"), "{orgs:?}");
    for fragment in [
        "Advancement of Colored People",
        "Kuhn",
        "Loeb & Co",
        "Euratom",
    ] {
        assert!(!has(&orgs, fragment), "{fragment}: {orgs:?}");
    }
}

#[test]
fn a_city_s_people_and_plural_titles_are_no_organisation_and_a_people_s_government_is_one_name() {
    let s = Scratch::with_files(&[(
        "1949-10-01-peiping.txt",
        "Reds proclaim regime\n\nPEIPING, Oct. 1 - Mao Tse-tung proclaimed the Central \
         People's Government today. Delegates of Ho Chi Minh's regime were present, and \
         Berliners and Londoners heard the news by radio. In Moscow, Nikolai A. Bulganin and \
         Lazar M. Kaganovich became First Deputy Premiers.\n",
    )]);
    s.index();
    let orgs = entities_of(&s, "regime", "org");
    assert!(has(&orgs, "Central People's Government"), "{orgs:?}");
    for wrong in [
        "Central People",
        "Berliners",
        "Londoners",
        "Ho Chi Minh",
        "First Deputy Premiers",
    ] {
        assert!(!has(&orgs, wrong), "{wrong}: {orgs:?}");
    }
    assert!(has(&entities_of(&s, "regime", "person"), "Ho Chi Minh"));
}

#[test]
fn a_wire_credit_names_no_one_in_the_story_and_a_magazine_is_an_organisation() {
    let s = Scratch::with_files(&[(
        "2015-01-08-attack.txt",
        "Attack in Paris\n\nGunmen killed 12 people at the offices of the satirical \
         magazine Charlie Hebdo on Wednesday, President Francois Hollande said.\n\n\
         (Reporting by Nina Volkova in Moscow and Sami Aboudi in Cairo; Editing by Alan \
         Crossley)\n",
    )]);
    s.index();
    let persons = entities_of(&s, "gunmen", "person");
    assert!(has(&persons, "François Hollande"), "{persons:?}");
    for reporter in [
        "Nina Volkova",
        "Sami Aboudi",
        "Alan Crossley",
        "Charlie Hebdo",
    ] {
        assert!(!has(&persons, reporter), "{reporter}: {persons:?}");
    }
    assert!(has(&entities_of(&s, "gunmen", "org"), "Charlie Hebdo"));
    let places = entities_of(&s, "gunmen", "place");
    assert!(
        has(&places, "Paris") && !has(&places, "Cairo"),
        "{places:?}"
    );
}

#[test]
fn company_names_are_one_name_with_or_without_the_dot_and_never_across_a_sentence() {
    let s = Scratch::with_files(&[
        (
            "1987-05-04-offer.txt",
            "Offer rejected\n\nThe board of GenCorp Inc said on Monday it rejected an offer \
             from AFG Industries Inc. Hanson Trust PLC said it owns 9.8 pct of SCM Corp. \
             Analysts were surprised.\n",
        ),
        (
            "1987-05-05-talks.txt",
            "Talks go on\n\nAFG Industries Inc said it was still talking to GenCorp Inc. and \
             to Hanson Trust PLC. SCM Corp. declined comment.\n",
        ),
    ]);
    s.index();
    for query in ["rejected", "talking"] {
        let orgs = entities_of(&s, query, "org");
        // One word and its legal form stay whole ("GenCorp Inc"); longer names go without.
        for org in ["GenCorp Inc", "AFG Industries", "Hanson Trust", "SCM Corp"] {
            assert!(has(&orgs, org), "{query}: {org}: {orgs:?}");
        }
        assert!(
            orgs.iter().all(|o| !o.ends_with('.') && !o.contains(". ")),
            "{orgs:?}"
        );
    }
}

#[test]
fn names_written_family_name_first_are_shortened_to_it() {
    let s = Scratch::with_files(&[
        (
            "1987-06-03-china.txt",
            "China keeps door open\n\nPEKING, June 3 - Chinese leader Deng Xiaoping said \
             China would keep its open door policy. Deng told visiting officials that reform \
             would continue. Premier Zhao Ziyang said the economy grew 9.4 pct. Zhao will \
             visit Eastern Europe.\n",
        ),
        (
            "2013-03-17-leaders.txt",
            "New leaders\n\nForeign Minister Wang Yi and Vice Premier Wang Qishan took office \
             on Sunday. Wang said the ministry would be open.\n",
        ),
        (
            "1991-04-09-seoul.txt",
            "Shipyard talks\n\nSEOUL, April 9 - Former Governor Lee Sung-chol met union \
             leaders at the Ulsan yard on Tuesday, and the Taipei shipper Yang Ting-kuo joined \
             them. Mr. Lee said the strike would end; Mr. Yang agreed.\n",
        ),
    ]);
    s.index();
    let persons = entities_of(&s, "Peking", "person");
    for full in ["Deng Xiaoping", "Zhao Ziyang"] {
        assert!(has(&persons, full), "{persons:?}");
    }
    for short in ["Deng", "Zhao"] {
        assert!(!has(&persons, short), "{persons:?}");
    }
    // Two people of one family name: "Wang" is neither.
    let persons = entities_of(&s, "ministry", "person");
    assert!(
        has(&persons, "Wang Yi") && has(&persons, "Wang Qishan"),
        "{persons:?}"
    );
    let listing = s.stdout(&["entities", "--type", "person", "--json"]);
    let listing: serde_json::Value = serde_json::from_str(&listing).unwrap();
    let aliases_of = |name: &str| -> Vec<String> {
        listing
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["name"] == name)
            .flat_map(|e| e["aliases"].as_array().unwrap().iter())
            .map(|a| a["value"].as_str().unwrap().to_string())
            .collect()
    };
    // A given name of two syllables joined by a hyphen follows the family name.
    let persons = entities_of(&s, "shipyard", "person");
    for full in ["Lee Sung-chol", "Yang Ting-kuo"] {
        assert!(has(&persons, full), "{persons:?}");
    }
    for short in ["Lee", "Yang"] {
        assert!(!has(&persons, short), "{persons:?}");
    }
    for name in ["Wang Yi", "Wang Qishan"] {
        assert!(!aliases_of(name).iter().any(|a| a == "Wang"), "{listing}");
    }
    assert!(
        aliases_of("Deng Xiaoping").iter().any(|a| a == "Deng"),
        "{listing}"
    );
}

#[test]
fn short_places_in_capitals_get_a_name_s_case() {
    let s = Scratch::with_files(&[(
        "1970-05-05-kent.txt",
        "FOUR STUDENTS KILLED AT KENT STATE\n\nKENT, Ohio, May 5 - Four students were killed \
         when National Guard troops fired on demonstrators at Kent State University protesting \
         the Cambodian invasion. Governor James Rhodes had ordered the Guard onto the campus.\n",
    )]);
    s.index();
    let places = entities_of(&s, "students", "place");
    assert!(has(&places, "Kent"), "{places:?}");
    assert!(!has(&places, "KENT"), "{places:?}");
}

#[test]
fn a_lone_word_after_a_person_s_title_is_a_surname() {
    let s = Scratch::with_files(&[
        (
            "1945-08-02-potsdam.txt",
            "Truman speaks\n\nPresident Truman said on Monday the war was over. Mr. Truman \
             will return to Washington. Marshal Stalin agreed.\n",
        ),
        (
            "1996-08-28-nato.txt",
            "Nato meets\n\nGeneral John Sheehan, Supreme Allied Commander Atlantic, will \
             attend. The Archbishop of Canterbury will preach.\n",
        ),
    ]);
    s.index();
    // A surname that is also a given name ("Truman"), or that the tagger reads as a place.
    let persons = entities_of(&s, "Marshal", "person");
    assert!(has(&persons, "Harry S. Truman"), "{persons:?}");
    assert!(has(&persons, "Joseph Stalin"), "{persons:?}");
    let places = entities_of(&s, "Marshal", "place");
    assert!(!places.iter().any(|p| p.contains("Stalin")), "{places:?}");
    // A command or a see after a title is no person.
    let persons = entities_of(&s, "preach", "person");
    for thing in ["Atlantic", "Canterbury"] {
        assert!(!has(&persons, thing), "{persons:?}");
    }
}

#[test]
fn a_title_opening_a_paragraph_and_a_knight_s_given_name_name_the_person() {
    let s = Scratch::with_files(&[
        (
            "1975-07-31-helsinki.txt",
            "Leaders gather\n\nLeaders of 35 nations opened a summit in Helsinki today. They \
             will sign the final document on Friday, after two years of talks in Geneva.\n\n\
             President Ford and Leonid I. Brezhnev met for more than two hours.\n",
        ),
        (
            "1962-05-02-london.txt",
            "Tories meet\n\nSir Alec Douglas-Home spoke in London on Monday about the Common \
             Market.\n\nSir Alec, who leads the party in the Lords, said Britain would wait. \
             Sir Cliff sang.\n",
        ),
    ]);
    s.index();
    // The tagger reads this "Ford" as an organisation; the title before it, after a
    // paragraph break, says who.
    let persons = entities_of(&s, "Brezhnev", "person");
    assert!(has(&persons, "Gerald Ford"), "{persons:?}");
    assert!(!has(&entities_of(&s, "Brezhnev", "org"), "Ford"));
    // "Sir Alec" is the Sir Alec the story names; "Sir Cliff", named no further, keeps
    // his title rather than standing as a lone given name.
    let persons = entities_of(&s, "Lords", "person");
    assert!(has(&persons, "Alec Douglas-Home"), "{persons:?}");
    assert!(has(&persons, "Sir Cliff"), "{persons:?}");
    assert!(
        !persons.iter().any(|p| p == "Alec" || p == "Cliff"),
        "{persons:?}"
    );
}

#[test]
fn a_listed_short_name_heading_a_longer_name_is_not_the_listed_org() {
    let s = Scratch::with_files(&[(
        "1963-08-29-march.txt",
        "Marchers gather\n\nWASHINGTON, Aug. 28, 1963 - James Farmer, national director of \
         the Congress of Racial Equality, said the march would go on. Delegates recalled the \
         Congress of Vienna. In Moscow, the All-Russian Congress of Soviets was remembered. \
         Congress adjourned early, and a senator defected to Labour of Robert Jackson's \
         party.\n",
    )]);
    s.index();
    let orgs = entities_of(&s, "marchers", "org");
    for name in [
        "Congress of Racial Equality",
        "Congress of Vienna",
        "US Congress",
    ] {
        assert!(has(&orgs, name), "{orgs:?}");
    }
    let places = entities_of(&s, "marchers", "place");
    assert!(!has(&places, "Vienna"), "{places:?}");
    // "Labour of Robert Jackson" is whose party, not a longer name.
    assert!(has(&orgs, "Labour Party"), "{orgs:?}");
}

#[test]
fn middle_names_and_a_title_before_a_surname_reach_the_listed_person() {
    let s = Scratch::with_files(&[
        (
            "1975-06-02-summit.txt",
            "Summit ends\n\nPresident Ford met European leaders in Brussels on Monday. Mr. Ford \
             said the alliance was sound, and Ford Motor Co. shares rose.\n",
        ),
        (
            "1990-05-30-moscow.txt",
            "Kremlin talks\n\nPresident Mikhail S. Gorbachev arrived in Washington on \
             Wednesday.\n",
        ),
        (
            "1991-12-26-resigns.txt",
            "Leader resigns\n\nMikhail Gorbachev resigned as Soviet president on Wednesday.\n",
        ),
        // Out of his years, "Mr. Ford" is somebody else.
        (
            "2019-03-04-bakery.txt",
            "Bakery opens\n\nA bakery opened on Main Street on Monday. Mr. Ford, its owner, \
             said bread sold out.\n",
        ),
    ]);
    s.index();
    let summit = entities_of(&s, "alliance", "person");
    assert_eq!(summit, ["Gerald Ford"]);
    let orgs = entities_of(&s, "alliance", "org");
    assert!(orgs.iter().any(|o| o.starts_with("Ford Motor")), "{orgs:?}");
    assert_eq!(
        total(&s.search(&["--person", "Mikhail Gorbachev"])),
        2,
        "the middle initial makes no second Gorbachev"
    );
    let bakery = entities_of(&s, "bakery", "person");
    assert!(!has(&bakery, "Gerald Ford"), "{bakery:?}");
}

#[test]
fn datelines_old_spellings_nationalities_and_talks_of_other_times_are_what_they_name() {
    let s = Scratch::with_files(&[(
        "1975-08-01-helsinki.txt",
        "Helsinki accord signed\n\nHELSINKI, Aug. 1 - Leaders of 35 nations signed the accord \
         on Friday. Rumania's delegate praised it, and many East Germans watched on television. \
         Governor Jerry Brown of Sacramento, Calif., called it a start. The SALT talks \
         resume in Geneva, and Moscow's hold on Eastern Europe stays. Officials in East \
         Berlin recalled the Munich Olympics and the Arab oil embargo, and President Valery \
         Giscard d'Estaing spoke last.\n",
    )]);
    s.index();
    let places = entities_of(&s, "delegate", "place");
    for place in ["Romania", "East Germany", "California"] {
        assert!(has(&places, place), "{place}: {places:?}");
    }
    for written in ["Rumania", "East Germans", "Calif"] {
        assert!(!has(&places, written), "{written}: {places:?}");
    }
    assert!(has(&places, "Eastern Europe"), "{places:?}");
    assert!(
        has(&places, "East Berlin") && !has(&places, "Berlin"),
        "{places:?}"
    );
    let persons = entities_of(&s, "delegate", "person");
    assert!(has(&persons, "Valéry Giscard d'Estaing"), "{persons:?}");
    let orgs = entities_of(&s, "delegate", "org");
    assert!(
        !has(&orgs, "East Germans") && !has(&orgs, "SALT"),
        "{orgs:?}"
    );
    let events = entities_of(&s, "delegate", "event");
    for event in [
        "Strategic Arms Limitation Talks",
        "1972 Summer Olympics",
        "1973 oil crisis",
    ] {
        assert!(has(&events, event), "{event}: {events:?}");
    }
}

#[test]
fn an_undefined_acronym_is_the_company_the_article_names_in_full_but_only_there() {
    let s = Scratch::with_files(&[
        (
            "desk/widgets.txt",
            "Widget maker grows\n\nShares of Consolidated Widget and Gadget Corp. rose on \
             Monday. CWG said orders doubled.\n",
        ),
        (
            "desk/other.txt",
            "Brief\n\nCWG shares fell on Tuesday after a profit warning.\n",
        ),
        (
            "desk/league.txt",
            "Cup draw\n\nThe Football Association (FA) made the draw on Monday. The FA said \
             ticket prices would fall.\n",
        ),
        (
            "desk/final.txt",
            "Rovers through\n\nRovers reached the FA Cup final on Saturday, and the FA praised \
             the fans.\n",
        ),
    ]);
    s.index();
    let widgets = entities_of(&s, "doubled", "org");
    assert_eq!(widgets, ["Consolidated Widget and Gadget"], "{widgets:?}");
    // A guess from one article is not carried to others: "CWG" there may be anything.
    let other = entities_of(&s, "warning", "org");
    assert!(!has(&other, "Consolidated Widget and Gadget"), "{other:?}");
    // The archive's table links the FA an article defined, without cutting the FA Cup.
    let table = archive_aliases(&s);
    assert!(table.contains("org\tFootball Association\tFA"), "{table}");
    assert!(has(
        &entities_of(&s, "rovers", "org"),
        "Football Association"
    ));
    assert!(has(&entities_of(&s, "rovers", "event"), "FA Cup"));
}

#[test]
fn legal_forms_datelines_party_names_clock_times_and_leaders_of_the_1960s() {
    let s = Scratch::with_files(&[
        (
            "1987-03-02-bid.txt",
            "BID FOR CARMAKER\n\nPUNTA LINDA, March 2 - Northfield Motors Corp said on Monday \
             it had received a bid. Leaders of the Harbour Party met the board. The National \
             Party said it would oppose the bid.\n",
        ),
        (
            "1987-03-03-profits.txt",
            "Carmaker profits\n\nNorthfield Motors said profits rose 10 pct. Trading closed at \
             4 P.M. Eastern Standard Time, and officials cited the Plaza agreements.\n",
        ),
        (
            "1963-10-01-visit.txt",
            "Governor visits\n\nPresident Kennedy met Sir Humphrey Gibbs, the governor, on \
             Tuesday. Kennedy said the talks went well.\n",
        ),
        (
            "1968-10-01-wallace.txt",
            "Wallace campaigns\n\nGov. George C. Wallace, running on the American Independent \
             party ticket, attacked the Civil Rights Act of 1964 and trade with Red China.\n",
        ),
        (
            "1964-08-05-destroyers.txt",
            "Destroyers attacked\n\nTwo destroyers were attacked in the Gulf of Tonkin on \
             Sunday, the Navy said.\n",
        ),
        (
            "1968-06-06-senator.txt",
            "Senator dies\n\nSenator Robert F. Kennedy died on Thursday. Kennedy was 42.\n",
        ),
    ]);
    s.index();
    // A company is one entity with or without its legal form.
    assert_eq!(total(&s.search(&["--org", "Northfield Motors"])), 2);
    // The dateline's place in capitals is a place, whatever its words look like.
    let places = entities_of(&s, "received", "place");
    assert!(has(&places, "Punta Linda"), "{places:?}");
    assert!(!has(&entities_of(&s, "received", "person"), "LINDA"));
    // "The National Party" is no generic head of the article's Harbour Party.
    let listing = s.stdout(&["entities", "--type", "org"]);
    let harbour = listing
        .lines()
        .find(|l| l.trim_start().starts_with("Harbour Party"))
        .unwrap_or_else(|| panic!("{listing}"));
    assert!(!harbour.contains("National"), "{harbour}");
    // Times of day and zones are no places or organisations.
    let profits = entities_of(&s, "profits", "place");
    assert!(!has(&profits, "P.M."), "{profits:?}");
    assert!(!has(
        &entities_of(&s, "profits", "org"),
        "Eastern Standard Time"
    ));
    // An alias written in the plural ("Plaza agreement" in the list), linked by the
    // article's date like the singular.
    let events = entities_of(&s, "profits", "event");
    assert_eq!(events, ["Plaza Accord"], "{events:?}");
    // A surname links to the leader of the article's years; a given name opening a longer
    // name is that name's.
    let visit = entities_of(&s, "governor", "person");
    assert!(has(&visit, "John F. Kennedy"), "{visit:?}");
    assert!(has(&visit, "Humphrey Gibbs"), "{visit:?}");
    assert!(!has(&visit, "Hubert Humphrey"), "{visit:?}");
    // A lowercase "party" after a name of adjectives is the party's; a law with its year is
    // no organisation; "Red China" is China.
    let wallace = entities_of(&s, "ticket", "org");
    assert_eq!(wallace, ["American Independent Party"], "{wallace:?}");
    assert!(has(&entities_of(&s, "ticket", "place"), "China"));
    let senator = entities_of(&s, "senator", "person");
    assert_eq!(senator, ["Robert F. Kennedy"], "{senator:?}");
    // A feature's whole name is the place: the Gulf of Tonkin is no Persian Gulf.
    let gulf = entities_of(&s, "destroyers", "place");
    assert_eq!(gulf, ["Gulf of Tonkin"], "{gulf:?}");
}

#[test]
fn a_country_s_own_institution_and_an_acronym_of_another_language_are_one_entity() {
    let s = Scratch::with_files(&[
        (
            "2005-03-16-budget.txt",
            "Budget day\n\nOfficials at the Treasury said borrowing in Britain would fall. \
             British economists agreed with the Treasury.\n",
        ),
        (
            "1987-02-24-baker.txt",
            "Baker speaks\n\nOfficials at the Treasury said the United States wanted a stable \
             dollar. American bankers agreed with the Treasury.\n",
        ),
        (
            "2005-04-01-rates.txt",
            "Rates steady\n\nOfficials at the Treasury said rates would stay put.\n",
        ),
        (
            "1996-08-20-guerrillas.txt",
            "Clashes\n\nTroops fought Kurdistan Freedom Party (PAK) guerrillas on Monday. The \
             PAK denied the report.\n",
        ),
    ]);
    s.index();
    assert_eq!(entities_of(&s, "borrowing", "org"), ["HM Treasury"]);
    assert_eq!(entities_of(&s, "dollar", "org"), ["US Treasury"]);
    // An article that names no country leaves the name as it wrote it.
    assert_eq!(entities_of(&s, "rates", "org"), ["Treasury"]);
    assert_eq!(
        entities_of(&s, "guerrillas", "org"),
        ["Kurdistan Freedom Party"]
    );
}

#[test]
fn honorifics_of_other_languages_and_eras_name_the_person_after_them() {
    let s = Scratch::with_files(&[
        (
            "1938-09-30-munich.txt",
            "Talks in Munich\n\nHerr Hitler received Signor Mussolini at Munich on Friday. \
             Secretary Hull said in Washington that Frau Schmidt was not present.\n",
        ),
        (
            "2005-03-01-printers.txt",
            "Printers strike\n\nThe cost was too high, said Jeremy Dear, NUJ General \
             Secretary. NUJ officials backed the strike.\n",
        ),
    ]);
    s.index();
    let persons = entities_of(&s, "Munich", "person");
    for person in [
        "Adolf Hitler",
        "Benito Mussolini",
        "Cordell Hull",
        "Schmidt",
    ] {
        assert!(has(&persons, person), "{persons:?}");
    }
    assert!(
        entities_of(&s, "Munich", "place")
            .iter()
            .all(|p| !p.contains("Schmidt"))
    );
    // A title that ends a sentence makes no person of the next one's first word.
    let persons = entities_of(&s, "printers", "person");
    assert!(!has(&persons, "NUJ"), "{persons:?}");
}

#[test]
fn a_party_s_generic_name_is_the_party_of_the_story_s_country() {
    let s = Scratch::with_files(&[
        (
            "1978-03-20-paris.txt",
            "Left loses in France\n\nPARIS, March 20 - The Communist Party lost seats in \
             France's election on Sunday, and French voters kept the Gaullists in power.\n",
        ),
        (
            "1989-06-05-beijing.txt",
            "Crackdown in China\n\nBEIJING, June 5 - The Communist Party ordered troops into \
             the capital, and China's leaders said order was restored.\n",
        ),
        (
            "1983-03-06-canberra.txt",
            "Hawke sworn in\n\nCANBERRA, March 6 - The Labor Party won Australia's election \
             on Saturday, and Australian markets rose.\n",
        ),
        (
            "2005-05-06-london.txt",
            "Third term\n\nLONDON - The Labour Party won a third term in Britain on Thursday.\n",
        ),
        (
            "1974-03-05-coalition.txt",
            "Coalition talks fail\n\nLONDON, March 5 - Mr. Heath tried to form a coalition \
             with the Liberal Party of Jeremy Thorpe, but Britain's Liberals refused.\n",
        ),
    ]);
    s.index();
    assert_eq!(
        entities_of(&s, "Gaullists", "org"),
        ["French Communist Party"]
    );
    assert!(has(
        &entities_of(&s, "troops", "org"),
        "Communist Party of China"
    ));
    assert!(has(
        &entities_of(&s, "Hawke", "org"),
        "Australian Labor Party"
    ));
    assert!(has(
        &entities_of(&s, "\"third term\"", "org"),
        "Labour Party"
    ));
    // "of" the leader is whose party it is.
    assert_eq!(entities_of(&s, "Heath", "org"), ["Liberal Party (UK)"]);
    // No story is left with the generic name, which would lump four parties together.
    let listed = s.stdout(&["entities", "--type", "org"]);
    let generic = listed.lines().any(|l| {
        l.trim_start()
            .strip_prefix("Communist Party")
            .is_some_and(|rest| rest.starts_with("  "))
    });
    assert!(!generic, "{listed}");
}

#[test]
fn a_legislature_the_gazetteer_reads_as_american_is_the_story_s_country_s() {
    let s = Scratch::with_files(&[
        (
            "1975-06-26-delhi.txt",
            "Emergency proclaimed\n\nNEW DELHI, June 26 - Congress leaders backed the \
             Emergency today. In Bombay and Madras, Congress workers marched, and Congress \
             said the opposition would be held.\n",
        ),
        (
            "1975-11-11-canberra.txt",
            "Whitlam dismissed\n\nCANBERRA, Nov. 11 - The House of Representatives passed a \
             motion of confidence in Mr. Whitlam, but Sir John Kerr dissolved both houses. \
             Crowds gathered in Sydney and Melbourne.\n",
        ),
        (
            "1976-03-22-ottawa.txt",
            "Unions march\n\nOTTAWA, March 22 - The Canadian Labour Congress led a march on \
             Parliament Hill. The Congress said wage controls had failed.\n",
        ),
        (
            "1976-09-10-washington.txt",
            "Aid bill\n\nWASHINGTON, Sept. 10 - Congress passed the aid bill for France after \
             French ministers visited Washington.\n",
        ),
        (
            "2005-04-11-london.txt",
            "Labour's new adviser\n\nLONDON - Labour hired a strategist from Australia \
             for the campaign; Australian parties had used him before.\n",
        ),
    ]);
    s.index();
    let delhi = entities_of(&s, "leaders", "org");
    assert!(has(&delhi, "Indian National Congress"), "{delhi:?}");
    assert!(!has(&delhi, "US Congress"), "{delhi:?}");
    let canberra = entities_of(&s, "Whitlam", "org");
    assert!(
        has(&canberra, "Australian House of Representatives"),
        "{canberra:?}"
    );
    let ottawa = entities_of(&s, "controls", "org");
    assert_eq!(ottawa, ["Canadian Labour Congress"], "{ottawa:?}");
    // The gazetteer's reading holds where another country is named only in passing.
    assert!(has(&entities_of(&s, "aid", "org"), "US Congress"));
    assert!(has(&entities_of(&s, "strategist", "org"), "Labour Party"));
}

#[test]
fn an_era_s_names_link_only_in_their_years_and_titles_and_clocks_name_no_one() {
    let s = Scratch::with_files(&[
        (
            "1935-04-08-relief.txt",
            "Relief bill signed\n\nThe CCC is to be expanded, and the League met in Geneva to \
             hear the League of Nations' council. Premier Laval said the Cabinet of Prince \
             Konoye had not replied. The European war of 1914 was recalled.\n",
        ),
        (
            "1940-06-22-armistice.txt",
            "Armistice signed\n\nCOMPIEGNE, June 22 - The railway car stood where it stood at \
             the close of the World War. Since 5:45 A.M. German forces have advanced, Grand \
             Admiral Raeder said, at 3:35 o'clock (Central war time).\n",
        ),
        (
            "1942-05-30-front.txt",
            "Front report\n\nThe European war entered its third summer as the war in Europe \
             spread east.\n",
        ),
        (
            "2022-03-01-ukraine.txt",
            "Invasion\n\nDiplomats called it the first full-scale war in Europe in decades, \
             and feared a wider European war.\n",
        ),
    ]);
    s.index();
    let orgs = entities_of(&s, "relief", "org");
    assert!(has(&orgs, "Civilian Conservation Corps"), "{orgs:?}");
    assert!(!has(&orgs, "Commodity Credit Corporation"), "{orgs:?}");
    assert!(
        has(&orgs, "League of Nations") && !has(&orgs, "League"),
        "{orgs:?}"
    );
    assert!(!orgs.iter().any(|o| o.starts_with("Cabinet")), "{orgs:?}");
    // "The European war of 1914", written in 1935: not the war going on then, nor WWI's
    // name of the years it was fought.
    assert!(has(&entities_of(&s, "armistice", "event"), "World War I"));
    let events = entities_of(&s, "armistice", "event");
    assert!(!events.iter().any(|e| e.contains("Central")), "{events:?}");
    let persons = entities_of(&s, "armistice", "person");
    assert!(!persons.iter().any(|p| p.contains("A.M.")), "{persons:?}");
    let orgs = entities_of(&s, "armistice", "org");
    assert!(!has(&orgs, "Grand Admiral"), "{orgs:?}");
    assert_eq!(
        entities_of(&s, "\"third summer\"", "event"),
        ["World War II"]
    );
    // The era's names say nothing of a war in Europe of 2022.
    let events = entities_of(&s, "diplomats", "event");
    assert!(!has(&events, "World War II"), "{events:?}");
}

#[test]
fn a_listed_person_s_formal_given_name_with_initials_is_him_in_his_years() {
    let s = Scratch::with_files(&[
        (
            "1995-08-09-browser.txt",
            "Browser wars\n\nSEATTLE, Aug. 9 - William H. Gates, Microsoft's chairman, told \
             analysts the company would ship its browser this month.\n",
        ),
        (
            "1950-03-01-council.txt",
            "Council\n\nSEATTLE, March 1 - William H. Gates, a lawyer, addressed the city \
             council on Tuesday about the harbor.\n",
        ),
    ]);
    s.index();
    let persons = entities_of(&s, "browser", "person");
    assert!(has(&persons, "Bill Gates"), "{persons:?}");
    // Decades before the listed man's years, the name is someone of its own.
    let persons = entities_of(&s, "harbor", "person");
    assert!(has(&persons, "William H. Gates"), "{persons:?}");
    assert!(!has(&persons, "Bill Gates"), "{persons:?}");
}

#[test]
fn a_country_s_house_is_not_named_before_it_exists() {
    let s = Scratch::with_files(&[
        (
            "1891-03-20-convention.txt",
            "Convention debates the upper house\n\nSYDNEY, March 20 - Delegates from the \
             Australian colonies argued that the Senate must protect the smaller colonies, \
             and Sir Henry Parkes told the convention Australia would be one nation.\n",
        ),
        (
            "1975-11-11-dismissal.txt",
            "Government dismissed\n\nCANBERRA, Nov 11 - The Senate had refused supply, and \
             the Governor-General dismissed the government of Australia today.\n",
        ),
    ]);
    s.index();
    let orgs = |query| entities_of(&s, query, "org");
    assert!(
        !orgs("delegates")
            .iter()
            .any(|o| o == "Australian Senate" || o == "US Senate"),
        "{:?}",
        orgs("delegates")
    );
    assert!(
        orgs("supply").iter().any(|o| o == "Australian Senate"),
        "{:?}",
        orgs("supply")
    );
}

#[test]
fn the_agency_of_older_copy_is_reuters() {
    let s = Scratch::with_files(&[(
        "1899-10-12-ultimatum.txt",
        "War declared\n\nLONDON, Oct 12 - A telegram from Pretoria, received by Reuter's Agency \
         by way of Lourenco Marques, says the ultimatum has expired.\n",
    )]);
    s.index();
    assert!(has(&entities_of(&s, "ultimatum", "org"), "Reuters"));
    let persons = entities_of(&s, "ultimatum", "person");
    assert!(
        !persons.iter().any(|p| p == "Reuter" || p == "Agency"),
        "{persons:?}"
    );
}

#[test]
fn an_acronym_listed_in_capitals_is_not_a_word_in_lower_case() {
    let s = Scratch::with_files(&[
        (
            "1969-08-18-festival.txt",
            "Festival ends\n\nBETHEL, N.Y., Aug. 18 - The bill included Janis Joplin, Sly and \
             the Family Stone, The Who, Jefferson Airplane and Joe Cocker. The Who, a group from \
             London, ended their set by smashing guitars.\n",
        ),
        (
            "1969-09-02-cholera.txt",
            "Cholera warning\n\nGENEVA, Sept. 2 - The WHO said the outbreak was contained.\n",
        ),
    ]);
    s.index();
    let band = entities_of(&s, "guitars", "org");
    assert!(!has(&band, "World Health Organization"), "{band:?}");
    let health = entities_of(&s, "outbreak", "org");
    assert!(has(&health, "World Health Organization"), "{health:?}");
}

#[test]
fn a_successor_state_s_people_before_its_years_are_the_state_of_the_time() {
    let s = Scratch::with_files(&[
        (
            "1968-08-22-prague.txt",
            "Tanks in Prague\n\nPRAGUE, Aug. 22 - Crowds of young Czechs argued with the \
             soldiers. \"Every second Czech is called Dvorak,\" a student said.\n",
        ),
        (
            "1995-03-02-prague.txt",
            "Investment\n\nPRAGUE, March 2 - Czech exports rose again last year, and the Czechs \
             expect more.\n",
        ),
    ]);
    s.index();
    let then = entities_of(&s, "soldiers", "place");
    assert!(has(&then, "Czechoslovakia"), "{then:?}");
    assert!(!has(&then, "Czech Republic"), "{then:?}");
    assert!(has(&entities_of(&s, "exports", "place"), "Czech Republic"));
}

#[test]
fn the_red_cross_of_a_country_s_story_is_that_country_s_society() {
    let s = Scratch::with_files(&[
        (
            "1992-08-25-andrew.txt",
            "Storm relief\n\nMIAMI, Aug. 25 (AP) -- The Red Cross opened shelters in \
             Homestead and across Florida for the homeless.\n",
        ),
        (
            "1988-12-09-armenia.txt",
            "Aid flown in\n\nGENEVA, Dec. 9 (Reuters) -- The International Committee of the Red \
             Cross sent surgeons to Spitak.\n",
        ),
        (
            "1956-11-10-andau.txt",
            "Refugees cross\n\nNEW YORK, Nov. 10 (AP) -- At Andau the volunteers of the \
             Austrian Red Cross waited with blankets for the refugees.\n",
        ),
    ]);
    s.index();
    let orgs = entities_of(&s, "shelters", "org");
    assert!(has(&orgs, "American Red Cross"), "{orgs:?}");
    assert!(!has(&orgs, "International Red Cross"), "{orgs:?}");
    let orgs = entities_of(&s, "surgeons", "org");
    assert!(has(&orgs, "International Red Cross"), "{orgs:?}");
    // A nationality word before the name says whose, whatever the dateline.
    let orgs = entities_of(&s, "blankets", "org");
    assert!(has(&orgs, "Austrian Red Cross"), "{orgs:?}");
    assert!(!has(&orgs, "American Red Cross"), "{orgs:?}");
}

#[test]
fn a_union_s_dotted_acronym_and_members_word_are_the_union_named_in_full() {
    let s = Scratch::with_files(&[(
        "1970-09-15-strike.txt",
        "Auto workers strike General Motors\n\nDETROIT, Sept. 15 (AP) - The United Auto \
         Workers struck General Motors today. Leonard Woodcock, the president of the United \
         Auto Workers, said the U.A.W. would stay out as long as it took.\n\nThe International \
         Brotherhood of Teamsters said its drivers would honor the picket lines. Frank \
         Fitzsimmons, president of the Teamsters, said the drivers would stay home. The \
         United Steelworkers of America sent money, and the Steelworkers' president said more \
         would follow.\n\nIn Washington, the Department of Labor said it would not step in. \
         Officials of the United States government said talks would resume on Monday.\n",
    )]);
    s.index();
    let orgs = entities_of(&s, "picket", "org");
    for full in [
        "United Auto Workers",
        "International Brotherhood of Teamsters",
        "United Steelworkers of America",
        "US Department of Labor",
    ] {
        assert!(has(&orgs, full), "{full}: {orgs:?}");
    }
    for part in ["UAW", "Teamsters", "Steelworkers", "Department of Labor"] {
        assert!(!has(&orgs, part), "{part}: {orgs:?}");
    }
    let places = entities_of(&s, "picket", "place");
    assert!(!has(&places, "Teamsters"), "{places:?}");
}

#[test]
fn an_office_and_a_shared_surname_is_the_one_who_held_it() {
    let s = Scratch::with_files(&[
        (
            "1995-01-17-kobe.txt",
            "Kobe earthquake\n\nTOKYO, Jan 17 - The Japanese Red Cross Society sent medical \
             teams, and President Clinton offered American assistance.\n",
        ),
        (
            "2010-01-16-haiti.txt",
            "Aid for Haiti\n\nPORT-AU-PRINCE, Jan 16 - Secretary Clinton arrived with relief \
             supplies on Saturday.\n",
        ),
    ]);
    s.index();
    let kobe = entities_of(&s, "Kobe", "person");
    assert_eq!(kobe, ["Bill Clinton"], "{kobe:?}");
    let haiti = entities_of(&s, "supplies", "person");
    assert_eq!(haiti, ["Hillary Clinton"], "{haiti:?}");
}
