//! The phrases worth a look from two words side by side. A near miss has the
//! first or the second word of its phrase written exactly (an anchor) and
//! the other of the two written exactly or one slip off; both are known
//! from the pair of words at the start of the run, so the anchors of both
//! words are sorted out at load by what the other word can be: a word of
//! the lexicon (looked up by the pair) or another word (tried by its ends).

use std::collections::HashMap;

use super::{Anchor, Fit};

/// A phrase to try at the first word of a pair, with where its anchor is
/// among the anchors [`super::LexiconCheck`] had looked at it from.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    pub phrase: u32,
    /// The anchor is the second word of the pair (else the first).
    pub second: bool,
    /// The anchor's place among the anchors of its word.
    pub order: u32,
    /// Words in the phrase: a run of the segment as long, or none.
    pub len: u32,
}

#[derive(Debug)]
pub(super) struct Pairs {
    /// A bit per [`pair_bit`], set for the pairs in `both`: most pairs of
    /// lexicon words side by side start no candidate.
    pair_bits: Box<[u64; PAIR_WORDS]>,
    /// By the number of a lexicon word: the lexicon words after which it
    /// starts a candidate, sorted, with their ranges of `candidates`.
    both: Vec<Vec<(u32, u32, u32)>>,
    candidates: Vec<Candidate>,
    /// By the number of a lexicon word: the candidates when the next word
    /// is no lexicon word, if that word shares an end with the folded
    /// ends given.
    then_other: Vec<Vec<((char, char), Candidate)>>,
    /// By the number of a lexicon word: the candidates (starting at the
    /// word before) when the word before is no lexicon word and shares an
    /// end with the folded ends given.
    other_then: Vec<Vec<((char, char), Candidate)>>,
}

impl Pairs {
    /// `anchors` and `near` by word number, as [`super::LexiconCheck`]
    /// has them.
    pub fn new(anchors: &[Vec<Anchor>], near: &[Vec<(u32, Fit)>]) -> Pairs {
        let words = anchors.len();
        // By word number: the lexicon words that are not `Fit::Other` to it.
        let mut near_to: Vec<Vec<u32>> = vec![Vec::new(); words];
        for (c, list) in near.iter().enumerate() {
            for &(b, fit) in list {
                if fit != Fit::Other {
                    if let Some(to) = near_to.get_mut(b as usize) {
                        to.push(c as u32);
                    }
                }
            }
        }
        let mut by_pair: HashMap<(u32, u32), Vec<Candidate>> = HashMap::new();
        let mut pairs = Pairs {
            pair_bits: Box::new([0; PAIR_WORDS]),
            both: Vec::new(),
            candidates: Vec::new(),
            then_other: vec![Vec::new(); words],
            other_then: vec![Vec::new(); words],
        };
        for (word, list) in anchors.iter().enumerate() {
            let word = word as u32;
            for (order, anchor) in list.iter().enumerate() {
                let b = anchor.other_id;
                let candidate = Candidate {
                    phrase: anchor.phrase as u32,
                    second: anchor.position == 1,
                    order: order as u32,
                    len: anchor.len as u32,
                };
                let near_b = near_to.get(b as usize).map_or(&[][..], Vec::as_slice);
                if anchor.position == 0 {
                    // Both words exactly as in a two-word phrase: no slip.
                    if anchor.len > 2 {
                        by_pair.entry((word, b)).or_default().push(candidate);
                    }
                    for &y in near_b {
                        by_pair.entry((word, y)).or_default().push(candidate);
                    }
                    pairs.then_other[word as usize].push((anchor.other_ends, candidate));
                } else {
                    // The first word exactly as in the phrase: looked at
                    // from that word.
                    for &x in near_b {
                        by_pair.entry((x, word)).or_default().push(candidate);
                    }
                    pairs.other_then[word as usize].push((anchor.other_ends, candidate));
                }
            }
        }
        let mut keys: Vec<(u32, u32)> = by_pair.keys().copied().collect();
        keys.sort_unstable();
        pairs.both = vec![Vec::new(); words];
        for (x, y) in keys {
            let start = pairs.candidates.len() as u32;
            pairs.candidates.extend(&by_pair[&(x, y)]);
            let end = pairs.candidates.len() as u32;
            pairs.both[x as usize].push((y, start, end));
            let bit = pair_bit(x, y);
            pairs.pair_bits[bit / 64] |= 1 << (bit % 64);
        }
        pairs
    }

    /// Whether lexicon word `x` followed by lexicon word `y` may start
    /// candidates (surely not when false).
    #[inline(always)]
    pub fn maybe_both(&self, x: u32, y: u32) -> bool {
        let bit = pair_bit(x, y);
        self.pair_bits[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The candidates for lexicon word `x` followed by lexicon word `y`.
    #[inline]
    pub fn both(&self, x: u32, y: u32) -> &[Candidate] {
        let Some(list) = self.both.get(x as usize) else {
            return &[];
        };
        match list.binary_search_by_key(&y, |&(y, _, _)| y) {
            Ok(at) => {
                let (_, start, end) = list[at];
                self.candidates
                    .get(start as usize..end as usize)
                    .unwrap_or_default()
            }
            Err(_) => &[],
        }
    }

    /// The candidates for lexicon word `x` followed by another word.
    #[inline]
    pub fn then_other(&self, x: u32) -> &[((char, char), Candidate)] {
        self.then_other.get(x as usize).map_or(&[], Vec::as_slice)
    }

    /// The candidates for another word followed by lexicon word `y`.
    #[inline]
    pub fn other_then(&self, y: u32) -> &[((char, char), Candidate)] {
        self.other_then.get(y as usize).map_or(&[], Vec::as_slice)
    }
}

/// The bits of [`Pairs::maybe_both`]: one per pair of the first 256 words,
/// shared by other pairs beyond.
const PAIR_BITS: usize = 1 << 16;
const PAIR_WORDS: usize = PAIR_BITS / 64;

#[inline(always)]
fn pair_bit(x: u32, y: u32) -> usize {
    ((x << 8) ^ y) as usize & (PAIR_BITS - 1)
}
