//! `entnorm tag`: read documents in bounded chunks on one thread, tag each
//! chunk in parallel on the `-j` threads, write results in input order.

use crate::args::{Common, Fuzzy, OutputFormat, TagArgs};
use crate::config;
use crate::input::{read_all, Doc, Input, InputOptions, Sink};
use crate::output;
use crate::report::{Progress, Report};
use anyhow::{Context, Result};
use entnorm::{FuzzyMode, Tagger, TaggerBuilder};
use rayon::prelude::*;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::panic::AssertUnwindSafe;
use std::process::ExitCode;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::mpsc::{sync_channel, SyncSender};
use std::sync::Arc;

/// A chunk is sent when it holds this many documents …
const CHUNK_DOCS: usize = 1024;
/// … or this many bytes of text, whichever comes first. With two chunks in
/// the channel and one being tagged, memory stays bounded by a few chunks
/// whatever the size of the input.
const CHUNK_BYTES: usize = 4 << 20;

pub fn run(common: &Common, args: &TagArgs) -> Result<ExitCode> {
    let fuzzy = match args.fuzzy {
        Fuzzy::Off => FuzzyMode::Off,
        Fuzzy::Context => FuzzyMode::Context,
        Fuzzy::Always => FuzzyMode::Always,
    };
    let tagger = TaggerBuilder::new().fuzzy(fuzzy).build(config::index(common)?);
    let report = Arc::new(Report::new(common.quiet));
    let mut out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
    };
    let (tx, rx) = sync_channel::<Vec<Input>>(2);
    let opts = InputOptions {
        text_field: args.text_field.clone(),
        id_field: args.id_field.clone(),
        format: args.input_format,
        max_doc_bytes: args.max_doc_bytes,
    };
    let (paths, reader_report, reader_opts) = (args.paths.clone(), report.clone(), opts.clone());
    // With a core to spare, the reading thread parses the JSON lines and
    // this one renders the output: the tagging threads only tag.
    let spare = spare_core();
    let reader = std::thread::spawn(move || {
        let parse = spare.then(|| (reader_opts.clone(), reader_report.clone()));
        let mut chunker = Chunker { tx, chunk: Vec::new(), bytes: 0, sent: 0, parse };
        read_all(&paths, &reader_opts, &reader_report, &mut chunker);
        chunker.flush();
    });
    let progress = Progress::new(&args.paths, common.quiet);
    let render = |doc: &Doc, tagged: &Outcome| {
        output::render(args.format, doc, tagged.as_ref().map_err(String::as_str), args.ambiguous)
    };
    let written = std::thread::scope(|scope| {
        // Chunks are tagged on a thread of their own while this one writes
        // the chunk before: the tagging threads do not wait for the writing.
        let (done_tx, done_rx) = sync_channel::<Vec<Done>>(1);
        let (tagger, report, opts) = (&tagger, &report, &opts);
        scope.spawn(move || {
            for chunk in rx {
                let done = chunk.into_par_iter().map(|input| {
                    let doc = input.into_doc(opts, report);
                    let tagged = tag(tagger, &doc, args, report);
                    match spare {
                        true => Done::Tagged(doc, tagged),
                        false => Done::Rendered(render(&doc, &tagged)),
                    }
                });
                if done_tx.send(done.collect()).is_err() {
                    break; // writing stopped
                }
            }
        });
        let written = (|| -> io::Result<()> {
            out.write_all(&output::header(args.format))?;
            for chunk in &done_rx {
                for done in chunk {
                    match done {
                        Done::Rendered(rendered) => out.write_all(&rendered)?,
                        Done::Tagged(doc, tagged) => out.write_all(&render(&doc, &tagged))?,
                    }
                }
                // Each chunk's lines go out as it is done: a stream read as
                // it comes sees them without waiting for the buffer to fill.
                out.flush()?;
                progress.update(report);
            }
            out.flush()
        })();
        // Stops the tagging thread at its next chunk, and with it the reader.
        drop(done_rx);
        written
    });
    progress.finish();
    let _ = reader.join();
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(e).context("cannot write output"),
        Ok(()) => {}
    }
    report.summary();
    Ok(if report.failed.load(Relaxed) > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Whether the tagging threads leave a core free (`-j` below the number of
/// cores) and are few enough for one thread to keep up with them: then the
/// reading thread parses the JSON lines it reads, and the writing thread
/// renders each document's output, rather than leaving both to the tagging
/// threads. Reading and parsing a line take about a tenth of the time
/// tagging its text does; rendering its output a fiftieth.
fn spare_core() -> bool {
    const MAX_THREADS: usize = 8;
    let threads = rayon::current_num_threads();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    threads < cores && threads <= MAX_THREADS
}

/// A tagged document: its output, or the document and what tagging it gave,
/// for the writing thread to render.
enum Done {
    Rendered(Vec<u8>),
    Tagged(Doc, Outcome),
}

/// What tagging a document gave: its mentions, or the error its line says.
type Outcome = std::result::Result<entnorm::Tagged, String>;

/// Groups documents into bounded chunks for the tagging pool. The first
/// chunks are smaller (from 1/16 of the bounds, doubling), so that tagging
/// starts, and the first lines come out, without waiting for 4 MB. When
/// the input waits for its writer, what is held goes on at once.
struct Chunker {
    tx: SyncSender<Vec<Input>>,
    chunk: Vec<Input>,
    bytes: usize,
    /// Chunks sent so far (counted up to the full size).
    sent: u32,
    /// Parse JSON lines here, on the reading thread (see `spare_core`).
    parse: Option<(InputOptions, Arc<Report>)>,
}

impl Sink for Chunker {
    fn push(&mut self, input: Input) -> bool {
        let input = match &self.parse {
            Some((opts, report)) => Input::Doc(input.into_doc(opts, report)),
            None => input,
        };
        self.bytes += input.len();
        self.chunk.push(input);
        let shift = 4u32.saturating_sub(self.sent);
        if self.chunk.len() >= CHUNK_DOCS >> shift || self.bytes >= CHUNK_BYTES >> shift {
            return self.flush();
        }
        true
    }

    fn waiting(&mut self) -> bool {
        self.flush()
    }
}

impl Chunker {
    /// Sends the documents held; false when the consumer has gone.
    fn flush(&mut self) -> bool {
        if self.chunk.is_empty() {
            return true;
        }
        self.bytes = 0;
        self.sent = self.sent.saturating_add(1);
        self.tx.send(std::mem::take(&mut self.chunk)).is_ok()
    }
}

/// Tags one document, counting it. A panic while tagging (a bug, or an
/// index crafted to pass the load-time checks, see `entnorm verify`) fails
/// that document with an error; the others go on.
fn tag(tagger: &Tagger, doc: &Doc, args: &TagArgs, report: &Report) -> Outcome {
    report.read.fetch_add(1, Relaxed);
    let tagged = doc.text.as_deref().map_err(|e| e.to_owned()).and_then(|text| {
        let run = || match args.ambiguous {
            true => tagger.tag_detailed(text),
            false => entnorm::Tagged { mentions: tagger.tag(text), ..Default::default() },
        };
        std::panic::catch_unwind(AssertUnwindSafe(run)).map_err(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            format!(
                "document {}: internal error while tagging ({what}); the index may be damaged (check it with `entnorm verify`) or this is a bug to report",
                doc.id
            )
        })
    });
    match &tagged {
        Ok(tagged) => {
            report.tagged.fetch_add(1, Relaxed);
            report.bytes.fetch_add(doc.text.as_ref().map_or(0, String::len) as u64, Relaxed);
            report.mentions.fetch_add(tagged.mentions.len() as u64, Relaxed);
        }
        Err(error) => {
            report.failed.fetch_add(1, Relaxed);
            match args.format {
                OutputFormat::Jsonl => report.warn(error), // the error line says it too
                _ => report.error(error),
            }
        }
    }
    tagged
}
