//! From candidates to mentions: leftmost-longest selection, case rules,
//! ambiguity and resolution through the rest of the document.
//!
//! Selection is greedy from the left: at each token, the longest candidate
//! that has at least one acceptable payload wins and the scan resumes after
//! it. A span that names exactly one entity (ignoring context-only aliases)
//! is a mention and makes that entity an *anchor* of the document. A span
//! that names several entities, or only through context-only aliases (a
//! first name or a surname alone), is resolved in a second pass: a shared
//! alias through the anchors, a context-only one through the entities the
//! document names in full (in more than one word). If exactly one of its
//! entities qualifies, it becomes a `context` mention; otherwise a span that
//! names several entities is reported as an [`Ambiguity`], and one that
//! names a single entity is dropped — never given to an arbitrary entity.
//!
//! Two more kinds of span need the document's support. A lowercase
//! hashtag whose key is a common word (`#путина`) counts like a partial
//! name: only when the document names the entity in full. A misspelling (fuzzy
//! match) counts, by default, only when the document names the entity
//! correctly somewhere ([`FuzzyMode`]).

use crate::fuzzy;
use crate::gazetteer::CaseRule;
use crate::index::starts::{self, Entry};
use crate::index::{GroupHead, Index, Payload, CONTEXT_ONLY};
use crate::matcher::{walk, Candidate, Keys, Starts};
use crate::mention::{Ambiguity, MatchKind, Mention, Tagged};
use crate::tokenize::{Shape, Tokens};
use rustc_hash::FxHashSet as HashSet;

/// When misspellings are tagged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FuzzyMode {
    /// Never.
    Off,
    /// When the same document names the entity correctly elsewhere
    /// (`Lavrov … Lavorv`, `Dmitry Peskov … Dimitry`). The default: a word
    /// one letter away from a famous name is, on its own, as likely another
    /// name (`Glazer`, `Millet`) as a typo.
    #[default]
    Context,
    /// Always, when the misspelling reaches one entity.
    Always,
}

impl FuzzyMode {
    /// The mode's name: `off`, `context` or `always`.
    pub fn as_str(self) -> &'static str {
        match self {
            FuzzyMode::Off => "off",
            FuzzyMode::Context => "context",
            FuzzyMode::Always => "always",
        }
    }
}

impl std::str::FromStr for FuzzyMode {
    type Err = String;

    fn from_str(s: &str) -> Result<FuzzyMode, String> {
        match s {
            "off" => Ok(FuzzyMode::Off),
            "context" => Ok(FuzzyMode::Context),
            "always" => Ok(FuzzyMode::Always),
            other => Err(format!("`{other}` is not a fuzzy mode (use off, context or always)")),
        }
    }
}

/// A selected span and the payloads that passed its case rules.
struct Span {
    at: Candidate,
    payloads: Vec<Payload>,
    /// Instead of `payloads`: groups whose payloads all passed, every one
    /// context-only (see [`GroupHead::uniform`]), left in the index: the
    /// group of the normal key, of the fold key, or both (`Dmitry` is both
    /// `dmitry` and the fold key `dmitri`).
    group: Option<Groups>,
    /// Found by fuzzy matching.
    fuzzy: bool,
    /// Counts only when the document names the entity elsewhere.
    weak: bool,
}

/// One or two uniform groups that pool their payloads (see [`Span::group`]).
#[derive(Clone, Copy, Debug)]
struct Groups([Option<u64>; 2]);

impl Groups {
    fn iter(self) -> impl Iterator<Item = u64> {
        self.0.into_iter().flatten()
    }
}

impl Span {
    /// Entities named without needing context, deduplicated, in order.
    fn definite(&self) -> Vec<u32> {
        let mut entities: Vec<u32> =
            self.payloads.iter().filter(|p| !p.context_only()).map(|p| p.entity).collect();
        entities.dedup();
        entities
    }

    fn all_entities(&self) -> Vec<u32> {
        let mut entities: Vec<u32> = self.payloads.iter().map(|p| p.entity).collect();
        entities.sort_unstable();
        entities.dedup();
        entities
    }

    fn payload_of(&self, entity: u32) -> Option<&Payload> {
        self.payloads.iter().find(|p| p.entity == entity)
    }
}

thread_local! {
    /// Whether uniform groups are resolved by lookups on this thread (see
    /// [`without_group_lookups`]).
    static GROUP_LOOKUPS: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Runs `f` with uniform payload groups read whole on this thread, as any
/// other group, instead of resolved by lookups: for tests that compare the
/// two ways (their results are the same).
#[doc(hidden)]
pub fn without_group_lookups<R>(f: impl FnOnce() -> R) -> R {
    let before = GROUP_LOOKUPS.replace(false);
    let result = f();
    GROUP_LOOKUPS.set(before);
    result
}

thread_local! {
    /// Each thread's token buffers, reused from one text to the next.
    static TOKENS: std::cell::RefCell<Tokens> = std::cell::RefCell::new(Tokens::default());
}

/// Tags one text; with `ambiguous`, lists the spans left ambiguous too.
pub fn tag(index: &Index, fuzzy: FuzzyMode, text: &str, ambiguous: bool) -> Tagged {
    TOKENS.with_borrow_mut(|tokens| {
        tokens.reset(text);
        let tagged = tag_tokens(index, fuzzy, text, tokens, ambiguous);
        // A huge document's buffers are not kept for the next one.
        if tokens.keys.capacity() > 1 << 22 {
            *tokens = Tokens::default();
        }
        tagged
    })
}

fn tag_tokens(index: &Index, fuzzy: FuzzyMode, text: &str, tokens: &Tokens, ambiguous: bool) -> Tagged {
    let spans = match_spans(index, fuzzy, text, tokens);
    resolve_spans(index, fuzzy, text, tokens, &spans, ambiguous)
}

/// Matching: the spans the index finds in the tokens of `text`, exact and
/// misspelled, in text order.
fn match_spans(index: &Index, fuzzy: FuzzyMode, text: &str, tokens: &Tokens) -> Vec<Span> {
    let mut spans = select(index, text, tokens, fuzzy);
    if fuzzy == FuzzyMode::Context {
        misspelled_mentions(index, tokens, &mut spans);
    }
    spans
}

/// The stages of tagging one text, apart, for the benches of the hot
/// paths (`benches/hot_paths.rs`): [`Tagger::tag`](crate::Tagger::tag) is
/// [`resolve`](stages::resolve) after [`matching`](stages::matching) after
/// tokenizing.
#[doc(hidden)]
pub mod stages {
    use super::{match_spans, resolve_spans, Span};
    use crate::mention::Tagged;
    use crate::tokenize::Tokens;
    use crate::Tagger;

    /// The spans found in one text, not yet resolved.
    pub struct Matched(Vec<Span>);

    impl Matched {
        /// Number of spans.
        pub fn len(&self) -> usize {
            self.0.len()
        }

        /// True when nothing was found.
        pub fn is_empty(&self) -> bool {
            self.0.is_empty()
        }
    }

    /// The spans `tagger` finds in `tokens`, which must be the tokens of
    /// `text` (others may panic).
    pub fn matching(tagger: &Tagger, text: &str, tokens: &Tokens) -> Matched {
        Matched(match_spans(tagger.index(), tagger.fuzzy(), text, tokens))
    }

    /// The mentions (and, with `ambiguous`, the ambiguous spans) that
    /// `matched`, found in `text` and its `tokens`, resolve to. `text` and
    /// `tokens` must be those `matched` was found in, by the same tagger:
    /// spans are ranges of them (others may panic).
    pub fn resolve(
        tagger: &Tagger,
        text: &str,
        tokens: &Tokens,
        matched: &Matched,
        ambiguous: bool,
    ) -> Tagged {
        resolve_spans(tagger.index(), tagger.fuzzy(), text, tokens, &matched.0, ambiguous)
    }
}

/// Resolution: each span to one entity, through the document's other
/// spans, or to none (ambiguous).
fn resolve_spans(
    index: &Index,
    fuzzy: FuzzyMode,
    text: &str,
    tokens: &Tokens,
    spans: &[Span],
    ambiguous: bool,
) -> Tagged {
    // Entities the document names unambiguously, and those it names with
    // more than one word (a full name): a shared alias resolves through the
    // first, a partial name (first name alone …) only through the second.
    let exact = || spans.iter().filter(|s| !s.fuzzy && !s.weak);
    let anchors: HashSet<u32> = exact().filter_map(|s| single(&s.definite())).collect();
    let full: HashSet<u32> =
        exact().filter(|s| s.at.last > s.at.first).filter_map(|s| single(&s.definite())).collect();
    let mut tagged = Tagged::default();
    let mut key = String::new();
    for span in spans {
        if let Some(group) = span.group {
            group_mention(index, text, span, group, &full, ambiguous, &mut tagged);
            continue;
        }
        let definite = span.definite();
        let supported = |set: &HashSet<u32>| definite.iter().copied().filter(|e| set.contains(e)).collect();
        let needs_support = (span.fuzzy && fuzzy == FuzzyMode::Context) || span.weak;
        let definite = if needs_support { supported(&anchors) } else { definite.clone() };
        if let Some(entity) = single(&definite) {
            let payload = span.payload_of(entity).copied();
            let kind =
                payload.map_or(MatchKind::Exact, |p| match_kind(index, text, tokens, span, &p, &mut key));
            tagged.mentions.push(mention(index, text, &span.at, entity, kind));
            continue;
        }
        let (candidates, support) =
            if definite.is_empty() { (span.all_entities(), &full) } else { (definite, &anchors) };
        let anchored: Vec<u32> = candidates.iter().copied().filter(|e| support.contains(e)).collect();
        if let Some(entity) = single(&anchored) {
            tagged.mentions.push(mention(index, text, &span.at, entity, MatchKind::Context));
        } else if ambiguous && candidates.len() > 1 && !span.fuzzy {
            tagged.ambiguous.push(ambiguity(index, text, &span.at, &candidates));
        }
    }
    tagged
}

/// A span over uniform groups (see [`Span::group`]), resolved as any span
/// whose payloads are all context-only: through the entities the document
/// names in full, found by lookups in the groups rather than by reading
/// them.
fn group_mention(
    index: &Index,
    text: &str,
    span: &Span,
    groups: Groups,
    full: &HashSet<u32>,
    ambiguous: bool,
    tagged: &mut Tagged,
) {
    let count = index.entity_count() as u32;
    let in_groups = |e: u32| groups.iter().any(|g| index.group_has(g, e));
    let mut anchored = full.iter().copied().filter(|&e| e < count && in_groups(e));
    if let (Some(entity), None) = (anchored.next(), anchored.next()) {
        tagged.mentions.push(mention(index, text, &span.at, entity, MatchKind::Context));
        return;
    }
    if !ambiguous {
        return;
    }
    if let Some((listed, total)) = group_candidates(index, groups) {
        tagged.ambiguous.push(listed_ambiguity(text, &span.at, listed, total));
    }
}

thread_local! {
    /// [`group_candidates`] answers on this thread lately, and the
    /// [`Index::id`] they are of: a first name is listed at each of its
    /// mentions, and reading its thousands of entities each time cost a
    /// thousand times what tagging its text does.
    static GROUP_CANDIDATES: std::cell::RefCell<(u64, GroupCandidates)> = Default::default();
}

/// Uniform groups → the IDs of their first [`Ambiguity::MAX_LISTED`]
/// entities and how many distinct ones they have.
type GroupCandidates = rustc_hash::FxHashMap<[Option<u64>; 2], Option<(Vec<String>, usize)>>;

/// The IDs of the first [`Ambiguity::MAX_LISTED`] distinct entities of
/// `groups`, in entity order, and how many there are; `None` for fewer than
/// two.
fn group_candidates(index: &Index, groups: Groups) -> Option<(Vec<String>, usize)> {
    /// Answers kept per thread, at most (then forgotten all at once).
    const KEPT: usize = 4096;
    GROUP_CANDIDATES.with_borrow_mut(|(owner, kept)| {
        if *owner != index.id() {
            kept.clear();
            *owner = index.id();
        }
        if let Some(found) = kept.get(&groups.0) {
            return found.clone();
        }
        let found = read_group_candidates(index, groups);
        if kept.len() >= KEPT {
            kept.clear();
        }
        kept.insert(groups.0, found.clone());
        found
    })
}

/// [`group_candidates`], read: by a merge, as each group lists its
/// entities in order.
fn read_group_candidates(index: &Index, groups: Groups) -> Option<(Vec<String>, usize)> {
    let count = index.entity_count() as u32;
    let entities = |g: Option<u64>| g.into_iter().flat_map(|g| index.payload_entities(g));
    let (mut a, mut b) = (entities(groups.0[0]).peekable(), entities(groups.0[1]).peekable());
    let (mut listed, mut distinct, mut last) = (Vec::new(), 0, None);
    while let Some(e) = match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if y < x => b.next(),
        (Some(_), _) => a.next(),
        _ => b.next(),
    } {
        if e < count && last != Some(e) {
            distinct += 1;
            if listed.len() < Ambiguity::MAX_LISTED {
                listed.push(index.entity_id(e).to_string());
            }
            last = Some(e);
        }
    }
    (distinct > 1).then_some((listed, distinct))
}

/// An ambiguous span: the first [`Ambiguity::MAX_LISTED`] candidates in
/// entity order (by name, see `index::Numbering`), the rest counted.
fn ambiguity(index: &Index, text: &str, at: &Candidate, candidates: &[u32]) -> Ambiguity {
    let listed = &candidates[..candidates.len().min(Ambiguity::MAX_LISTED)];
    let listed = listed.iter().map(|&e| index.entity_id(e).to_string()).collect();
    listed_ambiguity(text, at, listed, candidates.len())
}

/// An ambiguous span of `total` candidates, the IDs of the first of them
/// `listed`.
fn listed_ambiguity(text: &str, at: &Candidate, listed: Vec<String>, total: usize) -> Ambiguity {
    Ambiguity {
        start: at.char_start,
        end: at.char_end,
        text: text[at.byte_start..at.byte_end].to_string(),
        candidates: listed,
        more: total.saturating_sub(Ambiguity::MAX_LISTED),
    }
}

fn single(entities: &[u32]) -> Option<u32> {
    match entities {
        [one] => Some(*one),
        _ => None,
    }
}

/// Leftmost-longest selection of spans over the whole text.
fn select(index: &Index, text: &str, tokens: &Tokens, fuzzy_mode: FuzzyMode) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::new();
    let mut candidates = Vec::new();
    // Entities the document writes in lowercase as a common word (`мир`).
    let mut lowered = Lowered::default();
    let mut buf = Vec::new();
    let filter = index.start_filter();
    let mut starts = Starts::kept(index.id());
    // Each token's own filter hashes: of its key, and of its fold key if it
    // is Latin (written by the tokenizer).
    let hashes = tokens.start_hashes();
    // A large index's filter is megabytes, and a probe would wait for
    // memory: each block is fetched a few tokens before it is probed.
    let fetch = filter.len() >= FETCH_MIN_BYTES;
    let mut fetched = 0;
    let mut i = 0;
    while i < tokens.len() {
        while fetch && fetched < tokens.len().min(i + FETCH_AHEAD) {
            starts::prefetch(filter, hashes[fetched][0]);
            if tokens.tokens[fetched].latin {
                starts::prefetch(filter, hashes[fetched][1]);
            }
            fetched += 1;
        }
        candidates.clear();
        if may_start::<false>(filter, tokens, i, hashes[i][0], &mut buf) {
            walk(index.fst(), text, tokens, i, Keys::Normal, &mut starts, &mut candidates);
        }
        if tokens.tokens[i].latin && may_start::<true>(filter, tokens, i, hashes[i][1], &mut buf) {
            walk(index.fst(), text, tokens, i, Keys::Fold, &mut starts, &mut candidates);
        }
        let longest = longest(index, text, tokens, &mut candidates, &mut lowered)
            .or_else(|| (fuzzy_mode == FuzzyMode::Always).then(|| fuzzy(index, tokens, i)).flatten());
        match longest {
            Some(span) => {
                i = span.at.last + 1;
                spans.push(span);
            }
            None => i += 1,
        }
    }
    // A capital at the start of a sentence is no evidence of a name: where
    // the document also writes the same name's common-word form in
    // lowercase («Миру мир»), a sentence-initial one is that word too.
    // And a case form of a one-word organization or place name that is a
    // common word (`Миру` of «Мир»), opening a sentence, is as likely the
    // word: it counts only when the document names the entity elsewhere.
    // (The name itself, `Кремль`, `Франция`, and persons' names stand.)
    // A capital further in is evidence: `Роман Белов` opening a sentence is
    // the man, whatever the document calls a `роман`.
    let capital_further_in = |s: &Span| {
        tokens.tokens[s.at.first + 1..=s.at.last]
            .iter()
            .any(|t| matches!(t.shape, Shape::Title | Shape::Upper))
    };
    for span in spans.iter_mut().filter(|s| s.group.is_none() && sentence_start(text, tokens, s.at.first)) {
        let common_word = |p: &Payload| p.common() && p.case_rule() == CaseRule::Title;
        let named = capital_further_in(span);
        span.payloads.retain(|p| named || !(common_word(p) && lowered.contains(index, p.entity)));
        let inflected_thing = |p: &Payload| {
            common_word(p) && p.kind == MatchKind::Inflection && index.entity_kind(p.entity) != "PER"
        };
        span.weak = span.at.first == span.at.last && span.payloads.iter().all(inflected_thing);
    }
    spans.retain(|s| !s.payloads.is_empty() || s.group.is_some());
    spans
}

/// How many tokens ahead of the one looked at their filter blocks are
/// fetched …
const FETCH_AHEAD: usize = 8;
/// … when the filter is at least a core's first-level data cache (32 KB
/// here). The default gazetteer's (64 KB) fits the second level, but there
/// other work and other processes push it out: prefetched, tagging in
/// process ran as fast on a quiet machine and 6–23% faster in three busy
/// rounds, for 3% more instructions.
const FETCH_MIN_BYTES: usize = 32 << 10;

/// Whether some key may begin at token `i` (see `index::starts`): its word
/// (the token, or the token glued to the next ones) is a one-word key, or
/// with the separator and the next word begins a longer key. `FOLD`: of
/// the fold keys, else of the normalized keys; `h`: the token's own hash
/// (of its key or fold key alone).
fn may_start<const FOLD: bool>(
    filter: &[u8],
    tokens: &Tokens,
    i: usize,
    mut h: u64,
    buf: &mut Vec<u8>,
) -> bool {
    let word = |t: usize| tokens.key_bytes(t, FOLD);
    // Whether token `t` is glued to the one before it (no separator).
    let glued = |t: usize| t < tokens.len() && tokens.seps[t].key.is_empty() && !tokens.seps[t].hard;
    let holds = |h: u64| starts::may_hold(filter, h);
    let one = if FOLD { Entry::FOLD_WORD } else { Entry::WORD };
    if holds(h) {
        return true;
    }
    // The first word: the token and every glued continuation.
    let token = &tokens.tokens[i];
    // Whether the word is letters and digits only (a Latin word's fold key
    // is).
    let mut plain = token.plain || (FOLD && token.latin);
    // The glued words are gathered in `buf`: a lone word is read in place.
    buf.clear();
    let mut j = i;
    while glued(j + 1) {
        if j == i {
            buf.extend_from_slice(word(i));
        }
        j += 1;
        let token = &tokens.tokens[j];
        buf.extend_from_slice(word(j));
        plain &= token.plain || (FOLD && token.latin);
        h = starts::hash(buf, one);
        if holds(h) {
            return true;
        }
    }
    // The first word, the separator, and each glued prefix of the next
    // word, unless no longer key starts with that word.
    let next = j + 1;
    if next >= tokens.len() || tokens.seps[next].hard {
        return false;
    }
    // The filter holds the pair start of the key's leading letters and
    // digits.
    if !plain {
        let first = if j == i { word(i) } else { &buf[..] };
        h = starts::hash(starts::first_word(first), one);
    }
    if !holds(starts::pair_start(h)) {
        return false;
    }
    if j == i {
        buf.extend_from_slice(word(i));
    }
    buf.extend_from_slice(tokens.separator_key_bytes(next));
    let mut k = next;
    loop {
        buf.extend_from_slice(word(k));
        if holds(starts::hash(buf, Entry { fold: FOLD, pair: true })) {
            return true;
        }
        if !glued(k + 1) {
            return false;
        }
        k += 1;
    }
}

/// True when token `i` begins the text, a line or a sentence.
fn sentence_start(text: &str, tokens: &Tokens, i: usize) -> bool {
    i == 0 || text[tokens.separator(i).bytes.clone()].contains(['.', '!', '?', '…', '\n'])
}

/// The entities a document writes in lowercase as a common word (`мир`,
/// `mark`): one by one, and whole uniform groups (every person called
/// `Mark`, for `mark`), not read.
#[derive(Default)]
struct Lowered {
    entities: HashSet<u32>,
    groups: Vec<u64>,
}

impl Lowered {
    fn contains(&self, index: &Index, entity: u32) -> bool {
        self.entities.contains(&entity) || self.groups.iter().any(|&g| index.group_has(g, entity))
    }

    fn add_group(&mut self, value: u64) {
        if !self.groups.contains(&value) {
            self.groups.push(value);
        }
    }
}

/// The longest candidate with an acceptable payload. Candidates ending at
/// the same place (a normalized key and a fold key of the same words) pool
/// their payloads, the best derivation per entity first.
fn longest(
    index: &Index,
    text: &str,
    tokens: &Tokens,
    candidates: &mut [Candidate],
    lowered: &mut Lowered,
) -> Option<Span> {
    if candidates.is_empty() {
        return None; // most tokens start no key
    }
    let entity_count = index.entity_count() as u32;
    // Stable: for equal ends the normal walk's candidates stay first.
    candidates.sort_by_key(|c| std::cmp::Reverse(c.byte_end));
    let lookups = GROUP_LOOKUPS.get();
    let mut at = 0;
    while at < candidates.len() {
        let end = candidates[at].byte_end;
        let same_end = candidates[at..].iter().take_while(|c| c.byte_end == end).count();
        // Candidates ending together span the same words (a normal and a
        // fold key): what the case rules look at is known once for all
        // their payloads, which may be thousands (a common first name).
        let words = Written::of(tokens, &candidates[at]);
        // A key shared by many entities, only with context, under one case
        // rule: accepted or refused as a whole, resolved by lookups.
        let head = |c: &Candidate| index.group_head(c.value).filter(|_| lookups);
        let uniform =
            |c: &Candidate| head(c).is_some_and(|h| h.uniform() && h.entities() >= GroupHead::LOOKUP_MIN);
        let common = |c: &Candidate| head(c).is_some_and(GroupHead::common);
        let ending = &candidates[at..at + same_end];
        if same_end <= 2 && ending.iter().all(uniform) {
            // A common word opening a sentence is read whole (see the end
            // of `select`: it may be the word, written lowercase elsewhere).
            let opening = || ending.iter().any(common) && sentence_start(text, tokens, candidates[at].first);
            if words.capitalized && !opening() {
                let mut groups = Groups([None; 2]);
                groups.0.iter_mut().zip(ending).for_each(|(g, c)| *g = Some(c.value));
                let (at, group) = (candidates[at], Some(groups));
                return Some(Span { at, payloads: Vec::new(), group, fuzzy: false, weak: false });
            }
            if !words.capitalized && !words.hashtag {
                // Refused whole; a group of common words is written lowercase.
                ending.iter().filter(|c| common(c)).for_each(|c| lowered.add_group(c.value));
                at += same_end;
                continue;
            }
        }
        let mut payloads: Vec<Payload> = candidates[at..at + same_end]
            .iter()
            .flat_map(|c| index.payloads(c.value))
            .filter(|p| p.entity < entity_count)
            .filter_map(|p| {
                let allowed = case_allows(index, text, &words, &candidates[at], p);
                if allowed.is_none() && p.common() && p.case_rule() == CaseRule::Title {
                    lowered.entities.insert(p.entity);
                }
                allowed
            })
            .collect();
        payloads.sort_by_key(|p| (p.entity, p.context_only(), p.kind));
        payloads.dedup_by_key(|p| p.entity);
        if !payloads.is_empty() {
            return Some(Span { at: candidates[at], payloads, group: None, fuzzy: false, weak: false });
        }
        at += same_end;
    }
    None
}

/// Misspellings of the document's own mentions (`FuzzyMode::Context`): a
/// capitalized word no key matched, within one edit more than allowed of a
/// word of a mention that names one entity (a cheap test against the few
/// words the document uses), is searched in the whole index; the entities
/// it reaches that the document names are kept (`Dimitry` after `Dmitry
/// Sergeyevich Peskov`, `Lavorv` after `Lavrov`, `Пекова` after `Песков`).
fn misspelled_mentions(index: &Index, tokens: &Tokens, spans: &mut Vec<Span>) {
    // The words of the document's mentions, and their fold keys.
    let (mut words, mut folds) = (Vec::new(), Vec::new());
    let mut entities = Vec::new();
    for span in spans.iter().filter(|s| !s.fuzzy) {
        if let Some(entity) = single(&span.definite()) {
            entities.push(entity);
            words.extend((span.at.first..=span.at.last).map(|t| tokens.key(t)));
            folds.extend((span.at.first..=span.at.last).map(|t| tokens.fold(t)));
        }
    }
    if words.is_empty() {
        return;
    }
    for known in [&mut words, &mut folds] {
        known.sort_unstable();
        known.dedup(); // a name mentioned twenty times is one reference
    }
    let (words, folds) = (Known::new(words), Known::new(folds));
    let mut covered = vec![false; tokens.len()];
    spans.iter().for_each(|s| covered[s.at.first..=s.at.last].iter_mut().for_each(|c| *c = true));
    // What each word of the document came to (it depends on the word
    // alone): a capitalized word repeats (`The`, `Он`, a place name).
    let mut seen: rustc_hash::FxHashMap<&str, Option<Vec<Payload>>> = Default::default();
    // Whether the word `key` (with its `fold` key, if Latin) is a
    // misspelling, given the mention words with its first letter (only
    // those can be near; a word without any is not looked up in `seen`).
    // The cheap tests first: length, then closeness; the lexicon last.
    let misspelling = |key: &str, fold: Option<&str>, (key_peers, fold_peers): (&[&str], &[&str])| {
        let max = fuzzy::budget(key)?;
        let near = |peers: &[&str], word: &str| peers.iter().any(|k| fuzzy::near(word, k, max + 1).is_some());
        let close = near(key_peers, key) || fold.is_some_and(|f| near(fold_peers, f));
        if !close || crate::lexicon::is_common_word(key) {
            return None;
        }
        let (_, mut payloads) = fuzzy::near_payloads(index, key, fold)?;
        payloads.retain(|p| entities.contains(&p.entity));
        (!payloads.is_empty()).then_some(payloads)
    };
    for (i, token) in tokens.tokens.iter().enumerate() {
        if covered[i] || !matches!(token.shape, Shape::Title | Shape::Upper) {
            continue;
        }
        let (key, fold) = (tokens.key(i), token.latin.then(|| tokens.fold(i)));
        let peers = (words.same_first_letter(key), fold.map_or(&[][..], |f| folds.same_first_letter(f)));
        if let ([], []) = peers {
            continue;
        }
        let found = seen.entry(key).or_insert_with(|| misspelling(key, fold, peers));
        if let Some(payloads) = found {
            let payloads = payloads.clone();
            spans.push(Span {
                at: token_candidate(tokens, i),
                payloads,
                group: None,
                fuzzy: true,
                weak: false,
            });
        }
    }
    spans.sort_by_key(|s| s.at.first);
}

/// The words of a document's mentions, sorted, and where each first letter's
/// words are.
struct Known<'a> {
    words: Vec<&'a str>,
    /// Each first letter, in order, and the range of its words.
    firsts: Vec<(char, std::ops::Range<usize>)>,
}

impl<'a> Known<'a> {
    /// `sorted`: sorted by bytes, so by first character (UTF-8 keeps code
    /// point order).
    fn new(sorted: Vec<&'a str>) -> Known<'a> {
        let mut firsts: Vec<(char, std::ops::Range<usize>)> = Vec::new();
        for (i, first) in sorted.iter().enumerate().filter_map(|(i, w)| Some((i, w.chars().next()?))) {
            match firsts.last_mut() {
                Some((last, range)) if *last == first => range.end = i + 1,
                _ => firsts.push((first, i..i + 1)),
            }
        }
        Known { words: sorted, firsts }
    }

    /// The words that begin with the first letter of `word` (only those
    /// can be [`fuzzy::near`] it).
    fn same_first_letter(&self, word: &str) -> &[&'a str] {
        let Some(first) = word.chars().next() else {
            return &[];
        };
        match self.firsts.binary_search_by_key(&first, |(c, _)| *c) {
            Ok(at) => &self.words[self.firsts[at].1.clone()],
            Err(_) => &[],
        }
    }
}

fn token_candidate(tokens: &Tokens, i: usize) -> Candidate {
    let token = &tokens.tokens[i];
    Candidate {
        first: i,
        last: i,
        char_start: token.char_start,
        char_end: token.char_end,
        byte_start: token.byte_start,
        byte_end: token.byte_end,
        value: 0,
    }
}

/// A misspelled name at token `i` (`FuzzyMode::Always`): a capitalized
/// word, not itself the start of any key, whose nearest keys in the whole
/// index lead to entities whose aliases allow misspellings.
fn fuzzy(index: &Index, tokens: &Tokens, i: usize) -> Option<Span> {
    let token = &tokens.tokens[i];
    if !matches!(token.shape, Shape::Title | Shape::Upper) {
        return None;
    }
    let fold = token.latin.then(|| tokens.fold(i));
    let (_, payloads) = fuzzy::near_payloads(index, tokens.key(i), fold)?;
    Some(Span { at: token_candidate(tokens, i), payloads, group: None, fuzzy: true, weak: false })
}

/// What the case rules look at in a candidate's words.
struct Written {
    /// Some word is capitalized: `фон дер Ляйен`, `de Gaulle` pass `title`.
    capitalized: bool,
    /// The first word follows a `#`.
    hashtag: bool,
}

impl Written {
    fn of(tokens: &Tokens, c: &Candidate) -> Written {
        Written {
            capitalized: tokens.tokens[c.first..=c.last]
                .iter()
                .any(|t| matches!(t.shape, Shape::Title | Shape::Upper)),
            hashtag: tokens.separator_key(c.first).ends_with('#'),
        }
    }
}

/// The payload if the letter case of the candidate's text satisfies its
/// rule. Case says nothing in a hashtag: a lowercase one that a `title`
/// rule would refuse is accepted (`#навальный`), unless its key is a common
/// word (`#путина`, `#песков`): then the document must name the entity in
/// full.
fn case_allows(index: &Index, text: &str, words: &Written, c: &Candidate, p: Payload) -> Option<Payload> {
    let allowed = match p.case_rule() {
        CaseRule::Any | CaseRule::Auto => true,
        CaseRule::Title => words.capitalized,
        CaseRule::Exact => same_case(&text[c.byte_start..c.byte_end], &index.alias_text(p.entity, p.alias)),
    };
    match (allowed, p.case_rule()) {
        (true, _) => Some(p),
        (false, CaseRule::Title) if words.hashtag && !p.common() => Some(p),
        (false, CaseRule::Title) if words.hashtag => Some(Payload { flags: p.flags | CONTEXT_ONLY, ..p }),
        _ => None,
    }
}

/// True when the letters of `a` and `b` have the same case pattern (when
/// their letters line up one to one; otherwise normalization changed them
/// and the rule cannot be judged letter by letter, so it passes).
fn same_case(a: &str, b: &str) -> bool {
    let cases = |s: &str| s.chars().filter(|c| c.is_alphabetic()).map(char::is_uppercase).collect::<Vec<_>>();
    let (a, b) = (cases(a), cases(b));
    a.len() != b.len() || a == b
}

/// `Exact` when the text is the alias exactly as written, `Normalized` when
/// it equals it only after normalization, otherwise the derivation's kind.
/// (`key`: a buffer.)
fn match_kind(
    index: &Index,
    text: &str,
    tokens: &Tokens,
    span: &Span,
    p: &Payload,
    key: &mut String,
) -> MatchKind {
    let written = &text[span.at.byte_start..span.at.byte_end];
    let at = &span.at;
    // The alias is its key title-cased: the text is the alias when it is
    // its own key title-cased (the key it matched is the alias's). No
    // reading of the alias from the index's tables, which with a million
    // entities cost several cache misses a mention. (Not past the last
    // token: a key may end in marks that follow it.)
    if p.kind == MatchKind::Exact
        && p.title_form()
        && !span.fuzzy
        && at.byte_end == tokens.tokens[at.last].byte_end
    {
        tokens.span_key_into(at.first, at.last, key);
        return match crate::normalize::is_title_form(written, key) {
            true => MatchKind::Exact,
            false => MatchKind::Normalized,
        };
    }
    match p.kind {
        MatchKind::Exact if index.alias_is(p.entity, p.alias, written) => MatchKind::Exact,
        MatchKind::Exact => MatchKind::Normalized,
        kind => kind,
    }
}

fn mention(index: &Index, text: &str, at: &Candidate, entity: u32, kind: MatchKind) -> Mention {
    Mention {
        start: at.char_start,
        end: at.char_end,
        text: text[at.byte_start..at.byte_end].to_string(),
        entity: index.entity_id(entity).to_string(),
        entity_type: index.entity_kind(entity).to_string(),
        match_kind: kind,
    }
}

#[cfg(test)]
mod tests {
    use super::Known;

    #[test]
    fn known_words_are_found_by_first_letter() {
        let mut words = vec!["beta", "alpha", "ёж", "apex", "бор", "", "бык", "zulu"];
        words.sort_unstable();
        let known = Known::new(words);
        assert_eq!(known.same_first_letter("avocado"), ["alpha", "apex"]);
        assert_eq!(known.same_first_letter("Beta"), [] as [&str; 0], "case is the caller's");
        assert_eq!(known.same_first_letter("бар"), ["бор", "бык"]);
        assert_eq!(known.same_first_letter("ёлка"), ["ёж"]);
        assert_eq!(known.same_first_letter("zebra"), ["zulu"]);
        assert_eq!(known.same_first_letter("y"), [] as [&str; 0]);
        assert_eq!(known.same_first_letter(""), [] as [&str; 0]);
    }
}
