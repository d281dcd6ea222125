//! The index file format: a fixed header, then six sections.
//!
//! ```text
//! offset  size  field
//!      0     8  magic "ENTNORM\0"
//!      8     4  format version (u32 LE)
//!     12     4  engine version: bumped when derived forms change (u32 LE)
//!     16     8  checksum of the gazetteer files it was built from (u64 LE)
//!     24     8  xxh3-64 of every byte after the header (u64 LE)
//!     32    48  lengths of the six sections (6 × u64 LE)
//!     80     …  sections, in order, each starting at a multiple of 8 bytes
//!               (the start filter at a multiple of 64), zero-padded:
//!               fst      the fst::Map from keys to packed payloads (see
//!                        `index::Payload::pack`)
//!               groups   u64 LE payload groups: [head, payload, payload, …],
//!                        payloads in entity order; head: count (bits 0–31),
//!                        distinct entities (32–56, saturating), bit 63 set
//!                        when every payload is context-only, `title`, and
//!                        all or none common (uniform), bit 57 with it when
//!                        all are common; bit 62 when, besides, there are
//!                        32 or more, one per entity, all with the same fuzzy
//!                        flag (bit 61): compact, the payloads are a list;
//!                        else bit 59 when there are 4 or more, one per
//!                        entity, alike but for it: a template (a packed
//!                        payload of entity 0), then a list. A list is u32 LE
//!                        entity numbers zero-padded to whole u64 words, or
//!                        with bit 60 u32 LE (first, length) runs of
//!                        consecutive numbers, counted in bits 32–56; with
//!                        bit 58 it is not there but at the u64 word the
//!                        next word gives, where another group has it
//!                        (see `index::GroupHead`)
//!               table    u32 LE: n_entities, n_aliases,
//!                        n_entities × [id, type, first alias],
//!                        n_aliases × [text | origin << 30]
//!                        (id and type are atoms, texts phrases); an
//!                        entity's aliases run to the next one's first, and
//!                        begin with its names: English (origin 0), Russian (1)
//!               strings  atoms, then phrases, each part: u32 LE count,
//!                        u32 LE offsets into its data of every 16th item
//!                        and of the data's end, then the data: per item its
//!                        length in bytes (LEB128) and its bytes, zero-padded
//!                        to a multiple of 4 bytes. An atom is UTF-8; a phrase
//!                        the LEB128 indices of its atoms, which it is made of
//!                        joined by spaces (names share their words: `Иван`,
//!                        `Петрович`)
//!               starts   blocked Bloom filter of hashed first words of the
//!                        keys (see `index::starts`): 64-byte blocks
//!               sources  u64 LE per entity: a fingerprint of everything its
//!                        keys derive from (see `index::expand::fingerprints`),
//!                        so that a rebuild reuses the keys of unchanged entities
//! ```
//!
//! [`validate`] checks magic, versions, lengths and the checksum before any
//! offset inside is trusted, then the tables' internal references, so that a
//! truncated, corrupted or foreign file is an error and never a panic.

use std::ops::Range;
use xxhash_rust::xxh3::xxh3_64;

/// First bytes of every index file.
pub const MAGIC: &[u8; 8] = b"ENTNORM\0";
/// Version of the layout described above.
pub const FORMAT_VERSION: u32 = 11;
/// Version of the derivations (normalization, inflection, transliteration):
/// an index built by an older engine would match differently, so it is
/// rejected. `tests/library.rs::engine_version_follows_the_derived_forms`
/// fails when the derived forms change and this is not bumped.
pub const ENGINE_VERSION: u32 = 3;
/// Number of sections.
pub const SECTIONS: usize = 6;
/// Size of the fixed header.
pub const HEADER_LEN: usize = 32 + 8 * SECTIONS;

const ENTITY_WORDS: usize = 3;
const ALIAS_WORDS: usize = 1;
/// An alias row: its text's phrase in the low bits, its rules above.
const RULES_SHIFT: u32 = 30;

/// What the header says.
#[derive(Clone, Debug)]
pub struct Header {
    /// Checksum of the gazetteer the index was built from.
    pub gazetteer_checksum: u64,
    /// Byte ranges of the sections in the file.
    pub fst: Range<usize>,
    /// Group table.
    pub groups: Range<usize>,
    /// Entity and alias table.
    pub table: Range<usize>,
    /// String table.
    pub strings: Range<usize>,
    /// Start filter.
    pub starts: Range<usize>,
    /// Per-entity fingerprints of what their keys derive from.
    pub sources: Range<usize>,
    /// Where the entity and string tables' parts are (see [`Table::layout`]).
    pub layout: Layout,
}

/// Where section `section` starts when the one before it ends at
/// `end`: at a multiple of 8 bytes, and the start filter at a multiple of
/// 64, so that in a mapped file (pages are aligned) each of its 64-byte
/// blocks is one cache line. `section == SECTIONS` is the end of the file.
fn section_start(end: u64, section: usize) -> Option<u64> {
    let align = if section == STARTS { 64 } else { 8 };
    Some(end.checked_add(align - 1)? / align * align)
}

/// The index of the start filter among the sections.
const STARTS: usize = 4;

/// Assembles a whole index file.
pub fn write(gazetteer_checksum: u64, sections: [&[u8]; SECTIONS]) -> Vec<u8> {
    write_aligned(gazetteer_checksum, sections, 1).0
}

/// Like [`write`], into a buffer in which the file begins at an address
/// that is a multiple of `align` (a power of two): the buffer, and where
/// the file begins in it.
pub fn write_aligned(gazetteer_checksum: u64, sections: [&[u8]; SECTIONS], align: usize) -> (Vec<u8>, usize) {
    // Each section and at most 63 bytes of padding after it.
    let body_len: usize = sections.iter().map(|s| s.len() + 63).sum();
    let (mut out, start) = padded(HEADER_LEN + body_len, align);
    let mut sections = sections.map(Section::Bytes);
    write_to(&mut out, gazetteer_checksum, &mut sections).expect("writing to a Vec cannot fail");
    (out, start)
}

/// Bytes from `at` to the next multiple of `align` (a power of two).
pub fn misalignment(at: *const u8, align: usize) -> usize {
    (at as usize).wrapping_neg() & (align - 1)
}

/// A buffer of zero bytes up to a multiple of `align` (a power of two),
/// with room for `len` more after them, and its length: bytes added next
/// begin at that multiple (the room keeps the buffer from moving).
pub fn padded(len: usize, align: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::with_capacity(align - 1 + len);
    let start = misalignment(out.as_ptr(), align);
    out.resize(start, 0);
    (out, start)
}

/// `index` (a valid index file) with section `i` (0 fst, 1 groups, 2 table,
/// 3 strings, 4 starts, 5 sources) replaced by each `(i, bytes)` of `replace` and the
/// body checksum recomputed: a crafted file, for testing and fuzzing the
/// checks that do not rely on the checksum. `Err` if `index` is not valid
/// or a section number is out of range.
pub fn replace_sections(index: &[u8], replace: &[(usize, &[u8])]) -> Result<Vec<u8>, String> {
    let h = validate(index)?;
    let mut sections = [h.fst, h.groups, h.table, h.strings, h.starts, h.sources].map(|r| &index[r]);
    for &(i, bytes) in replace {
        *sections.get_mut(i).ok_or_else(|| format!("no section {i}"))? = bytes;
    }
    Ok(write(h.gazetteer_checksum, sections))
}

/// One section's bytes for [`write_to`]: in memory, or in a file (read
/// from its start, twice: once to hash, once to copy).
pub enum Section<'a> {
    /// Bytes in memory.
    Bytes(&'a [u8]),
    /// A whole file.
    File(&'a mut std::fs::File),
}

impl Section<'_> {
    fn len(&mut self) -> std::io::Result<u64> {
        match self {
            Section::Bytes(b) => Ok(b.len() as u64),
            Section::File(f) => Ok(f.metadata()?.len()),
        }
    }

    /// Feeds the section's bytes, in order, to `sink`.
    fn each_chunk(&mut self, mut sink: impl FnMut(&[u8]) -> std::io::Result<()>) -> std::io::Result<()> {
        use std::io::{Read, Seek, SeekFrom};
        match self {
            Section::Bytes(b) => sink(b),
            Section::File(f) => {
                f.seek(SeekFrom::Start(0))?;
                let mut buf = vec![0u8; 1 << 20];
                loop {
                    match f.read(&mut buf)? {
                        0 => return Ok(()),
                        n => sink(&buf[..n])?,
                    }
                }
            }
        }
    }
}

/// Writes a whole index file to `out` without holding it in memory: the
/// body checksum is computed in a first pass over the sections.
pub fn write_to(
    out: &mut impl std::io::Write,
    gazetteer_checksum: u64,
    sections: &mut [Section<'_>; SECTIONS],
) -> std::io::Result<()> {
    let mut lens = [0u64; SECTIONS];
    let mut pads = [0usize; SECTIONS];
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut at = HEADER_LEN as u64;
    for (i, section) in sections.iter_mut().enumerate() {
        lens[i] = section.len()?;
        section.each_chunk(|chunk| {
            hasher.update(chunk);
            Ok(())
        })?;
        let end = at + lens[i];
        at = section_start(end, i + 1).ok_or(std::io::ErrorKind::InvalidInput)?;
        pads[i] = (at - end) as usize;
        hasher.update(&[0; 64][..pads[i]]);
    }
    out.write_all(MAGIC)?;
    out.write_all(&FORMAT_VERSION.to_le_bytes())?;
    out.write_all(&ENGINE_VERSION.to_le_bytes())?;
    out.write_all(&gazetteer_checksum.to_le_bytes())?;
    out.write_all(&hasher.digest().to_le_bytes())?;
    for len in lens {
        out.write_all(&len.to_le_bytes())?;
    }
    for (section, pad) in sections.iter_mut().zip(pads) {
        section.each_chunk(|chunk| out.write_all(chunk))?;
        out.write_all(&[0; 64][..pad])?;
    }
    Ok(())
}

fn u32_at(bytes: &[u8], word: usize) -> Option<u32> {
    let b = bytes.get(word * 4..word * 4 + 4)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

fn u64_at(bytes: &[u8], offset: usize) -> Option<u64> {
    let b = bytes.get(offset..offset + 8)?;
    let mut a = [0; 8];
    a.copy_from_slice(b);
    Some(u64::from_le_bytes(a))
}

/// The `word`-th u64 of `bytes`, if in range.
pub fn u64_at_checked(bytes: &[u8], word: usize) -> Option<u64> {
    u64_at(bytes, word.checked_mul(8)?)
}

/// Checks everything that can be checked without the fst, returning the
/// header; the message says what is wrong.
pub fn validate(bytes: &[u8]) -> Result<Header, String> {
    validate_hashing(bytes, xxh3_64)
}

/// [`validate`], with `hash_body` computing the xxh3-64 of the bytes after
/// the header (memory-mapped files hash in chunks; see `Index::open`).
pub fn validate_hashing(bytes: &[u8], hash_body: impl FnOnce(&[u8]) -> u64) -> Result<Header, String> {
    if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
        let what = if bytes.starts_with(&MAGIC[..bytes.len().min(8)]) && bytes.len() < HEADER_LEN {
            "truncated (shorter than the header)"
        } else {
            "wrong magic number: this is not an entnorm index file"
        };
        return Err(what.into());
    }
    let version = u32_at(bytes, 2).unwrap_or(0);
    if version != FORMAT_VERSION {
        return Err(format!(
            "format version {version}, this entnorm reads version {FORMAT_VERSION}: rebuild the index with `entnorm build`"
        ));
    }
    let engine = u32_at(bytes, 3).unwrap_or(0);
    if engine != ENGINE_VERSION {
        return Err(format!(
            "built by an entnorm whose derived forms differ (engine version {engine}, this is {ENGINE_VERSION}): rebuild the index with `entnorm build`"
        ));
    }
    let gazetteer_checksum = u64_at(bytes, 16).unwrap_or(0);
    let body_checksum = u64_at(bytes, 24).unwrap_or(0);
    let mut ranges = Vec::with_capacity(SECTIONS);
    let mut at = HEADER_LEN;
    for i in 0..SECTIONS {
        let len = usize::try_from(u64_at(bytes, 32 + 8 * i).unwrap_or(u64::MAX))
            .map_err(|_| "section length out of range".to_string())?;
        let end = at.checked_add(len).ok_or("section length out of range")?;
        ranges.push(at..end);
        at = section_start(end as u64, i + 1).ok_or("section length out of range")? as usize;
    }
    if at > bytes.len() {
        return Err(format!("truncated: the header promises {at} bytes, the file has {}", bytes.len()));
    }
    if at < bytes.len() {
        return Err(format!("{} unexpected bytes after the last section", bytes.len() - at));
    }
    if hash_body(&bytes[HEADER_LEN..]) != body_checksum {
        return Err("checksum mismatch: the file is corrupted; rebuild it with `entnorm build`".into());
    }
    let starts = ranges[4].len();
    if starts < super::starts::MIN_BYTES || starts % super::starts::MIN_BYTES != 0 {
        return Err("start filter size is not a whole number of 64-byte blocks".into());
    }
    let table = Table::new(&bytes[ranges[2].clone()], &bytes[ranges[3].clone()])?;
    table.validate()?;
    if ranges[5].len() != 8 * table.entity_count() {
        return Err("entity fingerprints do not match the entity count".into());
    }
    Ok(Header {
        gazetteer_checksum,
        fst: ranges[0].clone(),
        groups: ranges[1].clone(),
        table: ranges[2].clone(),
        strings: ranges[3].clone(),
        starts: ranges[4].clone(),
        sources: ranges[5].clone(),
        layout: table.layout(),
    })
}

/// Builds the string table, storing each distinct string (atom) once, and
/// each distinct phrase once as the atoms it is made of.
#[derive(Default)]
pub struct StringsBuilder {
    ids: rustc_hash::FxHashMap<String, u32>,
    atoms: PartBuilder,
    phrase_ids: rustc_hash::FxHashMap<String, u32>,
    phrases: PartBuilder,
}

impl StringsBuilder {
    /// The phrase index of `s`, adding it if new: the atoms of its
    /// space-separated words, or `s` as one atom if a space is doubled,
    /// leading or trailing (joining the words would not give it back).
    pub fn add_phrase(&mut self, s: &str) -> Result<u32, String> {
        if let Some(&id) = self.phrase_ids.get(s) {
            return Ok(id);
        }
        let words: Vec<&str> = s.split(' ').collect();
        let parts = if words.iter().any(|w| w.is_empty()) && !s.is_empty() { vec![s] } else { words };
        let mut bytes = Vec::new();
        for part in parts {
            let atom = self.add(part)?;
            push_leb128(&mut bytes, atom as usize);
        }
        let id = self.phrases.push(&bytes, "phrase table")?;
        if id >= 1 << RULES_SHIFT {
            return Err("too many names and aliases".into());
        }
        self.phrase_ids.insert(s.to_string(), id);
        Ok(id)
    }

    /// The index of `s`, adding it if new.
    pub fn add(&mut self, s: &str) -> Result<u32, String> {
        if let Some(&id) = self.ids.get(s) {
            return Ok(id);
        }
        let id = self.atoms.push(s.as_bytes(), "string table")?;
        self.ids.insert(s.to_string(), id);
        Ok(id)
    }

    /// The section bytes: the atoms, then the phrases (see [`Part`]).
    pub fn finish(self) -> Result<Vec<u8>, String> {
        let mut out = Vec::new();
        self.atoms.write(&mut out, "string table")?;
        self.phrases.write(&mut out, "phrase table")?;
        Ok(out)
    }
}

/// Items in a block of a [`Part`], found from the block's offset by
/// skipping the items before them.
const STEP: usize = 16;

/// Appends `n` as LEB128: 7 bits a byte, low first, the high bit set on
/// all but the last.
fn push_leb128(out: &mut Vec<u8>, mut n: usize) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The LEB128 number `bytes` starts with, and the bytes after it.
#[inline]
fn leb128(bytes: &[u8]) -> Option<(usize, &[u8])> {
    // One byte (under 128: most string lengths and atom numbers), told
    // first: a lookup skips up to 15 items of its block this way.
    if let Some((&b, rest)) = bytes.split_first() {
        if b < 0x80 {
            return Some((usize::from(b), rest));
        }
    }
    let end = bytes.iter().position(|b| b & 0x80 == 0).filter(|&end| end < 5)?;
    let n = bytes[..=end].iter().rev().fold(0usize, |n, b| n << 7 | usize::from(b & 0x7F));
    Some((n, &bytes[end + 1..]))
}

/// Collects the items of one [`Part`].
#[derive(Default)]
struct PartBuilder {
    count: usize,
    offsets: Vec<u32>,
    data: Vec<u8>,
}

impl PartBuilder {
    /// Adds an item; its index.
    fn push(&mut self, item: &[u8], what: &str) -> Result<u32, String> {
        let id = u32::try_from(self.count).map_err(|_| format!("{what}: too many entries"))?;
        if self.count % STEP == 0 {
            self.offsets.push(u32::try_from(self.data.len()).map_err(|_| format!("{what} over 4 GiB"))?);
        }
        push_leb128(&mut self.data, item.len());
        self.data.extend_from_slice(item);
        self.count += 1;
        Ok(id)
    }

    /// Appends the part (see [`Part`]), zero-padded to a multiple of 4 bytes.
    fn write(&self, out: &mut Vec<u8>, what: &str) -> Result<(), String> {
        let end = u32::try_from(self.data.len()).map_err(|_| format!("{what} over 4 GiB"))?;
        let count = u32::try_from(self.count).map_err(|_| format!("{what}: too many entries"))?;
        out.extend_from_slice(&count.to_le_bytes());
        self.offsets.iter().chain([&end]).for_each(|offset| out.extend_from_slice(&offset.to_le_bytes()));
        out.extend_from_slice(&self.data);
        out.resize(out.len().next_multiple_of(4), 0);
        Ok(())
    }
}

/// One part of the string section (atoms, then phrases), from a multiple
/// of 4 bytes: u32 LE count, u32 LE offsets into the data of every
/// [`STEP`]th item and of the data's end, then the data: each item's
/// length in bytes (LEB128) and its bytes.
#[derive(Clone, Copy, Debug)]
struct Part {
    count: usize,
    /// Word of the first offset.
    offsets: usize,
    /// Byte where the data starts, and its length.
    data: usize,
    len: usize,
}

impl Part {
    /// The part starting at byte `start` of `strings`.
    fn at(strings: &[u8], start: usize) -> Result<Part, String> {
        let count = u32_at(strings, start / 4).ok_or("string table truncated")? as usize;
        let offsets = start / 4 + 1;
        let blocks = count.div_ceil(STEP);
        let len = u32_at(strings, offsets + blocks).ok_or("string table truncated")? as usize;
        let data = 4 * (offsets + blocks + 1);
        if strings.len() < data + len {
            return Err("string table truncated".into());
        }
        Ok(Part { count, offsets, data, len })
    }

    /// Where the next part starts.
    fn end(&self) -> usize {
        (self.data + self.len).next_multiple_of(4)
    }

    /// Whether the block offsets are in order and within the data.
    fn ordered(&self, strings: &[u8]) -> bool {
        let mut previous = 0;
        (0..=self.count.div_ceil(STEP)).all(|b| {
            let offset = u32_at(strings, self.offsets + b).unwrap_or(u32::MAX) as usize;
            let ok = offset >= previous && offset <= self.len;
            previous = offset;
            ok
        })
    }

    /// The bytes of item `i`, `None` if out of range or damaged (an item
    /// never reaches past its block).
    fn item<'a>(&self, strings: &'a [u8], i: usize) -> Option<&'a [u8]> {
        if i >= self.count {
            return None;
        }
        let (start, end) =
            (u32_at(strings, self.offsets + i / STEP)?, u32_at(strings, self.offsets + i / STEP + 1)?);
        let mut block = strings.get(self.data + start as usize..self.data + end as usize)?;
        for _ in 0..i % STEP {
            let (len, rest) = leb128(block)?;
            block = rest.get(len..)?;
        }
        let (len, rest) = leb128(block)?;
        rest.get(..len)
    }
}

/// One entity row of the table, as string-table indices. Its aliases run
/// up to the next entity's first; its names are the texts of its aliases
/// of origin 0 (English name) and 1 (Russian name), which come first.
#[derive(Clone, Copy, Debug, Default)]
pub struct EntityRow {
    /// Canonical ID (an atom).
    pub id: u32,
    /// Type label (an atom).
    pub kind: u32,
    /// Index of the first alias in the alias rows.
    pub first_alias: u32,
    /// Number of aliases (not stored: up to the next row's first).
    pub alias_count: u32,
}

/// The origin (in the rules bits of an alias row) of an entity's English
/// name, given as its first alias, and of its Russian name, given next.
pub const ORIGIN_NAME_EN: u32 = 0;
/// See [`ORIGIN_NAME_EN`].
pub const ORIGIN_NAME_RU: u32 = 1;

/// Serializes the entity and alias rows (alias: text phrase, rules < 4).
pub fn write_table(entities: &[EntityRow], aliases: &[(u32, u32)]) -> Vec<u8> {
    let words = 2 + ENTITY_WORDS * entities.len() + ALIAS_WORDS * aliases.len();
    let mut out = Vec::with_capacity(words * 4);
    let mut push = |w: u32| out.extend_from_slice(&w.to_le_bytes());
    push(entities.len() as u32);
    push(aliases.len() as u32);
    for e in entities {
        [e.id, e.kind, e.first_alias].into_iter().for_each(&mut push);
    }
    for &(text, rules) in aliases {
        push(text | rules << RULES_SHIFT);
    }
    out
}

/// Where the counts and parts of the entity and string tables are, read
/// once when an index is loaded ([`Table::layout`]) so that the tables are
/// viewed again for each mention without reading their headers
/// ([`Table::with_layout`]).
#[derive(Clone, Copy, Debug)]
pub struct Layout {
    entities: usize,
    aliases: usize,
    atoms: Part,
    phrases: Part,
}

impl Layout {
    /// Rows in the entity table.
    pub fn entity_count(&self) -> usize {
        self.entities
    }
}

/// Read access to the entity/alias table and the string table of a
/// validated file. Out-of-range reads give empty values, never panics.
#[derive(Clone, Copy)]
pub struct Table<'a> {
    table: &'a [u8],
    strings: &'a [u8],
    entities: usize,
    aliases: usize,
    atoms: Part,
    phrases: Part,
}

impl<'a> Table<'a> {
    /// Views the two sections; fails if their counts do not fit their sizes.
    pub fn new(table: &'a [u8], strings: &'a [u8]) -> Result<Table<'a>, String> {
        let entities = u32_at(table, 0).ok_or("entity table truncated")? as usize;
        let aliases = u32_at(table, 1).ok_or("entity table truncated")? as usize;
        let words = 2 + ENTITY_WORDS * entities + ALIAS_WORDS * aliases;
        if table.len() != words * 4 {
            return Err("entity table size does not match its counts".into());
        }
        let atoms = Part::at(strings, 0)?;
        let phrases = Part::at(strings, atoms.end())?;
        Ok(Table { table, strings, entities, aliases, atoms, phrases })
    }

    /// Where this table's counts and parts are.
    pub fn layout(&self) -> Layout {
        let Table { entities, aliases, atoms, phrases, .. } = *self;
        Layout { entities, aliases, atoms, phrases }
    }

    /// Views the two sections as `layout`, the [`Table::layout`] of a
    /// table over the same sections, says: without reading them.
    pub fn with_layout(table: &'a [u8], strings: &'a [u8], layout: Layout) -> Table<'a> {
        let Layout { entities, aliases, atoms, phrases } = layout;
        Table { table, strings, entities, aliases, atoms, phrases }
    }

    /// Checks every reference and offset once, so later reads are in range.
    fn validate(&self) -> Result<(), String> {
        if !self.atoms.ordered(self.strings) || !self.phrases.ordered(self.strings) {
            return Err("string table offsets out of order".into());
        }
        let bad_atom = |s: u32| s as usize >= self.atoms.count;
        let bad_phrase = |s: u32| s as usize >= self.phrases.count;
        let mut previous = 0;
        for e in 0..self.entities {
            let row = self.entity(e);
            if bad_atom(row.id) || bad_atom(row.kind) || row.first_alias < previous {
                return Err(format!("entity row {e} refers outside the tables"));
            }
            previous = row.first_alias;
        }
        if previous as usize > self.aliases {
            return Err(format!("entity row {} refers outside the tables", self.entities - 1));
        }
        if (0..self.aliases).any(|a| bad_phrase(self.alias(a).0)) {
            return Err("alias row refers outside the string table".into());
        }
        Ok(())
    }

    /// Number of entities.
    pub fn entity_count(&self) -> usize {
        self.entities
    }

    /// Entity row `i`.
    pub fn entity(&self, i: usize) -> EntityRow {
        if i >= self.entities {
            return EntityRow::default();
        }
        let w = |i: usize, k: usize| u32_at(self.table, 2 + ENTITY_WORDS * i + k).unwrap_or(0);
        let first_alias = w(i, 2);
        let end = if i + 1 < self.entities { w(i + 1, 2) } else { self.aliases as u32 };
        EntityRow { id: w(i, 0), kind: w(i, 1), first_alias, alias_count: end.saturating_sub(first_alias) }
    }

    /// The phrases of an entity's English and Russian names (see
    /// [`EntityRow`]), `None` for a name it does not have.
    pub fn names(&self, row: &EntityRow) -> [Option<u32>; 2] {
        let mut names = [None, None];
        for a in row.first_alias..row.first_alias.saturating_add(row.alias_count.min(2)) {
            let (phrase, origin) = self.alias(a as usize);
            if let Some(name) = names.get_mut(origin as usize) {
                name.get_or_insert(phrase);
            }
        }
        names
    }

    /// Alias row `i`: (text phrase, packed rules).
    pub fn alias(&self, i: usize) -> (u32, u32) {
        let word = u32_at(self.table, 2 + ENTITY_WORDS * self.entities + ALIAS_WORDS * i).unwrap_or(0);
        (word & ((1 << RULES_SHIFT) - 1), word >> RULES_SHIFT)
    }

    /// Phrase `i` (empty if out of range or damaged): its atoms joined by
    /// spaces, borrowed when it is one atom. A phrase that would be longer
    /// than any alias can be (a crafted file) is empty too.
    pub fn phrase(&self, i: u32) -> std::borrow::Cow<'a, str> {
        const MAX_BYTES: usize = 4 * crate::gazetteer::MAX_ALIAS_CHARS;
        let mut atoms = self.atoms(i);
        let Some(first) = atoms.next() else { return "".into() };
        let mut atoms = atoms.peekable();
        if atoms.peek().is_none() {
            return first.into();
        }
        let mut text = first.to_string();
        for atom in atoms {
            if text.len() + 1 + atom.len() > MAX_BYTES {
                return "".into();
            }
            text.push(' ');
            text.push_str(atom);
        }
        text.into()
    }

    /// Whether phrase `i` is `text` ([`Table::phrase`]` == text`, without
    /// building the phrase).
    pub fn phrase_is(&self, i: u32, text: &str) -> bool {
        let mut rest = text;
        for (n, atom) in self.atoms(i).enumerate() {
            if n > 0 {
                let Some(after) = rest.strip_prefix(' ') else { return false };
                rest = after;
            }
            let Some(after) = rest.strip_prefix(atom) else { return false };
            rest = after;
        }
        rest.is_empty()
    }

    /// The atoms phrase `i` is made of (none if out of range).
    fn atoms(self, i: u32) -> impl Iterator<Item = &'a str> {
        let mut bytes = self.phrases.item(self.strings, i as usize).unwrap_or(&[]);
        std::iter::from_fn(move || {
            let (atom, rest) = leb128(bytes)?;
            bytes = rest;
            Some(self.string(u32::try_from(atom).unwrap_or(u32::MAX)))
        })
    }

    /// String `i` (empty if out of range or not UTF-8).
    pub fn string(&self, i: u32) -> &'a str {
        let bytes = self.atoms.item(self.strings, i as usize);
        bytes.and_then(|b| std::str::from_utf8(b).ok()).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<u8> {
        let mut strings = StringsBuilder::default();
        let id = strings.add("putin").unwrap();
        let kind = strings.add("PER").unwrap();
        let alias = strings.add_phrase("Владимир Путин").unwrap();
        let row = EntityRow { id, kind, first_alias: 0, alias_count: 1 };
        let table = write_table(&[row], &[(alias, 2)]);
        write(7, [b"fst", &[0; 8], &table, &strings.finish().unwrap(), &[0; 64], &[0; 8]])
    }

    #[test]
    fn round_trip() {
        let bytes = sample();
        let header = validate(&bytes).unwrap();
        assert_eq!(header.gazetteer_checksum, 7);
        assert_eq!(&bytes[header.fst.clone()], b"fst");
        let table = Table::new(&bytes[header.table], &bytes[header.strings]).unwrap();
        assert_eq!(table.string(table.entity(0).id), "putin");
        assert_eq!(table.alias(0), (0, 2));
        assert_eq!(table.phrase(table.alias(0).0), "Владимир Путин");
        assert_eq!(table.string(99), "");
        assert_eq!(table.phrase(99), "");
    }

    /// Names and aliases are stored as the words they share: each comes
    /// back exactly as written, spaces and all.
    #[test]
    fn phrases_come_back_as_written() {
        let texts =
            ["Иван Петрович Сидоров", "Иван Сидоров", "Иван", "", " ", "a  b", " a", "a ", "Ким Чен Ын"];
        let mut strings = StringsBuilder::default();
        let ids: Vec<u32> = texts.iter().map(|t| strings.add_phrase(t).unwrap()).collect();
        assert_eq!(strings.add_phrase("Иван Сидоров").unwrap(), ids[1], "stored once");
        let atoms = strings.atoms.count;
        let bytes = strings.finish().unwrap();
        let table = Table::new(&[0; 8], &bytes).unwrap();
        table.validate().unwrap();
        for (text, id) in texts.iter().zip(ids.iter().copied()) {
            assert_eq!(table.phrase(id), *text);
            assert!(table.phrase_is(id, text), "{text:?}");
            assert!(!table.phrase_is(id, &format!("{text} ")) && !table.phrase_is(id, &format!("{text}x")));
        }
        assert!(
            !table.phrase_is(ids[0], "Иван Петрович")
                && !table.phrase_is(ids[0], "Иван Петрович Сидоров Сидоров")
        );
        // `Иван` once, not three times; a text that does not split cleanly is one atom.
        assert_eq!(atoms, 11);
    }

    /// Strings are found from the offset of every 16th: each comes back,
    /// in every place of its block, short or long (a length of two LEB128
    /// bytes), and a crafted length that runs past its block reads empty.
    #[test]
    fn strings_come_back_from_their_blocks() {
        let texts: Vec<String> = (0..100).map(|i| "ж".repeat(i * 7 % 90) + &i.to_string()).collect();
        let mut strings = StringsBuilder::default();
        let ids: Vec<u32> = texts.iter().map(|t| strings.add(t).unwrap()).collect();
        let bytes = strings.finish().unwrap();
        let table = Table::new(&[0; 8], &bytes).unwrap();
        table.validate().unwrap();
        for (text, id) in texts.iter().zip(ids) {
            assert_eq!(table.string(id), text);
        }
        assert_eq!(table.string(100), "");
        // The first string's length, one byte, made to run past its block.
        let mut crafted = bytes.clone();
        let first = 4 * (2 + 100usize.div_ceil(STEP));
        crafted[first] = 0x7F;
        let table = Table::new(&[0; 8], &crafted).unwrap();
        assert_eq!(table.string(0), "");
        assert_eq!(table.string(STEP as u32), texts[STEP], "other blocks are not affected");
    }

    #[test]
    fn leb128_numbers_come_back() {
        for n in (0..1000).chain([16_383, 16_384, 1 << 20, u32::MAX as usize]) {
            let mut bytes = Vec::new();
            push_leb128(&mut bytes, n);
            bytes.push(0xAB);
            assert_eq!(leb128(&bytes), Some((n, &[0xAB][..])), "{n}");
        }
        assert_eq!(leb128(&[]), None);
        assert_eq!(leb128(&[0x80, 0x80]), None, "cut short");
        assert_eq!(leb128(&[0x80, 0x80, 0x80, 0x80, 0x80, 0x01]), None, "over five bytes");
        assert_eq!(leb128(&[0x80, 0x80, 0x80, 0x80, 0x01]), Some((1 << 28, &[][..])), "five bytes");
    }

    proptest::proptest! {
        #[test]
        fn any_phrase_comes_back_as_written(texts in proptest::collection::vec("[ a-cИ\u{301}]{0,12}", 1..40)) {
            let mut strings = StringsBuilder::default();
            let ids: Vec<u32> = texts.iter().map(|t| strings.add_phrase(t).unwrap()).collect();
            let bytes = strings.finish().unwrap();
            let table = Table::new(&[0; 8], &bytes).unwrap();
            proptest::prop_assert!(table.validate().is_ok());
            for (text, id) in texts.iter().zip(ids.iter().copied()) {
                proptest::prop_assert_eq!(table.phrase(id), text.as_str());
                proptest::prop_assert!(table.phrase_is(id, text));
            }
            for (a, b) in texts.iter().zip(ids.iter().skip(1)) {
                proptest::prop_assert_eq!(table.phrase_is(*b, a), table.phrase(*b) == a.as_str());
            }
        }
    }

    #[test]
    fn the_start_filter_starts_at_a_multiple_of_64() {
        for len in 0..80 {
            let bytes = replace_sections(&sample(), &[(0, &vec![1; len])]).unwrap();
            let header = validate(&bytes).unwrap();
            assert_eq!(header.fst.len(), len);
            assert_eq!(header.starts.start % 64, 0, "fst of {len} bytes");
            assert!(bytes[header.starts].iter().all(|&b| b == 0));
        }
    }

    #[test]
    fn rejects_a_start_filter_that_is_not_whole_blocks() {
        assert_eq!(validate(&sample()).unwrap().starts.len(), 64);
        for len in [0usize, 8, 32, 96, 100] {
            let bytes = replace_sections(&sample(), &[(4, &vec![0; len])]).unwrap();
            let err = validate(&bytes).unwrap_err();
            assert!(err.contains("start filter"), "{len} bytes: {err}");
        }
    }

    /// A crafted phrase that repeats a long atom thousands of times reads
    /// as empty instead of building megabytes.
    #[test]
    fn a_crafted_phrase_longer_than_any_alias_is_empty() {
        // One atom of 1,000 bytes; two phrases: atom 0 twice, and 10,000 times.
        let (mut atoms, mut phrases) = (PartBuilder::default(), PartBuilder::default());
        atoms.push(&[b'x'; 1000], "atoms").unwrap();
        phrases.push(&[0; 2], "phrases").unwrap();
        phrases.push(&[0; 10_000], "phrases").unwrap();
        let mut bytes = Vec::new();
        atoms.write(&mut bytes, "atoms").unwrap();
        phrases.write(&mut bytes, "phrases").unwrap();
        let table = Table::new(&[0; 8], &bytes).unwrap();
        table.validate().unwrap();
        assert_eq!(table.phrase(0).len(), 2001);
        assert_eq!(table.phrase(1), "");
        assert!(!table.phrase_is(1, "x"));
    }

    #[test]
    fn rejects_damage() {
        let bytes = sample();
        for len in [0, 3, 8, 63, 64, HEADER_LEN, bytes.len() - 1] {
            assert!(validate(&bytes[..len]).is_err(), "truncated to {len}");
        }
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(validate(&flipped).unwrap_err().contains("checksum"));
        let mut foreign = bytes.clone();
        foreign[0] = b'X';
        assert!(validate(&foreign).unwrap_err().contains("magic"));
        let mut old = bytes;
        old[8] = 0;
        assert!(validate(&old).unwrap_err().contains("rebuild"));
    }
}
