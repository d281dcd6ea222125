//! Text → comparison key, with a map back to the original characters.
//!
//! One entry point serves aliases and documents alike, so that both sides of
//! every comparison went through exactly the same steps. The steps, in order,
//! for each character of the input:
//!
//! 1. invisible characters (soft hyphen, zero-width space/joiners, BOM) are
//!    dropped ([`typography`]);
//! 2. dashes, quotes, apostrophes and spaces become `-`, `"`, `'` and ` `
//!    ([`typography`]);
//! 3. everything else is folded: NFKC compatibility forms, full case folding,
//!    `ё → е`, combining marks (stress, accents) removed but `й` kept
//!    ([`fold`]).
//!
//! ```
//! use entnorm::normalize::normalize;
//!
//! let n = normalize("Пу\u{301}тина\u{A0}ВЛАДИМИРА");
//! assert_eq!(n.key, "путина владимира");
//! // The key's 3rd character (т) came from the original's 4th (after the stress mark).
//! assert_eq!(n.map[2], 3);
//! ```

mod fold;
mod typography;

pub use typography::{is_ignorable, unify};

/// A normalized text: the key, and for each character of the key the index
/// (in characters) of the original character it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Normalized {
    /// The comparison key.
    pub key: String,
    /// `map[i]` is the original character index of the key's `i`-th character.
    pub map: Vec<usize>,
}

/// Normalizes `text`, keeping the map back to the original characters.
pub fn normalize(text: &str) -> Normalized {
    let mut key = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let before = key.len();
        push_normalized(c, &mut key);
        // `push_normalized` never shrinks the key: the one rewrite it does
        // (и + breve → й) replaces two bytes by two bytes.
        let added = key.get(before..).map_or(0, |s| s.chars().count());
        map.extend(std::iter::repeat(i).take(added));
    }
    Normalized { key, map }
}

/// Normalizes `text` into its key alone.
pub fn normalize_str(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    push_key(text, &mut key);
    key
}

/// Appends the key of `text` to `out` (the allocation-free form used on
/// every token of every document).
#[inline]
pub fn push_key(text: &str, out: &mut String) {
    text.chars().for_each(|c| push_normalized(c, out));
}

/// The key of a letter of the Russian alphabet without table lookups (most
/// of any Russian text): lowercase, ё as е. Equal to the general path
/// (`tests::basic_cyrillic_matches_the_general_path`).
#[inline]
fn basic_cyrillic(c: char) -> Option<char> {
    match c {
        'ё' | 'Ё' => Some('е'),
        'а'..='я' => Some(c),
        'А'..='Я' => char::from_u32(c as u32 + 0x20),
        _ => None,
    }
}

/// Whether `written` is the normalized key `key` with the first letter of
/// each word (after a space) capitalized and nothing else changed: the way
/// most names are written (`Sergey Lavrov` of `sergey lavrov`).
pub fn is_title_form(written: &str, key: &str) -> bool {
    let mut written = written.chars();
    let mut word_start = true;
    for c in key.chars() {
        let same = match word_start {
            true => c.to_uppercase().all(|upper| written.next() == Some(upper)),
            false => written.next() == Some(c),
        };
        if !same {
            return false;
        }
        word_start = c == ' ';
    }
    written.next().is_none()
}

/// The normalization steps, in order, for one character.
#[inline]
pub fn push_normalized(c: char, out: &mut String) {
    if c.is_ascii_alphanumeric() {
        out.push(c.to_ascii_lowercase());
    } else if let Some(lower) = basic_cyrillic(c) {
        out.push(lower);
    } else if typography::is_ignorable(c) {
    } else if let Some(u) = typography::unify(c) {
        out.push(u);
    } else {
        fold::push_folded(c, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_forms_capitalize_each_word_and_change_nothing_else() {
        assert!(is_title_form("Sergey Lavrov", "sergey lavrov"));
        assert!(is_title_form("Нижний Новгород", "нижний новгород"));
        assert!(is_title_form("", ""));
        assert!(!is_title_form("sergey lavrov", "sergey lavrov"));
        assert!(!is_title_form("SERGEY LAVROV", "sergey lavrov"));
        assert!(!is_title_form("Sergey  Lavrov", "sergey lavrov"));
        assert!(!is_title_form("Sergey Lavrov.", "sergey lavrov"));
        assert!(!is_title_form("Sergey", "sergey lavrov"));
        assert!(!is_title_form("Rostov-on-Don", "rostov-on-don"), "a hyphen starts no word");
        assert!(!is_title_form("Пётр", "петр"), "ё is not е");
    }

    #[test]
    fn basic_cyrillic_matches_the_general_path() {
        for c in '\u{0400}'..='\u{045F}' {
            if let Some(fast) = basic_cyrillic(c) {
                let mut slow = String::new();
                fold::push_folded(c, &mut slow);
                assert_eq!(fast.to_string(), slow, "{c:?}");
            }
        }
    }

    #[test]
    fn documents_and_aliases_meet() {
        let pairs = [
            ("Нур–Султан", "Нур-Султан"),
            ("Russia’s", "Russia's"),
            ("«Исламский Эмират»", "\"исламский эмират\""),
            ("Пес\u{AD}ков", "песков"),
            ("Бобылёв", "БОБЫЛЕВ"),
            ("Dmitry\u{202F}Peskov", "dmitry peskov"),
        ];
        for (a, b) in pairs {
            assert_eq!(normalize_str(a), normalize_str(b), "{a} vs {b}");
        }
    }

    #[test]
    fn map_points_at_original_characters() {
        let text = "a\u{AD}bc\u{301}d";
        let n = normalize(text);
        assert_eq!(n.key, "abcd");
        assert_eq!(n.map, vec![0, 2, 3, 5]);
        let n = normalize("Й и\u{306}");
        assert_eq!(n.key, "й й");
        assert_eq!(n.map, vec![0, 1, 2]);
    }

    #[test]
    fn idempotent_on_samples() {
        for s in ["ＦＵＬＬ–width «x»", "ﬀ İstanbul Straße", "Ё\u{308}ж\u{301}ик"] {
            let once = normalize_str(s);
            assert_eq!(normalize_str(&once), once, "{s}");
        }
    }
}
