//! Transliteration (placeholder until the scheme tables land): the fold of
//! a Latin word is the word itself.

/// Appends the comparison key of one normalized Latin word to `out`.
pub fn fold_into(word: &str, out: &mut String) {
    out.push_str(word);
}
