//! The Overview and the PCN pages on every workspace: the bar charts draw their tables
//! in the tables' order, and every link leads to an area of the workspace.

mod common;

use atlas_core::scoring::scorecard;
use atlas_pages::overview::overview_page;
use atlas_pages::pcns::{pcn_list, pcn_profile};
use common::{assert_bars_in_table_order, assert_figure, assert_link, workspaces};

#[test]
fn the_overview_draws_its_table_and_names_the_place() {
    for (label, ws) in workspaces() {
        let page = overview_page(&ws);
        assert!(page.heading.ends_with(&ws.place), "{label}");
        assert_figure(&ws, &page.pcn_sizes);
        assert_bars_in_table_order(&page.pcn_sizes, 0);
        assert_eq!(page.practices.rows.len(), ws.practices.len(), "{label}");
        assert!(page
            .practices_note
            .ends_with("Select a column heading to sort."));
    }
}

#[test]
fn every_pcn_links_to_a_profile_whose_practices_link_to_theirs() {
    for (label, ws) in workspaces() {
        let card = scorecard(&ws);
        let (heading, rows) = pcn_list(&ws);
        assert!(heading.ends_with(&ws.place));
        assert_eq!(rows.len(), ws.pcns.len(), "{label}");
        for row in &rows {
            assert_link(&ws, &row.link);
            let profile = pcn_profile(&ws, &card, &row.code).expect("a profile");
            assert_figure(&ws, &profile.list_sizes);
            assert_bars_in_table_order(&profile.list_sizes, 0);
            let table = profile.list_sizes.table.table();
            // The links are the practices of the rows, in order.
            assert_eq!(profile.practices.len(), table.rows.len());
            for ((practice, link), row) in profile
                .practices
                .iter()
                .zip(&profile.list_sizes.row_links)
                .zip(&table.rows)
            {
                assert_eq!(&practice.link, link);
                assert_eq!(practice.code, row[1].text);
                assert_eq!(
                    ws.practice(&practice.code).map(|p| p.pcn_code.as_str()),
                    Some(profile.code.as_str())
                );
            }
            assert!(profile.facts.starts_with(&format!("ODS code {}", row.code)));
            // The facts' patients are the chart's practices added up.
            let total: f64 = table.rows.iter().filter_map(|r| r[2].number).sum();
            let said = format!(
                "practices serving {} registered patients",
                atlas_core::words::thousands(total as u64)
            );
            assert!(
                profile.facts.contains(&said),
                "{label}: {} / {said}",
                profile.facts
            );
        }
        assert!(pcn_profile(&ws, &card, "NOPE").is_none());
    }
}
