//! Text → word tokens with offsets in the original, and the separators
//! between them.
//!
//! A word is a run of letters and digits of any script, with the combining
//! marks that belong to them; soft hyphens and zero-width characters between
//! two word characters stay inside the word (as in UAX #29), so `Пес­ков`
//! with a soft hyphen is one word. Everything else separates words, and the
//! separator is kept, normalized, so that an alias written `Нур-Султан`,
//! `O'Brien` or `kremlin.ru` matches the same word sequence with the same
//! punctuation, while `Taliban-led` still starts with the word `Taliban`.
//!
//! A lowercase letter followed by a capital starts a new word with an empty
//! separator: page extraction glues words together (`историйРБК`), and as the
//! separator is empty, `McDonald` still spells the same key as `Mcdonald`.
//!
//! Offsets are set here, once, on the original text; later stages only
//! change keys (see [`Token`]).

use crate::index::starts::{hash, Entry};
use crate::normalize::{is_ignorable, push_normalized, unify};
use crate::translit::fold_into;
use std::ops::Range;
use unicode_normalization::char::is_combining_mark;

/// First character of fold keys in the index: no normalized key starts with
/// a control character, so fold keys live apart from all other keys.
pub const FOLD_PREFIX: char = '\u{1}';

/// Separators longer than this (in normalized characters) end any match:
/// no alias spans a run of punctuation that long.
const MAX_SEPARATOR: usize = 8;

/// The letter case of a token as written, used by case rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Every letter is lowercase (`путина`).
    Lower,
    /// First letter capital, not all capitals (`Путина`, `McDonald`, `A`).
    Title,
    /// Two or more letters, all capitals (`ПУТИНА`, `NATO`).
    Upper,
    /// First letter lowercase, some later capital (`iPhone`), or no letters.
    Other,
}

/// One word of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Start, in characters (code points) of the original text.
    pub char_start: usize,
    /// End (exclusive), in characters of the original text.
    pub char_end: usize,
    /// Start, in bytes of the original text.
    pub byte_start: usize,
    /// End (exclusive), in bytes of the original text.
    pub byte_end: usize,
    /// Range of this token's normalized key in [`Tokens::keys`].
    pub key: Range<usize>,
    /// Letter case as written.
    pub shape: Shape,
    /// For a Latin word, the range of its transliteration fold key in
    /// [`Tokens::folds`]: the key under which romanizations of the same
    /// name meet (`dmitriy`, `dmitrii` …). Another word's fold key is its
    /// normalized key, not copied: this is then the same range as `key`,
    /// in [`Tokens::keys`]. Read fold keys with [`Tokens::fold`].
    pub fold: Range<usize>,
    /// True when the word is written in Latin letters (and digits).
    pub latin: bool,
    /// True when the normalized key is letters and digits only (not so
    /// when normalization put a mark inside: `⒈` is `1.`).
    pub plain: bool,
}

/// What lies between two tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Separator {
    /// Range of the normalized separator (whitespace collapsed to one space)
    /// in [`Tokens::separators`].
    pub key: Range<usize>,
    /// A paragraph break or a long run of punctuation: no match crosses it.
    pub hard: bool,
    /// Byte range in the original text.
    pub bytes: Range<usize>,
}

/// A tokenized text.
///
/// `separator(i)` lies before token `i`; `separator(len)` is whatever
/// trails the last token.
#[derive(Clone, Debug, Default)]
pub struct Tokens {
    /// The tokens, in text order.
    pub tokens: Vec<Token>,
    /// All token keys, concatenated.
    pub keys: String,
    /// The fold keys of the Latin words, concatenated.
    pub folds: String,
    /// `tokens.len() + 1` separators: before each token, and after the last.
    pub seps: Vec<Separator>,
    /// All separator keys, concatenated.
    pub separators: String,
    /// Per token, its start-filter hashes (see [`Tokens::start_hashes`]).
    hashes: Vec<[u64; 2]>,
}

thread_local! {
    /// Fold keys of the Latin words this thread saw lately: news repeats
    /// its words from one text to the next.
    static FOLDS: std::cell::RefCell<FoldCache> = std::cell::RefCell::new(FoldCache::default());
}

/// Latin key → fold key and start-filter hashes (see
/// [`Tokens::start_hashes`]), for words of up to [`FoldSlot::KEY`] bytes:
/// two slots of 64 bytes per hash of the key, so a lookup reads one cache
/// line (a map of boxed strings read three, and missed the cache on most).
#[derive(Default)]
struct FoldCache(Vec<FoldSlot>);

/// One word, its filter hashes and its fold key, all inline: the key as two
/// little-endian words, zero-padded (a Latin key is ASCII letters and
/// digits, never a zero byte, so keys compare as the two words).
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct FoldSlot {
    key: [u64; 2],
    hashes: [u64; 2],
    fold: [u8; FoldSlot::FOLD],
    fold_len: u8,
}

impl FoldSlot {
    /// The longest key, and fold key, a slot holds.
    const KEY: usize = 16;
    const FOLD: usize = 31;
    const EMPTY: FoldSlot = FoldSlot { key: [0; 2], hashes: [0; 2], fold: [0; FoldSlot::FOLD], fold_len: 0 };
}

/// The start-filter hashes of a Latin word: of its key, of its fold key.
fn latin_hashes(key: &[u8], fold: &[u8]) -> [u64; 2] {
    [hash(key, Entry::WORD), hash(fold, Entry::FOLD_WORD)]
}

/// `bytes` (at most 16) as two little-endian words, zero-padded, read
/// without a round trip through memory.
#[inline]
fn padded_words(bytes: &[u8]) -> [u64; 2] {
    // A part shorter than eight bytes from two overlapping reads (the
    // overlap ORs equal bytes into place), not a loop over its bytes.
    let word = |part: &[u8]| match part.len() {
        8 => u64::from_le_bytes(part.try_into().unwrap_or_default()),
        4..=7 => {
            let head = u32::from_le_bytes(part[..4].try_into().unwrap_or_default());
            let tail = u32::from_le_bytes(part[part.len() - 4..].try_into().unwrap_or_default());
            u64::from(head) | u64::from(tail) << (8 * (part.len() - 4))
        }
        1..=3 => {
            let (first, mid, last) = (part[0], part[part.len() / 2], part[part.len() - 1]);
            u64::from(first)
                | u64::from(mid) << (8 * (part.len() / 2))
                | u64::from(last) << (8 * (part.len() - 1))
        }
        _ => 0,
    };
    let (low, high) = bytes.split_at(bytes.len().min(8));
    [word(low), word(high)]
}

impl FoldCache {
    /// Sets of two slots, 2^BITS of them (512 KB in all): news uses a few
    /// thousand distinct Latin words.
    const BITS: u32 = 12;

    /// Appends the fold key of the Latin key `key` to `out`; its filter
    /// hashes. A word seen lately is copied from its slot here, inline;
    /// any other is folded through a call.
    #[inline]
    fn fold_into(&mut self, key: &str, out: &mut String) -> [u64; 2] {
        debug_assert!(key.bytes().all(|b| b.is_ascii_alphanumeric()), "{key:?}");
        if (1..=FoldSlot::KEY).contains(&key.len()) && !self.0.is_empty() {
            let words = padded_words(key.as_bytes());
            let set = Self::set(words);
            if let Some(slot) = self.0[set..set + 2].iter().find(|slot| slot.key == words) {
                // SAFETY: only ASCII fold keys are kept (below): valid UTF-8.
                copy_run(unsafe { out.as_mut_vec() }, &slot.fold, usize::from(slot.fold_len));
                return slot.hashes;
            }
        }
        self.fold_and_keep(key, out)
    }

    /// [`FoldCache::fold_into`] for a word not in its slots: folded, and
    /// kept when it fits a slot.
    #[inline(never)]
    fn fold_and_keep(&mut self, key: &str, out: &mut String) -> [u64; 2] {
        let start = out.len();
        if key.is_empty() || key.len() > FoldSlot::KEY {
            fold_into(key, out);
            return latin_hashes(key.as_bytes(), &out.as_bytes()[start..]);
        }
        if self.0.is_empty() {
            self.0 = vec![FoldSlot::EMPTY; 2 << Self::BITS];
        }
        let words = padded_words(key.as_bytes());
        let set = Self::set(words);
        let set = &mut self.0[set..set + 2];
        fold_into(key, out);
        let fold = &out.as_bytes()[start..];
        let hashes = latin_hashes(key.as_bytes(), fold);
        if fold.len() <= FoldSlot::FOLD && fold.is_ascii() {
            // The newer word first; the older one stays second.
            set[1] = set[0];
            let slot = &mut set[0];
            slot.key = words;
            slot.hashes = hashes;
            slot.fold_len = fold.len() as u8;
            slot.fold[..fold.len()].copy_from_slice(fold);
        }
        hashes
    }

    /// The first of the two slots a key (as [`padded_words`]) may be in.
    #[inline]
    fn set(words: [u64; 2]) -> usize {
        let hash =
            (words[0].wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ words[1]).wrapping_mul(0xD6E8_FEB8_6659_FD93);
        2 * (hash >> (64 - Self::BITS)) as usize
    }
}

impl Tokens {
    /// Tokenizes `text`.
    pub fn new(text: &str) -> Tokens {
        let mut tokens = Tokens::default();
        tokens.reset(text);
        tokens
    }

    /// Tokenizes `text` into `self`, reusing its buffers.
    pub fn reset(&mut self, text: &str) {
        self.tokens.clear();
        self.keys.clear();
        self.folds.clear();
        self.seps.clear();
        self.separators.clear();
        self.hashes.clear();
        if FOLDS.try_with(|folds| Scanner::new(self, &mut folds.borrow_mut()).run(text)).is_err() {
            // A thread's last destructors tokenizing: no fold keys kept.
            Scanner::new(self, &mut FoldCache::default()).run(text);
        }
    }

    /// Per token, the start-filter hashes of its key and, for a Latin word,
    /// of its fold key (`index::starts::hash` of one word; 0 for another
    /// word's fold key): worked out as the key is written, a Latin word's
    /// known from the words seen before.
    pub(crate) fn start_hashes(&self) -> &[[u64; 2]] {
        &self.hashes
    }

    /// Number of tokens.
    #[inline]
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// True when the text has no words.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The normalized key of token `i`.
    #[inline]
    pub fn key(&self, i: usize) -> &str {
        &self.keys[self.tokens[i].key.clone()]
    }

    /// The fold key of token `i` (see [`Token::fold`]).
    #[inline]
    pub fn fold(&self, i: usize) -> &str {
        let (keys, range) = self.key_source(i, true);
        &keys[range]
    }

    /// [`Tokens::key`] or, with `fold`, [`Tokens::fold`] of token `i`, as
    /// bytes (read without the checks of character boundaries that a `str`
    /// slice makes).
    #[inline]
    pub fn key_bytes(&self, i: usize, fold: bool) -> &[u8] {
        let (keys, range) = self.key_source(i, fold);
        &keys.as_bytes()[range]
    }

    /// Where token `i`'s key or, with `fold`, fold key is: a Latin word's
    /// fold key in `folds`, any other key in `keys` (see [`Token::fold`]).
    #[inline]
    fn key_source(&self, i: usize, fold: bool) -> (&str, Range<usize>) {
        let token = &self.tokens[i];
        match fold && token.latin {
            true => (&self.folds, token.fold.clone()),
            false => (&self.keys, token.key.clone()),
        }
    }

    /// [`Tokens::separator_key`] as bytes.
    #[inline]
    pub fn separator_key_bytes(&self, i: usize) -> &[u8] {
        &self.separators.as_bytes()[self.seps[i].key.clone()]
    }

    /// The separator before token `i` (`i == len()`: after the last token).
    #[inline]
    pub fn separator(&self, i: usize) -> &Separator {
        &self.seps[i]
    }

    /// The normalized text of the separator before token `i`.
    #[inline]
    pub fn separator_key(&self, i: usize) -> &str {
        &self.separators[self.seps[i].key.clone()]
    }

    /// The key that tokens `first..=last` and the separators between them
    /// make (what a walk over them follows), in `out`.
    pub(crate) fn span_key_into(&self, first: usize, last: usize, out: &mut String) {
        out.clear();
        self.push_joined(first..last + 1, |i| self.key(i), out);
    }

    /// The key of the whole token sequence, as an alias key: token keys
    /// joined by their separators, plus trailing dots and apostrophes after the last token. Empty if there are no tokens.
    pub fn joined_key(&self) -> String {
        self.joined(|i| self.key(i))
    }

    /// Like [`Tokens::joined_key`] with fold keys, behind [`FOLD_PREFIX`]:
    /// the key a Latin spelling is stored under for transliteration matching.
    pub fn joined_fold_key(&self) -> String {
        let mut key = String::from(FOLD_PREFIX);
        key.push_str(&self.joined(|i| self.fold(i)));
        key
    }

    fn joined<'a>(&'a self, word: impl Fn(usize) -> &'a str) -> String {
        let mut key = String::with_capacity(self.keys.len().max(self.folds.len()) + self.separators.len());
        self.push_joined(0..self.len(), word, &mut key);
        if !self.is_empty() {
            key.push_str(trailing_marks(self.separator_key(self.len())));
        }
        key
    }

    /// The words of tokens `range` (`word` of each) joined by the keys of
    /// the separators between them, appended to `out`.
    fn push_joined<'a>(&'a self, range: Range<usize>, word: impl Fn(usize) -> &'a str, out: &mut String) {
        let first = range.start;
        for i in range {
            if i > first {
                out.push_str(self.separator_key(i));
            }
            out.push_str(word(i));
        }
    }
}

/// The dots and apostrophes a separator starts with: an alias keeps them as
/// part of its key (`U.S.`, `F.C.`, a romanized soft sign `Sobol'`); other
/// trailing punctuation (a closing quote, a comma) is not part of a name.
/// In a text such a mark only ends a match when no word follows it directly
/// (`Sobol' said`, not the possessive `Sobol's`; see [`crate::matcher`]).
pub fn trailing_marks(sep: &str) -> &str {
    &sep[..sep.len() - sep.trim_start_matches(TRAILING_MARKS).len()]
}

/// The marks [`trailing_marks`] keeps.
const TRAILING_MARKS: [char; 2] = ['.', '\''];

/// Whether [`trailing_marks`] of the separator key `sep` is not empty,
/// told from its first byte.
#[inline]
pub fn has_trailing_marks(sep: &[u8]) -> bool {
    sep.first().is_some_and(|&b| TRAILING_MARKS.contains(&char::from(b)))
}

/// Whether `text` has a word ([`Tokens::new`] finds a token in it: a
/// letter or digit of any script), told without tokenizing it.
pub fn has_word(text: &str) -> bool {
    text.chars().any(|c| classify(c) == Class::Word)
}

/// Character classes the scanner tells apart.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    /// Combining mark: continues a word, separates otherwise.
    Mark,
    /// Invisible: stays inside a word only between two word characters.
    Ignorable,
    Other,
}

fn classify(c: char) -> Class {
    if is_basic_alphanumeric(c) {
        return Class::Word; // the usual case, without table lookups
    }
    if c.is_ascii() {
        return Class::Other; // no ASCII character is a mark or invisible
    }
    if unify(c).is_some() {
        // A few modifier letters (ʹ, ʼ) are written as apostrophes.
        Class::Other
    } else if letter_case(c).is_some() || c.is_alphanumeric() {
        Class::Word
    } else if is_ignorable(c) {
        Class::Ignorable
    } else if is_combining_mark(c) {
        Class::Mark
    } else {
        Class::Other
    }
}

/// Whether `c` is read as part of a word (not a separator, a mark or an
/// invisible character).
pub(crate) fn is_word_char(c: char) -> bool {
    classify(c) == Class::Word
}

/// `char::is_alphabetic`, with ASCII and basic Cyrillic answered without
/// Unicode table lookups.
#[inline]
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '\u{0400}'..='\u{045F}' => true,
        _ if c.is_ascii() => false,
        _ => c.is_alphabetic(),
    }
}

/// `char::is_alphanumeric`, with ASCII and basic Cyrillic (most of any
/// text here) answered without Unicode table lookups.
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    match c {
        _ if is_basic_alphanumeric(c) => true,
        _ if c.is_ascii() => false,
        _ => c.is_alphanumeric(),
    }
}

/// ASCII letters and digits and the basic Cyrillic block (U+0400–U+045F,
/// all letters): word characters known without Unicode tables.
#[inline]
fn is_basic_alphanumeric(c: char) -> bool {
    matches!(c, 'a'..='z' | 'A'..='Z' | '0'..='9' | '\u{0400}'..='\u{045F}')
}

/// The character at `bytes[i]` when it is an ASCII letter or digit or in
/// the basic Cyrillic block (U+0400–U+045F, all letters), told from its
/// bytes alone: its case as [`letter_case`] gives it (`None` for a digit),
/// and its length in bytes. `None` for any other character.
#[inline]
pub(crate) fn basic_char(bytes: &[u8], i: usize) -> Option<(Option<bool>, usize)> {
    match *bytes.get(i)? {
        b'a'..=b'z' => Some((Some(false), 1)),
        b'A'..=b'Z' => Some((Some(true), 1)),
        b'0'..=b'9' => Some((None, 1)),
        // U+0400–U+043F: capitals up to U+042F (Ѐ–Я).
        0xD0 => Some((Some(*bytes.get(i + 1)? < 0xB0), 2)),
        // U+0440–U+045F, all lowercase.
        0xD1 if *bytes.get(i + 1)? < 0xA0 => Some((Some(false), 2)),
        _ => None,
    }
}

/// `char::is_uppercase`, with ASCII and basic Cyrillic answered without
/// Unicode table lookups (every uppercase character is a letter).
#[inline]
pub fn is_uppercase(c: char) -> bool {
    letter_case(c) == Some(true)
}

/// `c`'s lowercase when it is ASCII or basic Cyrillic (U+0400–U+045F):
/// one character, known without Unicode tables.
#[inline]
fn basic_lowercase(c: char) -> Option<char> {
    match c {
        'A'..='Z' => Some(c.to_ascii_lowercase()),
        // А–Я → а–я, Ѐ–Џ → ѐ–џ.
        '\u{0410}'..='\u{042F}' => char::from_u32(u32::from(c) + 0x20),
        '\u{0400}'..='\u{040F}' => char::from_u32(u32::from(c) + 0x50),
        _ if c.is_ascii() || matches!(c, '\u{0430}'..='\u{045F}') => Some(c),
        _ => None,
    }
}

/// `str::to_lowercase`, without Unicode table lookups for text of ASCII
/// and basic Cyrillic only (the standard library looks each Cyrillic
/// letter up: a thousand instructions for a three-word name), on bytes.
pub(crate) fn to_lowercase(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii() {
            out.push(b.to_ascii_lowercase());
            i += 1;
            continue;
        }
        let next = bytes.get(i + 1).copied().unwrap_or(0);
        let lower = match (b, next) {
            (0xD0, 0x90..=0x9F) => [0xD0, next + 0x20], // А–П → а–п
            (0xD0, 0xA0..=0xAF) => [0xD1, next - 0x20], // Р–Я → р–я
            (0xD0, 0x80..=0x8F) => [0xD1, next + 0x10], // Ѐ–Џ → ѐ–џ
            (0xD0, 0xB0..=0xBF) | (0xD1, 0x80..=0x9F) => [b, next],
            _ => return s.to_lowercase(), // Σ's final form, İ, …: the general rules
        };
        out.extend_from_slice(&lower);
        i += 2;
    }
    // SAFETY: ASCII bytes and whole two-byte characters (a lead D0 or D1
    // and a continuation byte 80–BF) were written.
    unsafe { String::from_utf8_unchecked(out) }
}

/// The first character of `c`'s lowercase (`İ` gives `i`), as
/// `c.to_lowercase().next()`, ASCII and basic Cyrillic without tables.
#[inline]
pub(crate) fn first_lowercase(c: char) -> char {
    basic_lowercase(c).unwrap_or_else(|| c.to_lowercase().next().unwrap_or(c))
}

/// `Some(is_upper)` for letters, `None` otherwise; ASCII and basic Cyrillic
/// (most of any text here) answered without Unicode table lookups.
#[inline]
fn letter_case(c: char) -> Option<bool> {
    match c {
        'A'..='Z' | '\u{0400}'..='\u{042F}' => Some(true),
        'a'..='z' | '\u{0430}'..='\u{045F}' => Some(false),
        _ if c.is_ascii() => None,
        _ if c.is_alphabetic() => Some(c.is_uppercase()),
        _ => None,
    }
}

/// The length of a run of lowercase letters at the start of `bytes`, in
/// bytes and characters: ASCII letters, or Russian letters but `ё` (U+0430–
/// U+044F), whose keys are themselves.
struct Run {
    bytes: usize,
    chars: usize,
}

#[inline]
fn lowercase_run(bytes: &[u8]) -> Run {
    // A run is of one script: its first byte tells which.
    if bytes.first().is_some_and(u8::is_ascii) {
        let ascii = ascii_lowercase_run(bytes);
        return Run { bytes: ascii, chars: ascii };
    }
    let cyrillic = russian_lowercase_run(bytes);
    Run { bytes: 2 * cyrillic, chars: cyrillic }
}

/// The number of ASCII lowercase letters `bytes` starts with: eight bytes
/// at a time, as one word (SWAR), without a branch per letter.
#[inline]
fn ascii_lowercase_run(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let ones = |b: u8| u64::from(b) * 0x0101_0101_0101_0101;
    let mut n = 0;
    while let Some(chunk) = bytes.get(n..n + 8) {
        let v = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // Per byte, on its low seven bits (no carry leaves a byte): at
        // least `a`, and not past `z`; and its high bit clear.
        let low = v & LOW7;
        let from_a = low + ones(0x80 - b'a');
        let past_z = low + ones(0x7F - b'z');
        let lower = from_a & !past_z & !v & HIGH;
        if lower != HIGH {
            return n + ((!lower & HIGH).trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + bytes[n..].iter().take_while(|b| b.is_ascii_lowercase()).count()
}

/// The number of Russian lowercase letters but `ё` (U+0430–U+044F: D0 B0–
/// D0 BF, D1 80–D1 8F) `bytes` starts with: four at a time (SWAR), as the
/// two halves of the alphabet alternate unpredictably for a branch.
#[inline]
fn russian_lowercase_run(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8000_8000_8000_8000;
    const LOW15: u64 = 0x7FFF_7FFF_7FFF_7FFF;
    // Per 16-bit lane: its high bit set when the lane is not zero.
    let nonzero = |v: u64| (((v & LOW15) + LOW15) | v) & HIGH;
    let mut n = 0;
    while let Some(chunk) = bytes.get(2 * n..2 * n + 8) {
        let v = u64::from_be_bytes(chunk.try_into().unwrap_or_default());
        let top = v & 0xFFF0_FFF0_FFF0_FFF0;
        let outside = nonzero(top ^ 0xD0B0_D0B0_D0B0_D0B0) & nonzero(top ^ 0xD180_D180_D180_D180);
        if outside != 0 {
            return n + (outside.leading_zeros() / 16) as usize;
        }
        n += 4;
    }
    let pair = |p: &[u8]| {
        let w = u16::from_be_bytes([p[0], p[1]]) & 0xFFF0;
        (w == 0xD0B0) | (w == 0xD180)
    };
    n + bytes[2 * n..].chunks_exact(2).take_while(|p| pair(p)).count()
}

/// Appends `bytes[..n]` to `out`: up to 16 bytes as 16 bytes at once when
/// both sides have room (a fixed-size copy is two moves, where a copy of
/// any length is a call), else as a slice.
#[inline]
fn copy_run(out: &mut Vec<u8>, bytes: &[u8], n: usize) {
    const WIDE: usize = 16;
    match bytes.get(..WIDE) {
        Some(wide) if n <= WIDE && out.capacity() - out.len() >= WIDE => {
            let len = out.len();
            // As one unaligned 16-byte load and store: a copy of a fixed
            // length may still be compiled into a call to `memcpy` when it
            // shares code with the copy of any length below.
            // SAFETY: the 16 bytes fit in `out`'s spare capacity (checked);
            // only the first `n`, all of `bytes[..n]`, become part of it.
            unsafe {
                let wide = std::ptr::read_unaligned(wide.as_ptr().cast::<u128>());
                std::ptr::write_unaligned(out.as_mut_ptr().add(len).cast::<u128>(), wide);
                out.set_len(len + n);
            }
        }
        _ => out.extend_from_slice(&bytes[..n]),
    }
}

thread_local! {
    /// Whether words of ASCII and basic Cyrillic letters are tokenized
    /// whole on this thread (see [`without_whole_words`]).
    static WHOLE_WORDS: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Runs `f` with every word tokenized character by character on this
/// thread, as words the whole-word path leaves alone are: for tests that
/// compare the two paths.
#[doc(hidden)]
pub fn without_whole_words<R>(f: impl FnOnce() -> R) -> R {
    let before = WHOLE_WORDS.replace(false);
    let result = f();
    WHOLE_WORDS.set(before);
    result
}

/// The single pass over the text.
struct Scanner<'t> {
    out: &'t mut Tokens,
    /// The thread's fold keys of Latin words.
    folds: &'t mut FoldCache,
    /// Current token: (char start, byte start), when inside one.
    word: Option<(usize, usize)>,
    /// Current separator's start, in bytes.
    sep_start: usize,
    /// Case flags of the current token.
    first_upper: Option<bool>,
    any_upper: bool,
    any_lower: bool,
    letters: usize,
    prev_lower: bool,
}

impl<'t> Scanner<'t> {
    fn new(out: &'t mut Tokens, folds: &'t mut FoldCache) -> Scanner<'t> {
        Scanner {
            out,
            folds,
            word: None,
            sep_start: 0,
            first_upper: None,
            any_upper: false,
            any_lower: false,
            letters: 0,
            prev_lower: false,
        }
    }

    fn run(mut self, text: &str) {
        let bytes = text.as_bytes();
        let (mut bi, mut ci) = (0, 0);
        let whole_words = WHOLE_WORDS.get();
        while let Some(&b) = bytes.get(bi) {
            // A whole word of ASCII and basic Cyrillic letters and digits
            // (most words), in one go.
            let starts_basic = |b: u8| b.is_ascii_alphanumeric() || b == 0xD0 || b == 0xD1;
            if whole_words && self.word.is_none() && starts_basic(b) {
                if let Some((end, chars)) = self.basic_word(text, bi, ci) {
                    bi = end;
                    ci += chars;
                    // The ASCII punctuation and spaces after it (most
                    // separators) are stepped over here: outside a word the
                    // loop below only counts them, and the separator is
                    // recorded with the next token.
                    while bytes.get(bi).is_some_and(|&n| n.is_ascii() && !n.is_ascii_alphanumeric()) {
                        bi += 1;
                        ci += 1;
                    }
                    continue;
                }
            }
            // ASCII and the basic Cyrillic block (most of any text here)
            // are classified from their bytes; the rest goes through
            // `classify`.
            if let Some((case, len)) = basic_char(bytes, bi) {
                self.word_char(text, ci, bi, case, true);
                bi += len;
                ci += 1;
                continue;
            }
            if b < 0x80 {
                // No ASCII character is a mark or invisible.
                if self.word.is_some() {
                    self.end_word(text, ci, bi);
                }
                bi += 1;
                ci += 1;
                continue;
            }
            let c = text[bi..].chars().next().unwrap_or_default();
            match classify(c) {
                Class::Word => {
                    let case = letter_case(c);
                    // Caseless letters (CJK, Arabic) count as neither.
                    self.word_char(text, ci, bi, case, case != Some(false) || c.is_lowercase())
                }
                Class::Mark if self.word.is_some() => {}
                Class::Ignorable if self.word.is_some() => {
                    // Inside a word if a letter, digit or mark follows after
                    // any further invisible characters (a few at most).
                    let rest = &text[bi + c.len_utf8()..];
                    let next = rest.chars().take(16).find(|&n| classify(n) != Class::Ignorable);
                    if !matches!(next.map(classify), Some(Class::Word | Class::Mark)) {
                        self.end_word(text, ci, bi);
                    }
                }
                _ => {
                    if self.word.is_some() {
                        self.end_word(text, ci, bi);
                    }
                }
            }
            bi += c.len_utf8().max(1);
            ci += 1;
        }
        if self.word.is_some() {
            self.end_word(text, ci, text.len());
        }
        self.push_separator(text, text.len());
    }

    /// A word character at (`ci`, `bi`): `case` as [`letter_case`] gives
    /// it, `cased` false for a caseless letter.
    #[inline]
    fn word_char(&mut self, text: &str, ci: usize, bi: usize, case: Option<bool>, cased: bool) {
        let upper = case == Some(true);
        if self.word.is_some() && upper && self.prev_lower {
            // `историйРБК`: a glued word starts here, with an empty separator.
            self.end_word(text, ci, bi);
        }
        if self.word.is_none() {
            self.push_separator(text, bi);
            self.word = Some((ci, bi));
        }
        if let Some(upper) = case {
            self.letters += 1;
            self.first_upper.get_or_insert(upper);
            self.any_upper |= upper;
            self.any_lower |= !upper;
        }
        self.prev_lower = case == Some(false) && cased;
    }

    /// The word starting at byte `bi` (character `ci`), when it is all
    /// ASCII and basic Cyrillic letters and digits and plainly ends after
    /// them (at the end of the text, at a character that is not a letter,
    /// digit, mark or invisible, or where a capital follows a lowercase
    /// letter): tokenized as [`Scanner::word_char`] and [`Scanner::end_word`]
    /// would, and `Some((byte end, characters))`. `None` leaves the word to
    /// them.
    ///
    /// One pass: each character is classified from its bytes and its key
    /// written as it is read (lowercase, `ё` as `е`, as [`push_normalized`]
    /// gives it: `tests::russian_words_lowercase_as_normalized`).
    fn basic_word(&mut self, text: &str, bi: usize, ci: usize) -> Option<(usize, usize)> {
        let bytes = &text.as_bytes()[bi..];
        let key_start = self.out.keys.len();
        // SAFETY: only whole characters are written: ASCII bytes, and
        // two-byte characters (a lead D0 or D1 and a continuation byte
        // 80–BF). `keys` is cut back to `key_start` (a character boundary)
        // before any other path writes to it.
        let keys = unsafe { self.out.keys.as_mut_vec() };
        keys.reserve(bytes.len().min(64));
        let (mut i, mut chars, mut uppers, mut lowers) = (0, 0, 0usize, 0usize);
        let mut first_upper = None;
        let mut prev_lower = false;
        // A basic Cyrillic letter outside the Russian alphabet (`ї`, `ў`):
        // the key is written again by `push_normalized`.
        let mut russian = true;
        let mut split = false;
        while let Some(&b) = bytes.get(i) {
            // A run of lowercase letters (most of a word), copied whole:
            // ASCII, or а–я but ё (their keys are themselves).
            let run = lowercase_run(&bytes[i..]);
            if run.bytes > 0 {
                copy_run(keys, &bytes[i..], run.bytes);
                i += run.bytes;
                chars += run.chars;
                lowers += run.chars;
                first_upper.get_or_insert(false);
                prev_lower = true;
                continue;
            }
            let (upper, key) = match b {
                b'A'..=b'Z' => (true, [b | 0x20, 0]),
                b'0'..=b'9' => {
                    keys.push(b);
                    prev_lower = false;
                    i += 1;
                    chars += 1;
                    continue;
                }
                0xD0 | 0xD1 => {
                    let Some(&next) = bytes.get(i + 1) else { break };
                    match (b, next) {
                        (0xD1, 0x91) => (false, [0xD0, 0xB5]), // ё → е
                        (0xD1, 0x90..=0x9F) => {
                            russian = false;
                            (false, [b, next])
                        }
                        (0xD0, 0x90..=0x9F) => (true, [0xD0, next + 0x20]), // А–П → а–п
                        (0xD0, 0xA0..=0xAF) => (true, [0xD1, next - 0x20]), // Р–Я → р–я
                        (0xD0, 0x81) => (true, [0xD0, 0xB5]),               // Ё → е
                        (0xD0, 0x80..=0x8F) => {
                            russian = false;
                            (true, [b, next])
                        }
                        _ => break, // U+0460 on: not basic Cyrillic
                    }
                }
                _ => break,
            };
            if upper && prev_lower {
                split = true; // `историйРБК`
                break;
            }
            if key[1] == 0 {
                keys.push(key[0]);
                i += 1;
            } else {
                keys.extend_from_slice(&key);
                i += 2;
            }
            chars += 1;
            uppers += usize::from(upper);
            lowers += usize::from(!upper);
            first_upper.get_or_insert(upper);
            prev_lower = !upper;
        }
        let ends = split
            || match bytes.get(i) {
                None => true,
                Some(&b) if b < 0x80 => true,
                Some(_) => text[bi + i..].chars().next().is_some_and(|c| classify(c) == Class::Other),
            };
        if !ends || i == 0 {
            keys.truncate(key_start);
            return None;
        }
        let j = bi + i;
        if !russian {
            keys.truncate(key_start);
            text[bi..j].chars().for_each(|c| push_normalized(c, &mut self.out.keys));
        }
        self.first_upper = first_upper;
        self.any_upper = uppers > 0;
        self.any_lower = lowers > 0;
        self.letters = uppers + lowers;
        self.push_separator(text, bi);
        let latin = chars == i && self.letters > 0;
        self.push_token((ci, bi), (ci + chars, j), key_start, latin, true);
        Some((j, chars))
    }

    fn end_word(&mut self, text: &str, char_end: usize, byte_end: usize) {
        let Some((char_start, byte_start)) = self.word.take() else {
            return;
        };
        let key_start = self.out.keys.len();
        let word = &text[byte_start..byte_end];
        let mut plain = true;
        if word.is_ascii() {
            // Letters and digits only (a word has no ASCII punctuation):
            // normalizing is lowercasing.
            self.out.keys.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            for c in word.chars() {
                // Only other characters can normalize to a mark (`⒈` is `1.`).
                plain &= is_basic_alphanumeric(c);
                push_normalized(c, &mut self.out.keys);
            }
        }
        let key = &self.out.keys[key_start..];
        let latin = (word.is_ascii() && self.letters > 0)
            || key.bytes().all(|b| b.is_ascii_alphanumeric()) && key.bytes().any(|b| b.is_ascii_alphabetic());
        // The rare non-basic word whose key is all letters and digits anyway.
        plain = plain || key.chars().all(is_alphanumeric);
        self.push_token((char_start, byte_start), (char_end, byte_end), key_start, latin, plain);
    }

    /// Records the token from (`char`, `byte`) start to end whose key was
    /// just written from `key_start` on, and resets the word's flags.
    #[inline(always)]
    fn push_token(
        &mut self,
        (char_start, byte_start): (usize, usize),
        (char_end, byte_end): (usize, usize),
        key_start: usize,
        latin: bool,
        plain: bool,
    ) {
        let shape = self.shape();
        let key = key_start..self.out.keys.len();
        let (fold, hashes) = match latin {
            true => {
                let fold_start = self.out.folds.len();
                let hashes = self.folds.fold_into(&self.out.keys[key.clone()], &mut self.out.folds);
                (fold_start..self.out.folds.len(), hashes)
            }
            false => (key.clone(), [hash(self.out.keys[key.clone()].as_bytes(), Entry::WORD), 0]),
        };
        self.out.hashes.push(hashes);
        self.out.tokens.push(Token {
            char_start,
            char_end,
            byte_start,
            byte_end,
            key,
            shape,
            fold,
            latin,
            plain,
        });
        self.sep_start = byte_end;
        self.first_upper = None;
        self.any_upper = false;
        self.any_lower = false;
        self.letters = 0;
        self.prev_lower = false;
    }

    fn shape(&self) -> Shape {
        match self.first_upper {
            None => Shape::Other,
            Some(false) => {
                if self.any_upper {
                    Shape::Other
                } else {
                    Shape::Lower
                }
            }
            Some(true) if !self.any_lower && self.letters >= 2 => Shape::Upper,
            Some(true) => Shape::Title,
        }
    }

    /// Records the separator from `sep_start` up to `byte_end`.
    #[inline]
    fn push_separator(&mut self, text: &str, byte_end: usize) {
        let byte_start = self.sep_start;
        if byte_end == byte_start + 1 && text.as_bytes()[byte_start] == b' ' {
            // The usual separator, without the general path's work (or a
            // call to it).
            let start = self.out.separators.len();
            self.out.separators.push(' ');
            self.out.seps.push(Separator { key: start..start + 1, hard: false, bytes: byte_start..byte_end });
            self.sep_start = byte_end;
            return;
        }
        self.push_other_separator(text, byte_end);
    }

    /// [`Scanner::push_separator`] for any separator but one space.
    #[inline(never)]
    fn push_other_separator(&mut self, text: &str, byte_end: usize) {
        let byte_start = self.sep_start;
        let start = self.out.separators.len();
        let raw = &text[byte_start..byte_end];
        // Short runs of printable ASCII punctuation (`, `, `. `, `-`) are
        // their own key: only a backquote and doubled spaces change.
        let printable = |b: u8| matches!(b, b' '..=b'~') && b != b'`';
        if raw.len() <= MAX_SEPARATOR
            && raw.bytes().all(printable)
            && !raw.as_bytes().windows(2).any(|w| w == b"  ")
        {
            self.out.separators.push_str(raw);
            let key = start..self.out.separators.len();
            self.out.seps.push(Separator { key, hard: false, bytes: byte_start..byte_end });
            self.sep_start = byte_end;
            return;
        }
        let mut newlines = 0;
        let mut hard = false;
        for c in raw.chars() {
            newlines += usize::from(c == '\n');
            let buf = &mut self.out.separators;
            let before = buf.len();
            push_normalized(c, buf);
            // Whitespace runs collapse to one space.
            if buf.len() == before + 1 && buf.len() - start >= 2 && buf.ends_with("  ") {
                buf.pop();
            }
            if buf.len() - start > MAX_SEPARATOR * 4 {
                hard = true;
                break;
            }
        }
        let key_chars = self.out.separators[start..].chars().count();
        hard |= newlines >= 2 || key_chars > MAX_SEPARATOR;
        self.out.seps.push(Separator {
            key: start..self.out.separators.len(),
            hard,
            bytes: byte_start..byte_end,
        });
        self.sep_start = byte_end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let t = Tokens::new(text);
        (0..t.len()).map(|i| t.key(i).to_string()).collect()
    }

    /// The fast character tests answer as the standard library's do, for
    /// every character.
    #[test]
    fn character_tests_agree_with_the_standard_library() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_uppercase(c), c.is_uppercase(), "{c:?}");
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(first_lowercase(c), c.to_lowercase().next().unwrap(), "{c:?}");
            let text = format!("{c}{c}Я{c}");
            assert_eq!(to_lowercase(&text), text.to_lowercase(), "{c:?}");
        }
        // Where the general rules look at neighbours: a final sigma.
        for text in ["ΟΔΟΣ", "Σ", "ΑΣ ΒΣ", "Ёлка ОДОΣ", "", "İstanbul", "ПЕСКОВ Dmitry"]
        {
            assert_eq!(to_lowercase(text), text.to_lowercase(), "{text}");
        }
    }

    #[test]
    fn words_and_offsets_in_characters() {
        let t = Tokens::new("«Путин», Peskov");
        assert_eq!(t.len(), 2);
        assert_eq!((t.tokens[0].char_start, t.tokens[0].char_end), (1, 6));
        assert_eq!((t.tokens[1].char_start, t.tokens[1].char_end), (9, 15));
        assert_eq!(&"«Путин», Peskov"[t.tokens[0].byte_start..t.tokens[0].byte_end], "Путин");
        assert_eq!(t.separator_key(0), "\"");
        assert_eq!(t.separator_key(1), "\", ");
        assert_eq!(t.separator_key(2), "");
    }

    #[test]
    fn hyphens_apostrophes_and_dots_separate_but_are_kept() {
        assert_eq!(words("Taliban-led"), ["taliban", "led"]);
        assert_eq!(Tokens::new("Нур–Султан").joined_key(), "нур-султан");
        assert_eq!(Tokens::new("O’Brien").joined_key(), "o'brien");
        assert_eq!(Tokens::new("U.S.").joined_key(), "u.s.");
        assert_eq!(Tokens::new("Sobol'").joined_key(), "sobol'");
        assert_eq!(Tokens::new("«Спутник»").joined_key(), "спутник");
        assert_eq!(Tokens::new("Naval'nyj").joined_key(), "naval'nyj");
        assert_eq!(Tokens::new("kremlin.ru").joined_key(), "kremlin.ru");
        assert_eq!(Tokens::new("  Washington,   D.C.  ").joined_key(), "washington, d.c.");
    }

    #[test]
    fn invisible_characters_stay_inside_words() {
        assert_eq!(words("Пес\u{AD}ков и\u{200B}"), ["песков", "и"]);
        assert_eq!(words("Пу\u{301}тин"), ["путин"]);
    }

    #[test]
    fn glued_words_split_at_lower_to_upper() {
        assert_eq!(words("историйРБК УкраинеПолитика"), ["историй", "рбк", "украине", "политика"]);
        assert_eq!(Tokens::new("McDonald").joined_key(), "mcdonald");
    }

    #[test]
    fn shapes() {
        let t = Tokens::new("путина Путина ПУТИНА iPhone A 2024");
        let shapes: Vec<Shape> = t.tokens.iter().map(|t| t.shape).collect();
        use Shape::*;
        assert_eq!(shapes, [Lower, Title, Upper, Lower, Title, Title, Other]);
    }

    #[test]
    fn russian_words_lowercase_as_normalized() {
        // Every character the whole-word path writes itself, alone and in
        // a word that starts with a capital.
        let basic = ('\u{0400}'..='\u{045F}').chain('0'..='9').chain('A'..='Z').chain('a'..='z');
        for c in basic {
            for word in [c.to_string(), format!("{c}ж"), format!("{c}x")] {
                let t = Tokens::new(&word);
                assert_eq!(t.key(0), crate::normalize::normalize_str(&word), "{word}");
            }
        }
    }

    #[test]
    fn basic_words_tokenize_as_char_by_char() {
        // Words the whole-word path takes, and words it leaves to the
        // general one (a stress mark, a soft hyphen, `ї`, `é`, a glued
        // capital), must come out the same as character by character.
        let text = "Путин, ПЕСКОВ и Ёлкин: историйРБК McDonald 2024г Пу\u{301}тин Пес\u{AD}ков \
                    Київ Ўзбекистон café «Кремль» — Nur-Sultan; U.S. `x` a  b ѐж Ѐ";
        let t = Tokens::new(text);
        for (i, token) in t.tokens.iter().enumerate() {
            let written = &text[token.byte_start..token.byte_end];
            assert_eq!(t.key(i), crate::normalize::normalize_str(written), "{written}");
            assert_eq!(written.chars().count(), token.char_end - token.char_start, "{written}");
            assert_eq!(text[..token.byte_start].chars().count(), token.char_start, "{written}");
        }
        for i in 0..=t.len() {
            let raw = &text[t.separator(i).bytes.clone()];
            let mut key = crate::normalize::normalize_str(raw);
            while key.contains("  ") {
                key = key.replace("  ", " ");
            }
            assert_eq!(t.separator_key(i), key, "{raw:?}");
        }
        let keys: Vec<&str> = (0..t.len()).map(|i| t.key(i)).collect();
        assert_eq!(keys[..6], ["путин", "песков", "и", "елкин", "историй", "рбк"]);
        use Shape::*;
        let shapes: Vec<Shape> = t.tokens[..6].iter().map(|t| t.shape).collect();
        assert_eq!(shapes, [Title, Upper, Lower, Title, Lower, Upper]);
    }

    /// The per-thread fold cache gives what folding and hashing give, for
    /// words it holds, words it evicted, words too long for it, and mixed
    /// case.
    #[test]
    fn cached_fold_keys_equal_folded_keys() {
        let mut seed = 7u64;
        let mut word = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let len = 1 + (seed >> 33) as usize % 30;
            let letters = b"abcdefghijklmnopqrstuvwxyzkhshchyaiy0123";
            let bytes: Vec<u8> =
                (0..len).map(|i| letters[(seed >> (i % 50)) as usize % letters.len()]).collect();
            String::from_utf8(bytes).unwrap()
        };
        // More distinct words than the cache has slots, then all of them again.
        let words: Vec<String> = (0..20_000).map(|_| word()).collect();
        let text = format!("{0} {0} {1}", words.join(" "), words.join(" ").to_uppercase());
        let t = Tokens::new(&text);
        use crate::index::starts::hash;
        for i in 0..t.len() {
            let mut folded = String::new();
            crate::translit::fold_into(t.key(i), &mut folded);
            assert_eq!(t.fold(i), folded, "{}", t.key(i));
            // A word of digits alone is not Latin: no fold key hash.
            let fold_hash = t.tokens[i].latin.then(|| hash(folded.as_bytes(), Entry::FOLD_WORD));
            let hashes = [hash(t.key(i).as_bytes(), Entry::WORD), fold_hash.unwrap_or(0)];
            assert_eq!(t.start_hashes()[i], hashes, "{}", t.key(i));
        }
    }

    /// Keys of every length a fold slot holds read as their bytes,
    /// little-endian and zero-padded, into two words.
    #[test]
    fn padded_words_are_the_bytes_in_order() {
        let bytes: Vec<u8> = (1..=16).map(|b| b * 7).collect();
        for len in 0..=16 {
            let mut expected = [0u8; 16];
            expected[..len].copy_from_slice(&bytes[..len]);
            let low = u64::from_le_bytes(expected[..8].try_into().unwrap());
            let high = u64::from_le_bytes(expected[8..].try_into().unwrap());
            assert_eq!(padded_words(&bytes[..len]), [low, high], "{len} bytes");
        }
    }

    /// A run copied 16 bytes at a time adds its own bytes and nothing else,
    /// whatever the room on either side.
    #[test]
    fn copied_runs_are_exact() {
        let source: Vec<u8> = (b'a'..=b'z').collect();
        for from in 0..source.len() {
            let bytes = &source[from..];
            for n in 0..=bytes.len() {
                for room in [0, 8, 15, 16, 64] {
                    let mut out = Vec::with_capacity(3 + room);
                    out.extend_from_slice(b"xyz");
                    copy_run(&mut out, bytes, n);
                    assert_eq!(&out[..3], b"xyz");
                    assert_eq!(&out[3..], &bytes[..n], "from {from}, {n} bytes, room {room}");
                }
            }
        }
    }

    /// The word-at-a-time runs count as a byte-by-byte scan does.
    #[test]
    fn lowercase_runs_count_as_byte_by_byte() {
        let slow_ascii = |b: &[u8]| b.iter().take_while(|b| b.is_ascii_lowercase()).count();
        let russian = |p: &[u8]| matches!(p, [0xD0, 0xB0..=0xBF] | [0xD1, 0x80..=0x8F]);
        let slow_russian = |b: &[u8]| b.chunks_exact(2).take_while(|p| russian(p)).count();
        let mut seed = 1u64;
        // Bytes near the edges of both ranges, and any byte.
        let edges = [
            0x00, 0x40, 0x60, 0x61, 0x7A, 0x7B, 0x7F, 0x80, 0x8F, 0x90, 0xAF, 0xB0, 0xBF, 0xD0, 0xD1, 0xE1,
            0xFF,
        ];
        for _ in 0..200_000 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            // Runs of letters of one script, broken now and then by a
            // byte near the edges of both ranges.
            let (len, script) = ((seed >> 58) as usize, seed >> 57 & 1);
            let mut bytes = Vec::new();
            for i in 0..len {
                let r = seed.rotate_left(7 * i as u32 + 3) >> 16;
                match (r % 12, script) {
                    (0, _) => bytes.push(edges[(r >> 8) as usize % edges.len()]),
                    (_, 0) => bytes.push(b'a' + (r >> 8) as u8 % 26),
                    _ => {
                        let c = char::from_u32(0x430 + (r >> 8) as u32 % 32).unwrap_or('а');
                        bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                    }
                }
            }
            for from in 0..bytes.len().min(3) {
                let b = &bytes[from..];
                assert_eq!(ascii_lowercase_run(b), slow_ascii(b), "{b:02X?}");
                assert_eq!(russian_lowercase_run(b), slow_russian(b), "{b:02X?}");
            }
        }
    }

    /// A destructor that tokenizes as its thread ends, after the thread's
    /// fold keys are gone, still tokenizes (it panicked, which aborts).
    #[test]
    fn tokenizing_in_a_thread_local_destructor() {
        struct TokenizesOnDrop;
        impl Drop for TokenizesOnDrop {
            fn drop(&mut self) {
                assert_eq!(Tokens::new("Sergey Lavrov").fold(1), Tokens::new("Sergei Lavrov").fold(1));
            }
        }
        thread_local! {
            static LAST: TokenizesOnDrop = const { TokenizesOnDrop };
        }
        // Destructors run in reverse order of first use: the fold keys'
        // first.
        std::thread::spawn(|| {
            LAST.with(|_| {});
            Tokens::new("Peskov");
        })
        .join()
        .unwrap();
    }

    #[test]
    fn paragraph_breaks_are_hard() {
        let t = Tokens::new("Путин\n\nПесков\nЛавров");
        assert!(t.separator(1).hard);
        assert!(!t.separator(2).hard);
        assert_eq!(t.separator_key(2), " ");
    }
}
