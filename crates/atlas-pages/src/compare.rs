//! Compare measures: any two measures across the place's practices as a scatter plot
//! with the least-squares line and the correlation (`?x=…&y=…`).

use crate::areas::practice_link;
use crate::figure::{marks_with_text, Figure, LazyTable};
use crate::query::Query;
use atlas_charts::from_core::decimals;
use atlas_charts::scatter::verdict_against;
use atlas_charts::{scatter_plot, ScatterInput, ScatterPoint, Size};
use atlas_core::compare::{
    comparable_measures, compare_measures, compare_sentence, compare_table, measure_with_period,
};
use atlas_core::inequalities::IMD_2019;
use atlas_core::model::Workspace;
use atlas_core::provenance::measure_source;
use atlas_core::stats::correlation::FEWEST_PAIRS;
use atlas_core::summary::practice_display_names;
use atlas_core::words::grouped;

/// The scatter plot's size: wide enough for the legend beside a square-ish plot, and
/// tall enough to write the vertical axis's label (the measure's name) in full.
fn scatter_size(y_label: &str) -> Size {
    let label = atlas_charts::text_width(y_label, 13.0, false);
    Size::new(760, (label as u32 + 180).max(520))
}

/// The page's view as the URL holds it: `x`, the measure across; `y`, the measure up.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CompareQuery {
    pub x: Option<String>,
    pub y: Option<String>,
}

impl CompareQuery {
    /// The query string's keys this page owns.
    pub const KEYS: &'static [&'static str] = &["x", "y"];

    /// The view a query string asks for.
    pub fn from_query(query: &Query) -> CompareQuery {
        CompareQuery {
            x: query.get("x").map(str::to_string),
            y: query.get("y").map(str::to_string),
        }
    }

    /// The query string's pairs for this view.
    pub fn to_query(&self) -> Query {
        Query::from_pairs(
            self.x
                .iter()
                .map(|m| ("x", m.clone()))
                .chain(self.y.iter().map(|m| ("y", m.clone()))),
        )
    }
}

/// Everything the Compare page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparePage {
    pub heading: String,
    /// Every measure that can be compared: (id, name).
    pub measures: Vec<(String, String)>,
    /// The measure across and the measure up, when there are two to compare.
    pub x: Option<String>,
    pub y: Option<String>,
    pub figure: Figure,
}

/// The Compare page for the measures the query names: across, the deprivation score
/// where the data have it (else the first measure); up, the first other measure.
pub fn compare_page(ws: &Workspace, query: &CompareQuery) -> ComparePage {
    let heading = format!("Compare two measures across practices in {}", ws.place);
    let measures: Vec<(String, String)> = comparable_measures(ws)
        .into_iter()
        .map(|i| (i.id, i.name))
        .collect();
    let known = |id: &Option<String>| {
        id.as_ref()
            .filter(|id| measures.iter().any(|(m, _)| m == *id))
            .cloned()
    };
    let x = known(&query.x).or_else(|| {
        measures
            .iter()
            .find(|(id, _)| id == IMD_2019)
            .or_else(|| measures.first())
            .map(|(id, _)| id.clone())
    });
    let y = known(&query.y).or_else(|| {
        measures
            .iter()
            .find(|(id, _)| Some(id) != x.as_ref())
            .map(|(id, _)| id.clone())
    });
    let figure = match (&x, &y) {
        (Some(x), Some(y)) => scatter_figure(ws, x, y),
        _ => Figure::missing(
            "compare",
            "compare",
            "No chart".into(),
            "These data have fewer than two measures with values for practices, so there is nothing to compare.".into(),
        ),
    };
    ComparePage {
        heading,
        measures,
        x,
        y,
        figure,
    }
}

/// The scatter plot of `y_id` against `x_id`, each practice leading to its page.
fn scatter_figure(ws: &Workspace, x_id: &str, y_id: &str) -> Figure {
    let pair = match compare_measures(ws, x_id, y_id) {
        Ok(pair) => pair,
        Err(reason) => {
            return Figure::missing(
                "compare",
                "compare",
                "No chart".into(),
                format!("{}.", atlas_core::words::first_upper(&reason)),
            )
        }
    };
    let title = format!("{} against {}", pair.y.name, pair.x.name);
    let stem = format!("compare-{}-{}", pair.x.id, pair.y.id);
    if pair.practices.len() < FEWEST_PAIRS {
        return Figure::missing(
            "compare",
            stem,
            title,
            format!(
                "Only {} practices have a value of both {} and {}: at least {FEWEST_PAIRS} are needed to say whether the two go together.",
                pair.practices.len(),
                measure_with_period(&pair.x, pair.x_period),
                measure_with_period(&pair.y, pair.y_period)
            ),
        );
    }
    let summary = compare_sentence(&pair, &ws.place);
    let codes: Vec<&str> = pair
        .practices
        .iter()
        .map(|p| p.practice_code.as_str())
        .collect();
    let names = practice_display_names(ws, codes.iter().copied());
    let fit = pair.correlation.as_ref().ok();
    let x_label = measure_with_period(&pair.x, pair.x_period);
    let y_label = measure_with_period(&pair.y, pair.y_period);
    let size = scatter_size(&y_label);
    let input = ScatterInput {
        id: "compare-chart".into(),
        title: title.clone(),
        summary: summary.clone(),
        x_label,
        y_label,
        points: pair
            .practices
            .iter()
            .zip(&names)
            .map(|(p, name)| ScatterPoint {
                label: name.clone(),
                x: p.x,
                y: p.y,
                verdict: p.verdict,
            })
            .collect(),
        line: fit.map(|c| (c.intercept, c.slope)),
        line_label: fit.map_or(String::new(), |c| {
            format!("Least-squares line (R² {})", grouped(c.r_squared, 2))
        }),
        comparator: ws.place.clone(),
        decimals: (decimals(&pair.x), decimals(&pair.y)),
    };
    let chart = scatter_plot(&input, size);
    let marks = marks_with_text(&chart.marks, |i| {
        let p = input.points.get(i)?;
        Some((
            p.label.clone(),
            vec![
                format!("{}: {}", pair.x.name, grouped(p.x, input.decimals.0)),
                format!("{}: {}", pair.y.name, grouped(p.y, input.decimals.1)),
                verdict_against(p.verdict, &ws.place),
            ],
        ))
    });
    let links: Vec<String> = codes.iter().map(|c| practice_link(c)).collect();
    let mut notes = vec![format!(
        "Each practice's latest value of each measure; markers show {} against {} as the Variation page judges it.",
        pair.y.name, ws.place
    )];
    if pair.left_out > 0 {
        notes.push(format!(
            "{} practices with a value of only one of the two measures, or one suppressed for small numbers, are left out.",
            pair.left_out
        ));
    }
    let table = compare_table(&pair, ws, &ws.place);
    let mut source = measure_source(ws, &pair.x.id);
    let y_source = measure_source(ws, &pair.y.id);
    if y_source.text != source.text {
        source.text = format!("{}; {}", source.text, y_source.text);
    }
    Figure {
        id: "compare".into(),
        file_stem: stem,
        title,
        summary,
        svg: chart.svg,
        size,
        marks,
        table: LazyTable::ready(table),
        row_links: links.clone(),
        mark_links: links,
        notes,
        source: Some(source),
        problem: None,
        definitions: Vec::new(),
    }
    .defining(&[&pair.x, &pair.y])
}
