//! The validation report: what was read from each file, and every problem found, with
//! the file, line, column and value, and a reason a person can act on.

use crate::table::{Cell, Table};
use serde::{Deserialize, Serialize};
use std::fmt;

/// At most this many problems are listed per file; the rest are counted.
pub const MAX_PROBLEMS_LISTED: usize = 1_000;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Severity {
    /// The row is kept; the user should know (numerator above denominator, an unknown
    /// practice code, a period outside the rest).
    Warning,
    /// The row is rejected; the other rows are kept.
    RowRejected,
    /// Nothing of the file is kept (unrecognised format, a direct identifier).
    FileRefused,
}

/// One problem in one place of one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub severity: Severity,
    /// 1-based line in the file (the header is line 1); `None` for the whole file.
    pub line: Option<u64>,
    /// The column's name as the file writes it, when the problem is in one column.
    pub column: Option<String>,
    /// The offending value, as read (shortened when very long).
    pub value: Option<String>,
    /// What was expected, in words a person can act on.
    pub reason: String,
}

impl Problem {
    /// A problem with the whole file.
    pub fn file(severity: Severity, reason: impl Into<String>) -> Problem {
        Problem {
            severity,
            line: None,
            column: None,
            value: None,
            reason: reason.into(),
        }
    }

    /// A problem in one cell.
    pub fn cell(
        severity: Severity,
        line: u64,
        column: impl Into<String>,
        value: &str,
        reason: impl Into<String>,
    ) -> Problem {
        Problem {
            severity,
            line: Some(line),
            column: Some(column.into()),
            value: Some(shorten(value)),
            reason: reason.into(),
        }
    }
}

/// Values are quoted back to the user, but a 10 MB line is not.
fn shorten(value: &str) -> String {
    const MAX: usize = 80;
    if value.chars().count() <= MAX {
        value.to_string()
    } else {
        let head: String = value.chars().take(MAX).collect();
        format!("{head}… ({} characters)", value.chars().count())
    }
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileReport {
    pub file_name: String,
    /// The recognised format in words ("Patients Registered at a GP Practice (all
    /// persons)"), or `None` when it was not recognised.
    pub format: Option<String>,
    pub rows_read: u64,
    pub rows_accepted: u64,
    pub rows_rejected: u64,
    pub problems: Vec<Problem>,
    /// The file's column names as it writes them (kept when rows were rejected, for
    /// [`rejected_rows_table`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<String>,
    /// The rejected rows among the listed problems, as read, so that the user can mend
    /// them and load them again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected_rows: Vec<RejectedRow>,
    /// The file was patient-level: read and checked, nothing of it added to a workspace,
    /// and its report's values are never stored ([`FileReport::without_values`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub patient_level: bool,
}

/// A rejected row as the file wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedRow {
    /// The row's 1-based line (of its first line, when a quoted value spans several).
    pub line: u64,
    /// Its fields, decoded; `None` when the row was too long to keep (a 10 MB line).
    pub fields: Option<Vec<String>>,
}

impl RejectedRow {
    /// Rows longer than this are not kept whole (the report says where they are), so
    /// that a file's rejected rows stay small enough to keep in browser storage.
    pub const MAX_BYTES: usize = 4 * 1024;
}

impl FileReport {
    pub fn new(file_name: impl Into<String>) -> FileReport {
        FileReport {
            file_name: file_name.into(),
            format: None,
            rows_read: 0,
            rows_accepted: 0,
            rows_rejected: 0,
            problems: Vec::new(),
            columns: Vec::new(),
            rejected_rows: Vec::new(),
            patient_level: false,
        }
    }

    /// True when nothing of the file could be used.
    pub fn refused(&self) -> bool {
        self.problems
            .iter()
            .any(|p| p.severity == Severity::FileRefused)
    }

    /// The report without any value quoted from the file (problems keep their line,
    /// column and reason; no rejected row is kept): what may be stored of a
    /// patient-level file's report, whose values could be a pseudonymous id or an age.
    pub fn without_values(mut self) -> FileReport {
        for problem in &mut self.problems {
            problem.value = None;
        }
        self.rejected_rows.clear();
        self.columns.clear();
        self
    }
}

/// A file's problems as a table (severity, line, column, value, reason): the table view
/// on the Data page and its CSV download.
pub fn problems_table(report: &FileReport) -> Table {
    let mut table = Table::new(&["File", "Severity", "Line", "Column", "Value", "Reason"]);
    for problem in &report.problems {
        let severity = match problem.severity {
            Severity::Warning if problem.line.is_none() => "Warning",
            Severity::Warning => "Warning (row kept)",
            Severity::RowRejected => "Row rejected",
            Severity::FileRefused => "File not used",
        };
        table.rows.push(vec![
            Cell::text(&report.file_name),
            Cell::text(severity),
            match problem.line {
                Some(line) => Cell::number(line as f64, line.to_string()),
                None => Cell::text(""),
            },
            Cell::text(problem.column.clone().unwrap_or_default()),
            Cell::text(problem.value.clone().unwrap_or_default()),
            Cell::text(&problem.reason),
        ]);
    }
    table
}

/// A file's rejected rows as a table: the line, why it was rejected, then the row's own
/// columns as the file names them, so that the rows can be mended and loaded again.
/// `None` when no rejected row was kept. A row too long to keep has its line and reason
/// and empty cells.
pub fn rejected_rows_table(report: &FileReport) -> Option<Table> {
    if report.rejected_rows.is_empty() {
        return None;
    }
    let widest = report
        .rejected_rows
        .iter()
        .filter_map(|r| r.fields.as_ref().map(Vec::len))
        .max()
        .unwrap_or(0);
    let mut names: Vec<String> = vec!["Line".into(), "Why it was rejected".into()];
    names.extend(report.columns.iter().cloned());
    // A row with more fields than the header: its extra fields keep their place.
    for extra in report.columns.len()..widest {
        names.push(format!("(field {} beyond the header)", extra + 1));
    }
    let mut table = Table::new(&names.iter().map(String::as_str).collect::<Vec<_>>());
    let width = names.len() - 2;
    for row in &report.rejected_rows {
        let reasons: Vec<&str> = report
            .problems
            .iter()
            .filter(|p| p.severity == Severity::RowRejected && p.line == Some(row.line))
            .map(|p| p.reason.as_str())
            .collect();
        let mut reason = reasons.join("; ");
        if row.fields.is_none() {
            reason.push_str(" (the row is too long to include here: see its line in the file)");
        }
        let mut cells = vec![
            Cell::number(row.line as f64, row.line.to_string()),
            Cell::text(reason),
        ];
        let fields = row.fields.as_deref().unwrap_or_default();
        cells.extend((0..width).map(|i| Cell::text(fields.get(i).map_or("", String::as_str))));
        table.rows.push(cells);
    }
    Some(table)
}

impl fmt::Display for Problem {
    /// `line 12, column "list_size" ("abc"): expected a whole number of patients`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut place = Vec::new();
        if let Some(line) = self.line {
            place.push(format!("line {line}"));
        }
        if let Some(column) = &self.column {
            place.push(format!("column \"{column}\""));
        }
        let place = if place.is_empty() {
            "file".to_string()
        } else {
            place.join(", ")
        };
        match &self.value {
            Some(value) => write!(f, "{place} (\"{value}\"): {}", self.reason),
            None => write!(f, "{place}: {}", self.reason),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_become_a_table_with_the_line_and_the_reason() {
        let mut report = FileReport::new("practices.csv");
        report.problems.push(Problem::cell(
            Severity::RowRejected,
            12,
            "list_size",
            "abc",
            "expected a whole number of patients, like 8123",
        ));
        report
            .problems
            .push(Problem::file(Severity::Warning, "2 practices have no PCN"));
        let table = problems_table(&report);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(
            table.to_csv().lines().nth(1),
            Some("practices.csv,Row rejected,12,list_size,abc,\"expected a whole number of patients, like 8123\"")
        );
        assert_eq!(table.rows[1][2].text, "");
        // A warning about the whole file keeps no row in particular.
        assert_eq!(table.rows[1][1].text, "Warning");
    }
}
