//! The Practices pages on every workspace: each row leads to its own practice, each
//! profile's figures agree with their tables.

mod common;

use atlas_core::comparator::Against;
use atlas_core::measures::scorecard_indicators;
use atlas_core::measures::SeriesPositions;
use atlas_pages::measures::choose_measure;
use atlas_pages::practices::{
    practice_list, practice_profile_page, profile_over_time, profile_spread,
};
use common::{assert_figure, column, workspaces};

#[test]
fn every_row_leads_to_its_own_practice_and_every_profile_agrees_with_its_tables() {
    for (label, ws) in workspaces() {
        let (table, links) = practice_list(&ws);
        assert_eq!(table.rows.len(), links.len(), "{label}");
        let code = column(&table, "ODS code");
        for (row, link) in table.rows.iter().zip(&links) {
            assert_eq!(link, &format!("/practices/{}", row[code].text), "{label}");
        }
        let positions = SeriesPositions::new(&ws);
        let measure = choose_measure(&scorecard_indicators(&ws), None);
        let mut marked = 0;
        for practice in ws.practices.iter().take(12) {
            for against in Against::ALL {
                let profile =
                    practice_profile_page(&ws, &practice.code, against).expect("a profile");
                assert_figure(&ws, &profile.spine);
                assert_eq!(profile.against, against);
            }
            let profile =
                practice_profile_page(&ws, &practice.code, Against::Place).expect("a profile");
            assert!(
                profile.list_size.ends_with(" patients")
                    || profile.list_size.ends_with("(estimated)")
            );
            let spc = profile_over_time(&ws, &positions, measure.as_ref(), &practice.code);
            assert_figure(&ws, &spc);
            assert!(spc.file_stem.contains(&practice.code));
            let spread = profile_spread(&ws, &positions, measure.as_ref(), &practice.code);
            assert_figure(&ws, &spread);
            for mark in &spread.marks {
                assert_eq!(mark.title, atlas_core::words::display_name(&practice.name));
                marked += 1;
            }
        }
        assert!(marked > 0, "{label}: no practice marked on its spread");
        assert!(practice_profile_page(&ws, "NOPE", Against::Place).is_none());
    }
}

#[test]
fn against_similar_practices_the_page_lists_them_and_says_why() {
    let ws = atlas_core::default_data::leicester_city();
    let code = ws.practices[3].code.clone();
    let profile = practice_profile_page(&ws, &code, Against::Similar).unwrap();
    assert!(profile.spine.problem.is_none());
    assert!(profile
        .spine
        .title
        .ends_with(" against its 10 similar practices"));
    assert!(profile
        .spine
        .summary
        .starts_with("Against its 10 similar practices, "));
    assert!(
        profile.spine.svg.contains(">Similar practices<"),
        "the centre line names its comparator"
    );
    assert!(!profile.spine.svg.contains(">City<"));
    let (rule, table, links) = profile.similar.clone().expect("the similar practices");
    assert!(rule.starts_with("The 10 practices nearest on deprivation (IMD 2019 score of the registered population) and list size"), "{rule}");
    assert_eq!(table.rows.len(), 10);
    assert_eq!(links.len(), 10);
    assert_eq!(table.columns.last().unwrap(), "Distance");
    assert!(links.iter().all(|l| l != &format!("/practices/{code}")));
    let distances: Vec<f64> = table.rows.iter().map(|r| r[4].number.unwrap()).collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{distances:?}");
    // The demonstration has no deprivation scores: list size alone, and the rule says so.
    let demo = atlas_core::default_data::illustrative_city();
    let profile = practice_profile_page(&demo, &demo.practices[0].code, Against::Similar).unwrap();
    let (rule, table, _) = profile.similar.expect("similar by list size");
    assert!(rule.contains("nor is deprivation"), "{rule}");
    assert_eq!(
        table.columns,
        vec!["Practice", "Code", "List size", "Distance"]
    );
}
