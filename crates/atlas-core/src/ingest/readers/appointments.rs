//! Appointments in General Practice: the practice-level crosstab, its practice mapping,
//! and the monthly CSVs by sub-ICB location (CCG in earlier years).
//!
//! Counts are added up by month and area into the catalogue's indicators: all
//! appointments, each mode, GP and other staff, and appointments not attended. Every
//! status counts towards the totals, as in the publication's headline figures.

use super::registration::{AREA_CODE_COLUMNS, AREA_NAME_COLUMNS};
use super::{expect, required, Wanted};
use crate::catalogue::*;
use crate::ingest::extract::{Extract, PcnFact, PracticeFact, SeriesBuilder};
use crate::ingest::format::Format;
use crate::ingest::report::{Problem, Severity};
use crate::ingest::table::{ReportBuilder, Row, Table};
use crate::ingest::text::normalise_value;
use crate::ingest::values::{parse_code, parse_count, parse_month, parse_name, Date};
use crate::model::Period;
use std::collections::{BTreeMap, HashSet};
use std::io::Read;

/// The catalogue id of an appointment mode as published; `Ok(None)` for "Unknown".
pub(crate) fn mode_id(mode: &str) -> Result<Option<&'static str>, ()> {
    // The published spellings first, without allocating: this runs for every row.
    match mode {
        "Face-to-Face" => return Ok(Some(APPOINTMENTS_FACE_TO_FACE)),
        "Telephone" => return Ok(Some(APPOINTMENTS_TELEPHONE)),
        "Video/Online" | "Video Conference/Online" => return Ok(Some(APPOINTMENTS_VIDEO_ONLINE)),
        "Home Visit" => return Ok(Some(APPOINTMENTS_HOME_VISIT)),
        "Unknown" => return Ok(None),
        _ => {}
    }
    match normalise_value(mode).as_str() {
        "face-to-face" | "face to face" | "f2f" => Ok(Some(APPOINTMENTS_FACE_TO_FACE)),
        "telephone" | "phone" => Ok(Some(APPOINTMENTS_TELEPHONE)),
        "video/online" | "video conference/online" | "video" | "online" | "video/ online" => {
            Ok(Some(APPOINTMENTS_VIDEO_ONLINE))
        }
        "home visit" | "home visits" => Ok(Some(APPOINTMENTS_HOME_VISIT)),
        "unknown" | "" => Ok(None),
        _ => Err(()),
    }
}

/// The catalogue id of a staff type as published; `Ok(None)` for "Unknown".
pub(crate) fn staff_id(staff: &str) -> Result<Option<&'static str>, ()> {
    match staff {
        "GP" => return Ok(Some(APPOINTMENTS_GP)),
        "Other Practice staff" => return Ok(Some(APPOINTMENTS_OTHER_STAFF)),
        "Unknown" => return Ok(None),
        _ => {}
    }
    match normalise_value(staff).as_str() {
        "gp" => Ok(Some(APPOINTMENTS_GP)),
        "other practice staff" | "other staff" => Ok(Some(APPOINTMENTS_OTHER_STAFF)),
        "unknown" | "" => Ok(None),
        _ => Err(()),
    }
}

/// True when the status is "did not attend".
fn is_dna(status: &str) -> bool {
    if matches!(status, "Attended" | "Unknown") {
        return false;
    }
    status == "DNA" || matches!(normalise_value(status).as_str(), "dna" | "did not attend")
}

/// Warns once per file about a category value the publication did not use before.
fn warn_new_value(
    row: &Row<'_>,
    column: usize,
    value: &str,
    seen: &mut HashSet<String>,
    what: &str,
    warnings: &mut Vec<Problem>,
) {
    if seen.insert(value.to_string()) {
        warnings.push(row.problem(
            Severity::Warning,
            column,
            value,
            format!("not {what} this reader knows; counted in all appointments only (shown once)"),
        ));
    }
}

/// Reads a crosstab of appointment counts, by practice or by area.
pub(crate) fn read_counts<R: Read>(
    format: Format,
    table: &mut Table<R>,
    report: &mut ReportBuilder,
) -> Extract {
    let by_practice = format == Format::AppointmentsPractice;
    let area_names: Wanted = if by_practice {
        &["gp_code", "practice_code"]
    } else {
        AREA_CODE_COLUMNS
    };
    let Some(cols) = required(
        table,
        report,
        &[
            area_names,
            &["appointment_month_start_date", "appointment_month"],
            &["count_of_appointments"],
        ],
    ) else {
        return Extract::default();
    };
    let [area_col, month_col, count_col] = cols[..] else {
        return Extract::default();
    };
    let mode_col = table.header.find(&["appt_mode", "appointment_mode"]);
    let staff_col = table.header.find(&["hcp_type"]);
    let status_col = table.header.find(&["appt_status", "appointment_status"]);
    let pcn_col = table.header.find(&["pcn_code"]);
    let pcn_name_col = table.header.find(&["pcn_name"]);
    let name_col = table.header.find(&["gp_name", "practice_name"]);
    let sub_icb_col = table.header.find(AREA_CODE_COLUMNS);
    let sub_icb_name_col = table.header.find(AREA_NAME_COLUMNS);

    let mut builder = SeriesBuilder::default();
    let mut new_values: HashSet<String> = HashSet::new();
    // The practice's details from its latest month.
    let mut latest: BTreeMap<String, (Period, PracticeFact, Option<PcnFact>)> = BTreeMap::new();
    table.for_each_row(report, |row, warnings| {
        let area = row.get(area_col, |t| {
            parse_code(
                t,
                if by_practice {
                    expect::PRACTICE_CODE
                } else {
                    expect::AREA_CODE
                },
            )
        })?;
        let month = row.get(month_col, |t| {
            parse_month(t).ok_or_else(|| format!("not a month; expected {}", expect::MONTH))
        })?;
        let count = row.get(count_col, |t| parse_count(t, expect::APPOINTMENTS))? as f64;
        builder.add_count(APPOINTMENTS_TOTAL, &area, month, count, row.line);
        if let Some(col) = mode_col {
            let mode = row.text(col);
            match mode_id(&mode) {
                Ok(Some(id)) => builder.add_count(id, &area, month, count, row.line),
                Ok(None) => {}
                Err(()) => warn_new_value(
                    row,
                    col,
                    &mode,
                    &mut new_values,
                    "an appointment mode",
                    warnings,
                ),
            }
        }
        if let Some(col) = staff_col {
            let staff = row.text(col);
            match staff_id(&staff) {
                Ok(Some(id)) => builder.add_count(id, &area, month, count, row.line),
                Ok(None) => {}
                Err(()) => {
                    warn_new_value(row, col, &staff, &mut new_values, "a staff type", warnings)
                }
            }
        }
        if let Some(col) = status_col {
            if is_dna(&row.text(col)) {
                builder.add_count(APPOINTMENTS_DNA, &area, month, count, row.line);
            }
        }
        if by_practice && latest.get(&area).is_none_or(|(m, _, _)| *m < month) {
            let as_of = Date::new(month.start().0, month.start().1, 1);
            let pcn_code = row
                .optional(pcn_col)
                .and_then(|c| parse_code(&c, expect::PCN_CODE).ok());
            let pcn = pcn_code.as_ref().and_then(|code| {
                let name = row
                    .optional(pcn_name_col)
                    .and_then(|n| parse_name(&n, expect::PCN_NAME).ok())?;
                Some(PcnFact {
                    code: code.clone(),
                    name,
                    as_of,
                    line: row.line,
                })
            });
            let fact = PracticeFact {
                name: row
                    .optional(name_col)
                    .and_then(|n| parse_name(&n, expect::PRACTICE_NAME).ok()),
                pcn_code,
                area_code: row.optional(sub_icb_col).map(|a| a.trim().to_string()),
                area_name: row.optional(sub_icb_name_col).map(|a| a.trim().to_string()),
                as_of,
                ..PracticeFact::new(area.clone(), row.line)
            };
            latest.insert(area, (month, fact, pcn));
        }
        Ok(())
    });
    for warning in builder.isolated_period_warnings() {
        report.push(warning);
    }
    let mut extract = Extract {
        series: builder.finish(),
        ..Extract::default()
    };
    let mut pcns_seen = HashSet::new();
    for (_, (_, fact, pcn)) in latest {
        extract.practices.push(fact);
        if let Some(pcn) = pcn.filter(|p| pcns_seen.insert(p.code.clone())) {
            extract.pcns.push(pcn);
        }
    }
    extract
}

/// Reads the practice mapping (`Mapping.csv`) that comes with the practice-level files.
pub(crate) fn read_mapping<R: Read>(table: &mut Table<R>, report: &mut ReportBuilder) -> Extract {
    let Some(cols) = required(
        table,
        report,
        &[&["gp_code", "practice_code"], &["pcn_code"]],
    ) else {
        return Extract::default();
    };
    let [code_col, pcn_col] = cols[..] else {
        return Extract::default();
    };
    let name_col = table.header.find(&["gp_name", "practice_name"]);
    let pcn_name_col = table.header.find(&["pcn_name"]);
    let area_col = table.header.find(AREA_CODE_COLUMNS);
    let area_name_col = table.header.find(AREA_NAME_COLUMNS);
    let month_col = table.header.find(&[
        "appointment_month_start_date",
        "appointment_month",
        "extract_date",
    ]);
    let mut extract = Extract::default();
    let mut pcns_seen = HashSet::new();
    table.for_each_row(report, |row, _| {
        let code = row.get(code_col, |t| parse_code(t, expect::PRACTICE_CODE))?;
        let pcn_code = row.get(pcn_col, |t| parse_code(t, expect::PCN_CODE))?;
        let name = row.get_optional(name_col, |t| parse_name(t, expect::PRACTICE_NAME))?;
        let pcn_name = row.get_optional(pcn_name_col, |t| parse_name(t, expect::PCN_NAME))?;
        let as_of = row
            .get_optional(month_col, |t| {
                parse_month(t).ok_or_else(|| format!("not a month; expected {}", expect::MONTH))
            })?
            .and_then(|m| Date::new(m.start().0, m.start().1, 1));
        if let Some(pcn_name) = pcn_name {
            if pcns_seen.insert(pcn_code.clone()) {
                extract.pcns.push(PcnFact {
                    code: pcn_code.clone(),
                    name: pcn_name,
                    as_of,
                    line: row.line,
                });
            }
        }
        extract.practices.push(PracticeFact {
            name,
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
