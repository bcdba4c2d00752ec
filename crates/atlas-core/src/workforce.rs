//! A PCN's staff by role against its population: the additional-roles FTE the PCN
//! workforce collection publishes for the PCN, per 10,000 patients registered at its
//! practices in the GP workforce census of the same month.

use crate::aggregate::point_at;
use crate::catalogue::{pcn_staff_fte_id, PCN_ROLE_GROUPS, PCN_STAFF_FTE_TOTAL};
use crate::model::{Period, Workspace};
use crate::summary::census_registers_of;
use crate::table::{Cell, Table};

/// One role group's staff in a PCN.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleRow {
    pub role: String,
    /// Funded by the Additional Roles Reimbursement Scheme (not directors or managers).
    pub additional: bool,
    pub fte: f64,
    /// FTE per 10,000 registered patients, when the census gives the PCN's patients.
    pub per_10k: Option<f64>,
}

/// A PCN's staff by role in the latest month the collection publishes for it.
#[derive(Debug, Clone, PartialEq)]
pub struct PcnRoles {
    pub period: Period,
    /// Patients registered at the PCN's practices in the census of that month, and how
    /// many of its practices the census counts.
    pub patients: Option<(u64, usize)>,
    pub rows: Vec<RoleRow>,
    /// Every role together.
    pub total: f64,
}

/// The PCN's roles in the latest month it has staff published; `None` without any.
pub fn pcn_roles(workspace: &Workspace, pcn_code: &str) -> Option<PcnRoles> {
    let total_series = workspace.series_for(PCN_STAFF_FTE_TOTAL, pcn_code)?;
    let latest = total_series
        .points
        .iter()
        .rev()
        .find(|p| p.value.is_some())?;
    let period = latest.period;
    let practices: Vec<&str> = workspace
        .practices_in(pcn_code)
        .map(|p| p.code.as_str())
        .collect();
    let patients =
        census_registers_of(workspace, &practices, period).filter(|(patients, _)| *patients > 0);
    let per_10k = |fte: f64| patients.map(|(n, _)| fte / n as f64 * 10_000.0);
    let rows = PCN_ROLE_GROUPS
        .iter()
        .filter_map(|&(group, name, additional)| {
            let series = workspace.series_for(&pcn_staff_fte_id(group), pcn_code)?;
            let fte = point_at(series, period)?.value?;
            Some(RoleRow {
                role: name.to_string(),
                additional,
                fte,
                per_10k: per_10k(fte),
            })
        })
        .collect();
    Some(PcnRoles {
        period,
        patients,
        rows,
        total: latest.value.unwrap_or(0.0),
    })
}

impl PcnRoles {
    /// The roles as a table for the page and its CSV.
    pub fn table(&self) -> Table {
        let mut table = Table::new(&["Role", "Additional role", "FTE", "FTE per 10,000 patients"]);
        let per = |v: Option<f64>| match v {
            Some(v) => Cell::number(v, format!("{v:.2}")),
            None => Cell::text("not known"),
        };
        for row in &self.rows {
            table.rows.push(vec![
                Cell::text(row.role.clone()),
                Cell::text(if row.additional { "yes" } else { "no" }),
                Cell::number(row.fte, format!("{:.2}", row.fte)),
                per(row.per_10k),
            ]);
        }
        table
    }

    /// Staff in additional roles (funded by the Additional Roles Reimbursement Scheme).
    pub fn additional_fte(&self) -> f64 {
        self.rows
            .iter()
            .filter(|r| r.additional)
            .map(|r| r.fte)
            .sum()
    }

    /// Staff in additional roles per 10,000 registered patients, when the census gives
    /// the PCN's patients.
    pub fn additional_per_10k(&self) -> Option<f64> {
        self.patients
            .map(|(patients, _)| self.additional_fte() / patients as f64 * 10_000.0)
    }

    /// The roles in one sentence.
    pub fn sentence(&self, pcn_name: &str) -> String {
        let additional = self.additional_fte();
        let against = match (self.patients, self.additional_per_10k()) {
            (Some((patients, practices)), Some(per_10k)) => format!(
                ", {per_10k:.1} per 10,000 of the {} patients registered at its {practices} practices counted in that month's GP workforce census",
                crate::words::thousands(patients)
            ),
            _ => String::new(),
        };
        format!(
            "In {}, {pcn_name} employed {:.1} full-time equivalent staff, {:.1} of them in additional roles{against}.",
            self.period.label(),
            self.total,
            additional,
        )
    }
}
