//! Word clusters induced from the training words, a cheap stand-in for Brown clusters: every
//! word seen at least twice gets a context vector (counts of its left and right neighbours
//! among the most frequent words, square-rooted and normalised), and spherical k-means
//! groups words that occur in similar contexts ("Monday"/"Tuesday", "Clinton"/"Yeltsin").
//! Deterministic for a given seed.

use super::hashing::{IdMap, hash_word};

/// Context words: the most frequent lowercased words.
const CONTEXT_WORDS: usize = 400;
const MIN_COUNT: u32 = 2;
const ITERATIONS: usize = 12;

/// Lowercased word hash -> cluster ids at three granularities (`k / 16`, `k / 4` and `k`
/// clusters, like prefixes of a Brown bit path), packed 10 bits each, coarsest lowest.
pub(crate) fn induce(sentences: &[Vec<&str>], k: usize, seed: u64) -> IdMap<u32> {
    let k = k.min(1023);
    let mut out: IdMap<u32> = IdMap::default();
    for (level, k) in [k / 16, k / 4, k].into_iter().enumerate() {
        for (word, c) in induce_level(sentences, k.max(2), seed) {
            *out.entry(word).or_insert(0) |= c << (10 * level);
        }
    }
    out
}

/// Lowercased word hash -> cluster id in `0..k`.
fn induce_level(sentences: &[Vec<&str>], k: usize, seed: u64) -> IdMap<u32> {
    // Word ids in first-seen order (deterministic), with counts.
    let mut ids: IdMap<u32> = IdMap::default();
    let mut keys: Vec<u64> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let doc: Vec<Vec<u32>> = sentences
        .iter()
        .map(|s| {
            s.iter()
                .map(|w| {
                    let h = hash_word(w, true);
                    let id = *ids.entry(h).or_insert_with(|| {
                        keys.push(h);
                        counts.push(0);
                        keys.len() as u32 - 1
                    });
                    counts[id as usize] += 1;
                    id
                })
                .collect()
        })
        .collect();
    let mut by_freq: Vec<u32> = (0..keys.len() as u32).collect();
    by_freq.sort_by_key(|&i| (std::cmp::Reverse(counts[i as usize]), i));
    let mut dim = vec![u32::MAX; keys.len()];
    for (d, &w) in by_freq.iter().take(CONTEXT_WORDS).enumerate() {
        dim[w as usize] = d as u32;
    }
    // Sparse context vectors: dims 0..N are left neighbours, N..2N right ones, 2N/2N+1 are
    // sentence boundaries.
    let n = CONTEXT_WORDS as u32;
    let mut ctx: Vec<IdMap<f32>> = vec![IdMap::default(); keys.len()];
    for s in &doc {
        for (i, &w) in s.iter().enumerate() {
            if counts[w as usize] < MIN_COUNT {
                continue;
            }
            let left = if i == 0 {
                2 * n
            } else {
                dim[s[i - 1] as usize]
            };
            let right = s
                .get(i + 1)
                .map_or(2 * n + 1, |&r| dim[r as usize].saturating_add(n));
            for d in [left, right] {
                if d < 2 * n + 2 {
                    *ctx[w as usize].entry(d as u64).or_insert(0.0) += 1.0;
                }
            }
        }
    }
    let words: Vec<u32> = by_freq
        .iter()
        .copied()
        .filter(|&w| counts[w as usize] >= MIN_COUNT)
        .collect();
    let vecs: Vec<Vec<(usize, f32)>> = words
        .iter()
        .map(|&w| {
            let mut v: Vec<(usize, f32)> = ctx[w as usize]
                .iter()
                .map(|(&d, &c)| (d as usize, c.sqrt()))
                .collect();
            v.sort_unstable_by_key(|&(d, _)| d);
            let norm = v.iter().map(|&(_, x)| x * x).sum::<f32>().sqrt().max(1e-6);
            v.iter_mut().for_each(|(_, x)| *x /= norm);
            v
        })
        .collect();
    let dims = 2 * CONTEXT_WORDS + 2;
    let k = k.min(words.len()).max(1);
    // Initial centroids: k words spread over the frequency list, offset by the seed.
    let mut centroids = vec![0f32; k * dims];
    for c in 0..k {
        let w = (c * words.len() / k + seed as usize % (words.len() / k).max(1)) % words.len();
        for &(d, x) in &vecs[w] {
            centroids[c * dims + d] = x;
        }
    }
    let mut assign = vec![0u32; words.len()];
    for _ in 0..ITERATIONS {
        for (a, v) in assign.iter_mut().zip(&vecs) {
            let mut best = (f32::NEG_INFINITY, 0);
            for c in 0..k {
                let row = &centroids[c * dims..(c + 1) * dims];
                let dot: f32 = v.iter().map(|&(d, x)| x * row[d]).sum();
                if dot > best.0 {
                    best = (dot, c);
                }
            }
            *a = best.1 as u32;
        }
        centroids.iter_mut().for_each(|x| *x = 0.0);
        for (&a, v) in assign.iter().zip(&vecs) {
            for &(d, x) in v {
                centroids[a as usize * dims + d] += x;
            }
        }
        for c in 0..k {
            let row = &mut centroids[c * dims..(c + 1) * dims];
            let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
            row.iter_mut().for_each(|x| *x /= norm);
        }
    }
    words
        .iter()
        .zip(&assign)
        .map(|(&w, &a)| (keys[w as usize], a))
        .collect()
}
