//! The balanced scorecard: every practice and PCN against the city on every comparable
//! measure ([`crate::measures::scorecard_indicators`]) in its latest period, with 95%
//! and 99.8% intervals and the Fingertips comparison at both levels
//! ([`crate::stats::benchmark::compare`]; an area is never compared with itself — the
//! city is all practices, which no practice or PCN is), disclosure control, and a
//! transparent composite ([`composite_method`]).

use crate::aggregate::CITY_CODE;
use crate::comparator::{england_value, Against, Comparator, Comparators};
use crate::measures::area_figure;
use crate::measures::{scorecard_indicators, MeasureContext, Observation};
use crate::model::{Domain, Indicator, Period, Polarity, Practice, PublishedVerdict, Workspace};
use crate::stats::benchmark::{
    judge, quintile_bounds, quintile_of, quintile_words, AreaFigure, Comparison, ComparisonMethod,
    Verdict,
};
use crate::stats::Interval;
use crate::summary::display_name;
use crate::table::{Cell, Table};
use std::collections::HashMap;

/// The composite's method against `against`, as the Scorecard page prints it.
pub fn composite_method(against: Against) -> String {
    let whom = against.whom();
    format!("Each measure with a judgement (higher or lower is better) \
scores +2 when the area is better than {whom} at 99.8% confidence, +1 when better at 95% \
only, 0 when similar, suppressed or not compared, −1 when worse at 95% only and −2 when worse \
at 99.8%. Measures with no judgement (such as recorded prevalence) and measures with no \
confidence interval (such as GP FTE per 10,000 patients, which has no count behind it) are \
shown but not scored, and a measure the area does not report is left out. A domain's score is the mean of its \
measures' scores; the overall score is the mean of the domain scores, so each domain counts \
equally however many measures it has. Areas are ranked by overall score, highest first (1 = \
best), ties sharing a rank. Every component is listed beside the score.")
}

/// How the measures are compared against `against`, as the Scorecard's key says under
/// its codes.
pub fn comparison_key(against: Against) -> String {
    let value = match against {
        Against::Place => "the city's value",
        Against::Pcn => "the value of the practice's PCN (its practices pooled)",
        Against::Similar => "the value of the practice's similar practices (pooled)",
        Against::England => "England's value",
    };
    format!(
        "Under each measure's name: how it is compared, as Fingertips \
compares it. \"Intervals\": {value} against the area's confidence interval (95% and \
99.8%). \"SPC\": the area's value against control limits around {value} at the area's \
own population, at the level given (SPC for proportions: Fingertips' method for QOF recorded \
prevalence; SPC for rates: exact Poisson limits). \"Quintiles\": the area's fifth among the \
areas, with no significance and no score."
    )
}

/// One area × measure cell of the scorecard.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreCell {
    pub indicator_id: String,
    /// The measure's latest period.
    pub period: Option<Period>,
    /// The value on the reading scale; `None` when not reported or suppressed.
    pub value: Option<f64>,
    pub interval_95: Option<Interval>,
    pub interval_99_8: Option<Interval>,
    /// By the measure's method; [`Comparison::NotCompared`] at a level it does not use.
    pub compared_95: Comparison,
    pub compared_99_8: Comparison,
    /// The measure's comparison method, written beside the verdict.
    pub method: ComparisonMethod,
    /// The denominator, which SPC for proportions needs (against England too).
    pub denominator: Option<f64>,
    /// The comparator's value it was judged against; `None` when there is none.
    pub comparator_value: Option<f64>,
    /// "Better (99.8%)", "Better (95%)", "Similar", "Worse (95%)", "Worse (99.8%)",
    /// "Higher (…)", "Lower (…)", "Not compared", "Not reported" or "suppressed".
    pub label: String,
    pub suppressed: bool,
    /// The composite score by [`cell_score`]; `None` when not scored.
    pub score: Option<i32>,
    /// The same comparison against England's value, when the workspace gives one for
    /// the measure and period ([`england_label`]); not part of the composite.
    pub england: Option<String>,
    /// The publisher's own verdict against England for this area, measure and period
    /// (a Fingertips export's), set beside ours ([`published_label`]).
    pub published: Option<String>,
}

/// Whether a scorecard row is a practice or a PCN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AreaLevel {
    Practice,
    Pcn,
}

/// One area's scorecard row: its cells, domain scores, overall score and rank.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaScorecard {
    pub area_code: String,
    pub name: String,
    pub level: AreaLevel,
    /// One per [`Scorecard::indicators`], in that order.
    pub cells: Vec<ScoreCell>,
    /// Each domain with at least one scored measure, and its mean score.
    pub domain_scores: Vec<(Domain, f64)>,
    pub overall: Option<f64>,
    /// 1 = best among areas of the same level; `None` without an overall score.
    pub rank: Option<usize>,
    /// What it is judged against in words ("the city", "its PCN (…)", "its 10 similar
    /// practices"), or why it has no comparator ("… has no figure for deprivation …").
    pub compared_with: Result<String, String>,
    /// The similar practices it is judged against, nearest first (empty for any other
    /// comparator, and for PCNs).
    pub similar_practices: Vec<String>,
}

/// The whole scorecard.
#[derive(Debug, Clone, PartialEq)]
pub struct Scorecard {
    /// What practices are judged against.
    pub against: Against,
    /// What PCNs are judged against: the place or England (a PCN has no PCN or similar
    /// practices of its own, so for those it is the place).
    pub pcns_against: Against,
    pub indicators: Vec<Indicator>,
    /// The city's observation of each measure (the comparator).
    pub city: Vec<Option<Observation>>,
    /// England's value of each measure in its period, when the workspace gives one.
    pub england: Vec<Option<f64>>,
    pub practices: Vec<AreaScorecard>,
    pub pcns: Vec<AreaScorecard>,
}

/// The label of a cell from its two comparisons: the 99.8% result when it is
/// significant, else the 95% result, e.g. "Better (99.8%)", "Worse (95%)", "Similar".
pub fn cell_label(compared_95: Comparison, compared_99_8: Comparison) -> String {
    let word = |c: Comparison| match c {
        Comparison::Better => "Better",
        Comparison::Worse => "Worse",
        Comparison::Higher => "Higher",
        Comparison::Lower => "Lower",
        Comparison::Similar => "Similar",
        Comparison::NotCompared => "Not compared",
    };
    let significant = |c: Comparison| !matches!(c, Comparison::Similar | Comparison::NotCompared);
    if significant(compared_99_8) {
        format!("{} (99.8%)", word(compared_99_8))
    } else if significant(compared_95) {
        format!("{} (95%)", word(compared_95))
    } else if compared_95 == Comparison::NotCompared {
        // A method with one level (99.8% only) leaves the other not compared.
        word(compared_99_8).to_string()
    } else {
        word(compared_95).to_string()
    }
}

/// A cell's composite score ([`composite_method`]): +2 better at 99.8%, +1 better at
/// 95%, 0 similar or not compared, −1 worse at 95%, −2 worse at 99.8%.
pub fn cell_score(compared_95: Comparison, compared_99_8: Comparison) -> i32 {
    match (compared_95, compared_99_8) {
        (_, Comparison::Better) => 2,
        (Comparison::Better, _) => 1,
        (_, Comparison::Worse) => -2,
        (Comparison::Worse, _) => -1,
        _ => 0,
    }
}

/// One cell: the area's observation against the comparator's (the city's, its PCN's…)
/// value.
pub fn score_cell(
    indicator: &Indicator,
    area_code: &str,
    observation: Option<&Observation>,
    city: Option<&Observation>,
) -> ScoreCell {
    let judged = indicator.polarity != Polarity::NoJudgement;
    let comparator = city.filter(|c| !c.suppressed).map(|c| c.value);
    let Some(obs) = observation else {
        return ScoreCell {
            indicator_id: indicator.id.clone(),
            period: None,
            value: None,
            interval_95: None,
            interval_99_8: None,
            compared_95: Comparison::NotCompared,
            compared_99_8: Comparison::NotCompared,
            method: indicator.comparison,
            denominator: None,
            comparator_value: comparator,
            label: "Not reported".to_string(),
            suppressed: false,
            score: None,
            england: None,
            published: None,
        };
    };
    if obs.suppressed {
        return ScoreCell {
            indicator_id: indicator.id.clone(),
            period: Some(obs.period),
            value: None,
            interval_95: None,
            interval_99_8: None,
            compared_95: Comparison::NotCompared,
            compared_99_8: Comparison::NotCompared,
            method: indicator.comparison,
            denominator: None,
            comparator_value: comparator,
            label: "suppressed".to_string(),
            suppressed: true,
            score: judged.then_some(0),
            england: None,
            published: None,
        };
    }
    let figure = area_figure(indicator.unit, obs.value, obs.estimate, obs.denominator);
    let method = indicator.comparison;
    // An area is never compared with itself: the city is all practices.
    let (compared_95, compared_99_8) = match comparator {
        Some(c) if area_code != CITY_CODE => {
            let v = judge(method, &figure, c, indicator.polarity);
            (v.at_95, v.at_99_8)
        }
        _ => (Comparison::NotCompared, Comparison::NotCompared),
    };
    // Quintiles place an area among the others, with no significance to score.
    let comparable = match method {
        ComparisonMethod::Quintiles => false,
        m if m.is_spc() => figure.base.is_some(),
        _ => obs.estimate.is_some(),
    };
    ScoreCell {
        indicator_id: indicator.id.clone(),
        period: Some(obs.period),
        value: Some(obs.value),
        interval_95: figure.interval_95,
        interval_99_8: figure.interval_99_8,
        compared_95,
        compared_99_8,
        method,
        denominator: obs.denominator,
        comparator_value: comparator,
        label: cell_label(compared_95, compared_99_8),
        suppressed: false,
        score: (judged && comparable).then(|| cell_score(compared_95, compared_99_8)),
        england: None,
        published: None,
    }
}

impl ScoreCell {
    /// The one comparison shown where one is shown (the spine chart's marker): at 95%
    /// when the method judges at 95%, else at 99.8%.
    pub fn headline(&self) -> Comparison {
        if self.method.at_95() {
            self.compared_95
        } else {
            self.compared_99_8
        }
    }
}

/// How a cell compares with England's value, by the measure's method as against the
/// city: `None` without an England value or a value to compare.
pub fn england_verdict(
    indicator: &Indicator,
    cell: &ScoreCell,
    england: Option<f64>,
) -> Option<Verdict> {
    let england = england.filter(|v| v.is_finite())?;
    if cell.suppressed || cell.value.is_none() {
        return None;
    }
    let figure = AreaFigure {
        interval_95: cell.interval_95,
        interval_99_8: cell.interval_99_8,
        ..area_figure(indicator.unit, cell.value?, None, cell.denominator)
    };
    Some(judge(cell.method, &figure, england, indicator.polarity))
}

/// [`england_verdict`] in the cell's words (the 99.8% result when significant, else the
/// 95% one; "Not compared" without an interval).
pub fn england_label(
    indicator: &Indicator,
    cell: &ScoreCell,
    england: Option<f64>,
) -> Option<String> {
    england_verdict(indicator, cell, england).map(|v| cell_label(v.at_95, v.at_99_8))
}

/// The publisher's verdict beside ours, in words: "Fingertips: Higher (ours agrees)",
/// or where they differ, both, and that ours is by the same method on the figures the
/// export gives ("Fingertips: Similar; ours: Higher, by the same method on the
/// published counts"). `ours` is our verdict against the same comparator.
pub fn published_label(published: &PublishedVerdict, ours: Option<Verdict>) -> String {
    let word = |c: Comparison| match c {
        Comparison::Better => "Better",
        Comparison::Worse => "Worse",
        Comparison::Similar => "Similar",
        Comparison::Higher => "Higher",
        Comparison::Lower => "Lower",
        Comparison::NotCompared => "Not compared",
    };
    let theirs = format!("{}: {}", published.publisher, published.verdict);
    match ours.map(Verdict::headline) {
        Some(c) if word(c) == published.verdict => format!("{theirs} (ours agrees)"),
        Some(Comparison::NotCompared) | None => {
            format!("{theirs} (ours cannot be worked out from the published figures)")
        }
        Some(c) => format!(
            "{theirs}; ours: {}, by {} on the published figures (the publisher's own figures behind its verdict may differ, such as unrounded counts)",
            word(c),
            published_method_words(ours.map(|v| v.method))
        ),
    }
}

fn published_method_words(method: Option<ComparisonMethod>) -> &'static str {
    method.map_or("the same method", ComparisonMethod::words)
}

/// Domain scores (mean of each domain's scored cells, domains in [`Domain::ALL`] order)
/// and the overall score (mean of the domain scores), by [`composite_method`].
pub fn composite(
    indicators: &[Indicator],
    cells: &[ScoreCell],
) -> (Vec<(Domain, f64)>, Option<f64>) {
    let domains: Vec<(Domain, f64)> = Domain::ALL
        .iter()
        .filter_map(|&domain| {
            let scores: Vec<f64> = indicators
                .iter()
                .zip(cells)
                .filter(|(i, _)| i.domain == domain)
                .filter_map(|(_, c)| c.score.map(f64::from))
                .collect();
            (!scores.is_empty()).then(|| {
                (
                    domain,
                    tidy(scores.iter().sum::<f64>() / scores.len() as f64),
                )
            })
        })
        .collect();
    let overall = (!domains.is_empty())
        .then(|| tidy(domains.iter().map(|d| d.1).sum::<f64>() / domains.len() as f64));
    (domains, overall)
}

/// A mean of small integers rounded to 9 decimal places, so that floating-point dust
/// (−5.6e−17 for 0) neither shows nor splits a tie.
fn tidy(score: f64) -> f64 {
    // Adding 0.0 turns −0.0 into 0.0.
    (score * 1e9).round() / 1e9 + 0.0
}

/// Ranks areas by overall score, highest first: rank = 1 + the number of areas with a
/// strictly higher score (ties share a rank); areas with no score get none.
pub fn rank(areas: &mut [AreaScorecard]) {
    // Scores highest first; an area's rank is 1 + how many lie above its own by more
    // than rounding, found by binary search (n log n for 6,500 practices).
    let mut scores: Vec<f64> = areas.iter().filter_map(|a| a.overall).collect();
    scores.sort_by(|a, b| b.total_cmp(a));
    for area in areas.iter_mut() {
        area.rank = area
            .overall
            .map(|mine| 1 + scores.partition_point(|&s| s > mine + 1e-12));
    }
}

/// The balanced scorecard of the workspace against the city ([`Scorecard`]).
pub fn scorecard(workspace: &Workspace) -> Scorecard {
    scorecard_against(workspace, Against::Place)
}

/// The balanced scorecard with each practice judged against `against`: the city, its
/// PCN, its similar practices or England. PCNs are judged against England when
/// `against` is England, and against the city otherwise. A practice with no such
/// comparator (no similar practices, no PCN; data with no England values) is not
/// compared, and says why.
pub fn scorecard_against(workspace: &Workspace, against: Against) -> Scorecard {
    let indicators = scorecard_indicators(workspace);
    let context = MeasureContext::new(workspace);
    let periods: Vec<Option<Period>> = indicators
        .iter()
        .map(|i| context.latest_period(i))
        .collect();
    let all: Vec<&Practice> = workspace.practices.iter().collect();
    let observe = |practices: &[&Practice]| -> Vec<Option<Observation>> {
        indicators
            .iter()
            .zip(&periods)
            .map(|(i, p)| p.and_then(|p| context.observe(i, practices, p)))
            .collect()
    };
    let by_code: HashMap<&str, &Practice> = workspace
        .practices
        .iter()
        .map(|p| (p.code.as_str(), p))
        .collect();
    // A comparator's figures for every measure; a PCN's are worked out once and shared
    // by its practices.
    let mut pooled: HashMap<Vec<String>, Vec<Option<Observation>>> = HashMap::new();
    let mut figures_of = |comparator: &Comparator| -> Vec<Option<Observation>> {
        if let Some(known) = pooled.get(&comparator.practice_codes) {
            return known.clone();
        }
        let members: Vec<&Practice> = comparator
            .practice_codes
            .iter()
            .filter_map(|c| by_code.get(c.as_str()).copied())
            .collect();
        let figures: Vec<Option<Observation>> = indicators
            .iter()
            .zip(&periods)
            .map(|(i, p)| p.and_then(|p| comparator.observe(workspace, &context, &members, i, p)))
            .collect();
        if comparator.against == Against::Pcn {
            pooled.insert(comparator.practice_codes.clone(), figures.clone());
        }
        figures
    };
    let city = observe(&all);
    let england: Vec<Option<f64>> = indicators
        .iter()
        .zip(&periods)
        .map(|(i, p)| p.and_then(|p| england_value(workspace, i, p)))
        .collect();
    let no_comparator: Vec<Option<Observation>> = vec![None; indicators.len()];
    let row = |code: &str,
               name: &str,
               level: AreaLevel,
               practices: &[&Practice],
               against_england: bool,
               comparator: Result<(&str, &[Option<Observation>]), String>| {
        let observations = observe(practices);
        let (compared_with, figures) = match comparator {
            Ok((words, figures)) => (Ok(words.to_string()), figures),
            Err(why) => (Err(why), no_comparator.as_slice()),
        };
        let cells: Vec<ScoreCell> = indicators
            .iter()
            .zip(&observations)
            .zip(figures.iter().zip(&england))
            .map(|((i, o), (c, e))| {
                let mut cell = score_cell(i, code, o.as_ref(), c.as_ref());
                let ours = england_verdict(i, &cell, *e);
                // Against England, the cell's own verdict is already England's.
                if !against_england {
                    cell.england = ours.map(|v| cell_label(v.at_95, v.at_99_8));
                }
                cell.published = cell.period.and_then(|period| {
                    workspace
                        .published_verdicts
                        .iter()
                        .find(|v| {
                            v.indicator_id == i.id && v.area_code == code && v.period == period
                        })
                        .map(|v| published_label(v, ours))
                });
                cell
            })
            .collect();
        let (domain_scores, overall) = composite(&indicators, &cells);
        AreaScorecard {
            area_code: code.to_string(),
            name: name.to_string(),
            level,
            cells,
            domain_scores,
            overall,
            rank: None,
            compared_with,
            similar_practices: Vec::new(),
        }
    };
    let pcns_against = if against == Against::England {
        Against::England
    } else {
        Against::Place
    };
    // The city's figures, or England's, the same for every area.
    let shared_figures = |a: Against| -> Result<Vec<Option<Observation>>, String> {
        match a {
            Against::England => Comparator::england(workspace).map(|c| {
                indicators
                    .iter()
                    .zip(&periods)
                    .map(|(i, p)| p.and_then(|p| c.observe(workspace, &context, &[], i, p)))
                    .collect()
            }),
            _ => Ok(city.clone()),
        }
    };
    let practice_figures = against.is_shared().then(|| shared_figures(against));
    let comparators = Comparators::new(workspace);
    let mut practices: Vec<AreaScorecard> = Vec::with_capacity(workspace.practices.len());
    for p in &workspace.practices {
        let mut similar = Vec::new();
        let comparator: Result<(String, Vec<Option<Observation>>), String> = match &practice_figures
        {
            Some(figures) => figures.clone().map(|f| (against.words().to_string(), f)),
            None => comparators.of(&p.code, against).map(|c| {
                if against == Against::Similar {
                    similar = c.practice_codes.clone();
                }
                (c.name.clone(), figures_of(&c))
            }),
        };
        let mut area = row(
            &p.code,
            &p.name,
            AreaLevel::Practice,
            &[p],
            against == Against::England,
            comparator
                .as_ref()
                .map(|(w, f)| (w.as_str(), f.as_slice()))
                .map_err(Clone::clone),
        );
        area.similar_practices = similar;
        practices.push(area);
    }
    let pcn_figures = shared_figures(pcns_against);
    let mut pcns: Vec<AreaScorecard> = workspace
        .pcns
        .iter()
        .map(|pcn| {
            let members: Vec<&Practice> = workspace.practices_in(&pcn.code).collect();
            row(
                &pcn.code,
                &pcn.name,
                AreaLevel::Pcn,
                &members,
                pcns_against == Against::England,
                pcn_figures
                    .as_ref()
                    .map(|f| (pcns_against.words(), f.as_slice()))
                    .map_err(Clone::clone),
            )
        })
        .collect();
    for (k, indicator) in indicators.iter().enumerate() {
        if indicator.comparison == ComparisonMethod::Quintiles {
            place_in_quintiles(&mut practices, k, indicator.polarity);
            place_in_quintiles(&mut pcns, k, indicator.polarity);
        }
    }
    rank(&mut practices);
    rank(&mut pcns);
    Scorecard {
        against,
        pcns_against,
        indicators,
        city,
        england,
        practices,
        pcns,
    }
}

/// Labels each area's cell of measure `k` with its fifth among the areas of its level
/// ([`quintile_of`]), as Fingertips' quintiles comparer does; unscored.
fn place_in_quintiles(areas: &mut [AreaScorecard], k: usize, polarity: Polarity) {
    let values: Vec<f64> = areas.iter().filter_map(|a| a.cells[k].value).collect();
    let Some(bounds) = quintile_bounds(&values) else {
        return;
    };
    for area in areas {
        let cell = &mut area.cells[k];
        if let Some(q) = cell.value.and_then(|v| quintile_of(&bounds, v, polarity)) {
            cell.label = quintile_words(q, polarity).to_string();
        }
    }
}

/// The key's sentence on England: whether the data gives England's values, for how many
/// measures, and whether a publisher's own verdicts stand beside ours.
pub fn england_key(card: &Scorecard) -> String {
    let given = card.england.iter().filter(|e| e.is_some()).count();
    if given == 0 {
        return match card.against {
            Against::England => "Compared with England: not available. This workspace holds no England values for these measures, so no cell is compared.".to_string(),
            Against::Place => "Compared with England: not available. This workspace holds no England values, so every comparison is with the city (all its practices together).".to_string(),
            _ => "Compared with England: not available. This workspace holds no England values for these measures.".to_string(),
        };
    }
    let published = card
        .practices
        .iter()
        .chain(&card.pcns)
        .any(|a| a.cells.iter().any(|c| c.published.is_some()));
    let published = if published {
        " Where a Fingertips export gives its own verdict against England, the cell sets it beside ours and says where they differ."
    } else {
        ""
    };
    match card.against {
        Against::England => format!(
            "Compared with England: the data gives England's value (area code E92000001) for {given} of the {} measures; the colours and the composite compare with it, and a measure without England's value is not compared.{published}",
            card.indicators.len()
        ),
        against => format!(
            "Compared with England: the data gives England's value (area code E92000001) for {given} of the {} measures; for those, each cell also says how the area compares with England, by the same rule. The colours and the composite compare with {}.{published}",
            card.indicators.len(),
            against.words()
        ),
    }
}

/// The scorecard as a long table for the CSV download: one row per area × measure,
/// with value, both intervals, the label, the score, and the area's domain and overall
/// scores and rank. Suppressed cells show "suppressed" and no numbers.
pub fn scorecard_table(scorecard: &Scorecard, level: AreaLevel) -> Table {
    let (areas, against) = match level {
        AreaLevel::Practice => (&scorecard.practices, scorecard.against),
        AreaLevel::Pcn => (&scorecard.pcns, scorecard.pcns_against),
    };
    // Against England, England's value and verdict are the comparator's columns.
    let with_england = against != Against::England;
    let comparator_value = format!("{} value", against.short());
    let compared = against.compared_heading();
    let mut columns = vec![
        "Area code",
        "Area",
        "Indicator",
        "Domain",
        "Period",
        "Value",
        "Lower 95%",
        "Upper 95%",
        "Lower 99.8%",
        "Upper 99.8%",
        &comparator_value,
        &compared,
        "Compared by",
    ];
    if with_england {
        columns.extend(["England value", "Compared with England"]);
    }
    columns.extend([
        "Publisher's verdict against England",
        "Score",
        "Domain score",
        "Overall score",
        "Rank",
    ]);
    let mut table = Table::new(&columns);
    let number = |x: Option<f64>| match x {
        Some(v) => Cell::value(v, 1),
        None => Cell::text(""),
    };
    let measured = |indicator: &Indicator, x: Option<f64>| match x {
        Some(v) => Cell::number(v, value_text(indicator, v)),
        None => Cell::text(""),
    };
    for area in areas {
        for ((indicator, cell), england) in scorecard
            .indicators
            .iter()
            .zip(&area.cells)
            .zip(&scorecard.england)
        {
            let domain_score = area
                .domain_scores
                .iter()
                .find(|d| d.0 == indicator.domain)
                .map(|d| d.1);
            let value = if cell.suppressed {
                Cell::text("suppressed")
            } else {
                measured(indicator, cell.value)
            };
            let mut row = vec![
                Cell::text(area.area_code.clone()),
                Cell::text(display_name(&area.name)),
                Cell::text(indicator.name.clone()),
                Cell::text(indicator.domain.label()),
                Cell::text(cell.period.map(|p| p.label()).unwrap_or_default()),
                value,
                number(cell.interval_95.map(|i| i.lower)),
                number(cell.interval_95.map(|i| i.upper)),
                number(cell.interval_99_8.map(|i| i.lower)),
                number(cell.interval_99_8.map(|i| i.upper)),
                number(cell.comparator_value),
                Cell::text(cell.label.clone()),
                Cell::text(cell.method.words()),
            ];
            if with_england {
                row.extend([
                    number(*england),
                    Cell::text(cell.england.clone().unwrap_or_default()),
                ]);
            }
            row.extend([
                Cell::text(cell.published.clone().unwrap_or_default()),
                cell.score
                    .map(|s| Cell::number(f64::from(s), s.to_string()))
                    .unwrap_or_else(|| Cell::text("")),
                number(domain_score),
                number(area.overall),
                area.rank
                    .map(|r| Cell::number(r as f64, r.to_string()))
                    .unwrap_or_else(|| Cell::text("")),
            ]);
            table.rows.push(row);
        }
    }
    table
}

/// One area's scorecard as a short table (the PCN profile shows its PCN's): measure,
/// domain, period, value, city value, the comparison in words and the score.
/// Suppressed cells show "suppressed" and no value.
pub fn area_scorecard_table(scorecard: &Scorecard, level: AreaLevel, area_code: &str) -> Table {
    let (areas, against) = match level {
        AreaLevel::Practice => (&scorecard.practices, scorecard.against),
        AreaLevel::Pcn => (&scorecard.pcns, scorecard.pcns_against),
    };
    let mut table = Table::new(&[
        "Measure",
        "Domain",
        "Period",
        "Value",
        &format!("{} value", against.short()),
        &against.compared_heading(),
        "Compared by",
        "Score",
    ]);
    let Some(area) = areas.iter().find(|a| a.area_code == area_code) else {
        return table;
    };
    let number = |indicator: &Indicator, x: Option<f64>| match x {
        Some(v) => Cell::number(v, value_text(indicator, v)),
        None => Cell::text(""),
    };
    for (indicator, cell) in scorecard.indicators.iter().zip(&area.cells) {
        table.rows.push(vec![
            Cell::text(indicator.name.clone()),
            Cell::text(indicator.domain.label()),
            Cell::text(cell.period.map(|p| p.label()).unwrap_or_default()),
            if cell.suppressed {
                Cell::text("suppressed")
            } else {
                number(indicator, cell.value)
            },
            number(indicator, cell.comparator_value),
            Cell::text(cell.label.clone()),
            Cell::text(cell.method.words()),
            cell.score
                .map(|s| Cell::number(f64::from(s), s.to_string()))
                .unwrap_or_else(|| Cell::text("not scored")),
        ]);
    }
    table
}

/// One area's composite in a sentence: "Overall score 0.44 (rank 4 of 10 PCNs);
/// Access 2.00, Quality −0.33, …".
pub fn area_score_sentence(scorecard: &Scorecard, level: AreaLevel, area_code: &str) -> String {
    let (areas, word) = match level {
        AreaLevel::Practice => (&scorecard.practices, "practices"),
        AreaLevel::Pcn => (&scorecard.pcns, "PCNs"),
    };
    let Some(area) = areas.iter().find(|a| a.area_code == area_code) else {
        return "This area is not on the scorecard.".to_string();
    };
    let domains = area
        .domain_scores
        .iter()
        .map(|(d, v)| format!("{} {v:.2}", d.label()))
        .collect::<Vec<_>>()
        .join(", ");
    match (area.overall, area.rank) {
        (Some(overall), Some(rank)) => format!(
            "Overall score {overall:.2} (rank {rank} of {} {word}); by domain: {domains}.",
            areas.len()
        ),
        _ => "No measure here has a score, so there is no overall score.".to_string(),
    }
}

/// How a scorecard cell reads on the page: its colour (Fingertips: better green,
/// similar amber, worse red, higher/lower blue for no judgement, grey when not
/// compared) and its short code in the tartan rug. The colour is never the only
/// signal: every cell also carries its words or its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Rating {
    /// Better than the city at 99.8% confidence.
    BetterHigh,
    /// Better at 95% only.
    Better,
    Similar,
    /// Worse at 95% only.
    Worse,
    /// Worse than the city at 99.8% confidence.
    WorseHigh,
    /// No judgement; significantly higher than the city.
    Higher,
    /// No judgement; significantly lower than the city.
    Lower,
    /// A value with no interval, or no city value to compare with.
    NotCompared,
    Suppressed,
    NotReported,
}

impl Rating {
    /// Every rating, in the order of the key.
    pub const ALL: [Rating; 10] = [
        Rating::BetterHigh,
        Rating::Better,
        Rating::Similar,
        Rating::Worse,
        Rating::WorseHigh,
        Rating::Higher,
        Rating::Lower,
        Rating::NotCompared,
        Rating::Suppressed,
        Rating::NotReported,
    ];

    /// The rating of a cell, read from its two comparisons as [`cell_label`] reads them.
    pub fn of(cell: &ScoreCell) -> Rating {
        if cell.suppressed {
            return Rating::Suppressed;
        }
        if cell.value.is_none() {
            return Rating::NotReported;
        }
        let high = |c: Comparison| match c {
            Comparison::Better => Some(Rating::BetterHigh),
            Comparison::Worse => Some(Rating::WorseHigh),
            Comparison::Higher => Some(Rating::Higher),
            Comparison::Lower => Some(Rating::Lower),
            _ => None,
        };
        let low = |c: Comparison| match c {
            Comparison::Better => Rating::Better,
            Comparison::Worse => Rating::Worse,
            Comparison::Higher => Rating::Higher,
            Comparison::Lower => Rating::Lower,
            Comparison::Similar => Rating::Similar,
            Comparison::NotCompared => Rating::NotCompared,
        };
        let at_95 = if cell.compared_95 == Comparison::NotCompared {
            // A method with one level (99.8% only): its result stands alone.
            cell.compared_99_8
        } else {
            cell.compared_95
        };
        high(cell.compared_99_8).unwrap_or_else(|| low(at_95))
    }

    /// The one- or two-character code of the tartan rug.
    pub fn code(self) -> &'static str {
        match self {
            Rating::BetterHigh => "B+",
            Rating::Better => "B",
            Rating::Similar => "S",
            Rating::Worse => "W",
            Rating::WorseHigh => "W+",
            Rating::Higher => "H",
            Rating::Lower => "L",
            Rating::NotCompared => "NC",
            Rating::Suppressed => "*",
            Rating::NotReported => "–",
        }
    }

    /// The key's words for the code, against `against`.
    pub fn meaning(self, against: Against) -> String {
        let whom = against.whom();
        match self {
            Rating::BetterHigh => format!("Better than {whom} (99.8% confidence)"),
            Rating::Better => format!("Better than {whom} (95% confidence)"),
            Rating::Similar => format!("Similar to {whom}"),
            Rating::Worse => format!("Worse than {whom} (95% confidence)"),
            Rating::WorseHigh => format!("Worse than {whom} (99.8% confidence)"),
            Rating::Higher => format!("Higher than {whom} (no judgement of better or worse)"),
            Rating::Lower => format!("Lower than {whom} (no judgement of better or worse)"),
            Rating::NotCompared => match against {
                Against::Place => {
                    "Not compared (no confidence interval or no city value)".to_string()
                }
                _ => format!("Not compared (no confidence interval, or no value for {whom})"),
            },
            Rating::Suppressed => "Suppressed (a count from 1 to 4)".to_string(),
            Rating::NotReported => "Not reported".to_string(),
        }
    }

    /// The colour group, as a stable name for a style class.
    pub fn colour(self) -> &'static str {
        match self {
            Rating::BetterHigh | Rating::Better => "better",
            Rating::Similar => "similar",
            Rating::Worse | Rating::WorseHigh => "worse",
            Rating::Higher => "higher",
            Rating::Lower => "lower",
            Rating::NotCompared | Rating::Suppressed | Rating::NotReported => "none",
        }
    }
}

/// A value as the scorecard writes it ([`crate::measures::value_text`]).
pub fn value_text(indicator: &Indicator, value: f64) -> String {
    crate::measures::value_text(indicator.unit, value)
}

/// A cell in words, as a screen reader or a printout reads it: "Better (99.8%): 62.1%",
/// "Similar: 48.0%", "Suppressed", "Not reported".
pub fn cell_text(indicator: &Indicator, cell: &ScoreCell) -> String {
    match (Rating::of(cell), cell.value) {
        (Rating::Suppressed, _) => "Suppressed".to_string(),
        (_, None) => "Not reported".to_string(),
        (_, Some(v)) => format!("{}: {}", cell.label, value_text(indicator, v)),
    }
}

/// The domains that have at least one measure on the scorecard, in [`Domain::ALL`]
/// order, each with the positions of its measures in [`Scorecard::indicators`].
pub fn domain_groups(scorecard: &Scorecard) -> Vec<(Domain, Vec<usize>)> {
    Domain::ALL
        .iter()
        .filter_map(|&d| {
            let members: Vec<usize> = scorecard
                .indicators
                .iter()
                .enumerate()
                .filter(|(_, i)| i.domain == d)
                .map(|(k, _)| k)
                .collect();
            (!members.is_empty()).then_some((d, members))
        })
        .collect()
}

/// The composite as a table, one row per area in scorecard order: area code, area,
/// rank, each domain of [`domain_groups`] ("Access score", …) and the overall score.
/// The Scorecard page sorts its rows by this table.
pub fn composite_table(scorecard: &Scorecard, level: AreaLevel) -> Table {
    let groups = domain_groups(scorecard);
    let mut columns: Vec<String> = vec!["Area code".into(), "Area".into(), "Rank".into()];
    columns.extend(groups.iter().map(|(d, _)| format!("{} score", d.label())));
    columns.push("Overall score".into());
    let names: Vec<&str> = columns.iter().map(String::as_str).collect();
    let mut table = Table::new(&names);
    let areas = match level {
        AreaLevel::Practice => &scorecard.practices,
        AreaLevel::Pcn => &scorecard.pcns,
    };
    let score = |x: Option<f64>| match x {
        Some(v) => Cell::number(v, format!("{v:.2}")),
        None => Cell::text("not scored"),
    };
    for area in areas {
        let mut row = vec![
            Cell::text(area.area_code.clone()),
            Cell::text(display_name(&area.name)),
            area.rank
                .map(|r| Cell::number(r as f64, r.to_string()))
                .unwrap_or_else(|| Cell::text("")),
        ];
        row.extend(groups.iter().map(|(d, _)| {
            score(
                area.domain_scores
                    .iter()
                    .find(|(domain, _)| domain == d)
                    .map(|x| x.1),
            )
        }));
        row.push(score(area.overall));
        table.rows.push(row);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::ENGLAND_CODE;
    use crate::default_data::illustrative_city;
    use crate::model::Unit;

    fn indicator(id: &str, domain: Domain, polarity: Polarity) -> Indicator {
        Indicator {
            id: id.into(),
            name: id.into(),
            domain,
            unit: Unit::Proportion,
            polarity,
            comparison: Default::default(),
        }
    }

    fn cell(score: Option<i32>) -> ScoreCell {
        ScoreCell {
            indicator_id: String::new(),
            period: None,
            value: None,
            interval_95: None,
            interval_99_8: None,
            compared_95: Comparison::NotCompared,
            compared_99_8: Comparison::NotCompared,
            method: ComparisonMethod::OverlapBoth,
            denominator: None,
            comparator_value: None,
            label: String::new(),
            suppressed: false,
            score,
            england: None,
            published: None,
        }
    }

    #[test]
    fn a_measure_compared_by_quintiles_places_each_practice_in_its_fifth() {
        use crate::ingest::{combine, read_file};
        let mut practices =
            String::from("practice_code,practice_name,pcn_code,pcn_name,list_size\n");
        let mut values = String::from("indicator_id,area_code,period,value\n");
        for i in 1..=10 {
            practices.push_str(&format!("P{i:05},Practice {i},U00001,One PCN,5000\n"));
            values.push_str(&format!("continuity,P{i:05},2023/24,{i}\n"));
        }
        let metadata = "indicator_id,name,domain,unit,polarity,comparison_method\n\
            continuity,Continuity of care,access,mean,high is good,quintiles\n";
        let (w, _) = combine(vec![
            read_file("practices.csv", practices.as_bytes()),
            read_file("indicators.csv", values.as_bytes()),
            read_file("indicator_metadata.csv", metadata.as_bytes()),
        ]);
        let card = scorecard(&w);
        let k = card
            .indicators
            .iter()
            .position(|i| i.id == "continuity")
            .unwrap();
        let label = |code: &str| {
            card.practices
                .iter()
                .find(|a| a.area_code == code)
                .map(|a| (a.cells[k].label.clone(), a.cells[k].score))
                .unwrap()
        };
        // As fingertips-open's QuintilesComparerTest: higher is better, 9 is in the best
        // fifth and 1 in the worst; no score, as quintiles carry no significance.
        assert_eq!(label("P00009"), ("Best fifth".to_string(), None));
        assert_eq!(label("P00005"), ("Middle fifth".to_string(), None));
        assert_eq!(label("P00001"), ("Worst fifth".to_string(), None));
        let csv = scorecard_table(&card, AreaLevel::Practice).to_csv();
        assert!(
            csv.contains("Best fifth,quintiles of the areas' values"),
            "{csv}"
        );
    }

    #[test]
    fn a_publishers_verdict_is_set_beside_ours_and_a_difference_said() {
        use crate::stats::benchmark::Verdict;
        let published = PublishedVerdict {
            indicator_id: "x".into(),
            area_code: "A81001".into(),
            period: Period::parse("2022/23").unwrap(),
            publisher: "Fingertips".into(),
            comparator: "England".into(),
            verdict: "Similar".into(),
        };
        let ours = |at_95| Verdict {
            method: ComparisonMethod::Overlap95,
            at_95,
            at_99_8: Comparison::NotCompared,
        };
        assert_eq!(
            published_label(&published, Some(ours(Comparison::Similar))),
            "Fingertips: Similar (ours agrees)"
        );
        let differs = published_label(&published, Some(ours(Comparison::Worse)));
        assert!(
            differs.starts_with("Fingertips: Similar; ours: Worse, by 95% confidence interval"),
            "{differs}"
        );
        assert!(published_label(&published, None).contains("cannot be worked out"));
    }

    #[test]
    fn scores_and_labels_follow_the_stated_rule() {
        use Comparison::*;
        assert_eq!(cell_score(Better, Better), 2);
        assert_eq!(cell_score(Better, Similar), 1);
        assert_eq!(cell_score(Similar, Similar), 0);
        assert_eq!(cell_score(Worse, Similar), -1);
        assert_eq!(cell_score(Worse, Worse), -2);
        assert_eq!(cell_score(Higher, Higher), 0);
        assert_eq!(cell_label(Better, Better), "Better (99.8%)");
        assert_eq!(cell_label(Worse, Similar), "Worse (95%)");
        assert_eq!(cell_label(Similar, Similar), "Similar");
        assert_eq!(cell_label(Higher, Similar), "Higher (95%)");
    }

    #[test]
    fn composite_on_a_hand_built_scorecard() {
        // Access: +2 and −1 → 0.5. Quality: +1, 0, (not scored) → 0.5.
        // Equity: −2 → −2. Overall = (0.5 + 0.5 − 2) / 3 = −1/3.
        let indicators = vec![
            indicator("a1", Domain::Access, Polarity::HighIsGood),
            indicator("a2", Domain::Access, Polarity::HighIsGood),
            indicator("q1", Domain::Quality, Polarity::HighIsGood),
            indicator("q2", Domain::Quality, Polarity::LowIsGood),
            indicator("q3", Domain::Quality, Polarity::NoJudgement),
            indicator("e1", Domain::Equity, Polarity::HighIsGood),
        ];
        let cells = vec![
            cell(Some(2)),
            cell(Some(-1)),
            cell(Some(1)),
            cell(Some(0)),
            cell(None),
            cell(Some(-2)),
        ];
        let (domains, overall) = composite(&indicators, &cells);
        assert_eq!(
            domains,
            vec![
                (Domain::Access, 0.5),
                (Domain::Quality, 0.5),
                (Domain::Equity, -2.0)
            ]
        );
        assert!((overall.unwrap() + 1.0 / 3.0).abs() < 1e-9);
        // A zero made of floating-point dust is a plain zero.
        assert_eq!(tidy(-5.551_115_123_125_783e-17).to_string(), "0");
    }

    #[test]
    fn ranks_highest_first_with_shared_ties() {
        let make = |code: &str, overall| AreaScorecard {
            area_code: code.into(),
            name: code.into(),
            level: AreaLevel::Practice,
            cells: vec![],
            domain_scores: vec![],
            overall,
            rank: None,
            compared_with: Ok("the city".into()),
            similar_practices: Vec::new(),
        };
        let mut areas = vec![
            make("A", Some(0.5)),
            make("B", Some(1.0)),
            make("C", Some(0.5)),
            make("D", None),
        ];
        rank(&mut areas);
        let ranks: Vec<_> = areas.iter().map(|a| a.rank).collect();
        assert_eq!(ranks, vec![Some(2), Some(1), Some(2), None]);
    }

    #[test]
    fn a_suppressed_cell_hides_its_value() {
        let i = indicator("x", Domain::Quality, Polarity::HighIsGood);
        let obs = Observation {
            period: Period::parse("2023-Q1").unwrap(),
            numerator: Some(3.0),
            denominator: Some(40.0),
            value: 7.5,
            estimate: crate::measures::estimate_for(Unit::Proportion, 3.0, 40.0),
            suppressed: true,
        };
        let c = score_cell(&i, "C82001", Some(&obs), None);
        assert!(c.suppressed && c.value.is_none() && c.interval_95.is_none());
        assert_eq!(c.label, "suppressed");
        assert_eq!(c.score, Some(0));
    }

    #[test]
    fn default_scorecard_covers_every_practice_and_pcn() {
        let w = illustrative_city();
        let s = scorecard(&w);
        assert_eq!(s.practices.len(), 55);
        assert_eq!(s.pcns.len(), 10);
        assert!(s
            .practices
            .iter()
            .all(|p| p.cells.len() == s.indicators.len()));
        assert!(s.practices.iter().any(|p| p.rank == Some(1)));
        let t = scorecard_table(&s, AreaLevel::Pcn);
        assert_eq!(t.rows.len(), 10 * s.indicators.len());
        assert!(t.to_csv().contains("Compared with city"));
        let one = area_scorecard_table(&s, AreaLevel::Pcn, &w.pcns[0].code);
        assert_eq!(one.rows.len(), s.indicators.len());
        assert!(area_scorecard_table(&s, AreaLevel::Pcn, "nobody")
            .rows
            .is_empty());
        let sentence = area_score_sentence(&s, AreaLevel::Pcn, &w.pcns[0].code);
        assert!(sentence.contains("of 10 PCNs"), "{sentence}");
        let c = composite_table(&s, AreaLevel::Practice);
        assert_eq!(c.rows.len(), 55);
        assert_eq!(c.columns.len(), 4 + domain_groups(&s).len());
        let grouped: usize = domain_groups(&s).iter().map(|g| g.1.len()).sum();
        assert_eq!(grouped, s.indicators.len());
    }

    #[test]
    fn ratings_read_the_comparisons_and_keep_words_beside_colour() {
        use Comparison::*;
        let mut c = cell(Some(2));
        c.value = Some(62.14);
        c.compared_95 = Better;
        c.compared_99_8 = Better;
        c.label = cell_label(Better, Better);
        assert_eq!(Rating::of(&c), Rating::BetterHigh);
        assert_eq!(Rating::of(&c).code(), "B+");
        let i = indicator("x", Domain::Quality, Polarity::HighIsGood);
        assert_eq!(cell_text(&i, &c), "Better (99.8%): 62.1%");
        c.compared_99_8 = Similar;
        c.compared_95 = Worse;
        assert_eq!(Rating::of(&c), Rating::Worse);
        c.compared_95 = Similar;
        assert_eq!(Rating::of(&c).colour(), "similar");
        c.suppressed = true;
        assert_eq!(Rating::of(&c), Rating::Suppressed);
        assert_eq!(Rating::of(&cell(None)), Rating::NotReported);
        let codes: std::collections::HashSet<_> = Rating::ALL.iter().map(|r| r.code()).collect();
        assert_eq!(codes.len(), Rating::ALL.len());
        assert!(Rating::ALL.iter().all(|r| r.code().chars().count() <= 2));
    }

    #[test]
    fn england_is_compared_where_the_workspace_gives_its_value() {
        let mut w = illustrative_city();
        let card = scorecard(&w);
        assert!(
            card.england.iter().all(Option::is_none),
            "the default has no England values"
        );
        assert!(card.practices[0].cells.iter().all(|c| c.england.is_none()));
        // England's value for one stored proportion, as a canonical file would give it:
        // 0% is below every practice's interval, 100% above every one.
        let k = card
            .indicators
            .iter()
            .position(|i| w.series.iter().any(|s| s.indicator_id == i.id))
            .expect("a stored measure on the scorecard");
        let indicator = card.indicators[k].clone();
        let period = card.practices[0].cells[k].period.expect("a period");
        for (value, expected) in [(0.0, "Higher"), (100.0, "Lower")] {
            w.series.retain(|s| s.area_code != ENGLAND_CODE);
            w.series.push(crate::model::Series::one_value(
                &indicator.id,
                ENGLAND_CODE,
                period,
                value,
            ));
            let card = scorecard(&w);
            assert_eq!(card.england[k], Some(value));
            let cell = &card.practices[0].cells[k];
            let label = cell.england.clone().expect("compared with England");
            let better_or_worse = match (indicator.polarity, expected) {
                (Polarity::HighIsGood, "Higher") | (Polarity::LowIsGood, "Lower") => "Better",
                (Polarity::HighIsGood, _) | (Polarity::LowIsGood, _) => "Worse",
                (Polarity::NoJudgement, word) => word,
            };
            assert_eq!(
                label,
                format!("{better_or_worse} (99.8%)"),
                "{}",
                indicator.id
            );
            // The city comparison and the composite are unchanged.
            let without = scorecard(&illustrative_city());
            assert_eq!(cell.label, without.practices[0].cells[k].label);
            assert_eq!(card.practices[0].overall, without.practices[0].overall);
            // And the CSV carries both.
            let table = scorecard_table(&card, AreaLevel::Practice);
            let column = table
                .columns
                .iter()
                .position(|c| c == "Compared with England")
                .unwrap();
            assert_eq!(table.rows[k][column].text, label);
        }
    }

    #[test]
    fn against_england_the_colours_and_composite_follow_england() {
        let mut w = illustrative_city();
        let place = scorecard(&w);
        let k = place
            .indicators
            .iter()
            .position(|i| w.series.iter().any(|s| s.indicator_id == i.id))
            .expect("a stored measure on the scorecard");
        let indicator = place.indicators[k].clone();
        let period = place.practices[0].cells[k].period.expect("a period");
        w.series.push(crate::model::Series::one_value(
            &indicator.id,
            ENGLAND_CODE,
            period,
            0.0,
        ));
        let card = scorecard_against(&w, Against::England);
        assert_eq!(
            (card.against, card.pcns_against),
            (Against::England, Against::England)
        );
        for area in card.practices.iter().chain(&card.pcns) {
            for (j, cell) in area.cells.iter().enumerate() {
                // England's verdict is the cell's own, not a second one beside it.
                assert!(cell.england.is_none());
                if j != k {
                    assert!(
                        matches!(
                            cell.label.as_str(),
                            "Not compared" | "Not reported" | "suppressed"
                        ) || indicator.comparison == ComparisonMethod::Quintiles,
                        "{}: {}",
                        card.indicators[j].id,
                        cell.label
                    );
                }
            }
        }
        // The measure England gives is judged against it as the city scorecard's
        // England column judged it.
        let beside = scorecard(&w);
        for (a, b) in card.practices.iter().zip(&beside.practices) {
            assert_eq!(Some(a.cells[k].label.clone()), b.cells[k].england);
            assert_eq!(a.cells[k].comparator_value, Some(0.0));
        }
        let table = scorecard_table(&card, AreaLevel::Practice);
        // England's value and verdict are the comparator's columns, not repeated.
        let count = |name: &str| table.columns.iter().filter(|c| *c == name).count();
        assert_eq!(count("England value"), 1);
        assert_eq!(count("Compared with England"), 1);
        assert!(composite_method(Against::England).contains("better than England at 99.8%"));
        assert!(england_key(&card).contains("the colours and the composite compare with it"));
    }

    #[test]
    fn against_its_pcn_or_similar_practices_each_practice_has_its_own_comparator() {
        let w = crate::default_data::leicester_city();
        let city = scorecard(&w);
        for against in [Against::Pcn, Against::Similar] {
            let card = scorecard_against(&w, against);
            assert_eq!(card.pcns_against, Against::Place);
            // PCNs stay against the city.
            assert_eq!(card.pcns, city.pcns);
            let mut judged = 0;
            for area in &card.practices {
                let comparator = crate::comparator::comparator_for(&w, &area.area_code, against);
                assert_eq!(
                    area.compared_with,
                    comparator
                        .as_ref()
                        .map(|c| c.name.clone())
                        .map_err(Clone::clone)
                );
                let Ok(comparator) = comparator else { continue };
                if against == Against::Similar {
                    assert_eq!(area.similar_practices, comparator.practice_codes);
                } else {
                    assert!(area.similar_practices.is_empty());
                }
                // The same verdicts and comparator values as the practice's profile
                // against the same comparator, worked out apart.
                let rows =
                    crate::profile::practice_profile_against(&w, &area.area_code, &comparator);
                for row in &rows {
                    let k = card
                        .indicators
                        .iter()
                        .position(|i| i.id == row.indicator_id)
                        .unwrap();
                    let cell = &area.cells[k];
                    if !cell.suppressed && cell.method != ComparisonMethod::Quintiles {
                        assert_eq!(
                            cell.label, row.label,
                            "{} {}",
                            area.area_code, row.indicator_id
                        );
                    }
                    assert_eq!(cell.comparator_value, row.city_value);
                    judged += 1;
                }
            }
            assert!(judged > 500, "{against:?}: {judged}");
            let table = scorecard_table(&card, AreaLevel::Practice);
            let short = against.short();
            assert!(table.columns.contains(&format!("{short} value")));
            assert!(table.columns.contains(&against.compared_heading()));
            assert!(table.columns.contains(&"Compared with England".to_string()));
            assert!(Rating::Better
                .meaning(against)
                .starts_with("Better than its "));
        }
        // Against its PCN, every practice of a PCN shares the PCN's pooled value.
        let card = scorecard_against(&w, Against::Pcn);
        let pcn = &w.pcns[0];
        let k = 0;
        let values: std::collections::HashSet<String> = card
            .practices
            .iter()
            .filter(|a| {
                w.practice(&a.area_code)
                    .is_some_and(|p| p.pcn_code == pcn.code)
            })
            .map(|a| format!("{:?}", a.cells[k].comparator_value))
            .collect();
        assert_eq!(values.len(), 1, "{values:?}");
    }
}
