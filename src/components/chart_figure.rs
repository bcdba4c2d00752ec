//! A chart with everything that makes it usable by everyone: a heading, a sentence
//! saying what it shows, the picture, a table view of the same data, and downloads
//! (CSV of the data, SVG and PNG of the picture).

use crate::components::chart_overlay::ChartOverlay;
use crate::components::data_table::DataTable;
use crate::download::{save_svg_as_png, save_text};
use atlas_core::provenance::MeasureSource;
use atlas_core::table::Table;
use atlas_pages::Figure;
use leptos::prelude::*;

#[component]
pub fn ChartFigure(
    /// The chart's heading.
    #[prop(into)]
    title: Signal<String>,
    /// One plain-English sentence saying what the chart shows, generated from the numbers.
    #[prop(into)]
    summary: Signal<String>,
    /// The chart as SVG (for the download; the picture itself is `children`).
    #[prop(into)]
    svg: Signal<String>,
    /// The data behind the chart: the table view and the CSV download.
    #[prop(into)]
    table: Signal<Table>,
    /// File name without extension for downloads.
    #[prop(into)]
    file_stem: Signal<String>,
    /// A link for each table row (by its index), e.g. to a practice's profile.
    #[prop(optional)]
    row_link: Option<Callback<usize, Option<String>>>,
    /// Laid out for a briefing slide: the title a sub-heading under the slide's, and
    /// the sentence under the chart.
    #[prop(optional)]
    slide: bool,
    /// Where the figures come from: shown beside the chart and added to every row of
    /// the CSV, so that a download keeps it.
    #[prop(optional, into)]
    source: MaybeProp<MeasureSource>,
    /// The picture, possibly with interactive overlays.
    children: Children,
) -> impl IntoView {
    // The table view is built when it is first opened: a chart of 6,500 practices
    // would otherwise add 6,500 hidden rows to the page at every redraw.
    let opened = RwSignal::new(false);
    let row_link = row_link.unwrap_or_else(|| Callback::new(|_| None));
    let failed = RwSignal::new(false);
    let name = move |extension: &str| format!("{}.{extension}", file_stem.get_untracked());
    let download_csv = move |_| {
        let csv = match source.get_untracked() {
            Some(source) => table.read().to_csv_with_source(&source.text),
            None => table.read().to_csv(),
        };
        failed.set(!save_text(&name("csv"), "text/csv;charset=utf-8", &csv))
    };
    let source_line = move || {
        source.get().map(|s| {
            // The words carry "Illustrative" themselves: never a colour alone.
            view! {
                <p class="nhsuk-body-s atlas-figure__source" class:atlas-figure__source--illustrative=s.illustrative>
                    {s.text}
                </p>
            }
        })
    };
    let download_svg = move |_| failed.set(!save_text(&name("svg"), "image/svg+xml", &svg.read()));
    let download_png = move |_| failed.set(!save_svg_as_png(&name("png"), &svg.read()));
    let caption = Signal::derive(move || format!("Table view: {}", title.get()));
    view! {
        <figure class="atlas-figure" class:atlas-figure--slide=slide>
            {if slide {
                view! { <h3 class="atlas-figure__title">{title}</h3> }.into_any()
            } else {
                view! { <h2 class="atlas-figure__title">{title}</h2> }.into_any()
            }}
            {(!slide).then(|| view! { <p class="atlas-figure__summary">{summary}</p> })}
            <div class="atlas-figure__chart">{children()}</div>
            {slide.then(|| view! { <p class="atlas-figure__summary">{summary}</p> })}
            {source_line}
            <div class="atlas-figure__actions">
                <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" on:click=download_csv>
                    "Download data (CSV)"
                </button>
                <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" on:click=download_svg>
                    "Download chart (SVG)"
                </button>
                <button type="button" class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" on:click=download_png>
                    "Download chart (PNG)"
                </button>
            </div>
            <Show when=move || failed.get()>
                <p class="nhsuk-error-message">"Your browser did not allow the download."</p>
            </Show>
            <details class="nhsuk-details atlas-figure__table"
                on:toggle=move |ev| {
                    if event_target::<web_sys::HtmlDetailsElement>(&ev).open() {
                        opened.set(true);
                    }
                }>
                <summary class="nhsuk-details__summary">
                    <span class="nhsuk-details__summary-text">"Show the data as a table"</span>
                </summary>
                <div class="nhsuk-details__text">
                    <Show when=move || opened.get()>
                        <DataTable table=table caption=caption row_link=row_link/>
                    </Show>
                </div>
            </details>
        </figure>
    }
}

/// A page-layer [`Figure`] as a [`ChartFigure`] in a box with the figure's
/// id: its notes and definitions below the picture, its marks as controls that open where they lead
/// (when `marks_label` names the group), its rows linked; or its title and the words
/// for why there is no chart.
#[component]
pub fn PageFigure(
    #[prop(into)] figure: Signal<Figure>,
    /// The accessible name of the group of marks: given, each mark is a control.
    #[prop(optional)]
    marks_label: Option<&'static str>,
    /// Laid out for a briefing slide ([`ChartFigure`]'s `slide`); with no chart, only
    /// the words for why (the slide has its heading).
    #[prop(optional)]
    slide: bool,
) -> impl IntoView {
    let navigate = leptos_router::hooks::use_navigate();
    let title = Signal::derive(move || figure.read().title.clone());
    let summary = Signal::derive(move || figure.read().summary.clone());
    // Memos, not derived signals: each is read several times per redraw, and a derived
    // signal would copy 6,500 marks (or the whole SVG) at every read.
    let svg = Memo::new(move |_| figure.read().svg.clone());
    let marks = Memo::new(move |_| figure.read().marks.clone());
    let table = Signal::derive(move || figure.read().table.table());
    let source = Signal::derive(move || figure.read().source.clone());
    // Only a change between chart and words rebuilds the figure (the table view keeps
    // its state when the measure changes).
    let problem = Memo::new(move |_| figure.read().problem.clone());
    let id = figure.with_untracked(|f| f.id.clone());
    let file_stem = Signal::derive(move || figure.read().file_stem.clone());
    let row_link = Callback::new(move |row: usize| {
        figure.with_untracked(|f| f.row_link(row).map(str::to_string))
    });
    let open = Callback::new(move |index: usize| {
        if let Some(link) = figure.with_untracked(|f| f.mark_link(index).map(str::to_string)) {
            navigate(&link, leptos_router::NavigateOptions::default());
        }
    });
    let notes = move || {
        let notes = figure.read().notes.clone();
        (!notes.is_empty()).then(|| {
            view! {
                <ul class="atlas-chart-notes">
                    {notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}
                </ul>
            }
        })
    };
    let definitions = move || definition_links(figure.read().definitions.clone());
    let size = Signal::derive(move || figure.read().size);
    let id = StoredValue::new(id);
    move || {
        match problem.get() {
        Some(text) if slide => view! { <p>{text}</p> }.into_any(),
        Some(text) => view! {
            <h2>{title}</h2>
            <div class="nhsuk-inset-text"><p>{text}</p></div>
        }
        .into_any(),
        None => view! {
            <ChartFigure title=title summary=summary svg=svg table=table file_stem=file_stem
                row_link=row_link source=source slide=slide>
                {move || {
                    let id = id.get_value();
                    match marks_label {
                        Some(label) => view! {
                            <ChartOverlay id=id.clone() tooltip_id=format!("{id}-tooltip") svg=svg size=size.get() marks=marks
                                group_label=label on_select=open/>
                        }.into_any(),
                        None => view! { <div class="atlas-chart" id=id inner_html=svg></div> }.into_any(),
                    }
                }}
                // Below the picture, so that it starts on the first screen.
                {notes}
                {definitions}
            </ChartFigure>
        }
        .into_any(),
    }
    }
}

/// "Definition: <measure>" (or "Definitions: a; b") linking each measure a figure draws
/// to its definition; nothing when it names none.
pub fn definition_links(links: Vec<(String, String)>) -> Option<impl IntoView> {
    (!links.is_empty()).then(|| {
        let count = links.len();
        view! {
            <p class="atlas-definitions">
                {if count == 1 { "Definition: " } else { "Definitions: " }}
                {links.into_iter().enumerate().map(|(i, (name, link))| view! {
                    {(i > 0).then_some("; ")}
                    <a href=link>{name}</a>
                }).collect_view()}
            </p>
        }
    })
}
