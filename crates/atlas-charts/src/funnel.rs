//! Funnel plots: each area's value against its denominator, with control limits.

use crate::draw::{Dash, Item, Stroke};
use crate::format::thousands;
use crate::palette;
use crate::plot::{
    axis_lines, draw_crowded_points, draw_glyph, frame, no_data, point_mark, tick_labels, widest,
    x_grid, y_grid, FrameSpec, Key, LegendEntry, Linear, Significance, CROWDED_POINTS, LABEL_SIZE,
};
use crate::scale::Axis;
use crate::svg::{Anchor, TextStyle};
use crate::{Chart, Size};

/// What a funnel plot shows.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelInput {
    /// A page-unique id for the SVG (see [`crate::BarChartInput::id`]).
    pub id: String,
    /// The chart title: drawn at the top and the SVG's `<title>`.
    pub title: String,
    /// A one-sentence plain-English summary: the SVG's `<desc>`.
    pub summary: String,
    /// The horizontal axis label with units ("Registered patients").
    pub x_label: String,
    /// The vertical axis label with units ("Appointments per 1,000 patients per week").
    pub y_label: String,
    /// The areas (practices), in any order; marks follow this order.
    pub areas: Vec<FunnelArea>,
    /// The benchmark (the funnel's centre line), in the units of the values.
    pub benchmark: f64,
    /// The benchmark's name for the legend ("Leicester City average").
    pub benchmark_label: String,
    /// The control limits sampled along the denominator, in increasing order; the
    /// curves are drawn through these rows.
    pub limits: Vec<FunnelLimitRow>,
    /// Decimal places of values in tooltips.
    pub decimals: usize,
    /// True when the limits are widened for overdispersion: the legend says so.
    pub widened: bool,
}

/// One area on a funnel plot.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelArea {
    /// The area's name (tooltip).
    pub label: String,
    /// The denominator (list size): the horizontal position.
    pub denominator: f64,
    /// The value (a percentage or a rate): the vertical position.
    pub value: f64,
    /// Where the value falls against the limits at its denominator.
    pub significance: Significance,
}

/// The control limits at one denominator.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FunnelLimitRow {
    /// The denominator.
    pub denominator: f64,
    /// Lower 95 % limit.
    pub lower_95: f64,
    /// Upper 95 % limit.
    pub upper_95: f64,
    /// Lower 99.8 % limit.
    pub lower_99_8: f64,
    /// Upper 99.8 % limit.
    pub upper_99_8: f64,
}

const POINT_RADIUS: f64 = 5.5;

/// Draws a funnel plot.
///
/// x: the denominator from zero; y: the value, fitted to the points, the benchmark and
/// the limits over the points' range of denominators. The 95 % limits are dashed, the
/// 99.8 % limits solid, the benchmark a solid dark line. Each area is a marker whose
/// shape *and* colour give its significance: up-triangles high, down-triangles low,
/// grey circles not significant; filled beyond 99.8 %, hollow beyond 95 %. The legend
/// explains shapes and lines. Every marker has a tooltip (name, value, denominator,
/// significance) and `class="point" data-index="i"`.
///
/// Marks: one [`crate::MarkShape::Circle`] per area, about the marker; areas with a
/// value or denominator that is not finite are not drawn and get a zero-size mark at
/// the plot's top-left.
pub fn funnel_plot(input: &FunnelInput, size: Size) -> Chart {
    let valid = |a: &FunnelArea| a.value.is_finite() && a.denominator.is_finite();
    let areas: Vec<&FunnelArea> = input.areas.iter().filter(|a| valid(a)).collect();
    let min_den = areas
        .iter()
        .map(|a| a.denominator)
        .fold(f64::INFINITY, f64::min);
    let max_den = areas.iter().map(|a| a.denominator).fold(0.0, f64::max);
    let x_axis = Axis::covering(0.0, max_den, 5);
    let rows: Vec<&FunnelLimitRow> = input
        .limits
        .iter()
        .filter(|r| {
            r.denominator >= min_den * 0.95
                && r.denominator <= x_axis.hi
                && [r.lower_95, r.upper_95, r.lower_99_8, r.upper_99_8]
                    .iter()
                    .all(|v| v.is_finite())
        })
        .collect();
    // Limits of a measure that cannot be negative stop at zero (the normal approximation
    // can take a lower limit below it at small denominators).
    let floor = if areas.iter().all(|a| a.value >= 0.0) {
        0.0
    } else {
        f64::NEG_INFINITY
    };
    let values = areas
        .iter()
        .map(|a| a.value)
        .chain(std::iter::once(input.benchmark).filter(|b| b.is_finite()))
        .chain(
            rows.iter()
                .flat_map(|r| [r.lower_99_8.max(floor), r.upper_99_8]),
        );
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let y_axis = Axis::around_within(lo, hi, 6, input.y_label.contains('%'));
    let y_ticks = tick_labels(&y_axis, "");
    let x_ticks = tick_labels(&x_axis, "");

    let limit_95 = Stroke::solid(palette::DARK_GREY, 1.25).dash(Dash::Dashed);
    let limit_99 = Stroke::solid(palette::DARK_GREY, 1.5);
    let bench = Stroke::solid(palette::BLACK, 2.0);
    let mut legend: Vec<LegendEntry> = Significance::ALL
        .iter()
        .map(|s| LegendEntry::new(Key::Marker(s.glyph()), s.label()))
        .collect();
    legend.push(LegendEntry::new(
        Key::Line(bench),
        format!(
            "{} ({})",
            input.benchmark_label,
            thousands(input.benchmark, input.decimals)
        ),
    ));
    let widened = if input.widened {
        ", widened for overdispersion"
    } else {
        ""
    };
    legend.push(LegendEntry::new(
        Key::Line(limit_95),
        format!("95% limits{widened}"),
    ));
    legend.push(LegendEntry::new(
        Key::Line(limit_99),
        format!("99.8% limits{widened}"),
    ));

    let (mut doc, plot) = frame(
        size,
        &input.id,
        &input.summary,
        &FrameSpec {
            title: &input.title,
            y_label: &input.y_label,
            x_label: &input.x_label,
            left_labels: widest(&y_ticks),
            x_tick_lines: 1,
            legend: &legend,
            notes: &[],
            legend_below: false,
        },
    );
    if areas.is_empty() {
        // Marks stay one per area, all at the corner, so overlays keep their count.
        return Chart {
            marks: input
                .areas
                .iter()
                .enumerate()
                .map(|(i, _)| point_mark(i, plot.left, plot.top, 0.0))
                .collect(),
            ..no_data(doc, plot)
        };
    }
    let x = Linear::across(&x_axis, plot);
    let y = Linear::up(&y_axis, plot);
    y_grid(&mut doc, plot, y, &y_ticks);
    x_grid(&mut doc, plot, x, &x_ticks);

    // Limits, then the benchmark.
    doc.group("limits");
    type Pick = fn(&FunnelLimitRow) -> f64;
    let curves: [(Pick, Stroke, &str); 4] = [
        (|r| r.upper_99_8, limit_99, "Upper 99.8% limit"),
        (|r| r.upper_95, limit_95, "Upper 95% limit"),
        (|r| r.lower_95, limit_95, "Lower 95% limit"),
        (|r| r.lower_99_8, limit_99, "Lower 99.8% limit"),
    ];
    for (pick, stroke, name) in curves {
        let points: Vec<(f64, f64)> = rows
            .iter()
            .map(|r| (x.px(r.denominator), y.px(pick(r).max(floor))))
            .collect();
        doc.path(&points, stroke, Item::class("limit").title(name));
    }
    doc.close();
    if input.benchmark.is_finite() {
        let by = y.px(input.benchmark);
        doc.line(
            (plot.left, by),
            (plot.right, by),
            bench,
            Item::class("benchmark").title(format!(
                "{}: {}",
                input.benchmark_label,
                thousands(input.benchmark, input.decimals)
            )),
        );
    }
    axis_lines(&mut doc, plot);

    // Points: not significant first, so that significant ones stay on top.
    let mut order: Vec<usize> = (0..input.areas.len())
        .filter(|&i| valid(&input.areas[i]))
        .collect();
    order.sort_by_key(|&i| input.areas[i].significance != Significance::NotSignificant);
    doc.group("points");
    if order.len() > CROWDED_POINTS {
        // One path per kind of point, in the same order (not significant first).
        let points = order.iter().map(|&i| {
            let a = &input.areas[i];
            (a.significance, (x.px(a.denominator), y.px(a.value)))
        });
        draw_crowded_points(&mut doc, points, POINT_RADIUS);
    } else {
        for &i in &order {
            let area = &input.areas[i];
            let tooltip = format!(
                "{}: {} ({}); {} {}; {}",
                area.label,
                thousands(area.value, input.decimals),
                input.y_label,
                thousands(area.denominator, 0),
                input.x_label.to_lowercase(),
                area.significance.label()
            );
            draw_glyph(
                &mut doc,
                area.significance.glyph(),
                x.px(area.denominator),
                y.px(area.value),
                POINT_RADIUS,
                Item::class("point").index(i).title(tooltip),
            );
        }
    }
    doc.close();
    if rows.is_empty() {
        doc.text(
            plot.right - 4.0,
            plot.top + LABEL_SIZE,
            "No limits to show.",
            TextStyle::new(LABEL_SIZE)
                .anchor(Anchor::End)
                .fill(palette::DARK_GREY),
        );
    }

    let marks = input
        .areas
        .iter()
        .enumerate()
        .map(|(i, area)| {
            if valid(area) {
                point_mark(
                    i,
                    x.px(area.denominator),
                    y.px(area.value),
                    2.0 * POINT_RADIUS,
                )
            } else {
                point_mark(i, plot.left, plot.top, 0.0)
            }
        })
        .collect();
    Chart {
        svg: doc.finish(),
        marks,
    }
}
