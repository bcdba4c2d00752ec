//! Reading a large patient file as pieces at once, then putting the pieces together: the
//! Risk page's workers each read a piece, so that a file of a million patients is parsed
//! on every core, not one. Put together, the pieces give exactly what
//! [`read_patients`](super::patients::read_patients) gives for the whole file — the same
//! table, lines, report and problems (a property test holds this).
//!
//! As for the appointments crosstab ([`crate::ingest::pieces`]): every worker makes the
//! same [`PatientPlan`] from the file's first bytes and a few bytes at each cut, reads its
//! piece with [`read_piece`], and one worker puts the pieces together with [`merge`]. The
//! rules that need every row (a patient id seen twice, the count of problems not listed)
//! run once, in the merge, and so does the identifier screen's verdict (every piece
//! screens every value; the screens add up). A cut
//! that falls inside a quoted value shows when the piece before it does not end at a line
//! end; [`merge`] then gives `None` and the file is read whole.
//!
//! A piece passes from worker to worker as bytes ([`PatientPiece::to_bytes`]): its
//! columns as they are held, so that half a million patients cost a copy, not a parse.

use super::patients::{
    finish, read_header, read_rows, PatientSchema, PatientTable, RowsRead, Sex, FORMAT, MAX_AGE,
};
use super::score::ConditionSet;
use crate::csv_in::cuts::Cuts;
use crate::csv_in::records::Record;
use crate::csv_in::CsvInput;
use crate::report::{FileReport, Problem};
use serde::{Deserialize, Serialize};
use std::io::Read;

/// How a patient file is cut into pieces, and the schema every piece is read with.
#[derive(Debug, Clone, PartialEq)]
pub struct PatientPlan {
    schema: PatientSchema,
    /// The header's warnings, given once in the merged report.
    warnings: Vec<Problem>,
    cuts: Cuts,
}

impl PatientPlan {
    /// The number of pieces.
    pub fn pieces(&self) -> usize {
        self.cuts.pieces()
    }

    /// The bytes of piece `index`: from (inclusive) and to (exclusive).
    pub fn range(&self, index: usize) -> (u64, u64) {
        self.cuts.range(index)
    }
}

/// Plans reading a patient file of `size` bytes in `workers` pieces, from its first bytes
/// (`head`) and `read_at(offset, length)`, which gives the file's bytes from `offset`.
/// `None` means read the file whole: it is small, not a patient file, its header and
/// first row are not both within `head`, or a cut found no line end nearby.
pub fn plan(
    head: &[u8],
    size: u64,
    workers: usize,
    read_at: impl FnMut(u64, usize) -> Option<Vec<u8>>,
) -> Option<PatientPlan> {
    let mut input = CsvInput::new(head);
    let (schema, warnings) = read_header(&mut input).ok()?;
    // A row after the header shows the header ended within `head`.
    let mut record = Record::new();
    if !input.reader.read_record(&mut record).ok()? {
        return None;
    }
    let cuts = Cuts::find(head.len(), size, workers, read_at)?;
    Some(PatientPlan {
        schema,
        warnings,
        cuts,
    })
}

/// What one piece of a patient file gives, to be put together with the others by
/// [`merge`] (and to pass between workers as [bytes](PatientPiece::to_bytes)).
#[derive(Debug, Clone, PartialEq)]
pub struct PatientPiece {
    index: usize,
    /// Line ends in the piece: the next piece's lines are counted on from these.
    line_ends: u64,
    /// The piece's last row ended at a line end. When not, the cut after it fell inside
    /// a quoted value, and the next piece did not start at a row.
    ends_at_line_end: bool,
    rows: RowsRead,
}

/// Reads piece `index` of a patient file cut by `plan`; `reader` gives the piece's bytes
/// (for the first piece, from the start of the file, header and all).
pub fn read_piece(plan: &PatientPlan, index: usize, reader: impl Read) -> PatientPiece {
    let (mut input, first) = if index == 0 {
        (CsvInput::new(reader), true)
    } else {
        (CsvInput::continuing(reader), false)
    };
    let header = if first {
        read_header(&mut input).map(|_| ())
    } else {
        Ok(())
    };
    let rows = match header {
        Ok(()) => read_rows(&plan.schema, &mut input),
        Err(problem) => RowsRead {
            stopped: Some(problem),
            ..RowsRead::default()
        },
    };
    let line_ends = input.breaks.borrow().line_ends();
    PatientPiece {
        index,
        line_ends,
        ends_at_line_end: input.reader.ended_at_line_end(),
        rows,
    }
}

/// Puts a patient file's pieces together into what reading it whole gives. `None` when a
/// piece is missing or a cut fell inside a quoted value: then read the file whole.
pub fn merge(
    file_name: &str,
    plan: &PatientPlan,
    mut pieces: Vec<PatientPiece>,
) -> Option<(PatientTable, FileReport)> {
    pieces.sort_by_key(|p| p.index);
    let in_order = pieces.iter().enumerate().all(|(i, p)| p.index == i);
    if !in_order || pieces.len() != plan.pieces() {
        return None;
    }
    if pieces[..pieces.len() - 1]
        .iter()
        .any(|piece| !piece.ends_at_line_end)
    {
        return None;
    }
    let mut report = FileReport::new(file_name);
    report.format = Some(FORMAT.to_string());
    report.problems.extend(plan.warnings.iter().cloned());
    let mut line_offset = 0;
    let parts = pieces
        .into_iter()
        .map(|piece| {
            let part = (piece.rows, line_offset);
            line_offset += piece.line_ends;
            part
        })
        .collect();
    Some(finish(report, &plan.schema, parts))
}

/// What a piece says besides its table, passed as JSON inside the bytes.
#[derive(Serialize, Deserialize)]
struct Summary {
    index: usize,
    line_ends: u64,
    ends_at_line_end: bool,
    rows_read: u64,
    rows_rejected: u64,
    problems: super::patients::RowProblems,
    empty_cells: u64,
    screen: crate::disclosure::IdentifierScreen,
    stopped: Option<Problem>,
}

/// The first bytes of a piece's bytes, with the version of their layout.
const MAGIC: &[u8; 8] = b"PCAPIEC1";

impl PatientPiece {
    /// The piece as bytes: [`MAGIC`], the summary as length-prefixed JSON, then the table
    /// column by column, numbers little-endian.
    pub fn to_bytes(&self) -> Vec<u8> {
        let rows = &self.rows;
        let summary = Summary {
            index: self.index,
            line_ends: self.line_ends,
            ends_at_line_end: self.ends_at_line_end,
            rows_read: rows.rows_read,
            rows_rejected: rows.rows_rejected,
            problems: rows.problems.clone(),
            empty_cells: rows.empty_cells,
            screen: rows.screen.clone(),
            stopped: rows.stopped.clone(),
        };
        // A summary of plain numbers and strings always serialises.
        let json = serde_json::to_vec(&summary).unwrap_or_default();
        let table = &rows.table;
        let n = table.ages.len();
        let mut out = Writer(Vec::with_capacity(
            json.len() + n * 40 + table.id_text.len(),
        ));
        out.0.extend_from_slice(MAGIC);
        out.bytes(&json);
        out.u64(table.columns_present.0);
        out.u64(n as u64);
        out.bytes(table.id_text.as_bytes());
        for &end in &table.id_ends {
            out.u64(end as u64);
        }
        out.u64(table.practices.len() as u64);
        for code in &table.practices {
            out.bytes(code.as_bytes());
        }
        for &practice in &table.practice_of {
            out.0.extend_from_slice(&practice.to_le_bytes());
        }
        out.0.extend_from_slice(&table.ages);
        out.0.extend(table.sexes.iter().map(|&sex| sex as u8));
        for conditions in &table.conditions {
            out.u64(conditions.0);
        }
        out.0.extend_from_slice(&table.deprivation);
        for &line in &table.lines {
            out.u64(line);
        }
        out.0
    }

    /// Reads a piece from [`to_bytes`](Self::to_bytes); `Err` says what was wrong.
    pub fn from_bytes(bytes: &[u8]) -> Result<PatientPiece, String> {
        let mut input = Reader(bytes);
        if input.take(MAGIC.len())? != MAGIC {
            return Err("not a piece of a patient file".to_string());
        }
        let summary: Summary = serde_json::from_slice(input.bytes()?)
            .map_err(|e| format!("the piece's summary could not be read: {e}"))?;
        let columns_present = ConditionSet(input.u64()?);
        let n = usize::try_from(input.u64()?).map_err(|_| "too many patients".to_string())?;
        let id_text = String::from_utf8(input.bytes()?.to_vec())
            .map_err(|_| "the patient ids are not text".to_string())?;
        let id_ends = input.u64s(n)?;
        let id_ends: Vec<usize> = id_ends.into_iter().map(|end| end as usize).collect();
        let ids_fit = id_ends.iter().try_fold(0, |start, &end| {
            (start <= end && id_text.is_char_boundary(end)).then_some(end)
        });
        if ids_fit.is_none() {
            return Err("the patient ids do not fit their text".to_string());
        }
        let practice_count = input.u64()?;
        let mut table = PatientTable::new(columns_present);
        for _ in 0..practice_count {
            let code = std::str::from_utf8(input.bytes()?)
                .map_err(|_| "a practice code is not text".to_string())?;
            let index = table.practices.len() as u32;
            table.practice_lookup.insert(code.to_string(), index);
            table.practices.push(code.to_string());
        }
        let practice_of: Vec<u32> = input
            .take(n.checked_mul(4).ok_or("too many patients")?)?
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes(<[u8; 4]>::try_from(c).unwrap_or_default()))
            .collect();
        if practice_of.iter().any(|&p| p as u64 >= practice_count) {
            return Err("a patient's practice is not among the piece's practices".to_string());
        }
        let ages = input.take(n)?.to_vec();
        if ages.iter().any(|&age| age > MAX_AGE) {
            return Err(format!("an age is over {MAX_AGE}"));
        }
        let sexes = input
            .take(n)?
            .iter()
            .map(|&b| match b {
                0 => Ok(Sex::Female),
                1 => Ok(Sex::Male),
                2 => Ok(Sex::Other),
                _ => Err("a sex is not one known".to_string()),
            })
            .collect::<Result<Vec<Sex>, String>>()?;
        let conditions = input.u64s(n)?.into_iter().map(ConditionSet).collect();
        let deprivation = input.take(n)?.to_vec();
        if deprivation.iter().any(|&q| q > 5) {
            return Err("a deprivation quintile is over 5".to_string());
        }
        let lines = input.u64s(n)?;
        if !input.0.is_empty() {
            return Err("the piece has bytes left over".to_string());
        }
        table.id_text = id_text;
        table.id_ends = id_ends;
        table.practice_of = practice_of;
        table.ages = ages;
        table.sexes = sexes;
        table.conditions = conditions;
        table.deprivation = deprivation;
        table.lines = lines;
        Ok(PatientPiece {
            index: summary.index,
            line_ends: summary.line_ends,
            ends_at_line_end: summary.ends_at_line_end,
            rows: RowsRead {
                table,
                rows_read: summary.rows_read,
                rows_rejected: summary.rows_rejected,
                problems: summary.problems,
                empty_cells: summary.empty_cells,
                screen: summary.screen,
                stopped: summary.stopped,
            },
        })
    }

    /// Which piece of the file this is (0 for the first).
    pub fn index(&self) -> usize {
        self.index
    }
}

/// Bytes being written.
struct Writer(Vec<u8>);

impl Writer {
    fn u64(&mut self, value: u64) {
        self.0.extend_from_slice(&value.to_le_bytes());
    }

    /// Length-prefixed bytes.
    fn bytes(&mut self, bytes: &[u8]) {
        self.u64(bytes.len() as u64);
        self.0.extend_from_slice(bytes);
    }
}

/// Bytes being read: each read checks there are enough left.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if n > self.0.len() {
            return Err("the piece ends too soon".to_string());
        }
        let (taken, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(taken)
    }

    fn u64(&mut self) -> Result<u64, String> {
        Ok(self.u64s(1)?.first().copied().unwrap_or_default())
    }

    fn u64s(&mut self, n: usize) -> Result<Vec<u64>, String> {
        let bytes = self.take(n.checked_mul(8).ok_or("too many numbers")?)?;
        Ok(bytes
            .chunks_exact(8)
            .map(|c| u64::from_le_bytes(<[u8; 8]>::try_from(c).unwrap_or_default()))
            .collect())
    }

    /// Length-prefixed bytes.
    fn bytes(&mut self) -> Result<&'a [u8], String> {
        let n = usize::try_from(self.u64()?).map_err(|_| "a length is too large".to_string())?;
        self.take(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::conditions::condition_columns;
    use crate::risk::patients::read_patients;
    use proptest::prelude::*;

    /// A header with some condition columns only (the others are reported missing).
    fn header() -> String {
        let conditions: Vec<&str> = condition_columns().take(3).collect();
        format!(
            "patient_id,practice_code,age,sex,deprivation_quintile,{}",
            conditions.join(",")
        )
    }

    /// One row: good mostly, with bad ages, short rows, empty cells, values over two
    /// lines, stray quotes and ids that repeat.
    fn row(quirk: usize, id: usize, practice: usize, age: usize, marks: usize) -> String {
        let (a, b, c) = (marks & 1, (marks >> 1) & 1, (marks >> 2) & 1);
        let sex = ["F", "M", "U"][id % 3];
        let quintile = 1 + id % 5;
        match quirk {
            1 => format!("S{id},C8{practice:04},old,{sex},{quintile},{a},{b},{c}"),
            2 => {
                format!("\"S{id}\nSECOND LINE\",C8{practice:04},{age},{sex},{quintile},{a},{b},{c}")
            }
            3 => format!("S{id},C8{practice:04},{age}"),
            4 => format!("S{id},C8{practice:04},{age},{sex},{quintile},,{b},"),
            5 => format!("S{id},C8{practice:04},{age},{sex},9,{a},{b},{c}"),
            6 => format!("S\"{id},C8{practice:04},{age},{sex},{quintile},{a},{b},{c}"),
            7 => format!("S{id},\"C8,{practice}\",{age},{sex},{quintile},{a},{b},{c}"),
            _ => format!("S{id},C8{practice:04},{age},{sex},{quintile},{a},{b},{c}"),
        }
    }

    /// A generated row: quirk, id, practice, age, marks, blank line after.
    type Spec = (usize, usize, usize, usize, usize, bool);

    /// Good rows before the generated ones (a cut never falls among them).
    const LEADING_ROWS: usize = 100;

    /// The leading rows (all good), then `rows`, with CRLF or LF line ends, blank lines
    /// where asked and perhaps a byte order mark.
    fn file(rows: &[Spec], crlf: bool, bom: bool) -> Vec<u8> {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = format!("{}{}{end}", if bom { "\u{feff}" } else { "" }, header());
        for i in 0..=LEADING_ROWS {
            text.push_str(&row(0, 10_000 + i, i % 4, 40, i));
            text.push_str(end);
        }
        for &(quirk, id, practice, age, marks, blank_after) in rows {
            text.push_str(&row(quirk, id, practice, age, marks));
            text.push_str(end);
            if blank_after {
                text.push_str(end);
            }
        }
        text.into_bytes()
    }

    /// The byte after each line feed past the leading rows, where a file may be cut.
    fn line_starts(bytes: &[u8]) -> Vec<u64> {
        memchr::memchr_iter(b'\n', bytes)
            .skip(LEADING_ROWS + 2)
            .map(|i| i as u64 + 1)
            .filter(|&s| s < bytes.len() as u64)
            .collect()
    }

    fn plan_at(bytes: &[u8], starts: &[u64]) -> PatientPlan {
        let (schema, warnings) = read_header(&mut CsvInput::new(bytes)).expect("a patient file");
        let mut all = vec![0];
        all.extend_from_slice(starts);
        PatientPlan {
            schema,
            warnings,
            cuts: Cuts::at(all, bytes.len() as u64),
        }
    }

    /// Reads `bytes` in pieces starting at `starts` (after 0), one after another, each
    /// passed through bytes as between workers, and puts them together.
    fn read_in_pieces(bytes: &[u8], starts: &[u64]) -> Option<(PatientTable, FileReport)> {
        let plan = plan_at(bytes, starts);
        let pieces = (0..plan.pieces())
            .map(|i| {
                let (from, to) = plan.range(i);
                let piece = read_piece(&plan, i, &bytes[from as usize..to as usize]);
                let passed = PatientPiece::from_bytes(&piece.to_bytes()).expect("read back");
                assert_eq!(passed, piece);
                passed
            })
            .collect();
        merge("patients.csv", &plan, pieces)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn pieces_put_together_give_the_file_read_whole(
            rows in proptest::collection::vec(
                (
                    prop::sample::select(vec![0usize, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7]),
                    0usize..300, 0usize..12, 0usize..130, 0usize..8,
                    proptest::bool::weighted(0.05),
                ),
                1..150,
            ),
            crlf in any::<bool>(),
            bom in any::<bool>(),
            cut_picks in proptest::collection::vec(any::<prop::sample::Index>(), 1..4),
        ) {
            let bytes = file(&rows, crlf, bom);
            let whole = read_patients("patients.csv", &bytes[..]);
            let candidates = line_starts(&bytes);
            prop_assume!(!candidates.is_empty());
            let mut starts: Vec<u64> = cut_picks.iter().map(|i| candidates[i.index(candidates.len())]).collect();
            starts.sort();
            starts.dedup();
            match read_in_pieces(&bytes, &starts) {
                Some(pieces) => prop_assert_eq!(pieces, whole),
                // Only a cut inside a value over two lines sends the file to be read whole.
                None => prop_assert!(rows.iter().any(|r| r.0 == 2), "no cut fell inside quotes"),
            }
            if !rows.iter().any(|r| r.0 == 2) {
                prop_assert!(read_in_pieces(&bytes, &starts).is_some());
            }
        }
    }

    #[test]
    fn listing_limits_and_repeated_ids_hold_across_pieces() {
        // 3,000 bad ages (more than are listed) and ids repeated across the cuts.
        let rows: Vec<Spec> = (0..9000)
            .map(|i| {
                (
                    if i % 3 == 0 { 1 } else { 0 },
                    i % 7000,
                    i % 9,
                    50,
                    i,
                    false,
                )
            })
            .collect();
        let bytes = file(&rows, false, false);
        let whole = read_patients("patients.csv", &bytes[..]);
        // 3,000 bad ages, then the later rows of repeated ids (unlisted, counted).
        assert!(whole.1.rows_rejected > 3_500, "{}", whole.1.rows_rejected);
        assert!(whole
            .1
            .problems
            .iter()
            .any(|p| p.reason.contains("further row problems")));
        let candidates = line_starts(&bytes);
        let starts = [candidates[1000], candidates[1001], candidates[8000]];
        assert_eq!(read_in_pieces(&bytes, &starts), Some(whole));
    }

    #[test]
    fn an_identifier_in_the_first_rows_refuses_the_file_read_in_pieces() {
        // Column "sex" holding NHS numbers (943 476 5919 passes the Modulus 11 check).
        let mut text = format!("{}\n", header());
        for i in 0..300 {
            text.push_str(&format!("S{i},C80001,40,9434765919,1,0,0,0\n"));
        }
        let bytes = text.as_bytes();
        let whole = read_patients("patients.csv", bytes);
        assert!(whole.1.refused());
        let starts = [line_starts(bytes)[50]];
        assert_eq!(read_in_pieces(bytes, &starts), Some(whole));
    }

    #[test]
    fn a_cut_inside_a_quoted_value_means_reading_whole() {
        let bytes = file(
            &[(2, 1, 1, 40, 0, false), (0, 2, 1, 40, 0, false)],
            false,
            false,
        );
        let starts = line_starts(&bytes);
        // starts[0] falls inside the quotes; starts[1] after the row.
        assert_eq!(read_in_pieces(&bytes, &starts[..1]), None);
        assert_eq!(
            read_in_pieces(&bytes, &starts[1..2]),
            Some(read_patients("patients.csv", &bytes[..]))
        );
    }

    #[test]
    fn plans_cut_large_patient_files_after_line_ends_past_the_head() {
        let rows: Vec<Spec> = (0..1_300_000)
            .map(|i| (0, i, i % 50, 60, i, false))
            .collect();
        let bytes = file(&rows, true, false);
        assert!(bytes.len() as u64 > crate::csv_in::cuts::SPLIT_AT_BYTES);
        let read_at = |offset: u64, length: usize| {
            let end = (offset as usize + length).min(bytes.len());
            Some(bytes[offset as usize..end].to_vec())
        };
        let head = &bytes[..crate::csv_in::cuts::CUT_WINDOW_BYTES];
        let plan = plan(head, bytes.len() as u64, 3, read_at).expect("a plan");
        assert_eq!(plan.pieces(), 3);
        // (Reading the pieces is checked by the property test, and at full size by the
        // risk_bench example.)
        for i in 1..3 {
            let (from, _) = plan.range(i);
            assert_eq!(bytes[from as usize - 1], b'\n');
            assert!(from > head.len() as u64);
        }
        // Not when the head holds no row after the header, or the file is small.
        let header_end = memchr::memchr(b'\n', &bytes).unwrap() + 1;
        assert!(super::plan(&bytes[..header_end], bytes.len() as u64, 3, read_at).is_none());
        assert!(super::plan(&bytes[..header_end + 10], bytes.len() as u64, 3, read_at).is_some());
        assert!(super::plan(head, 1_000_000, 3, read_at).is_none());
        assert!(super::plan(head, bytes.len() as u64, 1, read_at).is_none());
    }

    #[test]
    fn damaged_bytes_are_refused_not_trusted() {
        let bytes = file(
            &[(0, 1, 1, 40, 3, false), (1, 2, 1, 40, 0, false)],
            false,
            false,
        );
        let plan = plan_at(&bytes, &[]);
        let good = read_piece(&plan, 0, &bytes[..]).to_bytes();
        assert!(PatientPiece::from_bytes(&good).is_ok());
        for length in [0, 4, 8, 20, good.len() / 2, good.len() - 1] {
            assert!(
                PatientPiece::from_bytes(&good[..length]).is_err(),
                "{length}"
            );
        }
        let mut longer = good.clone();
        longer.push(0);
        assert!(PatientPiece::from_bytes(&longer).is_err());
        // An age byte of 200: the ages follow the practice indexes, 102 patients in all.
        let mut bad_age = good.clone();
        let ages_at = good.len() - 102 * (8 + 1 + 8 + 1 + 1);
        bad_age[ages_at] = 200;
        assert_eq!(
            PatientPiece::from_bytes(&bad_age),
            Err(format!("an age is over {MAX_AGE}"))
        );
    }
}
