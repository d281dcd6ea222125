//! A minimal reader of gazetteer directories (`entities*.csv`,
//! `aliases*.csv`), independent of the engine's loader, for the corpus
//! generator and the aho-corasick baseline: per entity its type, gender and
//! every name (canonical names first, then listed aliases).

use super::names::Gender;
use std::collections::HashMap;
use std::path::Path;

pub struct GazEntity {
    pub id: String,
    pub kind: String,
    pub gender: Option<Gender>,
    /// `name_en`, `name_ru` (when not empty), then the listed aliases.
    pub names: Vec<String>,
}

fn files(dir: &Path, prefix: &str) -> Result<Vec<std::path::PathBuf>, String> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with(prefix) && name.ends_with(".csv")
        })
        .collect();
    out.sort();
    Ok(out)
}

fn rows(path: &Path) -> Result<(Vec<String>, Vec<csv::StringRecord>), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    let mut reader =
        csv::ReaderBuilder::new().comment(Some(b'#')).trim(csv::Trim::All).flexible(true).from_reader(bytes);
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("{}: {e}", path.display()))?
        .iter()
        .map(str::to_string)
        .collect();
    let records =
        reader.records().collect::<Result<Vec<_>, _>>().map_err(|e| format!("{}: {e}", path.display()))?;
    Ok((header, records))
}

fn column(header: &[String], name: &str) -> Option<usize> {
    header.iter().position(|h| h == name)
}

/// Reads every entity of the gazetteer in `dir`.
pub fn read(dir: &Path) -> Result<Vec<GazEntity>, String> {
    let mut entities = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for path in files(dir, "entities")? {
        let (header, records) = rows(&path)?;
        let col = |n| column(&header, n);
        let (id, kind, en, ru, gender) =
            (col("id"), col("type"), col("name_en"), col("name_ru"), col("gender"));
        let id = id.ok_or_else(|| format!("{}: no id column", path.display()))?;
        for r in records {
            let get = |c: Option<usize>| c.and_then(|c| r.get(c)).unwrap_or("").to_string();
            let mut names = Vec::new();
            for n in [get(en), get(ru)] {
                if !n.is_empty() {
                    names.push(n);
                }
            }
            let gender = match get(gender).as_str() {
                "m" => Some(Gender::M),
                "f" => Some(Gender::F),
                _ => None,
            };
            let e = GazEntity { id: get(Some(id)), kind: get(kind), gender, names };
            if e.id.is_empty() {
                continue;
            }
            by_id.insert(e.id.clone(), entities.len());
            entities.push(e);
        }
    }
    for path in files(dir, "aliases")? {
        let (header, records) = rows(&path)?;
        let (id, alias) = (column(&header, "id"), column(&header, "alias"));
        let (Some(id), Some(alias)) = (id, alias) else {
            return Err(format!("{}: no id or alias column", path.display()));
        };
        for r in records {
            let (Some(id), Some(alias)) = (r.get(id), r.get(alias)) else { continue };
            if let (Some(&i), false) = (by_id.get(id), alias.is_empty()) {
                entities[i].names.push(alias.to_string());
            }
        }
    }
    Ok(entities)
}

/// Whether a name is written in Cyrillic (has a Cyrillic letter).
pub fn is_cyrillic(s: &str) -> bool {
    s.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
}
