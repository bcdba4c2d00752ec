//! A chart with everything that makes it usable by everyone: a heading, a sentence
//! saying what it shows, the picture, a table view of the same data, and downloads
//! (CSV of the data, SVG and PNG of the picture).

use crate::components::data_table::DataTable;
use crate::download::{save_svg_as_png, save_text};
use atlas_charts::Figure;
use atlas_core::provenance::MeasureSource;
use atlas_core::table::Table;
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
    file_stem: String,
    /// A link for each table row (by its index), e.g. to a practice's profile.
    #[prop(optional)]
    row_link: Option<Callback<usize, Option<String>>>,
    /// Laid out for a briefing slide: the title a sub-heading under the slide's, and
    /// the sentence under the chart.
    #[prop(optional)]
    slide: bool,
    /// Where the figures come from: shown beside the chart and added to every row of
    /// the CSV, so that a download keeps it.
    #[prop(default = None)]
    source: Option<Signal<MeasureSource>>,
    /// The picture, possibly with interactive overlays.
    children: Children,
) -> impl IntoView {
    // The table view is built when it is first opened: a chart of 6,500 practices
    // would otherwise add 6,500 hidden rows to the page at every redraw.
    let opened = RwSignal::new(false);
    let row_link = row_link.unwrap_or_else(|| Callback::new(|_| None));
    let failed = RwSignal::new(false);
    let csv_name = format!("{file_stem}.csv");
    let svg_name = format!("{file_stem}.svg");
    let png_name = format!("{file_stem}.png");
    let download_csv = move |_| {
        let csv = match source {
            Some(source) => table.read().to_csv_with_source(&source.read().text),
            None => table.read().to_csv(),
        };
        failed.set(!save_text(&csv_name, "text/csv;charset=utf-8", &csv))
    };
    let source_line = move || {
        source.map(|source| {
            let s = source.get();
            // The words carry "Illustrative" themselves: never a colour alone.
            view! {
                <p class="nhsuk-body-s atlas-figure__source" class:atlas-figure__source--illustrative=s.illustrative>
                    {s.text}
                </p>
            }
        })
    };
    let download_svg = move |_| failed.set(!save_text(&svg_name, "image/svg+xml", &svg.read()));
    let download_png = move |_| failed.set(!save_svg_as_png(&png_name, &svg.read()));
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

/// A [`Figure`] from atlas-charts as a [`ChartFigure`], its picture in a box whose id
/// is the figure's file stem.
#[component]
pub fn FigureView(
    figure: Figure,
    /// Where its figures come from ([`ChartFigure`]'s `source`).
    #[prop(default = None)]
    source: Option<Signal<MeasureSource>>,
) -> impl IntoView {
    let svg = Signal::stored(figure.svg);
    view! {
        <ChartFigure title=figure.title summary=figure.summary svg=svg table=Signal::stored(figure.table) file_stem=figure.file_stem source=source>
            <div class="atlas-chart" id=figure.file_stem inner_html=svg></div>
        </ChartFigure>
    }
}
