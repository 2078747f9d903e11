//! Text helpers shared by the text kinds: word boundaries, diacritic folding.
