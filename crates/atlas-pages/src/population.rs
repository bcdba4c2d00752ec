//! Population: an area's registered patients by age and sex as a pyramid beside the
//! place's (or England's) and its list size over time (`?area=…&against=…`).

use crate::areas::{area_name, known_area};
use crate::comparators::ComparatorChoice;
use crate::figure::{marks_with_text, Figure, LazyTable};
use crate::query::Query;
use atlas_charts::timeseries::{LineChartInput, LineSeries};
use atlas_charts::{line_chart, pyramid_chart, PyramidInput, Size};
use atlas_core::aggregate::{practices_for, CITY_CODE, ENGLAND_CODE};
use atlas_core::comparator::Against;
use atlas_core::model::{Practice, Workspace, AGE_BANDS};
use atlas_core::population::{
    area_pyramid, band_label, list_size_trend, pyramid_sentence, pyramid_table, Pyramid, BAND_65,
    BAND_85,
};
use atlas_core::provenance::MeasureSource;
use atlas_core::table::{Cell, Table};
use atlas_core::words::{grouped, thousands};

/// The sentence under the page's heading: what the page is for.
pub const LEDE: &str = "Who is registered: the age and sex of an area's patients beside the place's, and how many there have been over time.";

const PYRAMID: Size = Size::new(760, 640);
const TREND: Size = Size::new(760, 380);

/// The page's view as the URL holds it: `area` (a practice's or PCN's code; the place
/// when absent) and `against` (`place` or `england`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PopulationQuery {
    pub area: Option<String>,
    pub against: Option<String>,
}

impl PopulationQuery {
    /// The query string's keys this page owns.
    pub const KEYS: &'static [&'static str] = &["area", "against"];

    /// The view a query string asks for.
    pub fn from_query(query: &Query) -> PopulationQuery {
        PopulationQuery {
            area: query.get("area").map(str::to_string),
            against: query.get("against").map(str::to_string),
        }
    }

    /// The query string's pairs for this view.
    pub fn to_query(&self) -> Query {
        Query::from_pairs(
            [("area", &self.area), ("against", &self.against)]
                .into_iter()
                .filter_map(|(k, v)| Some((k, v.clone()?))),
        )
    }
}

/// Everything the Population page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PopulationPage {
    pub heading: String,
    /// The area shown: a practice's or PCN's code, or [`CITY_CODE`].
    pub area: String,
    /// What the pyramid is set beside; the choice is offered for a practice or a PCN.
    pub against: Against,
    pub choices: Vec<ComparatorChoice>,
    /// The shares aged 65+ and 85+ in words, when the data give ages.
    pub headline: Option<String>,
    pub pyramid: Figure,
    pub trend: Figure,
}

/// The Population page for the area and comparator the query names.
pub fn population_page(ws: &Workspace, query: &PopulationQuery) -> PopulationPage {
    let area = known_area(ws, query.area.as_deref());
    let name = area_name(ws, &area);
    let england = area_pyramid(ws, ENGLAND_CODE).ok();
    let against = match query.against.as_deref() {
        Some("england") if england.is_some() => Against::England,
        _ if area == CITY_CODE && england.is_some() => Against::England,
        _ => Against::Place,
    };
    let choices = vec![
        ComparatorChoice {
            id: Against::Place.id(),
            words: ws.place.clone(),
            offered: area != CITY_CODE,
        },
        ComparatorChoice {
            id: Against::England.id(),
            words: if england.is_some() {
                "England".to_string()
            } else {
                "England (not in these data)".to_string()
            },
            offered: england.is_some(),
        },
    ];
    let comparator = match against {
        Against::England => england,
        _ if area == CITY_CODE => None,
        _ => area_pyramid(ws, CITY_CODE).ok(),
    };
    let shown = area_pyramid(ws, &area);
    let headline = shown.as_ref().ok().map(|p| {
        format!(
            "{}% aged 65 and over; {}% aged 85 and over",
            grouped(p.share_from(BAND_65), 1),
            grouped(p.share_from(BAND_85), 1)
        )
    });
    let pyramid = match shown {
        Ok(p) => pyramid_figure(&p, comparator.as_ref()),
        Err(why) => Figure::missing(
            "population-pyramid",
            "population-pyramid",
            format!("Registered patients of {name} by age and sex"),
            format!("No pyramid: {why}."),
        ),
    };
    let members = practices_for(ws, &area);
    PopulationPage {
        heading: format!("Population of {name}"),
        trend: trend_figure(ws, &name, &members),
        area,
        against,
        choices,
        headline,
        pyramid,
    }
}

/// The pyramid with its sentence, table and source.
fn pyramid_figure(area: &Pyramid, comparator: Option<&Pyramid>) -> Figure {
    let (male, female) = area.shares();
    let theirs = comparator.map(|c| {
        let (m, f) = c.shares();
        (c.name.clone(), m.to_vec(), f.to_vec())
    });
    let summary = pyramid_sentence(area, comparator);
    let input = PyramidInput {
        id: "population-pyramid-chart".into(),
        title: format!("Registered patients of {} by age and sex", area.name),
        summary: summary.clone(),
        bands: (0..AGE_BANDS).map(band_label).collect(),
        male: male.to_vec(),
        female: female.to_vec(),
        comparator: theirs,
    };
    let chart = pyramid_chart(&input, PYRAMID);
    let marks = marks_with_text(&chart.marks, |i| {
        let mut lines = vec![
            format!(
                "Males: {} ({}%)",
                thousands(area.male[i]),
                grouped(male[i], 1)
            ),
            format!(
                "Females: {} ({}%)",
                thousands(area.female[i]),
                grouped(female[i], 1)
            ),
        ];
        if let Some((name, m, f)) = &input.comparator {
            lines.push(format!(
                "{name}: males {}%, females {}%",
                grouped(m[i], 1),
                grouped(f[i], 1)
            ));
        }
        Some((format!("Aged {}", input.bands[i]), lines))
    });
    let mut notes = vec![
        "Each band's males and females as a share of all the area's registered patients, so areas of any size can be set side by side.".to_string(),
    ];
    if area.without > 0 {
        notes.push(format!(
            "{} of the area's practices have no registrations by age in these data and are left out.",
            area.without
        ));
    }
    let source = MeasureSource {
        text: format!(
            "Source: Patients Registered at a GP Practice, NHS England, {}. Open Government Licence v3.0.",
            area.as_of.label()
        ),
        illustrative: false,
    };
    Figure {
        marks,
        notes,
        source: Some(source),
        ..Figure::drawn(
            "population-pyramid",
            input.title.clone(),
            summary,
            chart.svg,
            PYRAMID,
            pyramid_table(area, comparator),
        )
    }
}

/// The area's list size on every date the files give one for all its practices.
fn trend_figure(ws: &Workspace, name: &str, members: &[&Practice]) -> Figure {
    let title = format!("Registered patients of {name} over time");
    let counted = list_size_trend(members);
    let trend = &counted.points;
    if trend.len() < 2 {
        return Figure::missing(
            "population-trend",
            "population-trend",
            title,
            format!(
                "No trend: these data give a list for nine in ten of {name}'s practices on {} date{}; a trend needs two.",
                trend.len(),
                if trend.len() == 1 { "" } else { "s" }
            ),
        );
    }
    let (first, last) = (trend[0], trend[trend.len() - 1]);
    let change = 100.0 * (last.1 as f64 - first.1 as f64) / first.1.max(1) as f64;
    let who = match (counted.practices, counted.of) {
        (_, 1) => name.to_string(),
        (n, of) if n == of => format!("The {of} practices of {name}"),
        (n, of) => format!("{n} of the {of} practices of {name} (those with a list on every date)"),
    };
    let summary = format!(
        "{who} had {} registered patients on {} and {} on {}: {} of {}%.",
        thousands(first.1),
        first.0.label(),
        thousands(last.1),
        last.0.label(),
        if change < 0.0 { "a fall" } else { "a rise" },
        grouped(change.abs(), 1)
    );
    // Every month from the first date to the last, so that the years are spaced as
    // they are; months without a list are gaps, not joined.
    let month_of = |d: &atlas_core::model::Date| i64::from(d.year) * 12 + i64::from(d.month);
    let start = month_of(&first.0);
    let months = (month_of(&last.0) - start + 1) as usize;
    let mut values = vec![None; months];
    let mut at_month: Vec<Option<usize>> = vec![None; months];
    for (k, (date, n)) in trend.iter().enumerate() {
        let i = (month_of(date) - start) as usize;
        values[i] = Some(*n as f64);
        at_month[i] = Some(k);
    }
    let input = LineChartInput {
        id: "population-trend-chart".into(),
        title: title.clone(),
        summary: summary.clone(),
        y_label: "Registered patients".into(),
        months: (0..months)
            .map(|i| first.0.month_period().add_months(i as i32).label())
            .collect(),
        series: vec![LineSeries {
            name: name.to_string(),
            values,
        }],
        reference: None,
        include_zero: false,
        decimals: 0,
    };
    let chart = line_chart(&input, TREND);
    let marks = marks_with_text(&chart.marks, |i| {
        let (date, n) = trend.get((*at_month.get(i)?)?)?;
        Some((
            date.label(),
            vec![format!("{} registered patients", thousands(*n))],
        ))
    });
    let mut table = Table::new(&["Date", "Registered patients"]);
    for (date, n) in trend {
        table.rows.push(vec![
            Cell::text(date.to_string()),
            Cell::number(*n as f64, thousands(*n)),
        ]);
    }
    Figure {
        marks,
        notes: vec![format!(
            "Dates on which the files give a list for at least nine in ten of the area's practices; counted over the {} of its {} practices with a list on every one of them, so that practices missing from a file do not look like a fall.",
            counted.practices, counted.of
        )],
        source: Some(if ws.illustrative {
            MeasureSource {
                text: "Illustrative: estimated list sizes, not published figures.".to_string(),
                illustrative: true,
            }
        } else {
            MeasureSource {
                text: "Source: each practice's registered patients on the dates the loaded NHS England publications give them (such as Patients Registered at a GP Practice and General Practice Workforce). Open Government Licence v3.0.".to_string(),
                illustrative: false,
            }
        }),
        table: LazyTable::ready(table),
        ..Figure::drawn("population-trend", title, summary, chart.svg, TREND, Table::default())
    }
}
