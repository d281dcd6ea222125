//! `entnorm lookup`: how each surface form normalizes and which entities
//! its key reaches, and how.

use crate::args::{Common, LookupArgs};
use crate::config;
use anyhow::Result;
use entnorm::Lookup;
use std::io::{self, Write};
use std::process::ExitCode;

pub fn run(common: &Common, args: &LookupArgs) -> Result<ExitCode> {
    let tagger = config::tagger(common)?;
    let mut out = io::stdout().lock();
    let mut found_all = true;
    for surface in &args.surfaces {
        let lookup = tagger.lookup(surface);
        found_all &= !lookup.hits.is_empty();
        let written = if args.json {
            serde_json::to_writer(&mut out, &lookup).map_err(io::Error::from).and_then(|()| writeln!(out))
        } else {
            write_text(&mut out, &lookup)
        };
        match written {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
            other => other?,
        }
    }
    Ok(if found_all { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn write_text(out: &mut impl Write, lookup: &Lookup) -> io::Result<()> {
    write!(out, "{}  (key \"{}\"", lookup.surface, lookup.key)?;
    if let Some(fold) = &lookup.fold_key {
        write!(out, ", fold key \"{fold}\"")?;
    }
    writeln!(out, ")")?;
    if lookup.hits.is_empty() {
        writeln!(out, "  no entity")?;
    }
    for hit in &lookup.hits {
        write!(out, "  {} ({})  {}", hit.entity, hit.entity_type, hit.match_kind.as_str())?;
        // A name part shared by many entities is stored without its alias.
        if !hit.alias.is_empty() {
            write!(out, "  alias \"{}\"", hit.alias)?;
        }
        if !hit.detail.is_empty() {
            write!(out, "  {}", hit.detail)?;
        }
        if let Some(d) = hit.distance {
            write!(out, "  edit distance {d}")?;
        }
        if hit.case != "any" {
            write!(out, "  case: {}", hit.case)?;
        }
        if hit.context_only {
            write!(out, "  only with context")?;
        }
        writeln!(out)?;
    }
    if lookup.hits.len() > 1 {
        writeln!(out, "  ambiguous: in a text, resolved only by another mention of one of these")?;
    }
    Ok(())
}
