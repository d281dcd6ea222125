//! The baseline: a plain `aho-corasick` automaton over every surface form,
//! run in-process over the same texts.
//!
//! Patterns: every canonical name and alias of every entity, lowercased,
//! plus, for Russian (Cyrillic) names, the genitive, dative and
//! instrumental forms the corpus generator produces (`names::case_forms`,
//! the same function the corpus uses), lowercased. `MatchKind::LeftmostLongest`;
//! each document is lowercased (`str::to_lowercase`) and a match is kept
//! only when the characters on both sides of it are not alphanumeric.

use super::gazread::{is_cyrillic, GazEntity};
use super::names;
use aho_corasick::{AhoCorasick, MatchKind};

/// Every pattern of the baseline, sorted and deduplicated.
pub fn patterns(entities: &[GazEntity]) -> Vec<String> {
    let mut out = Vec::with_capacity(entities.len() * 8);
    for e in entities {
        for name in &e.names {
            out.push(name.to_lowercase());
            if is_cyrillic(name) {
                for form in names::case_forms(&e.kind, e.gender, name) {
                    out.push(form.to_lowercase());
                }
            }
        }
    }
    out.retain(|p| !p.trim().is_empty());
    out.sort_unstable();
    out.dedup();
    out
}

pub fn build(patterns: &[String]) -> Result<AhoCorasick, String> {
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(patterns)
        .map_err(|e| format!("aho-corasick: {e}"))
}

/// Whole-word matches in one document.
pub fn count(ac: &AhoCorasick, text: &str) -> usize {
    let lower = text.to_lowercase();
    ac.find_iter(&lower)
        .filter(|m| {
            let before = lower[..m.start()].chars().next_back();
            let after = lower[m.end()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
        .count()
}
