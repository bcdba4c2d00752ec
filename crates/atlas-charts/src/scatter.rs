//! Scatter plots: one measure against another across areas, with the least-squares
//! line, each area marked by its verdict on the second measure.

use crate::draw::{Item, Paint, Stroke};
use crate::format::thousands;
use crate::palette;
use crate::plot::{
    axis_lines, draw_glyph, frame, no_data, point_mark, tick_labels, widest, x_grid, y_grid,
    FrameSpec, Key, LegendEntry, Linear, RING_RADIUS,
};
use crate::ranked::{verdict_glyph, VERDICTS};
use crate::scale::Axis;
use crate::{Chart, Size};
use atlas_core::stats::benchmark::Comparison;

/// What a scatter plot shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ScatterInput {
    /// A page-unique id for the SVG (see [`crate::BarChartInput::id`]).
    pub id: String,
    /// The chart title: drawn at the top and the SVG's `<title>`.
    pub title: String,
    /// A one-sentence plain-English summary: the SVG's `<desc>`.
    pub summary: String,
    /// The horizontal axis label with units.
    pub x_label: String,
    /// The vertical axis label with units.
    pub y_label: String,
    /// The areas, in any order; marks follow this order.
    pub points: Vec<ScatterPoint>,
    /// The least-squares line (intercept, slope), drawn across the points' range of x.
    pub line: Option<(f64, f64)>,
    /// The line's legend entry ("Least-squares line, R² 0.20").
    pub line_label: String,
    /// What the markers' verdicts are against ("Leicester City"): legend entries read
    /// "Better than Leicester City".
    pub comparator: String,
    /// Decimal places of x and y in tooltips.
    pub decimals: (usize, usize),
    /// What the ringed points are ("Practices in North PCN"): the legend's entry for
    /// the ring, and the tooltip's words for a ringed point. `None`: nothing ringed.
    pub ringed: Option<String>,
}

/// One area on a scatter plot.
#[derive(Debug, Clone, PartialEq)]
pub struct ScatterPoint {
    /// The area's name (tooltip).
    pub label: String,
    pub x: f64,
    pub y: f64,
    /// How the area's value of the second measure compares with the comparator.
    pub verdict: Comparison,
    /// Ringed: one of the points [`ScatterInput::ringed`] names.
    pub ringed: bool,
}

const POINT_RADIUS: f64 = 5.5;

/// A verdict against a named comparator, as the legend and tooltips write it.
pub fn verdict_against(verdict: Comparison, comparator: &str) -> String {
    match verdict {
        Comparison::Better => format!("Better than {comparator}"),
        Comparison::Worse => format!("Worse than {comparator}"),
        Comparison::Similar => format!("Similar to {comparator}"),
        Comparison::Higher => format!("Higher than {comparator} (no better or worse)"),
        Comparison::Lower => format!("Lower than {comparator} (no better or worse)"),
        Comparison::NotCompared => "Not compared".to_string(),
    }
}

/// Draws a scatter plot: both axes fitted to the points (zero not forced in), grid
/// lines, the least-squares line as a solid dark line over the points' range of x,
/// and each area as a marker whose shape, fill *and* colour give its verdict (the
/// spine chart's markers); the legend lists the verdicts present and the line. Every
/// marker has a tooltip (name, both values, verdict) and `class="point"
/// data-index="i"`.
///
/// Marks: one [`crate::MarkShape::Circle`] per point, about the marker; points with a
/// value that is not finite are not drawn and get a zero-size mark at the plot's
/// top-left.
pub fn scatter_plot(input: &ScatterInput, size: Size) -> Chart {
    let valid = |p: &ScatterPoint| p.x.is_finite() && p.y.is_finite();
    let points: Vec<&ScatterPoint> = input.points.iter().filter(|p| valid(p)).collect();
    let range = |pick: fn(&ScatterPoint) -> f64| {
        points
            .iter()
            .map(|p| pick(p))
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            })
    };
    let (x_lo, x_hi) = range(|p| p.x);
    let (y_lo, y_hi) = range(|p| p.y);
    let x_axis = Axis::around_within(x_lo, x_hi, 6, input.x_label.contains('%'));
    let y_axis = Axis::around_within(y_lo, y_hi, 6, input.y_label.contains('%'));
    let y_ticks = tick_labels(&y_axis, "");
    let x_ticks = tick_labels(&x_axis, "");

    let line_stroke = Stroke::solid(palette::BLACK, 2.0);
    let mut legend: Vec<LegendEntry> = VERDICTS
        .iter()
        .filter(|v| points.iter().any(|p| p.verdict == **v))
        .map(|&v| {
            LegendEntry::new(
                Key::Marker(verdict_glyph(v)),
                verdict_against(v, &input.comparator),
            )
        })
        .collect();
    let ring = Stroke::solid(palette::BLACK, 2.5);
    if let Some(ringed) = input
        .ringed
        .as_ref()
        .filter(|_| points.iter().any(|p| p.ringed))
    {
        legend.push(LegendEntry::new(
            Key::Ring(ring),
            format!("{ringed} (ringed)"),
        ));
    }
    if input.line.is_some() {
        legend.push(LegendEntry::new(
            Key::Line(line_stroke),
            input.line_label.clone(),
        ));
    }
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
            // The width goes to the plot and the measure's name under it.
            legend_below: true,
        },
    );
    if points.is_empty() {
        return Chart {
            marks: (0..input.points.len())
                .map(|i| point_mark(i, plot.left, plot.top, 0.0))
                .collect(),
            ..no_data(doc, plot)
        };
    }
    let x = Linear::across(&x_axis, plot);
    let y = Linear::up(&y_axis, plot);
    y_grid(&mut doc, plot, y, &y_ticks);
    x_grid(&mut doc, plot, x, &x_ticks);
    if let Some((intercept, slope)) = input.line {
        // Over the points' range of x, cut where it would leave the plot.
        let at = |v: f64| (v, (intercept + slope * v).clamp(y_axis.lo, y_axis.hi));
        let ((x0, y0), (x1, y1)) = (at(x_lo), at(x_hi));
        doc.line(
            (x.px(x0), y.px(y0)),
            (x.px(x1), y.px(y1)),
            line_stroke,
            Item::class("fit").title(input.line_label.clone()),
        );
    }
    axis_lines(&mut doc, plot);
    // Points: similar and not compared first, so that the verdicts stay on top, and
    // ringed ones last of all.
    let mut order: Vec<usize> = (0..input.points.len())
        .filter(|&i| valid(&input.points[i]))
        .collect();
    order.sort_by_key(|&i| {
        let p = &input.points[i];
        (
            p.ringed,
            !matches!(p.verdict, Comparison::Similar | Comparison::NotCompared),
        )
    });
    doc.group("points");
    for &i in &order {
        let p = &input.points[i];
        let mut tooltip = format!(
            "{}: {} {}; {} {}; {}",
            p.label,
            input.x_label,
            thousands(p.x, input.decimals.0),
            input.y_label,
            thousands(p.y, input.decimals.1),
            verdict_against(p.verdict, &input.comparator)
        );
        if let Some(ringed) = input.ringed.as_ref().filter(|_| p.ringed) {
            tooltip = format!("{tooltip}; one of the {ringed}");
            doc.circle(
                x.px(p.x),
                y.px(p.y),
                RING_RADIUS,
                Paint::outline(ring.colour, ring.width),
                Item::class("ring"),
            );
        }
        draw_glyph(
            &mut doc,
            verdict_glyph(p.verdict),
            x.px(p.x),
            y.px(p.y),
            POINT_RADIUS,
            Item::class("point").index(i).title(tooltip),
        );
    }
    doc.close();
    let marks = input
        .points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            if valid(p) {
                point_mark(i, x.px(p.x), y.px(p.y), 2.0 * POINT_RADIUS)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn input(points: Vec<ScatterPoint>) -> ScatterInput {
        ScatterInput {
            id: "s".into(),
            title: "A against B".into(),
            summary: "They go together.".into(),
            x_label: "Measure A (%)".into(),
            y_label: "Measure B (%)".into(),
            points,
            line: Some((10.0, 0.5)),
            line_label: "Least-squares line, R² 0.50".into(),
            comparator: "Testshire".into(),
            decimals: (1, 1),
            ringed: None,
        }
    }

    fn point(i: usize, verdict: Comparison) -> ScatterPoint {
        ScatterPoint {
            label: format!("Practice {i}"),
            x: 10.0 + i as f64,
            y: 15.0 + 0.5 * i as f64 + if i % 2 == 0 { 1.0 } else { -1.0 },
            verdict,
            ringed: false,
        }
    }

    #[test]
    fn draws_a_marker_per_point_the_line_and_the_verdicts_present() {
        let mut points: Vec<ScatterPoint> = (0..12)
            .map(|i| {
                point(
                    i,
                    if i < 3 {
                        Comparison::Worse
                    } else {
                        Comparison::Similar
                    },
                )
            })
            .collect();
        points[5].y = f64::NAN;
        let chart = scatter_plot(&input(points), Size::new(760, 480));
        assert_eq!(chart.svg.matches("class=\"point\"").count(), 11);
        assert_eq!(chart.marks.len(), 12);
        assert_eq!(chart.marks[5].width, 0.0);
        // Higher x lies further right, higher y further up.
        assert!(chart.marks[1].x < chart.marks[2].x);
        assert!(chart.marks[0].y > chart.marks[11].y);
        assert!(chart.svg.contains("class=\"fit\""));
        assert!(chart.svg.contains("Worse than Testshire"));
        assert!(chart.svg.contains("Similar to Testshire"));
        assert!(!chart.svg.contains("Better than Testshire"));
        assert!(chart
            .svg
            .contains("Practice 0: Measure A (%) 10.0; Measure B (%) 16.0; Worse than Testshire"));
    }

    #[test]
    fn ringed_points_are_ringed_named_in_the_legend_and_drawn_last() {
        let mut points: Vec<ScatterPoint> = (0..6).map(|i| point(i, Comparison::Similar)).collect();
        points[1].ringed = true;
        points[4].ringed = true;
        let mut chart_input = input(points);
        let plain = scatter_plot(&chart_input, Size::new(760, 480));
        assert!(!plain.svg.contains("class=\"ring\""));
        chart_input.ringed = Some("Practices in North PCN".into());
        let chart = scatter_plot(&chart_input, Size::new(760, 480));
        assert_eq!(chart.svg.matches("class=\"ring\"").count(), 2);
        assert!(chart.svg.contains("Practices in North PCN (ringed)"));
        assert!(chart
            .svg
            .contains("Similar to Testshire; one of the Practices in North PCN"));
        // Ringed points are drawn after the others, so they stay on top.
        let last_plain = chart.svg.rfind("data-index=\"5\"").unwrap();
        assert!(chart.svg.rfind("data-index=\"4\"").unwrap() > last_plain);
        assert!(chart.svg.rfind("data-index=\"1\"").unwrap() > last_plain);
    }

    #[test]
    fn no_points_says_so() {
        let chart = scatter_plot(&input(Vec::new()), Size::new(760, 480));
        assert!(chart.marks.is_empty());
        assert!(chart.svg.contains("No data to show."));
    }
}
