//! Primary Care Networks workforce, individual level: one row per person employed by a
//! PCN at each quarterly census (`NWRS Staff`), and one per contracted service (`NWRS
//! contracted services`, with no person behind it). Full-time equivalents are added up
//! per PCN and census month, by role group ([`PCN_ROLE_GROUPS`]) and over every role.
//!
//! `UNIQUE_IDENTIFIER` is read only to tell a person's row from a service's: it is never
//! put in the extract or quoted in the report, and it is blanked in the rejected rows the
//! report keeps.

use super::{expect, required};
use crate::catalogue::{pcn_staff_fte_id, PCN_ROLE_GROUPS, PCN_STAFF_FTE_TOTAL};
use crate::ingest::extract::{Extract, ExtractedSeries, PcnFact};
use crate::ingest::report::{Problem, Severity};
use crate::ingest::table::{CsvRows, ReportBuilder, Row};
use crate::ingest::values::{
    month_number, parse_code, parse_count, parse_name, parse_number, Date,
};
use crate::model::{Period, Point, Series};
use std::collections::{BTreeMap, HashSet};
use std::io::Read;

/// The most one person can work for a PCN, in full-time equivalents: more than two
/// full-time posts held by one person is taken for a mistake in the row.
const MAX_PERSON_FTE: f64 = 2.0;

/// The published role names, squashed ([`squash`]), and the role group each counts in.
/// `STAFF_ROLE` names as the publication writes them, and the two `DETAILED_STAFF_ROLE`
/// names that say more than their role (`Therapists` covers occupational therapists and
/// others). Advanced practitioners count with their profession.
const ROLE_NAMES: [(&str, &str); 30] = [
    ("pharmacists", "clinical_pharmacists"),
    ("advancedpharmacistpractitioners", "clinical_pharmacists"),
    ("pharmacytechnicians", "pharmacy_technicians"),
    (
        "socialprescribinglinkworkers",
        "social_prescribing_link_workers",
    ),
    ("carecoordinators", "care_coordinators"),
    ("healthandwellbeingcoaches", "health_and_wellbeing_coaches"),
    ("physicianassociates", "physician_associates"),
    ("physiotherapists", "physiotherapists"),
    ("advancedphysiotherapistpractitioners", "physiotherapists"),
    ("paramedics", "paramedics"),
    ("advancedparamedicpractitioners", "paramedics"),
    ("nursingassociates", "nursing_associates"),
    ("traineenursingassociates", "nursing_associates"),
    ("dieticians", "dietitians"),
    ("dietitians", "dietitians"),
    ("advanceddieticianpractitioners", "dietitians"),
    ("podiatrists", "podiatrists"),
    ("advancedpodiatristpractitioners", "podiatrists"),
    (
        "advancedoccupationaltherapistpractitioners",
        "occupational_therapists",
    ),
    ("therapistoccupationaltherapist", "occupational_therapists"),
    ("therapistother", "other_direct_patient_care"),
    ("therapists", "other_direct_patient_care"),
    ("healthsupportworkers", "other_direct_patient_care"),
    ("otherdirectpatientcare", "other_direct_patient_care"),
    ("medicalclinicaldirectorgp", "directors"),
    ("medicalclinicaldirector", "directors"),
    ("clinicaldirectornurse", "directors"),
    ("clinicaldirectordpc", "directors"),
    ("nonclinicaldirector", "directors"),
    ("managers", "admin_and_managers"),
];

/// Admin roles told apart from `Other Direct Patient Care` only by their staff group.
const ADMIN_ROLE_NAMES: [&str; 1] = ["otheradminnonclinical"];

/// Letters and digits only, lower case: `Therapist- Occupational Therapist` and
/// `Clinical Director – Nurse` compare however their dashes and spaces are written.
fn squash(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The role group a row counts in, from its detailed role, then its role; `Err` with
/// the group it falls back to (by staff group: admin, directors, else other direct
/// patient care) when neither name is known.
pub(crate) fn role_group(
    staff_role: &str,
    detailed_role: &str,
    staff_group: &str,
) -> Result<&'static str, &'static str> {
    for name in [squash(detailed_role), squash(staff_role)] {
        if let Some(&(_, group)) = ROLE_NAMES.iter().find(|(n, _)| *n == name) {
            return Ok(group);
        }
        if ADMIN_ROLE_NAMES.contains(&name.as_str()) {
            return Ok("admin_and_managers");
        }
    }
    let group = squash(staff_group);
    Err(if group.contains("admin") {
        "admin_and_managers"
    } else if group.contains("director") {
        "directors"
    } else {
        "other_direct_patient_care"
    })
}

/// The name of a role group, for warnings.
fn group_name(group: &str) -> &'static str {
    PCN_ROLE_GROUPS
        .iter()
        .find(|(word, _, _)| *word == group)
        .map(|&(_, name, _)| name)
        .unwrap_or("other direct patient care staff")
}

/// True when the row is a contracted service's, not one person's: the data source says
/// so, or there is no identifier (`NULL`).
fn is_service_row(row: &Row<'_>, source_col: Option<usize>, id_col: Option<usize>) -> bool {
    let by_source = row
        .optional(source_col)
        .is_some_and(|s| squash(&s).contains("contracted"));
    let no_person = id_col.is_some_and(|c| {
        let id = row.text(c);
        let id = id.trim();
        id.is_empty() || id.eq_ignore_ascii_case("null")
    });
    by_source || no_person
}

/// Reads the census month of a row from `CENSUS_YEAR` and `CENSUS_MONTH` (a number,
/// like 9, or a month's name).
fn census_month(row: &Row<'_>, year_col: usize, month_col: usize) -> Result<Period, Problem> {
    let year = row.get(year_col, |t| {
        parse_count(t, "a census year, like 2022")
            .ok()
            .and_then(|y| i32::try_from(y).ok())
            .filter(|y| (1900..=9999).contains(y))
            .ok_or_else(|| "not a year; expected a census year, like 2022".to_string())
    })?;
    row.get(month_col, |t| {
        let month = match parse_count(t, "a month") {
            Ok(m) => u8::try_from(m).ok(),
            Err(_) => month_number(t.trim()),
        };
        month
            .and_then(|m| Period::month(year, m))
            .ok_or_else(|| "not a month; expected a census month, like 9 or September".to_string())
    })
}

/// FTE added up for one indicator and PCN: by month, with the line of its first row.
type Sums = BTreeMap<(String, String), BTreeMap<Period, (f64, u64)>>;

/// Adds one row's FTE to an indicator's sum for its PCN and month.
fn add(sums: &mut Sums, id: String, pcn: &str, month: Period, fte: f64, line: u64) {
    let slot = sums
        .entry((id, pcn.to_string()))
        .or_default()
        .entry(month)
        .or_insert((0.0, line));
    slot.0 += fte;
}

/// Reads an individual-level PCN workforce file: FTE per PCN, census month and role
/// group, and the PCNs' names.
pub(crate) fn read<R: Read>(table: &mut CsvRows<R>, report: &mut ReportBuilder) -> Extract {
    let Some(cols) = required(
        table,
        report,
        &[
            &["pcn_code"],
            &["census_year"],
            &["census_month"],
            &["staff_role", "detailed_staff_role"],
            &["fte"],
        ],
    ) else {
        return Extract::default();
    };
    let [pcn_col, year_col, month_col, role_col, fte_col] = cols[..] else {
        return Extract::default();
    };
    let staff_role_col = table.header.find(&["staff_role"]);
    let detailed_col = table.header.find(&["detailed_staff_role"]);
    let group_col = table.header.find(&["staff_group"]);
    let name_col = table.header.find(&["pcn_name"]);
    let source_col = table.header.find(&["data_source"]);
    let id_col = table.header.find(&["unique_identifier"]);

    let mut sums = Sums::new();
    let mut extract = Extract::default();
    let mut pcns_seen = HashSet::new();
    let mut new_roles = HashSet::new();
    table.for_each_row(report, |row, warnings| {
        let pcn = row.get(pcn_col, |t| parse_code(t, expect::PCN_CODE))?;
        let month = census_month(row, year_col, month_col)?;
        let fte = row.get(fte_col, |t| parse_number(t, expect::FTE))?;
        if is_service_row(row, source_col, id_col) {
            // A service's FTE may add up several people, and the publication adjusts
            // some below zero: kept as published, so the sums match its totals.
            if fte < 0.0 {
                warnings.push(row.problem(
                    Severity::Warning,
                    fte_col,
                    &row.text(fte_col),
                    "a contracted service with a negative full-time equivalent (an adjustment); kept, but check the row",
                ));
            }
        } else if !(0.0..=MAX_PERSON_FTE).contains(&fte) {
            return Err(row.problem(
                Severity::RowRejected,
                fte_col,
                &row.text(fte_col),
                format!("outside 0 to {MAX_PERSON_FTE}; expected the full-time equivalent of one person, like 0.8"),
            ));
        }
        let text = |col: Option<usize>| row.optional(col).map(|t| t.into_owned()).unwrap_or_default();
        let (staff_role, detailed) = (text(staff_role_col), text(detailed_col));
        let group = match role_group(&staff_role, &detailed, &text(group_col)) {
            Ok(group) => group,
            Err(fallback) => {
                let role = row.text(role_col).trim().to_string();
                if new_roles.insert(role.clone()) {
                    warnings.push(row.problem(
                        Severity::Warning,
                        role_col,
                        &role,
                        format!("not a role this reader knows; counted in {} and in every role (shown once)", group_name(fallback)),
                    ));
                }
                fallback
            }
        };
        add(&mut sums, pcn_staff_fte_id(group), &pcn, month, fte, row.line);
        add(&mut sums, PCN_STAFF_FTE_TOTAL.to_string(), &pcn, month, fte, row.line);
        if !pcns_seen.contains(&pcn) {
            if let Some(name) = row.optional(name_col).and_then(|n| parse_name(&n, expect::PCN_NAME).ok()) {
                pcns_seen.insert(pcn.clone());
                let as_of = Date::new(month.start().0, month.start().1, 1);
                extract.pcns.push(PcnFact { code: pcn, name, as_of, line: row.line });
            }
        }
        Ok(())
    });
    // The report keeps rejected rows as read, for mending: never with the identifier.
    if let Some(col) = id_col {
        let width = table.header.len();
        for rejected in &mut report.report.rejected_rows {
            match &mut rejected.fields {
                Some(fields) if fields.len() == width => fields[col] = String::new(),
                // A row of the wrong width may hold the identifier anywhere.
                _ => rejected.fields = None,
            }
        }
    }
    extract.series = sums
        .into_iter()
        .map(|((indicator_id, area_code), months)| {
            let line = months.values().map(|&(_, l)| l).min().unwrap_or(0);
            let points = months
                .into_iter()
                .map(|(period, (fte, _))| Point {
                    period,
                    numerator: None,
                    denominator: None,
                    value: Some(fte),
                })
                .collect();
            ExtractedSeries {
                series: Series {
                    indicator_id,
                    area_code,
                    points,
                },
                line,
            }
        })
        .collect();
    extract
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_published_role_has_a_group() {
        #[rustfmt::skip]
        let published = [
            ("Directors", "Clinical Director (DPC)", "Clinical Director – DPC", "directors"),
            ("Directors", "Medical Clinical Director (GP)", "Clinical Director – Medical", "directors"),
            ("Directors", "Non-clinical Director", "Finance Director", "directors"),
            ("Other Admin/Non-clinical staff", "Managers", "Senior Manager", "admin_and_managers"),
            ("Other Admin/Non-clinical staff", "Other Admin/Non-clinical", "Other", "admin_and_managers"),
            ("Other Direct Patient Care staff", "Advanced Pharmacist Practitioners", "Advanced Pharmacist Practitioner", "clinical_pharmacists"),
            ("Other Direct Patient Care staff", "Pharmacists", "Pharmacist", "clinical_pharmacists"),
            ("Other Direct Patient Care staff", "Pharmacy Technicians", "Pharmacy Technician", "pharmacy_technicians"),
            ("Other Direct Patient Care staff", "Social Prescribing Link Workers", "Social Prescribing Link Worker", "social_prescribing_link_workers"),
            ("Other Direct Patient Care staff", "Care Coordinators", "Care Coordinator", "care_coordinators"),
            ("Other Direct Patient Care staff", "Health and Wellbeing Coaches", "Health and Wellbeing Coach", "health_and_wellbeing_coaches"),
            ("Other Direct Patient Care staff", "Physician Associates", "Physician Associate", "physician_associates"),
            ("Other Direct Patient Care staff", "Advanced Physiotherapist Practitioners", "Advanced Physiotherapist Practitioner", "physiotherapists"),
            ("Other Direct Patient Care staff", "Paramedics", "Paramedic", "paramedics"),
            ("Other Direct Patient Care staff", "Trainee Nursing Associates", "Trainee Nursing Associate", "nursing_associates"),
            ("Other Direct Patient Care staff", "Dieticians", "Dietician", "dietitians"),
            ("Other Direct Patient Care staff", "Advanced Podiatrist Practitioners", "Advanced Podiatrist Practitioner", "podiatrists"),
            ("Other Direct Patient Care staff", "Therapists", "Therapist- Occupational Therapist", "occupational_therapists"),
            ("Other Direct Patient Care staff", "Advanced Occupational Therapist Practitioners", "Advanced Occupational Therapist Practitioner", "occupational_therapists"),
            ("Other Direct Patient Care staff", "Therapists", "Therapist- Other", "other_direct_patient_care"),
            ("Other Direct Patient Care staff", "Health Support Workers", "Health Support Worker", "other_direct_patient_care"),
            ("Other Direct Patient Care staff", "Other Direct Patient Care", "Other", "other_direct_patient_care"),
        ];
        for (group, role, detailed, expected) in published {
            assert_eq!(
                role_group(role, detailed, group),
                Ok(expected),
                "{role} / {detailed}"
            );
        }
    }

    #[test]
    fn every_group_is_in_the_catalogue() {
        let words: Vec<&str> = PCN_ROLE_GROUPS.iter().map(|(w, _, _)| *w).collect();
        for (_, group) in ROLE_NAMES {
            assert!(words.contains(&group), "{group}");
        }
    }

    #[test]
    fn an_unknown_role_falls_back_by_its_staff_group() {
        let dpc = "Other Direct Patient Care staff";
        assert_eq!(
            role_group(
                "Mental Health Practitioners",
                "Mental Health Practitioner",
                dpc
            ),
            Err("other_direct_patient_care")
        );
        assert_eq!(
            role_group(
                "Receptionists",
                "Receptionist",
                "Other Admin/Non-clinical staff"
            ),
            Err("admin_and_managers")
        );
        assert_eq!(role_group("", "", ""), Err("other_direct_patient_care"));
        // The Windows-1252 en dash, decoded, still compares.
        assert_eq!(
            role_group("", "Clinical Director \u{2013} Nurse", "Directors"),
            Ok("directors")
        );
    }
}
