//! The analysis engine's public behaviour on the embedded default, and invariants of
//! its rules as property tests.

use atlas_core::aggregate::CITY_CODE;
use atlas_core::default_data::leicester_city;
use atlas_core::equity::close_half_the_gap;
use atlas_core::model::{Domain, Indicator, Period, Polarity, Unit};
use atlas_core::priorities::{top_priorities, PriorityItem};
use atlas_core::scoring::{composite, score_cell, ScoreCell};
use atlas_core::stats::benchmark::Comparison;
use atlas_core::trajectory::{glide_path, trajectory_cards, Status};
use atlas_core::{access, priorities, scoring};
use proptest::prelude::*;

#[test]
fn every_pcn_gets_eight_trajectory_cards_with_a_sentence() {
    let w = leicester_city();
    for pcn in &w.pcns {
        let cards = trajectory_cards(&w, &pcn.code);
        assert_eq!(cards.len(), 8);
        let name = atlas_core::summary::display_name(&pcn.name);
        for card in &cards {
            assert!(card.sentence.starts_with(&name), "{}", card.sentence);
            if card.status == Status::NoData && !card.actual.is_empty() {
                // A past target date with no figure then: not judged, and said so.
                assert!(
                    card.sentence.contains("not judged: no figure for"),
                    "{}",
                    card.sentence
                );
            } else if card.status == Status::NoData {
                // No chart without data: the words say what the trajectory needs.
                assert!(
                    card.sentence
                        .contains("has no data for this trajectory: it needs"),
                    "{}",
                    card.sentence
                );
            } else if card.status == Status::NoTarget {
                assert!(
                    card.sentence.contains("No target is set"),
                    "{}",
                    card.sentence
                );
            } else if matches!(card.status, Status::Met | Status::Missed) {
                // A past target date: judged then, in the status's words.
                assert!(
                    card.sentence
                        .contains(&format!("is past; {}: ", card.status.label())),
                    "{}",
                    card.sentence
                );
            } else {
                assert!(
                    card.sentence
                        .ends_with(&format!("{}.", card.status.label())),
                    "{}",
                    card.sentence
                );
            }
        }
        // The published record has appointments by mode and GP FTE for every PCN; no
        // publication has the backlog or CPCS series.
        let status = |id: &str| cards.iter().find(|c| c.id == id).unwrap().status;
        assert_ne!(
            status("appointments_per_1000_week"),
            Status::NoData,
            "{}",
            pcn.code
        );
        assert_ne!(status("gp_fte_change"), Status::NoData, "{}", pcn.code);
        assert_eq!(status("ltc_reviews_backlog"), Status::NoData);
        assert_eq!(status("cpcs_participation"), Status::NoData);
    }
    let city = trajectory_cards(&w, CITY_CODE);
    assert_eq!(city[0].area_code, CITY_CODE);
    // The sub-ICB file reaches back to 2019: the city's return to 2019 levels has a line.
    assert_ne!(city[0].status, Status::NoData, "{}", city[0].sentence);
}

#[test]
fn pages_speak_in_sentences() {
    let w = leicester_city();
    let period = access::latest_access_period(&w).unwrap();
    assert_eq!(
        period,
        Period::Month {
            year: 2026,
            month: 5
        }
    );
    let snapshot = access::access_snapshot(&w, period, &Default::default());
    assert!(
        snapshot
            .sentence
            .contains("practices are below the 75 per 1,000 per week standard in May 2026"),
        "{}",
        snapshot.sentence
    );
    // Mar 2019 – Aug 2021 for the place, Mar 2023 – May 2026 from its practices.
    let over_time = access::access_over_time(&w, &Default::default());
    assert_eq!(over_time.len(), 30 + 39);
    let p = priorities::priorities(&w);
    for shared in &p.shared {
        assert!(shared
            .sentence
            .ends_with("of 10 neighbourhoods share this priority."));
    }
    let card = scoring::scorecard(&w);
    let csv = scoring::scorecard_table(&card, scoring::AreaLevel::Practice).to_csv();
    assert!(csv.starts_with("Area code,Area,Indicator,Domain,Period,Value"));
    assert!(scoring::composite_method(atlas_core::comparator::Against::Place).contains("+2"));
}

fn indicator(domain: Domain) -> Indicator {
    Indicator {
        id: "x".into(),
        name: "x".into(),
        domain,
        unit: Unit::Proportion,
        polarity: Polarity::HighIsGood,
        comparison: Default::default(),
    }
}

fn comparison(code: u8) -> Comparison {
    [
        Comparison::Better,
        Comparison::Similar,
        Comparison::Worse,
        Comparison::NotCompared,
    ][usize::from(code % 4)]
}

proptest! {
    #[test]
    fn glide_paths_run_from_baseline_to_target_monotonically(
        start in 0i32..60, length in 1i32..36, from in -500.0f64..500.0, to in -500.0f64..500.0
    ) {
        let first = Period::Month { year: 2019, month: 4 }.add_months(start);
        let last = first.add_months(length);
        let g = glide_path((first, from), (last, to));
        prop_assert_eq!(g.len() as i32, length + 1);
        prop_assert_eq!(g[0], (first, from));
        prop_assert!((g[g.len() - 1].1 - to).abs() < 1e-9);
        let rising = to >= from;
        for w in g.windows(2) {
            let in_order = if rising { w[1].1 >= w[0].1 - 1e-9 } else { w[1].1 <= w[0].1 + 1e-9 };
            prop_assert!(in_order);
        }
    }

    #[test]
    fn composite_scores_stay_between_minus_two_and_two(
        cells in proptest::collection::vec((0u8..4, 0u8..4, 0usize..5), 1..20)
    ) {
        let indicators: Vec<Indicator> = cells.iter().map(|c| indicator(Domain::ALL[c.2])).collect();
        let scored: Vec<ScoreCell> = cells
            .iter()
            .map(|&(a, b, _)| {
                let mut c = score_cell(&indicators[0], "A", None, None);
                c.score = Some(atlas_core::scoring::cell_score(comparison(a), comparison(b)));
                c
            })
            .collect();
        let (domains, overall) = composite(&indicators, &scored);
        for (_, d) in &domains {
            prop_assert!((-2.0..=2.0).contains(d));
        }
        let o = overall.unwrap();
        prop_assert!((-2.0..=2.0).contains(&o));
    }

    #[test]
    fn equity_targets_lie_between_baseline_and_best(baseline in 0.0f64..100.0, best in 0.0f64..100.0) {
        let t = close_half_the_gap(baseline, best);
        prop_assert!(t >= baseline.min(best) - 1e-9 && t <= baseline.max(best) + 1e-9);
    }

    #[test]
    fn priorities_are_five_worst_at_most_and_in_order(gaps in proptest::collection::vec(-5.0f64..5.0, 0..15)) {
        let items: Vec<PriorityItem> = gaps
            .iter()
            .enumerate()
            .map(|(i, &gap)| PriorityItem {
                indicator_id: format!("i{i:02}"),
                name: String::new(),
                unit: atlas_core::model::Unit::Proportion,
                value: 0.0,
                comparator_value: 0.0,
                gap,
            })
            .collect();
        let top = top_priorities(items);
        prop_assert!(top.len() <= 5);
        prop_assert!(top.iter().all(|p| p.gap > 0.0));
        for w in top.windows(2) {
            prop_assert!(w[0].gap >= w[1].gap);
        }
    }
}
