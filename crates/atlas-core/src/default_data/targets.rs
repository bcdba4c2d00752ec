//! The paper's trajectory targets as [`Target`]s, used when a workspace has none of its
//! own for a trajectory (Leicester City Health and Wellbeing Board, April 2022,
//! "Primary Care Trajectories").
//!
//! Every default applies to all areas. The glide path starts at the paper's month,
//! April 2022, except where the trajectory is a change on 2019/20 (prevalence and GP
//! FTE), which start from the 2019/20 level. Where the paper names no number the
//! default states one and says it is illustrative:
//!
//! | trajectory | baseline period | target | by |
//! |---|---|---|---|
//! | (a) appointments vs 2019 | Apr 2022 | 100% of the 2019 level | Mar 2023 |
//! | (b) access standard | Apr 2022 | 75 per 1,000 per week | Mar 2023 |
//! | (c) LTC review backlog | Apr 2022 | 0 patients waiting (100% completed) | Dec 2022 (end of Q3 2022/23) |
//! | (d) targeted LTC prevalence | 2019/20 (= 0% change) | +5% on 2019/20 (illustrative) | Mar 2023 |
//! | (e) face to face | Apr 2022 | 50% | Mar 2023 |
//! | (f) CPCS participation | Apr 2022 | 100% of practices | Mar 2023 |
//! | (g) GP FTE | 2019/20 (= 0% change) | +2% on 2019/20 (illustrative) | Mar 2023 |
//! | (h) balanced scorecard | Apr 2022 | 100% of practices | Jun 2022 (end of Q1 2022/23) |

use crate::aggregate::CITY_CODE;
use crate::equity::default_equity_targets;
use crate::model::{Period, Target, TargetArea, Workspace};
use crate::trajectory::{actual_series, value_in, TrajectoryKind};

fn month(year: i32, month: u8) -> Period {
    Period::Month { year, month }
}

/// The paper's default target for a trajectory, for all areas, with the given
/// baseline value (the trajectory takes each area's own value at the baseline period).
pub fn paper_target(kind: TrajectoryKind, baseline_value: f64) -> Target {
    let april_2022 = month(2022, 4);
    let march_2023 = month(2023, 3);
    let fy_2019 = Period::FinancialYear { start_year: 2019 };
    let (baseline_period, target_value, target_period) = match kind {
        TrajectoryKind::AppointmentsVs2019 => (april_2022, 100.0, march_2023),
        TrajectoryKind::AccessStandard => (april_2022, 75.0, march_2023),
        TrajectoryKind::LtcBacklog => (april_2022, 0.0, month(2022, 12)),
        TrajectoryKind::LtcPrevalence => (fy_2019, 5.0, march_2023),
        TrajectoryKind::FaceToFace => (april_2022, 50.0, march_2023),
        TrajectoryKind::Cpcs => (april_2022, 100.0, march_2023),
        TrajectoryKind::GpFte => (fy_2019, 2.0, march_2023),
        TrajectoryKind::Scorecard => (april_2022, 100.0, month(2022, 6)),
    };
    Target {
        indicator_id: kind.id().to_string(),
        area: TargetArea::All,
        baseline_period,
        baseline_value: Some(baseline_value).filter(|v| v.is_finite()),
        target_value,
        target_period,
    }
}

/// All eight paper targets with the city's value at the baseline period as baseline
/// (0 when the city has no data then).
pub fn paper_targets(workspace: &Workspace) -> Vec<Target> {
    TrajectoryKind::ALL
        .iter()
        .map(|&kind| {
            let probe = paper_target(kind, 0.0);
            let city = actual_series(workspace, kind, CITY_CODE);
            let baseline = value_in(&city, probe.baseline_period).unwrap_or(0.0);
            paper_target(kind, baseline)
        })
        .collect()
}

/// The equity targets per PCN for the default: each equity indicator's 2021/22
/// baseline and a 2023/24 target that closes half the gap to the best PCN
/// ([`crate::equity::EQUITY_TARGET_RULE`]).
pub fn equity_targets(workspace: &Workspace) -> Vec<Target> {
    default_equity_targets(workspace)
}
