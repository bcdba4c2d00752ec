//! Illustrative monthly series for the default's practices, April 2019 – March 2023.
//!
//! Synthetic, deterministic, and shaped like the real thing: about 4–6 appointments per
//! patient per year varying by practice, an autumn and March peak and an August dip, the
//! spring-2020 fall and the recovery after it, a face-to-face share that dropped in 2020
//! and partly recovered, GP FTE near one per 1,800 patients, and long-term-condition
//! registers near Leicester's recorded prevalence. Nothing here is real data: every page
//! that shows it says so.

pub mod programmes;

use crate::catalogue::*;
use crate::model::{Domain, Indicator, Period, Point, Polarity, Practice, Series, Unit};
pub(crate) use crate::random::{fnv1a, SplitMix64};

/// Long-term-condition registers: id (named, like every QOF register, by
/// [`crate::catalogue::known_indicator`]) and the illustrative prevalence around which
/// practices vary.
const REGISTERS: [(&str, f64); 5] = [
    ("register_diabetes", 0.095),
    ("register_hypertension", 0.115),
    ("register_asthma", 0.055),
    ("register_copd", 0.014),
    ("register_smi", 0.012),
];

/// First and last month of the illustrative series.
pub fn first_month() -> Period {
    Period::Month {
        year: 2019,
        month: 4,
    }
}

/// Number of months in the illustrative series (April 2019 – March 2023).
pub const MONTHS: i32 = 48;

/// The indicators the default carries, with their metadata.
pub fn indicators() -> Vec<Indicator> {
    let count = |id: &str, name: &str, domain| Indicator {
        id: id.to_string(),
        name: name.to_string(),
        domain,
        unit: Unit::Count,
        polarity: Polarity::NoJudgement,
        comparison: Default::default(),
    };
    let mut list = vec![
        count(
            APPOINTMENTS_FACE_TO_FACE,
            "Appointments face to face",
            Domain::Access,
        ),
        count(
            APPOINTMENTS_TELEPHONE,
            "Appointments by telephone",
            Domain::Access,
        ),
        count(
            APPOINTMENTS_VIDEO_ONLINE,
            "Appointments by video or online",
            Domain::Access,
        ),
        count(APPOINTMENTS_HOME_VISIT, "Home visits", Domain::Access),
        count(APPOINTMENTS_GP, "Appointments with a GP", Domain::Access),
        count(
            APPOINTMENTS_OTHER_STAFF,
            "Appointments with other practice staff",
            Domain::Access,
        ),
        Indicator {
            id: GP_FTE.to_string(),
            name: "GPs in post (full-time equivalent)".to_string(),
            domain: Domain::Workforce,
            unit: Unit::Mean,
            polarity: Polarity::HighIsGood,
            comparison: Default::default(),
        },
    ];
    list.extend(
        REGISTERS
            .iter()
            .filter_map(|&(id, _)| crate::catalogue::known_indicator(id)),
    );
    list
}

/// The indicators and all practices' monthly series.
pub fn series(practices: &[Practice]) -> (Vec<Indicator>, Vec<Series>) {
    let indicators = indicators();
    let mut all = Vec::with_capacity(practices.len() * indicators.len());
    for practice in practices {
        all.extend(practice_series(practice));
    }
    let mut indicators = indicators;
    indicators.extend(programmes::indicators());
    for practice in practices {
        all.extend(programmes::practice_series(practice));
    }
    (indicators, all)
}

/// One practice's series: its own deterministic stream of pseudo-random numbers, seeded
/// by its ODS code, so adding a practice never changes another's figures.
fn practice_series(practice: &Practice) -> Vec<Series> {
    let mut rng = SplitMix64::new(fnv1a(practice.code.as_bytes()));
    // Practice character: how busy, how face-to-face, how GP-led, how staffed.
    let appointments_per_patient_year = 5.0 * rng.between(0.72, 1.28);
    let face_to_face_before = rng.between(0.70, 0.86);
    let face_to_face_recovered = face_to_face_before - rng.between(0.08, 0.30);
    let gp_share = rng.between(0.42, 0.56);
    let patients_per_gp_fte = rng.between(1_500.0, 2_600.0);
    let prevalence_factor: Vec<f64> = REGISTERS.iter().map(|_| rng.between(0.6, 1.5)).collect();

    let list = practice.list_size as f64;
    let mut modes: [Vec<Point>; 4] = Default::default();
    let mut gp = Vec::new();
    let mut other = Vec::new();
    let mut fte = Vec::new();
    let mut registers: Vec<Vec<Point>> = REGISTERS.iter().map(|_| Vec::new()).collect();

    for m in 0..MONTHS {
        let period = first_month().add_months(m);
        let (year, month) = period.start();
        let volume = list * appointments_per_patient_year / 12.0
            * seasonal_factor(month)
            * pandemic_factor(year, month)
            * rng.between(0.96, 1.04);
        let face_to_face = face_to_face_share(m, face_to_face_before, face_to_face_recovered);
        let video = if m < 11 {
            0.004
        } else {
            rng.between(0.015, 0.035)
        };
        let home = 0.010;
        let shares = [face_to_face, 1.0 - face_to_face - video - home, video, home];
        for (series, share) in modes.iter_mut().zip(shares) {
            series.push(count_point(period, (volume * share).round()));
        }
        let gp_count = (volume * gp_share).round();
        gp.push(count_point(period, gp_count));
        other.push(count_point(period, volume.round() - gp_count));

        // GP FTE: a slow decline to 2021, then the recruitment drive lifts it.
        let years = f64::from(m) / 12.0;
        let trend = if m < 24 {
            1.0 - 0.02 * years
        } else {
            0.96 + 0.03 * (years - 2.0)
        };
        let gp_fte =
            (list / patients_per_gp_fte * trend * rng.between(0.98, 1.02) * 100.0).round() / 100.0;
        fte.push(Point {
            period,
            numerator: None,
            denominator: None,
            value: Some(gp_fte),
        });

        for ((points, &(_, prevalence)), factor) in registers
            .iter_mut()
            .zip(REGISTERS.iter())
            .zip(&prevalence_factor)
        {
            // Recorded prevalence creeps up, and stalls while case-finding paused in 2020.
            let growth = 1.0 + 0.012 * years - if (12..24).contains(&m) { 0.004 } else { 0.0 };
            let register = (list * prevalence * factor * growth).round();
            points.push(Point {
                period,
                numerator: Some(register),
                denominator: Some(list),
                value: None,
            });
        }
    }

    let code = &practice.code;
    let make = |id: &str, points| Series {
        indicator_id: id.to_string(),
        area_code: code.clone(),
        points,
    };
    let [f2f, phone, video, home] = modes;
    let mut out = vec![
        make(APPOINTMENTS_FACE_TO_FACE, f2f),
        make(APPOINTMENTS_TELEPHONE, phone),
        make(APPOINTMENTS_VIDEO_ONLINE, video),
        make(APPOINTMENTS_HOME_VISIT, home),
        make(APPOINTMENTS_GP, gp),
        make(APPOINTMENTS_OTHER_STAFF, other),
        make(GP_FTE, fte),
    ];
    out.extend(
        REGISTERS
            .iter()
            .zip(registers)
            .map(|(&(id, _), points)| make(id, points)),
    );
    out
}

fn count_point(period: Period, count: f64) -> Point {
    Point {
        period,
        numerator: Some(count),
        denominator: None,
        value: None,
    }
}

/// Month-of-year pattern of general practice activity: busy October–November and March,
/// quiet in August and December.
fn seasonal_factor(month: u8) -> f64 {
    const FACTORS: [f64; 12] = [
        1.04, 1.00, 1.07, 0.95, 0.97, 0.99, 0.99, 0.88, 1.02, 1.10, 1.07, 0.92,
    ];
    FACTORS[usize::from(month - 1)]
}

/// The pandemic's effect on volume: the spring-2020 fall, then recovery above 2019.
fn pandemic_factor(year: i32, month: u8) -> f64 {
    match (year, month) {
        (2020, 3) => 0.86,
        (2020, 4) => 0.62,
        (2020, 5) => 0.70,
        (2020, 6) => 0.80,
        (2020, 7) => 0.88,
        (2020, 8..=12) => 0.94,
        (2021, 1..=3) => 0.96,
        (2021, _) | (2022, 1..=3) => 1.03,
        (y, _) if y >= 2022 => 1.05,
        _ => 1.0,
    }
}

/// Face-to-face share by month index (0 = April 2019): steady, the April-2020 drop to
/// about 45%, then a recovery over two years to the practice's new level.
fn face_to_face_share(m: i32, before: f64, recovered: f64) -> f64 {
    match m {
        ..=10 => before,
        11 => 0.60,
        12 => 0.45,
        13..=35 => 0.45 + (recovered - 0.45) * f64::from(m - 12) / 23.0,
        _ => recovered,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn face_to_face_share_recovers_continuously() {
        assert_eq!(face_to_face_share(12, 0.8, 0.6), 0.45);
        assert!((face_to_face_share(35, 0.8, 0.6) - 0.6).abs() < 1e-12);
        assert_eq!(face_to_face_share(40, 0.8, 0.6), 0.6);
    }
}
