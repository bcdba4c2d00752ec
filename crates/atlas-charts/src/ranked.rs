//! Row-per-area and row-per-indicator charts: caterpillar plots and spine charts.

// A spine chart draws the engine's verdicts: each has its own marker shape.
use crate::draw::{Item, Paint, PathData, Stroke};
use crate::format::thousands;
use crate::palette;
use crate::plot::{
    draw_crowded_points, draw_glyph, frame, no_data, point_mark, tick_labels, x_grid, FrameSpec,
    Glyph, Key, LegendEntry, Linear, Shape, Significance, LABEL_SIZE, TICK_SIZE,
};
use crate::scale::Axis;
use crate::svg::{text_width, wrap, Anchor, TextStyle};
use crate::{Chart, Mark, Size};
use atlas_core::stats::benchmark::Comparison;

/// The category names never take more than this share of the width.
const MAX_NAME_SHARE: f64 = 0.34;
/// The least height per row (pixels) at which a caterpillar names its rows. Below it
/// (thousands of practices) rows are drawn as a band without names: the table view
/// names them.
pub const MIN_NAMED_ROW: f64 = 8.0;

/// What a caterpillar plot shows.
#[derive(Debug, Clone, PartialEq)]
pub struct CaterpillarInput {
    /// A page-unique id for the SVG.
    pub id: String,
    /// The chart title: drawn at the top and the SVG's `<title>`.
    pub title: String,
    /// A one-sentence plain-English summary: the SVG's `<desc>`.
    pub summary: String,
    /// The value axis label with units.
    pub value_label: String,
    /// The areas, in any order: the chart ranks them by value, highest at the top.
    pub areas: Vec<CaterpillarArea>,
    /// The benchmark value (vertical line).
    pub benchmark: f64,
    /// The benchmark's name for the legend.
    pub benchmark_label: String,
    /// Decimal places of values in tooltips.
    pub decimals: usize,
}

/// One area on a caterpillar plot: a value with its 95 % interval.
#[derive(Debug, Clone, PartialEq)]
pub struct CaterpillarArea {
    /// The area's name, written left of its row (wrapped or cut when long; in full in
    /// the tooltip).
    pub label: String,
    /// The value.
    pub value: f64,
    /// Lower end of the 95 % interval.
    pub lower: f64,
    /// Upper end of the 95 % interval.
    pub upper: f64,
    /// How the value compares with the benchmark.
    pub significance: Significance,
}

/// A caterpillar marker's meaning: where the area's interval lies against the
/// benchmark line (a caterpillar has no control limits, so the funnel's words do not
/// apply).
pub fn against_benchmark(s: Significance) -> &'static str {
    match s {
        Significance::High99_8 => "Above the line (99.8% interval)",
        Significance::High95 => "Above the line (95% interval)",
        Significance::NotSignificant => "Similar (95% interval crosses the line)",
        Significance::Low95 => "Below the line (95% interval)",
        Significance::Low99_8 => "Below the line (99.8% interval)",
    }
}

/// Draws a caterpillar plot: one row per area, ranked by value (highest at the top;
/// areas without a value at the bottom), each a marker on its 95 % interval bar, names
/// on the left, the benchmark as a vertical line. The marker's shape and fill (as well
/// as its colour) give the significance, as on the funnel plot; a legend explains them.
///
/// Marks: one [`crate::MarkShape::Circle`] per area *in input order* (so `marks[i]` is
/// `areas[i]` wherever it is ranked); areas without a finite value get a zero-size mark
/// at the left of their row.
pub fn caterpillar_plot(input: &CaterpillarInput, size: Size) -> Chart {
    let width = f64::from(size.width);
    let finite = |a: &CaterpillarArea| a.value.is_finite();
    let values = input
        .areas
        .iter()
        .flat_map(|a| [a.value, a.lower, a.upper])
        .chain(std::iter::once(input.benchmark))
        .filter(|v| v.is_finite());
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let axis = Axis::around_within(lo, hi, 6, input.value_label.contains('%'));
    let ticks = tick_labels(&axis, "");

    let mut order: Vec<usize> = (0..input.areas.len()).collect();
    order.sort_by(|&a, &b| {
        let (va, vb) = (&input.areas[a], &input.areas[b]);
        finite(vb)
            .cmp(&finite(va))
            .then(vb.value.total_cmp(&va.value))
    });

    let named = f64::from(size.height) >= MIN_NAMED_ROW * input.areas.len() as f64;
    let name_width = if named {
        input
            .areas
            .iter()
            .map(|a| text_width(&a.label, LABEL_SIZE, false))
            .fold(0.0, f64::max)
            .min(width * MAX_NAME_SHARE)
            .ceil()
    } else {
        0.0
    };
    let rows_label = if named {
        String::new()
    } else {
        format!(
            "{} areas, ranked highest first (named in the table view)",
            thousands(input.areas.len() as f64, 0)
        )
    };
    let interval = Stroke::solid(palette::DARK_GREY, 1.5);
    let bench = Stroke::solid(palette::BLACK, 2.0);
    let mut legend: Vec<LegendEntry> = Significance::ALL
        .iter()
        .filter(|s| input.areas.iter().any(|a| a.significance == **s))
        .map(|s| LegendEntry::new(Key::Marker(s.glyph()), against_benchmark(*s)))
        .collect();
    legend.push(LegendEntry::new(
        Key::Line(interval),
        "95% confidence interval",
    ));
    legend.push(LegendEntry::new(
        Key::Line(bench),
        format!(
            "{} ({})",
            input.benchmark_label,
            thousands(input.benchmark, input.decimals)
        ),
    ));
    let (mut doc, plot) = frame(
        size,
        &input.id,
        &input.summary,
        &FrameSpec {
            title: &input.title,
            y_label: &rows_label,
            x_label: &input.value_label,
            left_labels: name_width,
            x_tick_lines: 1,
            legend: &legend,
            notes: &[],
            legend_below: false,
        },
    );
    if input.areas.is_empty() {
        return no_data(doc, plot);
    }
    let x = Linear::across(&axis, plot);
    x_grid(&mut doc, plot, x, &ticks);
    if input.benchmark.is_finite() {
        let bx = x.px(input.benchmark);
        doc.line(
            (bx, plot.top),
            (bx, plot.bottom),
            bench,
            Item::class("benchmark").title(format!(
                "{}: {}",
                input.benchmark_label,
                thousands(input.benchmark, input.decimals)
            )),
        );
    }

    let band = plot.height() / input.areas.len() as f64;
    let label_size = (band * 0.85).clamp(6.0, LABEL_SIZE);
    let lines = if band >= 2.6 * label_size { 2 } else { 1 };
    let label_style = TextStyle::new(label_size).anchor(Anchor::End);
    let radius = (band * 0.4).clamp(2.5, 5.5);
    let mut marks: Vec<Option<Mark>> = vec![None; input.areas.len()];
    if !named {
        // A crowded band: every interval in one path, each kind of point in one path,
        // no tooltip per row (the page's pointer overlay and the table view name rows).
        let radius = 1.5;
        let mut intervals = PathData::new();
        let mut points: Vec<(Significance, (f64, f64))> = Vec::new();
        for (rank, &i) in order.iter().enumerate() {
            let area = &input.areas[i];
            let cy = plot.top + band * (rank as f64 + 0.5);
            if !finite(area) {
                marks[i] = Some(point_mark(i, plot.left, cy, 0.0));
                continue;
            }
            if area.lower.is_finite() && area.upper.is_finite() {
                intervals.segment((x.px(area.lower), cy), (x.px(area.upper), cy));
            }
            let centre = (x.px(area.value), cy);
            points.push((area.significance, centre));
            marks[i] = Some(point_mark(i, centre.0, cy, 2.0 * radius));
        }
        doc.group("rows");
        doc.compound(
            &intervals,
            Paint::outline(interval.colour, interval.width),
            Item::class("interval"),
        );
        draw_crowded_points(&mut doc, points, radius);
        doc.close();
        return Chart {
            svg: doc.finish(),
            marks: marks.into_iter().flatten().collect(),
        };
    }
    doc.group("rows");
    for (rank, &i) in order.iter().enumerate() {
        let area = &input.areas[i];
        let cy = plot.top + band * (rank as f64 + 0.5);
        let (name_lines, _) = wrap(&area.label, label_size, false, name_width, lines);
        let first = cy - (name_lines.len() as f64 - 1.0) * label_style.line_height() / 2.0
            + label_size * 0.35;
        doc.group_titled("category", &area.label);
        doc.lines(plot.left - 6.0, first, &name_lines, label_style);
        doc.close();
        if !finite(area) {
            marks[i] = Some(point_mark(i, plot.left, cy, 0.0));
            continue;
        }
        if area.lower.is_finite() && area.upper.is_finite() {
            let (x0, x1) = (x.px(area.lower), x.px(area.upper));
            let cap = (band * 0.25).clamp(1.5, 4.0);
            doc.line((x0, cy), (x1, cy), interval, Item::class("interval"));
            doc.line((x0, cy - cap), (x0, cy + cap), interval, Item::none());
            doc.line((x1, cy - cap), (x1, cy + cap), interval, Item::none());
        }
        let px = x.px(area.value);
        let tooltip = format!(
            "{}: {} ({} to {}) {}; {}",
            area.label,
            thousands(area.value, input.decimals),
            thousands(area.lower, input.decimals),
            thousands(area.upper, input.decimals),
            input.value_label,
            against_benchmark(area.significance)
        );
        draw_glyph(
            &mut doc,
            area.significance.glyph(),
            px,
            cy,
            radius,
            Item::class("point").index(i).title(tooltip),
        );
        marks[i] = Some(point_mark(i, px, cy, 2.0 * radius));
    }
    doc.close();
    Chart {
        svg: doc.finish(),
        marks: marks.into_iter().flatten().collect(),
    }
}

/// Every verdict, in the legend's order.
pub(crate) const VERDICTS: [Comparison; 6] = [
    Comparison::Better,
    Comparison::Similar,
    Comparison::Worse,
    Comparison::Higher,
    Comparison::Lower,
    Comparison::NotCompared,
];

/// A verdict's words in the legend and tooltips.
pub fn verdict_label(verdict: Comparison) -> &'static str {
    match verdict {
        Comparison::Better => "Better than benchmark",
        Comparison::Similar => "Similar to benchmark",
        Comparison::Worse => "Worse than benchmark",
        Comparison::NotCompared => "Not compared",
        Comparison::Higher => "Higher than benchmark (no better or worse)",
        Comparison::Lower => "Lower than benchmark (no better or worse)",
    }
}

/// A verdict's marker: a shape and a fill of its own, never a colour alone.
pub(crate) fn verdict_glyph(verdict: Comparison) -> Glyph {
    match verdict {
        Comparison::Better => Glyph::new(Shape::Circle, palette::GREEN, true),
        Comparison::Similar => Glyph::new(Shape::Circle, palette::BLACK, false),
        Comparison::Worse => Glyph::new(Shape::Diamond, palette::RED, true),
        Comparison::NotCompared => Glyph::new(Shape::Square, palette::DARK_GREY, false),
        Comparison::Higher => Glyph::new(Shape::TriangleUp, palette::BLUE, true),
        Comparison::Lower => Glyph::new(Shape::TriangleDown, palette::DARK_BLUE, true),
    }
}

/// One indicator on a spine chart, in its own units.
#[derive(Debug, Clone, PartialEq)]
pub struct SpineRow {
    /// The indicator's name, written on the left.
    pub indicator: String,
    /// The area's value.
    pub value: f64,
    /// The value as the chart writes it on the right ("82.4 per 1,000").
    pub value_text: String,
    /// The benchmark (e.g. the city's value): the spine's centre line.
    pub benchmark: f64,
    /// The worst value among the comparators (may be above or below `best`).
    pub worst: f64,
    /// The 25th percentile (the quartile on the worst side).
    pub q25: f64,
    /// The 75th percentile (the quartile on the best side).
    pub q75: f64,
    /// The best value among the comparators.
    pub best: f64,
    /// How the area's value compares with the benchmark.
    pub comparison: Comparison,
}

/// What a spine chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SpineInput {
    /// A page-unique id for the SVG.
    pub id: String,
    /// The chart title: drawn at the top and the SVG's `<title>`.
    pub title: String,
    /// A one-sentence plain-English summary: the SVG's `<desc>`.
    pub summary: String,
    /// The benchmark's name ("Leicester City").
    pub benchmark_label: String,
    /// The words at the left and right ends: "Worst" and "Best", or "Lowest" and
    /// "Highest" for measures with no better or worse.
    pub ends: (String, String),
    /// The indicators, top to bottom.
    pub rows: Vec<SpineRow>,
}

/// The position (0 worst … 1 best, benchmark at 0.5) of `value` on a row: the row is
/// scaled so that the comparator further from the benchmark reaches the end.
fn spine_position(row: &SpineRow, value: f64) -> f64 {
    let half = (row.worst - row.benchmark)
        .abs()
        .max((row.best - row.benchmark).abs());
    if !(half > 0.0 && half.is_finite()) {
        return 0.5;
    }
    let direction = if row.best >= row.worst { 1.0 } else { -1.0 };
    (0.5 + direction * (value - row.benchmark) / (2.0 * half)).clamp(0.0, 1.0)
}

/// Draws a spine chart: one row per indicator with a pale bar from worst (left) to best
/// (right), a darker band between the quartiles, the benchmark as a vertical line at
/// the centre, and the area's value as a marker whose shape *and* colour give its
/// comparison (filled green circle better, hollow circle similar, red diamond worse).
/// Indicator names are on the left and the values, as given, on the right.
///
/// Marks: one [`crate::MarkShape::Circle`] per row, on the value's marker (zero-size
/// at the row's centre when the value is not finite).
pub fn spine_chart(input: &SpineInput, size: Size) -> Chart {
    let width = f64::from(size.width);
    let name_width = input
        .rows
        .iter()
        .map(|r| text_width(&r.indicator, LABEL_SIZE, false))
        .fold(0.0, f64::max)
        .min(width * MAX_NAME_SHARE)
        .ceil();
    let value_width = input
        .rows
        .iter()
        .map(|r| text_width(&r.value_text, LABEL_SIZE, false))
        .fold(0.0, f64::max)
        .ceil();
    let range_colour = palette::PALE_GREY;
    let quartile_colour = palette::MID_GREY;
    let mut legend: Vec<LegendEntry> = VERDICTS
        .iter()
        .filter(|c| input.rows.iter().any(|r| r.comparison == **c))
        .map(|&c| LegendEntry::new(Key::Marker(verdict_glyph(c)), verdict_label(c)))
        .collect();
    let (left, right) = (input.ends.0.as_str(), input.ends.1.as_str());
    legend.push(LegendEntry::new(
        Key::Band(range_colour, 1.0),
        format!("Range: {} to {}", left.to_lowercase(), right.to_lowercase()),
    ));
    legend.push(LegendEntry::new(
        Key::Band(quartile_colour, 1.0),
        "25th to 75th percentile",
    ));
    legend.push(LegendEntry::new(
        Key::Line(Stroke::solid(palette::BLACK, 2.0)),
        input.benchmark_label.clone(),
    ));
    let (mut doc, frame_rect) = frame(
        size,
        &input.id,
        &input.summary,
        &FrameSpec {
            title: &input.title,
            y_label: "",
            x_label: "",
            left_labels: name_width,
            x_tick_lines: 0,
            legend: &legend,
            notes: &[],
            legend_below: true,
        },
    );
    if input.rows.is_empty() {
        return no_data(doc, frame_rect);
    }
    // The value column on the right of the spine, and a header row above it.
    let mut plot = frame_rect;
    plot.right -= value_width + 12.0;
    plot.top += LABEL_SIZE + 8.0;
    let header = TextStyle::new(TICK_SIZE).fill(palette::DARK_GREY);
    doc.text(plot.left, plot.top - 6.0, left, header);
    doc.text(
        plot.right,
        plot.top - 6.0,
        right,
        header.anchor(Anchor::End),
    );
    doc.text(
        (plot.left + plot.right) / 2.0,
        plot.top - 6.0,
        &input.benchmark_label,
        header.anchor(Anchor::Middle),
    );
    let x = Linear {
        d0: 0.0,
        d1: 1.0,
        p0: plot.left,
        p1: plot.right,
    };
    let band = (plot.height() / input.rows.len() as f64).min(40.0);
    let label_size = (band * 0.6).clamp(6.0, LABEL_SIZE);
    let lines = if band >= 2.6 * label_size { 2 } else { 1 };
    let name_style = TextStyle::new(label_size).anchor(Anchor::End);
    let value_style = TextStyle::new(label_size);
    let bar = (band * 0.5).min(16.0);
    let radius = (band * 0.3).clamp(2.5, 6.0);
    let mut marks = Vec::with_capacity(input.rows.len());
    doc.group("rows");
    for (i, row) in input.rows.iter().enumerate() {
        let cy = plot.top + band * (i as f64 + 0.5);
        let (name_lines, _) = wrap(&row.indicator, label_size, false, name_width, lines);
        let first = cy - (name_lines.len() as f64 - 1.0) * name_style.line_height() / 2.0
            + label_size * 0.35;
        doc.group_titled("category", &row.indicator);
        doc.lines(plot.left - 8.0, first, &name_lines, name_style);
        doc.close();
        let pos = |v: f64| x.px(spine_position(row, v));
        if row.worst.is_finite() && row.best.is_finite() {
            let (a, b) = (pos(row.worst), pos(row.best));
            doc.rect(
                a.min(b),
                cy - bar / 2.0,
                (b - a).abs(),
                bar,
                Paint::fill(range_colour),
                Item::class("range"),
            );
        }
        if row.q25.is_finite() && row.q75.is_finite() {
            let (a, b) = (pos(row.q25), pos(row.q75));
            doc.rect(
                a.min(b),
                cy - bar / 2.0,
                (b - a).abs(),
                bar,
                Paint::fill(quartile_colour),
                Item::class("quartiles"),
            );
        }
        doc.text(
            plot.right + 12.0,
            cy + label_size * 0.35,
            &row.value_text,
            value_style,
        );
    }
    doc.close();
    // The benchmark line over every row, under the markers.
    let bottom = plot.top + band * input.rows.len() as f64;
    doc.line(
        (x.px(0.5), plot.top),
        (x.px(0.5), bottom),
        Stroke::solid(palette::BLACK, 2.0),
        Item::class("benchmark"),
    );
    doc.group("points");
    for (i, row) in input.rows.iter().enumerate() {
        let cy = plot.top + band * (i as f64 + 0.5);
        let pos = |v: f64| x.px(spine_position(row, v));
        if row.value.is_finite() {
            let px = pos(row.value);
            let tooltip = format!(
                "{}: {}; {}",
                row.indicator,
                row.value_text,
                verdict_label(row.comparison)
            );
            draw_glyph(
                &mut doc,
                verdict_glyph(row.comparison),
                px,
                cy,
                radius,
                Item::class("point").index(i).title(tooltip),
            );
            marks.push(point_mark(i, px, cy, 2.0 * radius));
        } else {
            marks.push(point_mark(i, x.px(0.5), cy, 0.0));
        }
    }
    doc.close();
    Chart {
        svg: doc.finish(),
        marks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(worst: f64, best: f64, benchmark: f64) -> SpineRow {
        SpineRow {
            indicator: "x".to_string(),
            value: 0.0,
            value_text: String::new(),
            benchmark,
            worst,
            q25: worst,
            q75: best,
            best,
            comparison: Comparison::Similar,
        }
    }

    #[test]
    fn spine_positions_put_worst_left_best_right_and_the_benchmark_centre() {
        let up = row(50.0, 110.0, 80.0);
        assert_eq!(spine_position(&up, 80.0), 0.5);
        assert_eq!(spine_position(&up, 50.0), 0.0);
        assert_eq!(spine_position(&up, 110.0), 1.0);
        // Lower is better: the scale turns round.
        let down = row(110.0, 50.0, 80.0);
        assert_eq!(spine_position(&down, 110.0), 0.0);
        assert_eq!(spine_position(&down, 50.0), 1.0);
        // Asymmetric: the further end reaches the edge.
        let skew = row(70.0, 120.0, 80.0);
        assert_eq!(spine_position(&skew, 120.0), 1.0);
        assert!((spine_position(&skew, 70.0) - 0.375).abs() < 1e-12);
    }
}
