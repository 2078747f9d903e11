//! Vietnamese number words: every number from 0 to 10^12, written with any
//! mix of the accepted spellings, reads back as itself.

use proptest::prelude::*;
use rasoat::document::number_words::{parse_words, to_words, to_words_with, Style};

fn style() -> impl Strategy<Value = Style> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(ngan, le, ti, nham, bon)| Style {
            ngan,
            le,
            ti,
            nham,
            bon,
        })
}

/// Numbers with many zero groups and digits 0, 1, 4, 5 (where spellings vary)
/// as well as uniformly drawn ones.
fn number() -> impl Strategy<Value = u64> {
    let digit = prop_oneof![Just(0u64), Just(1), Just(4), Just(5), 0u64..10];
    prop_oneof![
        0u64..=1_000_000_000_000,
        0u64..=10_000,
        proptest::collection::vec(digit, 1..=12)
            .prop_map(|ds| ds.into_iter().fold(0, |n, d| n * 10 + d)),
        Just(1_000_000_000_000),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn number_to_words_to_number(n in number(), style in style()) {
        let words = to_words_with(n, style);
        prop_assert_eq!(parse_words(&words), Ok(n), "{}", words);
    }

    #[test]
    fn capitalised_and_comma_separated_words_read_the_same(n in number()) {
        let words = to_words(n);
        let mut written: String = words.replacen("triệu ", "triệu, ", 1);
        if let Some(first) = written.chars().next() {
            written = first.to_uppercase().chain(written.chars().skip(1)).collect();
        }
        prop_assert_eq!(parse_words(&written), Ok(n), "{}", written);
    }

    #[test]
    fn reading_never_panics(text in "[a-zđăâêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ ,]{0,60}") {
        let _ = parse_words(&text);
    }
}

#[test]
fn every_number_below_twenty_thousand_round_trips() {
    for n in 0..20_000 {
        let words = to_words(n);
        assert_eq!(parse_words(&words), Ok(n), "{words}");
    }
}
