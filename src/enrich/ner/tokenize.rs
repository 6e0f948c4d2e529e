//! Raw text -> sentences of tokens, split the way the CoNLL-2003 (Reuters) text the tagger was
//! trained on is split: punctuation and quotes are tokens of their own, the possessive "'s"
//! and clitics ("n't", "'re", ...) are separate, hyphenated words stay whole, abbreviations
//! ("U.S.", "Mr.", initials) keep their period. Curly quotes are split like straight ones
//! (the features fold them to ASCII). Tokens borrow from the text and carry byte offsets.
//!
//! Sentences end at a line break, or after ". ! ?" (and any closing quotes or brackets) when
//! the next token starts with a capital, a digit or an opening quote.

/// A token: a slice of the input and its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    pub text: &'a str,
    pub start: usize,
    pub end: usize,
}

/// Characters split off the front of a word.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '('
            | '['
            | '{'
            | '\u{201C}'
            | '\u{2018}'
            | '\u{AB}'
            | '`'
            | '$'
            | '\u{A3}'
            | '\u{20AC}'
    )
}

/// Characters split off the end of a word (the period is decided separately).
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | ')'
            | ']'
            | '}'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '%'
            | '\u{201D}'
            | '\u{2019}'
            | '\u{BB}'
            | '\u{2026}'
    )
}

/// Words whose trailing period is part of them.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "rev", "st", "jr",
    "sr", "inc", "corp", "co", "ltd", "bros", "no", "vol", "vs", "etc", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "gov", "sen", "rep",
    "pres", "adm", "gov", "dept", "univ", "ave", "messrs", "plc",
];

fn is_abbreviation(word_with_period: &str) -> bool {
    let core = &word_with_period[..word_with_period.len() - 1];
    if core.is_empty() {
        return false;
    }
    // "U.S.", "a.m.", initials like "J."
    if core.contains('.') || (core.chars().count() == 1 && core.chars().all(char::is_alphabetic)) {
        return true;
    }
    ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(core))
}

/// Clitics split off the end of a word, longest first; matched case-insensitively with either
/// apostrophe.
const CLITICS: &[&str] = &["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];

/// Byte length of a clitic ending `word`, if any (never the whole word).
fn clitic_len(word: &str) -> Option<usize> {
    for c in CLITICS {
        let n = c.chars().count();
        let chars: Vec<char> = word.chars().rev().take(n).collect();
        if chars.len() < n || word.chars().count() == n {
            continue;
        }
        let matches = c.chars().rev().zip(&chars).all(|(want, &got)| {
            let got = if got == '\u{2019}' { '\'' } else { got };
            want == got.to_ascii_lowercase()
        });
        if matches {
            return Some(chars.iter().map(|c| c.len_utf8()).sum());
        }
    }
    None
}

/// Splits one whitespace-free chunk starting at byte `base` into tokens.
fn split_chunk<'a>(text: &'a str, base: usize, out: &mut Vec<Token<'a>>) {
    let mut s = base;
    let mut e = base + text.len();
    let full = text;
    let sub = |a: usize, b: usize| &full[a - base..b - base];
    let mut tail = Vec::new();
    // Leading punctuation.
    while let Some(c) = sub(s, e).chars().next() {
        if !is_opening(c) || sub(s, e).len() == c.len_utf8() && is_closing(c) {
            break;
        }
        out.push(Token {
            text: sub(s, s + c.len_utf8()),
            start: s,
            end: s + c.len_utf8(),
        });
        s += c.len_utf8();
    }
    // Trailing punctuation, clitics and non-abbreviation periods.
    while s < e {
        let word = sub(s, e);
        let Some(c) = word.chars().next_back() else {
            break;
        };
        let w = c.len_utf8();
        if word.len() > w && (is_closing(c) || (c == '.' && !is_abbreviation(word))) {
            tail.push(Token {
                text: sub(e - w, e),
                start: e - w,
                end: e,
            });
            e -= w;
        } else if let Some(n) = clitic_len(word) {
            tail.push(Token {
                text: sub(e - n, e),
                start: e - n,
                end: e,
            });
            e -= n;
        } else {
            break;
        }
    }
    // Dashes inside the word ("war—and") separate words, and so do underscores
    // ("Composer_Kim Cheol Hwan": markup, not a word); hyphens do not.
    let mut piece = s;
    for (i, c) in sub(s, e).char_indices() {
        if matches!(c, '\u{2014}' | '\u{2013}' | '_') {
            let at = s + i;
            if at > piece {
                out.push(Token {
                    text: sub(piece, at),
                    start: piece,
                    end: at,
                });
            }
            out.push(Token {
                text: sub(at, at + c.len_utf8()),
                start: at,
                end: at + c.len_utf8(),
            });
            piece = at + c.len_utf8();
        }
    }
    if e > piece {
        out.push(Token {
            text: sub(piece, e),
            start: piece,
            end: e,
        });
    }
    out.extend(tail.into_iter().rev());
}

fn ends_sentence(t: &str) -> bool {
    matches!(t, "." | "!" | "?" | "\u{2026}")
}

fn closes(t: &str) -> bool {
    matches!(
        t,
        "\"" | "'" | ")" | "]" | "\u{201D}" | "\u{2019}" | "\u{BB}"
    )
}

fn starts_sentence(t: &str) -> bool {
    t.chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\u{201C}' | '(' | '\'')
    })
}

/// Splits `text` into sentences of tokens.
pub fn tokenize(text: &str) -> Vec<Vec<Token<'_>>> {
    let mut sentences = Vec::new();
    for (line_start, line) in lines_with_offsets(text) {
        let mut tokens = Vec::new();
        let mut pos = 0;
        for chunk in line.split(char::is_whitespace) {
            if !chunk.is_empty() {
                split_chunk(chunk, line_start + pos, &mut tokens);
            }
            pos += chunk.len()
                + line[pos + chunk.len()..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8);
        }
        let mut start = 0;
        let mut i = 0;
        while i < tokens.len() {
            if ends_sentence(tokens[i].text) {
                let mut j = i + 1;
                while j < tokens.len() && closes(tokens[j].text) {
                    j += 1;
                }
                if j < tokens.len() && starts_sentence(tokens[j].text) {
                    sentences.push(tokens[start..j].to_vec());
                    start = j;
                }
                i = j;
            } else {
                i += 1;
            }
        }
        if start < tokens.len() {
            sentences.push(tokens[start..].to_vec());
        }
    }
    sentences
}

/// Non-blank lines with their byte offsets.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    text.split('\n').filter_map(move |l| {
        let start = offset;
        offset += l.len() + 1;
        (!l.trim().is_empty()).then_some((start, l))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<&str>> {
        tokenize(text)
            .iter()
            .map(|s| s.iter().map(|t| t.text).collect())
            .collect()
    }

    #[test]
    fn splits_like_conll() {
        assert_eq!(
            words("Mr. Okafor's firm (ACME) said it \"won't\" sell U.S. assets, analysts said."),
            vec![vec![
                "Mr.", "Okafor", "'s", "firm", "(", "ACME", ")", "said", "it", "\"", "wo", "n't",
                "\"", "sell", "U.S.", "assets", ",", "analysts", "said", "."
            ]]
        );
    }

    #[test]
    fn underscores_separate_words() {
        assert_eq!(
            words("Composer_Kim Cheol Hwan, Art Director_Park Dong Woo"),
            vec![vec![
                "Composer", "_", "Kim", "Cheol", "Hwan", ",", "Art", "Director", "_", "Park",
                "Dong", "Woo"
            ]]
        );
    }

    #[test]
    fn curly_quotes_hyphens_and_money() {
        assert_eq!(
            words("“It’s fine,” said Lund-Berg. The Franco-German deal cost $4,275."),
            vec![
                vec!["“", "It", "’s", "fine", ",", "”", "said", "Lund-Berg", "."],
                vec!["The", "Franco-German", "deal", "cost", "$", "4,275", "."]
            ]
        );
    }

    #[test]
    fn sentences_and_offsets() {
        let text = "Headline here\nA. B. Sello arrived. He left at 5 p.m. on Friday!\n\n\"Yes.\" Then—silence.";
        let s = tokenize(text);
        let w: Vec<Vec<&str>> = s
            .iter()
            .map(|s| s.iter().map(|t| t.text).collect())
            .collect();
        assert_eq!(
            w,
            vec![
                vec!["Headline", "here"],
                vec!["A.", "B.", "Sello", "arrived", "."],
                vec!["He", "left", "at", "5", "p.m.", "on", "Friday", "!"],
                vec!["\"", "Yes", ".", "\""],
                vec!["Then", "—", "silence", "."],
            ]
        );
        for t in s.iter().flatten() {
            assert_eq!(&text[t.start..t.end], t.text);
        }
    }
}
