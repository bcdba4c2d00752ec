//! The spread of a measure across the place's practices, as Fingertips' box plots show
//! it: the 5th, 25th, 50th, 75th and 95th percentiles of the practices' values (Excel's
//! `PERCENTILE.INC`, [`crate::stats::percentile`]), the place's own value, and where one
//! practice or PCN falls among them.

use crate::measures::{value_text, MeasureContext, Observation};
use crate::model::{Indicator, Period, Practice, Unit, Workspace};
use crate::stats::percentile::percentile_inc;
use crate::table::{Cell, Table};

/// The percentiles a box plot draws, as fractions.
pub const PERCENTILES: [f64; 5] = [0.05, 0.25, 0.5, 0.75, 0.95];

/// Their names, as the table writes them.
pub const PERCENTILE_NAMES: [&str; 5] = [
    "5th percentile",
    "25th percentile",
    "Median",
    "75th percentile",
    "95th percentile",
];

/// The fewest practices whose spread is drawn.
pub const FEWEST_PRACTICES: usize = 5;

/// A measure's spread across practices in a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Distribution {
    pub indicator_id: String,
    pub period: Period,
    /// Practices with an unsuppressed value.
    pub practices: usize,
    /// The 5th, 25th, 50th, 75th and 95th percentiles of their values.
    pub percentiles: [f64; 5],
    /// The place's value (all its practices pooled).
    pub place: Option<f64>,
    /// The area marked (a practice or a PCN): its name and value.
    pub marked: Option<(String, f64)>,
}

/// The spread of `indicator` in `period` over the practices' observations; `marked`
/// names a practice or PCN whose value is placed on it (the place itself marks none).
/// `Err` in words with fewer than [`FEWEST_PRACTICES`] practices.
pub fn distribution(
    workspace: &Workspace,
    context: &MeasureContext,
    indicator: &Indicator,
    period: Period,
    observations: &[(&Practice, Observation)],
    marked: Option<&str>,
) -> Result<Distribution, String> {
    let values: Vec<f64> = observations
        .iter()
        .filter(|(_, o)| !o.suppressed && o.value.is_finite())
        .map(|(_, o)| o.value)
        .collect();
    if values.len() < FEWEST_PRACTICES {
        return Err(format!(
            "only {} practices have a value of {} for {}: at least {FEWEST_PRACTICES} are needed to show a spread",
            values.len(),
            indicator.name,
            period.label()
        ));
    }
    let mut percentiles = [0.0; 5];
    for (slot, p) in percentiles.iter_mut().zip(PERCENTILES) {
        *slot = percentile_inc(&values, p).map_err(|e| e.to_string())?;
    }
    let pooled = |practices: &[&Practice]| {
        context
            .observe(indicator, practices, period)
            .filter(|o| !o.suppressed && o.value.is_finite())
            .map(|o| o.value)
    };
    let all: Vec<&Practice> = workspace.practices.iter().collect();
    let marked = marked.and_then(|code| {
        if let Some(practice) = workspace.practice(code) {
            let value = observations
                .iter()
                .find(|(p, o)| p.code == code && !o.suppressed)
                .map(|(_, o)| o.value)
                .filter(|v| v.is_finite())?;
            Some((crate::words::display_name(&practice.name), value))
        } else {
            let pcn = workspace.pcn(code)?;
            let members: Vec<&Practice> = workspace.practices_in(code).collect();
            Some((pcn.name.clone(), pooled(&members)?))
        }
    });
    Ok(Distribution {
        indicator_id: indicator.id.clone(),
        period,
        practices: values.len(),
        percentiles,
        place: pooled(&all),
        marked,
    })
}

/// Where a value falls among the percentiles, in words.
pub fn position_words(percentiles: &[f64; 5], value: f64) -> &'static str {
    let [p5, p25, p50, p75, p95] = *percentiles;
    match value {
        v if v < p5 => "below the 5th percentile: lower than at least 19 in 20 practices",
        v if v < p25 => "in the lowest quarter of practices",
        v if v < p50 => "below the median, above the lowest quarter",
        v if v <= p75 => "at or above the median, below the highest quarter",
        v if v <= p95 => "in the highest quarter of practices",
        _ => "above the 95th percentile: higher than at least 19 in 20 practices",
    }
}

/// The spread in words: the middle half, nine in ten, the median, and the marked area.
pub fn distribution_sentence(d: &Distribution, indicator: &Indicator, place: &str) -> String {
    let v = |x: f64| value_text(indicator.unit, x);
    let [p5, p25, p50, p75, p95] = d.percentiles;
    let mut text = format!(
        "Across {} practices in {place}, {} ({}): the middle half lie between {} and {}, nine in ten between {} and {}; the median is {}",
        d.practices,
        indicator.name,
        d.period.label(),
        v(p25),
        v(p75),
        v(p5),
        v(p95),
        v(p50)
    );
    if let Some(value) = d.place {
        text.push_str(&format!(" and {place} as a whole {}", v(value)));
    }
    text.push('.');
    if let Some((name, value)) = &d.marked {
        text.push_str(&format!(
            " {name} is {}: {}.",
            v(*value),
            position_words(&d.percentiles, *value)
        ));
    }
    text
}

/// The box plot as a table: each percentile, the place and the marked area.
pub fn distribution_table(d: &Distribution, unit: Unit, place: &str) -> Table {
    let mut table = Table::new(&["Statistic", "Value"]);
    let decimals = match unit {
        Unit::Ratio => 2,
        Unit::Count => 0,
        _ => 1,
    };
    for (name, value) in PERCENTILE_NAMES.iter().zip(d.percentiles) {
        table.rows.push(vec![
            Cell::text(format!("{name} of {} practices", d.practices)),
            Cell::number(value, crate::words::grouped(value, decimals)),
        ]);
    }
    if let Some(value) = d.place {
        table.rows.push(vec![
            Cell::text(format!("{place} (all practices pooled)")),
            Cell::number(value, crate::words::grouped(value, decimals)),
        ]);
    }
    if let Some((name, value)) = &d.marked {
        table.rows.push(vec![
            Cell::text(name.clone()),
            Cell::number(*value, crate::words::grouped(*value, decimals)),
        ]);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::variation::practice_observations;

    #[test]
    fn percentiles_as_excel_and_the_marked_practice_placed() {
        let ws = crate::default_data::illustrative_city();
        let indicator = crate::measures::scorecard_indicators(&ws)
            .into_iter()
            .find(|i| i.unit == Unit::Proportion)
            .unwrap();
        let context = MeasureContext::new(&ws);
        let period = context.latest_period(&indicator).unwrap();
        let observations = practice_observations(&ws, &context, &indicator, period);
        let code = observations[0].0.code.clone();
        let d = distribution(
            &ws,
            &context,
            &indicator,
            period,
            &observations,
            Some(&code),
        )
        .unwrap();
        // Independently: PERCENTILE.INC by its definition on the sorted values.
        let mut values: Vec<f64> = observations
            .iter()
            .filter(|(_, o)| !o.suppressed)
            .map(|(_, o)| o.value)
            .collect();
        values.sort_by(f64::total_cmp);
        let n = values.len();
        assert_eq!(d.practices, n);
        for (got, p) in d.percentiles.iter().zip(PERCENTILES) {
            let h = (n - 1) as f64 * p;
            let (lo, frac) = (h.floor() as usize, h - h.floor());
            let want = values[lo] + frac * (values[(lo + 1).min(n - 1)] - values[lo]);
            assert!((got - want).abs() < 1e-9, "{p}: {got} ≠ {want}");
        }
        let (name, value) = d.marked.clone().unwrap();
        assert_eq!(value, observations[0].1.value);
        let sentence = distribution_sentence(&d, &indicator, &ws.place);
        assert!(sentence.contains(&format!("{name} is ")), "{sentence}");
        assert!(sentence.starts_with(&format!("Across {n} practices in ")));
        let table = distribution_table(&d, indicator.unit, &ws.place);
        assert_eq!(table.rows.len(), 7);
        assert_eq!(table.rows[2][0].text, format!("Median of {n} practices"));
        // A PCN is placed by its pooled value; the place marks none.
        let pcn = ws.pcns[0].code.clone();
        let by_pcn =
            distribution(&ws, &context, &indicator, period, &observations, Some(&pcn)).unwrap();
        assert_eq!(by_pcn.marked.unwrap().0, ws.pcns[0].name);
        let none = distribution(&ws, &context, &indicator, period, &observations, None).unwrap();
        assert!(none.marked.is_none());
        assert!(distribution(&ws, &context, &indicator, period, &observations[..4], None).is_err());
    }

    #[test]
    fn position_in_words() {
        let p = [10.0, 20.0, 30.0, 40.0, 50.0];
        assert_eq!(
            position_words(&p, 5.0),
            "below the 5th percentile: lower than at least 19 in 20 practices"
        );
        assert_eq!(
            position_words(&p, 15.0),
            "in the lowest quarter of practices"
        );
        assert_eq!(
            position_words(&p, 30.0),
            "at or above the median, below the highest quarter"
        );
        assert_eq!(
            position_words(&p, 55.0),
            "above the 95th percentile: higher than at least 19 in 20 practices"
        );
    }
}
