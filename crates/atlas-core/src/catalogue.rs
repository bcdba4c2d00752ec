//! The indicator ids the engine knows by name. The embedded default and every reader of
//! national publications use these ids, so that the pages work the same on both.

/// Appointments attended face to face in the month.
pub const APPOINTMENTS_FACE_TO_FACE: &str = "appointments_face_to_face";
/// Appointments by telephone in the month.
pub const APPOINTMENTS_TELEPHONE: &str = "appointments_telephone";
/// Appointments by video or online in the month.
pub const APPOINTMENTS_VIDEO_ONLINE: &str = "appointments_video_online";
/// Home visits in the month.
pub const APPOINTMENTS_HOME_VISIT: &str = "appointments_home_visit";
/// Appointments with a GP in the month (any mode).
pub const APPOINTMENTS_GP: &str = "appointments_gp";
/// Appointments with other practice staff in the month (any mode).
pub const APPOINTMENTS_OTHER_STAFF: &str = "appointments_other_staff";
/// Full-time-equivalent GPs in post.
pub const GP_FTE: &str = "gp_fte";

/// The four appointment modes, which add up to all appointments.
pub const APPOINTMENT_MODES: [&str; 4] = [
    APPOINTMENTS_FACE_TO_FACE,
    APPOINTMENTS_TELEPHONE,
    APPOINTMENTS_VIDEO_ONLINE,
    APPOINTMENTS_HOME_VISIT,
];

/// All appointments in the month: every mode, status and staff type.
pub const APPOINTMENTS_TOTAL: &str = "appointments_total";
/// Appointments the patient did not attend (DNA) in the month.
pub const APPOINTMENTS_DNA: &str = "appointments_dna";
/// Patients registered at the practices included in Appointments in General Practice
/// in the month, for an area (its coverage file): the list NHS England counts an area's
/// appointments against.
pub const APPOINTMENTS_COVERAGE_PATIENTS: &str = "appointments_coverage_patients";
/// Full-time-equivalent nurses in post.
pub const NURSES_FTE: &str = "nurses_fte";
/// Full-time-equivalent direct patient care staff in post.
pub const DPC_FTE: &str = "dpc_fte";
/// Full-time-equivalent administrative staff in post.
pub const ADMIN_FTE: &str = "admin_fte";

/// Fully qualified GPs (full-time equivalent, trainees left out) per 10,000 registered
/// patients: numerator the fully qualified GP FTE, denominator the registered patients,
/// as General Practice Workforce counts both at the census. Unlike all-GP FTE
/// ([`GP_FTE`]) it has no break in 2018, when the census's coverage of GP trainees
/// changed.
pub const GP_FTE_FQ_PER_10K: &str = "gp_fte_fq_per_10k";

/// GP Patient Survey: respondents describing their overall experience of the practice
/// as good (very or fairly good), as a percentage of those answering. A sample-survey
/// estimate, given as a value only.
pub const GPPS_OVERALL_EXPERIENCE_GOOD: &str = "gpps_overall_experience_good";
/// GP Patient Survey: respondents finding it easy to get through to the practice on the
/// phone, as a percentage of those answering (a value only).
pub const GPPS_PHONE_EASY: &str = "gpps_phone_easy";
/// GP Patient Survey: respondents with a preferred GP who usually get to see or speak to
/// them, as a percentage of those answering (a value only).
pub const GPPS_CONTINUITY: &str = "gpps_continuity";

/// NHS payments to the practice in the financial year per registered patient (£).
pub const PAYMENTS_PER_PATIENT: &str = "payments_per_patient";
/// NHS payments to the practice in the financial year per weighted patient (£): the
/// list weighted by the Carr-Hill formula for age, need and rurality.
pub const PAYMENTS_PER_WEIGHTED_PATIENT: &str = "payments_per_weighted_patient";

/// The prefix of a PCN staff group's full-time-equivalent indicator id, as in
/// `pcn_staff_fte_clinical_pharmacists`.
pub const PCN_STAFF_FTE_PREFIX: &str = "pcn_staff_fte_";
/// Full-time-equivalent staff employed by the PCN, every role.
pub const PCN_STAFF_FTE_TOTAL: &str = "pcn_staff_fte_total";

/// The role groups of the PCN workforce publication: the word in the indicator id, the
/// name, and whether it is one of the additional roles the paper asks every PCN to make
/// the most of (directors, managers and administrators are not).
pub const PCN_ROLE_GROUPS: [(&str, &str, bool); 15] = [
    (
        "clinical_pharmacists",
        "Clinical pharmacists (with advanced pharmacist practitioners)",
        true,
    ),
    ("pharmacy_technicians", "Pharmacy technicians", true),
    (
        "social_prescribing_link_workers",
        "Social prescribing link workers",
        true,
    ),
    ("care_coordinators", "Care coordinators", true),
    (
        "health_and_wellbeing_coaches",
        "Health and wellbeing coaches",
        true,
    ),
    ("physician_associates", "Physician associates", true),
    (
        "physiotherapists",
        "First contact physiotherapists (with advanced practitioners)",
        true,
    ),
    (
        "paramedics",
        "Paramedics (with advanced paramedic practitioners)",
        true,
    ),
    (
        "nursing_associates",
        "Nursing associates and trainee nursing associates",
        true,
    ),
    (
        "dietitians",
        "Dietitians (with advanced practitioners)",
        true,
    ),
    (
        "podiatrists",
        "Podiatrists (with advanced practitioners)",
        true,
    ),
    (
        "occupational_therapists",
        "Occupational therapists (with advanced practitioners)",
        true,
    ),
    (
        "other_direct_patient_care",
        "Other direct patient care staff",
        true,
    ),
    ("directors", "Clinical and other directors", false),
    (
        "admin_and_managers",
        "Managers and administrative staff",
        false,
    ),
];

/// The indicator id of a PCN role group's FTE: `care_coordinators` gives
/// `pcn_staff_fte_care_coordinators`.
pub fn pcn_staff_fte_id(group: &str) -> String {
    format!("{PCN_STAFF_FTE_PREFIX}{group}")
}

/// The prefix of a QOF register's indicator id, as in `register_diabetes`.
pub const REGISTER_PREFIX: &str = "register_";

/// QOF disease group codes and the word used in their register's indicator id and name.
/// The default uses the same words, so uploads of QOF prevalence meet its pages.
pub const QOF_GROUPS: [(&str, &str, &str); 21] = [
    ("AF", "af", "Atrial fibrillation"),
    ("AST", "asthma", "Asthma"),
    ("CAN", "cancer", "Cancer"),
    ("CHD", "chd", "Coronary heart disease"),
    ("CKD", "ckd", "Chronic kidney disease (aged 18+)"),
    ("COPD", "copd", "COPD"),
    ("DEM", "dementia", "Dementia"),
    ("DEP", "depression", "Depression (aged 18+)"),
    ("DM", "diabetes", "Diabetes (aged 17+)"),
    ("EP", "epilepsy", "Epilepsy (aged 18+)"),
    ("HF", "heart_failure", "Heart failure"),
    ("HYP", "hypertension", "Hypertension"),
    ("LD", "learning_disability", "Learning disability"),
    ("MH", "smi", "Serious mental illness"),
    ("NDH", "ndh", "Non-diabetic hyperglycaemia (aged 18+)"),
    ("OB", "obesity", "Obesity (aged 18+)"),
    ("OST", "osteoporosis", "Osteoporosis (aged 50+)"),
    ("PAD", "pad", "Peripheral arterial disease"),
    ("PC", "palliative_care", "Palliative care"),
    (
        "RA",
        "rheumatoid_arthritis",
        "Rheumatoid arthritis (aged 16+)",
    ),
    ("STIA", "stroke_tia", "Stroke and TIA"),
];

/// The indicator id of a QOF group's register: `DM` gives `register_diabetes`; a group
/// not in [`QOF_GROUPS`] gives `register_` and its code in lower case.
pub fn register_id(group_code: &str) -> String {
    let code = group_code.trim();
    let word = QOF_GROUPS
        .iter()
        .find(|(c, _, _)| c.eq_ignore_ascii_case(code))
        .map(|&(_, word, _)| word.to_string())
        .unwrap_or_else(|| code.to_lowercase());
    format!("{REGISTER_PREFIX}{word}")
}

/// Metadata of the indicators the readers of national files produce, so an upload
/// without a metadata file still has names, domains and units.
pub fn known_indicator(id: &str) -> Option<crate::model::Indicator> {
    use crate::model::{Domain, Indicator, Polarity, Unit};
    let make = |name: &str, domain, unit, polarity| Indicator {
        id: id.to_string(),
        name: name.to_string(),
        domain,
        unit,
        polarity,
        comparison: Default::default(),
    };
    let count = |name: &str| make(name, Domain::Access, Unit::Count, Polarity::NoJudgement);
    let fte = |name: &str| make(name, Domain::Workforce, Unit::Mean, Polarity::HighIsGood);
    Some(match id {
        APPOINTMENTS_FACE_TO_FACE => count("Appointments face to face"),
        APPOINTMENTS_TELEPHONE => count("Appointments by telephone"),
        APPOINTMENTS_VIDEO_ONLINE => count("Appointments by video or online"),
        APPOINTMENTS_HOME_VISIT => count("Home visits"),
        APPOINTMENTS_GP => count("Appointments with a GP"),
        APPOINTMENTS_OTHER_STAFF => count("Appointments with other practice staff"),
        APPOINTMENTS_TOTAL => count("All appointments"),
        APPOINTMENTS_COVERAGE_PATIENTS => {
            count("Patients registered at practices included in the appointments data")
        }
        APPOINTMENTS_DNA => make(
            "Appointments not attended (DNA)",
            Domain::Access,
            Unit::Count,
            Polarity::LowIsGood,
        ),
        GP_FTE => fte("GPs in post (full-time equivalent)"),
        NURSES_FTE => fte("Nurses in post (full-time equivalent)"),
        DPC_FTE => fte("Direct patient care staff in post (full-time equivalent)"),
        ADMIN_FTE => make(
            "Administrative staff in post (full-time equivalent)",
            Domain::Workforce,
            Unit::Mean,
            Polarity::NoJudgement,
        ),
        GP_FTE_FQ_PER_10K => make(
            "Fully qualified GP FTE per 10,000 registered patients",
            Domain::Workforce,
            Unit::Rate { per: 10_000.0 },
            Polarity::HighIsGood,
        ),
        GPPS_OVERALL_EXPERIENCE_GOOD => make(
            "Overall experience of the practice good (GP Patient Survey, %)",
            Domain::Quality,
            Unit::Proportion,
            Polarity::HighIsGood,
        ),
        GPPS_PHONE_EASY => make(
            "Easy to get through to the practice by phone (GP Patient Survey, %)",
            Domain::Access,
            Unit::Proportion,
            Polarity::HighIsGood,
        ),
        GPPS_CONTINUITY => make(
            "Usually see or speak to their preferred GP (GP Patient Survey, %)",
            Domain::Quality,
            Unit::Proportion,
            Polarity::HighIsGood,
        ),
        // Domain::Workforce: what a practice is paid is how it is resourced, the same
        // side of the scorecard as its staff; no direction is judged, as more money is
        // neither better nor worse by itself.
        PAYMENTS_PER_PATIENT => make(
            "NHS payments per registered patient (£)",
            Domain::Workforce,
            Unit::Mean,
            Polarity::NoJudgement,
        ),
        PAYMENTS_PER_WEIGHTED_PATIENT => make(
            "NHS payments per weighted patient (£)",
            Domain::Workforce,
            Unit::Mean,
            Polarity::NoJudgement,
        ),
        PCN_STAFF_FTE_TOTAL => make(
            "PCN staff, every role (full-time equivalent)",
            Domain::Workforce,
            Unit::Mean,
            // It counts managers and directors too, whom the paper does not ask for more of.
            Polarity::NoJudgement,
        ),
        _ if id.starts_with(PCN_STAFF_FTE_PREFIX) => {
            let word = id.strip_prefix(PCN_STAFF_FTE_PREFIX)?;
            let &(_, name, additional) = PCN_ROLE_GROUPS.iter().find(|(w, _, _)| *w == word)?;
            let polarity = if additional {
                Polarity::HighIsGood
            } else {
                Polarity::NoJudgement
            };
            make(
                &format!("PCN staff: {name} (full-time equivalent)"),
                Domain::Workforce,
                Unit::Mean,
                polarity,
            )
        }
        _ => {
            let word = id.strip_prefix(REGISTER_PREFIX)?;
            let name = QOF_GROUPS
                .iter()
                .find(|(_, w, _)| *w == word)
                .map(|&(_, _, name)| name.to_string())
                .unwrap_or_else(|| word.to_uppercase());
            // Fingertips compares QOF prevalence by SPC for proportions at 99.8%
            // (its published verdicts for dementia and learning disability are all
            // reproduced so: tests/fingertips.rs).
            Indicator {
                comparison: crate::stats::benchmark::ComparisonMethod::Spc99_8,
                ..make(
                    &format!("{name} register (recorded prevalence)"),
                    Domain::Outcomes,
                    Unit::Proportion,
                    Polarity::NoJudgement,
                )
            }
        }
    })
}

/// Registered patients in the period (a registration file's list size), when a
/// workspace carries it as a series; otherwise each practice's `list_size` stands.
pub const LIST_SIZE: &str = "list_size";

/// Patients awaiting a long-term-condition review (the post-pandemic backlog).
pub const LTC_REVIEWS_BACKLOG: &str = "ltc_reviews_backlog";
/// Active participation in the Community Pharmacist Consultation Service: 1 a practice
/// that refers, 0 one that does not; summed over practices, the share participating.
pub const CPCS_PARTICIPATION: &str = "cpcs_participation";
/// Bowel cancer screening coverage.
pub const CANCER_SCREENING_BOWEL: &str = "cancer_screening_bowel";
/// Breast cancer screening coverage.
pub const CANCER_SCREENING_BREAST: &str = "cancer_screening_breast";
/// Cervical cancer screening coverage.
pub const CANCER_SCREENING_CERVICAL: &str = "cancer_screening_cervical";
/// Flu vaccination uptake, aged 65 and over.
pub const FLU_VACCINATION_65PLUS: &str = "flu_vaccination_65plus";
/// Children with two doses of MMR by their fifth birthday.
pub const CHILDHOOD_MMR2_5Y: &str = "childhood_mmr2_5y";
/// People with serious mental illness who had a full physical health check.
pub const SMI_HEALTH_CHECKS: &str = "smi_health_checks";

/// The indicators of the Equity page: screening, vaccination and SMI health checks.
pub const EQUITY_INDICATORS: [&str; 6] = [
    CANCER_SCREENING_BOWEL,
    CANCER_SCREENING_BREAST,
    CANCER_SCREENING_CERVICAL,
    FLU_VACCINATION_65PLUS,
    CHILDHOOD_MMR2_5Y,
    SMI_HEALTH_CHECKS,
];

/// Derived, not stored: appointments per 1,000 registered patients per week.
pub const APPOINTMENTS_PER_1000_WEEK: &str = "appointments_per_1000_week";
/// Derived, not stored: face-to-face appointments as a share of all modes.
pub const FACE_TO_FACE_SHARE: &str = "face_to_face_share";
/// Derived, not stored: GP FTE per 10,000 registered patients.
pub const GP_FTE_PER_10000: &str = "gp_fte_per_10000";
/// Derived, not stored: appointments as a percentage of the same month's 2019 level.
pub const APPOINTMENTS_VS_2019: &str = "appointments_vs_2019";
/// Derived, not stored: recorded prevalence of the targeted long-term conditions, as a
/// percentage change on its 2019/20 level.
pub const LTC_PREVALENCE_CHANGE: &str = "ltc_prevalence_change";
/// Derived, not stored: GP FTE as a percentage change on its 2019/20 level.
pub const GP_FTE_CHANGE: &str = "gp_fte_change";
/// Derived, not stored: the share of practices with a complete balanced scorecard.
pub const SCORECARD_COMPLETE: &str = "scorecard_complete";

/// The long-term conditions the prevalence trajectory targets (case-finding for
/// diabetes, hypertension and COPD).
pub const TARGETED_LTC_REGISTERS: [&str; 3] = [
    "register_diabetes",
    "register_hypertension",
    "register_copd",
];
