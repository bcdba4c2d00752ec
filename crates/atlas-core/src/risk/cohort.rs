//! From scores to a cohort: the top N% of the registered population by CMS, and/or the
//! patients with moderate or severe frailty, with counts and rates per practice and PCN
//! against the city benchmark, the distribution of scores, the overlap of the two
//! criteria and the cohort's condition mix. Every count meant for display passes
//! through [`suppress_small`].

use super::conditions::{CMS_CONDITIONS, CMS_COUNT, EFI_COUNT, EFI_DEFICITS};
use super::patients::PatientTable;
use super::score::{column_names, format_cms, ConditionSet, EfiCategory, PatientScore};
use super::wilson;
use crate::disclosure::suppress_small;
use crate::model::Workspace;
use serde::{Deserialize, Serialize};
use std::cmp::Reverse;
use std::collections::BTreeMap;

/// The default share of the population in the CMS cohort, in percent (the 3%;
/// Leicester's proactive care model looks for the most vulnerable 2–5%).
pub const DEFAULT_TOP_PERCENT: f64 = 3.0;

/// What went wrong turning a patient table into a cohort.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RiskError {
    /// Condition columns are missing and the user has not accepted scoring without them.
    #[error("{} condition columns are missing ({}); scores from the columns present would understate burden, and are computed only when you accept that", .missing.0.count_ones(), column_names(*.missing).join(", "))]
    MissingColumns {
        /// The condition columns the file lacks.
        missing: ConditionSet,
    },
    /// The top percentage is not in (0, 100].
    #[error("the top percentage must be more than 0 and at most 100; {0} is not")]
    TopPercentOutOfRange(f64),
    /// The scores do not belong to the table.
    #[error("{scores} scores for {patients} patients")]
    ScoresDoNotMatch {
        /// Number of scores given.
        scores: usize,
        /// Number of patients in the table.
        patients: usize,
    },
}

/// Whether to score a file that lacks some condition columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MissingColumns {
    /// Refuse: [`RiskError::MissingColumns`].
    Refuse,
    /// Score from the columns present, with a caveat.
    Accept,
}

/// Every patient's scores, and the caveat to show with them when columns were missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scores {
    /// `per_patient[i]` belongs to patient `i` of the table.
    pub per_patient: Vec<PatientScore>,
    /// Set when condition columns were missing and scoring went ahead.
    pub caveat: Option<String>,
    /// False when the file has no eFI deficit column at all: the eFI is then not given
    /// (every `efi_category` is `None`) rather than shown as 0.
    pub efi_available: bool,
}

/// Scores every patient of `table` ([`PatientScore::of`]). When condition columns are
/// missing, `missing` decides: refuse, or score from what is present with a caveat.
pub fn score_patients(table: &PatientTable, missing: MissingColumns) -> Result<Scores, RiskError> {
    let absent = table.columns_missing();
    let caveat = if absent == ConditionSet::EMPTY {
        None
    } else if missing == MissingColumns::Refuse {
        return Err(RiskError::MissingColumns { missing: absent });
    } else {
        Some(missing_columns_caveat(absent))
    };
    let efi_available = table.columns_present().efi_part() != 0;
    let per_patient = (0..table.len())
        .map(|i| {
            let mut score = PatientScore::of(table.age(i), table.conditions(i));
            if !efi_available {
                score.efi_category = None;
            }
            score
        })
        .collect();
    Ok(Scores {
        per_patient,
        caveat,
        efi_available,
    })
}

/// The caveat shown with scores computed without some condition columns.
pub fn missing_columns_caveat(missing: ConditionSet) -> String {
    format!(
        "Computed without {} of {} CMS condition columns and {} of {} eFI deficit columns ({}). Scores and cohort membership understate burden for patients with those conditions; the eFI still divides by 36.",
        missing.cms_part().count_ones(),
        CMS_COUNT,
        missing.efi_part().count_ones(),
        EFI_COUNT,
        column_names(missing).join(", ")
    )
}

/// A share of the population, in hundredths of a percent so that cohort sizes are exact
/// (3% is 300).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopPercent {
    hundredths: u32,
}

impl TopPercent {
    /// `percent` rounded to two decimals; more than 0 and at most 100.
    pub fn new(percent: f64) -> Result<TopPercent, RiskError> {
        let hundredths = (percent * 100.0).round();
        if !percent.is_finite() || !(1.0..=10_000.0).contains(&hundredths) {
            return Err(RiskError::TopPercentOutOfRange(percent));
        }
        Ok(TopPercent {
            hundredths: hundredths as u32,
        })
    }

    /// The share in percent.
    pub fn percent(&self) -> f64 {
        f64::from(self.hundredths) / 100.0
    }

    /// The cohort size for a population: ⌈N% × population⌉, computed in whole numbers
    /// (`(hundredths × population + 9999) div 10000`) so that 3% of 1,000 is exactly 30.
    pub fn cohort_size(&self, population: usize) -> usize {
        let scaled = u128::from(self.hundredths) * population as u128;
        scaled.div_ceil(10_000) as usize
    }
}

/// The top N% of the population by CMS.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CmsCohort {
    /// The share asked for.
    pub top: TopPercent,
    /// `members[i]` is true when patient `i` is in the cohort.
    pub members: Vec<bool>,
    /// The members, highest CMS first, ties in the order of the tie rule.
    pub ranked: Vec<usize>,
    /// The lowest CMS in the cohort, in hundredths (0 for an empty cohort).
    pub cut_off_cms_hundredths: u32,
    /// Patients with exactly the cut-off score.
    pub tied_at_cut_off: usize,
    /// How many of the patients tied at the cut-off the tie rule admitted.
    pub tied_admitted: usize,
}

impl CmsCohort {
    /// Number of members: always ⌈N% × population⌉.
    pub fn size(&self) -> usize {
        self.ranked.len()
    }
}

/// The tie rule, stated: at equal CMS, more eFI deficits first, then older first, then
/// `patient_id` in ascending byte order.
pub const TIE_RULE: &str =
    "At equal CMS: more eFI deficits first, then older first, then patient_id in ascending order.";

/// Selects exactly ⌈N% × population⌉ patients with the highest CMS. Patients whose CMS
/// equals the cut-off score are admitted by [`TIE_RULE`] until the cohort is full.
/// Linear in the population: a histogram of scores finds the cut-off, and only the
/// patients at the cut-off are sorted.
pub fn cms_cohort(
    table: &PatientTable,
    scores: &Scores,
    top: TopPercent,
) -> Result<CmsCohort, RiskError> {
    let scores = &scores.per_patient;
    if scores.len() != table.len() {
        return Err(RiskError::ScoresDoNotMatch {
            scores: scores.len(),
            patients: table.len(),
        });
    }
    let size = top.cohort_size(table.len());
    let max = scores.iter().map(|s| s.cms_hundredths).max().unwrap_or(0) as usize;
    let mut histogram = vec![0usize; max + 1];
    for score in scores {
        histogram[score.cms_hundredths as usize] += 1;
    }
    // The cut-off: the highest score at which the patients at or above it fill the cohort.
    let mut above = 0;
    let mut cut_off = 0;
    for value in (0..=max).rev() {
        if above + histogram[value] >= size {
            cut_off = value;
            break;
        }
        above += histogram[value];
    }
    let cut_off = cut_off as u32;
    let tie_key = |i: usize| {
        (
            Reverse(scores[i].cms_hundredths),
            Reverse(scores[i].efi_deficits),
            Reverse(table.age(i)),
            table.id(i),
        )
    };
    let mut tied: Vec<usize> = Vec::new();
    let mut ranked: Vec<usize> = Vec::with_capacity(size);
    for (i, score) in scores.iter().enumerate() {
        if size == 0 {
            break;
        }
        if score.cms_hundredths > cut_off {
            ranked.push(i);
        } else if score.cms_hundredths == cut_off {
            tied.push(i);
        }
    }
    let slots = size - ranked.len();
    tied.sort_unstable_by(|&a, &b| tie_key(a).cmp(&tie_key(b)));
    let tied_at_cut_off = tied.len();
    ranked.extend_from_slice(&tied[..slots.min(tied.len())]);
    ranked.sort_by(|&a, &b| tie_key(a).cmp(&tie_key(b)));
    let mut members = vec![false; table.len()];
    for &i in &ranked {
        members[i] = true;
    }
    Ok(CmsCohort {
        top,
        members,
        cut_off_cms_hundredths: if size == 0 { 0 } else { cut_off },
        tied_admitted: slots.min(tied_at_cut_off),
        tied_at_cut_off: if size == 0 { 0 } else { tied_at_cut_off },
        ranked,
    })
}

/// Which patients make the cohort shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CohortRule {
    /// The top N% by CMS.
    TopCms,
    /// Aged 65+ with moderate or severe frailty.
    ModerateOrSevereFrailty,
    /// Either (the union).
    Either,
    /// Both (the intersection).
    Both,
}

impl CohortRule {
    /// Every rule, in the order the Risk page offers them.
    pub const ALL: [CohortRule; 4] = [
        CohortRule::TopCms,
        CohortRule::ModerateOrSevereFrailty,
        CohortRule::Either,
        CohortRule::Both,
    ];

    /// The rule's key, as a form or a URL gives it: `top`, `frail`, `either`, `both`.
    pub fn key(self) -> &'static str {
        match self {
            CohortRule::TopCms => "top",
            CohortRule::ModerateOrSevereFrailty => "frail",
            CohortRule::Either => "either",
            CohortRule::Both => "both",
        }
    }

    /// The rule with this [`CohortRule::key`]; `None` for any other word (never a
    /// default: a misspelt rule must not become another).
    pub fn from_key(key: &str) -> Option<CohortRule> {
        CohortRule::ALL.into_iter().find(|r| r.key() == key)
    }

    /// The choice as the Risk page words it.
    pub fn choice(self) -> &'static str {
        match self {
            CohortRule::TopCms => "The top group by CMS",
            CohortRule::ModerateOrSevereFrailty => "Moderate or severe frailty (aged 65+)",
            CohortRule::Either => "Either",
            CohortRule::Both => "Both",
        }
    }

    /// Whether a patient in (or not in) the CMS cohort, with this score, is in the
    /// cohort by this rule.
    pub fn admits(&self, in_cms_top: bool, score: &PatientScore) -> bool {
        let frail = score.is_moderately_or_severely_frail();
        match self {
            CohortRule::TopCms => in_cms_top,
            CohortRule::ModerateOrSevereFrailty => frail,
            CohortRule::Either => in_cms_top || frail,
            CohortRule::Both => in_cms_top && frail,
        }
    }

    /// The rule in words.
    pub fn label(&self) -> &'static str {
        match self {
            CohortRule::TopCms => "Top N% by Cambridge Multimorbidity Score",
            CohortRule::ModerateOrSevereFrailty => "Moderate or severe frailty (eFI, aged 65+)",
            CohortRule::Either => "Top N% by CMS, or moderate or severe frailty",
            CohortRule::Both => "Top N% by CMS and moderate or severe frailty",
        }
    }
}

/// The cohort membership of every patient under `rule`.
pub fn cohort_members(cms: &CmsCohort, scores: &Scores, rule: CohortRule) -> Vec<bool> {
    cms.members
        .iter()
        .zip(&scores.per_patient)
        .map(|(&top, score)| rule.admits(top, score))
        .collect()
}

/// How an area's rate compares with the city benchmark: by whether the area's 95%
/// Wilson interval excludes the benchmark rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RateComparison {
    /// The whole interval is above the benchmark.
    Higher,
    /// The interval includes the benchmark.
    Similar,
    /// The whole interval is below the benchmark.
    Lower,
}

/// One practice, PCN or the whole city: cohort count and rate, after disclosure control.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AreaRate {
    /// ODS code (practice or PCN); `"ALL"` for the benchmark; `"UNKNOWN"` for the PCN of
    /// practices not in the workspace.
    pub code: String,
    /// The name from the workspace, when known.
    pub name: Option<String>,
    /// Patients in the file for this area (suppressed when 1–4).
    pub population: Option<u64>,
    /// Patients in the cohort (suppressed when 1–4).
    pub members: Option<u64>,
    /// members / population, with its 95% Wilson interval; `None` when either count is
    /// suppressed or the population is 0.
    pub rate: Option<f64>,
    /// The 95% Wilson interval of `rate`, as proportions.
    pub interval: Option<(f64, f64)>,
    /// Against the city benchmark (for the benchmark itself, `None`).
    pub compared: Option<RateComparison>,
}

impl AreaRate {
    fn of(
        code: String,
        name: Option<String>,
        members: u64,
        population: u64,
        benchmark: Option<f64>,
    ) -> AreaRate {
        let shown_population = suppress_small(population);
        let shown_members = suppress_small(members);
        let visible = shown_population.is_some() && shown_members.is_some() && population > 0;
        let interval = if visible {
            wilson(members, population)
        } else {
            None
        };
        let rate = visible.then(|| members as f64 / population as f64);
        let compared = match (interval, benchmark) {
            (Some((lower, upper)), Some(benchmark)) => Some(if lower > benchmark {
                RateComparison::Higher
            } else if upper < benchmark {
                RateComparison::Lower
            } else {
                RateComparison::Similar
            }),
            _ => None,
        };
        AreaRate {
            code,
            name,
            population: shown_population,
            members: shown_members,
            rate,
            interval,
            compared,
        }
    }
}

/// The overlap of the CMS cohort and moderate or severe frailty (suppressed counts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overlap {
    /// In the CMS top N% and moderately or severely frail.
    pub cms_and_frail: Option<u64>,
    /// In the CMS top N% only.
    pub cms_only: Option<u64>,
    /// Moderately or severely frail only.
    pub frail_only: Option<u64>,
    /// Neither.
    pub neither: Option<u64>,
}

/// The CMS bands of the score distribution: lower bounds in hundredths, and labels.
pub const CMS_BANDS: [(u32, &str); 7] = [
    (0, "0"),
    (1, "0.01–0.99"),
    (100, "1.00–1.99"),
    (200, "2.00–2.99"),
    (300, "3.00–3.99"),
    (400, "4.00–4.99"),
    (500, "5.00 or more"),
];

/// The distribution of scores over the whole population (suppressed counts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Distribution {
    /// Patients per CMS band of [`CMS_BANDS`], in its order.
    pub cms_bands: Vec<(String, Option<u64>)>,
    /// Patients with 0, 1, ..., 36 eFI deficits (all ages).
    pub efi_deficits: Vec<Option<u64>>,
    /// Patients aged 65+ per eFI category.
    pub efi_categories: Vec<(EfiCategory, Option<u64>)>,
    /// Patients under 65, who have no eFI category.
    pub under_65: Option<u64>,
}

/// One condition's share of the cohort against its share of the population.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConditionShare {
    /// The condition's column in the patient file.
    pub column: &'static str,
    /// The condition as its score's paper names it.
    pub label: &'static str,
    /// Cohort members with the condition (suppressed when 1–4).
    pub in_cohort: Option<u64>,
    /// in_cohort / cohort size; `None` when suppressed or the cohort is empty.
    pub share_of_cohort: Option<f64>,
    /// Patients with the condition in the whole file / population; `None` when the count
    /// is suppressed or the column is missing.
    pub share_of_population: Option<f64>,
    /// False when the file has no column for it (the counts are then 0).
    pub column_present: bool,
}

/// Everything the Risk page shows about a cohort.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortSummary {
    /// The rule that made the cohort.
    pub rule: CohortRule,
    /// N of the top N% by CMS, in percent.
    pub top_percent: f64,
    /// Patients scored.
    pub population: u64,
    /// Cohort members under the rule (not suppressed: the whole file's count).
    pub cohort_size: u64,
    /// Size of the CMS top-N% cohort: ⌈N% × population⌉.
    pub cms_cohort_size: u64,
    /// The lowest CMS in the CMS cohort, as text with two decimals.
    pub cms_cut_off: String,
    /// The tie rule at the CMS cut-off, in words ([`TIE_RULE`]).
    pub tie_rule: &'static str,
    /// The whole file: the city (or PCN, or practice) benchmark.
    pub benchmark: AreaRate,
    /// Each practice in the file, by ODS code.
    pub practices: Vec<AreaRate>,
    /// Each PCN of those practices, by ODS code.
    pub pcns: Vec<AreaRate>,
    /// How the CMS cohort and moderate or severe frailty overlap.
    pub overlap: Overlap,
    /// The distribution of CMS and eFI over the whole file.
    pub distribution: Distribution,
    /// CMS conditions then eFI deficits.
    pub condition_mix: Vec<ConditionShare>,
    /// The caveat of scores computed without some columns.
    pub caveat: Option<String>,
}

/// Summarises the cohort under `rule`: counts and rates with Wilson intervals per
/// practice and per PCN (PCN from the workspace; practices it does not know fall under
/// `UNKNOWN`) against the whole file's rate, the overlap, the distribution of scores and
/// the condition mix. All displayed counts pass through [`suppress_small`].
pub fn summarise(
    table: &PatientTable,
    scores: &Scores,
    cms: &CmsCohort,
    rule: CohortRule,
    workspace: Option<&Workspace>,
) -> CohortSummary {
    let members = cohort_members(cms, scores, rule);
    let population = table.len() as u64;
    let cohort_size = members.iter().filter(|&&m| m).count() as u64;

    // Per practice: (members, population).
    let mut by_practice = vec![(0u64, 0u64); table.practices().len()];
    for (i, &member) in members.iter().enumerate() {
        let counts = &mut by_practice[table.practice_index(i)];
        counts.0 += u64::from(member);
        counts.1 += 1;
    }
    let benchmark_rate = (population > 0).then(|| cohort_size as f64 / population as f64);
    let benchmark = AreaRate::of(
        "ALL".to_string(),
        workspace.map(|w| w.place.clone()),
        cohort_size,
        population,
        None,
    );
    let practice_of = |code: &str| workspace.and_then(|w| w.practice(code));
    let mut practices: Vec<AreaRate> = Vec::new();
    let mut by_pcn: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for (index, code) in table.practices().iter().enumerate() {
        let (k, n) = by_practice[index];
        let practice = practice_of(code);
        practices.push(AreaRate::of(
            code.clone(),
            practice.map(|p| p.name.clone()),
            k,
            n,
            benchmark_rate,
        ));
        let pcn = practice.map_or_else(|| "UNKNOWN".to_string(), |p| p.pcn_code.clone());
        let counts = by_pcn.entry(pcn).or_default();
        counts.0 += k;
        counts.1 += n;
    }
    practices.sort_by(|a, b| a.code.cmp(&b.code));
    let pcns = by_pcn
        .into_iter()
        .map(|(code, (k, n))| {
            let name = workspace.and_then(|w| w.pcn(&code)).map(|p| p.name.clone());
            AreaRate::of(code, name, k, n, benchmark_rate)
        })
        .collect();

    // Overlap of the two criteria, whatever the rule shown.
    let mut overlap = [0u64; 4];
    for (&top, score) in cms.members.iter().zip(&scores.per_patient) {
        let frail = score.is_moderately_or_severely_frail();
        overlap[usize::from(top) * 2 + usize::from(frail)] += 1;
    }
    let overlap = Overlap {
        cms_and_frail: suppress_small(overlap[3]),
        cms_only: suppress_small(overlap[2]),
        frail_only: suppress_small(overlap[1]),
        neither: suppress_small(overlap[0]),
    };

    // Distribution.
    let mut bands = [0u64; CMS_BANDS.len()];
    let mut deficits = [0u64; EFI_COUNT + 1];
    let mut categories = [0u64; 4];
    let mut under_65 = 0u64;
    for score in &scores.per_patient {
        let band = CMS_BANDS
            .iter()
            .rposition(|&(lower, _)| score.cms_hundredths >= lower)
            .unwrap_or(0);
        bands[band] += 1;
        deficits[usize::from(score.efi_deficits).min(EFI_COUNT)] += 1;
        match score.efi_category {
            Some(category) => categories[category as usize] += 1,
            None => under_65 += 1,
        }
    }
    let distribution = Distribution {
        cms_bands: CMS_BANDS
            .iter()
            .zip(bands)
            .map(|(&(_, label), count)| (label.to_string(), suppress_small(count)))
            .collect(),
        efi_deficits: deficits.iter().map(|&c| suppress_small(c)).collect(),
        efi_categories: EfiCategory::ALL
            .iter()
            .zip(categories)
            .map(|(&category, count)| (category, suppress_small(count)))
            .collect(),
        under_65: suppress_small(under_65),
    };

    // Condition mix.
    let mut in_cohort = [0u64; CMS_COUNT + EFI_COUNT];
    let mut in_population = [0u64; CMS_COUNT + EFI_COUNT];
    for (i, &member) in members.iter().enumerate() {
        let mut bits = table.conditions(i).0;
        while bits != 0 {
            let bit = bits.trailing_zeros() as usize;
            in_population[bit] += 1;
            in_cohort[bit] += u64::from(member);
            bits &= bits - 1;
        }
    }
    let present = table.columns_present();
    let labels = CMS_CONDITIONS
        .iter()
        .map(|c| (c.column, c.label))
        .chain(EFI_DEFICITS.iter().map(|d| (d.column, d.label)));
    let condition_mix = labels
        .enumerate()
        .map(|(bit, (column, label))| {
            let shown = suppress_small(in_cohort[bit]);
            let column_present = present.0 & (1u64 << bit) != 0;
            ConditionShare {
                column,
                label,
                in_cohort: shown,
                share_of_cohort: shown
                    .filter(|_| cohort_size > 0 && column_present)
                    .map(|k| k as f64 / cohort_size as f64),
                share_of_population: suppress_small(in_population[bit])
                    .filter(|_| population > 0 && column_present)
                    .map(|k| k as f64 / population as f64),
                column_present,
            }
        })
        .collect();

    CohortSummary {
        rule,
        top_percent: cms.top.percent(),
        population,
        cohort_size,
        cms_cohort_size: cms.size() as u64,
        cms_cut_off: format_cms(cms.cut_off_cms_hundredths),
        tie_rule: TIE_RULE,
        benchmark,
        practices,
        pcns,
        overlap,
        distribution,
        condition_mix,
        caveat: scores.caveat.clone(),
    }
}

/// The cohort's pseudonymous ids with their scores, as CSV for the practice to
/// re-identify in its own clinical system: `patient_id, practice_code, age, sex, cms,
/// efi, efi_deficits, efi_category, in_cms_top, moderate_or_severe_frailty`, members of
/// `members` only, highest CMS first then by [`TIE_RULE`].
pub fn cohort_csv(
    table: &PatientTable,
    scores: &Scores,
    cms: &CmsCohort,
    members: &[bool],
) -> String {
    let per = &scores.per_patient;
    let mut rows: Vec<usize> = (0..table.len())
        .filter(|&i| members.get(i) == Some(&true))
        .collect();
    rows.sort_by(|&a, &b| {
        (
            Reverse(per[a].cms_hundredths),
            Reverse(per[a].efi_deficits),
            Reverse(table.age(a)),
            table.id(a),
        )
            .cmp(&(
                Reverse(per[b].cms_hundredths),
                Reverse(per[b].efi_deficits),
                Reverse(table.age(b)),
                table.id(b),
            ))
    });
    // The project's one CSV writer: an id that looks like a formula comes back inert.
    let mut out = crate::export::CsvWriter::new(Vec::new());
    let mut write = |fields: &[&str]| {
        // Writing to a Vec cannot fail.
        let _ = out.row(fields);
    };
    write(&[
        "patient_id",
        "practice_code",
        "age",
        "sex",
        "cms",
        "efi",
        "efi_deficits",
        "efi_category",
        "in_cms_top",
        "moderate_or_severe_frailty",
    ]);
    for i in rows {
        let score = &per[i];
        let sex = match table.sex(i) {
            super::patients::Sex::Female => "F",
            super::patients::Sex::Male => "M",
            super::patients::Sex::Other => "U",
        };
        write(&[
            table.id(i),
            table.practice_code(i),
            &table.age(i).to_string(),
            sex,
            &format_cms(score.cms_hundredths),
            &format_efi(score.efi_deficits),
            &score.efi_deficits.to_string(),
            score.efi_category.map_or("", |c| c.as_str()),
            if cms.members[i] { "1" } else { "0" },
            if score.is_moderately_or_severely_frail() {
                "1"
            } else {
                "0"
            },
        ]);
    }
    let bytes = out.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The eFI (deficits / 36) with three decimals, as the CSV outputs write it.
pub fn format_efi(deficits: u8) -> String {
    format!("{:.3}", f64::from(deficits) / EFI_COUNT as f64)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_rule_is_found_by_its_key_and_by_nothing_else() {
        for rule in CohortRule::ALL {
            assert_eq!(CohortRule::from_key(rule.key()), Some(rule));
        }
        assert_eq!(CohortRule::from_key("frial"), None);
        assert_eq!(CohortRule::from_key(""), None);
        assert_eq!(CohortRule::from_key("Top"), None);
    }

    use super::super::patients::{Patient, Sex};
    use super::*;

    fn patient(id: &str, practice: &str, age: u8, conditions: ConditionSet) -> Patient {
        Patient {
            id: id.to_string(),
            practice_code: practice.to_string(),
            age,
            sex: Sex::Female,
            conditions,
            deprivation_quintile: None,
        }
    }

    fn table_of(patients: &[Patient]) -> PatientTable {
        let mut table = PatientTable::new(ConditionSet::ALL);
        for (line, p) in patients.iter().enumerate() {
            table.push(p, line as u64 + 2);
        }
        table
    }

    fn dementia() -> ConditionSet {
        ConditionSet::EMPTY.with_cms(10)
    }

    #[test]
    fn cohort_size_is_the_ceiling_of_n_percent() {
        let three = TopPercent::new(3.0).unwrap();
        assert_eq!(three.cohort_size(1_000), 30);
        assert_eq!(three.cohort_size(1_001), 31);
        assert_eq!(three.cohort_size(100), 3);
        assert_eq!(three.cohort_size(1), 1);
        assert_eq!(three.cohort_size(0), 0);
        assert_eq!(TopPercent::new(1.0).unwrap().cohort_size(426_000), 4_260);
        assert_eq!(TopPercent::new(2.5).unwrap().cohort_size(333), 9); // 8.325 → 9
        assert_eq!(TopPercent::new(10.0).unwrap().cohort_size(7), 1); // 0.7 → 1
                                                                      // 0.1 × 100 is not exact in floating point; the size still is.
        assert_eq!(TopPercent::new(7.0).unwrap().cohort_size(100), 7);
        for bad in [0.0, -1.0, 100.5, f64::NAN, f64::INFINITY] {
            assert!(TopPercent::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_cohort_has_exactly_the_size_and_ties_follow_the_rule() {
        // 100 patients: 1 with dementia + heart failure (3.68), then 5 tied on dementia
        // alone (2.50) with different deficits and ages, the rest with nothing.
        let mut patients = vec![patient("TOP", "A1", 50, dementia().with_cms(14))];
        patients.push(patient("T-young", "A1", 40, dementia()));
        patients.push(patient("T-old-b", "A1", 80, dementia()));
        patients.push(patient("T-old-a", "A1", 80, dementia()));
        patients.push(patient("T-frail", "A1", 30, dementia().with_efi(0)));
        patients.push(patient("T-mid", "A1", 60, dementia()));
        for i in 0..94 {
            patients.push(patient(&format!("Z{i:03}"), "A2", 20, ConditionSet::EMPTY));
        }
        let table = table_of(&patients);
        let scores = score_patients(&table, MissingColumns::Refuse).unwrap();
        let cohort = cms_cohort(&table, &scores, TopPercent::new(3.0).unwrap()).unwrap();
        assert_eq!(cohort.size(), 3);
        assert_eq!(cohort.members.iter().filter(|&&m| m).count(), 3);
        assert_eq!(cohort.cut_off_cms_hundredths, 250);
        assert_eq!((cohort.tied_at_cut_off, cohort.tied_admitted), (5, 2));
        let ids: Vec<&str> = cohort.ranked.iter().map(|&i| table.id(i)).collect();
        // More deficits first (T-frail), then older first, then id ascending (T-old-a).
        assert_eq!(ids, ["TOP", "T-frail", "T-old-a"]);

        // 5%: 5 patients; the last slot goes to T-old-b (older than T-mid).
        let cohort = cms_cohort(&table, &scores, TopPercent::new(5.0).unwrap()).unwrap();
        let ids: Vec<&str> = cohort.ranked.iter().map(|&i| table.id(i)).collect();
        assert_eq!(ids, ["TOP", "T-frail", "T-old-a", "T-old-b", "T-mid"]);

        // 10%: all six with a score and four zero-score patients, by id.
        let cohort = cms_cohort(&table, &scores, TopPercent::new(10.0).unwrap()).unwrap();
        assert_eq!(cohort.size(), 10);
        assert_eq!(cohort.cut_off_cms_hundredths, 0);
        assert_eq!(table.id(*cohort.ranked.last().unwrap()), "Z003");
    }

    #[test]
    fn the_cohort_does_not_depend_on_row_order() {
        let mut patients: Vec<Patient> = (0..50)
            .map(|i| {
                patient(
                    &format!("P{i:02}"),
                    "A1",
                    (i % 7) as u8 + 60,
                    if i % 3 == 0 {
                        dementia()
                    } else {
                        ConditionSet::EMPTY
                    },
                )
            })
            .collect();
        let forward = table_of(&patients);
        patients.reverse();
        let backward = table_of(&patients);
        let ids = |table: &PatientTable| {
            let scores = score_patients(table, MissingColumns::Refuse).unwrap();
            let cohort = cms_cohort(table, &scores, TopPercent::new(9.0).unwrap()).unwrap();
            cohort
                .ranked
                .iter()
                .map(|&i| table.id(i).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&forward), ids(&backward));
    }

    proptest::proptest! {
        /// Whatever the scores, population and share: exactly ⌈N% × population⌉ members,
        /// and no one outside the cohort scores more than anyone in it.
        #[test]
        fn cohort_size_and_order_hold_for_any_population(
            sets in proptest::collection::vec((0u64..(1 << 20), 0u8..100), 0..300),
            hundredths in 1u32..=1_000,
        ) {
            let patients: Vec<Patient> = sets
                .iter()
                .enumerate()
                .map(|(i, &(bits, age))| patient(&format!("P{i}"), "A1", age, ConditionSet(bits)))
                .collect();
            let table = table_of(&patients);
            let scores = score_patients(&table, MissingColumns::Refuse).unwrap();
            let top = TopPercent::new(f64::from(hundredths) / 100.0).unwrap();
            let cohort = cms_cohort(&table, &scores, top).unwrap();
            let expected = (u64::from(hundredths) * patients.len() as u64).div_ceil(10_000) as usize;
            proptest::prop_assert_eq!(cohort.size(), expected);
            proptest::prop_assert_eq!(cohort.members.iter().filter(|&&m| m).count(), expected);
            let lowest_in = cohort.ranked.iter().map(|&i| scores.per_patient[i].cms_hundredths).min();
            let highest_out = (0..table.len())
                .filter(|&i| !cohort.members[i])
                .map(|i| scores.per_patient[i].cms_hundredths)
                .max();
            if let (Some(lowest_in), Some(highest_out)) = (lowest_in, highest_out) {
                proptest::prop_assert!(lowest_in >= highest_out);
            }
        }
    }

    #[test]
    fn missing_columns_are_scored_only_when_accepted() {
        let mut table = PatientTable::new(ConditionSet(
            ConditionSet::ALL.0 & !ConditionSet::cms_bit(10),
        ));
        table.push(
            &patient("P1", "A1", 80, ConditionSet::EMPTY.with_cms(14)),
            2,
        );
        let refused = score_patients(&table, MissingColumns::Refuse).unwrap_err();
        assert!(refused.to_string().contains("cms_dementia"), "{refused}");
        let scores = score_patients(&table, MissingColumns::Accept).unwrap();
        assert_eq!(scores.per_patient[0].cms_hundredths, 118);
        assert!(scores.caveat.unwrap().contains("1 of 20 CMS"));
        assert!(scores.efi_available);
        let mut no_efi =
            PatientTable::new(ConditionSet(ConditionSet::ALL.0 & ((1 << CMS_COUNT) - 1)));
        no_efi.push(&patient("P1", "A1", 80, ConditionSet::EMPTY), 2);
        let scores = score_patients(&no_efi, MissingColumns::Accept).unwrap();
        assert!(!scores.efi_available);
        assert_eq!(scores.per_patient[0].efi_category, None);
    }

    #[test]
    fn summary_counts_rates_and_suppression() {
        // Practice A1: 100 patients, 10 frail (13 deficits, age 80); A2: 3 patients.
        let severe = (0..13).fold(ConditionSet::EMPTY, |s, i| s.with_efi(i));
        let mut patients: Vec<Patient> = (0..100)
            .map(|i| {
                if i < 10 {
                    patient(&format!("A{i:03}"), "A1", 80, severe)
                } else {
                    patient(&format!("A{i:03}"), "A1", 30, ConditionSet::EMPTY)
                }
            })
            .collect();
        for i in 0..3 {
            patients.push(patient(&format!("B{i}"), "A2", 85, severe));
        }
        let table = table_of(&patients);
        let scores = score_patients(&table, MissingColumns::Refuse).unwrap();
        let cms = cms_cohort(&table, &scores, TopPercent::new(3.0).unwrap()).unwrap();
        let summary = summarise(
            &table,
            &scores,
            &cms,
            CohortRule::ModerateOrSevereFrailty,
            None,
        );
        assert_eq!(summary.population, 103);
        assert_eq!(summary.cohort_size, 13);
        assert_eq!(summary.cms_cohort_size, 4); // ⌈3.09⌉
        assert_eq!(summary.benchmark.members, Some(13));
        let a1 = &summary.practices[0];
        assert_eq!(
            (a1.code.as_str(), a1.population, a1.members),
            ("A1", Some(100), Some(10))
        );
        assert!((a1.rate.unwrap() - 0.10).abs() < 1e-12);
        let (lower, upper) = a1.interval.unwrap();
        assert!((lower - 0.055_229).abs() < 1e-5 && (upper - 0.174_366).abs() < 1e-5);
        assert_eq!(a1.compared, Some(RateComparison::Similar));
        let a2 = &summary.practices[1];
        assert_eq!(
            (a2.population, a2.members, a2.rate, a2.interval),
            (None, None, None, None)
        );
        assert_eq!(summary.pcns.len(), 1);
        assert_eq!(summary.pcns[0].code, "UNKNOWN");
        // Distribution: 90 under 65 with CMS 0, 13 severe.
        assert_eq!(summary.distribution.cms_bands[0].1, Some(103));
        assert_eq!(summary.distribution.efi_deficits[13], Some(13));
        assert_eq!(
            summary.distribution.efi_categories[3],
            (EfiCategory::Severe, Some(13))
        );
        assert_eq!(summary.distribution.under_65, Some(90));
        // Everyone scores CMS 0, so the CMS cohort is 4 by the tie rule: the most
        // deficits and oldest first (B0, B1, B2 at 85, then A000 at 80) — all frail.
        assert_eq!(summary.overlap.cms_and_frail, None); // 4: suppressed
        assert_eq!(summary.overlap.frail_only, Some(9));
        assert_eq!(summary.overlap.cms_only, Some(0));
        assert_eq!(summary.overlap.neither, Some(90));
        let falls = &summary.condition_mix[CMS_COUNT];
        assert_eq!(falls.in_cohort, Some(13));
        assert_eq!(falls.share_of_cohort, Some(1.0));
    }

    #[test]
    fn the_cohort_csv_lists_members_highest_first() {
        let table = table_of(&[
            patient("P1", "A1", 80, ConditionSet::EMPTY),
            patient("P2", "A1", 70, dementia()),
        ]);
        let scores = score_patients(&table, MissingColumns::Refuse).unwrap();
        let cms = cms_cohort(&table, &scores, TopPercent::new(10.0).unwrap()).unwrap();
        let members = cohort_members(&cms, &scores, CohortRule::Either);
        let csv = cohort_csv(&table, &scores, &cms, &members);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("patient_id,practice_code,age,sex,cms,efi"));
        assert_eq!(lines[1], "P2,A1,70,F,2.50,0.000,0,fit,1,0");
    }

    #[test]
    fn the_cohort_csv_writes_a_formula_id_inert() {
        let table = table_of(&[patient("=HYPERLINK(\"http://x\")", "A1", 70, dementia())]);
        let scores = score_patients(&table, MissingColumns::Refuse).unwrap();
        let cms = cms_cohort(&table, &scores, TopPercent::new(100.0).unwrap()).unwrap();
        let members = cohort_members(&cms, &scores, CohortRule::Either);
        let csv = cohort_csv(&table, &scores, &cms, &members);
        let row = csv.lines().nth(1).unwrap();
        assert!(
            row.starts_with("\"'=HYPERLINK(\"\"http://x\"\")\",A1,"),
            "{row}"
        );
    }
}
