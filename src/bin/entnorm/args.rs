//! Command-line flags, as plain structs (clap derive). Subcommands receive
//! these, then build what they need through `config`.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Finds and normalizes named entities in Russian and English text.
#[derive(Parser, Debug)]
#[command(name = "entnorm", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub common: Common,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command accepts.
#[derive(Args, Debug, Clone)]
pub struct Common {
    /// Gazetteer directory to compile on the fly (entities*.csv, aliases*.csv).
    #[arg(long, global = true, value_name = "DIR", conflicts_with = "index")]
    pub gazetteer: Option<PathBuf>,
    /// Index file built by `entnorm build`.
    #[arg(long, global = true, value_name = "FILE")]
    pub index: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long, global = true, value_name = "N")]
    pub threads: Option<usize>,
    /// No summary or warnings on stderr (errors are still reported).
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Tag documents: files, directories (recursive), .jsonl/.ndjson, .gz, or stdin.
    Tag(TagArgs),
    /// Compile a gazetteer directory into an index file.
    Build(BuildArgs),
    /// Show how surface forms normalize and which entities they reach.
    Lookup(LookupArgs),
    /// Validate a gazetteer directory and report problems.
    Lint(LintArgs),
    /// Check every byte of an index file you did not build yourself.
    Verify(VerifyArgs),
    /// Rewrite a gazetteer's CSV files in canonical order and form.
    Fmt(FmtArgs),
    /// Write a gazetteer from another source (a Wikidata JSON dump).
    #[command(subcommand)]
    Import(ImportSource),
}

#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// Index file built by `entnorm build`.
    #[arg(value_name = "INDEX")]
    pub index: PathBuf,
}

#[derive(Args, Debug)]
pub struct FmtArgs {
    /// Gazetteer directory.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Change nothing; exit 1 if a file is not in canonical form.
    #[arg(long)]
    pub check: bool,
}

#[derive(Subcommand, Debug)]
pub enum ImportSource {
    /// Stream a Wikidata JSON dump (latest-all.json.gz) into entities.csv and aliases.csv.
    Wikidata(WikidataArgs),
}

#[derive(Args, Debug)]
pub struct WikidataArgs {
    /// The dump (.json or .json.gz; "-" reads stdin).
    #[arg(value_name = "DUMP")]
    pub dump: PathBuf,
    /// Directory to write entities.csv and aliases.csv into.
    #[arg(short, long, default_value = "wikidata-gazetteer", value_name = "DIR")]
    pub output: PathBuf,
    /// Languages whose aliases are kept (en and ru labels are the canonical names).
    #[arg(long, value_delimiter = ',', default_value = "en,ru", value_name = "LANGS")]
    pub languages: Vec<String>,
    /// CSV of `QID,TYPE` rows mapping P31 classes to types (replaces the built-in map).
    #[arg(long, value_name = "FILE")]
    pub class_map: Option<PathBuf>,
    /// Type for entities of unmapped classes (default: skip them).
    #[arg(long, value_name = "TYPE")]
    pub unmapped: Option<String>,
}

#[derive(Args, Debug)]
pub struct TagArgs {
    /// Inputs; none or "-" reads stdin.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// JSON field holding the text in .jsonl/.ndjson input.
    #[arg(long, default_value = "text", value_name = "NAME")]
    pub text_field: String,
    /// JSON field holding the document ID (absent: FILE:LINE).
    #[arg(long, default_value = "id", value_name = "NAME")]
    pub id_field: String,
    /// How to read stdin and files: by extension (auto), JSON Lines, one
    /// document per file, or one document per line.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    /// Output file (default: stdout).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format: one JSON line per document, or one row per mention.
    #[arg(long, value_enum, default_value_t = OutputFormat::Jsonl)]
    pub format: OutputFormat,
    /// Longest document accepted, in bytes (a JSON line or a whole file);
    /// longer ones get an error line instead of exhausting memory.
    #[arg(long, default_value_t = 64 << 20, value_name = "BYTES")]
    pub max_doc_bytes: usize,
    /// When misspelled names are tagged: when the document names the entity
    /// correctly elsewhere (context), never, or always.
    #[arg(long, value_enum, default_value_t = Fuzzy::Context)]
    pub fuzzy: Fuzzy,
    /// Also report ambiguous spans that no other mention resolves
    /// (an "ambiguous" array per document).
    #[arg(long)]
    pub ambiguous: bool,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// Files by extension (.jsonl/.ndjson = JSON Lines, others = one
    /// document); stdin as JSON Lines.
    Auto,
    /// JSON Lines, whatever the extension.
    Jsonl,
    /// Each file (or all of stdin) is one plain-text document.
    Text,
    /// Each line is one plain-text document (ID: FILE:LINE).
    Lines,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fuzzy {
    Off,
    Context,
    Always,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    Jsonl,
    Tsv,
    Csv,
}

#[derive(Args, Debug)]
pub struct BuildArgs {
    /// Where to write the index.
    #[arg(short, long, default_value = "entnorm.idx", value_name = "INDEX")]
    pub output: PathBuf,
    /// Derive every key again instead of reusing, from the index already at
    /// OUTPUT, the keys of entities that did not change.
    #[arg(long)]
    pub fresh: bool,
}

#[derive(Args, Debug)]
pub struct LookupArgs {
    /// Surface forms to look up.
    #[arg(required = true, value_name = "SURFACE")]
    pub surfaces: Vec<String>,
    /// One JSON object per surface form instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Args, Debug)]
pub struct LintArgs {
    /// Gazetteer directory (default: --gazetteer, else the embedded default).
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Exit non-zero on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
}
