//! Wire copy: one story carried by several outlets, each with its own headline, dateline,
//! byline or last paragraph. Left alone, a search for it fills the first page with the same
//! text. Each article gets a small MinHash sketch of its body's word 4-grams; a search folds
//! an article whose sketch is close to an earlier hit's into that hit (see `search::copies`).
//!
//! The sketch is one-permutation MinHash: every 4-gram is hashed once, the hash's top bits pick
//! one of [`SKETCH_BINS`] bins and each bin keeps the smallest low half it saw. Two bodies that
//! share most of their 4-grams agree in most non-empty bins; two different stories, even on
//! the same event in the same words ("said on Tuesday that the"), agree in almost none.
//!
//! Only the top byte of each bin's minimum is kept (b-bit MinHash): two different minima
//! agree in it by chance one time in 255, which moves a similarity by well under the margin
//! between copies and other stories, and the sketch is 32 bytes instead of 32 words.

/// Bins per sketch.
pub const SKETCH_BINS: usize = 32;

/// Bump when the same body gives another sketch: the ingest fingerprint includes it, so the
/// next run sketches every article anew, and copies are compared sketch to sketch of one
/// kind. 2: each shingle mixed once, not once per word.
pub const SKETCH_VERSION: u32 = 2;

/// Bins packed into one stored u64: seven one-byte bins (0 = empty), the group's number in
/// bits 56-58 and [`PACKED`] set, so about 40 bytes per article in the index. Indexes made
/// before this format hold one u64 per filled bin (`bin << 32 | low half`, below 2^37);
/// [`Bins::of`] reads both.
const BINS_PER_VALUE: usize = 7;
const PACKED: u64 = 1 << 63;

/// Bodies with fewer words get no sketch: short items (briefs, captions, corrections) are too
/// alike to tell copies from different items reliably.
const MIN_WORDS: usize = 40;

/// Words per shingle.
const SHINGLE: usize = 4;

/// Estimated share of common 4-grams from which two bodies count as copies of one story. A
/// copy with a new first and last paragraph stays far above it; different stories score near
/// zero (see the tests).
pub const COPY_SIMILARITY: f32 = 0.5;

/// The values of a sketch's non-empty bins, each `bin << 32 | smallest low half`.
pub fn sketch(body: &str) -> Vec<u64> {
    let mut shingles = Shingles::default();
    // Words are runs of alphanumeric characters, hashed lowercased as they are read. ASCII
    // (most of any English archive) skips Unicode classification and case mapping.
    let mut word: Option<u64> = None;
    for c in body.chars() {
        if c.is_ascii_alphanumeric() {
            word = Some(fold_char(word.unwrap_or(0), c.to_ascii_lowercase()));
        } else if !c.is_ascii() && c.is_alphanumeric() {
            word = Some(c.to_lowercase().fold(word.unwrap_or(0), fold_char));
        } else if let Some(hash) = word.take() {
            shingles.add(hash);
        }
    }
    if let Some(hash) = word {
        shingles.add(hash);
    }
    shingles.finish()
}

/// The MinHash bins of a body's word 4-grams, fed one word hash at a time.
struct Shingles {
    /// The last [`SHINGLE`] word hashes, a ring indexed by `words`.
    window: [u64; SHINGLE],
    words: usize,
    bins: [u32; SKETCH_BINS],
    filled: [bool; SKETCH_BINS],
}

impl Default for Shingles {
    fn default() -> Shingles {
        Shingles {
            window: [0; SHINGLE],
            words: 0,
            bins: [u32::MAX; SKETCH_BINS],
            filled: [false; SKETCH_BINS],
        }
    }
}

impl Shingles {
    fn add(&mut self, word_hash: u64) {
        self.window[self.words % SHINGLE] = word_hash;
        self.words += 1;
        if self.words < SHINGLE {
            return;
        }
        // The window in order, oldest word first, each word turned by its place (so "a b"
        // and "b a" differ), then mixed once: a shingle costs one finaliser, not four.
        let mut h = 0u64;
        for i in 0..SHINGLE {
            h ^= self.window[(self.words + i) % SHINGLE].rotate_left(16 * i as u32);
        }
        let h = mix(h);
        let bin = (h >> 59) as usize;
        let value = h as u32;
        if value <= self.bins[bin] {
            self.bins[bin] = value;
            self.filled[bin] = true;
        }
    }

    fn finish(self) -> Vec<u64> {
        if self.words < MIN_WORDS {
            return Vec::new();
        }
        let mut bytes = [0u8; SKETCH_BINS];
        for (bin, byte) in bytes.iter_mut().enumerate() {
            if self.filled[bin] {
                *byte = top_byte(self.bins[bin]);
            }
        }
        bytes
            .chunks(BINS_PER_VALUE)
            .enumerate()
            .filter(|(_, group)| group.iter().any(|&b| b != 0))
            .map(|(g, group)| {
                let bins = group
                    .iter()
                    .enumerate()
                    .fold(0u64, |v, (i, &b)| v | (u64::from(b) << (8 * i)));
                PACKED | ((g as u64) << 56) | bins
            })
            .collect()
    }
}

/// A bin's stored byte: the top byte of its minimum, never 0 (0 marks an empty bin).
fn top_byte(min: u32) -> u8 {
    ((min >> 24) as u8).max(1)
}

/// A sketch spread out over its bins, to be compared with many others: a search folding
/// copies compares every candidate with every story before it. [`Bins::similarity`] is the
/// estimated share of common 4-grams between the bodies behind two sketches.
#[derive(Debug, Clone)]
pub struct Bins {
    /// Bit `i` set: bin `i` is filled.
    filled: u32,
    values: [u8; SKETCH_BINS],
}

impl Bins {
    /// The bins of a stored sketch (values as [`sketch`] makes them, or as indexes made
    /// before the packed format hold them, in any order).
    pub fn of(sketch: &[u64]) -> Bins {
        let mut bins = Bins {
            filled: 0,
            values: [0; SKETCH_BINS],
        };
        let mut fill = |bin: usize, byte: u8| {
            if bin < SKETCH_BINS && byte != 0 {
                bins.filled |= 1 << bin;
                bins.values[bin] = byte;
            }
        };
        for &value in sketch {
            if value & PACKED == 0 {
                fill((value >> 32) as usize, top_byte(value as u32));
                continue;
            }
            let group = ((value >> 56) & 0x7) as usize;
            for i in 0..BINS_PER_VALUE {
                fill(group * BINS_PER_VALUE + i, (value >> (8 * i)) as u8);
            }
        }
        bins
    }

    /// Bins equal in both over bins filled in either; 0 when either has no sketch.
    pub fn similarity(&self, other: &Bins) -> f32 {
        let (both, either) = (self.filled & other.filled, self.filled | other.filled);
        if self.filled == 0 || other.filled == 0 {
            return 0.0;
        }
        let mut same = 0u32;
        for (bin, (a, b)) in self.values.iter().zip(&other.values).enumerate() {
            same |= u32::from(a == b) << bin;
        }
        (same & both).count_ones() as f32 / either.count_ones() as f32
    }
}

/// One lowercased character into a word's case-insensitive hash (FxHash-style).
#[inline]
fn fold_char(h: u64, c: char) -> u64 {
    (h.rotate_left(5) ^ u64::from(c)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// A 64-bit finaliser (splitmix64), so every bit of a shingle's hash depends on every word.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn similarity(a: &[u64], b: &[u64]) -> f32 {
        Bins::of(a).similarity(&Bins::of(b))
    }

    const WIRE: &str = "Xi Jinping and Vladimir Putin spoke by telephone on Monday, the third \
        anniversary of the war in Ukraine, and pledged to deepen what both sides called a \
        partnership without limits. The Kremlin said the two leaders discussed the prospects \
        for a settlement and agreed that any talks must address the root causes of the \
        conflict. Chinese state media quoted Xi as saying that China welcomed all efforts \
        conducive to peace. The call came as European leaders gathered in Kyiv to mark the \
        anniversary and as officials in Washington prepared for further talks with Moscow. \
        Analysts said the timing of the call was meant to show that Beijing remained close to \
        Moscow whatever the outcome of the negotiations.";

    #[test]
    fn an_edited_copy_is_close_and_another_story_is_not() {
        let original = sketch(WIRE);
        let filled = Bins::of(&original).filled.count_ones() as usize;
        assert!(filled > SKETCH_BINS / 2, "{original:?}");
        // Another outlet: its own dateline and a closing line, one sentence cut.
        let copy = format!(
            "BEIJING (Morning Wire) - {} Reporting by our staff; editing by the desk.",
            WIRE.replace(
                "Chinese state media quoted Xi as saying that China welcomed all \
                          efforts conducive to peace. ",
                ""
            )
        );
        let copy = sketch(&copy);
        assert!(similarity(&original, &copy) >= COPY_SIMILARITY + 0.2);
        assert!((similarity(&original, &original) - 1.0).abs() < f32::EPSILON);
        // Case and punctuation do not matter.
        let shouted = sketch(&WIRE.to_uppercase().replace(',', ""));
        assert!((similarity(&original, &shouted) - 1.0).abs() < f32::EPSILON);

        let other = sketch(
            "Vladimir Putin said on Monday that the talks with Washington had made progress, \
             and the Kremlin said the two sides agreed to meet again in Riyadh. Officials in \
             Kyiv said they had not been consulted. European leaders, who gathered to mark \
             the third anniversary of the war in Ukraine, warned against any settlement \
             reached without Ukraine. Analysts said the timing was meant to show that Moscow \
             could divide its opponents whatever the outcome of the negotiations.",
        );
        assert!(!other.is_empty());
        assert!(similarity(&original, &other) < 0.15);
    }

    /// The sketch as first written: split on non-alphanumerics, then lowercase every
    /// character of each word. The one-pass version must give the same values.
    fn reference_sketch(body: &str) -> Vec<u64> {
        let mut shingles = Shingles::default();
        for word in body
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            shingles.add(word.chars().flat_map(char::to_lowercase).fold(0, fold_char));
        }
        shingles.finish()
    }

    #[test]
    fn one_pass_words_match_split_and_lowercase_in_any_script() {
        let texts = [
            WIRE.to_string(),
            // Turkish dotted capital I lowercases to two characters; German sharp s, Greek
            // final sigma, CJK without spaces, a ligature, digits, combining marks, emoji.
            "İstanbul İZMİR ıslak Straße STRASSE Ὀδυσσεύς ΣΊΣΥΦΟΣ 北京市人民政府 ﬁnance \
             e\u{301}te\u{301} 2025-02-24 café CAFÉ 🙂 tail"
                .repeat(8),
            format!("{WIRE} ÅNGSTRÖM Ærø — “quoted” x"),
            String::new(),
            "!!!".to_string(),
        ];
        for text in &texts {
            let words = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty());
            assert!(text.len() < 10 || words.count() >= MIN_WORDS, "{text}");
            assert_eq!(sketch(text), reference_sketch(text), "{text}");
        }
    }

    /// A packed sketch with the given (bin, byte) pairs filled.
    fn packed(filled: &[(usize, u8)]) -> Vec<u64> {
        let mut values = Vec::new();
        for group in 0..SKETCH_BINS.div_ceil(BINS_PER_VALUE) {
            let mut value = PACKED | ((group as u64) << 56);
            for &(bin, byte) in filled.iter().filter(|(b, _)| b / BINS_PER_VALUE == group) {
                value |= u64::from(byte) << (8 * (bin % BINS_PER_VALUE));
            }
            values.push(value);
        }
        values.reverse(); // stored order does not matter
        values
    }

    #[test]
    fn spread_bins_score_as_bins_equal_over_bins_filled() {
        // Sketches with some bins missing, some equal, some different.
        let a = packed(&[(0, 7), (3, 9), (5, 1), (31, 4)]);
        let b = packed(&[(31, 4), (3, 9), (5, 2), (8, 200)]);
        // Equal in bins 3 and 31; filled in either: 0, 3, 5, 8, 31.
        assert_eq!(similarity(&a, &b), 2.0 / 5.0);
        assert_eq!(similarity(&b, &a), 2.0 / 5.0);
        assert_eq!(similarity(&a, &a), 1.0);
        assert_eq!(similarity(&a, &[]), 0.0);
        assert_eq!(similarity(&[], &[]), 0.0);
        assert_eq!(similarity(&packed(&[]), &packed(&[])), 0.0);
    }

    #[test]
    fn sketches_of_older_indexes_read_as_the_same_bins() {
        // Before the packed format: one `bin << 32 | minimum` per filled bin.
        let mut shingles = Shingles::default();
        for word in WIRE
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            shingles.add(word.chars().flat_map(char::to_lowercase).fold(0, fold_char));
        }
        let legacy: Vec<u64> = (0..SKETCH_BINS)
            .filter(|&bin| shingles.filled[bin])
            .map(|bin| ((bin as u64) << 32) | u64::from(shingles.bins[bin]))
            .collect();
        assert!(legacy.len() > SKETCH_BINS / 2);
        assert_eq!(similarity(&legacy, &sketch(WIRE)), 1.0);
        // A minimum whose top byte is 0 still fills its bin, in either format.
        let low = |bin: u64| (bin << 32) | 5;
        assert_eq!(similarity(&[low(8)], &[low(8)]), 1.0);
        assert_eq!(similarity(&[low(8)], &[low(9)]), 0.0);
        assert_eq!(similarity(&[low(8)], &packed(&[(8, 1)])), 1.0);
        // Packed: at most five values of one u64 for 32 bins.
        assert!(sketch(WIRE).len() <= SKETCH_BINS.div_ceil(BINS_PER_VALUE));
    }

    #[test]
    fn short_bodies_get_no_sketch() {
        assert!(sketch("Correction: an earlier version misspelled a name.").is_empty());
        assert_eq!(similarity(&[], &sketch(WIRE)), 0.0);
    }
}
