//! Bytes → text. UTF-8 (with or without BOM), UTF-16 LE/BE with BOM, UTF-16
//! without BOM when the NUL pattern is unmistakable, and a windows-1258 guess
//! for legacy files. Binary input is refused.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1258};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decoded {
    pub text: String,
    /// `UTF-8`, `UTF-16LE`, `UTF-16BE`, `windows-1258`.
    pub encoding: &'static str,
    pub had_bom: bool,
    /// True when the encoding was guessed rather than known (no BOM, not UTF-8).
    pub guessed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Binary { offset: usize },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary { offset } => write!(
                f,
                "tệp có vẻ là tệp nhị phân, không phải văn bản (byte điều khiển ở vị trí {offset}) / \
                 the file looks binary, not text (control byte at offset {offset})"
            ),
        }
    }
}

/// [`decode`] of bytes the caller gives away, with the byte-wise binary
/// check for UTF-8 without a BOM (most files).
pub fn decode_owned(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    // The first two tests of `decode`, in its order.
    if Encoding::for_bom(&bytes).is_some() || sniff_utf16(&bytes).is_some() {
        return decode(&bytes);
    }
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return decode(&bytes);
    }
    // Control characters are ASCII: the bytes are the text's bytes.
    check_not_binary_bytes(&bytes)?;
    // SAFETY: simdutf8 has just validated `bytes` as UTF-8 (its `basic` API
    // accepts exactly what `std::str::from_utf8` accepts). Validating them
    // again with `String::from_utf8` costs three times the SIMD check on
    // Vietnamese text, and a copy of the text costs as much as the check:
    // this is the read's largest cost after both were removed.
    let text = unsafe { String::from_utf8_unchecked(bytes) };
    Ok(Decoded {
        text,
        encoding: "UTF-8",
        had_bom: false,
        guessed: false,
    })
}

pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        let text = text.into_owned();
        check_not_binary(&text)?;
        return Ok(Decoded {
            text,
            encoding: encoding.name(),
            had_bom: true,
            guessed: false,
        });
    }
    // Checked before UTF-8: ASCII text in UTF-16 is also valid UTF-8 (with NULs).
    if let Some(encoding) = sniff_utf16(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        let text = text.into_owned();
        check_not_binary(&text)?;
        return Ok(Decoded {
            text,
            encoding: encoding.name(),
            had_bom: false,
            guessed: true,
        });
    }
    // simdutf8 accepts exactly what `std::str::from_utf8` accepts, faster on
    // non-ASCII text.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        check_not_binary(text)?;
        return Ok(Decoded {
            text: text.to_owned(),
            encoding: "UTF-8",
            had_bom: false,
            guessed: false,
        });
    }
    if let Some(offset) = first_binary_byte(bytes) {
        return Err(DecodeError::Binary { offset });
    }
    let (text, _) = WINDOWS_1258.decode_without_bom_handling(bytes);
    Ok(Decoded {
        text: text.into_owned(),
        encoding: WINDOWS_1258.name(),
        had_bom: false,
        guessed: true,
    })
}

/// UTF-16 without a BOM: most ASCII characters leave a NUL in every other byte.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    // Without a NUL both counts below are 0: not UTF-16 (most files).
    if sample.len() < 4 || memchr::memchr(0, sample).is_none() {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_nuls = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_nuls = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_nuls * 10 >= pairs * 3 && even_nuls * 20 < pairs {
        Some(UTF_16LE)
    } else if even_nuls * 10 >= pairs * 3 && odd_nuls * 20 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn is_binary_control(c: u32) -> bool {
    c < 0x20 && !matches!(c, 0x09 | 0x0A | 0x0C | 0x0D)
}

fn first_binary_byte(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| is_binary_control(b as u32))
}

/// Whether some byte of `bytes` is a binary control byte, tested in blocks
/// the compiler turns into vector instructions (no exit inside a block).
fn has_binary_control(bytes: &[u8]) -> bool {
    // Tab, line feed, form feed and carriage return are 9 to 13 but 11.
    let block_has = |block: &[u8]| {
        let found = block.iter().fold(0u8, |found, &b| {
            let allowed = (b.wrapping_sub(0x09) <= 4) & (b != 0x0B);
            found | u8::from((b < 0x20) & !allowed)
        });
        found != 0
    };
    // Whole blocks have a loop of known length (no remainder to handle).
    let mut blocks = bytes.chunks_exact(64);
    blocks
        .by_ref()
        .any(|block| match <&[u8; 64]>::try_from(block) {
            Ok(whole) => block_has(whole),
            Err(_) => block_has(block),
        })
        || block_has(blocks.remainder())
}

fn check_not_binary(text: &str) -> Result<(), DecodeError> {
    check_not_binary_bytes(text.as_bytes())
}

fn check_not_binary_bytes(bytes: &[u8]) -> Result<(), DecodeError> {
    if !has_binary_control(bytes) {
        return Ok(());
    }
    // A stray control character is tolerated (Word leaves some); many are not text.
    // Control characters are ASCII, and an ASCII byte in UTF-8 is always
    // that character: scan bytes, their offsets are the characters' offsets.
    let mut count = 0usize;
    let mut first = None;
    for (offset, &b) in bytes.iter().enumerate() {
        if is_binary_control(u32::from(b)) {
            count += 1;
            first.get_or_insert(offset);
            if b == 0 || count > 8 {
                return Err(DecodeError::Binary {
                    offset: first.unwrap_or(offset),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode("Số: 28/KH-UBND".as_bytes()).unwrap();
        assert_eq!(plain.text, "Số: 28/KH-UBND");
        assert!(!plain.had_bom && !plain.guessed);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("Số".as_bytes());
        let with_bom = decode(&bom).unwrap();
        assert_eq!(with_bom.text, "Số");
        assert!(with_bom.had_bom);
    }

    #[test]
    fn utf16_with_bom_both_orders() {
        let text = "Kế hoạch số 28";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&le).unwrap().text, text);
        assert_eq!(decode(&be).unwrap().encoding, "UTF-16BE");
        assert_eq!(decode(&be).unwrap().text, text);
    }

    #[test]
    fn utf16_without_bom_is_guessed() {
        let text = "KE HOACH chuyen doi so nam 2026";
        let le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let decoded = decode(&le).unwrap();
        assert_eq!(decoded.text, text);
        assert!(decoded.guessed);
    }

    #[test]
    fn windows_1258_fallback_is_guessed() {
        // windows-1258 writes tones as combining marks after the base letter.
        let (bytes, _, had_errors) =
            WINDOWS_1258.encode("Kê\u{301} hoa\u{323}ch chuyê\u{309}n đô\u{309}i sô\u{301}");
        assert!(!had_errors);
        let decoded = decode(&bytes).unwrap();
        assert_eq!(decoded.encoding, "windows-1258");
        assert!(decoded.guessed);
        use unicode_normalization::UnicodeNormalization;
        assert_eq!(
            decoded.text.nfc().collect::<String>(),
            "Kế hoạch chuyển đổi số"
        );
    }

    #[test]
    fn binary_is_refused() {
        let bytes = [0x7F, b'E', b'L', b'F', 0, 0, 1, 2, 3, 0xFF, 0xFE, 0];
        assert!(matches!(decode(&bytes), Err(DecodeError::Binary { .. })));
        let png = [
            0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D,
        ];
        assert!(decode(&png).is_err());
    }

    #[test]
    fn block_test_agrees_with_the_byte_test() {
        for b in 0..=255u8 {
            let mut bytes = vec![b'a'; 130];
            bytes[100] = b;
            assert_eq!(
                has_binary_control(&bytes),
                is_binary_control(u32::from(b)),
                "{b:#x}"
            );
        }
    }

    #[test]
    fn owned_decoding_is_decoding() {
        let mut inputs: Vec<Vec<u8>> = vec![
            b"".to_vec(),
            "Số: 28/KH-UBND".as_bytes().to_vec(),
            vec![0xEF, 0xBB, 0xBF, b'a'],
            vec![0xFF, 0xFE, b'a', 0],
            b"a\x00b\x00c\x00d\x00".to_vec(),
            vec![b'K', 0xEA, 0xEC, b' ', b'x'],
            vec![0x7F, b'E', b'L', b'F', 0, 0, 1, 2],
        ];
        inputs.push([b'a'; 20].iter().chain(&[1u8; 10]).copied().collect());
        for bytes in inputs {
            assert_eq!(decode_owned(bytes.clone()), decode(&bytes), "{bytes:?}");
        }
    }

    #[test]
    fn empty_is_text() {
        assert_eq!(decode(b"").unwrap().text, "");
    }
}
