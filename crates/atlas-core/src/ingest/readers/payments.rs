//! NHS Payments to General Practice: one row per practice per financial year, with its
//! registered and weighted patients, the published averages per patient, and every
//! payment line. Read for payments per registered (and weighted) patient, the list size,
//! and what each row says about the practice.
//!
//! The payment lines are added and renamed between years, but one total is published in
//! every year, 2014-15 to 2022-23: `Total NHS Payments to General Practice`, all NHS
//! payments to the practice before the deductions for pensions, levies and prescription
//! charge income. From 2020-21 the files add further totals that include PCN and COVID-19
//! payments; they are not used, so that every year counts the same payments, and because
//! the published `Average payments per registered patient` divides this one.

use super::registration::{AREA_CODE_COLUMNS, AREA_NAME_COLUMNS};
use super::{expect, required};
use crate::catalogue::{PAYMENTS_PER_PATIENT, PAYMENTS_PER_WEIGHTED_PATIENT};
use crate::ingest::extract::{Extract, ListSizeFact, PcnFact, PracticeFact, SeriesBuilder};
use crate::ingest::report::{Problem, Severity};
use crate::ingest::table::{CsvRows, ReportBuilder, Row};
use crate::ingest::text::normalise_value;
use crate::ingest::values::{
    check_patients, normalise_postcode, parse_code, parse_name, parse_non_negative, parse_number,
    Date,
};
use crate::model::{Period, Point};
use std::collections::{HashMap, HashSet};
use std::io::Read;

/// What a financial year column holds, as reasons ask for it.
const FINANCIAL_YEAR: &str = "a financial year, like 2022-23";
/// Patients as this publication counts them: a mean over the year's quarters, so
/// fractions are allowed.
const PATIENTS: &str = "a number of patients, like 8526.75";
/// Averages per patient, which are negative when recoveries exceeded payments.
const POUNDS_PER_PATIENT: &str = "an amount in pounds per patient, like 139.16";
/// What the 2020-21 to 2022-23 files write where a practice was in no PCN.
const NO_PCN: &str = "unknown or no pcn";

/// The financial year (its first calendar year) that a text names as the publication
/// writes it: `22-23`, `2022-23`, `2022/23` or `2022-2023`, the two years one apart and
/// joined by one `-`, `_` or `/`. `NHSPaymentsGP-22-23-prac-csv.csv` and
/// `payments_22-23_04C.csv` both give 2022.
pub fn financial_year_in_text(text: &str) -> Option<i32> {
    // Runs of digits, each with the byte where it starts and ends.
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            runs.push((start, i));
        } else {
            i += 1;
        }
    }
    runs.windows(2).find_map(|pair| {
        let ((a_start, a_end), (b_start, b_end)) = (pair[0], pair[1]);
        let joined = b_start == a_end + 1 && matches!(bytes[a_end], b'-' | b'_' | b'/');
        if !joined {
            return None;
        }
        let first: i32 = text[a_start..a_end].parse().ok()?;
        let second: i32 = text[b_start..b_end].parse().ok()?;
        let (start_year, follows) = match (a_end - a_start, b_end - b_start) {
            // Two-digit years are this century's: the publication began in 2013-14.
            (2, 2) => (2000 + first, (first + 1) % 100 == second),
            (4, 2) => (first, (first + 1) % 100 == second),
            (4, 4) => (first, first + 1 == second),
            _ => return None,
        };
        follows.then_some(start_year)
    })
}

/// A practice's postcode written one way: `LE3  9ED` becomes `LE3 9ED`. Text without a
/// postcode's shape is kept in capitals with its spaces collapsed; a placeholder such as
/// `-` is no postcode.
fn practice_postcode(text: &str) -> Option<String> {
    if let Some(postcode) = normalise_postcode(text) {
        return Some(postcode);
    }
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    collapsed
        .chars()
        .any(|c| c.is_alphanumeric())
        .then(|| collapsed.to_uppercase())
}

/// Where a payments file keeps its PCN and area, which moved in 2022-23.
struct PlaceColumns {
    pcn: Option<usize>,
    pcn_name: Option<usize>,
    area: Option<usize>,
    area_name: Option<usize>,
}

impl PlaceColumns {
    /// The columns, by the year's header.
    fn find<R: Read>(table: &CsvRows<R>) -> PlaceColumns {
        let header = &table.header;
        let area = header.find(AREA_CODE_COLUMNS);
        if let Some(pcn) = header.find(&["pcn_code"]) {
            // 2019-20 to 2021-22: `PCN Code`, `PCN Name`, `CCG Code`, `CCG NAME`.
            return PlaceColumns {
                pcn: Some(pcn),
                pcn_name: header.find(&["pcn_name"]),
                area,
                area_name: header.find(AREA_NAME_COLUMNS),
            };
        }
        match (header.find(&["code"]), header.find(&["sub_icb_name"])) {
            // 2022-23 heads its columns `CCG Code`, `Sub ICB NAME`, `Code`, `CCG NAME`, and
            // they hold the sub-ICB code and name, then the PCN's code and name: the
            // column headed `CCG NAME` names the PCN.
            (Some(pcn), Some(area_name)) => PlaceColumns {
                pcn: Some(pcn),
                pcn_name: header.find(&["ccg_name"]),
                area,
                area_name: Some(area_name),
            },
            // 2014-15 to 2018-19: before PCNs.
            _ => PlaceColumns {
                pcn: None,
                pcn_name: None,
                area,
                area_name: header.find(AREA_NAME_COLUMNS),
            },
        }
    }

    /// The row's PCN code, `None` when it names none ("Unknown or no PCN", blank).
    fn pcn_code(&self, row: &Row<'_>) -> Option<String> {
        let text = row.optional(self.pcn)?;
        if normalise_value(&text) == NO_PCN {
            return None;
        }
        parse_code(&text, expect::PCN_CODE).ok()
    }
}

/// Reads a payments file: per practice and financial year, payments per registered and
/// per weighted patient, the list size, and the practice's name, postcode, PCN and area.
pub(crate) fn read<R: Read>(
    file_name: &str,
    table: &mut CsvRows<R>,
    report: &mut ReportBuilder,
) -> Extract {
    let Some(cols) = required(
        table,
        report,
        &[
            &["practice_code"],
            &["total_nhs_payments_to_general_practice"],
            &[
                "number_of_registered_patients_(last_known_figure)",
                "number_of_registered_patients",
            ],
        ],
    ) else {
        return Extract::default();
    };
    let [code_col, total_col, registered_col] = cols[..] else {
        return Extract::default();
    };
    let year_col = table.header.find(&["financial_year", "year"]);
    let file_year = financial_year_in_text(file_name);
    if year_col.is_none() && file_year.is_none() {
        report.push(Problem::file(
            Severity::FileRefused,
            "cannot tell which financial year this payments file is for: expected it in the file name as published, like NHSPaymentsGP-22-23-prac-csv.csv (22-23 or 2022-23 for 2022/23), or a Financial Year column",
        ));
        return Extract::default();
    }
    let weighted_col = table.header.find(&[
        "number_of_weighted_patients_(last_known_figure)",
        "number_of_weighted_patients",
    ]);
    let average_col = table
        .header
        .find(&["average_payments_per_registered_patient"]);
    let weighted_average_col = table
        .header
        .find(&["average_payments_per_weighted_patient"]);
    let name_col = table.header.find(&["practice_name"]);
    let postcode_col = table.header.find(&["practice_postcode", "postcode"]);
    let places = PlaceColumns::find(table);

    let mut builder = SeriesBuilder::default();
    let mut extract = Extract::default();
    let mut seen: HashMap<(String, i32), u64> = HashMap::new();
    let mut pcns_seen = HashSet::new();
    let mut without_patients = 0u64;
    table.for_each_row(report, |row, warnings| {
        let code = row.get(code_col, |t| parse_code(t, expect::PRACTICE_CODE))?;
        let start_year = match (year_col, file_year) {
            (Some(col), _) => row.get(col, |t| {
                financial_year_in_text(t).ok_or_else(|| format!("not a financial year; expected {FINANCIAL_YEAR}"))
            })?,
            (None, Some(year)) => year,
            (None, None) => return Err(row.row_problem(Severity::RowRejected, "no financial year for this row")),
        };
        let period = Period::FinancialYear { start_year };
        let total = row.get(total_col, |t| parse_number(t, expect::POUNDS))?;
        let registered = row.get(registered_col, |t| {
            parse_non_negative(t, PATIENTS).and_then(|n| check_patients(n, PATIENTS))
        })?;
        let weighted = row.get_optional(weighted_col, |t| parse_non_negative(t, PATIENTS))?;
        let average = row.get_optional(average_col, |t| parse_number(t, POUNDS_PER_PATIENT))?;
        let weighted_average = row.get_optional(weighted_average_col, |t| parse_number(t, POUNDS_PER_PATIENT))?;
        if let Some(&first) = seen.get(&(code.clone(), start_year)) {
            return Err(row.problem(
                Severity::RowRejected,
                code_col,
                &code,
                format!("practice {code} is already on line {first} for {period}; expected each practice once per year"),
            ));
        }
        seen.insert((code.clone(), start_year), row.line);
        if total < 0.0 {
            warnings.push(row.problem(
                Severity::Warning,
                total_col,
                &row.text(total_col),
                "the total payments are negative (recoveries exceeded payments in the year); kept, but check the row",
            ));
        }
        // A practice that opened or closed in the year may have no patients left to
        // divide by: its payments per patient are not a rate, and it has no list.
        let per_patient = [
            (PAYMENTS_PER_PATIENT, Some(registered), average),
            (PAYMENTS_PER_WEIGHTED_PATIENT, weighted, weighted_average),
        ];
        for (id, patients, published) in per_patient {
            let Some(patients) = patients.filter(|&p| p > 0.0) else {
                continue;
            };
            let point = Point {
                period,
                numerator: Some(total),
                denominator: Some(patients),
                value: Some(published.unwrap_or(total / patients)),
            };
            builder.insert(id, &code, point, row.line).map_err(|first| {
                row.problem(Severity::RowRejected, code_col, &code, format!("practice {code} is already on line {first} for {period}; expected each practice once per year"))
            })?;
        }
        if registered > 0.0 {
            extract.list_sizes.push(ListSizeFact {
                practice_code: code.clone(),
                list_size: registered.round() as u64,
                // A mean over the year, dated to no day: any dated count wins over it.
                as_of: None,
                line: row.line,
            });
        } else {
            without_patients += 1;
        }
        let as_of = Date::new(start_year + 1, 3, 31);
        let pcn_code = places.pcn_code(row);
        if let Some(pcn) = &pcn_code {
            let name = row.optional(places.pcn_name).and_then(|n| parse_name(&n, expect::PCN_NAME).ok());
            if let Some(name) = name.filter(|n| normalise_value(n) != NO_PCN) {
                if pcns_seen.insert(pcn.clone()) {
                    extract.pcns.push(PcnFact { code: pcn.clone(), name, as_of, line: row.line });
                }
            }
        }
        extract.practices.push(PracticeFact {
            name: row.optional(name_col).and_then(|n| parse_name(&n, expect::PRACTICE_NAME).ok()),
            pcn_code,
            postcode: row.optional(postcode_col).and_then(|p| practice_postcode(&p)),
            area_code: row.optional(places.area).and_then(|a| parse_code(&a, expect::AREA_CODE).ok()),
            area_name: row.optional(places.area_name).and_then(|n| parse_name(&n, "an area name").ok()),
            // What the row says of the practice is true at the end of the year it is for.
            as_of,
            ..PracticeFact::new(code, row.line)
        });
        Ok(())
    });
    if without_patients > 0 {
        report.push(Problem::file(
            Severity::Warning,
            format!("{without_patients} practices have no registered patients in the year (they opened or closed during it): they have no payments per patient and no list size from this file"),
        ));
    }
    extract.series = builder.finish();
    extract
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn financial_years_from_published_file_names() {
        assert_eq!(
            financial_year_in_text("NHSPaymentsGP-22-23-prac-csv.csv"),
            Some(2022)
        );
        assert_eq!(financial_year_in_text("payments_22-23_04C.csv"), Some(2022));
        assert_eq!(financial_year_in_text("payments_14-15_04C.csv"), Some(2014));
        assert_eq!(
            financial_year_in_text("nhs-payments-gp-2019-20.csv"),
            Some(2019)
        );
        assert_eq!(financial_year_in_text("payments 2019/20.csv"), Some(2019));
        assert_eq!(financial_year_in_text("payments-2020-2021.csv"), Some(2020));
        assert_eq!(financial_year_in_text("2022-23"), Some(2022));
        // A year that turns the century.
        assert_eq!(financial_year_in_text("payments_2099-00.csv"), Some(2099));
    }

    #[test]
    fn names_without_a_financial_year_give_none() {
        for name in [
            "payments.csv",
            "payments_22-24.csv",
            "payments_2023-03-01.csv",
            "payments_04C.csv",
            "payments_22--23.csv",
            "payments_223-24.csv",
            "payments_2022.csv",
        ] {
            assert_eq!(financial_year_in_text(name), None, "{name}");
        }
    }

    #[test]
    fn postcodes_are_written_one_way() {
        assert_eq!(practice_postcode("LE3  9ED").as_deref(), Some("LE3 9ED"));
        assert_eq!(practice_postcode("le192gx").as_deref(), Some("LE19 2GX"));
        assert_eq!(
            practice_postcode("not  a postcode").as_deref(),
            Some("NOT A POSTCODE")
        );
        assert_eq!(practice_postcode(" - "), None);
    }
}
