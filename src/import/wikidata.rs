//! Wikidata JSON dump → gazetteer CSVs.
//!
//! The dump (`latest-all.json.gz`) is one JSON array with one entity per
//! line, each line but the last ending in `,`. It is read line by line in
//! bounded chunks; each chunk is parsed in parallel on the caller's Rayon
//! pool and written in input order, so memory does not grow with the dump.
//! Only the fields used are decoded (labels, aliases, descriptions, `P31`);
//! everything else is skipped by the parser without being built.

use crate::error::{Error, Result};
use crate::normalize::normalize_str;
use crate::tokenize::Tokens;
use rayon::prelude::*;
use serde::de::IgnoredAny;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::io::BufRead;
use std::path::Path;

/// Lines read per chunk (each chunk is parsed in parallel).
const CHUNK_LINES: usize = 4096;

/// The `P31` ("instance of") classes mapped to entity types when no map is
/// given: well-known classes only, since the importer does not follow the
/// subclass hierarchy. Extend with [`WikidataOptions::classes`].
pub const DEFAULT_CLASSES: &[(&str, &str)] = &[
    ("Q5", "PER"),        // human
    ("Q6256", "LOC"),     // country
    ("Q3624078", "LOC"),  // sovereign state
    ("Q515", "LOC"),      // city
    ("Q1549591", "LOC"),  // big city
    ("Q5119", "LOC"),     // capital
    ("Q486972", "LOC"),   // human settlement
    ("Q3957", "LOC"),     // town
    ("Q532", "LOC"),      // village
    ("Q10864048", "LOC"), // first-level administrative country subdivision
    ("Q35657", "LOC"),    // state of the United States
    ("Q82794", "LOC"),    // geographic region
    ("Q5107", "LOC"),     // continent
    ("Q43229", "ORG"),    // organization
    ("Q4830453", "ORG"),  // business
    ("Q783794", "ORG"),   // company
    ("Q891723", "ORG"),   // public company
    ("Q7278", "ORG"),     // political party
    ("Q484652", "ORG"),   // international organization
    ("Q327333", "ORG"),   // government agency
    ("Q2659904", "ORG"),  // government organization
    ("Q192283", "ORG"),   // news agency
    ("Q11032", "ORG"),    // newspaper
    ("Q3918", "ORG"),     // university
    ("Q163740", "ORG"),   // nonprofit organization
    ("Q176799", "ORG"),   // military unit
];

/// What to import.
#[derive(Clone, Debug)]
pub struct WikidataOptions {
    /// Languages whose aliases are kept (labels in `en` and `ru` become the
    /// canonical names). Default: `en`, `ru`.
    pub languages: Vec<String>,
    /// `P31` class QID → entity type. Default: [`DEFAULT_CLASSES`].
    pub classes: HashMap<String, String>,
    /// Type given to entities whose classes are not mapped; `None` skips them.
    pub unmapped: Option<String>,
}

impl Default for WikidataOptions {
    fn default() -> WikidataOptions {
        WikidataOptions {
            languages: vec!["en".into(), "ru".into()],
            classes: DEFAULT_CLASSES.iter().map(|(q, t)| (q.to_string(), t.to_string())).collect(),
            unmapped: None,
        }
    }
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportStats {
    /// Entity lines read.
    pub read: u64,
    /// Entities written.
    pub written: u64,
    /// Aliases written.
    pub aliases: u64,
    /// Entities skipped: not an item, or no mapped class.
    pub skipped_class: u64,
    /// Entities skipped: no English or Russian label.
    pub skipped_label: u64,
    /// Lines that are not valid JSON entities.
    pub bad_lines: u64,
    /// Bytes of input read (decompressed).
    pub bytes: u64,
}

#[derive(Deserialize)]
struct Entity {
    #[serde(rename = "type", default)]
    kind: String,
    id: String,
    #[serde(default)]
    labels: BTreeMap<String, Text>,
    #[serde(default)]
    descriptions: BTreeMap<String, Text>,
    #[serde(default)]
    aliases: BTreeMap<String, Vec<Text>>,
    #[serde(default)]
    claims: Claims,
}

#[derive(Deserialize)]
struct Text {
    value: String,
}

#[derive(Deserialize, Default)]
struct Claims {
    #[serde(rename = "P31", default)]
    instance_of: Vec<Statement>,
    #[serde(flatten)]
    _other: BTreeMap<String, IgnoredAny>,
}

#[derive(Deserialize)]
struct Statement {
    #[serde(default)]
    rank: String,
    mainsnak: Snak,
}

#[derive(Deserialize)]
struct Snak {
    datavalue: Option<DataValue>,
}

#[derive(Deserialize)]
struct DataValue {
    value: serde_json::Value,
}

/// One gazetteer entity and its aliases, ready to write.
struct Row {
    id: String,
    kind: String,
    name_en: String,
    name_ru: String,
    description: String,
    aliases: Vec<(String, String)>, // (alias, lang)
}

/// What one line became.
enum Parsed {
    Row(Row),
    NoClass,
    NoLabel,
    Bad,
    Skip, // the array's brackets, blank lines
}

/// Imports `dump` into `entities.csv` and `aliases.csv` in `out_dir`
/// (created if missing), calling `progress` after every chunk.
pub fn import(
    mut dump: impl BufRead,
    out_dir: &Path,
    options: &WikidataOptions,
    mut progress: impl FnMut(&ImportStats),
) -> Result<ImportStats> {
    std::fs::create_dir_all(out_dir).map_err(|e| Error::io(out_dir, e))?;
    let entities_path = out_dir.join("entities.csv");
    let aliases_path = out_dir.join("aliases.csv");
    let open = |p: &Path| std::fs::File::create(p).map(std::io::BufWriter::new).map_err(|e| Error::io(p, e));
    let mut entities = csv::Writer::from_writer(open(&entities_path)?);
    let mut aliases = csv::Writer::from_writer(open(&aliases_path)?);
    entities
        .write_record(["id", "type", "name_en", "name_ru", "description"])
        .map_err(|e| csv_error(&entities_path, e))?;
    aliases.write_record(["id", "alias", "lang"]).map_err(|e| csv_error(&aliases_path, e))?;
    let mut stats = ImportStats::default();
    let mut lines: Vec<String> = Vec::with_capacity(CHUNK_LINES);
    loop {
        let done =
            read_chunk(&mut dump, &mut lines, &mut stats).map_err(|e| Error::io(Path::new("<dump>"), e))?;
        let parsed: Vec<Parsed> = lines.par_iter().map(|line| parse(line, options)).collect();
        for p in parsed {
            match p {
                Parsed::Row(row) => {
                    stats.read += 1;
                    stats.written += 1;
                    stats.aliases += row.aliases.len() as u64;
                    let record = [&row.id, &row.kind, &row.name_en, &row.name_ru, &row.description];
                    entities.write_record(record).map_err(|e| csv_error(&entities_path, e))?;
                    for (alias, lang) in &row.aliases {
                        aliases
                            .write_record([&row.id, alias, lang])
                            .map_err(|e| csv_error(&aliases_path, e))?;
                    }
                }
                Parsed::NoClass => {
                    stats.read += 1;
                    stats.skipped_class += 1;
                }
                Parsed::NoLabel => {
                    stats.read += 1;
                    stats.skipped_label += 1;
                }
                Parsed::Bad => stats.bad_lines += 1,
                Parsed::Skip => {}
            }
        }
        progress(&stats);
        if done {
            break;
        }
    }
    entities.flush().map_err(|e| Error::io(&entities_path, e))?;
    aliases.flush().map_err(|e| Error::io(&aliases_path, e))?;
    Ok(stats)
}

fn csv_error(path: &Path, e: csv::Error) -> Error {
    Error::io(path, std::io::Error::other(e))
}

/// Fills `lines` with up to [`CHUNK_LINES`] lines; true at the end of input.
fn read_chunk(
    dump: &mut impl BufRead,
    lines: &mut Vec<String>,
    stats: &mut ImportStats,
) -> std::io::Result<bool> {
    lines.clear();
    let mut buf = Vec::new();
    while lines.len() < CHUNK_LINES {
        buf.clear();
        let n = dump.read_until(b'\n', &mut buf)?;
        if n == 0 {
            return Ok(true);
        }
        stats.bytes += n as u64;
        lines.push(String::from_utf8_lossy(&buf).into_owned());
    }
    Ok(false)
}

fn parse(line: &str, options: &WikidataOptions) -> Parsed {
    let line = line.trim_end();
    let line = line.strip_suffix(',').unwrap_or(line);
    if matches!(line, "" | "[" | "]") {
        return Parsed::Skip;
    }
    let Ok(entity) = serde_json::from_str::<Entity>(line) else {
        return Parsed::Bad;
    };
    if entity.kind != "item" {
        return Parsed::NoClass;
    }
    let Some(kind) = class(&entity, options) else {
        return Parsed::NoClass;
    };
    let label =
        |lang: &str| entity.labels.get(lang).map(|t| t.value.trim().to_string()).filter(|t| usable(t));
    let (name_en, name_ru) = (label("en").unwrap_or_default(), label("ru").unwrap_or_default());
    if name_en.is_empty() && name_ru.is_empty() {
        return Parsed::NoLabel;
    }
    let mut seen = vec![normalize_str(&name_en), normalize_str(&name_ru)];
    let mut aliases = Vec::new();
    for lang in &options.languages {
        for alias in entity.aliases.get(lang).into_iter().flatten() {
            let text = alias.value.trim();
            let key = normalize_str(text);
            if usable(text) && !seen.contains(&key) {
                seen.push(key);
                aliases.push((text.to_string(), lang.clone()));
            }
        }
    }
    let description = entity.descriptions.get("en").map(|t| t.value.clone()).unwrap_or_default();
    Parsed::Row(Row { id: entity.id, kind, name_en, name_ru, description, aliases })
}

/// The type of the first non-deprecated `P31` class the map knows.
fn class(entity: &Entity, options: &WikidataOptions) -> Option<String> {
    let classes = entity.claims.instance_of.iter().filter(|s| s.rank != "deprecated");
    let ids = classes.filter_map(|s| s.mainsnak.datavalue.as_ref()?.value.get("id")?.as_str());
    let mut ids = ids;
    ids.find_map(|id| options.classes.get(id).cloned()).or_else(|| options.unmapped.clone())
}

/// Whether a label or alias can be a gazetteer name: not too long, and with
/// a letter or digit (see the gazetteer limits).
fn usable(text: &str) -> bool {
    !text.is_empty()
        && text.chars().count() <= crate::gazetteer::MAX_ALIAS_CHARS
        && !Tokens::new(text).is_empty()
}

/// Reads a `qid,type` CSV class map (header optional).
pub fn read_class_map(path: &Path) -> Result<HashMap<String, String>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = csv::ReaderBuilder::new().has_headers(false).comment(Some(b'#')).from_reader(file);
    let mut map = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| Error::io(path, std::io::Error::other(e)))?;
        if let (Some(qid), Some(kind)) = (record.get(0), record.get(1)) {
            if qid.starts_with('Q') {
                map.insert(qid.trim().to_string(), kind.trim().to_string());
            }
        }
    }
    Ok(map)
}
