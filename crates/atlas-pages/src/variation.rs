//! Variation: a measure's funnel plot and caterpillar plot across practices in a
//! period, and its SPC chart over time for an area. The view lives in the URL
//! ([`VariationQuery`]); every practice on the funnel and the caterpillar leads to its
//! profile.

use crate::areas::{area_name, known_area, practice_link};
use crate::comparators::{city_or_england, ComparatorChoice};
use crate::figure::{marks_with_text, no_measure, Figure, LazyTable};
use crate::measures::{choose_measure, choose_period, periods_of};
use crate::query::Query;
use atlas_charts::from_core::{
    caterpillar_input, decimals, funnel_input, funnel_x_label, spc_input, value_label,
};
use atlas_charts::from_stats::Labels;
use atlas_charts::{box_plot, caterpillar_plot, funnel_plot, spc_chart, BoxPlotInput, Size};
use atlas_core::aggregate::CITY_CODE;
use atlas_core::comparator::{england_value, Against};
use atlas_core::distribution::{
    distribution, distribution_sentence, distribution_table, position_words,
};
use atlas_core::measures::{
    scorecard_indicators, value_text, MeasureContext, Observation, SeriesPositions,
};
use atlas_core::model::{Indicator, Period, Practice, Workspace};
use atlas_core::provenance::measure_source;
use atlas_core::stats::spc::SpcSettings;
use atlas_core::summary::practice_display_names;
use atlas_core::variation::{
    caterpillar_against, caterpillar_sentence, caterpillar_table, funnel_around, funnel_sentence,
    funnel_table, pandemic_rebase, practice_observations_by_position, run_chart_note, spc_data,
    spc_table, spc_target, FunnelData, FunnelLimitChoice,
};
use std::sync::Arc;

/// The page's heading.
pub const HEADING: &str = "Variation between practices";

/// The sentence under the page's heading: what the page is for.
pub const LEDE: &str = "How much practices differ on a measure, whether the differences are more than chance, and how a measure has moved over time.";

const FUNNEL_SIZE: Size = Size::new(760, 480);
const SPC_SIZE: Size = Size::new(760, 440);

/// The page's view as the URL holds it: `indicator`, `period`, `area`, `od` (funnel
/// limits widened for overdispersion: `1`, `0`, or absent for "when present"), `covid`
/// (`0` keeps the pandemic months in the SPC chart's limits) and `against=england` (the
/// funnel centred on England's value and the ranked practices compared with it; the
/// city otherwise).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VariationQuery {
    pub indicator: Option<String>,
    pub period: Option<String>,
    pub area: Option<String>,
    pub limits: FunnelLimitChoice,
    pub pandemic_apart: bool,
    pub against: Against,
}

impl VariationQuery {
    /// The query string's keys this page owns.
    pub const KEYS: &'static [&'static str] =
        &["indicator", "period", "area", "od", "covid", "against"];

    /// The view a query string asks for.
    pub fn from_query(query: &Query) -> VariationQuery {
        VariationQuery {
            indicator: query.get("indicator").map(str::to_string),
            period: query.get("period").map(str::to_string),
            area: query.get("area").map(str::to_string),
            limits: match query.get("od") {
                Some("1") => FunnelLimitChoice::Adjusted,
                Some("0") => FunnelLimitChoice::Unadjusted,
                _ => FunnelLimitChoice::Auto,
            },
            pandemic_apart: query.flag_on_by_default("covid"),
            against: match Against::parse(query.get("against").unwrap_or_default()) {
                Against::England => Against::England,
                _ => Against::Place,
            },
        }
    }

    /// The query string's pairs for this view (defaults left out).
    pub fn to_query(&self) -> Query {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        for (key, value) in [
            ("indicator", &self.indicator),
            ("period", &self.period),
            ("area", &self.area),
        ] {
            if let Some(value) = value {
                pairs.push((key, value.clone()));
            }
        }
        match self.limits {
            FunnelLimitChoice::Adjusted => pairs.push(("od", "1".into())),
            FunnelLimitChoice::Unadjusted => pairs.push(("od", "0".into())),
            FunnelLimitChoice::Auto => {}
        }
        if !self.pandemic_apart {
            pairs.push(("covid", "0".into()));
        }
        if self.against == Against::England {
            pairs.push(("against", Against::England.id().into()));
        }
        Query::from_pairs(pairs)
    }
}

/// Everything the Variation page shows.
#[derive(Debug, Clone)]
pub struct VariationPage {
    pub measures: Vec<Indicator>,
    pub indicator: Option<Indicator>,
    pub periods: Vec<Period>,
    pub period: Option<Period>,
    pub area: String,
    pub funnel: FunnelFigure,
    pub caterpillar: Figure,
    pub over_time: OverTimeFigure,
    /// The spread across practices, with the area marked.
    pub spread: Figure,
}

/// The Variation page for `query` on `ws`. The app builds the same figures one by one
/// (each from the same functions) so that a change of one control redraws one chart.
pub fn variation_page(ws: &Workspace, query: &VariationQuery) -> VariationPage {
    let measures = scorecard_indicators(ws);
    let positions = SeriesPositions::new(ws);
    let indicator = choose_measure(&measures, query.indicator.as_deref());
    let periods = indicator
        .as_ref()
        .map(|ind| periods_of(ws, &positions, ind))
        .unwrap_or_default();
    let period = choose_period(&periods, query.period.as_deref());
    let area = known_area(ws, query.area.as_deref());
    let (funnel, caterpillar, over_time, spread) = match (&indicator, period) {
        (Some(ind), Some(period)) => {
            let observed = observe(ws, &positions, ind, period);
            let observed = of(ws, &observed);
            (
                funnel(ws, &observed, ind, period, query.limits, query.against),
                caterpillar(ws, &positions, &observed, ind, period, query.against),
                over_time(ws, &positions, ind, &area, query.pandemic_apart),
                spread(ws, &positions, &observed, ind, period, &area),
            )
        }
        _ => (
            FunnelFigure {
                figure: no_measure("variation-funnel", "variation-funnel"),
                adjusted: false,
            },
            no_measure("variation-caterpillar", "variation-ranked"),
            OverTimeFigure {
                figure: no_measure("variation-spc", "variation-spc"),
                spans_pandemic: false,
            },
            no_measure("variation-spread", "variation-spread"),
        ),
    };
    VariationPage {
        measures,
        indicator,
        periods,
        period,
        area,
        funnel,
        caterpillar,
        over_time,
        spread,
    }
}

/// Each practice's observation of the measure in the period, by its position in the
/// workspace (made once for the funnel and the caterpillar).
pub fn observe(
    ws: &Workspace,
    positions: &SeriesPositions,
    ind: &Indicator,
    period: Period,
) -> Vec<(usize, Observation)> {
    let ctx = MeasureContext::for_measure_in(ws, positions, ind);
    practice_observations_by_position(ws, &ctx, ind, period)
}

/// [`observe`]'s positions as the practices themselves.
pub fn of<'a>(
    ws: &'a Workspace,
    observed: &[(usize, Observation)],
) -> Vec<(&'a Practice, Observation)> {
    observed
        .iter()
        .filter_map(|&(i, o)| Some((ws.practices.get(i)?, o)))
        .collect()
}

/// A funnel plot and whether its limits are widened for overdispersion (the box on
/// the page shows what the chart draws).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FunnelFigure {
    pub figure: Figure,
    pub adjusted: bool,
}

fn funnel_title(ind: &Indicator, period: Period) -> String {
    format!("Funnel plot: {}, {}", ind.name, period.label())
}

/// The comparators the Variation page offers: the city, and England where the data
/// give England's values.
pub fn comparators(ws: &Workspace) -> Vec<ComparatorChoice> {
    city_or_england(ws, "The city (every practice pooled)")
}

/// The funnel plot of the practices observed, centred on the city's pooled value or,
/// `against` England, on England's (and says so when the data give no England value
/// for this measure and period).
pub fn funnel(
    ws: &Workspace,
    observed: &[(&Practice, Observation)],
    ind: &Indicator,
    period: Period,
    limits: FunnelLimitChoice,
    against: Against,
) -> FunnelFigure {
    let england = match against {
        Against::England => match england_value(ws, ind, period) {
            Some(v) => Some(v),
            None => {
                return FunnelFigure {
                    figure: Figure::missing(
                        "variation-funnel",
                        "variation-funnel",
                        funnel_title(ind, period),
                        no_england(ind, period),
                    ),
                    adjusted: false,
                }
            }
        },
        _ => None,
    };
    match funnel_around(observed, ind, period, limits, england) {
        Ok(data) => funnel_of(ws, data, ind, "variation-funnel", "variation-funnel"),
        Err(e) => FunnelFigure {
            figure: Figure::missing(
                "variation-funnel",
                "variation-funnel",
                funnel_title(ind, period),
                format!("No funnel plot: {e}."),
            ),
            adjusted: false,
        },
    }
}

/// A funnel plot of practices from its data (the Variation page's, or the briefing's
/// chosen measure), each point named and leading to its practice.
pub fn funnel_of(
    ws: &Workspace,
    data: FunnelData,
    ind: &Indicator,
    id: &'static str,
    file_stem: &str,
) -> FunnelFigure {
    let title = funnel_title(ind, data.period);
    let codes: Vec<String> = data.areas.iter().map(|a| a.area_code.clone()).collect();
    let names = practice_display_names(ws, codes.iter().map(String::as_str));
    let summary = funnel_sentence(&data);
    let labels = Labels {
        id: "variation-funnel-chart".to_string(),
        title: title.clone(),
        summary: summary.clone(),
        x_label: funnel_x_label(ind),
        y_label: value_label(ind),
    };
    let input = funnel_input(&data, ind, &names, labels);
    let chart = funnel_plot(&input, FUNNEL_SIZE);
    let decimals = input.decimals;
    let marks = marks_with_text(&chart.marks, |i| {
        let a = input.areas.get(i)?;
        Some((
            a.label.clone(),
            vec![
                format!("{:.decimals$}", a.value),
                a.significance.label().to_string(),
            ],
        ))
    });
    let links: Vec<String> = codes.iter().map(|c| practice_link(c)).collect();
    let adjusted = data.adjusted;
    let data = Arc::new(data);
    FunnelFigure {
        figure: Figure {
            id: id.to_string(),
            file_stem: file_stem.to_string(),
            title,
            summary,
            svg: chart.svg,
            size: FUNNEL_SIZE,
            marks,
            table: LazyTable::new(move || funnel_table(&data)),
            // The table's rows are the funnel's practices in order.
            row_links: links.clone(),
            mark_links: links,
            source: Some(measure_source(ws, &ind.id)),
            ..Figure::default()
        }
        .defining(&[ind]),
        adjusted,
    }
}

/// The caterpillar's height: room to name every practice's row, up to about 180
/// practices; beyond that a band of fixed height (the chart then names no row).
fn caterpillar_size(rows: usize) -> Size {
    let named = 160 + 16 * rows as u32;
    Size::new(760, if named > 3_000 { 720 } else { named.max(320) })
}

/// Why there is no chart against England, in words.
fn no_england(ind: &Indicator, period: Period) -> String {
    format!(
        "No chart against England: these data give no England value for {} in {}. Compare with the city instead.",
        ind.name,
        period.label()
    )
}

/// Practices ranked by value, each with its 95% interval, against the city or England.
pub fn caterpillar(
    ws: &Workspace,
    positions: &SeriesPositions,
    observed: &[(&Practice, Observation)],
    ind: &Indicator,
    period: Period,
    against: Against,
) -> Figure {
    let (id, file_stem) = ("variation-caterpillar", "variation-ranked");
    let ctx = MeasureContext::for_measure_in(ws, positions, ind);
    let data = caterpillar_against(ws, &ctx, ind, period, observed, against);
    let title = format!("Practices ranked: {}, {}", ind.name, period.label());
    if against == Against::England && data.benchmark.is_none() {
        return Figure::missing(id, file_stem, title, no_england(ind, period));
    }
    if data.bars.is_empty() {
        return Figure::missing(
            id,
            file_stem,
            title,
            "No practice has a value with an interval for this measure in this period.".to_string(),
        );
    }
    let codes: Vec<String> = data.bars.iter().map(|b| b.area_code.clone()).collect();
    let names = practice_display_names(ws, codes.iter().map(String::as_str));
    let summary = caterpillar_sentence(&data);
    let labels = Labels {
        id: "variation-caterpillar-chart".to_string(),
        title: title.clone(),
        summary: summary.clone(),
        x_label: String::new(),
        y_label: value_label(ind),
    };
    let input = caterpillar_input(&data, ind, &names, labels);
    let size = caterpillar_size(input.areas.len());
    let chart = caterpillar_plot(&input, size);
    let decimals = input.decimals;
    let marks = marks_with_text(&chart.marks, |i| {
        let a = input.areas.get(i)?;
        let bar = data.bars.get(i)?;
        Some((
            a.label.clone(),
            vec![
                format!("{:.decimals$}", a.value),
                format!(
                    "95% interval {:.decimals$} to {:.decimals$}; {}",
                    a.lower,
                    a.upper,
                    bar.compared.against(data.against.whom())
                ),
            ],
        ))
    });
    let data = Arc::new(data);
    Figure {
        id: id.to_string(),
        file_stem: file_stem.to_string(),
        title,
        summary,
        svg: chart.svg,
        size,
        marks,
        table: LazyTable::new(move || caterpillar_table(&data)),
        mark_links: codes.iter().map(|c| practice_link(c)).collect(),
        source: Some(measure_source(ws, &ind.id)),
        ..Figure::default()
    }
    .defining(&[ind])
}

/// An SPC chart and whether its months span the pandemic year (the page then offers
/// to set those months apart).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OverTimeFigure {
    pub figure: Figure,
    pub spans_pandemic: bool,
}

/// The spread of a measure across practices in a period as a box plot (5th to 95th
/// percentile, as Fingertips draws it), with the place's value and the chosen area (a
/// practice or PCN) marked.
pub fn spread(
    ws: &Workspace,
    positions: &SeriesPositions,
    observed: &[(&Practice, Observation)],
    ind: &Indicator,
    period: Period,
    area: &str,
) -> Figure {
    spread_as(
        ws,
        positions,
        observed,
        ind,
        period,
        area,
        ("variation-spread", "variation-spread"),
    )
}

/// [`spread`] with the chart's box id and downloads' file name.
pub fn spread_as(
    ws: &Workspace,
    positions: &SeriesPositions,
    observed: &[(&Practice, Observation)],
    ind: &Indicator,
    period: Period,
    area: &str,
    (id, file_stem): (&str, &str),
) -> Figure {
    let title = format!("Spread across practices: {}, {}", ind.name, period.label());
    let ctx = MeasureContext::for_measure_in(ws, positions, ind);
    let marked = (area != CITY_CODE).then_some(area);
    let data = match distribution(ws, &ctx, ind, period, observed, marked) {
        Ok(data) => data,
        Err(reason) => {
            return Figure::missing(
                id,
                file_stem,
                title,
                format!("{}.", atlas_core::words::first_upper(&reason)),
            )
        }
    };
    let summary = distribution_sentence(&data, ind, &ws.place);
    let input = BoxPlotInput {
        id: format!("{id}-chart"),
        title: title.clone(),
        summary: summary.clone(),
        value_label: value_label(ind),
        percentiles: data.percentiles,
        comparator: data.place.map(|v| (v, ws.place.clone())),
        marked: data.marked.clone(),
        decimals: decimals(ind),
    };
    let size = Size::new(760, 300);
    let chart = box_plot(&input, size);
    let marks = marks_with_text(&chart.marks, |_| {
        let (name, value) = data.marked.as_ref()?;
        Some((
            name.clone(),
            vec![
                value_text(ind.unit, *value),
                position_words(&data.percentiles, *value).to_string(),
            ],
        ))
    });
    let mut notes = Vec::new();
    if data.marked.is_none() && area != CITY_CODE {
        notes.push(format!(
            "{} has no value of this measure for {}, so it is not marked.",
            area_name(ws, area),
            period.label()
        ));
    }
    Figure {
        marks,
        notes,
        source: Some(measure_source(ws, &ind.id)),
        ..Figure::drawn(
            id,
            title,
            summary,
            chart.svg,
            size,
            distribution_table(&data, ind.unit, &ws.place),
        )
    }
    .defining(&[ind])
}

/// The SPC chart of a measure for an area (the city, a PCN or a practice), judged
/// against the target that applies to it, if any.
pub fn over_time(
    ws: &Workspace,
    positions: &SeriesPositions,
    ind: &Indicator,
    area: &str,
    pandemic_apart: bool,
) -> OverTimeFigure {
    over_time_as(
        ws,
        positions,
        ind,
        area,
        pandemic_apart,
        ("variation-spc", "variation-spc"),
    )
}

/// [`over_time`] with the chart's box id and downloads' file name.
pub fn over_time_as(
    ws: &Workspace,
    positions: &SeriesPositions,
    ind: &Indicator,
    area: &str,
    pandemic_apart: bool,
    (id, file_stem): (&'static str, &str),
) -> OverTimeFigure {
    let ctx = MeasureContext::for_measure_in(ws, positions, ind);
    let title = format!("Over time: {}, {}", ind.name, area_name(ws, area));
    // Assurance needs a target: the one that applies to this measure and area, if any.
    let target = spc_target(ws, ind, area);
    let settings = SpcSettings {
        target,
        ..SpcSettings::default()
    };
    let data = match spc_data(ws, &ctx, ind, area, Some(settings), pandemic_apart) {
        Ok(d) => d,
        Err(e) => {
            return OverTimeFigure {
                figure: Figure::missing(id, file_stem, title, format!("No SPC chart: {e}.")),
                spans_pandemic: false,
            }
        }
    };
    let labels = Labels {
        id: "variation-spc-chart".to_string(),
        title: title.clone(),
        summary: data.sentence.clone(),
        x_label: String::new(),
        y_label: value_label(ind),
    };
    let input = spc_input(&data, ind, target, labels);
    let mut notes: Vec<String> = input
        .variation
        .iter()
        .chain(input.assurance.iter())
        .cloned()
        .collect();
    if let Some(note) = run_chart_note(&data.chart) {
        notes.push(note.to_string());
    }
    let spans_pandemic = !pandemic_rebase(&data.periods).is_empty();
    let summary = data.sentence.clone();
    let data = Arc::new(data);
    OverTimeFigure {
        figure: Figure {
            id: id.to_string(),
            file_stem: file_stem.to_string(),
            title,
            summary,
            svg: spc_chart(&input, SPC_SIZE).svg,
            size: SPC_SIZE,
            table: LazyTable::new(move || spc_table(&data)),
            notes,
            source: Some(measure_source(ws, &ind.id)),
            ..Figure::default()
        }
        .defining(&[ind]),
        spans_pandemic,
    }
}
