#![no_main]
//! The query parser and the search behind it, on a small index: any string a user types must
//! give results or a clear error, never a crash.

use morgue::article::EntityKind;
use morgue::enrich::gazetteer::Gazetteer;
use morgue::formats::{self, Format};
use morgue::index::MorgueIndex;
use morgue::index::document::to_document;
use std::path::Path;
use morgue::search::{self, SearchRequest, SortOrder};
use morgue::search::facets::FacetKind;
use morgue::search::query::{Filters, MatchMode, parse_period};
use std::sync::OnceLock;

fn index() -> &'static MorgueIndex {
    static INDEX: OnceLock<MorgueIndex> = OnceLock::new();
    INDEX.get_or_init(build_index)
}

/// A small index with three articles in a fresh temporary folder, built once per process.
fn build_index() -> MorgueIndex {
    let dir = std::env::temp_dir().join(format!("morgue-fuzz-query-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let index = MorgueIndex::open_or_create(&dir).expect("index");
    let mut writer: tantivy::IndexWriter = index.index.writer(50_000_000).expect("writer");
    let texts = [
        "Title: Putin and Xi speak\nDate: 2025-02-24\n\nVladimir Putin spoke with Xi Jinping by phone about the SCO summit.",
        "Title: Harbour vote\nDate: 1999-07-01\n\nThe council voted on the harbour budget.",
        "Title: Undated note\n\nA ferry crossing resumed after the storm.",
    ];
    for (i, text) in texts.iter().enumerate() {
        let parsed =
            formats::parse_file(Format::Text, Path::new("a.txt"), text.as_bytes()).expect("parses");
        for article in parsed.articles {
            let doc = to_document(&index.fields, &format!("/f{i}.txt"), "txt", &article);
            writer.add_document(doc).expect("add");
        }
    }
    writer.commit().expect("commit");
    index
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Dates as --from/--to take them.
    let _ = parse_period(text, false);
    let _ = parse_period(text, true);
    let request = SearchRequest {
        query: text.to_string(),
        filters: Filters {
            // Odd-length inputs also go through the entity filter, as `--person TEXT`.
            entities: if data.len() % 2 == 1 {
                vec![(EntityKind::Person, text.to_string())]
            } else {
                Vec::new()
            },
            ..Filters::default()
        },
        sort: if data.len() % 2 == 0 { SortOrder::Relevance } else { SortOrder::DateDesc },
        limit: 5,
        offset: 0,
        facets: vec![FacetKind::Month, FacetKind::Entity(EntityKind::Person)],
        facet_limit: 5,
        snippets: true,
        fold_copies: data.len() % 3 != 0,
        matching: [MatchMode::All, MatchMode::Most, MatchMode::Any][data.len() % 3],
        explain: data.len() % 5 == 0,
    };
    let _ = search::search(index(), &Gazetteer::default(), &request);
});
