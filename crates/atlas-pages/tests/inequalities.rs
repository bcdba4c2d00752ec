//! The Inequalities page: a measure by deprivation fifth on every workspace (in words
//! where it has no IMD scores), and on the committed QOF cuts with the real IMD 2019
//! export (skipped with a message when `../shared/realdata` is absent).

mod common;

use atlas_core::ingest::{combine, read_file};
use atlas_pages::inequalities::{inequalities_page, InequalitiesQuery};
use atlas_pages::Query;
use common::{assert_bars_in_table_order, assert_figure, workspaces};
use std::fs::File;
use std::io::BufReader;

#[test]
fn without_deprivation_scores_every_workspace_says_what_to_load() {
    // The default carries the IMD 2019 export; the others have no scores.
    for (label, ws) in workspaces().into_iter().filter(|(l, _)| *l != "default") {
        let page = inequalities_page(&ws, &InequalitiesQuery::default());
        assert_figure(&ws, &page.figure);
        let problem = page.figure.problem.as_deref().unwrap_or_default();
        assert!(
            problem.contains("Deprivation score (IMD 2019)") || problem.contains("no measure"),
            "{label}: {problem}"
        );
        assert!(page.indices.is_none(), "{label}");
        assert!(
            page.measures.is_empty(),
            "{label}: a choice with nothing to show"
        );
    }
}

#[test]
fn the_published_default_draws_every_measure_by_fifth() {
    let ws = atlas_core::default_data::leicester_city();
    let first = inequalities_page(&ws, &InequalitiesQuery::default());
    assert!(first.measures.len() >= 20, "{}", first.measures.len());
    let mut drawn = 0;
    for (id, _) in &first.measures {
        let page = inequalities_page(
            &ws,
            &InequalitiesQuery {
                measure: Some(id.clone()),
            },
        );
        assert_figure(&ws, &page.figure);
        if page.figure.problem.is_none() {
            drawn += 1;
            assert_bars_in_table_order(&page.figure, 0);
            assert_eq!(page.figure.table.table().rows.len(), 5);
            assert!(page.indices.is_some(), "{id}: {}", page.figure.summary);
        }
    }
    assert!(drawn >= 20, "{drawn} of {}", first.measures.len());
}

#[test]
fn with_imd_scores_a_measure_is_drawn_by_fifth_with_its_indices() {
    let imd = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/realdata/fingertips-export-sample/indicator-data_gp-imd2019_leicester.csv");
    if !std::path::Path::new(imd).exists() {
        println!("skipped: {imd} is absent");
        return;
    }
    let cuts = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../atlas-core/data/leicester-city/qof-2022-23"
    );
    let read = |path: &str| {
        let name = path.rsplit('/').next().unwrap();
        read_file(name, BufReader::new(File::open(path).unwrap()))
    };
    let (ws, _) = combine(vec![
        read(imd),
        read(&format!("{cuts}/PREVALENCE_2223_04C.csv")),
        read(&format!("{cuts}/MAPPING_NHS_GEOGRAPHIES_2223_04C.csv")),
    ]);
    let page = inequalities_page(&ws, &InequalitiesQuery::default());
    assert!(page.figure.problem.is_none(), "{:?}", page.figure.problem);
    assert_figure(&ws, &page.figure);
    assert_bars_in_table_order(&page.figure, 0);
    assert_eq!(page.figure.table.table().rows.len(), 5);
    assert!(page
        .indices
        .as_deref()
        .unwrap()
        .starts_with("Slope index of inequality"));
    assert!(page.figure.source.is_some());
    // The measure in the URL is the one drawn; one the workspace lacks falls back.
    let (last, name) = page.measures.last().unwrap().clone();
    let chosen = inequalities_page(
        &ws,
        &InequalitiesQuery::from_query(&Query::from_pairs([("measure", last.as_str())])),
    );
    assert!(
        chosen.figure.title.starts_with(&name),
        "{}",
        chosen.figure.title
    );
    let unknown = inequalities_page(
        &ws,
        &InequalitiesQuery::from_query(&Query::from_pairs([("measure", "nope")])),
    );
    assert_eq!(unknown.measure, page.measure);
}
