//! Per-patient scores: the Cambridge Multimorbidity Score and the electronic Frailty
//! Index, computed from a [`ConditionSet`].

use super::conditions::{CMS_CONDITIONS, CMS_COUNT, EFI_COUNT, EFI_DEFICITS};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The age from which the eFI and its categories apply: Clegg et al. developed and
/// validated it in patients aged 65–95, and NHS England uses it from 65.
pub const EFI_MIN_AGE: u8 = 65;

/// The conditions a patient has (or, for a file, the condition columns it has), one bit
/// each: bit `i` for `CMS_CONDITIONS[i]`, bit `20 + i` for `EFI_DEFICITS[i]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct ConditionSet(pub u64);

impl ConditionSet {
    /// No conditions.
    pub const EMPTY: ConditionSet = ConditionSet(0);

    /// Every CMS condition and every eFI deficit.
    pub const ALL: ConditionSet = ConditionSet((1u64 << (CMS_COUNT + EFI_COUNT)) - 1);

    /// The bit of `CMS_CONDITIONS[index]`.
    pub const fn cms_bit(index: usize) -> u64 {
        1u64 << index
    }

    /// The bit of `EFI_DEFICITS[index]`.
    pub const fn efi_bit(index: usize) -> u64 {
        1u64 << (CMS_COUNT + index)
    }

    /// True when the CMS condition `CMS_CONDITIONS[index]` is in the set.
    pub fn has_cms(&self, index: usize) -> bool {
        index < CMS_COUNT && self.0 & Self::cms_bit(index) != 0
    }

    /// True when the eFI deficit `EFI_DEFICITS[index]` is in the set.
    pub fn has_efi(&self, index: usize) -> bool {
        index < EFI_COUNT && self.0 & Self::efi_bit(index) != 0
    }

    /// The set with one more CMS condition.
    pub fn with_cms(self, index: usize) -> ConditionSet {
        ConditionSet(self.0 | Self::cms_bit(index))
    }

    /// The set with one more eFI deficit.
    pub fn with_efi(self, index: usize) -> ConditionSet {
        ConditionSet(self.0 | Self::efi_bit(index))
    }

    /// The bits of the CMS conditions only.
    pub fn cms_part(&self) -> u64 {
        self.0 & ((1u64 << CMS_COUNT) - 1)
    }

    /// The bits of the eFI deficits only (shifted down to start at bit 0).
    pub fn efi_part(&self) -> u64 {
        (self.0 >> CMS_COUNT) & ((1u64 << EFI_COUNT) - 1)
    }
}

/// The Cambridge Multimorbidity Score of a set of conditions, in hundredths:
/// `CMS = Σ wᵢ` over the CMS conditions present, with wᵢ the general-outcome weights of
/// Payne et al., CMAJ 2020 (see [`CMS_CONDITIONS`]). Kept in whole hundredths so that
/// ties are exact; divide by 100 for the score.
pub fn cms_hundredths(conditions: ConditionSet) -> u32 {
    let mut bits = conditions.cms_part();
    let mut total = 0;
    while bits != 0 {
        let index = bits.trailing_zeros() as usize;
        total += CMS_CONDITIONS[index].weight_hundredths;
        bits &= bits - 1;
    }
    total
}

/// The number of eFI deficits present (0–36), Clegg et al., Age and Ageing 2016.
pub fn efi_deficits(conditions: ConditionSet) -> u8 {
    // At most 36 bits are set, so the count fits in a u8.
    conditions.efi_part().count_ones() as u8
}

/// The eFI category, from the number of deficits present (Clegg et al. 2016: fit up to
/// 0.12, mild up to 0.24, moderate up to 0.36, severe above; in whole deficits out of
/// 36: fit 0–4, mild 5–8, moderate 9–12, severe 13 or more).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EfiCategory {
    /// 0–4 deficits.
    Fit,
    /// 5–8 deficits.
    Mild,
    /// 9–12 deficits.
    Moderate,
    /// 13 or more deficits.
    Severe,
}

impl EfiCategory {
    /// Every category, from fit to severe.
    pub const ALL: [EfiCategory; 4] = [
        EfiCategory::Fit,
        EfiCategory::Mild,
        EfiCategory::Moderate,
        EfiCategory::Severe,
    ];

    /// The category of a number of deficits: 0–4 fit, 5–8 mild, 9–12 moderate, 13+
    /// severe.
    pub fn from_deficits(deficits: u8) -> EfiCategory {
        match deficits {
            0..=4 => EfiCategory::Fit,
            5..=8 => EfiCategory::Mild,
            9..=12 => EfiCategory::Moderate,
            _ => EfiCategory::Severe,
        }
    }

    /// The category's name in lower case, as the CSV output writes it (`fit`, `mild`,
    /// `moderate`, `severe`).
    pub fn as_str(&self) -> &'static str {
        match self {
            EfiCategory::Fit => "fit",
            EfiCategory::Mild => "mild",
            EfiCategory::Moderate => "moderate",
            EfiCategory::Severe => "severe",
        }
    }

    /// True for moderate and severe frailty, the frailty side of the cohort.
    pub fn is_moderate_or_severe(&self) -> bool {
        matches!(self, EfiCategory::Moderate | EfiCategory::Severe)
    }
}

impl fmt::Display for EfiCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One patient's scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PatientScore {
    /// The CMS in hundredths ([`cms_hundredths`]).
    pub cms_hundredths: u32,
    /// eFI deficits present, 0–36 ([`efi_deficits`]).
    pub efi_deficits: u8,
    /// The eFI category, for patients aged [`EFI_MIN_AGE`] or over; `None` below, where
    /// the eFI was not validated.
    pub efi_category: Option<EfiCategory>,
}

impl PatientScore {
    /// Scores a patient of `age` with `conditions`.
    pub fn of(age: u8, conditions: ConditionSet) -> PatientScore {
        let deficits = efi_deficits(conditions);
        PatientScore {
            cms_hundredths: cms_hundredths(conditions),
            efi_deficits: deficits,
            efi_category: (age >= EFI_MIN_AGE).then(|| EfiCategory::from_deficits(deficits)),
        }
    }

    /// The Cambridge Multimorbidity Score: `cms_hundredths / 100`.
    pub fn cms(&self) -> f64 {
        f64::from(self.cms_hundredths) / 100.0
    }

    /// The electronic Frailty Index: deficits present / 36 (Clegg et al. 2016). Always
    /// over 36, also when some deficit columns were missing from the file.
    pub fn efi(&self) -> f64 {
        f64::from(self.efi_deficits) / EFI_COUNT as f64
    }

    /// True for patients aged 65 or over with moderate or severe frailty.
    pub fn is_moderately_or_severely_frail(&self) -> bool {
        self.efi_category
            .is_some_and(|category| category.is_moderate_or_severe())
    }
}

/// The CMS formatted with its two published decimals (`1.53`).
pub fn format_cms(hundredths: u32) -> String {
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// Names of the condition columns of `set` (CMS then eFI), for messages.
pub fn column_names(set: ConditionSet) -> Vec<&'static str> {
    let cms = (0..CMS_COUNT)
        .filter(|&i| set.has_cms(i))
        .map(|i| CMS_CONDITIONS[i].column);
    let efi = (0..EFI_COUNT)
        .filter(|&i| set.has_efi(i))
        .map(|i| EFI_DEFICITS[i].column);
    cms.chain(efi).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_conditions_scores_zero() {
        let score = PatientScore::of(80, ConditionSet::EMPTY);
        assert_eq!(score.cms_hundredths, 0);
        assert_eq!(score.cms(), 0.0);
        assert_eq!(score.efi_deficits, 0);
        assert_eq!(score.efi(), 0.0);
        assert_eq!(score.efi_category, Some(EfiCategory::Fit));
    }

    #[test]
    fn each_single_condition_scores_its_weight() {
        for (index, condition) in CMS_CONDITIONS.iter().enumerate() {
            let set = ConditionSet::EMPTY.with_cms(index);
            assert_eq!(
                cms_hundredths(set),
                condition.weight_hundredths,
                "{}",
                condition.column
            );
            assert_eq!(efi_deficits(set), 0, "a CMS column is no eFI deficit");
        }
        for index in 0..EFI_COUNT {
            let set = ConditionSet::EMPTY.with_efi(index);
            assert_eq!(efi_deficits(set), 1);
            assert_eq!(
                cms_hundredths(set),
                0,
                "an eFI column adds nothing to the CMS"
            );
            let score = PatientScore::of(70, set);
            assert!((score.efi() - 1.0 / 36.0).abs() < 1e-15);
        }
    }

    #[test]
    fn a_multimorbid_patient_scores_the_sum() {
        // Dementia 2.50 + heart failure 1.18 + diabetes 0.75 + hypertension 0.08 = 4.51.
        let column = |name: &str| {
            CMS_CONDITIONS
                .iter()
                .position(|c| c.column == name)
                .unwrap()
        };
        let set = [
            "cms_dementia",
            "cms_heart_failure",
            "cms_diabetes",
            "cms_hypertension",
        ]
        .iter()
        .fold(ConditionSet::EMPTY, |set, name| set.with_cms(column(name)));
        let score = PatientScore::of(84, set);
        assert_eq!(score.cms_hundredths, 451);
        assert_eq!(format_cms(score.cms_hundredths), "4.51");
        assert!((score.cms() - 4.51).abs() < 1e-12);
        let everything = PatientScore::of(90, ConditionSet::ALL);
        assert_eq!(everything.cms_hundredths, 1633);
        assert_eq!(everything.efi_deficits, 36);
        assert_eq!(everything.efi(), 1.0);
        assert_eq!(everything.efi_category, Some(EfiCategory::Severe));
    }

    #[test]
    fn efi_category_boundaries() {
        use EfiCategory::*;
        for (deficits, category) in [
            (0, Fit),
            (4, Fit),
            (5, Mild),
            (8, Mild),
            (9, Moderate),
            (12, Moderate),
            (13, Severe),
            (36, Severe),
        ] {
            assert_eq!(EfiCategory::from_deficits(deficits), category, "{deficits}");
        }
        // The same boundaries, reached through patients' deficit columns.
        let with = |n: usize| (0..n).fold(ConditionSet::EMPTY, |s, i| s.with_efi(i));
        assert_eq!(PatientScore::of(65, with(4)).efi_category, Some(Fit));
        assert_eq!(PatientScore::of(65, with(5)).efi_category, Some(Mild));
        assert_eq!(PatientScore::of(65, with(8)).efi_category, Some(Mild));
        assert_eq!(PatientScore::of(65, with(9)).efi_category, Some(Moderate));
        assert_eq!(PatientScore::of(65, with(12)).efi_category, Some(Moderate));
        assert_eq!(PatientScore::of(65, with(13)).efi_category, Some(Severe));
    }

    #[test]
    fn efi_category_applies_from_65() {
        let set = (0..13).fold(ConditionSet::EMPTY, |s, i| s.with_efi(i));
        assert_eq!(PatientScore::of(64, set).efi_category, None);
        assert!(!PatientScore::of(64, set).is_moderately_or_severely_frail());
        assert!(PatientScore::of(65, set).is_moderately_or_severely_frail());
    }
}
