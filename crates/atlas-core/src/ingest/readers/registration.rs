//! Patients Registered at a GP Practice: the all-persons, five-year and single-year
//! files (list sizes), and the practice mapping file (PCN membership and names).

use super::{expect, required};
use crate::ingest::extract::{Extract, ListSizeFact, PcnFact, PracticeFact};
use crate::ingest::report::{Problem, Severity};
use crate::ingest::table::{CsvRows, ReportBuilder};
use crate::ingest::text::normalise_value;
use crate::ingest::values::{file_date, parse_code, parse_date, parse_list_size, parse_name, Date};
use crate::model::{AgeProfile, AGE_BANDS};
use crate::population::band_of;
use std::collections::{HashMap, HashSet};
use std::io::Read;

/// Column names for the sub-ICB location, across the years (`CCG_CODE` became
/// `SUB_ICB_LOCATION_CODE`).
pub(crate) const AREA_CODE_COLUMNS: &[&str] = &[
    "sub_icb_location_code",
    "sub_icb_code",
    "sub_icb_ods_code",
    "ccg_code",
    "ccg_ods_code",
];
/// Column names for the sub-ICB location's name, across the years.
pub(crate) const AREA_NAME_COLUMNS: &[&str] =
    &["sub_icb_location_name", "sub_icb_name", "ccg_name"];

/// Patient counts of one practice at one extract date, as the rows give them.
#[derive(Debug, Default)]
struct Totals {
    all: Option<u64>,
    by_sex_all_ages: [Option<u64>; 2],
    by_sex_summed_ages: [u64; 2],
    sexes_seen: [bool; 2],
    /// Each sex's patients by five-year band, from the rows by age.
    by_band: [[u64; AGE_BANDS]; 2],
    line: u64,
}

impl Totals {
    /// The list size: the all-persons total when given, else males plus females.
    fn list_size(&self) -> Option<u64> {
        if let Some(all) = self.all {
            return Some(all);
        }
        if let [Some(m), Some(f)] = self.by_sex_all_ages {
            return Some(m + f);
        }
        (self.sexes_seen == [true, true]).then(|| self.by_sex_summed_ages.iter().sum())
    }
}

/// Index of a sex (0 male, 1 female), `None` for all persons.
fn sex_index(text: &str) -> Option<usize> {
    match normalise_value(text).as_str() {
        "male" | "m" | "males" => Some(0),
        "female" | "f" | "females" => Some(1),
        _ => None,
    }
}

/// Reads the patient-count files: `gp-reg-pat-prac-all`, `-quin-age`, `-sing-age-*`.
pub(crate) fn read_counts<R: Read>(table: &mut CsvRows<R>, report: &mut ReportBuilder) -> Extract {
    let Some(cols) = required(
        table,
        report,
        &[
            &["extract_date"],
            &["code", "org_code", "practice_code"],
            &["number_of_patients"],
        ],
    ) else {
        return Extract::default();
    };
    let [date_col, code_col, count_col] = cols[..] else {
        return Extract::default();
    };
    let type_col = table.header.find(&["type", "org_type"]);
    let sex_col = table.header.find(&["sex"]);
    let age_col = table.header.find(&["age", "age_group_5", "age_band"]);
    let area_col = table.header.find(AREA_CODE_COLUMNS);
    let postcode_col = table.header.find(&["postcode", "practice_postcode"]);

    let mut extract = Extract::default();
    let mut totals: HashMap<(String, Date), Totals> = HashMap::new();
    let mut order: Vec<(String, Date)> = Vec::new();
    let mut practices_seen: HashSet<String> = HashSet::new();
    table.for_each_row(report, |row, _| {
        if let Some(kind) = row.optional(type_col) {
            if !matches!(normalise_value(&kind).as_str(), "gp" | "practice") {
                return Ok(()); // a row for a larger area; the practice rows are what we read
            }
        }
        let as_of = row.get(date_col, |t| parse_date(t).ok_or_else(|| format!("not a date; expected {}", expect::EXTRACT_DATE)).and_then(|d| file_date(d, expect::EXTRACT_DATE)))?;
        let code = row.get(code_col, |t| parse_code(t, expect::PRACTICE_CODE))?;
        let count = row.get(count_col, |t| parse_list_size(t, expect::PATIENTS))?;
        let sex = row.optional(sex_col).and_then(|t| sex_index(&t));
        let all_ages = row.optional(age_col).is_none_or(|t| normalise_value(&t) == "all");
        let key = (code.clone(), as_of);
        if !totals.contains_key(&key) {
            order.push(key.clone());
        }
        let entry = totals.entry(key).or_insert_with(|| Totals { line: row.line, ..Totals::default() });
        match (sex, all_ages) {
            (None, true) => {
                if entry.all.is_some() {
                    return Err(row.problem(
                        Severity::RowRejected,
                        code_col,
                        &code,
                        format!("practice {code} already has an all-persons count for {as_of} on line {}; expected one", entry.line),
                    ));
                }
                entry.all = Some(count);
                entry.line = row.line;
            }
            (Some(s), true) => entry.by_sex_all_ages[s] = Some(count),
            (Some(s), false) => {
                entry.by_sex_summed_ages[s] = entry.by_sex_summed_ages[s].saturating_add(count);
                entry.sexes_seen[s] = true;
                if let Some(band) = row.optional(age_col).and_then(|t| band_of(&t)) {
                    entry.by_band[s][band] = entry.by_band[s][band].saturating_add(count);
                }
            }
            (None, false) => {}
        }
        if practices_seen.insert(code.clone()) {
            extract.practices.push(PracticeFact {
                postcode: row.optional(postcode_col).map(|p| p.trim().to_uppercase()),
                area_code: row.optional(area_col).map(|a| a.trim().to_string()),
                as_of: Some(as_of),
                ..PracticeFact::new(code, row.line)
            });
        }
        Ok(())
    });
    let mut without_total = 0;
    for key in order {
        let Some(entry) = totals.get(&key) else {
            continue;
        };
        if entry.sexes_seen.contains(&true) {
            extract.age_profiles.push(AgeProfile {
                practice_code: key.0.clone(),
                as_of: key.1,
                male: entry.sexes_seen[0].then_some(entry.by_band[0]),
                female: entry.sexes_seen[1].then_some(entry.by_band[1]),
            });
        }
        match entry.list_size() {
            Some(list_size) => extract.list_sizes.push(ListSizeFact {
                practice_code: key.0,
                list_size,
                as_of: Some(key.1),
                line: entry.line,
            }),
            None => without_total += 1,
        }
    }
    if without_total > 0 {
        report.push(Problem::file(
            Severity::Warning,
            format!("{without_total} practices have counts for one sex only and no all-persons total, so this file sets no list size for them; add gp-reg-pat-prac-all for list sizes"),
        ));
    }
    extract
}

/// Reads the practice mapping file `gp-reg-pat-prac-map`.
pub(crate) fn read_map<R: Read>(table: &mut CsvRows<R>, report: &mut ReportBuilder) -> Extract {
    let Some(cols) = required(
        table,
        report,
        &[
            &["extract_date"],
            &["practice_code"],
            &["practice_name"],
            &["pcn_code"],
            &["pcn_name"],
        ],
    ) else {
        return Extract::default();
    };
    let [date_col, code_col, name_col, pcn_col, pcn_name_col] = cols[..] else {
        return Extract::default();
    };
    let postcode_col = table.header.find(&["practice_postcode", "postcode"]);
    let area_col = table.header.find(AREA_CODE_COLUMNS);
    let area_name_col = table.header.find(AREA_NAME_COLUMNS);
    let mut extract = Extract::default();
    let mut pcns_seen: HashSet<String> = HashSet::new();
    let mut unallocated = 0u64;
    table.for_each_row(report, |row, _| {
        let as_of = row.get(date_col, |t| {
            parse_date(t)
                .ok_or_else(|| format!("not a date; expected {}", expect::EXTRACT_DATE))
                .and_then(|d| file_date(d, expect::EXTRACT_DATE))
        })?;
        let code = row.get(code_col, |t| parse_code(t, expect::PRACTICE_CODE))?;
        let name = row.get(name_col, |t| parse_name(t, expect::PRACTICE_NAME))?;
        let pcn_code = row.get(pcn_col, |t| parse_code(t, expect::PCN_CODE))?;
        let pcn_name = row.get(pcn_name_col, |t| parse_name(t, expect::PCN_NAME))?;
        // "Unallocated" (code `U`) is a practice in no PCN, not a PCN.
        let pcn_code = if is_unallocated(&pcn_code, &pcn_name) {
            unallocated += 1;
            None
        } else {
            Some(pcn_code)
        };
        if let Some(pcn_code) = pcn_code.as_ref().filter(|c| pcns_seen.insert((*c).clone())) {
            extract.pcns.push(PcnFact {
                code: pcn_code.clone(),
                name: pcn_name,
                as_of: Some(as_of),
                line: row.line,
            });
        }
        extract.practices.push(PracticeFact {
            name: Some(name),
            pcn_code,
            postcode: row.optional(postcode_col).map(|p| p.trim().to_uppercase()),
            area_code: row.optional(area_col).map(|a| a.trim().to_string()),
            area_name: row.optional(area_name_col).map(|a| a.trim().to_string()),
            as_of: Some(as_of),
            ..PracticeFact::new(code, row.line)
        });
        Ok(())
    });
    if unallocated > 0 {
        report.push(Problem::file(
            Severity::Warning,
            format!("{unallocated} practices are \"Unallocated\" to a PCN: they are shown as practices in no PCN, and \"Unallocated\" is not counted as a PCN"),
        ));
    }
    extract
}

/// True for the map file's stand-in for "in no PCN": PCN code `U`, or the name
/// "Unallocated".
fn is_unallocated(code: &str, name: &str) -> bool {
    code.eq_ignore_ascii_case("U") || name.trim().eq_ignore_ascii_case("unallocated")
}
