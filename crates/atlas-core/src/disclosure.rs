//! Every rule about people, in one place: which columns and values identify a person,
//! which column names a pseudonymous patient id may have, and which counts are too small
//! to publish. Every reader calls it: [`crate::ingest::read_file`] for every format (the
//! header, then every value of every row), the patient reader and `pcatlas risk` (the
//! same, with the patient-level rules), and [`crate::bundle`] (small counts).
//!
//! The identifier rules, as the Methods page and PATIENTS.md state them:
//! - **Names, dates of birth, NHS numbers by their header**, in any file: a column
//!   called `first_name`, `surname`, `dob`, `date_of_birth`, `nhs_number`, `nhs_num`
//!   and the like (see [`identifier_header`]); in a patient-level file also `name`.
//! - **NHS numbers by their value**, in any file and any column: one value that is ten
//!   digits passing the Modulus 11 check is enough, written plain (`9434765919`), in
//!   groups of 3, 3 and 4 with spaces or hyphens (`943 476 5919`, `943-476-5919`),
//!   after Excel's force-text apostrophe (`'9434765919`) or inside quotes. (About 1 in
//!   11 random ten-digit numbers passes the check: a pseudonym must not be ten digits.)
//! - **Dates**, in a patient-level file: one value that is a full calendar date (day,
//!   month and year, `1950-01-01`, `01/01/1950`) in any column. Beside a person, a date
//!   may be their date of birth; ages are given in whole years.
//! - **Full postcodes**, in a patient-level file: a column with a full postcode
//!   (`LE1 6AS`) in 1 row in 20 or more; a postcode district (`LE1`) is fine.
//!
//! Every row is screened, not a sample. A file with an identifier is refused whole: the
//! refusal names the file, the column and the line of the first one, never the value,
//! and nothing of the file is kept (no rows, no rejected rows, nothing stored).

use crate::report::{Problem, Severity};
use crate::text::normalise_header;
use serde::{Deserialize, Serialize};

/// The disclosure-control rule: what a published figure never shows.
pub const SUPPRESSION_RULE: &str = "Counts from 1 to 4, and any figure derived from them, are \
suppressed: the numerator of a proportion or rate between 1 and 4 hides the value, its \
intervals and its comparison.";

/// True when a count must be suppressed: 1 ≤ count ≤ 4 ([`SUPPRESSION_RULE`]).
pub fn is_suppressed(count: Option<f64>) -> bool {
    count.is_some_and(|n| (1.0..=4.0).contains(&n))
}

/// A count of people as it may be shown: `None` (suppressed) from 1 to 4; 0 and 5 or
/// more as they are ([`SUPPRESSION_RULE`]).
pub fn suppress_small(count: u64) -> Option<u64> {
    (!is_suppressed(Some(count as f64))).then_some(count)
}

/// The names a pseudonymous patient-id column may have (normalised: lower case,
/// underscores). The first is the canonical one.
pub const PATIENT_ID_COLUMNS: [&str; 6] = [
    "patient_id",
    "pseudo_id",
    "pseudonym",
    "pseudo_nhs_number",
    "patient_pseudonym",
    "pseudonymised_id",
];

/// Headers that are people's names in any file.
const NAME_HEADERS: &[&str] = &[
    "forename",
    "forenames",
    "first_name",
    "firstname",
    "given_name",
    "given_names",
    "middle_name",
    "middle_names",
    "surname",
    "last_name",
    "lastname",
    "family_name",
    "full_name",
    "fullname",
    "patient_name",
];

/// Headers that are people's names in a patient-level file (elsewhere `name` is a
/// practice's or an indicator's).
const PATIENT_NAME_HEADERS: &[&str] = &["name", "names"];

/// Headers that are dates of birth.
const DOB_HEADERS: &[&str] = &["dob", "d_o_b", "date_of_birth", "birth_date", "birthdate"];

/// Headers that are NHS numbers.
const NHS_NUMBER_HEADERS: &[&str] = &["nhs_number", "nhs_no", "nhsnumber", "nhs_num"];

/// A kind of direct identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Identifier {
    PersonName,
    DateOfBirth,
    NhsNumber,
    FullDate,
    FullPostcode,
}

impl Identifier {
    /// What the column looks like, in words, with what to do instead.
    fn what(self) -> &'static str {
        match self {
            Identifier::PersonName => "people's names",
            Identifier::DateOfBirth => "dates of birth (give age in whole years instead)",
            Identifier::NhsNumber => {
                "NHS numbers (ten digits passing the Modulus 11 check; use a pseudonymous patient_id instead)"
            }
            Identifier::FullDate => {
                "dates, which beside a person may be dates of birth (give age in whole years instead)"
            }
            Identifier::FullPostcode => {
                "full postcodes (a postcode district such as LE1 alone is fine)"
            }
        }
    }
}

/// The identifier a header names, if any (see the module's rules).
pub fn identifier_header(name: &str, patient_level: bool) -> Option<Identifier> {
    let key = normalise_header(name.trim_start_matches('\u{feff}'));
    let key = key.as_str();
    if NAME_HEADERS.contains(&key) || (patient_level && PATIENT_NAME_HEADERS.contains(&key)) {
        Some(Identifier::PersonName)
    } else if DOB_HEADERS.contains(&key) {
        Some(Identifier::DateOfBirth)
    } else if NHS_NUMBER_HEADERS.contains(&key) {
        Some(Identifier::NhsNumber)
    } else {
        None
    }
}

/// True for a pseudonymous patient-id column's name ([`PATIENT_ID_COLUMNS`]).
pub fn is_patient_id_column(name: &str) -> bool {
    PATIENT_ID_COLUMNS.contains(&normalise_header(name.trim_start_matches('\u{feff}')).as_str())
}

/// The refusal of a file because of `column`; `line` is where the first identifier
/// is (the header's line 1 for a header), shown before the reason. The value itself is never quoted: it is the identifier.
pub fn refusal(column: &str, identifier: Identifier, line: Option<u64>) -> Problem {
    let column = column.trim_start_matches('\u{feff}');
    Problem {
        severity: Severity::FileRefused,
        line,
        column: Some(column.to_string()),
        value: None,
        reason: format!(
            "column \"{column}\" looks like {}, a direct identifier. Nothing of this file was kept: remove the column, or replace it with a pseudonym, and load the file again",
            identifier.what()
        ),
    }
}

/// The refusal for the first header that names an identifier, if any, naming the
/// others too.
pub fn screen_header<S: AsRef<str>>(names: &[S], patient_level: bool) -> Option<Problem> {
    let mut found = names.iter().filter_map(|name| {
        identifier_header(name.as_ref(), patient_level)
            .map(|identifier| (name.as_ref(), identifier))
    });
    let (first, identifier) = found.next()?;
    let mut problem = refusal(first, identifier, Some(1));
    let others: Vec<&str> = found
        .map(|(name, _)| name.trim_start_matches('\u{feff}'))
        .collect();
    if !others.is_empty() {
        problem.reason = problem.reason.replacen(
            "a direct identifier.",
            &format!("a direct identifier (and so are {}).", others.join(", ")),
            1,
        );
    }
    Some(problem)
}

/// The values of a file screened row by row ([`IdentifierScreen::row`]): stops at the
/// first NHS number (or, in a patient-level file, the first date), and counts full
/// postcodes per column for the 1-in-20 rule, decided at the end
/// ([`IdentifierScreen::refusal`]). Screens of pieces of one file add up
/// ([`IdentifierScreen::merge`]); a screen passes between workers as JSON.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct IdentifierScreen {
    patient_level: bool,
    /// The first identifier value: column, kind and line.
    found: Option<(usize, Identifier, u64)>,
    /// Rows screened.
    rows: u64,
    /// Per column (patient-level files): full postcodes, and the line of the first.
    postcodes: Vec<(u64, u64)>,
}

/// No identifier is shorter than this: a full postcode written without its space
/// (`M11AE`). Most cells are shorter (0/1 flags, ages, sexes) and are passed by length.
const SHORTEST_IDENTIFIER: usize = 5;

impl IdentifierScreen {
    /// A screen for a file's values; `patient_level` adds the date and postcode rules.
    pub fn new(patient_level: bool) -> IdentifierScreen {
        IdentifierScreen {
            patient_level,
            ..IdentifierScreen::default()
        }
    }

    /// Screens one row's fields, read from `line`. False once an identifier value has
    /// been found: reading can stop, the file will be refused.
    pub fn row<'a>(&mut self, fields: impl IntoIterator<Item = &'a [u8]>, line: u64) -> bool {
        self.cells(fields.into_iter().enumerate(), line)
    }

    /// [`IdentifierScreen::row`] for some of a row's cells, each with its column (cells
    /// known to hold no identifier, such as a block of 0/1 flags, left out).
    pub fn cells<'a>(
        &mut self,
        cells: impl IntoIterator<Item = (usize, &'a [u8])>,
        line: u64,
    ) -> bool {
        if self.found.is_some() {
            return false;
        }
        self.rows += 1;
        for (at, field) in cells {
            if field.len() < SHORTEST_IDENTIFIER {
                continue;
            }
            let field = field.trim_ascii();
            if is_nhs_number(field) {
                self.found = Some((at, Identifier::NhsNumber, line));
                return false;
            }
            if !self.patient_level {
                continue;
            }
            if is_full_date(field) {
                self.found = Some((at, Identifier::FullDate, line));
                return false;
            }
            if is_full_postcode(field) {
                if self.postcodes.len() <= at {
                    self.postcodes.resize(at + 1, (0, 0));
                }
                let column = &mut self.postcodes[at];
                if column.0 == 0 {
                    column.1 = line;
                }
                column.0 += 1;
            }
        }
        true
    }

    /// True once an identifier value has been found.
    pub fn stopped(&self) -> bool {
        self.found.is_some()
    }

    /// Adds the screen of the next piece of the same file, whose lines are counted from
    /// `line_offset` line ends into the file.
    pub fn merge(&mut self, next: IdentifierScreen, line_offset: u64) {
        if self.found.is_none() {
            self.found = next
                .found
                .map(|(at, identifier, line)| (at, identifier, line + line_offset));
        }
        self.rows += next.rows;
        if self.postcodes.len() < next.postcodes.len() {
            self.postcodes.resize(next.postcodes.len(), (0, 0));
        }
        for (mine, theirs) in self.postcodes.iter_mut().zip(next.postcodes) {
            if mine.0 == 0 && theirs.0 > 0 {
                mine.1 = theirs.1 + line_offset;
            }
            mine.0 += theirs.0;
        }
    }

    /// The refusal the values call for, naming the column from `names`; `None` when
    /// the file holds no identifier.
    pub fn refusal<S: AsRef<str>>(&self, names: &[S]) -> Option<Problem> {
        let name = |at: usize| {
            names
                .get(at)
                .map_or_else(|| format!("column {}", at + 1), |n| n.as_ref().to_string())
        };
        if let Some((at, identifier, line)) = self.found {
            return Some(refusal(&name(at), identifier, Some(line)));
        }
        let rows = self.rows;
        self.postcodes
            .iter()
            .enumerate()
            .find(|(_, &(postcodes, _))| postcodes > 0 && postcodes * 20 >= rows)
            .map(|(at, &(_, line))| refusal(&name(at), Identifier::FullPostcode, Some(line)))
    }
}

/// The Modulus 11 check of an NHS number (NHS Data Dictionary, "NHS Number"): digits
/// 1–9 are multiplied by 10 down to 2 and summed; the check digit is
/// `11 − (sum mod 11)`, with 11 read as 0 and 10 meaning the number is invalid; it must
/// equal the tenth digit. `digits` must be exactly 10 ASCII digits.
pub fn nhs_number_check(digits: &[u8]) -> bool {
    if digits.len() != 10 || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = digits[..9]
        .iter()
        .zip((2..=10).rev())
        .map(|(d, weight)| u32::from(d - b'0') * weight)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        check => check,
    };
    check == u32::from(digits[9] - b'0')
}

/// True when a value is an NHS number in any common written form (see the module).
pub fn is_nhs_number(value: &[u8]) -> bool {
    // Most values are far shorter or longer: the length decides before anything else.
    if !(10..=16).contains(&value.len()) {
        return false;
    }
    let mut value = value.trim_ascii();
    // Quotes left inside a value, and Excel's force-text apostrophe, in either order.
    for _ in 0..2 {
        if let [b'"', inner @ .., b'"'] = value {
            value = inner.trim_ascii();
        }
        if let [b'\'', rest @ ..] = value {
            value = rest.trim_ascii();
        }
    }
    match value.len() {
        10 => nhs_number_check(value),
        12 => {
            let separator = |b: u8| b == b' ' || b == b'-';
            if !separator(value[3]) || !separator(value[7]) {
                return false;
            }
            let mut digits = [0u8; 10];
            let kept = value
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != 3 && i != 7)
                .map(|(_, &b)| b);
            for (slot, b) in digits.iter_mut().zip(kept) {
                *slot = b;
            }
            nhs_number_check(&digits)
        }
        _ => false,
    }
}

/// True when `text` is an NHS number (see [`is_nhs_number`]).
pub fn looks_like_nhs_number(text: &str) -> bool {
    is_nhs_number(text.as_bytes())
}

/// True when a value is a full UK postcode (outward code A9, A99, AA9, AA99, A9A or
/// AA9A, an optional single space, inward code 9AA), e.g. `LE1 6AS`. A postcode
/// district alone (`LE1`) is not.
pub fn is_full_postcode(value: &[u8]) -> bool {
    let value = value.trim_ascii();
    if !(5..=8).contains(&value.len()) {
        return false;
    }
    // Upper case without its one optional space, on the stack: this runs on most
    // cells of five to eight bytes.
    let mut compact = [0u8; 8];
    let mut len = 0;
    let mut space_at = None;
    for (i, &b) in value.iter().enumerate() {
        if b == b' ' {
            if space_at.is_some() {
                return false;
            }
            space_at = Some(i);
        } else {
            compact[len] = b.to_ascii_uppercase();
            len += 1;
        }
    }
    if !(5..=7).contains(&len) {
        return false;
    }
    let compact = &compact[..len];
    let (outward, inward) = compact.split_at(len - 3);
    if space_at.is_some_and(|at| at != outward.len()) {
        return false;
    }
    let a = |b: u8| b.is_ascii_uppercase();
    let d = |b: u8| b.is_ascii_digit();
    let inward_ok = d(inward[0]) && a(inward[1]) && a(inward[2]);
    let outward_ok = match *outward {
        [x, y] => a(x) && d(y),
        [x, y, z] => a(x) && ((d(y) && d(z)) || (a(y) && d(z)) || (d(y) && a(z))),
        [w, x, y, z] => a(w) && a(x) && d(y) && (d(z) || a(z)),
        _ => false,
    };
    inward_ok && outward_ok
}

/// True when `text` is a full UK postcode (see [`is_full_postcode`]).
pub fn looks_like_full_postcode(text: &str) -> bool {
    is_full_postcode(text.as_bytes())
}

/// True when a value is a full calendar date: day, month and four-digit year in either
/// order, separated by `-`, `/` or `.` (`1945-03-12`, `12/03/1945`), optionally
/// followed by a time; after Excel's apostrophe too.
pub fn is_full_date(value: &[u8]) -> bool {
    let value = value.trim_ascii();
    let value = value.strip_prefix(b"'").unwrap_or(value);
    // The shortest is 1/1/1945; a date never starts with anything but a digit.
    if value.len() < 8 || !value[0].is_ascii_digit() {
        return false;
    }
    let date = value
        .split(|&b| b == b' ' || b == b'T')
        .next()
        .unwrap_or_default();
    let mut split = date.split(|&b| matches!(b, b'-' | b'/' | b'.'));
    let parts = [split.next(), split.next(), split.next()];
    let [Some(p0), Some(p1), Some(p2)] = parts else {
        return false;
    };
    let parts = [p0, p1, p2];
    if split.next().is_some()
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.iter().all(u8::is_ascii_digit))
    {
        return false;
    }
    let number = |p: &[u8]| p.iter().fold(0u32, |n, &b| n * 10 + u32::from(b - b'0'));
    let (year, month, day) = if parts[0].len() == 4 {
        (parts[0], parts[1], parts[2])
    } else if parts[2].len() == 4 {
        (parts[2], parts[1], parts[0])
    } else {
        return false;
    };
    month.len() <= 2
        && day.len() <= 2
        && (1850..=2100).contains(&number(year))
        && ((1..=12).contains(&number(month)) && (1..=31).contains(&number(day))
            // Month-first writing (03/12/1945) is a date too.
            || (1..=12).contains(&number(day)) && (1..=31).contains(&number(month)))
}

/// True when `text` is a full calendar date (see [`is_full_date`]).
pub fn looks_like_full_date(text: &str) -> bool {
    is_full_date(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Valid NHS numbers (Modulus 11), as NHS Digital's test data writes them.
    const VALID: [&str; 3] = ["9434765919", "4010232137", "9990000018"];

    #[test]
    fn counts_from_one_to_four_are_suppressed() {
        assert_eq!(suppress_small(0), Some(0));
        for count in 1..=4 {
            assert_eq!(suppress_small(count), None, "{count}");
            assert!(is_suppressed(Some(count as f64)));
        }
        assert_eq!(suppress_small(5), Some(5));
        assert_eq!(suppress_small(1_000_000), Some(1_000_000));
        assert!(!is_suppressed(Some(0.0)) && !is_suppressed(Some(4.5)) && !is_suppressed(None));
    }

    #[test]
    fn nhs_numbers_in_every_common_written_form() {
        for valid in VALID {
            let (a, b, c) = (&valid[..3], &valid[3..6], &valid[6..]);
            for form in [
                valid.to_string(),
                format!("{a} {b} {c}"),
                format!("{a}-{b}-{c}"),
                format!("'{valid}"),
                format!("'{a} {b} {c}"),
                format!("\"{valid}\""),
                format!("\"'{valid}\""),
                format!(" {valid} "),
            ] {
                assert!(looks_like_nhs_number(&form), "{form}");
            }
        }
    }

    #[test]
    fn not_nhs_numbers() {
        for other in [
            "9434765918",   // fails Modulus 11
            "1234567890",   // check digit 10: invalid
            "943476591",    // nine digits
            "94347659190",  // eleven digits
            "943 4765919",  // not 3-3-4
            "0116 222727",  // a telephone number
            "943_476_5919", // not a written form
            "9434765919.5", // a number with decimals
            "P9434765919",  // a pseudonym around one
            "",
        ] {
            assert!(!looks_like_nhs_number(other), "{other}");
        }
        assert!(!nhs_number_check(b"123456789"));
    }

    #[test]
    fn dates_and_postcodes() {
        for date in [
            "1950-01-01",
            "01/01/1950",
            "1/1/1950",
            "12.03.1945",
            "'1950-01-01",
            "1950-01-01T00:00:00",
            "03/12/1945 10:00",
        ] {
            assert!(looks_like_full_date(date), "{date}");
        }
        for other in [
            "1950",
            "01/1950",
            "80",
            "2022/23",
            "13/13/1950",
            "99/99/1945",
            "12/03/45",
            "2022-Q3",
            "P0001",
            "1950-01-01-7",
        ] {
            assert!(!looks_like_full_date(other), "{other}");
        }
        for postcode in [
            "LE1 6AS", "le16as", "SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "W1A 0AX",
            "EC1A 1BB",
        ] {
            assert!(looks_like_full_postcode(postcode), "{postcode}");
        }
        for other in [
            "LE1",
            "LE",
            "LE1 6A",
            "P000123",
            "P00012",
            "C82037",
            "123456",
            "LE1  6AS",
            "LE1 6AS X",
            "12345",
        ] {
            assert!(!looks_like_full_postcode(other), "{other}");
        }
    }

    #[test]
    fn headers_name_identifiers_by_the_kind_of_file() {
        for (name, identifier) in [
            ("first_name", Identifier::PersonName),
            ("Surname", Identifier::PersonName),
            ("NHS Number", Identifier::NhsNumber),
            ("nhs_num", Identifier::NhsNumber),
            ("\u{feff}DOB", Identifier::DateOfBirth),
            ("Date of birth", Identifier::DateOfBirth),
        ] {
            assert_eq!(identifier_header(name, false), Some(identifier), "{name}");
            assert_eq!(identifier_header(name, true), Some(identifier), "{name}");
        }
        // A practice's or an indicator's name elsewhere; a person's in a patient file.
        assert_eq!(identifier_header("name", false), None);
        assert_eq!(
            identifier_header("name", true),
            Some(Identifier::PersonName)
        );
        assert_eq!(identifier_header("practice_name", true), None);
        assert!(is_patient_id_column("pseudo_id"));
        assert!(is_patient_id_column("Patient ID"));
        assert!(!is_patient_id_column("nhs_number"));
        let refused = screen_header(&["indicator_id", "first_name", "nhs_num"], false).unwrap();
        assert_eq!(refused.column.as_deref(), Some("first_name"));
        assert!(refused.reason.contains("(and so are nhs_num)"), "{refused}");
        assert_eq!(refused.severity, Severity::FileRefused);
    }

    #[test]
    fn one_nhs_number_anywhere_refuses_naming_column_and_line_not_value() {
        let mut screen = IdentifierScreen::new(false);
        for line in 2..500u64 {
            assert!(screen.row([b"C82005".as_slice(), b"12"], line));
        }
        assert!(!screen.row([b"C82005".as_slice(), b"943-476-5919"], 500));
        assert!(screen.stopped());
        let problem = screen.refusal(&["practice_code", "ref"]).unwrap();
        assert_eq!(problem.column.as_deref(), Some("ref"));
        assert_eq!(problem.line, Some(500));
        assert_eq!(problem.value, None);
        assert!(!problem.to_string().contains("5919"), "{problem}");
        assert!(problem.reason.contains("NHS numbers"), "{problem}");
    }

    #[test]
    fn cells_are_screened_by_their_own_columns() {
        let mut screen = IdentifierScreen::new(true);
        assert!(screen.cells([(0, b"P1".as_slice()), (5, b"1")], 2));
        assert!(!screen.cells([(0, b"P2".as_slice()), (5, b"943 476 5919")], 3));
        let problem = screen.refusal(&["a", "b", "c", "d", "e", "ref"]).unwrap();
        assert_eq!(
            (problem.column.as_deref(), problem.line),
            (Some("ref"), Some(3))
        );
    }

    #[test]
    fn dates_and_postcodes_only_in_patient_files() {
        let row: [&[u8]; 3] = [b"P1", b"1950-01-01", b"LE1 6AS"];
        let mut aggregate = IdentifierScreen::new(false);
        assert!(aggregate.row(row, 2));
        assert_eq!(aggregate.refusal(&["a", "b", "c"]), None);
        let mut patients = IdentifierScreen::new(true);
        assert!(!patients.row(row, 2));
        assert_eq!(
            patients
                .refusal(&["id", "ref_date", "c"])
                .unwrap()
                .column
                .as_deref(),
            Some("ref_date")
        );
        // Postcodes: 1 in 20 values is enough; fewer is not.
        let mut screen = IdentifierScreen::new(true);
        for line in 0..19 {
            screen.row([b"LE1".as_slice()], line);
        }
        screen.row([b"LE1 6AS".as_slice()], 40);
        assert_eq!(screen.refusal(&["area"]).unwrap().line, Some(40));
        screen.row([b"LE1".as_slice()], 41);
        assert_eq!(screen.refusal(&["area"]), None);
    }

    #[test]
    fn screens_of_pieces_add_up_to_the_screen_of_the_whole() {
        let rows: Vec<(&[u8], u64)> = (0..20)
            .map(|i| {
                (
                    if i == 13 {
                        b"LE1 6AS".as_slice()
                    } else {
                        b"LE1".as_slice()
                    },
                    i + 2,
                )
            })
            .collect();
        let mut whole = IdentifierScreen::new(true);
        for &(value, line) in &rows {
            whole.row([value], line);
        }
        let mut first = IdentifierScreen::new(true);
        let mut second = IdentifierScreen::new(true);
        for &(value, line) in &rows[..10] {
            first.row([value], line);
        }
        for &(value, line) in &rows[10..] {
            second.row([value], line - 11);
        }
        first.merge(second, 11);
        assert_eq!(first, whole);
        assert_eq!(whole.refusal(&["area"]).unwrap().line, Some(15));
    }
}
