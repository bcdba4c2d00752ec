//! The Variation page's content on every workspace: its figures pass the common
//! checks, and each mark is the table row it stands for.

mod common;

use atlas_core::summary::display_name;
use atlas_core::variation::FunnelLimitChoice;
use atlas_pages::variation::{variation_page, VariationPage, VariationQuery};
use atlas_pages::Query;
use common::{assert_figure, column, workspaces};

#[test]
fn every_figure_of_the_page_agrees_with_its_table_on_every_workspace() {
    for (label, ws) in workspaces() {
        let first = variation_page(&ws, &VariationQuery::from_query(&Query::default()));
        let mut funnels = 0;
        for measure in &first.measures {
            let query = Query::from_pairs([("indicator", measure.id.as_str())]);
            let page = variation_page(&ws, &VariationQuery::from_query(&query));
            funnels += usize::from(page.funnel.figure.problem.is_none());
            check_page(&ws, label, &page);
        }
        assert!(funnels > 0, "{label}: not one measure has a funnel plot");
    }
}

fn check_page(ws: &atlas_core::model::Workspace, label: &str, page: &VariationPage) {
    {
        let ind = page.indicator.as_ref().expect(label);
        assert_eq!(page.period, page.periods.last().copied(), "{label}");
        for figure in [
            &page.funnel.figure,
            &page.caterpillar,
            &page.over_time.figure,
        ] {
            assert_figure(ws, figure);
        }
        // The funnel: mark i is row i, named as its practice, with the row's value.
        let funnel = &page.funnel.figure;
        let table = funnel.table.table();
        if funnel.problem.is_some() {
            assert!(table.rows.is_empty() && funnel.marks.is_empty());
            return;
        }
        let (code, value) = (column(&table, "Practice"), column(&table, "Value"));
        assert_eq!(funnel.row_links, funnel.mark_links, "{label}");
        for mark in &funnel.marks {
            let row = &table.rows[mark.index];
            let practice = ws.practice(&row[code].text).expect("a practice");
            assert_eq!(mark.title, display_name(&practice.name), "{label}");
            let shown: f64 = mark.lines[0].parse().unwrap();
            let exact = row[value].number.unwrap();
            assert!(
                (shown - exact).abs() <= 0.051,
                "{label}: {shown} vs {exact}"
            );
            assert_eq!(
                funnel.mark_links[mark.index],
                format!("/practices/{}", practice.code)
            );
        }
        // The caterpillar: ranked rows, each mark its row's practice and interval.
        let caterpillar = &page.caterpillar;
        let table = caterpillar.table.table();
        assert!(
            caterpillar.problem.is_none(),
            "{label}: a funnel but no ranking"
        );
        let (code, compared) = (
            column(&table, "Practice"),
            column(&table, "Compared with city"),
        );
        for mark in &caterpillar.marks {
            let row = &table.rows[mark.index];
            let practice = ws.practice(&row[code].text).expect("a practice");
            assert_eq!(mark.title, display_name(&practice.name), "{label}");
            let words = &mark.lines[1];
            assert!(!words.contains("similar than"), "{words}");
            let verdict = &row[compared].text;
            if !verdict.is_empty() {
                assert!(
                    words.contains(verdict.as_str()),
                    "{label}: {words} vs {verdict}"
                );
            }
        }
        assert!(
            page.over_time.figure.title.contains(&ind.name),
            "{label}: {}",
            page.over_time.figure.title
        );
        // Every figure names where the measure's figures come from.
        for figure in [funnel, caterpillar, &page.over_time.figure] {
            if figure.problem.is_none() {
                assert!(figure.source.is_some(), "{label}: {}", figure.title);
            }
        }
    }
}

#[test]
fn the_view_round_trips_through_the_query_string() {
    let query = VariationQuery {
        indicator: Some("dementia-prevalence".into()),
        period: Some("2024-25".into()),
        area: Some("U87499".into()),
        limits: FunnelLimitChoice::Unadjusted,
        pandemic_apart: false,
    };
    assert_eq!(VariationQuery::from_query(&query.to_query()), query);
    let default = VariationQuery::from_query(&Query::default());
    assert_eq!(default.limits, FunnelLimitChoice::Auto);
    assert!(default.pandemic_apart);
    assert!(
        default.to_query().0.is_empty(),
        "defaults are left out of links"
    );
}

#[test]
fn an_unknown_measure_period_or_area_falls_back_to_the_default_view() {
    let ws = atlas_core::default_data::leicester_city();
    let query = Query::from_pairs([
        ("indicator", "no-such"),
        ("period", "1999-13"),
        ("area", "ZZZ"),
    ]);
    let page = variation_page(&ws, &VariationQuery::from_query(&query));
    assert_eq!(page.indicator, page.measures.first().cloned());
    assert_eq!(page.period, page.periods.last().copied());
    assert_eq!(page.area, atlas_core::aggregate::CITY_CODE);
}

#[test]
fn widened_limits_are_what_the_funnel_says_it_draws() {
    let ws = atlas_core::default_data::leicester_city();
    for (od, expect) in [("1", Some(true)), ("0", Some(false)), ("", None)] {
        let query = Query::from_pairs([("od", od)]);
        let page = variation_page(&ws, &VariationQuery::from_query(&query));
        if let Some(expect) = expect {
            assert_eq!(page.funnel.adjusted, expect, "od={od}");
        }
        let summary = &page.funnel.figure.summary;
        assert_eq!(
            page.funnel.adjusted,
            summary.contains("the limits are widened for it"),
            "od={od}: {summary}"
        );
    }
}
