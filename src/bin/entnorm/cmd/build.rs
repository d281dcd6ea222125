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
    // After an edit, the keys of unchanged entities come from the index
    // being replaced. One that cannot be opened (another engine version,
    // damaged) is simply not used.
    let previous = match args.fresh || !args.output.exists() {
        true => None,
        // Windows cannot replace a file that is mapped: read it instead.
        false if cfg!(windows) => std::fs::read(&args.output).ok().and_then(|b| Index::from_vec(b).ok()),
        false => Index::open(&args.output).ok(),
    };
    // Straight to the file: the file image is never held in memory.
    let built = Index::build_file_reusing(&gazetteer, &args.output, previous.as_ref())?;
    if !common.quiet {
        let reused = match built.reused {
            0 => String::new(),
            n => format!(" ({n} unchanged entities' keys reused)"),
        };
        let threads = match rayon::current_num_threads() {
            1 => "1 thread".to_string(),
            n => format!("{n} threads"),
        };
        eprintln!(
            "entnorm: wrote {}: {entities} entities, {aliases} aliases, {} keys, {} bytes in {:.2} s on {threads}{reused}",
            args.output.display(),
            built.keys,
            built.bytes,
            start.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}
