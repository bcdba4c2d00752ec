//! `pcatlas trend`: the Fingertips recent trend of a series
//! (atlas_core::stats::trend).

use crate::compare_cmd::PolarityArg;
use crate::csv_io::{number, CliError, Output, Table};
use atlas_core::model::{Period, Polarity};
use atlas_core::stats::trend::{recent_trend, Trend, TrendPoint};
use clap::Args;

/// Arguments of `pcatlas trend`.
#[derive(Args)]
pub struct TrendArgs {
    /// Which direction is better.
    #[arg(long, value_enum)]
    polarity: PolarityArg,
}

/// Runs `pcatlas trend`. Input: period, value, lower_95, upper_95. Rows are put in
/// period order when every period reads as one (2022-03, 2022-Q3, 2022/23); otherwise
/// they are taken in input order.
pub fn run(args: TrendArgs) -> Result<(), CliError> {
    let table = Table::from_stdin()?;
    let [period, value, lower, upper] =
        table.columns(["period", "value", "lower_95", "upper_95"])?;
    let mut order: Vec<usize> = (0..table.rows.len()).collect();
    let periods: Option<Vec<Period>> = table
        .rows
        .iter()
        .map(|r| Period::parse(&r[period]).ok())
        .collect();
    if let Some(periods) = periods {
        order.sort_by_key(|&i| periods[i]);
    }
    let points: Result<Vec<TrendPoint>, String> = order
        .iter()
        .map(|&i| {
            let row = &table.rows[i];
            let label = row[period].trim();
            let read = |col: usize, name: &str| {
                number(&row[col], name).map_err(|e| format!("period {label}: {e}"))
            };
            Ok(TrendPoint {
                value: read(value, "value")?,
                lower_95: read(lower, "lower_95")?,
                upper_95: read(upper, "upper_95")?,
            })
        })
        .collect();
    let result = points
        .and_then(|p| recent_trend(&p, Polarity::from(args.polarity)).map_err(|e| e.to_string()));
    let mut output = Output::with_headers(&["trend", "trend_polarity", "note"])?;
    match result {
        Ok(t) => output.row(&[t.trend.as_str(), t.polarity.map_or("", |p| p.as_str()), ""])?,
        Err(reason) => output.row(&[Trend::CannotBeCalculated.as_str(), "", reason.as_str()])?,
    }
    output.finish()
}
