//! The canonical files (see FORMATS.md): practices, areas, indicator values in long
//! form, indicator metadata, and targets.

use super::{expect, required};
use crate::ingest::extract::{
    AreaFact, AreaKind, Extract, ListSizeFact, PcnFact, PracticeFact, SeriesBuilder,
};
use crate::ingest::report::{Problem, Severity};
use crate::ingest::table::{CsvRows, ReportBuilder, Row};
use crate::ingest::values::{
    parse_code, parse_comparison_method, parse_count, parse_date, parse_domain, parse_list_size,
    parse_name, parse_non_negative, parse_number, parse_org_code, parse_polarity, parse_unit,
};
use crate::model::{Indicator, LatLon, Period, Point, Target, TargetArea, Unit};
use std::collections::HashMap;
use std::io::Read;

/// The last year a period can be in: targets run years ahead, but not centuries.
const LAST_YEAR: i32 = 2100;

/// Reads a period cell with `Period::parse`, whose error says what was expected; a year
/// before the NHS began or after 2100 is a typing slip, not a period.
fn period(text: &str) -> Result<Period, String> {
    let period = Period::parse(text).map_err(|e| e.to_string())?;
    let (year, _) = period.start();
    if (crate::ingest::values::FIRST_YEAR..=LAST_YEAR).contains(&year) {
        Ok(period)
    } else {
        Err(format!(
            "{} is outside {}–{LAST_YEAR}; expected a period like 2022-03, 2022-Q3 or 2022/23",
            period.label(),
            crate::ingest::values::FIRST_YEAR
        ))
    }
}

/// A latitude or longitude within its range.
fn coordinate(text: &str, what: &str, limit: f64) -> Result<f64, String> {
    let value = parse_number(text, what)?;
    if value.abs() <= limit {
        Ok(value)
    } else {
        Err(format!("out of range; expected {what}"))
    }
}

/// The location of a practice row, when both coordinates are given and valid; a
/// warning (the row is kept without a location) otherwise.
fn location(
    row: &Row<'_>,
    lat: Option<usize>,
    lon: Option<usize>,
    warnings: &mut Vec<Problem>,
) -> Option<LatLon> {
    let lat_value = row.get_optional(lat, |t| {
        coordinate(t, "a latitude in degrees, like 52.6344", 90.0)
    });
    let lon_value = row.get_optional(lon, |t| {
        coordinate(t, "a longitude in degrees, like -1.1505", 180.0)
    });
    match (lat_value, lon_value) {
        (Ok(Some(lat)), Ok(Some(lon))) => Some(LatLon { lat, lon }),
        (Ok(None), Ok(None)) => None,
        (Err(mut problem), _) | (_, Err(mut problem)) => {
            problem.severity = Severity::Warning;
            problem
                .reason
                .push_str("; the practice is kept without a location");
            warnings.push(problem);
            None
        }
        _ => {
            warnings.push(row.row_problem(
                Severity::Warning,
                "only one of lat and lon is given; the practice is kept without a location",
            ));
            None
        }
    }
}

/// Reads the canonical practices file.
pub(crate) fn read_practices<R: Read>(
    table: &mut CsvRows<R>,
    report: &mut ReportBuilder,
) -> Extract {
    let Some(cols) = required(
        table,
        report,
        &[
            &["practice_code", "code"],
            &["practice_name", "name"],
            &["pcn_code"],
            &["pcn_name"],
            &["list_size", "registered_patients", "list"],
        ],
    ) else {
        return Extract::default();
    };
    let [code_col, name_col, pcn_col, pcn_name_col, list_col] = cols[..] else {
        return Extract::default();
    };
    let postcode_col = table.header.find(&["postcode", "practice_postcode"]);
    let lat_col = table.header.find(&["lat", "latitude"]);
    let lon_col = table.header.find(&["lon", "lng", "long", "longitude"]);
    let neighbourhood_col = table.header.find(&["neighbourhood", "neighborhood"]);
    let list_date_col = table.header.find(&["list_size_date", "extract_date"]);

    let mut extract = Extract::default();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut pcn_names: HashMap<String, (String, u64)> = HashMap::new();
    table.for_each_row(report, |row, warnings| {
        let code = row.get(code_col, |t| parse_org_code(t, expect::PRACTICE_CODE))?;
        let name = row.get(name_col, |t| parse_name(t, expect::PRACTICE_NAME))?;
        let pcn_code = row.get(pcn_col, |t| parse_org_code(t, expect::PCN_CODE))?;
        let pcn_name = row.get(pcn_name_col, |t| parse_name(t, expect::PCN_NAME))?;
        let list_size = row.get(list_col, |t| parse_list_size(t, expect::PATIENTS))?;
        let as_of = row.get_optional(list_date_col, |t| {
            parse_date(t).ok_or_else(|| {
                "not a date; expected the date the list size is true at, like 2021-01-01"
                    .to_string()
            })
        })?;
        if let Some(&first) = seen.get(&code) {
            return Err(row.problem(
                Severity::RowRejected,
                code_col,
                &code,
                format!("practice {code} is already on line {first}; expected each practice once"),
            ));
        }
        seen.insert(code.clone(), row.line);
        if list_size == 0 {
            warnings.push(row.problem(
                Severity::Warning,
                list_col,
                "0",
                "a list size of 0 patients; kept, but rates for this practice cannot be computed",
            ));
        }
        match pcn_names.get(&pcn_code) {
            Some((known, line)) if known != &pcn_name => warnings.push(row.problem(
                Severity::Warning,
                pcn_name_col,
                &pcn_name,
                format!(
                    "PCN {pcn_code} is named \"{known}\" on line {line}; the first name is used"
                ),
            )),
            Some(_) => {}
            None => {
                pcn_names.insert(pcn_code.clone(), (pcn_name.clone(), row.line));
                extract.pcns.push(PcnFact {
                    code: pcn_code.clone(),
                    name: pcn_name,
                    as_of: None,
                    line: row.line,
                });
            }
        }
        let postcode = row.optional(postcode_col).map(|t| t.trim().to_uppercase());
        let postcode = match postcode {
            Some(p)
                if p.chars().count() > 8
                    || p.chars().any(|c| !c.is_ascii_alphanumeric() && c != ' ') =>
            {
                warnings.push(row.problem(
                    Severity::Warning,
                    postcode_col.unwrap_or(0),
                    &p,
                    "expected a postcode, like LE3 9ED; the practice is kept without one",
                ));
                None
            }
            other => other,
        };
        let location = location(row, lat_col, lon_col, warnings);
        let neighbourhood =
            match row.get_optional(neighbourhood_col, |t| parse_name(t, "a neighbourhood name")) {
                Ok(n) => n,
                Err(mut problem) => {
                    problem.severity = Severity::Warning;
                    warnings.push(problem);
                    None
                }
            };
        extract.list_sizes.push(ListSizeFact {
            practice_code: code.clone(),
            list_size,
            as_of,
            line: row.line,
        });
        extract.practices.push(PracticeFact {
            name: Some(name),
            pcn_code: Some(pcn_code),
            postcode,
            location,
            neighbourhood,
            ..PracticeFact::new(code, row.line)
        });
        Ok(())
    });
    extract
}

/// Reads the canonical areas file: one row for the place and one per PCN, each with the
/// name and the list size a publication states for it.
pub(crate) fn read_areas<R: Read>(table: &mut CsvRows<R>, report: &mut ReportBuilder) -> Extract {
    let Some(cols) = required(
        table,
        report,
        &[
            &["area_type"],
            &["area_code"],
            &["area_name"],
            &["published_list_size"],
        ],
    ) else {
        return Extract::default();
    };
    let [type_col, code_col, name_col, list_col] = cols[..] else {
        return Extract::default();
    };
    let date_col = table.header.find(&["list_size_date", "as_of"]);
    let mut extract = Extract::default();
    let mut seen: HashMap<String, u64> = HashMap::new();
    let mut place_line: Option<u64> = None;
    table.for_each_row(report, |row, _| {
        let kind = row.get(type_col, |t| match t.trim().to_ascii_lowercase().as_str() {
            "place" => Ok(AreaKind::Place),
            "pcn" => Ok(AreaKind::Pcn),
            _ => Err("not an area type; expected place or pcn".to_string()),
        })?;
        let code = row.get(code_col, |t| {
            parse_code(t, "an area code, like 04C or U00147")
        })?;
        let name = row.get(name_col, |t| parse_name(t, "the area's name"))?;
        let published_list_size =
            row.get_optional(Some(list_col), |t| parse_count(t, expect::PATIENTS))?;
        let as_of = row.get_optional(date_col, |t| {
            parse_date(t)
                .map(|d| Period::Month {
                    year: d.year,
                    month: d.month,
                })
                .ok_or_else(|| {
                    "not a date; expected the date the list size is true at, like 2022-04-01"
                        .to_string()
                })
        })?;
        if let (AreaKind::Place, Some(first)) = (kind, place_line) {
            return Err(row.problem(
                Severity::RowRejected,
                type_col,
                "place",
                format!("the place is already on line {first}; expected one place row"),
            ));
        }
        if let Some(&first) = seen.get(&code) {
            return Err(row.problem(
                Severity::RowRejected,
                code_col,
                &code,
                format!("area {code} is already on line {first}; expected each area once"),
            ));
        }
        seen.insert(code.clone(), row.line);
        if kind == AreaKind::Place {
            place_line = Some(row.line);
        }
        extract.areas.push(AreaFact {
            kind,
            code,
            name,
            published_list_size,
            as_of,
            line: row.line,
        });
        Ok(())
    });
    extract
}

/// Reads canonical indicator values in long form.
pub(crate) fn read_indicators<R: Read>(
    table: &mut CsvRows<R>,
    report: &mut ReportBuilder,
) -> Extract {
    let Some(cols) = required(
        table,
        report,
        &[
            &["indicator_id", "indicator"],
            &["area_code", "area"],
            &["period"],
        ],
    ) else {
        return Extract::default();
    };
    let [id_col, area_col, period_col] = cols[..] else {
        return Extract::default();
    };
    let numerator_col = table.header.find(&["numerator", "count"]);
    let denominator_col = table.header.find(&["denominator"]);
    let value_col = table.header.find(&["value"]);
    if numerator_col.is_none() && value_col.is_none() {
        report.push(Problem::file(
            Severity::FileRefused,
            "missing columns numerator and value: the indicators file needs indicator_id, area_code, period, numerator, denominator (value optional)",
        ));
        return Extract::default();
    }
    let mut builder = SeriesBuilder::default();
    table.for_each_row(report, |row, warnings| {
        let id = row.get(id_col, |t| parse_code(t, expect::INDICATOR_ID))?;
        let area = row.get(area_col, |t| parse_org_code(t, expect::AREA_CODE))?;
        let period = row.get(period_col, period)?;
        let numerator = row.get_optional(numerator_col, |t| parse_non_negative(t, "a numerator: a count, like 42"))?;
        let denominator = row.get_optional(denominator_col, |t| parse_non_negative(t, "a denominator: a count, like 1200"))?;
        let value = row.get_optional(value_col, |t| parse_number(t, "a value, like 12.5"))?;
        if numerator.is_none() && value.is_none() {
            return Err(row.row_problem(Severity::RowRejected, "neither a numerator nor a value: expected at least one of them"));
        }
        if let (Some(n), Some(d)) = (numerator, denominator) {
            let d_col = denominator_col.unwrap_or(0);
            if d == 0.0 {
                warnings.push(row.problem(Severity::Warning, d_col, "0", "a denominator of 0; kept, but no rate can be derived from it"));
            } else if n > d {
                warnings.push(row.problem(
                    Severity::Warning,
                    numerator_col.unwrap_or(0),
                    &row.text(numerator_col.unwrap_or(0)),
                    format!("the numerator is above the denominator ({d}); kept, but check the columns are not swapped"),
                ));
            }
        }
        let point = Point { period, numerator, denominator, value };
        builder.insert(&id, &area, point, row.line).map_err(|first| {
            row.row_problem(
                Severity::RowRejected,
                format!("indicator {id} for area {area} in {period} is already on line {first}; expected one row for each indicator, area and period"),
            )
        })
    });
    for warning in builder.isolated_period_warnings() {
        report.push(warning);
    }
    Extract {
        series: builder.finish(),
        ..Extract::default()
    }
}

/// Reads canonical indicator metadata.
pub(crate) fn read_metadata<R: Read>(
    table: &mut CsvRows<R>,
    report: &mut ReportBuilder,
) -> Extract {
    let Some(cols) = required(
        table,
        report,
        &[
            &["indicator_id", "indicator", "id"],
            &["name", "indicator_name"],
            &["domain"],
            &["unit"],
            &["polarity"],
        ],
    ) else {
        return Extract::default();
    };
    let [id_col, name_col, domain_col, unit_col, polarity_col] = cols[..] else {
        return Extract::default();
    };
    // Optional: how Fingertips compares the indicator (blank: both intervals).
    let method_col = table
        .header
        .find(&["comparison_method", "comparison", "method"]);
    let mut extract = Extract::default();
    let mut seen: HashMap<String, u64> = HashMap::new();
    table.for_each_row(report, |row, _| {
        let id = row.get(id_col, |t| parse_code(t, expect::INDICATOR_ID))?;
        let name = row.get(name_col, |t| parse_name(t, "an indicator name"))?;
        let domain = row.get(domain_col, parse_domain)?;
        let unit = row.get(unit_col, parse_unit)?;
        let polarity = row.get(polarity_col, parse_polarity)?;
        let comparison = row.get_optional(method_col, parse_comparison_method)?.unwrap_or_default();
        let fits = match unit {
            Unit::Proportion => !comparison.is_spc_rate(),
            Unit::Rate { .. } | Unit::Ratio => !comparison.is_spc_proportion(),
            Unit::Count | Unit::Mean => !comparison.is_spc(),
        };
        if !fits {
            let col = method_col.unwrap_or(unit_col);
            return Err(row.problem(
                Severity::RowRejected,
                col,
                comparison.id(),
                "SPC for proportions needs a proportion and SPC for rates a rate or ratio; expected a method that fits the unit, such as overlap-both",
            ));
        }
        if let Some(first) = seen.insert(id.clone(), row.line) {
            return Err(row.problem(
                Severity::RowRejected,
                id_col,
                &id,
                format!("indicator {id} is already described on line {first}; expected each indicator once"),
            ));
        }
        extract.indicators.push(Indicator { id, name, domain, unit, polarity, comparison });
        Ok(())
    });
    extract
}

/// Reads canonical targets.
pub(crate) fn read_targets<R: Read>(table: &mut CsvRows<R>, report: &mut ReportBuilder) -> Extract {
    let Some(cols) = required(
        table,
        report,
        &[
            &["indicator_id", "indicator"],
            &["area_code", "area"],
            &["baseline_period"],
            &["baseline_value", "baseline"],
            &["target_value", "target"],
            &["target_period"],
        ],
    ) else {
        return Extract::default();
    };
    let [id_col, area_col, base_period_col, base_value_col, target_value_col, target_period_col] =
        cols[..]
    else {
        return Extract::default();
    };
    let mut extract = Extract::default();
    let mut seen: HashMap<(String, String), u64> = HashMap::new();
    table.for_each_row(report, |row, _| {
        let indicator_id = row.get(id_col, |t| parse_code(t, expect::INDICATOR_ID))?;
        let area_text = row.get(area_col, |t| parse_code(t, "an area code, or ALL for every area"))?;
        let baseline_period = row.get(base_period_col, period)?;
        // Empty: each area starts from its own value at the baseline period.
        let baseline_value = row.get_optional(Some(base_value_col), |t| parse_number(t, "a baseline value, like 62.5, or empty for each area's own value"))?;
        let target_value = row.get(target_value_col, |t| parse_number(t, "a target value, like 70"))?;
        let target_period = row.get(target_period_col, period)?;
        if target_period <= baseline_period {
            return Err(row.problem(
                Severity::RowRejected,
                target_period_col,
                &target_period.to_string(),
                format!("the target period is not after the baseline period {baseline_period}; expected a later period"),
            ));
        }
        let area = if area_text.eq_ignore_ascii_case("all") { TargetArea::All } else { TargetArea::Area(area_text.clone()) };
        if let Some(first) = seen.insert((indicator_id.clone(), area_text.to_uppercase()), row.line) {
            return Err(row.row_problem(
                Severity::RowRejected,
                format!("a target for {indicator_id} in {area_text} is already on line {first}; expected one target for each indicator and area"),
            ));
        }
        extract.targets.push(Target { indicator_id, area, baseline_period, baseline_value, target_value, target_period });
        Ok(())
    });
    extract
}
