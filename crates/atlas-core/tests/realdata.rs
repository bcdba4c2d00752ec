//! Reads the real NHS files in `shared/realdata` (beside the repository) and checks row
//! counts and totals. Skips, with a message, when that folder is absent.

mod common;

use atlas_core::catalogue::*;
use atlas_core::ingest::{combine, Format, ReadFile, Severity};
use atlas_core::model::{Date, Period};
use common::read;

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
    // 1,255 codes in the file, one of them "U", Unallocated: not a PCN.
    assert_eq!(england.extract.pcns.len(), 1_254);
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
    // Independently from the source rows: the practices open in January 2022 are the
    // map's; those of January 2021 missing from it had closed or merged.
    let map_codes: std::collections::BTreeSet<String> = csv_rows(
        "gp-reg-map-jan2022/gp-reg-pat-prac-map_jan2022_england.csv",
        true,
    )
    .into_iter()
    .map(|r| r[2].clone())
    .collect();
    let registered = csv_rows(
        "gp-reg-all-jan2021/gp-reg-pat-prac-all_jan2021_england.csv",
        true,
    );
    let registered: Vec<&Vec<String>> = registered.iter().filter(|r| r[2] == "GP").collect();
    let gone = registered
        .iter()
        .filter(|r| !map_codes.contains(&r[5]))
        .count();
    assert_eq!(codes.len(), map_codes.len());
    assert!(codes.iter().all(|c| map_codes.contains(*c)));
    assert_eq!(workspace.former_practices.len(), gone);
    assert_eq!(gone, 135);
    let open_patients: u64 = registered
        .iter()
        .filter(|r| map_codes.contains(&r[5]))
        .map(|r| r[9].parse::<u64>().unwrap())
        .sum();
    assert_eq!(workspace.registered_population(), open_patients);
    // England as published, with a place to stand: one area chosen at a time.
    let ccgs: std::collections::BTreeSet<String> = csv_rows(
        "gp-reg-map-jan2022/gp-reg-pat-prac-map_jan2022_england.csv",
        true,
    )
    .into_iter()
    .map(|r| r[8].clone())
    .collect();
    let choices = atlas_core::areas::area_choices(&workspace);
    assert_eq!(choices.len(), ccgs.len());
    let leicester = choices.iter().find(|c| c.code == "04C").unwrap();
    assert_eq!(
        (leicester.name.as_str(), leicester.practices),
        ("NHS Leicester City CCG", 57)
    );
    let shown = atlas_core::areas::within_area(&workspace, "04C");
    assert_eq!(shown.place, "NHS Leicester City CCG");
    assert_eq!(shown.practices.len(), 57);
    assert_eq!(atlas_core::summary::Headline::of(&shown).pcns, 10);
    assert_eq!(workspace.place, "Uploaded data");
    assert!(workspace.pcns.len() > 1_200);
}

/// The sum of one indicator's values over every area and period of a file.
fn sum_of_values(file: &ReadFile, id: &str) -> f64 {
    file.extract
        .series
        .iter()
        .filter(|s| s.series.indicator_id == id)
        .flat_map(|s| s.series.points.iter())
        .filter_map(|p| p.value)
        .sum()
}

/// The point of one indicator for one area, the file's only period.
fn only_point<'a>(
    file: &'a ReadFile,
    id: &str,
    area: &str,
) -> Option<&'a atlas_core::model::Point> {
    let series = file
        .extract
        .series
        .iter()
        .find(|s| s.series.indicator_id == id && s.series.area_code == area)?;
    assert_eq!(series.series.points.len(), 1);
    series.series.points.first()
}

/// A Payments file's expected figures: rows, practices with no registered patients,
/// PCNs named, the sum of the list sizes (each rounded), and C82005's total payments,
/// registered patients and published average per registered patient, as its row gives
/// them (read with Python's csv module; the sums likewise).
struct PaymentsYear {
    file: &'static str,
    start_year: i32,
    rows: u64,
    without_patients: usize,
    pcns: usize,
    list_sizes: u64,
    groby: (f64, f64, f64),
}

fn check_payments(year: &PaymentsYear) {
    let Some(file) = read(&format!("payments-to-general-practice/{}", year.file)) else {
        return;
    };
    assert_clean(&file, Format::Payments, year.rows);
    let period = Period::FinancialYear {
        start_year: year.start_year,
    };
    assert!(file
        .extract
        .series
        .iter()
        .all(|s| s.series.points.iter().all(|p| p.period == period)));
    let per_patient = (file.extract.series.iter())
        .filter(|s| s.series.indicator_id == PAYMENTS_PER_PATIENT)
        .count();
    assert_eq!(
        per_patient,
        year.rows as usize - year.without_patients,
        "{}",
        year.file
    );
    assert_eq!(file.extract.practices.len() as u64, year.rows);
    assert_eq!(file.extract.pcns.len(), year.pcns, "{}", year.file);
    let sizes = &file.extract.list_sizes;
    assert_eq!(
        sizes.iter().map(|s| s.list_size).sum::<u64>(),
        year.list_sizes
    );
    assert!(sizes.iter().all(|s| s.as_of.is_none()));
    let groby = only_point(&file, PAYMENTS_PER_PATIENT, "C82005").unwrap();
    assert_eq!(
        (groby.numerator, groby.denominator, groby.value),
        (Some(year.groby.0), Some(year.groby.1), Some(year.groby.2)),
        "{}",
        year.file
    );
    assert!(file
        .extract
        .practices
        .iter()
        .filter_map(|p| p.postcode.as_deref())
        .all(|p| !p.contains("  ")));
}

#[test]
fn payments_leicester_city_every_year() {
    #[rustfmt::skip]
    let years = [
        ("payments_14-15_04C.csv", 2014, 0, 0, 359_912, (1_048_475.0, 9_141.0, 114.7)),
        ("payments_15-16_04C.csv", 2015, 0, 0, 367_458, (1_100_964.38, 9_040.0, 121.79)),
        ("payments_16-17_04C.csv", 2016, 0, 0, 390_598, (1_196_914.34, 9_029.0, 132.56)),
        ("payments_17-18_04C.csv", 2017, 0, 0, 404_428, (1_212_017.19, 9_313.0, 130.14)),
        ("payments_18-19_04C.csv", 2018, 0, 0, 410_524, (1_295_656.78, 9_393.0, 137.94)),
        ("payments_19-20_04C.csv", 2019, 0, 10, 418_809, (1_319_474.0, 9_498.0, 138.92)),
        ("payments_20-21_04C.csv", 2020, 0, 10, 421_461, (1_407_762.68, 9_567.75, 147.14)),
        ("payments_21-22_04C.csv", 2021, 0, 9, 424_605, (1_423_098.67, 10_052.0, 141.57)),
        // Westcotes Medical Centre (Y03587) closed in April 2022: no patients.
        ("payments_22-23_04C.csv", 2022, 1, 11, 431_984, (1_465_650.58, 10_532.0, 139.16)),
    ];
    for (file, start_year, without_patients, pcns, list_sizes, groby) in years {
        check_payments(&PaymentsYear {
            file,
            start_year,
            rows: 57,
            without_patients,
            pcns,
            list_sizes,
            groby,
        });
    }
}

#[test]
fn payments_england() {
    let years = [
        (
            "payments_18-19_england.csv",
            2018,
            7_279,
            130,
            0,
            59_825_234,
        ),
        (
            "payments_20-21_england.csv",
            2020,
            6_808,
            108,
            1_237,
            60_672_403,
        ),
        (
            "payments_22-23_england.csv",
            2022,
            6_669,
            206,
            1_272,
            62_135_439,
        ),
    ];
    let groby = [
        (1_295_656.78, 9_393.0, 137.94),
        (1_407_762.68, 9_567.75, 147.14),
        (1_465_650.58, 10_532.0, 139.16),
    ];
    for ((file, start_year, rows, without_patients, pcns, list_sizes), groby) in
        years.into_iter().zip(groby)
    {
        check_payments(&PaymentsYear {
            file,
            start_year,
            rows,
            without_patients,
            pcns,
            list_sizes,
            groby,
        });
    }
    // One practice outside Leicester City, its 2022-23 row: C82040 was paid
    // £1,702,375.11 for 8,845.75 patients, £192.45 a patient.
    let Some(file) = read("payments-to-general-practice/payments_22-23_england.csv") else {
        return;
    };
    let point = only_point(&file, PAYMENTS_PER_PATIENT, "C82040").unwrap();
    assert_eq!(
        (point.numerator, point.denominator, point.value),
        (Some(1_702_375.11), Some(8_845.75), Some(192.45))
    );
    // Twelve practices had negative totals (recoveries): kept, each with a warning.
    let negative = (file.report.problems.iter())
        .filter(|p| p.reason.contains("total payments are negative"))
        .count();
    assert_eq!(negative, 12);
}

/// FTE of one PCN's indicator in the file's only month.
fn pcn_fte(file: &ReadFile, id: &str, pcn: &str) -> Option<f64> {
    only_point(file, id, pcn)?.value
}

#[test]
fn pcn_workforce_leicester_city_every_quarter() {
    // Rows, PCNs and the FTE of every row added up, per file, with
    // awk -F, 'NR>1 {s+=$(NF-1); p[$4]=1} END {...}' (FTE is the last field but one).
    let quarters = [
        ((2020, 3), 0, 0, 0.0),
        ((2020, 6), 3, 1, 1.6376),
        ((2020, 9), 17, 3, 12.430_933_333),
        ((2020, 12), 18, 3, 13.430_933_333),
        ((2021, 3), 15, 3, 11.630_933_333),
        ((2021, 6), 27, 4, 22.0376),
        ((2021, 9), 52, 7, 43.430_933_334),
        ((2021, 12), 54, 7, 47.1976),
        ((2022, 3), 59, 7, 52.290_933_334),
        ((2022, 6), 61, 7, 53.824_266_667),
        ((2022, 9), 62, 7, 54.670_933_334),
    ];
    for ((y, m), rows, pcns, total) in quarters {
        let name = format!("pcn-workforce-individual/pcn_workforce_individual_{y}-{m:02}_04C.csv");
        let Some(file) = read(&name) else {
            return;
        };
        assert_clean(&file, Format::PcnWorkforce, rows);
        assert_eq!(file.extract.pcns.len(), pcns, "{name}");
        let read_total = sum_of_values(&file, PCN_STAFF_FTE_TOTAL);
        assert!((read_total - total).abs() < 1e-6, "{name}: {read_total}");
        assert!(file.extract.series.iter().all(|s| s
            .series
            .points
            .iter()
            .all(|p| p.period == month(y, m))));
        assert!(
            !file
                .report
                .problems
                .iter()
                .any(|p| p.reason.contains("not a role this reader knows")),
            "{name}: every published role is in the table"
        );
    }
    let Some(september) = read("pcn-workforce-individual/pcn_workforce_individual_2022-09_04C.csv")
    else {
        return;
    };
    // Aegis Healthcare PCN's pharmacists in September 2022: 7 rows of Pharmacists and
    // Advanced Pharmacist Practitioners, with awk -F, '$4=="U00147" && ($(NF-3)==
    // "Pharmacists" || $(NF-3)=="Advanced Pharmacist Practitioners") {s+=$(NF-1)}'.
    let pharmacists = pcn_fte(
        &september,
        &pcn_staff_fte_id("clinical_pharmacists"),
        "U00147",
    );
    assert!((pharmacists.unwrap() - 6.746_666_667).abs() < 1e-6);
    let leicester_city = pcn_fte(
        &september,
        &pcn_staff_fte_id("clinical_pharmacists"),
        "U48026",
    );
    assert!((leicester_city.unwrap() - 6.393_333_334).abs() < 1e-6);
}

#[test]
fn pcn_workforce_england() {
    let Some(file) = read("pcn-workforce-individual/pcn_workforce_individual_2022-09_england.csv")
    else {
        return;
    };
    // 14,918 people and 2,321 contracted services (some above 2 FTE: a service is not one
    // person), in 1,105 PCNs.
    assert_clean(&file, Format::PcnWorkforce, 17_239);
    assert_eq!(file.extract.pcns.len(), 1_105);
    // awk -F, 'NR>1 {s+=$(NF-1)}' over the file.
    assert!((sum_of_values(&file, PCN_STAFF_FTE_TOTAL) - 14_149.271_920_166).abs() < 1e-6);
    // Nightingale PCN (U02454): two pharmacists' rows, 1.626666667 FTE, of 17 rows, 10.293333333.
    let nightingale = pcn_fte(&file, &pcn_staff_fte_id("clinical_pharmacists"), "U02454");
    assert!((nightingale.unwrap() - 1.626_666_667).abs() < 1e-6);
    let all = pcn_fte(&file, PCN_STAFF_FTE_TOTAL, "U02454");
    assert!((all.unwrap() - 10.293_333_333).abs() < 1e-6);
    // One contracted service has a negative FTE (-0.026666667, line 15683): kept, warned.
    let negative: Vec<Option<u64>> = (file.report.problems.iter())
        .filter(|p| p.reason.contains("negative full-time equivalent"))
        .map(|p| p.line)
        .collect();
    assert_eq!(negative, [Some(15_683)]);
    assert!(!file
        .report
        .problems
        .iter()
        .any(|p| p.reason.contains("not a role this reader knows")));
}

#[test]
fn payments_and_pcn_workforce_combine_with_the_leicester_city_files() {
    let names = [
        "payments-to-general-practice/payments_22-23_04C.csv",
        "pcn-workforce-individual/pcn_workforce_individual_2022-09_04C.csv",
        "gp-reg-all-jan2021/gp-reg-pat-prac-all_jan2021_leicester04C.csv",
    ];
    let mut files = Vec::new();
    for name in names {
        let Some(file) = read(name) else {
            return;
        };
        files.push(file);
    }
    let (workspace, reports) = combine(files);
    assert!(reports.iter().all(|r| !r.refused()));
    // The registration count of January 2021 is dated; the payments file's mean list
    // over 2022-23 is not, so the count wins.
    assert_eq!(workspace.practice("C82005").unwrap().list_size, 9_634);
    // The PCN comes from the payments file, true at 31 March 2023.
    assert_eq!(workspace.practice("C82005").unwrap().pcn_code, "U87499");
    assert!(workspace
        .series_for(&pcn_staff_fte_id("clinical_pharmacists"), "U00147")
        .is_some());
    assert!(workspace.indicator(PAYMENTS_PER_PATIENT).is_some());
    assert!(workspace.indicator(PCN_STAFF_FTE_TOTAL).is_some());
}

// The derived tables (github.com/amcunningham/gp-oc-dashboard) for Leicester City. The
// expected figures were read from the files with awk, row by row and in sums.

/// The point of a series at a period, as read.
fn point_of(
    file: &ReadFile,
    id: &str,
    area: &str,
    period: Period,
) -> Option<atlas_core::model::Point> {
    file.extract
        .series
        .iter()
        .find(|s| s.series.indicator_id == id && s.series.area_code == area)?
        .series
        .points
        .iter()
        .find(|p| p.period == period)
        .copied()
}

/// Sum of the numerators of every point of an indicator.
fn sum_of_numerators(file: &ReadFile, id: &str) -> f64 {
    (file.extract.series.iter())
        .filter(|s| s.series.indicator_id == id)
        .flat_map(|s| &s.series.points)
        .filter_map(|p| p.numerator)
        .sum()
}

fn points_of(file: &ReadFile, id: &str) -> usize {
    (file.extract.series.iter())
        .filter(|s| s.series.indicator_id == id)
        .map(|s| s.series.points.len())
        .sum()
}

fn financial_year(start_year: i32) -> Period {
    Period::FinancialYear { start_year }
}

#[test]
fn derived_appointments_per_practice_per_month() {
    let Some(file) =
        read("appointments-practice-monthly-04C/gpad_practice_month_04C_2023-03_2026-05.csv")
    else {
        return;
    };
    assert_clean(&file, Format::AppointmentsPracticeMonth, 1_844);
    assert!(
        file.report.problems.is_empty(),
        "{:#?}",
        file.report.problems
    );
    // Row by row: month, practice, then total, gp, f2f, phone, online, dna as published.
    let rows = [
        ((2023, 3), "C82005", [6_341, 2_566, 4_136, 1_950, 0, 238]),
        ((2026, 3), "C82005", [6_891, 2_953, 5_528, 1_033, 0, 238]),
        ((2026, 3), "C82008", [6_928, 2_480, 5_820, 911, 0, 212]),
        (
            (2025, 1),
            "C82124",
            [14_585, 9_724, 10_972, 2_382, 909, 531],
        ),
    ];
    let ids = [
        APPOINTMENTS_TOTAL,
        APPOINTMENTS_GP,
        APPOINTMENTS_FACE_TO_FACE,
        APPOINTMENTS_TELEPHONE,
        APPOINTMENTS_VIDEO_ONLINE,
        APPOINTMENTS_DNA,
    ];
    for ((y, m), code, counts) in rows {
        for (id, count) in ids.iter().zip(counts) {
            let point = point_of(&file, id, code, month(y, m)).unwrap();
            assert_eq!(point.numerator, Some(count as f64), "{code} {y}-{m} {id}");
        }
    }
    // Sums over every row, with awk -F, 'NR>1 {t+=$3; g+=$6; …}'.
    let sums = [
        (APPOINTMENTS_TOTAL, 8_079_242.0),
        (APPOINTMENTS_GP, 3_621_019.0),
        (APPOINTMENTS_FACE_TO_FACE, 5_880_226.0),
        (APPOINTMENTS_TELEPHONE, 1_504_890.0),
        (APPOINTMENTS_VIDEO_ONLINE, 368_998.0),
        (APPOINTMENTS_DNA, 367_819.0),
    ];
    for (id, sum) in sums {
        assert_eq!(sum_of_numerators(&file, id), sum, "{id}");
        assert_eq!(points_of(&file, id), 1_844, "{id}");
    }
    // 52 practices, each with a list from its latest month that has one (the table's
    // list is empty for 2023-03, 2026-04 and 2026-05).
    assert_eq!(file.extract.practices.len(), 52);
    assert_eq!(file.extract.list_sizes.len(), 52);
    let c82124 = (file.extract.list_sizes.iter())
        .find(|s| s.practice_code == "C82124")
        .unwrap();
    assert_eq!(c82124.list_size, 24_641);
    assert_eq!(c82124.as_of.unwrap().to_string(), "2026-03-01");
}

#[test]
fn derived_workforce_per_practice_per_quarter() {
    let Some(file) = read("gp-workforce-practice-quarterly-04C/workforce_panel_04C.csv") else {
        return;
    };
    assert_clean(&file, Format::WorkforcePracticePanel, 1_713);
    let march_2018 = month(2018, 3);
    // C82005 in March 2018: 3.18 fully qualified GP FTE for 9,355 patients.
    let fq = point_of(&file, GP_FTE_FQ_PER_10K, "C82005", march_2018).unwrap();
    assert_eq!(fq.numerator, Some(3.18));
    assert_eq!(fq.denominator, Some(9_355.0));
    assert_eq!(fq.value, Some(3.399_251_737_039_016_5));
    let fq = point_of(&file, GP_FTE_FQ_PER_10K, "C82124", march_2018).unwrap();
    assert_eq!(
        (fq.numerator, fq.denominator, fq.value),
        (Some(8.1552), Some(22_654.0), Some(3.599_894_058_444_425_2))
    );
    // All-GP FTE only after the 2018 break; the rest of the row as published.
    let value = |id: &str, code: &str, period: Period| point_of(&file, id, code, period)?.value;
    assert_eq!(value(GP_FTE, "C82005", march_2018), None);
    assert_eq!(value(GP_FTE, "C82005", month(2018, 9)), Some(6.913_333_333));
    let march_2026 = month(2026, 3);
    assert_eq!(value(GP_FTE, "C82124", march_2026), Some(14.2496));
    assert_eq!(value(NURSES_FTE, "C82124", march_2026), Some(1.4));
    assert_eq!(value(DPC_FTE, "C82124", march_2026), Some(1.533_333_333_3));
    assert_eq!(
        value(ADMIN_FTE, "C82124", march_2026),
        Some(17.583_796_995_4)
    );
    // Y00137 after its 2023 merger: nurses from nurses_fte, nurse_fte being empty.
    assert_eq!(
        value(NURSES_FTE, "Y00137", month(2023, 6)),
        Some(6.066_666_667)
    );
    let warnings: Vec<&str> = (file.report.problems.iter())
        .map(|p| p.reason.as_str())
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("54 all-GP FTE values are from censuses before June 2018")),
        "{warnings:#?}"
    );
    assert!(warnings
        .iter()
        .any(|w| w.starts_with("1687 full-time-equivalent values are empty")));
    // awk: rows from 201806 with gp_fte, summed; rows with gp_fte_fq and patients.
    let gp: f64 = (file.extract.series.iter())
        .filter(|s| s.series.indicator_id == GP_FTE)
        .flat_map(|s| &s.series.points)
        .filter_map(|p| p.value)
        .sum();
    assert!((gp - 6_701.254_031_25).abs() < 1e-6, "{gp}");
    assert!(file
        .extract
        .series
        .iter()
        .filter(|s| s.series.indicator_id == GP_FTE)
        .all(|s| s.series.points.iter().all(|p| p.period >= month(2018, 6))));
    assert_eq!(points_of(&file, GP_FTE_FQ_PER_10K), 327);
    assert!((sum_of_numerators(&file, GP_FTE_FQ_PER_10K) - 942.658_515_754).abs() < 1e-6);
    assert_eq!(file.extract.list_sizes.len(), 57);
    let y00137 = (file.extract.list_sizes.iter())
        .find(|s| s.practice_code == "Y00137")
        .unwrap();
    assert_eq!(y00137.list_size, 32_409);
    assert_eq!(y00137.as_of.unwrap().to_string(), "2026-03-01");
}

#[test]
fn derived_qof_prevalence_2024_25() {
    let Some(file) = read("qof-2024-25-prevalence-04C/qof_prevalence_2425_04C.csv") else {
        return;
    };
    assert_clean(&file, Format::QofPrevalencePercent, 51);
    assert!(
        file.report.problems.is_empty(),
        "{:#?}",
        file.report.problems
    );
    let year = financial_year(2024);
    let value = |id: &str, code: &str| point_of(&file, id, code, year)?.value;
    // Row by row: af_prev, dm_prev, hyp_prev, mh_prev as published.
    assert_eq!(
        value("register_af", "C82124"),
        Some(0.386_177_243_411_099_6)
    );
    assert_eq!(
        value("register_diabetes", "C82124"),
        Some(1.849_850_888_187_751_3)
    );
    assert_eq!(
        value("register_hypertension", "C82124"),
        Some(3.495_501_234_174_695_6)
    );
    assert_eq!(
        value("register_smi", "C82124"),
        Some(0.545_425_591_209_491_2)
    );
    assert_eq!(
        value("register_diabetes", "Y00137"),
        Some(10.315_320_595_475_324)
    );
    assert_eq!(
        value("register_diabetes", "C82005"),
        Some(9.223_744_292_237_443)
    );
    // 21 registers × 51 practices, all values.
    assert_eq!(file.extract.series.len(), 21 * 51);
    let diabetes: f64 = (file.extract.series.iter())
        .filter(|s| s.series.indicator_id == "register_diabetes")
        .filter_map(|s| s.series.points[0].value)
        .sum();
    assert!((diabetes - 561.924_114_902_68).abs() < 1e-9, "{diabetes}");
    assert!(file
        .extract
        .series
        .iter()
        .all(|s| s.series.points[0].numerator.is_none()));
}

#[test]
fn derived_gp_patient_survey() {
    let Some(file) = read("gp-patient-survey-04C/gpps_long_04C.csv") else {
        return;
    };
    assert_clean(&file, Format::PatientSurvey, 398);
    let value =
        |id: &str, code: &str, year: i32| point_of(&file, id, code, financial_year(year))?.value;
    let rows = [
        ("C82005", 2017, [66.4713, 33.1709, 42.3664]),
        ("C82124", 2023, [68.4102, 62.8001, 16.1449]),
        ("Y00137", 2019, [76.1606, 61.8991, 30.1936]),
    ];
    for (code, year, results) in rows {
        let ids = [
            GPPS_OVERALL_EXPERIENCE_GOOD,
            GPPS_PHONE_EASY,
            GPPS_CONTINUITY,
        ];
        for (id, result) in ids.iter().zip(results) {
            assert_eq!(value(id, code, year), Some(result), "{code} {year} {id}");
        }
    }
    // Y03587's 2022 results are blank, as published.
    assert_eq!(value(GPPS_OVERALL_EXPERIENCE_GOOD, "Y03587", 2022), None);
    assert_eq!(
        value(GPPS_OVERALL_EXPERIENCE_GOOD, "Y03587", 2021),
        Some(67.4239)
    );
    let reasons: Vec<&str> = (file.report.problems.iter())
        .map(|p| p.reason.as_str())
        .collect();
    assert_eq!(
        reasons,
        ["37 survey results are empty (not published) and are left out"]
    );
    assert_eq!(points_of(&file, GPPS_OVERALL_EXPERIENCE_GOOD), 395);
    let satisfaction: f64 = (file.extract.series.iter())
        .filter(|s| s.series.indicator_id == GPPS_OVERALL_EXPERIENCE_GOOD)
        .flat_map(|s| &s.series.points)
        .filter_map(|p| p.value)
        .sum();
    assert!((satisfaction - 29_042.82).abs() < 1e-6, "{satisfaction}");
    assert_eq!(file.extract.practices.len(), 57);
}

#[test]
fn derived_tables_combine_with_the_leicester_city_files() {
    let names = [
        "gp-reg-all-jan2021/gp-reg-pat-prac-all_jan2021_leicester04C.csv",
        "gp-reg-map-jan2022/gp-reg-pat-prac-map_jan2022_leicester04C.csv",
        "appointments-practice-monthly-04C/gpad_practice_month_04C_2023-03_2026-05.csv",
        "gp-workforce-practice-quarterly-04C/workforce_panel_04C.csv",
        "qof-2024-25-prevalence-04C/qof_prevalence_2425_04C.csv",
        "gp-patient-survey-04C/gpps_long_04C.csv",
    ];
    let mut files = Vec::new();
    for name in names {
        let Some(file) = read(name) else {
            return;
        };
        files.push(file);
    }
    let (workspace, reports) = combine(files);
    assert!(reports.iter().all(|r| !r.refused()));
    // The latest dated list: the appointments table's March 2026 (10,867), over the
    // workforce census of March 2026 (10,861, dated the same day but given later) and the
    // January 2021 registrations.
    assert_eq!(workspace.practice("C82005").unwrap().list_size, 10_867);
    assert_eq!(workspace.practice("C82005").unwrap().pcn_code, "U05796");
    for id in [
        APPOINTMENTS_TOTAL,
        GP_FTE_FQ_PER_10K,
        "register_diabetes",
        GPPS_CONTINUITY,
    ] {
        assert!(workspace.indicator(id).is_some(), "{id}");
    }
    assert!(!reports
        .iter()
        .flat_map(|r| &r.problems)
        .any(|p| p.reason.contains("has no metadata")));
}

#[test]
fn appointments_coverage_gives_the_places_denominator() {
    // The coverage file as published: 30 months for 04C. With the place's own
    // published appointments, its rate per 1,000 is counted against the patients at
    // included practices (NHS England's denominator), not the sum of the lists.
    let Some(coverage) = read(
        "appointments-gp-coverage-04C/APPOINTMENTS_GP_COVERAGE_aug2020-jan2023_leicester04C.csv",
    ) else {
        return;
    };
    assert_clean(&coverage, Format::AppointmentsCoverage, 30);
    let series = &coverage.extract.series[0].series;
    assert_eq!(
        (series.indicator_id.as_str(), series.area_code.as_str()),
        (APPOINTMENTS_COVERAGE_PATIENTS, "04C")
    );
    assert_eq!(series.points[0].period, month(2020, 8));
    assert_eq!(series.points[0].numerator, Some(420_450.0));
    let (Some(registrations), Some(appointments)) = (
        read("gp-reg-all-jan2021/gp-reg-pat-prac-all_jan2021_leicester04C.csv"),
        read("appointments-ccg-monthly-llr/Regional_CSV_LeicesterLeicsRut_04C_only.csv"),
    ) else {
        return;
    };
    let settings = atlas_core::access::AccessSettings::default();
    let rate = |files: Vec<ReadFile>| {
        let (w, _) = combine(files);
        atlas_core::access::area_access_rate(
            &w,
            atlas_core::aggregate::CITY_CODE,
            month(2020, 8),
            &settings,
        )
        .unwrap()
    };
    let with = rate(vec![registrations.clone(), appointments.clone(), coverage]);
    let without = rate(vec![registrations, appointments]);
    assert_eq!(with.list_size, 420_450.0);
    assert_eq!(with.appointments, without.appointments);
    assert_ne!(without.list_size, 420_450.0);
    println!(
        "Aug 2020, Leicester City: {} appointments over {} patients at included practices (coverage file), against {} on the January 2021 registers",
        with.appointments, with.list_size, without.list_size
    );
}

#[test]
fn epraccur_says_how_many_closed_practices_and_other_settings_it_leaves_out() {
    let Some(file) = read("epraccur-jan2020-04C/epraccur_jan2020_04C_all.csv") else {
        return;
    };
    // Counted here from the source rows: column 13 is the status, 26 the prescribing
    // setting (4 = GP practice).
    let (mut open, mut closed, mut other) = (0, 0, 0);
    for row in csv_rows("epraccur-jan2020-04C/epraccur_jan2020_04C_all.csv", false) {
        match (row[25].as_str(), row[12].as_str()) {
            ("4", "A") => open += 1,
            ("4", _) => closed += 1,
            _ => other += 1,
        }
    }
    assert_eq!(file.extract.practices.len(), open + closed);
    assert_says(
        &file,
        &format!("{closed} GP practices are closed or dormant"),
    );
    assert_says(&file, &format!("{other} other prescribing settings"));
}

/// The file's report has a problem whose reason starts with `said`.
fn assert_says(file: &ReadFile, said: &str) {
    assert!(
        file.report
            .problems
            .iter()
            .any(|p| p.reason.starts_with(said)),
        "{said} in {:?}",
        file.report.problems
    );
}

/// Rows of a real CSV file as text, header row included when it has one.
fn csv_rows(relative: &str, headers: bool) -> Vec<Vec<String>> {
    let path = common::real(relative).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(headers)
        .from_path(path)
        .unwrap();
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn practices_open_on_a_date_and_their_patients_from_real_files() {
    const EPRACCUR: &str = "epraccur-jan2020-04C/epraccur_jan2020_04C_all.csv";
    const REGISTRATIONS: &str = "gp-reg-all-jan2021/gp-reg-pat-prac-all_jan2021_leicester04C.csv";
    const MAP: &str = "gp-reg-map-jan2022/gp-reg-pat-prac-map_jan2022_leicester04C.csv";
    let (Some(ods), Some(registrations), Some(map)) =
        (read(EPRACCUR), read(REGISTRATIONS), read(MAP))
    else {
        return;
    };
    let (workspace, _) = combine(vec![ods, registrations, map]);

    // Independently, from the source rows: ODS open and close dates (yyyymmdd text
    // compares as dates) of GP practices (prescribing setting 4), and the registrations.
    let gp_rows: Vec<Vec<String>> = csv_rows(EPRACCUR, false)
        .into_iter()
        .filter(|r| r[25] == "4")
        .collect();
    let open_on = |day: &str| {
        gp_rows
            .iter()
            .filter(|r| r[10].as_str() <= day && (r[11].is_empty() || day < r[11].as_str()))
            .count()
    };
    let registered: Vec<Vec<String>> = csv_rows(REGISTRATIONS, false)
        .into_iter()
        .skip(1)
        .filter(|r| r[2] == "GP")
        .collect();
    let patients_jan2021: u64 = registered
        .iter()
        .map(|r| r[9].parse::<u64>().unwrap())
        .sum();
    let mapped: std::collections::BTreeSet<String> = csv_rows(MAP, true)
        .into_iter()
        .map(|r| r[2].clone())
        .collect();

    // Open at the files' latest date (the map, January 2022): the practices it lists.
    let open_now: std::collections::BTreeSet<String> =
        workspace.practices.iter().map(|p| p.code.clone()).collect();
    assert_eq!(open_now, mapped);
    // Closed ones are former practices, with ODS's close date, and nothing else is.
    let closed: Vec<&Vec<String>> = gp_rows.iter().filter(|r| r[12] != "A").collect();
    assert_eq!(workspace.former_practices.len(), closed.len());
    for row in closed {
        let former = workspace
            .former_practice(&row[0])
            .expect("closed practice kept");
        let on = former
            .status
            .ended()
            .expect("close date")
            .to_string()
            .replace('-', "");
        assert_eq!(on, row[11], "{}", row[0]);
        assert!(
            former.status.describe().starts_with("Closed "),
            "{:?}",
            former.status
        );
    }
    let rushey = workspace.former_practice("C82015").unwrap();
    assert_eq!(rushey.status.describe(), "Closed 30 Nov 2018");

    for (day, text) in [
        (Date::new(2014, 1, 1), "20140101"),
        (Date::new(2016, 6, 1), "20160601"),
        (Date::new(2018, 11, 1), "20181101"),
        (Date::new(2018, 12, 1), "20181201"),
        (Date::new(2021, 1, 1), "20210101"),
    ] {
        let on = workspace.registered_on(day.unwrap());
        assert_eq!(on.practices, open_on(text), "practices open on {text}");
    }
    let jan2021 = workspace.registered_on(Date::new(2021, 1, 1).unwrap());
    assert_eq!(jan2021.practices, registered.len());
    assert_eq!(jan2021.patients, Some(patients_jan2021));
    assert_eq!(patients_jan2021, 421_600);
    // The map gives no counts: the practices are known to be open, their patients not.
    let jan2022 = workspace.registered_on(Date::new(2022, 1, 1).unwrap());
    assert_eq!((jan2022.practices, jan2022.patients), (mapped.len(), None));
    assert_eq!(jan2022.without_count, mapped.len());

    // No "Unallocated" PCN, and the ten PCNs of the map.
    assert!(workspace
        .pcns
        .iter()
        .all(|p| !p.name.eq_ignore_ascii_case("unallocated")));
    assert_eq!(atlas_core::summary::Headline::of(&workspace).pcns, 10);
}

#[test]
fn unallocated_is_no_pcn_in_the_england_map() {
    let Some(file) = read("gp-reg-map-jan2022/gp-reg-pat-prac-map_jan2022_england.csv") else {
        return;
    };
    // Counted from the source rows: PCN_CODE is column 6.
    let unallocated = csv_rows(
        "gp-reg-map-jan2022/gp-reg-pat-prac-map_jan2022_england.csv",
        true,
    )
    .iter()
    .filter(|r| r[5] == "U")
    .count();
    assert_eq!(unallocated, 68);
    assert!(file
        .extract
        .pcns
        .iter()
        .all(|p| p.code != "U" && p.name != "Unallocated"));
    let without_pcn = file
        .extract
        .practices
        .iter()
        .filter(|p| p.pcn_code.is_none())
        .count();
    assert_eq!(without_pcn, unallocated);
    assert_says(
        &file,
        &format!("{unallocated} practices are \"Unallocated\" to a PCN"),
    );
    let (workspace, _) = combine(vec![file]);
    let headline = atlas_core::summary::Headline::of(&workspace);
    assert_eq!(
        headline.pcns,
        workspace.pcns.len() - 1,
        "the stand-in is not counted"
    );
}
