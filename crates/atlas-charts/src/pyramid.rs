//! Population pyramids: an area's registered patients by five-year age band, males to
//! the left and females to the right, each band as a share of the whole population,
//! with a comparator's shares drawn over the bars as a line.

use crate::draw::{Item, Paint, Stroke};
use crate::format::thousands;
use crate::palette;
use crate::plot::{axis_lines, frame, FrameSpec, Key, LegendEntry, Linear, TICK_SIZE};
use crate::scale::Axis;
use crate::svg::{Anchor, TextStyle};
use crate::{Chart, Mark, MarkShape, Size};

/// What a pyramid shows.
#[derive(Debug, Clone, PartialEq)]
pub struct PyramidInput {
    /// A page-unique id for the SVG (see [`crate::BarChartInput::id`]).
    pub id: String,
    /// The chart title: drawn at the top and the SVG's `<title>`.
    pub title: String,
    /// A one-sentence plain-English summary: the SVG's `<desc>`.
    pub summary: String,
    /// The age bands, youngest first ("0–4", …, "95+"); drawn bottom to top.
    pub bands: Vec<String>,
    /// Each band's males and females as a share (%) of the whole population.
    pub male: Vec<f64>,
    pub female: Vec<f64>,
    /// The comparator's name and its shares (males, females), drawn as a line.
    pub comparator: Option<(String, Vec<f64>, Vec<f64>)>,
}

/// Males' and females' bars: two colours that differ in lightness as well as hue, and
/// each side named in words above the plot, so colour is never alone.
const MALE: palette::Colour = palette::BLUE;
const FEMALE: palette::Colour = palette::AQUA_GREEN;
/// Room above the plot for the side names.
const SIDE_NAMES: f64 = 22.0;

/// Draws a pyramid: bands bottom (youngest) to top, males' bars leftwards and females'
/// rightwards from a centre line, on one axis of shares (%) labelled without sign on
/// both sides; the comparator's shares as a dark stepped outline over each side. Each
/// band's bars carry a tooltip with both sexes' shares (and the comparator's).
///
/// Marks: one [`MarkShape::Rect`] per band, across both bars.
pub fn pyramid_chart(input: &PyramidInput, size: Size) -> Chart {
    let comparator_stroke = Stroke::solid(palette::BLACK, 2.0);
    let mut legend = vec![
        LegendEntry::new(Key::Band(MALE, 1.0), "Males (left)"),
        LegendEntry::new(Key::Band(FEMALE, 1.0), "Females (right)"),
    ];
    if let Some((name, _, _)) = &input.comparator {
        legend.push(LegendEntry::new(
            Key::Line(comparator_stroke),
            format!("{name} (outline)"),
        ));
    }
    let widest = input
        .male
        .iter()
        .chain(&input.female)
        .chain(
            input
                .comparator
                .iter()
                .flat_map(|(_, m, f)| m.iter().chain(f)),
        )
        .copied()
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let half = Axis::covering(0.0, widest.max(0.5), 3);
    let axis = Axis {
        lo: -half.hi,
        hi: half.hi,
        step: half.step,
    };
    let band_labels_width = input
        .bands
        .iter()
        .map(|b| crate::text_width(b, TICK_SIZE, false))
        .fold(0.0, f64::max)
        .ceil();
    let (mut doc, mut plot) = frame(
        size,
        &input.id,
        &input.summary,
        &FrameSpec {
            title: &input.title,
            y_label: "Age (years)",
            x_label: "Share of all registered patients (%)",
            left_labels: band_labels_width,
            x_tick_lines: 1,
            legend: &legend,
            notes: &[],
            legend_below: true,
        },
    );
    plot.top += SIDE_NAMES;
    let x = Linear::across(&axis, plot);
    let side = TextStyle::new(TICK_SIZE + 1.0).bold();
    doc.text(plot.left, plot.top - 8.0, "Males", side);
    doc.text(
        plot.right,
        plot.top - 8.0,
        "Females",
        side.anchor(Anchor::End),
    );
    // Gridlines at the ticks, labelled without sign either side of the centre.
    let ticks: Vec<(f64, String)> = axis
        .ticks()
        .into_iter()
        .map(|t| {
            (
                t,
                thousands(t.abs(), crate::format::decimals_for_step(axis.step)),
            )
        })
        .collect();
    crate::plot::x_grid(&mut doc, plot, x, &ticks);
    let n = input.bands.len().max(1);
    let band_height = plot.height() / n as f64;
    let bar = band_height * 0.82;
    let label_style = TextStyle::new(TICK_SIZE)
        .anchor(Anchor::End)
        .fill(palette::DARK_GREY);
    let centre = x.px(0.0);
    let mut marks = Vec::with_capacity(n);
    doc.group("bands");
    for (i, band) in input.bands.iter().enumerate() {
        // Youngest at the bottom.
        let top = plot.bottom - (i + 1) as f64 * band_height + (band_height - bar) / 2.0;
        // A share missing from a shorter input draws no bar, rather than failing.
        let share = |v: &[f64]| v.get(i).copied().filter(|x| x.is_finite()).unwrap_or(0.0);
        let (m, f) = (share(&input.male), share(&input.female));
        let mut tooltip = format!(
            "Aged {band}: males {}%, females {}%",
            thousands(m, 1),
            thousands(f, 1)
        );
        if let Some((name, cm, cf)) = &input.comparator {
            tooltip.push_str(&format!(
                "; {name}: males {}%, females {}%",
                thousands(share(cm), 1),
                thousands(share(cf), 1)
            ));
        }
        doc.group_titled("band", &tooltip);
        let (left, right) = (x.px(-m.max(0.0)), x.px(f.max(0.0)));
        doc.rect(
            left,
            top,
            centre - left,
            bar,
            Paint::fill(MALE),
            Item::class("male"),
        );
        doc.rect(
            centre,
            top,
            right - centre,
            bar,
            Paint::fill(FEMALE),
            Item::class("female"),
        );
        doc.close();
        doc.text(
            plot.left - 6.0,
            top + bar / 2.0 + TICK_SIZE * 0.35,
            band,
            label_style,
        );
        marks.push(Mark {
            index: i,
            x: left.min(centre - 4.0),
            y: top,
            width: (right.max(centre + 4.0) - left.min(centre - 4.0)).max(8.0),
            height: bar,
            shape: MarkShape::Rect,
        });
    }
    doc.close();
    if let Some((name, cm, cf)) = &input.comparator {
        // Each side's outline: a step per band, bottom to top.
        for (shares, sign, class) in [
            (cm, -1.0, "comparator-male"),
            (cf, 1.0, "comparator-female"),
        ] {
            let mut points = Vec::with_capacity(2 * n);
            for (i, share) in shares.iter().take(n).enumerate() {
                let px = x.px(sign * share.max(0.0));
                let bottom = plot.bottom - i as f64 * band_height;
                points.push((px, bottom));
                points.push((px, bottom - band_height));
            }
            doc.path(
                &points,
                comparator_stroke,
                Item::class(class).title(format!("{name}, by age")),
            );
        }
    }
    doc.line(
        (centre, plot.top),
        (centre, plot.bottom),
        Stroke::solid(palette::MID_GREY, 1.0),
        Item::none(),
    );
    axis_lines(&mut doc, plot);
    Chart {
        svg: doc.finish(),
        marks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(comparator: bool) -> PyramidInput {
        let bands: Vec<String> = (0..20)
            .map(|i| format!("{}–{}", 5 * i, 5 * i + 4))
            .collect();
        let male: Vec<f64> = (0..20).map(|i| 4.0 - 0.18 * i as f64).collect();
        let female: Vec<f64> = (0..20).map(|i| 4.2 - 0.19 * i as f64).collect();
        PyramidInput {
            id: "p".into(),
            title: "Registered patients by age and sex".into(),
            summary: "Younger than the place.".into(),
            comparator: comparator.then(|| ("Testshire".to_string(), female.clone(), male.clone())),
            bands,
            male,
            female,
        }
    }

    #[test]
    fn shares_missing_from_a_short_input_draw_no_bar() {
        let mut short = input(true);
        short.male.truncate(5);
        short.female[3] = f64::NAN;
        let chart = pyramid_chart(&short, Size::new(760, 620));
        assert_eq!(chart.marks.len(), 20);
        assert!(chart.svg.contains("Aged 25–29: males 0.0%"));
        assert!(chart.svg.contains("Aged 15–19: males 3.5%, females 0.0%"));
    }

    #[test]
    fn draws_a_band_each_males_left_females_right_youngest_at_the_bottom() {
        let chart = pyramid_chart(&input(true), Size::new(760, 620));
        assert_eq!(chart.svg.matches("class=\"male\"").count(), 20);
        assert_eq!(chart.svg.matches("class=\"female\"").count(), 20);
        assert_eq!(chart.marks.len(), 20);
        // The youngest band lowest, and wider than the oldest.
        assert!(chart.marks[0].y > chart.marks[19].y);
        assert!(chart.marks[0].width > chart.marks[19].width);
        assert!(chart
            .svg
            .contains("Aged 0–4: males 4.0%, females 4.2%; Testshire: males 4.2%, females 4.0%"));
        assert!(chart.svg.contains("Testshire (outline)"));
        assert!(chart.svg.contains("class=\"comparator-male\""));
        assert!(chart.svg.contains(">Males<") && chart.svg.contains(">Females<"));
        // Ticks carry no sign on the males' side.
        assert!(!chart.svg.contains(">-"));
        let alone = pyramid_chart(&input(false), Size::new(760, 620));
        assert!(!alone.svg.contains("comparator-male"));
    }
}
