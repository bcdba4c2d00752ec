//! `pcatlas`: the Primary Care Atlas engine on the command line.
//!
//! Argument parsing and CSV in/out around atlas-core, nothing else. The interface is a
//! contract (see README.md): bad arguments or unreadable input print a message on
//! standard error and exit with status 2.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod summary_cmd;
mod validate_cmd;

#[derive(Parser)]
#[command(name = "pcatlas", version, about = "Primary Care Atlas on the command line")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the embedded Leicester City default's PCN count, practice count and list sizes.
    Summary,
    /// Read files as the dashboard would and print what was recognised and every problem.
    Validate {
        /// The files to check (CSV).
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Summary => summary_cmd::run(),
        Command::Validate { files } => validate_cmd::run(&files),
    }
}
