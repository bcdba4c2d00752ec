//! What the Risk page shows, ready to display: tables (for the table views, charts and
//! CSV downloads), sentences, and the cohort download. Built where the patients are (the
//! browser's worker) and passed to the page as JSON, so the page never holds patient rows.

use super::cohort::{
    cms_cohort, cohort_csv, cohort_members, summarise, AreaRate, CohortRule, CohortSummary,
    RateComparison, Scores, TopPercent,
};
use super::patients::PatientTable;
use super::ON_DEVICE_STATEMENT;
use crate::model::Workspace;
use crate::report::FileReport;
use crate::summary::{display_name, thousands};
use crate::table::{Cell, Table};
use serde::{Deserialize, Serialize};

/// Everything the Risk page shows about one patient file and one cohort choice.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RiskView {
    /// Where the file went (nowhere): shown on the page.
    pub statement: String,
    /// What was read from the file.
    pub report: FileReport,
    /// The caveat when scores were computed without some columns.
    pub caveat: Option<String>,
    /// The rule that made the cohort, in words.
    pub rule: String,
    /// The tie rule at the CMS cut-off, in words.
    pub tie_rule: String,
    /// One sentence: how many patients, which cut-off, how many in the cohort.
    pub sentence: String,
    /// Patients scored.
    pub population: u64,
    /// Patients in the cohort.
    pub cohort_size: u64,
    /// Cohort count and rate by practice, with 95% Wilson intervals and the comparison.
    pub practices: Table,
    /// The same by PCN.
    pub pcns: Table,
    /// CMS cohort × moderate or severe frailty.
    pub overlap: Table,
    /// Patients by CMS band over the whole file.
    pub cms_distribution: Table,
    /// Patients by eFI category over the whole file.
    pub efi_distribution: Table,
    /// Conditions and deficits, most common in the cohort first: count and share in the
    /// cohort and in the population.
    pub condition_mix: Table,
    /// The cohort's pseudonymous ids and scores, for the practice to re-identify.
    pub cohort_csv: String,
}

/// A suppressed count as people read it.
const SUPPRESSED: &str = "suppressed (1–4)";

fn count_cell(count: Option<u64>) -> Cell {
    match count {
        Some(n) => Cell::number(n as f64, thousands(n)),
        None => Cell::text(SUPPRESSED),
    }
}

fn percent_cell(share: Option<f64>) -> Cell {
    match share {
        Some(p) => Cell::number(100.0 * p, format!("{:.1}%", 100.0 * p)),
        None => Cell::text("–"),
    }
}

fn comparison_word(compared: Option<RateComparison>) -> &'static str {
    match compared {
        Some(RateComparison::Higher) => "Higher than the whole file",
        Some(RateComparison::Lower) => "Lower than the whole file",
        Some(RateComparison::Similar) => "Similar to the whole file",
        None => "Not compared",
    }
}

/// Area rates as a table: area, code, patients, in cohort, rate, 95% interval, comparison.
pub fn area_table(areas: &[AreaRate], kind: &str) -> Table {
    let mut table = Table::new(&[
        kind,
        "ODS code",
        "Patients",
        "In cohort",
        "Rate",
        "95% interval",
        "Compared with the whole file",
    ]);
    for area in areas {
        table.rows.push(vec![
            Cell::text(
                area.name
                    .as_deref()
                    .map(display_name)
                    .unwrap_or_else(|| area.code.clone()),
            ),
            Cell::text(&area.code),
            count_cell(area.population),
            count_cell(area.members),
            percent_cell(area.rate),
            Cell::text(match area.interval {
                Some((lower, upper)) => format!("{:.1}% to {:.1}%", 100.0 * lower, 100.0 * upper),
                None => "–".to_string(),
            }),
            Cell::text(comparison_word(area.compared)),
        ]);
    }
    table
}

/// Builds the view of the cohort `rule` with the top `top` by CMS over scored patients.
pub fn risk_view(
    table: &PatientTable,
    report: &FileReport,
    scores: &Scores,
    top: TopPercent,
    rule: CohortRule,
    workspace: Option<&Workspace>,
) -> RiskView {
    let cms = cms_cohort(table, scores, top);
    let (summary, csv) = match &cms {
        Ok(cms) => {
            let members = cohort_members(cms, scores, rule);
            (
                Some(summarise(table, scores, cms, rule, workspace)),
                cohort_csv(table, scores, cms, &members),
            )
        }
        Err(_) => (None, String::new()),
    };
    match summary {
        Some(summary) => view_of(report, &summary, csv),
        None => RiskView {
            statement: ON_DEVICE_STATEMENT.to_string(),
            report: report.clone(),
            caveat: scores.caveat.clone(),
            rule: rule.label().to_string(),
            tie_rule: super::cohort::TIE_RULE.to_string(),
            sentence: "There are no patients to score in this file.".to_string(),
            population: 0,
            cohort_size: 0,
            practices: Table::default(),
            pcns: Table::default(),
            overlap: Table::default(),
            cms_distribution: Table::default(),
            efi_distribution: Table::default(),
            condition_mix: Table::default(),
            cohort_csv: String::new(),
        },
    }
}

fn view_of(report: &FileReport, summary: &CohortSummary, cohort_csv: String) -> RiskView {
    let sentence = format!(
        "{} of {} patients are in the cohort ({}). The top {}% by CMS is {} patients, with a CMS of {} or more.",
        thousands(summary.cohort_size),
        thousands(summary.population),
        summary.rule.label().replace("N%", &format!("{}%", summary.top_percent)),
        summary.top_percent,
        thousands(summary.cms_cohort_size),
        summary.cms_cut_off,
    );

    let mut overlap = Table::new(&["Group", "Patients"]);
    for (label, count) in [
        (
            "In the CMS top group and moderately or severely frail",
            summary.overlap.cms_and_frail,
        ),
        ("In the CMS top group only", summary.overlap.cms_only),
        (
            "Moderately or severely frail only",
            summary.overlap.frail_only,
        ),
        ("Neither", summary.overlap.neither),
    ] {
        overlap
            .rows
            .push(vec![Cell::text(label), count_cell(count)]);
    }

    let mut cms_distribution = Table::new(&["CMS band", "Patients"]);
    for (band, count) in &summary.distribution.cms_bands {
        cms_distribution
            .rows
            .push(vec![Cell::text(band), count_cell(*count)]);
    }
    let mut efi_distribution = Table::new(&["eFI category (aged 65+)", "Patients"]);
    for (category, count) in &summary.distribution.efi_categories {
        efi_distribution
            .rows
            .push(vec![Cell::text(category.as_str()), count_cell(*count)]);
    }

    let mut condition_mix = Table::new(&[
        "Condition or deficit",
        "Column",
        "In cohort",
        "Share of cohort",
        "Share of all patients",
    ]);
    // Most common in the cohort first; suppressed shares last, in condition order.
    let mut shares: Vec<_> = summary
        .condition_mix
        .iter()
        .filter(|s| s.column_present)
        .collect();
    shares.sort_by(|a, b| {
        let key =
            |s: &&super::cohort::ConditionShare| s.share_of_cohort.unwrap_or(f64::NEG_INFINITY);
        key(b).total_cmp(&key(a))
    });
    for share in shares {
        condition_mix.rows.push(vec![
            Cell::text(share.label),
            Cell::text(share.column),
            count_cell(share.in_cohort),
            percent_cell(share.share_of_cohort),
            percent_cell(share.share_of_population),
        ]);
    }

    RiskView {
        statement: ON_DEVICE_STATEMENT.to_string(),
        report: report.clone(),
        caveat: summary.caveat.clone(),
        rule: summary
            .rule
            .label()
            .replace("N%", &format!("{}%", summary.top_percent)),
        tie_rule: summary.tie_rule.to_string(),
        sentence,
        population: summary.population,
        cohort_size: summary.cohort_size,
        practices: area_table(&summary.practices, "Practice"),
        pcns: area_table(&summary.pcns, "PCN"),
        overlap,
        cms_distribution,
        efi_distribution,
        condition_mix,
        cohort_csv,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::risk::cohort::{score_patients, MissingColumns};
    use crate::risk::patients::read_patients;
    use crate::risk::synthetic::{population_csv, practice_lists};

    #[test]
    fn the_view_counts_the_cohort_and_suppresses_small_counts() {
        let csv = population_csv(
            2_000,
            &practice_lists(&crate::default_data::leicester_city()),
            7,
        )
        .unwrap();
        let (table, report) = read_patients("synthetic.csv", csv.as_bytes());
        let scores = score_patients(&table, MissingColumns::Refuse).unwrap();
        let top = TopPercent::new(3.0).unwrap();
        let workspace = crate::default_data::leicester_city();
        let view = risk_view(
            &table,
            &report,
            &scores,
            top,
            CohortRule::TopCms,
            Some(&workspace),
        );

        // ⌈3% × 2,000⌉ = 60 patients, all listed in the download (plus its header).
        assert_eq!(view.population, 2_000);
        assert_eq!(view.cohort_size, 60);
        assert_eq!(view.cohort_csv.lines().count(), 61);
        assert!(
            view.sentence
                .starts_with("60 of 2,000 patients are in the cohort"),
            "{}",
            view.sentence
        );
        assert!(view.sentence.contains("top 3% by CMS"), "{}", view.sentence);
        assert_eq!(view.rule, "Top 3% by Cambridge Multimorbidity Score");
        // 2,000 patients over 55 practices: about 36 each, so 1–4 members are common and
        // must never show as a number.
        let shown: Vec<&Cell> = view.practices.rows.iter().map(|r| &r[3]).collect();
        assert!(shown
            .iter()
            .all(|c| c.number.is_none_or(|n| n == 0.0 || n >= 5.0)));
        assert!(shown.iter().any(|c| c.text == SUPPRESSED));
        assert_eq!(view.overlap.rows.len(), 4);
        assert!(!view.condition_mix.rows.is_empty());
        let shares: Vec<f64> = view
            .condition_mix
            .rows
            .iter()
            .filter_map(|r| r[3].number)
            .collect();
        assert!(shares.windows(2).all(|w| w[0] >= w[1]), "{shares:?}");
        assert_eq!(view.statement, ON_DEVICE_STATEMENT);
    }
}
