//! End to end: what decides which articles a query lists and in what order: titles that the
//! source gives versus titles made up from the body, partial matches for word queries
//! (`--match`), and exact, prefix and fuzzy words.

mod common;

use common::{Scratch, titles, total};
use serde_json::Value;

fn hit_paths(result: &Value) -> Vec<String> {
    result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let path = h["path"].as_str().unwrap();
            path.rsplit('/').next().unwrap().to_string()
        })
        .collect()
}

fn highlighted_words(result: &Value) -> Vec<String> {
    let mut words = Vec::new();
    for hit in result["hits"].as_array().unwrap() {
        for snippet in hit["snippets"].as_array().unwrap() {
            let text = snippet["text"].as_str().unwrap();
            for range in snippet["highlights"].as_array().unwrap() {
                let (a, b) = (range[0].as_u64().unwrap(), range[1].as_u64().unwrap());
                words.push(text[a as usize..b as usize].to_lowercase());
            }
        }
    }
    words.sort();
    words.dedup();
    words
}

/// An untitled archive: hard-wrapped stories that start straight with their text.
#[test]
fn untitled_articles_do_not_outrank_on_their_first_sentence() {
    let s = Scratch::new();
    // Mentions the reactor once, in its first line, then moves on to other things.
    s.write(
        "a-harbour.txt",
        "The old reactor was mentioned only in passing at the harbour board's\n\
         meeting, which spent the evening on ferry timetables, dredging, berth\n\
         fees, the fish market lease, parking, the lighthouse museum and a long\n\
         dispute about the colour of the new railings along the promenade.\n",
    );
    // About the reactor throughout, but not in its first line.
    s.write(
        "b-inquiry.txt",
        "An inquiry opened on Tuesday into the safety record of the plant on the\n\
         river. Engineers told the inquiry that the reactor had been shut down\n\
         twice last year and that the reactor cooling system needed repairs.\n\
         The reactor operator said the repairs were finished.\n",
    );
    // A headline set apart by a blank line is a title the source gives.
    s.write(
        "c-titled.txt",
        "Ferry timetable changes from May\n\nNew ferry times start in May, the harbour board said.\n",
    );
    s.index();
    let result = s.search(&["reactor"]);
    assert_eq!(hit_paths(&result), ["b-inquiry.txt", "a-harbour.txt"]);
    let sources: Vec<&str> = result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title_source"].as_str().unwrap())
        .collect();
    assert_eq!(sources, ["body", "body"]);
    // The made-up title is shown, and the first line stays in the searchable body.
    assert!(titles(&result)[1].starts_with("The old reactor was mentioned"));
    assert_eq!(hit_paths(&s.search(&["passing"])), ["a-harbour.txt"]);
    // A title made up from the body is not searched as a title...
    assert_eq!(total(&s.search(&["title:reactor"])), 0);
    // ...a headline is.
    let titled = s.search(&["title:timetable"]);
    assert_eq!(hit_paths(&titled), ["c-titled.txt"]);
    assert_eq!(titled["hits"][0]["title_source"], "first-line");
}

#[test]
fn a_headline_only_brief_is_an_article() {
    let s = Scratch::new();
    s.write(
        "briefs.jsonl",
        concat!(
            r#"{"title": "Harbour bridge reopens after repairs", "date": "2024-05-02"}"#,
            "\n",
            r#"{"title": "Council meets", "text": "The council met on Monday."}"#,
            "\n"
        ),
    );
    let summary = s.index();
    assert_eq!(summary["articles_in_index"], 2, "{summary}");
    let result = s.search(&["bridge"]);
    assert_eq!(titles(&result), ["Harbour bridge reopens after repairs"]);
    assert_eq!(result["hits"][0]["title_source"], "metadata");
}

fn three_word_archive() -> Scratch {
    let s = Scratch::with_files(&[
        (
            "all.txt",
            "Title: Port strike\n\nDockers at the port went on strike over wages on Monday.\n",
        ),
        (
            "two.txt",
            "Title: Harbour news\n\nThe port authority said a strike was unlikely this year.\n",
        ),
        (
            "one.txt",
            "Title: Pay talks\n\nNurses asked for higher wages in talks with the ministry.\n",
        ),
        (
            "none.txt",
            "Title: Weather\n\nRain is expected across the region on Friday.\n",
        ),
    ]);
    s.index();
    s
}

#[test]
fn partial_matches_come_after_full_ones_and_say_so() {
    let s = three_word_archive();
    let result = s.search(&["port strike wages"]);
    assert_eq!(hit_paths(&result), ["all.txt", "two.txt", "one.txt"]);
    assert_eq!(total(&result), 3);
    assert_eq!(result["full_matches"], 1);
    assert_eq!(result["partial_of_words"], 3);
    let matched: Vec<Value> = result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["matched_words"].clone())
        .collect();
    assert_eq!(matched, [Value::Null, Value::from(2), Value::from(1)]);
    // The terminal says it too.
    let text = s.stdout(&["search", "port strike wages"]);
    assert!(text.contains("1 match every word"), "{text}");
    assert!(text.contains("matches 2 of 3 words"), "{text}");

    // --match all lists full matches only; any ranks every article with a word, unlabelled.
    let all = s.search(&["port strike wages", "--match", "all"]);
    assert_eq!(hit_paths(&all), ["all.txt"]);
    assert_eq!(all["partial_of_words"], 0);
    let any = s.search(&["port strike wages", "--match", "any"]);
    assert_eq!(total(&any), 3);
    assert!(any["hits"][1].get("matched_words").is_none());
    // Explicit syntax keeps its meaning: AND is AND.
    assert_eq!(total(&s.search(&["port AND strike AND wages"])), 1);
    // Paging runs through the full matches into the partial ones.
    let second = s.search(&["port strike wages", "--limit", "1", "--offset", "1"]);
    assert_eq!(hit_paths(&second), ["two.txt"]);
}

#[test]
fn a_bad_match_value_is_a_usage_error() {
    let s = three_word_archive();
    s.morgue()
        .args(["search", "port", "--match", "some"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("expected all, most or any"));
}

fn word_forms_archive() -> Scratch {
    let s = Scratch::with_files(&[
        (
            "banking.txt",
            "Title: Rules for banking\n\nNew rules for banking were announced.\n",
        ),
        (
            "bank.txt",
            "Title: River bank\n\nThe bank of the river flooded.\n",
        ),
        (
            "election.txt",
            "Title: Vote count\n\nThe election result was close.\n",
        ),
        (
            "electricity.txt",
            "Title: Power prices\n\nElectricity bills rose again.\n",
        ),
        (
            "select.txt",
            "Title: Committee\n\nA select committee met.\n",
        ),
    ]);
    s.index();
    s
}

#[test]
fn exact_words_are_not_stemmed() {
    let s = word_forms_archive();
    let stemmed = s.search(&["bank", "--match", "all"]);
    assert_eq!(total(&stemmed), 2);
    for exact in ["=banking", "\"banking\"", "=Banking"] {
        let result = s.search(&[exact]);
        assert_eq!(hit_paths(&result), ["banking.txt"], "{exact}");
        assert_eq!(highlighted_words(&result), ["banking"], "{exact}");
    }
    assert_eq!(hit_paths(&s.search(&["=bank"])), ["bank.txt"]);
}

/// A word that is its own stem ("bank") is matched exactly from how often the stem and the
/// word's other forms occur: an article writing it beside another form is found, one writing
/// only other forms is not, whatever the case and wherever (title or body) it is written.
#[test]
fn exact_words_that_are_their_own_stem_are_told_from_their_other_forms() {
    let s = Scratch::with_files(&[
        (
            "banks.txt",
            "Title: Rate cut

Banks cut rates and banking shares rose.
",
        ),
        (
            "both.txt",
            "Title: Bank reform

Banking rules changed; every bank must hold more capital.
",
        ),
        (
            "title.txt",
            "Title: Bank holiday

Shops closed on Monday.
",
        ),
        (
            "banked.txt",
            "Title: Savings

He banked the cheque and the banks closed.
",
        ),
    ]);
    s.index();
    assert_eq!(total(&s.search(&["bank", "--match", "all"])), 4);
    for exact in ["=bank", "=Bank", "\"bank\""] {
        let result = s.search(&[exact]);
        let mut paths = hit_paths(&result);
        paths.sort();
        assert_eq!(paths, ["both.txt", "title.txt"], "{exact}");
        assert_eq!(total(&result), 2, "{exact}");
        assert_eq!(highlighted_words(&result), ["bank"], "{exact}");
    }
    let mut banks = hit_paths(&s.search(&["=banks"]));
    banks.sort();
    assert_eq!(banks, ["banked.txt", "banks.txt"]);
    // Prefixes and typos reach words that are their own stem, too.
    assert_eq!(total(&s.search(&["ban*"])), 4);
    assert_eq!(total(&s.search(&["bnak~1"])), 4);
    // Two exact words, one of each kind.
    assert_eq!(hit_paths(&s.search(&["=bank =banking"])), ["both.txt"]);
    // --explain names the word as written.
    let explained = &s.search(&["=bank", "--explain"])["hits"][0]["explain"]["parts"][0];
    assert_eq!(explained["field"], "words", "{explained}");
    assert_eq!(explained["word"], "bank", "{explained}");
}

#[test]
fn prefix_words_match_every_word_they_start() {
    let s = word_forms_archive();
    let result = s.search(&["elect*"]);
    let mut paths = hit_paths(&result);
    paths.sort();
    assert_eq!(paths, ["election.txt", "electricity.txt"]);
    assert_eq!(highlighted_words(&result), ["election", "electricity"]);
}

#[test]
fn fuzzy_words_forgive_a_typo() {
    let s = word_forms_archive();
    assert_eq!(total(&s.search(&["electon", "--match", "all"])), 0);
    let result = s.search(&["electon~1"]);
    assert_eq!(hit_paths(&result), ["election.txt"]);
    assert_eq!(highlighted_words(&result), ["election"]);
    // Two edits reach further.
    assert_eq!(total(&s.search(&["elektin~1"])), 0);
    assert_eq!(hit_paths(&s.search(&["elektin~2"])), ["election.txt"]);
}

#[test]
fn explain_says_what_each_word_added() {
    let s = three_word_archive();
    let result = s.search(&["port strike", "--match", "all", "--explain"]);
    let hit = &result["hits"][0];
    assert_eq!(hit_paths(&result)[0], "all.txt");
    let explained = &hit["explain"];
    let score = hit["score"].as_f64().unwrap();
    assert!((explained["score"].as_f64().unwrap() - score).abs() < 1e-4);
    let parts = explained["parts"].as_array().unwrap();
    let sum: f64 = parts.iter().map(|p| p["score"].as_f64().unwrap()).sum();
    assert!((sum - score).abs() < 1e-3, "{sum} vs {score}");
    let named: Vec<(String, String, f64)> = parts
        .iter()
        .map(|p| {
            let text = |k: &str| p[k].as_str().unwrap().to_string();
            (text("field"), text("word"), p["boost"].as_f64().unwrap())
        })
        .collect();
    // "Port strike" is the title: both words count in the text (which includes the title)
    // and again, at the title boost, in the title.
    for expected in [
        ("title", "port", 0.5),
        ("title", "strike", 0.5),
        ("body", "port", 1.0),
        ("body", "strike", 1.0),
    ] {
        let expected = (expected.0.to_string(), expected.1.to_string(), expected.2);
        assert!(named.contains(&expected), "{named:?}");
    }
    // Without --explain there is nothing to explain.
    assert!(
        s.search(&["port strike"])["hits"][0]
            .get("explain")
            .is_none()
    );
    let text = s.stdout(&["search", "port strike", "--explain"]);
    assert!(text.contains("why: "), "{text}");
    assert!(text.contains("title:port"), "{text}");
}

/// German and French articles are stemmed in their language; English ones as before.
fn languages_archive() -> Scratch {
    let s = Scratch::new();
    s.write(
        "de/regierung.json",
        r#"{"title": "Die Regierung plant neue Steuern", "language": "de",
            "text": "Die Regierung in Berlin hat am Montag neue Steuern angekündigt. Die Opposition kritisierte den Plan scharf und sprach von einem Fehler."}"#,
    );
    s.write(
        "de/regierungen.json",
        r#"{"title": "Europas Regierungen beraten", "language": "de",
            "text": "Die Regierungen der Mitgliedstaaten trafen sich in Brüssel, um über die Energiepreise zu beraten. Eine Einigung gab es nicht."}"#,
    );
    // No declared language: detected from the body.
    s.write(
        "fr/elections.txt",
        "Les élections municipales\n\nLes électeurs de la ville ont voté dimanche pour élire \
         le nouveau conseil municipal. La participation a été plus forte que prévu selon \
         la mairie et les observateurs.\n",
    );
    s.write(
        "en/government.txt",
        "Title: Government plans new taxes\n\nThe government announced new taxes on Monday, and \
         the opposition criticised the plan.\n",
    );
    s.index();
    s
}

#[test]
fn each_language_is_stemmed_as_itself() {
    let s = languages_archive();
    // Plural finds singular and singular finds plural, in German.
    for query in ["Regierungen", "Regierung", "regierung"] {
        let mut paths = hit_paths(&s.search(&[query]));
        paths.sort();
        assert_eq!(paths, ["regierung.json", "regierungen.json"], "{query}");
    }
    // French: "élection" finds "élections"; accents aside.
    assert_eq!(hit_paths(&s.search(&["election"])), ["elections.txt"]);
    // The German article's own word is highlighted for the plural query.
    let result = s.search(&["Regierungen", "--lang", "de", "--limit", "5"]);
    let words = highlighted_words(&result);
    assert!(words.contains(&"regierung".to_string()), "{words:?}");
    // English as before.
    assert_eq!(hit_paths(&s.search(&["governments"])), ["government.txt"]);

    // A changed alias file rebuilds documents from their stored fields without reading the
    // files: the unstored language and exact-word fields must come back too.
    let aliases = s.dir.path().join("aliases.tsv");
    std::fs::write(&aliases, "org\tEuropean Council\tEuCo\n").unwrap();
    let refreshed = s.index_with(&["--gazetteer", aliases.to_str().unwrap()]);
    assert_eq!(refreshed["entities_refreshed"], 4, "{refreshed:#}");
    assert_eq!(total(&s.search(&["Regierung"])), 2);
    assert_eq!(
        hit_paths(&s.search(&["=regierungen"])),
        ["regierungen.json"]
    );
    assert_eq!(total(&s.search(&["regier*"])), 2);
}

#[test]
fn language_filter_and_facet() {
    let s = languages_archive();
    let result = s.search(&["--facet", "language", "--limit", "0"]);
    assert_eq!(
        common::facet(&result, "language"),
        [
            ("de".to_string(), 2),
            ("en".to_string(), 1),
            ("fr".to_string(), 1)
        ]
    );
    assert_eq!(total(&s.search(&["--lang", "de"])), 2);
    assert_eq!(total(&s.search(&["--lang", "fr", "--lang", "en"])), 2);
    assert_eq!(total(&s.search(&["new", "--lang", "en"])), 1);
}

/// Four short notes; "harbour" is in three of them (more than half).
fn word_weights_archive() -> Scratch {
    let s = Scratch::with_files(&[
        (
            "a.txt",
            "Title: Note A\n\nThe harbour harbour harbour was busy; the harbour master counted boats.\n",
        ),
        (
            "b.txt",
            "Title: Note B\n\nAn otter was seen near the harbour.\n",
        ),
        (
            "c.txt",
            "Title: Note C\n\nA seal rested on the harbour wall.\n",
        ),
        (
            "d.txt",
            "Title: Note D\n\nRain fell all day on the hills.\n",
        ),
    ]);
    s.index();
    s
}

#[test]
fn common_words_match_but_do_not_rank_and_repeated_words_count_twice() {
    let s = word_weights_archive();
    // "harbour" is in three notes of four: it matches but adds nothing to the ranking, so
    // the note with the rare word comes first however often another says "harbour".
    let result = s.search(&["harbour OR otter"]);
    assert_eq!(total(&result), 3);
    assert_eq!(hit_paths(&result)[0], "b.txt");
    // The same for a partial match of a word query.
    let result = s.search(&["harbour otter", "--match", "any"]);
    assert_eq!(hit_paths(&result)[0], "b.txt");
    // "seal" and "otter" are equally rare; typing "seal" twice puts its note first.
    assert_eq!(hit_paths(&s.search(&["otter OR seal OR seal"]))[0], "c.txt");
    assert_eq!(
        hit_paths(&s.search(&["seal OR otter OR otter"]))[0],
        "b.txt"
    );
    // Only common words: they rank as usual.
    assert_eq!(hit_paths(&s.search(&["harbour OR the"]))[0], "a.txt");
}
