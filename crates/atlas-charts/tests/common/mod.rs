//! Helpers shared by the native tests: a strict-enough XML checker and attribute readers.

#![allow(dead_code)]

use atlas_charts::{Bar, BarChartInput, MapInput, MapPoint};

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
            })
            .collect(),
        size_legend_label: "Registered patients".to_string(),
        attribution: "Contains OS data © Crown copyright".to_string(),
    }
}

/// Number of elements of any name with class `class` (and a `data-index`).
pub fn count_any(svg: &str, class: &str) -> usize {
    let class_attr = format!("class=\"{class}\" data-index=");
    svg.matches(&class_attr).count()
}
