//! End to end: `morgue ner-eval` and `morgue ner-train`, on annotated text written for these
//! tests (`tests/data/ner_sample.conll`, see its README) and on files generated here.

mod common;

use common::Scratch;
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

/// Entity F1 the shipped tagger must keep on the committed sample (87.6 for the shipped model,
/// 2026-11-28; 87.7 for the one before, 81.4 before that); a drop below it means a model or
/// tokenizer regression.
const SAMPLE_F1_FLOOR: f64 = 84.0;

fn ner_eval(s: &Scratch, file: &Path, extra: &[&str]) -> Value {
    let out = s
        .morgue()
        .arg("ner-eval")
        .arg(file)
        .arg("--json")
        .args(extra)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    serde_json::from_slice(&out).unwrap()
}

/// `morgue ner-train TRAIN --out MODEL EXTRA...`, run to completion.
fn ner_train(
    s: &Scratch,
    train: &Path,
    model: &Path,
    extra: &[&str],
) -> assert_cmd::assert::Assert {
    s.morgue()
        .arg("ner-train")
        .arg(train)
        .arg("--out")
        .arg(model)
        .args(extra)
        .assert()
}

#[test]
fn the_shipped_tagger_keeps_its_accuracy_on_the_committed_sample() {
    let s = Scratch::new();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ner_sample.conll");
    let scores = ner_eval(&s, &sample, &[]);
    let f1 = scores["overall"]["f1"].as_f64().unwrap();
    assert!(
        f1 >= SAMPLE_F1_FLOOR,
        "F1 {f1} fell below {SAMPLE_F1_FLOOR}: {scores:#}"
    );
    for kind in ["PER", "ORG", "LOC", "MISC"] {
        assert!(
            scores["per_type"][kind]["gold"].as_u64().unwrap() > 0,
            "{kind}"
        );
    }
    // The table form names every type too.
    s.morgue()
        .arg("ner-eval")
        .arg(&sample)
        .assert()
        .success()
        .stdout(predicate::str::contains("overall"))
        .stdout(predicate::str::contains("PER"));
}

/// Sentences about made-up people, places and firms, in 2-column IOB1 (`I-` opens entities).
fn two_column_iob1() -> String {
    let sentences = [
        "Amara|I-PER Okonkwo|I-PER visited|O Lindholm|I-LOC on|O Monday|O .|O",
        "The|O Harbour|I-ORG Ferry|I-ORG Company|I-ORG said|O Okonkwo|I-PER would|O return|O .|O",
        "Talks|O between|O Norvenia|I-LOC and|O Castavia|I-LOC ended|O in|O Lindholm|I-LOC .|O",
        "Brandvold|I-PER met|O officials|O of|O the|O Alder|I-ORG Water|I-ORG Board|I-ORG .|O",
    ];
    let mut text = String::new();
    for sentence in sentences {
        for pair in sentence.split(' ') {
            let (word, tag) = pair.split_once('|').unwrap();
            text.push_str(&format!("{word} {tag}\n"));
        }
        text.push('\n');
    }
    text
}

#[test]
fn eval_reads_two_column_iob1_and_counts_gold_entities() {
    let s = Scratch::new();
    let file = s.write("gold.conll", two_column_iob1());
    let scores = ner_eval(&s, &file, &[]);
    // 3 persons, 4 places, 2 organisations in the sentences above.
    assert_eq!(scores["overall"]["gold"], 9, "{scores:#}");
    assert_eq!(scores["per_type"]["PER"]["gold"], 3);
    assert_eq!(scores["per_type"]["LOC"]["gold"], 4);
    assert_eq!(scores["per_type"]["ORG"]["gold"], 2);
}

#[test]
fn malformed_annotations_name_the_line() {
    let s = Scratch::new();
    let file = s.write("bad.conll", "Amara B-PER\nOkonkwo B-FOO\n\n");
    s.morgue()
        .arg("ner-eval")
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad.conll"))
        .stderr(predicate::str::contains("line 2"));
}

#[test]
fn a_model_trained_on_your_data_learns_it_and_can_be_used() {
    let s = Scratch::new();
    let train = s.write("train.conll", two_column_iob1().repeat(20));
    let model = s.dir.path().join("model.bin");
    let dev = train.to_str().unwrap();
    ner_train(&s, &train, &model, &["--dev", dev, "--epochs", "3"])
        .success()
        .stdout(predicate::str::contains("wrote"));
    let scores = ner_eval(&s, &train, &["--ner-model", model.to_str().unwrap()]);
    let f1 = scores["overall"]["f1"].as_f64().unwrap();
    assert!(
        f1 >= 90.0,
        "a model should fit its own training data: {scores:#}"
    );

    // The indexer accepts the custom model.
    s.write(
        "a.txt",
        "Title: Visit\n\nAmara Okonkwo visited Lindholm on Monday.\n",
    );
    s.morgue()
        .args(["index", "--json", "--ner-model"])
        .arg(&model)
        .arg(s.archive())
        .assert()
        .success();

    std::fs::write(&model, b"not a model").unwrap();
    s.morgue()
        .arg("ner-eval")
        .arg(&train)
        .arg("--ner-model")
        .arg(&model)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a morgue NER model"));
}

#[test]
fn training_options_are_flags() {
    let s = Scratch::new();
    let train = s.write("train.conll", two_column_iob1().repeat(10));
    let model = s.dir.path().join("model.bin");
    let flags = [
        ["--epochs", "3", "--members", "1", "--seed", "5"].as_slice(),
        &["--clusters", "8", "--word-dropout", "0", "--no-brown"],
        &["--stage2", "--stage2-epochs", "2", "--folds", "2"],
        &["--global", "max-violation", "--train-beam", "2"],
    ]
    .concat();
    ner_train(&s, &train, &model, &flags)
        .success()
        .stdout(predicate::str::contains("wrote"));
    let scores = ner_eval(&s, &train, &["--ner-model", model.to_str().unwrap()]);
    assert!(
        scores["overall"]["f1"].as_f64().unwrap() >= 90.0,
        "{scores:#}"
    );

    // Two models trained alike but for the name lists: without them the compiled gazetteer
    // is smaller, so the model is too (equal sizes would mean `--no-lists` was ignored).
    let with_lists = s.dir.path().join("with_lists.bin");
    let no_lists = s.dir.path().join("no_lists.bin");
    let alike = ["--epochs", "2", "--members", "1", "--no-brown"];
    ner_train(&s, &train, &with_lists, &alike).success();
    ner_train(
        &s,
        &train,
        &no_lists,
        &[&alike[..], &["--no-lists"]].concat(),
    )
    .success();
    let size = |p: &Path| std::fs::metadata(p).unwrap().len();
    assert!(
        size(&no_lists) < size(&with_lists),
        "{} {}",
        size(&no_lists),
        size(&with_lists)
    );

    ner_train(&s, &train, &model, &["--word-dropout", "1.5"])
        .code(2)
        .stderr(predicate::str::contains("--word-dropout"));
    ner_train(&s, &train, &model, &["--global", "sideways"])
        .code(2)
        .stderr(predicate::str::contains(
            "--global must be early, max-violation or off",
        ));
}
