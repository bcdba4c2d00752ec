//! # atlas-charts
//!
//! The charts of Primary Care Atlas: data in, accessible SVG out. Pure functions, no
//! Leptos, no DOM: the same SVG comes out natively, on wasm32 in a page or a worker,
//! and in tests.
//!
//! - [`bar_chart`]: a horizontal bar chart with every bar labelled with its value.
//! - [`practice_map`]: practices at their coordinates (Web Mercator), coloured by group
//!   (PCN), sized by list size, with a legend, a size key, a scale bar and a north arrow.
//! - [`funnel_plot`]: values against list size with 95 % and 99.8 % control limits.
//! - [`caterpillar_plot`]: areas ranked by value, each with its 95 % interval.
//! - [`spc_chart`]: an XmR (statistical process control) chart over months.
//! - [`trajectory_chart`]: actuals, glide path, forecast with its interval, target.
//! - [`spine_chart`]: one row per indicator against the benchmark and the range.
//! - [`line_chart`]: one or more series over months, with a reference line.
//! - [`box_plot`]: the spread of a measure across areas (5th–95th percentiles), one marked.
//! - [`scatter_plot`]: one measure against another, with the least-squares line.
//! - [`from_stats`]: inputs for the funnel and SPC charts from `atlas_core::stats`.
//! - [`palette`]: the only source of colours.
//! - [`format`]: numbers as the charts write them (thousands separators).
//! - [`workspace`]: chart inputs built from an `atlas_core::Workspace`.
//!
//! Every chart's SVG has `role="img"` and `aria-labelledby` pointing at its `<title>`
//! (the chart title) and `<desc>` (the summary the caller supplies). All text is
//! escaped. Every primitive is drawn through `plotters` on its SVG backend,
//! supersampled by [`SUPERSAMPLE`]; text is laid out from a fixed table of Arial widths,
//! never measured by a font engine or the DOM, so layout cannot fail or differ between
//! native, wasm in a page and wasm in a worker.
//!
//! Significance and special causes are never shown by colour alone: marker shapes and
//! fills, line styles and legends carry them too.
//!
//! Interactive charts return their data-to-pixel geometry as [`Mark`]s, one per data
//! item in input order, so the app can overlay focusable elements, tooltips and a table
//! on the static SVG from the same numbers that drew it.

pub mod bar;
pub mod boxplot;
mod draw;
pub mod format;
pub mod from_core;
pub mod from_stats;
pub mod funnel;
pub mod map;
pub mod palette;
mod plot;
pub mod pyramid;
pub mod ranked;
mod scale;
pub mod scatter;
mod svg;
pub mod timeseries;
pub mod workspace;

pub use bar::{bar_chart, Bar, BarChartInput};
pub use boxplot::{box_plot, BoxPlotInput};
pub use funnel::{funnel_plot, FunnelArea, FunnelInput, FunnelLimitRow};
pub use map::{practice_map, MapInput, MapOutline, MapPoint};
pub use plot::{Significance, CROWDED_POINTS};
pub use pyramid::{pyramid_chart, PyramidInput};
pub use scatter::{scatter_plot, ScatterInput, ScatterPoint};

/// The estimated width in pixels of `text` at `font_size` pixels (bold or not), as the
/// charts lay text out: Arial advance widths with an 8 % margin. Useful to place HTML
/// overlays beside chart text, and to the tests' overlap checks.
pub fn text_width(text: &str, font_size: f64, bold: bool) -> f64 {
    svg::text_width(text, font_size, bold)
}
pub use ranked::{
    caterpillar_plot, spine_chart, CaterpillarArea, CaterpillarInput, SpineInput, SpineRow,
};
pub use timeseries::{
    line_chart, spc_chart, trajectory_chart, ForecastValue, LineChartInput, LineSeries,
    ReferenceLine, SpcInput, SpcLimits, SpcPointInput, SpcPointKind, TrajectoryInput,
    TrajectoryTarget,
};

/// Charts are drawn by plotters on a backend this many times larger than their
/// [`Size`] (the SVG's `viewBox` is `0 0 width·8 height·8`; its `width` and `height`
/// are the chart's size), so that plotters' integer coordinates are exact to 1/8 px.
/// Coordinates *in the SVG text* are in these supersampled units; [`Mark`]s are in
/// chart pixels.
pub const SUPERSAMPLE: u32 = 8;

/// The size of a chart in pixels (SVG user units).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Size {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl Size {
    /// A size of `width` × `height` pixels.
    pub const fn new(width: u32, height: u32) -> Size {
        Size { width, height }
    }
}

/// A rendered chart: the SVG and where each data item was drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// A complete, standalone `<svg>` element (with `xmlns`), ready to inline or save.
    pub svg: String,
    /// One mark per data item, in input order: `marks[i].index == i`.
    pub marks: Vec<Mark>,
}

/// The shape of a [`Mark`], which says how to read its coordinates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkShape {
    /// A rectangle: `(x, y)` is its top-left corner.
    Rect,
    /// A circle: `(x, y)` is its centre and `width == height` is its diameter.
    Circle,
}

/// Where one data item was drawn, in SVG user units (pixels at the chart's [`Size`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    /// Position of the item in the input.
    pub index: usize,
    /// Left edge (rectangles) or centre (circles).
    pub x: f64,
    /// Top edge (rectangles) or centre (circles).
    pub y: f64,
    /// Width; the diameter for circles.
    pub width: f64,
    /// Height; the diameter for circles.
    pub height: f64,
    /// How to read `x` and `y`.
    pub shape: MarkShape,
}

impl Mark {
    /// The bounding box as `(left, top, width, height)`, whatever the shape.
    pub fn bounds(&self) -> (f64, f64, f64, f64) {
        match self.shape {
            MarkShape::Rect => (self.x, self.y, self.width, self.height),
            MarkShape::Circle => (
                self.x - self.width / 2.0,
                self.y - self.height / 2.0,
                self.width,
                self.height,
            ),
        }
    }

    /// The centre as `(x, y)`, whatever the shape.
    pub fn centre(&self) -> (f64, f64) {
        let (left, top, width, height) = self.bounds();
        (left + width / 2.0, top + height / 2.0)
    }
}
