//! What the statistical charts share: the frame (title, legend, axis labels), axes,
//! marker shapes and the significance enums.

use crate::draw::{Canvas, Dash, Item, Paint, PathData, Stroke};
use crate::format::{decimals_for_step, thousands};
use crate::palette::{self, Colour};
use crate::scale::Axis;
use crate::svg::{text_width, wrap, Anchor, TextStyle};
use crate::{Chart, Size};

/// Where a value falls against funnel limits or a benchmark's confidence interval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Significance {
    /// Above the upper 99.8 % limit.
    High99_8,
    /// Above the upper 95 % limit, not the 99.8 %.
    High95,
    /// Within the 95 % limits.
    NotSignificant,
    /// Below the lower 95 % limit, not the 99.8 %.
    Low95,
    /// Below the lower 99.8 % limit.
    Low99_8,
}

impl Significance {
    /// All five, in legend order (high to low).
    pub const ALL: [Significance; 5] = [
        Significance::High99_8,
        Significance::High95,
        Significance::NotSignificant,
        Significance::Low95,
        Significance::Low99_8,
    ];

    /// Plain-English label, as the legend and tooltips write it.
    pub fn label(self) -> &'static str {
        match self {
            Significance::High99_8 => "High (above 99.8% limit)",
            Significance::High95 => "High (above 95% limit)",
            Significance::NotSignificant => "Not significantly different",
            Significance::Low95 => "Low (below 95% limit)",
            Significance::Low99_8 => "Low (below 99.8% limit)",
        }
    }

    /// Shape, colour and fill: up-triangles high, down-triangles low, circles not
    /// significant; filled beyond 99.8 %, hollow beyond 95 %.
    pub(crate) fn glyph(self) -> Glyph {
        match self {
            Significance::High99_8 => Glyph::new(Shape::TriangleUp, HIGH, true),
            Significance::High95 => Glyph::new(Shape::TriangleUp, HIGH, false),
            Significance::NotSignificant => Glyph::new(Shape::Circle, palette::MID_GREY, false),
            Significance::Low95 => Glyph::new(Shape::TriangleDown, LOW, false),
            Significance::Low99_8 => Glyph::new(Shape::TriangleDown, LOW, true),
        }
    }
}

/// Colour of values significantly high (no judgement of better or worse).
const HIGH: Colour = palette::DARK_BLUE;
/// Colour of values significantly low: the categorical orange (4.5:1 on white).
const LOW: Colour = palette::CATEGORICAL[1];

/// A marker shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Circle,
    Square,
    Diamond,
    TriangleUp,
    TriangleDown,
}

/// A data marker: shape, colour and whether it is filled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Glyph {
    pub shape: Shape,
    pub colour: Colour,
    pub filled: bool,
}

impl Glyph {
    pub(crate) fn new(shape: Shape, colour: Colour, filled: bool) -> Glyph {
        Glyph {
            shape,
            colour,
            filled,
        }
    }
}

/// How a glyph is painted: filled in its colour with a darker outline, or white with an
/// outline in its colour.
fn glyph_paint(glyph: Glyph) -> Paint {
    if glyph.filled {
        Paint::fill(glyph.colour).with_outline(glyph.colour.darken(0.35), 1.0)
    } else {
        Paint::fill(palette::WHITE).with_outline(glyph.colour, 1.5)
    }
}

/// The corners of a glyph of radius `r` about `(x, y)`; `None` for a circle (radius
/// `0.9 r`, drawn as a circle).
fn glyph_corners(shape: Shape, x: f64, y: f64, r: f64) -> Option<Vec<(f64, f64)>> {
    let (dx, dy) = (r * 0.95, r * 0.55);
    let h = r * 0.8;
    match shape {
        Shape::Circle => None,
        Shape::Square => Some(vec![
            (x - h, y - h),
            (x + h, y - h),
            (x + h, y + h),
            (x - h, y + h),
        ]),
        Shape::Diamond => Some(vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)]),
        Shape::TriangleUp => Some(vec![(x, y - r * 1.05), (x + dx, y + dy), (x - dx, y + dy)]),
        Shape::TriangleDown => Some(vec![(x, y + r * 1.05), (x + dx, y - dy), (x - dx, y - dy)]),
    }
}

/// Draws `glyph` of radius `r` (of its circumscribing circle, roughly) about `(x, y)`.
pub(crate) fn draw_glyph(doc: &mut Canvas, glyph: Glyph, x: f64, y: f64, r: f64, item: Item) {
    let paint = glyph_paint(glyph);
    match glyph_corners(glyph.shape, x, y, r) {
        None => doc.circle(x, y, r * 0.9, paint, item),
        Some(corners) => doc.polygon(&corners, paint, item),
    }
}

/// Points from which a chart draws each kind of glyph as one compound path, without a
/// tooltip per point (the page's overlay finds points from the chart's marks).
pub const CROWDED_POINTS: usize = 400;

/// A crowded chart's points (more than [`CROWDED_POINTS`]): each kind of point as one
/// compound path of class `points`, kinds drawn in the order first met (so the ones met
/// last stay on top).
pub(crate) fn draw_crowded_points(
    doc: &mut Canvas,
    points: impl IntoIterator<Item = (Significance, (f64, f64))>,
    r: f64,
) {
    let mut kinds: Vec<(Significance, Vec<(f64, f64)>)> = Vec::new();
    for (kind, centre) in points {
        match kinds.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, centres)) => centres.push(centre),
            None => kinds.push((kind, vec![centre])),
        }
    }
    for (kind, centres) in kinds {
        draw_glyphs(doc, kind.glyph(), &centres, r, Item::class("points"));
    }
}

/// Many copies of `glyph` (radius `r`) at `centres`, as one compound path.
fn draw_glyphs(doc: &mut Canvas, glyph: Glyph, centres: &[(f64, f64)], r: f64, item: Item) {
    let mut d = PathData::new();
    for &(x, y) in centres {
        match glyph_corners(glyph.shape, x, y, r) {
            None => d.circle(x, y, r * 0.9),
            Some(corners) => d.polygon(&corners),
        }
    }
    doc.compound(&d, glyph_paint(glyph), item);
}

/// What a legend entry shows left of its label.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Key {
    /// A data marker.
    Marker(Glyph),
    /// A line.
    Line(Stroke),
    /// A line with a marker on it (a series).
    LineMarker(Stroke, Glyph),
    /// A shaded band.
    Band(Colour, f64),
    /// A ring drawn around a marker (marked points).
    Ring(Stroke),
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LegendEntry {
    pub key: Key,
    pub label: String,
}

impl LegendEntry {
    pub(crate) fn new(key: Key, label: impl Into<String>) -> LegendEntry {
        LegendEntry {
            key,
            label: label.into(),
        }
    }
}

pub(crate) const PAD: f64 = 12.0;
/// The radius of the ring around a marked point (a point marker's is 5.5).
pub(crate) const RING_RADIUS: f64 = 9.0;
pub(crate) const TITLE_SIZE: f64 = 18.0;
pub(crate) const LABEL_SIZE: f64 = 13.0;
pub(crate) const TICK_SIZE: f64 = 12.0;
pub(crate) const LEGEND_SIZE: f64 = 12.0;
const KEY_WIDTH: f64 = 26.0;
/// The legend column never takes more than this share of the width.
const MAX_LEGEND_SHARE: f64 = 0.3;

/// The plot rectangle left by [`frame`], in pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Rect {
    pub(crate) fn width(&self) -> f64 {
        self.right - self.left
    }
    pub(crate) fn height(&self) -> f64 {
        self.bottom - self.top
    }
}

/// What [`frame`] lays out around the plot.
pub(crate) struct FrameSpec<'a> {
    pub title: &'a str,
    /// The vertical axis label (drawn turned), or empty for none.
    pub y_label: &'a str,
    /// The horizontal axis label, or empty for none.
    pub x_label: &'a str,
    /// Width the y tick labels (or category names) need left of the plot.
    pub left_labels: f64,
    /// Lines of tick labels under the plot (0 for none).
    pub x_tick_lines: usize,
    /// Legend entries; drawn in a column on the right when there are any.
    pub legend: &'a [LegendEntry],
    /// Notes written as lines at the top of the legend column (e.g. SPC icons).
    pub notes: &'a [String],
    /// Lay the legend out in rows along the foot of the chart instead of in a column
    /// on the right (for charts that need the width more than the height).
    pub legend_below: bool,
}

/// Starts a chart: the title (up to two lines), the legend column on the right (or in
/// rows along the foot when asked, or when the column would not fit the height), the
/// axis labels; returns the canvas and the plot rectangle left for the data.
pub(crate) fn frame(size: Size, id: &str, summary: &str, spec: &FrameSpec<'_>) -> (Canvas, Rect) {
    let width = f64::from(size.width);
    let height = f64::from(size.height);
    let mut doc = Canvas::new(size, id, spec.title, summary);

    let title_style = TextStyle::new(TITLE_SIZE).bold();
    let (title_lines, _) = wrap(spec.title, TITLE_SIZE, true, width - 2.0 * PAD, 2);
    doc.lines(PAD, PAD + title_style.ascent(), &title_lines, title_style);
    let top = PAD + title_lines.len().max(1) as f64 * title_style.line_height() + PAD;

    // Legend column.
    let legend_style = TextStyle::new(LEGEND_SIZE);
    let mut right = width - PAD;
    let mut bottom = height - PAD;
    let column_fits = column_height(spec, width) <= height - PAD - top;
    if (spec.legend_below || !column_fits) && !spec.legend.is_empty() {
        bottom = legend_rows(&mut doc, spec.legend, width, height) - 8.0;
        if !spec.notes.is_empty() {
            let style = TextStyle::new(LEGEND_SIZE).bold();
            let line = spec.notes.join("; ");
            let (lines, _) = wrap(&line, LEGEND_SIZE, true, width - 2.0 * PAD, 2);
            bottom -= lines.len() as f64 * style.line_height();
            doc.group("notes");
            doc.lines(PAD, bottom + style.ascent(), &lines, style);
            doc.close();
            bottom -= 8.0;
        }
    } else if !spec.legend.is_empty() || !spec.notes.is_empty() {
        let legend_width = column_width(spec, width);
        let legend_left = width - PAD - legend_width;
        right = legend_left - 2.0 * PAD;
        let mut y = top + legend_style.ascent();
        doc.group("notes");
        for note in spec.notes {
            let style = TextStyle::new(LEGEND_SIZE).bold();
            let (lines, _) = wrap(note, LEGEND_SIZE, true, legend_width, 3);
            doc.lines(legend_left, y, &lines, style);
            y += lines.len() as f64 * style.line_height() + 6.0;
        }
        doc.close();
        if !spec.notes.is_empty() {
            y += 8.0;
        }
        doc.group("legend");
        for entry in spec.legend {
            let (lines, _) = wrap(
                &entry.label,
                LEGEND_SIZE,
                false,
                legend_width - KEY_WIDTH - 6.0,
                2,
            );
            let cy = y - LEGEND_SIZE * 0.35;
            draw_key(&mut doc, entry.key, legend_left, cy);
            doc.lines(legend_left + KEY_WIDTH + 6.0, y, &lines, legend_style);
            y += lines.len().max(1) as f64 * legend_style.line_height() + 6.0;
        }
        doc.close();
    }

    // Axis labels.
    let label_style = TextStyle::new(LABEL_SIZE).anchor(Anchor::Middle);
    let mut left = PAD;
    if !spec.y_label.is_empty() {
        left += LABEL_SIZE + 6.0;
    }
    left += spec.left_labels + 6.0;
    if !spec.x_label.is_empty() {
        doc.text(
            (left + right) / 2.0,
            bottom - 2.0,
            spec.x_label,
            label_style,
        );
        bottom -= LABEL_SIZE + 8.0;
    }
    bottom -= spec.x_tick_lines as f64 * (TICK_SIZE * 1.25) + 6.0;
    if !spec.y_label.is_empty() {
        let (lines, _) = wrap(spec.y_label, LABEL_SIZE, false, bottom - top, 1);
        if let Some(line) = lines.first() {
            doc.text_vertical(
                PAD + LABEL_SIZE / 2.0,
                (top + bottom) / 2.0,
                line,
                label_style,
            );
        }
    }
    (
        doc,
        Rect {
            left,
            top,
            right: right.max(left + 10.0),
            bottom: bottom.max(top + 10.0),
        },
    )
}

/// The width of the legend column: the widest entry or note, within the cap.
fn column_width(spec: &FrameSpec<'_>, width: f64) -> f64 {
    spec.legend
        .iter()
        .map(|e| KEY_WIDTH + 6.0 + text_width(&e.label, LEGEND_SIZE, false))
        .chain(
            spec.notes
                .iter()
                .map(|n| text_width(n, LEGEND_SIZE, true).min(width * 0.25)),
        )
        .fold(0.0, f64::max)
        .min(width * MAX_LEGEND_SHARE)
        .ceil()
}

/// The height the legend column would take (notes and entries).
fn column_height(spec: &FrameSpec<'_>, width: f64) -> f64 {
    let legend_width = column_width(spec, width);
    let line = TextStyle::new(LEGEND_SIZE).line_height();
    let notes: f64 = spec
        .notes
        .iter()
        .map(|n| wrap(n, LEGEND_SIZE, true, legend_width, 3).0.len() as f64 * line + 6.0)
        .sum();
    let entries: f64 = spec
        .legend
        .iter()
        .map(|e| {
            let lines = wrap(
                &e.label,
                LEGEND_SIZE,
                false,
                legend_width - KEY_WIDTH - 6.0,
                2,
            )
            .0;
            lines.len().max(1) as f64 * line + 6.0
        })
        .sum();
    notes + entries + if spec.notes.is_empty() { 0.0 } else { 8.0 }
}

/// Lays `legend` out in rows from the left along the foot of the chart, each entry on
/// one line (cut with an ellipsis if wider than the chart); returns the top of the
/// first row.
fn legend_rows(doc: &mut Canvas, legend: &[LegendEntry], width: f64, height: f64) -> f64 {
    let style = TextStyle::new(LEGEND_SIZE);
    let row_height = style.line_height() + 6.0;
    let max_text = width - 2.0 * PAD - KEY_WIDTH - 6.0;
    let mut rows: Vec<Vec<(f64, String, Key)>> = vec![Vec::new()];
    let mut x = PAD;
    for entry in legend {
        let (lines, _) = wrap(&entry.label, LEGEND_SIZE, false, max_text, 1);
        let label = lines.into_iter().next().unwrap_or_default();
        let entry_width = KEY_WIDTH + 6.0 + text_width(&label, LEGEND_SIZE, false);
        if x > PAD && x + entry_width > width - PAD {
            rows.push(Vec::new());
            x = PAD;
        }
        rows.last_mut()
            .expect("one row")
            .push((x, label, entry.key));
        x += entry_width + 18.0;
    }
    let top = height - PAD - rows.len() as f64 * row_height;
    doc.group("legend");
    for (r, row) in rows.iter().enumerate() {
        let baseline = top + r as f64 * row_height + style.ascent();
        for (x, label, key) in row {
            draw_key(doc, *key, *x, baseline - LEGEND_SIZE * 0.35);
            doc.text(x + KEY_WIDTH + 6.0, baseline, label, style);
        }
    }
    doc.close();
    top
}

/// Draws a legend key `KEY_WIDTH` wide from `x`, centred on `cy`.
fn draw_key(doc: &mut Canvas, key: Key, x: f64, cy: f64) {
    match key {
        Key::Marker(glyph) => draw_glyph(doc, glyph, x + KEY_WIDTH / 2.0, cy, 5.0, Item::none()),
        Key::Line(stroke) => doc.line((x, cy), (x + KEY_WIDTH, cy), stroke, Item::none()),
        Key::LineMarker(stroke, glyph) => {
            doc.line((x, cy), (x + KEY_WIDTH, cy), stroke, Item::none());
            draw_glyph(doc, glyph, x + KEY_WIDTH / 2.0, cy, 4.0, Item::none());
        }
        Key::Ring(stroke) => doc.circle(
            x + KEY_WIDTH / 2.0,
            cy,
            RING_RADIUS,
            Paint::outline(stroke.colour, stroke.width),
            Item::none(),
        ),
        Key::Band(colour, opacity) => doc.rect(
            x,
            cy - 6.0,
            KEY_WIDTH,
            12.0,
            Paint::fill(colour).opacity(opacity),
            Item::none(),
        ),
    }
}

/// A linear map from data values to pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Linear {
    pub d0: f64,
    pub d1: f64,
    pub p0: f64,
    pub p1: f64,
}

impl Linear {
    /// A value axis across the plot, low values on the left.
    pub(crate) fn across(axis: &Axis, plot: Rect) -> Linear {
        Linear {
            d0: axis.lo,
            d1: axis.hi,
            p0: plot.left,
            p1: plot.right,
        }
    }

    /// A value axis up the plot, low values at the bottom.
    pub(crate) fn up(axis: &Axis, plot: Rect) -> Linear {
        Linear {
            d0: axis.lo,
            d1: axis.hi,
            p0: plot.bottom,
            p1: plot.top,
        }
    }

    pub(crate) fn px(&self, value: f64) -> f64 {
        if self.d1 == self.d0 {
            return (self.p0 + self.p1) / 2.0;
        }
        self.p0 + (value - self.d0) / (self.d1 - self.d0) * (self.p1 - self.p0)
    }
}

/// Tick labels of a value axis, with thousands separators and the step's decimals.
pub(crate) fn tick_labels(axis: &Axis, suffix: &str) -> Vec<(f64, String)> {
    let decimals = decimals_for_step(axis.step);
    axis.ticks()
        .into_iter()
        .map(|t| (t, format!("{}{suffix}", thousands(t, decimals))))
        .collect()
}

/// The widest of `labels` at the tick size.
pub(crate) fn widest(labels: &[(f64, String)]) -> f64 {
    labels
        .iter()
        .map(|(_, l)| text_width(l, TICK_SIZE, false))
        .fold(0.0, f64::max)
        .ceil()
}

/// Horizontal gridlines and tick labels of a vertical value axis on the plot's left.
pub(crate) fn y_grid(doc: &mut Canvas, plot: Rect, y: Linear, labels: &[(f64, String)]) {
    let style = TextStyle::new(TICK_SIZE)
        .anchor(Anchor::End)
        .fill(palette::DARK_GREY);
    doc.group("y-axis");
    for (value, label) in labels {
        let py = y.px(*value);
        doc.line(
            (plot.left, py),
            (plot.right, py),
            Stroke::solid(palette::PALE_GREY, 1.0),
            Item::none(),
        );
        doc.text(plot.left - 6.0, py + TICK_SIZE * 0.35, label, style);
    }
    doc.close();
}

/// Vertical gridlines and tick labels of a horizontal value axis under the plot.
pub(crate) fn x_grid(doc: &mut Canvas, plot: Rect, x: Linear, labels: &[(f64, String)]) {
    let style = TextStyle::new(TICK_SIZE)
        .anchor(Anchor::Middle)
        .fill(palette::DARK_GREY);
    doc.group("x-axis");
    for (value, label) in labels {
        let px = x.px(*value);
        doc.line(
            (px, plot.top),
            (px, plot.bottom),
            Stroke::solid(palette::PALE_GREY, 1.0),
            Item::none(),
        );
        doc.text(px, plot.bottom + 6.0 + TICK_SIZE, label, style);
    }
    doc.close();
    axis_lines(doc, plot);
}

/// The axis lines along the plot's left and bottom.
pub(crate) fn axis_lines(doc: &mut Canvas, plot: Rect) {
    let stroke = Stroke::solid(palette::MID_GREY, 1.0);
    doc.line(
        (plot.left, plot.bottom),
        (plot.right, plot.bottom),
        stroke,
        Item::class("axis"),
    );
    doc.line(
        (plot.left, plot.top),
        (plot.left, plot.bottom),
        stroke,
        Item::class("axis"),
    );
}

/// Month (or other category) labels under a time axis, thinned to every n-th so that
/// they do not overlap: n is the smallest of 1, 2, 3, 4, 6, 12, 24… that fits, counted
/// back from the last label, which is always drawn.
pub(crate) fn x_month_labels(
    doc: &mut Canvas,
    plot: Rect,
    labels: &[String],
    x: impl Fn(usize) -> f64,
) {
    let count = labels.len();
    if count == 0 {
        return;
    }
    let widest = labels
        .iter()
        .map(|l| text_width(l, TICK_SIZE, false))
        .fold(0.0, f64::max)
        + 10.0;
    let spacing = if count > 1 {
        (x(1) - x(0)).abs()
    } else {
        f64::MAX
    };
    let step = [1usize, 2, 3, 4, 6, 12, 24, 36, 48, 60, 120]
        .into_iter()
        .find(|&n| spacing * n as f64 >= widest)
        .unwrap_or(count);
    let style = TextStyle::new(TICK_SIZE)
        .anchor(Anchor::Middle)
        .fill(palette::DARK_GREY);
    doc.group("x-axis");
    for i in (0..count).rev().step_by(step) {
        let px = x(i);
        doc.line(
            (px, plot.bottom),
            (px, plot.bottom + 4.0),
            Stroke::solid(palette::MID_GREY, 1.0),
            Item::none(),
        );
        // A label that would run past the right margin ends at it instead.
        let half = text_width(&labels[i], TICK_SIZE, false) / 2.0;
        let limit = plot.right + PAD - 2.0;
        let baseline = plot.bottom + 6.0 + TICK_SIZE;
        if px + half > limit {
            doc.text(limit, baseline, &labels[i], style.anchor(Anchor::End));
        } else {
            doc.text(px, baseline, &labels[i], style);
        }
    }
    doc.close();
}

/// A line style that never relies on colour alone: dash patterns by series number.
pub(crate) fn series_dash(index: usize) -> Dash {
    [Dash::Solid, Dash::Dashed, Dash::Dotted][index % 3]
}

/// A marker shape by series number.
pub(crate) fn series_shape(index: usize) -> Shape {
    [
        Shape::Circle,
        Shape::Square,
        Shape::TriangleUp,
        Shape::Diamond,
        Shape::TriangleDown,
    ][index % 5]
}

/// Rounds a mark coordinate to two decimals, as the other charts' marks.
pub(crate) fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// A circle-shaped [`crate::Mark`] of diameter `d` about `(x, y)`.
pub(crate) fn point_mark(index: usize, x: f64, y: f64, d: f64) -> crate::Mark {
    crate::Mark {
        index,
        x: round2(x),
        y: round2(y),
        width: d,
        height: d,
        shape: crate::MarkShape::Circle,
    }
}

/// The finished chart for an empty input: "No data to show." under the title, no marks.
pub(crate) fn no_data(mut doc: Canvas, plot: Rect) -> Chart {
    doc.text(
        plot.left,
        plot.top + 20.0,
        "No data to show.",
        TextStyle::new(LABEL_SIZE).fill(palette::DARK_GREY),
    );
    Chart {
        svg: doc.finish(),
        marks: Vec::new(),
    }
}
