//! A static chart SVG with focusable buttons laid over its marks: the one place the app
//! turns a chart's data → pixel geometry ([`atlas_charts::Mark`]) into controls. Each
//! button has a text label; hovering or focusing one shows a tooltip with its lines;
//! activating one (click, Enter or Space) calls `on_select` with its index, if given.

use atlas_charts::Size;
use atlas_pages::FigureMark;
use leptos::prelude::*;

/// Above this many marks a chart gets no button per mark (and atlas-charts draws them
/// without an element each): thousands of tab stops help nobody and take seconds to
/// build. The pointer still finds the nearest mark, and the table view lists every one.
pub const MAX_BUTTONS: usize = atlas_charts::CROWDED_POINTS;

/// The mark nearest to (`x`, `y`) in chart pixels, within `reach` pixels.
fn nearest(marks: &[FigureMark], x: f64, y: f64, reach: f64) -> Option<usize> {
    marks
        .iter()
        .enumerate()
        .map(|(i, m)| (i, (m.x - x).powi(2) + (m.y - y).powi(2)))
        .filter(|&(_, d)| d <= reach * reach)
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

#[component]
pub fn ChartOverlay(
    /// The wrapper's id.
    #[prop(into)]
    id: String,
    /// The tooltip's id (the buttons are described by it).
    #[prop(into)]
    tooltip_id: String,
    /// The chart's SVG.
    #[prop(into)]
    svg: Signal<String>,
    /// The chart's size in pixels (the SVG scales to the width; so do the buttons).
    size: Size,
    /// The marks to overlay.
    #[prop(into)]
    marks: Signal<Vec<FigureMark>>,
    /// The group's accessible name ("Practices on the map").
    #[prop(into)]
    group_label: String,
    /// Called with a mark's index when it is activated.
    #[prop(optional, into)]
    on_select: Option<Callback<usize>>,
) -> impl IntoView {
    let active = RwSignal::new(None::<usize>);
    let percent = move |x: f64, of: u32| 100.0 * x / f64::from(of);
    let described_by = tooltip_id.clone();
    let crowded = Memo::new(move |_| marks.read().len() > MAX_BUTTONS);
    // The mark under the pointer, for crowded charts: pointer position → chart pixels.
    // Measured on the wrapper itself: Leptos delegates events, so the event's current
    // target is not the wrapper.
    let wrapper = NodeRef::<leptos::html::Div>::new();
    let under_pointer = move |ev: &leptos::ev::MouseEvent| {
        let rect = wrapper.get_untracked()?.get_bounding_client_rect();
        if rect.width() <= 0.0 {
            return None;
        }
        let scale = f64::from(size.width) / rect.width();
        let x = (f64::from(ev.client_x()) - rect.left()) * scale;
        let y = (f64::from(ev.client_y()) - rect.top()) * scale;
        marks.with(|m| nearest(m, x, y, 8.0))
    };
    let hover = move |ev: leptos::ev::MouseEvent| {
        if crowded.get_untracked() {
            active.set(under_pointer(&ev));
        }
    };
    let click = move |ev: leptos::ev::MouseEvent| {
        if !crowded.get_untracked() {
            return;
        }
        let index = under_pointer(&ev).and_then(|i| marks.with(|m| m.get(i).map(|m| m.index)));
        if let (Some(index), Some(select)) = (index, on_select) {
            select.run(index);
        }
    };
    let crowded_note = move || {
        crowded.get().then(|| {
            view! {
                <p class="nhsuk-body-s">
                    {format!(
                        "{} points: too many to reach one by one with the keyboard. Point at one to see it{}; the table view below lists every one.",
                        atlas_charts::format::thousands(marks.read().len() as f64, 0),
                        if on_select.is_some() { ", select it to open it" } else { "" },
                    )}
                </p>
            }
        })
    };
    let buttons = move || {
        if crowded.get() {
            return Vec::new();
        }
        marks
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, mark)| {
                let index = mark.index;
                view! {
                    <button
                        type="button"
                        class="atlas-marker"
                        style:left=format!("{:.3}%", percent(mark.x, size.width))
                        style:top=format!("{:.3}%", percent(mark.y, size.height))
                        aria-label=mark.label()
                        aria-describedby=described_by.clone()
                        data-index=index
                        on:focus=move |_| active.set(Some(i))
                        on:blur=move |_| active.set(None)
                        on:mouseenter=move |_| active.set(Some(i))
                        on:mouseleave=move |_| active.set(None)
                        on:click=move |_| {
                            if let Some(select) = on_select {
                                select.run(index);
                            }
                        }
                    ></button>
                }
            })
            .collect::<Vec<_>>()
    };
    let tooltip = move || {
        let i = active.get()?;
        let mark = marks.with(|m| m.get(i).cloned())?;
        let left = percent(mark.x, size.width);
        let top = percent(mark.y, size.height);
        // Keep the box inside the chart: flip it to the left of marks on the right.
        let flip = left > 60.0;
        Some(view! {
            <div class="atlas-tooltip" class:atlas-tooltip--left=flip id=tooltip_id.clone() role="tooltip"
                style:left=format!("{left:.3}%") style:top=format!("{top:.3}%")>
                <strong>{mark.title}</strong>
                {mark.lines.into_iter().map(|line| view! { <span>{line}</span> }).collect_view()}
            </div>
        })
    };
    view! {
        <div class="atlas-map" id=id node_ref=wrapper on:mousemove=hover on:mouseleave=move |_| {
            if crowded.get_untracked() {
                active.set(None);
            }
        } on:click=click>
            <div class="atlas-map__svg" inner_html=svg></div>
            <div class="atlas-map__markers" role="group" aria-label=group_label>{buttons}</div>
            {tooltip}
        </div>
        {crowded_note}
    }
}
