//! Reading one large file as several pieces at once, then adding the pieces together:
//! the browser's ingest workers each read a piece, so that a national file of hundreds
//! of megabytes loads on every core, not one. Put together, the pieces give exactly what
//! reading the file whole gives — the same counts, report, lines and warnings (a property
//! test holds this).
//!
//! How: every worker makes the same [`Plan`] from the file's first bytes and a few bytes
//! at each cut, reads its piece with [`read_piece`], and one of them puts the pieces
//! together with [`merge`]. A file is cut only after a line feed. A cut that falls inside
//! a quoted value cannot be told until the pieces are read (the piece before it then ends
//! inside the quotes, not at a line end); then [`merge`] gives `None` and the file is read
//! whole.
//!
//! Only the appointments crosstabs are cut: they are the national files that run to
//! hundreds of megabytes, and their reader adds up ([`appointments::Counts`]).

use super::readers::appointments::{self, Counts};
use super::table::{CsvInput, CsvRows, Header, PieceReport, ReportBuilder};
use super::text::{decode_field, UTF8_BOM};
use super::{detect, first_record, refuse_unreadable};
use super::{Format, ReadFile};
use serde::{Deserialize, Serialize};
use std::io::{Cursor, Read};

pub use crate::csv_in::cuts::{Cuts, CUT_WINDOW_BYTES, SPLIT_AT_BYTES};

/// How an appointments crosstab is cut into pieces, and what every piece needs to know.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    format: Format,
    header: Vec<String>,
    cuts: Cuts,
}

impl Plan {
    /// The number of pieces.
    pub fn pieces(&self) -> usize {
        self.cuts.pieces()
    }

    /// The bytes of piece `index`: from (inclusive) and to (exclusive).
    pub fn range(&self, index: usize) -> (u64, u64) {
        self.cuts.range(index)
    }
}

/// Plans reading a file of `size` bytes in `workers` pieces, from its first bytes
/// (`head`, at least the header row) and `read_at(offset, length)`, which gives the
/// file's bytes from `offset`. `None` means read the file whole: it is small, not a
/// format that is cut, not plainly a CSV file, or a cut found no line end nearby.
pub fn plan(
    head: &[u8],
    size: u64,
    workers: usize,
    read_at: impl FnMut(u64, usize) -> Option<Vec<u8>>,
) -> Option<Plan> {
    if workers < 2 || size < SPLIT_AT_BYTES {
        return None;
    }
    let (format, header) = format_cut(head)?;
    let cuts = Cuts::find(head.len(), size, workers, read_at)?;
    Some(Plan {
        format,
        header,
        cuts,
    })
}

/// A plan that cuts the whole of `bytes` at `starts` (offsets after 0, increasing),
/// whatever its size: what the tests and the fuzzer compare with reading it whole.
/// `None` when the file is not one that is cut.
pub fn plan_at(bytes: &[u8], starts: &[u64]) -> Option<Plan> {
    let (format, header) = format_cut(bytes)?;
    let mut all = vec![0];
    all.extend(
        starts
            .iter()
            .copied()
            .filter(|&s| s > 0 && s < bytes.len() as u64),
    );
    all.sort_unstable();
    all.dedup();
    Some(Plan {
        format,
        header,
        cuts: Cuts::at(all, bytes.len() as u64),
    })
}

/// The format and header of a file that can be cut, from its first bytes.
fn format_cut(head: &[u8]) -> Option<(Format, Vec<String>)> {
    refuse_unreadable(head).ok()?;
    let mut input = CsvInput::new(head);
    let first = first_record(&mut input).ok()?;
    // A second record shows the header was whole within `head`.
    first_record(&mut input).ok()?;
    let header: Vec<String> = first.iter().map(|f| decode_field(f).into_owned()).collect();
    let format = detect(&header)?;
    // A header with a column twice is refused whole, never cut.
    if super::duplicated_column(&Header::new(header.clone())).is_some() {
        return None;
    }
    let countable = matches!(
        format,
        Format::AppointmentsPractice | Format::AppointmentsArea
    ) && crate::disclosure::screen_header(&header, false).is_none()
        && appointments::countable(format, &Header::new(header.clone()));
    countable.then_some((format, header))
}

/// What one piece of a file gives, to be put together with the others by [`merge`]
/// (and to pass between workers).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Piece {
    index: usize,
    /// Line ends in the piece: the next piece's lines are counted on from these.
    line_ends: u64,
    /// The piece's last row ended at a line end. When not, the cut after it fell inside
    /// a quoted value, and the next piece did not start at a row.
    ends_at_line_end: bool,
    report: PieceReport,
    counts: Option<Counts>,
}

/// Reads piece `index` of a file cut by `plan`; `reader` gives the piece's bytes (for
/// the first piece, from the start of the file, header and all).
pub fn read_piece(plan: &Plan, index: usize, mut reader: impl Read) -> Piece {
    let mut report = ReportBuilder::new("");
    let (counts, line_ends, ends_at_line_end) = if index == 0 {
        // As `read_file` does: a byte order mark taken off before the CSV reader, which
        // takes off one more. Then the header (and any blank lines before it).
        let mut start = Vec::with_capacity(UTF8_BOM.len());
        if (&mut reader)
            .take(UTF8_BOM.len() as u64)
            .read_to_end(&mut start)
            .is_err()
        {
            start.clear();
        }
        if start == UTF8_BOM {
            start.clear();
        }
        let mut input = CsvInput::new(Cursor::new(start).chain(reader));
        match first_record(&mut input) {
            Ok(_) => count(plan, input, &mut report),
            _ => (None, 0, true),
        }
    } else {
        count(plan, CsvInput::continuing(reader), &mut report)
    };
    Piece {
        index,
        line_ends,
        ends_at_line_end,
        report: report.into_piece(),
        counts,
    }
}

/// Counts a piece's rows after its header (if any): the counts, the line ends read, and
/// whether the last row ended at a line end.
fn count<R: Read>(
    plan: &Plan,
    input: CsvInput<R>,
    report: &mut ReportBuilder,
) -> (Option<Counts>, u64, bool) {
    let mut table = CsvRows::with_header(input, Header::new(plan.header.clone()));
    let counts = appointments::count(plan.format, &mut table, report);
    // The merge sees the refusal and keeps nothing of the file.
    if let Some(problem) = table.identifier_refusal() {
        report.push(problem);
    }
    (counts, table.line_ends(), table.ended_at_line_end())
}

/// Puts a file's pieces together into what reading it whole gives. `None` when a piece
/// is missing or a cut fell inside a quoted value: then read the file whole.
pub fn merge(file_name: &str, plan: &Plan, mut pieces: Vec<Piece>) -> Option<ReadFile> {
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
    let mut pieces = pieces.into_iter();
    let first = pieces.next()?;
    let mut report = ReportBuilder::new(file_name);
    report.append(first.report, 0);
    report.report.format = Some(plan.format.label().to_string());
    let mut counts = first.counts?;
    let mut line_offset = first.line_ends;
    for piece in pieces {
        report.append(piece.report, line_offset);
        counts.append(piece.counts?, line_offset);
        line_offset += piece.line_ends;
    }
    let extract = counts.finish(&mut report);
    Some(ReadFile::read(file_name, plan.format, report, extract))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::{read_file, Severity};
    use proptest::prelude::*;

    /// Reads `bytes` in pieces starting at `starts` (after 0), one after another, and
    /// puts them together.
    fn read_in_pieces(bytes: &[u8], starts: &[u64]) -> Option<ReadFile> {
        let plan = plan_at(bytes, starts)?;
        let pieces = (0..plan.pieces())
            .map(|i| {
                let (from, to) = plan.range(i);
                let piece = read_piece(&plan, i, &bytes[from as usize..to as usize]);
                // Pieces pass between workers as JSON.
                let json = serde_json::to_string(&piece).unwrap();
                serde_json::from_str(&json).unwrap()
            })
            .collect();
        merge("appointments.csv", &plan, pieces)
    }

    const HEADER: &str = "APPOINTMENT_MONTH_START_DATE,GP_CODE,GP_NAME,SUPPLIER,PCN_CODE,PCN_NAME,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,HCP_TYPE,APPT_MODE,NATIONAL_CATEGORY,TIME_BETWEEN_BOOK_AND_APPT,COUNT_OF_APPOINTMENTS,APPT_STATUS";

    /// One row: good mostly, with unknown modes and staff, bad codes and counts, and a
    /// stray year among the months.
    #[allow(clippy::too_many_arguments)]
    fn row(
        quirk: usize,
        practice: usize,
        month: usize,
        mode: usize,
        staff: usize,
        count: i64,
        status: usize,
    ) -> String {
        let months = [
            "01JAN2024",
            "01FEB2024",
            "01MAR2024",
            "01MAR1924",
            "JAN 2024?",
        ];
        let modes = [
            "Face-to-Face",
            "Telephone",
            "Video/Online",
            "Home Visit",
            "Unknown",
            "Carrier pigeon",
            "Smoke signal",
        ];
        let staff_types = ["GP", "Other Practice staff", "Unknown", "Robot"];
        let statuses = ["Attended", "DNA", "Unknown"];
        let code = if practice == 9 {
            "NOT A CODE".to_string()
        } else {
            format!("C8{practice:04}")
        };
        let name = match quirk {
            // A stray quote in an unquoted value: text, not the start of a quoted one.
            1 => format!("DR O\"BRIEN {practice}"),
            // A quoted value over two lines.
            2 => format!("\"PRACTICE {practice}\nON TWO LINES\""),
            _ => format!("\"PRACTICE {practice}, \"\"THE\"\" SURGERY\""),
        };
        // A byte order mark starting a line (files joined together): data, not a mark.
        let bom = if quirk == 3 { "\u{feff}" } else { "" };
        let count = if count == -7 {
            "lots".to_string()
        } else {
            count.to_string()
        };
        format!(
            "{bom}{},{code},{name},EMIS,U{:05},PCN {},04C,\"NHS Leicester - 04C\",{},{},General,Same Day,{count},{}",
            months[month % months.len()],
            practice % 3,
            practice % 3,
            staff_types[staff % staff_types.len()],
            modes[mode % modes.len()],
            statuses[status % statuses.len()],
        )
    }

    /// A generated row: quirk, practice, month, mode, staff, count, status, blank line after.
    type Spec = (usize, usize, usize, usize, usize, i64, usize, bool);

    /// A file of `rows`, with CRLF or LF line ends and blank lines where asked.
    fn file(rows: &[Spec], crlf: bool) -> Vec<u8> {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = format!("{HEADER}{end}");
        for &(quirk, p, m, mode, staff, count, status, blank_after) in rows {
            text.push_str(&row(quirk, p, m, mode, staff, count, status));
            text.push_str(end);
            if blank_after {
                text.push_str(end);
            }
        }
        text.into_bytes()
    }

    /// The byte after each line feed, where a file may be cut.
    fn line_starts(bytes: &[u8]) -> Vec<u64> {
        memchr::memchr_iter(b'\n', bytes)
            .map(|i| i as u64 + 1)
            .filter(|&s| s < bytes.len() as u64)
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn pieces_put_together_give_the_file_read_whole(
            rows in proptest::collection::vec(
                (
                    prop::sample::select(vec![0usize, 0, 0, 0, 0, 0, 1, 2, 3]),
                    0usize..10, 0usize..5, 0usize..7, 0usize..4, -8i64..500, 0usize..3,
                    proptest::bool::weighted(0.05),
                ),
                1..120,
            ),
            crlf in any::<bool>(),
            cut_picks in proptest::collection::vec(any::<prop::sample::Index>(), 1..4),
        ) {
            let bytes = file(&rows, crlf);
            let whole = read_file("appointments.csv", &bytes[..]);
            let candidates = line_starts(&bytes);
            let mut starts: Vec<u64> = cut_picks.iter().map(|i| candidates[i.index(candidates.len())]).collect();
            starts.sort();
            starts.dedup();
            match read_in_pieces(&bytes, &starts) {
                Some(pieces) => prop_assert_eq!(pieces, whole),
                // Only a cut inside a value over two lines sends the file to be read whole.
                None => prop_assert!(rows.iter().any(|r| r.0 == 2), "no cut fell inside quotes"),
            }
            // Without values over two lines, every cut at a line feed is a good one.
            if !rows.iter().any(|r| r.0 == 2) {
                prop_assert!(read_in_pieces(&bytes, &starts).is_some());
            }
        }
    }

    #[test]
    fn a_column_named_twice_refuses_the_file_whole_and_is_never_cut() {
        // The fuzzer (fuzz/, read_pieces) found the warning said once per piece; a file
        // whose figures could sit in either of two columns is now refused instead.
        let header = format!("{HEADER},APPT_MODE");
        let row = "01MAR2024,C82005,GROBY ROAD,EMIS,U87499,G3 PCN,04C,NHS LLR - 04C,GP,Face-to-Face,General Consultation Routine,Same Day,120,Attended,";
        let text = format!("{header}\n{row}\n{row}\n{row}\n");
        let bytes = text.as_bytes();
        let whole = read_file("appointments.csv", bytes);
        assert!(whole.report.refused());
        assert!(
            whole.report.problems[0].reason.contains(
                "'APPT_MODE' (column 10) and 'APPT_MODE' (column 15) read as the same name"
            ),
            "{:?}",
            whole.report.problems
        );
        let starts: Vec<u64> = memchr::memchr_iter(b'\n', bytes)
            .map(|i| i as u64 + 1)
            .collect();
        assert_eq!(read_in_pieces(bytes, &starts[1..3]), None);
    }

    #[test]
    fn listing_limits_and_warnings_once_hold_across_pieces() {
        // 2,500 rejected rows (more than are listed) and new modes in every piece.
        let rows: Vec<_> = (0..6000)
            .map(|i| {
                (
                    0,
                    i % 10,
                    i % 3,
                    i % 7,
                    i % 4,
                    if i % 12 == 0 { -7 } else { 5 },
                    i % 3,
                    false,
                )
            })
            .collect();
        let bytes = file(&rows, false);
        let whole = read_file("appointments.csv", &bytes[..]);
        assert!(whole.report.rows_rejected > 1_000);
        // The rows kept to hand back are exactly those whose rejection is listed.
        let listed: Vec<u64> = (whole.report.problems.iter())
            .filter(|p| p.severity == Severity::RowRejected)
            .filter_map(|p| p.line)
            .collect();
        let kept: Vec<u64> = whole.report.rejected_rows.iter().map(|r| r.line).collect();
        assert!(!kept.is_empty());
        assert_eq!(kept, listed);
        let candidates = line_starts(&bytes);
        let starts = [candidates[1000], candidates[1001], candidates[4000]];
        assert_eq!(read_in_pieces(&bytes, &starts), Some(whole));
    }

    #[test]
    fn a_cut_inside_a_quoted_value_means_reading_whole() {
        let text = format!(
            "{HEADER}\n01JAN2024,C80001,\"PRACTICE\nON TWO LINES\",EMIS,U00001,PCN,04C,NHS,GP,Telephone,General,Same Day,4,Attended\n01JAN2024,C80002,P,EMIS,U00001,PCN,04C,NHS,GP,Telephone,General,Same Day,5,Attended\n"
        );
        let bytes = text.as_bytes();
        let starts = line_starts(bytes);
        // starts[1] falls after "PRACTICE", inside the quotes; starts[2] after the row.
        assert_eq!(read_in_pieces(bytes, &starts[1..2]), None);
        assert_eq!(
            read_in_pieces(bytes, &starts[2..3]),
            Some(read_file("appointments.csv", bytes))
        );
    }

    #[test]
    fn a_stray_quote_before_a_cut_neither_hides_a_bad_cut_nor_makes_a_good_one_look_bad() {
        let stray = row(1, 1, 0, 0, 0, 5, 0);
        let normal = row(0, 2, 0, 0, 0, 6, 0);
        let two_lines = row(2, 3, 0, 0, 0, 7, 0);
        let text = format!("{HEADER}\n{stray}\n{two_lines}\n{normal}\n");
        let bytes = text.as_bytes();
        let starts = line_starts(bytes);
        // starts[2] falls inside the value over two lines; starts[3] after that row.
        assert_eq!(read_in_pieces(bytes, &starts[2..3]), None);
        let whole = read_file("appointments.csv", bytes);
        assert_eq!(read_in_pieces(bytes, &starts[1..2]), Some(whole.clone()));
        assert_eq!(read_in_pieces(bytes, &starts[3..4]), Some(whole));
    }

    #[test]
    fn byte_order_marks_are_taken_off_only_where_the_file_read_whole_takes_them_off() {
        let bom_row = row(3, 1, 0, 0, 0, 5, 0);
        let normal = row(0, 2, 0, 0, 0, 6, 0);
        // A mark starting a later piece is data (the month is then not read).
        let text = format!("{HEADER}\n{normal}\n{bom_row}\n{normal}\n");
        let bytes = text.as_bytes();
        let whole = read_file("appointments.csv", bytes);
        assert_eq!(whole.report.rows_rejected, 1);
        let starts = line_starts(bytes);
        assert_eq!(read_in_pieces(bytes, &starts[1..2]), Some(whole));
        // Two marks at the start of the file: both go, read whole or in pieces.
        let text = format!("\u{feff}\u{feff}{HEADER}\n{normal}\n{normal}\n");
        let bytes = text.as_bytes();
        let starts = line_starts(bytes);
        assert_eq!(
            read_in_pieces(bytes, &starts[1..2]),
            Some(read_file("appointments.csv", bytes))
        );
    }

    #[test]
    fn only_large_crosstabs_are_cut_and_only_after_a_line_feed() {
        let one_row = row(0, 1, 0, 0, 0, 5, 0) + "\n";
        let header = format!("{HEADER}\n");
        let size = SPLIT_AT_BYTES + 10_000;
        // A virtual file: the header, then the same row over and over.
        let byte_at = |i: u64| -> u8 {
            let h = header.len() as u64;
            if i < h {
                header.as_bytes()[i as usize]
            } else {
                one_row.as_bytes()[((i - h) % one_row.len() as u64) as usize]
            }
        };
        let read_at = |offset: u64, len: usize| -> Option<Vec<u8>> {
            Some(
                (offset..(offset + len as u64).min(size))
                    .map(byte_at)
                    .collect(),
            )
        };
        let head = read_at(0, 64 * 1024).unwrap();
        let plan = plan(&head, size, 3, read_at).expect("a large crosstab is cut");
        assert_eq!(plan.pieces(), 3);
        assert_eq!(plan.range(0).0, 0);
        assert_eq!(plan.range(2).1, size);
        for i in 1..3 {
            let (from, _) = plan.range(i);
            assert_eq!(byte_at(from - 1), b'\n');
            assert_eq!(plan.range(i - 1).1, from);
        }
        assert_eq!(plan.format, Format::AppointmentsPractice);
        // Small files, one worker, and other formats are read whole.
        assert!(super::plan(&head, SPLIT_AT_BYTES - 1, 3, read_at).is_none());
        assert!(super::plan(&head, size, 1, read_at).is_none());
        let registrations = b"EXTRACT_DATE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS\n01JAN2021,C82001,LE1 1AA,ALL,ALL,5000\n";
        assert!(super::plan(registrations, size, 3, read_at).is_none());
        // No line end near a cut: read whole.
        assert!(super::plan(&head, size, 3, |_, len| Some(vec![b'x'; len])).is_none());
    }
}
