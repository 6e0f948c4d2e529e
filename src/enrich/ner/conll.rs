//! Reading CoNLL-style NER files: one token per line, the word first and the NER tag last
//! (4-column CoNLL-2003 `word POS chunk tag` or 2-column `word tag`), blank lines between
//! sentences, optional `-DOCSTART-` lines starting documents.
//!
//! Tags may be IOB1 (I- starts an entity unless it continues one of the same type), IOB2 (every
//! entity starts with B-) or BILOU/IOBES (L-/E- end, U-/S- single). One lenient rule reads them
//! all, the same as conlleval's: an entity starts at B-/U-/S-, or at I-/L-/E- that does not
//! continue an open entity of the same type, and ends after L-/E-/U-/S- or when the next tag
//! does not continue it.

use super::{NerType, Span};
use std::ops::Range;

/// A sentence with gold entities.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub words: Vec<String>,
    pub spans: Vec<Span>,
    /// First sentence after a `-DOCSTART-` line.
    pub doc_start: bool,
}

/// Parses a CoNLL file; errors name the 1-based line.
pub fn read_conll(text: &str) -> Result<Vec<Sentence>, String> {
    let mut out = Vec::new();
    let mut words = Vec::new();
    let mut tags: Vec<(char, NerType)> = Vec::new(); // ('O' | 'B' | 'I' | 'L' | 'U', type)
    let mut doc_start = false;
    let flush = |words: &mut Vec<String>,
                 tags: &mut Vec<(char, NerType)>,
                 doc_start: &mut bool,
                 out: &mut Vec<Sentence>| {
        if !words.is_empty() {
            out.push(Sentence {
                words: std::mem::take(words),
                spans: spans_from_tags(tags),
                doc_start: std::mem::take(doc_start),
            });
            tags.clear();
        }
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut words, &mut tags, &mut doc_start, &mut out);
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols[0] == "-DOCSTART-" {
            flush(&mut words, &mut tags, &mut doc_start, &mut out);
            doc_start = true;
            continue;
        }
        if cols.len() < 2 {
            return Err(format!(
                "line {}: expected a word and a tag, got {line:?}",
                n + 1
            ));
        }
        let tag = cols[cols.len() - 1];
        let parsed = if tag == "O" {
            ('O', NerType::Misc)
        } else {
            let bad = || format!("line {}: unknown NER tag {tag:?}", n + 1);
            let (pos, kind) = tag.split_once('-').ok_or_else(bad)?;
            let kind = NerType::parse(kind).ok_or_else(bad)?;
            let pos = match pos {
                "B" => 'B',
                "I" => 'I',
                "L" | "E" => 'L',
                "U" | "S" => 'U',
                _ => return Err(bad()),
            };
            (pos, kind)
        };
        words.push(cols[0].to_string());
        tags.push(parsed);
    }
    flush(&mut words, &mut tags, &mut doc_start, &mut out);
    Ok(out)
}

/// Spans of a tag sequence under the lenient rule in the module docs (conlleval's).
pub fn spans_from_tags(tags: &[(char, NerType)]) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, NerType)> = None;
    for (i, &(pos, kind)) in tags.iter().enumerate() {
        let continues = matches!(open, Some((_, k)) if k == kind) && matches!(pos, 'I' | 'L');
        if !continues {
            if let Some((s, k)) = open.take() {
                spans.push(Span::new(s, i, k));
            }
            if pos != 'O' {
                open = Some((i, kind));
            }
        }
        if matches!(pos, 'L' | 'U')
            && let Some((s, k)) = open.take()
        {
            spans.push(Span::new(s, i + 1, k));
        }
    }
    if let Some((s, k)) = open {
        spans.push(Span::new(s, tags.len(), k));
    }
    spans
}

/// Splits sentences into documents. `-DOCSTART-` marks win when present; otherwise (the
/// shared CoNLL copy has none) a Reuters dateline sentence such as "BRUSSELS 1996-08-22"
/// starts a document one sentence earlier, at its headline.
pub fn documents(sentences: &[Sentence]) -> Vec<Range<usize>> {
    let mut starts: Vec<usize> = if sentences.iter().any(|s| s.doc_start) {
        (0..sentences.len())
            .filter(|&i| sentences[i].doc_start)
            .collect()
    } else {
        (1..sentences.len())
            .filter(|&i| is_dateline(&sentences[i].words))
            .map(|i| i - 1)
            .collect()
    };
    if starts.first() != Some(&0) {
        starts.insert(0, 0);
    }
    starts.dedup();
    let mut out: Vec<Range<usize>> = starts.windows(2).map(|w| w[0]..w[1]).collect();
    if let Some(&last) = starts.last()
        && last < sentences.len()
    {
        out.push(last..sentences.len());
    }
    out
}

/// "LONDON 1996-08-22" or "RIO DE JANEIRO 1996-08-22": capitalised words then an ISO date.
fn is_dateline(words: &[String]) -> bool {
    let Some((date, place)) = words.split_last() else {
        return false;
    };
    let b = date.as_bytes();
    let is_date = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    is_date
        && !place.is_empty()
        && place.len() <= 5
        && place.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c == '(')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<Span> {
        read_conll(text).unwrap().remove(0).spans
    }

    #[test]
    fn iob1_iob2_and_bilou_give_the_same_spans() {
        let iob1 = "Anna I-PER\nMaria I-PER\nBerg B-PER\nvisited O\nNew I-LOC\nHaven I-LOC\nwith O\nAcme I-ORG\n";
        let iob2 = "Anna B-PER\nMaria I-PER\nBerg B-PER\nvisited O\nNew B-LOC\nHaven I-LOC\nwith O\nAcme B-ORG\n";
        let bilou = "Anna B-PER\nMaria L-PER\nBerg U-PER\nvisited O\nNew B-LOC\nHaven L-LOC\nwith O\nAcme U-ORG\n";
        let iobes = "Anna B-PER\nMaria E-PER\nBerg S-PER\nvisited O\nNew B-LOC\nHaven E-LOC\nwith O\nAcme S-ORG\n";
        let want = vec![
            Span::new(0, 2, NerType::Per),
            Span::new(2, 3, NerType::Per),
            Span::new(4, 6, NerType::Loc),
            Span::new(7, 8, NerType::Org),
        ];
        assert_eq!(spans(iob1), want);
        assert_eq!(spans(iob2), want);
        assert_eq!(spans(bilou), want);
        assert_eq!(spans(iobes), want);
    }

    #[test]
    fn four_columns_docstart_and_errors() {
        let text =
            "-DOCSTART- -X- -X- O\n\nKarl NNP B-NP B-PER\nsang VBD B-VP O\n\nHe PRP B-NP O\n";
        let s = read_conll(text).unwrap();
        assert_eq!(s.len(), 2);
        assert!(s[0].doc_start && !s[1].doc_start);
        assert_eq!(s[0].spans, vec![Span::new(0, 1, NerType::Per)]);
        let err = read_conll("Karl B-PER\nsang X-FOO\n").unwrap_err();
        assert!(err.starts_with("line 2:"), "{err}");
    }

    #[test]
    fn datelines_split_documents() {
        let s = |w: &str| Sentence {
            words: w.split(' ').map(String::from).collect(),
            spans: vec![],
            doc_start: false,
        };
        let sents = [
            s("Cats win ."),
            s("PARIS 1996-08-22"),
            s("Text ."),
            s("Dogs lose ."),
            s("NEW YORK 1996-08-23"),
            s("More ."),
        ];
        assert_eq!(documents(&sents), vec![0..3, 3..6]);
    }
}
