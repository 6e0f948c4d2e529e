//! End to end: entity extraction as `morgue index` does it (gazetteer plus the built-in
//! tagger), seen through `search --place` and the hits' entity lists, on small archives
//! written by these tests.

mod common;

use common::{Scratch, titles, total};
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
