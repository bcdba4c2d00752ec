//! CSV in on standard input, CSV out on standard output, shared by the statistics
//! commands.
//!
//! The contract (README.md): input columns are found by header name,
//! case-insensitively; every input column is passed through unchanged and in order,
//! the new columns follow; floats are printed in Rust's shortest round-trip form; a row
//! that cannot be computed keeps its place with empty new columns and its reason in the
//! final `note` column. Bad arguments or unreadable input: a message on standard error
//! and exit status 2.

use atlas_core::export::CsvWriter;
use std::io::{self, Read, Write};
use std::process::ExitCode;

/// Why a command stopped: bad arguments or unreadable input. Exit status 2.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Input that cannot be read as CSV, or lacks a required column.
    #[error("unreadable input: {0}")]
    Input(String),
    /// An argument that parsed but makes no sense (e.g. a baseline above 1).
    #[error("bad argument: {0}")]
    Argument(String),
    /// Standard output could not be written.
    #[error("cannot write output: {0}")]
    Output(String),
}

/// Turns a command's result into the exit status: 0, or 2 with the message on
/// standard error.
pub fn finish(result: Result<(), CliError>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("pcatlas: {err}");
            ExitCode::from(2)
        }
    }
}

/// A CSV table read from standard input: its header and rows, each row padded with
/// empty cells to the header's length.
pub struct InputTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl InputTable {
    /// Reads a table from standard input.
    pub fn from_stdin() -> Result<InputTable, CliError> {
        let mut text = Vec::new();
        io::stdin()
            .read_to_end(&mut text)
            .map_err(|e| CliError::Input(e.to_string()))?;
        InputTable::from_bytes(&text)
    }

    /// Reads a table from CSV bytes. An empty input, a row with more cells than the
    /// header, or invalid UTF-8 is unreadable.
    pub fn from_bytes(bytes: &[u8]) -> Result<InputTable, CliError> {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .from_reader(bytes);
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| CliError::Input(e.to_string()))?
            .iter()
            .map(str::to_string)
            .collect();
        if headers.is_empty() || headers.iter().all(|h| h.trim().is_empty()) {
            return Err(CliError::Input(
                "no header line: expected CSV with named columns".to_string(),
            ));
        }
        let mut rows = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let record = record.map_err(|e| CliError::Input(e.to_string()))?;
            if record.len() > headers.len() {
                return Err(CliError::Input(format!(
                    "row {} has {} cells but the header has {}",
                    i + 1,
                    record.len(),
                    headers.len()
                )));
            }
            let mut row: Vec<String> = record.iter().map(str::to_string).collect();
            row.resize(headers.len(), String::new());
            rows.push(row);
        }
        Ok(InputTable { headers, rows })
    }

    /// The index of the column named `name` (case-insensitive, surrounding spaces
    /// ignored); a missing column is an input error.
    pub fn column(&self, name: &str) -> Result<usize, CliError> {
        self.headers
            .iter()
            .position(|h| {
                h.trim_start_matches('\u{feff}')
                    .trim()
                    .eq_ignore_ascii_case(name)
            })
            .ok_or_else(|| {
                CliError::Input(format!(
                    "missing column '{name}' (columns are: {})",
                    self.headers.join(", ")
                ))
            })
    }

    /// The indices of several required columns, in order.
    pub fn columns<const N: usize>(&self, names: [&str; N]) -> Result<[usize; N], CliError> {
        let mut out = [0; N];
        for (slot, name) in out.iter_mut().zip(names) {
            *slot = self.column(name)?;
        }
        Ok(out)
    }
}

/// Reads a number from a cell: surrounding spaces ignored; a blank cell, text that is
/// not a number, NaN or infinity is an error message naming the column.
pub fn number(cell: &str, name: &str) -> Result<f64, String> {
    let text = cell.trim();
    if text.is_empty() {
        return Err(format!("{name} is missing"));
    }
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        Ok(_) => Err(format!("{name} is not a finite number ('{text}')")),
        Err(_) => Err(format!("{name} '{text}' is not a number")),
    }
}

/// A float in Rust's shortest round-trip form (`format!("{}")`), with −0 printed as 0.
pub fn float(x: f64) -> String {
    if x == 0.0 {
        "0".to_string()
    } else {
        format!("{x}")
    }
}

/// CSV output on standard output.
pub struct Output {
    writer: CsvWriter<io::StdoutLock<'static>>,
}

impl Output {
    /// A CSV writer on standard output that writes `headers` first. Every cell goes
    /// through the project's one CSV writer: formula-like text is neutralised.
    pub fn with_headers<S: AsRef<str>>(headers: &[S]) -> Result<Output, CliError> {
        let mut output = Output {
            writer: CsvWriter::new(io::stdout().lock()),
        };
        output.row(headers)?;
        Ok(output)
    }

    /// Writes one row.
    pub fn row<S: AsRef<str>>(&mut self, cells: &[S]) -> Result<(), CliError> {
        self.writer
            .row(cells.iter().map(|c| c.as_ref().as_bytes()))
            .map_err(|e| CliError::Output(e.to_string()))
    }

    /// Flushes standard output.
    pub fn finish(mut self) -> Result<(), CliError> {
        self.writer
            .flush()
            .map_err(|e| CliError::Output(e.to_string()))?;
        io::stdout()
            .flush()
            .map_err(|e| CliError::Output(e.to_string()))
    }
}

/// Writes `table` with `added` columns after the input's: each row's new cells come
/// from `compute(row_index)`, which gives the cells before `note` or the reason the row
/// cannot be computed. A failed row gets empty new cells and its reason in `note`.
/// `compute` returns the cells and a note (empty when there is nothing to say).
pub fn passthrough(
    table: &InputTable,
    added: &[&str],
    mut compute: impl FnMut(usize) -> Result<(Vec<String>, String), String>,
) -> Result<(), CliError> {
    let mut headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    headers.extend_from_slice(added);
    headers.push("note");
    let mut output = Output::with_headers(&headers)?;
    for (i, row) in table.rows.iter().enumerate() {
        let (mut cells, note) = match compute(i) {
            Ok(done) => done,
            Err(reason) => (vec![String::new(); added.len()], reason),
        };
        cells.resize(added.len(), String::new());
        let mut out: Vec<&str> = row.iter().map(String::as_str).collect();
        out.extend(cells.iter().map(String::as_str));
        out.push(&note);
        output.row(&out)?;
    }
    output.finish()
}

/// Parses a multiplier argument: a finite number above zero.
pub fn positive_number(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok(x),
        _ => Err(format!("'{text}' is not a number above zero")),
    }
}

/// Parses a finite number argument.
pub fn finite_number(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        _ => Err(format!("'{text}' is not a finite number")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_pads_rows() {
        let t = InputTable::from_bytes(b"Numerator,denominator\n1,2\n3\n").unwrap();
        assert_eq!(t.column("numerator").unwrap(), 0);
        assert_eq!(t.rows[1], vec!["3".to_string(), String::new()]);
        assert!(t.column("value").is_err());
        assert!(InputTable::from_bytes(b"").is_err());
        assert!(InputTable::from_bytes(b"a,b\n1,2,3\n").is_err());
        // A byte-order mark (Excel's "CSV UTF-8") does not hide the first column.
        let bom =
            InputTable::from_bytes("\u{feff}numerator,denominator\n1,2\n".as_bytes()).unwrap();
        assert_eq!(bom.column("numerator").unwrap(), 0);
    }

    #[test]
    fn numbers_and_floats() {
        assert_eq!(number(" 2.5 ", "x"), Ok(2.5));
        assert!(number("", "x").unwrap_err().contains("missing"));
        assert!(number("abc", "x").unwrap_err().contains("not a number"));
        assert!(number("NaN", "x").unwrap_err().contains("finite"));
        assert!(number("inf", "x").unwrap_err().contains("finite"));
        assert_eq!(float(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(float(-0.0), "0");
        assert_eq!(float(100000.0), "100000");
    }
}
