//! Splitting a byte stream into CSV records exactly as `csv::Reader` does with the
//! settings ingest uses (comma, double quote, CR, LF or CRLF ending a record, blank lines
//! skipped, ragged rows allowed, a leading byte order mark dropped), but quicker on the
//! rows national files are made of. A record on one line whose quoted fields hold no
//! quotes themselves is split directly: one copy of the line, and each field's range in
//! it. Any other is handed to `csv_core`, the state machine `csv::Reader` runs itself.
//! Property tests check that both give the same records at the same byte positions,
//! however the input arrives.

use csv_core::{ReadRecordResult, Reader as CoreReader};
use std::io::Read;

/// One record: its fields' bytes (quotes taken off) and where it starts in the stream.
#[derive(Debug, Clone, Default)]
pub(crate) struct Record {
    data: Vec<u8>,
    /// Each field's range in `data`.
    fields: Vec<(usize, usize)>,
    /// The byte offset the record starts at, before the line ends that precede it (as
    /// `csv::Reader` places it).
    start: u64,
    /// `data` is the line as written, split at its commas (it had no quotes).
    plain: bool,
    /// The record was a line longer than [`MAX_LINE_BYTES`]: this many bytes were
    /// skipped, and it has no fields. 0 for every other record.
    overlong: u64,
    /// `data` is the line as written, with no quotes, not yet split (see
    /// [`Records::leave_plain_lines_whole`]): `fields` is empty until [`Record::split`].
    #[cfg(feature = "risk")]
    whole: bool,
}

impl Record {
    pub fn new() -> Record {
        Record::default()
    }

    fn clear(&mut self) {
        self.data.clear();
        self.fields.clear();
        self.plain = false;
        self.overlong = 0;
        #[cfg(feature = "risk")]
        {
            self.whole = false;
        }
    }

    /// The line, when the record is a line with no quotes left whole (not yet split).
    #[cfg(feature = "risk")]
    #[inline]
    pub fn whole_line(&self) -> Option<&[u8]> {
        self.whole.then_some(&self.data[..])
    }

    /// Splits a line left whole at its commas; other records are already split.
    #[cfg(feature = "risk")]
    pub fn split(&mut self) {
        if self.whole {
            self.whole = false;
            split_plain(&mut self.fields, &self.data);
        }
    }

    /// The bytes of a field, `None` past the last.
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        self.fields.get(i).map(|&(from, to)| &self.data[from..to])
    }

    /// The byte of field `i` when the field is exactly one byte long (the patient file's
    /// 0/1 cells).
    #[cfg(feature = "risk")]
    #[inline]
    pub fn single_byte(&self, i: usize) -> Option<u8> {
        let &(from, to) = self.fields.get(i)?;
        (to == from + 1).then(|| self.data[from])
    }

    /// Fields `first..first + count` as the line writes them, commas between them
    /// included, when the line had no quotes (so its only commas are separators).
    #[cfg(feature = "risk")]
    pub fn plain_span(&self, first: usize, count: usize) -> Option<&[u8]> {
        let &(from, _) = self.fields.get(first)?;
        let &(_, to) = self.fields.get((first + count).checked_sub(1)?)?;
        self.plain.then(|| &self.data[from..to])
    }

    /// The length in bytes of a line skipped for being longer than [`MAX_LINE_BYTES`].
    pub fn overlong(&self) -> Option<u64> {
        (self.overlong > 0).then_some(self.overlong)
    }

    /// The number of fields.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// The fields in order.
    pub fn iter(&self) -> impl Iterator<Item = &[u8]> + '_ {
        self.fields.iter().map(|&(from, to)| &self.data[from..to])
    }

    /// The byte offset the record starts at.
    pub fn start(&self) -> u64 {
        self.start
    }
}

impl std::ops::Index<usize> for Record {
    type Output = [u8];

    fn index(&self, i: usize) -> &[u8] {
        let (from, to) = self.fields[i];
        &self.data[from..to]
    }
}

/// How many bytes are asked of the input at a time (more when a record is longer).
const BUFFER_BYTES: usize = 64 * 1024;

/// The longest line read as a record: a thousand times the widest row of any national
/// file. A longer one (a file of nothing but commas) is skipped as it streams past, so
/// that memory stays bounded whatever the file holds.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// CSV records from a byte stream.
pub(crate) struct Records<R> {
    inner: R,
    buffer: Vec<u8>,
    /// The first byte of `buffer` not yet consumed.
    start: usize,
    /// The end of what `buffer` holds.
    end: usize,
    /// Offset in the stream of `buffer[start]`.
    offset: u64,
    /// The input has no more bytes.
    eof: bool,
    /// No more records: the end was reached.
    done: bool,
    /// The first read has been looked at for a byte order mark.
    started: bool,
    /// The last record read ended at a line end (not at the end of the input, as one
    /// does when the input ends inside a quoted value); true before any record.
    at_line_end: bool,
    /// Reads records with quotes, as `csv::Reader` would.
    core: CoreReader,
    fields: Vec<u8>,
    ends: Vec<usize>,
    /// Lines with no quotes are left whole, for the caller to split (or not).
    #[cfg(feature = "risk")]
    plain_lines_whole: bool,
}

impl<R: Read> Records<R> {
    pub fn new(inner: R) -> Records<R> {
        let mut core = CoreReader::new();
        // The core drops a byte order mark only on its first call; this reader drops
        // the file's own at the start, so the core must not drop one from a later record.
        // A line end read from the record start changes nothing else.
        let _ = core.read_record(b"\n", &mut [0; 1], &mut [0; 1]);
        Records {
            inner,
            buffer: vec![0; BUFFER_BYTES],
            start: 0,
            end: 0,
            offset: 0,
            eof: false,
            done: false,
            started: false,
            at_line_end: true,
            core,
            fields: vec![0; 1024],
            ends: vec![0; 64],
            #[cfg(feature = "risk")]
            plain_lines_whole: false,
        }
    }

    /// From now on, a record that is one line with no quotes is given whole
    /// ([`Record::whole_line`]), not split: the patient reader reads its usual rows
    /// without splitting all sixty-one cells, and calls [`Record::split`] for the rest.
    #[cfg(feature = "risk")]
    pub fn leave_plain_lines_whole(&mut self) {
        self.plain_lines_whole = true;
    }

    /// Records from a stream that goes on from a record end in a larger one (a piece of a
    /// file after the first): a byte order mark at its start is data, as it would be there.
    pub fn continuing(inner: R) -> Records<R> {
        Records {
            started: true,
            ..Records::new(inner)
        }
    }

    /// Whether the last record read ended at a line end rather than at the end of the
    /// input. A piece of a file cut inside a quoted value ends without one.
    pub fn ended_at_line_end(&self) -> bool {
        self.at_line_end
    }

    /// Reads once more from the input, after moving what is left to the front of the
    /// buffer (growing it when it is full). Sets `eof` when the input has ended.
    fn fill(&mut self) -> std::io::Result<()> {
        if self.start > 0 {
            self.buffer.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
        if self.end == self.buffer.len() {
            self.buffer.resize(self.buffer.len() * 2, 0);
        }
        let n = self.inner.read(&mut self.buffer[self.end..])?;
        self.end += n;
        self.eof = n == 0;
        Ok(())
    }

    fn consume(&mut self, n: usize) {
        self.start += n;
        self.offset += n as u64;
    }

    /// Reads the next record into `record`. `Ok(false)` at the end; an error only when
    /// the input cannot be read.
    pub fn read_record(&mut self, record: &mut Record) -> csv::Result<bool> {
        record.clear();
        record.start = self.offset;
        if self.done {
            return Ok(false);
        }
        if !self.started {
            if self.start == self.end {
                self.fill()?;
            }
            self.started = true;
            if self.buffer[self.start..self.end].starts_with(crate::text::UTF8_BOM) {
                self.consume(3);
            }
        }
        // How far from `start` the record end has been looked for.
        let mut searched = 0;
        loop {
            while self.start < self.end && matches!(self.buffer[self.start], b'\r' | b'\n') {
                self.consume(1);
                searched = 0;
            }
            if self.start == self.end {
                if self.eof {
                    self.done = true;
                    return Ok(false);
                }
                self.fill()?;
                continue;
            }
            let pending = &self.buffer[self.start..self.end];
            let length = match memchr::memchr2(b'\r', b'\n', &pending[searched..]) {
                Some(at) => searched + at,
                None if self.eof => pending.len(),
                None if pending.len() > MAX_LINE_BYTES => return self.skip_line(record),
                None => {
                    searched = pending.len();
                    self.fill()?;
                    continue;
                }
            };
            if length > MAX_LINE_BYTES {
                return self.skip_line(record);
            }
            #[cfg(feature = "risk")]
            if self.plain_lines_whole && memchr::memchr(b'"', &pending[..length]).is_none() {
                record.data.extend_from_slice(&pending[..length]);
                record.plain = true;
                record.whole = true;
                self.at_line_end = length < pending.len();
                self.consume((length + 1).min(pending.len()));
                return Ok(true);
            }
            if !split_line(&pending[..length], record) {
                record.clear();
                return self.read_quoted(record);
            }
            // The line end, when there is one, ends the record and is consumed with it.
            self.at_line_end = length < pending.len();
            self.consume((length + 1).min(pending.len()));
            return Ok(true);
        }
    }

    /// Passes over the rest of an overlong line without keeping it: the record gets its
    /// length and no fields.
    fn skip_line(&mut self, record: &mut Record) -> csv::Result<bool> {
        let mut skipped = 0u64;
        loop {
            let pending = &self.buffer[self.start..self.end];
            match memchr::memchr2(b'\r', b'\n', pending) {
                Some(at) => {
                    skipped += at as u64;
                    self.consume(at);
                    self.at_line_end = true;
                    break;
                }
                None => {
                    let all = pending.len();
                    skipped += all as u64;
                    self.consume(all);
                    if self.eof {
                        self.at_line_end = false;
                        break;
                    }
                    self.fill()?;
                }
            }
        }
        record.overlong = skipped.max(1);
        Ok(true)
    }

    /// Reads a record the quick way cannot through the core reader.
    fn read_quoted(&mut self, record: &mut Record) -> csv::Result<bool> {
        let (mut out, mut ended) = (0, 0);
        loop {
            // Handed nothing, the core ends the record at the end of the input.
            let at_end = self.start == self.end;
            let (result, read, written, fields_ended) = self.core.read_record(
                &self.buffer[self.start..self.end],
                &mut self.fields[out..],
                &mut self.ends[ended..],
            );
            self.consume(read);
            out += written;
            ended += fields_ended;
            match result {
                ReadRecordResult::InputEmpty => {
                    if !self.eof {
                        self.fill()?;
                    }
                }
                ReadRecordResult::OutputFull => {
                    let grown = self.fields.len() * 2;
                    self.fields.resize(grown, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let grown = self.ends.len() * 2;
                    self.ends.resize(grown, 0);
                }
                ReadRecordResult::Record => {
                    self.at_line_end = !at_end;
                    record.data.extend_from_slice(&self.fields[..out]);
                    let mut from = 0;
                    for &to in &self.ends[..ended] {
                        record.fields.push((from, to));
                        from = to;
                    }
                    return Ok(true);
                }
                ReadRecordResult::End => {
                    self.done = true;
                    return Ok(false);
                }
            }
        }
    }
}

/// Splits one line (without its line end) into `record` when every field is either
/// unquoted with no quote in it, or quoted with no quote inside and a comma or the line
/// end straight after the closing quote. `false` for any other line (the record is then
/// left part filled): a quote inside a field, a doubled quote, text after a closing
/// quote, or a quoted field running onto the next line.
fn split_line(line: &[u8], record: &mut Record) -> bool {
    record.data.extend_from_slice(line);
    if memchr::memchr(b'"', line).is_none() {
        split_plain(&mut record.fields, line);
        record.plain = true;
        return true;
    }
    split_quoted_line(line, record)
}

/// Splits a line with no quotes: every comma ends a field.
fn split_plain(fields: &mut Vec<(usize, usize)>, line: &[u8]) {
    fields.reserve(line.len() / 2 + 1);
    let mut start = 0;
    for_each_comma(line, |at| {
        fields.push((start, at));
        start = at + 1;
    });
    fields.push((start, line.len()));
}

/// Calls `comma` with the position of every comma in `line`, in order, eight bytes at
/// a time.
#[inline(always)]
fn for_each_comma(line: &[u8], mut comma: impl FnMut(usize)) {
    let mut words = line.chunks_exact(8);
    let mut offset = 0;
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        let mut found = zero_bytes(word ^ (ONES * u64::from(b',')));
        while found != 0 {
            comma(offset + (found.trailing_zeros() / 8) as usize);
            found &= found - 1;
        }
        offset += 8;
    }
    for (i, &b) in words.remainder().iter().enumerate() {
        if b == b',' {
            comma(offset + i);
        }
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;

/// The top bit of each byte of `x` that is zero, exactly (no borrow between bytes).
#[inline(always)]
fn zero_bytes(x: u64) -> u64 {
    !(((x & LOW7).wrapping_add(LOW7)) | x) & !LOW7
}

/// [`split_line`] for a line with quotes in it.
fn split_quoted_line(line: &[u8], record: &mut Record) -> bool {
    // The field being read starts here; a quoted one is open, or closed at `closed`.
    let mut start = 0;
    let mut open = false;
    let mut closed: Option<usize> = None;
    let mut split = |at: usize| -> Result<(), ()> {
        let b = line[at];
        if open {
            if b == b'"' {
                open = false;
                closed = Some(at);
            }
            return Ok(());
        }
        if let Some(close) = closed.take() {
            // Only a comma may follow a closing quote.
            if b != b',' || at != close + 1 {
                return Err(());
            }
            record.fields.push((start + 1, close));
        } else if b == b'"' {
            // A quote may only open a field.
            if at != start {
                return Err(());
            }
            open = true;
            return Ok(());
        } else {
            record.fields.push((start, at));
        }
        start = at + 1;
        Ok(())
    };
    if for_each_mark(line, &mut split).is_err() || open {
        return false;
    }
    match closed {
        Some(close) if close + 1 == line.len() => record.fields.push((start + 1, close)),
        Some(_) => return false,
        None => record.fields.push((start, line.len())),
    }
    true
}

/// Calls `mark` with the position of every comma and double quote in `line`, in order,
/// until it returns `Err`. Looks at eight bytes at a time: fields are short, so one
/// pass over the line beats searching afresh for each field's end.
fn for_each_mark(line: &[u8], mark: &mut impl FnMut(usize) -> Result<(), ()>) -> Result<(), ()> {
    let mut words = line.chunks_exact(8);
    let mut offset = 0;
    for word in &mut words {
        let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
        let mut found = zero_bytes(word ^ (ONES * u64::from(b',')))
            | zero_bytes(word ^ (ONES * u64::from(b'"')));
        while found != 0 {
            mark(offset + (found.trailing_zeros() / 8) as usize)?;
            found &= found - 1;
        }
        offset += 8;
    }
    for (i, &b) in words.remainder().iter().enumerate() {
        if b == b',' || b == b'"' {
            mark(offset + i)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use csv::ByteRecord;
    use proptest::prelude::*;

    /// Hands out the bytes in reads of at most `chunk` bytes.
    struct Chunked<'a> {
        data: &'a [u8],
        chunk: usize,
    }

    impl Read for Chunked<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.chunk.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    /// Hands out the bytes in reads of at most `chunk` bytes, then fails.
    struct Failing<'a>(Chunked<'a>);

    impl Read for Failing<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match self.0.read(buf)? {
                0 => Err(std::io::Error::other("the disk went away")),
                n => Ok(n),
            }
        }
    }

    type Found = Vec<(Vec<Vec<u8>>, u64)>;

    /// Records until the end or an error, and the error's message.
    fn until_error(
        mut next: impl FnMut(&mut ByteRecord) -> csv::Result<bool>,
    ) -> (Found, Option<String>) {
        let mut record = ByteRecord::new();
        let mut out = Vec::new();
        loop {
            match next(&mut record) {
                Ok(true) => {
                    let start = record.position().unwrap().byte();
                    out.push((record.iter().map(<[u8]>::to_vec).collect(), start));
                }
                Ok(false) => return (out, None),
                Err(error) => return (out, Some(error.to_string())),
            }
        }
    }

    /// `csv` itself reads nothing at all when its first read is exactly a byte order
    /// mark (`csv_core` takes the mark off, is left with no input and ends); this reader
    /// reads on. (Ingest takes the file's own mark off before either sees it.)
    fn csv_reads_nothing(data: &[u8], chunk: usize) -> bool {
        data.starts_with(crate::ingest::text::UTF8_BOM) && chunk.min(data.len()) == 3
    }

    fn with_csv(data: &[u8], chunk: usize) -> Found {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(Chunked { data, chunk });
        let mut record = ByteRecord::new();
        let mut out = Vec::new();
        while reader.read_byte_record(&mut record).unwrap() {
            let start = record.position().unwrap().byte();
            out.push((record.iter().map(<[u8]>::to_vec).collect(), start));
        }
        out
    }

    fn with_records(data: &[u8], chunk: usize) -> Found {
        let mut reader = Records::new(Chunked { data, chunk });
        let mut record = Record::new();
        let mut out = Vec::new();
        while reader.read_record(&mut record).unwrap() {
            out.push((record.iter().map(<[u8]>::to_vec).collect(), record.start()));
        }
        assert!(!reader.read_record(&mut record).unwrap());
        out
    }

    #[test]
    fn records_match_the_csv_reader() {
        for data in [
            &b""[..],
            b"\r\n\n",
            b"a,b\r\nc,d",
            b"a,\"b\r\nc\",d\r\ne,f\r\n",
            b"\xEF\xBB\xBFa,b\n\xEF\xBB\xBF\"c\",d\n",
            b"a\"b,\"c\"\"d\"e,\"f\n",
            b"x,y,\n\n,,\r\rz",
            b"\"a\",\"b\"\r\n\"\",x\n\"a\"b,c\n\"a\"\"b\",c\n\"x\ny\",z\n\"open",
            b"01JAN2024,C10000,\"PRACTICE 0, LEICESTER\",EMIS,\"NHS LLR - 04C\",GP,\r\n",
        ] {
            for chunk in [1, 2, 3, 7, 1 << 20] {
                if !csv_reads_nothing(data, chunk) {
                    assert_eq!(with_records(data, chunk), with_csv(data, chunk));
                }
            }
        }
        // A record longer than the buffer.
        let long = [
            vec![b'a'; BUFFER_BYTES * 3],
            b",b\n\"".to_vec(),
            vec![b'c'; BUFFER_BYTES * 2],
        ]
        .concat();
        assert_eq!(with_records(&long, 1 << 20), with_csv(&long, 1 << 20));
    }

    proptest! {
        #[test]
        fn a_failing_input_fails_where_the_csv_reader_does(
            bytes in proptest::collection::vec(
                prop::sample::select(vec![b'a', b',', b'"', b'\r', b'\n']),
                0..80,
            ),
            chunk in 1usize..20,
        ) {
            let data = &bytes[..];
            let mut csv = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(Failing(Chunked { data, chunk }));
            let mut ours = Records::new(Failing(Chunked { data, chunk }));
            let mut mine = Record::new();
            prop_assert_eq!(
                until_error(|r| {
                    let more = ours.read_record(&mut mine)?;
                    *r = mine.iter().collect();
                    r.set_position(Some(csv::Position::new().set_byte(mine.start()).clone()));
                    Ok(more)
                }),
                until_error(|r| csv.read_byte_record(r))
            );
        }

        #[test]
        fn any_input_splits_as_the_csv_reader_does(
            bytes in proptest::collection::vec(
                prop::sample::select(vec![b'a', b' ', b',', b'"', b'\r', b'\n', 0xEF, 0xBB, 0xBF]),
                0..120,
            ),
            chunk in 1usize..40,
        ) {
            prop_assume!(!csv_reads_nothing(&bytes, chunk));
            prop_assert_eq!(with_records(&bytes, chunk), with_csv(&bytes, chunk));
        }
    }
}
