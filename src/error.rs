//! The one error type of the library.
//!
//! Whatever reads user files returns [`Result`]. Gazetteer problems are
//! gathered, not reported one at a time: a [`ErrorKind::Gazetteer`] error holds
//! every [`Problem`] found, each with the [`Location`] (file, line, column) it
//! was found at, so that a user fixing a CSV sees the whole list at once.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A `Result` whose error is this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where in a gazetteer file a problem is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The file, as the user named it (or the embedded file's name); shared
    /// by every row of the file (a gazetteer of 10 million aliases keeps one
    /// copy of each path, not 10 million).
    pub file: Arc<Path>,
    /// 1-based line number; 0 when the problem concerns the whole file.
    pub line: u64,
    /// 1-based CSV column (field number), when the problem is in one field.
    pub column: Option<usize>,
}

impl Location {
    /// A location in `file` at `line`, not tied to one column.
    pub fn line(file: &Path, line: u64) -> Location {
        Location { file: Arc::from(file), line, column: None }
    }

    /// A location in a shared `file` at `line`.
    pub fn in_file(file: &Arc<Path>, line: u64) -> Location {
        Location { file: file.clone(), line, column: None }
    }

    /// The same location narrowed to one column.
    pub fn with_column(mut self, column: usize) -> Location {
        self.column = Some(column);
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        if let Some(column) = self.column {
            write!(f, ":{column}")?;
        }
        Ok(())
    }
}

/// One thing wrong in a gazetteer, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where it is.
    pub location: Location,
    /// What is wrong, and what to do about it where that is not obvious.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The gazetteer has one or more problems; nothing was loaded.
    Gazetteer(Vec<Problem>),
    /// A file could not be read or written.
    Io {
        /// The file or directory concerned.
        path: PathBuf,
        /// The operating system's error.
        source: io::Error,
    },
    /// An index file is not a valid entnorm index (wrong magic, version,
    /// truncated, corrupted, built from another gazetteer …).
    Index {
        /// The file, when the index came from one.
        path: Option<PathBuf>,
        /// What is wrong with it.
        message: String,
    },
    /// A documented size limit was exceeded.
    Limit(String),
}

/// The error type of every fallible operation in this crate.
///
/// It is one pointer wide; [`Error::kind`] tells what happened and
/// [`Error::location`] where, for gazetteer errors.
pub struct Error(Box<ErrorKind>);

impl Error {
    /// What happened.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Unwraps into the kind.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    /// Where the (first) problem is, for gazetteer errors.
    pub fn location(&self) -> Option<&Location> {
        match &*self.0 {
            ErrorKind::Gazetteer(problems) => problems.first().map(|p| &p.location),
            _ => None,
        }
    }

    /// Every gazetteer problem (empty for other kinds).
    pub fn problems(&self) -> &[Problem] {
        match &*self.0 {
            ErrorKind::Gazetteer(problems) => problems,
            _ => &[],
        }
    }

    pub(crate) fn gazetteer(problems: Vec<Problem>) -> Error {
        Error(Box::new(ErrorKind::Gazetteer(problems)))
    }

    pub(crate) fn io(path: &Path, source: io::Error) -> Error {
        Error(Box::new(ErrorKind::Io { path: path.to_path_buf(), source }))
    }

    pub(crate) fn index(path: Option<&Path>, message: impl Into<String>) -> Error {
        let path = path.map(Path::to_path_buf);
        Error(Box::new(ErrorKind::Index { path, message: message.into() }))
    }

    pub(crate) fn limit(message: impl Into<String>) -> Error {
        Error(Box::new(ErrorKind::Limit(message.into())))
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.0 {
            ErrorKind::Gazetteer(problems) if problems.len() == 1 => {
                write!(f, "gazetteer error: {}", problems[0])
            }
            ErrorKind::Gazetteer(problems) => {
                write!(f, "{} gazetteer errors:", problems.len())?;
                problems.iter().try_for_each(|p| write!(f, "\n  {p}"))
            }
            ErrorKind::Io { path, source } => write!(f, "{}: {source}", path.display()),
            ErrorKind::Index { path: Some(path), message } => {
                write!(f, "{}: not a usable entnorm index: {message}", path.display())
            }
            ErrorKind::Index { path: None, message } => {
                write!(f, "not a usable entnorm index: {message}")
            }
            ErrorKind::Limit(message) => write!(f, "limit exceeded: {message}"),
        }
    }
}

// `Display` already includes an I/O error's message, so `source` does not
// return it again (error reporters that print the chain would repeat it).
impl std::error::Error for Error {}
