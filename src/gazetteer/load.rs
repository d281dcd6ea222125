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
    let mut hasher = Xxh3::new();
    let mut problems = Vec::new();
    let (mut entity_files, mut alias_files) = (Vec::new(), Vec::new());
    for (path, bytes) in &files {
        let bytes = bytes.as_ref();
        let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        hasher.update(name.as_bytes());
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
        match FileKind::of(path) {
            Some(FileKind::Entities) => entity_files.push((path.as_path(), bytes)),
            Some(FileKind::Aliases) => alias_files.push((path.as_path(), bytes)),
            None => problems.push(Problem {
                location: Location::line(path, 0),
                message: "file name must start with `entities` or `aliases` and end with `.csv`".into(),
            }),
        }
    }
    // Entity and alias files are read at the same time (a million entities
    // take seconds to read); aliases find their entities afterwards.
    let read = |files: &[(&Path, &[u8])], file: fn(&mut Loader, &Path, &[u8])| {
        let mut loader = Loader::default();
        files.iter().for_each(|&(path, bytes)| file(&mut loader, path, bytes));
        loader
    };
    let (entities, aliases) = rayon::join(
        || read(&entity_files, Loader::entities_file),
        || read(&alias_files, Loader::aliases_file),
    );
    finish(entities, aliases, !entity_files.is_empty(), problems, hasher.digest())
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

    /// 1-based field number of column `column` (an index into the names),
    /// for error locations: as [`Header::number`], without a lookup.
    fn number(&self, column: usize) -> usize {
        self.at[column].map_or(0, |i| i + 1)
    }
}

/// Reads gazetteer files of one kind. Two run at once, one over the entity
/// files and one over the alias files; [`finish`] then joins what they read.
#[derive(Default)]
struct Loader {
    problems: Vec<Problem>,
    /// The file being read, shared by the locations of its rows.
    file: Option<Arc<Path>>,
    // Entity files:
    entities: Vec<Entity>,
    ids: rustc_hash::FxHashMap<String, usize>,
    /// Well-formed ids of entity rows with problems (already reported).
    rejected: HashSet<String>,
    // Alias files:
    /// Listed aliases, in file order; `entity` is the index of the alias's
    /// [`IdRun`] until [`finish`] finds the entities.
    listed: Vec<Alias>,
    /// Runs of alias rows with the same id (an entity's aliases mostly come
    /// together): each id is looked up once.
    runs: Vec<IdRun>,
    /// Alias rows dropped for their problems, as (run, line): their id is
    /// still checked.
    dropped: Vec<(usize, u64)>,
}

/// Consecutive alias rows of one file with the same id.
struct IdRun {
    id: String,
    file: Arc<Path>,
    /// 1-based field number of `id` in the file.
    column: usize,
}

impl Loader {
    /// The location of a row of `path`, sharing the path with the others.
    fn row_location(&mut self, path: &Path, line: u64) -> Location {
        Location::in_file(&self.file(path), line)
    }

    /// `path`, shared with the locations of the other rows of its file.
    fn file(&mut self, path: &Path) -> Arc<Path> {
        match &self.file {
            Some(file) if **file == *path => file.clone(),
            _ => self.file.insert(Arc::from(path)).clone(),
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
            // Fields are trimmed of ASCII spaces here, not by the `csv`
            // crate, whose trimming copies every record.
            if record.iter().all(|f| f.trim_ascii().is_empty()) {
                continue; // blank line
            }
            let mut fields = Vec::with_capacity(record.len());
            if !self.fields(path, line, &record, &mut fields) {
                let Some(header) = &header else { return false };
                // An entity row dropped for its bytes: its aliases are not
                // reported again as of an unknown entity (as for other row
                // problems, see `entity_row`).
                let id = header
                    .index("id")
                    .and_then(|i| record.get(i))
                    .map(|id| std::str::from_utf8(id.trim_ascii()));
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

    /// Decodes the fields of one record, trimmed of ASCII whitespace, into
    /// `fields`; invalid UTF-8 is a problem, and false (the row is dropped).
    fn fields<'r>(
        &mut self,
        path: &Path,
        line: u64,
        record: &'r csv::ByteRecord,
        fields: &mut Vec<&'r str>,
    ) -> bool {
        for (i, field) in record.iter().enumerate() {
            match std::str::from_utf8(field.trim_ascii()) {
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
        // Room for a row per line at once: growing row by row copies every
        // entity again and again (at a million entities, a second of the
        // load went into page faults).
        let lines = line_count(bytes);
        self.entities.reserve(lines);
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
    }

    fn aliases_file(&mut self, path: &Path, bytes: &[u8]) {
        let lines = line_count(bytes);
        self.listed.reserve(lines);
        let mut columns = None;
        self.rows(path, bytes, &["id", "alias"], false, |this, header, line, row| {
            let columns = columns.get_or_insert_with(|| Columns::of(header, &ALIAS_COLUMNS));
            if let Some(alias) = this.alias_row(path, header, columns, line, row) {
                this.listed.push(alias);
            }
        });
    }

    /// A listed alias, its `entity` the index of its id's run; `None` when
    /// the row has problems (reported).
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
        let file = self.file(path);
        let run = match self.runs.last() {
            Some(last) if last.id == id && Arc::ptr_eq(&last.file, &file) => self.runs.len() - 1,
            _ => {
                self.runs.push(IdRun { id: id.to_string(), file: file.clone(), column: columns.number(0) });
                self.runs.len() - 1
            }
        };
        let text = columns.get(row, 1);
        if let Err(message) = check_alias_text(text) {
            self.problem(at("alias"), message);
        } else if text.is_empty() {
            self.problem(at("alias"), "empty alias".into());
        }
        // The value of option `column`: its location is made only for a
        // problem, as most rows have none.
        let field = |column: usize| {
            let name = ALIAS_COLUMNS[column];
            (move || at(name), name, columns.get(row, column))
        };
        let lang = self.option(field(2), Lang::parse);
        let case = self.option(field(3), CaseRule::parse);
        let inflect = self.option(field(4), InflectRule::parse);
        let translit = self.option(field(5), |v| parse_flag(v, true));
        let fuzzy = self.option(field(6), |v| parse_flag(v, true));
        let context_only = self.option(field(7), |v| parse_flag(v, false));
        if self.problems.len() > before {
            self.dropped.push((run, line));
            return None;
        }
        Some(Alias {
            entity: run,
            text: text.to_string(),
            lang: lang?.unwrap_or_else(|| Lang::detect(text)),
            case: case?,
            inflect: inflect?,
            translit: translit?,
            fuzzy: fuzzy?,
            context_only: context_only?,
            origin: Origin::Listed,
            extra: header.extra(row, &ALIAS_COLUMNS),
            location: Location::in_file(&file, line),
        })
    }

    /// Parses one optional column's value, recording a problem at its
    /// location if invalid.
    fn option<T>(
        &mut self,
        (at, column, value): (impl FnOnce() -> Location, &str, &str),
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Option<T> {
        parse(value).map_err(|m| self.problem(at(), format!("column `{column}`: {m}"))).ok()
    }
}

/// Joins what the entity files' loader and the alias files' loader read:
/// each listed alias finds its entity, and each entity's aliases are laid
/// out together, its names first. Fails with every problem, by location.
fn finish(
    mut loaded: Loader,
    aliases: Loader,
    saw_entities_file: bool,
    mut problems: Vec<Problem>,
    checksum: u64,
) -> Result<Gazetteer> {
    problems.append(&mut loaded.problems);
    problems.extend(aliases.problems);
    if !saw_entities_file && problems.is_empty() {
        let message = "no entities*.csv file among the gazetteer's files".to_string();
        problems.push(Problem { location: Location::line(Path::new("<gazetteer>"), 0), message });
    }
    // Each id run's entity. An id of no entity is reported on each of its
    // rows, unless its entity's row was dropped for problems of its own.
    let entity_of: Vec<Option<usize>> =
        aliases.runs.iter().map(|run| loaded.ids.get(&run.id).copied()).collect();
    let unknown = |run: usize| {
        let id = &aliases.runs[run].id;
        entity_of[run].is_none() && saw_entities_file && !loaded.rejected.contains(id)
    };
    let unknown_at = |run: usize, location: Location| {
        let IdRun { id, column, .. } = &aliases.runs[run];
        let message = if id.is_empty() {
            "empty id".to_string()
        } else {
            format!("unknown entity id `{id}` (not defined in any entities*.csv)")
        };
        Problem { location: location.with_column(*column), message }
    };
    for &(run, line) in &aliases.dropped {
        if unknown(run) {
            problems.push(unknown_at(run, Location::in_file(&aliases.runs[run].file, line)));
        }
    }
    let mut listed = aliases.listed;
    listed.retain_mut(|alias| match entity_of[alias.entity] {
        Some(entity) => {
            alias.entity = entity;
            true
        }
        None => {
            if unknown(alias.entity) {
                problems.push(unknown_at(alias.entity, alias.location.clone()));
            }
            false
        }
    });
    // In file order within each entity. Alias files mostly list entities
    // in the order of the entity files: then this is one pass, no moves.
    listed.sort_by_key(|alias| alias.entity);
    let mut listed = listed.into_iter().peekable();
    let count = 2 * loaded.entities.len() + listed.len();
    let mut all = Vec::with_capacity(count);
    for (index, entity) in loaded.entities.iter_mut().enumerate() {
        let start = all.len();
        all.extend(canonical(index, entity));
        while let Some(alias) = listed.next_if(|alias| alias.entity == index) {
            all.push(alias);
        }
        if all.len() - start > MAX_ALIASES_PER_ENTITY {
            let message = format!(
                "entity `{}` has {} aliases; the limit is {MAX_ALIASES_PER_ENTITY}",
                entity.id,
                all.len() - start
            );
            problems.push(Problem { location: entity.location.clone(), message });
        }
        entity.aliases = start..all.len();
    }
    if !problems.is_empty() {
        problems.sort_by(|a, b| a.location.cmp(&b.location));
        return Err(Error::gazetteer(problems));
    }
    Ok(Gazetteer { entities: loaded.entities, aliases: all, checksum })
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

/// Newlines in `bytes`: room to reserve for a row per line.
fn line_count(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
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
