//! The synthetic news corpus: JSON Lines documents of 1–5 KB, Russian or
//! English, built from sentence templates into which names from the
//! generated gazetteer and from the default gazetteer are inserted
//! (Russian ones also in the genitive, dative or instrumental).

use super::gazgen::{GenEntity, Sub};
use super::gazread::{is_cyrillic, GazEntity};
use super::names::{self, Case, Gender, Rng};
use super::templates as t;
use std::io::{self, Write};
use std::path::Path;

/// Share of Russian documents.
const RU_SHARE: f64 = 0.55;
/// Probability that a sentence comes from a template with names (the rest
/// have none); tuned for about 3 mentions per 100 words.
const NAMED_SHARE: f64 = 0.2;
/// Probability that a slot names an entity already named in the document.
const REUSE: f64 = 0.45;
/// Probability that a new person, organization or place comes from the
/// default gazetteer rather than the generated one.
const FROM_DEFAULT: f64 = 0.25;
const DOC_MIN: usize = 1000;
const DOC_MAX: usize = 5000;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    Per,
    Org,
    City,
    Region,
    /// A place of the default gazetteer (a country, a capital …).
    Place,
}

/// What a slot asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    Per,
    Org,
    AnyPlace,
    City,
    Region,
}

impl Want {
    fn accepts(self, c: Class) -> bool {
        match self {
            Want::Per => c == Class::Per,
            Want::Org => c == Class::Org,
            Want::AnyPlace => matches!(c, Class::City | Class::Region | Class::Place),
            Want::City => c == Class::City,
            Want::Region => c == Class::Region,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Ref {
    Gen(usize),
    Def(usize),
}

struct DefNamed {
    class: Class,
    kind: &'static str,
    gender: Option<Gender>,
    ru: Vec<String>,
    en: Vec<String>,
}

/// Counts of what was written.
#[derive(Default, Clone, Debug)]
pub struct Stats {
    pub docs: usize,
    pub text_bytes: usize,
    pub words: usize,
    pub mentions: usize,
    pub mentions_default: usize,
    pub mentions_inflected: usize,
}

struct Gen<'a> {
    rng: Rng,
    gen: &'a [GenEntity],
    gen_by: [Vec<usize>; 4],
    def: Vec<DefNamed>,
    def_by: [Vec<usize>; 3],
    stats: Stats,
}

fn class_of(sub: Sub) -> Class {
    match sub {
        Sub::Person => Class::Per,
        Sub::Org => Class::Org,
        Sub::City => Class::City,
        Sub::Region => Class::Region,
    }
}

impl Gen<'_> {
    fn class(&self, r: Ref) -> Class {
        match r {
            Ref::Gen(i) => class_of(self.gen[i].sub),
            Ref::Def(i) => self.def[i].class,
        }
    }

    fn gender(&self, r: Ref) -> Option<Gender> {
        match r {
            Ref::Gen(i) => self.gen[i].gender,
            Ref::Def(i) => self.def[i].gender,
        }
    }

    fn kind(&self, r: Ref) -> &'static str {
        match r {
            Ref::Gen(i) => self.gen[i].kind(),
            Ref::Def(i) => self.def[i].kind,
        }
    }

    fn forms(&self, r: Ref, ru: bool) -> Vec<&str> {
        match r {
            Ref::Gen(i) => {
                let e = &self.gen[i];
                let canonical = if ru { &e.name_ru } else { &e.name_en };
                std::iter::once(canonical.as_str())
                    .chain(e.aliases.iter().map(String::as_str).filter(|a| is_cyrillic(a) == ru))
                    .collect()
            }
            Ref::Def(i) => {
                let d = &self.def[i];
                (if ru { &d.ru } else { &d.en }).iter().map(String::as_str).collect()
            }
        }
    }

    /// A new entity for `want`, with names in the document's script.
    fn fresh(&mut self, want: Want, ru: bool) -> Ref {
        for _ in 0..20 {
            let default = !matches!(want, Want::City | Want::Region) && self.rng.chance(FROM_DEFAULT);
            let r = if default {
                let pool = match want {
                    Want::Per => &self.def_by[0],
                    Want::Org => &self.def_by[1],
                    _ => &self.def_by[2],
                };
                if pool.is_empty() {
                    continue;
                }
                Ref::Def(pool[self.rng.below(pool.len())])
            } else {
                let pool = match want {
                    Want::Per => &self.gen_by[0],
                    Want::Org => &self.gen_by[1],
                    Want::City => &self.gen_by[2],
                    Want::Region => &self.gen_by[3],
                    Want::AnyPlace => {
                        if self.rng.chance(0.7) {
                            &self.gen_by[2]
                        } else {
                            &self.gen_by[3]
                        }
                    }
                };
                if pool.is_empty() {
                    continue;
                }
                Ref::Gen(pool[self.rng.below(pool.len())])
            };
            if !self.forms(r, ru).is_empty() {
                return r;
            }
        }
        // Tiny gazetteers may lack a class: any generated person will do.
        Ref::Gen(self.gen_by[0][self.rng.below(self.gen_by[0].len())])
    }

    /// The surface form of `r` for a slot: the first mention in a document
    /// prefers a multi-word name, later ones often the surname alone.
    fn surface(&mut self, r: Ref, ru: bool, first: bool, case: Option<Case>) -> String {
        let forms: Vec<String> = self.forms(r, ru).into_iter().map(String::from).collect();
        let forms: Vec<&str> = forms.iter().map(String::as_str).collect();
        let multi: Vec<&str> = forms.iter().copied().filter(|f| f.contains(' ')).collect();
        let single: Vec<&str> = forms.iter().copied().filter(|f| !f.contains(' ')).collect();
        let class = self.class(r);
        let form = if first && !multi.is_empty() {
            *self.rng.pick(&multi)
        } else if class == Class::Per && !single.is_empty() && self.rng.chance(0.6) {
            *self.rng.pick(&single)
        } else {
            *self.rng.pick(&forms)
        };
        let form = form.to_string();
        let Some(case) = case.filter(|_| ru) else { return form };
        let inflected = match self.kind(r) {
            "PER" => {
                let words: Vec<&str> = form.split(' ').collect();
                let g = self.gender(r).unwrap_or_else(|| names::guess_gender(&words));
                names::person_case(&form, g, case)
            }
            "ORG" => names::org_case(&form, case),
            _ => names::place_case(&form, case),
        };
        match inflected {
            Some(f) => {
                self.stats.mentions_inflected += 1;
                f
            }
            None => form,
        }
    }

    fn filler(&mut self, name: &str, ru: bool) -> Option<String> {
        let r = &mut self.rng;
        Some(match name {
            "N" => r.range(2, 999).to_string(),
            "PCT" if ru => format!("{},{}", r.range(0, 40), r.range(1, 9)),
            "PCT" => format!("{}.{}", r.range(0, 40), r.range(1, 9)),
            "Y" => r.range(2015, 2026).to_string(),
            "D" => format!("{} {}", r.range(1, 28), r.pick(t::MONTHS_RU_GEN)),
            "DATE" => format!("{} {}", r.pick(t::MONTHS_EN), r.range(1, 28)),
            "MONTH" => r.pick(t::MONTHS_EN).to_string(),
            "MONTH_PREP" => r.pick(t::MONTHS_RU_PREP).to_string(),
            "WD" if ru => r.pick(t::WEEKDAYS_RU).to_string(),
            "WD" => r.pick(t::WEEKDAYS_EN).to_string(),
            "S" => format!("{}:{}", r.range(0, 5), r.range(0, 5)),
            _ => return None,
        })
    }

    /// Renders one template into `out`.
    fn sentence(&mut self, template: &str, ru: bool, cast: &mut Vec<Ref>, out: &mut String) {
        enum Piece<'s> {
            Text(&'s str),
            Filler(String),
            Name(String, Option<Gender>),
            Agree,
        }
        let mut pieces: Vec<Piece> = Vec::new();
        let mut used: Vec<Ref> = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            pieces.push(Piece::Text(&rest[..open]));
            let close = open + rest[open..].find('}').expect("closed slot");
            let slot = &rest[open + 1..close];
            rest = &rest[close + 1..];
            if slot == "a" {
                pieces.push(Piece::Agree);
                continue;
            }
            if let Some(text) = self.filler(slot, ru) {
                pieces.push(Piece::Filler(text));
                continue;
            }
            let (name, case) = match slot.split_once('_') {
                Some((n, "gen")) => (n, Some(Case::Gen)),
                Some((n, "dat")) => (n, Some(Case::Dat)),
                Some((n, "ins")) => (n, Some(Case::Ins)),
                _ => (slot, None),
            };
            let want = match name {
                "P" => Want::Per,
                "O" => Want::Org,
                "L" => Want::AnyPlace,
                "CITY" => Want::City,
                "REGION" => Want::Region,
                other => panic!("unknown slot {other}"),
            };
            let reusable: Vec<Ref> = cast
                .iter()
                .copied()
                .filter(|r| {
                    want.accepts(self.class(*r)) && !used.contains(r) && !self.forms(*r, ru).is_empty()
                })
                .collect();
            let r = if !reusable.is_empty() && self.rng.chance(REUSE) {
                *self.rng.pick(&reusable)
            } else {
                let mut r = self.fresh(want, ru);
                for _ in 0..5 {
                    if !used.contains(&r) {
                        break;
                    }
                    r = self.fresh(want, ru);
                }
                r
            };
            let first = !cast.contains(&r);
            if first {
                cast.push(r);
            }
            used.push(r);
            let text = self.surface(r, ru, first, case);
            self.stats.mentions += 1;
            if matches!(r, Ref::Def(_)) {
                self.stats.mentions_default += 1;
            }
            let gender = (self.class(r) == Class::Per).then(|| self.gender(r).unwrap_or(Gender::M));
            pieces.push(Piece::Name(text, gender));
        }
        pieces.push(Piece::Text(rest));
        for (i, piece) in pieces.iter().enumerate() {
            match piece {
                Piece::Text(s) => out.push_str(s),
                Piece::Filler(s) | Piece::Name(s, _) => out.push_str(s),
                Piece::Agree => {
                    let gender_of = |p: &Piece| match p {
                        Piece::Name(_, g) => *g,
                        _ => None,
                    };
                    let before = pieces[..i].iter().rev().find_map(gender_of);
                    let g = before.or_else(|| pieces[i + 1..].iter().find_map(gender_of));
                    if g == Some(Gender::F) {
                        out.push('а');
                    }
                }
            }
        }
    }

    fn document(&mut self, out: &mut String) {
        out.clear();
        let ru = self.rng.chance(RU_SHARE);
        let target = self.rng.range(DOC_MIN, DOC_MAX);
        let mut cast = Vec::new();
        let mut sentence = String::new();
        'doc: loop {
            let sentences = self.rng.range(2, 5);
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            for k in 0..sentences {
                let named = self.rng.chance(NAMED_SHARE);
                let list = match (ru, named) {
                    (true, true) => t::RU_NAMED,
                    (true, false) => t::RU_PLAIN,
                    (false, true) => t::EN_NAMED,
                    (false, false) => t::EN_PLAIN,
                };
                let template = *self.rng.pick(list);
                sentence.clear();
                let before = self.stats.clone();
                self.sentence(template, ru, &mut cast, &mut sentence);
                if sentence.contains("..") {
                    sentence = sentence.replace("..", "."); // `обл.` at the end
                }
                if out.len() + sentence.len() + 1 > DOC_MAX + 120 && out.len() >= DOC_MIN {
                    self.stats = before;
                    break 'doc;
                }
                if k > 0 {
                    out.push(' ');
                }
                out.push_str(&sentence);
                if out.len() >= target {
                    break 'doc;
                }
            }
        }
        let out_trimmed = out.trim_end().len();
        out.truncate(out_trimmed);
    }
}

/// Default-gazetteer entities usable in the corpus (PER, ORG, LOC).
fn default_named(default: &[GazEntity]) -> Vec<DefNamed> {
    default
        .iter()
        .filter_map(|e| {
            let (class, kind) = match e.kind.as_str() {
                "PER" => (Class::Per, "PER"),
                "ORG" => (Class::Org, "ORG"),
                "LOC" => (Class::Place, "LOC"),
                _ => return None,
            };
            let mut ru: Vec<String> = e.names.iter().filter(|n| is_cyrillic(n)).cloned().collect();
            let mut en: Vec<String> = e.names.iter().filter(|n| !is_cyrillic(n)).cloned().collect();
            ru.dedup();
            en.dedup();
            let gender = e.gender.or_else(|| {
                let longest = ru.iter().max_by_key(|n| n.split(' ').count())?;
                Some(names::guess_gender(&longest.split(' ').collect::<Vec<_>>()))
            });
            Some(DefNamed { class, kind, gender, ru, en })
        })
        .collect()
}

/// Writes a corpus of at least `min_bytes` bytes to `path`.
pub fn write(
    path: &Path,
    generated: &[GenEntity],
    default: &[GazEntity],
    seed: u64,
    min_bytes: usize,
) -> io::Result<Stats> {
    let mut gen_by: [Vec<usize>; 4] = Default::default();
    for (i, e) in generated.iter().enumerate() {
        gen_by[match e.sub {
            Sub::Person => 0,
            Sub::Org => 1,
            Sub::City => 2,
            Sub::Region => 3,
        }]
        .push(i);
    }
    let def = default_named(default);
    let mut def_by: [Vec<usize>; 3] = Default::default();
    for (i, d) in def.iter().enumerate() {
        def_by[match d.class {
            Class::Per => 0,
            Class::Org => 1,
            _ => 2,
        }]
        .push(i);
    }
    let mut g = Gen { rng: Rng::new(seed), gen: generated, gen_by, def, def_by, stats: Stats::default() };
    let tmp = path.with_extension("jsonl.tmp");
    let mut w = io::BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp)?);
    let mut written = 0usize;
    let mut text = String::new();
    while written < min_bytes {
        g.document(&mut text);
        g.stats.docs += 1;
        g.stats.text_bytes += text.len();
        g.stats.words += text.split_whitespace().count();
        let id = format!("d{:07}", g.stats.docs);
        let line =
            serde_json::to_string(&serde_json::json!({ "id": id, "text": text })).expect("JSON of strings");
        w.write_all(line.as_bytes())?;
        w.write_all(b"\n")?;
        written += line.len() + 1;
    }
    w.flush()?;
    drop(w);
    std::fs::rename(&tmp, path)?;
    Ok(g.stats)
}
