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
        let compared_with = table
            .columns
            .iter()
            .find(|c| c.starts_with("Compared with "))
            .expect("a verdict column")
            .clone();
        let (code, compared) = (column(&table, "Practice"), column(&table, &compared_with));
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
        assert_figure(ws, &page.spread);
        for figure in [funnel, caterpillar, &page.over_time.figure, &page.spread] {
            if figure.problem.is_none() {
                assert!(figure.source.is_some(), "{label}: {}", figure.title);
            }
        }
    }
}

#[test]
fn the_spread_marks_the_chosen_practice_with_its_funnel_value() {
    for (label, ws) in workspaces() {
        // The first measure with a funnel plot.
        let first = variation_page(&ws, &VariationQuery::from_query(&Query::default()))
            .measures
            .iter()
            .map(|m| {
                let query = Query::from_pairs([("indicator", m.id.as_str())]);
                variation_page(&ws, &VariationQuery::from_query(&query))
            })
            .find(|p| p.funnel.figure.problem.is_none())
            .expect(label);
        let indicator = first.indicator.clone().unwrap().id;
        let funnel = first.funnel.figure.table.table();
        let (code, value) = (column(&funnel, "Practice"), column(&funnel, "Value"));
        let row = funnel
            .rows
            .iter()
            .find(|r| r[value].number.is_some_and(f64::is_finite))
            .expect(label);
        let practice = ws.practice(&row[code].text).unwrap();
        let query = Query::from_pairs([
            ("indicator", indicator.as_str()),
            ("area", practice.code.as_str()),
        ]);
        let page = variation_page(&ws, &VariationQuery::from_query(&query));
        let spread = &page.spread;
        assert!(spread.problem.is_none(), "{label}: {:?}", spread.problem);
        let table = spread.table.table();
        // The five percentiles over the practices with a value, the place, the practice.
        let valued = funnel
            .rows
            .iter()
            .filter(|r| r[value].number.is_some_and(f64::is_finite))
            .count();
        assert_eq!(
            table.rows[2][0].text,
            format!("Median of {valued} practices"),
            "{label}"
        );
        let last = table.rows.last().unwrap();
        assert_eq!(last[0].text, display_name(&practice.name), "{label}");
        assert!((last[1].number.unwrap() - row[value].number.unwrap()).abs() < 1e-9);
        assert_eq!(spread.marks.len(), 1);
        assert_eq!(spread.marks[0].title, display_name(&practice.name));
        assert!(spread
            .summary
            .contains(&format!("{} is ", display_name(&practice.name))));
        let values: Vec<f64> = table.rows[..5]
            .iter()
            .map(|r| r[1].number.unwrap())
            .collect();
        assert!(
            values.windows(2).all(|w| w[0] <= w[1]),
            "{label}: {values:?}"
        );
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
        against: atlas_core::comparator::Against::England,
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

#[test]
fn against_england_the_funnel_is_centred_on_its_value_or_says_why_not() {
    use atlas_core::comparator::Against;
    use atlas_core::model::Series;
    let mut ws = atlas_core::default_data::illustrative_city();
    let first = variation_page(&ws, &VariationQuery::default());
    let ind = first.indicator.clone().unwrap();
    let period = first.period.unwrap();
    let query = VariationQuery {
        against: Against::England,
        ..VariationQuery::default()
    };
    assert_eq!(VariationQuery::from_query(&query.to_query()), query);
    // Without England's value: words, not a chart centred on something else.
    let page = variation_page(&ws, &query);
    for figure in [&page.funnel.figure, &page.caterpillar] {
        let problem = figure.problem.as_deref().expect("no chart without England");
        assert!(problem.contains("no England value for"), "{problem}");
    }
    let city = first.caterpillar.table.table();
    assert!(city.columns.contains(&"Compared with city".to_string()));
    // With it, both charts compare with it and name it.
    let value = 50.0;
    ws.series.push(Series::one_value(
        &ind.id,
        atlas_core::aggregate::ENGLAND_CODE,
        period,
        value,
    ));
    let page = variation_page(&ws, &query);
    check_page(&ws, "against England", &page);
    let funnel = &page.funnel.figure;
    assert!(funnel.problem.is_none());
    assert!(
        funnel.summary.contains("around England's 50.0."),
        "{}",
        funnel.summary
    );
    assert!(
        funnel.svg.contains(">England (50"),
        "the centre line is named England"
    );
    let ranked = page.caterpillar.table.table();
    assert!(ranked
        .columns
        .contains(&"Compared with England".to_string()));
    assert!(page.caterpillar.summary.contains("against England (50.0)"));
    let choices = atlas_pages::variation::comparators(&ws);
    assert!(choices.iter().all(|c| c.offered));
    assert_eq!(choices.len(), 2);
}
