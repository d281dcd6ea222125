//! The walk: from one token, follow the fst node by node through the token's
//! key, the separator after it, the next token's key, and so on, recording
//! every final state passed. Matches therefore always end on a token
//! boundary (or right after trailing dots or apostrophes that are part of the alias,
//! as in `U.S.`), and a text is scanned with one walk per token instead of
//! one map lookup per n-gram.

use crate::normalize::{is_ignorable, push_normalized};
use crate::tokenize::{has_trailing_marks, Tokens, FOLD_PREFIX};
use fst::raw::{CompiledAddr, Fst, Node, Output};

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

/// Where walks get to after their first word: the same word starts many
/// walks (`to`, `in`, `и`, a name), and each would follow it from the root
/// again, a node per byte. Kept per word (normalized and fold keys apart)
/// as the node's address and the output on the way there, and the same
/// after the word and a space (most words are followed by one).
pub struct Starts {
    /// The index (see [`crate::Index::id`]) whose fst the words were
    /// followed in, when they are kept for the thread's next texts.
    owner: Option<u64>,
    words: Words,
}

/// First word → where it leads and where it and a space lead; normal keys,
/// fold keys.
type Words = [rustc_hash::FxHashMap<Box<[u8]>, Option<(Place, Option<Place>)>>; 2];

/// A node's address and the output on the way to it.
type Place = (CompiledAddr, u64);

thread_local! {
    /// The first words of the last [`Starts::kept`] on this thread, and
    /// their index.
    static KEPT: std::cell::RefCell<Option<(u64, Words)>> = const { std::cell::RefCell::new(None) };
}

impl Starts {
    /// Words kept per thread for each of normalized and fold keys, at
    /// most (then forgotten all at once): up to about 8 MB each. With the
    /// default index, the bench corpus (200 MB) starts walks from 6,500
    /// distinct words; with a million entities, from 94,000. There 8,192
    /// kept words missed 27% of first words and fed 18.5 million fst
    /// nodes; 65,536 miss 10% and feed 15.3 million.
    const MAX: usize = 1 << 16;

    /// No walk yet, and nothing kept after.
    #[cfg(test)]
    pub fn new() -> Starts {
        Starts { owner: None, words: Default::default() }
    }

    /// The first words this thread followed before in the fst of index
    /// `owner`, kept again (when dropped) for its next texts: news repeats
    /// its words from one document to the next.
    pub fn kept(owner: u64) -> Starts {
        let words = match KEPT.take() {
            Some((index, words)) if index == owner => words,
            _ => Words::default(),
        };
        Starts { owner: Some(owner), words }
    }

    /// The state after `word` from the root of `fst` (under [`FOLD_PREFIX`]
    /// with `fold`), if the fst has that path; and the state after `word`
    /// and a space, if it has that path too.
    fn after<'f, D: AsRef<[u8]>>(
        &mut self,
        fst: &'f Fst<D>,
        word: &[u8],
        fold: bool,
    ) -> Option<(State<'f>, Option<State<'f>>)> {
        let words = &mut self.words[usize::from(fold)];
        let found = match words.get(word) {
            Some(&found) => found,
            None => {
                let mut state = State { node: fst.root(), out: Output::zero() };
                let prefix = !fold || state.feed(fst, FOLD_PREFIX.encode_utf8(&mut [0; 4]).as_bytes());
                let found = (prefix && state.feed(fst, word)).then(|| {
                    let place = |state: State| (state.node.addr(), state.out.value());
                    let mut spaced = state;
                    (place(state), spaced.feed(fst, b" ").then(|| place(spaced)))
                });
                if words.len() >= Self::MAX {
                    words.clear();
                }
                words.insert(word.into(), found);
                found
            }
        };
        let state = |(addr, out): Place| State { node: fst.node(addr), out: Output::new(out) };
        found.map(|(word, spaced)| (state(word), spaced.map(state)))
    }
}

impl Drop for Starts {
    fn drop(&mut self) {
        if let Some(owner) = self.owner {
            let words = std::mem::take(&mut self.words);
            // Not kept on a thread that is ending.
            let _ = KEPT.try_with(|kept| kept.replace(Some((owner, words))));
        }
    }
}

/// Every key of `fst` that starts at token `first` of `text`, shortest
/// first, appended to `out`.
pub fn walk<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    text: &str,
    tokens: &Tokens,
    first: usize,
    keys: Keys,
    starts: &mut Starts,
    out: &mut Vec<Candidate>,
) {
    let start = &tokens.tokens[first];
    let key = |j: usize| tokens.key_bytes(j, keys == Keys::Fold);
    let Some((mut state, spaced)) = starts.after(fst, key(first), keys == Keys::Fold) else {
        return;
    };
    let mut buf = String::new();
    for j in first..tokens.len() {
        let token = &tokens.tokens[j];
        if j > first && !state.feed(fst, key(j)) {
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
        // The separator after token j. Keys end in a word or its trailing
        // marks: unless the separator starts with dots or apostrophes, no
        // key ends inside it, and its normalized key is followed whole.
        let sep = tokens.separator(j + 1);
        let sep_key = tokens.separator_key_bytes(j + 1);
        if !has_trailing_marks(sep_key) {
            if sep.hard {
                return;
            }
            // The first word and a space: where the kept start says.
            let fed = match (j == first, sep_key) {
                (true, b" ") => spaced.map(|after| state = after).is_some(),
                _ => state.feed(fst, sep_key),
            };
            if !fed {
                return;
            }
            continue;
        }
        // Otherwise char by char as the tokenizer normalizes it (whitespace
        // runs as one space), checking for keys that end in its trailing
        // dots or apostrophes, until the first space.
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

    /// A walk follows a separator whole unless it starts with dots or
    /// apostrophes: no key ends inside any other separator. Every key of
    /// the default index ends in a letter, a digit, a dot or an apostrophe.
    #[test]
    fn keys_end_in_a_word_or_its_trailing_marks() {
        use fst::Streamer;
        let index = crate::embedded::index();
        let mut keys = index.fst_map().stream();
        let mut count = 0;
        while let Some((key, _)) = keys.next() {
            let key = std::str::from_utf8(key).unwrap();
            let last = key.chars().last().unwrap();
            assert!(crate::tokenize::is_alphanumeric(last) || matches!(last, '.' | '\''), "{key:?}");
            count += 1;
        }
        assert!(count > 20_000);
    }

    #[test]
    fn no_match_across_paragraphs() {
        assert!(spans(&["путин песков"], "Путин\n\nПесков", 0).is_empty());
        assert_eq!(spans(&["путин песков"], "Путин\nПесков", 0), ["Путин\nПесков"]);
    }
}
