//! Horizontal bar charts.

use crate::draw::{Canvas, Item, Paint, Stroke};
use crate::format::{decimals_for_step, thousands};
use crate::palette::{self, Colour};
use crate::scale::Axis;
use crate::svg::{text_width, wrap, Anchor, TextStyle};
use crate::{Chart, Mark, MarkShape, Size};

/// What a bar chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChartInput {
    /// A page-unique id for the SVG; the `<title>` and `<desc>` ids derive from it.
    /// Characters other than `A–Z a–z 0–9 - _` are dropped.
    pub id: String,
    /// The chart title, drawn at the top and used as the SVG's `<title>`.
    pub title: String,
    /// A one-sentence plain-English summary: the SVG's `<desc>`.
    pub summary: String,
    /// The value axis label, with units ("Registered patients").
    pub value_label: String,
    /// The bars, top to bottom, in the order given (the caller sorts).
    pub bars: Vec<Bar>,
    /// Decimal places of the value labels (0 for counts). Tick labels use as many as
    /// their step needs.
    pub decimals: usize,
    /// The bar colour; NHS blue when `None`.
    pub colour: Option<Colour>,
}

/// One bar: a category and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The category name, drawn left of the bar and kept in full in the bar's tooltip.
    pub label: String,
    /// The value. A value that is not finite draws no bar and is labelled "no data".
    pub value: f64,
}

const PAD: f64 = 12.0;
const TITLE_SIZE: f64 = 18.0;
const LABEL_SIZE: f64 = 13.0;
const VALUE_SIZE: f64 = 12.0;
const TICK_SIZE: f64 = 12.0;
const AXIS_LABEL_SIZE: f64 = 13.0;
/// Gap between a category label and the plot, and between a bar and its value label.
const GAP: f64 = 8.0;
/// The category labels never take more than this share of the width; longer names wrap
/// onto a second line, and only then are cut with an ellipsis.
const MAX_LABEL_SHARE: f64 = 0.42;
/// Bars fill this share of their band.
const BAR_SHARE: f64 = 0.66;
const MAX_BAR_HEIGHT: f64 = 40.0;

/// Draws a horizontal bar chart.
///
/// Bars run top to bottom in input order from a value axis that always includes zero,
/// with vertical gridlines at round values, tick labels with thousands separators and
/// the axis label below. Every bar is labelled with its value at its end and carries a
/// `<title>` tooltip with its full name and value. Category names get a label area as
/// wide as the longest one (estimated from Arial widths at 13 px) up to 42 % of the
/// width; longer names wrap onto two lines and only then are cut with an ellipsis.
///
/// Marks: one [`MarkShape::Rect`] per bar, the bar's own rectangle (zero width for a
/// zero or missing value).
pub fn bar_chart(input: &BarChartInput, size: Size) -> Chart {
    let width = f64::from(size.width);
    let height = f64::from(size.height);
    let mut doc = Canvas::new(size, &input.id, &input.title, &input.summary);

    // Title, wrapped to at most two lines.
    let title_style = TextStyle::new(TITLE_SIZE).bold();
    let (title_lines, _) = wrap(&input.title, TITLE_SIZE, true, width - 2.0 * PAD, 2);
    let title_baseline = PAD + title_style.ascent();
    doc.lines(PAD, title_baseline, &title_lines, title_style);
    let title_bottom =
        PAD + title_lines.len().max(1) as f64 * title_style.line_height() + PAD / 2.0;

    if input.bars.is_empty() {
        let style = TextStyle::new(LABEL_SIZE).fill(palette::DARK_GREY);
        doc.text(PAD, title_bottom + 20.0, "No data to show.", style);
        return Chart {
            svg: doc.finish(),
            marks: Vec::new(),
        };
    }

    // Vertical layout, from the bottom up: axis label, tick labels, plot.
    let axis_label_baseline = height - PAD - 2.0;
    let tick_baseline = axis_label_baseline - AXIS_LABEL_SIZE - 10.0;
    let plot_bottom = tick_baseline - TICK_SIZE - 4.0;
    let plot_top = title_bottom + 4.0;

    // Category label area: as wide as the longest name, within the cap.
    let label_style = TextStyle::new(LABEL_SIZE).anchor(Anchor::End);
    let longest = input
        .bars
        .iter()
        .map(|bar| text_width(&bar.label, LABEL_SIZE, false))
        .fold(0.0, f64::max);
    let label_width = longest.min(width * MAX_LABEL_SHARE).ceil();
    let label_right = PAD + label_width;
    let plot_left = label_right + GAP;

    // Value axis: the room right of the plot holds the widest value label.
    let finite = || input.bars.iter().map(|b| b.value).filter(|v| v.is_finite());
    let min = finite().fold(0.0, f64::min);
    let max = finite().fold(0.0, f64::max);
    let axis = Axis::covering(min, max, 5);
    let value_text = |value: f64| {
        if value.is_finite() {
            thousands(value, input.decimals)
        } else {
            "no data".to_string()
        }
    };
    let widest_value = input
        .bars
        .iter()
        .map(|bar| text_width(&value_text(bar.value), VALUE_SIZE, false))
        .fold(0.0, f64::max);
    let value_room = widest_value + GAP;
    let plot_right = width - PAD - value_room;
    // Negative values put their labels left of their bars: keep room for them too.
    let data_left = if min < 0.0 {
        plot_left + value_room
    } else {
        plot_left
    };
    let x_of =
        |value: f64| data_left + (value - axis.lo) / (axis.hi - axis.lo) * (plot_right - data_left);

    // Gridlines and tick labels.
    let tick_style = TextStyle::new(TICK_SIZE)
        .anchor(Anchor::Middle)
        .fill(palette::DARK_GREY);
    let tick_decimals = decimals_for_step(axis.step);
    doc.group("grid");
    for tick in axis.ticks() {
        let x = x_of(tick);
        doc.line(
            (x, plot_top),
            (x, plot_bottom),
            Stroke::solid(palette::PALE_GREY, 1.0),
            Item::none(),
        );
        doc.text(
            x,
            tick_baseline,
            &thousands(tick, tick_decimals),
            tick_style,
        );
    }
    doc.close();
    // The value axis line along the bottom of the plot.
    doc.line(
        (data_left, plot_bottom),
        (plot_right, plot_bottom),
        Stroke::solid(palette::MID_GREY, 1.0),
        Item::class("axis"),
    );
    let axis_label_style = TextStyle::new(AXIS_LABEL_SIZE)
        .anchor(Anchor::Middle)
        .fill(palette::BLACK);
    doc.text(
        (data_left + plot_right) / 2.0,
        axis_label_baseline,
        &input.value_label,
        axis_label_style,
    );

    // Bars, their category labels and their value labels.
    let count = input.bars.len() as f64;
    let band = (plot_bottom - plot_top) / count;
    let bar_height = (band * BAR_SHARE).min(MAX_BAR_HEIGHT);
    let max_label_lines = if band >= 2.0 * label_style.line_height() {
        2
    } else {
        1
    };
    let label_size = LABEL_SIZE.min(band * 0.8).max(6.0);
    let label_style = TextStyle {
        size: label_size,
        ..label_style
    };
    let value_style = TextStyle::new(VALUE_SIZE.min(band * 0.8).max(6.0));
    let colour = input.colour.unwrap_or(palette::BLUE);
    let zero = x_of(0.0);
    let mut marks = Vec::with_capacity(input.bars.len());
    doc.group("bars");
    for (index, bar) in input.bars.iter().enumerate() {
        let centre = plot_top + band * (index as f64 + 0.5);
        let top = centre - bar_height / 2.0;
        let (left, bar_width) = if bar.value.is_finite() {
            let end = x_of(bar.value);
            (end.min(zero), (end - zero).abs())
        } else {
            (zero, 0.0)
        };
        let value = value_text(bar.value);
        let tooltip = format!("{}: {} ({})", bar.label, value, input.value_label);
        doc.rect(
            left,
            top,
            bar_width,
            bar_height,
            Paint::fill(colour),
            Item::class("bar").index(index).title(tooltip),
        );
        marks.push(Mark {
            index,
            x: left,
            y: top,
            width: bar_width,
            height: bar_height,
            shape: MarkShape::Rect,
        });

        // Category label, vertically centred on the bar, with the full name as tooltip.
        let (lines, _) = wrap(&bar.label, label_size, false, label_width, max_label_lines);
        let first_baseline = centre - (lines.len() as f64 - 1.0) * label_style.line_height() / 2.0
            + label_style.size * 0.35;
        doc.group_titled("category", &bar.label);
        doc.lines(label_right, first_baseline, &lines, label_style);
        doc.close();

        // Value label just past the end of the bar.
        let baseline = centre + value_style.size * 0.35;
        let (x, anchor) = if bar.value < 0.0 {
            (left - GAP / 2.0, Anchor::End)
        } else {
            (left + bar_width + GAP / 2.0, Anchor::Start)
        };
        let mut tag_style = value_style.anchor(anchor);
        if !bar.value.is_finite() {
            tag_style = tag_style.fill(palette::DARK_GREY);
        }
        doc.text(x, baseline, &value, tag_style);
    }
    doc.close();

    // The zero line over the bars' base, when the axis spans negative values.
    if axis.lo < 0.0 {
        doc.line(
            (zero, plot_top),
            (zero, plot_bottom),
            Stroke::solid(palette::DARK_GREY, 1.0),
            Item::class("zero"),
        );
    }

    Chart {
        svg: doc.finish(),
        marks,
    }
}
