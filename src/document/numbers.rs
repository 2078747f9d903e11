//! Numbers in Vietnamese notation (`77,15%`, `1.665.600.000`) and in words.
