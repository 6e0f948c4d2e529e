//! The query targets at a large archive (`--scale N`): N generated articles in NDJSON files of
//! 15,000 articles (~58 MB each, the shape the issue measured at a million), indexed once with
//! entities, then whole-process `morgue search` timings over the bench's 30 queries: top 10,
//! and top 10 with month + person + place + event facets, plus a query that matches nothing
//! (what opening the index costs a process). Each is reported as wall time and as the
//! process's CPU time, which a busy machine disturbs less.
//!
//! The archive and index live in `WORK/scale-SEED-N/` and are reused by later runs.
//! `--scale-minutes M` stops the ingest after M minutes with Ctrl-C's signal: morgue commits
//! what it has, and the timings say how many articles the index holds. `--scale-baseline BIN`
//! also times another `morgue` binary (an older build), alternating with this one query by
//! query, and prints the ratios.

use super::BenchQuery;
use super::corpus::{self, Generator};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const ARTICLES_PER_FILE: usize = 15_000;
const FACETS: [&str; 4] = ["month", "person", "place", "event"];

pub struct Scale {
    pub articles: usize,
    pub minutes: Option<f64>,
    pub baseline: Option<PathBuf>,
    pub rounds: usize,
    /// Merge the index with `morgue index --optimize` before timing queries.
    pub optimize: bool,
}

/// The archive and index at this scale, built when missing; returns the index folder.
pub fn build(work: &Path, seed: u64, repo: &Path, scale: &Scale) -> PathBuf {
    let dir = work.join(format!("scale-{seed}-{}", scale.articles));
    let archive = dir.join("archive");
    if !archive.join(".complete").exists() {
        let _ = std::fs::remove_dir_all(&archive);
        eprintln!(
            "generating {} articles into {}",
            scale.articles,
            archive.display()
        );
        write_ndjson(&archive, seed, repo, scale.articles).unwrap();
        std::fs::write(archive.join(".complete"), "").unwrap();
    }
    let index = dir.join("idx");
    if !dir.join("idx.complete").exists() {
        let _ = std::fs::remove_dir_all(&index);
        eprintln!("indexing {} with entities", archive.display());
        let (secs, status) = ingest(&archive, &index, scale.minutes);
        let mb = corpus::folder_bytes(&archive) as f64 / 1e6;
        let line = format!(
            "ingest: {mb:.0} MB in {secs:.0} s ({:.2} MB/s), exit status {status}\n",
            mb / secs
        );
        eprint!("{line}");
        std::fs::write(dir.join("idx.complete"), line).unwrap();
    }
    if scale.optimize {
        optimize(&archive, &index);
    }
    index
}

/// `morgue index --optimize` over the built index (a run that finds every file unchanged),
/// with its time and peak RSS.
fn optimize(archive: &Path, index: &Path) {
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_morgue"))
        .args(["index", "--optimize", "--json", "--index"])
        .arg(index)
        .arg(archive)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("morgue runs");
    // SAFETY: an all-zero rusage is valid; getrusage fills the struct we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    eprintln!(
        "optimize: {:.1} s, exit status {}, peak RSS of the children so far {} MB",
        start.elapsed().as_secs_f64(),
        status.code().unwrap_or(-1),
        usage.ru_maxrss / 1024
    );
}

fn write_ndjson(dir: &Path, seed: u64, repo: &Path, articles: usize) -> std::io::Result<()> {
    let mut generator = Generator::new(seed, repo)?;
    std::fs::create_dir_all(dir)?;
    for file in 0..articles.div_ceil(ARTICLES_PER_FILE) {
        let path = dir.join(format!("part-{file:04}.ndjson"));
        let mut out = BufWriter::new(std::fs::File::create(path)?);
        let first = file * ARTICLES_PER_FILE;
        for _ in first..(first + ARTICLES_PER_FILE).min(articles) {
            let (title, (y, m, d), source, author, body) = generator.article();
            let date = format!("{y:04}-{m:02}-{d:02}");
            let line = corpus::json_article(&title, &date, &source, &author, &body);
            writeln!(out, "{line}")?;
        }
        out.flush()?;
    }
    Ok(())
}

/// `morgue index` with entities; after `minutes` it gets SIGINT and commits what it has.
fn ingest(archive: &Path, index: &Path, minutes: Option<f64>) -> (f64, i32) {
    let start = Instant::now();
    // Output goes to a file: a pipe nobody reads while we wait could fill and stall the child.
    let summary = std::fs::File::create(index.with_extension("summary.json")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_morgue"))
        .args(["index", "--json", "--index"])
        .arg(index)
        .arg(archive)
        .stdout(summary)
        .spawn()
        .expect("morgue runs");
    let mut interrupted = false;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return (start.elapsed().as_secs_f64(), status.code().unwrap_or(-1));
        }
        if !interrupted && minutes.is_some_and(|m| start.elapsed().as_secs_f64() > m * 60.0) {
            eprintln!("stopping the ingest after {:?}", start.elapsed());
            // SAFETY: signalling our own child, which is still running (not yet reaped).
            unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
            interrupted = true;
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The command-line arguments of one bench query (its filters as flags).
fn search_args(q: &BenchQuery) -> Vec<String> {
    let mut args = Vec::new();
    for (kind, name) in &q.filters.entities {
        args.push(format!("--{}", kind.field_name()));
        args.push(name.clone());
    }
    if let Some(from) = q.filters.from {
        args.push(format!("--from={from}"));
    }
    if let Some(to) = q.filters.to {
        args.push(format!("--to={to}"));
    }
    args.push("--".to_string());
    args.push(q.text.clone());
    args
}

/// CPU time (user + system) of the children this process has reaped so far.
fn children_cpu() -> Duration {
    // SAFETY: an all-zero rusage is valid; getrusage fills the struct we pass.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// Wall time and CPU time of one `morgue search` process (CPU time says more than wall time
/// on a busy machine).
fn time_search(binary: &Path, index: &Path, args: &[String], facets: bool) -> (Duration, Duration) {
    let mut command = Command::new(binary);
    command.args(["search", "--index"]).arg(index);
    if facets {
        for facet in FACETS {
            command.arg(format!("--facet={facet}"));
        }
    }
    let (start, cpu) = (Instant::now(), children_cpu());
    let out = command.args(args).output().unwrap();
    let took = (start.elapsed(), children_cpu() - cpu);
    assert!(
        out.status.success(),
        "{} search {args:?}: {}",
        binary.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    took
}

/// Whole-process timings of every query, `rounds` times, alternating binaries.
pub fn run(index: &Path, queries: &[BenchQuery], scale: &Scale) {
    let articles = morgue::index::MorgueIndex::open(index)
        .unwrap()
        .index
        .reader()
        .unwrap()
        .searcher()
        .num_docs();
    let segments = morgue::index::MorgueIndex::open(index)
        .unwrap()
        .index
        .searchable_segment_ids()
        .unwrap()
        .len();
    let current = PathBuf::from(env!("CARGO_BIN_EXE_morgue"));
    let mut binaries = vec![("this build", current)];
    if let Some(baseline) = &scale.baseline {
        binaries.push(("baseline", baseline.clone()));
    }
    let nothing = BenchQuery {
        text: "zzqxjv".into(),
        filters: Default::default(),
        fts5: false,
    };
    let all: Vec<Vec<String>> = queries.iter().map(search_args).collect();
    let no_match = [search_args(&nothing)];
    let modes: [(&str, &[Vec<String>], bool); 3] = [
        ("no match (open cost)", &no_match, false),
        ("top 10", &all, false),
        ("top 10 + 4 facets", &all, true),
    ];
    // times[mode][binary]
    let mut times = vec![vec![Vec::new(); binaries.len()]; modes.len()];
    let mut cpu = times.clone();
    // A warm-up pass so the page cache holds the index for every binary alike.
    for args in &all {
        time_search(&binaries[0].1, index, args, true);
    }
    for _ in 0..scale.rounds {
        for (m, (_, queries, facets)) in modes.iter().enumerate() {
            for args in queries.iter() {
                for (b, (_, binary)) in binaries.iter().enumerate() {
                    let (wall, used) = time_search(binary, index, args, *facets);
                    times[m][b].push(wall);
                    cpu[m][b].push(used);
                }
            }
        }
    }
    println!(
        "whole-process `morgue search`, {articles} articles in {segments} segments, {} queries x {} rounds\n",
        queries.len(),
        scale.rounds
    );
    let ratio_header = if binaries.len() > 1 {
        " p50 ratio |"
    } else {
        ""
    };
    let columns = binaries.len() + 1 + usize::from(binaries.len() > 1);
    for (what, times) in [("wall", &mut times), ("CPU (user + system)", &mut cpu)] {
        print!("| {what} |");
        for (name, _) in &binaries {
            print!(" {name} p50 / p95 ms |");
        }
        println!("{ratio_header}");
        println!("|{}", " --- |".repeat(columns));
        for (m, (name, _, _)) in modes.iter().enumerate() {
            print!("| {name} |");
            let mut p50s = Vec::new();
            for binary_times in &mut times[m] {
                let p50 = super::percentile(binary_times, 0.5);
                let p95 = super::percentile(binary_times, 0.95);
                print!(" {p50:.1} / {p95:.1} |");
                p50s.push(p50);
            }
            if binaries.len() > 1 {
                print!(" {:.2}x |", p50s[1] / p50s[0]);
            }
            println!();
        }
        println!();
    }
}
