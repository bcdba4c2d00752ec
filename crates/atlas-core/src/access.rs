//! The access standard of the April 2022 paper: appointments per 1,000 registered
//! patients per week, against the locally agreed minimum of 75; the face-to-face share
//! against 50%; and appointment volume against 2019 levels.
//!
//! ```text
//! rate = appointments in the month / days in the month × days × per_patients / list size
//! ```
//!
//! which is a crude rate with numerator = appointments and denominator = patient-time
//! `list size × days in month / days`, so its interval is the count's Poisson interval
//! (exact below 10, Byar's from 10) scaled, by [`stats::ci::rate`]
//! (PHEindicatormethods `phe_rate`). A practice is *below the standard* when its rate
//! is under 75, and *significantly below* when its upper 95% limit is under 75.

use crate::aggregate::{
    appointments_and_list, area_appointments_and_list, mode_indices, Basis, CITY_CODE,
};
use crate::catalogue;
use crate::model::{Period, Workspace};
use crate::stats;
use crate::stats::ci::Estimate;
use crate::stats::StatsError;
use crate::table::{Cell, Table};

/// The face-to-face share the paper sets: 50% of GP appointments.
pub const FACE_TO_FACE_STANDARD: f64 = 50.0;

/// The access standard's settings: the rate is per `per_patients` patients per `days`
/// days, against `standard`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AccessSettings {
    /// Patients the rate is expressed per (1,000).
    pub per_patients: f64,
    /// Days the rate is expressed per (7: a week).
    pub days: f64,
    /// The locally agreed minimum (75).
    pub standard: f64,
}

impl Default for AccessSettings {
    /// 75 appointments per 1,000 patients per week (the paper's local standard).
    fn default() -> Self {
        AccessSettings {
            per_patients: 1000.0,
            days: 7.0,
            standard: 75.0,
        }
    }
}

/// The periods the access standard can be expressed over: (key, words, days). The local
/// standard is agreed per week; over another period it scales with the days.
pub const ACCESS_PERIODS: [(&str, &str, f64); 3] = [
    ("week", "a week", 7.0),
    ("4-weeks", "4 weeks (28 days)", 28.0),
    ("52-weeks", "52 weeks (364 days)", 364.0),
];

impl AccessSettings {
    /// The paper's standard (75 per 1,000 per week) expressed per `days` days: the rate
    /// and the standard both scale with the days, so no practice changes side.
    pub fn per_days(days: f64) -> AccessSettings {
        let weekly = AccessSettings::default();
        AccessSettings {
            days,
            standard: weekly.standard * days / weekly.days,
            ..weekly
        }
    }

    /// The settings for a key of [`ACCESS_PERIODS`]; a week for an unknown key.
    pub fn for_period(key: &str) -> AccessSettings {
        let days = ACCESS_PERIODS
            .iter()
            .find(|(k, _, _)| *k == key)
            .map_or(7.0, |(_, _, days)| *days);
        AccessSettings::per_days(days)
    }

    /// What the rate measures, for titles and axes: "Appointments per 1,000 patients per
    /// week", or "… per 28 days".
    pub fn rate_unit(&self) -> String {
        format!(
            "Appointments per {} patients per {}",
            crate::summary::thousands(self.per_patients.round().max(0.0) as u64),
            self.period_words()
        )
    }

    fn period_words(&self) -> String {
        if (self.days - 7.0).abs() < 1e-9 {
            "week".to_string()
        } else {
            format!("{} days", self.days)
        }
    }

    /// The standard in words: "75 per 1,000 per week".
    pub fn label(&self) -> String {
        let per = crate::summary::thousands(self.per_patients.round().max(0.0) as u64);
        format!(
            "{} per {per} per {}",
            trim_number(self.standard),
            self.period_words()
        )
    }
}

fn trim_number(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round())
    } else {
        format!("{x:.1}")
    }
}

/// Days in a period: 28–31 for a month (Gregorian leap years), the sum of its months
/// otherwise.
pub fn days_in_period(period: Period) -> u32 {
    let (year, month) = period.start();
    (0..period.months() as i32)
        .map(|i| {
            let m = Period::Month { year, month }.add_months(i);
            let (y, mm) = m.start();
            match mm {
                4 | 6 | 9 | 11 => 30,
                2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
                2 => 28,
                _ => 31,
            }
        })
        .sum()
}

/// The rate's denominator, patient-time in units of `settings.days`:
/// `list size × days in period / days`.
pub fn patient_time(list_size: f64, days_in_period: f64, settings: &AccessSettings) -> f64 {
    list_size * days_in_period / settings.days
}

/// Appointments per `per_patients` patients per `days` days, with 95% and 99.8%
/// Poisson intervals: `appointments / days_in_period × days × per_patients / list_size`
/// ([`stats::ci::rate`] on [`patient_time`]).
pub fn access_rate(
    appointments: f64,
    list_size: f64,
    days_in_period: f64,
    settings: &AccessSettings,
) -> Result<Estimate, StatsError> {
    let time = patient_time(list_size, days_in_period, settings);
    stats::ci::rate(appointments, time, settings.per_patients).map(|(estimate, _)| estimate)
}

/// One area's access rate in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct AccessRate {
    /// Practice, PCN code, or [`CITY_CODE`].
    pub area_code: String,
    pub period: Period,
    /// All appointments in the period (the four modes).
    pub appointments: f64,
    /// Registered patients of the practices that reported.
    pub list_size: f64,
    /// The rate with its intervals.
    pub estimate: Estimate,
    /// Rate under the standard.
    pub below_standard: bool,
    /// Upper 95% limit under the standard.
    pub significantly_below: bool,
}

/// The access rate of an area (practice, PCN, neighbourhood, or the city) in a period,
/// `None` when no practice of the area reported appointments or the list is empty.
pub fn area_access_rate(
    workspace: &Workspace,
    area_code: &str,
    period: Period,
    settings: &AccessSettings,
) -> Option<AccessRate> {
    let indices = mode_indices(workspace);
    let (appointments, list_size, _) =
        area_appointments_and_list(workspace, &indices, area_code, period)?;
    rate_of(area_code, period, appointments, list_size, settings)
}

fn rate_of(
    area_code: &str,
    period: Period,
    appointments: f64,
    list_size: f64,
    settings: &AccessSettings,
) -> Option<AccessRate> {
    let estimate = access_rate(
        appointments,
        list_size,
        f64::from(days_in_period(period)),
        settings,
    )
    .ok()?;
    Some(AccessRate {
        area_code: area_code.to_string(),
        period,
        appointments,
        list_size,
        below_standard: estimate.value < settings.standard,
        significantly_below: estimate.ci_95.upper < settings.standard,
        estimate,
    })
}

/// Access in one period for every practice, every PCN and the city, with the count of
/// practices below and significantly below the standard and a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct AccessSnapshot {
    pub period: Period,
    pub practices: Vec<AccessRate>,
    pub pcns: Vec<AccessRate>,
    pub city: Option<AccessRate>,
    /// Practices with a rate under the standard.
    pub below: usize,
    /// Practices whose upper 95% limit is under the standard.
    pub significantly_below: usize,
    /// E.g. "12 of 55 practices are below the 75 per 1,000 per week standard in March 2023."
    pub sentence: String,
}

/// The latest month with appointment data.
pub fn latest_access_period(workspace: &Workspace) -> Option<Period> {
    crate::aggregate::latest_period(workspace, catalogue::APPOINTMENTS_FACE_TO_FACE)
}

/// Access for every practice, PCN and the city in `period` ([`AccessSnapshot`]).
pub fn access_snapshot(
    workspace: &Workspace,
    period: Period,
    settings: &AccessSettings,
) -> AccessSnapshot {
    let indices = mode_indices(workspace);
    let practices: Vec<AccessRate> = workspace
        .practices
        .iter()
        .filter_map(|p| {
            let (a, l) = appointments_and_list(workspace, &indices, &[p], period)?;
            rate_of(&p.code, period, a, l, settings)
        })
        .collect();
    let pcns = workspace
        .pcns
        .iter()
        .filter_map(|pcn| {
            let members: Vec<_> = workspace.practices_in(&pcn.code).collect();
            let (a, l) = appointments_and_list(workspace, &indices, &members, period)?;
            rate_of(&pcn.code, period, a, l, settings)
        })
        .collect();
    let city = area_appointments_and_list(workspace, &indices, CITY_CODE, period)
        .and_then(|(a, l, _)| rate_of(CITY_CODE, period, a, l, settings));
    let below = practices.iter().filter(|r| r.below_standard).count();
    let significantly_below = practices.iter().filter(|r| r.significantly_below).count();
    let sentence = below_sentence(
        below,
        significantly_below,
        practices.len(),
        period,
        settings,
    );
    AccessSnapshot {
        period,
        practices,
        pcns,
        city,
        below,
        significantly_below,
        sentence,
    }
}

/// "12 of 55 practices are below the 75 per 1,000 per week standard in Mar 2023
/// (4 significantly below: upper 95% limit under 75)."
pub fn below_sentence(
    below: usize,
    significantly_below: usize,
    practices: usize,
    period: Period,
    settings: &AccessSettings,
) -> String {
    let verb = if below == 1 { "is" } else { "are" };
    format!(
        "{below} of {practices} practices {verb} below the {} standard in {} \
         ({significantly_below} significantly below: upper 95% limit under {}).",
        settings.label(),
        period.label(),
        trim_number(settings.standard)
    )
}

/// The access standard in one month across the place.
#[derive(Debug, Clone, PartialEq)]
pub struct AccessMonth {
    pub period: Period,
    /// The city's rate.
    pub city_rate: Option<f64>,
    /// Practices with a rate that month.
    pub practices: usize,
    pub below: usize,
    pub significantly_below: usize,
}

/// [`access_snapshot`]'s counts for every month with appointment data, in order.
pub fn access_over_time(workspace: &Workspace, settings: &AccessSettings) -> Vec<AccessMonth> {
    crate::aggregate::periods_of(workspace, catalogue::APPOINTMENTS_FACE_TO_FACE)
        .into_iter()
        .map(|period| {
            let s = access_snapshot(workspace, period, settings);
            AccessMonth {
                period,
                city_rate: s.city.as_ref().map(|c| c.estimate.value),
                practices: s.practices.len(),
                below: s.below,
                significantly_below: s.significantly_below,
            }
        })
        .collect()
}

/// An area's face-to-face share in a period, as a percentage with Wilson intervals:
/// face-to-face appointments / all four modes × 100 ([`stats::ci::proportion`]).
pub fn face_to_face_share(
    workspace: &Workspace,
    area_code: &str,
    period: Period,
) -> Option<Estimate> {
    let f2f = mode_indices(workspace);
    let (all, _, basis) = area_appointments_and_list(workspace, &f2f, area_code, period)?;
    let (face, _, face_basis) =
        area_appointments_and_list(workspace, &f2f[..1], area_code, period)?;
    // Both counts from one source, or the share mixes two populations.
    if basis != face_basis {
        return None;
    }
    stats::ci::proportion(face, all)
        .ok()
        .map(|e| e.scaled(100.0))
}

/// Every practice's face-to-face share in a period against [`FACE_TO_FACE_STANDARD`].
#[derive(Debug, Clone, PartialEq)]
pub struct FaceToFaceSnapshot {
    pub period: Period,
    /// (practice code, share % with Wilson intervals), in workspace order.
    pub practices: Vec<(String, Estimate)>,
    /// Practices with a share under 50%.
    pub below: usize,
    /// Practices whose upper 95% limit is under 50%.
    pub significantly_below: usize,
    /// "9 of 55 practices have fewer than 50% of appointments face to face in Mar 2023 (…)."
    pub sentence: String,
}

/// Every practice's face-to-face share in `period`, with the counts under 50% and a
/// sentence ([`face_to_face_share`]).
pub fn face_to_face_snapshot(workspace: &Workspace, period: Period) -> FaceToFaceSnapshot {
    let practices: Vec<(String, Estimate)> = workspace
        .practices
        .iter()
        .filter_map(|p| face_to_face_share(workspace, &p.code, period).map(|e| (p.code.clone(), e)))
        .collect();
    let below = practices
        .iter()
        .filter(|(_, e)| e.value < FACE_TO_FACE_STANDARD)
        .count();
    let significantly_below = practices
        .iter()
        .filter(|(_, e)| e.ci_95.upper < FACE_TO_FACE_STANDARD)
        .count();
    let verb = if below == 1 { "has" } else { "have" };
    let sentence = format!(
        "{below} of {} practices {verb} fewer than 50% of appointments face to face in {} \
         ({significantly_below} significantly: upper 95% limit under 50%).",
        practices.len(),
        period.label()
    );
    FaceToFaceSnapshot {
        period,
        practices,
        below,
        significantly_below,
        sentence,
    }
}

/// An area's face-to-face share (%) for every month with appointment data.
pub fn face_to_face_over_time(workspace: &Workspace, area_code: &str) -> Vec<(Period, Estimate)> {
    crate::aggregate::periods_of(workspace, catalogue::APPOINTMENTS_FACE_TO_FACE)
        .into_iter()
        .filter_map(|p| face_to_face_share(workspace, area_code, p).map(|e| (p, e)))
        .collect()
}

/// An area's appointments (all four modes) for every month with data: the area's own
/// published figure where the workspace has one, else the sum of its practices.
pub fn appointments_by_month(workspace: &Workspace, area_code: &str) -> Vec<(Period, f64)> {
    appointments_by_month_with_basis(workspace, area_code)
        .into_iter()
        .map(|(p, a, _)| (p, a))
        .collect()
}

/// [`appointments_by_month`] with where each month's figure comes from ([`Basis`]).
pub fn appointments_by_month_with_basis(
    workspace: &Workspace,
    area_code: &str,
) -> Vec<(Period, f64, Basis)> {
    let indices = mode_indices(workspace);
    crate::aggregate::periods_of(workspace, catalogue::APPOINTMENTS_FACE_TO_FACE)
        .into_iter()
        .filter_map(|p| {
            area_appointments_and_list(workspace, &indices, area_code, p).map(|(a, _, b)| (p, a, b))
        })
        .collect()
}

/// The rule for "2019 appointment levels", in words.
pub const BASELINE_2019_RULE: &str = "The 2019 level of a calendar month is that month of the \
financial year 2019/20 (April 2019 – February 2020). March 2020 is not used (the pandemic \
began): March takes March 2019 when the data has it, otherwise February 2020's level.";

/// The 2019 level for calendar month `month` (1–12) from a monthly series, by
/// [`BASELINE_2019_RULE`].
pub fn baseline_2019(monthly: &[(Period, f64)], month: u8) -> Option<f64> {
    let at = |year: i32, m: u8| {
        monthly
            .iter()
            .find(|(p, _)| *p == Period::Month { year, month: m })
            .map(|(_, v)| *v)
    };
    match month {
        4..=12 => at(2019, month),
        1 | 2 => at(2020, month),
        3 => at(2019, 3).or_else(|| at(2020, 2)),
        _ => None,
    }
}

/// Appointments as a percentage of the same calendar month's 2019 level
/// ([`baseline_2019`]): `100 × appointments / baseline`. Months whose baseline is
/// missing or zero are left out.
pub fn volume_against_2019(monthly: &[(Period, f64)]) -> Vec<(Period, f64)> {
    monthly
        .iter()
        .filter_map(|&(p, v)| {
            let (_, month) = p.start();
            let base = baseline_2019(monthly, month).filter(|b| *b > 0.0)?;
            Some((p, 100.0 * v / base))
        })
        .collect()
}

/// Practices' access rates as a table: code, appointments, list size, rate with its
/// 95% interval, and whether it is below the standard (significantly or not).
pub fn access_table(snapshot: &AccessSnapshot) -> Table {
    let mut table = Table::new(&[
        "Practice",
        "Appointments",
        "List size",
        "Rate",
        "Lower 95%",
        "Upper 95%",
        "Against the standard",
    ]);
    for r in &snapshot.practices {
        table.rows.push(vec![
            Cell::text(r.area_code.clone()),
            Cell::number(r.appointments, format!("{}", r.appointments.round())),
            Cell::number(r.list_size, format!("{}", r.list_size.round())),
            one_decimal(r.estimate.value),
            one_decimal(r.estimate.ci_95.lower),
            one_decimal(r.estimate.ci_95.upper),
            Cell::text(if r.significantly_below {
                "significantly below"
            } else if r.below_standard {
                "below"
            } else {
                "at or above"
            }),
        ]);
    }
    table
}

fn one_decimal(v: f64) -> Cell {
    Cell::value(v, 1)
}

/// The access standard over time in words: the place's rate in the latest month and
/// its lowest month, and how many practices were below the standard in the latest,
/// e.g. "Leicester City's rate was 101.9 per 1,000 per week in Mar 2023 (lowest: 54.9
/// in Apr 2020); 21 of 55 practices were below 75 that month."
pub fn over_time_sentence(
    place: &str,
    months: &[AccessMonth],
    settings: &AccessSettings,
) -> String {
    let with_rate: Vec<(Period, f64)> = months
        .iter()
        .filter_map(|m| m.city_rate.map(|r| (m.period, r)))
        .collect();
    let (Some(latest), Some(last)) = (with_rate.last(), months.last()) else {
        return "No month has appointment data.".to_string();
    };
    let lowest = with_rate
        .iter()
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or(latest);
    let unit = settings.label();
    let unit = unit.split_once(' ').map_or(unit.as_str(), |(_, rest)| rest);
    format!(
        "{place}'s rate was {:.1} {unit} in {} (lowest: {:.1} in {}); {} of {} practices were below {} that month.",
        latest.1,
        latest.0.label(),
        lowest.1,
        lowest.0.label(),
        last.below,
        last.practices,
        trim_number(settings.standard),
    )
}

/// The access standard by month as a table: the city's rate and the practices below.
pub fn over_time_table(months: &[AccessMonth]) -> Table {
    let mut table = Table::new(&[
        "Month",
        "City rate",
        "Practices",
        "Below the standard",
        "Significantly below",
    ]);
    for m in months {
        table.rows.push(vec![
            Cell::text(m.period.label()),
            m.city_rate.map_or(Cell::text(""), one_decimal),
            Cell::number(m.practices as f64, m.practices.to_string()),
            Cell::number(m.below as f64, m.below.to_string()),
            Cell::number(
                m.significantly_below as f64,
                m.significantly_below.to_string(),
            ),
        ]);
    }
    table
}

/// Practices' face-to-face shares as a table: code, share and its 95% interval.
pub fn face_to_face_table(snapshot: &FaceToFaceSnapshot) -> Table {
    let mut table = Table::new(&["Practice", "Face to face (%)", "Lower 95%", "Upper 95%"]);
    for (code, e) in &snapshot.practices {
        table.rows.push(vec![
            Cell::text(code.clone()),
            one_decimal(e.value),
            one_decimal(e.ci_95.lower),
            one_decimal(e.ci_95.upper),
        ]);
    }
    table
}

/// Volume against 2019 in words: the latest month's percentage of its 2019 level and
/// how many of the last 12 months were at or above it, e.g. "In Mar 2023 appointments
/// were 104.3% of the 2019 level; 9 of the last 12 months were at or above it."
pub fn volume_sentence(against_2019: &[(Period, f64)]) -> String {
    let Some(&(period, value)) = against_2019.last() else {
        return "No month has a 2019 level to compare with.".to_string();
    };
    let recent = &against_2019[against_2019.len().saturating_sub(12)..];
    let at_or_above = recent.iter().filter(|(_, v)| *v >= 100.0).count();
    format!(
        "In {} appointments were {value:.1}% of the 2019 level; {at_or_above} of the last {} months were at or above it.",
        period.label(),
        recent.len()
    )
}

/// Volume against 2019 as a table: month, appointments and the percentage.
pub fn volume_table(monthly: &[(Period, f64)], against_2019: &[(Period, f64)]) -> Table {
    let mut table = Table::new(&["Month", "Appointments", "% of 2019 level"]);
    for (period, pct) in against_2019 {
        let count = monthly.iter().find(|m| m.0 == *period).map(|m| m.1);
        table.rows.push(vec![
            Cell::text(period.label()),
            count.map_or(Cell::text(""), |c| {
                Cell::number(c, format!("{}", c.round()))
            }),
            one_decimal(*pct),
        ]);
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_standard_scales_with_the_period() {
        // 75 a week over 28 days is 75 × 4 = 300; over 364 days 75 × 52 = 3,900.
        assert_eq!(AccessSettings::for_period("4-weeks").standard, 300.0);
        assert_eq!(AccessSettings::for_period("52-weeks").standard, 3_900.0);
        assert_eq!(
            AccessSettings::for_period("week"),
            AccessSettings::default()
        );
        assert_eq!(
            AccessSettings::for_period("fortnight"),
            AccessSettings::default()
        );
        assert_eq!(
            AccessSettings::for_period("4-weeks").label(),
            "300 per 1,000 per 28 days"
        );
    }
    use crate::default_data::illustrative_city;

    #[test]
    fn rate_arithmetic_matches_the_worked_example() {
        // 1,000 appointments in a 30-day month for 10,000 patients:
        // 1000 / 30 × 7 × 1000 / 10000 = 23.333…
        let e = access_rate(1000.0, 10_000.0, 30.0, &AccessSettings::default()).unwrap();
        assert!((e.value - 23.333_333).abs() < 1e-5);
        assert!(e.ci_95.lower < e.value && e.value < e.ci_95.upper);
        assert_eq!(days_in_period(Period::parse("2024-02").unwrap()), 29);
        assert_eq!(days_in_period(Period::parse("2023-02").unwrap()), 28);
        assert_eq!(days_in_period(Period::parse("2022-Q2").unwrap()), 91);
        assert_eq!(AccessSettings::default().label(), "75 per 1,000 per week");
    }

    #[test]
    fn baseline_skips_march_2020() {
        let m = |y, mo| Period::Month { year: y, month: mo };
        let series = vec![
            (m(2019, 4), 100.0),
            (m(2020, 2), 90.0),
            (m(2020, 3), 50.0),
            (m(2021, 3), 45.0),
        ];
        assert_eq!(baseline_2019(&series, 4), Some(100.0));
        // March: no March 2019, so February 2020's 90; 45 / 90 = 50%.
        assert_eq!(baseline_2019(&series, 3), Some(90.0));
        let ratios = volume_against_2019(&series);
        assert_eq!(ratios.last(), Some(&(m(2021, 3), 50.0)));
    }

    #[test]
    fn default_snapshot_counts_practices() {
        let w = illustrative_city();
        let period = latest_access_period(&w).unwrap();
        let s = access_snapshot(&w, period, &AccessSettings::default());
        assert_eq!(s.practices.len(), 55);
        assert_eq!(s.pcns.len(), 10);
        assert!(s.significantly_below <= s.below);
        assert!(s
            .sentence
            .starts_with(&format!("{} of 55 practices", s.below)));
        let snapshot = face_to_face_snapshot(&w, period);
        assert_eq!(snapshot.practices.len(), 55);
        assert!(snapshot
            .sentence
            .starts_with(&format!("{} of 55", snapshot.below)));
        assert_eq!(access_table(&s).rows.len(), 55);
        assert_eq!(face_to_face_table(&snapshot).rows.len(), 55);
        let months = access_over_time(&w, &AccessSettings::default());
        assert_eq!(over_time_table(&months).rows.len(), months.len());
        let text = over_time_sentence("Leicester City", &months, &AccessSettings::default());
        assert!(text.starts_with("Leicester City's rate was "), "{text}");
        assert!(
            text.contains("per 1,000 per week in Mar 2023 (lowest: "),
            "{text}"
        );
        assert!(
            text.ends_with(&format!(
                "{} of 55 practices were below 75 that month.",
                s.below
            )),
            "{text}"
        );
        let monthly = appointments_by_month(&w, CITY_CODE);
        let volume = volume_against_2019(&monthly);
        assert_eq!(volume_table(&monthly, &volume).rows.len(), volume.len());
        assert!(volume_sentence(&volume).starts_with("In Mar 2023 appointments were "));
        let f2f = face_to_face_share(&w, CITY_CODE, period).unwrap();
        assert!(f2f.value > 30.0 && f2f.value < 90.0);
    }
}
