//! Arbitrary UTF-8 → normalize, Tokens, joined keys: no panics, and the
//! invariants the rest of the engine relies on.
#![no_main]

use entnorm::normalize::{normalize, normalize_str};
use entnorm::tokenize::Tokens;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let n = normalize(text);
    assert_eq!(n.key, normalize_str(text), "normalize and normalize_str disagree");
    assert_eq!(n.map.len(), n.key.chars().count(), "one map entry per key char");
    let len = text.chars().count();
    assert!(n.map.windows(2).all(|w| w[0] <= w[1]), "map decreases");
    assert!(n.map.iter().all(|&i| i < len), "map points past the text");

    let t = Tokens::new(text);
    assert_eq!(t.seps.len(), t.len() + 1);
    let (mut byte, mut chars) = (0, 0);
    for (i, tok) in t.tokens.iter().enumerate() {
        assert!(text.is_char_boundary(tok.byte_start) && text.is_char_boundary(tok.byte_end));
        assert!(byte <= tok.byte_start && tok.byte_start < tok.byte_end, "token {i} out of order");
        assert_eq!(t.separator(i).bytes, byte..tok.byte_start, "separator {i} does not fill the gap");
        assert_eq!(chars + text[byte..tok.byte_start].chars().count(), tok.char_start, "char_start {i}");
        assert_eq!(text[tok.byte_start..tok.byte_end].chars().count(), tok.char_end - tok.char_start);
        let _ = (t.key(i), t.fold(i), t.separator_key(i));
        byte = tok.byte_end;
        chars = tok.char_end;
    }
    assert_eq!(t.separator(t.len()).bytes, byte..text.len());
    let _ = (t.joined_key(), t.joined_fold_key(), t.separator_key(t.len()));
});
