//! The `entnorm` command: parses flags, runs one subcommand through the
//! library's public API, and turns the outcome into an exit status:
//! 0 success, 1 some documents failed (or lint found errors), 2 the run
//! could not be done at all (bad flags, gazetteer, index, output).

mod alloc;
mod args;
mod cmd;
mod config;
mod input;
mod output;
mod report;

use args::{Cli, Command, ImportSource};
use clap::Parser;
use std::process::ExitCode;

#[global_allocator]
static ALLOCATOR: alloc::MiMalloc = alloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // One line instead of the default report; `tag` turns a panic into a
    // failed document and goes on.
    std::panic::set_hook(Box::new(|info| eprintln!("entnorm: internal error: {info}")));
    let result = config::threads(&cli.common).and_then(|()| match &cli.command {
        Command::Tag(args) => cmd::tag::run(&cli.common, args),
        Command::Build(args) => cmd::build::run(&cli.common, args),
        Command::Lookup(args) => cmd::lookup::run(&cli.common, args),
        Command::Lint(args) => cmd::lint::run(&cli.common, args),
        Command::Verify(args) => cmd::verify::run(&cli.common, args),
        Command::Fmt(args) => cmd::fmt::run(&cli.common, args),
        Command::Import(ImportSource::Wikidata(args)) => cmd::import::run(&cli.common, args),
    });
    result.unwrap_or_else(|e| {
        eprintln!("entnorm: error: {e:#}");
        ExitCode::from(2)
    })
}
