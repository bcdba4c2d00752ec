//! `pcatlas ci proportion|rate|mean|dsr`: confidence intervals
//! (atlas_core::stats::ci).

use crate::csv_io::{float, number, passthrough, positive_number, CliError, InputTable, Output};
use atlas_core::stats::ci::{self, AgeBandCount, Estimate};
use atlas_core::stats::StatsError;
use clap::{Args, Subcommand};

/// Arguments of `pcatlas ci`.
#[derive(Args)]
pub struct CiArgs {
    #[command(subcommand)]
    kind: CiKind,
}

#[derive(Subcommand)]
enum CiKind {
    /// Proportions with Wilson score intervals. Input: numerator, denominator.
    Proportion {
        /// Multiply the value and limits by M (100 for a percentage).
        #[arg(long, default_value = "1", value_parser = positive_number)]
        multiplier: f64,
    },
    /// Crude rates with Byar's (10+ events) or exact Poisson intervals.
    /// Input: numerator, denominator.
    Rate {
        /// Rate per M.
        #[arg(long, default_value = "100000", value_parser = positive_number)]
        multiplier: f64,
    },
    /// Means with Student's t intervals, one row per group. Input: group, value.
    Mean,
    /// Directly standardised rates (2013 ESP, Dobson intervals), one row per area.
    /// Input: area, age_band (0-18 or 0-4 … 90+), numerator, denominator.
    Dsr {
        /// Rate per M.
        #[arg(long, default_value = "100000", value_parser = positive_number)]
        multiplier: f64,
    },
}

/// Runs `pcatlas ci`.
pub fn run(args: CiArgs) -> Result<(), CliError> {
    let table = InputTable::from_stdin()?;
    match args.kind {
        CiKind::Proportion { multiplier } => proportion(&table, multiplier),
        CiKind::Rate { multiplier } => rate(&table, multiplier),
        CiKind::Mean => mean(&table),
        CiKind::Dsr { multiplier } => dsr(&table, multiplier),
    }
}

/// The five columns value, lower_95, upper_95, lower_99_8, upper_99_8.
pub fn estimate_cells(e: &Estimate) -> Vec<String> {
    vec![
        float(e.value),
        float(e.ci_95.lower),
        float(e.ci_95.upper),
        float(e.ci_99_8.lower),
        float(e.ci_99_8.upper),
    ]
}

/// Reads a row's numerator and denominator.
pub fn numerator_denominator(
    row: &[String],
    numerator: usize,
    denominator: usize,
) -> Result<(f64, f64), String> {
    Ok((
        number(&row[numerator], "numerator")?,
        number(&row[denominator], "denominator")?,
    ))
}

const ESTIMATE_COLUMNS: [&str; 5] = ["value", "lower_95", "upper_95", "lower_99_8", "upper_99_8"];

fn proportion(table: &InputTable, multiplier: f64) -> Result<(), CliError> {
    let [num, den] = table.columns(["numerator", "denominator"])?;
    passthrough(table, &ESTIMATE_COLUMNS, |i| {
        let (x, n) = numerator_denominator(&table.rows[i], num, den)?;
        let e = ci::proportion(x, n).map_err(|e| e.to_string())?;
        Ok((estimate_cells(&e.scaled(multiplier)), String::new()))
    })
}

fn rate(table: &InputTable, multiplier: f64) -> Result<(), CliError> {
    let [num, den] = table.columns(["numerator", "denominator"])?;
    let mut columns = ESTIMATE_COLUMNS.to_vec();
    columns.push("method");
    passthrough(table, &columns, |i| {
        let (x, n) = numerator_denominator(&table.rows[i], num, den)?;
        let (e, method) = ci::rate(x, n, multiplier).map_err(|e| e.to_string())?;
        let mut cells = estimate_cells(&e);
        cells.push(method.as_str().to_string());
        Ok((cells, String::new()))
    })
}

/// Groups rows by the text of one column, in order of first appearance.
fn groups(table: &InputTable, column: usize) -> Vec<(String, Vec<usize>)> {
    let mut out: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, row) in table.rows.iter().enumerate() {
        let key = &row[column];
        match out.iter_mut().find(|(k, _)| k == key) {
            Some((_, rows)) => rows.push(i),
            None => out.push((key.clone(), vec![i])),
        }
    }
    out
}

fn mean(table: &InputTable) -> Result<(), CliError> {
    let [group, value] = table.columns(["group", "value"])?;
    let mut output = Output::with_headers(&[
        "group",
        "n",
        "mean",
        "sd",
        "lower_95",
        "upper_95",
        "lower_99_8",
        "upper_99_8",
        "note",
    ])?;
    for (name, rows) in groups(table, group) {
        let blanks = rows
            .iter()
            .filter(|&&i| table.rows[i][value].trim().is_empty())
            .count();
        let values: Result<Vec<f64>, String> = rows
            .iter()
            .filter(|&&i| !table.rows[i][value].trim().is_empty())
            .map(|&i| number(&table.rows[i][value], "value"))
            .collect();
        let result = values.and_then(|v| ci::mean(&v).map_err(|e| e.to_string()));
        let mut cells = vec![name];
        match result {
            Ok(m) => {
                let e = m.estimate;
                cells.extend([
                    m.n.to_string(),
                    float(e.value),
                    float(m.sd),
                    float(e.ci_95.lower),
                    float(e.ci_95.upper),
                    float(e.ci_99_8.lower),
                    float(e.ci_99_8.upper),
                ]);
                cells.push(if blanks > 0 {
                    format!("{blanks} blank value(s) ignored")
                } else {
                    String::new()
                });
            }
            Err(reason) => {
                cells.extend(vec![String::new(); 7]);
                cells.push(reason);
            }
        }
        output.row(&cells)?;
    }
    output.finish()
}

fn dsr(table: &InputTable, multiplier: f64) -> Result<(), CliError> {
    let [area, band, num, den] = table.columns(["area", "age_band", "numerator", "denominator"])?;
    let mut output = Output::with_headers(&[
        "area",
        "total_count",
        "value",
        "lower_95",
        "upper_95",
        "lower_99_8",
        "upper_99_8",
        "note",
    ])?;
    for (name, rows) in groups(table, area) {
        let bands: Result<Vec<AgeBandCount>, String> = rows
            .iter()
            .map(|&i| {
                let row = &table.rows[i];
                let label = row[band].trim();
                let index = ci::esp_2013_band(label).ok_or_else(|| {
                    format!("age_band '{label}' is not 0-18 or an ESP 2013 band such as 0-4 or 90+")
                })?;
                let (numerator, denominator) = numerator_denominator(row, num, den)?;
                Ok(AgeBandCount {
                    band: index,
                    numerator,
                    denominator,
                })
            })
            .collect();
        let mut cells = vec![name];
        match bands {
            Ok(bands) => {
                let total: f64 = bands.iter().map(|b| b.numerator).sum();
                match ci::dsr(&bands, multiplier) {
                    Ok(d) => {
                        cells.push(float(d.total_count));
                        cells.extend(estimate_cells(&d.estimate));
                        cells.push(String::new());
                    }
                    Err(e) => {
                        let shown_total = match e {
                            StatsError::TotalCountBelowTen { .. } => float(total),
                            _ => String::new(),
                        };
                        cells.push(shown_total);
                        cells.extend(vec![String::new(); 5]);
                        cells.push(e.to_string());
                    }
                }
            }
            Err(reason) => {
                cells.extend(vec![String::new(); 6]);
                cells.push(reason);
            }
        }
        output.row(&cells)?;
    }
    output.finish()
}
