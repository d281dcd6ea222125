//! Typography: the many dashes, quotes, apostrophes and spaces of real text
//! unified into one ASCII character each, and invisible characters dropped.
//!
//! These run before folding because NFKC leaves most of them alone (an en
//! dash has no compatibility decomposition), yet users expect `Нур–Султан`
//! and `Нур-Султан`, `Russia’s` and `Russia's` to be the same text.

/// Characters that carry no text at all and are dropped: soft hyphen,
/// zero-width space / non-joiner / joiner, word joiner, byte-order mark,
/// Mongolian vowel separator, combining grapheme joiner.
pub fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}' | '\u{034F}'
    )
}

/// The one character `c` stands for, if it is a dash, quote, apostrophe or
/// space of some kind; `None` for every other character.
pub fn unify(c: char) -> Option<char> {
    Some(match c {
        // hyphen, non-breaking hyphen, figure dash, en dash, em dash, bar
        '\u{2010}'..='\u{2015}' => '-',
        // minus sign, small and full-width hyphen-minus, two- and three-em dash
        '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' | '\u{2E3A}' | '\u{2E3B}' => '-',
        // single quotes and apostrophes: ‘ ’ ‚ ‛, prime, modifier apostrophe,
        // grave and acute accents used as apostrophes, full-width apostrophe
        '\u{2018}'..='\u{201B}' | '\u{2032}' | '\u{02BC}' | '\u{0060}' | '\u{00B4}' => '\'',
        '\u{FF07}' => '\'',
        // modifier prime and double prime: ISO 9 / scholarly soft and hard signs
        '\u{02B9}' => '\'',
        '\u{02BA}' => '"',
        // double quotes: “ ” „ ‟, guillemets « », double prime, full-width quote
        '\u{201C}'..='\u{201F}' | '\u{00AB}' | '\u{00BB}' | '\u{2033}' | '\u{FF02}' => '"',
        // every kind of space and line break
        c if c.is_whitespace() => ' ',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_quotes_spaces() {
        for c in ['‐', '‑', '‒', '–', '—', '―', '−', '－'] {
            assert_eq!(unify(c), Some('-'), "{c:?}");
        }
        for c in ['‘', '’', 'ʼ', '`', '´'] {
            assert_eq!(unify(c), Some('\''), "{c:?}");
        }
        for c in ['“', '”', '„', '«', '»'] {
            assert_eq!(unify(c), Some('"'), "{c:?}");
        }
        for c in ['\u{A0}', '\u{2009}', '\u{202F}', '\n', '\t', '\u{3000}'] {
            assert_eq!(unify(c), Some(' '), "{c:?}");
        }
        assert_eq!(unify('a'), None);
        assert!(is_ignorable('\u{AD}') && !is_ignorable('-'));
    }
}
