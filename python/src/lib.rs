//! Python bindings for entnorm: the native module `entnorm._entnorm`.
//!
//! The Python package `entnorm` (in `python/entnorm/`) re-exports everything
//! defined here. This crate is a thin layer over the core library:
//!
//! * [`Engine`] wraps an [`entnorm::Tagger`] (embedded default gazetteer, a
//!   gazetteer directory, or an index file);
//! * [`Mention`] mirrors [`entnorm::Mention`], with the CLI's JSON names
//!   (`type`, `match`);
//! * every [`entnorm::Error`] becomes an `entnorm.EntnormError` (a subclass
//!   of `ValueError`) carrying the message the CLI prints after
//!   `entnorm: error: `.
//!
//! Tagging releases the GIL; [`Engine::tag_batch`] runs on a Rayon pool of
//! the requested size, keeping input order.
#![warn(missing_docs)]

use entnorm::{FuzzyMode, Gazetteer, Index, MatchKind, Tagger, TaggerBuilder};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

pyo3::create_exception!(
    entnorm,
    EntnormError,
    PyValueError,
    "A gazetteer, index or file could not be loaded or written.\n\n\
     The message is the one the `entnorm` CLI prints after `entnorm: error: `, \
     e.g. `cannot load gazetteer g: gazetteer error: g/entities.csv:3:2: ...`. \
     The `problems` attribute lists every gazetteer problem as a dict with \
     `file`, `line`, `column` (or None) and `message` (empty for other errors)."
);

/// Turns a core-library error into an `EntnormError` whose message is
/// `context` + the error's display (as the CLI renders it), with the
/// gazetteer problems attached as `problems`.
fn entnorm_error(py: Python<'_>, context: Option<String>, err: &entnorm::Error) -> PyErr {
    // `context: error: source: source ...`, as anyhow's `{:#}` renders it in
    // the CLI's `entnorm: error: ...` line.
    let mut message = match context {
        Some(context) => format!("{context}: {err}"),
        None => err.to_string(),
    };
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    let pyerr = EntnormError::new_err(message);
    let problems = PyList::empty(py);
    let attached = (|| -> PyResult<()> {
        for problem in err.problems() {
            let d = PyDict::new(py);
            d.set_item("file", problem.location.file.display().to_string())?;
            d.set_item("line", problem.location.line)?;
            d.set_item("column", problem.location.column)?;
            d.set_item("message", &problem.message)?;
            problems.append(d)?;
        }
        pyerr.value(py).setattr("problems", problems)
    })();
    match attached {
        Ok(()) => pyerr,
        Err(e) => e,
    }
}

/// Where an engine's index came from (for `repr`, `source` and pickling).
#[derive(Clone, Debug, PartialEq, Eq)]
enum Source {
    Embedded,
    Gazetteer(PathBuf),
    Index(PathBuf),
}

impl Source {
    fn kind(&self) -> &'static str {
        match self {
            Source::Embedded => "embedded",
            Source::Gazetteer(_) => "gazetteer",
            Source::Index(_) => "index",
        }
    }

    fn path(&self) -> Option<&Path> {
        match self {
            Source::Embedded => None,
            Source::Gazetteer(p) | Source::Index(p) => Some(p),
        }
    }

    /// Loads the index, with the CLI's error messages: a gazetteer error is
    /// prefixed with `cannot load gazetteer DIR`, an index error is not.
    fn load(&self, py: Python<'_>) -> PyResult<Index> {
        match self {
            Source::Embedded => Ok(py.detach(|| Tagger::embedded().index().clone())),
            Source::Gazetteer(dir) => {
                // On this module's pool, not Rayon's global one: in a child
                // made by `fork` after the parent used the global pool, its
                // threads do not exist and the load would wait forever.
                let pool = pool(0)?;
                let gazetteer = py.detach(|| pool.install(|| Gazetteer::from_dir(dir))).map_err(|e| {
                    entnorm_error(py, Some(format!("cannot load gazetteer {}", dir.display())), &e)
                })?;
                py.detach(|| pool.install(|| Index::build(&gazetteer)))
                    .map_err(|e| entnorm_error(py, None, &e))
            }
            Source::Index(path) => py.detach(|| Index::open(path)).map_err(|e| entnorm_error(py, None, &e)),
        }
    }
}

/// The values of the `fuzzy` option, as the CLI's `--fuzzy` spells them.
const FUZZY_MODES: [(&str, FuzzyMode); 3] =
    [("off", FuzzyMode::Off), ("context", FuzzyMode::Context), ("always", FuzzyMode::Always)];

fn fuzzy_mode(name: &str) -> PyResult<FuzzyMode> {
    FUZZY_MODES.iter().find(|(n, _)| *n == name).map(|(_, mode)| *mode).ok_or_else(|| {
        PyValueError::new_err(format!("unknown fuzzy mode `{name}` (expected one of: off, context, always)"))
    })
}

fn fuzzy_name(mode: FuzzyMode) -> &'static str {
    FUZZY_MODES.iter().find(|(_, m)| *m == mode).map_or("context", |(n, _)| n)
}

/// The Rayon pool for `threads` workers (0 = Rayon's default: all cores, or
/// `RAYON_NUM_THREADS`). Pools are built once per size and process; a child
/// created by `fork` (multiprocessing, Spark's Python daemon) builds its own,
/// since the parent's worker threads do not exist in it.
fn pool(threads: usize) -> PyResult<Arc<rayon::ThreadPool>> {
    type Pools = (u32, HashMap<usize, Arc<rayon::ThreadPool>>);
    static POOLS: OnceLock<Mutex<Pools>> = OnceLock::new();
    let pid = std::process::id();
    let mut pools = POOLS
        .get_or_init(|| Mutex::new((pid, HashMap::new())))
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if pools.0 != pid {
        // Dropping a pool would signal threads that are not there: forget it.
        pools.1.drain().for_each(|(_, stale)| std::mem::forget(stale));
        pools.0 = pid;
    }
    if let Some(pool) = pools.1.get(&threads) {
        return Ok(pool.clone());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("entnorm-{i}"))
        .build()
        .map_err(|e| EntnormError::new_err(format!("cannot start worker threads: {e}")))?;
    let pool = Arc::new(pool);
    pools.1.insert(threads, pool.clone());
    Ok(pool)
}

/// Converts a JSON value (from the core's serde output) to Python objects.
fn json_to_py<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_pyobject(py)?.to_owned().into_any(),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => u.into_pyobject(py)?.into_any(),
            (None, Some(i)) => i.into_pyobject(py)?.into_any(),
            (None, None) => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(fields) => {
            let dict = PyDict::new(py);
            for (key, item) in fields {
                dict.set_item(key, json_to_py(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

fn serialize<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(value).map_err(|e| PyValueError::new_err(e.to_string()))?;
    json_to_py(py, &value)
}

/// The match kinds, as the CLI writes them.
const MATCH_KINDS: [MatchKind; 6] = [
    MatchKind::Exact,
    MatchKind::Normalized,
    MatchKind::Inflection,
    MatchKind::Transliteration,
    MatchKind::Fuzzy,
    MatchKind::Context,
];

/// One mention of an entity in a text.
///
/// `start` and `end` are code-point offsets into the text (end exclusive),
/// so `text[m.start:m.end] == m.text` in Python. `entity` is the canonical
/// ID, `type` the entity type (`PER`, `ORG`, `LOC`, ...), and `match` how it
/// matched: `exact`, `normalized`, `inflection`, `transliteration`, `fuzzy`
/// or `context`. Mentions are immutable, hashable, compare equal field by
/// field, and pickle.
#[pyclass(module = "entnorm", frozen, eq, hash)]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Mention {
    /// First code point of the mention.
    #[pyo3(get)]
    pub start: usize,
    /// One past the last code point.
    #[pyo3(get)]
    pub end: usize,
    /// The mention as written in the text.
    #[pyo3(get)]
    pub text: String,
    /// The entity's canonical ID.
    #[pyo3(get)]
    pub entity: String,
    /// The entity's type (Python attribute `type`).
    #[pyo3(get, name = "type")]
    pub entity_type: String,
    /// How it matched (Python attribute `match`).
    #[pyo3(get, name = "match")]
    pub match_kind: &'static str,
}

impl From<entnorm::Mention> for Mention {
    fn from(m: entnorm::Mention) -> Mention {
        Mention {
            start: m.start,
            end: m.end,
            text: m.text,
            entity: m.entity,
            entity_type: m.entity_type,
            match_kind: m.match_kind.as_str(),
        }
    }
}

#[pymethods]
impl Mention {
    /// Mention(start, end, text, entity, type, match)
    ///
    /// Builds a mention by hand (tagging builds them for you); `match` must
    /// be one of the six match kinds.
    #[new]
    #[pyo3(signature = (start, end, text, entity, r#type, r#match))]
    fn new(
        start: usize,
        end: usize,
        text: String,
        entity: String,
        r#type: String,
        r#match: &str,
    ) -> PyResult<Self> {
        let Some(kind) = MATCH_KINDS.iter().find(|k| k.as_str() == r#match) else {
            let names: Vec<_> = MATCH_KINDS.iter().map(|k| k.as_str()).collect();
            return Err(PyValueError::new_err(format!(
                "unknown match kind `{match}` (expected one of: {})",
                names.join(", "),
                match = r#match
            )));
        };
        Ok(Mention { start, end, text, entity, entity_type: r#type, match_kind: kind.as_str() })
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let repr = |s: &str| -> PyResult<String> { Ok(PyString::new(py, s).repr()?.to_string()) };
        Ok(format!(
            "Mention(start={}, end={}, text={}, entity={}, type={}, match={})",
            self.start,
            self.end,
            repr(&self.text)?,
            repr(&self.entity)?,
            repr(&self.entity_type)?,
            repr(self.match_kind)?
        ))
    }

    /// The mention as a dict with the CLI's JSON keys:
    /// `start`, `end`, `text`, `entity`, `type`, `match`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("start", self.start)?;
        d.set_item("end", self.end)?;
        d.set_item("text", &self.text)?;
        d.set_item("entity", &self.entity)?;
        d.set_item("type", &self.entity_type)?;
        d.set_item("match", self.match_kind)?;
        Ok(d)
    }

    /// Constructor arguments, for pickling and copying.
    fn __getnewargs__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        (self.start, self.end, &self.text, &self.entity, &self.entity_type, self.match_kind).into_pyobject(py)
    }
}

/// A loaded gazetteer index that tags text.
///
/// Build one with `Engine.default()` (the gazetteer embedded in entnorm),
/// `Engine.from_gazetteer(dir)` (a directory of CSV files, compiled now) or
/// `Engine.from_index(path)` (a file written by `entnorm build` or
/// `Engine.save_index`, memory-mapped). An engine is immutable and
/// thread-safe; tagging releases the GIL. Pickling an engine records where it
/// came from, and unpickling loads it again from there.
#[pyclass(module = "entnorm", frozen)]
pub struct Engine {
    tagger: Tagger,
    source: Source,
    fuzzy: FuzzyMode,
}

impl Engine {
    fn load(py: Python<'_>, source: Source, fuzzy: &str) -> PyResult<Engine> {
        let fuzzy = fuzzy_mode(fuzzy)?;
        let index = source.load(py)?;
        let mut builder = TaggerBuilder::new();
        builder.fuzzy(fuzzy);
        Ok(Engine { tagger: builder.build(index), source, fuzzy })
    }
}

#[pymethods]
impl Engine {
    /// The engine over the default gazetteer embedded in entnorm (compiled on
    /// first use in the process, then shared).
    ///
    /// `fuzzy` says when misspelled names are tagged, as the CLI's `--fuzzy`:
    /// `"context"` (default: when the document also names the entity
    /// correctly), `"off"` or `"always"`. Every constructor takes it.
    #[staticmethod]
    #[pyo3(signature = (*, fuzzy="context"))]
    fn default(py: Python<'_>, fuzzy: &str) -> PyResult<Engine> {
        Engine::load(py, Source::Embedded, fuzzy)
    }

    /// The engine over a gazetteer directory (`entities*.csv`,
    /// `aliases*.csv`), compiled now.
    ///
    /// Raises `EntnormError` listing every problem with file:line:column, as
    /// `entnorm lint` and the CLI do.
    #[staticmethod]
    #[pyo3(signature = (dir, *, fuzzy="context"))]
    fn from_gazetteer(py: Python<'_>, dir: PathBuf, fuzzy: &str) -> PyResult<Engine> {
        Engine::load(py, Source::Gazetteer(dir), fuzzy)
    }

    /// The engine over an index file built by `entnorm build` or
    /// `Engine.save_index` (memory-mapped; header and checksum are checked).
    ///
    /// Raises `EntnormError` if the file is missing, truncated, corrupted or
    /// from another entnorm version.
    #[staticmethod]
    #[pyo3(signature = (path, *, fuzzy="context"))]
    fn from_index(py: Python<'_>, path: PathBuf, fuzzy: &str) -> PyResult<Engine> {
        Engine::load(py, Source::Index(path), fuzzy)
    }

    /// Rebuilds an engine from `(kind, path, fuzzy)` as recorded by pickling.
    #[staticmethod]
    #[pyo3(signature = (kind, path=None, fuzzy="context"))]
    fn _from_source(py: Python<'_>, kind: &str, path: Option<PathBuf>, fuzzy: &str) -> PyResult<Engine> {
        let source = match (kind, path) {
            ("embedded", None) => Source::Embedded,
            ("gazetteer", Some(p)) => Source::Gazetteer(p),
            ("index", Some(p)) => Source::Index(p),
            (kind, _) => return Err(PyValueError::new_err(format!("unknown engine source `{kind}`"))),
        };
        Engine::load(py, source, fuzzy)
    }

    /// The mentions in `text`, sorted by start, never overlapping.
    fn tag(&self, py: Python<'_>, text: &str) -> Vec<Mention> {
        let mentions = py.detach(|| self.tagger.tag(text));
        mentions.into_iter().map(Mention::from).collect()
    }

    /// Tags many texts in parallel and returns one list of mentions per
    /// text, in input order (equal to `[engine.tag(t) for t in texts]`).
    ///
    /// `texts` is any iterable of str. The GIL is released while tagging.
    /// `threads` is the number of worker threads: None or 0 uses all cores
    /// (or `RAYON_NUM_THREADS`), as the CLI's `-j` does. Pools are kept per
    /// size, so repeated calls do not start new threads.
    #[pyo3(signature = (texts, threads=None))]
    fn tag_batch(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        threads: Option<i64>,
    ) -> PyResult<Vec<Vec<Mention>>> {
        let threads = match threads {
            None => 0,
            Some(n) => usize::try_from(n).map_err(|_| {
                PyValueError::new_err(format!("threads must be >= 0 (0 = all cores), not {n}"))
            })?,
        };
        let texts = collect_texts(texts)?;
        let pool = pool(threads)?;
        let tagger = &self.tagger;
        let batch = py.detach(|| pool.install(|| tagger.tag_batch(&texts)));
        drop(texts);
        Ok(batch.into_iter().map(|ms| ms.into_iter().map(Mention::from).collect()).collect())
    }

    /// Mentions plus the ambiguous spans nothing in the text resolved, as
    /// `{"mentions": [Mention, ...], "ambiguous": [{"start", "end", "text",
    /// "candidates"}, ...]}` (the CLI's `--ambiguous` output).
    fn tag_detailed<'py>(&self, py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyDict>> {
        let tagged = py.detach(|| self.tagger.tag_detailed(text));
        let d = PyDict::new(py);
        let mentions: Vec<Mention> = tagged.mentions.into_iter().map(Mention::from).collect();
        d.set_item("mentions", mentions)?;
        d.set_item("ambiguous", serialize(py, &tagged.ambiguous)?)?;
        Ok(d)
    }

    /// How one surface form normalizes and every entity its key leads to,
    /// as a dict: `{"surface", "key", "hits": [{"entity", "type", "match",
    /// "alias", "detail", "case", "context_only"}, ...]}` (the same object as
    /// `entnorm lookup --json`).
    fn lookup<'py>(&self, py: Python<'py>, surface: &str) -> PyResult<Bound<'py, PyAny>> {
        let lookup = py.detach(|| self.tagger.lookup(surface));
        serialize(py, &lookup)
    }

    /// Writes the engine's compiled index to `path` (what `entnorm build`
    /// writes), for `Engine.from_index` or `entnorm tag --index`. The file is
    /// written to a temporary name and renamed.
    fn save_index(&self, py: Python<'_>, path: PathBuf) -> PyResult<()> {
        py.detach(|| self.tagger.index().save(&path)).map_err(|e| entnorm_error(py, None, &e))
    }

    /// Number of entities in the index.
    #[getter]
    fn entity_count(&self) -> usize {
        self.tagger.index().entity_count()
    }

    /// Number of distinct normalized keys (surface forms) in the index.
    #[getter]
    fn key_count(&self) -> usize {
        self.tagger.index().key_count()
    }

    /// Where the index came from: `"embedded"`, `"gazetteer"` or `"index"`.
    #[getter]
    fn source(&self) -> &'static str {
        self.source.kind()
    }

    /// When misspelled names are tagged: `"off"`, `"context"` or `"always"`.
    #[getter]
    fn fuzzy(&self) -> &'static str {
        fuzzy_name(self.fuzzy)
    }

    /// The gazetteer directory or index file (None for the embedded one).
    #[getter]
    fn path(&self) -> Option<PathBuf> {
        self.source.path().map(Path::to_path_buf)
    }

    fn __repr__(&self) -> String {
        let entities = self.tagger.index().entity_count();
        let fuzzy = match self.fuzzy {
            FuzzyMode::Context => String::new(),
            mode => format!(" fuzzy={}", fuzzy_name(mode)),
        };
        match self.source.path() {
            None => format!("<entnorm.Engine embedded entities={entities}{fuzzy}>"),
            Some(p) => format!(
                "<entnorm.Engine {}={:?} entities={entities}{fuzzy}>",
                self.source.kind(),
                p.display().to_string()
            ),
        }
    }

    /// Pickles as "load again from the same source".
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, SourceArgs)> {
        let this = slf.get();
        let ctor = slf.get_type().getattr("_from_source")?;
        Ok((ctor, (this.source.kind(), this.source.path().map(Path::to_path_buf), fuzzy_name(this.fuzzy))))
    }
}

/// `(kind, path, fuzzy)`: the arguments of `Engine._from_source`.
type SourceArgs = (&'static str, Option<PathBuf>, &'static str);

/// The texts of an iterable of str, borrowed from the Python objects.
fn collect_texts(texts: &Bound<'_, PyAny>) -> PyResult<Vec<PyBackedStr>> {
    if texts.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err("texts must be an iterable of str, not a single str (use tag())"));
    }
    let mut out = Vec::with_capacity(texts.len().unwrap_or(0));
    for (i, item) in texts.try_iter()?.enumerate() {
        let item = item?;
        let text = item.extract::<PyBackedStr>().map_err(|_| {
            let type_name = item.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "?".into());
            PyTypeError::new_err(format!("texts[{i}] is {type_name}, not str"))
        })?;
        out.push(text);
    }
    Ok(out)
}

/// The native part of the `entnorm` package (import `entnorm`, not this).
#[pymodule]
#[pyo3(name = "_entnorm")]
fn entnorm_native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Engine>()?;
    m.add_class::<Mention>()?;
    m.add("EntnormError", m.py().get_type::<EntnormError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
