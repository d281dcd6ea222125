//! Reading gazetteer CSV files: headers, BOM and CRLF, split files, comment
//! lines, row → record, and every check that makes a row invalid.
//!
//! Problems are collected across all files; the load fails at the end with
//! all of them, so a user sees every mistake in one run.

use super::fmt::FileKind;
use super::options::{parse_flag, parse_gender, CaseRule, InflectRule, Lang};
use super::{Alias, Entity, Gazetteer, Origin};
use crate::error::{Error, Location, Problem, Result};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use xxhash_rust::xxh3::Xxh3;

/// Longest alias accepted, in characters (see README, "Limits").
pub const MAX_ALIAS_CHARS: usize = 512;
/// Most aliases one entity may have, canonical names included.
pub const MAX_ALIASES_PER_ENTITY: usize = 60_000;

const ENTITY_COLUMNS: [&str; 5] = ["id", "type", "name_en", "name_ru", "gender"];
const ALIAS_COLUMNS: [&str; 8] = ["id", "alias", "lang", "case", "inflect", "translit", "fuzzy", "context"];

pub(super) fn from_dir(dir: &Path) -> Result<Gazetteer> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut paths = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if FileKind::of(&path).is_some() && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        files.push((path, bytes));
    }
    if !files.iter().any(|(p, _)| FileKind::of(p) == Some(FileKind::Entities)) {
        let message = "no entities*.csv file in this directory (is it a gazetteer?)";
        return Err(Error::gazetteer(vec![Problem {
            location: Location::line(dir, 0),
            message: message.into(),
        }]));
    }
    from_sources(files)
}

pub(super) fn from_sources<N, C, I>(files: I) -> Result<Gazetteer>
where
    N: AsRef<Path>,
    C: AsRef<[u8]>,
    I: IntoIterator<Item = (N, C)>,
{
    let mut files: Vec<(PathBuf, C)> =
        files.into_iter().map(|(n, c)| (n.as_ref().to_path_buf(), c)).collect();
    files.sort_by(|a, b| (FileKind::of(&a.0), &a.0).cmp(&(FileKind::of(&b.0), &b.0)));
    let mut loader = Loader::default();
    let mut hasher = Xxh3::new();
    for (path, bytes) in &files {
        let bytes = bytes.as_ref();
        let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        hasher.update(name.as_bytes());
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
        match FileKind::of(path) {
            Some(FileKind::Entities) => loader.entities_file(path, bytes),
            Some(FileKind::Aliases) => loader.aliases_file(path, bytes),
            None => loader.problem(
                Location::line(path, 0),
                "file name must start with `entities` or `aliases` and end with `.csv`".into(),
            ),
        }
    }
    loader.finish(hasher.digest())
}

/// The header of a CSV file: its column names, and where each is.
struct Header {
    columns: HashMap<String, usize>,
    names: Vec<String>,
}

impl Header {
    /// Where `column` is, if the file has it.
    fn index(&self, column: &str) -> Option<usize> {
        self.columns.get(column).copied()
    }

    /// 1-based field number of `column`, for error locations.
    fn number(&self, column: &str) -> usize {
        self.index(column).map_or(0, |i| i + 1)
    }

    /// The fields of `row` in columns other than `known`, by name.
    fn extra(&self, row: &[&str], known: &[&str]) -> Vec<(String, String)> {
        let unknown = |(_, name): &(usize, &String)| !known.contains(&name.as_str());
        let pairs = self.names.iter().enumerate().filter(unknown);
        pairs.map(|(i, name)| (name.clone(), row[i].to_string())).collect()
    }
}

/// The fields of a row, by column name: where each column is found once
/// per file, not once per row.
struct Columns<const N: usize> {
    at: [Option<usize>; N],
}

impl<const N: usize> Columns<N> {
    fn of(header: &Header, names: &[&str; N]) -> Columns<N> {
        Columns { at: names.map(|name| header.index(name)) }
    }

    /// Field `column` (an index into the names) of `row`, empty if the
    /// file has no such column.
    fn get<'r>(&self, row: &[&'r str], column: usize) -> &'r str {
        self.at[column].map_or("", |i| row[i])
    }
}

#[derive(Default)]
struct Loader {
    problems: Vec<Problem>,
    entities: Vec<Entity>,
    ids: rustc_hash::FxHashMap<String, usize>,
    /// Well-formed ids of entity rows with problems (already reported).
    rejected: HashSet<String>,
    /// The file being read, shared by the locations of its rows.
    file: Option<Arc<Path>>,
    /// Listed aliases per entity, in file order.
    listed: Vec<Vec<Alias>>,
    /// Alias rows whose entity was not yet known (entity files load first,
    /// so these are errors).
    saw_entities_file: bool,
    /// The id of the last alias row, and its entity if known.
    last_alias_entity: (String, Option<usize>),
}

impl Loader {
    /// The location of a row of `path`, sharing the path with the others.
    fn row_location(&mut self, path: &Path, line: u64) -> Location {
        match &self.file {
            Some(file) if **file == *path => Location::in_file(file, line),
            _ => {
                let file: Arc<Path> = Arc::from(path);
                self.file = Some(file.clone());
                Location::in_file(&file, line)
            }
        }
    }

    fn problem(&mut self, location: Location, message: String) {
        self.problems.push(Problem { location, message });
    }

    /// Parses `bytes` as CSV with a header that has every `required` column,
    /// calling `each` with the header and every row after it (its line and
    /// fields), as it is read. False when the file cannot be read as a
    /// table (no rows are given then, or no more). With `reject_ids`, the id
    /// of a row dropped as not UTF-8 is marked rejected.
    fn rows(
        &mut self,
        path: &Path,
        bytes: &[u8],
        required: &[&str],
        reject_ids: bool,
        mut each: impl FnMut(&mut Self, &Header, u64, &[&str]),
    ) -> bool {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .comment(Some(b'#'))
            .from_reader(bytes);
        let mut header: Option<Header> = None;
        let mut lines = Lines::new(bytes);
        let mut record = csv::ByteRecord::new();
        loop {
            match reader.read_byte_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    self.problem(Location::line(path, line), format!("unreadable CSV: {e}"));
                    return false;
                }
            }
            let line = record.position().map_or(0, |p| lines.of(p.byte() as usize));
            if record.iter().all(|f| f.is_empty()) {
                continue; // blank line
            }
            let mut fields = Vec::with_capacity(record.len());
            if !self.fields(path, line, &record, &mut fields) {
                let Some(header) = &header else { return false };
                // An entity row dropped for its bytes: its aliases are not
                // reported again as of an unknown entity (as for other row
                // problems, see `entity_row`).
                let id = header.index("id").and_then(|i| record.get(i)).map(std::str::from_utf8);
                if let (true, Some(Ok(id))) = (reject_ids, id) {
                    if check_id(id).is_ok() {
                        self.rejected.insert(id.to_string());
                    }
                }
                continue;
            }
            match &header {
                None => match self.header(path, line, &fields, required) {
                    Some(names) => {
                        let columns = names.iter().enumerate().map(|(i, h)| (h.clone(), i)).collect();
                        header = Some(Header { columns, names });
                    }
                    None => return false,
                },
                Some(h) if h.names.len() != fields.len() => {
                    let message = format!(
                        "expected {} fields (as in the header: {}), found {}",
                        h.names.len(),
                        h.names.join(","),
                        fields.len()
                    );
                    let column = h.names.len().min(fields.len()) + 1;
                    self.problem(Location::line(path, line).with_column(column), message);
                }
                Some(h) => each(self, h, line, &fields),
            }
        }
        if header.is_none() {
            self.problem(Location::line(path, 1), "empty file: no header row".into());
            return false;
        }
        true
    }

    /// Decodes the fields of one record into `fields`; invalid UTF-8 is a
    /// problem, and false (the row is dropped).
    fn fields<'r>(
        &mut self,
        path: &Path,
        line: u64,
        record: &'r csv::ByteRecord,
        fields: &mut Vec<&'r str>,
    ) -> bool {
        for (i, field) in record.iter().enumerate() {
            match std::str::from_utf8(field) {
                Ok(s) => fields.push(s),
                Err(e) => {
                    let message = format!(
                        "invalid UTF-8 at byte {} of this field (save the file as UTF-8)",
                        e.valid_up_to()
                    );
                    self.problem(Location::line(path, line).with_column(i + 1), message);
                    return false;
                }
            }
        }
        true
    }

    fn header(&mut self, path: &Path, line: u64, fields: &[&str], required: &[&str]) -> Option<Vec<String>> {
        let before = self.problems.len();
        for (i, name) in fields.iter().enumerate() {
            let at = || Location::line(path, line).with_column(i + 1);
            if name.is_empty() {
                self.problem(at(), "empty column name in the header".into());
            } else if fields[..i].contains(name) {
                self.problem(at(), format!("column `{name}` appears twice in the header"));
            }
        }
        for name in required {
            if !fields.iter().any(|f| f == name) {
                let message = format!(
                    "missing required column `{name}` (the header has: {}; required: {})",
                    fields.join(","),
                    required.join(",")
                );
                self.problem(Location::line(path, line), message);
            }
        }
        (self.problems.len() == before).then(|| fields.iter().map(|f| f.to_string()).collect())
    }

    fn entities_file(&mut self, path: &Path, bytes: &[u8]) {
        self.saw_entities_file = true;
        // Room for a row per line at once: growing row by row copies every
        // entity again and again (at a million entities, a second of the
        // load went into page faults).
        let lines = bytes.iter().filter(|&&b| b == b'\n').count();
        self.entities.reserve(lines);
        self.listed.reserve(lines);
        self.ids.reserve(lines);
        let mut columns = None;
        self.rows(path, bytes, &["id", "type", "name_en", "name_ru"], true, |this, header, line, row| {
            let columns = columns.get_or_insert_with(|| Columns::of(header, &ENTITY_COLUMNS));
            this.entity_row(path, header, columns, line, row);
        });
    }

    fn entity_row(&mut self, path: &Path, header: &Header, columns: &Columns<5>, line: u64, row: &[&str]) {
        let at = |column: &str| Location::line(path, line).with_column(header.number(column));
        let get = |column: usize| columns.get(row, column);
        let before = self.problems.len();
        let id = get(0);
        if let Err(message) = check_id(id) {
            self.problem(at("id"), message);
        } else if let Some(&first) = self.ids.get(id) {
            let message = format!("duplicate id `{id}` (first defined at {})", self.entities[first].location);
            self.problem(at("id"), message);
        }
        let kind = get(1);
        if let Err(message) = check_type(kind) {
            self.problem(at("type"), message);
        }
        let (name_en, name_ru) = (get(2), get(3));
        if name_en.is_empty() && name_ru.is_empty() {
            self.problem(at("name_en"), "both name_en and name_ru are empty".into());
        }
        for (column, name) in [("name_en", name_en), ("name_ru", name_ru)] {
            if let Err(message) = check_alias_text(name) {
                self.problem(at(column), message);
            }
        }
        let gender = parse_gender(get(4)).map_err(|m| self.problem(at("gender"), m)).unwrap_or(None);
        if self.problems.len() > before {
            // Its aliases are not reported again as of an unknown entity.
            if check_id(id).is_ok() {
                self.rejected.insert(id.to_string());
            }
            return;
        }
        self.ids.insert(id.to_string(), self.entities.len());
        let location = self.row_location(path, line);
        self.entities.push(Entity {
            id: id.to_string(),
            kind: kind.to_string(),
            name_en: name_en.to_string(),
            name_ru: name_ru.to_string(),
            gender,
            extra: header.extra(row, &ENTITY_COLUMNS),
            location,
            aliases: 0..0,
        });
        self.listed.push(Vec::new());
    }

    fn aliases_file(&mut self, path: &Path, bytes: &[u8]) {
        let mut columns = None;
        self.rows(path, bytes, &["id", "alias"], false, |this, header, line, row| {
            let columns = columns.get_or_insert_with(|| Columns::of(header, &ALIAS_COLUMNS));
            if let Some(alias) = this.alias_row(path, header, columns, line, row) {
                this.listed[alias.entity].push(alias);
            }
        });
    }

    fn alias_row(
        &mut self,
        path: &Path,
        header: &Header,
        columns: &Columns<8>,
        line: u64,
        row: &[&str],
    ) -> Option<Alias> {
        let at = |column: &str| Location::line(path, line).with_column(header.number(column));
        let before = self.problems.len();
        let id = columns.get(row, 0);
        // An entity's aliases mostly come together: its id is looked up once.
        let entity = match self.last_alias_entity {
            (ref last, Some(entity)) if last == id => Some(entity),
            _ => {
                let entity = self.ids.get(id).copied();
                self.last_alias_entity.0.clear();
                self.last_alias_entity.0.push_str(id);
                self.last_alias_entity.1 = entity;
                entity
            }
        };
        if entity.is_none() && self.saw_entities_file && !self.rejected.contains(id) {
            let message = if id.is_empty() {
                "empty id".to_string()
            } else {
                format!("unknown entity id `{id}` (not defined in any entities*.csv)")
            };
            self.problem(at("id"), message);
        }
        let text = columns.get(row, 1);
        if let Err(message) = check_alias_text(text) {
            self.problem(at("alias"), message);
        } else if text.is_empty() {
            self.problem(at("alias"), "empty alias".into());
        }
        let option = |column: usize| {
            let name = ALIAS_COLUMNS[column];
            (at(name), name, columns.get(row, column))
        };
        let lang = self.option(option(2), Lang::parse);
        let case = self.option(option(3), CaseRule::parse);
        let inflect = self.option(option(4), InflectRule::parse);
        let translit = self.option(option(5), |v| parse_flag(v, true));
        let fuzzy = self.option(option(6), |v| parse_flag(v, true));
        let context_only = self.option(option(7), |v| parse_flag(v, false));
        if self.problems.len() > before {
            return None;
        }
        Some(Alias {
            entity: entity?,
            text: text.to_string(),
            lang: lang?.unwrap_or_else(|| Lang::detect(text)),
            case: case?,
            inflect: inflect?,
            translit: translit?,
            fuzzy: fuzzy?,
            context_only: context_only?,
            origin: Origin::Listed,
            extra: header.extra(row, &ALIAS_COLUMNS),
            location: self.row_location(path, line),
        })
    }

    /// Parses one optional column's value, recording a problem if invalid.
    fn option<T>(
        &mut self,
        (location, column, value): (Location, &str, &str),
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        parse(value).map_err(|m| self.problem(location, format!("column `{column}`: {m}"))).ok()
    }

    fn finish(mut self, checksum: u64) -> Result<Gazetteer> {
        if !self.saw_entities_file && self.problems.is_empty() {
            let message = "no entities*.csv file among the gazetteer's files".to_string();
            self.problem(Location::line(Path::new("<gazetteer>"), 0), message);
        }
        // Each entity's names and listed aliases.
        let count = 2 * self.entities.len() + self.listed.iter().map(Vec::len).sum::<usize>();
        let mut aliases = Vec::with_capacity(count);
        for (index, entity) in self.entities.iter_mut().enumerate() {
            let start = aliases.len();
            aliases.extend(canonical(index, entity));
            aliases.append(&mut self.listed[index]);
            if aliases.len() - start > MAX_ALIASES_PER_ENTITY {
                let message = format!(
                    "entity `{}` has {} aliases; the limit is {MAX_ALIASES_PER_ENTITY}",
                    entity.id,
                    aliases.len() - start
                );
                self.problems.push(Problem { location: entity.location.clone(), message });
            }
            entity.aliases = start..aliases.len();
        }
        if !self.problems.is_empty() {
            self.problems.sort_by(|a, b| a.location.cmp(&b.location));
            return Err(Error::gazetteer(self.problems));
        }
        Ok(Gazetteer { entities: self.entities, aliases, checksum })
    }
}

/// Line numbers of records, counted incrementally (records arrive in file
/// order, so each newline is counted once). The `csv` crate's own positions
/// point just past the previous record, before the blank and comment lines
/// it skipped, so they are moved forward over those here.
struct Lines<'a> {
    bytes: &'a [u8],
    /// A byte offset already counted up to, and the line it is on.
    at: usize,
    line: u64,
}

impl<'a> Lines<'a> {
    fn new(bytes: &'a [u8]) -> Lines<'a> {
        Lines { bytes, at: 0, line: 1 }
    }

    /// The 1-based line of the record whose position is `at`.
    fn of(&mut self, mut at: usize) -> u64 {
        let bytes = self.bytes;
        loop {
            match bytes.get(at) {
                Some(b'\r' | b'\n') => at += 1,
                Some(b'#') if at == 0 || bytes[at - 1] == b'\n' => {
                    at = memchr_newline(bytes, at).map_or(bytes.len(), |n| n + 1);
                }
                _ => break,
            }
        }
        let at = at.min(bytes.len());
        if at >= self.at {
            self.line += bytes[self.at..at].iter().filter(|&&b| b == b'\n').count() as u64;
            self.at = at;
        }
        self.line
    }
}

fn memchr_newline(bytes: &[u8], from: usize) -> Option<usize> {
    bytes[from..].iter().position(|&b| b == b'\n').map(|i| from + i)
}

/// The canonical names of an entity as aliases with default rules.
fn canonical(index: usize, entity: &Entity) -> impl Iterator<Item = Alias> + '_ {
    let names = [(Origin::NameEn, &entity.name_en), (Origin::NameRu, &entity.name_ru)];
    names.into_iter().filter(|(_, name)| !name.is_empty()).map(move |(origin, name)| Alias {
        entity: index,
        text: name.clone(),
        lang: Lang::detect(name),
        case: CaseRule::Auto,
        inflect: InflectRule::Auto,
        translit: true,
        fuzzy: true,
        context_only: false,
        origin,
        extra: Vec::new(),
        location: entity.location.clone(),
    })
}

fn check_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        Err("empty id".into())
    } else if id.chars().any(char::is_whitespace) {
        Err(format!("id `{id}` contains whitespace"))
    } else {
        Ok(())
    }
}

fn check_type(kind: &str) -> Result<(), String> {
    let mut chars = kind.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_uppercase());
    if first_ok && chars.all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_') {
        Ok(())
    } else if kind.is_empty() {
        Err("empty type (use PER, ORG, LOC or another upper-case label)".into())
    } else {
        Err(format!("type `{kind}` is not an upper-case label such as PER, ORG or LOC"))
    }
}

/// A name or alias must have a word in it and stay within the length limit.
fn check_alias_text(text: &str) -> Result<(), String> {
    if text.is_empty() {
        return Ok(()); // emptiness is judged by the caller
    }
    let chars = text.chars().count();
    if chars > MAX_ALIAS_CHARS {
        return Err(format!("{chars} characters; the limit is {MAX_ALIAS_CHARS}"));
    }
    if !crate::tokenize::has_word(text) {
        return Err(format!("`{text}` has no letters or digits, so it can never match"));
    }
    Ok(())
}
