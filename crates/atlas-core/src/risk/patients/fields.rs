//! A patient row as read, and the fields of a CSV row from whichever reader read it:
//! the `csv` crate's records, ingest's own, or a plain line whose condition block is read
//! eight bytes at a time (the fast path).

use super::{Patient, Sex};
use crate::csv_in::records::Record;
use crate::risk::score::ConditionSet;
use csv::ByteRecord;
use std::borrow::Cow;

/// One patient row as read, borrowing its text from the row where it can.
pub(super) struct PatientRow<'a> {
    pub(super) id: Cow<'a, str>,
    pub(super) practice_code: Cow<'a, str>,
    pub(super) age: u8,
    pub(super) sex: Sex,
    pub(super) conditions: ConditionSet,
    pub(super) deprivation_quintile: Option<u8>,
}

impl PatientRow<'_> {
    pub(super) fn into_owned(self) -> Patient {
        Patient {
            id: self.id.into_owned(),
            practice_code: self.practice_code.into_owned(),
            age: self.age,
            sex: self.sex,
            conditions: self.conditions,
            deprivation_quintile: self.deprivation_quintile,
        }
    }
}

/// A CSV row's fields, from whichever reader read it: the `csv` crate's
/// [`ByteRecord`], or ingest's own quicker reader.
pub trait Fields {
    /// The number of fields.
    fn count(&self) -> usize;
    /// The bytes of field `i`, `None` past the last.
    fn field(&self, i: usize) -> Option<&[u8]>;

    /// The byte of field `i` when it is exactly one byte long (most cells of a patient
    /// file are a bare 0 or 1).
    fn single_byte(&self, i: usize) -> Option<u8> {
        match self.field(i)? {
            &[b] => Some(b),
            _ => None,
        }
    }

    /// Fields `first..first + count` as the line writes them, commas included, when the
    /// reader knows the line's only commas are separators; `None` when it cannot say.
    fn plain_span(&self, _first: usize, _count: usize) -> Option<&[u8]> {
        None
    }

    /// The condition bits of the schema's block of condition cells, when the reader has
    /// read them already.
    fn block_bits(&self) -> Option<u64> {
        None
    }
}

impl<T: Fields + ?Sized> Fields for &T {
    fn count(&self) -> usize {
        (**self).count()
    }

    fn field(&self, i: usize) -> Option<&[u8]> {
        (**self).field(i)
    }

    fn single_byte(&self, i: usize) -> Option<u8> {
        (**self).single_byte(i)
    }

    fn plain_span(&self, first: usize, count: usize) -> Option<&[u8]> {
        (**self).plain_span(first, count)
    }

    fn block_bits(&self) -> Option<u64> {
        (**self).block_bits()
    }
}

impl Fields for ByteRecord {
    fn count(&self) -> usize {
        self.len()
    }

    fn field(&self, i: usize) -> Option<&[u8]> {
        self.get(i)
    }
}

impl Fields for Record {
    fn count(&self) -> usize {
        self.len()
    }

    fn field(&self, i: usize) -> Option<&[u8]> {
        self.get(i)
    }

    fn single_byte(&self, i: usize) -> Option<u8> {
        self.single_byte(i)
    }

    fn plain_span(&self, first: usize, count: usize) -> Option<&[u8]> {
        self.plain_span(first, count)
    }
}

/// A row that is one line with no quotes and whose condition block is all bare 0s and
/// 1s: the fields before and after the block found at their commas, the block's cells at
/// every other byte — without splitting all sixty-one cells.
pub(super) struct PlainLine<'a> {
    pub(super) line: &'a [u8],
    /// The fields before the block, then those after it: where each is in `line`.
    pub(super) others: &'a [(usize, usize)],
    /// Where the block's cells start in `line`.
    pub(super) block_from: usize,
    /// The block's first column and number of columns.
    pub(super) first: usize,
    pub(super) cells: usize,
    /// The conditions the block sets.
    pub(super) bits: u64,
}

impl PlainLine<'_> {
    /// The cells outside the condition block, with their columns.
    pub(super) fn other_cells(&self) -> impl Iterator<Item = (usize, &[u8])> {
        self.others.iter().enumerate().map(|(k, &(from, to))| {
            let column = if k < self.first { k } else { k + self.cells };
            (column, &self.line[from..to])
        })
    }
}

impl Fields for PlainLine<'_> {
    fn count(&self) -> usize {
        self.others.len() + self.cells
    }

    fn field(&self, i: usize) -> Option<&[u8]> {
        let other = |k: usize| self.others.get(k).map(|&(from, to)| &self.line[from..to]);
        if i < self.first {
            other(i)
        } else if i < self.first + self.cells {
            let at = self.block_from + 2 * (i - self.first);
            Some(&self.line[at..at + 1])
        } else {
            other(i - self.cells)
        }
    }

    fn plain_span(&self, first: usize, count: usize) -> Option<&[u8]> {
        (first == self.first && count == self.cells)
            .then(|| &self.line[self.block_from..self.block_from + 2 * self.cells - 1])
    }

    fn block_bits(&self) -> Option<u64> {
        Some(self.bits)
    }
}
