//! Variation: a measure's funnel plot and caterpillar plot across practices in a period,
//! its SPC chart over time for an area, and its spread across practices (a box plot) (content: `atlas_pages::variation`). The view
//! lives in the URL's query string, so a link reproduces it. Every practice on the
//! funnel and caterpillar is a button that opens its profile.

use crate::components::area_select::AreaSelect;
use crate::components::chart_figure::PageFigure;
use crate::components::checkbox::Checkbox;
use crate::components::comparator_select::ComparatorSelect;
use crate::components::measure_select::MeasureOptions;
use crate::query::{page_query, show_view};
use crate::state::use_atlas;
use atlas_core::comparator::Against;
use atlas_core::measures::{scorecard_indicators, SeriesPositions};
use atlas_core::variation::FunnelLimitChoice;
use atlas_pages::areas::known_area;
use atlas_pages::measures::{choose_measure, choose_period, periods_of};
use atlas_pages::variation::{
    caterpillar, comparators, funnel, observe, of, over_time, spread, FunnelFigure, OverTimeFigure,
    VariationQuery,
};
use atlas_pages::Figure;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::sync::Arc;

const MARKS_LABEL: &str = "Practices on the chart: press Enter to open a practice's profile";

#[component]
pub fn VariationPage() -> impl IntoView {
    let state = use_atlas();
    let query = use_query_map();
    let navigate = use_navigate();
    let view = Memo::new(move |_| VariationQuery::from_query(&page_query(&query.read())));

    let measures = Memo::new(move |_| scorecard_indicators(&state.workspace.read()));
    // Found once per workspace, so that switching measures never walks every series.
    let positions = Memo::new(move |_| SeriesPositions::new(&state.workspace.read()));
    let indicator =
        Memo::new(move |_| choose_measure(&measures.read(), view.read().indicator.as_deref()));
    let periods = Memo::new(move |_| {
        let ind = indicator.read();
        ind.as_ref()
            .map(|ind| periods_of(&state.workspace.read(), &positions.read(), ind))
            .unwrap_or_default()
    });
    let period = Memo::new(move |_| choose_period(&periods.read(), view.read().period.as_deref()));
    let area = Memo::new(move |_| known_area(&state.workspace.read(), view.read().area.as_deref()));
    let limits = Memo::new(move |_| view.read().limits);
    let pandemic_apart = Memo::new(move |_| view.read().pandemic_apart);
    let against = Memo::new(move |_| view.read().against);
    let choices = Memo::new(move |_| comparators(&state.workspace.read()));

    // Each practice observed once for the funnel and the caterpillar.
    let observed = Memo::new(move |_| match (indicator.get(), period.get()) {
        (Some(ind), Some(p)) => Observed(Arc::new(observe(
            &state.workspace.read(),
            &positions.read(),
            &ind,
            p,
        ))),
        _ => Observed::default(),
    });
    let funnel = Memo::new(move |_| match (indicator.get(), period.get()) {
        (Some(ind), Some(p)) => {
            let ws = state.workspace.read();
            funnel(
                &ws,
                &of(&ws, &observed.read().0),
                &ind,
                p,
                limits.get(),
                against.get(),
            )
        }
        _ => FunnelFigure {
            figure: atlas_pages::figure::no_measure("variation-funnel", "variation-funnel"),
            adjusted: false,
        },
    });
    let caterpillar = Memo::new(move |_| match (indicator.get(), period.get()) {
        (Some(ind), Some(p)) => {
            let ws = state.workspace.read();
            caterpillar(
                &ws,
                &positions.read(),
                &of(&ws, &observed.read().0),
                &ind,
                p,
                against.get(),
            )
        }
        _ => atlas_pages::figure::no_measure("variation-caterpillar", "variation-ranked"),
    });
    let over_time = Memo::new(move |_| match indicator.get() {
        Some(ind) => over_time(
            &state.workspace.read(),
            &positions.read(),
            &ind,
            &area.get(),
            pandemic_apart.get(),
        ),
        None => OverTimeFigure {
            figure: atlas_pages::figure::no_measure("variation-spc", "variation-spc"),
            spans_pandemic: false,
        },
    });
    let spread = Memo::new(move |_| match (indicator.get(), period.get()) {
        (Some(ind), Some(p)) => {
            let ws = state.workspace.read();
            spread(
                &ws,
                &positions.read(),
                &of(&ws, &observed.read().0),
                &ind,
                p,
                &area.get(),
            )
        }
        _ => atlas_pages::figure::no_measure("variation-spread", "variation-spread"),
    });
    let funnel_figure: Signal<Figure> = Signal::derive(move || funnel.read().figure.clone());
    let spc_figure: Signal<Figure> = Signal::derive(move || over_time.read().figure.clone());
    // The boxes show what the charts draw.
    let adjusted = Memo::new(move |_| funnel.read().adjusted);
    let spans_pandemic = Memo::new(move |_| over_time.read().spans_pandemic);

    let set = move |change: &dyn Fn(&mut VariationQuery)| {
        let mut next = view.get_untracked();
        change(&mut next);
        show_view(
            &navigate,
            &query,
            "/variation",
            VariationQuery::KEYS,
            &next.to_query(),
        );
    };
    let set_indicator = {
        let set = set.clone();
        move |ev| set(&|q| q.indicator = Some(event_target_value(&ev)))
    };
    let set_period = {
        let set = set.clone();
        move |ev| set(&|q| q.period = Some(event_target_value(&ev)))
    };
    let set_area = {
        let set = set.clone();
        Callback::new(move |code: String| set(&|q| q.area = Some(code.clone())))
    };
    let set_od = {
        let set = set.clone();
        Callback::new(move |on: bool| {
            set(&|q| {
                q.limits = if on {
                    FunnelLimitChoice::Adjusted
                } else {
                    FunnelLimitChoice::Unadjusted
                }
            })
        })
    };
    let set_against = {
        let set = set.clone();
        Callback::new(move |chosen: Against| set(&|q| q.against = chosen))
    };
    let set_covid = Callback::new(move |on: bool| set(&|q| q.pandemic_apart = on));

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
        <h1>{atlas_pages::variation::HEADING}</h1>
        <p class="nhsuk-lede-text">{atlas_pages::variation::LEDE}</p>
        <div class="atlas-controls">
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="variation-indicator">"Measure"</label>
                <select class="nhsuk-select" id="variation-indicator" on:change=set_indicator>
                    <MeasureOptions measures=measures selected=indicator/>
                </select>
            </div>
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="variation-period">"Period"</label>
                <select class="nhsuk-select" id="variation-period" on:change=set_period>
                    {period_options}
                </select>
            </div>
            <ComparatorSelect id="variation-against" label="Compare with" choices=choices chosen=against on_choose=set_against/>
            <Checkbox id="variation-od" label="Widen the funnel limits for overdispersion"
                hint="On by itself when practices vary more than chance alone would make them (Spiegelhalter's test)."
                checked=adjusted on_change=set_od/>
        </div>
        <PageFigure figure=funnel_figure marks_label=MARKS_LABEL/>
        <p class="nhsuk-body-s" id="variation-open-practice">
            "Select a practice on the funnel or ranked chart to open its profile. With the keyboard, press Tab to reach a practice and Enter to open it; where a chart has hundreds of practices, open them from its table view instead."
        </p>
        <PageFigure figure=caterpillar marks_label=MARKS_LABEL/>
        <AreaSelect id="variation-area" label="Area for the chart over time and the spread" selected=area on_change=set_area/>
        <Show when=move || spans_pandemic.get()>
            <Checkbox id="variation-covid" label="Set the pandemic months apart (Apr 2020 – Mar 2021)"
                hint="The limits are then worked out separately for those months and for either side of them, so that an exceptional year does not set what counts as usual."
                checked=pandemic_apart on_change=set_covid/>
        </Show>
        <PageFigure figure=spc_figure/>
        <PageFigure figure=spread/>
    }
}

/// Practices' observations of the measure shown, by position in the workspace; equal
/// only to itself (comparing 6,500 observations to find a change would cost as much as
/// making them).
#[derive(Clone, Default)]
struct Observed(Arc<Vec<(usize, atlas_core::measures::Observation)>>);

impl PartialEq for Observed {
    fn eq(&self, other: &Observed) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}
