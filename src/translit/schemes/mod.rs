//! Transliteration tables, one file per scheme, and the rule engine that applies them.
//!
//! A table is a flat, ordered list of [`Rule`]s. At each position of a Cyrillic word the
//! engine takes the first rule (searching the given tables in order) whose letters match
//! and whose context conditions hold, emits its Latin text and moves past the letters.
//! Context-free single-letter rows come last in every table, so multi-letter rows,
//! word endings and contextual rows take precedence.

pub(crate) mod alalc;
pub(crate) mod bgn_pcgn;
pub(crate) mod french;
pub(crate) mod german;
pub(crate) mod gost779b;
pub(crate) mod icao;
pub(crate) mod iso9;
pub(crate) mod scholarly;
pub(crate) mod ungegn;
pub(crate) mod wikipedia;

use super::Scheme;

/// One transliteration rule: `(from, prev, next, to)`.
///
/// * `from`: one or more lowercase Cyrillic letters to replace;
/// * `prev`: letters one of which must directly precede `from` (`^` = word start),
///   or `""` for any context;
/// * `next`: letters one of which must directly follow `from` (`$` = word end),
///   or `""` for any context;
/// * `to`: the lowercase Latin replacement.
pub(crate) type Rule = (&'static str, &'static str, &'static str, &'static str);

/// A scheme spelling: tables searched in order (overlays first, then the base table).
pub(crate) type Tables = &'static [&'static [Rule]];

/// Letters that are not Russian but occur in post-Soviet names; used by every scheme
/// when no table row matches.
const FALLBACK: &[(char, &str)] = &[
    ('і', "i"),  // і (Ukrainian, Belarusian)
    ('ї', "yi"), // ї (Ukrainian)
    ('є', "ye"), // є (Ukrainian)
    ('ґ', "g"),  // ґ (Ukrainian)
    ('ў', "u"),  // ў (Belarusian, Uzbek)
];

/// Characters that mark ъ/ь or separate letters in some schemes; informal writing drops them.
const MARKS: &[char] = &['ʹ', 'ʺ', '’', '”', '\'', '"', '`', '·'];

/// The spellings generated for `scheme`: its standard form first, then informal variants.
/// (Statics, not constants, so that every table has one address.)
pub(crate) fn variants(scheme: Scheme) -> &'static [Tables] {
    static BGN_PCGN: [Tables; 2] = [&[bgn_pcgn::RULES], &[bgn_pcgn::PASSPORT, bgn_pcgn::RULES]];
    static ISO9: [Tables; 1] = [&[iso9::RULES]];
    static GOST779B: [Tables; 1] = [&[gost779b::RULES]];
    static ICAO: [Tables; 2] = [&[icao::RULES], &[icao::CHAT, icao::RULES]];
    static ALALC: [Tables; 2] = [&[alalc::RULES], &[alalc::RULES_ASCII]];
    static SCHOLARLY: [Tables; 1] = [&[scholarly::RULES]];
    static UNGEGN: [Tables; 1] = [&[ungegn::RULES]];
    static WIKIPEDIA: [Tables; 2] = [&[wikipedia::RULES], &[wikipedia::INFORMAL, wikipedia::RULES]];
    static GERMAN: [Tables; 1] = [&[german::RULES]];
    static FRENCH: [Tables; 2] = [&[french::RULES], &[french::PASSPORT, french::RULES]];
    match scheme {
        Scheme::BgnPcgn => &BGN_PCGN,
        Scheme::Iso9 => &ISO9,
        Scheme::Gost779B => &GOST779B,
        Scheme::Icao => &ICAO,
        Scheme::AlaLc => &ALALC,
        Scheme::Scholarly => &SCHOLARLY,
        Scheme::Ungegn => &UNGEGN,
        Scheme::Wikipedia => &WIKIPEDIA,
        Scheme::German => &GERMAN,
        Scheme::French => &FRENCH,
    }
}

/// Whether `c` is a Cyrillic letter (basic block and supplement).
pub(crate) fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

/// Removes the ъ/ь marks and separator dots of `text` (`Il’ich` → `Ilich`).
pub(crate) fn strip_marks(text: &str) -> String {
    text.chars().filter(|c| !MARKS.contains(c)).collect()
}

/// Transliterates every Cyrillic word of `text` with `tables`; other characters pass through.
pub(crate) fn apply(text: &str, tables: &[&'static [Rule]]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    let mut i = 0;
    while i < chars.len() {
        if !is_cyrillic(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let end = chars[i..].iter().position(|&c| !is_cyrillic(c)).map_or(chars.len(), |n| i + n);
        romanize_word(&chars[i..end], tables, &mut out);
        i = end;
    }
    out
}

/// Transliterates one Cyrillic word, keeping its case pattern.
fn romanize_word(word: &[char], tables: &[&'static [Rule]], out: &mut String) {
    let lower: Vec<char> = word.iter().map(|&c| to_lower(c)).collect();
    let all_caps = word.len() > 1 && word.iter().all(|c| c.is_uppercase());
    let mut i = 0;
    while i < word.len() {
        let upper = word[i].is_uppercase();
        match find_rule(&lower, i, tables) {
            Some((len, to)) => {
                push_cased(out, to, upper, all_caps);
                i += len;
            }
            None => {
                match FALLBACK.iter().find(|(c, _)| *c == lower[i]) {
                    Some((_, to)) => push_cased(out, to, upper, all_caps),
                    None => out.push(word[i]),
                }
                i += 1;
            }
        }
    }
}

fn to_lower(c: char) -> char {
    crate::tokenize::first_lowercase(c)
}

/// The first rule of `tables` that applies at `lower[i]`: its length in letters and output.
/// Only the rules whose first letter is `lower[i]` are tried (see [`by_first_letter`]).
fn find_rule(lower: &[char], i: usize, tables: &[&'static [Rule]]) -> Option<(usize, &'static str)> {
    let slot = letter_slot(lower[i]);
    tables.iter().find_map(|&table| {
        by_first_letter(table)[slot].iter().find_map(|&r| {
            let (from, prev, next, to) = table[usize::from(r)];
            rule_len(lower, i, from, prev, next).map(|len| (len, to))
        })
    })
}

/// Slots of the first-letter index: а..я, ё, anything else.
const SLOTS: usize = 34;

fn letter_slot(c: char) -> usize {
    match c {
        'а'..='я' => c as usize - 'а' as usize,
        'ё' => 32,
        _ => 33,
    }
}

/// For each first letter, the indices (in order) of the rules of `table`
/// that start with it: rule tables are scanned at every letter of every
/// name at build time, so they are indexed once per process, by address
/// (the tables are statics).
fn by_first_letter(table: &'static [Rule]) -> &'static [Vec<u16>; SLOTS] {
    type Slots = [Vec<u16>; SLOTS];
    static INDEX: std::sync::OnceLock<Vec<(usize, Slots)>> = std::sync::OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let tables = Scheme::ALL.iter().flat_map(|&s| variants(s).iter()).flat_map(|tables| tables.iter());
        let mut index: Vec<(usize, Slots)> = Vec::new();
        for &t in tables.filter(|t| t.len() <= usize::from(u16::MAX)) {
            if index.iter().any(|(address, _)| *address == t.as_ptr() as usize) {
                continue;
            }
            let mut slots: Slots = std::array::from_fn(|_| Vec::new());
            for (r, (from, ..)) in t.iter().enumerate() {
                match from.chars().next() {
                    Some(c) => slots[letter_slot(c)].push(r as u16),
                    None => slots.iter_mut().for_each(|s| s.push(r as u16)),
                }
            }
            index.push((t.as_ptr() as usize, slots));
        }
        index
    });
    let found = index.iter().find(|(address, _)| *address == table.as_ptr() as usize);
    // Every table is a static reached through `variants`, all indexed above.
    &found.expect("rule tables come from `variants`").1
}

/// Number of letters `from` covers at `lower[i]` if it matches there in context.
fn rule_len(lower: &[char], i: usize, from: &str, prev: &str, next: &str) -> Option<usize> {
    let mut len = 0;
    for c in from.chars() {
        if lower.get(i + len) != Some(&c) {
            return None;
        }
        len += 1;
    }
    let prev_ok = prev.is_empty()
        || match i.checked_sub(1) {
            None => prev.contains('^'),
            Some(p) => prev.contains(lower[p]),
        };
    let next_ok = next.is_empty()
        || match lower.get(i + len) {
            None => next.contains('$'),
            Some(&n) => next.contains(n),
        };
    (prev_ok && next_ok).then_some(len)
}

/// Appends `to`, capitalized if the source letter was uppercase, all-caps in an all-caps word.
fn push_cased(out: &mut String, to: &str, upper: bool, all_caps: bool) {
    if all_caps {
        out.extend(to.chars().flat_map(char::to_uppercase));
    } else if upper {
        let mut chars = to.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    } else {
        out.push_str(to);
    }
}
