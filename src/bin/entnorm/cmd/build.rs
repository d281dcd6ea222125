//! `entnorm build`: compile a gazetteer into an index file, atomically.

use crate::args::{BuildArgs, Common};
use crate::config;
use anyhow::Result;
use entnorm::Index;
use std::process::ExitCode;
use std::time::Instant;

pub fn run(common: &Common, args: &BuildArgs) -> Result<ExitCode> {
    let start = Instant::now();
    let gazetteer = config::gazetteer(common, None)?;
    // Straight to the file: the file image is never held in memory.
    let index = Index::build_file(&gazetteer, &args.output)?;
    if !common.quiet {
        eprintln!(
            "entnorm: wrote {}: {} entities, {} aliases, {} keys, {} bytes in {:.2} s",
            args.output.display(),
            gazetteer.entities().len(),
            gazetteer.aliases().len(),
            index.key_count(),
            index.as_bytes().len(),
            start.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}
