//! Elasticsearch/OpenSearch export: `mapping.json` (the body of the create-index request:
//! analysis settings and field mappings) and `bulk.ndjson` (a `_bulk` request body: for each
//! article an action line naming the index and the article id as `_id`, then the document).
//!
//! Title and body use a `morgue_en` analyzer defined in the settings: the standard tokenizer,
//! lowercase, ASCII folding and the Porter2 (Snowball English) stemmer, the same filters as
//! morgue's own `morgue_en`. Undated articles have no `date`: neither engine requires one.

use super::cluster::{ClusterDoc, ClusterField, FIELDS};
use super::{ExportSummary, Matches, create};
use crate::error::MorgueError;
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;

pub const MAPPING_FILE: &str = "mapping.json";
pub const BULK_FILE: &str = "bulk.ndjson";

/// The create-index body (`PUT /<index>` with this file).
pub fn mapping() -> Value {
    let properties: serde_json::Map<String, Value> = FIELDS
        .iter()
        .map(|(name, field, _)| (name.to_string(), field_mapping(*field)))
        .collect();
    json!({
        "settings": {
            "analysis": {
                "filter": {
                    "morgue_stemmer": {"type": "stemmer", "language": "porter2"}
                },
                "analyzer": {
                    "morgue_en": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "asciifolding", "morgue_stemmer"]
                    }
                }
            }
        },
        "mappings": {
            "dynamic": false,
            "properties": properties
        }
    })
}

/// Lists need no mapping of their own: any field takes an array of its type.
fn field_mapping(field: ClusterField) -> Value {
    match field {
        ClusterField::Exact | ClusterField::Facet => json!({"type": "keyword"}),
        ClusterField::Text => json!({"type": "text", "analyzer": "morgue_en"}),
        // Counted by exact value under its own name (as in Quickwit), searched by its words
        // under `<name>.text`.
        ClusterField::Name => json!({
            "type": "keyword",
            "fields": {"text": {"type": "text", "analyzer": "standard"}}
        }),
        ClusterField::Number => json!({"type": "long"}),
        ClusterField::Date | ClusterField::Instant => {
            json!({"type": "date", "format": "strict_date_optional_time"})
        }
        ClusterField::Stored => json!({"type": "keyword", "index": false, "doc_values": false}),
    }
}

/// The action line that puts the next line's document into `index_id` under `id`.
pub fn bulk_action(index_id: &str, id: &str) -> Value {
    json!({"index": {"_index": index_id, "_id": id}})
}

pub(super) fn write(
    matches: Matches,
    index_id: &str,
    dir: &Path,
) -> Result<ExportSummary, MorgueError> {
    let mapping_path = dir.join(MAPPING_FILE);
    let text = serde_json::to_string_pretty(&mapping()).unwrap_or_default() + "\n";
    std::fs::write(&mapping_path, text).map_err(|e| MorgueError::io(&mapping_path, e))?;
    let bulk_path = dir.join(BULK_FILE);
    let mut out = create(&bulk_path)?;
    let io_err = |e| MorgueError::io(&bulk_path, e);
    let mut articles = 0;
    for article in matches {
        let article = article?;
        for line in [
            serde_json::to_value(bulk_action(index_id, &article.id)),
            serde_json::to_value(ClusterDoc::new(&article, None)),
        ] {
            let line = line.map_err(|e| io_err(e.into()))?;
            serde_json::to_writer(&mut out, &line).map_err(|e| io_err(e.into()))?;
            // The bulk API wants every line ended, the last one too.
            out.write_all(b"\n").map_err(io_err)?;
        }
        articles += 1;
    }
    out.flush().map_err(io_err)?;
    Ok(ExportSummary {
        articles,
        files: vec![mapping_path, bulk_path],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The action line is the bulk API's documented form: one key naming the operation,
    /// whose object holds `_index` and `_id`.
    #[test]
    fn action_lines_name_index_and_id() {
        let action = bulk_action("morgue", "/a/feed.jsonl#2");
        let object = action.as_object().unwrap();
        assert_eq!(object.len(), 1);
        assert_eq!(action["index"]["_index"], "morgue");
        assert_eq!(action["index"]["_id"], "/a/feed.jsonl#2");
        // One line: newlines inside an action would break the body.
        assert!(!serde_json::to_string(&action).unwrap().contains('\n'));
    }

    #[test]
    fn mapping_declares_every_field_with_a_known_type() {
        let mapping = mapping();
        let properties = mapping["mappings"]["properties"].as_object().unwrap();
        assert_eq!(properties.len(), FIELDS.len());
        for (name, field) in properties {
            let kind = field["type"].as_str().unwrap();
            assert!(
                ["keyword", "text", "long", "date"].contains(&kind),
                "{name}"
            );
            if let Some(analyzer) = field.get("analyzer") {
                let analyzer = analyzer.as_str().unwrap();
                assert!(
                    analyzer == "standard"
                        || mapping["settings"]["analysis"]["analyzer"][analyzer].is_object(),
                    "{name} uses an undefined analyzer {analyzer}"
                );
            }
        }
        assert_eq!(properties["body"]["analyzer"], "morgue_en");
        assert_eq!(properties["person"]["type"], "keyword");
        assert_eq!(properties["person"]["fields"]["text"]["type"], "text");
        assert_eq!(properties["date"]["type"], "date");
        // The analyzer's filters exist: built in, or defined beside it.
        let analysis = &mapping["settings"]["analysis"];
        for filter in analysis["analyzer"]["morgue_en"]["filter"]
            .as_array()
            .unwrap()
        {
            let filter = filter.as_str().unwrap();
            assert!(
                ["lowercase", "asciifolding"].contains(&filter)
                    || analysis["filter"][filter].is_object(),
                "{filter}"
            );
        }
    }
}
