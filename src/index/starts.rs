//! The start filter: a bitset of hashed first words of all keys, so that
//! tagging walks the fst only from tokens that may begin a key. Most words of
//! a text begin none ("said", "заявил"), and a walk costs a node decode per
//! byte, while a probe here costs one hash.
//!
//! A key's words are its runs of letters and digits (after the fold prefix,
//! for fold keys): tokens glued without a separator form one word
//! (`mcdonald` for `McDonald`). The filter holds, for a one-word key, that
//! word; for a longer key, its first two words with the separator between
//! them (`the hague`, `u.s`): words like `the` that only begin multi-word
//! keys then no longer start walks. A text token may start a key when the
//! filter holds its word (alone, or glued to the next tokens), or its word
//! with the separator and the next word.
//! The filter is a blocked Bloom filter: an entry's three bits lie in one
//! 64-byte block, chosen by the high half of its hash; 20 bits per entry
//! (rounded up to whole blocks): under 1% false positives, which only cost
//! a walk; no false negatives. With a million entities the
//! filter is tens of megabytes and each probe is a cache miss: one per
//! entry, not three, as the index file starts the filter at a multiple of
//! 64 bytes (so in a mapped file each block is one cache line).
//!
//! The filter also holds, for a longer key, its first word alone as a
//! *pair start* ([`pair_start`]), probed from the same hash as the word's
//! one-word entry: a token whose word starts no longer key (most words)
//! is then dismissed without hashing it with the next word. Its bits lie
//! in the same block as the word's own entry, so the second probe finds
//! its cache line loaded.

use crate::tokenize::FOLD_PREFIX;
use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Bits per distinct first word.
const BITS_PER_WORD: usize = 20;
/// Bits per block: one cache line.
const BLOCK_BITS: usize = 512;
/// Bytes per block.
const BLOCK_BYTES: usize = BLOCK_BITS / 8;
/// The smallest filter, in bytes: one block.
pub const MIN_BYTES: usize = BLOCK_BYTES;

/// What a filter entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// A fold key (else a normalized key).
    pub fold: bool,
    /// The first two words and their separator (else one word).
    pub pair: bool,
}

impl Entry {
    /// One word of a normalized key.
    pub const WORD: Entry = Entry { fold: false, pair: false };
    /// One word of a fold key.
    pub const FOLD_WORD: Entry = Entry { fold: true, pair: false };
}

/// The hash of a filter entry's bytes.
pub fn hash(bytes: &[u8], entry: Entry) -> u64 {
    xxh3_64_with_seed(bytes, u64::from(entry.fold) | u64::from(entry.pair) << 1)
}

/// The hash of the pair-start entry of a word whose one-word entry hashes
/// to `one` (see the module documentation): other probes in the same block
/// (the high half, which picks the block, is kept), no second hash.
#[inline]
pub fn pair_start(one: u64) -> u64 {
    let mixed = (one ^ 0x5851_F42D_4C95_7F2D).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (one & 0xFFFF_FFFF_0000_0000) | mixed >> 32
}

/// The hashes an [`entry`] adds to the filter: its own, and for a pair
/// the pair start of its first word.
pub fn hashes(bytes: &[u8], entry: Entry) -> (u64, Option<u64>) {
    let h = hash(bytes, entry);
    if !entry.pair {
        return (h, None);
    }
    let first = word_bytes(bytes, 0);
    (h, Some(pair_start(hash(&bytes[..first], Entry { fold: entry.fold, pair: false }))))
}

/// The first word of a text's key `bytes` (the token, or tokens glued
/// together), as the filter's entries count words: its leading run of
/// letters and digits. All of it, unless normalization put a mark inside
/// (`⒈` is `1.`).
#[inline]
pub fn first_word(bytes: &[u8]) -> &[u8] {
    &bytes[..word_bytes(bytes, 0)]
}

/// The runs of letters and digits of `bytes` (a key), in order: the words
/// as the filter counts them, and as splitting the key's text at every
/// character that is not a letter or digit gives them (ASCII and basic
/// Cyrillic told from their bytes).
pub(crate) fn words(bytes: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut at = gap_bytes(bytes, 0);
    std::iter::from_fn(move || {
        let len = word_bytes(bytes, at);
        if len == 0 {
            return None; // the end (a gap runs up to a word or the end)
        }
        let word = &bytes[at..at + len];
        at += len;
        at += gap_bytes(bytes, at);
        Some(word)
    })
}

/// Bytes of the run of letters and digits at `bytes[from..]` (a character
/// boundary). ASCII and basic Cyrillic (most of any key) are told from
/// their bytes; from the first other character on, characters are read.
#[inline]
fn word_bytes(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some((_, len)) = crate::tokenize::basic_char(bytes, i) {
        i += len;
    }
    match bytes.get(i) {
        // The end, or ASCII that is not a letter or digit.
        None => i - from,
        Some(&b) if b < 0x80 => i - from,
        Some(_) => i - from + run_bytes(&bytes[i..], crate::tokenize::is_alphanumeric),
    }
}

/// Bytes of the run of characters that are not letters or digits at
/// `bytes[from..]` (a character boundary): ASCII told from its bytes.
#[inline]
fn gap_bytes(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while bytes.get(i).is_some_and(|b| b.is_ascii() && !b.is_ascii_alphanumeric()) {
        i += 1;
    }
    match bytes.get(i) {
        Some(&b) if b >= 0x80 && crate::tokenize::basic_char(bytes, i).is_none() => {
            i - from + run_bytes(&bytes[i..], |c| !crate::tokenize::is_alphanumeric(c))
        }
        _ => i - from,
    }
}

/// Bytes of the run of characters of `bytes` (UTF-8; none if it is not)
/// that `keep` accepts.
fn run_bytes(bytes: &[u8], keep: impl Fn(char) -> bool) -> usize {
    let text = std::str::from_utf8(bytes).unwrap_or("");
    text.chars().take_while(|&c| keep(c)).map(char::len_utf8).sum()
}

/// The filter entry of an index key: its first word, or its first two
/// words with their separator.
pub fn entry(key: &[u8]) -> (&[u8], Entry) {
    let fold = key.first() == Some(&(FOLD_PREFIX as u8));
    let key = if fold { &key[1..] } else { key };
    let first = word_bytes(key, 0);
    let gap = gap_bytes(key, first);
    let second = word_bytes(key, first + gap);
    if second == 0 {
        (&key[..first], Entry { fold, pair: false })
    } else {
        (&key[..first + gap + second], Entry { fold, pair: true })
    }
}

/// The filter's bytes for these first-word hashes (any order, repeats allowed).
pub fn build(mut hashes: Vec<u64>) -> Vec<u8> {
    hashes.sort_unstable();
    hashes.dedup();
    let bits = (hashes.len() * BITS_PER_WORD).next_multiple_of(BLOCK_BITS).max(BLOCK_BITS);
    let mut set = vec![0u8; bits / 8];
    for h in hashes {
        for bit in probes(h, bits) {
            set[bit / 8] |= 1 << (bit % 8);
        }
    }
    set
}

/// Whether the filter (`set`, whole blocks, at least [`MIN_BYTES`]) may
/// hold `h`: the three bits [`probes`] sets, read from the one block.
#[inline]
pub fn may_hold(set: &[u8], h: u64) -> bool {
    let from = block_start(set, h);
    let Some(block) = set.get(from..from + BLOCK_BYTES) else {
        return false;
    };
    let bit = |shift: u32| {
        let bit = (h >> shift) as usize % BLOCK_BITS;
        block[bit / 8] & (1 << (bit % 8)) != 0
    };
    bit(0) && bit(9) && bit(18)
}

/// Asks the processor to fetch the block of `h` (see [`may_hold`]) into
/// its cache, so that probing it later does not wait for memory.
#[inline]
pub fn prefetch(set: &[u8], h: u64) {
    let from = block_start(set, h);
    #[cfg(target_arch = "x86_64")]
    if let Some(byte) = set.get(from) {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: a prefetch is a hint that reads nothing the program sees
        // and cannot fault; the address is inside `set` anyway.
        unsafe { _mm_prefetch::<_MM_HINT_T0>((byte as *const u8).cast()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = from;
}

/// Where the block of `h` starts in the filter `set`.
#[inline]
fn block_start(set: &[u8], h: u64) -> usize {
    block_of(h, set.len() / BLOCK_BYTES) * BLOCK_BYTES
}

/// The block of `h` among `blocks`: its high half scaled to the block count
/// (a multiply, not a modulo).
#[inline]
fn block_of(h: u64, blocks: usize) -> usize {
    ((u128::from(h >> 32) * blocks.max(1) as u128) >> 32) as usize
}

/// The bits of `h`: a block from its high half, three bits in the block
/// from its low half.
fn probes(h: u64, bits: usize) -> [usize; 3] {
    let block = block_of(h, bits / BLOCK_BITS) * BLOCK_BITS;
    let bit = |shift: u32| block + (h >> shift) as usize % BLOCK_BITS;
    [bit(0), bit(9), bit(18)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries() {
        let (one, pair, fold) = (Entry { fold: false, pair: false }, Entry { fold: false, pair: true }, true);
        assert_eq!(entry(b"putin"), (&b"putin"[..], one));
        assert_eq!(entry(b"sobol'"), (&b"sobol"[..], one));
        assert_eq!(entry(b"dmitry sergeyevich peskov"), (&b"dmitry sergeyevich"[..], pair));
        assert_eq!(
            entry("\u{1}sergei lavrov".as_bytes()),
            (&b"sergei lavrov"[..], Entry { fold, pair: true })
        );
        assert_eq!(entry("нур-султан".as_bytes()), ("нур-султан".as_bytes(), pair));
        assert_eq!(entry(b"u.s."), (&b"u.s"[..], pair));
    }

    /// [`entry`] as it was written on characters: the bytes path must give
    /// the same entries, or the filter would miss keys the tagger probes.
    fn entry_by_chars(key: &[u8]) -> (&[u8], Entry) {
        let fold = key.first() == Some(&(FOLD_PREFIX as u8));
        let key = if fold { &key[1..] } else { key };
        let text = std::str::from_utf8(key).unwrap();
        let alnum = crate::tokenize::is_alphanumeric;
        let word =
            |from: usize| text[from..].chars().take_while(|&c| alnum(c)).map(char::len_utf8).sum::<usize>();
        let first = word(0);
        let gap: usize = text[first..].chars().take_while(|&c| !alnum(c)).map(char::len_utf8).sum();
        let second = word(first + gap);
        match second {
            0 => (&key[..first], Entry { fold, pair: false }),
            _ => (&key[..first + gap + second], Entry { fold, pair: true }),
        }
    }

    proptest::proptest! {
        /// Keys of ASCII, basic Cyrillic (Russian and not), other letters,
        /// a combining mark, spaces, punctuation; fold keys too.
        #[test]
        fn entries_on_bytes_equal_entries_on_characters(
            key in "\u{1}?[a-zA-Z09 .',аяёЁ\u{400}\u{45F}\u{460}éßΩ\u{301}\u{2116}«»\u{A0}—-]{0,12}",
        ) {
            let key = key.as_bytes();
            proptest::prop_assert_eq!(entry(key), entry_by_chars(key));
            let text = std::str::from_utf8(key).unwrap();
            let alnum = crate::tokenize::is_alphanumeric;
            let word: usize = text.chars().take_while(|&c| alnum(c)).map(char::len_utf8).sum();
            proptest::prop_assert_eq!(first_word(key), &key[..word]);
            let split: Vec<&[u8]> = text.split(|c| !alnum(c)).filter(|w| !w.is_empty()).map(str::as_bytes).collect();
            proptest::prop_assert_eq!(words(key).collect::<Vec<_>>(), split);
        }
    }

    #[test]
    fn longer_keys_add_their_first_word_as_a_pair_start() {
        let one = |w: &[u8]| hash(w, Entry { fold: false, pair: false });
        let of = |key: &str| {
            let (bytes, entry) = entry(key.as_bytes());
            hashes(bytes, entry)
        };
        assert_eq!(of("putin"), (one(b"putin"), None));
        let pair = hash(b"the hague", Entry { fold: false, pair: true });
        assert_eq!(of("the hague"), (pair, Some(pair_start(one(b"the")))));
        let fold = of("\u{1}sergei lavrov").1;
        assert_eq!(fold, Some(pair_start(hash(b"sergei", Entry { fold: true, pair: false }))));
        assert_eq!(of("нур-султан").1, Some(pair_start(one("нур".as_bytes()))));
    }

    #[test]
    fn first_words() {
        for (key, first) in
            [("putin", "putin"), ("путин", "путин"), ("1.", "1"), ("1⁄2", "1"), ("ѣять", "ѣять")]
        {
            assert_eq!(first_word(key.as_bytes()), first.as_bytes(), "{key}");
        }
    }

    #[test]
    fn holds_what_it_was_built_with() {
        let one = Entry { fold: false, pair: false };
        let words: Vec<u64> = (0..1000).map(|i| hash(format!("w{i}").as_bytes(), one)).collect();
        let set = build(words.clone());
        assert!(words.iter().all(|&h| may_hold(&set, h)));
        let strangers = (0..1000).filter(|i| may_hold(&set, hash(format!("x{i}").as_bytes(), one))).count();
        assert!(strangers < 50, "{strangers} false positives in 1000");
        assert!(!may_hold(&set, hash(b"w1", Entry { fold: true, pair: false })), "the fold space is apart");
    }
}
