//! `pcatlas percentile`: Excel's PERCENTILE.INC of a column
//! (atlas_core::stats::percentile).

use crate::csv_io::{float, number, CliError, InputTable, Output};
use atlas_core::stats::percentile::percentile_inc;
use clap::Args;

/// Arguments of `pcatlas percentile`.
#[derive(Args)]
pub struct PercentileArgs {
    /// The percentile as a fraction, 0 to 1 (0.9 for the 90th).
    #[arg(long, value_parser = fraction)]
    p: f64,
}

/// Parses a fraction 0–1.
fn fraction(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(p) if (0.0..=1.0).contains(&p) => Ok(p),
        _ => Err(format!("'{text}' is not a fraction between 0 and 1")),
    }
}

/// Runs `pcatlas percentile`. Input: value. Cells that are not numbers are left out
/// (and counted on standard error); with no numbers the percentile is empty.
pub fn run(args: PercentileArgs) -> Result<(), CliError> {
    let table = InputTable::from_stdin()?;
    let value = table.column("value")?;
    let mut values = Vec::new();
    let mut skipped = 0;
    for row in &table.rows {
        match number(&row[value], "value") {
            Ok(v) => values.push(v),
            Err(_) => skipped += 1,
        }
    }
    if skipped > 0 {
        eprintln!("pcatlas: {skipped} value(s) that are not finite numbers were left out");
    }
    let percentile = percentile_inc(&values, args.p).map_or(String::new(), float);
    let mut output = Output::with_headers(&["p", "percentile"])?;
    output.row(&[float(args.p), percentile])?;
    output.finish()
}
