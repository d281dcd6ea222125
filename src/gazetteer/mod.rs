//! Gazetteers: the CSV files users edit, loaded into a validated model.
//!
//! A gazetteer is a directory of `entities*.csv` and `aliases*.csv` files
//! (SPEC §1). Loading is all or nothing: every problem in every file is
//! collected, with its file, line and column, and the load fails with all
//! of them ([`crate::ErrorKind::Gazetteer`]); nothing is half-loaded.
//!
//! ```
//! # fn main() -> entnorm::Result<()> {
//! let gazetteer = entnorm::Gazetteer::from_sources([
//!     ("entities.csv", "id,type,name_en,name_ru\nputin,PER,Vladimir Putin,Владимир Путин\n"),
//!     ("aliases.csv", "id,alias,case\nputin,Путин,title\n"),
//! ])?;
//! assert_eq!(gazetteer.entities().len(), 1);
//! // Canonical names are aliases too: name_en, name_ru, then the listed ones.
//! let names: Vec<&str> = gazetteer.aliases_of(0).iter().map(|a| a.text.as_str()).collect();
//! assert_eq!(names, ["Vladimir Putin", "Владимир Путин", "Путин"]);
//! # Ok(()) }
//! ```

pub mod fmt;
pub mod lint;
mod load;
pub mod options;

use crate::error::{Location, Result};
use std::ops::Range;
use std::path::Path;

pub use load::{MAX_ALIASES_PER_ENTITY, MAX_ALIAS_CHARS};
pub use options::{CaseRule, Gender, InflectRule, Lang};

/// One entity: a row of `entities*.csv`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    /// Canonical ID: non-empty, unique, no whitespace.
    pub id: String,
    /// Type label: `PER`, `ORG`, `LOC` or another upper-case label.
    pub kind: String,
    /// Canonical English name (may be empty when `name_ru` is not).
    pub name_en: String,
    /// Canonical Russian name (may be empty when `name_en` is not).
    pub name_ru: String,
    /// Grammatical gender of a person, from the optional `gender` column.
    pub gender: Option<Gender>,
    /// Columns beyond the known ones, carried along: (column name, value).
    pub extra: Vec<(String, String)>,
    /// Where the row is.
    pub location: Location,
    /// This entity's aliases, as a range of [`Gazetteer::aliases`].
    pub aliases: Range<usize>,
}

/// Where an alias comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Origin {
    /// The entity's `name_en`.
    NameEn,
    /// The entity's `name_ru`.
    NameRu,
    /// A row of `aliases*.csv`.
    Listed,
}

/// One surface form of an entity, with the rules that refine how it matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alias {
    /// Index of the entity in [`Gazetteer::entities`].
    pub entity: usize,
    /// The alias as written.
    pub text: String,
    /// Its language (column `lang`; by default from its script).
    pub lang: Lang,
    /// Letter-case rule (column `case`).
    pub case: CaseRule,
    /// Whether and how Russian case forms are generated (column `inflect`).
    pub inflect: InflectRule,
    /// Whether Latin/Cyrillic spellings are derived (column `translit`).
    pub translit: bool,
    /// Whether misspellings may match (column `fuzzy`).
    pub fuzzy: bool,
    /// Only counts when the document also names the entity another way
    /// (column `context`).
    pub context_only: bool,
    /// Canonical name or listed alias.
    pub origin: Origin,
    /// Columns beyond the known ones, carried along: (column name, value).
    pub extra: Vec<(String, String)>,
    /// Where it is defined (the entity's row for canonical names).
    pub location: Location,
}

/// A validated gazetteer.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    aliases: Vec<Alias>,
    checksum: u64,
}

impl Gazetteer {
    /// Loads every `entities*.csv` and `aliases*.csv` in `dir`. The entity
    /// files and the alias files are read at the same time, on the
    /// caller's Rayon pool.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<Gazetteer> {
        load::from_dir(dir.as_ref())
    }

    /// Loads a gazetteer from in-memory files, given as (file name, contents).
    /// Names decide the role as in a directory: `entities*.csv`, `aliases*.csv`.
    /// As for [`Gazetteer::from_dir`], entity and alias files are read at the
    /// same time, on the caller's Rayon pool.
    pub fn from_sources<N, C, I>(files: I) -> Result<Gazetteer>
    where
        N: AsRef<Path>,
        C: AsRef<[u8]>,
        I: IntoIterator<Item = (N, C)>,
    {
        load::from_sources(files)
    }

    /// The default gazetteer shipped in `gazetteers/` and embedded in the crate.
    pub fn embedded() -> Gazetteer {
        crate::embedded::gazetteer()
    }

    /// All entities, in file order.
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// All aliases, grouped by entity: for each entity, `name_en`, `name_ru`
    /// (when not empty) and then its listed aliases in file order.
    pub fn aliases(&self) -> &[Alias] {
        &self.aliases
    }

    /// The aliases of entity `entity` (an index into [`Gazetteer::entities`]).
    pub fn aliases_of(&self, entity: usize) -> &[Alias] {
        &self.aliases[self.entities[entity].aliases.clone()]
    }

    /// The entity with ID `id`.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// A checksum of the gazetteer's files (names and bytes), recorded in
    /// index files built from it.
    pub fn checksum(&self) -> u64 {
        self.checksum
    }
}
