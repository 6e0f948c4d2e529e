//! The words of a text, lowercased and folded to ASCII, in one pass.
//!
//! Every analyzer starts with the same four steps: tantivy's `SimpleTokenizer` (split on
//! what is not alphanumeric), `RemoveLongFilter` (drop words of [`LONGEST_WORD`] bytes or
//! more), `LowerCaser` and `AsciiFoldingFilter`. Chained, they copy each word into the token
//! and then walk it twice more, once per filter; they were a tenth of the CPU time of
//! indexing short wire items. [`FoldedTokenizer`] gives the same tokens (text, offsets and
//! positions, a dropped long word keeping its position) from one walk for words of ASCII
//! letters and digits, news text's almost every word, and runs the two filters only on a
//! word with other characters. `tests::gives_the_chain_s_tokens` holds it to the chain.

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, TextAnalyzer, Token, TokenStream, Tokenizer,
};

use super::LONGEST_WORD;

/// Splits on characters that are not alphanumeric, drops words of [`LONGEST_WORD`] bytes or
/// more, lowercases and folds accents ("Café" -> "cafe").
#[derive(Clone)]
pub struct FoldedTokenizer {
    token: Token,
    /// Lowercase and fold one word that is not all ASCII, as the chain does.
    unicode: TextAnalyzer,
}

impl Default for FoldedTokenizer {
    fn default() -> Self {
        FoldedTokenizer {
            token: Token::default(),
            unicode: TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .build(),
        }
    }
}

impl Tokenizer for FoldedTokenizer {
    type TokenStream<'a> = FoldedTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> FoldedTokenStream<'a> {
        self.token.reset();
        FoldedTokenStream {
            text,
            next: 0,
            token: &mut self.token,
            unicode: &mut self.unicode,
        }
    }
}

pub struct FoldedTokenStream<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    next: usize,
    token: &'a mut Token,
    unicode: &'a mut TextAnalyzer,
}

/// What a byte is to the word scanner: one table lookup in place of range checks.
const SEPARATOR: u8 = 0;
const LOWER_OR_DIGIT: u8 = 1;
const UPPER: u8 = 2;
/// Part of a character outside ASCII: decoded and classified by Unicode.
const OTHER: u8 = 3;

const CLASS: [u8; 256] = {
    let mut class = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        class[b] = if byte.is_ascii_uppercase() {
            UPPER
        } else if byte.is_ascii_alphanumeric() {
            LOWER_OR_DIGIT
        } else {
            SEPARATOR
        };
        b += 1;
    }
    class
};

/// A word the scanner found: its byte range, and what it holds.
struct Word {
    from: usize,
    to: usize,
    /// Only ASCII letters and digits.
    ascii: bool,
    /// Some of them capitals.
    upper: bool,
}

impl FoldedTokenStream<'_> {
    /// The next word at or after `self.next`.
    fn next_word(&mut self) -> Option<Word> {
        let bytes = self.text.as_bytes();
        let mut at = self.next;
        // Find the first alphanumeric character.
        let start = loop {
            let &b = bytes.get(at)?;
            match CLASS[usize::from(b)] {
                SEPARATOR => at += 1,
                OTHER => {
                    let c = char_at(self.text, at);
                    if c.is_alphanumeric() {
                        break at;
                    }
                    at += c.len_utf8();
                }
                _ => break at,
            }
        };
        // Then the first character after it that is not.
        let mut ascii = true;
        let mut upper = false;
        while let Some(&b) = bytes.get(at) {
            match CLASS[usize::from(b)] {
                LOWER_OR_DIGIT => at += 1,
                UPPER => {
                    upper = true;
                    at += 1;
                }
                SEPARATOR => break,
                _ => {
                    let c = char_at(self.text, at);
                    if !c.is_alphanumeric() {
                        break;
                    }
                    ascii = false;
                    at += c.len_utf8();
                }
            }
        }
        // The character that ended the word is not part of the next one.
        self.next = at;
        Some(Word {
            from: start,
            to: at,
            ascii,
            upper,
        })
    }
}

/// The character starting at byte `at` (a character boundary) of `text`.
fn char_at(text: &str, at: usize) -> char {
    text[at..]
        .chars()
        .next()
        .expect("a character boundary inside the text")
}

impl TokenStream for FoldedTokenStream<'_> {
    fn advance(&mut self) -> bool {
        loop {
            self.token.position = self.token.position.wrapping_add(1);
            let Some(Word {
                from,
                to,
                ascii,
                upper,
            }) = self.next_word()
            else {
                self.token.text.clear();
                return false;
            };
            // As `RemoveLongFilter`: the word is dropped, its position stays taken.
            if to - from >= LONGEST_WORD {
                continue;
            }
            self.token.offset_from = from;
            self.token.offset_to = to;
            self.token.text.clear();
            let word = &self.text[from..to];
            if ascii {
                self.token.text.push_str(word);
                if upper {
                    self.token.text.make_ascii_lowercase();
                }
            } else {
                let mut stream = self.unicode.token_stream(word);
                if stream.advance() {
                    self.token.text.push_str(&stream.token().text);
                }
            }
            return true;
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

#[cfg(test)]
mod tests {
    use super::FoldedTokenizer;
    use crate::index::analysis::LONGEST_WORD;
    use tantivy::tokenizer::{
        AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token,
    };

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        stream.process(&mut |t: &Token| out.push(t.clone()));
        out
    }

    /// The four steps this tokenizer does in one.
    fn chain() -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(LONGEST_WORD))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build()
    }

    /// Texts drawn (by a fixed-seed generator) from letters, digits, separators and
    /// characters that lowercase or fold to more than one character, of all lengths up to
    /// twice the longest word.
    fn mixed_texts(n: usize) -> Vec<String> {
        let alphabet: Vec<char> = "aZ9 .,'-\n\tÉéßẞİıΣσςﬁǅÆøŁ日本é\u{301}\u{a0}—½²١"
            .chars()
            .collect();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..n)
            .map(|_| {
                let len = (next() % (2 * LONGEST_WORD as u64 + 2)) as usize;
                (0..len)
                    .map(|_| {
                        // Mostly ASCII letters, as in news text, so words grow long.
                        let r = next();
                        if r % 3 == 0 {
                            alphabet[(r / 3 % alphabet.len() as u64) as usize]
                        } else {
                            'q'
                        }
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn gives_the_chain_s_tokens() {
        let long = "x".repeat(LONGEST_WORD);
        let just_short = "y".repeat(LONGEST_WORD - 1);
        let long_accented = format!("é{}", "z".repeat(LONGEST_WORD - 2));
        let texts = [
            String::new(),
            "   ".to_string(),
            "Hello, happy tax payer!".to_string(),
            "Café SOCIÉTÉ Générale's £3.5bn – «Ça» naïve Ærø straße İstanbul ΣΟΦΙΑ Ωmega"
                .to_string(),
            "U.S.-led talks; 2019/20 O'Neill's co-op 1,000,000 km²".to_string(),
            format!("a {long} b {just_short} c {long_accented} d"),
            "日本語のテキスト and русский текст, 한국어 ١٢٣ ½ ⅓ x²".to_string(),
            "tab\there\nnew\u{a0}line\u{200b}zero-width\u{301}combining é".to_string(),
            "ﬁne ligature Ǆ titlecase ǅ and ß ẞ".to_string(),
            "trailing word".to_string(),
            "é".to_string(),
            "—".to_string(),
        ];
        let mut fused = TextAnalyzer::from(FoldedTokenizer::default());
        let mut reference = chain();
        for text in texts.iter().chain(&mixed_texts(3_000)) {
            // Each text twice: the stream must start afresh.
            for _ in 0..2 {
                assert_eq!(
                    tokens(&mut fused, text),
                    tokens(&mut reference, text),
                    "{text:?}"
                );
            }
        }
    }
}
