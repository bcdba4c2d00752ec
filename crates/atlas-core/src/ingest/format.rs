//! Which kind of file this is, told from its header (or, for the header-less ODS
//! `epraccur` file, from the shape of its first row).

use super::text::normalise_header;
use super::values::{is_practice_code, normalise_postcode};
use serde::{Deserialize, Serialize};

/// A kind of file the engine reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    /// Canonical practices file: practice, PCN and list size.
    Practices,
    /// Canonical indicator values in long form.
    Indicators,
    /// Canonical indicator metadata: name, domain, unit, polarity.
    IndicatorMetadata,
    /// Canonical baselines and targets.
    Targets,
    /// Canonical areas: the place and its PCNs, with the names and list sizes a
    /// publication states for them (the paper's PCN table, its stated population).
    Areas,
    /// Anonymised patient-level rows: recognised here, read by the `risk` module.
    Patients,
    /// Patients Registered at a GP Practice, all persons (`gp-reg-pat-prac-all`).
    RegistrationAll,
    /// Patients Registered at a GP Practice, practice to PCN and area mapping
    /// (`gp-reg-pat-prac-map`).
    RegistrationMap,
    /// Patients Registered at a GP Practice by five-year age band
    /// (`gp-reg-pat-prac-quin-age`).
    RegistrationQuinaryAge,
    /// Patients Registered at a GP Practice by single year of age
    /// (`gp-reg-pat-prac-sing-age-*`).
    RegistrationSingleYearAge,
    /// Appointments in General Practice, practice-level crosstab.
    AppointmentsPractice,
    /// Appointments in General Practice, the practice mapping (`Mapping.csv`).
    AppointmentsMapping,
    /// Appointments in General Practice, monthly CSV by sub-ICB location (or CCG).
    AppointmentsArea,
    /// Appointments in General Practice, the coverage file: practices included and
    /// patients registered at them, by sub-ICB location (or CCG) and month.
    AppointmentsCoverage,
    /// QOF raw data: prevalence by practice and disease group (`PREVALENCE_yyyy.csv`).
    QofPrevalence,
    /// QOF raw data: practice to PCN and area mapping (`MAPPING_NHS_GEOGRAPHIES_yyyy.csv`).
    QofMapping,
    /// General Practice Workforce, practice-level CSV.
    WorkforcePractice,
    /// NHS Payments to General Practice: one row per practice per financial year.
    Payments,
    /// Primary Care Networks workforce, individual level: one row per person (or
    /// contracted service) per quarterly census.
    PcnWorkforce,
    /// Derived table of Appointments in General Practice: one row per practice and month,
    /// the month's counts already added up (`gpad_practice_month_…csv`).
    AppointmentsPracticeMonth,
    /// Derived table of General Practice Workforce: one row per practice and quarterly
    /// census, FTE by staff group (`workforce_panel_…csv`).
    WorkforcePracticePanel,
    /// Derived table of QOF recorded prevalence: one row per practice, a percentage per
    /// register and no counts (`qof_prevalence_2425_…csv`).
    QofPrevalencePercent,
    /// Derived table of the GP Patient Survey: one row per practice and survey year
    /// (`gpps_long_…csv`).
    PatientSurvey,
    /// A Fingertips data export (27 columns).
    Fingertips,
    /// ODS `epraccur`: GP practices, no header row.
    Epraccur,
    /// OS Code-Point Open: postcodes with British National Grid eastings and northings,
    /// no header row.
    CodePointOpen,
}

/// A publication the app reads as downloaded, and where its publisher offers it: the
/// Data page lists these, and a refused file is pointed to them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadablePublication {
    pub title: &'static str,
    pub publisher: &'static str,
    /// Which of its files to download.
    pub files: &'static str,
    /// The publisher's page for it.
    pub url: &'static str,
    /// Words in a header or file name that suggest this publication (lower case).
    hints: &'static [&'static str],
}

/// Every publication the readers know, in the order the Data page lists them.
pub const READABLE_PUBLICATIONS: &[ReadablePublication] = &[
    ReadablePublication {
        title: "Patients Registered at a GP Practice",
        publisher: "NHS England (NHS Digital)",
        files: "gp-reg-pat-prac-all, -map, -quin-age or -sing-age CSV",
        url: "https://digital.nhs.uk/data-and-information/publications/statistical/patients-registered-at-a-gp-practice",
        hints: &["number_of_patients", "gp-reg", "extract_date", "registered"],
    },
    ReadablePublication {
        title: "Appointments in General Practice",
        publisher: "NHS England (NHS Digital)",
        files: "the practice-level crosstab and its Mapping.csv, the sub-ICB monthly CSV, APPOINTMENTS_GP_COVERAGE.csv",
        url: "https://digital.nhs.uk/data-and-information/publications/statistical/appointments-in-general-practice",
        hints: &["appointment", "appt", "hcp_type"],
    },
    ReadablePublication {
        title: "Quality and Outcomes Framework (QOF): prevalence",
        publisher: "NHS England (NHS Digital)",
        files: "the raw data's PREVALENCE and MAPPING_NHS_GEOGRAPHIES CSV",
        url: "https://digital.nhs.uk/data-and-information/publications/statistical/quality-and-outcomes-framework-achievement-prevalence-and-exceptions-data",
        hints: &["qof", "prevalence", "register", "group_code"],
    },
    ReadablePublication {
        title: "General Practice Workforce",
        publisher: "NHS England (NHS Digital)",
        files: "the practice-level CSV",
        url: "https://digital.nhs.uk/data-and-information/publications/statistical/general-and-personal-medical-services",
        hints: &["fte", "workforce", "prac_code"],
    },
    ReadablePublication {
        title: "Primary Care Network Workforce",
        publisher: "NHS England (NHS Digital)",
        files: "the individual-level CSV",
        url: "https://digital.nhs.uk/data-and-information/publications/statistical/primary-care-network-workforce",
        hints: &["staff_role", "pcn_workforce"],
    },
    ReadablePublication {
        title: "NHS Payments to General Practice",
        publisher: "NHS England (NHS Digital)",
        files: "the yearly CSV",
        url: "https://digital.nhs.uk/data-and-information/publications/statistical/nhs-payments-to-general-practice",
        hints: &["payments"],
    },
    ReadablePublication {
        title: "Fingertips data exports (National General Practice Profiles)",
        publisher: "Office for Health Improvement and Disparities",
        files: "an indicator's data export as CSV",
        url: "https://fingertips.phe.org.uk/profile/general-practice",
        hints: &["indicator", "area code", "time period", "fingertips"],
    },
    ReadablePublication {
        title: "ODS GP practices (epraccur)",
        publisher: "NHS England Organisation Data Service",
        files: "epraccur.csv (no header row)",
        url: "https://digital.nhs.uk/services/organisation-data-service/export-data-files/csv-downloads/gp-and-gp-practice-related-data",
        hints: &["epraccur"],
    },
    ReadablePublication {
        title: "Code-Point Open",
        publisher: "Ordnance Survey",
        files: "the postcode area CSV files (no header row)",
        url: "https://www.ordnancesurvey.co.uk/products/code-point-open",
        hints: &["codepo", "code-point"],
    },
];

/// The publication a header or file name that no reader recognised seems to come from,
/// by the words in it; `None` when nothing suggests one.
pub fn looks_like(first_row: &[String], file_name: &str) -> Option<&'static ReadablePublication> {
    let text = first_row
        .iter()
        .map(|c| c.to_lowercase())
        .chain(std::iter::once(file_name.to_lowercase()))
        .collect::<Vec<_>>()
        .join(" ");
    READABLE_PUBLICATIONS
        .iter()
        .find(|p| p.hints.iter().any(|h| text.contains(h)))
}

impl Format {
    /// True for the registrations publication's files, which list every practice with
    /// registered patients in their area on their extract date: a practice missing from
    /// the latest one is no longer open.
    pub fn lists_every_practice(self) -> bool {
        matches!(
            self,
            Format::RegistrationAll
                | Format::RegistrationMap
                | Format::RegistrationQuinaryAge
                | Format::RegistrationSingleYearAge
        )
    }

    /// The format in words, for the report.
    pub fn label(&self) -> &'static str {
        match self {
            Format::Practices => "Practices (canonical)",
            Format::Indicators => "Indicator values (canonical, long form)",
            Format::IndicatorMetadata => "Indicator metadata (canonical)",
            Format::Targets => "Targets (canonical)",
            Format::Areas => "Areas (canonical): the place and its PCNs",
            Format::Patients => "Anonymised patient-level file",
            Format::RegistrationAll => "Patients Registered at a GP Practice (all persons)",
            Format::RegistrationMap => "Patients Registered at a GP Practice (practice mapping)",
            Format::RegistrationQuinaryAge => {
                "Patients Registered at a GP Practice (five-year age bands)"
            }
            Format::RegistrationSingleYearAge => {
                "Patients Registered at a GP Practice (single year of age)"
            }
            Format::AppointmentsPractice => {
                "Appointments in General Practice (practice-level crosstab)"
            }
            Format::AppointmentsMapping => "Appointments in General Practice (practice mapping)",
            Format::AppointmentsArea => {
                "Appointments in General Practice (monthly, by sub-ICB location or CCG)"
            }
            Format::AppointmentsCoverage => {
                "Appointments in General Practice (coverage: patients at included practices)"
            }
            Format::QofPrevalence => "QOF prevalence by practice",
            Format::QofMapping => "QOF practice to NHS geographies mapping",
            Format::WorkforcePractice => "General Practice Workforce (practice level)",
            Format::Payments => "NHS Payments to General Practice",
            Format::PcnWorkforce => "Primary Care Networks workforce (individual level)",
            Format::AppointmentsPracticeMonth => {
                "Appointments in General Practice, per practice per month (derived table)"
            }
            Format::WorkforcePracticePanel => {
                "General Practice Workforce, per practice per quarter (derived table)"
            }
            Format::QofPrevalencePercent => {
                "QOF recorded prevalence by practice, percentages (derived table)"
            }
            Format::PatientSurvey => "GP Patient Survey, per practice per year (derived table)",
            Format::Fingertips => "Fingertips data export",
            Format::Epraccur => "ODS GP practices (epraccur)",
            Format::CodePointOpen => "OS Code-Point Open postcodes",
        }
    }
}

/// Number of columns in ODS `epraccur.csv`.
pub const EPRACCUR_COLUMNS: usize = 27;

/// Names of a pseudonymous patient id column in patient-level files.
const PATIENT_ID_COLUMNS: [&str; 6] = [
    "patient_id",
    "pseudo_id",
    "pseudonym",
    "pseudo_nhs_number",
    "patient_pseudonym",
    "pseudonymised_id",
];

/// Tells the format from the first row of the file (its header, for every format but
/// `epraccur`). `None` when it is none of the known formats.
pub fn detect<S: AsRef<str>>(first_row: &[S]) -> Option<Format> {
    let names: Vec<String> = first_row
        .iter()
        .map(|s| normalise_header(s.as_ref()))
        .collect();
    let has = |name: &str| names.iter().any(|n| n == name);
    let has_any = |list: &[&str]| list.iter().any(|name| has(name));

    if PATIENT_ID_COLUMNS.iter().any(|n| has(n)) && has_any(&["age", "age_years"]) && has("sex") {
        return Some(Format::Patients);
    }
    if has("time_period") && has("area_code") && has("indicator_id") {
        return Some(Format::Fingertips);
    }
    if has("number_of_patients") && has("extract_date") {
        return Some(if has("age_group_5") {
            Format::RegistrationQuinaryAge
        } else if has("code") {
            Format::RegistrationAll
        } else {
            Format::RegistrationSingleYearAge
        });
    }
    // Before the mappings and the canonical practices file: from 2019-20 the payments
    // file has `PCN Code` beside `Practice Code` too.
    if has("practice_code") && has("total_nhs_payments_to_general_practice") {
        return Some(Format::Payments);
    }
    if has("pcn_code") && has("fte") && has_any(&["staff_role", "detailed_staff_role"]) {
        return Some(Format::PcnWorkforce);
    }
    if has("extract_date") && has("practice_code") && has("pcn_code") {
        return Some(Format::RegistrationMap);
    }
    if has("group_code") && has("register") && has("practice_code") {
        return Some(Format::QofPrevalence);
    }
    if has("practice_code")
        && has_any(&["pcn_ods_code", "pcn_code"])
        && has_any(&[
            "sub_icb_ods_code",
            "ccg_ods_code",
            "ccg_code",
            "sub_icb_code",
        ])
        && has_any(&[
            "nat_code",
            "region_ods_code",
            "icb_ods_code",
            "stp_ods_code",
            "stp_code",
            "region_code",
            "icb_code",
        ])
    {
        return Some(Format::QofMapping);
    }
    if has("gp_code") && has("count_of_appointments") {
        return Some(Format::AppointmentsPractice);
    }
    // The derived tables by practice: one row per practice and period, a column per
    // measure, none of the publications' own column names (`COUNT_OF_APPOINTMENTS`,
    // `PCN_CODE`, `TOTAL_…_FTE`, `GROUP_CODE`).
    if has("gp_code") && has("month") && has("total") && has_any(&["f2f", "dna"]) {
        return Some(Format::AppointmentsPracticeMonth);
    }
    if has("gp_code") && names.iter().any(|n| is_qof_percent_column(n)) {
        return Some(Format::QofPrevalencePercent);
    }
    if has("gp_code") && has("year") && has_any(&["satisfaction", "phone_easy", "continuity"]) {
        return Some(Format::PatientSurvey);
    }
    if has("prac") && has("period") && has_any(&["gp_fte", "gp_fte_fq"]) {
        return Some(Format::WorkforcePracticePanel);
    }
    if has("gp_code") && has("pcn_code") {
        return Some(Format::AppointmentsMapping);
    }
    if has("count_of_appointments")
        && has_any(&["appointment_month", "appointment_month_start_date"])
    {
        return Some(Format::AppointmentsArea);
    }
    if has("patients_registered_at_included_practices") && has("appointment_month") {
        return Some(Format::AppointmentsCoverage);
    }
    if has("prac_code")
        && names
            .iter()
            .any(|n| n.starts_with("total_") && n.ends_with("_fte"))
    {
        return Some(Format::WorkforcePractice);
    }
    if has("indicator_id") && has("baseline_period") && has("target_period") {
        return Some(Format::Targets);
    }
    if has("area_type") && has("area_code") && has("published_list_size") {
        return Some(Format::Areas);
    }
    if has("indicator_id") && has("area_code") && has("period") {
        return Some(Format::Indicators);
    }
    if has("indicator_id") && (has("domain") || has("polarity") || has("unit")) {
        return Some(Format::IndicatorMetadata);
    }
    if has("practice_code") && (has("list_size") || has("pcn_code")) {
        return Some(Format::Practices);
    }
    if first_row.len() == EPRACCUR_COLUMNS && is_practice_code(first_row[0].as_ref().trim()) {
        return Some(Format::Epraccur);
    }
    if is_code_point_row(first_row) {
        return Some(Format::CodePointOpen);
    }
    None
}

/// True for a column of the derived QOF prevalence table: a QOF group's code in lower
/// case and `_prev`, as `dm_prev` (diabetes) or `stia_prev` (stroke and TIA).
pub(crate) fn is_qof_percent_column(normalised: &str) -> bool {
    normalised.strip_suffix("_prev").is_some_and(|code| {
        crate::catalogue::QOF_GROUPS
            .iter()
            .any(|(group, _, _)| group.eq_ignore_ascii_case(code))
    })
}

/// True when a first row looks like OS Code-Point Open's data (it has no header): a
/// postcode, a positional quality number, then whole-metre eastings and northings.
fn is_code_point_row<S: AsRef<str>>(row: &[S]) -> bool {
    let field = |i: usize| row.get(i).map(|f| f.as_ref().trim());
    let whole =
        |i: usize| field(i).is_some_and(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    field(0).and_then(normalise_postcode).is_some() && whole(1) && whole(2) && whole(3)
}

/// What a file's rejected-rows download is and how to load it again, in words for the
/// page beside it.
pub fn rejected_rows_note(report: &crate::report::FileReport) -> &'static str {
    if report.format.as_deref() == Some(Format::Epraccur.label()) {
        "The rejected rows, each with its line and why, then the 27 columns as the file wrote them (a value a spreadsheet would run as a formula starts with an apostrophe). To load them again, mend them and delete the header row and the first two columns: epraccur has no header."
    } else {
        "The rejected rows as the file wrote them, each with its line and why (a value a spreadsheet would run as a formula starts with an apostrophe). Mend them and load that file again: its line and reason columns are left aside."
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect_line(line: &str) -> Option<Format> {
        detect(&line.split(',').collect::<Vec<_>>())
    }

    #[test]
    fn national_headers_are_recognised() {
        assert_eq!(
            detect_line("PUBLICATION,EXTRACT_DATE,TYPE,CCG_CODE,ONS_CCG_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS"),
            Some(Format::RegistrationAll)
        );
        assert_eq!(
            detect_line("PUBLICATION,EXTRACT_DATE,TYPE,SUB_ICB_LOCATION_CODE,ONS_SUB_ICB_LOCATION_CODE,ORG_CODE,POSTCODE,SEX,AGE_GROUP_5,NUMBER_OF_PATIENTS"),
            Some(Format::RegistrationQuinaryAge)
        );
        assert_eq!(
            detect_line("PUBLICATION,EXTRACT_DATE,TYPE,CCG_CODE,ONS_CCG_CODE,ORG_CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS"),
            Some(Format::RegistrationSingleYearAge)
        );
        assert_eq!(
            detect_line("PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,PRACTICE_POSTCODE,PCN_CODE,PCN_NAME,ONS_CCG_CODE,CCG_CODE"),
            Some(Format::RegistrationMap)
        );
        assert_eq!(
            detect_line("PRACTICE_CODE,GROUP_CODE,REGISTER,PATIENT_LIST_TYPE,PRACTICE_LIST_SIZE"),
            Some(Format::QofPrevalence)
        );
        assert_eq!(
            detect_line("NAT_ONS_CODE,NAT_CODE,NAT_COUNTRY,REGION_ODS_CODE,REGION_ONS_CODE,REGION_NAME,ICB_ODS_CODE,ICB_ONS_CODE,ICB_NAME,SUB_ICB_ODS_CODE,SUB_ICB_ONS_CODE,SUB_ICB_NAME,PCN_ODS_CODE,PCN_NAME,PRACTICE_CODE,PRACTICE_NAME"),
            Some(Format::QofMapping)
        );
        assert_eq!(
            detect_line("APPOINTMENT_MONTH_START_DATE,GP_CODE,GP_NAME,SUPPLIER,PCN_CODE,PCN_NAME,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,HCP_TYPE,APPT_MODE,NATIONAL_CATEGORY,TIME_BETWEEN_BOOK_AND_APPT,COUNT_OF_APPOINTMENTS,APPT_STATUS"),
            Some(Format::AppointmentsPractice)
        );
        assert_eq!(
            detect_line("GP_CODE,GP_NAME,SUPPLIER,PCN_CODE,PCN_NAME,SUB_ICB_LOCATION_CODE,SUB_ICB_LOCATION_NAME,ICB_CODE,ICB_NAME,REGION_CODE,REGION_NAME"),
            Some(Format::AppointmentsMapping)
        );
        assert_eq!(
            detect_line("CCG_CODE,CCG_ONS_CODE,CCG_NAME,STP_ONS,STPNM,REGION_ONS_CODE,REGION_NAME,Appointment_Month,APPT_STATUS,HCP_TYPE,APPT_MODE,TIME_BETWEEN_BOOK_AND_APPT,COUNT_OF_APPOINTMENTS"),
            Some(Format::AppointmentsArea)
        );
        assert_eq!(
            detect_line("SUB_ICB_LOCATION_CODE,ICB_ONS_CODE,REGION_CODE,Appointment_Month,Included Practices,Open Practices,Patients registered at included practices,Patients registered at open practices"),
            Some(Format::AppointmentsCoverage)
        );
        assert_eq!(
            detect_line("PRAC_CODE,PRAC_NAME,TOTAL_PATIENTS,TOTAL_GP_HC,TOTAL_GP_FTE"),
            Some(Format::WorkforcePractice)
        );
        assert_eq!(
            detect_line("Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,Category Type,Category,Time period,Value"),
            Some(Format::Fingertips)
        );
    }

    #[test]
    fn a_header_no_reader_knows_is_pointed_to_its_publication() {
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let guess = looks_like(
            &row(&["Appointment date", "Practice", "Number"]),
            "export.csv",
        );
        assert_eq!(
            guess.map(|p| p.title),
            Some("Appointments in General Practice")
        );
        let guess = looks_like(&row(&["a", "b"]), "QOF 2023-24 extract.csv");
        assert!(guess
            .unwrap()
            .title
            .starts_with("Quality and Outcomes Framework"));
        assert!(looks_like(&row(&["colour", "size"]), "shapes.csv").is_none());
        for p in READABLE_PUBLICATIONS {
            assert!(p.url.starts_with("https://"), "{}", p.title);
        }
    }

    #[test]
    fn payments_headers_of_every_era_are_recognised() {
        // 2014-15 (with its byte order mark), 2019-20 (`PCN Code` beside `Practice Code`,
        // which must not read as a practices file) and 2022-23 (a bare `Code`), cut short.
        for line in [
            "\u{feff}NHS England (Region) code,NHS England (Region) Name,CCG Code,CCG NAME,Practice Code,Practice Name,Practice Address,Practice Postcode,Number of Registered Patients (Last Known Figure),Average payments per registered patient,Total NHS Payments to General Practice",
            "NHS England (Region) code,NHS England (Region) Name,CCG Code,CCG NAME,PCN Code,PCN Name,Practice Code,Practice Name,Practice Postcode,Number of Registered Patients (Last Known Figure),Total NHS Payments to General Practice",
            "NHS England (Region) code,NHS England (Region) Name,CCG Code,Sub ICB NAME,Code,CCG NAME,Practice Code,Practice Name,Number of Registered Patients (Last Known Figure),Total NHS Payments to General Practice",
        ] {
            assert_eq!(detect_line(line), Some(Format::Payments), "{line}");
        }
        assert_eq!(
            detect_line("Practice Code,PCN Code,Number of Registered Patients (Last Known Figure)"),
            Some(Format::Practices),
            "without the payments total it is not a payments file"
        );
    }

    #[test]
    fn derived_tables_are_recognised_by_their_own_columns() {
        assert_eq!(
            detect_line("month,gp_code,total,same_day,next_day,gp,gp_same_day,f2f,phone,online,dna,attended,list_size,imd_score"),
            Some(Format::AppointmentsPracticeMonth)
        );
        assert_eq!(
            detect_line("period,prac,patients,gp_fte,gp_fte_fq,nurse_fte,dpc_fte,admin_fte,gp_exrl_fte,nurses_fte,date,gp_fte_fq_per10k"),
            Some(Format::WorkforcePracticePanel)
        );
        assert_eq!(
            detect_line("gp_code,af_prev,ast_prev,can_prev,chd_prev,dm_prev,stia_prev"),
            Some(Format::QofPrevalencePercent)
        );
        assert_eq!(
            detect_line("gp_code,year,satisfaction,source_col_satisfaction,phone_easy,source_col_phone_easy,continuity,source_col_continuity,wave"),
            Some(Format::PatientSurvey)
        );
        // What the national layouts have keeps them what they were.
        assert_eq!(
            detect_line("GP_CODE,APPOINTMENT_MONTH_START_DATE,TOTAL,COUNT_OF_APPOINTMENTS,DNA"),
            Some(Format::AppointmentsPractice)
        );
        assert_eq!(
            detect_line("PRAC_CODE,PERIOD,TOTAL_GP_FTE"),
            Some(Format::WorkforcePractice)
        );
        // A `_prev` column that is no QOF group's, or a survey column without a year,
        // is not enough.
        assert_eq!(detect_line("gp_code,xyz_prev"), None);
        assert_eq!(detect_line("gp_code,satisfaction"), None);
        assert_eq!(detect_line("gp_code,month,total"), None);
        assert_eq!(detect_line("prac,period,patients"), None);
    }

    #[test]
    fn pcn_workforce_headers_are_recognised() {
        assert_eq!(
            detect_line("Data_source,CENSUS_YEAR,CENSUS_MONTH,PCN_CODE,PCN_NAME,SUB_ICB_CODE,SUB_ICB_NAME,ICB_CODE,ICB_NAME,COMM_REGION_CODE,COMM_REGION_NAME,STAFF_GROUP,STAFF_ROLE,DETAILED_STAFF_ROLE,FTE,UNIQUE_IDENTIFIER"),
            Some(Format::PcnWorkforce)
        );
        // Area columns named as in the CCG era; every published copy read so far has
        // SUB_ICB_* names, but the PCN columns are what tell the format.
        assert_eq!(
            detect_line("CENSUS_YEAR,CENSUS_MONTH,PCN_CODE,PCN_NAME,CCG_CODE,CCG_NAME,STP_CODE,STAFF_GROUP,STAFF_ROLE,FTE"),
            Some(Format::PcnWorkforce)
        );
    }

    #[test]
    fn canonical_headers_are_recognised() {
        assert_eq!(
            detect_line("practice_code,practice_name,pcn_code,pcn_name,list_size"),
            Some(Format::Practices)
        );
        assert_eq!(
            detect_line("Indicator_ID,Area_Code,Period,Numerator,Denominator"),
            Some(Format::Indicators)
        );
        assert_eq!(
            detect_line("indicator_id,name,domain,unit,polarity"),
            Some(Format::IndicatorMetadata)
        );
        assert_eq!(
            detect_line(
                "indicator_id,area_code,baseline_period,baseline_value,target_value,target_period"
            ),
            Some(Format::Targets)
        );
        assert_eq!(
            detect_line("area_type,area_code,area_name,published_list_size"),
            Some(Format::Areas)
        );
        assert_eq!(
            detect_line("pseudo_id,age,sex,ethnicity"),
            Some(Format::Patients)
        );
        assert_eq!(detect_line("name,age,colour"), None);
    }

    #[test]
    fn code_point_open_is_recognised_by_shape() {
        let row = [
            "LE1 1AD",
            "10",
            "459040",
            "304553",
            "E92000001",
            "E19000001",
            "E18000004",
            "",
            "E06000016",
            "E05010463",
        ];
        assert_eq!(detect(&row), Some(Format::CodePointOpen));
        assert_eq!(detect(&row[..4]), Some(Format::CodePointOpen));
        assert_eq!(detect(&["LE1 1AD", "10", "east", "304553"]), None);
        assert_eq!(detect(&["Postcode", "PQI", "Eastings", "Northings"]), None);
    }

    #[test]
    fn epraccur_is_recognised_by_shape() {
        let mut row = vec!["C82005", "GROBY ROAD MEDICAL CENTRE"];
        row.resize(EPRACCUR_COLUMNS, "");
        assert_eq!(detect(&row), Some(Format::Epraccur));
        row.pop();
        assert_eq!(detect(&row), None);
    }
}
