//! Invariants of the embedded Leicester City default.

use atlas_core::catalogue::{APPOINTMENTS_FACE_TO_FACE, APPOINTMENT_MODES};
use atlas_core::default_data::leicester_city;
use atlas_core::model::{ListSizeSource, Period};
use std::collections::HashSet;

#[test]
fn has_the_papers_ten_pcns_and_fifty_five_practices() {
    let ws = leicester_city();
    assert_eq!(ws.pcns.len(), 10);
    assert_eq!(ws.practices.len(), 55);
    assert_eq!(ws.published_pcn_total(), Some(416_470));
    assert_eq!(ws.stated_population, Some(426_000));
}

#[test]
fn practice_estimates_add_up_to_each_published_pcn_total() {
    let ws = leicester_city();
    for pcn in &ws.pcns {
        let sum: u64 = ws.practices_in(&pcn.code).map(|p| p.list_size).sum();
        assert_eq!(Some(sum), pcn.published_list_size, "{}", pcn.name);
        assert!(ws.practices_in(&pcn.code).count() >= 3, "{}", pcn.name);
    }
    assert_eq!(ws.registered_population(), 416_470);
    assert!(ws
        .practices
        .iter()
        .all(|p| p.list_size_source == ListSizeSource::Estimated));
}

#[test]
fn codes_are_unique_and_every_practice_has_a_known_pcn() {
    let ws = leicester_city();
    let practice_codes: HashSet<_> = ws.practices.iter().map(|p| &p.code).collect();
    let pcn_codes: HashSet<_> = ws.pcns.iter().map(|p| &p.code).collect();
    assert_eq!(practice_codes.len(), 55);
    assert_eq!(pcn_codes.len(), 10);
    assert!(ws.practices.iter().all(|p| pcn_codes.contains(&p.pcn_code)));
}

#[test]
fn every_practice_is_inside_leicesters_bounding_box() {
    for p in &leicester_city().practices {
        let at = p.location.expect("every default practice has coordinates");
        assert!(
            (52.57..=52.70).contains(&at.lat),
            "{} lat {}",
            p.name,
            at.lat
        );
        assert!(
            (-1.22..=-1.03).contains(&at.lon),
            "{} lon {}",
            p.name,
            at.lon
        );
    }
}

#[test]
fn is_deterministic_and_labelled_illustrative() {
    let a = leicester_city();
    assert_eq!(a, leicester_city());
    assert!(a.illustrative);
}

/// Appointments of every mode for the whole city in one month.
fn city_appointments(ws: &atlas_core::Workspace, period: Period) -> f64 {
    ws.series
        .iter()
        .filter(|s| APPOINTMENT_MODES.contains(&s.indicator_id.as_str()))
        .flat_map(|s| s.points.iter().filter(|p| p.period == period))
        .filter_map(|p| p.numerator)
        .sum()
}

#[test]
fn appointment_volumes_are_plausible() {
    let ws = leicester_city();
    let population = ws.registered_population() as f64;
    // 2019/20 before the pandemic (April 2019 – February 2020): 4–6 a patient a year.
    let months: Vec<Period> = (0..11)
        .map(|m| {
            Period::Month {
                year: 2019,
                month: 4,
            }
            .add_months(m)
        })
        .collect();
    let per_year = months
        .iter()
        .map(|&m| city_appointments(&ws, m))
        .sum::<f64>()
        / 11.0
        * 12.0;
    let per_patient = per_year / population;
    assert!(
        (4.0..=6.0).contains(&per_patient),
        "{per_patient} appointments per patient per year"
    );

    // The spring-2020 dip: April 2020 well below April 2019.
    let april_2019 = city_appointments(
        &ws,
        Period::Month {
            year: 2019,
            month: 4,
        },
    );
    let april_2020 = city_appointments(
        &ws,
        Period::Month {
            year: 2020,
            month: 4,
        },
    );
    assert!(
        april_2020 < 0.75 * april_2019,
        "{april_2020} vs {april_2019}"
    );
}

#[test]
fn every_practice_has_forty_eight_months_of_each_series() {
    let ws = leicester_city();
    for practice in &ws.practices {
        // The equity coverage indicators are quarterly (tested below).
        let monthly = ws
            .indicators
            .iter()
            .filter(|i| !atlas_core::catalogue::EQUITY_INDICATORS.contains(&i.id.as_str()));
        for indicator in monthly {
            let series = ws
                .series_for(&indicator.id, &practice.code)
                .expect("series present");
            assert_eq!(
                series.points.len(),
                48,
                "{} {}",
                practice.code,
                indicator.id
            );
            assert_eq!(series.points[0].period.to_string(), "2019-04");
            assert_eq!(series.points[47].period.to_string(), "2023-03");
        }
        let f2f = ws
            .series_for(APPOINTMENTS_FACE_TO_FACE, &practice.code)
            .unwrap();
        assert!(f2f
            .points
            .iter()
            .all(|p| p.numerator.is_some_and(|n| n >= 0.0)));
    }
}

#[test]
fn equity_coverage_is_quarterly_to_march_2023() {
    let ws = leicester_city();
    for practice in &ws.practices {
        for id in atlas_core::catalogue::EQUITY_INDICATORS {
            let series = ws.series_for(id, &practice.code).expect("series present");
            // 16 quarters Apr-Jun 2019 .. Jan-Mar 2023; SMI checks start per practice.
            assert!(series.points.len() >= 4 && series.points.len() <= 16);
            assert_eq!(series.points.last().unwrap().period.to_string(), "2023-Q1");
            for p in &series.points {
                let (n, d) = (p.numerator.unwrap(), p.denominator.unwrap());
                assert!(n >= 0.0 && n <= d, "{id} {n}/{d}");
            }
        }
    }
}
