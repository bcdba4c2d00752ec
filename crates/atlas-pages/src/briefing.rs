//! The councillors' briefing: a slide each for the figures behind the primary care
//! plan, in the order of the 2022 paper. Each slide's chart is a [`Figure`] (or the
//! words for why the workspace cannot give it); `?slide=N` presents one slide.

use crate::access::access_figures;
use crate::figure::Figure;
use crate::query::Query;
use crate::variation::funnel_of;
use atlas_charts::workspace::{equity_spread_chart, pcn_list_sizes, practice_map_input};
use atlas_charts::{bar_chart, line_chart, practice_map, Size};
use atlas_core::access::AccessSettings;
use atlas_core::briefing::Briefing;
use atlas_core::equity::equity_spread_table;
use atlas_core::measures::SeriesPositions;
use atlas_core::model::Workspace;
use atlas_core::provenance::measure_source;
use atlas_core::summary::{pcn_rows_by_list_size, pcn_table, practice_table};
use std::sync::Arc;

/// The sentence under the page's heading: what the page is for.
pub const LEDE: &str = "For all-member briefings: the figures behind the primary care plan, a slide each, with a sentence under every chart saying what it shows. Print it (one slide a page) or present it slide by slide.";

const CHART: Size = Size::new(760, 440);
const MAP: Size = Size::new(760, 620);

/// The slides in order: the id of each (its anchor) and its heading.
pub const SLIDES: [(&str, &str); 11] = [
    ("slide-messages", "Key messages"),
    ("slide-structure", "How primary care is organised"),
    ("slide-map", "Where the practices are"),
    ("slide-access", "Appointments against the local standard"),
    ("slide-face-to-face", "Appointments face to face"),
    ("slide-2019", "Back to 2019 appointment levels"),
    ("slide-trajectories", "The trajectories"),
    ("slide-variation", "Variation between practices"),
    ("slide-equity", "Gaps between PCNs"),
    ("slide-priorities", "Priorities shared by neighbourhoods"),
    ("slide-about", "About these figures"),
];

/// The page's view as the URL holds it: `slide`, the slide presented (1-based,
/// clamped to the slides there are), or every slide on one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BriefingQuery {
    pub slide: Option<usize>,
}

impl BriefingQuery {
    /// The view a query string asks for.
    pub fn from_query(query: &Query) -> BriefingQuery {
        BriefingQuery {
            slide: query
                .get("slide")
                .and_then(|s| s.parse::<usize>().ok())
                .map(|n| n.clamp(1, SLIDES.len())),
        }
    }

    /// The page's link for this view.
    pub fn link(&self) -> String {
        match self.slide {
            Some(n) => format!("/briefing?slide={n}"),
            None => "/briefing".to_string(),
        }
    }
}

/// Everything the briefing shows.
#[derive(Debug, Clone)]
pub struct BriefingPage {
    pub briefing: Arc<Briefing>,
    pub heading: String,
    pub structure: Figure,
    pub map: Figure,
    /// By practice against the standard, face to face, against 2019.
    pub access: [Figure; 3],
    pub variation: Figure,
    /// The variation slide's message and its link to the Variation page, when a
    /// measure was chosen.
    pub variation_message: Option<(String, String)>,
    pub equity: Figure,
}

/// The same briefing (a redraw always makes a new one).
impl PartialEq for BriefingPage {
    fn eq(&self, other: &BriefingPage) -> bool {
        Arc::ptr_eq(&self.briefing, &other.briefing)
    }
}

const NO_APPOINTMENTS: &str = "This workspace has no appointment data.";

/// The briefing of `ws`, the access standard per week as the paper states it.
pub fn briefing_page(ws: &Workspace) -> BriefingPage {
    let settings = AccessSettings::for_period("week");
    let briefing = Briefing::of(ws, &SeriesPositions::new(ws), &settings);
    let bars = pcn_list_sizes(ws);
    let structure = Figure::drawn(
        "briefing-pcn-list-sizes",
        bars.title.clone(),
        bars.summary.clone(),
        bar_chart(&bars, CHART).svg,
        CHART,
        pcn_table(&pcn_rows_by_list_size(ws)),
    );
    let map_input = practice_map_input(ws);
    // A map with no practice on it says nothing: the slide says why instead.
    let map = if map_input.points.is_empty() {
        missing(
            "briefing-practice-map",
            "No practice in this workspace has a location. A practices file with lat and lon columns puts them on the map.",
        )
    } else {
        Figure::drawn(
            "briefing-practice-map",
            "GP practices by PCN and list size".to_string(),
            map_input.summary.clone(),
            practice_map(&map_input, MAP).svg,
            MAP,
            practice_table(ws),
        )
    };
    let mut access = access_figures(ws, &settings).into_iter();
    let mut next_access = |skip: usize| {
        access
            .nth(skip)
            .unwrap_or_else(|| missing("briefing-access", NO_APPOINTMENTS))
    };
    // By practice, (over time: not a slide), face to face, against 2019.
    let access = [next_access(0), next_access(1), next_access(0)];
    let (variation, variation_message) = match &briefing.variation {
        Some(choice) => (
            funnel_of(
                ws,
                choice.funnel.clone(),
                &choice.indicator,
                "briefing-variation",
                "briefing-variation",
            )
            .figure,
            Some((
                choice.sentence(),
                format!("/variation?indicator={}", choice.indicator.id),
            )),
        ),
        None => (
            missing(
                "briefing-variation",
                "This workspace has no measure with a judgement that a funnel plot can show.",
            ),
            None,
        ),
    };
    let equity = match &briefing.equity {
        Some(choice) => {
            let input = equity_spread_chart(&choice.name, &choice.spread);
            Figure {
                source: Some(measure_source(ws, &choice.indicator_id)),
                ..Figure::drawn(
                    "briefing-equity",
                    input.title.clone(),
                    input.summary.clone(),
                    line_chart(&input, CHART).svg,
                    CHART,
                    equity_spread_table(&choice.spread),
                )
            }
        }
        None => missing(
            "briefing-equity",
            "This workspace has none of the equity measures (cancer screening, vaccination, SMI health checks).",
        ),
    };
    BriefingPage {
        heading: format!("Briefing: primary care in {}", briefing.place),
        briefing: Arc::new(briefing),
        structure,
        map,
        access,
        variation,
        variation_message,
        equity,
    }
}

fn missing(stem: &'static str, words: &str) -> Figure {
    Figure::missing(stem, stem, "No chart".to_string(), words.to_string())
}
