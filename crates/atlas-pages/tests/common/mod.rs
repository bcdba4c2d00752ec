//! Shared by the page-layer tests: the workspaces every page is checked on, and the
//! checks every figure must pass.

#![allow(dead_code)] // each test binary uses its own part of this module

use atlas_core::ingest::{combine, read_file};
use atlas_core::model::Workspace;
use atlas_pages::Figure;
use std::fs::File;
use std::io::BufReader;

/// The Leicester City cuts of public files the default is built from (committed).
const CUTS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../atlas-core/data/leicester-city"
);

/// Files a user might load, as public files for 04C: QOF 2022-23 (its practice→PCN
/// map and registers with list sizes), appointments per practice per month and GP
/// Patient Survey answers.
const UPLOADED: [&str; 4] = [
    "qof-2022-23/MAPPING_NHS_GEOGRAPHIES_2223_04C.csv",
    "qof-2022-23/PREVALENCE_2223_04C.csv",
    "appointments-practice-monthly-04C/gpad_practice_month_04C_2023-03_2026-05.csv",
    "gp-patient-survey-04C/gpps_long_04C.csv",
];

/// A workspace made from files as the Data page makes it.
pub fn uploaded() -> Workspace {
    let files = UPLOADED
        .iter()
        .map(|path| {
            let file = File::open(format!("{CUTS}/{path}")).expect(path);
            let name = path.rsplit('/').next().unwrap_or(path);
            read_file(name, BufReader::new(file))
        })
        .collect();
    let (ws, reports) = combine(files);
    assert!(!ws.practices.is_empty(), "{reports:?}");
    ws
}

/// Every workspace a page is checked on: the embedded default, the user's files and
/// the illustrative demonstration.
pub fn workspaces() -> Vec<(&'static str, Workspace)> {
    vec![
        ("default", atlas_core::default_data::leicester_city()),
        ("uploaded", uploaded()),
        (
            "demonstration",
            atlas_core::default_data::illustrative_city(),
        ),
    ]
}

/// The checks every figure passes: a chart with words, a table and a CSV that agree
/// in size, marks within the table and links that lead somewhere in the workspace; or
/// no chart and words saying why.
pub fn assert_figure(ws: &Workspace, figure: &Figure) {
    let name = format!("{} ({})", figure.title, figure.id);
    assert!(
        !figure.title.is_empty(),
        "a figure without a title: {figure:?}"
    );
    assert!(
        !figure.id.is_empty() && !figure.file_stem.is_empty(),
        "{name}"
    );
    if let Some(problem) = &figure.problem {
        assert!(
            problem.ends_with('.') && problem.len() > 10,
            "{name}: {problem}"
        );
        assert!(figure.svg.is_empty() && figure.marks.is_empty(), "{name}");
        return;
    }
    assert!(figure.svg.starts_with("<svg"), "{name}: no picture");
    assert!(
        figure.svg.contains("<title"),
        "{name}: the picture has no title"
    );
    assert!(!figure.summary.is_empty(), "{name}: no sentence");
    assert!(figure.size.width > 0 && figure.size.height > 0, "{name}");
    let table = figure.table.table();
    assert!(!table.columns.is_empty(), "{name}: no table");
    assert!(
        !table.rows.is_empty(),
        "{name}: an empty table under a chart"
    );
    assert!(
        table.rows.iter().all(|r| r.len() == table.columns.len()),
        "{name}: ragged table"
    );
    let csv = figure.csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines.len(),
        table.rows.len() + 1,
        "{name}: CSV rows ≠ table rows"
    );
    if let Some(source) = &figure.source {
        assert!(
            lines[0].ends_with("Source"),
            "{name}: CSV without its source"
        );
        assert!(!source.text.is_empty(), "{name}: an empty source");
    }
    for mark in &figure.marks {
        assert!(!mark.title.is_empty(), "{name}: a mark without words");
        assert!(
            mark.x >= 0.0
                && mark.y >= 0.0
                && mark.x <= f64::from(figure.size.width)
                && mark.y <= f64::from(figure.size.height),
            "{name}: a mark off the chart: {mark:?}"
        );
    }
    for link in figure.mark_links.iter().chain(&figure.row_links) {
        assert_link(ws, link);
    }
    for (measure, link) in &figure.definitions {
        assert_link(ws, link);
        assert!(
            !measure.is_empty(),
            "{name}: a definition link without a name"
        );
    }
    assert!(figure.row_links.is_empty() || figure.row_links.len() == table.rows.len());
}

/// A link within the app leads to a practice or PCN of the workspace (or a page).
pub fn assert_link(ws: &Workspace, link: &str) {
    if let Some(code) = link.strip_prefix("/practices/") {
        assert!(ws.practice(code).is_some(), "a link to no practice: {link}");
    } else if let Some(id) = link.strip_prefix("/definitions/") {
        assert!(
            atlas_core::definitions::definition(ws, id).is_some(),
            "a link to no definition: {link}"
        );
    } else if let Some(code) = link.strip_prefix("/pcns/") {
        assert!(ws.pcn(code).is_some(), "a link to no PCN: {link}");
    } else {
        assert!(link.starts_with('/'), "not a link within the app: {link}");
    }
}

/// The table's column named `name`.
pub fn column(table: &atlas_core::table::Table, name: &str) -> usize {
    table
        .columns
        .iter()
        .position(|c| c == name)
        .unwrap_or_else(|| panic!("no column {name} in {:?}", table.columns))
}

/// A bar chart draws its table's rows in the table's order: each row's label (column
/// `label`, its first 12 characters, as the chart may shorten it) appears in the
/// picture after the one before.
pub fn assert_bars_in_table_order(figure: &Figure, label: usize) {
    let table = figure.table.table();
    let svg = &figure.svg;
    let mut from = svg.find("</desc>").expect("a described chart");
    for row in &table.rows {
        let text: String = row[label].text.chars().take(12).collect();
        let text = text
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('\'', "&#39;");
        match svg[from..].find(&text) {
            Some(at) => from += at + text.len(),
            None => panic!(
                "{}: \"{text}\" is not drawn after the row before it",
                figure.title
            ),
        }
    }
}
