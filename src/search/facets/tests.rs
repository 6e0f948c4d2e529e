//! Facet counts against brute-force tallies, and day numbers against jiff.

use super::{FacetCollector, FacetKind, civil_from_days};
use crate::article::EntityKind;
use crate::index::document::{date_from_tantivy, date_to_tantivy};
use crate::search::test_index::segmented_index;
use std::collections::BTreeMap;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{AllQuery, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocSet, Term};

const PEOPLE: [&str; 9] = ["Ann", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal", "Ivy"];

/// Article `n` of the generated index: its words, date, people and places.
fn article(
    n: u64,
) -> (
    String,
    Option<jiff::civil::Date>,
    Vec<&'static str>,
    Vec<String>,
) {
    let mut words = vec!["common"];
    if !n.is_multiple_of(5) {
        words.push("most");
    }
    for (word, every) in [("half", 2), ("seventh", 7), ("rare", 40)] {
        if n.is_multiple_of(every) {
            words.push(word);
        }
    }
    let date = (!n.is_multiple_of(11)).then(|| {
        jiff::civil::date(
            1990 + (n % 30) as i16,
            (n % 12 + 1) as i8,
            (n % 28 + 1) as i8,
        )
    });
    let mut people = vec![PEOPLE[(n % 5) as usize]];
    if n.is_multiple_of(3) {
        people.push(PEOPLE[5 + (n % 4) as usize]);
    }
    let places = if n % 2 == 1 {
        vec![format!("Place {}", n % 13)]
    } else {
        Vec::new()
    };
    (words.join(" "), date, people, places)
}

/// Every facet of `query` as value -> count (dates: `undated` too), from the collector.
fn collected(
    searcher: &tantivy::Searcher,
    query: &dyn Query,
    scored: bool,
) -> Vec<BTreeMap<String, u64>> {
    let collector = FacetCollector::new(
        vec![
            FacetKind::Month,
            FacetKind::Entity(EntityKind::Person),
            FacetKind::Entity(EntityKind::Place),
        ],
        None,
    );
    let tallies = if scored {
        let top = TopDocs::with_limit(3).order_by_score();
        searcher
            .search(query, &(top, Count, collector.clone()))
            .unwrap()
            .2
    } else {
        searcher.search(query, &collector).unwrap()
    };
    collector
        .results(tallies, usize::MAX)
        .into_iter()
        .map(|facet| {
            let mut counts: BTreeMap<String, u64> = facet
                .values
                .into_iter()
                .map(|v| (v.value, v.count))
                .collect();
            if let Some(undated) = facet.undated {
                counts.insert("undated".into(), undated);
            }
            counts
        })
        .collect()
}

#[test]
fn facet_counts_equal_a_brute_force_tally_dense_or_sparse_with_deletes() {
    // Segments of several sizes, every 9th article deleted.
    let (index, fields) = segmented_index(
        &[700, 90, 1300, 500],
        Some((4, 9)),
        |fields, n, _, _, doc| {
            let (words, date, people, places) = article(n);
            doc.add_text(fields.body, words);
            if let Some(date) = date {
                doc.add_date(fields.date, date_to_tantivy(date));
            }
            for person in people {
                doc.add_text(fields.entity_name(EntityKind::Person), person);
            }
            for place in places {
                doc.add_text(fields.entity_name(EntityKind::Place), place);
            }
        },
    );
    let searcher = index.reader().unwrap().searcher();
    let deleted = |n: u64| n >= 4 && (n - 4).is_multiple_of(9);
    // "common" (every article) and "most" (4 in 5) match more than two articles in three
    // of each segment: whole columns are read; the others are looked up match by match.
    for word in ["common", "most", "half", "seventh", "rare"] {
        let mut expected = vec![BTreeMap::<String, u64>::new(); 3];
        let mut matched = 0;
        for n in (1..=2590).filter(|&n| !deleted(n)) {
            let (words, date, people, places) = article(n);
            if !words.split(' ').any(|w| w == word) {
                continue;
            }
            matched += 1;
            let month = date.map_or("undated".to_string(), |d| {
                format!("{:04}-{:02}", d.year(), d.month())
            });
            *expected[0].entry(month).or_default() += 1;
            for person in people {
                *expected[1].entry(person.to_string()).or_default() += 1;
            }
            for place in places {
                *expected[2].entry(place).or_default() += 1;
            }
        }
        expected[0].entry("undated".into()).or_default();
        let term = Term::from_field_text(fields.body, word);
        let query: Box<dyn Query> = if word == "common" {
            Box::new(AllQuery)
        } else {
            Box::new(TermQuery::new(term, IndexRecordOption::Basic))
        };
        let weight = query
            .weight(tantivy::query::EnableScoring::disabled_from_searcher(
                &searcher,
            ))
            .unwrap();
        let live: u32 = searcher
            .segment_readers()
            .iter()
            .map(|r| {
                let mut scorer = weight.scorer(r, 1.0).unwrap();
                let mut live = 0;
                while scorer.doc() != tantivy::TERMINATED {
                    live += u32::from(r.alive_bitset().is_none_or(|a| a.is_alive(scorer.doc())));
                    scorer.advance();
                }
                live
            })
            .sum();
        assert_eq!(
            live, matched,
            "{word}: the query matches what the tally counts"
        );
        for scored in [false, true] {
            assert_eq!(
                collected(&searcher, query.as_ref(), scored),
                expected,
                "{word}, scored {scored}"
            );
        }
    }
}

#[test]
fn day_numbers_give_the_same_calendar_dates_as_jiff() {
    let first = jiff::civil::date(1678, 1, 1);
    let days = |d| date_to_tantivy(d).into_timestamp_secs() / 86_400;
    for day in days(first)..=days(jiff::civil::date(2261, 12, 31)) {
        let date = date_from_tantivy(tantivy::DateTime::from_timestamp_secs(day * 86_400)).unwrap();
        let (y, m, d) = civil_from_days(day);
        assert_eq!(
            (y, m, d),
            (
                i64::from(date.year()),
                date.month() as u32,
                date.day() as u32
            )
        );
    }
}
