//! `entnorm verify`: the load-time checks plus every node of the fst.

use crate::args::{Common, VerifyArgs};
use anyhow::{Context, Result};
use entnorm::Index;
use std::process::ExitCode;
use std::time::Instant;

pub fn run(common: &Common, args: &VerifyArgs) -> Result<ExitCode> {
    let start = Instant::now();
    let index = Index::open(&args.index)?;
    index.verify().with_context(|| args.index.display().to_string())?;
    if !common.quiet {
        eprintln!(
            "entnorm: {}: ok: {} entities, {} keys, {} bytes, every node checked in {:.0} ms",
            args.index.display(),
            index.entity_count(),
            index.key_count(),
            index.as_bytes().len(),
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
    Ok(ExitCode::SUCCESS)
}
