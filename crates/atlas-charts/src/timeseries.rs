//! Charts over months: SPC (XmR) charts, trajectories and multi-series line charts.

use crate::draw::{Canvas, Dash, Item, Paint, Stroke};
use crate::format::thousands;
use crate::palette::{self, Colour};
use crate::plot::{
    axis_lines, draw_glyph, frame, no_data, point_mark, series_dash, series_shape, tick_labels,
    widest, x_month_labels, y_grid, FrameSpec, Glyph, Key, LegendEntry, Linear, Rect, Shape,
    TICK_SIZE,
};
use crate::scale::Axis;
use crate::svg::{text_width, Anchor, TextStyle};
use crate::{Chart, Mark, Size};

/// The kind of a point on an SPC chart (NHS Making Data Count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpcPointKind {
    /// Common-cause variation: grey circle.
    CommonCause,
    /// Special cause in the improving direction: blue square.
    Improvement,
    /// Special cause in the worsening direction: orange diamond.
    Concern,
    /// Special cause upwards with no improvement direction: purple up-triangle.
    NeutralHigh,
    /// Special cause downwards with no improvement direction: purple down-triangle.
    NeutralLow,
}

impl SpcPointKind {
    /// All kinds, in legend order.
    pub const ALL: [SpcPointKind; 5] = [
        SpcPointKind::CommonCause,
        SpcPointKind::Improvement,
        SpcPointKind::Concern,
        SpcPointKind::NeutralHigh,
        SpcPointKind::NeutralLow,
    ];

    /// Plain-English label for legends and tooltips.
    pub fn label(self) -> &'static str {
        match self {
            SpcPointKind::CommonCause => "Common cause variation",
            SpcPointKind::Improvement => "Special cause: improvement",
            SpcPointKind::Concern => "Special cause: concern",
            SpcPointKind::NeutralHigh => "Special cause: neutral (high)",
            SpcPointKind::NeutralLow => "Special cause: neutral (low)",
        }
    }

    fn glyph(self) -> Glyph {
        match self {
            SpcPointKind::CommonCause => Glyph::new(Shape::Circle, palette::MID_GREY, true),
            SpcPointKind::Improvement => Glyph::new(Shape::Square, palette::BLUE, true),
            SpcPointKind::Concern => Glyph::new(Shape::Diamond, palette::CATEGORICAL[1], true),
            SpcPointKind::NeutralHigh => Glyph::new(Shape::TriangleUp, palette::PURPLE, true),
            SpcPointKind::NeutralLow => Glyph::new(Shape::TriangleDown, palette::PURPLE, true),
        }
    }
}

/// A segment's process limits on an SPC chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpcLimits {
    /// Lower process limit (mean − 3σ).
    pub lower: f64,
    /// Upper process limit (mean + 3σ).
    pub upper: f64,
    /// Lower two-sigma line.
    pub near_lower: f64,
    /// Upper two-sigma line.
    pub near_upper: f64,
}

/// One month on an SPC chart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SpcPointInput {
    /// The observed value.
    pub value: f64,
    /// The mean of the point's segment.
    pub mean: f64,
    /// The segment's process limits; `None` on a run chart.
    pub limits: Option<SpcLimits>,
    /// Common cause or the kind of special cause.
    pub kind: SpcPointKind,
}

/// What an SPC (XmR) chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct SpcInput {
    /// A page-unique id for the SVG.
    pub id: String,
    /// The chart title: drawn at the top and the SVG's `<title>`.
    pub title: String,
    /// A one-sentence plain-English summary: the SVG's `<desc>`.
    pub summary: String,
    /// The vertical axis label with units.
    pub y_label: String,
    /// One label per point, in time order ("Apr 2019").
    pub months: Vec<String>,
    /// The points, in time order, as many as `months`.
    pub points: Vec<SpcPointInput>,
    /// The target, drawn as a red line, if any.
    pub target: Option<f64>,
    /// Whether to draw the two-sigma lines (dotted).
    pub show_two_sigma: bool,
    /// The variation icon in words ("Variation: special cause — improvement (high)").
    pub variation: Option<String>,
    /// The assurance icon in words ("Assurance: hit and miss").
    pub assurance: Option<String>,
    /// Decimal places of values in tooltips.
    pub decimals: usize,
}

const POINT_RADIUS: f64 = 4.5;

/// The x position of month `i` of `count` in the plot: the centre of its slot.
fn month_x(plot: Rect, count: usize, i: usize) -> f64 {
    plot.left + (i as f64 + 0.5) * plot.width() / count.max(1) as f64
}

/// A vertical value axis over `values`, with its labels and the matching scale.
/// `percent`: the values are percentages, so padding stops at 100 when they do.
fn value_axis(
    values: impl Iterator<Item = f64>,
    include_zero: bool,
    percent: bool,
) -> (Axis, Vec<(f64, String)>) {
    let (mut lo, mut hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if lo > hi {
        (lo, hi) = (0.0, 1.0);
    }
    let axis = if include_zero {
        Axis::covering(lo, hi, 6)
    } else {
        Axis::around_within(lo, hi, 6, percent)
    };
    let labels = tick_labels(&axis, "");
    (axis, labels)
}

/// Draws piecewise-constant lines (means, limits) across the months, one horizontal
/// step per run of months with the same value.
fn step_lines(
    doc: &mut Canvas,
    plot: Rect,
    count: usize,
    y: Linear,
    values: &[Option<f64>],
    stroke: Stroke,
    item: Item,
) {
    let slot = plot.width() / count.max(1) as f64;
    let mut i = 0;
    while i < values.len() {
        let Some(v) = values[i] else {
            i += 1;
            continue;
        };
        let mut j = i;
        while j + 1 < values.len() && values[j + 1] == Some(v) {
            j += 1;
        }
        let (x0, x1) = (
            plot.left + i as f64 * slot,
            plot.left + (j + 1) as f64 * slot,
        );
        doc.line((x0, y.px(v)), (x1, y.px(v)), stroke, item.clone());
        i = j + 1;
    }
}

/// Draws an SPC (XmR) chart.
///
/// The series is a dark grey line with a marker per month; each marker's shape *and*
/// colour give its kind (grey circle common cause, blue square improvement, orange
/// diamond concern, purple triangles neutral special causes). The mean is solid, the
/// process limits dashed, the two-sigma lines dotted (if asked for), the target red.
/// Means and limits are drawn per segment (rebased charts step). Months label the x
/// axis, thinned to fit. The variation and assurance icons are written as text at the
/// top of the legend column.
///
/// Marks: one [`crate::MarkShape::Circle`] per point; points that are not finite get a
/// zero-size mark on the plot's bottom edge.
pub fn spc_chart(input: &SpcInput, size: Size) -> Chart {
    let n = input.points.len();
    let values = input.points.iter().flat_map(|p| {
        let limits = p
            .limits
            .map(|l| [l.lower, l.upper])
            .unwrap_or([f64::NAN, f64::NAN]);
        [p.value, p.mean, limits[0], limits[1]]
    });
    let (axis, y_ticks) = value_axis(
        values.chain(input.target),
        false,
        input.y_label.contains('%'),
    );

    let mean_stroke = Stroke::solid(palette::BLACK, 1.5);
    let limit_stroke = Stroke::solid(palette::DARK_GREY, 1.25).dash(Dash::Dashed);
    let sigma_stroke = Stroke::solid(palette::MID_GREY, 1.25).dash(Dash::Dotted);
    let target_stroke = Stroke::solid(palette::RED, 1.5);
    let series_stroke = Stroke::solid(palette::DARK_GREY, 1.5);
    let mut legend: Vec<LegendEntry> = SpcPointKind::ALL
        .iter()
        .filter(|k| **k == SpcPointKind::CommonCause || input.points.iter().any(|p| p.kind == **k))
        .map(|k| LegendEntry::new(Key::Marker(k.glyph()), k.label()))
        .collect();
    legend.push(LegendEntry::new(Key::Line(mean_stroke), "Mean"));
    let has_limits = input.points.iter().any(|p| p.limits.is_some());
    if has_limits {
        legend.push(LegendEntry::new(Key::Line(limit_stroke), "Process limits"));
        if input.show_two_sigma {
            legend.push(LegendEntry::new(Key::Line(sigma_stroke), "Two-sigma lines"));
        }
    }
    if let Some(target) = input.target {
        legend.push(LegendEntry::new(
            Key::Line(target_stroke),
            format!("Target ({})", thousands(target, input.decimals)),
        ));
    }
    let notes: Vec<String> = input
        .variation
        .iter()
        .chain(input.assurance.iter())
        .cloned()
        .collect();
    let (mut doc, plot) = frame(
        size,
        &input.id,
        &input.summary,
        &FrameSpec {
            title: &input.title,
            y_label: &input.y_label,
            x_label: "",
            left_labels: widest(&y_ticks),
            x_tick_lines: 1,
            legend: &legend,
            notes: &notes,
            legend_below: false,
        },
    );
    if n == 0 {
        return no_data(doc, plot);
    }
    let y = Linear::up(&axis, plot);
    y_grid(&mut doc, plot, y, &y_ticks);
    x_month_labels(&mut doc, plot, &input.months, |i| month_x(plot, n, i));
    axis_lines(&mut doc, plot);

    let pick = |f: fn(&SpcPointInput) -> Option<f64>| -> Vec<Option<f64>> {
        input.points.iter().map(f).collect()
    };
    doc.group("limits");
    if input.show_two_sigma {
        for f in [
            (|p: &SpcPointInput| p.limits.map(|l| l.near_lower))
                as fn(&SpcPointInput) -> Option<f64>,
            |p| p.limits.map(|l| l.near_upper),
        ] {
            step_lines(
                &mut doc,
                plot,
                n,
                y,
                &pick(f),
                sigma_stroke,
                Item::class("two-sigma"),
            );
        }
    }
    for f in [
        (|p: &SpcPointInput| p.limits.map(|l| l.lower)) as fn(&SpcPointInput) -> Option<f64>,
        |p| p.limits.map(|l| l.upper),
    ] {
        step_lines(
            &mut doc,
            plot,
            n,
            y,
            &pick(f),
            limit_stroke,
            Item::class("process-limit"),
        );
    }
    doc.close();
    step_lines(
        &mut doc,
        plot,
        n,
        y,
        &pick(|p| Some(p.mean).filter(|m| m.is_finite())),
        mean_stroke,
        Item::class("mean"),
    );
    if let Some(target) = input.target.filter(|t| t.is_finite()) {
        let ty = y.px(target);
        doc.line(
            (plot.left, ty),
            (plot.right, ty),
            target_stroke,
            Item::class("target").title(format!("Target: {}", thousands(target, input.decimals))),
        );
    }

    // The series and its points.
    let xy: Vec<Option<(f64, f64)>> = input
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            p.value
                .is_finite()
                .then(|| (month_x(plot, n, i), y.px(p.value)))
        })
        .collect();
    draw_series_line(&mut doc, &xy, series_stroke, Item::class("series"));
    doc.group("points");
    let mut marks = Vec::with_capacity(n);
    for (i, p) in input.points.iter().enumerate() {
        match xy[i] {
            Some((px, py)) => {
                let month = input.months.get(i).map(String::as_str).unwrap_or("");
                let tooltip = format!(
                    "{month}: {} ({}); {}",
                    thousands(p.value, input.decimals),
                    input.y_label,
                    p.kind.label()
                );
                let r = if p.kind == SpcPointKind::CommonCause {
                    POINT_RADIUS * 0.8
                } else {
                    POINT_RADIUS * 1.2
                };
                draw_glyph(
                    &mut doc,
                    p.kind.glyph(),
                    px,
                    py,
                    r,
                    Item::class("point").index(i).title(tooltip),
                );
                marks.push(point_mark(i, px, py, 2.0 * r));
            }
            None => marks.push(point_mark(i, month_x(plot, n, i), plot.bottom, 0.0)),
        }
    }
    doc.close();
    Chart {
        svg: doc.finish(),
        marks,
    }
}

/// Draws a line through the points, broken where a point is missing.
fn draw_series_line(doc: &mut Canvas, xy: &[Option<(f64, f64)>], stroke: Stroke, item: Item) {
    for run in xy.split(Option::is_none) {
        let points: Vec<(f64, f64)> = run.iter().flatten().copied().collect();
        doc.path(&points, stroke, item.clone());
    }
}

/// A forecast value with its interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ForecastValue {
    /// The central forecast.
    pub value: f64,
    /// Lower end of the interval.
    pub lower: f64,
    /// Upper end of the interval.
    pub upper: f64,
}

/// The target of a trajectory: a value to reach by a month.
#[derive(Debug, Clone, PartialEq)]
pub struct TrajectoryTarget {
    /// Index into the months.
    pub month: usize,
    /// The target value.
    pub value: f64,
    /// What to write beside it ("Target: 85 by Mar 2026").
    pub label: String,
}

/// What a trajectory chart shows. The series are aligned with `months`; a shorter
/// series, or `None`, means no value for those months.
#[derive(Debug, Clone, PartialEq)]
pub struct TrajectoryInput {
    /// A page-unique id for the SVG.
    pub id: String,
    /// The chart title: drawn at the top and the SVG's `<title>`.
    pub title: String,
    /// A one-sentence plain-English summary: the SVG's `<desc>`.
    pub summary: String,
    /// The vertical axis label with units.
    pub y_label: String,
    /// Month labels, in time order, covering actuals and forecast.
    pub months: Vec<String>,
    /// Monthly actual values.
    pub actual: Vec<Option<f64>>,
    /// The planned glide path to the target.
    pub glide_path: Vec<Option<f64>>,
    /// The forecast with its interval.
    pub forecast: Vec<Option<ForecastValue>>,
    /// The target, if any.
    pub target: Option<TrajectoryTarget>,
    /// Decimal places of values in tooltips.
    pub decimals: usize,
    /// Actual values at most this many months apart are joined (3 for a quarterly
    /// series); further apart is a gap, and the line breaks there. 1 joins only
    /// neighbouring months.
    pub join_within: usize,
    /// Indexes into the months where the actuals change source (the place's own
    /// published figure, then the sum of its practices): a dashed line with a label.
    pub source_changes: Vec<usize>,
}

/// Draws a trajectory chart: actuals (solid blue line with circles, broken where values
/// are further apart than `join_within`), the glide path (dashed grey), the forecast
/// (dotted blue) inside its shaded interval, the target (a red diamond with its label),
/// a solid grey vertical line at the latest actual month, labelled, and a dotted dark
/// line where the source changes, labelled.
///
/// Marks: one per month ([`crate::MarkShape::Circle`]): on the actual value, else on
/// the forecast, else zero-size on the plot's bottom edge.
pub fn trajectory_chart(input: &TrajectoryInput, size: Size) -> Chart {
    let n = input.months.len();
    let at = |v: &Vec<Option<f64>>, i: usize| v.get(i).copied().flatten().filter(|x| x.is_finite());
    let fc = |i: usize| {
        input
            .forecast
            .get(i)
            .copied()
            .flatten()
            .filter(|f| f.value.is_finite() && f.lower.is_finite() && f.upper.is_finite())
    };
    let values = (0..n)
        .flat_map(|i| {
            let f = fc(i);
            [
                at(&input.actual, i),
                at(&input.glide_path, i),
                f.map(|f| f.lower),
                f.map(|f| f.upper),
            ]
        })
        .flatten()
        .chain(input.target.iter().map(|t| t.value));
    let (axis, y_ticks) = value_axis(values, false, input.y_label.contains('%'));

    let actual_stroke = Stroke::solid(palette::BLUE, 2.0);
    let actual_glyph = Glyph::new(Shape::Circle, palette::BLUE, true);
    let glide_stroke = Stroke::solid(palette::DARK_GREY, 1.5).dash(Dash::Dashed);
    let forecast_stroke = Stroke::solid(palette::BLUE, 2.0).dash(Dash::Dotted);
    let band = (palette::BLUE, 0.15);
    let target_glyph = Glyph::new(Shape::Diamond, palette::RED, true);
    let latest_stroke = Stroke::solid(palette::MID_GREY, 1.5);
    // The legend names only what is drawn: no glide path without a baseline, no
    // forecast without enough points.
    let mut legend = vec![LegendEntry::new(
        Key::LineMarker(actual_stroke, actual_glyph),
        "Actual",
    )];
    if input.glide_path.iter().any(Option::is_some) {
        legend.push(LegendEntry::new(Key::Line(glide_stroke), "Glide path"));
    }
    if input.forecast.iter().any(Option::is_some) {
        legend.push(LegendEntry::new(Key::Line(forecast_stroke), "Forecast"));
        legend.push(LegendEntry::new(
            Key::Band(band.0, band.1),
            "Forecast interval",
        ));
    }
    if input.target.is_some() {
        legend.push(LegendEntry::new(Key::Marker(target_glyph), "Target"));
    }
    legend.push(LegendEntry::new(Key::Line(latest_stroke), "Latest actual"));
    let change_stroke = Stroke::solid(palette::DARK_GREY, 1.5).dash(Dash::Dotted);
    if !input.source_changes.is_empty() {
        legend.push(LegendEntry::new(
            Key::Line(change_stroke),
            "Change of source",
        ));
    }
    let (mut doc, plot) = frame(
        size,
        &input.id,
        &input.summary,
        &FrameSpec {
            title: &input.title,
            y_label: &input.y_label,
            x_label: "",
            left_labels: widest(&y_ticks),
            x_tick_lines: 1,
            legend: &legend,
            notes: &[],
            legend_below: false,
        },
    );
    if n == 0 {
        return no_data(doc, plot);
    }
    let y = Linear::up(&axis, plot);
    let x = |i: usize| month_x(plot, n, i);
    y_grid(&mut doc, plot, y, &y_ticks);
    x_month_labels(&mut doc, plot, &input.months, x);
    axis_lines(&mut doc, plot);

    // Forecast band and line.
    let band_runs: Vec<Option<ForecastValue>> = (0..n).map(fc).collect();
    for run in band_runs
        .iter()
        .enumerate()
        .collect::<Vec<_>>()
        .split(|(_, f)| f.is_none())
    {
        if run.is_empty() {
            continue;
        }
        let mut outline: Vec<(f64, f64)> = run
            .iter()
            .map(|(i, f)| (x(*i), y.px(f.expect("split on none").upper)))
            .collect();
        outline.extend(
            run.iter()
                .rev()
                .map(|(i, f)| (x(*i), y.px(f.expect("split on none").lower))),
        );
        doc.polygon(
            &outline,
            Paint::fill(band.0).opacity(band.1),
            Item::class("forecast-interval"),
        );
    }
    let forecast_xy: Vec<Option<(f64, f64)>> = (0..n)
        .map(|i| fc(i).map(|f| (x(i), y.px(f.value))))
        .collect();
    draw_series_line(
        &mut doc,
        &forecast_xy,
        forecast_stroke,
        Item::class("forecast"),
    );
    let glide_xy: Vec<Option<(f64, f64)>> = (0..n)
        .map(|i| at(&input.glide_path, i).map(|v| (x(i), y.px(v))))
        .collect();
    draw_series_line(&mut doc, &glide_xy, glide_stroke, Item::class("glide-path"));

    // The latest actual month.
    if let Some(last) = (0..n).rev().find(|&i| at(&input.actual, i).is_some()) {
        let lx = x(last);
        doc.line(
            (lx, plot.top),
            (lx, plot.bottom),
            latest_stroke,
            Item::class("latest"),
        );
        let label = format!("Latest: {}", input.months[last]);
        let style = TextStyle::new(TICK_SIZE).fill(palette::DARK_GREY);
        let fits_right = lx + 4.0 + text_width(&label, TICK_SIZE, false) <= plot.right;
        let (tx, style) = if fits_right {
            (lx + 4.0, style)
        } else {
            (lx - 4.0, style.anchor(Anchor::End))
        };
        doc.text(tx, plot.top + TICK_SIZE, &label, style);
    }

    // Where the source changes: between the last month of one and the first of the next.
    let half_month = if n > 1 { (x(1) - x(0)) / 2.0 } else { 0.0 };
    for &i in input.source_changes.iter().filter(|&&i| i < n) {
        let cx = x(i) - half_month;
        doc.line(
            (cx, plot.top),
            (cx, plot.bottom),
            change_stroke,
            Item::class("source-change"),
        );
        let label = "Change of source";
        let style = TextStyle::new(TICK_SIZE).fill(palette::DARK_GREY);
        let (tx, style) = if cx + 4.0 + text_width(label, TICK_SIZE, false) <= plot.right {
            (cx + 4.0, style)
        } else {
            (cx - 4.0, style.anchor(Anchor::End))
        };
        // Below the "Latest" label, which sits at the top.
        doc.text(tx, plot.top + 2.5 * TICK_SIZE, label, style);
    }

    // Actuals: joined within `join_within` months, broken across a gap.
    let actual_xy: Vec<Option<(f64, f64)>> = (0..n)
        .map(|i| at(&input.actual, i).map(|v| (x(i), y.px(v))))
        .collect();
    let present: Vec<usize> = (0..n).filter(|&i| actual_xy[i].is_some()).collect();
    for run in present.chunk_by(|a, b| b - a <= input.join_within.max(1)) {
        let points: Vec<(f64, f64)> = run.iter().filter_map(|&i| actual_xy[i]).collect();
        doc.path(&points, actual_stroke, Item::class("actual"));
    }
    let mut marks: Vec<Mark> = Vec::with_capacity(n);
    doc.group("points");
    for i in 0..n {
        if let Some((px, py)) = actual_xy[i] {
            let tooltip = format!(
                "{}: {} ({}), actual",
                input.months[i],
                thousands(at(&input.actual, i).unwrap_or(f64::NAN), input.decimals),
                input.y_label
            );
            draw_glyph(
                &mut doc,
                actual_glyph,
                px,
                py,
                3.5,
                Item::class("point").index(i).title(tooltip),
            );
            marks.push(point_mark(i, px, py, 7.0));
        } else if let Some((px, py)) = forecast_xy[i] {
            marks.push(point_mark(i, px, py, 0.0));
        } else {
            marks.push(point_mark(i, x(i), plot.bottom, 0.0));
        }
    }
    doc.close();

    // Target.
    if let Some(target) = input.target.as_ref().filter(|t| t.value.is_finite()) {
        let tx = x(target.month.min(n - 1));
        let ty = y.px(target.value);
        draw_glyph(
            &mut doc,
            target_glyph,
            tx,
            ty,
            6.0,
            Item::class("target").title(target.label.clone()),
        );
        let style = TextStyle::new(TICK_SIZE).bold().fill(palette::RED);
        let width = text_width(&target.label, TICK_SIZE, true);
        let (lx, style) = if tx + 10.0 + width <= plot.right {
            (tx + 10.0, style)
        } else {
            (tx - 10.0, style.anchor(Anchor::End))
        };
        let ly = if ty - 10.0 > plot.top + TICK_SIZE {
            ty - 10.0
        } else {
            ty + 18.0
        };
        doc.text(lx, ly, &target.label, style);
    }
    Chart {
        svg: doc.finish(),
        marks,
    }
}

/// One series of a line chart.
#[derive(Debug, Clone, PartialEq)]
pub struct LineSeries {
    /// The series name (legend, tooltips).
    pub name: String,
    /// One value per month; shorter or `None` means missing (the line breaks).
    pub values: Vec<Option<f64>>,
}

/// A horizontal reference line, e.g. a standard.
#[derive(Debug, Clone, PartialEq)]
pub struct ReferenceLine {
    /// Its value.
    pub value: f64,
    /// Its label, written on the chart ("Standard: 75 per 1,000 per week").
    pub label: String,
}

/// What a line chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct LineChartInput {
    /// A page-unique id for the SVG.
    pub id: String,
    /// The chart title: drawn at the top and the SVG's `<title>`.
    pub title: String,
    /// A one-sentence plain-English summary: the SVG's `<desc>`.
    pub summary: String,
    /// The vertical axis label with units.
    pub y_label: String,
    /// Month labels in time order.
    pub months: Vec<String>,
    /// The series, in legend order.
    pub series: Vec<LineSeries>,
    /// An optional horizontal reference line.
    pub reference: Option<ReferenceLine>,
    /// Whether the value axis starts at zero.
    pub include_zero: bool,
    /// Decimal places of values in tooltips.
    pub decimals: usize,
}

/// Draws a line chart of one or more series over months.
///
/// Series are told apart by colour *and* line style (solid, dashed, dotted) *and*
/// marker shape; a legend lists them when there is more than one. The reference line
/// is dark, dashed twice as wide, and labelled on the chart.
///
/// Marks: one per series and month, series by series: mark `s × months + i` is month
/// `i` of series `s` ([`crate::MarkShape::Circle`]; zero-size on the bottom edge when
/// missing). Points carry `data-index` with the same number.
pub fn line_chart(input: &LineChartInput, size: Size) -> Chart {
    let n = input.months.len();
    let value =
        |s: &LineSeries, i: usize| s.values.get(i).copied().flatten().filter(|v| v.is_finite());
    let values = input
        .series
        .iter()
        .flat_map(|s| (0..n).filter_map(move |i| value(s, i)))
        .chain(input.reference.iter().map(|r| r.value));
    let (axis, y_ticks) = value_axis(values, input.include_zero, input.y_label.contains('%'));
    let style_of = |k: usize| {
        let colour: Colour = palette::categorical(k);
        (
            Stroke::solid(colour, 2.0).dash(series_dash(k)),
            Glyph::new(series_shape(k), colour, true),
        )
    };
    let reference_stroke = Stroke::solid(palette::BLACK, 1.5).dash(Dash::Dashed);
    let mut legend: Vec<LegendEntry> = Vec::new();
    if input.series.len() > 1 {
        for (k, s) in input.series.iter().enumerate() {
            let (stroke, glyph) = style_of(k);
            legend.push(LegendEntry::new(
                Key::LineMarker(stroke, glyph),
                s.name.clone(),
            ));
        }
        if let Some(r) = &input.reference {
            legend.push(LegendEntry::new(
                Key::Line(reference_stroke),
                r.label.clone(),
            ));
        }
    }
    let (mut doc, plot) = frame(
        size,
        &input.id,
        &input.summary,
        &FrameSpec {
            title: &input.title,
            y_label: &input.y_label,
            x_label: "",
            left_labels: widest(&y_ticks),
            x_tick_lines: 1,
            legend: &legend,
            notes: &[],
            legend_below: false,
        },
    );
    if n == 0 || input.series.is_empty() {
        return no_data(doc, plot);
    }
    let y = Linear::up(&axis, plot);
    let x = |i: usize| month_x(plot, n, i);
    y_grid(&mut doc, plot, y, &y_ticks);
    x_month_labels(&mut doc, plot, &input.months, x);
    axis_lines(&mut doc, plot);

    if let Some(r) = input.reference.as_ref().filter(|r| r.value.is_finite()) {
        let ry = y.px(r.value);
        doc.line(
            (plot.left, ry),
            (plot.right, ry),
            reference_stroke,
            Item::class("reference").title(r.label.clone()),
        );
    }

    let mut marks = Vec::with_capacity(n * input.series.len());
    for (k, s) in input.series.iter().enumerate() {
        let (stroke, glyph) = style_of(k);
        let xy: Vec<Option<(f64, f64)>> = (0..n)
            .map(|i| value(s, i).map(|v| (x(i), y.px(v))))
            .collect();
        doc.group("series");
        draw_series_line(&mut doc, &xy, stroke, Item::none());
        for (i, point) in xy.iter().enumerate() {
            let index = k * n + i;
            match point {
                Some((px, py)) => {
                    let tooltip = format!(
                        "{}, {}: {} ({})",
                        s.name,
                        input.months[i],
                        thousands(value(s, i).unwrap_or(f64::NAN), input.decimals),
                        input.y_label
                    );
                    draw_glyph(
                        &mut doc,
                        glyph,
                        *px,
                        *py,
                        3.5,
                        Item::class("point").index(index).title(tooltip),
                    );
                    marks.push(point_mark(index, *px, *py, 7.0));
                }
                None => marks.push(point_mark(index, x(i), plot.bottom, 0.0)),
            }
        }
        doc.close();
    }
    if let Some(r) = input.reference.as_ref().filter(|r| r.value.is_finite()) {
        let ry = y.px(r.value);
        // The label goes above or below the line, at its right or left end, wherever
        // it covers the fewest points; a white box keeps it readable over lines.
        let width = text_width(&r.label, TICK_SIZE, true);
        let above = ry - 6.0;
        let below = ry + TICK_SIZE + 4.0;
        let mut candidates = Vec::new();
        for ly in [above, below] {
            if ly - TICK_SIZE < plot.top || ly + 4.0 > plot.bottom {
                continue;
            }
            candidates.push((plot.right - 8.0 - width, ly));
            candidates.push((plot.left + 4.0, ly));
        }
        if candidates.is_empty() {
            candidates.push((plot.right - 8.0 - width, above.max(plot.top + TICK_SIZE)));
        }
        let covered = |(bx, ly): (f64, f64)| {
            marks
                .iter()
                .filter(|m| m.width > 0.0)
                .filter(|m| {
                    m.x >= bx - 6.0
                        && m.x <= bx + width + 14.0
                        && m.y >= ly - TICK_SIZE - 6.0
                        && m.y <= ly + 10.0
                })
                .count()
        };
        let (bx, ly) = candidates
            .iter()
            .copied()
            .min_by_key(|c| covered(*c))
            .expect("at least one candidate");
        doc.rect(
            bx,
            ly - TICK_SIZE,
            width + 8.0,
            TICK_SIZE + 4.0,
            Paint::fill(palette::WHITE).opacity(0.85),
            Item::none(),
        );
        doc.text(bx + 4.0, ly, &r.label, TextStyle::new(TICK_SIZE).bold());
    }
    Chart {
        svg: doc.finish(),
        marks,
    }
}
