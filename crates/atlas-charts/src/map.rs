//! A map of practices: points in Web Mercator, coloured by group, sized by list size.

use crate::draw::{Canvas, Item, Paint, Stroke};
use crate::format::thousands;
use crate::palette::{self, Colour};
use crate::plot::draw_glyph;
use crate::ranked::{verdict_glyph, VERDICTS};
use crate::scale::nice_floor;
use crate::svg::{text_width, wrap, Anchor, TextStyle};
use crate::{Chart, Mark, MarkShape, Size};
use atlas_core::stats::benchmark::Comparison;
use std::f64::consts::PI;

/// What a practice map shows.
#[derive(Debug, Clone, PartialEq)]
pub struct MapInput {
    /// A page-unique id for the SVG; the `<title>` and `<desc>` ids derive from it.
    /// Characters other than `A–Z a–z 0–9 - _` are dropped.
    pub id: String,
    /// The map title, drawn at the top and used as the SVG's `<title>`.
    pub title: String,
    /// A one-sentence plain-English summary: the SVG's `<desc>`.
    pub summary: String,
    /// The heading of the colour legend ("Primary Care Network").
    pub group_legend_label: String,
    /// The group names, in legend order; `MapPoint::group` indexes this list and picks
    /// [`palette::categorical`] colour of the same index.
    pub groups: Vec<String>,
    /// The points; drawn largest first so that small markers stay on top.
    pub points: Vec<MapPoint>,
    /// The heading of the marker-size key, with units ("Registered patients").
    pub size_legend_label: String,
    /// Small print at the foot of the map, e.g. the coordinates' attribution; may be
    /// empty.
    pub attribution: String,
    /// Areas outlined under the markers (the place's boundary, its wards); may be
    /// empty. The map is fitted to them and the points together.
    pub outlines: Vec<MapOutline>,
    /// When set, the name of what each point's [`MapPoint::verdict`] is against ("Leicester
    /// City"): markers are drawn by verdict (shape, fill and colour, as the spine chart's)
    /// instead of by group, and the legend lists the verdicts.
    pub verdict_against: Option<String>,
}

/// An area outlined on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapOutline {
    /// Its name (the outline's tooltip).
    pub name: String,
    /// Rings of (latitude, longitude) in WGS84 degrees.
    pub rings: Vec<Vec<(f64, f64)>>,
    /// The place's own boundary (a heavier line) rather than an area within it.
    pub place: bool,
}

/// One point on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct MapPoint {
    /// The point's name, shown in its tooltip (and by the app from the marks).
    pub label: String,
    /// Index into [`MapInput::groups`]. Out of range: drawn in mid grey, not in the legend.
    pub group: usize,
    /// Latitude in WGS84 degrees.
    pub lat: f64,
    /// Longitude in WGS84 degrees.
    pub lon: f64,
    /// The value the marker's area shows (list size). Zero, negative or missing values
    /// get the smallest marker.
    pub size_value: f64,
    /// How the point compares on a measure, when the map is drawn by verdict.
    pub verdict: Option<Comparison>,
}

/// Mean radius of the Earth used by Web Mercator (EPSG:3857), in metres.
pub const EARTH_RADIUS_M: f64 = 6_378_137.0;
/// Latitudes beyond this are clamped, as Web Mercator does (it maps ±85.05° to a square).
pub const MAX_LATITUDE: f64 = 85.051_128_779_806_59;
/// The largest marker radius in pixels: the largest size value in the data.
pub const MAX_RADIUS: f64 = 14.0;
/// The smallest marker radius in pixels. Values small enough to fall below it are drawn
/// at this radius, which is the one place where area stops being proportional.
pub const MIN_RADIUS: f64 = 2.5;

/// Projects WGS84 degrees to spherical (Web) Mercator metres: `x` east, `y` north.
///
/// `x = R·λ`, `y = R·ln(tan(π/4 + φ/2))`, with λ and φ in radians and `R` =
/// [`EARTH_RADIUS_M`]. Latitude is clamped to ±[`MAX_LATITUDE`].
pub fn mercator(lat: f64, lon: f64) -> (f64, f64) {
    let phi = lat.clamp(-MAX_LATITUDE, MAX_LATITUDE).to_radians();
    let x = EARTH_RADIUS_M * lon.to_radians();
    let y = EARTH_RADIUS_M * (PI / 4.0 + phi / 2.0).tan().ln();
    (x, y)
}

/// The latitude in degrees of a Mercator `y` in metres: the inverse of [`mercator`].
pub fn inverse_mercator_lat(y: f64) -> f64 {
    (2.0 * (y / EARTH_RADIUS_M).exp().atan() - PI / 2.0).to_degrees()
}

/// The marker radius for `value` when the largest value is `max_value`: the area is
/// proportional to the value (radius ∝ √value), [`MAX_RADIUS`] at `max_value`, never
/// below [`MIN_RADIUS`].
pub fn marker_radius(value: f64, max_value: f64) -> f64 {
    if !(value.is_finite() && max_value.is_finite()) || value <= 0.0 || max_value <= 0.0 {
        return MIN_RADIUS;
    }
    (MAX_RADIUS * (value / max_value).sqrt()).clamp(MIN_RADIUS, MAX_RADIUS)
}

const PAD: f64 = 12.0;
const TITLE_SIZE: f64 = 18.0;
const LEGEND_SIZE: f64 = 13.0;
const SMALL_SIZE: f64 = 12.0;
const NOTE_SIZE: f64 = 10.0;
/// The legend never takes more than this share of the width; longer names wrap.
const MAX_LEGEND_SHARE: f64 = 0.36;
const SWATCH_RADIUS: f64 = 6.0;
/// Verdict markers are never smaller than this, so that their shapes can be told apart.
const VERDICT_MIN_RADIUS: f64 = 5.0;
const FILL_OPACITY: f64 = 0.45;
const OUTLINE_DARKEN: f64 = 0.3;
/// The strip under the map holding the scale bar and the north arrow.
const FOOT_HEIGHT: f64 = 40.0;

/// Draws the practice map.
///
/// Points are projected with [`mercator`] and fitted, with the same scale in x and y
/// and north up, into the map frame with room for the largest marker. Each marker is a
/// circle in its group's categorical colour, semi-transparent (45 % opaque),
/// with a darker outline, so practices sharing a postcode stay visible; its area is
/// proportional to its size value ([`marker_radius`]). On the right: a legend with
/// every group's swatch and name, and a key of marker sizes. Under the map: a scale bar
/// in kilometres (true at the map's centre latitude) and a north arrow. No tiles, no
/// network.
///
/// Marks: one [`MarkShape::Circle`] per point (centre and diameter). Points whose
/// coordinates are not finite are not drawn; their mark has zero size at the centre of
/// the map frame.
pub fn practice_map(input: &MapInput, size: Size) -> Chart {
    let width = f64::from(size.width);
    let height = f64::from(size.height);
    let mut doc = Canvas::new(size, &input.id, &input.title, &input.summary);

    // Title.
    let title_style = TextStyle::new(TITLE_SIZE).bold();
    let (title_lines, _) = wrap(&input.title, TITLE_SIZE, true, width - 2.0 * PAD, 2);
    doc.lines(PAD, PAD + title_style.ascent(), &title_lines, title_style);
    let top = PAD + title_lines.len().max(1) as f64 * title_style.line_height() + PAD / 2.0;

    // Attribution at the foot.
    let note_style = TextStyle::new(NOTE_SIZE).fill(palette::DARK_GREY);
    let (note_lines, _) = if input.attribution.trim().is_empty() {
        (Vec::new(), false)
    } else {
        wrap(&input.attribution, NOTE_SIZE, false, width - 2.0 * PAD, 3)
    };
    let note_height = note_lines.len() as f64 * note_style.line_height();
    let bottom = height - PAD - note_height;
    if !note_lines.is_empty() {
        doc.lines(
            PAD,
            bottom + 4.0 + note_style.ascent(),
            &note_lines,
            note_style,
        );
    }

    // Legend column on the right, as wide as the longest name within the cap.
    let legend_style = TextStyle::new(LEGEND_SIZE);
    let heading_style = TextStyle::new(LEGEND_SIZE).bold();
    let text_indent = 2.0 * SWATCH_RADIUS + 8.0;
    let max_values = input
        .points
        .iter()
        .map(|p| p.size_value)
        .filter(|v| v.is_finite() && *v > 0.0)
        .fold(0.0, f64::max);
    let key_values = size_key_values(max_values);
    let legend_needed = input
        .groups
        .iter()
        .map(|g| text_indent + text_width(g, LEGEND_SIZE, false))
        .chain([
            text_width(&input.group_legend_label, LEGEND_SIZE, true),
            text_width(&input.size_legend_label, LEGEND_SIZE, true),
        ])
        .fold(0.0, f64::max);
    let legend_width = legend_needed.min(width * MAX_LEGEND_SHARE).ceil();
    let legend_left = width - PAD - legend_width;

    // The map frame.
    let frame_left = PAD;
    let frame_top = top;
    let frame_right = legend_left - 2.0 * PAD;
    let frame_bottom = bottom - FOOT_HEIGHT;
    let frame_width = (frame_right - frame_left).max(1.0);
    let frame_height = (frame_bottom - frame_top).max(1.0);
    doc.rect(
        frame_left,
        frame_top,
        frame_width,
        frame_height,
        Paint::fill(palette::LIGHT_GREY).with_outline(palette::PALE_GREY, 1.0),
        Item::class("frame"),
    );

    // Fit the projected points into the frame, inset by the largest marker.
    let projected: Vec<Option<(f64, f64)>> = input
        .points
        .iter()
        .map(|p| (p.lat.is_finite() && p.lon.is_finite()).then(|| mercator(p.lat, p.lon)))
        .collect();
    let outline_points = input
        .outlines
        .iter()
        .flat_map(|o| o.rings.iter().flatten())
        .filter(|(lat, lon)| lat.is_finite() && lon.is_finite())
        .map(|&(lat, lon)| mercator(lat, lon));
    let fit = Fit::new(
        projected.iter().flatten().copied().chain(outline_points),
        (frame_left, frame_top, frame_width, frame_height),
        MAX_RADIUS + 8.0,
    );
    // Outlines under the markers: areas within the place thin, the place heavier.
    if !input.outlines.is_empty() {
        doc.group("outlines");
        for outline in input
            .outlines
            .iter()
            .filter(|o| !o.place)
            .chain(input.outlines.iter().filter(|o| o.place))
        {
            let stroke = if outline.place {
                Stroke::solid(palette::DARK_GREY, 2.0)
            } else {
                Stroke::solid(palette::MID_GREY, 0.75)
            };
            for ring in &outline.rings {
                let points: Vec<(f64, f64)> = ring
                    .iter()
                    .filter(|(lat, lon)| lat.is_finite() && lon.is_finite())
                    .map(|&(lat, lon)| fit.to_pixel(mercator(lat, lon)))
                    .collect();
                doc.path(
                    &points,
                    stroke,
                    Item::class("outline").title(outline.name.clone()),
                );
            }
        }
        doc.close();
    }

    // Markers, largest first so that small ones stay on top; marks in input order.
    let radii: Vec<f64> = input
        .points
        .iter()
        .map(|p| marker_radius(p.size_value, max_values))
        .collect();
    let mut marks: Vec<Mark> = input
        .points
        .iter()
        .enumerate()
        .map(|(index, _)| {
            let (x, y, diameter) = match projected[index] {
                Some(m) => {
                    let (x, y) = fit.to_pixel(m);
                    (x, y, 2.0 * radii[index])
                }
                None => (
                    frame_left + frame_width / 2.0,
                    frame_top + frame_height / 2.0,
                    0.0,
                ),
            };
            Mark {
                index,
                x,
                y,
                width: diameter,
                height: diameter,
                shape: MarkShape::Circle,
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..input.points.len())
        .filter(|&i| projected[i].is_some())
        .collect();
    order.sort_by(|&a, &b| radii[b].total_cmp(&radii[a]));
    doc.group("markers");
    for &index in &order {
        let point = &input.points[index];
        let colour = group_colour(point.group, input.groups.len());
        let group = input
            .groups
            .get(point.group)
            .map(String::as_str)
            .unwrap_or("no group");
        let mark = &marks[index];
        match &input.verdict_against {
            Some(against) => {
                let verdict = point.verdict.unwrap_or(Comparison::NotCompared);
                let tooltip = format!(
                    "{} ({}): {} {}",
                    point.label,
                    crate::scatter::verdict_against(verdict, against),
                    thousands(point.size_value, 0),
                    input.size_legend_label.to_lowercase()
                );
                draw_glyph(
                    &mut doc,
                    verdict_glyph(verdict),
                    mark.x,
                    mark.y,
                    radii[index].max(VERDICT_MIN_RADIUS),
                    Item::class("marker").index(index).title(tooltip),
                );
            }
            None => {
                let tooltip = format!(
                    "{} ({}): {} {}",
                    point.label,
                    group,
                    thousands(point.size_value, 0),
                    input.size_legend_label.to_lowercase()
                );
                doc.circle(
                    mark.x,
                    mark.y,
                    radii[index],
                    marker_paint(colour),
                    Item::class("marker").index(index).title(tooltip),
                );
            }
        }
    }
    doc.close();

    draw_foot(&mut doc, &fit, frame_left, frame_right, frame_bottom);

    // Legend: groups.
    let mut y = frame_top + heading_style.ascent();
    doc.group("legend");
    // A long heading (a measure's name) wraps rather than running off the map.
    let (heading_lines, _) = wrap(
        &input.group_legend_label,
        LEGEND_SIZE,
        true,
        legend_width,
        3,
    );
    doc.lines(legend_left, y, &heading_lines, heading_style);
    y += heading_lines.len().max(1) as f64 * heading_style.line_height() + 4.0;
    match &input.verdict_against {
        Some(against) => {
            for verdict in VERDICTS.iter().filter(|v| {
                input
                    .points
                    .iter()
                    .any(|p| p.verdict.unwrap_or(Comparison::NotCompared) == **v)
            }) {
                let name = crate::scatter::verdict_against(*verdict, against);
                let (lines, _) = wrap(&name, LEGEND_SIZE, false, legend_width - text_indent, 2);
                let centre_y = y - LEGEND_SIZE * 0.35;
                draw_glyph(
                    &mut doc,
                    verdict_glyph(*verdict),
                    legend_left + SWATCH_RADIUS,
                    centre_y,
                    SWATCH_RADIUS,
                    Item::class("swatch"),
                );
                doc.lines(legend_left + text_indent, y, &lines, legend_style);
                y += lines.len().max(1) as f64 * legend_style.line_height() + 5.0;
            }
        }
        None => {
            for (index, name) in input.groups.iter().enumerate() {
                let (lines, _) = wrap(name, LEGEND_SIZE, false, legend_width - text_indent, 2);
                let centre_y = y - LEGEND_SIZE * 0.35;
                doc.circle(
                    legend_left + SWATCH_RADIUS,
                    centre_y,
                    SWATCH_RADIUS,
                    marker_paint(palette::categorical(index)),
                    Item::class("swatch"),
                );
                doc.lines(legend_left + text_indent, y, &lines, legend_style);
                y += lines.len().max(1) as f64 * legend_style.line_height() + 5.0;
            }
        }
    }
    doc.close();

    // Legend: marker sizes, circles side by side on a common baseline.
    if !key_values.is_empty() {
        y += 14.0;
        doc.group("size-key");
        let (heading, _) = wrap(&input.size_legend_label, LEGEND_SIZE, true, legend_width, 2);
        doc.lines(legend_left, y, &heading, heading_style);
        y += heading.len() as f64 * heading_style.line_height() + 2.0 * MAX_RADIUS - 6.0;
        let baseline = y;
        let mut x = legend_left;
        let label_style = TextStyle::new(SMALL_SIZE).anchor(Anchor::Middle);
        for value in &key_values {
            let r = marker_radius(*value, max_values);
            let label = thousands(*value, 0);
            let slot = (2.0 * r).max(text_width(&label, SMALL_SIZE, false)) + 10.0;
            let cx = x + slot / 2.0;
            doc.circle(
                cx,
                baseline - r,
                r,
                Paint::outline(palette::DARK_GREY, 1.0),
                Item::class("key"),
            );
            doc.text(cx, baseline + SMALL_SIZE + 2.0, &label, label_style);
            x += slot;
        }
        doc.close();
    }

    // Keep the marks' numbers exactly as written in the SVG.
    for mark in &mut marks {
        mark.x = round2(mark.x);
        mark.y = round2(mark.y);
        mark.width = round2(mark.width);
        mark.height = round2(mark.height);
    }

    Chart {
        svg: doc.finish(),
        marks,
    }
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// The categorical colour of a group; mid grey for an index outside the groups.
fn group_colour(group: usize, groups: usize) -> Colour {
    if group < groups {
        palette::categorical(group)
    } else {
        palette::MID_GREY
    }
}

/// A marker: semi-transparent fill with a darker, opaque outline (two circles in the
/// SVG; the filled one carries the class, index and tooltip).
fn marker_paint(colour: Colour) -> Paint {
    Paint::fill(colour)
        .opacity(FILL_OPACITY)
        .with_outline(colour.darken(OUTLINE_DARKEN), 1.25)
}

/// Values for the marker-size key: the largest 1-2-5 round number not above the largest
/// value, then its half and its quarter (e.g. 20,000, 10,000, 5,000).
fn size_key_values(max_value: f64) -> Vec<f64> {
    let top = nice_floor(max_value);
    if top <= 0.0 {
        return Vec::new();
    }
    let mut values = vec![top / 4.0, top / 2.0, top];
    values.retain(|v| marker_radius(*v, max_value) > MIN_RADIUS);
    values
}

/// The mapping from Mercator metres to pixels: one scale for x and y, north up.
struct Fit {
    /// Pixels per Mercator metre.
    scale: f64,
    centre_m: (f64, f64),
    centre_px: (f64, f64),
}

impl Fit {
    /// Fits the bounding box of `points` into `frame` (left, top, width, height) less
    /// `inset` pixels on every side, centred. A single point or a tiny spread gets a
    /// 2 km wide view.
    fn new(
        points: impl Iterator<Item = (f64, f64)>,
        frame: (f64, f64, f64, f64),
        inset: f64,
    ) -> Fit {
        let (mut min_x, mut min_y, mut max_x, mut max_y) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for (x, y) in points {
            min_x = min_x.min(x);
            min_y = min_y.min(y);
            max_x = max_x.max(x);
            max_y = max_y.max(y);
        }
        if min_x > max_x {
            (min_x, min_y, max_x, max_y) = (0.0, 0.0, 0.0, 0.0);
        }
        let centre_m = ((min_x + max_x) / 2.0, (min_y + max_y) / 2.0);
        // At least 2 km of ground across, whatever the data.
        let min_span = 2000.0 / inverse_mercator_lat(centre_m.1).to_radians().cos();
        let span_x = (max_x - min_x).max(min_span);
        let span_y = (max_y - min_y).max(min_span);
        let (left, top, width, height) = frame;
        let inner_w = (width - 2.0 * inset).max(1.0);
        let inner_h = (height - 2.0 * inset).max(1.0);
        let scale = (inner_w / span_x).min(inner_h / span_y);
        Fit {
            scale,
            centre_m,
            centre_px: (left + width / 2.0, top + height / 2.0),
        }
    }

    /// Pixel position of a point in Mercator metres.
    fn to_pixel(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (
            self.centre_px.0 + (x - self.centre_m.0) * self.scale,
            self.centre_px.1 - (y - self.centre_m.1) * self.scale,
        )
    }

    /// Pixels per kilometre on the ground at the centre latitude: Mercator stretches
    /// distances by 1 / cos(latitude).
    fn pixels_per_km(&self) -> f64 {
        let lat = inverse_mercator_lat(self.centre_m.1).to_radians();
        self.scale * 1000.0 / lat.cos()
    }
}

/// The scale bar (left) and north arrow (right) in the strip under the map.
fn draw_foot(doc: &mut Canvas, fit: &Fit, left: f64, right: f64, frame_bottom: f64) {
    let dark = palette::BLACK;
    let label_style = TextStyle::new(SMALL_SIZE);

    // Scale bar: a round length no longer than a third of the frame.
    let px_per_km = fit.pixels_per_km();
    let km = nice_floor((right - left) / 3.0 / px_per_km);
    if km > 0.0 && px_per_km.is_finite() {
        let length = km * px_per_km;
        let y = frame_bottom + 14.0;
        let x = left + 2.0;
        doc.group("scale-bar");
        doc.rect(x, y, length / 2.0, 5.0, Paint::fill(dark), Item::none());
        doc.rect(
            x + length / 2.0,
            y,
            length / 2.0,
            5.0,
            Paint::fill(palette::WHITE).with_outline(dark, 1.0),
            Item::none(),
        );
        let label = if km >= 1.0 {
            format!("{} km", thousands(km, 0))
        } else {
            format!("{} m", thousands(km * 1000.0, 0))
        };
        doc.text(x + length + 8.0, y + 6.0, &label, label_style);
        doc.close();
    }

    // North arrow: a filled triangle pointing up, "N" beside it.
    let cx = right - 8.0;
    let tip = frame_bottom + 8.0;
    let base = tip + 22.0;
    doc.group("north-arrow");
    doc.polygon(
        &[
            (cx, tip),
            (cx + 7.0, base),
            (cx, base - 6.0),
            (cx - 7.0, base),
        ],
        Paint::fill(dark),
        Item::none(),
    );
    doc.text(
        cx - 12.0,
        base - 2.0,
        "N",
        TextStyle::new(SMALL_SIZE).bold().anchor(Anchor::End),
    );
    doc.close();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mercator_matches_known_values() {
        let (x, y) = mercator(0.0, 0.0);
        assert!(x.abs() < 1e-6 && y.abs() < 1e-6);
        let (x, _) = mercator(0.0, 180.0);
        assert!((x - 20_037_508.342_789_244).abs() < 1e-6);
        // EPSG:3857 of 52.6369 N, 1.1398 W (Leicester), from the standard formulas.
        let (x, y) = mercator(52.6369, -1.1398);
        assert!((x - -126_881.956).abs() < 0.01, "{x}");
        assert!((y - 6_916_114.648).abs() < 0.01, "{y}");
        assert!((inverse_mercator_lat(y) - 52.6369).abs() < 1e-9);
    }

    #[test]
    fn radius_grows_with_the_square_root() {
        let r1 = marker_radius(5000.0, 20_000.0);
        let r2 = marker_radius(20_000.0, 20_000.0);
        assert!((r2 / r1 - 2.0).abs() < 1e-12);
        assert_eq!(r2, MAX_RADIUS);
        assert_eq!(marker_radius(0.0, 20_000.0), MIN_RADIUS);
        assert_eq!(marker_radius(f64::NAN, 20_000.0), MIN_RADIUS);
    }

    #[test]
    fn size_key_uses_round_values() {
        assert_eq!(size_key_values(30_000.0), vec![5000.0, 10_000.0, 20_000.0]);
        assert!(size_key_values(0.0).is_empty());
    }
}
