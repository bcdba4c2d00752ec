//! National formats read from small fixtures (`tests/fixtures/`) that reproduce their
//! published headers and quirks, every year's variant, so that CI checks each of them
//! whether or not the real copies in `shared/realdata` are there (`realdata.rs`).

use atlas_core::catalogue::*;
use atlas_core::ingest::{combine, read_file, Format, PracticeFact, ReadFile, Severity};
use atlas_core::model::{Date, Domain, Period, Point, Polarity, TargetArea, Unit};
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
    // The bands as given, each sex on its own; a sex with no rows by age is none.
    let ages = &file.extract.age_profiles;
    assert_eq!(ages.len(), 2);
    assert_eq!(ages[0].practice_code, "C82005");
    let male = ages[0].male.unwrap();
    let female = ages[0].female.unwrap();
    assert_eq!((male[0], male[1], male[2]), (300, 310, 0));
    assert_eq!((female[0], female[19]), (290, 12));
    assert_eq!(ages[1].practice_code, "C82008");
    assert_eq!(ages[1].male.unwrap()[0], 200);
    assert_eq!(ages[1].female, None);
}

#[test]
fn a_male_and_a_female_file_of_single_years_make_one_pyramid() {
    let male =
        std::fs::read_to_string(Path::new(FIXTURES).join("gp-reg-pat-prac-sing-age-male.csv"))
            .unwrap();
    let female = male
        .replace(",MALE,", ",FEMALE,")
        .replace(",FEMALE,0,60", ",FEMALE,0,64");
    let files = vec![
        read_file("gp-reg-pat-prac-sing-age-male.csv", male.as_bytes()),
        read_file("gp-reg-pat-prac-sing-age-female.csv", female.as_bytes()),
    ];
    let (ws, _) = combine(files);
    assert_eq!(ws.registrations_by_age.len(), 1);
    let profile = &ws.registrations_by_age[0];
    assert_eq!(profile.practice_code, "C82005");
    assert_eq!(profile.male.unwrap()[0], 118);
    assert_eq!(profile.female.unwrap()[0], 64 + 58);
    let pyramid = atlas_core::population::area_pyramid(&ws, "C82005").unwrap();
    assert_eq!(pyramid.total(), 118 + 3 + 122 + 3);
}

#[test]
fn one_sex_of_single_years_sets_no_list_size() {
    let file = fixture("gp-reg-pat-prac-sing-age-male.csv");
    assert_read(&file, Format::RegistrationSingleYearAge, 4);
    assert!(file.extract.list_sizes.is_empty());
    assert!(file.report.problems[0].reason.contains("one sex only"));
    assert_eq!(file.extract.practices.len(), 1);
    // Single years are added into five-year bands: ages 0 and 1 into 0–4, 95+ last.
    let ages = &file.extract.age_profiles;
    assert_eq!(ages.len(), 1);
    let male = ages[0].male.unwrap();
    assert_eq!((male[0], male[19]), (60 + 58, 3));
    assert_eq!(ages[0].female, None);
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
        ["C82005", "C82008", "C82999"],
        "GP practices, closed ones too; other settings are left out"
    );
    // The closed practice comes out of combining as a former practice, with its date.
    let (workspace, _) = combine(vec![fixture("epraccur.csv")]);
    let codes: Vec<&str> = workspace
        .practices
        .iter()
        .map(|p| p.code.as_str())
        .collect();
    assert_eq!(codes, ["C82005", "C82008"]);
    let closed = workspace.former_practice("C82999").unwrap();
    assert_eq!(closed.status.describe(), "Closed 31 Mar 2020");
    assert_eq!(closed.practice.name, "CLOSED SURGERY");
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
    // Sturdee Road is only in the 2021 and 2022 files: not in the registrations of
    // March 2025, it has closed or merged, and keeps its last list size.
    assert!(workspace.practice("C82019").is_none());
    let sturdee = workspace.former_practice("C82019").unwrap();
    assert_eq!(sturdee.practice.list_size, 5_750);
    assert_eq!(
        sturdee.status.describe(),
        "Not in the registrations of 1 Mar 2025 (last listed 1 Jan 2022)"
    );
    // Its list sizes by date stay: January 2021's count is that month's.
    let jan2021 = Date::new(2021, 1, 1).unwrap();
    assert_eq!(
        sturdee.practice.list_size_in(jan2021.month_period()),
        Some(5_750)
    );
    assert_eq!(
        workspace.registered_on(jan2021).practices,
        workspace.practices.len() + 1
    );
    assert!(workspace.indicator("register_diabetes").is_some());
}

/// The point of a series at a period, whole: numerator, denominator and value.
fn point(file: &ReadFile, id: &str, area: &str, period: Period) -> Option<Point> {
    file.extract
        .series
        .iter()
        .find(|s| s.series.indicator_id == id && s.series.area_code == area)?
        .series
        .points
        .iter()
        .find(|p| p.period == period)
        .cloned()
}

fn year(start_year: i32) -> Period {
    Period::FinancialYear { start_year }
}

/// Payments per registered patient as read: (numerator £, denominator patients, value).
fn per_patient(file: &ReadFile, code: &str, start_year: i32) -> Option<(f64, f64, f64)> {
    let p = point(file, PAYMENTS_PER_PATIENT, code, year(start_year))?;
    Some((p.numerator?, p.denominator?, p.value?))
}

fn practice<'a>(file: &'a ReadFile, code: &str) -> &'a PracticeFact {
    file.extract
        .practices
        .iter()
        .find(|p| p.code == code)
        .unwrap()
}

// One fixture per header of NHS Payments to General Practice, 2014-15 to 2022-23: the
// real header line of each year's file and two (or three) of its Leicester rows. The
// expected figures are the rows' `Total NHS Payments to General Practice`, `Number of
// Registered Patients (Last Known Figure)` and `Average payments per registered patient`.

#[test]
fn payments_2014_15_with_a_byte_order_mark_and_a_postcode_without_its_space() {
    let file = fixture("payments_14-15.csv");
    assert_read(&file, Format::Payments, 2);
    assert_eq!(
        per_patient(&file, "C82119", 2014),
        Some((294_814.0, 2_439.0, 120.87))
    );
    assert_eq!(
        per_patient(&file, "C82653", 2014),
        Some((198_199.0, 1_455.0, 136.22))
    );
    let weighted = point(&file, PAYMENTS_PER_WEIGHTED_PATIENT, "C82119", year(2014)).unwrap();
    assert_eq!(
        (weighted.numerator, weighted.denominator, weighted.value),
        (Some(294_814.0), Some(2_431.0), Some(121.28))
    );
    let narborough = practice(&file, "C82119");
    assert_eq!(narborough.postcode.as_deref(), Some("LE19 2GX"));
    assert_eq!(narborough.area_code.as_deref(), Some("03W"));
    assert_eq!(
        narborough.area_name.as_deref(),
        Some("East Leicestershire and Rutland")
    );
    assert_eq!(narborough.name.as_deref(), Some("Dr Kapur R"));
    assert_eq!(narborough.pcn_code, None, "before PCNs");
    assert_eq!(narborough.as_of.unwrap().to_string(), "2015-03-31");
    assert!(file.extract.pcns.is_empty());
}

#[test]
fn payments_2015_16_with_fractional_weighted_patients() {
    let file = fixture("payments_15-16.csv");
    assert_read(&file, Format::Payments, 2);
    assert_eq!(
        per_patient(&file, "C82005", 2015),
        Some((1_100_964.38, 9_040.0, 121.79))
    );
    let weighted = point(&file, PAYMENTS_PER_WEIGHTED_PATIENT, "C82005", year(2015)).unwrap();
    assert_eq!(weighted.denominator, Some(8_934.137809));
    assert_eq!(weighted.value, Some(123.23));
}

#[test]
fn payments_2016_17_with_double_spaced_postcodes() {
    let file = fixture("payments_16-17.csv");
    assert_read(&file, Format::Payments, 2);
    assert_eq!(
        per_patient(&file, "C82005", 2016),
        Some((1_196_914.34, 9_029.0, 132.56))
    );
    assert_eq!(
        per_patient(&file, "C82008", 2016),
        Some((1_123_531.52, 8_965.0, 125.32))
    );
    assert_eq!(
        practice(&file, "C82008").postcode.as_deref(),
        Some("LE3 8NF"),
        "`LE3  8NF` as published"
    );
}

#[test]
fn payments_2017_18_without_a_published_average_divides_the_total() {
    let file = fixture("payments_17-18.csv");
    assert_read(&file, Format::Payments, 2);
    assert_eq!(
        per_patient(&file, "C82005", 2017),
        Some((1_212_017.19, 9_313.0, 130.14))
    );
    // The fixture's C82008 row has its average per registered patient left blank.
    let (total, patients, value) = per_patient(&file, "C82008", 2017).unwrap();
    assert_eq!((total, patients), (1_156_673.34, 8_954.0));
    assert!((value - 1_156_673.34 / 8_954.0).abs() < 1e-9);
}

#[test]
fn payments_2018_19_with_blank_close_dates_written_as_a_space() {
    let file = fixture("payments_18-19.csv");
    assert_read(&file, Format::Payments, 2);
    assert_eq!(
        per_patient(&file, "C82008", 2018),
        Some((1_253_069.24, 8_971.5, 139.67))
    );
    // 8,971.5 patients, a mean over the year's quarters, is a list of 8,972.
    assert_eq!(
        list_sizes(&file),
        [
            ("C82005", 9_393, String::new()),
            ("C82008", 8_972, String::new())
        ]
    );
}

#[test]
fn payments_2019_20_with_pcn_code_beside_practice_code() {
    let file = fixture("payments_19-20.csv");
    assert_read(&file, Format::Payments, 2);
    assert_eq!(
        per_patient(&file, "C82005", 2019),
        Some((1_319_474.0, 9_498.0, 138.92))
    );
    let groby = practice(&file, "C82005");
    assert_eq!(groby.pcn_code.as_deref(), Some("U05796"));
    assert_eq!(groby.area_name.as_deref(), Some("NHS LEICESTER CITY CCG"));
    assert_eq!(groby.postcode.as_deref(), Some("LE3 9ED"));
    let pcns: Vec<(&str, &str)> = (file.extract.pcns.iter())
        .map(|p| (p.code.as_str(), p.name.as_str()))
        .collect();
    assert_eq!(pcns, [("U05796", "LEICESTER HEALTH FOCUS PCN")]);
}

#[test]
fn payments_2020_21_with_covid_and_pcn_totals_beside_the_one_used() {
    let file = fixture("payments_20-21.csv");
    assert_read(&file, Format::Payments, 2);
    assert_eq!(
        per_patient(&file, "C82099", 2020),
        Some((635_630.2, 4_253.75, 149.43))
    );
    assert_eq!(
        per_patient(&file, "C82105", 2020),
        Some((341_323.01, 3_032.75, 112.55))
    );
    assert_eq!(list_sizes(&file)[1], ("C82105", 3_033, String::new()));
    assert_eq!(
        practice(&file, "C82099").pcn_code.as_deref(),
        Some("U03186")
    );
}

#[test]
fn payments_2021_22_with_practices_in_no_pcn() {
    let file = fixture("payments_21-22.csv");
    assert_read(&file, Format::Payments, 2);
    assert_eq!(
        per_patient(&file, "C82005", 2021),
        Some((1_423_098.67, 10_052.0, 141.57))
    );
    assert_eq!(
        per_patient(&file, "C82018", 2021),
        Some((2_104_806.16, 14_437.5, 145.79))
    );
    assert_eq!(
        practice(&file, "C82005").pcn_code,
        None,
        "Unknown or no PCN"
    );
    assert_eq!(
        practice(&file, "C82018").pcn_code.as_deref(),
        Some("U05642")
    );
    assert_eq!(file.extract.pcns.len(), 1);
}

#[test]
fn payments_2022_23_with_its_bare_code_column_and_a_practice_without_patients() {
    let file = fixture("NHSPaymentsGP-22-23-prac-csv.csv");
    assert_read(&file, Format::Payments, 3);
    assert_eq!(
        per_patient(&file, "C82005", 2022),
        Some((1_465_650.58, 10_532.0, 139.16))
    );
    assert_eq!(
        per_patient(&file, "C82008", 2022),
        Some((1_355_107.78, 8_526.75, 158.92))
    );
    let weighted = point(&file, PAYMENTS_PER_WEIGHTED_PATIENT, "C82005", year(2022)).unwrap();
    assert_eq!(
        (weighted.denominator, weighted.value),
        (Some(10_116.25), Some(144.88))
    );
    let groby = practice(&file, "C82005");
    assert_eq!(groby.pcn_code.as_deref(), Some("U87499"));
    assert_eq!(groby.area_code.as_deref(), Some("04C"));
    // `Sub ICB NAME` names the area; the column headed `CCG NAME` names the PCN.
    assert_eq!(
        groby.area_name.as_deref(),
        Some("NHS LEICESTER, LEICESTERSHIRE AND RUTLAND ICB - 04C")
    );
    assert_eq!(groby.as_of.unwrap().to_string(), "2023-03-31");
    let pcns: Vec<(&str, &str)> = (file.extract.pcns.iter())
        .map(|p| (p.code.as_str(), p.name.as_str()))
        .collect();
    assert_eq!(
        pcns,
        [
            ("U87499", "G3 PCN"),
            ("U48026", "LEICESTER CITY & UNIVERSITY PCN"),
            ("U05642", "MILLENNIUM PCN")
        ]
    );
    // Westcotes closed in April 2022: no patients, so no payments per patient, no list.
    assert_eq!(per_patient(&file, "Y03587", 2022), None);
    assert_eq!(
        list_sizes(&file),
        [
            ("C82005", 10_532, String::new()),
            ("C82008", 8_527, String::new())
        ]
    );
    assert!(file.report.problems[0]
        .reason
        .contains("1 practices have no registered patients"));
}

#[test]
fn payments_rows_with_bad_values_are_rejected_and_negative_totals_kept() {
    let file = fixture("payments_22-23_bad_rows.csv");
    let r = &file.report;
    assert_eq!((r.rows_read, r.rows_accepted, r.rows_rejected), (5, 2, 3));
    let rejected: Vec<(Option<u64>, Option<&str>, Option<&str>)> = (r.problems.iter())
        .filter(|p| p.severity == Severity::RowRejected)
        .map(|p| (p.line, p.column.as_deref(), p.value.as_deref()))
        .collect();
    assert_eq!(
        rejected,
        [
            (
                Some(3),
                Some("Total NHS Payments to General Practice"),
                Some("£1,355,107.78")
            ),
            (
                Some(5),
                Some("Number of Registered Patients (Last Known Figure)"),
                Some("-5")
            ),
            (Some(6), Some("Practice Code"), Some("C82005")),
        ]
    );
    let reasons: Vec<&str> = (r.problems.iter())
        .filter(|p| p.severity == Severity::RowRejected)
        .map(|p| p.reason.as_str())
        .collect();
    assert!(reasons[0].contains("expected an amount in pounds"));
    assert!(reasons[1].contains("negative"));
    assert!(reasons[2].contains("already on line 2"));
    // C82018's total is negative in the fixture (and its average blank): kept, warned.
    assert_eq!(
        per_patient(&file, "C82018", 2022),
        Some((-2_500.5, 1_000.0, -2.5005))
    );
    assert!(r
        .problems
        .iter()
        .any(|p| p.severity == Severity::Warning && p.line == Some(4)));
    assert_eq!(r.rejected_rows.len(), 3);
}

#[test]
fn payments_without_a_year_in_the_name_are_refused() {
    let bytes =
        std::fs::read(Path::new(FIXTURES).join("NHSPaymentsGP-22-23-prac-csv.csv")).unwrap();
    let file = read_file("payments.csv", bytes.as_slice());
    assert_eq!(file.format, Some(Format::Payments));
    assert!(file.report.refused());
    assert!(file.report.problems[0]
        .reason
        .contains("cannot tell which financial year"));
    assert!(file.extract.series.is_empty());
}

#[test]
fn payments_list_sizes_lose_to_a_dated_registration_count() {
    let names = [
        "NHSPaymentsGP-22-23-prac-csv.csv",
        "gp-reg-pat-prac-all_mar2025.csv",
    ];
    let (workspace, reports) = combine(names.iter().map(|n| fixture(n)).collect());
    assert!(reports.iter().all(|r| !r.refused()), "{reports:#?}");
    // Payments come first, but their list (a mean over 2022-23) has no date.
    assert_eq!(workspace.practice("C82008").unwrap().list_size, 9_050);
    assert_eq!(workspace.practice("C82008").unwrap().pcn_code, "U48026");
    let indicator = workspace.indicator(PAYMENTS_PER_PATIENT).unwrap();
    assert_eq!(indicator.name, "NHS payments per registered patient (£)");
    assert!(workspace.indicator(PAYMENTS_PER_WEIGHTED_PATIENT).is_some());
}

/// A PCN's FTE for a role group's indicator in a month.
fn fte(file: &ReadFile, id: &str, pcn: &str, period: Period) -> Option<f64> {
    point(file, id, pcn, period)?.value
}

#[test]
fn pcn_workforce_sums_fte_by_pcn_and_role_group() {
    let file = fixture("pcn_workforce_individual_2022-09.csv");
    assert_read(&file, Format::PcnWorkforce, 10);
    let sept = month(2022, 9);
    let of = |group: &str, pcn: &str| fte(&file, &pcn_staff_fte_id(group), pcn, sept);
    let close = |a: Option<f64>, b: f64| a.is_some_and(|a| (a - b).abs() < 1e-9);
    // Aegis: pharmacists 1 + 0.746666667 + an advanced pharmacist practitioner's 0.5.
    assert!(close(of("clinical_pharmacists", "U00147"), 2.246_666_667));
    assert!(close(of("occupational_therapists", "U00147"), 0.6));
    // `Clinical Director – Medical`, its dash in Windows-1252.
    assert!(close(of("directors", "U00147"), 0.25));
    assert!(close(
        fte(&file, PCN_STAFF_FTE_TOTAL, "U00147", sept),
        1.0 + 0.746_666_667 + 0.5 + 0.6 + 0.25
    ));
    // Leicester City and University: a contracted service of 3.5 FTE (no person behind
    // it, so above 2) and two of a role not in the table, counted as other care.
    assert!(close(of("social_prescribing_link_workers", "U48026"), 3.5));
    assert!(close(of("other_direct_patient_care", "U48026"), 1.2));
    assert!(close(of("care_coordinators", "U48026"), 1.0));
    assert!(close(of("admin_and_managers", "U48026"), 1.0));
    assert!(close(fte(&file, PCN_STAFF_FTE_TOTAL, "U48026", sept), 6.7));
    assert_eq!(of("paramedics", "U48026"), None);
    let unknown: Vec<&str> = (file.report.problems.iter())
        .filter(|p| p.reason.contains("not a role this reader knows"))
        .filter_map(|p| p.value.as_deref())
        .collect();
    assert_eq!(unknown, ["Mental Health Practitioners"], "warned once");
    let pcns: Vec<(&str, &str, String)> = (file.extract.pcns.iter())
        .map(|p| {
            (
                p.code.as_str(),
                p.name.as_str(),
                p.as_of.unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        pcns,
        [
            ("U00147", "AEGIS HEALTHCARE PCN", "2022-09-01".to_string()),
            (
                "U48026",
                "LEICESTER CITY and UNIVERSITY PCN",
                "2022-09-01".to_string()
            )
        ]
    );
    assert!(file.extract.practices.is_empty());
    let metadata = known_indicator(&pcn_staff_fte_id("care_coordinators")).unwrap();
    assert_eq!(metadata.polarity, Polarity::HighIsGood);
    let admin = known_indicator(&pcn_staff_fte_id("admin_and_managers")).unwrap();
    assert_eq!(admin.polarity, Polarity::NoJudgement);
}

#[test]
fn pcn_workforce_rejects_impossible_fte_and_keeps_no_identifier() {
    let file = fixture("pcn_workforce_individual_bad_rows.csv");
    let r = &file.report;
    assert_eq!((r.rows_read, r.rows_accepted, r.rows_rejected), (5, 2, 3));
    let rejected: Vec<(Option<u64>, Option<&str>, Option<&str>)> = (r.problems.iter())
        .filter(|p| p.severity == Severity::RowRejected)
        .map(|p| (p.line, p.column.as_deref(), p.value.as_deref()))
        .collect();
    assert_eq!(
        rejected,
        [
            (Some(3), Some("FTE"), Some("2.5")),
            (Some(4), Some("FTE"), Some("abc")),
            (Some(5), Some("CENSUS_MONTH"), Some("13")),
        ]
    );
    // A contracted service's negative FTE (an adjustment) is kept, with a warning.
    assert!(r
        .problems
        .iter()
        .any(|p| p.severity == Severity::Warning && p.line == Some(6)));
    let sept = month(2022, 9);
    assert_eq!(
        fte(
            &file,
            &pcn_staff_fte_id("pharmacy_technicians"),
            "U00147",
            sept
        ),
        Some(-0.026666667)
    );
    // The rejected rows are kept for mending, without the person's identifier.
    let id_col = r
        .columns
        .iter()
        .position(|c| c == "UNIQUE_IDENTIFIER")
        .unwrap();
    assert_eq!(r.rejected_rows.len(), 3);
    for row in &r.rejected_rows {
        let fields = row.fields.as_ref().unwrap();
        assert_eq!(fields[id_col], "");
    }
    let json = serde_json::to_string(&r).unwrap();
    for id in ["211418", "211419", "211420", "211421"] {
        assert!(!json.contains(id), "identifier {id} kept in the report");
    }
}

// The derived tables (github.com/amcunningham/gp-oc-dashboard, copied into
// `shared/realdata`): one row per practice and period, a column per measure. Each
// fixture is the real table's header and some of its Leicester City rows, or (the
// `_bad_rows` files) rows mended to go wrong one way each.

/// Every fixture and the format it is read as. A new fixture must be added here, so
/// that a new layout's detection is checked against every layout read before it.
const FIXTURE_FORMATS: [(&str, Format); 33] = [
    (
        "General Practice - September 2023 Practice Level - Detailed.csv",
        Format::WorkforcePractice,
    ),
    ("MAPPING_NHS_GEOGRAPHIES_1920.csv", Format::QofMapping),
    ("MAPPING_NHS_GEOGRAPHIES_2223.csv", Format::QofMapping),
    ("Mapping.csv", Format::AppointmentsMapping),
    ("NHSPaymentsGP-22-23-prac-csv.csv", Format::Payments),
    ("PREVALENCE_2223.csv", Format::QofPrevalence),
    (
        "Practice_Level_Crosstab_Mar_24.csv",
        Format::AppointmentsPractice,
    ),
    (
        "Regional_CSV_LeicesterLeicsRut.csv",
        Format::AppointmentsArea,
    ),
    ("Regional_CSV_SubICB_LLR.csv", Format::AppointmentsArea),
    ("epraccur.csv", Format::Epraccur),
    ("gp-reg-pat-prac-all_jan2021.csv", Format::RegistrationAll),
    ("gp-reg-pat-prac-all_mar2025.csv", Format::RegistrationAll),
    ("gp-reg-pat-prac-map_jan2022.csv", Format::RegistrationMap),
    ("gp-reg-pat-prac-map_mar2025.csv", Format::RegistrationMap),
    (
        "gp-reg-pat-prac-quin-age.csv",
        Format::RegistrationQuinaryAge,
    ),
    (
        "gp-reg-pat-prac-sing-age-male.csv",
        Format::RegistrationSingleYearAge,
    ),
    ("indicator-data_imd2019.csv", Format::Fingertips),
    (
        "indicator-data_smoking_column-not-used.csv",
        Format::Fingertips,
    ),
    ("payments_14-15.csv", Format::Payments),
    ("payments_15-16.csv", Format::Payments),
    ("payments_16-17.csv", Format::Payments),
    ("payments_17-18.csv", Format::Payments),
    ("payments_18-19.csv", Format::Payments),
    ("payments_19-20.csv", Format::Payments),
    ("payments_20-21.csv", Format::Payments),
    ("payments_21-22.csv", Format::Payments),
    ("payments_22-23_bad_rows.csv", Format::Payments),
    ("pcn_workforce_individual_2022-09.csv", Format::PcnWorkforce),
    (
        "pcn_workforce_individual_bad_rows.csv",
        Format::PcnWorkforce,
    ),
    (
        "gpad_practice_month_04C_sample.csv",
        Format::AppointmentsPracticeMonth,
    ),
    (
        "workforce_panel_04C_sample.csv",
        Format::WorkforcePracticePanel,
    ),
    (
        "qof_prevalence_2425_04C_sample.csv",
        Format::QofPrevalencePercent,
    ),
    ("gpps_long_04C_sample.csv", Format::PatientSurvey),
];

/// The bad-row fixtures of the derived tables and their formats.
const DERIVED_BAD_ROWS: [(&str, Format); 4] = [
    (
        "gpad_practice_month_bad_rows.csv",
        Format::AppointmentsPracticeMonth,
    ),
    (
        "workforce_panel_bad_rows.csv",
        Format::WorkforcePracticePanel,
    ),
    (
        "qof_prevalence_2425_bad_rows.csv",
        Format::QofPrevalencePercent,
    ),
    ("gpps_long_bad_rows.csv", Format::PatientSurvey),
];

#[test]
fn every_fixture_is_read_as_its_own_format() {
    let mut listed: Vec<&str> = (FIXTURE_FORMATS.iter().chain(&DERIVED_BAD_ROWS))
        .map(|(name, _)| *name)
        .collect();
    listed.sort_unstable();
    let mut on_disk: Vec<String> = std::fs::read_dir(FIXTURES)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort_unstable();
    assert_eq!(listed, on_disk, "every fixture has its format listed");
    for (name, format) in FIXTURE_FORMATS.iter().chain(&DERIVED_BAD_ROWS) {
        assert_eq!(fixture(name).format, Some(*format), "{name}");
    }
}

#[test]
fn no_corpus_file_is_read_as_a_derived_table() {
    let derived = [
        Format::AppointmentsPracticeMonth,
        Format::WorkforcePracticePanel,
        Format::QofPrevalencePercent,
        Format::PatientSurvey,
    ];
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");
    for entry in std::fs::read_dir(corpus).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let file = read_file(&name, bytes.as_slice());
        assert!(
            !file.format.is_some_and(|f| derived.contains(&f)),
            "{name} read as {:?}",
            file.format
        );
    }
}

/// A point's stated value.
fn value(file: &ReadFile, id: &str, area: &str, period: Period) -> Option<f64> {
    point(file, id, area, period)?.value
}

/// The rejections of a file: line, column and value.
fn rejections(file: &ReadFile) -> Vec<(Option<u64>, Option<&str>, Option<&str>)> {
    (file.report.problems.iter())
        .filter(|p| p.severity == Severity::RowRejected)
        .map(|p| (p.line, p.column.as_deref(), p.value.as_deref()))
        .collect()
}

/// The reasons of a file's rejections, in line order.
fn rejection_reasons(file: &ReadFile) -> Vec<&str> {
    (file.report.problems.iter())
        .filter(|p| p.severity == Severity::RowRejected)
        .map(|p| p.reason.as_str())
        .collect()
}

/// List sizes as read, with the date each is true at.
fn dated_list_sizes(file: &ReadFile) -> Vec<(&str, u64, String)> {
    (file.extract.list_sizes.iter())
        .map(|s| {
            let date = s.as_of.map(|d| d.to_string()).unwrap_or_default();
            (s.practice_code.as_str(), s.list_size, date)
        })
        .collect()
}

#[test]
fn derived_appointments_fill_the_crosstab_indicators() {
    let file = fixture("gpad_practice_month_04C_sample.csv");
    assert_read(&file, Format::AppointmentsPracticeMonth, 8);
    assert!(
        file.report.problems.is_empty(),
        "{:#?}",
        file.report.problems
    );
    // C82005, March 2023, as published: total 6341, gp 2566, f2f 4136, phone 1950,
    // online 0, dna 238.
    let march = month(2023, 3);
    let of = |id: &str| numerator(&file, id, "C82005", march);
    assert_eq!(of(APPOINTMENTS_TOTAL), Some(6_341.0));
    assert_eq!(of(APPOINTMENTS_GP), Some(2_566.0));
    assert_eq!(of(APPOINTMENTS_FACE_TO_FACE), Some(4_136.0));
    assert_eq!(of(APPOINTMENTS_TELEPHONE), Some(1_950.0));
    assert_eq!(of(APPOINTMENTS_VIDEO_ONLINE), Some(0.0));
    assert_eq!(of(APPOINTMENTS_DNA), Some(238.0));
    assert_eq!(
        numerator(&file, APPOINTMENTS_TOTAL, "C82008", month(2023, 4)),
        Some(3_760.0)
    );
    assert_eq!(
        numerator(&file, APPOINTMENTS_FACE_TO_FACE, "C82005", month(2026, 5)),
        Some(4_652.0)
    );
    // Same day, next day, attended and the IMD score have no indicator; home visits and
    // other staff are not in the table.
    let mut ids: Vec<&str> = (file.extract.series.iter())
        .map(|s| s.series.indicator_id.as_str())
        .collect();
    ids.dedup();
    let mut expected = vec![
        APPOINTMENTS_DNA,
        APPOINTMENTS_FACE_TO_FACE,
        APPOINTMENTS_GP,
        APPOINTMENTS_TELEPHONE,
        APPOINTMENTS_TOTAL,
        APPOINTMENTS_VIDEO_ONLINE,
    ];
    expected.sort_unstable();
    assert_eq!(ids, expected);
    // Each practice's list from its latest month that gives one: C82005's April and May
    // 2026 are empty, so March 2026's; C82008's from April 2023 (March is empty).
    assert_eq!(
        dated_list_sizes(&file),
        [
            ("C82005", 10_867, "2026-03-01".to_string()),
            ("C82008", 8_433, "2023-04-01".to_string()),
        ]
    );
    assert_eq!(file.extract.practices.len(), 2);
    assert_eq!(
        practice(&file, "C82005").as_of.unwrap().to_string(),
        "2026-05-01"
    );
}

#[test]
fn derived_appointments_reject_bad_rows_and_keep_the_rest() {
    let file = fixture("gpad_practice_month_bad_rows.csv");
    let r = &file.report;
    assert_eq!((r.rows_read, r.rows_accepted, r.rows_rejected), (8, 3, 5));
    assert_eq!(
        rejections(&file),
        [
            (Some(3), Some("month"), Some("2023-13")),
            (Some(4), Some("dna"), Some("89.5")),
            (Some(6), Some("gp_code"), Some("C82005")),
            (Some(7), Some("gp_code"), Some("82008")),
            (Some(8), Some("total"), Some("")),
        ]
    );
    let reasons = rejection_reasons(&file);
    assert!(reasons[0].contains("expected a month like 2023-03"));
    assert!(reasons[1].contains("not a whole number; expected a whole number of appointments"));
    assert!(reasons[2].contains("already on line 2 for 2023-03"));
    assert!(reasons[3].contains("not a practice code; expected a practice code, like C82037"));
    assert!(reasons[4].contains("the cell is empty"));
    assert_eq!(r.rejected_rows.len(), 5);
    // More GP appointments than in all: kept, questioned.
    let warning = (r.problems.iter())
        .find(|p| p.severity == Severity::Warning && p.line == Some(5))
        .unwrap();
    assert_eq!(warning.column.as_deref(), Some("gp"));
    assert!(warning.reason.contains("more than the month's 3995"));
    assert_eq!(
        numerator(&file, APPOINTMENTS_GP, "C82008", month(2023, 5)),
        Some(4_200.0)
    );
    // An empty count is left out, the row kept.
    let august = month(2023, 8);
    assert_eq!(
        numerator(&file, APPOINTMENTS_TOTAL, "C82008", august),
        Some(4_010.0)
    );
    assert_eq!(
        numerator(&file, APPOINTMENTS_VIDEO_ONLINE, "C82008", august),
        None
    );
    assert!(r
        .problems
        .iter()
        .any(|p| p.line.is_none() && p.reason.contains("1 appointment counts are empty")));
    // The first C82005 March 2023 row stands.
    assert_eq!(
        numerator(&file, APPOINTMENTS_TOTAL, "C82005", month(2023, 3)),
        Some(6_341.0)
    );
}

#[test]
fn derived_workforce_starts_all_gp_fte_after_the_2018_break() {
    let file = fixture("workforce_panel_04C_sample.csv");
    assert_read(&file, Format::WorkforcePracticePanel, 11);
    let (march_2018, june_2018) = (month(2018, 3), month(2018, 6));
    // All-GP FTE from June 2018 only; the fully qualified rate from March 2018.
    assert_eq!(value(&file, GP_FTE, "C82005", march_2018), None);
    assert_eq!(value(&file, GP_FTE, "C82005", june_2018), Some(3.18));
    assert_eq!(value(&file, GP_FTE, "C82005", month(2019, 12)), Some(7.0));
    let fq = point(&file, GP_FTE_FQ_PER_10K, "C82005", march_2018).unwrap();
    assert_eq!(
        (fq.numerator, fq.denominator, fq.value),
        (Some(3.18), Some(9_355.0), Some(3.399_251_737_039_016_5))
    );
    let fq = point(&file, GP_FTE_FQ_PER_10K, "C82008", month(2019, 9)).unwrap();
    assert_eq!(
        (fq.numerator, fq.denominator, fq.value),
        (
            Some(2.346_666_667),
            Some(8_985.0),
            Some(2.611_760_341_680_579)
        )
    );
    // No fully qualified figure in the June 2019 vintage (only gp_exrl_fte, not read).
    assert_eq!(
        point(&file, GP_FTE_FQ_PER_10K, "C82005", month(2019, 6)),
        None
    );
    // Nurses under either name: nurses_fte in June 2019, nurse_fte in September 2019.
    assert_eq!(
        value(&file, NURSES_FTE, "C82005", month(2019, 6)),
        Some(1.173_333_333)
    );
    assert_eq!(
        value(&file, NURSES_FTE, "C82005", month(2019, 9)),
        Some(1.173_333_333)
    );
    assert_eq!(value(&file, NURSES_FTE, "C82005", march_2018), None);
    assert_eq!(
        value(&file, DPC_FTE, "C82008", march_2018),
        Some(0.533_333_333)
    );
    assert_eq!(
        value(&file, ADMIN_FTE, "C82094", march_2018),
        Some(8.506_666_667)
    );
    assert_eq!(value(&file, GP_FTE, "C82094", march_2018), None);
    let warnings: Vec<&str> = (file.report.problems.iter())
        .map(|p| p.reason.as_str())
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings[0].starts_with("2 all-GP FTE values are from censuses before June 2018"));
    assert!(warnings[1].starts_with("8 full-time-equivalent values are empty"));
    assert_eq!(
        dated_list_sizes(&file),
        [
            ("C82005", 9_543, "2019-12-01".to_string()),
            ("C82008", 9_005, "2019-12-01".to_string()),
            ("C82094", 6_806, "2018-03-01".to_string()),
        ]
    );
    let measure = known_indicator(GP_FTE_FQ_PER_10K).unwrap();
    assert_eq!(
        measure.name,
        "Fully qualified GP FTE per 10,000 registered patients"
    );
    assert_eq!(measure.unit, Unit::Rate { per: 10_000.0 });
    assert_eq!(
        (measure.domain, measure.polarity),
        (Domain::Workforce, Polarity::HighIsGood)
    );
}

#[test]
fn derived_workforce_rejects_bad_rows_and_questions_odd_ones() {
    let file = fixture("workforce_panel_bad_rows.csv");
    let r = &file.report;
    assert_eq!((r.rows_read, r.rows_accepted, r.rows_rejected), (7, 3, 4));
    assert_eq!(
        rejections(&file),
        [
            (Some(3), Some("period"), Some("2018Q3")),
            (Some(4), Some("gp_fte"), Some("-1")),
            (Some(5), Some("patients"), Some("9451.5")),
            (Some(6), Some("prac"), Some("C82005")),
        ]
    );
    let reasons = rejection_reasons(&file);
    assert!(reasons[0].contains("expected a census month like 201803"));
    assert!(reasons[1].contains("negative"));
    assert!(reasons[2].contains("not a whole number"));
    assert!(reasons[3].contains("already on line 2 for 2018-06"));
    // Line 7: the two nurse columns disagree (neither kept) and the published rate is
    // not gp_fte_fq / patients × 10,000 (kept, questioned).
    let on_7: Vec<(&str, &str)> = (r.problems.iter())
        .filter(|p| p.line == Some(7))
        .map(|p| (p.column.as_deref().unwrap(), p.reason.as_str()))
        .collect();
    assert_eq!(on_7.len(), 2, "{on_7:#?}");
    assert_eq!(on_7[0].0, "nurse_fte");
    assert!(on_7[0]
        .1
        .contains("expected the same figure under both names"));
    assert_eq!(on_7[1].0, "gp_fte_fq_per10k");
    assert!(on_7[1].1.contains("is 3.9987"));
    let september = month(2019, 9);
    assert_eq!(value(&file, NURSES_FTE, "C82005", september), None);
    assert_eq!(
        value(&file, GP_FTE_FQ_PER_10K, "C82005", september),
        Some(4.5)
    );
    // Line 8: no patients, so no rate (`inf` as published) and no list size.
    assert_eq!(point(&file, GP_FTE_FQ_PER_10K, "C82008", september), None);
    assert_eq!(
        value(&file, GP_FTE, "C82008", september),
        Some(2.346_666_667)
    );
    assert!(r.problems.iter().any(|p| p
        .reason
        .starts_with("1 rows have fully qualified GP FTE but no registered patients")));
    assert_eq!(
        dated_list_sizes(&file),
        [("C82005", 9_503, "2019-09-01".to_string())]
    );
}

#[test]
fn derived_qof_prevalence_gives_percentages_for_the_qof_year() {
    let file = fixture("qof_prevalence_2425_04C_sample.csv");
    assert_read(&file, Format::QofPrevalencePercent, 3);
    assert!(
        file.report.problems.is_empty(),
        "{:#?}",
        file.report.problems
    );
    let year = year(2024);
    // C82005 as published: dm_prev 9.223744292237443, hyp_prev 14.695275874504146.
    let diabetes = point(&file, "register_diabetes", "C82005", year).unwrap();
    assert_eq!(
        (diabetes.numerator, diabetes.denominator, diabetes.value),
        (None, None, Some(9.223_744_292_237_443))
    );
    assert_eq!(
        value(&file, "register_hypertension", "C82005", year),
        Some(14.695_275_874_504_146)
    );
    assert_eq!(
        value(&file, "register_smi", "C82008", year),
        Some(1.294_422_216_992_233_5)
    );
    assert_eq!(
        value(&file, "register_asthma", "C82018", year),
        Some(6.372_881_355_932_202)
    );
    // 21 registers for each of the 3 practices, every one a catalogue register.
    assert_eq!(file.extract.series.len(), 63);
    for s in &file.extract.series {
        let word = s.series.indicator_id.strip_prefix(REGISTER_PREFIX).unwrap();
        assert!(QOF_GROUPS.iter().any(|(_, w, _)| *w == word), "{word}");
        assert_eq!(s.series.points.len(), 1);
    }
    assert!(file.extract.list_sizes.is_empty(), "no counts in the table");
    assert_eq!(
        practice(&file, "C82018").as_of.unwrap().to_string(),
        "2025-03-31"
    );
}

#[test]
fn derived_qof_prevalence_rejects_impossible_percentages() {
    let file = fixture("qof_prevalence_2425_bad_rows.csv");
    let r = &file.report;
    assert_eq!((r.rows_read, r.rows_accepted, r.rows_rejected), (6, 2, 4));
    assert_eq!(
        rejections(&file),
        [
            (Some(3), Some("dm_prev"), Some("112.5")),
            (Some(4), Some("gp_code"), Some("C8200")),
            (Some(6), Some("gp_code"), Some("C82005")),
            (Some(7), Some("chd_prev"), Some("1.2%")),
        ]
    );
    let reasons = rejection_reasons(&file);
    assert!(reasons[0].contains("outside 0 to 100; expected a percentage from 0 to 100"));
    assert!(reasons[1].contains("not a practice code"));
    assert!(reasons[2].contains("already on line 2"));
    assert!(reasons[3].contains("not a number; expected a percentage"));
    // Line 5 has no hypertension figure: the row is kept without it.
    let year = year(2024);
    assert_eq!(value(&file, "register_hypertension", "C82008", year), None);
    assert_eq!(
        value(&file, "register_diabetes", "C82008", year),
        Some(10.009_044_317_154_055)
    );
    assert!(r
        .problems
        .iter()
        .any(|p| p.reason.starts_with("1 prevalence values are empty")));
}

#[test]
fn derived_qof_prevalence_without_a_year_in_the_name_is_refused() {
    let bytes =
        std::fs::read(Path::new(FIXTURES).join("qof_prevalence_2425_04C_sample.csv")).unwrap();
    let file = read_file("qof_prevalence.csv", bytes.as_slice());
    assert_eq!(file.format, Some(Format::QofPrevalencePercent));
    assert!(file.report.refused());
    assert!(file.report.problems[0]
        .reason
        .contains("cannot tell the QOF year"));
    assert!(file.extract.series.is_empty() && file.extract.practices.is_empty());
}

#[test]
fn derived_patient_survey_gives_three_results_per_survey_year() {
    let file = fixture("gpps_long_04C_sample.csv");
    assert_read(&file, Format::PatientSurvey, 6);
    // C82005 in the 2017 survey: 66.4713, 33.1709, 42.3664 as published.
    let survey_2017 = year(2017);
    let of = |id: &str, code: &str, period: Period| value(&file, id, code, period);
    assert_eq!(
        of(GPPS_OVERALL_EXPERIENCE_GOOD, "C82005", survey_2017),
        Some(66.4713)
    );
    assert_eq!(of(GPPS_PHONE_EASY, "C82005", survey_2017), Some(33.1709));
    assert_eq!(of(GPPS_CONTINUITY, "C82005", survey_2017), Some(42.3664));
    assert_eq!(of(GPPS_CONTINUITY, "C82005", year(2023)), Some(35.4799));
    let p = point(&file, GPPS_PHONE_EASY, "C82005", year(2022)).unwrap();
    assert_eq!(
        (p.numerator, p.denominator, p.value),
        (None, None, Some(46.7408))
    );
    assert_eq!(year(2023).to_string(), "2023/24");
    // Blanks as published: C82059's 2017 continuity, C82670's 2019 and 2020 results.
    assert_eq!(of(GPPS_CONTINUITY, "C82059", survey_2017), None);
    assert_eq!(of(GPPS_PHONE_EASY, "C82670", year(2019)), Some(67.3493));
    assert_eq!(of(GPPS_OVERALL_EXPERIENCE_GOOD, "C82670", year(2020)), None);
    let reasons: Vec<&str> = (file.report.problems.iter())
        .map(|p| p.reason.as_str())
        .collect();
    assert_eq!(
        reasons,
        ["6 survey results are empty (not published) and are left out"]
    );
    assert_eq!(file.extract.practices.len(), 3);
    for (id, domain) in [
        (GPPS_OVERALL_EXPERIENCE_GOOD, Domain::Quality),
        (GPPS_PHONE_EASY, Domain::Access),
        (GPPS_CONTINUITY, Domain::Quality),
    ] {
        let indicator = known_indicator(id).unwrap();
        assert_eq!(indicator.unit, Unit::Proportion, "{id}");
        assert_eq!(
            (indicator.domain, indicator.polarity),
            (domain, Polarity::HighIsGood)
        );
    }
}

#[test]
fn derived_patient_survey_rejects_bad_rows() {
    let file = fixture("gpps_long_bad_rows.csv");
    let r = &file.report;
    assert_eq!((r.rows_read, r.rows_accepted, r.rows_rejected), (6, 2, 4));
    assert_eq!(
        rejections(&file),
        [
            (Some(3), Some("year"), Some("17")),
            (Some(4), Some("phone_easy"), Some("149.5169")),
            (Some(5), Some("gp_code"), Some("C82005")),
            (Some(6), Some("wave"), Some("january")),
        ]
    );
    let reasons = rejection_reasons(&file);
    assert!(reasons[0].contains("expected a survey year like 2023"));
    assert!(reasons[1].contains("outside 0 to 100"));
    assert!(reasons[2].contains("already on line 2 for 2017"));
    assert!(reasons[3].contains("expected annual"));
    assert_eq!(
        value(&file, GPPS_PHONE_EASY, "C82008", year(2017)),
        Some(76.2446)
    );
    assert_eq!(value(&file, GPPS_CONTINUITY, "C82008", year(2017)), None);
}

#[test]
fn derived_tables_combine_with_the_national_files() {
    let names = [
        "gp-reg-pat-prac-map_mar2025.csv",
        "gpad_practice_month_04C_sample.csv",
        "workforce_panel_04C_sample.csv",
        "qof_prevalence_2425_04C_sample.csv",
        "gpps_long_04C_sample.csv",
    ];
    let (workspace, reports) = combine(names.iter().map(|n| fixture(n)).collect());
    assert!(reports.iter().all(|r| !r.refused()), "{reports:#?}");
    // C82005's list from the appointments table's March 2026, the latest date given.
    assert_eq!(workspace.practice("C82005").unwrap().list_size, 10_867);
    for id in [
        APPOINTMENTS_TOTAL,
        GP_FTE,
        GP_FTE_FQ_PER_10K,
        "register_diabetes",
        GPPS_PHONE_EASY,
    ] {
        assert!(workspace.indicator(id).is_some(), "{id}");
        assert!(workspace.series_for(id, "C82005").is_some(), "{id}");
    }
    // Every indicator has the catalogue's metadata: none was guessed.
    assert!(!reports
        .iter()
        .flat_map(|r| &r.problems)
        .any(|p| p.reason.contains("has no metadata")));
}
