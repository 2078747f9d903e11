//! Vietnamese numbers in words, both ways: `một tỷ sáu trăm sáu mươi lăm
//! triệu sáu trăm nghìn` ↔ 1 665 600 000.
//!
//! Reading accepts the usual variants (`nghìn`/`ngàn`, `linh`/`lẻ`, `mốt`,
//! `lăm`/`nhăm`, `tư`, `tỷ`/`tỉ`, `mươi`/`mười`) and rejects sequences that
//! are not a number, such as a scale word repeated out of order
//! (`sáu trăm ngàn sáu trăm nghìn`): an amount written that way is a slip the
//! reviewer must see, not something to guess at. Writing exists to show the
//! reader the correct words; checks compare numbers, never strings.

/// Largest number written and read: 999 999 tỷ … (`tỷ` is said once; a
/// larger number would need `tỷ tỷ`).
pub const MAX: u64 = 999_999_999_999_999_999;

const THOUSAND: u64 = 1_000;
const MILLION: u64 = 1_000_000;
const BILLION: u64 = 1_000_000_000;

/// Why a word sequence is not a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordsError {
    Empty,
    /// A word that is not a number word, at this index of the words.
    UnknownWord(usize, String),
    /// A number word where it cannot stand (`trăm trăm`, `nghìn` after `nghìn`).
    Misplaced(usize, String),
}

impl std::fmt::Display for WordsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WordsError::Empty => write!(f, "no number words"),
            WordsError::UnknownWord(_, w) => write!(f, "`{w}` is not a number word"),
            WordsError::Misplaced(_, w) => write!(f, "`{w}` is out of place"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    /// 0–9, with the spelling that was used (`mốt`, `lăm`, `tư` are only
    /// valid after tens).
    Digit(u64, DigitForm),
    /// `mười` (ten, or `mươi` written with the wrong tone after a digit)
    Muoi,
    /// `mươi` (tens marker after a digit)
    Muoi2,
    /// `linh`, `lẻ`: zero tens
    Linh,
    Tram,
    Scale(u64),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DigitForm {
    Plain,
    /// `mốt`, `lăm`, `nhăm`, `tư`: only as the units after tens
    AfterTens,
}

fn classify(word: &str) -> Option<Word> {
    use DigitForm::*;
    Some(match word {
        "không" => Word::Digit(0, Plain),
        "một" => Word::Digit(1, Plain),
        "mốt" => Word::Digit(1, AfterTens),
        "hai" => Word::Digit(2, Plain),
        "ba" => Word::Digit(3, Plain),
        "bốn" => Word::Digit(4, Plain),
        "tư" => Word::Digit(4, AfterTens),
        "năm" => Word::Digit(5, Plain),
        "lăm" | "nhăm" => Word::Digit(5, AfterTens),
        "sáu" => Word::Digit(6, Plain),
        "bảy" | "bẩy" => Word::Digit(7, Plain),
        "tám" => Word::Digit(8, Plain),
        "chín" => Word::Digit(9, Plain),
        "mười" => Word::Muoi,
        "mươi" => Word::Muoi2,
        "linh" | "lẻ" => Word::Linh,
        "trăm" => Word::Tram,
        "nghìn" | "ngàn" => Word::Scale(THOUSAND),
        "triệu" => Word::Scale(MILLION),
        "tỷ" | "tỉ" => Word::Scale(BILLION),
        _ => return None,
    })
}

/// Whether `word` (lower case) is a number word.
pub fn is_number_word(word: &str) -> bool {
    classify(word).is_some()
}

/// Whether a number in words can begin with `word` (a digit or `mười`, not
/// a scale: `(triệu đồng)` after a figure is a unit, not the figure in words).
pub fn can_start_number(word: &str) -> bool {
    matches!(
        classify(word),
        Some(Word::Digit(_, DigitForm::Plain) | Word::Muoi)
    )
}

/// Read number words (any case, separated by spaces, commas or hyphens).
pub fn parse_words(text: &str) -> Result<u64, WordsError> {
    let lower = text.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '–'))
        .filter(|t| !t.is_empty())
        .collect();
    let mut words = Vec::with_capacity(tokens.len());
    for (i, token) in tokens.iter().enumerate() {
        match classify(token) {
            Some(word) => words.push(word),
            None => return Err(WordsError::UnknownWord(i, (*token).to_owned())),
        }
    }
    if words.is_empty() {
        return Err(WordsError::Empty);
    }
    Reader {
        words: &words,
        tokens: &tokens,
        pos: 0,
    }
    .number()
}

struct Reader<'a> {
    words: &'a [Word],
    tokens: &'a [&'a str],
    pos: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<Word> {
        self.words.get(self.pos).copied()
    }

    fn misplaced(&self) -> WordsError {
        let word = self.tokens.get(self.pos).copied().unwrap_or("");
        WordsError::Misplaced(self.pos, word.to_owned())
    }

    /// number := block ("tỷ" block?)* with blocks below one billion; a block
    /// may itself carry `nghìn` before `tỷ` (`một nghìn tỷ`).
    fn number(mut self) -> Result<u64, WordsError> {
        let mut total: u64 = 0;
        // Value of the words since the last `tỷ`, and the smallest scale used in it.
        let mut block: u64 = 0;
        let mut last_scale = u64::MAX;
        let mut billions_seen = false;
        loop {
            let triple = self.triple()?;
            match self.peek() {
                None => {
                    let sum = total
                        .checked_add(block)
                        .and_then(|v| v.checked_add(triple.unwrap_or(0)));
                    return sum.ok_or_else(|| self.misplaced());
                }
                Some(Word::Scale(BILLION)) => {
                    // `tỷ` needs something before it in its block.
                    if triple.is_none() && block == 0 {
                        return Err(self.misplaced());
                    }
                    if billions_seen {
                        // `một tỷ hai tỷ`: a second billions group.
                        return Err(self.misplaced());
                    }
                    let value = block.checked_add(triple.unwrap_or(0));
                    total = value
                        .and_then(|v| v.checked_mul(BILLION))
                        .and_then(|v| total.checked_add(v))
                        .ok_or_else(|| self.misplaced())?;
                    billions_seen = true;
                    block = 0;
                    last_scale = u64::MAX;
                    self.pos += 1;
                }
                Some(Word::Scale(scale)) => {
                    let Some(triple) = triple else {
                        return Err(self.misplaced());
                    };
                    if scale >= last_scale {
                        return Err(self.misplaced());
                    }
                    block = triple
                        .checked_mul(scale)
                        .and_then(|v| block.checked_add(v))
                        .ok_or_else(|| self.misplaced())?;
                    last_scale = scale;
                    self.pos += 1;
                }
                Some(_) => return Err(self.misplaced()),
            }
            if self.peek().is_none() {
                return total.checked_add(block).ok_or_else(|| self.misplaced());
            }
        }
    }

    /// A number below one thousand, or `None` when the next word is a scale.
    ///
    /// triple := [digit "trăm"] [tens] | digit
    /// tens   := ("linh"|"lẻ") digit | "mười" [unit] | digit ("mươi"|"mười") [unit]
    fn triple(&mut self) -> Result<Option<u64>, WordsError> {
        let start = self.pos;
        let mut value = 0;
        // Hundreds.
        if let (Some(Word::Digit(d, DigitForm::Plain)), Some(Word::Tram)) =
            (self.peek(), self.words.get(self.pos + 1).copied())
        {
            value = d * 100;
            self.pos += 2;
        }
        match self.peek() {
            // `linh năm` right after a scale (`một nghìn linh năm`) is common
            // speech for `không trăm linh năm`; allowed.
            Some(Word::Linh) => {
                self.pos += 1;
                match self.peek() {
                    Some(Word::Digit(d, DigitForm::Plain)) if d > 0 => {
                        value += d;
                        self.pos += 1;
                    }
                    _ => return Err(self.misplaced()),
                }
            }
            Some(Word::Muoi) => {
                self.pos += 1;
                value += 10 + self.units_after_ten(false)?;
            }
            Some(Word::Digit(d, form)) => {
                let tens_follow =
                    matches!(self.words.get(self.pos + 1), Some(Word::Muoi2 | Word::Muoi));
                if tens_follow && form == DigitForm::Plain && d >= 2 {
                    self.pos += 2;
                    value += d * 10 + self.units_after_ten(true)?;
                } else if form == DigitForm::Plain && !tens_follow {
                    // A bare digit: units of the triple (`một`, or `năm` after `trăm`).
                    if self.pos != start && d == 0 {
                        return Err(self.misplaced());
                    }
                    value += d;
                    self.pos += 1;
                } else {
                    return Err(self.misplaced());
                }
            }
            Some(Word::Muoi2 | Word::Tram) => return Err(self.misplaced()),
            Some(Word::Scale(_)) | None => {}
        }
        Ok((self.pos != start).then_some(value))
    }

    /// The units after `mười` / `X mươi`: `mốt` (after `mươi`), `lăm`, `tư`,
    /// or a plain digit; nothing when the next word is not a digit.
    fn units_after_ten(&mut self, after_mươi: bool) -> Result<u64, WordsError> {
        match self.peek() {
            Some(Word::Digit(0, _)) => Err(self.misplaced()),
            Some(Word::Digit(1, DigitForm::AfterTens)) if !after_mươi => Err(self.misplaced()),
            Some(Word::Digit(d, _)) => {
                // A digit followed by `trăm`/`mươi` starts a new group: an error.
                if matches!(
                    self.words.get(self.pos + 1),
                    Some(Word::Tram | Word::Muoi | Word::Muoi2)
                ) {
                    self.pos += 1;
                    return Err(self.misplaced());
                }
                self.pos += 1;
                Ok(d)
            }
            _ => Ok(0),
        }
    }
}

/// Spelling choices, so that every accepted variant can be produced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Style {
    /// `ngàn` instead of `nghìn`.
    pub ngan: bool,
    /// `lẻ` instead of `linh`.
    pub le: bool,
    /// `tỉ` instead of `tỷ`.
    pub ti: bool,
    /// `nhăm` instead of `lăm`.
    pub nham: bool,
    /// `bốn` instead of `tư` after tens.
    pub bon: bool,
}

/// `n` in words, the standard way (`một tỷ sáu trăm sáu mươi lăm triệu sáu
/// trăm nghìn`), lower case. Shown to the reader as the correct reading.
pub fn to_words(n: u64) -> String {
    to_words_with(n, Style::default())
}

pub fn to_words_with(n: u64, style: Style) -> String {
    if n == 0 {
        return "không".to_owned();
    }
    let mut words = Vec::new();
    write_number(n, false, style, &mut words);
    words.join(" ")
}

/// Words of `n` (> 0); `full` when a higher group was written before, so a
/// zero hundred is said (`không trăm linh năm`).
fn write_number(n: u64, full: bool, style: Style, out: &mut Vec<&'static str>) {
    let billions = n / BILLION;
    let rest = n % BILLION;
    let mut written = full;
    if billions > 0 {
        write_number(billions, full, style, out);
        out.push(if style.ti { "tỉ" } else { "tỷ" });
        written = true;
    }
    let groups = [
        (rest / MILLION, Some("triệu")),
        (
            rest / THOUSAND % 1000,
            Some(if style.ngan { "ngàn" } else { "nghìn" }),
        ),
        (rest % 1000, None),
    ];
    for (value, scale) in groups {
        if value == 0 {
            continue;
        }
        write_triple(value, written, style, out);
        if let Some(scale) = scale {
            out.push(scale);
        }
        written = true;
    }
}

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

fn write_triple(n: u64, full: bool, style: Style, out: &mut Vec<&'static str>) {
    let (hundreds, tens, units) = (
        (n / 100) as usize,
        (n / 10 % 10) as usize,
        (n % 10) as usize,
    );
    if hundreds > 0 || full {
        out.push(DIGITS[hundreds]);
        out.push("trăm");
    }
    match tens {
        0 if units > 0 => {
            if hundreds > 0 || full {
                out.push(if style.le { "lẻ" } else { "linh" });
            }
            out.push(DIGITS[units]);
        }
        0 => {}
        1 => {
            out.push("mười");
            match units {
                0 => {}
                5 => out.push(if style.nham { "nhăm" } else { "lăm" }),
                u => out.push(DIGITS[u]),
            }
        }
        t => {
            out.push(DIGITS[t]);
            out.push("mươi");
            match units {
                0 => {}
                1 => out.push("mốt"),
                4 => out.push(if style.bon { "bốn" } else { "tư" }),
                5 => out.push(if style.nham { "nhăm" } else { "lăm" }),
                u => out.push(DIGITS[u]),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_amount_of_the_domain_notes() {
        assert_eq!(
            parse_words("Một tỷ, sáu trăm sáu mươi lăm triệu sáu trăm nghìn"),
            Ok(1_665_600_000)
        );
        assert_eq!(
            to_words(1_665_600_000),
            "một tỷ sáu trăm sáu mươi lăm triệu sáu trăm nghìn"
        );
    }

    #[test]
    fn reads_variants() {
        for (words, n) in [
            ("không", 0),
            ("mười", 10),
            ("mười lăm", 15),
            ("mười năm", 15),
            ("hai mươi mốt", 21),
            ("hai mươi một", 21),
            ("hai mươi tư", 24),
            ("hai mươi bốn", 24),
            ("ba mươi nhăm", 35),
            ("ba mười", 30),
            ("một trăm linh năm", 105),
            ("một trăm lẻ năm", 105),
            ("một nghìn không trăm linh năm", 1005),
            ("một ngàn linh năm", 1005),
            ("hai tỉ", 2_000_000_000),
            ("một nghìn tỷ", 1_000_000_000_000),
            ("năm trăm triệu", 500_000_000),
            ("một triệu năm trăm", 1_000_500),
            ("Bảy Trăm Năm Mươi Nghìn", 750_000),
        ] {
            assert_eq!(parse_words(words), Ok(n), "{words}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for words in [
            "",
            "nghìn",
            "trăm",
            "mươi",
            "mốt",
            "lăm",
            "mười mốt",
            "một trăm trăm",
            "sáu trăm sáu mươi lăm ngàn sáu trăm nghìn",
            "một triệu hai triệu",
            "một tỷ hai tỷ",
            "hai mươi không",
            "linh",
            "năm đồng",
            "một hai",
        ] {
            assert!(
                parse_words(words).is_err(),
                "{words:?} read as {:?}",
                parse_words(words)
            );
        }
    }

    #[test]
    fn seed_003_words_are_not_its_digits() {
        // `Một tỷ, sáu trăm sáu mươi lăm ngàn sáu trăm nghìn` for 1.665.600.000.
        let read = parse_words("Một tỷ, sáu trăm sáu mươi lăm ngàn sáu trăm nghìn");
        assert_ne!(read, Ok(1_665_600_000));
    }

    #[test]
    fn writes_zeros_inside_a_number() {
        assert_eq!(to_words(1005), "một nghìn không trăm linh năm");
        assert_eq!(to_words(2_000_000_005), "hai tỷ không trăm linh năm");
        assert_eq!(to_words(15), "mười lăm");
        assert_eq!(to_words(1_000_000_000_000), "một nghìn tỷ");
    }
}
