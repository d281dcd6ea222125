//! `entnorm import wikidata`: a Wikidata JSON dump to a gazetteer, streamed,
//! parsed in parallel on the `-j` pool, with progress on stderr.

use crate::args::{Common, WikidataArgs};
use crate::report::Progress;
use anyhow::{Context, Result};
use entnorm::import::wikidata::{self, WikidataOptions};
use flate2::read::MultiGzDecoder;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::process::ExitCode;
use std::time::Instant;

pub fn run(common: &Common, args: &WikidataArgs) -> Result<ExitCode> {
    let mut options = WikidataOptions { languages: args.languages.clone(), ..WikidataOptions::default() };
    if let Some(path) = &args.class_map {
        options.classes = wikidata::read_class_map(path)?;
    }
    options.unmapped = args.unmapped.clone();
    let input: Box<dyn BufRead + Send> = if args.dump.as_os_str() == "-" {
        Box::new(BufReader::with_capacity(1 << 20, io::stdin()))
    } else {
        let file = File::open(&args.dump).with_context(|| format!("cannot read {}", args.dump.display()))?;
        if args.dump.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz")) {
            Box::new(BufReader::with_capacity(1 << 20, MultiGzDecoder::new(file)))
        } else {
            Box::new(BufReader::with_capacity(1 << 20, file))
        }
    };
    let progress = Progress::new(std::slice::from_ref(&args.dump), common.quiet);
    let start = Instant::now();
    let stats = wikidata::import(input, &args.output, &options, |s| {
        progress.show(s.bytes, format!("{} entities read, {} written", s.read, s.written))
    })?;
    progress.finish();
    if !common.quiet {
        eprintln!(
            "entnorm: wrote {}: {} entities ({} aliases) of {} read; skipped {} of unmapped classes, {} without an en/ru label; {} bad lines; {:.1} MB in {:.1} s",
            args.output.display(),
            stats.written,
            stats.aliases,
            stats.read,
            stats.skipped_class,
            stats.skipped_label,
            stats.bad_lines,
            stats.bytes as f64 / 1e6,
            start.elapsed().as_secs_f64()
        );
    }
    Ok(if stats.bad_lines > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
