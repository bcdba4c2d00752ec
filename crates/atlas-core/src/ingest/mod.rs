//! Reading users' files: canonical CSVs and national NHS publications as downloaded.
//!
//! Validation problems are data ([`report::FileReport`]), never panics: a bad row is
//! listed with its file, line, column and reason, and never takes good rows down.
//!
//! - [`read_file`] reads one file from any byte stream (UTF-8 with or without a byte
//!   order mark, or Windows-1252, decided per field; CRLF or LF; quoted fields with
//!   commas and line breaks), recognises its [`Format`] and returns a [`ReadFile`]: the
//!   format, the report, and what the file contributes ([`Extract`]). It streams: the
//!   file is never held in memory whole.
//! - [`combine`] joins several read files into one [`Workspace`], reporting conflicts
//!   and the rule that resolved each.
//! - [`crate::export::csv_cell`] makes text safe to put in a CSV download.
//!
//! The canonical formats and the national ones are described in `FORMATS.md`.

pub mod combine;
pub mod extract;
pub mod format;
pub mod limits;
pub mod pieces;
pub mod values;
// A file's report and header text are shared with disclosure and the patient reader,
// which sit beside ingest: they live at the top of the crate.
pub use crate::{report, text};

mod readers;
pub(crate) mod table;

pub use crate::csv_in::LineNumbers;
pub use combine::{combine, embedded_postcodes};
pub use extract::{Extract, ExtractedSeries, ListSizeFact, PcnFact, PostcodeFact, PracticeFact};
pub use format::{detect, Format};
pub use report::{FileReport, Problem, Severity};

use crate::csv_in::records::Record;
use crate::disclosure;
use crate::model::Workspace;
use serde::{Deserialize, Serialize};
use std::io::{Cursor, Read};
use table::{CsvInput, CsvRows, Header, ReportBuilder};
use text::{decode_field, UTF8_BOM};

/// What loading a set of files gives: the combined workspace and a report per file.
/// This is what the browser's ingest worker hands back to the page (as JSON) and what
/// browser storage keeps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Loaded {
    pub workspace: Workspace,
    pub reports: Vec<FileReport>,
}

impl Loaded {
    /// What browser storage may keep: all of it, but for the values that patient-level
    /// files' reports quote ([`FileReport::without_values`]).
    pub fn for_storage(&self) -> Option<Loaded> {
        self.reports
            .iter()
            .any(|r| r.patient_level)
            .then(|| Loaded {
                workspace: self.workspace.clone(),
                reports: (self.reports.iter().cloned())
                    .map(|r| {
                        if r.patient_level {
                            r.without_values()
                        } else {
                            r
                        }
                    })
                    .collect(),
            })
    }

    /// True when the files were all patient-level files, read and checked: nothing was
    /// wrong with them, but they add nothing to a workspace.
    pub fn only_patient_files(&self) -> bool {
        !self.reports.is_empty() && self.reports.iter().all(|r| r.patient_level && !r.refused())
    }
}

/// Combines read files into a [`Loaded`] workspace (see [`combine`]).
pub fn load(files: Vec<ReadFile>) -> Loaded {
    let (workspace, reports) = combine(files);
    Loaded { workspace, reports }
}

/// How many bytes are looked at before reading starts, to refuse binary files early.
const SNIFF_BYTES: usize = 64 * 1024;

/// One file after reading: what it was, what was found wrong, and what it contributes.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadFile {
    /// The file's name as given (shown in the report and the workspace's source).
    pub file_name: String,
    /// The recognised format, `None` when the file was not recognised or not readable.
    pub format: Option<Format>,
    /// What was read and every problem found.
    pub report: FileReport,
    /// What the file contributes to a workspace (empty when refused).
    pub extract: Extract,
}

impl ReadFile {
    /// A file read in `format`, its report finished.
    /// A refused file keeps nothing: no extract, no rejected rows, and of its problems
    /// only the refusals (a rejected row's problem may quote what refused the file).
    fn read(file_name: &str, format: Format, mut report: ReportBuilder, extract: Extract) -> Self {
        if report.report.refused() {
            let mut file = ReadFile::refused_with(
                file_name,
                Some(format),
                Problem::file(Severity::FileRefused, String::new()),
            );
            file.report.problems = report
                .report
                .problems
                .into_iter()
                .filter(|p| p.severity == Severity::FileRefused)
                .collect();
            // Read up to the refusal, none of them kept.
            file.report.rows_read = report.report.rows_read;
            return file;
        }
        if report.report.rows_read == 0 && !report.report.refused() {
            report.push(Problem::file(
                Severity::Warning,
                "the file has a header but no data rows: nothing to read",
            ));
        }
        ReadFile {
            file_name: file_name.to_string(),
            format: Some(format),
            report: report.finish(),
            extract,
        }
    }

    /// A file of which nothing could be used, with the reason.
    fn refused(file_name: &str, format: Option<Format>, reason: impl Into<String>) -> ReadFile {
        ReadFile::refused_with(
            file_name,
            format,
            Problem::file(Severity::FileRefused, reason),
        )
    }

    /// A file of which nothing could be used, with the problem that refused it.
    fn refused_with(file_name: &str, format: Option<Format>, problem: Problem) -> ReadFile {
        let mut report = FileReport::new(file_name);
        report.format = format.map(|f| f.label().to_string());
        report.problems.push(problem);
        ReadFile {
            file_name: file_name.to_string(),
            format,
            report,
            extract: Extract::default(),
        }
    }
}

/// Reads one file: recognises its format from the header (or the shape of its first
/// row), reads and checks every row, and returns what it contributes with the report.
///
/// Never panics on any input. A file that cannot be read or recognised comes back with
/// a [`Severity::FileRefused`] problem and an empty extract. A patient-level file
/// ([`Format::Patients`]) is read and checked as the Risk page reads it, and contributes
/// nothing: patient rows never join a workspace (without the `risk` feature it is
/// refused).
pub fn read_file(file_name: &str, mut reader: impl Read) -> ReadFile {
    let mut prefix = Vec::with_capacity(SNIFF_BYTES);
    if let Err(error) = (&mut reader)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut prefix)
    {
        return ReadFile::refused(
            file_name,
            None,
            format!("the file could not be read: {error}"),
        );
    }
    if let Err(reason) = refuse_unreadable(&prefix) {
        return ReadFile::refused(file_name, None, reason);
    }
    if prefix.starts_with(UTF8_BOM) {
        prefix.drain(..UTF8_BOM.len());
    }
    let stream = Cursor::new(prefix).chain(reader);
    let mut input = CsvInput::new(stream);
    let first = match first_record(&mut input) {
        Ok(first) => first,
        Err(reason) => return ReadFile::refused(file_name, None, reason),
    };
    let first_row: Vec<String> = first
        .iter()
        .map(|field| decode_field(field).into_owned())
        .collect();
    let format = detect(&first_row);
    // Identifiers first: a file naming one is refused as such, recognised or not.
    if let Some(problem) = disclosure::screen_header(&first_row, format == Some(Format::Patients)) {
        return ReadFile::refused_with(file_name, format, problem);
    }
    let Some(format) = format else {
        return ReadFile::refused(file_name, None, unrecognised_reason(&first_row, file_name));
    };
    if format == Format::Patients {
        return read_patient_file(file_name, &first_row, input);
    }
    let mut report = ReportBuilder::new(file_name);
    report.report.format = Some(format.label().to_string());
    let (extract, identifier) = match format {
        Format::Epraccur => {
            let names = (1..=format::EPRACCUR_COLUMNS)
                .map(|i| format!("column {i}"))
                .collect();
            let mut table = CsvRows::headerless(input, names, first);
            let extract = readers::epraccur::read(&mut table, &mut report);
            (extract, table.identifier_refusal())
        }
        Format::CodePointOpen => {
            let names = readers::postcodes::column_names(first.len());
            let mut table = CsvRows::headerless(input, names, first);
            let extract = readers::postcodes::read(&mut table, &mut report);
            (extract, table.identifier_refusal())
        }
        _ => {
            let header = Header::new(first_row);
            if let Some(reason) = duplicated_column(&header) {
                return ReadFile::refused(file_name, Some(format), reason);
            }
            let mut table = CsvRows::with_header(input, header);
            let extract = readers::read(format, file_name, &mut table, &mut report);
            (extract, table.identifier_refusal())
        }
    };
    if let Some(problem) = identifier {
        report.push(problem);
    }
    ReadFile::read(file_name, format, report, extract)
}

/// Why a header with two columns of one name is refused, naming both: which of the two
/// holds the figures cannot be told, and they may differ.
pub(crate) fn duplicated_column(header: &Header) -> Option<String> {
    let (first, second) = *header.duplicates().first()?;
    Some(format!(
        "the columns '{}' (column {}) and '{}' (column {}) read as the same name, so which holds the figures cannot be told: rename or remove one and load the file again",
        header.name(first),
        first + 1,
        header.name(second),
        second + 1
    ))
}

/// Said of a patient-level file that was read and checked: it adds nothing here.
pub const PATIENT_FILE_NOT_KEPT: &str = "a patient-level file: its rows were read and checked here, but none of them is added to this workspace. Score it on the Risk page (or with pcatlas risk), where patient rows are never stored";

/// A patient-level file, read and checked as the Risk page reads it (direct identifiers
/// refused, every row validated) and then let go: patient rows never join the workspace.
#[cfg(feature = "risk")]
fn read_patient_file<R: Read>(file_name: &str, names: &[String], input: CsvInput<R>) -> ReadFile {
    let (_, mut report) = crate::risk::patients::read_patients_after(file_name, names, input);
    report.patient_level = true;
    if !report.refused() {
        report
            .problems
            .push(Problem::file(Severity::Warning, PATIENT_FILE_NOT_KEPT));
    }
    ReadFile {
        file_name: file_name.to_string(),
        format: Some(Format::Patients),
        report,
        extract: Extract::default(),
    }
}

/// Without the `risk` feature (the public build) patient-level files are not taken.
#[cfg(not(feature = "risk"))]
fn read_patient_file<R: Read>(file_name: &str, _: &[String], _: CsvInput<R>) -> ReadFile {
    let mut file = ReadFile::refused(
        file_name,
        Some(Format::Patients),
        "this is a patient-level file, and this site does not take patient-level data: nothing of it was kept",
    );
    file.report.patient_level = true;
    file
}

/// The first record that is not blank (the header, in most formats); `Err` with the
/// reason when there is none to read.
fn first_record<R: Read>(input: &mut CsvInput<R>) -> Result<Record, String> {
    let mut first = Record::new();
    let mut blank_cells = false;
    loop {
        match input.reader.read_record(&mut first) {
            Err(error) => return Err(format!("the file could not be read: {error}")),
            Ok(false) if blank_cells => return Err("the file has only empty cells (commas and spaces): expected a header row naming the columns, then data rows".into()),
            Ok(false) => return Err("the file is empty: expected a header row naming the columns, then data rows".into()),
            Ok(true) => {}
        }
        if let Some(bytes) = first.overlong() {
            return Err(format!(
                "the first row is not a header: {}",
                crate::csv_in::overlong_line_length(bytes)
            ));
        }
        if first.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            blank_cells |= first.len() > 1;
            continue;
        }
        return Ok(first);
    }
}

/// Refuses what is plainly not a CSV file, from its first bytes.
fn refuse_unreadable(prefix: &[u8]) -> Result<(), String> {
    if prefix.iter().all(u8::is_ascii_whitespace) {
        return Err(
            "the file is empty: expected a header row naming the columns, then data rows".into(),
        );
    }
    if prefix.starts_with(b"PK\x03\x04") {
        return Err("this is a spreadsheet workbook (.xlsx) or a zip archive, not a CSV file: open it and save it as CSV, or unzip it first".into());
    }
    if prefix.starts_with(b"\xFF\xFE") || prefix.starts_with(b"\xFE\xFF") {
        return Err("the file is saved as UTF-16 text: save it as \"CSV UTF-8\" instead".into());
    }
    if prefix.starts_with(b"%PDF") {
        return Err("this is a PDF document, not a CSV file".into());
    }
    let control = prefix
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)))
        .count();
    // A stray NUL among text costs only its row (rejected as it is read); a file with
    // many control bytes is not text at all.
    if control * 10 > prefix.len() {
        return Err(
            "this is not a text file (it contains binary data): expected a CSV file".into(),
        );
    }
    Ok(())
}

/// Why a first row was not recognised, naming what it looked like.
fn unrecognised_reason(first_row: &[String], file_name: &str) -> String {
    if first_row.len() == 1 {
        let only = &first_row[0];
        for (separator, name) in [(';', "semicolons"), ('\t', "tabs"), ('|', "vertical bars")] {
            if only.contains(separator) {
                return format!(
                    "the columns are separated by {name}, not commas: save the file as comma-separated CSV"
                );
            }
        }
    }
    let shown: Vec<String> = first_row
        .iter()
        .take(8)
        .map(|n| values_shortened(n))
        .collect();
    let guess = match format::looks_like(first_row, file_name) {
        Some(p) => format!(
            " It looks like {}, but not as it is published: download {} from {} ({}) and load it unchanged.",
            p.title, p.files, p.publisher, p.url
        ),
        None => String::new(),
    };
    format!(
        "the header ({}) matches no known format: expected one of the templates on the Data page (practices: practice_code, practice_name, pcn_code, pcn_name, list_size) or a national publication as downloaded (the Data page lists them, with where to get each).{guess}",
        shown.join(", ")
    )
}

fn values_shortened(name: &str) -> String {
    if name.chars().count() > 40 {
        format!("{}…", name.chars().take(40).collect::<String>())
    } else {
        name.to_string()
    }
}
