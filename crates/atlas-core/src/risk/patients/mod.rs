//! The canonical patient-level file: one row per registered patient, pseudonymous, with
//! 0/1 columns for the CMS conditions and the eFI deficits. The schema is documented in
//! `crates/atlas-core/PATIENTS.md`, with a template at `templates/patients.csv`.
//!
//! [`read_patients`] streams the file through ingest's CSV reader and keeps it compactly (a
//! `u64` bit set of conditions per patient, ids in one string buffer), so that a million
//! rows are fine in a browser tab. A file carrying a direct identifier (NHS numbers,
//! names, dates of birth, full postcodes) is refused whole and nothing of it is kept.

mod fields;
mod schema;
mod table;
use super::score::ConditionSet;
use crate::disclosure::IdentifierScreen;
pub use fields::Fields;
use fields::PatientRow;
pub use schema::PatientSchema;
pub use table::PatientTable;
// Header names and fields are read as ingest reads them: one rule for every file.
use crate::csv_in::records::Record;
use crate::csv_in::CsvInput;
use crate::report::{FileReport, Problem, Severity};
use crate::text::decode_field;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::Read;

/// The format name the report gives a recognised patient file.
pub const FORMAT: &str = "Patient-level risk file (Primary Care Atlas canonical schema)";

/// The pseudonymous id column.
pub const PATIENT_ID: &str = "patient_id";
/// The practice ODS code column.
pub const PRACTICE_CODE: &str = "practice_code";
/// The age in whole years column.
pub const AGE: &str = "age";
/// The sex column.
pub const SEX: &str = "sex";
/// The optional deprivation quintile column (1 most deprived – 5 least deprived).
pub const DEPRIVATION_QUINTILE: &str = "deprivation_quintile";

/// At most this many row problems are listed one by one; the rest are counted.
pub const LISTED_PROBLEMS: usize = 1_000;

/// The oldest age accepted.
pub const MAX_AGE: u8 = 120;

/// A patient's recorded sex. The file may write `F`/`female`/`2`, `M`/`male`/`1` (the
/// NHS Data Dictionary person stated gender codes), or `U`, `unknown`, `0`, `9`, `I`,
/// `X`, `other`, `indeterminate` for the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Sex {
    /// Female.
    Female,
    /// Male.
    Male,
    /// Not known, not stated, indeterminate or other.
    Other,
}

impl Sex {
    /// Reads a sex as the file may write it (case-insensitive); `None` when unknown.
    pub fn parse(text: &str) -> Option<Sex> {
        // The usual spellings first, without allocating: this runs for every row.
        match text {
            "F" | "f" => return Some(Sex::Female),
            "M" | "m" => return Some(Sex::Male),
            "U" | "u" => return Some(Sex::Other),
            _ => {}
        }
        match text.trim().to_ascii_lowercase().as_str() {
            "f" | "female" | "2" => Some(Sex::Female),
            "m" | "male" | "1" => Some(Sex::Male),
            "u" | "unknown" | "0" | "9" | "i" | "indeterminate" | "x" | "other" | "not known"
            | "not stated" | "not specified" => Some(Sex::Other),
            _ => None,
        }
    }
}

/// One patient row as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Patient {
    /// The pseudonymous id, as written.
    pub id: String,
    /// The practice ODS code, upper case.
    pub practice_code: String,
    /// Age in whole years, 0–120.
    pub age: u8,
    /// Recorded sex.
    pub sex: Sex,
    /// The conditions marked 1.
    pub conditions: ConditionSet,
    /// Deprivation quintile 1–5, when given.
    pub deprivation_quintile: Option<u8>,
}

/// Reads the canonical patient file, streaming. Returns the accepted patients and the
/// report: good rows are kept, bad rows rejected with line, column, value and reason; a
/// file with a direct identifier, or not a patient file, is refused whole (empty table,
/// [`Severity::FileRefused`]). UTF-8 with or without a byte order mark; Windows-1252
/// text is read too. A patient id that appears again is rejected on its later lines.
pub fn read_patients(file_name: &str, reader: impl Read) -> (PatientTable, FileReport) {
    let mut input = CsvInput::new(reader);
    match read_header(&mut input) {
        Ok(header) => read_after_header(file_name, header, input),
        Err(problem) => refused(FileReport::new(file_name), problem),
    }
}

/// [`read_patients`] on an input whose header row has been read already (ingest
/// recognises a patient file by its header), given the names it wrote.
pub(crate) fn read_patients_after(
    file_name: &str,
    names: &[String],
    input: CsvInput<impl Read>,
) -> (PatientTable, FileReport) {
    match PatientSchema::from_header(names) {
        Ok(header) => read_after_header(file_name, header, input),
        Err(problem) => refused(FileReport::new(file_name), problem),
    }
}

fn read_after_header(
    file_name: &str,
    (schema, warnings): (PatientSchema, Vec<Problem>),
    mut input: CsvInput<impl Read>,
) -> (PatientTable, FileReport) {
    let mut report = FileReport::new(file_name);
    report.problems.extend(warnings);
    report.format = Some(FORMAT.to_string());
    let rows = read_rows(&schema, &mut input);
    finish(report, &schema, vec![(rows, 0)])
}

/// A refused file: nothing kept, the reason last.
fn refused(mut report: FileReport, problem: Problem) -> (PatientTable, FileReport) {
    report.problems.push(problem);
    report.rows_accepted = 0;
    (PatientTable::default(), report)
}

/// Reads the header row and makes the schema from it, with its warnings; `Err` when the
/// file is empty, unreadable or not a patient file.
pub(super) fn read_header<R: Read>(
    input: &mut CsvInput<R>,
) -> Result<(PatientSchema, Vec<Problem>), Problem> {
    let mut record = Record::new();
    match input.reader.read_record(&mut record) {
        Ok(true) if record.overlong().is_some() => {
            return Err(Problem::file(
                Severity::FileRefused,
                "the first row is not a header: it is longer than any row of a file this app reads",
            ))
        }
        Ok(true) => {}
        Ok(false) => return Err(Problem::file(Severity::FileRefused, "the file is empty")),
        Err(error) => {
            return Err(Problem::file(
                Severity::FileRefused,
                format!("the file could not be read as CSV: {error}"),
            ))
        }
    }
    let names: Vec<String> = record
        .iter()
        .map(|n| decode_field(n).into_owned())
        .collect();
    PatientSchema::from_header(&names)
}

/// The rows of a file, or of one piece of it, as read before the rules that need every
/// row (a patient id seen twice). Lines count from the start of what was read.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct RowsRead {
    pub table: PatientTable,
    pub rows_read: u64,
    pub rows_rejected: u64,
    pub problems: RowProblems,
    pub empty_cells: u64,
    /// Every value read, screened for identifiers (the file is refused when
    /// [`IdentifierScreen::refusal`] says so, once all of it is put together).
    pub screen: IdentifierScreen,
    /// Why reading stopped before the end, when it did: the input failing part way.
    pub stopped: Option<Problem>,
}

impl RowsRead {
    /// Counts a data row read from `line` and keeps it, or rejects it.
    fn take(&mut self, read: RowRead<'_>, line: u64) {
        self.rows_read += 1;
        match read {
            Ok((patient, warnings, empty)) => {
                self.table.push_row(&patient, line);
                self.empty_cells += u64::from(empty);
                self.problems.add(warnings);
            }
            Err(problems) => {
                self.rows_rejected += 1;
                self.problems.add(problems);
            }
        }
    }
}

/// A row as read: the patient, warnings and empty cells; or the problems rejecting it.
type RowRead<'r> = Result<(PatientRow<'r>, Vec<Problem>, u32), Vec<Problem>>;

/// Reads data rows to the end of `input`, screening every value for identifiers; at
/// the first NHS number or date, reading stops (the file will be refused).
pub(super) fn read_rows<R: Read>(schema: &PatientSchema, input: &mut CsvInput<R>) -> RowsRead {
    read_rows_with(schema, input, true)
}

/// [`read_rows`]; `quick`: read the usual row without splitting all its cells
/// ([`PatientSchema::plain_line`]). Tests compare both ways.
fn read_rows_with<R: Read>(
    schema: &PatientSchema,
    input: &mut CsvInput<R>,
    quick: bool,
) -> RowsRead {
    let mut rows = RowsRead {
        table: PatientTable::new(schema.columns_present()),
        screen: IdentifierScreen::new(true),
        ..RowsRead::default()
    };
    if quick {
        input.reader.leave_plain_lines_whole();
    }
    let mut others = Vec::new();
    // Takes one row; false when it holds an identifier (then nothing more is read).
    let mut take = |row: &mut Record, line: u64, rows: &mut RowsRead| -> bool {
        if let Some(bytes) = row.overlong() {
            rows.take(Err(vec![crate::csv_in::overlong_line(line, bytes)]), line);
            return true;
        }
        if let Some(whole) = row.whole_line() {
            if whole.trim_ascii().is_empty() {
                return true; // A blank line.
            }
            if let Some(plain) = schema.plain_line(whole, &mut others) {
                // The condition block is bare 0s and 1s: only the other cells can hold
                // an identifier.
                if !rows.screen.cells(plain.other_cells(), line) {
                    return false;
                }
                rows.take(schema.read_row(&plain, line), line);
                return true;
            }
            row.split();
        }
        if row.len() == 1 && row.get(0).is_some_and(|f| f.trim_ascii().is_empty()) {
            return true; // A blank line.
        }
        if !rows.screen.row(row.iter(), line) {
            return false;
        }
        rows.take(schema.read_row(row, line), line);
        true
    };
    let mut record = Record::new();
    loop {
        match input.reader.read_record(&mut record) {
            Ok(true) => {
                let line = input.line_of(&record);
                if !take(&mut record, line, &mut rows) {
                    break;
                }
            }
            Ok(false) => break,
            Err(error) => {
                rows.stopped = Some(Problem::file(
                    Severity::FileRefused,
                    format!(
                        "the file could not be read to the end ({error}); nothing of it was kept"
                    ),
                ));
                break;
            }
        }
    }
    rows
}

/// Puts the rows read — of the whole file, or of its pieces in order, each with the
/// lines before it — into the file's table and report, and applies the rules that need
/// every row. `report` has the file's format and header warnings.
pub(super) fn finish(
    mut report: FileReport,
    schema: &PatientSchema,
    parts: Vec<(RowsRead, u64)>,
) -> (PatientTable, FileReport) {
    let mut table = PatientTable::new(schema.columns_present());
    let mut problems = RowProblems::default();
    let mut empty_cells = 0;
    let mut screen = IdentifierScreen::new(true);
    for (rows, line_offset) in parts {
        screen.merge(rows.screen, line_offset);
        report.rows_read += rows.rows_read;
        report.rows_rejected += rows.rows_rejected;
        problems.append(rows.problems, line_offset);
        empty_cells += rows.empty_cells;
        table.append(rows.table, line_offset);
        if let Some(problem) = rows.stopped {
            report.problems.append(&mut problems.listed);
            return refused(report, problem);
        }
    }
    // An identifier anywhere: nothing of the file is kept, not even the rows' problems
    // (a rejected row's problem may quote the identifier).
    if let Some(problem) = screen.refusal(schema.names()) {
        let mut bare = FileReport::new(&report.file_name);
        bare.format = report.format.take();
        return refused(bare, problem);
    }
    reject_repeated_ids(&mut table, &mut report, &mut problems);
    problems.finish(&mut report);
    if empty_cells > 0 {
        report.problems.push(Problem::file(
            Severity::Warning,
            format!("{empty_cells} empty condition cells were read as 0 (not recorded)"),
        ));
    }
    report.rows_accepted = table.len() as u64;
    (table, report)
}

/// Rejects the later rows of a patient id seen before.
fn reject_repeated_ids(
    table: &mut PatientTable,
    report: &mut FileReport,
    problems: &mut RowProblems,
) {
    let mut order: Vec<usize> = (0..table.len()).collect();
    order.sort_unstable_by(|&a, &b| table.id(a).cmp(table.id(b)).then(a.cmp(&b)));
    let mut keep = vec![true; table.len()];
    let mut any = false;
    for pair in order.windows(2) {
        let (first, later) = (pair[0], pair[1]);
        if table.id(first) == table.id(later) {
            keep[later] = false;
            any = true;
        }
    }
    if !any {
        return;
    }
    let mut first_line: HashMap<&str, u64> = HashMap::new();
    let mut repeated = Vec::new();
    for (i, &kept) in keep.iter().enumerate() {
        let line = *first_line.entry(table.id(i)).or_insert(table.line(i));
        if !kept {
            report.rows_rejected += 1;
            repeated.push(Problem::cell(
                Severity::RowRejected,
                table.line(i),
                PATIENT_ID,
                table.id(i),
                format!(
                    "this patient id was already on line {line}; each patient must appear once"
                ),
            ));
        }
    }
    problems.add(repeated);
    table.retain(&keep);
}

/// Row problems: the first [`LISTED_PROBLEMS`] listed, the rest counted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct RowProblems {
    pub listed: Vec<Problem>,
    pub unlisted: u64,
}

impl RowProblems {
    fn add(&mut self, problems: Vec<Problem>) {
        for problem in problems {
            if self.listed.len() < LISTED_PROBLEMS {
                self.listed.push(problem);
            } else {
                self.unlisted += 1;
            }
        }
    }

    /// Adds a later piece's problems, its lines counted on from `line_offset`.
    fn append(&mut self, later: RowProblems, line_offset: u64) {
        let mut later_listed = later.listed;
        for problem in &mut later_listed {
            problem.line = problem.line.map(|line| line + line_offset);
        }
        self.add(later_listed);
        self.unlisted += later.unlisted;
    }

    /// Puts the listed problems in the report, and a count of the rest.
    fn finish(&mut self, report: &mut FileReport) {
        report.problems.append(&mut self.listed);
        if self.unlisted > 0 {
            report.problems.push(Problem::file(
                Severity::Warning,
                format!(
                    "{} further row problems are not listed (the first {LISTED_PROBLEMS} are)",
                    self.unlisted
                ),
            ));
        }
    }
}

/// The header of the canonical file, in the template's order.
pub fn canonical_header() -> Vec<&'static str> {
    [PATIENT_ID, PRACTICE_CODE, AGE, SEX, DEPRIVATION_QUINTILE]
        .into_iter()
        .chain(super::conditions::condition_columns())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> String {
        canonical_header().join(",")
    }

    fn row(id: &str, practice: &str, age: &str, sex: &str, conditions: &[&str]) -> String {
        let mut cells = vec![
            id.to_string(),
            practice.to_string(),
            age.to_string(),
            sex.to_string(),
            String::new(),
        ];
        for column in super::super::conditions::condition_columns() {
            cells.push(
                if conditions.contains(&column) {
                    "1"
                } else {
                    "0"
                }
                .to_string(),
            );
        }
        cells.join(",")
    }

    fn read(text: &str) -> (PatientTable, FileReport) {
        read_patients("patients.csv", text.as_bytes())
    }

    #[test]
    fn a_good_file_is_read_with_conditions_as_bits() {
        let text = format!(
            "{}\n{}\n{}\n",
            header(),
            row("P1", "c82037", "84", "F", &["cms_dementia", "efi_falls"]),
            row("P2", "C82037", "7", "m", &[]),
        );
        let (table, report) = read(&text);
        assert!(!report.refused(), "{:?}", report.problems);
        assert_eq!(
            (report.rows_read, report.rows_accepted, report.rows_rejected),
            (2, 2, 0)
        );
        assert_eq!(table.len(), 2);
        assert_eq!(table.id(0), "P1");
        assert_eq!(table.practice_code(0), "C82037");
        assert_eq!(table.practices().len(), 1);
        assert_eq!((table.age(0), table.sex(0)), (84, Sex::Female));
        assert_eq!(
            super::super::score::cms_hundredths(table.conditions(0)),
            250
        );
        assert_eq!(super::super::score::efi_deficits(table.conditions(0)), 1);
        assert_eq!(table.conditions(1), ConditionSet::EMPTY);
        assert_eq!(table.line(1), 3);
        assert_eq!(table.columns_missing(), ConditionSet::EMPTY);
    }

    #[test]
    fn headers_are_case_insensitive_and_a_bom_is_dropped() {
        let text = format!(
            "\u{feff}{}\n{}\n",
            header().to_uppercase().replace("PATIENT_ID", "Patient ID"),
            row("P1", "C82037", "70", "2", &["cms_copd"]),
        );
        let (table, report) = read(&text);
        assert!(!report.refused(), "{:?}", report.problems);
        assert_eq!(table.len(), 1);
        assert_eq!(table.sex(0), Sex::Female);
        assert_eq!(
            super::super::score::cms_hundredths(table.conditions(0)),
            146
        );
    }

    #[test]
    fn bad_rows_are_rejected_with_line_column_and_reason_and_good_rows_kept() {
        let mut bad_flag = row("P3", "C82037", "50", "F", &[]);
        bad_flag = bad_flag.replacen(",0", ",2", 1);
        let text = format!(
            "{}\n{}\n{}\n{}\n{}\n{}\n",
            header(),
            row("P1", "C82037", "84", "F", &[]),
            row("P2", "C82037", "abc", "F", &[]),
            bad_flag,
            "P4,C82037,40",
            row("P1", "C82037", "60", "M", &[]),
        );
        let (table, report) = read(&text);
        assert!(!report.refused());
        assert_eq!(table.len(), 1);
        assert_eq!(
            (report.rows_read, report.rows_accepted, report.rows_rejected),
            (5, 1, 4)
        );
        let age = report
            .problems
            .iter()
            .find(|p| p.column.as_deref() == Some("age"))
            .unwrap();
        assert_eq!((age.line, age.value.as_deref()), (Some(3), Some("abc")));
        let flag = report.problems.iter().find(|p| p.line == Some(4)).unwrap();
        assert_eq!(flag.column.as_deref(), Some("cms_alcohol_problems"));
        assert!(report
            .problems
            .iter()
            .any(|p| p.line == Some(5) && p.reason.contains("fields")));
        let repeated = report.problems.iter().find(|p| p.line == Some(6)).unwrap();
        assert!(repeated.reason.contains("line 2"), "{}", repeated.reason);
    }

    #[test]
    fn missing_condition_columns_are_reported() {
        let text = "patient_id,practice_code,age,sex,cms_dementia\nP1,C82037,80,F,1\n";
        let (table, report) = read(text);
        assert!(!report.refused());
        assert_eq!(table.columns_present().0.count_ones(), 1);
        assert_eq!(table.columns_missing().0.count_ones(), 55);
        assert!(report
            .problems
            .iter()
            .any(|p| p.severity == Severity::Warning && p.reason.contains("19 of 20 CMS")));
    }

    #[test]
    fn a_file_without_required_columns_is_refused() {
        let (table, report) = read("id,age\n1,2\n");
        assert!(report.refused());
        assert!(table.is_empty());
    }

    fn assert_refused(text: &str, column: &str) {
        let (table, report) = read(text);
        assert!(report.refused(), "{:?}", report.problems);
        assert!(table.is_empty());
        assert_eq!(report.rows_accepted, 0);
        let problem = report
            .problems
            .iter()
            .find(|p| p.severity == Severity::FileRefused)
            .unwrap();
        assert_eq!(
            problem.column.as_deref(),
            Some(column),
            "{}",
            problem.reason
        );
        assert!(problem.reason.contains(column));
    }

    #[test]
    fn nhs_numbers_are_refused() {
        assert_refused(
            "patient_id,practice_code,age,sex\n943 476 5919,C82037,80,F\n4010232137,C82037,70,M\n",
            "patient_id",
        );
    }

    #[test]
    fn ten_digit_pseudonyms_that_fail_modulus_11_are_fine() {
        let (table, report) = read(
            "patient_id,practice_code,age,sex\n1234567890,C82037,80,F\n9434765918,C82037,70,M\n",
        );
        assert!(!report.refused());
        assert_eq!(table.len(), 2);
    }

    #[test]
    fn names_are_refused() {
        for column in ["Surname", "first_name", "Forename", "Last Name", "name"] {
            assert_refused(
                &format!("patient_id,practice_code,age,sex,{column}\nP1,C82037,80,F,Smith\n"),
                column,
            );
        }
    }

    #[test]
    fn dates_of_birth_are_refused() {
        assert_refused(
            "patient_id,practice_code,DOB,age,sex\nP1,C82037,1945-03-12,80,F\n",
            "DOB",
        );
        assert_refused(
            "patient_id,practice_code,date_of_birth,age,sex\nP1,C82037,x,80,F\n",
            "date_of_birth",
        );
        assert_refused(
            "patient_id,practice_code,age,sex\nP1,C82037,12/03/1945,F\n",
            "age",
        );
    }

    #[test]
    fn full_postcodes_are_refused_but_districts_are_fine() {
        assert_refused(
            "patient_id,practice_code,age,sex,postcode\nP1,C82037,80,F,LE1 6AS\n",
            "postcode",
        );
        let (table, report) =
            read("patient_id,practice_code,age,sex,postcode\nP1,C82037,80,F,LE1\n");
        assert!(!report.refused());
        assert_eq!(table.len(), 1);
    }

    #[test]
    fn the_template_has_the_canonical_header_and_reads_cleanly() {
        let template = include_str!("../../../templates/patients.csv");
        let first_line = template.lines().next().unwrap();
        assert_eq!(first_line, canonical_header().join(","));
        let (table, report) = read(template);
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert_eq!(table.len(), 3);
    }

    #[test]
    fn windows_1252_ids_are_read() {
        let mut bytes = b"patient_id,practice_code,age,sex\n".to_vec();
        bytes.extend_from_slice(b"P\xe91,C82037,80,F\n");
        let (table, report) = read_patients("latin.csv", bytes.as_slice());
        assert!(!report.refused());
        assert_eq!(table.id(0), "Pé1");
    }
}

#[cfg(test)]
mod block_tests {
    use super::*;
    use csv::ByteRecord;
    use proptest::prelude::*;

    /// The row as ingest's reader gives it (which may read the condition block at once)
    /// and as the csv crate gives it (which never does).
    fn both(header: &[String], line: &str) -> (Record, ByteRecord) {
        let text = format!("{}\n{line}\n", header.join(","));
        let mut input = CsvInput::new(text.as_bytes());
        let mut record = Record::new();
        assert!(input.reader.read_record(&mut record).unwrap());
        assert!(input.reader.read_record(&mut record).unwrap());
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes());
        let mut byte_record = ByteRecord::new();
        assert!(csv.read_byte_record(&mut byte_record).unwrap());
        (record, byte_record)
    }

    #[test]
    fn the_canonical_columns_form_one_block() {
        let names: Vec<String> = canonical_header().iter().map(|n| n.to_string()).collect();
        let (schema, _) = PatientSchema::from_header(&names).unwrap();
        let block = schema
            .block
            .as_ref()
            .expect("the condition columns side by side");
        assert_eq!((block.first, block.bits.len()), (5, names.len() - 5));
        assert!(schema.rest.is_empty());
    }

    proptest! {
        #[test]
        fn a_block_read_at_once_reads_as_cell_by_cell(
            // As many cells as the schema has condition columns (56).
            cells in prop_oneof![
                // Mostly rows of bare 0s and 1s (read at once), some with a bad cell.
                proptest::collection::vec(prop::sample::select(vec!["0", "1"]), 56),
                proptest::collection::vec(
                    prop::sample::select(vec!["0", "0", "0", "0", "0", "0", "0", "0", "1", "1", "", "2", " 1", "x", "10", "\"1\""]),
                    56,
                ),
            ],
            moved in 0usize..70,
        ) {
            // The canonical header, with one condition column moved to the end (so the
            // block is shorter and some conditions lie outside it).
            let mut names: Vec<String> = canonical_header().iter().map(|n| n.to_string()).collect();
            let mut values: Vec<String> = ["S1", "C82001", "40", "F", "3"]
                .iter()
                .map(|v| v.to_string())
                .chain(cells.iter().map(|c| c.to_string()))
                .collect();
            if (5..names.len()).contains(&moved) {
                let name = names.remove(moved);
                names.push(name);
                let value = values.remove(moved);
                values.push(value);
            }
            let (schema, _) = PatientSchema::from_header(&names).unwrap();
            let (record, byte_record) = both(&names, &values.join(","));
            prop_assert_eq!(schema.parse_row(&record, 2), schema.parse_row(&byte_record, 2));
        }

        #[test]
        fn rows_left_whole_read_as_rows_split(
            rows in proptest::collection::vec(
                (
                    prop_oneof![
                        proptest::collection::vec(prop::sample::select(vec!["0", "1"]), 56),
                        proptest::collection::vec(
                            prop::sample::select(vec!["0", "0", "0", "0", "0", "0", "1", "1", "", "2", " 1", "x", "10"]),
                            56,
                        ),
                    ],
                    0usize..8,
                ),
                1..30,
            ),
            moved in 0usize..70,
            crlf in any::<bool>(),
        ) {
            let mut names: Vec<String> = canonical_header().iter().map(|n| n.to_string()).collect();
            let at = (5..names.len()).contains(&moved).then_some(moved);
            if let Some(at) = at {
                let name = names.remove(at);
                names.push(name);
            }
            let end = if crlf { "\r\n" } else { "\n" };
            let mut text = format!("{}{end}", names.join(","));
            for (i, (cells, quirk)) in rows.iter().enumerate() {
                let id = if *quirk == 4 { format!(" S{i} ") } else { format!("S{i}") };
                let practice = if *quirk == 5 { "c82001" } else { "C82001" };
                let mut values: Vec<String> = [id.as_str(), practice, "40", "F", "3"]
                    .iter()
                    .map(|v| v.to_string())
                    .chain(cells.iter().map(|c| c.to_string()))
                    .collect();
                if let Some(at) = at {
                    let value = values.remove(at);
                    values.push(value);
                }
                match quirk {
                    1 => values.push("extra".to_string()),
                    2 => {
                        values.pop();
                    }
                    6 => values[2] = "\"4,0\"".to_string(),
                    _ => {}
                }
                let line = if *quirk == 3 { "   ".to_string() } else { values.join(",") };
                text.push_str(&line);
                text.push_str(end);
            }
            let read = |quick| {
                let mut input = CsvInput::new(text.as_bytes());
                let (schema, _) = read_header(&mut input).unwrap();
                read_rows_with(&schema, &mut input, quick)
            };
            prop_assert_eq!(read(true), read(false));
        }
    }
}
