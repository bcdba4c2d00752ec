//! The bad-input corpus (`tests/corpus/`): for every file, a clear message naming the
//! line and column where there is one, no panic, and the good rows kept.

use atlas_core::ingest::report::{rejected_rows_table, MAX_PROBLEMS_LISTED};
use atlas_core::ingest::{combine, load, read_file, Format, Problem, ReadFile, Severity};
use atlas_core::stats::benchmark::ComparisonMethod;
use proptest::prelude::*;
use std::path::Path;

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus");

fn read(name: &str) -> ReadFile {
    let path = Path::new(CORPUS).join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    read_file(name, bytes.as_slice())
}

/// Rows read, accepted and rejected.
fn counts(file: &ReadFile) -> (u64, u64, u64) {
    let r = &file.report;
    (r.rows_read, r.rows_accepted, r.rows_rejected)
}

/// The one problem of this severity on this line, whose reason contains `fragment`.
fn problem<'a>(file: &'a ReadFile, severity: Severity, line: u64, fragment: &str) -> &'a Problem {
    file.report
        .problems
        .iter()
        .find(|p| p.severity == severity && p.line == Some(line) && p.reason.contains(fragment))
        .unwrap_or_else(|| {
            panic!(
                "{}: no {severity:?} on line {line} containing {fragment:?} in {:#?}",
                file.file_name, file.report.problems
            )
        })
}

/// The problem that refused the file as a whole.
fn refusal(file: &ReadFile) -> &Problem {
    file.report
        .problems
        .iter()
        .find(|p| p.severity == Severity::FileRefused)
        .unwrap_or_else(|| panic!("{} was not refused: {:#?}", file.file_name, file.report))
}

/// The file was refused as a whole with a reason containing `fragment`.
fn assert_refused(name: &str, fragment: &str) {
    let file = read(name);
    let refusal = refusal(&file);
    assert!(
        refusal.reason.contains(fragment),
        "{name}: {}",
        refusal.reason
    );
    assert!(file.extract.practices.is_empty() && file.extract.series.is_empty());
}

fn practice_names(file: &ReadFile) -> Vec<&str> {
    file.extract
        .practices
        .iter()
        .filter_map(|p| p.name.as_deref())
        .collect()
}

#[test]
fn unreadable_files_are_refused_with_a_reason() {
    assert_refused("empty.csv", "the file is empty");
    assert_refused("whitespace_only.csv", "the file is empty");
    assert_refused("binary.bin", "not a text file");
    assert_refused("workbook.xlsx", "spreadsheet workbook");
    assert_refused("utf16.csv", "UTF-16");
    assert_refused("semicolon.csv", "separated by semicolons");
    assert_refused("tabs.csv", "separated by tabs");
    assert_refused("unrecognised_header.csv", "matches no known format");
    // No message names a file inside the project: the Data page lists what is read.
    assert_refused(
        "unrecognised_header.csv",
        "the Data page lists them, with where to get each",
    );
    assert_refused("missing_column.csv", "missing column list_size");
    assert_refused("prevalence_without_year.csv", "cannot tell the QOF year");
    assert_refused("workforce_without_month.csv", "cannot tell which month");
    assert_refused(
        "identifiable_list.csv",
        "column \"NHS Number\" looks like NHS numbers (ten digits passing the Modulus 11 check; use a pseudonymous patient_id instead), a direct identifier (and so are Surname, Date of Birth)",
    );
    assert_refused(
        "patients_with_nhs_number.csv",
        "column \"nhs_number\" looks like NHS numbers",
    );
}

#[test]
fn an_anonymised_patient_file_is_checked_row_by_row_and_adds_nothing() {
    let file = read("patients_one_bad_row.csv");
    assert_eq!(file.format, Some(Format::Patients));
    assert_eq!(counts(&file), (7, 6, 1));
    let p = problem(&file, Severity::RowRejected, 5, "age");
    assert_eq!(p.value.as_deref(), Some("two hundred"));
    assert!(file
        .report
        .problems
        .iter()
        .any(|p| p.line.is_none() && p.reason == atlas_core::ingest::PATIENT_FILE_NOT_KEPT));
    assert!(file.report.patient_level);
    // Patient rows never join a workspace, nor come back whole in the report.
    assert!(file.report.rejected_rows.is_empty());
    assert!(file.extract.practices.is_empty() && file.extract.series.is_empty());
    let alone = load(vec![file.clone()]);
    assert!(alone.workspace.practices.is_empty());
    assert!(alone.only_patient_files());

    // Beside a practices file, what browser storage keeps of it quotes no value.
    let loaded = load(vec![file, read("bom_crlf.csv")]);
    assert!(!loaded.only_patient_files());
    assert!(!loaded.workspace.practices.is_empty());
    let stored = serde_json::to_string(&loaded.for_storage().expect("a patient report")).unwrap();
    assert!(!stored.contains("two hundred"), "{stored}");
    assert!(
        stored.contains("line") && stored.contains("age"),
        "{stored}"
    );
    let shown = serde_json::to_string(&loaded).unwrap();
    assert!(shown.contains("two hundred"));
    // Without a patient file, storage keeps the load as it is.
    assert!(load(vec![read("bom_crlf.csv")]).for_storage().is_none());
}

#[test]
fn a_patient_file_may_call_its_pseudonymous_id_any_name_ingest_recognises() {
    // One list of id names (disclosure::PATIENT_ID_COLUMNS), in recognising and reading.
    for id in atlas_core::disclosure::PATIENT_ID_COLUMNS {
        let file = read_file(
            "cohort.csv",
            format!("{id},practice_code,age,sex\nP001,C82037,54,F\nP002,C82037,61,M\n").as_bytes(),
        );
        assert_eq!(file.format, Some(Format::Patients), "{id}");
        assert!(!file.report.refused(), "{id}: {:?}", file.report.problems);
        assert_eq!(file.report.rows_accepted, 2, "{id}");
    }
    // Without its practice column it is refused, saying which column is missing.
    let file = read_file("cohort.csv", "pseudo_id,age,sex\nP001,54,F\n".as_bytes());
    assert!(file.report.refused());
    assert!(file.report.problems[0]
        .reason
        .contains("no \"practice_code\" column"));
}

#[test]
fn direct_identifiers_in_a_patient_file_refuse_it_whatever_the_column_is_called() {
    // Found by their values, naming the column, never quoting the value.
    for (name, column, what) in [
        ("patients_unlabelled_nhs_numbers.csv", "ref", "NHS numbers"),
        ("patients_full_postcodes.csv", "home_area", "full postcodes"),
        ("patients_dates_of_birth.csv", "age", "dates of birth"),
        ("patients_names.csv", "Name", "people's names"),
    ] {
        let file = read(name);
        assert_eq!(file.format, Some(Format::Patients), "{name}");
        let refusal = refusal(&file);
        assert_eq!(refusal.column.as_deref(), Some(column), "{name}");
        assert!(refusal.reason.contains(what), "{name}: {}", refusal.reason);
        let reason = refusal.reason.to_lowercase();
        assert!(
            reason.contains("nothing of this file was kept"),
            "{name}: {reason}"
        );
        assert!(refusal.value.is_none(), "{name}");
        assert_eq!(file.report.rows_accepted, 0, "{name}");
        assert!(file.report.rejected_rows.is_empty(), "{name}");
    }
}

#[test]
fn a_header_alone_is_read_with_a_warning() {
    let file = read("header_only.csv");
    assert_eq!(file.format, Some(Format::Practices));
    assert_eq!(counts(&file), (0, 0, 0));
    assert!(file.report.problems[0].reason.contains("no data rows"));
}

#[test]
fn a_truncated_quote_rejects_the_rest_and_keeps_what_came_before() {
    let file = read("truncated_quote.csv");
    assert_eq!(counts(&file), (2, 1, 1));
    problem(&file, Severity::RowRejected, 3, "closing quote");
    assert_eq!(file.extract.practices[0].code, "C82005");
}

#[test]
fn non_numeric_counts_name_line_column_and_value() {
    let file = read("non_numeric_counts.csv");
    assert_eq!(counts(&file), (4, 2, 2));
    let p = problem(
        &file,
        Severity::RowRejected,
        3,
        "expected a whole number of patients, like 8123",
    );
    assert_eq!(p.column.as_deref(), Some("list_size"));
    assert_eq!(p.value.as_deref(), Some("lots"));
    assert_eq!(
        p.to_string(),
        "line 3, column \"list_size\" (\"lots\"): not a number; expected a whole number of patients, like 8123"
    );
    problem(&file, Severity::RowRejected, 5, "the cell is empty");
    let sizes: u64 = file.extract.list_sizes.iter().map(|s| s.list_size).sum();
    assert_eq!(sizes, 10_500 + 5_800);
}

#[test]
fn rejected_rows_come_back_as_written_to_be_mended_and_loaded_again() {
    let file = read("non_numeric_counts.csv");
    let report = &file.report;
    assert_eq!(
        report.columns,
        [
            "practice_code",
            "practice_name",
            "pcn_code",
            "pcn_name",
            "list_size"
        ]
    );
    let lines: Vec<u64> = report.rejected_rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 5]);
    let table = rejected_rows_table(report).expect("two rejected rows");
    let csv = table.to_csv();
    let mut rows = csv.lines();
    assert_eq!(
        rows.next(),
        Some("Line,Why it was rejected,practice_code,practice_name,pcn_code,pcn_name,list_size")
    );
    assert_eq!(
        rows.next(),
        Some("3,\"not a number; expected a whole number of patients, like 8123\",C82008,Oakmeadow,U2,City PCN,lots")
    );
    assert!(rows
        .next()
        .is_some_and(|r| r.starts_with("5,") && r.ends_with(",C82020,Hockley Farm,U2,City PCN,")));
    assert_eq!(rows.next(), None);

    // Mended, the download loads as it is: its two extra columns are left aside.
    let mended = csv
        .replace(",lots", ",8300")
        .replace("City PCN,\r\n", "City PCN,7000\r\n");
    let again = read_file("mended.csv", mended.as_bytes());
    assert_eq!(again.format, Some(Format::Practices));
    assert_eq!(counts(&again), (2, 2, 0), "{:#?}", again.report.problems);

    // A file with nothing rejected has no such table.
    assert!(rejected_rows_table(&read("bom_crlf.csv").report).is_none());

    // A row with fields beyond the header keeps them, under a column that says so.
    let ragged = read("ragged_rows.csv");
    let table = rejected_rows_table(&ragged.report).expect("a ragged row");
    assert!(table
        .columns
        .iter()
        .any(|c| c.contains("beyond the header")));
}

#[test]
fn rejected_rows_handed_back_are_those_listed() {
    let mut text = String::from("practice_code,practice_name,pcn_code,pcn_name,list_size\n");
    for i in 0..1_500 {
        text.push_str(&format!("C{:05},Practice {i},U1,G3 PCN,lots\n", 10_000 + i));
    }
    let file = read_file("many_bad.csv", text.as_bytes());
    assert_eq!(file.report.rows_rejected, 1_500);
    assert_eq!(file.report.rejected_rows.len(), MAX_PROBLEMS_LISTED);
    assert_eq!(
        file.report.rejected_rows.last().map(|r| r.line),
        Some(1_001)
    );
    assert!(file
        .report
        .problems
        .last()
        .is_some_and(|p| p.reason == "500 more problems are not listed here"));
}

#[test]
fn nan_and_infinity_are_not_numbers() {
    let file = read("nan_infinity.csv");
    assert_eq!(counts(&file), (5, 2, 3));
    assert_eq!(
        problem(&file, Severity::RowRejected, 3, "finite")
            .column
            .as_deref(),
        Some("numerator")
    );
    assert_eq!(
        problem(&file, Severity::RowRejected, 4, "finite")
            .column
            .as_deref(),
        Some("denominator")
    );
    assert_eq!(
        problem(&file, Severity::RowRejected, 5, "finite")
            .column
            .as_deref(),
        Some("value")
    );
    // A negative value is a value; a negative count is not.
    let kept = file
        .extract
        .series
        .iter()
        .find(|s| s.series.area_code == "C82024")
        .unwrap();
    assert_eq!(kept.series.points[0].value, Some(-3.5));
}

#[test]
fn negative_counts_are_rejected() {
    let file = read("negative_counts.csv");
    assert_eq!(counts(&file), (3, 2, 1));
    let p = problem(&file, Severity::RowRejected, 3, "negative");
    assert_eq!(p.column.as_deref(), Some("NUMBER_OF_PATIENTS"));
    assert_eq!(p.value.as_deref(), Some("-8800"));
    assert_eq!(file.extract.list_sizes.len(), 2);
}

#[test]
fn numerator_above_denominator_is_kept_with_a_warning() {
    let file = read("numerator_above_denominator.csv");
    assert_eq!(counts(&file), (3, 3, 0));
    let p = problem(&file, Severity::Warning, 2, "above the denominator");
    assert_eq!(p.column.as_deref(), Some("numerator"));
    problem(&file, Severity::Warning, 4, "denominator of 0");
    assert_eq!(file.extract.series.len(), 3);
}

#[test]
fn duplicate_keys_keep_the_first() {
    let file = read("duplicate_practices.csv");
    assert_eq!(counts(&file), (3, 2, 1));
    problem(&file, Severity::RowRejected, 4, "already on line 2");
    assert_eq!(practice_names(&file), ["Groby Road", "Oakmeadow"]);

    let file = read("duplicate_indicator_rows.csv");
    assert_eq!(counts(&file), (3, 2, 1));
    problem(&file, Severity::RowRejected, 4, "already on line 2");
    assert_eq!(
        file.extract.series[0].series.points[0].numerator,
        Some(40.0)
    );
}

#[test]
fn unknown_practices_are_kept_with_a_warning_when_combined() {
    let practices = read("bom_crlf.csv");
    let values = read("unknown_practices.csv");
    assert_eq!(counts(&values), (3, 3, 0));
    let (workspace, reports) = combine(vec![practices, values]);
    let warning = reports[1]
        .problems
        .iter()
        .find(|p| p.value.as_deref() == Some("Z99999"))
        .expect("a warning about Z99999");
    assert_eq!(warning.severity, Severity::Warning);
    assert_eq!(warning.line, Some(3));
    assert!(warning.reason.contains("not among the practices"));
    // Only codes shaped like practice codes are questioned: E38000097 is an area.
    assert!(!reports[1]
        .problems
        .iter()
        .any(|p| p.value.as_deref() == Some("E38000097")));
    assert_eq!(workspace.series.len(), 3);
}

#[test]
fn windows_1252_names_are_decoded() {
    let file = read("windows1252_names.csv");
    assert_eq!(counts(&file), (2, 2, 0));
    assert_eq!(
        practice_names(&file),
        ["Café Medical Centre", "Naïve Surgery, Leicester"]
    );
    assert_eq!(file.extract.pcns[0].name, "St Mary\u{2019}s PCN");
}

#[test]
fn formulas_and_markup_in_names_are_kept_literally() {
    let file = read("formula_and_markup_names.csv");
    assert_eq!(counts(&file), (3, 3, 0));
    assert_eq!(
        practice_names(&file),
        [
            "=HYPERLINK(\"http://example.invalid\")",
            "<img src=x onerror=alert(1)>",
            "-2+3"
        ]
    );
    let pcns: Vec<&str> = file.extract.pcns.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        pcns,
        [
            "+SUM(A1:A9)",
            "@cmd|' /C calc'!A0",
            "<script>alert(1)</script>"
        ]
    );
    let cell = atlas_core::export::csv_cell(practice_names(&file)[0]);
    assert!(cell.starts_with("\"'="), "{cell}");
}

#[test]
fn byte_order_mark_and_crlf_are_read() {
    let file = read("bom_crlf.csv");
    assert_eq!(file.format, Some(Format::Practices));
    assert_eq!(counts(&file), (2, 2, 0));
    assert_eq!(file.extract.practices[0].code, "C82005");
}

#[test]
fn ragged_rows_are_rejected_and_trailing_empty_fields_allowed() {
    let file = read("ragged_rows.csv");
    assert_eq!(counts(&file), (4, 2, 2));
    problem(
        &file,
        Severity::RowRejected,
        3,
        "4 fields where the header has 5",
    );
    problem(
        &file,
        Severity::RowRejected,
        4,
        "missing its surrounding quotes",
    );
}

#[test]
fn bad_periods_say_what_a_period_looks_like() {
    let file = read("bad_periods.csv");
    assert_eq!(counts(&file), (4, 1, 3));
    for line in [3, 4, 5] {
        let p = problem(
            &file,
            Severity::RowRejected,
            line,
            "expected a month like 2022-03",
        );
        assert_eq!(p.column.as_deref(), Some("period"));
    }
}

#[test]
fn an_isolated_period_is_questioned() {
    let file = read("isolated_period.csv");
    assert_eq!(counts(&file), (4, 4, 0));
    let p = problem(&file, Severity::Warning, 5, "check the year");
    assert_eq!(p.value.as_deref(), Some("2002-04"));
}

#[test]
fn bad_dates_and_months_in_national_files() {
    let file = read("bad_extract_dates.csv");
    assert_eq!(counts(&file), (5, 1, 4));
    // A typed year: after today, or before the NHS began.
    problem(
        &file,
        Severity::RowRejected,
        5,
        "2099-01-01 is in the future",
    );
    problem(
        &file,
        Severity::RowRejected,
        6,
        "1900-01-01 is before the NHS began (1948)",
    );
    let p = problem(
        &file,
        Severity::RowRejected,
        3,
        "expected an extract date like 01JAN2021",
    );
    assert_eq!(p.column.as_deref(), Some("EXTRACT_DATE"));
    problem(&file, Severity::RowRejected, 4, "expected an extract date");

    let file = read("bad_appointment_months.csv");
    assert_eq!(counts(&file), (4, 2, 2));
    let p = problem(
        &file,
        Severity::RowRejected,
        3,
        "expected a month like MAR2019",
    );
    assert_eq!(p.column.as_deref(), Some("Appointment_Month"));
    let p = problem(&file, Severity::Warning, 4, "not an appointment mode");
    assert_eq!(p.value.as_deref(), Some("Carrier Pigeon"));
    problem(&file, Severity::RowRejected, 5, "not a whole number");
}

#[test]
fn fractional_counts_and_thousands_separators() {
    let file = read("fractional_list_size.csv");
    assert_eq!(counts(&file), (2, 1, 1));
    problem(&file, Severity::RowRejected, 2, "not a whole number");
    assert_eq!(file.extract.list_sizes[0].list_size, 8_300);

    let file = read("thousands_and_spaces.csv");
    assert_eq!(counts(&file), (2, 2, 0));
    let sizes: Vec<u64> = file
        .extract
        .list_sizes
        .iter()
        .map(|s| s.list_size)
        .collect();
    assert_eq!(sizes, [10_500, 8_300]);
    assert_eq!(practice_names(&file), ["Groby Road", "Oakmeadow"]);
}

#[test]
fn metadata_and_targets_explain_what_is_accepted() {
    let file = read("bad_metadata.csv");
    assert_eq!(counts(&file), (5, 2, 3));
    problem(
        &file,
        Severity::RowRejected,
        3,
        "expected a domain: access, quality",
    );
    problem(
        &file,
        Severity::RowRejected,
        4,
        "expected a unit: proportion, rate per N",
    );
    problem(
        &file,
        Severity::RowRejected,
        5,
        "expected a polarity: high is good",
    );
    assert_eq!(file.extract.indicators.len(), 2);

    // The optional comparison method: read when given, named when wrong, and SPC for
    // proportions refused for a measure that is no proportion.
    let metadata = "indicator_id,name,domain,unit,polarity,comparison_method\n\
        dm,Diabetes prevalence,outcomes,proportion,no judgement,SPC-99.8\n\
        ci,Continuity,access,mean,high is good,\n\
        x1,Bad method,access,proportion,high is good,funnel\n\
        x2,SPC on a mean,access,mean,high is good,spc-95\n";
    let file = read_file("metadata_methods.csv", metadata.as_bytes());
    assert_eq!(counts(&file), (4, 2, 2));
    let method = |id: &str| {
        file.extract
            .indicators
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.comparison)
    };
    assert_eq!(method("dm"), Some(ComparisonMethod::Spc99_8));
    assert_eq!(method("ci"), Some(ComparisonMethod::OverlapBoth));
    let wrong = problem(
        &file,
        Severity::RowRejected,
        4,
        "expected a comparison method: overlap-both",
    );
    assert_eq!(wrong.column.as_deref(), Some("comparison_method"));
    assert_eq!(wrong.value.as_deref(), Some("funnel"));
    problem(
        &file,
        Severity::RowRejected,
        5,
        "SPC for proportions needs a proportion",
    );

    let file = read("bad_targets.csv");
    assert_eq!(counts(&file), (3, 1, 2));
    problem(
        &file,
        Severity::RowRejected,
        3,
        "not after the baseline period",
    );
    problem(&file, Severity::RowRejected, 4, "already on line 2");
    let (workspace, reports) = combine(vec![file]);
    assert_eq!(workspace.targets.len(), 1);
    assert!(reports[0]
        .problems
        .iter()
        .any(|p| p.value.as_deref() == Some("screening")
            && p.reason
                .contains("no file has values or metadata for indicator screening")));
}

#[test]
fn qof_register_problems() {
    let file = read("PREVALENCE_2223_bad.csv");
    assert_eq!(counts(&file), (4, 2, 2));
    let p = problem(&file, Severity::Warning, 3, "above the list size");
    assert_eq!(
        p.value.as_deref(),
        Some("11000.0"),
        "values are quoted as read"
    );
    assert_eq!(
        problem(&file, Severity::RowRejected, 4, "register")
            .column
            .as_deref(),
        Some("REGISTER")
    );
    problem(
        &file,
        Severity::RowRejected,
        5,
        "already has a register for group AF on line 2",
    );
}

#[test]
fn blank_lines_and_quoted_line_breaks_keep_line_numbers_right() {
    let file = read("blank_lines.csv");
    assert_eq!(counts(&file), (2, 1, 1));
    problem(&file, Severity::RowRejected, 6, "whole number of patients");

    let file = read("quoted_newlines.csv");
    assert_eq!(counts(&file), (2, 1, 1));
    assert_eq!(practice_names(&file), ["Groby Road Medical Centre"]);
    problem(&file, Severity::RowRejected, 4, "whole number of patients");
}

#[test]
fn bad_locations_keep_the_practice_without_one() {
    let file = read("bad_locations.csv");
    assert_eq!(counts(&file), (3, 3, 0));
    assert_eq!(
        problem(&file, Severity::Warning, 3, "out of range")
            .column
            .as_deref(),
        Some("lat")
    );
    problem(&file, Severity::Warning, 4, "only one of lat and lon");
    let located: Vec<bool> = file
        .extract
        .practices
        .iter()
        .map(|p| p.location.is_some())
        .collect();
    assert_eq!(located, [true, false, false]);
}

#[test]
fn header_names_in_any_case_and_spacing() {
    let file = read("header_spelling.csv");
    assert_eq!(file.format, Some(Format::Practices));
    assert_eq!(counts(&file), (1, 1, 0));
}

#[test]
fn empty_and_spaced_codes_are_rejected() {
    let file = read("bad_codes.csv");
    assert_eq!(counts(&file), (4, 1, 3));
    problem(
        &file,
        Severity::RowRejected,
        3,
        "expected a practice code, like C82037",
    );
    problem(&file, Severity::RowRejected, 4, "contains spaces");
    problem(&file, Severity::RowRejected, 5, "expected a practice name");
}

#[test]
fn a_ten_megabyte_line_is_rejected_and_quoted_back_short() {
    let mut text = String::from("practice_code,practice_name,pcn_code,pcn_name,list_size\n");
    text.push_str("C82005,");
    text.push_str(&"x".repeat(10 * 1024 * 1024));
    text.push_str(",U1,G3 PCN,10500\nC82008,Oakmeadow,U2,City PCN,8300\n");
    let file = read_file("long_line.csv", text.as_bytes());
    assert_eq!(counts(&file), (2, 1, 1));
    // Longer than any row (1 MB): skipped as it streams past, never held whole.
    problem(
        &file,
        Severity::RowRejected,
        2,
        "the line is 10,485,783 bytes long", // 7 + 10 MiB + 16
    );
    // Too long to hand back whole: its line and reason, without its 10 MB.
    assert_eq!(file.report.rejected_rows.len(), 1);
    assert_eq!(file.report.rejected_rows[0].fields, None);
    let csv = rejected_rows_table(&file.report).unwrap().to_csv();
    assert!(
        csv.len() < 1_000 && csv.contains("too long to include"),
        "{csv}"
    );

    // One 10 MB line and nothing else: not a header anyone knows.
    let line = "y".repeat(10 * 1024 * 1024);
    let file = read_file("one_line.csv", line.as_bytes());
    let refusal = &file.report.problems[0];
    assert_eq!(refusal.severity, Severity::FileRefused);
    assert!(refusal.reason.len() < 1_000);
}

#[test]
fn the_corpus_has_at_least_thirty_files_and_none_panics() {
    let entries: Vec<_> = std::fs::read_dir(CORPUS).unwrap().flatten().collect();
    assert!(entries.len() >= 30, "{} files", entries.len());
    for entry in entries {
        let name = entry.file_name().to_string_lossy().into_owned();
        let file = read(&name);
        // Every problem says where it is, or is about the whole file.
        for p in &file.report.problems {
            assert!(!p.reason.is_empty(), "{name}");
        }
        let (read, accepted, rejected) = counts(&file);
        assert_eq!(read, accepted + rejected, "{name}");
        // Each rejected row handed back is one the report lists as rejected.
        assert!(file.report.rejected_rows.len() as u64 <= rejected, "{name}");
        for row in &file.report.rejected_rows {
            problem(&file, Severity::RowRejected, row.line, "");
        }
    }
}

/// Headers of every format, to put random rows under.
const HEADERS: [&str; 8] = [
    "practice_code,practice_name,pcn_code,pcn_name,list_size,postcode,lat,lon",
    "indicator_id,area_code,period,numerator,denominator,value",
    "indicator_id,area_code,baseline_period,baseline_value,target_value,target_period",
    "PUBLICATION,EXTRACT_DATE,TYPE,CCG_CODE,ONS_CCG_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS",
    "PRACTICE_CODE,GROUP_CODE,REGISTER,PATIENT_LIST_TYPE,PRACTICE_LIST_SIZE",
    "CCG_CODE,CCG_NAME,Appointment_Month,APPT_STATUS,HCP_TYPE,APPT_MODE,COUNT_OF_APPOINTMENTS",
    "Indicator ID,Indicator Name,Area Code,Sex,Category Type,Time period,Value,Count,Denominator",
    "PRAC_CODE,PRAC_NAME,TOTAL_PATIENTS,TOTAL_GP_FTE",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let file = read_file("random.csv", bytes.as_slice());
        let (read, accepted, rejected) = counts(&file);
        prop_assert_eq!(read, accepted + rejected);
    }

    #[test]
    fn random_rows_under_real_headers_never_panic(
        header in 0..HEADERS.len(),
        body in "[A-Za-z0-9,\"\r\n .;/+=@-]{0,600}",
    ) {
        let text = format!("{}\n{body}", HEADERS[header]);
        let file = read_file("PREVALENCE_2223 September 2023.csv", text.as_bytes());
        let (read, accepted, rejected) = counts(&file);
        prop_assert_eq!(read, accepted + rejected);
        let _ = combine(vec![file]);
    }
}

#[test]
fn codes_list_sizes_and_periods_that_would_mislead_are_named() {
    // A lower-case code is the same practice; a zero-width space, a soft hyphen, a
    // Cyrillic С or a stray byte makes no second practice; a list of 10^15 or 2^32 is a
    // slip; a financial year of ten digits is no year (it overflowed month arithmetic).
    let practices = "practice_code,practice_name,pcn_code,pcn_name,list_size\n\
        c82005,Groby Road,u87499,G3 PCN,10500\n\
        C82\u{200b}008,Oakmeadow,U87499,G3 PCN,8300\n\
        C82\u{ad}010,Westcotes,U87499,G3 PCN,9100\n\
        \u{421}82011,Heatherbrook,U87499,G3 PCN,9000\n\
        C82012,Huge,U87499,G3 PCN,1000000000000000\n\
        C82013,Wrapped,U87499,G3 PCN,4294967296\n";
    let file = read_file("practices.csv", practices.as_bytes());
    assert_eq!(counts(&file), (6, 1, 5));
    assert_eq!(file.extract.practices[0].code, "C82005");
    for line in [3, 4, 5] {
        problem(&file, Severity::RowRejected, line, "which no code has");
    }
    problem(
        &file,
        Severity::RowRejected,
        6,
        "more patients than any practice has",
    );
    problem(
        &file,
        Severity::RowRejected,
        7,
        "more patients than any practice has",
    );
    let indicators = "indicator_id,area_code,period,numerator,denominator\n\
        flu,C82005,2023002022/23,5,10\n\
        flu,c82005,2022/23,5,10\n";
    let file = read_file("indicators.csv", indicators.as_bytes());
    assert_eq!(counts(&file), (2, 1, 1));
    problem(&file, Severity::RowRejected, 2, "2023002022/23");
    assert_eq!(file.extract.series[0].series.area_code, "C82005");
}

proptest! {
    // Any text that reads as a period can be placed on the calendar without overflow.
    #[test]
    fn every_period_that_parses_has_a_month_index(text in "[0-9]{1,12}(/[0-9]{1,3}|-[0-9]{1,3}|-Q[0-9])") {
        if let Ok(period) = atlas_core::model::Period::parse(&text) {
            let index = period.month_index();
            prop_assert!(index.abs() < 12 * 10_000 + 12, "{text}: {index}");
        }
    }
}

#[test]
fn a_repeated_header_is_a_rejected_row_and_two_columns_of_one_name_refuse_the_file() {
    let practices = "practice_code,practice_name,pcn_code,pcn_name,list_size\n\
        C82005,Groby Road,U87499,G3 PCN,10500\n\
        practice_code,practice_name,pcn_code,pcn_name,list_size\n\
        C82008,Oakmeadow,U87499,G3 PCN,8300\n";
    let file = read_file("practices.csv", practices.as_bytes());
    assert_eq!(counts(&file), (3, 2, 1));
    problem(&file, Severity::RowRejected, 3, "repeats the header");
    // Which of two list sizes holds the figures cannot be told: refused, both named.
    let twice = "practice_code,practice_name,pcn_code,pcn_name,list_size,List Size\n\
        C82005,Groby Road,U87499,G3 PCN,10500,1\n";
    let file = read_file("practices.csv", twice.as_bytes());
    let reason = &refusal(&file).reason;
    assert!(
        reason.starts_with(
            "the columns 'list_size' (column 5) and 'List Size' (column 6) read as the same name"
        ),
        "{reason}"
    );
    assert!(file.extract.practices.is_empty());
}

/// A practices file of `good` rows with a NUL byte inside the name on the row after
/// the first `before` of them.
fn practices_with_nul(before: usize, good: usize) -> Vec<u8> {
    let mut text = b"practice_code,practice_name,pcn_code,pcn_name,list_size\n".to_vec();
    for i in 0..good {
        if i == before {
            text.extend_from_slice(b"C99999,NUL\0 SURGERY,U00001,A PCN,5000\n");
        }
        text.extend_from_slice(
            format!(
                "C{:05},SURGERY {i},U00001,A PCN,{}\n",
                10_000 + i,
                1_000 + i
            )
            .as_bytes(),
        );
    }
    text
}

#[test]
fn a_nul_byte_costs_only_its_row_wherever_it_is() {
    // Early (inside the first 64 KB looked at before reading) and late (after them).
    for before in [1, 3_000] {
        let bytes = practices_with_nul(before, 3_200);
        let file = read_file("practices.csv", bytes.as_slice());
        assert_eq!(counts(&file), (3_201, 3_200, 1), "NUL after {before} rows");
        let line = before as u64 + 2;
        let rejected = problem(&file, Severity::RowRejected, line, "");
        assert!(
            rejected.reason.to_lowercase().contains("nul"),
            "{}",
            rejected.reason
        );
    }
}

#[test]
fn a_line_of_nothing_but_commas_is_skipped_in_bounded_memory_and_said() {
    // Good rows around a 3 MB line of commas: the line is one rejected row, named.
    let mut bytes = b"practice_code,practice_name,pcn_code,pcn_name,list_size\nC10001,A SURGERY,U00001,A PCN,1000\n".to_vec();
    bytes.extend(std::iter::repeat_n(b',', 3_000_000));
    bytes.extend_from_slice(b"\nC10002,B SURGERY,U00001,A PCN,2000\n");
    let file = read_file("practices.csv", bytes.as_slice());
    assert_eq!(counts(&file), (3, 2, 1));
    let skipped = problem(
        &file,
        Severity::RowRejected,
        3,
        "the line is 3,000,000 bytes long",
    );
    assert!(
        skipped.reason.contains("it is skipped"),
        "{}",
        skipped.reason
    );
    // A file that is only commas says so, not that it is empty.
    let commas = vec![b','; 2_000_000];
    let file = read_file("commas.csv", commas.as_slice());
    assert!(
        refusal(&file)
            .reason
            .starts_with("the first row is not a header: the line is 2,000,000 bytes long"),
        "{}",
        refusal(&file).reason
    );
    let file = read_file("commas.csv", b",,,,\n,,,\n".as_slice());
    assert!(
        refusal(&file)
            .reason
            .starts_with("the file has only empty cells"),
        "{}",
        refusal(&file).reason
    );
}

#[test]
fn an_extract_date_in_the_future_is_a_rejected_row_not_the_latest_file() {
    let header = "PUBLICATION,EXTRACT_DATE,TYPE,CCG_CODE,ONS_CCG_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS\n";
    let real = format!(
        "{header}GP_PRAC_PAT_LIST,01JAN2021,GP,04C,E38000097,C82005,LE3 9ED,ALL,ALL,9634\n"
    );
    let typed =
        format!("{header}GP_PRAC_PAT_LIST,01JAN2099,GP,04C,E38000097,C82005,LE3 9ED,ALL,ALL,1\n");
    let typed = read_file("typed.csv", typed.as_bytes());
    assert_eq!(counts(&typed), (1, 0, 1));
    problem(
        &typed,
        Severity::RowRejected,
        2,
        "2099-01-01 is in the future",
    );
    let (workspace, _) = combine(vec![read_file("real.csv", real.as_bytes()), typed]);
    assert_eq!(workspace.practices[0].list_size, 9_634);
}

#[test]
fn a_list_size_no_practice_has_is_rejected_in_every_reader_that_gives_one() {
    // Found by the fuzzer (fuzz/, read_file): QOF's list size took any count.
    let qof = "PRACTICE_CODE,GROUP_CODE,REGISTER,PATIENT_LIST_TYPE,PRACTICE_LIST_SIZE\n\
        C41002,AF,160.0,TOTAL,106506900\nC41003,AF,150.0,TOTAL,10650\n";
    let file = read_file("PREVALENCE_2223.csv", qof.as_bytes());
    problem(
        &file,
        Severity::RowRejected,
        2,
        "more patients than any practice has",
    );
    assert_eq!(file.extract.list_sizes.len(), 1);
    let registrations = "PUBLICATION,EXTRACT_DATE,TYPE,CCG_CODE,ONS_CCG_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS\n\
        GP_PRAC_PAT_LIST,01JAN2021,GP,04C,E38000097,C82005,LE3 9ED,ALL,ALL,999999999999999\n";
    let file = read_file("gp-reg-pat-prac-all.csv", registrations.as_bytes());
    problem(
        &file,
        Severity::RowRejected,
        2,
        "more patients than any practice has",
    );
}

#[test]
fn corpus_regressions_from_the_fuzzer_and_the_issues_keep_their_good_rows() {
    // The fuzzer's first finding: a QOF list size no practice has.
    let file = read("PREVALENCE_2223_list_size_too_large.csv");
    assert_eq!(counts(&file), (2, 1, 1));
    problem(
        &file,
        Severity::RowRejected,
        2,
        "106506900 is more patients than any practice has",
    );
    // A NUL byte inside the first 64 KB costs its row, not the file.
    let file = read("nul_byte.csv");
    assert_eq!(counts(&file), (3, 2, 1));
    problem(
        &file,
        Severity::RowRejected,
        3,
        "character 4 is U+0000 NULL (a NUL byte)",
    );
    assert_eq!(practice_names(&file), ["Groby Road", "Parker Drive"]);
}

#[test]
fn a_period_outside_1948_to_2100_is_a_rejected_row() {
    let values = "indicator_id,area_code,period,numerator,denominator\n\
        x,C82005,2022-03,1,10\nx,C82005,3022-03,1,10\nx,C82005,1900/01,1,10\n";
    let file = read_file("indicators.csv", values.as_bytes());
    assert_eq!(counts(&file), (3, 1, 2));
    problem(
        &file,
        Severity::RowRejected,
        3,
        "Mar 3022 is outside 1948–2100",
    );
    problem(
        &file,
        Severity::RowRejected,
        4,
        "1900/01 is outside 1948–2100",
    );
}
