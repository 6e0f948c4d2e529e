//! morgue: a full-text search engine for news archives.
//!
//! The modules follow the data's path:
//! [`walk`] finds files -> [`formats`] parses each into an [`article::Article`] ->
//! [`enrich`] adds dates, language and entities -> [`index`] stores it (driven by [`ingest`]) ->
//! [`search`] answers queries -> [`render`] prints results. [`cli`] wires them to the command
//! line. ARCHITECTURE.md has the map.

pub mod article;
pub mod check;
pub mod cli;
pub mod enrich;
pub mod error;
pub mod formats;
pub mod index;
pub mod ingest;
pub mod render;
pub mod search;
pub mod skip;
pub mod stats;
pub mod walk;
