//! The Population page: a pyramid of any area beside the place or England, with the
//! shares aged 65+ and 85+, and the list size over time; words where the data cannot
//! give them.

mod common;

use atlas_core::aggregate::ENGLAND_CODE;
use atlas_core::comparator::Against;
use atlas_core::model::{AgeProfile, Date, AGE_BANDS};
use atlas_pages::population::{population_page, PopulationQuery};
use atlas_pages::Query;
use common::{assert_figure, workspaces};

#[test]
fn every_workspace_shows_a_pyramid_or_says_why_and_a_trend_or_says_why() {
    for (label, ws) in workspaces() {
        let page = population_page(&ws, &PopulationQuery::default());
        assert_figure(&ws, &page.pyramid);
        assert_figure(&ws, &page.trend);
        // None of the three has registrations by age.
        let why = page.pyramid.problem.as_deref().unwrap_or_default();
        assert!(why.contains("no registrations by age"), "{label}: {why}");
        assert!(page.headline.is_none());
        assert_eq!(page.heading, format!("Population of {}", ws.place));
    }
    // The default dates its lists (registrations, workforce): a trend is drawn.
    let ws = atlas_core::default_data::leicester_city();
    let page = population_page(&ws, &PopulationQuery::default());
    assert!(page.trend.problem.is_none(), "{:?}", page.trend.problem);
    assert!(page.trend.table.table().rows.len() >= 2);
}

/// The default with every practice's ages: a practice's k-th band has 10 + k males and
/// 20 + k females; and England's, 100 of each in every band.
fn with_ages() -> atlas_core::model::Workspace {
    let mut ws = atlas_core::default_data::leicester_city();
    let as_of = Date::new(2025, 3, 1).unwrap();
    let profile = |code: &str, male: [u64; AGE_BANDS], female: [u64; AGE_BANDS]| AgeProfile {
        practice_code: code.to_string(),
        as_of,
        male: Some(male),
        female: Some(female),
    };
    let male: [u64; AGE_BANDS] = std::array::from_fn(|k| 10 + k as u64);
    let female: [u64; AGE_BANDS] = std::array::from_fn(|k| 20 + k as u64);
    ws.registrations_by_age = ws
        .practices
        .iter()
        .map(|p| profile(&p.code, male, female))
        .collect();
    ws.registrations_by_age
        .push(profile(ENGLAND_CODE, [100; AGE_BANDS], [100; AGE_BANDS]));
    ws
}

#[test]
fn a_practices_pyramid_agrees_with_its_table_and_states_the_older_shares() {
    let ws = with_ages();
    let code = ws.practices[3].code.clone();
    let query = PopulationQuery {
        area: Some(code.clone()),
        against: None,
    };
    let page = population_page(&ws, &query);
    assert_eq!(page.against, Against::Place);
    let figure = &page.pyramid;
    assert_figure(&ws, figure);
    assert!(figure.problem.is_none());
    let table = figure.table.table();
    assert_eq!(table.rows.len(), AGE_BANDS);
    assert_eq!(figure.marks.len(), AGE_BANDS);
    assert_eq!(table.columns[5], format!("Males, {} (% of all)", ws.place));
    // Worked out apart: 20 bands of 10+k males and 20+k females: 980 patients.
    let total: u64 = (0..20).map(|k| 30 + 2 * k).sum();
    assert_eq!(total, 980);
    assert_eq!(table.rows[0][3].text, format!("{:.1}", 1000.0 / 980.0));
    // 65+: bands 13 to 19.
    let older: u64 = (13..20).map(|k| 30 + 2 * k).sum();
    let share = format!("{:.1}%", 100.0 * older as f64 / 980.0);
    assert!(page
        .headline
        .as_ref()
        .unwrap()
        .starts_with(&format!("{share} aged 65 and over")));
    assert!(
        figure.summary.contains(&format!(
            "980 registered patients: {share} aged 65 and over"
        )),
        "{}",
        figure.summary
    );
    assert!(figure
        .source
        .as_ref()
        .unwrap()
        .text
        .contains("Patients Registered at a GP Practice"));
    // Against England, the comparator's columns are England's.
    let england = population_page(
        &ws,
        &PopulationQuery {
            area: Some(code),
            against: Some("england".into()),
        },
    );
    assert_eq!(england.against, Against::England);
    let table = england.pyramid.table.table();
    assert_eq!(table.columns[5], "Males, England (% of all)");
    assert_eq!(table.rows[0][5].text, "2.5");
    assert!(england.pyramid.summary.contains("in England"));
}

#[test]
fn the_place_is_set_beside_england_and_the_view_is_in_the_url() {
    let ws = with_ages();
    let page = population_page(&ws, &PopulationQuery::default());
    assert_eq!(page.against, Against::England);
    assert!(
        !page.choices[0].offered,
        "the place is not set beside itself"
    );
    assert!(page.choices[1].offered);
    let pcn = ws.pcns[0].code.clone();
    let query = PopulationQuery {
        area: Some(pcn.clone()),
        against: Some("england".into()),
    };
    assert_eq!(PopulationQuery::from_query(&query.to_query()), query);
    let pairs = Query::from_pairs([("area", pcn.as_str()), ("against", "england")]);
    assert_eq!(PopulationQuery::from_query(&pairs), query);
    let page = population_page(&ws, &query);
    let members = ws.practices_in(&pcn).count() as u64;
    assert!(page
        .pyramid
        .summary
        .contains(&atlas_core::words::thousands(980 * members)));
}
