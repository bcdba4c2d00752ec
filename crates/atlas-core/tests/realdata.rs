//! Reads the real NHS files in `shared/realdata` (beside the repository) and checks row
//! counts and totals. Skips, with a message, when that folder is absent.

use atlas_core::catalogue::*;
use atlas_core::ingest::{combine, read_file, Format, ReadFile, Severity};
use atlas_core::model::Period;
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

const REALDATA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/realdata");

/// The path of a real file, or `None` (with a message) when the folder is absent.
fn real(relative: &str) -> Option<PathBuf> {
    let path = PathBuf::from(REALDATA).join(relative);
    if path.exists() {
        Some(path)
    } else {
        println!("skipped: {} is absent", path.display());
        None
    }
}

fn read(relative: &str) -> Option<ReadFile> {
    let path = real(relative)?;
    let name = path.file_name()?.to_string_lossy().into_owned();
    let file = File::open(&path).ok()?;
    Some(read_file(&name, BufReader::new(file)))
}

/// Every row accepted and nothing worse than a warning.
fn assert_clean(file: &ReadFile, format: Format, rows: u64) {
    let report = &file.report;
    assert_eq!(file.format, Some(format), "{}", report.file_name);
    let bad: Vec<String> = report
        .problems
        .iter()
        .filter(|p| p.severity > Severity::Warning)
        .take(5)
        .map(|p| p.to_string())
        .collect();
    assert!(bad.is_empty(), "{}: {bad:?}", report.file_name);
    assert_eq!(report.rows_read, rows, "{}", report.file_name);
    assert_eq!(report.rows_accepted, rows, "{}", report.file_name);
    assert_eq!(report.rows_rejected, 0);
}

fn month(year: i32, month: u8) -> Period {
    Period::month(year, month).unwrap()
}

#[test]
fn registration_jan2021_leicester_city() {
    let Some(file) = read("gp-reg-all-jan2021/gp-reg-pat-prac-all_jan2021_leicester04C.csv") else {
        return;
    };
    assert_clean(&file, Format::RegistrationAll, 57);
    let sizes = &file.extract.list_sizes;
    assert_eq!(sizes.len(), 57);
    assert_eq!(sizes.iter().map(|s| s.list_size).sum::<u64>(), 421_600);
    assert!(file
        .extract
        .practices
        .iter()
        .all(|p| p.area_code.as_deref() == Some("04C")));
    assert_eq!(
        sizes[0].as_of.map(|d| d.to_string()).as_deref(),
        Some("2021-01-01")
    );
}

#[test]
fn registration_jan2021_england() {
    let Some(file) = read("gp-reg-all-jan2021/gp-reg-pat-prac-all_jan2021_england.csv") else {
        return;
    };
    assert_clean(&file, Format::RegistrationAll, 6_658);
    let total: u64 = file.extract.list_sizes.iter().map(|s| s.list_size).sum();
    assert_eq!(total, 60_606_345);
}

#[test]
fn registration_map_jan2022() {
    let Some(file) = read("gp-reg-map-jan2022/gp-reg-pat-prac-map_jan2022_leicester04C.csv") else {
        return;
    };
    assert_clean(&file, Format::RegistrationMap, 57);
    assert_eq!(file.extract.pcns.len(), 10);
    let groby = file
        .extract
        .practices
        .iter()
        .find(|p| p.code == "C82005")
        .unwrap();
    assert_eq!(groby.pcn_code.as_deref(), Some("U05796"));
    assert_eq!(groby.area_name.as_deref(), Some("NHS Leicester City CCG"));
    let Some(england) = read("gp-reg-map-jan2022/gp-reg-pat-prac-map_jan2022_england.csv") else {
        return;
    };
    assert_clean(&england, Format::RegistrationMap, 6_527);
    assert_eq!(england.extract.pcns.len(), 1_255);
}

#[test]
fn qof_prevalence_2022_23() {
    let Some(file) = read("qof-2022-23/PREVALENCE_2223_04C.csv") else {
        return;
    };
    assert_clean(&file, Format::QofPrevalence, 1_155);
    assert_eq!(file.extract.list_sizes.len(), 55);
    let diabetes: f64 = file
        .extract
        .series
        .iter()
        .filter(|s| s.series.indicator_id == "register_diabetes")
        .map(|s| s.series.points[0].numerator.unwrap())
        .sum();
    assert_eq!(diabetes, 33_668.0);
    assert!(file
        .extract
        .series
        .iter()
        .all(|s| s.series.points[0].period == Period::FinancialYear { start_year: 2022 }));
    let Some(england) = read("qof-2022-23/PREVALENCE_2223_england.csv") else {
        return;
    };
    assert_clean(&england, Format::QofPrevalence, 133_938);
    assert_eq!(england.extract.series.len(), 133_938);
    assert_eq!(england.extract.list_sizes.len(), 6_378);
}

#[test]
fn qof_mapping_2022_23() {
    let Some(file) = read("qof-2022-23/MAPPING_NHS_GEOGRAPHIES_2223_04C.csv") else {
        return;
    };
    assert_clean(&file, Format::QofMapping, 55);
    assert_eq!(file.extract.pcns.len(), 11);
    let Some(england) = read("qof-2022-23/MAPPING_NHS_GEOGRAPHIES_2223_england.csv") else {
        return;
    };
    assert_clean(&england, Format::QofMapping, 6_378);
}

#[test]
fn appointments_ccg_monthly() {
    let Some(file) =
        read("appointments-ccg-monthly-llr/Regional_CSV_LeicesterLeicsRut_04C_only.csv")
    else {
        return;
    };
    assert_clean(&file, Format::AppointmentsArea, 5_555);
    let total_of = |id: &str| -> f64 {
        file.extract
            .series
            .iter()
            .filter(|s| s.series.indicator_id == id && s.series.area_code == "04C")
            .flat_map(|s| s.series.points.iter())
            .map(|p| p.numerator.unwrap())
            .sum()
    };
    assert_eq!(total_of(APPOINTMENTS_TOTAL), 5_104_008.0);
    assert_eq!(total_of(APPOINTMENTS_FACE_TO_FACE), 3_424_058.0);
    assert_eq!(total_of(APPOINTMENTS_TELEPHONE), 1_203_224.0);
    assert_eq!(total_of(APPOINTMENTS_VIDEO_ONLINE), 84_436.0);
    assert_eq!(total_of(APPOINTMENTS_HOME_VISIT), 6_217.0);
    assert_eq!(total_of(APPOINTMENTS_DNA), 238_989.0);
    let gp = file
        .extract
        .series
        .iter()
        .find(|s| s.series.indicator_id == APPOINTMENTS_GP)
        .unwrap();
    assert_eq!(gp.series.points.len(), 30);
    assert_eq!(gp.series.points[0].period, month(2019, 3));
    assert_eq!(gp.series.points[0].numerator, Some(97_819.0));

    let Some(all) = read("appointments-ccg-monthly-llr/Regional_CSV_LeicesterLeicsRut.csv") else {
        return;
    };
    assert_clean(&all, Format::AppointmentsArea, 15_892);
    let areas: std::collections::BTreeSet<&str> = all
        .extract
        .series
        .iter()
        .map(|s| s.series.area_code.as_str())
        .collect();
    assert_eq!(areas.into_iter().collect::<Vec<_>>(), ["03W", "04C", "04V"]);
    let total: f64 = all
        .extract
        .series
        .iter()
        .filter(|s| s.series.indicator_id == APPOINTMENTS_TOTAL)
        .flat_map(|s| s.series.points.iter())
        .map(|p| p.numerator.unwrap())
        .sum();
    assert_eq!(total, 15_207_850.0);
}

#[test]
fn fingertips_export() {
    let Some(file) = read("fingertips-export-sample/indicator-data_gp-imd2019_leicester.csv")
    else {
        return;
    };
    assert_clean(&file, Format::Fingertips, 59);
    // England appears twice (once per parent) with the same value: one series.
    assert_eq!(file.extract.series.len(), 58);
    let groby = file
        .extract
        .series
        .iter()
        .find(|s| s.series.area_code == "C82005")
        .unwrap();
    assert_eq!(groby.series.indicator_id, "fingertips_93553");
    assert!((groby.series.points[0].value.unwrap() - 30.5489759813776).abs() < 1e-9);
    let Some(england) = read("fingertips-export-sample/indicator-data_gp-imd2019_england.csv")
    else {
        return;
    };
    // 6,545 practices and England twice.
    assert_clean(&england, Format::Fingertips, 6_547);
    assert_eq!(england.extract.series.len(), 6_546);
}

#[test]
fn leicester_city_files_combine_into_one_workspace() {
    let names = [
        "gp-reg-all-jan2021/gp-reg-pat-prac-all_jan2021_leicester04C.csv",
        "gp-reg-map-jan2022/gp-reg-pat-prac-map_jan2022_leicester04C.csv",
        "qof-2022-23/PREVALENCE_2223_04C.csv",
        "qof-2022-23/MAPPING_NHS_GEOGRAPHIES_2223_04C.csv",
        "appointments-ccg-monthly-llr/Regional_CSV_LeicesterLeicsRut_04C_only.csv",
    ];
    let mut files = Vec::new();
    for name in names {
        let Some(file) = read(name) else {
            return;
        };
        files.push(file);
    }
    let (workspace, reports) = combine(files);
    assert!(!workspace.illustrative);
    assert_eq!(reports.len(), 5);
    // 57 practices in 2021/22, of which 55 remained in QOF 2022-23.
    assert_eq!(workspace.practices.len(), 57);
    // QOF's mapping is at the end of March 2023, later than the 2022 map: its PCNs win.
    let groby = workspace.practice("C82005").unwrap();
    assert_eq!(groby.pcn_code, "U87499");
    assert_eq!(groby.list_size, 10_658);
    let pcn_conflicts = reports[1]
        .problems
        .iter()
        .filter(|p| p.reason.contains("latest extract date wins"))
        .count();
    assert!(
        pcn_conflicts > 0,
        "the 2022 map's PCNs lose to QOF's, with a warning"
    );
    assert!(workspace
        .series_for("register_diabetes", "C82005")
        .is_some());
    assert!(workspace.series_for(APPOINTMENTS_TOTAL, "04C").is_some());
    assert!(workspace.indicator("register_diabetes").is_some());
    assert!(workspace.indicator(APPOINTMENTS_TOTAL).is_some());
    assert_eq!(
        workspace.place,
        "NHS Leicester, Leicestershire and Rutland ICB - 04C"
    );
}

#[test]
fn england_registrations_and_map_combine_fully() {
    let Some(all) = read("gp-reg-all-jan2021/gp-reg-pat-prac-all_jan2021_england.csv") else {
        return;
    };
    let Some(map) = read("gp-reg-map-jan2022/gp-reg-pat-prac-map_jan2022_england.csv") else {
        return;
    };
    let (workspace, reports) = combine(vec![all, map]);
    assert!(reports.iter().all(|r| !r.refused()));
    let codes: std::collections::BTreeSet<&str> = workspace
        .practices
        .iter()
        .map(|p| p.code.as_str())
        .collect();
    assert_eq!(codes.len(), workspace.practices.len());
    assert!(workspace.practices.len() >= 6_658);
    assert_eq!(workspace.registered_population(), 60_606_345);
    assert_eq!(workspace.place, "Uploaded data");
    assert!(workspace.pcns.len() > 1_200);
}
