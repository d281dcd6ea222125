//! The synthetic N-entity gazetteer: mostly Russian people (first name,
//! patronymic, surname; Cyrillic and romanized), plus companies, banks,
//! groups, regional ministries, settlements and regions.

use super::names::{self, Gender, Rng};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::io::{self, Write};
use std::path::Path;

/// What kind of thing an entity is, finer than its type label (the corpus
/// templates ask for a settlement or a region).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Sub {
    Person,
    Org,
    City,
    Region,
}

/// One generated entity with all its names.
pub struct GenEntity {
    pub id: String,
    pub sub: Sub,
    pub gender: Option<Gender>,
    pub name_en: String,
    pub name_ru: String,
    /// Listed aliases (canonical names are not repeated here).
    pub aliases: Vec<String>,
}

impl GenEntity {
    pub fn kind(&self) -> &'static str {
        match self.sub {
            Sub::Person => "PER",
            Sub::Org => "ORG",
            Sub::City | Sub::Region => "LOC",
        }
    }
}

/// Distinct surnames in three tiers, most realistic first: the common
/// surnames themselves; their stems with the other endings (`-ов/-ев`,
/// `-ин`, `-ский`, `-енко`); compounds (`Белосмирнов`). Returns the list and
/// where each tier ends.
pub fn surnames() -> (Vec<String>, [usize; 3]) {
    let mut seen = HashSet::new();
    let mut tiers: [Vec<String>; 3] = Default::default();
    for base in names::SURNAMES {
        let (stem, end) = ["ов", "ев", "ёв", "ин", "ын"]
            .iter()
            .find_map(|e| base.strip_suffix(e).map(|s| (s, *e)))
            .unwrap_or((base, ""));
        let last = stem.chars().last().unwrap_or(' ');
        let consonant = !"аеёиоуыэюяйь".contains(last);
        let mut variants = vec![base.to_string()];
        if consonant && end != "ин" && end != "ын" {
            variants.push(format!("{stem}ин"));
        }
        if consonant && (end == "ин" || end == "ын") {
            variants.push(format!("{stem}ов"));
        }
        if consonant && !"жшчщцкгх".contains(last) {
            variants.push(format!("{stem}ский"));
        }
        if consonant {
            variants.push(format!("{stem}енко"));
        }
        for (i, v) in variants.iter().enumerate() {
            if seen.insert(v.clone()) {
                tiers[(i > 0) as usize].push(v.clone());
            }
        }
        for prefix in names::SURNAME_PREFIXES.iter().filter(|p| !p.is_empty()) {
            for v in &variants {
                let name = format!("{prefix}{}", v.to_lowercase());
                if seen.insert(name.clone()) {
                    tiers[2].push(name);
                }
            }
        }
    }
    let ends = [tiers[0].len(), tiers[0].len() + tiers[1].len(), seen.len()];
    (tiers.concat(), ends)
}

/// Settlement names: prefix + root + suffix (`Новоозёрск`, `Каменово`,
/// `Усть-Борск`, `Белоград`).
pub fn settlements() -> Vec<String> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for suffix in names::PLACE_SUFFIXES {
        for root in names::PLACE_ROOTS {
            for prefix in names::PLACE_PREFIXES {
                let mut root = root.to_string();
                if prefix.is_empty() || prefix.ends_with('-') {
                    let mut c = root.chars();
                    root = c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default();
                }
                let name = format!("{prefix}{root}{suffix}");
                if seen.insert(name.clone()) {
                    out.push(name);
                }
            }
        }
    }
    out
}

/// The region adjective of a settlement: `Новоозёрск` → `Новоозёрская`.
fn region_adjective(settlement: &str) -> String {
    if settlement.ends_with("ск") {
        format!("{settlement}ая")
    } else if let Some(s) = settlement.strip_suffix('о') {
        format!("{s}ская")
    } else {
        format!("{settlement}ская")
    }
}

/// `k`-th element of a fixed pseudo-random permutation of `0..n` (a
/// 4-round Feistel network over the next power of 4, cycle-walking back
/// into range): distinct `k < n` give distinct results, well scattered.
fn permute(k: usize, n: usize, salt: u64) -> usize {
    let n = n as u64;
    let mut bits = 64 - n.saturating_sub(1).leading_zeros();
    bits += bits % 2;
    let half = (bits / 2).max(1);
    let mask = (1u64 << half) - 1;
    let mut x = k as u64 % n;
    loop {
        let (mut l, mut r) = (x >> half, x & mask);
        for round in 0..4u64 {
            let mut h = r ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (round << 32);
            h = (h ^ (h >> 31)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            h ^= h >> 29;
            (l, r) = (r, l ^ (h & mask));
        }
        x = (l << half) | r;
        if x < n {
            return x as usize;
        }
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// Generates `n` entities from `seed`. Shares: 90% people (55% men), 6%
/// organizations, 4% places. A person's first name + surname pair is unique
/// while the name space lasts (~1.2 M per gender), so the canonical names
/// are distinct; surnames alone are shared, as in real life.
pub fn generate(n: usize, seed: u64) -> Vec<GenEntity> {
    let mut rng = Rng::new(seed);
    let (surnames, tier_ends) = surnames();
    let settlements = settlements();
    let regions: Vec<String> = settlements.iter().map(|s| region_adjective(s)).collect();
    let mut out = Vec::with_capacity(n);
    let (mut men, mut women, mut orgs, mut cities, mut regs) = (0usize, 0usize, 0usize, 0usize, 0usize);
    for i in 0..n {
        let r = rng.below(100);
        if r < 90 {
            let man = rng.chance(0.55);
            let (first_count, k) = if man {
                men += 1;
                (names::MALE.len(), men - 1)
            } else {
                women += 1;
                (names::FEMALE.len(), women - 1)
            };
            // The k-th pair of this gender, tier by tier (see `surnames`).
            let mut lo = 0;
            let mut pair = None;
            for (t, &hi) in tier_ends.iter().enumerate() {
                let cap = first_count * (hi - lo);
                let before = first_count * lo;
                if k < before + cap || t == 2 {
                    let p = permute(k - before.min(k), cap, if man { 1 } else { 2 });
                    pair = Some((p % first_count, lo + p / first_count));
                    break;
                }
                lo = hi;
            }
            let (fi, si) = pair.expect("three tiers");
            let patronymic = names::MALE[rng.below(names::MALE.len())].1;
            let (first, patronymic, surname, gender) = if man {
                (names::MALE[fi].0.to_string(), patronymic.to_string(), surnames[si].clone(), Gender::M)
            } else {
                (
                    names::FEMALE[fi].to_string(),
                    names::feminine_patronymic(patronymic),
                    names::feminine_surname(&surnames[si]),
                    Gender::F,
                )
            };
            let name_ru = format!("{first} {surname}");
            out.push(GenEntity {
                id: format!("p{i:07}"),
                sub: Sub::Person,
                gender: Some(gender),
                name_en: names::romanize(&name_ru),
                name_ru,
                aliases: vec![format!("{first} {patronymic} {surname}"), surname],
            });
        } else if r < 96 {
            orgs += 1;
            let kind = rng.below(100);
            let brand_space = names::BRAND_HEADS.len() * names::BRAND_MIDS.len() * names::BRAND_TAILS.len();
            let (bi, round) = (permute(orgs, brand_space, 3), orgs / brand_space);
            let head = names::BRAND_HEADS[bi % names::BRAND_HEADS.len()];
            let mid = names::BRAND_MIDS[(bi / names::BRAND_HEADS.len()) % names::BRAND_MIDS.len()];
            let tail = names::BRAND_TAILS[bi / (names::BRAND_HEADS.len() * names::BRAND_MIDS.len())];
            let mut brand = format!("{head}{mid}{tail}");
            if round > 0 {
                write!(brand, "-{}", round + 1).expect("write to String");
            }
            let latin = names::romanize(&brand);
            let e = if kind < 45 {
                GenEntity {
                    id: format!("o{i:07}"),
                    sub: Sub::Org,
                    gender: None,
                    name_en: format!("{latin} LLC"),
                    name_ru: format!("ООО «{brand}»"),
                    aliases: vec![brand.clone()],
                }
            } else if kind < 60 {
                GenEntity {
                    id: format!("o{i:07}"),
                    sub: Sub::Org,
                    gender: None,
                    name_en: format!("{latin} Bank"),
                    name_ru: format!("Банк «{brand}»"),
                    aliases: vec![format!("{brand}-Банк")],
                }
            } else if kind < 85 {
                GenEntity {
                    id: format!("o{i:07}"),
                    sub: Sub::Org,
                    gender: None,
                    name_en: format!("{latin} Group"),
                    name_ru: format!("Группа компаний «{brand}»"),
                    aliases: vec![format!("ГК «{brand}»")],
                }
            } else {
                let (topic_ru, topic_en, short) = *rng.pick(names::MINISTRIES);
                let region = &regions[permute(orgs, regions.len(), 4)];
                let region_gen = names::place_case(&format!("{region} область"), names::Case::Gen)
                    .unwrap_or_else(|| format!("{region} области"));
                let region_en = names::romanize(&settlements[permute(orgs, regions.len(), 4)]);
                let mut aliases = Vec::new();
                if !short.is_empty() {
                    aliases.push(format!("{short} {region_gen}"));
                }
                GenEntity {
                    id: format!("o{i:07}"),
                    sub: Sub::Org,
                    gender: None,
                    name_en: format!("Ministry of {topic_en} of {region_en} Oblast"),
                    name_ru: format!("Министерство {topic_ru} {region_gen}"),
                    aliases,
                }
            }
            .with_capital_en();
            out.push(e);
        } else if rng.chance(0.7) {
            cities += 1;
            let name = settlements[permute(cities, settlements.len(), 5)].clone();
            out.push(GenEntity {
                id: format!("l{i:07}"),
                sub: Sub::City,
                gender: None,
                name_en: names::romanize(&name),
                name_ru: name,
                aliases: Vec::new(),
            });
        } else {
            regs += 1;
            let k = permute(regs, settlements.len(), 6);
            let latin = names::romanize(&settlements[k]);
            let adj = &regions[k];
            out.push(GenEntity {
                id: format!("l{i:07}"),
                sub: Sub::Region,
                gender: None,
                name_en: format!("{latin} Oblast"),
                name_ru: format!("{adj} область"),
                aliases: vec![format!("{latin} Region"), format!("{adj} обл.")],
            });
        }
    }
    out
}

impl GenEntity {
    fn with_capital_en(mut self) -> GenEntity {
        self.name_en = capitalize(&self.name_en);
        self
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Writes the gazetteer files into `dir` (created): `entities-people.csv`
/// (with the optional `gender` column), `entities-organizations.csv`,
/// `entities-places.csv` and the matching `aliases-*.csv`.
pub fn write(dir: &Path, entities: &[GenEntity]) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let open = |name: &str| -> io::Result<io::BufWriter<std::fs::File>> {
        Ok(io::BufWriter::with_capacity(1 << 20, std::fs::File::create(dir.join(name))?))
    };
    let mut ent_p = open("entities-people.csv")?;
    let mut ent_o = open("entities-organizations.csv")?;
    let mut ent_l = open("entities-places.csv")?;
    let mut ali_p = open("aliases-people.csv")?;
    let mut ali_o = open("aliases-organizations.csv")?;
    let mut ali_l = open("aliases-places.csv")?;
    writeln!(ent_p, "id,type,name_en,name_ru,gender")?;
    writeln!(ent_o, "id,type,name_en,name_ru")?;
    writeln!(ent_l, "id,type,name_en,name_ru")?;
    for w in [&mut ali_p, &mut ali_o, &mut ali_l] {
        writeln!(w, "id,alias")?;
    }
    for e in entities {
        let (ent, ali) = match e.sub {
            Sub::Person => (&mut ent_p, &mut ali_p),
            Sub::Org => (&mut ent_o, &mut ali_o),
            Sub::City | Sub::Region => (&mut ent_l, &mut ali_l),
        };
        write!(ent, "{},{},{},{}", e.id, e.kind(), csv_field(&e.name_en), csv_field(&e.name_ru))?;
        match e.gender {
            Some(Gender::M) => writeln!(ent, ",m")?,
            Some(Gender::F) => writeln!(ent, ",f")?,
            None => writeln!(ent)?,
        }
        for a in &e.aliases {
            writeln!(ali, "{},{}", e.id, csv_field(a))?;
        }
    }
    for mut w in [ent_p, ent_o, ent_l, ali_p, ali_o, ali_l] {
        w.flush()?;
    }
    Ok(())
}
