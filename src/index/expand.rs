//! Gazetteer → sorted (key, payload) pairs: every alias through the same
//! tokenizer and normalizer as documents, plus the forms derived from it.
//!
//! Keys are collected in one byte buffer (no allocation per key), sorted, and
//! equal keys grouped: a key that several entities share keeps all of them
//! (ambiguity is resolved at tag time, never here); a key that one entity
//! reaches several ways keeps its best derivation. Past [`RUN_BYTES`] of
//! keys, sorted runs go to temporary files and are merged, so memory stays
//! bounded for gazetteers of millions of aliases.

use super::payload::{Payload, COMMON, CONTEXT_ONLY, TITLE_FORM};
use super::{GroupHead, Index};
use crate::error::{Error, Result};
use crate::gazetteer::{Alias, CaseRule, Entity, Gazetteer, InflectRule, Lang};
use crate::inflect::{self, Case, Gender, Hints, NameKind, Number};
use crate::lexicon;
use crate::mention::MatchKind;
use crate::tokenize::{is_letter, is_uppercase, Tokens, FOLD_PREFIX};
use crate::translit;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::fs::File;
use std::io::{BufReader, ErrorKind, Read, Seek, SeekFrom, Write};
use std::rc::Rc;

/// Keys and payloads, unsorted until [`Keys::sort_with`].
#[derive(Default)]
pub struct Keys {
    buf: Vec<u8>,
    entries: Vec<(u32, u32, Payload)>,
    /// After [`Keys::sort_with`], the entries' order: by key, then by
    /// [`rank`] (empty before: nothing is added to sorted keys).
    sorted: Vec<u32>,
    /// Set when the keys' bytes would pass [`MAX_KEY_BYTES`]: the build
    /// then fails (see [`Keys::overflowed`]) rather than wrap an offset.
    overflowed: bool,
}

/// Most bytes of derived keys one build holds (offsets are `u32`): about
/// 200 million keys, from roughly 10 million aliases. Entries are numbered
/// by `u32` in the sort too.
pub const MAX_KEY_BYTES: usize = u32::MAX as usize;

impl Keys {
    fn push(&mut self, key: &str, payload: Payload) {
        self.push_within(key, payload, MAX_KEY_BYTES);
    }

    fn push_within(&mut self, key: &str, payload: Payload, limit: usize) {
        debug_assert!(self.sorted.is_empty());
        if self.overflowed || self.buf.len() + key.len() > limit || self.entries.len() >= MAX_KEY_BYTES {
            self.overflowed = true;
            return;
        }
        let start = self.buf.len() as u32;
        self.buf.extend_from_slice(key.as_bytes());
        self.entries.push((start, key.len() as u32, payload));
    }

    /// `other`'s keys after these.
    fn append(self, other: Keys) -> Keys {
        self.append_within(other, MAX_KEY_BYTES)
    }

    fn append_within(mut self, other: Keys, limit: usize) -> Keys {
        debug_assert!(self.sorted.is_empty() && other.sorted.is_empty());
        let entries = self.entries.len() + other.entries.len();
        if self.overflowed
            || other.overflowed
            || self.buf.len() + other.buf.len() > limit
            || entries > MAX_KEY_BYTES
        {
            return Keys { overflowed: true, ..Keys::default() };
        }
        if self.entries.is_empty() && self.buf.capacity() < other.buf.len() {
            return other; // nothing to copy behind, no room kept
        }
        let offset = self.buf.len() as u32;
        self.buf.extend_from_slice(&other.buf);
        self.entries.extend(other.entries.into_iter().map(|(start, len, p)| (start + offset, len, p)));
        self
    }

    /// No keys, the buffers kept.
    fn clear(&mut self) {
        self.buf.clear();
        self.entries.clear();
        self.sorted.clear();
        self.overflowed = false;
    }

    /// Whether some keys were dropped at [`MAX_KEY_BYTES`].
    pub fn overflowed(&self) -> bool {
        self.overflowed
    }

    fn key(&self, entry: &(u32, u32, Payload)) -> &[u8] {
        &self.buf[entry.0 as usize..(entry.0 + entry.1) as usize]
    }

    /// Bytes held: key text, entries and their sorted order (not the
    /// sort's scratch, 16 bytes an entry, kept by [`for_each_group`]).
    fn footprint(&self) -> usize {
        self.buf.len()
            + self.entries.len() * std::mem::size_of::<(u32, u32, Payload)>()
            + self.sorted.len() * 4
    }

    /// Drops, among the entries from `entries` on (one entity's, whose
    /// keys start at byte `bytes`), those the grouping would drop anyway
    /// (see [`same_slot`]): an entity derives many keys more than once
    /// (the same spelling under two schemes, the same case form of two
    /// cases), and each copy would cost a place in the global sort.
    fn dedup_from(&mut self, entries: usize, bytes: usize) {
        if self.overflowed || self.entries.len() - entries < 2 {
            return;
        }
        let own = self.entries.split_off(entries);
        // By a hash of the key (so equal keys come together; two keys
        // whose hashes collide share a run, and are told apart below),
        // then by rank: no key bytes are compared but in a run.
        let mut order: Vec<(u64, u32)> = own
            .iter()
            .enumerate()
            .map(|(i, e)| (xxhash_rust::xxh3::xxh3_64(self.key(e)), i as u32))
            .collect();
        order.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0).then_with(|| rank(&own[a.1 as usize].2).cmp(&rank(&own[b.1 as usize].2)))
        });
        let mut kept_buf = Vec::with_capacity(self.buf.len() - bytes);
        let mut run = (None, self.entries.len()); // the hash of the run, where its kept entries start
        for &(hash, i) in &order {
            let e = own[i as usize];
            let k = self.key(&e);
            if run.0 != Some(hash) {
                run = (Some(hash), self.entries.len());
            } else {
                let kept_key = |kept: &(u32, u32, Payload)| {
                    &kept_buf[kept.0 as usize - bytes..(kept.0 + kept.1) as usize - bytes] == k
                };
                if self.entries[run.1..].iter().any(|kept| same_slot(&kept.2, &e.2) && kept_key(kept)) {
                    continue;
                }
            }
            let start = (bytes + kept_buf.len()) as u32;
            kept_buf.extend_from_slice(k);
            self.entries.push((start, e.1, e.2));
        }
        self.buf.truncate(bytes);
        self.buf.extend_from_slice(&kept_buf);
    }

    /// [`Keys::sort_with`] with scratch of its own.
    #[cfg(test)]
    fn sort(&mut self) {
        self.sort_with(&mut Vec::new());
    }

    /// Sorts the entries by key, then by [`rank`] (see [`Keys::iter`]),
    /// with `slots` for scratch.
    ///
    /// A comparison sort of the entries read both compared keys from `buf`,
    /// all over a run of hundreds of megabytes: at a million entities most
    /// of the sort was waiting for memory. Instead, each entry's next 8
    /// key bytes are read once per level into a [`Slot`] beside its number,
    /// and the slots sorted by them; only entries still tied go on to the
    /// next 8 bytes (names share long prefixes: `александр…`), and entries
    /// whose keys are equal are ordered by [`rank`].
    fn sort_with(&mut self, slots: &mut Vec<Slot>) {
        self.sorted.clear();
        slots.clear();
        let entries = 0..self.entries.len() as u32;
        slots
            .par_extend(entries.into_par_iter().map(|i| Slot::of(self.key(&self.entries[i as usize]), 0, i)));
        slots.par_sort_unstable_by_key(Slot::order);
        slots.par_chunk_by_mut(|a, b| a.order() == b.order()).for_each(|tied| self.sort_tied(tied, 0));
        self.sorted.par_extend(slots.par_iter().map(|slot| slot.entry));
    }

    /// Orders `tied`, whose keys agree on their bytes from `depth` to
    /// `depth + 8` (and on whether they go on after them).
    fn sort_tied(&self, tied: &mut [Slot], depth: usize) {
        if tied.len() < 2 {
            return;
        }
        if tied[0].len <= 8 {
            // The keys end here: equal keys, ordered by rank.
            tied.sort_unstable_by_key(|slot| rank(&self.entries[slot.entry as usize].2));
            return;
        }
        let depth = depth + 8;
        for slot in tied.iter_mut() {
            *slot = Slot::of(self.key(&self.entries[slot.entry as usize]), depth, slot.entry);
        }
        tied.sort_unstable_by_key(Slot::order);
        for tied in tied.chunk_by_mut(|a, b| a.order() == b.order()) {
            self.sort_tied(tied, depth);
        }
    }

    /// The entries in their current order: sorted after [`Keys::sort_with`].
    fn iter(&self) -> impl Iterator<Item = (&[u8], Payload)> + '_ {
        (0..self.entries.len()).map(|at| self.get(at).expect("in range"))
    }

    /// The entry at `at` in the current order, as [`Keys::iter`] gives it.
    fn get(&self, at: usize) -> Option<(&[u8], Payload)> {
        let entry = match self.sorted.is_empty() {
            true => self.entries.get(at)?,
            false => &self.entries[*self.sorted.get(at)? as usize],
        };
        Some((self.key(entry), entry.2))
    }
}

/// An entry in [`Keys::sort_with`]: 8 bytes of its key, held beside it.
#[derive(Clone, Copy)]
struct Slot {
    /// The key's bytes from the current depth on, the first 8 of them,
    /// big-endian, zero-padded.
    head: u64,
    /// How many bytes the key has from the current depth on, at most 9:
    /// 9 means more than 8 (the key goes on), and tells `ab` from `ab\0`.
    len: u8,
    /// The entry's place in [`Keys::entries`].
    entry: u32,
}

impl Slot {
    fn of(key: &[u8], depth: usize, entry: u32) -> Slot {
        let rest = key.get(depth..).unwrap_or_default();
        Slot { head: head(rest), len: rest.len().min(9) as u8, entry }
    }

    /// Byte order of the keys' bytes from the current depth on, as far
    /// as the slot holds them.
    fn order(&self) -> (u64, u8) {
        (self.head, self.len)
    }
}

/// Collects sorted (key, payload) entries into one group per key and hands
/// each to a callback: per entity and letter-case rule the best derivation
/// (the first in [`rank`] order), in entity order.
#[derive(Default)]
struct Grouper {
    key: Vec<u8>,
    group: Vec<Payload>,
}

impl Grouper {
    fn push(&mut self, key: &[u8], payload: Payload, f: &mut GroupFn<'_>) -> Result<()> {
        if key != self.key.as_slice() {
            if !self.group.is_empty() {
                f(&self.key, &self.group)?;
            }
            self.group.clear();
            self.key.clear();
            self.key.extend_from_slice(key);
        }
        let entity = payload.entity;
        if !self.group.iter().rev().take_while(|p| p.entity == entity).any(|p| same_slot(p, &payload)) {
            self.group.push(payload);
        }
        Ok(())
    }

    fn finish(self, f: &mut GroupFn<'_>) -> Result<()> {
        if self.group.is_empty() {
            return Ok(());
        }
        f(&self.key, &self.group)
    }
}

/// Whether a key's payload `later` (in [`rank`] order) is dropped for
/// `earlier`: one per entity and letter-case rule. Aliases of one entity
/// with different rules (`АКМЕ` exact, `акме` any) must each keep theirs;
/// `exact` compares with its own alias, so exact payloads of different
/// aliases all stay.
fn same_slot(earlier: &Payload, later: &Payload) -> bool {
    earlier.entity == later.entity
        && earlier.case_rule() == later.case_rule()
        && (later.case_rule() != CaseRule::Exact || earlier.alias == later.alias)
}

/// The number each entity has in an index: entities are numbered in the
/// order of their names (Russian, else English, lowercased; ties in the
/// gazetteer's order), not in the gazetteer's order. Keys that share a prefix then
/// mostly lead to entities with nearby numbers (`дмитрий петрович носков`,
/// `дмитрия петровича носкова`), and the fst stores the part of their
/// values they share once: at 1,000,000 entities the fst is a quarter
/// smaller than with gazetteer numbers.
pub struct Numbering {
    /// Gazetteer index → number.
    number: Vec<u32>,
    /// Number → gazetteer index.
    entity: Vec<u32>,
}

impl Numbering {
    /// The numbering of `gazetteer`'s entities.
    pub fn of(gazetteer: &Gazetteer) -> Numbering {
        let name = |e: &crate::gazetteer::Entity| {
            let name = if e.name_ru.is_empty() { &e.name_en } else { &e.name_ru };
            crate::tokenize::to_lowercase(name)
        };
        let names: Vec<String> = gazetteer.entities().par_iter().map(name).collect();
        let entity = by_name(&names);
        let mut number = vec![0; entity.len()];
        for (n, &e) in entity.iter().enumerate() {
            number[e as usize] = n as u32;
        }
        Numbering { number, entity }
    }

    /// The number of the gazetteer's entity `index`.
    pub fn number(&self, index: usize) -> u32 {
        self.number[index]
    }

    /// The gazetteer index of the entity numbered `number`.
    pub fn index(&self, number: u32) -> usize {
        self.entity[number as usize] as usize
    }

    /// The gazetteer index of each number, in order.
    pub fn entities(&self) -> impl Iterator<Item = usize> + '_ {
        self.entity.iter().map(|&e| e as usize)
    }
}

/// The indexes of `names`, in the order of the names (then of the indexes).
/// Sorted by each name's first 16 bytes, held beside its index (a million
/// names compared through their pointers missed the cache on most
/// comparisons); names that tie there are compared whole.
fn by_name(names: &[String]) -> Vec<u32> {
    let head16 = |name: &str| {
        let bytes = name.as_bytes();
        u128::from(head(bytes)) << 64 | u128::from(head(bytes.get(8..).unwrap_or_default()))
    };
    let mut order: Vec<(u128, u32)> =
        names.par_iter().enumerate().map(|(e, n)| (head16(n), e as u32)).collect();
    order.par_sort_unstable_by(|&(ha, a), &(hb, b)| {
        ha.cmp(&hb).then_with(|| names[a as usize].cmp(&names[b as usize])).then(a.cmp(&b))
    });
    order.into_iter().map(|(_, e)| e).collect()
}

/// What [`for_each_group`] calls with each key and its payloads.
pub type GroupFn<'a> = dyn FnMut(&[u8], &[Payload]) -> Result<()> + 'a;

/// Entities expanded per batch (fewer for small runs); a batch's keys join
/// the pending run.
const BATCH: usize = 16_384;

/// Bytes of derived keys held in memory before they are sorted and
/// written to a temporary run file (see [`for_each_group`]).
pub const RUN_BYTES: usize = 512 << 20;

/// Calls `f` once per distinct key of `gazetteer`, in byte order, with its
/// payloads (see [`Grouper`]). Memory stays near `run_bytes` (with the
/// sort's scratch, 16 bytes a key, and a spilled run's order, 4) whatever the
/// gazetteer's size: entities are expanded in batches, and once the
/// pending keys pass `run_bytes` they are sorted and written to an
/// anonymous temporary file; the runs are then merged. A gazetteer whose
/// keys fit never touches the disk. The groups, and so the index bytes, do
/// not depend on `run_bytes`.
///
/// With `reuse`, only the entities it names fresh are expanded; the keys of
/// the others are read back from the previous index, whose stream is one
/// more sorted run to merge. The groups are the same as without it.
pub fn for_each_group(
    gazetteer: &Gazetteer,
    numbering: &Numbering,
    reuse: Option<&Reuse<'_>>,
    run_bytes: usize,
    f: &mut GroupFn<'_>,
) -> Result<()> {
    let all: Vec<usize>;
    let entities = match reuse {
        Some(reuse) => reuse.fresh.as_slice(),
        None => {
            all = (0..gazetteer.entities().len()).collect();
            all.as_slice()
        }
    };
    let mut runs = Vec::new();
    let mut pending = Keys::default();
    // The sort's scratch, kept from run to run (fresh pages cost the
    // kernel's time to zero them).
    let mut slots = Vec::new();
    // About 4 KB of keys per entity: a batch stays within a run.
    let batch = (run_bytes / 4096).clamp(1, BATCH);
    for (n, chunk) in entities.chunks(batch).enumerate() {
        for keys in expand(gazetteer, numbering, chunk) {
            pending = pending.append(keys);
        }
        if pending.overflowed() {
            return Err(Error::limit(format!(
                "entities {}..={} derive more than {} GiB of keys; lower the run size",
                chunk.first().unwrap_or(&0),
                chunk.last().unwrap_or(&0),
                (MAX_KEY_BYTES + 1) >> 30
            )));
        }
        if pending.footprint() >= run_bytes && (n + 1) * batch < entities.len() {
            pending.sort_with(&mut slots);
            runs.push(Run::File(FileRun::spill(&pending)?));
            // The next run reuses the buffers: growing them again would
            // copy them and have the kernel zero fresh pages.
            pending.clear();
        }
    }
    pending.sort_with(&mut slots);
    drop(slots);
    let mut grouper = Grouper::default();
    if runs.is_empty() && reuse.is_none() {
        for (key, payload) in pending.iter() {
            grouper.push(key, payload, f)?;
        }
        return grouper.finish(f);
    }
    // The buffers kept from the runs before are as large as the largest:
    // the merge does not need them.
    pending.buf.shrink_to_fit();
    pending.entries.shrink_to_fit();
    pending.sorted.shrink_to_fit();
    runs.push(Run::Memory(pending, 0));
    let Some(reuse) = reuse else { return merge(runs, grouper, f) };
    runs.push(Run::Previous(PreviousRun::new(reuse, gazetteer, numbering)));
    let mut derived = FxHashMap::default();
    merge(runs, grouper, &mut |key, payloads| {
        if payloads.iter().all(Payload::derivation_stored) {
            return f(key, payloads);
        }
        let mut group = payloads.to_vec();
        restore_detail(gazetteer, numbering, key, &mut group, &mut derived)?;
        f(key, &group)
    })
}

/// A reused entity's payload read from a compact group (see
/// [`GroupHead::compact_payload`]) does not say how the key was derived.
/// Where the key's group is no longer stored compact (an edit gave it an
/// entity whose payload is not alike, or left too few), each such
/// payload is derived again from its entity: the one a fresh build keeps,
/// the first in [`rank`] order (every payload of the entity for that key
/// is context-only and `title`, or the group had not been compact). An
/// entity that does not derive the key (a damaged previous index) is an
/// error, and the build starts afresh. `derived` keeps each entity's keys
/// for the next keys of the group's name (its case forms, romanizations).
fn restore_detail(
    gazetteer: &Gazetteer,
    numbering: &Numbering,
    key: &[u8],
    group: &mut [Payload],
    derived: &mut FxHashMap<u32, Keys>,
) -> Result<()> {
    if GroupHead::of(group).compact_payload().is_some() {
        return Ok(());
    }
    MEMO.with_borrow_mut(|memo| {
        for p in group.iter_mut().filter(|p| !p.derivation_stored()) {
            if derived.len() >= RESTORED_ENTITIES {
                derived.clear();
            }
            let keys = derived.entry(p.entity).or_insert_with(|| {
                let mut keys = Keys::default();
                expand_entity(gazetteer, numbering.index(p.entity), p.entity, &mut keys, memo);
                keys
            });
            let full = keys.iter().filter(|&(k, q)| k == key && q.flags == p.flags).map(|(_, q)| q);
            *p = full
                .min_by_key(rank)
                .ok_or_else(|| Error::index(None, "previous index: a key its entity does not derive"))?;
        }
        memo.bound();
        Ok(())
    })
}

/// Entities whose keys [`restore_detail`] keeps at once (tens of MB).
const RESTORED_ENTITIES: usize = 100_000;

/// Where a rebuild finds the keys of entities that did not change: a
/// previous index (loaded, so of this engine version), whose entities are
/// matched to the gazetteer's by [`fingerprints`].
pub struct Reuse<'a> {
    previous: &'a Index,
    /// The gazetteer's [`fingerprints`].
    fingerprints: Vec<u64>,
    /// Previous entity (its number) → its index in the gazetteer
    /// (`u32::MAX`: changed or gone).
    to_new: Vec<u32>,
    /// Entities of the gazetteer whose keys are derived afresh, ascending.
    fresh: Vec<usize>,
}

impl<'a> Reuse<'a> {
    /// Matches `gazetteer`'s entities (with their `fingerprints`) to
    /// `previous`'s.
    pub fn new(previous: &'a Index, fingerprints: Vec<u64>) -> Reuse<'a> {
        let old = previous.entity_count();
        // A fingerprint that occurs twice in the previous index (possible
        // only in a crafted file) is not reused.
        let mut by_fingerprint: HashMap<u64, Option<u32>> = HashMap::with_capacity(old);
        for i in 0..old as u32 {
            by_fingerprint
                .entry(previous.source_fingerprint(i))
                .and_modify(|slot| *slot = None)
                .or_insert(Some(i));
        }
        let mut to_new = vec![u32::MAX; old];
        let mut fresh = Vec::new();
        for (i, fingerprint) in fingerprints.iter().enumerate() {
            match by_fingerprint.get_mut(fingerprint).and_then(Option::take) {
                Some(o) => to_new[o as usize] = i as u32,
                None => fresh.push(i),
            }
        }
        Reuse { previous, fingerprints, to_new, fresh }
    }

    /// The gazetteer's [`fingerprints`].
    pub fn fingerprints(&self) -> &[u64] {
        &self.fingerprints
    }

    /// Entities whose keys come from the previous index.
    pub fn reused(&self) -> usize {
        self.to_new.iter().filter(|&&n| n != u32::MAX).count()
    }
}

/// A fingerprint per entity of everything [`expand_entity`] reads: the
/// entity's row and its aliases, in order, with their rules (not their
/// file positions or extra columns), the engine version and the digest of
/// the engine's derivation sources ([`crate::derivation`]). Equal
/// fingerprints derive equal keys. Each field is written out explicitly
/// (length-prefixed text, enums by name), the same on every platform.
pub fn fingerprints(gazetteer: &Gazetteer) -> Vec<u64> {
    let engine = format!("{} {:016x}", super::format::ENGINE_VERSION, crate::derivation::digest());
    (0..gazetteer.entities().len())
        .into_par_iter()
        // The rules' names are written out once per distinct combination (a
        // few dozen at most; formatting them for each of millions of
        // aliases took seconds).
        .map_init(FxHashMap::default, |names, index| {
            let entity = &gazetteer.entities()[index];
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            let mut put = |field: &str| {
                h.update(&(field.len() as u64).to_le_bytes());
                h.update(field.as_bytes());
            };
            put(&engine);
            put(&entity.id);
            put(&entity.kind);
            put(&entity.name_en);
            put(&entity.name_ru);
            put(&format!("{:?}", entity.gender));
            for a in gazetteer.aliases_of(index) {
                put(&a.text);
                let rules = (a.lang, a.case, a.inflect, a.translit, a.fuzzy, a.context_only, a.origin);
                put(names.entry(rules).or_insert_with(|| format!("{rules:?}")));
            }
            h.digest()
        })
        .collect()
}

/// A sorted source of entries for [`merge`].
enum Run<'a> {
    /// Spilled to a temporary file.
    File(FileRun),
    /// Sorted keys in memory, from the entry at the index on.
    Memory(Keys, usize),
    /// The keys of unchanged entities in a previous index.
    Previous(PreviousRun<'a>),
}

impl Run<'_> {
    /// The next entry, its key read into `key` (reused); `None` at the end.
    fn next(&mut self, run: usize, mut key: Vec<u8>) -> Result<Option<Head>> {
        let payload = match self {
            Run::File(file) => return file.next(run, key),
            Run::Memory(keys, at) => {
                let Some((bytes, payload)) = keys.get(*at) else { return Ok(None) };
                *at += 1;
                key.clear();
                key.extend_from_slice(bytes);
                payload
            }
            Run::Previous(previous) => match previous.next(&mut key)? {
                Some(payload) => payload,
                None => return Ok(None),
            },
        };
        Ok(Some(Head { key, rank: rank(&payload), run, packed: payload.pack() }))
    }
}

/// Sorted entries in a temporary file: per entry the key's length (u32
/// LE), the key, the packed payload (u64 LE).
struct FileRun {
    reader: BufReader<File>,
}

/// The next entry of a run, ordered as the in-memory sort orders them.
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct Head {
    key: Vec<u8>,
    rank: (u32, bool, MatchKind, u16, u8, u8),
    run: usize,
    packed: u64,
}

fn spill_error(e: std::io::Error) -> Error {
    Error::io(&std::env::temp_dir(), e)
}

impl FileRun {
    /// Writes `keys`, sorted, to a temporary file. Sorted entries lie all
    /// over memory: each thread writes its stretch of them into a buffer
    /// (waiting on their memory together), and the buffers are written in
    /// turn.
    fn spill(keys: &Keys) -> Result<FileRun> {
        const STRETCH: usize = 1 << 16;
        let mut file = tempfile::tempfile().map_err(spill_error)?;
        let stretches: Vec<usize> = (0..keys.entries.len()).step_by(STRETCH).collect();
        let mut buffers = Vec::new();
        for window in stretches.chunks(rayon::current_num_threads() * 4) {
            window
                .par_iter()
                .map(|&start| {
                    let mut out = Vec::new();
                    for at in start..keys.entries.len().min(start + STRETCH) {
                        let (key, payload) = keys.get(at).expect("in range");
                        out.extend_from_slice(&(key.len() as u32).to_le_bytes());
                        out.extend_from_slice(key);
                        out.extend_from_slice(&payload.pack().to_le_bytes());
                    }
                    out
                })
                .collect_into_vec(&mut buffers);
            buffers.iter().try_for_each(|buffer| file.write_all(buffer)).map_err(spill_error)?;
        }
        file.seek(SeekFrom::Start(0)).map_err(spill_error)?;
        Ok(FileRun { reader: BufReader::new(file) })
    }

    /// Reads the next entry into `key` (reused); `None` at the end.
    fn next(&mut self, run: usize, mut key: Vec<u8>) -> Result<Option<Head>> {
        let mut len = [0u8; 4];
        match self.reader.read_exact(&mut len) {
            Err(e) if e.kind() == ErrorKind::UnexpectedEof => return Ok(None),
            other => other.map_err(spill_error)?,
        }
        key.resize(u32::from_le_bytes(len) as usize, 0);
        self.reader.read_exact(&mut key).map_err(spill_error)?;
        let mut packed = [0u8; 8];
        self.reader.read_exact(&mut packed).map_err(spill_error)?;
        let packed = u64::from_le_bytes(packed);
        let payload = Payload::unpack(packed).ok_or_else(|| Error::limit("corrupt temporary run file"))?;
        Ok(Some(Head { key, rank: rank(&payload), run, packed }))
    }
}

/// The keys of a previous index whose entities are reused, renumbered as
/// the gazetteer's, each key's payloads in [`rank`] order: what expanding
/// those entities again would leave after grouping.
struct PreviousRun<'a> {
    reuse: &'a Reuse<'a>,
    stream: fst::map::Stream<'a>,
    /// Alias count of each entity of the gazetteer, to check ordinals.
    alias_counts: Vec<u16>,
    numbering: &'a Numbering,
    key: Vec<u8>,
    /// The current key's payloads, last first.
    payloads: Vec<Payload>,
}

impl<'a> PreviousRun<'a> {
    fn new(reuse: &'a Reuse<'a>, gazetteer: &Gazetteer, numbering: &'a Numbering) -> PreviousRun<'a> {
        let alias_counts = (0..gazetteer.entities().len())
            .map(|i| u16::try_from(gazetteer.aliases_of(i).len()).unwrap_or(u16::MAX))
            .collect();
        let stream = reuse.previous.fst_map().stream();
        PreviousRun { reuse, stream, alias_counts, numbering, key: Vec::new(), payloads: Vec::new() }
    }

    /// The next payload, its key copied into `key`.
    fn next(&mut self, key: &mut Vec<u8>) -> Result<Option<Payload>> {
        use fst::Streamer;
        while self.payloads.is_empty() {
            let Some((k, value)) = self.stream.next() else { return Ok(None) };
            for mut p in self.reuse.previous.payloads(value) {
                let Some(&entity) = self.reuse.to_new.get(p.entity as usize) else { continue };
                if entity == u32::MAX {
                    continue;
                }
                // Equal fingerprints mean equal aliases: only a damaged
                // file can name an alias the entity does not have (a
                // compact group names none, see `restore_detail`).
                if p.alias >= self.alias_counts[entity as usize] && p.derivation_stored() {
                    return Err(Error::index(None, "previous index: a key names a missing alias"));
                }
                p.entity = self.numbering.number(entity as usize);
                self.payloads.push(p);
            }
            self.payloads.sort_unstable_by_key(|p| Reverse(rank(p)));
            self.key.clear();
            self.key.extend_from_slice(k);
        }
        key.clear();
        key.extend_from_slice(&self.key);
        Ok(self.payloads.pop())
    }
}

/// Keys in order, each with its items (payloads, or an fst value), on
/// their way to another thread: the keys' bytes end to end, the items end
/// to end, and where each key's end.
pub(super) struct Batch<T> {
    keys: Vec<u8>,
    items: Vec<T>,
    ends: Vec<(usize, usize)>,
}

impl<T> Default for Batch<T> {
    fn default() -> Self {
        Batch { keys: Vec::new(), items: Vec::new(), ends: Vec::new() }
    }
}

impl<T: Copy> Batch<T> {
    /// Keys per batch.
    pub(super) const KEYS: usize = 4096;

    /// Adds `key` with its items; true when the batch is full.
    pub(super) fn push(&mut self, key: &[u8], items: &[T]) -> bool {
        self.keys.extend_from_slice(key);
        self.items.extend_from_slice(items);
        self.ends.push((self.keys.len(), self.items.len()));
        self.ends.len() >= Self::KEYS
    }

    /// Whether no key was added.
    pub(super) fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Bytes the batch holds.
    pub(super) fn bytes(&self) -> usize {
        self.keys.capacity()
            + self.items.capacity() * std::mem::size_of::<T>()
            + self.ends.capacity() * std::mem::size_of::<(usize, usize)>()
    }

    /// Each key with its items, in order.
    pub(super) fn groups(&self) -> impl Iterator<Item = (&[u8], &[T])> {
        let starts = std::iter::once((0, 0)).chain(self.ends.iter().copied());
        starts.zip(&self.ends).map(|((k, i), &(k_end, i_end))| (&self.keys[k..k_end], &self.items[i..i_end]))
    }
}

/// [`merge_into`] on a thread of its own, while this one calls `f` with
/// the groups (building the index from them): the two take about as long
/// with a large gazetteer.
fn merge(runs: Vec<Run<'_>>, grouper: Grouper, f: &mut GroupFn<'_>) -> Result<()> {
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Batch<Payload>>(4);
        let merging = std::thread::Builder::new().spawn_scoped(scope, move || {
            let mut batch = Batch::default();
            let mut add = |key: &[u8], payloads: &[Payload]| {
                match !batch.push(key, payloads) || tx.send(std::mem::take(&mut batch)).is_ok() {
                    true => Ok(()),
                    // The other end is gone only after an error of its
                    // own, which is the one reported.
                    false => Err(Error::limit("merge stopped")),
                }
            };
            merge_into(runs, grouper, &mut add)?;
            let _ = tx.send(batch);
            Ok(())
        });
        let merging = merging.map_err(|e| Error::limit(format!("cannot start the merging thread: {e}")))?;
        let mut called = Ok(());
        for batch in rx {
            called = batch.groups().try_for_each(|(key, payloads)| f(key, payloads));
            if called.is_err() {
                break; // dropping the receiver ends the merge
            }
        }
        let merged = merging.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        called.and(merged)
    })
}

/// Merges sorted runs into groups.
fn merge_into(mut runs: Vec<Run<'_>>, mut grouper: Grouper, f: &mut GroupFn<'_>) -> Result<()> {
    let mut heap = BinaryHeap::with_capacity(runs.len());
    for (i, run) in runs.iter_mut().enumerate() {
        if let Some(head) = run.next(i, Vec::new())? {
            heap.push(Reverse(head));
        }
    }
    while let Some(Reverse(head)) = heap.pop() {
        let payload =
            Payload::unpack(head.packed).ok_or_else(|| Error::limit("corrupt temporary run file"))?;
        grouper.push(&head.key, payload, f)?;
        if let Some(next) = runs[head.run].next(head.run, head.key)? {
            heap.push(Reverse(next));
        }
    }
    grouper.finish(f)
}

/// The first 8 bytes of `key`, big-endian, zero-padded.
#[inline]
fn head(key: &[u8]) -> u64 {
    match key.first_chunk::<8>() {
        Some(first) => u64::from_be_bytes(*first),
        None => key.iter().enumerate().fold(0, |n, (i, &b)| n | u64::from(b) << (56 - 8 * i)),
    }
}

/// Sort order within a key: by entity, then the best derivation first
/// (not context-only before context-only, then exact before derived); the
/// form last, after the flags, as the index does not store it (payloads
/// read back from a previous index have none, and must keep their order);
/// A total order (the parallel sort must not leave ties to chance, or index
/// bytes would differ between builds).
fn rank(p: &Payload) -> (u32, bool, MatchKind, u16, u8, u8) {
    (p.entity, p.context_only(), p.kind, p.alias, p.flags, p.form)
}

/// Every key of every alias of `entities`.
/// Entities in parallel (on the caller's Rayon pool), each chunk into its
/// own buffer, in order: appended once, to the pending run, rather than
/// pairwise up a reduction tree (which copied every key at each level).
fn expand(gazetteer: &Gazetteer, numbering: &Numbering, entities: &[usize]) -> Vec<Keys> {
    entities
        .par_chunks(256)
        .map(|chunk| {
            MEMO.with_borrow_mut(|memo| {
                // Sized as this thread's last chunk, and a quarter more:
                // grown from nothing, each chunk's buffers were copied
                // over and over.
                let (bytes, entries) = memo.last_chunk;
                let mut keys = Keys {
                    buf: Vec::with_capacity(bytes + bytes / 4),
                    entries: Vec::with_capacity(entries + entries / 4),
                    ..Keys::default()
                };
                for &index in chunk {
                    let (entries, bytes) = (keys.entries.len(), keys.buf.len());
                    expand_entity(gazetteer, index, numbering.number(index), &mut keys, memo);
                    keys.dedup_from(entries, bytes);
                }
                memo.bound();
                memo.last_chunk = (keys.buf.len(), keys.entries.len());
                keys
            })
        })
        .collect()
}

/// Every key of every alias of entity `index`, numbered `number`.
fn expand_entity(gazetteer: &Gazetteer, index: usize, number: u32, keys: &mut Keys, memo: &mut Memo) {
    let entity = &gazetteer.entities()[index];
    {
        // Russian spellings are guessed from Latin ones only for entities
        // the gazetteer gives no Cyrillic name at all.
        let cyrillize = !gazetteer.aliases_of(index).iter().any(|a| a.lang == Lang::Ru);
        // Name parts already derived, each with what its keys depend on
        // besides the alias's ordinal (see `PartSource`).
        let mut parts_done: Vec<(String, PartSource)> = Vec::new();
        for (ordinal, alias) in gazetteer.aliases_of(index).iter().enumerate() {
            let gender = match alias.inflect {
                InflectRule::Gender(g) => Some(g),
                _ => entity.gender.or_else(|| inflect::infer_gender(&alias.text)),
            };
            let source = Source { entity, alias, cyrillize, gender };
            let payload = Payload {
                entity: number,
                kind: MatchKind::Exact,
                alias: ordinal as u16,
                form: 0,
                flags: Payload::flags(case_rule(alias), alias.context_only, alias.fuzzy),
            };
            derive(keys, memo, &source, &alias.text, payload);
            if entity.kind == "PER" {
                western_full_names(keys, memo, entity, alias, payload);
            }
            if entity.kind == "PER" && !alias.context_only {
                let partial = Payload { flags: payload.flags | CONTEXT_ONLY, ..payload };
                let part_source = PartSource::of(&source, partial.flags);
                for part in name_parts(&alias.text) {
                    // `Савелий` of `Савелий Носков` and of `Савелий Романович
                    // Носков`: the second alias's keys would all be dropped
                    // for the first's (same slot, later in rank).
                    let done =
                        |(text, source): &(String, PartSource)| *text == part && Some(*source) == part_source;
                    if parts_done.iter().any(done) {
                        continue;
                    }
                    derive(keys, memo, &source, &part, partial);
                    if let Some(part_source) = part_source {
                        parts_done.push((part, part_source));
                    }
                }
            }
        }
    }
}

/// What the keys of a name part depend on, but for the alias's ordinal and
/// the entity (see [`derive`], [`Source::push`]): two aliases of an entity
/// alike in these derive a part's keys alike, and those of the later alias
/// (later in [`rank`]) are dropped by [`same_slot`]. `None` for an alias
/// whose keys are `exact` (`same_slot` keeps each alias's).
#[derive(Clone, Copy, PartialEq)]
struct PartSource {
    lang: Lang,
    case: CaseRule,
    inflect: InflectRule,
    translit: bool,
    fuzzy: bool,
    capitalized: bool,
    gender: Option<Gender>,
    flags: u8,
}

impl PartSource {
    fn of(source: &Source, flags: u8) -> Option<PartSource> {
        let alias = source.alias;
        (case_rule(alias) != CaseRule::Exact && !alias.context_only).then(|| PartSource {
            lang: alias.lang,
            case: alias.case,
            inflect: alias.inflect,
            translit: alias.translit,
            fuzzy: alias.fuzzy,
            capitalized: alias.text.chars().any(is_uppercase),
            gender: source.gender,
            flags,
        })
    }
}

/// What a written form derives from: its entity and alias, whether Russian
/// spellings may be guessed, and the gender of the whole name.
struct Source<'a> {
    entity: &'a Entity,
    alias: &'a Alias,
    cyrillize: bool,
    gender: Option<Gender>,
}

impl Source<'_> {
    /// Adds a key in the alias's script, deciding the `auto` case rule for
    /// a capitalized alias: a person's name, and any key made of common
    /// words (`Путина` / `путина`, `Белый дом` / `белый дом`), must be
    /// capitalized in the text too; other keys match in any case (`#россии`,
    /// `ИСЛАМСКОГО ЭМИРАТА`). Keys made of common words are marked, for
    /// hashtags (see [`crate::resolve`]).
    fn push(&self, keys: &mut Keys, key: &str, mut payload: Payload) {
        let alias = self.alias;
        let common = lexicon::is_common_phrase(key);
        if alias.case == CaseRule::Auto
            && alias.text.chars().any(is_uppercase)
            && (common || self.entity.kind == "PER")
        {
            payload.flags = Payload::flags(CaseRule::Title, payload.context_only(), alias.fuzzy);
        }
        if common {
            payload.flags |= COMMON;
        }
        if payload.kind == MatchKind::Exact && crate::normalize::is_title_form(&alias.text, key) {
            payload.flags |= TITLE_FORM;
        }
        keys.push(key, payload);
    }
}

/// The keys of one written form (`text`: the alias or a part of it) and of
/// every form derived from it under the alias's rules.
fn derive(keys: &mut Keys, memo: &mut Memo, source: &Source, text: &str, payload: Payload) {
    let alias = source.alias;
    for key in surface_keys(text) {
        source.push(keys, &key, payload);
    }
    if alias.lang == Lang::Ru {
        inflections(keys, memo, source, text, Payload { kind: MatchKind::Inflection, ..payload });
    }
    let letters = || text.chars().filter(|&c| is_letter(c));
    let acronym = letters().all(is_uppercase) && letters().count() > 1;
    if !alias.translit || acronym {
        return; // `ANI` is not a romanized name: its fold (`ani`) would meet `any`.
    }
    // A name in running text is capitalized; derived spellings of a
    // capitalized alias demand it, so that folds do not meet common words.
    let mut translit = Payload { kind: MatchKind::Transliteration, ..payload };
    if letters().any(is_uppercase) && alias.case == CaseRule::Auto {
        translit.flags =
            Payload::flags(CaseRule::Title, alias.context_only || payload.context_only(), alias.fuzzy);
    }
    match alias.lang {
        Lang::Ru => {
            // Every romanization, under the fold key where its variants meet.
            // ~40 spellings meet under ~3 fold keys: keep the first scheme
            // of each before they reach the global sort.
            for (key, form) in memo.romanized(text).iter() {
                keys.push(key, Payload { form: *form, ..translit });
            }
            // `Eugene Kaspersky`: a conventional first name, romanized surname.
            if let Some((first, rest)) = text.split_once(' ') {
                for western in translit::first_name_equivalents(first) {
                    for key in memo.romanized_after(western, rest) {
                        keys.push(&key, translit);
                    }
                }
            }
        }
        Lang::En => {
            // Other romanizations of the same name meet under its fold key.
            keys.push(&Tokens::new(text).joined_fold_key(), translit);
            if source.cyrillize {
                for cyrillic in translit::cyrillize(text).iter().take(CYRILLIC_SPELLINGS) {
                    for key in surface_keys(cyrillic) {
                        source.push(keys, &key, translit);
                    }
                    inflections(keys, memo, source, cyrillic, translit);
                }
            }
        }
        Lang::Other => {}
    }
}

/// The Russian case forms of `text` (other than itself), each with its
/// case and number in the payload's `form`.
fn inflections(keys: &mut Keys, memo: &mut Memo, source: &Source, text: &str, payload: Payload) {
    let alias = source.alias;
    if alias.inflect == InflectRule::No {
        return;
    }
    let hints = Hints {
        kind: Some(NameKind::of_type(source.entity.kind.as_str())),
        gender: source.gender,
        plural: alias.inflect == InflectRule::Plural,
        indeclinable: false,
    };
    for (key, case_code) in memo.declined(text, &hints).iter() {
        // A transliterated name's forms keep the scheme detail empty.
        let code = if payload.kind == MatchKind::Inflection { *case_code } else { 0 };
        source.push(keys, key, Payload { form: code, ..payload });
    }
}

/// The payload `form` of a case form: 1 + 2 × case + number.
fn case_code(case: Case, number: Number) -> u8 {
    let case = Case::ALL.iter().position(|c| *c == case).unwrap_or(0) as u8;
    1 + 2 * case + u8::from(number == Number::Plur)
}

/// The case form a payload's `form` stands for ("genitive singular").
pub fn case_name(form: u8) -> String {
    const CASES: [&str; 6] =
        ["nominative", "genitive", "dative", "accusative", "instrumental", "prepositional"];
    let index = usize::from(form.saturating_sub(1));
    let number = if index % 2 == 1 { "plural" } else { "singular" };
    CASES.get(index / 2).map_or(String::new(), |c| format!("{c} {number}"))
}

/// `Sergei Rachmaninoff`: the romanized Russian first name with a surname
/// spelled the conventional way, when `alias` is a one-word Latin alias (a
/// surname) of a person whose Russian name has a first name.
fn western_full_names(keys: &mut Keys, memo: &mut Memo, entity: &Entity, alias: &Alias, payload: Payload) {
    let Some((first, _)) = entity.name_ru.split_once(' ') else {
        return;
    };
    if alias.lang != Lang::En || !alias.translit || alias.context_only || alias.text.contains(' ') {
        return;
    }
    let flags = Payload::flags(CaseRule::Title, false, alias.fuzzy);
    let translit = Payload { kind: MatchKind::Transliteration, flags, ..payload };
    for key in memo.romanized_before(first, &alias.text) {
        keys.push(&key, translit);
    }
    for western in translit::first_name_equivalents(first) {
        keys.push(&fold_key(&format!("{western} {}", alias.text)), translit);
    }
}

thread_local! {
    /// Each worker thread's [`Memo`], kept across chunks and builds (its
    /// entries depend only on the engine's rules, never on a gazetteer).
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
}

/// Fold keys of a text's derived forms, each with its payload code.
type FormKeys = Rc<[(String, u8)]>;

/// A written form and the hints its case forms depend on.
type DeclineKey = (String, Option<NameKind>, Option<Gender>, bool);

/// Derivations that many aliases share, computed once per worker: the
/// romanization grid of each word (first names, patronymics and common
/// surnames recur across thousands of entities) and the case forms of each
/// written form. Cleared when it grows past [`Memo::MAX`] entries.
#[derive(Default)]
struct Memo {
    /// Word → fold key (without [`FOLD_PREFIX`]) of each position of its
    /// [`translit::romanization_grid`].
    grids: FxHashMap<String, Rc<Grid>>,
    /// Text → [`Memo::romanized`], for words and for phrases apart (see
    /// [`phrase`]).
    romanized: [FxHashMap<String, FormKeys>; 2],
    /// (text, kind, gender, plural) → (key, case code) of its case forms
    /// other than itself, for words and for phrases apart.
    declined: [FxHashMap<DeclineKey, FormKeys>; 2],
    /// Word → its key (see [`Memo::surface_keys`]).
    word_keys: FxHashMap<Box<str>, Box<str>>,
    /// Bytes and entries of the keys of the last chunk of entities this
    /// thread expanded.
    last_chunk: (usize, usize),
}

impl Memo {
    const MAX: usize = 100_000;

    fn bound(&mut self) {
        if self.grids.len() > Self::MAX {
            self.grids.clear();
        }
        for memo in &mut self.romanized {
            if memo.len() > Self::MAX {
                memo.clear();
            }
        }
        for memo in &mut self.declined {
            if memo.len() > Self::MAX {
                memo.clear();
            }
        }
        if self.word_keys.len() > Self::MAX {
            self.word_keys.clear();
        }
    }

    /// Each distinct fold key of `text`'s romanizations with the code of
    /// the first scheme that gives it, in key order (as
    /// [`romanized_keys`], composed from cached words where that is exact).
    fn romanized(&mut self, text: &str) -> FormKeys {
        let map = phrase(text);
        if let Some(keys) = self.romanized[map].get(text) {
            return keys.clone();
        }
        let keys: FormKeys = self.compose(text).into();
        self.romanized[map].insert(text.to_string(), keys.clone());
        keys
    }

    fn compose(&mut self, text: &str) -> Vec<(String, u8)> {
        if !composable(text) {
            return romanized_keys(text);
        }
        let words: Vec<Rc<Grid>> = text.split(' ').map(|w| self.grid(w)).collect();
        // Only the first half (the text as written) unless a word has ё.
        let positions = words[0].at.len();
        let used = if text.contains(['ё', 'Ё']) { positions } else { positions / 2 };
        // Distinct combinations of the words' folds, first position first,
        // end to end (`words.len()` bytes each), with their scheme codes.
        let n = words.len();
        let (mut combos, mut codes): (Vec<u8>, Vec<u8>) = (Vec::with_capacity(n * used), Vec::new());
        let mut combo = Vec::with_capacity(n);
        // Each combination also as one integer, compared first: its bytes
        // (exact up to 8 words), or a hash of them.
        let exact = n <= 8;
        let id = |combo: &[u8]| match exact {
            true => combo.iter().fold(0u64, |id, &at| id << 8 | u64::from(at)),
            false => xxhash_rust::xxh3::xxh3_64(combo),
        };
        let mut ids = Vec::with_capacity(used);
        for p in 0..used {
            combo.clear();
            combo.extend(words.iter().map(|w| w.at[p]));
            let new = id(&combo);
            let seen =
                ids.iter().zip(combos.chunks_exact(n)).any(|(&id, c)| id == new && (exact || c == combo));
            if !seen {
                ids.push(new);
                combos.extend_from_slice(&combo);
                codes.push(words[0].code[p]);
            }
        }
        let mut folded = Vec::with_capacity(codes.len());
        for (combo, &code) in combos.chunks_exact(n).zip(&codes) {
            let len: usize =
                words.iter().zip(combo).map(|(word, &at)| word.folds[usize::from(at)].len() + 1).sum();
            let mut key = String::with_capacity(len);
            key.push(FOLD_PREFIX);
            for (i, (word, &at)) in words.iter().zip(combo).enumerate() {
                let fold = &word.folds[usize::from(at)];
                if fold.is_empty() {
                    return romanized_keys(text); // a word with no letters left: spell it whole
                }
                if i > 0 {
                    key.push(' ');
                }
                key.push_str(fold);
            }
            folded.push((key, code));
        }
        first_per_key(folded)
    }

    /// The fold keys of `latin` followed by each romanization of `cyrillic`.
    fn romanized_after(&mut self, latin: &str, cyrillic: &str) -> Vec<String> {
        self.romanized_beside(cyrillic, latin, true)
    }

    /// The fold keys of each romanization of `cyrillic` followed by `latin`.
    fn romanized_before(&mut self, cyrillic: &str, latin: &str) -> Vec<String> {
        self.romanized_beside(cyrillic, latin, false)
    }

    /// The fold keys of each romanization of `cyrillic` written with
    /// `latin`, before it when `latin_first`, after it otherwise.
    fn romanized_beside(&mut self, cyrillic: &str, latin: &str, latin_first: bool) -> Vec<String> {
        // The romanization and the Latin text, in writing order.
        fn order<'a>(latin_first: bool, r: &'a str, l: &'a str) -> [&'a str; 2] {
            if latin_first {
                [l, r]
            } else {
                [r, l]
            }
        }
        if !composable(cyrillic) {
            let spellings = translit::romanizations(cyrillic).into_iter();
            return spellings.map(|(_, r)| fold_key(&order(latin_first, &r, latin).join(" "))).collect();
        }
        let latin = fold_key(latin);
        let romanized = self.romanized(cyrillic);
        romanized.iter().map(|(key, _)| join_folds(order(latin_first, key, &latin))).collect()
    }

    fn grid(&mut self, word: &str) -> Rc<Grid> {
        if let Some(grid) = self.grids.get(word) {
            return grid.clone();
        }
        let spellings = translit::romanization_grid(word);
        let mut grid =
            Grid { folds: Vec::new(), at: vec![0; spellings.len()], code: vec![0; spellings.len()] };
        let mut last: Option<(&str, u8)> = None;
        for (p, (scheme, latin)) in spellings.iter().enumerate() {
            grid.code[p] = scheme_code(*scheme);
            // Spellings repeat (a bare form equal to the spelled one, the
            // second half without ё): fold each distinct one once.
            let at = match last {
                Some((prev, at)) if prev == latin => at,
                _ => match spellings[..p].iter().position(|(_, s)| s == latin) {
                    Some(q) => grid.at[q],
                    None => {
                        grid.folds.push(fold_key(latin)[FOLD_PREFIX.len_utf8()..].to_string());
                        (grid.folds.len() - 1) as u8
                    }
                },
            };
            grid.at[p] = at;
            last = Some((latin, at));
        }
        let grid = Rc::new(grid);
        self.grids.insert(word.to_string(), grid.clone());
        grid
    }

    /// [`surface_keys`] of `text`, from its words' keys (each tokenized
    /// once per thread) where that is exact: words of letters only,
    /// separated by single spaces, whose key is their keys joined by
    /// spaces (the case forms of full names: `Савелием Романовичем
    /// Носковым`).
    fn surface_keys(&mut self, text: &str) -> Vec<String> {
        if !composable(text) || text.contains('-') {
            return surface_keys(text);
        }
        let mut key = String::with_capacity(text.len());
        for word in text.split(' ') {
            let word_key = match self.word_keys.get(word) {
                Some(k) => k,
                None => {
                    let k = surface_keys(word).into_iter().next().unwrap_or_default();
                    self.word_keys.entry(word.into()).or_insert(k.into())
                }
            };
            if word_key.is_empty() {
                return surface_keys(text);
            }
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(word_key);
        }
        vec![key]
    }

    /// The keys of `text`'s case forms other than itself, with their case codes.
    fn declined(&mut self, text: &str, hints: &Hints) -> FormKeys {
        let map = phrase(text);
        let memo_key = (text.to_string(), hints.kind, hints.gender, hints.plural);
        if let Some(keys) = self.declined[map].get(&memo_key) {
            return keys.clone();
        }
        let mut keys = Vec::new();
        for form in inflect::decline(text, hints) {
            if form.text != text {
                let code = case_code(form.case, form.number);
                keys.extend(self.surface_keys(&form.text).into_iter().map(|key| (key, code)));
            }
        }
        let keys: FormKeys = keys.into();
        self.declined[map].insert(memo_key, keys.clone());
        keys
    }
}

/// Which of a [`Memo`]'s maps keeps `text`: 0 for a word, 1 for a phrase.
/// At a million entities, four in five phrases (full names) are seen once
/// and words (first names, surnames) again and again: in one map, the
/// phrases filled it and every clear pushed the words out with them.
fn phrase(text: &str) -> usize {
    usize::from(text.contains(' '))
}

/// A word's romanization grid as fold keys: each position's scheme code
/// and the index of its fold among the word's distinct folds.
struct Grid {
    folds: Vec<String>,
    at: Vec<u8>,
    code: Vec<u8>,
}

/// Whether a phrase's romanization fold keys are its words' joined by
/// spaces: words of letters (that the tokenizer reads as such) and inner
/// hyphens, separated by single spaces,
/// none ending in ъ (romanized `"`, which a following space would keep in
/// the key but the end of a text drops).
fn composable(text: &str) -> bool {
    // Most texts are ASCII and basic Cyrillic (U+0400–U+045F, all letters
    // the tokenizer reads as such), spaces and hyphens: told from bytes.
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += match b {
            b'a'..=b'z' | b'A'..=b'Z' | b' ' | b'-' => 1,
            0xD0 => 2,
            0xD1 if bytes.get(i + 1).is_some_and(|&next| next < 0xA0) => 2,
            _ => return composable_chars(text),
        };
    }
    let hard_sign = |w: &[u8]| w.ends_with("ъ".as_bytes()) || w.ends_with("Ъ".as_bytes());
    !bytes.is_empty()
        && bytes.split(|&b| b == b' ').all(|word| {
            !word.is_empty()
                && !word.starts_with(b"-")
                && !word.ends_with(b"-")
                && !hard_sign(word)
                && !word.windows(2).any(|pair| pair == b"--")
        })
}

/// [`composable`], character by character.
fn composable_chars(text: &str) -> bool {
    !text.is_empty()
        && text.split(' ').all(|word| {
            !word.is_empty()
                && !word.starts_with('-')
                && !word.ends_with(['-', 'ъ', 'Ъ'])
                && !word.contains("--")
                && word.chars().all(|c| {
                    // Not `ʼ`: a letter, but read as an apostrophe.
                    c == '-' || (crate::tokenize::is_letter(c) && crate::tokenize::is_word_char(c))
                })
        })
}

/// [`Memo::romanized`] without the cache: every romanization of `text`
/// through the tokenizer.
fn romanized_keys(text: &str) -> Vec<(String, u8)> {
    let folded = translit::romanizations(text)
        .into_iter()
        .map(|(scheme, latin)| (fold_key(&latin), scheme_code(scheme)))
        .collect();
    first_per_key(folded)
}

/// Sorted by key, keeping the first code of each.
fn first_per_key(mut folded: Vec<(String, u8)>) -> Vec<(String, u8)> {
    folded.sort_by(|a, b| a.0.cmp(&b.0)); // stable: the first scheme stays first
    folded.dedup_by(|a, b| a.0 == b.0);
    folded
}

/// The fold key of a Latin spelling (behind [`FOLD_PREFIX`]).
fn fold_key(latin: &str) -> String {
    Tokens::new(latin).joined_fold_key()
}

/// The fold key of two Latin spellings written one after the other, from
/// their fold keys.
fn join_folds([first, second]: [&str; 2]) -> String {
    let tail = second.strip_prefix(FOLD_PREFIX).unwrap_or(second);
    format!("{first} {tail}")
}

/// How many of `cyrillize`'s candidates (most likely first) become keys.
const CYRILLIC_SPELLINGS: usize = 3;

/// The payload `form` of a transliteration: 1 + the scheme's place in
/// [`translit::Scheme::ALL`].
fn scheme_code(scheme: translit::Scheme) -> u8 {
    translit::Scheme::ALL.iter().position(|s| *s == scheme).map_or(0, |i| i as u8 + 1)
}

/// The scheme of a transliteration payload's `form`.
pub fn scheme_name(form: u8) -> &'static str {
    let scheme = translit::Scheme::ALL.get(usize::from(form).wrapping_sub(1));
    scheme.map_or("", |s| s.name())
}

/// The code of the first scheme whose romanization of `text`, or of one of
/// its name parts, has the fold key `key`: the `form` a transliteration
/// payload had when it was derived, which the index does not store (for
/// `lookup`). `None` for a key no scheme gives (a conventional first
/// name, `Eugene Kaspersky`).
pub fn romanization_scheme(text: &str, key: &str) -> Option<u8> {
    let mut texts = std::iter::once(text.to_string()).chain(name_parts(text));
    texts.find_map(|t| romanized_keys(&t).into_iter().find(|(k, _)| k == key).map(|(_, code)| code))
}

/// The partial names of a person's full name that a text may use once the
/// full name has appeared: the first name, the surname, and the first name
/// with the patronymic (`Дмитрий`, `Песков`, `Дмитрий Сергеевич` of
/// `Дмитрий Сергеевич Песков`). Empty for one-word names.
pub fn name_parts(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let [first, .., last] = words.as_slice() else {
        return Vec::new();
    };
    let mut parts = vec![first.to_string(), last.to_string()];
    if let [_, middle, _] = words.as_slice() {
        if is_patronymic(middle) {
            parts.push(format!("{first} {middle}"));
        }
    }
    parts
}

fn is_patronymic(word: &str) -> bool {
    let lower = crate::tokenize::to_lowercase(word);
    ["вич", "вна", "чна", "шна", "ич", "vich", "vna", "ich"].iter().any(|end| lower.ends_with(end))
}

/// The case rule a payload gets: the alias's own, with `Auto` decided here.
fn case_rule(alias: &Alias) -> CaseRule {
    match alias.case {
        CaseRule::Auto => CaseRule::Any,
        rule => rule,
    }
}

/// The keys one written form stands for: its normalized token sequence,
/// and the variants writers use interchangeably: without a final dot
/// (`U.S.` / `U.S`), and with spaces for hyphens (`Нур-Султан` / `Нур Султан`).
pub fn surface_keys(text: &str) -> Vec<String> {
    thread_local! {
        /// Token buffers reused from one written form to the next.
        static TOKENS: std::cell::RefCell<Tokens> = std::cell::RefCell::new(Tokens::default());
    }
    let key = TOKENS.with_borrow_mut(|tokens| {
        tokens.reset(text);
        tokens.joined_key()
    });
    if key.is_empty() {
        return Vec::new();
    }
    let mut keys = vec![key.clone()];
    if let Some(stripped) = key.strip_suffix('.') {
        keys.push(stripped.to_string());
    }
    if key.contains('-') {
        keys.push(key.replace('-', " "));
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Dropping an entity's duplicate keys before the sort leaves the
    /// groups as the grouping alone makes them: entities of the default
    /// gazetteer, each after another entity's keys (so not at offset 0),
    /// grouped with and without `dedup_from`.
    #[test]
    fn an_entitys_duplicate_keys_dropped_early_leave_the_groups_alone() {
        let gazetteer = Gazetteer::embedded();
        let mut memo = Memo::default();
        let groups = |mut keys: Keys| {
            keys.sort();
            let mut out: Vec<(Vec<u8>, Vec<Payload>)> = Vec::new();
            let mut f = |k: &[u8], ps: &[Payload]| -> Result<()> {
                out.push((k.to_vec(), ps.to_vec()));
                Ok(())
            };
            let mut grouper = Grouper::default();
            for (k, p) in keys.iter() {
                grouper.push(k, p, &mut f).unwrap();
            }
            grouper.finish(&mut f).unwrap();
            out
        };
        let (mut kept, mut raw_count) = (0, 0);
        for index in (1..gazetteer.entities().len()).step_by(5) {
            let (mut raw, mut deduped) = (Keys::default(), Keys::default());
            for keys in [&mut raw, &mut deduped] {
                expand_entity(&gazetteer, index - 1, index as u32 - 1, keys, &mut memo);
            }
            let (entries, bytes) = (deduped.entries.len(), deduped.buf.len());
            expand_entity(&gazetteer, index, index as u32, &mut raw, &mut memo);
            expand_entity(&gazetteer, index, index as u32, &mut deduped, &mut memo);
            deduped.dedup_from(entries, bytes);
            (raw_count, kept) = (raw_count + raw.entries.len(), kept + deduped.entries.len());
            assert_eq!(groups(raw), groups(deduped), "entity {index}");
        }
        assert!(kept < raw_count, "nothing was dropped");
    }

    proptest::proptest! {
        /// The sort by 8-byte slots orders entries as comparing whole keys
        /// (then ranks) does: keys sharing long prefixes, ending at and
        /// past 8-byte steps, with NUL bytes (`ab` before `ab\0`), equal
        /// keys of several ranks; in one run and split across runs.
        #[test]
        fn keys_sort_as_whole_keys_compare(
            entries in proptest::collection::vec(
                ("(abcdefgh){0,3}[ab\u{0}]{0,10}", 0..3u32, 0..3u16, proptest::bool::ANY, 0..2u8),
                0..200,
            ),
        ) {
            let mut keys = Keys::default();
            for (key, entity, alias, inflected, flags) in &entries {
                let kind = if *inflected { MatchKind::Inflection } else { MatchKind::Exact };
                keys.push(key, Payload { entity: *entity, kind, alias: *alias, form: 0, flags: *flags });
            }
            let mut expected: Vec<(Vec<u8>, Payload)> = keys.iter().map(|(k, p)| (k.to_vec(), p)).collect();
            expected.sort_by(|a, b| a.0.cmp(&b.0).then(rank(&a.1).cmp(&rank(&b.1))));
            keys.sort();
            let sorted: Vec<(Vec<u8>, Payload)> = keys.iter().map(|(k, p)| (k.to_vec(), p)).collect();
            proptest::prop_assert_eq!(&sorted, &expected);
            // Sorted again after `clear`, with the scratch of the first sort.
            let mut slots = Vec::new();
            keys.clear();
            for (key, payload) in expected.iter().rev() {
                keys.push(std::str::from_utf8(key).unwrap(), *payload);
            }
            keys.sort_with(&mut slots);
            keys.sort_with(&mut slots); // sorting twice leaves it sorted
            let again: Vec<(Vec<u8>, Payload)> = keys.iter().map(|(k, p)| (k.to_vec(), p)).collect();
            proptest::prop_assert_eq!(&again, &expected);
        }
    }

    proptest::proptest! {
        /// Entities are numbered in the order of their names compared
        /// whole: names sharing 16 bytes and more, ending at and past the
        /// 16th byte, with NUL bytes (`ab` before `ab\0`), names alike.
        #[test]
        fn numbered_by_whole_names(names in proptest::collection::vec("(абвгдежз){0,3}[ab\u{0}я]{0,6}", 0..300)) {
            let mut expected: Vec<u32> = (0..names.len() as u32).collect();
            expected.sort_by(|&a, &b| names[a as usize].cmp(&names[b as usize]).then(a.cmp(&b)));
            proptest::prop_assert_eq!(by_name(&names), expected);
        }
    }

    proptest::proptest! {
        /// The bytes path of `composable` agrees with the characters one.
        #[test]
        fn composable_on_bytes_as_on_characters(text in "[aZ09 \\-ъЪёЁяѐђʼ'é.]{0,8}") {
            proptest::prop_assert_eq!(composable(&text), composable_chars(&text));
        }
    }

    #[test]
    fn name_parts_of_full_names() {
        assert_eq!(name_parts("Дмитрий Сергеевич Песков"), ["Дмитрий", "Песков", "Дмитрий Сергеевич"]);
        assert_eq!(name_parts("Sayed Javad Sajjadi"), ["Sayed", "Sajjadi"]);
        assert_eq!(name_parts("Dmitry Peskov"), ["Dmitry", "Peskov"]);
        assert!(name_parts("Putin").is_empty());
    }

    /// Keys composed from cached word keys equal tokenizing each text
    /// whole, for every alias of the default gazetteer and its case forms.
    #[test]
    fn composed_surface_keys_equal_whole_texts() {
        let gazetteer = Gazetteer::embedded();
        let mut memo = Memo::default();
        let mut texts: Vec<String> = Vec::new();
        for alias in gazetteer.aliases() {
            texts.push(alias.text.clone());
            let hints = Hints { kind: None, gender: None, plural: false, indeclinable: false };
            texts.extend(inflect::decline(&alias.text, &hints).into_iter().map(|f| f.text));
        }
        texts.extend(
            [
                "Пётр Алексеевич",
                "ЁЛКИН Пётр",
                "Tелеграм Канал",
                "İstanbul Şehir",
                "Straße Groß",
                "ǅemal Bijedić",
                "Иван ʼАли",
                "Xʺ Y",
                "Обʹект Два",
            ]
            .map(String::from),
        );
        let mut composed = 0;
        for text in &texts {
            composed += usize::from(composable(text) && !text.contains('-'));
            assert_eq!(memo.surface_keys(text), surface_keys(text), "{text}");
        }
        assert!(composed > texts.len() / 2, "most texts take the cached path: {composed} of {}", texts.len());
    }

    /// The cached, composed romanization keys equal spelling each phrase
    /// whole, for every Russian name and name part of the default
    /// gazetteer, and so do the `Eugene Kaspersky` and `Sergei
    /// Rachmaninoff` keys built from them.
    #[test]
    fn composed_romanizations_equal_whole_spellings() {
        let gazetteer = Gazetteer::embedded();
        let mut memo = Memo::default();
        let mut texts: Vec<String> = Vec::new();
        for alias in gazetteer.aliases().iter().filter(|a| a.lang == Lang::Ru) {
            texts.push(alias.text.clone());
            texts.extend(name_parts(&alias.text));
        }
        texts.extend(
            [
                "Пётр Алексеевич",
                "Ёлкин",
                "Соловьёв-Седой",
                "Льв",
                "Ъ",
                "Илья Ильич",
                "Сяо Юй",
                "Иван ʼАли",
                "Обʹект Два",
            ]
            .map(String::from),
        );
        let mut composed = 0;
        for text in &texts {
            composed += usize::from(composable(text));
            assert_eq!(memo.romanized(text).to_vec(), romanized_keys(text), "{text}");
            if let Some((first, rest)) = text.split_once(' ') {
                for western in translit::first_name_equivalents(first) {
                    let mut direct: Vec<String> = translit::romanizations(rest)
                        .into_iter()
                        .map(|(_, latin)| fold_key(&format!("{western} {latin}")))
                        .collect();
                    direct.sort();
                    direct.dedup();
                    let mut joined = memo.romanized_after(western, rest);
                    joined.sort();
                    joined.dedup();
                    assert_eq!(joined, direct, "{text}");
                }
            }
            for surname in ["Rachmaninoff", "O'Neill", "Jr."] {
                let first = text.split(' ').next().unwrap();
                let mut direct: Vec<String> = translit::romanizations(first)
                    .into_iter()
                    .map(|(_, latin)| fold_key(&format!("{latin} {surname}")))
                    .collect();
                direct.sort();
                direct.dedup();
                let mut joined = memo.romanized_before(first, surname);
                joined.sort();
                joined.dedup();
                assert_eq!(joined, direct, "{first} {surname}");
            }
        }
        assert!(
            composed > texts.len() * 9 / 10,
            "most names take the cached path: {composed} of {}",
            texts.len()
        );
    }

    #[test]
    fn keys_past_the_byte_limit_fail_the_build_instead_of_wrapping() {
        let p = Payload { entity: 0, kind: MatchKind::Exact, alias: 0, form: 0, flags: 0 };
        let mut keys = Keys::default();
        keys.push_within("abcd", p, 8);
        keys.push_within("efgh", p, 8);
        assert!(!keys.overflowed());
        keys.push_within("i", p, 8);
        assert!(keys.overflowed());
        let mut small = Keys::default();
        small.push_within("abcdef", p, 8);
        let mut other = Keys::default();
        other.push_within("ghi", p, 8);
        assert!(small.append_within(other, 8).overflowed());
    }

    #[test]
    fn surface_variants() {
        assert_eq!(surface_keys("U.S."), ["u.s.", "u.s"]);
        assert_eq!(surface_keys("Нур-Султан"), ["нур-султан", "нур султан"]);
        assert!(surface_keys("...").is_empty());
    }
}
