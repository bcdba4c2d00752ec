//! An England-sized benchmark of the Scorecard: 6,500 practices in 1,250 PCNs × 60
//! months × 30 proportion indicators (synthetic, generated in memory), the scorecard
//! worked out against each comparator — the place, each practice's PCN, each practice's
//! 10 similar practices — and the time each takes (the median of three runs).
//!
//! Run: `cargo run --release -p atlas-core --example scorecard_bench`

use atlas_core::comparator::Against;
use atlas_core::england_sized;
use atlas_core::scoring::scorecard_against;
use std::time::Instant;

fn main() {
    let t = Instant::now();
    let w = england_sized::england();
    println!(
        "generated {} practices in {} PCNs in {:.0} ms",
        w.practices.len(),
        w.pcns.len(),
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let _ = atlas_core::measures::MeasureContext::new(&w);
    println!(
        "indexing every series (MeasureContext::new): {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let measures = atlas_core::measures::scorecard_indicators(&w);
    let context = atlas_core::measures::MeasureContext::new(&w);
    let t2 = Instant::now();
    let latest = measures
        .iter()
        .filter(|i| context.latest_period(i).is_some())
        .count();
    println!(
        "the scorecard's {} measures: {:.0} ms; their {latest} latest periods {:.0} ms",
        measures.len(),
        (t2 - t).as_secs_f64() * 1e3,
        t2.elapsed().as_secs_f64() * 1e3
    );
    let t = Instant::now();
    let similarity = atlas_core::similar::Similarity::new(&w);
    let found = w
        .practices
        .iter()
        .filter(|p| similarity.of(&p.code).is_ok())
        .count();
    println!(
        "similar practices of all {found} practices: {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    // `SCORECARD_BENCH=pcn` (or place, similar) times one comparator only.
    let only = std::env::var("SCORECARD_BENCH").ok();
    for against in [Against::Place, Against::Pcn, Against::Similar]
        .into_iter()
        .filter(|a| only.as_deref().is_none_or(|o| o == a.id()))
    {
        let mut times = Vec::new();
        let mut compared = 0;
        for _ in 0..3 {
            let t = Instant::now();
            let card = scorecard_against(&w, against);
            times.push(t.elapsed().as_secs_f64() * 1e3);
            compared = card
                .practices
                .iter()
                .filter(|a| a.compared_with.is_ok())
                .count();
        }
        times.sort_by(f64::total_cmp);
        println!(
            "scorecard against {:<8} {:>7.0} ms (median of 3; {compared} practices with a comparator)",
            against.id(),
            times[1]
        );
    }
}
