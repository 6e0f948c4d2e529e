//! Wire copy: one story carried by several outlets, each with its own headline, dateline,
//! byline or last paragraph. Left alone, a search for it fills the first page with the same
//! text. Each article gets a small MinHash sketch of its body's word 4-grams; a search folds
//! an article whose sketch is close to an earlier hit's into that hit (see `search::copies`).
//!
//! The sketch is one-permutation MinHash: every 4-gram is hashed once, the hash's top bits pick
//! one of [`SKETCH_BINS`] bins and each bin keeps the smallest low half it saw. Two bodies that
//! share most of their 4-grams agree in most non-empty bins; two different stories, even on
//! the same event in the same words ("said on Tuesday that the"), agree in almost none.

/// Bins per sketch; a sketch is stored as one u64 per non-empty bin (bin number in the high
/// half), about 150 bytes per article in the index.
pub const SKETCH_BINS: usize = 32;

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
    let mut window = [0u64; SHINGLE];
    let mut words = 0usize;
    let mut bins = [u32::MAX; SKETCH_BINS];
    let mut filled = [false; SKETCH_BINS];
    for word in body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        window[words % SHINGLE] = word_hash(word);
        words += 1;
        if words < SHINGLE {
            continue;
        }
        // The window in order, oldest word first.
        let mut h = 0u64;
        for i in 0..SHINGLE {
            h = mix(h ^ window[(words + i) % SHINGLE]);
        }
        let bin = (h >> 59) as usize;
        let value = h as u32;
        if value <= bins[bin] {
            bins[bin] = value;
            filled[bin] = true;
        }
    }
    if words < MIN_WORDS {
        return Vec::new();
    }
    (0..SKETCH_BINS)
        .filter(|&bin| filled[bin])
        .map(|bin| ((bin as u64) << 32) | u64::from(bins[bin]))
        .collect()
}

/// Estimated share of common 4-grams between the bodies behind two sketches: bins equal in
/// both over bins filled in either. 0 when either has no sketch.
pub fn similarity(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut equal, mut either) = (0usize, 0usize);
    let (mut i, mut j) = (0, 0);
    // Both sorted by bin (the bin is the high half).
    while i < a.len() || j < b.len() {
        let bin_a = a.get(i).map(|v| v >> 32);
        let bin_b = b.get(j).map(|v| v >> 32);
        either += 1;
        match (bin_a, bin_b) {
            (Some(x), Some(y)) if x == y => {
                equal += usize::from(a[i] == b[j]);
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => i += 1,
            (Some(_), None) => i += 1,
            _ => j += 1,
        }
    }
    equal as f32 / either as f32
}

/// Case-insensitive hash of one word (FxHash-style over its lowercased characters).
fn word_hash(word: &str) -> u64 {
    let mut h = 0u64;
    for c in word.chars().flat_map(char::to_lowercase) {
        h = (h.rotate_left(5) ^ u64::from(c)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    h
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
        assert!(original.len() > SKETCH_BINS / 2, "{original:?}");
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

    #[test]
    fn short_bodies_get_no_sketch() {
        assert!(sketch("Correction: an earlier version misspelled a name.").is_empty());
        assert_eq!(similarity(&[], &sketch(WIRE)), 0.0);
    }
}
