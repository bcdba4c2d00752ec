//! Risk stratification: who in a registered population carries the most disease burden,
//! and who is moderately or severely frail, from a practice's own anonymised extract.
//!
//! - [`conditions`]: the 20 Cambridge Multimorbidity Score conditions with their
//!   general-outcome weights and the 36 electronic Frailty Index deficits, with sources.
//! - [`score`]: per-patient CMS and eFI.
//! - [`cohort`]: the top N% by CMS and/or moderate or severe frailty, with rates per
//!   practice and PCN, distributions, overlap and condition mix.
//! - [`patients`]: the canonical patient-level file and its reader, which refuses
//!   files carrying direct identifiers.
//! - [`pieces`]: a large patient file read as pieces in several workers, then put
//!   together into what reading it whole gives.
//! - [`synthetic`]: a deterministic synthetic population in that schema.
//!
//! Everything here runs where it is called (in the browser, on the clinician's device);
//! nothing is sent anywhere. Aggregates meant for display pass through
//! [`crate::disclosure::suppress_small`].

#![warn(missing_docs)]

pub mod cohort;
pub mod conditions;
pub mod patients;
pub mod pieces;
pub mod score;
pub mod synthetic;
pub mod view;

pub use cohort::{
    cms_cohort, score_patients, summarise, CohortRule, CohortSummary, MissingColumns, RiskError,
    Scores, TopPercent,
};
pub use conditions::{CmsCondition, EfiDeficit, CMS_CONDITIONS, EFI_DEFICITS};
pub use patients::{read_patients, PatientTable};
pub use score::{ConditionSet, EfiCategory, PatientScore};

/// What the Risk page states about where the patient file went. True of everything in
/// this module: it reads, scores and summarises in the memory of the process that calls
/// it, and sends nothing anywhere.
pub const ON_DEVICE_STATEMENT: &str = "Your file was read and scored on this device only. It was not uploaded: no patient data left this browser, and it is gone when you close or reload the page.";

/// The two-sided 95% normal quantile, z = Φ⁻¹(0.975).
use crate::stats::Z_95;

/// The 95% Wilson score interval of k/n as (lower, upper) proportions, from
/// [`crate::stats::ci::wilson`]; `None` when `n` is 0.
fn wilson(k: u64, n: u64) -> Option<(f64, f64)> {
    crate::stats::ci::wilson(k as f64, n as f64, Z_95)
        .ok()
        .map(|i| (i.lower, i.upper))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_reference_values() {
        // 10 of 100: 0.0552 to 0.1744 (Newcombe 1998, Table I style; also Fingertips).
        let (lower, upper) = wilson(10, 100).unwrap();
        assert!((lower - 0.055_229).abs() < 1e-5, "{lower}");
        assert!((upper - 0.174_366).abs() < 1e-5, "{upper}");
        // 0 of 10: lower bound 0, upper 0.2775.
        let (lower, upper) = wilson(0, 10).unwrap();
        assert_eq!(lower, 0.0);
        assert!((upper - 0.277_533).abs() < 1e-5, "{upper}");
        // All of them: upper bound 1.
        let (_, upper) = wilson(10, 10).unwrap();
        assert_eq!(upper, 1.0);
        assert_eq!(wilson(0, 0), None);
    }
}
