//! `--explain`: why a hit ranked where it did.
//!
//! tantivy explains a score as a tree (sums, boosts, BM25's idf and tf parts). Users want the
//! leaves that carry the weight: which word in which field added how much. [`explain`] keeps
//! tantivy's tree (for `--json`) and lists its term-level parts, largest first.

use serde::Serialize;
use serde_json::Value;
use tantivy::query::Query;
use tantivy::schema::Field;
use tantivy::{DocAddress, Searcher};

/// One hit's score, explained.
#[derive(Debug, Serialize)]
pub struct Explained {
    pub score: f32,
    /// What each matched word added, largest first.
    pub parts: Vec<ScorePart>,
    /// tantivy's whole explanation tree.
    pub tree: Value,
}

/// The contribution of one word in one field (BM25, after boosts).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ScorePart {
    pub field: String,
    pub word: String,
    pub score: f32,
    /// The boost applied above it (title matches: 2).
    pub boost: f32,
}

pub fn explain(
    searcher: &Searcher,
    query: &dyn Query,
    address: DocAddress,
) -> tantivy::Result<Explained> {
    let explanation = query.explain(searcher, address)?;
    let tree = serde_json::to_value(&explanation).unwrap_or(Value::Null);
    let schema = searcher.schema();
    let mut parts = Vec::new();
    collect(&tree, 1.0, &mut parts, &|id| {
        schema
            .get_field_name(Field::from_field_id(id as u32))
            .to_string()
    });
    parts.sort_by(|a, b| b.score.total_cmp(&a.score));
    Ok(Explained {
        score: explanation.value(),
        parts,
        tree,
    })
}

/// Walks tantivy's explanation: a "TermQuery" node is one word's score, a "Phrase Scorer" one
/// phrase's; a "Boost" node multiplies what is under it.
fn collect(
    node: &Value,
    boost: f32,
    parts: &mut Vec<ScorePart>,
    field_name: &dyn Fn(usize) -> String,
) {
    let description = node["description"].as_str().unwrap_or_default();
    let value = node["value"].as_f64().unwrap_or(0.0) as f32;
    if description.starts_with("Phrase") {
        // tantivy names neither the field nor the words of a phrase's score.
        parts.push(ScorePart {
            field: String::new(),
            word: "(phrase)".to_string(),
            score: value * boost,
            boost,
        });
        return;
    }
    if description.starts_with("TermQuery") {
        let (field, word) = node["context"]
            .as_array()
            .and_then(|c| c.iter().find_map(|c| c.as_str().and_then(parse_term)))
            .unwrap_or_default();
        parts.push(ScorePart {
            field: field.map(field_name).unwrap_or_default(),
            word,
            score: value * boost,
            boost,
        });
        return;
    }
    let boost = match description.strip_prefix("Boost x") {
        Some(factor) => factor
            .split_whitespace()
            .next()
            .and_then(|f| f.parse::<f32>().ok())
            .map_or(boost, |f| boost * f),
        None => boost,
    };
    if let Some(details) = node["details"].as_array() {
        for child in details {
            collect(child, boost, parts, field_name);
        }
    }
}

/// `Term=Term(field=3, type=Str, "putin")` -> (3, "putin").
fn parse_term(context: &str) -> Option<(Option<usize>, String)> {
    let rest = context.strip_prefix("Term=Term(field=")?;
    let (field, rest) = rest.split_once(',')?;
    let word = rest.split_once('"')?.1.rsplit_once('"')?.0;
    Some((field.trim().parse().ok(), word.to_string()))
}

#[cfg(test)]
mod tests {
    use super::parse_term;

    #[test]
    fn term_contexts_give_field_and_word() {
        assert_eq!(
            parse_term(r#"Term=Term(field=7, type=Str, "putin")"#),
            Some((Some(7), "putin".to_string()))
        );
        assert_eq!(parse_term("something else"), None);
    }
}
