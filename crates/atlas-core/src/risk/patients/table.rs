//! The accepted patients of a file, column by column: ids in one string buffer,
//! practices interned, conditions as one `u64` each, so that a million rows fit a tab.

use super::{Patient, PatientRow, Sex};
use crate::quick_map::QuickMap;
use crate::risk::score::ConditionSet;
use std::borrow::Cow;

/// Every accepted patient of a file, stored column by column and compactly: ids in one
/// string buffer, practices interned, conditions as one `u64` each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PatientTable {
    pub(in crate::risk) id_text: String,
    pub(in crate::risk) id_ends: Vec<usize>,
    pub(in crate::risk) practices: Vec<String>,
    pub(in crate::risk) practice_lookup: QuickMap<String, u32>,
    pub(in crate::risk) practice_of: Vec<u32>,
    pub(in crate::risk) ages: Vec<u8>,
    pub(in crate::risk) sexes: Vec<Sex>,
    pub(in crate::risk) conditions: Vec<ConditionSet>,
    /// 0 when not given.
    pub(in crate::risk) deprivation: Vec<u8>,
    pub(in crate::risk) lines: Vec<u64>,
    pub(in crate::risk) columns_present: ConditionSet,
}

impl PatientTable {
    /// An empty table for a file whose condition columns are `columns_present`.
    pub fn new(columns_present: ConditionSet) -> PatientTable {
        PatientTable {
            columns_present,
            ..PatientTable::default()
        }
    }

    /// Adds a patient read from `line` of the file.
    pub fn push(&mut self, patient: &Patient, line: u64) {
        self.push_row(
            &PatientRow {
                id: Cow::Borrowed(&patient.id),
                practice_code: Cow::Borrowed(&patient.practice_code),
                age: patient.age,
                sex: patient.sex,
                conditions: patient.conditions,
                deprivation_quintile: patient.deprivation_quintile,
            },
            line,
        );
    }

    /// Adds a patient row read from `line` of the file, without copying it first.
    pub(super) fn push_row(&mut self, patient: &PatientRow<'_>, line: u64) {
        self.id_text.push_str(&patient.id);
        self.id_ends.push(self.id_text.len());
        let code: &str = &patient.practice_code;
        // Files often list a practice's patients together: try the last one first.
        let practice = match self.practice_of.last() {
            Some(&last) if self.practices[last as usize] == code => last,
            _ => match self.practice_lookup.get(code) {
                Some(&index) => index,
                None => {
                    let index = self.practices.len() as u32;
                    self.practice_lookup.insert(code.to_string(), index);
                    self.practices.push(code.to_string());
                    index
                }
            },
        };
        self.practice_of.push(practice);
        self.ages.push(patient.age);
        self.sexes.push(patient.sex);
        self.conditions.push(patient.conditions);
        self.deprivation
            .push(patient.deprivation_quintile.unwrap_or(0));
        self.lines.push(line);
    }

    /// Number of patients.
    pub fn len(&self) -> usize {
        self.ages.len()
    }

    /// True when there are no patients.
    pub fn is_empty(&self) -> bool {
        self.ages.is_empty()
    }

    /// The pseudonymous id of patient `i`.
    pub fn id(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.id_ends[i - 1] };
        &self.id_text[start..self.id_ends[i]]
    }

    /// The practice codes met, in order of first appearance.
    pub fn practices(&self) -> &[String] {
        &self.practices
    }

    /// Index into [`practices`](Self::practices) of patient `i`'s practice.
    pub fn practice_index(&self, i: usize) -> usize {
        self.practice_of[i] as usize
    }

    /// The practice code of patient `i`.
    pub fn practice_code(&self, i: usize) -> &str {
        &self.practices[self.practice_index(i)]
    }

    /// Age of patient `i` in whole years.
    pub fn age(&self, i: usize) -> u8 {
        self.ages[i]
    }

    /// Sex of patient `i`.
    pub fn sex(&self, i: usize) -> Sex {
        self.sexes[i]
    }

    /// Conditions of patient `i`.
    pub fn conditions(&self, i: usize) -> ConditionSet {
        self.conditions[i]
    }

    /// Deprivation quintile of patient `i`, when given.
    pub fn deprivation_quintile(&self, i: usize) -> Option<u8> {
        Some(self.deprivation[i]).filter(|&q| q != 0)
    }

    /// The line of the file patient `i` was read from (the header is line 1).
    pub fn line(&self, i: usize) -> u64 {
        self.lines[i]
    }

    /// The condition columns the file has.
    pub fn columns_present(&self) -> ConditionSet {
        self.columns_present
    }

    /// The condition columns of the canonical schema the file lacks.
    pub fn columns_missing(&self) -> ConditionSet {
        ConditionSet(ConditionSet::ALL.0 & !self.columns_present.0)
    }

    /// Adds the patients of `later`, a table read after this one, whose lines count on
    /// from `line_offset`. Practices keep the order they were first met in.
    pub(in crate::risk) fn append(&mut self, later: PatientTable, line_offset: u64) {
        if self.is_empty() && line_offset == 0 {
            *self = later;
            return;
        }
        let text_before = self.id_text.len();
        self.id_text.push_str(&later.id_text);
        self.id_ends
            .extend(later.id_ends.iter().map(|end| end + text_before));
        let practice_here: Vec<u32> = later
            .practices
            .iter()
            .map(|code| match self.practice_lookup.get(code.as_str()) {
                Some(&index) => index,
                None => {
                    let index = self.practices.len() as u32;
                    self.practice_lookup.insert(code.clone(), index);
                    self.practices.push(code.clone());
                    index
                }
            })
            .collect();
        self.practice_of
            .extend(later.practice_of.iter().map(|&p| practice_here[p as usize]));
        self.ages.extend_from_slice(&later.ages);
        self.sexes.extend_from_slice(&later.sexes);
        self.conditions.extend_from_slice(&later.conditions);
        self.deprivation.extend_from_slice(&later.deprivation);
        self.lines
            .extend(later.lines.iter().map(|line| line + line_offset));
    }

    /// Keeps the patients whose `keep` entry is true, in order.
    pub(super) fn retain(&mut self, keep: &[bool]) {
        let mut table = PatientTable::new(self.columns_present);
        for (i, _) in keep.iter().enumerate().filter(|(_, &k)| k) {
            table.push(
                &Patient {
                    id: self.id(i).to_string(),
                    practice_code: self.practice_code(i).to_string(),
                    age: self.ages[i],
                    sex: self.sexes[i],
                    conditions: self.conditions[i],
                    deprivation_quintile: self.deprivation_quintile(i),
                },
                self.lines[i],
            );
        }
        *self = table;
    }
}
