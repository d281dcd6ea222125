//! The default gazetteer shipped in `gazetteers/`, embedded by `build.rs`,
//! parsed and compiled once, on first use.

use crate::gazetteer::Gazetteer;
use crate::index::Index;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/embedded_gazetteer.rs"));

/// The embedded gazetteer.
pub(crate) fn gazetteer() -> Gazetteer {
    // The shipped files are checked by the test suite
    // (`tests/gazetteers.rs`), so a failure here is a build defect.
    Gazetteer::from_sources(FILES.iter().copied()).expect("the embedded gazetteer is valid")
}

/// The embedded gazetteer's index, compiled once per process.
pub(crate) fn index() -> Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| Index::build(&gazetteer()).expect("the embedded gazetteer compiles")).clone()
}
