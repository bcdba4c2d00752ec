//! Box plots: the spread of a measure across areas, as Fingertips draws it (whiskers at
//! the 5th and 95th percentiles, the box from the 25th to the 75th, the median inside),
//! with the comparator as a line and one chosen area marked.

use crate::draw::{Dash, Item, Paint, Stroke};
use crate::format::thousands;
use crate::palette;
use crate::plot::{
    axis_lines, draw_glyph, frame, point_mark, tick_labels, x_grid, FrameSpec, Glyph, Key,
    LegendEntry, Linear, Shape,
};
use crate::scale::Axis;
use crate::{Chart, Size};

/// What a box plot shows.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxPlotInput {
    /// A page-unique id for the SVG (see [`crate::BarChartInput::id`]).
    pub id: String,
    /// The chart title: drawn at the top and the SVG's `<title>`.
    pub title: String,
    /// A one-sentence plain-English summary: the SVG's `<desc>`.
    pub summary: String,
    /// The value axis label with units.
    pub value_label: String,
    /// The 5th, 25th, 50th, 75th and 95th percentiles, in that order.
    pub percentiles: [f64; 5],
    /// The comparator's value and name ("Leicester City"), drawn as a dashed line.
    pub comparator: Option<(f64, String)>,
    /// The area marked on the box and its value.
    pub marked: Option<(String, f64)>,
    /// Decimal places of values in the legend and tooltips.
    pub decimals: usize,
}

const MARK_RADIUS: f64 = 8.0;

/// Draws a horizontal box plot: the value axis across (fitted to the whiskers, the
/// comparator and the marked area; zero not forced in), whiskers from the 5th to the
/// 95th percentile with end caps, a pale box from the 25th to the 75th, a thick median
/// line, the comparator as a dashed line across, and the marked area as a black diamond
/// with its name above. The legend explains each part with its value, so nothing rests
/// on colour.
///
/// Marks: one [`crate::MarkShape::Circle`] for the marked area when there is one.
pub fn box_plot(input: &BoxPlotInput, size: Size) -> Chart {
    let [p5, p25, p50, p75, p95] = input.percentiles;
    let d = input.decimals;
    let box_paint = Paint::fill(palette::PALE_GREY).with_outline(palette::BLACK, 1.5);
    let whisker = Stroke::solid(palette::BLACK, 1.5);
    let median = Stroke::solid(palette::BLACK, 3.5);
    let comparator_stroke = Stroke::solid(palette::BLUE, 2.0).dash(Dash::Dashed);
    let marker = Glyph::new(Shape::Diamond, palette::BLACK, true);
    let mut legend = vec![
        LegendEntry::new(
            Key::Band(palette::PALE_GREY, 1.0),
            format!(
                "Middle half: 25th to 75th percentile ({} to {})",
                thousands(p25, d),
                thousands(p75, d)
            ),
        ),
        LegendEntry::new(Key::Line(median), format!("Median ({})", thousands(p50, d))),
        LegendEntry::new(
            Key::Line(whisker),
            format!(
                "Whiskers: 5th to 95th percentile ({} to {})",
                thousands(p5, d),
                thousands(p95, d)
            ),
        ),
    ];
    if let Some((value, name)) = &input.comparator {
        legend.push(LegendEntry::new(
            Key::Line(comparator_stroke),
            format!("{name} ({})", thousands(*value, d)),
        ));
    }
    if let Some((name, value)) = &input.marked {
        legend.push(LegendEntry::new(
            Key::Marker(marker),
            format!("{name} ({})", thousands(*value, d)),
        ));
    }
    let values = input
        .percentiles
        .iter()
        .copied()
        .chain(input.comparator.as_ref().map(|c| c.0))
        .chain(input.marked.as_ref().map(|m| m.1))
        .filter(|v| v.is_finite());
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let axis = Axis::around_within(lo, hi, 6, input.value_label.contains('%'));
    let ticks = tick_labels(&axis, "");
    let (mut doc, plot) = frame(
        size,
        &input.id,
        &input.summary,
        &FrameSpec {
            title: &input.title,
            y_label: "",
            x_label: &input.value_label,
            left_labels: 0.0,
            x_tick_lines: 1,
            legend: &legend,
            notes: &[],
            legend_below: true,
        },
    );
    let x = Linear::across(&axis, plot);
    x_grid(&mut doc, plot, x, &ticks);
    let mid = plot.top + plot.height() * 0.6;
    let half = (plot.height() * 0.22).min(28.0);
    let tooltip = format!(
        "5th percentile {}; 25th {}; median {}; 75th {}; 95th {}",
        thousands(p5, d),
        thousands(p25, d),
        thousands(p50, d),
        thousands(p75, d),
        thousands(p95, d)
    );
    doc.group_titled("box", &tooltip);
    doc.line((x.px(p5), mid), (x.px(p25), mid), whisker, Item::none());
    doc.line((x.px(p75), mid), (x.px(p95), mid), whisker, Item::none());
    for end in [p5, p95] {
        doc.line(
            (x.px(end), mid - half * 0.5),
            (x.px(end), mid + half * 0.5),
            whisker,
            Item::none(),
        );
    }
    doc.rect(
        x.px(p25),
        mid - half,
        (x.px(p75) - x.px(p25)).max(1.0),
        2.0 * half,
        box_paint,
        Item::none(),
    );
    doc.line(
        (x.px(p50), mid - half),
        (x.px(p50), mid + half),
        median,
        Item::none(),
    );
    doc.close();
    if let Some((value, name)) = &input.comparator {
        let cx = x.px(*value);
        doc.line(
            (cx, plot.top),
            (cx, plot.bottom),
            comparator_stroke,
            Item::class("comparator").title(format!("{name}: {}", thousands(*value, d))),
        );
    }
    axis_lines(&mut doc, plot);
    let mut marks = Vec::new();
    if let Some((name, value)) = &input.marked {
        if value.is_finite() {
            let mx = x.px(*value);
            let my = mid - half - MARK_RADIUS - 4.0;
            draw_glyph(
                &mut doc,
                marker,
                mx,
                my,
                MARK_RADIUS,
                Item::class("point")
                    .index(0)
                    .title(format!("{name}: {}", thousands(*value, d))),
            );
            marks.push(point_mark(0, mx, my, 2.0 * MARK_RADIUS));
        }
    }
    Chart {
        svg: doc.finish(),
        marks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(marked: Option<(String, f64)>) -> BoxPlotInput {
        BoxPlotInput {
            id: "b".into(),
            title: "Spread".into(),
            summary: "Half lie between 40 and 60.".into(),
            value_label: "Share (%)".into(),
            percentiles: [20.0, 40.0, 50.0, 60.0, 80.0],
            comparator: Some((52.0, "Testshire".into())),
            marked,
            decimals: 1,
        }
    }

    #[test]
    fn draws_the_box_the_whiskers_the_comparator_and_the_marked_area() {
        let chart = box_plot(
            &input(Some(("Practice A".into(), 70.0))),
            Size::new(760, 260),
        );
        assert!(chart
            .svg
            .contains("5th percentile 20.0; 25th 40.0; median 50.0; 75th 60.0; 95th 80.0"));
        assert!(chart.svg.contains("Testshire: 52.0"));
        assert!(chart.svg.contains("Practice A: 70.0"));
        assert!(chart
            .svg
            .contains("Middle half: 25th to 75th percentile (40.0 to 60.0)"));
        assert_eq!(chart.marks.len(), 1);
        // 70 lies between the median and the 95th percentile, left to right.
        let without = box_plot(&input(None), Size::new(760, 260));
        assert!(without.marks.is_empty());
        assert!(!without.svg.contains("Practice A"));
    }
}
