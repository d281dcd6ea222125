//! One module per subcommand.

pub mod build;
pub mod fmt;
pub mod import;
pub mod lint;
pub mod lookup;
pub mod tag;
pub mod verify;
