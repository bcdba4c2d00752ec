//! Drawing through plotters' SVG backend, supersampled, with an accessible wrapper.
//!
//! Every primitive of every chart (rectangles, circles, lines, polygons, text) is drawn
//! by `plotters` on [`SVGBackend`]. Two things plotters cannot do are handled here:
//!
//! 1. **Sub-pixel geometry.** Backend coordinates are integers (`(i32, i32)`, circle
//!    radii `u32`). Charts are therefore drawn on a backend [`SUPERSAMPLE`] times larger
//!    than the chart: every coordinate, radius, stroke width and font size is
//!    multiplied by `K` = [`SUPERSAMPLE`] and rounded, so the geometry is exact to
//!    1/`K` px. The root `<svg>` keeps plotters' `viewBox="0 0 W·K H·K"` but gets
//!    `width`/`height` `W`/`H`, so the chart displays at its [`Size`].
//! 2. **Accessibility and hooks for the app.** plotters writes no `role`, `<title>`,
//!    `<desc>`, `class` or `data-index`. Each primitive is drawn on its own throwaway
//!    backend; the fragment plotters writes is then passed through [`annotate`], which
//!    adds `class`/`data-index` to its first element and, optionally, a `<title>`
//!    tooltip as that element's child. The root, the `<title>`/`<desc>` and the `<g>`
//!    groups are written here, with [`escape`].
//!
//! Text is never measured: plotters measures text only in its chart-layout code and in
//! `estimate_text_size`, neither of which is used. `SVGBackend::draw_text` writes the
//! text as given (escaped) with `text-anchor` and a `dy` for the vertical anchor. Text
//! here is anchored at the middle of its x-height (`VPos::Center`, `dy="0.5ex"`), so a
//! baseline `y` is drawn at `y - 0.5ex` ([`EX`]).

use crate::palette::{self, Colour};
use crate::svg::{escape, sanitize_id, Anchor, TextStyle, FONT_FAMILY};
use crate::{Size, SUPERSAMPLE};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::{
    Circle as PCircle, DrawingArea, FontDesc, FontFamily, FontStyle, FontTransform,
    IntoDrawingArea, PathElement, Polygon as PPolygon, RGBColor, Rectangle as PRectangle,
    SVGBackend, ShapeStyle, Text as PText,
};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::Color as _;
use std::fmt::Write as _;

/// The supersampling factor as a float.
const K: f64 = SUPERSAMPLE as f64;

/// The x-height of Arial in ems: a baseline is this far (in font sizes, halved) below
/// the point plotters anchors with `VPos::Center` (`dy="0.5ex"`).
pub(crate) const EX: f64 = 0.52;

/// A backend coordinate: chart pixels times [`SUPERSAMPLE`], rounded.
fn p(x: f64, y: f64) -> (i32, i32) {
    (scaled(x), scaled(y))
}

/// A length in chart pixels as backend units, rounded; not finite becomes 0.
fn scaled(value: f64) -> i32 {
    if value.is_finite() {
        (value * K).round().clamp(-1e9, 1e9) as i32
    } else {
        0
    }
}

/// A length in chart pixels as a non-negative backend size (radius, stroke width).
fn scaled_u(value: f64) -> u32 {
    scaled(value).max(0) as u32
}

fn rgb(colour: Colour) -> RGBColor {
    let (r, g, b) = colour.components();
    RGBColor(r, g, b)
}

/// How a line is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Dash {
    /// A continuous line.
    Solid,
    /// Dashes of 6 px with 4 px gaps.
    Dashed,
    /// Short dashes of 1.5 px with 3 px gaps: reads as a dotted line.
    Dotted,
}

/// A line style: colour, width in chart pixels and dash pattern.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Stroke {
    pub colour: Colour,
    pub width: f64,
    pub dash: Dash,
}

impl Stroke {
    /// A solid line.
    pub(crate) fn solid(colour: Colour, width: f64) -> Stroke {
        Stroke {
            colour,
            width,
            dash: Dash::Solid,
        }
    }

    /// The same line with another dash pattern.
    pub(crate) fn dash(self, dash: Dash) -> Stroke {
        Stroke { dash, ..self }
    }

    fn style(&self) -> ShapeStyle {
        rgb(self.colour).stroke_width(scaled_u(self.width).max(1))
    }
}

/// How a shape is painted: an optional fill (colour and opacity) and an optional outline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Paint {
    pub fill: Option<(Colour, f64)>,
    pub stroke: Option<(Colour, f64)>,
}

impl Paint {
    /// An opaque fill, no outline.
    pub(crate) fn fill(colour: Colour) -> Paint {
        Paint {
            fill: Some((colour, 1.0)),
            stroke: None,
        }
    }

    /// An outline only.
    pub(crate) fn outline(colour: Colour, width: f64) -> Paint {
        Paint {
            fill: None,
            stroke: Some((colour, width)),
        }
    }

    /// The same paint with an outline.
    pub(crate) fn with_outline(self, colour: Colour, width: f64) -> Paint {
        Paint {
            stroke: Some((colour, width)),
            ..self
        }
    }

    /// The same paint with its fill at `opacity`.
    pub(crate) fn opacity(self, opacity: f64) -> Paint {
        Paint {
            fill: self.fill.map(|(c, _)| (c, opacity)),
            ..self
        }
    }

    fn fill_style(&self) -> Option<ShapeStyle> {
        self.fill.map(|(colour, opacity)| {
            let colour = rgb(colour);
            if opacity >= 1.0 {
                colour.filled()
            } else {
                colour.mix(opacity.clamp(0.0, 1.0)).filled()
            }
        })
    }

    fn stroke_style(&self) -> Option<ShapeStyle> {
        self.stroke
            .map(|(colour, width)| rgb(colour).stroke_width(scaled_u(width).max(1)))
    }
}

/// What the app and the tests find an element by: a class, a data index, a tooltip.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Item {
    class: Option<&'static str>,
    index: Option<usize>,
    title: Option<String>,
}

impl Item {
    /// No annotation.
    pub(crate) fn none() -> Item {
        Item::default()
    }

    /// An element with `class="class"`.
    pub(crate) fn class(class: &'static str) -> Item {
        Item {
            class: Some(class),
            ..Item::default()
        }
    }

    /// The same item with `data-index="index"`.
    pub(crate) fn index(self, index: usize) -> Item {
        Item {
            index: Some(index),
            ..self
        }
    }

    /// The same item with a `<title>` tooltip.
    pub(crate) fn title(self, title: impl Into<String>) -> Item {
        Item {
            title: Some(title.into()),
            ..self
        }
    }
}

/// Tidies one fragment written by plotters: `<text ...>\nCONTENT\n</text>` becomes
/// `<text ...>CONTENT</text>` (the newlines are plotters' formatting, not content) and
/// `font-size` values are rounded to two decimals (plotters divides by 1.24).
fn tidy(fragment: &str) -> String {
    let mut out = String::with_capacity(fragment.len());
    let mut rest = fragment;
    while let Some(at) = rest.find("<text ") {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let open_end = rest.find('>').expect("plotters closes its tags") + 1;
        out.push_str(&round_font_size(&rest[..open_end]));
        rest = &rest[open_end..];
        let close = rest.find("</text>").expect("plotters closes <text>");
        out.push_str(rest[..close].trim_matches('\n'));
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// Rounds the `font-size` attribute of one tag to two decimals.
fn round_font_size(tag: &str) -> String {
    const KEY: &str = " font-size=\"";
    let Some(start) = tag.find(KEY).map(|at| at + KEY.len()) else {
        return tag.to_string();
    };
    let Some(len) = tag[start..].find('"') else {
        return tag.to_string();
    };
    match tag[start..start + len].parse::<f64>() {
        Ok(size) => {
            let rounded = (size * 100.0).round() / 100.0;
            format!("{}{}{}", &tag[..start], rounded, &tag[start + len..])
        }
        Err(_) => tag.to_string(),
    }
}

/// Adds `item`'s `class` and `data-index` to the first element of `fragment`, and its
/// `<title>` as that element's first child (turning `<x .../>` into
/// `<x ...><title>…</title></x>`). A fragment with no element is returned as is.
pub(crate) fn annotate(fragment: &str, item: &Item) -> String {
    let Some(start) = fragment.find('<') else {
        return fragment.to_string();
    };
    let name_end = fragment[start + 1..]
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .map(|len| start + 1 + len)
        .unwrap_or(fragment.len());
    let name = &fragment[start + 1..name_end];
    let tag_end = fragment[start..]
        .find('>')
        .map(|len| start + len)
        .unwrap_or(fragment.len());
    let mut attrs = String::new();
    if let Some(class) = item.class {
        let _ = write!(attrs, " class=\"{}\"", escape(class));
    }
    if let Some(index) = item.index {
        let _ = write!(attrs, " data-index=\"{index}\"");
    }
    let mut out = String::with_capacity(fragment.len() + attrs.len() + 64);
    out.push_str(&fragment[..name_end]);
    out.push_str(&attrs);
    match &item.title {
        None => out.push_str(&fragment[name_end..]),
        Some(title) => {
            let self_closing = fragment[..tag_end].ends_with('/');
            if self_closing {
                out.push_str(fragment[name_end..tag_end - 1].trim_end());
                let _ = write!(out, "><title>{}</title></{name}>", escape(title));
                out.push_str(&fragment[tag_end + 1..]);
            } else {
                out.push_str(&fragment[name_end..=tag_end]);
                let _ = write!(out, "<title>{}</title>", escape(title));
                out.push_str(&fragment[tag_end + 1..]);
            }
        }
    }
    out
}

/// Drops characters XML 1.0 forbids, which plotters would write as they are.
fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|&c| (c as u32) >= 0x20 || matches!(c, '\t' | '\n' | '\r'))
        .collect()
}

/// The `d` of a compound SVG path, written in the canvas's supersampled units.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct PathData(String);

impl PathData {
    pub(crate) fn new() -> PathData {
        PathData::default()
    }

    /// A closed polygon through `points`.
    pub(crate) fn polygon(&mut self, points: &[(f64, f64)]) {
        for (i, &(x, y)) in points.iter().enumerate() {
            let (x, y) = p(x, y);
            let _ = write!(self.0, "{}{x} {y} ", if i == 0 { 'M' } else { 'L' });
        }
        if !points.is_empty() {
            self.0.push_str("Z ");
        }
    }

    /// A line segment.
    pub(crate) fn segment(&mut self, from: (f64, f64), to: (f64, f64)) {
        let ((x0, y0), (x1, y1)) = (p(from.0, from.1), p(to.0, to.1));
        let _ = write!(self.0, "M{x0} {y0} L{x1} {y1} ");
    }

    /// A circle of radius `r` about (`cx`, `cy`), as two arcs.
    pub(crate) fn circle(&mut self, cx: f64, cy: f64, r: f64) {
        let ((x, y), r) = (p(cx - r, cy), scaled(r));
        let _ = write!(
            self.0,
            "M{x} {y} a{r} {r} 0 1 0 {} 0 a{r} {r} 0 1 0 {} 0 Z ",
            2 * r,
            -2 * r
        );
    }
}

/// Where plotters draws: a backend `K` times the chart's size.
type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// An accessible chart being drawn through plotters.
pub(crate) struct Canvas {
    size: Size,
    buf: String,
    open: usize,
}

impl Canvas {
    /// Starts a chart: plotters' root `<svg>`, resized to `size` and given `id`,
    /// `role="img"`, `aria-labelledby` and a `font-family`; then the `<title>` and
    /// `<desc>`, and a white background drawn by plotters.
    pub(crate) fn new(size: Size, id: &str, title: &str, desc: &str) -> Canvas {
        let id = sanitize_id(id);
        let backend_size = (size.width * SUPERSAMPLE, size.height * SUPERSAMPLE);
        let mut header = String::new();
        {
            let backend = SVGBackend::with_string(&mut header, backend_size);
            drop(backend);
        }
        let root_line = header.lines().next().unwrap_or_default();
        let root = patch_root(root_line, size, backend_size, &id);
        let mut canvas = Canvas {
            size,
            buf: String::with_capacity(32 * 1024),
            open: 0,
        };
        canvas.buf.push_str(&root);
        canvas.buf.push('\n');
        let _ = writeln!(
            canvas.buf,
            "<title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>",
            escape(title),
            escape(desc)
        );
        let background = canvas.plot(|area| area.fill(&rgb(palette::WHITE)).is_ok());
        canvas.put(&background, &Item::class("background"));
        canvas
    }

    /// Draws with plotters on a fresh backend of the canvas's (supersampled) size and
    /// returns what it wrote, without the root element and tidied.
    fn plot(&self, draw: impl FnOnce(&Area) -> bool) -> String {
        let mut out = String::new();
        {
            let backend = SVGBackend::with_string(
                &mut out,
                (
                    self.size.width * SUPERSAMPLE,
                    self.size.height * SUPERSAMPLE,
                ),
            );
            let area = backend.into_drawing_area();
            // The SVG backend writes to a String and cannot fail.
            let drawn = draw(&area);
            debug_assert!(drawn, "plotters drawing failed");
            let _ = area.present();
        }
        let body = out.split_once('\n').map(|(_, body)| body).unwrap_or("");
        let body = body.trim_end().strip_suffix("</svg>").unwrap_or(body);
        tidy(body)
    }

    /// Appends a fragment, annotated with `item`.
    fn put(&mut self, fragment: &str, item: &Item) {
        if fragment.trim().is_empty() {
            return;
        }
        self.buf.push_str(&annotate(fragment, item));
        if !self.buf.ends_with('\n') {
            self.buf.push('\n');
        }
    }

    /// Opens a `<g class="class">`; close it with [`Canvas::close`].
    pub(crate) fn group(&mut self, class: &str) {
        let _ = writeln!(self.buf, "<g class=\"{}\">", escape(class));
        self.open += 1;
    }

    /// Opens a `<g class="class">` whose first child is a `<title>` tooltip.
    pub(crate) fn group_titled(&mut self, class: &str, title: &str) {
        let _ = writeln!(
            self.buf,
            "<g class=\"{}\"><title>{}</title>",
            escape(class),
            escape(title)
        );
        self.open += 1;
    }

    /// Closes the most recently opened group.
    pub(crate) fn close(&mut self) {
        if self.open > 0 {
            self.buf.push_str("</g>\n");
            self.open -= 1;
        }
    }

    /// A rectangle from its top-left corner and size (a negative size is flipped).
    pub(crate) fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, paint: Paint, item: Item) {
        let corners = [p(x, y), p(x + w, y + h)];
        let fragment = self.plot(|area| {
            let mut ok = true;
            if let Some(style) = paint.fill_style() {
                ok &= area.draw(&PRectangle::new(corners, style)).is_ok();
            }
            // plotters' SVG backend writes no stroke-width for rectangles: outline
            // them as a closed path, which has one.
            if let Some(style) = paint.stroke_style() {
                let [(x0, y0), (x1, y1)] = corners;
                let outline = vec![(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)];
                ok &= area.draw(&PathElement::new(outline, style)).is_ok();
            }
            ok
        });
        self.put(&fragment, &item);
    }

    /// A circle of radius `r` about `(cx, cy)`.
    pub(crate) fn circle(&mut self, cx: f64, cy: f64, r: f64, paint: Paint, item: Item) {
        let centre = p(cx, cy);
        let radius = scaled_u(r);
        let fragment = self.plot(|area| {
            let mut ok = true;
            if let Some(style) = paint.fill_style() {
                ok &= area.draw(&PCircle::new(centre, radius, style)).is_ok();
            }
            if let Some(style) = paint.stroke_style() {
                ok &= area.draw(&PCircle::new(centre, radius, style)).is_ok();
            }
            ok
        });
        self.put(&fragment, &item);
    }

    /// A closed polygon; its outline (if any) is drawn as a closed path.
    pub(crate) fn polygon(&mut self, points: &[(f64, f64)], paint: Paint, item: Item) {
        let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| p(x, y)).collect();
        let fragment = self.plot(|area| {
            let mut ok = true;
            if let Some(style) = paint.fill_style() {
                ok &= area.draw(&PPolygon::new(pts.clone(), style)).is_ok();
            }
            if let Some(style) = paint.stroke_style() {
                let mut closed = pts.clone();
                if let Some(first) = pts.first() {
                    closed.push(*first);
                }
                ok &= area.draw(&PathElement::new(closed, style)).is_ok();
            }
            ok
        });
        self.put(&fragment, &item);
    }

    /// One `<path>` of many shapes (`d` in chart pixels, from [`PathData`]): for charts
    /// of thousands of points, where an element per point is too slow to build and to
    /// draw. It carries `item` as one element.
    pub(crate) fn compound(&mut self, d: &PathData, paint: Paint, item: Item) {
        if d.0.is_empty() {
            return;
        }
        let hex = |c: Colour| {
            let (r, g, b) = c.components();
            format!("#{r:02X}{g:02X}{b:02X}")
        };
        let fill = match paint.fill {
            Some((colour, opacity)) => {
                format!("fill=\"{}\" fill-opacity=\"{opacity}\"", hex(colour))
            }
            None => "fill=\"none\"".to_string(),
        };
        let stroke = match paint.stroke {
            Some((colour, width)) => format!(
                "stroke=\"{}\" stroke-width=\"{}\"",
                hex(colour),
                scaled_u(width).max(1)
            ),
            None => "stroke=\"none\"".to_string(),
        };
        let fragment = format!("<path d=\"{}\" {fill} {stroke}/>", d.0.trim_end());
        self.put(&fragment, &item);
    }

    /// A straight line.
    pub(crate) fn line(&mut self, from: (f64, f64), to: (f64, f64), stroke: Stroke, item: Item) {
        self.path(&[from, to], stroke, item);
    }

    /// An open path through `points`. Dashed and dotted paths are drawn by plotters'
    /// `DashedPathElement`, one `<polyline>` per dash, wrapped in a `<g>` so that the
    /// path stays one element for `item`.
    pub(crate) fn path(&mut self, points: &[(f64, f64)], stroke: Stroke, item: Item) {
        let pts: Vec<(i32, i32)> = points
            .iter()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .map(|&(x, y)| p(x, y))
            .collect();
        if pts.len() < 2 {
            return;
        }
        let style = stroke.style();
        let fragment = self.plot(|area| match stroke.dash {
            Dash::Solid => area.draw(&PathElement::new(pts.clone(), style)).is_ok(),
            Dash::Dashed => area
                .draw(&DashedPathElement::new(
                    pts.iter().copied(),
                    scaled(6.0),
                    scaled(4.0),
                    style,
                ))
                .is_ok(),
            Dash::Dotted => area
                .draw(&DashedPathElement::new(
                    pts.iter().copied(),
                    scaled(1.5),
                    scaled(3.0),
                    style,
                ))
                .is_ok(),
        });
        if stroke.dash == Dash::Solid {
            self.put(&fragment, &item);
        } else {
            let wrapped = format!("<g>\n{fragment}</g>");
            self.put(&wrapped, &item);
        }
    }

    /// One line of text with its baseline at `y`.
    pub(crate) fn text(&mut self, x: f64, y: f64, text: &str, style: TextStyle) {
        self.text_item(x, y, text, style, Item::none());
    }

    /// One line of text with its baseline at `y`, annotated with `item`.
    pub(crate) fn text_item(&mut self, x: f64, y: f64, text: &str, style: TextStyle, item: Item) {
        let anchor_y = y - EX / 2.0 * style.size;
        self.draw_text(p(x, anchor_y), text, style, FontTransform::None, item);
    }

    /// One line of text turned 90° anticlockwise (reading bottom to top), centred on
    /// `(x, y)` along its length; `x` is the middle of its x-height.
    pub(crate) fn text_vertical(&mut self, x: f64, y: f64, text: &str, style: TextStyle) {
        self.draw_text(
            p(x, y),
            text,
            style.anchor(Anchor::Middle),
            FontTransform::Rotate270,
            Item::none(),
        );
    }

    fn draw_text(
        &mut self,
        at: (i32, i32),
        text: &str,
        style: TextStyle,
        transform: FontTransform,
        item: Item,
    ) {
        let text = xml_safe(text);
        if text.trim().is_empty() {
            return;
        }
        let colour = rgb(style.fill);
        let font = FontDesc::new(
            FontFamily::Name(FONT_FAMILY),
            // SVGBackend writes font-size as size / 1.24.
            style.size * K * 1.24,
            if style.bold {
                FontStyle::Bold
            } else {
                FontStyle::Normal
            },
        );
        let h = match style.anchor {
            Anchor::Start => HPos::Left,
            Anchor::Middle => HPos::Center,
            Anchor::End => HPos::Right,
        };
        let text_style = plotters::style::TextStyle::from(font)
            .color(&colour)
            .pos(Pos::new(h, VPos::Center))
            .transform(transform);
        let fragment = self.plot(|area| area.draw(&PText::new(text, at, text_style)).is_ok());
        self.put(&fragment, &item);
    }

    /// Several lines of text, the first baseline at `y`.
    pub(crate) fn lines(&mut self, x: f64, y: f64, lines: &[String], style: TextStyle) {
        for (i, line) in lines.iter().enumerate() {
            self.text(x, y + i as f64 * style.line_height(), line, style);
        }
    }

    /// Closes every open group and the root and returns the SVG.
    pub(crate) fn finish(mut self) -> String {
        while self.open > 0 {
            self.close();
        }
        self.buf.push_str("</svg>\n");
        self.buf
    }
}

/// Rewrites plotters' root tag `<svg width="W·K" height="H·K" viewBox="0 0 W·K H·K"
/// xmlns=…>`: `width`/`height` become the chart's size (the viewBox stays
/// supersampled) and `id`, `role="img"`, `aria-labelledby` and `font-family` are added.
fn patch_root(root: &str, size: Size, backend: (u32, u32), id: &str) -> String {
    let from = format!("<svg width=\"{}\" height=\"{}\"", backend.0, backend.1);
    let to = format!(
        "<svg id=\"{id}\" width=\"{}\" height=\"{}\"",
        size.width, size.height
    );
    let mut root = if root.starts_with(&from) {
        root.replacen(&from, &to, 1)
    } else {
        // Not the shape plotters 0.3.7 writes: write the root ourselves.
        format!(
            "{to} viewBox=\"0 0 {} {}\" xmlns=\"http://www.w3.org/2000/svg\">",
            backend.0, backend.1
        )
    };
    let extra = format!(
        " role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{}\">",
        escape(FONT_FAMILY)
    );
    if root.ends_with('>') {
        root.pop();
    }
    root.push_str(&extra);
    root
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotate_adds_class_index_and_title() {
        let out = annotate(
            "<rect x=\"0\" y=\"0\" width=\"8\" height=\"8\"/>\n",
            &Item::class("bar").index(3).title("a <b>"),
        );
        assert_eq!(
            out,
            "<rect class=\"bar\" data-index=\"3\" x=\"0\" y=\"0\" width=\"8\" height=\"8\"><title>a &lt;b&gt;</title></rect>\n"
        );
        let out = annotate("<g>\n<polyline/>\n</g>", &Item::class("limit").title("t"));
        assert_eq!(
            out,
            "<g class=\"limit\"><title>t</title>\n<polyline/>\n</g>"
        );
        assert_eq!(
            annotate("<circle r=\"1\"/>", &Item::none()),
            "<circle r=\"1\"/>"
        );
    }

    #[test]
    fn tidy_strips_plotters_newlines_and_rounds_font_sizes() {
        let out = tidy("<text x=\"1\" font-size=\"104.00000000000001\">\nA &amp; B\n</text>\n");
        assert_eq!(out, "<text x=\"1\" font-size=\"104\">A &amp; B</text>\n");
    }

    #[test]
    fn canvas_writes_an_accessible_supersampled_root() {
        let mut canvas = Canvas::new(Size::new(100, 50), "x", "T & t", "D");
        canvas.circle(
            10.3,
            20.0,
            2.5,
            Paint::fill(palette::BLUE),
            Item::class("dot"),
        );
        canvas.text(5.0, 10.0, "Hello <you>", TextStyle::new(12.0));
        let svg = canvas.finish();
        assert!(
            svg.starts_with("<svg id=\"x\" width=\"100\" height=\"50\" viewBox=\"0 0 800 400\"")
        );
        assert!(svg.contains("role=\"img\" aria-labelledby=\"x-title x-desc\""));
        assert!(svg.contains("<title id=\"x-title\">T &amp; t</title>"));
        assert!(svg.contains("<circle class=\"dot\" cx=\"82\" cy=\"160\" r=\"20\""));
        assert!(svg.contains(">Hello &lt;you&gt;</text>"));
        assert!(svg.contains("font-size=\"96\""));
        assert!(svg.trim_end().ends_with("</svg>"));
    }
}
