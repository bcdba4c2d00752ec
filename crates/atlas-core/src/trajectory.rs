//! The paper's eight Primary Care Trajectories (Leicester City Health and Wellbeing
//! Board, April 2022): each as a card with the actual monthly series, the glide path
//! from baseline to target, a forecast with a prediction interval, the month the
//! forecast first meets the target, and a status with its rule in words.
//!
//! - **Glide path**: linear from (baseline period, baseline value) to (target period,
//!   target value), one point per month; a period's place on the time axis is its
//!   last month.
//! - **Forecast**: ordinary least squares `y = a + b·t` on the recent window (the last
//!   24 months, leaving out April 2020 – March 2021), and for monthly activity
//!   (appointment rates) multiplicative month-of-year factors ([`seasonal_factors`]):
//!   the line is fitted to `y / s(month)` and the forecast is `(a + b·t) · s(month)`.
//!   The interval is the prediction interval of a linear regression,
//!   `ŷ ± t(0.975; n − 2) · σ · √(1 + 1/n + (t − t̄)²/Sxx)` with σ the residual standard
//!   deviation (Montgomery, Peck & Vining, *Introduction to Linear Regression
//!   Analysis*, §2.5), t from statrs, scaled by the seasonal factor.
//! - **Status**: [`STATUS_RULE`].
//! - **Targets** are data: a target in `workspace.targets` for the trajectory's id and
//!   the chosen area, else one for all areas, else none (the card shows the actual
//!   series and says there is no target; no place inherits Leicester's). A target for
//!   all areas fixes the baseline period; the baseline value is the chosen area's own
//!   value there when the data has it.
//! - **A target date that has passed** is judged at that date: met or missed by the
//!   actual value in the target period, with the latest actual beside it.

use crate::access::{
    appointments_by_month, area_access_rate, face_to_face_over_time, volume_against_2019,
    AccessSettings,
};
use crate::aggregate::{area_values, point_at, practices_for, series_index};
use crate::catalogue;
use crate::model::{Period, Polarity, Target, TargetArea, Workspace};
use statrs::distribution::{ContinuousCDF, StudentsT};

/// One of the paper's trajectories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TrajectoryKind {
    /// (a) Return to 2019 appointment levels.
    AppointmentsVs2019,
    /// (b) At least 75 appointments per 1,000 patients per week.
    AccessStandard,
    /// (c) 100% of the long-term-condition review backlog completed by Q3 2022/23.
    LtcBacklog,
    /// (d) Improvement in recorded prevalence of targeted long-term conditions.
    LtcPrevalence,
    /// (e) 50% of GP appointments face to face.
    FaceToFace,
    /// (f) 100% active participation of practices in CPCS.
    Cpcs,
    /// (g) Increase in FTE GPs.
    GpFte,
    /// (h) Balanced scorecard for all practices by end of Q1 2022/23.
    Scorecard,
}

impl TrajectoryKind {
    /// The eight trajectories in the paper's order.
    pub const ALL: [TrajectoryKind; 8] = [
        TrajectoryKind::AppointmentsVs2019,
        TrajectoryKind::AccessStandard,
        TrajectoryKind::LtcBacklog,
        TrajectoryKind::LtcPrevalence,
        TrajectoryKind::FaceToFace,
        TrajectoryKind::Cpcs,
        TrajectoryKind::GpFte,
        TrajectoryKind::Scorecard,
    ];

    /// The id a target file uses for this trajectory.
    pub fn id(self) -> &'static str {
        match self {
            TrajectoryKind::AppointmentsVs2019 => catalogue::APPOINTMENTS_VS_2019,
            TrajectoryKind::AccessStandard => catalogue::APPOINTMENTS_PER_1000_WEEK,
            TrajectoryKind::LtcBacklog => catalogue::LTC_REVIEWS_BACKLOG,
            TrajectoryKind::LtcPrevalence => catalogue::LTC_PREVALENCE_CHANGE,
            TrajectoryKind::FaceToFace => catalogue::FACE_TO_FACE_SHARE,
            TrajectoryKind::Cpcs => catalogue::CPCS_PARTICIPATION,
            TrajectoryKind::GpFte => catalogue::GP_FTE_CHANGE,
            TrajectoryKind::Scorecard => catalogue::SCORECARD_COMPLETE,
        }
    }

    /// The measure alone, with no target in its words: the title where a workspace
    /// sets no trajectory targets (another place's site, a user's files).
    pub fn measure_title(self) -> &'static str {
        match self {
            TrajectoryKind::AppointmentsVs2019 => "Appointments against their 2019 level",
            TrajectoryKind::AccessStandard => "Appointments per 1,000 patients per week",
            TrajectoryKind::LtcBacklog => "Long-term-condition review backlog",
            TrajectoryKind::LtcPrevalence => {
                "Recorded prevalence of targeted long-term conditions against 2019/20"
            }
            TrajectoryKind::FaceToFace => "GP appointments face to face",
            TrajectoryKind::Cpcs => "Practices active in CPCS",
            TrajectoryKind::GpFte => "GPs in post (FTE) against 2019/20",
            TrajectoryKind::Scorecard => "Practices with a complete balanced scorecard",
        }
    }

    /// The trajectory as the paper words it.
    pub fn title(self) -> &'static str {
        match self {
            TrajectoryKind::AppointmentsVs2019 => "Return to 2019 appointment levels",
            TrajectoryKind::AccessStandard => {
                "At least 75 appointments per 1,000 patients per week"
            }
            TrajectoryKind::LtcBacklog => {
                "100% of the long-term-condition review backlog completed by Q3 2022/23"
            }
            TrajectoryKind::LtcPrevalence => {
                "Improvement in prevalence of targeted long-term conditions"
            }
            TrajectoryKind::FaceToFace => "50% of GP appointments face to face",
            TrajectoryKind::Cpcs => "100% active participation of practices in CPCS",
            TrajectoryKind::GpFte => "Increase in FTE GPs",
            TrajectoryKind::Scorecard => {
                "Balanced scorecard for all practices by end of Q1 2022/23"
            }
        }
    }

    /// What the series measures and how.
    pub fn description(self) -> &'static str {
        match self {
            TrajectoryKind::AppointmentsVs2019 => "All appointments in the month as a percentage of the same month's 2019 level (March 2020 is not used; see the access rule).",
            TrajectoryKind::AccessStandard => "Appointments in the month ÷ days in the month × 7 × 1,000 ÷ registered patients.",
            TrajectoryKind::LtcBacklog => "Patients awaiting a long-term-condition review at the month end; the target is none left.",
            TrajectoryKind::LtcPrevalence => "Entries on the diabetes, hypertension and COPD registers per 100 registered patients, as a percentage change on the 2019/20 average.",
            TrajectoryKind::FaceToFace => "Face-to-face appointments as a percentage of all appointments (face to face, telephone, video/online, home visits).",
            TrajectoryKind::Cpcs => "Percentage of practices actively referring to the Community Pharmacist Consultation Service.",
            TrajectoryKind::GpFte => "GPs in post (full-time equivalent) as a percentage change on the 2019/20 average.",
            TrajectoryKind::Scorecard => "Percentage of practices whose balanced scorecard is complete: every stored indicator with a judgement reported for its latest period published by the month.",
        }
    }

    /// What the data must hold for the trajectory to have a series, in words.
    pub fn needs(self) -> &'static str {
        match self {
            TrajectoryKind::AppointmentsVs2019 => "monthly appointments that reach back to 2019/20 (a practice-level or sub-ICB appointments file)",
            TrajectoryKind::AccessStandard | TrajectoryKind::FaceToFace => "monthly appointments by mode (a practice-level or sub-ICB appointments file)",
            TrajectoryKind::LtcBacklog => "a long-term-condition review backlog series; no national publication has one",
            TrajectoryKind::LtcPrevalence => "QOF register counts for diabetes, hypertension and COPD, including 2019/20",
            TrajectoryKind::Cpcs => "a CPCS participation series; no national publication has one by practice",
            TrajectoryKind::GpFte => "GP full-time equivalents by quarter, including 2019/20 (the GP workforce publication)",
            TrajectoryKind::Scorecard => "indicator values with a judgement against the city",
        }
    }

    /// The unit of the series, for axis labels.
    pub fn unit_label(self) -> &'static str {
        match self {
            TrajectoryKind::AppointmentsVs2019 => "% of 2019 level",
            TrajectoryKind::AccessStandard => "appointments per 1,000 patients per week",
            TrajectoryKind::LtcBacklog => "patients awaiting review",
            TrajectoryKind::LtcPrevalence => "% change on 2019/20",
            TrajectoryKind::FaceToFace | TrajectoryKind::Cpcs | TrajectoryKind::Scorecard => "%",
            TrajectoryKind::GpFte => "% change on 2019/20",
        }
    }

    /// Which direction is progress: lower for the backlog, higher for the rest.
    pub fn direction(self) -> Polarity {
        match self {
            TrajectoryKind::LtcBacklog => Polarity::LowIsGood,
            _ => Polarity::HighIsGood,
        }
    }

    /// True for monthly activity, forecast with month-of-year factors.
    pub fn seasonal(self) -> bool {
        matches!(self, TrajectoryKind::AccessStandard)
    }

    /// The range a value can take, for clamping forecasts (percentages 0–100, counts ≥ 0).
    pub fn bounds(self) -> (f64, f64) {
        match self {
            TrajectoryKind::FaceToFace | TrajectoryKind::Cpcs | TrajectoryKind::Scorecard => {
                (0.0, 100.0)
            }
            TrajectoryKind::LtcPrevalence | TrajectoryKind::GpFte => (-100.0, f64::INFINITY),
            _ => (0.0, f64::INFINITY),
        }
    }
}

/// The actual monthly series of a trajectory for an area (practice, PCN, neighbourhood
/// or [`crate::aggregate::CITY_CODE`]), in period order.
pub fn actual_series(
    workspace: &Workspace,
    kind: TrajectoryKind,
    area_code: &str,
) -> Vec<(Period, f64)> {
    match kind {
        TrajectoryKind::AppointmentsVs2019 => {
            volume_against_2019(&appointments_by_month(workspace, area_code))
        }
        TrajectoryKind::AccessStandard => {
            let settings = AccessSettings::default();
            appointments_by_month(workspace, area_code)
                .into_iter()
                .filter_map(|(p, _)| {
                    area_access_rate(workspace, area_code, p, &settings)
                        .map(|r| (p, r.estimate.value))
                })
                .collect()
        }
        TrajectoryKind::LtcBacklog => {
            stored(workspace, catalogue::LTC_REVIEWS_BACKLOG, area_code, 1.0)
        }
        TrajectoryKind::LtcPrevalence => {
            change_on_2019_20(&targeted_prevalence(workspace, area_code))
        }
        TrajectoryKind::FaceToFace => face_to_face_over_time(workspace, area_code)
            .into_iter()
            .map(|(p, e)| (p, e.value))
            .collect(),
        TrajectoryKind::Cpcs => stored(workspace, catalogue::CPCS_PARTICIPATION, area_code, 100.0),
        TrajectoryKind::GpFte => {
            change_on_2019_20(&stored(workspace, catalogue::GP_FTE, area_code, 1.0))
        }
        TrajectoryKind::Scorecard => scorecard_completeness(workspace, area_code),
    }
}

fn stored(workspace: &Workspace, id: &str, area_code: &str, scale: f64) -> Vec<(Period, f64)> {
    workspace
        .indicator(id)
        .map(|i| {
            area_values(workspace, i, area_code)
                .into_iter()
                .map(|(p, v)| (p, v * scale))
                .collect()
        })
        .unwrap_or_default()
}

/// Targeted LTC register entries per 100 registered patients, by month
/// ([`catalogue::TARGETED_LTC_REGISTERS`]; the list is the first register's denominator).
fn targeted_prevalence(workspace: &Workspace, area_code: &str) -> Vec<(Period, f64)> {
    let series: Vec<_> = catalogue::TARGETED_LTC_REGISTERS
        .iter()
        .filter_map(|id| crate::aggregate::area_series(workspace, id, area_code))
        .collect();
    let Some(first) = series.first() else {
        return Vec::new();
    };
    first
        .points
        .iter()
        .filter_map(|point| {
            let list = point.denominator.filter(|d| *d > 0.0)?;
            let entries: f64 = series
                .iter()
                .map(|s| point_at(s, point.period).and_then(|p| p.numerator))
                .sum::<Option<f64>>()?;
            Some((point.period, 100.0 * entries / list))
        })
        .collect()
}

/// A series as a percentage change on its 2019/20 average:
/// `100 × (value / mean of the months of financial year 2019/20 − 1)`.
pub fn change_on_2019_20(series: &[(Period, f64)]) -> Vec<(Period, f64)> {
    let base: Vec<f64> = series
        .iter()
        .filter(|(p, _)| p.financial_year() == 2019)
        .map(|(_, v)| *v)
        .collect();
    if base.is_empty() {
        return Vec::new();
    }
    let mean = base.iter().sum::<f64>() / base.len() as f64;
    if mean == 0.0 {
        return Vec::new();
    }
    series
        .iter()
        .map(|&(p, v)| (p, 100.0 * (v / mean - 1.0)))
        .collect()
}

/// The last month of a period.
pub fn end_month(period: Period) -> Period {
    let (year, month) = period.start();
    Period::Month { year, month }.add_months(period.months() as i32 - 1)
}

/// The percentage of an area's practices with a complete scorecard each month: a
/// practice is complete in a month when, for every stored indicator with a judgement
/// (polarity) that practices report, it has a point for that indicator's latest period
/// ending by that month
/// (the latest any practice reports). Publications come out on their own cadence
/// (monthly appointments, a yearly survey, QOF), so completeness is judged against what
/// was published, not against a fixed window; an indicator not yet published by a month
/// does not count in it.
pub fn scorecard_completeness(workspace: &Workspace, area_code: &str) -> Vec<(Period, f64)> {
    let practices = practices_for(workspace, area_code);
    // Per judged indicator: its index, and the end months of its periods, in order.
    let judged: Vec<_> = workspace
        .indicators
        .iter()
        .filter(|i| i.polarity != Polarity::NoJudgement)
        // A series published only for PCNs or the place is no practice's to complete.
        .filter(|i| {
            workspace
                .series
                .iter()
                .any(|s| s.indicator_id == i.id && workspace.practice(&s.area_code).is_some())
        })
        .map(|i| {
            let ends: std::collections::BTreeMap<i32, Period> =
                crate::aggregate::periods_of(workspace, &i.id)
                    .into_iter()
                    .map(|p| (end_month(p).month_index(), p))
                    .collect();
            (series_index(workspace, &i.id), ends)
        })
        .collect();
    if practices.is_empty() || judged.is_empty() {
        return Vec::new();
    }
    let months = crate::aggregate::periods_of(workspace, catalogue::APPOINTMENTS_FACE_TO_FACE);
    months
        .into_iter()
        .filter_map(|month| {
            let m = month.month_index();
            let due: Vec<_> = judged
                .iter()
                .filter_map(|(index, ends)| ends.range(..=m).next_back().map(|(_, p)| (index, *p)))
                .collect();
            if due.is_empty() {
                return None;
            }
            let complete = practices
                .iter()
                .filter(|practice| {
                    due.iter().all(|(index, period)| {
                        index
                            .get(practice.code.as_str())
                            .is_some_and(|s| point_at(s, *period).is_some())
                    })
                })
                .count();
            Some((month, 100.0 * complete as f64 / practices.len() as f64))
        })
        .collect()
}

/// A glide path: linear from `baseline` to `target`, one point per month from the
/// baseline period's last month to the target period's last month:
/// `v(t) = v₀ + (v₁ − v₀)·(t − t₀)/(t₁ − t₀)`. A target not after the baseline gives the
/// target alone.
pub fn glide_path(baseline: (Period, f64), target: (Period, f64)) -> Vec<(Period, f64)> {
    let start = end_month(baseline.0);
    let end = end_month(target.0);
    let span = end.month_index() - start.month_index();
    if span <= 0 {
        return vec![(end, target.1)];
    }
    (0..=span)
        .map(|i| {
            let share = f64::from(i) / f64::from(span);
            (
                start.add_months(i),
                baseline.1 + (target.1 - baseline.1) * share,
            )
        })
        .collect()
}

/// The glide path's value for a month: the path's value in that month, the target
/// after the path ends, `None` before it starts.
pub fn glide_value(glide: &[(Period, f64)], period: Period) -> Option<f64> {
    let m = end_month(period).month_index();
    let first = glide.first()?;
    let last = glide.last()?;
    if m < first.0.month_index() {
        None
    } else if m >= last.0.month_index() {
        Some(last.1)
    } else {
        glide
            .iter()
            .find(|(p, _)| p.month_index() == m)
            .map(|(_, v)| *v)
    }
}

/// True when `value` meets `target` in the direction of progress (≥ for higher is
/// better, ≤ for lower is better).
pub fn meets(value: f64, target: f64, direction: Polarity) -> bool {
    match direction {
        Polarity::LowIsGood => value <= target,
        _ => value >= target,
    }
}

/// How the forecast is made.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ForecastSettings {
    /// Months of recent history the line is fitted to (24).
    pub window_months: i32,
    /// Months left out of the fit and the seasonal factors (April 2020 – March 2021).
    pub exclude: (Period, Period),
    /// Months forecast beyond the latest actual (24), extended to the target period.
    pub horizon_months: i32,
    /// The prediction interval's confidence (0.95).
    pub confidence: f64,
}

impl Default for ForecastSettings {
    /// 24 months' window, April 2020 – March 2021 left out, 24 months ahead, 95%.
    fn default() -> Self {
        ForecastSettings {
            window_months: 24,
            exclude: crate::model::PANDEMIC_MONTHS,
            horizon_months: 24,
            confidence: 0.95,
        }
    }
}

impl ForecastSettings {
    fn excluded(&self, period: Period) -> bool {
        let m = period.month_index();
        m >= self.exclude.0.month_index() && m <= self.exclude.1.month_index()
    }
}

/// One forecast month with its prediction interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ForecastPoint {
    pub period: Period,
    pub value: f64,
    pub lower: f64,
    pub upper: f64,
}

/// An ordinary least-squares line `y = intercept + slope·x`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearFit {
    pub intercept: f64,
    pub slope: f64,
    /// Number of points.
    pub n: usize,
    /// Residual standard deviation σ = √(Σ residual² / (n − 2)).
    pub residual_sd: f64,
    /// Mean of x.
    pub mean_x: f64,
    /// Σ(x − x̄)².
    pub sxx: f64,
}

impl LinearFit {
    /// The line's value at `x`.
    pub fn at(&self, x: f64) -> f64 {
        self.intercept + self.slope * x
    }

    /// Half-width of the prediction interval at `x`:
    /// `t(1 − α/2; n − 2) · σ · √(1 + 1/n + (x − x̄)²/Sxx)`.
    pub fn prediction_half_width(&self, x: f64, confidence: f64) -> f64 {
        let df = self.n as f64 - 2.0;
        let t = StudentsT::new(0.0, 1.0, df)
            .map(|d| d.inverse_cdf(1.0 - (1.0 - confidence) / 2.0))
            .unwrap_or(f64::NAN);
        let n = self.n as f64;
        t * self.residual_sd * (1.0 + 1.0 / n + (x - self.mean_x).powi(2) / self.sxx).sqrt()
    }
}

/// Fits a least-squares line; needs three points with distinct x (so that n − 2 ≥ 1).
pub fn fit_line(points: &[(f64, f64)]) -> Option<LinearFit> {
    let n = points.len();
    if n < 3 {
        return None;
    }
    let count = n as f64;
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / count;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / count;
    let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    if sxx <= 0.0 || !sxx.is_finite() {
        return None;
    }
    let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    let slope = sxy / sxx;
    let intercept = mean_y - slope * mean_x;
    let sse: f64 = points
        .iter()
        .map(|p| (p.1 - intercept - slope * p.0).powi(2))
        .sum();
    Some(LinearFit {
        intercept,
        slope,
        n,
        residual_sd: (sse / (count - 2.0)).sqrt(),
        mean_x,
        sxx,
    })
}

/// Month-of-year factors (index 0 = January) from a monthly history: for each complete
/// financial year (all 12 months, none excluded) each month's value divided by that
/// year's mean; a month's factor is the mean of its ratios over those years; the
/// factors are then scaled to average 1. `None` without a complete year.
pub fn seasonal_factors(
    history: &[(Period, f64)],
    settings: &ForecastSettings,
) -> Option<[f64; 12]> {
    let mut years: Vec<i32> = history.iter().map(|(p, _)| p.financial_year()).collect();
    years.dedup();
    let mut sums = [0.0; 12];
    let mut counts = [0usize; 12];
    for year in years {
        let months: Vec<&(Period, f64)> = history
            .iter()
            .filter(|(p, _)| {
                p.financial_year() == year && p.months() == 1 && !settings.excluded(*p)
            })
            .collect();
        if months.len() != 12 {
            continue;
        }
        let mean = months.iter().map(|(_, v)| v).sum::<f64>() / 12.0;
        if mean <= 0.0 {
            continue;
        }
        for (p, v) in months {
            let i = usize::from(p.start().1 - 1);
            sums[i] += v / mean;
            counts[i] += 1;
        }
    }
    if counts.contains(&0) {
        return None;
    }
    let mut factors = [0.0; 12];
    for i in 0..12 {
        factors[i] = sums[i] / counts[i] as f64;
    }
    let mean = factors.iter().sum::<f64>() / 12.0;
    Some(factors.map(|f| f / mean))
}

/// Forecasts a monthly series to `until` (at least `horizon_months` past the latest
/// point) by the method in the module notes. Empty when fewer than three points fall
/// in the window.
pub fn forecast(
    history: &[(Period, f64)],
    seasonal: bool,
    until: Option<Period>,
    bounds: (f64, f64),
    settings: &ForecastSettings,
) -> Vec<ForecastPoint> {
    let Some(&(latest, _)) = history.last() else {
        return Vec::new();
    };
    let factors = if seasonal {
        seasonal_factors(history, settings)
    } else {
        None
    };
    let factor = |p: Period| factors.map_or(1.0, |f| f[usize::from(p.start().1 - 1)]);
    let first = latest.month_index() - settings.window_months + 1;
    let window: Vec<(f64, f64)> = history
        .iter()
        .filter(|(p, _)| p.month_index() >= first && !settings.excluded(*p))
        .map(|&(p, v)| (f64::from(p.month_index()), v / factor(p)))
        .collect();
    let Some(fit) = fit_line(&window) else {
        return Vec::new();
    };
    let mut horizon = settings.horizon_months;
    if let Some(until) = until {
        horizon = horizon.max(end_month(until).month_index() - latest.month_index());
    }
    (1..=horizon)
        .map(|h| {
            let period = latest.add_months(h);
            let x = f64::from(period.month_index());
            let s = factor(period);
            let half = fit.prediction_half_width(x, settings.confidence);
            let clamp = |v: f64| v.clamp(bounds.0, bounds.1);
            ForecastPoint {
                period,
                value: clamp(fit.at(x) * s),
                lower: clamp((fit.at(x) - half) * s),
                upper: clamp((fit.at(x) + half) * s),
            }
        })
        .collect()
}

/// Where a trajectory stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    OnTrack,
    AtRisk,
    OffTrack,
    /// No actual data for the area (or none in a past target period).
    NoData,
    /// The target date has passed and the actual then met the target.
    Met,
    /// The target date has passed and the actual then did not meet the target.
    Missed,
    /// The workspace sets no target for this trajectory.
    NoTarget,
}

impl Status {
    /// "on track", "at risk", "off track", "no data", "met by its date", "missed its
    /// date" or "no target".
    pub fn label(self) -> &'static str {
        match self {
            Status::OnTrack => "on track",
            Status::AtRisk => "at risk",
            Status::OffTrack => "off track",
            Status::NoData => "no data",
            Status::Met => "met by its date",
            Status::Missed => "missed its date",
            Status::NoTarget => "no target",
        }
    }
}

/// The status rule, as the page states it.
pub const STATUS_RULE: &str = "On track: the latest actual is on the right side of the glide \
path (at or above it where higher is better, at or below where lower is better), or already \
meets the target. At risk: off the glide path, but the forecast meets the target by the target \
period. Off track: otherwise. Once the target date has passed, the target is judged at that \
date: met or missed by the actual value in the target period.";

/// The status by [`STATUS_RULE`]: `latest` actual, the glide path's value then (`None`
/// before the path starts: compared with the target alone), and the month the forecast
/// first meets the target.
pub fn status(
    latest: Option<(Period, f64)>,
    glide_then: Option<f64>,
    target: &Target,
    expected_met: Option<Period>,
    direction: Polarity,
) -> Status {
    let Some((_, value)) = latest else {
        return Status::NoData;
    };
    let on_path = glide_then.is_some_and(|g| meets(value, g, direction));
    if on_path || meets(value, target.target_value, direction) {
        Status::OnTrack
    } else if expected_met
        .is_some_and(|p| p.month_index() <= end_month(target.target_period).month_index())
    {
        Status::AtRisk
    } else {
        Status::OffTrack
    }
}

/// The first month the actual (its latest value) or the forecast meets the target:
/// the latest actual's month when it already does.
pub fn expected_met(
    latest: Option<(Period, f64)>,
    forecast: &[ForecastPoint],
    target_value: f64,
    direction: Polarity,
) -> Option<Period> {
    if let Some((p, v)) = latest {
        if meets(v, target_value, direction) {
            return Some(p);
        }
    }
    forecast
        .iter()
        .find(|f| meets(f.value, target_value, direction))
        .map(|f| f.period)
}

/// The target that applies: the workspace's target for this trajectory and area, else
/// its target for all areas, else none. A target for all areas takes the area's own
/// value at the baseline period ([`value_in`]) as its baseline value.
pub fn target_for(
    workspace: &Workspace,
    kind: TrajectoryKind,
    area_code: &str,
    actual: &[(Period, f64)],
) -> Option<Target> {
    let own = workspace
        .targets
        .iter()
        .find(|t| t.indicator_id == kind.id() && t.area == TargetArea::Area(area_code.to_string()));
    if let Some(t) = own {
        return Some(t.clone());
    }
    let mut target = workspace
        .targets
        .iter()
        .find(|t| t.indicator_id == kind.id() && t.area == TargetArea::All)
        .cloned()?;
    if let Some(v) = value_in(actual, target.baseline_period) {
        target.baseline_value = Some(v);
    }
    Some(target)
}

/// The judgement of a target whose date has passed: the actual value in the target
/// period ([`value_in`]) against the target; `None` when the latest actual is not yet
/// past the target period.
pub fn judged_at_date(
    actual: &[(Period, f64)],
    target: &Target,
    direction: Polarity,
) -> Option<(Status, Option<f64>)> {
    let (latest, _) = actual.last()?;
    if latest.month_index() <= end_month(target.target_period).month_index() {
        return None;
    }
    let then = value_in(actual, target.target_period);
    let status = match then {
        Some(v) if meets(v, target.target_value, direction) => Status::Met,
        Some(_) => Status::Missed,
        None => Status::NoData,
    };
    Some((status, then))
}

/// The mean of a monthly series over the months of `period` (one month, a quarter or a
/// financial year); `None` when it has none.
pub fn value_in(series: &[(Period, f64)], period: Period) -> Option<f64> {
    let start = period.month_index();
    let end = end_month(period).month_index();
    let values: Vec<f64> = series
        .iter()
        .filter(|(p, _)| p.month_index() >= start && p.month_index() <= end)
        .map(|(_, v)| *v)
        .collect();
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// The months between a series' consecutive points, as it is usually published: the
/// median step (1 for a monthly series, 3 for a quarterly census, 12 for a yearly one).
/// `None` with fewer than two points.
pub fn usual_step(series: &[(Period, f64)]) -> Option<i32> {
    let mut steps: Vec<i32> = series
        .windows(2)
        .map(|w| end_month(w[1].0).month_index() - end_month(w[0].0).month_index())
        .collect();
    if steps.is_empty() {
        return None;
    }
    steps.sort_unstable();
    Some(steps[steps.len() / 2])
}

/// Where a series has no figures: each pair of consecutive points further apart than its
/// [`usual_step`], as the first and last period missing between them (in the series'
/// own step: Sep 2021 – Feb 2023 between Aug 2021 and Mar 2023 monthly).
pub fn gaps(series: &[(Period, f64)]) -> Vec<(Period, Period)> {
    let Some(step) = usual_step(series) else {
        return Vec::new();
    };
    series
        .windows(2)
        .filter_map(|w| {
            let (a, b) = (end_month(w[0].0), end_month(w[1].0));
            (b.month_index() - a.month_index() > step)
                .then(|| (a.add_months(step), b.add_months(-step)))
        })
        .collect()
}

/// One trajectory for one area: what the Trajectories page draws.
#[derive(Debug, Clone, PartialEq)]
pub struct TrajectoryCard {
    /// The trajectory's id ([`TrajectoryKind::id`]).
    pub id: String,
    pub title: String,
    pub description: String,
    pub unit_label: String,
    /// The area the card is for.
    pub area_code: String,
    pub actual: Vec<(Period, f64)>,
    pub glide_path: Vec<(Period, f64)>,
    pub forecast: Vec<ForecastPoint>,
    /// `None` when the workspace sets no target for the trajectory.
    pub target: Option<Target>,
    /// The first month the target is met (actual or forecast), if within the horizon;
    /// `None` too when the target date has passed (the status says how it was judged).
    pub expected_met: Option<Period>,
    pub status: Status,
    /// [`STATUS_RULE`].
    pub rule: String,
    /// The card in one sentence.
    pub sentence: String,
    /// Where the area's figures come from when some are published for the area as a
    /// whole ([`crate::aggregate::basis_note`]); `None` when all are sums of practices.
    pub basis: Option<String>,
    /// Stretches with no figures, first and last missing month ([`gaps`]): the chart
    /// breaks its line there.
    pub gaps: Vec<(Period, Period)>,
    /// The first period of each stretch from a different source than the one before
    /// (the place's own published figure, then the sum of its practices).
    pub source_changes: Vec<Period>,
    /// When the series has a gap or a change of source: the first period the forecast
    /// was fitted from (the forecast uses only the stretch after the last break, and
    /// within it its window).
    pub forecast_from: Option<Period>,
}

impl TrajectoryCard {
    /// The card's line about its target: when the forecast expects it met, that its date
    /// has passed (and when it was judged), or that there is none.
    pub fn expectation(&self) -> String {
        let Some(target) = &self.target else {
            return "No target set for this trajectory".to_string();
        };
        let past = matches!(self.status, Status::Met | Status::Missed)
            || (self.status == Status::NoData && !self.actual.is_empty());
        match self.expected_met {
            // Nothing to forecast from: no expectation either way.
            _ if self.status == Status::NoData && self.actual.is_empty() => {
                "No figures to judge against the target".to_string()
            }
            _ if past => format!(
                "Target date passed: judged at {}",
                target.target_period.label()
            ),
            Some(p) => format!("Target expected to be met: {}", p.label()),
            None => "Target not expected to be met within the forecast".to_string(),
        }
    }
}

/// The card for one trajectory and area ([`actual_series`], [`target_for`],
/// [`glide_path`], [`forecast`], [`status`]).
pub fn trajectory_card(
    workspace: &Workspace,
    kind: TrajectoryKind,
    area_code: &str,
    settings: &ForecastSettings,
) -> TrajectoryCard {
    let actual = actual_series(workspace, kind, area_code);
    let gaps = gaps(&actual);
    let (basis, source_changes) = basis_of(workspace, kind, area_code);
    // The forecast is fitted on one unbroken stretch from one source: the last.
    let stretch_start = gaps
        .iter()
        .map(|g| g.1.add_months(1))
        .chain(source_changes.iter().copied())
        .max();
    let stretch: Vec<(Period, f64)> = match stretch_start {
        Some(start) => actual
            .iter()
            .filter(|(p, _)| end_month(*p) >= start)
            .copied()
            .collect(),
        None => actual.clone(),
    };
    // The first month the forecast's fit uses: the later of the stretch's start and the
    // window's (said in the sentence only when the series has a break).
    let window_first = stretch
        .last()
        .map(|l| l.0.month_index() - settings.window_months + 1);
    let forecast_from = stretch
        .iter()
        .find(|(p, _)| window_first.is_some_and(|w| p.month_index() >= w))
        .map(|s| s.0)
        .filter(|_| !gaps.is_empty() || !source_changes.is_empty());
    let target = target_for(workspace, kind, area_code, &actual);
    let glide = match &target {
        Some(t) => match t.baseline_value.filter(|b| b.is_finite()) {
            Some(baseline) => glide_path(
                (t.baseline_period, baseline),
                (t.target_period, t.target_value),
            ),
            None => Vec::new(),
        },
        None => Vec::new(),
    };
    let forecast = forecast(
        &stretch,
        kind.seasonal(),
        target.as_ref().map(|t| t.target_period),
        kind.bounds(),
        settings,
    );
    let latest = actual.last().copied();
    let direction = kind.direction();
    let past = target
        .as_ref()
        .and_then(|t| judged_at_date(&actual, t, direction));
    let (met, status) = match (&target, past) {
        (None, _) if latest.is_none() => (None, Status::NoData),
        (None, _) => (None, Status::NoTarget),
        (Some(_), Some((judged, _))) => (None, judged),
        (Some(t), None) => {
            let met = expected_met(latest, &forecast, t.target_value, direction);
            let glide_then = latest.and_then(|(p, _)| glide_value(&glide, p));
            (met, status(latest, glide_then, t, met, direction))
        }
    };
    let horizon_end = forecast.last().map(|f| f.period).or(latest.map(|l| l.0));
    let area = area_label(workspace, area_code);
    let sentence = match (&target, past) {
        (Some(t), Some((_, then))) if latest.is_some() => {
            past_target_sentence(kind, &area, latest, t, then, status)
        }
        (Some(t), _) => card_sentence(kind, &area, latest, t, met, horizon_end, status),
        (None, _) => no_target_sentence(kind, &area, latest),
    };
    let fitted = forecast_from
        .zip(latest.map(|l| l.0))
        .filter(|_| !forecast.is_empty());
    let sentence = sentence + &breaks_sentence(&gaps, fitted);
    TrajectoryCard {
        id: kind.id().to_string(),
        title: titles(workspace, kind).to_string(),
        description: kind.description().to_string(),
        unit_label: kind.unit_label().to_string(),
        area_code: area_code.to_string(),
        actual,
        glide_path: glide,
        forecast,
        target,
        expected_met: met,
        status,
        rule: STATUS_RULE.to_string(),
        sentence,
        basis,
        gaps,
        source_changes,
        forecast_from,
    }
}

/// The breaks in a series in words, to follow a card's sentence: each gap ("No figures
/// for Sep 2021 – Feb 2023; the line is broken there.") and the months the forecast was
/// fitted on.
fn breaks_sentence(gaps: &[(Period, Period)], fitted: Option<(Period, Period)>) -> String {
    let mut text = String::new();
    if !gaps.is_empty() {
        let spans: Vec<String> = gaps
            .iter()
            .map(|(a, b)| {
                if a == b {
                    a.label()
                } else {
                    format!("{} – {}", a.label(), b.label())
                }
            })
            .collect();
        text.push_str(&format!(
            " No figures for {}; the line is broken there.",
            spans.join(", ")
        ));
    }
    if let Some((from, to)) = fitted {
        text.push_str(&format!(
            " The forecast is fitted on {} – {} only: one source, no break.",
            from.label(),
            to.label()
        ));
    }
    text
}

/// True when the workspace sets a target for any trajectory: its place has taken on
/// the paper's trajectories, so they carry the paper's titles.
pub fn has_trajectory_targets(workspace: &Workspace) -> bool {
    workspace
        .targets
        .iter()
        .any(|t| TrajectoryKind::ALL.iter().any(|k| k.id() == t.indicator_id))
}

/// The paper's title when the place has taken on its trajectories, else the measure's.
fn titles(workspace: &Workspace, kind: TrajectoryKind) -> &'static str {
    if has_trajectory_targets(workspace) {
        kind.title()
    } else {
        kind.measure_title()
    }
}

/// The Trajectories page's opening sentence for a workspace.
pub fn page_intro(workspace: &Workspace) -> &'static str {
    if has_trajectory_targets(workspace) {
        "The primary care trajectories in the April 2022 paper: where each stands against its glide path to the target, and when the forecast expects the target to be met."
    } else {
        "Eight measures of primary care access, capacity and quality over time, each with a forecast. These files set no targets, so no target or glide path is drawn; load a targets file on the Your data page to add them."
    }
}

/// Where the area's figures come from in words ([`crate::aggregate::basis_note`]), and
/// the first period of each run from a different source than the run before.
fn basis_of(
    workspace: &Workspace,
    kind: TrajectoryKind,
    area_code: &str,
) -> (Option<String>, Vec<Period>) {
    use crate::aggregate::{area_series_with_basis, basis_note};
    let stored = |id: &str| {
        area_series_with_basis(workspace, id, area_code)
            .map(|(series, bases)| series.points.iter().map(|p| p.period).zip(bases).collect())
            .unwrap_or_default()
    };
    let bases: Vec<_> = match kind {
        TrajectoryKind::AppointmentsVs2019
        | TrajectoryKind::AccessStandard
        | TrajectoryKind::FaceToFace => {
            crate::access::appointments_by_month_with_basis(workspace, area_code)
                .into_iter()
                .map(|(p, _, b)| (p, b))
                .collect()
        }
        TrajectoryKind::LtcBacklog => stored(catalogue::LTC_REVIEWS_BACKLOG),
        TrajectoryKind::Cpcs => stored(catalogue::CPCS_PARTICIPATION),
        TrajectoryKind::GpFte => stored(catalogue::GP_FTE),
        TrajectoryKind::LtcPrevalence | TrajectoryKind::Scorecard => return (None, Vec::new()),
    };
    let changes = bases
        .windows(2)
        .filter(|w| w[0].1 != w[1].1)
        .map(|w| end_month(w[1].0))
        .collect();
    (basis_note(workspace, area_code, &bases), changes)
}

/// All eight cards for an area, in the paper's order, with the default forecast.
pub fn trajectory_cards(workspace: &Workspace, area_code: &str) -> Vec<TrajectoryCard> {
    let settings = ForecastSettings::default();
    TrajectoryKind::ALL
        .iter()
        .map(|&k| trajectory_card(workspace, k, area_code, &settings))
        .collect()
}

/// A card as a table for its table view and CSV: one row per month with the actual
/// value, the glide path's value, and the forecast with its interval.
pub fn trajectory_table(card: &TrajectoryCard) -> crate::table::Table {
    use crate::table::{Cell, Table};
    let mut months: Vec<Period> = card
        .actual
        .iter()
        .map(|a| a.0)
        .chain(card.glide_path.iter().map(|g| g.0))
        .chain(card.forecast.iter().map(|f| f.period))
        .collect();
    months.sort();
    months.dedup();
    let mut table = Table::new(&[
        "Month",
        "Actual",
        "Glide path",
        "Forecast",
        "Forecast lower 95%",
        "Forecast upper 95%",
    ]);
    let number = |x: Option<f64>| match x {
        Some(v) => Cell::value(v, 1),
        None => Cell::text(""),
    };
    for month in months {
        let actual = card.actual.iter().find(|a| a.0 == month).map(|a| a.1);
        let glide = card.glide_path.iter().find(|g| g.0 == month).map(|g| g.1);
        let forecast = card.forecast.iter().find(|f| f.period == month);
        table.rows.push(vec![
            Cell::text(month.label()),
            number(actual),
            number(glide),
            number(forecast.map(|f| f.value)),
            number(forecast.map(|f| f.lower)),
            number(forecast.map(|f| f.upper)),
        ]);
    }
    table
}

/// How a card's sentence names its area: the place's name ("Leicester City", "Sub-ICB
/// area 03W"), a PCN's or a practice's name (as people read it), or the code when the
/// workspace does not know it.
pub fn area_label(workspace: &Workspace, area_code: &str) -> String {
    if area_code == crate::aggregate::CITY_CODE {
        workspace.place.clone()
    } else if let Some(pcn) = workspace.pcn(area_code) {
        crate::summary::display_name(&pcn.name)
    } else if let Some(practice) = workspace.practice(area_code) {
        crate::summary::display_name(&practice.name)
    } else {
        area_code.to_string()
    }
}

/// A card whose workspace sets no target: the latest actual, and that there is none.
fn no_target_sentence(kind: TrajectoryKind, area: &str, latest: Option<(Period, f64)>) -> String {
    match latest {
        None => format!(
            "{area} has no data for this trajectory: it needs {}.",
            kind.needs()
        ),
        Some((period, value)) => format!(
            "{area}: {value:.1} ({}) in {}. No target is set for this trajectory here, so it has no glide path and no status.",
            kind.unit_label(),
            period.label()
        ),
    }
}

/// A card whose target date has passed: judged at that date, the latest beside it.
fn past_target_sentence(
    kind: TrajectoryKind,
    area: &str,
    latest: Option<(Period, f64)>,
    target: &Target,
    then: Option<f64>,
    status: Status,
) -> String {
    let by = end_month(target.target_period).label();
    let judged = match then {
        Some(v) => format!(
            "{}: {v:.1} in {}",
            status.label(),
            target.target_period.label()
        ),
        None => format!("not judged: no figure for {}", target.target_period.label()),
    };
    let latest = latest
        .map(|(p, v)| format!(" The latest is {v:.1} in {}.", p.label()))
        .unwrap_or_default();
    format!(
        "{area}: the target of {:.1} ({}) by {by} is past; {judged}.{latest}",
        target.target_value,
        kind.unit_label(),
    )
}

fn card_sentence(
    kind: TrajectoryKind,
    area: &str,
    latest: Option<(Period, f64)>,
    target: &Target,
    met: Option<Period>,
    horizon_end: Option<Period>,
    status: Status,
) -> String {
    let Some((period, value)) = latest else {
        return format!(
            "{area} has no data for this trajectory: it needs {}.",
            kind.needs()
        );
    };
    let when = match (met, horizon_end) {
        (Some(p), _) if p == period => "the target is already met".to_string(),
        (Some(p), _) => format!("the forecast meets the target in {}", p.label()),
        (None, Some(h)) => format!("the forecast does not meet the target by {}", h.label()),
        (None, None) => "there is no forecast".to_string(),
    };
    format!(
        "{area}: {:.1} ({}) in {} against a target of {:.1} by {}; {when}: {}.",
        value,
        kind.unit_label(),
        period.label(),
        target.target_value,
        end_month(target.target_period).label(),
        status.label()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_with_no_figures_expects_nothing() {
        let w = crate::default_data::leicester_city();
        // No practice reaches back to 2019 in the practice files: nothing to judge.
        let card = trajectory_card(
            &w,
            TrajectoryKind::AppointmentsVs2019,
            &w.practices[0].code,
            &ForecastSettings::default(),
        );
        assert_eq!(card.status, Status::NoData);
        assert!(card.actual.is_empty());
        assert_eq!(card.expectation(), "No figures to judge against the target");
    }
    use crate::aggregate::CITY_CODE;
    use crate::default_data::illustrative_city;

    fn m(year: i32, month: u8) -> Period {
        Period::Month { year, month }
    }

    fn target(baseline: f64, value: f64, by: Period) -> Target {
        Target {
            indicator_id: "x".into(),
            area: TargetArea::All,
            baseline_period: m(2022, 4),
            baseline_value: Some(baseline),
            target_value: value,
            target_period: by,
        }
    }

    #[test]
    fn gaps_are_what_the_series_usual_step_skips() {
        // Monthly to Aug 2021, then from Mar 2023: Sep 2021 – Feb 2023 is missing.
        let monthly: Vec<(Period, f64)> = (0..6)
            .map(|i| (m(2021, 3).add_months(i), 1.0))
            .chain((0..6).map(|i| (m(2023, 3).add_months(i), 1.0)))
            .collect();
        assert_eq!(usual_step(&monthly), Some(1));
        assert_eq!(gaps(&monthly), vec![(m(2021, 9), m(2023, 2))]);
        // A quarterly census is not full of gaps; a missing quarter is one.
        let quarterly: Vec<(Period, f64)> =
            [m(2019, 3), m(2019, 6), m(2019, 9), m(2020, 3), m(2020, 6)]
                .iter()
                .map(|&p| (p, 1.0))
                .collect();
        assert_eq!(usual_step(&quarterly), Some(3));
        assert_eq!(gaps(&quarterly), vec![(m(2019, 12), m(2019, 12))]);
        assert!(gaps(&monthly[..1]).is_empty() && usual_step(&[]).is_none());
    }

    #[test]
    fn the_default_breaks_its_appointments_line_and_forecasts_after_the_break() {
        // The sub-ICB series runs to Aug 2021, the sum of practices from Mar 2023.
        let w = crate::default_data::leicester_city();
        let card = trajectory_card(
            &w,
            TrajectoryKind::AppointmentsVs2019,
            CITY_CODE,
            &ForecastSettings::default(),
        );
        assert_eq!(card.gaps, vec![(m(2021, 9), m(2023, 2))]);
        assert_eq!(card.source_changes, vec![m(2023, 3)]);
        // Fitted on its last 24 months, all after the break.
        assert_eq!(card.forecast_from, Some(m(2024, 6)));
        assert!(
            card.sentence
                .contains("No figures for Sep 2021 – Feb 2023; the line is broken there."),
            "{}",
            card.sentence
        );
        assert!(
            card.sentence.contains(
                "The forecast is fitted on Jun 2024 – May 2026 only: one source, no break."
            ),
            "{}",
            card.sentence
        );
    }

    #[test]
    fn glide_path_is_linear_month_by_month() {
        // 60 in Apr 2022 to 75 in Mar 2023: 11 steps of 15/11 = 1.3636…
        let g = glide_path((m(2022, 4), 60.0), (m(2023, 3), 75.0));
        assert_eq!(g.len(), 12);
        assert_eq!(g[0], (m(2022, 4), 60.0));
        assert!((g[1].1 - 61.363_636).abs() < 1e-6);
        assert_eq!(g[11], (m(2023, 3), 75.0));
        assert_eq!(glide_value(&g, m(2022, 3)), None);
        assert_eq!(glide_value(&g, m(2024, 1)), Some(75.0));
        // A financial-year baseline sits at its last month (Mar 2020).
        let fy = glide_path(
            (Period::FinancialYear { start_year: 2019 }, 0.0),
            (m(2020, 5), 2.0),
        );
        assert_eq!(fy[0].0, m(2020, 3));
        assert_eq!(fy[1].1, 1.0);
    }

    #[test]
    fn status_rule_on_constructed_series() {
        let t = target(60.0, 75.0, m(2023, 3));
        let g = glide_path((m(2022, 4), 60.0), (m(2023, 3), 75.0));
        // Oct 2022 is 6 steps in: 60 + 6 × 15/11 = 68.18.
        let oct = m(2022, 10);
        let glide = glide_value(&g, oct);
        assert!((glide.unwrap() - 68.181_818).abs() < 1e-5);
        let up = Polarity::HighIsGood;
        // 70 ≥ 68.18: on track.
        assert_eq!(
            status(Some((oct, 70.0)), glide, &t, None, up),
            Status::OnTrack
        );
        // 65 below the path, forecast meets 75 in Feb 2023 (≤ Mar 2023): at risk.
        assert_eq!(
            status(Some((oct, 65.0)), glide, &t, Some(m(2023, 2)), up),
            Status::AtRisk
        );
        // 65 below, forecast meets it only in Jun 2023: off track.
        assert_eq!(
            status(Some((oct, 65.0)), glide, &t, Some(m(2023, 6)), up),
            Status::OffTrack
        );
        assert_eq!(
            status(Some((oct, 65.0)), glide, &t, None, up),
            Status::OffTrack
        );
        // Lower is better: a backlog of 500 under a path value of 600 is on track.
        let b = target(1000.0, 0.0, m(2022, 12));
        assert_eq!(
            status(
                Some((oct, 500.0)),
                Some(600.0),
                &b,
                None,
                Polarity::LowIsGood
            ),
            Status::OnTrack
        );
        assert_eq!(
            status(None, None, &b, None, Polarity::LowIsGood),
            Status::NoData
        );
    }

    #[test]
    fn forecast_of_a_perfect_line_is_the_line() {
        // y = 10 + 0.5·(months since Apr 2021), 24 months: the forecast continues it
        // exactly, σ = 0, so the interval has no width.
        let history: Vec<(Period, f64)> = (0..24)
            .map(|i| (m(2021, 4).add_months(i), 10.0 + 0.5 * f64::from(i)))
            .collect();
        let f = forecast(
            &history,
            false,
            None,
            (f64::NEG_INFINITY, f64::INFINITY),
            &ForecastSettings::default(),
        );
        assert_eq!(f.len(), 24);
        assert_eq!(f[0].period, m(2023, 4));
        // Apr 2023 is month 24: 10 + 12 = 22.
        assert!((f[0].value - 22.0).abs() < 1e-9);
        assert!((f[0].upper - f[0].lower).abs() < 1e-6);
        // Meets 25 at month 30 = Oct 2023.
        assert_eq!(
            expected_met(history.last().copied(), &f, 25.0, Polarity::HighIsGood),
            Some(m(2023, 10))
        );
    }

    #[test]
    fn prediction_interval_matches_hand_calculation() {
        // Points (0,0), (1,2), (2,1), (3,3): x̄ = 1.5, ȳ = 1.5, Sxx = 5, Sxy = 4,
        // slope 0.8, intercept 0.3, residuals −0.3, 0.9, −0.9, 0.3: SSE = 1.8, σ = √0.9.
        let fit = fit_line(&[(0.0, 0.0), (1.0, 2.0), (2.0, 1.0), (3.0, 3.0)]).unwrap();
        assert!((fit.slope - 0.8).abs() < 1e-12 && (fit.intercept - 0.3).abs() < 1e-12);
        assert!((fit.residual_sd - 0.9f64.sqrt()).abs() < 1e-12);
        // At x = 4: t(0.975; 2) = 4.302653 × √0.9 × √(1 + 1/4 + 6.25/5) = 4.302653 × 0.948683 × 1.581139 = 6.4540
        let half = fit.prediction_half_width(4.0, 0.95);
        assert!((half - 6.4540).abs() < 1e-3, "{half}");
    }

    #[test]
    fn seasonal_factors_recover_a_constructed_pattern() {
        // Two financial years, levels 100 and 200, with factor 1.2 in January and
        // 0.8 in July (index 6), 1 elsewhere: mean factor = 1, so the factors come back.
        let pattern = |month: u8| match month {
            1 => 1.2,
            7 => 0.8,
            _ => 1.0,
        };
        let mut history = Vec::new();
        for (year, level) in [(2021, 100.0), (2022, 200.0)] {
            for i in 0..12 {
                let p = m(year, 4).add_months(i);
                history.push((p, level * pattern(p.start().1)));
            }
        }
        let f = seasonal_factors(&history, &ForecastSettings::default()).unwrap();
        assert!((f[0] - 1.2).abs() < 1e-12);
        assert!((f[6] - 0.8).abs() < 1e-12);
        assert!((f[3] - 1.0).abs() < 1e-12);
        // With the factors, a seasonal forecast of a flat level keeps the pattern.
        let flat: Vec<(Period, f64)> = history
            .iter()
            .map(|&(p, _)| (p, 100.0 * pattern(p.start().1)))
            .collect();
        let fc = forecast(
            &flat,
            true,
            None,
            (0.0, f64::INFINITY),
            &ForecastSettings::default(),
        );
        let jan = fc.iter().find(|f| f.period == m(2024, 1)).unwrap();
        assert!((jan.value - 120.0).abs() < 1e-9);
    }

    #[test]
    fn default_cards_for_the_city() {
        let w = illustrative_city();
        let cards = trajectory_cards(&w, CITY_CODE);
        assert_eq!(cards.len(), 8);
        for card in &cards {
            assert!(!card.actual.is_empty(), "{}", card.id);
            assert!(!card.forecast.is_empty(), "{}", card.id);
            assert!(!card.glide_path.is_empty(), "{}", card.id);
            assert_ne!(card.status, Status::NoData);
        }
        // Appointments are above 2019 levels in 2022/23 in the default.
        assert_eq!(cards[0].status, Status::OnTrack);
        let table = trajectory_table(&cards[1]);
        assert_eq!(table.rows.len(), 48 + 24);
        let scorecard = &cards[7];
        assert!(scorecard.actual.last().unwrap().1 <= 100.0);
        assert!(cards[0].sentence.starts_with(&format!("{}: ", w.place)));
        // A practice's card names it as people read it, not by its code.
        let practice = &w.practices[0];
        let card = trajectory_card(
            &w,
            TrajectoryKind::ALL[0],
            &practice.code,
            &ForecastSettings::default(),
        );
        let name = crate::summary::display_name(&practice.name);
        assert!(
            card.sentence.starts_with(&format!("{name}: ")),
            "{}",
            card.sentence
        );
    }
}
