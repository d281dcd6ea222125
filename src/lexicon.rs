//! Common words of Russian and English (`data/common-words-*.txt`, generated
//! by `tools/fixtures/gen_wordlists.py` from wordfreq and pymorphy3 /
//! wamerican, compiled into an fst set by `build.rs`): the words a name must not be mistaken for when written in
//! lowercase (`путина` the fishing season, `лавров` of laurels, `trump`,
//! `nice`). Used at index build time for case rules, by fuzzy matching, and
//! by `lint`.

use fst::Set;
use std::sync::OnceLock;

/// Both lists as one fst set, built by `build.rs` (so nothing is sorted at
/// run time): lookups walk bytes, no hashing.
static SET: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/lexicon.fst"));

fn words() -> &'static Set<&'static [u8]> {
    static WORDS: OnceLock<Set<&'static [u8]>> = OnceLock::new();
    // Written by this crate's build script with fst's own builder.
    WORDS.get_or_init(|| Set::new(SET).expect("the embedded lexicon is a valid fst set"))
}

/// True when `word` (a normalized key: lowercase, `ё` as `е`) is a common
/// Russian or English word.
pub fn is_common_word(word: &str) -> bool {
    is_common(word.as_bytes())
}

/// [`is_common_word`] of a word's bytes.
fn is_common(word: &[u8]) -> bool {
    words().contains(word)
}

/// Whether `word` may be a common word: false for certain when it is not,
/// from a Bloom filter of the lexicon (under 1% false positives, about
/// 380 KB, built on first use) that stays in a core's cache, where the
/// set's walk misses it: building an index of a million entities asks for
/// the words of tens of millions of keys, most of them names.
fn may_be_common_word(word: &[u8]) -> bool {
    static FILTER: OnceLock<Vec<u8>> = OnceLock::new();
    let filter = FILTER.get_or_init(|| {
        let mut hashes = Vec::with_capacity(words().len());
        let mut stream = words().stream();
        while let Some(word) = fst::Streamer::next(&mut stream) {
            hashes.push(xxhash_rust::xxh3::xxh3_64(word));
        }
        crate::index::starts::build(hashes)
    });
    crate::index::starts::may_hold(filter, xxhash_rust::xxh3::xxh3_64(word))
}

/// True when every word of a normalized key is a common word (`белый дом`),
/// so that the key written in lowercase is probably not a name.
pub fn is_common_phrase(key: &str) -> bool {
    let mut words = crate::index::starts::words(key.as_bytes()).peekable();
    words.peek().is_some() && words.all(|word| may_be_common_word(word) && is_common(word))
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
        for word in ["путина", "лавров", "мира", "trump", "nice", "белый", "дом"] {
            assert!(may_be_common_word(word.as_bytes()), "{word}");
        }
        // Names: under 1% of words not in the lexicon pass the filter.
        let names = ["песковым", "россии", "putin", "moscow", "taliban", "савелием", "носковым"];
        assert!(names.iter().filter(|w| may_be_common_word(w.as_bytes())).count() <= 1);
    }
}
