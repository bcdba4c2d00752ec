//! The Compare page: any two measures across practices or PCNs on every workspace, the
//! picture's points where the table's values put them, a PCN's practices ringed, and
//! the view in the URL.

mod common;

use atlas_core::scoring::AreaLevel;
use atlas_core::stats::correlation::{correlate, FEWEST_PAIRS};
use atlas_pages::compare::{compare_page, CompareQuery};
use atlas_pages::Query;
use common::{assert_figure, workspaces};

#[test]
fn every_pair_with_the_first_measure_agrees_with_its_table_on_every_workspace() {
    for ((label, ws), level) in workspaces()
        .into_iter()
        .flat_map(|w| [(w.clone(), AreaLevel::Practice), (w, AreaLevel::Pcn)])
    {
        let first = compare_page(
            &ws,
            &CompareQuery {
                level,
                ..CompareQuery::default()
            },
        );
        if level == AreaLevel::Pcn && !first.pcn_level_offered {
            assert_eq!(first.level, AreaLevel::Practice, "{label}");
            continue;
        }
        assert_eq!(first.level, level, "{label}");
        assert!(first.measures.len() >= 2, "{label}");
        assert_ne!(first.x, first.y, "{label}: a measure against itself");
        let x = first.x.clone().unwrap();
        let mut drawn = 0;
        for (y, _) in first.measures.iter().filter(|(id, _)| *id != x) {
            let query = CompareQuery {
                x: Some(x.clone()),
                y: Some(y.clone()),
                level,
                pcn: None,
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
            // A mark per row, named as the row's practice or PCN, where its values put it.
            assert_eq!(figure.marks.len(), table.rows.len(), "{label} {y}");
            let values: Vec<(f64, f64)> = table
                .rows
                .iter()
                .map(|r| (r[3].number.unwrap(), r[4].number.unwrap()))
                .collect();
            for (mark, row) in figure.marks.iter().zip(&table.rows) {
                let (name, link) = match level {
                    AreaLevel::Practice => (
                        atlas_core::words::display_name(&row[0].text),
                        format!("/practices/{}", row[1].text),
                    ),
                    AreaLevel::Pcn => (row[0].text.clone(), format!("/pcns/{}", row[1].text)),
                };
                assert_eq!(mark.title, name);
                assert_eq!(figure.row_links[mark.index], link);
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
        // Too few PCNs for a line is said in words, tested above as any figure.
        if level == AreaLevel::Practice || ws.pcns.len() >= FEWEST_PAIRS {
            assert!(drawn > 0, "{label} {level:?}: no pair drawn");
        }
    }
}

#[test]
fn the_default_offers_pcns_only_the_measures_that_pool() {
    let ws = atlas_core::default_data::leicester_city();
    let practices = compare_page(&ws, &CompareQuery::default());
    let pcns = compare_page(
        &ws,
        &CompareQuery {
            level: AreaLevel::Pcn,
            ..CompareQuery::default()
        },
    );
    assert!(pcns.pcn_level_offered);
    assert!(pcns.measures.len() < practices.measures.len());
    assert!(pcns.measures.iter().all(|m| practices.measures.contains(m)));
    // Percentage-only publications cannot be pooled: QOF prevalence is not offered.
    assert!(pcns
        .measures
        .iter()
        .all(|(id, _)| !id.starts_with("register_")));
    assert!(pcns
        .heading
        .starts_with("Compare two measures across PCNs in "));
    assert!(pcns.figure.problem.is_none(), "{:?}", pcns.figure.problem);
    assert!(pcns.figure.summary.contains(" PCNs in "));
    assert!(pcns.pcns.is_empty(), "no practices to ring across PCNs");
}

#[test]
fn a_chosen_pcns_practices_are_ringed_and_only_they() {
    let ws = atlas_core::default_data::leicester_city();
    let plain = compare_page(&ws, &CompareQuery::default());
    assert!(!plain.figure.svg.contains("class=\"ring\""));
    for (code, name) in plain.pcns.iter().take(3) {
        let page = compare_page(
            &ws,
            &CompareQuery {
                pcn: Some(code.clone()),
                ..CompareQuery::default()
            },
        );
        assert_eq!(page.pcn.as_ref(), Some(code));
        let figure = &page.figure;
        let table = figure.table.table();
        // The table's PCN column says which rows are the PCN's practices.
        let in_pcn = table.rows.iter().filter(|r| r[2].text == *name).count();
        assert!(in_pcn > 0, "{name}");
        assert_eq!(
            figure.svg.matches("class=\"ring\"").count(),
            in_pcn,
            "{name}"
        );
        assert!(figure
            .svg
            .contains(&format!("Practices in {name} (ringed)")));
        let said = match in_pcn {
            1 => format!("The one practice in {name} with a value of both is ringed."),
            n => format!("The {n} practices in {name} with a value of both are ringed."),
        };
        assert!(figure.notes.contains(&said), "{:?}", figure.notes);
        // The same points, in the same places, as without the ring.
        assert_eq!(figure.marks.len(), plain.figure.marks.len());
    }
    // A PCN not in the data rings nothing.
    let unknown = compare_page(
        &ws,
        &CompareQuery {
            pcn: Some("U00000".into()),
            ..CompareQuery::default()
        },
    );
    assert_eq!(unknown.pcn, None);
    assert!(!unknown.figure.svg.contains("class=\"ring\""));
}

#[test]
fn the_view_is_in_the_url_and_unknown_measures_fall_back() {
    let query = CompareQuery {
        x: Some("a b".into()),
        y: Some("c".into()),
        ..CompareQuery::default()
    };
    assert_eq!(CompareQuery::from_query(&query.to_query()), query);
    let pairs = Query::from_pairs([("x", "a b"), ("y", "c"), ("measure", "d")]);
    assert_eq!(CompareQuery::from_query(&pairs), query);
    let pcns = CompareQuery {
        level: AreaLevel::Pcn,
        pcn: Some("U1".into()),
        ..query.clone()
    };
    assert_eq!(CompareQuery::from_query(&pcns.to_query()), pcns);
    let ws = atlas_core::default_data::leicester_city();
    let page = compare_page(&ws, &query);
    let fallback = compare_page(&ws, &CompareQuery::default());
    assert_eq!((page.x, page.y), (fallback.x, fallback.y));
}

#[test]
fn the_points_choice_rings_a_pcn_or_changes_level() {
    let ws = atlas_core::default_data::leicester_city();
    let shown = CompareQuery {
        x: Some("payments_per_patient".into()),
        y: Some("register_diabetes".into()),
        ..CompareQuery::default()
    };
    let page = compare_page(&ws, &shown);
    assert_eq!(page.points_chosen, "practice");
    // Practices, one choice per PCN to ring, then PCNs.
    assert_eq!(page.points.len(), ws.pcns.len() + 2);
    assert_eq!(page.points.last().unwrap().0, "pcn");
    let (ring, words) = &page.points[1];
    assert_eq!(
        words,
        &format!("Practices, those in {} ringed", ws.pcns[0].name)
    );
    // Ringing keeps the measures shown.
    let ringed = shown.with_points(ring);
    assert_eq!((&ringed.x, &ringed.y), (&shown.x, &shown.y));
    assert_eq!(ringed.pcn.as_deref(), Some(ws.pcns[0].code.as_str()));
    assert_eq!(compare_page(&ws, &ringed).points_chosen, *ring);
    // PCNs start from their own first pair, with nothing ringed; back again likewise.
    let pcns = ringed.with_points("pcn");
    assert_eq!(
        pcns,
        CompareQuery {
            level: AreaLevel::Pcn,
            ..CompareQuery::default()
        }
    );
    assert_eq!(compare_page(&ws, &pcns).points_chosen, "pcn");
    assert_eq!(pcns.with_points("practice"), CompareQuery::default());
}
