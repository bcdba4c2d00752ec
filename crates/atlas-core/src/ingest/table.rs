//! Moving rows: the CSV reader over a byte stream, the header, and the loop that hands
//! each row to a format's reader and files its problems in the report.

use super::report::{FileReport, Problem, RejectedRow, Severity, MAX_PROBLEMS_LISTED};
use super::text::{decode_field, normalise_header};
use crate::csv_in::records::Record;
pub(crate) use crate::csv_in::CsvInput;
use crate::disclosure::IdentifierScreen;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::io::Read;

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

    /// The names as the file writes them.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Pairs of columns whose names read the same once compared (`List Size` and
    /// `list_size`): the first of each pair is the one readers use.
    pub fn duplicates(&self) -> Vec<(usize, usize)> {
        let mut pairs = Vec::new();
        for (j, name) in self.normalised.iter().enumerate() {
            if name.is_empty() {
                continue;
            }
            if let Some(i) = self.normalised[..j].iter().position(|n| n == name) {
                pairs.push((i, j));
            }
        }
        pairs
    }

    /// True when `record` is this header written again (two files pasted together).
    fn is_repeated_in(&self, record: &Record) -> bool {
        // The first field's bytes settle nearly every row without decoding anything.
        let first_matches = record.get(0).is_some_and(|f| {
            f.trim_ascii() == self.names.first().map_or("", |n| n.trim()).as_bytes()
        });
        first_matches
            && record.len() == self.names.len()
            && record
                .iter()
                .zip(&self.names)
                .all(|(field, name)| decode_field(field).trim() == name.trim())
    }
}

/// One data row, with its line number (of its first line, when quoted newlines make
/// it span several).
pub(crate) struct Row<'a> {
    pub line: u64,
    record: &'a Record,
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

    /// The raw bytes of a column, empty when the row is short.
    pub fn bytes(&self, column: usize) -> &'a [u8] {
        self.record.get(column).unwrap_or(b"")
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

/// What was worked out from a cell, remembered by the cell's bytes, for columns that
/// take few distinct values (months, modes, statuses): the work is done once per value,
/// not once per row. Only the first [`Memo::CAPACITY`] values are remembered.
pub(crate) struct Memo<T> {
    entries: Vec<(Box<[u8]>, T)>,
    last: usize,
}

impl<T: Copy> Memo<T> {
    const CAPACITY: usize = 64;

    pub fn new() -> Memo<T> {
        Memo {
            entries: Vec::new(),
            last: 0,
        }
    }

    /// What was remembered for these bytes.
    pub fn get(&mut self, bytes: &[u8]) -> Option<T> {
        if let Some((key, value)) = self.entries.get(self.last) {
            if **key == *bytes {
                return Some(*value);
            }
        }
        let found = self.entries.iter().position(|(key, _)| **key == *bytes)?;
        self.last = found;
        Some(self.entries[found].1)
    }

    /// Remembers what these bytes gave, while there is room.
    pub fn put(&mut self, bytes: &[u8], value: T) {
        if self.entries.len() < Self::CAPACITY {
            self.last = self.entries.len();
            self.entries.push((bytes.into(), value));
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

    /// Rejects a row: counts it, files the problem and, while problems are listed,
    /// keeps the row as read (see [`FileReport::rejected_rows`]).
    fn reject(&mut self, problem: Problem, record: &Record, header: &Header) {
        self.report.rows_rejected += 1;
        let listed = self.report.problems.len() < MAX_PROBLEMS_LISTED;
        if let Some(line) = problem.line.filter(|_| listed) {
            if self.report.columns.is_empty() {
                self.report.columns = header.names().to_vec();
            }
            let bytes: usize = record.iter().map(<[u8]>::len).sum();
            let fields =
                (bytes <= RejectedRow::MAX_BYTES && record.overlong().is_none()).then(|| {
                    record
                        .iter()
                        .map(|f| decode_field(f).into_owned())
                        .collect()
                });
            self.report.rejected_rows.push(RejectedRow { line, fields });
        }
        self.push(problem);
    }

    /// What this builder holds, as the report of one piece of a file.
    pub fn into_piece(self) -> PieceReport {
        PieceReport {
            rows_read: self.report.rows_read,
            rows_accepted: self.report.rows_accepted,
            rows_rejected: self.report.rows_rejected,
            problems: self.report.problems,
            unlisted: self.unlisted,
            columns: self.report.columns,
            rejected_rows: self.report.rejected_rows,
        }
    }

    /// Adds the rows and problems of the next piece of the file, whose lines are
    /// counted from `line_offset` line ends into the file. Listing stays exactly as if
    /// the file had been read whole: a piece with unlisted problems listed its limit,
    /// so those come after everything listed here.
    pub fn append(&mut self, piece: PieceReport, line_offset: u64) {
        self.report.rows_read += piece.rows_read;
        self.report.rows_accepted += piece.rows_accepted;
        self.report.rows_rejected += piece.rows_rejected;
        for mut problem in piece.problems {
            // What each piece says of the file as a whole (a column named twice) is
            // said once, as when the file is read whole.
            if problem.line.is_none() && self.report.problems.contains(&problem) {
                continue;
            }
            problem.line = problem.line.map(|line| line + line_offset);
            self.push(problem);
        }
        self.unlisted += piece.unlisted;
        if self.report.columns.is_empty() {
            self.report.columns = piece.columns;
        }
        self.report
            .rejected_rows
            .extend(piece.rejected_rows.into_iter().map(|mut row| {
                row.line += line_offset;
                row
            }));
    }

    /// Files problems found over the whole file (not row by row) among those listed,
    /// in line order; the listing limit then applies to them all.
    pub fn insert_by_line(&mut self, problems: Vec<Problem>) {
        if problems.is_empty() {
            return;
        }
        let mut all = std::mem::take(&mut self.report.problems);
        all.extend(problems);
        all.sort_by_key(|p| p.line.unwrap_or(u64::MAX));
        for problem in all {
            self.push(problem);
        }
    }

    /// The finished report.
    pub fn finish(mut self) -> FileReport {
        // Only rows whose rejection is listed: the limit may have fallen after them.
        let listed: std::collections::HashSet<u64> = (self.report.problems.iter())
            .filter(|p| p.severity == Severity::RowRejected)
            .filter_map(|p| p.line)
            .collect();
        self.report
            .rejected_rows
            .retain(|row| listed.contains(&row.line));
        if self.report.rejected_rows.is_empty() {
            self.report.columns.clear();
        }
        if self.unlisted > 0 {
            self.report.problems.push(Problem::file(
                Severity::Warning,
                format!("{} more problems are not listed here", self.unlisted),
            ));
        }
        self.report
    }
}

/// The rows and problems of one piece of a file, before it is added to the pieces
/// before it ([`ReportBuilder::append`]). Lines are counted from the piece's start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PieceReport {
    rows_read: u64,
    rows_accepted: u64,
    rows_rejected: u64,
    problems: Vec<Problem>,
    unlisted: u64,
    columns: Vec<String>,
    rejected_rows: Vec<RejectedRow>,
}

/// The CSV reader over a file, after its first row.
pub(crate) struct CsvRows<R: Read> {
    input: CsvInput<R>,
    pub header: Header,
    /// A first row that is data, not a header (epraccur).
    pending: Option<Record>,
    record: Record,
    /// Every value of every row, screened for identifiers before a reader sees it.
    screen: IdentifierScreen,
}

impl<R: Read> CsvRows<R> {
    /// A table whose first row was the header.
    pub fn with_header(input: CsvInput<R>, header: Header) -> CsvRows<R> {
        CsvRows {
            input,
            header,
            pending: None,
            record: Record::new(),
            screen: IdentifierScreen::new(false),
        }
    }

    /// A table with no header row: `first` is data, and columns get the given names.
    pub fn headerless(input: CsvInput<R>, names: Vec<String>, first: Record) -> CsvRows<R> {
        CsvRows {
            input,
            header: Header::new(names),
            pending: Some(first),
            record: Record::new(),
            screen: IdentifierScreen::new(false),
        }
    }

    /// Line ends in the bytes read so far (all of them, once the rows are read).
    pub fn line_ends(&self) -> u64 {
        self.input.breaks.borrow().line_ends()
    }

    /// Whether the last row read ended at a line end (see [`Records::ended_at_line_end`]).
    pub fn ended_at_line_end(&self) -> bool {
        self.input.reader.ended_at_line_end()
    }

    /// The refusal of the file when a value read so far identifies a person
    /// ([`crate::disclosure`]): then nothing of the file may be kept.
    pub fn identifier_refusal(&self) -> Option<Problem> {
        self.screen.refusal(self.header.names())
    }

    /// Hands each data row to `handle`, which returns `Err` to reject the row and pushes
    /// warnings that keep it. Counts rows, files problems, checks the number of fields,
    /// skips blank rows. A read error part way ends the file with a problem. Every row
    /// is screened for identifiers first; at the first one reading stops (see
    /// [`CsvRows::identifier_refusal`]) and that row goes no further.
    pub fn for_each_row(
        &mut self,
        report: &mut ReportBuilder,
        mut handle: impl FnMut(&Row<'_>, &mut Vec<Problem>) -> Result<(), Problem>,
    ) {
        let mut warnings = Vec::new();
        loop {
            // The one record is reused for every row: no allocation per row.
            if let Some(first) = self.pending.take() {
                self.record = first;
            } else {
                match self.input.reader.read_record(&mut self.record) {
                    Ok(true) => {}
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
                }
            }
            let record = &self.record;
            if let Some(bytes) = record.overlong() {
                let line = self.input.line_of(record);
                report.report.rows_read += 1;
                report.reject(
                    crate::csv_in::overlong_line(line, bytes),
                    record,
                    &self.header,
                );
                continue;
            }
            if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                continue;
            }
            let line = self.input.line_of(record);
            if !self.screen.row(record.iter(), line) {
                break;
            }
            let row = Row {
                line,
                record,
                header: &self.header,
            };
            report.report.rows_read += 1;
            let outcome = check_width(&row, record, self.header.len())
                .and_then(|()| {
                    if self.header.is_repeated_in(record) {
                        Err(row.row_problem(
                            Severity::RowRejected,
                            "this row repeats the header, as if two files were pasted together; it is not a row of figures",
                        ))
                    } else {
                        Ok(())
                    }
                })
                .and_then(|()| handle(&row, &mut warnings));
            if !warnings.is_empty() {
                for warning in warnings.drain(..) {
                    report.push(warning);
                }
            }
            match outcome {
                Ok(()) => report.report.rows_accepted += 1,
                Err(problem) => report.reject(problem, record, &self.header),
            }
        }
    }
}

/// A row must have as many fields as the header; extra fields are allowed when empty
/// (spreadsheets add trailing commas).
fn check_width(row: &Row<'_>, record: &Record, width: usize) -> Result<(), Problem> {
    let found = record.len();
    if found == width {
        return Ok(());
    }
    let extra_filled = (width..found).any(|i| !record[i].iter().all(u8::is_ascii_whitespace));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Hands out one byte per read, so that CRLF pairs fall across reads.
    struct OneByte<'a>(&'a [u8]);

    impl Read for OneByte<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match (self.0.split_first(), buf.first_mut()) {
                (Some((&b, rest)), Some(slot)) => {
                    *slot = b;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    fn lines(data: &str) -> Vec<(String, u64)> {
        let by_chunk = lines_from(data.as_bytes());
        assert_eq!(by_chunk, lines_from(OneByte(data.as_bytes())));
        by_chunk
    }

    fn lines_from(data: impl Read) -> Vec<(String, u64)> {
        let mut input = CsvInput::new(data);
        let mut record = Record::new();
        let mut out = Vec::new();
        while input.reader.read_record(&mut record).unwrap_or(false) {
            let first = String::from_utf8_lossy(&record[0]).into_owned();
            out.push((first, input.line_of(&record)));
        }
        out
    }

    #[test]
    fn line_numbers_count_crlf_blank_lines_and_quoted_breaks() {
        let expected = vec![
            ("h".to_string(), 1),
            ("a".to_string(), 2),
            ("c".to_string(), 4),
            ("f".to_string(), 6),
        ];
        assert_eq!(lines("h,x\na,b\n\nc,\"d\ne\"\nf,g\n"), expected);
        assert_eq!(lines("h,x\r\na,b\r\n\r\nc,\"d\r\ne\"\r\nf,g"), expected);
        assert_eq!(lines("h,x\ra,b\r\rc,\"d\re\"\rf,g\r"), expected);
    }
}
