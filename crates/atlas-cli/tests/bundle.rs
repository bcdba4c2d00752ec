//! `pcatlas bundle --out DIR FILE...`: the report and exit status of `validate`, a
//! bundle that reads back, disclosure control before writing, and nothing written for
//! patient-level or unreadable files.

use atlas_core::bundle::{read, FILE_NAME};
use std::path::{Path, PathBuf};
use std::process::Command;

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pcatlas-bundle-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs `pcatlas bundle --out OUT FILES` and returns (status, stdout, stderr).
fn run_bundle(out: &Path, files: &[PathBuf]) -> (i32, String, String) {
    run_bundle_with(out, &[], files)
}

/// [`run_bundle`] with more options before the files.
fn run_bundle_with(out: &Path, options: &[&str], files: &[PathBuf]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_pcatlas"))
        .arg("bundle")
        .arg("--out")
        .arg(out)
        .args(options)
        .args(files)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

const PRACTICES: &str = "practice_code,practice_name,pcn_code,pcn_name,list_size\n\
C82005,Groby Road Medical Centre,U87499,G3 PCN,10500\n\
C82008,Oakmeadow Surgery,U48026,Leicester City & University PCN,8300\n";

const VALUES: &str = "indicator_id,area_code,period,numerator,denominator,value\n\
register_diabetes,C82005,2022/23,3,10500,\n\
register_diabetes,C82008,2022/23,700,8300,\n";

#[test]
fn a_bundle_is_written_with_small_counts_removed() {
    let dir = folder("clean");
    let files = [
        write(&dir, "practices.csv", PRACTICES),
        write(&dir, "values.csv", VALUES),
    ];
    let out = dir.join("site-data");
    let (status, stdout, stderr) = run_bundle(&out, &files);
    assert_eq!(status, 0, "{stdout}{stderr}");
    // The validate report, then what was written.
    assert!(stdout.contains("practices.csv\n  format: "), "{stdout}");
    assert!(
        stdout.contains("rows: 2 read, 2 accepted, 0 rejected"),
        "{stdout}"
    );
    assert!(
        stdout.contains("2 practices, 2 series; 1 points suppressed"),
        "{stdout}"
    );
    let bundle = read(&std::fs::read_to_string(out.join(FILE_NAME)).unwrap()).unwrap();
    assert_eq!(bundle.files, ["practices.csv", "values.csv"]);
    assert_eq!(bundle.workspace.practices.len(), 2);
    let series = bundle
        .workspace
        .series
        .iter()
        .find(|s| s.area_code == "C82005")
        .unwrap();
    assert_eq!(series.points[0].numerator, None);
    let other = bundle
        .workspace
        .series
        .iter()
        .find(|s| s.area_code == "C82008")
        .unwrap();
    assert_eq!(other.points[0].numerator, Some(700.0));
}

#[test]
fn rejected_rows_exit_1_and_the_rest_is_written() {
    let dir = folder("rejected");
    let bad = format!("{VALUES}register_diabetes,C82008,not a period,5,10,\n");
    let files = [
        write(&dir, "practices.csv", PRACTICES),
        write(&dir, "values.csv", &bad),
    ];
    let out = dir.join("out");
    let (status, stdout, _) = run_bundle(&out, &files);
    assert_eq!(status, 1, "{stdout}");
    assert!(stdout.contains("rejected: line 4"), "{stdout}");
    assert!(out.join(FILE_NAME).exists());
}

#[test]
fn patient_level_and_unreadable_files_write_nothing() {
    let dir = folder("refused");
    let patients = write(
        &dir,
        "patients.csv",
        "patient_id,practice_code,age,sex,cms_dementia\nP1,C82005,80,F,1\n",
    );
    let practices = write(&dir, "practices.csv", PRACTICES);
    let out = dir.join("out");
    let (status, _, stderr) = run_bundle(&out, &[practices.clone(), patients]);
    assert_eq!(status, 2);
    assert!(stderr.contains("patients.csv is patient-level"), "{stderr}");
    assert!(!out.join(FILE_NAME).exists());

    let (status, stdout, stderr) = run_bundle(&out, &[practices, dir.join("missing.csv")]);
    assert_eq!(status, 2);
    assert!(stdout.contains("missing.csv: cannot be opened"), "{stdout}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert!(!out.join(FILE_NAME).exists());
}

/// Registrations (NHS Digital's all-persons layout) for two practices.
const REGISTRATIONS: &str = "PUBLICATION,EXTRACT_DATE,TYPE,CCG_CODE,ONS_CCG_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS\n\
GP_PRAC_PAT_LIST,01Jan2021,GP,04C,E38000097,C82005,LE3 9QP,ALL,ALL,10500\n\
GP_PRAC_PAT_LIST,01Jan2021,GP,04C,E38000097,C82008,LE1 7HA,ALL,ALL,8300\n";

#[test]
fn the_day_of_extract_is_recorded_with_each_publication() {
    let dir = folder("extracted");
    let files = [
        write(&dir, "registrations.csv", REGISTRATIONS),
        write(&dir, "values.csv", VALUES),
    ];
    let out = dir.join("site-data");
    let (status, stdout, stderr) = run_bundle_with(&out, &["--extracted", "2026-06-30"], &files);
    assert!(status <= 1, "{stdout}{stderr}");
    let bundle = read(&std::fs::read_to_string(out.join(FILE_NAME)).unwrap()).unwrap();
    let provenance = &bundle.workspace.provenance;
    let qof = provenance
        .iter()
        .find(|e| e.publication.starts_with("Quality and Outcomes Framework"))
        .unwrap_or_else(|| panic!("no QOF entry in {provenance:?}"));
    assert_eq!(qof.indicators, ["register_diabetes"]);
    assert_eq!(qof.extracted.as_deref(), Some("2026-06-30"));
    assert_eq!(qof.first_period, qof.last_period);
    assert!(qof.published);
    assert!(provenance
        .iter()
        .any(|e| e.publication.starts_with("Patients Registered")));

    // Not a day: refused before anything is read or written.
    let refused = dir.join("refused");
    let (status, _, stderr) = run_bundle_with(&refused, &["--extracted", "30/06/2026"], &files);
    assert_eq!(status, 2);
    assert!(
        stderr.contains("--extracted 30/06/2026 is not a day; expected YYYY-MM-DD"),
        "{stderr}"
    );
    assert!(!refused.join(FILE_NAME).exists());
}
