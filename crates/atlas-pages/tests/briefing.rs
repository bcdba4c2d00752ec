//! The briefing's content on every workspace: a figure or the words for why on every
//! slide.

mod common;

use atlas_pages::briefing::{briefing_page, BriefingQuery, SLIDES};
use atlas_pages::Query;
use common::{assert_figure, assert_link, workspaces};

#[test]
fn every_slide_has_its_chart_or_says_why_on_every_workspace() {
    for (label, ws) in workspaces() {
        let page = briefing_page(&ws);
        assert!(
            page.heading.ends_with(&ws.place),
            "{label}: {}",
            page.heading
        );
        let figures = [&page.structure, &page.map, &page.variation, &page.equity];
        for figure in figures.into_iter().chain(&page.access) {
            assert_figure(&ws, figure);
        }
        assert!(
            page.structure.problem.is_none(),
            "{label}: every workspace has PCNs"
        );
        match &page.variation_message {
            Some((sentence, link)) => {
                assert!(page.variation.problem.is_none(), "{label}");
                assert!(sentence.ends_with('.'), "{sentence}");
                assert_link(&ws, link);
                assert!(link.starts_with("/variation?indicator="));
            }
            None => assert!(page.variation.problem.is_some(), "{label}"),
        }
    }
}

#[test]
fn the_slide_presented_is_clamped_to_the_slides_there_are() {
    let slide = |s: &str| BriefingQuery::from_query(&Query::from_pairs([("slide", s)])).slide;
    assert_eq!(slide("3"), Some(3));
    assert_eq!(slide("0"), Some(1));
    assert_eq!(slide("99"), Some(SLIDES.len()));
    assert_eq!(slide("x"), None);
    assert_eq!(BriefingQuery { slide: Some(2) }.link(), "/briefing?slide=2");
    assert_eq!(BriefingQuery::default().link(), "/briefing");
}
