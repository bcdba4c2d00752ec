//! Headline figures and structure tables derived from a [`Workspace`]: what the
//! Overview page and `pcatlas summary` show.

use crate::model::{ListSizeSource, Period, Workspace, NO_PCN_CODE};
use crate::table::{Cell, Table};
pub use crate::words::{display_name, first_upper, thousands};
use std::collections::BTreeMap;

/// The headline figures of a workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline {
    /// PCNs, not counting the stand-in for practices in none.
    pub pcns: usize,
    pub practices: usize,
    /// Sum of practice list sizes.
    pub registered_population: u64,
    /// Sum of the PCN list sizes as published, when every PCN has one.
    pub published_pcn_total: Option<u64>,
    /// The population a source states for the place, when it gives one.
    pub stated_population: Option<u64>,
    /// True when any practice list size is an estimate.
    pub list_sizes_estimated: bool,
}

impl Headline {
    pub fn of(workspace: &Workspace) -> Headline {
        Headline {
            pcns: workspace.pcns.iter().filter(|p| !p.is_stand_in()).count(),
            practices: workspace.practices.len(),
            registered_population: workspace.registered_population(),
            published_pcn_total: workspace.published_pcn_total(),
            stated_population: workspace.stated_population,
            list_sizes_estimated: workspace
                .practices
                .iter()
                .any(|p| p.list_size_source == ListSizeSource::Estimated),
        }
    }

    /// A sentence reconciling a stated population with the published PCN total, when
    /// they differ (the 2022 paper states 426,000; its PCN table adds up to 416,470).
    pub fn reconciliation(&self) -> Option<String> {
        let stated = self.stated_population?;
        let table = self.published_pcn_total?;
        if stated == table {
            return None;
        }
        let gap = stated.abs_diff(table);
        let direction = if stated > table { "fewer" } else { "more" };
        Some(format!(
            "The source states a registered population of {}, but its PCN list sizes add up \
             to {}: {} {direction}. The stated figure is rounded and may come from another \
             list extract; every figure on these pages uses the PCN list sizes as published.",
            thousands(stated),
            thousands(table),
            thousands(gap),
        ))
    }
}

/// When the practices' list sizes are true: "Practice list sizes are the registered lists
/// of Jan 2021." when they share one month, the range when they differ; `None` when no
/// file dates them (or they are estimates, which the page says instead).
pub fn list_size_note(workspace: &Workspace) -> Option<String> {
    let dated: Vec<Period> = workspace
        .practices
        .iter()
        .filter(|p| p.list_size_source == ListSizeSource::Reported)
        .filter_map(|p| p.list_size_as_of)
        .collect();
    let first = *dated.iter().min()?;
    let last = *dated.iter().max()?;
    let undated = workspace.practices.len() - dated.len();
    let when = if first == last {
        format!("of {}", first.label())
    } else {
        format!(
            "from {} to {}, each practice's latest in the files",
            first.label(),
            last.label()
        )
    };
    let rest = match undated {
        0 => String::new(),
        1 => " (1 practice's list has no date)".to_string(),
        n => format!(" ({n} practices' lists have no date)"),
    };
    Some(format!(
        "Practice list sizes are the registered lists {when}{rest}."
    ))
}

/// The registered patients one GP workforce census counts at a workspace's practices
/// (each FTE figure's denominator is its practice's list in that census).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CensusRegister {
    pub period: Period,
    /// Practices of the workspace that the census counts.
    pub practices: usize,
    pub patients: u64,
}

/// Every census's registered patients at the workspace's practices, in period order.
pub fn census_registers(workspace: &Workspace) -> Vec<CensusRegister> {
    let mut lists: BTreeMap<Period, BTreeMap<&str, f64>> = BTreeMap::new();
    for series in census_series(workspace) {
        for point in &series.points {
            if let Some(list) = point.denominator.filter(|d| *d > 0.0) {
                let at = lists.entry(point.period).or_default();
                let known = at.entry(series.area_code.as_str()).or_insert(list);
                *known = known.max(list);
            }
        }
    }
    lists
        .into_iter()
        .map(|(period, by_practice)| CensusRegister {
            period,
            practices: by_practice.len(),
            patients: by_practice.values().sum::<f64>().round() as u64,
        })
        .collect()
}

/// The patients registered at some practices in one census, and how many of them the
/// census counts; `None` when it counts none of them.
pub fn census_registers_of(
    workspace: &Workspace,
    practices: &[&str],
    period: Period,
) -> Option<(u64, usize)> {
    let mut lists: BTreeMap<&str, f64> = BTreeMap::new();
    for series in census_series(workspace).filter(|s| practices.contains(&s.area_code.as_str())) {
        if let Some(list) = crate::aggregate::point_at(series, period)
            .and_then(|p| p.denominator)
            .filter(|d| *d > 0.0)
        {
            let known = lists.entry(series.area_code.as_str()).or_insert(list);
            *known = known.max(list);
        }
    }
    (!lists.is_empty()).then(|| (lists.values().sum::<f64>().round() as u64, lists.len()))
}

/// The practices' staff-in-post series of the GP workforce census.
fn census_series(workspace: &Workspace) -> impl Iterator<Item = &crate::model::Series> {
    use crate::catalogue::{ADMIN_FTE, DPC_FTE, GP_FTE, NURSES_FTE};
    workspace.series.iter().filter(|s| {
        [GP_FTE, NURSES_FTE, DPC_FTE, ADMIN_FTE].contains(&s.indicator_id.as_str())
            && workspace.practice(&s.area_code).is_some()
    })
}

/// The published registers set beside a stated population: the census nearest the
/// date it is true at, and the latest, each with how many of the practices it counts
/// (a practice that closed or merged is no longer counted, and that is said).
pub fn register_reconciliation(workspace: &Workspace) -> Option<String> {
    let registers = census_registers(workspace);
    let latest = *registers.last()?;
    let all = workspace.practices.len();
    let counted = |r: &CensusRegister| {
        if r.practices == all {
            format!("all {all} practices")
        } else {
            format!("{} of the {all} practices", r.practices)
        }
    };
    let mut sentence = String::from("The published registers: ");
    if let Some(as_of) = workspace.stated_population_as_of {
        let nearest = registers
            .iter()
            .min_by_key(|r| (r.period.month_index() - as_of.month_index()).abs())?;
        if nearest.period != latest.period {
            sentence.push_str(&format!(
                "the GP workforce census of {}, the nearest to the stated figure's date ({}), counts {} registered patients at {}; ",
                nearest.period.label(),
                as_of.label(),
                thousands(nearest.patients),
                counted(nearest),
            ));
        }
    }
    sentence.push_str(&format!(
        "the latest census, {}, counts {} at {}.",
        latest.period.label(),
        thousands(latest.patients),
        counted(&latest),
    ));
    if latest.practices < all {
        let counted_then: std::collections::HashSet<&str> = census_series(workspace)
            .filter(|s| {
                s.points
                    .iter()
                    .any(|p| p.period == latest.period && p.denominator.is_some())
            })
            .map(|s| s.area_code.as_str())
            .collect();
        let missing: Vec<String> = workspace
            .practices
            .iter()
            .filter(|p| !counted_then.contains(p.code.as_str()))
            .map(|p| format!("{} ({})", display_name(&p.name), p.code))
            .collect();
        sentence.push_str(&format!(
            " Not in the latest census, having closed, merged into another practice or not been published for it: {}.",
            missing.join(", ")
        ));
    }
    Some(sentence)
}

/// One row of the PCN table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PcnRow {
    pub code: String,
    pub name: String,
    pub practices: usize,
    /// The published list size when there is one, otherwise the sum of its practices.
    pub list_size: u64,
}

/// Every PCN with its practice count and list size, in workspace order.
pub fn pcn_rows(workspace: &Workspace) -> Vec<PcnRow> {
    workspace
        .pcns
        .iter()
        .map(|pcn| {
            let members: Vec<_> = workspace.practices_in(&pcn.code).collect();
            let sum = members.iter().map(|p| p.list_size).sum();
            PcnRow {
                code: pcn.code.clone(),
                name: pcn.name.clone(),
                practices: members.len(),
                list_size: pcn.published_list_size.unwrap_or(sum),
            }
        })
        .collect()
}

/// PCN rows from the largest list to the smallest (ties by name).
pub fn pcn_rows_by_list_size(workspace: &Workspace) -> Vec<PcnRow> {
    let mut rows = pcn_rows(workspace);
    rows.sort_by(|a, b| b.list_size.cmp(&a.list_size).then(a.name.cmp(&b.name)));
    rows
}

/// The PCN table: name, ODS code, practices, list size.
pub fn pcn_table(rows: &[PcnRow]) -> Table {
    let mut table = Table::new(&["PCN", "ODS code", "Practices", "List size"]);
    for row in rows {
        table.rows.push(vec![
            Cell::text(display_name(&row.name)),
            Cell::text(&row.code),
            Cell::number(row.practices as f64, row.practices.to_string()),
            Cell::number(row.list_size as f64, thousands(row.list_size)),
        ]);
    }
    table
}

/// The practice table: practice, ODS code, PCN, postcode, list size (marked when estimated).
pub fn practice_table(workspace: &Workspace) -> Table {
    let estimated = workspace
        .practices
        .iter()
        .any(|p| p.list_size_source == ListSizeSource::Estimated);
    let size_column = if estimated {
        "List size (estimated)"
    } else {
        "List size"
    };
    let mut table = Table::new(&["Practice", "ODS code", "PCN", "Postcode", size_column]);
    for practice in &workspace.practices {
        let pcn = workspace
            .pcn(&practice.pcn_code)
            .map(|p| display_name(&p.name))
            .unwrap_or_else(|| practice.pcn_code.clone());
        table.rows.push(vec![
            Cell::text(display_name(&practice.name)),
            Cell::text(&practice.code),
            Cell::text(pcn),
            Cell::text(practice.postcode.clone().unwrap_or_default()),
            Cell::number(practice.list_size as f64, thousands(practice.list_size)),
        ]);
    }
    table
}

/// The former practices (closed, dormant, gone from the latest registrations): practice,
/// ODS code, last PCN, status with its date, last list size with its date.
pub fn former_practice_table(workspace: &Workspace) -> Table {
    let mut table = Table::new(&[
        "Practice",
        "ODS code",
        "Last PCN",
        "Status",
        "Last list size",
    ]);
    for former in &workspace.former_practices {
        let practice = &former.practice;
        let pcn = workspace
            .pcn(&practice.pcn_code)
            .map(|p| display_name(&p.name))
            .unwrap_or_else(|| practice.pcn_code.clone());
        let last = practice.list_sizes.last();
        table.rows.push(vec![
            Cell::text(display_name(&practice.name)),
            Cell::text(&practice.code),
            Cell::text(if practice.pcn_code == NO_PCN_CODE {
                String::new()
            } else {
                pcn
            }),
            Cell::text(former.status.describe()),
            match last {
                Some(l) => Cell::number(
                    l.patients as f64,
                    format!("{} ({})", thousands(l.patients), l.date.label()),
                ),
                None => Cell::text("No count in these files"),
            },
        ]);
    }
    table
}

/// The practices open and their registered patients on each date the files give list
/// sizes for ([`Workspace::registered_on`]): date, practices open, registered patients,
/// and how many open practices have no count that month. Dates on which most open
/// practices have no count (a publication's last figure for a practice that stopped
/// reporting) are left out: their sums would describe a few practices, not the place.
pub fn registered_by_date(workspace: &Workspace) -> Table {
    let mut table = Table::new(&[
        "Date",
        "Practices open",
        "Registered patients",
        "Open practices without a count",
    ]);
    for date in workspace.list_size_dates() {
        let on = workspace.registered_on(date);
        if on.without_count * 2 > on.practices {
            continue;
        }
        table.rows.push(vec![
            // Written yyyy-mm-dd, so that the column sorts in time order.
            Cell::text(date.to_string()),
            Cell::number(on.practices as f64, thousands(on.practices as u64)),
            match on.patients {
                Some(patients) => Cell::number(patients as f64, thousands(patients)),
                None => Cell::text("No counts"),
            },
            Cell::number(on.without_count as f64, thousands(on.without_count as u64)),
        ]);
    }
    table
}

/// The practices of one PCN, largest list first: practice, ODS code, list size (marked
/// when estimated). The PCN profile's chart and table view.
pub fn pcn_practice_table(workspace: &Workspace, pcn_code: &str) -> Table {
    let estimated = workspace
        .practices_in(pcn_code)
        .any(|p| p.list_size_source == ListSizeSource::Estimated);
    let size_column = if estimated {
        "List size (estimated)"
    } else {
        "List size"
    };
    let mut practices: Vec<_> = workspace.practices_in(pcn_code).collect();
    practices.sort_by(|a, b| b.list_size.cmp(&a.list_size).then(a.name.cmp(&b.name)));
    let mut table = Table::new(&["Practice", "ODS code", size_column]);
    for practice in practices {
        table.rows.push(vec![
            Cell::text(display_name(&practice.name)),
            Cell::text(&practice.code),
            Cell::number(practice.list_size as f64, thousands(practice.list_size)),
        ]);
    }
    table
}

/// Practices' names as people read them ([`display_name`]), for the given codes in
/// order; a code the workspace does not know stands for itself. Looked up through one
/// map: a workspace of England has 6,500 practices, and a search per code would make
/// 6,500²/2 comparisons.
pub fn practice_display_names<'a>(
    workspace: &Workspace,
    codes: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let names: std::collections::HashMap<&str, &str> = workspace
        .practices
        .iter()
        .map(|p| (p.code.as_str(), p.name.as_str()))
        .collect();
    codes
        .into_iter()
        .map(|code| {
            names
                .get(code)
                .map_or_else(|| code.to_string(), |n| display_name(n))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn practices_by_date_leave_out_dates_most_practices_have_no_count_for() {
        use crate::model::{Date, ListSizeAt};
        let mut w = crate::default_data::illustrative_city();
        let day = |y, m| Date::new(y, m, 1).unwrap();
        let n = w.practices.len();
        for (i, p) in w.practices.iter_mut().enumerate() {
            p.list_sizes = vec![ListSizeAt {
                date: day(2021, 1),
                patients: 1_000,
            }];
            if i == 0 {
                // One practice's last count, in a month no other has one.
                p.list_sizes.push(ListSizeAt {
                    date: day(2023, 5),
                    patients: 900,
                });
            }
        }
        let table = registered_by_date(&w);
        assert_eq!(table.rows.len(), 1);
        assert_eq!(table.rows[0][0].text, "2021-01-01");
        assert_eq!(table.rows[0][2].number, Some(1_000.0 * n as f64));
    }

    use super::*;

    #[test]
    fn a_pcn_practice_table_lists_its_practices_largest_first() {
        let w = crate::default_data::leicester_city();
        let code = &w.pcns[0].code;
        let t = pcn_practice_table(&w, code);
        assert_eq!(t.rows.len(), w.practices_in(code).count());
        let sizes: Vec<f64> = t.rows.iter().filter_map(|r| r[2].number).collect();
        assert!(sizes.windows(2).all(|p| p[0] >= p[1]));
        assert!(pcn_practice_table(&w, "nobody").rows.is_empty());
    }

    #[test]
    fn thousands_separates_groups_of_three() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(416_470), "416,470");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn reconciliation_says_which_way_the_figures_differ() {
        let headline = Headline {
            pcns: 10,
            practices: 55,
            registered_population: 416_470,
            published_pcn_total: Some(416_470),
            stated_population: Some(426_000),
            list_sizes_estimated: true,
        };
        let text = headline.reconciliation().unwrap();
        assert!(
            text.contains("426,000, but its PCN list sizes add up to 416,470: 9,530 fewer"),
            "{text}"
        );
        let same = Headline {
            stated_population: Some(416_470),
            ..headline
        };
        assert_eq!(same.reconciliation(), None);
    }

    #[test]
    fn display_names_read_naturally() {
        assert_eq!(
            display_name("THE LEICESTER FOXES PCN"),
            "The Leicester Foxes PCN"
        );
        assert_eq!(
            display_name("HEATHERBROOK SURGERY (RP ARCHER)"),
            "Heatherbrook Surgery (RP Archer)"
        );
        assert_eq!(display_name("DR U K ROY"), "Dr U K Roy");
        assert_eq!(
            display_name("AR-RAZI MEDICAL CENTRE"),
            "Ar-Razi Medical Centre"
        );
        assert_eq!(
            display_name("ST ELIZABETH'S MEDICAL CENTRE"),
            "St Elizabeth's Medical Centre"
        );
        assert_eq!(
            display_name("LEICESTER CITY & UNIVERSITY PCN"),
            "Leicester City & University PCN"
        );
        assert_eq!(display_name("Already Mixed Case"), "Already Mixed Case");
    }

    #[test]
    fn practice_display_names_keep_the_order_asked_and_unknown_codes() {
        let w = crate::default_data::leicester_city();
        let (a, b) = (&w.practices[3], &w.practices[0]);
        let names = practice_display_names(&w, [a.code.as_str(), "Z99999", b.code.as_str()]);
        assert_eq!(
            names,
            [
                display_name(&a.name),
                "Z99999".to_string(),
                display_name(&b.name)
            ]
        );
    }
}
