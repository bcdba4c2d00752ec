//! One trajectory as a card: title, status in words and colour, the month the target is
//! expected to be met, and (in full) its description, basis, rule and chart. Used by
//! the Trajectories page, the practice profile and the briefing.

use crate::components::chart_figure::{definition_links, ChartFigure};
use atlas_core::trajectory::{Status, TrajectoryCard};
use atlas_pages::Figure;
use leptos::prelude::*;

/// The NHS tag class and the words of a status: never colour alone.
pub fn status_tag(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::OnTrack => ("nhsuk-tag nhsuk-tag--green", "On track"),
        Status::AtRisk => ("nhsuk-tag nhsuk-tag--yellow", "At risk"),
        Status::OffTrack => ("nhsuk-tag nhsuk-tag--red", "Off track"),
        Status::NoData => ("nhsuk-tag nhsuk-tag--grey", "No data"),
        Status::Met => ("nhsuk-tag nhsuk-tag--green", "Met by its date"),
        Status::Missed => ("nhsuk-tag nhsuk-tag--red", "Missed its date"),
        Status::NoTarget => ("nhsuk-tag nhsuk-tag--white", "No target"),
    }
}

#[component]
pub fn TrajectoryCardView(
    card: TrajectoryCard,
    /// The card's chart (`atlas_pages::trajectories::card_figure`): given, the card is
    /// shown in full; without it, compactly (title, status and sentence).
    #[prop(optional)]
    figure: Option<Figure>,
    illustrative: bool,
) -> impl IntoView {
    let (tag_class, tag_words) = status_tag(card.status);
    let expected = card.expectation();
    let title = card.title.clone();
    let meta = view! {
        <div class="atlas-card__meta">
            <strong class=tag_class>{tag_words}</strong>
            <span>{expected}</span>
            {illustrative.then(|| view! { <span class="nhsuk-tag nhsuk-tag--white atlas-card__illustrative">"Illustrative"</span> })}
        </div>
    };
    let Some(figure) = figure else {
        return view! {
            <div class="nhsuk-card atlas-card atlas-card--compact">
                <div class="nhsuk-card__content">
                    <h3 class="nhsuk-card__heading nhsuk-heading-s">{title}</h3>
                    {meta}
                    <p class="nhsuk-body-s">{card.sentence.clone()}</p>
                </div>
            </div>
        }
        .into_any();
    };
    if let Some(problem) = figure.problem {
        // No series: say so in words, with no empty chart or lone target to misread.
        return view! {
            <div class="nhsuk-card atlas-card atlas-card--no-data">
                <div class="nhsuk-card__content">
                    <h2 class="atlas-figure__title">{title}</h2>
                    {meta}
                    <p class="nhsuk-body-s">{card.description.clone()}</p>
                    <div class="nhsuk-inset-text atlas-no-chart"><p>{problem}</p></div>
                </div>
            </div>
        }
        .into_any();
    }
    let basis = card.basis.clone().map(|basis| {
        view! { <p class="nhsuk-body-s atlas-card__basis"><strong>"Where the figures come from: "</strong>{basis}</p> }
    });
    let svg = Signal::stored(figure.svg);
    let definitions = definition_links(figure.definitions);
    view! {
        <div class="nhsuk-card atlas-card">
            <div class="nhsuk-card__content">
                <ChartFigure title=figure.title summary=figure.summary svg=svg table=Signal::stored(figure.table.table())
                    file_stem=figure.file_stem source=figure.source>
                    {meta}
                    <div class="atlas-chart" inner_html=svg></div>
                    // What the measure is and how it is judged, below the picture.
                    <p class="nhsuk-body-s">{card.description.clone()}</p>
                    {basis}
                    <p class="atlas-card__rule"><strong>"How the status is set: "</strong>{card.rule.clone()}</p>
                    {definitions}
                </ChartFigure>
            </div>
        </div>
    }
    .into_any()
}
