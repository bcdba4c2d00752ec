//! The Compare page: any two measures across practices on every workspace, the
//! picture's points where the table's values put them, and the view in the URL.

mod common;

use atlas_core::stats::correlation::correlate;
use atlas_pages::compare::{compare_page, CompareQuery};
use atlas_pages::Query;
use common::{assert_figure, workspaces};

#[test]
fn every_pair_with_the_first_measure_agrees_with_its_table_on_every_workspace() {
    for (label, ws) in workspaces() {
        let first = compare_page(&ws, &CompareQuery::default());
        assert!(first.measures.len() >= 2, "{label}");
        assert_ne!(first.x, first.y, "{label}: a measure against itself");
        let x = first.x.clone().unwrap();
        let mut drawn = 0;
        for (y, _) in first.measures.iter().filter(|(id, _)| *id != x) {
            let query = CompareQuery {
                x: Some(x.clone()),
                y: Some(y.clone()),
            };
            let page = compare_page(&ws, &query);
            assert_eq!(page.y.as_ref(), Some(y), "{label}");
            let figure = &page.figure;
            assert_figure(&ws, figure);
            if figure.problem.is_some() {
                continue;
            }
            drawn += 1;
            let table = figure.table.table();
            // A mark per row, named as the row's practice, where its values put it.
            assert_eq!(figure.marks.len(), table.rows.len(), "{label} {y}");
            let values: Vec<(f64, f64)> = table
                .rows
                .iter()
                .map(|r| (r[3].number.unwrap(), r[4].number.unwrap()))
                .collect();
            for (mark, row) in figure.marks.iter().zip(&table.rows) {
                assert_eq!(mark.title, atlas_core::words::display_name(&row[0].text));
                assert_eq!(
                    figure.row_links[mark.index],
                    format!("/practices/{}", row[1].text)
                );
            }
            for (a, b) in figure.marks.iter().zip(figure.marks.iter().skip(1)) {
                let (va, vb) = (values[a.index], values[b.index]);
                if va.0 < vb.0 {
                    assert!(a.x < b.x, "{label} {y}: x out of order");
                }
                if va.1 < vb.1 {
                    assert!(a.y > b.y, "{label} {y}: y out of order");
                }
            }
            // The sentence's r is the table's values correlated independently.
            let c = correlate(&values).unwrap();
            let r = format!("r {}", atlas_core::words::grouped(c.r, 2));
            assert!(figure.summary.contains(&r), "{label}: {}", figure.summary);
            assert!(figure.summary.contains("need not cause one another"));
        }
        assert!(drawn > 0, "{label}: no pair drawn");
    }
}

#[test]
fn the_view_is_in_the_url_and_unknown_measures_fall_back() {
    let query = CompareQuery {
        x: Some("a b".into()),
        y: Some("c".into()),
    };
    assert_eq!(CompareQuery::from_query(&query.to_query()), query);
    let pairs = Query::from_pairs([("x", "a b"), ("y", "c"), ("measure", "d")]);
    assert_eq!(CompareQuery::from_query(&pairs), query);
    let ws = atlas_core::default_data::leicester_city();
    let page = compare_page(&ws, &query);
    let fallback = compare_page(&ws, &CompareQuery::default());
    assert_eq!((page.x, page.y), (fallback.x, fallback.y));
}
