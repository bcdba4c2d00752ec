//! The one figure type: a chart with everything a page, the briefing or an export needs
//! to show it to everyone, or the words for why there is no chart.

use atlas_charts::{Mark, Size};
use atlas_core::provenance::MeasureSource;
use atlas_core::table::Table;
use std::fmt;
use std::sync::Arc;

/// A chart ready for a page: its words, its picture, the marks to lay controls over,
/// the data behind it (table view and CSV), where its figures come from and where each
/// mark leads. When the data cannot make the chart, [`Figure::problem`] says why in
/// words and the picture is empty.
#[derive(Clone, PartialEq, Default)]
pub struct Figure {
    /// The id of the chart's box on the page.
    pub id: String,
    /// Downloads' file name without extension.
    pub file_stem: String,
    /// The chart's heading.
    pub title: String,
    /// One plain-English sentence saying what the chart shows, made from its numbers.
    pub summary: String,
    /// The picture: a standalone `<svg>` (empty when there is a problem).
    pub svg: String,
    /// The picture's size in pixels.
    pub size: Size,
    /// One mark per drawn data item, with its tooltip's words.
    pub marks: Vec<FigureMark>,
    /// The data behind the chart: the table view and the CSV.
    pub table: LazyTable,
    /// Where mark `i` (by [`FigureMark::index`]) leads, if anywhere.
    pub mark_links: Vec<String>,
    /// Where table row `i` leads, if anywhere (the way in for keyboard users when a
    /// chart has too many marks to tab through).
    pub row_links: Vec<String>,
    /// Lines under the chart (variation and assurance in words, caveats).
    pub notes: Vec<String>,
    /// Where the figures come from: beside the chart and in every CSV row.
    pub source: Option<MeasureSource>,
    /// The measures drawn, each with the link to its definition: (name, link).
    pub definitions: Vec<(String, String)>,
    /// Why there is no chart.
    pub problem: Option<String>,
}

impl fmt::Debug for Figure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Figure")
            .field("id", &self.id)
            .field("title", &self.title)
            .field("summary", &self.summary)
            .field("marks", &self.marks.len())
            .field("problem", &self.problem)
            .finish_non_exhaustive()
    }
}

impl Figure {
    /// A figure that cannot be drawn: its title and why.
    pub fn missing(
        id: impl Into<String>,
        file_stem: impl Into<String>,
        title: String,
        problem: String,
    ) -> Figure {
        Figure {
            id: id.into(),
            file_stem: file_stem.into(),
            title,
            problem: Some(problem),
            ..Figure::default()
        }
    }

    /// A drawn chart with its words and its table, its box and downloads both named
    /// `stem`; marks, links, notes and source none until set.
    pub fn drawn(
        stem: impl Into<String>,
        title: String,
        summary: String,
        svg: String,
        size: Size,
        table: Table,
    ) -> Figure {
        let stem = stem.into();
        Figure {
            id: stem.clone(),
            file_stem: stem,
            title,
            summary,
            svg,
            size,
            table: LazyTable::ready(table),
            ..Figure::default()
        }
    }

    /// The CSV download: the table, with the source's words in every row when the
    /// figure has a source.
    pub fn csv(&self) -> String {
        let table = self.table.table();
        match &self.source {
            Some(source) => table.to_csv_with_source(&source.text),
            None => table.to_csv(),
        }
    }

    /// The figure with a link to the definition of each measure it draws.
    pub fn defining(mut self, measures: &[&atlas_core::model::Indicator]) -> Figure {
        self.definitions = measures
            .iter()
            .map(|m| {
                (
                    m.name.clone(),
                    atlas_core::definitions::definition_link(&m.id),
                )
            })
            .collect();
        self
    }

    /// The figure with a link to the definition of each of `ids` the workspace has as a
    /// measure (ids it does not have, such as a trajectory with no series, get none).
    pub fn defining_in(self, ws: &atlas_core::model::Workspace, ids: &[&str]) -> Figure {
        let measures = atlas_core::definitions::defined_measures(ws);
        let found: Vec<&atlas_core::model::Indicator> = ids
            .iter()
            .filter_map(|id| measures.iter().find(|m| m.id == *id))
            .collect();
        self.defining(&found)
    }

    /// Where mark `index` leads.
    pub fn mark_link(&self, index: usize) -> Option<&str> {
        self.mark_links.get(index).map(String::as_str)
    }

    /// Where table row `row` leads.
    pub fn row_link(&self, row: usize) -> Option<&str> {
        self.row_links.get(row).map(String::as_str)
    }
}

/// A horizontal bar chart as a figure, a bar per category in the order given: about
/// 34 px a bar plus room for the title and the axis.
pub fn bar_figure(
    id: &str,
    title: &str,
    summary: &str,
    value_label: &str,
    bars: Vec<atlas_charts::Bar>,
    decimals: usize,
    table: Table,
) -> Figure {
    let size = Size::new(760, (34 * bars.len() as u32 + 100).max(220));
    let input = atlas_charts::BarChartInput {
        id: format!("{id}-chart"),
        title: title.to_string(),
        summary: summary.to_string(),
        value_label: value_label.to_string(),
        bars,
        decimals,
        colour: None,
    };
    let svg = atlas_charts::bar_chart(&input, size).svg;
    Figure::drawn(id, title.to_string(), summary.to_string(), svg, size, table)
}

/// The figure in place of a chart when the workspace has no measure (or no period) to
/// show.
pub fn no_measure(id: &'static str, file_stem: &'static str) -> Figure {
    Figure::missing(
        id,
        file_stem,
        "No chart".to_string(),
        "These data have no measure with figures for practices to show here.".to_string(),
    )
}

/// One data item as the overlay shows it: where it is (in chart pixels) and what it says.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureMark {
    /// The data item's position in the chart's input.
    pub index: usize,
    /// Centre, in the chart's pixels.
    pub x: f64,
    pub y: f64,
    /// The tooltip's first line, in bold (a name).
    pub title: String,
    /// The tooltip's other lines.
    pub lines: Vec<String>,
}

impl FigureMark {
    /// The control's accessible name: the title and every line.
    pub fn label(&self) -> String {
        std::iter::once(self.title.as_str())
            .chain(self.lines.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Figure marks for the drawn marks of a chart (those with a size), with their words
/// from `text(index)`.
pub fn marks_with_text(
    marks: &[Mark],
    mut text: impl FnMut(usize) -> Option<(String, Vec<String>)>,
) -> Vec<FigureMark> {
    marks
        .iter()
        .filter(|m| m.width > 0.0 && m.height > 0.0)
        .filter_map(|m| {
            let (x, y) = m.centre();
            let (title, lines) = text(m.index)?;
            Some(FigureMark {
                index: m.index,
                x,
                y,
                title,
                lines,
            })
        })
        .collect()
}

/// A figure's table, made when it is read (the table view opened, the CSV
/// downloaded): a chart of 6,500 practices would otherwise build 6,500 rows at every
/// redraw. Equal only to itself: a redraw always makes a new one.
#[derive(Clone)]
pub struct LazyTable(Arc<dyn Fn() -> Table + Send + Sync>);

impl LazyTable {
    /// A table made by `make` when read.
    pub fn new(make: impl Fn() -> Table + Send + Sync + 'static) -> LazyTable {
        LazyTable(Arc::new(make))
    }

    /// A table already made.
    pub fn ready(table: Table) -> LazyTable {
        LazyTable::new(move || table.clone())
    }

    /// The table.
    pub fn table(&self) -> Table {
        (self.0)()
    }
}

impl Default for LazyTable {
    fn default() -> LazyTable {
        LazyTable::new(Table::default)
    }
}

impl PartialEq for LazyTable {
    fn eq(&self, other: &LazyTable) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}
