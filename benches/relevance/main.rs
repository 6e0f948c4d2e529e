//! `cargo bench --bench relevance -- [OPTIONS]`: how well morgue ranks, judged on the CACM
//! test collection (3,204 abstracts, 52 judged queries) against SQLite FTS5's BM25 measured in
//! the same run on the same text.
//!
//! Options:
//!   --collection DIR     the CACM files (default ../shared/ir/cacm beside the repository)
//!   --work DIR           where archives, indexes and the CSV go (default target/relevance)
//!   --morgue PATH        the morgue binary to judge (default: the one cargo built for the
//!                        bench, target/release/morgue), e.g. an experimental build
//!   --fts5-weights T,B   also rank FTS5's OR-ed queries with these bm25() column weights
//!
//! Each judged query runs on morgue as typed (syntax characters defused), with `--match`
//! all/most/any when the binary has that flag, and with its words OR-ed; FTS5 runs the
//! OR-ed words and all the words. Prints a markdown table (MAP, P@10, nDCG@10, ratios to
//! FTS5 OR-ed) per archive variant (see `archive`) and writes each query's average precision
//! per run to `per_query_ap.csv` in the work folder.

mod archive;
mod cacm;
mod engines;
mod metrics;

use archive::Variant;
use engines::{Fts5Run, Morgue, Rankings};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

struct Options {
    collection: PathBuf,
    work: PathBuf,
    morgue: PathBuf,
    fts5_weights: Option<(f64, f64)>,
}

fn options() -> Options {
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut o = Options {
        collection: repo.join("../shared/ir/cacm"),
        work: repo.join("target/relevance"),
        morgue: PathBuf::from(env!("CARGO_BIN_EXE_morgue")),
        fts5_weights: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().expect("flag needs a value");
        match arg.as_str() {
            "--collection" => o.collection = PathBuf::from(value()),
            "--work" => o.work = PathBuf::from(value()),
            "--morgue" => o.morgue = PathBuf::from(value()),
            "--fts5-weights" => {
                let v = value();
                let (t, b) = v.split_once(',').expect("--fts5-weights T,B");
                o.fts5_weights = Some((t.parse().expect("weight"), b.parse().expect("weight")));
            }
            "--bench" => {} // cargo passes this
            other => panic!("unknown option {other}"),
        }
    }
    o
}

/// One system's rankings for every judged query, and what it scored.
struct Run {
    variant: Variant,
    engine: &'static str,
    form: String,
    rankings: Rankings,
    /// Queries the engine refused (they score 0).
    failed: usize,
}

impl Run {
    fn label(&self) -> String {
        format!("{}/{}/{}", self.variant.name(), self.engine, self.form)
    }
}

struct Scores {
    map: f64,
    p10: f64,
    ndcg10: f64,
    /// Judged queries with nothing retrieved.
    empty: usize,
    per_query_ap: BTreeMap<u32, f64>,
}

fn score(run: &Run, collection: &cacm::Collection) -> Scores {
    let mut s = Scores {
        map: 0.0,
        p10: 0.0,
        ndcg10: 0.0,
        empty: 0,
        per_query_ap: BTreeMap::new(),
    };
    let none = Vec::new();
    for (id, relevant) in &collection.qrels {
        let ranking = run.rankings.get(id).unwrap_or(&none);
        let ap = metrics::average_precision(ranking, relevant);
        s.map += ap;
        s.p10 += metrics::precision_at(ranking, relevant, 10);
        s.ndcg10 += metrics::ndcg_at(ranking, relevant, 10);
        s.empty += ranking.is_empty() as usize;
        s.per_query_ap.insert(*id, ap);
    }
    let n = collection.qrels.len() as f64;
    s.map /= n;
    s.p10 /= n;
    s.ndcg10 /= n;
    s
}

fn main() {
    let o = options();
    std::fs::create_dir_all(&o.work).unwrap();
    let collection = cacm::Collection::read(&o.collection);
    let judged: Vec<&cacm::Query> = collection.judged().collect();
    assert_eq!(
        judged.len(),
        collection.qrels.len(),
        "every judged query has text"
    );
    let morgue = Morgue::new(o.morgue.clone());
    println!(
        "collection: {} ({} documents, {} queries, {} judged)",
        o.collection.display(),
        collection.docs.len(),
        collection.queries.len(),
        judged.len()
    );
    println!(
        "morgue: {} (--match: {})\n",
        morgue.bin.display(),
        if morgue.has_match { "yes" } else { "no" }
    );

    let mut runs = Vec::new();
    for variant in Variant::ALL {
        let dir = o.work.join(variant.name());
        let written = archive::write(&collection.docs, variant, &dir);
        let index = dir.join("index");
        let articles = morgue.index(&written.archive, &index);
        assert_eq!(
            articles as usize,
            collection.docs.len(),
            "morgue indexed every record of the {} archive",
            variant.name()
        );
        eprintln!("{}: indexed {articles} articles", variant.name());

        let mut forms: Vec<(String, Vec<&str>, bool)> = vec![("as typed".into(), vec![], false)];
        if morgue.has_match {
            for m in ["all", "most", "any"] {
                forms.push((format!("as typed, --match {m}"), vec!["--match", m], false));
            }
        }
        forms.push(("OR-ed".into(), vec![], true));
        for (form, extra, or_ed) in forms {
            let mut rankings = Rankings::new();
            let mut failed = 0;
            for q in &judged {
                let text = if or_ed {
                    engines::words(&q.text).join(" OR ")
                } else {
                    engines::as_typed(&q.text)
                };
                match morgue.search(&index, &text, &extra) {
                    Ok(ids) => {
                        rankings.insert(q.id, ids);
                    }
                    Err(e) => {
                        eprintln!("query {} ({form}) refused: {e}", q.id);
                        failed += 1;
                    }
                }
            }
            runs.push(Run {
                variant,
                engine: "morgue",
                form,
                rankings,
                failed,
            });
        }

        let per_query = |joiner: &str| {
            judged
                .iter()
                .map(|q| (q.id, engines::fts5_match(&engines::words(&q.text), joiner)))
                .collect::<BTreeMap<_, _>>()
        };
        let mut fts5_runs = vec![
            Fts5Run {
                name: "OR-ed".into(),
                matches: per_query(" OR "),
                weights: (1.0, 1.0),
            },
            Fts5Run {
                name: "all words".into(),
                matches: per_query(" "),
                weights: (1.0, 1.0),
            },
        ];
        if let Some(weights) = o.fts5_weights {
            fts5_runs.push(Fts5Run {
                name: format!("OR-ed, bm25 weights {},{}", weights.0, weights.1),
                matches: per_query(" OR "),
                weights,
            });
        }
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/fts5_relevance.py");
        let found = engines::fts5(&script, &written.rows, &dir.join("fts5.db"), &fts5_runs);
        for (run, rankings) in fts5_runs.into_iter().zip(found) {
            runs.push(Run {
                variant,
                engine: "FTS5",
                form: run.name,
                rankings,
                failed: 0,
            });
        }
    }

    let scores: Vec<Scores> = runs.iter().map(|r| score(r, &collection)).collect();
    print_table(&runs, &scores);
    let csv = o.work.join("per_query_ap.csv");
    std::fs::write(&csv, per_query_csv(&runs, &scores, &collection)).unwrap();
    println!("\nper-query average precision: {}", csv.display());
}

fn print_table(runs: &[Run], scores: &[Scores]) {
    println!(
        "FTS5: bm25() with default column weights (title 1.0, body 1.0; k1 1.2, b 0.75), \
         porter unicode61 remove_diacritics 2.\nmorgue: `search --json --all-copies --limit {}`. \
         Binary relevance; MAP over the judged queries, unretrieved relevant documents \
         count as precision 0.\n",
        engines::DEPTH
    );
    println!(
        "| archive | engine | query | MAP | P@10 | nDCG@10 | MAP / FTS5 | P@10 / FTS5 | nDCG@10 / FTS5 | no hits | refused |"
    );
    println!("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (run, s) in runs.iter().zip(scores) {
        let base = runs
            .iter()
            .zip(scores)
            .find(|(r, _)| r.variant == run.variant && r.engine == "FTS5" && r.form == "OR-ed")
            .map(|(_, s)| s)
            .unwrap();
        let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { f64::NAN };
        println!(
            "| {} | {} | {} | {:.3} | {:.3} | {:.3} | {:.2} | {:.2} | {:.2} | {} | {} |",
            run.variant.name(),
            run.engine,
            run.form,
            s.map,
            s.p10,
            s.ndcg10,
            ratio(s.map, base.map),
            ratio(s.p10, base.p10),
            ratio(s.ndcg10, base.ndcg10),
            s.empty,
            run.failed,
        );
    }
}

/// One row per judged query: its id, number of relevant documents, AP per run, its text.
fn per_query_csv(runs: &[Run], scores: &[Scores], collection: &cacm::Collection) -> String {
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut out = String::from("query,relevant");
    for run in runs {
        write!(out, ",{}", quote(&run.label())).unwrap();
    }
    out.push_str(",text\n");
    for q in collection.judged() {
        write!(out, "{},{}", q.id, collection.qrels[&q.id].len()).unwrap();
        for s in scores {
            write!(out, ",{:.4}", s.per_query_ap[&q.id]).unwrap();
        }
        writeln!(out, ",{}", quote(&q.text)).unwrap();
    }
    out
}
