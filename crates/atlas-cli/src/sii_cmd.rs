//! `pcatlas sii`: the slope index of inequality, and with `--rii` the relative index,
//! with their 95% intervals, as PHEindicatormethods' `phe_sii`
//! (atlas_core::stats::inequality).

use crate::csv_io::{float, number, CliError, InputTable, Output};
use atlas_core::stats::inequality::{slope_index, QuantileFigure, REPETITIONS, SEED};
use atlas_core::stats::Interval;
use clap::Args;

/// Arguments of `pcatlas sii`.
#[derive(Args)]
pub struct SiiArgs {
    /// Also write the relative index of inequality and its interval.
    #[arg(long)]
    rii: bool,
    /// Draws for the simulated interval (phe_sii's default).
    #[arg(long, default_value_t = REPETITIONS)]
    repetitions: usize,
    /// The simulation's seed: the same seed gives the same interval.
    #[arg(long, default_value_t = SEED)]
    seed: u64,
}

/// Runs `pcatlas sii`. Input: quantile (1 the most deprived), population, value,
/// lower_95, upper_95, one row per quantile (5 to 100); the standard errors are derived
/// from the intervals as PHE does. Output: sii, lower_95, upper_95 (then rii,
/// rii_lower_95, rii_upper_95 with `--rii`). Input it cannot use: a message on standard
/// error, exit status 2.
pub fn run(args: SiiArgs) -> Result<(), CliError> {
    let table = InputTable::from_stdin()?;
    let [quantile, population, value, lower, upper] =
        table.columns(["quantile", "population", "value", "lower_95", "upper_95"])?;
    let mut figures = Vec::with_capacity(table.rows.len());
    for (i, row) in table.rows.iter().enumerate() {
        let line = i + 2;
        let cell = |col: usize, name: &str| {
            number(&row[col], name).map_err(|e| CliError::Input(format!("line {line}: {e}")))
        };
        let q = cell(quantile, "quantile")?;
        if q.fract() != 0.0 || !(1.0..=100.0).contains(&q) {
            return Err(CliError::Input(format!(
                "line {line}: quantile {q}: expected a whole number from 1 (the most deprived)"
            )));
        }
        let interval = Interval {
            lower: cell(lower, "lower_95")?,
            upper: cell(upper, "upper_95")?,
        };
        figures.push(QuantileFigure {
            quantile: q as u32,
            population: cell(population, "population")?,
            value: cell(value, "value")?,
            standard_error: QuantileFigure::standard_error_of(interval),
        });
    }
    if args.repetitions < 1_000 {
        return Err(CliError::Argument(format!(
            "--repetitions {}: expected 1,000 or more",
            args.repetitions
        )));
    }
    let result = slope_index(&figures, 0.95, args.repetitions, args.seed)
        .map_err(|e| CliError::Input(e.to_string()))?;
    let mut headers = vec!["sii", "lower_95", "upper_95"];
    let mut cells = vec![
        float(result.sii),
        float(result.sii_interval.lower),
        float(result.sii_interval.upper),
    ];
    if args.rii {
        headers.extend(["rii", "rii_lower_95", "rii_upper_95"]);
        cells.extend([
            float(result.rii),
            float(result.rii_interval.lower),
            float(result.rii_interval.upper),
        ]);
    }
    let mut output = Output::with_headers(&headers)?;
    output.row(&cells)?;
    output.finish()
}
