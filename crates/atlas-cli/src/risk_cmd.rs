//! `pcatlas risk [--top P]`: scores a canonical patient file (see
//! `crates/atlas-core/PATIENTS.md`) read on standard input and writes it to standard
//! output with `cms`, `efi`, `efi_category`, `in_cohort` and `note` appended.
//!
//! - The input columns pass through unchanged and in order. A row with too few fields is
//!   padded with empty cells so that the new columns line up; a row with too many keeps
//!   the header's number and says so in `note`.
//! - A row that cannot be read keeps its place, with the new columns empty and the reason
//!   in `note`. A patient id seen before is not read again.
//! - `in_cohort` is 1 for the top P% of the readable rows by CMS (exactly ⌈P% × rows⌉,
//!   ties by the stated rule), 0 otherwise.
//! - `efi_category` is empty under 65, where the eFI does not apply; `efi` and
//!   `efi_category` are empty for everyone when the file has no eFI deficit column.
//! - Missing condition columns: scored from the columns present, with the caveat on
//!   standard error.
//! - Bad arguments, unreadable input or a file with direct identifiers: a message on
//!   standard error and exit status 2.

use atlas_core::disclosure::IdentifierScreen;
use atlas_core::export::CsvWriter;
use atlas_core::ingest::LineNumbers;
use atlas_core::risk::cohort::{
    cms_cohort, format_efi, score_patients, MissingColumns, TopPercent, TIE_RULE,
};
use atlas_core::risk::patients::{PatientSchema, PatientTable};
use atlas_core::risk::score::format_cms;
use atlas_core::text::decode_field;
use csv::ByteRecord;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::process::ExitCode;

/// Runs `pcatlas risk --top <top_percent>` on standard input and output.
pub fn run(top_percent: f64) -> ExitCode {
    let top = match TopPercent::new(top_percent) {
        Ok(top) => top,
        Err(error) => return fail(&error.to_string()),
    };
    let mut input = Vec::new();
    if let Err(error) = std::io::stdin().lock().read_to_end(&mut input) {
        return fail(&format!("could not read standard input: {error}"));
    }
    match score_csv(&input, top) {
        Ok(scored) => {
            let mut stdout = std::io::stdout().lock();
            if let Err(error) = stdout.write_all(&scored.csv).and_then(|()| stdout.flush()) {
                return fail(&format!("could not write standard output: {error}"));
            }
            if let Some(caveat) = scored.caveat {
                eprintln!("pcatlas risk: caveat: {caveat}");
            }
            eprintln!("pcatlas risk: {}", scored.summary);
            ExitCode::SUCCESS
        }
        Err(message) => fail(&message),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("pcatlas risk: {message}");
    ExitCode::from(2)
}

/// The scored file, a caveat when condition columns were missing, and a one-line summary.
struct Scored {
    csv: Vec<u8>,
    caveat: Option<String>,
    summary: String,
}

/// What became of one input row.
enum Row {
    /// Read: index into the patient table, and any warnings.
    Read(usize, String),
    /// Not read, and why.
    Unread(String),
}

fn score_csv(input: &[u8], top: TopPercent) -> Result<Scored, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(input);
    let mut records = Vec::new();
    let mut record = ByteRecord::new();
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => records.push(record.clone()),
            Ok(false) => break,
            Err(error) => return Err(format!("the input could not be read as CSV: {error}")),
        }
    }
    let Some((header, rows)) = records.split_first() else {
        return Err("the input is empty: expected a patient CSV with a header line".to_string());
    };
    let names: Vec<String> = header
        .iter()
        .map(|n| decode_field(n).into_owned())
        .collect();
    let (schema, _warnings) = PatientSchema::from_header(&names).map_err(|p| p.to_string())?;
    // Every value of every row, before anything is scored or written.
    let mut lines = LineNumbers::of(input);
    let mut screen = IdentifierScreen::new(true);
    for row in rows {
        let line = row.position().map_or(0, |p| lines.line_at(p.byte()));
        if !screen.row(row.iter(), line) {
            break;
        }
    }
    if let Some(problem) = screen.refusal(schema.names()) {
        return Err(problem.to_string());
    }

    let mut table = PatientTable::new(schema.columns_present());
    let mut first_line: HashMap<String, u64> = HashMap::new();
    let mut outcome = Vec::with_capacity(rows.len());
    let mut lines = LineNumbers::of(input);
    for row in rows {
        let line = row.position().map_or(0, |p| lines.line_at(p.byte()));
        let read = match schema.parse_row(row, line) {
            Ok((patient, warnings, _)) => match first_line.get(&patient.id) {
                Some(first) => Row::Unread(format!(
                    "patient_id \"{}\" was already on line {first}; each patient must appear once",
                    patient.id
                )),
                None => {
                    first_line.insert(patient.id.clone(), line);
                    table.push(&patient, line);
                    let notes: Vec<String> = warnings.iter().map(ToString::to_string).collect();
                    Row::Read(table.len() - 1, notes.join("; "))
                }
            },
            Err(problems) => Row::Unread(
                problems
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        };
        outcome.push(read);
    }

    let scores = score_patients(&table, MissingColumns::Accept).map_err(|e| e.to_string())?;
    let cohort = cms_cohort(&table, &scores, top).map_err(|e| e.to_string())?;

    let width = header.len();
    // The project's one CSV writer: a patient id written as a formula comes back inert.
    let mut writer = CsvWriter::new(Vec::new());
    let mut out_header = header.clone();
    if let Some(first) = out_header.get(0) {
        // Drop a byte order mark from the first name: it is no part of the name.
        let first = first
            .strip_prefix("\u{feff}".as_bytes())
            .unwrap_or(first)
            .to_vec();
        let mut rebuilt = ByteRecord::new();
        rebuilt.push_field(&first);
        for field in header.iter().skip(1) {
            rebuilt.push_field(field);
        }
        out_header = rebuilt;
    }
    for name in ["cms", "efi", "efi_category", "in_cohort", "note"] {
        out_header.push_field(name.as_bytes());
    }
    let write_error = |e: std::io::Error| format!("could not write the output: {e}");
    writer.row(out_header.iter()).map_err(write_error)?;
    let mut unread = 0;
    for (row, read) in rows.iter().zip(&outcome) {
        let mut out = ByteRecord::new();
        for field in row.iter().take(width) {
            out.push_field(field);
        }
        for _ in row.len()..width {
            out.push_field(b"");
        }
        let mut note = String::new();
        if row.len() > width {
            note.push_str(&format!(
                "this row has {} fields where the header has {width}; the fields after the {width}th are left out here",
                row.len()
            ));
        }
        let join = |note: &mut String, more: &str| {
            if !more.is_empty() {
                if !note.is_empty() {
                    note.push_str("; ");
                }
                note.push_str(more);
            }
        };
        match read {
            Row::Read(i, warnings) => {
                let score = &scores.per_patient[*i];
                out.push_field(format_cms(score.cms_hundredths).as_bytes());
                if scores.efi_available {
                    out.push_field(format_efi(score.efi_deficits).as_bytes());
                } else {
                    out.push_field(b"");
                }
                out.push_field(score.efi_category.map_or("", |c| c.as_str()).as_bytes());
                out.push_field(if cohort.members[*i] { b"1" } else { b"0" });
                join(&mut note, warnings);
            }
            Row::Unread(reason) => {
                unread += 1;
                for _ in 0..4 {
                    out.push_field(b"");
                }
                join(&mut note, &format!("not scored: {reason}"));
            }
        }
        out.push_field(note.as_bytes());
        writer.row(out.iter()).map_err(write_error)?;
    }
    let csv = writer
        .into_inner()
        .map_err(|e| format!("could not write the output: {e}"))?;
    let summary = format!(
        "{} rows, {} scored, {unread} not scored; in_cohort: top {}% by CMS = {} patients (lowest CMS {}). {TIE_RULE}",
        rows.len(),
        table.len(),
        top.percent(),
        cohort.size(),
        format_cms(cohort.cut_off_cms_hundredths),
    );
    Ok(Scored {
        csv,
        caveat: scores.caveat,
        summary,
    })
}
