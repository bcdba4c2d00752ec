//! General Practice Workforce, practice-level CSV: full-time equivalents by staff group,
//! for the month the file is for (a date column when there is one, else the file name).
//! `ND`, `EST` and `NS` mark values that are not published; they are left out.

use super::{expect, required};
use crate::catalogue::{ADMIN_FTE, DPC_FTE, GP_FTE, NURSES_FTE};
use crate::ingest::extract::{Extract, ListSizeFact, PcnFact, PracticeFact, SeriesBuilder};
use crate::ingest::report::{Problem, Severity};
use crate::ingest::table::{CsvRows, ReportBuilder};
use crate::ingest::values;
use crate::ingest::values::{
    month_in_file_name, parse_code, parse_month, parse_name, parse_non_negative, Date,
};
use crate::model::{Period, Point};
use std::collections::HashSet;
use std::io::Read;

/// The published FTE columns and the catalogue ids they fill.
const FTE_COLUMNS: [(&str, &str); 4] = [
    ("total_gp_fte", GP_FTE),
    ("total_nurses_fte", NURSES_FTE),
    ("total_dpc_fte", DPC_FTE),
    ("total_admin_fte", ADMIN_FTE),
];

/// True for a marker of a value that is not published.
fn is_suppressed(text: &str) -> bool {
    matches!(
        text.trim().to_uppercase().as_str(),
        "ND" | "EST" | "NS" | "NA" | "N/A" | "*" | "-"
    )
}

/// Reads a practice-level workforce file.
pub(crate) fn read<R: Read>(
    file_name: &str,
    table: &mut CsvRows<R>,
    report: &mut ReportBuilder,
) -> Extract {
    let Some(cols) = required(table, report, &[&["prac_code", "practice_code"]]) else {
        return Extract::default();
    };
    let code_col = cols[0];
    let date_col = table
        .header
        .find(&["extract_date", "census_date", "date", "month"]);
    let name_col = table.header.find(&["prac_name", "practice_name"]);
    let pcn_col = table.header.find(&["pcn_code"]);
    let pcn_name_col = table.header.find(&["pcn_name"]);
    let patients_col = table.header.find(&["total_patients"]);
    let fte_cols: Vec<(usize, &str)> = FTE_COLUMNS
        .iter()
        .filter_map(|&(name, id)| table.header.find(&[name]).map(|c| (c, id)))
        .collect();
    let file_month = month_in_file_name(file_name);
    if date_col.is_none() && file_month.is_none() {
        report.push(Problem::file(
            Severity::FileRefused,
            "cannot tell which month this workforce file is for: expected it in the file name as published, like \"General Practice – September 2023 Practice Level.csv\"",
        ));
        return Extract::default();
    }
    let mut builder = SeriesBuilder::default();
    let mut extract = Extract::default();
    let mut suppressed = 0u64;
    let mut pcns_seen = HashSet::new();
    table.for_each_row(report, |row, _| {
        let code = row.get(code_col, |t| parse_code(t, expect::PRACTICE_CODE))?;
        let month: Period = match (date_col, file_month) {
            (Some(col), _) => row.get(col, |t| parse_month(t).ok_or_else(|| format!("not a date; expected {}", expect::MONTH)).and_then(|m| values::file_month(m, expect::MONTH)))?,
            (None, Some(month)) => month,
            (None, None) => return Err(row.row_problem(Severity::RowRejected, "no month for this row")),
        };
        let as_of = Date::new(month.start().0, month.start().1, 1);
        for &(col, id) in &fte_cols {
            let text = row.text(col);
            if is_suppressed(&text) || text.trim().is_empty() {
                suppressed += 1;
                continue;
            }
            let fte = row.get(col, |t| parse_non_negative(t, "a full-time equivalent, like 4.25, or ND, EST or NS"))?;
            let point = Point { period: month, numerator: None, denominator: None, value: Some(fte) };
            builder.insert(id, &code, point, row.line).map_err(|first| {
                row.problem(Severity::RowRejected, code_col, &code, format!("practice {code} is already on line {first} for {month}; expected each practice once per month"))
            })?;
        }
        if let Some(col) = patients_col {
            let text = row.text(col);
            if !is_suppressed(&text) && !text.trim().is_empty() {
                let list_size = row.get(col, |t| values::parse_list_size(t, expect::PATIENTS))?;
                extract.list_sizes.push(ListSizeFact { practice_code: code.clone(), list_size, as_of, line: row.line });
            }
        }
        let pcn_code = row.optional(pcn_col).and_then(|c| parse_code(&c, expect::PCN_CODE).ok());
        if let (Some(pcn), Some(name)) = (&pcn_code, row.optional(pcn_name_col).and_then(|n| parse_name(&n, expect::PCN_NAME).ok())) {
            if pcns_seen.insert(pcn.clone()) {
                extract.pcns.push(PcnFact { code: pcn.clone(), name, as_of, line: row.line });
            }
        }
        extract.practices.push(PracticeFact {
            name: row.optional(name_col).and_then(|n| parse_name(&n, expect::PRACTICE_NAME).ok()),
            pcn_code,
            as_of,
            ..PracticeFact::new(code, row.line)
        });
        Ok(())
    });
    if suppressed > 0 {
        report.push(Problem::file(
            Severity::Warning,
            format!("{suppressed} full-time-equivalent values are not published (ND, EST, NS or blank) and are left out"),
        ));
    }
    extract.series = builder.finish();
    extract
}
