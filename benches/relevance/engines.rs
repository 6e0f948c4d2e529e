//! Running the two engines: the morgue binary (index, then one `search --json` per query)
//! and SQLite FTS5 through `benches/fts5_relevance.py`. Both return, per query, the CACM ids
//! of the documents retrieved, best first.

use crate::archive;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// How deep each ranking goes (trec_eval's usual cutoff).
pub const DEPTH: usize = 1000;

/// Rankings by query id; a query that failed has no entry (and scores 0).
pub type Rankings = BTreeMap<u32, Vec<u32>>;

/// Characters special to morgue's query syntax (tantivy's grammar, plus `-` and `~`).
const SPECIAL: &[char] = &[
    '"', '\'', '`', ':', '(', ')', '[', ']', '{', '}', '+', '-', '^', '~', '*', '!', '\\',
];

/// The request as a user would type it into `morgue search`, with the syntax defused: special
/// characters become spaces and the operators AND/OR/NOT are lowercased into plain words.
pub fn as_typed(text: &str) -> String {
    let spaced: String = text
        .chars()
        .map(|c| if SPECIAL.contains(&c) { ' ' } else { c })
        .collect();
    spaced
        .split_whitespace()
        .map(|w| match w {
            "AND" | "OR" | "NOT" => w.to_ascii_lowercase(),
            _ => w.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The request's words (runs of letters and digits), lowercased: what both engines OR.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

pub struct Morgue {
    pub bin: PathBuf,
    /// `morgue index` knows `--no-entities` (the tagger adds nothing to ranking here).
    no_entities: bool,
    /// `morgue search` knows `--match all|most|any`.
    pub has_match: bool,
}

impl Morgue {
    pub fn new(bin: PathBuf) -> Morgue {
        let help = |cmd: &str| {
            let out = Command::new(&bin)
                .args([cmd, "--help"])
                .output()
                .unwrap_or_else(|e| panic!("running {}: {e}", bin.display()));
            String::from_utf8_lossy(&out.stdout).into_owned()
        };
        Morgue {
            no_entities: help("index").contains("--no-entities"),
            has_match: help("search").contains("--match"),
            bin,
        }
    }

    /// Indexes `archive` afresh into `index` and returns how many articles it holds.
    pub fn index(&self, archive: &Path, index: &Path) -> u64 {
        let _ = std::fs::remove_dir_all(index);
        let mut cmd = Command::new(&self.bin);
        cmd.args(["index", "--json"]);
        if self.no_entities {
            cmd.arg("--no-entities");
        }
        let out = cmd.arg("--index").arg(index).arg(archive).output().unwrap();
        let summary = json_of(&out, "morgue index");
        summary["articles_in_index"].as_u64().unwrap()
    }

    /// One search; `extra` holds further flags (`--match any`). An error (a query the parser
    /// refuses) comes back as the message morgue printed.
    pub fn search(&self, index: &Path, query: &str, extra: &[&str]) -> Result<Vec<u32>, String> {
        let out = Command::new(&self.bin)
            .args(["search", "--json", "--all-copies", "--limit"])
            .arg(DEPTH.to_string())
            .arg("--index")
            .arg(index)
            .args(extra)
            .arg("--")
            .arg(query)
            .output()
            .unwrap();
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).trim().to_string());
        }
        let results = json_of(&out, "morgue search");
        Ok(results["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|hit| {
                let path = hit["path"].as_str().unwrap();
                archive::doc_id(path).unwrap_or_else(|| panic!("not a CACM file: {path}"))
            })
            .collect())
    }
}

/// One FTS5 run: an FTS5 query per query id, ranked by `bm25(table, title, body)`.
pub struct Fts5Run {
    pub name: String,
    pub matches: BTreeMap<u32, String>,
    pub weights: (f64, f64),
}

/// Indexes `rows` into a fresh FTS5 database and runs every run's queries on it.
pub fn fts5(script: &Path, rows: &Path, db: &Path, runs: &[Fts5Run]) -> Vec<Rankings> {
    let spec: Vec<Value> = runs
        .iter()
        .flat_map(|run| {
            run.matches.iter().map(move |(id, m)| {
                json!({
                    "key": format!("{}/{id}", run.name),
                    "match": m,
                    "weights": [run.weights.0, run.weights.1],
                })
            })
        })
        .collect();
    let spec_path = db.with_extension("queries.json");
    std::fs::write(&spec_path, serde_json::to_vec(&spec).unwrap()).unwrap();
    let out = Command::new("python3")
        .arg(script)
        .arg(rows)
        .arg(db)
        .arg(&spec_path)
        .arg(DEPTH.to_string())
        .output()
        .expect("python3 runs");
    let found = json_of(&out, "fts5_relevance.py");
    runs.iter()
        .map(|run| {
            run.matches
                .keys()
                .map(|id| {
                    let ids = found[format!("{}/{id}", run.name)]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|d| d.as_u64().unwrap() as u32)
                        .collect();
                    (*id, ids)
                })
                .collect()
        })
        .collect()
}

/// FTS5 query syntax for a list of words: each quoted, so no word is read as an operator.
pub fn fts5_match(words: &[String], joiner: &str) -> String {
    words
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(joiner)
}

fn json_of(out: &Output, what: &str) -> Value {
    assert!(
        out.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{what} output: {e}"))
}
