//! Appointments in General Practice as a derived table: one row per practice and month,
//! the month's counts already added up over the publication's practice-level crosstab
//! (github.com/amcunningham/gp-oc-dashboard, `panel_merged.csv`; header `month, gp_code,
//! total, same_day, next_day, gp, gp_same_day, f2f, phone, online, dna, attended,
//! list_size, imd_score`).
//!
//! The columns that match the catalogue's appointment indicators fill them as the
//! crosstab reader does ([`super::appointments`]): counts as numerators, by practice and
//! month. Same-day, next-day, GP same-day and attended counts, and the IMD score, have no
//! indicator and are not kept. An empty cell is a figure not published.

use super::{expect, parse_practice_code, required, LatestByPractice};
use crate::catalogue::{
    APPOINTMENTS_DNA, APPOINTMENTS_FACE_TO_FACE, APPOINTMENTS_GP, APPOINTMENTS_TELEPHONE,
    APPOINTMENTS_TOTAL, APPOINTMENTS_VIDEO_ONLINE,
};
use crate::ingest::extract::{Extract, SeriesBuilder};
use crate::ingest::report::{Problem, Severity};
use crate::ingest::table::{CsvRows, ReportBuilder};
use crate::ingest::values::{file_month, parse_count, parse_list_size, parse_month};
use crate::model::{Period, Point};
use std::collections::HashMap;
use std::io::Read;

/// The table's count columns (after `total`, which is required) and the catalogue ids
/// they fill. `online` is the publication's `Video/Online` mode.
const PART_COLUMNS: [(&str, &str); 5] = [
    ("gp", APPOINTMENTS_GP),
    ("f2f", APPOINTMENTS_FACE_TO_FACE),
    ("phone", APPOINTMENTS_TELEPHONE),
    ("online", APPOINTMENTS_VIDEO_ONLINE),
    ("dna", APPOINTMENTS_DNA),
];

/// What the month column holds, as reasons ask for it.
const MONTH: &str = "a month like 2023-03";

/// Reads the derived table: appointment counts per practice and month, and each
/// practice's latest registered list.
pub(crate) fn read<R: Read>(table: &mut CsvRows<R>, report: &mut ReportBuilder) -> Extract {
    let Some(cols) = required(
        table,
        report,
        &[&["month"], &["gp_code", "practice_code"], &["total"]],
    ) else {
        return Extract::default();
    };
    let [month_col, code_col, total_col] = cols[..] else {
        return Extract::default();
    };
    let part_cols: Vec<(usize, &str)> = PART_COLUMNS
        .iter()
        .filter_map(|&(name, id)| table.header.find(&[name]).map(|c| (c, id)))
        .collect();
    let list_col = table.header.find(&["list_size"]);
    let mut builder = SeriesBuilder::default();
    let mut latest = LatestByPractice::default();
    let mut seen: HashMap<(String, Period), u64> = HashMap::new();
    let mut not_published = 0u64;
    table.for_each_row(report, |row, warnings| {
        let month = row.get(month_col, |t| {
            parse_month(t)
                .ok_or_else(|| format!("not a month; expected {MONTH}"))
                .and_then(|m| file_month(m, MONTH))
        })?;
        let code = row.get(code_col, parse_practice_code)?;
        let total = row.get(total_col, |t| parse_count(t, expect::APPOINTMENTS))?;
        // Every cell is read before anything is kept: a row is kept whole or not at all.
        let mut parts = Vec::with_capacity(part_cols.len());
        for &(col, id) in &part_cols {
            if let Some(count) = row.get_optional(Some(col), |t| parse_count(t, expect::APPOINTMENTS))? {
                parts.push((col, id, count));
            }
        }
        let list_size = row.get_optional(list_col, |t| parse_list_size(t, expect::PATIENTS))?;
        if let Some(&first) = seen.get(&(code.clone(), month)) {
            return Err(row.problem(
                Severity::RowRejected,
                code_col,
                &code,
                format!("practice {code} is already on line {first} for {month}; expected each practice once per month"),
            ));
        }
        seen.insert((code.clone(), month), row.line);
        not_published += (part_cols.len() - parts.len()) as u64;
        for &(col, _, count) in &parts {
            if count > total {
                warnings.push(row.problem(
                    Severity::Warning,
                    col,
                    &row.text(col),
                    format!("more than the month's {total} appointments in all; kept, but check the row"),
                ));
            }
        }
        let counts = std::iter::once((APPOINTMENTS_TOTAL, total))
            .chain(parts.iter().map(|&(_, id, count)| (id, count)));
        for (id, count) in counts {
            // The month's registered list, when published, is what the count is
            // against: a practice's list changes (and jumps at a merger).
            let point = Point {
                period: month,
                numerator: Some(count as f64),
                denominator: list_size.filter(|&l| l > 0).map(|l| l as f64),
                value: None,
            };
            // Cannot fail: the practice and month were checked to be new above.
            let _ = builder.insert(id, &code, point, row.line);
        }
        latest.note(&code, month, row.line, list_size);
        Ok(())
    });
    if not_published > 0 {
        report.push(Problem::file(
            Severity::Warning,
            format!(
                "{not_published} appointment counts are empty (not published) and are left out"
            ),
        ));
    }
    for warning in builder.isolated_period_warnings() {
        report.push(warning);
    }
    let mut extract = Extract::default();
    latest.finish(&mut extract);
    extract.series = builder.finish();
    extract
}
