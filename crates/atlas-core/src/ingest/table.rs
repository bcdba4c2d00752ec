//! Moving rows: the CSV reader over a byte stream, the header, and the loop that hands
//! each row to a format's reader and files its problems in the report.

use super::report::{FileReport, Problem, Severity};
use super::text::{decode_field, normalise_header};
use csv::ByteRecord;
use std::borrow::Cow;
use std::io::Read;

/// At most this many problems are listed per file; the rest are counted.
pub const MAX_PROBLEMS_LISTED: usize = 1_000;

/// A file's header: the names as written and in comparable form.
#[derive(Debug, Clone)]
pub(crate) struct Header {
    names: Vec<String>,
    normalised: Vec<String>,
}

impl Header {
    /// A header from the names as the file writes them.
    pub fn new(names: Vec<String>) -> Header {
        let normalised = names.iter().map(|n| normalise_header(n)).collect();
        Header { names, normalised }
    }

    /// The first column whose comparable name is one of `candidates`, tried in order.
    pub fn find(&self, candidates: &[&str]) -> Option<usize> {
        candidates
            .iter()
            .find_map(|c| self.normalised.iter().position(|n| n == c))
    }

    /// The column's name as the file writes it.
    pub fn name(&self, column: usize) -> &str {
        self.names.get(column).map(String::as_str).unwrap_or("?")
    }

    /// Number of columns.
    pub fn len(&self) -> usize {
        self.names.len()
    }
}

/// One data row, with its line number (of its first line, when quoted newlines make
/// it span several).
pub(crate) struct Row<'a> {
    pub line: u64,
    record: &'a ByteRecord,
    header: &'a Header,
}

impl<'a> Row<'a> {
    /// The decoded text of a column, empty when the row is short.
    pub fn text(&self, column: usize) -> Cow<'a, str> {
        self.record
            .get(column)
            .map(decode_field)
            .unwrap_or(Cow::Borrowed(""))
    }

    /// The text of an optional column: `None` when the column is absent or the cell blank.
    pub fn optional(&self, column: Option<usize>) -> Option<Cow<'a, str>> {
        let text = self.text(column?);
        (!text.trim().is_empty()).then_some(text)
    }

    /// Reads a cell with `parse`; a failure becomes a rejection naming the cell.
    pub fn get<T>(
        &self,
        column: usize,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<T, Problem> {
        let text = self.text(column);
        parse(&text).map_err(|reason| self.problem(Severity::RowRejected, column, &text, reason))
    }

    /// Reads an optional cell: blank gives `Ok(None)`.
    pub fn get_optional<T>(
        &self,
        column: Option<usize>,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<Option<T>, Problem> {
        match column {
            Some(c) if !self.text(c).trim().is_empty() => self.get(c, parse).map(Some),
            _ => Ok(None),
        }
    }

    /// A problem in one cell of this row.
    pub fn problem(
        &self,
        severity: Severity,
        column: usize,
        value: &str,
        reason: impl Into<String>,
    ) -> Problem {
        Problem::cell(severity, self.line, self.header.name(column), value, reason)
    }

    /// A problem with the row as a whole.
    pub fn row_problem(&self, severity: Severity, reason: impl Into<String>) -> Problem {
        Problem {
            severity,
            line: Some(self.line),
            column: None,
            value: None,
            reason: reason.into(),
        }
    }
}

/// A report under construction: counts every problem, lists the first
/// [`MAX_PROBLEMS_LISTED`].
pub(crate) struct ReportBuilder {
    pub report: FileReport,
    unlisted: u64,
}

impl ReportBuilder {
    /// A report for one file.
    pub fn new(file_name: &str) -> ReportBuilder {
        ReportBuilder {
            report: FileReport::new(file_name),
            unlisted: 0,
        }
    }

    /// Files a problem (listed while under the limit, counted after it).
    pub fn push(&mut self, problem: Problem) {
        if self.report.problems.len() < MAX_PROBLEMS_LISTED
            || problem.severity == Severity::FileRefused
        {
            self.report.problems.push(problem);
        } else {
            self.unlisted += 1;
        }
    }

    /// The finished report.
    pub fn finish(mut self) -> FileReport {
        if self.unlisted > 0 {
            self.report.problems.push(Problem::file(
                Severity::Warning,
                format!("{} more problems are not listed here", self.unlisted),
            ));
        }
        self.report
    }
}

/// The CSV reader over a file, after its first row.
pub(crate) struct Table<R: Read> {
    reader: csv::Reader<R>,
    pub header: Header,
    /// A first row that is data, not a header (epraccur).
    pending: Option<ByteRecord>,
    record: ByteRecord,
}

impl<R: Read> Table<R> {
    /// A CSV reader with no header handling (this module does it), ragged rows allowed
    /// (they are reported, not fatal).
    pub fn reader(input: R) -> csv::Reader<R> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(input)
    }

    /// A table whose first row was the header.
    pub fn with_header(reader: csv::Reader<R>, header: Header) -> Table<R> {
        Table {
            reader,
            header,
            pending: None,
            record: ByteRecord::new(),
        }
    }

    /// A table with no header row: `first` is data, and columns get the given names.
    pub fn headerless(reader: csv::Reader<R>, names: Vec<String>, first: ByteRecord) -> Table<R> {
        Table {
            reader,
            header: Header::new(names),
            pending: Some(first),
            record: ByteRecord::new(),
        }
    }

    /// Hands each data row to `handle`, which returns `Err` to reject the row and pushes
    /// warnings that keep it. Counts rows, files problems, checks the number of fields,
    /// skips blank rows. A read error part way ends the file with a problem.
    pub fn for_each_row(
        &mut self,
        report: &mut ReportBuilder,
        mut handle: impl FnMut(&Row<'_>, &mut Vec<Problem>) -> Result<(), Problem>,
    ) {
        let mut warnings = Vec::new();
        loop {
            let record = match self.pending.take() {
                Some(first) => first,
                None => match self.reader.read_byte_record(&mut self.record) {
                    Ok(true) => std::mem::take(&mut self.record),
                    Ok(false) => break,
                    Err(error) => {
                        let line = error.position().map(|p| p.line());
                        report.push(Problem {
                            severity: Severity::RowRejected,
                            line,
                            column: None,
                            value: None,
                            reason: format!("the file could not be read from here on: {error}"),
                        });
                        report.report.rows_rejected += 1;
                        break;
                    }
                },
            };
            if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                self.record = record;
                continue;
            }
            let line = record.position().map(|p| p.line()).unwrap_or(0);
            let row = Row {
                line,
                record: &record,
                header: &self.header,
            };
            report.report.rows_read += 1;
            let outcome = check_width(&row, &record, self.header.len())
                .and_then(|()| handle(&row, &mut warnings));
            for warning in warnings.drain(..) {
                report.push(warning);
            }
            match outcome {
                Ok(()) => report.report.rows_accepted += 1,
                Err(problem) => {
                    report.report.rows_rejected += 1;
                    report.push(problem);
                }
            }
            self.record = record;
        }
    }
}

/// A row must have as many fields as the header; extra fields are allowed when empty
/// (spreadsheets add trailing commas).
fn check_width(row: &Row<'_>, record: &ByteRecord, width: usize) -> Result<(), Problem> {
    let found = record.len();
    let extra_filled = record
        .iter()
        .skip(width)
        .any(|f| !f.iter().all(u8::is_ascii_whitespace));
    if found >= width && !extra_filled {
        return Ok(());
    }
    let spans_lines = record.iter().any(|f| f.contains(&b'\n'));
    let hint = if spans_lines {
        "; a quoted value runs over several lines, so a closing quote (\") may be missing"
    } else if found > width {
        "; a value with a comma in it may be missing its surrounding quotes"
    } else {
        ""
    };
    Err(row.row_problem(
        Severity::RowRejected,
        format!("this row has {found} fields where the header has {width}{hint}"),
    ))
}
