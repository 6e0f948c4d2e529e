//! A nickname written between a person's given names and surname: "W. A. (Tony) Boyle",
//! "Thomas P. (Tip) O'Neill Jr.", "Earvin \"Magic\" Johnson", "Francis 'Frankie' Fraser".
//!
//! The tagger cuts such a name at the brackets or quotes, and its pieces become other
//! things: a given name alone ("Thomas P."), the nickname as a place ("Tip"), the surname as
//! a body ("O'Neill Jr."), or no entity at all. [`join`] makes the pieces one person's span
//! before the spans are read; [`Nicknamed`] splits such a name again, so that its canonical
//! form is the listed person's where the lists know the nickname or the given names with the
//! surname, and else the name without the nickname ("Edmund G. Brown"), as the archive's
//! other stories write it; the form with the nickname stays among its aliases.

use super::lexicon::{Lexicon, When};
use super::spans::TaggedSpan;
use super::{fragments, person_names};
use crate::article::EntityKind;
use crate::enrich::ner::NerType;

/// The marks a nickname is written between.
const MARKS: [(char, char); 5] = [
    ('(', ')'),
    ('"', '"'),
    ('\u{201C}', '\u{201D}'),
    ('\'', '\''),
    ('\u{2018}', '\u{2019}'),
];

/// A person's name with a nickname between given names and surname.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Nicknamed<'a> {
    /// "W. A."
    pub(super) given: &'a str,
    /// "Tony"
    pub(super) nickname: &'a str,
    /// "Boyle", "O'Neill Jr."
    pub(super) surname: &'a str,
}

impl<'a> Nicknamed<'a> {
    /// The parts of `name` if it is written "given (nickname) surname" (or with the nickname
    /// in quotes).
    pub(super) fn parse(name: &'a str) -> Option<Nicknamed<'a>> {
        MARKS.iter().find_map(|&(open, close)| {
            let at = name.find(' ')?;
            let rest = &name[at..];
            // The nickname follows the given names: find the first " <open>" after them.
            let from = rest.find(&format!(" {open}")[..])?;
            let given = &name[..at + from];
            let inner = &rest[from + 1 + open.len_utf8()..];
            let (nickname, surname) = inner.split_once(close)?;
            let surname = surname.strip_prefix(' ')?;
            (is_nickname(nickname)
                && !given.is_empty()
                && given.split(' ').all(is_given_word)
                && surname.starts_with(char::is_uppercase))
            .then_some(Nicknamed {
                given,
                nickname,
                surname,
            })
        })
    }

    /// "Tony Boyle" and "W. A. Boyle": the forms a list may know the person by.
    pub(super) fn plain_forms(&self) -> [String; 2] {
        [
            format!("{} {}", self.nickname, self.surname),
            format!("{} {}", self.given, self.surname),
        ]
    }
}

/// For a person's `name` that writes a nickname between given names and surname, the name
/// by the nickname and the name without it ("Magic Johnson", "Earvin Johnson" of "Earvin
/// (Magic) Johnson"): two names of one person, of which the name as written is an alias,
/// never a fuller name.
pub(crate) fn nickname_forms(name: &str) -> Option<[String; 2]> {
    Nicknamed::parse(name).map(|n| n.plain_forms())
}

/// `spans` (in text order) with each name cut at a nickname made one person's span.
pub(super) fn join(
    lex: &Lexicon,
    text: &str,
    mut spans: Vec<TaggedSpan>,
    when: When<'_>,
) -> Vec<TaggedSpan> {
    for (open, close) in MARKS {
        let mut from = 0;
        while let Some(found) = text[from..].find(open) {
            let at = from + found;
            from = at + open.len_utf8();
            if let Some((start, end)) = nicknamed_name(lex, text, &spans, at, (open, close), when) {
                let first = spans
                    .iter()
                    .position(|s| s.end > start)
                    .unwrap_or(spans.len());
                let last = spans[first..]
                    .iter()
                    .position(|s| s.start >= end)
                    .map_or(spans.len(), |n| first + n);
                spans.splice(
                    first..last,
                    [TaggedSpan {
                        start,
                        end,
                        kind: NerType::Per,
                        doubtful: false,
                    }],
                );
                from = end;
            }
        }
    }
    spans
}

/// The byte range of a name with a nickname whose opening mark is at `at`, if the words
/// around make one: given names or initials before it (the tagger's span ending there, or
/// up to three such words), a capitalised surname after it (the tagger's span there, or one
/// word and a suffix), and a sign that this is a person (the tagger read a piece so, or a
/// given name or an initial comes first). A nickname the lists know as a place or a body is
/// none ("Hamilton (Ontario) Spectator", "Washington (Reuters) Mr. Smith").
fn nicknamed_name(
    lex: &Lexicon,
    text: &str,
    spans: &[TaggedSpan],
    at: usize,
    (open, close): (char, char),
    when: When<'_>,
) -> Option<(usize, usize)> {
    let before = text[..at].strip_suffix(' ')?;
    let inner_start = at + open.len_utf8();
    let inner_len = text[inner_start..]
        .chars()
        .take(30)
        .position(|c| c == close)?;
    let inner_end = inner_start
        + text[inner_start..]
            .char_indices()
            .nth(inner_len)
            .map_or(0, |(i, _)| i);
    let nickname = &text[inner_start..inner_end];
    let after = text[inner_end + close.len_utf8()..].strip_prefix(' ')?;
    let surname_start = text.len() - after.len();
    // Not a club or a place in brackets ("Simon Webster (Edinburgh Rugby) Forwards:"). After
    // a middle initial it is a nickname even if a list knows it: "Alvin M. (Tex) Johnston"
    // ("Tex" is Texas written short).
    let listed = |name: &str| {
        [EntityKind::Place, EntityKind::Org]
            .into_iter()
            .any(|kind| lex.knows(kind, name, when))
    };
    let after_an_initial = before
        .rsplit(' ')
        .next()
        .is_some_and(|w| w.ends_with('.') && person_names::is_initial(w));
    if !is_nickname(nickname)
        || (!after_an_initial && (nickname.split(' ').any(listed) || listed(nickname)))
        || !after.starts_with(char::is_uppercase)
    {
        return None;
    }
    // The given names: the tagger's span that ends before the mark, or the words there.
    let start = match spans.iter().find(|s| s.end == before.len()) {
        Some(span) if text[span.start..span.end].split(' ').all(is_given_word) => span.start,
        Some(_) => return None,
        None => {
            let mut start = None;
            let mut cursor = before.len();
            for word in before.rsplit(' ').take(3) {
                if !is_given_word(word) || fragments::is_title(word.trim_end_matches('.')) {
                    break;
                }
                let word_start = cursor - word.len();
                start = Some(word_start);
                if word_start == 0 {
                    break;
                }
                cursor = word_start - 1;
            }
            start?
        }
    };
    // "an Americanised \"Jimmy\" Bond": after an article, a word describes.
    let word_before = text[..start].trim_end().rsplit(' ').next().unwrap_or("");
    if matches!(
        word_before.to_lowercase().as_str(),
        "a" | "an" | "the" | "his" | "her" | "its" | "their"
    ) {
        return None;
    }
    let given = &text[start..before.len()];
    // The surname: the tagger's span over it (which may start inside the marks: "Tony)
    // Boyle"), or its word and a suffix.
    let end = match spans
        .iter()
        .find(|s| s.start <= surname_start && surname_start < s.end && s.start > before.len())
    {
        Some(span) => span.end,
        None => surname_start + surname_len(after),
    };
    let surname = &text[surname_start..end];
    if surname.is_empty()
        || fragments::is_title(surname.split(' ').next()?.trim_end_matches('.'))
        || surname.split(' ').count() > 3
    {
        return None;
    }
    let tagged_person = spans
        .iter()
        .any(|s| s.kind == NerType::Per && s.start < end && start < s.end);
    let first = given.split(' ').next()?;
    let person =
        tagged_person || person_names::is_initial(first) || fragments::is_given_name(first);
    person.then_some((start, end))
}

/// The length of the surname at the start of `after`: one word (without a possessive "'s"),
/// and a suffix after it ("Jr.", "III").
fn surname_len(after: &str) -> usize {
    let word = after
        .find(|c: char| !(c.is_alphabetic() || matches!(c, '\'' | '\u{2019}' | '-' | '.')))
        .unwrap_or(after.len());
    let mut len = word;
    for possessive in ["'s", "\u{2019}s"] {
        if after[..len].ends_with(possessive) {
            len -= possessive.len();
        }
    }
    let bare = after[..len].trim_end_matches('.');
    len = bare.len()
        + usize::from(
            after[bare.len()..len].starts_with('.') && bare.ends_with(char::is_uppercase),
        );
    let rest = &after[len..];
    for suffix in [
        " Jr.", " Sr.", " Jr", " Sr", " II", " III", " IV", ", Jr.", ", Sr.",
    ] {
        if rest.starts_with(suffix)
            && !rest[suffix.len()..].starts_with(|c: char| c.is_alphanumeric())
        {
            return len + suffix.len();
        }
    }
    len
}

/// "Tony", "Tip", "Magic", "Cap'n", "Big Jim": one or two capitalised words with a lowercase
/// letter, no point, no digit (not "CIO", "Ret.", "Ill.", "1952").
fn is_nickname(inner: &str) -> bool {
    let words: Vec<&str> = inner.split(' ').collect();
    words.len() <= 2
        && words.iter().all(|w| {
            w.chars().count() >= 2
                && w.starts_with(char::is_uppercase)
                && w.chars().any(char::is_lowercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '\'' | '-'))
        })
}

/// A given name or an initial as written before a nickname: "Thomas", "P.", "J.R.".
fn is_given_word(word: &str) -> bool {
    let bare = word.trim_end_matches('.');
    !bare.is_empty()
        && bare.starts_with(char::is_uppercase)
        && bare
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
        && (person_names::is_initial(word)
            || word.contains('.') && bare.split('.').all(|i| i.chars().count() == 1)
            || bare.chars().any(char::is_lowercase) && !word.ends_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nicknamed_name_splits_into_its_parts() {
        let parts = Nicknamed::parse("Thomas P. (Tip) O'Neill Jr.").unwrap();
        assert_eq!(
            (parts.given, parts.nickname, parts.surname),
            ("Thomas P.", "Tip", "O'Neill Jr.")
        );
        let quoted = Nicknamed::parse("Earvin \"Magic\" Johnson").unwrap();
        assert_eq!(quoted.plain_forms(), ["Magic Johnson", "Earvin Johnson"]);
        for plain in [
            "John Smith",
            "United Automobile Workers (CIO) Local",
            "Springfield (Ill.) Union",
            "Paris (1919) Conference",
        ] {
            assert_eq!(Nicknamed::parse(plain), None, "{plain}");
        }
    }

    #[test]
    fn a_surname_ends_at_its_possessive_and_keeps_its_suffix() {
        assert_eq!(surname_len("Luciano's biographer"), "Luciano".len());
        assert_eq!(surname_len("O'Neill Jr. met"), "O'Neill Jr.".len());
        assert_eq!(surname_len("Boyle, the union's"), "Boyle".len());
        assert_eq!(surname_len("Ruth."), "Ruth".len());
    }
}
