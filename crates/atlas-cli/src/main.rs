//! `pcatlas`: the Primary Care Atlas engine on the command line.
//!
//! Argument parsing and CSV in/out around atlas-core, nothing else. The interface is a
//! contract (see README.md): bad arguments or unreadable input print a message on
//! standard error and exit with status 2.

use clap::{Parser, Subcommand};
use std::process::ExitCode;

mod bundle_cmd;
mod ci_cmd;
mod compare_cmd;
mod csv_io;
mod funnel_cmd;
mod percentile_cmd;
mod risk_cmd;
mod sii_cmd;
mod spc_cmd;
mod summary_cmd;
mod trend_cmd;
mod validate_cmd;

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
    /// Confidence intervals: proportion, rate, mean, dsr. CSV on stdin and stdout.
    Ci(ci_cmd::CiArgs),
    /// Benchmark areas' proportions against a comparator at 95% and 99.8%.
    Compare(compare_cmd::CompareArgs),
    /// Funnel plot limits and significance: proportion or ratio.
    Funnel(funnel_cmd::FunnelArgs),
    /// Making Data Count XmR chart: limits, special causes, variation, assurance.
    Spc(spc_cmd::SpcArgs),
    /// Fingertips recent trend over the last 5 points.
    Trend(trend_cmd::TrendArgs),
    /// Excel PERCENTILE.INC of the value column.
    Percentile(percentile_cmd::PercentileArgs),
    /// Slope index of inequality (and with --rii the relative index) across quantiles of
    /// deprivation, with 95% intervals by simulation, as PHE's phe_sii.
    Sii(sii_cmd::SiiArgs),
    /// Score a patient file on standard input (CMS, eFI, cohort) and write it to standard output.
    Risk {
        /// The share of patients in the cohort by CMS, in percent.
        #[arg(long, default_value_t = 3.0)]
        top: f64,
    },
    /// Read files as the dashboard would and print what was recognised and every problem.
    Validate {
        /// The files to check (CSV).
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
    },
    /// Read files as validate does and write DIR/atlas-bundle.json, a public site's data
    /// (disclosure control applied; patient-level files refused).
    Bundle {
        /// The folder to write atlas-bundle.json in (made if missing).
        #[arg(long)]
        out: std::path::PathBuf,
        /// The day the files were taken from their publishers (YYYY-MM-DD), recorded
        /// with each publication's measures and shown beside their figures.
        #[arg(long)]
        extracted: Option<String>,
        /// The national files (CSV).
        #[arg(required = true)]
        files: Vec<std::path::PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Summary => summary_cmd::run(),
        Command::Ci(args) => csv_io::finish(ci_cmd::run(args)),
        Command::Compare(args) => csv_io::finish(compare_cmd::run(args)),
        Command::Funnel(args) => csv_io::finish(funnel_cmd::run(args)),
        Command::Spc(args) => csv_io::finish(spc_cmd::run(args)),
        Command::Trend(args) => csv_io::finish(trend_cmd::run(args)),
        Command::Percentile(args) => csv_io::finish(percentile_cmd::run(args)),
        Command::Sii(args) => csv_io::finish(sii_cmd::run(args)),
        Command::Risk { top } => risk_cmd::run(top),
        Command::Validate { files } => validate_cmd::run(&files),
        Command::Bundle {
            out,
            extracted,
            files,
        } => bundle_cmd::run(&out, extracted.as_deref(), &files),
    }
}
