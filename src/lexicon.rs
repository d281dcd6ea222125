//! Common words of Russian and English (`data/common-words-*.txt`, generated
//! by `tools/fixtures/gen_wordlists.py` from wordfreq and pymorphy3 /
//! wamerican): the words a name must not be mistaken for when written in
//! lowercase (`путина` the fishing season, `лавров` of laurels, `trump`,
//! `nice`). Used at index build time for case rules, by fuzzy matching, and
//! by `lint`.

use fst::Set;
use std::sync::OnceLock;

static RU: &str = include_str!("../data/common-words-ru.txt");
static EN: &str = include_str!("../data/common-words-en.txt");

/// Both lists as one fst set: lookups walk bytes, no hashing (they run on
/// every candidate misspelling).
fn words() -> &'static Set<Vec<u8>> {
    static WORDS: OnceLock<Set<Vec<u8>>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let lines = RU.lines().chain(EN.lines());
        let mut words: Vec<&str> = lines.filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        words.sort_unstable();
        words.dedup();
        // Sorted and deduplicated just above, which is all `from_iter` needs.
        Set::from_iter(words).expect("sorted, unique words")
    })
}

/// True when `word` (a normalized key: lowercase, `ё` as `е`) is a common
/// Russian or English word.
pub fn is_common_word(word: &str) -> bool {
    words().contains(word)
}

/// True when every word of a normalized key is a common word (`белый дом`),
/// so that the key written in lowercase is probably not a name.
pub fn is_common_phrase(key: &str) -> bool {
    let mut words = key.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).peekable();
    words.peek().is_some() && words.all(is_common_word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_are_words_and_names_that_are_not() {
        for word in ["путина", "лавров", "песков", "мира", "trump", "nice", "may"] {
            assert!(is_common_word(word), "{word}");
        }
        for word in ["песковым", "россии", "putin", "moscow", "taliban"] {
            assert!(!is_common_word(word), "{word}");
        }
        assert!(is_common_phrase("белый дом"));
        assert!(!is_common_phrase("белый дом песковым"));
        assert!(!is_common_phrase(""));
    }
}
