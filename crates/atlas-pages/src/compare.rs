//! Compare measures: any two measures across the place's practices or PCNs as a
//! scatter plot with the least-squares line and the correlation (`?x=…&y=…`; across
//! PCNs `&level=pcn`; a PCN's practices ringed `&pcn=CODE`).

use crate::areas::{pcn_link, practice_link};
use crate::figure::{marks_with_text, Figure, LazyTable};
use crate::query::Query;
use atlas_charts::from_core::decimals;
use atlas_charts::scatter::verdict_against;
use atlas_charts::{scatter_plot, ScatterInput, ScatterPoint, Size};
use atlas_core::compare::{
    areas_have, areas_word, comparable_measures_at, compare_measures_at, compare_sentence,
    compare_table, measure_with_period,
};
use atlas_core::inequalities::IMD_2019;
use atlas_core::model::Workspace;
use atlas_core::provenance::measure_source;
use atlas_core::scoring::AreaLevel;
use atlas_core::stats::correlation::FEWEST_PAIRS;
use atlas_core::summary::practice_display_names;
use atlas_core::words::grouped;

/// The sentence under the page's heading: what the page is for.
pub const LEDE: &str = "Whether two measures go together across practices or PCNs: each a point, the line that fits them best, and how closely they follow it. Choose a point to open its profile.";

/// The scatter plot's size: wide enough for the legend beside a square-ish plot, and
/// tall enough to write the vertical axis's label (the measure's name) in full.
fn scatter_size(y_label: &str) -> Size {
    let label = atlas_charts::text_width(y_label, 13.0, false);
    Size::new(760, (label as u32 + 180).max(520))
}

/// The page's view as the URL holds it: `x`, the measure across; `y`, the measure up;
/// `level=pcn`, PCNs rather than practices; `pcn`, the PCN whose practices are ringed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareQuery {
    pub x: Option<String>,
    pub y: Option<String>,
    pub level: AreaLevel,
    pub pcn: Option<String>,
}

impl Default for CompareQuery {
    fn default() -> CompareQuery {
        CompareQuery {
            x: None,
            y: None,
            level: AreaLevel::Practice,
            pcn: None,
        }
    }
}

impl CompareQuery {
    /// The query string's keys this page owns.
    pub const KEYS: &'static [&'static str] = &["x", "y", "level", "pcn"];

    /// The view a query string asks for.
    pub fn from_query(query: &Query) -> CompareQuery {
        CompareQuery {
            x: query.get("x").map(str::to_string),
            y: query.get("y").map(str::to_string),
            level: match query.get("level") {
                Some("pcn") => AreaLevel::Pcn,
                _ => AreaLevel::Practice,
            },
            pcn: query.get("pcn").map(str::to_string),
        }
    }

    /// This view with its points chosen by a [`ComparePage::points`] value: practices
    /// (ringing a PCN's or not) keep the measures; a change of level starts from that
    /// level's first pair, since the measures offered differ.
    pub fn with_points(&self, value: &str) -> CompareQuery {
        let level = if value == "pcn" {
            AreaLevel::Pcn
        } else {
            AreaLevel::Practice
        };
        let mut next = if level == self.level {
            self.clone()
        } else {
            CompareQuery {
                level,
                ..CompareQuery::default()
            }
        };
        next.pcn = value.strip_prefix("ring:").map(str::to_string);
        next
    }

    /// The query string's pairs for this view.
    pub fn to_query(&self) -> Query {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        pairs.extend(self.x.iter().map(|m| ("x", m.clone())));
        pairs.extend(self.y.iter().map(|m| ("y", m.clone())));
        if self.level == AreaLevel::Pcn {
            pairs.push(("level", "pcn".into()));
        }
        pairs.extend(self.pcn.iter().map(|c| ("pcn", c.clone())));
        Query::from_pairs(pairs)
    }
}

/// Everything the Compare page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ComparePage {
    pub heading: String,
    /// Practices or PCNs.
    pub level: AreaLevel,
    /// Whether PCNs can be chosen: at least two measures can be pooled over a PCN.
    pub pcn_level_offered: bool,
    /// Every measure that can be compared at this level: (id, name).
    pub measures: Vec<(String, String)>,
    /// The measure across and the measure up, when there are two to compare.
    pub x: Option<String>,
    pub y: Option<String>,
    /// The PCNs whose practices can be ringed (practices only): (code, name).
    pub pcns: Vec<(String, String)>,
    /// The PCN whose practices are ringed, when one is chosen and known.
    pub pcn: Option<String>,
    /// What the points can be, as (value, words): practices; practices with one PCN's
    /// ringed (`ring:CODE`), for each PCN; PCNs when offered. Empty: no choice.
    pub points: Vec<(String, String)>,
    /// The value of `points` shown.
    pub points_chosen: String,
    pub figure: Figure,
}

/// The Compare page for the measures the query names: across, the deprivation score
/// where the data have it (else the first measure); up, the first other measure.
pub fn compare_page(ws: &Workspace, query: &CompareQuery) -> ComparePage {
    let pcn_level_offered = comparable_measures_at(ws, AreaLevel::Pcn).len() >= 2;
    let level = if pcn_level_offered {
        query.level
    } else {
        AreaLevel::Practice
    };
    let heading = format!(
        "Compare two measures across {} in {}",
        areas_word(level),
        ws.place
    );
    let measures: Vec<(String, String)> = comparable_measures_at(ws, level)
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
    let pcns: Vec<(String, String)> = match level {
        AreaLevel::Practice => ws
            .pcns
            .iter()
            .map(|p| (p.code.clone(), p.name.clone()))
            .collect(),
        AreaLevel::Pcn => Vec::new(),
    };
    let pcn = query
        .pcn
        .as_ref()
        .filter(|c| pcns.iter().any(|(code, _)| code == *c))
        .cloned();
    let figure = match (&x, &y) {
        (Some(x), Some(y)) => scatter_figure(ws, level, x, y, pcn.as_deref()),
        _ => Figure::missing(
            "compare",
            "compare",
            "No chart".into(),
            format!(
                "These data have fewer than two measures with values for {}, so there is nothing to compare.",
                areas_word(level)
            ),
        ),
    };
    let mut points = Vec::new();
    if pcn_level_offered || !ws.pcns.is_empty() {
        points.push(("practice".to_string(), "Practices".to_string()));
        points.extend(ws.pcns.iter().map(|p| {
            (
                format!("ring:{}", p.code),
                format!("Practices, those in {} ringed", p.name),
            )
        }));
        if pcn_level_offered {
            points.push((
                "pcn".to_string(),
                "PCNs (measures that can be pooled)".to_string(),
            ));
        }
    }
    let points_chosen = match (level, &pcn) {
        (AreaLevel::Pcn, _) => "pcn".to_string(),
        (_, Some(code)) => format!("ring:{code}"),
        _ => "practice".to_string(),
    };
    ComparePage {
        heading,
        level,
        points,
        points_chosen,
        pcn_level_offered,
        measures,
        x,
        y,
        pcns,
        pcn,
        figure,
    }
}

/// The scatter plot of `y_id` against `x_id`, each practice or PCN leading to its
/// page, the practices of PCN `ring` (if any) ringed.
fn scatter_figure(
    ws: &Workspace,
    level: AreaLevel,
    x_id: &str,
    y_id: &str,
    ring: Option<&str>,
) -> Figure {
    let pair = match compare_measures_at(ws, level, x_id, y_id) {
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
    let areas = pair.areas_word();
    let title = match level {
        AreaLevel::Practice => format!("{} against {}", pair.y.name, pair.x.name),
        AreaLevel::Pcn => format!("{} against {}, by PCN", pair.y.name, pair.x.name),
    };
    let stem = match level {
        AreaLevel::Practice => format!("compare-{}-{}", pair.x.id, pair.y.id),
        AreaLevel::Pcn => format!("compare-pcns-{}-{}", pair.x.id, pair.y.id),
    };
    if pair.areas.len() < FEWEST_PAIRS {
        return Figure::missing(
            "compare",
            stem,
            title,
            format!(
                "Only {} a value of both {} and {}: at least {FEWEST_PAIRS} are needed to say whether the two go together.",
                areas_have(level, pair.areas.len()),
                measure_with_period(&pair.x, pair.x_period),
                measure_with_period(&pair.y, pair.y_period)
            ),
        );
    }
    let summary = compare_sentence(&pair, &ws.place);
    let codes: Vec<&str> = pair.areas.iter().map(|p| p.area_code.as_str()).collect();
    let names: Vec<String> = match level {
        AreaLevel::Practice => practice_display_names(ws, codes.iter().copied()),
        AreaLevel::Pcn => codes
            .iter()
            .map(|c| ws.pcn(c).map_or(c.to_string(), |p| p.name.clone()))
            .collect(),
    };
    let ringed_pcn = ring.and_then(|c| ws.pcn(c));
    let ringed = |code: &str| {
        ringed_pcn.is_some_and(|pcn| ws.practice(code).is_some_and(|p| p.pcn_code == pcn.code))
    };
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
            .areas
            .iter()
            .zip(&names)
            .map(|(p, name)| ScatterPoint {
                label: name.clone(),
                x: p.x,
                y: p.y,
                verdict: p.verdict,
                ringed: ringed(&p.area_code),
            })
            .collect(),
        line: fit.map(|c| (c.intercept, c.slope)),
        line_label: fit.map_or(String::new(), |c| {
            format!("Least-squares line (R² {})", grouped(c.r_squared, 2))
        }),
        comparator: ws.place.clone(),
        decimals: (decimals(&pair.x), decimals(&pair.y)),
        ringed: ringed_pcn.map(|pcn| format!("Practices in {}", pcn.name)),
    };
    let chart = scatter_plot(&input, size);
    let marks = marks_with_text(&chart.marks, |i| {
        let p = input.points.get(i)?;
        let mut lines = vec![
            format!("{}: {}", pair.x.name, grouped(p.x, input.decimals.0)),
            format!("{}: {}", pair.y.name, grouped(p.y, input.decimals.1)),
            verdict_against(p.verdict, &ws.place),
        ];
        if let Some(pcn) = ringed_pcn.filter(|_| p.ringed) {
            lines.push(format!("In {} (ringed)", pcn.name));
        }
        Some((p.label.clone(), lines))
    });
    let links: Vec<String> = codes
        .iter()
        .map(|c| match level {
            AreaLevel::Practice => practice_link(c),
            AreaLevel::Pcn => pcn_link(c),
        })
        .collect();
    let mut notes = vec![match level {
        AreaLevel::Practice => format!(
            "Each practice's latest value of each measure; markers show {} against {} as the Variation page judges it.",
            pair.y.name, ws.place
        ),
        AreaLevel::Pcn => format!(
            "Each PCN's latest value of each measure, its practices' numerators and denominators added together; markers show {} against {} as the Variation page judges a practice. Only measures published with numerators and denominators can be pooled, so only those are offered across PCNs.",
            pair.y.name, ws.place
        ),
    }];
    if let Some(pcn) = ringed_pcn {
        let n = input.points.iter().filter(|p| p.ringed).count();
        notes.push(match n {
            1 => format!(
                "The one practice in {} with a value of both is ringed.",
                pcn.name
            ),
            n => format!(
                "The {n} practices in {} with a value of both are ringed.",
                pcn.name
            ),
        });
    }
    if pair.left_out > 0 {
        notes.push(format!(
            "{} {areas} with a value of only one of the two measures, or one suppressed for small numbers, are left out.",
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
