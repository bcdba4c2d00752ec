//! Helpers shared by the native tests: a strict-enough XML checker and attribute readers.

#![allow(dead_code)]

use atlas_charts::{Bar, BarChartInput, Chart, MapInput, MapPoint, Size};

/// Checks that `svg` is well-formed as far as charts need: tags nest and close, every
/// `<` opens a tag, every `&` starts a known entity. Returns the element names in order.
pub fn check_well_formed(svg: &str) -> Vec<String> {
    let mut stack: Vec<String> = Vec::new();
    let mut names = Vec::new();
    let mut rest = svg;
    while let Some(start) = rest.find(['<', '&']) {
        check_text(&rest[..start]);
        rest = &rest[start..];
        if rest.starts_with('&') {
            let end = rest.find(';').expect("entity ends with ;");
            let entity = &rest[..=end];
            assert!(
                ["&lt;", "&gt;", "&amp;", "&quot;", "&#39;", "&apos;"].contains(&entity),
                "unknown entity {entity}"
            );
            rest = &rest[end + 1..];
            continue;
        }
        let end = rest.find('>').expect("tag ends with >");
        let tag = &rest[1..end];
        assert!(!tag.contains('<'), "'<' inside a tag: {tag}");
        check_attributes(tag);
        if let Some(name) = tag.strip_prefix('/') {
            let open = stack.pop().expect("closing tag has an opening tag");
            assert_eq!(open, name, "tags nest");
        } else {
            let name: String = tag
                .trim_end_matches('/')
                .split_whitespace()
                .next()
                .expect("tag has a name")
                .to_string();
            names.push(name.clone());
            if !tag.ends_with('/') {
                stack.push(name);
            }
        }
        rest = &rest[end + 1..];
    }
    check_text(rest);
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    names
}

fn check_text(text: &str) {
    assert!(!text.contains('>'), "raw '>' in text: {text}");
}

fn check_attributes(tag: &str) {
    // Inside a tag, quotes pair up and attribute values hold no raw '<' or '&'.
    assert_eq!(tag.matches('"').count() % 2, 0, "unbalanced quotes: {tag}");
}

/// Values of attribute `name` on every element `element` in document order.
pub fn attribute_values(svg: &str, element: &str, class: &str, name: &str) -> Vec<String> {
    let open = format!("<{element} ");
    let class_attr = format!("class=\"{class}\"");
    svg.match_indices(&open)
        .filter_map(|(at, _)| {
            let tag = &svg[at..at + svg[at..].find('>').unwrap()];
            if !tag.contains(&class_attr) {
                return None;
            }
            let key = format!(" {name}=\"");
            let start = tag.find(&key)? + key.len();
            let len = tag[start..].find('"')?;
            Some(tag[start..start + len].to_string())
        })
        .collect()
}

/// Number of elements `element` with class `class`.
pub fn count(svg: &str, element: &str, class: &str) -> usize {
    let open = format!("<{element} ");
    let class_attr = format!("class=\"{class}\"");
    svg.match_indices(&open)
        .filter(|(at, _)| {
            let tag = &svg[*at..*at + svg[*at..].find('>').unwrap()];
            tag.contains(&class_attr)
        })
        .count()
}

/// Contents of every `<text>` element, unescaped.
pub fn texts(svg: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(at) = rest.find("<text ") {
        rest = &rest[at..];
        let start = rest.find('>').unwrap() + 1;
        let end = rest.find("</text>").unwrap();
        out.push(unescape(&rest[start..end]));
        rest = &rest[end..];
    }
    out
}

/// Reverses the escaping of the chart writer.
pub fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

pub const MALICIOUS: &str = "<img src=x onerror=alert(1)>";

/// A small bar chart input.
pub fn bars(labels_values: &[(&str, f64)]) -> BarChartInput {
    BarChartInput {
        id: "test-bars".to_string(),
        title: "Registered patients by PCN".to_string(),
        summary: "A test chart.".to_string(),
        value_label: "Registered patients".to_string(),
        bars: labels_values
            .iter()
            .map(|(label, value)| Bar {
                label: label.to_string(),
                value: *value,
            })
            .collect(),
        decimals: 0,
        colour: None,
    }
}

/// A small map input around Leicester.
pub fn map(points: &[(&str, usize, f64, f64, f64)]) -> MapInput {
    MapInput {
        id: "test-map".to_string(),
        title: "GP practices".to_string(),
        summary: "A test map.".to_string(),
        group_legend_label: "Primary Care Network".to_string(),
        groups: vec!["North PCN".to_string(), "South PCN".to_string()],
        points: points
            .iter()
            .map(|(label, group, lat, lon, size)| MapPoint {
                label: label.to_string(),
                group: *group,
                lat: *lat,
                lon: *lon,
                size_value: *size,
                verdict: None,
            })
            .collect(),
        size_legend_label: "Registered patients".to_string(),
        attribution: "Contains OS data © Crown copyright".to_string(),
        outlines: Vec::new(),
        verdict_against: None,
    }
}

/// Number of elements of any name with class `class` (and a `data-index`).
pub fn count_any(svg: &str, class: &str) -> usize {
    let class_attr = format!("class=\"{class}\" data-index=");
    svg.matches(&class_attr).count()
}

/// An attribute's value in one tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

/// Estimated boxes `(left, top, right, bottom, text)` of the horizontal `<text>`
/// elements, in chart pixels: widths from [`atlas_charts::text_width`] without its
/// 8 % margin, the baseline at `dy="0.5ex"` below `y`.
/// Turned text (with a `transform`) is left out.
pub fn text_boxes(svg: &str) -> Vec<(f64, f64, f64, f64, String)> {
    let k = f64::from(atlas_charts::SUPERSAMPLE);
    let mut out = Vec::new();
    let mut rest = svg;
    while let Some(at) = rest.find("<text ") {
        rest = &rest[at..];
        let open_end = rest.find('>').unwrap();
        let tag = &rest[..open_end];
        let close = rest.find("</text>").unwrap();
        let text = unescape(&rest[open_end + 1..close]);
        rest = &rest[close..];
        if tag.contains(" transform=") {
            continue;
        }
        let num = |name: &str| attr(tag, name).and_then(|v| v.parse::<f64>().ok());
        let (Some(x), Some(y), Some(size)) = (num("x"), num("y"), num("font-size")) else {
            continue;
        };
        let (x, y, size) = (x / k, y / k, size / k);
        let bold = attr(tag, "font-weight") == Some("bold");
        let width = atlas_charts::text_width(&text, size, bold) / 1.08;
        let baseline = y + 0.26 * size;
        let left = match attr(tag, "text-anchor") {
            Some("middle") => x - width / 2.0,
            Some("end") => x - width,
            _ => x,
        };
        out.push((
            left,
            baseline - 0.72 * size,
            left + width,
            baseline + 0.18 * size,
            text,
        ));
    }
    out
}

/// Panics if two text boxes overlap, or a box leaves the chart.
pub fn assert_no_text_overlap(svg: &str, width: f64, height: f64) {
    let boxes = text_boxes(svg);
    assert!(boxes.len() >= 5, "too few texts read: {}", boxes.len());
    for (i, a) in boxes.iter().enumerate() {
        assert!(
            a.0 >= -0.5 && a.1 >= -0.5 && a.2 <= width + 0.5 && a.3 <= height + 0.5,
            "text outside the chart: {a:?}"
        );
        for b in &boxes[i + 1..] {
            let overlap = a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
            assert!(!overlap, "texts overlap: {a:?} and {b:?}");
        }
    }
}

/// The chart's root is an image labelled by its own `<title>` and `<desc>`, whose ids
/// derive from `id`.
pub fn assert_labelled(chart: &Chart, id: &str) {
    let head = &chart.svg[..chart.svg.find('>').unwrap()];
    assert!(head.starts_with("<svg "), "{head}");
    assert!(head.contains("role=\"img\""), "{head}");
    assert!(head.contains(&format!("aria-labelledby=\"{id}-title {id}-desc\"")));
    assert!(chart.svg.contains(&format!("<title id=\"{id}-title\">")));
    assert!(chart.svg.contains(&format!("<desc id=\"{id}-desc\">")));
}

/// [`assert_labelled`], and the title and description read `title` and `desc`.
pub fn assert_accessible(chart: &Chart, id: &str, title: &str, desc: &str) {
    assert_labelled(chart, id);
    assert!(chart
        .svg
        .contains(&format!("<title id=\"{id}-title\">{title}</title>")));
    assert!(chart
        .svg
        .contains(&format!("<desc id=\"{id}-desc\">{desc}</desc>")));
}

/// Every mark lies inside the chart.
pub fn assert_marks_inside(chart: &Chart, size: Size) {
    for mark in &chart.marks {
        let (left, top, width, height) = mark.bounds();
        assert!(left >= 0.0 && top >= 0.0, "{mark:?}");
        assert!(left + width <= f64::from(size.width), "{mark:?}");
        assert!(top + height <= f64::from(size.height), "{mark:?}");
    }
}
