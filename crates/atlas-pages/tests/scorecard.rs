//! The Scorecard's table on every workspace: rows, sort keys and the download agree.

mod common;

use atlas_core::comparator::Against;
use atlas_core::scoring::{scorecard_against, AreaLevel};
use atlas_pages::scorecard::{scorecard_layout, ScorecardQuery};
use atlas_pages::Query;
use common::workspaces;

#[test]
fn the_table_its_sort_keys_and_its_download_agree_on_every_workspace() {
    for (label, ws) in workspaces() {
        for against in Against::ALL {
            let card = scorecard_against(&ws, against);
            let label = format!("{label} against {}", against.id());
            for level in [AreaLevel::Practice, AreaLevel::Pcn] {
                let layout = scorecard_layout(&ws, &card, level);
                let areas = match level {
                    AreaLevel::Practice => &card.practices,
                    AreaLevel::Pcn => &card.pcns,
                };
                assert_eq!(layout.rows.len(), areas.len(), "{label}");
                assert_eq!(layout.sort_table.rows.len(), layout.rows.len(), "{label}");
                let measures: usize = layout.domains.iter().map(|d| d.measures.len()).sum();
                assert_eq!(
                    measures,
                    card.indicators.len(),
                    "{label}: every measure has a column"
                );
                let download_codes: Vec<&str> = layout
                    .download
                    .rows
                    .iter()
                    .map(|r| r[0].text.as_str())
                    .collect();
                for (row, keys) in layout.rows.iter().zip(&layout.sort_table.rows) {
                    // The row sorted is the row shown.
                    assert_eq!(keys[0].text, row.area_code, "{label}");
                    assert_eq!(keys[layout.rank_column].text, row.rank, "{label}");
                    assert!(download_codes.contains(&row.area_code.as_str()), "{label}");
                    assert_eq!(row.domains.len(), layout.domains.len());
                    for ((cells, _), domain) in row.domains.iter().zip(&layout.domains) {
                        assert_eq!(cells.len(), domain.measures.len());
                        for cell in cells {
                            // A colour never alone: a code and words with every cell.
                            assert!(!cell.code.is_empty() && !cell.words.is_empty(), "{label}");
                            assert!(cell.label.ends_with(&cell.words));
                        }
                    }
                    assert_eq!(row.components.1.len(), layout.domains.len());
                }
                for d in &layout.domains {
                    assert!(
                        d.score_column > layout.area_column
                            && d.score_column < layout.overall_column
                    );
                }
                // The words name the comparator the cells were judged against; PCNs, which
                // have no PCN or similar practices of their own, say that they are not.
                assert!(layout.caption.contains(layout.against.whom()), "{label}");
                assert!(layout
                    .composite_method
                    .contains(&format!("better than {}", layout.against.whom())));
                assert_eq!(
                    layout.against_note.is_some(),
                    level == AreaLevel::Pcn && !against.is_shared(),
                    "{label}"
                );
                // A measure that areas report but none can be judged on is named, and only
                // such a measure.
                let areas = match level {
                    AreaLevel::Practice => &card.practices,
                    AreaLevel::Pcn => &card.pcns,
                };
                let note = layout.uncompared_note.clone().unwrap_or_default();
                let mut named = 0;
                for (k, indicator) in card.indicators.iter().enumerate() {
                    let unjudged = areas.iter().any(|a| a.cells[k].value.is_some())
                        && areas.iter().all(|a| a.cells[k].comparator_value.is_none());
                    if unjudged {
                        named += 1;
                        assert!(
                            note.contains(&format!("{};", indicator.name))
                                || note.contains(&format!("{}.", indicator.name)),
                            "{label}: {} not in {note:?}",
                            indicator.name
                        );
                        for a in areas {
                            assert!(
                                matches!(
                                    a.cells[k].label.as_str(),
                                    "Not compared" | "Not reported" | "suppressed"
                                ) || indicator.comparison
                                    == atlas_core::stats::benchmark::ComparisonMethod::Quintiles,
                                "{label}: {}",
                                a.cells[k].label
                            );
                        }
                    }
                }
                assert_eq!(note.is_empty(), named == 0, "{label}: {note}");
                if label == "default against similar" && level == AreaLevel::Practice {
                    assert!(note.contains("without the counts needed to pool"), "{note}");
                    assert!(named > 0);
                }
                let england = layout
                    .comparators
                    .iter()
                    .find(|c| c.id == "england")
                    .unwrap();
                assert_eq!(england.offered, card.england.iter().any(Option::is_some));
            }
        }
    }
}

#[test]
fn the_view_round_trips_through_the_query_string() {
    for (level, rug) in [(AreaLevel::Pcn, true), (AreaLevel::Practice, false)] {
        for against in Against::ALL {
            let view = ScorecardQuery {
                level,
                rug,
                against,
            };
            assert_eq!(ScorecardQuery::from_query(&view.to_query()), view);
        }
    }
    assert!(ScorecardQuery::default().to_query().0.is_empty());
    let odd = ScorecardQuery::from_query(&Query::from_pairs([("level", "ccg"), ("view", "x")]));
    assert_eq!(odd, ScorecardQuery::default());
}
