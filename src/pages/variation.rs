//! Variation: a measure's funnel plot and caterpillar plot across practices in a period,
//! and its SPC chart over time for an area. The view (indicator, period, area,
//! overdispersion) lives in the URL's query string, so a link reproduces it. Every
//! practice on the funnel and caterpillar is a button that opens its profile.

use crate::components::area_select::{area_name, known_area, AreaSelect};
use crate::components::chart_figure::ChartFigure;
use crate::components::chart_overlay::{overlay_marks, ChartOverlay, OverlayMark};
use crate::components::measure_select::{measure_from_query, measure_source_of, MeasureOptions};
use crate::query::{query_value, set_query};
use crate::state::use_atlas;
use atlas_charts::from_core::{
    caterpillar_input, funnel_input, funnel_x_label, spc_input, value_label,
};
use atlas_charts::from_stats::Labels;
use atlas_charts::{caterpillar_plot, funnel_plot, spc_chart, Size};
use atlas_core::measures::{scorecard_indicators, MeasureContext, Observation, SeriesPositions};
use atlas_core::model::{Indicator, Period, Practice, Workspace};
use atlas_core::stats::spc::SpcSettings;
use atlas_core::summary::practice_display_names;
use atlas_core::table::Table;
use atlas_core::variation::{
    caterpillar_from_observations, caterpillar_sentence, caterpillar_table,
    funnel_from_observations, funnel_sentence, funnel_table, pandemic_rebase,
    practice_observations_by_position, run_chart_note, spc_data, spc_table, spc_target,
    CaterpillarData, FunnelData, FunnelLimitChoice, SpcData,
};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use std::sync::Arc;

const FUNNEL_SIZE: Size = Size {
    width: 760,
    height: 480,
};
const SPC_SIZE: Size = Size {
    width: 760,
    height: 440,
};

/// The caterpillar's height: room to name every practice's row, up to about 180
/// practices; beyond that a band of fixed height (the chart then names no row).
fn caterpillar_size(rows: usize) -> Size {
    let named = 160 + 16 * rows as u32;
    Size {
        width: 760,
        height: if named > 3_000 { 720 } else { named.max(320) },
    }
}

/// A chart ready for a [`ChartFigure`]: words, picture, table and overlay marks, or why
/// there is none.
#[derive(Clone, PartialEq, Default)]
pub(crate) struct Drawn {
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) svg: String,
    /// The data behind the chart, made into the table view only when it is read (the
    /// table view is opened or downloaded): 6,500 rows would cost every redraw.
    pub(crate) table: TableSource,
    pub(crate) marks: Vec<OverlayMark>,
    /// The area code of each mark index (for the drill-down).
    pub(crate) codes: Vec<String>,
    /// The table's rows are `codes` in order, each starting with its practice's code:
    /// that cell opens the practice (the way in for keyboard users when the chart has
    /// too many points to tab through).
    pub(crate) rows_open_practices: bool,
    /// Why the chart cannot be drawn.
    pub(crate) problem: Option<String>,
    /// Extra lines under the chart (variation and assurance in words).
    pub(crate) notes: Vec<String>,
    pub(crate) height: u32,
}

/// Practices' observations of the measure shown, by position in the workspace; equal
/// only to itself (comparing 6,500 observations to find a change would cost as much as
/// making them).
#[derive(Clone, Default)]
struct Observed(Arc<Vec<(usize, Observation)>>);

impl PartialEq for Observed {
    fn eq(&self, other: &Observed) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Observed {
    fn of<'a>(&self, ws: &'a Workspace) -> Vec<(&'a Practice, Observation)> {
        self.0
            .iter()
            .filter_map(|&(i, o)| Some((ws.practices.get(i)?, o)))
            .collect()
    }
}

/// What a chart's table view is made from.
#[derive(Clone, Default)]
pub(crate) enum TableSource {
    #[default]
    Nothing,
    Funnel(Arc<FunnelData>),
    Caterpillar(Arc<CaterpillarData>),
    Spc(Arc<SpcData>),
}

impl TableSource {
    pub(crate) fn table(&self) -> Table {
        match self {
            TableSource::Nothing => Table::default(),
            TableSource::Funnel(data) => funnel_table(data),
            TableSource::Caterpillar(data) => caterpillar_table(data),
            TableSource::Spc(data) => spc_table(data),
        }
    }
}

/// The same data (not merely equal data): a redraw always makes new data.
impl PartialEq for TableSource {
    fn eq(&self, other: &TableSource) -> bool {
        match (self, other) {
            (TableSource::Nothing, TableSource::Nothing) => true,
            (TableSource::Funnel(a), TableSource::Funnel(b)) => Arc::ptr_eq(a, b),
            (TableSource::Caterpillar(a), TableSource::Caterpillar(b)) => Arc::ptr_eq(a, b),
            (TableSource::Spc(a), TableSource::Spc(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

fn point_text(name: &str, value: f64, decimals: usize, extra: &str) -> (String, Vec<String>) {
    (
        name.to_string(),
        vec![format!("{value:.decimals$}"), extra.to_string()],
    )
}

fn draw_funnel(
    ws: &Workspace,
    observed: &[(&Practice, Observation)],
    ind: &Indicator,
    period: Period,
    limits: FunnelLimitChoice,
) -> Drawn {
    match funnel_from_observations(observed, ind, period, limits) {
        Ok(data) => draw_funnel_data(ws, data, ind),
        Err(e) => Drawn {
            title: funnel_title(ind, period),
            problem: Some(format!("No funnel plot: {e}.")),
            ..Drawn::default()
        },
    }
}

fn funnel_title(ind: &Indicator, period: Period) -> String {
    format!("Funnel plot: {}, {}", ind.name, period.label())
}

/// A funnel plot of practices from its data, each point named and marked for the overlay.
pub(crate) fn draw_funnel_data(ws: &Workspace, data: FunnelData, ind: &Indicator) -> Drawn {
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
    let marks = overlay_marks(&chart.marks, |i| {
        let a = input.areas.get(i)?;
        Some(point_text(
            &a.label,
            a.value,
            decimals,
            a.significance.label(),
        ))
    });
    Drawn {
        title,
        summary,
        svg: chart.svg,
        table: TableSource::Funnel(Arc::new(data)),
        marks,
        codes,
        rows_open_practices: true,
        height: FUNNEL_SIZE.height,
        ..Drawn::default()
    }
}

fn draw_caterpillar(
    ws: &Workspace,
    positions: &SeriesPositions,
    observed: &[(&Practice, Observation)],
    ind: &Indicator,
    period: Period,
) -> Drawn {
    let ctx = MeasureContext::for_measure_in(ws, positions, ind);
    let data = caterpillar_from_observations(ws, &ctx, ind, period, observed);
    let title = format!("Practices ranked: {}, {}", ind.name, period.label());
    if data.bars.is_empty() {
        return Drawn {
            title,
            problem: Some(
                "No practice has a value with an interval for this measure in this period."
                    .to_string(),
            ),
            ..Drawn::default()
        };
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
    let marks = overlay_marks(&chart.marks, |i| {
        let a = input.areas.get(i)?;
        let bar = data.bars.get(i)?;
        Some(point_text(
            &a.label,
            a.value,
            decimals,
            &format!(
                "95% interval {:.decimals$} to {:.decimals$}; {} than the city",
                a.lower,
                a.upper,
                match bar.compared.as_str() {
                    "" => "not compared",
                    word => word,
                }
            )
            .replace("similar than", "similar to"),
        ))
    });
    Drawn {
        title,
        summary,
        svg: chart.svg,
        table: TableSource::Caterpillar(Arc::new(data)),
        marks,
        codes,
        height: size.height,
        ..Drawn::default()
    }
}

pub(crate) fn draw_spc(
    ws: &Workspace,
    positions: &SeriesPositions,
    ind: &Indicator,
    area: &str,
    pandemic_apart: bool,
) -> Drawn {
    let ctx = MeasureContext::for_measure_in(ws, positions, ind);
    let name = area_name(ws, area);
    let title = format!("Over time: {}, {}", ind.name, name);
    // Assurance needs a target: the one that applies to this measure and area, if any.
    let target = spc_target(ws, ind, area);
    let settings = SpcSettings {
        target,
        ..SpcSettings::default()
    };
    let data = match spc_data(ws, &ctx, ind, area, Some(settings), pandemic_apart) {
        Ok(d) => d,
        Err(e) => {
            return Drawn {
                title,
                problem: Some(format!("No SPC chart: {e}.")),
                ..Drawn::default()
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
    Drawn {
        title,
        summary: data.sentence.clone(),
        svg: spc_chart(&input, SPC_SIZE).svg,
        table: TableSource::Spc(Arc::new(data)),
        notes,
        height: SPC_SIZE.height,
        ..Drawn::default()
    }
}

#[component]
pub fn VariationPage() -> impl IntoView {
    let state = use_atlas();
    let query = use_query_map();
    let navigate = use_navigate();

    let indicators = Memo::new(move |_| scorecard_indicators(&state.workspace.read()));
    // Found once per workspace, so that switching measures never walks every series.
    let positions = Memo::new(move |_| SeriesPositions::new(&state.workspace.read()));
    let indicator = measure_from_query(indicators, query);
    let periods = Memo::new(move |_| {
        let ws = state.workspace.read();
        indicator
            .get()
            .map(|ind| MeasureContext::for_measure_in(&ws, &positions.read(), &ind).periods(&ind))
            .unwrap_or_default()
    });
    let period = Memo::new(move |_| {
        let list = periods.read();
        query_value(&query, "period")
            .and_then(|p| Period::parse(&p).ok())
            .filter(|p| list.contains(p))
            .or_else(|| list.last().copied())
    });
    let area = Memo::new(move |_| known_area(&state.workspace.read(), query_value(&query, "area")));
    // Widened for overdispersion when the practices show it, unless the URL says.
    let limits = Memo::new(move |_| match query_value(&query, "od").as_deref() {
        Some("1") => FunnelLimitChoice::Adjusted,
        Some("0") => FunnelLimitChoice::Unadjusted,
        _ => FunnelLimitChoice::Auto,
    });
    // Where the measure's figures come from: beside each chart and in its CSV.
    let source = measure_source_of(indicator);

    // Each practice observed once for the funnel and the caterpillar.
    let observed = Memo::new(move |_| match (indicator.get(), period.get()) {
        (Some(ind), Some(p)) => {
            let ws = state.workspace.read();
            let ctx = MeasureContext::for_measure_in(&ws, &positions.read(), &ind);
            Observed(Arc::new(practice_observations_by_position(
                &ws, &ctx, &ind, p,
            )))
        }
        _ => Observed::default(),
    });
    let funnel = Memo::new(move |_| match (indicator.get(), period.get()) {
        (Some(ind), Some(p)) => {
            let ws = state.workspace.read();
            let observed = observed.read().of(&ws);
            draw_funnel(&ws, &observed, &ind, p, limits.get())
        }
        _ => Drawn::default(),
    });
    let caterpillar = Memo::new(move |_| match (indicator.get(), period.get()) {
        (Some(ind), Some(p)) => {
            let ws = state.workspace.read();
            let observed = observed.read().of(&ws);
            draw_caterpillar(&ws, &positions.read(), &observed, &ind, p)
        }
        _ => Drawn::default(),
    });
    // The pandemic months set apart on the chart over time, unless the URL says not.
    let pandemic_apart = Memo::new(move |_| query_value(&query, "covid").as_deref() != Some("0"));
    let spc = Memo::new(move |_| match indicator.get() {
        Some(ind) => draw_spc(
            &state.workspace.read(),
            &positions.read(),
            &ind,
            &area.get(),
            pandemic_apart.get(),
        ),
        None => Drawn::default(),
    });
    // The box is offered only where the series spans the pandemic months.
    let spans_pandemic = Memo::new(move |_| {
        spc.with(|d| matches!(&d.table, TableSource::Spc(data) if !pandemic_rebase(&data.periods).is_empty()))
    });
    let set = {
        let navigate = navigate.clone();
        move |key: &'static str, value: String| {
            set_query(&navigate, &query, "/variation", key, value)
        }
    };
    let set_indicator = {
        let set = set.clone();
        move |ev| set("indicator", event_target_value(&ev))
    };
    let set_period = {
        let set = set.clone();
        move |ev| set("period", event_target_value(&ev))
    };
    let set_area = {
        let set = set.clone();
        Callback::new(move |code: String| set("area", code))
    };
    let set_od = {
        let set = set.clone();
        move |ev| {
            set(
                "od",
                if event_target_checked(&ev) { "1" } else { "0" }.to_string(),
            )
        }
    };
    let set_covid = {
        let set = set.clone();
        move |ev| {
            set(
                "covid",
                if event_target_checked(&ev) { "1" } else { "0" }.to_string(),
            )
        }
    };
    let open_practice = |drawn: Memo<Drawn>| {
        let navigate = navigate.clone();
        Callback::new(move |i: usize| {
            if let Some(code) = drawn.with_untracked(|d| d.codes.get(i).cloned()) {
                navigate(&format!("/practices/{code}"), NavigateOptions::default());
            }
        })
    };
    // The box shows what the chart draws.
    let adjusted = Memo::new(move |_| {
        funnel.with(|d| matches!(&d.table, TableSource::Funnel(data) if data.adjusted))
    });
    let open_from_funnel = open_practice(funnel);
    let open_from_caterpillar = open_practice(caterpillar);

    let figure = move |drawn: Memo<Drawn>,
                       stem: &'static str,
                       id: &'static str,
                       select: Option<Callback<usize>>| {
        let title = Signal::derive(move || drawn.read().title.clone());
        let summary = Signal::derive(move || drawn.read().summary.clone());
        // Memos, not derived signals: each is read several times per redraw, and a
        // derived signal would copy 6,500 marks (or the whole SVG) at every read.
        let svg = Memo::new(move |_| drawn.read().svg.clone());
        let table = Signal::derive(move || drawn.read().table.table());
        let marks = Memo::new(move |_| drawn.read().marks.clone());
        // Only a change between chart and message rebuilds the figure (the table view
        // keeps its state when the measure changes).
        let problem = Memo::new(move |_| drawn.read().problem.clone());
        let notes = move || {
            let notes = drawn.read().notes.clone();
            (!notes.is_empty()).then(|| {
                view! {
                    <ul class="atlas-chart-notes">
                        {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                    </ul>
                }
            })
        };
        let size = Signal::derive(move || Size {
            width: 760,
            height: drawn.read().height.max(1),
        });
        let row_link = Callback::new(move |row: usize| {
            drawn
                .with_untracked(|d| d.codes.get(row).filter(|_| d.rows_open_practices).cloned())
                .map(|code| format!("/practices/{code}"))
        });
        view! {
            {move || match problem.get() {
                Some(text) => view! {
                    <h2>{title}</h2>
                    <div class="nhsuk-inset-text"><p>{text}</p></div>
                }.into_any(),
                None => view! {
                    <ChartFigure title=title summary=summary svg=svg table=table file_stem=stem row_link=row_link source=Some(source.into())>
                        {notes}
                        {move || match select {
                            Some(select) => view! {
                                <ChartOverlay id=id tooltip_id=format!("{id}-tooltip") svg=svg size=size.get() marks=marks
                                    group_label="Practices on the chart: press Enter to open a practice's profile"
                                    on_select=select/>
                            }.into_any(),
                            None => view! { <div class="atlas-chart" id=id inner_html=svg></div> }.into_any(),
                        }}
                    </ChartFigure>
                }.into_any(),
            }}
        }
    };

    let period_options = move || {
        let selected = period.get();
        periods
            .get()
            .into_iter()
            .rev()
            .map(|p| {
                view! { <option value=p.to_string() selected=Some(p) == selected>{p.label()}</option> }
            })
            .collect_view()
    };
    view! {
        <h1>"Variation between practices"</h1>
        <p class="nhsuk-lede-text">
            "How much practices differ on a measure, whether the differences are more than chance, and how a measure has moved over time. Select a practice on the funnel or ranked chart to open its profile. With the keyboard, press Tab to reach a practice and Enter to open it; where a chart has hundreds of practices, open them from its table view instead."
        </p>
        <div class="atlas-controls">
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="variation-indicator">"Measure"</label>
                <select class="nhsuk-select" id="variation-indicator" on:change=set_indicator>
                    <MeasureOptions measures=indicators selected=indicator/>
                </select>
            </div>
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="variation-period">"Period"</label>
                <select class="nhsuk-select" id="variation-period" on:change=set_period>
                    {period_options}
                </select>
            </div>
            <div class="nhsuk-form-group">
                <div class="nhsuk-checkboxes nhsuk-checkboxes--small">
                    <div class="nhsuk-checkboxes__item">
                        <input class="nhsuk-checkboxes__input" id="variation-od" type="checkbox"
                            prop:checked=adjusted on:change=set_od aria-describedby="variation-od-hint"/>
                        <label class="nhsuk-label nhsuk-checkboxes__label" for="variation-od">
                            "Widen the funnel limits for overdispersion"
                        </label>
                        <div class="nhsuk-hint nhsuk-checkboxes__hint" id="variation-od-hint">
                            "On by itself when the practices vary more than chance alone would make them (Spiegelhalter's test); the sentence under the chart says which limits it draws."
                        </div>
                    </div>
                </div>
            </div>
        </div>
        {figure(funnel, "variation-funnel", "variation-funnel", Some(open_from_funnel))}
        {figure(caterpillar, "variation-ranked", "variation-caterpillar", Some(open_from_caterpillar))}
        <AreaSelect id="variation-area" label="Area for the chart over time" selected=area on_change=set_area/>
        <Show when=move || spans_pandemic.get()>
            <div class="nhsuk-form-group">
                <div class="nhsuk-checkboxes nhsuk-checkboxes--small">
                    <div class="nhsuk-checkboxes__item">
                        <input class="nhsuk-checkboxes__input" id="variation-covid" type="checkbox"
                            prop:checked=pandemic_apart on:change=set_covid.clone() aria-describedby="variation-covid-hint"/>
                        <label class="nhsuk-label nhsuk-checkboxes__label" for="variation-covid">
                            "Set the pandemic months apart (Apr 2020 – Mar 2021)"
                        </label>
                        <div class="nhsuk-hint nhsuk-checkboxes__hint" id="variation-covid-hint">
                            "The limits are then worked out separately for those months and for either side of them, so that an exceptional year does not set what counts as usual."
                        </div>
                    </div>
                </div>
            </div>
        </Show>
        {figure(spc, "variation-spc", "variation-spc", None)}
    }
}
