//! `pcatlas compare`: benchmark each area's proportion against a comparator at 95% and
//! 99.8%, as Fingertips does (atlas_core::stats::benchmark).

use crate::ci_cmd::{estimate_cells, numerator_denominator};
use crate::csv_io::{finite_number, passthrough, CliError, InputTable};
use atlas_core::model::Polarity;
use atlas_core::stats::benchmark::{judge, AreaFigure, Comparison, ComparisonMethod};
use atlas_core::stats::ci;
use clap::{Args, ValueEnum};

/// Which direction is better, as `pcatlas` spells it.
#[derive(Clone, Copy, ValueEnum)]
pub enum PolarityArg {
    /// High is good.
    High,
    /// Low is good.
    Low,
    /// No judgement: higher or lower.
    #[value(name = "none")]
    NoJudgement,
}

impl From<PolarityArg> for Polarity {
    fn from(p: PolarityArg) -> Polarity {
        match p {
            PolarityArg::High => Polarity::HighIsGood,
            PolarityArg::Low => Polarity::LowIsGood,
            PolarityArg::NoJudgement => Polarity::NoJudgement,
        }
    }
}

/// How each area is compared with the benchmark, as Fingertips names its methods.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MethodArg {
    /// The benchmark outside the 95% interval: compared_95 only.
    #[value(name = "overlap-95")]
    Overlap95,
    /// The benchmark outside the 99.8% interval: compared_99_8 only.
    #[value(name = "overlap-99.8")]
    Overlap998,
    /// Both intervals: both columns (as without --method).
    #[value(name = "overlap-both")]
    OverlapBoth,
    /// SPC for proportions at 95% (z = 1.96) around the benchmark: compared_95 only.
    #[value(name = "spc-95")]
    Spc95,
    /// SPC for proportions at 99.8% (z = 3.0902) around the benchmark: compared_99_8 only.
    #[value(name = "spc-99.8")]
    Spc998,
}

impl From<MethodArg> for ComparisonMethod {
    fn from(method: MethodArg) -> ComparisonMethod {
        match method {
            MethodArg::Overlap95 => ComparisonMethod::Overlap95,
            MethodArg::Overlap998 => ComparisonMethod::Overlap99_8,
            MethodArg::OverlapBoth => ComparisonMethod::OverlapBoth,
            MethodArg::Spc95 => ComparisonMethod::Spc95,
            MethodArg::Spc998 => ComparisonMethod::Spc99_8,
        }
    }
}

/// Arguments of `pcatlas compare`.
#[derive(Args)]
pub struct CompareArgs {
    /// Which direction is better.
    #[arg(long, value_enum)]
    polarity: PolarityArg,
    /// The comparator's value as a proportion (0-1); default Σnumerator/Σdenominator.
    #[arg(long, value_parser = finite_number, conflicts_with = "benchmark_area")]
    benchmark: Option<f64>,
    /// Use this area's rows (Σnumerator/Σdenominator) as the comparator; that area
    /// itself is not compared.
    #[arg(long)]
    benchmark_area: Option<String>,
    /// The comparison method; without it, the 95% and 99.8% intervals (overlap-both).
    #[arg(long, value_enum)]
    method: Option<MethodArg>,
}

/// Runs `pcatlas compare`. Input: area, numerator, denominator.
pub fn run(args: CompareArgs) -> Result<(), CliError> {
    let table = InputTable::from_stdin()?;
    let [area, num, den] = table.columns(["area", "numerator", "denominator"])?;
    let polarity = Polarity::from(args.polarity);
    if let Some(b) = args.benchmark {
        if !(0.0..=1.0).contains(&b) {
            return Err(CliError::Argument(format!(
                "--benchmark {b} is not a proportion between 0 and 1"
            )));
        }
    }
    let valid: Vec<(&str, f64, f64)> = table
        .rows
        .iter()
        .filter_map(|row| {
            let (x, n) = numerator_denominator(row, num, den).ok()?;
            ci::check_proportion(x, n).ok()?;
            Some((row[area].as_str(), x, n))
        })
        .collect();
    let pooled = |rows: &mut dyn Iterator<Item = &(&str, f64, f64)>| {
        let (x, n) = rows.fold((0.0, 0.0), |(x, n), r| (x + r.1, n + r.2));
        (n > 0.0).then(|| x / n)
    };
    let benchmark = match (&args.benchmark, &args.benchmark_area) {
        (Some(b), _) => Some(*b),
        (None, Some(name)) => {
            let value = pooled(&mut valid.iter().filter(|r| r.0 == name));
            if value.is_none() {
                return Err(CliError::Argument(format!(
                    "--benchmark-area '{name}' has no valid rows"
                )));
            }
            value
        }
        (None, None) => pooled(&mut valid.iter()),
    };
    // The area whose own figures make the comparator: never compared with itself.
    let own_area: Option<&str> = match (&args.benchmark, &args.benchmark_area) {
        (Some(_), _) => None,
        (None, Some(name)) => Some(name.as_str()),
        (None, None) => {
            let first = valid.first().map(|r| r.0);
            first.filter(|f| valid.iter().all(|r| r.0 == *f))
        }
    };
    let columns = [
        "value",
        "lower_95",
        "upper_95",
        "lower_99_8",
        "upper_99_8",
        "compared_95",
        "compared_99_8",
    ];
    passthrough(&table, &columns, |i| {
        let row = &table.rows[i];
        let (x, n) = numerator_denominator(row, num, den)?;
        let e = ci::proportion(x, n).map_err(|e| e.to_string())?;
        let mut cells = estimate_cells(&e);
        let (c95, c998, note) = match benchmark {
            _ if own_area == Some(row[area].as_str()) => (
                Comparison::NotCompared,
                Comparison::NotCompared,
                "not compared: the benchmark is this area's own value".to_string(),
            ),
            Some(b) => {
                // Proportions on the 0–1 scale: the interval and the benchmark alike.
                let figure = AreaFigure {
                    value: x / n,
                    interval_95: Some(e.ci_95),
                    interval_99_8: Some(e.ci_99_8),
                    base: Some((n, 1.0)),
                };
                let method = args
                    .method
                    .map_or(ComparisonMethod::OverlapBoth, Into::into);
                let v = judge(method, &figure, b, polarity);
                (v.at_95, v.at_99_8, String::new())
            }
            None => (
                Comparison::NotCompared,
                Comparison::NotCompared,
                "not compared: no benchmark".to_string(),
            ),
        };
        cells.push(c95.as_str().to_string());
        cells.push(c998.as_str().to_string());
        Ok((cells, note))
    })
}
