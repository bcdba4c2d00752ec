//! ODS `epraccur.csv`: every GP practice and other prescribing setting, no header row,
//! 27 columns. Active GP practices (prescribing setting 4, status A) give names,
//! postcodes and sub-ICB locations; other rows are read and left out, and the report
//! says how many and why (closed, dormant or proposed practices; other prescribing
//! settings such as out-of-hours services, walk-in centres and prisons).

use super::expect;
use crate::ingest::extract::{Extract, PracticeFact};
use crate::ingest::report::{Problem, Severity};
use crate::ingest::table::{CsvRows, ReportBuilder};
use crate::ingest::values::{parse_code, parse_name};
use std::io::Read;

/// Column positions (0-based) in `epraccur.csv`.
mod column {
    pub const CODE: usize = 0;
    pub const NAME: usize = 1;
    pub const POSTCODE: usize = 9;
    pub const STATUS: usize = 12;
    pub const COMMISSIONER: usize = 14;
    pub const PRESCRIBING_SETTING: usize = 25;
}

/// Reads `epraccur.csv`.
pub(crate) fn read<R: Read>(table: &mut CsvRows<R>, report: &mut ReportBuilder) -> Extract {
    let mut extract = Extract::default();
    let (mut not_open, mut other_settings) = (0u64, 0u64);
    table.for_each_row(report, |row, _| {
        let code = row.get(column::CODE, |t| parse_code(t, expect::PRACTICE_CODE))?;
        let active = row.text(column::STATUS).trim() == "A";
        let practice = row.text(column::PRESCRIBING_SETTING).trim() == "4";
        if !practice {
            other_settings += 1;
            return Ok(());
        }
        if !active {
            not_open += 1;
            return Ok(());
        }
        let name = row.get(column::NAME, |t| parse_name(t, expect::PRACTICE_NAME))?;
        extract.practices.push(PracticeFact {
            name: Some(name),
            postcode: row
                .optional(Some(column::POSTCODE))
                .map(|p| p.trim().to_uppercase()),
            area_code: row
                .optional(Some(column::COMMISSIONER))
                .map(|c| c.trim().to_string()),
            ..PracticeFact::new(code, row.line)
        });
        Ok(())
    });
    if not_open + other_settings > 0 {
        report.push(Problem::file(
            Severity::Warning,
            format!(
                "{not_open} GP practices that are closed, dormant or only proposed, and {other_settings} other prescribing settings (out-of-hours services, walk-in centres, prisons and the like), are left out: only open GP practices are read"
            ),
        ));
    }
    extract
}
