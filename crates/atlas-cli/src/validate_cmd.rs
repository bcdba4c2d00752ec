//! `pcatlas validate FILE...`: reads each file as the dashboard would, prints what was
//! recognised, how many rows were read, accepted and rejected, and every problem with
//! its line, column, value and reason.
//!
//! Exit status: 0 when every row of every file was read, 1 when some rows were
//! rejected, 2 when a file could not be read or recognised.

use atlas_core::ingest::{combine, read_file, FileReport, ReadFile, Severity};
use std::fs::File;
use std::io::{BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Validates the files and prints the report on standard output.
pub fn run(files: &[PathBuf]) -> ExitCode {
    let (read, unopened) = read_all(files);
    let (workspace, reports) = combine(read);
    // A closed pipe (`| head`) ends the printing, not the program.
    let mut out = std::io::stdout().lock();
    let _ = print_all(&mut out, &unopened, &reports, &workspace);
    ExitCode::from(exit_status(&reports, !unopened.is_empty()))
}

/// Every file read as the dashboard reads it, and a line for each that cannot be opened.
pub fn read_all(files: &[PathBuf]) -> (Vec<ReadFile>, Vec<String>) {
    let mut read = Vec::with_capacity(files.len());
    let mut unopened = Vec::new();
    for path in files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        match File::open(path) {
            Ok(file) => read.push(read_file(&name, BufReader::new(file))),
            Err(error) => unopened.push(format!("{}: cannot be opened: {error}", path.display())),
        }
    }
    (read, unopened)
}

pub fn print_all(
    out: &mut impl Write,
    unopened: &[String],
    reports: &[FileReport],
    workspace: &atlas_core::Workspace,
) -> std::io::Result<()> {
    for line in unopened {
        writeln!(out, "{}", printable(line))?;
    }
    for report in reports {
        print_report(out, report)?;
    }
    if !workspace.practices.is_empty() || !workspace.series.is_empty() {
        writeln!(
            out,
            "together ({}): {} practices in {} PCNs, {} indicators, {} series, {} targets",
            printable(&workspace.place),
            workspace.practices.len(),
            workspace.pcns.len(),
            workspace.indicators.len(),
            workspace.series.len(),
            workspace.targets.len()
        )?;
    }
    Ok(())
}

/// 2 when a file could not be read or recognised, else 1 when rows were rejected, else 0.
pub fn exit_status(reports: &[FileReport], unopened: bool) -> u8 {
    if unopened || reports.iter().any(FileReport::refused) {
        2
    } else if reports.iter().any(|r| r.rows_rejected > 0) {
        1
    } else {
        0
    }
}

fn print_report(out: &mut impl Write, report: &FileReport) -> std::io::Result<()> {
    writeln!(out, "{}", printable(&report.file_name))?;
    match &report.format {
        Some(format) => writeln!(out, "  format: {format}")?,
        None => writeln!(out, "  format: not recognised")?,
    }
    writeln!(
        out,
        "  rows: {} read, {} accepted, {} rejected",
        report.rows_read, report.rows_accepted, report.rows_rejected
    )?;
    for problem in &report.problems {
        let label = match problem.severity {
            Severity::Warning => "warning",
            Severity::RowRejected => "rejected",
            Severity::FileRefused => "refused",
        };
        writeln!(out, "  {label}: {}", printable(&problem.to_string()))?;
    }
    Ok(())
}

/// Text from a user's file, with control characters escaped so it cannot drive the
/// terminal.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}
