//! `pcatlas validate`: runs the binary on small files and checks what it prints and
//! its exit status (0 all read, 1 rows rejected, 2 a file unreadable or unrecognised).

use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh folder for this test's files.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pcatlas-validate-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs `pcatlas validate` and returns (exit status, standard output).
fn validate(files: &[PathBuf]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_pcatlas"))
        .arg("validate")
        .args(files)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    )
}

const PRACTICES: &str = "practice_code,practice_name,pcn_code,pcn_name,list_size\r\n\
C82005,Groby Road Medical Centre,U87499,G3 PCN,10500\r\n\
C82008,\"Oakmeadow Surgery, Leicester\",U48026,Leicester City & University PCN,8300\r\n";

#[test]
fn a_clean_file_exits_0() {
    let dir = folder("clean");
    let file = write(&dir, "practices.csv", PRACTICES);
    let (status, out) = validate(&[file]);
    assert_eq!(status, 0, "{out}");
    assert!(out.contains("format: Practices (canonical)"), "{out}");
    assert!(
        out.contains("rows: 2 read, 2 accepted, 0 rejected"),
        "{out}"
    );
    assert!(
        out.contains("together (Uploaded data): 2 practices in 2 PCNs"),
        "{out}"
    );
}

#[test]
fn rejected_rows_exit_1_and_name_line_column_and_value() {
    let dir = folder("rejected");
    let text = format!("{PRACTICES}C82019,Sturdee Road,U54764,Leicester City South PCN,abc\r\n");
    let file = write(&dir, "practices.csv", &text);
    let (status, out) = validate(&[file]);
    assert_eq!(status, 1, "{out}");
    assert!(
        out.contains("rows: 3 read, 2 accepted, 1 rejected"),
        "{out}"
    );
    assert!(
        out.contains("rejected: line 4, column \"list_size\" (\"abc\"): not a number; expected a whole number of patients, like 8123"),
        "{out}"
    );
}

#[test]
fn unrecognised_or_missing_files_exit_2() {
    let dir = folder("refused");
    let good = write(&dir, "practices.csv", PRACTICES);
    let odd = write(&dir, "odd.csv", "colour,size\nred,3\n");
    let (status, out) = validate(&[good.clone(), odd]);
    assert_eq!(status, 2, "{out}");
    assert!(out.contains("matches no known format"), "{out}");
    let (status, out) = validate(&[good, dir.join("absent.csv")]);
    assert_eq!(status, 2, "{out}");
    assert!(out.contains("cannot be opened"), "{out}");
}

#[test]
fn control_characters_from_files_are_escaped() {
    let dir = folder("escape");
    let text =
        "practice_code,practice_name,pcn_code,pcn_name,list_size\nC82005,Groby,U1,P,\x1b[31mred\n";
    let file = write(&dir, "practices.csv", text);
    let (status, out) = validate(&[file]);
    assert_eq!(status, 1, "{out}");
    assert!(!out.contains('\x1b'), "{out}");
    assert!(out.contains("\\u{1b}[31mred"), "{out}");
}

/// A file of the core crate's bad-input corpus.
fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../atlas-core/tests/corpus")
        .join(name)
}

#[test]
fn a_patient_file_is_checked_row_by_row() {
    let (status, out) = validate(&[corpus("patients_one_bad_row.csv")]);
    assert_eq!(status, 1, "{out}");
    assert!(
        out.contains("rows: 7 read, 6 accepted, 1 rejected"),
        "{out}"
    );
    assert!(
        out.contains("rejected: line 5, column \"age\" (\"two hundred\")"),
        "{out}"
    );
    assert!(
        out.contains("none of them is added to this workspace"),
        "{out}"
    );
}

#[test]
fn a_patient_file_with_nhs_numbers_under_any_name_exits_2_and_names_the_column() {
    let (status, out) = validate(&[corpus("patients_unlabelled_nhs_numbers.csv")]);
    assert_eq!(status, 2, "{out}");
    assert!(
        out.contains("refused: line 2, column \"ref\": column \"ref\" looks like NHS numbers"),
        "{out}"
    );
    // The identifier itself is never printed back.
    let numbers = std::fs::read_to_string(corpus("patients_unlabelled_nhs_numbers.csv")).unwrap();
    for line in numbers.lines().skip(1) {
        let number = line.rsplit(',').next().unwrap();
        assert!(!out.contains(number), "{number} printed: {out}");
    }
}
