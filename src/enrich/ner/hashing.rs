//! The hashes that feature keys, gazetteer keys and cluster tables are built from, shared by
//! feature extraction (`features`), the name lists compiled into a model (`lists`) and the
//! word clusters (`clusters`).
//!
//! Every value here ends up as a key in `data/ner/model.bin`: changing any constant or the
//! order of a mix changes every key, and the shipped model then silently matches nothing.
//! Such a change needs a retrained model.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Keys are already good hashes: hashing them again would only cost time.
#[derive(Default, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("IdHasher only hashes u64 keys")
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// splitmix64's finaliser: a cheap, well-mixed combination step.
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    let mut z = a.rotate_left(17) ^ b.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Curly quotes and apostrophes read as their ASCII forms, so "Putin’s" == "Putin's".
#[inline]
pub(crate) fn fold_quote(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '`' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' => '"',
        '\u{2013}' | '\u{2014}' => '-',
        _ => c,
    }
}

/// Hash of a word: raw, or lowercased with digits folded to 0 ("1996" -> "0000").
pub(crate) fn hash_word(w: &str, lower: bool) -> u64 {
    let mut h = 0xCBF2_9CE4_8422_2325u64;
    for c in w.chars() {
        let mut c = fold_quote(c);
        if lower {
            if c.is_ascii_digit() {
                c = '0';
            } else if c.is_uppercase() {
                c = c.to_lowercase().next().unwrap_or(c);
            }
        }
        h = (h ^ c as u64).wrapping_mul(0x0000_0100_0000_01B3);
    }
    mix(h, if lower { 1 } else { 2 })
}

/// Hash of a word as written (`form` 0), title-cased (1) or lowercased (2); no digit folding.
/// Keys of the Brown cluster table (`features::Resources::brown`).
pub(crate) fn hash_form(w: &str, form: u8) -> u64 {
    let mut h = 0x84F2_1CE4_8422_2325u64;
    for (k, c) in w.chars().enumerate() {
        let c = fold_quote(c);
        let c = match (form, k) {
            (1, 0) => c.to_uppercase().next().unwrap_or(c),
            (1, _) | (2, _) => c.to_lowercase().next().unwrap_or(c),
            _ => c,
        };
        h = (h ^ c as u64).wrapping_mul(0x0000_0100_0000_01B3);
    }
    mix(h, 3)
}

/// Hash of a run of lowercased token hashes; gazetteer keys (`lists`) and gazetteer matching
/// (`features`) use the same function, so a name matches the tokens it was compiled from.
pub(crate) fn seq_hash(prev: u64, lower: u64) -> u64 {
    mix(prev ^ 0x5EED, lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_case_digits_and_curly_quotes() {
        assert_eq!(hash_word("Putin’s", false), hash_word("Putin's", false));
        assert_eq!(hash_word("MOSCOW", true), hash_word("moscow", true));
        assert_eq!(hash_word("1996", true), hash_word("2024", true));
        assert_ne!(hash_word("1996", false), hash_word("2024", false));
        assert_ne!(hash_word("Moscow", false), hash_word("moscow", false));
        // The raw and the lowercased hash of the same text never collide.
        assert_ne!(hash_word("moscow", false), hash_word("moscow", true));
    }

    #[test]
    fn forms_title_case_and_lower_case() {
        assert_eq!(hash_form("real", 1), hash_form("Real", 0));
        assert_eq!(hash_form("REAL", 2), hash_form("real", 0));
        assert_ne!(hash_form("REAL", 0), hash_form("real", 0));
        assert_ne!(hash_form("real", 0), hash_word("real", false));
    }

    #[test]
    fn sequences_depend_on_order() {
        let (a, b) = (hash_word("new", true), hash_word("york", true));
        assert_ne!(seq_hash(seq_hash(0, a), b), seq_hash(seq_hash(0, b), a));
        assert_ne!(seq_hash(0, a), a);
    }
}
