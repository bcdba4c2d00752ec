//! The Equity, Priorities and Map pages on every workspace.

mod common;

use atlas_pages::equity::equity_page;
use atlas_pages::map::{map_page, MapQuery};
use atlas_pages::priorities::{priorities_page, PrioritiesQuery};
use atlas_pages::Query;
use common::{assert_figure, column, workspaces};

#[test]
fn equity_shows_each_measure_it_has_or_says_it_has_none() {
    for (label, ws) in workspaces() {
        let page = equity_page(&ws, &Query::default());
        assert_eq!(page.shown.is_some(), !page.measures.is_empty(), "{label}");
        for (id, name) in &page.measures {
            let page = equity_page(&ws, &Query::from_pairs([("indicator", id.as_str())]));
            let shown = page.shown.expect("a measure");
            assert_eq!(&shown.name, name);
            assert_eq!(
                shown.table.rows.len(),
                ws.pcns.len(),
                "{label}: a row per PCN"
            );
            assert_figure(&ws, &shown.spread);
            assert!(
                shown.spread.source.is_some(),
                "{label}: {name} has no source"
            );
            assert!(shown.csv_name.contains(id.as_str()));
            // The gradient between PCNs is given, or why not, in a sentence.
            assert!(
                shown.by_deprivation.ends_with('.') && shown.by_deprivation.len() > 40,
                "{label}: {}",
                shown.by_deprivation
            );
        }
    }
}

#[test]
fn equity_sets_each_pcns_deprivation_and_the_sii_beside_its_gap() {
    use atlas_core::inequalities::IMD_2019;
    use atlas_core::model::{Domain, Indicator, Period, Point, Polarity, Series, Unit};
    // The demonstration (equity measures, no deprivation) with an IMD score for every
    // practice: the k-th PCN's practices scored 50 - k.
    let mut ws = atlas_core::default_data::illustrative_city();
    let without = equity_page(&ws, &Query::default()).shown.unwrap();
    assert!(
        without.by_deprivation.starts_with(
            "No slope index of inequality across the PCNs: these data have no deprivation score"
        ),
        "{}",
        without.by_deprivation
    );
    assert_eq!(without.table.columns.len(), 7);
    let period = Period::month(2019, 12).unwrap();
    let scored: Vec<(String, f64)> = ws
        .pcns
        .iter()
        .enumerate()
        .flat_map(|(k, pcn)| {
            ws.practices_in(&pcn.code)
                .map(move |p| (p.code.clone(), 50.0 - k as f64))
                .collect::<Vec<_>>()
        })
        .collect();
    for (code, score) in scored {
        ws.series.push(Series {
            indicator_id: IMD_2019.into(),
            area_code: code,
            points: vec![Point {
                period,
                numerator: None,
                denominator: None,
                value: Some(score),
            }],
        });
    }
    ws.indicators.push(Indicator {
        id: IMD_2019.into(),
        name: "Deprivation score (IMD 2019)".into(),
        domain: Domain::Equity,
        unit: Unit::Mean,
        polarity: Polarity::NoJudgement,
        comparison: Default::default(),
    });
    let page = equity_page(&ws, &Query::default());
    let shown = page.shown.unwrap();
    let table = &shown.table;
    assert_eq!(
        table.columns[7..],
        [
            "Deprivation (IMD 2019 score)",
            "Deprivation rank (1 most deprived)"
        ]
    );
    // Each row's rank follows its PCN's place in the workspace (scores fall with it).
    for (k, row) in table.rows.iter().enumerate() {
        assert_eq!(row[0].text, ws.pcns[k].code);
        assert_eq!(row[7].number, Some(50.0 - k as f64));
        assert_eq!(row[8].text, (k + 1).to_string());
    }
    assert!(
        shown.by_deprivation.starts_with(&format!(
            "Across the {} PCNs of {} ranked by the deprivation of their registered patients (IMD 2019), {}",
            ws.pcns.len(),
            ws.place,
            shown.name
        )),
        "{}",
        shown.by_deprivation
    );
    assert!(shown.by_deprivation.contains("slope index of inequality"));
    assert!(shown.caption.ends_with("and deprivation"));
}

#[test]
fn every_neighbourhood_has_a_card_and_shared_priorities_are_marked() {
    for (label, ws) in workspaces() {
        let page = priorities_page(&ws, &PrioritiesQuery::default());
        assert_eq!(page.cards.len(), page.found.neighbourhoods.len(), "{label}");
        for card in &page.cards {
            for (name, shared, words) in &card.items {
                assert!(!words.is_empty());
                let in_shared = page.found.shared.iter().any(|s| &s.name == name);
                assert_eq!(*shared, in_shared, "{label}: {name}");
            }
        }
        let no_neighbourhoods = ws.practices.iter().all(|p| p.neighbourhood.is_none());
        assert_eq!(
            page.neighbourhoods_from
                .starts_with("Neighbourhoods here are PCNs"),
            no_neighbourhoods
        );
    }
}

#[test]
fn priorities_against_england_where_the_data_give_it() {
    use atlas_core::comparator::Against;
    use atlas_core::model::Series;
    let mut ws = atlas_core::default_data::illustrative_city();
    let city = priorities_page(&ws, &PrioritiesQuery::default());
    assert!(city.rule.contains("compared with the city"));
    let england = city.comparators.iter().find(|c| c.id == "england").unwrap();
    assert!(!england.offered, "the demonstration has no England values");
    assert_eq!(city.comparators.len(), 2);
    // Asked for England without England's values, the page stays with the city.
    let asked = priorities_page(
        &ws,
        &PrioritiesQuery {
            against: Against::England,
        },
    );
    assert_eq!(asked.found.against, Against::Place);
    // England's value for a measure some neighbourhood has as a priority, set far on the
    // better side: every neighbourhood is then worse than England on it.
    let item = city
        .found
        .neighbourhoods
        .iter()
        .flat_map(|n| &n.priorities)
        .next()
        .expect("a priority")
        .clone();
    let indicator = atlas_core::measures::scorecard_indicators(&ws)
        .into_iter()
        .find(|i| i.id == item.indicator_id)
        .unwrap();
    let period = atlas_core::measures::MeasureContext::new(&ws)
        .latest_period(&indicator)
        .unwrap();
    let best = match indicator.polarity {
        atlas_core::model::Polarity::LowIsGood => 0.0,
        _ => 100.0,
    };
    ws.series.push(Series::one_value(
        &indicator.id,
        atlas_core::aggregate::ENGLAND_CODE,
        period,
        best,
    ));
    let query = PrioritiesQuery {
        against: Against::England,
    };
    assert_eq!(PrioritiesQuery::from_query(&query.to_query()), query);
    let page = priorities_page(&ws, &query);
    assert_eq!(page.found.against, Against::England);
    assert!(page.rule.contains("compared with England"));
    // Only the measure England gives can be a priority, and every neighbourhood that has
    // an interval for it has it, worded against England.
    for n in &page.found.neighbourhoods {
        for p in &n.priorities {
            assert_eq!(p.indicator_id, indicator.id);
            assert_eq!(p.comparator_value, best);
        }
    }
    let words: Vec<&String> = page
        .cards
        .iter()
        .flat_map(|c| &c.items)
        .map(|i| &i.2)
        .collect();
    assert!(!words.is_empty());
    assert!(
        words.iter().all(|w| w.starts_with("Worse than England: ")),
        "{words:?}"
    );
    assert!(page.table.columns.contains(&"England value".to_string()));
}

#[test]
fn the_map_marks_each_practice_by_its_verdict_on_a_chosen_measure() {
    let ws = atlas_core::default_data::leicester_city();
    let plain = map_page(&ws, &MapQuery::default());
    let measure = plain.measures[0].0.clone();
    let page = map_page(
        &ws,
        &MapQuery {
            measure: Some(measure.clone()),
        },
    );
    assert_eq!(page.measure.as_deref(), Some(measure.as_str()));
    assert_figure(&ws, &page.map);
    let table = page.map.table.table();
    assert_eq!(table.rows.len(), ws.practices.len());
    let verdict = column(&table, "Compared with Leicester City");
    // Each marker says the verdict its practice's row gives, and the legend lists it.
    let placed: Vec<&atlas_core::model::Practice> = ws
        .practices
        .iter()
        .filter(|p| p.location.is_some())
        .collect();
    for mark in &page.map.marks {
        let code = &placed[mark.index].code;
        let row = table.rows.iter().find(|r| &r[1].text == code).unwrap();
        assert_eq!(mark.lines[0], row[verdict].text);
        assert!(
            page.map.svg.contains(&format!(">{}<", row[verdict].text)),
            "legend: {}",
            row[verdict].text
        );
    }
    assert!(page.map.summary.contains(" against Leicester City: "));
    assert!(page.map.title.starts_with("GP practices by "));
    assert_eq!(page.map.definitions.len(), 1);
    // An unknown measure falls back to the PCN colours.
    let unknown = map_page(
        &ws,
        &MapQuery {
            measure: Some("nope".into()),
        },
    );
    assert_eq!(unknown.measure, None);
    assert_eq!(unknown.map.title, "GP practices by PCN and list size");
    assert_eq!(
        MapQuery::from_query(&page_query(&MapQuery {
            measure: Some(measure.clone())
        })),
        MapQuery {
            measure: Some(measure)
        }
    );
}

fn page_query(q: &MapQuery) -> atlas_pages::Query {
    q.to_query()
}

#[test]
fn the_map_names_every_marker_and_every_practice_left_off() {
    for (label, ws) in workspaces() {
        let page = map_page(&ws, &MapQuery::default());
        let placed = ws.practices.iter().filter(|p| p.location.is_some()).count();
        assert_eq!(placed + page.unplaced.len(), ws.practices.len(), "{label}");
        assert_eq!(page.unplaced_heading.is_some(), !page.unplaced.is_empty());
        if placed > 0 {
            assert_figure(&ws, &page.map);
            assert_eq!(
                page.map.marks.len(),
                placed,
                "{label}: a mark per practice placed"
            );
            for mark in &page.map.marks {
                assert_eq!(mark.lines.len(), 2, "PCN and list size");
                assert!(mark.lines[1].contains("patients"));
            }
        }
        assert!(!page.attribution.is_empty());
        // Leicester's boundary and its 22 wards of 2013 are drawn under the default's
        // and the uploaded files' practices (all in sub-ICB 04C), with their licence.
        let outlines = page.map.svg.matches("class=\"outline\"").count();
        if label == "demonstration" {
            assert_eq!(outlines, 0, "{label}");
        } else {
            assert_eq!(outlines, 23, "{label}");
            assert!(page.attribution.contains("CC BY 4.0"), "{label}");
            assert!(page.map.summary.contains("wards as drawn in 2013"));
        }
    }
}
