//! What an index key leads to: a [`Payload`] per entity, packed into the
//! fst's `u64` value, or a group of them when several entities share a key.

use crate::gazetteer::CaseRule;
use crate::mention::MatchKind;

/// Flag: the alias only counts when the document names the entity otherwise.
pub const CONTEXT_ONLY: u8 = 1;
/// Flag: misspellings of this key may match.
pub const FUZZY: u8 = 2;
/// Flag: the key is made of common words (`путина`, `белый дом`).
pub const COMMON: u8 = 16;
/// Flag: the key is the alias's own, and the alias is written as the key
/// with each word capitalized ([`crate::normalize::is_title_form`]:
/// `Sergey Lavrov`, key `sergey lavrov`). Whether a text that matches the
/// key is the alias as written then shows from the text alone, without
/// reading the alias from the index's tables.
pub const TITLE_FORM: u8 = 32;
/// Bits 2..4 of the flags: the case rule (0 any, 1 title, 2 exact).
const CASE_SHIFT: u8 = 2;
const CASE_MASK: u8 = 0b11 << CASE_SHIFT;

/// The alias ordinal of a payload whose derivation is not stored (one of
/// a compact group, see `GroupHead::compact_payload`): no entity has that
/// many aliases, so its alias text is empty.
pub const NO_ALIAS: u16 = u16::MAX;

/// An fst value whose low 32 bits are this marker is a group: the high
/// 32 bits index the group table. (No entity has this index.)
const GROUP_MARKER: u64 = u32::MAX as u64;

/// One entity a key leads to, and how the key was derived.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Payload {
    /// Index of the entity in the index's entity table.
    pub entity: u32,
    /// How the key was derived: `Exact` for an alias itself (exact or
    /// normalized is decided against the text), `Inflection`,
    /// `Transliteration`.
    pub kind: MatchKind,
    /// Which alias of the entity (ordinal in its alias list).
    pub alias: u16,
    /// Derivation detail: the case form (inflection) or scheme
    /// (transliteration), 0 for none; see [`crate::index::describe_form`].
    /// It picks the best derivation while building; the index does not
    /// store it (read back, it is 0), as `lookup` derives it again.
    pub form: u8,
    /// [`CONTEXT_ONLY`], [`FUZZY`], case rule.
    pub flags: u8,
}

impl Payload {
    /// The case rule stored in the flags (never `Auto`: resolved at build).
    pub fn case_rule(&self) -> CaseRule {
        match (self.flags & CASE_MASK) >> CASE_SHIFT {
            0 => CaseRule::Any,
            1 => CaseRule::Title,
            _ => CaseRule::Exact,
        }
    }

    /// Flags for a payload.
    pub fn flags(case: CaseRule, context_only: bool, fuzzy: bool) -> u8 {
        let case = match case {
            CaseRule::Any | CaseRule::Auto => 0,
            CaseRule::Title => 1,
            CaseRule::Exact => 2,
        };
        (case << CASE_SHIFT) | if context_only { CONTEXT_ONLY } else { 0 } | if fuzzy { FUZZY } else { 0 }
    }

    /// False for a payload read from a compact group, which says which
    /// entity the key leads to but not how it derives it.
    pub fn derivation_stored(&self) -> bool {
        self.alias != NO_ALIAS
    }

    /// True when the key is made of common words.
    pub fn common(&self) -> bool {
        self.flags & COMMON != 0
    }

    /// True when the alias is its key title-cased (see [`TITLE_FORM`]).
    pub fn title_form(&self) -> bool {
        self.flags & TITLE_FORM != 0
    }

    /// True when the alias only counts with support from the document.
    pub fn context_only(&self) -> bool {
        self.flags & CONTEXT_ONLY != 0
    }

    /// Packs into a `u64`: from the low bits up, entity (32 bits), flags
    /// (8), kind (4), alias (16); not the form. The fst stores the common
    /// part of the values of keys that share a prefix once, on the shared
    /// transitions, and what is left per key in 1 to 8 bytes: neighbouring
    /// keys of different entities then differ below bit 32, and most other
    /// neighbours below bit 48 (at 1,000,000 entities the fst is 6% smaller
    /// than with the form stored and the flags on top).
    pub fn pack(&self) -> u64 {
        u64::from(self.entity)
            | u64::from(self.flags) << 32
            | u64::from(self.kind.code() & 0xF) << 40
            | u64::from(self.alias) << 44
    }

    /// The inverse of [`Payload::pack`]; `None` for a group value.
    pub fn unpack(value: u64) -> Option<Payload> {
        if value & GROUP_MARKER == GROUP_MARKER {
            return None;
        }
        Some(Payload {
            entity: value as u32,
            form: 0,
            kind: MatchKind::from_code((value >> 40) as u8 & 0xF),
            alias: (value >> 44) as u16,
            flags: (value >> 32) as u8,
        })
    }

    /// The fst value of a group starting at `start` in the group table.
    pub fn group_value(start: u32) -> u64 {
        u64::from(start) << 32 | GROUP_MARKER
    }

    /// The group start of a group value.
    pub fn group_start(value: u64) -> Option<usize> {
        (value & GROUP_MARKER == GROUP_MARKER).then_some((value >> 32) as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_round_trips() {
        let p = Payload {
            entity: 123_456,
            kind: MatchKind::Inflection,
            alias: 65_535,
            form: 11,
            flags: Payload::flags(CaseRule::Title, true, true),
        };
        // The form is not stored.
        assert_eq!(Payload::unpack(p.pack()), Some(Payload { form: 0, ..p }));
        assert_eq!(p.case_rule(), CaseRule::Title);
        assert!(p.context_only());
        let g = Payload::group_value(77);
        assert_eq!(Payload::unpack(g), None);
        assert_eq!(Payload::group_start(g), Some(77));
        assert_eq!(Payload::group_start(p.pack()), None);
    }
}
