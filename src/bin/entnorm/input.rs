//! Reading documents: files, directories (walked recursively, in name
//! order), `.jsonl`/`.ndjson`, `.gz`, stdin. Every input becomes documents
//! in input order; whatever cannot be read becomes a document with an error,
//! so that no document is lost and the output keeps one line per document.

use crate::args::InputFormat;
use crate::report::Report;
use flate2::read::MultiGzDecoder;
use serde_json::Value;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering::Relaxed;

/// One input document: its ID and its text, or why it has none.
pub struct Doc {
    pub id: Value,
    pub text: Result<String, String>,
}

/// A document as the reading thread hands it on: ready, or a JSON line
/// still to parse (parsing is left to the threads that tag, so that the
/// one reading thread does not hold them back).
pub enum Input {
    Doc(Doc),
    /// A non-blank JSON line and where it is (`file:line`).
    Json {
        line: Vec<u8>,
        at: String,
    },
}

impl From<Doc> for Input {
    fn from(doc: Doc) -> Input {
        Input::Doc(doc)
    }
}

impl Input {
    /// Bytes of text this input holds (for chunking).
    pub fn len(&self) -> usize {
        match self {
            Input::Doc(doc) => doc.text.as_ref().map_or(0, String::len),
            Input::Json { line, .. } => line.len(),
        }
    }

    /// The document.
    pub fn into_doc(self, opts: &InputOptions, report: &Report) -> Doc {
        match self {
            Input::Doc(doc) => doc,
            Input::Json { line, at } => json_doc(&line, at, opts, report),
        }
    }
}

/// How documents are found in inputs.
#[derive(Clone)]
pub struct InputOptions {
    pub text_field: String,
    pub id_field: String,
    pub format: InputFormat,
    /// Longest document accepted, in bytes; longer ones get an error line.
    pub max_doc_bytes: usize,
}

/// Where documents come from.
enum Source {
    Stdin,
    File { path: PathBuf, from_walk: bool },
}

impl Source {
    fn name(&self) -> String {
        match self {
            Source::Stdin => "stdin".into(),
            Source::File { path, .. } => path.display().to_string(),
        }
    }
}

/// Where the documents read go.
pub trait Sink {
    /// Takes the next document; false when the consumer has gone.
    fn push(&mut self, input: Input) -> bool;

    /// The input has nothing more to read for now: standard input from a
    /// pipe or terminal whose writer is slower than tagging (`tail -f`, a
    /// queue). Documents held back for a fuller chunk should go on now, so
    /// that their lines come out while the input stays open. False when
    /// the consumer has gone.
    fn waiting(&mut self) -> bool;
}

/// Calls `sink` with every document of `paths` in order, until it returns
/// false (the consumer stopped).
pub fn read_all(paths: &[PathBuf], opts: &InputOptions, report: &Report, sink: &mut dyn Sink) {
    if paths.is_empty() {
        read_source(&Source::Stdin, opts, report, sink);
        return;
    }
    for path in paths {
        let keep_going = if path.as_os_str() == "-" {
            read_source(&Source::Stdin, opts, report, sink)
        } else if path.is_dir() {
            walk(path, opts, report, sink)
        } else {
            read_source(&Source::File { path: path.clone(), from_walk: false }, opts, report, sink)
        };
        if !keep_going {
            return;
        }
    }
}

/// Every file under `dir`, sorted by name at each level, links followed
/// (loops are reported and skipped).
fn walk(dir: &Path, opts: &InputOptions, report: &Report, sink: &mut dyn Sink) -> bool {
    let walker = walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let source = Source::File { path: e.into_path(), from_walk: true };
                if !read_source(&source, opts, report, sink) {
                    return false;
                }
            }
            Ok(_) => {}
            Err(e) => {
                let at = e.path().map_or_else(|| dir.display().to_string(), |p| p.display().to_string());
                report.skip(&format!("{at}: skipped: {e}"));
            }
        }
    }
    true
}

/// Whether a file holds JSON Lines, from its name without `.gz`.
fn is_jsonl(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy().to_lowercase()).unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    name.ends_with(".jsonl") || name.ends_with(".ndjson")
}

fn is_gzip(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// A buffered input that tells when reading on would wait for its writer.
trait Lines: BufRead + Send {
    /// True when no whole line is buffered and the next read would block.
    fn would_wait(&self) -> bool {
        false // files and their decoders never wait for a writer
    }
}

impl Lines for BufReader<File> {}

impl Lines for BufReader<MultiGzDecoder<File>> {}

/// Standard input. Its reads go straight to the descriptor: `io::Stdin`'s
/// own buffer (8 KB) is passed by, as every read asks for more than it holds.
struct StdinLines(BufReader<io::Stdin>);

impl Read for StdinLines {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf)
    }
}

impl BufRead for StdinLines {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.0.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.0.consume(amount)
    }
}

impl Lines for StdinLines {
    fn would_wait(&self) -> bool {
        memchr::memchr(b'\n', self.0.buffer()).is_none() && !stdin_ready()
    }
}

/// Whether standard input has bytes to read, or its end, right now (a file
/// always has): `poll` with no timeout.
#[cfg(unix)]
fn stdin_ready() -> bool {
    let mut fd = libc::pollfd { fd: libc::STDIN_FILENO, events: libc::POLLIN, revents: 0 };
    // SAFETY: one valid `pollfd`, and a zero timeout: `poll` only reports.
    let ready = unsafe { libc::poll(&mut fd, 1, 0) };
    ready != 0 // on an error, read on as before
}

/// Elsewhere documents go on in full chunks, or at the end of the input.
#[cfg(not(unix))]
fn stdin_ready() -> bool {
    true
}

fn open(source: &Source) -> io::Result<Box<dyn Lines>> {
    match source {
        Source::Stdin => Ok(Box::new(StdinLines(BufReader::with_capacity(1 << 16, io::stdin())))),
        Source::File { path, .. } => {
            let file = File::open(path)?;
            if file.metadata()?.is_dir() {
                return Err(io::Error::other("is a directory"));
            }
            if is_gzip(path) {
                Ok(Box::new(BufReader::with_capacity(1 << 16, MultiGzDecoder::new(file))))
            } else {
                Ok(Box::new(BufReader::with_capacity(1 << 16, file)))
            }
        }
    }
}

fn read_source(source: &Source, opts: &InputOptions, report: &Report, sink: &mut dyn Sink) -> bool {
    let name = source.name();
    let format = match (opts.format, source) {
        (InputFormat::Auto, Source::Stdin) => InputFormat::Jsonl,
        (InputFormat::Auto, Source::File { path, .. }) if is_jsonl(path) => InputFormat::Jsonl,
        (InputFormat::Auto, _) => InputFormat::Text,
        (format, _) => format,
    };
    let mut reader = match open(source) {
        Ok(reader) => reader,
        Err(e) => {
            let id = Value::String(name.clone());
            return sink.push(Doc { id, text: Err(format!("cannot read {name}: {e}")) }.into());
        }
    };
    match format {
        InputFormat::Jsonl => read_lines(&mut *reader, &name, opts.max_doc_bytes, report, sink, |line, n| {
            // A blank line is no document.
            let blank = line.iter().all(u8::is_ascii_whitespace);
            (!blank).then(|| Input::Json { line: line.to_vec(), at: format!("{name}:{n}") })
        }),
        InputFormat::Lines => read_lines(&mut *reader, &name, opts.max_doc_bytes, report, sink, |line, n| {
            let id = Value::String(format!("{name}:{n}"));
            Some(Doc { id, text: Ok(decode(line, &format!("{name}:{n}"), report)) }.into())
        }),
        _ => read_whole(&mut *reader, source, &name, opts.max_doc_bytes, report, sink),
    }
}

/// One plain-text document per file (binary files found while walking a
/// directory are skipped with a warning).
fn read_whole(
    reader: &mut dyn Lines,
    source: &Source,
    name: &str,
    limit: usize,
    report: &Report,
    sink: &mut dyn Sink,
) -> bool {
    let mut bytes = Vec::new();
    let id = Value::String(name.to_string());
    let read = reader.take(limit as u64 + 1).read_to_end(&mut bytes);
    report.input_bytes.fetch_add(bytes.len() as u64, Relaxed);
    if let Err(e) = read {
        return sink.push(Doc { id, text: Err(format!("cannot read {name}: {e}")) }.into());
    }
    if bytes.len() > limit {
        return sink.push(Doc { id, text: Err(too_big(name, bytes.len(), limit)) }.into());
    }
    if matches!(source, Source::File { from_walk: true, .. }) && bytes[..bytes.len().min(8192)].contains(&0) {
        report.skip(&format!("{name}: skipped: binary file"));
        return true;
    }
    let text = decode(&bytes, name, report);
    sink.push(Doc { id, text: Ok(text) }.into())
}

/// Text from bytes: UTF-8, or recovered lossily with a warning.
fn decode(bytes: &[u8], what: &str, report: &Report) -> String {
    match simdutf8::basic::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            report
                .warn(&format!("{what}: invalid UTF-8 replaced by U+FFFD; offsets are in the decoded text"));
            String::from_utf8_lossy(bytes).into_owned()
        }
    }
}

/// Reads line by line, calling `doc` on every line (1-based line numbers)
/// that fits in `limit` bytes; a longer line becomes an error document
/// without being held in memory. A read error (a truncated `.gz`, say)
/// becomes one error document and ends the file.
fn read_lines(
    reader: &mut dyn Lines,
    name: &str,
    limit: usize,
    report: &Report,
    sink: &mut dyn Sink,
    mut doc: impl FnMut(&[u8], u64) -> Option<Input>,
) -> bool {
    let mut line = Vec::new();
    let mut n = 0;
    loop {
        if reader.would_wait() && !sink.waiting() {
            return false;
        }
        line.clear();
        n += 1;
        let id = || Value::String(format!("{name}:{n}"));
        let (read, too_long) = match read_line(reader, &mut line, limit) {
            Ok(r) => r,
            Err(e) => {
                return sink
                    .push(Doc { id: id(), text: Err(format!("read error at {name}:{n}: {e}")) }.into())
            }
        };
        report.input_bytes.fetch_add(read as u64, Relaxed);
        if read == 0 {
            return true;
        }
        let next = if too_long {
            Some(Doc { id: id(), text: Err(too_big(&format!("{name}:{n}"), read, limit)) }.into())
        } else {
            let trimmed = line.strip_suffix(b"\n").unwrap_or(&line);
            doc(trimmed.strip_suffix(b"\r").unwrap_or(trimmed), n)
        };
        if let Some(d) = next {
            if !sink.push(d) {
                return false;
            }
        }
    }
}

fn too_big(what: &str, bytes: usize, limit: usize) -> String {
    format!("{what}: document of {bytes} bytes is over the limit of {limit} bytes (raise it with --max-doc-bytes)")
}

/// Reads one line (with its `\n`) into `line`, keeping at most `limit`
/// bytes: returns the bytes consumed and whether the line was longer.
fn read_line<R: BufRead + ?Sized>(
    reader: &mut R,
    line: &mut Vec<u8>,
    limit: usize,
) -> io::Result<(usize, bool)> {
    let (mut read, mut too_long) = (0, false);
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok((read, too_long));
        }
        let (chunk, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        if !too_long && line.len() + chunk.len() > limit.saturating_add(1) {
            too_long = true;
            line.clear();
        }
        if !too_long {
            line.extend_from_slice(chunk);
        }
        let n = chunk.len();
        reader.consume(n);
        read += n;
        if done {
            return Ok((read, too_long));
        }
    }
}

/// A JSON Lines document from a non-blank line at `at` (`file:line`).
fn json_doc(line: &[u8], at: String, opts: &InputOptions, report: &Report) -> Doc {
    let fields = Fields { id: &opts.id_field, text: &opts.text_field };
    // Validated once (SIMD), then parsed as text: `from_slice` would check
    // every string again, byte by byte.
    let parsed = match simdutf8::basic::from_utf8(line) {
        Ok(line) => fields.parse(line),
        Err(_) => {
            report.warn(&format!("{at}: invalid UTF-8 replaced by U+FFFD; offsets are in the decoded text"));
            fields.parse(&String::from_utf8_lossy(line))
        }
    };
    let fallback_id = || Value::String(at.clone());
    let (id, text) = match parsed {
        Ok(Picked::Object { id, text }) => (id, text),
        Ok(Picked::Other(other)) => {
            let what = json_type(&other);
            return Doc {
                id: fallback_id(),
                text: Err(format!("{at}: line is a JSON {what}, not an object")),
            };
        }
        Err(e) => return Doc { id: fallback_id(), text: Err(format!("{at}: invalid JSON: {e}")) },
    };
    let id = match id {
        Some(Value::Null) | None => fallback_id(),
        Some(id) => id,
    };
    let text = match text {
        Some(Value::String(s)) => Ok(s),
        Some(other) => {
            Err(format!("{at}: field `{}` is a JSON {}, not a string", opts.text_field, json_type(&other)))
        }
        None => Err(format!("{at}: no `{}` field (choose another with --text-field)", opts.text_field)),
    };
    Doc { id, text }
}

/// The two fields a document line is read for. Parsing keeps only their
/// values: every other field is checked as JSON syntax and skipped, not
/// built (dumps carry titles, URLs, dates and nested metadata beside the
/// text). Skipping checks the syntax only: a number no float holds
/// (`1e400`) or a lone surrogate escape (`"\ud800"`) fails a line only
/// where it is the id or the text.
#[derive(Clone, Copy)]
struct Fields<'a> {
    id: &'a str,
    text: &'a str,
}

/// What a line holds: an object's id and text fields (the last of each
/// when a key repeats, as a JSON object map keeps it), or a value that is
/// not an object.
enum Picked {
    Object { id: Option<Value>, text: Option<Value> },
    Other(Value),
}

impl Fields<'_> {
    fn parse(self, line: &str) -> serde_json::Result<Picked> {
        use serde::de::DeserializeSeed;
        let mut de = serde_json::Deserializer::from_str(line);
        let picked = self.deserialize(&mut de)?;
        de.end()?;
        Ok(picked)
    }
}

impl<'de> serde::de::DeserializeSeed<'de> for Fields<'_> {
    type Value = Picked;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Picked, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Fields<'_> {
    type Value = Picked;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Picked, A::Error> {
        let (mut id, mut text) = (None, None);
        while let Some(key) = map.next_key_seed(KeyOf(self))? {
            match key {
                Key { id: false, text: false } => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
                Key { id: true, text: false } => id = Some(map.next_value()?),
                Key { id: false, text: true } => text = Some(map.next_value()?),
                Key { id: true, text: true } => {
                    let value: Value = map.next_value()?;
                    id = Some(value.clone());
                    text = Some(value);
                }
            }
        }
        Ok(Picked::Object { id, text })
    }

    // Any other value is read whole, as before: a bad element (`[1e400]`)
    // is reported as such, not as an array.

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Picked, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Picked::Other(Value::Array(items)))
    }

    fn visit_bool<E>(self, b: bool) -> Result<Picked, E> {
        Ok(Picked::Other(b.into()))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Picked, E> {
        Ok(Picked::Other(n.into()))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Picked, E> {
        Ok(Picked::Other(n.into()))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Picked, E> {
        Ok(Picked::Other(n.into()))
    }

    fn visit_str<E>(self, s: &str) -> Result<Picked, E> {
        Ok(Picked::Other(s.into()))
    }

    fn visit_unit<E>(self) -> Result<Picked, E> {
        Ok(Picked::Other(Value::Null))
    }
}

/// Which of the two fields an object key names (both when they are one).
struct Key {
    id: bool,
    text: bool,
}

/// Reads an object key as a [`Key`], without allocating it.
struct KeyOf<'a>(Fields<'a>);

impl<'de> serde::de::DeserializeSeed<'de> for KeyOf<'_> {
    type Value = Key;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Key, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> serde::de::Visitor<'de> for KeyOf<'_> {
    type Value = Key;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("an object key")
    }

    fn visit_str<E>(self, key: &str) -> Result<Key, E> {
        Ok(Key { id: key == self.0.id, text: key == self.0.text })
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}
