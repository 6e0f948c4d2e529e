//! `cargo bench --bench export -- [OPTIONS]`: does `morgue export` stay in flat memory?
//!
//! Indexes two generated archives, one ten times the other (the generator of the `morgue`
//! bench, same seed, same folders), exports each whole in every format, and reports time,
//! throughput, peak resident memory (which counts the index pages the kernel maps in and can
//! drop) and peak anonymous memory (the heap the export itself holds), with the large/small
//! ratio measured in the same run: flat memory means a heap ratio near 1, not near 10.
//!
//! Options:
//!   --articles N   size of the large archive (default 20000; the small one is N/10)
//!   --seed S       generator seed (default 42)
//!   --work DIR     where archives, indexes and exports go (default target/bench)

#[path = "../morgue/corpus.rs"]
mod corpus;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

const FORMATS: [&str; 4] = ["ndjson", "csv", "quickwit", "bulk"];

struct Run {
    secs: f64,
    bytes: u64,
    peak_rss_kb: u64,
    peak_heap_kb: u64,
}

fn main() {
    let mut articles = 20_000usize;
    let mut seed = 42u64;
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut work = repo.join("target/bench");
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().expect("a value after the option");
        match arg.as_str() {
            "--articles" => articles = value().parse().expect("a number of articles"),
            "--seed" => seed = value().parse().expect("a seed"),
            "--work" => work = PathBuf::from(value()),
            "--bench" => {}
            other => panic!("unknown option {other}"),
        }
    }
    std::fs::create_dir_all(&work).unwrap();
    let sizes = [articles / 10, articles];
    let mut runs: Vec<(usize, &str, Run)> = Vec::new();
    for n in sizes {
        let archive = generated(&repo, &work, seed, n);
        let index = work.join(format!("export-idx-{seed}-{n}"));
        if !index.join(".complete").exists() {
            let _ = std::fs::remove_dir_all(&index);
            eprintln!("indexing {n} articles");
            let status = Command::new(env!("CARGO_BIN_EXE_morgue"))
                .args(["index", "--json", "--index"])
                .arg(&index)
                .arg(&archive)
                .stdout(std::process::Stdio::null())
                .status()
                .unwrap();
            assert!(status.code() == Some(0), "morgue index failed");
            std::fs::write(index.join(".complete"), "").unwrap();
        }
        for format in FORMATS {
            let out = work.join(format!("export-out-{n}-{format}"));
            let _ = std::fs::remove_dir_all(&out);
            let _ = std::fs::remove_file(&out);
            runs.push((n, format, export(&index, format, &out)));
        }
    }
    println!("| format | articles | seconds | MB/s written | peak RSS MB | peak heap MB |");
    println!("| --- | ---: | ---: | ---: | ---: | ---: |");
    for (n, format, run) in &runs {
        println!(
            "| {format} | {n} | {:.2} | {:.1} | {:.1} | {:.1} |",
            run.secs,
            run.bytes as f64 / 1e6 / run.secs,
            run.peak_rss_kb as f64 / 1024.0,
            run.peak_heap_kb as f64 / 1024.0
        );
    }
    println!(
        "\nlarge/small ({}x the articles):",
        sizes[1] / sizes[0].max(1)
    );
    for format in FORMATS {
        let of = |n| {
            runs.iter()
                .find(|r| r.0 == n && r.1 == format)
                .map(|r| &r.2)
        };
        if let (Some(small), Some(large)) = (of(sizes[0]), of(sizes[1])) {
            println!(
                "- {format}: heap {:.2}x, RSS {:.2}x, time {:.1}x",
                large.peak_heap_kb as f64 / small.peak_heap_kb.max(1) as f64,
                large.peak_rss_kb as f64 / small.peak_rss_kb.max(1) as f64,
                large.secs / small.secs
            );
        }
    }
}

/// A generated archive of `n` articles, shared with the `morgue` bench (same folder name).
fn generated(repo: &Path, work: &Path, seed: u64, n: usize) -> PathBuf {
    let dir = work.join(format!("archive-{seed}-{n}"));
    if !dir.join(".complete").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        eprintln!("generating {n} articles into {}", dir.display());
        let mut generator = corpus::Generator::new(seed, repo).unwrap();
        generator.write_archive(&dir, n).unwrap();
        std::fs::write(dir.join(".complete"), "").unwrap();
    }
    dir
}

/// Runs one whole-archive export, sampling the child's anonymous memory while it runs.
// The child is reaped by `wait4` (which also reports its peak memory), not `Child::wait`.
#[allow(clippy::zombie_processes)]
fn export(index: &Path, format: &str, out: &Path) -> Run {
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_morgue"))
        .args(["export", "--format", format, "--index"])
        .arg(index)
        .arg("--out")
        .arg(out)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("morgue runs");
    let pid = child.id();
    let (done, heap) = (
        Arc::new(AtomicBool::new(false)),
        Arc::new(AtomicU64::new(0)),
    );
    let sampler = {
        let (done, heap) = (Arc::clone(&done), Arc::clone(&heap));
        std::thread::spawn(move || {
            let status = format!("/proc/{pid}/status");
            while !done.load(Ordering::Relaxed) {
                if let Some(kb) = std::fs::read_to_string(&status)
                    .ok()
                    .and_then(|s| field_kb(&s, "RssAnon:"))
                {
                    heap.fetch_max(kb, Ordering::Relaxed);
                }
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
        })
    };
    let (status, peak_rss_kb) = wait_with_rss(pid);
    done.store(true, Ordering::Relaxed);
    sampler.join().unwrap();
    drop(child);
    assert!(status == 0, "morgue export --format {format} failed");
    Run {
        secs: start.elapsed().as_secs_f64(),
        bytes: size_of(out),
        peak_rss_kb,
        peak_heap_kb: heap.load(Ordering::Relaxed),
    }
}

fn field_kb(status: &str, name: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with(name))?;
    line[name.len()..].split_whitespace().next()?.parse().ok()
}

/// Bytes written: the file, or the files of the folder.
fn size_of(path: &Path) -> u64 {
    if path.is_dir() {
        corpus::folder_bytes(path)
    } else {
        std::fs::metadata(path).map_or(0, |m| m.len())
    }
}

/// Waits for a child and returns its exit status and peak resident set size (KB).
fn wait_with_rss(pid: u32) -> (i32, u64) {
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on our own child; both out-pointers are valid for the call.
    unsafe { libc::wait4(pid as i32, &mut status, 0, &mut usage) };
    (libc::WEXITSTATUS(status), usage.ru_maxrss as u64)
}
