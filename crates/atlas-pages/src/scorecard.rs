//! The balanced scorecard: every practice (or PCN) against a comparator (the city, its
//! PCN, its similar practices or England: `?against=`) on every measure, grouped by domain, with the transparent composite and its components, in words or
//! as a compact tartan rug ([`ScorecardQuery`]). Everything the table shows, in the
//! order it shows it; the page only lays it out.

use crate::comparators::{comparator_choices, ComparatorChoice};
use crate::query::Query;
use atlas_core::comparator::Against;
use atlas_core::model::{Domain, Workspace};
use atlas_core::scoring::{
    cell_text, comparison_key, composite_method, composite_table, domain_groups, england_key,
    scorecard_table, AreaLevel, AreaScorecard, Rating, Scorecard,
};
use atlas_core::similar::{similar_practices, similar_rule};
use atlas_core::summary::display_name;
use atlas_core::table::Table;
use std::collections::HashMap;

/// The page's heading.
pub const HEADING: &str = "Balanced scorecard";

/// The page's view as the URL holds it: `level=pcn` for PCNs (practices otherwise),
/// `view=rug` for compact codes (words and values otherwise), `against=pcn|similar|
/// england` for the comparator (the city otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScorecardQuery {
    pub level: AreaLevel,
    pub rug: bool,
    pub against: Against,
}

impl Default for ScorecardQuery {
    fn default() -> ScorecardQuery {
        ScorecardQuery {
            level: AreaLevel::Practice,
            rug: false,
            against: Against::Place,
        }
    }
}

impl ScorecardQuery {
    /// The query string's keys this page owns.
    pub const KEYS: &'static [&'static str] = &["level", "view", "against"];

    /// The view a query string asks for.
    pub fn from_query(query: &Query) -> ScorecardQuery {
        ScorecardQuery {
            level: match query.get("level") {
                Some("pcn") => AreaLevel::Pcn,
                _ => AreaLevel::Practice,
            },
            rug: query.get("view") == Some("rug"),
            against: Against::parse(query.get("against").unwrap_or_default()),
        }
    }

    /// The query string's pairs for this view (defaults left out).
    pub fn to_query(&self) -> Query {
        let mut pairs = Vec::new();
        if self.level == AreaLevel::Pcn {
            pairs.push(("level", "pcn"));
        }
        if self.rug {
            pairs.push(("view", "rug"));
        }
        if self.against != Against::Place {
            pairs.push(("against", self.against.id()));
        }
        Query::from_pairs(pairs)
    }
}

/// A domain's columns: its measures, then its score.
#[derive(Debug, Clone, PartialEq)]
pub struct DomainColumns {
    pub label: &'static str,
    pub measures: Vec<MeasureHeading>,
    /// The column of [`ScorecardLayout::sort_table`] holding the domain score.
    pub score_column: usize,
}

/// A measure's column heading: its name and how areas are compared on it.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureHeading {
    pub name: String,
    /// The comparison method in short ("99.8%") and in words.
    pub method_short: &'static str,
    pub method_words: &'static str,
}

/// One measure's cell for one area.
#[derive(Debug, Clone, PartialEq)]
pub struct CellView {
    /// The rug's code, and the class suffix of its colour: the words always go with it.
    pub code: &'static str,
    pub colour: &'static str,
    /// The value and the verdict, against England and the publisher's verdict when
    /// given.
    pub words: String,
    /// The words with the measure's name (the rug's accessible name and tooltip).
    pub label: String,
}

/// One area's row.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaRow {
    pub area_code: String,
    pub name: String,
    pub rank: String,
    pub overall: String,
    /// Per domain (in [`ScorecardLayout::domains`]' order): its cells and its score.
    pub domains: Vec<(Vec<CellView>, String)>,
    /// The composite's workings: the overall line, then each domain's heading and its
    /// measures' scores.
    pub components: (String, Vec<(String, Vec<String>)>),
}

/// The scorecard at one level, as the table shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ScorecardLayout {
    pub caption: String,
    /// The lede: what is compared with what.
    pub lede: String,
    /// The comparator choices, and the one the areas of this level are judged against.
    pub comparators: Vec<ComparatorChoice>,
    pub against: Against,
    /// Why the areas are judged against something other than what was asked (PCNs,
    /// which have no PCN or similar practices of their own).
    pub against_note: Option<String>,
    /// The measures that areas report but that have no comparator value to be judged
    /// against, named, and why.
    pub uncompared_note: Option<String>,
    /// How similar practices are chosen, when they are the comparator.
    pub similar_rule: Option<String>,
    /// The key: its heading and each rating's code, colour and meaning.
    pub key_title: String,
    pub key: Vec<(&'static str, &'static str, String)>,
    /// How each method compares, England's part, and the composite's method, in words.
    pub comparison_key: String,
    pub england_key: String,
    pub composite_method: String,
    /// "practice" or "PCN", for sentences.
    pub area_word: &'static str,
    pub domains: Vec<DomainColumns>,
    /// The rank column, the area column and the overall score's column of
    /// [`ScorecardLayout::sort_table`].
    pub rank_column: usize,
    pub area_column: usize,
    pub overall_column: usize,
    /// The composite table, in the rows' order: what the table is sorted by.
    pub sort_table: Table,
    pub rows: Vec<AreaRow>,
    /// The download: its file name and every area's every cell.
    pub csv_name: &'static str,
    pub download: Table,
}

fn score_text(x: Option<f64>) -> String {
    x.map(|v| format!("{v:.2}"))
        .unwrap_or_else(|| "not scored".into())
}

/// The scorecard's table at `level`; `ws` the workspace it was worked out from.
pub fn scorecard_layout(ws: &Workspace, card: &Scorecard, level: AreaLevel) -> ScorecardLayout {
    let groups = domain_groups(card);
    // Columns of the composite table: 0 code, 1 area, 2 rank, 3.. domains, last overall.
    let domains = groups
        .iter()
        .enumerate()
        .map(|(g, (d, members))| DomainColumns {
            label: d.label(),
            measures: members
                .iter()
                .map(|&k| {
                    let ind = &card.indicators[k];
                    MeasureHeading {
                        name: ind.name.clone(),
                        method_short: ind.comparison.short(),
                        method_words: ind.comparison.words(),
                    }
                })
                .collect(),
            score_column: 3 + g,
        })
        .collect();
    let areas: &[AreaScorecard] = match level {
        AreaLevel::Practice => &card.practices,
        AreaLevel::Pcn => &card.pcns,
    };
    let against = match level {
        AreaLevel::Practice => card.against,
        AreaLevel::Pcn => card.pcns_against,
    };
    let area_word = match level {
        AreaLevel::Practice => "practice",
        AreaLevel::Pcn => "PCN",
    };
    ScorecardLayout {
        caption: format!(
            "Scorecard: every {area_word} against {}, by domain",
            against.whom()
        ),
        lede: format!(
            "Every {area_word} compared with {} on every measure, grouped by domain, with a composite score that shows its workings.",
            against.whom()
        ),
        comparators: comparator_choices(ws, |a| match a {
            Against::Place => "The city (every practice)".to_string(),
            Against::Pcn => "Each practice's PCN".to_string(),
            Against::Similar => {
                "Each practice's similar practices (nearest on the characteristics the data give)".to_string()
            }
            Against::England => "England".to_string(),
        }),
        against,
        against_note: (against != card.against).then(|| {
            format!(
                "PCNs are compared with {}: a PCN has no PCN or similar practices of its own. Show practices to compare each with {}.",
                against.words(),
                card.against.words()
            )
        }),
        uncompared_note: uncompared_note(card, areas, against),
        similar_rule: (against == Against::Similar)
            .then(|| {
                let first = card
                    .practices
                    .iter()
                    .find(|a| !a.similar_practices.is_empty())?;
                similar_practices(ws, &first.area_code)
                    .ok()
                    .map(|s| format!("{} Each practice's are named in its components.", similar_rule(&s)))
            })
            .flatten(),
        key_title: format!("Key: compared with {}", against.whom()),
        key: Rating::ALL
            .iter()
            .map(|r| (r.code(), r.colour(), r.meaning(against)))
            .collect(),
        comparison_key: comparison_key(against),
        england_key: england_key(card),
        composite_method: composite_method(against),
        area_word,
        domains,
        rank_column: 2,
        area_column: 1,
        overall_column: 3 + groups.len(),
        sort_table: composite_table(card, level),
        rows: {
            // Each practice's similar practices are named: the names are looked up once.
            let names: HashMap<&str, String> = match card.against {
                Against::Similar => ws
                    .practices
                    .iter()
                    .map(|p| (p.code.as_str(), display_name(&p.name)))
                    .collect(),
                _ => HashMap::new(),
            };
            areas
                .iter()
                .map(|a| area_row(card, a, &groups, &names))
                .collect()
        },
        csv_name: match level {
            AreaLevel::Practice => "scorecard-practices.csv",
            AreaLevel::Pcn => "scorecard-pcns.csv",
        },
        download: scorecard_table(card, level),
    }
}

/// The measures some area reports but no area has a comparator value for, and why.
fn uncompared_note(card: &Scorecard, areas: &[AreaScorecard], against: Against) -> Option<String> {
    let names: Vec<&str> = card
        .indicators
        .iter()
        .enumerate()
        .filter(|(k, _)| {
            areas.iter().any(|a| a.cells[*k].value.is_some())
                && areas.iter().all(|a| a.cells[*k].comparator_value.is_none())
        })
        .map(|(_, i)| i.name.as_str())
        .collect();
    if names.is_empty() {
        return None;
    }
    let why = match against {
        Against::England => "the files give no England value for them".to_string(),
        Against::Place => "the files give no value for the city for them".to_string(),
        _ => format!(
            "the files give practices' values for them without the counts needed to pool several practices into a value for {}",
            against.whom()
        ),
    };
    Some(format!(
        "{} of the {} measures {} not compared with {}, because {why}: {}.",
        names.len(),
        card.indicators.len(),
        if names.len() == 1 { "is" } else { "are" },
        against.whom(),
        names.join("; ")
    ))
}

fn area_row(
    card: &Scorecard,
    area: &AreaScorecard,
    groups: &[(Domain, Vec<usize>)],
    names: &HashMap<&str, String>,
) -> AreaRow {
    let domain_score = |d: Domain| {
        area.domain_scores
            .iter()
            .find(|(x, _)| *x == d)
            .map(|x| x.1)
    };
    let domains = groups
        .iter()
        .map(|(d, members)| {
            let cells = members
                .iter()
                .map(|&k| {
                    let indicator = &card.indicators[k];
                    let cell = &area.cells[k];
                    let rating = Rating::of(cell);
                    let mut words = match &cell.england {
                        Some(england) => {
                            format!("{}; against England: {england}", cell_text(indicator, cell))
                        }
                        None => cell_text(indicator, cell),
                    };
                    if let Some(published) = &cell.published {
                        words = format!("{words}; {published}");
                    }
                    CellView {
                        code: rating.code(),
                        colour: rating.colour(),
                        label: format!("{}: {}", indicator.name, words),
                        words,
                    }
                })
                .collect();
            (cells, score_text(domain_score(*d)))
        })
        .collect();
    let workings = groups
        .iter()
        .map(|(d, members)| {
            let items = members
                .iter()
                .map(|&k| {
                    let cell = &area.cells[k];
                    let score = match cell.score {
                        Some(s) if s > 0 => format!("+{s}"),
                        Some(s) => s.to_string(),
                        None => "not scored".to_string(),
                    };
                    let england = cell
                        .england
                        .as_ref()
                        .map(|e| format!(" (against England: {e}, not scored)"))
                        .unwrap_or_default();
                    format!(
                        "{}: {} → {score}{england}",
                        card.indicators[k].name, cell.label
                    )
                })
                .collect();
            (
                format!("{}: {}", d.label(), score_text(domain_score(*d))),
                items,
            )
        })
        .collect();
    let overall = area
        .overall
        .map(|v| format!("Overall score {v:.2} (the mean of the domain scores)"))
        .unwrap_or_else(|| "No overall score".into());
    let overall = match &area.compared_with {
        Ok(whom) if !area.similar_practices.is_empty() => format!(
            "{overall}, against {whom}: {}",
            area.similar_practices
                .iter()
                .map(|code| names
                    .get(code.as_str())
                    .cloned()
                    .unwrap_or_else(|| code.clone()))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        Ok(whom) => format!("{overall}, against {whom}"),
        Err(why) => format!("{overall}: not compared, because {why}"),
    };
    AreaRow {
        area_code: area.area_code.clone(),
        name: display_name(&area.name),
        rank: area.rank.map(|r| r.to_string()).unwrap_or_default(),
        overall: score_text(area.overall),
        domains,
        components: (overall, workings),
    }
}
