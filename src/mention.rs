//! What tagging produces: [`Mention`]s, and how each matched ([`MatchKind`]).

use serde::{Deserialize, Serialize};

/// How a mention matched its entity (SPEC §3, `match`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MatchKind {
    /// The text is an alias exactly as written in the gazetteer.
    Exact,
    /// The text equals an alias after normalization (case, `ё`, typography …).
    Normalized,
    /// The text is a generated Russian case form of an alias.
    Inflection,
    /// The text is a derived spelling of an alias in the other script or
    /// another romanization.
    Transliteration,
    /// The text is a misspelling of an alias.
    Fuzzy,
    /// A partial or shared name resolved through a fuller mention in the
    /// same document.
    Context,
}

impl MatchKind {
    /// The name used in JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::Normalized => "normalized",
            MatchKind::Inflection => "inflection",
            MatchKind::Transliteration => "transliteration",
            MatchKind::Fuzzy => "fuzzy",
            MatchKind::Context => "context",
        }
    }

    pub(crate) fn code(self) -> u8 {
        self as u8
    }

    pub(crate) fn from_code(code: u8) -> MatchKind {
        match code {
            0 => MatchKind::Exact,
            1 => MatchKind::Normalized,
            2 => MatchKind::Inflection,
            3 => MatchKind::Transliteration,
            4 => MatchKind::Fuzzy,
            _ => MatchKind::Context,
        }
    }
}

/// One mention of an entity in a text.
///
/// Offsets are in Unicode code points (characters) of the original text,
/// end exclusive, so `text == doc.chars().skip(start).take(end - start)`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// First character of the mention.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The mention as written in the text.
    pub text: String,
    /// The entity's canonical ID.
    pub entity: String,
    /// The entity's type (`PER`, `ORG`, `LOC`, …).
    #[serde(rename = "type")]
    pub entity_type: String,
    /// How it matched.
    #[serde(rename = "match")]
    pub match_kind: MatchKind,
}

/// A span that names several entities equally well and that nothing in the
/// document resolves; it is not given to any of them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ambiguity {
    /// First character of the span.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The span as written.
    pub text: String,
    /// The entity IDs it could name, in the order of the entities' names
    /// (Russian if given, else English; ties in gazetteer order): the first
    /// [`Ambiguity::MAX_LISTED`].
    pub candidates: Vec<String>,
    /// How many more it could name (a first name shared by thousands of
    /// people in a large gazetteer); omitted from JSON when 0.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub more: usize,
}

impl Ambiguity {
    /// Most candidates listed by ID.
    pub const MAX_LISTED: usize = 50;
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Everything tagging found in one text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tagged {
    /// Resolved mentions, sorted by start, not overlapping.
    pub mentions: Vec<Mention>,
    /// Unresolved ambiguous spans, sorted by start; they overlap no mention.
    pub ambiguous: Vec<Ambiguity>,
}
