//! A Fingertips data export: one row per indicator, area, sex, age, category and
//! period. Rows for an inequality breakdown (a category) are left out; the rest become
//! series with the id `fingertips_<indicator id>` (and the sex, when not persons).

use super::{expect, required};
use crate::ingest::extract::{Extract, SeriesBuilder};
use crate::ingest::report::{Problem, Severity};
use crate::ingest::table::{ReportBuilder, Table};
use crate::ingest::text::normalise_value;
use crate::ingest::values::{
    parse_code, parse_fingertips_period, parse_name, parse_non_negative, parse_number,
};
use crate::model::{Domain, Indicator, Point, Polarity, Unit};
use std::collections::HashSet;
use std::io::Read;

/// An area code without the `n` prefix some exports put before codes.
pub fn strip_area_prefix(code: &str) -> &str {
    match code.strip_prefix('n') {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit()) => {
            rest
        }
        _ => code,
    }
}

/// Reads a Fingertips export.
pub(crate) fn read<R: Read>(table: &mut Table<R>, report: &mut ReportBuilder) -> Extract {
    let Some(cols) = required(
        table,
        report,
        &[
            &["indicator_id"],
            &["area_code"],
            &["time_period"],
            &["value"],
        ],
    ) else {
        return Extract::default();
    };
    let [id_col, area_col, period_col, value_col] = cols[..] else {
        return Extract::default();
    };
    let name_col = table.header.find(&["indicator_name"]);
    let sex_col = table.header.find(&["sex"]);
    let category_type_col = table.header.find(&["category_type"]);
    let count_col = table.header.find(&["count"]);
    let denominator_col = table.header.find(&["denominator"]);
    let mut builder = SeriesBuilder::default();
    let mut extract = Extract::default();
    let mut indicators_seen = HashSet::new();
    let mut calendar_years = 0u64;
    table.for_each_row(report, |row, _| {
        if row.optional(category_type_col).is_some() {
            return Ok(()); // an inequality breakdown: not a series of its own here
        }
        let source_id = row.get(id_col, |t| parse_code(t, "a Fingertips indicator id, like 93553"))?;
        let area = row.get(area_col, |t| parse_code(t, expect::AREA_CODE))?;
        let area = strip_area_prefix(&area).to_string();
        let (period, approximated) = row.get(period_col, |t| {
            parse_fingertips_period(t).ok_or_else(|| "not a period; expected a time period like 2019/20, 2019/20 Q1 or 2019".to_string())
        })?;
        let value = row.get_optional(Some(value_col), |t| parse_number(t, "a value, like 21.72"))?;
        let count = row.get_optional(count_col, |t| parse_non_negative(t, "a count, like 42"))?;
        let denominator = row.get_optional(denominator_col, |t| parse_non_negative(t, "a denominator, like 1200"))?;
        if value.is_none() && count.is_none() {
            return Ok(()); // Fingertips lists areas with no value; nothing to keep
        }
        calendar_years += u64::from(approximated);
        let sex = row.optional(sex_col).map(|s| normalise_value(&s)).filter(|s| s != "persons");
        let id = match sex {
            Some(sex) => format!("fingertips_{source_id}_{}", sex.replace(' ', "_")),
            None => format!("fingertips_{source_id}"),
        };
        if indicators_seen.insert(id.clone()) {
            let name = row.optional(name_col).and_then(|n| parse_name(&n, "an indicator name").ok()).unwrap_or_else(|| id.clone());
            extract.indicators.push(Indicator {
                id: id.clone(),
                name,
                domain: Domain::Outcomes,
                unit: Unit::Mean,
                polarity: Polarity::NoJudgement,
                comparison: Default::default(),
            });
        }
        let point = Point { period, numerator: count, denominator, value };
        match builder.insert(&id, &area, point, row.line) {
            Ok(()) => Ok(()),
            // England is listed once per parent: the same value twice is not a conflict.
            Err(_) if builder.get(&id, &area, period) == Some(&point) => Ok(()),
            Err(first) => Err(row.row_problem(
                Severity::RowRejected,
                format!("indicator {source_id} for area {area} in {period} is already on line {first} with another value; expected one value"),
            )),
        }
    });
    if calendar_years > 0 {
        report.push(Problem::file(
            Severity::Warning,
            format!("{calendar_years} values are for a calendar year (like 2019); each is shown as the financial year starting in it (2019/20)"),
        ));
    }
    extract.series = builder.finish();
    extract
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn n_prefixes_are_removed() {
        assert_eq!(strip_area_prefix("nE38000097"), "E38000097");
        assert_eq!(strip_area_prefix("C82005"), "C82005");
        assert_eq!(strip_area_prefix("north"), "north");
    }
}
