//! Folding one character: compatibility decomposition (the "K" of NFKC),
//! full case folding, `ё → е`, and removal of combining marks (stress marks,
//! accents, diacritics), keeping `й`.
//!
//! Most text is ASCII or basic Cyrillic, so those take a table-free fast path;
//! everything else goes through `unicode-normalization`'s decomposition.

use super::typography::{is_ignorable, unify};
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Appends the folded form of `c` to `out` (zero, one or more characters).
///
/// `out` is the key built so far: a combining breve after `и` turns that `и`
/// into `й`, the one Russian letter whose diacritic is part of the letter.
#[inline]
pub fn push_folded(c: char, out: &mut String) {
    match c {
        // й (in ж..я) and Й (in А..Я) are kept whole: they must not be decomposed.
        'a'..='z' | '0'..='9' | 'а'..='е' | 'ж'..='я' => out.push(c),
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        // А..Я map to а..я by a fixed offset (0x410 -> 0x430).
        'А'..='Я' => out.push(char::from_u32(c as u32 + 0x20).unwrap_or(c)),
        'ё' | 'Ё' => out.push('е'),
        _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        _ if is_combining_mark(c) => push_mark(c, out),
        // What a compatibility decomposition yields goes through the same
        // steps as input would (`｀` → `` ` `` → `'`), so that normalizing
        // twice changes nothing.
        _ => decompose_compatible(c, |d| {
            if is_ignorable(d) {
            } else if let Some(u) = unify(d) {
                out.push(u);
            } else if is_combining_mark(d) {
                push_mark(d, out)
            } else {
                push_lower(d, out)
            }
        }),
    }
}

/// A combining mark is dropped, except a breve that completes `й`.
fn push_mark(mark: char, out: &mut String) {
    if mark == '\u{0306}' && out.ends_with('и') {
        out.pop();
        out.push('й');
    }
}

/// Full case folding of one decomposed character. Where Unicode's case
/// folding differs from lowercasing for letters that matter here, it is
/// spelled out: `ß → ss`, final sigma → sigma, `ё`, and marks that
/// lowercasing adds (`İ → i̇`) are dropped.
fn push_lower(c: char, out: &mut String) {
    match c {
        'ß' | 'ẞ' => out.push_str("ss"),
        'ς' => out.push('σ'),
        'ё' | 'Ё' => out.push('е'),
        _ => c.to_lowercase().filter(|l| !is_combining_mark(*l)).for_each(|l| out.push(l)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(s: &str) -> String {
        let mut out = String::new();
        s.chars().for_each(|c| push_folded(c, &mut out));
        out
    }

    #[test]
    fn case_yo_and_marks() {
        assert_eq!(fold("ПЕСКОВ Песков"), "песков песков");
        assert_eq!(fold("Бобылёв ЁЛКА"), "бобылев елка");
        assert_eq!(fold("Пу\u{301}тин"), "путин");
        assert_eq!(fold("Zelenskyy Žirnov Türkiye"), "zelenskyy zirnov turkiye");
        assert_eq!(fold("Straße"), "strasse");
    }

    #[test]
    fn short_i_survives_in_both_encodings() {
        assert_eq!(fold("Дмитрий"), "дмитрий");
        assert_eq!(fold("Дмитрии\u{306}"), "дмитрий");
        assert_eq!(fold("ДМИТРИИ\u{306}"), "дмитрий");
        assert_eq!(fold("е\u{308}ж"), "еж");
    }

    #[test]
    fn compatibility_forms() {
        assert_eq!(fold("ＮＡＴＯ"), "nato");
        assert_eq!(fold("ﬁnal"), "final");
        assert_eq!(fold("²"), "2");
    }
}
