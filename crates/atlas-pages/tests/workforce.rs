//! The Workforce page: PCNs' additional-roles staff against their patients, on every
//! workspace; without the PCN workforce collection it says so.

mod common;

use atlas_pages::workforce::{workforce_page, WorkforceQuery};
use atlas_pages::Query;
use common::{assert_bars_in_table_order, assert_figure, workspaces};

#[test]
fn every_staffed_pcn_is_a_row_and_a_bar_and_leads_to_its_profile() {
    for (label, ws) in workspaces() {
        let page = workforce_page(&ws, &WorkforceQuery::default());
        assert_figure(&ws, &page.by_pcn);
        assert_figure(&ws, &page.roles);
        if page.pcns.is_empty() {
            assert!(
                page.by_pcn
                    .problem
                    .as_deref()
                    .unwrap()
                    .contains("PCN workforce collection"),
                "{label}"
            );
            continue;
        }
        let table = page.by_pcn.table.table();
        assert_eq!(table.rows.len(), page.pcns.len(), "{label}");
        assert_eq!(page.by_pcn.row_links.len(), table.rows.len());
        assert_bars_in_table_order(&page.by_pcn, 0);
        assert!(page.by_pcn.source.is_some(), "{label}: no source");
        // The first PCN is shown unless the URL names another.
        assert_eq!(page.pcn.as_deref(), Some(page.pcns[0].0.as_str()));
        let (last, name) = page.pcns.last().unwrap().clone();
        let chosen = workforce_page(
            &ws,
            &WorkforceQuery::from_query(&Query::from_pairs([("pcn", last.as_str())])),
        );
        assert_eq!(chosen.pcn.as_deref(), Some(last.as_str()));
        assert!(
            chosen.sentence.as_deref().unwrap().contains(&name),
            "{label}"
        );
        assert!(chosen.roles.title.contains(&name));
    }
}

#[test]
fn the_default_has_staff_for_its_pcns() {
    let ws = atlas_core::default_data::leicester_city();
    let page = workforce_page(&ws, &WorkforceQuery::default());
    assert!(page.pcns.len() >= 5, "{} PCNs with staff", page.pcns.len());
    assert!(page.by_pcn.problem.is_none());
    // The PCNs without staff are named, not dropped.
    let missing = ws.pcns.len() - page.pcns.len();
    match &page.without_staff {
        Some(text) => assert!(
            text.starts_with(&format!(
                "No staff are published for {missing} of the {} PCNs: ",
                ws.pcns.len()
            )),
            "{text}"
        ),
        None => assert_eq!(missing, 0),
    }
    assert!(
        page.by_pcn.title.contains(", Sep 2022") || page.by_pcn.title.contains("latest month"),
        "{}",
        page.by_pcn.title
    );
    assert!(
        page.by_pcn
            .summary
            .contains("the most staff in additional roles per 10,000 patients"),
        "{}",
        page.by_pcn.summary
    );
    assert_eq!(
        WorkforceQuery::from_query(
            &WorkforceQuery {
                pcn: Some("U1".into())
            }
            .to_query()
        )
        .pcn
        .as_deref(),
        Some("U1")
    );
}
