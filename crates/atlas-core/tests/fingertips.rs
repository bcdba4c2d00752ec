//! Fingertips' own verdicts, reproduced: each GP row of a Fingertips export compared with
//! England by the method Fingertips uses for the indicator, counted against the export's
//! "Compared to England value or percentiles" column. Skips, with a message, when
//! `shared/realdata` is absent.

mod common;

use atlas_core::model::Polarity;
use atlas_core::stats::benchmark::{compare, compare_spc_proportion, Comparison, SPC_Z_99_8};
use atlas_core::stats::ci;
use std::collections::HashMap;

/// An export's rows as header name → cell.
fn export(relative: &str) -> Option<Vec<HashMap<String, String>>> {
    let path = common::real(relative)?;
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    Some(
        reader
            .records()
            .map(|r| {
                header
                    .iter()
                    .cloned()
                    .zip(r.unwrap().iter().map(str::to_string))
                    .collect()
            })
            .collect(),
    )
}

fn word(c: Comparison) -> &'static str {
    match c {
        Comparison::Higher => "Higher",
        Comparison::Lower => "Lower",
        Comparison::Similar => "Similar",
        _ => "Not compared",
    }
}

/// For every GP row compared with England: how many published verdicts SPC for
/// proportions at 99.8%, interval overlap at 95% and at 99.8% reproduce.
struct Agreement {
    compared: usize,
    spc_99_8: usize,
    overlap_95: usize,
    overlap_99_8: usize,
}

fn agreement(rows: &[HashMap<String, String>]) -> Agreement {
    // England's value in each period (prevalence has no better or worse).
    let england: HashMap<&str, f64> = rows
        .iter()
        .filter(|r| r["Area Code"] == "E92000001" && r["Category"].is_empty())
        .map(|r| {
            (
                r["Time period"].as_str(),
                r["Value"].parse::<f64>().unwrap() / 100.0,
            )
        })
        .collect();
    let mut a = Agreement {
        compared: 0,
        spc_99_8: 0,
        overlap_95: 0,
        overlap_99_8: 0,
    };
    for row in rows.iter().filter(|r| r["Area Type"] == "GPs") {
        let published = row["Compared to England value or percentiles"].as_str();
        let Some(&p0) = england.get(row["Time period"].as_str()) else {
            continue;
        };
        if !matches!(published, "Higher" | "Lower" | "Similar") {
            continue;
        }
        a.compared += 1;
        let p = row["Value"].parse::<f64>().unwrap() / 100.0;
        let (count, n): (f64, f64) = (
            row["Count"].parse().unwrap(),
            row["Denominator"].parse().unwrap(),
        );
        let none = Polarity::NoJudgement;
        a.spc_99_8 +=
            usize::from(word(compare_spc_proportion(p, n, p0, SPC_Z_99_8, none)) == published);
        let e = ci::proportion(count, n).unwrap();
        a.overlap_95 += usize::from(word(compare(e.ci_95, p0, none)) == published);
        a.overlap_99_8 += usize::from(word(compare(e.ci_99_8, p0, none)) == published);
    }
    a
}

#[test]
fn dementia_prevalence_verdicts_are_fingertips_own_by_spc_for_proportions() {
    let Some(rows) = export("fingertips-dementia-prevalence/dementia_qof_prev.csv") else {
        return;
    };
    let a = agreement(&rows);
    println!(
        "dementia QOF prevalence, {} practice-years compared with England: SPC for proportions at 99.8% agrees with {}, interval overlap at 95% with {}, at 99.8% with {}",
        a.compared, a.spc_99_8, a.overlap_95, a.overlap_99_8
    );
    assert_eq!(a.compared, 196);
    assert_eq!(
        a.spc_99_8, a.compared,
        "SPC for proportions at 99.8% is Fingertips' method here"
    );
    // The rule used elsewhere disagrees: the method matters.
    assert!(a.overlap_95 < a.compared);
}

#[test]
fn learning_disability_prevalence_verdicts_are_fingertips_own_too() {
    // The interval-overlap rules do not reproduce these; SPC for proportions at 99.8%
    // around England's value for all persons (the rows with no category: the export
    // also holds England by deprivation decile) reproduces every one.
    let Some(rows) = export("fingertips-learning-disability-prevalence/ld_qof_prev.csv") else {
        return;
    };
    let a = agreement(&rows);
    println!(
        "learning disability QOF prevalence, {} practice-years compared with England: SPC for proportions at 99.8% agrees with {}, interval overlap at 95% with {}, at 99.8% with {}",
        a.compared, a.spc_99_8, a.overlap_95, a.overlap_99_8
    );
    assert_eq!(a.compared, 126);
    assert_eq!(a.spc_99_8, a.compared);
    assert!(a.overlap_95 < a.compared && a.overlap_99_8 < a.compared);
}
