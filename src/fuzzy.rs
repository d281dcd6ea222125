//! Misspellings: keys of the index within a small edit distance of one
//! token, found by running a Levenshtein automaton (the
//! `levenshtein_automata` crate that tantivy uses; it works on UTF-8 bytes,
//! so Cyrillic keys are safe) over the fst, node by node.
//!
//! The first letter must be right: typos rarely hit it, and starting the
//! search below it prunes almost the whole fst. The distance grows with the
//! token's length and is zero for short tokens (see [`max_distance`]).

use crate::index::{Index, Payload, FUZZY};
use crate::lexicon;
use crate::mention::MatchKind;
use crate::tokenize::FOLD_PREFIX;
use fst::raw::{Fst, Node, Output};
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA, SINK_STATE};
use std::sync::OnceLock;

/// Tokens shorter than this (in characters) are never matched fuzzily.
pub const MIN_CHARS: usize = 5;

/// Tokens longer than this are never matched fuzzily: no name is that long,
/// and the automaton's size grows with the token.
pub const MAX_CHARS: usize = 40;

/// Most edits allowed for a token of `chars` characters: none below
/// [`MIN_CHARS`], one up to 8 characters, two from 9. A transposition of
/// two neighbouring letters counts as one edit.
pub fn max_distance(chars: usize) -> u8 {
    match chars {
        0..MIN_CHARS => 0,
        MIN_CHARS..=8 => 1,
        _ => 2,
    }
}

fn builder(distance: u8) -> &'static LevenshteinAutomatonBuilder {
    static ONE: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    static TWO: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    let cell = if distance <= 1 { &ONE } else { &TWO };
    cell.get_or_init(|| LevenshteinAutomatonBuilder::new(distance.max(1), true))
}

/// A key found near the query: the key, its fst value and its edit distance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Near {
    /// The key's bytes below the search's start node.
    pub key: Vec<u8>,
    /// The fst value of the key.
    pub value: u64,
    /// Edits from the query (at least 1: the exact key is not "near").
    pub distance: u8,
}

/// Keys reachable from `start` (a node and the output accumulated to reach
/// it) whose remaining bytes are within `max` edits of `query`, keeping the
/// first character of `query` fixed. At most `limit` results.
pub fn search<D: AsRef<[u8]>>(
    fst: &Fst<D>,
    start: (Node<'_>, Output),
    query: &str,
    max: u8,
    limit: usize,
) -> Vec<Near> {
    let mut found = Vec::new();
    let Some(first) = query.chars().next() else {
        return found;
    };
    if max == 0 {
        return found;
    }
    // Walk the first character exactly, then search the rest.
    let (mut node, mut out) = start;
    let mut buf = [0; 4];
    for &b in first.encode_utf8(&mut buf).as_bytes() {
        let Some(i) = node.find_input(b) else {
            return found;
        };
        let t = node.transition(i);
        out = out.cat(t.out);
        node = fst.node(t.addr);
    }
    let dfa = builder(max).build_dfa(&query[first.len_utf8()..]);
    let key = first.encode_utf8(&mut buf).as_bytes().to_vec();
    let mut search = Search { fst, dfa: &dfa, max, limit, key, found: &mut found };
    search.visit(node, out, dfa.initial_state());
    found
}

/// The entities a word (normalized `key`, and `fold` key if it is Latin)
/// may be a misspelling of, unless it is a common word itself: those at the smallest distance found, one
/// payload each (kind `Fuzzy`), from aliases that allow misspellings. A key
/// the word extends or cuts short is a derivation (`Russian`, `путинский`),
/// not a misspelling, and is skipped.
pub fn near_payloads(index: &Index, key: &str, fold: Option<&str>) -> Option<(u8, Vec<Payload>)> {
    let max = eligible(key)?;
    // A search walks much of the index: its answer is kept for the
    // thread's next texts, which repeat their words.
    let kept = NEAR.try_with(|memo| {
        let mut memo = memo.borrow_mut();
        let memo = match &mut *memo {
            Some((id, words)) if *id == index.id() => words,
            _ => &mut memo.insert((index.id(), Default::default())).1,
        };
        let word = (Box::<str>::from(key), fold.map(Box::<str>::from));
        if let Some(found) = memo.get(&word) {
            return found.clone();
        }
        let found = search_payloads(index, key, fold, max);
        if memo.len() >= NEAR_MAX {
            memo.clear();
        }
        // A key that reaches many entities is not kept: it is searched again.
        if found.as_ref().map_or(true, |(_, payloads)| payloads.len() <= 64) {
            memo.insert(word, found.clone());
        }
        found
    });
    // (Not kept on a thread whose last destructors are running.)
    kept.unwrap_or_else(|_| search_payloads(index, key, fold, max))
}

/// Words whose [`near_payloads`] each thread keeps, at most (then all are
/// forgotten at once).
const NEAR_MAX: usize = 1 << 12;

type NearMemo = rustc_hash::FxHashMap<(Box<str>, Option<Box<str>>), Option<(u8, Vec<Payload>)>>;

thread_local! {
    /// [`near_payloads`] answers, and the [`Index::id`] they are of.
    static NEAR: std::cell::RefCell<Option<(u64, NearMemo)>> = const { std::cell::RefCell::new(None) };
}

/// [`near_payloads`], searched.
fn search_payloads(index: &Index, key: &str, fold: Option<&str>, max: u8) -> Option<(u8, Vec<Payload>)> {
    let fst = index.fst();
    let mut near = search(fst, (fst.root(), Output::zero()), key, max, 32);
    near.retain(|n| !key.as_bytes().starts_with(&n.key) && !n.key.starts_with(key.as_bytes()));
    if let Some(fold) = fold {
        let root = fst.root();
        if let Some(i) = root.find_input(FOLD_PREFIX as u8) {
            let t = root.transition(i);
            let mut folded = search(fst, (fst.node(t.addr), t.out), fold, max, 32);
            folded.retain(|n| !fold.as_bytes().starts_with(&n.key) && !n.key.starts_with(fold.as_bytes()));
            near.extend(folded);
        }
    }
    let best = near.iter().map(|n| n.distance).min()?;
    let entity_count = index.entity_count() as u32;
    let mut payloads: Vec<Payload> = near
        .iter()
        .filter(|n| n.distance == best)
        .flat_map(|n| index.payloads(n.value))
        .filter(|p| p.entity < entity_count && p.flags & FUZZY != 0)
        .map(|p| Payload { kind: MatchKind::Fuzzy, ..p })
        .collect();
    payloads.sort_by_key(|p| (p.entity, p.context_only()));
    payloads.dedup_by_key(|p| p.entity);
    (!payloads.is_empty()).then_some((best, payloads))
}

/// The most edits a word may be from a key to be a misspelling of it, or
/// `None` when the word is not tried at all: too short or too long, not all
/// letters, or a common word itself (`Millet`, `Russian`).
pub fn eligible(key: &str) -> Option<u8> {
    budget(key).filter(|_| !lexicon::is_common_word(key))
}

/// [`eligible`] without the lexicon lookup: the edit budget by length, for
/// a word of letters only. A cheap first test.
pub fn budget(key: &str) -> Option<u8> {
    let mut chars = 0;
    for c in key.chars() {
        chars += 1;
        if chars > MAX_CHARS || !crate::tokenize::is_letter(c) {
            return None;
        }
    }
    let max = max_distance(chars);
    (max > 0).then_some(max)
}

/// The edit distance (adjacent transpositions count one) from `word` to
/// `key` when it is 1..=`max`, the first letters agree, and neither extends
/// the other (`Russian` is not a misspelling of `Russia`).
pub fn near(word: &str, key: &str, max: u8) -> Option<u8> {
    if word.chars().next() != key.chars().next() || word.starts_with(key) || key.starts_with(word) {
        return None;
    }
    // Each edit changes the length by at most one character.
    if word.len().abs_diff(key.len()) > 2 * usize::from(max) {
        return None;
    }
    // And takes away or adds at most one letter (a transposition neither):
    // letters of one word that the other lacks altogether are no more than
    // the edits. Counted as bits of a mask (letters that share a bit count
    // once, so the count is never too high): most words near a mention's
    // word by their first letter are dismissed here.
    let letters = |s: &str| s.chars().fold(0u64, |mask, c| mask | 1 << (u32::from(c) % 64));
    let (w, k) = (letters(word), letters(key));
    if (w & !k).count_ones().max((k & !w).count_ones()) > u32::from(max) {
        return None;
    }
    let d = osa_within(word, key, usize::from(max));
    (1..=usize::from(max)).contains(&d).then_some(d as u8)
}

/// `strsim::osa_distance(a, b)` when it is at most `max`, and some larger
/// number otherwise: the same dynamic program, on the stack for words of
/// up to [`MAX_CHARS`] + 1 characters, given up as soon as a whole row exceeds
/// `max` (a row's least value never decreases from one row to the next).
/// Tagging calls this for every capitalized word near a mention's word.
fn osa_within(a: &str, b: &str, max: usize) -> usize {
    const N: usize = MAX_CHARS + 1;
    let (mut ac, mut bc) = (['\0'; N], ['\0'; N]);
    let fill = |s: &str, buf: &mut [char; N]| {
        let mut n = 0;
        for c in s.chars() {
            *buf.get_mut(n)? = c;
            n += 1;
        }
        Some(n)
    };
    let (Some(n), Some(m)) = (fill(a, &mut ac), fill(b, &mut bc)) else {
        return strsim::osa_distance(a, b);
    };
    if n.abs_diff(m) > max {
        return max + 1;
    }
    // Rows i-2, i-1 and i of the table, in turn (W entries each).
    const W: usize = N + 1;
    let mut rows = [0u16; 3 * W];
    let (mut before, mut prev, mut cur) = (0, W, 2 * W);
    (0..=m).for_each(|j| rows[prev + j] = j as u16);
    for i in 1..=n {
        rows[cur] = i as u16;
        let mut least = i as u16;
        for j in 1..=m {
            let cost = u16::from(ac[i - 1] != bc[j - 1]);
            let mut d = (rows[prev + j] + 1).min(rows[cur + j - 1] + 1).min(rows[prev + j - 1] + cost);
            if i > 1 && j > 1 && ac[i - 1] == bc[j - 2] && ac[i - 2] == bc[j - 1] {
                d = d.min(rows[before + j - 2] + 1);
            }
            rows[cur + j] = d;
            least = least.min(d);
        }
        if usize::from(least) > max {
            return max + 1;
        }
        (before, prev, cur) = (prev, cur, before);
    }
    usize::from(rows[prev + m])
}

struct Search<'a, D: AsRef<[u8]>> {
    fst: &'a Fst<D>,
    dfa: &'a DFA,
    max: u8,
    limit: usize,
    key: Vec<u8>,
    found: &'a mut Vec<Near>,
}

impl<D: AsRef<[u8]>> Search<'_, D> {
    fn visit(&mut self, node: Node<'_>, out: Output, state: u32) {
        if self.found.len() >= self.limit {
            return;
        }
        if node.is_final() {
            if let Distance::Exact(d) = self.dfa.distance(state) {
                if (1..=self.max).contains(&d) {
                    let value = out.cat(node.final_output()).value();
                    self.found.push(Near { key: self.key.clone(), value, distance: d });
                }
            }
        }
        for t in node.transitions() {
            let next = self.dfa.transition(state, t.inp);
            if next != SINK_STATE {
                self.key.push(t.inp);
                self.visit(self.fst.node(t.addr), out.cat(t.out), next);
                self.key.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The bounded distance agrees with strsim's wherever it matters.
        #[test]
        fn bounded_osa_agrees_with_strsim(a in "[абвгaeiou]{0,12}", b in "[абвгaeiou]{0,12}", max in 0usize..4) {
            let full = strsim::osa_distance(&a, &b);
            let bounded = osa_within(&a, &b, max);
            if full <= max {
                prop_assert_eq!(bounded, full);
            } else {
                prop_assert!(bounded > max, "{} within {} but strsim says {}", bounded, max, full);
            }
        }
    }

    proptest! {
        /// `near` is the distance's verdict: the letter bound before it
        /// dismisses no pair within reach, in either script or both, and
        /// with letters that share a bit of the mask (`v` and `ж`, `p` and
        /// `а`).
        #[test]
        fn near_agrees_with_the_distance(
            a in "[пеcкоvaлиыжа]{1,10}", b in "[пеcкоvaлиыжа]{1,10}", first in "[пp]", max in 1u8..3,
        ) {
            let (word, key) = (format!("{first}{a}"), format!("{first}{b}"));
            let related = word.starts_with(&key) || key.starts_with(&word);
            let d = strsim::osa_distance(&word, &key);
            let expected = (!related && (1..=usize::from(max)).contains(&d)).then_some(d as u8);
            prop_assert_eq!(near(&word, &key, max), expected, "{} {}", word, key);
        }
    }

    #[test]
    fn bounded_osa_on_long_words_falls_back() {
        let long = "а".repeat(MAX_CHARS + 5);
        assert_eq!(osa_within(&long, &format!("{long}б"), 2), 1);
        assert_eq!(osa_within("lavrov", "lavorv", 1), 1);
        assert_eq!(osa_within("песков", "пекова", 2), 2);
    }

    fn fst(keys: &[&str]) -> Fst<Vec<u8>> {
        let mut sorted = keys.to_vec();
        sorted.sort();
        let mut b = fst::MapBuilder::memory();
        for (i, k) in sorted.iter().enumerate() {
            b.insert(k, i as u64 + 100).unwrap();
        }
        Fst::new(b.into_inner().unwrap()).unwrap()
    }

    fn near_in(keys: &[&str], query: &str) -> Vec<u8> {
        let f = fst(keys);
        let max = max_distance(query.chars().count());
        search(&f, (f.root(), Output::zero()), query, max, 10).iter().map(|n| n.distance).collect()
    }

    #[test]
    fn near_words() {
        assert_eq!(near("dimitry", "dmitry", 1), Some(1));
        assert_eq!(near("lavorv", "lavrov", 1), Some(1));
        assert_eq!(near("russian", "russia", 1), None, "a derivation");
        assert_eq!(near("kavrov", "lavrov", 1), None, "first letter");
        assert_eq!(eligible("dimitry"), Some(1));
        assert_eq!(eligible("putting"), None, "common word");
        assert_eq!(eligible("nato"), None, "short");
    }

    /// Answers kept for the thread's next texts are per index: the same
    /// word, asked of two indexes in turn, gets each index's answer.
    #[test]
    fn kept_answers_are_per_index() {
        let index = |csv: &str| {
            let gazetteer = crate::Gazetteer::from_sources([("entities.csv", csv)]).unwrap();
            Index::build(&gazetteer).unwrap()
        };
        let lavrov = index("id,type,name_en,name_ru\nsergey-lavrov,PER,Sergey Lavrov,Сергей Лавров\n");
        let peskov = index("id,type,name_en,name_ru\ndmitry-peskov,PER,Dmitry Peskov,Дмитрий Песков\n");
        let entity = |index: &Index| {
            let (_, payloads) = near_payloads(index, "lavorv", Some("lavorv"))?;
            Some(index.entity_id(payloads.first()?.entity).to_string())
        };
        for _ in 0..2 {
            assert_eq!(entity(&lavrov).as_deref(), Some("sergey-lavrov"));
            assert_eq!(entity(&peskov), None);
        }
    }

    #[test]
    fn distance_grows_with_length() {
        assert_eq!(max_distance(4), 0);
        assert_eq!(max_distance(5), 1);
        assert_eq!(max_distance(9), 2);
    }

    #[test]
    fn finds_typos_in_latin_and_cyrillic() {
        assert_eq!(near_in(&["dmitry", "lavrov"], "dimitry"), [1]);
        assert_eq!(near_in(&["lavrov"], "lavorv"), [1], "transposition is one edit");
        assert_eq!(near_in(&["пескова"], "пекова"), [1]);
        assert_eq!(near_in(&["захаровой"], "захровой"), [1]);
    }

    #[test]
    fn exact_keys_short_tokens_and_first_letters_are_not_fuzzy() {
        assert!(near_in(&["lavrov"], "lavrov").is_empty(), "the key itself is not near");
        assert!(near_in(&["nato"], "nito").is_empty(), "too short");
        assert!(near_in(&["lavrov"], "kavrov").is_empty(), "first letter differs");
        assert!(near_in(&["lavrov"], "lvrvo").is_empty(), "two edits in a short word");
    }
}
