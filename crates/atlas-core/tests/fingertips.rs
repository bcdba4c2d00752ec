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

#[test]
fn dementia_prevalence_verdicts_are_fingertips_own_by_spc_for_proportions() {
    let Some(rows) = export("fingertips-dementia-prevalence/dementia_qof_prev.csv") else {
        return;
    };
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
    let (mut compared, mut by_spc, mut by_overlap_95, mut by_overlap_99_8) = (0, 0, 0, 0);
    for row in rows.iter().filter(|r| r["Area Type"] == "GPs") {
        let published = row["Compared to England value or percentiles"].as_str();
        if !matches!(published, "Higher" | "Lower" | "Similar") {
            continue;
        }
        compared += 1;
        let p0 = england[row["Time period"].as_str()];
        let p = row["Value"].parse::<f64>().unwrap() / 100.0;
        let (count, n): (f64, f64) = (
            row["Count"].parse().unwrap(),
            row["Denominator"].parse().unwrap(),
        );
        let spc = compare_spc_proportion(p, n, p0, SPC_Z_99_8, Polarity::NoJudgement);
        by_spc += usize::from(word(spc) == published);
        let e = ci::proportion(count, n).unwrap();
        by_overlap_95 +=
            usize::from(word(compare(e.ci_95, p0, Polarity::NoJudgement)) == published);
        by_overlap_99_8 +=
            usize::from(word(compare(e.ci_99_8, p0, Polarity::NoJudgement)) == published);
    }
    println!(
        "dementia QOF prevalence, {compared} practice-years compared with England: SPC for proportions at 99.8% agrees with {by_spc}, interval overlap at 95% with {by_overlap_95}, at 99.8% with {by_overlap_99_8}"
    );
    assert_eq!(compared, 196);
    assert_eq!(
        by_spc, compared,
        "SPC for proportions at 99.8% is Fingertips' method here"
    );
    // The rule used elsewhere disagrees: the method matters.
    assert!(by_overlap_95 < compared);
}
