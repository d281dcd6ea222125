//! The public face of the engine: a [`Tagger`] owns an [`Index`] and tags
//! one text, a batch in parallel, or explains how one surface form resolves.

use crate::error::Result;
use crate::fuzzy;
use crate::gazetteer::options::is_cyrillic;
use crate::gazetteer::{CaseRule, Gazetteer};
use crate::index::{describe_form, romanization_scheme, Index, Payload};
use crate::inflect::{self, Case, Gender, Hints, NameKind, Number};
use crate::mention::{MatchKind, Mention, Tagged};
use crate::resolve::FuzzyMode;
use crate::tokenize::{Tokens, FOLD_PREFIX};
use rayon::prelude::*;
use serde::Serialize;
use std::path::Path;

/// Tags texts against an index. Cheap to clone, `Send + Sync`: share one
/// across threads.
#[derive(Clone)]
pub struct Tagger {
    index: Index,
    fuzzy: FuzzyMode,
}

/// Configures a [`Tagger`].
///
/// ```
/// use entnorm::{FuzzyMode, Index, TaggerBuilder};
/// # fn main() -> entnorm::Result<()> {
/// let index = Index::build(&entnorm::Gazetteer::embedded())?;
/// let tagger = TaggerBuilder::new().fuzzy(FuzzyMode::Always).build(index);
/// assert_eq!(tagger.tag("Lavorv")[0].entity, "sergey-lavrov");
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default)]
pub struct TaggerBuilder {
    fuzzy: FuzzyMode,
}

impl TaggerBuilder {
    /// A builder with default options.
    pub fn new() -> TaggerBuilder {
        TaggerBuilder::default()
    }

    /// When misspellings are tagged (default: [`FuzzyMode::Context`]).
    pub fn fuzzy(&mut self, mode: FuzzyMode) -> &mut TaggerBuilder {
        self.fuzzy = mode;
        self
    }

    /// A tagger over `index`.
    pub fn build(&self, index: Index) -> Tagger {
        Tagger { index, fuzzy: self.fuzzy }
    }
}

impl Tagger {
    /// A tagger with default options over `index`.
    pub fn new(index: Index) -> Tagger {
        TaggerBuilder::new().build(index)
    }

    /// A tagger over the embedded default gazetteer (compiled on first use,
    /// then shared).
    pub fn embedded() -> Tagger {
        Tagger::new(crate::embedded::index())
    }

    /// A tagger over a gazetteer directory, compiled now.
    pub fn from_gazetteer_dir(dir: impl AsRef<Path>) -> Result<Tagger> {
        Ok(Tagger::new(Index::build(&Gazetteer::from_dir(dir)?)?))
    }

    /// A tagger over an index file built by `entnorm build`.
    pub fn from_index_file(path: impl AsRef<Path>) -> Result<Tagger> {
        Ok(Tagger::new(Index::open(path)?))
    }

    /// When misspellings are tagged.
    pub fn fuzzy(&self) -> FuzzyMode {
        self.fuzzy
    }

    /// The index.
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// The mentions in `text`, sorted by start, not overlapping.
    pub fn tag(&self, text: &str) -> Vec<Mention> {
        // The ambiguous spans are not worked out: a bare first name may
        // have thousands of candidates to count.
        crate::resolve::tag(&self.index, self.fuzzy, text, false).mentions
    }

    /// Mentions, plus the ambiguous spans that nothing in the text resolved.
    pub fn tag_detailed(&self, text: &str) -> Tagged {
        crate::resolve::tag(&self.index, self.fuzzy, text, true)
    }

    /// Tags every text in parallel on the current Rayon pool (the caller's,
    /// when called inside `pool.install`), keeping input order.
    pub fn tag_batch<T: AsRef<str> + Sync>(&self, texts: &[T]) -> Vec<Vec<Mention>> {
        texts.par_iter().map(|t| self.tag(t.as_ref())).collect()
    }

    /// [`Tagger::tag_batch`] with ambiguous spans.
    pub fn tag_batch_detailed<T: AsRef<str> + Sync>(&self, texts: &[T]) -> Vec<Tagged> {
        texts.par_iter().map(|t| self.tag_detailed(t.as_ref())).collect()
    }

    /// How one surface form normalizes and every entity its key leads to.
    /// Tries, in order: the normalized key; for Latin words, the
    /// transliteration fold key; for a single word that reached nothing,
    /// misspellings (with their edit distance).
    pub fn lookup(&self, surface: &str) -> Lookup {
        let tokens = Tokens::new(surface);
        let key = tokens.joined_key();
        let latin = !tokens.is_empty() && tokens.tokens.iter().all(|t| t.latin);
        let fold_key = latin.then(|| tokens.joined_fold_key());
        let mut hits: Vec<LookupHit> =
            self.index.get(&key).iter().map(|p| self.hit(surface, &key, p, None)).collect();
        if let Some(fold_key) = &fold_key {
            for p in self.index.get(fold_key) {
                if !hits.iter().any(|h| h.entity == self.index.entity_id(p.entity)) {
                    hits.push(self.hit(surface, fold_key, &p, None));
                }
            }
        }
        if hits.is_empty() && tokens.len() == 1 {
            let fold = latin.then(|| tokens.fold(0));
            if let Some((distance, payloads)) = fuzzy::near_payloads(&self.index, &key, fold) {
                hits.extend(payloads.iter().map(|p| self.hit(surface, "", p, Some(distance))));
            }
        }
        let fold_key = fold_key.map(|k| k.trim_start_matches(FOLD_PREFIX).to_string());
        Lookup { surface: surface.to_string(), key, fold_key, hits }
    }

    /// What payload `p`, found under `key` for `surface`, says.
    fn hit(&self, surface: &str, key: &str, p: &Payload, distance: Option<u8>) -> LookupHit {
        let entity = self.index.entity(p.entity);
        let alias = self.index.alias_text(p.entity, p.alias);
        let match_kind = match p.kind {
            MatchKind::Exact if surface.trim() == alias => MatchKind::Exact,
            MatchKind::Exact => MatchKind::Normalized,
            kind => kind,
        };
        LookupHit {
            entity: entity.id.to_string(),
            entity_type: entity.kind.to_string(),
            match_kind,
            alias: alias.to_string(),
            // A crafted file's alias past any real length is not declined or romanized.
            detail: if alias.len() > 4 * crate::gazetteer::MAX_ALIAS_CHARS {
                String::new()
            } else if !p.derivation_stored() {
                "a name part shared by many entities (how it derives is not stored)".to_string()
            } else if Tokens::new(&alias).len() > Tokens::new(surface).len() {
                "part of the full name".to_string()
            } else if p.kind == MatchKind::Inflection {
                cases_of(&alias, entity.kind, surface).unwrap_or_default()
            } else if p.kind == MatchKind::Transliteration && alias.chars().any(is_cyrillic) {
                // The scheme is not stored: found again from the alias.
                let scheme = romanization_scheme(&alias, key);
                scheme.map(|code| describe_form(p.kind, code)).unwrap_or_default()
            } else {
                String::new()
            },
            case: case_name(p.case_rule()),
            context_only: p.context_only(),
            distance,
        }
    }
}

/// Every case and number in which `alias` reads as `surface`
/// ("genitive, dative, instrumental, prepositional singular"), under the
/// gender inferred from it or, failing that (`Бецалель Смотрич`: the
/// gazetteer gave it, the index does not keep it), each gender in turn.
fn cases_of(alias: &str, entity_type: &str, surface: &str) -> Option<String> {
    let kind = NameKind::of_type(entity_type);
    let key = Tokens::new(surface).joined_key();
    let inferred = inflect::infer_gender(alias);
    let genders = [inferred, Some(Gender::Masc), Some(Gender::Fem), Some(Gender::Neut)];
    // Each gender once: the inferred one is not declined again.
    let tried = genders.iter().enumerate().filter(|&(i, g)| g.is_some() && !genders[..i].contains(g));
    tried.map(|(_, &gender)| gender).find_map(|gender| {
        let hints = Hints { kind: Some(kind), gender, ..Hints::default() };
        let forms = inflect::decline_all(alias, &hints);
        let mut cases: Vec<(Case, Number)> = forms
            .iter()
            .filter(|f| Tokens::new(&f.text).joined_key() == key)
            .map(|f| (f.case, f.number))
            .collect();
        cases.sort();
        cases.dedup();
        let number = match cases.first()?.1 {
            Number::Sing => "singular",
            Number::Plur => "plural",
        };
        let names: Vec<&str> = cases.iter().map(|(c, _)| c.name()).collect();
        Some(format!("{} {number}", names.join(", ")))
    })
}

fn case_name(rule: CaseRule) -> &'static str {
    match rule {
        CaseRule::Auto | CaseRule::Any => "any",
        CaseRule::Title => "title",
        CaseRule::Exact => "exact",
    }
}

/// What [`Tagger::lookup`] found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Lookup {
    /// The surface form asked about.
    pub surface: String,
    /// Its normalized key.
    pub key: String,
    /// Its transliteration fold key, when it is written in Latin letters.
    pub fold_key: Option<String>,
    /// Every entity the key leads to.
    pub hits: Vec<LookupHit>,
}

/// One entity a looked-up key leads to, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LookupHit {
    /// Entity ID.
    pub entity: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub entity_type: String,
    /// How the surface form matches.
    #[serde(rename = "match")]
    pub match_kind: MatchKind,
    /// The alias the key was derived from (empty for a name part shared by
    /// [`GroupHead::COMPACT_MIN`](crate::index::GroupHead::COMPACT_MIN) or
    /// more entities, whose alias is not stored).
    pub alias: String,
    /// Derivation detail (case form, scheme …), empty for the alias itself.
    pub detail: String,
    /// Letter-case rule applied in running text (`any`, `title`, `exact`).
    pub case: &'static str,
    /// Whether it only counts with support from the same document.
    pub context_only: bool,
    /// Edit distance, for a misspelling.
    pub distance: Option<u8>,
}
