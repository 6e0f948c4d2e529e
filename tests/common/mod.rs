//! Helpers shared by the end-to-end tests: a temporary archive and index, and a way to run
//! the real `morgue` binary against them.
#![allow(dead_code)]

pub mod server;

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A scratch folder holding an archive (`archive/`) and an index (`index/`).
pub struct Scratch {
    pub dir: TempDir,
}

impl Scratch {
    pub fn new() -> Scratch {
        Scratch {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A scratch archive holding these files: (path under the archive, contents).
    pub fn with_files(files: &[(&str, &str)]) -> Scratch {
        let s = Scratch::new();
        for (path, contents) in files {
            s.write(path, contents);
        }
        s
    }

    pub fn archive(&self) -> PathBuf {
        self.dir.path().join("archive")
    }

    pub fn index_dir(&self) -> PathBuf {
        self.dir.path().join("index")
    }

    /// Writes a file under the archive, creating folders as needed.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.archive().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, contents).unwrap();
        path
    }

    /// A `morgue` command using this scratch index, run from the scratch folder.
    pub fn morgue(&self) -> Command {
        let mut cmd = Command::cargo_bin("morgue").expect("binary built");
        cmd.env("MORGUE_INDEX", self.index_dir())
            .env_remove("MORGUE_GAZETTEER")
            .env("NO_COLOR", "1")
            .current_dir(self.dir.path());
        cmd
    }

    /// Runs `morgue index --json <archive>` and returns the summary.
    pub fn index(&self) -> Value {
        self.index_paths(&[self.archive()])
    }

    /// Runs `morgue index --json FLAGS... <archive>` and returns the summary.
    pub fn index_with(&self, flags: &[&str]) -> Value {
        self.index_run(flags, &[self.archive()])
    }

    pub fn index_paths(&self, paths: &[PathBuf]) -> Value {
        self.index_run(&[], paths)
    }

    /// Runs an index pass and checks its exit status says what its summary says: 0 when
    /// everything was indexed, 3 when some file or record could not be.
    fn index_run(&self, flags: &[&str], paths: &[PathBuf]) -> Value {
        let output = self
            .morgue()
            .arg("index")
            .arg("--json")
            .args(flags)
            .args(paths)
            .output()
            .expect("morgue runs");
        let summary: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "index --json prints JSON ({e}); stderr: {}",
                String::from_utf8_lossy(&output.stderr)
            )
        });
        let partial = skipped_total(&summary) > 0 || summary["bad_records"].as_u64() != Some(0);
        let expected = if partial { 3 } else { 0 };
        assert_eq!(
            output.status.code(),
            Some(expected),
            "exit status of a {} run; stderr: {}",
            if partial { "partial" } else { "complete" },
            String::from_utf8_lossy(&output.stderr)
        );
        summary
    }

    /// Runs `morgue check --json` (index against manifest) and returns its report, whatever
    /// its exit status.
    pub fn check(&self) -> Value {
        let out = self.morgue().args(["check", "--json"]).output().unwrap();
        serde_json::from_slice(&out.stdout).expect("check --json prints JSON")
    }

    /// Runs `morgue ARGS...`, which must succeed, and returns what it printed.
    pub fn stdout(&self, args: &[&str]) -> String {
        let out = self
            .morgue()
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).expect("morgue prints UTF-8")
    }

    /// Runs `morgue search --json` with extra arguments and returns the result object.
    pub fn search(&self, args: &[&str]) -> Value {
        let args: Vec<&str> = ["search", "--json"].iter().chain(args).copied().collect();
        serde_json::from_str(&self.stdout(&args)).expect("search --json prints JSON")
    }
}

/// Titles of the hits of a search result, in rank order.
pub fn titles(result: &Value) -> Vec<String> {
    result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap().to_string())
        .collect()
}

pub fn total(result: &Value) -> u64 {
    result["total"].as_u64().unwrap()
}

/// `{value: count}` of one facet in a search result.
pub fn facet(result: &Value, name: &str) -> Vec<(String, u64)> {
    result["facets"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("facet {name} missing"))["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["value"].as_str().unwrap().to_string(),
                v["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The path of the repository's sample corpus.
pub fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_corpus")
}

/// The problem (skip, bad record, warning) reported for the file whose path ends so.
pub fn problem_for<'a>(summary: &'a Value, file_name: &str) -> &'a Value {
    summary["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["path"].as_str().unwrap().ends_with(file_name))
        .unwrap_or_else(|| panic!("no problem reported for {file_name}: {summary:#}"))
}

/// Sum of the per-reason skip counts of an index summary.
pub fn skipped_total(summary: &Value) -> u64 {
    summary["skipped"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_u64().unwrap())
        .sum()
}

/// Asserts the invariant every run must keep: each file seen is counted exactly once.
pub fn assert_counts_add_up(summary: &Value) {
    let n = |k: &str| summary[k].as_u64().unwrap();
    assert_eq!(
        n("files_seen"),
        n("indexed_new")
            + n("indexed_updated")
            + n("unchanged")
            + skipped_total(summary)
            + n("ignored")
            + n("pending"),
        "counts do not add up: {summary:#}"
    );
}

/// The canonical names of `kind` in the one hit of `query`.
pub fn entities_of(s: &Scratch, query: &str, kind: &str) -> Vec<String> {
    let r = s.search(&[query]);
    let hits = r["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 1, "{query}: {r:#}");
    hits[0]["entities"][kind]
        .as_array()
        .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

pub fn has(names: &[String], name: &str) -> bool {
    names.iter().any(|n| n == name)
}

/// Every canonical entity of the index as (kind, name), from `morgue entities --json`.
pub fn all_entities(s: &Scratch) -> Vec<(String, String)> {
    let listing: Value =
        serde_json::from_str(&s.stdout(&["entities", "--json", "--top", "1000"])).unwrap();
    listing
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let text = |key: &str| e[key].as_str().unwrap().to_string();
            (text("kind"), text("name"))
        })
        .collect()
}

/// The archive's alias table the last index run wrote.
pub fn archive_aliases(s: &Scratch) -> String {
    std::fs::read_to_string(s.index_dir().join("archive-aliases.tsv")).unwrap_or_default()
}
