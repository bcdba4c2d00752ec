//! Inequalities: a measure across fifths of the place's practices by deprivation (IMD
//! 2019), with the slope and relative indices of inequality (`?measure=`).

use crate::figure::{bar_figure, Figure};
use crate::query::Query;
use atlas_core::inequalities::{
    by_deprivation, by_deprivation_sentence, by_deprivation_table, deprivation_fifths, fifth_label,
    pooled_period, value_decimals, IMD_2019, NO_DEPRIVATION,
};
use atlas_core::model::{Unit, Workspace};
use atlas_core::provenance::measure_source;
use atlas_core::words::grouped;

/// The sentence under the page's heading: what the page is for.
pub const LEDE: &str = "How a measure differs between practices serving more and less deprived populations: the practices cut into fifths by the deprivation of the people registered with them, the measure pooled in each, and the gradient across them as the slope index of inequality.";

/// The page's view as the URL holds it: `measure`, the measure shown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct InequalitiesQuery {
    pub measure: Option<String>,
}

impl InequalitiesQuery {
    /// The query string's keys this page owns.
    pub const KEYS: &'static [&'static str] = &["measure"];

    /// The view a query string asks for.
    pub fn from_query(query: &Query) -> InequalitiesQuery {
        InequalitiesQuery {
            measure: query.get("measure").map(str::to_string),
        }
    }

    /// The query string's pairs for this view.
    pub fn to_query(&self) -> Query {
        Query::from_pairs(self.measure.iter().map(|m| ("measure", m.clone())))
    }
}

/// Everything the Inequalities page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct InequalitiesPage {
    pub heading: String,
    /// The measures that can be pooled by deprivation fifth (a proportion or a rate
    /// with counts): (id, name).
    pub measures: Vec<(String, String)>,
    pub measure: Option<String>,
    /// The measure by fifth, or why there is none, in words.
    pub figure: Figure,
    /// The slope and relative indices with their intervals, in words.
    pub indices: Option<String>,
}

/// The Inequalities page for the measure the query names (the first that can be shown
/// when it names none).
pub fn inequalities_page(ws: &Workspace, query: &InequalitiesQuery) -> InequalitiesPage {
    let measures: Vec<(String, String)> = ws
        .indicators
        .iter()
        .filter(|i| {
            i.id != IMD_2019 && matches!(i.unit, Unit::Proportion | Unit::Rate { .. } | Unit::Ratio)
        })
        .filter(|i| pooled_period(ws, &i.id).is_some())
        .map(|i| (i.id.clone(), i.name.clone()))
        .collect();
    let measure = query
        .measure
        .as_ref()
        .and_then(|wanted| measures.iter().find(|(id, _)| id == wanted))
        .or_else(|| measures.first())
        .map(|(id, _)| id.clone());
    let heading = format!("Inequalities by deprivation in {}", ws.place);
    // Without deprivation scores no measure can be shown: no choice is offered.
    if deprivation_fifths(ws).is_none() {
        return without_chart(heading, Vec::new(), None, NO_DEPRIVATION);
    }
    let Some(id) = measure.clone() else {
        return without_chart(
            heading,
            measures,
            measure,
            "these data have no measure given as a proportion or a rate with its counts for practices, so none can be pooled by deprivation",
        );
    };
    let Some(indicator) = ws.indicator(&id) else {
        return without_chart(
            heading,
            measures,
            measure,
            "the measure asked for is not in these data",
        );
    };
    let unit = indicator.unit;
    match by_deprivation(ws, &id) {
        Err(reason) => without_chart(heading, measures, measure, &reason),
        Ok(view) => {
            let title = format!(
                "{} by deprivation fifth of practices, {}",
                view.indicator_name,
                view.period.label()
            );
            let summary = by_deprivation_sentence(&view, &ws.place, unit);
            let bars = view
                .fifths
                .iter()
                .map(|f| atlas_charts::Bar {
                    label: fifth_label(f.fifth.number),
                    value: f.estimate.map_or(f64::NAN, |e| e.value),
                })
                .collect();
            let mut figure = bar_figure(
                "inequalities",
                &title,
                &summary,
                &atlas_charts::from_core::value_label(indicator),
                bars,
                value_decimals(&view),
                by_deprivation_table(&view),
            );
            figure.file_stem = format!("inequalities-{}", view.indicator_id);
            figure.source = Some(measure_source(ws, &view.indicator_id));
            let mut figure = figure.defining(&[indicator]);
            figure.notes.push(
                "Fifths of the practices by the IMD 2019 score of their registered population (Fingertips indicator 93553), each a fifth of the practices scored, most deprived first. Values pooled over each fifth's practices with their 95% interval; the indices fitted as PHE's phe_sii, each fifth weighted by its registered patients.".to_string(),
            );
            let indices = view.inequality.as_ref().ok().map(|i| {
                format!(
                    "Slope index of inequality {} (95% interval {} to {}); relative index of inequality {} ({} to {}): the fitted value at the least deprived end over that at the most deprived. Intervals by simulation (100,000 draws, fixed seed).",
                    grouped(i.sii, 2),
                    grouped(i.sii_interval.lower, 2),
                    grouped(i.sii_interval.upper, 2),
                    grouped(i.rii, 3),
                    grouped(i.rii_interval.lower, 3),
                    grouped(i.rii_interval.upper, 3),
                )
            });
            InequalitiesPage {
                heading,
                measures,
                measure,
                figure,
                indices,
            }
        }
    }
}

/// The page with the reason there is no chart, in a sentence, in place of one.
fn without_chart(
    heading: String,
    measures: Vec<(String, String)>,
    measure: Option<String>,
    reason: &str,
) -> InequalitiesPage {
    InequalitiesPage {
        heading,
        measures,
        measure,
        figure: Figure::missing(
            "inequalities",
            "inequalities",
            "No chart".into(),
            format!("{}.", atlas_core::words::first_upper(reason)),
        ),
        indices: None,
    }
}
