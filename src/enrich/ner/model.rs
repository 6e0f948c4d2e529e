//! The weight table used at tagging time, and the model file format.
//!
//! Weights are quantised to `i16` with one global scale (the perceptron only needs the argmax,
//! and 16 bits keep it exact in practice) and kept in an open-addressing table keyed by feature
//! hash: one probe sequence per feature, one contiguous row of 17 label weights per hit.
//!
//! File layout (little-endian): magic `MORGNER4`; flags `u32` (bit 0: the beam search adds raw
//! scores, see `Tagger::raw_scores`); clusters `u32 n` then `n x (u64 key, u32 id)`;
//! gazetteer `u32 n, u32 max_len` then `n x (u64 key, u16 kinds)`; Brown clusters `u32 n` then
//! `n x (u64 key, u32 path)`; stage count `u32` (1 or 2); per stage, weights `f32 scale,
//! u32 rows` then `rows x u64 key` then `rows x 17 x i16`. `MORGNER3` files (no flags:
//! log-softmax decoding) and `MORGNER2` files (no flags, no Brown table) still load.

use super::Tagger;
use super::features::Resources;
use super::hashing::IdMap;
use super::label::COUNT;

const MAGIC: &[u8; 8] = b"MORGNER4";
/// The previous format: no decoding flags.
const MAGIC3: &[u8; 8] = b"MORGNER3";
/// The previous format: no Brown cluster table.
const MAGIC2: &[u8; 8] = b"MORGNER2";

/// One open-addressing slot: a feature key and its row, read together in one cache line
/// (16-byte aligned, four to a line). `row == EMPTY` marks a free slot, so every `u64` is a
/// valid key (key 0 included).
#[repr(C, align(16))]
#[derive(Clone, Copy)]
struct Slot {
    key: u64,
    row: u64,
}

/// The `row` of a free slot.
const EMPTY: u64 = u64::MAX;

/// Features looked up together in `Weights::scores`: their slots are prefetched, then their
/// rows, before any sum waits on memory. On the stack, so scoring allocates nothing.
const BATCH: usize = 32;

#[derive(Clone)]
pub(crate) struct Weights {
    /// Open-addressing slots (linear probing from `key & mask`), at most half full.
    slots: Vec<Slot>,
    data: Vec<i16>,
    scale: f32,
    rows: usize,
}

impl Weights {
    /// Quantises `rows` (key, 17 weights); rows that quantise to all zeros are dropped.
    pub fn from_rows(rows: impl Iterator<Item = (u64, [f32; COUNT])> + Clone) -> Weights {
        let max = rows
            .clone()
            .flat_map(|(_, w)| w)
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut keys = Vec::new();
        let mut data = Vec::new();
        for (key, w) in rows {
            let q = w.map(|w| (w / scale).round() as i16);
            if q.iter().any(|&q| q != 0) {
                keys.push(key);
                data.extend_from_slice(&q);
            }
        }
        Weights::build(keys, data, scale)
    }

    fn build(keys: Vec<u64>, data: Vec<i16>, scale: f32) -> Weights {
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mut slots = on_huge_pages(cap);
        slots.resize(cap, Slot { key: 0, row: EMPTY });
        for (row, &key) in keys.iter().enumerate() {
            let mut i = key as usize & (cap - 1);
            while slots[i].row != EMPTY && slots[i].key != key {
                i = (i + 1) & (cap - 1);
            }
            // A repeated key (never written by `encode`) keeps its last row, as before.
            slots[i] = Slot {
                key,
                row: row as u64,
            };
        }
        Weights {
            slots,
            data,
            scale,
            rows: keys.len(),
        }
    }

    /// The row of `key`, probing from slot `i` (its home slot).
    #[inline]
    fn find_from(&self, key: u64, mut i: usize) -> Option<usize> {
        let mask = self.slots.len() - 1;
        loop {
            let s = self.slots[i];
            if s.row == EMPTY {
                return None;
            }
            if s.key == key {
                return Some(s.row as usize);
            }
            i = (i + 1) & mask;
        }
    }

    /// Label scores for a token's features.
    ///
    /// The table is several times larger than L2, so each lookup is two cache misses (the
    /// slot, then the row). Per batch of features: prefetch every home slot, then resolve the
    /// slots to rows and prefetch the rows, then sum, so the misses overlap instead of
    /// queueing one after another.
    pub fn scores(&self, feats: &[u64], out: &mut [f32; COUNT]) {
        let mask = self.slots.len() - 1;
        let mut acc = [0i32; COUNT];
        for batch in feats.chunks(BATCH) {
            let mut home = [0usize; BATCH];
            for (h, &f) in home.iter_mut().zip(batch) {
                *h = f as usize & mask;
                prefetch(&self.slots[*h]);
            }
            let mut rows = [0usize; BATCH];
            let mut n = 0;
            for (&h, &f) in home.iter().zip(batch) {
                if let Some(r) = self.find_from(f, h) {
                    // A 34-byte row can straddle two cache lines: fetch both ends.
                    prefetch(&self.data[r * COUNT]);
                    prefetch(&self.data[r * COUNT + COUNT - 1]);
                    rows[n] = r;
                    n += 1;
                }
            }
            for &r in &rows[..n] {
                let row = &self.data[r * COUNT..(r + 1) * COUNT];
                for (a, &w) in acc.iter_mut().zip(row) {
                    *a += w as i32;
                }
            }
        }
        for (o, a) in out.iter_mut().zip(acc) {
            *o = a as f32 * self.scale;
        }
    }

    pub fn len(&self) -> usize {
        self.rows
    }

    /// The largest weight magnitude (quantisation maps it to `i16::MAX`).
    pub fn max_weight(&self) -> f32 {
        self.scale * i16::MAX as f32
    }

    /// Keys in row order (slots hold them scattered).
    fn keys(&self) -> Vec<u64> {
        let mut keys = vec![0u64; self.rows];
        for s in &self.slots {
            if s.row != EMPTY {
                keys[s.row as usize] = s.key;
            }
        }
        keys
    }
}

/// Asks the CPU to start loading the cache line holding `*p` into L1 (a hint: no fault, no
/// effect on results). A no-op off x86_64.
#[inline(always)]
fn prefetch<T>(p: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: `_mm_prefetch` only hints the cache and never dereferences in a way that can
    // fault; `p` comes from a reference, so it is in bounds of a live allocation anyway. SSE
    // is part of the x86_64 baseline.
    unsafe {
        use core::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
        _mm_prefetch::<_MM_HINT_T0>((p as *const T).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

pub(crate) fn encode(t: &Tagger) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + t.weights.rows * (8 + 2 * COUNT));
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(t.raw_scores as u32).to_le_bytes());
    write_table(&mut out, &t.res.clusters, &[], u32::to_le_bytes);
    let max_len = (t.res.gaz_max_len as u32).to_le_bytes();
    write_table(&mut out, &t.res.gazetteer, &max_len, u16::to_le_bytes);
    write_table(&mut out, &t.res.brown, &[], u32::to_le_bytes);
    out.extend_from_slice(&(1 + t.stage2.is_some() as u32).to_le_bytes());
    for w in std::iter::once(&t.weights).chain(&t.stage2) {
        out.extend_from_slice(&w.scale.to_le_bytes());
        out.extend_from_slice(&(w.rows as u32).to_le_bytes());
        for k in w.keys() {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for w in &w.data {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
    out
}

/// Writes a hash-keyed table: its length (`u32`), `header`, then `(u64 key, value)` entries
/// sorted by key, so the same table always gives the same bytes.
fn write_table<V: Copy + Ord, const N: usize>(
    out: &mut Vec<u8>,
    table: &IdMap<V>,
    header: &[u8],
    value_bytes: fn(V) -> [u8; N],
) {
    let mut entries: Vec<(u64, V)> = table.iter().map(|(&k, &v)| (k, v)).collect();
    entries.sort_unstable();
    out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    out.extend_from_slice(header);
    for (k, v) in entries {
        out.extend_from_slice(&k.to_le_bytes());
        out.extend_from_slice(&value_bytes(v));
    }
}

/// A cursor that names what was being read when the bytes ran out.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], String> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| format!("NER model truncated while reading {what}"))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u32(&mut self, what: &str) -> Result<u32, String> {
        Ok(u32::from_le_bytes(
            self.take(4, what)?.try_into().unwrap_or([0; 4]),
        ))
    }
    fn u64(&mut self, what: &str) -> Result<u64, String> {
        Ok(u64::from_le_bytes(
            self.take(8, what)?.try_into().unwrap_or([0; 8]),
        ))
    }
}

pub(crate) fn decode(bytes: &[u8]) -> Result<Tagger, String> {
    let mut r = Reader { bytes, pos: 0 };
    let magic = r.take(8, "magic")?;
    if magic != MAGIC && magic != MAGIC3 && magic != MAGIC2 {
        return Err("not a morgue NER model (bad magic)".into());
    }
    let flags = if magic == MAGIC { r.u32("flags")? } else { 0 };
    if flags > 1 {
        return Err(format!("NER model has unknown flags {flags:#x}"));
    }
    let mut res = Resources::default();
    let n = r.u32("cluster count")? as usize;
    res.clusters.reserve(n);
    for _ in 0..n {
        let k = r.u64("clusters")?;
        res.clusters.insert(k, r.u32("clusters")?);
    }
    let n = r.u32("gazetteer count")? as usize;
    res.gaz_max_len = r.u32("gazetteer")? as usize;
    res.gazetteer.reserve(n);
    for _ in 0..n {
        let k = r.u64("gazetteer")?;
        let v = r.take(2, "gazetteer")?;
        res.gazetteer.insert(k, u16::from_le_bytes([v[0], v[1]]));
    }
    if magic != MAGIC2 {
        let n = r.u32("brown cluster count")? as usize;
        res.brown.reserve(n);
        for _ in 0..n {
            let k = r.u64("brown clusters")?;
            res.brown.insert(k, r.u32("brown clusters")?);
        }
    }
    let stages = r.u32("stage count")?;
    if !(1..=2).contains(&stages) {
        return Err(format!("NER model has {stages} stages (expected 1 or 2)"));
    }
    let weights = read_weights(&mut r)?;
    let stage2 = if stages == 2 {
        Some(read_weights(&mut r)?)
    } else {
        None
    };
    if r.pos != bytes.len() {
        return Err(format!(
            "NER model has {} trailing bytes",
            bytes.len() - r.pos
        ));
    }
    Ok(Tagger::new(weights, stage2, res, flags & 1 != 0))
}

fn read_weights(r: &mut Reader) -> Result<Weights, String> {
    let scale = f32::from_le_bytes(r.take(4, "scale")?.try_into().unwrap_or([0; 4]));
    let rows = r.u32("row count")? as usize;
    let keys = r
        .take(rows * 8, "feature keys")?
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
        .collect();
    let mut data = on_huge_pages(rows * COUNT);
    data.extend(
        r.take(rows * COUNT * 2, "weights")?
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]])),
    );
    Ok(Weights::build(keys, data, scale))
}

/// An empty vector with room for `capacity` items whose memory the kernel is asked to back
/// with 2 MB pages (Linux, where transparent huge pages are on or on request). The weight
/// table is several times larger than L2 and read at random, a row per feature: with 4 KB
/// pages nearly every lookup also misses the TLB. Untouched until filled, so the advice
/// comes before the kernel has mapped any small pages.
fn on_huge_pages<T>(capacity: usize) -> Vec<T> {
    let vec = Vec::with_capacity(capacity);
    #[cfg(target_os = "linux")]
    {
        const PAGE: usize = 4096;
        let start = vec.as_ptr() as usize;
        let end = start + capacity * std::mem::size_of::<T>();
        let first = start.next_multiple_of(PAGE);
        let last = end / PAGE * PAGE;
        if last > first + (2 << 20) {
            // SAFETY: the range lies inside the vector's own allocation and is page-aligned;
            // MADV_HUGEPAGE is advice about backing, it never changes the memory's contents.
            // Failure (a kernel without THP) leaves the usual pages: nothing to handle.
            unsafe {
                libc::madvise(
                    first as *mut libc::c_void,
                    last - first,
                    libc::MADV_HUGEPAGE,
                );
            }
        }
    }
    vec
}

#[cfg(test)]
mod tests {
    use super::*;

    use std::collections::HashMap;

    /// A table with scale 1, so scores are the exact integer sums.
    fn table(rows: &[(u64, [i16; COUNT])]) -> Weights {
        let keys = rows.iter().map(|&(k, _)| k).collect();
        let data = rows.iter().flat_map(|&(_, w)| w).collect();
        Weights::build(keys, data, 1.0)
    }

    /// The reference: a plain map, summed feature by feature (repeats count again).
    fn naive(rows: &HashMap<u64, [i16; COUNT]>, feats: &[u64]) -> [f32; COUNT] {
        let mut acc = [0i32; COUNT];
        for f in feats {
            if let Some(w) = rows.get(f) {
                for (a, &w) in acc.iter_mut().zip(w) {
                    *a += w as i32;
                }
            }
        }
        acc.map(|a| a as f32)
    }

    fn scores(w: &Weights, feats: &[u64]) -> [f32; COUNT] {
        let mut out = [f32::NAN; COUNT];
        w.scores(feats, &mut out);
        out
    }

    /// Distinct weights for row `i`, so a wrong row never sums to the right answer.
    fn weights(i: usize) -> [i16; COUNT] {
        std::array::from_fn(|l| (i * 31 + l * 7 + 1) as i16 * if l % 2 == 0 { 1 } else { -1 })
    }

    fn splitmix64(state: &mut u64) -> u64 {
        *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Checks every key alone, all keys together, and keys the table does not hold.
    fn check(rows: &[(u64, [i16; COUNT])], unknown: &[u64]) {
        let w = table(rows);
        let map: HashMap<u64, [i16; COUNT]> = rows.iter().copied().collect();
        assert_eq!(map.len(), rows.len(), "test keys must be distinct");
        for &(k, row) in rows {
            assert_eq!(scores(&w, &[k]), row.map(f32::from), "key {k:#x}");
        }
        for &k in unknown {
            assert!(!map.contains_key(&k));
            assert_eq!(scores(&w, &[k]), [0.0; COUNT], "unknown key {k:#x}");
        }
        let all: Vec<u64> = rows
            .iter()
            .map(|&(k, _)| k)
            .chain(unknown.iter().copied())
            .collect();
        assert_eq!(scores(&w, &all), naive(&map, &all));
        assert_eq!(w.keys(), rows.iter().map(|&(k, _)| k).collect::<Vec<_>>());
    }

    #[test]
    fn colliding_home_slots_each_keep_their_row() {
        // 6 rows -> 16 slots: all of these share the home slot 3 (same low 4 bits), and the
        // ones at 15 wrap around the end of the table into slots 0, 1, ...
        let keys = [3, 3 + 16, 3 + 32, 3 + (1 << 40), 15, 15 + 16];
        let rows: Vec<_> = keys
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, weights(i)))
            .collect();
        assert_eq!(table(&rows).slots.len(), 16);
        check(&rows, &[3 + 48, 15 + 32, 0, 4, 19 + (1 << 63)]);
    }

    #[test]
    fn key_zero_and_key_one_are_different_keys() {
        let rows = [(0, weights(0)), (1, weights(1)), (u64::MAX, weights(2))];
        check(&rows, &[2, 16, u64::MAX - 1]);
        // Either alone: the other is unknown.
        check(&[(0, weights(0))], &[1, 16]);
        check(&[(1, weights(1))], &[0, 17]);
        // And key 0 survives the file format (it used to come back as key 1).
        let t = Tagger::new(table(&rows), None, Resources::default(), true);
        let back = Tagger::from_bytes(&t.to_bytes()).unwrap();
        assert_eq!(back.weights.keys(), vec![0, 1, u64::MAX]);
        assert_eq!(scores(&back.weights, &[0]), weights(0).map(f32::from));
    }

    #[test]
    fn keys_differing_only_in_high_bits() {
        let low = 0x5A5A_5A5A;
        let rows: Vec<_> = (32..64)
            .map(|b| low | (1u64 << b))
            .chain([low, u64::MAX << 32 | low])
            .enumerate()
            .map(|(i, k)| (k, weights(i)))
            .collect();
        check(&rows, &[low | (3 << 62), low | (1 << 31), low ^ 1]);
    }

    #[test]
    fn unknown_keys_add_nothing() {
        let rows: Vec<_> = (0..100).map(|i| (i * 2, weights(i as usize))).collect();
        let w = table(&rows);
        let odd: Vec<u64> = (0..200).map(|i| i * 2 + 1).collect();
        assert_eq!(scores(&w, &odd), [0.0; COUNT]);
        assert_eq!(scores(&w, &[]), [0.0; COUNT]);
        assert_eq!(
            scores(&w, &[4, 5, 7, 4]),
            weights(2).map(|x| 2.0 * x as f32)
        );
        assert_eq!(scores(&table(&[]), &[0, 1, 2]), [0.0; COUNT]);
    }

    #[test]
    fn more_features_than_one_batch() {
        let rows: Vec<_> = (0..50u64).map(|i| (i * 16, weights(i as usize))).collect();
        let map: HashMap<_, _> = rows.iter().copied().collect();
        let w = table(&rows);
        // Known, repeated and unknown keys across batch boundaries, and exact batch sizes.
        let feats: Vec<u64> = (0..3 * BATCH as u64 + 5)
            .map(|i| (i * 7 % 60) * 8)
            .collect();
        for n in [BATCH - 1, BATCH, BATCH + 1, 2 * BATCH, feats.len()] {
            let got = scores(&w, &feats[..n]);
            assert_eq!(got, naive(&map, &feats[..n]), "{n} features");
            assert_ne!(got, [0.0; COUNT]);
        }
        // A batch's sum is not lost when the next batch holds no known key.
        let mut tail = vec![16u64];
        tail.extend((0..BATCH as u64 * 2).map(|i| i * 16 + 1));
        assert_eq!(scores(&w, &tail), weights(1).map(f32::from));
    }

    #[test]
    fn scores_match_a_map_on_random_keys() {
        let mut state = 0x4D4F_5247_5545; // "MORGUE"
        let mut keys: Vec<u64> = (0..3000).map(|_| splitmix64(&mut state)).collect();
        // Add clusters of home-slot collisions and near misses in the high bits.
        for i in 0..200 {
            keys.push(keys[i] ^ (1 << (40 + i % 24)));
            keys.push((keys[i] & 0xFFFF) | (splitmix64(&mut state) << 16));
        }
        keys.extend([0, 1]);
        keys.sort_unstable();
        keys.dedup();
        let mut rows: Vec<(u64, [i16; COUNT])> = keys
            .iter()
            .map(|&k| {
                (
                    k,
                    std::array::from_fn(|_| splitmix64(&mut state) as i16 >> 4),
                )
            })
            .collect();
        // Row order is file order, not key order.
        for i in (1..rows.len()).rev() {
            rows.swap(i, splitmix64(&mut state) as usize % (i + 1));
        }
        let map: HashMap<_, _> = rows.iter().copied().collect();
        let w = table(&rows);
        assert_eq!(w.len(), rows.len());
        for _ in 0..2000 {
            let n = splitmix64(&mut state) as usize % 90;
            let feats: Vec<u64> = (0..n)
                .map(|_| match splitmix64(&mut state) % 3 {
                    0 => splitmix64(&mut state),
                    // A known key's home slot, but (almost surely) not the key.
                    1 => keys[splitmix64(&mut state) as usize % keys.len()] ^ (1 << 50),
                    _ => keys[splitmix64(&mut state) as usize % keys.len()],
                })
                .collect();
            assert_eq!(scores(&w, &feats), naive(&map, &feats));
        }
        assert_eq!(w.keys(), rows.iter().map(|&(k, _)| k).collect::<Vec<_>>());
    }

    #[test]
    fn builtin_model_round_trips_byte_for_byte() {
        // Every key of the shipped model comes back from the table exactly, in row order.
        let bytes = super::super::BUILTIN_MODEL;
        let t = Tagger::from_bytes(bytes).unwrap();
        assert_eq!(t.weights.keys().len(), t.weights.len());
        assert!(t.to_bytes() == bytes);
    }

    #[test]
    fn bytes_round_trip() {
        let rows = (1..50u64).map(|k| {
            let mut w = [0f32; COUNT];
            w[(k as usize) % COUNT] = k as f32 - 25.0;
            (k * 7919, w)
        });
        let mut res = Resources::default();
        res.clusters.insert(42, 3);
        res.gazetteer.insert(99, 5);
        res.gaz_max_len = 4;
        res.brown.insert(7, 0b1011);
        let t = Tagger::new(Weights::from_rows(rows), None, res, true);
        let bytes = t.to_bytes();
        let back = Tagger::from_bytes(&bytes).unwrap();
        assert_eq!(back.to_bytes(), bytes);
        assert_eq!(back.weights.len(), 48); // k = 25 quantises to all zeros and is dropped
        let (mut a, mut b) = ([0f32; COUNT], [0f32; COUNT]);
        t.weights.scores(&[7919, 7919 * 30], &mut a);
        back.weights.scores(&[7919, 7919 * 30], &mut b);
        assert_eq!(a, b);
        assert!(Tagger::from_bytes(&bytes[..bytes.len() - 1]).is_err());
        assert!(Tagger::from_bytes(b"garbage!").is_err());
        assert_eq!(back.res.brown.get(&7), Some(&0b1011));
        assert!(back.raw_scores);
        // The previous formats (no flags; no flags and no Brown table) still load.
        let mut old = bytes.clone();
        old[..8].copy_from_slice(MAGIC3);
        old.drain(8..12);
        let back = Tagger::from_bytes(&old).unwrap();
        assert!(!back.raw_scores);
        assert_eq!(back.res.brown.get(&7), Some(&0b1011));
        old[..8].copy_from_slice(MAGIC2);
        let brown_at = 8 + (4 + 12) + (4 + 4 + 10); // magic, clusters, gazetteer
        old.drain(brown_at..brown_at + 4 + 12);
        let back = Tagger::from_bytes(&old).unwrap();
        assert!(back.res.brown.is_empty());
        assert_eq!(back.weights.len(), 48);
    }
}
