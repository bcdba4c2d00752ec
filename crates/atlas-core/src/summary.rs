//! Headline figures and structure tables derived from a [`Workspace`]: what the
//! Overview page and `pcatlas summary` show.

use crate::model::{ListSizeSource, Workspace};

/// The headline figures of a workspace.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline {
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
            pcns: workspace.pcns.len(),
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
        let direction = if stated > table { "more" } else { "fewer" };
        Some(format!(
            "The source states a registered population of {}; its PCN list sizes add up to {}, \
             {} {direction}. The stated figure is rounded and may date from another list \
             extract; every figure on these pages uses the PCN list sizes as published.",
            thousands(stated),
            thousands(table),
            thousands(gap),
        ))
    }
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

/// A whole number with thousands separators, as NHS publications write them: 416,470.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_separates_groups_of_three() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(416_470), "416,470");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
