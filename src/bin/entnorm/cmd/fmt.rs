//! `entnorm fmt`: rewrite a gazetteer's CSV files in canonical order and
//! form (see `entnorm::gazetteer::fmt`), only after the gazetteer loads
//! without errors; `--check` reports instead of writing.

use crate::args::{Common, FmtArgs};
use anyhow::{Context, Result};
use entnorm::gazetteer::fmt::{format, FileKind};
use entnorm::Gazetteer;
use std::path::Path;
use std::process::ExitCode;

pub fn run(common: &Common, args: &FmtArgs) -> Result<ExitCode> {
    if let Err(e) = Gazetteer::from_dir(&args.dir) {
        eprintln!("entnorm: error: {e}");
        eprintln!("entnorm: fix these first (entnorm lint {}); nothing was rewritten", args.dir.display());
        return Ok(ExitCode::from(1));
    }
    let mut paths: Vec<_> = std::fs::read_dir(&args.dir)
        .with_context(|| format!("cannot read {}", args.dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    let mut changed = 0;
    for path in paths {
        let Some(kind) = FileKind::of(&path) else { continue };
        let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
        let formatted = format(&bytes, kind).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        if formatted.as_bytes() == bytes {
            continue;
        }
        changed += 1;
        if args.check {
            println!("would reformat {}", path.display());
        } else {
            write_atomically(&path, formatted.as_bytes())?;
            if !common.quiet {
                eprintln!("entnorm: reformatted {}", path.display());
            }
        }
    }
    Ok(if args.check && changed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("csv.tmp");
    std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path)).with_context(|| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot write {}", path.display())
    })
}
