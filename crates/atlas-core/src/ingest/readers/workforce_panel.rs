//! General Practice Workforce as a derived table: one row per practice and quarterly
//! census, the practice-level CSVs' figures side by side
//! (github.com/amcunningham/gp-oc-dashboard, `workforce_panel.csv`; header `period, prac,
//! patients, gp_fte, gp_fte_fq, nurse_fte, dpc_fte, admin_fte, gp_exrl_fte, nurses_fte,
//! date, gp_fte_fq_per10k`).
//!
//! The FTE columns fill the catalogue's workforce indicators as the national reader does
//! ([`super::workforce`]), and fully qualified GP FTE over registered patients gives
//! [`GP_FTE_FQ_PER_10K`]. The all-GP series (`gp_fte`) breaks between the March and June
//! 2018 censuses, when the census's coverage of GP trainees changed nationally (about
//! +13% overnight, as the table's source warns); the fully qualified series does not. So
//! all-GP FTE is kept from June 2018 only ([`GP_FTE_SERIES_START`]), and the fully
//! qualified rate is the measure to follow across 2018. `gp_exrl_fte` (GPs excluding
//! registrars and locums, filled in some vintages) is another measure and is not read.

use super::{expect, parse_practice_code, required, LatestByPractice};
use crate::catalogue::{ADMIN_FTE, DPC_FTE, GP_FTE, GP_FTE_FQ_PER_10K, NURSES_FTE};
use crate::ingest::extract::{Extract, SeriesBuilder};
use crate::ingest::report::{Problem, Severity};
use crate::ingest::table::{CsvRows, ReportBuilder, Row};
use crate::ingest::values::{file_month, parse_list_size, parse_month, parse_non_negative};
use crate::model::{Period, Point};
use std::collections::HashMap;
use std::io::Read;

/// The first census of the all-GP FTE series: June 2018, after the change in trainee
/// coverage between the March and June 2018 censuses.
pub const GP_FTE_SERIES_START: Period = Period::Month {
    year: 2018,
    month: 6,
};

/// What the period column holds, as reasons ask for it.
const CENSUS_MONTH: &str = "a census month like 201803 (March 2018)";

/// How far a published rate may be from fully qualified GP FTE / patients × 10,000
/// before it is questioned: the table writes the rate unrounded, so any difference
/// larger than rounding says a column was misread.
const RATE_TOLERANCE: f64 = 1e-6;

/// The census month of a `period` cell: `201803` (year and month), or any month
/// [`parse_month`] reads (`2018-03`, `2018-03-31`).
pub fn parse_census_month(text: &str) -> Option<Period> {
    let text = text.trim();
    if text.len() == 6 && text.bytes().all(|b| b.is_ascii_digit()) {
        return Period::month(text[..4].parse().ok()?, text[4..].parse().ok()?);
    }
    parse_month(text)
}

/// Fully qualified GP FTE per 10,000 registered patients: `fte / patients × 10,000`;
/// `None` without patients.
pub fn per_10k(fte: f64, patients: u64) -> Option<f64> {
    (patients > 0).then(|| fte / patients as f64 * 10_000.0)
}

/// True for a cell the table leaves as published without a number: blank, or `inf`
/// (a rate over no patients).
fn not_a_figure(text: &str) -> bool {
    let text = text.trim();
    text.is_empty()
        || text
            .trim_start_matches(['+', '-'])
            .eq_ignore_ascii_case("inf")
}

/// The columns of the table this reader uses.
struct Columns {
    period: usize,
    code: usize,
    patients: Option<usize>,
    gp: Option<usize>,
    fully_qualified: Option<usize>,
    /// `nurse_fte` and `nurses_fte`: the same measure under two names by vintage.
    nurses: Vec<usize>,
    dpc: Option<usize>,
    admin: Option<usize>,
    rate: Option<usize>,
}

/// One row's figures, read before any is kept.
struct Figures {
    patients: Option<u64>,
    gp: Option<f64>,
    fully_qualified: Option<f64>,
    nurses: Option<f64>,
    dpc: Option<f64>,
    admin: Option<f64>,
    rate: Option<f64>,
    /// FTE cells left empty (not published); the two nurse columns count as one.
    blanks: u64,
}

impl Figures {
    fn read(row: &Row<'_>, cols: &Columns, warnings: &mut Vec<Problem>) -> Result<Self, Problem> {
        let fte =
            |col: Option<usize>| row.get_optional(col, |t| parse_non_negative(t, expect::FTE));
        let mut nurse_figures = Vec::new();
        for &col in &cols.nurses {
            if let Some(value) = fte(Some(col))? {
                nurse_figures.push((col, value));
            }
        }
        let nurses = match nurse_figures[..] {
            [(_, first), (col, second), ..] if first != second => {
                warnings.push(row.problem(
                    Severity::Warning,
                    col,
                    &row.text(col),
                    format!("nurse FTE is {first} in the other nurse column; expected the same figure under both names: neither is kept for this row"),
                ));
                None
            }
            [(_, value), ..] => Some(value),
            [] => None,
        };
        let blank = |col: Option<usize>| col.is_some_and(|c| row.text(c).trim().is_empty());
        let blanks = [cols.gp, cols.fully_qualified, cols.dpc, cols.admin]
            .into_iter()
            .filter(|&c| blank(c))
            .count()
            + usize::from(!cols.nurses.is_empty() && nurse_figures.is_empty());
        let rate = match cols.rate {
            Some(col) if !not_a_figure(&row.text(col)) => Some(row.get(col, |t| {
                parse_non_negative(t, "a number of GP FTE per 10,000 patients, like 3.4")
            })?),
            _ => None,
        };
        Ok(Figures {
            patients: row.get_optional(cols.patients, |t| parse_list_size(t, expect::PATIENTS))?,
            gp: fte(cols.gp)?,
            fully_qualified: fte(cols.fully_qualified)?,
            nurses,
            dpc: fte(cols.dpc)?,
            admin: fte(cols.admin)?,
            rate,
            blanks: blanks as u64,
        })
    }
}

/// Reads the derived workforce table: FTE by staff group per practice and census,
/// fully qualified GP FTE per 10,000 patients, and each practice's latest list.
pub(crate) fn read<R: Read>(table: &mut CsvRows<R>, report: &mut ReportBuilder) -> Extract {
    let Some(found) = required(
        table,
        report,
        &[&["period"], &["prac", "prac_code", "practice_code"]],
    ) else {
        return Extract::default();
    };
    let header = &table.header;
    let cols = Columns {
        period: found[0],
        code: found[1],
        patients: header.find(&["patients", "total_patients"]),
        gp: header.find(&["gp_fte"]),
        fully_qualified: header.find(&["gp_fte_fq"]),
        nurses: (["nurses_fte", "nurse_fte"].iter())
            .filter_map(|name| header.find(&[name]))
            .collect(),
        dpc: header.find(&["dpc_fte"]),
        admin: header.find(&["admin_fte"]),
        rate: header.find(&["gp_fte_fq_per10k", "gp_fte_fq_per_10k"]),
    };
    let mut builder = SeriesBuilder::default();
    let mut latest = LatestByPractice::default();
    let mut seen: HashMap<(String, Period), u64> = HashMap::new();
    let (mut not_published, mut before_break, mut without_patients) = (0u64, 0u64, 0u64);
    table.for_each_row(report, |row, warnings| {
        let month = row.get(cols.period, |t| {
            parse_census_month(t)
                .ok_or_else(|| format!("not a census month; expected {CENSUS_MONTH}"))
                .and_then(|m| file_month(m, CENSUS_MONTH))
        })?;
        let code = row.get(cols.code, parse_practice_code)?;
        let mut row_warnings = Vec::new();
        let figures = Figures::read(row, &cols, &mut row_warnings)?;
        if let Some(&first) = seen.get(&(code.clone(), month)) {
            return Err(row.problem(
                Severity::RowRejected,
                cols.code,
                &code,
                format!("practice {code} is already on line {first} for {month}; expected each practice once per census"),
            ));
        }
        seen.insert((code.clone(), month), row.line);
        warnings.append(&mut row_warnings);
        not_published += figures.blanks;
        let gp = figures.gp.filter(|_| {
            let after = month >= GP_FTE_SERIES_START;
            before_break += u64::from(!after);
            after
        });
        let values = [(GP_FTE, gp), (NURSES_FTE, figures.nurses), (DPC_FTE, figures.dpc), (ADMIN_FTE, figures.admin)];
        // Every FTE carries the census's registered patients: rates per patient are taken
        // against them (a list changes, and jumps at a merger), and they are the
        // registers the census publishes (`summary::census_registers`).
        let patients = figures.patients.filter(|&p| p > 0).map(|p| p as f64);
        for (id, value) in values {
            if let Some(value) = value {
                let point = Point { period: month, numerator: None, denominator: patients, value: Some(value) };
                // Cannot fail: the practice and census were checked to be new above.
                let _ = builder.insert(id, &code, point, row.line);
            }
        }
        match (figures.fully_qualified, figures.patients) {
            (Some(fte), Some(patients)) if patients > 0 => {
                let computed = per_10k(fte, patients).unwrap_or(0.0);
                if let (Some(published), Some(col)) = (figures.rate, cols.rate) {
                    if (published - computed).abs() > RATE_TOLERANCE * computed.max(1.0) {
                        warnings.push(row.problem(
                            Severity::Warning,
                            col,
                            &row.text(col),
                            format!("gp_fte_fq / patients × 10,000 is {computed:.4}; the published rate is kept, but check the row"),
                        ));
                    }
                }
                let point = Point {
                    period: month,
                    numerator: Some(fte),
                    denominator: Some(patients as f64),
                    value: Some(figures.rate.unwrap_or(computed)),
                };
                let _ = builder.insert(GP_FTE_FQ_PER_10K, &code, point, row.line);
            }
            (Some(_), _) => without_patients += 1,
            (None, _) => {}
        }
        latest.note(&code, month, row.line, figures.patients.filter(|&p| p > 0));
        Ok(())
    });
    if before_break > 0 {
        report.push(Problem::file(
            Severity::Warning,
            format!("{before_break} all-GP FTE values are from censuses before June 2018 and are left out: the all-GP series breaks between March and June 2018 (the census's coverage of GP trainees changed); fully qualified GP FTE, which does not break, is kept for every census in {GP_FTE_FQ_PER_10K}"),
        ));
    }
    if without_patients > 0 {
        report.push(Problem::file(
            Severity::Warning,
            format!("{without_patients} rows have fully qualified GP FTE but no registered patients: they have no GP FTE per 10,000 patients"),
        ));
    }
    if not_published > 0 {
        report.push(Problem::file(
            Severity::Warning,
            format!("{not_published} full-time-equivalent values are empty (not published) and are left out"),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn census_months_as_the_table_writes_them() {
        assert_eq!(parse_census_month("201803"), Period::month(2018, 3));
        assert_eq!(parse_census_month(" 202603 "), Period::month(2026, 3));
        assert_eq!(parse_census_month("2018-06"), Period::month(2018, 6));
        assert_eq!(parse_census_month("201813"), None);
        assert_eq!(parse_census_month("20183"), None);
        assert_eq!(parse_census_month("March"), None);
    }

    #[test]
    fn the_rate_is_per_ten_thousand_patients() {
        // C82005, March 2018: 3.18 fully qualified GP FTE for 9,355 patients; the table
        // publishes 3.3992517370390165.
        let rate = per_10k(3.18, 9_355).unwrap();
        assert!((rate - 3.399_251_737_039_016_5).abs() < 1e-12);
        assert_eq!(per_10k(3.18, 0), None);
    }

    #[test]
    fn inf_and_blank_are_not_figures() {
        assert!(not_a_figure(""));
        assert!(not_a_figure(" inf "));
        assert!(not_a_figure("-INF"));
        assert!(!not_a_figure("3.4"));
        assert!(!not_a_figure("information"));
    }

    #[test]
    fn the_all_gp_series_starts_after_the_2018_break() {
        assert!(Period::month(2018, 3).unwrap() < GP_FTE_SERIES_START);
        assert!(Period::month(2018, 6).unwrap() >= GP_FTE_SERIES_START);
    }
}
