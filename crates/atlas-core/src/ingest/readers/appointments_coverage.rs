//! Appointments in General Practice: the coverage file (`APPOINTMENTS_GP_COVERAGE.csv`
//! in each month's sub-ICB download). One row per sub-ICB location (or CCG) per month:
//! the practices included in the appointments data and those open, and the patients
//! registered at each. NHS England's rates per 1,000 patients for an area are worked
//! out against the patients registered at included practices (the practices whose
//! appointment systems supplied data), so that is what this reader keeps, as the
//! series [`APPOINTMENTS_COVERAGE_PATIENTS`] under the area's code.

use super::{expect, required};
use crate::catalogue::APPOINTMENTS_COVERAGE_PATIENTS;
use crate::ingest::extract::{Extract, SeriesBuilder};
use crate::ingest::report::Severity;
use crate::ingest::table::{CsvRows, ReportBuilder};
use crate::ingest::values::{file_month, parse_code, parse_count, parse_month};
use crate::model::Point;
use std::io::Read;

/// What the month column holds, as reasons ask for it.
const MONTH: &str = "a month like 01AUG2020";

/// Reads the coverage file.
pub(crate) fn read<R: Read>(table: &mut CsvRows<R>, report: &mut ReportBuilder) -> Extract {
    let Some(cols) = required(
        table,
        report,
        &[
            &["sub_icb_location_code", "ccg_code", "sub_icb_code"],
            &["appointment_month"],
            &["patients_registered_at_included_practices"],
        ],
    ) else {
        return Extract::default();
    };
    let [area_col, month_col, patients_col] = cols[..] else {
        return Extract::default();
    };
    let included_col = table.header.find(&["included_practices"]);
    let open_col = table.header.find(&["open_practices"]);
    let mut builder = SeriesBuilder::default();
    table.for_each_row(report, |row, warnings| {
        let area = row.get(area_col, |t| parse_code(t, expect::AREA_CODE))?;
        let month = row.get(month_col, |t| {
            parse_month(t)
                .ok_or_else(|| format!("not a month; expected {MONTH}"))
                .and_then(|m| file_month(m, MONTH))
        })?;
        let patients = row.get(patients_col, |t| parse_count(t, expect::PATIENTS))?;
        let included = row.get_optional(included_col, |t| parse_count(t, "a whole number of practices, like 57"))?;
        let open = row.get_optional(open_col, |t| parse_count(t, "a whole number of practices, like 57"))?;
        if let (Some(included), Some(open)) = (included, open) {
            if included > open {
                warnings.push(row.problem(
                    Severity::Warning,
                    included_col.unwrap_or(area_col),
                    &included.to_string(),
                    format!("more practices included ({included}) than open ({open}); kept, but check the columns are not swapped"),
                ));
            }
        }
        let point = Point {
            period: month,
            numerator: Some(patients as f64),
            denominator: None,
            value: None,
        };
        builder
            .insert(APPOINTMENTS_COVERAGE_PATIENTS, &area, point, row.line)
            .map_err(|first| {
                row.row_problem(
                    Severity::RowRejected,
                    format!("area {area} in {month} is already on line {first}; expected one row for each area and month"),
                )
            })
    });
    Extract {
        series: builder.finish(),
        ..Extract::default()
    }
}
