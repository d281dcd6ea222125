//! `entnorm lint`: every error that stops a gazetteer from loading, then
//! every warning about what would hurt users after an edit.

use crate::args::{Common, LintArgs};
use crate::config;
use anyhow::Result;
use entnorm::gazetteer::lint::{lint, Severity};
use std::process::ExitCode;

pub fn run(common: &Common, args: &LintArgs) -> Result<ExitCode> {
    let gazetteer = match config::gazetteer(common, args.dir.as_deref()) {
        Ok(g) => g,
        Err(e) => {
            let problems = e.chain().find_map(|c| c.downcast_ref::<entnorm::Error>()).map(|e| e.problems());
            match problems {
                Some(problems) if !problems.is_empty() => {
                    problems.iter().for_each(|p| println!("error: {p}"));
                    eprintln!("entnorm: {} errors; the gazetteer cannot be loaded", problems.len());
                    return Ok(ExitCode::from(1));
                }
                _ => return Err(e),
            }
        }
    };
    let diagnostics = lint(&gazetteer);
    for d in &diagnostics {
        println!("{d}");
    }
    let warnings = diagnostics.iter().filter(|d| d.severity == Severity::Warning).count();
    if !common.quiet {
        eprintln!(
            "entnorm: {} entities, {} aliases: no errors, {warnings} warnings",
            gazetteer.entities().len(),
            gazetteer.aliases().len()
        );
    }
    Ok(if warnings > 0 && args.deny_warnings { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
