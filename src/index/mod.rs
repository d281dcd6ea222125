//! The compiled gazetteer: an `fst::Map` from normalized token sequences to
//! payloads, with the entity table, in one file that is memory-mapped.
//!
//! ```
//! # fn main() -> entnorm::Result<()> {
//! use entnorm::{Gazetteer, Index};
//!
//! let gazetteer = Gazetteer::from_sources([(
//!     "entities.csv",
//!     "id,type,name_en,name_ru\nnato,ORG,NATO,НАТО\n",
//! )])?;
//! let index = Index::build(&gazetteer)?;
//! let dir = tempfile::tempdir().unwrap();
//! let path = dir.path().join("default.idx");
//! index.save(&path)?;
//! let loaded = Index::open(&path)?;
//! assert_eq!(loaded.entity_count(), 1);
//! assert_eq!(loaded.get("нато").len(), 1);
//! # Ok(()) }
//! ```

mod expand;
pub mod format;
mod fst_check;
mod fst_parts;
mod payload;
pub mod starts;

pub(crate) use expand::romanization_scheme;
pub use expand::surface_keys;
pub(crate) use expand::Numbering;
use expand::Reuse;
pub use payload::{Payload, COMMON, CONTEXT_ONLY, FUZZY, TITLE_FORM};

use crate::error::{Error, Result};
use crate::gazetteer::{Gazetteer, Origin};
use crate::mention::MatchKind;
use format::{EntityRow, Header, StringsBuilder, Table};
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Who owns the bytes of an index. The index begins at an address that is
/// a multiple of [`ALIGN`] (a mapped file begins on a page).
enum Owner {
    /// The index is `bytes[start..]` (a [`Bytes`] range counts from the
    /// beginning of `bytes`).
    Vec {
        bytes: Vec<u8>,
        start: usize,
    },
    Mmap(memmap2::Mmap),
    Static(&'static [u8]),
}

/// Where an index's bytes begin: the format puts the start filter at a
/// multiple of 64 bytes from the beginning, so that each 64-byte block of
/// it is one cache line and a probe reads one line, not two.
const ALIGN: usize = 64;

impl Owner {
    /// A copy of `bytes` that begins at a multiple of [`ALIGN`].
    fn aligned(bytes: &[u8]) -> Owner {
        let (mut copy, start) = format::padded(bytes.len(), ALIGN);
        copy.extend_from_slice(bytes);
        Owner::Vec { bytes: copy, start }
    }
}

/// A cheap, shareable view of a range of an index's bytes.
#[derive(Clone)]
pub struct Bytes {
    owner: Arc<Owner>,
    range: Range<usize>,
}

impl AsRef<[u8]> for Bytes {
    fn as_ref(&self) -> &[u8] {
        let all: &[u8] = match &*self.owner {
            Owner::Vec { bytes, .. } => bytes,
            Owner::Mmap(m) => m,
            Owner::Static(s) => s,
        };
        // `range` was checked against the owner's length by `format::validate`.
        &all[self.range.clone()]
    }
}

/// A loaded index. Cloning is cheap (the bytes are shared); it is `Send + Sync`.
#[derive(Clone)]
pub struct Index {
    bytes: Bytes,
    fst: fst::Map<Bytes>,
    header: Header,
    /// See [`Index::id`].
    id: u64,
}

/// One entity as stored in an index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityRef<'a> {
    /// Canonical ID.
    pub id: &'a str,
    /// Type label.
    pub kind: &'a str,
    /// Canonical English name (may be empty).
    pub name_en: std::borrow::Cow<'a, str>,
    /// Canonical Russian name (may be empty).
    pub name_ru: std::borrow::Cow<'a, str>,
}

impl Index {
    /// Compiles a gazetteer.
    pub fn build(gazetteer: &Gazetteer) -> Result<Index> {
        Index::new(build_bytes(gazetteer, None, expand::RUN_BYTES)?, None)
    }

    /// Like [`Index::build`], sorting the derived keys in runs of about
    /// `run_bytes` bytes through temporary files (the result is the same
    /// for any run size; see `index::expand`). For tests and tuning.
    pub fn build_in_runs(gazetteer: &Gazetteer, run_bytes: usize) -> Result<Index> {
        Index::new(build_bytes(gazetteer, None, run_bytes)?, None)
    }

    /// Like [`Index::build`], after an edit: the keys of every entity whose
    /// rows are unchanged since `previous` was built (same ID, names,
    /// aliases and rules, in any order or file) are read back from it
    /// instead of derived again. The index is the same as a fresh build's.
    /// A `previous` index that does not [`verify`](Index::verify) or whose
    /// keys do not fit the gazetteer is not used.
    pub fn build_reusing(gazetteer: &Gazetteer, previous: &Index) -> Result<Index> {
        let bytes =
            with_reuse(gazetteer, Some(previous), |reuse| build_bytes(gazetteer, reuse, expand::RUN_BYTES));
        Index::new(bytes?, None)
    }

    /// Loads an index from bytes in memory (a whole index file). Bytes
    /// that do not begin at a multiple of 64 are copied to an address that
    /// does (see [`Index::from_static`]).
    pub fn from_vec(bytes: Vec<u8>) -> Result<Index> {
        match format::misalignment(bytes.as_ptr(), ALIGN) {
            0 => Index::new(Owner::Vec { bytes, start: 0 }, None),
            _ => Index::new(Owner::aligned(&bytes), None),
        }
    }

    /// Loads an index from static bytes (e.g. `include_bytes!`). Tagging
    /// reads the start filter in 64-byte blocks, one cache line each when
    /// the bytes begin at a multiple of 64; `include_bytes!` aligns nothing,
    /// so wrap its bytes in a `#[repr(align(64))]` struct, as the embedded
    /// default index does. Other bytes are copied to memory that is aligned.
    pub fn from_static(bytes: &'static [u8]) -> Result<Index> {
        match format::misalignment(bytes.as_ptr(), ALIGN) {
            0 => Index::new(Owner::Static(bytes), None),
            _ => Index::new(Owner::aligned(bytes), None),
        }
    }

    /// Opens an index file by memory map, checking it before use.
    pub fn open(path: impl AsRef<Path>) -> Result<Index> {
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        // SAFETY: the map is read-only and every offset in it is validated
        // before use. As with any memory map, a file truncated or rewritten in
        // place by another process while mapped is undefined behaviour; entnorm
        // itself never does that (`save` writes a new file and renames it).
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| Error::io(path, e))?;
        // Pages read from disk from now on (the checksum reads them all)
        // come in huge pages where the kernel can: tagging jumps around
        // the fst, and with 4 KB pages nearly every jump in a large index
        // also misses the TLB. Only advice: an error changes nothing.
        #[cfg(target_os = "linux")]
        let _ = map.advise(memmap2::Advice::HugePage);
        Index::new(Owner::Mmap(map), Some(path))
    }

    /// The checksum of a mapped file's body, read in chunks, each released
    /// once hashed: checking reads every page, tagging few (the nodes its
    /// walks visit, the filter bits it probes), so the process's resident
    /// memory stays what tagging uses, not the whole file. The pages stay
    /// in the page cache; reading one again is a minor fault.
    fn hash_mapped(map: &memmap2::Mmap, body: &[u8]) -> u64 {
        const CHUNK: usize = 16 << 20;
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let offset = map.len() - body.len();
        for (i, chunk) in body.chunks(CHUNK).enumerate() {
            hasher.update(chunk);
            #[cfg(unix)]
            // SAFETY: the map is a read-only shared mapping of a file: after
            // MADV_DONTNEED a read of a page brings back the file's bytes,
            // the same bytes (a file changed underneath is undefined
            // behaviour anyway, see `open`). Nothing is written through it.
            let _ = unsafe {
                map.unchecked_advise_range(
                    memmap2::UncheckedAdvice::DontNeed,
                    offset + i * CHUNK,
                    chunk.len(),
                )
            };
        }
        hasher.digest()
    }

    fn new(owner: Owner, path: Option<&Path>) -> Result<Index> {
        let owner = Arc::new(owner);
        let all = Bytes { range: 0..0, owner };
        // Where the index begins in the owner's bytes and where it ends.
        let (start, end) = match &*all.owner {
            Owner::Vec { bytes, start } => (*start, bytes.len()),
            Owner::Mmap(m) => (0, m.len()),
            Owner::Static(s) => (0, s.len()),
        };
        let bytes = Bytes { range: start..end, ..all };
        let header = match &*bytes.owner {
            Owner::Mmap(map) => {
                format::validate_hashing(bytes.as_ref(), |body| Index::hash_mapped(map, body))
            }
            _ => format::validate(bytes.as_ref()),
        }
        .map_err(|m| Error::index(path, m))?;
        let fst_range = header.fst.start + start..header.fst.end + start;
        let fst_bytes = Bytes { range: fst_range, owner: bytes.owner.clone() };
        fst_check::footer(fst_bytes.as_ref()).map_err(|m| Error::index(path, m))?;
        let fst = fst::Map::new(fst_bytes).map_err(|e| Error::index(path, format!("bad fst: {e}")))?;
        // Each index its own number, whatever its bytes.
        static IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let id = IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Ok(Index { bytes, fst, header, id })
    }

    /// Checks every node of the fst section, so that no lookup or walk can
    /// reach a byte that does not decode. Loading checks the header, the
    /// checksum, the tables and the fst's footer, which catches any
    /// accidental damage in constant time plus one hash; `verify` also
    /// rejects a deliberately crafted fst behind a recomputed checksum, in
    /// time linear in the fst's size (about 60 ms for a 16 MB index). Run it
    /// on an index file you did not build yourself.
    pub fn verify(&self) -> Result<()> {
        let bytes = self.fst.as_fst().as_bytes();
        let root = fst_check::footer(bytes).map_err(|m| Error::index(None, m))?;
        fst_check::nodes(bytes, root).map_err(|m| Error::index(None, m))
    }

    /// The whole index file.
    pub fn as_bytes(&self) -> &[u8] {
        self.bytes.as_ref()
    }

    /// Writes the index to `path` atomically: a temporary file in the same
    /// directory, synced, then renamed over `path`, so a failed write never
    /// leaves a half-written index or destroys the old one.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        write_atomically(path, |file| file.write_all(self.as_bytes()).map_err(|e| Error::io(path, e)))
    }

    /// Compiles `gazetteer` straight into the index file `path` (written
    /// atomically, like [`Index::save`]); [`Index::open`] loads it. The fst
    /// goes through an anonymous temporary file and the file image is never
    /// held in memory, so this needs far less memory than [`Index::build`]
    /// then [`Index::save`] for a large gazetteer; the bytes are the same.
    pub fn build_file(gazetteer: &Gazetteer, path: impl AsRef<Path>) -> Result<Built> {
        Index::build_file_reusing(gazetteer, path, None)
    }

    /// [`Index::build_file`] reusing the keys of unchanged entities from
    /// `previous`, as [`Index::build_reusing`] does; `Built::reused` says
    /// for how many entities.
    pub fn build_file_reusing(
        gazetteer: &Gazetteer,
        path: impl AsRef<Path>,
        previous: Option<&Index>,
    ) -> Result<Built> {
        let path = path.as_ref();
        with_reuse(gazetteer, previous, |reuse| write_index(gazetteer, path, reuse))
    }

    /// A fingerprint of what entity `i`'s keys derive from (see
    /// [`Index::build_reusing`]); 0 if out of range.
    pub fn source_fingerprint(&self, i: u32) -> u64 {
        let sources = &self.bytes.as_ref()[self.header.sources.clone()];
        format::u64_at_checked(sources, i as usize).unwrap_or(0)
    }

    /// Checksum of the gazetteer this index was built from.
    pub fn gazetteer_checksum(&self) -> u64 {
        self.header.gazetteer_checksum
    }

    /// The raw fst, for walking node by node.
    pub fn fst(&self) -> &fst::raw::Fst<Bytes> {
        self.fst.as_fst()
    }

    /// The fst map (key → packed payload or group), e.g. to stream all keys.
    pub fn fst_map(&self) -> &fst::Map<Bytes> {
        &self.fst
    }

    /// Number of distinct keys.
    pub fn key_count(&self) -> usize {
        self.fst.len()
    }

    fn table(&self) -> Table<'_> {
        let all = self.bytes.as_ref();
        let (table, strings) = (&all[self.header.table.clone()], &all[self.header.strings.clone()]);
        Table::with_layout(table, strings, self.header.layout)
    }

    /// Number of entities.
    pub fn entity_count(&self) -> usize {
        self.header.layout.entity_count()
    }

    /// Entity `i` (an index from a [`Payload`]).
    pub fn entity(&self, i: u32) -> EntityRef<'_> {
        let table = self.table();
        let row = table.entity(i as usize);
        let [name_en, name_ru] = table.names(&row).map(|name| name.map_or("".into(), |p| table.phrase(p)));
        EntityRef { id: table.string(row.id), kind: table.string(row.kind), name_en, name_ru }
    }

    /// The ID of entity `i`: [`Index::entity`]`(i).id`, reading nothing
    /// else.
    pub fn entity_id(&self, i: u32) -> &str {
        let table = self.table();
        table.string(table.entity(i as usize).id)
    }

    /// The type of entity `i`: [`Index::entity`]`(i).kind`, reading
    /// nothing else.
    pub fn entity_kind(&self, i: u32) -> &str {
        let table = self.table();
        table.string(table.entity(i as usize).kind)
    }

    /// The text of alias `ordinal` of entity `entity` (empty if none).
    pub fn alias_text(&self, entity: u32, ordinal: u16) -> std::borrow::Cow<'_, str> {
        self.alias_phrase(entity, ordinal).map_or("".into(), |(table, phrase)| table.phrase(phrase))
    }

    /// Whether the text of alias `ordinal` of `entity` is `text`
    /// ([`Index::alias_text`]` == text`, without building the text).
    pub fn alias_is(&self, entity: u32, ordinal: u16, text: &str) -> bool {
        self.alias_phrase(entity, ordinal).is_some_and(|(table, phrase)| table.phrase_is(phrase, text))
    }

    /// The phrase of alias `ordinal` of `entity`, if it has that alias.
    fn alias_phrase(&self, entity: u32, ordinal: u16) -> Option<(Table<'_>, u32)> {
        let table = self.table();
        let row = table.entity(entity as usize);
        let ordinal = u32::from(ordinal);
        (ordinal < row.alias_count).then(|| (table, table.alias((row.first_alias + ordinal) as usize).0))
    }

    /// Whether the start filter holds `bytes` as `entry` (see
    /// [`starts`]): a one-word key, or the first two words of a longer one.
    /// No false negatives.
    #[inline]
    pub fn may_start(&self, bytes: &[u8], entry: starts::Entry) -> bool {
        starts::may_hold(self.start_filter(), starts::hash(bytes, entry))
    }

    /// A number no other index loaded or built by this process has (its
    /// clones share it): what tagging keeps per thread from one text to the
    /// next (where walks get to in the fst) is kept per index.
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    /// The start filter's bits, for [`starts::may_hold`] with hashes from
    /// [`starts::hash`] or [`starts::pair_start`] (what
    /// [`Index::may_start`] does, without finding the section each time).
    #[inline]
    pub fn start_filter(&self) -> &[u8] {
        &self.bytes.as_ref()[self.header.starts.clone()]
    }

    /// The payloads an fst value stands for.
    pub fn payloads(&self, value: u64) -> Payloads<'_> {
        if let Some(p) = Payload::unpack(value) {
            return Payloads { single: Some(p), group: &[], list: None };
        }
        match self.group(value) {
            Some(Group { head, like: Some(like), bytes }) => {
                Payloads { single: None, group: &[], list: Some((like, head.entity_list(bytes))) }
            }
            Some(Group { bytes, .. }) => Payloads { single: None, group: bytes, list: None },
            None => Payloads { single: None, group: &[], list: None },
        }
    }

    /// The entity of each payload of `value`, in order: what
    /// [`Index::payloads`] gives, entities only, read without decoding the
    /// rest (a damaged group's markers come out as `u32::MAX`).
    pub fn payload_entities(&self, value: u64) -> impl Iterator<Item = u32> + '_ {
        let (single, group, list) = match self.group(value) {
            Some(Group { head, like: Some(_), bytes }) => (None, &[][..], Some(head.entity_list(bytes))),
            Some(Group { bytes, .. }) => (None, bytes, None),
            None => (Some(value as u32), &[][..], None),
        };
        let packed = (0..group.len() / 8).map(move |i| entity_at(group, 8, i));
        single.into_iter().chain(packed).chain(list.into_iter().flatten())
    }

    /// The group of a group value (`None` for a single payload).
    fn group(&self, value: u64) -> Option<Group<'_>> {
        let groups = &self.bytes.as_ref()[self.header.groups.clone()];
        let start = Payload::group_start(value)?;
        let word = |i: usize| format::u64_at_checked(groups, start.saturating_add(i)).unwrap_or(0);
        let mut head = GroupHead(word(0));
        let like = match head.0 & GroupHead::TEMPLATE != 0 {
            true => Payload::unpack(word(1)).filter(|p| p.entity == 0),
            false => head.compact_payload(),
        };
        if head.list() && (like.is_none() || head.count() > self.entity_count()) {
            head = GroupHead(0); // a crafted file: more entities than there are, a group for a template
        }
        // A shared list's place is the last word before where the list would be.
        let from = match head.shared() {
            true => usize::try_from(word(head.words())).unwrap_or(usize::MAX),
            false => start.saturating_add(1 + head.words()),
        };
        let from = from.saturating_mul(8);
        let to = from.saturating_add(head.byte_len());
        Some(Group { head, like: like.filter(|_| head.list()), bytes: groups.get(from..to).unwrap_or(&[]) })
    }

    /// The head of a group value (`None` for a single payload).
    pub fn group_head(&self, value: u64) -> Option<GroupHead> {
        self.group(value).map(|g| g.head)
    }

    /// Whether the group `value` has a payload of `entity`: a binary
    /// search, as a group lists its payloads in entity order.
    pub fn group_has(&self, value: u64, entity: u32) -> bool {
        let Some(Group { head, bytes, .. }) = self.group(value) else {
            return Payload::unpack(value).is_some_and(|p| p.entity == entity);
        };
        let stride = head.stride();
        // The last payload (or run) starting at or before `entity`.
        let (mut low, mut high) = (0, bytes.len() / stride);
        while low < high {
            let mid = low + (high - low) / 2;
            if entity_at(bytes, stride, mid) <= entity {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        let Some(at) = low.checked_sub(1) else { return false };
        let first = entity_at(bytes, stride, at);
        if !head.runs() {
            return first == entity;
        }
        entity - first < u32_le(bytes, at * 8 + 4).unwrap_or(0)
    }

    /// The payloads of an exact key (a normalized token sequence), valid
    /// entities only.
    pub fn get(&self, key: &str) -> Vec<Payload> {
        let count = self.entity_count() as u32;
        let value = self.fst.get(key);
        value.map(|v| self.payloads(v).filter(|p| p.entity < count).collect()).unwrap_or_default()
    }
}

/// A payload group as stored: its head, what each payload of a list
/// group is like but for its entity, and its payload or list bytes.
struct Group<'a> {
    head: GroupHead,
    like: Option<Payload>,
    bytes: &'a [u8],
}

/// The entity of payload `i` of a group's payload bytes, `stride` bytes
/// each: the low half of its packed word (see [`Payload::pack`]), the
/// whole `u32` of a list group, or the first of a run (a damaged
/// group's marker words read as `u32::MAX`, which no entity is).
fn entity_at(group: &[u8], stride: usize, i: usize) -> u32 {
    u32_le(group, i * stride).unwrap_or(u32::MAX)
}

/// The little-endian `u32` at byte `at`, if in range.
fn u32_le(bytes: &[u8], at: usize) -> Option<u32> {
    bytes.get(at..at + 4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
}

/// The first word of a payload group: its size, and what its payloads
/// have in common, so that a key shared by thousands of entities (a common
/// first name in a large gazetteer) can be resolved without reading them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupHead(u64);

impl GroupHead {
    /// Entities from which a uniform group is resolved by lookups.
    pub const LOOKUP_MIN: usize = 4;
    /// Entities from which a uniform group may be stored compact (see
    /// [`GroupHead::compact_payload`]): smaller groups keep, for `lookup`,
    /// how each entity derives the key, at little cost.
    pub const COMPACT_MIN: usize = 32;
    /// Payloads from which a group whose payloads differ only in their
    /// entity is stored as one template and a list (see [`GroupWriter`]):
    /// below, the template's word costs as much as it saves.
    const TEMPLATE_MIN: usize = 4;
    const UNIFORM: u64 = 1 << 63;
    /// Stored as entity numbers only (see [`GroupHead::compact_payload`]).
    const COMPACT: u64 = 1 << 62;
    /// Of a compact group: its payloads have the [`FUZZY`] flag.
    const FUZZY: u64 = 1 << 61;
    /// Of a list group (compact or template): stored as runs of
    /// consecutive entity numbers (first, length), counted in the bits of
    /// the distinct entities.
    const RUNS: u64 = 1 << 60;
    /// Payloads alike but for their entity: one packed payload (its
    /// entity bits zero), then the entities as a list.
    const TEMPLATE: u64 = 1 << 59;
    /// Of a list group: the list is not here but where the next word says
    /// (in words from the start of the group table), as another group
    /// stored it first: the case forms of one surname lead to the same
    /// namesakes.
    const SHARED: u64 = 1 << 58;
    /// Of a uniform group: its payloads are all made of common words (a
    /// first name that is also a word: `Mark`, `Roman`, `Майя`).
    const COMMON: u64 = 1 << 57;
    const DISTINCT_MAX: u64 = (1 << 25) - 1;

    /// The head of a group of `payloads` (in entity order), its list (if
    /// it has one) not shared.
    pub(crate) fn of(payloads: &[Payload]) -> GroupHead {
        GroupHead::of_with(payloads, true)
    }

    /// [`GroupHead::of`], or with `templates` false never a template.
    fn of_with(payloads: &[Payload], templates: bool) -> GroupHead {
        let distinct = 1 + payloads.windows(2).filter(|w| w[0].entity != w[1].entity).count() as u64;
        let common = payloads[0].common();
        let uniform = payloads.iter().all(|p| {
            p.context_only() && p.case_rule() == crate::gazetteer::CaseRule::Title && p.common() == common
        });
        let head = payloads.len() as u64 | distinct.min(Self::DISTINCT_MAX) << 32;
        let uniform = match (uniform, common) {
            (true, true) => Self::UNIFORM | Self::COMMON,
            (true, false) => Self::UNIFORM,
            (false, _) => 0,
        };
        let one_each = distinct == payloads.len() as u64;
        let fuzzy = payloads[0].flags & FUZZY;
        // One payload per entity (one case rule), all alike but for how
        // each was derived, which only `lookup` shows: entities suffice.
        let compact = uniform != 0
            && payloads.len() >= Self::COMPACT_MIN
            && one_each
            && payloads.iter().all(|p| p.flags & FUZZY == fuzzy);
        // Alike but for the entity, derivations and all (what a compact
        // group would not keep; a compact group's placeholders never are).
        let like = |p: &Payload| Payload { entity: 0, form: 0, ..*p };
        let template = templates
            && !compact
            && payloads.len() >= Self::TEMPLATE_MIN
            && one_each
            && payloads[0].derivation_stored()
            && payloads.iter().all(|p| like(p) == like(&payloads[0]));
        let list = match (compact, template) {
            (true, _) => Self::COMPACT | if fuzzy != 0 { Self::FUZZY } else { 0 },
            (false, true) => Self::TEMPLATE,
            (false, false) => return GroupHead(head | uniform),
        };
        // Entities named alike have nearby numbers (see `Numbering`): the
        // people called `Иван …` are one run. Runs take 8 bytes, numbers 4.
        // (The distinct count, equal to the count here, gives way to theirs.)
        let runs =
            1 + payloads.windows(2).filter(|w| w[1].entity != w[0].entity.wrapping_add(1)).count() as u64;
        if 2 * runs < payloads.len() as u64 && runs <= Self::DISTINCT_MAX {
            return GroupHead(payloads.len() as u64 | uniform | list | Self::RUNS | runs << 32);
        }
        GroupHead(head | uniform | list)
    }

    /// For a group stored as entity numbers only, what each of its
    /// payloads reads as: context-only, `title`, the group's fuzzy flag and
    /// common-word flag, derived as [`MatchKind::Context`] from no alias
    /// (see [`Payload::derivation_stored`]).
    pub fn compact_payload(self) -> Option<Payload> {
        let common = if self.common() { payload::COMMON } else { 0 };
        (self.0 & Self::COMPACT != 0).then(|| Payload {
            entity: 0,
            kind: MatchKind::Context,
            alias: payload::NO_ALIAS,
            form: 0,
            flags: Payload::flags(crate::gazetteer::CaseRule::Title, true, self.0 & Self::FUZZY != 0)
                | common,
        })
    }

    /// Bytes per payload (or run) in the group table.
    fn stride(self) -> usize {
        if self.list() && !self.runs() {
            4
        } else {
            8
        }
    }

    /// Stores its payloads as a list of entities (compact or template).
    fn list(self) -> bool {
        self.0 & (Self::COMPACT | Self::TEMPLATE) != 0
    }

    /// Stored as runs of consecutive entity numbers.
    fn runs(self) -> bool {
        self.list() && self.0 & Self::RUNS != 0
    }

    /// Its list is stored by another group (see [`GroupHead::SHARED`]).
    fn shared(self) -> bool {
        self.list() && self.0 & Self::SHARED != 0
    }

    /// Words between the head and the payloads or list: a template, the
    /// place of a shared list.
    fn words(self) -> usize {
        usize::from(self.0 & Self::TEMPLATE != 0) + usize::from(self.shared())
    }

    /// Bytes of the group after its head (without padding).
    fn byte_len(self) -> usize {
        match self.runs() {
            true => ((self.0 >> 32) & Self::DISTINCT_MAX) as usize * 8,
            false => self.count().saturating_mul(self.stride()),
        }
    }

    /// The entities of a list group (compact or template) whose list is `bytes`.
    fn entity_list(self, bytes: &[u8]) -> EntityList<'_> {
        EntityList { bytes, runs: self.runs(), next: 0, run_left: 0, left: self.count() }
    }

    /// Number of payloads.
    pub fn count(self) -> usize {
        (self.0 & u64::from(u32::MAX)) as usize
    }

    /// Number of distinct entities (saturating at 2²⁵ − 1 but in a list group).
    pub fn entities(self) -> usize {
        match self.list() {
            true => self.count(),
            false => ((self.0 >> 32) & Self::DISTINCT_MAX) as usize,
        }
    }

    /// Every payload only counts with context, has the `title` case rule,
    /// and all or none are made of common words ([`GroupHead::common`]):
    /// whether one applies to a text is the same for all.
    pub fn uniform(self) -> bool {
        self.0 & Self::UNIFORM != 0
    }

    /// Of a uniform group: its payloads are made of common words.
    pub fn common(self) -> bool {
        self.0 & Self::COMMON != 0
    }
}

thread_local! {
    /// Whether groups on this thread may be templates or share their
    /// lists (see [`without_group_lists`]).
    static GROUP_LISTS: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Runs `f` with the groups of indexes built on this thread stored as
/// payloads or compact, never as a template, and with no list shared
/// between groups: for tests that compare the two (every key's payloads
/// are the same).
#[doc(hidden)]
pub fn without_group_lists<R>(f: impl FnOnce() -> R) -> R {
    /// Restores the switch however `f` ends (a test's panic included).
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            GROUP_LISTS.set(self.0);
        }
    }
    let _restore = Restore(GROUP_LISTS.replace(false));
    f()
}

/// Writes the group table, one group at a time, storing each distinct
/// list of entities once (see [`GroupHead::SHARED`]).
#[derive(Default)]
pub(crate) struct GroupWriter {
    groups: Vec<u8>,
    /// A list's bytes, behind a byte for its runs flag → the word where
    /// the list is.
    lists: rustc_hash::FxHashMap<Vec<u8>, u64>,
}

impl GroupWriter {
    /// Appends the group of `payloads` (in entity order): its head, then
    /// each payload packed into a `u64`; or, for a list group, its
    /// template (see [`GroupHead::TEMPLATE`]) and its entities as `u32`
    /// numbers zero-padded to whole words, or as runs, or the place of the
    /// same list written before. The group's value in the fst, or `None`
    /// past 4 G words.
    pub(crate) fn write(&mut self, payloads: &[Payload]) -> Option<u64> {
        let start = u32::try_from(self.groups.len() / 8).ok()?;
        let lists = GROUP_LISTS.get();
        let mut head = GroupHead::of_with(payloads, lists);
        if !head.list() {
            self.groups.extend_from_slice(&head.0.to_le_bytes());
            payloads.iter().for_each(|p| self.groups.extend_from_slice(&p.pack().to_le_bytes()));
            return Some(Payload::group_value(start));
        }
        // The list behind its runs flag, the key it is shared under.
        let mut list = vec![u8::from(head.runs())];
        if head.runs() {
            for run in payloads.chunk_by(|a, b| b.entity == a.entity.wrapping_add(1)) {
                list.extend_from_slice(&run[0].entity.to_le_bytes());
                list.extend_from_slice(&(run.len() as u32).to_le_bytes());
            }
        } else {
            payloads.iter().for_each(|p| list.extend_from_slice(&p.entity.to_le_bytes()));
            list.resize(1 + (list.len() - 1).next_multiple_of(8), 0);
        }
        // A list of one word costs what its place would.
        let shareable = lists && list.len() > 1 + 8;
        let shared = if shareable { self.lists.get(&list).copied() } else { None };
        if shared.is_some() {
            head.0 |= GroupHead::SHARED;
        }
        self.groups.extend_from_slice(&head.0.to_le_bytes());
        if head.0 & GroupHead::TEMPLATE != 0 {
            let template = Payload { entity: 0, ..payloads[0] };
            self.groups.extend_from_slice(&template.pack().to_le_bytes());
        }
        match shared {
            Some(word) => self.groups.extend_from_slice(&word.to_le_bytes()),
            None => {
                self.groups.extend_from_slice(&list[1..]);
                if shareable {
                    let word = (self.groups.len() - (list.len() - 1)) / 8;
                    self.lists.insert(list, word as u64);
                }
            }
        }
        Some(Payload::group_value(start))
    }

    /// The group table.
    pub(crate) fn finish(self) -> Vec<u8> {
        self.groups
    }
}

/// The entities of a list group: `u32` numbers, or runs of
/// consecutive numbers (`u32` first, `u32` length); at most the head's
/// count of them, whatever the bytes say.
struct EntityList<'a> {
    bytes: &'a [u8],
    runs: bool,
    next: u32,
    run_left: u32,
    left: usize,
}

impl Iterator for EntityList<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        self.left = self.left.checked_sub(1)?;
        if !self.runs {
            let (word, rest) = self.bytes.split_first_chunk::<4>()?;
            self.bytes = rest;
            return Some(u32::from_le_bytes(*word));
        }
        while self.run_left == 0 {
            let (run, rest) = self.bytes.split_first_chunk::<8>()?;
            self.bytes = rest;
            self.next = u32::from_le_bytes([run[0], run[1], run[2], run[3]]);
            self.run_left = u32::from_le_bytes([run[4], run[5], run[6], run[7]]);
        }
        self.run_left -= 1;
        let entity = self.next;
        self.next = self.next.wrapping_add(1);
        Some(entity)
    }
}

/// Iterator over the payloads of one fst value.
pub struct Payloads<'a> {
    single: Option<Payload>,
    group: &'a [u8],
    /// Of a list group: what each entity's payload reads as, and the entities.
    list: Option<(Payload, EntityList<'a>)>,
}

impl Iterator for Payloads<'_> {
    type Item = Payload;

    fn next(&mut self) -> Option<Payload> {
        if let Some(p) = self.single.take() {
            return Some(p);
        }
        if let Some((like, entities)) = &mut self.list {
            return entities.next().map(|entity| Payload { entity, ..*like });
        }
        while self.group.len() >= 8 {
            let (word, rest) = self.group.split_at(8);
            self.group = rest;
            let mut a = [0; 8];
            a.copy_from_slice(word);
            if let Some(p) = Payload::unpack(u64::from_le_bytes(a)) {
                return Some(p);
            }
        }
        None
    }
}

/// Human-readable detail of a payload's `form` (for `lookup`).
pub fn describe_form(kind: MatchKind, form: u8) -> String {
    match (kind, form) {
        (_, 0) => String::new(),
        (MatchKind::Transliteration, f) => format!("romanization: {}", expand::scheme_name(f)),
        (MatchKind::Inflection, f) => expand::case_name(f),
        _ => String::new(),
    }
}

/// Compiles `gazetteer` into index file bytes, written where they begin at
/// a multiple of [`ALIGN`] (not copied there later).
fn build_bytes(gazetteer: &Gazetteer, reuse: Option<&Reuse>, run_bytes: usize) -> Result<Owner> {
    let (fst, rest) = compile(gazetteer, reuse, run_bytes, Vec::new())?;
    let [groups, table, strings, starts, sources] = &rest.sections;
    let (bytes, start) =
        format::write_aligned(gazetteer.checksum(), [&fst, groups, table, strings, starts, sources], ALIGN);
    Ok(Owner::Vec { bytes, start })
}

/// Compiles `gazetteer` straight into the index file `path`.
fn write_index(gazetteer: &Gazetteer, path: &Path, reuse: Option<&Reuse>) -> Result<Built> {
    let io = |e: std::io::Error| Error::io(path, e);
    let spill = std::io::BufWriter::new(tempfile::tempfile().map_err(io)?);
    let (spill, rest) = compile(gazetteer, reuse, expand::RUN_BYTES, spill)?;
    let mut fst = spill.into_inner().map_err(|e| io(e.into_error()))?;
    let [groups, table, strings, starts, sources] = &rest.sections;
    write_atomically(path, |file| {
        let mut out = HugeWrites::new(file);
        let mut sections = [
            format::Section::File(&mut fst),
            format::Section::Bytes(groups),
            format::Section::Bytes(table),
            format::Section::Bytes(strings),
            format::Section::Bytes(starts),
            format::Section::Bytes(sources),
        ];
        format::write_to(&mut out, gazetteer.checksum(), &mut sections).map_err(io)?;
        out.flush().map_err(io)
    })?;
    let bytes = std::fs::metadata(path).map_err(io)?.len();
    let reused = reuse.map_or(0, Reuse::reused);
    Ok(Built { keys: rest.keys, bytes, reused })
}

/// Runs `build` with the keys `previous` can lend a build of `gazetteer`:
/// none if it does not verify (its fst is about to be walked whole), and
/// again without them if they turn out not to fit (a damaged file).
fn with_reuse<T>(
    gazetteer: &Gazetteer,
    previous: Option<&Index>,
    build: impl Fn(Option<&Reuse>) -> Result<T>,
) -> Result<T> {
    let reuse =
        previous.filter(|p| p.verify().is_ok()).map(|p| Reuse::new(p, expand::fingerprints(gazetteer)));
    match build(reuse.as_ref()) {
        Err(e) if reuse.is_some() && matches!(e.kind(), crate::error::ErrorKind::Index { .. }) => build(None),
        built => built,
    }
}

/// Every section but the fst.
struct Sections {
    sections: [Vec<u8>; 5],
    /// Keys in the fst.
    keys: usize,
}

/// What [`Index::build_file`] wrote.
#[derive(Clone, Copy, Debug)]
pub struct Built {
    /// Distinct keys in the index.
    pub keys: usize,
    /// Size of the index file.
    pub bytes: u64,
    /// Entities whose keys were read back from the previous index (see
    /// [`Index::build_file_reusing`]).
    pub reused: usize,
}

/// Compiles `gazetteer`, writing its fst to `fst_out` (memory or a file).
fn compile<W: Write>(
    gazetteer: &Gazetteer,
    reuse: Option<&Reuse>,
    run_bytes: usize,
    fst_out: W,
) -> Result<(W, Sections)> {
    if gazetteer.entities().len() >= u32::MAX as usize {
        return Err(Error::limit("more than 4,294,967,294 entities"));
    }
    let numbering = expand::Numbering::of(gazetteer);
    let numbering = &numbering;
    let workers = rayon::current_num_threads();
    // The fst is built in parts on threads of their own while this one
    // groups the keys (merged on another, see `expand::for_each_group`).
    fst_parts::build(fst_out, workers, fst_parts::PART_KEYS, |fst| {
        std::thread::scope(|scope| {
            // The entity and string tables do not depend on the keys: built
            // meanwhile, off the critical path (seconds at a million entities).
            let tables = scope.spawn(move || tables(gazetteer, numbering));
            let mut groups = GroupWriter::default();
            let mut entries = Vec::new();
            let mut last: (Vec<u8>, Option<starts::Entry>) = (Vec::new(), None);
            let mut last_pair_start = None;
            let mut keys = 0;
            expand::for_each_group(gazetteer, numbering, reuse, run_bytes, &mut |key, payloads| {
                keys += 1;
                // Sorted keys share filter entries in runs: hash each run once.
                let (bytes, entry) = starts::entry(key);
                if bytes != last.0.as_slice() || Some(entry) != last.1 {
                    let (one, pair_start) = starts::hashes(bytes, entry);
                    entries.push(one);
                    // Keys beginning with one word come in runs too.
                    if pair_start.is_some() && pair_start != last_pair_start {
                        entries.extend(pair_start);
                        last_pair_start = pair_start;
                    }
                    last = (bytes.to_vec(), Some(entry));
                }
                let value = match payloads {
                    [one] => one.pack(),
                    many => {
                        groups.write(many).ok_or_else(|| Error::limit("payload table over 4 G entries"))?
                    }
                };
                fst.insert(key, value)
            })?;
            let joined = tables.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            let (table, strings) = joined.map_err(Error::limit)?;
            let starts = starts::build(entries);
            let fresh;
            let sources = match reuse {
                Some(reuse) => reuse.fingerprints(),
                None => {
                    fresh = expand::fingerprints(gazetteer);
                    &fresh
                }
            };
            let sources = numbering.entities().flat_map(|e| sources[e].to_le_bytes()).collect();
            Ok(Sections { sections: [groups.finish(), table, strings, starts, sources], keys })
        })
    })
}

/// Writes `path` atomically: a temporary file in the same directory,
/// written by `write`, synced, then renamed over `path`, so a failed write
/// never leaves a half-written index or destroys the old one.
fn write_atomically(path: &Path, write: impl FnOnce(&mut std::fs::File) -> Result<()>) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    let result = std::fs::File::create(&tmp).map_err(|e| Error::io(path, e)).and_then(|mut file| {
        write(&mut file)?;
        file.sync_all().map_err(|e| Error::io(path, e))?;
        std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
    });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Writes to a file in whole blocks of [`HugeWrites::BLOCK`] bytes, each at
/// a multiple of it from the start, and the rest on `flush`. On a
/// filesystem with large folios (ext4 since Linux 6.16, measured here),
/// Linux keeps a file written so in the page cache in huge pages, and then
/// maps it in huge pages too: the index a `build` just wrote is tagged with
/// that many fewer TLB misses (12% faster at a million entities, where the
/// fst is 173 MB). Small writes, or large ones that start anywhere, leave
/// it in small pages.
struct HugeWrites<W: Write> {
    inner: W,
    block: Vec<u8>,
}

impl<W: Write> HugeWrites<W> {
    /// A huge page on x86-64 and on ARM with 4 KB pages.
    const BLOCK: usize = 2 << 20;

    fn new(inner: W) -> HugeWrites<W> {
        HugeWrites { inner, block: Vec::with_capacity(Self::BLOCK) }
    }
}

impl<W: Write> Write for HugeWrites<W> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        let n = data.len().min(Self::BLOCK - self.block.len());
        self.block.extend_from_slice(&data[..n]);
        if self.block.len() == Self::BLOCK {
            self.inner.write_all(&self.block)?;
            self.block.clear();
        }
        Ok(n)
    }

    /// Writes the partial block: blocks written after it would no longer
    /// start at multiples of the block size, so call it at the end.
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.write_all(&self.block)?;
        self.block.clear();
        self.inner.flush()
    }
}

/// The entity/alias table and string table of a gazetteer.
fn tables(gazetteer: &Gazetteer, numbering: &expand::Numbering) -> Result<(Vec<u8>, Vec<u8>), String> {
    let mut strings = StringsBuilder::default();
    strings.add("")?;
    let mut rows = Vec::with_capacity(gazetteer.entities().len());
    let mut aliases = Vec::with_capacity(gazetteer.aliases().len());
    for index in numbering.entities() {
        let entity = &gazetteer.entities()[index];
        rows.push(EntityRow {
            id: strings.add(&entity.id)?,
            kind: strings.add(&entity.kind)?,
            first_alias: aliases.len() as u32,
            alias_count: entity.aliases.len() as u32,
        });
        // The table keeps no names: they are the first aliases (as the
        // gazetteer loader makes them).
        let own = gazetteer.aliases_of(index);
        let names = own.iter().take(2).take_while(|a| a.origin != Origin::Listed);
        let named = |origin: Origin, name: &str| match names.clone().find(|a| a.origin == origin) {
            Some(alias) => alias.text == name,
            None => name.is_empty(),
        };
        if !named(Origin::NameEn, &entity.name_en) || !named(Origin::NameRu, &entity.name_ru) {
            return Err(format!("entity `{}`: its names are not its first aliases", entity.id));
        }
        for alias in own {
            let origin = match alias.origin {
                Origin::NameEn => format::ORIGIN_NAME_EN,
                Origin::NameRu => format::ORIGIN_NAME_RU,
                Origin::Listed => 2,
            };
            aliases.push((strings.add_phrase(&alias.text)?, origin));
        }
    }
    Ok((format::write_table(&rows, &aliases), strings.finish()?))
}

#[cfg(test)]
mod tests {
    use super::HugeWrites;
    use std::io::Write;

    /// Records the length of every write it is given.
    #[derive(Default)]
    struct Recorder {
        bytes: Vec<u8>,
        writes: Vec<usize>,
    }

    impl Write for Recorder {
        fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
            self.bytes.extend_from_slice(data);
            self.writes.push(data.len());
            Ok(data.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn huge_writes_are_whole_blocks_and_keep_every_byte() {
        const BLOCK: usize = HugeWrites::<Recorder>::BLOCK;
        let data: Vec<u8> = (0..2 * BLOCK + BLOCK / 2 + 7).map(|i| (i * 31 % 251) as u8).collect();
        // Small writes, a write larger than a block, and a block's worth
        // starting mid-block, as the sections of an index come.
        let mut out = HugeWrites::new(Recorder::default());
        let cuts = [0, 3, 64, 4096, 4096 + BLOCK + 5, 4096 + 2 * BLOCK + 5, data.len()];
        for pair in cuts.windows(2) {
            out.write_all(&data[pair[0]..pair[1]]).unwrap();
        }
        out.flush().unwrap();
        let recorder = out.inner;
        assert_eq!(recorder.bytes, data);
        assert_eq!(recorder.writes, [BLOCK, BLOCK, BLOCK / 2 + 7]);
    }
}
