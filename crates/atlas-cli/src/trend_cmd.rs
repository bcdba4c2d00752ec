//! `pcatlas trend`: the Fingertips recent trend of a series
//! (atlas_core::stats::trend).

use crate::compare_cmd::PolarityArg;
use crate::csv_io::{number, CliError, InputTable, Output};
use atlas_core::model::{Period, Polarity};
use atlas_core::stats::trend::{
    recent_trend, recent_trend_of_proportion, CountPoint, RecentTrend, Trend, TrendPoint,
};
use clap::Args;

/// Arguments of `pcatlas trend`.
#[derive(Args)]
pub struct TrendArgs {
    /// Which direction is better.
    #[arg(long, value_enum)]
    polarity: PolarityArg,
    /// Test a proportion on its counts (input: period, numerator, denominator), as
    /// Fingertips does for indicators it compares by SPC for proportions.
    #[arg(long)]
    counts: bool,
}

/// Runs `pcatlas trend`. Input: period, value, lower_95, upper_95 (or with `--counts`:
/// period, numerator, denominator). Rows are put in period order when every period
/// reads as one (2022-03, 2022-Q3, 2022/23); otherwise they are taken in input order.
pub fn run(args: TrendArgs) -> Result<(), CliError> {
    let table = InputTable::from_stdin()?;
    let polarity = Polarity::from(args.polarity);
    let result = if args.counts {
        trend_of_counts(&table, polarity)?
    } else {
        trend_of_values(&table, polarity)?
    };
    let mut output = Output::with_headers(&["trend", "trend_polarity", "note"])?;
    match result {
        Ok(t) => output.row(&[t.trend.as_str(), t.polarity.map_or("", |p| p.as_str()), ""])?,
        Err(reason) => output.row(&[Trend::CannotBeCalculated.as_str(), "", reason.as_str()])?,
    }
    output.finish()
}

/// The rows' indices in period order (input order unless every period parses).
fn period_order(table: &InputTable, period: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..table.rows.len()).collect();
    let periods: Option<Vec<Period>> = table
        .rows
        .iter()
        .map(|r| Period::parse(&r[period]).ok())
        .collect();
    if let Some(periods) = periods {
        order.sort_by_key(|&i| periods[i]);
    }
    order
}

/// The rows in period order, each made by `make` from a reader of its number cells; a
/// cell that is not a number names its period and column.
fn points_of<T>(
    table: &InputTable,
    period: usize,
    make: impl Fn(&dyn Fn(usize, &str) -> Result<f64, String>) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    period_order(table, period)
        .iter()
        .map(|&i| {
            let row = &table.rows[i];
            let label = row[period].trim();
            make(&|col: usize, name: &str| {
                number(&row[col], name).map_err(|e| format!("period {label}: {e}"))
            })
        })
        .collect()
}

/// The trend of value and 95% interval columns: the outer error is a missing column,
/// the inner one the reason no trend can be calculated.
fn trend_of_values(
    table: &InputTable,
    polarity: Polarity,
) -> Result<Result<RecentTrend, String>, CliError> {
    let [period, value, lower, upper] =
        table.columns(["period", "value", "lower_95", "upper_95"])?;
    let points = points_of(table, period, |read| {
        Ok(TrendPoint {
            value: read(value, "value")?,
            lower_95: read(lower, "lower_95")?,
            upper_95: read(upper, "upper_95")?,
        })
    });
    Ok(points.and_then(|p| recent_trend(&p, polarity).map_err(|e| e.to_string())))
}

/// The trend of a proportion from numerator and denominator columns.
fn trend_of_counts(
    table: &InputTable,
    polarity: Polarity,
) -> Result<Result<RecentTrend, String>, CliError> {
    let [period, numerator, denominator] = table.columns(["period", "numerator", "denominator"])?;
    let points = points_of(table, period, |read| {
        Ok(CountPoint {
            count: read(numerator, "numerator")?,
            denominator: read(denominator, "denominator")?,
        })
    });
    Ok(points.and_then(|p| recent_trend_of_proportion(&p, polarity).map_err(|e| e.to_string())))
}
