//! One reader per family of formats. Each takes the table after its header and returns
//! what the file contributes, filing every problem in the report.

pub(crate) mod appointments;
pub(crate) mod appointments_coverage;
pub(crate) mod appointments_month;
pub(crate) mod canonical;
pub(crate) mod epraccur;
pub(crate) mod fingertips;
pub(crate) mod patient_survey;
pub(crate) mod payments;
pub(crate) mod pcn_workforce;
pub(crate) mod postcodes;
pub(crate) mod qof;
pub(crate) mod qof_percent;
pub(crate) mod registration;
pub(crate) mod workforce;
pub(crate) mod workforce_panel;

use super::extract::{Extract, ListSizeFact, PracticeFact};
use super::format::Format;
use super::report::{Problem, Severity};
use super::table::{CsvRows, ReportBuilder};
use super::values::{parse_number, Date};
use crate::model::Period;
use std::collections::BTreeMap;
use std::io::Read;

/// Reads the rows of a file whose header said it is `format`.
pub(crate) fn read<R: Read>(
    format: Format,
    file_name: &str,
    table: &mut CsvRows<R>,
    report: &mut ReportBuilder,
) -> Extract {
    match format {
        Format::Practices => canonical::read_practices(table, report),
        Format::Indicators => canonical::read_indicators(table, report),
        Format::IndicatorMetadata => canonical::read_metadata(table, report),
        Format::Targets => canonical::read_targets(table, report),
        Format::Areas => canonical::read_areas(table, report),
        Format::RegistrationAll
        | Format::RegistrationQuinaryAge
        | Format::RegistrationSingleYearAge => registration::read_counts(table, report),
        Format::RegistrationMap => registration::read_map(table, report),
        Format::AppointmentsPractice | Format::AppointmentsArea => {
            appointments::read_counts(format, table, report)
        }
        Format::AppointmentsMapping => appointments::read_mapping(table, report),
        Format::AppointmentsCoverage => appointments_coverage::read(table, report),
        Format::QofPrevalence => qof::read_prevalence(file_name, table, report),
        Format::QofMapping => qof::read_mapping(file_name, table, report),
        Format::WorkforcePractice => workforce::read(file_name, table, report),
        Format::Payments => payments::read(file_name, table, report),
        Format::PcnWorkforce => pcn_workforce::read(table, report),
        Format::AppointmentsPracticeMonth => appointments_month::read(table, report),
        Format::WorkforcePracticePanel => workforce_panel::read(table, report),
        Format::QofPrevalencePercent => qof_percent::read(file_name, table, report),
        Format::PatientSurvey => patient_survey::read(table, report),
        Format::Fingertips => fingertips::read(table, report),
        Format::Epraccur => epraccur::read(table, report),
        Format::CodePointOpen => postcodes::read(table, report),
        Format::Patients => Extract::default(),
    }
}

/// A column a format needs: the names it may go by (compared after
/// [`normalise_header`](super::text::normalise_header)); the first is shown to users.
pub(crate) type Wanted = &'static [&'static str];

/// Finds the columns a format needs. When any is missing, files one problem naming all
/// the missing ones and returns `None`: the file cannot be read without them.
pub(crate) fn required<R: Read>(
    table: &CsvRows<R>,
    report: &mut ReportBuilder,
    wanted: &[Wanted],
) -> Option<Vec<usize>> {
    let found: Vec<Option<usize>> = wanted
        .iter()
        .map(|names| table.header.find(names))
        .collect();
    let missing: Vec<&str> = wanted
        .iter()
        .zip(&found)
        .filter(|(_, f)| f.is_none())
        .map(|(names, _)| names[0])
        .collect();
    if missing.is_empty() {
        Some(found.into_iter().flatten().collect())
    } else {
        let all: Vec<&str> = wanted.iter().map(|names| names[0]).collect();
        report.push(Problem::file(
            Severity::FileRefused,
            format!(
                "missing column{} {}: this format needs the columns {}",
                if missing.len() > 1 { "s" } else { "" },
                missing.join(", "),
                all.join(", ")
            ),
        ));
        None
    }
}

/// Reads a GP practice's ODS code, in a file with one row per practice (the derived
/// tables): a letter and five digits, like C82037. Stricter than
/// [`parse_code`](super::values::parse_code), because each row there makes a practice.
pub(crate) fn parse_practice_code(text: &str) -> Result<String, String> {
    let code = super::values::parse_code(text, expect::PRACTICE_CODE)?;
    if super::values::is_practice_code(&code) {
        Ok(code.to_uppercase())
    } else {
        Err(format!(
            "not a practice code; expected {}",
            expect::PRACTICE_CODE
        ))
    }
}

/// Reads a percentage, as the derived tables give prevalence and survey results: a
/// number from 0 to 100 (`9.22` is 9.22%).
pub(crate) fn parse_percentage(text: &str) -> Result<f64, String> {
    let value = parse_number(text, expect::PERCENTAGE)?;
    if (0.0..=100.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!("outside 0 to 100; expected {}", expect::PERCENTAGE))
    }
}

/// The first day of a month, as the date a monthly (or quarterly) figure is true at.
pub(crate) fn month_start(period: Period) -> Option<Date> {
    let (year, month) = period.start();
    Date::new(year, month, 1)
}

/// What a file with one row per practice and period says of each practice, kept from
/// its latest rows: that it exists (as of its latest period) and its registered list
/// (from the latest period that gives one). One fact per practice, not one per row, so
/// that a file does not contradict itself when files are combined.
#[derive(Debug, Default)]
pub(crate) struct LatestByPractice {
    /// By practice code: the latest period and its line; the latest list size with its
    /// period and line.
    by_code: BTreeMap<String, LatestRows>,
}

#[derive(Debug)]
struct LatestRows {
    period: Period,
    line: u64,
    list: Option<(Period, u64, u64)>,
}

impl LatestByPractice {
    /// Notes one accepted row: the practice, the row's period and line, and the list
    /// size the row gives, if any.
    pub fn note(&mut self, code: &str, period: Period, line: u64, list_size: Option<u64>) {
        let list = list_size.map(|size| (period, size, line));
        match self.by_code.get_mut(code) {
            Some(latest) => {
                if period > latest.period {
                    latest.period = period;
                    latest.line = line;
                }
                if let Some(new) = list {
                    if latest.list.is_none_or(|(known, _, _)| new.0 > known) {
                        latest.list = Some(new);
                    }
                }
            }
            None => {
                self.by_code
                    .insert(code.to_string(), LatestRows { period, line, list });
            }
        }
    }

    /// The practices and list sizes, in practice-code order, each dated to the first day
    /// of its period (as the national monthly files date theirs).
    pub fn finish(self, extract: &mut Extract) {
        for (code, latest) in self.by_code {
            if let Some((period, list_size, line)) = latest.list {
                extract.list_sizes.push(ListSizeFact {
                    practice_code: code.clone(),
                    list_size,
                    as_of: month_start(period),
                    line,
                });
            }
            extract.practices.push(PracticeFact {
                as_of: month_start(latest.period),
                ..PracticeFact::new(code, latest.line)
            });
        }
    }
}

/// Descriptions used in reasons, so the same thing is asked for the same way everywhere.
pub(crate) mod expect {
    pub const PRACTICE_CODE: &str = "a practice code, like C82037";
    pub const PCN_CODE: &str = "a PCN code, like U00147";
    pub const AREA_CODE: &str = "an area code, like C82037 or E38000097";
    pub const INDICATOR_ID: &str = "an indicator id, like appointments_gp";
    pub const PATIENTS: &str = "a whole number of patients, like 8123";
    pub const APPOINTMENTS: &str = "a whole number of appointments, like 412";
    pub const PRACTICE_NAME: &str = "a practice name";
    pub const PCN_NAME: &str = "a PCN name";
    pub const EXTRACT_DATE: &str = "an extract date like 01JAN2021, 01Jan2022 or 2025-03-01";
    pub const ODS_DATE: &str = "an ODS date like 20181130 (year, month, day) or empty";
    pub const MONTH: &str = "a month like MAR2019, 01MAR2019 or 2025-03-01";
    pub const FTE: &str = "a full-time equivalent, like 0.8";
    pub const POUNDS: &str = "an amount in pounds, like 1465650.58";
    pub const PERCENTAGE: &str = "a percentage from 0 to 100, like 9.22";
}
