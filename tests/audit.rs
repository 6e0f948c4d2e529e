//! End to end: `morgue entities --audit FILE` scores an index's top entities against a
//! judgement file (tests/data/audit_judgements.tsv) and lists what the file does not judge.

mod common;

use common::Scratch;
use serde_json::Value;

fn judgements() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/audit_judgements.tsv")
}

fn archive() -> Scratch {
    let s = Scratch::new();
    s.write(
        "politics/budget.txt",
        "Brown sets out budget\n\nChancellor Gordon Brown told MPs in London on Wednesday \
         that Tony Blair backed his plans. Mr Brown said growth would be strong.\n",
    );
    s.write(
        "politics/vote.txt",
        "Blair meets Brown\n\nTony Blair met Gordon Brown in London before the vote. \
         Harold Pinter and Michael Howard also spoke.\n",
    );
    s.index();
    s
}

#[test]
fn audit_prints_precision_per_kind_and_lists_the_unjudged() {
    let s = archive();
    let file = judgements();
    let out = s.stdout(&["entities", "--audit", file.to_str().unwrap()]);
    assert!(out.starts_with("precision@50 against"), "{out}");
    // Gordon Brown and Tony Blair are ok, Harold Pinter is judged wrong: 2 of 3.
    assert!(
        out.lines()
            .any(|l| l.starts_with("person") && l.contains("66.7%") && l.contains("wrong 1")),
        "{out}"
    );
    assert!(out.contains("wrong        Harold Pinter"), "{out}");
    assert!(out.contains("person\tMichael Howard\t?"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("place") && l.contains("100.0%")),
        "{out}"
    );
}

#[test]
fn audit_json_has_the_same_figures() {
    let s = archive();
    let file = judgements();
    let out = s.stdout(&[
        "entities",
        "--json",
        "-t",
        "person",
        "--audit",
        file.to_str().unwrap(),
    ]);
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["top"], 50);
    let person = &report["kinds"][0];
    assert_eq!(person["kind"], "person");
    assert_eq!(person["judged"], 3);
    assert!((person["precision"].as_f64().unwrap() - 2.0 / 3.0).abs() < 1e-9);
    let unjudged: Vec<&str> = person["unjudged"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["name"].as_str().unwrap())
        .collect();
    assert_eq!(unjudged, ["Michael Howard"]);
}

#[test]
fn a_malformed_judgement_file_is_refused_with_its_line() {
    let s = archive();
    let bad = s.write("../bad.tsv", "# fine\nperson\tTony Blair\tmaybe\n");
    let out = s
        .morgue()
        .args(["entities", "--audit"])
        .arg(&bad)
        .assert()
        .failure()
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8_lossy(&out);
    assert!(
        err.contains("bad.tsv, line 2") && err.contains("maybe"),
        "{err}"
    );
}
