//! An England-sized benchmark of the Variation page's inputs: 6,500 practices in 1,250
//! PCNs × 60 months × 30 proportion indicators, generated in memory (synthetic), then
//! the time to build the series index and compute the funnel plot (with
//! overdispersion), the caterpillar plot and two SPC charts (one practice, the whole
//! country) for one indicator.
//!
//! Run: `cargo run --release -p atlas-core --example variation_bench`

use atlas_core::aggregate::CITY_CODE;
use atlas_core::measures::MeasureContext;
use atlas_core::model::{
    DataSource, Domain, Indicator, ListSizeSource, Pcn, Period, Point, Polarity, Practice, Series,
    Unit, Workspace,
};
use atlas_core::variation::{caterpillar_data, funnel_data, spc_data};
use std::time::Instant;

const PRACTICES: usize = 6_500;
const PCNS: usize = 1_250;
const MONTHS: i32 = 60;
const INDICATORS: usize = 30;

/// SplitMix64, for reproducible synthetic numbers without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn workspace() -> Workspace {
    let mut rng = Rng(2023);
    let pcns: Vec<Pcn> = (0..PCNS)
        .map(|i| Pcn {
            code: format!("U{i:05}"),
            name: format!("PCN {i}"),
            published_list_size: None,
        })
        .collect();
    let practices: Vec<Practice> = (0..PRACTICES)
        .map(|i| Practice {
            code: format!("P{i:05}"),
            name: format!("Practice {i}"),
            pcn_code: format!("U{:05}", i % PCNS),
            list_size: (2_000.0 + 18_000.0 * rng.next()) as u64,
            list_size_source: ListSizeSource::Reported,
            postcode: None,
            location: None,
            neighbourhood: None,
        })
        .collect();
    let indicators: Vec<Indicator> = (0..INDICATORS)
        .map(|k| Indicator {
            id: format!("indicator_{k:02}"),
            name: format!("Indicator {k}"),
            domain: Domain::ALL[k % 5],
            unit: Unit::Proportion,
            polarity: Polarity::HighIsGood,
        })
        .collect();
    let start = Period::Month {
        year: 2019,
        month: 4,
    };
    let mut series = Vec::with_capacity(PRACTICES * INDICATORS);
    for practice in &practices {
        for (k, indicator) in indicators.iter().enumerate() {
            let eligible = (practice.list_size as f64 * (0.05 + 0.01 * k as f64)).round();
            let level = 0.3 + 0.5 * rng.next();
            let points = (0..MONTHS)
                .map(|m| {
                    let p = (level + 0.02 * (rng.next() - 0.5)).clamp(0.0, 1.0);
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
        place: "England (synthetic)".to_string(),
        stated_population: None,
        pcns,
        practices,
        indicators,
        series,
        targets: Vec::new(),
        source: DataSource::EmbeddedDefault,
        illustrative: true,
    }
}

fn main() {
    let t = Instant::now();
    let w = workspace();
    let points: usize = w.series.iter().map(|s| s.points.len()).sum();
    println!(
        "generated {} practices × {MONTHS} months × {INDICATORS} indicators = {points} points in {:.0} ms",
        w.practices.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let indicator = w.indicators[7].clone();
    let period = Period::Month {
        year: 2024,
        month: 3,
    };

    let total = Instant::now();
    let t = Instant::now();
    let context = MeasureContext::new(&w);
    let index_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let funnel = funnel_data(&w, &context, &indicator, period, true);
    let funnel_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let caterpillar = caterpillar_data(&w, &context, &indicator, period);
    let caterpillar_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let spc_practice = spc_data(&w, &context, &indicator, &w.practices[42].code, None);
    let spc_practice_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let spc_country = spc_data(&w, &context, &indicator, CITY_CODE, None);
    let spc_country_ms = t.elapsed().as_secs_f64() * 1e3;
    let total_ms = total.elapsed().as_secs_f64() * 1e3;

    let funnel_areas = funnel.as_ref().map_or(0, |f| f.areas.len());
    println!("index all series:       {index_ms:8.1} ms");
    println!("funnel ({funnel_areas} areas, overdispersed, 100-point curves): {funnel_ms:8.1} ms");
    println!(
        "caterpillar ({} bars):  {caterpillar_ms:8.1} ms",
        caterpillar.bars.len()
    );
    println!(
        "SPC one practice ({} points): {spc_practice_ms:8.1} ms",
        spc_practice.map_or(0, |s| s.periods.len())
    );
    println!(
        "SPC whole country ({} points, 6,500 practices summed per month): {spc_country_ms:8.1} ms",
        spc_country.map_or(0, |s| s.periods.len())
    );
    println!("total for one indicator: {total_ms:8.1} ms");
}
