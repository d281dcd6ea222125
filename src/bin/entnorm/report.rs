//! Messages on stderr and the run's accounting. Each message is one
//! `eprintln!` (one locked write), so lines from different threads never
//! interleave. Errors are always shown; warnings and the summary not with
//! `--quiet`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::time::{Duration, Instant};

pub struct Report {
    quiet: bool,
    pub start: Instant,
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
    /// Bytes of input consumed (after decompression), for progress.
    pub input_bytes: AtomicU64,
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
            input_bytes: AtomicU64::new(0),
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

/// A progress bar on stderr for long runs: input bytes against the total
/// when the inputs are plain files (so an ETA), a spinner otherwise. Drawn
/// only when stderr is a terminal and not `--quiet`.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    pub fn new(paths: &[PathBuf], quiet: bool) -> Progress {
        let target = if quiet { ProgressDrawTarget::hidden() } else { ProgressDrawTarget::stderr_with_hz(4) };
        let bar = match known_total(paths) {
            Some(total) => {
                let style = "{elapsed_precise} [{bar:30}] {bytes}/{total_bytes} {msg} ETA {eta}";
                ProgressBar::with_draw_target(Some(total), target).with_style(
                    ProgressStyle::with_template(style).unwrap_or_else(|_| ProgressStyle::default_bar()),
                )
            }
            None => {
                let style = "{elapsed_precise} {spinner} {bytes} {msg}";
                ProgressBar::with_draw_target(None, target).with_style(
                    ProgressStyle::with_template(style).unwrap_or_else(|_| ProgressStyle::default_spinner()),
                )
            }
        };
        // A ticking thread only when something is drawn: joining it at the
        // end would otherwise delay every short run.
        if !bar.is_hidden() {
            bar.enable_steady_tick(Duration::from_millis(250));
        }
        Progress { bar }
    }

    /// Shows where a `tag` run is.
    pub fn update(&self, report: &Report) {
        let seconds = report.start.elapsed().as_secs_f64().max(1e-9);
        let mb = report.bytes.load(Relaxed) as f64 / 1e6;
        let message = format!("{} docs, {:.1} MB/s", report.read.load(Relaxed), mb / seconds);
        self.show(report.input_bytes.load(Relaxed), message);
    }

    /// Shows `position` input bytes consumed and a message.
    pub fn show(&self, position: u64, message: String) {
        self.bar.set_position(position);
        self.bar.set_message(message);
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

/// Total input size when every input is a plain (not compressed) file.
fn known_total(paths: &[PathBuf]) -> Option<u64> {
    if paths.is_empty() {
        return None;
    }
    let size = |p: &PathBuf| {
        let plain = p.as_os_str() != "-" && !p.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
        let meta = std::fs::metadata(p).ok().filter(|m| m.is_file() && plain)?;
        Some(meta.len())
    };
    paths.iter().map(size).sum()
}
