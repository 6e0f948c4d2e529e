//! What the trained tagger finds in one article, as spans of its title and body, and the
//! compact form in which the index keeps them.
//!
//! Title and body are tagged as one document, so the tagger's document-level features see
//! every mention. The spans are stored because tagging is most of the cost of extraction while
//! its result depends only on the text and the model: a changed alias file re-resolves
//! entities from the stored spans without tagging again.

use super::fragments;
use crate::article::{EntityKind, MarkedName};
use crate::enrich::ner::{self, NerType, Tagger};

/// A tagger span as a byte range of one segment (title or body).
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TaggedSpan {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) kind: NerType,
    /// A lone capitalised word opening its sentence that the article never capitalises
    /// elsewhere: more likely "Polls closed..." than a name.
    pub(super) doubtful: bool,
}

/// What the tagger found in one article: the spans of its title and of its body.
///
/// Tagging is most of the cost of extraction, and its result depends only on the text and the
/// model, not on the alias lists. So the index keeps it with each article ([`Self::encode`]),
/// and a changed alias file re-resolves entities from it without reading or tagging the file
/// again ([`super::EntityExtractor::extract_with_spans`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaggedSpans {
    pub(super) title: Vec<TaggedSpan>,
    pub(super) body: Vec<TaggedSpan>,
    /// The names the source marked up (`Article::markup`): like the spans, they are read
    /// again when the alias lists change, and the file is not.
    pub(super) markup: Vec<MarkedName>,
}

/// Opens the optional markup section after the two segments (absent in older indexes).
const MARKUP_SECTION: u8 = b'M';

impl TaggedSpans {
    /// A compact byte form: per segment a count, then per span its start, length and kind
    /// (LEB128 varints; about 5 bytes a span).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(2 + 6 * (self.title.len() + self.body.len()));
        for segment in [&self.title, &self.body] {
            put_varint(&mut out, segment.len() as u64);
            for span in segment {
                put_varint(&mut out, span.start as u64);
                put_varint(&mut out, (span.end - span.start) as u64);
                out.push(kind_code(span.kind) | if span.doubtful { 0x80 } else { 0 });
            }
        }
        if !self.markup.is_empty() {
            out.push(MARKUP_SECTION);
            put_varint(&mut out, self.markup.len() as u64);
            for m in &self.markup {
                out.push(
                    EntityKind::ALL
                        .iter()
                        .position(|k| *k == m.kind)
                        .unwrap_or(0) as u8,
                );
                put_varint(&mut out, m.name.len() as u64);
                out.extend_from_slice(m.name.as_bytes());
            }
        }
        out
    }

    /// Reads what [`Self::encode`] wrote for this `title` and `body`. `None` when the bytes do
    /// not fit the text (truncated, or a span off a character boundary), so a damaged record
    /// costs a re-read, never a panic.
    pub fn decode(bytes: &[u8], title: &str, body: &str) -> Option<TaggedSpans> {
        let mut input = bytes;
        let mut segment = |text: &str| -> Option<Vec<TaggedSpan>> {
            let count = take_varint(&mut input)?;
            let mut spans = Vec::with_capacity(count.min(4096) as usize);
            for _ in 0..count {
                let start = usize::try_from(take_varint(&mut input)?).ok()?;
                let end = start.checked_add(usize::try_from(take_varint(&mut input)?).ok()?)?;
                let (&code, rest) = input.split_first()?;
                input = rest;
                if start >= end || text.get(start..end).is_none() {
                    return None;
                }
                spans.push(TaggedSpan {
                    start,
                    end,
                    kind: kind_of_code(code & 0x7f)?,
                    doubtful: code & 0x80 != 0,
                });
            }
            Some(spans)
        };
        let title = segment(title)?;
        let body = segment(body)?;
        let mut markup = Vec::new();
        if let Some((&MARKUP_SECTION, rest)) = input.split_first() {
            input = rest;
            for _ in 0..take_varint(&mut input)? {
                let (&code, rest) = input.split_first()?;
                let kind = *EntityKind::ALL.get(code as usize)?;
                input = rest;
                let len = usize::try_from(take_varint(&mut input)?).ok()?;
                let name = std::str::from_utf8(input.get(..len)?).ok()?.to_string();
                input = &input[len..];
                markup.push(MarkedName { kind, name });
            }
        }
        input.is_empty().then_some(TaggedSpans {
            title,
            body,
            markup,
        })
    }
}

fn kind_code(kind: NerType) -> u8 {
    match kind {
        NerType::Per => 0,
        NerType::Org => 1,
        NerType::Loc => 2,
        NerType::Misc => 3,
    }
}

fn kind_of_code(code: u8) -> Option<NerType> {
    [NerType::Per, NerType::Org, NerType::Loc, NerType::Misc]
        .get(code as usize)
        .copied()
}

fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn take_varint(input: &mut &[u8]) -> Option<u64> {
    let mut n = 0u64;
    for shift in (0..64).step_by(7) {
        let (&byte, rest) = input.split_first()?;
        *input = rest;
        n |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(n);
        }
    }
    None
}

/// Where a sentence ends inside a span the tagger read across it ("Hanson Trust PLC. SCM
/// Corp." is two names): after a legal form that no other legal form follows, or after a word
/// of five letters or more, when the next word opens with a capital. Initials ("J."),
/// abbreviations ("U.S.", "St.", "Assn.") and "Co. Inc." are no sentence's end.
fn sentence_end_inside(name: &str) -> Option<usize> {
    let mut offset = 0;
    let mut words = name.split(' ').peekable();
    while let Some(word) = words.next() {
        let next = words.peek()?;
        if let Some(bare) = word.strip_suffix('.')
            && !bare.contains('.')
            && next.starts_with(char::is_uppercase)
        {
            let legal_form = fragments::is_legal_form(bare)
                && !fragments::is_legal_form(next.trim_end_matches(['.', ',']));
            let a_word = bare.chars().count() > 4 && bare.chars().any(char::is_lowercase);
            if legal_form || a_word {
                return Some(offset + bare.len());
            }
        }
        offset += word.len() + 1;
    }
    None
}

/// Tags title and body together; returns the spans of each.
pub(super) fn tag(tagger: &Tagger, title: &str, body: &str) -> TaggedSpans {
    let title_sentences = ner::tokenize(title);
    let body_sentences = ner::tokenize(body);
    let words: Vec<Vec<&str>> = title_sentences
        .iter()
        .chain(&body_sentences)
        .map(|s| s.iter().map(|t| t.text).collect())
        .collect();
    // Words the article capitalises somewhere other than at a sentence start.
    let named_mid_sentence: std::collections::HashSet<&str> = words
        .iter()
        .flat_map(|s| s.iter().skip(1))
        .filter(|w| w.starts_with(char::is_uppercase))
        .copied()
        .collect();
    let (mut in_title, mut in_body) = (Vec::new(), Vec::new());
    for (i, spans) in tagger.tag_document(&words).into_iter().enumerate() {
        let (sentence, out) = match i.checked_sub(title_sentences.len()) {
            None => (&title_sentences[i], &mut in_title),
            Some(j) => (&body_sentences[j], &mut in_body),
        };
        for span in spans {
            if let (Some(first), Some(last)) = (
                sentence.get(span.start),
                sentence.get(span.end.wrapping_sub(1)),
            ) {
                let lone_opener = span.start == 0 && span.end == 1;
                let text = if i < title_sentences.len() {
                    title
                } else {
                    body
                };
                let mut start = first.start;
                // Names on both sides of a sentence's end the tokenizer did not see.
                while let Some(cut) = text.get(start..last.end).and_then(sentence_end_inside) {
                    out.push(TaggedSpan {
                        start,
                        end: start + cut,
                        kind: span.kind,
                        doubtful: false,
                    });
                    start += cut + 2;
                }
                out.push(TaggedSpan {
                    start,
                    end: last.end,
                    kind: span.kind,
                    // ("Pfizer and BioNTech said ...": a firm of the tagger's lists is a
                    // name wherever it stands, unless an article follows it: "Recruit the
                    // right colleagues" is a verb.)
                    doubtful: lone_opener
                        && !named_mid_sentence.contains(first.text)
                        && (!crate::enrich::ner::is_listed_organisation(first.text)
                            || before_an_article(sentence, span.end)),
                });
            }
        }
    }
    TaggedSpans {
        title: in_title,
        body: in_body,
        markup: Vec::new(),
    }
}

/// Whether the token at `k` of `sentence` is an article ("Recruit the ...").
fn before_an_article(sentence: &[ner::Token<'_>], k: usize) -> bool {
    sentence
        .get(k)
        .is_some_and(|next| matches!(next.text, "the" | "a" | "an"))
}

#[cfg(test)]
mod tests {
    use super::super::EntityExtractor;
    use super::*;
    use crate::enrich::gazetteer::Gazetteer;

    #[test]
    fn a_sentence_end_inside_a_name_is_found_after_legal_forms_and_words_only() {
        fn cut(name: &str) -> Option<&str> {
            sentence_end_inside(name).map(|at| &name[..at])
        }
        assert_eq!(cut("Hanson Trust PLC. SCM Corp."), Some("Hanson Trust PLC"));
        assert_eq!(
            cut("Dutta Corp. Fair Hill International"),
            Some("Dutta Corp")
        );
        assert_eq!(
            cut("Hill Publishing. Capitol Hill"),
            Some("Hill Publishing")
        );
        for whole in [
            "Merrill Lynch & Co. Inc.",
            "J. P. Morgan",
            "U.S. Steel",
            "St. Louis Cardinals",
            "Natl. Assoc. of Realtors",
            "GenCorp Inc.",
            "Smith Barney, Harris Upham and Co.",
        ] {
            assert_eq!(cut(whole), None, "{whole}");
        }
    }

    #[test]
    fn tagged_spans_round_trip_and_reject_what_does_not_fit_the_text() {
        let title = "Xi calls Putin";
        let body = "Président Xi Jinping spoke with Vladimir Putin of Russia on Monday.";
        let spans = tag(Tagger::builtin(), title, body);
        assert!(!spans.body.is_empty(), "{spans:?}");
        let bytes = spans.encode();
        assert_eq!(
            TaggedSpans::decode(&bytes, title, body),
            Some(spans.clone())
        );
        // The same entities from the spans as from tagging.
        let ex = EntityExtractor::new(&Gazetteer::builtin()).with_tagger(Tagger::builtin_shared());
        assert_eq!(
            ex.extract_with_spans(title, body, &spans, None),
            ex.extract(title, body)
        );
        // Truncated, trailing bytes, another (shorter) text, a span inside "é": refused.
        assert_eq!(
            TaggedSpans::decode(&bytes[..bytes.len() - 1], title, body),
            None
        );
        assert_eq!(
            TaggedSpans::decode(&[bytes.clone(), vec![0]].concat(), title, body),
            None
        );
        assert_eq!(TaggedSpans::decode(&bytes, title, "Short."), None);
        let inside_e = TaggedSpans {
            title: Vec::new(),
            body: vec![TaggedSpan {
                start: 3,
                end: 6,
                kind: NerType::Per,
                doubtful: false,
            }],
            markup: Vec::new(),
        };
        assert_eq!(TaggedSpans::decode(&inside_e.encode(), title, body), None);
        assert_eq!(TaggedSpans::decode(&[], title, body), None);
        assert_eq!(TaggedSpans::decode(&[0xff; 12], title, body), None);
    }

    #[test]
    fn marked_names_travel_with_the_spans() {
        let (title, body) = ("Quill speaks", "Mayor Tomas Quill of Millbrook spoke.");
        let spans = TaggedSpans {
            markup: vec![MarkedName {
                kind: EntityKind::Person,
                name: "Tomas Quill".into(),
            }],
            ..tag(Tagger::builtin(), title, body)
        };
        let bytes = spans.encode();
        assert_eq!(TaggedSpans::decode(&bytes, title, body), Some(spans));
        assert_eq!(
            TaggedSpans::decode(&bytes[..bytes.len() - 2], title, body),
            None
        );
    }
}
