//! Spine chart rows for a practice profile, as Fingertips draws them: for each
//! measure in its latest period, the practice's value and the city's, against the
//! spread of practice values — minimum, 25th percentile, 75th percentile, maximum
//! (Excel `PERCENTILE.INC`, [`crate::stats::percentile::percentile_inc`]) — oriented so
//! that the left end is the worst and the right end the best by polarity (low to high
//! where there is no judgement), with the comparison label of the scorecard.

use crate::comparator::Comparator;
use crate::measures::{recent_trend_of, scorecard_indicators, MeasureContext};
use crate::model::{Domain, Period, Polarity, Practice, Unit, Workspace};
use crate::scoring::score_cell;
use crate::stats::benchmark::{Comparison, ComparisonMethod};
use crate::stats::percentile::percentile_inc;
use crate::table::{Cell, Table};

/// One row of a spine chart.
#[derive(Debug, Clone, PartialEq)]
pub struct SpineRow {
    pub indicator_id: String,
    pub name: String,
    pub domain: Domain,
    pub period: Period,
    /// `None` when the practice does not report it or it is suppressed.
    pub practice_value: Option<f64>,
    pub city_value: Option<f64>,
    /// The left end: the worst practice value (the minimum where higher is better or
    /// there is no judgement, the maximum where lower is better).
    pub worst: f64,
    /// The quartile on the worst side (25th percentile, or 75th where lower is better).
    pub worst_quartile: f64,
    /// The quartile on the best side.
    pub best_quartile: f64,
    /// The right end: the best practice value.
    pub best: f64,
    /// The scorecard label against the city ("Better (95%)", "suppressed", …).
    pub label: String,
    /// The practice against the city by the measure's method (at 95%, or at its only
    /// level): [`crate::scoring::ScoreCell::headline`].
    pub compared: Comparison,
    /// The measure's comparison method.
    pub method: ComparisonMethod,
    /// The practice's recent trend in words, as Fingertips computes it
    /// ([`crate::measures::recent_trend_of`]): "Increasing and getting better", "No
    /// significant change", "Cannot be calculated: needs at least 5 values, got 3"…
    pub trend: String,
    /// The measure's unit, for writing values.
    pub unit: Unit,
    /// Whether higher or lower is better, or neither (the spine then runs lowest to
    /// highest, not worst to best).
    pub polarity: Polarity,
    pub suppressed: bool,
}

impl SpineRow {
    /// Where a value sits on the spine, 0 at the worst end and 1 at the best:
    /// `(value − worst) / (best − worst)`, 0.5 when every practice has the same value.
    pub fn position(&self, value: f64) -> f64 {
        let span = self.best - self.worst;
        if span == 0.0 || !span.is_finite() {
            0.5
        } else {
            ((value - self.worst) / span).clamp(0.0, 1.0)
        }
    }
}

/// The four spine points from practice values, oriented by polarity: (worst, worst
/// quartile, best quartile, best). `None` without values.
pub fn spine_points(values: &[f64], polarity: Polarity) -> Option<(f64, f64, f64, f64)> {
    let min = percentile_inc(values, 0.0).ok()?;
    let p25 = percentile_inc(values, 0.25).ok()?;
    let p75 = percentile_inc(values, 0.75).ok()?;
    let max = percentile_inc(values, 1.0).ok()?;
    Some(match polarity {
        Polarity::LowIsGood => (max, p75, p25, min),
        _ => (min, p25, p75, max),
    })
}

/// The spine chart of one practice against the city: one row per measure that at
/// least one practice reports unsuppressed in its latest period, in scorecard order.
pub fn practice_profile(workspace: &Workspace, practice_code: &str) -> Vec<SpineRow> {
    practice_profile_against(workspace, practice_code, &Comparator::place(workspace))
}

/// As [`practice_profile`], each measure judged against `comparator` (its practices
/// pooled, or England's value); the spine's range stays that of every practice of the
/// place.
pub fn practice_profile_against(
    workspace: &Workspace,
    practice_code: &str,
    comparator: &Comparator,
) -> Vec<SpineRow> {
    let Some(practice) = workspace.practice(practice_code) else {
        return Vec::new();
    };
    let context = MeasureContext::new(workspace);
    let all: Vec<&Practice> = workspace.practices.iter().collect();
    let members = comparator.members(workspace);
    scorecard_indicators(workspace)
        .into_iter()
        .filter_map(|indicator| {
            let period = context.latest_period(&indicator)?;
            let values: Vec<f64> = all
                .iter()
                .filter_map(|p| context.observe(&indicator, &[p], period))
                .filter(|o| !o.suppressed)
                .map(|o| o.value)
                .collect();
            let (worst, worst_quartile, best_quartile, best) =
                spine_points(&values, indicator.polarity)?;
            let city = comparator.observe(workspace, &context, &members, &indicator, period);
            let own = context.observe(&indicator, &[practice], period);
            let cell = score_cell(&indicator, &practice.code, own.as_ref(), city.as_ref());
            Some(SpineRow {
                indicator_id: indicator.id.clone(),
                name: indicator.name.clone(),
                domain: indicator.domain,
                period,
                practice_value: cell.value,
                city_value: city.filter(|c| !c.suppressed).map(|c| c.value),
                worst,
                worst_quartile,
                best_quartile,
                best,
                compared: cell.headline(),
                label: cell.label,
                method: cell.method,
                trend: match recent_trend_of(&context, &indicator, &[practice]) {
                    Ok(t) => t.words(),
                    Err(e) => format!("Cannot be calculated: {e}"),
                },
                unit: indicator.unit,
                polarity: indicator.polarity,
                suppressed: cell.suppressed,
            })
        })
        .collect()
}

/// A value as the profile writes it ([`crate::measures::value_text`]).
pub fn value_text(value: f64, unit: Unit) -> String {
    crate::measures::value_text(unit, value)
}

/// The profile in one sentence: how many measures are better, similar and worse than
/// the comparator (named as [`Comparator::name`]) at 95% (or at a measure's only level,
/// by its method), e.g. "Against the city, 3 of 14 measures are better, 9 similar and
/// 2 worse at 95%; 1 is not compared."
pub fn profile_sentence(rows: &[SpineRow], comparator: &str) -> String {
    let count = |c: Comparison| rows.iter().filter(|r| r.compared == c).count();
    let (better, similar, worse) = (
        count(Comparison::Better),
        count(Comparison::Similar),
        count(Comparison::Worse),
    );
    let other = rows.len() - better - similar - worse;
    let mut text = format!(
        "Against {comparator}, {better} of {} measures {} better, {similar} similar and {worse} worse at 95%.",
        rows.len(),
        if better == 1 { "is" } else { "are" }
    );
    if other > 0 {
        text.push_str(&format!(
            " {other} {} not judged (no judgement of better or worse, not reported or suppressed).",
            if other == 1 { "is" } else { "are" }
        ));
    }
    text
}

/// The words for the spine's two ends, as Fingertips writes them: "Worst" and "Best"
/// when every measure has a judgement, "Lowest" and "Highest" when none has
/// (prevalence), "Worst or lowest" and "Best or highest" when they are mixed.
pub fn spine_ends(rows: &[SpineRow]) -> (&'static str, &'static str) {
    let judged = rows
        .iter()
        .filter(|r| r.polarity != Polarity::NoJudgement)
        .count();
    if judged == rows.len() {
        ("Worst", "Best")
    } else if judged == 0 {
        ("Lowest", "Highest")
    } else {
        ("Worst or lowest", "Best or highest")
    }
}

/// The profile as a table: one row per measure with the period, the practice's value,
/// the city's, the range of practices (its ends named by [`spine_ends`]) and the
/// comparison.
pub fn profile_table(rows: &[SpineRow], comparator: &Comparator) -> Table {
    let (left, right) = spine_ends(rows);
    let compared = comparator.against.compared_heading();
    let mut table = Table::new(&[
        "Measure",
        "Period",
        "Practice",
        comparator.against.short(),
        left,
        right,
        &compared,
        "Compared by",
        "Recent trend",
    ]);
    let number = |v: Option<f64>, unit: Unit| match v {
        Some(v) => Cell::number(v, value_text(v, unit)),
        None => Cell::text(""),
    };
    for r in rows {
        table.rows.push(vec![
            Cell::text(r.name.clone()),
            Cell::text(r.period.label()),
            if r.suppressed {
                Cell::text("suppressed")
            } else {
                number(r.practice_value, r.unit)
            },
            number(r.city_value, r.unit),
            number(Some(r.worst), r.unit),
            number(Some(r.best), r.unit),
            Cell::text(r.label.clone()),
            Cell::text(r.method.words()),
            Cell::text(r.trend.clone()),
        ]);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::comparator::{comparator_for, Against};
    use crate::default_data::illustrative_city;

    #[test]
    fn the_ends_say_lowest_and_highest_for_measures_with_no_judgement() {
        let w = crate::default_data::leicester_city();
        let rows = practice_profile(&w, &w.practices[0].code);
        let judged: Vec<SpineRow> = rows
            .iter()
            .filter(|r| r.polarity != Polarity::NoJudgement)
            .cloned()
            .collect();
        let unjudged: Vec<SpineRow> = rows
            .iter()
            .filter(|r| r.polarity == Polarity::NoJudgement)
            .cloned()
            .collect();
        assert!(!judged.is_empty() && !unjudged.is_empty());
        assert_eq!(spine_ends(&judged), ("Worst", "Best"));
        assert_eq!(spine_ends(&unjudged), ("Lowest", "Highest"));
        assert_eq!(spine_ends(&rows), ("Worst or lowest", "Best or highest"));
        let place = comparator_for(&w, &w.practices[0].code, Against::Place).unwrap();
        assert_eq!(profile_table(&rows, &place).columns[4], "Worst or lowest");
    }

    #[test]
    fn spine_is_oriented_by_polarity() {
        // 1..5: min 1, P25 2, P75 4, max 5 (PERCENTILE.INC: h = 4p).
        let v = [5.0, 1.0, 3.0, 2.0, 4.0];
        assert_eq!(
            spine_points(&v, Polarity::HighIsGood),
            Some((1.0, 2.0, 4.0, 5.0))
        );
        assert_eq!(
            spine_points(&v, Polarity::LowIsGood),
            Some((5.0, 4.0, 2.0, 1.0))
        );
        assert_eq!(
            spine_points(&v, Polarity::NoJudgement),
            Some((1.0, 2.0, 4.0, 5.0))
        );
        assert_eq!(spine_points(&[], Polarity::HighIsGood), None);
    }

    #[test]
    fn default_profile_has_a_row_per_measure() {
        let w = illustrative_city();
        let code = w.practices[0].code.clone();
        let rows = practice_profile(&w, &code);
        assert!(rows.len() >= 10);
        for r in &rows {
            if let Some(v) = r.practice_value {
                let x = r.position(v);
                assert!((0.0..=1.0).contains(&x));
            }
        }
        assert!(practice_profile(&w, "NOPE").is_empty());
        let place = comparator_for(&w, &code, Against::Place).unwrap();
        assert_eq!(profile_table(&rows, &place).rows.len(), rows.len());
        let text = profile_sentence(&rows, &place.name);
        assert!(text.starts_with("Against the city, "), "{text}");
        assert!(
            text.contains(&format!("of {} measures", rows.len())),
            "{text}"
        );
    }

    #[test]
    fn against_similar_practices_pools_the_ten_neighbours() {
        let w = crate::default_data::leicester_city();
        let code = w.practices[0].code.clone();
        let similar = comparator_for(&w, &code, Against::Similar).unwrap();
        assert_eq!(similar.practice_codes.len(), crate::similar::NEIGHBOURS);
        assert!(!similar.practice_codes.contains(&code));
        assert_eq!(similar.name, "its 10 similar practices");
        let rows = practice_profile_against(&w, &code, &similar);
        assert!(!rows.is_empty());
        // Independently: the face-to-face share, pooled as the neighbours' face-to-face
        // appointments over their appointments of every mode.
        let row = rows
            .iter()
            .find(|r| r.indicator_id == crate::catalogue::FACE_TO_FACE_SHARE)
            .unwrap();
        let count = |id: &str, code: &str| -> f64 {
            w.series
                .iter()
                .find(|s| s.indicator_id == id && s.area_code == code)
                .and_then(|s| s.points.iter().find(|p| p.period == row.period))
                .and_then(|p| p.numerator.or(p.value))
                .unwrap_or(0.0)
        };
        let face: f64 = similar
            .practice_codes
            .iter()
            .map(|c| count(crate::catalogue::APPOINTMENTS_FACE_TO_FACE, c))
            .sum();
        let all: f64 = similar
            .practice_codes
            .iter()
            .flat_map(|c| crate::catalogue::APPOINTMENT_MODES.map(|m| count(m, c)))
            .sum();
        assert!(face > 0.0 && all > face);
        assert!((row.city_value.unwrap() - 100.0 * face / all).abs() < 1e-9);
        assert!(profile_sentence(&rows, &similar.name)
            .starts_with("Against its 10 similar practices, "));
        let table = profile_table(&rows, &similar);
        assert_eq!(table.columns[3], "Similar practices");
        assert_eq!(table.columns[6], "Compared with similar practices");
        let pcn = comparator_for(&w, &code, Against::Pcn).unwrap();
        assert!(pcn.practice_codes.contains(&code));
        assert!(pcn.name.starts_with("its PCN ("));
    }
}
