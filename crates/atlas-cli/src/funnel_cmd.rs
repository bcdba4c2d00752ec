//! `pcatlas funnel proportion|ratio`: funnel plot limits at each row's denominator and
//! PHE significance (atlas_core::stats::funnel).

use crate::ci_cmd::numerator_denominator;
use crate::csv_io::{
    finite_number, float, number, passthrough, positive_number, CliError, InputTable,
};
use atlas_core::stats::funnel::{funnel_proportions, funnel_ratios, FunnelPlot, FunnelPoint};
use atlas_core::stats::StatsError;
use clap::{Args, Subcommand};

/// Arguments of `pcatlas funnel`.
#[derive(Args)]
pub struct FunnelArgs {
    #[command(subcommand)]
    kind: FunnelKind,
}

#[derive(Subcommand)]
enum FunnelKind {
    /// Proportions: PHE's limits around the baseline. Input: area, numerator, denominator.
    Proportion {
        /// Multiply value, baseline and limits by M (100 for percentages).
        #[arg(long, default_value = "1", value_parser = positive_number)]
        multiplier: f64,
        /// The baseline in output units (after the multiplier); default
        /// Σnumerator/Σdenominator.
        #[arg(long, value_parser = finite_number)]
        baseline: Option<f64>,
        /// Widen the limits by Spiegelhalter's overdispersion adjustment.
        #[arg(long)]
        overdispersion: bool,
    },
    /// Ratios observed/expected: exact Poisson limits around 1.
    /// Input: area, observed, expected.
    Ratio {
        /// Widen the limits by Spiegelhalter's overdispersion adjustment.
        #[arg(long)]
        overdispersion: bool,
    },
}

/// Runs `pcatlas funnel`.
pub fn run(args: FunnelArgs) -> Result<(), CliError> {
    let table = InputTable::from_stdin()?;
    match args.kind {
        FunnelKind::Proportion {
            multiplier,
            baseline,
            overdispersion,
        } => proportion(&table, multiplier, baseline, overdispersion),
        FunnelKind::Ratio { overdispersion } => ratio(&table, overdispersion),
    }
}

/// value, [baseline,] four limits and significance for one point, scaled.
fn point_cells(point: &FunnelPoint, baseline: Option<f64>, multiplier: f64) -> Vec<String> {
    let l = point.limits.scaled(multiplier);
    let mut cells = vec![float(point.value * multiplier)];
    if let Some(b) = baseline {
        cells.push(float(b * multiplier));
    }
    cells.extend([
        float(l.limits_95.lower),
        float(l.limits_95.upper),
        float(l.limits_99_8.lower),
        float(l.limits_99_8.upper),
        point.significance.as_str().to_string(),
    ]);
    cells
}

/// The note for every row when overdispersion was asked for but not estimated.
fn overdispersion_note(asked: bool, plot: &FunnelPlot) -> String {
    if asked && plot.overdispersion.is_none() {
        "overdispersion not estimated (needs two or more valid areas and a baseline strictly between 0 and 1): plain limits".to_string()
    } else {
        String::new()
    }
}

/// Writes the table with funnel columns; rows whose numbers did not parse carry that
/// reason, others the plot's result.
fn write(
    table: &InputTable,
    columns: &[&str],
    parsed: &[Result<(f64, f64), String>],
    plot: &FunnelPlot,
    baseline: Option<f64>,
    multiplier: f64,
    note: &str,
) -> Result<(), CliError> {
    let mut points = plot.points.iter();
    passthrough(table, columns, |i| {
        parsed[i].as_ref().map_err(Clone::clone)?;
        let point = points
            .next()
            .ok_or_else(|| "internal: missing point".to_string())?;
        let point = point.as_ref().map_err(StatsError::to_string)?;
        Ok((point_cells(point, baseline, multiplier), note.to_string()))
    })
}

fn proportion(
    table: &InputTable,
    multiplier: f64,
    baseline: Option<f64>,
    overdispersion: bool,
) -> Result<(), CliError> {
    let [_, num, den] = table.columns(["area", "numerator", "denominator"])?;
    let parsed: Vec<Result<(f64, f64), String>> = table
        .rows
        .iter()
        .map(|row| numerator_denominator(row, num, den))
        .collect();
    let rows: Vec<(f64, f64)> = parsed.iter().filter_map(|r| r.clone().ok()).collect();
    let baseline = baseline.map(|b| b / multiplier);
    if let Some(b) = baseline {
        if !(0.0..=1.0).contains(&b) {
            return Err(CliError::Argument(format!(
                "--baseline must be between 0 and the multiplier ({multiplier})"
            )));
        }
    }
    let columns = [
        "value",
        "baseline",
        "lower_95",
        "upper_95",
        "lower_99_8",
        "upper_99_8",
        "significance",
    ];
    match funnel_proportions(&rows, baseline, overdispersion) {
        Ok(plot) => {
            let note = overdispersion_note(overdispersion, &plot);
            write(
                table,
                &columns,
                &parsed,
                &plot,
                Some(plot.baseline),
                multiplier,
                &note,
            )
        }
        Err(e) => {
            let reason = format!("no baseline: {e}");
            passthrough(table, &columns, |i| {
                parsed[i].as_ref().map_err(Clone::clone)?;
                Err(reason.clone())
            })
        }
    }
}

fn ratio(table: &InputTable, overdispersion: bool) -> Result<(), CliError> {
    let [_, obs, exp] = table.columns(["area", "observed", "expected"])?;
    let parsed: Vec<Result<(f64, f64), String>> = table
        .rows
        .iter()
        .map(|row| {
            Ok((
                number(&row[obs], "observed")?,
                number(&row[exp], "expected")?,
            ))
        })
        .collect();
    let rows: Vec<(f64, f64)> = parsed.iter().filter_map(|r| r.clone().ok()).collect();
    let plot = funnel_ratios(&rows, overdispersion);
    let note = overdispersion_note(overdispersion, &plot);
    let columns = [
        "value",
        "lower_95",
        "upper_95",
        "lower_99_8",
        "upper_99_8",
        "significance",
    ];
    write(table, &columns, &parsed, &plot, None, 1.0, &note)
}
