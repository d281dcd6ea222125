//! Messages on stderr and the run's accounting. Each message is one
//! `eprintln!` (one locked write), so lines from different threads never
//! interleave. Errors are always shown; warnings and the summary not with
//! `--quiet`.

use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::Instant;

pub struct Report {
    quiet: bool,
    start: Instant,
    /// Documents read (each gets one output line).
    pub read: AtomicU64,
    /// Documents tagged.
    pub tagged: AtomicU64,
    /// Documents that got an error line.
    pub failed: AtomicU64,
    /// Files skipped (binary, unreachable in a walk).
    pub skipped: AtomicU64,
    /// Mentions written.
    pub mentions: AtomicU64,
    /// Bytes of document text tagged.
    pub bytes: AtomicU64,
}

impl Report {
    pub fn new(quiet: bool) -> Report {
        Report {
            quiet,
            start: Instant::now(),
            read: AtomicU64::new(0),
            tagged: AtomicU64::new(0),
            failed: AtomicU64::new(0),
            skipped: AtomicU64::new(0),
            mentions: AtomicU64::new(0),
            bytes: AtomicU64::new(0),
        }
    }

    pub fn warn(&self, message: &str) {
        if !self.quiet {
            eprintln!("entnorm: warning: {message}");
        }
    }

    pub fn error(&self, message: &str) {
        eprintln!("entnorm: error: {message}");
    }

    /// A file that yields no document.
    pub fn skip(&self, message: &str) {
        self.skipped.fetch_add(1, Relaxed);
        self.warn(message);
    }

    /// The one-line summary at the end of `tag`.
    pub fn summary(&self) {
        let failed = self.failed.load(Relaxed);
        if self.quiet && failed == 0 {
            return;
        }
        let seconds = self.start.elapsed().as_secs_f64();
        let mb = self.bytes.load(Relaxed) as f64 / 1e6;
        eprintln!(
            "entnorm: {} documents read: {} tagged, {failed} failed; {} files skipped; {} mentions; {mb:.1} MB in {seconds:.2} s ({:.1} MB/s)",
            self.read.load(Relaxed),
            self.tagged.load(Relaxed),
            self.skipped.load(Relaxed),
            self.mentions.load(Relaxed),
            mb / seconds.max(1e-9),
        );
    }
}
