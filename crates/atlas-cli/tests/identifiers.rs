//! Identifiers are refused wherever they are, however they are written: every form the
//! disclosure module names, in the first row and after row 100, through `pcatlas risk`,
//! `validate` and `bundle`. The file is refused naming the column, the value is never
//! printed back, and nothing of the file is written.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn pcatlas(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pcatlas"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pcatlas runs");
    let mut input = child.stdin.take().expect("stdin");
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().expect("pcatlas finishes")
}

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pcatlas-ids-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// The identifier forms of the issue: (what, the value, the column it is put in).
const FORMS: &[(&str, &str, &str)] = &[
    ("an NHS number with hyphens", "943-476-5919", "patient_id"),
    ("an NHS number with spaces", "401 023 2137", "ref"),
    ("a plain NHS number", "9434765919", "ref"),
    ("Excel's force-text apostrophe", "'4010232137", "patient_id"),
    ("a date of birth, ISO", "1950-01-01", "ref_date"),
    ("a date of birth, day first", "01/01/1950", "ref_date"),
];

/// A patient file of 150 good rows with `value` in `column` on data row `at` (0-based);
/// `every_other` puts it in every other row instead (a column exactly half identifiers).
fn patient_file(column: &str, value: &str, at: usize, every_other: bool) -> String {
    let mut text = String::from("patient_id,practice_code,age,sex,ref,ref_date,cms_dementia\n");
    for i in 0..150 {
        let hit = if every_other { i % 2 == 0 } else { i == at };
        let cell = |name: &str, default: String| {
            if hit && name == column {
                value.to_string()
            } else {
                default
            }
        };
        text.push_str(&format!(
            "{},C82037,{},F,{},{},{}\n",
            cell("patient_id", format!("P{i:05}")),
            50 + i % 40,
            cell("ref", format!("R{i}")),
            cell("ref_date", String::new()),
            i % 2
        ));
    }
    text
}

fn assert_refused_quietly(output: &Output, column: &str, value: &str, case: &str) {
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{case}: {stdout}{stderr}");
    let all = format!("{stdout}{stderr}");
    assert!(
        all.contains(&format!("column \"{column}\" looks like")),
        "{case}: {all}"
    );
    let bare = value.trim_start_matches('\'');
    assert!(
        !all.contains(bare),
        "{case}: the value is printed back: {all}"
    );
}

#[test]
fn risk_refuses_every_form_in_the_first_row_and_after_row_100() {
    for &(what, value, column) in FORMS {
        for at in [0, 120] {
            let case = format!("{what} in {column}, row {at}");
            let output = pcatlas(&["risk"], patient_file(column, value, at, false).as_bytes());
            assert_refused_quietly(&output, column, value, &case);
            assert!(output.stdout.is_empty(), "{case}: risk wrote a file");
        }
    }
    // A column exactly half NHS numbers.
    let output = pcatlas(
        &["risk"],
        patient_file("ref", "9434765919", 0, true).as_bytes(),
    );
    assert_refused_quietly(&output, "ref", "9434765919", "half the column");
    assert!(output.stdout.is_empty());
}

#[test]
fn validate_refuses_every_form_and_lists_no_row_of_the_file() {
    let dir = folder("validate");
    for &(what, value, column) in FORMS {
        for at in [0, 120] {
            let case = format!("{what} in {column}, row {at}");
            // A bad age too, whose rejected row would quote the line if it were kept.
            let text =
                patient_file(column, value, at, false).replacen(",50,F,", ",two hundred,F,", 1);
            let path = write(&dir, "patients.csv", &text);
            let output = pcatlas(&["validate", path.to_str().unwrap()], b"");
            assert_refused_quietly(&output, column, value, &case);
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(!stdout.contains("rejected:"), "{case}: {stdout}");
            assert!(!stdout.contains("two hundred"), "{case}: {stdout}");
        }
    }
}

#[test]
fn a_canonical_file_carrying_names_or_nhs_numbers_is_refused_and_nothing_is_bundled() {
    let dir = folder("canonical");
    let practices = write(
        &dir,
        "practices.csv",
        "practice_code,practice_name,pcn_code,pcn_name,list_size\nC82005,Groby Road Medical Centre,U87499,G3 PCN,10500\n",
    );
    // By its header: a name and an NHS number column beside the values.
    let named = write(
        &dir,
        "values.csv",
        "indicator_id,area_code,period,numerator,denominator,value,first_name,nhs_num\nregister_diabetes,C82005,2022/23,700,10500,,Ann,9434765919\nregister_diabetes,C82005,2023/24,not a number,10500,,Ann,9434765919\n",
    );
    let output = pcatlas(&["validate", named.to_str().unwrap()], b"");
    assert_refused_quietly(&output, "first_name", "9434765919", "named columns");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("and so are nhs_num"), "{stdout}");
    assert!(!stdout.contains("Ann"), "{stdout}");

    // By its values: an NHS number after row 100 in a column with an innocent name.
    let mut text = String::from("indicator_id,area_code,period,numerator,denominator,value,note\n");
    for year in 0..130 {
        let note = if year == 120 {
            "'943 476 5919"
        } else {
            "checked"
        };
        text.push_str(&format!(
            "register_diabetes,C82005,{}/{:02},700,10500,,{note}\n",
            1900 + year,
            (year + 1) % 100
        ));
    }
    let noted = write(&dir, "noted.csv", &text);
    let output = pcatlas(&["validate", noted.to_str().unwrap()], b"");
    assert_refused_quietly(&output, "note", "943 476 5919", "a note column");

    // A bundle of it writes nothing.
    let out = dir.join("site");
    let output = pcatlas(
        &[
            "bundle",
            "--out",
            out.to_str().unwrap(),
            practices.to_str().unwrap(),
            noted.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(!out.join("atlas-bundle.json").exists());
}
