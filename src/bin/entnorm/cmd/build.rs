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
    let (entities, aliases) = (gazetteer.entities().len(), gazetteer.aliases().len());
    // Straight to the file: the file image is never held in memory.
    let built = Index::build_file(&gazetteer, &args.output)?;
    if !common.quiet {
        eprintln!(
            "entnorm: wrote {}: {entities} entities, {aliases} aliases, {} keys, {} bytes in {:.2} s",
            args.output.display(),
            built.keys,
            built.bytes,
            start.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}
