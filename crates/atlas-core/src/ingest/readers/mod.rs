//! One reader per family of formats. Each takes the table after its header and returns
//! what the file contributes, filing every problem in the report.

pub(crate) mod appointments;
pub(crate) mod canonical;
pub(crate) mod epraccur;
pub(crate) mod fingertips;
pub(crate) mod payments;
pub(crate) mod pcn_workforce;
pub(crate) mod postcodes;
pub(crate) mod qof;
pub(crate) mod registration;
pub(crate) mod workforce;

use super::extract::Extract;
use super::format::Format;
use super::report::{Problem, Severity};
use super::table::{ReportBuilder, Table};
use std::io::Read;

/// Reads the rows of a file whose header said it is `format`.
pub(crate) fn read<R: Read>(
    format: Format,
    file_name: &str,
    table: &mut Table<R>,
    report: &mut ReportBuilder,
) -> Extract {
    match format {
        Format::Practices => canonical::read_practices(table, report),
        Format::Indicators => canonical::read_indicators(table, report),
        Format::IndicatorMetadata => canonical::read_metadata(table, report),
        Format::Targets => canonical::read_targets(table, report),
        Format::RegistrationAll
        | Format::RegistrationQuinaryAge
        | Format::RegistrationSingleYearAge => registration::read_counts(table, report),
        Format::RegistrationMap => registration::read_map(table, report),
        Format::AppointmentsPractice | Format::AppointmentsArea => {
            appointments::read_counts(format, table, report)
        }
        Format::AppointmentsMapping => appointments::read_mapping(table, report),
        Format::QofPrevalence => qof::read_prevalence(file_name, table, report),
        Format::QofMapping => qof::read_mapping(file_name, table, report),
        Format::WorkforcePractice => workforce::read(file_name, table, report),
        Format::Payments => payments::read(file_name, table, report),
        Format::PcnWorkforce => pcn_workforce::read(table, report),
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
    table: &Table<R>,
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
    pub const MONTH: &str = "a month like MAR2019, 01MAR2019 or 2025-03-01";
    pub const FTE: &str = "a full-time equivalent, like 0.8";
    pub const POUNDS: &str = "an amount in pounds, like 1465650.58";
}
