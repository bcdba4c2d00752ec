//! `pcatlas`: the Primary Care Atlas engine on the command line.
//!
//! Argument parsing and CSV in/out around atlas-core, nothing else. The interface is a
//! contract (see README.md): bad arguments or unreadable input print a message on
//! standard error and exit with status 2.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod risk_cmd;
mod summary_cmd;

#[derive(Parser)]
#[command(
    name = "pcatlas",
    version,
    about = "Primary Care Atlas on the command line"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the embedded Leicester City default's PCN count, practice count and list sizes.
    Summary,
    /// Score a patient file on standard input (CMS, eFI, cohort) and write it to standard output.
    Risk {
        /// The share of patients in the cohort by CMS, in percent.
        #[arg(long, default_value_t = 3.0)]
        top: f64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Summary => summary_cmd::run(),
        Command::Risk { top } => risk_cmd::run(top),
    }
}
