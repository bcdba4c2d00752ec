//! `pcatlas spc`: a Making Data Count XmR chart of a series (atlas_core::stats::spc).

use crate::csv_io::{finite_number, float, number, passthrough, CliError, InputTable};
use atlas_core::stats::spc::{xmr, Improvement, SpcSettings, MIN_POINTS_FOR_LIMITS};
use clap::{Args, ValueEnum};

/// Which direction is an improvement, as `pcatlas` spells it.
#[derive(Clone, Copy, ValueEnum)]
enum ImprovementArg {
    /// Higher is better.
    Increase,
    /// Lower is better.
    Decrease,
    /// No direction: special causes are high or low.
    Neutral,
}

/// Arguments of `pcatlas spc`.
#[derive(Args)]
pub struct SpcArgs {
    /// Which direction is an improvement.
    #[arg(long, value_enum, default_value = "increase")]
    improvement: ImprovementArg,
    /// A target, for the assurance icon.
    #[arg(long, value_parser = finite_number)]
    target: Option<f64>,
    /// Leave out moving ranges at or above 3.267 × the mean moving range.
    #[arg(long)]
    screen_outliers: bool,
    /// Points on one side of the mean that make a run (6-8).
    #[arg(long = "run", default_value_t = 7, value_parser = clap::value_parser!(u8).range(6..=8))]
    run_length: u8,
    /// Points rising or falling that make a trend (6-8).
    #[arg(long = "trend", default_value_t = 7, value_parser = clap::value_parser!(u8).range(6..=8))]
    trend_length: u8,
    /// Start a new baseline (recalculate mean and limits) at the row with this period;
    /// may be given more than once.
    #[arg(long)]
    rebase: Vec<String>,
}

/// Runs `pcatlas spc`. Input: period, value, in time order.
pub fn run(args: SpcArgs) -> Result<(), CliError> {
    let table = InputTable::from_stdin()?;
    let [period, value] = table.columns(["period", "value"])?;
    let parsed: Vec<Result<f64, String>> = table
        .rows
        .iter()
        .map(|row| number(&row[value], "value"))
        .collect();
    // Positions among the valid values, for rows that start a new baseline.
    let mut rebase_at = Vec::new();
    for wanted in &args.rebase {
        let row = table
            .rows
            .iter()
            .position(|r| r[period].trim() == wanted.trim())
            .ok_or_else(|| CliError::Argument(format!("--rebase {wanted}: no such period")))?;
        let position = parsed[..row].iter().filter(|p| p.is_ok()).count();
        if parsed[row].is_err() {
            return Err(CliError::Argument(format!(
                "--rebase {wanted}: that row has no valid value"
            )));
        }
        if position > 0 {
            rebase_at.push(position);
        }
    }
    let values: Vec<f64> = parsed.iter().filter_map(|p| p.clone().ok()).collect();
    let settings = SpcSettings {
        improvement: match args.improvement {
            ImprovementArg::Increase => Improvement::Increase,
            ImprovementArg::Decrease => Improvement::Decrease,
            ImprovementArg::Neutral => Improvement::Neutral,
        },
        target: args.target,
        screen_outliers: args.screen_outliers,
        run_length: usize::from(args.run_length),
        trend_length: usize::from(args.trend_length),
        rebase_at,
    };
    let columns = [
        "mean",
        "lpl",
        "upl",
        "near_lpl",
        "near_upl",
        "point_type",
        "rule",
        "variation",
        "assurance",
    ];
    let chart = xmr(&values, &settings).map_err(|e| e.to_string());
    let mut next = 0;
    passthrough(&table, &columns, |i| {
        parsed[i].as_ref().map_err(Clone::clone)?;
        let chart = chart.as_ref().map_err(Clone::clone)?;
        let point = chart
            .points
            .get(next)
            .ok_or_else(|| "internal: missing point".to_string())?;
        next += 1;
        let mut cells = vec![float(point.mean)];
        match point.limits {
            Some(l) => cells.extend([l.lpl, l.upl, l.near_lpl, l.near_upl].map(float)),
            None => cells.extend(vec![String::new(); 4]),
        }
        let rules: Vec<&str> = point.rules.iter().map(|r| r.as_str()).collect();
        cells.extend([
            point.point_type.as_str().to_string(),
            rules.join("+"),
            chart.variation.as_str().to_string(),
            chart.assurance.map_or("", |a| a.as_str()).to_string(),
        ]);
        let note = if point.limits.is_none() {
            format!("fewer than {MIN_POINTS_FOR_LIMITS} points: run chart only, no process limits")
        } else {
            String::new()
        };
        Ok((cells, note))
    })
}
