//! Importers that write gazetteers in the SPEC schema from other sources.

pub mod wikidata;
