//! `pcatlas bundle --out DIR [--extracted YYYY-MM-DD] FILE...`: reads the files as `validate` does, prints the
//! same report, and writes `DIR/atlas-bundle.json`, the data of a public site, with
//! disclosure control applied first (counts from 1 to 4 and what derives from them
//! removed). Patient-level files are refused and nothing is written.
//!
//! Exit status as `validate`: 0 when every row was read, 1 when some rows were
//! rejected (the bundle holds the rest), 2 when a file could not be read, was refused
//! or is patient-level, or the bundle could not be written (nothing is written).

use crate::validate_cmd::{exit_status, print_all, read_all};
use atlas_core::bundle::{bundle, to_json, FILE_NAME};
use atlas_core::ingest::{combine, Format};
use atlas_core::provenance::parse_extracted;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(out_dir: &Path, extracted: Option<&str>, files: &[PathBuf]) -> ExitCode {
    let extracted = match extracted.map(parse_extracted).transpose() {
        Ok(day) => day,
        Err(reason) => {
            eprintln!("pcatlas bundle: --extracted {reason}; nothing was written");
            return ExitCode::from(2);
        }
    };
    let (read, unopened) = read_all(files);
    let patient_files: Vec<String> = read
        .iter()
        .filter(|f| f.format == Some(Format::Patients))
        .map(|f| f.file_name.clone())
        .collect();
    let names: Vec<String> = read.iter().map(|f| f.file_name.clone()).collect();
    let (workspace, reports) = combine(read);
    let mut stdout = std::io::stdout().lock();
    let _ = print_all(&mut stdout, &unopened, &reports, &workspace);
    let status = exit_status(&reports, !unopened.is_empty());
    if !patient_files.is_empty() {
        eprintln!(
            "pcatlas bundle: refused: {} is patient-level; a public bundle never holds patient-level data, so nothing was written",
            patient_files.join(", ")
        );
        return ExitCode::from(2);
    }
    if status == 2 {
        eprintln!("pcatlas bundle: a file could not be read (see above), so nothing was written");
        return ExitCode::from(2);
    }
    if workspace.practices.is_empty() {
        eprintln!("pcatlas bundle: the files name no practice, so nothing was written");
        return ExitCode::from(2);
    }
    let published = bundle(workspace, names, extracted.as_deref());
    let path = out_dir.join(FILE_NAME);
    let written =
        std::fs::create_dir_all(out_dir).and_then(|_| std::fs::write(&path, to_json(&published)));
    if let Err(error) = written {
        eprintln!(
            "pcatlas bundle: {} cannot be written: {error}",
            path.display()
        );
        return ExitCode::from(2);
    }
    let _ = writeln!(
        stdout,
        "wrote {} (bundle version {}): {} practices, {} series; {} points suppressed (counts from 1 to 4), {} more beside them and {} totals withheld (so that none can be recovered by subtraction)",
        path.display(),
        published.version,
        published.workspace.practices.len(),
        published.workspace.series.len(),
        published.suppressed_points,
        published.complements_suppressed,
        published.totals_withheld
    );
    ExitCode::from(status)
}
