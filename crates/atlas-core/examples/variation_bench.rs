//! An England-sized benchmark of the Variation page's inputs: 6,500 practices in 1,250
//! PCNs × 60 months × 30 proportion indicators, generated in memory (synthetic), then
//! the time to build the series index and compute the funnel plot (with
//! overdispersion), the caterpillar plot and two SPC charts (one practice, the whole
//! country) for one indicator.
//!
//! Run: `cargo run --release -p atlas-core --example variation_bench`

use atlas_core::aggregate::CITY_CODE;
use atlas_core::england_sized::{self, ENGLAND};
use atlas_core::measures::{MeasureContext, SeriesPositions};
use atlas_core::model::Period;
use atlas_core::variation::{caterpillar_data, funnel_data, spc_data, FunnelLimitChoice};
use std::time::Instant;

fn main() {
    let t = Instant::now();
    let w = england_sized::england();
    let points: usize = w.series.iter().map(|s| s.points.len()).sum();
    println!(
        "generated {} practices × {} months × {} indicators = {points} points in {:.0} ms",
        w.practices.len(),
        ENGLAND.months,
        ENGLAND.indicators,
        t.elapsed().as_secs_f64() * 1e3
    );
    let indicator = w.indicators[7].clone();
    let period = Period::Month {
        year: 2024,
        month: 3,
    };

    let t = Instant::now();
    let _ = MeasureContext::new(&w);
    let index_all_ms = t.elapsed().as_secs_f64() * 1e3;

    // As the Variation page does: find where each indicator's series are once per
    // workspace; then, at each switch, index the one measure shown and draw from it.
    let t = Instant::now();
    let positions = SeriesPositions::new(&w);
    let positions_ms = t.elapsed().as_secs_f64() * 1e3;
    let total = Instant::now();
    let t = Instant::now();
    let context = MeasureContext::for_measure_in(&w, &positions, &indicator);
    let index_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let funnel = funnel_data(
        &w,
        &context,
        &indicator,
        period,
        FunnelLimitChoice::Adjusted,
    );
    let funnel_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let caterpillar = caterpillar_data(&w, &context, &indicator, period);
    let caterpillar_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let spc_practice = spc_data(&w, &context, &indicator, &w.practices[42].code, None, false);
    let spc_practice_ms = t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let spc_country = spc_data(&w, &context, &indicator, CITY_CODE, None, false);
    let spc_country_ms = t.elapsed().as_secs_f64() * 1e3;
    let total_ms = total.elapsed().as_secs_f64() * 1e3;

    let funnel_areas = funnel.as_ref().map_or(0, |f| f.areas.len());
    println!(
        "(once per workspace: series positions {positions_ms:.1} ms; indexing every series would take {index_all_ms:.1} ms)"
    );
    println!("index the measure's series: {index_ms:8.1} ms");
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
