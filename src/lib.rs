//! morgue: a full-text search engine for news archives.
//!
//! The modules follow the data's path:
//! [`walk`] finds files -> [`formats`] parses each into an [`article::Article`] ->
//! [`enrich`] adds dates, language and entities -> [`index`] stores it (driven by [`ingest`]) ->
//! [`search`] answers queries -> [`render`] prints results. [`archive`] holds an opened index
//! for front ends: [`cli`] wires it to the command line. ARCHITECTURE.md has the map.

pub mod archive;
pub mod article;
pub mod audit;
pub mod check;
pub mod cli;
pub mod enrich;
pub mod error;
pub mod export;
pub mod formats;
pub mod index;
pub mod ingest;
pub mod remote;
pub mod render;
pub mod search;
pub mod serve;
pub mod show;
pub mod skip;
pub mod stats;
pub mod walk;

#[cfg(test)]
pub(crate) mod test_support {
    /// Every UTF-8 file of `sample_corpus/` with its path: real text for unit tests that
    /// compare two ways of doing the same thing.
    pub fn sample_texts() -> Vec<(std::path::PathBuf, String)> {
        let mut texts = Vec::new();
        let mut stack =
            vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample_corpus")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    texts.push((path, text));
                }
            }
        }
        texts
    }
}
