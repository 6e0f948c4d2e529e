//! The words and punctuation of one segment (title or body) as the rules and the demonym pass
//! see them, with the sentence starts, possessives and line breaks those passes ask about.

use super::words;

/// `Token::covered` of a token no gazetteer mention covers.
pub(super) const NONE: u32 = u32::MAX;

/// A word or a single punctuation character. Words keep inner hyphens and apostrophes
/// ("al-Assad", "O'Neill") but not a possessive "'s", which is recorded instead.
#[derive(Clone, Copy, Debug)]
pub(super) struct Token {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) word: bool,
    pub(super) sent_start: bool,
    pub(super) possessive: bool,
    pub(super) newline_before: bool,
    /// Index of the gazetteer mention covering this token, or `NONE`.
    pub(super) covered: u32,
}

pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let (mut sent, mut newlines) = (true, 0);
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let start = i;
        i += c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' {
                newlines += 1;
                // A blank line ends a paragraph, hence a sentence.
                sent |= newlines >= 2;
            }
            continue;
        }
        let newline_before = newlines > 0;
        newlines = 0;
        let mut tok = Token {
            start,
            end: i,
            word: c.is_alphanumeric(),
            sent_start: sent,
            possessive: false,
            newline_before,
            covered: NONE,
        };
        if tok.word {
            loop {
                let mut cs = text[i..].chars();
                match cs.next() {
                    Some(d) if d.is_alphanumeric() => i += d.len_utf8(),
                    Some(d @ ('-' | '\'' | '’')) => {
                        let after = cs.as_str();
                        if d != '-'
                            && after.starts_with(['s', 'S'])
                            && !after[1..].starts_with(char::is_alphanumeric)
                        {
                            tok.possessive = true;
                            tok.end = i;
                            i += d.len_utf8() + 1;
                            break;
                        }
                        if !after.starts_with(char::is_alphanumeric) {
                            break;
                        }
                        i += d.len_utf8();
                    }
                    _ => break,
                }
            }
            if !tok.possessive {
                tok.end = i;
            }
            sent = false;
        } else {
            match c {
                '.' => {
                    // "Mr. Putin", "U.S. officials": no new sentence after an abbreviation.
                    let abbrev = out.last().is_some_and(|p| {
                        p.word && p.end == start && words::is_abbrev(&text[p.start..p.end])
                    });
                    sent = !abbrev;
                }
                '!' | '?' | ':' => sent = true,
                // "BONN, Nov 25 (Reuters) - Global talks": the story starts after a
                // dateline's dash.
                '—' | '–' | '-'
                    if out
                        .last()
                        .is_some_and(|p| &text[p.start..p.end] == ")" && p.end < start) =>
                {
                    sent = true
                }
                '"' | '“' | '”' | '‘' | '’' | '\'' | '(' | '[' | '—' | '–' | '-' => {}
                _ => sent = false,
            }
        }
        out.push(tok);
    }
    out
}
