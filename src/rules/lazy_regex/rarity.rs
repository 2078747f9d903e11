//! Which part of a literal a gate searches for: the rarest in plan text.
//!
//! A literal search stops wherever the first bytes of a literal occur and
//! then compares the rest. Vietnamese letters with diacritics are three
//! bytes whose first two (`E1 BA`/`E1 BB`) are among the commonest of a
//! plan, so `thị xã` (`th E1 BB …`) stops at every `thể`, `thực`, `thời`.
//! Every match holds every part of a literal, so a gate may search for any
//! part instead: the one that starts with the rarest bytes stops least.

/// How common each byte is in plan text, as ranks 0 (rarest) to 255
/// (commonest): counted once over the real plans in the shared seeds.
#[rustfmt::skip]
const BYTE_RANK: [u8; 256] = [
      0,   1,   2,   3,   4,   5,   6,   7,   8, 201, 233,   9,  10,  11,  12,  13, // 0x00
     14,  15,  16,  17,  18,  19,  20,  21,  22,  23,  24,  25,  26,  27,  28,  29, // 0x10
    255,  30, 125, 156, 132, 184, 123, 122, 159, 164, 179, 150, 239, 202, 218, 192, // 0x20
    207, 194, 203, 165, 154, 178, 173, 162, 161, 163, 174, 193, 145,  31, 146,  32, // 0x30
     33, 142, 185, 205, 182, 118, 119, 149, 195, 175,  34, 183, 147, 151, 197, 130, // 0x40
    186, 157, 126, 160, 210, 171, 177, 138, 158, 129, 116,  35, 133,  36,  37,  38, // 0x50
     39, 240, 213, 249, 227, 180, 131, 246, 251, 247,  40, 219, 220, 226, 253, 236, // 0x60
    235, 216, 237, 229, 248, 241, 232, 112, 198, 230, 113,  41,  42,  43,  44,  45, // 0x70
    153, 204, 135, 224,  46, 139, 141, 228, 117, 169, 134, 211, 120, 168,  47, 136, // 0x80
    187, 244, 114, 190, 127, 199,  48, 152, 121, 214,  49, 196, 137, 200,  50, 166, // 0x90
    231, 243, 208, 238, 140, 225, 148, 215, 143, 206, 212, 172, 189, 222, 115, 188, // 0xA0
    223, 209, 176, 191, 221, 144,  51, 170,  52, 167, 245, 252,  53, 181, 124, 217, // 0xB0
     54,  55,  56, 250, 242, 128, 234,  57,  58,  59,  60,  61,  62,  63,  64,  65, // 0xC0
     66,  67,  68,  69,  70,  71,  72,  73,  74,  75,  76,  77,  78,  79,  80,  81, // 0xD0
     82, 254, 155,  83,  84,  85,  86,  87,  88,  89,  90,  91,  92,  93,  94,  95, // 0xE0
     96,  97,  98,  99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, // 0xF0
];

/// How rare each byte is in plan text, in tenths of a bit (`-10 log2 p`),
/// counted with the ranks.
#[rustfmt::skip]
const BYTE_BITS: [u8; 256] = [
    175, 175, 175, 175, 175, 175, 175, 175, 175,  83,  67, 175, 175, 175, 175, 175, // 0x00
    175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, // 0x10
     27, 175, 140, 111, 131,  96, 142, 145, 110, 107,  98, 115,  65,  83,  77,  91, // 0x20
     81,  90,  82, 107, 111,  98, 101, 108, 109, 107, 101,  91, 122, 175, 122, 175, // 0x30
    175, 125,  95,  82,  97, 160, 160, 116,  89, 100, 175,  97, 120, 115,  85, 132, // 0x40
     95, 110, 138, 110,  80, 103,  99, 128, 110, 134, 165, 175, 131, 175, 175, 175, // 0x50
    175,  64,  79,  48,  71,  98, 132,  52,  42,  52, 175,  77,  76,  72,  39,  66, // 0x60
     66,  78,  66,  70,  49,  60,  67, 175,  84,  70, 175, 175, 175, 175, 175, 175, // 0x70
    113,  82, 130,  73, 175, 128, 126,  70, 165, 104, 130,  80, 155, 105, 175, 130, // 0x80
     95,  57, 175,  93, 138,  84, 175, 114, 155,  79, 175,  87, 130,  83, 175, 105, // 0x90
     68,  59,  81,  66, 127,  72, 117,  78, 125,  81,  79, 103,  93,  74, 175,  94, // 0xA0
     73,  81, 100,  92,  75, 123, 175, 103, 175, 105,  55,  39, 175,  97, 142,  77, // 0xB0
    175, 175, 175,  45,  60, 137,  67, 175, 175, 175, 175, 175, 175, 175, 175, 175, // 0xC0
    175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, // 0xD0
    175,  35, 111, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, // 0xE0
    175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, 175, // 0xF0
];

/// Most leading bytes a literal search compares before it verifies a hit
/// (Teddy's longest fingerprint).
pub(super) const FINGERPRINT: usize = 4;

/// The ranks of [`BYTE_RANK`] for `memmem`, which picks the rarest bytes
/// of a needle to look for first.
pub(super) struct PlanRank;

impl memchr::arch::all::packedpair::HeuristicFrequencyRank for PlanRank {
    fn rank(&self, byte: u8) -> u8 {
        BYTE_RANK[usize::from(byte)]
    }
}

/// The part of `literal` from the window of [`FINGERPRINT`] bytes that
/// holds the most bits to its end (the earliest on a tie).
pub(super) fn rarest_tail(literal: &[u8]) -> &[u8] {
    let score = |window: &[u8]| -> u32 {
        window
            .iter()
            .map(|&b| u32::from(BYTE_BITS[usize::from(b)]))
            .sum()
    };
    let start = literal
        .windows(FINGERPRINT)
        .enumerate()
        .max_by_key(|&(start, window)| (score(window), std::cmp::Reverse(start)))
        .map_or(0, |(start, _)| start);
    &literal[start..]
}

/// Teddy over the rarest part of each literal: it stops
/// less often than over their first bytes, and each stop is checked for
/// the whole literal, so it answers as a search for the literals would.
#[derive(Debug)]
pub(super) struct RareTails {
    searcher: aho_corasick::packed::Searcher,
    /// Each tail searched for, with the parts of the literals before it.
    tails: Vec<(Vec<u8>, Vec<Vec<u8>>)>,
}

impl RareTails {
    pub(super) fn new(literals: &[Vec<u8>]) -> Option<Self> {
        let mut tails: Vec<(Vec<u8>, Vec<Vec<u8>>)> = Vec::new();
        for literal in literals {
            let tail = rarest_tail(literal);
            let head = literal[..literal.len() - tail.len()].to_vec();
            match tails.iter_mut().find(|(t, _)| t == tail) {
                Some((_, heads)) => heads.push(head),
                None => tails.push((tail.to_vec(), vec![head])),
            }
        }
        let searcher = aho_corasick::packed::Config::new()
            .builder()
            .extend(tails.iter().map(|(tail, _)| tail))
            .build()?;
        Some(RareTails { searcher, tails })
    }

    pub(super) fn is_match(&self, haystack: &[u8]) -> bool {
        let mut at = 0;
        while let Some(hit) = self
            .searcher
            .find_in(haystack, aho_corasick::Span::from(at..haystack.len()))
        {
            // Another tail may start here too: each is checked.
            let (before, here) = haystack.split_at(hit.start());
            let whole = self.tails.iter().any(|(tail, heads)| {
                here.starts_with(tail) && heads.iter().any(|head| before.ends_with(head))
            });
            if whole {
                return true;
            }
            at = hit.start() + 1;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether one of `literals` occurs in `haystack`, naively.
    fn holds_one(haystack: &[u8], literals: &[Vec<u8>]) -> bool {
        literals
            .iter()
            .any(|l| haystack.windows(l.len()).any(|w| w == l.as_slice()))
    }

    #[test]
    fn rare_tails_answer_as_a_search_for_the_literals() {
        let district = [
            "huyện",
            "quận",
            "thị xã",
            "thị trấn",
            "HUYỆN",
            "QUẬN",
            "ấp huyện",
        ];
        let mut sets: Vec<Vec<Vec<u8>>> = vec![
            district.iter().map(|l| l.as_bytes().to_vec()).collect(),
            // Tails shared by several literals, and a literal inside another.
            ["yện", "huyện", "uyện", "chuyện", "ện"]
                .iter()
                .map(|l| l.as_bytes().to_vec())
                .collect(),
        ];
        let texts = crate::sample_texts::plan_texts(false);
        let lines: Vec<&str> = texts.iter().flat_map(|t| t.lines()).collect();
        // Literals cut from the texts: each set holds words of a few lines.
        for chunk in lines.chunks(97).take(40) {
            let words: Vec<Vec<u8>> = chunk
                .iter()
                .flat_map(|line| line.split_whitespace().skip(2).take(2))
                .filter(|w| w.len() >= 2)
                .map(|w| w.as_bytes().to_vec())
                .take(6)
                .collect();
            if words.len() >= 2 {
                sets.push(words);
            }
        }
        let (mut held, mut checked) = (0, 0);
        for literals in &sets {
            let Some(search) = RareTails::new(literals) else {
                continue;
            };
            for line in &lines {
                let expected = holds_one(line.as_bytes(), literals);
                assert_eq!(search.is_match(line.as_bytes()), expected, "{line}");
                held += usize::from(expected);
                checked += 1;
            }
        }
        assert!(held > 100 && checked > held * 2, "{held} of {checked}");
    }

    #[test]
    fn tails_start_past_common_syllable_openings() {
        // `ị xã`, from the last byte of `ị`: not at every `thể`, `thực`.
        assert_eq!(rarest_tail("thị xã".as_bytes()), &"thị xã".as_bytes()[4..]);
        assert_eq!(rarest_tail(b"abc"), b"abc");
        for literal in ["huyện", "quận", "thị trấn", "ấp huyện", "HUYỆN"] {
            let tail = rarest_tail(literal.as_bytes());
            assert!(tail.len() >= FINGERPRINT && literal.as_bytes().ends_with(tail));
        }
    }
}
