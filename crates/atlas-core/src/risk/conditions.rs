//! The conditions the two scores count, their column names in the canonical patient
//! file, their weights, and where each comes from.
//!
//! # Cambridge Multimorbidity Score (CMS)
//!
//! Payne RA, Mendonca SC, Elliott MN, Saunders CL, Edwards DA, Marshall M, Roland M.
//! *Development and validation of the Cambridge Multimorbidity Score.* CMAJ
//! 2020;192(5):E107–E114. doi:10.1503/cmaj.190757.
//!
//! The paper models 37 conditions against three outcomes (primary care consultations,
//! unplanned admission, death) and builds a *general-outcome* score by averaging the
//! standardised outcome weights; its primary scores keep the 20 conditions with the
//! greatest combined prevalence and weight. [`CMS_CONDITIONS`] holds those 20 conditions
//! with their general-outcome weights.
//!
//! **Provenance of the weights.** The weights table is in the paper's appendix, which
//! could not be read from where this code was written. The 20 values below are the ones
//! given identically by two independent public implementations: an R function named as
//! the *general* Cambridge Multimorbidity Score in code accompanying a Cambridge latent
//! class analysis of multimorbid patients in UK general practice (2019), and an ehrQL
//! (OpenSAFELY) study definition that computes the CMS with the same 20 weights. They are
//! given to two decimal places, as published; nothing here adds precision. Check them
//! against the paper's appendix before clinical use (see `PATIENTS.md`).
//!
//! # Electronic Frailty Index (eFI)
//!
//! Clegg A, Bates C, Young J, Ryan R, Nichols L, Teale EA, Mohammed MA, Parry J,
//! Marshall T. *Development and validation of an electronic frailty index using routine
//! primary care electronic health record data.* Age and Ageing 2016;45(3):353–360.
//! doi:10.1093/ageing/afw039.
//!
//! [`EFI_DEFICITS`] is the paper's Box 1, "List of 36 deficits contained in the eFI", in
//! its order. Each deficit counts 1; the score is deficits present / 36. The categories
//! (fit, mild, moderate, severe) are the paper's population-quartile cut points
//! (0.12, 0.24, 0.36), which in whole deficits are 0–4, 5–8, 9–12 and 13 or more.
//! The eFI was developed and validated in patients aged 65–95.

/// One condition of the Cambridge Multimorbidity Score, with its general-outcome weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CmsCondition {
    /// The 0/1 column in the canonical patient file (lower case, snake case).
    pub column: &'static str,
    /// The condition as Payne et al. name it.
    pub label: &'static str,
    /// The general-outcome weight in hundredths (the paper gives two decimals), so that
    /// sums and ties are exact: 0.65 is stored as 65.
    pub weight_hundredths: u32,
}

impl CmsCondition {
    /// The general-outcome weight as a number (`weight_hundredths / 100`).
    pub fn weight(&self) -> f64 {
        f64::from(self.weight_hundredths) / 100.0
    }
}

/// One deficit of the electronic Frailty Index. Each counts 1 when present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EfiDeficit {
    /// The 0/1 column in the canonical patient file (lower case, snake case).
    pub column: &'static str,
    /// The deficit as Clegg et al. name it (Box 1).
    pub label: &'static str,
}

/// Number of CMS conditions (the 20-condition primary score).
pub const CMS_COUNT: usize = 20;

/// Number of eFI deficits: the denominator of the eFI.
pub const EFI_COUNT: usize = 36;

// Every condition of both scores fits in one u64 bit set.
const _: () = assert!(CMS_COUNT + EFI_COUNT <= 64);

/// The 20 CMS conditions with their general-outcome weights (Payne et al., CMAJ 2020;
/// see the module documentation for how each weight was checked). Index `i` is bit `i`
/// of a [`ConditionSet`](super::ConditionSet).
#[rustfmt::skip]
pub const CMS_CONDITIONS: [CmsCondition; CMS_COUNT] = [
    // General-outcome weight 0.65 (Payne 2020, 20-condition general-outcome score).
    CmsCondition { column: "cms_alcohol_problems", label: "Alcohol problems", weight_hundredths: 65 },
    // 0.50. Anxiety and depression are one condition in the 20-condition score.
    CmsCondition { column: "cms_anxiety_depression", label: "Anxiety or depression", weight_hundredths: 50 },
    // 0.19.
    CmsCondition { column: "cms_asthma", label: "Asthma (currently treated)", weight_hundredths: 19 },
    // 1.34.
    CmsCondition { column: "cms_atrial_fibrillation", label: "Atrial fibrillation", weight_hundredths: 134 },
    // 1.53.
    CmsCondition { column: "cms_cancer", label: "Cancer (new diagnosis in the last five years)", weight_hundredths: 153 },
    // 0.53.
    CmsCondition { column: "cms_chronic_kidney_disease", label: "Chronic kidney disease", weight_hundredths: 53 },
    // 0.43.
    CmsCondition {
        column: "cms_connective_tissue_disorder",
        label: "Rheumatoid arthritis, other inflammatory polyarthropathies and systemic connective tissue disorders",
        weight_hundredths: 43,
    },
    // 1.12.
    CmsCondition { column: "cms_constipation", label: "Constipation (treated)", weight_hundredths: 112 },
    // 1.46.
    CmsCondition { column: "cms_copd", label: "Chronic obstructive pulmonary disease", weight_hundredths: 146 },
    // 0.49.
    CmsCondition { column: "cms_coronary_heart_disease", label: "Coronary heart disease", weight_hundredths: 49 },
    // 2.50: the largest weight.
    CmsCondition { column: "cms_dementia", label: "Dementia", weight_hundredths: 250 },
    // 0.75.
    CmsCondition { column: "cms_diabetes", label: "Diabetes", weight_hundredths: 75 },
    // 0.92.
    CmsCondition { column: "cms_epilepsy", label: "Epilepsy (currently treated)", weight_hundredths: 92 },
    // 0.09.
    CmsCondition { column: "cms_hearing_loss", label: "Hearing loss", weight_hundredths: 9 },
    // 1.18.
    CmsCondition { column: "cms_heart_failure", label: "Heart failure", weight_hundredths: 118 },
    // 0.08: the smallest weight.
    CmsCondition { column: "cms_hypertension", label: "Hypertension", weight_hundredths: 8 },
    // 0.21.
    CmsCondition { column: "cms_irritable_bowel_syndrome", label: "Irritable bowel syndrome", weight_hundredths: 21 },
    // 0.92.
    CmsCondition { column: "cms_painful_condition", label: "Painful condition", weight_hundredths: 92 },
    // 0.64.
    CmsCondition {
        column: "cms_schizophrenia_bipolar",
        label: "Schizophrenia (and related non-organic psychosis) or bipolar disorder",
        weight_hundredths: 64,
    },
    // 0.80.
    CmsCondition { column: "cms_stroke_tia", label: "Stroke or transient ischaemic attack", weight_hundredths: 80 },
];

/// The 36 eFI deficits, Clegg et al. (Age and Ageing 2016), Box 1, in its order. Index
/// `i` is bit `20 + i` of a [`ConditionSet`](super::ConditionSet).
#[rustfmt::skip]
pub const EFI_DEFICITS: [EfiDeficit; EFI_COUNT] = [
    EfiDeficit { column: "efi_activity_limitation", label: "Activity limitation" },
    EfiDeficit { column: "efi_anaemia", label: "Anaemia and haematinic deficiency" },
    EfiDeficit { column: "efi_arthritis", label: "Arthritis" },
    EfiDeficit { column: "efi_atrial_fibrillation", label: "Atrial fibrillation" },
    EfiDeficit { column: "efi_cerebrovascular_disease", label: "Cerebrovascular disease" },
    EfiDeficit { column: "efi_chronic_kidney_disease", label: "Chronic kidney disease" },
    EfiDeficit { column: "efi_diabetes", label: "Diabetes" },
    EfiDeficit { column: "efi_dizziness", label: "Dizziness" },
    EfiDeficit { column: "efi_dyspnoea", label: "Dyspnoea" },
    EfiDeficit { column: "efi_falls", label: "Falls" },
    EfiDeficit { column: "efi_foot_problems", label: "Foot problems" },
    EfiDeficit { column: "efi_fragility_fracture", label: "Fragility fracture" },
    EfiDeficit { column: "efi_hearing_impairment", label: "Hearing impairment" },
    EfiDeficit { column: "efi_heart_failure", label: "Heart failure" },
    EfiDeficit { column: "efi_heart_valve_disease", label: "Heart valve disease" },
    EfiDeficit { column: "efi_housebound", label: "Housebound" },
    EfiDeficit { column: "efi_hypertension", label: "Hypertension" },
    EfiDeficit { column: "efi_hypotension_syncope", label: "Hypotension/syncope" },
    EfiDeficit { column: "efi_ischaemic_heart_disease", label: "Ischaemic heart disease" },
    EfiDeficit { column: "efi_memory_cognitive_problems", label: "Memory and cognitive problems" },
    EfiDeficit { column: "efi_mobility_transfer_problems", label: "Mobility and transfer problems" },
    EfiDeficit { column: "efi_osteoporosis", label: "Osteoporosis" },
    EfiDeficit { column: "efi_parkinsonism_tremor", label: "Parkinsonism and tremor" },
    EfiDeficit { column: "efi_peptic_ulcer", label: "Peptic ulcer" },
    EfiDeficit { column: "efi_peripheral_vascular_disease", label: "Peripheral vascular disease" },
    EfiDeficit { column: "efi_polypharmacy", label: "Polypharmacy" },
    EfiDeficit { column: "efi_requirement_for_care", label: "Requirement for care" },
    EfiDeficit { column: "efi_respiratory_disease", label: "Respiratory disease" },
    EfiDeficit { column: "efi_skin_ulcer", label: "Skin ulcer" },
    EfiDeficit { column: "efi_sleep_disturbance", label: "Sleep disturbance" },
    EfiDeficit { column: "efi_social_vulnerability", label: "Social vulnerability" },
    EfiDeficit { column: "efi_thyroid_disease", label: "Thyroid disease" },
    EfiDeficit { column: "efi_urinary_incontinence", label: "Urinary incontinence" },
    EfiDeficit { column: "efi_urinary_system_disease", label: "Urinary system disease" },
    EfiDeficit { column: "efi_visual_impairment", label: "Visual impairment" },
    EfiDeficit { column: "efi_weight_loss_anorexia", label: "Weight loss and anorexia" },
];

/// Every condition column of the canonical file, CMS first then eFI: position `i` is
/// bit `i` of a [`ConditionSet`](super::ConditionSet).
pub fn condition_columns() -> impl Iterator<Item = &'static str> {
    CMS_CONDITIONS
        .iter()
        .map(|c| c.column)
        .chain(EFI_DEFICITS.iter().map(|d| d.column))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each general-outcome weight, one by one, against the published two-decimal value.
    #[test]
    fn each_cms_weight_is_the_published_general_outcome_weight() {
        let expected: [(&str, f64); CMS_COUNT] = [
            ("cms_alcohol_problems", 0.65),
            ("cms_anxiety_depression", 0.50),
            ("cms_asthma", 0.19),
            ("cms_atrial_fibrillation", 1.34),
            ("cms_cancer", 1.53),
            ("cms_chronic_kidney_disease", 0.53),
            ("cms_connective_tissue_disorder", 0.43),
            ("cms_constipation", 1.12),
            ("cms_copd", 1.46),
            ("cms_coronary_heart_disease", 0.49),
            ("cms_dementia", 2.50),
            ("cms_diabetes", 0.75),
            ("cms_epilepsy", 0.92),
            ("cms_hearing_loss", 0.09),
            ("cms_heart_failure", 1.18),
            ("cms_hypertension", 0.08),
            ("cms_irritable_bowel_syndrome", 0.21),
            ("cms_painful_condition", 0.92),
            ("cms_schizophrenia_bipolar", 0.64),
            ("cms_stroke_tia", 0.80),
        ];
        for (condition, (column, weight)) in CMS_CONDITIONS.iter().zip(expected) {
            assert_eq!(condition.column, column);
            assert!((condition.weight() - weight).abs() < 1e-12, "{column}");
        }
        let total: u32 = CMS_CONDITIONS.iter().map(|c| c.weight_hundredths).sum();
        assert_eq!(total, 1633, "all 20 conditions sum to 16.33");
    }

    #[test]
    fn there_are_36_distinct_efi_deficits_and_all_columns_are_distinct() {
        let mut columns: Vec<&str> = condition_columns().collect();
        assert_eq!(columns.len(), CMS_COUNT + EFI_COUNT);
        columns.sort_unstable();
        columns.dedup();
        assert_eq!(columns.len(), CMS_COUNT + EFI_COUNT);
        for column in condition_columns() {
            assert!(column
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'));
        }
    }
}
