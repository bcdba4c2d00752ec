//! QOF recorded prevalence as a derived table: one row per practice, the percentage of
//! each register and no counts (github.com/amcunningham/gp-oc-dashboard,
//! `qof_prevalence_2425.csv`; header `gp_code`, then `<group>_prev` for the 21 QOF
//! groups: `af_prev`, `ast_prev`, … `stia_prev`).
//!
//! Each `<group>_prev` column fills the register indicator the raw-data reader fills for
//! that group ([`register_id`]: `dm_prev` gives `register_diabetes`), for the QOF year in
//! the file name, as a value only: the percentage as published, on the scale the engine
//! shows proportions and keeps stated values (9.22 for 9.22%). Each percentage is over
//! the register's own list type (all ages, 18+, 16+ …), as QOF publishes it.

use super::qof::qof_year_in_file_name;
use super::{parse_percentage, parse_practice_code, required};
use crate::catalogue::register_id;
use crate::ingest::extract::{Extract, PracticeFact, SeriesBuilder};
use crate::ingest::format::is_qof_percent_column;
use crate::ingest::report::{Problem, Severity};
use crate::ingest::table::{CsvRows, ReportBuilder};
use crate::ingest::text::normalise_header;
use crate::ingest::values::Date;
use crate::model::{Period, Point};
use std::collections::HashMap;
use std::io::Read;

/// The register indicator of a `<group>_prev` column (compared after
/// [`normalise_header`]): `dm_prev` gives `register_diabetes`; `None` for any other
/// column.
pub fn register_of_column(name: &str) -> Option<String> {
    let name = normalise_header(name);
    if !is_qof_percent_column(&name) {
        return None;
    }
    name.strip_suffix("_prev").map(register_id)
}

/// Reads the derived prevalence table: per practice, each register's recorded
/// prevalence (%) for the QOF year the file name gives.
pub(crate) fn read<R: Read>(
    file_name: &str,
    table: &mut CsvRows<R>,
    report: &mut ReportBuilder,
) -> Extract {
    let Some(start_year) = qof_year_in_file_name(file_name) else {
        report.push(Problem::file(
            Severity::FileRefused,
            "cannot tell the QOF year: expected it in the file name, like qof_prevalence_2425_04C.csv for 2024/25",
        ));
        return Extract::default();
    };
    let Some(cols) = required(table, report, &[&["gp_code", "practice_code"]]) else {
        return Extract::default();
    };
    let code_col = cols[0];
    let registers: Vec<(usize, String)> = (0..table.header.len())
        .filter_map(|col| register_of_column(table.header.name(col)).map(|id| (col, id)))
        .collect();
    let period = Period::FinancialYear { start_year };
    // What the row says of the practice is true at the end of the QOF year.
    let as_of = Date::new(start_year + 1, 3, 31);
    let mut builder = SeriesBuilder::default();
    let mut extract = Extract::default();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut not_published = 0u64;
    table.for_each_row(report, |row, _| {
        let code = row.get(code_col, parse_practice_code)?;
        let mut values = Vec::with_capacity(registers.len());
        for (col, id) in &registers {
            if let Some(value) = row.get_optional(Some(*col), parse_percentage)? {
                values.push((id, value));
            }
        }
        if let Some(&first) = seen.get(&code) {
            return Err(row.problem(
                Severity::RowRejected,
                code_col,
                &code,
                format!("practice {code} is already on line {first}; expected each practice once"),
            ));
        }
        seen.insert(code.clone(), row.line);
        not_published += (registers.len() - values.len()) as u64;
        for (id, value) in values {
            let point = Point {
                period,
                numerator: None,
                denominator: None,
                value: Some(value),
            };
            // Cannot fail: the practice was checked to be new above.
            let _ = builder.insert(id, &code, point, row.line);
        }
        extract.practices.push(PracticeFact {
            as_of,
            ..PracticeFact::new(code, row.line)
        });
        Ok(())
    });
    if not_published > 0 {
        report.push(Problem::file(
            Severity::Warning,
            format!("{not_published} prevalence values are empty (not published) and are left out"),
        ));
    }
    extract.series = builder.finish();
    extract
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_name_the_registers_the_raw_data_fills() {
        assert_eq!(
            register_of_column("dm_prev").as_deref(),
            Some("register_diabetes")
        );
        assert_eq!(
            register_of_column("MH_PREV").as_deref(),
            Some("register_smi")
        );
        assert_eq!(
            register_of_column("stia_prev").as_deref(),
            Some("register_stroke_tia")
        );
        assert_eq!(
            register_of_column("ast_prev").as_deref(),
            Some("register_asthma")
        );
        assert_eq!(register_of_column("gp_code"), None);
        assert_eq!(register_of_column("xyz_prev"), None);
        assert_eq!(register_of_column("dm"), None);
    }
}
