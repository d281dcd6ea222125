//! A digest of the sources and data that derive an index's keys from a
//! gazetteer (normalization, tokenization, inflection, transliteration,
//! the common-word lists), computed by the build script. It goes into every
//! entity's fingerprint (see `index::expand::fingerprints`), so that a
//! rebuild never reuses keys derived by a different engine, even one whose
//! `ENGINE_VERSION` was not bumped.

include!(concat!(env!("OUT_DIR"), "/derivation_digest.rs"));

/// The digest of this build's derivation sources.
pub(crate) fn digest() -> u64 {
    DIGEST
}
