//! A synthetic workspace the size of England (6,500 practices in 1,250 PCNs × 60 months
//! × 30 proportion indicators, 11.7 million points), for benchmarks: the Variation
//! page's switching time in the browser and the engine's natively. Deterministic, and
//! labelled illustrative; nothing here is real data.

use crate::model::{
    DataSource, Domain, Indicator, ListSizeSource, Pcn, Period, Point, Polarity, Practice, Series,
    Unit, Workspace,
};
use crate::random::SplitMix64;

/// The shape of a synthetic workspace.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    pub practices: usize,
    pub pcns: usize,
    pub months: i32,
    pub indicators: usize,
}

/// England's shape: about 6,500 practices in 1,250 PCNs; five years of months; the
/// thirty indicators of a broad scorecard.
pub const ENGLAND: Shape = Shape {
    practices: 6_500,
    pcns: 1_250,
    months: 60,
    indicators: 30,
};

/// A synthetic workspace of the given shape: practices spread evenly over PCNs, list
/// sizes 2,000–20,000, and per practice and indicator a level of 30–80% with monthly
/// noise of ±1 point, from April 2019.
pub fn synthetic_workspace(shape: Shape) -> Workspace {
    let mut rng = SplitMix64::new(2023);
    let pcns: Vec<Pcn> = (0..shape.pcns)
        .map(|i| Pcn {
            code: format!("U{i:05}"),
            name: format!("PCN {i}"),
            published_list_size: None,
        })
        .collect();
    let practices: Vec<Practice> = (0..shape.practices)
        .map(|i| Practice {
            code: format!("P{i:05}"),
            name: format!("Practice {i}"),
            pcn_code: format!("U{:05}", i % shape.pcns.max(1)),
            list_size: (2_000.0 + 18_000.0 * rng.next_f64()) as u64,
            list_size_source: ListSizeSource::Reported,
            list_size_as_of: None,
            postcode: None,
            location: None,
            location_source: None,
            neighbourhood: None,
            area_code: None,
            opened: None,
            list_sizes: Vec::new(),
        })
        .collect();
    let indicators: Vec<Indicator> = (0..shape.indicators)
        .map(|k| Indicator {
            id: format!("indicator_{k:02}"),
            name: format!("Indicator {k}"),
            domain: Domain::ALL[k % Domain::ALL.len()],
            unit: Unit::Proportion,
            polarity: Polarity::HighIsGood,
            comparison: Default::default(),
        })
        .collect();
    let start = Period::Month {
        year: 2019,
        month: 4,
    };
    let mut series = Vec::with_capacity(shape.practices * shape.indicators);
    for practice in &practices {
        for (k, indicator) in indicators.iter().enumerate() {
            let eligible = (practice.list_size as f64 * (0.05 + 0.01 * k as f64)).round();
            let level = 0.3 + 0.5 * rng.next_f64();
            let points = (0..shape.months)
                .map(|m| {
                    let p = (level + 0.02 * (rng.next_f64() - 0.5)).clamp(0.0, 1.0);
                    Point {
                        period: start.add_months(m),
                        numerator: Some((eligible * p).round()),
                        denominator: Some(eligible),
                        value: None,
                    }
                })
                .collect();
            series.push(Series {
                indicator_id: indicator.id.clone(),
                area_code: practice.code.clone(),
                points,
            });
        }
    }
    Workspace {
        place: "England (synthetic, for benchmarks)".to_string(),
        stated_population: None,
        stated_population_as_of: None,
        place_code: None,
        pcns,
        practices,
        indicators,
        series,
        targets: Vec::new(),
        source: DataSource::Uploaded {
            files: vec![
                "a synthetic England-sized workspace, generated for benchmarks".to_string(),
            ],
        },
        illustrative: true,
        provenance: Vec::new(),
        former_practices: Vec::new(),
        areas: Vec::new(),
        published_verdicts: Vec::new(),
        registrations_by_age: Vec::new(),
    }
}

/// The England-sized synthetic workspace.
pub fn england() -> Workspace {
    synthetic_workspace(ENGLAND)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shape_asked_for_with_every_practice_in_a_pcn() {
        let shape = Shape {
            practices: 13,
            pcns: 4,
            months: 5,
            indicators: 3,
        };
        let w = synthetic_workspace(shape);
        assert_eq!(
            (w.practices.len(), w.pcns.len(), w.indicators.len()),
            (13, 4, 3)
        );
        assert_eq!(w.series.len(), 13 * 3);
        assert!(w.series.iter().all(|s| s.points.len() == 5));
        assert!(w.practices.iter().all(|p| w.pcn(&p.pcn_code).is_some()));
        for point in w.series.iter().flat_map(|s| &s.points) {
            let (n, d) = (point.numerator.unwrap(), point.denominator.unwrap());
            assert!((0.0..=d).contains(&n), "{n} of {d}");
        }
        assert_eq!(w.series[0].points[4].period.label(), "Aug 2019");
        // Deterministic: the same shape gives the same numbers.
        assert_eq!(synthetic_workspace(shape), w);
        assert!(w.illustrative);
    }
}
