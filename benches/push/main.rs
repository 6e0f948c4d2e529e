//! `cargo bench --bench push -- --index DIR [--rounds R]`: how fast `morgue push` sends an
//! index and how much memory it holds, against `morgue export --format quickwit` of the same
//! index in the same run (the same documents written to a file: the cost of reading and
//! serialising them), alternated, best of R rounds.
//!
//! The cluster is a sink on loopback that reads each `_bulk` body and accepts it at once, so
//! the figures are morgue's side of a push; a real node adds its own indexing time. The index
//! folder's push record is removed before each round, so every round is a first push.

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

fn main() {
    let mut index: Option<PathBuf> = None;
    let mut rounds = 2;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--index" => index = args.next().map(PathBuf::from),
            "--rounds" => rounds = args.next().and_then(|r| r.parse().ok()).unwrap_or(2),
            _ => {}
        }
    }
    let Some(index) = index else {
        eprintln!("usage: cargo bench --bench push -- --index DIR [--rounds R]");
        return;
    };
    let sink = start_sink();
    let out = std::env::temp_dir().join(format!("morgue-push-bench-{}", std::process::id()));
    let (mut push_best, mut export_best) = ((f64::MAX, 0u64, 0u64), (f64::MAX, 0u64));
    for _ in 0..rounds {
        let _ = std::fs::remove_dir_all(index.join("push"));
        let (secs, rss, summary) = timed(&[
            "push",
            &sink,
            "--json",
            "--index",
            &index.display().to_string(),
        ]);
        let summary: Value = serde_json::from_slice(&summary).expect("push --json");
        let bytes = summary["bytes_sent"].as_u64().unwrap_or(0);
        if secs < push_best.0 {
            push_best = (secs, rss, bytes);
        }
        let _ = std::fs::remove_dir_all(&out);
        let (secs, rss, _) = timed(&[
            "export",
            "--format",
            "quickwit",
            "--out",
            &out.display().to_string(),
            "--index",
            &index.display().to_string(),
        ]);
        if secs < export_best.0 {
            export_best = (secs, rss);
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    let mb = push_best.2 as f64 / 1e6;
    println!("| measure | push to a loopback sink | export --format quickwit | ratio |");
    println!("| --- | --- | --- | --- |");
    println!(
        "| seconds | {:.2} | {:.2} | {:.2}x |",
        push_best.0,
        export_best.0,
        export_best.0 / push_best.0
    );
    println!(
        "| MB/s of documents | {:.1} | {:.1} | |",
        mb / push_best.0,
        mb / export_best.0
    );
    println!(
        "| peak RSS (MB) | {} | {} | |",
        push_best.1 / 1024,
        export_best.1 / 1024
    );
    println!("\n{mb:.0} MB of documents, best of {rounds} alternated rounds");
}

/// Runs morgue with `args`, returning seconds, peak RSS (KB) and standard output.
#[allow(clippy::zombie_processes)] // waited for with wait4, which also gives the peak RSS
fn timed(args: &[&str]) -> (f64, u64, Vec<u8>) {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_morgue"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("morgue runs");
    let mut stdout = Vec::new();
    if let Some(mut pipe) = child.stdout.take() {
        let _ = pipe.read_to_end(&mut stdout);
    }
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: wait4 on our own child; both out-pointers are valid for the call.
    unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert!(libc::WEXITSTATUS(status) == 0, "morgue {args:?} failed");
    (
        start.elapsed().as_secs_f64(),
        usage.ru_maxrss as u64,
        stdout,
    )
}

/// A Quickwit-shaped sink on loopback: version, index lookup (present, empty), and `_bulk`
/// bodies read and accepted.
fn start_sink() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || serve(stream));
        }
    });
    url
}

fn serve(stream: TcpStream) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut writer = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
        let mut length = 0usize;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header).unwrap_or(0) == 0 {
                return;
            }
            if header.trim().is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let answer = if path.contains("_search") {
            r#"{"hits":{"total":{"value":0},"hits":[]}}"#
        } else if path.contains("_bulk") {
            r#"{"errors":false,"items":[]}"#
        } else {
            r#"{"index_id":"morgue"}"#
        };
        let _ = write!(
            writer,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{answer}",
            answer.len()
        );
        let _ = writer.flush();
    }
}
