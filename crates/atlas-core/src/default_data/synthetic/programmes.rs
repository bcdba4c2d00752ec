//! Illustrative series for the paper's programmes and the Equity page: the
//! long-term-condition review backlog, participation in the Community Pharmacist
//! Consultation Service (CPCS), and quarterly screening, vaccination and SMI health
//! check coverage.
//!
//! Synthetic and deterministic like [`super`], and drawn from separate
//! streams (each practice's ODS code hashed with a salt), so the earlier series keep
//! their values exactly. A PCN-level factor (from the PCN's own stream) gives the
//! between-PCN gaps the Equity page is about. Nothing here is real data.

use super::{first_month, fnv1a, SplitMix64, MONTHS};
use crate::catalogue::*;
use crate::model::{Domain, Indicator, Period, Point, Polarity, Practice, Series, Unit};

/// Salt that separates these streams from the practice streams of `synthetic`.
const SALT: u64 = 0x5eed_0fca_7e00_0002;

/// The quarterly coverage indicators: id, name, domain, eligible share of the list,
/// typical coverage, and whether the 2020 pause hit it.
const COVERAGE: [(&str, &str, Domain, f64, f64, bool); 6] = [
    (
        CANCER_SCREENING_BOWEL,
        "Bowel cancer screening coverage (aged 60–74, within 30 months)",
        Domain::Equity,
        0.09,
        0.58,
        true,
    ),
    (
        CANCER_SCREENING_BREAST,
        "Breast cancer screening coverage (women aged 53–70, within 36 months)",
        Domain::Equity,
        0.08,
        0.60,
        true,
    ),
    (
        CANCER_SCREENING_CERVICAL,
        "Cervical screening coverage (aged 25–64, adequate test)",
        Domain::Equity,
        0.27,
        0.64,
        true,
    ),
    (
        FLU_VACCINATION_65PLUS,
        "Flu vaccination uptake, aged 65 and over (latest season)",
        Domain::Quality,
        0.10,
        0.70,
        false,
    ),
    (
        CHILDHOOD_MMR2_5Y,
        "Children with two doses of MMR by age 5",
        Domain::Quality,
        0.013,
        0.80,
        false,
    ),
    (
        SMI_HEALTH_CHECKS,
        "People with serious mental illness who had a full physical health check (12 months)",
        Domain::Quality,
        0.012,
        0.42,
        true,
    ),
];

/// Number of quarters in the coverage series (April–June 2019 to January–March 2023).
pub const QUARTERS: i32 = 16;

/// The first quarter of the coverage series: April–June 2019 (calendar Q2 2019).
pub fn first_quarter() -> Period {
    Period::Quarter {
        year: 2019,
        quarter: 2,
    }
}

/// The `n`-th quarter after [`first_quarter`].
pub fn quarter(n: i32) -> Period {
    let (year, month) = first_month().add_months(3 * n).start();
    Period::Quarter {
        year,
        quarter: (month - 1) / 3 + 1,
    }
}

/// The indicators this module adds, with their metadata.
pub fn indicators() -> Vec<Indicator> {
    let mut list = vec![
        Indicator {
            id: LTC_REVIEWS_BACKLOG.to_string(),
            name: "Patients awaiting a long-term-condition review".to_string(),
            domain: Domain::Quality,
            unit: Unit::Count,
            polarity: Polarity::LowIsGood,
            comparison: Default::default(),
        },
        Indicator {
            id: CPCS_PARTICIPATION.to_string(),
            name: "Practices actively referring to the Community Pharmacist Consultation Service"
                .to_string(),
            domain: Domain::Access,
            unit: Unit::Proportion,
            polarity: Polarity::HighIsGood,
            comparison: Default::default(),
        },
    ];
    list.extend(
        COVERAGE
            .iter()
            .map(|&(id, name, domain, _, _, _)| Indicator {
                id: id.to_string(),
                name: name.to_string(),
                domain,
                unit: Unit::Proportion,
                polarity: Polarity::HighIsGood,
                comparison: Default::default(),
            }),
    );
    list
}

/// A practice's programme and coverage series, from its own salted stream.
pub fn practice_series(practice: &Practice) -> Vec<Series> {
    let mut rng = SplitMix64::new(fnv1a(practice.code.as_bytes()) ^ SALT);
    let mut pcn_rng = SplitMix64::new(fnv1a(practice.pcn_code.as_bytes()) ^ SALT);
    let list = practice.list_size as f64;
    let make = |id: &str, points| Series {
        indicator_id: id.to_string(),
        area_code: practice.code.clone(),
        points,
    };

    // LTC review backlog: a routine ~1% before the pandemic, a peak by spring 2021,
    // steady through 2021, then worked down through 2022 to a practice's residual.
    let routine = list * rng.between(0.006, 0.012);
    let peak = list * rng.between(0.04, 0.09);
    let residual = peak * rng.between(0.0, 0.3);
    let mut backlog = Vec::with_capacity(MONTHS as usize);
    for m in 0..MONTHS {
        let level = match m {
            ..=11 => routine,
            12..=23 => routine + (peak - routine) * f64::from(m - 11) / 12.0,
            24..=32 => peak,
            33..=44 => peak - (peak - residual) * f64::from(m - 32) / 12.0,
            _ => residual,
        };
        let count = (level * rng.between(0.97, 1.03)).round();
        backlog.push(Point {
            period: first_month().add_months(m),
            numerator: Some(count),
            denominator: None,
            value: None,
        });
    }

    // CPCS: the GP referral pathway opened in November 2020 (month 19); each practice
    // joins at its own month, some after March 2023 (not within the series).
    let joins = 19 + (rng.between(0.0, 34.0)).floor() as i32;
    let cpcs = (0..MONTHS)
        .map(|m| Point {
            period: first_month().add_months(m),
            numerator: Some(if m >= joins { 1.0 } else { 0.0 }),
            denominator: Some(1.0),
            value: None,
        })
        .collect();

    let mut out = vec![
        make(LTC_REVIEWS_BACKLOG, backlog),
        make(CPCS_PARTICIPATION, cpcs),
    ];

    // Coverage: PCN factor × practice factor around the typical level, a slow
    // improvement, and the 2020 pause for the programmes it hit. SMI health checks are
    // reported from a practice's own first quarter (some only from 2022).
    let smi_first = (rng.between(0.0, 13.0)).floor() as i32;
    for &(id, _, _, eligible_share, typical, paused) in &COVERAGE {
        let pcn_shift = pcn_rng.between(-0.08, 0.06);
        let practice_shift = rng.between(-0.06, 0.06);
        let eligible = (list * eligible_share * rng.between(0.8, 1.2))
            .round()
            .max(1.0);
        let first = if id == SMI_HEALTH_CHECKS {
            smi_first
        } else {
            0
        };
        let points = (first..QUARTERS)
            .map(|q| {
                let years = f64::from(q) / 4.0;
                let pause = if paused && (4..=6).contains(&q) {
                    0.10
                } else {
                    0.0
                };
                let rate = (typical + pcn_shift + practice_shift + 0.005 * years - pause
                    + rng.between(-0.01, 0.01))
                .clamp(0.05, 0.98);
                Point {
                    period: quarter(q),
                    numerator: Some((eligible * rate).round()),
                    denominator: Some(eligible),
                    value: None,
                }
            })
            .collect();
        out.push(make(id, points));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_run_april_2019_to_march_2023() {
        assert_eq!(quarter(0).to_string(), "2019-Q2");
        assert_eq!(quarter(3).to_string(), "2020-Q1");
        assert_eq!(quarter(QUARTERS - 1).to_string(), "2023-Q1");
        assert_eq!(first_quarter(), quarter(0));
    }
}
