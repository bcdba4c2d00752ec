//! The header of a patient file as a schema: where each canonical column is, the
//! condition columns as one block when they sit side by side, and reading one row by
//! it (the plain-line fast path and the general one give the same patient).

use super::fields::{Fields, PatientRow, PlainLine};
use super::{Patient, RowRead, Sex, AGE, DEPRIVATION_QUINTILE, MAX_AGE, PRACTICE_CODE, SEX};
use crate::disclosure;
use crate::report::{Problem, Severity};
use crate::risk::conditions::{CMS_CONDITIONS, CMS_COUNT, EFI_COUNT, EFI_DEFICITS};
use crate::risk::score::{column_names, ConditionSet};
use crate::text::{decode_field, normalise_header};
use std::borrow::Cow;
use std::collections::HashMap;

/// Where each canonical column is in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatientSchema {
    /// The header as the file writes it (byte order mark dropped).
    pub(super) names: Vec<String>,
    pub(super) id: usize,
    pub(super) practice: usize,
    pub(super) age: usize,
    pub(super) sex: usize,
    pub(super) deprivation: Option<usize>,
    /// (column position, bit) of each condition column present.
    pub(super) conditions: Vec<(usize, u64)>,
    /// The longest run of condition columns side by side, read a row at a time.
    pub(super) block: Option<ConditionBlock>,
    /// The condition columns outside `block`, in the order of `conditions`.
    pub(super) rest: Vec<(usize, u64)>,
    pub(super) columns_present: ConditionSet,
}

/// Condition columns side by side, as the canonical file has all sixty: in a row with no
/// quotes their cells read `0,1,0,…`, eight bytes (four cells) at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ConditionBlock {
    /// The first column.
    pub(super) first: usize,
    /// Each column's condition bit, in column order (at most 64 columns).
    pub(super) bits: Vec<u64>,
}

impl ConditionBlock {
    /// The longest run of adjacent columns among `conditions`, when it is long enough to
    /// be worth reading at once.
    pub(super) fn find(conditions: &[(usize, u64)]) -> Option<ConditionBlock> {
        let mut by_column = conditions.to_vec();
        by_column.sort_unstable();
        let mut best: Option<(usize, usize)> = None;
        let mut start = 0;
        for i in 1..=by_column.len() {
            let continues = i < by_column.len() && by_column[i].0 == by_column[i - 1].0 + 1;
            if !continues {
                let length = (i - start).min(64);
                if best.is_none_or(|(_, l)| length > l) {
                    best = Some((start, length));
                }
                start = i;
            }
        }
        let (start, length) = best?;
        (length >= 8).then(|| ConditionBlock {
            first: by_column[start].0,
            bits: by_column[start..start + length]
                .iter()
                .map(|&(_, bit)| bit)
                .collect(),
        })
    }

    /// The condition bits a row's span of cells sets, when every cell is a bare 0 or 1
    /// (`None` otherwise: the row is then read cell by cell, to name what is wrong).
    pub(super) fn read(&self, span: &[u8]) -> Option<u64> {
        if span.len() != 2 * self.bits.len() - 1 {
            return None;
        }
        // Which cells are 1, as bits by position.
        let mut ones = 0u64;
        let mut words = span.chunks_exact(8);
        let mut cell = 0;
        for word in &mut words {
            let w = u64::from_le_bytes(word.try_into().expect("eight bytes"));
            // Bytes 1, 3, 5, 7 are commas; bytes 0, 2, 4, 6 are '0' (0x30) or '1' (0x31).
            const COMMAS: u64 = 0x2c00_2c00_2c00_2c00;
            const ZEROS: u64 = 0x0030_0030_0030_0030;
            let x = (w & 0x00ff_00ff_00ff_00ff) ^ ZEROS;
            if w & 0xff00_ff00_ff00_ff00 != COMMAS || x & !0x0001_0001_0001_0001 != 0 {
                return None;
            }
            ones |= ((x | x >> 15 | x >> 30 | x >> 45) & 0xf) << cell;
            cell += 4;
        }
        for (i, &b) in words.remainder().iter().enumerate() {
            match (i % 2, b) {
                (0, b'0') | (1, b',') => {}
                (0, b'1') => ones |= 1 << (cell + i / 2),
                _ => return None,
            }
        }
        let mut bits = 0;
        while ones != 0 {
            bits |= self.bits[ones.trailing_zeros() as usize];
            ones &= ones - 1;
        }
        Some(bits)
    }
}

impl PatientSchema {
    /// Fills `rest`: the condition columns outside the block.
    pub(super) fn with_rest(mut self) -> PatientSchema {
        let block = self
            .block
            .as_ref()
            .map_or(0..0, |b| b.first..b.first + b.bits.len());
        self.rest = self
            .conditions
            .iter()
            .copied()
            .filter(|(at, _)| !block.contains(at))
            .collect();
        self
    }

    /// Reads a header. A direct identifier among the names, a missing required column or
    /// a repeated column is `Err` with a [`Severity::FileRefused`] problem; otherwise the
    /// schema with warnings (columns not in the schema, condition columns missing).
    pub fn from_header(names: &[String]) -> Result<(PatientSchema, Vec<Problem>), Problem> {
        let names: Vec<String> = names
            .iter()
            .map(|n| n.trim_start_matches('\u{feff}').to_string())
            .collect();
        let normalised: Vec<String> = names.iter().map(|n| normalise_header(n)).collect();
        let refuse = |column: &str, reason: String| Problem {
            severity: Severity::FileRefused,
            line: Some(1),
            column: Some(column.to_string()),
            value: None,
            reason,
        };
        if let Some(problem) = disclosure::screen_header(&names, true) {
            return Err(problem);
        }
        let mut position: HashMap<&str, usize> = HashMap::new();
        for (i, key) in normalised.iter().enumerate() {
            if position.insert(key.as_str(), i).is_some() {
                return Err(refuse(
                    &names[i],
                    format!(
                        "column \"{}\" appears twice: each column must appear once",
                        names[i]
                    ),
                ));
            }
        }
        let required = |column: &str| {
            position.get(column).copied().ok_or_else(|| {
                Problem::file(
                    Severity::FileRefused,
                    format!("no \"{column}\" column: a patient file needs patient_id, practice_code, age and sex (see the template)"),
                )
            })
        };
        // Any of the pseudonymous id names, the first found (see disclosure).
        let id = normalised
            .iter()
            .position(|key| disclosure::PATIENT_ID_COLUMNS.contains(&key.as_str()))
            .ok_or_else(|| {
                Problem::file(
                    Severity::FileRefused,
                    format!(
                        "no pseudonymous id column ({}): a patient file needs patient_id, practice_code, age and sex (see the template)",
                        disclosure::PATIENT_ID_COLUMNS.join(", ")
                    ),
                )
            })?;
        let practice = required(PRACTICE_CODE)?;
        let age = required(AGE)?;
        let sex = required(SEX)?;
        let deprivation = position.get(DEPRIVATION_QUINTILE).copied();

        let mut conditions = Vec::new();
        let mut present = 0u64;
        for (i, condition) in CMS_CONDITIONS.iter().enumerate() {
            if let Some(&at) = position.get(condition.column) {
                conditions.push((at, ConditionSet::cms_bit(i)));
                present |= ConditionSet::cms_bit(i);
            }
        }
        for (i, deficit) in EFI_DEFICITS.iter().enumerate() {
            if let Some(&at) = position.get(deficit.column) {
                conditions.push((at, ConditionSet::efi_bit(i)));
                present |= ConditionSet::efi_bit(i);
            }
        }
        let columns_present = ConditionSet(present);

        let mut warnings = Vec::new();
        let known: Vec<usize> = [id, practice, age, sex]
            .into_iter()
            .chain(deprivation)
            .chain(conditions.iter().map(|&(at, _)| at))
            .collect();
        let unknown: Vec<&str> = (0..names.len())
            .filter(|i| !known.contains(i))
            .map(|i| names[i].as_str())
            .collect();
        if !unknown.is_empty() {
            warnings.push(Problem::file(
                Severity::Warning,
                format!(
                    "columns not in the patient schema were ignored: {}",
                    unknown.join(", ")
                ),
            ));
        }
        let missing = ConditionSet(ConditionSet::ALL.0 & !present);
        if missing != ConditionSet::EMPTY {
            let cms_missing = (missing.cms_part()).count_ones();
            let efi_missing = (missing.efi_part()).count_ones();
            warnings.push(Problem::file(
                Severity::Warning,
                format!(
                    "{cms_missing} of {CMS_COUNT} CMS condition columns and {efi_missing} of {EFI_COUNT} eFI deficit columns are missing: {}. Scores can be computed from the columns present only if you accept that they will understate burden",
                    column_names(missing).join(", ")
                ),
            ));
        }
        Ok((
            PatientSchema {
                names,
                id,
                practice,
                age,
                sex,
                deprivation,
                block: ConditionBlock::find(&conditions),
                rest: Vec::new(),
                conditions,
                columns_present,
            }
            .with_rest(),
            warnings,
        ))
    }

    /// The header as the file writes it.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The condition columns the file has.
    pub fn columns_present(&self) -> ConditionSet {
        self.columns_present
    }

    /// `line` (a whole line with no quotes) as fields, without splitting its condition
    /// block, when the block's cells are all bare 0s and 1s and the line has as many
    /// fields as the header; `None` otherwise (then split it and read it field by field).
    /// `others` holds the other fields' places.
    pub(super) fn plain_line<'a>(
        &self,
        line: &'a [u8],
        others: &'a mut Vec<(usize, usize)>,
    ) -> Option<PlainLine<'a>> {
        let block = self.block.as_ref()?;
        let cells = block.bits.len();
        others.clear();
        let mut start = 0;
        for _ in 0..block.first {
            let comma = start + memchr::memchr(b',', &line[start..])?;
            others.push((start, comma));
            start = comma + 1;
        }
        let block_from = start;
        let block_to = block_from + 2 * cells - 1;
        // Bare 0s and 1s between single commas: the block's layout is as supposed.
        let bits = block.read(line.get(block_from..block_to)?)?;
        if block_to < line.len() {
            if line[block_to] != b',' {
                return None;
            }
            let after = block_to + 1;
            let mut start = after;
            for comma in memchr::memchr_iter(b',', &line[after..]).map(|at| after + at) {
                others.push((start, comma));
                start = comma + 1;
            }
            others.push((start, line.len()));
        }
        let others: &'a Vec<(usize, usize)> = others;
        (others.len() + cells == self.names.len()).then_some(PlainLine {
            line,
            others,
            block_from,
            first: block.first,
            cells,
            bits,
        })
    }

    /// Reads one data row from `line`. Every problem in the row is listed; any
    /// [`Severity::RowRejected`] among them means `Err`. `Ok` carries warnings (an
    /// unreadable deprivation quintile is dropped, not fatal) and the number of empty
    /// condition cells read as 0.
    pub fn parse_row(
        &self,
        record: &impl Fields,
        line: u64,
    ) -> Result<(Patient, Vec<Problem>, u32), Vec<Problem>> {
        self.read_row(record, line)
            .map(|(patient, problems, empty)| (patient.into_owned(), problems, empty))
    }

    /// [`parse_row`](Self::parse_row), borrowing the row's text where it can.
    pub(super) fn read_row<'r>(&self, record: &'r impl Fields, line: u64) -> RowRead<'r> {
        if record.count() != self.names.len() {
            return Err(vec![Problem {
                severity: Severity::RowRejected,
                line: Some(line),
                column: None,
                value: None,
                reason: format!(
                    "expected {} fields as in the header, found {}",
                    self.names.len(),
                    record.count()
                ),
            }]);
        }
        let field = |at: usize| record.field(at).map(<[u8]>::trim_ascii).unwrap_or(b"");
        let mut problems = Vec::new();
        let reject = |problems: &mut Vec<Problem>, at: usize, reason: &str| {
            problems.push(Problem::cell(
                Severity::RowRejected,
                line,
                &self.names[at],
                &decode_field(field(at)),
                reason,
            ));
        };

        let id = decode_field(field(self.id));
        if id.is_empty() {
            reject(
                &mut problems,
                self.id,
                "expected a pseudonymous patient id; this row has none",
            );
        } else if id.len() > 64 && id.chars().count() > 64 {
            reject(
                &mut problems,
                self.id,
                "expected a patient id of at most 64 characters",
            );
        }

        let practice_code = match decode_field(field(self.practice)) {
            Cow::Borrowed(code) if !code.bytes().any(|b| b.is_ascii_lowercase()) => {
                Cow::Borrowed(code)
            }
            code => Cow::Owned(code.to_ascii_uppercase()),
        };
        if practice_code.is_empty()
            || practice_code.len() > 10
            || !practice_code.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            reject(
                &mut problems,
                self.practice,
                "expected a practice ODS code such as C82037 (letters and digits)",
            );
        }

        let age = std::str::from_utf8(field(self.age))
            .ok()
            .and_then(|text| text.parse::<u8>().ok())
            .filter(|&age| age <= MAX_AGE);
        if age.is_none() {
            reject(
                &mut problems,
                self.age,
                "expected age in whole years, 0 to 120",
            );
        }

        let sex = std::str::from_utf8(field(self.sex))
            .ok()
            .and_then(Sex::parse);
        if sex.is_none() {
            reject(
                &mut problems,
                self.sex,
                "expected sex as F, M or U (female, male, unknown)",
            );
        }

        // The block of conditions in one go when its cells are all bare 0 or 1; else
        // every condition cell by cell (in the same order, so problems read the same).
        let block_bits = record.block_bits().or_else(|| {
            let block = self.block.as_ref()?;
            block.read(record.plain_span(block.first, block.bits.len())?)
        });
        let (mut bits, cells) = match block_bits {
            Some(bits) => (bits, &self.rest),
            None => (0u64, &self.conditions),
        };
        let mut empty_cells = 0;
        for &(at, bit) in cells {
            // A bare 0 or 1 first, untrimmed: sixty of these a row.
            let value = match record.single_byte(at) {
                Some(b'1') => {
                    bits |= bit;
                    continue;
                }
                Some(b'0') => continue,
                _ => field(at),
            };
            match value {
                b"1" => bits |= bit,
                b"0" => {}
                b"" => empty_cells += 1,
                _ => reject(
                    &mut problems,
                    at,
                    "expected 1 (condition recorded) or 0 (not recorded)",
                ),
            }
        }

        let mut deprivation_quintile = None;
        if let Some(at) = self.deprivation {
            match field(at) {
                b"" => {}
                [q @ b'1'..=b'5'] => deprivation_quintile = Some(q - b'0'),
                other => problems.push(Problem::cell(
                    Severity::Warning,
                    line,
                    &self.names[at],
                    &decode_field(other),
                    "expected a deprivation quintile from 1 (most deprived) to 5; left blank for this patient",
                )),
            }
        }

        match (age, sex) {
            (Some(age), Some(sex))
                if !problems.iter().any(|p| p.severity == Severity::RowRejected) =>
            {
                Ok((
                    PatientRow {
                        id,
                        practice_code,
                        age,
                        sex,
                        conditions: ConditionSet(bits),
                        deprivation_quintile,
                    },
                    problems,
                    empty_cells,
                ))
            }
            _ => Err(problems),
        }
    }
}
