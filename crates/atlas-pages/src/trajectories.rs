//! Trajectories: the trajectories of an area (the city, a PCN or a practice) as cards,
//! each with its chart, and the access standard's four figures, expressed per week, 4
//! weeks or 52 weeks ([`TrajectoriesQuery`]).

use crate::access::access_figures;
use crate::areas::{area_name, known_area};
use crate::figure::{Figure, LazyTable};
use crate::query::Query;
use atlas_charts::from_core::trajectory_input;
use atlas_charts::from_stats::Labels;
use atlas_charts::{trajectory_chart, Size};
use atlas_core::access::AccessSettings;
use atlas_core::model::Workspace;
use atlas_core::provenance::measure_source;
use atlas_core::summary::first_upper;
use atlas_core::trajectory::{page_intro, trajectory_cards, trajectory_table, TrajectoryCard};

/// The page's heading.
pub const HEADING: &str = "Trajectories";

const CARD_CHART: Size = Size::new(760, 380);

/// The page's view as the URL holds it: `area` and `per` (the access standard's
/// period: `week`, `4-weeks` or `52-weeks`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TrajectoriesQuery {
    pub area: Option<String>,
    pub per: Option<String>,
}

impl TrajectoriesQuery {
    /// The query string's keys this page owns.
    pub const KEYS: &'static [&'static str] = &["area", "per"];

    /// The view a query string asks for.
    pub fn from_query(query: &Query) -> TrajectoriesQuery {
        TrajectoriesQuery {
            area: query.get("area").map(str::to_string),
            per: query.get("per").map(str::to_string),
        }
    }

    /// The query string's pairs for this view.
    pub fn to_query(&self) -> Query {
        Query::from_pairs(
            [("area", &self.area), ("per", &self.per)]
                .into_iter()
                .filter_map(|(k, v)| Some((k, v.clone()?))),
        )
    }

    /// The access standard's settings for the period asked for (a week by default).
    pub fn access_settings(&self) -> AccessSettings {
        AccessSettings::for_period(self.per.as_deref().unwrap_or("week"))
    }
}

/// Everything the Trajectories page shows.
#[derive(Debug, Clone)]
pub struct TrajectoriesPage {
    /// The page's opening sentence (whether the trajectories have targets).
    pub intro: &'static str,
    pub area: String,
    pub area_name: String,
    pub illustrative: bool,
    pub cards: Vec<TrajectoryCard>,
    /// Each card's chart, in the cards' order.
    pub card_figures: Vec<Figure>,
    /// The access standard's four figures (none without appointment data).
    pub access: Vec<Figure>,
}

/// The Trajectories page for `query` on `ws`.
pub fn trajectories_page(ws: &Workspace, query: &TrajectoriesQuery) -> TrajectoriesPage {
    let area = known_area(ws, query.area.as_deref());
    let name = area_name(ws, &area);
    let cards = trajectory_cards(ws, &area);
    let card_figures = cards
        .iter()
        .enumerate()
        .map(|(i, card)| card_figure(ws, card, i, &name))
        .collect();
    TrajectoriesPage {
        intro: page_intro(ws),
        area,
        area_name: name,
        illustrative: ws.illustrative,
        cards,
        card_figures,
        access: access_figures(ws, &query.access_settings()),
    }
}

/// A trajectory card's chart (the `index`th card of the area named `area`): actuals,
/// glide path, forecast and target; or, with no series, the card's sentence as the
/// reason there is no chart.
pub fn card_figure(ws: &Workspace, card: &TrajectoryCard, index: usize, area: &str) -> Figure {
    let stem = format!("trajectory-{}", card.id.replace('_', "-"));
    if card.actual.is_empty() {
        return Figure::missing(
            stem.clone(),
            stem,
            card.title.clone(),
            format!("No chart: {}", card.sentence),
        );
    }
    let labels = Labels {
        id: format!("trajectory-{index}"),
        title: format!("{} — {area}", card.title),
        summary: card.sentence.clone(),
        x_label: String::new(),
        y_label: first_upper(&card.unit_label),
    };
    Figure {
        id: stem.clone(),
        file_stem: stem,
        title: card.title.clone(),
        summary: card.sentence.clone(),
        svg: trajectory_chart(&trajectory_input(card, labels), CARD_CHART).svg,
        size: CARD_CHART,
        table: LazyTable::ready(trajectory_table(card)),
        source: Some(measure_source(ws, &card.id)),
        ..Figure::default()
    }
    .defining_in(ws, &[&card.id])
}
