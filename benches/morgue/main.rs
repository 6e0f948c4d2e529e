//! `cargo bench --bench morgue -- [OPTIONS]`: ingest and query benchmarks, with SQLite FTS5
//! (python3's sqlite3) as the baseline measured in the same run, alternating with morgue.
//!
//! Options:
//!   --articles N        size of the generated archive (default 20000)
//!   --corpus DIR        benchmark a real folder instead of a generated one
//!   --rounds R          ingest rounds per engine, alternated; the best is kept (default 2;
//!                       0 reuses the indexes of the previous run and only times queries)
//!   --rss-sizes A,B,..  also index generated archives of these sizes and report peak RSS
//!   --seed S            generator seed (default 42)
//!   --work DIR          where archives and indexes go (default target/bench)
//!   --detail            also print each query's median time (stderr)
//!   --queries-only      only time in-process queries (with --rounds 0: for profiling)
//!   --streams MB        only the streamed formats: one NDJSON file, one WARC.gz of HTML
//!                       pages and the same pages as a folder, each about MB megabytes of
//!                       articles; prints time, MB/s and peak RSS of each, with ratios
//!                       against the folder (see streams.rs)
//!   --streams-flag F    pass F to those `morgue index` runs (repeatable: --no-entities)
//!   --scale N           only whole-process query timings at N articles (see scale.rs), with
//!   --scale-minutes M   stop its one-time ingest after M minutes (keeps what was committed)
//!   --scale-baseline B  also time the `morgue` binary B, alternated, with ratios
//!   --scale-rounds R    rounds over the 30 queries (default 3)
//!   --scale-optimize    first merge the index with `morgue index --optimize` (timed once)
//!   --shapes A,B,..     only ingest, per archive shape (wire-ndjson, wire-folder, mixed; `all`):
//!                       FTS5 and morgue with entities off and on, alternated, --articles
//!                       each: MB/s, MB per CPU-second, peak RSS, index size (see shapes.rs)
//!   --streams-rounds N  index each streamed input N times, alternating; median (default 3)
//!   --streams-inputs L  only these of folder,warc,ndjson (e.g. warc,ndjson at 2000 MB)
//!
//! Prints a markdown table of figures and ratios against the baseline.

mod corpus;
mod scale;
mod shapes;
mod streams;

use morgue::article::EntityKind;
use morgue::enrich::gazetteer::Gazetteer;
use morgue::index::MorgueIndex;
use morgue::search::facets::FacetKind;
use morgue::search::query::{Filters, MatchMode};
use morgue::search::{SearchRequest, SortOrder, search};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

struct Options {
    articles: usize,
    corpus: Option<PathBuf>,
    rounds: usize,
    rss_sizes: Vec<usize>,
    seed: u64,
    work: PathBuf,
    /// Print each query's median time per mode (which queries dominate p50).
    detail: bool,
    /// Skip the FTS5 queries, whole-process timing and the tagger (profiling runs).
    queries_only: bool,
    /// Only the streamed-formats bench (`streams`), at about this many MB per input.
    streams_mb: Option<u64>,
    /// Extra flags for the streamed-formats runs (`--no-entities`).
    streams_flags: Vec<String>,
    /// Only the whole-process query timings at this scale (`scale`).
    scale: scale::Scale,
    /// Only the archive-shapes ingest bench (`shapes`), over these shapes.
    shapes: Vec<String>,
    /// Alternated rounds of the streamed-formats runs, and which inputs (see streams.rs).
    streams_rounds: usize,
    streams_inputs: Vec<String>,
}

fn options() -> Options {
    let mut o = Options {
        articles: 20_000,
        corpus: None,
        rounds: 2,
        rss_sizes: Vec::new(),
        seed: 42,
        work: repo().join("target/bench"),
        detail: false,
        queries_only: false,
        streams_mb: None,
        streams_flags: Vec::new(),
        scale: scale::Scale {
            articles: 0,
            minutes: None,
            baseline: None,
            rounds: 3,
            optimize: false,
        },
        shapes: Vec::new(),
        streams_rounds: 3,
        streams_inputs: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().expect("flag needs a value");
        match arg.as_str() {
            "--articles" => o.articles = value().parse().expect("--articles N"),
            "--corpus" => o.corpus = Some(PathBuf::from(value())),
            "--rounds" => o.rounds = value().parse().expect("--rounds R"),
            "--rss-sizes" => {
                o.rss_sizes = value()
                    .split(',')
                    .map(|n| n.parse().expect("sizes"))
                    .collect()
            }
            "--seed" => o.seed = value().parse().expect("--seed S"),
            "--work" => o.work = PathBuf::from(value()),
            "--detail" => o.detail = true,
            "--queries-only" => o.queries_only = true,
            "--streams" => o.streams_mb = Some(value().parse().expect("--streams MB")),
            "--streams-flag" => o.streams_flags.push(value()),
            "--scale" => o.scale.articles = value().parse().expect("--scale N"),
            "--scale-minutes" => o.scale.minutes = Some(value().parse().expect("minutes")),
            "--scale-baseline" => o.scale.baseline = Some(PathBuf::from(value())),
            "--scale-rounds" => o.scale.rounds = value().parse().expect("rounds"),
            "--scale-optimize" => o.scale.optimize = true,
            "--shapes" => {
                o.shapes = match value().as_str() {
                    "all" => shapes::ALL.map(String::from).to_vec(),
                    list => list.split(',').map(String::from).collect(),
                }
            }
            "--streams-rounds" => o.streams_rounds = value().parse().expect("--streams-rounds N"),
            "--streams-inputs" => o.streams_inputs = value().split(',').map(String::from).collect(),
            "--bench" => {} // cargo passes this
            other => panic!("unknown option {other}"),
        }
    }
    o
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn main() {
    let o = options();
    std::fs::create_dir_all(&o.work).unwrap();
    if let Some(mb) = o.streams_mb {
        let flags: Vec<&str> = o.streams_flags.iter().map(String::as_str).collect();
        let plan = streams::Plan {
            mb,
            flags: &flags,
            rounds: o.streams_rounds,
            inputs: &o.streams_inputs,
        };
        streams::run(&o.work, o.seed, &repo(), &plan, morgue_index);
        return;
    }
    if o.scale.articles > 0 {
        let index = scale::build(&o.work, o.seed, &repo(), &o.scale);
        let queries = query_set(&MorgueIndex::open(&index).unwrap());
        scale::run(&index, &queries, &o.scale);
        return;
    }
    if !o.shapes.is_empty() {
        shapes::run(&o, &o.shapes);
        return;
    }
    let archive = match &o.corpus {
        Some(dir) => dir.clone(),
        None => generated(&o, o.articles),
    };
    let bytes = corpus::folder_bytes(&archive);
    let mb = bytes as f64 / 1e6;
    println!("archive: {} ({mb:.1} MB)\n", archive.display());

    // Ingest, alternating engines so machine noise hits all of them alike.
    let (mut fts5, mut plain, mut full) = (f64::MAX, (f64::MAX, 0), (f64::MAX, 0));
    let (mut fts5_articles, mut articles) = (0, 0);
    for round in 0..o.rounds {
        eprintln!("ingest round {}/{}", round + 1, o.rounds);
        let run = fts5_index(&archive, &o.work.join("fts5.db"));
        fts5 = fts5.min(run["secs"].as_f64().unwrap());
        fts5_articles = run["articles"].as_u64().unwrap();
        let (secs, rss, _) = morgue_index(&archive, &o.work.join("idx-plain"), &["--no-entities"]);
        plain = min_run(plain, (secs, rss));
        let (secs, rss, n) = morgue_index(&archive, &o.work.join("idx"), &[]);
        full = min_run(full, (secs, rss));
        articles = n;
    }
    let index_bytes = corpus::folder_bytes(&o.work.join("idx"));
    if o.rounds == 0 {
        articles = MorgueIndex::open(&o.work.join("idx"))
            .unwrap()
            .index
            .reader()
            .unwrap()
            .searcher()
            .num_docs();
    }

    // Queries, in process, warm.
    let index = MorgueIndex::open(&o.work.join("idx")).unwrap();
    let gazetteer = Gazetteer::builtin();
    let queries = query_set(&index);
    std::fs::write(
        o.work.join("queries.txt"),
        queries
            .iter()
            .filter(|q| q.fts5)
            .map(|q| q.text.clone() + "\n")
            .collect::<String>(),
    )
    .unwrap();
    let time_queries = |snippets: bool, facets: &[FacetKind], sort: SortOrder| -> (f64, f64) {
        let mut times = Vec::new();
        let mut per_query = vec![Vec::new(); queries.len()];
        for round in 0..6 {
            for (i, q) in queries.iter().enumerate() {
                let request = q.request(snippets, facets.to_vec(), sort);
                let start = Instant::now();
                let results = search(&index, &gazetteer, &request).unwrap();
                std::hint::black_box(results);
                if round > 0 {
                    times.push(start.elapsed());
                    per_query[i].push(start.elapsed());
                }
            }
        }
        if o.detail {
            eprintln!(
                "\nper query p50 (snippets {snippets}, {} facets, sort {sort:?}):",
                facets.len()
            );
            for (q, times) in queries.iter().zip(&mut per_query) {
                eprintln!(
                    "{:>9.3} ms  {:?} {:?}",
                    percentile(times, 0.5),
                    q.text,
                    q.filters
                );
            }
        }
        (percentile(&mut times, 0.5), percentile(&mut times, 0.95))
    };
    let bare = time_queries(false, &[], SortOrder::Relevance);
    let snippets = time_queries(true, &[], SortOrder::Relevance);
    let newest = time_queries(false, &[], SortOrder::DateDesc);
    let facet_kinds: Vec<FacetKind> = [FacetKind::Month]
        .into_iter()
        .chain([EntityKind::Person, EntityKind::Place, EntityKind::Event].map(FacetKind::Entity))
        .collect();
    let faceted = time_queries(false, &facet_kinds, SortOrder::Relevance);
    // --queries-only: in-process query timings alone (for profiling); the rest shows NaN.
    let (fts5_q, process, (tokens_per_sec, tagger_mb_per_sec)) = if o.queries_only {
        (Value::Null, f64::NAN, (f64::NAN, f64::NAN))
    } else {
        (
            fts5_query(&o.work.join("fts5.db"), &o.work.join("queries.txt")),
            process_time(&o.work.join("idx"), &queries),
            tagger_speed(&archive),
        )
    };

    println!("| measure | morgue | SQLite FTS5 | ratio |");
    println!("| --- | --- | --- | --- |");
    let row = |name: &str, ours: String, theirs: String, ratio: String| {
        println!("| {name} | {ours} | {theirs} | {ratio} |")
    };
    row(
        "ingest MB/s, entities off",
        format!("{:.1}", mb / plain.0),
        format!("{:.1}", mb / fts5),
        format!("{:.2}x", fts5 / plain.0),
    );
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    row(
        "ingest MB/s, entities on",
        format!(
            "{:.1} ({:.1}/core)",
            mb / full.0,
            mb / full.0 / cores as f64
        ),
        format!("{:.1}", mb / fts5),
        format!("{:.2}x", fts5 / full.0),
    );
    row(
        "entity tagger alone, 1 thread",
        format!(
            "{:.0}k tokens/s, {tagger_mb_per_sec:.1} MB/s",
            tokens_per_sec / 1000.0
        ),
        "-".into(),
        String::new(),
    );
    row(
        "articles indexed",
        articles.to_string(),
        fts5_articles.to_string(),
        String::new(),
    );
    row(
        "peak RSS while indexing (MB), entities off / on",
        format!("{} / {}", plain.1 / 1024, full.1 / 1024),
        "-".into(),
        String::new(),
    );
    let ms = |d: f64| format!("{d:.2} ms");
    let fts = |k: &str| fts5_q[k].as_f64().unwrap_or(f64::NAN);
    let versus_fts = |label: &str, ours: f64, key: &str| {
        row(
            label,
            ms(ours),
            ms(fts(key)),
            format!("{:.2}x", fts(key) / ours),
        );
    };
    versus_fts("query p50, top-10", bare.0, "p50_ms");
    versus_fts("query p95, top-10", bare.1, "p95_ms");
    versus_fts("query p50, top-10 + snippets", snippets.0, "snippet_p50_ms");
    row(
        "query p50 / p95, top-10 newest first",
        format!("{} / {}", ms(newest.0), ms(newest.1)),
        "-".into(),
        String::new(),
    );
    row(
        "query p50, month+person+place+event facets",
        ms(faceted.0),
        "-".into(),
        String::new(),
    );
    row(
        "query p95, facets",
        ms(faceted.1),
        "-".into(),
        String::new(),
    );
    row(
        "`morgue search` whole process p50",
        ms(process),
        "-".into(),
        String::new(),
    );
    row(
        "index size",
        format!(
            "{:.0} B/article, {:.0}% of input",
            index_bytes as f64 / articles.max(1) as f64,
            100.0 * index_bytes as f64 / bytes as f64
        ),
        "-".into(),
        String::new(),
    );
    println!(
        "\n{} queries ({} shared with FTS5), 5 warm rounds; ingest best of {} rounds; {cores} cores.",
        queries.len(),
        queries.iter().filter(|q| q.fts5).count(),
        o.rounds
    );

    if !o.rss_sizes.is_empty() {
        println!("\n| articles | MB of input | ingest s | MB/s | peak RSS MB |");
        println!("| --- | --- | --- | --- | --- |");
        for &n in &o.rss_sizes {
            let dir = generated(&o, n);
            let mb = corpus::folder_bytes(&dir) as f64 / 1e6;
            let (secs, rss, _) = morgue_index(&dir, &o.work.join(format!("idx-{n}")), &[]);
            println!(
                "| {n} | {mb:.0} | {secs:.1} | {:.1} | {} |",
                mb / secs,
                rss / 1024
            );
            let _ = std::fs::remove_dir_all(o.work.join(format!("idx-{n}")));
        }
    }
}

fn min_run(best: (f64, u64), run: (f64, u64)) -> (f64, u64) {
    if run.0 < best.0 { run } else { best }
}

/// A generated archive of `n` articles, reused across runs with the same seed.
fn generated(o: &Options, n: usize) -> PathBuf {
    let dir = o.work.join(format!("archive-{}-{n}", o.seed));
    if !dir.join(".complete").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        eprintln!("generating {n} articles into {}", dir.display());
        let mut generator = corpus::Generator::new(o.seed, &repo()).unwrap();
        generator.write_archive(&dir, n).unwrap();
        std::fs::write(dir.join(".complete"), "").unwrap();
    }
    dir
}

/// Runs `morgue index` on a fresh index; returns (seconds, peak RSS in KB, articles).
fn morgue_index(archive: &Path, index: &Path, extra: &[&str]) -> (f64, u64, u64) {
    let run = measure_morgue(archive, index, extra);
    (run.secs, run.rss_kb, run.articles)
}

/// What one ingest run cost, measured from outside the child.
#[derive(Debug, Clone)]
struct Measured {
    secs: f64,
    /// User + system CPU time of the child (its threads included).
    cpu_secs: f64,
    rss_kb: u64,
    articles: u64,
    index_bytes: u64,
}

/// Runs `morgue index` on a fresh index and measures it.
fn measure_morgue(archive: &Path, index: &Path, extra: &[&str]) -> Measured {
    let _ = std::fs::remove_dir_all(index);
    let mut command = Command::new(env!("CARGO_BIN_EXE_morgue"));
    command
        .arg("index")
        .arg("--json")
        .args(extra)
        .arg("--index")
        .arg(index)
        .arg(archive);
    let (summary, mut run) = measured_child(command, &index.with_extension("summary.json"));
    run.articles = summary["articles_in_index"].as_u64().unwrap();
    run.index_bytes = corpus::folder_bytes(index);
    run
}

/// Runs the FTS5 baseline's ingest into a fresh database and measures it.
fn measure_fts5(archive: &Path, db: &Path) -> Measured {
    let mut command = Command::new("python3");
    command
        .arg(repo().join("benches/fts5_baseline.py"))
        .arg("index")
        .arg(archive)
        .arg(db);
    let (summary, mut run) = measured_child(command, &db.with_extension("summary.json"));
    run.articles = summary["articles"].as_u64().unwrap();
    run.index_bytes = std::fs::metadata(db).map_or(0, |m| m.len());
    run
}

/// Runs `command` with its standard output in the file `out` (a pipe nobody reads while we
/// wait could fill and stall the child), reaps it with `wait4` for its CPU time and peak
/// memory, and returns its output as JSON.
// The child is reaped by `wait4`, not `Child::wait`.
#[allow(clippy::zombie_processes)]
fn measured_child(mut command: Command, out: &Path) -> (Value, Measured) {
    let file = std::fs::File::create(out).unwrap();
    let start = Instant::now();
    let child = command.stdout(file).spawn().expect("child runs");
    let (status, usage) = wait_with_usage(child.id());
    let secs = start.elapsed().as_secs_f64();
    assert!(status == 0, "{command:?} failed");
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let run = Measured {
        secs,
        cpu_secs: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        rss_kb: usage.ru_maxrss as u64,
        articles: 0,
        index_bytes: 0,
    };
    (
        serde_json::from_slice(&std::fs::read(out).unwrap()).unwrap(),
        run,
    )
}

/// Waits for a child and returns its exit status and resource usage (peak RSS in KB).
fn wait_with_usage(pid: u32) -> (i32, libc::rusage) {
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on our own child; both out-pointers are valid for the call.
    unsafe { libc::wait4(pid as i32, &mut status, 0, &mut usage) };
    (libc::WEXITSTATUS(status), usage)
}

fn fts5_index(archive: &Path, db: &Path) -> Value {
    python(&[
        "index",
        &archive.display().to_string(),
        &db.display().to_string(),
    ])
}

fn fts5_query(db: &Path, queries: &Path) -> Value {
    python(&[
        "query",
        &db.display().to_string(),
        &queries.display().to_string(),
        "6",
    ])
}

fn python(args: &[&str]) -> Value {
    let out = Command::new("python3")
        .arg(repo().join("benches/fts5_baseline.py"))
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

struct BenchQuery {
    text: String,
    filters: Filters,
    /// Also valid FTS5 syntax with the same meaning (no entity or date filters).
    fts5: bool,
}

impl BenchQuery {
    fn request(&self, snippets: bool, facets: Vec<FacetKind>, sort: SortOrder) -> SearchRequest {
        SearchRequest {
            query: self.text.clone(),
            filters: self.filters.clone(),
            sort,
            limit: 10,
            offset: 0,
            facets,
            facet_limit: 10,
            snippets,
            fold_copies: true,
            matching: MatchMode::default(),
            explain: false,
        }
    }
}

/// A fixed query set: single words of several frequencies, AND pairs, phrases, names, and
/// date-filtered queries, drawn from the index's own top entities so they match.
fn query_set(index: &MorgueIndex) -> Vec<BenchQuery> {
    let text = |t: &str| BenchQuery {
        text: t.to_string(),
        filters: Filters::default(),
        fts5: true,
    };
    let mut queries: Vec<BenchQuery> = [
        "the",
        "government",
        "minister",
        "election",
        "economy",
        "summit",
        "talks",
        "market",
        "council",
        "report",
    ]
    .iter()
    .map(|w| text(w))
    .collect();
    for q in [
        "government AND minister",
        "economy AND market",
        "talks AND summit",
        "council AND report",
        "\"prime minister\"",
        "\"foreign minister\"",
        "\"the government\"",
        "\"united states\"",
    ] {
        queries.push(text(q));
    }
    let people = morgue::stats::list_entities(index, &[EntityKind::Person], 5).unwrap();
    for person in people {
        queries.push(text(&format!("\"{}\"", person.name.to_lowercase())));
        queries.push(BenchQuery {
            text: String::new(),
            filters: Filters {
                entities: vec![(EntityKind::Person, person.name.clone())],
                ..Filters::default()
            },
            fts5: false,
        });
    }
    for (from, to) in [
        ((1990, 1, 1), (1999, 12, 31)),
        ((2020, 3, 1), (2020, 3, 31)),
    ] {
        queries.push(BenchQuery {
            text: "government".into(),
            filters: Filters {
                from: Some(jiff::civil::date(from.0, from.1, from.2)),
                to: Some(jiff::civil::date(to.0, to.1, to.2)),
                ..Filters::default()
            },
            fts5: false,
        });
    }
    queries
}

/// Median wall time of the whole `morgue search` process (start, open, search, print).
fn process_time(index: &Path, queries: &[BenchQuery]) -> f64 {
    let mut times = Vec::new();
    for q in queries.iter().filter(|q| q.fts5).cycle().take(30) {
        let start = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_morgue"))
            .args(["search", "--index"])
            .arg(index)
            .arg(&q.text)
            .output()
            .unwrap();
        assert!(out.status.success());
        times.push(start.elapsed());
    }
    percentile(&mut times, 0.5)
}

fn percentile(times: &mut [Duration], p: f64) -> f64 {
    times.sort();
    let i = ((times.len() as f64 * p) as usize).min(times.len() - 1);
    times[i].as_secs_f64() * 1000.0
}

/// Tokenizer + tagger throughput on one thread, over up to 8 MB of the archive's text files.
fn tagger_speed(archive: &Path) -> (f64, f64) {
    let mut texts = Vec::new();
    let mut total = 0;
    let mut stack = vec![archive.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if total < 8_000_000
                && path.extension().is_some_and(|e| e == "txt")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                total += text.len();
                texts.push(text);
            }
        }
    }
    let tagger = morgue::enrich::ner::Tagger::builtin();
    let start = Instant::now();
    let mut tokens = 0;
    for text in &texts {
        let sentences = morgue::enrich::ner::tokenize(text);
        let words: Vec<Vec<&str>> = sentences
            .iter()
            .map(|s| s.iter().map(|t| t.text).collect())
            .collect();
        tokens += words.iter().map(Vec::len).sum::<usize>();
        std::hint::black_box(tagger.tag_document(&words));
    }
    let secs = start.elapsed().as_secs_f64();
    (tokens as f64 / secs, total as f64 / 1e6 / secs)
}
