//! The walk: from one token, follow the fst node by node through the token's
//! key, the separator after it, the next token's key, and so on, recording
//! every final state passed. Matches therefore always end on a token
//! boundary (or right after trailing dots or apostrophes that are part of the alias,
//! as in `U.S.`), and a text is scanned with one walk per token instead of
//! one map lookup per n-gram.

use crate::normalize::{is_ignorable, push_normalized};
use crate::tokenize::{trailing_marks, Tokens, FOLD_PREFIX};
use fst::raw::{Fst, Node, Output};

/// A key of the index found in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// First token.
    pub first: usize,
    /// Last token (inclusive).
    pub last: usize,
    /// Start, in characters of the original text.
    pub char_start: usize,
    /// End (exclusive), in characters.
    pub char_end: usize,
    /// Start, in bytes.
    pub byte_start: usize,
    /// End (exclusive), in bytes.
    pub byte_end: usize,
    /// The fst value: packed payload or group.
    pub value: u64,
}

/// A position in the fst with the output accumulated on the way there.
#[derive(Clone, Copy)]
struct State<'f> {
    node: Node<'f>,
    out: Output,
}

impl<'f> State<'f> {
    /// Follows `bytes`; false when the fst has no such path.
    #[inline]
    fn feed<D: AsRef<[u8]>>(&mut self, fst: &'f Fst<D>, bytes: &[u8]) -> bool {
        for &b in bytes {
            let Some(i) = self.node.find_input(b) else {
                return false;
            };
            let t = self.node.transition(i);
            self.out = self.out.cat(t.out);
            self.node = fst.node(t.addr);
        }
        true
    }

    fn value(&self) -> Option<u64> {
        self.node.is_final().then(|| self.out.cat(self.node.final_output()).value())
    }
}

/// Which keys of the tokens a walk follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keys {
    /// The normalized keys.
    Normal,
    /// The transliteration fold keys, under [`FOLD_PREFIX`].
    Fold,
}

/// Where walks from one text's tokens get to after their first word:
/// the same word starts many walks in a text (`to`, `in`, `и`, a name),
/// and each would follow it from the root again, a node per byte.
pub struct Starts<'f, 't> {
    after: rustc_hash::FxHashMap<(&'t str, bool), Option<State<'f>>>,
}

impl Starts<'_, '_> {
    /// No walk yet.
    pub fn new() -> Self {
        Starts { after: Default::default() }
    }
}

/// Every key of `fst` that starts at token `first` of `text`, shortest
/// first, appended to `out`.
pub fn walk<'f, 't, D: AsRef<[u8]>>(
    fst: &'f Fst<D>,
    text: &str,
    tokens: &'t Tokens,
    first: usize,
    keys: Keys,
    starts: &mut Starts<'f, 't>,
    out: &mut Vec<Candidate>,
) {
    let start = &tokens.tokens[first];
    let key = |j: usize| match keys {
        Keys::Normal => tokens.key(j),
        Keys::Fold => tokens.fold(j),
    };
    let after_first = *starts.after.entry((key(first), keys == Keys::Fold)).or_insert_with(|| {
        let mut state = State { node: fst.root(), out: Output::zero() };
        let prefix = keys == Keys::Fold && !state.feed(fst, FOLD_PREFIX.encode_utf8(&mut [0; 4]).as_bytes());
        (!prefix && state.feed(fst, key(first).as_bytes())).then_some(state)
    });
    let Some(mut state) = after_first else {
        return;
    };
    let mut buf = String::new();
    for j in first..tokens.len() {
        let token = &tokens.tokens[j];
        if j > first && !state.feed(fst, key(j).as_bytes()) {
            return;
        }
        let mut found = |value, char_end, byte_end| {
            out.push(Candidate {
                first,
                last: j,
                char_start: start.char_start,
                char_end,
                byte_start: start.byte_start,
                byte_end,
                value,
            })
        };
        if let Some(value) = state.value() {
            found(value, token.char_end, token.byte_end);
        }
        // The separator after token j, char by char as the tokenizer
        // normalizes it (whitespace runs as one space), checking for keys
        // that end in trailing dots or apostrophes, until the first space.
        let sep = tokens.separator(j + 1);
        let sep_key = tokens.separator_key(j + 1);
        if trailing_marks(sep_key).is_empty() {
            // No key ends inside this separator (keys end in a word or its
            // trailing marks): its normalized key is followed whole.
            if sep.hard || !state.feed(fst, sep_key.as_bytes()) {
                return;
            }
            continue;
        }
        let mut in_prefix = true;
        let mut last_space = false;
        for (n, (offset, c)) in text[sep.bytes.clone()].char_indices().enumerate() {
            buf.clear();
            push_normalized(c, &mut buf);
            if buf.is_empty() {
                continue; // an invisible character is not there
            }
            let space = buf == " ";
            if space && last_space {
                continue;
            }
            last_space = space;
            in_prefix &= !space;
            if !state.feed(fst, buf.as_bytes()) {
                return;
            }
            // A mark glued to the next word is not the end of a name:
            // `Sobol’ said` ends after the mark, the possessive `Sobol’s` does not.
            let end = sep.bytes.start + offset + c.len_utf8();
            let glued = j + 1 < tokens.len() && text[end..sep.bytes.end].chars().all(is_ignorable);
            if let (true, false, Some(value)) = (in_prefix, glued, state.value()) {
                found(value, token.char_end + n + 1, end);
            }
        }
        if sep.hard {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fst(keys: &[&str]) -> Fst<Vec<u8>> {
        let mut sorted: Vec<&str> = keys.to_vec();
        sorted.sort();
        let mut b = fst::MapBuilder::memory();
        for (i, k) in sorted.iter().enumerate() {
            b.insert(k, i as u64).unwrap();
        }
        Fst::new(b.into_inner().unwrap()).unwrap()
    }

    fn spans(keys: &[&str], text: &str, first: usize) -> Vec<String> {
        let (fst, tokens, mut out) = (fst(keys), Tokens::new(text), Vec::new());
        walk(&fst, text, &tokens, first, Keys::Normal, &mut Starts::new(), &mut out);
        out.iter().map(|c| text[c.byte_start..c.byte_end].to_string()).collect()
    }

    #[test]
    fn all_keys_from_a_token_shortest_first() {
        let keys = ["исламский эмират", "исламский эмират афганистан", "эмират"];
        let text = "«Исламский  Эмират Афганистан»";
        assert_eq!(spans(&keys, text, 0), ["Исламский  Эмират", "Исламский  Эмират Афганистан"]);
        assert_eq!(spans(&keys, text, 1), ["Эмират"]);
    }

    #[test]
    fn keys_end_on_token_boundaries() {
        assert!(spans(&["путин"], "Путинизм", 0).is_empty());
        assert_eq!(spans(&["taliban"], "Taliban-led", 0), ["Taliban"]);
        assert_eq!(spans(&["russia"], "Russia’s", 0), ["Russia"]);
    }

    #[test]
    fn trailing_punctuation_and_glued_words() {
        assert_eq!(spans(&["u.s", "u.s."], "the U.S. said", 1), ["U.S", "U.S."]);
        assert_eq!(spans(&["рбк"], "историйРБК", 1), ["РБК"]);
        assert_eq!(spans(&["sobol", "sobol'"], "Sobol’ said", 0), ["Sobol", "Sobol’"]);
        assert_eq!(spans(&["sobol", "sobol'"], "Sobol’s view", 0), ["Sobol"]);
        assert_eq!(spans(&["sobol", "sobol'"], "by Sobolʹ", 1), ["Sobol", "Sobolʹ"]);
        assert_eq!(spans(&["нур-султан"], "Нур–Султан", 0), ["Нур–Султан"]);
    }

    #[test]
    fn walks_that_share_first_words_find_what_fresh_walks_find() {
        let fst = fst(&["to", "to lam", "исламский", "исламский эмират", "эмират"]);
        let text = "to the Исламский Эмират, to Lam; исламский to эмират";
        let tokens = Tokens::new(text);
        let mut shared = Starts::new();
        let mut found = 0;
        for first in 0..tokens.len() {
            let (mut reused, mut fresh) = (Vec::new(), Vec::new());
            walk(&fst, text, &tokens, first, Keys::Normal, &mut shared, &mut reused);
            walk(&fst, text, &tokens, first, Keys::Normal, &mut Starts::new(), &mut fresh);
            assert_eq!(reused, fresh, "from token {first}");
            found += reused.len();
        }
        assert_eq!(found, 9);
    }

    #[test]
    fn no_match_across_paragraphs() {
        assert!(spans(&["путин песков"], "Путин\n\nПесков", 0).is_empty());
        assert_eq!(spans(&["путин песков"], "Путин\nПесков", 0), ["Путин\nПесков"]);
    }
}
