//! QOF raw data: prevalence by practice and disease group, and the practice to NHS
//! geographies mapping. The QOF year comes from the file name (`PREVALENCE_2223.csv`).

use super::registration::{AREA_CODE_COLUMNS, AREA_NAME_COLUMNS};
use super::{expect, required};
use crate::catalogue::register_id;
use crate::ingest::extract::{Extract, ListSizeFact, PcnFact, PracticeFact, SeriesBuilder};
use crate::ingest::report::{Problem, Severity};
use crate::ingest::table::{CsvRows, ReportBuilder};
use crate::ingest::text::normalise_value;
use crate::ingest::values::{parse_code, parse_count, parse_list_size, parse_name, Date};
use crate::model::{Period, Point};
use std::collections::{HashMap, HashSet};
use std::io::Read;

/// The financial year a QOF file name gives: `PREVALENCE_2223.csv` and
/// `qof-2022-23-prevalence.csv` both give 2022 (for 2022/23).
pub fn qof_year_in_file_name(name: &str) -> Option<i32> {
    let digits: Vec<&str> = name
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| !d.is_empty())
        .collect();
    let follows = |start: i32, end: i32| (start + 1) % 100 == end;
    // `2022-23` first: a four-digit year then the next year's last two digits.
    for pair in digits.windows(2) {
        if let (4, 2) = (pair[0].len(), pair[1].len()) {
            let (year, next): (i32, i32) = (pair[0].parse().ok()?, pair[1].parse().ok()?);
            if follows(year, next) {
                return Some(year);
            }
        }
    }
    // `2223`: the last two digits of both years, as the raw data files are named.
    digits.iter().filter(|run| run.len() == 4).find_map(|run| {
        let (a, b): (i32, i32) = (run[..2].parse().ok()?, run[2..].parse().ok()?);
        follows(a, b).then_some(2000 + a)
    })
}

/// The date a QOF year's list sizes are counted at: 1 January before the year's end.
fn list_size_date(start_year: i32) -> Option<Date> {
    Date::new(start_year + 1, 1, 1)
}

/// Reads `PREVALENCE_yyyy.csv`: one register series per disease group (numerator the
/// register, denominator the list size it is measured against), and the practices'
/// list sizes from the TOTAL rows.
pub(crate) fn read_prevalence<R: Read>(
    file_name: &str,
    table: &mut CsvRows<R>,
    report: &mut ReportBuilder,
) -> Extract {
    let Some(start_year) = qof_year_in_file_name(file_name) else {
        report.push(Problem::file(
            Severity::FileRefused,
            "cannot tell the QOF year: expected it in the file name as published, like PREVALENCE_2223.csv for 2022/23",
        ));
        return Extract::default();
    };
    let Some(cols) = required(
        table,
        report,
        &[
            &["practice_code"],
            &["group_code"],
            &["register"],
            &["practice_list_size", "list_size"],
        ],
    ) else {
        return Extract::default();
    };
    let [code_col, group_col, register_col, list_col] = cols[..] else {
        return Extract::default();
    };
    let list_type_col = table.header.find(&["patient_list_type"]);
    let period = Period::FinancialYear { start_year };
    let as_of = list_size_date(start_year);
    let mut builder = SeriesBuilder::default();
    let mut list_sizes: HashMap<String, (u64, u64)> = HashMap::new();
    let mut extract = Extract::default();
    table.for_each_row(report, |row, warnings| {
        let code = row.get(code_col, |t| parse_code(t, expect::PRACTICE_CODE))?;
        let group = row.get(group_col, |t| parse_code(t, "a QOF group code, like DM"))?;
        let register = row.get(register_col, |t| parse_count(t, "a whole number of patients on the register, like 112"))?;
        let list_size = row.get(list_col, |t| parse_list_size(t, expect::PATIENTS))?;
        if register > list_size {
            warnings.push(row.problem(
                Severity::Warning,
                register_col,
                &row.text(register_col),
                format!("the register is above the list size ({list_size}); kept, but check the row"),
            ));
        }
        let point = Point { period, numerator: Some(register as f64), denominator: Some(list_size as f64), value: None };
        let id = register_id(&group);
        builder.insert(&id, &code, point, row.line).map_err(|first| {
            row.problem(Severity::RowRejected, group_col, &group, format!("practice {code} already has a register for group {group} on line {first}; expected one row per practice and group"))
        })?;
        let total = row.optional(list_type_col).is_none_or(|t| normalise_value(&t) == "total");
        if total {
            match list_sizes.get(&code) {
                Some(&(known, line)) if known != list_size => warnings.push(row.problem(
                    Severity::Warning,
                    list_col,
                    &list_size.to_string(),
                    format!("practice {code} has a total list size of {known} on line {line}; the first is used"),
                )),
                Some(_) => {}
                None => {
                    list_sizes.insert(code.clone(), (list_size, row.line));
                    extract.list_sizes.push(ListSizeFact { practice_code: code.clone(), list_size, as_of, line: row.line });
                    extract.practices.push(PracticeFact { as_of, ..PracticeFact::new(code, row.line) });
                }
            }
        }
        Ok(())
    });
    extract.series = builder.finish();
    extract
}

/// Reads `MAPPING_NHS_GEOGRAPHIES_yyyy.csv`: practice names, PCN membership and names,
/// and the sub-ICB location, true at the end of the QOF year.
pub(crate) fn read_mapping<R: Read>(
    file_name: &str,
    table: &mut CsvRows<R>,
    report: &mut ReportBuilder,
) -> Extract {
    let Some(cols) = required(
        table,
        report,
        &[
            &["practice_code"],
            &["practice_name"],
            &["pcn_ods_code", "pcn_code"],
            &["pcn_name"],
        ],
    ) else {
        return Extract::default();
    };
    let [code_col, name_col, pcn_col, pcn_name_col] = cols[..] else {
        return Extract::default();
    };
    let area_col = table.header.find(AREA_CODE_COLUMNS);
    let area_name_col = table.header.find(AREA_NAME_COLUMNS);
    let as_of = qof_year_in_file_name(file_name).and_then(|y| Date::new(y + 1, 3, 31));
    let mut extract = Extract::default();
    let mut pcns_seen = HashSet::new();
    table.for_each_row(report, |row, _| {
        let code = row.get(code_col, |t| parse_code(t, expect::PRACTICE_CODE))?;
        let name = row.get(name_col, |t| parse_name(t, expect::PRACTICE_NAME))?;
        let pcn_code = row.get(pcn_col, |t| parse_code(t, expect::PCN_CODE))?;
        let pcn_name = row.get(pcn_name_col, |t| parse_name(t, expect::PCN_NAME))?;
        if pcns_seen.insert(pcn_code.clone()) {
            extract.pcns.push(PcnFact {
                code: pcn_code.clone(),
                name: pcn_name,
                as_of,
                line: row.line,
            });
        }
        extract.practices.push(PracticeFact {
            name: Some(name),
            pcn_code: Some(pcn_code),
            area_code: row.optional(area_col).map(|a| a.trim().to_string()),
            area_name: row.optional(area_name_col).map(|a| a.trim().to_string()),
            as_of,
            ..PracticeFact::new(code, row.line)
        });
        Ok(())
    });
    extract
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qof_years_from_file_names() {
        assert_eq!(qof_year_in_file_name("PREVALENCE_2223.csv"), Some(2022));
        assert_eq!(
            qof_year_in_file_name("MAPPING_NHS_GEOGRAPHIES_2223_04C.csv"),
            Some(2022)
        );
        assert_eq!(
            qof_year_in_file_name("qof-2019-20-prevalence.csv"),
            Some(2019)
        );
        assert_eq!(qof_year_in_file_name("qof-2021-22.csv"), Some(2021));
        assert_eq!(qof_year_in_file_name("PREVALENCE_2021.csv"), Some(2020));
        assert_eq!(qof_year_in_file_name("PREVALENCE_2023.csv"), None);
        assert_eq!(qof_year_in_file_name("prevalence.csv"), None);
    }
}
