//! The `words` field without a second pass over the text.
//!
//! tantivy analyses each field of a document on its own, so `words` (the words of title and
//! body that differ from their English stem) tokenized, folded and stemmed the same text again
//! after `body` had done all of it: a third of the CPU time of indexing short wire items went to
//! analysis. Now the indexing chain of `morgue_en` notes, while it stems a text, the words it
//! changed ([`Recording`]), and keeps the last few texts per thread. The `words` analyzer, asked
//! for one of them, replays those words ([`Replay`]) instead of analysing the text again.
//!
//! tantivy indexes a document on one thread, its fields in schema order (`title`, `body`, then
//! `words`), so the texts are found. A text that is not (another thread's, evicted, an analysis
//! left unfinished) is analysed as before: the terms are the same either way, only the work
//! differs.

use std::cell::RefCell;
use std::collections::VecDeque;
use tantivy::tokenizer::{Token, TokenStream};

/// Texts kept per thread: a document's title is analysed twice (`title`, and `body`'s second
/// value) before `words` asks for it and the body.
const KEPT: usize = 4;

thread_local! {
    static RECENT: RefCell<VecDeque<Recording>> = const { RefCell::new(VecDeque::new()) };
}

/// One text as the English chain analysed it: its words that differ from their stems.
#[derive(Default)]
pub struct Recording {
    text: String,
    /// The noted words, one after another.
    words: String,
    tokens: Vec<Noted>,
}

/// A noted word: its token, and where its text ends in [`Recording::words`].
#[derive(Clone, Copy)]
pub struct Noted {
    offset_from: usize,
    offset_to: usize,
    position: usize,
    position_length: usize,
    end: usize,
}

impl Noted {
    /// The token's place, before its word is noted.
    pub fn of(token: &Token) -> Noted {
        Noted {
            offset_from: token.offset_from,
            offset_to: token.offset_to,
            position: token.position,
            position_length: token.position_length,
            end: 0,
        }
    }
}

impl Recording {
    pub fn new(text: &str) -> Recording {
        Recording {
            text: text.to_string(),
            ..Recording::default()
        }
    }

    /// Notes the word of a token that stemming is about to change (`noted`: its token).
    pub fn note(&mut self, word: &str, noted: Noted) {
        self.words.push_str(word);
        self.tokens.push(Noted {
            end: self.words.len(),
            ..noted
        });
    }

    /// The analysis is complete: kept for [`Replay::of`], in place of the oldest.
    pub fn finish(self) {
        RECENT.with_borrow_mut(|recent| {
            if recent.len() == KEPT {
                recent.pop_front();
            }
            recent.push_back(self);
        });
    }
}

/// The noted words of one text, as a token stream.
pub struct Replay {
    recording: Recording,
    next: usize,
    token: Token,
}

impl Replay {
    /// The words this thread's English chain noted for `text`, taken from the kept texts.
    pub fn of(text: &str) -> Option<Replay> {
        let recording = RECENT.with_borrow_mut(|recent| {
            let at = recent.iter().position(|r| r.text == text)?;
            recent.remove(at)
        })?;
        Some(Replay {
            recording,
            next: 0,
            token: Token::default(),
        })
    }
}

impl TokenStream for Replay {
    fn advance(&mut self) -> bool {
        let Some(noted) = self.recording.tokens.get(self.next) else {
            return false;
        };
        let start = match self.next {
            0 => 0,
            n => self.recording.tokens[n - 1].end,
        };
        self.next += 1;
        self.token.text.clear();
        self.token
            .text
            .push_str(&self.recording.words[start..noted.end]);
        self.token.offset_from = noted.offset_from;
        self.token.offset_to = noted.offset_to;
        self.token.position = noted.position;
        self.token.position_length = noted.position_length;
        true
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// Forgets this thread's kept texts (for tests).
#[cfg(test)]
pub fn forget() {
    RECENT.with_borrow_mut(VecDeque::clear);
}
