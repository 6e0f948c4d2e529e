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
use super::label::COUNT;

const MAGIC: &[u8; 8] = b"MORGNER4";
/// The previous format: no decoding flags.
const MAGIC3: &[u8; 8] = b"MORGNER3";
/// The previous format: no Brown cluster table.
const MAGIC2: &[u8; 8] = b"MORGNER2";

#[derive(Clone)]
pub(crate) struct Weights {
    /// Open-addressing slots: feature key, 0 = empty.
    slots: Vec<u64>,
    /// Row index of each slot.
    slot_rows: Vec<u32>,
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
        let mut slots = vec![0u64; cap];
        let mut slot_rows = vec![0u32; cap];
        for (row, &key) in keys.iter().enumerate() {
            let key = nonzero(key);
            let mut i = key as usize & (cap - 1);
            while slots[i] != 0 && slots[i] != key {
                i = (i + 1) & (cap - 1);
            }
            slots[i] = key;
            slot_rows[i] = row as u32;
        }
        Weights {
            slots,
            slot_rows,
            data,
            scale,
            rows: keys.len(),
        }
    }

    #[inline]
    fn find(&self, key: u64) -> Option<usize> {
        let key = nonzero(key);
        let mask = self.slots.len() - 1;
        let mut i = key as usize & mask;
        loop {
            match self.slots[i] {
                0 => return None,
                k if k == key => return Some(self.slot_rows[i] as usize),
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Label scores for a token's features.
    pub fn scores(&self, feats: &[u64], out: &mut [f32; COUNT]) {
        let mut acc = [0i32; COUNT];
        for &f in feats {
            if let Some(r) = self.find(f) {
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
        for (&k, &r) in self.slots.iter().zip(&self.slot_rows) {
            if k != 0 {
                keys[r as usize] = k;
            }
        }
        keys
    }
}

/// Key 0 marks an empty slot, so a (vanishingly unlikely) zero hash is moved to 1.
#[inline]
fn nonzero(key: u64) -> u64 {
    if key == 0 { 1 } else { key }
}

pub(crate) fn encode(t: &Tagger) -> Vec<u8> {
    let mut out = Vec::with_capacity(16 + t.weights.rows * (8 + 2 * COUNT));
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(t.raw_scores as u32).to_le_bytes());
    let mut clusters: Vec<_> = t.res.clusters.iter().map(|(&k, &v)| (k, v)).collect();
    clusters.sort_unstable();
    out.extend_from_slice(&(clusters.len() as u32).to_le_bytes());
    for (k, v) in clusters {
        out.extend_from_slice(&k.to_le_bytes());
        out.extend_from_slice(&v.to_le_bytes());
    }
    let mut gaz: Vec<_> = t.res.gazetteer.iter().map(|(&k, &v)| (k, v)).collect();
    gaz.sort_unstable();
    out.extend_from_slice(&(gaz.len() as u32).to_le_bytes());
    out.extend_from_slice(&(t.res.gaz_max_len as u32).to_le_bytes());
    for (k, v) in gaz {
        out.extend_from_slice(&k.to_le_bytes());
        out.extend_from_slice(&v.to_le_bytes());
    }
    let mut brown: Vec<_> = t.res.brown.iter().map(|(&k, &v)| (k, v)).collect();
    brown.sort_unstable();
    out.extend_from_slice(&(brown.len() as u32).to_le_bytes());
    for (k, v) in brown {
        out.extend_from_slice(&k.to_le_bytes());
        out.extend_from_slice(&v.to_le_bytes());
    }
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
    Ok(Tagger {
        weights,
        stage2,
        res,
        raw_scores: flags & 1 != 0,
    })
}

fn read_weights(r: &mut Reader) -> Result<Weights, String> {
    let scale = f32::from_le_bytes(r.take(4, "scale")?.try_into().unwrap_or([0; 4]));
    let rows = r.u32("row count")? as usize;
    let keys = r
        .take(rows * 8, "feature keys")?
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
        .collect();
    let data = r
        .take(rows * COUNT * 2, "weights")?
        .chunks_exact(2)
        .map(|c| i16::from_le_bytes([c[0], c[1]]))
        .collect();
    Ok(Weights::build(keys, data, scale))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let t = Tagger {
            weights: Weights::from_rows(rows),
            stage2: None,
            res,
            raw_scores: true,
        };
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
