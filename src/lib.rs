//! # entnorm
//!
//! Finds mentions of known entities — people, organizations, places — in
//! Russian and English text, whatever case, script, spelling or typography
//! they are written in, and maps each to its canonical ID from a gazetteer.
//!
//! ```
//! let tagger = entnorm::Tagger::embedded();
//! let mentions = tagger.tag("Дмитрий Песков ответил на вопрос о НАТО.");
//! assert_eq!(mentions[0].entity, "dmitry-peskov");
//! assert_eq!(mentions[0].text, "Дмитрий Песков");
//! assert_eq!((mentions[1].start, mentions[1].end), (35, 39)); // code points
//! ```
//!
//! ## Your own gazetteer
//!
//! A gazetteer is a directory of CSV files (`entities*.csv`, `aliases*.csv`;
//! see the README for every column). Load it, compile it into an [`Index`]
//! once, and tag as many texts as you like, one at a time or in parallel:
//!
//! ```
//! # fn main() -> entnorm::Result<()> {
//! use entnorm::{Gazetteer, Index, Tagger};
//!
//! let gazetteer = Gazetteer::from_sources([
//!     ("entities.csv", "id,type,name_en,name_ru\nkabul,LOC,Kabul,Кабул\n"),
//! ])?;
//! let tagger = Tagger::new(Index::build(&gazetteer)?);
//! let batch = tagger.tag_batch(&["KABUL, June 16", "nothing here"]);
//! assert_eq!(batch[0][0].entity, "kabul");
//! assert!(batch[1].is_empty());
//! # Ok(()) }
//! ```
//!
//! An index can be saved with [`Index::save`] and memory-mapped back with
//! [`Index::open`]; a damaged file is rejected with an error, never trusted.
//!
//! ## Errors
//!
//! Whatever reads user files returns [`Result`]; a gazetteer error lists
//! every problem with its file, line and column:
//!
//! ```
//! let err = entnorm::Gazetteer::from_sources([
//!     ("entities.csv", "id,type,name_en,name_ru\nx,per,X,\n"),
//! ]).unwrap_err();
//! assert_eq!(err.to_string(), "gazetteer error: entities.csv:2:2: type `per` is not an upper-case label such as PER, ORG or LOC");
//! ```
//!
//! Tagging itself never fails: [`Tagger::tag`] accepts any `&str`.
#![deny(missing_docs)]

mod derivation;
mod embedded;
mod error;
mod fuzzy;
pub mod gazetteer;
pub mod import;
pub mod index;
pub mod inflect;
pub mod lexicon;
mod matcher;
mod mention;
pub mod normalize;
mod resolve;
mod tagger;
pub mod tokenize;
pub mod translit;

pub use error::{Error, ErrorKind, Location, Problem, Result};
pub use gazetteer::{Alias, Entity, Gazetteer};
pub use index::Index;
pub use mention::{Ambiguity, MatchKind, Mention, Tagged};
#[doc(hidden)]
pub use resolve::stages;
#[doc(hidden)]
pub use resolve::without_group_lookups;
pub use resolve::FuzzyMode;
pub use tagger::{Lookup, LookupHit, Tagger, TaggerBuilder};

// The README's Rust examples compile and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
