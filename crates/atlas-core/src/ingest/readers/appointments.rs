//! Appointments in General Practice: the practice-level crosstab, its practice mapping,
//! and the monthly CSVs by sub-ICB location (CCG in earlier years).
//!
//! Counts are added up by month and area into the catalogue's indicators: all
//! appointments, each mode, GP and other staff, and appointments not attended. Every
//! status counts towards the totals, as in the publication's headline figures.

use super::registration::{AREA_CODE_COLUMNS, AREA_NAME_COLUMNS};
use super::{expect, required, Wanted};
use crate::catalogue::*;
use crate::ingest::extract::{
    isolated_period_warnings, Extract, ExtractedSeries, PcnFact, PracticeFact, QuickMap,
};
use crate::ingest::format::Format;
use crate::ingest::report::{Problem, Severity};
use crate::ingest::table::{CsvRows, Header, Memo, ReportBuilder, Row};
use crate::ingest::text::normalise_value;
use crate::ingest::values::{
    check_code, file_month, parse_code, parse_count, parse_month, parse_name, Date,
};
use crate::model::{Period, Point, Series};
use serde::{Deserialize, Serialize};
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

/// Warns once per file about a category value the publication did not use before. The
/// warning is kept aside, not filed with the row's problems: pieces of a file read apart
/// must still warn once ([`Counts::append`]).
fn warn_new_value(
    row: &Row<'_>,
    column: usize,
    value: &str,
    new_values: &mut NewValues,
    what: &str,
) {
    if new_values.seen.insert(value.to_string()) {
        let warning = row.problem(
            Severity::Warning,
            column,
            value,
            format!("not {what} this reader knows; counted in all appointments only (shown once)"),
        );
        new_values.warnings.push((value.to_string(), warning));
    }
}

/// Category values the reader did not know, each with the warning first given for it.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
struct NewValues {
    #[serde(skip)]
    seen: HashSet<String>,
    warnings: Vec<(String, Problem)>,
}

/// Reads a crosstab of appointment counts, by practice or by area.
pub(crate) fn read_counts<R: Read>(
    format: Format,
    table: &mut CsvRows<R>,
    report: &mut ReportBuilder,
) -> Extract {
    count(format, table, report)
        .map(|counts| counts.finish(report))
        .unwrap_or_default()
}

/// The columns a crosstab of counts needs, by practice or by area.
fn needed(format: Format) -> [Wanted; 3] {
    let area_names: Wanted = if format == Format::AppointmentsPractice {
        &["gp_code", "practice_code"]
    } else {
        AREA_CODE_COLUMNS
    };
    [
        area_names,
        &["appointment_month_start_date", "appointment_month"],
        &["count_of_appointments"],
    ]
}

/// True when a crosstab with this header can be counted (it has the columns needed).
pub(crate) fn countable(format: Format, header: &Header) -> bool {
    needed(format)
        .iter()
        .all(|names| header.find(names).is_some())
}

/// Adds up a crosstab's rows (all of a file, or one piece of it) by area and month;
/// `None` when columns it needs are missing (filed in the report).
pub(crate) fn count<R: Read>(
    format: Format,
    table: &mut CsvRows<R>,
    report: &mut ReportBuilder,
) -> Option<Counts> {
    let by_practice = format == Format::AppointmentsPractice;
    let cols = required(table, report, &needed(format))?;
    let [area_col, month_col, count_col] = cols[..] else {
        return None;
    };
    let mode_col = table.header.find(&["appt_mode", "appointment_mode"]);
    let staff_col = table.header.find(&["hcp_type"]);
    let status_col = table.header.find(&["appt_status", "appointment_status"]);
    let columns = DetailColumns {
        pcn: table.header.find(&["pcn_code"]),
        pcn_name: table.header.find(&["pcn_name"]),
        name: table.header.find(&["gp_name", "practice_name"]),
        sub_icb: table.header.find(AREA_CODE_COLUMNS),
        sub_icb_name: table.header.find(AREA_NAME_COLUMNS),
    };

    let mut new_values = NewValues::default();
    // Areas in the order first met, found by code; rows come grouped by area, so the
    // last area's bytes are compared first and most rows need no lookup at all.
    let mut areas: Vec<(String, AreaCounts)> = Vec::new();
    let mut area_index: QuickMap<String, usize> = QuickMap::default();
    let mut last_area: Option<(Vec<u8>, usize)> = None;
    // Months, modes, staff types and statuses take few values: each is read once.
    let mut months: Memo<Period> = Memo::new();
    let mut modes: Memo<Option<usize>> = Memo::new();
    let mut staff_types: Memo<Option<usize>> = Memo::new();
    let mut statuses: Memo<bool> = Memo::new();
    table.for_each_row(report, |row, _| {
        let area_bytes = row.bytes(area_col);
        let area = match &last_area {
            Some((bytes, index)) if bytes[..] == *area_bytes => *index,
            _ => {
                let what = if by_practice {
                    expect::PRACTICE_CODE
                } else {
                    expect::AREA_CODE
                };
                let area_text = row.text(area_col);
                let area = check_code(&area_text, what).map_err(|reason| {
                    row.problem(Severity::RowRejected, area_col, &area_text, reason)
                })?;
                let index = match area_index.get(area) {
                    Some(&index) => index,
                    None => {
                        areas.push((area.to_string(), AreaCounts::default()));
                        area_index.insert(area.to_string(), areas.len() - 1);
                        areas.len() - 1
                    }
                };
                last_area = Some((area_bytes.to_vec(), index));
                index
            }
        };
        let month_bytes = row.bytes(month_col);
        let month = match months.get(month_bytes) {
            Some(month) => month,
            None => {
                let month = row.get(month_col, |t| {
                    parse_month(t)
                        .ok_or_else(|| format!("not a month; expected {}", expect::MONTH))
                        .and_then(|m| file_month(m, expect::MONTH))
                })?;
                months.put(month_bytes, month);
                month
            }
        };
        let count = row.get(count_col, |t| parse_count(t, expect::APPOINTMENTS))? as f64;
        let mut slots = [Some(TOTAL), None, None, None];
        if let Some(col) = mode_col {
            let bytes = row.bytes(col);
            if let Some(slot) = modes.get(bytes) {
                slots[1] = slot;
            } else {
                let mode = row.text(col);
                match mode_id(&mode) {
                    Ok(id) => {
                        slots[1] = id.and_then(slot_of);
                        modes.put(bytes, slots[1]);
                    }
                    Err(()) => {
                        warn_new_value(row, col, &mode, &mut new_values, "an appointment mode")
                    }
                }
            }
        }
        if let Some(col) = staff_col {
            let bytes = row.bytes(col);
            if let Some(slot) = staff_types.get(bytes) {
                slots[2] = slot;
            } else {
                let staff = row.text(col);
                match staff_id(&staff) {
                    Ok(id) => {
                        slots[2] = id.and_then(slot_of);
                        staff_types.put(bytes, slots[2]);
                    }
                    Err(()) => warn_new_value(row, col, &staff, &mut new_values, "a staff type"),
                }
            }
        }
        if let Some(col) = status_col {
            let bytes = row.bytes(col);
            let dna = statuses.get(bytes).unwrap_or_else(|| {
                let dna = is_dna(&row.text(col));
                statuses.put(bytes, dna);
                dna
            });
            if dna {
                slots[3] = Some(DNA);
            }
        }
        let (code, counts) = &mut areas[area];
        counts.add(month, slots.into_iter().flatten(), count, row.line);
        // `!=` first: the same month as before is the common case, and cheaper to tell.
        if by_practice
            && counts
                .latest
                .as_ref()
                .is_none_or(|(m, _, _)| *m != month && *m < month)
        {
            counts.latest = Some(practice_details(row, code, month, &columns));
        }
        Ok(())
    });
    new_values.seen.clear();
    Some(Counts { areas, new_values })
}

/// A crosstab's counts by area and month, from all of a file or from a piece of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct Counts {
    /// Areas in the order first met, with their counts.
    areas: Vec<(String, AreaCounts)>,
    new_values: NewValues,
}

impl Counts {
    /// Adds the counts of the next piece of the file, whose lines are counted from
    /// `line_offset` line ends into the file: the sums, each month's first line and each
    /// practice's latest details come out as if the file had been read whole.
    pub fn append(&mut self, later: Counts, line_offset: u64) {
        let mut index: QuickMap<String, usize> = self
            .areas
            .iter()
            .enumerate()
            .map(|(i, (code, _))| (code.clone(), i))
            .collect();
        for (code, mut counts) in later.areas {
            counts.move_lines(line_offset);
            match index.get(&code) {
                Some(&at) => self.areas[at].1.append(counts),
                None => {
                    index.insert(code.clone(), self.areas.len());
                    self.areas.push((code, counts));
                }
            }
        }
        for (value, mut warning) in later.new_values.warnings {
            if !self.new_values.warnings.iter().any(|(v, _)| *v == value) {
                warning.line = warning.line.map(|line| line + line_offset);
                self.new_values.warnings.push((value, warning));
            }
        }
    }

    /// What the file contributes: series by area, indicator and month, and for
    /// practices their details as of their latest month. Files the warnings that need
    /// the whole file (new category values, isolated periods).
    pub fn finish(self, report: &mut ReportBuilder) -> Extract {
        report.insert_by_line(
            self.new_values
                .warnings
                .into_iter()
                .map(|(_, warning)| warning)
                .collect(),
        );
        let mut areas = self.areas;
        let mut extract = Extract::default();
        let mut pcns_seen = HashSet::new();
        // Series by indicator slot, areas in code order; and each slot's periods with
        // the first line each appears on. Built directly: an area's months are distinct.
        let mut series: [Vec<ExtractedSeries>; 8] = Default::default();
        let mut first_lines: [BTreeMap<Period, u64>; 8] = Default::default();
        areas.sort_by(|a, b| a.0.cmp(&b.0));
        for (area, mut counts) in areas {
            counts.months.sort_by_key(|a| a.0);
            for (slot, (id, first_line)) in INDICATORS.iter().zip(&mut first_lines).enumerate() {
                let mut points = Vec::new();
                let mut line = u64::MAX;
                for &(month, ref values, month_line) in &counts.months {
                    if let Some(total) = values[slot] {
                        points.push(Point {
                            period: month,
                            numerator: Some(total),
                            denominator: None,
                            value: None,
                        });
                        line = line.min(month_line);
                        let first = first_line.entry(month).or_insert(month_line);
                        *first = (*first).min(month_line);
                    }
                }
                if !points.is_empty() {
                    series[slot].push(ExtractedSeries {
                        series: Series {
                            indicator_id: id.to_string(),
                            area_code: area.clone(),
                            points,
                        },
                        line,
                    });
                }
            }
            if let Some((_, fact, pcn)) = counts.latest {
                extract.practices.push(fact);
                if let Some(pcn) = pcn.filter(|p| pcns_seen.insert(p.code.clone())) {
                    extract.pcns.push(pcn);
                }
            }
        }
        // Indicators in the order of their ids, as the other readers give them.
        let mut slots: Vec<usize> = (0..INDICATORS.len()).collect();
        slots.sort_by_key(|&slot| INDICATORS[slot]);
        for &slot in &slots {
            for warning in isolated_period_warnings(INDICATORS[slot], &first_lines[slot]) {
                report.push(warning);
            }
        }
        for slot in slots {
            extract.series.append(&mut series[slot]);
        }
        extract
    }
}

/// The indicators an appointments file fills, in the order of [`AreaCounts`]' slots.
const INDICATORS: [&str; 8] = [
    APPOINTMENTS_TOTAL,
    APPOINTMENTS_FACE_TO_FACE,
    APPOINTMENTS_TELEPHONE,
    APPOINTMENTS_VIDEO_ONLINE,
    APPOINTMENTS_HOME_VISIT,
    APPOINTMENTS_GP,
    APPOINTMENTS_OTHER_STAFF,
    APPOINTMENTS_DNA,
];
const TOTAL: usize = 0;
const DNA: usize = 7;

/// The slot of an indicator in [`INDICATORS`].
fn slot_of(id: &str) -> Option<usize> {
    INDICATORS.iter().position(|&i| i == id)
}

/// Details of a practice as a row of the practice-level file gives them.
type PracticeDetails = (Period, PracticeFact, Option<PcnFact>);

/// One area's counts by month, one slot per indicator (`None` until a row adds to it),
/// with the first line of each month; and, for practices, the details of the latest
/// month. Months are kept in the order met (few per area, sorted at the end), with the
/// one the last row added to tried first.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
struct AreaCounts {
    months: Vec<(Period, [Option<f64>; 8], u64)>,
    #[serde(skip)]
    current: usize,
    latest: Option<PracticeDetails>,
}

impl AreaCounts {
    /// Moves every line down by `offset` (a later piece's lines, counted in the file).
    fn move_lines(&mut self, offset: u64) {
        for (_, _, line) in &mut self.months {
            *line += offset;
        }
        if let Some((_, fact, pcn)) = &mut self.latest {
            fact.line += offset;
            if let Some(pcn) = pcn {
                pcn.line += offset;
            }
        }
    }

    /// Adds the same area's counts from a later piece of the file.
    fn append(&mut self, later: AreaCounts) {
        for (month, values, line) in later.months {
            match self.months.iter_mut().find(|(m, _, _)| *m == month) {
                Some((_, sums, first_line)) => {
                    for (sum, value) in sums.iter_mut().zip(values) {
                        if let Some(value) = value {
                            *sum = Some(sum.unwrap_or(0.0) + value);
                        }
                    }
                    *first_line = (*first_line).min(line);
                }
                None => self.months.push((month, values, line)),
            }
        }
        // The first row of the latest month gives the details, as when read whole.
        if let Some(later_latest) = later.latest {
            if self
                .latest
                .as_ref()
                .is_none_or(|(month, _, _)| *month < later_latest.0)
            {
                self.latest = Some(later_latest);
            }
        }
    }

    fn add(&mut self, month: Period, slots: impl Iterator<Item = usize>, count: f64, line: u64) {
        let at = match self.months.get(self.current) {
            Some(&(m, _, _)) if m == month => self.current,
            _ => match self.months.iter().position(|&(m, _, _)| m == month) {
                Some(at) => at,
                None => {
                    self.months.push((month, [None; 8], line));
                    self.months.len() - 1
                }
            },
        };
        self.current = at;
        let values = &mut self.months[at].1;
        for slot in slots {
            values[slot] = Some(values[slot].unwrap_or(0.0) + count);
        }
    }
}

/// The columns giving a practice's details in the practice-level file.
struct DetailColumns {
    pcn: Option<usize>,
    pcn_name: Option<usize>,
    name: Option<usize>,
    sub_icb: Option<usize>,
    sub_icb_name: Option<usize>,
}

/// A practice's name, PCN and sub-ICB location from one row; what cannot be read is
/// left out (the counts are what the row is for).
fn practice_details(
    row: &Row<'_>,
    code: &str,
    month: Period,
    columns: &DetailColumns,
) -> PracticeDetails {
    let as_of = Date::new(month.start().0, month.start().1, 1);
    let pcn_code = row
        .optional(columns.pcn)
        .and_then(|c| parse_code(&c, expect::PCN_CODE).ok());
    let pcn = pcn_code.as_ref().and_then(|code| {
        let name = row
            .optional(columns.pcn_name)
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
            .optional(columns.name)
            .and_then(|n| parse_name(&n, expect::PRACTICE_NAME).ok()),
        pcn_code,
        area_code: row.optional(columns.sub_icb).map(|a| a.trim().to_string()),
        area_name: row
            .optional(columns.sub_icb_name)
            .map(|a| a.trim().to_string()),
        as_of,
        ..PracticeFact::new(code, row.line)
    };
    (month, fact, pcn)
}

/// Reads the practice mapping (`Mapping.csv`) that comes with the practice-level files.
pub(crate) fn read_mapping<R: Read>(table: &mut CsvRows<R>, report: &mut ReportBuilder) -> Extract {
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
                parse_month(t)
                    .ok_or_else(|| format!("not a month; expected {}", expect::MONTH))
                    .and_then(|m| file_month(m, expect::MONTH))
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
