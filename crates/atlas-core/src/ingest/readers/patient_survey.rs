//! The GP Patient Survey as a derived table: one row per practice and survey year, the
//! weighted practice results of three questions (github.com/amcunningham/gp-oc-dashboard,
//! `gpps_long.csv`; header `gp_code, year, satisfaction, source_col_satisfaction,
//! phone_easy, source_col_phone_easy, continuity, source_col_continuity, wave`).
//!
//! `satisfaction`, `phone_easy` and `continuity` are percentages of respondents and
//! become [`GPPS_OVERALL_EXPERIENCE_GOOD`], [`GPPS_PHONE_EASY`] and [`GPPS_CONTINUITY`],
//! as values only: each is an estimate from a sample of a few hundred patients at most,
//! with no count to put an interval on. The survey year (fieldwork in the first months
//! of the year, results in July) is shown as the financial year that starts in it
//! (2023 is 2023/24), as the Fingertips reader shows a calendar year, so that the same
//! survey read from either meets in the same period. The `source_col_*` columns name the
//! questionnaire column each figure came from and are not kept.

use super::{parse_percentage, parse_practice_code, required, Wanted};
use crate::catalogue::{GPPS_CONTINUITY, GPPS_OVERALL_EXPERIENCE_GOOD, GPPS_PHONE_EASY};
use crate::ingest::extract::{Extract, PracticeFact, SeriesBuilder};
use crate::ingest::report::{Problem, Severity};
use crate::ingest::table::{CsvRows, ReportBuilder};
use crate::ingest::text::normalise_value;
use crate::model::{Period, Point};
use std::collections::{BTreeMap, HashMap};
use std::io::Read;

/// The table's result columns and the catalogue ids they fill.
const RESULT_COLUMNS: [(Wanted, &str); 3] = [
    (&["satisfaction"], GPPS_OVERALL_EXPERIENCE_GOOD),
    (&["phone_easy"], GPPS_PHONE_EASY),
    (&["continuity"], GPPS_CONTINUITY),
];

/// What the year column holds, as reasons ask for it.
const SURVEY_YEAR: &str = "a survey year like 2023";

/// The survey year of a `year` cell: four digits, from 2007 (the first survey by
/// practice in this form) to 2100.
pub fn parse_survey_year(text: &str) -> Result<i32, String> {
    let text = text.trim();
    let year: Option<i32> = (text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten();
    match year {
        Some(year) if (2007..=2100).contains(&year) => Ok(year),
        _ => Err(format!("not a survey year; expected {SURVEY_YEAR}")),
    }
}

/// The period a survey year is shown as: the financial year starting in it.
pub fn survey_period(year: i32) -> Period {
    Period::FinancialYear { start_year: year }
}

/// Reads the derived survey table: per practice and survey year, the three results.
pub(crate) fn read<R: Read>(table: &mut CsvRows<R>, report: &mut ReportBuilder) -> Extract {
    let Some(cols) = required(table, report, &[&["gp_code", "practice_code"], &["year"]]) else {
        return Extract::default();
    };
    let [code_col, year_col] = cols[..] else {
        return Extract::default();
    };
    let result_cols: Vec<(usize, &str)> = RESULT_COLUMNS
        .iter()
        .filter_map(|&(names, id)| table.header.find(names).map(|c| (c, id)))
        .collect();
    let wave_col = table.header.find(&["wave"]);
    let mut builder = SeriesBuilder::default();
    let mut seen: HashMap<(String, i32), u64> = HashMap::new();
    // Each practice's latest survey year and its line.
    let mut latest: BTreeMap<String, (i32, u64)> = BTreeMap::new();
    let mut not_published = 0u64;
    table.for_each_row(report, |row, _| {
        let code = row.get(code_col, parse_practice_code)?;
        let year = row.get(year_col, parse_survey_year)?;
        // The annual survey only: the earlier twice-yearly waves would give two results
        // for one year.
        row.get_optional(wave_col, |t| {
            (normalise_value(t) == "annual")
                .then_some(())
                .ok_or_else(|| "not a wave this reader reads; expected annual".to_string())
        })?;
        let mut values = Vec::with_capacity(result_cols.len());
        for &(col, id) in &result_cols {
            if let Some(value) = row.get_optional(Some(col), parse_percentage)? {
                values.push((id, value));
            }
        }
        if let Some(&first) = seen.get(&(code.clone(), year)) {
            return Err(row.problem(
                Severity::RowRejected,
                code_col,
                &code,
                format!("practice {code} is already on line {first} for {year}; expected each practice once per survey year"),
            ));
        }
        seen.insert((code.clone(), year), row.line);
        not_published += (result_cols.len() - values.len()) as u64;
        let period = survey_period(year);
        for (id, value) in values {
            let point = Point { period, numerator: None, denominator: None, value: Some(value) };
            // Cannot fail: the practice and year were checked to be new above.
            let _ = builder.insert(id, &code, point, row.line);
        }
        let entry = latest.entry(code).or_insert((year, row.line));
        if year > entry.0 {
            *entry = (year, row.line);
        }
        Ok(())
    });
    if not_published > 0 {
        report.push(Problem::file(
            Severity::Warning,
            format!("{not_published} survey results are empty (not published) and are left out"),
        ));
    }
    Extract {
        practices: (latest.into_iter())
            .map(|(code, (_, line))| PracticeFact::new(code, line))
            .collect(),
        series: builder.finish(),
        ..Extract::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn survey_years_are_four_digits() {
        assert_eq!(parse_survey_year("2023"), Ok(2023));
        assert_eq!(parse_survey_year(" 2017 "), Ok(2017));
        for bad in ["23", "2023/24", "1999", "twenty", ""] {
            assert!(parse_survey_year(bad).is_err(), "{bad}");
        }
        assert_eq!(
            survey_period(2023).to_string(),
            "2023/24",
            "shown as the financial year starting in it"
        );
    }
}
