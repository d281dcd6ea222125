//! Checks that a loadable gazetteer may still fail its users: aliases that
//! several entities share, aliases repeated within one entity, and aliases
//! that are common words. Each [`Diagnostic`] says where and what to do.
//!
//! Errors that stop loading are not here: [`super::Gazetteer::from_dir`]
//! reports them all.

use super::{CaseRule, Gazetteer};
use crate::error::Location;
use crate::index::{surface_keys, Index, Payload};
use crate::lexicon;
use crate::mention::MatchKind;
use crate::normalize::normalize_str;
use crate::tokenize::FOLD_PREFIX;
use std::collections::HashMap;
use std::fmt;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The gazetteer works but users will meet surprising results.
    Warning,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious.
    pub severity: Severity,
    /// Where (the alias row, or the entity row for canonical names).
    pub location: Location,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub suggestion: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
        };
        write!(f, "{severity}: {}: {}\n  help: {}", self.location, self.message, self.suggestion)
    }
}

/// Every diagnostic for `gazetteer`, in file order.
pub fn lint(gazetteer: &Gazetteer) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    // key -> (entity, alias index) of every alias, in gazetteer order
    let mut by_key: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for (i, alias) in gazetteer.aliases().iter().enumerate() {
        if let Some(key) = surface_keys(&alias.text).into_iter().next() {
            by_key.entry(key).or_default().push((alias.entity, i));
        }
    }
    for (key, users) in &by_key {
        repeated(gazetteer, users, &mut found);
        shared(gazetteer, users, &mut found);
        if lexicon::is_common_phrase(key) {
            common_word(gazetteer, users, &mut found);
        }
    }
    near_duplicates(gazetteer, &mut found);
    if let Ok(index) = Index::build(gazetteer) {
        derived_collisions(gazetteer, &index, &mut found);
    }
    found.sort_by(|a, b| (&a.location, &a.message).cmp(&(&b.location, &b.message)));
    found.dedup();
    found
}

/// Entities whose canonical names are equal or one edit apart (same first
/// letter), in either language: often one entity entered twice.
fn near_duplicates(g: &Gazetteer, found: &mut Vec<Diagnostic>) {
    let mut names: Vec<(String, usize)> = Vec::new();
    for (i, e) in g.entities().iter().enumerate() {
        for name in [&e.name_en, &e.name_ru].into_iter().filter(|n| !n.is_empty()) {
            names.push((normalize_str(name), i));
        }
    }
    names.sort();
    // Compared only when their first two characters are equal (an edit
    // within them is not caught).
    let prefix = |s: &str| s.chars().take(2).collect::<String>();
    for (i, j) in one_edit_candidates(&names) {
        let ((a, ea), (b, eb)) = (&names[i], &names[j]);
        if ea != eb && prefix(a) == prefix(b) && (a == b || strsim::osa_distance(a, b) == 1) {
            let (first, second) = (&g.entities()[*ea.min(eb)], &g.entities()[*ea.max(eb)]);
            found.push(Diagnostic {
                severity: Severity::Warning,
                location: second.location.clone(),
                message: format!(
                    "entity `{}` has a name like entity `{}` ({}): `{b}` / `{a}`",
                    second.id, first.id, first.location
                ),
                suggestion:
                    "if they are one entity, merge them (keep one id, move the other's names to aliases)"
                        .into(),
            });
        }
    }
}

/// Pairs `(i, j)`, `i < j`, of `names` that may be equal or one edit apart
/// (a character replaced, added, dropped, or two neighbours swapped): those
/// that share the name itself or the name less one character. Every such
/// pair is among them, and each name has as many of these as characters
/// (plus one): linear in the names, where comparing all pairs was not (a
/// million entities took hours).
fn one_edit_candidates(names: &[(String, usize)]) -> Vec<(usize, usize)> {
    let hash = |s: &str| xxhash_rust::xxh3::xxh3_64(s.as_bytes());
    let mut shapes: Vec<(u64, u32)> = Vec::new();
    let mut less = String::new();
    for (i, (name, _)) in names.iter().enumerate() {
        shapes.push((hash(name), i as u32));
        for (at, c) in name.char_indices() {
            less.clear();
            less.push_str(&name[..at]);
            less.push_str(&name[at + c.len_utf8()..]);
            shapes.push((hash(&less), i as u32));
        }
    }
    shapes.sort_unstable();
    shapes.dedup();
    let mut pairs = Vec::new();
    for same in shapes.chunk_by(|a, b| a.0 == b.0) {
        for (n, &(_, i)) in same.iter().enumerate() {
            pairs.extend(same[n + 1..].iter().map(|&(_, j)| (i.min(j) as usize, i.max(j) as usize)));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// A form the engine derives for one entity (a case form, a romanization)
/// that is also a key of another entity: mentions written so are ambiguous.
fn derived_collisions(g: &Gazetteer, index: &Index, found: &mut Vec<Diagnostic>) {
    use fst::Streamer;
    // The index numbers entities in name order; `entity` has them back.
    let numbering = crate::index::Numbering::of(g);
    let entity = |p: &Payload| numbering.index(p.entity);
    let mut stream = index.fst_map().stream();
    while let Some((key, value)) = stream.next() {
        let payloads: Vec<Payload> = index.payloads(value).collect();
        let derived =
            payloads.iter().find(|p| matches!(p.kind, MatchKind::Inflection | MatchKind::Transliteration));
        let Some(derived) = derived.filter(|_| payloads.len() > 1) else {
            continue;
        };
        let key = String::from_utf8_lossy(key).trim_start_matches(FOLD_PREFIX).to_string();
        // Against names written in the gazetteer; forms both entities derive
        // from one shared alias are that alias's problem, reported above.
        let written =
            |p: &&Payload| p.entity != derived.entity && p.kind == MatchKind::Exact && !p.context_only();
        for other in payloads.iter().filter(written) {
            let (owner, victim) = (&g.entities()[entity(derived)], &g.entities()[entity(other)]);
            let source = &g.aliases_of(entity(derived))[usize::from(derived.alias)];
            let what = if derived.kind == MatchKind::Inflection { "a case form" } else { "a romanization" };
            found.push(Diagnostic {
                severity: Severity::Warning,
                location: source.location.clone(),
                message: format!(
                    "`{key}`, {what} of `{}` (`{}`), is also a name of `{}` ({})",
                    source.text, owner.id, victim.id, victim.location
                ),
                suggestion: "mentions written this way are ambiguous; if the form is wrong for one of them, set inflect=no or translit=no on that alias".into(),
            });
        }
    }
}

/// The same key twice for one entity: the second row adds nothing.
fn repeated(g: &Gazetteer, users: &[(usize, usize)], found: &mut Vec<Diagnostic>) {
    // Each entity's first alias with the key (a surname can have thousands
    // of users).
    let mut firsts: HashMap<usize, usize> = HashMap::with_capacity(users.len());
    for &(entity, alias) in users {
        let first = *firsts.entry(entity).or_insert(alias);
        if first != alias {
            let (a, b) = (&g.aliases()[alias], &g.aliases()[first]);
            found.push(Diagnostic {
                severity: Severity::Warning,
                location: a.location.clone(),
                message: format!("alias `{}` of `{}` repeats `{}` ({})", a.text, g.entities()[entity].id, b.text, b.location),
                suggestion: "remove this row: canonical names are aliases already, and case, ё and typography are normalized".into(),
            });
        }
    }
}

/// An alias that is also a common word: written in lowercase it would tag
/// every use of the word; capitalized, it still matches at the start of a
/// sentence.
fn common_word(g: &Gazetteer, users: &[(usize, usize)], found: &mut Vec<Diagnostic>) {
    for &(entity, alias) in users {
        let a = &g.aliases()[alias];
        let lowercase = !a.text.chars().any(char::is_uppercase) || a.case == CaseRule::Any;
        if !lowercase && a.text.contains(char::is_whitespace) {
            continue; // a capitalized phrase is rarely a phrase of common words
        }
        let (message, suggestion) = if lowercase {
            (
                format!(
                    "alias `{}` of `{}` is a common word and matches in any letter case",
                    a.text,
                    g.entities()[entity].id
                ),
                "capitalize it (or set case=title) unless the entity is really written in lowercase",
            )
        } else {
            (
                format!("alias `{}` of `{}` is also a common word", a.text, g.entities()[entity].id),
                "lowercase uses are not tagged, but a capitalized one at the start of a sentence is; prefer a longer alias or set context=yes if the word is frequent in your texts",
            )
        };
        found.push(Diagnostic {
            severity: Severity::Warning,
            location: a.location.clone(),
            message,
            suggestion: suggestion.into(),
        });
    }
}

/// A key several entities share: ambiguous unless the document resolves it.
fn shared(g: &Gazetteer, users: &[(usize, usize)], found: &mut Vec<Diagnostic>) {
    let mut entities: Vec<usize> = users.iter().map(|u| u.0).collect();
    entities.dedup();
    if entities.len() < 2 {
        return;
    }
    for &(entity, alias) in users {
        // At most `SHOWN` of the others by id, then how many more: a
        // surname of thousands of people is not listed whole on each row.
        const SHOWN: usize = 5;
        let others: Vec<&str> = entities
            .iter()
            .filter(|&&e| e != entity)
            .take(SHOWN)
            .map(|&e| g.entities()[e].id.as_str())
            .collect();
        let more = entities.len() - 1 - others.len();
        let more = if more > 0 { format!(" and {more} more") } else { String::new() };
        let a = &g.aliases()[alias];
        found.push(Diagnostic {
            severity: Severity::Warning,
            location: a.location.clone(),
            message: format!(
                "alias `{}` of `{}` is also an alias of {}{more}",
                a.text,
                g.entities()[entity].id,
                others.join(", ")
            ),
            suggestion: "mentions written this way are tagged only when the document names one of them in full; if your texts mean only one, remove the alias from the others".into(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pair_one_edit_apart_is_a_candidate() {
        let words = [
            "носков",
            "носкова",
            "носков",
            "нсоков",
            "носкав",
            "ноского",
            "оносков",
            "nato",
            "natto",
            "ntao",
            "nato",
            "noskov",
            "noskow",
            "nskov",
            "ёлкин",
            "елкин",
            "a",
            "b",
            "ab",
            "ba",
            "",
            "савелий носков",
            "савелий носкoв",
            "савелийносков",
        ];
        let mut names: Vec<(String, usize)> =
            words.iter().enumerate().map(|(i, w)| (w.to_string(), i)).collect();
        names.sort();
        let candidates = one_edit_candidates(&names);
        for i in 0..names.len() {
            for j in i + 1..names.len() {
                let (a, b) = (&names[i].0, &names[j].0);
                if a == b || strsim::osa_distance(a, b) == 1 {
                    assert!(candidates.contains(&(i, j)), "`{a}` / `{b}`");
                }
            }
        }
        assert!(candidates.len() < names.len() * (names.len() - 1) / 2, "not every pair");
    }

    #[test]
    fn near_duplicate_entities_and_derived_collisions() {
        let g = Gazetteer::from_sources([
            (
                "entities.csv",
                "id,type,name_en,name_ru\nkyiv,LOC,Kyiv,Киев\nkyiv-2,LOC,Kyyiv,\nkieva,PER,Anna Kieva,Анна Киева\n",
            ),
            ("aliases.csv", "id,alias\nkieva,Киева\n"),
        ])
        .unwrap();
        let messages: Vec<String> = lint(&g).iter().map(|d| d.to_string()).collect();
        let has = |s: &str| messages.iter().any(|m| m.contains(s));
        assert!(
            has("entity `kyiv-2` has a name like entity `kyiv` (entities.csv:2): `kyyiv` / `kyiv`"),
            "{messages:#?}"
        );
        assert!(has("`киева`, a case form of `Киев` (`kyiv`), is also a name of `kieva`"), "{messages:#?}");
    }

    #[test]
    fn shared_and_repeated_aliases() {
        let g = Gazetteer::from_sources([
            ("entities.csv", "id,type,name_en,name_ru\na,PER,Dmitry Peskov,\nb,PER,Dmitry Zhirnov,\n"),
            ("aliases.csv", "id,alias\na,Dmitry\nb,Dmitry\na,DMITRY PESKOV\n"),
        ])
        .unwrap();
        let found = lint(&g);
        let messages: Vec<String> = found.iter().map(|d| d.to_string()).collect();
        assert_eq!(found.len(), 3, "{messages:#?}");
        assert!(
            messages[0].starts_with("warning: aliases.csv:2: alias `Dmitry` of `a` is also an alias of b")
        );
        assert!(messages[2].contains(
            "aliases.csv:4: alias `DMITRY PESKOV` of `a` repeats `Dmitry Peskov` (entities.csv:2)"
        ));
    }
}
