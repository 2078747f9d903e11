//! Finding the characters of a UTF-8 text that have some property (folds to
//! another character, is not a stable NFC starter) without decoding the text
//! character by character: every byte is looked up in two small tables, with
//! no branch on the byte. Vietnamese text switches between one-byte and
//! multi-byte characters every few bytes, so a decoding loop spends most of
//! its time in mispredicted branches.

/// Entries of [`ByteScan::pairs`]: one for bytes that start no multi-byte
/// character, one per lead byte and low six bits of the byte after it.
const PAIRS: usize = 1 + 64 * 64;
/// Characters below this are answered by the tables; others by [`ByteScan::new`]'s `other`.
pub(crate) const TABLE_LIMIT: u32 = 0x3000;

/// The character starting here is not flagged (or no character starts here).
const NO: u8 = 0;
/// The character starting here is flagged.
const YES: u8 = 1;
/// A three-byte character below [`TABLE_LIMIT`]: see [`ByteScan::bits`].
const BITS: u8 = 2;

pub(crate) struct ByteScan {
    /// By [`pair_index`] of a byte and the byte after it.
    pairs: Box<[u8; PAIRS]>,
    /// One bit per three-byte character (indexed by its 16 code point bits).
    bits: Box<[u64; 1024]>,
    quick: Quick,
}

/// A test of a byte and the next one that the start of no flagged character
/// passes, simple enough for the compiler to run on many bytes at once:
/// bytes below `below` (ASCII, continuation bytes and lead bytes of no
/// flagged character), and the lead byte `0xE1` followed by a byte in
/// `next` (Vietnamese letters with two marks, U+1EA0 to U+1EF9).
#[derive(Debug, Clone, Copy)]
struct Quick {
    below: u8,
    next: (u8, u8),
    /// [`QUICK_LEAD`], or 0 (a byte below `below`) when `next` is empty.
    lead: u8,
    /// `next.1 - next.0`: `n` is in `next` when `n - next.0 <= span` (wrapping).
    span: u8,
}

/// The three-byte lead byte [`Quick`] knows.
const QUICK_LEAD: u8 = 0xE1;

/// 0 for an ASCII or continuation byte, else 1 + the lead byte's low six
/// bits and the next byte's low six bits.
#[inline(always)]
fn pair_index(b0: u8, b1: u8) -> usize {
    let lead = usize::from(b0 >= 0xC0);
    lead * (1 + ((usize::from(b0 & 0x3F) << 6) | usize::from(b1 & 0x3F)))
}

impl ByteScan {
    /// Flag the characters below [`TABLE_LIMIT`] (not ASCII) for which
    /// `flag` is true, and every character above it when `other` is true.
    pub(crate) fn new(flag: impl Fn(u32) -> bool, other: bool) -> Self {
        let mut pairs = Box::new([NO; PAIRS]);
        let mut bits = Box::new([0u64; 1024]);
        let other = if other { YES } else { NO };
        for b0 in 0xC0u8..=0xFF {
            for b1 in 0x80u8..=0xBF {
                pairs[pair_index(b0, b1)] = match b0 {
                    0xC0..=0xDF => {
                        let c = (u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F);
                        if flag(c) {
                            YES
                        } else {
                            NO
                        }
                    }
                    0xE0..=0xE2 => BITS,
                    _ => other,
                };
            }
        }
        for c in 0x800..TABLE_LIMIT {
            if flag(c) {
                bits[(c >> 6) as usize] |= 1 << (c & 63);
            }
        }
        let quick = Quick::new(&pairs, &bits);
        ByteScan { pairs, bits, quick }
    }

    /// Whether a flagged character starts at a byte `b0` followed by `b1`, `b2`.
    #[inline(always)]
    fn at(&self, b0: u8, b1: u8, b2: u8) -> bool {
        let class = self.pairs[pair_index(b0, b1)];
        let c =
            (usize::from(b0 & 0x0F) << 12) | (usize::from(b1 & 0x3F) << 6) | usize::from(b2 & 0x3F);
        let bit = (self.bits[c >> 6] >> (c & 63)) & 1 != 0;
        (class == YES) | ((class == BITS) & bit)
    }

    /// Call `found` with the offset of each flagged character of `text`, in order.
    pub(crate) fn for_each(&self, text: &str, mut found: impl FnMut(usize)) {
        // Only a lead byte (`0b11xxxxxx`) starts a flagged character, and
        // most bytes are ASCII or continuation bytes: the lead bytes of
        // eight bytes at a time are found with a few word operations, and
        // only they are looked up.
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let bytes = text.as_bytes();
        let mut chunks = bytes.chunks_exact(8);
        let mut base = 0;
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let word = u64::from_le_bytes(word);
            // Bit 7 of each byte whose bits 7 and 6 are both set.
            let mut leads = word & (word << 1) & HIGH;
            while leads != 0 {
                let i = base + (leads.trailing_zeros() / 8) as usize;
                leads &= leads - 1;
                if self.at_end(bytes, i) {
                    found(i);
                }
            }
            base += 8;
        }
        for i in base..bytes.len() {
            if bytes[i] >= 0xC0 && self.at_end(bytes, i) {
                found(i);
            }
        }
    }

    /// Whether `text` has a flagged character.
    pub(crate) fn any(&self, text: &str) -> bool {
        const BLOCK: usize = 64;
        let bytes = text.as_bytes();
        let body = bytes.len().saturating_sub(2);
        let mut start = 0;
        // Blocks without an exit inside, so the inner loop has no branch on the bytes.
        while start < body {
            let end = (start + BLOCK).min(body);
            // A whole block is tested with a loop of known length (no
            // remainder to handle): half the instructions of the loop below.
            let whole = bytes
                .get(start..start + BLOCK + 1)
                .and_then(|w| <&[u8; BLOCK + 1]>::try_from(w).ok());
            let passes = match whole {
                Some(window) => self.quick.passes(&window[..BLOCK], &window[1..]),
                None => self
                    .quick
                    .passes(&bytes[start..end], &bytes[start + 1..end + 1]),
            };
            if passes {
                start = end;
                continue;
            }
            // Only a byte that fails the quick test can start a flagged
            // character (one or two such bytes in most failing blocks).
            let hit = (start..end).any(|i| {
                !self.quick.passes_byte(bytes[i], bytes[i + 1])
                    && self.at(bytes[i], bytes[i + 1], bytes[i + 2])
            });
            if hit {
                return true;
            }
            start = end;
        }
        (body..bytes.len()).any(|i| self.at_end(bytes, i))
    }

    /// [`Self::at`] at `i` (missing bytes past the end read as 0).
    #[inline(always)]
    fn at_end(&self, bytes: &[u8], i: usize) -> bool {
        let byte = |k: usize| bytes.get(k).copied().unwrap_or(0);
        self.at(byte(i), byte(i + 1), byte(i + 2))
    }
}

impl Quick {
    fn new(pairs: &[u8; PAIRS], bits: &[u64; 1024]) -> Self {
        let flagged_lead = |b0: u8| (0x80..=0xBFu8).any(|b1| pairs[pair_index(b0, b1)] != NO);
        let below = (0xC2..0xE0u8).find(|&b0| flagged_lead(b0)).unwrap_or(0xE0);
        // The longest run of bytes after 0xE1 whose 64 characters are none flagged.
        let clean = |b1: u8| {
            let c = (usize::from(QUICK_LEAD & 0x0F) << 12) | (usize::from(b1 & 0x3F) << 6);
            pairs[pair_index(QUICK_LEAD, b1)] == BITS && bits[c >> 6] == 0
        };
        // The run of bytes around 0xBB (U+1EC0 to U+1EFF) whose characters
        // are none flagged; empty (`lo > hi`) when 0xBB's are not.
        let hi = (0xBB..=0xBFu8)
            .take_while(|&b| clean(b))
            .last()
            .unwrap_or(0);
        let lo = (0x80..=0xBBu8)
            .rev()
            .take_while(|&b| clean(b))
            .last()
            .unwrap_or(0xFF);
        let next = (lo, hi);
        let lead = if lo <= hi { QUICK_LEAD } else { 0 };
        Quick {
            below,
            next,
            lead,
            span: hi.wrapping_sub(lo),
        }
    }

    /// Whether every byte of `bytes` (each followed by the byte at the same
    /// index of `after`) passes: then no flagged character starts in `bytes`.
    #[inline(always)]
    fn passes(self, bytes: &[u8], after: &[u8]) -> bool {
        let mut fail = 0u8;
        for (&b, &n) in bytes.iter().zip(after) {
            fail |= u8::from(!self.passes_byte(b, n));
        }
        fail == 0
    }

    /// Whether a byte `b` followed by `n` passes.
    #[inline(always)]
    fn passes_byte(self, b: u8, n: u8) -> bool {
        // One unsigned comparison per range: this runs on every byte.
        (b < self.below) | ((b == self.lead) & (n.wrapping_sub(self.next.0) <= self.span))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Flags characters with an odd code point, and every one above the tables.
    fn odd() -> ByteScan {
        ByteScan::new(|c| c % 2 == 1, true)
    }

    fn decoded(text: &str) -> Vec<usize> {
        text.char_indices()
            .filter(|&(_, c)| {
                let u = c as u32;
                u >= 0x80 && (u >= TABLE_LIMIT || u % 2 == 1)
            })
            .map(|(i, _)| i)
            .collect()
    }

    #[test]
    fn finds_what_decoding_finds() {
        let scan = odd();
        for text in [
            "",
            "a",
            "é",
            "ạ",
            "Kế hoạch chuyển đổi số năm 2026 ỦY BAN Ω Ж ≥ … 漢 𐐀x",
            "xé",
            "xxạ",
            "ươ",
        ] {
            let mut found = Vec::new();
            scan.for_each(text, |i| found.push(i));
            assert_eq!(found, decoded(text), "{text:?}");
            assert_eq!(scan.any(text), !found.is_empty(), "{text:?}");
        }
        for u in 0x80..0x3100u32 {
            if let Some(c) = char::from_u32(u) {
                for text in [c.to_string(), format!("ab{c}"), format!("{c}ab")] {
                    let mut found = Vec::new();
                    scan.for_each(&text, |i| found.push(i));
                    assert_eq!(found, decoded(&text), "{u:x}");
                }
            }
        }
        // Every offset in an eight-byte word, and across two.
        for c in ['é', 'ạ', 'Ω', '漢', '𐐀', 'ễ'] {
            for before in 0..12 {
                for after in 0..10 {
                    let text = format!("{}{c}{}{c}", "a".repeat(before), "b".repeat(after));
                    let mut found = Vec::new();
                    scan.for_each(&text, |i| found.push(i));
                    assert_eq!(found, decoded(&text), "{text:?}");
                }
            }
        }
        // Blocks the quick test lets through, and one it does not.
        let scan = ByteScan::new(|c| c == 0x300 || c == 0x1EA1, false);
        assert_eq!(scan.quick.below, 0xCC);
        assert_eq!(scan.quick.next, (0xBB, 0xBF));
        assert!(!scan.any(&"Tổng số hộ, chuyển đổi số ".repeat(20)));
        assert!(scan.any(&format!("{}ạ", "Kế hoạch ".repeat(20))));
        assert!(scan.any(&format!("{}a\u{300}", "ễ".repeat(50))));
        let scan = odd();
        let long = format!("{}ễ", "a".repeat(1000));
        assert!(scan.any(&long));
        assert!(!scan.any(&"Ạ".repeat(1000)));
    }
}
