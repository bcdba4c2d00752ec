//! National formats read from small fixtures (`tests/fixtures/`) that reproduce their
//! published headers and quirks, every year's variant, so that CI checks each of them
//! whether or not the real copies in `shared/realdata` are there (`realdata.rs`).

use atlas_core::catalogue::*;
use atlas_core::ingest::{combine, read_file, Format, ReadFile, Severity};
use atlas_core::model::{Period, TargetArea};
use std::path::Path;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn fixture(name: &str) -> ReadFile {
    let bytes = std::fs::read(Path::new(FIXTURES).join(name)).unwrap();
    read_file(name, bytes.as_slice())
}

/// Every row accepted, no problem worse than a warning.
fn assert_read(file: &ReadFile, format: Format, rows: u64) {
    assert_eq!(file.format, Some(format), "{}", file.file_name);
    let r = &file.report;
    assert!(
        r.problems.iter().all(|p| p.severity == Severity::Warning),
        "{}: {:#?}",
        file.file_name,
        r.problems
    );
    assert_eq!(
        (r.rows_read, r.rows_accepted),
        (rows, rows),
        "{}",
        file.file_name
    );
}

fn numerator(file: &ReadFile, id: &str, area: &str, period: Period) -> Option<f64> {
    file.extract
        .series
        .iter()
        .find(|s| s.series.indicator_id == id && s.series.area_code == area)?
        .series
        .points
        .iter()
        .find(|p| p.period == period)?
        .numerator
}

fn month(year: i32, month: u8) -> Period {
    Period::month(year, month).unwrap()
}

#[test]
fn five_year_age_bands_give_list_sizes() {
    let file = fixture("gp-reg-pat-prac-quin-age.csv");
    assert_read(&file, Format::RegistrationQuinaryAge, 6);
    let sizes: Vec<(&str, u64)> = file
        .extract
        .list_sizes
        .iter()
        .map(|s| (s.practice_code.as_str(), s.list_size))
        .collect();
    // C82005 has no all-persons row: males and females added up.
    assert_eq!(sizes, [("C82005", 912), ("C82008", 8300)]);
    assert_eq!(
        file.extract.list_sizes[0].as_of.unwrap().to_string(),
        "2025-03-01"
    );
}

#[test]
fn one_sex_of_single_years_sets_no_list_size() {
    let file = fixture("gp-reg-pat-prac-sing-age-male.csv");
    assert_read(&file, Format::RegistrationSingleYearAge, 4);
    assert!(file.extract.list_sizes.is_empty());
    assert!(file.report.problems[0].reason.contains("one sex only"));
    assert_eq!(file.extract.practices.len(), 1);
}

#[test]
fn practice_level_appointments_by_mode_and_staff() {
    let file = fixture("Practice_Level_Crosstab_Mar_24.csv");
    assert_read(&file, Format::AppointmentsPractice, 8);
    let march = month(2024, 3);
    assert_eq!(
        numerator(&file, APPOINTMENTS_TOTAL, "C82005", march),
        Some(234.0)
    );
    assert_eq!(
        numerator(&file, APPOINTMENTS_FACE_TO_FACE, "C82005", march),
        Some(129.0)
    );
    assert_eq!(
        numerator(&file, APPOINTMENTS_TELEPHONE, "C82005", march),
        Some(80.0)
    );
    assert_eq!(
        numerator(&file, APPOINTMENTS_VIDEO_ONLINE, "C82005", march),
        Some(15.0)
    );
    assert_eq!(
        numerator(&file, APPOINTMENTS_HOME_VISIT, "C82005", march),
        Some(4.0)
    );
    assert_eq!(
        numerator(&file, APPOINTMENTS_GP, "C82005", march),
        Some(209.0)
    );
    assert_eq!(
        numerator(&file, APPOINTMENTS_OTHER_STAFF, "C82005", march),
        Some(19.0)
    );
    assert_eq!(
        numerator(&file, APPOINTMENTS_DNA, "C82005", march),
        Some(9.0)
    );
    assert_eq!(
        numerator(&file, APPOINTMENTS_TOTAL, "C82005", month(2024, 2)),
        Some(100.0)
    );
    // The practice's PCN is taken from its latest month.
    let groby = file
        .extract
        .practices
        .iter()
        .find(|p| p.code == "C82005")
        .unwrap();
    assert_eq!(groby.pcn_code.as_deref(), Some("U87499"));
    assert_eq!(file.extract.pcns.len(), 2);
}

#[test]
fn appointments_mapping_gives_pcns() {
    let file = fixture("Mapping.csv");
    assert_read(&file, Format::AppointmentsMapping, 2);
    assert_eq!(file.extract.pcns.len(), 2);
    assert_eq!(
        file.extract.practices[1].pcn_code.as_deref(),
        Some("U48026")
    );
}

#[test]
fn sub_icb_appointments_in_the_icb_era() {
    let file = fixture("Regional_CSV_SubICB_LLR.csv");
    assert_read(&file, Format::AppointmentsArea, 4);
    assert_eq!(
        numerator(&file, APPOINTMENTS_TOTAL, "04C", month(2024, 3)),
        Some(7000.0)
    );
    assert_eq!(
        numerator(&file, APPOINTMENTS_VIDEO_ONLINE, "04C", month(2024, 4)),
        Some(150.0)
    );
}

#[test]
fn workforce_ftes_with_suppression_markers() {
    let file = fixture("General Practice - September 2023 Practice Level - Detailed.csv");
    assert_read(&file, Format::WorkforcePractice, 2);
    let sept = month(2023, 9);
    let value = |id: &str, area: &str| {
        file.extract
            .series
            .iter()
            .find(|s| s.series.indicator_id == id && s.series.area_code == area)
            .map(|s| (s.series.points[0].period, s.series.points[0].value))
    };
    assert_eq!(value(GP_FTE, "C82005"), Some((sept, Some(4.53))));
    assert_eq!(value(ADMIN_FTE, "C82008"), Some((sept, Some(5.2))));
    assert_eq!(value(GP_FTE, "C82008"), None, "ND is left out");
    assert_eq!(value(NURSES_FTE, "C82008"), None, "EST is left out");
    assert!(file.report.problems[0]
        .reason
        .contains("3 full-time-equivalent values are not published"));
    assert_eq!(file.extract.list_sizes[1].list_size, 8450);
}

#[test]
fn epraccur_without_a_header() {
    let file = fixture("epraccur.csv");
    assert_read(&file, Format::Epraccur, 4);
    let codes: Vec<&str> = file
        .extract
        .practices
        .iter()
        .map(|p| p.code.as_str())
        .collect();
    assert_eq!(
        codes,
        ["C82005", "C82008"],
        "closed practices and other settings are left out"
    );
    assert_eq!(
        file.extract.practices[0].postcode.as_deref(),
        Some("LE3 9ED")
    );
    assert_eq!(file.extract.practices[0].area_code.as_deref(), Some("04C"));
}

#[test]
fn qof_mapping_in_the_ccg_era() {
    let file = fixture("MAPPING_NHS_GEOGRAPHIES_1920.csv");
    assert_read(&file, Format::QofMapping, 1);
    assert_eq!(
        file.extract.practices[0].as_of.unwrap().to_string(),
        "2020-03-31"
    );
    assert_eq!(
        file.extract.practices[0].area_name.as_deref(),
        Some("NHS Leicester City CCG")
    );
}

#[test]
fn canonical_templates_read_cleanly_and_combine() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
    let read = |name: &str| {
        let bytes = std::fs::read(Path::new(dir).join(name)).unwrap();
        read_file(name, bytes.as_slice())
    };
    let practices = read("practices.csv");
    assert_read(&practices, Format::Practices, 3);
    let indicators = read("indicators.csv");
    assert_read(&indicators, Format::Indicators, 6);
    let metadata = read("indicator_metadata.csv");
    assert_read(&metadata, Format::IndicatorMetadata, 2);
    let targets = read("targets.csv");
    assert_read(&targets, Format::Targets, 2);
    let (workspace, reports) = combine(vec![practices, indicators, metadata, targets]);
    assert!(
        reports.iter().all(|r| r.problems.is_empty()),
        "{reports:#?}"
    );
    assert_eq!(workspace.practices.len(), 3);
    assert_eq!(workspace.pcns.len(), 2);
    assert_eq!(workspace.registered_population(), 10_500 + 8_300 + 5_800);
    assert_eq!(workspace.indicators.len(), 2);
    assert_eq!(workspace.targets.len(), 2);
    assert_eq!(workspace.targets[0].area, TargetArea::All);
    let groby = workspace.practice("C82005").unwrap();
    assert!(groby.location.is_some());
    assert_eq!(groby.neighbourhood.as_deref(), Some("West"));
}

#[test]
fn the_national_fixtures_combine_with_the_latest_extract_winning() {
    let names = [
        "epraccur.csv",
        "gp-reg-pat-prac-quin-age.csv",
        "Practice_Level_Crosstab_Mar_24.csv",
        "Mapping.csv",
        "General Practice - September 2023 Practice Level - Detailed.csv",
        "MAPPING_NHS_GEOGRAPHIES_1920.csv",
    ];
    let (workspace, reports) = combine(names.iter().map(|n| fixture(n)).collect());
    let groby = workspace.practice("C82005").unwrap();
    // PCN: March 2024 crosstab beats the 2019/20 QOF mapping; list size: March 2025
    // registrations beat September 2023 workforce.
    assert_eq!(groby.pcn_code, "U87499");
    assert_eq!(groby.list_size, 912);
    assert_eq!(workspace.pcn("U87499").unwrap().name, "G3 PCN");
    let qof_report = &reports[5];
    assert!(
        qof_report
            .problems
            .iter()
            .any(|p| p.reason.contains("different PCN here")),
        "{qof_report:#?}"
    );
    let workforce_report = &reports[4];
    assert!(workforce_report
        .problems
        .iter()
        .any(|p| p.reason.contains("different list size here")
            && p.reason.contains("latest extract date wins")));
    assert_eq!(
        workspace.place,
        "NHS Leicester, Leicestershire and Rutland ICB - 04C"
    );
    assert!(!workspace.illustrative);
}

#[test]
fn fingertips_export_with_the_variant_23rd_column() {
    let file = fixture("indicator-data_smoking_column-not-used.csv");
    assert_read(&file, Format::Fingertips, 6);
    let keys: Vec<(&str, &str)> = file
        .extract
        .series
        .iter()
        .map(|s| (s.series.indicator_id.as_str(), s.series.area_code.as_str()))
        .collect();
    // The category row and the row with no value are left out; `nC82008` loses its n.
    assert_eq!(
        keys,
        [
            ("fingertips_91547", "C82005"),
            ("fingertips_91547", "C82008"),
            ("fingertips_91547", "E92000001"),
            ("fingertips_91547_male", "C82005"),
        ]
    );
    let point = file.extract.series[0].series.points[0];
    assert_eq!(point.period, Period::FinancialYear { start_year: 2019 });
    assert_eq!(
        (point.numerator, point.denominator, point.value),
        (Some(1000.0), Some(4975.0), Some(20.1))
    );
    assert_eq!(file.extract.indicators.len(), 2);
    assert!(file.extract.indicators[0]
        .name
        .starts_with("Smoking prevalence"));
}

fn list_sizes(file: &ReadFile) -> Vec<(&str, u64, String)> {
    file.extract
        .list_sizes
        .iter()
        .map(|s| {
            let as_of = s.as_of.map(|d| d.to_string()).unwrap_or_default();
            (s.practice_code.as_str(), s.list_size, as_of)
        })
        .collect()
}

#[test]
fn registrations_in_the_ccg_era_with_crlf_line_ends() {
    let file = fixture("gp-reg-pat-prac-all_jan2021.csv");
    assert_read(&file, Format::RegistrationAll, 3);
    let sizes = list_sizes(&file);
    assert_eq!(
        sizes,
        [
            ("C82005", 9_600, "2021-01-01".to_string()),
            ("C82008", 8_900, "2021-01-01".to_string()),
            ("C82019", 5_750, "2021-01-01".to_string()),
        ]
    );
    let groby = &file.extract.practices[0];
    assert_eq!(groby.area_code.as_deref(), Some("04C"));
    assert_eq!(groby.postcode.as_deref(), Some("LE3 9ED"));
}

#[test]
fn registrations_in_the_sub_icb_era_with_iso_dates() {
    let file = fixture("gp-reg-pat-prac-all_mar2025.csv");
    assert_read(&file, Format::RegistrationAll, 2);
    assert_eq!(
        list_sizes(&file),
        [
            ("C82005", 10_100, "2025-03-01".to_string()),
            ("C82008", 9_050, "2025-03-01".to_string()),
        ]
    );
    assert_eq!(file.extract.practices[1].area_code.as_deref(), Some("04C"));
}

#[test]
fn practice_map_in_the_ccg_era_with_commas_in_quoted_names() {
    let file = fixture("gp-reg-pat-prac-map_jan2022.csv");
    assert_read(&file, Format::RegistrationMap, 3);
    let oakmeadow = &file.extract.practices[1];
    assert_eq!(
        oakmeadow.name.as_deref(),
        Some("OAKMEADOW SURGERY, BRAUNSTONE")
    );
    assert_eq!(oakmeadow.pcn_code.as_deref(), Some("U48026"));
    assert_eq!(oakmeadow.area_code.as_deref(), Some("04C"));
    assert_eq!(
        oakmeadow.area_name.as_deref(),
        Some("NHS Leicester City CCG")
    );
    assert_eq!(oakmeadow.as_of.unwrap().to_string(), "2022-01-01");
    let pcns: Vec<(&str, &str)> = file
        .extract
        .pcns
        .iter()
        .map(|p| (p.code.as_str(), p.name.as_str()))
        .collect();
    assert_eq!(
        pcns,
        [
            ("U87499", "G3 PCN"),
            ("U48026", "LEICESTER CITY AND UNIVERSITY PCN")
        ]
    );
}

#[test]
fn practice_map_in_the_sub_icb_era_with_its_supplier_column() {
    let file = fixture("gp-reg-pat-prac-map_mar2025.csv");
    assert_read(&file, Format::RegistrationMap, 2);
    let groby = &file.extract.practices[0];
    assert_eq!(groby.pcn_code.as_deref(), Some("U87499"));
    assert_eq!(groby.area_code.as_deref(), Some("04C"));
    assert_eq!(
        groby.area_name.as_deref(),
        Some("NHS Leicester, Leicestershire and Rutland ICB - 04C")
    );
    assert_eq!(groby.as_of.unwrap().to_string(), "2025-03-01");
}

#[test]
fn ccg_era_appointments_with_video_online_and_double_spaces() {
    let file = fixture("Regional_CSV_LeicesterLeicsRut.csv");
    assert_read(&file, Format::AppointmentsArea, 8);
    let march = month(2019, 3);
    let of = |id: &str, area: &str| numerator(&file, id, area, march);
    assert_eq!(of(APPOINTMENTS_FACE_TO_FACE, "04C"), Some(4_200.0));
    assert_eq!(of(APPOINTMENTS_TELEPHONE, "04C"), Some(150.0));
    assert_eq!(of(APPOINTMENTS_VIDEO_ONLINE, "04C"), Some(40.0));
    assert_eq!(of(APPOINTMENTS_HOME_VISIT, "04C"), Some(25.0));
    assert_eq!(of(APPOINTMENTS_DNA, "04C"), Some(150.0));
    assert_eq!(of(APPOINTMENTS_GP, "04C"), Some(4_350.0));
    assert_eq!(of(APPOINTMENTS_OTHER_STAFF, "04C"), Some(65.0));
    assert_eq!(of(APPOINTMENTS_TOTAL, "04C"), Some(4_415.0));
    assert_eq!(of(APPOINTMENTS_TOTAL, "03W"), Some(2_500.0));
    // April's unknown mode counts in the total only.
    let april = month(2019, 4);
    assert_eq!(
        numerator(&file, APPOINTMENTS_TOTAL, "04C", april),
        Some(2_910.0)
    );
    assert_eq!(
        numerator(&file, APPOINTMENTS_FACE_TO_FACE, "04C", april),
        Some(2_900.0)
    );
}

#[test]
fn qof_prevalence_with_registers_written_as_floats() {
    let file = fixture("PREVALENCE_2223.csv");
    assert_read(&file, Format::QofPrevalence, 5);
    let year = Period::FinancialYear { start_year: 2022 };
    assert_eq!(
        numerator(&file, "register_diabetes", "C82005", year),
        Some(920.0)
    );
    assert_eq!(
        numerator(&file, "register_diabetes", "C82008", year),
        Some(640.0)
    );
    // The list size is the practice's whole list (the TOTAL rows), not an age group's.
    assert_eq!(
        list_sizes(&file)
            .iter()
            .map(|&(code, size, _)| (code, size))
            .collect::<Vec<_>>(),
        [("C82005", 10_650), ("C82008", 8_800)]
    );
}

#[test]
fn qof_mapping_in_the_icb_era() {
    let file = fixture("MAPPING_NHS_GEOGRAPHIES_2223.csv");
    assert_read(&file, Format::QofMapping, 2);
    let oakmeadow = &file.extract.practices[1];
    assert_eq!(oakmeadow.pcn_code.as_deref(), Some("U48026"));
    assert_eq!(oakmeadow.area_code.as_deref(), Some("04C"));
    assert_eq!(oakmeadow.as_of.unwrap().to_string(), "2023-03-31");
    assert_eq!(file.extract.pcns.len(), 2);
}

#[test]
fn fingertips_export_with_the_usual_23rd_column() {
    let file = fixture("indicator-data_imd2019.csv");
    assert_read(&file, Format::Fingertips, 3);
    let values: Vec<(&str, Option<f64>)> = file
        .extract
        .series
        .iter()
        .map(|s| (s.series.area_code.as_str(), s.series.points[0].value))
        .collect();
    assert_eq!(
        values,
        [
            ("C82005", Some(25.3)),
            ("C82008", Some(38.9)),
            ("E92000001", Some(21.7))
        ]
    );
    assert!(file
        .extract
        .series
        .iter()
        .all(|s| s.series.indicator_id == "fingertips_93553"));
}

#[test]
fn registrations_map_and_qof_of_different_years_combine_by_the_latest() {
    let names = [
        "gp-reg-pat-prac-all_jan2021.csv",
        "gp-reg-pat-prac-map_jan2022.csv",
        "PREVALENCE_2223.csv",
        "MAPPING_NHS_GEOGRAPHIES_2223.csv",
        "gp-reg-pat-prac-all_mar2025.csv",
    ];
    let (workspace, reports) = combine(names.iter().map(|n| fixture(n)).collect());
    assert!(reports.iter().all(|r| !r.refused()), "{reports:#?}");
    // Oakmeadow: PCN from the 2022/23 QOF mapping (31 March 2023) over January 2022 (the
    // same here); list size from March 2025 over QOF's 2022/23 and January 2021.
    let oakmeadow = workspace.practice("C82008").unwrap();
    assert_eq!(oakmeadow.pcn_code, "U48026");
    assert_eq!(oakmeadow.list_size, 9_050);
    // Sturdee Road is only in the 2021 and 2022 files.
    assert_eq!(workspace.practice("C82019").unwrap().list_size, 5_750);
    assert!(workspace.indicator("register_diabetes").is_some());
}
