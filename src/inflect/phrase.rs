//! Multi-word names: tokens, the agreeing head group of a common name, the
//! words of a person's name, hyphenated words, and joining the declined words
//! back into phrase forms.
//!
//! A common name (place, organization) declines its leading adjectives and the
//! first noun after them; the rest is a fixed complement (`Банка России`,
//! `Министерства иностранных дел`). In a person's name every word declines
//! by its role (first name, patronymic, surname) and the name's gender.

use super::names;
use super::paradigms::{self, adj_gender, adj_para, is_plural, NounCtx, Para};
use super::{key_of, recase, Gender, Hints, NameKind, Number};
use crate::tokenize::{is_alphanumeric, is_letter, is_uppercase, to_lowercase};
use std::rc::Rc;

/// Per case (index as in [`super::Case::ALL`]), the cased variants of one
/// token's core.
pub(crate) type Cells = [Vec<String>; 6];

/// At most this many texts per case (spelling variants multiply).
const MAX_VARIANTS: usize = 8;

/// Middle parts of a hyphenated place name that freeze what follows
/// (`Ростов-на-Дону`).
const PREPOSITIONS: &[&str] = &["на", "под", "над", "де", "ла", "ле", "сюр", "ан", "ам", "дель"];

/// Hyphenated names whose first part declines and the rest does not.
const FIRST_PART_ONLY: &[&str] = &["гвинея-бисау"];

/// One whitespace-separated token of the input.
#[derive(Debug)]
pub(crate) struct Token<'a> {
    /// Leading punctuation (quotes, brackets).
    pub pre: &'a str,
    /// The word itself.
    pub core: &'a str,
    /// Trailing punctuation.
    pub post: &'a str,
    /// Whitespace after the token, as written.
    pub sep: &'a str,
    /// Lower-case core with `ё` written as `е`.
    pub key: String,
}

impl<'a> Token<'a> {
    /// Splits a token into punctuation and core.
    fn new(text: &'a str, sep: &'a str) -> Self {
        let start = text.find(is_alphanumeric).unwrap_or(text.len());
        let end = text
            .char_indices()
            .rev()
            .find(|&(_, c)| is_alphanumeric(c))
            .map_or(start, |(i, c)| i + c.len_utf8())
            .max(start);
        let core = &text[start..end];
        let key = key_of(&to_lowercase(core));
        let (pre, post) = (&text[..start], &text[end..]);
        Token { pre, core, post, sep, key }
    }

    /// A Cyrillic word (letters and inner hyphens), two letters or more; a
    /// part may start with an elided article (`Кот-д'Ивуар`, `О'Нил`).
    pub(crate) fn is_word(&self) -> bool {
        let letters = |p: &str| !p.is_empty() && p.chars().all(is_cyrillic);
        self.core.chars().count() >= 2 && self.core.split('-').all(|p| letters(split_elision(p).1))
    }

    /// ALL-CAPS (two letters or more).
    fn is_caps(&self) -> bool {
        let letters = self.core.chars().filter(|&c| is_letter(c));
        letters.clone().count() >= 2 && letters.clone().all(is_uppercase)
    }

    /// The key of the last hyphen part.
    fn last_key(&self) -> &str {
        self.key.rsplit('-').next().unwrap_or("")
    }
}

/// The forms of every token, and the number of the phrase.
pub(crate) struct Plan {
    /// Cells per token (shared: a person's words come from a memo).
    pub cells: Vec<Rc<Cells>>,
    /// Singular or plural.
    pub number: Number,
}

/// Which rules a phrase follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Person,
    Noun,
    Both,
}

/// A Cyrillic letter.
fn is_cyrillic(c: char) -> bool {
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё')
}

/// Apostrophes that mark an elision: ASCII, typographic, modifier letter.
const APOSTROPHES: &[char] = &['\'', '’', 'ʼ'];

/// Splits an elided article off a word part: one letter and an apostrophe
/// before a word of two letters or more (`д'Ивуар` → `д'` + `Ивуар`, `О'Нил`).
/// Parts without one give an empty prefix.
pub(crate) fn split_elision(part: &str) -> (&str, &str) {
    let mut chars = part.char_indices();
    if let (Some((_, c)), Some((i, a))) = (chars.next(), chars.next()) {
        let cut = i + a.len_utf8();
        let rest = &part[cut..];
        if is_cyrillic(c) && APOSTROPHES.contains(&a) && rest.chars().count() >= 2 {
            return (&part[..cut], rest);
        }
    }
    ("", part)
}

/// The cells of a word part that may start with an elided article: `decline`
/// gets the word after it and its key, and the article is kept in front.
fn elided(part: &str, decline: impl FnOnce(&str, &str) -> Cells) -> Cells {
    let (article, word) = split_elision(part);
    let cells = decline(word, &key_of(&to_lowercase(word)));
    if article.is_empty() {
        return cells;
    }
    cells.map(|vs| vs.into_iter().map(|v| format!("{article}{v}")).collect())
}

/// Splits a phrase into tokens, keeping the whitespace between them.
pub(crate) fn tokenize(phrase: &str) -> Vec<Token<'_>> {
    let mut toks = Vec::new();
    let mut rest = phrase.trim();
    while !rest.is_empty() {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let after = &rest[end..];
        let sep_len = after.len() - after.trim_start().len();
        toks.push(Token::new(&rest[..end], &after[..sep_len]));
        rest = &after[sep_len..];
    }
    toks
}

/// A plan that keeps every token unchanged.
pub(crate) fn fixed_plan(toks: &[Token], plural: bool) -> Plan {
    let number = if plural { Number::Plur } else { Number::Sing };
    let cells = toks.iter().map(|t| Rc::new(fixed(t))).collect();
    Plan { cells, number }
}

/// The plans for a phrase: one, or two when the kind is unknown and the word
/// may be a surname or a place.
pub(crate) fn plans(toks: &[Token], hints: &Hints) -> Vec<Plan> {
    match mode(toks, hints) {
        Mode::Person => vec![person_plan(toks, hints)],
        Mode::Noun => vec![noun_plan(toks, hints)],
        Mode::Both => vec![person_plan(toks, hints), noun_plan(toks, hints)],
    }
}

/// Person rules, common-noun rules, or both.
fn mode(toks: &[Token], hints: &Hints) -> Mode {
    match hints.kind {
        _ if hints.plural => Mode::Noun,
        Some(NameKind::Person) => Mode::Person,
        Some(_) => Mode::Noun,
        None => guess_mode(toks),
    }
}

/// The mode of a phrase of unknown kind (see the module doc).
fn guess_mode(toks: &[Token]) -> Mode {
    if names::has_person_word(&word_keys(toks)) {
        return Mode::Person;
    }
    let [t] = toks else { return Mode::Noun };
    let single = t.is_word() && !t.core.contains('-') && !t.is_caps();
    if !single || !t.core.starts_with(is_uppercase) {
        Mode::Noun
    } else if names::has_surname_suffix(&t.key) {
        Mode::Both
    } else if t.key.ends_with('ь') && !paradigms::known_soft(&t.key) {
        Mode::Person
    } else {
        Mode::Noun
    }
}

/// Keys of all word parts (hyphen parts separately).
fn word_keys(toks: &[Token]) -> Vec<String> {
    toks.iter()
        .filter(|t| t.is_word())
        .flat_map(|t| t.key.split('-').map(str::to_string).collect::<Vec<_>>())
        .collect()
}

/// Every word of a person's name declines by its role and the name's gender.
fn person_plan(toks: &[Token], hints: &Hints) -> Plan {
    let gender = hints.gender.or_else(|| names::gender_of(&word_keys(toks)));
    let words: Vec<&Token> = toks.iter().filter(|t| t.is_word()).collect();
    let last_keys: Vec<&str> = words.iter().map(|t| t.last_key()).collect();
    let first = names::first_is_given_name(&last_keys).then(|| words[0]);
    let cells =
        toks.iter().map(|t| person_cells(t, gender, first.is_some_and(|f| std::ptr::eq(f, t)))).collect();
    Plan { cells, number: Number::Sing }
}

/// One word of a person's name; in a hyphenated word the last part declines,
/// earlier parts only if they are surnames or feminine first names.
fn person_cells(t: &Token, gender: Option<Gender>, as_first: bool) -> Rc<Cells> {
    if !t.is_word() {
        return Rc::new(fixed(t));
    }
    // Given names and patronymics recur across thousands of full names:
    // each word's cells are computed once per thread, for each (gender,
    // first name or not) it is met with. Bounded: about 16,000 words.
    type Memo = rustc_hash::FxHashMap<Box<str>, Vec<(u8, Rc<Cells>)>>;
    thread_local! {
        static CELLS: std::cell::RefCell<Memo> = Default::default();
    }
    let slot = (2 * gender.map_or(0, |g| 1 + g as usize) + usize::from(as_first)) as u8;
    let known =
        |memo: &Memo| memo.get(t.core)?.iter().find(|(s, _)| *s == slot).map(|(_, cells)| cells.clone());
    if let Some(cells) = CELLS.with_borrow(known) {
        return cells;
    }
    let cells = Rc::new(person_word_cells(t, gender, as_first));
    CELLS.with_borrow_mut(|memo| {
        if memo.len() >= 1 << 14 {
            memo.clear();
        }
        memo.entry(t.core.into()).or_default().push((slot, cells.clone()));
    });
    cells
}

/// [`person_cells`] of a word, computed.
fn person_word_cells(t: &Token, gender: Option<Gender>, as_first: bool) -> Cells {
    let n = t.core.split('-').count();
    let parts = t.core.split('-').enumerate().map(|(i, p)| {
        elided(p, |p, key| {
            if i + 1 == n || names::part_declines(key) {
                part_cells(p, names::person_para(key, gender, as_first), true)
            } else {
                fixed_str(p)
            }
        })
    });
    join_parts(&parts.collect::<Vec<_>>())
}

/// A head group: leading adjectives and the noun after them.
struct Group {
    adjs: Vec<(usize, Para)>,
    noun: Option<usize>,
    end: usize,
    ctx: NounCtx,
}

/// Common-noun rules: head groups decline, the rest stays.
fn noun_plan(toks: &[Token], hints: &Hints) -> Plan {
    let animate = hints.kind == Some(NameKind::Person);
    let shouted = is_shouted(toks);
    let mut cells: Vec<Cells> = toks.iter().map(fixed).collect();
    let mut number = None;
    let mut start = after_fixed_head(toks, hints, shouted);
    while let Some(g) = group(toks, start, hints, shouted) {
        number.get_or_insert(if g.ctx.plural { Number::Plur } else { Number::Sing });
        apply(&g, toks, animate, &mut cells);
        match toks.get(g.end) {
            Some(t) if t.key == "и" && g.end + 1 < toks.len() => start = g.end + 1,
            _ => {
                post_adjective(&g, toks, animate, shouted, &mut cells);
                break;
            }
        }
    }
    let plural = hints.plural || number == Some(Number::Plur);
    let number = if plural { Number::Plur } else { Number::Sing };
    Plan { cells: cells.into_iter().map(Rc::new).collect(), number }
}

/// Where a name `X — Y` starts declining: after the dash when `X` is one
/// word that stays unchanged (an indeclinable noun or an abbreviation:
/// `Папуа — Новой Гвинеи`, `ХМАО — Югры`) and `Y` is a head group that ends
/// the name; otherwise at the first word, with the dash starting a fixed
/// complement.
fn after_fixed_head(toks: &[Token], hints: &Hints, shouted: bool) -> usize {
    let [head, dash, ..] = toks else { return 0 };
    if !is_dash(dash) {
        return 0;
    }
    let fixed_head = match group(toks, 0, hints, shouted) {
        None => true,
        Some(g) => g.end == 1 && g.adjs.is_empty() && unchanged(&noun_cells(head, g.ctx, false)),
    };
    let tail = group(toks, 2, hints, shouted).is_some_and(|g| g.end == toks.len());
    if fixed_head && tail {
        2
    } else {
        0
    }
}

/// A dash standing alone between two parts of a name (`—`, `–`, `-`).
fn is_dash(t: &Token) -> bool {
    t.core.is_empty() && ["—", "–", "-"].contains(&t.pre)
}

/// Cells that hold the nominative in every case.
fn unchanged(cells: &Cells) -> bool {
    cells.iter().all(|vs| vs == &cells[0])
}

/// The head group starting at `start`, if any word there declines.
fn group(toks: &[Token], start: usize, hints: &Hints, shouted: bool) -> Option<Group> {
    let mut adjs = leading_adjectives(toks, start, shouted);
    let i = start + adjs.len();
    let mut noun = toks.get(i).filter(|t| noun_like(t, shouted)).map(|_| i);
    if noun.is_none() && adjs.len() == 1 && proper_oj_noun(&toks[start]) {
        noun = adjs.pop().map(|a| a.0);
    }
    if adjs.is_empty() && noun.is_none() {
        return None;
    }
    let ctx = group_ctx(toks, &adjs, noun, hints);
    let end = noun.map_or(i, |k| k + 1);
    Some(Group { adjs, noun, end, ctx })
}

/// The adjectives from `start` on.
fn leading_adjectives(toks: &[Token], start: usize, shouted: bool) -> Vec<(usize, Para)> {
    // A plural possessive adjective only counts before a word it agrees with.
    let before_word = |i: usize| toks.get(i + 1).is_some_and(|n| n.is_word());
    let adj = |(i, t): (usize, &Token)| {
        adj_of(t, shouted).filter(|&p| p != Para::PossPlur || before_word(i)).map(|p| (i, p))
    };
    toks.iter().enumerate().skip(start).map_while(adj).collect()
}

/// A token that can head a group.
fn noun_like(t: &Token, shouted: bool) -> bool {
    declinable(t, shouted) || declinable_abbr(t)
}

/// Number and gender of a group, from the hints, its adjectives and its noun.
fn group_ctx(toks: &[Token], adjs: &[(usize, Para)], noun: Option<usize>, hints: &Hints) -> NounCtx {
    let plural = hints.plural
        || adjs.iter().any(|a| is_plural(a.1))
        || noun.is_some_and(|k| plural_noun(toks[k].last_key()));
    let gender = hints.gender.or(adjs.first().and_then(|a| adj_gender(a.1)));
    let place = hints.kind == Some(NameKind::Place);
    NounCtx { gender, proper: false, plural, place }
}

/// A lone capitalized word in `-ой` that is a place noun (`Джанкой`).
fn proper_oj_noun(t: &Token) -> bool {
    t.core.starts_with(is_uppercase) && paradigms::oj_place_noun(&t.key)
}

/// Declines the adjectives and the noun of a group.
fn apply(g: &Group, toks: &[Token], animate: bool, cells: &mut [Cells]) {
    for &(i, p) in &g.adjs {
        cells[i] = adj_cells(&toks[i], p, animate);
    }
    match g.noun {
        Some(k) if declinable_abbr(&toks[k]) => cells[k] = abbr_cells(&toks[k], animate),
        Some(k) => cells[k] = noun_cells(&toks[k], g.ctx, animate),
        None => {}
    }
}

/// Declines a single agreeing adjective that ends the phrase (`Ростов Великий`).
fn post_adjective(g: &Group, toks: &[Token], animate: bool, shouted: bool, cells: &mut [Cells]) {
    let Some(k) = g.noun.filter(|&k| k + 2 == toks.len()) else {
        return;
    };
    let Some(p) = adj_of(&toks[k + 1], shouted) else {
        return;
    };
    let key = toks[k].last_key();
    let gender = paradigms::agreement_gender(key, paradigms::noun_para(key, g.ctx));
    let agrees = if g.ctx.plural { is_plural(p) } else { gender.is_some() && gender == adj_gender(p) };
    if agrees {
        cells[k + 1] = adj_cells(&toks[k + 1], p, animate);
    }
}

/// A word that may decline: Cyrillic, and not an abbreviation.
fn declinable(t: &Token, shouted: bool) -> bool {
    t.is_word() && (shouted || !t.is_caps())
}

/// An abbreviation that declines by convention (`МИД → МИДа`).
fn declinable_abbr(t: &Token) -> bool {
    t.is_caps() && paradigms::listed(paradigms::DECLINABLE_ABBR, &t.key)
}

/// Forms of a declinable abbreviation: the letters as written, the ending in
/// lower case.
fn abbr_cells(t: &Token, animate: bool) -> Cells {
    let n = t.core.chars().count();
    let forms = paradigms::forms(&to_lowercase(t.core), Para::MascHard, animate);
    forms.map(|vs| vs.iter().map(|v| t.core.chars().chain(v.chars().skip(n)).collect()).collect())
}

/// The adjective class of a token; in a hyphenated adjective the earlier
/// parts must be linking stems (`Ханты-`, `Северо-`), not nouns.
fn adj_of(t: &Token, shouted: bool) -> Option<Para> {
    if !declinable(t, shouted) {
        return None;
    }
    let mut parts = t.key.rsplit('-');
    let last = parts.next()?;
    let linking = |p: &str| paradigms::back(p, 0).is_some_and(paradigms::is_vowel);
    if !parts.all(linking) {
        return None;
    }
    adj_para(last)
}

/// A plural name without a hint: `-ы`, or a listed `-и` plural.
fn plural_noun(key: &str) -> bool {
    let compound = paradigms::listed(paradigms::INDECL_COMPOUNDS, key);
    !compound && (key.ends_with('ы') || paradigms::listed(paradigms::PLURAL_I, key))
}

/// An ALL-CAPS phrase with an ALL-CAPS adjective: its words are words, not
/// abbreviations.
fn is_shouted(toks: &[Token]) -> bool {
    toks.iter()
        .any(|t| t.is_word() && t.is_caps() && t.core.chars().count() >= 5 && adj_of(t, true).is_some())
}

/// An adjective: only the last hyphen part declines.
fn adj_cells(t: &Token, p: Para, animate: bool) -> Cells {
    let n = t.core.split('-').count();
    let parts =
        t.core.split('-').enumerate().map(
            |(i, s)| {
                if i + 1 == n {
                    part_cells(s, p, animate)
                } else {
                    fixed_str(s)
                }
            },
        );
    join_parts(&parts.collect::<Vec<_>>())
}

/// How one part of a hyphenated noun behaves.
#[derive(Clone, Copy, PartialEq, Eq)]
enum PartRole {
    Fixed,
    Noun,
    Adj,
}

/// A head noun, hyphenated or not.
fn noun_cells(t: &Token, ctx: NounCtx, animate: bool) -> Cells {
    let keys: Vec<&str> = t.key.split('-').map(|k| split_elision(k).1).collect();
    let roles = hyphen_roles(&t.key, &keys);
    let cells = hyphen_cells(t, &roles, ctx, animate);
    if roles == [PartRole::Noun, PartRole::Noun] {
        // Орехово-Зуево: also the colloquial form with the first part fixed.
        let colloquial = [PartRole::Fixed, PartRole::Noun];
        return merge(cells, hyphen_cells(t, &colloquial, ctx, animate));
    }
    cells
}

/// The parts of a word declined by their roles and joined.
fn hyphen_cells(t: &Token, roles: &[PartRole], ctx: NounCtx, animate: bool) -> Cells {
    let parts = t.core.split('-').zip(roles);
    let cells: Vec<Cells> =
        parts.map(|(s, &r)| elided(s, |s, k| role_cells(s, k, r, ctx, animate))).collect();
    join_parts(&cells)
}

/// One part of a hyphenated noun.
fn role_cells(s: &str, key: &str, role: PartRole, ctx: NounCtx, animate: bool) -> Cells {
    let proper = s.starts_with(is_uppercase);
    match role {
        PartRole::Fixed => fixed_str(s),
        PartRole::Noun => {
            let para = paradigms::noun_para(key, NounCtx { proper, ..ctx });
            part_cells(s, para, animate)
        }
        PartRole::Adj => part_cells(s, adj_para(key).unwrap_or(Para::Indecl), animate),
    }
}

/// The variants of `a`, then those of `b` not in `a`, case by case.
fn merge(a: Cells, b: Cells) -> Cells {
    let mut out = a;
    for (cell, extra) in out.iter_mut().zip(b) {
        for v in extra {
            if !cell.contains(&v) {
                cell.push(v);
            }
        }
    }
    out
}

/// Which parts of a hyphenated noun decline (see the module doc of `inflect`).
fn hyphen_roles(key: &str, keys: &[&str]) -> Vec<PartRole> {
    use PartRole::*;
    let n = keys.len();
    let mut roles = vec![Fixed; n];
    let pair = |a: bool, b: bool| n == 2 && a && b;
    let declinable_o = |k: &str| paradigms::ends_any(k, &["ово", "ево", "ино"]);
    if paradigms::listed(FIRST_PART_ONLY, key) || keys[1..].iter().any(|k| PREPOSITIONS.contains(k)) {
        roles[0] = Noun;
    } else if pair(adj_para(keys[n - 1]).is_some(), !ends_vowel(keys[0])) {
        roles = vec![Noun, Adj];
    } else if pair(declinable_o(keys[0]), declinable_o(keys[n - 1])) {
        roles = vec![Noun, Noun];
    } else {
        roles[n - 1] = Noun;
    }
    roles
}

/// True when the word ends in a vowel.
fn ends_vowel(key: &str) -> bool {
    paradigms::back(key, 0).is_some_and(paradigms::is_vowel)
}

/// Declined and recased forms of one part of a word.
fn part_cells(orig: &str, para: Para, animate: bool) -> Cells {
    let lower = to_lowercase(orig);
    paradigms::forms(&lower, para, animate).map(|vs| vs.iter().map(|v| recase(orig, v)).collect())
}

/// A token that never changes.
fn fixed(t: &Token) -> Cells {
    fixed_str(t.core)
}

/// A string that never changes.
fn fixed_str(s: &str) -> Cells {
    std::array::from_fn(|_| vec![s.to_string()])
}

/// Joins hyphen parts case by case.
fn join_parts(parts: &[Cells]) -> Cells {
    std::array::from_fn(|ci| {
        let slots: Vec<&[String]> = parts.iter().map(|c| c[ci].as_slice()).collect();
        combine(&slots, |out, i, v| {
            if i > 0 {
                out.push('-');
            }
            out.push_str(v);
        })
    })
}

/// The texts of one case of a phrase.
pub(crate) fn texts(toks: &[Token], cells: &[Rc<Cells>], ci: usize) -> Vec<String> {
    let slots: Vec<&[String]> = cells.iter().map(|c| c[ci].as_slice()).collect();
    combine(&slots, |out, i, v| {
        let t = &toks[i];
        out.push_str(t.pre);
        out.push_str(v);
        out.push_str(t.post);
        out.push_str(t.sep);
    })
}

/// The primary text (first variant of every slot), then one text per extra
/// variant of a slot, at most [`MAX_VARIANTS`]: linear in the input length.
fn combine(slots: &[&[String]], render: impl Fn(&mut String, usize, &str)) -> Vec<String> {
    // Room for the words and a little punctuation around each.
    let len = slots.iter().map(|vs| vs.first().map_or(0, String::len) + 4).sum::<usize>();
    let build = |alt: Option<(usize, &str)>| {
        let mut s = String::with_capacity(len);
        for (i, vs) in slots.iter().enumerate() {
            let v = match alt {
                Some((j, a)) if j == i => a,
                _ => vs.first().map_or("", String::as_str),
            };
            render(&mut s, i, v);
        }
        s
    };
    let mut out = vec![build(None)];
    let extras = slots.iter().enumerate().flat_map(|(i, vs)| vs.iter().skip(1).map(move |v| (i, v.as_str())));
    for alt in extras.take(MAX_VARIANTS - 1) {
        out.push(build(Some(alt)));
    }
    out
}
