//! The archive-shapes bench (`--shapes wire-ndjson,wire-folder,mixed`): ingest alone, per
//! shape, SQLite FTS5 against morgue with entities off and on, alternated in each round.
//!
//! Shapes (all `--articles N` articles, generated once per seed and size and reused):
//! - `wire-ndjson`: short wire items (80-250 words) in one NDJSON file;
//! - `wire-folder`: the same kind of items as a folder of small `.txt` files;
//! - `mixed`: the default bench archive (300-900 words, every format, one file each).
//!
//! Per engine and shape: MB/s of wall time, MB per CPU-second (user + system time of the
//! child, from `wait4`), peak RSS, and the index's size as a share of the input, with ratios
//! to FTS5. The best round (by wall time) is kept.

use super::corpus::{self, Generator};
use super::{Measured, Options, generated, measure_fts5, measure_morgue, repo};
use std::path::PathBuf;

pub const ALL: [&str; 3] = ["wire-ndjson", "wire-folder", "mixed"];

/// The input folder of one shape, generated on first use.
fn input(o: &Options, shape: &str) -> PathBuf {
    let n = o.articles;
    if shape == "mixed" {
        return generated(o, n);
    }
    let dir = o.work.join(format!("{shape}-{}-{n}", o.seed));
    if !dir.join(".complete").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        eprintln!("generating {n} wire items ({shape}) into {}", dir.display());
        let mut generator = Generator::new(o.seed, &repo()).unwrap();
        let archive = dir.join("archive");
        match shape {
            "wire-ndjson" => generator
                .write_wire_ndjson(&archive.join("wire.ndjson"), n)
                .unwrap(),
            "wire-folder" => generator.write_wire_folder(&archive, n).unwrap(),
            other => panic!("unknown shape {other} (shapes: {})", ALL.join(", ")),
        };
        std::fs::write(dir.join(".complete"), "").unwrap();
    }
    dir.join("archive")
}

/// The engines of each round, in the order they run.
const ENGINES: [(&str, Option<&[&str]>); 3] = [
    ("SQLite FTS5", None),
    ("morgue --no-entities", Some(&["--no-entities"])),
    ("morgue, entities on", Some(&[])),
];

pub fn run(o: &Options, shapes: &[String]) {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut tables = Vec::new();
    for shape in shapes {
        let archive = input(o, shape);
        let bytes = corpus::folder_bytes(&archive);
        let mut best: Vec<Option<Measured>> = vec![None; ENGINES.len()];
        for round in 0..o.rounds.max(1) {
            for (i, (name, flags)) in ENGINES.iter().enumerate() {
                eprintln!("{shape}: round {}, {name}", round + 1);
                let out = o.work.join(format!("shape-{shape}-{i}"));
                let run = match flags {
                    None => measure_fts5(&archive, &out.with_extension("db")),
                    Some(flags) => measure_morgue(&archive, &out, flags),
                };
                if best[i].as_ref().is_none_or(|b| run.secs < b.secs) {
                    best[i] = Some(run);
                }
            }
        }
        let best: Vec<Measured> = best.into_iter().map(Option::unwrap).collect();
        tables.push((shape.clone(), bytes, best));
    }
    println!(
        "| shape | engine | articles | MB/s | MB per CPU-s | peak RSS MB | index % of input | \
         MB/s vs FTS5 | MB per CPU-s vs FTS5 |"
    );
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    for (shape, bytes, runs) in &tables {
        let mb = *bytes as f64 / 1e6;
        let fts5 = &runs[0];
        for ((name, _), run) in ENGINES.iter().zip(runs) {
            let (speed, per_cpu) = (mb / run.secs, mb / run.cpu_secs);
            println!(
                "| {shape} ({mb:.1} MB) | {name} | {} | {speed:.1} ({:.1}/core) | {per_cpu:.1} | {} | \
                 {:.0}% | {:.2}x | {:.2}x |",
                run.articles,
                speed / cores as f64,
                run.rss_kb / 1024,
                100.0 * run.index_bytes as f64 / *bytes as f64,
                fts5.secs / run.secs,
                fts5.cpu_secs / run.cpu_secs,
            );
        }
    }
    println!(
        "\nbest of {} rounds by wall time; {cores} cores; load average at the end: {}",
        o.rounds.max(1),
        load_average()
    );
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}
