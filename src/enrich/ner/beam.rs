//! The beam over one sentence's BILOU labels, shared by tagging (`Tagger`) and global training
//! (`train::train_sentence`), so training searches exactly the way tagging does.
//!
//! Per token the caller scores each kept hypothesis's allowed labels into candidates
//! ([`Beam::push`], or [`Beam::extend_raw`] for raw score sums), then [`Beam::prune`] keeps the
//! best `width` of them; only well-formed BILOU sequences are kept, and at the last token only
//! those that close their last entity.

use super::label::{self, COUNT};

/// A kept hypothesis: total score, its last two labels, and its last step in the beam's steps.
#[derive(Clone, Copy)]
pub(crate) struct Hyp {
    pub score: f32,
    pub prev: Option<u8>,
    pub prev2: Option<u8>,
    pub step: u32,
}

/// The step before a sentence's first label.
pub(crate) const ROOT: u32 = u32::MAX;

pub(crate) struct Beam {
    width: usize,
    /// (label, previous step) of every hypothesis ever kept, for backtracking.
    steps: Vec<(u8, u32)>,
    hyps: Vec<Hyp>,
    /// This token's candidates: (total score, hypothesis index, label).
    next: Vec<(f32, usize, u8)>,
}

impl Beam {
    /// An empty beam for a sentence of `n` tokens.
    pub fn new(n: usize, width: usize) -> Beam {
        Beam {
            width,
            steps: Vec::with_capacity(n * width),
            hyps: vec![Hyp {
                score: 0.0,
                prev: None,
                prev2: None,
                step: ROOT,
            }],
            next: Vec::new(),
        }
    }

    /// The kept hypotheses, best first.
    pub fn hyps(&self) -> &[Hyp] {
        &self.hyps
    }

    /// No kept hypothesis is inside a name: each may go on with O.
    pub fn closed(&self) -> bool {
        self.hyps
            .iter()
            .all(|h| label::allowed(h.prev.unwrap_or(label::O), label::O))
    }

    /// A candidate: hypothesis `h` extended by `label`, scoring `score` in all.
    pub fn push(&mut self, score: f32, h: usize, label: u8) {
        self.next.push((score, h, label));
    }

    /// Candidates for every label allowed after hypothesis `h`, adding the raw scores of its
    /// label-independent (`base`) and label-dependent (`extra`) features.
    pub fn extend_raw(&mut self, h: usize, base: &[f32; COUNT], extra: &[f32; COUNT]) {
        let hyp = self.hyps[h];
        let prev = hyp.prev.unwrap_or(label::O);
        for l in 0..COUNT {
            if label::allowed(prev, l as u8) {
                self.next.push((hyp.score + base[l] + extra[l], h, l as u8));
            }
        }
    }

    /// Keeps the best candidates (at the sentence's `last` token, only those closing their
    /// entity) as the new hypotheses.
    pub fn prune(&mut self, last: bool) {
        // The best `width` candidates, best first, equal scores in the order they came: what
        // a stable sort of all of them would put first, without sorting the ~40 candidates of
        // every token (that sort was ~7% of indexing time with entities on).
        let mut best: Vec<(f32, usize, u8)> = Vec::with_capacity(self.width + 1);
        for &candidate in &self.next {
            if last && !label::allowed(candidate.2, label::O) {
                continue;
            }
            let at = best.partition_point(|kept| kept.0.total_cmp(&candidate.0).is_ge());
            if at < self.width {
                best.insert(at, candidate);
                best.truncate(self.width);
            }
        }
        let mut kept = Vec::with_capacity(self.width);
        for (score, h, l) in best {
            let from = self.hyps[h];
            self.steps.push((l, from.step));
            kept.push(Hyp {
                score,
                prev: Some(l),
                prev2: from.prev,
                step: self.steps.len() as u32 - 1,
            });
        }
        self.hyps = kept;
        self.next.clear();
    }

    /// The label and previous step of `step`.
    pub fn step(&self, step: u32) -> (u8, u32) {
        self.steps[step as usize]
    }

    /// The labels of the path ending at `step`, first token first.
    pub fn labels(&self, mut step: u32) -> Vec<u8> {
        let mut labels = Vec::new();
        while step != ROOT {
            let (l, back) = self.step(step);
            labels.push(l);
            step = back;
        }
        labels.reverse();
        labels
    }

    /// The labels of the best hypothesis.
    pub fn best_labels(&self) -> Vec<u8> {
        self.labels(self.hyps.first().map_or(ROOT, |h| h.step))
    }
}
