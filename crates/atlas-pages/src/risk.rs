//! The Risk page's figures from a scored patient file (`atlas_core::risk::view`): the
//! spread of multimorbidity, frailty among those aged 65 and over, and the cohort's
//! condition mix, each titled the same above the chart and inside it.

use crate::figure::{bar_figure, Figure};
use atlas_charts::Bar;
use atlas_core::risk::view::RiskView;
use atlas_core::table::Table;

/// The condition mix chart shows this many conditions; its table lists every one.
pub const MIX_SHOWN: usize = 15;

/// Bars from a table's label column and count column; suppressed rows are left out (the
/// table view lists them).
fn bars(table: &Table, label: usize, value: usize) -> Vec<Bar> {
    table
        .rows
        .iter()
        .filter_map(|row| {
            Some(Bar {
                label: row.get(label)?.text.clone(),
                value: row.get(value)?.number?,
            })
        })
        .collect()
}

/// The condition mix's bars: a name both scores use (hypertension, diabetes, chronic
/// kidney disease) says which score's column it is, so that no two bars read the same.
fn mix_bars(table: &Table) -> Vec<Bar> {
    let mut bars = bars(table, 0, 3);
    let columns: Vec<&str> = table
        .rows
        .iter()
        .filter(|row| row.get(3).and_then(|c| c.number).is_some())
        .map(|row| row.get(1).map_or("", |c| c.text.as_str()))
        .collect();
    let names: Vec<String> = bars.iter().map(|b| b.label.clone()).collect();
    for (bar, column) in bars.iter_mut().zip(columns) {
        if names.iter().filter(|n| **n == bar.label).count() > 1 {
            let score = if column.starts_with("efi_") {
                "eFI"
            } else {
                "CMS"
            };
            bar.label = format!("{} ({score})", bar.label);
        }
    }
    bars
}

/// The three figures of a scored file: CMS distribution, eFI categories, condition mix.
pub fn risk_figures(view: &RiskView) -> [Figure; 3] {
    let mut mix = mix_bars(&view.condition_mix);
    let conditions = mix.len();
    mix.truncate(MIX_SHOWN);
    let mix_summary = if conditions > MIX_SHOWN {
        format!("Share of the cohort with each condition or deficit: the {MIX_SHOWN} most common of {conditions}, most common first (the table lists every one).")
    } else {
        "Share of the cohort with each condition or deficit, most common first.".to_string()
    };
    [
        bar_figure(
            "cms-distribution",
            "Patients by Cambridge Multimorbidity Score",
            "How disease burden is spread across the whole file.",
            "Patients",
            bars(&view.cms_distribution, 0, 1),
            0,
            view.cms_distribution.clone(),
        ),
        bar_figure(
            "efi-categories",
            "Frailty among patients aged 65 and over",
            "eFI categories: fit 0–4 deficits, mild 5–8, moderate 9–12, severe 13 or more.",
            "Patients",
            bars(&view.efi_distribution, 0, 1),
            0,
            view.efi_distribution.clone(),
        ),
        bar_figure(
            "condition-mix",
            "The cohort's condition mix",
            &mix_summary,
            "Share of the cohort (%)",
            mix,
            1,
            view.condition_mix.clone(),
        ),
    ]
}

/// Where the scorer's time went, in one sentence: read (in how many parts), scored,
/// cohort built, all on this device.
pub fn timings_sentence(parse_ms: f64, parts: usize, score_ms: f64, cohort_ms: f64) -> String {
    format!(
        "Read in {:.1} s{}, scored in {:.2} s, cohort built in {:.2} s, all on this device.",
        parse_ms / 1000.0,
        if parts > 1 {
            format!(" ({parts} parts at once)")
        } else {
            String::new()
        },
        score_ms / 1000.0,
        cohort_ms / 1000.0
    )
}
