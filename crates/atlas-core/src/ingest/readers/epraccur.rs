//! ODS `epraccur.csv`: every GP practice and other prescribing setting, no header row,
//! 27 columns. GP practices (prescribing setting 4) give names, postcodes, sub-ICB
//! locations, status (active, closed, dormant) and open and close dates: closed and
//! dormant ones become former practices, listed with their dates. Other prescribing
//! settings (out-of-hours services, walk-in centres, prisons) and proposed practices are
//! left out, and the report says how many.

use super::expect;
use crate::ingest::extract::{Extract, OdsStatus, PracticeFact};
use crate::ingest::report::{Problem, Severity};
use crate::ingest::table::{CsvRows, ReportBuilder};
use crate::ingest::values::{parse_code, parse_date, parse_name};
use std::io::Read;

/// Column positions (0-based) in `epraccur.csv`.
mod column {
    pub const CODE: usize = 0;
    pub const NAME: usize = 1;
    pub const POSTCODE: usize = 9;
    pub const OPEN_DATE: usize = 10;
    pub const CLOSE_DATE: usize = 11;
    pub const STATUS: usize = 12;
    pub const COMMISSIONER: usize = 14;
    pub const PRESCRIBING_SETTING: usize = 25;
}

/// Reads `epraccur.csv`.
pub(crate) fn read<R: Read>(table: &mut CsvRows<R>, report: &mut ReportBuilder) -> Extract {
    let mut extract = Extract::default();
    let (mut not_open, mut other_settings, mut proposed) = (0u64, 0u64, 0u64);
    table.for_each_row(report, |row, _| {
        let code = row.get(column::CODE, |t| parse_code(t, expect::PRACTICE_CODE))?;
        if row.text(column::PRESCRIBING_SETTING).trim() != "4" {
            other_settings += 1;
            return Ok(());
        }
        let status = match row.text(column::STATUS).trim() {
            "A" => OdsStatus::Active,
            "C" => OdsStatus::Closed,
            "D" => OdsStatus::Dormant,
            _ => {
                proposed += 1;
                return Ok(());
            }
        };
        if status != OdsStatus::Active {
            not_open += 1;
        }
        let date = |col| {
            row.get_optional(Some(col), |t| {
                parse_date(t).ok_or_else(|| format!("not a date; expected {}", expect::ODS_DATE))
            })
        };
        let (opened, closed) = (date(column::OPEN_DATE)?, date(column::CLOSE_DATE)?);
        let name = row.get(column::NAME, |t| parse_name(t, expect::PRACTICE_NAME))?;
        extract.practices.push(PracticeFact {
            name: Some(name),
            postcode: row
                .optional(Some(column::POSTCODE))
                .map(|p| p.trim().to_uppercase()),
            area_code: row
                .optional(Some(column::COMMISSIONER))
                .map(|c| c.trim().to_string()),
            ods_status: Some(status),
            opened,
            closed,
            ..PracticeFact::new(code, row.line)
        });
        Ok(())
    });
    if not_open > 0 {
        report.push(Problem::file(
            Severity::Warning,
            format!(
                "{not_open} GP practices are closed or dormant: they are listed as closed practices with their dates, and no figure counts them after they closed"
            ),
        ));
    }
    if other_settings + proposed > 0 {
        report.push(Problem::file(
            Severity::Warning,
            format!(
                "{other_settings} other prescribing settings (out-of-hours services, walk-in centres, prisons and the like) and {proposed} proposed practices are left out: only GP practices are read"
            ),
        ));
    }
    extract
}
