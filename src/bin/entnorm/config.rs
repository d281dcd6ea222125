//! Flags → built objects: the tagger (embedded, gazetteer or index) and the
//! thread pool.

use crate::args::Common;
use anyhow::{Context, Result};
use entnorm::{Gazetteer, Index, Tagger};
use std::path::Path;

/// The gazetteer named by `--gazetteer DIR`, `dir`, or the embedded one.
pub fn gazetteer(common: &Common, dir: Option<&Path>) -> Result<Gazetteer> {
    match dir.or(common.gazetteer.as_deref()) {
        Some(dir) => {
            Gazetteer::from_dir(dir).with_context(|| format!("cannot load gazetteer {}", dir.display()))
        }
        None => Ok(Gazetteer::embedded()),
    }
}

/// The index the common options select.
pub fn index(common: &Common) -> Result<Index> {
    if let Some(path) = &common.index {
        return Index::open(path).map_err(anyhow::Error::new);
    }
    if common.gazetteer.is_some() {
        return Ok(Index::build(&gazetteer(common, None)?)?);
    }
    Ok(Tagger::embedded().index().clone())
}

/// The tagger the common options select, with default tagging options.
pub fn tagger(common: &Common) -> Result<Tagger> {
    Ok(Tagger::new(index(common)?))
}

/// Sizes Rayon's global pool, which every command's parallel work runs on
/// (loading and compiling a gazetteer, tagging, importing), to `-j`
/// threads: all cores by default.
pub fn threads(common: &Common) -> Result<()> {
    let threads = common.threads.unwrap_or(0);
    rayon::ThreadPoolBuilder::new().num_threads(threads).build_global().context("cannot start worker threads")
}
