//! Reading CSV bytes: the record splitter ([`records`]), the input that knows each
//! record's line ([`CsvInput`], [`LineNumbers`]) and where a large file is cut for
//! several workers ([`cuts`]). Below ingest and the patient reader, which both read
//! through it.

pub(crate) mod cuts;
pub(crate) mod records;

pub use records::MAX_LINE_BYTES;
use records::{Record, Records};
use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Read;
use std::rc::Rc;

/// Where the line breaks are in the bytes read so far and not yet asked about, so that
/// a record's line number can be told from its starting byte. (The CSV reader's own
/// line count lags behind CRLF line ends and blank lines.) A line ends with LF, CRLF or
/// a lone CR.
#[derive(Debug, Default)]
pub(crate) struct LineBreaks {
    /// Offsets of CR and LF bytes not yet passed, each with whether it ends a line (the
    /// LF of a CRLF pair does not: its CR did).
    pending: VecDeque<(u64, bool)>,
    /// Line ends passed.
    passed: u64,
    /// Bytes read so far.
    offset: u64,
    /// Whether the last byte read was a CR.
    after_cr: bool,
}

impl LineBreaks {
    /// The 1-based line of a record starting at byte `start`. The reader places a
    /// record's start before the line ends and blank lines that precede it, so those
    /// are passed over. Starts must be asked in increasing order.
    pub fn line_at(&mut self, start: u64) -> u64 {
        let mut position = start;
        while let Some(&(offset, ends_line)) = self.pending.front() {
            if offset < start || offset == position {
                if offset == position {
                    position += 1;
                }
                self.passed += u64::from(ends_line);
                self.pending.pop_front();
            } else {
                break;
            }
        }
        self.passed + 1
    }

    /// Line ends in all the bytes read so far.
    pub fn line_ends(&self) -> u64 {
        self.passed + self.pending.iter().filter(|&&(_, ends)| ends).count() as u64
    }

    fn record(&mut self, bytes: &[u8]) {
        for i in memchr::memchr2_iter(b'\r', b'\n', bytes) {
            let ends_line = match bytes[i] {
                b'\n' => !i
                    .checked_sub(1)
                    .map_or(self.after_cr, |j| bytes[j] == b'\r'),
                _ => true,
            };
            self.pending.push_back((self.offset + i as u64, ends_line));
        }
        if let Some(&last) = bytes.last() {
            self.after_cr = last == b'\r';
        }
        self.offset += bytes.len() as u64;
    }
}

/// Line numbers of the records a `csv::Reader` reads from `bytes`, told from where each
/// starts (`csv::Position::byte`): the csv crate's own line count lags behind CRLF line
/// ends and blank lines. A line ends with LF, CRLF or a lone CR.
#[derive(Debug)]
pub struct LineNumbers(LineBreaks);

impl LineNumbers {
    /// The line breaks of `bytes`, the whole input.
    pub fn of(bytes: &[u8]) -> LineNumbers {
        let mut breaks = LineBreaks::default();
        breaks.record(bytes);
        LineNumbers(breaks)
    }

    /// The 1-based line of the record that starts at byte `start`. Records must be asked
    /// about in the order they were read.
    pub fn line_at(&mut self, start: u64) -> u64 {
        self.0.line_at(start)
    }
}

/// A reader that notes where line breaks are as bytes pass through.
pub(crate) struct Counting<R> {
    inner: R,
    breaks: Rc<RefCell<LineBreaks>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.breaks.borrow_mut().record(&buf[..n]);
        Ok(n)
    }
}

/// The CSV reader over a byte stream, with the line breaks it has seen.
pub(crate) struct CsvInput<R: Read> {
    pub reader: Records<Counting<R>>,
    pub breaks: Rc<RefCell<LineBreaks>>,
}

impl<R: Read> CsvInput<R> {
    /// A CSV reader with no header handling (this module does it), ragged rows allowed
    /// (they are reported, not fatal).
    pub fn new(input: R) -> CsvInput<R> {
        CsvInput::with(input, Records::new)
    }

    /// A CSV reader over a stream that goes on from a record end in a larger one (see
    /// [`Records::continuing`]).
    pub fn continuing(input: R) -> CsvInput<R> {
        CsvInput::with(input, Records::continuing)
    }

    fn with(input: R, records: fn(Counting<R>) -> Records<Counting<R>>) -> CsvInput<R> {
        let breaks = Rc::new(RefCell::new(LineBreaks::default()));
        let counting = Counting {
            inner: input,
            breaks: Rc::clone(&breaks),
        };
        CsvInput {
            reader: records(counting),
            breaks,
        }
    }

    /// The line a record read from this input starts on.
    pub fn line_of(&self, record: &Record) -> u64 {
        self.breaks.borrow_mut().line_at(record.start())
    }
}

/// An overlong line ([`MAX_LINE_BYTES`]) in words: "the line is 50,000,000 bytes long,
/// longer than any row of a file this app reads (1,048,576 bytes)".
pub fn overlong_line_length(bytes: u64) -> String {
    format!(
        "the line is {} bytes long, longer than any row of a file this app reads ({} bytes)",
        crate::words::thousands(bytes),
        crate::words::thousands(MAX_LINE_BYTES as u64)
    )
}

/// The rejected row an overlong line on `line` is: skipped, with the lines after it read.
pub fn overlong_line(line: u64, bytes: u64) -> crate::report::Problem {
    crate::report::Problem {
        severity: crate::report::Severity::RowRejected,
        line: Some(line),
        column: None,
        value: None,
        reason: format!(
            "{}: it is skipped, and the lines after it are read",
            overlong_line_length(bytes)
        ),
    }
}
