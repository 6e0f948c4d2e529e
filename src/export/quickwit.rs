//! Quickwit export: `index-config.yaml` (a Quickwit 0.9 index config, format version 0.8) and
//! `docs.ndjson` (one document per line, what `quickwit index --input-path` and the ingest
//! API take).
//!
//! Quickwit refuses a document without its index's timestamp field, so undated articles get
//! [`UNDATED_TIMESTAMP`] and keep `date_source: none`. Title and body use Quickwit's
//! `en_stem` tokenizer: lowercase and English stemming like morgue's, but without ASCII
//! folding (Quickwit's custom tokenizers fold but cannot stem), and English for every
//! article (morgue also stems each other language in its own field).

use super::cluster::{ClusterDoc, ClusterField, FIELDS, UNDATED_TIMESTAMP};
use super::{ExportSummary, Matches, create};
use crate::error::MorgueError;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

pub const CONFIG_FILE: &str = "index-config.yaml";
pub const DOCS_FILE: &str = "docs.ndjson";

/// The index config, field by field as Quickwit's index configuration page describes it.
#[derive(Debug, Serialize)]
pub struct IndexConfig {
    pub version: &'static str,
    pub index_id: String,
    pub doc_mapping: DocMapping,
    pub search_settings: SearchSettings,
}

#[derive(Debug, Serialize)]
pub struct DocMapping {
    /// `lenient`: a field the mapping does not know is dropped, the document kept.
    pub mode: &'static str,
    pub field_mappings: Vec<FieldMapping>,
    pub timestamp_field: &'static str,
}

#[derive(Debug, Serialize)]
pub struct SearchSettings {
    pub default_search_fields: Vec<&'static str>,
}

#[derive(Debug, Default, Serialize)]
pub struct FieldMapping {
    pub name: &'static str,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tokenizer: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fieldnorms: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub indexed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stored: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fast: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input_formats: Option<Vec<&'static str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub output_format: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fast_precision: Option<&'static str>,
}

/// The config for an index named `index_id`.
pub fn index_config(index_id: &str) -> IndexConfig {
    IndexConfig {
        version: "0.8",
        index_id: index_id.to_string(),
        doc_mapping: DocMapping {
            mode: "lenient",
            field_mappings: FIELDS
                .iter()
                .map(|(name, field, list)| field_mapping(name, *field, *list))
                .collect(),
            timestamp_field: "date",
        },
        search_settings: SearchSettings {
            default_search_fields: vec!["title", "body"],
        },
    }
}

fn field_mapping(name: &'static str, field: ClusterField, list: bool) -> FieldMapping {
    let text = |tokenizer| FieldMapping {
        kind: "text".into(),
        tokenizer: Some(tokenizer),
        ..FieldMapping::default()
    };
    let datetime = FieldMapping {
        kind: "datetime".into(),
        input_formats: Some(vec!["rfc3339"]),
        output_format: Some("rfc3339"),
        ..FieldMapping::default()
    };
    let mapping = match field {
        ClusterField::Exact => text("raw"),
        ClusterField::Facet => FieldMapping {
            fast: Some(true),
            ..text("raw")
        },
        ClusterField::Text => FieldMapping {
            record: Some("position"),
            fieldnorms: Some(true),
            ..text("en_stem")
        },
        // Words for queries (`person:putin`), and the names unchanged in the fast field
        // for terms aggregations.
        ClusterField::Name => FieldMapping {
            record: Some("position"),
            fast: Some(true),
            ..text("default")
        },
        ClusterField::Number => FieldMapping {
            kind: "u64".into(),
            ..FieldMapping::default()
        },
        ClusterField::Date => FieldMapping {
            fast: Some(true),
            fast_precision: Some("seconds"),
            ..datetime
        },
        ClusterField::Instant => datetime,
        ClusterField::Stored => FieldMapping {
            kind: "text".into(),
            indexed: Some(false),
            stored: Some(true),
            ..FieldMapping::default()
        },
    };
    FieldMapping {
        name,
        kind: if list {
            format!("array<{}>", mapping.kind)
        } else {
            mapping.kind.clone()
        },
        ..mapping
    }
}

/// Quickwit's rule for index ids: a letter, then 2 to 254 letters, digits, `-` or `_`.
pub fn valid_index_id(id: &str) -> bool {
    (3..=255).contains(&id.len())
        && id.starts_with(|c: char| c.is_ascii_alphabetic())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

pub(super) fn write(
    matches: Matches,
    index_id: &str,
    dir: &Path,
) -> Result<ExportSummary, MorgueError> {
    let config_path = dir.join(CONFIG_FILE);
    let yaml = serde_saphyr::to_string(&index_config(index_id))
        .map_err(|e| MorgueError::Usage(format!("writing the Quickwit config: {e}")))?;
    std::fs::write(&config_path, yaml).map_err(|e| MorgueError::io(&config_path, e))?;
    let docs_path = dir.join(DOCS_FILE);
    let mut out = create(&docs_path)?;
    let io_err = |e| MorgueError::io(&docs_path, e);
    let mut articles = 0;
    for article in matches {
        let article = article?;
        let doc = ClusterDoc::new(&article, Some(UNDATED_TIMESTAMP));
        serde_json::to_writer(&mut out, &doc).map_err(|e| io_err(e.into()))?;
        out.write_all(b"\n").map_err(io_err)?;
        articles += 1;
    }
    out.flush().map_err(io_err)?;
    Ok(ExportSummary {
        articles,
        files: vec![config_path, docs_path],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn config_as_read() -> Value {
        let yaml = serde_saphyr::to_string(&index_config("news_archive")).unwrap();
        serde_saphyr::from_str(&yaml).unwrap()
    }

    fn field<'a>(config: &'a Value, name: &str) -> &'a Value {
        config["doc_mapping"]["field_mappings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("no field {name}"))
    }

    /// The config reads back as the YAML Quickwit's index configuration page describes:
    /// version, index_id, doc_mapping with field_mappings and timestamp_field,
    /// search_settings with default_search_fields.
    #[test]
    fn config_has_the_documented_shape() {
        let config = config_as_read();
        assert_eq!(config["version"], "0.8");
        assert_eq!(config["index_id"], "news_archive");
        assert_eq!(config["doc_mapping"]["timestamp_field"], "date");
        assert_eq!(config["doc_mapping"]["mode"], "lenient");
        assert_eq!(
            config["search_settings"]["default_search_fields"],
            serde_json::json!(["title", "body"])
        );
        // The types, tokenizers, record options and precisions Quickwit knows.
        for f in config["doc_mapping"]["field_mappings"].as_array().unwrap() {
            let kind = f["type"].as_str().unwrap();
            let base = kind
                .strip_prefix("array<")
                .and_then(|k| k.strip_suffix('>'))
                .unwrap_or(kind);
            assert!(["text", "u64", "datetime"].contains(&base), "{f}");
            if let Some(tokenizer) = f.get("tokenizer") {
                assert!(["raw", "default", "en_stem"].contains(&tokenizer.as_str().unwrap()));
            }
            if let Some(record) = f.get("record") {
                assert!(["basic", "freq", "position"].contains(&record.as_str().unwrap()));
            }
            // Quickwit field names: a letter first, then letters, digits, `_`, `-`.
            let name = f["name"].as_str().unwrap();
            assert!(
                name.starts_with(|c: char| c.is_ascii_alphabetic()),
                "{name}"
            );
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        }
    }

    #[test]
    fn index_ids_follow_quickwits_rule() {
        for good in ["morgue", "news-archive_2", "abc"] {
            assert!(valid_index_id(good), "{good}");
        }
        for bad in ["ab", "9news", "-news", "news archive", "news.archive", ""] {
            assert!(!valid_index_id(bad), "{bad}");
        }
        assert!(!valid_index_id(&"a".repeat(256)));
    }

    #[test]
    fn fields_are_mapped_for_what_morgue_does_with_them() {
        let config = config_as_read();
        // The timestamp field: a single-valued fast datetime, as Quickwit requires.
        let date = field(&config, "date");
        assert_eq!(date["type"], "datetime");
        assert_eq!(date["fast"], true);
        assert_eq!(date["input_formats"], serde_json::json!(["rfc3339"]));
        for name in ["title", "body"] {
            let f = field(&config, name);
            assert_eq!(f["tokenizer"], "en_stem");
            assert_eq!(f["record"], "position", "phrases need positions");
            assert_eq!(f["fieldnorms"], true, "BM25 needs field norms");
        }
        for name in ["person", "org", "place", "event", "tags", "authors"] {
            let f = field(&config, name);
            assert_eq!(f["type"], "array<text>", "{name}");
            assert_eq!(f["fast"], true, "{name}: aggregations need fast fields");
        }
        for name in ["source", "language", "date_source", "format"] {
            assert_eq!(field(&config, name)["fast"], true, "{name}");
        }
        for name in ["id", "path"] {
            assert_eq!(field(&config, name)["tokenizer"], "raw");
        }
        assert_eq!(field(&config, "url")["indexed"], false);
        assert_eq!(field(&config, "record")["type"], "u64");
    }
}
