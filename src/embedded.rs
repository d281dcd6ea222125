//! The default gazetteer shipped in `gazetteers/`, embedded by `build.rs`
//! both as its CSV files and as the index compiled from them at build time,
//! so that a tagger over it starts without compiling anything.

use crate::gazetteer::Gazetteer;
use crate::index::Index;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/embedded_gazetteer.rs"));

/// The embedded gazetteer.
pub(crate) fn gazetteer() -> Gazetteer {
    // `build.rs` compiled these very files, so they are valid.
    Gazetteer::from_sources(FILES.iter().copied()).expect("the embedded gazetteer is valid")
}

/// Bytes at an address that is a multiple of 64, as a mapped index file's
/// are (see [`Index::from_static`]).
#[repr(C, align(64))]
struct Aligned<B: ?Sized>(B);

/// The index `build.rs` compiled from the shipped files.
static INDEX_BYTES: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/default.idx")));

/// The embedded gazetteer's index, loaded (checked) once per process.
pub(crate) fn index() -> Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    // Written by this crate's own build script from the same code: a
    // failure to load it is a build defect, not a user error.
    INDEX.get_or_init(|| Index::from_static(&INDEX_BYTES.0).expect("the embedded index is valid")).clone()
}

#[cfg(test)]
mod tests {
    /// The embedded bytes begin on a cache line, so the index uses them in
    /// place (`Index::from_static` would copy them otherwise).
    #[test]
    fn the_embedded_index_is_used_in_place() {
        assert_eq!(super::INDEX_BYTES.0.as_ptr() as usize % 64, 0);
        assert_eq!(super::index().as_bytes().as_ptr(), super::INDEX_BYTES.0.as_ptr());
    }
}
