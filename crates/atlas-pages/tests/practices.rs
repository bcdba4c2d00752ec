//! The Practices pages on every workspace: each row leads to its own practice, each
//! profile's figures agree with their tables.

mod common;

use atlas_core::measures::scorecard_indicators;
use atlas_core::measures::SeriesPositions;
use atlas_pages::measures::choose_measure;
use atlas_pages::practices::{practice_list, practice_profile_page, profile_over_time};
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
        for practice in ws.practices.iter().take(12) {
            let profile = practice_profile_page(&ws, &practice.code).expect("a profile");
            assert_figure(&ws, &profile.spine);
            assert!(
                profile.list_size.ends_with(" patients")
                    || profile.list_size.ends_with("(estimated)")
            );
            let spc = profile_over_time(&ws, &positions, measure.as_ref(), &practice.code);
            assert_figure(&ws, &spc);
            assert!(spc.file_stem.contains(&practice.code));
        }
        assert!(practice_profile_page(&ws, "NOPE").is_none());
    }
}
